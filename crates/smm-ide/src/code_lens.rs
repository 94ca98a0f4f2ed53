//! Code lenses: a line of numbers above each assessment (targets met, clauses implemented per
//! standard, as `smm check --summary` prints them) and each profile (who builds on it, how many
//! targets it resolves to).

use std::fmt::Write;

use smm_syntax::ast::{Assessment, AssessmentField, Item, Profile};
use smm_syntax::Span;

use crate::checked::{self, counted};
use crate::{FileId, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLens {
    /// The item's name, or its keyword when the name is missing.
    pub span: Span,
    pub title: String,
}

pub fn code_lenses(snapshot: &Snapshot<'_>, file: FileId) -> Vec<CodeLens> {
    let Some(source) = snapshot.workspace.source(file) else {
        return Vec::new();
    };
    source
        .parse
        .file
        .items
        .iter()
        .filter_map(|item| {
            let (keyword, name, title) = match item {
                Item::Assessment(a) => (a.keyword, &a.name, assessment(snapshot, file, a)?),
                Item::Profile(p) => (p.keyword, &p.name, profile(snapshot, file, p)?),
                _ => return None,
            };
            let span = name.as_ref().map_or(keyword, |n| n.span);
            Some(CodeLens { span, title })
        })
        .collect()
}

/// The checker skips items without a name; the lens says so rather than staying silent.
const UNNAMED: &str = "not checked: give it a name";

fn assessment(snapshot: &Snapshot<'_>, file: FileId, item: &Assessment) -> Option<String> {
    if item.name.is_none() {
        return Some(UNNAMED.to_string());
    }
    let report = checked::report(snapshot, file, item)?;
    let summary = &report.summary;
    if summary.targeted == 0 {
        let named = item
            .body
            .iter()
            .flat_map(|b| &b.entries)
            .find_map(|f| match f {
                AssessmentField::Profile(s) => s.value.as_ref(),
                _ => None,
            });
        return Some(match (&report.profile, named) {
            (Some(profile), _) => format!("no targets: profile `{profile}` sets none"),
            (None, Some(name)) => format!("no targets: no profile named `{}`", name.text),
            (None, None) => "no targets: add `profile NAME`".to_string(),
        });
    }
    let mut title = format!("{}/{} targets met", summary.met, summary.targeted);
    if report.role.is_none() {
        // Clauses are mapped per role; without one the summary has no standards to count.
        title.push_str(" · no role: add `role` to count clauses");
    }
    for standard in &summary.standards {
        let _ = write!(
            title,
            " · {} {}/{}",
            standard.standard, standard.implemented, standard.mapped
        );
    }
    Some(title)
}

fn profile(snapshot: &Snapshot<'_>, file: FileId, item: &Profile) -> Option<String> {
    if item.name.is_none() {
        return Some(UNNAMED.to_string());
    }
    let resolved = checked::profile(snapshot, file, item)?;
    let profiles = &snapshot.analysis.profiles;
    let users = snapshot
        .analysis
        .assessments
        .iter()
        .filter_map(|a| profiles.get(a.profile.as_ref()?))
        .filter(|p| p.chain.contains(&resolved.name))
        .count();
    Some(format!(
        "used by {} · {}",
        counted(users, "assessment"),
        counted(resolved.targets.len(), "target")
    ))
}
