//! The model of one workspace: the built-in catalogs plus every catalog item found in the
//! workspace's files and in the folders `catalogs` names in smm.toml. Its problems are
//! reported on the file that causes them, like syntax errors.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use smm_model::{builtin, FileId, Model, Origin};
use smm_syntax::Diagnostic;

use crate::sources::Sources;
use crate::status::Status;
use smm_check::disk::config;
use smm_check::disk::walk as workspace;

pub struct WorkspaceModel {
    /// The built-in model itself when no file defines anything.
    pub model: Arc<Model>,
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
            files.map(|(path, s)| (path.as_path(), &*s.text, &s.parse.file)),
            config.mappings,
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

    pub fn problems_of(&self, path: &Path) -> &[Diagnostic] {
        self.problems.get(path).map_or(&[], Vec::as_slice)
    }
}

/// How a note names a catalog file: a user's by its path from the current directory, a
/// built-in one by its read-only copy in the cache (so that it can be opened), or by name.
/// `cache` holds the cache folder once written, so the files are written at most once a run.
fn display(model: &Model, file: FileId, cache: &OnceCell<Option<PathBuf>>) -> String {
    match &model.file(file).origin {
        Origin::User(path) => crate::inputs::shown_from_cwd(path),
        Origin::Builtin(name) => cache
            .get_or_init(|| builtin::cache_dir().filter(|dir| builtin::write_cache(dir).is_ok()))
            .as_ref()
            .map(|dir| smm_syntax::visible_path(&dir.join(name)))
            .unwrap_or_else(|| format!("<built-in>/{name}")),
    }
}

/// The model for the commands that ask about the model rather than about files.
pub struct ModelHere {
    pub model: Arc<Model>,
    /// The workspace whose catalogs count; None outside any workspace.
    pub root: Option<PathBuf>,
}

impl ModelHere {
    /// The model of the workspace around the current directory: the built-in catalogs plus
    /// its own. Outside any workspace (no smm.toml here or above) the built-in model, and no
    /// file is read: without a root to stop at, a walk from `/` would read the whole disk.
    /// A broken smm.toml is the error.
    fn load(verbose: bool, err: &mut dyn Write) -> io::Result<Result<ModelHere, String>> {
        let cwd = match std::env::current_dir() {
            Ok(cwd) => workspace::absolute(&cwd),
            Err(e) => return Ok(Err(format!("current directory: {e}"))),
        };
        let root = workspace::find_root(&cwd);
        let Some(file) = &root.config_file else {
            if verbose {
                writeln!(
                    err,
                    "info: no {} here or above: the built-in catalog only",
                    config::FILE_NAME
                )?;
            }
            return Ok(Ok(ModelHere {
                model: builtin::model(),
                root: None,
            }));
        };
        let shown = crate::inputs::shown_from_cwd(file);
        let config = match config::load(file, &shown) {
            Ok(config) => config,
            Err(message) => return Ok(Err(message)),
        };
        if verbose {
            writeln!(
                err,
                "info: workspace root {} (from {}): the built-in catalog and the workspace's",
                crate::inputs::shown_root(&root.dir),
                smm_syntax::visible(&shown)
            )?;
        }
        let confinement = config.confinement(&root.dir);
        let walk = workspace::walk(&root.dir, &root.dir, &config.exclude, &confinement);
        let built = WorkspaceModel::build(&Sources::load(walk.files), &config, &root.dir);
        Ok(Ok(ModelHere {
            model: built.model,
            root: Some(root.dir),
        }))
    }
}

/// The model around the current directory (`ModelHere::load`), or the error already reported
/// and its status.
pub fn model_or_report(
    verbose: bool,
    err: &mut dyn Write,
) -> io::Result<Result<ModelHere, Status>> {
    match ModelHere::load(verbose, err)? {
        Ok(here) => Ok(Ok(here)),
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
