//! The server's view of the workspace: the files on disk under the root with the open buffers
//! over them, the model, and the checker's latest analysis. All work on it is synchronous and
//! happens under one lock that is never held across an `.await`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use smm_check::disk::{config, input, walk};
use smm_check::{Analysis, CheckOptions, FileId, Workspace};
use smm_model::Model;
use smm_syntax::Diagnostic;

/// An open document: the client's text and version.
#[derive(Clone, Debug)]
pub struct Open {
    pub version: i32,
}

pub struct State {
    pub root: Option<PathBuf>,
    pub config: config::Config,
    /// smm.toml when it is broken: its path, text, and the offset and text of the problem.
    config_error: Option<(PathBuf, String, usize, String)>,
    pub workspace: Workspace,
    shared: Workspace,
    pub model: Model,
    model_problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    pub analysis: Analysis,
    pub open: BTreeMap<PathBuf, Open>,
}

/// The diagnostics of one file, ready to send.
pub struct FileDiagnostics {
    pub path: PathBuf,
    pub version: Option<i32>,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl State {
    pub fn new(root: Option<PathBuf>) -> State {
        let mut state = State {
            root,
            config: config::Config::default(),
            config_error: None,
            workspace: Workspace::new(),
            shared: Workspace::new(),
            model: Model::default(),
            model_problems: BTreeMap::new(),
            analysis: smm_check::check(
                &Workspace::new(),
                &Model::default(),
                &Disk,
                &CheckOptions::default(),
            ),
            open: BTreeMap::new(),
        };
        state.scan();
        state
    }

    /// Re-reads the disk (see `read_disk`) and checks again.
    pub fn scan(&mut self) {
        self.read_disk();
        self.recheck();
    }

    /// Reads smm.toml and every `.smm` file under the root that is not open; forgets files
    /// that are gone. Neovim 0.7 sends no file events, so this runs on open and save too.
    fn read_disk(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let found = walk::find_root(&root);
        self.config_error = None;
        self.config = match &found.config_file {
            Some(file) => {
                let text = input::read_file(file).unwrap_or_default();
                match config::parse(&text, &found.dir) {
                    Ok(config) => config,
                    Err((offset, message)) => {
                        self.config_error = Some((file.clone(), text, offset, message));
                        config::Config::default()
                    }
                }
            }
            None => config::Config::default(),
        };
        let files = walk::walk(&found.dir, &found.dir, &self.config.exclude).files;
        let present: BTreeSet<&PathBuf> = files.iter().collect();
        let gone: Vec<PathBuf> = self
            .workspace
            .sources()
            .map(|(_, s)| s.path.clone())
            .filter(|p| !present.contains(p) && !self.open.contains_key(p))
            .collect();
        for path in gone {
            self.workspace.remove(&path);
        }
        for path in &files {
            if self.open.contains_key(path) {
                continue;
            }
            if let Ok(text) = input::read_file(path) {
                self.workspace.set(path.clone(), text);
            }
        }
        self.shared = Workspace::new();
        for folder in &self.config.catalogs {
            for path in walk::walk(folder, folder, &globset_empty()).files {
                if let Ok(text) = input::read_file(&path) {
                    self.shared.set(path, text);
                }
            }
        }
    }

    /// A newly opened buffer: the disk is read again (new files may have appeared), then the
    /// buffer goes over it, and the workspace is checked once.
    pub fn open_buffer(&mut self, path: PathBuf, text: String, version: i32) {
        self.read_disk();
        self.set_text(path, text, version);
    }

    /// A buffer's new text.
    pub fn set_text(&mut self, path: PathBuf, text: String, version: i32) {
        self.open.insert(path.clone(), Open { version });
        self.workspace.set(path, text);
        self.recheck();
    }

    /// A closed buffer: the file on disk counts again, or nothing if it is gone.
    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
        match input::read_file(path) {
            Ok(text) => {
                self.workspace.set(path.to_path_buf(), text);
            }
            Err(_) => self.workspace.remove(path),
        }
        self.recheck();
    }

    fn recheck(&mut self) {
        let files = self.shared.sources().chain(self.workspace.sources());
        let (model, problems) = smm_check::catalogs::model_of(
            files.map(|(_, s)| (s.path.as_path(), &*s.text, &s.parse.file)),
        );
        self.model_problems.clear();
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
        let options = CheckOptions {
            expiry_warning_days: self.config.expiry_warning_days,
            ..CheckOptions::default()
        };
        self.analysis = smm_check::check(&self.workspace, &self.model, &Disk, &options);
    }

    /// Every file's diagnostics: syntax errors, catalog problems and findings.
    pub fn diagnostics(&self) -> Vec<FileDiagnostics> {
        let mut all = Vec::new();
        for (id, source) in self.workspace.sources() {
            let mut diagnostics = source.parse.errors.clone();
            diagnostics.extend(
                self.model_problems
                    .get(&source.path)
                    .cloned()
                    .unwrap_or_default(),
            );
            let shown = |p: &Path| p.display().to_string();
            for finding in self.analysis.findings_of(id) {
                let mut d = finding.to_diagnostic(&self.workspace, &shown);
                if let Some(severity) = self.config.severity.get(d.code) {
                    d.severity = *severity;
                }
                if finding.waived.is_some() {
                    d.severity = smm_syntax::Severity::Hint;
                }
                diagnostics.push(d);
            }
            all.push(FileDiagnostics {
                path: source.path.clone(),
                version: self.open.get(&source.path).map(|o| o.version),
                text: source.text.to_string(),
                diagnostics,
            });
        }
        if let Some((path, text, offset, message)) = &self.config_error {
            let span = smm_syntax::Span::new(*offset, *offset);
            all.push(FileDiagnostics {
                path: path.clone(),
                version: None,
                text: text.clone(),
                diagnostics: vec![Diagnostic::new(
                    smm_syntax::Severity::Error,
                    "config::invalid",
                    span,
                    format!("{message}; the defaults apply until it is fixed"),
                )],
            });
        }
        all
    }

    pub fn file(&self, path: &Path) -> Option<FileId> {
        self.workspace.id(path)
    }

    pub fn snapshot(&self) -> smm_ide::Snapshot<'_> {
        smm_ide::Snapshot {
            workspace: &self.workspace,
            model: &self.model,
            analysis: &self.analysis,
        }
    }
}

fn globset_empty() -> walk::GlobSet {
    walk::GlobSet::empty()
}

/// The checker asks its loader only whether a linked file exists: the texts come from the
/// scan and the buffers.
struct Disk;

impl smm_check::Loader for Disk {
    fn files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    fn read(&self, path: &Path) -> Result<String, String> {
        input::read_file(path).map_err(|e| e.to_string())
    }
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
}
