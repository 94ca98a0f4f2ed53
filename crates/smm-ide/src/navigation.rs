//! Goto definition and find references. Profiles and assessments are defined in workspace
//! files; practices, standards and clauses in the model's catalog files (built in, or a
//! user's), which the caller turns into a path it can open.

use smm_model::Location;
use smm_syntax::ast::Item;
use smm_syntax::Span;

use crate::subject::{self, Subject};
use crate::{FileId, Snapshot};

/// A place a name is defined or used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavTarget {
    /// A workspace file; `span` covers the name.
    File { file: FileId, span: Span },
    /// A catalog file of the model (`Model::file(location.file)`): built in or a user's.
    Catalog(Location),
}

/// What the name at a place stands for, resolved so that two spellings of one thing (an ISO
/// 27001 Annex A alias and its 27002 control) compare equal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    Profile(String),
    Assessment(String),
    Practice(String),
    /// The canonical `standard:clause`.
    Clause(String),
    Standard(String),
}

/// The named thing at `offset` and the span of its name there.
pub(crate) fn named_at(
    snapshot: &Snapshot<'_>,
    file: FileId,
    offset: usize,
) -> Option<(Named, Span)> {
    let source = snapshot.workspace.source(file)?;
    if let Some(found) = declaration_at(&source.parse.file, &source.text, offset) {
        return Some(found);
    }
    let (subject, span) = subject::at(&source.text, &source.parse, offset)?;
    Some((resolve(snapshot, subject)?, span))
}

/// A profile's or assessment's name where it is declared.
fn declaration_at(
    file: &smm_syntax::ast::SourceFile,
    text: &str,
    offset: usize,
) -> Option<(Named, Span)> {
    let covers = |span: Span| span.start <= offset && offset <= span.end;
    file.items.iter().find_map(|item| {
        let (name, make): (_, fn(String) -> Named) = match item {
            Item::Profile(p) => (p.name.as_ref()?, Named::Profile),
            Item::Assessment(a) => (a.name.as_ref()?, Named::Assessment),
            _ => return None,
        };
        covers(name.span).then(|| (make(text[name.span.range()].to_string()), name.span))
    })
}

fn resolve(snapshot: &Snapshot<'_>, subject: Subject) -> Option<Named> {
    Some(match subject {
        Subject::Profile(name) => Named::Profile(name),
        Subject::Practice(id) => Named::Practice(id),
        Subject::Clause(reference) => Named::Clause(
            snapshot
                .model
                .clause(&reference)
                .map_or(reference, |c| c.reference()),
        ),
        Subject::Standard(id) => Named::Standard(id),
        _ => return None,
    })
}

pub fn goto_definition(snapshot: &Snapshot<'_>, file: FileId, offset: usize) -> Vec<NavTarget> {
    named_at(snapshot, file, offset)
        .and_then(|(named, _)| definition(snapshot, &named))
        .into_iter()
        .collect()
}

pub(crate) fn definition(snapshot: &Snapshot<'_>, named: &Named) -> Option<NavTarget> {
    let model = snapshot.model;
    match named {
        Named::Profile(name) => {
            let profile = snapshot.analysis.profiles.get(name)?;
            Some(NavTarget::File {
                file: profile.file,
                span: profile.name_span,
            })
        }
        Named::Assessment(name) => {
            let report = snapshot
                .analysis
                .assessments
                .iter()
                .find(|a| &a.name == name)?;
            Some(NavTarget::File {
                file: report.file,
                span: report.name_span,
            })
        }
        Named::Practice(id) => Some(NavTarget::Catalog(model.practice(id)?.location)),
        Named::Clause(reference) => Some(NavTarget::Catalog(model.clause(reference)?.location)),
        Named::Standard(id) => Some(NavTarget::Catalog(model.standard(id)?.location)),
    }
}

/// Every use of the name at `offset` in the workspace's files, in file order, with its
/// definition first when `include_declaration`.
pub fn references(
    snapshot: &Snapshot<'_>,
    file: FileId,
    offset: usize,
    include_declaration: bool,
) -> Vec<NavTarget> {
    let Some((named, _)) = named_at(snapshot, file, offset) else {
        return Vec::new();
    };
    let definition = definition(snapshot, &named);
    let mut found: Vec<NavTarget> = Vec::new();
    if include_declaration {
        found.extend(definition);
    }
    for (file, span) in uses(snapshot, &named) {
        let place = NavTarget::File { file, span };
        if Some(place) != definition {
            found.push(place);
        }
    }
    found
}

/// Where the workspace's files use `named`, declarations not included.
pub(crate) fn uses(snapshot: &Snapshot<'_>, named: &Named) -> Vec<(FileId, Span)> {
    let mut found = Vec::new();
    for (file, source) in snapshot.workspace.sources() {
        for (subject, span) in subject::all(&source.text, &source.parse) {
            if resolve(snapshot, subject).as_ref() == Some(named) {
                found.push((file, span));
            }
        }
    }
    found
}
