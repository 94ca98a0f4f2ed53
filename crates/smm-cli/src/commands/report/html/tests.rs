use std::cell::RefCell;
use std::path::PathBuf;

use super::*;
use crate::assessed::{Assessed, AssessedPractice, Evidence, Named, Rating, Target};
use crate::commands::report::page::{
    Baseline, ClauseLine, Coverage, EvidenceLine, FindingLine, Group, Step,
};
use crate::report::Waived;

/// Breaks out of markup if anything is left unescaped.
const HOSTILE: &str = "</script><img src=x onerror=alert(1)> \"'&<>";
/// [`HOSTILE`] as [`escape_html`] writes it.
const HOSTILE_ESCAPED: &str =
    "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;&#39;&amp;&lt;&gt;";

fn meta() -> Meta {
    Meta {
        tool: "smm 0.1.0".to_string(),
    }
}

/// Builds the sample's strings: each is given `extra` at its end, and those the page must show
/// are recorded.
struct Strings {
    extra: &'static str,
    shown: RefCell<Vec<String>>,
}

impl Strings {
    fn new(extra: &'static str) -> Strings {
        Strings {
            extra,
            shown: RefCell::new(Vec::new()),
        }
    }

    /// A string the page shows.
    fn s(&self, text: &str) -> String {
        let value = format!("{text}{}", self.extra);
        self.shown.borrow_mut().push(value.clone());
        value
    }

    /// A string the page need not show (it must not break the page either).
    fn x(&self, text: &str) -> String {
        format!("{text}{}", self.extra)
    }
}

