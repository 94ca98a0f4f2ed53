//! One assessment's report as plain data, every renderer's input: what the assessment says
//! (`Assessed`), and what the report adds to it: the baseline's levels, the roll-up with its
//! highest target, clause coverage with the missing clauses' titles, the roadmap of next
//! steps, the evidence with its expiry judged on one day, and the checker's findings inside the
//! assessment. Nothing here depends on the clock or on where the files are: the same files give
//! the same page.

use smm_check::Day;
use smm_model::{Editions, Level, Model, Role};
use smm_syntax::Severity;

use crate::assessed::{Assessed, AssessedPractice, Evidence, Rating};
use crate::check_report::{MappingUsed, Reported};

/// Evidence expiring within this many days of the report's day is flagged, unless smm.toml's
/// `expiry-warning-days` says otherwise.
pub const DEFAULT_EXPIRY_WINDOW: u32 = 30;

#[derive(Clone, Debug)]
pub struct Page {
    pub assessment: Assessed,
    /// The earlier assessment compared with, when `--baseline` names one.
    pub baseline: Option<Baseline>,
    /// The day expiry is judged on: `--as-of`, else the assessment's date.
    pub as_of: Option<String>,
    pub expiry_window: u32,
    pub groups: Vec<Group>,
    pub coverage: Vec<Coverage>,
    pub roadmap: Vec<Step>,
    pub evidence: Vec<EvidenceLine>,
    pub findings: Vec<FindingLine>,
    pub mappings: Vec<MappingUsed>,
}

#[derive(Clone, Debug)]
pub struct Baseline {
    /// What the baseline was read from, as given (`old/line-4.smm`, `HEAD~3:examples/line-4.smm`).
    pub label: String,
    /// Its date, when it has one.
    pub date: Option<String>,
    /// The current level per practice, in the catalog's order (the page's practices' order).
    pub levels: Vec<Option<u8>>,
}

/// A domain or subdomain: the checker's roll-up, and the highest target in it, so a chart can
/// draw the lowest level reached against the most that is asked.
#[derive(Clone, Debug)]
pub struct Group {
    /// `domain` or `subdomain`.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub targeted: usize,
    pub met: usize,
    pub not_assessed: usize,
    pub level: Option<u8>,
    pub highest_target: Option<u8>,
    pub gap: u8,
}

#[derive(Clone, Debug)]
pub struct Coverage {
    pub standard: String,
    pub title: String,
    pub implemented: usize,
    pub mapped: usize,
    /// Mapped up to the targets for the role, implemented by no evidence, in the catalog's
    /// order.
    pub missing: Vec<ClauseLine>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseLine {
    pub id: String,
    pub title: String,
}

/// A practice below its target: what the next level asks.
#[derive(Clone, Debug)]
pub struct Step {
    pub practice: String,
    pub title: String,
    pub domain: String,
    pub current: u8,
    pub target: u8,
    pub gap: u8,
    pub next_level: u8,
    pub next_level_name: &'static str,
    /// The clauses the mapping brings in at the next level for the role and editions.
    pub clauses: Vec<ClauseLine>,
    pub waived: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// No expiry date given.
    None,
    /// Expires after the window.
    Valid,
    /// Expires within the window.
    Expiring,
    Expired,
    /// An expiry date but no day to judge it on (no `date`, no `--as-of`).
    Unjudged,
}

impl Expiry {
    pub fn id(self) -> &'static str {
        match self {
            Expiry::None => "none",
            Expiry::Valid => "valid",
            Expiry::Expiring => "expiring",
            Expiry::Expired => "expired",
            Expiry::Unjudged => "unjudged",
        }
    }
}

#[derive(Clone, Debug)]
pub struct EvidenceLine {
    pub practice: String,
    pub practice_title: String,
    pub text: String,
    pub implements: Vec<String>,
    pub expires: Option<String>,
    pub expiry: Expiry,
    /// Days from the report's day to the expiry date (negative once expired).
    pub days_left: Option<i64>,
    pub link: Option<String>,
    pub stub: bool,
}

impl EvidenceLine {
    pub fn new(
        practice: &AssessedPractice,
        e: &Evidence,
        expiry: Expiry,
        days_left: Option<i64>,
    ) -> EvidenceLine {
        EvidenceLine {
            practice: practice.id.clone(),
            practice_title: practice.title.clone(),
            text: e.text.clone(),
            implements: e.implements.clone(),
            expires: e.expires.clone(),
            expiry,
            days_left,
            link: e.link.clone(),
            stub: e.stub,
        }
    }
}

