//! Human-readable rendering of diagnostics with ariadne, by byte offsets.

use std::convert::Infallible;
use std::fmt;
use std::ops::Range;

use ariadne::{Cache, Color, Config, IndexType, Label, Report, ReportKind, Source};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::LineIndex;
use crate::visible::{self, visible};

mod plain;

/// How many lines apart two labels of one diagnostic may be and still share a source group.
/// ariadne walks every line from a group's first label to its last, so a finding that points
/// back to the top of a long file costs the whole file, and a file of such findings quadratic
/// time. Labels farther apart are drawn as groups of their own, each under its own
/// `path:line:column` header; nearer ones keep one picture, the lines between them shrunk to
/// one margin line, as every existing report has them.
const FAR: usize = 100;

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
    let parts = parts_for(diagnostics);
    reports_as_text(diagnostics, path, src, color, !color, parts)
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
    let parts = parts_for(diagnostics);
    render_reports(diagnostics, path, src, color, !color, parts, &mut |part| {
        out.write_all(part.as_bytes())
    })
}

/// Reports are independent of each other, so many are made in parts on threads of their own
/// (a long file can have 80,000 findings); fewer are not worth a thread.
const PARALLEL_FROM: usize = 1024;
/// Reports made before they are written.
const WINDOW: usize = 8192;

fn parts_for(diagnostics: &[Diagnostic]) -> usize {
    if diagnostics.len() >= PARALLEL_FROM {
        crate::parallel::threads()
    } else {
        1
    }
}

/// `render` as it was before `plain`: every report by ariadne. The reference `plain`'s
/// reports are tested against.
#[cfg(test)]
fn render_with_ariadne(diagnostics: &[Diagnostic], path: &str, src: &str, color: bool) -> String {
    reports_as_text(diagnostics, path, src, color, false, 1)
}

/// `render_reports` collected in one string.
fn reports_as_text(
    diagnostics: &[Diagnostic],
    path: &str,
    src: &str,
    color: bool,
    plain_first: bool,
    parts: usize,
) -> String {
    let mut text = String::new();
    render_reports(
        diagnostics,
        path,
        src,
        color,
        plain_first,
        parts,
        &mut |part| {
            text.push_str(&part);
            Ok(())
        },
    )
    .expect("pushing to a string cannot fail");
    text
}

