//! What may be typed at the cursor: the statements of the block around it where a statement
//! may start, or the slot of the value being typed.

use crate::token::{Keyword, TokenKind};
use crate::{Parse, Span};

use super::{reader_before, statements_at, Slot, Use};

/// The word being typed at the cursor and what it may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Next {
    /// The part of the word already typed, up to the cursor; empty before a new word.
    pub typed: Span,
    pub expects: Expect,
    /// The keyword of the statement the word stands in, if any.
    pub statement: Option<Keyword>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A statement of the block around the cursor, which accepts these keywords.
    Statement(&'static [Keyword]),
    Value(Slot),
    Nothing,
}

/// What a word ending at `offset` (partly typed, or not begun) may be.
pub fn next_at(src: &str, parse: &Parse, offset: usize) -> Next {
    // The only token that can hold the cursor: the first that does not end before it.
    let at = parse.tokens.partition_point(|t| t.span.end < offset);
    let current = parse.tokens.get(at).filter(|t| {
        t.span.start < offset
            && matches!(
                t.kind,
                TokenKind::Ident
                    | TokenKind::ClauseRef
                    | TokenKind::Invalid(_)
                    | TokenKind::Keyword(_)
            )
    });
    let start = current.map_or(offset, |t| t.span.start);
    let typed = Span::new(start, offset);
    let (first, mut reader) = reader_before(parse, start);
    let items = &parse.file.items;
    for &token in parse.tokens[first..]
        .iter()
        .take_while(|t| t.span.end <= start)
    {
        reader.read(src, items, token);
    }
    let statement_may_start = reader.line_start(src, start)
        || matches!(
            reader.previous,
            None | Some(TokenKind::LBrace | TokenKind::RBrace)
        );
    let expects = if statement_may_start {
        Expect::Statement(statements_at(&parse.file, offset))
    } else if src[typed.range()].contains(':') {
        // Only a clause reference holds a colon.
        Expect::Value(Slot::Clause(Use::Refer))
    } else {
        reader
            .place
            .expected()
            .map_or(Expect::Nothing, Expect::Value)
    };
    Next {
        typed,
        expects,
        statement: reader.place.statement(),
    }
}
