//! The pages the tests render: a full sample and one whose profile was not found.

use std::path::PathBuf;

use smm_check::{GroupSummary, StandardCoverage, Summary};
use smm_model::{Editions, Level};

use crate::assessed::{Assessed, AssessedPractice, Evidence, Named, Rating, Target};
use crate::check_report::{MappingUsed, Waived};
use crate::commands::report::page::{
    Baseline, ClauseLine, Coverage, EvidenceLine, Expiry, FindingLine, Group, Page, Step,
};
use crate::commands::report::Meta;

pub(super) fn meta() -> Meta {
    Meta {
        tool: "smm 0.1.0".to_string(),
    }
}

pub(super) fn named(id: &str, title: &str) -> Named {
    Named {
        id: id.to_string(),
        title: title.to_string(),
    }
}

pub(super) fn target(level: u8, scope: &'static str) -> Option<Target> {
    Some(Target {
        level,
        scope,
        set_by: "factory-baseline".to_string(),
        rationale: Some("Line 4 runs unattended at night".to_string()),
    })
}

pub(super) fn rated(level: u8, scope: &'static str) -> Option<Rating> {
    Some(Rating { level, scope })
}

pub(super) fn evidence(text: &str, implements: &[&str], expires: Option<&str>) -> Evidence {
    Evidence {
        text: text.to_string(),
        implements: implements.iter().map(|s| s.to_string()).collect(),
        expires: expires.map(str::to_string),
        link: None,
        stub: false,
    }
}

pub(super) fn clause(id: &str, title: &str) -> ClauseLine {
    ClauseLine {
        id: id.to_string(),
        title: title.to_string(),
    }
}

pub(super) fn line(
    practice: &AssessedPractice,
    e: &Evidence,
    expiry: Expiry,
    days_left: Option<i64>,
) -> EvidenceLine {
    EvidenceLine::new(practice, e, expiry, days_left)
}

/// Four practices over two domains: one met, one below target under a waiver, one not
/// assessed, one without target; a baseline; evidence in each state of expiry; two findings.
pub(super) fn sample_page() -> Page {
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
pub(super) fn unknown_targets_page() -> Page {
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
pub(super) fn assert_tidy(text: &str) {
    assert!(
        text.ends_with('\n') && !text.ends_with("\n\n"),
        "ends with one newline"
    );
    assert!(!text.contains("\n\n\n"), "no doubled blank line");
    for line in text.lines() {
        assert_eq!(line, line.trim_end(), "trailing space in {line:?}");
    }
}
