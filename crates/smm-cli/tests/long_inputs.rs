//! Inputs far longer than anyone writes by hand, each of which once took seconds to minutes
//! (or gigabytes) because some step was quadratic in its length. Each runs here at the size
//! that exposed it and must give the right answer; the timeout is generous and only catches
//! a path that has become quadratic again. How the time grows with the size is measured by
//! `cargo bench -p smm-cli --bench scale`, not here.
//!
//! At these sizes a debug build takes minutes, so the tests are ignored by a plain
//! `cargo test`; `scripts/test` runs them against the release build it makes anyway:
//! `SMM_BIN=target/release/smm cargo test -p smm-cli --test long_inputs -- --ignored`.

mod common;

use std::time::Duration;

use assert_cmd::Command;
use common::Project;
use serde_json::Value;

/// Far above what these take in a debug build on a loaded 2-core machine; a quadratic path
/// at these sizes takes many minutes.
const BOUND: Duration = Duration::from_secs(180);

fn workspace(text: &str) -> Project {
    let project = Project::new();
    project.file("smm.toml", "").file("a.smm", text);
    project
}

fn smm(project: &Project, args: &[&str]) -> std::process::Output {
    let mut command = match std::env::var_os("SMM_BIN") {
        Some(bin) => Command::new(bin),
        None => Command::cargo_bin("smm").unwrap(),
    };
    command
        .current_dir(&project.root)
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(BOUND)
        .output()
        .unwrap()
}

/// The codes of every finding of `smm check --format json`, in order.
fn codes(project: &Project) -> Vec<String> {
    let out = smm(project, &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| *c == code).count()
}

