//! `smm completions SHELL`: the shell's completion script for smm, on standard output.

use std::io::{self, Write};

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::status::Status;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete smm's subcommands, options and values in
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> io::Result<Status> {
    out.write_all(&script(args.shell))?;
    Ok(Status::default())
}

/// The script, built in memory: clap_complete panics when a write fails, and a closed pipe
/// (`smm completions bash | head`) must not.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "smm", &mut script);
    script
}
