//! The smm language: tokens, a recovering parser, the syntax tree and the formatter.
//!
//! Everything works on byte offsets. Parsing never fails: it returns a tree (with placeholders
//! where the input was broken) and the errors found.

pub mod ast;
pub mod code;
mod diagnostic;
mod errors;
mod format;
mod lexer;
mod line_ending;
pub mod lines;
pub mod parallel;
mod parser;
mod related;
mod render;
mod reparse;
mod shared_text;
mod shift;
pub mod slot;
mod span;
mod split;
mod statement;
mod suggest;
mod token;
mod unclosed;
pub mod visible;

pub use code::{Code, Severity, SyntaxCode};
pub use diagnostic::Diagnostic;
pub use format::format;
pub use lexer::{lex, Lexed};
pub use related::{Label, Related};
pub use render::{render, render_to};
pub use reparse::{changed, reparse, reparse_item};
pub use shared_text::SharedText;
pub use slot::{slot_at, Slot};
pub use span::Span;
pub use suggest::{did_you_mean, edit_distance};
pub use token::{BadWord, Keyword, Token, TokenKind};
pub use visible::{visible, visible_path};

/// A parsed file: its tree, every token (comments included) and its syntax errors in source
/// order.
#[derive(Clone, Debug)]
pub struct Parse {
    pub file: ast::SourceFile,
    pub tokens: Vec<Token>,
    pub errors: Vec<Diagnostic>,
}

pub fn parse(src: &str) -> Parse {
    let Lexed { tokens, errors } = lex(src);
    if errors.is_empty() {
        if let Some(file) = split::parse(src, &tokens) {
            return Parse {
                file,
                tokens,
                errors,
            };
        }
    }
    parse_whole(src, tokens, errors)
}

/// `parse`, cut into up to `runs` runs parsed on threads of their own at any length; `None`
/// where `parse` would parse the file whole. For tests, which hold the two equal.
#[doc(hidden)]
pub fn parse_in_runs(src: &str, runs: usize) -> Option<Parse> {
    let Lexed { tokens, errors } = lex(src);
    let file = split::parse_in(src, &tokens, runs).filter(|_| errors.is_empty())?;
    Some(Parse {
        file,
        tokens,
        errors,
    })
}

fn parse_whole(src: &str, tokens: Vec<Token>, mut errors: Vec<Diagnostic>) -> Parse {
    let (file, parse_errors) = parser::parse_tokens(src, &tokens);
    errors.extend(
        parse_errors
            .into_iter()
            .map(|e| errors::to_diagnostic(src, e)),
    );
    unclosed::relocate(src, &tokens, &mut errors);
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    Parse {
        file,
        tokens,
        errors,
    }
}
