//! The checker's results for an item of the syntax tree, and how to point at where they came
//! from. Items are matched by the span of their name, not the name alone: a second item with the
//! same name is a duplicate the checker skipped, and must not borrow the first one's results.

use std::path::{Component, Path, PathBuf};

use smm_check::{AssessmentReport, ResolvedProfile};
use smm_syntax::ast::{Assessment, Profile};
use smm_syntax::Span;

use crate::{FileId, Snapshot};

pub fn report<'s>(
    snapshot: &Snapshot<'s>,
    file: FileId,
    item: &Assessment,
) -> Option<&'s AssessmentReport> {
    let name = item.name.as_ref()?;
    snapshot
        .analysis
        .assessments
        .iter()
        .find(|r| r.file == file && r.name_span == name.span)
}

pub fn profile<'s>(
    snapshot: &Snapshot<'s>,
    file: FileId,
    item: &Profile,
) -> Option<&'s ResolvedProfile> {
    let name = item.name.as_ref()?;
    snapshot
        .analysis
        .profiles
        .get(&name.text)
        .filter(|p| p.file == file && p.name_span == name.span)
}

/// `n noun`, with the noun in the plural unless `n` is 1.
pub fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {noun}s"),
    }
}

/// Writes `path:line` for spans in any file of the workspace, with paths relative to the
/// directory all its files share, so that a tooltip reads the same in every clone.
pub struct Places<'s> {
    snapshot: Snapshot<'s>,
    root: PathBuf,
}

impl<'s> Places<'s> {
    pub fn new(snapshot: &Snapshot<'s>) -> Places<'s> {
        let mut root: Option<PathBuf> = None;
        for (_, source) in snapshot.workspace.sources() {
            let dir = source.path.parent().unwrap_or(Path::new(""));
            root = Some(match root {
                None => dir.to_path_buf(),
                Some(root) => root
                    .components()
                    .zip(dir.components())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect(),
            });
        }
        Places {
            snapshot: *snapshot,
            root: root.unwrap_or_default(),
        }
    }

    pub fn of(&self, file: FileId, span: Span) -> Option<String> {
        let source = self.snapshot.workspace.source(file)?;
        let (line, _) = source.lines.line_column(&source.text, span.start);
        let relative = source.path.strip_prefix(&self.root).unwrap_or(&source.path);
        // Joined by hand: `display()` would use `\` on Windows and change the text.
        let parts: Vec<_> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy()),
                _ => None,
            })
            .collect();
        Some(format!("{}:{line}", parts.join("/")))
    }
}
