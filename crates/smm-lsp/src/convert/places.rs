//! smm-ide's places (workspace files, catalog files of the model) as protocol locations and
//! edits. Built-in catalog files are embedded in the binary; they are shown through their
//! read-only copy in the cache folder, written once per process, so the editor can open them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use smm_model::{builtin, Origin};
use tower_lsp_server::ls_types::{Location, TextEdit, Uri, WorkspaceEdit};

use crate::convert;
use crate::convert::line_map::{Encoding, LineMap};
use crate::documents::Documents;
use crate::state::World;

fn cache() -> Option<&'static PathBuf> {
    static CACHE: OnceLock<Option<PathBuf>> = OnceLock::new();
    CACHE
        .get_or_init(|| builtin::cache_dir().filter(|dir| builtin::write_cache(dir).is_ok()))
        .as_ref()
}

pub fn location(
    world: &World,
    documents: &Documents,
    target: smm_ide::NavTarget,
    encoding: Encoding,
) -> Option<Location> {
    match target {
        smm_ide::NavTarget::File { file, span } => {
            let source = world.workspace.source(file)?;
            let map = documents.line_map(&source.path, &source.text);
            let range = convert::range(&map, &source.text, span, encoding);
            Some(Location::new(Uri::from_file_path(&source.path)?, range))
        }
        smm_ide::NavTarget::Catalog(at) => {
            let file = world.model.file(at.file);
            let path = match &file.origin {
                Origin::User(path) => path.clone(),
                Origin::Builtin(name) => cache()?.join(name),
            };
            let text: Arc<str> = file.text.as_ref().into();
            let map = documents.line_map(&path, &text);
            let range = convert::range(&map, &text, at.span, encoding);
            Some(Location::new(Uri::from_file_path(&path)?, range))
        }
    }
}

pub fn workspace_edit(
    world: &World,
    documents: &Documents,
    edits: &[smm_ide::TextEdit],
    encoding: Encoding,
) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    let mut maps: HashMap<smm_ide::FileId, Arc<LineMap>> = HashMap::new();
    for edit in edits {
        let Some(source) = world.workspace.source(edit.file) else {
            continue;
        };
        let Some(uri) = Uri::from_file_path(&source.path) else {
            continue;
        };
        let map = maps
            .entry(edit.file)
            .or_insert_with(|| documents.line_map(&source.path, &source.text));
        let range = convert::range(map, &source.text, edit.span, encoding);
        changes
            .entry(uri)
            .or_default()
            .push(TextEdit::new(range, edit.text.clone()));
    }
    WorkspaceEdit::new(changes)
}
