//! The harness the editor-feature tests share: fixtures of one or several files with `$0`
//! cursors, a workspace checked as the language server checks it, and the loop that runs a
//! feature over every fixture of a folder and snapshots the result beside the fixtures.
// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use smm_check::{check, Analysis, CheckOptions, FileId, Loader, Located, Workspace};
use smm_ide::Snapshot;
use smm_model::{Model, ModelDiagnostic};

/// Where a fixture without `//- /path.smm` lines lives. No result shows the path of a lone
/// file, so any absolute path does.
const ONE_FILE: &str = "/w/fixture.smm";

/// The files of a workspace with their texts, in order.
pub struct Files(pub Vec<(PathBuf, String)>);

impl Files {
    pub fn one(text: &str) -> Files {
        Files(vec![(PathBuf::from(ONE_FILE), text.to_string())])
    }

    /// The files of a fixture and its `$0` cursors, in order, taken out of the text. A fixture
    /// that starts with a `//- /path.smm` line holds a file after each such line; any other is
    /// one file.
    pub fn split(fixture: &str) -> (Files, Vec<(PathBuf, usize)>) {
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        if fixture.starts_with("//- ") {
            for line in fixture.split_inclusive('\n') {
                match line.strip_prefix("//- ") {
                    Some(path) => files.push((PathBuf::from(path.trim()), String::new())),
                    None => files.last_mut().unwrap().1.push_str(line),
                }
            }
        } else {
            files.push((PathBuf::from(ONE_FILE), fixture.to_string()));
        }
        let mut cursors = Vec::new();
        for (path, text) in &mut files {
            let (clean, offsets) = take_cursors(text);
            *text = clean;
            cursors.extend(offsets.into_iter().map(|offset| (path.clone(), offset)));
        }
        (Files(files), cursors)
    }
}

impl Loader for Files {
    fn files(&self) -> Vec<PathBuf> {
        self.0.iter().map(|(p, _)| p.clone()).collect()
    }
    fn read(&self, path: &Path) -> Result<String, String> {
        let (_, text) = self.0.iter().find(|(p, _)| p == path).unwrap();
        Ok(text.clone())
    }
    fn locate(&self, _: &Path, _: &Path) -> Located {
        Located::Missing
    }
}

/// A text without its `$0` cursors, and the offsets of the cursors in it.
pub fn take_cursors(text: &str) -> (String, Vec<usize>) {
    let mut clean = String::new();
    let mut offsets = Vec::new();
    for (i, piece) in text.split("$0").enumerate() {
        if i > 0 {
            offsets.push(clean.len());
        }
        clean.push_str(piece);
    }
    (clean, offsets)
}

/// A workspace of files, checked.
pub struct Built {
    pub workspace: Workspace,
    pub model: Arc<Model>,
    /// The problems of the workspace's own catalogs.
    pub problems: Vec<ModelDiagnostic>,
    pub analysis: Analysis,
    /// The id of each file, in the order of the `Files`.
    pub files: Vec<FileId>,
}

impl Built {
    pub fn new(files: &Files) -> Built {
        let workspace = Workspace::load(files);
        let catalogs: Vec<_> = workspace
            .sources()
            .map(|(_, s)| (s.path.as_path(), &*s.text, &s.parse.file))
            .filter(|(_, _, file)| smm_check::catalogs::defines(file))
            .collect();
        // The workspace's own catalog files join the model, as in the server. Without any,
        // `model_of` gives the built-in one, shared: building it again for each of the
        // hundreds of workspaces some tests check makes them many times slower.
        let (model, problems) =
            smm_check::catalogs::model_of(catalogs, smm_model::builtin::Mappings::Builtin);
        let analysis = check(&workspace, &model, files, &CheckOptions::default());
        let ids = files
            .0
            .iter()
            .map(|(p, _)| workspace.id(p).unwrap())
            .collect();
        Built {
            workspace,
            model,
            problems,
            analysis,
            files: ids,
        }
    }

    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot {
            workspace: &self.workspace,
            model: &self.model,
            analysis: &self.analysis,
        }
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.workspace.source(file).unwrap().text
    }
}

/// One fixture, built.
pub struct Fixture {
    pub built: Built,
    /// The file of the first cursor, or the first file when there is none.
    pub file: FileId,
    /// The cursors in `file`.
    pub cursors: Vec<usize>,
}

impl Fixture {
    pub fn new(fixture: &str) -> Fixture {
        let (files, cursors) = Files::split(fixture);
        let built = Built::new(&files);
        let path = cursors.first().map_or(&files.0[0].0, |(path, _)| path);
        let file = built.workspace.id(path).unwrap();
        let cursors = cursors
            .iter()
            .filter(|(p, _)| p == path)
            .map(|&(_, offset)| offset)
            .collect();
        Fixture {
            built,
            file,
            cursors,
        }
    }

    pub fn snapshot(&self) -> Snapshot<'_> {
        self.built.snapshot()
    }

    pub fn text(&self) -> &str {
        self.built.text(self.file)
    }

    /// The one cursor of a fixture that needs it.
    pub fn cursor(&self) -> usize {
        *self.cursors.first().expect("a $0 cursor")
    }
}

pub fn fixtures_dir(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

/// The `.smm` files directly in `dir`, sorted.
pub fn smm_files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smm"))
        .collect();
    found.sort();
    found
}

/// Every `.smm` file under the repository's `examples`, sorted.
pub fn examples() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "smm") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Snapshots go beside the fixtures of `dir`, named by the fixture alone, so they do not
/// move when a test moves between files.
pub fn snapshot_settings(dir: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(fixtures_dir(dir).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// Runs `check` on every fixture in `fixtures/<dir>` (at least `min` of them), given the
/// fixture's name, and snapshots what it renders under that name; it must not be empty.
pub fn each_fixture(dir: &str, min: usize, mut check: impl FnMut(&str, &Fixture) -> String) {
    let _guard = snapshot_settings(dir).bind_to_scope();
    let paths = smm_files(&fixtures_dir(dir));
    assert!(paths.len() >= min, "{dir}: only {} fixtures", paths.len());
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture = Fixture::new(&std::fs::read_to_string(&path).unwrap());
        let result = check(&name, &fixture);
        assert!(!result.trim().is_empty(), "{dir}/{name}: no result");
        insta::assert_snapshot!(name, result);
    }
}
