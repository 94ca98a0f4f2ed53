use std::slice;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, TestRunner};

use crate::lines;
use crate::render::{render, render_with_ariadne, Shown};
use crate::visible::visible;
use crate::{Diagnostic, Label, Severity, SharedText, Span};

/// What `plain` writes for `diagnostic`, if it takes it.
fn plain(diagnostic: &Diagnostic, path: &str, src: &str) -> Option<String> {
    super::report(diagnostic, &Shown::new(src), &visible(path))
}

/// `plain` takes `diagnostic`, and `render` gives exactly ariadne's report for it.
fn taken(diagnostic: &Diagnostic, src: &str) -> String {
    let report = plain(diagnostic, "f.smm", src)
        .unwrap_or_else(|| panic!("not taken: {diagnostic:?} in {src:?}"));
    let ariadne = render_with_ariadne(slice::from_ref(diagnostic), "f.smm", src, false);
    assert_eq!(report, ariadne, "{src:?}");
    assert_eq!(
        render(slice::from_ref(diagnostic), "f.smm", src, false),
        ariadne
    );
    report
}

fn hint(span: Span, message: &str) -> Diagnostic {
    Diagnostic::new(Severity::Hint, "check::clause-not-mapped", span, message)
}

fn at(src: &str, word: &str) -> Span {
    let start = src.find(word).unwrap();
    Span::new(start, start + word.len())
}

#[test]
fn the_typical_report_is_written_here() {
    let mut src = "\n".repeat(28);
    src.push_str("    evidence \"E\" implements iec62443-3-3:SR1.1 iso27002:5.15   \r\n}\n");
    let d = hint(
        at(&src, "iec62443-3-3:SR1.1"),
        "`iec62443-3-3:SR1.1` is not mapped to `security-program-management`",
    )
    .with_help("`smm explain iec62443-3-3:SR1.1` shows the practices it is mapped to");
    let expected = "\
[check::clause-not-mapped] Hint: `iec62443-3-3:SR1.1` is not mapped to `security-program-management`
    ╭─[ f.smm:29:29 ]
    │
 29 │     evidence \"E\" implements iec62443-3-3:SR1.1 iso27002:5.15
    │                             ─────────┬────────  
    │                                      ╰────────── `iec62443-3-3:SR1.1` is not mapped to `security-program-management`
    │ 
    │ Help: `smm explain iec62443-3-3:SR1.1` shows the practices it is mapped to
────╯
";
    assert_eq!(taken(&d, &src), expected);
}

