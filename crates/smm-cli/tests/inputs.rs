//! Inputs that cannot be used: each is one line naming the file, exit 2, and the rest still runs.

mod common;

use std::fs;

use common::{Project, GOOD, THREE_MISTAKES};

#[test]
fn a_missing_path() {
    let p = Project::new();
    p.file("ok.smm", GOOD);
    let out = p.run(&["check", "nope.smm", "ok.smm", "nodir/"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(format!("{}---\n{}", out.stderr, out.stdout));
}

#[test]
fn a_file_that_is_not_utf8() {
    let p = Project::new();
    p.bytes("latin1.smm", b"profile p \"Caf\xe9\" {\n}\n")
        .file("bad.smm", THREE_MISTAKES);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "error: latin1.smm: not valid UTF-8 (first invalid byte at line 1, column 15)\n"
    );
    assert!(
        out.stdout.contains("bad.smm:3:3"),
        "other files are still checked"
    );
}

#[test]
fn a_file_over_16_mib_is_refused_unread() {
    let p = Project::new();
    p.file("ok.smm", GOOD);
    // Sparse: no 17 MiB are written, and smm must not read them either.
    let huge = fs::File::create(p.path("huge.smm")).unwrap();
    huge.set_len(17 * 1024 * 1024).unwrap();
    let out = p.run(&["check"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "error: huge.smm: file is too large (17.0 MiB; the limit is 16 MiB)\n"
    );
    assert_eq!(out.stdout, "checked 1 file: no problems; 1 input error\n");
}

#[test]
fn a_directory_where_a_file_is_required() {
    let p = Project::new();
    p.dir("zone");
    let out = p.output(
        p.smm(&["check", "-", "--stdin-filename", "zone"])
            .write_stdin(GOOD),
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stderr, "error: zone: is a directory, expected a file\n");

    let out = p.output(
        p.smm(&["fmt", "-", "--stdin-filename", "zone"])
            .write_stdin(GOOD),
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out
        .stderr
        .starts_with("error: zone: is a directory, expected a file\n"));
    assert_eq!(out.stdout, "");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_error_not_a_panic() {
    let p = Project::new();
    std::os::unix::fs::symlink("loop.smm", p.path("loop.smm")).unwrap();
    let out = p.run(&["check", "loop.smm"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.starts_with("error: loop.smm: "),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read() {
    // Reading /proc/self/mem at offset 0 fails with EIO for every user, root included, so
    // this test runs everywhere (file permissions do not stop root). It lies outside the
    // workspace, so its folder is allowed explicitly.
    let p = Project::new();
    p.file("ok.smm", GOOD)
        .file("smm.toml", "follow-links-to = [\"/proc/self\"]\n");
    std::os::unix::fs::symlink("/proc/self/mem", p.path("broken.smm")).unwrap();
    let out = p.run(&["check"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.starts_with("error: broken.smm: ") && out.stderr.lines().count() == 1,
        "{out:?}"
    );
    assert_eq!(out.stdout, "checked 1 file: no problems; 1 input error\n");
}
