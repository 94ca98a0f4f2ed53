//! Where an entry of the model is defined, as a place the user can open: built-in files are
//! embedded in the binary, so they are shown through the read-only copy in the cache folder,
//! which editors can open too.

use std::path::PathBuf;

use smm_model::{builtin, Location, Model, Origin};
use smm_syntax::visible_path;

pub struct Places {
    /// Where the built-in files were copied, when that worked.
    cache: Option<PathBuf>,
}

impl Places {
    /// Writes the cache (unless it is up to date). A cache that cannot be written is not worth
    /// failing over: the place is then named by the built-in file's name alone.
    pub fn new() -> Places {
        let cache = builtin::cache_dir().filter(|dir| builtin::write_cache(dir).is_ok());
        Places { cache }
    }

    /// Places named without a cache, for tests.
    #[cfg(test)]
    pub fn uncached() -> Places {
        Places { cache: None }
    }

    /// `/home/me/.cache/smm/builtin-0.1.0/smm.smm:95:3`, or `built in (smm.smm:95)`; paths as
    /// people read them (`smm_syntax::visible_path`).
    pub fn show(&self, model: &Model, location: Location) -> String {
        let (line, column) = model.line_col(location);
        match &model.file(location.file).origin {
            Origin::User(path) => format!("{}:{line}:{column}", visible_path(path)),
            Origin::Builtin(name) => match &self.cache {
                Some(dir) => format!("{}:{line}:{column}", visible_path(&dir.join(name))),
                None => format!("built in ({name}:{line})"),
            },
        }
    }
}
