//! Every diagnostic code smm reports, with its default severity and an explanation in our own
//! words. The CLI (`smm explain CODE`), the language server and the docs all read this table,
//! so a code is described in one place only.

use smm_syntax::Severity;

#[derive(Clone, Copy, Debug)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what was found.
    pub summary: &'static str,
    /// Why it matters and what to do.
    pub explanation: &'static str,
}

const fn code(
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
) -> Code {
    Code {
        id,
        severity,
        summary,
        explanation,
    }
}

use Severity::{Error, Hint, Info, Warning};

/// Syntax: reported by the parser, with a recovered tree.
#[rustfmt::skip]
pub const SYNTAX: [Code; 11] = [
    code("syntax::unexpected-character", Error, "A character that has no place in the language", "Only letters, digits, `-`, `_`, `.`, `:`, `/`, quotes, braces and comments make up a file. Remove the character, or put it inside a quoted string."),
    code("syntax::unterminated-string", Error, "A string without its closing quote", "A string ends at the next unescaped `\"` on the same line. Add the closing quote; write `\\\"` for a quote inside the text."),
    code("syntax::invalid-escape", Error, "An escape that strings do not know", "Strings know `\\\"`, `\\\\`, `\\n` and `\\t`. Write a backslash itself as `\\\\`."),
    code("syntax::unterminated-comment", Error, "A block comment without `*/`", "A `/*` comment runs to the next `*/`. Close it, or use `//` comments for single lines."),
    code("syntax::unexpected-token", Error, "Something the statement or block does not accept here", "The message lists what is accepted at that place. A keyword that belongs elsewhere gets a hint saying where it goes."),
    code("syntax::missing-value", Error, "A keyword without its value", "Settings take exactly one value on the same line (`role asset-owner`); a value on the next line starts a new statement."),
    code("syntax::invalid-value", Error, "A value of the wrong kind", "Names are lowercase words joined by hyphens, texts are quoted, dates are YYYY-MM-DD and clauses are STANDARD:CLAUSE. The message says which kind was expected."),
    code("syntax::missing-level", Error, "A target or practice line without `level N`", "Every `target` and `practice` line says its comprehensiveness level, 0 to 4: `target access-control level 3`."),
    code("syntax::duplicate-modifier", Error, "A modifier given twice in one statement", "`level`, `scope`, `implements`, `expires`, `link` and the `map` modifiers come at most once per line. Keep one."),
    code("syntax::missing-body", Error, "An item without its `{ … }` block", "Profiles, assessments, frameworks, standards, `extend` and `mapping` items hold their fields in braces, even when empty: `profile p { }`."),
    code("syntax::unclosed-block", Error, "A `{` that is never closed", "The error points at the block that is still open; add its `}`. The rest of the file is read as if it were there."),
];

/// Settings: problems of smm.toml, which the CLI reports as input errors.
#[rustfmt::skip]
pub const CONFIG: [Code; 1] = [
    code("config::invalid", Error, "smm.toml cannot be used", "The message says what is wrong where: an unknown field, a glob that does not parse, a catalog folder that does not exist, an unknown code or severity. Until it is fixed the editor uses the default settings; `smm check` refuses to run."),
];

/// Model: problems of catalog files (frameworks, standards, extensions, mappings).
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

