//! Goto definition, references and rename over workspaces of several files: each fixture
//! under `fixtures/{goto,references,rename}/` holds files separated by `//- /path.smm` lines
//! and one `$0` cursor; the result is snapshotted beside it.

mod common;

use common::{each_fixture, Fixture};
use smm_ide::{NavTarget, Snapshot};
use smm_model::Origin;

fn each(dir: &str, feature: impl Fn(&Snapshot<'_>, smm_ide::FileId, usize) -> String) {
    each_fixture(dir, 3, |_, fixture| {
        let problems = &fixture.built.problems;
        assert!(problems.is_empty(), "{problems:?}");
        feature(&fixture.snapshot(), fixture.file, fixture.cursor())
    });
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
    let fixture = Fixture::new(
        "//- /w/p.smm\nprofile ba$0se {\n  target identities level 2\n}\nprofile other {\n  extends base\n}\n",
    );
    let snapshot = fixture.snapshot();
    let (file, offset) = (fixture.file, fixture.cursor());
    for bad in ["Base", "two words", "target", "", "a--b"] {
        let refusal = smm_ide::rename(&snapshot, file, offset, bad).unwrap_err();
        assert!(refusal.contains("is not a name"), "{bad}: {refusal}");
    }
    let taken = smm_ide::rename(&snapshot, file, offset, "other").unwrap_err();
    assert!(taken.contains("already"), "{taken}");
    let on_practice = fixture.text().find("identities").unwrap();
    let refusal = smm_ide::prepare_rename(&snapshot, file, on_practice).unwrap_err();
    assert!(refusal.contains("`identities`"), "{refusal}");
    assert_eq!(
        smm_ide::rename(&snapshot, file, offset, "renamed").map(|e| e.len()),
        Ok(2)
    );
}
