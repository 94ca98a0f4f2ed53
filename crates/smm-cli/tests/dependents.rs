//! `smm check PATH…` also reports the files of the workspace that depend on the paths given:
//! a change to a profile shows what it breaks in the assessments built on it, and counts
//! toward `--fail-on`. `--no-dependents` reports on the paths alone; a check of the whole
//! workspace and `smm fmt` are unaffected.

mod common;

use common::{Output, Project};
use serde_json::Value;

/// `target patch-management level {level}`.
fn profile(level: u8) -> String {
    format!("profile p \"P\" {{\n  role asset-owner\n  target patch-management level {level}\n}}\n")
}

/// Meets `profile(1)`, falls short of `profile(2)`.
const ASSESSMENT: &str = r#"assessment a "A" {
  profile p
  date 2026-10-01
  practice patch-management level 1 {
    evidence "Patch log" implements iso27002:8.8
  }
}
"#;

/// Warnings fail the run, so that an unmet target does.
fn workspace(level: u8) -> Project {
    let p = Project::new();
    p.file("smm.toml", "fail-on = \"warning\"\n")
        .file("profiles/p.smm", &profile(level))
        .file("assessments/a.smm", ASSESSMENT);
    p
}

fn check(p: &Project, args: &[&str]) -> Output {
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(args);
    p.run(&all)
}

fn last_line(out: &Output) -> &str {
    out.stdout.trim_end().lines().last().unwrap_or("")
}