/// Check: profiles and assessments against the model and each other.
/// In the order of `CheckCode`, whose variant is its row.
#[rustfmt::skip]
pub const CHECK: [Code; 33] = [
    code("check::unknown-practice", Error, "A practice the model does not have", "Practice ids are the SMM's 18 (see `smm catalog`) and those of your own frameworks. The fix offers the closest id."),
    code("check::unknown-clause", Error, "Evidence implements a clause the model does not have", "Check the id with `smm explain STANDARD`. The fix offers the closest clause."),
    code("check::unknown-standard", Error, "A standard the model does not have", "Clause references and `follows` name standards by id; `smm catalog` lists them."),
    code("check::unknown-profile", Error, "A profile name that no file of the workspace defines", "`extends` and an assessment's `profile` name a profile defined somewhere in the workspace."),
    code("check::unknown-role", Error, "A role that is not one of the three", "Roles are asset-owner, product-supplier and service-provider."),
    code("check::unknown-scope", Error, "A scope that is not one of the three", "Scopes are general, industry and system, from least to most specific."),
    code("check::duplicate-name", Error, "Two profiles or two assessments with the same name", "Names identify profiles and assessments across the workspace. Rename one."),
    code("check::duplicate-target", Error, "A practice targeted twice in one profile", "A profile sets one target per practice; a child profile overrides its parent's target by naming the practice again."),
    code("check::duplicate-practice", Error, "A practice assessed twice in one assessment", "Record each practice once, with all its evidence in one block."),
    code("check::duplicate-field", Error, "A setting given twice in one block", "Settings such as `role`, `date` or `profile` appear once per block; a second one would silently win."),
    code("check::level-out-of-range", Error, "A level outside 0–4", "Comprehensiveness levels are 0 (none), 1 Minimum, 2 Ad hoc, 3 Consistent and 4 Formalized."),
    code("check::impossible-date", Error, "A date that is not on the calendar", "Check the month and the day (2026-02-30 does not exist)."),
    code("check::missing-link-target", Warning, "Evidence links to a workspace path that does not exist", "A `link` without a scheme is a path relative to the file. Fix the path, or link with a URL (`https://…`)."),
    code("check::link-outside-workspace", Warning, "Evidence links to a path outside the workspace", "Links are checked only inside the workspace root and the folders smm.toml lists in `follow-links-to`, so that a check never reveals which files exist elsewhere on the machine. Keep the document in the workspace, allow its folder, or link with a URL."),
    code("check::unsupported-link-scheme", Warning, "Evidence links with a scheme other than http or https", "A link is a path relative to the file or an `https://` (or `http://`) URL; URLs are accepted as written and never fetched. Other schemes (`file:`, `javascript:`, `mailto:`…) can open programs or local files from a report: write the document's path or web address instead."),
    code("check::extends-cycle", Error, "Profiles that extend each other in a circle", "`extends` chains end at a profile that extends nothing. Break the cycle."),
    code("check::extends-too-deep", Error, "An `extends` chain longer than smm follows", "A profile's `extends` chain may hold 32 profiles, the profile itself included; real chains are a few profiles long. The profile where the chain first grows too long is reported; its targets come from the first 32 profiles of its chain."),
    code("check::bad-edition", Error, "A `follows` that cannot be honoured", "`follows` picks one edition of a standard that has several (`follows iec62443-2-1-2010`); a standard with a single edition, or two editions of one standard, cannot be followed."),
    code("check::missing-field", Error, "A required field is missing", "An assessment names its `profile` and its `date` (findings such as expired evidence are judged as of that date), and has a role, its own or its profile's."),
    code("check::role-mismatch", Error, "An assessment's role differs from its profile's", "A profile's targets are written for one role, and the mapped clauses depend on it. Use the profile's role, or a profile written for this role."),
    code("check::unmet-target", Warning, "A practice below its target level or scope", "The assessed level is lower than the target, or its scope less specific (general < industry < system). The message names the target and the profile that set it, and lists the clauses mapped up to the target level for the role that no evidence implements yet."),
    code("check::above-target", Info, "A practice above its target", "The SMM does not treat higher as better: a level above the target may cost more than the risk warrants. Consider lowering the effort or raising the target."),
    code("check::not-assessed", Warning, "A targeted practice the assessment does not record", "Every practice the profile targets is assessed, at level 0 if nothing is done."),
    code("check::no-target", Info, "A practice assessed without a target", "The profile sets no target for it, so it cannot be met or unmet. Add a target to the profile if it matters."),
    code("check::stub-evidence", Warning, "Evidence marked `stub`, still to be filled in", "A stub holds the place of evidence still to be gathered, often inserted by an editor for the clauses a target still needs. Until the description says what the evidence is and `stub` is removed, its clauses do not count as implemented."),
    code("check::no-evidence", Warning, "A level above 0 without evidence", "A level is a claim; evidence lines say what backs it and which clauses it implements."),
    code("check::clause-not-mapped", Hint, "Evidence implements a clause not mapped to this practice", "The clause is real, but no mapping links it to this practice, so it does not count towards the practice's clauses. It may belong to another practice."),
    code("check::part-not-for-role", Hint, "Evidence cites a part of a standard not written for the role", "Each part of IEC 62443 speaks to some roles; evidence from another part may still be useful, but it does not count for this role."),
    code("check::evidence-expired", Warning, "Evidence whose expiry date has passed", "Judged as of the assessment's date (or `--as-of`). Renew the evidence and its date, or remove it."),
    code("check::bad-waiver", Error, "A waiver that cannot apply", "A waiver names a checker code (without `check::`) of a warning, info or hint, and has `expires DATE`, `reason \"…\"` and `owner \"…\"`. Errors are fixed, not waived."),
    code("check::waiver-expired", Warning, "A waiver past its expiry date", "As of the assessment's date (or `--as-of`), the waiver has lapsed and the findings it accepted count again. Renew it with a new reason and date, or fix the findings."),
    code("check::unused-waiver", Warning, "A waiver that matches no finding", "Nothing in this assessment has that code (for that practice): the finding was fixed or the waiver names the wrong code or practice. Remove the waiver."),
    code("check::evidence-expiring", Info, "Evidence that expires soon", "It expires within the window set by `expiry-warning-days` in smm.toml, counted from the assessment's date (or `--as-of`)."),
];

