//! Semantic tokens. One fixture per case, `fixtures/semantic-tokens/*.smm`, rendered one token
//! a line as `line:column-column type [modifiers] «text»` (1-based, columns in characters, the
//! end column exclusive) and snapshotted beside the fixtures; and the invariants an editor
//! relies on, over every example file.

mod common;

use std::path::PathBuf;

use common::{each_fixture, Built, Files};
use smm_ide::{semantic_tokens, Modifiers, SemanticToken, TokenType};
use smm_syntax::Span;

fn render(text: &str, tokens: &[SemanticToken]) -> String {
    let mut out = String::new();
    for token in tokens {
        let before = &text[..token.span.start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        let word = &text[token.span.range()];
        let end = column + word.chars().count();
        let modifiers: Vec<&str> = token.modifiers.iter().map(Modifiers::name).collect();
        let modifiers = match modifiers.is_empty() {
            true => String::new(),
            false => format!(" [{}]", modifiers.join(" ")),
        };
        out.push_str(&format!(
            "{line}:{column}-{end} {}{modifiers} «{word}»\n",
            token.kind.name()
        ));
    }
    out
}

#[test]
fn semantic_token_fixtures() {
    each_fixture("semantic-tokens", 4, |name, fixture| {
        let text = fixture.text();
        let tokens = semantic_tokens(&fixture.snapshot(), fixture.file, None);
        assert_invariants(name, text, &tokens);
        render(text, &tokens)
    });
}

/// Sorted, disjoint, non-empty, on one line each and on character boundaries.
fn assert_invariants(name: &str, text: &str, tokens: &[SemanticToken]) {
    for token in tokens {
        let span = token.span;
        assert!(span.start < span.end, "{name}: empty token {span:?}");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{name}: {span:?} splits a character"
        );
        let word = &text[span.range()];
        assert!(
            !word.contains(['\n', '\r']),
            "{name}: {span:?} crosses a line"
        );
    }
    for pair in tokens.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "{name}: {:?} and {:?} overlap or are out of order",
            pair[0].span,
            pair[1].span
        );
    }
}

/// Every example: the invariants hold, every practice and clause is known, and a range query
/// gives exactly the tokens of the full result that share a byte with the range.
#[test]
fn examples_keep_the_invariants_and_ranges_select_the_full_result() {
    let paths = common::examples();
    assert!(paths.len() >= 10, "only {} examples", paths.len());
    let files = paths
        .iter()
        .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let built = Built::new(&Files(files));
    let snapshot = built.snapshot();
    for (file, source) in built.workspace.sources() {
        let name = source.path.display().to_string();
        let text = &*source.text;
        let all = semantic_tokens(&snapshot, file, None);
        assert_invariants(&name, text, &all);
        for token in &all {
            assert!(
                !token.modifiers.contains(Modifiers::UNRESOLVED),
                "{name}: `{}` unresolved in an example",
                &text[token.span.range()]
            );
        }
        let kinds = |kind| all.iter().filter(|t| t.kind == kind).count();
        assert!(kinds(TokenType::Keyword) > 0 && kinds(TokenType::Practice) > 0);
        for range in ranges(text) {
            let expected: Vec<SemanticToken> = all
                .iter()
                .filter(|t| t.span.start < range.end && range.start < t.span.end)
                .copied()
                .collect();
            assert_eq!(
                semantic_tokens(&snapshot, file, Some(range)),
                expected,
                "{name}: range {range:?}"
            );
        }
    }
}

/// Ranges that start and end anywhere: inside words, at line starts, empty, past the end.
fn ranges(text: &str) -> Vec<Span> {
    let len = text.len();
    let mut ranges = vec![Span::new(0, len), Span::new(0, 0), Span::new(len, len)];
    for start in (0..len).step_by(97) {
        for width in [0, 1, 13, 200, 1500] {
            ranges.push(Span::new(start, (start + width).min(len)));
        }
    }
    ranges
}

#[test]
fn line_breaks_inside_tokens_split_them_without_the_carriage_return() {
    let text = "/* one\r\n\r\ntwo */\r\nprofile a {\r\n}\r\n".to_string();
    let built = Built::new(&Files(vec![(PathBuf::from("/w/crlf.smm"), text.clone())]));
    let tokens = semantic_tokens(&built.snapshot(), built.files[0], None);
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
    assert_eq!(words, ["/* one", "two */", "profile", "a"]);
    assert_invariants("crlf", &text, &tokens);
}

#[test]
fn the_legend_is_in_index_order_with_unique_names() {
    for (index, kind) in TokenType::ALL.into_iter().enumerate() {
        assert_eq!(kind.index() as usize, index);
    }
    let mut names: Vec<&str> = TokenType::ALL.iter().map(|t| t.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), TokenType::ALL.len());
    for (bit, modifier) in Modifiers::ALL.into_iter().enumerate() {
        assert_eq!(modifier.bits(), 1 << bit);
    }
    let names: Vec<&str> = Modifiers::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(names, ["declaration", "defaultLibrary", "unresolved"]);
}
