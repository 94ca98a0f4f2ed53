//! Names declared in files given on the command line that lie in other workspaces: why a
//! file does not see a profile the user can see beside it.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::check_report::FileChecks;
use crate::checked::UNKNOWN_PROFILE;
use crate::inputs::{describe_root, shown_from_cwd, Group};
use crate::sources::{Source, Sources};
use smm_check::disk::config;

/// The profiles and assessments that the files given on the command line declare (as
/// `smm_check::declared_names` spells them: `profile NAME`), by the
/// group they belong to: a name one workspace lacks may be in a file given beside it that lies
/// in another workspace, and the user should hear why it is not seen.
pub(crate) struct DeclaredElsewhere {
    names: HashMap<String, Vec<(usize, PathBuf)>>,
}

impl DeclaredElsewhere {
    pub(crate) fn by_targets(groups: &mut [(Group, Sources)]) -> DeclaredElsewhere {
        let mut names: HashMap<String, Vec<(usize, PathBuf)>> = HashMap::new();
        // With one workspace every name given is seen: nothing to explain.
        if groups.len() > 1 {
            for (index, (group, sources)) in groups.iter_mut().enumerate() {
                for target in &group.inputs {
                    if let Ok(source) = sources.get_or_load(&target.path) {
                        for name in smm_check::declared_names(&source.parse.file) {
                            names
                                .entry(name)
                                .or_default()
                                .push((index, target.path.clone()));
                        }
                    }
                }
            }
        }
        DeclaredElsewhere { names }
    }

    /// Adds to each unknown profile of `source` a note on the workspace root: the file given
    /// that defines it in another workspace, or, without smm.toml, which folder was searched.
    pub(crate) fn explain_unknown(
        &self,
        group_index: usize,
        group: &Group,
        source: &Source,
        checks: &mut FileChecks,
    ) {
        for reported in &mut checks.diagnostics {
            let diagnostic = &mut reported.diagnostic;
            if diagnostic.code != UNKNOWN_PROFILE.id() {
                continue;
            }
            let Some(name) = source.text.get(diagnostic.span.range()) else {
                continue;
            };
            let defined = self
                .names
                .get(&format!("profile {name}"))
                .and_then(|places| places.iter().find(|(other, _)| *other != group_index));
            let note = match (defined, &group.config_file) {
                (Some((_, path)), _) => format!(
                    "`{name}` is defined in {}, given on the command line, but that file lies in \
                     another workspace, and files see only the names of their own; this one's is \
                     {}. Put one {} in a folder above both",
                    shown_from_cwd(path),
                    describe_root(group),
                    config::FILE_NAME
                ),
                (None, None) => format!(
                    "{}; if `{name}` is defined outside it, put an {} in the folder that holds \
                     all your .smm files (`smm init` writes one)",
                    describe_root(group),
                    config::FILE_NAME
                ),
                (None, Some(_)) => continue,
            };
            diagnostic.notes.push(note);
        }
    }
}
