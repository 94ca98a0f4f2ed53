//! `smm completions SHELL`: the shell's completion script for smm, on standard output.

use std::io::{self, Write};

use clap::Args;
use clap_complete::Shell;

use crate::status::Status;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete smm's subcommands, options and values in
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

/// `cli` is smm's whole command line, for which the script completes.
pub fn run(args: &CompletionsArgs, cli: clap::Command, out: &mut dyn Write) -> io::Result<Status> {
    out.write_all(&script(args.shell, cli))?;
    Ok(Status::default())
}

/// The script, built in memory: clap_complete panics when a write fails, and a closed pipe
/// (`smm completions bash | head`) must not.
pub fn script(shell: Shell, mut cli: clap::Command) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cli, "smm", &mut script);
    script
}