/// The typical report with a related label: a target set on line 4, a practice above it on
/// line 33.
#[test]
fn the_typical_report_with_a_related_label_is_written_here() {
    let mut src = "profile factory-baseline {\n".repeat(3);
    src.push_str("  target compliance-management level 2 scope industry\n");
    src.push_str(&"\n".repeat(28));
    src.push_str("  practice compliance-management level 3 scope industry {\n  }\n");
    let d = Diagnostic::new(
        Severity::Info,
        "check::above-target",
        at(
            &src,
            "practice compliance-management level 3 scope industry",
        ),
        "`compliance-management` is at level 3, above its target 2 set by `factory-baseline`",
    )
    .with_label("above the target")
    .with_related(
        at(&src, "target compliance-management level 2 scope industry"),
        "target set here",
    );
    let expected = "\
[check::above-target] Info: `compliance-management` is at level 3, above its target 2 set by `factory-baseline`
    ╭─[ f.smm:33:3 ]
    │
  4 │   target compliance-management level 2 scope industry
    │   ─────────────────────────┬─────────────────────────  
    │                            ╰─────────────────────────── target set here
    │ 
 33 │   practice compliance-management level 3 scope industry {
    │   ──────────────────────────┬──────────────────────────  
    │                             ╰──────────────────────────── above the target
────╯
";
    assert_eq!(taken(&d, &src), expected);
}

/// Two labels: on adjacent lines or apart, either above the other, empty (at the start of
/// the line above the other) or past the line's end; line numbers of different widths; `FAR`
/// lines apart and farther (two groups); an escaped character before the primary (the header
/// names the file's column).
#[test]
fn two_label_shapes_are_written_here_as_ariadne_writes_them() {
    let mut src = String::new();
    for line in 1..=120 {
        src.push_str(&format!("\x1bx{line} = {line}\n"));
    }
    let word = |w: &str| at(&src, w);
    let pairs = [
        (word("x1 "), word("x2 ")),
        (word("x2 "), word("x1 ")),
        (word("x1 "), word("x3 ")),
        (word("x9 "), word("x10 ")),
        (word("x10 "), word("x9 ")),
        (word("x5 "), word("x100 ")),
        (word("x101 "), word("x1 ")),
        (Span::empty_at(word("x3 ").end), word("x7 = 7")),
        (
            Span::new(word("x2 ").start, word("x3 ").start - 1),
            word("x4 "),
        ),
        (word("x8 "), Span::empty_at(word("x4 ").start)),
        (word("x8 "), Span::empty_at(word("x4 ").start - 1)),
    ];
    for (primary, related) in pairs {
        let d = hint(primary, "m").with_related(related, "r");
        taken(&d, &src);
        taken(&d.with_help("h").with_note("n"), &src);
    }
    // More than `FAR` lines apart: two groups, each under a header naming its own label,
    // whichever of the two is the primary; line numbers of different widths.
    for (primary, related) in [
        (word("x102 "), word("x1 ")),
        (word("x1 "), word("x102 ")),
        (word("x120 "), word("x9 ")),
    ] {
        let d = hint(primary, "m").with_related(related, "r");
        taken(&d, &src);
        taken(&d.with_help("h").with_note("n").with_note("o"), &src);
    }
}

/// The shapes `plain` writes besides the typical one: spans that are empty, at, over or
/// within the line break, at the end of a text without a final break; escaped characters
/// before the span (the header names the file's column); empty help and notes, several
/// notes; line numbers of 1 to 4 digits.
#[test]
fn edge_shapes_are_written_here_as_ariadne_writes_them() {
    let src = "ß\nab  \r\ncd\r\x1b e\r\n\nx\ty\nlast";
    let a = src.find("ab").unwrap();
    let c = src.find("cd").unwrap();
    let e = src.find('e').unwrap();
    let empty = src.find("\n\n").unwrap() + 1;
    let spans = [
        Span::new(a, a + 2),
        Span::empty_at(a),
        Span::empty_at(a + 2),
        Span::new(a + 1, a + 5),
        Span::new(a + 1, a + 6),
        Span::empty_at(c),
        Span::new(c, c + 3),
        Span::new(e, e + 1),
        Span::new(e, e + 2),
        Span::empty_at(e + 2),
        Span::new(e + 2, e + 3),
        Span::empty_at(a + 5),
        Span::new(a + 5, a + 6),
        Span::empty_at(empty),
        Span::new(empty, empty + 1),
        Span::new(src.len() - 2, src.len()),
        Span::empty_at(src.len()),
    ];
    for span in spans {
        let mut d = Diagnostic::new(Severity::Warning, "x", span, "m").with_label("l");
        taken(&d, src);
        d.notes = vec!["one".into(), "".into(), "three".into()];
        d.help = Some(SharedText::default());
        taken(&d, src);
    }
    taken(&hint(Span::empty_at(0), ""), "");
    for lines in [9, 10, 99, 100, 999, 1000] {
        let src = "x\n".repeat(lines - 1) + "x = 1\n";
        taken(&hint(Span::new(src.len() - 4, src.len()), "m"), &src);
    }
}

#[test]
fn everything_else_is_left_to_ariadne() {
    let src = "ab\r\ncd\n\tx\nßx\n";
    let d = |span: Span| hint(span, "m");
    let cases = [
        (
            "two related labels",
            d(Span::new(0, 1))
                .with_related(Span::new(4, 5), "r")
                .with_related(Span::new(5, 6), "s"),
        ),
        (
            "a related label on the same line",
            d(Span::new(0, 1)).with_related(Span::new(1, 2), "r"),
        ),
        (
            "a related label on a line outside ASCII",
            d(Span::new(0, 1)).with_related(at(src, "ßx"), "r"),
        ),
        (
            "a related label of two lines",
            d(Span::new(0, 1)).with_related(Span::new(4, 5), "r\ns"),
        ),
        (
            "an empty label at the start of a line below the other",
            d(Span::new(0, 1)).with_related(Span::empty_at(4), "r"),
        ),
        ("a span over two lines", d(Span::new(1, 5))),
        ("the end after a final break", d(Span::empty_at(src.len()))),
        ("a tab in the line", d(at(src, "x"))),
        ("a character outside ASCII", d(at(src, "ßx"))),
        ("a message of two lines", hint(Span::new(0, 1), "a\nb")),
        (
            "a label of two lines",
            d(Span::new(0, 1)).with_label("a\nb"),
        ),
        ("a help of two lines", d(Span::new(0, 1)).with_help("a\nb")),
        ("a note of two lines", d(Span::new(0, 1)).with_note("a\nb")),
        (
            "a control character in the code",
            Diagnostic::new(Severity::Error, "x\x1b", Span::new(0, 1), "m"),
        ),
    ];
    for (case, diagnostic) in cases {
        assert_eq!(plain(&diagnostic, "f.smm", src), None, "{case}");
        assert_eq!(
            render(slice::from_ref(&diagnostic), "f.smm", src, false),
            render_with_ariadne(&[diagnostic], "f.smm", src, false),
            "{case}"
        );
    }
    // Colours are ariadne's alone: `render` does not ask `plain`.
    let typical = d(Span::new(0, 1));
    assert!(plain(&typical, "f.smm", src).is_some());
    let coloured = render(slice::from_ref(&typical), "f.smm", src, true);
    assert!(coloured.contains('\x1b'));
    assert_eq!(
        coloured,
        render_with_ariadne(&[typical], "f.smm", src, true)
    );
}

/// A line of the generated sources: mostly printable ASCII, sometimes ending in spaces, else
/// pieces with tabs, characters outside ASCII (wide, combining), controls and characters
/// ariadne would break lines at.
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[ -~]{0,12}",
        1 => select(vec![
            "\t", "ß", "ℝ", "💣", "中", "e\u{301}", "\x1b", "\x07", "\0", "\u{b}", "\u{c}",
            "\u{85}", "\u{2028}", "\u{2029}", "\u{202e}", "\u{7f}",
        ])
        .prop_map(String::from),
    ];
    prop_oneof![
        4 => "[ -~]{0,90}",
        1 => ("[ -~]{0,40}", " {1,3}").prop_map(|(a, b)| a + &b),
        2 => prop::collection::vec(piece, 0..6).prop_map(|p| p.concat()),
    ]
}

