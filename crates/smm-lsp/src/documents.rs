//! The documents the client has open: its text, version and line map, keyed by file path
//! (the URI is turned into a path at the edge, so two spellings of one file are one
//! document). The text is the same `Arc` the workspace parses and checks, so a request can
//! tell cheaply whether the line map belongs to the text it is answering about.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dashmap::DashMap;

use crate::line_map::LineMap;

#[derive(Clone)]
pub struct Document {
    pub version: i32,
    pub text: Arc<str>,
    pub line_map: Arc<LineMap>,
}

#[derive(Default)]
pub struct Documents(DashMap<PathBuf, Document>);

impl Documents {
    /// Stores a new text and returns it for the workspace to share.
    pub fn set(&self, path: PathBuf, version: i32, text: String) -> Arc<str> {
        let text: Arc<str> = text.into();
        let line_map = Arc::new(LineMap::new(&text));
        let document = Document {
            version,
            text: text.clone(),
            line_map,
        };
        self.0.insert(path, document);
        text
    }

    pub fn remove(&self, path: &Path) {
        self.0.remove(path);
    }

    pub fn version(&self, path: &Path) -> Option<i32> {
        self.0.get(path).map(|d| d.version)
    }

    /// The line map of `text`: the open document's when it has that very text, else a new one.
    pub fn line_map(&self, path: &Path, text: &Arc<str>) -> Arc<LineMap> {
        match self.0.get(path) {
            Some(document) if Arc::ptr_eq(&document.text, text) => document.line_map.clone(),
            _ => Arc::new(LineMap::new(text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_map_is_reused_only_for_the_documents_own_text() {
        let documents = Documents::default();
        let path = PathBuf::from("/w/a.smm");
        let text = documents.set(path.clone(), 3, "a\nß ℝ 💣\n".into());
        assert_eq!(documents.version(&path), Some(3));
        let first = documents.line_map(&path, &text);
        assert!(Arc::ptr_eq(&first, &documents.line_map(&path, &text)));
        // Equal content in another allocation is not known to be the document's text.
        let other: Arc<str> = "a\nß ℝ 💣\n".into();
        assert!(!Arc::ptr_eq(&first, &documents.line_map(&path, &other)));
        documents.remove(&path);
        assert_eq!(documents.version(&path), None);
    }
}
