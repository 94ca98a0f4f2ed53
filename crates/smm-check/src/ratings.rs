//! The AST's ratings, `target` lines of profiles and `practice` lines of assessments: both
//! checks point findings at a rating's line.

use smm_syntax::ast::Rating;
use smm_syntax::Span;

/// A `target` or `practice` line without its block: where a finding about the rating points.
pub(crate) fn line_span<F>(rating: &Rating<F>) -> Span {
    let ends = [
        rating.practice.as_ref().map(|p| p.span.end),
        rating.level.as_ref().map(|l| l.span.end),
        rating.scope.as_ref().map(|s| s.span.end),
    ];
    let end = ends
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(rating.keyword.end);
    Span::new(rating.keyword.start, end)
}
