//! Profiles resolved through `extends`: each practice's target comes from the nearest profile
//! that sets it (a child overrides its parent), and remembers which profile that was.

use std::collections::{BTreeMap, BTreeSet};

use smm_model::{Level, Model, Role, Scope};
use smm_syntax::ast::{Profile, ProfileField};
use smm_syntax::Span;

use crate::declared::{Declarations, Declared};
use crate::editions::Follows;
use crate::values::{self, Values};
use crate::{FileId, Finding};

/// A target as it applies to a profile, with where it was set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedTarget {
    pub practice: String,
    pub level: Level,
    pub scope: Scope,
    /// The profile whose `target` line set it (this one or an ancestor).
    pub set_by: String,
    pub file: FileId,
    /// The `target` line.
    pub span: Span,
    pub rationale: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ResolvedProfile {
    pub name: String,
    pub file: FileId,
    pub name_span: Span,
    /// This profile, then its parent, and so on, as far as the chain resolves.
    pub chain: Vec<String>,
    /// The role, its own or the nearest ancestor's, with the profile that set it.
    pub role: Option<(Role, String)>,
    pub follows: Follows,
    pub targets: BTreeMap<String, ResolvedTarget>,
}

/// What one profile says by itself, checked.
struct Own {
    parent: Option<(String, Span)>,
    role: Option<Role>,
    follows: Follows,
    targets: BTreeMap<String, ResolvedTarget>,
}

pub fn resolve(
    model: &Model,
    declared: &Declarations<'_>,
    findings: &mut Vec<Finding>,
) -> BTreeMap<String, ResolvedProfile> {
    let own: BTreeMap<&str, Own> = declared
        .profiles
        .values()
        .map(|p| (p.name, check_own(model, p, declared, findings)))
        .collect();
    let mut resolved = BTreeMap::new();
    for profile in declared.profiles.values() {
        let chain = chain_of(profile.name, &own);
        if let Some(cycle) = &chain.cycle {
            let (_, span) = own[profile.name]
                .parent
                .clone()
                .expect("a cycle has a parent");
            findings.push(
                Finding::new(
                    profile.file,
                    "check::extends-cycle",
                    span,
                    format!("`{}` extends itself: {}", profile.name, cycle.join(" → ")),
                )
                .help("remove one `extends` of the cycle"),
            );
        }
        let mut targets = BTreeMap::new();
        let mut follows = Follows::default();
        // From the farthest ancestor to the profile itself, so that children override.
        for name in chain.names.iter().rev() {
            let o = &own[name.as_str()];
            targets.extend(o.targets.iter().map(|(k, v)| (k.clone(), v.clone())));
            follows.inherit(model, &o.follows);
        }
        let role = chain
            .names
            .iter()
            .find_map(|n| own[n.as_str()].role.map(|r| (r, n.clone())));
        resolved.insert(
            profile.name.to_string(),
            ResolvedProfile {
                name: profile.name.to_string(),
                file: profile.file,
                name_span: profile.name_span,
                chain: chain.names,
                role,
                follows,
                targets,
            },
        );
    }
    resolved
}

struct Chain {
    names: Vec<String>,
    /// The names around the cycle, back to the first, when this profile is in one.
    cycle: Option<Vec<String>>,
}

fn chain_of(start: &str, own: &BTreeMap<&str, Own>) -> Chain {
    let mut names = vec![start.to_string()];
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut current = start;
    while let Some((parent, _)) = own.get(current).and_then(|o| o.parent.as_ref()) {
        if !own.contains_key(parent.as_str()) {
            break;
        }
        if !seen.insert(parent.clone()) {
            let cycle = (parent == start).then(|| {
                let mut around = names.clone();
                around.push(start.to_string());
                around
            });
            // A chain that runs into a cycle it is not part of stops where the cycle starts.
            return Chain { names, cycle };
        }
        names.push(parent.clone());
        current = parent;
    }
    Chain { names, cycle: None }
}

fn check_own(
    model: &Model,
    profile: &Declared<'_, Profile>,
    declared: &Declarations<'_>,
    findings: &mut Vec<Finding>,
) -> Own {
    let file = profile.file;
    let mut own = Own {
        parent: None,
        role: None,
        follows: Follows::default(),
        targets: BTreeMap::new(),
    };
    let mut settings: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut target_lines: BTreeMap<String, Span> = BTreeMap::new();
    let fields = profile.item.body.iter().flat_map(|b| &b.entries);
    for field in fields {
        let mut values = Values {
            model,
            file,
            findings,
        };
        match field {
            ProfileField::Industry(s) => settings.entry("industry").or_default().push(s.span),
            ProfileField::Description(s) => settings.entry("description").or_default().push(s.span),
            ProfileField::Role(s) => {
                settings.entry("role").or_default().push(s.span);
                let role = values.role(s);
                own.role = own.role.or(role);
            }
            ProfileField::Extends(s) => {
                settings.entry("extends").or_default().push(s.span);
                let Some(name) = &s.value else { continue };
                if own.parent.is_some() {
                    continue;
                }
                if declared.profiles.contains_key(name.text.as_str()) {
                    own.parent = Some((name.text.clone(), s.span));
                } else {
                    let finding = Finding::new(
                        file,
                        "check::unknown-profile",
                        name.span,
                        format!("no profile named `{}` in the workspace", name.text),
                    );
                    let names = declared.profiles.keys().copied();
                    findings.push(values::with_suggestion(
                        finding,
                        &name.text,
                        names,
                        "`extends` names a profile defined in a file of the workspace",
                    ));
                }
            }
            ProfileField::Follows(s) => own.follows.add(model, file, s, findings),
            ProfileField::Target(t) => {
                let Some(practice) = &t.practice else {
                    continue;
                };
                let known = values.practice(practice);
                let level = values.level(&t.level);
                let scope = values.scope(&t.scope);
                if let Some(first) = target_lines.get(&practice.text) {
                    findings.push(
                        Finding::new(
                            file,
                            "check::duplicate-target",
                            practice.span,
                            format!("`{}` is targeted twice in this profile", practice.text),
                        )
                        .related(file, *first, "first target")
                        .help("keep one target per practice"),
                    );
                    continue;
                }
                target_lines.insert(practice.text.clone(), crate::assessments::line_span(t));
                let (true, Some(level), Some(scope)) = (known, level, scope) else {
                    continue;
                };
                let rationale = t
                    .body
                    .iter()
                    .flat_map(|b| &b.entries)
                    .find_map(|f| match f {
                        smm_syntax::ast::TargetField::Rationale(s) => {
                            s.value.as_ref().map(|v| v.value.clone())
                        }
                        _ => None,
                    });
                own.targets.insert(
                    practice.text.clone(),
                    ResolvedTarget {
                        practice: practice.text.clone(),
                        level,
                        scope,
                        set_by: profile.name.to_string(),
                        file,
                        span: crate::assessments::line_span(t),
                        rationale,
                    },
                );
            }
            ProfileField::Error(_) => {}
        }
    }
    for (keyword, spans) in &settings {
        values::duplicates(file, findings, keyword, spans);
    }
    own
}
