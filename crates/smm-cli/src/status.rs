//! The outcome of a command and its exit code.

use std::fmt::Display;
use std::io::{self, Write};

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

    /// Prints `error: PATH: reason` and counts the failure.
    pub fn fail(
        &mut self,
        err: &mut dyn Write,
        shown: impl Display,
        reason: impl Display,
    ) -> io::Result<()> {
        self.failures += 1;
        writeln!(err, "error: {shown}: {reason}")
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
    fn counts_are_pluralised() {
        assert_eq!(count(0, "file"), "0 files");
        assert_eq!(count(1, "error"), "1 error");
    }
}
