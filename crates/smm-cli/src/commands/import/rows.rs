//! The rows of a sheet read into assessments, or the problems that keep a row out.
//!
//! - A row names its assessment (the `assessment` column, else `--assessment`) and, unless it
//!   only gives the assessment's own fields, its practice: by id or by title (without regard
//!   to case), from a `practice id`, `practice` or `practice title` column, in that order.
//! - Each assessment field (title, profile, follows, role, date, assessor, description) and
//!   each practice field (level, scope, note) is taken from the first row that gives it; a
//!   later row may repeat it or leave it empty, but a different value is a problem of that
//!   row. A row with evidence text adds a piece of evidence to its practice.
//! - A row that is blank in every column read, or that names only a domain or subdomain (a
//!   heading row of the sheet), is skipped. A practice is written only once a row gives its
//!   level; a practice row without a level, evidence, scope or note (a practice targeted but
//!   not rated, as `smm report --format csv` writes it) adds nothing.
//! - Values are checked against the model: practices, clauses and standards; levels 0-4 (or
//!   their names), scopes, roles, dates `YYYY-MM-DD` (or date cells), names.

use std::collections::{BTreeMap, BTreeSet};

use smm_model::Model;

use super::columns::{describe, Columns, Field};
use super::sheet::Sheet;
pub use crate::assessed::Evidence;

mod reader;
mod values;

use reader::Reader;
pub use values::{is_name, not_a_name};

/// Why a row cannot be imported, at a column when one is to blame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The row's number in the spreadsheet.
    pub row: usize,
    pub column: Option<usize>,
    pub message: String,
}

/// A value and the row that gave it first.
#[derive(Clone, Debug)]
pub struct Given {
    pub value: String,
    pub row: usize,
}

#[derive(Clone, Debug)]
pub struct Assessment {
    pub id: String,
    /// Title, profile, follows (ids separated by spaces), role, date, assessor, description.
    pub fields: BTreeMap<Field, Given>,
    /// In the order first seen.
    pub practices: Vec<Practice>,
}

#[derive(Clone, Debug)]
pub struct Practice {
    pub id: String,
    /// Level (a number), scope, note.
    pub fields: BTreeMap<Field, Given>,
    /// In row order.
    pub evidence: Vec<Evidence>,
    /// The rows that gave it something.
    pub rows: Vec<usize>,
}

pub struct Options<'a> {
    pub model: &'a Model,
    /// `--assessment`: the id of rows that give none.
    pub assessment: Option<&'a str>,
}

pub struct Imported {
    pub assessments: Vec<Assessment>,
    /// In row order.
    pub problems: Vec<RowProblem>,
    /// The rows read below the header row that were not skipped.
    pub rows: usize,
    /// How many of those cannot be imported.
    pub rejected: usize,
}

const OWN: [Field; 7] = [
    Field::Title,
    Field::Profile,
    Field::Follows,
    Field::Role,
    Field::Date,
    Field::Assessor,
    Field::Description,
];
const PRACTICE_VALUES: [Field; 3] = [Field::Level, Field::Scope, Field::Note];
const EVIDENCE: [Field; 5] = [
    Field::Evidence,
    Field::Implements,
    Field::Expires,
    Field::Link,
    Field::Stub,
];
const PRACTICE_NAMES: [Field; 3] = [Field::PracticeId, Field::Practice, Field::PracticeTitle];

/// One row's values, checked one by one.
struct Parsed {
    row: usize,
    assessment: String,
    own: Vec<(Field, String, usize)>,
    practice: Option<String>,
    values: Vec<(Field, String, usize)>,
    evidence: Option<Evidence>,
}