fn render_reports(
    diagnostics: &[Diagnostic],
    path: &str,
    src: &str,
    color: bool,
    plain_first: bool,
    parts: usize,
    emit: &mut dyn FnMut(String) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let shown = Shown::new(src);
    let source = Source::from(shown.text.as_str());
    let path = visible(path);
    let clusters = Clusters {
        source: &source,
        path: &path,
    };
    let part = |diagnostics: &[Diagnostic]| {
        let mut text = String::new();
        for diagnostic in diagnostics {
            if let Some(report) = plain_first
                .then(|| plain::report(diagnostic, &shown, &path))
                .flatten()
            {
                text.push_str(&report);
                continue;
            }
            let from = text.len();
            write_one(diagnostic, &shown, clusters, color, &mut text);
            if !color {
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
    for window in diagnostics.chunks(WINDOW) {
        if parts < 2 || window.len() < 2 {
            emit(part(window))?;
            continue;
        }
        let chunks: Vec<&[Diagnostic]> = window.chunks(window.len().div_ceil(parts)).collect();
        for text in crate::parallel::each(&chunks, |chunk| part(chunk)) {
            emit(text)?;
        }
    }
    Ok(())
}

/// The source as ariadne gets it: unsafe characters escaped, and where they were, to move
/// byte offsets from the original text into this one.
struct Shown<'a> {
    src: &'a str,
    text: String,
    /// For every escaped character: its offset in the original text and how many bytes all
    /// escapes up to and including it added.
    grown: Vec<(usize, usize)>,
    len: usize,
    /// The lines of `text`, indexed once for every diagnostic.
    lines: LineIndex,
    /// The lines of `src` when escapes make it differ from `text`: `fix_headers` names
    /// locations by both.
    src_lines: Option<LineIndex>,
}

impl<'a> Shown<'a> {
    fn new(src: &'a str) -> Shown<'a> {
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

    fn range(&self, range: Range<usize>) -> Range<usize> {
        self.offset(range.start)..self.offset(range.end)
    }

    /// The 0-based line of a shown offset.
    fn line(&self, offset: usize) -> usize {
        self.lines
            .starts()
            .partition_point(|&start| start <= offset)
            - 1
    }

    /// A range of the shown text in characters, as ariadne counts with `IndexType::Char`.
    fn chars(&self, range: &Range<usize>) -> Range<usize> {
        self.lines.char_offset(&self.text, range.start)
            ..self.lines.char_offset(&self.text, range.end)
    }

    /// ariadne names a location `path:line:column` counting the characters of the shown
    /// text, where an escape is longer than the character it stands for. Every header of
    /// `report` gets the column of the file instead, as every other output gives it.
    fn fix_headers(&self, report: String, path: &str, starts: &[usize]) -> String {
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
fn strip_colour(text: &str) -> String {
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

/// ariadne's sources for one file: one per cluster of nearby labels (numbered in source
/// order), all the same shown text under the file's path, so that ariadne draws each cluster
/// as a group of its own and walks only its lines.
#[derive(Clone, Copy)]
struct Clusters<'a> {
    source: &'a Source<&'a str>,
    path: &'a str,
}

impl<'a> Cache<usize> for Clusters<'a> {
    type Storage = &'a str;

    fn fetch(&mut self, _cluster: &usize) -> Result<&Source<&'a str>, impl fmt::Debug> {
        Ok::<_, Infallible>(self.source)
    }

    fn display<'b>(&self, _cluster: &'b usize) -> Option<impl fmt::Display + 'b> {
        Some(self.path.to_string())
    }
}

fn write_one(
    diagnostic: &Diagnostic,
    shown: &Shown<'_>,
    clusters: Clusters<'_>,
    color: bool,
    out: &mut String,
) {
    let (kind, paint) = match diagnostic.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        Severity::Info => (ReportKind::Custom("Info", Color::Blue), Color::Blue),
        Severity::Hint => (ReportKind::Custom("Hint", Color::Cyan), Color::Cyan),
    };
    let primary = shown.range(diagnostic.span.range());
    let label: &str = if diagnostic.label.is_empty() {
        &diagnostic.message
    } else {
        &diagnostic.label
    };
    // Labels in source order form one group per cluster; ariadne starts a new group (with a
    // misleading location header) whenever a label comes before the one above.
    let mut labels = vec![(primary.clone(), visible(label), paint, true)];
    for related in &diagnostic.related {
        labels.push((
            shown.range(related.span.range()),
            visible(&related.message),
            Color::Blue,
            false,
        ));
    }
    labels.sort_by_key(|(range, ..)| range.start);
    let starts: Vec<usize> = std::iter::once(diagnostic.span.start)
        .chain(diagnostic.related.iter().map(|r| r.span.start))
        .collect();
    // A label more than `FAR` lines below every label before it starts the next cluster.
    let mut cluster = 0;
    let mut primary_cluster = 0;
    let mut last_line = None;
    let mut clustered = Vec::with_capacity(labels.len());
    for (range, message, paint, is_primary) in labels {
        let first = shown.line(range.start);
        if last_line.is_some_and(|last| first > last + FAR) {
            cluster += 1;
        }
        let last = shown.line(range.end.saturating_sub(1).max(range.start));
        last_line = Some(last_line.map_or(last, |line: usize| line.max(last)));
        if is_primary {
            primary_cluster = cluster;
        }
        clustered.push((cluster, range, message, paint));
    }
    // In characters: for a group that does not hold the report's location, ariadne 0.6 names
    // its first label's character offset, which `IndexType::Byte` would read as a byte offset
    // (a wrong location, or a panic inside a character).
    let mut report = Report::build(kind, (primary_cluster, shown.chars(&primary)))
        .with_config(
            Config::new()
                .with_index_type(IndexType::Char)
                .with_color(color),
        )
        .with_code(diagnostic.code)
        .with_message(visible(&diagnostic.message));
    for (cluster, range, message, paint) in clustered {
        report = report.with_label(
            Label::new((cluster, shown.chars(&range)))
                .with_message(message)
                .with_color(paint),
        );
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(visible(help));
    }
    for note in &diagnostic.notes {
        report = report.with_note(visible(note));
    }
    let mut written = Vec::new();
    report
        .finish()
        .write(clusters, &mut written)
        .expect("writing to a Vec cannot fail");
    let written = String::from_utf8(written).expect("ariadne writes UTF-8");
    out.push_str(&shown.fix_headers(written, clusters.path, &starts));
}

#[cfg(test)]
mod colour_tests {
    use crate::{Diagnostic, Severity, Span, SyntaxCode};

    #[test]
    fn no_colour_means_no_escape_sequences_for_any_severity() {
        for severity in [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Hint,
        ] {
            let mut d = Diagnostic::syntax(SyntaxCode::UnexpectedToken, Span::new(0, 1), "x");
            d.severity = severity;
            let plain = super::render(&[d.clone()], "f.smm", "ab\n", false);
            assert!(!plain.contains('\x1b'), "{severity:?}: {plain:?}");
            let coloured = super::render(&[d], "f.smm", "ab\n", true);
            assert!(coloured.contains('\x1b'), "{severity:?}");
        }
    }
}

#[cfg(test)]
mod safety_tests {
    use crate::{Diagnostic, Label, Span, SyntaxCode};

    /// Whether every ESC in `text` starts a colour sequence `ESC [ digits/; m`, and no BEL.
    fn only_colour_escapes(text: &str) -> bool {
        !text.contains('\x07')
            && text.match_indices('\x1b').all(|(i, _)| {
                let rest = &text[i + 1..];
                rest.strip_prefix('[').is_some_and(|rest| {
                    let end = rest
                        .find(|c: char| !(c.is_ascii_digit() || c == ';'))
                        .unwrap_or(rest.len());
                    rest[end..].starts_with('m')
                })
            })
    }

    fn at(src: &str, word: &str) -> Span {
        let start = src.find(word).unwrap();
        Span::new(start, start + word.len())
    }

    fn error(src: &str, word: &str) -> Diagnostic {
        Diagnostic::syntax(SyntaxCode::UnexpectedToken, at(src, word), "unexpected")
    }

    /// The header's `path:line:column`, without colours.
    fn location(rendered: &str) -> String {
        let plain = super::strip_colour(rendered);
        let header = plain.lines().nth(1).unwrap();
        let start = header.find("[ ").unwrap() + 2;
        let end = header.rfind(" ]").unwrap();
        header[start..end].to_string()
    }

    /// Reports made in parts on threads, with and without colours, are the reports made one
    /// after the other.
    #[test]
    fn reports_made_in_parts_are_those_made_in_turn() {
        let src = "profile p {\n  role x\n  \x1b[2J y\n}\n";
        let diagnostics: Vec<Diagnostic> = (0..50)
            .map(|i| match i % 3 {
                0 => error(src, "x"),
                1 => error(src, "y"),
                _ => error(src, "profile"),
            })
            .collect();
        let render = |color, plain_first, parts| {
            super::reports_as_text(&diagnostics, "f.smm", src, color, plain_first, parts)
        };
        for (color, plain_first) in [(false, true), (false, false), (true, false)] {
            let whole = render(color, plain_first, 1);
            for parts in [2, 3, 7, 50, 64] {
                assert_eq!(render(color, plain_first, parts), whole, "{color} {parts}");
            }
        }
        let mut written = Vec::new();
        super::render_to(&diagnostics, "f.smm", src, false, &mut written).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), render(false, true, 1));
    }

    #[test]
    fn terminal_controls_in_the_source_are_shown_escaped() {
        let src = "profile p \"\x1b]0;owned\x07 \x1b[2J\" { // \x1b]0;owned\x07 \x1b[2J\n  x\n}\n";
        let mut d = error(src, "x");
        d.related.push(Label {
            span: at(src, "profile"),
            message: "opened here".into(),
        });
        d.related.push(Label {
            span: at(src, "// "),
            message: "comment".into(),
        });
        for color in [false, true] {
            let out = super::render(&[d.clone()], "f.smm", src, color);
            assert!(only_colour_escapes(&out), "{color}: {out:?}");
            assert_eq!(color, out.contains('\x1b'), "{out:?}");
            let plain = super::strip_colour(&out);
            assert_eq!(plain.matches("\\e]0;owned\\u{7}").count(), 2, "{plain}");
            assert_eq!(plain.matches("\\e[2J").count(), 2, "{plain}");
            assert_eq!(location(&out), "f.smm:2:3");
        }
    }

    #[test]
    fn messages_labels_help_notes_and_path_are_shown_escaped() {
        let src = "profile p {\n}\n";
        let mut d = Diagnostic::syntax(
            SyntaxCode::UnexpectedToken,
            at(src, "p {"),
            "message \x1b]0;owned\x07",
        )
        .with_label("label \x1b[2J")
        .with_help("help \u{202e}\r");
        d.notes.push("note \x1b]0;owned\x07".into());
        d.related.push(Label {
            span: at(src, "profile"),
            message: "related \x1b[2J".into(),
        });
        for color in [false, true] {
            let out = super::render(&[d.clone()], "f\x1b[2J.smm", src, color);
            assert!(only_colour_escapes(&out), "{color}: {out:?}");
            assert!(!out.contains(['\r', '\u{202e}']), "{out:?}");
            let plain = super::strip_colour(&out);
            for shown in [
                "message \\e]0;owned\\u{7}",
                "label \\e[2J",
                "help \\u{202e}\\r",
                "note \\e]0;owned\\u{7}",
                "related \\e[2J",
                "f\\e[2J.smm:1:9",
            ] {
                assert!(plain.contains(shown), "{shown}: {plain}");
            }
        }
    }

    /// ariadne breaks lines at `\r`, `\n`, `\r\n`, VT, FF, NEL, LS and PS; the report must
    /// count lines as every other output does (`lines`), and print no raw `\r`.
    #[test]
    fn lines_are_counted_as_everywhere_else() {
        for src in [
            "profile p {\r  target a level 1\r  target nope level 1\r}\n",
            "profile p {\r\n  target a level 1\r\n  target nope level 1\r\n}\r\n",
            "profile p {\n  target a level 1\r  target nope level 1\r\n}\r",
        ] {
            for color in [false, true] {
                let out = super::render(&[error(src, "nope")], "f.smm", src, color);
                assert_eq!(location(&out), "f.smm:3:10", "{src:?}");
                assert!(!out.contains('\r'), "{out:?}");
                assert!(only_colour_escapes(&out), "{out:?}");
                assert!(super::strip_colour(&out).contains(" 3 │   target nope level 1\n"));
            }
        }
        for separator in ["\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}"] {
            let src = format!(
                "profile p {{{separator}  target a level 1{separator}  target nope level 1{separator}}}\n"
            );
            let (line, column) = crate::lines::line_column(&src, at(&src, "nope").start);
            assert_eq!((line, column), (1, 41));
            let out = super::render(&[error(&src, "nope")], "f.smm", &src, false);
            assert_eq!(location(&out), "f.smm:1:41", "{separator:?}: {out}");
            let shown = crate::visible::escape(separator.chars().next().unwrap());
            let source_line = out
                .lines()
                .find(|l| l.starts_with(" 1 │ "))
                .expect("the source line");
            assert!(
                source_line.contains(&format!("1{shown}  target nope")),
                "{out}"
            );
            // The underline stands under `nope` in the escaped line.
            let underline = out
                .lines()
                .skip_while(|l| !l.starts_with(" 1 │ "))
                .nth(1)
                .unwrap();
            let column = |line: &str, offset: usize| line[..offset].chars().count();
            assert_eq!(
                column(underline, underline.find('─').unwrap()),
                column(source_line, source_line.find("nope").unwrap()),
                "{out}"
            );
        }
    }
}