/// Lines with their breaks, the last one without a break now and then; up to 1,200 lines
/// so that line numbers have one to four digits.
fn source() -> impl Strategy<Value = String> {
    let lines = prop_oneof![3 => 1usize..12, 1 => 1usize..1200];
    let broken = || (line(), select(vec!["\n", "\n", "\n", "\r\n", "\r"]));
    (
        lines.prop_flat_map(move |n| prop::collection::vec(broken(), n)),
        any::<bool>(),
    )
        .prop_map(|(lines, last_broken)| {
            let mut src: String = lines.iter().map(|(l, b)| format!("{l}{b}")).collect();
            if !last_broken {
                src.truncate(src.len() - lines.last().map_or(0, |(_, b)| b.len()));
            }
            src
        })
}

/// Where a span ends, from its start.
#[derive(Clone, Debug)]
enum End {
    Len(usize),
    /// So many bytes past the end of the start's line before its break: at the break, within
    /// a `\r\n`, past it.
    PastLine(usize),
}

/// A span: a line (as an index into the source's lines), a byte column and an end; offsets
/// past the text are the end of the text, as `Shown` takes them.
#[derive(Clone, Debug)]
struct SpanAt {
    line: Index,
    column: usize,
    end: End,
}

impl SpanAt {
    fn span(&self, src: &str) -> Span {
        let ranges: Vec<_> = lines::line_ranges(src).collect();
        let line = &ranges[self.line.index(ranges.len())];
        let start = (line.start + self.column).min(src.len());
        let end = match self.end {
            End::Len(len) => start.saturating_add(len),
            End::PastLine(past) => line.end + past,
        };
        Span::new(start, end.clamp(start, src.len()))
    }
}

