//! One row read cell by cell: each value checked against the model and written as the
//! language writes it.

use std::collections::BTreeMap;

use smm_model::{Model, Role, Scope};

use super::super::columns::{describe, Columns, Field};
use super::super::injection::unneutralise;
use super::super::sheet::{Cell, Row};
use super::values::{date, hint, is_name, level, not_a_name, words};
use super::{
    practice_column, Evidence, Options, Parsed, RowProblem, EVIDENCE, OWN, PRACTICE_NAMES,
    PRACTICE_VALUES,
};

pub(super) struct Reader<'a> {
    pub(super) columns: &'a Columns,
    pub(super) options: &'a Options<'a>,
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
    pub(super) fn row(&self, row: &Row) -> Result<Option<Parsed>, Vec<RowProblem>> {
        let columns = self.columns;
        if columns.fields.values().all(|&c| row.cell(c).is_blank()) {
            return Ok(None);
        }
        let mut problems = Vec::new();
        let mut problem = |column: Option<usize>, message: String| {
            problems.push(RowProblem {
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

        let own = self.given(row, OWN, &mut problem);
        let values = self.given(row, PRACTICE_VALUES, &mut problem);
        let mut evidence_values: BTreeMap<Field, (String, usize)> = self
            .given(row, EVIDENCE, &mut problem)
            .into_iter()
            .map(|(field, value, column)| (field, (value, column)))
            .collect();
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

    /// The values given for `fields` in `row`, each with its field and column; each value
    /// that fails its check is a problem instead.
    fn given(
        &self,
        row: &Row,
        fields: impl IntoIterator<Item = Field>,
        problem: &mut impl FnMut(Option<usize>, String),
    ) -> Vec<(Field, String, usize)> {
        let mut given = Vec::new();
        for field in fields {
            match self.value(row, field) {
                Ok(Value::Blank) => {}
                Ok(Value::Given(value, column)) => given.push((field, value, column)),
                Err((column, messages)) => {
                    for message in messages {
                        problem(Some(column), message);
                    }
                }
            }
        }
        given
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
        for annex in &known.annexes {
            if let Some(annexed) = model.standard(&annex.standard) {
                let label = &annex.label;
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
