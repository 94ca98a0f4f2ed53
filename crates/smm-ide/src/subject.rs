//! What the word under the cursor names: the syntax's slot for it (`smm_syntax::slot`) with
//! the word's text, for the features that look a name up.

use smm_syntax::slot::{self, Slot};
use smm_syntax::{Parse, Span};

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

/// The subject of a word in `slot`, or `None` where the slot names nothing to look up.
fn subject(src: &str, parse: &Parse, slot: Slot, span: Span) -> Option<Subject> {
    let text = src[span.range()].to_string();
    Some(match slot {
        Slot::Practice(_) => Subject::Practice(text),
        Slot::Clause(_) => Subject::Clause(text),
        Slot::Profile(_) => Subject::Profile(text),
        Slot::Level => Subject::Level {
            level: text.parse().ok()?,
            practice: slot::rated_practice(&parse.file, span.start).map(str::to_string),
        },
        Slot::Code => Subject::Code(text),
        Slot::Standard(_) => Subject::Standard(text),
        Slot::Role => Subject::Role(text),
        Slot::Scope => Subject::Scope(text),
        _ => return None,
    })
}

/// The subject of the word at `offset` and its span.
pub fn at(src: &str, parse: &Parse, offset: usize) -> Option<(Subject, Span)> {
    let (slot, span) = slot::slot_at(src, parse, offset)?;
    Some((subject(src, parse, slot, span)?, span))
}

/// The subject of every word of a file that names something, in one pass; levels, which
/// name nothing elsewhere, are left out.
pub(crate) fn all(src: &str, parse: &Parse) -> Vec<(Subject, Span)> {
    slot::slots(src, parse)
        .filter_map(|word| {
            let span = word.token.span;
            let slot = word.slot.filter(|s| *s != Slot::Level)?;
            Some((subject(src, parse, slot, span)?, span))
        })
        .collect()
}
