//! The server's view of the workspace: the files on disk under the root with the open buffers
//! over them, the model, and the checker's latest analysis. Edits to it are synchronous and
//! happen under one lock that is never held across an `.await`; checks do not (`jobs`).
//!
//! A change is checked incrementally: the model is rebuilt only when a file that defines
//! catalog items changed, and when the changed files declare the same names as before only
//! they and the files that use them are checked again (`Analysis::dependents`): the open
//! ones first, the closed ones once the open ones' diagnostics have gone out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use smm_check::disk::confine::Confinement;
use smm_check::disk::{config, input, walk};
use smm_check::{Analysis, CheckOptions, FileId, Workspace};
use smm_model::Model;
use smm_syntax::Diagnostic;

use changed::{Changed, Set};
pub use jobs::Outcome;
pub use world::World;

mod changed;
mod jobs;
mod world;

pub struct State {
    pub root: Option<PathBuf>,
    pub config: config::Config,
    /// What may be read: the smm root and smm.toml's `follow-links-to`; nothing without a root.
    confinement: Confinement,
    /// Symlinks to `.smm` files outside what may be read, found by the last walk: not read.
    outside_links: Vec<PathBuf>,
    /// Those not yet told to the user.
    new_outside_links: Vec<PathBuf>,
    /// smm.toml's text as last read, to tell whether it changed.
    config_text: Option<String>,
    /// smm.toml when it is broken: its path, text, and the offset and text of the problem.
    pub(crate) config_error: Option<(PathBuf, String, usize, String)>,
    /// Shared with the requests and checks under way (`World`, `Job`); edited through
    /// `workspace_mut`, which copies it (the file list, not the files) if one still holds it.
    pub workspace: Arc<Workspace>,
    /// The catalog folders smm.toml names.
    shared: Workspace,
    pub model: Arc<Model>,
    /// The catalog files the model was built from, with the texts it was built from.
    model_inputs: Vec<(PathBuf, Arc<str>)>,
    /// Whether the model was built with the built-in mapping (`builtin-mappings`).
    model_mappings: smm_model::builtin::Mappings,
    pub(crate) model_problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// The latest check's results; behind `workspace` while `pending` holds work.
    pub analysis: Arc<Analysis>,
    /// The files open in the editor: their buffers, not the disk, count.
    pub open: BTreeSet<PathBuf>,
    /// Open buffers over the size limit, set aside unchecked (`set_aside`).
    aside: BTreeSet<PathBuf>,
    /// Files whose diagnostics may differ from what was last reported.
    pub(crate) dirty: Dirty,
    /// Counts changes, so that a report made before the latest one can be told apart.
    pub generation: u64,
    /// Checks the changes call for that have not been taken in yet: the changed files and
    /// their open dependents (`None`: the analysis is up to date with the workspace).
    pending: Option<jobs::Pending>,
    /// Closed files that depend on a change and are still to be checked again, after
    /// `pending`.
    deferred: BTreeSet<FileId>,
    /// The check on the worker, if one runs.
    running: Option<jobs::Running>,
    /// Numbers the jobs.
    jobs: u64,
    /// Counts the results taken in, so that a job's can be told to complete the analysis
    /// that is current.
    analyses: u64,
    /// The analysis the last result replaced, for the server to free on the worker.
    replaced: Option<Arc<Analysis>>,
    /// Whether a change altered results in files other than the changed ones, so that the
    /// client should ask again for what it shows in them (inlay hints, lenses, tokens).
    others_changed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dirty {
    Files(BTreeSet<FileId>),
    All,
}

impl Dirty {
    fn add(&mut self, files: impl IntoIterator<Item = FileId>) {
        if let Dirty::Files(set) = self {
            set.extend(files);
        }
    }
}

impl State {
    pub fn new(root: Option<PathBuf>) -> State {
        let model = smm_model::builtin::model();
        let analysis = smm_check::check(
            &Workspace::new(),
            &model,
            &LinkLoader(&Confinement::default()),
            &CheckOptions::default(),
        );
        let mut state = State {
            root,
            config: config::Config::default(),
            confinement: Confinement::default(),
            outside_links: Vec::new(),
            new_outside_links: Vec::new(),
            config_text: None,
            config_error: None,
            workspace: Arc::new(Workspace::new()),
            shared: Workspace::new(),
            model,
            model_inputs: Vec::new(),
            model_mappings: smm_model::builtin::Mappings::Builtin,
            model_problems: BTreeMap::new(),
            analysis: Arc::new(analysis),
            open: BTreeSet::new(),
            aside: BTreeSet::new(),
            dirty: Dirty::All,
            generation: 0,
            analyses: 0,
            replaced: None,
            pending: None,
            deferred: BTreeSet::new(),
            running: None,
            jobs: 0,
            others_changed: false,
        };
        state.scan();
        state.dirty = Dirty::All;
        state
    }

