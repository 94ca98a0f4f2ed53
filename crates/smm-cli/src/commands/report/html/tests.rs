use super::*;

mod sample;
mod validate;

use sample::{meta, render, sample_page, Strings, HOSTILE, HOSTILE_ESCAPED};
use validate::{texts, validate};

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
