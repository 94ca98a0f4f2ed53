//! The outcome of a command and its exit code.

use std::fmt::Display;
use std::io::{self, Write};

use smm_syntax::visible;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Something was found wrong with the input's content (syntax errors, unformatted files).
    pub problems: bool,
    /// Paths, files or settings that could not be used at all.
    pub failures: usize,
}

impl Status {
    /// 2 for unusable input wins over 1 for problems found, so that scripts never mistake a
    /// partial run for a complete one.
    pub fn code(self) -> u8 {
        if self.failures > 0 {
            2
        } else if self.problems {
            1
        } else {
            0
        }
    }

    /// Prints `error: PATH: reason` and counts the failure. Both go through
    /// `smm_syntax::visible`, since either may hold a file's name: give a path as
    /// `smm_syntax::visible_path` has it, so that bytes that are not UTF-8 are not lost.
    pub fn fail(
        &mut self,
        err: &mut dyn Write,
        shown: impl Display,
        reason: impl Display,
    ) -> io::Result<()> {
        self.failures += 1;
        let shown = shown.to_string();
        let reason = reason.to_string();
        writeln!(err, "error: {}: {}", visible(&shown), visible(&reason))
    }
}

/// `1 file`, `2 files`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_win_over_problems() {
        let mut status = Status::default();
        assert_eq!(status.code(), 0);
        status.problems = true;
        assert_eq!(status.code(), 1);
        status.failures = 1;
        assert_eq!(status.code(), 2);
    }

    #[test]
    fn failures_are_printed_visibly() {
        let mut status = Status::default();
        let mut err = Vec::new();
        status
            .fail(&mut err, "a\x1b]0;owned\x07.smm", "bad\r\u{202e}")
            .unwrap();
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error: a\\e]0;owned\\u{7}.smm: bad\\r\\u{202e}\n"
        );
        assert_eq!(status.failures, 1);
    }

    #[test]
    fn counts_are_pluralised() {
        assert_eq!(count(0, "file"), "0 files");
        assert_eq!(count(1, "error"), "1 error");
    }
}
