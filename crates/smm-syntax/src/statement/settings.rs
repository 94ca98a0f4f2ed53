//! Statements of one or a few plain values: `keyword value` settings, `comprehensiveness N
//! "text"` and `annex "label" standard`.

use super::values::{date, int, name, text, Convert};
use super::walk::{positional, walk};
use super::{FirstProblem, Raw};
use crate::ast::{Annex, Date, Int, LevelText, Name, Setting, Text};
use crate::diagnostic::Diagnostic;
use crate::token::TokenKind;

/// `keyword value` settings: exactly one value, of the kind `convert` accepts.
fn single<T>(src: &str, raw: Raw, convert: Convert<T>) -> (Setting<T>, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let value = walk(src, &raw, &mut problem, None, convert, |_| {
        unreachable!("settings take no modifiers")
    });
    let setting = Setting {
        keyword: raw.keyword_span,
        value,
        span: raw.span,
    };
    (setting, problem.0)
}

pub(crate) fn name_setting(src: &str, raw: Raw) -> (Setting<Name>, Option<Diagnostic>) {
    single(src, raw, name)
}

pub(crate) fn text_setting(src: &str, raw: Raw) -> (Setting<Text>, Option<Diagnostic>) {
    single(src, raw, text)
}

pub(crate) fn int_setting(src: &str, raw: Raw) -> (Setting<Int>, Option<Diagnostic>) {
    single(src, raw, int)
}

pub(crate) fn date_setting(src: &str, raw: Raw) -> (Setting<Date>, Option<Diagnostic>) {
    single(src, raw, date)
}

pub(crate) fn level_text(src: &str, raw: Raw) -> (LevelText, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let found = positional(
        src,
        &raw,
        &mut problem,
        &[TokenKind::Int, TokenKind::String],
    );
    let level = found[0].and_then(|w| problem.take(int(src, raw.keyword, w)));
    let text_value = found[1].and_then(|w| problem.take(text(src, raw.keyword, w)));
    let node = LevelText {
        keyword: raw.keyword_span,
        level,
        text: text_value,
        span: raw.span,
    };
    (node, problem.0)
}

pub(crate) fn annex(src: &str, raw: Raw) -> (Annex, Option<Diagnostic>) {
    let mut problem = FirstProblem::default();
    let found = positional(
        src,
        &raw,
        &mut problem,
        &[TokenKind::String, TokenKind::Ident],
    );
    let label = found[0].and_then(|w| problem.take(text(src, raw.keyword, w)));
    let standard = found[1].and_then(|w| problem.take(name(src, raw.keyword, w)));
    let node = Annex {
        keyword: raw.keyword_span,
        label,
        standard,
        span: raw.span,
    };
    (node, problem.0)
}
