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

use smm_check::Day;
use smm_model::{Level, Model, Role, Scope};
use smm_syntax::TokenKind;

use super::columns::{describe, Columns, Field};
use super::injection::unneutralise;
use super::sheet::{Cell, Row, Sheet};
pub use crate::assessed::Evidence;

/// Why a row cannot be imported, at a column when one is to blame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
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
    pub problems: Vec<Problem>,
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
                imported.problems.push(Problem {
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
fn conflicts(assessments: &[Assessment], parsed: &Parsed) -> Vec<Problem> {
    let Some(assessment) = assessments.iter().find(|a| a.id == parsed.assessment) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut check =
        |fields: &BTreeMap<Field, Given>, whose: String, given: &[(Field, String, usize)]| {
            for (field, value, column) in given {
                if let Some(first) = fields.get(field).filter(|f| f.value != *value) {
                    problems.push(Problem {
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

struct Reader<'a> {
    columns: &'a Columns,
    options: &'a Options<'a>,
}

/// What one cell holds, for the field its column gives.
enum Value {
    Blank,
    Given(String, usize),
}

impl Reader<'_> {
    fn model(&self) -> &Model {
        self.options.model
    }

    /// `Ok(None)` for a row to skip.
    fn row(&self, row: &Row) -> Result<Option<Parsed>, Vec<Problem>> {
        let columns = self.columns;
        if columns.fields.values().all(|&c| row.cell(c).is_blank()) {
            return Ok(None);
        }
        let mut problems = Vec::new();
        let mut problem = |column: Option<usize>, message: String| {
            problems.push(Problem {
                row: row.number,
                column,
                message,
            })
        };

        // The practice first: a row that names a domain or subdomain and gives nothing but
        // its assessment is a heading, skipped.
        let others_blank = columns
            .fields
            .iter()
            .filter(|(f, _)| !PRACTICE_NAMES.contains(f) && **f != Field::Assessment)
            .all(|(_, &c)| row.cell(c).is_blank());
        let named = PRACTICE_NAMES.iter().find_map(|f| {
            let column = *columns.fields.get(f)?;
            let text = self.text(row, column).ok()??;
            Some((*f, text, column))
        });
        let practice_given = named.is_some();
        let practice = match named {
            None => None,
            Some((field, text, column)) => match self.practice(field, &text) {
                Ok(id) => Some(id),
                Err(_) if others_blank && self.heading(&text) => return Ok(None),
                Err(message) => {
                    problem(Some(column), message);
                    None
                }
            },
        };

        let assessment = match columns.fields.get(&Field::Assessment) {
            Some(&column) => match self.text(row, column) {
                Err(message) => {
                    problem(Some(column), message);
                    None
                }
                Ok(Some(text)) => {
                    let id = text.trim().to_string();
                    match is_name(&id) {
                        true => Some(id),
                        false => {
                            problem(Some(column), not_a_name(&id, "an assessment", "line-4"));
                            None
                        }
                    }
                }
                Ok(None) => match self.options.assessment {
                    Some(id) => Some(id.to_string()),
                    None => {
                        problem(
                            Some(column),
                            "no assessment id: fill the cell, or give --assessment ID for the rows without one"
                                .into(),
                        );
                        None
                    }
                },
            },
            None => self.options.assessment.map(str::to_string),
        };

        let mut own = Vec::new();
        for field in OWN {
            match self.value(row, field) {
                Ok(Value::Blank) => {}
                Ok(Value::Given(value, column)) => own.push((field, value, column)),
                Err((column, messages)) => {
                    for message in messages {
                        problem(Some(column), message);
                    }
                }
            }
        }
        let mut values = Vec::new();
        for field in PRACTICE_VALUES {
            match self.value(row, field) {
                Ok(Value::Blank) => {}
                Ok(Value::Given(value, column)) => values.push((field, value, column)),
                Err((column, messages)) => {
                    for message in messages {
                        problem(Some(column), message);
                    }
                }
            }
        }
        let mut evidence_values = BTreeMap::new();
        for field in EVIDENCE {
            match self.value(row, field) {
                Ok(Value::Blank) => {}
                Ok(Value::Given(value, column)) => {
                    evidence_values.insert(field, (value, column));
                }
                Err((column, messages)) => {
                    for message in messages {
                        problem(Some(column), message);
                    }
                }
            }
        }
        let evidence = match evidence_values.remove(&Field::Evidence) {
            Some((text, _)) => {
                let mut e = Evidence {
                    text,
                    ..Evidence::default()
                };
                for (field, (value, _)) in evidence_values {
                    match field {
                        Field::Implements => {
                            e.implements = value.split(' ').map(str::to_string).collect();
                        }
                        Field::Expires => e.expires = Some(value),
                        Field::Link => e.link = Some(value),
                        Field::Stub => e.stub = value == "yes",
                        _ => {}
                    }
                }
                Some(e)
            }
            None => {
                for (field, (value, column)) in evidence_values {
                    if field == Field::Stub && value != "yes" {
                        continue;
                    }
                    let message = match columns.fields.get(&Field::Evidence) {
                        Some(&e) => format!(
                            "{} without evidence: column {} of this row is empty",
                            describe(field),
                            columns.name(e)
                        ),
                        None => format!(
                            "{} without evidence: the sheet has no evidence column",
                            describe(field)
                        ),
                    };
                    problem(Some(column), message);
                }
                None
            }
        };
        if !practice_given && (!values.is_empty() || evidence.is_some()) {
            let message = "no practice: this row gives a level, scope, note or evidence for none";
            problem(practice_column(columns).copied(), message.into());
        }
        if problems.is_empty() {
            if let Some(assessment) = assessment {
                return Ok(Some(Parsed {
                    row: row.number,
                    assessment,
                    own,
                    practice,
                    values,
                    evidence,
                }));
            }
        }
        Err(problems)
    }

    /// The text of a cell (a neutralised formula given back), `None` when blank.
    fn text(&self, row: &Row, column: usize) -> Result<Option<String>, String> {
        match row.cell(column) {
            Cell::Invalid(why) => Err(why.clone()),
            cell => Ok(cell.text().map(|t| unneutralise(&t).to_string())),
        }
    }

    /// The value of `field` in `row`, checked and written as the language writes it; the
    /// error names the column.
    fn value(&self, row: &Row, field: Field) -> Result<Value, (usize, Vec<String>)> {
        let Some(&column) = self.columns.fields.get(&field) else {
            return Ok(Value::Blank);
        };
        let cell = row.cell(column);
        let fail = |message: String| Err((column, vec![message]));
        let text = match self.text(row, column) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(Value::Blank),
            Err(message) => return fail(message),
        };
        let trimmed = text.trim();
        let value = match field {
            Field::Title | Field::Assessor | Field::Description | Field::Note | Field::Evidence => {
                text.clone()
            }
            Field::Link => trimmed.to_string(),
            Field::Profile => match is_name(trimmed) {
                true => trimmed.to_string(),
                false => return fail(not_a_name(trimmed, "a profile", "factory-baseline")),
            },
            Field::Follows => {
                let mut ids = Vec::new();
                for id in words(trimmed) {
                    if self.model().standard(id).is_none() {
                        let known = self.model().standards().map(|s| s.id.as_str());
                        return fail(format!(
                            "unknown standard `{id}` to follow{}",
                            hint(smm_syntax::did_you_mean(id, known))
                        ));
                    }
                    ids.push(id);
                }
                ids.join(" ")
            }
            Field::Role => {
                let id = trimmed.to_lowercase().replace([' ', '_'], "-");
                match Role::from_id(&id) {
                    Some(role) => role.id().to_string(),
                    None => {
                        let roles = ["asset-owner", "product-supplier", "service-provider"];
                        return fail(format!(
                            "`{trimmed}` is not a role: give asset-owner, product-supplier or service-provider{}",
                            hint(smm_syntax::did_you_mean(&id, roles))
                        ));
                    }
                }
            }
            Field::Date | Field::Expires => match date(cell, trimmed) {
                Ok(day) => day,
                Err(message) => return fail(message),
            },
            Field::Level => match level(cell, trimmed) {
                Ok(level) => level.to_string(),
                Err(message) => return fail(message),
            },
            Field::Scope => match Scope::from_id(&trimmed.to_lowercase()) {
                Some(scope) => scope.id().to_string(),
                None => {
                    return fail(format!(
                        "`{trimmed}` is not a scope: give general, industry or system"
                    ))
                }
            },
            Field::Implements => {
                let clauses: Vec<&str> = words(trimmed).collect();
                let unknown: Vec<String> = clauses
                    .iter()
                    .filter_map(|c| self.clause(c).err())
                    .collect();
                if !unknown.is_empty() {
                    return Err((column, unknown));
                }
                clauses.join(" ")
            }
            Field::Stub => match trimmed.to_lowercase().as_str() {
                "yes" | "y" | "true" | "x" | "1" | "stub" => "yes".to_string(),
                "no" | "n" | "false" | "0" | "-" => "no".to_string(),
                _ => return fail(format!("`{trimmed}` is neither yes nor no")),
            },
            Field::Assessment | Field::Practice | Field::PracticeId | Field::PracticeTitle => {
                unreachable!("read on their own")
            }
        };
        Ok(Value::Given(value, column))
    }

    /// The id of the practice a cell names: its id, or with `practice` or `practice title`
    /// columns its title, without regard to case.
    fn practice(&self, field: Field, text: &str) -> Result<String, String> {
        let model = self.model();
        let wanted = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = wanted.to_lowercase();
        let by_id = model.practices().find(|p| p.id == lower);
        let by_title = || {
            model
                .practices()
                .find(|p| p.name.to_lowercase() == lower)
                .filter(|_| field != Field::PracticeId)
        };
        if let Some(practice) = by_id.or_else(by_title) {
            return Ok(practice.id.clone());
        }
        let mut candidates: Vec<(String, String)> = Vec::new();
        for p in model.practices() {
            candidates.push((p.id.clone(), p.id.clone()));
            if field != Field::PracticeId {
                candidates.push((p.name.to_lowercase(), p.id.clone()));
            }
        }
        let close = smm_syntax::did_you_mean(&lower, candidates.iter().map(|(c, _)| c.as_str()));
        let hint = match close.and_then(|c| candidates.iter().find(|(n, _)| n == c)) {
            Some((name, id)) if name == id => format!("; did you mean `{id}`?"),
            Some((_, id)) => {
                let title = &model.practice(id).expect("a practice of the model").name;
                format!("; did you mean `{title}` ({id})?")
            }
            None => ": give a practice's id or title (`smm catalog` lists them)".to_string(),
        };
        Err(format!("unknown practice `{wanted}`{hint}"))
    }

    /// Whether `text` names a domain or subdomain: a heading row of the sheet.
    fn heading(&self, text: &str) -> bool {
        let lower = text.trim().to_lowercase();
        let model = self.model();
        model
            .frameworks()
            .flat_map(|f| &f.domains)
            .filter_map(|d| model.domain(d))
            .any(|d| {
                d.id == lower
                    || d.title.to_lowercase() == lower
                    || d.subdomains
                        .iter()
                        .filter_map(|s| model.subdomain(s))
                        .any(|s| s.id == lower || s.title.to_lowercase() == lower)
            })
    }

    /// Whether the model knows the clause `reference` (`STANDARD:CLAUSE`), else why not.
    fn clause(&self, reference: &str) -> Result<(), String> {
        let model = self.model();
        if model.clause(reference).is_some() {
            return Ok(());
        }
        let Some((standard, clause)) = reference.split_once(':') else {
            // `SR1.1`: the standards that have such a clause.
            let meant = model
                .standards()
                .map(|s| format!("{}:{reference}", s.id))
                .find(|r| model.clause(r).is_some());
            return Err(match meant {
                Some(meant) => format!(
                    "`{reference}` names no standard: write STANDARD:CLAUSE; did you mean `{meant}`?"
                ),
                None => format!(
                    "`{reference}` is not a clause: write STANDARD:CLAUSE, e.g. `iec62443-3-3:SR1.1`"
                ),
            });
        };
        let Some(known) = model.standard(standard) else {
            let known = model.standards().map(|s| s.id.as_str());
            return Err(format!(
                "unknown standard `{standard}` in `{reference}`{}",
                hint(smm_syntax::did_you_mean(standard, known))
            ));
        };
        let mut candidates: Vec<String> = known.clauses.clone();
        for (label, target) in &known.annexes {
            if let Some(annexed) = model.standard(target) {
                candidates.extend(annexed.clauses.iter().map(|c| format!("{label}.{c}")));
            }
        }
        let close = smm_syntax::did_you_mean(clause, candidates.iter().map(String::as_str));
        Err(format!(
            "unknown clause `{reference}`{}",
            hint(close.map(|c| format!("{standard}:{c}")).as_deref())
        ))
    }
}

/// `; did you mean `x`?`, or nothing.
fn hint(close: Option<&str>) -> String {
    close
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// Ids in a cell, separated by spaces, commas or semicolons.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
}

/// Whether `text` is a name the language accepts (kebab case, not a keyword).
pub fn is_name(text: &str) -> bool {
    let lexed = smm_syntax::lex(text);
    matches!(lexed.tokens.as_slice(),
        [token] if token.kind == TokenKind::Ident && token.span.start == 0 && token.span.end == text.len())
}

pub fn not_a_name(text: &str, what: &str, example: &str) -> String {
    format!("`{text}` cannot name {what}: use lowercase letters, digits and `-` (for example `{example}`)")
}

/// A level: a whole number 0-4, or a level's name.
fn level(cell: &Cell, text: &str) -> Result<u8, String> {
    let number = match cell {
        Cell::Number(n) if n.fract() == 0.0 => Some(*n),
        Cell::Number(_) => None,
        _ => text.parse::<i64>().ok().map(|n| n as f64),
    };
    if let Some(n) = number {
        if (0.0..=4.0).contains(&n) {
            return Ok(n as u8);
        }
        return Err(format!("{text} is not a level: give 0 to 4"));
    }
    let lower = text.to_lowercase();
    (0..=4)
        .filter_map(Level::from_number)
        .find(|l| l.name().to_lowercase() == lower)
        .map(Level::number)
        .ok_or_else(|| {
            let names: Vec<String> = (0..=4)
                .filter_map(Level::from_number)
                .map(|l| l.name().to_string())
                .collect();
            format!(
                "`{text}` is not a level: give 0 to 4, or a level's name ({})",
                names.join(", ")
            )
        })
}

/// A date as `YYYY-MM-DD`: a date cell, or text (a time of midnight after it is allowed, as
/// some programs write date cells to CSV).
fn date(cell: &Cell, text: &str) -> Result<String, String> {
    match cell {
        Cell::Date(day) => return Ok(day.to_string()),
        Cell::Number(_) => {
            return Err(format!(
                "{text} is a number, not a date: write YYYY-MM-DD, or format the cell as a date"
            ))
        }
        _ => {}
    }
    let day = text
        .strip_suffix("T00:00:00")
        .or_else(|| text.strip_suffix(" 00:00:00"))
        .unwrap_or(text);
    if let Some(day) = Day::parse(day) {
        return Ok(day.to_string());
    }
    let shaped = day.len() == 10
        && day.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    Err(match shaped {
        true => format!("`{text}` is not on the calendar"),
        false => format!("`{text}` is not a date: write YYYY-MM-DD"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_numbers_or_names() {
        assert_eq!(level(&Cell::Number(2.0), "2"), Ok(2));
        assert_eq!(level(&Cell::Text("3".into()), "3"), Ok(3));
        assert_eq!(level(&Cell::Text("Ad hoc".into()), "Ad hoc"), Ok(2));
        assert!(level(&Cell::Number(2.5), "2.5").is_err());
        assert_eq!(
            level(&Cell::Text("7".into()), "7"),
            Err("7 is not a level: give 0 to 4".into())
        );
    }

    #[test]
    fn dates_are_iso_or_date_cells() {
        let day = Day::new(2026, 11, 10).unwrap();
        assert_eq!(
            date(&Cell::Date(day), "2026-11-10"),
            Ok("2026-11-10".into())
        );
        assert_eq!(
            date(
                &Cell::Text("2026-11-10T00:00:00".into()),
                "2026-11-10T00:00:00"
            ),
            Ok("2026-11-10".into())
        );
        assert_eq!(
            date(&Cell::Text("2026-02-30".into()), "2026-02-30"),
            Err("`2026-02-30` is not on the calendar".into())
        );
        assert!(date(&Cell::Text("10/11/2026".into()), "10/11/2026").is_err());
    }

    #[test]
    fn names_are_kebab_case_and_not_keywords() {
        assert!(is_name("line-4"));
        assert!(!is_name("Line 4"));
        assert!(!is_name("practice"));
        assert!(!is_name("line-4 x"));
    }
}
