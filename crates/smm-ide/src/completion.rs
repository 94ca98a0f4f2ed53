//! Completion: what may be typed at the cursor, from the place in the statement. Practice ids
//! after `target`/`practice`/`map` (those already present last), clause ids after `implements`
//! or once a `STANDARD:` is typed (those mapped to the line's practice first), levels with
//! their meaning, scopes, roles, profile names of the workspace, standards with several
//! editions after `follows`, codes after `waive`, and the statements of the enclosing item
//! (or block: a mapping offers `map` and `unmapped`, their blocks `rationale`).

use std::collections::BTreeSet;

use smm_model::{Level, Role, Scope};
use smm_syntax::ast::{AssessmentField, Item, MappingField, ProfileField, StandardField};
use smm_syntax::{Keyword, Span, TokenKind};

use crate::subject;
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
    let (replace, typed, place) = subject::typing(&source.text, &source.parse, offset);
    let item = |label: String, kind, detail: Option<String>, rank: usize| Completion {
        sort: format!("{rank:02}{label}"),
        label,
        kind,
        detail,
        replace,
    };
    let previous = match place.previous {
        Some(TokenKind::Keyword(k)) => Some(k),
        _ => None,
    };
    let model = snapshot.model;
    let mut found: Vec<Completion> = Vec::new();
    use Keyword as K;
    // A word alone at the start of its line starts a statement (the language's line rule).
    let line_start = source.text
        [smm_syntax::lines::line_start(&source.text, replace.start)..replace.start]
        .trim()
        .is_empty();
    match (place.statement, previous) {
        _ if line_start || starts_statement(place.previous) => {
            for keyword in statement_keywords(&source.parse, offset) {
                found.push(item(
                    keyword.as_str().into(),
                    CompletionKind::Keyword,
                    None,
                    0,
                ));
            }
        }
        _ if typed.contains(':') => {
            let practice = line_practice(&source.text, &source.parse, offset);
            for id in model.complete(&typed) {
                let Some(clause) = model.clause(&id) else {
                    continue;
                };
                let mapped = practice.as_deref().is_some_and(|p| {
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
        (Some(K::Evidence), _) if after_implements(&source.parse, offset) => {
            let practice = line_practice(&source.text, &source.parse, offset);
            let mapped: BTreeSet<String> = practice
                .iter()
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
        (Some(s @ (K::Target | K::Practice | K::Map)), Some(p)) if s == p => {
            let present = present_practices(&source.parse, offset);
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
        (Some(K::Waive), Some(K::For)) => {
            for practice in model.practices() {
                found.push(item(
                    practice.id.clone(),
                    CompletionKind::Practice,
                    Some(practice.name.clone()),
                    0,
                ));
            }
        }
        (_, Some(K::Level)) => {
            let practice = line_practice(&source.text, &source.parse, offset)
                .and_then(|p| model.practice(&p).cloned());
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
        (_, Some(K::Scope)) => {
            for scope in Scope::ALL {
                found.push(item(
                    scope.id().into(),
                    CompletionKind::Scope,
                    Some(scope.meaning().into()),
                    0,
                ));
            }
        }
        (_, Some(K::Role)) | (Some(K::Map), Some(K::For)) => {
            for role in Role::ALL {
                found.push(item(
                    role.id().into(),
                    CompletionKind::Role,
                    Some(role.name().into()),
                    0,
                ));
            }
        }
        (_, Some(K::Extends)) | (Some(K::Profile), Some(K::Profile)) => {
            for (name, profile) in &snapshot.analysis.profiles {
                let detail = profile.role.as_ref().map(|(r, _)| r.id().to_string());
                found.push(item(name.clone(), CompletionKind::Profile, detail, 0));
            }
        }
        (_, Some(K::Follows)) => {
            for standard in model
                .standards()
                .filter(|s| model.editions_of(&s.id).len() > 1)
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
        (Some(K::Waive), Some(K::Waive)) => {
            let waivable = smm_check::codes::CODES
                .iter()
                .filter(|c| c.severity != smm_syntax::Severity::Error);
            for code in waivable {
                let Some(name) = code.id.strip_prefix("check::") else {
                    continue;
                };
                found.push(item(
                    name.into(),
                    CompletionKind::Code,
                    Some(code.summary.into()),
                    0,
                ));
            }
        }
        _ => {}
    }
    found.retain(|c| c.label.starts_with(&typed));
    found.sort_by(|a, b| a.sort.cmp(&b.sort));
    found
}

/// After a `}` or `{`, or where nothing has been written: a new statement may start.
fn starts_statement(previous: Option<TokenKind>) -> bool {
    matches!(previous, None | Some(TokenKind::LBrace | TokenKind::RBrace))
}

/// The statements the block around the cursor accepts.
fn statement_keywords(parse: &smm_syntax::Parse, offset: usize) -> Vec<Keyword> {
    use Keyword as K;
    let inside = |span: Span| span.start < offset && offset <= span.end;
    for item in &parse.file.items {
        match item {
            Item::Profile(p) if inside(p.span) => {
                let in_target = p.body.iter().flat_map(|b| &b.entries).any(|f| {
                    matches!(f, ProfileField::Target(t) if t.body.as_ref().is_some_and(|b| inside(b.span)))
                });
                return if in_target {
                    vec![K::Rationale, K::Note]
                } else {
                    vec![
                        K::Industry,
                        K::Extends,
                        K::Follows,
                        K::Role,
                        K::Description,
                        K::Target,
                    ]
                };
            }
            Item::Assessment(a) if inside(a.span) => {
                for field in a.body.iter().flat_map(|b| &b.entries) {
                    match field {
                        AssessmentField::Practice(p)
                            if p.body.as_ref().is_some_and(|b| inside(b.span)) =>
                        {
                            return vec![K::Evidence, K::Note];
                        }
                        AssessmentField::Waiver(w)
                            if w.body.as_ref().is_some_and(|b| inside(b.span)) =>
                        {
                            return vec![K::Reason, K::Owner];
                        }
                        _ => {}
                    }
                }
                return vec![
                    K::Profile,
                    K::Follows,
                    K::Role,
                    K::Date,
                    K::Assessor,
                    K::Description,
                    K::Practice,
                    K::Waive,
                ];
            }
            Item::Mapping(m) if inside(m.span) => {
                for field in m.body.iter().flat_map(|b| &b.entries) {
                    match field {
                        MappingField::Map(e) if e.body.as_ref().is_some_and(|b| inside(b.span)) => {
                            return vec![K::Rationale, K::Note];
                        }
                        // An unmapped line's block holds its reason only.
                        MappingField::Unmapped(u)
                            if u.body.as_ref().is_some_and(|b| inside(b.span)) =>
                        {
                            return vec![K::Rationale];
                        }
                        _ => {}
                    }
                }
                return vec![K::Description, K::Source, K::Edition, K::Map, K::Unmapped];
            }
            Item::Standard(st) if inside(st.span) => {
                let in_clause = st.body.iter().flat_map(|b| &b.entries).any(|f| {
                    matches!(f, StandardField::Clause(c) if c.body.as_ref().is_some_and(|b| inside(b.span)))
                });
                return if in_clause {
                    vec![K::Description, K::SecurityLevel, K::Text]
                } else {
                    vec![
                        K::Description,
                        K::Source,
                        K::Edition,
                        K::Supersedes,
                        K::Role,
                        K::Annex,
                        K::Clause,
                    ]
                };
            }
            Item::Extension(e) if e.body.as_ref().is_some_and(|b| inside(b.span)) => {
                return vec![K::SecurityLevel, K::Text];
            }
            _ => {}
        }
    }
    vec![
        K::Profile,
        K::Assessment,
        K::Framework,
        K::Standard,
        K::Extend,
        K::Mapping,
    ]
}

/// Whether `implements` comes after the start of the evidence line the cursor is on.
fn after_implements(parse: &smm_syntax::Parse, offset: usize) -> bool {
    let before = parse
        .tokens
        .iter()
        .filter(|t| t.span.end <= offset && !t.kind.is_comment());
    let mut last_keyword = None;
    for token in before {
        if let TokenKind::Keyword(k) = token.kind {
            last_keyword = Some(k);
        }
    }
    last_keyword == Some(Keyword::Implements)
}

/// The practice of the `practice`, `target` or `map` line the cursor is on or inside.
fn line_practice(_src: &str, parse: &smm_syntax::Parse, offset: usize) -> Option<String> {
    for item in &parse.file.items {
        let Item::Assessment(a) = item else {
            if let Item::Profile(p) = item {
                for field in p.body.iter().flat_map(|b| &b.entries) {
                    if let ProfileField::Target(t) = field {
                        if t.span.start <= offset && offset <= t.span.end.max(t.span.start) {
                            return t.practice.as_ref().map(|n| n.text.clone());
                        }
                    }
                }
            }
            continue;
        };
        for field in a.body.iter().flat_map(|b| &b.entries) {
            if let AssessmentField::Practice(p) = field {
                if p.span.start <= offset && offset <= p.span.end {
                    return p.practice.as_ref().map(|n| n.text.clone());
                }
            }
        }
    }
    None
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