    /// Reads the disk again (see `read_disk`) and checks everything: on save and on file
    /// events, so that findings about files outside the workspace's `.smm` files (evidence
    /// links) catch up too.
    pub fn scan(&mut self) {
        let (changed, _) = self.read_disk();
        self.recheck(changed, true);
    }

    /// A newly opened buffer: the disk is read again (new files may have appeared), then the
    /// buffer goes over it, and what changed is checked once.
    pub fn open_buffer(&mut self, path: PathBuf, text: Arc<str>) {
        self.aside.remove(&path);
        let (mut changed, mut structural) = self.read_disk();
        self.open.insert(path.clone());
        match self.set(path.clone(), text) {
            Set::Changed(change) => changed.push(change),
            Set::New => structural = true,
            Set::Same => {}
        }
        self.recheck(changed, structural);
        self.touch(&path);
    }

    /// A buffer's new text.
    pub fn set_text(&mut self, path: PathBuf, text: Arc<str>) {
        self.aside.remove(&path);
        self.open.insert(path.clone());
        match self.set(path.clone(), text) {
            Set::Changed(change) => self.recheck(vec![change], false),
            Set::New => self.recheck(Vec::new(), true),
            Set::Same => {}
        }
        // Its diagnostics go out with the new version even when nothing changed.
        self.touch(&path);
    }

    /// An open buffer that is not checked (over the size limit): neither its text nor the
    /// file on disk takes part until it is set again. Whether it was not set aside already.
    pub fn set_aside(&mut self, path: &Path) -> bool {
        self.open.insert(path.to_path_buf());
        if self.workspace.id(path).is_some() {
            self.workspace_mut().remove(path);
            self.recheck(Vec::new(), true);
        }
        self.aside.insert(path.to_path_buf())
    }

    /// Marks a file's diagnostics to be reported again (a file of the workspace, or smm.toml).
    pub fn touch(&mut self, path: &Path) {
        match self.workspace.id(path) {
            Some(id) => self.dirty.add([id]),
            None => self.dirty = Dirty::All,
        }
    }

    /// A closed buffer: the file on disk counts again, or nothing if it is gone.
    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
        self.aside.remove(path);
        match input::read_file(path) {
            Ok(text) => match self.set(path.to_path_buf(), text) {
                Set::Changed(change) => self.recheck(vec![change], false),
                Set::New => self.recheck(Vec::new(), true),
                Set::Same => {}
            },
            Err(_) => {
                self.workspace_mut().remove(path);
                self.recheck(Vec::new(), true);
            }
        }
    }

    /// Symlinks found since the last call that lead out of what may be read (not read), to be
    /// told to the user once each.
    pub fn take_new_outside_links(&mut self) -> Vec<PathBuf> {
        std::mem::take(&mut self.new_outside_links)
    }

    /// Sets a file's text, saying what that changed.
    fn set(&mut self, path: PathBuf, text: impl Into<Arc<str>>) -> Set {
        let before = self.workspace.id(&path).and_then(|id| {
            let source = self.workspace.source(id)?;
            Some((source.text.clone(), names(&self.workspace, id)))
        });
        let file = self.workspace_mut().set(path, text);
        let Some(source) = self.workspace.source(file) else {
            return Set::Same;
        };
        match before {
            None => Set::New,
            Some((text, _)) if Arc::ptr_eq(&text, &source.text) => Set::Same,
            Some((text, names_before)) => Set::Changed(Changed {
                file,
                names_before: Some(names_before),
                item: smm_check::ItemEdit::find(file, &text, &source.text, &source.parse),
            }),
        }
    }

