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
mod tests;
