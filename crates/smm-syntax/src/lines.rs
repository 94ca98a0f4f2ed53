//! What a line is, decided once for the lexer, the parser, the formatter, every output format
//! and the language server.
//!
//! A line break is `\n`, `\r\n` or a lone `\r`, as the Language Server Protocol counts lines
//! (`\r\n` is one break). Nothing else breaks a line: vertical tab, form feed, NEL (U+0085),
//! and the line and paragraph separators (U+2028, U+2029) are whitespace within a line.
//!
//! Everything here works on byte offsets and takes linear time in the text it is given.

use std::ops::Range;

/// Whether `c` is (part of) a line break.
pub fn is_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// Whether `text` holds a line break.
pub fn has_break(text: &str) -> bool {
    text.contains(['\n', '\r'])
}

/// Whether a token at `start` is first on its line, the last token before it (comments
/// included) ending at `previous_end`: only blanks, never a comment, lie between a line break
/// and it.
pub fn first_on_line(text: &str, previous_end: Option<usize>, start: usize) -> bool {
    previous_end.is_none_or(|end| has_break(&text[end..start]))
}

/// How many line breaks `text` holds, a `\r\n` counting once.
pub fn count_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The byte length of the first line of `text` without its break: where a `//` comment or a
/// string that is not closed ends.
pub fn line_end(text: &str) -> usize {
    text.find(['\n', '\r']).unwrap_or(text.len())
}

/// `line` without the line break it ends with, if any.
pub fn without_break(line: &str) -> &str {
    line.strip_suffix("\r\n")
        .or_else(|| line.strip_suffix('\n'))
        .or_else(|| line.strip_suffix('\r'))
        .unwrap_or(line)
}

/// The byte offset where each line starts: 0, then just after every line break. A text that
/// ends with a break has an empty last line starting at its length.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends_break = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_break {
            starts.push(i + 1);
        }
    }
    starts
}

/// The byte range of every line, without its line break; as many as `line_starts` gives.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let rest = &text[from..];
        let len = line_end(rest);
        let end = from + len;
        start = match &rest.as_bytes()[len..] {
            [b'\r', b'\n', ..] => Some(end + 2),
            [_, ..] => Some(end + 1),
            [] => None,
        };
        Some(from..end)
    })
}

/// The offset a position can name nearest at or before `offset`: within the text, on a
/// character boundary, and never between the `\r` and the `\n` of one break (such an offset
/// moves to the `\r`, the end of its line).
pub fn clamp(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if inside_crlf(text, offset) {
        offset -= 1;
    }
    offset
}

fn inside_crlf(text: &str, offset: usize) -> bool {
    let bytes = text.as_bytes();
    offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n')
}

/// Whether a line starts at `offset`: at the start of the text or just after a line break
/// (not between the `\r` and the `\n` of one).
pub fn starts_line(text: &str, offset: usize) -> bool {
    offset == 0
        || text.as_bytes().get(offset - 1).is_some_and(|&b| {
            b == b'\n' || (b == b'\r' && text.as_bytes().get(offset) != Some(&b'\n'))
        })
}

/// The byte offset where the line holding `offset` (as `clamp` moves it) starts.
pub fn line_start(text: &str, offset: usize) -> usize {
    let offset = clamp(text, offset);
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// 1-based line and column (in characters) of a byte offset, as `clamp` moves it: an offset
/// past the end is the end, one inside a character that character, one between `\r` and `\n`
/// the end of their line. Linear in `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = clamp(text, offset);
    let before = &text[..offset];
    let start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = count_breaks(before) + 1;
    (line, before[start..].chars().count() + 1)
}

/// How far apart, in bytes, a [`LineIndex`] of a text that is not all ASCII records how many
/// characters come before a point: a column then costs counting at most this many bytes (and
/// one character) however long its line is, for an index a thousandth of the text's size.
const CHECKPOINT_STRIDE: usize = 1024;

