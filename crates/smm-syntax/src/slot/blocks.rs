//! Questions about the block around an offset, answered from the tree: which statements it
//! takes, and the practice a rating line names.

use crate::ast::{
    AssessmentField, Block, FrameworkField, Item, MappingField, ProfileField, SourceFile,
    StandardField,
};
use crate::token::Keyword;
use crate::Span;

use Keyword as K;

const TOP: &[Keyword] = crate::parser::TOP;
const PROFILE: &[Keyword] = &[
    K::Industry,
    K::Extends,
    K::Follows,
    K::Role,
    K::Description,
    K::Target,
];
const ASSESSMENT: &[Keyword] = &[
    K::Profile,
    K::Follows,
    K::Role,
    K::Date,
    K::Assessor,
    K::Description,
    K::Practice,
    K::Waive,
];
const FRAMEWORK: &[Keyword] = &[
    K::Description,
    K::Source,
    K::Domain,
    K::Subdomain,
    K::Practice,
];
const STANDARD: &[Keyword] = &[
    K::Description,
    K::Source,
    K::Edition,
    K::Supersedes,
    K::Role,
    K::Annex,
    K::Clause,
];
const MAPPING: &[Keyword] = &[K::Description, K::Source, K::Edition, K::Map, K::Unmapped];
/// A target's, and a map line's, block.
const REASONED: &[Keyword] = &[K::Rationale, K::Note];
const PRACTICE: &[Keyword] = &[K::Evidence, K::Note];
const WAIVER: &[Keyword] = &[K::Reason, K::Owner];
/// An unmapped line's block holds its reason only.
const UNMAPPED: &[Keyword] = &[K::Rationale];
const FRAMEWORK_DEFINITION: &[Keyword] = &[K::Description, K::Objective, K::Comprehensiveness];
const CLAUSE: &[Keyword] = &[K::Description, K::SecurityLevel, K::Text];
const EXTENSION: &[Keyword] = &[K::SecurityLevel, K::Text];

/// The statements the block around `offset` accepts (the top level's outside every block).
pub fn statements_at(file: &SourceFile, offset: usize) -> &'static [Keyword] {
    let inside = |span: Span| span.start < offset && offset <= span.end;
    for item in &file.items {
        if !inside(item.span()) {
            continue;
        }
        let inner = match item {
            Item::Profile(p) => first(&p.body, |f| match f {
                ProfileField::Target(t) if in_block(offset, &t.body) => Some(REASONED),
                _ => None,
            }),
            Item::Assessment(a) => first(&a.body, |f| match f {
                AssessmentField::Practice(p) if in_block(offset, &p.body) => Some(PRACTICE),
                AssessmentField::Waiver(w) if in_block(offset, &w.body) => Some(WAIVER),
                _ => None,
            }),
            Item::Mapping(m) => first(&m.body, |f| match f {
                MappingField::Map(e) if in_block(offset, &e.body) => Some(REASONED),
                MappingField::Unmapped(u) if in_block(offset, &u.body) => Some(UNMAPPED),
                _ => None,
            }),
            Item::Standard(s) => first(&s.body, |f| match f {
                StandardField::Clause(c) if in_block(offset, &c.body) => Some(CLAUSE),
                _ => None,
            }),
            Item::Framework(f) => first(&f.body, |f| match f {
                FrameworkField::Domain(d)
                | FrameworkField::Subdomain(d)
                | FrameworkField::Practice(d)
                    if in_block(offset, &d.body) =>
                {
                    Some(FRAMEWORK_DEFINITION)
                }
                _ => None,
            }),
            Item::Extension(e) if in_block(offset, &e.body) => return EXTENSION,
            Item::Extension(_) | Item::Error(_) => continue,
        };
        return inner.unwrap_or(match item {
            Item::Profile(_) => PROFILE,
            Item::Assessment(_) => ASSESSMENT,
            Item::Mapping(_) => MAPPING,
            Item::Standard(_) => STANDARD,
            _ => FRAMEWORK,
        });
    }
    TOP
}

/// The first of a block's entries that `pick` gives something for.
fn first<'a, F, T>(body: &'a Option<Block<F>>, pick: impl FnMut(&'a F) -> Option<T>) -> Option<T> {
    body.iter().flat_map(|b| &b.entries).find_map(pick)
}

/// Whether `offset` is inside `block`, after its `{`.
fn in_block<F>(offset: usize, block: &Option<Block<F>>) -> bool {
    block
        .as_ref()
        .is_some_and(|b| b.span.start < offset && offset <= b.span.end)
}

/// The practice named by the `target`, `practice` or `map` line around `offset`.
pub fn rated_practice(file: &SourceFile, offset: usize) -> Option<&str> {
    let covers = |span: Span| span.start <= offset && offset <= span.end;
    let item = file.items.iter().find(|i| covers(i.span()))?;
    let name = match item {
        Item::Profile(p) => first(&p.body, |f| match f {
            ProfileField::Target(t) if covers(t.span) => Some(t.practice.as_ref()),
            _ => None,
        }),
        Item::Assessment(a) => first(&a.body, |f| match f {
            AssessmentField::Practice(p) if covers(p.span) => Some(p.practice.as_ref()),
            _ => None,
        }),
        Item::Mapping(m) => first(&m.body, |f| match f {
            MappingField::Map(e) if covers(e.span) => Some(e.practice.as_ref()),
            _ => None,
        }),
        _ => None,
    };
    name.flatten().map(|n| n.text.as_str())
}
