//! `smm check --format …` and `--output`: every format on one workspace with non-ASCII text
//! and a path with a space and non-ASCII letters, byte-for-byte determinism across runs and
//! clone paths, `--fail-on` and severity overrides, and the JSON output against its schema.

mod common;

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

/// Every `--format` value, as `smm check --help` lists them: a new format is snapshot here
/// without anyone having to remember to add it.
fn formats(p: &Project) -> Vec<String> {
    let help = p.output(&mut p.smm(&["check", "--help"])).stdout;
    let listed = help
        .split("--format <FORMAT>")
        .nth(1)
        .and_then(|rest| rest.split("Possible values:").nth(1))
        .expect("--format lists its values");
    // One `- value: description` a value, descriptions wrapping onto further lines, until a
    // blank line.
    listed
        .lines()
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.trim().strip_prefix("- "))
        .filter_map(|value| value.split(':').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_format_snapshot() {
    let p = Project::new();
    workspace(&p);
    let formats = formats(&p);
    assert!(formats.len() >= 6, "{formats:?}");
    for format in &formats {
        let format = format.as_str();
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
    common::schema_validator("check.schema.json")
}

use common::schema_errors as errors;

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
    let expected = "assessment plant: 0 of 2 targets met; clauses implemented of mapped: iec62443-2-1 0/14, iec62443-3-3 1/11, iso27002 1/8\nchecked 3 files: 2 errors, 2 warnings in 2 files; 1 waived\n";
    assert!(out.stdout.ends_with(expected), "{}", out.stdout);
    assert_eq!(
        out.stdout.replace("assessment plant: 0 of 2 targets met; clauses implemented of mapped: iec62443-2-1 0/14, iec62443-3-3 1/11, iso27002 1/8\n", ""),
        plain
    );
    assert_eq!(
        check(&p, &["--summary", "--format", "json"]).stdout,
        check(&p, &["--format", "json"]).stdout
    );
}

/// Findings of every kind that decides a run: an expired evidence (two in one practice), an
/// unmet target, a waived one, a practice without a target (info), an unknown practice (an
/// error not tied to a targeted practice), a profile that extends nothing (a profile-level
/// error), a catalog entry without a title (a catalog warning) and a syntax error.
const FAILING_PROFILES: &str = r#"profile base "Base" {
  role asset-owner
  target access-control level 3 scope industry
  target patch-management level 2
}

profile extra "Extra" {
  extends nowhere
}
"#;

const FAILING_ASSESSMENT: &str = r#"assessment plant "Plant" {
  profile base
  date 2026-11-10
  practice access-control level 2 scope industry {
    evidence "Review" implements iec62443-3-3:SR2.1 expires 2026-11-01
    evidence "Audit" implements iso27002:5.15 expires 2026-10-01
  }
  practice monitoring level 1 {
    evidence "Log review" implements iso27002:8.16
  }
  practice acces-control level 1
  waive not-assessed for patch-management expires 2027-01-31 {
    reason "Q1 audit"
    owner "R. Okafor"
  }
}
"#;

const CATALOG: &str = "standard acme \"Acme controls\" {\n  clause acme:1\n}\n";

fn failing_workspace(p: &Project) {
    p.file(&format!("{ROOT}/smm.toml"), "")
        .file(&format!("{ROOT}/profiles/base.smm"), FAILING_PROFILES)
        .file(&format!("{ROOT}/assessments/plant.smm"), FAILING_ASSESSMENT)
        .file(&format!("{ROOT}/acme.smm"), CATALOG)
        .file(&format!("{ROOT}/broken.smm"), BROKEN);
}

/// The value of `attribute` in the first `<element ` tag of `xml`.
fn attribute(xml: &str, element: &str, attribute: &str) -> Option<usize> {
    let tag = &xml[xml.find(&format!("<{element} "))?..];
    let tag = &tag[..tag.find('>')?];
    let value = tag.split(&format!(" {attribute}=\"")).nth(1)?;
    value[..value.find('"')?].parse().ok()
}