fn span_at() -> impl Strategy<Value = SpanAt> {
    let end = prop_oneof![
        2 => Just(End::Len(0)),
        4 => (1usize..30).prop_map(End::Len),
        1 => (0usize..400).prop_map(End::Len),
        1 => Just(End::Len(usize::MAX)),
        2 => (0usize..4).prop_map(End::PastLine),
    ];
    let column = prop_oneof![4 => 0usize..60, 1 => 0usize..400];
    (any::<Index>(), column, end).prop_map(|(line, column, end)| SpanAt { line, column, end })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[ -~]{0,40}",
        1 => "[ -~\t\nß💣\x1b\r]{0,20}",
    ]
}

#[derive(Clone, Debug)]
struct Finding {
    severity: Severity,
    code: &'static str,
    message: String,
    label: String,
    span: SpanAt,
    help: Option<String>,
    notes: Vec<String>,
    related: Vec<(SpanAt, String)>,
}

impl Finding {
    fn diagnostic(&self, src: &str) -> Diagnostic {
        let mut d = Diagnostic::new(
            self.severity,
            self.code,
            self.span.span(src),
            self.message.clone(),
        )
        .with_label(self.label.clone());
        d.help = self.help.clone().map(Into::into);
        d.notes = self.notes.clone();
        for (span, message) in &self.related {
            d.related.push(Label::here(span.span(src), message.clone()));
        }
        d
    }
}

fn finding() -> impl Strategy<Value = Finding> {
    let severity = select(vec![
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ]);
    let code = select(vec![
        "check::clause-not-mapped",
        "syntax::unexpected-token",
        "x",
        "",
    ]);
    let label = prop_oneof![Just(String::new()), text()];
    // Mostly none or one, sometimes two related labels.
    let related = prop_oneof![3 => Just(0), 5 => Just(1), 1 => Just(2)]
        .prop_flat_map(|n| prop::collection::vec((span_at(), text()), n));
    (
        (severity, code, text(), label, span_at()),
        (
            proptest::option::of(text()),
            prop::collection::vec(text(), 0..=3),
            related,
        ),
    )
        .prop_map(
            |((severity, code, message, label, span), (help, notes, related))| Finding {
                severity,
                code,
                message,
                label,
                span,
                help,
                notes,
                related,
            },
        )
}

/// For random sources and findings, `render` without colours gives exactly what ariadne
/// alone gives, whether `plain` or ariadne wrote each report; and both are taken often,
/// `plain` also for reports with a related label.
#[test]
fn plain_reports_are_ariadnes() {
    static TAKEN: AtomicUsize = AtomicUsize::new(0);
    static TAKEN_RELATED: AtomicUsize = AtomicUsize::new(0);
    static LEFT: AtomicUsize = AtomicUsize::new(0);
    let config = Config {
        cases: 3_000,
        failure_persistence: None,
        ..Config::default()
    };
    let case = (
        source(),
        prop::collection::vec(finding(), 1..4),
        select(vec!["f.smm", "dir/w.smm", "ß\x1b.smm"]),
    );
    TestRunner::new(config)
        .run(&case, |(src, findings, path)| {
            let diagnostics: Vec<Diagnostic> =
                findings.iter().map(|f| f.diagnostic(&src)).collect();
            let shown = Shown::new(&src);
            for d in &diagnostics {
                let counter = match super::report(d, &shown, &visible(path)) {
                    Some(_) if d.related.is_empty() => &TAKEN,
                    Some(_) => &TAKEN_RELATED,
                    None => &LEFT,
                };
                counter.fetch_add(1, Ordering::Relaxed);
            }
            prop_assert_eq!(
                render(&diagnostics, path, &src, false),
                render_with_ariadne(&diagnostics, path, &src, false)
            );
            Ok(())
        })
        .unwrap();
    let [taken, related, left] =
        [&TAKEN, &TAKEN_RELATED, &LEFT].map(|counter| counter.load(Ordering::Relaxed));
    eprintln!("plain wrote {taken} reports of one label, {related} of two; ariadne {left}");
    assert!(
        taken > 800 && related > 400 && left > 1_000,
        "{taken} taken, {related} with two labels, {left} left"
    );
}