    /// Reads smm.toml and every `.smm` file under the root that is not open, and the catalog
    /// folders; forgets files that are gone. Neovim 0.7 sends no file events, so this runs on
    /// open and save too. Returns the changed files, and whether files came or went or the
    /// configuration changed (then everything is checked again).
    fn read_disk(&mut self) -> (Vec<Changed>, bool) {
        let Some(root) = self.root.clone() else {
            return (Vec::new(), false);
        };
        let found = walk::find_root(&root);
        let config_text = found
            .config_file
            .as_ref()
            .map(|file| input::read_file(file).unwrap_or_default());
        let mut structural = config_text != self.config_text;
        if structural {
            self.read_config(
                found.config_file.as_deref(),
                config_text.as_deref(),
                &found.dir,
            );
            self.config_text = config_text;
        }

        self.confinement = self.config.confinement(&found.dir);
        let walk = walk::walk(
            &found.dir,
            &found.dir,
            &self.config.exclude,
            &self.confinement,
        );
        if walk.outside != self.outside_links {
            self.new_outside_links = walk
                .outside
                .iter()
                .filter(|link| !self.outside_links.contains(link))
                .cloned()
                .collect();
            self.outside_links = walk.outside;
        }
        let files = walk.files;
        let present: BTreeSet<&PathBuf> = files.iter().collect();
        let gone: Vec<PathBuf> = self
            .workspace
            .sources()
            .map(|(_, s)| s.path.clone())
            .filter(|p| !present.contains(p) && !self.open.contains(p))
            .collect();
        structural |= !gone.is_empty();
        for path in gone {
            self.workspace_mut().remove(&path);
        }
        let mut changed = Vec::new();
        for path in &files {
            if self.open.contains(path) {
                continue;
            }
            let Ok(text) = input::read_file(path) else {
                continue;
            };
            match self.set(path.clone(), text) {
                Set::Changed(change) => changed.push(change),
                Set::New => structural = true,
                Set::Same => {}
            }
        }

        let mut catalog_files = BTreeSet::new();
        for folder in &self.config.catalogs {
            let walk = walk::walk(folder, folder, &walk::GlobSet::empty(), &self.confinement);
            for path in walk.files {
                if let Ok(text) = input::read_file(&path) {
                    catalog_files.insert(path.clone());
                    self.shared.set(path, text);
                }
            }
        }
        let stale: Vec<PathBuf> = self
            .shared
            .sources()
            .map(|(_, s)| s.path.clone())
            .filter(|p| !catalog_files.contains(p))
            .collect();
        for path in stale {
            self.shared.remove(&path);
        }
        (changed, structural)
    }

    fn read_config(&mut self, file: Option<&Path>, text: Option<&str>, dir: &Path) {
        self.config_error = None;
        self.config = match (file, text) {
            (Some(file), Some(text)) => match config::parse(text, dir) {
                Ok(config) => config,
                Err((offset, message)) => {
                    self.config_error =
                        Some((file.to_path_buf(), text.to_string(), offset, message));
                    config::Config::default()
                }
            },
            _ => config::Config::default(),
        };
    }