#[test]
fn a_raised_target_fails_the_check_of_the_profile_through_its_assessment() {
    let p = workspace(1);
    let before = check(&p, &["profiles/p.smm"]);
    assert_eq!(before.code, 0, "{before:?}");
    assert_eq!(
        before.stdout,
        "checked 1 file and 1 dependent: no problems\n"
    );

    p.file("profiles/p.smm", &profile(2));
    let out = check(&p, &["profiles/p.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("[check::unmet-target]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("─[ assessments/a.smm:4:3 ]"),
        "{}",
        out.stdout
    );
    assert_eq!(
        last_line(&out),
        "checked 1 file and 1 dependent: 1 warning in 1 file"
    );
    assert_eq!(out.stderr, "");

    // --fail-on decides on the dependents' findings as on any file's.
    let never = check(&p, &["profiles/p.smm", "--fail-on", "never"]);
    assert_eq!(never.code, 0, "{never:?}");
    assert_eq!(never.stdout, out.stdout);
    let error = check(&p, &["profiles/p.smm", "--fail-on", "error"]);
    assert_eq!(error.code, 0, "{error:?}");
}

#[test]
fn no_dependents_reports_on_the_paths_alone() {
    let p = workspace(2);
    let out = check(&p, &["profiles/p.smm", "--no-dependents"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 1 file: no problems\n");
}

#[test]
fn a_directory_pulls_in_the_dependents_of_its_files() {
    let p = workspace(2);
    let out = check(&p, &["profiles"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        last_line(&out),
        "checked 1 file and 1 dependent: 1 warning in 1 file"
    );
}

#[test]
fn the_whole_workspace_has_no_dependents() {
    let p = workspace(2);
    for args in [&[][..], &["."]] {
        let out = check(&p, args);
        assert_eq!(out.code, 1, "{out:?}");
        assert_eq!(last_line(&out), "checked 2 files: 1 warning in 1 file");
    }
}

#[test]
fn a_file_that_nothing_uses_has_no_dependents() {
    let p = workspace(2);
    let out = check(&p, &["assessments/a.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(last_line(&out), "checked 1 file: 1 warning in 1 file");
}

#[test]
fn dependents_are_found_through_profiles_that_extend_others() {
    let p = Project::new();
    p.file("smm.toml", "fail-on = \"warning\"\n")
        .file(
            "profiles/base.smm",
            "profile base \"Base\" {\n  role asset-owner\n  target patch-management level 2\n}\n",
        )
        .file(
            "profiles/p.smm",
            "profile p \"P\" {\n  extends base\n  target access-control level 1\n}\n",
        )
        .file(
            "assessments/a.smm",
            &ASSESSMENT.replace(
                "  practice patch-management",
                "  practice access-control level 1 {\n    evidence \"Reviews\" implements iso27002:5.15\n  }\n  practice patch-management",
            ),
        );
    let out = check(&p, &["profiles/base.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("[check::unmet-target]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("target 2 set by `base`"),
        "{}",
        out.stdout
    );
    assert_eq!(
        last_line(&out),
        "checked 1 file and 2 dependents: 1 warning in 1 file"
    );
    let narrow = check(&p, &["profiles/base.smm", "--no-dependents"]);
    assert_eq!(narrow.code, 0, "{narrow:?}");
}

#[test]
fn json_lists_the_dependents_after_the_files_asked_for() {
    let p = workspace(2);
    let out = check(&p, &["profiles/p.smm", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    let document: Value = serde_json::from_str(&out.stdout).unwrap();
    let files = document["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["profiles/p.smm", "assessments/a.smm"]);
    assert_eq!(
        files[1]["diagnostics"][0]["code"], "check::unmet-target",
        "{}",
        out.stdout
    );
    assert_eq!(document["summary"]["warnings"], 1, "{}", out.stdout);
}

#[test]
fn standard_input_pulls_in_the_dependents_of_the_file_it_stands_for() {
    let p = workspace(1);
    let out = p.output(
        p.smm(&[
            "check",
            "--color",
            "never",
            "-",
            "--stdin-filename",
            "profiles/p.smm",
        ])
        .write_stdin(profile(2)),
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("[check::unmet-target]"),
        "{}",
        out.stdout
    );
    assert_eq!(
        last_line(&out),
        "checked 1 file and 1 dependent: 1 warning in 1 file"
    );
    // The file on disk still meets the target: it is the text on standard input that counts.
    assert_eq!(check(&p, &["profiles/p.smm"]).code, 0);
}

#[test]
fn a_renamed_profile_shows_the_assessments_it_leaves_behind() {
    let p = workspace(1);
    p.file(
        "profiles/p.smm",
        &profile(1).replace("profile p ", "profile q "),
    );
    let out = check(&p, &["profiles/p.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("[check::unknown-profile]"),
        "{}",
        out.stdout
    );
    assert_eq!(
        last_line(&out),
        "checked 1 file and 1 dependent: 2 errors in 1 file"
    );
}

#[test]
fn a_file_declaring_the_same_name_is_a_dependent() {
    let p = workspace(1);
    // `profiles/p.smm` comes after `profiles/o.smm`: the duplicate is reported there, and
    // checking `profiles/o.smm` must show it.
    p.file("profiles/o.smm", &profile(1));
    let out = check(&p, &["profiles/o.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("[check::duplicate-name]"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("profiles/p.smm:1:9"), "{}", out.stdout);
}

#[test]
fn a_catalog_file_makes_every_file_a_dependent() {
    let p = workspace(1);
    p.file(
        "catalogs/acme.smm",
        "standard acme \"ACME controls\" {\n  source \"Ours\"\n  clause acme:C1 \"Patching\"\n}\n",
    )
    .file(
        "notes.smm",
        "profile unrelated \"U\" {\n  role asset-owner\n}\n",
    );
    let out = check(&p, &["catalogs/acme.smm"]);
    assert_eq!(
        last_line(&out),
        "checked 1 file and 3 dependents: no problems",
        "{out:?}"
    );
}

#[test]
fn fmt_formats_only_the_paths_given() {
    let p = workspace(2);
    p.file(
        "assessments/a.smm",
        &ASSESSMENT.replace("  date", "     date"),
    );
    let out = p.run(&["fmt", "--check", "profiles/p.smm"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
}
