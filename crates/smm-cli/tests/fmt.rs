//! `smm fmt`: rewriting in place, `--check`, standard input and files that do not parse.

mod common;

use std::fs;

use common::{Project, GOOD, MESSY, MESSY_FORMATTED, THREE_MISTAKES};

fn names(p: &Project, relative: &str) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(p.path(relative))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn formats_in_place_and_leaves_formatted_files_alone() {
    let p = Project::new();
    p.file("messy.smm", MESSY).file("sub/good.smm", GOOD);
    // A rewrite of the read-only file would fail: success shows it was not touched.
    let good = p.path("sub/good.smm");
    let mut readonly = fs::metadata(&good).unwrap().permissions();
    readonly.set_readonly(true);
    fs::set_permissions(&good, readonly).unwrap();

    let out = p.run(&["fmt"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "formatted 1 file, 1 already formatted\n");
    assert_eq!(p.read("messy.smm"), MESSY_FORMATTED);
    assert_eq!(p.read("sub/good.smm"), GOOD);
    assert_eq!(
        names(&p, ""),
        ["messy.smm", "sub"],
        "no temporary files left"
    );

    let out = p.run(&["fmt"]);
    assert_eq!(out.stderr, "formatted 0 files, 2 already formatted\n");
}

#[cfg(unix)]
#[test]
fn keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new();
    p.file("messy.smm", MESSY);
    fs::set_permissions(p.path("messy.smm"), fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(p.run(&["fmt", "messy.smm"]).code, 0);
    let mode = fs::metadata(p.path("messy.smm"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(p.read("messy.smm"), MESSY_FORMATTED);
}

#[test]
fn a_read_only_unformatted_file_is_an_error() {
    let p = Project::new();
    p.file("messy.smm", MESSY);
    let path = p.path("messy.smm");
    let mut readonly = fs::metadata(&path).unwrap().permissions();
    readonly.set_readonly(true);
    fs::set_permissions(&path, readonly).unwrap();
    let out = p.run(&["fmt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "error: messy.smm: cannot write: file is read-only\nformatted 0 files, 0 already formatted, 1 input error\n"
    );
    assert_eq!(p.read("messy.smm"), MESSY);
}

#[test]
fn check_shows_a_diff_and_writes_nothing() {
    let p = Project::new();
    p.file("messy.smm", MESSY).file("good.smm", GOOD);
    let out = p.run(&["fmt", "--check"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stderr,
        "1 file would be formatted, 1 already formatted\n"
    );
    insta::assert_snapshot!(out.stdout);
    assert_eq!(p.read("messy.smm"), MESSY);
}

#[test]
fn check_passes_on_formatted_files() {
    let p = Project::new();
    p.file("good.smm", GOOD);
    let out = p.run(&["fmt", "--check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
}

#[test]
fn a_file_with_syntax_errors_is_left_untouched() {
    let p = Project::new();
    p.file("bad.smm", THREE_MISTAKES).file("messy.smm", MESSY);
    let out = p.run(&["fmt"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(p.read("bad.smm"), THREE_MISTAKES);
    assert_eq!(
        p.read("messy.smm"),
        MESSY_FORMATTED,
        "other files are formatted"
    );
    for place in ["bad.smm:3:3", "bad.smm:11:27", "bad.smm:13:18"] {
        assert!(
            out.stderr.contains(place),
            "{place} missing in {}",
            out.stderr
        );
    }
    assert!(out
        .stderr
        .ends_with("formatted 1 file, 0 already formatted, 1 with syntax errors\n"));
}

#[test]
fn stdin_is_formatted_to_stdout() {
    let p = Project::new();
    let out = p.output(p.smm(&["fmt", "-"]).write_stdin(MESSY));
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, MESSY_FORMATTED);
    assert_eq!(out.stderr, "formatted 1 file, 0 already formatted\n");

    let out = p.output(p.smm(&["fmt", "-"]).write_stdin(GOOD));
    assert_eq!(out.stdout, GOOD);
}

#[test]
fn stdin_with_a_name_is_not_written_to_that_file() {
    let p = Project::new();
    p.file("messy.smm", MESSY);
    let out = p.output(
        p.smm(&["fmt", "-", "--stdin-filename", "messy.smm"])
            .write_stdin(MESSY),
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, MESSY_FORMATTED);
    assert_eq!(p.read("messy.smm"), MESSY);
}

#[test]
fn stdin_check_shows_a_diff() {
    let p = Project::new();
    let out = p.output(
        p.smm(&["fmt", "--check", "-", "--stdin-filename", "zone/a.smm"])
            .write_stdin(MESSY),
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out
        .stdout
        .starts_with("--- zone/a.smm\n+++ zone/a.smm (formatted)\n"));
}

#[test]
fn stdin_with_syntax_errors_prints_nothing_to_stdout() {
    let p = Project::new();
    let out = p.output(p.smm(&["fmt", "-"]).write_stdin(THREE_MISTAKES));
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("<stdin>:3:3"), "{}", out.stderr);
}

#[test]
fn input_errors_win_over_unformatted_files() {
    let p = Project::new();
    p.file("messy.smm", MESSY);
    let out = p.run(&["fmt", "--check", "messy.smm", "missing.smm"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stdout.starts_with("--- messy.smm\n"), "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "error: missing.smm: no such file or directory\n1 file would be formatted, 0 already formatted, 1 input error\n"
    );
}