/// The lines of one text, indexed once: `line_column` for many offsets of the same text costs
/// a binary search and a count of at most `CHECKPOINT_STRIDE` bytes each, where the free
/// `line_column` scans from the start every time (quadratic over a file's findings), and a
/// count within the line alone would be quadratic over the findings of one long line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `None` for an ASCII text, where a column is a difference of byte offsets.
    chars: Option<Checkpoints>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex::with_stride(text, CHECKPOINT_STRIDE)
    }

    fn with_stride(text: &str, stride: usize) -> LineIndex {
        LineIndex {
            starts: line_starts(text),
            chars: (!text.is_ascii()).then(|| Checkpoints::new(text, stride)),
        }
    }

    /// The same answer as the free [`line_column`] for `text`, the text this index was built
    /// from.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = clamp(text, offset);
        // The last line start at or before `offset`; a start just after a `\r` that `clamp`
        // keeps us out of never equals `offset` inside a `\r\n`.
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = match &self.chars {
            None => offset - start,
            Some(chars) if offset - start <= chars.stride => text[start..offset].chars().count(),
            Some(chars) => chars.before(text, offset) - chars.before(text, start),
        };
        (line, column + 1)
    }

    /// How many characters of `text`, the text this index was built from, come before
    /// `offset`, a character boundary: where ariadne, which counts characters, finds it.
    pub(crate) fn char_offset(&self, text: &str, offset: usize) -> usize {
        match &self.chars {
            None => offset,
            Some(chars) => chars.before(text, offset),
        }
    }

    /// The byte offset where 0-based line `line` starts, if the text has that many lines.
    pub fn start_of(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Every line start: 0, then just after every line break.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }
}

/// How many characters come before points of a text spaced `stride` bytes apart.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Checkpoints {
    stride: usize,
    /// For every `k` with `k * stride` within the text: the first character boundary at or
    /// after byte `k * stride`, and how many characters come before it.
    at: Vec<(usize, usize)>,
}

impl Checkpoints {
    fn new(text: &str, stride: usize) -> Checkpoints {
        assert!(stride > 0, "a stride of 0 bytes never advances");
        let mut at = Vec::with_capacity(text.len() / stride + 1);
        let mut last = (0, 0);
        for k in 0..=text.len() / stride {
            let mut boundary = k * stride;
            while !text.is_char_boundary(boundary) {
                boundary += 1;
            }
            last = (boundary, last.1 + text[last.0..boundary].chars().count());
            at.push(last);
        }
        Checkpoints { stride, at }
    }

