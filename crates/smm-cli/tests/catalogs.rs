//! `smm check` on user catalog files: their problems are reported like syntax errors, with
//! the other place of a duplicate named as a path the user can open.

mod common;

use common::Project;

const ACME: &str = r#"standard acme "ACME rules" {
  source "Internal handbook"
  role asset-owner
  clause acme:R1 "Zones"
  clause acme:R1.1 "Zone inventory" parent acme:R1
}

extend iec62443-3-3:SR1.1 {
  text "A paragraph we hold a licence for."
}
"#;

#[test]
fn a_clean_user_catalog_passes() {
    let p = Project::new();
    p.file("catalogs/acme.smm", ACME);
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "checked 1 file: no problems\n");
}

#[test]
fn redefining_a_builtin_points_at_the_readable_builtin_copy() {
    let p = Project::new();
    let cache = tempfile::tempdir().unwrap();
    p.file(
        "mine.smm",
        "standard iso27002 \"Mine\" {\n  source \"me\"\n  role asset-owner\n}\n",
    );
    let out = p.output(p.smm(&["check"]).env("SMM_CACHE_DIR", cache.path()));
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("[model::redefined-builtin]"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("mine.smm:1:10"), "{}", out.stdout);
    let copy = cache
        .path()
        .join(format!("builtin-{}", env!("CARGO_PKG_VERSION")))
        .join("iso27002.smm");
    let note = format!("the built-in definition: {}:", copy.display());
    assert!(out.stdout.contains(&note), "{}", out.stdout);
    assert!(std::fs::read_to_string(copy)
        .unwrap()
        .contains("standard iso27002"));
}

