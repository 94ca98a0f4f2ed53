//! The grammar inside profiles and assessments: targets and practices with their blocks,
//! evidence, waivers and settings.

use chumsky::prelude::*;

use super::block::{block, setting, typed, with_body};
use super::keywords::{
    EVIDENCE_MODIFIERS, IN_ASSESSMENT, IN_PROFILE, RATING_MODIFIERS, TOP, WAIVER_MODIFIERS,
};
use super::raw::{kind, raw};
use super::recovery::junk;
use super::{Extra, ParserInput};
use crate::ast::{
    AssessmentField, Block, PracticeField, ProfileField, Rating, TargetField, WaiverField,
};
use crate::statement;
use crate::token::{Keyword, TokenKind};

fn rating<'t, F: Clone + 't>(
    src: &'t str,
    keyword: Keyword,
    body: impl Parser<'t, ParserInput<'t>, Block<F>, Extra<'t>> + Clone + 't,
) -> impl Parser<'t, ParserInput<'t>, Rating<F>, Extra<'t>> + Clone {
    with_body(
        typed(raw(keyword, RATING_MODIFIERS), src, statement::rating),
        body,
    )
}

/// The block of a target or a map edge (`what`), of `rationale` and `note` fields (`label`).
pub(super) fn target_block<'t>(
    src: &'t str,
    what: &'static str,
    label: &'static str,
    stop: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, Block<TargetField>, Extra<'t>> + Clone {
    let field = choice((
        setting(src, Keyword::Rationale, statement::text_setting).map(TargetField::Rationale),
        setting(src, Keyword::Note, statement::text_setting).map(TargetField::Note),
    ))
    .labelled(label)
    .recover_with(via_parser(junk(stop, false).map(TargetField::Error)));
    block(field, what)
}

fn waiver_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, WaiverField, Extra<'t>> + Clone {
    choice((
        setting(src, Keyword::Reason, statement::text_setting).map(WaiverField::Reason),
        setting(src, Keyword::Owner, statement::text_setting).map(WaiverField::Owner),
    ))
    .labelled("waiver field")
    .recover_with(via_parser(
        junk(IN_ASSESSMENT, false).map(WaiverField::Error),
    ))
}

fn practice_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, PracticeField, Extra<'t>> + Clone {
    choice((
        typed(
            raw(Keyword::Evidence, EVIDENCE_MODIFIERS),
            src,
            statement::evidence,
        )
        .map(|e| PracticeField::Evidence(Box::new(e))),
        setting(src, Keyword::Note, statement::text_setting).map(PracticeField::Note),
    ))
    .labelled("practice field")
    .recover_with(via_parser(
        junk(IN_ASSESSMENT, false).map(PracticeField::Error),
    ))
}

pub(super) fn profile_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, ProfileField, Extra<'t>> + Clone {
    let target_body = target_block(src, "target", "target field", IN_PROFILE);
    choice((
        rating(src, Keyword::Target, target_body).map(|t| ProfileField::Target(Box::new(t))),
        setting(src, Keyword::Industry, statement::name_setting).map(ProfileField::Industry),
        setting(src, Keyword::Extends, statement::name_setting).map(ProfileField::Extends),
        setting(src, Keyword::Follows, statement::name_setting).map(ProfileField::Follows),
        setting(src, Keyword::Role, statement::name_setting).map(ProfileField::Role),
        setting(src, Keyword::Description, statement::text_setting).map(ProfileField::Description),
    ))
    .labelled("profile field")
    .recover_with(via_parser(junk(TOP, false).map(ProfileField::Error)))
}

pub(super) fn assessment_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, AssessmentField, Extra<'t>> + Clone {
    let practice_body = block(practice_field(src), "practice");
    // `profile NAME {` is a new top-level profile after a forgotten `}`, not this field.
    let profile_ref = setting(src, Keyword::Profile, statement::name_setting)
        .then_ignore(kind(TokenKind::LBrace).not().rewind());
    let waiver_body = block(waiver_field(src), "waive");
    let waiver = with_body(
        typed(
            raw(Keyword::Waive, WAIVER_MODIFIERS),
            src,
            statement::waiver,
        ),
        waiver_body,
    )
    .map(|waiver| AssessmentField::Waiver(Box::new(waiver)));
    choice((
        rating(src, Keyword::Practice, practice_body)
            .map(|p| AssessmentField::Practice(Box::new(p))),
        waiver,
        profile_ref.map(AssessmentField::Profile),
        setting(src, Keyword::Follows, statement::name_setting).map(AssessmentField::Follows),
        setting(src, Keyword::Role, statement::name_setting).map(AssessmentField::Role),
        setting(src, Keyword::Date, statement::date_setting).map(AssessmentField::Date),
        setting(src, Keyword::Assessor, statement::text_setting).map(AssessmentField::Assessor),
        setting(src, Keyword::Description, statement::text_setting)
            .map(AssessmentField::Description),
    ))
    .labelled("assessment field")
    .recover_with(via_parser(junk(TOP, false).map(AssessmentField::Error)))
}
