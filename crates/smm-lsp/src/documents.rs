//! The documents the client has open: its text, version and line map, keyed by file path
//! (the URI is turned into a path at the edge, so two spellings of one file are one
//! document). The text is the same `Arc` the workspace parses and checks, so a request can
//! tell cheaply whether the line map belongs to the text it is answering about.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dashmap::DashMap;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::convert::line_map::{Encoding, LineMap};

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

    /// Applies a `didChange`'s edits in order to the open document and stores the result
    /// under `version`; `None` when the document is not open. A range is read in `encoding`
    /// and clamped to the text: a position past the end of a line is its end, one inside a
    /// character (half of a UTF-16 surrogate pair) the character's end, and a reversed range
    /// is read from its earlier end.
    pub fn change(
        &self,
        path: &Path,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Option<Arc<str>> {
        let current = self.0.get(path)?.clone();
        let mut text = String::from(&*current.text);
        let mut line_map = current.line_map;
        for (i, change) in changes.iter().enumerate() {
            match change.range {
                None => text.clone_from(&change.text),
                Some(range) => {
                    if i > 0 {
                        line_map = Arc::new(LineMap::new(&text));
                    }
                    let a = line_map.offset(&text, range.start, encoding);
                    let b = line_map.offset(&text, range.end, encoding);
                    text.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
        }
        Some(self.set(path.to_path_buf(), version, text))
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
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::{Position, Range};

    /// The text `edits` make of `text`, computed on characters the slow way: lines split at
    /// `\r\n`, `\r` and `\n`; a column counts UTF-16 units and one inside a character means
    /// that character's end; past a line's end means its end; past the last line the end.
    fn expected(text: &str, edits: &[(Position, Position, String)]) -> String {
        let mut text = text.to_string();
        for (a, b, new) in edits {
            let (a, b) = (offset(&text, *a), offset(&text, *b));
            text.replace_range(a.min(b)..a.max(b), new);
        }
        text
    }

    fn offset(text: &str, position: Position) -> usize {
        let mut lines = Vec::new();
        let mut start = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if c == '\n' || c == '\r' {
                lines.push((start, at));
                let crlf = c == '\r' && chars.get(i + 1).map(|x| x.1) == Some('\n');
                i += if crlf { 2 } else { 1 };
                start = chars.get(i).map_or(text.len(), |x| x.0);
            } else {
                i += 1;
            }
        }
        lines.push((start, text.len()));
        let Some(&(start, end)) = lines.get(position.line as usize) else {
            return text.len();
        };
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!["a", "b", " ", "\n", "\r", "\r\n", "💣", "ß", "ℝ", "{"]),
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    fn position() -> impl Strategy<Value = Position> {
        (0u32..6, 0u32..8).prop_map(|(line, character)| Position::new(line, character))
    }

    proptest! {
        /// Any sequence of incremental edits, reversed ranges and positions inside a
        /// surrogate pair or past the end included, gives the text a fresh open of the final
        /// text gives (what the checker then sees), and never panics.
        #[test]
        fn incremental_edits_give_the_text_a_fresh_open_gives(
            start in text(),
            edits in proptest::collection::vec((position(), position(), text()), 1..6),
            whole in proptest::option::of(text()),
        ) {
            let documents = Documents::default();
            let path = PathBuf::from("/w/a.smm");
            documents.set(path.clone(), 1, start.clone());
            let mut changes: Vec<TextDocumentContentChangeEvent> = edits
                .iter()
                .map(|(a, b, new)| TextDocumentContentChangeEvent {
                    range: Some(Range::new(*a, *b)),
                    range_length: None,
                    text: new.clone(),
                })
                .collect();
            // A change without a range replaces the text, and later ranges apply to it.
            let mut from = start.clone();
            if let Some(whole) = &whole {
                let replace = TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: whole.clone(),
                };
                changes.insert(0, replace);
                from = whole.clone();
            }
            let applied = edits;
            let got = documents.change(&path, 2, changes, Encoding::Utf16).unwrap();
            let want = expected(&from, &applied);
            prop_assert_eq!(&*got, want.as_str());
            prop_assert_eq!(documents.version(&path), Some(2));
            // The stored line map is the final text's.
            let map = documents.line_map(&path, &got);
            let fresh = LineMap::new(&got);
            for offset in 0..=got.len() {
                if got.is_char_boundary(offset) {
                    prop_assert_eq!(
                        map.position(&got, offset, Encoding::Utf16),
                        fresh.position(&got, offset, Encoding::Utf16)
                    );
                }
            }
        }
    }

    #[test]
    fn a_change_to_a_document_not_open_is_ignored() {
        let documents = Documents::default();
        let change = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "x".into(),
        };
        assert!(documents
            .change(Path::new("/w/b.smm"), 1, vec![change], Encoding::Utf16)
            .is_none());
    }

    #[test]
    fn an_edit_inside_a_surrogate_pair_lands_after_the_character() {
        let documents = Documents::default();
        let path = PathBuf::from("/w/a.smm");
        documents.set(path.clone(), 1, "a💣b".into());
        // Column 2 is the middle of 💣 (columns 1 and 2 in UTF-16).
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(0, 2), Position::new(0, 2))),
            range_length: None,
            text: "X".into(),
        };
        let text = documents
            .change(&path, 2, vec![change], Encoding::Utf16)
            .unwrap();
        assert_eq!(&*text, "a💣Xb");
    }

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
