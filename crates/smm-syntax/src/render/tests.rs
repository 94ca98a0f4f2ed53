use crate::{Diagnostic, Label, Severity, Span, SyntaxCode};

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
        super::Reports {
            diagnostics: &diagnostics,
            path: "f.smm",
            src,
            color,
            plain_first,
            parts,
        }
        .text()
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
    d.related
        .push(Label::here(at(src, "profile"), "opened here"));
    d.related.push(Label::here(at(src, "// "), "comment"));
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
    d.related
        .push(Label::here(at(src, "profile"), "related \x1b[2J"));
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
