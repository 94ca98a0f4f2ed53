use std::path::PathBuf;

use smm_check::{GroupSummary, StandardCoverage, Summary};
use smm_model::Editions;

use super::super::page::{Baseline, Coverage, Group};
use super::*;
use crate::assessed::{Assessed, Evidence, Named};
use crate::report::Waived;

fn meta() -> Meta {
    Meta {
        tool: "smm 0.1.0".to_string(),
    }
}

fn named(id: &str, title: &str) -> Named {
    Named {
        id: id.to_string(),
        title: title.to_string(),
    }
}

fn target(level: u8, scope: &'static str) -> Option<Target> {
    Some(Target {
        level,
        scope,
        set_by: "factory-baseline".to_string(),
        rationale: Some("Line 4 runs unattended at night".to_string()),
    })
}

fn rated(level: u8, scope: &'static str) -> Option<Rating> {
    Some(Rating { level, scope })
}

fn evidence(text: &str, implements: &[&str], expires: Option<&str>) -> Evidence {
    Evidence {
        text: text.to_string(),
        implements: implements.iter().map(|s| s.to_string()).collect(),
        expires: expires.map(str::to_string),
        link: None,
        stub: false,
    }
}

fn clause(id: &str, title: &str) -> ClauseLine {
    ClauseLine {
        id: id.to_string(),
        title: title.to_string(),
    }
}

fn line(
    practice: &AssessedPractice,
    e: &Evidence,
    expiry: Expiry,
    days_left: Option<i64>,
) -> EvidenceLine {
    EvidenceLine::new(practice, e, expiry, days_left)
}

