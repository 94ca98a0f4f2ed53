//! The passes of `Resolved::for_each_source` over the loaded workspaces. A check of a whole
//! workspace is made a window of files at a time (`CheckOptions::only`), so that one window's
//! findings are held at once: 1,000 files have some 80,000.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::check_report::{FileChecks, MappingUsed};
use crate::checked::{Checked, Semantic};
use crate::declared_elsewhere::DeclaredElsewhere;
use crate::inputs::{shown_from_cwd, Group, InputFile, Resolved, Visited};
use crate::sources::{Source, Sources};
use crate::status::Status;

/// What `Resolved::for_each_source` hands each file to: the pass, the file and its workspace,
/// its source, its findings, and the run's status and error output.
pub type Visitor<'v> = dyn FnMut(Pass, &Visited<'_>, &Source, FileChecks, &mut Status, &mut dyn Write) -> io::Result<()>
    + 'v;

impl Resolved {
    /// Loads each group's workspace and hands every target's source to `visit` (with the
    /// model's problems and the checker's findings for that file when `semantic` says how to
    /// check, and `err`); a target that cannot be read is reported on `err` and skipped. When
    /// `semantic` asks for them, each group's targets are followed by their dependents, in
    /// path order, those asked for by name left out.
    ///
    /// Up to `passes` times over the files loaded once (`passes::Pass`): a format that must
    /// know the totals before it writes its first file counts in one pass and writes in the
    /// next, rather than hold every finding.
    pub fn for_each_source(
        self,
        passes: usize,
        err: &mut dyn Write,
        semantic: Option<&Semantic>,
        visit: &mut Visitor<'_>,
    ) -> io::Result<Status> {
        let mut status = self.status;
        let asked: HashSet<PathBuf> = self
            .groups
            .iter()
            .flat_map(|g| g.inputs.iter().map(|t| t.path.clone()))
            .collect();
        let mut loaded: Vec<(Group, Sources)> = self
            .groups
            .into_iter()
            .map(|mut group| {
                let sources = group.load(semantic.is_some());
                (group, sources)
            })
            .collect();
        let elsewhere = DeclaredElsewhere::by_targets(&mut loaded);
        let runs = loaded
            .into_iter()
            .enumerate()
            .map(|(index, (group, sources))| GroupRun::new(index, group, sources, semantic, &asked))
            .collect();
        run(runs, passes, &elsewhere, &mut status, err, visit)?;
        Ok(status)
    }
}

/// Where a visit stands among the passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pass {
    /// From 0.
    pub index: usize,
    /// No pass follows. A run of one window is checked once: its only pass is its last, and
    /// nothing was counted before it.
    pub last: bool,
}

/// One workspace (group) on its way through the passes.
pub struct GroupRun {
    index: usize,
    group: Group,
    sources: Sources,
    checked: Option<Checked>,
    mappings: Vec<MappingUsed>,
    /// The files that depend on the targets, reported after them.
    dependents: Vec<InputFile>,
    /// Checked a window at a time rather than in one analysis.
    windowed: bool,
    window: usize,
    /// The window whose analysis `checked` holds, not yet taken.
    kept: Option<usize>,
}

