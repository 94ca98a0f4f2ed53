//! Which column holds what: header names as practitioners write them, matched without regard
//! to case, surrounding spaces, `_` or `-`; the header row is the first row with a
//! practice-like header, so title rows above it are skipped.

use std::collections::BTreeMap;

use super::injection::unneutralise;
use super::sheet::{letter, Sheet};

/// What a column gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Assessment,
    Title,
    Profile,
    Follows,
    Role,
    Date,
    Assessor,
    Description,
    /// A practice id or its title.
    Practice,
    PracticeId,
    PracticeTitle,
    Level,
    Scope,
    Evidence,
    Implements,
    Expires,
    Link,
    Stub,
    Note,
}

/// The header names read, after `normal`.
const NAMES: &[(&str, Field)] = &[
    ("assessment", Field::Assessment),
    ("assessment id", Field::Assessment),
    ("title", Field::Title),
    ("assessment title", Field::Title),
    ("profile", Field::Profile),
    ("profile id", Field::Profile),
    ("follows", Field::Follows),
    ("role", Field::Role),
    ("date", Field::Date),
    ("assessment date", Field::Date),
    ("assessor", Field::Assessor),
    ("description", Field::Description),
    ("assessment description", Field::Description),
    ("practice", Field::Practice),
    ("practice id", Field::PracticeId),
    ("practice title", Field::PracticeTitle),
    ("practice name", Field::PracticeTitle),
    ("level", Field::Level),
    ("current", Field::Level),
    ("current level", Field::Level),
    ("level reached", Field::Level),
    ("scope", Field::Scope),
    ("evidence", Field::Evidence),
    ("evidence text", Field::Evidence),
    ("evidence description", Field::Evidence),
    ("clauses", Field::Implements),
    ("clause ids", Field::Implements),
    ("implements", Field::Implements),
    ("expires", Field::Expires),
    ("expiry", Field::Expires),
    ("expiry date", Field::Expires),
    ("link", Field::Link),
    ("stub", Field::Stub),
    ("note", Field::Note),
    ("notes", Field::Note),
];

/// The columns `smm report --format csv` computes, read by nobody: the checker computes them
/// again from the imported files.
const COMPUTED: &[&str] = &[
    "target",
    "gap",
    "set by",
    "waived",
    "missing clauses",
    "domain",
    "subdomain",
];

/// `  Current_Level ` → `current level`.
fn normal(header: &str) -> String {
    header
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn field(header: &str) -> Option<Field> {
    let normal = normal(header);
    NAMES.iter().find(|(n, _)| *n == normal).map(|(_, f)| *f)
}

fn practice_like(field: Option<Field>) -> bool {
    matches!(
        field,
        Some(Field::Practice | Field::PracticeId | Field::PracticeTitle)
    )
}

#[derive(Debug)]
pub struct Columns {
    /// The index in `Sheet::rows` of the header row.
    pub header_row: usize,
    /// The column of each field the sheet has.
    pub fields: BTreeMap<Field, usize>,
    /// Each column's header as written, by column.
    pub headers: Vec<String>,
    /// The columns whose headers name nothing smm reads, and are not computed ones.
    pub unknown: Vec<usize>,
}

impl Columns {
    /// `C (current level)`: a column as a message names it.
    pub fn name(&self, column: usize) -> String {
        match self.headers.get(column).map(|h| h.trim()) {
            Some(header) if !header.is_empty() => format!("{} ({header})", letter(column)),
            _ => letter(column),
        }
    }

    pub fn has(&self, field: Field) -> bool {
        self.fields.contains_key(&field)
    }
}

/// The header row of `sheet` and what its columns give: `Ok(None)` when no row has a
/// practice-like header; an error when two columns give the same field.
pub fn find(sheet: &Sheet) -> Result<Option<Columns>, String> {
    let header = |text: Option<String>| text.map(|t| unneutralise(&t).to_string());
    let Some(index) = sheet.rows.iter().position(|row| {
        row.cells
            .iter()
            .any(|c| practice_like(header(c.text()).as_deref().and_then(field)))
    }) else {
        return Ok(None);
    };
    let row = &sheet.rows[index];
    let headers: Vec<String> = row
        .cells
        .iter()
        .map(|c| header(c.text()).unwrap_or_default())
        .collect();
    let mut columns = Columns {
        header_row: index,
        fields: BTreeMap::new(),
        headers,
        unknown: Vec::new(),
    };
    for (column, text) in columns.headers.iter().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        match field(text) {
            Some(f) => {
                if let Some(&first) = columns.fields.get(&f) {
                    return Err(format!(
                        "row {}: columns {} and {} both give the {}; keep one",
                        row.number,
                        columns.name(first),
                        columns.name(column),
                        describe(f)
                    ));
                }
                columns.fields.insert(f, column);
            }
            None if COMPUTED.contains(&normal(text).as_str()) => {}
            None => columns.unknown.push(column),
        }
    }
    Ok(Some(columns))
}

/// A field as a sentence names it.
pub fn describe(field: Field) -> &'static str {
    match field {
        Field::Assessment => "assessment id",
        Field::Title => "assessment title",
        Field::Profile => "profile",
        Field::Follows => "editions followed",
        Field::Role => "role",
        Field::Date => "date",
        Field::Assessor => "assessor",
        Field::Description => "description",
        Field::Practice => "practice",
        Field::PracticeId => "practice id",
        Field::PracticeTitle => "practice title",
        Field::Level => "level",
        Field::Scope => "scope",
        Field::Evidence => "evidence",
        Field::Implements => "clauses",
        Field::Expires => "expiry date",
        Field::Link => "link",
        Field::Stub => "stub",
        Field::Note => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_as_practitioners_write_them() {
        assert_eq!(field(" Current_Level "), Some(Field::Level));
        assert_eq!(field("Practice-ID"), Some(Field::PracticeId));
        assert_eq!(field("EXPIRY"), Some(Field::Expires));
        assert_eq!(field("Notes"), Some(Field::Note));
        assert_eq!(field("missing clauses"), None);
    }
}