const COUNT: usize = SYNTAX.len() + CONFIG.len() + MODEL.len() + CHECK.len();

/// Every code, in the order `smm explain` and SARIF's rules list them.
pub const CODES: &[Code] = &ALL;

const ALL: [Code; COUNT] = concat([&SYNTAX, &CONFIG, &MODEL, &CHECK]);

const fn concat<const N: usize>(parts: [&[Code]; 4]) -> [Code; N] {
    let mut all = [SYNTAX[0]; N];
    let (mut at, mut part) = (0, 0);
    while part < parts.len() {
        let mut i = 0;
        while i < parts[part].len() {
            all[at] = parts[part][i];
            at += 1;
            i += 1;
        }
        part += 1;
    }
    all
}

/// The table entry for a code such as `check::unmet-target`.
pub fn lookup(id: &str) -> Option<&'static Code> {
    // Every finding looks its code up; a search of the table per finding showed in profiles.
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&str, &Code>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| CODES.iter().map(|c| (c.id, c)).collect())
        .get(id)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for code in CODES {
            assert!(seen.insert(code.id), "{} twice", code.id);
            let (prefix, name) = code.id.split_once("::").unwrap();
            assert!(
                ["syntax", "model", "check", "config"].contains(&prefix),
                "{}",
                code.id
            );
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(!code.summary.ends_with('.'), "{}", code.id);
            assert!(code.explanation.ends_with('.'), "{}", code.id);
        }
    }

    #[test]
    fn every_syntax_code_is_in_the_table() {
        for code in smm_syntax::SyntaxCode::ALL {
            assert!(lookup(code.as_str()).is_some(), "{}", code.as_str());
        }
    }

    /// The model's codes are string literals in its builder; read them from the source.
    #[test]
    fn every_model_code_is_in_the_table() {
        let source = [
            include_str!("../../smm-model/src/build.rs"),
            include_str!("../../smm-model/src/build/unmapped.rs"),
        ]
        .concat();
        let mut found = 0;
        for piece in source.split('"').filter(|p| p.starts_with("model::")) {
            found += 1;
            assert!(lookup(piece).is_some(), "{piece}");
        }
        assert!(found >= 19, "{found}");
    }

    /// The language spec explains where each finding comes from.
    #[test]
    fn every_check_code_is_in_the_spec() {
        let spec = include_str!("../../../grammar/README.md");
        for code in CODES.iter().filter(|c| c.id.starts_with("check::")) {
            assert!(
                spec.contains(&format!("`{}`", code.id)),
                "{} is not in grammar/README.md",
                code.id
            );
        }
    }

    #[test]
    fn lookup_needs_the_full_code() {
        assert_eq!(lookup("check::unmet-target").unwrap().severity, Warning);
        assert!(lookup("unmet-target").is_none());
    }
}
