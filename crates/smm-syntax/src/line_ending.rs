//! The line break the formatter writes: the file's own, so that a formatted file checked out
//! with CRLF (Windows, `core.autocrlf`) is still formatted.

use crate::lines;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    /// CRLF when the first line break of `src` is `\r\n`; LF when it is `\n` or a lone `\r`,
    /// or when there is none.
    ///
    /// The first break, not the majority: it is what rustfmt's `newline_style = "Auto"` and
    /// Prettier's `endOfLine: "auto"` look at, so a mixed file ends up alike under each tool;
    /// it cannot tie; and a user who wonders which style a file gets reads its first line.
    /// The formatted text holds one style only, so it is detected again as that style and
    /// formatting stays idempotent.
    ///
    /// A lone `\r` (classic Mac OS) is not kept as a style: no current editor or git setting
    /// writes it, and most tools read such a file as one line.
    pub(crate) fn of(src: &str) -> LineEnding {
        match src[lines::line_end(src)..].starts_with("\r\n") {
            true => LineEnding::CrLf,
            false => LineEnding::Lf,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }

    /// Appends `text` with each of its line breaks (as `lines` counts them) written in this
    /// style: a `\r\n` stays one break, so no `\r` is left over or doubled.
    pub(crate) fn push_text(self, out: &mut String, text: &str) {
        for (i, line) in lines::line_ranges(text).enumerate() {
            if i > 0 {
                out.push_str(self.as_str());
            }
            out.push_str(&text[line]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LineEnding::{self, CrLf, Lf};

    #[test]
    fn the_first_break_decides() {
        for (text, ending) in [
            ("", Lf),
            ("a", Lf),
            ("a\r\nb\nc\n", CrLf),
            ("a\nb\r\nc\r\n", Lf),
            ("a\rb\r\n", Lf),
            ("a\r\r\nb\r\n", Lf),
            ("a\u{2028}b\u{85}c\r\n", CrLf),
            ("a\r", Lf),
            ("a\r\n", CrLf),
        ] {
            assert_eq!(LineEnding::of(text), ending, "{text:?}");
        }
    }

    #[test]
    fn every_break_is_rewritten_once() {
        for (text, lf, crlf) in [
            ("", "", ""),
            ("a", "a", "a"),
            ("a\r\n\r\nb", "a\n\nb", "a\r\n\r\nb"),
            (
                "a\r\r\nb\n\rc\r",
                "a\n\nb\n\nc\n",
                "a\r\n\r\nb\r\n\r\nc\r\n",
            ),
            ("a \t\u{b}\nb", "a \t\u{b}\nb", "a \t\u{b}\r\nb"),
        ] {
            for (ending, expected) in [(Lf, lf), (CrLf, crlf)] {
                let mut out = String::from(">");
                ending.push_text(&mut out, text);
                assert_eq!(out, format!(">{expected}"), "{text:?} {ending:?}");
            }
        }
    }
}
