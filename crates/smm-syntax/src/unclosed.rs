//! Where a forgotten `}` most likely belongs. The parser can only notice a missing `}` where a
//! block runs into something that cannot be inside it, often at the end of the enclosing item.
//! Indentation tells more: a `}` less indented than the line that opened its block probably
//! closes an outer block, so the inner block is the one left open. This only moves the error
//! to that place; it never changes how the file parses.

use crate::code::SyntaxCode;
use crate::diagnostic::Diagnostic;
use crate::token::{Token, TokenKind};
use crate::Span;

pub(crate) fn relocate(src: &str, tokens: &[Token], errors: &mut [Diagnostic]) {
    let Some(error) = errors
        .iter_mut()
        .find(|e| e.code == SyntaxCode::UnclosedBlock.as_str())
    else {
        return;
    };
    // Only a `}` the unclosed block swallowed can be the misplaced one.
    let Some(unclosed_open) = error.related.first().map(|l| l.span) else {
        return;
    };
    let within = unclosed_open.end..=error.span.start;
    let Some((open, close_index)) = first_misindented_pair(src, tokens, within) else {
        return;
    };
    let Some(last) = tokens[..close_index]
        .iter()
        .rev()
        .find(|t| !t.kind.is_comment())
    else {
        return;
    };
    let opened_line = line_of(src, open.start) + 1;
    error.span = Span::empty_at(last.span.end);
    error.message = format!(
        "missing `}}`: judging by the indentation, the block opened on line {opened_line} ends here"
    )
    .into();
    error.related = vec![crate::Label::here(
        open,
        "this block is not closed where its indentation suggests",
    )];
    error.help =
        Some("add the missing `}` here, or fix the indentation if the braces are right".into());
}

/// The first `{ ... }` pair whose `}` lies in `within` and starts a line less indented than
/// the line of its `{`.
fn first_misindented_pair(
    src: &str,
    tokens: &[Token],
    within: std::ops::RangeInclusive<usize>,
) -> Option<(Span, usize)> {
    let line_starts = crate::lines::line_starts(src);
    let indentation = |offset: usize| {
        let line = line_starts[line_starts.partition_point(|&s| s <= offset) - 1];
        let text = &src[line..];
        let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
        (indent, line + indent == offset)
    };
    let mut stack: Vec<Span> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::LBrace => stack.push(token.span),
            TokenKind::RBrace => {
                let open = stack.pop()?;
                let (close_indent, first_on_line) = indentation(token.span.start);
                let (open_indent, _) = indentation(open.start);
                if first_on_line && close_indent < open_indent && within.contains(&token.span.start)
                {
                    return Some((open, i));
                }
            }
            _ => {}
        }
    }
    None
}

fn line_of(src: &str, offset: usize) -> usize {
    crate::lines::count_breaks(&src[..offset])
}

#[cfg(test)]
mod tests {
    const LF: &str = "assessment line-4 {\n  practice access-control level 2 {\n    note \"closed\"\n  }\n  practice monitoring level 1 {\n    note \"this block's closing brace is missing\"\n}\n\nassessment line-5 {\n  practice monitoring level 2\n}\n";

    /// Indentation is read per line, and lines end at `\r\n` and a lone `\r` too.
    #[test]
    fn every_line_break_gives_the_same_relocation() {
        let expected = crate::parse(LF).errors;
        assert_eq!(expected.len(), 1, "{expected:?}");
        assert!(
            expected[0].message.contains("opened on line 5"),
            "{:?}",
            expected[0]
        );
        let (line, _) = crate::lines::line_column(LF, expected[0].span.start);
        assert_eq!(line, 6);
        for ending in ["\r\n", "\r"] {
            let src = LF.replace('\n', ending);
            let errors = crate::parse(&src).errors;
            assert_eq!(errors.len(), 1, "{ending:?}: {errors:?}");
            assert_eq!(errors[0].message, expected[0].message, "{ending:?}");
            assert_eq!(
                crate::lines::line_column(&src, errors[0].span.start).0,
                line,
                "{ending:?}"
            );
        }
    }
}
