//! `smm check --format …` and `--output`: every format on one workspace with non-ASCII text
//! and a path with a space and non-ASCII letters, byte-for-byte determinism across runs and
//! clone paths, `--fail-on` and severity overrides, and the JSON output against its schema.

mod common;

use std::path::Path;

use common::{Output, Project};
use serde_json::{json, Value};

const PROFILE: &str = r#"// Targets ß ℝ 💣 for the plant
profile base "Grundschutz ß ℝ 💣" {
  role asset-owner
  target access-control level 3 scope industry {
    rationale "Zugänge ß ℝ 💣 prüfen"
  }
  target patch-management level 2
}
"#;

const ASSESSMENT: &str = r#"assessment plant "Werk ß ℝ 💣" {
  profile base
  date 2026-11-10
  practice access-control level 2 scope industry {
    evidence "Kontenprüfung ß ℝ 💣" implements iec62443-3-3:SR2.1 iso27002:5.15 expires 2026-11-01
  }
  practice acces-control level 1
  waive not-assessed for patch-management expires 2027-01-31 {
    reason "Patch review moves to the Q1 audit, ß ℝ 💣"
    owner "R. Okafor"
  }
}
"#;

const BROKEN: &str = "profile broken \"ß\" {\n  targt access-control level 1\n}\n";

/// The workspace lives in a folder whose name has a space and non-ASCII letters.
const ROOT: &str = "Werk Straße";

fn workspace(p: &Project) {
    p.file(&format!("{ROOT}/smm.toml"), "")
        .file(&format!("{ROOT}/profiles/base.smm"), PROFILE)
        .file(&format!("{ROOT}/assessments/plant ß.smm"), ASSESSMENT)
        .file(&format!("{ROOT}/broken.smm"), BROKEN);
}

fn check(p: &Project, args: &[&str]) -> Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    p.output(&mut p.smm_in(ROOT, &all))
}

#[test]
fn every_format_snapshot() {
    let p = Project::new();
    workspace(&p);
    for format in ["human", "json", "sarif", "junit", "github"] {
        let out = check(&p, &["--format", format]);
        assert_eq!(out.code, 1, "{format}: errors fail the run: {out:?}");
        assert_eq!(out.stderr, "", "{format}");
        insta::assert_snapshot!(format!("format_{format}"), out.stdout);
    }
}

#[test]
fn the_same_input_gives_the_same_bytes_in_every_clone() {
    let first = Project::new();
    let second = Project::new();
    workspace(&first);
    workspace(&second);
    for format in ["json", "sarif", "junit", "github"] {
        let a = check(&first, &["--format", format]).stdout;
        let again = check(&first, &["--format", format]).stdout;
        let b = check(&second, &["--format", format]).stdout;
        assert_eq!(a, again, "{format}: two runs differ");
        assert_eq!(a, b, "{format}: two clone paths differ");
        assert!(!a.contains("[ROOT]"), "{format} names an absolute path");
    }
}

#[test]
fn outputs_write_every_format_asked_for_in_one_run() {
    let p = Project::new();
    workspace(&p);
    let out = check(
        &p,
        &[
            "--output",
            "sarif=out/smm.sarif",
            "--output",
            "junit=smm.xml",
            "--output",
            "JSON=smm.json",
        ],
    );
    // `out/` does not exist: that output fails, the others are written.
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("error: out/smm.sarif: cannot write: "),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.ends_with(
            "checked 3 files: 2 errors, 2 warnings in 2 files; 1 waived; 1 input error\n"
        ),
        "{}",
        out.stdout
    );
    let written = |name: &str| std::fs::read_to_string(p.path(&format!("{ROOT}/{name}"))).unwrap();
    assert_eq!(written("smm.xml"), check(&p, &["--format", "junit"]).stdout);
    assert_eq!(written("smm.json"), check(&p, &["--format", "json"]).stdout);

    for bad in ["sarif", "yaml=x", "json="] {
        let out = check(&p, &["--output", bad]);
        assert_eq!(out.code, 2, "{bad}: {out:?}");
        assert!(out.stderr.contains("--output"), "{bad}: {}", out.stderr);
    }
}

