//! The diagnostics a statement can report: a missing, wrong or stray value, a modifier given
//! twice, a missing or unclosed block.

use super::expectation::expectation;
use super::{Raw, Word};
use crate::code::SyntaxCode;
use crate::diagnostic::Diagnostic;
use crate::suggest::did_you_mean;
use crate::token::{BadWord, Keyword, TokenKind};
use crate::Span;

pub(super) fn missing(keyword: Keyword, keyword_span: Span) -> Diagnostic {
    let (what, example) = expectation(keyword);
    Diagnostic::syntax(
        SyntaxCode::MissingValue,
        keyword_span,
        format!("missing {what} after `{}`", keyword.as_str()),
    )
    .with_label(format!("expected {what} after this"))
    .with_help(format!("for example: {example}"))
}

pub(crate) fn describe(src: &str, word: Word) -> String {
    let text = &src[word.span.range()];
    match word.kind {
        TokenKind::String => format!("text {text}"),
        TokenKind::Int => format!("number `{text}`"),
        TokenKind::Date => format!("date `{text}`"),
        TokenKind::ClauseRef => format!("clause reference `{text}`"),
        TokenKind::Keyword(_) => format!("keyword `{text}`"),
        TokenKind::LBrace => "`{`".into(),
        TokenKind::RBrace => "`}`".into(),
        _ => format!("`{text}`"),
    }
}

/// The error for a word the lexer could not classify, wherever it stands.
fn bad_word(src: &str, word: Word, reason: BadWord) -> Diagnostic {
    let text = &src[word.span.range()];
    let label = match reason {
        BadWord::ClauseWithoutStandard => "no standard before the clause",
        BadWord::MalformedClause => "not of the form STANDARD:CLAUSE",
        BadWord::MalformedNumberOrDate => "expected a whole number or YYYY-MM-DD",
        BadWord::NotKebabCase => "not a lowercase kebab-case name",
    };
    let (message, help) = match reason {
        BadWord::ClauseWithoutStandard => (
            format!("`{text}` names a clause but not its standard"),
            {
                let standard = if text.starts_with("A.") {
                    "iso27001"
                } else if text.starts_with(|c: char| c.is_ascii_digit()) {
                    "iso27002"
                } else {
                    "iec62443-3-3"
                };
                format!("write a clause as STANDARD:CLAUSE, for example `{standard}:{text}`")
            },
        ),
        BadWord::MalformedClause => (
            format!("`{text}` is not a valid clause reference"),
            "write STANDARD:CLAUSE: a lowercase standard id, a colon and the clause's own identifier without spaces, for example `iso27002:5.15`".into(),
        ),
        BadWord::MalformedNumberOrDate => (
            format!("`{text}` is neither a number nor a date"),
            "levels are whole numbers such as `3`; dates are written YYYY-MM-DD, for example `2026-01-31`".into(),
        ),
        BadWord::NotKebabCase => {
            let kebab = text.to_lowercase().replace('_', "-");
            let help = if crate::lexer::is_ident(&kebab) {
                format!("names are lowercase words joined by hyphens: `{kebab}`")
            } else {
                "names are lowercase ASCII letters and digits joined by hyphens, for example `access-control`".into()
            };
            (format!("`{text}` is not a valid name"), help)
        }
    };
    Diagnostic::syntax(SyntaxCode::InvalidValue, word.span, message)
        .with_label(label)
        .with_help(help)
}

pub(crate) fn unknown_character(src: &str, span: Span) -> Diagnostic {
    let c = src[span.range()].chars().next().unwrap_or(' ');
    // The lexer makes a run of one character one token; the error names the first.
    let span = Span::new(span.start, span.start + c.len_utf8().min(span.len()));
    Diagnostic::syntax(
        SyntaxCode::UnexpectedCharacter,
        span,
        format!("unexpected character `{}`", c.escape_debug()),
    )
    .with_label("this character has no meaning here")
    .with_help(crate::lexer::character_help(c))
}

