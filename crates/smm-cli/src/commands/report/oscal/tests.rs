//! The OSCAL document of the repository's examples and of a workspace of hostile strings,
//! loaded the way `smm report` loads them. compliance-trestle reads the same document in
//! tests/oscal.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::super::load;
use super::*;
use crate::args::InputArgs;
use crate::status::Status;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate is two folders down")
        .to_path_buf()
}

fn pages_of(path: PathBuf, as_of: Option<Day>) -> Vec<Page> {
    let input = InputArgs {
        paths: vec![path],
        stdin_filename: None,
        verbose: false,
    };
    let mut status = Status::default();
    let mut err = Vec::new();
    let pages = load::pages(&input, as_of, None, &mut status, &mut err).expect("no I/O error");
    assert_eq!(status.failures, 0, "{}", String::from_utf8_lossy(&err));
    pages
}

fn examples() -> Vec<Page> {
    pages_of(repo().join("examples"), None)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the document is JSON")
}

fn results(doc: &Value) -> &Vec<Value> {
    doc["assessment-results"]["results"]
        .as_array()
        .expect("results")
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value[key].as_array().map_or(&[], Vec::as_slice)
}

/// The values of the props named `name` in our namespace.
fn props<'a>(value: &'a Value, name: &str) -> Vec<&'a str> {
    list(value, "props")
        .iter()
        .filter(|p| p["name"] == name && p["ns"] == NS)
        .map(|p| p["value"].as_str().expect("a prop value is a string"))
        .collect()
}

/// Every `uuid` in the document, wherever it is.
fn uuids(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("uuid", Value::String(s)) => found.push(s.clone()),
                    _ => uuids(v, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| uuids(v, found)),
        _ => {}
    }
}

/// Lower-case, hyphenated, version 5, RFC 9562 variant.
fn is_v5(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
        && b[14] == b'5'
        && b"89ab".contains(&b[19])
}

