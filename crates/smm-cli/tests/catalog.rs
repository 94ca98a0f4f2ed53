//! `smm catalog`: the text listing, and the JSON document against its hand-written schema.

mod common;

use std::path::Path;

use common::Project;
use jsonschema::Validator;
use serde_json::{json, Value};

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/catalog.schema.json");
    let text = std::fs::read_to_string(&path).expect("schemas/catalog.schema.json");
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

use common::schema_errors as errors;

/// The smallest document the schema accepts: one of everything that can nest.
fn minimal_document() -> Value {
    let levels: Vec<Value> = (0..=4)
        .map(|n| json!({ "level": n, "name": "N", "meaning": "M" }))
        .collect();
    json!({
        "schema_version": "1",
        "frameworks": [{
            "id": "f", "title": "F", "description": null, "source": null,
            "domains": [{ "id": "d", "title": "D", "description": null, "subdomains": ["s"] }],
            "subdomains": [{ "id": "s", "title": "S", "description": null, "domain": "d", "practices": ["p"] }],
            "practices": [{
                "id": "p", "name": "P", "domain": "d", "subdomain": "s", "objective": null,
                "levels": { "1": "a", "2": "b", "3": null, "4": null }
            }]
        }],
        "levels": levels,
        "scopes": [{ "id": "general", "meaning": "M" }],
        "roles": [{ "id": "asset-owner", "name": "Asset owner", "meaning": "M" }],
        "standards": [{
            "id": "std", "title": "T", "edition": null, "source": null, "description": null,
            "roles": ["asset-owner"], "supersedes": null,
            "annexes": [{ "label": "A", "standard": "other", "titles": [] }],
            "clauses": [{
                "id": "std:SR1.1", "clause": "SR1.1", "title": "T",
                "parent": null, "children": ["std:SR1.1-RE1"], "description": null,
                "security_level": null
            }]
        }],
        "mappings": [{
            "id": "m", "title": "", "description": null, "source": null,
            "edges": [{
                "practice": "p", "level": 2, "clause": "std:SR1.1", "relationship": "subset",
                "roles": ["asset-owner"], "via": null, "rationale": null, "note": null
            }],
            "unmapped": [{ "clause": "std:SR1.2", "rationale": "Why no practice maps it" }]
        }]
    })
}

