//! Human-readable rendering of diagnostics with ariadne, by byte offsets.

use crate::diagnostic::Diagnostic;
use crate::visible::visible;
use layout::{write_one, Clusters};
use text::{strip_colour, Shown};

mod layout;
mod plain;
mod text;

/// Renders diagnostics for one file as text; `color` adds ANSI colours.
///
/// Nothing from the file reaches the output raw when a terminal could act on it: ariadne sees
/// a copy of the source in which every unsafe character (`visible::is_unsafe`) but `\r` is
/// shown as its escape, and the path and every message, label, help and note go through
/// `visible` too, so the only escape sequences in the output are ariadne's own colours. That
/// copy also leaves ariadne no line breaks but ours (`lines`): it would break lines at vertical
/// tabs, form feeds, NEL, LS and PS as well, and then disagree with every other output.
///
/// Without colours the common report is written by `plain`, the same text in a fraction of
/// ariadne's time.
pub fn render(diagnostics: &[Diagnostic], path: &str, src: &str, color: bool) -> String {
    Reports::new(diagnostics, path, src, color).text()
}

/// `render`, written to `out` a window of reports at a time: the reports of a long file
/// are never all held at once.
pub fn render_to(
    diagnostics: &[Diagnostic],
    path: &str,
    src: &str,
    color: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    Reports::new(diagnostics, path, src, color).write(&mut |part| out.write_all(part.as_bytes()))
}

/// Reports are independent of each other, so many are made in parts on threads of their own
/// (a long file can have 80,000 findings); fewer are not worth a thread.
const PARALLEL_FROM: usize = 1024;
/// Reports made before they are written.
const WINDOW: usize = 8192;

/// The reports of one file, and how they are made: the tests make them other ways than
/// `render` does, to compare.
struct Reports<'a> {
    diagnostics: &'a [Diagnostic],
    path: &'a str,
    src: &'a str,
    color: bool,
    /// By `plain` where it can write the report.
    plain_first: bool,
    /// How many threads share a window of reports.
    parts: usize,
}

impl<'a> Reports<'a> {
    /// As `render` makes them.
    fn new(diagnostics: &'a [Diagnostic], path: &'a str, src: &'a str, color: bool) -> Self {
        let parts = if diagnostics.len() >= PARALLEL_FROM {
            crate::parallel::threads()
        } else {
            1
        };
        Reports {
            diagnostics,
            path,
            src,
            color,
            plain_first: !color,
            parts,
        }
    }

    fn text(&self) -> String {
        let mut text = String::new();
        self.write(&mut |part| {
            text.push_str(&part);
            Ok(())
        })
        .expect("pushing to a string cannot fail");
        text
    }

    fn write(&self, emit: &mut dyn FnMut(String) -> std::io::Result<()>) -> std::io::Result<()> {
        let shown = Shown::new(self.src);
        let source = ariadne::Source::from(shown.text.as_str());
        let path = visible(self.path);
        let clusters = Clusters {
            source: &source,
            path: &path,
        };
        let part = |diagnostics: &[Diagnostic]| {
            let mut text = String::new();
            for diagnostic in diagnostics {
                if let Some(report) = self
                    .plain_first
                    .then(|| plain::report(diagnostic, &shown, &path))
                    .flatten()
                {
                    text.push_str(&report);
                    continue;
                }
                let from = text.len();
                write_one(diagnostic, &shown, clusters, self.color, &mut text);
                if !self.color {
                    // ariadne paints a custom kind's name (our `Hint`) whatever its colour
                    // setting says. Its colour codes end within the report, so each report is
                    // stripped alone.
                    let plain = strip_colour(&text[from..]);
                    text.truncate(from);
                    text.push_str(&plain);
                }
            }
            text
        };
        for window in self.diagnostics.chunks(WINDOW) {
            if self.parts < 2 || window.len() < 2 {
                emit(part(window))?;
                continue;
            }
            let chunks: Vec<&[Diagnostic]> =
                window.chunks(window.len().div_ceil(self.parts)).collect();
            for text in crate::parallel::each(&chunks, |chunk| part(chunk)) {
                emit(text)?;
            }
        }
        Ok(())
    }
}

/// `render` as it was before `plain`: every report by ariadne. The reference `plain`'s
/// reports are tested against.
#[cfg(test)]
fn render_with_ariadne(diagnostics: &[Diagnostic], path: &str, src: &str, color: bool) -> String {
    Reports {
        plain_first: false,
        parts: 1,
        ..Reports::new(diagnostics, path, src, color)
    }
    .text()
}

#[cfg(test)]
mod tests;
