//! The diagnostics to send after a change: syntax errors, catalog problems and findings of
//! the files the change may have affected, with smm.toml's problem when everything is sent.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use smm_syntax::{Diagnostic, Related, Severity, Span};

use smm_check::Source;

use crate::state::{Dirty, State};

/// The diagnostics of one file, ready to send (the document store adds the version).
pub struct FileDiagnostics {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub problems: Vec<Problem>,
}

pub struct Problem {
    pub diagnostic: Diagnostic,
    /// Related places in other files (the profile that set a target, a first definition).
    pub elsewhere: Vec<Elsewhere>,
}

/// A place in another file, and what to say there.
pub type Elsewhere = Related<FileText>;

/// A file a place is in, as the server names it: its path and the text its span is in.
#[derive(Clone, Debug)]
pub struct FileText {
    pub path: PathBuf,
    pub text: Arc<str>,
}

/// The same text, not an equal one: a place kept from an earlier report must point into the
/// text it was made from.
impl PartialEq for FileText {
    fn eq(&self, other: &FileText) -> bool {
        self.path == other.path && Arc::ptr_eq(&self.text, &other.text)
    }
}

impl From<Diagnostic> for Problem {
    fn from(diagnostic: Diagnostic) -> Problem {
        Problem {
            diagnostic,
            elsewhere: Vec::new(),
        }
    }
}

pub struct Outgoing {
    pub files: Vec<FileDiagnostics>,
    /// Every file with diagnostics is in `files`: one that is not has none.
    pub complete: bool,
    /// The state's generation when the report was made.
    pub generation: u64,
}

impl State {
    /// The diagnostics of the files marked since the last report.
    pub fn outgoing(&mut self) -> Outgoing {
        let dirty = std::mem::replace(&mut self.dirty, Dirty::Files(BTreeSet::new()));
        let complete = dirty == Dirty::All;
        let mut files = Vec::new();
        for (id, source) in self.workspace.sources() {
            if let Dirty::Files(set) = &dirty {
                if !set.contains(&id) {
                    continue;
                }
            }
            files.push(self.file_diagnostics(id, source));
        }
        if let (true, Some((path, text, offset, message))) = (complete, &self.config_error) {
            files.push(FileDiagnostics {
                path: path.clone(),
                text: text.as_str().into(),
                problems: vec![Diagnostic::new(
                    Severity::Error,
                    "config::invalid",
                    Span::new(*offset, *offset),
                    format!("{message}; the defaults apply until it is fixed"),
                )
                .into()],
            });
        }
        Outgoing {
            files,
            complete,
            generation: self.generation,
        }
    }

    fn file_diagnostics(&self, id: smm_check::FileId, source: &Source) -> FileDiagnostics {
        let mut problems: Vec<Problem> = source
            .parse
            .errors
            .iter()
            .cloned()
            .map(Problem::from)
            .collect();
        let model_problems = self.model_problems.get(&source.path).into_iter().flatten();
        // smm.toml's severities apply to the model's problems as to the findings, as in the CLI.
        problems.extend(model_problems.filter_map(|d| {
            let severity = self.config.severity_of(d.code, d.severity)?;
            Some(Problem::from(smm_syntax::Diagnostic {
                severity,
                ..d.clone()
            }))
        }));
        for finding in self.analysis.findings_of(id) {
            let mut d = finding.to_local_diagnostic();
            match self.config.severity_of(d.code, d.severity) {
                Some(severity) => d.severity = severity,
                None => continue,
            }
            if finding.waived.is_some() {
                d.severity = Severity::Hint;
            }
            let elsewhere = finding
                .related
                .iter()
                .filter(|r| r.file != id)
                .filter_map(|r| {
                    let other = self.workspace.source(r.file)?;
                    let file = FileText {
                        path: other.path.clone(),
                        text: other.text.clone(),
                    };
                    Some(Elsewhere::new(file, r.span, r.message.clone()))
                })
                .collect();
            problems.push(Problem {
                diagnostic: d,
                elsewhere,
            });
        }
        FileDiagnostics {
            path: source.path.clone(),
            text: source.text.clone(),
            problems,
        }
    }
}
