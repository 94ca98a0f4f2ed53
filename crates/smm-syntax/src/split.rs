//! Parsing a long file on several threads. The file is cut before top-level items (a keyword
//! such as `assessment` in column 0, outside every brace) into one run of items per thread,
//! and each run is parsed alone. Without errors the runs' items, one after the other, are the
//! items the whole file parses to: an item ends at its own `}` whatever follows it, and the
//! grammar carries nothing from one top-level item to the next. Where any run has an error
//! (recovery may reach across items) or the lexer found one, the file is parsed whole.
//! A property test holds the result equal to the whole file's parse.

use crate::ast::SourceFile;
use crate::lines;
use crate::parser::{self, TOP};
use crate::token::{Token, TokenKind};

/// Below this many bytes per thread a thread costs more than it saves.
const BYTES_PER_THREAD: usize = 512 * 1024;

/// The items of `src`, parsed on the machine's cores when it is long enough; `None` where it
/// is short, has no place to cut, or a run has an error.
pub(crate) fn parse(src: &str, tokens: &[Token]) -> Option<SourceFile> {
    let threads = crate::parallel::threads().min(src.len() / BYTES_PER_THREAD);
    if threads < 2 {
        return None;
    }
    parse_in(src, tokens, threads)
}

/// `parse` in up to `runs` runs, at any length.
pub(crate) fn parse_in(src: &str, tokens: &[Token], runs: usize) -> Option<SourceFile> {
    let cuts = cuts(src, tokens, runs);
    if cuts.is_empty() {
        return None;
    }
    let bounds: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain([tokens.len()]))
        .collect();
    let parsed = crate::parallel::each(&bounds, |&(from, to)| {
        let (file, errors) = parser::parse_tokens(src, &tokens[from..to]);
        errors.is_empty().then_some(file)
    });
    let mut items = Vec::new();
    for file in parsed {
        items.extend(file?.items);
    }
    Some(SourceFile { items })
}

/// Token indices where a run may start, about `runs` evenly spaced by bytes: each is a
/// top-level keyword at the left margin, outside every brace.
fn cuts(src: &str, tokens: &[Token], runs: usize) -> Vec<usize> {
    let step = src.len() / runs.max(1);
    let mut next = step;
    let mut depth = 0usize;
    let mut cuts = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::LBrace => depth += 1,
            TokenKind::RBrace => depth = depth.saturating_sub(1),
            TokenKind::Keyword(k)
                if i > 0
                    && depth == 0
                    && token.span.start >= next
                    && TOP.contains(&k)
                    && lines::starts_line(src, token.span.start) =>
            {
                cuts.push(i);
                if cuts.len() + 1 == runs {
                    break;
                }
                next = token.span.start + step;
            }
            _ => {}
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str =
        "assessment a {\n  practice identities level 1 {\n    evidence \"Accounts\"\n  }\n}\n";

    fn runs(src: &str, runs: usize) -> Option<SourceFile> {
        parse_in(src, &crate::lex(src).tokens, runs)
    }

    #[test]
    fn a_file_of_many_items_is_cut_between_them() {
        let src = ITEM.repeat(10);
        let tokens = crate::lex(&src).tokens;
        let cuts = cuts(&src, &tokens, 3);
        assert_eq!(cuts.len(), 2);
        for cut in cuts {
            assert!(src[tokens[cut].span.start..].starts_with("assessment a {"));
        }
        assert_eq!(runs(&src, 3), Some(crate::parse(&src).file));
    }

    #[test]
    fn items_inside_braces_or_off_the_margin_are_not_cut() {
        let nested = format!("profile p {{\n{}}}\n", ITEM.repeat(4));
        let indented = ITEM.replace("assessment", " assessment").repeat(4);
        for src in [nested, indented] {
            assert!(cuts(&src, &crate::lex(&src).tokens, 4).is_empty(), "{src}");
        }
    }

    #[test]
    fn an_error_in_any_run_parses_the_file_whole() {
        let src = format!("{}{}", ITEM.repeat(3), ITEM.replace("level 1", "level"));
        assert_eq!(cuts(&src, &crate::lex(&src).tokens, 4).len(), 3);
        assert_eq!(runs(&src, 4), None);
    }
}
