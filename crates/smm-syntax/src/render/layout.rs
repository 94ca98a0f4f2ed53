//! How ariadne lays out one report: labels in source order, grouped in clusters of nearby
//! lines, each cluster a source of its own.

use std::convert::Infallible;
use std::fmt;

use ariadne::{Cache, Color, Config, IndexType, Label, Report, ReportKind, Source};

use super::text::Shown;
use crate::code::Severity;
use crate::diagnostic::Diagnostic;
use crate::visible::visible;

/// How many lines apart two labels of one diagnostic may be and still share a source group.
/// ariadne walks every line from a group's first label to its last, so a finding that points
/// back to the top of a long file costs the whole file, and a file of such findings quadratic
/// time. Labels farther apart are drawn as groups of their own, each under its own
/// `path:line:column` header; nearer ones keep one picture, the lines between them shrunk to
/// one margin line, as every existing report has them.
pub(super) const FAR: usize = 100;

/// ariadne's sources for one file: one per cluster of nearby labels (numbered in source
/// order), all the same shown text under the file's path, so that ariadne draws each cluster
/// as a group of its own and walks only its lines.
#[derive(Clone, Copy)]
pub(super) struct Clusters<'a> {
    pub(super) source: &'a Source<&'a str>,
    pub(super) path: &'a str,
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

pub(super) fn write_one(
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
mod tests {
    use super::FAR;
    use crate::render::render;
    use crate::render::text::strip_colour;
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
        d.related.push(Label::here(word(src, to), "first here"));
        d
    }

    /// Every header's `path:line:column`, without colours.
    fn locations(rendered: &str) -> Vec<String> {
        strip_colour(rendered)
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
        near.related
            .push(Label::here(word(&src, "t230 "), "then here"));
        let out = render(&[far, near], "f.smm", &src, false);
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
        let at_far = render(&[pointing_back(&src, "t102 ", "t2 ")], "f.smm", &src, false);
        assert_eq!(locations(&at_far), ["f.smm:102:10"], "{at_far}");
        let past = render(&[pointing_back(&src, "t103 ", "t2 ")], "f.smm", &src, false);
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
                let out = render(&[d], "f.smm", &src, color);
                assert_eq!(
                    locations(&out),
                    [location("t2 "), location("t250 ")],
                    "{out}"
                );
                let plain = strip_colour(&out);
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
                d.related.push(Label::here(first, "first here"));
                d
            })
            .collect();
        let out = render(&diagnostics, "f.smm", &src, false);
        assert_eq!(out.matches("Error: again").count(), N);
        // One group for the findings near the top, two for every other.
        assert_eq!(out.matches("├─[ ").count(), N - (FAR + 1));
        assert!(out.contains("├─[ f.smm:20000:1 ]"));
    }
}
