//! `--format md`: a report page as GitHub-flavoured Markdown, for pull requests and wikis: the
//! same content as the HTML page (facts and status, the charts, the roll-up, the gap table,
//! clause coverage, the roadmap, the evidence and the findings), and an index of pages.
//!
//! Every string that comes from the files goes through [`escape`], which makes it plain text
//! in Markdown and in the HTML that Markdown renderers let through: no user text can open a
//! link, an image, an HTML tag, a table cell, emphasis or a heading. Links the page makes
//! itself (chart files, index entries) are percent-encoded relative paths.

use super::charts;
use super::page::{Expiry, Page};
use super::{Charts, IndexEntry, Meta, Rendered};
use crate::assessed::AssessedPractice;
use crate::check_report::MappingUsed;

mod coverage;
mod evidence;
mod markup;
mod practices;

use coverage::{coverage, roadmap};
use evidence::{evidence, findings};
use markup::{count, escape, finish, href, table, Align};
use practices::{gap_of, gap_table, groups, role};

/// One assessment's page, and the chart files to write beside it when `charts` asks for them.
pub fn page(page: &Page, meta: &Meta, charts: Charts<'_>) -> Rendered {
    let mut out = String::new();
    header(page, &mut out);
    let files = charts_section(page, charts, &mut out);
    groups(page, &mut out);
    gap_table(page, &mut out);
    coverage(page, &mut out);
    roadmap(page, &mut out);
    evidence(page, &mut out);
    findings(page, &mut out);
    footer(&page.mappings, meta, &mut out);
    Rendered {
        text: finish(out),
        files,
    }
}

/// A table of every assessment, each linked to its page by `entry.href` (a relative path,
/// `/`-separated and not yet percent-encoded).
pub fn index(entries: &[IndexEntry<'_>], meta: &Meta) -> String {
    let mut out = String::from("# SMM assessments\n\n");
    if entries.is_empty() {
        out.push_str("No assessments found.\n");
    } else {
        out.push_str(&format!(
            "{}, each linked to its report. Targets met counts the practices whose profile target is reached; the largest gap counts a practice not assessed as level 0.\n\n",
            count(entries.len(), "assessment", "assessments")
        ));
        table(
            &mut out,
            &[
                ("Assessment", Align::Left),
                ("Profile", Align::Left),
                ("Role", Align::Left),
                ("Date", Align::Left),
                ("Targets met", Align::Right),
                ("Largest gap", Align::Right),
                ("Unmet", Align::Right),
                ("Expired evidence", Align::Right),
            ],
            entries.iter().map(index_row),
        );
    }
    let mut mappings: Vec<MappingUsed> = entries
        .iter()
        .flat_map(|e| e.page.mappings.iter().cloned())
        .collect();
    mappings.sort_by(|a, b| (&a.id, &a.edition).cmp(&(&b.id, &b.edition)));
    mappings.dedup();
    footer(&mappings, meta, &mut out);
    finish(out)
}

fn index_row(entry: &IndexEntry<'_>) -> Vec<String> {
    let page = entry.page;
    let a = &page.assessment;
    let name = format!("[{}]({})", escape(title(page)), href(&entry.href));
    let (met, gap, unmet) = if a.targets_known {
        let targeted: Vec<&AssessedPractice> =
            a.practices.iter().filter(|p| p.target.is_some()).collect();
        let met = targeted.iter().filter(|p| p.met == Some(true)).count();
        let gap = targeted.iter().map(|p| gap_of(p).unwrap_or(0)).max();
        (
            format!("{met} of {}", targeted.len()),
            gap.map_or_else(|| "—".to_string(), |g| g.to_string()),
            (targeted.len() - met).to_string(),
        )
    } else {
        ("unknown".to_string(), "—".to_string(), "—".to_string())
    };
    let expired = page
        .evidence
        .iter()
        .filter(|e| e.expiry == Expiry::Expired)
        .count();
    vec![
        name,
        a.profile.as_deref().map_or_else(|| "—".to_string(), escape),
        role(a.role).unwrap_or_else(|| "—".to_string()),
        a.date.as_deref().map_or_else(|| "—".to_string(), escape),
        met,
        gap,
        unmet,
        expired.to_string(),
    ]
}

fn title(page: &Page) -> &str {
    let a = &page.assessment;
    a.title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&a.id)
}

