//! The text ariadne is given, and the text it gives back: the source with unsafe characters
//! escaped and offsets moved to match, headers named by the file's own columns, colours
//! stripped.

use std::ops::Range;

use crate::lines::LineIndex;
use crate::visible;

/// The source as ariadne gets it: unsafe characters escaped, and where they were, to move
/// byte offsets from the original text into this one.
pub(super) struct Shown<'a> {
    src: &'a str,
    pub(super) text: String,
    /// For every escaped character: its offset in the original text and how many bytes all
    /// escapes up to and including it added.
    grown: Vec<(usize, usize)>,
    len: usize,
    /// The lines of `text`, indexed once for every diagnostic.
    pub(super) lines: LineIndex,
    /// The lines of `src` when escapes make it differ from `text`: `fix_headers` names
    /// locations by both.
    src_lines: Option<LineIndex>,
}

impl<'a> Shown<'a> {
    pub(super) fn new(src: &'a str) -> Shown<'a> {
        let mut text = String::with_capacity(src.len());
        let mut grown = Vec::new();
        let mut extra = 0;
        for (i, c) in src.char_indices() {
            if c != '\r' && visible::is_unsafe(c) {
                let escape = visible::escape(c);
                extra += escape.len() - c.len_utf8();
                grown.push((i, extra));
                text.push_str(&escape);
            } else {
                text.push(c);
            }
        }
        let lines = LineIndex::new(&text);
        let src_lines = (!grown.is_empty()).then(|| LineIndex::new(src));
        Shown {
            src,
            text,
            grown,
            len: src.len(),
            lines,
            src_lines,
        }
    }

    /// Where an offset of the original text is in the shown one: an escaped character's start
    /// is its escape's start, its end the escape's end.
    fn offset(&self, original: usize) -> usize {
        let original = original.min(self.len);
        let before = self.grown.partition_point(|&(at, _)| at < original);
        let extra = before.checked_sub(1).map_or(0, |i| self.grown[i].1);
        let mut offset = original + extra;
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub(super) fn range(&self, range: Range<usize>) -> Range<usize> {
        self.offset(range.start)..self.offset(range.end)
    }

    /// The 0-based line of a shown offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.lines
            .starts()
            .partition_point(|&start| start <= offset)
            - 1
    }

    /// A range of the shown text in characters, as ariadne counts with `IndexType::Char`.
    pub(super) fn chars(&self, range: &Range<usize>) -> Range<usize> {
        self.lines.char_offset(&self.text, range.start)
            ..self.lines.char_offset(&self.text, range.end)
    }

    /// ariadne names a location `path:line:column` counting the characters of the shown
    /// text, where an escape is longer than the character it stands for. Every header of
    /// `report` gets the column of the file instead, as every other output gives it.
    pub(super) fn fix_headers(&self, report: String, path: &str, starts: &[usize]) -> String {
        // Without escapes the columns agree; this is the common case, kept linear.
        let Some(src_lines) = &self.src_lines else {
            return report;
        };
        let name = |lines: &LineIndex, text: &str, offset: usize| {
            let (line, column) = lines.line_column(text, offset);
            format!(" {path}:{line}:{column} ")
        };
        let renamed: Vec<(String, String)> = starts
            .iter()
            .map(|&start| {
                let start = start.min(self.len);
                (
                    name(&self.lines, &self.text, self.offset(start)),
                    name(src_lines, self.src, start),
                )
            })
            .filter(|(shown, original)| shown != original)
            .collect();
        if renamed.is_empty() {
            return report;
        }
        let mut out = String::with_capacity(report.len());
        for line in report.split_inclusive('\n') {
            let plain = strip_colour(line);
            let header = plain.trim_start().starts_with(['╭', '├']) && plain.contains("─[");
            match renamed
                .iter()
                .find(|(shown, _)| header && line.contains(shown.as_str()))
            {
                Some((shown, original)) => out.push_str(&line.replacen(shown, original, 1)),
                None => out.push_str(line),
            }
        }
        out
    }
}

/// `text` without ANSI colour sequences (`ESC [ … m`).
pub(super) fn strip_colour(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('\x1b') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find('m') {
            Some(end) if after[1..end].starts_with('[') => rest = &after[end + 1..],
            _ => {
                out.push('\x1b');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
