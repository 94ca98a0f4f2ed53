//! `--format json`: the findings and the assessments for programs. Its shape is written down in
//! `schemas/check.schema.json`; every field is always present (`null` when there is nothing),
//! and paths are relative to the workspace root so that two clones give the same bytes.

use std::io::Write as _;

use serde::Serialize;

use super::pretty;
use crate::check_report::{AssessmentResult, FileReport, Rating, Report, Reported, Target};
use crate::json_parts::{mapping, MappingJson, Tool};

/// Bumped whenever a field is removed, renamed or changes meaning.
pub const SCHEMA_VERSION: &str = "1";

/// The document's fields before `files`. Every file is turned into JSON only as it is
/// written, its findings on every core: the whole document is never held in memory at once (a
/// workspace of 1,000 files gives some 80 MB of JSON).
#[derive(Serialize)]
struct Head<'r> {
    schema_version: &'static str,
    tool: Tool,
    /// The mappings the checked workspaces used, so that an audit names the one it relied on.
    mappings: Vec<MappingJson<'r>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    waived: usize,
}

#[derive(Serialize)]
struct FileHead<'r> {
    path: &'r str,
}

#[derive(Serialize)]
pub struct Position {
    /// 1-based.
    line: usize,
    /// 1-based, in Unicode characters.
    column: usize,
    /// 0-based byte offset in the file's UTF-8 text.
    byte: usize,
}

#[derive(Serialize)]
pub struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct DiagnosticJson<'r> {
    code: &'static str,
    severity: &'static str,
    message: &'r str,
    range: Range,
    label: Option<&'r str>,
    help: Option<&'r str>,
    notes: Vec<&'r str>,
    related: Vec<RelatedJson<'r>>,
    fix: Option<FixJson<'r>>,
    waived: Option<WaivedJson<'r>>,
}

#[derive(Serialize)]
struct WaivedJson<'r> {
    reason: &'r str,
    owner: &'r str,
    expires: &'r str,
}

fn waived(w: &crate::check_report::Waived) -> WaivedJson<'_> {
    WaivedJson {
        reason: &w.reason,
        owner: &w.owner,
        expires: &w.expires,
    }
}

#[derive(Serialize)]
struct RelatedJson<'r> {
    message: &'r str,
    range: Range,
}

#[derive(Serialize)]
struct FixJson<'r> {
    title: &'r str,
    edits: Vec<EditJson<'r>>,
}

#[derive(Serialize)]
struct EditJson<'r> {
    range: Range,
    text: &'r str,
}

#[derive(Serialize)]
struct AssessmentJson<'r> {
    name: &'r str,
    profile: Option<&'r str>,
    role: Option<&'static str>,
    practices: Vec<PracticeJson<'r>>,
    summary: SummaryJson<'r>,
}

#[derive(Serialize)]
struct SummaryJson<'r> {
    targeted: usize,
    met: usize,
    groups: Vec<GroupJson<'r>>,
    standards: Vec<CoverageJson<'r>>,
}

#[derive(Serialize)]
struct GroupJson<'r> {
    kind: &'static str,
    id: &'r str,
    title: &'r str,
    targeted: usize,
    met: usize,
    not_assessed: usize,
    level: Option<u8>,
    gap: u8,
}

#[derive(Serialize)]
struct CoverageJson<'r> {
    standard: &'r str,
    implemented: usize,
    mapped: usize,
}

#[derive(Serialize)]
struct PracticeJson<'r> {
    practice: &'r str,
    target: Option<&'r Target>,
    current: Option<Rating>,
    gap: Option<u8>,
    met: Option<bool>,
    missing_clauses: Clauses<'r>,
    waived: Option<WaivedJson<'r>>,
}

/// Clause keys, shared with the checker's other reports.
struct Clauses<'r>(&'r [std::sync::Arc<str>]);

impl Serialize for Clauses<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|clause| &**clause))
    }
}

pub fn range(file: &FileReport, span: smm_syntax::Span) -> Range {
    let at = |byte: usize| {
        let byte = byte.min(file.text.len());
        let (line, column) = file.line_column(byte);
        Position { line, column, byte }
    };
    Range {
        start: at(span.start),
        end: at(span.end),
    }
}

