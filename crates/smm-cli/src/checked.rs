//! One workspace checked beyond its syntax: its model, its files and the checker's analysis,
//! and what `smm check` takes from them for each file.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use smm_check::disk::confine::Confinement;
use smm_check::disk::input;
use smm_check::FileId;

use crate::check_report::{self, FileChecks, Fix, Reported};
use crate::inputs::{shown_from_cwd, Group, InputFile};
use crate::sources::Sources;
use crate::status::Status;
use crate::workspace_model::WorkspaceModel;

/// How `smm check` judges the files beyond their syntax.
pub struct Semantic {
    pub as_of: Option<smm_check::Day>,
    /// Also report on the files that depend on the targets (`Checked::dependents`).
    pub dependents: bool,
}

/// One group's model and the checker's analysis of its files.
pub struct Checked {
    pub model: WorkspaceModel,
    pub workspace: smm_check::Workspace,
    /// `None` until `analyse` runs (`run` does).
    pub(crate) analysis: Option<smm_check::Analysis>,
    disk: WalkedFiles,
    options: smm_check::CheckOptions,
}

impl Checked {
    pub fn run(semantic: &Semantic, group: &Group, sources: &Sources) -> Checked {
        let mut checked = Checked::prepare(semantic, group, sources);
        checked.analyse(None);
        checked
    }

    /// `group`'s whole workspace checked, each of its input files read even when smm.toml
    /// excludes it, as `smm check` reads it; a file that cannot be read is reported on `err`
    /// and counted in `status`.
    pub fn run_with_inputs(
        semantic: &Semantic,
        group: &mut Group,
        status: &mut Status,
        err: &mut dyn Write,
    ) -> io::Result<Checked> {
        let mut sources = group.load(true);
        for target in &group.inputs {
            if let Err(e) = sources.get_or_load(&target.path) {
                status.fail(err, &target.shown, e)?;
            }
        }
        Ok(Checked::run(semantic, group, &sources))
    }

    /// The model and workspace, not yet analysed (`analyse`).
    pub(crate) fn prepare(semantic: &Semantic, group: &Group, sources: &Sources) -> Checked {
        let model = WorkspaceModel::build(sources, &group.config, &group.root);
        // The texts are read already (standard input may stand in for a file): hand them over
        // rather than have the checker read the disk again.
        let mut workspace = smm_check::Workspace::new();
        for (_, source) in sources.loaded() {
            workspace.insert(source.clone());
        }
        let disk = WalkedFiles {
            files: sources.loaded().map(|(path, _)| path.clone()).collect(),
            confinement: group.config.confinement(&group.root),
        };
        let options = smm_check::CheckOptions {
            as_of: semantic.as_of,
            expiry_warning_days: group.config.expiry_warning_days,
            only: None,
            ..smm_check::CheckOptions::default()
        };
        Checked {
            model,
            workspace,
            analysis: None,
            disk,
            options,
        }
    }

    /// The last analysis. Only `Resolved::for_each_source` holds a `Checked` before its first, and it asks
    /// for none until it has made one.
    pub fn analysis(&self) -> &smm_check::Analysis {
        self.analysis.as_ref().expect("analysed")
    }

    /// Checks the files `only` names (every file when `None`), replacing the analysis.
    pub(crate) fn analyse(&mut self, only: Option<BTreeSet<FileId>>) {
        self.options.only = only;
        self.analysis = None;
        self.analysis = Some(smm_check::check(
            &self.workspace,
            &self.model.model,
            &self.disk,
            &self.options,
        ));
    }

