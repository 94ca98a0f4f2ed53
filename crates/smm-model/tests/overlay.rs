//! User catalogs on top of the built-in model: one fixture file per case under
//! fixtures/overlay/, with its diagnostics snapshotted as a user would see them.

use std::borrow::Cow;
use std::path::PathBuf;

use smm_model::{builtin, Model, ModelDiagnostic, Origin};

fn overlay(name: &str, text: &str) -> (Model, Vec<ModelDiagnostic>) {
    let mut builder = builtin::builder();
    let parse = smm_syntax::parse(text);
    assert!(parse.errors.is_empty(), "{name}: {:#?}", parse.errors);
    builder.add(
        Origin::User(PathBuf::from(name)),
        Cow::Owned(text.to_string()),
        &parse.file,
    );
    builder.finish()
}

fn rendered(model: &Model, diagnostics: &[ModelDiagnostic], name: &str, text: &str) -> String {
    let path = |file| match &model.file(file).origin {
        Origin::Builtin(file) => format!("<built-in>/{file}"),
        Origin::User(path) => path.display().to_string(),
    };
    let diagnostics: Vec<_> = diagnostics
        .iter()
        .map(|d| d.to_diagnostic(model, path))
        .collect();
    smm_syntax::render(&diagnostics, name, text, false)
}

#[test]
fn overlay_fixtures() {
    insta::glob!("fixtures/overlay/*.smm", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (model, diagnostics) = overlay(&name, &text);
        assert!(diagnostics
            .iter()
            .all(|d| !matches!(model.file(d.file).origin, Origin::Builtin(_))));
        insta::assert_snapshot!(rendered(&model, &diagnostics, &name, &text));
    });
}

