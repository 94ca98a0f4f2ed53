//! Inline SVG charts for `smm report`: a radar of the practices' levels and horizontal bars of
//! levels against targets. Plain data in, a `String` out; no JavaScript, no external
//! references, colours from a `<style>` block scoped to the chart's id with presentation
//! attributes as fallbacks, and every caller's string XML-escaped. The output holds no blank
//! line, so it can be pasted into Markdown as an HTML block, and is byte-identical for the same
//! input.

use std::fmt::Write as _;

use crate::markup_escape::{self, Markup};

mod bars;
mod radar;

pub use bars::{bars, Bar};
pub use radar::{radar, Series, SeriesStyle};

/// The highest SMM comprehensiveness level: charts clamp anything above it.
pub const MAX_LEVEL: u8 = 4;

/// The text colour, and the grey of grids and scales.
const INK: &str = "#1a1a1a";
const GRID: &str = "#c8c8c8";
const MUTED: &str = "#666666";

/// `text` made safe for XML character data and attribute values: `& < > " '` become entities,
/// tabs and line breaks a space, and other control characters (and the non-characters
/// U+FFFE/U+FFFF, which XML forbids) are dropped.
pub fn escape(text: &str) -> String {
    markup_escape::escape(text, Markup::Svg)
}

/// A coordinate with at most one decimal, never `-0`, `NaN` or an exponent.
fn num(value: f64) -> String {
    let tenths = (value * 10.0).round();
    if !tenths.is_finite() || tenths == 0.0 {
        return "0".to_string();
    }
    let sign = if tenths < 0.0 { "-" } else { "" };
    // Charts are a few hundred units wide: far inside u64.
    let tenths = tenths.abs() as u64;
    match tenths % 10 {
        0 => format!("{sign}{}", tenths / 10),
        d => format!("{sign}{}.{d}", tenths / 10),
    }
}

/// A level clamped to the scale, as a number to place.
fn level(value: Option<u8>) -> f64 {
    f64::from(value.unwrap_or(0).min(MAX_LEVEL))
}

/// The chart's element id: `smm-KIND-SLUG-HASH`, from the title alone, so that two charts of
/// one page have distinct ids when their titles differ (the hash covers what the slug drops).
fn chart_id(kind: &str, title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if slug.len() >= 32 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // FNV-1a: stable across platforms and releases, unlike std's hasher.
    let hash = title.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    match slug.trim_end_matches('-') {
        "" => format!("smm-{kind}-{hash:08x}"),
        slug => format!("smm-{kind}-{slug}-{hash:08x}"),
    }
}

/// `text` in at most `max_lines` lines of at most `width` characters, broken at white space (a
/// longer word is cut); if it does not fit, the last line ends in an ellipsis.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let (width, max_lines) = (width.max(2), max_lines.max(1));
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut truncated = false;
    'words: for word in text.split_whitespace() {
        let mut word = word;
        loop {
            let used = line.chars().count();
            let len = word.chars().count();
            if used + usize::from(used > 0) + len <= width {
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(word);
                break;
            }
            if lines.len() + 1 == max_lines {
                if used == 0 {
                    line.extend(word.chars().take(width));
                }
                truncated = true;
                break 'words;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let cut = word
                .char_indices()
                .nth(width)
                .map_or(word.len(), |(i, _)| i);
            lines.push(word[..cut].to_string());
            word = &word[cut..];
        }
    }
    if truncated {
        if line.chars().count() >= width {
            // Make room for the ellipsis, at a word's end unless that loses half the line.
            let kept: String = line.chars().take(width - 1).collect();
            line = match kept.rfind(' ') {
                Some(space) if kept[..space].chars().count() >= width / 2 => {
                    kept[..space].to_string()
                }
                _ => kept,
            };
        }
        line = format!("{}…", line.trim_end());
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Opens the chart: the root `<svg>` with its accessible name and description first, then the
/// `<style>` block, each of whose `(selector, declarations)` rules is scoped to the chart's id
/// (an inline SVG's style sheet applies to the whole page). Returns the id.
fn open(
    out: &mut String,
    kind: &str,
    (title, description): (&str, &str),
    (width, height): (f64, f64),
    rules: &[(&str, String)],
) -> String {
    let id = chart_id(kind, title);
    let (w, h) = (num(width), num(height));
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"smm-chart smm-{kind}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {w} {h}\" \
         width=\"{w}\" height=\"{h}\" font-family=\"system-ui, sans-serif\" font-size=\"11\">"
    );
    let _ = writeln!(out, "<title id=\"{id}-title\">{}</title>", escape(title));
    let _ = writeln!(out, "<desc id=\"{id}-desc\">{}</desc>", escape(description));
    out.push_str("<style>\n");
    let _ = writeln!(
        out,
        "#{id}{{font-family:system-ui,sans-serif;font-size:11px}}"
    );
    let _ = writeln!(out, "#{id} text{{fill:{INK};stroke:none}}");
    for (selector, declarations) in rules {
        let _ = writeln!(out, "#{id} {selector}{{{declarations}}}");
    }
    out.push_str("</style>\n");
    id
}

