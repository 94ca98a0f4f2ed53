//! The files of a workspace as the checker sees them: an id, a path, the text and its parse.
//! Where the text comes from is the caller's business, through `Loader`: the CLI reads the
//! disk, the language server prefers its open buffers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use smm_syntax::Parse;

/// Index of a file in a `Workspace`; stable for the workspace's lifetime, also when the
/// file's text changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// Where the workspace's files and their texts come from.
pub trait Loader {
    /// Every `.smm` file of the workspace, as absolute paths.
    fn files(&self) -> Vec<PathBuf>;
    /// The text of one file, or why it cannot be read (said in a few words).
    fn read(&self, path: &Path) -> Result<String, String>;
    /// Where an evidence `link` of the file `from` leads, `link` made absolute from `from`'s
    /// folder. A loader on disk answers through `disk::confine::Confinement::locate`, which
    /// never looks outside the workspace.
    fn locate(&self, from: &Path, link: &Path) -> Located;
}

/// Where an evidence link leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Located {
    Found,
    Missing,
    /// Outside the workspace: not looked up.
    Outside,
    /// Not looked up at all: the linking file is itself outside the workspace (a loose file).
    Unchecked,
}

/// One file: its text and its parse, computed once per text. Cloning shares them.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub parse: Arc<Parse>,
    /// The lines of `text`, indexed once for every position reported in it.
    pub lines: Arc<smm_syntax::lines::LineIndex>,
}

/// Cheap to clone: each file's text, parse and line index are shared (`Arc`), so the
/// language server hands a snapshot to its worker and edits its own copy meanwhile.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Indexed by `FileId`; `None` once a file is removed, so ids are never reused.
    sources: Vec<Option<Source>>,
    ids: HashMap<PathBuf, FileId>,
    /// Files the loader listed but could not read, with the reason.
    unreadable: Vec<(PathBuf, String)>,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Every file the loader lists; unreadable ones are kept aside with their reason.
    pub fn load(loader: &dyn Loader) -> Workspace {
        let mut workspace = Workspace::new();
        for path in loader.files() {
            match loader.read(&path) {
                Ok(text) => {
                    workspace.set(path, text);
                }
                Err(reason) => workspace.unreadable.push((path, reason)),
            }
        }
        workspace
    }

    /// Sets a file's text, parsing it only when it changed; returns its id. Given an
    /// `Arc<str>`, the workspace shares it (the language server keeps it with the document).
    pub fn set(&mut self, path: PathBuf, text: impl Into<Arc<str>>) -> FileId {
        let text: Arc<str> = text.into();
        if let Some(&id) = self.ids.get(&path) {
            let slot = &mut self.sources[id.0 as usize];
            if slot.as_ref().is_some_and(|s| *s.text == *text) {
                return id;
            }
            *slot = Some(match slot.take() {
                Some(old) => old.edited(text),
                None => Source::new(path, text),
            });
            return id;
        }
        let id = FileId(self.sources.len() as u32);
        self.ids.insert(path.clone(), id);
        self.sources.push(Some(Source::new(path, text)));
        id
    }

    /// Adds a file read and parsed already (by the CLI, which reads each file once), or
    /// replaces its text; returns its id.
    pub fn insert(&mut self, source: Source) -> FileId {
        if let Some(&id) = self.ids.get(&source.path) {
            self.sources[id.0 as usize] = Some(source);
            return id;
        }
        let id = FileId(self.sources.len() as u32);
        self.ids.insert(source.path.clone(), id);
        self.sources.push(Some(source));
        id
    }

    /// Forgets a file (deleted, or no longer part of the workspace).
    pub fn remove(&mut self, path: &Path) {
        if let Some(id) = self.ids.remove(path) {
            self.sources[id.0 as usize] = None;
        }
    }

    pub fn id(&self, path: &Path) -> Option<FileId> {
        self.ids.get(path).copied()
    }

    pub fn source(&self, id: FileId) -> Option<&Source> {
        self.sources.get(id.0 as usize).and_then(Option::as_ref)
    }

    /// Every file present, by id.
    pub fn sources(&self) -> impl Iterator<Item = (FileId, &Source)> {
        self.sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (FileId(i as u32), s)))
    }

    pub fn unreadable(&self) -> &[(PathBuf, String)] {
        &self.unreadable
    }
}