#[cfg(test)]
mod far_tests {
    use crate::{Diagnostic, Label, Span, SyntaxCode};

    /// `n` lines: `profile p {`, then `  target tI level 1` for line I.
    fn lines(n: usize) -> String {
        let mut src = String::from("profile p {\n");
        for line in 2..=n {
            src.push_str(&format!("  target t{line} level 1\n"));
        }
        src
    }

    fn word(src: &str, word: &str) -> Span {
        let start = src.find(word).unwrap();
        Span::new(start, start + word.len())
    }

    fn pointing_back(src: &str, at: &str, to: &str) -> Diagnostic {
        let mut d = Diagnostic::syntax(SyntaxCode::UnexpectedToken, word(src, at), "again");
        d.related.push(Label {
            span: word(src, to),
            message: "first here".into(),
        });
        d
    }

    /// Every header's `path:line:column`, without colours.
    fn locations(rendered: &str) -> Vec<String> {
        super::strip_colour(rendered)
            .lines()
            .filter(|l| l.contains("─[ "))
            .map(|l| l[l.find("[ ").unwrap() + 2..l.rfind(" ]").unwrap()].to_string())
            .collect()
    }

    /// A label more than `FAR` lines from the others is drawn as a group of its own, under a
    /// header with its own location; nearer labels share a group, as they always did.
    #[test]
    fn a_far_label_is_a_group_of_its_own() {
        let src = lines(300);
        let far = pointing_back(&src, "t250 ", "t10 ");
        let mut near = pointing_back(&src, "t250 ", "t200 ");
        near.related.push(Label {
            span: word(&src, "t230 "),
            message: "then here".into(),
        });
        let out = super::render(&[far, near], "f.smm", &src, false);
        let expected = "\
[syntax::unexpected-token] Error: again
     ╭─[ f.smm:10:10 ]
     │
  10 │   target t10 level 1
     │          ──┬─  
     │            ╰─── first here
     │
     ├─[ f.smm:250:10 ]
     │
 250 │   target t250 level 1
     │          ──┬──  
     │            ╰──── again
─────╯
[syntax::unexpected-token] Error: again
     ╭─[ f.smm:250:10 ]
     │
 200 │   target t200 level 1
     │          ──┬──  
     │            ╰──── first here
     │ 
 230 │   target t230 level 1
     │          ──┬──  
     │            ╰──── then here
     │ 
 250 │   target t250 level 1
     │          ──┬──  
     │            ╰──── again
─────╯
";
        assert_eq!(out, expected, "{out}");
        // `FAR` lines apart is still near; one more is far.
        let at_far = super::render(&[pointing_back(&src, "t102 ", "t2 ")], "f.smm", &src, false);
        assert_eq!(locations(&at_far), ["f.smm:102:10"], "{at_far}");
        let past = super::render(&[pointing_back(&src, "t103 ", "t2 ")], "f.smm", &src, false);
        assert_eq!(locations(&past), ["f.smm:2:10", "f.smm:103:10"], "{past}");
    }