    /// Works out what `changed` calls for and adds it to `pending` (or `deferred`), for a
    /// check on the worker; `structural` when files came or went or the configuration changed.
    /// The model is brought up to date at once.
    fn recheck(&mut self, changed: Vec<Changed>, structural: bool) {
        let model_changed = self.update_model();
        let names_kept = changed
            .iter()
            .all(|c| c.names_before.as_ref() == Some(&names(&self.workspace, c.file)));
        if structural || model_changed || !names_kept {
            self.generation += 1;
            self.pending = Some(jobs::Pending::All);
            self.deferred.clear();
            self.others_changed = true;
            return;
        }
        if changed.is_empty() {
            return;
        }
        self.generation += 1;
        // An edit inside one assessment's body: only that assessment can see it, and no
        // other file depends on an assessment.
        if let [Changed {
            item: Some(edit), ..
        }] = changed.as_slice()
        {
            let pending = self.pending.take();
            self.pending = Some(jobs::Pending::with_item(pending, edit.clone()));
            return;
        }
        // The changed files and the open ones among their dependents first; the closed ones
        // after their diagnostics have gone out.
        let mut now: BTreeSet<FileId> = changed.iter().map(|c| c.file).collect();
        for file in self.analysis.dependents_of(now.clone()) {
            if now.contains(&file) || self.is_open(file) {
                now.insert(file);
            } else {
                self.deferred.insert(file);
            }
        }
        for file in &now {
            self.deferred.remove(file);
        }
        self.others_changed |= now.len() > changed.len() || !self.deferred.is_empty();
        let pending = self.pending.take();
        self.pending = Some(jobs::Pending::with_files(pending, now));
    }

    /// Whether results in other files changed since the last call.
    pub fn take_others_changed(&mut self) -> bool {
        std::mem::take(&mut self.others_changed)
    }

    fn options(&self, only: Option<BTreeSet<FileId>>) -> CheckOptions {
        CheckOptions {
            expiry_warning_days: self.config.expiry_warning_days,
            only,
            ..CheckOptions::default()
        }
    }

    fn is_open(&self, file: FileId) -> bool {
        self.workspace
            .source(file)
            .is_some_and(|s| self.open.contains(&s.path))
    }

    fn workspace_mut(&mut self) -> &mut Workspace {
        Arc::make_mut(&mut self.workspace)
    }

    /// Builds the model again when a catalog file changed; true when it did.
    fn update_model(&mut self) -> bool {
        let inputs: Vec<(PathBuf, Arc<str>)> = self
            .shared
            .sources()
            .chain(self.workspace.sources())
            .filter(|(_, s)| smm_check::catalogs::defines(&s.parse.file))
            .map(|(_, s)| (s.path.clone(), s.text.clone()))
            .collect();
        let same = self.model_mappings == self.config.mappings
            && inputs.len() == self.model_inputs.len()
            && inputs
                .iter()
                .zip(&self.model_inputs)
                .all(|((p, t), (q, u))| p == q && (Arc::ptr_eq(t, u) || t == u));
        if same {
            return false;
        }
        self.model_problems.clear();
        self.model_mappings = self.config.mappings;
        if inputs.is_empty() {
            self.model = smm_model::builtin::model_with(self.config.mappings);
            self.model_inputs = inputs;
            return true;
        }
        let files = self.shared.sources().chain(self.workspace.sources());
        let (model, problems) = smm_check::catalogs::model_of(
            files.map(|(_, s)| (s.path.as_path(), &*s.text, &s.parse.file)),
            self.config.mappings,
        );
        for problem in &problems {
            let Some(path) = smm_check::catalogs::path_of(&model, problem) else {
                continue;
            };
            let diagnostic = problem.to_diagnostic(&model, |file| match &model.file(file).origin {
                smm_model::Origin::User(p) => p.display().to_string(),
                smm_model::Origin::Builtin(name) => format!("<built-in>/{name}"),
            });
            self.model_problems
                .entry(path)
                .or_default()
                .push(diagnostic);
        }
        self.model = model;
        self.model_inputs = inputs;
        true
    }

    /// What requests are answered from: the latest texts and parses, and the latest
    /// analysis, which may be a check behind them (`is_settled`).
    pub fn world(&self) -> World {
        World {
            workspace: Arc::clone(&self.workspace),
            model: Arc::clone(&self.model),
            analysis: Arc::clone(&self.analysis),
        }
    }
}

fn names(workspace: &Workspace, file: FileId) -> Vec<String> {
    workspace
        .source(file)
        .map(|s| smm_check::declared_names(&s.parse.file))
        .unwrap_or_default()
}

/// The checker asks its loader only whether a linked file exists: the texts come from the
/// scan and the buffers.
struct LinkLoader<'a>(&'a Confinement);

