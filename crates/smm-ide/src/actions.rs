//! Code actions: the checker's certain fixes (did-you-mean), and edits that write the
//! boilerplate of an assessment: the practices its profile targets but it lacks, a waiver
//! skeleton for a finding, and stub evidence for the clauses a target still needs. Inserted
//! text is laid out as `smm fmt` would lay it out.

use smm_check::{AssessmentReport, Finding, PracticeStatus};
use smm_syntax::ast::{Assessment, AssessmentField, Item, PracticeField, Rating};
use smm_syntax::{Severity, Span};

use crate::checked;
use crate::rename::TextEdit;
use crate::{FileId, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionKind {
    /// Fixes or accepts a finding.
    QuickFix,
    /// Writes text the user completes (stubs, missing practices).
    Scaffold,
}

/// A finding, by its code and span, as an editor's diagnostic names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Addressed {
    pub code: &'static str,
    pub span: Span,
}

impl Addressed {
    fn of(finding: &Finding) -> Addressed {
        Addressed {
            code: finding.code(),
            span: finding.diagnostic.span,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// The finding it addresses, so the editor can tie it to a diagnostic.
    pub finding: Option<Addressed>,
    pub edits: Vec<TextEdit>,
    /// The one fix an editor may apply without asking ("fix all" in VS Code).
    pub preferred: bool,
}

/// How long a waiver skeleton accepts a finding, from the assessment's date.
const WAIVER_MONTHS: u32 = 3;

pub fn code_actions(snapshot: &Snapshot<'_>, file: FileId, range: Span) -> Vec<Action> {
    let Some(source) = snapshot.workspace.source(file) else {
        return Vec::new();
    };
    let touches = |span: Span| span.start <= range.end && range.start <= span.end;
    let mut actions = Vec::new();
    for finding in snapshot.analysis.findings_of(file) {
        if !touches(finding.diagnostic.span) {
            continue;
        }
        if let Some(fix) = &finding.fix {
            actions.push(Action {
                title: fix.title.clone(),
                kind: ActionKind::QuickFix,
                finding: Some(Addressed::of(finding)),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        file: e.file,
                        span: e.span,
                        text: e.text.clone(),
                    })
                    .collect(),
                preferred: true,
            });
        }
    }
    let Some((assessment, report)) = assessment_at(snapshot, file, range.start) else {
        return actions;
    };
    let Some(close) = assessment.body.as_ref().and_then(|b| b.close) else {
        return actions;
    };
    let before_close = line_start(&source.text, close.start);
    let cx = Scaffold {
        snapshot,
        file,
        report,
        before_close,
    };
    for finding in snapshot.analysis.findings_of(file) {
        if touches(finding.diagnostic.span) {
            actions.extend(cx.waiver(finding));
        }
    }
    actions.extend(cx.missing_practices(range));
    for (field, status) in rated_practices(assessment, report) {
        if touches(field.span) {
            actions.extend(cx.stubs(&source.text, field, status));
        }
    }
    actions
}

/// The assessment around `offset` with its report.
fn assessment_at<'s>(
    snapshot: &Snapshot<'s>,
    file: FileId,
    offset: usize,
) -> Option<(&'s Assessment, &'s AssessmentReport)> {
    let source = snapshot.workspace.source(file)?;
    let assessment = source.parse.file.items.iter().find_map(|item| match item {
        Item::Assessment(a) if a.span.start <= offset && offset <= a.span.end => Some(a),
        _ => None,
    })?;
    Some((assessment, checked::report(snapshot, file, assessment)?))
}

/// Each `practice` line of the assessment with its status; a practice rated twice keeps its
/// first line, as the checker does.
fn rated_practices<'s>(
    assessment: &'s Assessment,
    report: &'s AssessmentReport,
) -> Vec<(&'s Rating<PracticeField>, &'s PracticeStatus)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut found = Vec::new();
    for field in assessment.body.iter().flat_map(|b| &b.entries) {
        let AssessmentField::Practice(rating) = field else {
            continue;
        };
        let Some(id) = &rating.practice else { continue };
        if !seen.insert(id.text.as_str()) {
            continue;
        }
        if let Some(status) = report.practices.iter().find(|s| s.practice == id.text) {
            found.push((rating.as_ref(), status));
        }
    }
    found
}

struct Scaffold<'a, 's> {
    snapshot: &'a Snapshot<'s>,
    file: FileId,
    report: &'s AssessmentReport,
    /// Where new lines go: the start of the line with the assessment's closing brace.
    before_close: usize,
}

impl Scaffold<'_, '_> {
    fn insert(&self, text: String) -> Vec<TextEdit> {
        vec![TextEdit {
            file: self.file,
            span: Span::new(self.before_close, self.before_close),
            text,
        }]
    }