#[test]
fn a_duplicate_across_files_names_the_other_file() {
    let p = Project::new();
    p.file("a.smm", ACME).file("b.smm", ACME);
    let out = p.run(&["check", "b.smm"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("standard `acme` is defined twice"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("first defined here: a.smm:1:10"),
        "{}",
        out.stdout
    );
    // One error: the clauses of a rejected standard are not reported again one by one. (A
    // file that defines catalog items has every file as a dependent: `a.smm` is clean.)
    assert!(
        out.stdout
            .ends_with("checked 1 file and 1 dependent: 1 error in 1 file\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("a.smm:1:10:"), "{}", out.stdout);
}

#[test]
fn catalog_folders_from_smm_toml_join_the_model() {
    let p = Project::new();
    p.file("shared/acme.smm", ACME);
    p.file(
        "work/smm.toml",
        "follow-links-to = [\"../shared\"]\ncatalogs = [\"../shared\"]\n",
    );
    p.file(
        "work/clash.smm",
        "standard acme \"Clash\" {\n  source \"x\"\n  role asset-owner\n}\n",
    );
    let out = p.output(&mut p.smm_in("work", &["check"]));
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("standard `acme` is defined twice"),
        "{}",
        out.stdout
    );
}

#[test]
fn warnings_alone_do_not_fail_the_check() {
    let p = Project::new();
    p.file(
        "untitled.smm",
        "standard acme \"ACME\" {\n  source \"x\"\n  role asset-owner\n  clause acme:R1\n}\n",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("[model::missing-title] Warning"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("checked 1 file: 1 warning in 1 file\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn explain_and_catalog_see_the_workspace_catalogs() {
    let p = Project::new();
    let cache = tempfile::tempdir().unwrap();
    // A workspace: outside one, explain and catalog read no file.
    p.file("smm.toml", "").file("catalogs/acme.smm", ACME);
    let explain = p.output(
        p.smm(&["explain", "acme:R1.1"])
            .env("SMM_CACHE_DIR", cache.path()),
    );
    assert_eq!(explain.code, 0, "{explain:?}");
    assert!(
        explain.stdout.contains("Zone inventory"),
        "{}",
        explain.stdout
    );
    assert!(explain.stdout.contains("acme:R1"), "{}", explain.stdout);
    let licensed = p.output(
        p.smm(&["explain", "iec62443-3-3:SR1.1"])
            .env("SMM_CACHE_DIR", cache.path()),
    );
    assert!(
        licensed
            .stdout
            .contains("A paragraph we hold a licence for."),
        "{}",
        licensed.stdout
    );
    let json = p.output(&mut p.smm(&["catalog", "--format", "json"]));
    assert!(
        json.stdout.contains("\"id\": \"acme:R1.1\""),
        "{}",
        &json.stdout[..200]
    );
}

#[test]
fn explain_reports_a_broken_smm_toml() {
    let p = Project::new();
    p.file("smm.toml", "exclude = 3\n");
    let out = p.run(&["explain", "access-control"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.starts_with("error: smm.toml:1:"), "{out:?}");
}

#[test]
fn a_workspace_mapping_joins_the_built_in_one_in_explain_and_the_table() {
    let p = Project::new();
    p.file("smm.toml", "").file("catalogs/acme.smm", ACME).file(
        "catalogs/acme-mapping.smm",
        r#"mapping acme-map "ACME's own mapping" {
  source "ACME security office, 2026"
  map access-control level 3 to acme:R1.1 as subset for asset-owner {
    rationale "Our zone inventory decides who may reach which zone"
  }
  map patch-management level 3 to iec62443-4-1:SUM-4 as subset for asset-owner
}
"#,
    );
    let check = p.run(&["check"]);
    assert_eq!(
        check.code, 0,
        "a role-not-served edge is a warning: {check:?}"
    );
    assert!(
        check.stdout.contains("[model::role-not-served]"),
        "{}",
        check.stdout
    );

    let out = p.run(&["explain", "access-control", "--role", "asset-owner"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("acme-map: ACME security office, 2026"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "acme:R1.1  Zone inventory\n                   subset: Our zone inventory decides who may reach which zone\n"
        ),
        "{}",
        out.stdout
    );
    let clause = p.run(&["explain", "acme:R1.1"]);
    assert!(
        clause.stdout.contains(
            "Mapped from    access-control level 3  Access Control: subset for asset-owner\n"
        ),
        "{}",
        clause.stdout
    );
    let table = p.run(&["catalog", "--format", "markdown"]).stdout;
    assert!(
        table.contains("- `acme-map` (2 edges): ACME security office, 2026\n"),
        "{table}"
    );
    assert!(table.contains("`acme:R1.1` Zone inventory *(subset)*"));
}

/// `builtin-mappings = false`: a user who holds another mapping under licence loads it instead
/// of ours; explain, catalog and check then know only theirs.
#[test]
fn the_builtin_mapping_can_be_switched_off_for_ones_own() {
    let p = Project::new();
    p.file("smm.toml", "builtin-mappings = false\n").file(
        "catalogs/licensed.smm",
        r#"mapping licensed "Our licensed mapping" {
  source "Held under licence by our organisation"
  map access-control level 1 to iso27002:5.15 as subset for asset-owner {
    rationale "Our own reading: the policy is where level one starts"
  }
}
"#,
    );
    p.file(
        "a.smm",
        "profile p {\n  role asset-owner\n  target access-control level 1\n}\n\nassessment a {\n  profile p\n  date 2026-01-01\n  practice access-control level 1 {\n    evidence \"Policy\" implements iso27002:5.15 iso27002:5.18\n  }\n}\n",
    );
    let json = p.run(&["catalog", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let mappings: Vec<&str> = document["mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(mappings, ["licensed"], "{}", json.stdout);

    let explain = p.run(&["explain", "access-control", "--role", "asset-owner"]);
    assert!(explain.stdout.contains("Our own reading"), "{explain:?}");
    assert!(!explain.stdout.contains("iec62443"), "{explain:?}");

    // iso27002:5.18 is mapped to access-control by the built-in mapping, not by theirs.
    let check = p.run(&["check", "--format", "compact", "--fail-on", "never"]);
    assert!(
        check
            .stdout
            .contains("check::clause-not-mapped `iso27002:5.18` is not mapped to `access-control`"),
        "{check:?}"
    );
    p.file("smm.toml", "");
    let check = p.run(&["check", "--format", "compact", "--fail-on", "never"]);
    assert!(!check.stdout.contains("iso27002:5.18"), "{check:?}");
}
