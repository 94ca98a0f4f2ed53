//! Turns text into tokens. Never fails: anything it cannot classify becomes an `Invalid` word or
//! an `Unknown` character token, so the parser and the formatter always see the whole file.

use crate::code::SyntaxCode;
use crate::diagnostic::Diagnostic;
use crate::lines;
use crate::token::{BadWord, Keyword, Token, TokenKind};
use crate::Span;

pub struct Lexed {
    /// Every token, comments included, in source order.
    pub tokens: Vec<Token>,
    pub errors: Vec<Diagnostic>,
}

pub fn lex(src: &str) -> Lexed {
    let mut lexer = Lexer {
        src,
        pos: 0,
        tokens: Vec::new(),
        errors: Vec::new(),
    };
    lexer.run();
    // A file's tokens live as long as its parse; growth by doubling leaves a quarter unused.
    lexer.tokens.shrink_to_fit();
    Lexed {
        tokens: lexer.tokens,
        errors: lexer.errors,
    }
}

/// Characters that continue a word: identifiers, numbers, dates and clause references are all
/// words, classified once the whole run is known, so `2026-10-01` and `iso27001:A.5.15` never
/// split in the wrong place.
fn is_word_char(c: char) -> bool {
    // `/` keeps `2026/10/01` and an unquoted `docs/a.pdf` one (invalid) word: one error each.
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/')
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    tokens: Vec<Token>,
    errors: Vec<Diagnostic>,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start, self.pos),
        });
    }

    fn run(&mut self) {
        while let Some(c) = self.rest().chars().next() {
            let start = self.pos;
            if c.is_whitespace() || c == '\u{feff}' {
                self.pos += c.len_utf8();
            } else if self.rest().starts_with("//") {
                // A line comment ends at the line break (`\n`, `\r\n` or a lone `\r`).
                self.pos += lines::line_end(self.rest());
                // Trailing blanks are layout, not part of the comment.
                let text = &self.src[start..self.pos];
                let trimmed = text.trim_end().len();
                self.pos = start + trimmed;
                self.push(TokenKind::LineComment, start);
            } else if self.rest().starts_with("/*") {
                self.block_comment(start);
            } else if c == '"' {
                self.string(start);
            } else if c == '{' {
                self.pos += 1;
                self.push(TokenKind::LBrace, start);
            } else if c == '}' {
                self.pos += 1;
                self.push(TokenKind::RBrace, start);
            } else if is_word_char(c) {
                let rest = self.rest();
                let len = rest
                    .char_indices()
                    .find(|&(i, c)| {
                        !is_word_char(c)
                            || rest[i..].starts_with("//")
                            || rest[i..].starts_with("/*")
                    })
                    .map_or(rest.len(), |(i, _)| i);
                self.pos += len;
                let kind = classify_word(&self.src[start..self.pos]);
                self.push(kind, start);
            } else {
                // A run of one character is one token: 10 MB of `#` must not become ten
                // million tokens. The error still points at the run's first character.
                let run = self.rest().len() - self.rest().trim_start_matches(c).len();
                self.pos += run;
                self.push(TokenKind::Unknown, start);
            }
        }
    }

    fn block_comment(&mut self, start: usize) {
        match self.rest()[2..].find("*/") {
            Some(end) => self.pos += 2 + end + 2,
            None => {
                self.pos = self.src.len();
                self.errors.push(
                    Diagnostic::syntax(
                        SyntaxCode::UnterminatedComment,
                        Span::new(start, start + 2),
                        "block comment is never closed",
                    )
                    .with_label("this `/*` has no matching `*/`")
                    .with_help("add `*/` where the comment should end"),
                );
            }
        }
        self.push(TokenKind::BlockComment, start);
    }

    fn string(&mut self, start: usize) {
        self.pos += 1;
        let src = self.src;
        let mut chars = src[self.pos..].char_indices();
        loop {
            match chars.next() {
                None => break self.unterminated_string(start, self.src.len()),
                Some((i, c)) if lines::is_break(c) => {
                    break self.unterminated_string(start, self.pos + i);
                }
                Some((i, '"')) => {
                    self.pos += i + 1;
                    break;
                }
                Some((i, '\\')) => {
                    let escape_start = self.pos + i;
                    match chars.next() {
                        Some((_, '"' | '\\' | 'n' | 't')) => {}
                        Some((j, c)) if !lines::is_break(c) => {
                            let end = self.pos + j + c.len_utf8();
                            self.errors.push(
                                Diagnostic::syntax(
                                    SyntaxCode::InvalidEscape,
                                    Span::new(escape_start, end),
                                    format!("unknown escape `\\{}` in string", c.escape_debug()),
                                )
                                .with_label("not a valid escape")
                                .with_help(
                                    "strings know `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash",
                                ),
                            );
                        }
                        _ => break self.unterminated_string(start, escape_start + 1),
                    }
                }
                Some(_) => {}
            }
        }
        self.push(TokenKind::String, start);
    }

    fn unterminated_string(&mut self, start: usize, end: usize) {
        self.pos = end;
        self.errors.push(
            Diagnostic::syntax(
                SyntaxCode::UnterminatedString,
                Span::new(start, end),
                "string is not closed before the end of the line",
            )
            .with_label("this string needs a closing `\"`")
            .with_help("strings stay on one line; add the missing `\"`"),
        );
    }
}

