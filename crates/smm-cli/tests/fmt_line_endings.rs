//! `smm fmt` keeps CRLF line ends, so that a pre-commit hook running `smm fmt --check` on a
//! Windows checkout passes on formatted files, and a rewrite does not flip every line.

mod common;

use std::fs;
use std::path::Path;

use common::{Project, MESSY, MESSY_FORMATTED};

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// Copies the repository's examples under `examples/` with CRLF line ends; how many.
fn copy_examples_as_crlf(p: &Project) -> usize {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut copied = 0;
    let mut dirs = vec![examples.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "smm") {
                let text = fs::read_to_string(&path).unwrap();
                assert!(!text.contains('\r'), "{path:?} is stored with LF");
                let relative = path.strip_prefix(&examples).unwrap();
                p.file(&format!("examples/{}", relative.display()), &crlf(&text));
                copied += 1;
            }
        }
    }
    copied
}

/// Every file below `examples/`, by path, as bytes.
fn snapshot(p: &Project) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut dirs = vec![p.path("examples")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push((path.display().to_string(), fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn formatted_examples_with_crlf_pass_the_check_and_are_not_rewritten() {
    let p = Project::new();
    let copied = copy_examples_as_crlf(&p);
    assert!(copied >= 10, "{copied}");
    let before = snapshot(&p);

    let out = p.run(&["fmt", "--check", "examples"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!("0 files would be formatted, {copied} already formatted\n")
    );

    let out = p.run(&["fmt", "examples"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr,
        format!("formatted 0 files, {copied} already formatted\n")
    );
    assert!(
        snapshot(&p) == before,
        "a formatted CRLF file was rewritten"
    );
}

#[test]
fn an_unformatted_crlf_file_is_rewritten_with_crlf() {
    let p = Project::new();
    p.file("messy.smm", &crlf(MESSY));
    assert_eq!(p.run(&["fmt", "--check"]).code, 1);

    let out = p.run(&["fmt", "messy.smm"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "formatted 1 file, 0 already formatted\n");
    assert_eq!(
        fs::read(p.path("messy.smm")).unwrap(),
        crlf(MESSY_FORMATTED).into_bytes()
    );
    let out = p.run(&["fmt", "--check"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn standard_input_is_printed_with_its_own_line_ends() {
    let p = Project::new();
    for (input, expected) in [
        (crlf(MESSY), crlf(MESSY_FORMATTED)),
        (MESSY.to_string(), MESSY_FORMATTED.to_string()),
    ] {
        let output = p.smm(&["fmt", "-"]).write_stdin(input).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert_eq!(output.stdout, expected.into_bytes());
    }
}