impl GroupRun {
    pub fn new(
        index: usize,
        group: Group,
        sources: Sources,
        semantic: Option<&Semantic>,
        asked: &HashSet<PathBuf>,
    ) -> GroupRun {
        let mut checked = semantic.map(|s| Checked::prepare(s, &group, &sources));
        let mappings = checked
            .as_ref()
            .map(|c| MappingUsed::of(&c.model.model))
            .unwrap_or_default();
        let mut kept = None;
        // Dependents are found in an analysis of the whole workspace, which the first window
        // (all of it) then uses.
        let dependents: Vec<InputFile> = match (semantic, &mut checked) {
            (Some(semantic), Some(checked)) if semantic.dependents => {
                checked.analyse(None);
                kept = Some(0);
                checked
                    .dependents(&group.inputs)
                    .into_iter()
                    .filter(|path| !asked.contains(path))
                    .map(|path| InputFile {
                        shown: shown_from_cwd(&path),
                        path,
                        is_stdin: false,
                        dependent: true,
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        let windowed = semantic.is_some_and(|s| !s.dependents);
        let files = group.inputs.len() + dependents.len();
        GroupRun {
            index,
            group,
            sources,
            checked,
            mappings,
            dependents,
            windowed,
            window: if windowed {
                check_window(files)
            } else {
                files.max(1)
            },
            kept,
        }
    }

    fn windows(&self) -> usize {
        (self.group.inputs.len() + self.dependents.len()).div_ceil(self.window)
    }
}

/// Files checked at once in a check of a whole workspace of `files`: 64 at least, which is as
/// fast as one window on 1,000 files and holds half as much; at most 16 windows, since each runs
/// the workspace-wide part of the check (declarations, profiles) again, which would otherwise
/// grow with the square of the files.
fn check_window(files: usize) -> usize {
    files.div_ceil(16).max(64)
}

/// Up to `passes` passes over `runs`, each file handed to `visit`; a run of one window in all
/// is checked once, in one pass.
pub fn run(
    mut runs: Vec<GroupRun>,
    passes: usize,
    elsewhere: &DeclaredElsewhere,
    status: &mut Status,
    err: &mut dyn Write,
    visit: &mut Visitor<'_>,
) -> io::Result<()> {
    let passes = match runs.iter().map(GroupRun::windows).sum::<usize>() {
        0 | 1 => 1,
        _ => passes,
    };
    for index in 0..passes {
        let pass = Pass {
            index,
            last: index + 1 == passes,
        };
        for run in &mut runs {
            run.pass(pass, elsewhere, status, err, visit)?;
        }
    }
    // The trees and texts of every file are freed by the process's end, at no cost: freeing
    // them one by one took a tenth of a check of 100,000 lines.
    std::mem::forget(runs);
    Ok(())
}

impl GroupRun {
    fn pass(
        &mut self,
        pass: Pass,
        elsewhere: &DeclaredElsewhere,
        status: &mut Status,
        err: &mut dyn Write,
        visit: &mut Visitor<'_>,
    ) -> io::Result<()> {
        let GroupRun {
            index,
            group,
            sources,
            checked,
            mappings,
            dependents,
            windowed,
            window,
            kept,
        } = self;
        let targets: Vec<&InputFile> = group.inputs.iter().chain(dependents.iter()).collect();
        let windows: Vec<&[&InputFile]> = targets.chunks(*window).collect();
        // Every pass but the last goes backwards and keeps its last window's analysis, which
        // is the next pass's first.
        let order: Vec<usize> = match pass.last {
            true => (0..windows.len()).collect(),
            false => (0..windows.len()).rev().collect(),
        };
        for (n, &w) in order.iter().enumerate() {
            let files = windows[w];
            let keep = !pass.last && n + 1 == order.len();
            // Each file's results are handed on once: moved, not copied, unless kept.
            let mut results = match checked.as_mut() {
                Some(c) => {
                    if *kept != Some(w) {
                        let only = files.iter().filter_map(|t| c.workspace.id(&t.path));
                        c.analyse(windowed.then(|| only.collect()));
                    }
                    *kept = keep.then_some(w);
                    match (keep, c.analysis.as_mut()) {
                        (false, Some(analysis)) => Some(analysis.take_by_file()),
                        _ => None,
                    }
                }
                None => None,
            };
            for &target in files {
                let mut checks = match (checked.as_ref(), results.as_mut()) {
                    (Some(c), Some(results)) => {
                        let (findings, reports) = c
                            .workspace
                            .id(&target.path)
                            .and_then(|file| results.remove(&file))
                            .unwrap_or_default();
                        c.checks_from(&target.path, findings, reports)
                    }
                    (Some(c), None) => c.checks_of(&target.path),
                    (None, _) => FileChecks::default(),
                };
                let at = Visited {
                    target,
                    root: &group.root,
                    repository: &group.repository,
                    config: &group.config,
                    mappings,
                };
                match sources.get_or_load(&target.path) {
                    Ok(source) => {
                        elsewhere.explain_unknown(*index, group, source, &mut checks);
                        visit(pass, &at, source, checks, status, err)?
                    }
                    Err(e) if pass.index == 0 => status.fail(err, &target.shown, e)?,
                    Err(_) => {}
                }
            }
        }
        Ok(())
    }
}
