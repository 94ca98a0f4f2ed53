//! `--format json`: the changes for programs, in the shape `schemas/diff.schema.json` writes
//! down. Every field is always present (`null` when it does not apply); paths are relative and
//! `/`-separated, so that two clones give the same bytes.

use serde::Serialize;

use super::changes::{AssessmentDiff, Change, Diff, EvidenceChange, PracticeDiff, Status};
use super::Labels;
use crate::assessed::{Assessed, Evidence, Rating, Target};
use crate::json_parts::Tool;

/// Bumped whenever a field is removed, renamed or changes meaning.
pub const SCHEMA_VERSION: &str = "1";

#[derive(Serialize)]
struct Document<'a> {
    schema_version: &'static str,
    tool: Tool,
    old: &'a str,
    new: &'a str,
    summary: Summary,
    assessments: Vec<AssessmentJson<'a>>,
}

#[derive(Serialize)]
struct Summary {
    changed: usize,
    added: usize,
    removed: usize,
    unchanged: usize,
    regressions: usize,
}

#[derive(Serialize)]
struct AssessmentJson<'a> {
    id: &'a str,
    status: &'static str,
    old: Option<SideJson<'a>>,
    new: Option<SideJson<'a>>,
    changes: Vec<FieldJson<'a>>,
    practices: Vec<PracticeJson<'a>>,
    regressions: Vec<&'static str>,
}

#[derive(Serialize)]
struct SideJson<'a> {
    path: &'a str,
    title: Option<&'a str>,
    profile: Option<&'a str>,
    targets_known: bool,
    role: Option<&'a str>,
    date: Option<&'a str>,
    assessor: Option<&'a str>,
    targeted: usize,
    met: usize,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    field: &'static str,
    old: Option<&'a str>,
    new: Option<&'a str>,
}

#[derive(Serialize)]
struct PracticeJson<'a> {
    practice: &'a str,
    title: &'a str,
    target: Option<Change<Option<&'a Target>>>,
    current: Option<Change<Option<Rating>>>,
    met: Option<Change<bool>>,
    evidence: EvidenceDiffJson<'a>,
    regressions: Vec<&'static str>,
}

#[derive(Serialize)]
struct EvidenceDiffJson<'a> {
    added: Vec<EvidenceJson<'a>>,
    removed: Vec<EvidenceJson<'a>>,
    changed: Vec<EvidenceChangeJson<'a>>,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    text: &'a str,
    implements: &'a [String],
    expires: Option<&'a str>,
    link: Option<&'a str>,
    stub: bool,
}

#[derive(Serialize)]
struct EvidenceChangeJson<'a> {
    text: &'a str,
    implements: Option<Change<&'a [String]>>,
    expires: Option<Change<Option<&'a str>>>,
    stub: Option<Change<bool>>,
}

pub fn render(diff: &Diff<'_>, labels: &Labels) -> String {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool::SMM,
        old: &labels.old,
        new: &labels.new,
        summary: Summary {
            changed: diff.count(Status::Changed),
            added: diff.count(Status::Added),
            removed: diff.count(Status::Removed),
            unchanged: diff.count(Status::Unchanged),
            regressions: diff.regressions(),
        },
        assessments: diff.assessments.iter().map(assessment).collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("plain data serializes");
    text.push('\n');
    text
}

fn assessment<'a>(a: &'a AssessmentDiff<'a>) -> AssessmentJson<'a> {
    AssessmentJson {
        id: a.id,
        status: a.status().as_str(),
        old: a.old.map(side),
        new: a.new.map(side),
        changes: a
            .fields
            .iter()
            .map(|f| FieldJson {
                field: f.field,
                old: f.old,
                new: f.new,
            })
            .collect(),
        practices: a.practices.iter().map(practice).collect(),
        regressions: a.regressions().iter().map(|r| r.as_str()).collect(),
    }
}

fn side(a: &Assessed) -> SideJson<'_> {
    SideJson {
        path: &a.path,
        title: a.title.as_deref(),
        profile: a.profile.as_deref(),
        targets_known: a.targets_known,
        role: a.role,
        date: a.date.as_deref(),
        assessor: a.assessor.as_deref(),
        targeted: a.summary.targeted,
        met: a.summary.met,
    }
}

fn practice<'a>(p: &'a PracticeDiff<'a>) -> PracticeJson<'a> {
    PracticeJson {
        practice: p.id,
        title: p.title,
        target: p.target,
        current: p.current,
        met: p.met,
        evidence: EvidenceDiffJson {
            added: p.added.iter().map(|e| evidence(e)).collect(),
            removed: p.removed.iter().map(|e| evidence(e)).collect(),
            changed: p.changed.iter().map(evidence_change).collect(),
        },
        regressions: p.regressions.iter().map(|r| r.as_str()).collect(),
    }
}

fn evidence(e: &Evidence) -> EvidenceJson<'_> {
    EvidenceJson {
        text: &e.text,
        implements: &e.implements,
        expires: e.expires.as_deref(),
        link: e.link.as_deref(),
        stub: e.stub,
    }
}

fn evidence_change<'a>(c: &'a EvidenceChange<'a>) -> EvidenceChangeJson<'a> {
    EvidenceChangeJson {
        text: c.text,
        implements: c.implements,
        expires: c.expires,
        stub: c.stub,
    }
}
