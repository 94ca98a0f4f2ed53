//! `--format md`: a report page as GitHub-flavoured Markdown, for pull requests and wikis: the
//! same content as the HTML page (facts and status, the charts, the roll-up, the gap table,
//! clause coverage, the roadmap, the evidence and the findings), and an index of pages.
//!
//! Every string that comes from the files goes through [`escape`], which makes it plain text
//! in Markdown and in the HTML that Markdown renderers let through: no user text can open a
//! link, an image, an HTML tag, a table cell, emphasis or a heading. Links the page makes
//! itself (chart files, index entries) are percent-encoded relative paths.

use smm_model::{Level, Role};
use smm_syntax::visible;

use super::charts;
use super::page::{ClauseLine, EvidenceLine, Expiry, FindingLine, Page, Step};
use super::{Charts, IndexEntry, Meta, Rendered};
use crate::assessed::{AssessedPractice, Rating, Target};
use crate::report::MappingUsed;

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
        let rows: Vec<Vec<String>> = entries.iter().map(index_row).collect();
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
            &rows,
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

/// The roll-up the bar chart draws, as a table that reads without the chart.
fn groups(page: &Page, out: &mut String) {
    out.push_str("\n## Domains and subdomains\n\n");
    if page.groups.is_empty() {
        out.push_str("No domain has a targeted practice.\n");
        return;
    }
    out.push_str("For each domain (in bold) and subdomain: the lowest level reached among its targeted practices (a practice not assessed counts as 0), against the highest target among them.\n\n");
    let rows: Vec<Vec<String>> = page
        .groups
        .iter()
        .map(|g| {
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
        })
        .collect();
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
        &rows,
    );
}

fn gap_table(page: &Page, out: &mut String) {
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
            row.push(change(before, p.current.map(|r| r.level)));
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
    table(out, &columns, &rows);
}

