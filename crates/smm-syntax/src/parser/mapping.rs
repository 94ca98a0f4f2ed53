//! The grammar inside mappings: `map` edges and `unmapped` clauses with their blocks.

use chumsky::prelude::*;

use super::assessment::target_block;
use super::block::{block, setting, typed, with_body};
use super::keywords::{IN_MAPPING, MAP_MODIFIERS, TOP};
use super::raw::raw;
use super::recovery::junk;
use super::{Extra, ParserInput};
use crate::ast::{MappingField, TargetField};
use crate::statement;
use crate::token::Keyword;

pub(super) fn mapping_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, MappingField, Extra<'t>> + Clone {
    let body = target_block(src, "map", "map field", IN_MAPPING);
    let edge = with_body(
        typed(raw(Keyword::Map, MAP_MODIFIERS), src, statement::map_edge),
        body,
    )
    .map(Box::new);
    // Only `rationale` in an unmapped block: the reason is the whole point of the line.
    let reason = setting(src, Keyword::Rationale, statement::text_setting)
        .map(TargetField::Rationale)
        .labelled("unmapped field")
        .recover_with(via_parser(junk(IN_MAPPING, false).map(TargetField::Error)));
    let unmapped = with_body(
        typed(raw(Keyword::Unmapped, &[]), src, statement::unmapped),
        block(reason, "unmapped"),
    )
    .map(Box::new);
    choice((
        edge.map(MappingField::Map),
        unmapped.map(MappingField::Unmapped),
        setting(src, Keyword::Description, statement::text_setting).map(MappingField::Description),
        setting(src, Keyword::Source, statement::text_setting).map(MappingField::Source),
        setting(src, Keyword::Edition, statement::text_setting).map(MappingField::Edition),
    ))
    .labelled("mapping field")
    .recover_with(via_parser(junk(TOP, false).map(MappingField::Error)))
}