/// Four practices over two domains: one met, one below target under a waiver, one not
/// assessed, one without target; a baseline; evidence in each state of expiry; two findings.
fn sample_page() -> Page {
    let governance = named("governance", "Governance");
    let enablement = named("enablement", "Enablement");
    let mut program = AssessedPractice {
        id: "security-program-management".to_string(),
        title: "Security Program Management".to_string(),
        domain: governance.clone(),
        subdomain: named("strategy-and-governance", "Strategy and Governance"),
        target: target(3, "industry"),
        current: rated(3, "industry"),
        gap: Some(0),
        met: Some(true),
        waived: None,
        missing: vec![],
        implemented: vec!["iec62443-2-1:ORG1.1".to_string()],
        note: None,
        evidence: vec![
            Evidence {
                link: Some("docs/security-program.md".to_string()),
                ..evidence(
                    "Security program charter, signed by the plant manager",
                    &["iec62443-2-1:ORG1.1", "iso27001:5.1"],
                    Some("2027-03-31"),
                )
            },
            evidence("Security roles named in the org chart", &[], None),
        ],
    };
    program.implemented.push("iso27001:5.1".to_string());
    let threats = AssessedPractice {
        id: "threat-modeling".to_string(),
        title: "Threat Modeling".to_string(),
        domain: governance,
        subdomain: named("threat-modeling-subdomain", "Threat Modeling"),
        target: target(3, "general"),
        current: rated(1, "general"),
        gap: Some(2),
        met: Some(false),
        waived: Some(Waived {
            reason: "Threat model waits for the 2026 line redesign".to_string(),
            owner: "M. Weber".to_string(),
            expires: "2026-12-31".to_string(),
        }),
        missing: vec![
            "iec62443-2-1:ORG2.1".to_string(),
            "iec62443-3-2:ZCR 2".to_string(),
        ],
        implemented: vec![],
        note: Some("Only the cell controllers are modelled".to_string()),
        evidence: vec![
            evidence(
                "Threat list of the cell controllers",
                &["iec62443-3-2:ZCR 3"],
                Some("2026-05-01"),
            ),
            Evidence {
                stub: true,
                ..evidence("Threat model of the whole line", &[], Some("2026-05-30"))
            },
        ],
    };
    let access = AssessedPractice {
        id: "access-control".to_string(),
        title: "Access Control".to_string(),
        domain: enablement.clone(),
        subdomain: named(
            "identity-and-access-management",
            "Identity and Access Management",
        ),
        target: target(2, "general"),
        current: None,
        gap: None,
        met: None,
        waived: None,
        missing: vec!["iec62443-2-1:USER1.1".to_string()],
        implemented: vec![],
        note: None,
        evidence: vec![],
    };
    let physical = AssessedPractice {
        id: "physical-protection".to_string(),
        title: "Physical Protection".to_string(),
        domain: enablement,
        subdomain: named("asset-management", "Asset Management"),
        target: None,
        current: rated(2, "system"),
        gap: None,
        met: None,
        waived: None,
        missing: vec![],
        implemented: vec![],
        note: None,
        evidence: vec![evidence(
            "Badge readers on the hall doors",
            &["iso27002:7.2"],
            Some("2026-02-30"),
        )],
    };
    let evidence_lines = vec![
        line(&program, &program.evidence[0], Expiry::Valid, Some(323)),
        line(&program, &program.evidence[1], Expiry::None, None),
        line(&threats, &threats.evidence[0], Expiry::Expired, Some(-11)),
        line(&threats, &threats.evidence[1], Expiry::Expiring, Some(18)),
        line(&physical, &physical.evidence[0], Expiry::Unjudged, None),
    ];
    let group = |kind,
                 id: &str,
                 title: &str,
                 targeted,
                 met,
                 not_assessed,
                 level: Option<u8>,
                 highest: u8,
                 gap| Group {
        kind,
        id: id.to_string(),
        title: title.to_string(),
        targeted,
        met,
        not_assessed,
        level,
        highest_target: Some(highest),
        gap,
    };
    let groups = vec![
        group("domain", "governance", "Governance", 2, 1, 0, Some(1), 3, 2),
        group(
            "subdomain",
            "strategy-and-governance",
            "Strategy and Governance",
            1,
            1,
            0,
            Some(3),
            3,
            0,
        ),
        group(
            "subdomain",
            "threat-modeling-subdomain",
            "Threat Modeling",
            1,
            0,
            0,
            Some(1),
            3,
            2,
        ),
        group("domain", "enablement", "Enablement", 1, 0, 1, Some(0), 2, 2),
        group(
            "subdomain",
            "identity-and-access-management",
            "Identity and Access Management",
            1,
            0,
            1,
            Some(0),
            2,
            2,
        ),
    ];
    let summary = Summary {
        targeted: 3,
        met: 1,
        groups: groups
            .iter()
            .map(|g| GroupSummary {
                kind: g.kind,
                id: g.id.clone(),
                title: g.title.clone(),
                targeted: g.targeted,
                met: g.met,
                not_assessed: g.not_assessed,
                level: g.level.and_then(|l| Level::from_number(i64::from(l))),
                gap: g.gap,
            })
            .collect(),
        standards: vec![
            StandardCoverage {
                standard: "iec62443-2-1".to_string(),
                implemented: 1,
                mapped: 3,
            },
            StandardCoverage {
                standard: "iso27001".to_string(),
                implemented: 1,
                mapped: 1,
            },
        ],
    };
    let coverage = vec![
        Coverage {
            standard: "iec62443-2-1".to_string(),
            title: "Security program requirements for IACS asset owners".to_string(),
            implemented: 1,
            mapped: 3,
            missing: vec![
                clause("iec62443-2-1:ORG2.1", "Risk management"),
                clause("iec62443-2-1:USER1.1", "Identification and authentication"),
            ],
        },
        Coverage {
            standard: "iso27001".to_string(),
            title: "Information security management systems".to_string(),
            implemented: 1,
            mapped: 1,
            missing: vec![],
        },
    ];
    let roadmap = vec![
        Step {
            practice: threats.id.clone(),
            title: threats.title.clone(),
            domain: "Governance".to_string(),
            current: 1,
            target: 3,
            gap: 2,
            next_level: 2,
            next_level_name: "Ad hoc",
            clauses: vec![
                clause("iec62443-2-1:ORG2.1", "Risk management"),
                clause(
                    "iec62443-3-2:ZCR 2",
                    "Initial cybersecurity risk assessment",
                ),
            ],
            waived: true,
        },
        Step {
            practice: access.id.clone(),
            title: access.title.clone(),
            domain: "Enablement".to_string(),
            current: 0,
            target: 2,
            gap: 2,
            next_level: 1,
            next_level_name: "Minimum",
            clauses: vec![],
            waived: false,
        },
    ];
    Page {
        assessment: Assessed {
            id: "line-4".to_string(),
            title: Some("Packaging line 4".to_string()),
            path: "examples/assessments/line-4.smm".to_string(),
            profile: Some("factory-baseline".to_string()),
            targets_known: true,
            role: Some("asset-owner"),
            date: Some("2026-05-12".to_string()),
            assessor: Some("R. Okafor, plant security lead".to_string()),
            practices: vec![program, threats, access, physical],
            summary,
            editions: Editions::default(),
            file: PathBuf::from("examples/assessments/line-4.smm"),
            span: smm_syntax::Span { start: 0, end: 0 },
            written: Default::default(),
        },
        baseline: Some(Baseline {
            label: "HEAD~1:examples/assessments/line-4.smm".to_string(),
            date: Some("2025-05-10".to_string()),
            levels: vec![Some(2), Some(1), Some(2), None],
        }),
        as_of: Some("2026-05-12".to_string()),
        expiry_window: 30,
        groups,
        coverage,
        roadmap,
        evidence: evidence_lines,
        findings: vec![
            FindingLine {
                severity: "warning",
                code: "evidence-expired".to_string(),
                message: "evidence expired on 2026-05-01".to_string(),
                line: 14,
                column: 5,
                waived: None,
            },
            FindingLine {
                severity: "error",
                code: "target-unmet".to_string(),
                message: "threat-modeling is at level 1, below its target 3".to_string(),
                line: 12,
                column: 3,
                waived: Some("Threat model waits for the 2026 line redesign".to_string()),
            },
        ],
        mappings: vec![
            MappingUsed {
                id: "smm-project-enablement".to_string(),
                title: "Enablement".to_string(),
                edition: Some("2 (2026-12)".to_string()),
                source: None,
            },
            MappingUsed {
                id: "smm-project-governance".to_string(),
                title: "Governance".to_string(),
                edition: None,
                source: None,
            },
        ],
    }
}

