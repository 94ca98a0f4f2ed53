//! What the word under the cursor names, from the tokens around it: the statement it belongs
//! to and the keyword right before it. Works on files with syntax errors too, since it only
//! reads tokens.

use smm_syntax::{Keyword, Parse, Span, Token, TokenKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Practice(String),
    Clause(String),
    Profile(String),
    /// A level number, with the practice of its line when there is one.
    Level {
        level: i64,
        practice: Option<String>,
    },
    Code(String),
    Standard(String),
    Role(String),
    Scope(String),
}

/// Where a word is: the statement's keyword and the keyword (or value) right before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub statement: Option<Keyword>,
    pub previous: Option<TokenKind>,
    /// Index of the statement's keyword among the significant tokens.
    statement_index: Option<usize>,
}

/// The significant (non-comment) tokens.
fn significant(parse: &Parse) -> Vec<Token> {
    parse
        .tokens
        .iter()
        .filter(|t| !t.kind.is_comment())
        .copied()
        .collect()
}

/// The place of the significant token `index` (or of a new word at the end of `tokens[..index]`).
fn place(tokens: &[Token], index: usize) -> Place {
    let before = &tokens[..index.min(tokens.len())];
    let statement_index = before.iter().rposition(|t| match t.kind {
        TokenKind::Keyword(k) => k.starts_statement(),
        TokenKind::LBrace | TokenKind::RBrace => true,
        _ => false,
    });
    let statement = statement_index.and_then(|i| match before[i].kind {
        TokenKind::Keyword(k) => Some(k),
        _ => None,
    });
    Place {
        statement,
        previous: before.last().map(|t| t.kind),
        statement_index,
    }
}

/// The subject of the word at `offset` and its span.
pub fn at(src: &str, parse: &Parse, offset: usize) -> Option<(Subject, Span)> {
    let tokens = significant(parse);
    let index = tokens.iter().position(|t| {
        t.span.start <= offset && offset <= t.span.end && t.span.end > t.span.start
    })?;
    let token = tokens[index];
    let text = src[token.span.range()].to_string();
    let place = place(&tokens, index);
    let subject = match token.kind {
        TokenKind::ClauseRef => Subject::Clause(text),
        TokenKind::Int if place.previous == Some(TokenKind::Keyword(Keyword::Level)) => {
            Subject::Level {
                level: text.parse().ok()?,
                practice: practice_of_statement(src, &tokens, &place),
            }
        }
        TokenKind::Ident => name_subject(place, text)?,
        _ => return None,
    };
    Some((subject, token.span))
}

/// What a name means in its place.
fn name_subject(place: Place, text: String) -> Option<Subject> {
    use Keyword as K;
    let previous = match place.previous? {
        TokenKind::Keyword(k) => k,
        _ => return None,
    };
    Some(match (place.statement?, previous) {
        (K::Target | K::Practice | K::Map, p) if p == place.statement? => Subject::Practice(text),
        (K::Waive, K::Waive) => Subject::Code(text),
        (K::Waive, K::For) => Subject::Practice(text),
        (K::Extends, _) | (K::Profile, K::Profile) => Subject::Profile(text),
        (_, K::Role) | (K::Map, K::For) => Subject::Role(text),
        (_, K::Scope) => Subject::Scope(text),
        (_, K::Follows) | (_, K::Supersedes) => Subject::Standard(text),
        _ => return None,
    })
}

/// The practice named right after the statement's keyword (`practice access-control level 2`).
fn practice_of_statement(src: &str, tokens: &[Token], place: &Place) -> Option<String> {
    let keyword = place.statement?;
    if !matches!(keyword, Keyword::Target | Keyword::Practice | Keyword::Map) {
        return None;
    }
    let next = tokens.get(place.statement_index? + 1)?;
    (next.kind == TokenKind::Ident).then(|| src[next.span.range()].to_string())
}

/// For completion: the word being typed at `offset` (possibly empty) and its place.
pub fn typing(src: &str, parse: &Parse, offset: usize) -> (Span, String, Place) {
    let tokens = significant(parse);
    let current = tokens
        .iter()
        .position(|t| t.span.start < offset && offset <= t.span.end)
        .filter(|&i| {
            matches!(
                tokens[i].kind,
                TokenKind::Ident
                    | TokenKind::ClauseRef
                    | TokenKind::Invalid(_)
                    | TokenKind::Keyword(_)
            )
        });
    match current {
        Some(i) => {
            let span = Span::new(tokens[i].span.start, offset);
            (span, src[span.range()].to_string(), place(&tokens, i))
        }
        None => {
            let index = tokens.iter().take_while(|t| t.span.end <= offset).count();
            (
                Span::new(offset, offset),
                String::new(),
                place(&tokens, index),
            )
        }
    }
}

/// The subject of every word of a file that names something, in one pass.
pub(crate) fn all(src: &str, parse: &Parse) -> Vec<(Subject, Span)> {
    let tokens = significant(parse);
    let mut found = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let text = &src[token.span.range()];
        let subject = match token.kind {
            TokenKind::ClauseRef => Subject::Clause(text.to_string()),
            TokenKind::Ident => match name_subject(place(&tokens, index), text.to_string()) {
                Some(subject) => subject,
                None => continue,
            },
            _ => continue,
        };
        found.push((subject, token.span));
    }
    found
}
