//! What every page promises, checked on its text and parsed as XML.

use super::sample::{render, HOSTILE, HOSTILE_ESCAPED};
use super::*;

/// The HTML elements the pages use.
const HTML_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "nav",
    "section",
    "h1",
    "h2",
    "h3",
    "p",
    "dl",
    "dt",
    "dd",
    "ul",
    "li",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "strong",
    "code",
    "details",
    "summary",
];
/// And the SVG elements the charts use.
const SVG_ELEMENTS: &[&str] = &[
    "svg", "title", "desc", "style", "g", "line", "circle", "polygon", "rect", "path", "text",
    "tspan",
];

/// Checks what every page promises, on its text and parsed as XML (the pages are well-formed
/// XML, which proves every tag closed): the doctype and `lang`, the CSP meta tag in the head,
/// only the elements the renderer writes, no script or image, no event handler or `style`
/// attribute, links only to the page itself or to `http(s)` with `rel="noopener noreferrer"`,
/// unique ids that every ARIA reference names, one `h1` and no skipped heading level, a scope
/// on every table header.
pub(super) fn validate(html: &str) -> Result<roxmltree::Document<'_>, String> {
    if !html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n") {
        return Err("no doctype or lang".to_string());
    }
    let lower = html.to_ascii_lowercase();
    for banned in [
        "<script", "<img", "<iframe", "<object", "<embed", "<link", "<base", "<form", "url(",
        "@import",
    ] {
        if lower.contains(banned) {
            return Err(format!("the page contains {banned:?}"));
        }
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(html, options).map_err(|e| e.to_string())?;
    let svg = Some("http://www.w3.org/2000/svg");
    let mut ids = Vec::new();
    let mut references = Vec::new();
    let mut headings = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name();
        let allowed = match tag.namespace() {
            None => HTML_ELEMENTS.contains(&tag.name()),
            ns if ns == svg => SVG_ELEMENTS.contains(&tag.name()),
            _ => false,
        };
        if !allowed {
            return Err(format!("unexpected element {tag:?}"));
        }
        for attribute in node.attributes() {
            let name = attribute.name().to_ascii_lowercase();
            if name.starts_with("on") || name == "style" || name == "src" {
                return Err(format!("attribute {name} on {tag:?}"));
            }
            match name.as_str() {
                "id" => {
                    if ids.contains(&attribute.value()) {
                        return Err(format!("id {} repeats", attribute.value()));
                    }
                    ids.push(attribute.value());
                }
                "aria-labelledby" | "aria-describedby" => {
                    references.extend(attribute.value().split(' '));
                }
                "href" => {
                    let href = attribute.value();
                    let web = href.starts_with("https://") || href.starts_with("http://");
                    if web && node.attribute("rel") != Some("noopener noreferrer") {
                        return Err(format!("link {href} without rel"));
                    }
                    if !web && !href.starts_with('#') && !href.ends_with(".html") {
                        return Err(format!("link to {href}"));
                    }
                }
                _ => {}
            }
        }
        if tag.namespace().is_none() {
            if let Some(level) = tag
                .name()
                .strip_prefix('h')
                .and_then(|n| n.parse::<u8>().ok())
            {
                headings.push(level);
            }
            if tag.name() == "th" && node.attribute("scope").is_none() {
                return Err("a table header without scope".to_string());
            }
        }
    }
    if let Some(missing) = references.iter().find(|r| !ids.contains(r)) {
        return Err(format!("ARIA reference to missing id {missing}"));
    }
    if headings.first() != Some(&1) || headings.iter().filter(|&&h| h == 1).count() != 1 {
        return Err(format!("not one h1 first: {headings:?}"));
    }
    if headings.windows(2).any(|w| w[1] > w[0] + 1) {
        return Err(format!("a heading level skipped: {headings:?}"));
    }
    let head = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("head"))
        .ok_or("no head")?;
    let csp: Vec<_> = head
        .children()
        .filter(|n| n.attribute("http-equiv") == Some("Content-Security-Policy"))
        .collect();
    if csp.len() != 1 || csp[0].attribute("content") != Some(CSP) {
        return Err("no CSP meta tag in the head".to_string());
    }
    Ok(doc)
}

/// The text of every text node.
pub(super) fn texts<'a>(doc: &'a roxmltree::Document) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn escape_html_replaces_markup_and_drops_control_characters() {
    assert_eq!(
        escape_html(r#"a&b<c>d"e'f"#),
        "a&amp;b&lt;c&gt;d&quot;e&#39;f"
    );
    assert_eq!(escape_html(HOSTILE), HOSTILE_ESCAPED);
    assert_eq!(escape_html("a\u{0}b\u{7}c\u{1b}d\u{7f}e\u{85}f"), "abcdef");
    assert_eq!(escape_html("a\tb\nc\r\nd"), "a\tb\nc\n\nd");
    assert_eq!(escape_html("x\u{FFFE}\u{FFFF}y"), "xy");
    assert_eq!(escape_html("Zugriff – 访问 ✓ ß"), "Zugriff – 访问 ✓ ß");
    assert_eq!(escape_html("&amp;"), "&amp;amp;");
}

#[test]
fn the_validation_rejects_broken_and_hostile_pages() {
    let (good, _) = render("", true);
    assert_eq!(validate(&good).err(), None);
    let broken = [
        good.replacen("</table>", "", 1),
        good.replacen("<p>", "<p><script>alert(1)</script>", 1),
        good.replacen("<p>", "<p><img src=x />", 1),
        good.replacen("<p>", "<p onclick=\"alert(1)\">", 1),
        good.replacen("<p>", "<p style=\"color:red\">", 1),
        good.replacen("<p>", "<p><a href=\"evil.js\">x</a>", 1),
        good.replacen("<p>", "<p><a href=\"https://example.com\">x</a>", 1),
        good.replacen("<h2 ", "<h3 ", 1),
        good.replacen("<h1>", "<h2>", 1)
            .replacen("</h1>", "</h2>", 1),
        good.replacen(" scope=\"col\"", "", 1),
        good.replacen("id=\"gaps-caption\"", "", 1),
        good.replacen("id=\"evidence-h\"", "id=\"gaps-h\"", 1),
        good.replacen("Content-Security-Policy", "X-Nothing", 1),
        good.replacen("<html lang=\"en\">", "<html>", 1),
        good.replacen("<code>", "<code>a & b", 1),
        good.replacen("<p>", "<p><marquee>x</marquee>", 1),
    ];
    for (i, page) in broken.iter().enumerate() {
        assert!(validate(page).is_err(), "broken page {i} accepted");
    }
}
