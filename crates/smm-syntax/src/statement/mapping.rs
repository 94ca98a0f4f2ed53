//! The statements of mappings: `map` edges and `unmapped` clauses.

use super::expectation::expectation;
use super::problems::missing;
use super::values::{clause, clause_ref, int, name};
use super::walk::{positional, walk};
use super::{FirstProblem, Raw};
use crate::ast::{MapEdge, Unmapped};
use crate::code::SyntaxCode;
use crate::diagnostic::Diagnostic;
use crate::token::{Keyword, TokenKind};

pub(crate) fn map_edge(src: &str, raw: Raw) -> (MapEdge, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let mut edge = MapEdge {
        keyword: raw.keyword_span,
        practice: None,
        level: None,
        clause: None,
        relationship: None,
        roles: None,
        via: None,
        body: None,
        span: raw.span,
    };
    edge.practice = walk(
        src,
        &raw,
        &mut problem,
        None,
        name,
        |mut modifier| match modifier.keyword {
            Keyword::Level => edge.level = Some(modifier.value(int)),
            Keyword::To => edge.clause = Some(modifier.value(clause_ref)),
            Keyword::Via => edge.via = Some(modifier.value(clause_ref)),
            Keyword::As => edge.relationship = Some(modifier.value(name)),
            _ => {
                let (keyword, span) = (modifier.keyword, modifier.span);
                if modifier.values.is_empty() {
                    modifier.problem.add(missing(keyword, span));
                }
                let roles = modifier
                    .values
                    .iter()
                    .filter_map(|w| modifier.problem.take(name(src, keyword, *w)))
                    .collect();
                edge.roles = Some((span, roles));
            }
        },
    );
    for (keyword, present) in [
        (Keyword::Level, edge.level.is_some()),
        (Keyword::To, edge.clause.is_some()),
    ] {
        if !present {
            problem.add(
                Diagnostic::syntax(
                    SyntaxCode::MissingValue,
                    raw.keyword_span,
                    format!("`map` needs `{}`", keyword.as_str()),
                )
                .with_label(format!("no `{}` in this line", keyword.as_str()))
                .with_help(format!("for example: {}", expectation(Keyword::Map).1)),
            );
        }
    }
    (edge, problem.0)
}

/// `unmapped STD:CLAUSE`; the block with the reason is attached by the parser. A missing
/// reason is the model's error, so that a file lacking one can still be formatted.
pub(crate) fn unmapped(src: &str, raw: Raw) -> (Unmapped, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let found = positional(src, &raw, &mut problem, &[TokenKind::ClauseRef]);
    let clause_value = found[0].and_then(|w| problem.take(clause(src, w)));
    let node = Unmapped {
        keyword: raw.keyword_span,
        clause: clause_value,
        body: None,
        span: raw.span,
    };
    (node, problem.0)
}
