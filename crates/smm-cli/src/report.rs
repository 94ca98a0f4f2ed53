//! What `smm check` found, as plain data that every output format renders: per file, its
//! diagnostics (syntax, model and checker, each with its fix when there is one) and the
//! assessments it holds, practice by practice.

use std::path::PathBuf;

use smm_syntax::{Diagnostic, Severity, Span};

#[derive(Clone, Debug)]
pub struct Reported {
    pub diagnostic: Diagnostic,
    pub fix: Option<Fix>,
    /// Accepted by a waiver in force: shown, but never counted or failing a run.
    pub waived: Option<Waived>,
}

#[derive(Clone, Debug)]
pub struct Waived {
    pub reason: String,
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub expires: String,
}

/// Edits within the diagnostic's own file.
#[derive(Clone, Debug)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<(Span, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct FileChecks {
    pub diagnostics: Vec<Reported>,
    pub assessments: Vec<AssessmentResult>,
}

#[derive(Clone, Debug)]
pub struct AssessmentResult {
    pub name: String,
    pub profile: Option<String>,
    pub role: Option<&'static str>,
    pub practices: Vec<PracticeResult>,
    pub summary: smm_check::Summary,
}

#[derive(Clone, Debug)]
pub struct PracticeResult {
    pub practice: String,
    /// Level, scope and the profile that set it.
    pub target: Option<(u8, &'static str, String)>,
    pub current: Option<(u8, &'static str)>,
    pub gap: Option<u8>,
    pub met: Option<bool>,
    pub waived: Option<Waived>,
    /// Clauses mapped up to the target for the role that no evidence implements.
    pub missing: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct FileReport {
    /// Index into `Report::roots`.
    pub root: usize,
    /// From the root, `/`-separated: the same on every machine and in every clone.
    pub relative: String,
    /// As the user would write it, for human output.
    pub shown: String,
    pub text: String,
    pub checks: FileChecks,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub roots: Vec<PathBuf>,
    pub files: Vec<FileReport>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    pub waived: usize,
}

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
            Severity::Hint => self.hints += 1,
        }
    }
}

impl Report {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for d in self.diagnostics() {
            if d.waived.is_some() {
                counts.waived += 1;
            } else {
                counts.add(d.diagnostic.severity);
            }
        }
        counts
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Reported> {
        self.files.iter().flat_map(|f| &f.checks.diagnostics)
    }
}

/// The checker's results for one file, as report data.
pub fn assessment(report: &smm_check::AssessmentReport) -> AssessmentResult {
    AssessmentResult {
        name: report.name.clone(),
        profile: report.profile.clone(),
        role: report.role.map(|r| r.id()),
        practices: report
            .practices
            .iter()
            .map(|p| PracticeResult {
                practice: p.practice.clone(),
                target: p
                    .target
                    .as_ref()
                    .map(|t| (t.level.number(), t.scope.id(), t.set_by.clone())),
                current: p.current.map(|c| (c.level.number(), c.scope.id())),
                gap: p.gap(),
                met: p.met(),
                waived: p.waived.as_ref().map(waived),
                missing: p.missing.clone(),
            })
            .collect(),
        summary: report.summary.clone(),
    }
}

pub fn waived(waived: &smm_check::Waived) -> Waived {
    Waived {
        reason: waived.reason.clone(),
        owner: waived.owner.clone(),
        expires: waived.expires.to_string(),
    }
}