#[test]
fn the_same_files_give_the_same_bytes() {
    let first = render(&examples(), None);
    assert_eq!(first, render(&examples(), None));
    assert_eq!(first, render(&examples(), None));
    assert!(first.ends_with("}\n"));
    let doc = parse(&first);
    let metadata = &doc["assessment-results"]["metadata"];
    assert_eq!(metadata["oscal-version"], OSCAL_VERSION);
    assert_eq!(metadata["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn one_result_per_assessment_and_a_finding_with_a_target_per_practice() {
    let pages = examples();
    assert_eq!(
        pages.len(),
        7,
        "the repository has seven example assessments"
    );
    let doc = parse(&render(&pages, None));
    assert_eq!(results(&doc).len(), pages.len());
    for (page, result) in pages.iter().zip(results(&doc)) {
        let a = &page.assessment;
        let practices: BTreeMap<&str, &AssessedPractice> = a
            .practices
            .iter()
            .filter(|p| p.target.is_some() || p.current.is_some())
            .map(|p| (p.id.as_str(), p))
            .collect();
        let findings = list(result, "findings");
        assert_eq!(findings.len(), practices.len(), "{}", a.id);
        assert!(!findings.is_empty());
        assert_eq!(props(result, "smm-assessment"), [a.id.as_str()]);
        let selected: Vec<&Value> = list(
            &result["reviewed-controls"]["control-selections"][0],
            "include-controls",
        )
        .iter()
        .map(|c| &c["control-id"])
        .collect();
        assert_eq!(selected.len(), findings.len());
        for finding in findings {
            let target = &finding["target"];
            assert_eq!(target["type"], "objective-id");
            let id = target["target-id"].as_str().expect("a target id");
            let practice = practices[id];
            let state = target["status"]["state"].as_str();
            match (&practice.target, practice.met) {
                (None, _) => assert_eq!(state, None, "{id}: nothing asked, no status"),
                (Some(_), Some(true)) => assert_eq!(state, Some("satisfied"), "{id}"),
                (Some(_), _) => assert_eq!(state, Some("not-satisfied"), "{id}"),
            }
        }
        // Every evidence line is an observation, and its practice's finding points to it.
        let observations = list(result, "observations");
        assert_eq!(observations.len(), page.evidence.len(), "{}", a.id);
        let observed: BTreeSet<&str> = observations
            .iter()
            .map(|o| o["uuid"].as_str().expect("uuid"))
            .collect();
        let mut related = 0;
        for finding in findings {
            for r in list(finding, "related-observations") {
                assert!(observed.contains(r["observation-uuid"].as_str().unwrap()));
                related += 1;
            }
        }
        let evidence_of_findings = page
            .evidence
            .iter()
            .filter(|e| practices.contains_key(e.practice.as_str()))
            .count();
        assert_eq!(related, evidence_of_findings, "{}", a.id);
    }
}

#[test]
fn uuids_are_v5_unique_and_the_plan_reference_resolves() {
    let doc = parse(&render(&examples(), None));
    let mut found = Vec::new();
    uuids(&doc, &mut found);
    // The document, the plan stand-in, and per result its own, findings and observations.
    assert!(found.len() > 200, "{}", found.len());
    for uuid in &found {
        assert!(is_v5(uuid), "{uuid}");
    }
    let unique: BTreeSet<&String> = found.iter().collect();
    assert_eq!(unique.len(), found.len(), "a UUID is used twice");
    let ar = &doc["assessment-results"];
    let resource = &ar["back-matter"]["resources"][0];
    assert_eq!(
        ar["import-ap"]["href"].as_str().unwrap(),
        format!("#{}", resource["uuid"].as_str().unwrap())
    );
}

#[test]
fn uuids_are_those_of_rfc_9562_for_our_namespace() {
    // Python: uuid.uuid5(uuid.UUID("a5f88d6f-90e6-4aa8-9489-b641d3fded9c"),
    //   '["finding","examples/assessments/line-4.smm#line-4","access-control"]')
    assert_eq!(
        NAMESPACE.to_string(),
        "a5f88d6f-90e6-4aa8-9489-b641d3fded9c"
    );
    assert_eq!(
        uuid_of(&[
            "finding",
            "examples/assessments/line-4.smm#line-4",
            "access-control"
        ]),
        "68f39bcf-e7f7-500d-a019-1ce6a2a797e0"
    );
    // The parts are joined so that no two lists give the same name.
    assert_ne!(uuid_of(&["a", "b"]), uuid_of(&["a\",\"b"]));
    assert_ne!(uuid_of(&["ab"]), uuid_of(&["a", "b"]));
}

#[test]
fn the_smm_figures_are_props_in_our_namespace() {
    let pages = examples();
    let doc = parse(&render(&pages, None));
    let mut waived = 0;
    for (page, result) in pages.iter().zip(results(&doc)) {
        for p in list(result, "props") {
            assert_eq!(p["ns"], NS);
        }
        let by_id: BTreeMap<&str, &AssessedPractice> = page
            .assessment
            .practices
            .iter()
            .map(|p| (p.id.as_str(), p))
            .collect();
        for finding in list(result, "findings") {
            let practice = by_id[finding["target"]["target-id"].as_str().unwrap()];
            for p in list(finding, "props") {
                assert_eq!(p["ns"], NS);
            }
            let level = practice.current.map(|r| r.level.to_string());
            assert_eq!(
                props(finding, "smm-level"),
                Vec::from_iter(level.as_deref())
            );
            let scope = practice.current.map(|r| r.scope);
            assert_eq!(props(finding, "smm-scope"), Vec::from_iter(scope));
            let target = practice.target.as_ref().map(|t| t.level.to_string());
            assert_eq!(
                props(finding, "smm-target"),
                Vec::from_iter(target.as_deref())
            );
            let set_by = practice.target.as_ref().map(|t| t.set_by.as_str());
            assert_eq!(props(finding, "smm-set-by"), Vec::from_iter(set_by));
            let gap = practice.gap.map(|g| g.to_string());
            assert_eq!(props(finding, "smm-gap"), Vec::from_iter(gap.as_deref()));
            let expected = if practice.waived.is_some() {
                waived += 1;
                "true"
            } else {
                "false"
            };
            assert_eq!(props(finding, "smm-waived"), [expected]);
            assert_eq!(props(finding, "smm-missing-clause"), practice.missing);
        }
        for (e, o) in page.evidence.iter().zip(list(result, "observations")) {
            assert_eq!(o["description"], e.text.as_str());
            assert_eq!(o["methods"], serde_json::json!(["EXAMINE"]));
            assert_eq!(props(o, "smm-practice"), [e.practice.as_str()]);
            assert_eq!(props(o, "smm-implements"), e.implements);
            assert_eq!(
                props(o, "smm-expires"),
                Vec::from_iter(e.expires.as_deref())
            );
            let evidence = &o["relevant-evidence"][0];
            assert_eq!(evidence["href"].as_str(), e.link.as_deref());
            assert_eq!(evidence["description"], e.text.as_str());
        }
    }
    assert!(waived > 0, "the examples have a waiver");
}

#[test]
fn timestamps_come_from_the_days_never_the_clock() {
    let pages = examples();
    let doc = parse(&render(&pages, None));
    let latest = pages
        .iter()
        .filter_map(|p| p.assessment.date.clone())
        .max()
        .unwrap();
    let metadata = &doc["assessment-results"]["metadata"];
    assert_eq!(metadata["last-modified"], format!("{latest}T00:00:00Z"));
    assert_eq!(metadata["published"], metadata["last-modified"]);
    for (page, result) in pages.iter().zip(results(&doc)) {
        let start = format!("{}T00:00:00Z", page.assessment.date.as_deref().unwrap());
        assert_eq!(result["start"], start.as_str());
        for o in list(result, "observations") {
            assert_eq!(o["collected"], start.as_str());
        }
    }
    let as_of = Day::new(2027, 1, 2);
    let doc = parse(&render(&pages_of(repo().join("examples"), as_of), as_of));
    let metadata = &doc["assessment-results"]["metadata"];
    assert_eq!(metadata["last-modified"], "2027-01-02T00:00:00Z");
    assert_eq!(metadata["published"], "2027-01-02T00:00:00Z");
    // The assessments keep their own days.
    assert_eq!(
        results(&doc)[0]["start"],
        results(&parse(&render(&pages, None)))[0]["start"]
    );
}

const PROFILE: &str = r#"profile base "Base" {
  role asset-owner
  target access-control level 3 scope industry
  target patch-management level 2
}
"#;

const HOSTILE: &str = r#"assessment plant "Werk \"ß\"\n</script><script>alert(1)</script>\t💣" {
  profile base
  date 2026-11-10
  assessor "  A. \"Quote\"\nsecond line  "
  practice access-control level 2 scope industry {
    evidence "Line one\nline two \"quoted\" </script> \\ back" implements iec62443-3-3:SR2.1 expires 2026-11-01 link "docs/Prüfung 1 \"x\".pdf"
    evidence "Bad date" expires 2026-02-30 link "https://example.invalid/a%20b?c=d#e"
  }
  practice physical-protection level 1
}
"#;

