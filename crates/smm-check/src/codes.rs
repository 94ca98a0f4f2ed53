//! Every diagnostic code smm reports, with its default severity and an explanation in our own
//! words: the syntax's rows (`smm_syntax::code::SYNTAX`), the model's (`smm_model::codes::MODEL`)
//! and the checker's own (`CONFIG`, `CHECK`), one table in that order. The CLI (`smm explain
//! CODE`), the language server and the docs all read it, so a code is described in one place.

use smm_syntax::Severity;
pub use smm_syntax::{code::code, Code};

use Severity::{Error, Hint, Info, Warning};

/// Settings: problems of smm.toml, which the CLI reports as input errors.
#[rustfmt::skip]
pub const CONFIG: [Code; 1] = [
    code("config::invalid", Error, "smm.toml cannot be used", "The message says what is wrong where: an unknown field, a glob that does not parse, a catalog folder that does not exist, an unknown code or severity. Until it is fixed the editor uses the default settings; `smm check` refuses to run."),
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

pub use smm_model::codes::MODEL;
pub use smm_syntax::code::SYNTAX;

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

    /// The model's codes are a type over its table; each is in the whole table.
    #[test]
    fn every_model_code_is_in_the_table() {
        for code in smm_model::ModelCode::ALL {
            assert!(lookup(code.id()).is_some(), "{}", code.id());
        }
        assert!(smm_model::ModelCode::ALL.len() >= 19);
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