pub fn import(sheet: &Sheet, columns: &Columns, options: &Options<'_>) -> Imported {
    let mut imported = Imported {
        assessments: Vec::new(),
        problems: Vec::new(),
        rows: 0,
        rejected: 0,
    };
    let reader = Reader { columns, options };
    for row in &sheet.rows[columns.header_row + 1..] {
        let parsed = match reader.row(row) {
            Ok(None) => continue,
            Ok(Some(parsed)) => parsed,
            Err(problems) => {
                imported.rows += 1;
                imported.problems.extend(problems);
                continue;
            }
        };
        imported.rows += 1;
        let conflicts = conflicts(&imported.assessments, &parsed);
        if conflicts.is_empty() {
            apply(&mut imported.assessments, parsed);
        } else {
            imported.problems.extend(conflicts);
        }
    }
    // A practice is written with its level: one given evidence, a scope or a note but no
    // level on any row cannot be.
    for assessment in &mut imported.assessments {
        assessment.practices.retain(|p| {
            if p.fields.contains_key(&Field::Level) {
                return true;
            }
            let column = columns
                .fields
                .get(&Field::Level)
                .or_else(|| practice_column(columns))
                .copied();
            for &row in &p.rows {
                imported.problems.push(RowProblem {
                    row,
                    column,
                    message: format!(
                        "practice `{}` has no level on any row: give the level reached",
                        p.id
                    ),
                });
            }
            false
        });
    }
    imported.problems.sort_by_key(|p| (p.row, p.column));
    imported.rejected = imported
        .problems
        .iter()
        .map(|p| p.row)
        .collect::<BTreeSet<_>>()
        .len();
    imported
}

fn practice_column(columns: &Columns) -> Option<&usize> {
    PRACTICE_NAMES.iter().find_map(|f| columns.fields.get(f))
}

/// The problems of a row whose values differ from those earlier rows gave.
fn conflicts(assessments: &[Assessment], parsed: &Parsed) -> Vec<RowProblem> {
    let Some(assessment) = assessments.iter().find(|a| a.id == parsed.assessment) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut check =
        |fields: &BTreeMap<Field, Given>, whose: String, given: &[(Field, String, usize)]| {
            for (field, value, column) in given {
                if let Some(first) = fields.get(field).filter(|f| f.value != *value) {
                    problems.push(RowProblem {
                        row: parsed.row,
                        column: Some(*column),
                        message: format!(
                            "`{value}` differs from `{}` in row {}: {whose} has one {}",
                            first.value,
                            first.row,
                            describe(*field)
                        ),
                    });
                }
            }
        };
    check(
        &assessment.fields,
        format!("assessment `{}`", assessment.id),
        &parsed.own,
    );
    if let Some(id) = &parsed.practice {
        if let Some(practice) = assessment.practices.iter().find(|p| p.id == *id) {
            check(&practice.fields, format!("practice `{id}`"), &parsed.values);
        }
    }
    problems
}

fn apply(assessments: &mut Vec<Assessment>, parsed: Parsed) {
    let index = match assessments.iter().position(|a| a.id == parsed.assessment) {
        Some(index) => index,
        None => {
            assessments.push(Assessment {
                id: parsed.assessment.clone(),
                fields: BTreeMap::new(),
                practices: Vec::new(),
            });
            assessments.len() - 1
        }
    };
    let assessment = &mut assessments[index];
    let row = parsed.row;
    for (field, value, _) in parsed.own {
        assessment
            .fields
            .entry(field)
            .or_insert(Given { value, row });
    }
    let Some(id) = parsed.practice else {
        return;
    };
    if parsed.values.is_empty() && parsed.evidence.is_none() {
        return;
    }
    let practice = match assessment.practices.iter().position(|p| p.id == id) {
        Some(i) => &mut assessment.practices[i],
        None => {
            assessment.practices.push(Practice {
                id,
                fields: BTreeMap::new(),
                evidence: Vec::new(),
                rows: Vec::new(),
            });
            assessment.practices.last_mut().expect("just pushed")
        }
    };
    practice.rows.push(row);
    for (field, value, _) in parsed.values {
        practice.fields.entry(field).or_insert(Given { value, row });
    }
    practice.evidence.extend(parsed.evidence);
}
