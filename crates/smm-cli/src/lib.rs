//! `smm`: check and format `.smm` files (IoT Security Maturity Model profiles and assessments),
//! and look up what the built-in catalog holds. A library so that another binary can be the same
//! command under another name (pre-commit's, in the root package); `src/main.rs` calls `main`.

mod args;
mod assessed;
mod atomic;
mod check_report;
mod checked;
mod cli;
mod color;
mod commands;
mod compiled_model;
mod declared_elsewhere;
mod destination;
mod inputs;
mod json_parts;
mod markup_escape;
mod passes;
mod sources;
mod status;
mod unified_diff;
mod workspace_model;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use args::InputArgs;
use cli::{Cli, Command};
use color::Colors;

/// Runs the command line in `std::env::args`, as the `smm` binary (and pre-commit's `smm-hook`) does.
pub fn main() -> ExitCode {
    compiled_model::install();
    let cli = Cli::parse();
    let input = match &cli.command {
        Command::Check(args) => Some(&args.input),
        Command::Fmt(args) => Some(&args.input),
        Command::Fix(args) => Some(&args.input),
        Command::Catalog(_)
        | Command::Explain(_)
        | Command::Lsp
        | Command::Init(_)
        | Command::New(_)
        | Command::Completions(_)
        | Command::Man(_)
        | Command::Diff(_)
        | Command::Report(_)
        | Command::Import(_) => None,
    };
    let message = match &cli.command {
        Command::Diff(args) => commands::diff::usage_error(args),
        _ => input.and_then(usage_error),
    };
    if let Some(message) = message {
        Cli::command()
            .error(ErrorKind::ArgumentConflict, message)
            .exit();
    }
    if let Command::Lsp = cli.command {
        // The protocol owns standard output, written from the server's own threads: it must
        // not be locked here.
        return commands::lsp::run();
    }
    let colors = Colors::new(cli.command.color());
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(args, colors.stdout, &mut out, &mut err),
        Command::Fmt(args) => commands::fmt::run(args, colors, &mut out, &mut err),
        Command::Fix(args) => commands::fix::run(args, colors, &mut out, &mut err),
        Command::Diff(args) => commands::diff::run(args, colors.stdout, &mut out, &mut err),
        Command::Report(args) => commands::report::run(args, &mut out, &mut err),
        Command::Import(args) => commands::import::run(args, &mut out, &mut err),
        Command::Catalog(args) => commands::catalog::run(args, &mut out, &mut err),
        Command::Explain(args) => commands::explain::run(args, &mut out, &mut err),
        Command::Completions(args) => {
            commands::completions::run(args, cli::Cli::command(), &mut out)
        }
        Command::Man(args) => commands::man::run(args, cli::Cli::command(), &mut out, &mut err),
        Command::Init(args) => commands::init::run(args, &mut out, &mut err),
        Command::New(command) => commands::new::run(command, &mut out, &mut err),
        Command::Lsp => unreachable!("handled before standard output is locked"),
    };
    let result = result.and_then(|status| out.flush().map(|()| status));
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) => {
            // A closed pipe (`smm check | head`) is the reader's choice, not worth a message.
            if e.kind() != io::ErrorKind::BrokenPipe {
                let _ = writeln!(err, "error: cannot write output: {e}");
            }
            ExitCode::from(2)
        }
    }
}

/// Combinations clap cannot express.
fn usage_error(input: &InputArgs) -> Option<&'static str> {
    let dashes = input.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if dashes > 1 {
        Some("`-` (standard input) can be given only once")
    } else if input.stdin_filename.is_some() && dashes == 0 {
        Some("--stdin-filename names standard input, so it needs `-` among the paths")
    } else {
        None
    }
}