/// Per finding not waived, whether it fails the run, from the JSON report: (code, severity).
fn findings(p: &Project, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let document: Value = serde_json::from_str(&check(p, &all).stdout).unwrap();
    document["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .filter(|d| d["waived"].is_null())
        .map(|d| {
            let code = d["code"].as_str().unwrap().to_string();
            (code, d["severity"].as_str().unwrap().to_string())
        })
        .collect()
}

/// Issue 15: a run failed on N findings while the JUnit report counted fewer failures (an
/// expired evidence left its practice's test case passing, a profile's finding appeared nowhere).
/// Now each finding that fails the run is one `<failure>`, and the counts say so.
#[test]
fn junit_failures_are_the_findings_that_fail_the_run() {
    let p = Project::new();
    failing_workspace(&p);
    let at_or_above = |severities: &[&str], args: &[&str]| {
        findings(&p, args)
            .into_iter()
            .filter(|(_, s)| severities.contains(&s.as_str()))
            .map(|(code, _)| code)
            .collect::<Vec<_>>()
    };
    let cases: [(&[&str], &[&str], usize); 4] = [
        (&[], &["error"], 3),
        (&["--fail-on", "warning"], &["error", "warning"], 7),
        (&["--fail-on", "info"], &["error", "warning", "info"], 8),
        (&["--fail-on", "never"], &[], 0),
    ];
    for (args, severities, expected) in cases {
        let failing = at_or_above(severities, args);
        assert_eq!(failing.len(), expected, "{args:?}: {failing:?}");
        let mut all = vec!["--format", "junit"];
        all.extend_from_slice(args);
        let out = check(&p, &all);
        assert_eq!(out.code, i32::from(expected > 0), "{args:?}: {out:?}");
        let xml = out.stdout;
        assert_eq!(
            attribute(&xml, "testsuites", "failures"),
            Some(expected),
            "{args:?}\n{xml}"
        );
        assert_eq!(
            xml.matches("<failure ").count(),
            expected,
            "{args:?}\n{xml}"
        );
        let suites: usize = xml
            .split("<testsuite ")
            .skip(1)
            .map(|s| attribute(&format!("<testsuite {s}"), "testsuite", "failures").unwrap())
            .sum();
        assert_eq!(suites, expected, "{args:?}\n{xml}");
        let mut types: Vec<&str> = xml
            .split("<failure type=\"")
            .skip(1)
            .map(|f| &f[..f.find('"').unwrap()])
            .collect();
        types.sort_unstable();
        let mut failing: Vec<&str> = failing.iter().map(String::as_str).collect();
        failing.sort_unstable();
        assert_eq!(types, failing, "{args:?}");
        assert!(!xml.contains("<testsuites name=\"smm check\" tests=\"0\"") || expected == 0);
        let testsuites = &xml[xml.find("<testsuites ").unwrap()..];
        assert!(
            !testsuites[..testsuites.find('>').unwrap()].contains("skipped="),
            "Jenkins' schema has no `skipped` on <testsuites>"
        );
    }

    // The expired evidence fails its practice's test case, twice; the profile's finding fails
    // its file's test case.
    let xml = check(&p, &["--format", "junit", "--fail-on", "warning"]).stdout;
    let case = |name: &str| {
        let start = xml
            .find(&format!("name=\"{name}\">"))
            .unwrap_or_else(|| panic!("no case {name}\n{xml}"));
        let case = &xml[start..];
        case[..case.find("</testcase>").unwrap()].to_string()
    };
    let access = case("access-control");
    assert_eq!(
        access.matches("type=\"check::evidence-expired\"").count(),
        2,
        "{access}"
    );
    assert_eq!(
        access.matches("type=\"check::unmet-target\"").count(),
        1,
        "{access}"
    );
    let profile = case("profiles/base.smm");
    assert!(
        profile.contains("type=\"check::unknown-profile\""),
        "{profile}"
    );
    assert!(case("patch-management")
        .contains("<skipped message=\"waived until 2027-01-31 by R. Okafor: Q1 audit\"/>"));
    assert!(case("acme.smm").contains("type=\"model::missing-title\""));

    // smm.toml's fail-on and severities decide just as the flags do.
    p.file(
        &format!("{ROOT}/smm.toml"),
        "fail-on = \"warning\"\n[severity]\n\"check::evidence-expired\" = \"info\"\n",
    );
    let out = check(&p, &["--format", "junit"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        attribute(&out.stdout, "testsuites", "failures"),
        Some(5),
        "{}",
        out.stdout
    );

    // Nothing fails: no suite of files, and no failure anywhere.
    p.file(&format!("{ROOT}/smm.toml"), "fail-on = \"never\"\n");
    let out = check(&p, &["--format", "junit"]);
    assert_eq!(out.code, 0);
    assert!(!out.stdout.contains("<failure"), "{}", out.stdout);
    assert!(!out.stdout.contains("files with"), "{}", out.stdout);
}

type Fingerprints = Vec<(String, String)>;

/// (rule, fingerprint) of every result, in order.
fn fingerprints(sarif: &str) -> Fingerprints {
    let document: Value = serde_json::from_str(sarif).unwrap();
    document["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let print = r["partialFingerprints"]["smmFinding/v1"].as_str();
            let print = print.unwrap_or_else(|| panic!("no fingerprint: {r}"));
            (r["ruleId"].as_str().unwrap().to_string(), print.to_string())
        })
        .collect()
}

/// Code scanning follows a finding from run to run by its fingerprint: one on every result,
/// none twice, the same when lines move (a comment above, a practice moved down), different
/// when what the finding is about changes.
#[test]
fn sarif_fingerprints_follow_findings_not_lines() {
    let p = Project::new();
    failing_workspace(&p);
    let before = fingerprints(&check(&p, &["--format", "sarif"]).stdout);
    assert_eq!(before.len(), 9, "{before:?}");
    let mut unique: Vec<&String> = before.iter().map(|(_, f)| f).collect();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        before.len(),
        "a fingerprint given twice: {before:?}"
    );
    let expired: Vec<&str> = before
        .iter()
        .filter(|(rule, _)| rule == "check::evidence-expired")
        .map(|(_, f)| f.as_str())
        .collect();
    assert!(
        expired[0].ends_with(":1") && expired[1].ends_with(":2"),
        "{expired:?}"
    );
    assert_eq!(expired[0].split(':').next(), expired[1].split(':').next());

    // Lines moved: a comment on top, the unknown practice moved above the others, the
    // profiles swapped, blank lines in the catalog.
    let moved = FAILING_ASSESSMENT
        .replace("  practice acces-control level 1\n", "")
        .replace(
            "  date 2026-11-10\n",
            "  date 2026-11-10\n\n  practice acces-control level 1\n",
        );
    p.file(
        &format!("{ROOT}/assessments/plant.smm"),
        &format!("// Reviewed in the Q4 audit\n// by the plant team\n{moved}"),
    );
    let (base, extra) = FAILING_PROFILES.split_once("\n\n").unwrap();
    p.file(
        &format!("{ROOT}/profiles/base.smm"),
        &format!("{extra}\n{base}\n"),
    );
    p.file(&format!("{ROOT}/acme.smm"), &format!("\n\n{CATALOG}"));
    let after = fingerprints(&check(&p, &["--format", "sarif"]).stdout);
    let sorted = |mut prints: Fingerprints| {
        prints.sort();
        prints
    };
    assert_eq!(sorted(after), sorted(before.clone()));

    // A practice renamed is another finding.
    p.file(
        &format!("{ROOT}/assessments/plant.smm"),
        &FAILING_ASSESSMENT.replace("acces-control", "acess-control"),
    );
    let renamed = fingerprints(&check(&p, &["--format", "sarif"]).stdout);
    let unknown = |prints: &Fingerprints| {
        prints
            .iter()
            .find(|(rule, _)| rule == "check::unknown-practice")
            .map(|(_, f)| f.clone())
    };
    assert_ne!(unknown(&renamed), unknown(&before));
}

