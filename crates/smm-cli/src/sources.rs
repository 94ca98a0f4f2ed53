//! The loaded workspace: every file's text and parse, or why it could not be read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use smm_check::disk::input::{self, InputError};

/// A file's text, parse and line index, made once and shared with the checker's workspace.
pub use smm_check::Source;

/// Keyed by absolute path.
#[derive(Default)]
pub struct Sources {
    files: BTreeMap<PathBuf, Result<Source, InputError>>,
}

impl Sources {
    /// Reads and parses every file; failures are kept, to be reported only if asked about.
    /// Files parse on their own, so they are spread over the cores: reading and parsing are
    /// most of the time of a check of many files.
    pub fn load(paths: impl IntoIterator<Item = PathBuf>) -> Sources {
        let paths: Vec<PathBuf> = paths.into_iter().collect();
        let files = smm_check::parallel::map(&paths, |path| {
            let source =
                input::read_file(path).map(|text| Source::without_tokens(path.clone(), text));
            (path.clone(), source)
        })
        .into_iter()
        .collect();
        Sources { files }
    }

    /// Text that stands for `path`, such as an editor's unsaved buffer.
    pub fn insert_text(&mut self, path: PathBuf, text: String) {
        let source = Source::without_tokens(path.clone(), text);
        self.files.insert(path, Ok(source));
    }

    /// Every file that could be read, with its path.
    pub fn loaded(&self) -> impl Iterator<Item = (&PathBuf, &Source)> {
        self.files
            .iter()
            .filter_map(|(path, source)| source.as_ref().ok().map(|s| (path, s)))
    }

    /// `path` as loaded, loading it now if the walk did not (an excluded file asked for by name).
    pub fn get_or_load(&mut self, path: &Path) -> &Result<Source, InputError> {
        self.files.entry(path.to_path_buf()).or_insert_with(|| {
            input::read_file(path).map(|text| Source::without_tokens(path.into(), text))
        })
    }
}
