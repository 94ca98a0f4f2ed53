//! The formatter writes every line break in the file's own style: CRLF when the file's first
//! line break is `\r\n`, LF otherwise. A formatted file checked out with CRLF (Windows,
//! `core.autocrlf`) is then still formatted, and a mixed file comes out in one style.

mod common;

use std::path::PathBuf;

use smm_syntax::{format, lex, TokenKind};

/// Whether every line break in `text` is `ending`: no other break, and no `\r` left over.
fn only_breaks_of(text: &str, ending: &str) -> bool {
    match ending {
        "\r\n" => !text.replace("\r\n", "").contains(['\r', '\n']),
        _ => !text.contains('\r'),
    }
}

fn has_multi_line_block_comment(text: &str) -> bool {
    lex(text)
        .tokens
        .iter()
        .any(|t| t.kind == TokenKind::BlockComment && text[t.span.range()].contains('\n'))
}

/// Every `.smm` file of the repository stored with LF line ends that formats: the examples,
/// the built-in catalogs and the syntax fixtures (which hold multi-line block comments).
fn lf_files() -> Vec<(PathBuf, String)> {
    let root = common::workspace_root();
    [root.join("examples"), root.join("crates/smm-model/data")]
        .iter()
        .flat_map(|dir| common::smm_files(dir))
        .chain(common::fixtures())
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .filter(|(_, text)| !text.contains('\r') && format(text).is_ok())
        .collect()
}

#[test]
fn a_crlf_file_formats_as_its_lf_twin_with_crlf_breaks() {
    let files = lf_files();
    let examples = common::examples();
    assert!(examples.len() >= 10, "{examples:?}");
    for example in &examples {
        assert!(files.iter().any(|(path, _)| path == example), "{example:?}");
    }
    assert!(files.len() >= 30, "{}", files.len());
    let mut with_block_comment_breaks = 0;
    for (path, lf) in files {
        let formatted = format(&lf).unwrap();
        assert!(only_breaks_of(&formatted, "\n"), "{path:?}");
        let crlf = lf.replace('\n', "\r\n");
        let once = format(&crlf).unwrap();
        assert_eq!(once, formatted.replace('\n', "\r\n"), "{path:?}");
        assert_eq!(format(&once).unwrap(), once, "not idempotent: {path:?}");
        with_block_comment_breaks += usize::from(has_multi_line_block_comment(&lf));
    }
    assert!(
        with_block_comment_breaks >= 2,
        "{with_block_comment_breaks}"
    );
}

/// What a pre-commit hook running `smm fmt --check` on Windows sees.
#[test]
fn formatted_examples_checked_out_with_crlf_are_still_formatted() {
    for path in common::examples() {
        let crlf = std::fs::read_to_string(&path)
            .unwrap()
            .replace('\n', "\r\n");
        assert_eq!(format(&crlf).unwrap(), crlf, "{path:?}");
    }
}

/// (what, input, its formatting)
const CASES: &[(&str, &str, &str)] = &[
    (
        "no line break at all: LF",
        "profile p { industry x }",
        "profile p {\n  industry x\n}\n",
    ),
    (
        "the first break is CRLF: every break is",
        "profile p {\r\n  industry x\n\n  target a level 1\r  role r\r\n}",
        "profile p {\r\n  industry x\r\n\r\n  target a level 1\r\n  role r\r\n}\r\n",
    ),
    (
        "the first break is LF: every break is",
        "profile p {\n  industry x\r\n\r\n  target a level 1\r}\r\n",
        "profile p {\n  industry x\n\n  target a level 1\n}\n",
    ),
    (
        "a lone CR file becomes LF, its blank line kept",
        "profile p {\r  industry x\r\r  target a level 1\r}\r",
        "profile p {\n  industry x\n\n  target a level 1\n}\n",
    ),
    (
        "a lone CR first: LF",
        "profile p {\r  industry x\r\n}\r\n",
        "profile p {\n  industry x\n}\n",
    ),
    (
        "CR then CRLF is two breaks, the first a lone CR",
        "profile p {\r\r\n  industry x\r\n}",
        "profile p {\n  industry x\n}\n",
    ),
    (
        "CR then CRLF in a CRLF file: two breaks, a blank line, no CR left over",
        "profile p {\r\n  industry x\r\r\n  role r\r\n}",
        "profile p {\r\n  industry x\r\n\r\n  role r\r\n}\r\n",
    ),
    (
        "the first break may be a comment's",
        "// head\r\nprofile p {\n}\n",
        "// head\r\nprofile p {\r\n}\r\n",
    ),
    (
        "the first break may be inside a block comment",
        "/* a\r\n b */\nprofile p {\n}\n",
        "/* a\r\n b */\r\nprofile p {\r\n}\r\n",
    ),
    (
        "a CRLF file with comments and a statement over several lines",
        "// Windows\r\nprofile p \"P\" { // open\r\n  target a level 1 // why\r\n    scope system {\r\n    rationale \"r\" }\r\n\r\n\r\n  /* two\r\n     lines */\r\n  role r\r\n}\r\n",
        "// Windows\r\nprofile p \"P\" { // open\r\n  target a level 1 // why\r\n    scope system {\r\n    rationale \"r\"\r\n  }\r\n\r\n  /* two\r\n     lines */\r\n  role r\r\n}\r\n",
    ),
    (
        "a block comment's breaks take the file's style: CRLF",
        "profile p {\r\n  /* one\n  two\r  three\r\n  */\r\n  industry x\r\n}\r\n",
        "profile p {\r\n  /* one\r\n  two\r\n  three\r\n  */\r\n  industry x\r\n}\r\n",
    ),
    (
        "a block comment's breaks take the file's style: LF",
        "profile p {\n  /* one\r\n  two\r  three */\n}\n",
        "profile p {\n  /* one\n  two\n  three */\n}\n",
    ),
    (
        "blanks before a break in a block comment are the user's",
        "profile p { /* a \t\r\n\r\n b */\r\n}",
        "profile p {\r\n  /* a \t\r\n\r\n b */\r\n}\r\n",
    ),
];

#[test]
fn line_breaks_take_the_style_of_the_first() {
    for (what, input, expected) in CASES {
        let once = format(input).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(once, *expected, "{what}");
        let ending = if expected.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        assert!(only_breaks_of(&once, ending), "{what}: {once:?}");
        assert_eq!(format(&once).unwrap(), once, "not idempotent: {what}");
    }
}

/// What goes through untouched but for its line breaks: strings (which cannot hold one) keep
/// a `\r` or `\n` they spell as an escape, and line comments keep everything before the break.
#[test]
fn only_line_breaks_change() {
    let src = "profile p {\r\n  description \"a\\nb \\\\r\" // c \\r \u{b} ok\r\n}\r\n";
    let once = format(src).unwrap();
    assert_eq!(once, src);
    let lf = src.replace("\r\n", "\n");
    assert_eq!(format(&lf).unwrap(), lf);
}
