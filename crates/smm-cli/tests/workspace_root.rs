//! Which folder is the workspace, said when it matters: `--verbose`, a profile that is not
//! found because its file lies in another workspace or because there is no smm.toml, and
//! `smm explain` and `smm catalog` outside any workspace, which read no file.

mod common;

use common::Project;

const PROFILE: &str = "profile base {\n  role asset-owner\n  target access-control level 1\n}\n";
const ASSESSMENT: &str = "assessment x {\n  profile base\n  date 2026-01-01\n}\n";
const STANDARD: &str = "standard acme \"ACME rules\" {\n  source \"Internal handbook\"\n  role asset-owner\n  clause acme:R1 \"Zones\"\n}\n";

#[test]
fn verbose_names_each_root_and_why() {
    let p = Project::new();
    p.file("smm.toml", "")
        .file("a/x.smm", ASSESSMENT)
        .file("a/base.smm", PROFILE)
        .file("elsewhere/sub/p.smm", PROFILE);
    let out = p.run(&["check", "-v", "a", "elsewhere/sub/p.smm"]);
    assert!(
        out.stderr
            .contains("info: workspace root . (from smm.toml)\n"),
        "{out:?}"
    );
    let out = p.output(&mut p.smm_in("elsewhere", &["fmt", "--check", "--verbose"]));
    assert!(
        out.stderr
            .contains("info: workspace root [ROOT] (from [ROOT]/smm.toml)\n"),
        "{out:?}"
    );
    std::fs::remove_file(p.path("smm.toml")).unwrap();
    let out = p.run(&["fix", "-v", "elsewhere/sub/p.smm"]);
    assert!(
        out.stderr.contains(
            "info: workspace root elsewhere/sub (no smm.toml there or above, so the folder of the path given)\n"
        ),
        "{out:?}"
    );
    let out = p.run(&["check", "a"]);
    assert!(!out.stderr.contains("info:"), "quiet without -v: {out:?}");
}

#[test]
fn a_profile_in_a_file_given_from_another_workspace_is_explained() {
    let p = Project::new();
    p.file("a/x.smm", ASSESSMENT).file("b/base.smm", PROFILE);
    let out = p.run(&["check", "a/x.smm", "b/base.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains(
            "`base` is defined in b/base.smm, given on the command line, but that file lies in another workspace"
        ),
        "{out:?}"
    );
    assert!(
        out.stdout
            .contains("Put one smm.toml in a folder above both"),
        "{out:?}"
    );

    // One smm.toml above both: one workspace, and the profile is found.
    p.file("smm.toml", "");
    let out = p.run(&["check", "a/x.smm", "b/base.smm"]);
    assert!(!out.stdout.contains("unknown-profile"), "{out:?}");
}

#[test]
fn without_smm_toml_an_unknown_profile_says_which_folder_was_searched() {
    let p = Project::new();
    p.file("a/x.smm", ASSESSMENT).file("b/base.smm", PROFILE);
    let out = p.run(&["check", "a"]);
    assert!(
        out.stdout.contains(
            "workspace root a (no smm.toml there or above, so the folder of the path given); \
             if `base` is defined outside it, put an smm.toml in the folder that holds all your \
             .smm files (`smm init` writes one)"
        ),
        "{out:?}"
    );
    // With smm.toml the root is deliberate: no note.
    p.file("a/smm.toml", "");
    let out = p.run(&["check", "a"]);
    assert!(out.stdout.contains("unknown-profile"), "{out:?}");
    assert!(!out.stdout.contains("workspace root"), "{out:?}");
}

#[test]
fn explain_and_catalog_outside_a_workspace_read_no_file() {
    let p = Project::new();
    p.file("catalogs/acme.smm", STANDARD);
    // No smm.toml here or above: the file defining `acme` is not read.
    let out = p.run(&["explain", "acme", "-v"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .contains("info: no smm.toml here or above: the built-in catalog only\n"),
        "{out:?}"
    );
    assert!(
        out.stderr
            .contains("note: no smm.toml here or above, so only the built-in catalog was searched"),
        "{out:?}"
    );
    let out = p.run(&["catalog", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!out.stdout.contains("\"acme\""), "{out:?}");
    let builtin = out.stdout;

    // In a workspace, its catalogs count.
    p.file("smm.toml", "");
    let out = p.run(&["explain", "acme", "--verbose"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("ACME rules"), "{out:?}");
    assert!(
        out.stderr.contains(
            "info: workspace root . (from smm.toml): the built-in catalog and the workspace's\n"
        ),
        "{out:?}"
    );
    let out = p.run(&["catalog", "--format", "json"]);
    assert!(out.stdout.contains("\"acme\""), "{out:?}");
    assert_ne!(out.stdout, builtin);
}

#[test]
fn lsp_takes_no_color_option() {
    let out = Project::new().run(&["lsp", "--color", "never"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("unexpected argument '--color'"),
        "{out:?}"
    );
}

#[test]
fn each_command_lists_its_exit_codes() {
    for command in [
        "check",
        "fmt",
        "fix",
        "catalog",
        "explain",
        "lsp",
        "init",
        "new",
        "completions",
        "man",
    ] {
        let out = Project::new().run(&[command, "--help"]);
        assert_eq!(out.code, 0, "{command}: {out:?}");
        assert!(
            out.stdout.contains("Exit status:"),
            "{command}: {}",
            out.stdout
        );
    }
}
