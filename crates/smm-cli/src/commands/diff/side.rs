//! One side of a diff: the assessments in the paths given, each path read in its own
//! workspace (the nearest smm.toml at or above it, else its own folder), as `smm check` reads it.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::args::InputArgs;
use crate::assessed::{assessed, Assessed};
use crate::checked::{Checked, Semantic};
use crate::inputs;
use crate::status::Status;

/// Where the paths of a side's assessments start.
#[derive(Clone, Copy)]
pub enum Base<'a> {
    /// Each workspace's root: two folders compared give the same paths for the same files.
    Root,
    /// One folder for every path: the repository's top, in the working tree and in the
    /// revision taken out of it.
    Folder(&'a Path),
}

/// The assessments under `paths`, one per id (the first by path when an id is declared
/// twice, said on `err`). Unusable input is reported on `err` and counted in `status`.
pub fn load(
    paths: &[PathBuf],
    base: Base<'_>,
    side: &str,
    status: &mut Status,
    err: &mut dyn Write,
) -> io::Result<Vec<Assessed>> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let input = InputArgs {
        paths: paths.to_vec(),
        stdin_filename: None,
        verbose: false,
    };
    let resolved = inputs::resolve(&input, err)?;
    status.failures += resolved.status.failures;
    let semantic = Semantic {
        as_of: None,
        dependents: false,
    };
    let mut found: Vec<Assessed> = Vec::new();
    for mut group in resolved.groups {
        let checked = Checked::run_with_inputs(&semantic, &mut group, status, err)?;
        let wanted = group.input_paths();
        let base = match base {
            Base::Root => group.root.as_path(),
            Base::Folder(folder) => folder,
        };
        found.extend(assessed(&checked, base, |path| wanted.contains(path)));
    }
    let mut ids = BTreeSet::new();
    let mut kept = Vec::new();
    for assessment in found {
        if ids.insert(assessment.id.clone()) {
            kept.push(assessment);
        } else {
            writeln!(
                err,
                "warning: assessment `{}` is declared more than once on the {side} side; the first is compared",
                smm_syntax::visible(&assessment.id)
            )?;
        }
    }
    Ok(kept)
}