/// Human output: the exit code and how many reports (one header each) it printed.
fn human_reports(project: &Project) -> (i32, usize) {
    let out = smm(project, &["check"]);
    let text = String::from_utf8(out.stdout).unwrap();
    (out.status.code().unwrap(), text.matches("╭─[").count())
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn twenty_thousand_unterminated_strings() {
    let project = workspace(&"profile p \"\n".repeat(20_000));
    let codes = codes(&project);
    assert_eq!(count(&codes, "syntax::unterminated-string"), 20_000);
    assert_eq!(count(&codes, "check::duplicate-name"), 19_999);
    // Each duplicate points back at the first profile, 20,000 lines up at the end.
    let (code, reports) = human_reports(&project);
    assert_eq!((code, reports), (1, codes.len()));
    let out = smm(&project, &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn a_four_megabyte_comment_before_four_thousand_targets() {
    let targets = format!(
        "profile p \"P\" {{\n  role asset-owner\n{}}}\n",
        "  target access-control level 1\n".repeat(4_000)
    );
    // As one line it is refused, with where and why.
    let one_line = format!("// {}\n{targets}", "x".repeat(4_000_000));
    let project = workspace(&one_line);
    let out = smm(&project, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "a.smm: line 1 is too long (4000003 bytes; the limit is 65536 bytes per line)"
        ),
        "{stderr}"
    );
    // As 64 lines of 64,000 bytes it is read, and the targets after it are checked.
    let comment = format!("// {}\n", "x".repeat(63_997)).repeat(64);
    let project = workspace(&format!("{comment}{targets}"));
    let codes = codes(&project);
    assert_eq!(count(&codes, "check::duplicate-target"), 3_999);
    assert_eq!(human_reports(&project), (1, 3_999));
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn two_thousand_standards_in_a_supersedes_chain() {
    let mut text: String = (0..2_000)
        .map(|i| {
            let older = if i > 0 {
                format!("  supersedes s{}\n", i - 1)
            } else {
                String::new()
            };
            format!(
                "standard s{i} \"S{i}\" {{\n  edition \"{i}\"\n{older}  clause s{i}:c \"C\"\n}}\n"
            )
        })
        .collect();
    // `follows` needs a family of two editions or more: each member knows the whole chain.
    text.push_str("profile p \"P\" {\n  role asset-owner\n  follows s1000\n}\n");
    let project = workspace(&text);
    assert_eq!(codes(&project), Vec::<String>::new());
    let conflict = text.replace("follows s1000", "follows s1000\n  follows s0");
    let project = workspace(&conflict);
    assert_eq!(codes(&project), ["check::bad-edition"]);
    // Closed into a circle, every edition is reported, each message short.
    let cyclic = text.replacen("edition \"0\"\n", "edition \"0\"\n  supersedes s1999\n", 1);
    let project = workspace(&cyclic);
    let codes = codes(&project);
    assert_eq!(count(&codes, "model::supersedes-cycle"), 2_000);
    let human = String::from_utf8(smm(&project, &["check"]).stdout).unwrap();
    assert!(
        human.contains("`s0` supersedes itself: s0 → s1999 → s1998 → s1997 → … → s3 → s2 → s1 → s0 (2000 standards)"),
        "{}",
        &human[..2_000]
    );
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn profile_names_of_a_hundred_thousand_characters() {
    let names = |length: usize| {
        let long = "p".repeat(length);
        format!("profile {long}a \"A\" {{\n}}\n\nprofile {long}a \"B\" {{\n}}\n")
    };
    let project = workspace(&names(100_000));
    let out = smm(&project, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("a.smm: line 1 is too long"), "{stderr}");
    // The longest names a line can hold.
    let project = workspace(&names(65_000));
    assert_eq!(count(&codes(&project), "check::duplicate-name"), 1);
    assert_eq!(human_reports(&project), (1, 1));
    let out = smm(&project, &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn fmt_check_shows_sixty_four_thousand_changed_lines() {
    let mut text = String::from("profile p \"P\" {\n");
    text.push_str(&"    target access-control    level 1\n".repeat(64_000));
    text.push_str("}\n");
    let project = workspace(&text);
    let out = smm(&project, &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    let removed = diff
        .lines()
        .filter(|l| l.starts_with("-    target"))
        .count();
    let added = diff.lines().filter(|l| l.starts_with("+  target")).count();
    assert_eq!((removed, added), (64_000, 64_000));
    let (code, reports) = human_reports(&project);
    assert_eq!((code, reports), (1, 63_999));
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn one_line_of_ten_megabytes_is_refused() {
    let targets = 10_000_000 / 30;
    let text = format!(
        "profile p \"P\" {{ role asset-owner {}}}\n",
        "target access-control level 1 ".repeat(targets)
    );
    let project = workspace(&text);
    for args in [
        &["check", "--format", "json"][..],
        &["check"],
        &["fmt", "--check"],
    ] {
        let out = smm(&project, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("a.smm: line 1 is too long"),
            "{args:?}: {stderr}"
        );
    }
    // Just under the limit, the line is checked, and each finding's line shown.
    let text = format!(
        "profile p \"P\" {{ role asset-owner {}}}\n",
        "target access-control level 1 ".repeat(2_000)
    );
    let project = workspace(&text);
    assert_eq!(count(&codes(&project), "check::duplicate-target"), 1_999);
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn an_extends_chain_of_ten_thousand_profiles_is_cut_with_one_error() {
    let mut text = String::from(
        "profile p0 \"P0\" {\n  role asset-owner\n  target access-control level 2\n}\n",
    );
    for i in 1..10_000 {
        text.push_str(&format!(
            "profile p{i} \"P{i}\" {{\n  extends p{}\n}}\n",
            i - 1
        ));
    }
    let project = workspace(&text);
    assert_eq!(codes(&project), ["check::extends-too-deep"]);
    let out = smm(&project, &["check"]);
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains("`p32` extends a chain of 32 profiles"),
        "{human}"
    );
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn a_long_extends_cycle_is_one_error_per_profile_with_a_short_message() {
    let text: String = (0..10_000)
        .map(|i| {
            format!(
                "profile p{i} \"P{i}\" {{\n  extends p{}\n}}\n",
                (i + 1) % 10_000
            )
        })
        .collect();
    let project = workspace(&text);
    let codes = codes(&project);
    assert_eq!(count(&codes, "check::extends-cycle"), 10_000);
    let out = smm(&project, &["check"]);
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains(
            "`p0` extends itself: p0 → p1 → p2 → p3 → … → p9997 → p9998 → p9999 → p0 (10000 profiles)"
        ),
        "{}",
        &human[..2_000]
    );
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn a_clause_hierarchy_twenty_thousand_deep() {
    let mut text = String::from("standard s \"S\" {\n  clause s:c0 \"C0\"\n");
    for i in 1..20_000 {
        text.push_str(&format!("  clause s:c{i} \"C{i}\" parent s:c{}\n", i - 1));
    }
    // The last link closes a cycle through all of them.
    text.push_str("  clause s:top \"Top\" parent s:c19999\n}\n");
    let project = workspace(&text);
    assert_eq!(codes(&project), Vec::<String>::new());
    let cyclic = text.replacen("clause s:c0 \"C0\"", "clause s:c0 \"C0\" parent s:top", 1);
    let project = workspace(&cyclic);
    assert_eq!(codes(&project), ["model::parent-cycle"]);
}

/// A profile, then `n` assessments each rating its one target below it (on line 10 + 7i).
fn assessments_below_target(n: usize) -> String {
    let mut text =
        String::from("profile p \"P\" {\n  role asset-owner\n  target access-control level 2\n}\n");
    for i in 0..n {
        text.push_str(&format!(
            "\nassessment a{i} \"A{i}\" {{\n  profile p\n  role asset-owner\n  date 2026-01-01\n  practice access-control level 1\n}}\n"
        ));
    }
    text
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn fifty_thousand_assessments_in_one_file() {
    let project = workspace(&assessments_below_target(50_000));
    let codes = codes(&project);
    assert_eq!(count(&codes, "check::unmet-target"), 50_000);
    let (code, reports) = human_reports(&project);
    assert_eq!((code, reports), (0, codes.len()));
    let out = smm(&project, &["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(0));
}

/// `smm report` gathers a file's findings once and hands each assessment's page the slice
/// within its span (it once gathered them all again for every page). Each page's output is
/// some 15 KB, so the size stays small.
#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn a_report_on_two_thousand_assessments_in_one_file() {
    let project = workspace(&assessments_below_target(2_000));
    let out = smm(&project, &["report", "a.smm", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let pages = json["assessments"].as_array().expect("the pages");
    assert_eq!(pages.len(), 2_000);
    // Each page holds its own assessment's findings, and only those: both are about
    // assessment i's `practice` line, line 10 + 7i.
    for i in [0, 999, 1_999] {
        let page = &pages[i];
        assert_eq!(page["id"], format!("a{i}"));
        let findings = page["findings"].as_array().expect("findings");
        let found: Vec<(&str, u64)> = findings
            .iter()
            .map(|f| (f["code"].as_str().unwrap(), f["line"].as_u64().unwrap()))
            .collect();
        let line = 10 + 7 * i as u64;
        assert_eq!(
            found,
            [("check::no-evidence", line), ("check::unmet-target", line)]
        );
    }
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn ten_megabytes_of_one_stray_character() {
    let project = workspace(&"#".repeat(10_000_000));
    let out = smm(&project, &["check"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("a.smm: line 1 is too long"), "{stderr}");
    // Lines of the longest length read are one token each, and one error: the parser skips
    // to the next statement.
    let project = workspace(&format!("{}\n", "#".repeat(65_536)).repeat(150));
    assert_eq!(codes(&project), ["syntax::unexpected-character"]);
}

#[test]
#[ignore = "long: scripts/test runs it against the release build (SMM_BIN)"]
fn formatting_one_file_beside_a_big_workspace() {
    let project = workspace("profile p \"P\" {\n    role asset-owner\n}\n");
    // Other files the workspace holds: big, and one that is not even UTF-8. Formatting
    // `a.smm` reads neither (what that saves is measured by the scale bench) nor complains.
    let big = "profile q \"Q\" {\n  role asset-owner\n}\n".repeat(300_000);
    project.file("big.smm", &big);
    project.bytes("broken.smm", b"\xff\xfe not text");
    let out = smm(&project, &["fmt", "--check", "a.smm"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("broken.smm"), "{stderr}");
    let formatted = smm(&project, &["fmt", "a.smm"]);
    assert_eq!(formatted.status.code(), Some(0));
    assert_eq!(
        project.read("a.smm"),
        "profile p \"P\" {\n  role asset-owner\n}\n"
    );
}
