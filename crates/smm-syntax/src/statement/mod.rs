//! Typed nodes from raw statements. Each builder walks the statement's parts in order and keeps
//! the first problem only: a statement with one mistake reports one error, never a cascade.

use crate::diagnostic::Diagnostic;
use crate::token::{Keyword, TokenKind};
use crate::Span;

mod assessment;
mod expectation;
mod header;
mod mapping;
mod problems;
mod settings;
mod values;
mod walk;

pub(crate) use assessment::{evidence, rating, waiver};
pub(crate) use header::{clause_definition, declaration, extension, named_definition};
pub(crate) use mapping::{map_edge, unmapped};
pub(crate) use problems::{describe, unclosed_block, unknown_character};
pub(crate) use settings::{
    annex, date_setting, int_setting, level_text, name_setting, text_setting,
};

#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub(crate) enum Part {
    Value(Word),
    Modifier {
        keyword: Keyword,
        span: Span,
        values: Vec<Word>,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub keyword: Keyword,
    pub keyword_span: Span,
    pub parts: Vec<Part>,
    pub span: Span,
}

/// Keeps the first problem found.
#[derive(Default)]
struct FirstProblem(Option<Diagnostic>);

impl FirstProblem {
    fn add(&mut self, diagnostic: Diagnostic) {
        self.0.get_or_insert(diagnostic);
    }

    /// Builds the diagnostic only when it will be kept: a line of 100,000 stray words costs
    /// one message, not 100,000.
    fn add_with(&mut self, diagnostic: impl FnOnce() -> Diagnostic) {
        if self.0.is_none() {
            self.0 = Some(diagnostic());
        }
    }

    fn take<T>(&mut self, result: Result<T, Box<Diagnostic>>) -> Option<T> {
        result.map_err(|d| self.add(*d)).ok()
    }
}
