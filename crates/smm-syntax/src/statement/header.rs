//! The header lines of items and of definitions: `profile NAME "Title"`, `domain ID "Title"
//! parent ID`, `extend STD:CLAUSE`.

use super::problems::missing_body;
use super::values::{clause, clause_ref, name, Convert};
use super::walk::{positional, walk};
use super::{FirstProblem, Raw};
use crate::ast::{ClauseRef, Declaration, Definition, Extension, Name};
use crate::diagnostic::Diagnostic;
use crate::token::TokenKind;

pub(crate) fn declaration<F>(
    src: &str,
    raw: Raw,
    has_body: bool,
) -> (Declaration<F>, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let mut declaration = Declaration {
        keyword: raw.keyword_span,
        name: None,
        title: None,
        body: None,
        span: raw.span,
    };
    declaration.name = walk(
        src,
        &raw,
        &mut problem,
        Some(&mut declaration.title),
        name,
        |_| unreachable!("declarations take no modifiers"),
    );
    if !has_body {
        problem.add(missing_body(&raw));
    }
    (declaration, problem.0)
}

/// `KEYWORD ID ["Title"] [parent ID]`; the block is attached by the parser.
fn definition<Id>(
    src: &str,
    raw: Raw,
    convert: Convert<Id>,
) -> (Definition<Id>, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let mut definition = Definition {
        keyword: raw.keyword_span,
        id: None,
        title: None,
        parent: None,
        body: None,
        span: raw.span,
    };
    definition.id = walk(
        src,
        &raw,
        &mut problem,
        Some(&mut definition.title),
        convert,
        |mut modifier| definition.parent = Some(modifier.value(convert)),
    );
    (definition, problem.0)
}

pub(crate) fn named_definition(src: &str, raw: Raw) -> (Definition<Name>, Option<Diagnostic>) {
    definition(src, raw, name)
}

pub(crate) fn clause_definition(
    src: &str,
    raw: Raw,
) -> (Definition<ClauseRef>, Option<Diagnostic>) {
    definition(src, raw, clause_ref)
}

/// `extend STD:CLAUSE`; like a declaration, a missing `{` is one error.
pub(crate) fn extension(src: &str, raw: Raw, has_body: bool) -> (Extension, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let found = positional(src, &raw, &mut problem, &[TokenKind::ClauseRef]);
    let clause_value = found[0].and_then(|w| problem.take(clause(src, w)));
    if !has_body {
        problem.add(missing_body(&raw));
    }
    let node = Extension {
        keyword: raw.keyword_span,
        clause: clause_value,
        body: None,
        span: raw.span,
    };
    (node, problem.0)
}
