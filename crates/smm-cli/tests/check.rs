//! `smm check`: reports, summaries, exit codes and standard input.

mod common;

use common::{Project, GOOD, GOOD_TOO, THREE_MISTAKES, TWO_MISTAKES};

#[test]
fn clean_files_exit_0() {
    let p = Project::new();
    p.file("a.smm", GOOD).file("sub/b.smm", GOOD_TOO);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 2 files: no problems\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn three_mistakes_are_all_reported_with_line_and_column() {
    let p = Project::new();
    p.file("plant.smm", THREE_MISTAKES);
    let out = p.run(&["check", "plant.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    for place in ["plant.smm:3:3", "plant.smm:11:27", "plant.smm:13:18"] {
        assert!(
            out.stdout.contains(place),
            "{place} missing in\n{}",
            out.stdout
        );
    }
    assert!(out.stdout.ends_with("checked 1 file: 3 errors in 1 file\n"));
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn unterminated_string_and_stray_brace() {
    let p = Project::new();
    p.file("broken.smm", TWO_MISTAKES);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1, "{out:?}");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn summary_counts_errors_and_files() {
    let p = Project::new();
    p.file("a.smm", THREE_MISTAKES)
        .file("b.smm", GOOD)
        .file("c.smm", TWO_MISTAKES);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .ends_with("checked 3 files: 5 errors in 2 files\n"),
        "{}",
        out.stdout
    );
    let a = out.stdout.find("a.smm:").unwrap();
    let c = out.stdout.find("c.smm:").unwrap();
    assert!(a < c, "files are reported in sorted order");
}

#[test]
fn only_the_paths_asked_for_are_reported() {
    let p = Project::new();
    p.file("good.smm", GOOD)
        .file("bad.smm", THREE_MISTAKES)
        .bytes("binary.smm", b"\xff");
    let out = p.run(&["check", "good.smm"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 1 file: no problems\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn paths_are_shown_as_given() {
    let p = Project::new();
    p.file("sub/deep/bad.smm", TWO_MISTAKES);
    let out = p.run(&["check", "./sub"]);
    assert!(
        out.stdout.contains("./sub/deep/bad.smm:3:15"),
        "{}",
        out.stdout
    );
    let out = p.run(&["check", "sub/deep/bad.smm", "sub"]);
    assert!(
        out.stdout.ends_with("checked 1 file: 2 errors in 1 file\n"),
        "a file named twice is checked once: {}",
        out.stdout
    );
}

#[test]
fn problems_and_input_errors_exit_2() {
    let p = Project::new();
    p.file("bad.smm", THREE_MISTAKES);
    let out = p.run(&["check", "bad.smm", "missing.smm"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stdout.contains("bad.smm:3:3"));
    assert!(out
        .stdout
        .ends_with("checked 1 file: 3 errors in 1 file; 1 input error\n"));
    assert_eq!(
        out.stderr,
        "error: missing.smm: no such file or directory\n"
    );
}

#[test]
fn stdin_with_a_name() {
    let p = Project::new();
    let out = p.output(
        p.smm(&["check", "-", "--stdin-filename", "zone/plant.smm"])
            .write_stdin(TWO_MISTAKES),
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("zone/plant.smm:3:15"), "{}", out.stdout);
    assert!(out.stdout.ends_with("checked 1 file: 2 errors in 1 file\n"));
}

#[test]
fn stdin_without_a_name() {
    let p = Project::new();
    let out = p.output(p.smm(&["check", "-"]).write_stdin(TWO_MISTAKES));
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("<stdin>:6:1"), "{}", out.stdout);
    let out = p.output(p.smm(&["check", "-"]).write_stdin(GOOD));
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "checked 1 file: no problems\n");
}

#[test]
fn stdin_stands_in_for_the_file_on_disk() {
    let p = Project::new();
    p.file("plant.smm", THREE_MISTAKES);
    let out = p.output(
        p.smm(&["check", "plant.smm", "-", "--stdin-filename", "plant.smm"])
            .write_stdin(GOOD),
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 1 file: no problems\n");
}

#[test]
fn stdin_filename_starts_the_root_search() {
    let p = Project::new();
    p.file("site/smm.toml", "unknown = 1\n")
        .dir("site/zone")
        .dir("elsewhere");
    let out = p.output(
        p.smm_in(
            "elsewhere",
            &["check", "-", "--stdin-filename", "../site/zone/x.smm"],
        )
        .write_stdin(GOOD),
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "error: [ROOT]/site/smm.toml:1:1: unknown field `unknown`, expected one of `exclude`, `catalogs`, `follow-links-to`, `expiry-warning-days`, `fail-on`, `severity`, `builtin-mappings`\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::new();
    for args in [
        &["check", "-", "-"][..],
        &["check", "--stdin-filename", "x.smm"],
        &["check", "--no-such-flag"],
        &["check", "--color", "sometimes"],
        &[],
    ] {
        let out = p.run(args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("error:") || out.stderr.contains("Usage: smm"),
            "{args:?}: {out:?}"
        );
    }
}

/// The repository's deliberately failing files keep failing, each for its reasons.
#[test]
fn the_deliberately_failing_files_fail() {
    let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("smm");
    let output = command
        .args(["check", "tests/failing", "--color", "never"])
        .current_dir(&repository)
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(stdout);
}