/// A second assessment, whose profile was not found: no targets, no roadmap, no findings,
/// no day to judge expiry on.
fn unknown_targets_page() -> Page {
    let mut page = sample_page();
    let a = &mut page.assessment;
    a.id = "store-7".to_string();
    a.title = None;
    a.path = "examples/assessments/store-7.smm".to_string();
    a.profile = Some("retail-pos-2027".to_string());
    a.targets_known = false;
    a.date = None;
    a.role = Some("service-provider");
    for p in &mut a.practices {
        p.target = None;
        p.gap = None;
        p.met = None;
        p.waived = None;
    }
    a.summary = Summary::default();
    page.baseline = None;
    page.as_of = None;
    page.groups.clear();
    page.coverage.clear();
    page.roadmap.clear();
    page.findings.clear();
    for e in &mut page.evidence {
        if e.expires.is_some() {
            e.expiry = Expiry::Unjudged;
        }
        e.days_left = None;
    }
    page
}

/// What every rendering promises: no trailing space, one final newline, no blank line
/// doubled.
fn assert_tidy(text: &str) {
    assert!(
        text.ends_with('\n') && !text.ends_with("\n\n"),
        "ends with one newline"
    );
    assert!(!text.contains("\n\n\n"), "no doubled blank line");
    for line in text.lines() {
        assert_eq!(line, line.trim_end(), "trailing space in {line:?}");
    }
}

#[test]
fn page_with_charts_beside() {
    let page = sample_page();
    let rendered = super::page(&page, &meta(), Charts::Beside { stem: "plant" });
    assert_tidy(&rendered.text);
    let names: Vec<&str> = rendered.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["plant-radar.svg", "plant-domains.svg"]);
    assert_eq!(rendered.files[0].1, charts::radar(&page));
    assert_eq!(rendered.files[1].1, charts::bars(&page));
    assert!(rendered
        .text
        .contains("\n\n![Practices: current against target](plant-radar.svg)\n\n"));
    assert!(rendered
        .text
        .contains("\n\n![Domains and subdomains](plant-domains.svg)\n\n"));
    assert!(!rendered.text.contains("<svg"));
    insta::assert_snapshot!("page_beside", rendered.text);
}

