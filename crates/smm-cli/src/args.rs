//! Arguments that several commands share: the files to read, colour, when to fail, dates.
//! `cli` assembles the commands from these and from each command's own arguments.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ColorArg {
    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories to process (default: the current directory); `-` reads standard input
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The file name standard input stands for: shown in messages, and where the search for
    /// smm.toml starts
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Say on standard error which workspace root each path belongs to, and why
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Always exit 0 for findings (input errors still exit 2)
    Never,
}

impl From<smm_check::disk::config::FailOn> for FailOn {
    fn from(setting: smm_check::disk::config::FailOn) -> FailOn {
        use smm_check::disk::config::FailOn as Setting;
        match setting {
            Setting::Error => FailOn::Error,
            Setting::Warning => FailOn::Warning,
            Setting::Info => FailOn::Info,
            Setting::Never => FailOn::Never,
        }
    }
}

pub fn parse_day(text: &str) -> Result<smm_check::Day, String> {
    smm_check::Day::parse(text)
        .ok_or_else(|| "expected a date on the calendar, as YYYY-MM-DD".into())
}
