//! Which files a run sees: the root, smm.toml, excludes and skipped directories.

mod common;

use common::{Project, GOOD, GOOD_TOO, THREE_MISTAKES};

#[test]
fn hidden_build_and_vendored_directories_are_skipped() {
    let p = Project::new();
    p.file("ok.smm", GOOD)
        .file(".git/bad.smm", THREE_MISTAKES)
        .file("sub/.cache/bad.smm", THREE_MISTAKES)
        .file("target/bad.smm", THREE_MISTAKES)
        .file("web/node_modules/pkg/bad.smm", THREE_MISTAKES)
        .file("notes.txt", "targt");
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 1 file: no problems\n");
}

#[test]
fn exclude_globs_are_relative_to_the_root() {
    let p = Project::new();
    p.file("smm.toml", "exclude = [\"drafts/**\", \"**/*.wip.smm\"]\n")
        .file("ok.smm", GOOD)
        .file("drafts/a.smm", THREE_MISTAKES)
        .file("drafts/deep/b.smm", THREE_MISTAKES)
        .file("sub/c.wip.smm", THREE_MISTAKES)
        .file("sub/drafts/kept.smm", GOOD_TOO);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 2 files: no problems\n");

    let out = p.run(&["check", "drafts"]);
    assert_eq!(
        out.code, 0,
        "a directory argument respects excludes: {out:?}"
    );
    assert_eq!(out.stdout, "checked 0 files: no problems\n");
}

#[test]
fn an_excluded_file_named_explicitly_is_checked() {
    let p = Project::new();
    p.file("smm.toml", "exclude = [\"drafts/**\"]\n")
        .file("drafts/a.smm", THREE_MISTAKES);
    let out = p.run(&["check", "drafts/a.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("drafts/a.smm:3:3"));
}

#[test]
fn the_root_is_found_from_a_subdirectory() {
    let p = Project::new();
    p.file("smm.toml", "exclude = [\"sub/drafts/**\"]\n")
        .file("sub/ok.smm", GOOD)
        .file("sub/drafts/bad.smm", THREE_MISTAKES);
    let out = p.output(&mut p.smm_in("sub", &["check"]));
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 1 file: no problems\n");
    let out = p.run(&["check", "sub"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn the_nearest_smm_toml_wins() {
    let p = Project::new();
    p.file("smm.toml", "exclude = [\"**\"]\n")
        .file("inner/smm.toml", "")
        .file("inner/bad.smm", THREE_MISTAKES);
    let out = p.run(&["check", "inner"]);
    assert_eq!(out.code, 1, "{out:?}");
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn a_malformed_smm_toml_is_located() {
    let p = Project::new();
    p.file(
        "smm.toml",
        "exclude = [\"drafts/**\"]\nexclude_more = true\n",
    )
    .file("ok.smm", GOOD);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 2, "{out:?}");
    insta::assert_snapshot!(out.stderr);

    p.file("smm.toml", "exclude = [\"a[\"]\n");
    let out = p.output(&mut p.smm_in("", &["fmt", "--check"]));
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("error: smm.toml:1:12: invalid exclude glob: unclosed character class"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_malformed_smm_toml_above_the_current_directory_is_named_in_full() {
    let p = Project::new();
    p.file("smm.toml", "exclude = \"drafts\"\n")
        .file("sub/ok.smm", GOOD);
    let out = p.output(&mut p.smm_in("sub", &["check"]));
    assert_eq!(out.code, 2, "{out:?}");
    insta::assert_snapshot!(out.stderr);
}
