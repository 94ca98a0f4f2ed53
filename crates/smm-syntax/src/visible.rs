//! Text from users' files made safe to print on a terminal or into a CI log: a raw escape,
//! carriage return or bidirectional override in a string could retitle or clear the terminal,
//! hide part of a line or reorder what a reviewer reads. Such characters are shown as escapes
//! (`\e`, `\r`, `\u{202e}`), so that only our own colour codes reach the terminal.

use std::borrow::Cow;
use std::path::Path;

/// Whether `c` must not be printed raw. Line feeds and tabs are layout and stay.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            // Bidirectional marks, embeddings, overrides and isolates.
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Line and paragraph separators, which some terminals and viewers break lines at.
            | '\u{2028}' | '\u{2029}'
        )
}

/// How an unsafe character is shown.
pub fn escape(c: char) -> String {
    match c {
        '\x1b' => "\\e".into(),
        '\r' => "\\r".into(),
        '\0' => "\\0".into(),
        c => format!("\\u{{{:x}}}", c as u32),
    }
}

/// `text` with every unsafe character escaped; borrowed when there is none.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as people read it: unsafe characters escaped as in `visible`, and bytes that are not
/// UTF-8 as `\xNN` (where `Path::display` would print U+FFFD and lose which file it was).
pub fn visible_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&visible(chunk.valid()));
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        visible(&path.to_string_lossy()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_escaped() {
        assert_eq!(
            visible("plain ß ℝ 💣\tand\nlines"),
            "plain ß ℝ 💣\tand\nlines"
        );
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("\x1b]0;owned\x07"), "\\e]0;owned\\u{7}");
        assert_eq!(visible("a\x1b[2Jb"), "a\\e[2Jb");
        assert_eq!(visible("over\rwrite\0"), "over\\rwrite\\0");
        assert_eq!(visible("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(visible("\u{85}\u{9b}\u{7f}"), "\\u{85}\\u{9b}\\u{7f}");
        assert_eq!(
            visible("\u{2028}\u{2029}\u{b}\u{c}"),
            "\\u{2028}\\u{2029}\\u{b}\\u{c}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn paths_keep_bytes_that_are_not_utf8() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(OsStr::from_bytes(b"dir/caf\xe9\x1b.smm"));
        assert_eq!(visible_path(path), "dir/caf\\xe9\\e.smm");
        assert_eq!(visible_path(Path::new("a/ß.smm")), "a/ß.smm");
    }
}
