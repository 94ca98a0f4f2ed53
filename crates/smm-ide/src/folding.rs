//! Folding: every block over more than one line, runs of line comments and block comments
//! over more than one line.

use smm_syntax::{lines, Span, TokenKind};

use crate::nodes::{nodes, NodeKind};
use crate::{FileId, Snapshot};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Block,
    Comment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

pub fn folding_ranges(snapshot: &Snapshot<'_>, file: FileId) -> Vec<Fold> {
    let Some(source) = snapshot.workspace.source(file) else {
        return Vec::new();
    };
    let text = &*source.text;
    let multiline = |span: Span| lines::has_break(&text[span.range()]);
    let mut folds: Vec<Fold> = nodes(&source.parse.file)
        .into_iter()
        .filter(|n| n.kind == NodeKind::Block && multiline(n.span))
        .map(|n| Fold {
            span: n.span,
            kind: FoldKind::Block,
        })
        .collect();
    let mut run: Option<Span> = None;
    let close_run = |run: &mut Option<Span>, folds: &mut Vec<Fold>| {
        if let Some(span) = run.take().filter(|s| multiline(*s)) {
            folds.push(Fold {
                span,
                kind: FoldKind::Comment,
            });
        }
    };
    for token in &source.parse.tokens {
        match token.kind {
            TokenKind::LineComment if alone_on_line(text, token.span) => {
                // A run goes on while only a line break separates one comment from the next.
                match run {
                    Some(span) if one_line_break(&text[span.end..token.span.start]) => {
                        run = Some(span.cover(token.span));
                    }
                    _ => {
                        close_run(&mut run, &mut folds);
                        run = Some(token.span);
                    }
                }
            }
            TokenKind::BlockComment if multiline(token.span) => {
                close_run(&mut run, &mut folds);
                folds.push(Fold {
                    span: token.span,
                    kind: FoldKind::Comment,
                });
            }
            _ => close_run(&mut run, &mut folds),
        }
    }
    close_run(&mut run, &mut folds);
    folds.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    folds
}

/// A comment after code on its line belongs to that line, not to a run of comments.
fn alone_on_line(text: &str, span: Span) -> bool {
    text[lines::line_start(text, span.start)..span.start]
        .trim()
        .is_empty()
}

fn one_line_break(gap: &str) -> bool {
    gap.trim().is_empty() && lines::count_breaks(gap) == 1
}
