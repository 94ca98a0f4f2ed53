//! Nothing outside the workspace is read or probed: symlinks out of the root are not followed
//! unless smm.toml allows their folder, catalog folders obey the same rule, and evidence links
//! are looked up only inside.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;

use common::{Project, GOOD};

const SECRET: &str = "root:x:0:0:SECRET-LINE\n";

/// A workspace at `root/` beside a folder `outside/` holding a secret.
fn project() -> Project {
    let p = Project::new();
    p.file("root/smm.toml", "")
        .file("root/a.smm", GOOD)
        .file("outside/passwd", SECRET);
    p
}

#[test]
fn a_symlink_out_of_the_root_is_not_read_and_a_warning_names_it() {
    let p = project();
    symlink(p.path("outside/passwd"), p.path("root/leak.smm")).unwrap();
    symlink("/proc/self/environ", p.path("root/environ.smm")).unwrap();
    // A link to nothing outside gets the same answer: the walk reveals no existence.
    symlink(p.path("outside/no-such-file"), p.path("root/probe.smm")).unwrap();
    for format in ["github", "human", "json", "sarif", "junit"] {
        let out = p.output(&mut p.smm_in("root", &["check", ".", "--format", format]));
        assert_eq!(out.code, 0, "{format}: {out:?}");
        assert!(
            !out.stdout.contains("SECRET") && !out.stderr.contains("SECRET"),
            "{format}"
        );
        assert!(
            !out.stdout.contains("PATH="),
            "{format}: the environment leaked"
        );
        for link in ["leak.smm", "environ.smm", "probe.smm"] {
            let warning =
                format!("warning: {link}: not read: it links to a file outside the workspace");
            assert!(out.stderr.contains(&warning), "{format}: {}", out.stderr);
        }
    }
    // Named on the command line, it is an input that cannot be used, existing or not.
    for link in ["leak.smm", "probe.smm"] {
        let out = p.output(&mut p.smm_in("root", &["check", link]));
        assert_eq!(out.code, 2, "{out:?}");
        let error = format!("error: {link}: not read: ");
        assert!(out.stderr.starts_with(&error), "{out:?}");
        assert!(!out.stdout.contains("SECRET"));
    }
}

#[test]
fn follow_links_to_allows_a_folder() {
    let p = project();
    p.file(
        "shared/catalog.smm",
        "standard acme \"Acme controls\" {\n  clause acme:c1 \"First control\"\n}\n",
    );
    symlink(p.path("shared/catalog.smm"), p.path("root/catalog.smm")).unwrap();
    let out = p.output(&mut p.smm_in("root", &["check", "."]));
    assert!(
        out.stderr.contains("warning: catalog.smm: not read"),
        "{out:?}"
    );
    assert!(out.stdout.contains("checked 1 file"), "{out:?}");
    p.file("root/smm.toml", "follow-links-to = [\"../shared\"]\n");
    let out = p.output(&mut p.smm_in("root", &["check", "."]));
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{out:?}");
    assert!(out.stdout.contains("checked 2 files"), "{out:?}");
    let out = p.output(&mut p.smm_in("root", &["explain", "acme:c1"]));
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn catalog_folders_outside_the_root_need_follow_links_to() {
    let p = project();
    p.file(
        "shared/catalogs/acme.smm",
        "standard acme \"Acme controls\" {\n  clause acme:c1 \"First control\"\n}\n",
    );
    // Whether the folder exists or not, the same answer.
    for folder in ["../shared/catalogs", "../shared/nothing"] {
        p.file("root/smm.toml", &format!("catalogs = [\"{folder}\"]\n"));
        let out = p.output(&mut p.smm_in("root", &["check", "."]));
        assert_eq!(out.code, 2, "{out:?}");
        let expected = format!("smm.toml:1:13: catalog folder `{folder}` is outside the workspace");
        assert!(out.stderr.contains(&expected), "{out:?}");
    }
    p.file(
        "root/smm.toml",
        "follow-links-to = [\"../shared\"]\ncatalogs = [\"../shared/catalogs\"]\n",
    );
    let out = p.output(&mut p.smm_in("root", &["explain", "acme:c1"]));
    assert_eq!(out.code, 0, "{out:?}");
    // A link inside the allowed catalog folder that leads out again is not read.
    symlink(p.path("outside/passwd"), p.path("shared/catalogs/leak.smm")).unwrap();
    let out = p.output(&mut p.smm_in("root", &["check", ".", "--format", "github"]));
    assert!(
        !out.stdout.contains("SECRET") && !out.stderr.contains("SECRET"),
        "{out:?}"
    );
}

fn assessment_with_link(link: &str) -> String {
    GOOD.replace("https://example.org/patch-log.pdf", link)
}

fn codes(p: &Project) -> Vec<String> {
    let out = p.output(&mut p.smm_in("root", &["check", "a.smm", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn evidence_links_are_looked_up_only_inside_the_workspace() {
    let p = project();
    p.file("root/docs/review.md", "ok");
    symlink(p.path("outside"), p.path("root/docs/escape")).unwrap();
    let cases = [
        ("docs/review.md", vec![]),
        ("docs/missing.md", vec!["check::missing-link-target"]),
        // Existing or not, a path outside gets the same answer: nothing is revealed.
        (
            "../../../../../../etc/passwd",
            vec!["check::link-outside-workspace"],
        ),
        (
            "../../../../../../etc/no-such-file",
            vec!["check::link-outside-workspace"],
        ),
        ("../outside/passwd", vec!["check::link-outside-workspace"]),
        ("/proc/self/environ", vec!["check::link-outside-workspace"]),
        ("docs/escape/passwd", vec!["check::link-outside-workspace"]),
        ("docs/escape/nothing", vec!["check::link-outside-workspace"]),
        ("https://example.org/../../etc/passwd", vec![]),
        ("file:///etc/passwd", vec!["check::unsupported-link-scheme"]),
        (
            "javascript:alert(1)",
            vec!["check::unsupported-link-scheme"],
        ),
    ];
    for (link, expected) in cases {
        p.file("root/a.smm", &assessment_with_link(link));
        assert_eq!(codes(&p), expected, "{link}");
    }
}