#[test]
fn a_user_standard_and_licensed_text_join_the_model() {
    let text = r#"
standard acme-ot "ACME OT security rules" {
  source "Internal handbook, 2026"
  role asset-owner
  clause acme-ot:R1 "Network zones"
  clause acme-ot:R1.1 "Zone inventory" parent acme-ot:R1
}

extend iec62443-3-3:SR1.1 {
  text "Licensed paragraph one."
  text "Licensed paragraph two."
}

extend iso27001:A.5.15 {
  text "Through the Annex A alias."
}
"#;
    let (model, diagnostics) = overlay("acme.smm", text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let r11 = model.clause("acme-ot:R1.1").unwrap();
    assert_eq!(r11.parent.as_deref(), Some("R1"));
    assert_eq!(model.clause("acme-ot:R1").unwrap().children, ["R1.1"]);
    let sr = model.clause("iec62443-3-3:SR1.1").unwrap();
    assert_eq!(sr.licensed.len(), 1);
    assert_eq!(
        sr.licensed[0].paragraphs,
        ["Licensed paragraph one.", "Licensed paragraph two."]
    );
    let control = model.clause("iso27002:5.15").unwrap();
    assert_eq!(
        control.licensed[0].paragraphs,
        ["Through the Annex A alias."]
    );
    assert!(model.complete("acme").contains(&"acme-ot".to_string()));
    // The built-in model is untouched.
    assert!(builtin::model()
        .clause("iec62443-3-3:SR1.1")
        .unwrap()
        .licensed
        .is_empty());
}

#[test]
fn mapping_edges_are_resolved_and_queryable() {
    let text = r#"
mapping ours "Our mapping" {
  source "smm project"
  map access-control level 2 to iso27001:A.5.15 as subset for asset-owner service-provider via iec62443:SL2 {
    rationale "Annex A names resolve to the 27002 control"
  }
  map access-control level 3 to iec62443-3-3:SR2.1 as intersect for asset-owner
}
"#;
    let (model, diagnostics) = overlay("ours.smm", text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let edges: Vec<_> = model
        .edges_of_practice("access-control")
        .filter(|e| e.mapping == "ours")
        .collect();
    assert_eq!(edges.len(), 2);
    assert_eq!(edges[0].clause, "iso27002:5.15");
    assert_eq!(edges[0].level, smm_model::Level::AdHoc);
    assert_eq!(edges[0].relationship, smm_model::Relationship::Subset);
    assert_eq!(
        edges[0].roles,
        [
            smm_model::Role::AssetOwner,
            smm_model::Role::ServiceProvider
        ]
    );
    assert_eq!(edges[0].via.as_deref(), Some("iec62443:SL2"));
    assert_eq!(
        edges[0].rationale.as_deref(),
        Some("Annex A names resolve to the 27002 control")
    );
    let ours = |e: &&smm_model::MapEdge| e.mapping == "ours";
    assert_eq!(
        model.edges_to_clause("iso27002:5.15").filter(ours).count(),
        1
    );
    assert_eq!(
        model
            .edges_to_clause("iso27001:A.5.15")
            .filter(ours)
            .count(),
        1
    );
    assert_eq!(
        model
            .mappings()
            .find(|m| m.id == "ours")
            .unwrap()
            .source
            .as_deref(),
        Some("smm project")
    );

    // The user's edges join the built-in ones in the cumulative query, from their level on.
    use smm_model::{Editions, Level, Role};
    let ours_in = |level: Level, role: Role| {
        model
            .mapped_clauses("access-control", level, role, &Editions::newest())
            .iter()
            .filter(|m| m.edge.mapping == "ours")
            .map(|m| m.clause.reference())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ours_in(Level::Minimum, Role::AssetOwner),
        Vec::<String>::new()
    );
    assert_eq!(ours_in(Level::AdHoc, Role::AssetOwner), ["iso27002:5.15"]);
    assert_eq!(
        ours_in(Level::Formalized, Role::AssetOwner),
        ["iso27002:5.15", "iec62443-3-3:SR2.1"]
    );
    assert_eq!(
        ours_in(Level::Formalized, Role::ServiceProvider),
        ["iso27002:5.15"]
    );
    assert_eq!(
        ours_in(Level::Formalized, Role::ProductSupplier),
        Vec::<String>::new()
    );
    let at_3: Vec<_> = model
        .introduced_clauses(
            "access-control",
            Level::Consistent,
            Role::AssetOwner,
            &Editions::newest(),
        )
        .into_iter()
        .filter(|m| m.edge.mapping == "ours")
        .map(|m| m.clause.reference())
        .collect();
    assert_eq!(at_3, ["iec62443-3-3:SR2.1"]);
    let reverse: Vec<_> = model
        .practices_mapped_to("iso27001:A.5.15")
        .into_iter()
        .filter(|e| e.mapping == "ours")
        .map(|e| (e.practice.as_str(), e.level.number()))
        .collect();
    assert_eq!(reverse, [("access-control", 2)]);
}

#[test]
fn the_built_in_queries_are_cumulative_and_ordered() {
    use smm_model::{Editions, Level, Role};
    let model = builtin::model();
    let newest = Editions::newest();
    for practice in model.practices() {
        for role in Role::ALL {
            let mut below = Vec::new();
            for level in &Level::ALL[1..] {
                let all = model.mapped_clauses(&practice.id, *level, role, &newest);
                let added = model.introduced_clauses(&practice.id, *level, role, &newest);
                let refs = |v: &[smm_model::MappedClause]| {
                    v.iter().map(|m| m.clause.reference()).collect::<Vec<_>>()
                };
                let mut expected = below.clone();
                expected.extend(refs(&added));
                assert_eq!(refs(&all), expected, "{} {level:?} {role:?}", practice.id);
                assert!(all
                    .iter()
                    .all(|m| m.edge.level <= *level && m.edge.roles.contains(&role)));
                below = refs(&all);
            }
        }
    }
    // Reverse: every edge to a clause is found from the clause, in practice order.
    let order: Vec<&str> = model.practices().map(|p| p.id.as_str()).collect();
    for edge in model.edges() {
        let found = model.practices_mapped_to(&edge.clause);
        assert!(found.iter().any(|e| std::ptr::eq(*e, edge)));
        let ranks: Vec<usize> = found
            .iter()
            .map(|e| order.iter().position(|p| *p == e.practice).unwrap())
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{}", edge.clause);
    }
}

#[test]
fn security_levels_come_from_the_catalog_or_an_extend_and_are_not_changed() {
    let text = std::fs::read_to_string("tests/fixtures/overlay/security-levels.smm").unwrap();
    let (model, _) = overlay("security-levels.smm", &text);
    let level = |r: &str| model.clause(r).unwrap().security_level;
    assert_eq!(level("plant-rules:R1"), None);
    assert_eq!(level("plant-rules:R1-RE1"), Some(3));
    assert_eq!(level("plant-rules:R1-RE2"), None, "5 is out of range");
    assert_eq!(
        level("plant-rules:R1-RE3"),
        Some(2),
        "the first line counts"
    );
    assert_eq!(level("iec62443-4-2:CR6.1-RE1"), Some(3), "added by extend");
    assert_eq!(
        level("iec62443-3-3:SR1.1-RE2"),
        Some(3),
        "the catalog's is kept"
    );
}

#[test]
fn an_annex_entry_gives_the_annex_title_and_names_the_same_clause() {
    let text = std::fs::read_to_string("tests/fixtures/overlay/annex-entries.smm").unwrap();
    let (model, _) = overlay("annex-entries.smm", &text);
    assert_eq!(model.annex_title("house-rules:H.5.1"), Some("Our policies"));
    assert_eq!(
        model.clause("house-rules:H.5.1").unwrap().reference(),
        "iso27002:5.1"
    );
    assert_eq!(
        model.title_as_named("iso27002:5.1"),
        Some("Policies for information security")
    );
    assert_eq!(model.annex_title("house-rules:H.9.9"), None);
    assert!(model.clause("house-rules:H.9.9").is_none());
    assert_eq!(
        model.title_as_named("house-rules:H.5.4"),
        model.title_as_named("iso27002:5.4")
    );
}
