//! The practices: the charts with the domains' table of their values, and the gap table.

use std::fmt::Write as _;

use super::super::charts;
use super::super::page::{change, Baseline, ChangeWords, Page};
use super::{esc, level_text, open_section, rating_text};
use crate::assessed::{AssessedPractice, Rating};

pub(super) fn charts_section(out: &mut String, page: &Page) {
    let n = page.assessment.practices.len();
    let baseline = if page.baseline.is_some() {
        ", dotted line with diamonds: the baseline"
    } else {
        ""
    };
    open_section(out, "charts", false, "Practices at a glance");
    let _ = write!(
        out,
        "<figure id=\"radar\" aria-describedby=\"gaps-caption\">\n{}\
         <figcaption>Figure 1. Each of the {n} spokes is a practice; the rings are the \
         levels 0 to 4, from the centre out. Dashed line with squares: the target; solid line \
         with circles: the current level{baseline}. A hollow marker is a practice not \
         assessed. The <a href=\"#gaps\">gap table</a> lists the same values.</figcaption>\n\
         </figure>\n",
        charts::radar(page)
    );
    let _ = write!(
        out,
        "<figure id=\"bars\" aria-describedby=\"domains-caption\">\n{}\
         <figcaption>Figure 2. For each domain (bold) and its subdomains, the bar is the \
         lowest level reached among the practices with a target (the weakest practice \
         decides), the tick is the highest target among them. The table below lists the same \
         values.</figcaption>\n</figure>\n",
        charts::bars(page)
    );
    out.push_str(
        "<table id=\"domains\">\n<caption id=\"domains-caption\">Domains and subdomains: \
         the values of figure 2.</caption>\n<thead><tr><th scope=\"col\">Domain or \
         subdomain</th><th scope=\"col\">Lowest level reached</th><th scope=\"col\">Highest \
         target</th><th scope=\"col\">Targets met</th><th scope=\"col\">Not assessed</th>\
         <th scope=\"col\">Largest gap</th></tr></thead>\n<tbody>\n",
    );
    if page.groups.is_empty() {
        out.push_str("<tr><td colspan=\"6\">No practice has a target.</td></tr>\n");
    }
    for g in &page.groups {
        let (class, title) = match g.kind {
            "domain" => (" class=\"domain\"", esc(&g.title)),
            _ => (
                "",
                format!(
                    "<span class=\"small\" aria-hidden=\"true\">↳</span> {}",
                    esc(&g.title)
                ),
            ),
        };
        let _ = writeln!(
            out,
            "<tr{class}><th scope=\"row\">{title}</th><td>{}</td><td>{}</td>\
             <td class=\"num\">{} of {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            g.level.map_or("—".to_string(), level_text),
            g.highest_target.map_or("—".to_string(), level_text),
            g.met,
            g.targeted,
            g.not_assessed,
            g.gap
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

pub(super) fn gap_table(out: &mut String, page: &Page) {
    let a = &page.assessment;
    let columns = 7 + if page.baseline.is_some() { 2 } else { 0 };
    open_section(out, "gaps", true, "Gap table");
    out.push_str(
        "<table>\n<caption id=\"gaps-caption\">Every \
         practice by domain: the level its profile asks for, the level found, and how many \
         levels are missing (the values of figure 1). ✓ met, ✗ not met, ○ not assessed, \
         – no target. A target is met when the level is reached in at least as specific a \
         scope (general, then industry, then system).</caption>\n<thead><tr>\
         <th scope=\"col\">Practice</th><th scope=\"col\">Target</th>\
         <th scope=\"col\">Current</th><th scope=\"col\">Gap</th>\
         <th scope=\"col\">Status</th>",
    );
    if page.baseline.is_some() {
        out.push_str("<th scope=\"col\">Baseline</th><th scope=\"col\">Change</th>");
    }
    out.push_str(
        "<th scope=\"col\">Target set by</th><th scope=\"col\">Waiver</th></tr></thead>\n",
    );
    let mut domain: Option<&str> = None;
    for (i, p) in a.practices.iter().enumerate() {
        if domain != Some(&p.domain.id) {
            if domain.is_some() {
                out.push_str("</tbody>\n");
            }
            domain = Some(&p.domain.id);
            let _ = writeln!(
                out,
                "<tbody>\n<tr class=\"domain\"><th scope=\"colgroup\" colspan=\"{columns}\">{}</th></tr>",
                esc(&p.domain.title)
            );
        }
        let (status_class, status) = status(p, a.targets_known);
        let _ = write!(
            out,
            "<tr class=\"{status_class}\"><th scope=\"row\">{}<span class=\"id\">{}</span>{}</th>\
             <td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"{status_class}\">{status}</td>",
            esc(&p.title),
            esc(&p.id),
            p.note.as_deref().map_or(String::new(), |n| format!(
                "<span class=\"note\">Note: {}</span>",
                esc(n)
            )),
            match &p.target {
                Some(t) => rating_text(t.level, t.scope),
                None if a.targets_known => "no target".to_string(),
                None => "unknown".to_string(),
            },
            p.current
                .map_or("not assessed".to_string(), |Rating { level, scope }| {
                    rating_text(level, scope)
                }),
            p.gap.map_or("—".to_string(), |g| g.to_string()),
        );
        if let Some(b) = &page.baseline {
            let _ = write!(out, "{}", baseline_cells(b, i, p.current.map(|r| r.level)));
        }
        let _ = writeln!(
            out,
            "<td>{}</td><td>{}</td></tr>",
            p.target
                .as_ref()
                .map_or("—".to_string(), |t| esc(&t.set_by)),
            match &p.waived {
                Some(w) => format!(
                    "Waived: {}<span class=\"small\"> (owner {}, expires {})</span>",
                    esc(&w.reason),
                    esc(&w.owner),
                    esc(&w.expires)
                ),
                None => "—".to_string(),
            }
        );
    }
    if domain.is_some() {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</section>\n");
}

/// The practice's status as a class and as words with a symbol.
fn status(p: &AssessedPractice, targets_known: bool) -> (&'static str, String) {
    let waived = if p.waived.is_some() { " (waived)" } else { "" };
    match (&p.target, p.current, p.met) {
        (_, _, Some(true)) => ("met", "✓ Met".to_string()),
        (Some(_), Some(_), _) if p.gap == Some(0) => (
            "unmet",
            format!("✗ Not met: level reached, but in a less specific scope{waived}"),
        ),
        (Some(_), Some(_), _) => ("unmet", format!("✗ Not met{waived}")),
        (Some(_), None, _) => ("not-assessed", format!("○ Not assessed{waived}")),
        (None, _, _) if !targets_known => ("no-target", "– Target unknown".to_string()),
        (None, _, _) => ("no-target", "– No target".to_string()),
    }
}

fn baseline_cells(b: &Baseline, i: usize, current: Option<u8>) -> String {
    let then = b.levels.get(i).copied().flatten();
    let words = ChangeWords {
        up: "↑ up",
        down: "↓ down",
        same: "= same",
        new: "new: not assessed before",
    };
    let change = change(then, current, &words);
    format!(
        "<td>{}</td><td>{change}</td>",
        then.map_or("not assessed".to_string(), level_text)
    )
}