pub(super) fn wrong(src: &str, keyword: Keyword, word: Word) -> Diagnostic {
    if word.kind == TokenKind::Unknown {
        return unknown_character(src, word.span);
    }
    let (what, example) = expectation(keyword);
    let wants_text = what.contains("quote");
    match word.kind {
        // `security-level SL2`: the level is the number alone.
        TokenKind::Invalid(_) | TokenKind::Ident if keyword == Keyword::SecurityLevel => {
            let text = &src[word.span.range()];
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let help = if digits.is_empty() {
                "write the security level as a number from 1 to 4: `security-level 3`".to_string()
            } else {
                format!("write the number alone: `security-level {digits}`")
            };
            return Diagnostic::syntax(
                SyntaxCode::InvalidValue,
                word.span,
                format!("`{text}` is not a security level"),
            )
            .with_label("expected a number from 1 to 4")
            .with_help(help);
        }
        TokenKind::Invalid(BadWord::NotKebabCase) if keyword == Keyword::Implements => {}
        TokenKind::Invalid(reason) if !wants_text => return bad_word(src, word, reason),
        TokenKind::Ident | TokenKind::Invalid(_) if wants_text => {
            let text = &src[word.span.range()];
            return Diagnostic::syntax(
                SyntaxCode::InvalidValue,
                word.span,
                format!(
                    "expected {what} after `{}`, found `{text}`",
                    keyword.as_str()
                ),
            )
            .with_label("text must be in double quotes")
            .with_help(format!("put the whole text in double quotes: {example}"));
        }
        _ => {}
    }
    Diagnostic::syntax(
        SyntaxCode::InvalidValue,
        word.span,
        format!(
            "expected {what} after `{}`, found {}",
            keyword.as_str(),
            describe(src, word)
        ),
    )
    .with_label(format!("expected {what}"))
    .with_help(format!("for example: {example}"))
}

/// A value that belongs to no slot of the statement.
pub(super) fn stray(src: &str, raw: &Raw, word: Word, has: &[Keyword]) -> Diagnostic {
    match word.kind {
        TokenKind::Invalid(reason) => return bad_word(src, word, reason),
        TokenKind::Unknown => return unknown_character(src, word.span),
        _ => {}
    }
    let text = &src[word.span.range()];
    let statement = raw.keyword.as_str();
    let help = match word.kind {
        TokenKind::Ident => did_you_mean(text, Keyword::ALL.iter().map(|k| k.as_str()))
            .map(|k| format!("did you mean the keyword `{k}`?")),
        TokenKind::Int
            if !has.contains(&Keyword::Level)
                && !matches!(raw.keyword, Keyword::Evidence | Keyword::SecurityLevel) =>
        {
            Some(format!("write the level as `level {text}`"))
        }
        TokenKind::ClauseRef if raw.keyword == Keyword::Evidence => Some(format!(
            "list clauses after `implements`: `implements {text}`"
        )),
        TokenKind::Date if raw.keyword == Keyword::Evidence => {
            Some(format!("an expiry date is written `expires {text}`"))
        }
        _ => None,
    }
    .unwrap_or_else(|| {
        let (_, example) = expectation(raw.keyword);
        let article = if statement.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} `{statement}` line reads like: {example}")
    });
    Diagnostic::syntax(
        SyntaxCode::UnexpectedToken,
        word.span,
        format!("unexpected {} in `{statement}`", describe(src, word)),
    )
    .with_label("this does not belong here")
    .with_help(help)
}

pub(super) fn duplicate(keyword: Keyword, span: Span, first: Span) -> Diagnostic {
    Diagnostic::syntax(
        SyntaxCode::DuplicateModifier,
        span,
        format!("`{}` is given twice", keyword.as_str()),
    )
    .with_label("second occurrence")
    .with_related(first, "first given here")
    .with_help("keep one of them")
}

pub(super) fn missing_body(raw: &Raw) -> Diagnostic {
    let what = raw.keyword.as_str();
    let help = match raw.keyword {
        Keyword::Extend => format!("for example: {}", expectation(raw.keyword).1),
        _ => format!("a {what} reads: {what} NAME \"Title\" {{ ... }}"),
    };
    Diagnostic::syntax(
        SyntaxCode::MissingBody,
        Span::empty_at(raw.span.end),
        format!("missing `{{` to open the {what}'s body"),
    )
    .with_label("expected `{` here")
    .with_help(help)
}

pub(crate) fn unclosed_block(open: Span, end: usize, what: &str) -> Diagnostic {
    Diagnostic::syntax(
        SyntaxCode::UnclosedBlock,
        Span::empty_at(end),
        format!("missing `}}` to close this {what} block"),
    )
    .with_label("expected `}` here")
    .with_related(open, "the block opened here is never closed")
    .with_help(format!("add `}}` after the last line of the {what}"))
}
