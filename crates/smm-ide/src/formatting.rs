//! Formatting in the editor: the same formatter as `smm fmt`, returned as the smallest edits
//! (changed runs of lines) so the editor keeps the cursor and the undo history tidy. A range
//! request keeps the edits that touch the range: the layout of a file is one decision, but
//! the user asked for changes only there.
//!
//! The formatter writes the document's own line breaks (CRLF when its first break is), so a
//! document opened with CRLF line ends is diffed line for line like an LF one: no edit when it
//! is formatted, and edits only where the layout (or an odd line end) differs.

use similar::{DiffOp, TextDiff};
use smm_syntax::Span;

use crate::rename::TextEdit;
use crate::{FileId, Snapshot};

/// The edits that format `file` (within `range`, when given), or why it cannot be formatted.
pub fn format_edits(
    snapshot: &Snapshot<'_>,
    file: FileId,
    range: Option<Span>,
) -> Result<Vec<TextEdit>, String> {
    let source = snapshot
        .workspace
        .source(file)
        .ok_or("the file is not part of the workspace")?;
    let text = &*source.text;
    let formatted = smm_syntax::format(text).map_err(|errors| {
        let first = errors.first().map(|e| e.span.start).unwrap_or(0);
        let (line, _) = smm_check::line_column(text, first);
        format!(
            "not formatted: the file has {} syntax error{} (the first on line {line}); a broken file is never rewritten",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )
    })?;
    let old_lines = line_starts(text);
    let new_lines = line_starts(&formatted);
    let diff = TextDiff::from_lines(text, &formatted);
    let mut edits = Vec::new();
    for op in diff.ops() {
        let (old, new) = match *op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
                ..
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
                ..
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let span = Span::new(old_lines[old.start], old_lines[old.end]);
        let touches = range.is_none_or(|r| span.start <= r.end && r.start <= span.end);
        if touches {
            edits.push(TextEdit {
                file,
                span,
                text: formatted[new_lines[new.start]..new_lines[new.end]].to_string(),
            });
        }
    }
    Ok(edits)
}

/// The byte offset where each line starts, and the text's length at the end, so that line
/// `i..j` is `starts[i]..starts[j]`.
/// Lines are broken as `similar` breaks them: at `\n`, `\r\n` and a lone `\r`, the breaks of
/// `smm_syntax::lines`.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = smm_syntax::lines::line_starts(text);
    if starts.last() != Some(&text.len()) {
        starts.push(text.len());
    }
    starts
}