#[allow(clippy::too_many_arguments)]
fn practice(
    t: &Strings,
    (id, title): (&str, &str),
    (domain, domain_title): (&str, &str),
    target: Option<(u8, &'static str)>,
    current: Option<(u8, &'static str)>,
    waived: bool,
    note: Option<&str>,
) -> AssessedPractice {
    let target = target.map(|(level, scope)| Target {
        level,
        scope,
        set_by: t.s("factory-baseline"),
        rationale: Some(t.x("Because the line is exposed")),
    });
    let current = current.map(|(level, scope)| Rating { level, scope });
    let (gap, met) = match (&target, current) {
        (Some(t), Some(c)) => (
            Some(t.level.saturating_sub(c.level)),
            Some(c.level >= t.level && c.scope >= t.scope),
        ),
        _ => (None, None),
    };
    AssessedPractice {
        id: t.s(id),
        title: t.s(title),
        domain: Named {
            id: t.x(domain),
            title: t.s(domain_title),
        },
        subdomain: Named {
            id: t.x("sub"),
            title: t.x("Subdomain"),
        },
        target,
        current,
        gap,
        met,
        waived: waived.then(|| Waived {
            reason: t.s("The new panels arrive in Q1"),
            owner: t.s("R. Okafor"),
            expires: t.s("2027-03-31"),
        }),
        missing: vec![t.x("iec62443-3-3:SR1.1")],
        implemented: vec![t.x("iso27002:5.1")],
        note: note.map(|n| t.s(n)),
        evidence: vec![Evidence {
            text: t.x("Inner evidence"),
            implements: vec![t.x("iso27002:5.1")],
            expires: None,
            link: Some(t.x("javascript:alert(1)")),
            stub: false,
        }],
    }
}

fn evidence_line(
    t: &Strings,
    text: &str,
    expires: Option<&str>,
    (expiry, days_left): (Expiry, Option<i64>),
    link: Option<&str>,
    stub: bool,
) -> EvidenceLine {
    EvidenceLine {
        practice: t.s("access-control"),
        practice_title: t.s("Access Control"),
        text: t.s(text),
        implements: vec![t.s("iec62443-3-3:SR2.1"), t.s("iso27002:5.15")],
        expires: expires.map(|e| t.s(e)),
        expiry,
        days_left,
        link: link.map(|l| t.s(l)),
        stub,
    }
}

/// Four practices in two domains: met, unmet and waived, unmet, not assessed; evidence in
/// every expiry state; a baseline when `baseline` says so; every string ending in `t.extra`.
fn sample_page(t: &Strings, baseline: bool) -> Page {
    let practices = vec![
        practice(
            t,
            ("security-program-management", "Security Program Management"),
            ("governance", "Governance"),
            Some((3, "industry")),
            Some((3, "industry")),
            false,
            None,
        ),
        practice(
            t,
            ("threat-modeling", "Threat Modeling"),
            ("governance", "Governance"),
            Some((2, "industry")),
            Some((1, "industry")),
            true,
            Some("Reviews are done for major projects only"),
        ),
        practice(
            t,
            ("access-control", "Access Control"),
            ("enablement", "Enablement"),
            Some((3, "system")),
            Some((3, "industry")),
            false,
            None,
        ),
        practice(
            t,
            ("monitoring", "Monitoring"),
            ("hardening", "Hardening"),
            Some((2, "industry")),
            None,
            false,
            None,
        ),
    ];
    let assessment = Assessed {
        id: t.s("line-4"),
        title: Some(t.s("Plant 7, packaging line 4")),
        path: t.s("examples/assessments/line-4.smm"),
        profile: Some(t.s("factory-baseline")),
        targets_known: true,
        role: Some("asset-owner"),
        date: Some(t.s("2026-11-10")),
        assessor: Some(t.s("R. Okafor, internal audit")),
        practices,
        summary: smm_check::Summary::default(),
        editions: smm_model::Editions::default(),
        file: PathBuf::from(t.x("/work/examples/assessments/line-4.smm")),
        span: smm_syntax::Span::default(),
        written: Default::default(),
    };
    let group = |kind, id: &str, title: &str, level, target, met, gap| Group {
        kind,
        id: t.x(id),
        title: t.s(title),
        targeted: 2,
        met,
        not_assessed: 0,
        level: Some(level),
        highest_target: Some(target),
        gap,
    };
    let clause = |id: &str, title: &str| ClauseLine {
        id: t.s(id),
        title: t.s(title),
    };
    Page {
        assessment,
        baseline: baseline.then(|| Baseline {
            label: t.s("HEAD~3:examples/assessments/line-4.smm"),
            date: Some(t.s("2025-11-10")),
            levels: vec![Some(2), Some(1), Some(4), Some(1)],
        }),
        as_of: Some(t.s("2026-11-10")),
        expiry_window: 30,
        groups: vec![
            group("domain", "governance", "Governance", 1, 3, 1, 1),
            group(
                "subdomain",
                "security-program",
                "Security Program",
                1,
                3,
                1,
                1,
            ),
            group("domain", "enablement", "Enablement", 3, 3, 0, 0),
        ],
        coverage: vec![
            Coverage {
                standard: t.s("iec62443-3-3"),
                title: t.s("Security for industrial automation and control systems"),
                implemented: 2,
                mapped: 3,
                missing: vec![clause(
                    "iec62443-3-3:SR1.1",
                    "Human user identification and authentication",
                )],
            },
            Coverage {
                standard: t.s("iso27002"),
                title: t.s("Information security controls"),
                implemented: 4,
                mapped: 4,
                missing: vec![],
            },
        ],
        roadmap: vec![
            Step {
                practice: t.s("monitoring"),
                title: t.s("Monitoring"),
                domain: t.s("Hardening"),
                current: 0,
                target: 2,
                gap: 2,
                next_level: 1,
                next_level_name: "Minimum",
                clauses: vec![clause("iec62443-3-3:SR6.2", "Continuous monitoring")],
                waived: false,
            },
            Step {
                practice: t.s("threat-modeling"),
                title: t.s("Threat Modeling"),
                domain: t.s("Governance"),
                current: 1,
                target: 2,
                gap: 1,
                next_level: 2,
                next_level_name: "Ad hoc",
                clauses: vec![],
                waived: true,
            },
        ],
        evidence: vec![
            evidence_line(
                t,
                "Plant security charter",
                None,
                (Expiry::None, None),
                None,
                false,
            ),
            evidence_line(
                t,
                "Internal audit plan",
                Some("2027-03-31"),
                (Expiry::Valid, Some(141)),
                Some("https://example.com/audit?a=1&b=2"),
                false,
            ),
            evidence_line(
                t,
                "Quarterly account review",
                Some("2026-11-30"),
                (Expiry::Expiring, Some(20)),
                Some("docs/hmi-account-review.md"),
                false,
            ),
            evidence_line(
                t,
                "Firewall rule review",
                Some("2026-10-01"),
                (Expiry::Expired, Some(-40)),
                Some("javascript:alert(1)"),
                false,
            ),
            evidence_line(
                t,
                "Penetration test",
                Some("2027-01-31"),
                (Expiry::Unjudged, None),
                None,
                true,
            ),
        ],
        findings: vec![
            FindingLine {
                severity: "warning",
                code: t.s("unmet-target"),
                message: t.s("threat-modeling is at level 1, below its target 2"),
                line: 12,
                column: 3,
                waived: Some(t.s("The new panels arrive in Q1")),
            },
            FindingLine {
                severity: "error",
                code: t.s("unknown-clause"),
                message: t.s("no clause SR9.9 in iec62443-3-3"),
                line: 20,
                column: 41,
                waived: None,
            },
        ],
        mappings: vec![MappingUsed {
            id: t.s("smm-project-core"),
            title: t.s("The smm project's mapping"),
            edition: Some(t.s("2")),
            source: Some(t.x("https://example.com/mapping")),
        }],
    }
}

fn render(extra: &'static str, baseline: bool) -> (String, Vec<String>) {
    let t = Strings::new(extra);
    let page = sample_page(&t, baseline);
    (super::page(&page, &meta()), t.shown.into_inner())
}

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
fn validate(html: &str) -> Result<roxmltree::Document<'_>, String> {
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
fn texts<'a>(doc: &'a roxmltree::Document) -> Vec<&'a str> {
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

#[test]
fn page_has_every_section_in_order_and_no_script() {
    let (html, _) = render("", false);
    let doc = validate(&html).unwrap();
    assert!(html.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
        CSP.replace('\'', "&#39;")
    )));
    assert!(html.contains("<meta charset=\"utf-8\" />"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("@media print"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    let headings: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("h1") || n.has_tag_name("h2"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        headings,
        [
            "Plant 7, packaging line 4",
            "Practices at a glance",
            "Gap table",
            "Clause coverage",
            "Roadmap",
            "Evidence",
            "Findings",
        ]
    );
    for text in [
        "1 of 4 targets met",
        "1 practice with a target not assessed",
        "class=\"smm-chart smm-radar\"",
        "class=\"smm-chart smm-bars\"",
        "✓ Met",
        "✗ Not met (waived)",
        "✗ Not met: level reached, but in a less specific scope",
        "○ Not assessed",
        "Waived: The new panels arrive in Q1",
        "<td class=\"num\">2 of 3</td>",
        "1 clause without evidence",
        "67 %",
        "100 %",
        "<code>iec62443-3-3:SR1.1</code> Human user identification and authentication",
        "0 None → 1 Minimum",
        "<span class=\"tag\">Waived</span>",
        "No mapped clauses for this role at that level.",
        "Valid: 141 days left",
        "⚠ Expiring in 20 days",
        "✗ Expired 40 days ago",
        "? Not judged: no date to judge expiry on",
        "<span class=\"tag\">Stub</span>",
        "<tr class=\"expired\">",
        "<tr class=\"expiring\">",
        "<a href=\"https://example.com/audit?a=1&amp;b=2\" rel=\"noopener noreferrer\">",
        "<code>docs/hmi-account-review.md</code>",
        "<code>javascript:alert(1)</code>",
        "<td class=\"num\">12:3</td>",
        "Waived: The new panels arrive in Q1</td>",
        "smm-project-core, edition 2 (The smm project&#39;s mapping)",
        "is the smm project's own; it is not a mapping published by the IIC or ISA",
        "Made by smm 0.1.0.",
    ] {
        assert!(html.contains(text), "no {text:?} in the page");
    }
    assert_eq!(html.matches("class=\"series series-").count(), 2);
}

#[test]
fn a_baseline_adds_a_series_and_two_columns() {
    let (without, _) = render("", false);
    let (with, _) = render("", true);
    assert!(!without.contains(">Baseline</th>"));
    assert!(!without.contains(">Change</th>"));
    assert!(with.contains("<th scope=\"col\">Baseline</th><th scope=\"col\">Change</th>"));
    assert_eq!(with.matches("class=\"series series-").count(), 3);
    for change in ["↑ up 1", "= same", "↓ down 1", "no longer assessed"] {
        assert!(with.contains(change), "no {change:?}");
    }
    assert!(with.contains("colspan=\"9\""));
    assert!(without.contains("colspan=\"7\""));
    assert!(with.contains("<code>HEAD~3:examples/assessments/line-4.smm</code>, dated 2025-11-10"));
}

#[test]
fn hostile_strings_stay_text_in_every_field() {
    let (html, shown) = render(HOSTILE, true);
    assert!(!html.contains("<img"), "a hostile string became markup");
    assert!(!html.contains("<script"));
    assert!(!html.contains("href=\"javascript"));
    let doc = validate(&html).unwrap();
    assert!(doc.descendants().all(|n| !n.has_tag_name("img")));
    assert!(doc.descendants().all(|n| n.attribute("onerror").is_none()));
    assert!(html.matches(HOSTILE_ESCAPED).count() >= shown.len());
    // Each field reaches the page, as text: escaped in the markup, itself once parsed.
    let texts = texts(&doc);
    for value in &shown {
        assert!(
            texts.iter().any(|t| t.contains(value.as_str())),
            "{value:?} is not on the page as text"
        );
    }
    // The evidence links: none is an active link but the https one.
    let hrefs: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert_eq!(
        hrefs,
        [format!("https://example.com/audit?a=1&b=2{HOSTILE}")]
    );
}

#[test]
fn unknown_targets_are_said_plainly() {
    let t = Strings::new("");
    let mut page = sample_page(&t, false);
    page.assessment.targets_known = false;
    page.assessment.profile = Some("factory-basline".to_string());
    for p in &mut page.assessment.practices {
        (p.target, p.gap, p.met) = (None, None, None);
    }
    (page.groups, page.coverage, page.roadmap) = (vec![], vec![], vec![]);
    let html = super::page(&page, &meta());
    validate(&html).unwrap();
    assert!(
        html.contains("Because the profile factory-basline was not found, no targets are known")
    );
    assert!(html.contains("– Target unknown"));
    assert!(html.contains("No practice has a target."));
    assert!(html.contains("No next steps"));
    page.assessment.profile = None;
    let html = super::page(&page, &meta());
    assert!(html.contains("Because the assessment names no profile, no targets are known"));
}

#[test]
fn empty_lists_are_said_plainly() {
    let t = Strings::new("");
    let mut page = sample_page(&t, false);
    (page.evidence, page.findings, page.mappings, page.as_of) = (vec![], vec![], vec![], None);
    let html = super::page(&page, &meta());
    validate(&html).unwrap();
    assert!(html.contains("No findings"));
    assert!(html.contains("The assessment gives no evidence."));
    assert!(html.contains("Mappings used: none."));
    assert!(html.contains("so expiry dates are not judged"));
}

#[test]
fn the_index_links_every_page_and_escapes_them() {
    let t = Strings::new(HOSTILE);
    let first = sample_page(&t, false);
    let mut second = sample_page(&t, false);
    second.assessment.targets_known = false;
    second.assessment.title = None;
    let entries = [
        IndexEntry {
            page: &first,
            href: format!("line-4{HOSTILE}.html"),
        },
        IndexEntry {
            page: &second,
            href: "b.html".to_string(),
        },
    ];
    let html = index(&entries, &meta());
    assert!(!html.contains("<img"));
    let doc = validate(&html).unwrap();
    let links: Vec<(&str, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .map(|n| {
            let text = n
                .descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect();
            (n.attribute("href").unwrap(), text)
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                &*format!("line-4{HOSTILE}.html"),
                format!("Plant 7, packaging line 4{HOSTILE}")
            ),
            ("b.html", format!("line-4{HOSTILE}")),
        ]
    );
    assert!(html
        .contains("<td class=\"num\">1 of 4</td><td class=\"num\">2</td><td class=\"num\">3</td>"));
    assert!(html.contains("No targets known: profile not found"));
    assert!(html.contains("<td class=\"num\">1</td></tr>"));
    // The mappings of both pages, once.
    assert_eq!(html.matches("Mappings used: smm-project-core").count(), 1);
    assert!(html.contains("is the smm project's own"));
}

#[test]
fn the_same_page_gives_the_same_bytes() {
    assert_eq!(render("", true).0, render("", true).0);
}

/// The sample page with each chart cut down to its opening tag (the charts have their own
/// snapshots).
#[test]
fn sample_page_snapshot() {
    let mut html = render("", true).0;
    while let Some(start) = html.find("<svg ") {
        let open = start + html[start..].find('>').unwrap();
        let end = start + html[start..].find("</svg>\n").unwrap() + "</svg>\n".len();
        let tag = html[start..open].replacen("<svg ", "<chart ", 1);
        html.replace_range(start..end, &format!("{tag}>…</chart>\n"));
    }
    insta::assert_snapshot!(html);
}
