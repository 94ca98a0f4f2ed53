//! The keywords that may stand where: those that end a block whose `}` was forgotten, and the
//! modifiers each statement takes.

use crate::token::Keyword;

pub(crate) const TOP: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
];
pub(super) const IN_PROFILE: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Industry,
    Keyword::Extends,
    Keyword::Follows,
    Keyword::Role,
    Keyword::Description,
    Keyword::Target,
];
pub(super) const IN_ASSESSMENT: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Follows,
    Keyword::Waive,
    Keyword::Role,
    Keyword::Date,
    Keyword::Assessor,
    Keyword::Description,
    Keyword::Practice,
];
pub(super) const IN_FRAMEWORK: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Source,
    Keyword::Domain,
    Keyword::Subdomain,
    Keyword::Practice,
];
pub(super) const IN_STANDARD: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Source,
    Keyword::Edition,
    Keyword::Supersedes,
    Keyword::Role,
    Keyword::Annex,
    Keyword::Clause,
];
pub(super) const RATING_MODIFIERS: &[Keyword] = &[Keyword::Level, Keyword::Scope];
pub(super) const EVIDENCE_MODIFIERS: &[Keyword] = &[
    Keyword::Implements,
    Keyword::Expires,
    Keyword::Link,
    Keyword::Stub,
];
pub(super) const DEFINITION_MODIFIERS: &[Keyword] = &[Keyword::Parent];
pub(super) const WAIVER_MODIFIERS: &[Keyword] = &[Keyword::For, Keyword::Expires];
pub(super) const MAP_MODIFIERS: &[Keyword] = &[
    Keyword::Level,
    Keyword::To,
    Keyword::As,
    Keyword::For,
    Keyword::Via,
];
pub(super) const IN_MAPPING: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Source,
    Keyword::Edition,
    Keyword::Map,
    Keyword::Unmapped,
];
