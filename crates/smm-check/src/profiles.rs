//! Profiles resolved through `extends`: each practice's target comes from the nearest profile
//! that sets it (a child overrides its parent), and remembers which profile that was.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use smm_model::{Level, Model, Role, Scope};
use smm_syntax::ast::{Profile, ProfileField, TargetField};
use smm_syntax::Span;

use crate::declared::{Declarations, Declared};
use crate::editions::Follows;
use crate::ratings::RatedOnce;
use crate::values::{self, Values};
use crate::{CheckCode, FileId, Finding};

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

/// A profile's role and the profile in its chain that set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileRole {
    pub role: Role,
    pub set_by: String,
}

#[derive(Clone, Debug)]
pub struct ResolvedProfile {
    pub name: String,
    pub file: FileId,
    pub name_span: Span,
    /// This profile, then its parent, and so on, as far as the chain resolves.
    pub chain: Vec<String>,
    /// The role, its own or the nearest ancestor's, with the profile that set it.
    pub role: Option<ProfileRole>,
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
    let depths = depths(&own);
    let mut resolved = BTreeMap::new();
    for profile in declared.profiles.values() {
        let chain = chain_of(profile.name, &own);
        let parent_span = || own[profile.name].parent.as_ref().map(|(_, span)| *span);
        let cycle = match depths.get(profile.name) {
            Some(Depth::InCycle { members, at }) => {
                Some(smm_model::shown_cycle(members, *at, "profiles"))
            }
            _ => None,
        };
        if let (Some(cycle), Some(span)) = (cycle, parent_span()) {
            findings.push(
                Finding::new(
                    profile.file,
                    CheckCode::ExtendsCycle,
                    span,
                    format!("`{}` extends itself: {cycle}", profile.name),
                )
                .help("remove one `extends` of the cycle"),
            );
        }
        // Once, where a chain first grows too long, rather than at every profile below.
        let first_too_deep =
            matches!(depths.get(profile.name), Some(Depth::Profiles(n)) if *n == MAX_CHAIN + 1);
        if let (true, Some(span)) = (first_too_deep, parent_span()) {
            findings.push(
                Finding::new(
                    profile.file,
                    CheckCode::ExtendsTooDeep,
                    span,
                    format!(
                        "`{}` extends a chain of {MAX_CHAIN} profiles, the most a chain may hold",
                        profile.name
                    ),
                )
                .help(
                    "extend a profile nearer the start of the chain, or copy the targets you need",
                ),
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
        let role = chain.names.iter().find_map(|n| {
            let set_by = n.clone();
            own[n.as_str()]
                .role
                .map(|role| ProfileRole { role, set_by })
        });
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

/// The most profiles one `extends` chain may hold, the profile itself included. Real chains
/// are a few profiles long; the limit keeps resolving every profile of a long chain linear
/// and a hover's "extends a → b → …" readable.
pub const MAX_CHAIN: usize = 32;

struct Chain {
    names: Vec<String>,
}

/// The profile, its parent and so on: at most `MAX_CHAIN` names, and never a name twice (a
/// chain that runs into a cycle stops where the cycle starts).
fn chain_of(start: &str, own: &BTreeMap<&str, Own>) -> Chain {
    let mut names = vec![start.to_string()];
    let mut seen = BTreeSet::from([start]);
    let mut current = start;
    while let Some((parent, _)) = own.get(current).and_then(|o| o.parent.as_ref()) {
        if !own.contains_key(parent.as_str()) || names.len() == MAX_CHAIN {
            break;
        }
        if !seen.insert(parent.as_str()) {
            break;
        }
        names.push(parent.clone());
        current = parent;
    }
    Chain { names }
}

/// How long a profile's whole chain is, or the cycle it is part of.
enum Depth<'a> {
    Profiles(usize),
    /// The cycle's profiles, each extending the next and the last the first (shared by all of
    /// them: a copy each would be quadratic in a long cycle), and where this profile is in it.
    InCycle {
        members: Rc<[&'a str]>,
        at: usize,
    },
}

/// Every profile's `Depth`, each found once: following `extends` from every profile in turn
/// would be quadratic in the length of a chain.
fn depths<'a>(own: &BTreeMap<&'a str, Own>) -> BTreeMap<&'a str, Depth<'a>> {
    let mut depths: BTreeMap<&'a str, Depth<'a>> = BTreeMap::new();
    let parent_of = |name: &str| -> Option<&'a str> {
        let (parent, _) = own.get(name)?.parent.as_ref()?;
        own.get_key_value(parent.as_str()).map(|(k, _)| *k)
    };
    for &start in own.keys() {
        let mut path: Vec<&'a str> = Vec::new();
        let mut on_path: BTreeMap<&'a str, usize> = BTreeMap::new();
        let mut current = Some(start);
        // The depth of the first profile past the end of `path`.
        let below = loop {
            let Some(name) = current else { break 0 };
            if let Some(known) = depths.get(name) {
                break match known {
                    Depth::Profiles(n) => *n,
                    Depth::InCycle { members, .. } => members.len(),
                };
            }
            if let Some(&at) = on_path.get(name) {
                let members: Rc<[&'a str]> = path.split_off(at).into();
                for (at, member) in members.iter().enumerate() {
                    let members = members.clone();
                    depths.insert(member, Depth::InCycle { members, at });
                }
                break members.len();
            }
            on_path.insert(name, path.len());
            path.push(name);
            current = parent_of(name);
        };
        for (i, name) in path.iter().rev().enumerate() {
            depths.insert(name, Depth::Profiles(below + i + 1));
        }
    }
    depths
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
    let mut rated = RatedOnce::new(
        CheckCode::DuplicateTarget,
        "is targeted twice in this profile",
        "first target",
        "keep one target per practice",
    );
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
                        CheckCode::UnknownProfile,
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
                if !rated.first(file, practice, t, findings) {
                    continue;
                }
                let (true, Some(level), Some(scope)) = (known, level, scope) else {
                    continue;
                };
                let rationale = TargetField::rationale_in(&t.body).map(str::to_string);
                own.targets.insert(
                    practice.text.clone(),
                    ResolvedTarget {
                        practice: practice.text.clone(),
                        level,
                        scope,
                        set_by: profile.name.to_string(),
                        file,
                        span: t.line(),
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
