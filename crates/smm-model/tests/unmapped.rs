//! `unmapped` lines in the model: found by any name of their clause, in the built-in data and
//! in a user's catalog.

use std::borrow::Cow;
use std::path::PathBuf;

use smm_model::{builtin, Origin};

#[test]
fn the_built_in_data_leaves_a_clause_unmapped_with_its_reason() {
    let model = builtin::model();
    let cr = model.unmapped_reason("iec62443-4-2:CR7.5").unwrap();
    assert_eq!(cr.mapping, "smm-project-unmapped");
    assert!(
        cr.rationale.contains("iec62443-3-3:SR7.5"),
        "{}",
        cr.rationale
    );
    // A clause an edge maps is not unmapped (a warning keeps the data so).
    let mapped = &model.edges()[0].clause;
    assert!(model.unmapped_reason(mapped).is_none(), "{mapped}");
    assert!(model.unmapped_reason("iec62443-4-2:CR99").is_none());
}

#[test]
fn an_annex_name_leaves_its_canonical_clause_unmapped() {
    let text =
        "mapping mine \"Mine\" {\n  unmapped iso27001:A.7.5 {\n    rationale \"Ours\"\n  }\n}\n";
    let mut builder = builtin::builder();
    let parse = smm_syntax::parse(text);
    assert!(parse.errors.is_empty(), "{:#?}", parse.errors);
    builder.add(
        Origin::User(PathBuf::from("mine.smm")),
        Cow::Borrowed(text),
        &parse.file,
    );
    let (model, _) = builder.finish();
    let entry = model.unmapped_reason("iso27002:7.5").unwrap();
    assert_eq!(entry.clause, "iso27002:7.5");
    assert_eq!(entry.rationale, "Ours");
    assert_eq!(
        model.unmapped_reason("iso27001:A.7.5").unwrap().clause,
        "iso27002:7.5"
    );
    let listed: Vec<&str> = model.unmapped().iter().map(|u| u.clause.as_str()).collect();
    assert!(listed.contains(&"iso27002:7.5"), "{listed:?}");
}
