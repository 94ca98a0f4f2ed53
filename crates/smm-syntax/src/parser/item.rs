//! The top-level items: each one's header line and block, and the file as a list of them.

use chumsky::prelude::*;

use super::assessment::{assessment_field, profile_field};
use super::block::{attach, block, Entry, HasBody};
use super::catalog::{definition_field, framework_field, standard_field};
use super::keywords::TOP;
use super::mapping::mapping_field;
use super::raw::raw;
use super::recovery::junk;
use super::{Extra, ParserInput};
use crate::ast::{Declaration, DefinitionField, Extension, Item, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::statement::{self, Raw};
use crate::token::Keyword;

/// How a top-level item is built from its header; its body joins it as any block does.
trait Headed<F>: HasBody<F> + Sized {
    fn build(src: &str, raw: Raw, has_body: bool) -> (Self, Option<Diagnostic>);
}

impl<F> Headed<F> for Declaration<F> {
    fn build(src: &str, raw: Raw, has_body: bool) -> (Self, Option<Diagnostic>) {
        statement::declaration::<F>(src, raw, has_body)
    }
}

impl Headed<DefinitionField> for Extension {
    fn build(src: &str, raw: Raw, has_body: bool) -> (Self, Option<Diagnostic>) {
        statement::extension(src, raw, has_body)
    }
}

/// The item `keyword` starts, with a block of `field`s.
fn item<'t, F: Entry + 't, T: Headed<F>>(
    src: &'t str,
    keyword: Keyword,
    field: impl Parser<'t, ParserInput<'t>, F, Extra<'t>> + Clone + 't,
) -> impl Parser<'t, ParserInput<'t>, T, Extra<'t>> + Clone {
    let body = block(field, keyword.as_str());
    raw(keyword, &[])
        .then(choice((
            body.map(|body| (Some(body), None)),
            // Without `{`, what follows up to the next item belongs to this one: one error.
            junk(TOP, true).or_not().map(|rest| (None, rest)),
        )))
        .validate(move |(raw, (body, rest)), _, emitter| {
            let (mut node, problem) = T::build(src, raw, body.is_some());
            if let Some(problem) = problem {
                emitter.emit(Rich::custom(
                    SimpleSpan::from(problem.span.range()),
                    Box::new(problem),
                ));
            }
            attach(&mut node, body, rest);
            node
        })
}

pub(super) fn file_parser<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, SourceFile, Extra<'t>> {
    let profile = item(src, Keyword::Profile, profile_field(src));
    let assessment = item(src, Keyword::Assessment, assessment_field(src));
    let framework = item(src, Keyword::Framework, framework_field(src));
    let standard = item(src, Keyword::Standard, standard_field(src));
    let mapping = item(src, Keyword::Mapping, mapping_field(src));
    let extension = item(src, Keyword::Extend, definition_field(src, TOP));
    // Boxed, so that each item's parser is its own call frame: unboxed, the whole grammar's
    // state is nested in one value and a debug build needs over 256 KiB of stack.
    choice((
        profile.map(Item::Profile).boxed(),
        assessment.map(Item::Assessment).boxed(),
        framework.map(Item::Framework).boxed(),
        standard.map(Item::Standard).boxed(),
        extension.map(Item::Extension).boxed(),
        mapping.map(Item::Mapping).boxed(),
    ))
    .labelled("top-level item")
    .recover_with(via_parser(junk(TOP, true).map(Item::Error)))
    .repeated()
    .collect::<Vec<_>>()
    .then_ignore(end())
    .map(|items| SourceFile { items })
}
