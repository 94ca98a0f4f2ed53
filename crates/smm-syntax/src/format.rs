//! The canonical layout. The formatter only decides the whitespace between tokens and how a
//! line break is written (the file's own style, `LineEnding`), so every token, comment and
//! literal comes out as it went in, but for the breaks inside a block comment, which take
//! that style too: a file never mixes styles once formatted.

use std::collections::HashSet;

use crate::line_ending::LineEnding;
use crate::token::{Token, TokenKind};
use crate::Diagnostic;

const INDENT: &str = "  ";

/// Formats a file, or returns its syntax errors: a broken file is never rewritten.
pub fn format(src: &str) -> Result<String, Vec<Diagnostic>> {
    let parse = crate::parse(src);
    if !parse.errors.is_empty() {
        return Err(parse.errors);
    }
    let starts: HashSet<usize> = parse.file.statement_starts().into_iter().collect();
    let laid_out = layout(src, &parse.tokens, &starts, LineEnding::of(src));
    // A byte order mark (Windows editors write one) is the user's: keep it, at the start only.
    Ok(match src.starts_with(BOM) {
        true => format!("{BOM}{laid_out}"),
        false => laid_out,
    })
}

const BOM: char = '\u{feff}';

fn layout(src: &str, tokens: &[Token], starts: &HashSet<usize>, ending: LineEnding) -> String {
    let continues = continuation_flags(tokens, starts);
    let mut out = String::with_capacity(src.len());
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        if token.kind == TokenKind::RBrace {
            depth = depth.saturating_sub(1);
        }
        if let Some(previous) = i.checked_sub(1).map(|p| tokens[p]) {
            let gap = &src[previous.span.end..token.span.start];
            let newlines = crate::lines::count_breaks(gap);
            if breaks_line(previous, *token, newlines, starts) {
                let blank = match (previous.kind, token.kind) {
                    (TokenKind::LBrace, _) | (_, TokenKind::RBrace) => false,
                    (TokenKind::RBrace, _) if depth == 0 => true,
                    _ => newlines >= 2,
                };
                out.push_str(ending.as_str());
                if blank {
                    out.push_str(ending.as_str());
                }
                let level = depth + usize::from(continues[i]);
                out.extend(std::iter::repeat_n(INDENT, level));
            } else {
                out.push(' ');
            }
        }
        // Only a block comment can hold a break, but no token may keep one of another style.
        ending.push_text(&mut out, &src[token.span.range()]);
        if token.kind == TokenKind::LBrace {
            depth += 1;
        }
    }
    if !tokens.is_empty() {
        out.push_str(ending.as_str());
    }
    out
}

fn breaks_line(previous: Token, token: Token, newlines: usize, starts: &HashSet<usize>) -> bool {
    if token.kind == TokenKind::LineComment && newlines == 0 {
        // A trailing comment stays at the end of its line.
        return false;
    }
    previous.kind == TokenKind::LineComment
        || matches!(previous.kind, TokenKind::LBrace | TokenKind::RBrace)
        || token.kind == TokenKind::RBrace
        || starts.contains(&token.span.start)
        || (token.kind.is_comment() || previous.kind.is_comment()) && newlines > 0
}

/// Whether a line starting with this token continues a statement (and is indented one more
/// level): true for anything but statement starts and `}`. A comment takes the flag of the
/// next non-comment token, so a comment above a statement lines up with it.
fn continuation_flags(tokens: &[Token], starts: &HashSet<usize>) -> Vec<bool> {
    let mut flags = vec![false; tokens.len()];
    let mut next_continues = false;
    for (i, token) in tokens.iter().enumerate().rev() {
        if token.kind.is_comment() {
            flags[i] = next_continues;
        } else {
            next_continues = token.kind != TokenKind::RBrace && !starts.contains(&token.span.start);
            flags[i] = next_continues;
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn lays_out_a_messy_file() {
        let src = "profile p \"T\" {   industry x\n\n\n  target a level 1 scope system { rationale \"r\" } // why\n}\nassessment a{profile p\n practice a level 1}";
        let expected = "profile p \"T\" {\n  industry x\n\n  target a level 1 scope system {\n    rationale \"r\"\n  } // why\n}\n\nassessment a {\n  profile p\n  practice a level 1\n}\n";
        assert_eq!(format(src).unwrap(), expected);
        assert_eq!(format(expected).unwrap(), expected);
    }

    #[test]
    fn keeps_comments_in_place() {
        let src = "// head\n\nprofile p { // open\n  // above\n  target a level 1 /* inline */ scope system\n  evidence-free-comment-end // t\n}\n";
        // The stray word makes this a syntax error: the file must be left alone.
        assert!(format(src).is_err());
        let src = "// head\n\nprofile p { // open\n  // above\n  target a /* inline */ level 1 // t\n    scope system\n}\n";
        let formatted = format(src).unwrap();
        assert_eq!(formatted, src);
    }

    /// `\r\n` and a lone `\r` are line breaks like `\n`, each counted once: the same file
    /// with any of them formats to the same text, blank lines kept, its breaks in the style
    /// of the first (CRLF, or else LF).
    #[test]
    fn every_line_break_formats_alike() {
        let lf = "// head\n\nprofile p \"T\" {   industry x // why\n\n\n  target a level 1\n  // above\n  target b level 1\n}\nassessment a{profile p\n practice a level 1}";
        let expected = format(lf).unwrap();
        assert!(expected.contains("x // why\n\n  target a"), "{expected}");
        for (ending, written) in [("\r\n", "\r\n"), ("\r", "\n")] {
            let src = lf.replace('\n', ending);
            let once = format(&src).unwrap();
            assert_eq!(once, expected.replace('\n', written), "{ending:?}");
        }
        let mixed = "profile p {\r\n  industry x\r\r  target a level 1\n\r}\r";
        assert_eq!(
            format(mixed).unwrap(),
            "profile p {\r\n  industry x\r\n\r\n  target a level 1\r\n}\r\n"
        );
        assert_eq!(format("profile p {}").unwrap(), "profile p {\n}\n");
    }

    #[test]
    fn a_byte_order_mark_is_kept_at_the_start() {
        let src = "\u{feff}profile p {   industry x }\r\n";
        let formatted = format(src).unwrap();
        assert_eq!(formatted, "\u{feff}profile p {\r\n  industry x\r\n}\r\n");
        assert_eq!(format(&formatted).unwrap(), formatted);
        assert_eq!(format("profile p {}\n").unwrap(), "profile p {\n}\n");
    }
}