    /// The files of the workspace, other than `targets`, whose findings a change to `targets`
    /// may have changed:
    /// - the profiles that extend a profile they define and the assessments that use one,
    ///   directly or through other profiles (`Analysis::dependents`);
    /// - the files that declare a profile or assessment under a name they declare too (one of
    ///   the two is a duplicate);
    /// - the files that name a profile no file defines: a target may have renamed or removed
    ///   it;
    /// - every file, when a target defines catalog items (a standard, framework, `extend` or
    ///   `mapping`): all are checked against the model those items belong to;
    ///
    /// and in turn what depends on those.
    pub(crate) fn dependents(&self, targets: &[InputFile]) -> BTreeSet<PathBuf> {
        let asked: BTreeSet<FileId> = targets
            .iter()
            .filter_map(|t| self.workspace.id(&t.path))
            .collect();
        let file = |id: FileId| self.workspace.source(id).map(|s| &s.parse.file);
        let catalogs = asked
            .iter()
            .filter_map(|&id| file(id))
            .any(smm_check::catalogs::defines);
        let mut found: BTreeSet<FileId> = if catalogs {
            self.workspace.sources().map(|(id, _)| id).collect()
        } else {
            let names: BTreeSet<String> = asked
                .iter()
                .filter_map(|&id| file(id))
                .flat_map(smm_check::declared_names)
                .collect();
            let mut from = asked.clone();
            for (id, source) in self.workspace.sources() {
                let declared = smm_check::declared_names(&source.parse.file);
                if declared.iter().any(|name| names.contains(name)) {
                    from.insert(id);
                }
            }
            from.extend(
                self.analysis()
                    .findings()
                    .filter(|f| f.diagnostic.code == UNKNOWN_PROFILE.id())
                    .map(|f| f.file),
            );
            self.analysis().dependents_of(from)
        };
        found.retain(|id| !asked.contains(id));
        found
            .into_iter()
            .filter_map(|id| self.workspace.source(id).map(|s| s.path.clone()))
            .collect()
    }

    /// The model's problems, the checker's findings and the assessments of one file.
    pub fn checks_of(&self, path: &Path) -> FileChecks {
        let (findings, reports) = match self.workspace.id(path) {
            Some(file) => (
                self.analysis().findings_of(file).cloned().collect(),
                self.analysis()
                    .assessments
                    .iter()
                    .filter(|a| a.file == file)
                    .cloned()
                    .collect(),
            ),
            None => Default::default(),
        };
        self.checks_from(path, findings, reports)
    }

    /// `checks_of` from the file's findings and reports, which it takes over.
    pub(crate) fn checks_from(
        &self,
        path: &Path,
        findings: Vec<smm_check::Finding>,
        reports: Vec<smm_check::AssessmentReport>,
    ) -> FileChecks {
        let mut checks = FileChecks {
            diagnostics: self
                .model
                .problems_of(path)
                .iter()
                .map(|d| Reported {
                    diagnostic: d.clone(),
                    fix: None,
                    waived: None,
                })
                .collect(),
            assessments: reports.into_iter().map(check_report::assessment).collect(),
        };
        let shown = |p: &Path| shown_from_cwd(p);
        checks.diagnostics.extend(findings.into_iter().map(|mut f| {
            let file = f.file;
            let fix = f.fix.take().map(|fix| Fix {
                title: fix.title,
                edits: fix
                    .edits
                    .into_iter()
                    .filter(|e| e.file == file)
                    .map(|e| (e.span, e.text))
                    .collect(),
            });
            let waived = f.waived.as_deref().map(check_report::waived);
            Reported {
                diagnostic: f.into_diagnostic(&self.workspace, &shown),
                fix,
                waived,
            }
        }));
        checks
    }
}

pub(crate) const UNKNOWN_PROFILE: smm_check::CheckCode = smm_check::CheckCode::UnknownProfile;

/// The workspace's files on disk, as the walk found them.
pub struct WalkedFiles {
    pub files: Vec<PathBuf>,
    pub confinement: Confinement,
}

impl smm_check::Loader for WalkedFiles {
    fn files(&self) -> Vec<PathBuf> {
        self.files.clone()
    }
    fn read(&self, path: &Path) -> Result<String, String> {
        input::read_file(path).map_err(|e| e.to_string())
    }
    fn locate(&self, from: &Path, link: &Path) -> smm_check::Located {
        self.confinement.locate(from, link)
    }
}
