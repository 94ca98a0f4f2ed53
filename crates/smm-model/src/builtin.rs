//! The built-in catalogs, embedded in the binary, and a read-only copy of them on disk so that
//! editors can open them (Neovim cannot open custom URI schemes).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::{compiled, Model, ModelDiagnostic};

pub use crate::compiled::{compile, decode, install};
pub use crate::embedded::{builder, builder_with, Mappings, FILES};

/// The edition (version) of the built-in mapping, as every built-in `mapping` item declares it
/// (`edition "…"`; a test keeps the two the same). A macro, so that `smm --version` can put it
/// in a string built at compile time.
#[macro_export]
macro_rules! builtin_mapping_edition {
    () => {
        "2 (2026-12)"
    };
}

/// `builtin_mapping_edition!()` as a value.
pub const MAPPING_EDITION: &str = builtin_mapping_edition!();

/// The built-in model alone, built once per process.
pub fn model() -> Arc<Model> {
    model_with(Mappings::Builtin)
}

/// `model`, or the built-in catalogs without the built-in mapping; each built once per process:
/// loaded from the compiled form `install` was given, else parsed (the same model either way).
pub fn model_with(mappings: Mappings) -> Arc<Model> {
    static WITH: OnceLock<Arc<Model>> = OnceLock::new();
    static WITHOUT: OnceLock<Arc<Model>> = OnceLock::new();
    let cell = match mappings {
        Mappings::Builtin => &WITH,
        Mappings::OwnOnly => &WITHOUT,
    };
    cell.get_or_init(|| Arc::new(compiled::load(compiled::installed(), mappings)))
        .clone()
}

/// The built-in files' own problems; empty unless the data is broken (a test keeps it so).
pub fn diagnostics() -> Vec<ModelDiagnostic> {
    builder().finish().1
}

/// Where the read-only copy of the built-in files lives: versioned, so an upgrade never shows
/// stale files. `SMM_CACHE_DIR` overrides the base folder.
pub fn cache_dir() -> Option<PathBuf> {
    cache_dir_from(|name| std::env::var_os(name))
}

/// `cache_dir` with the environment given. As the XDG base directory rules say, an empty or
/// relative value is ignored (it would put the copy under whatever the current directory is,
/// such as the user's repository); the same goes for `SMM_CACHE_DIR` and `HOME`.
pub fn cache_dir_from(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
    let base = absolute("SMM_CACHE_DIR")
        .or_else(|| absolute("XDG_CACHE_HOME").map(|d| d.join("smm")))
        .or_else(|| absolute("HOME").map(|h| h.join(".cache/smm")))?;
    Some(base.join(format!("builtin-{}", env!("CARGO_PKG_VERSION"))))
}

/// The tag of the Cache Directory Tagging Specification: backup tools skip a folder holding
/// it, and so does every walk of smm, so the copy is never taken for a workspace's files.
pub const CACHEDIR_TAG: &str = "CACHEDIR.TAG";
const CACHEDIR_TAG_TEXT: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by smm: a read-only copy of its built-in\n\
# catalogs, written so that an editor can open them. It can be deleted at any time.\n";

/// Whether `path` is a file of a read-only copy of the built-in files, wherever it was
/// written: a built-in file's name in a tagged folder.
pub fn is_builtin_copy(path: &Path) -> bool {
    let named = path
        .file_name()
        .is_some_and(|name| FILES.iter().any(|(file, _)| name == *file));
    named
        && path
            .parent()
            .is_some_and(|dir| dir.join(CACHEDIR_TAG).is_file())
}

/// Writes the built-in files to `dir` (read-only), unless they are there already with the
/// same content, and returns the path of each.
pub fn write_cache(dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let tag = dir.join(CACHEDIR_TAG);
    if !tag.is_file() {
        std::fs::write(&tag, CACHEDIR_TAG_TEXT)?;
    }
    let mut paths = Vec::new();
    for (name, text) in FILES {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(*text) {
            // Write beside and rename, so a reader never sees half a file.
            let temp = dir.join(format!(".{name}.{}", std::process::id()));
            std::fs::write(&temp, text)?;
            let mut permissions = std::fs::metadata(&temp)?.permissions();
            permissions.set_readonly(true);
            std::fs::set_permissions(&temp, permissions)?;
            std::fs::rename(&temp, &path)?;
        }
        paths.push(path);
    }
    Ok(paths)
}
