//! What the JSON documents of `check`, `diff` and `report` share, so that a program reads the
//! tool and a mapping alike in each.

use serde::Serialize;

use crate::check_report::MappingUsed;

/// The program that wrote a document, and its version.
#[derive(Serialize)]
pub struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Tool {
    pub const SMM: Tool = Tool {
        name: "smm",
        version: env!("CARGO_PKG_VERSION"),
    };
}

/// A mapping an assessment used, so that an audit names the one it relied on.
#[derive(Serialize)]
pub struct MappingJson<'a> {
    id: &'a str,
    title: &'a str,
    edition: Option<&'a str>,
    source: Option<&'a str>,
}

pub fn mapping(m: &MappingUsed) -> MappingJson<'_> {
    MappingJson {
        id: &m.id,
        title: &m.title,
        edition: m.edition.as_deref(),
        source: m.source.as_deref(),
    }
}
