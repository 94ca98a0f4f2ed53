//! The statements of profiles and assessments: `target` and `practice` ratings, `evidence`
//! and `waive`.

use super::expectation::expectation;
use super::problems::missing;
use super::values::{clause, date, int, name, text};
use super::walk::walk;
use super::{FirstProblem, Raw};
use crate::ast::{Evidence, Int, Name, Rating, Setting, Waiver};
use crate::code::SyntaxCode;
use crate::diagnostic::Diagnostic;
use crate::token::Keyword;

pub(crate) fn rating<F>(src: &str, raw: Raw) -> (Rating<F>, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let mut level: Option<Setting<Int>> = None;
    let mut scope: Option<Setting<Name>> = None;
    let practice = walk(src, &raw, &mut problem, None, name, |mut modifier| {
        if modifier.keyword == Keyword::Level {
            level = Some(modifier.value(int));
        } else {
            scope = Some(modifier.value(name));
        }
    });
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
    evidence.description = walk(
        src,
        &raw,
        &mut problem,
        None,
        text,
        |mut modifier| match modifier.keyword {
            Keyword::Implements => {
                evidence.implements = Some(modifier.span);
                if modifier.values.is_empty() {
                    modifier
                        .problem
                        .add(missing(modifier.keyword, modifier.span));
                }
                evidence.clauses.reserve_exact(modifier.values.len());
                for word in modifier.values {
                    if let Some(clause) = modifier.problem.take(clause(src, *word)) {
                        evidence.clauses.push(clause);
                    }
                }
            }
            Keyword::Stub => {
                evidence.stub = Some(modifier.span);
                if let Some(word) = modifier.values.first() {
                    modifier.stray(*word);
                }
            }
            Keyword::Expires => evidence.expires = Some(Box::new(modifier.value(date))),
            _ => evidence.link = Some(Box::new(modifier.value(text))),
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
    waiver.code = walk(src, &raw, &mut problem, None, name, |mut modifier| {
        if modifier.keyword == Keyword::Expires {
            waiver.expires = Some(modifier.value(date));
        } else {
            waiver.practice = Some(modifier.value(name));
        }
    });
    (waiver, problem.0)
}
