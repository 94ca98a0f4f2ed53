//! `smm catalog --coverage`: the counts per standard as text, JSON (against its schema) and
//! Markdown, the committed UNMAPPED.md, and a workspace's own catalogs counted by their leaves.

mod common;

use common::Project;
use serde_json::{json, Value};

/// A standard of the workspace's own, with a mapping that maps one leaf, leaves one unmapped
/// with a reason and forgets the third.
const ACME: &str = r#"standard acme "ACME rules" {
  role asset-owner
  clause acme:R1 "Zones"
  clause acme:R1.1 "Zone inventory" parent acme:R1
  clause acme:R2 "Remote access"
  clause acme:R3 "Visitors"
}

mapping acme-map "ACME mapping" {
  map access-control level 2 to acme:R1.1 as subset for asset-owner {
    rationale "An inventory of zones is where access rules start"
  }
  unmapped acme:R3 {
    rationale "Visitors are the site's business, not a security practice's"
  }
}
"#;

fn workspace() -> Project {
    let p = Project::new();
    p.file("smm.toml", "").file("acme.smm", ACME);
    p
}

fn coverage_json(p: &Project) -> Value {
    let out = p.run(&["catalog", "--coverage", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    serde_json::from_str(&out.stdout).expect("JSON")
}

fn validator() -> jsonschema::Validator {
    common::schema_validator("coverage.schema.json")
}

use common::schema_errors as errors;

#[test]
fn a_workspace_standard_counts_its_leaf_clauses_and_says_so() {
    let p = workspace();
    let out = p.run(&["catalog", "--coverage"]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = &out.stdout;
    for expected in [
        "\nStandard           Requirements  Mapped  % mapped  Unmapped  Missing\n",
        "\nacme                          3       1      33.3         1        1\n",
        "\niec62443                      —\n",
        "\nacme               leaf clauses (a catalog of your own)\n",
        "\nacme (1): R2\n",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
}

#[test]
fn the_json_output_holds_each_standards_counts_and_lists() {
    let p = workspace();
    let document = coverage_json(&p);
    assert_eq!(errors(&validator(), &document), Vec::<String>::new());
    let acme = document["standards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "acme")
        .unwrap();
    assert_eq!(
        *acme,
        json!({
            "id": "acme",
            "title": "ACME rules",
            "counted": "leaf clauses (a catalog of your own)",
            "user_catalog": true,
            "requirements": 3,
            "mapped": 1,
            "mapped_percent": 33.3,
            "unmapped": 1,
            "missing": 1,
            "unmapped_clauses": [{
                "clause": "acme:R3",
                "title": "Visitors",
                "mapping": "acme-map",
                "rationale": "Visitors are the site's business, not a security practice's"
            }],
            "missing_clauses": [{ "clause": "acme:R2", "title": "Remote access" }]
        })
    );
}

/// Before trusting a pass, show the schema catches what it is meant to catch.
#[test]
fn the_schema_rejects_broken_documents() {
    let validator = validator();
    let good = coverage_json(&workspace());
    type Break = fn(&mut Value);
    let broken: [(&str, Break, &str); 4] = [
        (
            "a count below zero",
            |d| d["standards"][0]["missing"] = json!(-1),
            "/standards/0/missing: -1 is less than the minimum of 0",
        ),
        (
            "a percentage above 100",
            |d| d["standards"][1]["mapped_percent"] = json!(100.5),
            "/standards/1/mapped_percent: 100.5 is not valid under any of the schemas listed in the 'anyOf' keyword",
        ),
        (
            "an unmapped clause without its reason",
            |d| {
                let acme = d["standards"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|s| s["id"] == "acme")
                    .unwrap();
                acme["unmapped_clauses"][0]["rationale"] = json!("");
            },
            "\"\" is shorter than 1 character",
        ),
        (
            "an unknown field",
            |d| d["threshold"] = json!(80),
            ": Additional properties are not allowed ('threshold' was unexpected)",
        ),
    ];
    for (what, break_it, expected) in broken {
        let mut document = good.clone();
        break_it(&mut document);
        let found = errors(&validator, &document);
        assert!(
            found.len() == 1 && found[0].ends_with(expected),
            "{what}: {found:#?}"
        );
    }
}

fn unmapped_table() -> String {
    let out = Project::new().run(&["catalog", "--coverage", "--format", "markdown"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    out.stdout
}

/// Reviewers read the committed file; it must be what the model holds now.
#[test]
fn the_committed_unmapped_table_is_up_to_date() {
    common::assert_up_to_date(
        "crates/smm-model/data/UNMAPPED.md",
        &unmapped_table(),
        "catalog --coverage --format markdown",
    );
}

#[test]
fn the_unmapped_table_has_a_row_per_standard_and_per_unmapped_clause() {
    let table = unmapped_table();
    let model = smm_model::builtin::model();
    for standard in model.standards() {
        assert!(
            table.contains(&format!("\n| `{}` | ", standard.id)),
            "{}",
            standard.id
        );
    }
    let (_, unmapped) = table.split_once("\n## Unmapped clauses\n").unwrap();
    let (unmapped, _) = unmapped.split_once("\n## Still missing\n").unwrap();
    let rows: Vec<&str> = unmapped.lines().filter(|l| l.starts_with("| `")).collect();
    assert_eq!(rows.len(), model.unmapped().len());
    for row in rows {
        let cells = row.replace("\\|", "").matches('|').count() - 1;
        assert_eq!(cells, 3, "{row}");
    }
    assert!(
        table.contains(
            "\n| `iec62443-4-2:CR7.5` | Emergency power | Part 4-2 sets no component requirement"
        ),
        "{table}"
    );
}
