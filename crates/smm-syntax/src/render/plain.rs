//! The common report without colours written directly, byte for byte as ariadne 0.6 writes
//! it: ariadne formats every character of a report on its own, which on a file with tens of
//! thousands of findings took twice as long as the whole JSON output.
//!
//! Only the shape the findings of `smm check` nearly all have is written here: one label on
//! one line of printable ASCII, one column per character, and no text of several lines.
//! Everything else (related labels, spans over several lines, tabs, wide or combining
//! characters, colours) goes to ariadne, whose layout for those we do not reproduce. The
//! property test in `tests` checks this report against ariadne's for random inputs.

use std::fmt::Write as _;

use super::Shown;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lines;
use crate::visible::visible;

/// The report ariadne would write for `diagnostic` without colours, headers fixed as
/// `Shown::fix_headers` fixes them; `None` when it is not the common shape. `path` is shown
/// already. Costs the length of the diagnostic's line and texts, and two binary searches.
pub(super) fn report(diagnostic: &Diagnostic, shown: &Shown<'_>, path: &str) -> Option<String> {
    if !diagnostic.related.is_empty() || diagnostic.code.contains(char::is_control) {
        return None;
    }
    let label = if diagnostic.label.is_empty() {
        &diagnostic.message
    } else {
        &diagnostic.label
    };
    // ariadne writes a text's further lines under its first, indented or not.
    let mut texts = [&diagnostic.message, label]
        .into_iter()
        .chain(&diagnostic.help)
        .chain(&diagnostic.notes);
    if texts.any(|text| text.contains('\n')) {
        return None;
    }
    let span = shown.range(diagnostic.span.range());
    let text = shown.text.as_str();
    // ariadne has no empty line after a final line break: it puts the end of the text on the
    // line before, one column past its break.
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
    // Columns within the line: bytes, characters and columns are one here.
    let (start, end) = (span.start - line_start, span.end - line_start);
    let middle = (start + end) / 2;
    let number = line + 1;
    let width = number.to_string().len();
    let margin = " ".repeat(width + 2);
    let kind = match diagnostic.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
        Severity::Hint => "Hint",
    };

    let mut out = String::with_capacity(4 * content.len() + 256);
    // `{:02}` as ariadne's `with_code` formats a code: one shorter than two is padded with spaces.
    let _ = writeln!(
        out,
        "[{:02}] {kind}: {}",
        diagnostic.code,
        visible(&diagnostic.message)
    );
    let _ = writeln!(out, "{margin}╭─[ {path}:{number}:{} ]", start + 1);
    let _ = writeln!(out, "{margin}│");
    let _ = writeln!(out, " {number} │ {}", content.trim_end());
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
    let _ = writeln!(out, " {}", visible(label));
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
    Some(shown.fix_headers(out, path, &[diagnostic.span.start]))
}

#[cfg(test)]
mod tests;
