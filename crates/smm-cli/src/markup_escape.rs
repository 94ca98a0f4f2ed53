//! Text made safe for the markup `smm` writes: `& < > " '` always become references; what line
//! breaks and the characters a format cannot hold become is each format's own choice.

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// HTML text and quoted attribute values: tabs and line feeds kept, a carriage return a
    /// line feed, other control characters (which HTML forbids) and U+FFFE/U+FFFF dropped.
    Html,
    /// SVG text and attributes, on one line: tabs and line breaks a space, other control
    /// characters and U+FFFE/U+FFFF dropped.
    Svg,
    /// JUnit XML, every character kept in some form so that any message makes a well-formed
    /// document: tabs and line feeds as references, and what XML 1.0 cannot hold (C0 controls,
    /// U+FFFE/U+FFFF) replaced by U+FFFD.
    JUnit,
}

pub fn escape(text: &str, markup: Markup) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match (c, markup) {
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('"', _) => out.push_str("&quot;"),
            ('\'', Markup::JUnit) => out.push_str("&apos;"),
            ('\'', _) => out.push_str("&#39;"),
            ('\t' | '\n', Markup::Html) => out.push(c),
            ('\r', Markup::Html) => out.push('\n'),
            ('\t' | '\n' | '\r', Markup::Svg) => out.push(' '),
            ('\t', Markup::JUnit) => out.push_str("&#9;"),
            ('\n', Markup::JUnit) => out.push_str("&#10;"),
            ('\u{FFFE}' | '\u{FFFF}', Markup::JUnit) => out.push('\u{FFFD}'),
            (c, Markup::JUnit) if c < ' ' => out.push('\u{FFFD}'),
            ('\u{FFFE}' | '\u{FFFF}', _) => {}
            (c, Markup::Html | Markup::Svg) if c.is_control() => {}
            (c, _) => out.push(c),
        }
    }
    out
}