#[derive(Clone, Debug)]
pub struct FindingLine {
    pub severity: &'static str,
    pub code: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// The waiver's reason when one accepts the finding.
    pub waived: Option<String>,
}

/// What a page is built from besides the assessment.
pub struct Inputs<'a> {
    pub model: &'a Model,
    pub editions: &'a Editions,
    /// The assessment's file text and the findings in it, to keep those inside the assessment.
    pub text: &'a str,
    /// The lines of `text`, indexed once for the file rather than once per assessment.
    pub lines: &'a smm_syntax::lines::LineIndex,
    pub span: smm_syntax::Span,
    pub reported: &'a [Reported],
    pub mappings: &'a [MappingUsed],
    pub as_of: Option<Day>,
    pub expiry_window: u32,
}

pub fn build(assessment: Assessed, baseline: Option<Baseline>, inputs: &Inputs<'_>) -> Page {
    let model = inputs.model;
    let role = assessment.role.and_then(Role::from_id);
    let as_of = inputs
        .as_of
        .or_else(|| assessment.date.as_deref().and_then(Day::parse));
    Page {
        groups: groups(&assessment),
        coverage: coverage(model, &assessment),
        roadmap: roadmap(model, &assessment, role, inputs.editions),
        evidence: evidence(&assessment, as_of, inputs.expiry_window),
        findings: findings(inputs),
        mappings: inputs.mappings.to_vec(),
        as_of: as_of.map(|d| d.to_string()),
        expiry_window: inputs.expiry_window,
        baseline,
        assessment,
    }
}

/// How a format words a practice's level against the baseline's where both rate it (up and
/// down are followed by the levels), and one rated only now.
pub struct ChangeWords {
    pub up: &'static str,
    pub down: &'static str,
    pub same: &'static str,
    pub new: &'static str,
}

/// The change from the baseline's level `before` to the level `now`, in `words`.
pub fn change(before: Option<u8>, now: Option<u8>, words: &ChangeWords) -> String {
    match (before, now) {
        (Some(b), Some(n)) if n > b => format!("{} {}", words.up, n - b),
        (Some(b), Some(n)) if n < b => format!("{} {}", words.down, b - n),
        (Some(_), Some(_)) => words.same.to_string(),
        (None, Some(_)) => words.new.to_string(),
        (Some(_), None) => "no longer assessed".to_string(),
        (None, None) => "—".to_string(),
    }
}

/// The baseline's level per practice of `page_practices`, matched by id.
pub fn baseline_levels(page: &Assessed, baseline: &Assessed) -> Vec<Option<u8>> {
    page.practices
        .iter()
        .map(|p| {
            baseline
                .practices
                .iter()
                .find(|b| b.id == p.id)
                .and_then(|b| b.current.map(|r| r.level))
        })
        .collect()
}

fn groups(assessment: &Assessed) -> Vec<Group> {
    assessment
        .summary
        .groups
        .iter()
        .map(|g| {
            let in_group = |p: &&AssessedPractice| match g.kind {
                "domain" => p.domain.id == g.id,
                _ => p.subdomain.id == g.id,
            };
            Group {
                kind: g.kind,
                id: g.id.clone(),
                title: g.title.clone(),
                targeted: g.targeted,
                met: g.met,
                not_assessed: g.not_assessed,
                level: g.level.map(|l| l.number()),
                highest_target: assessment
                    .practices
                    .iter()
                    .filter(in_group)
                    .filter_map(|p| p.target.as_ref().map(|t| t.level))
                    .max(),
                gap: g.gap,
            }
        })
        .collect()
}

fn clause_line(model: &Model, id: &str) -> ClauseLine {
    ClauseLine {
        id: id.to_string(),
        title: model.title_as_named(id).unwrap_or_default().to_string(),
    }
}

