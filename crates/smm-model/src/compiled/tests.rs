use std::path::PathBuf;
use std::sync::OnceLock;

use super::*;
use crate::{Editions, Level, ModelBuilder, Relationship, Role};

/// `compile`'s output, once for all the tests (it parses every built-in file).
fn compiled() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(compile)
}

fn parsed(mappings: Mappings) -> Model {
    builder_with(mappings).finish().0
}

fn bytes_of(model: &Model) -> Vec<u8> {
    postcard::to_stdvec(model).unwrap()
}

/// Everything, the indexes that are not serialized included.
fn assert_same(decoded: &Model, parsed: &Model) {
    assert!(bytes_of(decoded) == bytes_of(parsed), "the models differ");
    assert_eq!(decoded.edges_by_practice, parsed.edges_by_practice);
    assert_eq!(decoded.clauses_by_practice, parsed.clauses_by_practice);
    assert_eq!(decoded.families, parsed.families);
}

#[test]
fn the_compiled_models_are_the_parsed_ones() {
    for mappings in [Mappings::Builtin, Mappings::OwnOnly] {
        let decoded = decode(compiled(), mappings).expect("the compiled model decodes");
        assert_same(&decoded, &parsed(mappings));
    }
}

#[test]
fn a_clause_keeps_its_title_file_and_place() {
    for mappings in [Mappings::Builtin, Mappings::OwnOnly] {
        let decoded = decode(compiled(), mappings).unwrap();
        let parsed = parsed(mappings);
        let clause = decoded.clause("iec62443-3-3:SR1.1").unwrap();
        assert_eq!(clause.title, "Human user identification and authentication");
        assert_eq!(clause.parent.as_deref(), Some("FR1"));
        let location = clause.location;
        assert_eq!(
            location,
            parsed.clause("iec62443-3-3:SR1.1").unwrap().location
        );
        let file = decoded.file(location.file);
        assert_eq!(file.origin, Origin::Builtin("iec62443-3-3.smm"));
        let embedded = FILES
            .iter()
            .find(|(n, _)| *n == "iec62443-3-3.smm")
            .unwrap()
            .1;
        assert!(matches!(file.text, Cow::Borrowed(text) if text == embedded));
        assert!(file.text[location.span.range()].contains("iec62443-3-3:SR1.1"));
        assert_eq!(decoded.line_col(location), parsed.line_col(location));
        // An annex alias resolves through the standard's annexes.
        assert_eq!(
            decoded.clause("iso27001:A.5.15").map(|c| c.reference()),
            Some("iso27002:5.15".to_string())
        );
    }
}

#[test]
fn the_indexes_are_built_again() {
    let decoded = decode(compiled(), Mappings::Builtin).unwrap();
    let practice = "security-program-management";
    let edge = decoded
        .edges_of_practice(practice)
        .find(|e| e.clause == "iec62443-2-1:ORG1.1")
        .expect("the governance mapping's first edge");
    assert_eq!(edge.level, Level::Minimum);
    assert_eq!(edge.relationship, Relationship::Intersect);
    assert_eq!(edge.roles, [Role::AssetOwner]);
    assert_eq!(edge.via.as_deref(), Some("iec62443:ML1"));
    assert_eq!(edge.mapping, "smm-project-governance");
    assert!(decoded.is_mapped_to(practice, "iso27001:7.1"));
    assert!(!decoded.is_mapped_to(practice, "iec62443-3-3:SR1.1-RE2"));
    let family: Vec<&str> = decoded
        .editions_of("iec62443-2-1")
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(family, ["iec62443-2-1-2010", "iec62443-2-1"]);
    let newest = Editions::newest();
    assert!(decoded.in_force("iec62443-2-1", &newest));
    assert!(!decoded.in_force("iec62443-2-1-2010", &newest));

    let without = decode(compiled(), Mappings::OwnOnly).unwrap();
    assert_eq!(without.edges_of_practice(practice).count(), 0);
    assert!(!without.is_mapped_to(practice, "iso27001:7.1"));
    assert!(without.mappings().next().is_none());
    assert_eq!(without.editions_of("iec62443-2-1").len(), 2);
}

/// Writes `word` of the header.
fn with_word(i: usize, word: u64) -> Vec<u8> {
    let mut bytes = compiled().to_vec();
    bytes[i * 8..i * 8 + 8].copy_from_slice(&word.to_le_bytes());
    bytes
}

#[test]
fn bytes_that_do_not_fit_are_not_used_and_the_model_is_parsed() {
    let mut flipped = compiled().to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let mut truncated = compiled().to_vec();
    truncated.pop();
    let fingerprint = u64::from_le_bytes(compiled()[8..16].try_into().unwrap());
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("another fingerprint", with_word(1, fingerprint ^ 1)),
        ("another layout", with_word(0, MAGIC + 1)),
        ("a damaged byte", flipped),
        ("cut short", truncated),
        ("a split past the end", with_word(3, u64::MAX)),
        ("empty", Vec::new()),
        ("the header alone", compiled()[..HEADER].to_vec()),
        ("garbage", vec![0xff; 4096]),
    ];
    for mappings in [Mappings::Builtin, Mappings::OwnOnly] {
        for (what, bytes) in &bad {
            assert!(decode(bytes, mappings).is_none(), "{what} decoded");
        }
        let (what, bytes) = &bad[0];
        let loaded = load(Some(bytes), mappings);
        assert_same(&loaded, &parsed(mappings));
        assert!(loaded.clause("iec62443-3-3:SR1.1").is_some(), "{what}");
        assert_same(&load(None, mappings), &parsed(mappings));
        assert_same(&load(Some(compiled()), mappings), &parsed(mappings));
    }
}

#[test]
fn a_stale_model_inside_valid_bytes_is_not_used() {
    // Bytes whose header fits but whose model does not decode: a split that cuts it.
    let split = u64::from_le_bytes(compiled()[24..32].try_into().unwrap());
    let mut bytes = with_word(3, split - 1);
    let checksum = super::checksum(&bytes[HEADER..]);
    bytes[16..24].copy_from_slice(&checksum.to_le_bytes());
    assert!(decode(&bytes, Mappings::Builtin).is_none());
    assert!(decode(&bytes, Mappings::OwnOnly).is_none());
}

#[test]
fn only_embedded_files_can_be_compiled() {
    let source = "standard mine \"Mine\" {\n  clause mine:1 \"One\"\n}\n";
    let mut builder = ModelBuilder::new();
    let parse = smm_syntax::parse(source);
    builder.add(
        Origin::User(PathBuf::from("/w/mine.smm")),
        Cow::Borrowed(source),
        &parse.file,
    );
    let (user, _) = builder.finish();
    assert!(user.standard("mine").is_some());
    let error = postcard::to_stdvec(&user).unwrap_err();
    assert!(
        matches!(error, postcard::Error::SerdeSerCustom),
        "{error:?}"
    );

    let mut builder = ModelBuilder::new();
    builder.add(
        Origin::Builtin("iso27002.smm"),
        Cow::Borrowed(source),
        &parse.file,
    );
    assert!(
        postcard::to_stdvec(&builder.finish().0).is_err(),
        "not the embedded text"
    );
}