#[test]
fn page_with_charts_inline() {
    let page = sample_page();
    let rendered = super::page(&page, &meta(), Charts::Inline);
    assert_tidy(&rendered.text);
    assert!(rendered.files.is_empty());
    let text = &rendered.text;
    for svg in [charts::radar(&page), charts::bars(&page)] {
        let block = format!("\n\n{}\n\n", svg.trim_end());
        assert!(
            text.contains(&block),
            "the chart is an HTML block of its own"
        );
    }
    assert_eq!(text.matches("<svg").count(), 2);
    // Each block runs from `<svg` to `</svg>` with no blank line inside.
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("<svg") {
            inside = true;
        }
        if inside {
            assert!(
                !line.trim().is_empty(),
                "a blank line would end the HTML block"
            );
        }
        if line == "</svg>" {
            inside = false;
        }
    }
    insta::assert_snapshot!("page_inline", rendered.text);
}

#[test]
fn page_without_known_targets() {
    let page = unknown_targets_page();
    let text = super::page(&page, &meta(), Charts::Beside { stem: "store-7" }).text;
    assert_tidy(&text);
    assert!(
        text.starts_with("# store-7\n"),
        "the id stands in for the title"
    );
    assert!(text.contains(
        "**Status: no targets are known.** The profile retail-pos-2027 was not found, so no practice has a target"
    ));
    assert!(text.contains("| target unknown |"));
    assert!(text.contains("Evidence expiry is not judged"));
    assert!(text.contains("No targets are known, so there is no roadmap."));
    assert!(text.contains("\n## Findings\n\nNo findings.\n"));
    assert!(!text.contains("Baseline"));
}

#[test]
fn index_of_two_assessments() {
    let (first, second) = (sample_page(), unknown_targets_page());
    let entries = [
        IndexEntry {
            page: &first,
            href: "line-4.md".to_string(),
        },
        IndexEntry {
            page: &second,
            href: "stores/store 7.md".to_string(),
        },
    ];
    let text = index(&entries, &meta());
    assert_tidy(&text);
    assert!(text.contains("| [Packaging line 4](line-4.md) |"));
    assert!(text.contains("| [store-7](stores/store%207.md) |"));
    insta::assert_snapshot!("index", text);
    assert_eq!(
        index(&[], &meta()).lines().nth(2),
        Some("No assessments found.")
    );
}

#[test]
fn mapping_note_names_whose_mapping() {
    let used = |id: &str| MappingUsed {
        id: id.to_string(),
        title: String::new(),
        edition: None,
        source: None,
    };
    assert!(mapping_note(&[used("smm-project-hardening")]).contains("smm project's own"));
    assert!(mapping_note(&[used("iic-published")]).contains("from the workspace"));
    let mixed = mapping_note(&[used("smm-project-hardening"), used("ours")]);
    assert!(mixed.contains("smm project's own") && mixed.contains("the others"));
}

#[test]
fn escape_makes_text_inert() {
    assert_eq!(
        escape("</script><img src=x onerror=alert(1)>"),
        "&lt;/script&gt;&lt;img src=x onerror=alert\\(1\\)&gt;"
    );
    assert_eq!(
        escape("[x](javascript:alert(1))"),
        "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"
    );
    assert_eq!(escape("![i](http://x)"), "\\!\\[i\\]\\(http\\://x\\)");
    assert_eq!(escape("| a | b |"), "\\| a \\| b \\|");
    assert_eq!(escape("# heading"), "\\#<wbr> heading");
    assert_eq!(escape("`a` ``b``"), "\\`a\\` \\`\\`b\\`\\`");
    assert_eq!(escape("\"'&<>"), "\"'&amp;&lt;&gt;");
    assert_eq!(escape(" one\r\ntwo\nthree\t "), "one  two three");
    assert_eq!(escape("- item, a-b + c"), "\\- item, a-b + c");
    assert_eq!(escape("+ item"), "\\+ item");
    assert_eq!(
        escape("*a* _b_ ~c~ $d$ {e}"),
        "\\*a\\* \\_b\\_ \\~c\\~ \\$d\\$ \\{e\\}"
    );
    assert_eq!(
        escape("www.x.org a@b.org"),
        "www\\.x\\.org a\\@<wbr>b\\.org"
    );
    assert_eq!(escape("a\\"), "a\\\\");
    assert_eq!(escape("&lt;img&gt;"), "&amp;lt;img&amp;gt;");
    assert_eq!(escape("ab\u{202e}cd"), "ab\\\\u\\{202e\\}cd");
}

