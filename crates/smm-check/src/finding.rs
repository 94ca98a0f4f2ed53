//! What the checker reports: a diagnostic in one file, places in other files that explain it,
//! and an edit that fixes it where one is certain.

use smm_syntax::{Diagnostic, Severity, SharedText, Span};

use crate::{CheckCode, FileId};

/// A place in another (or the same) file of the workspace that explains a finding: the profile
/// that set a target, the first of two duplicates.
pub type Related = smm_syntax::Related<FileId>;

/// One replacement of a byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

/// An accepted finding: who accepted it, why, and until when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waived {
    pub reason: String,
    pub owner: String,
    pub expires: crate::Day,
    /// The `waive` line.
    pub file: FileId,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub file: FileId,
    pub diagnostic: Diagnostic,
    pub related: Vec<Related>,
    // Boxed, as is `waived`: few findings have either, and a workspace may hold a hundred
    // thousand findings.
    pub fix: Option<Box<Fix>>,
    /// The practice the finding is about, which a waiver's `for` names.
    pub subject: Option<SharedText>,
    /// Set when a waiver in force accepts the finding.
    pub waived: Option<Box<Waived>>,
}

impl Finding {
    /// A finding with the table's default severity for `code`.
    pub fn new(
        file: FileId,
        code: CheckCode,
        span: Span,
        message: impl Into<SharedText>,
    ) -> Finding {
        let row = code.row();
        Finding {
            file,
            diagnostic: Diagnostic::new(row.severity, row.id, span, message),
            related: Vec::new(),
            fix: None,
            subject: None,
            waived: None,
        }
    }

    /// A date that is not on the calendar (`2026-02-30`).
    pub fn impossible_date(file: FileId, date: &smm_syntax::ast::Date) -> Finding {
        Finding::new(
            file,
            CheckCode::ImpossibleDate,
            date.span,
            format!(
                "{:04}-{:02}-{:02} is not on the calendar",
                date.year, date.month, date.day
            ),
        )
        .help("check the month and the day")
    }

    pub fn about(mut self, practice: &str) -> Finding {
        self.subject = Some(practice.into());
        self
    }

    pub fn code(&self) -> &'static str {
        self.diagnostic.code
    }

    pub fn severity(&self) -> Severity {
        self.diagnostic.severity
    }

    pub fn label(mut self, label: impl Into<String>) -> Finding {
        self.diagnostic.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<SharedText>) -> Finding {
        self.diagnostic.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Finding {
        self.diagnostic.notes.push(note.into());
        self
    }

    pub fn related(mut self, file: FileId, span: Span, message: impl Into<String>) -> Finding {
        self.related.push(Related::new(file, span, message));
        self
    }

    /// Replace the finding's own span with `text`.
    pub fn replace_with(mut self, title: impl Into<String>, text: impl Into<String>) -> Finding {
        self.fix = Some(Box::new(Fix {
            title: title.into(),
            edits: vec![Edit {
                file: self.file,
                span: self.diagnostic.span,
                text: text.into(),
            }],
        }));
        self
    }
}

impl Finding {
    /// The finding as one file's diagnostic: related places in the same file become labels,
    /// places in other files become notes naming them by `shown(path):line:column`.
    pub fn to_diagnostic(
        &self,
        workspace: &crate::Workspace,
        shown: &dyn Fn(&std::path::Path) -> String,
    ) -> Diagnostic {
        self.clone().into_diagnostic(workspace, shown)
    }

    /// `to_diagnostic`, moving the finding's texts instead of copying them.
    pub fn into_diagnostic(
        self,
        workspace: &crate::Workspace,
        shown: &dyn Fn(&std::path::Path) -> String,
    ) -> Diagnostic {
        let Finding {
            file,
            diagnostic,
            related,
            waived,
            ..
        } = self;
        let mut diagnostic = with_waiver(waived.as_deref(), diagnostic);
        diagnostic.point_to(&file, related, |&file, span| {
            let source = workspace.source(file)?;
            let (line, column) = source.lines.line_column(&source.text, span.start);
            Some(format!("{}:{line}:{column}", shown(&source.path)))
        });
        diagnostic
    }

    /// The finding as one file's diagnostic without the places in other files, for a caller
    /// that can point at them itself (the language server's related information).
    pub fn to_local_diagnostic(&self) -> Diagnostic {
        // Only the parts the diagnostic keeps are copied: the server asks for every finding.
        let mut diagnostic = with_waiver(self.waived.as_deref(), self.diagnostic.clone());
        let here = self.related.iter().filter(|r| r.file == self.file).cloned();
        diagnostic.point_to(&self.file, here, |_, _| None);
        diagnostic
    }
}

/// `diagnostic` with its waiver first among its notes.
fn with_waiver(waived: Option<&Waived>, mut diagnostic: Diagnostic) -> Diagnostic {
    if let Some(waived) = waived {
        diagnostic.notes.insert(
            0,
            format!(
                "waived until {} by {}: {}",
                waived.expires, waived.owner, waived.reason
            ),
        );
    }
    diagnostic
}
