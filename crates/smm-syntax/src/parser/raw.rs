//! The smallest pieces of the grammar: single tokens, the values of a statement, and a whole
//! statement's tokens as a `Raw` for `statement` to build.

use chumsky::prelude::*;

use super::{Extra, ParserInput, Tok};
use crate::statement::{Part, Raw, Word};
use crate::token::{Keyword, TokenKind};
use crate::Span;

pub(super) fn span(s: SimpleSpan) -> Span {
    Span::new(s.start, s.end)
}

pub(super) fn kind<'t>(
    kind: TokenKind,
) -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    any()
        .filter(move |t: &Tok| t.kind == kind)
        .map_with(|_, e| span(e.span()))
}

fn kw<'t>(keyword: Keyword) -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    kind(TokenKind::Keyword(keyword)).labelled(keyword.as_str())
}

pub(super) fn close_brace<'t>() -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    kind(TokenKind::RBrace).labelled("}")
}

fn is_value(kind: TokenKind) -> bool {
    !matches!(
        kind,
        TokenKind::Keyword(_) | TokenKind::LBrace | TokenKind::RBrace
    )
}

/// A value that continues the current statement.
fn value<'t>() -> impl Parser<'t, ParserInput<'t>, Word, Extra<'t>> + Clone {
    any()
        .filter(|t: &Tok| is_value(t.kind) && (!t.line_start || t.kind.may_continue_a_line()))
        .map_with(|t: Tok, e| Word {
            kind: t.kind,
            span: span(e.span()),
        })
        .labelled("a value")
}

/// The scope names include `industry`, which is also a keyword; right after a modifier on the
/// same line it is a name.
fn scope_value<'t>() -> impl Parser<'t, ParserInput<'t>, Word, Extra<'t>> + Clone {
    any()
        .filter(|t: &Tok| t.kind == TokenKind::Keyword(Keyword::Industry) && !t.line_start)
        .map_with(|_, e| Word {
            kind: TokenKind::Ident,
            span: span(e.span()),
        })
        .or(value())
}

/// A statement's tokens up to its end: its keyword, then values and `modifier values...` in any
/// order. Which values are allowed where is decided in `statement`.
pub(super) fn raw<'t>(
    head: Keyword,
    modifiers: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, Raw, Extra<'t>> + Clone {
    let modifier = any()
        .filter(move |t: &Tok| matches!(t.kind, TokenKind::Keyword(m) if modifiers.contains(&m)))
        .map_with(|t: Tok, e| (t.kind, span(e.span())))
        .then(
            scope_value()
                .then(
                    value()
                        // A clause list ends where a date or a text starts: those belong to
                        // `expires` or `link`, and the hint says so.
                        .filter(|w: &Word| !matches!(w.kind, TokenKind::Date | TokenKind::String))
                        .repeated()
                        .collect::<Vec<_>>(),
                )
                .map(|(first, mut rest)| {
                    rest.insert(0, first);
                    rest
                })
                .or_not()
                .map(Option::unwrap_or_default),
        )
        .map(|((kind, kw_span), values)| {
            let TokenKind::Keyword(keyword) = kind else {
                unreachable!("filtered to keywords")
            };
            Part::Modifier {
                keyword,
                span: kw_span,
                values,
            }
        });
    kw(head)
        // `target industry level 2`: the first value may be the word `industry`.
        .then(scope_value().map(Part::Value).or_not())
        .then(
            modifier
                .or(value().map(Part::Value))
                .repeated()
                .collect::<Vec<_>>(),
        )
        .map_with(move |((kw_span, first), rest), e| Raw {
            keyword: head,
            keyword_span: kw_span,
            parts: first.into_iter().chain(rest).collect(),
            span: span(e.span()),
        })
}