/// Only warnings: passing by default, failing from `--fail-on warning` or smm.toml, and
/// passing again with `--fail-on never`; a severity override turns a warning into an error.
#[test]
fn fail_on_and_severity_overrides() {
    let p = Project::new();
    p.file(&format!("{ROOT}/profiles/base.smm"), PROFILE).file(
        &format!("{ROOT}/a.smm"),
        "assessment a {\n  profile base\n  date 2026-11-10\n  practice access-control level 2 scope industry {\n    evidence \"Review\" implements iec62443-3-3:SR2.1\n  }\n}\n",
    );
    p.file(&format!("{ROOT}/smm.toml"), "");
    assert_eq!(check(&p, &[]).code, 0);
    assert_eq!(check(&p, &["--fail-on", "warning"]).code, 1);
    assert_eq!(check(&p, &["--fail-on", "info"]).code, 1);
    p.file(&format!("{ROOT}/smm.toml"), "fail-on = \"warning\"\n");
    assert_eq!(check(&p, &[]).code, 1);
    assert_eq!(check(&p, &["--fail-on", "never"]).code, 0);

    p.file(
        &format!("{ROOT}/smm.toml"),
        "[severity]\n\"check::unmet-target\" = \"error\"\n",
    );
    let out = check(&p, &["--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    let document: Value = serde_json::from_str(&out.stdout).unwrap();
    let severities: Vec<(&str, &str)> = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert!(
        severities.contains(&("check::unmet-target", "error")),
        "{severities:?}"
    );

    for (toml, expected) in [
        (
            "[severity]\n\"check::nothing\" = \"error\"\n",
            "unknown code `check::nothing`",
        ),
        (
            "[severity]\n\"check::unmet-target\" = \"fatal\"\n",
            "severity `fatal`",
        ),
        ("fail-on = \"sometimes\"\n", "fail-on is `sometimes`"),
    ] {
        p.file(&format!("{ROOT}/smm.toml"), toml);
        let out = check(&p, &[]);
        assert_eq!(out.code, 2, "{toml}: {out:?}");
        assert!(out.stderr.contains(expected), "{toml}: {}", out.stderr);
    }
}

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/check.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_json_output_follows_its_schema_which_rejects_broken_documents() {
    let p = Project::new();
    workspace(&p);
    let document: Value = serde_json::from_str(&check(&p, &["--format", "json"]).stdout).unwrap();
    let validator = schema();

    type Break = fn(&mut Value);
    let broken: [(&str, Break); 5] = [
        ("no summary", |d| {
            d.as_object_mut().unwrap().remove("summary");
        }),
        ("a severity of its own", |d| {
            d["files"][0]["diagnostics"][0]["severity"] = json!("fatal")
        }),
        ("line 0", |d| {
            d["files"][0]["diagnostics"][0]["range"]["start"]["line"] = json!(0)
        }),
        ("an extra field", |d| d["files"][0]["extra"] = json!(1)),
        ("another version", |d| d["schema_version"] = json!("2")),
    ];
    for (what, break_it) in broken {
        let mut copy = document.clone();
        break_it(&mut copy);
        assert!(!errors(&validator, &copy).is_empty(), "{what} was accepted");
    }
    assert_eq!(errors(&validator, &document), Vec::<String>::new());
    assert_eq!(document["summary"]["errors"], 2);
    let plant = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "assessments/plant ß.smm")
        .expect("paths are relative to the root");
    let access = &plant["assessments"][0]["practices"][0];
    assert_eq!(access["practice"], "access-control");
    assert_eq!(
        access["target"],
        json!({ "level": 3, "scope": "industry", "set_by": "base" })
    );
    assert_eq!(access["gap"], 1);
    assert_eq!(access["met"], false);
    let fixable = plant["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "check::unknown-practice")
        .unwrap();
    assert_eq!(fixable["fix"]["edits"][0]["text"], "access-control");
}

#[test]
fn summary_adds_a_line_per_assessment_to_human_output_only() {
    let p = Project::new();
    workspace(&p);
    let plain = check(&p, &[]).stdout;
    let out = check(&p, &["--summary"]);
    let expected = "assessment plant: 0 of 2 targets met; clauses implemented of mapped: iec62443-2-1 0/6, iec62443-3-3 1/4, iso27002 1/5\nchecked 3 files: 2 errors, 2 warnings in 2 files; 1 waived\n";
    assert!(out.stdout.ends_with(expected), "{}", out.stdout);
    assert_eq!(
        out.stdout.replace("assessment plant: 0 of 2 targets met; clauses implemented of mapped: iec62443-2-1 0/6, iec62443-3-3 1/4, iso27002 1/5\n", ""),
        plain
    );
    assert_eq!(
        check(&p, &["--summary", "--format", "json"]).stdout,
        check(&p, &["--format", "json"]).stdout
    );
}
