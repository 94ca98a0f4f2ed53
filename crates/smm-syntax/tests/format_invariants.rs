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
                // Every statement begins its own line, whatever block it is in: checked on
                // the tokens, so that a block the tree walk forgets is caught too.
                // (`scope industry` is the one keyword used as a value.)
                let tokens = lex(&once).tokens;
                let significant: Vec<_> = tokens
                    .iter()
                    .filter(|t| !matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment))
                    .collect();
                let keyword_starts =
                    significant
                        .iter()
                        .enumerate()
                        .filter_map(|(i, t)| match t.kind {
                            TokenKind::Keyword(smm_syntax::Keyword::Industry)
                                if i > 0
                                    && significant[i - 1].kind
                                        == TokenKind::Keyword(smm_syntax::Keyword::Scope) =>
                            {
                                None
                            }
                            TokenKind::Keyword(k) if k.starts_statement() => Some(t.span.start),
                            _ => None,
                        });
                for start in keyword_starts {
                    let line_start = once[..start].rfind('\n').map_or(0, |i| i + 1);
                    assert!(
                        once[line_start..start].trim().is_empty(),
                        "{}: a statement does not start its line: {:?}",
                        path.display(),
                        &once[line_start..(start + 20).min(once.len())]
                    );
                }
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