fn coverage(model: &Model, assessment: &Assessed) -> Vec<Coverage> {
    assessment
        .summary
        .standards
        .iter()
        .map(|s| {
            // A clause one practice misses counts as implemented when another practice's
            // evidence implements it, as in the checker's coverage figures.
            let implemented: std::collections::BTreeSet<&str> = assessment
                .practices
                .iter()
                .flat_map(|p| &p.implemented)
                .map(String::as_str)
                .collect();
            let mut missing: Vec<&str> = assessment
                .practices
                .iter()
                .flat_map(|p| &p.missing)
                .filter(|c| c.split_once(':').is_some_and(|(std, _)| std == s.standard))
                .map(String::as_str)
                .filter(|c| !implemented.contains(c))
                .collect();
            let order = |id: &str| {
                let clause = id.split_once(':').map_or(id, |(_, c)| c);
                model
                    .standard(&s.standard)
                    .and_then(|st| st.clauses.iter().position(|c| c == clause))
                    .unwrap_or(usize::MAX)
            };
            missing.sort_by_key(|c| (order(c), c.to_string()));
            missing.dedup();
            Coverage {
                standard: s.standard.clone(),
                title: model
                    .standard(&s.standard)
                    .map(|st| st.title.clone())
                    .unwrap_or_default(),
                implemented: s.implemented,
                mapped: s.mapped,
                missing: missing.into_iter().map(|c| clause_line(model, c)).collect(),
            }
        })
        .collect()
}

fn roadmap(
    model: &Model,
    assessment: &Assessed,
    role: Option<Role>,
    editions: &Editions,
) -> Vec<Step> {
    let domain_order = |id: &str| {
        assessment
            .summary
            .groups
            .iter()
            .position(|g| g.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut steps: Vec<(usize, usize, Step)> = assessment
        .practices
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let target = p.target.as_ref()?;
            let current = p.current.map_or(0, |r: Rating| r.level);
            if current >= target.level {
                return None;
            }
            let next = Level::from_number(i64::from(current) + 1)?;
            let clauses = role
                .map(|role| model.introduced_clauses(&p.id, next, role, editions))
                .unwrap_or_default();
            let mut ids: Vec<&str> = clauses.iter().map(|m| m.edge.clause.as_str()).collect();
            ids.dedup();
            Some((
                domain_order(&p.domain.id),
                i,
                Step {
                    practice: p.id.clone(),
                    title: p.title.clone(),
                    domain: p.domain.title.clone(),
                    current,
                    target: target.level,
                    gap: target.level - current,
                    next_level: next.number(),
                    next_level_name: next.name(),
                    clauses: ids.into_iter().map(|c| clause_line(model, c)).collect(),
                    waived: p.waived.is_some(),
                },
            ))
        })
        .collect();
    // The widest gap first; within a gap, the framework's order of domains and practices.
    steps.sort_by_key(|(domain, i, s)| (std::cmp::Reverse(s.gap), *domain, *i));
    steps.into_iter().map(|(_, _, s)| s).collect()
}

fn evidence(assessment: &Assessed, as_of: Option<Day>, window: u32) -> Vec<EvidenceLine> {
    let mut lines = Vec::new();
    for practice in &assessment.practices {
        for e in &practice.evidence {
            let expires = e.expires.as_deref().and_then(Day::parse);
            let days_left = match (as_of, expires) {
                (Some(day), Some(expires)) => Some(day.days_until(expires)),
                _ => None,
            };
            let expiry = match (e.expires.is_some(), days_left) {
                (false, _) => Expiry::None,
                (true, None) => Expiry::Unjudged,
                (true, Some(left)) if left < 0 => Expiry::Expired,
                (true, Some(left)) if left <= i64::from(window) => Expiry::Expiring,
                (true, Some(_)) => Expiry::Valid,
            };
            lines.push(EvidenceLine::new(practice, e, expiry, days_left));
        }
    }
    lines
}

fn findings(inputs: &Inputs<'_>) -> Vec<FindingLine> {
    let lines = inputs.lines;
    inputs
        .reported
        .iter()
        .filter(|r| inputs.span.encloses(r.diagnostic.span))
        .map(|r| {
            let (line, column) = lines.line_column(inputs.text, r.diagnostic.span.start);
            FindingLine {
                severity: severity(r.diagnostic.severity),
                code: r.diagnostic.code.to_string(),
                message: r.diagnostic.message.to_string(),
                line,
                column,
                waived: r.waived.as_ref().map(|w| w.reason.clone()),
            }
        })
        .collect()
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Hint => "hint",
    }
}
