//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "smm",
    version,
    about = "Check and format IoT Security Maturity Model profiles and assessments (.smm files)",
    propagate_version = true
)]
pub struct Cli {
    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report syntax errors in .smm files
    Check(CheckArgs),
    /// Format .smm files in place
    Fmt(FmtArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Write nothing; show a diff of each unformatted file and exit 1 if there is one
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub input: InputArgs,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
