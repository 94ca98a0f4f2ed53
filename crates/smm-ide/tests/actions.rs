//! Code actions, each applied and checked again: the finding it addresses is gone (or
//! waived), nothing new appears but the stubs a scaffold announces, and the file still
//! parses and formats. Fixtures under `fixtures/actions/` (one `$0` cursor each) are
//! snapshotted; every finding of the checker's code fixtures is run through the same rules.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{each_fixture, Built, Files};
use smm_ide::{Action, ActionKind};
use smm_syntax::Span;

fn actions_at(text: &str, range: Span) -> Vec<Action> {
    let built = Built::new(&Files::one(text));
    smm_ide::code_actions(&built.snapshot(), built.files[0], range)
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
    for finding in Built::new(&Files::one(text)).analysis.findings() {
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
    if let Some(smm_ide::Addressed { code, .. }) = action.finding {
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
    each_fixture("actions", 4, |name, fixture| {
        let (text, offset) = (fixture.text(), fixture.cursor());
        let actions =
            smm_ide::code_actions(&fixture.snapshot(), fixture.file, Span::new(offset, offset));
        assert!(!actions.is_empty(), "{name}: no actions");
        let mut out = String::new();
        for action in &actions {
            let (after, summary) = apply_and_check(text, action);
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
        out
    });
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
        let built = Built::new(&Files::one(&text));
        for finding in built.analysis.findings() {
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