/// Each rule's help is the page `smm explain CODE` prints, from the one code table.
#[test]
fn sarif_rule_help_is_the_explain_page() {
    let p = Project::new();
    workspace(&p);
    let document: Value = serde_json::from_str(&check(&p, &["--format", "sarif"]).stdout).unwrap();
    let run = &document["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "smm/check/");
    let driver = &run["tool"]["driver"];
    assert!(
        driver.get("informationUri").is_none(),
        "no home page to name yet"
    );
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() > 50);
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert!(rule.get("helpUri").is_none(), "{id}");
        let explain = p.run(&["explain", id]);
        assert_eq!(explain.code, 0, "{id}: {explain:?}");
        assert_eq!(rule["help"]["text"], explain.stdout.as_str(), "{id}");
    }
}

/// Locations are relative to `%SRCROOT%`, which code scanning maps to the checkout; a second
/// root gets a base id of its own; no absolute URI anywhere, so every clone writes the same.
#[test]
fn sarif_locations_are_relative_to_base_ids_without_absolute_uris() {
    let p = Project::new();
    workspace(&p);
    p.file("Other/smm.toml", "").file("Other/x.smm", BROKEN);
    let out = p.output(&mut p.smm(&["check", "--format", "sarif", ROOT, "Other"]));
    assert_eq!(out.code, 1, "{out:?}");
    assert!(!out.stdout.contains("[ROOT]"), "{}", out.stdout);
    let document: Value = serde_json::from_str(&out.stdout).unwrap();
    fn uris<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                found.extend(map.get("uri").and_then(Value::as_str));
                map.values().for_each(|v| uris(v, found));
            }
            Value::Array(values) => values.iter().for_each(|v| uris(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    uris(&document, &mut found);
    assert!(!found.is_empty());
    for uri in found {
        assert!(
            !uri.starts_with('/') && !uri.contains(':'),
            "an absolute URI: {uri}"
        );
    }
    let run = &document["runs"][0];
    let bases = run["originalUriBaseIds"].as_object().unwrap();
    let ids: Vec<&String> = bases.keys().collect();
    assert_eq!(ids, ["%SRCROOT%", "ROOT1"]);
    assert!(bases.values().all(|b| b.get("uri").is_none()), "{bases:?}");
    let locations: Vec<(&str, &str)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let at = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                at["uriBaseId"].as_str().unwrap(),
                at["uri"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        locations.contains(&("%SRCROOT%", "broken.smm")),
        "{locations:?}"
    );
    assert!(locations.contains(&("ROOT1", "x.smm")), "{locations:?}");
}

/// `--format json` alone checks a large workspace a window of files at a time, twice (once to
/// count, once to write); `--output json=…` writes the report made whole, and a check of named
/// paths analyses the whole workspace at once. All three must agree byte for byte, with findings that cross windows: a profile defined in the last window and
/// used in the first, one assessment name declared in two windows, unknown practices, waivers.
#[test]
fn json_written_window_by_window_equals_the_whole_report() {
    let p = Project::new();
    p.file("smm.toml", "");
    p.file(
        "a-profiles.smm",
        "profile base \"Base\" {\n  role asset-owner\n  target access-control level 3\n  target patch-management level 2\n}\n",
    );
    p.file(
        "zz-late.smm",
        "profile late \"Late\" {\n  extends base\n  target monitoring level 2 scope system\n}\n",
    );
    for i in 0..300 {
        let name = if i % 97 == 5 {
            "dup".to_string()
        } else {
            format!("site-{i}")
        };
        let profile = if i % 3 == 0 { "late" } else { "base" };
        let practice = if i % 11 == 0 {
            "acces-control"
        } else {
            "access-control"
        };
        let waiver = if i % 7 == 0 {
            "  waive not-assessed for patch-management expires 2027-01-31 {\n    reason \"later\"\n    owner \"R. Okafor\"\n  }\n"
        } else {
            ""
        };
        p.file(
            &format!("sites/s{i:03}.smm"),
            &format!(
                "assessment {name} \"Site {i}\" {{\n  profile {profile}\n  date 2026-11-10\n  practice {practice} level {} {{\n    evidence \"Reviews\" implements iec62443-3-3:SR2.1 iso27002:5.15\n  }}\n{waiver}}}\n",
                i % 5
            ),
        );
    }
    let streamed = p.output(&mut p.smm(&["check", "--format", "json"]));
    let whole = p.output(&mut p.smm(&[
        "check",
        "--format",
        "compact",
        "--output",
        "json=whole.json",
    ]));
    assert_eq!(streamed.code, whole.code, "{streamed:?}");
    assert_eq!(streamed.stderr, "");
    let report: Value = serde_json::from_str(&streamed.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 302);
    let codes: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in [
        "check::duplicate-name",
        "check::unknown-practice",
        "check::unmet-target",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert!(
        streamed.stdout == p.read("whole.json"),
        "streamed and whole JSON differ"
    );
    // Named paths are checked in one analysis of the whole workspace, for their dependents.
    let at_once = p.output(&mut p.smm(&["check", "--format", "json", "."]));
    assert!(
        streamed.stdout == at_once.stdout,
        "windows and one analysis differ"
    );
}

/// Two workspaces on one command line are two runs of the passes: the counting pass goes
/// over both before the first file is written.
#[test]
fn json_of_two_workspaces_counts_both_before_writing() {
    let p = Project::new();
    for ws in ["one", "two"] {
        p.file(&format!("{ws}/smm.toml"), "")
            .file(
                &format!("{ws}/base.smm"),
                "profile base \"Base\" {\n  role asset-owner\n  target access-control level 3\n}\n",
            )
            .file(
                &format!("{ws}/site.smm"),
                "assessment site \"Site\" {\n  profile base\n  practice access-control level 1\n  practice acces-control level 1\n}\n",
            );
    }
    let streamed = p.output(&mut p.smm(&["check", "--format", "json", "one", "two"]));
    let whole = p.output(&mut p.smm(&[
        "check",
        "--format",
        "compact",
        "--output",
        "json=whole.json",
        "one",
        "two",
    ]));
    assert_eq!(streamed.code, whole.code, "{streamed:?}");
    let report: Value = serde_json::from_str(&streamed.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 4, "{report}");
    assert!(
        report["summary"]["errors"].as_u64().unwrap() >= 2,
        "{report}"
    );
    assert!(
        streamed.stdout == p.read("whole.json"),
        "streamed and whole JSON differ"
    );
}
