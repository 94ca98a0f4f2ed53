//! Inlay hints and code lenses: one fixture per case under `fixtures/inlay-hints/` and
//! `fixtures/code-lens/`. A fixture is one file, or several separated by `//- /path.smm` lines;
//! every file's result is rendered as the editor shows it and snapshotted beside the fixtures.

use std::path::{Path, PathBuf};

use smm_check::{check, CheckOptions, Loader, Workspace};
use smm_ide::{FileId, Snapshot};
use smm_syntax::Span;

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

fn split(fixture: &str) -> Files {
    if !fixture.starts_with("//- ") {
        return Files(vec![("/w/fixture.smm".into(), fixture.to_string())]);
    }
    let files = fixture
        .split("//- ")
        .filter(|p| !p.trim().is_empty())
        .map(|part| {
            let (path, text) = part.split_once('\n').unwrap();
            (PathBuf::from(path.trim()), text.to_string())
        })
        .collect();
    Files(files)
}

/// Runs `feature` on every file of every fixture in `dir`.
fn each(dir: &str, feature: impl Fn(&Snapshot<'_>, FileId, &str) -> String) {
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
        let loader = split(&std::fs::read_to_string(&path).unwrap());
        let workspace = Workspace::load(&loader);
        let model = smm_model::builtin::model();
        let analysis = check(&workspace, &model, &loader, &CheckOptions::default());
        let snapshot = Snapshot {
            workspace: &workspace,
            model: &model,
            analysis: &analysis,
        };
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut result = String::new();
        for (file_path, _) in &loader.0 {
            let file = workspace.id(file_path).unwrap();
            let text = &workspace.source(file).unwrap().text;
            let rendered = feature(&snapshot, file, text);
            if loader.0.len() > 1 {
                result.push_str(&format!("//- {}\n", file_path.display()));
            }
            result.push_str(&rendered);
        }
        assert!(
            result.contains('«') || result.contains("line "),
            "{dir}/{name}: no result"
        );
        insta::assert_snapshot!(name, result);
    }
}

/// The text with each hint's label inserted at its offset, then the tooltips by line.
fn render_hints(snapshot: &Snapshot<'_>, file: FileId, text: &str) -> String {
    let hints = smm_ide::inlay_hints(snapshot, file, Span::new(0, text.len()));
    let mut out = text.to_string();
    for hint in hints.iter().rev() {
        let pad = if hint.padding_left { " " } else { "" };
        out.insert_str(hint.offset, &format!("{pad}«{}»", hint.label));
    }
    for hint in &hints {
        let (line, _) = smm_check::line_column(text, hint.offset);
        let tooltip = hint.tooltip.as_deref().unwrap_or("(none)");
        let tooltip = tooltip
            .lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let tooltip = tooltip.trim_start();
        out.push_str(&format!("\nline {line} «{}»: {tooltip}", hint.label));
    }
    out.push('\n');
    out
}

fn render_lenses(snapshot: &Snapshot<'_>, file: FileId, text: &str) -> String {
    smm_ide::code_lenses(snapshot, file)
        .iter()
        .map(|lens| {
            let (line, _) = smm_check::line_column(text, lens.span.start);
            format!(
                "line {line} `{}`: {}\n",
                &text[lens.span.range()],
                lens.title
            )
        })
        .collect()
}

#[test]
fn inlay_hint_fixtures() {
    each("inlay-hints", render_hints);
}

#[test]
fn code_lens_fixtures() {
    each("code-lens", render_lenses);
}

#[test]
fn only_hints_in_the_range_are_given() {
    let text = "profile p {\n  role asset-owner\n  target access-control level 3\n}\n\
                assessment a {\n  profile p\n  practice access-control level 2\n  practice monitoring level 1\n}\n";
    let loader = split(text);
    let workspace = Workspace::load(&loader);
    let model = smm_model::builtin::model();
    let analysis = check(&workspace, &model, &loader, &CheckOptions::default());
    let snapshot = Snapshot {
        workspace: &workspace,
        model: &model,
        analysis: &analysis,
    };
    let file = workspace.id(Path::new("/w/fixture.smm")).unwrap();
    let all = smm_ide::inlay_hints(&snapshot, file, Span::new(0, text.len()));
    assert_eq!(all.len(), 2, "{all:?}");
    let second_line = text.find("  practice monitoring").unwrap();
    let some = smm_ide::inlay_hints(&snapshot, file, Span::new(second_line, text.len()));
    assert_eq!(some.len(), 1);
    assert_eq!(some[0].label, "no target");
    assert!(smm_ide::inlay_hints(&snapshot, file, Span::new(0, 10)).is_empty());
}
