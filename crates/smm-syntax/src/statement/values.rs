//! The values a statement's words stand for: names, texts, numbers, dates and clause
//! references.

use super::problems::wrong;
use super::Word;
use crate::ast::{ClauseRef, Date, Int, Name, Text};
use crate::diagnostic::Diagnostic;
use crate::token::{BadWord, Keyword, TokenKind};

/// Reads a word as the value a keyword takes, or says why it is not one.
pub(super) type Convert<T> = fn(&str, Keyword, Word) -> Result<T, Box<Diagnostic>>;

pub(super) fn name(src: &str, keyword: Keyword, word: Word) -> Result<Name, Box<Diagnostic>> {
    match word.kind {
        TokenKind::Ident => Ok(Name {
            text: src[word.span.range()].to_string(),
            span: word.span,
        }),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

pub(super) fn text(src: &str, keyword: Keyword, word: Word) -> Result<Text, Box<Diagnostic>> {
    match word.kind {
        TokenKind::String => Ok(Text {
            value: unescape(&src[word.span.range()]),
            span: word.span,
        }),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

pub(super) fn int(src: &str, keyword: Keyword, word: Word) -> Result<Int, Box<Diagnostic>> {
    match word.kind {
        TokenKind::Int => {
            let text = &src[word.span.range()];
            Ok(Int {
                text: text.to_string(),
                value: text.parse().ok(),
                span: word.span,
            })
        }
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

pub(super) fn date(src: &str, keyword: Keyword, word: Word) -> Result<Date, Box<Diagnostic>> {
    match word.kind {
        TokenKind::Date => {
            let text = &src[word.span.range()];
            let number = |range: std::ops::Range<usize>| text[range].parse().unwrap_or(0);
            Ok(Date {
                year: number(0..4),
                month: number(5..7) as u8,
                day: number(8..10) as u8,
                span: word.span,
            })
        }
        TokenKind::Int | TokenKind::Invalid(BadWord::MalformedNumberOrDate) => Err(Box::new(
            wrong(src, keyword, word)
                .with_help("dates are written YYYY-MM-DD, for example 2026-01-31"),
        )),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

pub(super) fn clause_ref(
    src: &str,
    keyword: Keyword,
    word: Word,
) -> Result<ClauseRef, Box<Diagnostic>> {
    match word.kind {
        TokenKind::ClauseRef => clause(src, word),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

pub(super) fn clause(src: &str, word: Word) -> Result<ClauseRef, Box<Diagnostic>> {
    match word.kind {
        TokenKind::ClauseRef => {
            let (standard, clause) = src[word.span.range()]
                .split_once(':')
                .expect("the lexer only makes clause references with a colon");
            Ok(ClauseRef {
                standard: standard.to_string(),
                clause: clause.to_string(),
                span: word.span,
            })
        }
        _ => Err(Box::new(wrong(src, Keyword::Implements, word))),
    }
}

/// Resolves `\"`, `\\`, `\n` and `\t`; anything else was reported by the lexer and is kept.
fn unescape(literal: &str) -> String {
    let inner = literal.strip_prefix('"').unwrap_or(literal);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    if !inner.contains('\\') {
        return inner.to_string();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other @ ('"' | '\\')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}