#[test]
fn hostile_strings_stay_data_and_one_line_fields_stay_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("smm.toml"), "").unwrap();
    std::fs::write(dir.path().join("base.smm"), PROFILE).unwrap();
    std::fs::write(dir.path().join("plant.smm"), HOSTILE).unwrap();
    let pages = pages_of(dir.path().to_path_buf(), None);
    assert_eq!(pages.len(), 1);
    let text = render(&pages, None);
    let doc = parse(&text);
    let result = &results(&doc)[0];
    assert_eq!(
        result["title"],
        "Werk \"ß\" </script><script>alert(1)</script> 💣"
    );
    assert_eq!(props(result, "smm-assessor"), ["A. \"Quote\" second line"]);
    let observations = list(result, "observations");
    assert_eq!(
        observations[0]["description"],
        "Line one\nline two \"quoted\" </script> \\ back"
    );
    assert_eq!(
        observations[0]["relevant-evidence"][0]["href"],
        "docs/Pr%C3%BCfung%201%20%22x%22.pdf"
    );
    assert_eq!(observations[0]["expires"], "2026-11-01T00:00:00Z");
    assert_eq!(props(&observations[0], "smm-expiry"), ["expired"]);
    // A date not on the calendar stays a prop as written, and no timestamp.
    assert_eq!(props(&observations[1], "smm-expires"), ["2026-02-30"]);
    assert_eq!(observations[1].get("expires"), None);
    assert_eq!(
        observations[1]["relevant-evidence"][0]["href"],
        "https://example.invalid/a%20b?c=d#e"
    );
    // Rated without a target: a finding without status; targeted, unrated: not satisfied.
    let findings: BTreeMap<&str, &Value> = list(result, "findings")
        .iter()
        .map(|f| (f["target"]["target-id"].as_str().unwrap(), f))
        .collect();
    assert_eq!(
        findings["physical-protection"]["target"].get("status"),
        None
    );
    assert_eq!(
        findings["patch-management"]["target"]["status"]["state"],
        "not-satisfied"
    );
    assert_eq!(
        props(findings["patch-management"], "smm-level"),
        Vec::<&str>::new()
    );
    assert_eq!(
        findings["access-control"]["target"]["status"]["state"],
        "not-satisfied"
    );
    assert_eq!(props(findings["access-control"], "smm-gap"), ["1"]);
}
