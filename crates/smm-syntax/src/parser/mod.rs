//! The chumsky grammar. It groups tokens into items, blocks and statements and recovers from
//! every mistake; `statement` turns each statement's tokens into a typed node, reporting at
//! most one problem per statement so that one mistake gives one error.

use chumsky::input::{Input as _, MappedInput};
use chumsky::prelude::*;

use crate::ast::SourceFile;
use crate::diagnostic::Diagnostic;
use crate::lines;
use crate::token::{Token, TokenKind};

mod assessment;
mod block;
mod catalog;
mod item;
mod keywords;
mod mapping;
mod raw;
mod recovery;

pub(crate) use keywords::TOP;

/// What the grammar sees of a token: its kind, and whether it is the first on its line. A plain
/// word at the start of a line never continues the previous statement, so a misspelt keyword
/// costs one error on its own line instead of corrupting the line above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: TokenKind,
    pub line_start: bool,
    /// First on its line and in column 0, where top-level items start.
    pub at_margin: bool,
}

impl Tok {
    fn starts_line_statement(self) -> bool {
        self.line_start && matches!(self.kind, TokenKind::Keyword(k) if k.starts_statement())
    }
}

pub(crate) type ParserInput<'t> = MappedInput<'t, Tok, SimpleSpan, &'t [(Tok, SimpleSpan)]>;
/// Custom errors carry a finished diagnostic; expected/found errors are worded in `errors.rs`.
pub(crate) type ParseError<'t> = Rich<'t, Tok, SimpleSpan, Box<Diagnostic>>;
type Extra<'t> = extra::Err<ParseError<'t>>;

pub(crate) fn parse_tokens(src: &str, tokens: &[Token]) -> (SourceFile, Vec<ParseError<'static>>) {
    let mut significant: Vec<(Tok, SimpleSpan)> = Vec::new();
    let mut previous_end = None;
    for token in tokens {
        let line_start = lines::first_on_line(src, previous_end, token.span.start);
        previous_end = Some(token.span.end);
        if token.kind.is_trivia() {
            continue;
        }
        let at_margin = line_start && lines::starts_line(src, token.span.start);
        let tok = Tok {
            kind: token.kind,
            line_start,
            at_margin,
        };
        significant.push((tok, SimpleSpan::from(token.span.range())));
    }
    let eoi = SimpleSpan::from(src.len()..src.len());
    let (file, errors) = item::file_parser(src)
        .parse(significant.as_slice().split_token_span(eoi))
        .into_output_errors();
    let errors = errors.into_iter().map(|e| e.into_owned()).collect();
    (file.unwrap_or_default(), errors)
}
