//! Paths in the machine formats (json, sarif, junit, github) start at the repository root,
//! found without git from the `.git` folder or file above smm.toml, so that a code host can
//! attach them to its files when smm.toml is not at the top of the repository; else at the
//! workspace root. `--path-prefix` puts folders before them. Human output keeps the paths as
//! the user wrote them.

mod common;

use common::{Output, Project};
use serde_json::Value;

const PROFILE: &str = r#"profile base "Base" {
  role asset-owner
  target patch-management level 2
}
"#;

/// Below its target (a warning) and with an unknown practice (an error).
const ASSESSMENT: &str = r#"assessment x "X" {
  profile base
  date 2026-10-01
  practice patch-management level 1 {
    evidence "Patch log" implements iso27002:8.8
  }
  practice acces-control level 1
}
"#;

/// A repository with its workspace in `compliance/`; `.git` is left to each test.
fn repository() -> Project {
    let p = Project::new();
    p.file("compliance/smm.toml", "")
        .file("compliance/profiles/base.smm", PROFILE)
        .file("compliance/assessments/x.smm", ASSESSMENT);
    p
}

/// `smm check --format FORMAT ARGS` in `compliance/`.
fn check(p: &Project, format: &str, args: &[&str]) -> Output {
    let mut all = vec!["check", "--format", format];
    all.extend_from_slice(args);
    let out = p.output(&mut p.smm_in("compliance", &all));
    assert_eq!(out.code, 1, "{format}: the error fails the run: {out:?}");
    assert_eq!(out.stderr, "", "{format}");
    out
}

fn json_paths(out: &Output) -> Vec<String> {
    let document: Value = serde_json::from_str(&out.stdout).unwrap();
    document["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

fn sarif_uris(out: &Output) -> Vec<String> {
    let document: Value = serde_json::from_str(&out.stdout).unwrap();
    let mut uris: Vec<String> = document["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            location["uri"].as_str().unwrap().to_string()
        })
        .collect();
    uris.dedup();
    uris
}

/// Every machine format names the assessment `expected`, and never the path without it.
fn assert_machine_paths(p: &Project, args: &[&str], expected: &str) {
    let profile = expected.replace("assessments/x", "profiles/base");
    let paths = json_paths(&check(p, "json", args));
    assert!(
        paths.contains(&expected.to_string()),
        "{expected} in {paths:?}"
    );
    assert!(
        paths
            .iter()
            .all(|path| *path == expected || *path == profile),
        "{paths:?}"
    );
    assert_eq!(sarif_uris(&check(p, "sarif", args)), [expected]);
    let github = check(p, "github", args).stdout;
    let annotations: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
    assert!(!annotations.is_empty(), "{github}");
    for line in annotations {
        assert!(
            line.contains(&format!("file={expected},")),
            "{expected} in {line}"
        );
    }
    let junit = check(p, "junit", args).stdout;
    assert!(
        junit.contains(&format!("assessment x ({expected})")),
        "{expected} in {junit}"
    );
    assert!(
        junit.contains(&format!("name=\"{expected}\"")),
        "{expected} in {junit}"
    );
}

#[test]
fn paths_start_at_the_repository_root_above_smm_toml() {
    let p = repository();
    p.dir(".git");
    assert_machine_paths(&p, &[], "compliance/assessments/x.smm");
    // Named paths, from wherever the check runs, give the same.
    assert_machine_paths(&p, &["assessments/x.smm"], "compliance/assessments/x.smm");
}

#[test]
fn a_dot_git_file_marks_a_worktree_or_submodule() {
    let p = repository();
    p.file(".git", "gitdir: /elsewhere/.git/worktrees/main\n");
    assert_machine_paths(&p, &[], "compliance/assessments/x.smm");
    // A submodule in `compliance/` is a repository of its own.
    p.file("compliance/.git", "gitdir: ../.git/modules/compliance\n");
    assert_machine_paths(&p, &[], "assessments/x.smm");
}

#[test]
fn without_a_repository_paths_start_at_the_workspace_root() {
    let p = repository();
    assert_machine_paths(&p, &[], "assessments/x.smm");
}

#[test]
fn path_prefix_puts_folders_before_every_machine_path() {
    let p = repository();
    p.dir(".git");
    assert_machine_paths(
        &p,
        &["--path-prefix", "sub/dir"],
        "sub/dir/compliance/assessments/x.smm",
    );
    assert_machine_paths(
        &p,
        &["--path-prefix", "./sub//x/../dir/"],
        "sub/dir/compliance/assessments/x.smm",
    );
    assert_machine_paths(&p, &["--path-prefix", "."], "compliance/assessments/x.smm");
    // Without a repository the prefix goes before the workspace-relative path.
    let bare = repository();
    assert_machine_paths(
        &bare,
        &["--path-prefix", "compliance"],
        "compliance/assessments/x.smm",
    );
}

#[test]
fn a_prefix_that_is_absolute_or_climbs_out_is_a_usage_error() {
    let p = repository();
    for bad in ["/abs", "../up", "a/../.."] {
        let out = p.run(&["check", "--path-prefix", bad]);
        assert_eq!(out.code, 2, "{bad}: {out:?}");
        assert!(out.stderr.contains("--path-prefix"), "{}", out.stderr);
        assert_eq!(out.stdout, "");
    }
}

#[test]
fn human_output_keeps_the_paths_as_written() {
    let p = repository();
    p.dir(".git");
    let out = p.output(&mut p.smm_in(
        "compliance",
        &["check", "--color", "never", "--path-prefix", "sub"],
    ));
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("─[ assessments/x.smm:7:12 ]"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("compliance/"), "{}", out.stdout);
    let out = p.run(&["check", "--color", "never", "compliance/assessments/x.smm"]);
    assert!(
        out.stdout
            .contains("─[ compliance/assessments/x.smm:7:12 ]"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_clone_gives_the_same_bytes() {
    let first = repository();
    let second = repository();
    first.dir(".git");
    second.file(".git", "gitdir: /somewhere/else\n");
    for format in ["json", "sarif", "junit", "github"] {
        assert_eq!(
            check(&first, format, &[]).stdout,
            check(&second, format, &[]).stdout,
            "{format}"
        );
    }
}
