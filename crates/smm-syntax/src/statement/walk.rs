//! The shared walks over a statement's parts: every builder reads its values and modifiers
//! through these, so that they report problems alike and in the same order.

use super::problems::{duplicate, missing, stray, wrong};
use super::values::{text, Convert};
use super::{FirstProblem, Part, Raw, Word};
use crate::ast::{Setting, Text};
use crate::token::{Keyword, TokenKind};
use crate::Span;

/// Walks a statement's parts: its first value is the head, read by `head` and returned, a text
/// right after it is the title where `title` is given, any other bare value is a stray, and each
/// modifier is handed to `modifier` once (with the modifiers seen so far); a missing head or a
/// repeated modifier is reported.
pub(super) fn walk<H>(
    src: &str,
    raw: &Raw,
    problem: &mut FirstProblem,
    mut title: Option<&mut Option<Text>>,
    head: Convert<H>,
    mut modifier: impl FnMut(Modifier),
) -> Option<H> {
    if !matches!(raw.parts.first(), Some(Part::Value(_))) {
        problem.add(missing(raw.keyword, raw.keyword_span));
    }
    let mut value = None;
    let mut seen: Vec<(Keyword, Span)> = Vec::new();
    for (i, part) in raw.parts.iter().enumerate() {
        match (part, title.as_deref_mut()) {
            (Part::Value(word), _) if i == 0 => value = problem.take(head(src, raw.keyword, *word)),
            (Part::Value(word), Some(title)) if i == 1 && word.kind == TokenKind::String => {
                *title = problem.take(text(src, raw.keyword, *word))
            }
            (Part::Value(word), _) => problem.add_with(|| stray(src, raw, *word, &keywords(&seen))),
            (
                Part::Modifier {
                    keyword,
                    span,
                    values,
                },
                _,
            ) => {
                if first_time(&mut seen, problem, *keyword, *span) {
                    modifier(Modifier {
                        keyword: *keyword,
                        span: *span,
                        values,
                        seen: &keywords(&seen),
                        problem,
                        src,
                        raw,
                    });
                }
            }
        }
    }
    value
}

fn keywords(seen: &[(Keyword, Span)]) -> Vec<Keyword> {
    seen.iter().map(|(k, _)| *k).collect()
}

/// Records a modifier, or reports it as given twice.
fn first_time(
    seen: &mut Vec<(Keyword, Span)>,
    problem: &mut FirstProblem,
    keyword: Keyword,
    span: Span,
) -> bool {
    if let Some((_, first)) = seen.iter().find(|(k, _)| *k == keyword) {
        problem.add(duplicate(keyword, span, *first));
        return false;
    }
    seen.push((keyword, span));
    true
}

/// A modifier as `walk` hands it over, with what reading its values takes.
pub(super) struct Modifier<'m> {
    pub keyword: Keyword,
    pub span: Span,
    pub values: &'m [Word],
    /// The modifiers given so far, this one last: what a stray after them could have been.
    pub seen: &'m [Keyword],
    pub problem: &'m mut FirstProblem,
    src: &'m str,
    raw: &'m Raw,
}

impl Modifier<'_> {
    /// Its single value, with extra values reported as strays.
    pub fn value<T>(&mut self, convert: Convert<T>) -> Setting<T> {
        let (keyword, span) = (self.keyword, self.span);
        let value = match self.values.first() {
            Some(word) => self.problem.take(convert(self.src, keyword, *word)),
            None => {
                self.problem.add(missing(keyword, span));
                None
            }
        };
        for word in self.values.iter().skip(1) {
            self.stray(*word);
        }
        let end = self.values.last().map_or(span.end, |w| w.span.end);
        Setting {
            keyword: span,
            value,
            span: Span::new(span.start, end),
        }
    }

    /// Reports a value the modifier does not take.
    pub fn stray(&mut self, word: Word) {
        let (src, raw, seen) = (self.src, self.raw, self.seen);
        self.problem.add_with(|| stray(src, raw, word, seen));
    }
}

/// Positional values of the given kinds, each required, then nothing else.
pub(super) fn positional(
    src: &str,
    raw: &Raw,
    problem: &mut FirstProblem,
    kinds: &[TokenKind],
) -> Vec<Option<Word>> {
    let mut found = vec![None; kinds.len()];
    let values: Vec<Word> = raw
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Value(w) => Some(*w),
            Part::Modifier { .. } => None,
        })
        .collect();
    for (i, kind) in kinds.iter().enumerate() {
        match values.get(i) {
            Some(word) if word.kind == *kind => found[i] = Some(*word),
            Some(word) => problem.add(wrong(src, raw.keyword, *word)),
            None => problem.add(missing(raw.keyword, raw.keyword_span)),
        }
    }
    for word in values.iter().skip(kinds.len()) {
        problem.add_with(|| stray(src, raw, *word, &[]));
    }
    found
}
