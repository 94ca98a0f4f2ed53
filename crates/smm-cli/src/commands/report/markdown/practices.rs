//! The practices as tables: the domains' roll-up, and the gap table practice by practice.

use smm_model::{Level, Role};

use super::super::page::{change, ChangeWords, Page};
use super::markup::{escape, table, Align};
use crate::assessed::{AssessedPractice, Rating, Target};

/// The roll-up the bar chart draws, as a table that reads without the chart.
pub(super) fn groups(page: &Page, out: &mut String) {
    out.push_str("\n## Domains and subdomains\n\n");
    if page.groups.is_empty() {
        out.push_str("No domain has a targeted practice.\n");
        return;
    }
    out.push_str("For each domain (in bold) and subdomain: the lowest level reached among its targeted practices (a practice not assessed counts as 0), against the highest target among them.\n\n");
    let rows = page.groups.iter().map(|g| {
        let name = if g.kind == "domain" {
            format!("**{}**", escape(&g.title))
        } else {
            escape(&g.title)
        };
        vec![
            name,
            g.level.map_or_else(|| "—".to_string(), |l| l.to_string()),
            g.highest_target
                .map_or_else(|| "—".to_string(), |l| l.to_string()),
            g.gap.to_string(),
            format!("{} of {}", g.met, g.targeted),
            g.not_assessed.to_string(),
        ]
    });
    table(
        out,
        &[
            ("Domain or subdomain", Align::Left),
            ("Lowest level", Align::Right),
            ("Highest target", Align::Right),
            ("Largest gap", Align::Right),
            ("Targets met", Align::Right),
            ("Not assessed", Align::Right),
        ],
        rows,
    );
}

pub(super) fn gap_table(page: &Page, out: &mut String) {
    let a = &page.assessment;
    out.push_str("\n## Practices\n\n");
    out.push_str("Every practice of the framework in its order, under its domain: the target the profile sets, the current level, the gap between them, and the waiver that accepts an unmet target.");
    if let Some(baseline) = &page.baseline {
        out.push_str(&format!(
            " The baseline column is the level in {}; the change is from it to the current level.",
            escape(&baseline.label)
        ));
    }
    out.push_str("\n\n");
    let mut columns = vec![
        ("Practice", Align::Left),
        ("Target", Align::Left),
        ("Current", Align::Left),
    ];
    if page.baseline.is_some() {
        columns.push(("Baseline", Align::Left));
        columns.push(("Change", Align::Left));
    }
    columns.extend([
        ("Gap", Align::Right),
        ("Status", Align::Left),
        ("Set by", Align::Left),
        ("Waiver", Align::Left),
    ]);
    let mut rows = Vec::new();
    let mut domain: Option<&str> = None;
    for (i, p) in a.practices.iter().enumerate() {
        if domain != Some(p.domain.id.as_str()) {
            domain = Some(p.domain.id.as_str());
            let mut row = vec![format!("**{}**", escape(&p.domain.title))];
            row.resize(columns.len(), String::new());
            rows.push(row);
        }
        let mut row = vec![
            escape(&p.title),
            p.target.as_ref().map_or_else(|| "—".to_string(), target),
            p.current.map_or_else(|| "not assessed".to_string(), rating),
        ];
        if let Some(baseline) = &page.baseline {
            let before = baseline.levels.get(i).copied().flatten();
            row.push(before.map_or_else(|| "—".to_string(), level));
            let words = ChangeWords {
                up: "↑",
                down: "↓",
                same: "=",
                new: "new",
            };
            row.push(change(before, p.current.map(|r| r.level), &words));
        }
        row.extend([
            gap_of(p).map_or_else(|| "—".to_string(), |g| g.to_string()),
            practice_status(p, a.targets_known).to_string(),
            p.target
                .as_ref()
                .map_or_else(|| "—".to_string(), |t| escape(&t.set_by)),
            p.waived.as_ref().map_or_else(
                || "—".to_string(),
                |w| {
                    format!(
                        "{} (owner {}, until {})",
                        escape(&w.reason),
                        escape(&w.owner),
                        escape(&w.expires)
                    )
                },
            ),
        ]);
        rows.push(row);
    }
    table(out, &columns, rows);
}

/// Levels still to go, a practice not assessed counting as level 0 (as in the roadmap and the
/// charts); `None` without a target.
pub(super) fn gap_of(p: &AssessedPractice) -> Option<u8> {
    let target = p.target.as_ref()?;
    Some(
        target
            .level
            .saturating_sub(p.current.map_or(0, |r| r.level)),
    )
}

fn practice_status(p: &AssessedPractice, targets_known: bool) -> &'static str {
    match (&p.target, p.current, p.met) {
        (None, _, _) if !targets_known => "target unknown",
        (None, _, _) => "no target",
        (Some(_), None, _) => "not assessed",
        (Some(_), Some(_), Some(true)) => "met",
        (Some(_), Some(_), _) => "**not met**",
    }
}

/// `3 Consistent`.
fn level(n: u8) -> String {
    match Level::from_number(i64::from(n)) {
        Some(l) => format!("{n} {}", l.name()),
        None => n.to_string(),
    }
}

/// `3 Consistent, industry`.
fn target(t: &Target) -> String {
    format!("{}, {}", level(t.level), escape(t.scope))
}

fn rating(r: Rating) -> String {
    format!("{}, {}", level(r.level), escape(r.scope))
}

pub(super) fn role(id: Option<&str>) -> Option<String> {
    id.map(|id| Role::from_id(id).map_or_else(|| escape(id), |r| r.name().to_string()))
}
