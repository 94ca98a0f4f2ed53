//! Goto definition, references and rename over workspaces of several files: each fixture
//! under `fixtures/{goto,references,rename}/` holds files separated by `//- /path.smm` lines
//! and one `$0` cursor; the result is snapshotted beside it.

use std::path::{Path, PathBuf};

use smm_check::{check, CheckOptions, Loader, Workspace};
use smm_ide::{NavTarget, Snapshot};
use smm_model::Origin;

struct Files(Vec<(PathBuf, String)>);

impl Loader for Files {
    fn files(&self) -> Vec<PathBuf> {
        self.0.iter().map(|(p, _)| p.clone()).collect()
    }
    fn read(&self, path: &Path) -> Result<String, String> {
        let (_, text) = self.0.iter().find(|(p, _)| p == path).unwrap();
        Ok(text.clone())
    }
    fn exists(&self, _: &Path) -> bool {
        false
    }
}

/// The files of a fixture, and the cursor's file and offset.
fn split(fixture: &str) -> (Files, PathBuf, usize) {
    let mut files = Vec::new();
    let mut cursor = None;
    for part in fixture.split("//- ").filter(|p| !p.trim().is_empty()) {
        let (path, text) = part.split_once('\n').unwrap();
        let path = PathBuf::from(path.trim());
        let text = match text.find("$0") {
            Some(offset) => {
                cursor = Some((path.clone(), offset));
                text.replacen("$0", "", 1)
            }
            None => text.to_string(),
        };
        files.push((path, text));
    }
    let (path, offset) = cursor.expect("a $0 cursor");
    (Files(files), path, offset)
}

fn each(dir: &str, feature: impl Fn(&Snapshot<'_>, smm_ide::FileId, usize) -> String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    let mut entries: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smm"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 3, "{dir}: only {} fixtures", entries.len());
    for path in entries {
        let (loader, cursor_file, offset) = split(&std::fs::read_to_string(&path).unwrap());
        let workspace = Workspace::load(&loader);
        // The workspace's own catalog files join the model, as in the server.
        let (model, problems) = smm_check::catalogs::model_of(
            workspace
                .sources()
                .map(|(_, s)| (s.path.as_path(), &*s.text, &s.parse.file)),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let analysis = check(&workspace, &model, &loader, &CheckOptions::default());
        let snapshot = Snapshot {
            workspace: &workspace,
            model: &model,
            analysis: &analysis,
        };
        let file = workspace.id(&cursor_file).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let result = feature(&snapshot, file, offset);
        assert!(!result.trim().is_empty(), "{dir}/{name}: no result");
        insta::assert_snapshot!(name, result);
    }
}

fn show(snapshot: &Snapshot<'_>, target: &NavTarget) -> String {
    match *target {
        NavTarget::File { file, span } => {
            let source = snapshot.workspace.source(file).unwrap();
            let (line, column) = smm_check::line_column(&source.text, span.start);
            format!(
                "{}:{line}:{column} «{}»",
                source.path.display(),
                &source.text[span.range()]
            )
        }
        NavTarget::Catalog(location) => {
            let file = snapshot.model.file(location.file);
            let (line, column) = snapshot.model.line_col(location);
            let origin = match &file.origin {
                Origin::Builtin(name) => format!("<built-in>/{name}"),
                Origin::User(path) => path.display().to_string(),
            };
            format!(
                "{origin}:{line}:{column} «{}»",
                &file.text[location.span.range()]
            )
        }
    }
}

#[test]
fn goto_fixtures() {
    each("goto", |snapshot, file, offset| {
        smm_ide::goto_definition(snapshot, file, offset)
            .iter()
            .map(|t| show(snapshot, t))
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn reference_fixtures() {
    each("references", |snapshot, file, offset| {
        smm_ide::references(snapshot, file, offset, true)
            .iter()
            .map(|t| show(snapshot, t))
            .collect::<Vec<_>>()
            .join("\n")
    });
}

/// The renamed files in full, or the refusal; the new name is `renamed-by-test`.
#[test]
fn rename_fixtures() {
    each("rename", |snapshot, file, offset| {
        let edits = match smm_ide::rename(snapshot, file, offset, "renamed-by-test") {
            Ok(edits) => edits,
            Err(refusal) => return format!("refused: {refusal}"),
        };
        let mut files: Vec<smm_ide::FileId> = edits.iter().map(|e| e.file).collect();
        files.dedup();
        let mut out = String::new();
        for file in files {
            let source = snapshot.workspace.source(file).unwrap();
            let mut text = source.text.to_string();
            for edit in edits.iter().filter(|e| e.file == file).rev() {
                text.replace_range(edit.span.range(), &edit.text);
            }
            out.push_str(&format!("//- {}\n{text}", source.path.display()));
        }
        out
    });
}

/// Renaming checks the new name and refuses what it cannot rename, with a reason.
#[test]
fn rename_refuses_bad_names_taken_names_and_model_ids() {
    let (loader, path, offset) = split(
        "//- /w/p.smm\nprofile ba$0se {\n  target identities level 2\n}\nprofile other {\n  extends base\n}\n",
    );
    let workspace = Workspace::load(&loader);
    let model = smm_model::builtin::model();
    let analysis = check(&workspace, &model, &loader, &CheckOptions::default());
    let snapshot = Snapshot {
        workspace: &workspace,
        model: &model,
        analysis: &analysis,
    };
    let file = workspace.id(&path).unwrap();
    for bad in ["Base", "two words", "target", "", "a--b"] {
        let refusal = smm_ide::rename(&snapshot, file, offset, bad).unwrap_err();
        assert!(refusal.contains("is not a name"), "{bad}: {refusal}");
    }
    let taken = smm_ide::rename(&snapshot, file, offset, "other").unwrap_err();
    assert!(taken.contains("already"), "{taken}");
    let on_practice = workspace
        .source(file)
        .unwrap()
        .text
        .find("identities")
        .unwrap();
    let refusal = smm_ide::prepare_rename(&snapshot, file, on_practice).unwrap_err();
    assert!(refusal.contains("`identities`"), "{refusal}");
    assert_eq!(
        smm_ide::rename(&snapshot, file, offset, "renamed").map(|e| e.len()),
        Ok(2)
    );
}
