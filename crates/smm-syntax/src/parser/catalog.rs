//! The grammar inside frameworks, standards and extensions: definitions with their blocks,
//! and the fields of those blocks.

use chumsky::prelude::*;

use super::block::{block, setting, typed, with_body, Build};
use super::keywords::{DEFINITION_MODIFIERS, IN_FRAMEWORK, IN_STANDARD, TOP};
use super::raw::raw;
use super::recovery::junk;
use super::{Extra, ParserInput};
use crate::ast::{Definition, DefinitionField, FrameworkField, StandardField};
use crate::statement;
use crate::token::Keyword;

/// The fields of a definition's block; `stop` lists the keywords that end it when its `}` was
/// forgotten.
pub(super) fn definition_field<'t>(
    src: &'t str,
    stop: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, DefinitionField, Extra<'t>> + Clone {
    choice((
        setting(src, Keyword::Description, statement::text_setting)
            .map(DefinitionField::Description),
        setting(src, Keyword::Objective, statement::text_setting).map(DefinitionField::Objective),
        typed(
            raw(Keyword::Comprehensiveness, &[]),
            src,
            statement::level_text,
        )
        .map(DefinitionField::Comprehensiveness),
        setting(src, Keyword::Text, statement::text_setting).map(DefinitionField::Text),
        setting(src, Keyword::SecurityLevel, statement::int_setting)
            .map(DefinitionField::SecurityLevel),
    ))
    .labelled("definition field")
    .recover_with(via_parser(junk(stop, false).map(DefinitionField::Error)))
}

/// `KEYWORD ID "Title" parent ID { ... }`.
fn definition<'t, Id: Clone + 't>(
    src: &'t str,
    keyword: Keyword,
    build: Build<Definition<Id>>,
    stop: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, Box<Definition<Id>>, Extra<'t>> + Clone {
    let body = block(definition_field(src, stop), keyword.as_str());
    with_body(typed(raw(keyword, DEFINITION_MODIFIERS), src, build), body).map(Box::new)
}

pub(super) fn framework_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, FrameworkField, Extra<'t>> + Clone {
    let named = |keyword| definition(src, keyword, statement::named_definition, IN_FRAMEWORK);
    choice((
        setting(src, Keyword::Description, statement::text_setting)
            .map(FrameworkField::Description),
        setting(src, Keyword::Source, statement::text_setting).map(FrameworkField::Source),
        named(Keyword::Domain).map(FrameworkField::Domain),
        named(Keyword::Subdomain).map(FrameworkField::Subdomain),
        named(Keyword::Practice).map(FrameworkField::Practice),
    ))
    .labelled("framework field")
    .recover_with(via_parser(junk(TOP, false).map(FrameworkField::Error)))
}

pub(super) fn standard_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, StandardField, Extra<'t>> + Clone {
    choice((
        definition(
            src,
            Keyword::Clause,
            statement::clause_definition,
            IN_STANDARD,
        )
        .map(StandardField::Clause),
        setting(src, Keyword::Description, statement::text_setting).map(StandardField::Description),
        setting(src, Keyword::Source, statement::text_setting).map(StandardField::Source),
        setting(src, Keyword::Edition, statement::text_setting).map(StandardField::Edition),
        setting(src, Keyword::Supersedes, statement::name_setting).map(StandardField::Supersedes),
        setting(src, Keyword::Role, statement::name_setting).map(StandardField::Role),
        typed(raw(Keyword::Annex, &[]), src, statement::annex).map(StandardField::Annex),
    ))
    .labelled("standard field")
    .recover_with(via_parser(junk(TOP, false).map(StandardField::Error)))
}
