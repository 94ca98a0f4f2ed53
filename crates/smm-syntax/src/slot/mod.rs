//! What each word of a file stands for, decided once, as the parser reads it: a practice
//! after `target`, a profile after `extends`, a role after `map … for`, a declaration after an
//! item's keyword. Hover, completion, references and highlighting read this instead of
//! working it out from tokens themselves, so a new keyword or value touches the grammar and
//! the feature that uses it. Works on files with syntax errors too: it reads tokens, with the
//! parser's line rules, and asks the tree only which item a keyword heads.

mod blocks;
mod next;
mod place;

pub use blocks::{rated_practice, statements_at};
pub use next::{next_at, Expect, Next};

use crate::token::{Keyword, Token};
use crate::{Parse, Span};

use place::{item_at, SlotReader};

/// What a word stands for where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A reserved word read as a keyword (`industry` after a keyword on its line is a value).
    Keyword(Keyword),
    Comment,
    String,
    Date,
    /// The integer after `level`.
    Level,
    /// Any other integer: `comprehensiveness 3`, `security-level 2`.
    Number,
    Practice(Use),
    Clause(Use),
    Profile(Use),
    /// An assessment's name, which only its item declares.
    Assessment,
    Standard(Use),
    Framework,
    Mapping,
    /// A domain or subdomain, which group practices.
    Domain(Use),
    Role,
    Scope,
    /// `map … as subset`.
    Relationship,
    Industry,
    /// The check code in `waive CODE`, without its `check::` prefix.
    Code,
}

/// Whether a name is defined where it stands or refers to a definition elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Use {
    Define,
    Refer,
}

/// A token and its slot; `None` for braces, invalid words and names where no name belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slotted {
    pub token: Token,
    pub slot: Option<Slot>,
}

/// Every token of the file, comments included, in order, with its slot.
pub fn slots<'a>(src: &'a str, parse: &'a Parse) -> impl Iterator<Item = Slotted> + 'a {
    let mut reader = SlotReader::default();
    let items = &parse.file.items;
    parse.tokens.iter().map(move |&token| Slotted {
        token,
        slot: reader.read(src, items, token),
    })
}

/// The slot of the word at `offset` (touching it at either end) and its span.
pub fn slot_at(src: &str, parse: &Parse, offset: usize) -> Option<(Slot, Span)> {
    let (start, mut reader) = reader_before(parse, offset);
    let items = &parse.file.items;
    for &token in &parse.tokens[start..] {
        if token.span.start > offset {
            break;
        }
        let slot = reader.read(src, items, token);
        let touches = offset <= token.span.end && !token.span.is_empty();
        if touches && !token.kind.is_comment() {
            return slot.map(|slot| (slot, token.span));
        }
    }
    None
}

/// Where to start reading for a word at `offset`, and the reader there: the start of the
/// item around it, where every statement's place is fresh, so that a word costs its item's
/// length and not the file's.
fn reader_before(parse: &Parse, offset: usize) -> (usize, SlotReader) {
    let tokens = &parse.tokens;
    let start = match item_at(&parse.file.items, offset) {
        Some(item) if !matches!(item, crate::ast::Item::Error(_)) => {
            tokens.partition_point(|t| t.span.start < item.span().start)
        }
        _ => 0,
    };
    let before = &tokens[..start];
    let reader = SlotReader {
        previous_end: before.last().map(|t| t.span.end),
        previous: before
            .iter()
            .rev()
            .find(|t| !t.kind.is_comment())
            .map(|t| t.kind),
        ..SlotReader::default()
    };
    (start, reader)
}

#[cfg(test)]
mod tests;