#[test]
fn hrefs_are_relative_paths() {
    assert_eq!(href("line-4.md"), "line-4.md");
    assert_eq!(href("a b/(c).md"), "a%20b/%28c%29.md");
    assert_eq!(href("javascript:alert(1)"), "javascript%3Aalert%281%29");
    assert_eq!(href("//evil.example/x"), ".//evil.example/x");
    assert_eq!(href("ä<>"), "%C3%A4%3C%3E");
}

const HOSTILE: &[&str] = &[
    "</script><img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](http://x)",
    "| a | b |",
    "# heading",
    "`code` ``` fence",
    "\"'&<>",
    "line\n# heading\n\n<script>alert(1)</script>\n| x |",
    "<!-- comment",
    "*bold* _em_ ~~strike~~ $x$",
    "- item",
    "www.example.com http://example.com a@b.example",
    "ends with \\",
    "&lt;img src=x&gt;",
    "<https://example.com>",
    "[^note] [ref]: http://x",
];

/// `page` with every string it holds set to `s`.
fn hostile_page(s: &'static str) -> Page {
    let own = || s.to_string();
    let mut page = sample_page();
    let a = &mut page.assessment;
    a.id = own();
    a.title = Some(own());
    a.path = own();
    a.profile = Some(own());
    a.role = Some(s);
    a.date = Some(own());
    a.assessor = Some(own());
    for p in &mut a.practices {
        p.id = own();
        p.title = own();
        p.domain = named(s, s);
        p.subdomain = named(s, s);
        if let Some(t) = &mut p.target {
            t.set_by = own();
            t.rationale = Some(own());
        }
        if let Some(w) = &mut p.waived {
            *w = Waived {
                reason: own(),
                owner: own(),
                expires: own(),
            };
        }
        p.missing = vec![own()];
        p.implemented = vec![own()];
        p.note = Some(own());
        for e in &mut p.evidence {
            e.text = own();
            e.implements = vec![own(), own()];
            e.expires = Some(own());
            e.link = Some(own());
        }
    }
    for g in &mut a.summary.groups {
        g.id = own();
        g.title = own();
    }
    for c in &mut a.summary.standards {
        c.standard = own();
    }
    if let Some(b) = &mut page.baseline {
        b.label = own();
        b.date = Some(own());
    }
    page.as_of = Some(own());
    for g in &mut page.groups {
        g.id = own();
        g.title = own();
    }
    for c in &mut page.coverage {
        c.standard = own();
        c.title = own();
        c.missing = vec![clause(s, s), clause(s, s)];
    }
    for step in &mut page.roadmap {
        step.practice = own();
        step.title = own();
        step.domain = own();
        step.next_level_name = s;
        step.clauses = vec![clause(s, s)];
    }
    for e in &mut page.evidence {
        e.practice = own();
        e.practice_title = own();
        e.text = own();
        e.implements = vec![own()];
        e.expires = Some(own());
        e.link = Some(own());
    }
    for f in &mut page.findings {
        f.severity = s;
        f.code = own();
        f.message = own();
        f.waived = Some(own());
    }
    for m in &mut page.mappings {
        *m = MappingUsed {
            id: own(),
            title: own(),
            edition: Some(own()),
            source: Some(own()),
        };
    }
    page
}

/// Where `needle` occurs in `text` not escaped by a backslash.
fn unescaped(text: &str, needle: char) -> Vec<usize> {
    let bytes = text.as_bytes();
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let backslashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
            backslashes % 2 == 0
        })
        .collect()
}