pub fn render(report: &Report) -> String {
    let mut text = Vec::new();
    write(report, &mut text).expect("writing to a Vec cannot fail");
    String::from_utf8(text).expect("serde_json writes UTF-8")
}

/// `render`, written to `out` as it is made.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut stream = Stream::begin(out, &report.mappings, report.counts(), report.files.len())?;
    for file in &report.files {
        stream.file(file)?;
    }
    stream.end()
}

/// The document written a file at a time, begun once the totals of its summary are known:
/// each file's part is made when the file is checked, and nothing of it is held after.
pub struct Stream<'o> {
    document: pretty::Streamed<std::io::BufWriter<&'o mut dyn std::io::Write>>,
}

impl<'o> Stream<'o> {
    pub fn begin(
        out: &'o mut dyn std::io::Write,
        mappings: &[crate::check_report::MappingUsed],
        counts: crate::check_report::Counts,
        files: usize,
    ) -> std::io::Result<Stream<'o>> {
        let head = Head {
            schema_version: SCHEMA_VERSION,
            tool: Tool::SMM,
            mappings: mappings.iter().map(mapping).collect(),
            summary: Summary {
                files,
                errors: counts.errors,
                warnings: counts.warnings,
                infos: counts.infos,
                hints: counts.hints,
                waived: counts.waived,
            },
        };
        let out = std::io::BufWriter::new(out);
        Ok(Stream {
            document: pretty::Streamed::begin(out, &head, "files")?,
        })
    }

    pub fn file(&mut self, file: &FileReport) -> std::io::Result<()> {
        self.document.element(|out, level| {
            pretty::object(
                out,
                level,
                &FileHead {
                    path: &file.relative,
                },
                |f| {
                    f.array("diagnostics", &file.checks.diagnostics, |d| {
                        diagnostic(file, d)
                    })?;
                    f.array("assessments", &file.checks.assessments, assessment)
                },
            )
        })
    }

    pub fn end(self) -> std::io::Result<()> {
        let mut out = self.document.end()?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

fn assessment(a: &AssessmentResult) -> AssessmentJson<'_> {
    AssessmentJson {
        name: &a.name,
        profile: a.profile.as_deref(),
        role: a.role,
        practices: a
            .practices
            .iter()
            .map(|p| PracticeJson {
                practice: &p.practice,
                target: p.target.as_ref(),
                current: p.current,
                gap: p.gap,
                met: p.met,
                missing_clauses: Clauses(&p.missing),
                waived: p.waived.as_ref().map(waived),
            })
            .collect(),
        summary: SummaryJson {
            targeted: a.summary.targeted,
            met: a.summary.met,
            groups: a
                .summary
                .groups
                .iter()
                .map(|g| GroupJson {
                    kind: g.kind,
                    id: &g.id,
                    title: &g.title,
                    targeted: g.targeted,
                    met: g.met,
                    not_assessed: g.not_assessed,
                    level: g.level.map(|l| l.number()),
                    gap: g.gap,
                })
                .collect(),
            standards: a
                .summary
                .standards
                .iter()
                .map(|c| CoverageJson {
                    standard: &c.standard,
                    implemented: c.implemented,
                    mapped: c.mapped,
                })
                .collect(),
        },
    }
}

fn diagnostic<'r>(file: &FileReport, reported: &'r Reported) -> DiagnosticJson<'r> {
    let d = &reported.diagnostic;
    DiagnosticJson {
        code: d.code,
        severity: d.severity.as_str(),
        message: &d.message,
        range: range(file, d.span),
        label: (!d.label.is_empty()).then_some(d.label.as_str()),
        help: d.help.as_deref(),
        notes: d.notes.iter().map(String::as_str).collect(),
        related: d
            .related
            .iter()
            .map(|r| RelatedJson {
                message: &r.message,
                range: range(file, r.span),
            })
            .collect(),
        fix: reported.fix.as_ref().map(|fix| FixJson {
            title: &fix.title,
            edits: fix
                .edits
                .iter()
                .map(|(span, new)| EditJson {
                    range: range(file, *span),
                    text: new,
                })
                .collect(),
        }),
        waived: reported.waived.as_ref().map(waived),
    }
}