    /// Every header names a location of the file, counted in characters of the original
    /// text: with multi-byte characters and escapes before the labels, whichever group holds
    /// the diagnostic's own location.
    #[test]
    fn far_groups_name_their_locations_in_characters_of_the_file() {
        let mut src = lines(300).replace("  target t2 ", "  target ß\x1bℝ\u{202e} t2 ");
        src = src.replace("  target t250 ", "  target 💣\x1b t250 ");
        let location = |word: &str| {
            let (line, column) = crate::lines::line_column(&src, src.find(word).unwrap());
            format!("f.smm:{line}:{column}")
        };
        for (at, to) in [("t250 ", "t2 "), ("t2 ", "t250 ")] {
            for color in [false, true] {
                let d = pointing_back(&src, at, to);
                let out = super::render(&[d], "f.smm", &src, color);
                assert_eq!(
                    locations(&out),
                    [location("t2 "), location("t250 ")],
                    "{out}"
                );
                let plain = super::strip_colour(&out);
                assert!(plain.contains("   2 │   target ß\\eℝ\\u{202e} t2 level 1\n"));
                assert!(plain.contains(" 250 │   target 💣\\e t250 level 1\n"));
            }
        }
    }

    /// 20,000 findings, each pointing back to line 1 from its own line of a 20,000-line
    /// file: each report walks the lines near its labels, not the whole file above them.
    #[test]
    fn many_findings_pointing_to_the_top_take_linear_time() {
        const N: usize = 20_000;
        let src = lines(N);
        let starts = crate::lines::line_starts(&src);
        let first = word(&src, "profile");
        let diagnostics: Vec<Diagnostic> = (0..N)
            .map(|line| {
                let start = starts[line];
                let mut d = Diagnostic::syntax(
                    SyntaxCode::UnexpectedToken,
                    Span::new(start, start + 2),
                    "again",
                );
                d.related.push(Label {
                    span: first,
                    message: "first here".into(),
                });
                d
            })
            .collect();
        let out = super::render(&diagnostics, "f.smm", &src, false);
        assert_eq!(out.matches("Error: again").count(), N);
        // One group for the findings near the top, two for every other.
        assert_eq!(out.matches("├─[ ").count(), N - (super::FAR + 1));
        assert!(out.contains("├─[ f.smm:20000:1 ]"));
    }
}
