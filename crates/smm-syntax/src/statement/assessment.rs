//! The statements of profiles and assessments: `target` and `practice` ratings, `evidence`
//! and `waive`.

use super::expectation::expectation;
use super::problems::{missing, stray};
use super::values::{clause, date, int, name, text};
use super::walk::{modifier_value, walk};
use super::{FirstProblem, Raw};
use crate::ast::{Evidence, Int, Name, Rating, Setting, Waiver};
use crate::code::SyntaxCode;
use crate::diagnostic::Diagnostic;
use crate::token::Keyword;

pub(crate) fn rating<F>(src: &str, raw: Raw) -> (Rating<F>, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let mut practice = None;
    let mut level: Option<Setting<Int>> = None;
    let mut scope: Option<Setting<Name>> = None;
    walk(
        src,
        &raw,
        &mut problem,
        None,
        |problem, word| practice = problem.take(name(src, raw.keyword, word)),
        |problem, slot, seen| {
            if slot.0 == Keyword::Level {
                level = Some(modifier_value(src, &raw, problem, slot, seen, int));
            } else {
                scope = Some(modifier_value(src, &raw, problem, slot, seen, name));
            }
        },
    );
    if level.is_none() {
        let statement = raw.keyword.as_str();
        problem.add(
            Diagnostic::syntax(
                SyntaxCode::MissingLevel,
                raw.keyword_span,
                format!("`{statement}` needs a level"),
            )
            .with_label("no `level N` in this line")
            .with_help(format!(
                "add the comprehensiveness level, for example: {}",
                expectation(raw.keyword).1
            )),
        );
    }
    let rating = Rating {
        keyword: raw.keyword_span,
        practice,
        level,
        scope,
        body: None,
        span: raw.span,
    };
    (rating, problem.0)
}

pub(crate) fn evidence(src: &str, raw: Raw) -> (Evidence, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let mut evidence = Evidence {
        keyword: raw.keyword_span,
        description: None,
        implements: None,
        clauses: Vec::new(),
        expires: None,
        link: None,
        stub: None,
        span: raw.span,
    };
    walk(
        src,
        &raw,
        &mut problem,
        None,
        |problem, word| evidence.description = problem.take(text(src, raw.keyword, word)),
        |problem, slot, seen| {
            let (keyword, span, values) = slot;
            match keyword {
                Keyword::Implements => {
                    evidence.implements = Some(span);
                    if values.is_empty() {
                        problem.add(missing(keyword, span));
                    }
                    evidence.clauses.reserve_exact(values.len());
                    for word in values {
                        if let Some(clause) = problem.take(clause(src, *word)) {
                            evidence.clauses.push(clause);
                        }
                    }
                }
                Keyword::Stub => {
                    evidence.stub = Some(span);
                    if let Some(word) = values.first() {
                        problem.add_with(|| stray(src, &raw, *word, seen));
                    }
                }
                Keyword::Expires => {
                    evidence.expires = Some(Box::new(modifier_value(
                        src, &raw, problem, slot, seen, date,
                    )))
                }
                _ => {
                    evidence.link = Some(Box::new(modifier_value(
                        src, &raw, problem, slot, seen, text,
                    )))
                }
            }
        },
    );
    (evidence, problem.0)
}

/// `waive CODE for PRACTICE expires DATE`; the block is attached by the parser.
pub(crate) fn waiver(src: &str, raw: Raw) -> (Waiver, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let mut waiver = Waiver {
        keyword: raw.keyword_span,
        code: None,
        practice: None,
        expires: None,
        body: None,
        span: raw.span,
    };
    walk(
        src,
        &raw,
        &mut problem,
        None,
        |problem, word| waiver.code = problem.take(name(src, raw.keyword, word)),
        |problem, slot, seen| {
            if slot.0 == Keyword::Expires {
                waiver.expires = Some(modifier_value(src, &raw, problem, slot, seen, date));
            } else {
                waiver.practice = Some(modifier_value(src, &raw, problem, slot, seen, name));
            }
        },
    );
    (waiver, problem.0)
}
