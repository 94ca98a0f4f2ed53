//! Model diagnostics as single-file diagnostics (`Diagnostic::point_to`): another place in the
//! same file becomes a label, a place in another file a note with its path, line and column.

use smm_syntax::Diagnostic;

use crate::{FileId, Location, Model, ModelDiagnostic};

impl ModelDiagnostic {
    /// `path` names a catalog file for the reader (a workspace path, or the cached copy of a
    /// built-in file).
    pub fn to_diagnostic(&self, model: &Model, path: impl Fn(FileId) -> String) -> Diagnostic {
        let mut diagnostic = self.diagnostic.clone();
        diagnostic.point_to(&self.file, self.related.iter().cloned(), |&file, span| {
            let (line, column) = model.line_col(Location { file, span });
            Some(format!("{}:{line}:{column}", path(file)))
        });
        diagnostic
    }
}
