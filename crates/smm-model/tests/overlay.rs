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
    let edges: Vec<_> = model.edges_of_practice("access-control").collect();
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
    assert_eq!(model.edges_to_clause("iso27002:5.15").count(), 1);
    assert_eq!(model.edges_to_clause("iso27001:A.5.15").count(), 1);
    assert_eq!(
        model.mappings().next().unwrap().source.as_deref(),
        Some("smm project")
    );
}