    /// How many characters come before `offset`, a character boundary of the text.
    fn before(&self, text: &str, offset: usize) -> usize {
        // The checkpoint of `offset`'s stride is at or before it: it is the first boundary
        // from the stride's start, and `offset` is a boundary from there too.
        let (at, count) = self.at[offset / self.stride];
        count + text[at..offset].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way to end a line, and characters that look like one but are not.
    const MIXED: &str = "a\nb\r\nc\rd\u{b}e\u{c}f\u{85}g\u{2028}h\u{2029}i";

    #[test]
    fn only_lf_crlf_and_lone_cr_break_lines() {
        assert_eq!(line_starts(MIXED), [0, 2, 5, 7]);
        assert_eq!(count_breaks(MIXED), 3);
        assert_eq!(
            line_ranges(MIXED).map(|r| &MIXED[r]).collect::<Vec<_>>(),
            ["a", "b", "c", "d\u{b}e\u{c}f\u{85}g\u{2028}h\u{2029}i"]
        );
        for c in ['\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'] {
            let text = format!("x{c}y");
            assert!(!has_break(&text), "{c:?}");
            assert_eq!(line_starts(&text), [0], "{c:?}");
            assert_eq!(line_column(&text, text.len()), (1, 4), "{c:?}");
        }
    }

    #[test]
    fn lines_and_columns() {
        assert_eq!(line_column("", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 3), (2, 1));
        assert_eq!(line_column("ab\r\ncd", 4), (2, 1));
        assert_eq!(line_column("ab\rcd", 3), (2, 1));
        assert_eq!(
            line_column("ab\rcd", 2),
            (1, 3),
            "the break is at the end of its line"
        );
        assert_eq!(line_column("a\r\r\nb\n\rc", 7), (5, 1));
        let d = MIXED.find('d').unwrap();
        assert_eq!(line_column(MIXED, d), (4, 1));
        assert_eq!(line_column(MIXED, MIXED.len()), (4, 12));
    }

    #[test]
    fn columns_count_characters() {
        let text = "ß\rℝ💣x";
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 3));
        assert_eq!(line_column(text, x - 1), (2, 2), "inside 💣");
        assert_eq!(line_column(text, 1), (1, 1), "inside ß");
    }

    #[test]
    fn offsets_are_clamped() {
        assert_eq!(line_column("ab", 99), (1, 3));
        assert_eq!(line_column("ab\r\n", 99), (2, 1));
        assert_eq!(line_column("ab\r", 99), (2, 1));
        // Between the `\r` and the `\n` of one break: the end of the line, not a new line.
        assert_eq!(line_column("ab\r\ncd", 3), (1, 3));
        assert_eq!(clamp("ab\r\ncd", 3), 2);
        assert_eq!(line_start("ab\r\ncd", 3), 0);
        assert!(!starts_line("ab\r\ncd", 3));
        assert!(starts_line("ab\r\ncd", 4));
        assert!(starts_line("ab\rcd", 3));
        assert!(starts_line("ab\ncd", 3));
        assert!(starts_line("ab", 0));
        assert!(!starts_line("ab\u{2028}cd", 5));
    }

    #[test]
    fn helpers_agree_with_the_definition() {
        assert_eq!(line_end("// c\r\nx"), 4);
        assert_eq!(line_end("// c\rx"), 4);
        assert_eq!(line_end("// c\u{2028}x"), "// c\u{2028}x".len());
        assert_eq!(without_break("a\r\n"), "a");
        assert_eq!(without_break("a\r"), "a");
        assert_eq!(without_break("a\n"), "a");
        assert_eq!(without_break("a\n\r"), "a\n");
        assert_eq!(count_breaks("\r\n\r\n"), 2);
        assert_eq!(count_breaks("\r\r"), 2);
        assert_eq!(count_breaks("\n\r"), 2);
        assert_eq!(line_ranges("").collect::<Vec<_>>(), vec![0..0]);
        assert_eq!(line_ranges("a\r\n").collect::<Vec<_>>(), [0..1, 3..3]);
        for text in [MIXED, "", "\r", "\r\n", "x\n\r\ny\r"] {
            let starts: Vec<usize> = line_ranges(text).map(|r| r.start).collect();
            assert_eq!(starts, line_starts(text), "{text:?}");
            for (offset, _) in text.char_indices() {
                let (line, _) = line_column(text, offset);
                assert_eq!(line - 1, count_breaks(&text[..clamp(text, offset)]));
                assert_eq!(
                    line_start(text, offset),
                    line_starts(text)[line - 1],
                    "{text:?} {offset}"
                );
            }
        }
    }

    #[test]
    fn the_index_agrees_with_the_scan_at_every_offset() {
        for text in [
            MIXED,
            "",
            "\n",
            "\r\n",
            "ab\r\n\r\ncd",
            "é\nßℝ💣\r\nx",
            "a\r",
        ] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.line_column(text, offset),
                    line_column(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    /// Strides down to one byte, so that multi-byte characters straddle checkpoints, and
    /// lines both longer than a stride (counted from checkpoints) and shorter (counted from
    /// their start).
    #[test]
    fn checkpoints_agree_with_the_scan_for_every_stride() {
        let long = "aß💣ℝ".repeat(9);
        let texts = [
            MIXED.to_string(),
            "é\nßℝ💣\r\nx".to_string(),
            long.clone(),
            format!("{long}\r\n{long}\r{long}\n💣{long}"),
            format!("ab\r\n{}\n", "x".repeat(40)),
        ];
        for text in &texts {
            for stride in [1, 2, 3, 4, 5, 7, 16, 1024] {
                let index = LineIndex::with_stride(text, stride);
                assert_eq!(index.chars.is_none(), text.is_ascii());
                for offset in 0..=text.len() + 2 {
                    assert_eq!(
                        index.line_column(text, offset),
                        line_column(text, offset),
                        "{text:?} at {offset}, stride {stride}"
                    );
                }
                for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    assert_eq!(
                        index.char_offset(text, offset),
                        text[..offset].chars().count(),
                        "{text:?} at {offset}, stride {stride}"
                    );
                }
            }
        }
    }
}