/// `text` with the destination of every `](…)` cut out.
fn without_destinations(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i + 2]);
        let end = rest[i..].find(')').expect("a closed destination") + i;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `text` (Markdown outside the inline charts) holds no markup but the page's own.
fn assert_inert(text: &str, own_links: usize, own_headings: usize) {
    assert_tidy(text);
    let lower = text.to_lowercase();
    for banned in [
        "<img",
        "<script",
        "</script",
        "<!--",
        "](javascript:",
        "](http",
        "<http",
    ] {
        assert!(!lower.contains(banned), "{banned:?} in\n{text}");
    }
    // Tags: only the page's own.
    for i in unescaped(text, '<') {
        let rest = &text[i..];
        assert!(
            [
                "<details>",
                "</details>",
                "<summary>",
                "</summary>",
                "<br>",
                "<wbr>",
                "<code>",
                "</code>",
            ]
            .iter()
            .any(|tag| rest.starts_with(tag)),
            "a tag of the text's own at {:?}",
            &rest[..rest.len().min(40)]
        );
    }
    // Links and images: only the page's own.
    assert_eq!(unescaped(text, '[').len(), own_links, "links in\n{text}");
    assert_eq!(unescaped(text, ']').len(), own_links, "links in\n{text}");
    // Past this point, the page's own link destinations (percent-encoded paths, which may
    // keep `_` and `~`) are left out.
    let text = &without_destinations(text);
    assert!(unescaped(text, '`').is_empty(), "code span in\n{text}");
    assert!(unescaped(text, '_').is_empty(), "emphasis in\n{text}");
    assert!(unescaped(text, '~').is_empty(), "strikethrough in\n{text}");
    assert!(unescaped(text, '$').is_empty(), "math in\n{text}");
    for i in unescaped(text, ':') {
        assert!(!text[i..].starts_with("://"), "a bare URL in\n{text}");
    }
    // Headings: only the page's own.
    let headings = text.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(headings, own_headings, "headings in\n{text}");
    // Table rows: as many cells as their header.
    let mut columns = None;
    for line in text.lines() {
        if line.starts_with('|') {
            let pipes = unescaped(line, '|').len();
            assert_eq!(*columns.get_or_insert(pipes), pipes, "cells in {line:?}");
        } else {
            columns = None;
        }
    }
}

#[test]
fn hostile_strings_stay_text() {
    let sample = super::page(&sample_page(), &meta(), Charts::Beside { stem: "plant" }).text;
    let headings = sample.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(headings, 8);
    for &s in HOSTILE {
        let page = hostile_page(s);
        let hostile_meta = Meta {
            tool: s.to_string(),
        };
        let rendered = super::page(&page, &hostile_meta, Charts::Beside { stem: s });
        assert_inert(&rendered.text, 2, headings);
        for (name, _) in &rendered.files {
            assert!(
                name.starts_with(s),
                "the files are named by the stem as given"
            );
        }
        // The inline charts escape for XML; the Markdown around them as above.
        let inline = super::page(&page, &hostile_meta, Charts::Inline).text;
        let mut outside = String::new();
        let mut inside = false;
        for line in inline.lines() {
            inside |= line.starts_with("<svg");
            if inside {
                let lower = line.to_lowercase();
                assert!(
                    !lower.contains("<img") && !lower.contains("<script"),
                    "{line}"
                );
            } else {
                outside.push_str(line);
                outside.push('\n');
            }
            if line == "</svg>" {
                inside = false;
            }
        }
        while outside.contains("\n\n\n") {
            outside = outside.replace("\n\n\n", "\n\n");
        }
        assert_inert(&outside, 0, headings);

        let entries = [
            IndexEntry {
                page: &page,
                href: s.to_string(),
            },
            IndexEntry {
                page: &page,
                href: "javascript:alert(1)".to_string(),
            },
        ];
        let text = index(&entries, &hostile_meta);
        assert_inert(&text, 2, 1);
        // A relative path, whatever the name: the scheme's colon is encoded.
        assert!(text.contains("](javascript%3Aalert%281%29)"));
    }
}

#[test]
fn output_is_deterministic() {
    let render = || super::page(&sample_page(), &meta(), Charts::Inline).text;
    assert_eq!(render(), render());
}
