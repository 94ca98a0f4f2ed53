//! Completion: what may be typed at the cursor, from the slot the syntax gives the word
//! being typed (`smm_syntax::slot::next_at`). Practice ids where a practice goes (those already
//! rated in the item last), clause ids where a clause goes or once a `STANDARD:` is typed
//! (those mapped to the line's practice first), levels with their meaning, scopes, roles,
//! profile names of the workspace, standards (after `follows`, those with several editions),
//! codes after `waive`, and the statements of the enclosing block (a mapping offers `map` and
//! `unmapped`, their blocks `rationale`).

use std::collections::BTreeSet;

use smm_model::{Level, Role, Scope};
use smm_syntax::ast::{AssessmentField, Item, ProfileField};
use smm_syntax::slot::{self, Expect, Slot, Use};
use smm_syntax::{Keyword, Span};

use crate::{FileId, Snapshot};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Practice,
    Clause,
    Standard,
    Level,
    Scope,
    Role,
    Profile,
    Code,
    Keyword,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Orders the list: smaller first.
    pub sort: String,
    /// The text the completion replaces: the part of the word already typed.
    pub replace: Span,
}

pub fn completions(snapshot: &Snapshot<'_>, file: FileId, offset: usize) -> Vec<Completion> {
    let Some(source) = snapshot.workspace.source(file) else {
        return Vec::new();
    };
    let (text, parse) = (&*source.text, &source.parse);
    let next = slot::next_at(text, parse, offset);
    let (replace, typed) = (next.typed, &text[next.typed.range()]);
    let item = |label: String, kind, detail: Option<String>, rank: usize| Completion {
        sort: format!("{rank:02}{label}"),
        label,
        kind,
        detail,
        replace,
    };
    let model = snapshot.model;
    let line_practice = || slot::rated_practice(&parse.file, offset);
    let mut found: Vec<Completion> = Vec::new();
    let slot = match next.expects {
        Expect::Statement(keywords) => {
            for keyword in keywords {
                found.push(item(
                    keyword.as_str().into(),
                    CompletionKind::Keyword,
                    None,
                    0,
                ));
            }
            None
        }
        Expect::Value(slot) => Some(slot),
        Expect::Nothing => None,
    };
    match slot {
        Some(Slot::Clause(Use::Refer)) if typed.contains(':') => {
            let practice = line_practice();
            for id in model.complete(typed) {
                let Some(clause) = model.clause(&id) else {
                    continue;
                };
                let mapped = practice.is_some_and(|p| {
                    model
                        .edges_of_practice(p)
                        .any(|e| e.clause == clause.reference())
                });
                let title = model
                    .title_as_named(&id)
                    .unwrap_or(&clause.title)
                    .to_string();
                found.push(item(
                    id,
                    CompletionKind::Clause,
                    Some(title),
                    usize::from(!mapped),
                ));
            }
        }
        Some(Slot::Clause(Use::Refer)) => {
            let mapped: BTreeSet<String> = line_practice()
                .into_iter()
                .flat_map(|p| model.edges_of_practice(p))
                .map(|e| e.clause.clone())
                .collect();
            for clause in &mapped {
                let title = model.clause(clause).map(|c| c.title.clone());
                found.push(item(clause.clone(), CompletionKind::Clause, title, 0));
            }
            for standard in model.standards() {
                found.push(item(
                    format!("{}:", standard.id),
                    CompletionKind::Standard,
                    Some(standard.title.clone()),
                    1,
                ));
            }
        }
        Some(Slot::Practice(Use::Refer)) => {
            // Those already rated in the item come last; a waiver names one of them.
            let present = match next.statement {
                Some(Keyword::Waive) => BTreeSet::new(),
                _ => present_practices(parse, offset),
            };
            for practice in model.practices() {
                let rank = usize::from(present.contains(&practice.id));
                found.push(item(
                    practice.id.clone(),
                    CompletionKind::Practice,
                    Some(practice.name.clone()),
                    rank,
                ));
            }
        }
        Some(Slot::Level) => {
            let practice = line_practice().and_then(|p| model.practice(p).cloned());
            for level in Level::ALL {
                let meaning = match (&practice, level) {
                    (Some(p), l) if l != Level::None => p.levels[l.number() as usize - 1]
                        .clone()
                        .unwrap_or_else(|| l.meaning().to_string()),
                    _ => level.meaning().to_string(),
                };
                let detail = format!("{}: {meaning}", level.name());
                found.push(item(
                    level.number().to_string(),
                    CompletionKind::Level,
                    Some(detail),
                    0,
                ));
            }
        }
        Some(Slot::Scope) => found.extend(Scope::ALL.map(|scope| {
            let meaning = Some(scope.meaning().into());
            item(scope.id().into(), CompletionKind::Scope, meaning, 0)
        })),
        Some(Slot::Role) => found.extend(Role::ALL.map(|role| {
            let name = Some(role.name().into());
            item(role.id().into(), CompletionKind::Role, name, 0)
        })),
        Some(Slot::Profile(Use::Refer)) => {
            for (name, profile) in &snapshot.analysis.profiles {
                let detail = profile.role.as_ref().map(|r| r.role.id().to_string());
                found.push(item(name.clone(), CompletionKind::Profile, detail, 0));
            }
        }
        Some(Slot::Standard(Use::Refer)) => {
            // `follows` picks an edition, so only standards with several are offered there.
            let follows = next.statement == Some(Keyword::Follows);
            for standard in model
                .standards()
                .filter(|s| !follows || model.editions_of(&s.id).len() > 1)
            {
                let detail = standard
                    .edition
                    .as_ref()
                    .map(|e| format!("{} (edition {e})", standard.title));
                found.push(item(
                    standard.id.clone(),
                    CompletionKind::Standard,
                    detail,
                    0,
                ));
            }
        }
        Some(Slot::Code) => {
            for code in smm_check::CheckCode::ALL
                .into_iter()
                .filter(|c| c.waivable())
            {
                let summary = Some(code.row().summary.into());
                found.push(item(
                    code.waiver_word().into(),
                    CompletionKind::Code,
                    summary,
                    0,
                ));
            }
        }
        _ => {}
    }
    found.retain(|c| c.label.starts_with(typed));
    found.sort_by(|a, b| a.sort.cmp(&b.sort));
    found
}

/// Practices already targeted or assessed in the item around the cursor.
fn present_practices(parse: &smm_syntax::Parse, offset: usize) -> BTreeSet<String> {
    let mut present = BTreeSet::new();
    for item in &parse.file.items {
        if !(item.span().start <= offset && offset <= item.span().end) {
            continue;
        }
        match item {
            Item::Profile(p) => present.extend(p.body.iter().flat_map(|b| &b.entries).filter_map(
                |f| match f {
                    ProfileField::Target(t)
                        if !(t.span.start <= offset && offset <= t.span.end) =>
                    {
                        t.practice.as_ref().map(|n| n.text.clone())
                    }
                    _ => None,
                },
            )),
            Item::Assessment(a) => present.extend(
                a.body
                    .iter()
                    .flat_map(|b| &b.entries)
                    .filter_map(|f| match f {
                        AssessmentField::Practice(p)
                            if !(p.span.start <= offset && offset <= p.span.end) =>
                        {
                            p.practice.as_ref().map(|n| n.text.clone())
                        }
                        _ => None,
                    }),
            ),
            _ => {}
        }
    }
    present
}
