//! Formatting as edits: applied, they give exactly what `smm fmt` gives; a range request
//! changes only what touches the range; a broken file is refused with the line of its error.

mod common;

use common::{examples, Built, Files};
use smm_ide::TextEdit;
use smm_syntax::Span;

fn edits_for(text: &str, range: Option<Span>) -> Result<Vec<TextEdit>, String> {
    let built = Built::new(&Files::one(text));
    smm_ide::format_edits(&built.snapshot(), built.files[0], range)
}

fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut out = text.to_string();
    for edit in edits.iter().rev() {
        out.replace_range(edit.span.range(), &edit.text);
    }
    out
}

/// Every line's indentation lost, and blank lines doubled: the formatter's work.
fn mangle(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_start().to_string())
        .map(|l| if l.is_empty() { "\n".to_string() } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn the_edits_give_what_smm_fmt_gives() {
    let files = examples();
    assert!(files.len() >= 10);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = smm_syntax::format(&text).unwrap();
        assert_eq!(
            edits_for(&formatted, None).unwrap(),
            vec![],
            "{path:?} is formatted"
        );
        let mangled = mangle(&text);
        let edits = edits_for(&mangled, None).unwrap();
        assert!(!edits.is_empty(), "{path:?}");
        assert_eq!(apply(&mangled, &edits), formatted, "{path:?}");
    }
}

/// A document with CRLF line ends (opened on Windows) keeps them: an already formatted one
/// needs no edit, and an unformatted one gets the edits of its LF twin, written with CRLF.
#[test]
fn a_crlf_document_keeps_its_line_ends() {
    let crlf = |text: &str| text.replace('\n', "\r\n");
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains('\r'), "{path:?} is stored with LF");
        assert_eq!(edits_for(&crlf(&text), None).unwrap(), vec![], "{path:?}");
        let mangled = mangle(&text);
        let lf_edits = edits_for(&mangled, None).unwrap();
        let edits = edits_for(&crlf(&mangled), None).unwrap();
        let texts = |edits: &[TextEdit]| edits.iter().map(|e| e.text.clone()).collect::<Vec<_>>();
        assert_eq!(
            texts(&edits),
            texts(&lf_edits).iter().map(|t| crlf(t)).collect::<Vec<_>>(),
            "{path:?}"
        );
        assert_eq!(apply(&crlf(&mangled), &edits), crlf(&text), "{path:?}");
    }
}

/// A mixed document takes the style of its first line break: only the lines that end
/// otherwise change.
#[test]
fn a_mixed_document_changes_only_the_odd_line_ends() {
    let text = "profile p {\r\n  role asset-owner\n  industry x\r\n  target a level 1\r}\r\n";
    let edits = edits_for(text, None).unwrap();
    let changed: Vec<&str> = edits.iter().map(|e| &text[e.span.range()]).collect();
    assert_eq!(
        changed,
        ["  role asset-owner\n", "  target a level 1\r"],
        "{edits:?}"
    );
    assert_eq!(
        apply(text, &edits),
        "profile p {\r\n  role asset-owner\r\n  industry x\r\n  target a level 1\r\n}\r\n"
    );
}

#[test]
fn a_range_request_changes_only_what_touches_the_range() {
    let text = "profile base {\nrole asset-owner\n  target identities level 2\n  target monitoring level 2\ntarget patch-management level 1\n}\n";
    let first = text.find("role").unwrap();
    let edits = edits_for(text, Some(Span::new(first, first + 4))).unwrap();
    let result = apply(text, &edits);
    assert!(result.contains("\n  role asset-owner\n"), "{result}");
    assert!(
        result.contains("\ntarget patch-management"),
        "untouched: {result}"
    );
    let all = apply(text, &edits_for(text, None).unwrap());
    assert!(all.contains("\n  target patch-management"), "{all}");
}

#[test]
fn a_broken_file_is_refused_with_the_line_of_its_first_error() {
    let refusal = edits_for("profile base {\n  target identities level\n", None).unwrap_err();
    assert!(refusal.contains("line 2"), "{refusal}");
    assert!(refusal.contains("never rewritten"), "{refusal}");
}