pub(crate) fn character_help(c: char) -> String {
    match c {
        ',' | ';' => "items are separated by spaces and new lines; remove the punctuation".into(),
        '#' => "comments start with `//` or are wrapped in `/* */`".into(),
        '\'' | '“' | '”' => "strings use straight double quotes: \"like this\"".into(),
        _ => "remove it, or put it inside a string or a comment".into(),
    }
}

pub fn classify_word(word: &str) -> TokenKind {
    if let Some(keyword) = Keyword::from_word(word) {
        TokenKind::Keyword(keyword)
    } else if is_ident(word) {
        TokenKind::Ident
    } else if is_int(word) {
        TokenKind::Int
    } else if is_date(word) {
        TokenKind::Date
    } else if let Some((standard, clause)) = word.split_once(':') {
        if is_ident(standard) && is_clause(clause) {
            TokenKind::ClauseRef
        } else {
            TokenKind::Invalid(BadWord::MalformedClause)
        }
    } else if looks_like_bare_clause(word) {
        TokenKind::Invalid(BadWord::ClauseWithoutStandard)
    } else if word.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        TokenKind::Invalid(BadWord::MalformedNumberOrDate)
    } else {
        TokenKind::Invalid(BadWord::NotKebabCase)
    }
}

/// `SR1.1`, `SM-1`, `5.15`, `A.5.15`: a clause identifier with no lowercase letters, at least
/// one digit, and not something that reads as a date (`01.10.2026`).
fn looks_like_bare_clause(word: &str) -> bool {
    let parts: Vec<&str> = word.split(['.', '-', '/']).collect();
    let date_like = parts.len() == 3
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && parts.iter().any(|p| p.len() == 4);
    is_clause(word)
        && !date_like
        && word.contains(|c: char| c.is_ascii_digit())
        && !word.contains(|c: char| c.is_ascii_lowercase())
        && (word.contains(['.', '-']) || word.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// `[a-z][a-z0-9]*(-[a-z0-9]+)*`
pub fn is_ident(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && word.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `-?[0-9]+`: any integer; whether it is a valid level is the checker's business.
fn is_int(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// `YYYY-MM-DD` by shape only; calendar checks belong to the checker.
fn is_date(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A standard's own clause identifier without spaces: `SR1.1-RE1`, `SP.03.01`, `A.5.15`.
fn is_clause(clause: &str) -> bool {
    !clause.is_empty()
        && clause
            .split(['.', '-'])
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, &str)> {
        lex(src)
            .tokens
            .iter()
            .map(|t| (t.kind, &src[t.span.range()]))
            .collect()
    }

    #[test]
    fn words_are_classified_as_a_whole() {
        use TokenKind::*;
        assert_eq!(
            kinds("2026-10-01 iso27001:A.5.15 iec62443-3-3:SR1.1-RE1 iec62443-2-4:SP.03.01 3 -1"),
            vec![
                (Date, "2026-10-01"),
                (ClauseRef, "iso27001:A.5.15"),
                (ClauseRef, "iec62443-3-3:SR1.1-RE1"),
                (ClauseRef, "iec62443-2-4:SP.03.01"),
                (Int, "3"),
                (Int, "-1"),
            ]
        );
        assert_eq!(
            kinds("SR1.1 5.15 A.5.15 Line4 01.10.2026 2026-1-1 access_control iso:"),
            vec![
                (Invalid(BadWord::ClauseWithoutStandard), "SR1.1"),
                (Invalid(BadWord::ClauseWithoutStandard), "5.15"),
                (Invalid(BadWord::ClauseWithoutStandard), "A.5.15"),
                (Invalid(BadWord::NotKebabCase), "Line4"),
                (Invalid(BadWord::MalformedNumberOrDate), "01.10.2026"),
                (Invalid(BadWord::MalformedNumberOrDate), "2026-1-1"),
                (Invalid(BadWord::NotKebabCase), "access_control"),
                (Invalid(BadWord::MalformedClause), "iso:"),
            ]
        );
    }

    #[test]
    fn comments_end_words() {
        use TokenKind::*;
        assert_eq!(
            kinds("2// why\nx/*c*/docs/a.pdf"),
            vec![
                (Int, "2"),
                (LineComment, "// why"),
                (Ident, "x"),
                (BlockComment, "/*c*/"),
                (Invalid(BadWord::NotKebabCase), "docs/a.pdf")
            ]
        );
    }

    #[test]
    fn comments_strings_and_unknown_characters_are_tokens() {
        let lexed = lex("a /* b */ \"c \\\" d\" // e\r\n, \"open");
        let kinds: Vec<_> = lexed.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                TokenKind::Ident,
                TokenKind::BlockComment,
                TokenKind::String,
                TokenKind::LineComment,
                TokenKind::Unknown,
                TokenKind::String,
            ]
        );
        let codes: Vec<_> = lexed.errors.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["syntax::unterminated-string"]);
    }

    /// A `//` comment ends at a lone `\r` as at `\n`: in a file with old Mac line ends it must
    /// not swallow the lines after it.
    #[test]
    fn a_comment_ends_at_every_line_break() {
        use crate::ast::{Item, ProfileField};
        for src in [
            "profile p {\r  // c\r  target access-control level 1\r}\r",
            "profile p {\r\n  // c\r\n  target access-control level 1\r\n}\r\n",
            "profile p {\n  // c\n  target access-control level 1\n}\n",
        ] {
            let parse = crate::parse(src);
            assert!(parse.errors.is_empty(), "{src:?}: {:?}", parse.errors);
            let comment = parse
                .tokens
                .iter()
                .find(|t| t.kind == TokenKind::LineComment);
            assert_eq!(comment.map(|t| &src[t.span.range()]), Some("// c"));
            let [Item::Profile(profile)] = parse.file.items.as_slice() else {
                panic!("{src:?}: {:?}", parse.file);
            };
            let targets: Vec<_> = profile
                .body
                .iter()
                .flat_map(|b| &b.entries)
                .filter_map(|f| match f {
                    ProfileField::Target(t) => t.practice.as_ref().map(|p| p.text.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(targets, ["access-control"], "{src:?}");
        }
    }

    /// Strings stay on one line, whichever break ends it; other separators are inside a line.
    #[test]
    fn a_string_ends_at_every_line_break() {
        for (src, string) in [
            ("\"open\rx", "\"open"),
            ("\"open\r\nx", "\"open"),
            ("\"open\\\rx", "\"open\\"),
            ("\"a\u{2028}b\u{b}c\"", "\"a\u{2028}b\u{b}c\""),
        ] {
            let lexed = lex(src);
            assert_eq!(&src[lexed.tokens[0].span.range()], string, "{src:?}");
            let unterminated = lexed
                .errors
                .iter()
                .any(|e| e.code == SyntaxCode::UnterminatedString.as_str());
            assert_eq!(unterminated, !string.ends_with('"'), "{src:?}");
        }
    }

    /// Only `\n`, `\r\n` and a lone `\r` start a line: a word after any other separator
    /// continues the statement.
    #[test]
    fn only_line_breaks_start_a_statement_line() {
        for separator in ["\r", "\r\n", "\n"] {
            let src = format!(
                "profile p {{{separator}  target{separator}  access-control level 2{separator}}}"
            );
            let codes: Vec<_> = crate::parse(&src).errors.iter().map(|e| e.code).collect();
            assert!(!codes.is_empty(), "{separator:?}: a name on its own line");
        }
        for separator in ["\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}"] {
            let src = format!(
                "profile p {{{separator}  target{separator}  access-control level 2{separator}}}"
            );
            let parse = crate::parse(&src);
            assert!(parse.errors.is_empty(), "{separator:?}: {:?}", parse.errors);
        }
    }
}
