//! An assessment in a few numbers: targets met per subdomain and domain, and per standard the
//! clauses implemented of those mapped up to the targets.
//!
//! The roll-up rule (also in grammar/README.md, "Summary"): a subdomain or domain counts the
//! targeted practices in it, how many are met and how many are not assessed; its level is the
//! lowest level reached among those practices (a practice not assessed counts as 0), and its
//! gap the largest gap. The weakest practice decides, because an attacker picks it.

use std::collections::{BTreeMap, BTreeSet};

use smm_model::{Editions, Level, Model, Role};

use crate::mapped::MappedClauses;
use crate::practice_status::PracticeStatus;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSummary {
    /// `domain` or `subdomain`.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub targeted: usize,
    pub met: usize,
    pub not_assessed: usize,
    /// The lowest level reached among the targeted practices; `None` without targets.
    pub level: Option<Level>,
    /// The largest gap among the targeted practices.
    pub gap: u8,
}

/// Of the clauses mapped up to the targets for the role, how many some evidence implements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandardCoverage {
    pub standard: String,
    pub implemented: usize,
    pub mapped: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub targeted: usize,
    pub met: usize,
    /// Domains, each followed by its subdomains, in the framework's order.
    pub groups: Vec<GroupSummary>,
    /// In the catalogs' order of standards; only standards with mapped clauses.
    pub standards: Vec<StandardCoverage>,
}

pub(crate) fn summarize(
    model: &Model,
    cache: &MappedClauses<'_>,
    practices: &[PracticeStatus],
    role: Option<Role>,
    editions: &Editions,
) -> Summary {
    let targeted: Vec<&PracticeStatus> = practices.iter().filter(|p| p.target.is_some()).collect();
    let mut summary = Summary {
        targeted: targeted.len(),
        met: targeted.iter().filter(|p| p.met() == Some(true)).count(),
        ..Summary::default()
    };
    for framework in model.frameworks() {
        for domain in framework.domains.iter().filter_map(|d| model.domain(d)) {
            let in_domain: Vec<&&PracticeStatus> = targeted
                .iter()
                .filter(|p| {
                    model
                        .practice(&p.practice)
                        .is_some_and(|x| x.domain == domain.id)
                })
                .collect();
            if in_domain.is_empty() {
                continue;
            }
            summary
                .groups
                .push(group("domain", &domain.id, &domain.title, &in_domain));
            for subdomain in domain.subdomains.iter().filter_map(|s| model.subdomain(s)) {
                let in_subdomain: Vec<&&PracticeStatus> = in_domain
                    .iter()
                    .copied()
                    .filter(|p| subdomain.practices.contains(&p.practice))
                    .collect();
                if !in_subdomain.is_empty() {
                    summary.groups.push(group(
                        "subdomain",
                        &subdomain.id,
                        &subdomain.title,
                        &in_subdomain,
                    ));
                }
            }
        }
    }
    if let Some(role) = role {
        let implemented: BTreeSet<&str> = practices.iter().flat_map(|p| &p.implemented).collect();
        // Borrowed from the cache's answers: an assessment maps hundreds of clauses, and
        // copying each standard's name took more time than the rest of the summary.
        let answers: Vec<_> = targeted
            .iter()
            .filter_map(|p| {
                let target = p.target.as_ref()?;
                Some(cache.get(&p.practice, target.level, role, editions))
            })
            .collect();
        let mut mapped: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for m in answers.iter().flat_map(|a| a.iter()) {
            mapped.entry(&m.standard).or_default().insert(&m.clause);
        }
        for standard in model.standards() {
            if let Some(clauses) = mapped.get(standard.id.as_str()) {
                summary.standards.push(StandardCoverage {
                    standard: standard.id.clone(),
                    implemented: clauses.iter().filter(|c| implemented.contains(*c)).count(),
                    mapped: clauses.len(),
                });
            }
        }
    }
    summary
}

fn group(
    kind: &'static str,
    id: &str,
    title: &str,
    practices: &[&&PracticeStatus],
) -> GroupSummary {
    let reached = |p: &PracticeStatus| p.current.map_or(Level::None, |c| c.level);
    GroupSummary {
        kind,
        id: id.to_string(),
        title: title.to_string(),
        targeted: practices.len(),
        met: practices.iter().filter(|p| p.met() == Some(true)).count(),
        not_assessed: practices.iter().filter(|p| p.current.is_none()).count(),
        level: practices.iter().map(|p| reached(p)).min(),
        gap: practices
            .iter()
            .map(|p| {
                let target = p.target.as_ref().map_or(0, |t| t.level.number());
                target.saturating_sub(reached(p).number())
            })
            .max()
            .unwrap_or(0),
    }
}
