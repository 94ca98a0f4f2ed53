//! What the model holds. Every entity remembers where it was defined.

use std::borrow::Cow;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use smm_syntax::{Related, Span};

use crate::{Level, Role};

/// Index of a catalog file in the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FileId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An embedded file, by its name (`iso27002.smm`).
    Builtin(&'static str),
    /// A user's catalog file.
    User(PathBuf),
}

/// Serialized as a built-in file's name alone, its text restored from the embedded one; a
/// user's file cannot be serialized (see `builtin::compile`).
#[derive(Clone, Debug)]
pub struct CatalogFile {
    pub origin: Origin,
    pub text: Cow<'static, str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: FileId,
    #[serde(with = "crate::compiled::span")]
    pub span: Span,
}

impl Location {
    /// This place as one a diagnostic points to.
    pub fn related(self, message: impl Into<String>) -> Related<FileId> {
        Related::new(self.file, self.span, message)
    }
}

/// Text a user holds a licence for, attached to a clause.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LicensedText {
    pub paragraphs: Vec<String>,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub domains: Vec<String>,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub framework: String,
    pub subdomains: Vec<String>,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Subdomain {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub domain: String,
    pub practices: Vec<String>,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Practice {
    pub id: String,
    pub name: String,
    pub framework: String,
    pub domain: String,
    pub subdomain: String,
    pub objective: Option<String>,
    /// What levels 1–4 mean for this practice (index 0 is level 1).
    pub levels: [Option<String>; 4],
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Standard {
    pub id: String,
    pub title: String,
    pub edition: Option<String>,
    pub source: Option<String>,
    pub description: Option<String>,
    pub roles: Vec<Role>,
    pub supersedes: Option<String>,
    pub annexes: Vec<Annex>,
    /// Titles an annex gives the clauses it lists where they differ from the clause's own
    /// (`A.5.34` of ISO/IEC 27001 shortens the ISO/IEC 27002 title), by the annex id.
    pub annex_titles: std::collections::BTreeMap<String, AnnexTitle>,
    /// Clause ids (the part after the colon) in file order.
    pub clauses: Vec<String>,
    pub location: Location,
}

/// `annex "A" iso27002`: clause `A.x` of the standard that lists it is clause `x` of
/// `iso27002`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Annex {
    /// `A`.
    pub label: String,
    /// `iso27002`.
    pub standard: String,
}

/// `clause iso27001:A.5.34 "Title"` inside a standard with `annex "A" iso27002`: the title
/// Annex A gives `iso27002:5.34`; it names the same clause, not a new one.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnnexTitle {
    pub title: String,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Clause {
    pub standard: String,
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub parent: Option<String>,
    pub children: Vec<String>,
    pub licensed: Vec<LicensedText>,
    /// The lowest IEC 62443 security level (1–4) that asks for this requirement or
    /// enhancement, where the catalog (or an `extend`) records it.
    pub security_level: Option<u8>,
    pub location: Location,
}

impl Clause {
    /// `iec62443-3-3:SR1.1`
    pub fn reference(&self) -> String {
        format!("{}:{}", self.standard, self.id)
    }

    /// For a 62443-4-2 component requirement, the kind of component it is written for, which
    /// its prefix says (`EDR3.2`: embedded devices); `CR` requirements apply to every kind.
    /// None for other clauses.
    pub fn component_kind(&self) -> Option<&'static str> {
        if self.standard != "iec62443-4-2" {
            return None;
        }
        let prefix = self.id.split(|c: char| c.is_ascii_digit()).next()?;
        Some(match prefix {
            "CR" => "every kind of component (CR)",
            "SAR" => "software applications (SAR)",
            "EDR" => "embedded devices (EDR)",
            "HDR" => "host devices (HDR)",
            "NDR" => "network devices (NDR)",
            _ => return None,
        })
    }
}

/// How a clause relates to what a practice asks at a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Relationship {
    Equal,
    Subset,
    Superset,
    Intersect,
}

impl Relationship {
    pub const ALL: [Relationship; 4] = [
        Relationship::Equal,
        Relationship::Subset,
        Relationship::Superset,
        Relationship::Intersect,
    ];

    pub fn from_id(id: &str) -> Option<Relationship> {
        Relationship::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Relationship::Equal => "equal",
            Relationship::Subset => "subset",
            Relationship::Superset => "superset",
            Relationship::Intersect => "intersect",
        }
    }

    /// What the relationship says, in the words of the spec's table (grammar/README.md 6.12):
    /// the clause compared with what the practice asks at that level.
    pub fn meaning(self) -> &'static str {
        match self {
            Relationship::Equal => "about the same thing",
            Relationship::Subset => {
                "the clause covers part of what the level asks; meeting it is not enough on its own"
            }
            Relationship::Superset => "the clause asks for more than the level needs",
            Relationship::Intersect => {
                "they overlap, and each asks for something the other does not"
            }
        }
    }

    /// One line per relationship, `equal: about the same thing`, for the pages and hovers
    /// that list edges.
    pub fn legend() -> Vec<String> {
        Relationship::ALL
            .iter()
            .map(|r| format!("{}: {}", r.id(), r.meaning()))
            .collect()
    }
}

/// A set of edges, with the source that every edge of it names.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Mapping {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub source: Option<String>,
    /// Its version (`edition "2 (2026-12)"`), which reports name so that an audit says which
    /// mapping it used.
    pub edition: Option<String>,
    pub location: Location,
}

/// One edge: from a practice at the level where the clause comes in, for some roles.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MapEdge {
    pub mapping: String,
    pub practice: String,
    pub level: Level,
    /// The canonical `standard:clause` (an annex alias is resolved).
    pub clause: String,
    pub relationship: Relationship,
    pub roles: Vec<Role>,
    /// A security or maturity level that explains the edge (`iec62443:SL2`).
    pub via: Option<String>,
    pub rationale: Option<String>,
    pub note: Option<String>,
    pub location: Location,
}

/// A clause that a mapping leaves unmapped on purpose, and why: `unmapped STD:CLAUSE
/// { rationale "…" }`. Together with the edges, these make the coverage rule (`coverage`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Unmapped {
    pub mapping: String,
    /// The canonical `standard:clause` (an annex alias is resolved).
    pub clause: String,
    /// The reason, in the mapping author's own words; never empty.
    pub rationale: String,
    /// The `unmapped` keyword.
    pub location: Location,
}

#[cfg(test)]
mod component_tests {
    use super::*;

    fn clause(standard: &str, id: &str) -> Clause {
        let mut clause = crate::builtin::model()
            .clause("iec62443-4-2:CR1.1")
            .unwrap()
            .clone();
        clause.standard = standard.into();
        clause.id = id.into();
        clause
    }

    #[test]
    fn component_forms_say_what_they_are_for() {
        let kind = |standard, id| clause(standard, id).component_kind();
        assert_eq!(
            kind("iec62443-4-2", "NDR1.6"),
            Some("network devices (NDR)")
        );
        assert_eq!(
            kind("iec62443-4-2", "EDR3.11-RE1"),
            Some("embedded devices (EDR)")
        );
        assert_eq!(
            kind("iec62443-4-2", "CR3.2"),
            Some("every kind of component (CR)")
        );
        assert_eq!(kind("iec62443-4-2", "CCSC1"), None);
        assert_eq!(kind("iec62443-3-3", "SR1.1"), None);
    }
}
