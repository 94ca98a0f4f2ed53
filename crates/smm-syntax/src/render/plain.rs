//! The common report without colours written directly, byte for byte as ariadne 0.6 writes
//! it: ariadne formats every character of a report on its own, which on a file with tens of
//! thousands of findings took twice as long as the whole JSON output.
//!
//! Only the shapes the findings of `smm check` nearly all have are written here: one label,
//! or one label and one related label on another line (in one group, or in two when more than
//! `FAR` lines apart), each on one line of printable ASCII, one column per character, and no
//! text of several lines. Everything else (more related labels, labels on one line, spans over several
//! lines, tabs, wide or combining characters, colours) goes to ariadne, whose layout for those
//! we do not reproduce. The property test in `tests` checks this report against ariadne's for
//! random inputs.

use std::fmt::Write as _;

use super::layout::FAR;
use super::text::Shown;
use crate::code::Severity;
use crate::diagnostic::Diagnostic;
use crate::lines;
use crate::span::Span;
use crate::visible::visible;

/// The report ariadne would write for `diagnostic` without colours, headers fixed as
/// `Shown::fix_headers` fixes them; `None` when it is not a common shape. `path` is shown
/// already. Costs the length of the labels' lines and the texts, and a few binary searches.
pub(super) fn report(diagnostic: &Diagnostic, shown: &Shown<'_>, path: &str) -> Option<String> {
    if diagnostic.related.len() > 1 || diagnostic.code.contains(char::is_control) {
        return None;
    }
    let label: &str = if diagnostic.label.is_empty() {
        &diagnostic.message
    } else {
        &diagnostic.label
    };
    // ariadne writes a text's further lines under its first, indented or not.
    let mut texts = [&*diagnostic.message, label]
        .into_iter()
        .chain(diagnostic.related.iter().map(|r| r.message.as_str()))
        .chain(diagnostic.remarks());
    if texts.any(|text| text.contains('\n')) {
        return None;
    }
    let primary = OneLine::new(shown, diagnostic.span, label)?;
    let mut drawn = vec![&primary];
    let related = match diagnostic.related.first() {
        Some(r) => Some(OneLine::new(shown, r.span, &r.message)?),
        None => None,
    };
    if let Some(related) = &related {
        // Labels in source order, in one group: on two lines at most `FAR` apart (layout.rs).
        drawn.push(related);
        drawn.sort_by_key(|label| label.line);
        let (above, below) = (drawn[0], drawn[1]);
        // An empty span at the start of a line is on the line above too for ariadne, and
        // drawn there as well when that line is drawn.
        if above.line == below.line || (below.start == 0 && below.end == 0) {
            return None;
        }
    }
    // Labels more than `FAR` lines apart are two groups, each under a header naming its own
    // label (layout.rs).
    let far = drawn.len() == 2 && drawn[1].line > drawn[0].line + FAR;
    let width = (drawn[drawn.len() - 1].line + 1).to_string().len();
    let margin = " ".repeat(width + 2);
    let kind = match diagnostic.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
        Severity::Hint => "Hint",
    };

    let mut out = String::with_capacity(4 * primary.content.len() + 256);
    // `{:02}` as ariadne's `with_code` formats a code: one shorter than two is padded with spaces.
    let _ = writeln!(
        out,
        "[{:02}] {kind}: {}",
        diagnostic.code,
        visible(&diagnostic.message)
    );
    // A group's header names where it is: the report's own label, or each group's label.
    let header = |out: &mut String, corner: char, label: &OneLine<'_>| {
        let (line, column) = (label.line + 1, label.start + 1);
        let _ = writeln!(out, "{margin}{corner}─[ {path}:{line}:{column} ]");
        let _ = writeln!(out, "{margin}│");
    };
    header(&mut out, '╭', if far { drawn[0] } else { &primary });
    for (i, label) in drawn.iter().enumerate() {
        if i > 0 && far {
            let _ = writeln!(out, "{margin}│");
            header(&mut out, '├', label);
        } else if i > 0 && label.line > drawn[i - 1].line + 1 {
            // ariadne marks the lines it skips between two labels with one margin line.
            let _ = writeln!(out, "{margin}│ ");
        }
        label.write(&mut out, width);
    }
    // An empty help or note keeps its blank line and loses its own.
    let mut remark = |name: &str, text: &str| {
        let _ = writeln!(out, "{margin}│ ");
        if !text.is_empty() {
            let _ = writeln!(out, "{margin}│ {name}: {}", visible(text));
        }
    };
    if let Some(help) = &diagnostic.help {
        remark("Help", help);
    }
    let numbered = diagnostic.notes.len() > 1;
    for (i, note) in diagnostic.notes.iter().enumerate() {
        if numbered {
            remark(&format!("Note {}", i + 1), note);
        } else {
            remark("Note", note);
        }
    }
    for _ in 0..width + 2 {
        out.push('─');
    }
    out.push_str("╯\n");
    let starts: Vec<usize> = std::iter::once(diagnostic.span.start)
        .chain(diagnostic.related.iter().map(|r| r.span.start))
        .collect();
    Some(shown.fix_headers(out, path, &starts))
}

/// A label on one line of printable ASCII of the shown text, where bytes, characters and
/// columns are one.
struct OneLine<'a> {
    /// 0-based.
    line: usize,
    /// The line without its break.
    content: &'a str,
    /// Columns within the line.
    start: usize,
    end: usize,
    message: &'a str,
}

impl<'a> OneLine<'a> {
    /// `span` of the original text as such a label; `None` when it is not one.
    fn new(shown: &'a Shown<'_>, span: Span, message: &'a str) -> Option<OneLine<'a>> {
        let span = shown.range(span.range());
        let text = shown.text.as_str();
        // ariadne has no empty line after a final line break: it puts the end of the text on
        // the line before, one column past its break.
        if span.end < span.start || (span.start == text.len() && text.ends_with(['\n', '\r'])) {
            return None;
        }
        let line = shown.line(span.start);
        // ariadne's lines hold their break: a span that ends just past it is still on one line.
        if shown.line(span.end.saturating_sub(1).max(span.start)) != line {
            return None;
        }
        let line_start = shown.lines.starts()[line];
        let next = shown.lines.start_of(line + 1).unwrap_or(text.len());
        let content = lines::without_break(&text[line_start..next]);
        if !content.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return None;
        }
        Some(OneLine {
            line,
            content,
            start: span.start - line_start,
            end: span.end - line_start,
            message,
        })
    }

    /// The line, its underline and the arrow to the message, under a margin `width` digits
    /// wide.
    fn write(&self, out: &mut String, width: usize) {
        let (start, end) = (self.start, self.end);
        let middle = (start + end) / 2;
        let margin = " ".repeat(width + 2);
        let number = self.line + 1;
        let _ = writeln!(out, " {number:>width$} │ {}", self.content.trim_end());
        out.push_str(&margin);
        out.push_str("│ ");
        // Two columns past the span, spaces included.
        for column in 0..end + 2 {
            out.push(match column {
                c if c == middle && start < end => '┬',
                c if c == middle => '│',
                c if (start..end).contains(&c) => '─',
                _ => ' ',
            });
        }
        out.push('\n');
        out.push_str(&margin);
        out.push_str("│ ");
        for column in 0..end + 2 {
            out.push(match column.cmp(&middle) {
                std::cmp::Ordering::Less => ' ',
                std::cmp::Ordering::Equal => '╰',
                std::cmp::Ordering::Greater => '─',
            });
        }
        let _ = writeln!(out, " {}", visible(self.message));
    }
}

#[cfg(test)]
mod tests;
