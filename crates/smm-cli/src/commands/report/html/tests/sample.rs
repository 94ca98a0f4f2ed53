//! The sample pages the tests render, every string in them ending in what a test chooses.

use std::cell::RefCell;
use std::path::PathBuf;

use super::*;
use crate::assessed::{Assessed, AssessedPractice, Evidence, Named, Rating, Target};
use crate::check_report::Waived;
use crate::commands::report::page::{
    Baseline, ClauseLine, Coverage, EvidenceLine, FindingLine, Group, Step,
};

/// Breaks out of markup if anything is left unescaped.
pub(super) const HOSTILE: &str = "</script><img src=x onerror=alert(1)> \"'&<>";
/// [`HOSTILE`] as [`escape_html`] writes it.
pub(super) const HOSTILE_ESCAPED: &str =
    "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;&#39;&amp;&lt;&gt;";

pub(super) fn meta() -> Meta {
    Meta {
        tool: "smm 0.1.0".to_string(),
    }
}

/// Builds the sample's strings: each is given `extra` at its end, and those the page must show
/// are recorded.
pub(super) struct Strings {
    extra: &'static str,
    shown: RefCell<Vec<String>>,
}

impl Strings {
    pub(super) fn new(extra: &'static str) -> Strings {
        Strings {
            extra,
            shown: RefCell::new(Vec::new()),
        }
    }

    /// A string the page shows.
    pub(super) fn s(&self, text: &str) -> String {
        let value = format!("{text}{}", self.extra);
        self.shown.borrow_mut().push(value.clone());
        value
    }

    /// A string the page need not show (it must not break the page either).
    pub(super) fn x(&self, text: &str) -> String {
        format!("{text}{}", self.extra)
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn practice(
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

pub(super) fn evidence_line(
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
pub(super) fn sample_page(t: &Strings, baseline: bool) -> Page {
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

pub(super) fn render(extra: &'static str, baseline: bool) -> (String, Vec<String>) {
    let t = Strings::new(extra);
    let page = sample_page(&t, baseline);
    (super::page(&page, &meta()), t.shown.into_inner())
}
