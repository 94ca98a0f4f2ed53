//! `smm init` and `smm new`: the files they write, checked with the real checker.

mod common;

use common::Project;

/// The codes `smm check --format json` reports, in order.
fn codes(project: &Project, path: &str) -> Vec<String> {
    let output = project.run(&["check", path, "--format", "json", "--fail-on", "never"]);
    assert_eq!(output.code, 0, "{output:?}");
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("json");
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn initialised() -> Project {
    let project = Project::new();
    let output = project.run(&["init"]);
    assert_eq!(output.code, 0, "{output:?}");
    project
}

#[test]
fn init_writes_a_workspace_that_checks_clean() {
    let project = initialised();
    for file in ["smm.toml", "profiles/baseline.smm", "assessments/first.smm"] {
        assert!(project.path(file).is_file(), "{file}");
    }
    let output = project.run(&["check"]);
    assert_eq!(output.code, 0, "{output:?}");
    assert!(output.stdout.contains("no problems"), "{output:?}");
    assert!(!output.stdout.contains("warning"), "{output:?}");
    let output = project.run(&["fmt", "--check"]);
    assert_eq!(output.code, 0, "{output:?}");
}

#[test]
fn init_in_a_new_folder_creates_it() {
    let project = Project::new();
    let output = project.run(&["init", "compliance"]);
    assert_eq!(output.code, 0, "{output:?}");
    assert!(
        output.stdout.contains("cd compliance && smm check"),
        "{output:?}"
    );
    let output = project.output(&mut project.smm_in("compliance", &["check"]));
    assert_eq!(output.code, 0, "{output:?}");
}

#[test]
fn init_twice_refuses_and_writes_nothing() {
    let project = initialised();
    project.file("profiles/baseline.smm", "// mine\n");
    std::fs::remove_file(project.path("assessments/first.smm")).unwrap();
    let before = project.read("smm.toml");
    let output = project.run(&["init"]);
    assert_eq!(output.code, 2, "{output:?}");
    assert!(output.stderr.contains("exist already"), "{output:?}");
    assert_eq!(project.read("smm.toml"), before);
    assert_eq!(project.read("profiles/baseline.smm"), "// mine\n");
    assert!(!project.path("assessments/first.smm").exists());
}

#[test]
fn new_assessment_lists_the_targets_with_stub_evidence() {
    let project = initialised();
    let output = project.run(&[
        "new",
        "assessment",
        "a1",
        "--profile",
        "baseline",
        "--date",
        "2026-12-01",
        "--assessor",
        "R. Okafor",
    ]);
    assert_eq!(output.code, 0, "{output:?}");
    let text = project.read("a1.smm");
    assert_eq!(
        smm_syntax::format(&text).ok().as_deref(),
        Some(text.as_str())
    );
    assert!(text.contains("date 2026-12-01"), "{text}");
    assert!(text.contains("assessor \"R. Okafor\""), "{text}");
    for practice in ["access-control", "patch-management", "event-response-plan"] {
        assert!(
            text.contains(&format!("practice {practice} level 0")),
            "{text}"
        );
    }
    let codes = codes(&project, "a1.smm");
    assert!(
        codes.contains(&"check::stub-evidence".to_string()),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"check::unmet-target".to_string()),
        "{codes:?}"
    );
    assert!(
        codes
            .iter()
            .all(|c| c == "check::stub-evidence" || c == "check::unmet-target"),
        "{codes:?}"
    );
}

#[test]
fn new_assessment_through_extends() {
    let project = initialised();
    project.file(
        "profiles/child.smm",
        "profile child {\n  extends baseline\n  target monitoring level 2 scope system\n}\n",
    );
    let output = project.run(&[
        "new",
        "assessment",
        "a2",
        "--profile",
        "child",
        "-o",
        "assessments/a2.smm",
    ]);
    assert_eq!(output.code, 0, "{output:?}");
    let text = project.read("assessments/a2.smm");
    assert!(
        text.contains("practice monitoring level 0 scope system"),
        "{text}"
    );
    assert!(text.contains("practice access-control level 0"), "{text}");
    let codes = codes(&project, "assessments/a2.smm");
    assert!(
        codes
            .iter()
            .all(|c| c == "check::stub-evidence" || c == "check::unmet-target"),
        "{codes:?}"
    );
}

#[test]
fn new_profile_extending_baseline_checks_clean() {
    let project = initialised();
    let output = project.run(&["new", "profile", "p2", "--extends", "baseline"]);
    assert_eq!(output.code, 0, "{output:?}");
    let text = project.read("p2.smm");
    assert_eq!(
        smm_syntax::format(&text).ok().as_deref(),
        Some(text.as_str())
    );
    let output = project.run(&["check", "p2.smm"]);
    assert_eq!(output.code, 0, "{output:?}");
    assert!(output.stdout.contains("no problems"), "{output:?}");
}

#[test]
fn an_unknown_profile_is_refused_with_a_suggestion() {
    let project = initialised();
    let output = project.run(&["new", "assessment", "a1", "--profile", "basline"]);
    assert_eq!(output.code, 2, "{output:?}");
    assert!(
        output.stderr.contains("did you mean `baseline`"),
        "{output:?}"
    );
    assert!(!project.path("a1.smm").exists());
    let output = project.run(&["new", "profile", "p2", "--extends", "baselin"]);
    assert_eq!(output.code, 2, "{output:?}");
    assert!(
        output.stderr.contains("did you mean `baseline`"),
        "{output:?}"
    );
    assert!(!project.path("p2.smm").exists());
}

#[test]
fn an_existing_output_file_is_not_overwritten() {
    let project = initialised();
    project.file("mine.smm", "// mine\n");
    let output = project.run(&[
        "new",
        "assessment",
        "a1",
        "--profile",
        "baseline",
        "-o",
        "mine.smm",
    ]);
    assert_eq!(output.code, 2, "{output:?}");
    assert_eq!(project.read("mine.smm"), "// mine\n");
    let output = project.run(&["new", "profile", "p2", "-o", "mine.smm"]);
    assert_eq!(output.code, 2, "{output:?}");
    assert_eq!(project.read("mine.smm"), "// mine\n");
}

#[test]
fn a_name_already_taken_is_refused() {
    let project = initialised();
    let output = project.run(&["new", "profile", "baseline", "-o", "other.smm"]);
    assert_eq!(output.code, 2, "{output:?}");
    assert!(!project.path("other.smm").exists());
}
