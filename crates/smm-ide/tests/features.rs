//! One fixture per case: `fixtures/hover/*.smm` and `fixtures/completion/*.smm`, each with a
//! `$0` cursor. Every result is non-empty and snapshotted beside the fixtures.

use std::path::{Path, PathBuf};

use smm_check::{check, CheckOptions, Loader, Workspace};
use smm_ide::Snapshot;

struct One(PathBuf, String);

impl Loader for One {
    fn files(&self) -> Vec<PathBuf> {
        vec![self.0.clone()]
    }
    fn read(&self, _: &Path) -> Result<String, String> {
        Ok(self.1.clone())
    }
    fn exists(&self, _: &Path) -> bool {
        false
    }
}

/// Runs `feature` at the cursor of every fixture in `dir`.
fn each(dir: &str, feature: impl Fn(&Snapshot<'_>, smm_ide::FileId, usize) -> Option<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smm"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let offset = text.find("$0").expect("a $0 cursor");
        let text = text.replacen("$0", "", 1);
        let loader = One(PathBuf::from("/w/fixture.smm"), text);
        let workspace = Workspace::load(&loader);
        let model = smm_model::builtin::model();
        let analysis = check(&workspace, &model, &loader, &CheckOptions::default());
        let snapshot = Snapshot {
            workspace: &workspace,
            model: &model,
            analysis: &analysis,
        };
        let file = workspace.id(Path::new("/w/fixture.smm")).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let result =
            feature(&snapshot, file, offset).unwrap_or_else(|| panic!("{dir}/{name}: no result"));
        insta::assert_snapshot!(name, result);
        seen += 1;
    }
    assert!(seen >= 3, "{dir}: only {seen} fixtures");
}

#[test]
fn hover_fixtures() {
    each("hover", |snapshot, file, offset| {
        smm_ide::hover(snapshot, file, offset).map(|h| {
            let source = snapshot.workspace.source(file).unwrap();
            format!("on `{}`\n\n{}", &source.text[h.range.range()], h.markdown)
        })
    });
}

#[test]
fn completion_fixtures() {
    each("completion", |snapshot, file, offset| {
        let items = smm_ide::completions(snapshot, file, offset);
        (!items.is_empty()).then(|| {
            items
                .iter()
                .map(|c| {
                    let detail = c.detail.as_deref().unwrap_or("");
                    let detail: String = detail.chars().take(60).collect();
                    format!("{:?} {}  {detail}", c.kind, c.label)
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
    });
}