/// Levels still to go, a practice not assessed counting as level 0 (as in the roadmap and the
/// charts); `None` without a target.
fn gap_of(p: &AssessedPractice) -> Option<u8> {
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

fn change(before: Option<u8>, now: Option<u8>) -> String {
    match (before, now) {
        (Some(b), Some(n)) if n > b => format!("↑ {}", n - b),
        (Some(b), Some(n)) if n < b => format!("↓ {}", b - n),
        (Some(_), Some(_)) => "=".to_string(),
        (None, Some(_)) => "new".to_string(),
        (Some(_), None) => "no longer assessed".to_string(),
        (None, None) => "—".to_string(),
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

fn role(id: Option<&str>) -> Option<String> {
    id.map(|id| Role::from_id(id).map_or_else(|| escape(id), |r| r.name().to_string()))
}

fn coverage(page: &Page, out: &mut String) {
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

fn roadmap(page: &Page, out: &mut String) {
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
    let rows: Vec<Vec<String>> = page.roadmap.iter().map(step_row).collect();
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
        &rows,
    );
}

fn step_row(step: &Step) -> Vec<String> {
    let practice = if step.waived {
        format!("{} *(waived)*", escape(&step.title))
    } else {
        escape(&step.title)
    };
    let clauses = if step.clauses.is_empty() {
        "none mapped".to_string()
    } else {
        step.clauses
            .iter()
            .map(clause_line)
            .collect::<Vec<_>>()
            .join("<br>")
    };
    vec![
        practice,
        escape(&step.domain),
        format!(
            "{} → {} {}",
            step.current,
            step.next_level,
            escape(step.next_level_name)
        ),
        step.target.to_string(),
        step.gap.to_string(),
        clauses,
    ]
}

fn evidence(page: &Page, out: &mut String) {
    out.push_str("\n## Evidence\n\n");
    if page.evidence.is_empty() {
        out.push_str("No evidence is recorded.\n");
        return;
    }
    match &page.as_of {
        Some(day) => out.push_str(&format!(
            "Expiry judged on {}; expiring means within {}. A stub stands for evidence still to come and implements no clause.\n\n",
            escape(day),
            count(page.expiry_window as usize, "day", "days")
        )),
        None => out.push_str("Expiry is not judged: there is no day to judge it on. A stub stands for evidence still to come and implements no clause.\n\n"),
    }
    let rows: Vec<Vec<String>> = page.evidence.iter().map(evidence_row).collect();
    table(
        out,
        &[
            ("Practice", Align::Left),
            ("Evidence", Align::Left),
            ("Clauses", Align::Left),
            ("Expires", Align::Left),
            ("Status", Align::Left),
            ("Link", Align::Left),
        ],
        &rows,
    );
}

fn evidence_row(e: &EvidenceLine) -> Vec<String> {
    let text = if e.stub {
        format!("{} *(stub)*", escape(&e.text))
    } else {
        escape(&e.text)
    };
    let clauses = if e.implements.is_empty() {
        "—".to_string()
    } else {
        e.implements
            .iter()
            .map(|c| escape(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        escape(&e.practice_title),
        text,
        clauses,
        e.expires.as_deref().map_or_else(|| "—".to_string(), escape),
        expiry(e),
        // Shown, never followed: the text is whatever the file says, `javascript:` included.
        e.link.as_deref().map_or_else(
            || "—".to_string(),
            |l| format!("<code>{}</code>", escape(l)),
        ),
    ]
}

fn expiry(e: &EvidenceLine) -> String {
    match (e.expiry, e.days_left) {
        (Expiry::Expired, Some(left)) => {
            format!(
                "**expired** ({} ago)",
                count(left.unsigned_abs() as usize, "day", "days")
            )
        }
        (Expiry::Expired, None) => "**expired**".to_string(),
        (Expiry::Expiring, Some(0)) => "**expiring** (today)".to_string(),
        (Expiry::Expiring, Some(left)) => format!(
            "**expiring** (in {})",
            count(left.unsigned_abs() as usize, "day", "days")
        ),
        (Expiry::Expiring, None) => "**expiring**".to_string(),
        (Expiry::Valid, _) => "valid".to_string(),
        (Expiry::None, _) => "no expiry".to_string(),
        (Expiry::Unjudged, _) => "not judged".to_string(),
    }
}

fn findings(page: &Page, out: &mut String) {
    out.push_str("\n## Findings\n\n");
    if page.findings.is_empty() {
        out.push_str("No findings.\n");
        return;
    }
    out.push_str(&format!(
        "What the checker reports inside the assessment, in {}. A waived finding is accepted by a waiver in force.\n\n",
        escape(&page.assessment.path)
    ));
    let rows: Vec<Vec<String>> = page.findings.iter().map(finding_row).collect();
    table(
        out,
        &[
            ("Severity", Align::Left),
            ("Code", Align::Left),
            ("Line:column", Align::Left),
            ("Message", Align::Left),
            ("Waived", Align::Left),
        ],
        &rows,
    );
}

fn finding_row(f: &FindingLine) -> Vec<String> {
    vec![
        escape(f.severity),
        escape(&f.code),
        format!("{}:{}", f.line, f.column),
        escape(&f.message),
        f.waived.as_deref().map_or_else(|| "—".to_string(), escape),
    ]
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

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// A GFM table; an empty cell stays empty. Cells are Markdown already escaped.
fn table(out: &mut String, columns: &[(&str, Align)], rows: &[Vec<String>]) {
    let mut head = String::from("|");
    let mut rule = String::from("|");
    for (name, align) in columns {
        head.push_str(&format!(" {name} |"));
        rule.push_str(match align {
            Align::Left => "---|",
            Align::Right => "---:|",
        });
    }
    out.push_str(&head);
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    for row in rows {
        out.push('|');
        for cell in row {
            if cell.is_empty() {
                out.push_str(" |");
            } else {
                out.push_str(&format!(" {cell} |"));
            }
        }
        out.push('\n');
    }
}

/// `1 day`, `3 days`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// No trailing spaces, exactly one final newline.
fn finish(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.trim_end().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Text from the files made inert: plain text in Markdown (CommonMark and GitHub's extensions)
/// and in the HTML renderers allow, wherever the page puts it (a paragraph, a list item, a
/// table cell, a heading, emphasis, link text or inline `<code>`), but never inside an HTML
/// block, where backslashes are not escapes.
///
/// - Line breaks and tabs become spaces and the ends are trimmed, so the text stays on its line
///   and never ends in a hard break; characters that reorder or hide text are shown as escapes
///   ([`visible`]).
/// - `< > &` become entities: no tag, comment, autolink or entity of the text's own.
/// - ``\ ` * _ ~ [ ] ( ) { } # ! | $ : . @`` are backslash-escaped: no code span, emphasis,
///   strikethrough, link, image, footnote, table cell, math or heading (and nothing for
///   attribute syntaxes); the escaped `:` and `.` stop bare URLs (`http://`, `www.`) from
///   becoming links.
/// - `@` and `#` are followed by `<wbr>` (an allowed tag that shows nothing): neither an
///   e-mail address nor, on GitHub, a mention or an issue reference is linked.
/// - `-` and `+` are escaped at the start, where they could open a list or a rule.
pub(crate) fn escape(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let shown = visible(flat.trim());
    let mut out = String::with_capacity(shown.len() + 8);
    for (i, c) in shown.chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // A break after them, invisible and not copied: GitHub's cmark links
            // `a\@b\.org` as an e-mail address, and links `@name` and `#12` as a mention and an
            // issue reference, when the text around them is one run.
            '@' | '#' => {
                out.push('\\');
                out.push(c);
                out.push_str("<wbr>");
            }
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '(' | ')' | '{' | '}' | '!' | '|' | '$'
            | ':' | '.' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A relative link's destination made from a `/`-separated path: every byte but the
/// unreserved ones and `/` percent-encoded, so no scheme (`javascript:`), space, parenthesis or
/// angle bracket survives; a leading `/` gets `./` before it so that `//host` stays a path.
fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push('.');
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
}
