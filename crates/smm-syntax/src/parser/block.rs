//! Blocks, and statements made typed nodes: the pieces every item's grammar is built from.

use chumsky::prelude::*;

use super::raw::{close_brace, kind, raw};
use super::{Extra, ParserInput};
use crate::ast::{
    AssessmentField, Block, Declaration, Definition, DefinitionField, Extension, FrameworkField,
    MapEdge, MappingField, PracticeField, ProfileField, Rating, Setting, StandardField,
    TargetField, Unmapped, Waiver, WaiverField,
};
use crate::diagnostic::Diagnostic;
use crate::statement::{self, Raw};
use crate::token::{Keyword, TokenKind};
use crate::Span;

/// What a block holds: the last entry's span is where an unclosed block ends.
pub(super) trait Entry: Clone {
    fn span(&self) -> Span;
}

macro_rules! entry {
    ($($field:ty),*) => {$(
        impl Entry for $field {
            fn span(&self) -> Span {
                <$field>::span(self)
            }
        }
    )*};
}

entry!(
    ProfileField,
    AssessmentField,
    PracticeField,
    WaiverField,
    TargetField,
    FrameworkField,
    StandardField,
    DefinitionField,
    MappingField
);

/// `{ entries }`, where a missing `}` is reported at the end of the block's content.
pub(super) fn block<'t, F: Entry + 't>(
    entry: impl Parser<'t, ParserInput<'t>, F, Extra<'t>> + Clone + 't,
    what: &'static str,
) -> impl Parser<'t, ParserInput<'t>, Block<F>, Extra<'t>> + Clone {
    kind(TokenKind::LBrace)
        .then(entry.repeated().collect::<Vec<_>>())
        .then(close_brace().or_not())
        .validate(move |((open, mut entries), close), _, emitter| {
            // Blocks live as long as the tree: the spare capacity of a collect is dropped.
            entries.shrink_to_fit();
            if close.is_none() {
                let end = entries.last().map_or(open.end, |f| f.span().end);
                emitter.emit(Rich::custom(
                    SimpleSpan::from(end..end),
                    Box::new(statement::unclosed_block(open, end, what)),
                ));
            }
            let end = close.map_or_else(
                || entries.last().map_or(open.end, |f| f.span().end),
                |c| c.end,
            );
            Block {
                open,
                entries,
                close,
                span: Span::new(open.start, end),
            }
        })
}

/// Makes a typed node from a raw statement, with the statement's first problem.
pub(super) type Build<T> = fn(&str, Raw) -> (T, Option<Diagnostic>);

/// Builds a typed node from a raw statement and emits its first problem, if any.
pub(super) fn typed<'t, T>(
    parser: impl Parser<'t, ParserInput<'t>, Raw, Extra<'t>> + Clone,
    src: &'t str,
    build: Build<T>,
) -> impl Parser<'t, ParserInput<'t>, T, Extra<'t>> + Clone {
    parser.validate(move |raw, _, emitter| {
        let (node, problem) = build(src, raw);
        if let Some(problem) = problem {
            emitter.emit(Rich::custom(
                SimpleSpan::from(problem.span.range()),
                Box::new(problem),
            ));
        }
        node
    })
}

pub(super) fn setting<'t, T>(
    src: &'t str,
    keyword: Keyword,
    build: Build<Setting<T>>,
) -> impl Parser<'t, ParserInput<'t>, Setting<T>, Extra<'t>> + Clone {
    typed(raw(keyword, &[]), src, build)
}

/// A node whose block follows its line.
pub(super) trait HasBody<F> {
    /// The node's span, which grows to cover the block, and its block.
    fn parts(&mut self) -> (&mut Span, &mut Option<Block<F>>);
}

macro_rules! has_body {
    ($([$($generic:ident),*] $node:ty => $field:ty;)*) => {$(
        impl<$($generic),*> HasBody<$field> for $node {
            fn parts(&mut self) -> (&mut Span, &mut Option<Block<$field>>) {
                (&mut self.span, &mut self.body)
            }
        }
    )*};
}

has_body! {
    [F] Rating<F> => F;
    [F] Declaration<F> => F;
    [Id] Definition<Id> => DefinitionField;
    [] Extension => DefinitionField;
    [] Waiver => WaiverField;
    [] MapEdge => TargetField;
    [] Unmapped => TargetField;
}

/// Gives `node` its block, and `rest` (what an item without `{` skipped up to the next item):
/// its span then covers both.
pub(super) fn attach<F>(node: &mut impl HasBody<F>, body: Option<Block<F>>, rest: Option<Span>) {
    let (span, slot) = node.parts();
    for covered in body.iter().map(|b| b.span).chain(rest) {
        *span = span.cover(covered);
    }
    *slot = body;
}

/// A statement, then its block if one follows.
pub(super) fn with_body<'t, T: HasBody<F>, F>(
    line: impl Parser<'t, ParserInput<'t>, T, Extra<'t>> + Clone,
    body: impl Parser<'t, ParserInput<'t>, Block<F>, Extra<'t>> + Clone,
) -> impl Parser<'t, ParserInput<'t>, T, Extra<'t>> + Clone {
    line.then(body.or_not()).map(|(mut node, body)| {
        attach(&mut node, body, None);
        node
    })
}