impl smm_check::Loader for LinkLoader<'_> {
    fn files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    fn read(&self, path: &Path) -> Result<String, String> {
        input::read_file(path).map_err(|e| e.to_string())
    }
    fn locate(&self, from: &Path, link: &Path) -> smm_check::Located {
        self.0.locate(from, link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl State {
        /// Runs the jobs there are, one after the other, as the worker would; how many.
        fn run_jobs(&mut self) -> usize {
            let mut jobs = 0;
            while let Some(job) = self.next_job() {
                let analysis = job.run();
                assert_eq!(self.finish(&job, analysis), Outcome::Applied);
                jobs += 1;
            }
            jobs
        }
    }

    const PROFILE: &str = "profile base {\n  role asset-owner\n  target identities level 2\n  target monitoring level 1\n}\n";
    const ASSESSMENT: &str = "assessment NAME {\n  profile base\n  date 2026-11-10\n  practice identities level 1 {\n    evidence \"Accounts\" implements iso27002:5.16\n  }\n}\n";

    fn full_check(state: &State) -> Vec<smm_check::Finding> {
        smm_check::check(
            &state.workspace,
            &state.model,
            &LinkLoader(&state.confinement),
            &CheckOptions::default(),
        )
        .findings()
        .cloned()
        .collect()
    }

    /// After a profile edit, the open assessment is checked at once and the closed one after;
    /// then the analysis is what a full check gives.
    #[test]
    fn closed_dependents_are_checked_after_the_open_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("smm.toml"), "").unwrap();
        std::fs::write(root.join("base.smm"), PROFILE).unwrap();
        // More closed files than one `check_deferred` call takes.
        for name in ["open", "closed", "c2", "c3", "c4", "c5", "c6"] {
            let text = ASSESSMENT.replace("NAME", name);
            std::fs::write(root.join(format!("{name}.smm")), text).unwrap();
        }
        let mut state = State::new(Some(root.to_path_buf()));
        assert_eq!(state.run_jobs(), 1);
        let open = root.join("open.smm");
        let text = std::fs::read_to_string(&open).unwrap();
        state.open_buffer(open.clone(), text.into());
        state.open_buffer(root.join("base.smm"), PROFILE.into());
        state.run_jobs();
        let findings = |state: &State| state.analysis.findings().cloned().collect::<Vec<_>>();
        let before = findings(&state);

        let edited = PROFILE.replace("identities level 2", "identities level 1");
        state.set_text(root.join("base.smm"), edited.into());
        // The open files' check only.
        let job = state.next_job().unwrap();
        let analysis = job.run();
        assert_eq!(state.finish(&job, analysis), Outcome::Applied);
        let closed = state.workspace.id(&root.join("closed.smm")).unwrap();
        let open = state.workspace.id(&open).unwrap();
        let codes = |state: &State, file| -> Vec<&str> {
            state.analysis.findings_of(file).map(|f| f.code()).collect()
        };
        assert!(!codes(&state, open).contains(&"check::unmet-target"));
        assert!(
            codes(&state, closed).contains(&"check::unmet-target"),
            "not checked yet"
        );
        assert_ne!(findings(&state), full_check(&state));

        // Then the closed ones, all in one job.
        assert_eq!(state.run_jobs(), 1);
        assert!(!codes(&state, closed).contains(&"check::unmet-target"));
        assert_eq!(findings(&state), full_check(&state));
        assert_ne!(findings(&state), before);
    }

    /// `builtin-mappings = false` in smm.toml leaves the built-in edges out of the model, and
    /// turning it back on brings them back, without a restart.
    #[test]
    fn the_builtin_mapping_follows_smm_toml() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("smm.toml"), "builtin-mappings = false\n").unwrap();
        std::fs::write(root.join("base.smm"), PROFILE).unwrap();
        let mut state = State::new(Some(root.to_path_buf()));
        assert_eq!(state.model.edges().len(), 0);
        std::fs::write(root.join("smm.toml"), "").unwrap();
        state.scan();
        state.run_jobs();
        assert!(state.model.edges().len() > 100);
    }
}
