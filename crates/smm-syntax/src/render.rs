//! Human-readable rendering of diagnostics with ariadne, by byte offsets.

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};

use crate::diagnostic::{Diagnostic, Severity};

/// Renders diagnostics for one file as text; `color` adds ANSI colours.
pub fn render(diagnostics: &[Diagnostic], path: &str, src: &str, color: bool) -> String {
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        write_one(diagnostic, path, src, color, &mut out);
    }
    let text = String::from_utf8(out).expect("ariadne writes UTF-8");
    if color {
        text
    } else {
        // ariadne paints a custom kind's name (our `Hint`) whatever its colour setting says.
        strip_colour(&text)
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

fn write_one(diagnostic: &Diagnostic, path: &str, src: &str, color: bool, out: &mut Vec<u8>) {
    let (kind, paint) = match diagnostic.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        Severity::Info => (ReportKind::Custom("Info", Color::Blue), Color::Blue),
        Severity::Hint => (ReportKind::Custom("Hint", Color::Cyan), Color::Cyan),
    };
    let clamp = |r: std::ops::Range<usize>| r.start.min(src.len())..r.end.min(src.len());
    let primary = clamp(diagnostic.span.range());
    let label = if diagnostic.label.is_empty() {
        &diagnostic.message
    } else {
        &diagnostic.label
    };
    // Labels in source order form one group under the primary location; ariadne starts a new
    // group (with a misleading location header) whenever a label comes before the one above.
    let mut labels = vec![(primary.clone(), label.as_str(), paint)];
    for related in &diagnostic.related {
        labels.push((
            clamp(related.span.range()),
            related.message.as_str(),
            Color::Blue,
        ));
    }
    labels.sort_by_key(|(range, _, _)| range.start);
    let mut report = Report::build(kind, (path, primary))
        .with_config(
            Config::new()
                .with_index_type(IndexType::Byte)
                .with_color(color),
        )
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    for (range, message, paint) in labels {
        report = report.with_label(
            Label::new((path, range))
                .with_message(message)
                .with_color(paint),
        );
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    for note in &diagnostic.notes {
        report = report.with_note(note);
    }
    report
        .finish()
        .write((path, Source::from(src)), &mut *out)
        .expect("writing to a Vec cannot fail");
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
