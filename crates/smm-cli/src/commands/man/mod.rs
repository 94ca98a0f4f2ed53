//! `smm man`: smm's manual page (roff), on standard output or one page per subcommand in a
//! folder.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use clap_mangen::Man;

use crate::status::Status;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write smm.1 and a page per subcommand (smm-check.1, …) into DIR, created if missing,
    /// instead of printing smm.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `cli` is smm's whole command line, whose pages are written.
pub fn run(
    args: &ManArgs,
    cli: clap::Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let mut status = Status::default();
    match &args.dir {
        None => {
            let mut page = Vec::new();
            man(cli).render(&mut page)?;
            out.write_all(&page)?;
        }
        Some(dir) => {
            let written = fs::create_dir_all(dir).and_then(|()| {
                // As clap_mangen::generate_to does, but with the titles in capitals.
                let mut cmd = cli.disable_help_subcommand(true);
                cmd.build();
                write_pages(cmd, dir)
            });
            if let Err(e) = written {
                status.fail(err, smm_syntax::visible_path(dir), e)?;
            }
        }
    }
    Ok(status)
}

/// The page of `cmd`, titled in capitals as man pages are (`SMM`, `SMM-CHECK`).
fn man(cmd: clap::Command) -> Man {
    let title = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_uppercase();
    Man::new(cmd).title(title)
}

/// Writes the page of `cmd` and those of its subcommands, each named after the command line
/// that runs it (`smm-check.1`).
fn write_pages(cmd: clap::Command, dir: &Path) -> io::Result<()> {
    for sub in cmd.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        write_pages(sub.clone(), dir)?;
    }
    man(cmd).generate_to(dir)?;
    Ok(())
}
