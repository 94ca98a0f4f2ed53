//! Model diagnostics as single-file diagnostics: another place in the same file becomes a
//! label, a place in another file becomes a note with its path, line and column.

use smm_syntax::{Diagnostic, Label};

use crate::{FileId, Model, ModelDiagnostic};

impl ModelDiagnostic {
    /// `path` names a catalog file for the reader (a workspace path, or the cached copy of a
    /// built-in file).
    pub fn to_diagnostic(&self, model: &Model, path: impl Fn(FileId) -> String) -> Diagnostic {
        let mut diagnostic = self.diagnostic.clone();
        for other in &self.elsewhere {
            if other.location.file == self.file {
                diagnostic.related.push(Label {
                    span: other.location.span,
                    message: other.message.clone(),
                });
            } else {
                let (line, column) = model.line_col(other.location);
                let file = path(other.location.file);
                diagnostic
                    .notes
                    .push(format!("{}: {file}:{line}:{column}", other.message));
            }
        }
        diagnostic
    }
}
