//! The codes the model reports about catalog files, as a type (`ModelCode`) over its rows.

use smm_syntax::code::code;
use smm_syntax::Severity::{Error, Warning};
use smm_syntax::{Code, Diagnostic, SharedText, Span};

smm_syntax::codes! {
    pub enum ModelCode named "model" in MODEL {
        DuplicateId,
        RedefinedBuiltin,
        UnknownParent,
        MissingParent,
        UnexpectedParent,
        ClauseOutsideStandard,
        SupersedesCycle,
        ParentCycle,
        MisplacedField,
        LevelOutOfRange,
        DuplicateLevel,
        SecurityLevelOutOfRange,
        DuplicateSecurityLevel,
        MissingTitle,
        UnknownRole,
        UnknownStandard,
        UnknownClause,
        UnknownPractice,
        MissingRelationship,
        UnknownRelationship,
        MissingRoles,
        DuplicateEdge,
        UnmappedWithoutRationale,
        DuplicateUnmapped,
        UnmappedButMapped,
        RoleNotServed,
    }
}

impl ModelCode {
    /// A diagnostic under this code, at its table's severity.
    pub fn diagnostic(self, span: Span, message: impl Into<SharedText>) -> Diagnostic {
        Diagnostic::new(self.row().severity, self.id(), span, message)
    }
}

/// Model: problems of catalog files (frameworks, standards, extensions, mappings). In the
/// order of `ModelCode`.
#[rustfmt::skip]
pub const MODEL: [Code; 26] = [
    code("model::duplicate-id", Error, "An id defined twice in the catalogs", "Every domain, subdomain, practice, standard and clause id is defined once across the built-in and the workspace's catalogs. Rename or remove one."),
    code("model::redefined-builtin", Error, "A workspace catalog redefines a built-in id", "Built-in standards and practices cannot be redefined. To attach text you hold a licence for, use `extend STANDARD:CLAUSE { text \"…\" }`; for your own controls, use a standard id of your own."),
    code("model::unknown-parent", Error, "A `parent` that names nothing", "A clause's parent is a clause of the same standard; a subdomain's parent is a domain and a practice's a subdomain. Fix the id or define the parent."),
    code("model::missing-parent", Error, "A subdomain or framework practice without `parent`", "Subdomains hang under a domain and practices under a subdomain; add `parent ID`."),
    code("model::unexpected-parent", Error, "A `parent` where none is allowed", "Domains are the top of a framework and take no parent. Remove it."),
    code("model::clause-outside-standard", Error, "A clause defined inside another standard's item", "A clause `S:ID` belongs inside `standard S { … }`. Move it, or fix the prefix."),
    code("model::supersedes-cycle", Error, "Editions that supersede each other in a circle", "`supersedes` names the older edition of a standard; following it must end at the oldest. Remove one `supersedes` of the cycle."),
    code("model::parent-cycle", Error, "Clauses that are each other's parents", "Parents form a tree. Break the cycle."),
    code("model::misplaced-field", Error, "A field that does not belong to this kind of definition", "Objectives and level descriptions belong to framework practices; `extend` blocks hold `text` and `security-level` only; an annex entry (`clause iso27001:A.5.34 \"Title\"`) takes a title and nothing else."),
    code("model::level-out-of-range", Error, "A comprehensiveness level outside 1–4 in a catalog", "Framework practices describe levels 1 to 4, and mapping edges come in at one of them. Level 0 means nothing is done and needs no description."),
    code("model::duplicate-level", Error, "A level described twice for one practice", "Keep one `comprehensiveness N` line per level."),
    code("model::security-level-out-of-range", Error, "A security level outside 1–4", "IEC 62443 grades capabilities in security levels SL 1 to SL 4; `security-level N` names the lowest one that asks for a requirement or enhancement."),
    code("model::duplicate-security-level", Error, "A clause given two security levels", "A clause has one security level: keep one `security-level` line. An `extend` block may add a security level to a clause that has none, but not change the one its catalog gives."),
    code("model::missing-title", Warning, "A catalog entry without a title", "Titles are what hovers and listings show; add the official short title (not the requirement text)."),
    code("model::unknown-role", Error, "A role that is not one of the three", "Roles are asset-owner, product-supplier and service-provider."),
    code("model::unknown-standard", Error, "A reference to a standard the model does not have", "Check the id with `smm catalog`, or define the standard in a catalog file."),
    code("model::unknown-clause", Error, "A reference to a clause the model does not have", "Check the id with `smm explain STANDARD`; Annex A names of ISO/IEC 27001 resolve to ISO/IEC 27002 controls."),
    code("model::unknown-practice", Error, "A mapping edge from a practice the model does not have", "Practice ids are listed by `smm catalog`."),
    code("model::missing-relationship", Error, "A `map` line without `as …`", "Say how the clause relates to the practice at that level: `as equal`, `subset`, `superset` or `intersect`."),
    code("model::unknown-relationship", Error, "A relationship other than the four", "Use equal, subset, superset or intersect."),
    code("model::missing-roles", Error, "A `map` line without `for ROLE…`", "Say which roles the edge serves: `for asset-owner product-supplier`."),
    code("model::duplicate-edge", Error, "The same practice, level and clause mapped twice", "Keep one edge; put further remarks in its `note`."),
    code("model::unmapped-without-rationale", Error, "An `unmapped` line without its reason", "A clause is left out of the mapping on purpose only with a reason: one line, in your own words, saying why no practice should map it (`unmapped STANDARD:CLAUSE { rationale \"…\" }`). Until it has one, `smm catalog --coverage` counts the clause as missing."),
    code("model::duplicate-unmapped", Warning, "A clause left unmapped twice", "One `unmapped` line per clause is enough, across all mappings and by any of the clause's names; the first one's reason is the one shown. Remove the other, or merge the reasons."),
    code("model::unmapped-but-mapped", Warning, "A clause left unmapped that an edge maps", "An edge maps the clause, or a clause below it (an enhancement or a sub-clause), so the clause is not unmapped and coverage counts it as mapped. Remove the `unmapped` line, or the edge if no practice should map the clause."),
    code("model::role-not-served", Warning, "An edge to a part of a standard not written for the role", "Each part of IEC 62443 speaks to some roles (its `role` lines). Map a clause for those roles, or keep the edge deliberately and accept the warning."),
];
