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

/// The stop list of a block nested in an item: `TOP`, then the keywords of the item's own
/// fields, which end the nested block too.
macro_rules! top_and {
    ($($own:ident),+ $(,)?) => {{
        const OWN: &[Keyword] = &[$(Keyword::$own),+];
        const ALL: [Keyword; TOP.len() + OWN.len()] = concat(OWN);
        &ALL
    }};
}

const fn concat<const N: usize>(own: &[Keyword]) -> [Keyword; N] {
    let mut all = [Keyword::Profile; N];
    let mut i = 0;
    while i < N {
        all[i] = if i < TOP.len() {
            TOP[i]
        } else {
            own[i - TOP.len()]
        };
        i += 1;
    }
    all
}

pub(super) const IN_PROFILE: &[Keyword] =
    top_and!(Industry, Extends, Follows, Role, Description, Target);
pub(super) const IN_ASSESSMENT: &[Keyword] =
    top_and!(Follows, Waive, Role, Date, Assessor, Description, Practice);
pub(super) const IN_FRAMEWORK: &[Keyword] = top_and!(Source, Domain, Subdomain, Practice);
pub(super) const IN_STANDARD: &[Keyword] =
    top_and!(Source, Edition, Supersedes, Role, Annex, Clause);
pub(super) const IN_MAPPING: &[Keyword] = top_and!(Source, Edition, Map, Unmapped);
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
