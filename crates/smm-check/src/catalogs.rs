//! The model of a workspace: the built-in catalogs, the catalog files of the folders smm.toml
//! names, then the workspace's own files that define something (frameworks, standards,
//! extensions, mappings). Shared folders come first, so that a clash is reported in the
//! workspace's file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use smm_model::{Model, ModelDiagnostic, Origin};
use smm_syntax::ast::{Item, SourceFile};

/// `files` (path, text, tree), shared catalog folders first, over the built-in catalogs with or
/// without the built-in mapping (`builtin-mappings` in smm.toml). When none of them defines
/// anything, that is the built-in model itself, shared (built once per process), and there is
/// no problem to report.
pub fn model_of<'a>(
    files: impl IntoIterator<Item = (&'a Path, &'a str, &'a SourceFile)>,
    mappings: smm_model::builtin::Mappings,
) -> (Arc<Model>, Vec<ModelDiagnostic>) {
    let mut files = files
        .into_iter()
        .filter(|(_, _, file)| defines(file))
        .peekable();
    if files.peek().is_none() {
        return (smm_model::builtin::model_with(mappings), Vec::new());
    }
    let mut builder = smm_model::builtin::builder_with(mappings);
    for (path, text, file) in files {
        builder.add(
            Origin::User(path.to_path_buf()),
            Cow::Owned(text.to_string()),
            file,
        );
    }
    let (model, diagnostics) = builder.finish();
    (Arc::new(model), diagnostics)
}

/// Whether a file adds to the model (frameworks, standards, extensions, mappings): only such
/// files need the model built again when they change.
pub fn defines(file: &SourceFile) -> bool {
    file.items.iter().any(|item| {
        matches!(
            item,
            Item::Framework(_) | Item::Standard(_) | Item::Extension(_) | Item::Mapping(_)
        )
    })
}

/// The path a model diagnostic belongs to, when it is a user's file.
pub fn path_of(model: &Model, diagnostic: &ModelDiagnostic) -> Option<PathBuf> {
    match &model.file(diagnostic.file).origin {
        Origin::User(path) => Some(path.clone()),
        Origin::Builtin(_) => None,
    }
}