fn catalog_json() -> Value {
    let out = Project::new().run(&["catalog", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    serde_json::from_str(&out.stdout).expect("smm catalog --format json prints JSON")
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(schema["$id"].is_string());
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("{}: {e}", e.instance_path());
    }
}

/// Before trusting a pass, show the schema catches what it is meant to catch.
#[test]
fn the_schema_rejects_broken_documents() {
    let validator = validator();
    let good = minimal_document();
    assert_eq!(errors(&validator, &good), Vec::<String>::new());

    type Break = fn(&mut Value);
    let broken: [(&str, Break, &str); 13] = [
        (
            "a security level 5",
            |d| d["standards"][0]["clauses"][0]["security_level"] = json!(5),
            "/standards/0/clauses/0/security_level: 5 is not valid under any of the schemas listed in the 'anyOf' keyword",
        ),
        (
            "a clause without a title",
            |d| {
                d["standards"][0]["clauses"][0].as_object_mut().unwrap().remove("title");
            },
            "/standards/0/clauses/0: \"title\" is a required property",
        ),
        (
            "an unknown field in a clause",
            |d| d["standards"][0]["clauses"][0]["text"] = json!("requirement text"),
            "/standards/0/clauses/0: Additional properties are not allowed ('text' was unexpected)",
        ),
        (
            "an unknown field at the top",
            |d| d["requirements"] = json!([]),
            ": Additional properties are not allowed ('requirements' was unexpected)",
        ),
        (
            "an edge at level 0",
            |d| d["mappings"][0]["edges"][0]["level"] = json!(0),
            "/mappings/0/edges/0/level: 0 is less than the minimum of 1",
        ),
        (
            "an edge with an unknown relationship",
            |d| d["mappings"][0]["edges"][0]["relationship"] = json!("related"),
            "/mappings/0/edges/0/relationship: \"related\" is not one of \"equal\", \"subset\" or 2 other candidates",
        ),
        (
            "an edge for no role",
            |d| d["mappings"][0]["edges"][0]["roles"] = json!([]),
            "/mappings/0/edges/0/roles: [] has less than 1 item",
        ),
        (
            "an unmapped clause without its reason",
            |d| d["mappings"][0]["unmapped"][0]["rationale"] = json!(""),
            "/mappings/0/unmapped/0/rationale: \"\" is shorter than 1 character",
        ),
        (
            "another schema version",
            |d| d["schema_version"] = json!("2"),
            "/schema_version: \"1\" was expected",
        ),
        (
            "a level 5 for a practice",
            |d| d["frameworks"][0]["practices"][0]["levels"]["5"] = json!("x"),
            "/frameworks/0/practices/0/levels: Additional properties are not allowed ('5' was unexpected)",
        ),
        (
            "a clause reference without its standard",
            |d| d["standards"][0]["clauses"][0]["parent"] = json!("FR1"),
            "/standards/0/clauses/0/parent: \"FR1\" is not valid under any of the schemas listed in the 'anyOf' keyword",
        ),
        (
            "an unknown role",
            |d| d["standards"][0]["roles"] = json!(["integrator"]),
            "/standards/0/roles/0: \"integrator\" is not one of \"asset-owner\", \"product-supplier\" or \"service-provider\"",
        ),
        (
            "an empty title",
            |d| d["standards"][0]["title"] = json!(""),
            "/standards/0/title: \"\" is shorter than 1 character",
        ),
    ];
    for (what, break_it, expected) in broken {
        let mut document = good.clone();
        break_it(&mut document);
        assert_eq!(errors(&validator, &document), [expected], "{what}");
    }
}

#[test]
fn the_json_output_validates_against_the_schema() {
    let document = catalog_json();
    assert_eq!(errors(&validator(), &document), Vec::<String>::new());
}

#[test]
fn a_broken_copy_of_the_real_output_is_rejected() {
    let mut document = catalog_json();
    let clause = document["standards"][0]["clauses"][0]
        .as_object_mut()
        .unwrap();
    clause.remove("title");
    clause.insert("licensed".into(), json!([]));
    let found = errors(&validator(), &document);
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn the_json_output_holds_the_model() {
    let document = catalog_json();
    let smm = &document["frameworks"][0];
    assert_eq!(smm["id"], "smm");
    assert_eq!(smm["domains"].as_array().unwrap().len(), 3);
    assert_eq!(smm["subdomains"].as_array().unwrap().len(), 9);
    let practices = smm["practices"].as_array().unwrap();
    assert_eq!(practices.len(), 18);
    let access = practices
        .iter()
        .find(|p| p["id"] == "access-control")
        .unwrap();
    assert_eq!(access["domain"], "enablement");
    assert_eq!(access["subdomain"], "identity-and-access-management");
    for level in ["1", "2", "3", "4"] {
        assert!(access["levels"][level].is_string(), "level {level}");
    }
    assert_eq!(
        document["levels"][2],
        json!({
            "level": 2,
            "name": "Ad hoc",
            "meaning": document["levels"][2]["meaning"],
        })
    );
    let standards = document["standards"].as_array().unwrap();
    let standard = |id: &str| standards.iter().find(|s| s["id"] == id).unwrap();
    assert_eq!(
        standard("iso27001")["annexes"],
        json!([{ "label": "A", "standard": "iso27002", "titles": [
            {
                "id": "iso27001:A.5.21",
                "names": "iso27002:5.21",
                "title": "Managing information security in the ICT supply chain"
            },
            {
                "id": "iso27001:A.5.34",
                "names": "iso27002:5.34",
                "title": "Privacy and protection of PII"
            }
        ] }])
    );
    assert_eq!(standard("iec62443-2-1")["supersedes"], "iec62443-2-1-2010");
    let clauses = standard("iec62443-3-3")["clauses"].as_array().unwrap();
    let sr = clauses
        .iter()
        .find(|c| c["id"] == "iec62443-3-3:SR1.1")
        .unwrap();
    assert_eq!(sr["clause"], "SR1.1");
    assert_eq!(sr["title"], "Human user identification and authentication");
    assert_eq!(sr["parent"], "iec62443-3-3:FR1");
    assert_eq!(
        sr["children"],
        json!([
            "iec62443-3-3:SR1.1-RE1",
            "iec62443-3-3:SR1.1-RE2",
            "iec62443-3-3:SR1.1-RE3"
        ])
    );
    assert_eq!(sr["description"], Value::Null);
    assert_eq!(sr["security_level"], Value::Null);
    let re = clauses
        .iter()
        .find(|c| c["id"] == "iec62443-3-3:SR1.1-RE2")
        .unwrap();
    assert_eq!(re["security_level"], 3);
    assert_eq!(
        standard("iso27002")["clauses"].as_array().unwrap().len(),
        97
    );

    let mappings = document["mappings"].as_array().unwrap();
    assert!(mappings.len() >= 3);
    for mapping in mappings {
        let source = mapping["source"].as_str().unwrap();
        assert!(source.contains("not the IIC's or ISA's"), "{source}");
        let holds = |field: &str| !mapping[field].as_array().unwrap().is_empty();
        assert!(holds("edges") || holds("unmapped"), "{}", mapping["id"]);
    }
    let edges: Vec<&Value> = mappings
        .iter()
        .flat_map(|m| m["edges"].as_array().unwrap())
        .collect();
    let total: usize = smm_model::builtin::model().edges().len();
    assert_eq!(
        edges.len(),
        total,
        "every edge of the model is in the output"
    );
    let first = &edges[0];
    assert!(first["rationale"].is_string());
    assert!(first["roles"].as_array().is_some_and(|r| !r.is_empty()));

    let unmapped: Vec<&Value> = mappings
        .iter()
        .flat_map(|m| m["unmapped"].as_array().unwrap())
        .collect();
    assert_eq!(
        unmapped.len(),
        smm_model::builtin::model().unmapped().len(),
        "every unmapped clause of the model is in the output"
    );
    let cr = unmapped
        .iter()
        .find(|u| u["clause"] == "iec62443-4-2:CR7.5")
        .unwrap();
    assert!(cr["rationale"].as_str().unwrap().contains("SR7.5"), "{cr}");
}

#[test]
fn every_parent_and_child_in_the_json_output_is_a_clause_of_the_same_standard() {
    let document = catalog_json();
    for standard in document["standards"].as_array().unwrap() {
        let clauses = standard["clauses"].as_array().unwrap();
        let ids: Vec<&Value> = clauses.iter().map(|c| &c["id"]).collect();
        for clause in clauses {
            let related = clause["children"].as_array().unwrap().iter();
            for other in related.chain(Some(&clause["parent"]).filter(|p| !p.is_null())) {
                assert!(ids.contains(&other), "{} names {other}", clause["id"]);
            }
        }
    }
}

#[test]
fn the_text_listing_nests_the_framework_and_each_standard() {
    let out = Project::new().run(&["catalog"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    let text = &out.stdout;
    let (smm, _) = text.split_once("\nLevels\n").unwrap();
    insta::assert_snapshot!(smm);
    for expected in [
        "\n  enablement  Enablement\n    identity-and-access-management  Identity and Access Management\n      identities  Establishing and Maintaining Identities\n      access-control  Access Control\n",
        "\nLevels\n  0 None        The practice is not carried out",
        "\n  4 Formalized  The practice is documented",
        "\nScopes\n  general   Applies to any organization",
        "\nRoles\n  asset-owner       Asset owner: Owns and operates the system",
        "\nStandard iec62443-3-3: System security requirements and security levels\n  Edition: 1.0 (2013)\n  Roles: asset-owner, product-supplier, service-provider\n",
        "\n  FR1  Identification and authentication control\n    SR1.1  Human user identification and authentication\n      SR1.1-RE1  Unique identification and authentication\n",
        "\n  Annex A: the clauses of iso27002, by the names iso27001:A.<clause>\n",
        "\n  Supersedes: iec62443-2-1-2010\n",
        "\n  Clauses: 97\n  5  Organizational controls\n    5.1  Policies for information security\n",
        "\nMapping smm-project-enablement: smm project mapping: Enablement practices (",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
}

#[test]
fn the_text_listing_shows_every_clause_of_every_standard_once() {
    let text = Project::new().run(&["catalog"]).stdout;
    let document = catalog_json();
    let standards = document["standards"].as_array().unwrap();
    let sections: Vec<&str> = text.split("\nStandard ").skip(1).collect();
    assert_eq!(sections.len(), standards.len());
    for (section, standard) in sections.iter().zip(standards) {
        let id = standard["id"].as_str().unwrap();
        assert!(section.starts_with(&format!("{id}: ")), "{section}");
        let clauses = standard["clauses"].as_array().unwrap();
        let (head, listing) = section
            .split_once(&format!("\n  Clauses: {}\n", clauses.len()))
            .unwrap();
        assert!(!head.contains("\n\n"), "{head}");
        let listing = listing.split("\nMapping ").next().unwrap();
        let listed: Vec<&str> = listing
            .lines()
            .take_while(|l| !l.is_empty())
            .map(|l| l.trim_start().split("  ").next().unwrap())
            .collect();
        let mut expected: Vec<&str> = clauses
            .iter()
            .map(|c| c["clause"].as_str().unwrap())
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected, "{id}");
    }
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let out = Project::new().run(&["catalog", "--format", "yaml"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("possible values: text, json, markdown"),
        "{}",
        out.stderr
    );
}

fn mapping_table() -> String {
    let out = Project::new().run(&["catalog", "--format", "markdown"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    out.stdout
}

/// Reviewers read the committed table; it must be what the model holds now.
#[test]
fn the_committed_mapping_table_is_up_to_date() {
    common::assert_up_to_date(
        "crates/smm-model/data/MAPPING.md",
        &mapping_table(),
        "catalog --format markdown",
    );
}

#[test]
fn the_mapping_table_has_a_well_formed_row_for_every_practice_and_level() {
    let table = mapping_table();
    let model = smm_model::builtin::model();
    for practice in model.practices() {
        let heading = format!("\n### `{}`: {}\n", practice.id, practice.name);
        assert!(table.contains(&heading), "{heading}");
    }
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| ")).collect();
    // A header and four levels per practice.
    assert_eq!(rows.len(), 5 * model.practices().count());
    for row in rows {
        let cells = row.replace("\\|", "").matches('|').count() - 1;
        assert_eq!(cells, 4, "{row}");
    }
    assert!(
        table.contains("| 3 Consistent | `iec62443-"),
        "cells start with 62443 clauses"
    );
}

/// The list of changes since the previous edition of the built-in mapping is what the model
/// and the kept edition give now; and it names the edition `--version` names.
#[test]
fn the_committed_list_of_mapping_changes_is_up_to_date() {
    let out = Project::new().run(&["catalog", "--changes"]);
    assert_eq!(out.code, 0, "{out:?}");
    let edition = smm_model::builtin::MAPPING_EDITION;
    assert!(
        out.stdout.starts_with(&format!(
            "# Changes to the built-in mapping: edition 1 to edition {edition}\n"
        )),
        "{}",
        out.stdout
    );
    let version = Project::new().run(&["--version"]);
    assert!(
        version
            .stdout
            .contains(&format!("(built-in mapping, edition {edition})")),
        "{version:?}"
    );
    common::assert_up_to_date(
        "crates/smm-model/data/MAPPING-CHANGES.md",
        &out.stdout,
        "catalog --changes",
    );
}
