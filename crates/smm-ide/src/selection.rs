//! Selection ranges: from the word at the cursor outwards through the statement, its block and
//! item to the whole file, each range strictly larger than the one before.

use smm_syntax::{Parse, Span, Token, TokenKind};

use crate::nodes::nodes;
use crate::{FileId, Snapshot};

/// For each offset, the ranges around it from innermost to outermost; an offset past the end
/// of the file gets none.
pub fn selection_ranges(
    snapshot: &Snapshot<'_>,
    file: FileId,
    offsets: &[usize],
) -> Vec<Vec<Span>> {
    let Some(source) = snapshot.workspace.source(file) else {
        return offsets.iter().map(|_| Vec::new()).collect();
    };
    let text = &*source.text;
    let mut spans: Vec<Span> = nodes(&source.parse.file).iter().map(|n| n.span).collect();
    spans.sort_by_key(|s| s.len());
    offsets
        .iter()
        .map(|&offset| {
            if offset > text.len() {
                return Vec::new();
            }
            chain(text, &source.parse, &spans, offset)
        })
        .collect()
}

fn chain(text: &str, parse: &Parse, spans: &[Span], offset: usize) -> Vec<Span> {
    let token = token_at(parse, offset);
    let anchor = token.map_or(Span::empty_at(offset), |t| t.span);
    let mut inner = Vec::new();
    if let Some(token) = token {
        // Inside a string, its text comes before its quotes.
        let closed = text[token.span.range()].ends_with('"');
        if token.kind == TokenKind::String && token.span.len() > 2 && closed {
            let content = Span::new(token.span.start + 1, token.span.end - 1);
            if content.start <= offset && offset <= content.end {
                inner.push(content);
            }
        }
        inner.push(token.span);
    }
    let around = spans.iter().filter(|s| s.encloses(anchor)).copied();
    let whole = Span::new(0, text.len());
    let mut chain: Vec<Span> = Vec::new();
    for span in inner.into_iter().chain(around).chain([whole]) {
        // A recovered tree may hold a node that does not cover the one before; covering both
        // keeps the chain nested.
        let span = chain.last().map_or(span, |last| span.cover(*last));
        if chain.last() != Some(&span) {
            chain.push(span);
        }
    }
    chain
}

/// The token the cursor is on; at the boundary of two tokens, a word wins over a brace, and
/// the token after the cursor over the one before.
fn token_at(parse: &Parse, offset: usize) -> Option<Token> {
    let word = |t: &Token| {
        !matches!(
            t.kind,
            TokenKind::LBrace | TokenKind::RBrace | TokenKind::Unknown
        )
    };
    parse
        .tokens
        .iter()
        .filter(|t| !t.span.is_empty() && t.span.start <= offset && offset <= t.span.end)
        .max_by_key(|t| (word(t), t.span.contains(offset)))
        .copied()
}
