//! Recovery: skipping what the grammar does not know, so that one mistake costs one error and
//! the rest of the file still parses.

use chumsky::prelude::*;

use super::raw::span;
use super::{Extra, ParserInput};
use crate::diagnostic::Diagnostic;
use crate::token::{Keyword, TokenKind};
use crate::Span;

/// Skips a statement the grammar does not know, without recursion (so 100,000 `{` cannot
/// overflow the stack): up to the next line that starts with a statement keyword, up to a `}`,
/// or past one balanced block. It refuses to start at `}`, at the end, or at a keyword in
/// `stop`, which lets an enclosing block take over when a closing brace was forgotten. At the
/// top level it skips to the next line starting with `profile` or `assessment`.
pub(super) fn junk<'t>(
    stop: &'static [Keyword],
    top_level: bool,
) -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    custom(
        move |inp: &mut chumsky::input::InputRef<'t, '_, ParserInput<'t>, Extra<'t>>| {
            let before = inp.cursor();
            let refuse = match inp.peek() {
                None => true,
                Some(t) if t.kind == TokenKind::RBrace => !top_level,
                Some(t) => matches!(t.kind, TokenKind::Keyword(k) if stop.contains(&k)),
            };
            if refuse {
                return Err(Rich::custom(inp.span_since(&before), junk_refusal()));
            }
            let mut first = true;
            while let Some(token) = inp.peek() {
                let ends_here = match token.kind {
                    _ if first => false,
                    TokenKind::RBrace => !top_level,
                    TokenKind::Keyword(k) if top_level => token.line_start && stop.contains(&k),
                    _ => token.starts_line_statement(),
                };
                if ends_here {
                    break;
                }
                first = false;
                if token.kind == TokenKind::LBrace {
                    let mut depth = 0usize;
                    while let Some(token) = inp.peek() {
                        // An item at the left margin ends a top-level skip even inside an
                        // unbalanced `{`, so one stray brace cannot hide the rest of the file.
                        let item_at_margin = top_level
                            && depth > 0
                            && token.at_margin
                            && matches!(token.kind, TokenKind::Keyword(k) if stop.contains(&k));
                        if item_at_margin {
                            break;
                        }
                        inp.skip();
                        match token.kind {
                            TokenKind::LBrace => depth += 1,
                            TokenKind::RBrace => depth -= 1,
                            _ => {}
                        }
                        if depth == 0 {
                            break;
                        }
                    }
                    if !top_level {
                        break;
                    }
                } else {
                    inp.skip();
                }
            }
            Ok(span(inp.span_since(&before)))
        },
    )
}

fn junk_refusal() -> Box<Diagnostic> {
    // Never reported: a refused recovery leaves the original error in place.
    Box::new(Diagnostic::syntax(
        crate::code::SyntaxCode::UnexpectedToken,
        Span::default(),
        "no recovery here",
    ))
}
