//! Unified diffs between a file and its formatted or fixed text. The lines are the user's, so they are
//! shown through `smm_syntax::visible`: an escape or a bidirectional override in a string is
//! shown as `\e` or `\u{202e}`, and only our own colour codes reach the terminal.
//!
//! Each line is shown without its line feed, which the diff supplies; a carriage return is
//! content like any other and shown as `\r`. So in a CRLF file (which the formatter keeps
//! CRLF) the lines on both sides end in `\r`, and a line whose ending alone changes shows it.
//! A lone `\r`, which the diff takes for a line end, is shown the same way, on its own line.

use similar::{ChangeTag, TextDiff};
use smm_syntax::visible;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// `made` says what `new` is: `formatted`, `fixed`.
pub fn unified(shown: &str, old: &str, new: &str, made: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut out = String::new();
    let mut line = |paint: &str, text: &str| {
        if color && !paint.is_empty() {
            out.push_str(&format!("{paint}{text}{RESET}\n"));
        } else {
            out.push_str(text);
            out.push('\n');
        }
    };
    for (i, hunk) in diff
        .unified_diff()
        .context_radius(3)
        .iter_hunks()
        .enumerate()
    {
        if i == 0 {
            line(BOLD, &format!("--- {}", visible(shown)));
            line(BOLD, &format!("+++ {} ({made})", visible(shown)));
        }
        line(CYAN, &hunk.header().to_string());
        for change in hunk.iter_changes() {
            let (sign, paint) = match change.tag() {
                ChangeTag::Delete => ('-', RED),
                ChangeTag::Insert => ('+', GREEN),
                ChangeTag::Equal => (' ', ""),
            };
            let value = change.value();
            let content = value.strip_suffix('\n').unwrap_or(value);
            line(paint, &format!("{sign}{}", visible(content)));
            if change.missing_newline() {
                line("", "\\ No newline at end of file");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn plain_diff_has_headers_and_hunks() {
        let diff = unified("a.smm", "x\ny\n", "x\nz\n", "formatted", false);
        assert_eq!(
            diff,
            "--- a.smm\n+++ a.smm (formatted)\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"
        );
    }

    #[test]
    fn coloured_diff_paints_changed_lines() {
        let diff = unified("a.smm", "y\n", "z\n", "formatted", true);
        assert!(diff.contains("\x1b[31m-y\x1b[0m\n"), "{diff:?}");
        assert!(diff.contains("\x1b[32m+z\x1b[0m\n"), "{diff:?}");
    }

    #[test]
    fn lines_from_the_file_are_shown_visibly() {
        let old = "a \"\x1b]0;owned\x07\x1b[2J\0\u{202e}\"\n";
        let diff = unified("a.smm", old, "b\n", "formatted", false);
        assert_eq!(
            diff,
            "--- a.smm\n+++ a.smm (formatted)\n@@ -1 +1 @@\n-a \"\\e]0;owned\\u{7}\\e[2J\\0\\u{202e}\"\n+b\n"
        );
        let painted = unified("a.smm", old, "b\n", "formatted", true);
        assert!(painted.contains("\x1b[31m-a \"\\e]0;"), "{painted:?}");
        let raw_escapes = painted.matches('\x1b').count();
        let colour_codes = painted.matches("\x1b[").count();
        assert_eq!(raw_escapes, colour_codes, "{painted:?}");
    }

    #[test]
    fn crlf_line_ends_show_as_a_visible_carriage_return() {
        let diff = unified("a.smm", "x\r\ny\r\n", "x\ny\n", "formatted", false);
        assert_eq!(
            diff,
            "--- a.smm\n+++ a.smm (formatted)\n@@ -1,2 +1,2 @@\n-x\\r\n-y\\r\n+x\n+y\n"
        );
        // A lone carriage return is shown on its own line, as the diff reads it.
        let diff = unified("a.smm", "a\rb\n", "a\rb \n", "formatted", false);
        assert!(diff.ends_with(" a\\r\n-b\n+b \n"), "{diff:?}");
        assert!(!diff.contains('\r'), "{diff:?}");
    }

    #[test]
    fn a_missing_final_line_feed_is_marked() {
        let diff = unified("a.smm", "x\ny", "x\ny\n", "formatted", false);
        assert!(
            diff.ends_with("@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n"),
            "{diff:?}"
        );
    }
}