fn header(page: &Page, out: &mut String) {
    let a = &page.assessment;
    let not_given = || "not given".to_string();
    out.push_str(&format!("# {}\n\n", escape(title(page))));
    out.push_str(&format!("- Assessment: {}\n", escape(&a.id)));
    out.push_str(&format!(
        "- Profile: {}\n",
        a.profile
            .as_deref()
            .map_or_else(|| "none named".to_string(), escape)
    ));
    out.push_str(&format!(
        "- Role: {}\n",
        role(a.role).unwrap_or_else(not_given)
    ));
    out.push_str(&format!(
        "- Date: {}\n",
        a.date.as_deref().map_or_else(not_given, escape)
    ));
    out.push_str(&format!(
        "- Assessor: {}\n",
        a.assessor.as_deref().map_or_else(not_given, escape)
    ));
    out.push_str(&format!("- File: {}\n", escape(&a.path)));
    if let Some(baseline) = &page.baseline {
        let dated = baseline
            .date
            .as_deref()
            .map(|d| format!(", dated {}", escape(d)))
            .unwrap_or_default();
        out.push_str(&format!("- Baseline: {}{dated}\n", escape(&baseline.label)));
    }
    out.push('\n');
    out.push_str(&status(page));
    out.push_str("\n\n");
    match &page.as_of {
        Some(day) => out.push_str(&format!(
            "Evidence expiry is judged on {}: evidence that expires within {} is flagged as expiring.\n",
            escape(day),
            count(page.expiry_window as usize, "day", "days")
        )),
        None => out.push_str(
            "Evidence expiry is not judged: the assessment has no date and no `--as-of` day was given.\n",
        ),
    }
}

/// `**Status:** 2 of 3 targets met; 1 targeted practice not assessed.`
fn status(page: &Page) -> String {
    let a = &page.assessment;
    if !a.targets_known {
        return match &a.profile {
            Some(profile) => format!(
                "**Status: no targets are known.** The profile {} was not found, so no practice has a target and nothing on this page is met or unmet.",
                escape(profile)
            ),
            None => "**Status: no targets are known.** The assessment names no profile, so no practice has a target and nothing on this page is met or unmet.".to_string(),
        };
    }
    if a.summary.targeted == 0 {
        return "**Status:** the profile sets no target.".to_string();
    }
    let not_assessed = a
        .practices
        .iter()
        .filter(|p| p.target.is_some() && p.current.is_none())
        .count();
    format!(
        "**Status:** {} of {} met; {} not assessed.",
        a.summary.met,
        count(a.summary.targeted, "target", "targets"),
        count(not_assessed, "targeted practice", "targeted practices"),
    )
}

fn charts_section(page: &Page, charts: Charts<'_>, out: &mut String) -> Vec<(String, String)> {
    let (radar, bars) = (charts::radar(page), charts::bars(page));
    out.push_str("\n## Charts\n\n");
    match charts {
        Charts::Inline => {
            for svg in [radar, bars] {
                // An HTML block ends at the first blank line: the chart must hold none.
                for line in svg.lines().filter(|l| !l.trim().is_empty()) {
                    out.push_str(line);
                    out.push('\n');
                }
                out.push('\n');
            }
            out.pop();
            Vec::new()
        }
        Charts::Beside { stem } => {
            let radar_file = format!("{stem}-radar.svg");
            let bars_file = format!("{stem}-domains.svg");
            out.push_str(&format!(
                "![Practices: current against target]({})\n\n![Domains and subdomains]({})\n",
                href(&radar_file),
                href(&bars_file)
            ));
            vec![(radar_file, radar), (bars_file, bars)]
        }
    }
}

fn footer(mappings: &[MappingUsed], meta: &Meta, out: &mut String) {
    out.push_str("\n---\n\n");
    if mappings.is_empty() {
        out.push_str("Mappings used: none.\n");
    } else {
        let labels: Vec<String> = mappings.iter().map(|m| escape(&m.label())).collect();
        out.push_str(&format!("Mappings used: {}.\n", labels.join("; ")));
    }
    out.push_str(&format!(
        "\nMade by {}. {}\n",
        escape(&meta.tool),
        mapping_note(mappings)
    ));
}

/// The built-in mappings (`smm-project-…`) are the project's own; a workspace may bring its
/// own instead (`builtin-mappings = false`), the IIC's or ISA's under licence among them, and
/// the page must not deny that.
fn mapping_note(mappings: &[MappingUsed]) -> &'static str {
    let builtin = mappings
        .iter()
        .filter(|m| m.id.starts_with("smm-project-"))
        .count();
    if builtin == mappings.len() {
        "The mapping of practices to IEC 62443 and ISO/IEC 27001 clauses is the smm project's own, not the IIC's or ISA's published mapping."
    } else if builtin == 0 {
        "The mappings of practices to clauses come from the workspace, not from smm's built-in mapping."
    } else {
        "The smm-project mappings are the smm project's own, not the IIC's or ISA's published mapping; the others come from the workspace."
    }
}

#[cfg(test)]
mod tests;
