//! `smm fix` on the checker's code fixtures (`smm-check/tests/fixtures/codes/*/fires.smm`):
//! every fix `smm check` offers is made, its finding goes and none appears; a fixture without
//! fixes is left byte for byte. Then the options: `--dry-run`, standard input, syntax errors,
//! line endings, and fixes that a fix makes certain.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::Project;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../smm-check/tests/fixtures/codes")
}

/// The findings of `path` as `(code, message, has a fix)`.
fn findings(project: &Project, path: &str) -> Vec<(String, String, bool)> {
    let output = project.run(&["check", path, "--format", "json", "--fail-on", "never"]);
    assert_eq!(output.code, 0, "{output:?}");
    let json: Value = serde_json::from_str(&output.stdout).expect("json");
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                !d["fix"].is_null(),
            )
        })
        .collect()
}

#[test]
fn every_fix_of_every_code_fixture_is_made() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    let mut fixable = BTreeSet::new();
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(dir.join("fires.smm")).unwrap();
        let project = Project::new();
        project.file("fires.smm", &text);
        let before = findings(&project, "fires.smm");
        let fixes: Vec<_> = before.iter().filter(|f| f.2).collect();

        let output = project.run(&["fix"]);
        assert_eq!(output.code, 0, "{name}: {output:?}");
        let after = findings(&project, "fires.smm");
        if fixes.is_empty() {
            assert_eq!(project.read("fires.smm"), text, "{name}: changed");
            assert!(output.stderr.starts_with("nothing to fix"), "{output:?}");
            continue;
        }
        fixable.insert(name.clone());
        assert_ne!(project.read("fires.smm"), text, "{name}: unchanged");
        for (code, message, _) in &fixes {
            assert!(
                output.stderr.contains(&format!("fixed {code}: ")),
                "{name}: {code} not reported: {}",
                output.stderr
            );
            assert!(
                !after.iter().any(|f| &f.0 == code && &f.1 == message),
                "{name}: `{message}` is still there after the fix"
            );
        }
        for finding in &after {
            assert!(
                before.iter().any(|f| f.0 == finding.0),
                "{name}: the fix brought {finding:?}"
            );
        }
        let again = project.run(&["fix"]);
        assert!(again.stderr.starts_with("nothing to fix"), "{again:?}");
        let fixed = project.read("fires.smm");
        insta::assert_snapshot!(format!("fix-{name}"), format!("{}\n{fixed}", output.stderr));
    }
    let expected = [
        "role-mismatch",
        "unknown-clause",
        "unknown-practice",
        "unknown-profile",
        "unknown-role",
        "unknown-scope",
        "unknown-standard",
    ];
    assert_eq!(fixable, expected.map(String::from).into());
}

const TYPO: &str = "profile p {\n  role asset-owner\n  target acess-control level 2\n}\n";

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let project = Project::new();
    project.file("p.smm", TYPO);
    let output = project.run(&["fix", "--dry-run"]);
    assert_eq!(output.code, 1, "{output:?}");
    assert_eq!(project.read("p.smm"), TYPO);
    assert!(
        output.stdout.contains("+++ p.smm (fixed)")
            && output.stdout.contains("-  target acess-control level 2\n")
            && output.stdout.contains("+  target access-control level 2\n"),
        "{output:?}"
    );
    assert!(
        output
            .stderr
            .contains("p.smm:3:10: would fix check::unknown-practice: Change to `access-control`"),
        "{output:?}"
    );
    project.run(&["fix"]);
    let output = project.run(&["fix", "--dry-run"]);
    assert_eq!(output.code, 0, "{output:?}");
    assert_eq!(output.stdout, "");
}

#[test]
fn a_file_with_syntax_errors_is_left_as_it_is() {
    let project = Project::new();
    let broken = format!("{TYPO}profile q {{\n  target \"\n");
    project
        .file("broken.smm", &broken)
        .file("good.smm", &TYPO.replace("profile p", "profile r"));
    let output = project.run(&["fix"]);
    assert_eq!(output.code, 1, "{output:?}");
    assert_eq!(project.read("broken.smm"), broken);
    assert!(project.read("good.smm").contains("target access-control"));
    assert!(
        output
            .stderr
            .contains("warning: broken.smm: not fixed: it has 3 syntax errors"),
        "{output:?}"
    );
    assert!(
        output.stderr.contains("1 file not fixed (syntax errors)"),
        "{output:?}"
    );
}

#[test]
fn standard_input_is_fixed_onto_standard_output() {
    let project = Project::new();
    let output = project.output(
        project
            .smm(&["fix", "-", "--stdin-filename", "p.smm"])
            .write_stdin(TYPO),
    );
    assert_eq!(output.code, 0, "{output:?}");
    assert_eq!(
        output.stdout,
        TYPO.replace("acess-control", "access-control")
    );
    assert!(!project.path("p.smm").exists());
}

#[test]
fn line_ends_and_the_rest_of_the_file_are_kept() {
    let project = Project::new();
    let crlf = format!("// keep me\r\n{}", TYPO.replace('\n', "\r\n"));
    project.file("p.smm", &crlf);
    project.run(&["fix"]);
    assert_eq!(
        project.read("p.smm"),
        crlf.replace("acess-control", "access-control")
    );
}

#[test]
fn a_fix_that_makes_another_certain_is_followed() {
    // The misspelt role hides the mismatch with the profile's; once it is spelt right, the
    // checker is certain the profile's role is meant.
    let text = "profile p {\n  role product-supplier\n  target access-control level 1\n}\n\n\
        assessment a {\n  profile p\n  role asset-ownr\n  date 2026-01-01\n}\n";
    let project = Project::new();
    project.file("a.smm", text);
    let output = project.run(&["fix"]);
    assert_eq!(output.code, 0, "{output:?}");
    assert!(project
        .read("a.smm")
        .contains("  role product-supplier\n  date"));
    let fixed: Vec<_> = output
        .stderr
        .lines()
        .filter(|l| l.contains(": fixed "))
        .collect();
    assert_eq!(fixed.len(), 2, "{output:?}");
    assert!(fixed[0].contains("check::unknown-role"), "{output:?}");
    assert!(fixed[1].contains("check::role-mismatch"), "{output:?}");
}

#[test]
fn files_outside_the_paths_given_are_not_touched() {
    let project = Project::new();
    project
        .file("a/p.smm", TYPO)
        .file("b/q.smm", &TYPO.replace("profile p", "profile q"));
    let output = project.run(&["fix", "a"]);
    assert_eq!(output.code, 0, "{output:?}");
    assert!(project.read("a/p.smm").contains("access-control"));
    assert!(project.read("b/q.smm").contains("acess-control"));
}
