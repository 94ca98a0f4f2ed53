//! What the mapping asks: clause coverage per standard, and the roadmap's next steps.

use super::super::page::{ClauseLine, Page, Step};
use super::markup::{count, escape, joined, table, tagged, Align};

pub(super) fn coverage(page: &Page, out: &mut String) {
    out.push_str("\n## Clause coverage\n\n");
    if page.coverage.is_empty() {
        out.push_str("No clause is mapped: the assessment has no role or no targets.\n");
        return;
    }
    out.push_str("For each standard, of the clauses the mapping asks up to the targets for the assessment's role and editions, how many some evidence implements.\n");
    for c in &page.coverage {
        let name = if c.title.trim().is_empty() {
            format!("**{}**", escape(&c.standard))
        } else {
            format!("**{}** ({})", escape(&c.title), escape(&c.standard))
        };
        let percent = match c.mapped {
            0 => String::new(),
            // Rounded down: 100% only when nothing is missing.
            mapped => format!(" ({}%)", c.implemented * 100 / mapped),
        };
        out.push_str(&format!(
            "\n{name}: {} of {} mapped {} implemented{percent}.\n",
            c.implemented,
            c.mapped,
            if c.mapped == 1 { "clause" } else { "clauses" }
        ));
        if c.missing.is_empty() {
            out.push_str("\nNo mapped clause is missing.\n");
            continue;
        }
        // The summary holds none of the files' text: inside an HTML block nothing is escaped
        // the Markdown way.
        out.push_str(&format!(
            "\n<details>\n<summary>{} missing</summary>\n\n",
            count(c.missing.len(), "clause", "clauses")
        ));
        for clause in &c.missing {
            out.push_str(&format!("- {}\n", clause_line(clause)));
        }
        out.push_str("\n</details>\n");
    }
}

/// `iec62443-2-4:SP.03 — Architecture`.
fn clause_line(clause: &ClauseLine) -> String {
    if clause.title.trim().is_empty() {
        escape(&clause.id)
    } else {
        format!("{} — {}", escape(&clause.id), escape(&clause.title))
    }
}

pub(super) fn roadmap(page: &Page, out: &mut String) {
    out.push_str("\n## Roadmap\n\n");
    if page.roadmap.is_empty() {
        out.push_str(if page.assessment.targets_known {
            "Every targeted practice has reached its target level: there is no next step.\n"
        } else {
            "No targets are known, so there is no roadmap.\n"
        });
        return;
    }
    out.push_str("The practices below their target level, widest gap first, each with the clauses its next level brings. A step marked waived is accepted for now by a waiver in force.\n\n");
    table(
        out,
        &[
            ("Practice", Align::Left),
            ("Domain", Align::Left),
            ("Current → next level", Align::Left),
            ("Target", Align::Right),
            ("Gap", Align::Right),
            ("Clauses the next level brings", Align::Left),
        ],
        page.roadmap.iter().map(step_row),
    );
}

fn step_row(step: &Step) -> Vec<String> {
    vec![
        tagged(&step.title, step.waived.then_some("waived")),
        escape(&step.domain),
        format!(
            "{} → {} {}",
            step.current,
            step.next_level,
            escape(step.next_level_name)
        ),
        step.target.to_string(),
        step.gap.to_string(),
        joined(step.clauses.iter().map(clause_line), "<br>", "none mapped"),
    ]
}