    /// `waive CODE for PRACTICE expires DATE { reason … owner … }` for a finding that may be
    /// waived: not an error, not waived already, in an assessment with a date.
    fn waiver(&self, finding: &Finding) -> Option<Action> {
        use smm_check::CheckCode as C;
        let code = C::from_id(finding.code())?;
        if finding.diagnostic.severity == Severity::Error
            || finding.waived.is_some()
            || matches!(code, C::UnusedWaiver | C::BadWaiver | C::WaiverExpired)
        {
            return None;
        }
        let short = code.waiver_word();
        let expires = self.report.date?.months_later(WAIVER_MONTHS);
        let about = finding
            .subject
            .as_ref()
            .map_or(String::new(), |p| format!(" for {p}"));
        let text = format!(
            "  waive {short}{about} expires {expires} {{\n    reason \"Why this is accepted until {expires}\"\n    owner \"Who answers for it\"\n  }}\n"
        );
        Some(Action {
            title: format!("Waive `{short}`{about} until {expires}"),
            kind: ActionKind::QuickFix,
            finding: Some(Addressed::of(finding)),
            edits: self.insert(text),
            preferred: false,
        })
    }

    /// The practices the profile targets and the assessment lacks, at their targets, each
    /// with stub evidence for its mapped clauses.
    fn missing_practices(&self, range: Span) -> Option<Action> {
        let missing: Vec<&PracticeStatus> = self
            .report
            .practices
            .iter()
            .filter(|s| s.current.is_none() && s.target.is_some())
            .collect();
        let finding = self.snapshot.analysis.findings_of(self.file).find(|f| {
            f.code() == smm_check::CheckCode::NotAssessed.id()
                && f.diagnostic.span.start <= range.end
                && range.start <= f.diagnostic.span.end
        });
        // Offered on a not-assessed finding, or anywhere on the assessment's name.
        let on_name =
            self.report.name_span.start <= range.end && range.start <= self.report.name_span.end;
        if missing.is_empty() || (finding.is_none() && !on_name) {
            return None;
        }
        let mut text = String::new();
        for status in &missing {
            let target = status.target.as_ref()?;
            text.push_str(&format!(
                "  practice {} level {} scope {} {{\n",
                status.practice,
                target.level.number(),
                target.scope.id()
            ));
            text.push_str(&stub_lines(
                self.snapshot,
                &status.practice,
                &status.missing,
                "    ",
            ));
            text.push_str("  }\n");
        }
        let count = missing.len();
        Some(Action {
            title: format!(
                "Add the {count} practice{} the profile targets, at their targets, with stub evidence",
                if count == 1 { "" } else { "s" }
            ),
            kind: ActionKind::Scaffold,
            finding: finding.map(Addressed::of),
            edits: self.insert(text),
            preferred: false,
        })
    }

    /// Stub evidence for the clauses the practice's target still needs.
    fn stubs(
        &self,
        src: &str,
        rating: &Rating<PracticeField>,
        status: &PracticeStatus,
    ) -> Option<Action> {
        if status.missing.is_empty() {
            return None;
        }
        let lines = stub_lines(self.snapshot, &status.practice, &status.missing, "    ");
        let edit = match &rating.body {
            Some(block) => {
                let close = block.close?;
                let at = line_start(src, close.start);
                // A block closed on its own opening line (`{ }`) gets its brace moved down.
                if at <= block.open.start {
                    TextEdit {
                        file: self.file,
                        span: Span::new(block.open.start, close.end),
                        text: format!("{{\n{lines}  }}"),
                    }
                } else {
                    TextEdit {
                        file: self.file,
                        span: Span::new(at, at),
                        text: lines,
                    }
                }
            }
            None => TextEdit {
                file: self.file,
                span: Span::new(rating.span.end, rating.span.end),
                text: format!(" {{\n{lines}  }}"),
            },
        };
        let count = status.missing.len();
        Some(Action {
            title: format!(
                "Add stub evidence for the {count} clause{} `{}` still needs",
                if count == 1 { "" } else { "s" },
                status.practice
            ),
            kind: ActionKind::Scaffold,
            finding: None,
            edits: vec![edit],
            preferred: false,
        })
    }
}

/// One stub evidence line per clause, named by its title.
fn stub_lines(
    snapshot: &Snapshot<'_>,
    practice: &str,
    clauses: &[std::sync::Arc<str>],
    indent: &str,
) -> String {
    if clauses.is_empty() {
        return format!("{indent}evidence \"Evidence for {practice}\" stub\n");
    }
    clauses
        .iter()
        .map(|clause| {
            let title = snapshot.model.clause(clause).map_or(String::new(), |c| {
                format!(": {}", c.title.replace('"', "'"))
            });
            format!("{indent}evidence \"Evidence for {clause}{title}\" implements {clause} stub\n")
        })
        .collect()
}

fn line_start(text: &str, offset: usize) -> usize {
    smm_syntax::lines::line_start(text, offset)
}
