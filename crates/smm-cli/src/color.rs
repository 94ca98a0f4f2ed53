//! Whether to emit ANSI colours.

use std::ffi::OsStr;

use crate::args::ColorChoice;

/// Whether each stream gets colour.
#[derive(Clone, Copy, Debug)]
pub struct Colors {
    pub stdout: bool,
    pub stderr: bool,
}

impl Colors {
    pub fn new(choice: ColorChoice) -> Colors {
        Colors {
            stdout: for_stream(choice, &std::io::stdout()),
            stderr: for_stream(choice, &std::io::stderr()),
        }
    }
}

/// `no_color` is the value of NO_COLOR; `terminal` tells whether the stream written to is one.
pub fn enabled(choice: ColorChoice, no_color: Option<&OsStr>, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // https://no-color.org: only a non-empty value counts.
        ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// `enabled` for the real environment and stream.
fn for_stream(choice: ColorChoice, stream: &impl std::io::IsTerminal) -> bool {
    enabled(
        choice,
        std::env::var_os("NO_COLOR").as_deref(),
        stream.is_terminal(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_follows_the_terminal_and_no_color() {
        assert!(enabled(ColorChoice::Auto, None, true));
        assert!(!enabled(ColorChoice::Auto, None, false));
        assert!(!enabled(ColorChoice::Auto, Some(OsStr::new("1")), true));
        assert!(enabled(ColorChoice::Auto, Some(OsStr::new("")), true));
    }

    #[test]
    fn always_and_never_ignore_the_environment() {
        assert!(enabled(ColorChoice::Always, Some(OsStr::new("1")), false));
        assert!(!enabled(ColorChoice::Never, None, true));
    }
}