impl Source {
    /// Parses `text` and indexes its lines.
    pub fn new(path: PathBuf, text: impl Into<Arc<str>>) -> Source {
        let text: Arc<str> = text.into();
        let parse = smm_syntax::parse(&text);
        Source {
            path,
            lines: Arc::new(smm_syntax::lines::LineIndex::new(&text)),
            text,
            parse: Arc::new(parse),
        }
    }

    /// The source with a new text, parsed again only in the item the edit falls in when
    /// that gives the same tree (`smm_syntax::reparse`): an editor changes a long file a
    /// keystroke at a time.
    pub fn edited(self, text: Arc<str>) -> Source {
        // A parse kept without tokens cannot have them spliced.
        if self.parse.tokens.is_empty() && !self.text.is_empty() {
            return Source::new(self.path, text);
        }
        let old = Arc::try_unwrap(self.parse).unwrap_or_else(|shared| (*shared).clone());
        let parse = smm_syntax::reparse(old, &self.text, &text);
        Source {
            path: self.path,
            lines: Arc::new(smm_syntax::lines::LineIndex::new(&text)),
            text,
            parse: Arc::new(parse),
        }
    }

    /// A source for a one-shot run (the CLI): its parse keeps no tokens. Only the editor
    /// features read them (`smm_ide`), and a workspace's tokens take a third as much memory
    /// as its trees.
    pub fn without_tokens(path: PathBuf, text: impl Into<Arc<str>>) -> Source {
        let mut source = Source::new(path, text);
        if let Some(parse) = Arc::get_mut(&mut source.parse) {
            parse.tokens = Vec::new();
        }
        source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(Vec<(&'static str, Result<&'static str, &'static str>)>);

    impl Loader for Fixed {
        fn files(&self) -> Vec<PathBuf> {
            self.0.iter().map(|(p, _)| PathBuf::from(p)).collect()
        }
        fn read(&self, path: &Path) -> Result<String, String> {
            let (_, text) = self.0.iter().find(|(p, _)| Path::new(p) == path).unwrap();
            text.map(str::to_string).map_err(str::to_string)
        }
        fn locate(&self, _: &Path, link: &Path) -> Located {
            match self.0.iter().any(|(p, _)| Path::new(p) == link) {
                true => Located::Found,
                false => Located::Missing,
            }
        }
    }

    #[test]
    fn ids_are_stable_and_parses_are_reused_for_the_same_text() {
        let loader = Fixed(vec![
            ("/w/a.smm", Ok("profile a {}\n")),
            ("/w/b.smm", Err("permission denied")),
            ("/w/c.smm", Ok("profile c {}\n")),
        ]);
        let mut workspace = Workspace::load(&loader);
        assert_eq!(
            workspace.unreadable(),
            [(PathBuf::from("/w/b.smm"), "permission denied".to_string())]
        );
        let a = workspace.id(Path::new("/w/a.smm")).unwrap();
        let c = workspace.id(Path::new("/w/c.smm")).unwrap();
        let parse = workspace.source(a).unwrap().parse.clone();
        assert_eq!(workspace.set("/w/a.smm".into(), "profile a {}\n"), a);
        assert!(Arc::ptr_eq(&parse, &workspace.source(a).unwrap().parse));
        workspace.set("/w/a.smm".into(), "profile b {}\n");
        assert!(!Arc::ptr_eq(&parse, &workspace.source(a).unwrap().parse));
        workspace.remove(Path::new("/w/a.smm"));
        assert!(workspace.source(a).is_none());
        let d = workspace.set("/w/d.smm".into(), String::new());
        assert!(d != a && d != c);
        assert_eq!(workspace.sources().count(), 2);
    }

    /// An edited file's parse is the parse of its new text, whether its old parse is still
    /// shared (a check under way holds it) or not.
    #[test]
    fn an_edited_text_is_parsed_as_a_new_one_would_be() {
        let old = "profile p {\n  target identities level 2\n}\n\nprofile q {\n  extends p\n}\n";
        let new = old.replacen("level 2", "level 3", 1);
        for shared in [false, true] {
            let mut workspace = Workspace::new();
            let id = workspace.set("a.smm".into(), old);
            let held = shared.then(|| workspace.source(id).unwrap().parse.clone());
            workspace.set("a.smm".into(), new.as_str());
            let edited = workspace.source(id).unwrap();
            let fresh = Source::new("a.smm".into(), new.as_str());
            assert_eq!(edited.parse.file, fresh.parse.file);
            assert_eq!(edited.parse.tokens, fresh.parse.tokens);
            assert_eq!(*edited.lines, *fresh.lines);
            drop(held);
        }
    }
}
