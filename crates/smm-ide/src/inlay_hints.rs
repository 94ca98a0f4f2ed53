//! Inlay hints: what the checker concluded about a line, shown at its end. In an assessment,
//! each rated practice's target and gap; in a profile, the inherited target a `target` line
//! overrides, and how many targets the `extends` chain adds up to.
//!
//! Offsets come from the current syntax tree and only the values from the analysis, so a hint
//! never lands outside the text even when the analysis lags behind an edit.

use std::fmt::Write;

use smm_check::{Current, PracticeStatus, ResolvedProfile, ResolvedTarget};
use smm_syntax::ast::{Assessment, AssessmentField, Item, Profile, ProfileField};
use smm_syntax::Span;

use crate::checked::{self, counted, Places};
use crate::{FileId, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    /// Markdown.
    pub tooltip: Option<String>,
    /// Whether a space separates the hint from the text before it.
    pub padding_left: bool,
}

/// The hints of `file` whose offset lies in `range` (both ends included, since a hint sits
/// right after the last word of its line).
pub fn inlay_hints(snapshot: &Snapshot<'_>, file: FileId, range: Span) -> Vec<InlayHint> {
    let Some(source) = snapshot.workspace.source(file) else {
        return Vec::new();
    };
    let places = Places::new(snapshot);
    let mut hints = Vec::new();
    for item in &source.parse.file.items {
        let span = item.span();
        if span.end < range.start || span.start > range.end {
            continue;
        }
        match item {
            Item::Assessment(a) => assessment(snapshot, &places, file, a, &mut hints),
            Item::Profile(p) => profile(snapshot, &places, file, p, &mut hints),
            _ => {}
        }
    }
    hints.retain(|h| range.start <= h.offset && h.offset <= range.end);
    hints
}

fn hint(offset: usize, label: String, tooltip: String) -> InlayHint {
    InlayHint {
        offset,
        label,
        tooltip: Some(tooltip),
        padding_left: true,
    }
}

fn assessment(
    snapshot: &Snapshot<'_>,
    places: &Places<'_>,
    file: FileId,
    item: &Assessment,
    hints: &mut Vec<InlayHint>,
) {
    let Some(report) = checked::report(snapshot, file, item) else {
        return;
    };
    for field in item.body.iter().flat_map(|b| &b.entries) {
        let AssessmentField::Practice(rating) = field else {
            continue;
        };
        let Some(name) = &rating.practice else {
            continue;
        };
        let Some(status) = report.practices.iter().find(|s| s.practice == name.text) else {
            continue;
        };
        // A practice rated twice is measured on its first line only.
        let Some(current) = status
            .current
            .filter(|c| c.span.start == rating.keyword.start)
        else {
            continue;
        };
        let tooltip = match &status.target {
            Some(target) => provenance(places, status, target),
            None => match &report.profile {
                Some(profile) => format!("profile `{profile}` sets no target for `{}`", name.text),
                None => "the assessment has no profile to take targets from".to_string(),
            },
        };
        let mut label = measured(status, current);
        // A target inherited from further up the chain is not visible from here: name it.
        if let Some(target) = status.target.as_ref() {
            if report.profile.as_ref() != Some(&target.set_by) {
                let _ = write!(label, " · from `{}`", target.set_by);
            }
        }
        hints.push(hint(rating.line().end, label, tooltip));
    }
}

/// "target 3 · gap 1", "target 2 · met", "target 3 scope system" or "no target".
fn measured(status: &PracticeStatus, current: Current) -> String {
    let Some(target) = &status.target else {
        return "no target".to_string();
    };
    let mut label = format!("target {}", target.level.number());
    if current.scope < target.scope {
        let _ = write!(label, " scope {}", target.scope.id());
    }
    let met = status.met() == Some(true);
    match status.gap() {
        _ if met => label.push_str(" · met"),
        Some(gap) if gap > 0 => {
            let _ = write!(label, " · gap {gap}");
        }
        _ => {}
    }
    if status.waived.is_some() && !met {
        label.push_str(" · waived");
    }
    label
}

fn provenance(places: &Places<'_>, status: &PracticeStatus, target: &ResolvedTarget) -> String {
    let mut out = format!("set by `{}`", target.set_by);
    if let Some(place) = places.of(target.file, target.span) {
        let _ = write!(out, " ({place})");
    }
    if let Some(rationale) = &target.rationale {
        let _ = write!(out, "\n\n{rationale}");
    }
    if let Some(waived) = status
        .waived
        .as_ref()
        .filter(|_| status.met() != Some(true))
    {
        let _ = write!(
            out,
            "\n\nwaived until {}: {} ({})",
            waived.expires, waived.reason, waived.owner
        );
    }
    out
}

fn profile(
    snapshot: &Snapshot<'_>,
    places: &Places<'_>,
    file: FileId,
    item: &Profile,
    hints: &mut Vec<InlayHint>,
) {
    let Some(resolved) = checked::profile(snapshot, file, item) else {
        return;
    };
    let mut parent_named = false;
    for field in item.body.iter().flat_map(|b| &b.entries) {
        match field {
            ProfileField::Extends(setting) => {
                let Some(name) = &setting.value else { continue };
                // Only the `extends` the chain follows; a second one is a reported duplicate.
                if parent_named || resolved.chain.get(1) != Some(&name.text) {
                    continue;
                }
                parent_named = true;
                hints.push(chain_hint(resolved, name.span.end));
            }
            ProfileField::Target(target) => {
                let Some(practice) = &target.practice else {
                    continue;
                };
                let own = resolved
                    .targets
                    .get(&practice.text)
                    .filter(|t| t.set_by == resolved.name && t.span.start == target.keyword.start);
                let Some(own) = own else { continue };
                let Some(inherited) = inherited(snapshot, resolved, &practice.text) else {
                    continue;
                };
                let mut label = format!("overrides {}", inherited.level.number());
                if inherited.scope != own.scope {
                    let _ = write!(label, " scope {}", inherited.scope.id());
                }
                let _ = write!(label, " from `{}`", inherited.set_by);
                let mut tooltip = format!(
                    "`{}` sets level {} scope {}",
                    inherited.set_by,
                    inherited.level.number(),
                    inherited.scope.id()
                );
                if let Some(place) = places.of(inherited.file, inherited.span) {
                    let _ = write!(tooltip, " ({place})");
                }
                hints.push(hint(target.line().end, label, tooltip));
            }
            _ => {}
        }
    }
}

/// "18 targets", with the chain and what each part of it contributes in the tooltip.
fn chain_hint(resolved: &ResolvedProfile, offset: usize) -> InlayHint {
    let own = resolved
        .targets
        .values()
        .filter(|t| t.set_by == resolved.name)
        .count();
    let chain: Vec<String> = resolved.chain.iter().map(|n| format!("`{n}`")).collect();
    let tooltip = format!(
        "{}: {own} set here, {} inherited",
        chain.join(" → "),
        resolved.targets.len() - own
    );
    hint(offset, counted(resolved.targets.len(), "target"), tooltip)
}

/// The target `practice` would have without this profile's own line: the nearest ancestor's.
fn inherited<'s>(
    snapshot: &Snapshot<'s>,
    resolved: &ResolvedProfile,
    practice: &str,
) -> Option<&'s ResolvedTarget> {
    // An ancestor's resolved targets include those it inherits, so each ancestor is asked only
    // for the targets it sets itself; in a cycle, that keeps this profile's own line out.
    resolved.chain.iter().skip(1).find_map(|name| {
        let ancestor = snapshot.analysis.profiles.get(name)?;
        ancestor.targets.get(practice).filter(|t| t.set_by == *name)
    })
}
