//! The coverage as JSON for programs, described by `schemas/coverage.schema.json`: every field
//! always present, like the catalog document.

use serde::Serialize;
use smm_model::coverage::{StandardCoverage, Status};

/// Bumped whenever a field is removed, renamed or changes meaning.
const SCHEMA_VERSION: &str = "1";

#[derive(Serialize)]
pub struct CoverageDocument {
    schema_version: &'static str,
    rule: &'static str,
    standards: Vec<StandardJson>,
}

#[derive(Serialize)]
struct StandardJson {
    id: String,
    title: String,
    counted: &'static str,
    user_catalog: bool,
    requirements: usize,
    mapped: usize,
    /// Rounded down to one decimal, as the text shows it; `null` when nothing counts.
    mapped_percent: Option<f64>,
    unmapped: usize,
    missing: usize,
    unmapped_clauses: Vec<UnmappedJson>,
    missing_clauses: Vec<ClauseJson>,
}

#[derive(Serialize)]
struct UnmappedJson {
    clause: String,
    title: String,
    mapping: String,
    rationale: String,
}

#[derive(Serialize)]
struct ClauseJson {
    clause: String,
    title: String,
}

pub fn document(standards: &[StandardCoverage<'_>]) -> CoverageDocument {
    CoverageDocument {
        schema_version: SCHEMA_VERSION,
        rule: super::RULE,
        standards: standards.iter().map(standard).collect(),
    }
}

fn standard(coverage: &StandardCoverage<'_>) -> StandardJson {
    let mut unmapped_clauses = Vec::new();
    let mut missing_clauses = Vec::new();
    for requirement in &coverage.requirements {
        let clause = requirement.clause.reference();
        let title = requirement.clause.title.clone();
        match requirement.status {
            Status::Mapped(_) => {}
            Status::Unmapped(u) => unmapped_clauses.push(UnmappedJson {
                clause,
                title,
                mapping: u.mapping.clone(),
                rationale: u.rationale.clone(),
            }),
            Status::Missing => missing_clauses.push(ClauseJson { clause, title }),
        }
    }
    StandardJson {
        id: coverage.standard.id.clone(),
        title: coverage.standard.title.clone(),
        counted: coverage.counted,
        user_catalog: coverage.user_catalog,
        requirements: coverage.requirements.len(),
        mapped: coverage.mapped(),
        mapped_percent: coverage.mapped_percent(),
        unmapped: coverage.unmapped(),
        missing: coverage.missing(),
        unmapped_clauses,
        missing_clauses,
    }
}
