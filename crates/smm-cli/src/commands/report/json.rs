//! `--format json`: every report page for programs, in the shape
//! `schemas/report.schema.json` writes down. Every field is always present (`null` when it
//! does not apply); paths are relative and `/`-separated, so two clones give the same bytes.

use serde::Serialize;

use super::page::{ClauseLine, Page};
use crate::assessed::{Rating, Target};
use crate::check_report::Waived;
use crate::json_parts::{mapping, MappingJson, Tool};

/// Bumped whenever a field is removed, renamed or changes meaning.
pub const SCHEMA_VERSION: &str = "1";

#[derive(Serialize)]
struct Document<'a> {
    schema_version: &'static str,
    tool: Tool,
    assessments: Vec<AssessmentJson<'a>>,
}

#[derive(Serialize)]
struct AssessmentJson<'a> {
    id: &'a str,
    title: Option<&'a str>,
    path: &'a str,
    profile: Option<&'a str>,
    targets_known: bool,
    role: Option<&'a str>,
    date: Option<&'a str>,
    assessor: Option<&'a str>,
    as_of: Option<&'a str>,
    expiry_window_days: u32,
    baseline: Option<BaselineJson<'a>>,
    targeted: usize,
    met: usize,
    practices: Vec<PracticeJson<'a>>,
    groups: Vec<GroupJson<'a>>,
    coverage: Vec<CoverageJson<'a>>,
    roadmap: Vec<StepJson<'a>>,
    evidence: Vec<EvidenceJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    mappings: Vec<MappingJson<'a>>,
}

#[derive(Serialize)]
struct BaselineJson<'a> {
    label: &'a str,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct PracticeJson<'a> {
    id: &'a str,
    title: &'a str,
    domain: &'a str,
    subdomain: &'a str,
    target: Option<&'a Target>,
    current: Option<Rating>,
    baseline_level: Option<u8>,
    gap: Option<u8>,
    met: Option<bool>,
    waived: Option<WaivedJson<'a>>,
    missing_clauses: &'a [String],
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct WaivedJson<'a> {
    reason: &'a str,
    owner: &'a str,
    expires: &'a str,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    kind: &'a str,
    id: &'a str,
    title: &'a str,
    targeted: usize,
    met: usize,
    not_assessed: usize,
    level: Option<u8>,
    highest_target: Option<u8>,
    gap: u8,
}

#[derive(Serialize)]
struct CoverageJson<'a> {
    standard: &'a str,
    title: &'a str,
    implemented: usize,
    mapped: usize,
    missing: Vec<ClauseJson<'a>>,
}

#[derive(Serialize)]
struct ClauseJson<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct StepJson<'a> {
    practice: &'a str,
    title: &'a str,
    current: u8,
    next_level: u8,
    next_level_name: &'a str,
    target: u8,
    gap: u8,
    waived: bool,
    clauses: Vec<ClauseJson<'a>>,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    practice: &'a str,
    text: &'a str,
    implements: &'a [String],
    expires: Option<&'a str>,
    expiry: &'a str,
    days_left: Option<i64>,
    link: Option<&'a str>,
    stub: bool,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    severity: &'a str,
    code: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    waived: Option<&'a str>,
}

pub fn render(pages: &[Page]) -> String {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool::SMM,
        assessments: pages.iter().map(assessment).collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("plain data serializes");
    text.push('\n');
    text
}

fn assessment(page: &Page) -> AssessmentJson<'_> {
    let a = &page.assessment;
    AssessmentJson {
        id: &a.id,
        title: a.title.as_deref(),
        path: &a.path,
        profile: a.profile.as_deref(),
        targets_known: a.targets_known,
        role: a.role,
        date: a.date.as_deref(),
        assessor: a.assessor.as_deref(),
        as_of: page.as_of.as_deref(),
        expiry_window_days: page.expiry_window,
        baseline: page.baseline.as_ref().map(|b| BaselineJson {
            label: &b.label,
            date: b.date.as_deref(),
        }),
        targeted: a.summary.targeted,
        met: a.summary.met,
        practices: a
            .practices
            .iter()
            .enumerate()
            .map(|(i, p)| PracticeJson {
                id: &p.id,
                title: &p.title,
                domain: &p.domain.id,
                subdomain: &p.subdomain.id,
                target: p.target.as_ref(),
                current: p.current,
                baseline_level: page.baseline.as_ref().and_then(|b| b.levels[i]),
                gap: p.gap,
                met: p.met,
                waived: p.waived.as_ref().map(waived),
                missing_clauses: &p.missing,
                note: p.note.as_deref(),
            })
            .collect(),
        groups: page
            .groups
            .iter()
            .map(|g| GroupJson {
                kind: g.kind,
                id: &g.id,
                title: &g.title,
                targeted: g.targeted,
                met: g.met,
                not_assessed: g.not_assessed,
                level: g.level,
                highest_target: g.highest_target,
                gap: g.gap,
            })
            .collect(),
        coverage: page
            .coverage
            .iter()
            .map(|c| CoverageJson {
                standard: &c.standard,
                title: &c.title,
                implemented: c.implemented,
                mapped: c.mapped,
                missing: c.missing.iter().map(clause).collect(),
            })
            .collect(),
        roadmap: page
            .roadmap
            .iter()
            .map(|s| StepJson {
                practice: &s.practice,
                title: &s.title,
                current: s.current,
                next_level: s.next_level,
                next_level_name: s.next_level_name,
                target: s.target,
                gap: s.gap,
                waived: s.waived,
                clauses: s.clauses.iter().map(clause).collect(),
            })
            .collect(),
        evidence: page
            .evidence
            .iter()
            .map(|e| EvidenceJson {
                practice: &e.practice,
                text: &e.text,
                implements: &e.implements,
                expires: e.expires.as_deref(),
                expiry: e.expiry.id(),
                days_left: e.days_left,
                link: e.link.as_deref(),
                stub: e.stub,
            })
            .collect(),
        findings: page
            .findings
            .iter()
            .map(|f| FindingJson {
                severity: f.severity,
                code: &f.code,
                line: f.line,
                column: f.column,
                message: &f.message,
                waived: f.waived.as_deref(),
            })
            .collect(),
        mappings: page.mappings.iter().map(mapping).collect(),
    }
}

fn waived(w: &Waived) -> WaivedJson<'_> {
    WaivedJson {
        reason: &w.reason,
        owner: &w.owner,
        expires: &w.expires,
    }
}

fn clause(c: &ClauseLine) -> ClauseJson<'_> {
    ClauseJson {
        id: &c.id,
        title: &c.title,
    }
}
