//! The formatter over every fixture and example: idempotent, token-preserving, and refusing
//! files with syntax errors. Messy inputs under fixtures/format/ are snapshotted.

mod common;

use smm_syntax::{lex, parse, TokenKind};

/// Every token and comment, with its text, in order.
pub fn token_texts(src: &str) -> Vec<(TokenKind, String)> {
    lex(src)
        .tokens
        .iter()
        .map(|t| (t.kind, src[t.span.range()].to_string()))
        .collect()
}

#[test]
fn formatting_is_idempotent_and_keeps_every_token() {
    let files: Vec<_> = common::fixtures()
        .into_iter()
        .chain(common::examples())
        .collect();
    assert!(
        files.len() > 20,
        "expected fixtures and examples, found {files:?}"
    );
    let mut formatted_count = 0;
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap();
        match smm_syntax::format(&src) {
            Ok(once) => {
                formatted_count += 1;
                assert_eq!(token_texts(&src), token_texts(&once), "{}", path.display());
                let twice = smm_syntax::format(&once).unwrap();
                assert_eq!(once, twice, "not idempotent: {}", path.display());
                assert_eq!(
                    common::dump_without_spans(&src),
                    common::dump_without_spans(&once),
                    "{}",
                    path.display()
                );
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                assert_eq!(errors, parse(&src).errors, "{}", path.display());
            }
        }
    }
    assert!(formatted_count > 10);
}

#[test]
fn examples_are_formatted() {
    for path in common::examples() {
        let src = std::fs::read_to_string(&path).unwrap();
        assert_eq!(smm_syntax::format(&src).unwrap(), src, "{}", path.display());
    }
}

#[test]
fn messy_layouts() {
    insta::glob!("fixtures/format/*.smm", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(smm_syntax::format(&src).unwrap());
    });
}
