//! Code actions, each applied and checked again: the finding it addresses is gone (or
//! waived), nothing new appears but the stubs a scaffold announces, and the file still
//! parses and formats. Fixtures under `fixtures/actions/` (one `$0` cursor each) are
//! snapshotted; every finding of the checker's code fixtures is run through the same rules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use smm_check::{check, Analysis, CheckOptions, Loader, Workspace};
use smm_ide::{Action, ActionKind, Snapshot};
use smm_syntax::Span;

struct One(String);

impl Loader for One {
    fn files(&self) -> Vec<PathBuf> {
        vec![PathBuf::from("/w/f.smm")]
    }
    fn read(&self, _: &Path) -> Result<String, String> {
        Ok(self.0.clone())
    }
    fn exists(&self, _: &Path) -> bool {
        false
    }
}

struct Checked {
    workspace: Workspace,
    analysis: Analysis,
}

fn checked(text: &str) -> Checked {
    let loader = One(text.to_string());
    let workspace = Workspace::load(&loader);
    let model = smm_model::builtin::model();
    let analysis = check(&workspace, &model, &loader, &CheckOptions::default());
    Checked {
        workspace,
        analysis,
    }
}

fn actions_at(text: &str, range: Span) -> Vec<Action> {
    let c = checked(text);
    let model = smm_model::builtin::model();
    let snapshot = Snapshot {
        workspace: &c.workspace,
        model: &model,
        analysis: &c.analysis,
    };
    let file = c.workspace.id(Path::new("/w/f.smm")).unwrap();
    smm_ide::code_actions(&snapshot, file, range)
}

fn apply(text: &str, action: &Action) -> String {
    let mut edits = action.edits.clone();
    edits.sort_by_key(|e| e.span.start);
    let mut out = text.to_string();
    for edit in edits.iter().rev() {
        out.replace_range(edit.span.range(), &edit.text);
    }
    out
}

/// Findings in force (not waived), counted by code.
fn active(text: &str) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for finding in checked(text).analysis.findings {
        if finding.waived.is_none() {
            *counts.entry(finding.code()).or_insert(0) += 1;
        }
    }
    counts
}

/// Applies `action` to `text` and checks the rules; returns the new text and a summary.
fn apply_and_check(text: &str, action: &Action) -> (String, String) {
    let after = apply(text, action);
    let parse = smm_syntax::parse(&after);
    assert!(
        parse.errors.is_empty(),
        "{}: syntax errors after applying:\n{after}",
        action.title
    );
    assert!(smm_syntax::format(&after).is_ok(), "{}", action.title);
    let (old, new) = (active(text), active(&after));
    if let Some((code, _)) = action.finding {
        assert!(
            new.get(code).copied().unwrap_or(0) < old[code],
            "{}: `{code}` is still there:\n{after}",
            action.title
        );
    }
    let allowed: &[&str] = match action.kind {
        ActionKind::QuickFix => &[],
        ActionKind::Scaffold => &["check::stub-evidence"],
    };
    let mut appeared = Vec::new();
    for (code, count) in &new {
        if *count > old.get(code).copied().unwrap_or(0) {
            assert!(
                allowed.contains(code),
                "{}: new `{code}`:\n{after}",
                action.title
            );
            appeared.push(format!(
                "{code} ×{}",
                count - old.get(code).copied().unwrap_or(0)
            ));
        }
    }
    let gone: Vec<String> = old
        .iter()
        .filter(|(code, count)| new.get(*code).copied().unwrap_or(0) < **count)
        .map(|(code, _)| code.to_string())
        .collect();
    let summary = format!("gone: {}\nnew: {}", gone.join(", "), appeared.join(", "));
    (after, summary)
}

#[test]
fn action_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/actions");
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
    assert!(entries.len() >= 4);
    for path in entries {
        let fixture = std::fs::read_to_string(&path).unwrap();
        let offset = fixture.find("$0").expect("a $0 cursor");
        let text = fixture.replacen("$0", "", 1);
        let actions = actions_at(&text, Span::new(offset, offset));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(!actions.is_empty(), "{name}: no actions");
        let mut out = String::new();
        for action in &actions {
            let (after, summary) = apply_and_check(&text, action);
            assert_eq!(
                smm_syntax::format(&after).unwrap(),
                after,
                "{name}: `{}` leaves the file unformatted",
                action.title
            );
            out.push_str(&format!(
                "## {} ({:?}{})\n{summary}\n\n{after}\n",
                action.title,
                action.kind,
                if action.preferred { ", preferred" } else { "" }
            ));
        }
        insta::assert_snapshot!(name, out);
    }
}

/// Every action offered on any finding of the checker's own code fixtures keeps the rules.
#[test]
fn every_action_on_every_code_fixture_keeps_the_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../smm-check/tests/fixtures/codes");
    let mut applied = 0;
    let mut kinds = BTreeMap::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path().join("fires.smm");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if !smm_syntax::parse(&text).errors.is_empty() {
            continue;
        }
        let c = checked(&text);
        for finding in &c.analysis.findings {
            for action in actions_at(&text, finding.diagnostic.span) {
                apply_and_check(&text, &action);
                *kinds.entry(format!("{:?}", action.kind)).or_insert(0) += 1;
                applied += 1;
            }
        }
    }
    assert!(applied >= 30, "only {applied} actions: {kinds:?}");
    assert!(kinds.len() == 2, "{kinds:?}");
}
