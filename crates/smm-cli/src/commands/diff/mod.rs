//! `smm diff`: what changed between two versions of the assessments (two files, two folders,
//! or the working tree and a git revision), practice by practice, and a gate that fails on
//! regressions.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::args::ColorArg;
use crate::status::Status;
use smm_check::disk::walk::{absolute, find_root};

mod changes;
pub(crate) mod git;
mod human;
mod json;
mod markdown;
mod rows;
pub(crate) mod side;

use changes::Diff;
use side::Base;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD and NEW: two .smm files or two folders. With --git, the files or folders to compare
    /// (default: the workspace around the current folder)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Compare revision REV (`HEAD`, `HEAD~1`, `main`, a commit) with the working tree
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,

    /// How to print the changes
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,

    /// Exit 1 when a current level drops, a met target becomes unmet, evidence disappears (or
    /// becomes a stub), or an assessment is removed
    #[arg(long)]
    pub fail_on_regression: bool,

    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A block per assessment, a line per change
    Human,
    /// The changes for programs (schemas/diff.schema.json)
    Json,
    /// A table per assessment, for a pull-request comment
    Md,
}

/// Combinations clap cannot express.
pub fn usage_error(args: &DiffArgs) -> Option<&'static str> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        Some("`smm diff` reads files and folders, not standard input (`-`)")
    } else if args.git.is_none() && args.paths.len() != 2 {
        Some("give OLD and NEW (two files or two folders), or --git REV")
    } else {
        None
    }
}

/// The two sides' labels, as the output names them.
struct Labels {
    old: String,
    new: String,
}

pub fn run(
    args: &DiffArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let mut status = Status::default();
    let (old, new, labels) = match &args.git {
        None => {
            let old = side::load(&args.paths[..1], Base::Root, "old", &mut status, err)?;
            let new = side::load(&args.paths[1..], Base::Root, "new", &mut status, err)?;
            let labels = Labels {
                old: smm_syntax::visible_path(&args.paths[0]),
                new: smm_syntax::visible_path(&args.paths[1]),
            };
            (old, new, labels)
        }
        Some(rev) => {
            let sides = match git_sides(rev, &args.paths) {
                Ok(sides) => sides,
                Err(message) => {
                    writeln!(err, "error: {}", smm_syntax::visible(&message))?;
                    status.failures += 1;
                    return Ok(status);
                }
            };
            let old = side::load(
                &sides.old,
                Base::Folder(&sides.revision.root),
                "old",
                &mut status,
                err,
            )?;
            let new = side::load(
                &sides.new,
                Base::Folder(&sides.top),
                "new",
                &mut status,
                err,
            )?;
            // The assessments are plain data: the revision's folder can go with `sides`.
            let labels = Labels {
                old: smm_syntax::visible(rev).into_owned(),
                new: "working tree".into(),
            };
            (old, new, labels)
        }
    };
    if status.failures > 0 {
        // Half a side would show as assessments removed or added: print nothing.
        return Ok(status);
    }
    let diff = Diff::between(&old, &new);
    let text = match args.format {
        DiffFormat::Human => human::render(&diff, color),
        DiffFormat::Json => json::render(&diff, &labels),
        DiffFormat::Md => markdown::render(&diff, &labels),
    };
    out.write_all(text.as_bytes())?;
    status.problems = args.fail_on_regression && diff.regressions() > 0;
    Ok(status)
}

/// What `--git` compares: the same paths in the revision's tree and in the working tree.
pub(crate) struct GitSides {
    pub revision: git::Revision,
    pub top: PathBuf,
    pub old: Vec<PathBuf>,
    pub new: Vec<PathBuf>,
}

pub(crate) fn git_sides(rev: &str, paths: &[PathBuf]) -> Result<GitSides, String> {
    let cwd = std::env::current_dir()
        .map(|d| absolute(&d))
        .map_err(|e| format!("current directory: {e}"))?;
    let top = git::toplevel(&cwd)?;
    let default = [find_root(&cwd).dir];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let revision = git::materialise(&top, rev)?;
    let mut sides = GitSides {
        old: Vec::new(),
        new: Vec::new(),
        top,
        revision,
    };
    for path in paths {
        let shown = smm_syntax::visible_path(path);
        let full = within(&cwd, path);
        let relative = full.strip_prefix(&sides.top).map_err(|_| {
            format!(
                "{shown}: outside the repository at {}",
                smm_syntax::visible_path(&sides.top)
            )
        })?;
        let (working, revised) = (sides.top.join(relative), sides.revision.root.join(relative));
        // A path on one side only was added or removed since the revision: its assessments
        // are, too.
        let (here, there) = (working.exists(), revised.exists());
        if !here && !there {
            return Err(format!(
                "{shown}: neither in the working tree nor in `{rev}`"
            ));
        }
        if here {
            sides.new.push(working);
        }
        if there {
            sides.old.push(revised);
        }
    }
    Ok(sides)
}

/// `path` from `cwd`, absolute and canonical as far as it exists (a file deleted since the
/// revision still names where it was).
fn within(cwd: &Path, path: &Path) -> PathBuf {
    let full = cwd.join(path);
    let mut existing = full.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute(&full),
        }
    }
    let mut found = absolute(existing);
    found.extend(rest.iter().rev());
    found
}
