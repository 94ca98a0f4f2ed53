//! The model of one workspace: the built-in catalogs plus every catalog item found in the
//! workspace's files and in the folders `catalogs` names in smm.toml. Its problems are
//! reported on the file that causes them, like syntax errors.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use smm_model::{builtin, FileId, Model, Origin};
use smm_syntax::Diagnostic;

use crate::sources::Sources;
use crate::status::Status;
use smm_check::disk::config;
use smm_check::disk::walk as workspace;

pub struct WorkspaceModel {
    pub model: Model,
    /// Problems of each user catalog file, keyed by absolute path.
    pub problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
}

impl WorkspaceModel {
    /// `sources` are the files of the workspace at `root`; its smm.toml names the catalog
    /// folders, and what may be read there.
    pub fn build(sources: &Sources, config: &config::Config, root: &Path) -> WorkspaceModel {
        let confinement = config.confinement(root);
        let mut extra = Vec::new();
        for folder in &config.catalogs {
            let walk = workspace::walk(folder, folder, &globset::GlobSet::empty(), &confinement);
            extra.extend(walk.files);
        }
        let extra = Sources::load(extra);
        let files = extra.loaded().chain(sources.loaded());
        let (model, diagnostics) = smm_check::catalogs::model_of(
            files.map(|(path, s)| (path.as_path(), s.text.as_str(), &s.parse.file)),
        );
        let mut problems: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        let cache = OnceCell::new();
        for d in &diagnostics {
            let Origin::User(path) = &model.file(d.file).origin else {
                continue;
            };
            let diagnostic = d.to_diagnostic(&model, |file| display(&model, file, &cache));
            problems.entry(path.clone()).or_default().push(diagnostic);
        }
        WorkspaceModel { model, problems }
    }

    /// The model of the workspace around the current directory, for commands that ask about
    /// the model rather than about files. A broken smm.toml is the error.
    pub fn for_current_dir() -> Result<WorkspaceModel, String> {
        let cwd = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
        let root = workspace::find_root(&workspace::absolute(&cwd));
        let config = match &root.config_file {
            Some(file) => config::load(file, &crate::targets::shown_from_cwd(file))?,
            None => config::Config::default(),
        };
        let confinement = config.confinement(&root.dir);
        let walk = workspace::walk(&root.dir, &root.dir, &config.exclude, &confinement);
        Ok(WorkspaceModel::build(
            &Sources::load(walk.files),
            &config,
            &root.dir,
        ))
    }

    pub fn problems_of(&self, path: &Path) -> &[Diagnostic] {
        self.problems.get(path).map_or(&[], Vec::as_slice)
    }
}

/// How a note names a catalog file: a user's by its path from the current directory, a
/// built-in one by its read-only copy in the cache (so that it can be opened), or by name.
/// `cache` holds the cache folder once written, so the files are written at most once a run.
fn display(model: &Model, file: FileId, cache: &OnceCell<Option<PathBuf>>) -> String {
    match &model.file(file).origin {
        Origin::User(path) => crate::targets::shown_from_cwd(path),
        Origin::Builtin(name) => cache
            .get_or_init(|| builtin::cache_dir().filter(|dir| builtin::write_cache(dir).is_ok()))
            .as_ref()
            .map(|dir| smm_syntax::visible_path(&dir.join(name)))
            .unwrap_or_else(|| format!("<built-in>/{name}")),
    }
}

/// The model around the current directory, or the error already reported and its status.
pub fn model_or_report(err: &mut dyn Write) -> io::Result<Result<Model, Status>> {
    match WorkspaceModel::for_current_dir() {
        Ok(workspace) => Ok(Ok(workspace.model)),
        Err(message) => {
            // The message may quote smm.toml or name a path.
            writeln!(err, "error: {}", smm_syntax::visible(&message))?;
            Ok(Err(Status {
                failures: 1,
                ..Status::default()
            }))
        }
    }
}
