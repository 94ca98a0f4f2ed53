//! Markdown written safely: text from the files made inert, relative links percent-encoded,
//! GFM tables, and the page's final tidying.

use smm_syntax::visible;

#[derive(Clone, Copy)]
pub(super) enum Align {
    Left,
    Right,
}

/// A GFM table; an empty cell stays empty. Cells are Markdown already escaped.
pub(super) fn table(
    out: &mut String,
    columns: &[(&str, Align)],
    rows: impl IntoIterator<Item = Vec<String>>,
) {
    let mut head = String::from("|");
    let mut rule = String::from("|");
    for (name, align) in columns {
        head.push_str(&format!(" {name} |"));
        rule.push_str(match align {
            Align::Left => "---|",
            Align::Right => "---:|",
        });
    }
    out.push_str(&head);
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    for row in rows {
        out.push('|');
        for cell in row {
            if cell.is_empty() {
                out.push_str(" |");
            } else {
                out.push_str(&format!(" {cell} |"));
            }
        }
        out.push('\n');
    }
}

/// `text` escaped, then its `tag` in italics and brackets when it has one: `Backups *(stub)*`.
pub(super) fn tagged(text: &str, tag: Option<&str>) -> String {
    match tag {
        Some(tag) => format!("{} *({tag})*", escape(text)),
        None => escape(text),
    }
}

/// The cells' `items` joined by `separator`; `none` when there are none.
pub(super) fn joined(items: impl Iterator<Item = String>, separator: &str, none: &str) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        none.to_string()
    } else {
        items.join(separator)
    }
}

/// `1 day`, `3 days`.
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// No trailing spaces, exactly one final newline.
pub(super) fn finish(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.trim_end().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Text from the files made inert: plain text in Markdown (CommonMark and GitHub's extensions)
/// and in the HTML renderers allow, wherever the page puts it (a paragraph, a list item, a
/// table cell, a heading, emphasis, link text or inline `<code>`), but never inside an HTML
/// block, where backslashes are not escapes.
///
/// - Line breaks and tabs become spaces and the ends are trimmed, so the text stays on its line
///   and never ends in a hard break; characters that reorder or hide text are shown as escapes
///   ([`visible`]).
/// - `< > &` become entities: no tag, comment, autolink or entity of the text's own.
/// - ``\ ` * _ ~ [ ] ( ) { } # ! | $ : . @`` are backslash-escaped: no code span, emphasis,
///   strikethrough, link, image, footnote, table cell, math or heading (and nothing for
///   attribute syntaxes); the escaped `:` and `.` stop bare URLs (`http://`, `www.`) from
///   becoming links.
/// - `@` and `#` are followed by `<wbr>` (an allowed tag that shows nothing): neither an
///   e-mail address nor, on GitHub, a mention or an issue reference is linked.
/// - `-` and `+` are escaped at the start, where they could open a list or a rule.
pub(crate) fn escape(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let shown = visible(flat.trim());
    let mut out = String::with_capacity(shown.len() + 8);
    for (i, c) in shown.chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // A break after them, invisible and not copied: GitHub's cmark links
            // `a\@b\.org` as an e-mail address, and links `@name` and `#12` as a mention and an
            // issue reference, when the text around them is one run.
            '@' | '#' => {
                out.push('\\');
                out.push(c);
                out.push_str("<wbr>");
            }
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '(' | ')' | '{' | '}' | '!' | '|' | '$'
            | ':' | '.' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A relative link's destination made from a `/`-separated path: every byte but the
/// unreserved ones and `/` percent-encoded, so no scheme (`javascript:`), space, parenthesis or
/// angle bracket survives; a leading `/` gets `./` before it so that `//host` stays a path.
pub(super) fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push('.');
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