#[cfg(test)]
pub(super) mod testing {
    //! What every chart must be, checked on the parsed output.

    /// The elements the charts emit; anything else in the output is an injection.
    pub(in crate::commands::report::svg) const ALLOWED: &[&str] = &[
        "svg", "title", "desc", "style", "g", "line", "circle", "polygon", "rect", "path", "text",
        "tspan",
    ];

    /// Parses `svg` and checks what every chart promises: well-formed XML, an `svg` root with
    /// `role="img"` named by its leading `<title>` and `<desc>`, only the elements in
    /// [`ALLOWED`], no event handler, link or `style` attribute, no script or image anywhere.
    pub(in crate::commands::report::svg) fn validate(
        svg: &str,
    ) -> Result<roxmltree::Document<'_>, String> {
        let lower = svg.to_ascii_lowercase();
        for banned in ["<img", "<script", "javascript:", "url(", "<!doctype", "<?"] {
            if lower.contains(banned) {
                return Err(format!("the output contains {banned:?}"));
            }
        }
        let doc = roxmltree::Document::parse(svg).map_err(|e| e.to_string())?;
        let root = doc.root_element();
        let ns = Some("http://www.w3.org/2000/svg");
        if root.tag_name().name() != "svg" || root.tag_name().namespace() != ns {
            return Err(format!("the root is {:?}", root.tag_name()));
        }
        if root.attribute("role") != Some("img") {
            return Err("the root has no role=\"img\"".to_string());
        }
        let id = root.attribute("id").ok_or("the root has no id")?;
        let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
        if root.attribute("aria-labelledby") != Some(&*format!("{title_id} {desc_id}")) {
            return Err("aria-labelledby does not name the title and desc".to_string());
        }
        let mut children = root.children().filter(|n| n.is_element());
        for (name, id) in [("title", &title_id), ("desc", &desc_id)] {
            match children.next() {
                Some(n) if n.has_tag_name(name) && n.attribute("id") == Some(id) => {}
                other => return Err(format!("expected <{name} id={id:?}>, found {other:?}")),
            }
        }
        for node in doc.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name();
            if name.namespace() != ns || !ALLOWED.contains(&name.name()) {
                return Err(format!("unexpected element {name:?}"));
            }
            for attribute in node.attributes() {
                let a = attribute.name().to_ascii_lowercase();
                if a.starts_with("on") || a.contains("href") || a == "style" {
                    return Err(format!("unexpected attribute {a} on {name:?}"));
                }
            }
        }
        Ok(doc)
    }

    /// Whether `node`'s `class` attribute lists `class`.
    pub(in crate::commands::report::svg) fn has_class(node: roxmltree::Node, class: &str) -> bool {
        node.attribute("class")
            .is_some_and(|classes| classes.split(' ').any(|c| c == class))
    }

    /// The text of `node`'s `<title>` child.
    pub(in crate::commands::report::svg) fn title_of<'a>(
        node: roxmltree::Node<'a, '_>,
    ) -> Option<&'a str> {
        node.children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|t| t.text())
    }

    /// Strings that break out of markup if anything is left unescaped.
    pub(in crate::commands::report::svg) const HOSTILE: &str =
        "</script><img src=x onerror=alert(1)> \"'&<> ]]> <!-- \u{0}\u{7}\u{1b}[31m";

    /// What [`HOSTILE`] reads as once escaped and parsed back: the same, less its control
    /// characters.
    pub(in crate::commands::report::svg) fn hostile_read_back() -> String {
        HOSTILE.chars().filter(|c| !c.is_control()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::validate;
    use super::*;

    #[test]
    fn escape_replaces_markup_and_drops_control_characters() {
        assert_eq!(escape(r#"a&b<c>d"e'f"#), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assert_eq!(escape("a\u{0}b\u{7}c\u{1b}d\u{7f}e\u{85}f"), "abcdef");
        assert_eq!(escape("a\tb\nc\r\nd"), "a b c  d");
        assert_eq!(escape("x\u{FFFE}\u{FFFF}y"), "xy");
        assert_eq!(
            escape("Zugriffskontrolle – 访问控制 ✓"),
            "Zugriffskontrolle – 访问控制 ✓"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn numbers_have_at_most_one_decimal_and_no_negative_zero() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (-0.04, "0"),
            (3.0, "3"),
            (2.96, "3"),
            (1.25, "1.3"),
            (-1.5, "-1.5"),
            (-0.5, "-0.5"),
            (320.04, "320"),
            (f64::NAN, "0"),
            (f64::INFINITY, "0"),
        ];
        for (value, text) in cases {
            assert_eq!(num(value), text, "{value}");
        }
    }

    #[test]
    fn ids_are_stable_safe_and_distinct_for_distinct_titles() {
        assert_eq!(chart_id("radar", "Plant 7"), chart_id("radar", "Plant 7"));
        assert!(chart_id("radar", "Plant 7").starts_with("smm-radar-plant-7-"));
        let titles = [
            "Plant 7 – current",
            "Plant 7 — current",
            "PLANT 7 current",
            "",
            "<&>",
        ];
        let ids: Vec<String> = titles.iter().map(|t| chart_id("bars", t)).collect();
        for (i, id) in ids.iter().enumerate() {
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                "{id}"
            );
            assert!(!ids[..i].contains(id), "{id} repeats");
        }
        assert_ne!(chart_id("radar", "x"), chart_id("bars", "x"));
        assert!(chart_id("radar", &"long title ".repeat(50)).len() < 60);
    }

    #[test]
    fn wrap_breaks_at_spaces_cuts_long_words_and_ellipsizes() {
        assert_eq!(wrap("Access Control", 18, 3), ["Access Control"]);
        assert_eq!(
            wrap("Remediation, Recovery and Continuity of Operations", 18, 3),
            ["Remediation,", "Recovery and", "Continuity of…"]
        );
        assert_eq!(wrap("abcdefghij", 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("abcdefghijklmn", 4, 3), ["abcd", "efgh", "ijk…"]);
        assert_eq!(wrap("one two three", 7, 1), ["one…"]);
        assert_eq!(wrap("a bcdefgh ij", 9, 1), ["a bcdefg…"]);
        assert_eq!(wrap("one twothree", 7, 1), ["one…"]);
        assert_eq!(wrap("abc defgh", 8, 1), ["abc…"]);
        assert_eq!(wrap("abcdefgh ij", 8, 1), ["abcdefg…"]);
        assert_eq!(wrap("  spaced \n out  ", 20, 2), ["spaced out"]);
        assert!(wrap("", 10, 2).is_empty());
        assert_eq!(wrap("ab", 0, 0), ["ab"]);
        for line in wrap(&"ü".repeat(100), 7, 2) {
            assert!(line.chars().count() <= 7);
        }
    }

    #[test]
    fn charts_of_one_page_have_distinct_ids() {
        let axes = ["Threat Modeling", "Access Control", "Patch Management"];
        let series = [Series {
            name: "current",
            values: vec![Some(1), Some(2), Some(3)],
            style: SeriesStyle::Current,
        }];
        let row = [Bar {
            label: "Governance",
            level: Some(1),
            target: None,
            emphasis: true,
        }];
        let page = [
            radar("Plant 7", "", &axes, &series),
            radar("Plant 8", "", &axes, &series),
            bars("Plant 7", "", &row),
            bars("", "", &row),
        ];
        let mut ids = Vec::new();
        for svg in &page {
            let doc = validate(svg).unwrap();
            ids.extend(
                doc.descendants()
                    .filter_map(|n| n.attribute("id"))
                    .map(str::to_string),
            );
        }
        assert_eq!(ids.len(), 3 * page.len());
        for (i, id) in ids.iter().enumerate() {
            assert!(!ids[..i].contains(id), "{id} repeats");
        }
    }

    #[test]
    fn the_validation_rejects_broken_and_hostile_documents() {
        let good = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"c\" role=\"img\" \
                    aria-labelledby=\"c-title c-desc\"><title id=\"c-title\">t</title>\
                    <desc id=\"c-desc\">d</desc><g/></svg>";
        assert!(validate(good).is_ok());
        let broken = [
            good.replace("<g/>", "<g>"),
            good.replace("</title>", ""),
            good.replace(">t<", ">a & b<"),
            good.replace("role=\"img\"", ""),
            good.replace("c-title c-desc", "c-title"),
            good.replace("<g/>", "<script>alert(1)</script>"),
            good.replace("<g/>", "<g><foreignObject/></g>"),
            good.replace("<g/>", "<g onload=\"alert(1)\"/>"),
            good.replace("<g/>", "<g style=\"fill:url(#x)\"/>"),
            good.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""),
            good.replace(
                "<title id=\"c-title\">t</title><desc id=\"c-desc\">d</desc>",
                "",
            ),
            "not xml at all".to_string(),
            String::new(),
        ];
        for svg in &broken {
            assert!(validate(svg).is_err(), "accepted {svg}");
        }
    }
}
