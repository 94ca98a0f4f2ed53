//! From parsed catalog files to a model: every definition is checked against the others, and
//! each problem becomes a diagnostic at the place that causes it (with the other place, for a
//! duplicate).

use std::borrow::Cow;
use std::collections::HashMap;

use smm_syntax::ast::{self, Item, SourceFile};
use smm_syntax::{Diagnostic, Related, Span};

use crate::entities::*;
use crate::lookup::Model;
use crate::Level;

mod annex_entries;
mod fields;
mod framework;
mod mapping;
mod security_level;
mod standard;
mod unmapped;
mod validation;

#[derive(Clone, Debug)]
pub struct ModelDiagnostic {
    pub file: FileId,
    pub diagnostic: Diagnostic,
    /// Other places it refers to, in this catalog file or another.
    pub related: Vec<Related<FileId>>,
}

impl ModelDiagnostic {
    /// As one file's diagnostic (`Diagnostic::point_to`): another place in the same file
    /// becomes a label, a place in another file a note with its path, line and column. `path`
    /// names a catalog file for the reader (a workspace path, or the cached copy of a built-in
    /// file).
    pub fn to_diagnostic(&self, model: &Model, path: impl Fn(FileId) -> String) -> Diagnostic {
        let mut diagnostic = self.diagnostic.clone();
        diagnostic.point_to(&self.file, self.related.iter().cloned(), |&file, span| {
            let (line, column) = model.line_col(Location { file, span });
            Some(format!("{}:{line}:{column}", path(file)))
        });
        diagnostic
    }
}

pub struct ModelBuilder {
    model: Model,
    diagnostics: Vec<ModelDiagnostic>,
    /// Extensions wait until every clause is known.
    extensions: Vec<(FileId, ast::Extension)>,
    /// Clause parents wait until the whole standard is known.
    pending_parents: Vec<(String, Setting)>,
    /// Annex entries wait until the standard their annex lists is known.
    pending_annex_entries: Vec<annex_entries::PendingAnnexEntry>,
    /// Mappings wait until every practice and clause is known.
    mappings: Vec<(FileId, ast::Mapping)>,
    /// (mapping, practice, level, clause) → index of the edge, to find a repeated one.
    edge_index: HashMap<(String, String, Level, String), usize>,
}

/// A `parent` reference to check later.
type Setting = (FileId, Span, String);
impl Default for ModelBuilder {
    fn default() -> Self {
        ModelBuilder::new()
    }
}

impl ModelBuilder {
    pub fn new() -> ModelBuilder {
        ModelBuilder {
            model: Model::default(),
            diagnostics: Vec::new(),
            extensions: Vec::new(),
            pending_parents: Vec::new(),
            pending_annex_entries: Vec::new(),
            mappings: Vec::new(),
            edge_index: HashMap::new(),
        }
    }

    /// Adds a catalog file: its `framework`, `standard` and `extend` items; other items are
    /// ignored (they belong to the checker).
    pub fn add(&mut self, origin: Origin, text: Cow<'static, str>, file: &SourceFile) -> FileId {
        let id = FileId(self.model.files.len() as u32);
        self.model.files.push(CatalogFile { origin, text });
        for item in &file.items {
            match item {
                Item::Framework(f) => self.framework(id, f),
                Item::Standard(s) => self.standard(id, s),
                Item::Extension(e) => self.extensions.push((id, e.clone())),
                Item::Mapping(m) => self.mappings.push((id, m.clone())),
                _ => {}
            }
        }
        id
    }

    pub fn finish(mut self) -> (Model, Vec<ModelDiagnostic>) {
        self.link_parents();
        self.link_annex_entries();
        for (file, extension) in std::mem::take(&mut self.extensions) {
            self.extension(file, &extension);
        }
        self.check_standard_references();
        self.check_supersedes_cycles();
        for (file, mapping) in std::mem::take(&mut self.mappings) {
            self.mapping(file, &mapping);
        }
        // Only once every mapping's edges are known.
        self.check_unmapped_against_edges();
        self.diagnostics
            .sort_by_key(|d| (d.file, d.diagnostic.span.start));
        self.model.index();
        (self.model, self.diagnostics)
    }

    fn report(&mut self, file: FileId, diagnostic: Diagnostic, related: Vec<Related<FileId>>) {
        self.diagnostics.push(ModelDiagnostic {
            file,
            diagnostic,
            related,
        });
    }

    fn is_builtin(&self, file: FileId) -> bool {
        matches!(self.model.files[file.0 as usize].origin, Origin::Builtin(_))
    }
}
