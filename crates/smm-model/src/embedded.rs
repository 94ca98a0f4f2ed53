//! The built-in catalog files as embedded in the binary, parsed and put in a builder: what both
//! the built-in model and its compiled form start from.

use std::borrow::Cow;

use crate::{ModelBuilder, Origin};

/// Name and text of every built-in catalog file.
pub const FILES: &[(&str, &str)] = &[
    ("smm.smm", include_str!("../data/smm.smm")),
    ("iec62443.smm", include_str!("../data/iec62443.smm")),
    ("iec62443-2-1.smm", include_str!("../data/iec62443-2-1.smm")),
    (
        "iec62443-2-1-2010.smm",
        include_str!("../data/iec62443-2-1-2010.smm"),
    ),
    ("iec62443-2-4.smm", include_str!("../data/iec62443-2-4.smm")),
    ("iec62443-3-2.smm", include_str!("../data/iec62443-3-2.smm")),
    ("iec62443-3-3.smm", include_str!("../data/iec62443-3-3.smm")),
    ("iec62443-4-1.smm", include_str!("../data/iec62443-4-1.smm")),
    ("iec62443-4-2.smm", include_str!("../data/iec62443-4-2.smm")),
    ("iso27001.smm", include_str!("../data/iso27001.smm")),
    ("iso27002.smm", include_str!("../data/iso27002.smm")),
    (
        "mapping-governance.smm",
        include_str!("../data/mapping-governance.smm"),
    ),
    (
        "mapping-enablement.smm",
        include_str!("../data/mapping-enablement.smm"),
    ),
    (
        "mapping-hardening.smm",
        include_str!("../data/mapping-hardening.smm"),
    ),
    ("unmapped.smm", include_str!("../data/unmapped.smm")),
];

/// A builder holding the built-in catalogs, ready for the user's files.
pub fn builder() -> ModelBuilder {
    builder_with(Mappings::Builtin)
}

/// Whether a workspace uses the built-in mapping, or only mappings of its own
/// (`builtin-mappings = false` in smm.toml: a user who holds the published IIC/ISA mapping
/// under licence loads it instead of ours, and the checker then uses only theirs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mappings {
    Builtin,
    OwnOnly,
}

/// `builder`, leaving out the files that hold only mappings when `mappings` says so.
pub fn builder_with(mappings: Mappings) -> ModelBuilder {
    // Parsed once per process: the language server (and the checker's fuzz target) builds the
    // model again at every change of a catalog file, and parsing is most of that.
    static PARSES: std::sync::OnceLock<Vec<smm_syntax::Parse>> = std::sync::OnceLock::new();
    builder_from(mappings, PARSES.get_or_init(parse_all))
}

/// `builder_with` from the files parsed already (`parse_all`).
pub(crate) fn builder_from(mappings: Mappings, parses: &[smm_syntax::Parse]) -> ModelBuilder {
    let mut builder = ModelBuilder::new();
    for ((name, text), parse) in FILES.iter().zip(parses) {
        if mappings == Mappings::OwnOnly && holds_only_mappings(&parse.file) {
            continue;
        }
        builder.add(Origin::Builtin(name), Cow::Borrowed(text), &parse.file);
    }
    builder
}

fn holds_only_mappings(file: &smm_syntax::ast::SourceFile) -> bool {
    !file.items.is_empty()
        && file
            .items
            .iter()
            .all(|item| matches!(item, smm_syntax::ast::Item::Mapping(_)))
}

/// Parsing is most of the cost of loading, and each file parses on its own: spread the files
/// over the cores there are. Results come back in the order of `FILES`.
pub(crate) fn parse_all() -> Vec<smm_syntax::Parse> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(FILES.len());
    let mut parses: Vec<Option<smm_syntax::Parse>> = (0..FILES.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|first| {
                scope.spawn(move || {
                    (first..FILES.len())
                        .step_by(workers)
                        .map(|i| (i, smm_syntax::parse(FILES[i].1)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, parse) in done {
                parses[i] = Some(parse);
            }
        }
    });
    parses.into_iter().flatten().collect()
}
