//! The report as HTML: one self-contained page per assessment and an index linking them.
//!
//! A page holds no script and loads nothing: its only style sheet is inline, its charts are
//! inline SVG, and a Content-Security-Policy meta tag forbids scripts and remote loads, so a
//! string that escaped its escaping still could not run. Every string from the user's files is
//! escaped by [`escape_html`]. The markup is also well-formed XML (void elements closed with
//! `/>`, no named entity but `&amp;` `&lt;` `&gt;` `&quot;`), which the tests check by parsing
//! it. The same page gives the same bytes: nothing here reads the clock or iterates a hash map.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use smm_model::{Level, Role};

use super::page::{Baseline, EvidenceLine, Expiry, Page};
use super::{charts, IndexEntry, Meta};
use crate::assessed::{AssessedPractice, Rating};
use crate::report::MappingUsed;

#[cfg(test)]
mod tests;

/// What a page allows itself: inline style, `data:` images, nothing else.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                       base-uri 'none'; form-action 'none'";

/// `text` made safe for HTML text and quoted attribute values: `& < > " '` become
/// character references; control characters other than tab and line breaks (which HTML
/// forbids) and the non-characters U+FFFE/U+FFFF are dropped.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\n'),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

use escape_html as esc;

/// One page for one assessment.
pub fn page(page: &Page, meta: &Meta) -> String {
    let a = &page.assessment;
    let name = a.title.as_deref().unwrap_or(&a.id);
    let mut out = String::new();
    head(&mut out, &format!("SMM report: {name}"));
    header(&mut out, page, name);
    charts_section(&mut out, page);
    gap_table(&mut out, page);
    coverage(&mut out, page);
    roadmap(&mut out, page);
    evidence(&mut out, page);
    findings(&mut out, page);
    out.push_str("</main>\n");
    footer(&mut out, page.mappings.iter(), meta);
    out
}

/// The index of several assessments' pages.
pub fn index(entries: &[IndexEntry], meta: &Meta) -> String {
    let mut out = String::new();
    head(&mut out, "SMM reports");
    out.push_str("<header>\n<h1>Security maturity reports</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"status\">{} assessment{}, one page each.</p>\n</header>\n<main>",
        entries.len(),
        plural(entries.len())
    );
    out.push_str(
        "<section id=\"assessments\" aria-labelledby=\"assessments-h\">\n\
         <h2 id=\"assessments-h\">Assessments</h2>\n<table class=\"index\">\n\
         <caption>Each assessment against its profile's targets. A practice that is not \
         assessed counts as a target not met; the largest gap is in levels.</caption>\n\
         <thead><tr><th scope=\"col\">Assessment</th><th scope=\"col\">Profile</th>\
         <th scope=\"col\">Role</th><th scope=\"col\">Date</th>\
         <th scope=\"col\">Targets met</th><th scope=\"col\">Largest gap</th>\
         <th scope=\"col\">Targets not met</th><th scope=\"col\">Expired evidence</th>\
         </tr></thead>\n<tbody>\n",
    );
    for entry in entries {
        let a = &entry.page.assessment;
        let name = a.title.as_deref().unwrap_or(&a.id);
        let (targeted, met) = targets(&a.practices);
        let largest = a
            .practices
            .iter()
            .filter_map(|p| {
                let target = p.target.as_ref()?.level;
                Some(target.saturating_sub(p.current.map_or(0, |c| c.level)))
            })
            .max();
        let expired = entry
            .page
            .evidence
            .iter()
            .filter(|e| e.expiry == Expiry::Expired)
            .count();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a> <span class=\"id\">{}</span></th>\
             <td>{}</td><td>{}</td><td>{}</td>",
            esc(&entry.href),
            esc(name),
            esc(&a.id),
            a.profile.as_deref().map_or("—".to_string(), esc),
            role_name(a.role),
            a.date.as_deref().map_or("—".to_string(), esc),
        );
        if a.targets_known {
            let _ = writeln!(
                out,
                "<td class=\"num\">{met} of {targeted}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td>",
                largest.map_or("—".to_string(), |g| g.to_string()),
                targeted - met
            );
        } else {
            out.push_str("<td colspan=\"3\">No targets known: profile not found</td>\n");
        }
        let _ = writeln!(out, "<td class=\"num\">{expired}</td></tr>");
    }
    out.push_str("</tbody>\n</table>\n</section>\n</main>\n");
    let mut mappings: BTreeMap<String, &MappingUsed> = BTreeMap::new();
    for m in entries.iter().flat_map(|e| &e.page.mappings) {
        mappings.entry(m.label()).or_insert(m);
    }
    footer(&mut out, mappings.into_values(), meta);
    out
}

const STYLE: &str = "\
:root{color-scheme:light}
body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1a1a1a;background:#fff;max-width:74rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .4rem}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid #c8c8c8}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:#0b5394}
.status{font-size:1.05rem;margin:.4rem 0}
.notice{border:1px solid #b45f06;padding:.5rem .75rem;margin:.75rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.75rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
figure{margin:1rem 0}
figcaption{font-size:.9rem;color:#444;margin-top:.3rem}
svg.smm-chart{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.25rem;font-size:.9rem}
caption{text-align:left;color:#444;padding:.25rem 0}
th,td{border:1px solid #d0d0d0;padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f2f2f2}
tbody th{font-weight:600}
tr.domain th{background:#e8eef4}
.num{text-align:right;font-variant-numeric:tabular-nums}
.id,code{font-family:ui-monospace,\"SFMono-Regular\",Menlo,Consolas,monospace;font-size:.85em;color:#555}
.id{display:block;font-weight:400}
.small,.note{font-size:.85em;color:#444}
.note{display:block;font-weight:400;margin-top:.2rem}
.clauses{margin:0;padding-left:1.1rem}
.columns{columns:2 24rem;column-gap:2rem;margin:.3rem 0 .8rem}
.tag{border:1px solid #888;border-radius:3px;padding:0 .3em;font-size:.8em;white-space:nowrap}
td.unmet,td.expired,td.expiring,tr.severity-error td:first-child{font-weight:600}
tr.expired td,tr.expired th{background:#fde9e7}
tr.expiring td,tr.expiring th{background:#fff4d6}
details{margin:.25rem 0}
summary{cursor:pointer}
footer{margin-top:2.5rem;padding-top:.5rem;border-top:1px solid #c8c8c8;font-size:.85rem;color:#444}
@media print{
@page{size:A4;margin:14mm 12mm}
body{font-size:9.5pt;max-width:none;margin:0;padding:0}
nav{display:none}
a{color:inherit;text-decoration:none}
thead{display:table-header-group}
tr,figure,.notice,li,footer,#coverage table,summary{break-inside:avoid;page-break-inside:avoid}
table{font-size:8.5pt}
.columns{columns:2;column-gap:6mm;font-size:8.5pt}
h2,h3,caption{break-after:avoid;page-break-after:avoid}
section.major{break-before:page;page-break-before:always}
thead th,tr.domain th,tr.expired td,tr.expired th,tr.expiring td,tr.expiring th{background:none}
tr.expired,tr.expiring{border-left:3px solid #1a1a1a}
svg.smm-chart{width:100%;height:auto;max-height:240mm}
summary{list-style:none}
}
";

/// The document's start, up to and including `<body>`.
fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(CSP),
        esc(title)
    );
}

fn header(out: &mut String, page: &Page, name: &str) {
    let a = &page.assessment;
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", esc(name));
    let (targeted, met) = targets(&a.practices);
    let not_assessed = a
        .practices
        .iter()
        .filter(|p| p.target.is_some() && p.current.is_none())
        .count();
    let rated = a.practices.iter().filter(|p| p.current.is_some()).count();
    if a.targets_known && targeted == 0 {
        let _ = writeln!(
            out,
            "<p class=\"status\"><strong>The profile sets no targets</strong>; {rated} of {} \
             practices assessed.</p>",
            a.practices.len()
        );
    } else if a.targets_known {
        let _ = writeln!(
            out,
            "<p class=\"status\"><strong>{met} of {targeted} targets met</strong>; \
             {not_assessed} practice{} with a target not assessed; {rated} of {} practices \
             assessed.</p>",
            plural(not_assessed),
            a.practices.len()
        );
    } else {
        let why = match &a.profile {
            Some(p) => format!("the profile {} was not found", esc(p)),
            None => "the assessment names no profile".to_string(),
        };
        let _ = writeln!(
            out,
            "<p class=\"status\"><strong>No targets are known</strong>: {rated} of {} \
             practices assessed.</p>\n<p class=\"notice\" role=\"note\">Because {why}, no \
             targets are known: this page shows the levels found, not how far they are from \
             where they should be.</p>",
            a.practices.len()
        );
    }
    out.push_str("<dl class=\"facts\">\n");
    let dash = || "—".to_string();
    let facts = [
        ("Assessment", esc(&a.id)),
        ("Profile", a.profile.as_deref().map_or_else(dash, esc)),
        ("Role", role_name(a.role)),
        ("Date", a.date.as_deref().map_or_else(dash, esc)),
        ("Assessor", a.assessor.as_deref().map_or_else(dash, esc)),
        ("File", format!("<code>{}</code>", esc(&a.path))),
        (
            "Expiry judged on",
            match &page.as_of {
                Some(day) => format!(
                    "{} (evidence expiring within {} days is flagged)",
                    esc(day),
                    page.expiry_window
                ),
                None => "no day: the assessment has no date and none was given with \
                         --as-of, so expiry dates are not judged"
                    .to_string(),
            },
        ),
    ];
    for (term, value) in facts {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{value}</dd>");
    }
    if let Some(b) = &page.baseline {
        let _ = writeln!(
            out,
            "<dt>Compared with</dt><dd><code>{}</code>{}</dd>",
            esc(&b.label),
            b.date
                .as_deref()
                .map_or(String::new(), |d| format!(", dated {}", esc(d)))
        );
    }
    out.push_str(
        "</dl>\n<nav aria-label=\"Contents\"><ul><li><a href=\"#charts\">Charts</a></li>\
         <li><a href=\"#gaps\">Gap table</a></li><li><a href=\"#coverage\">Clause \
         coverage</a></li><li><a href=\"#roadmap\">Roadmap</a></li><li><a \
         href=\"#evidence\">Evidence</a></li><li><a href=\"#findings\">Findings</a></li>\
         </ul></nav>\n</header>\n<main>\n",
    );
}

fn charts_section(out: &mut String, page: &Page) {
    let n = page.assessment.practices.len();
    let baseline = if page.baseline.is_some() {
        ", dotted line with diamonds: the baseline"
    } else {
        ""
    };
    let _ = write!(
        out,
        "<section id=\"charts\" aria-labelledby=\"charts-h\">\n\
         <h2 id=\"charts-h\">Practices at a glance</h2>\n\
         <figure id=\"radar\" aria-describedby=\"gaps-caption\">\n{}\
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

fn gap_table(out: &mut String, page: &Page) {
    let a = &page.assessment;
    let columns = 7 + if page.baseline.is_some() { 2 } else { 0 };
    out.push_str(
        "<section id=\"gaps\" class=\"major\" aria-labelledby=\"gaps-h\">\n\
         <h2 id=\"gaps-h\">Gap table</h2>\n<table>\n<caption id=\"gaps-caption\">Every \
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
    let change = match (then, current) {
        (Some(then), Some(now)) if now > then => format!("↑ up {}", now - then),
        (Some(then), Some(now)) if now < then => format!("↓ down {}", then - now),
        (Some(_), Some(_)) => "= same".to_string(),
        (None, Some(_)) => "new: not assessed before".to_string(),
        (Some(_), None) => "no longer assessed".to_string(),
        (None, None) => "—".to_string(),
    };
    format!(
        "<td>{}</td><td>{change}</td>",
        then.map_or("not assessed".to_string(), level_text)
    )
}

fn coverage(out: &mut String, page: &Page) {
    out.push_str(
        "<section id=\"coverage\" aria-labelledby=\"coverage-h\">\n\
         <h2 id=\"coverage-h\">Clause coverage</h2>\n",
    );
    if page.coverage.is_empty() {
        out.push_str(
            "<p>No clauses are mapped to the targets: without targets or a role there is \
             nothing to cover.</p>\n</section>\n",
        );
        return;
    }
    out.push_str(
        "<table>\n<caption>Per standard, the clauses the mapping ties to this assessment's \
         targets for its role, and how many of them the evidence implements; the clauses \
         without evidence are listed below.</caption>\n\
         <thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Implemented</th>\
         <th scope=\"col\">Share</th><th scope=\"col\">Without evidence</th></tr>\
         </thead>\n<tbody>\n",
    );
    let name = |c: &super::page::Coverage| match c.title.as_str() {
        "" => format!("<code>{}</code>", esc(&c.standard)),
        t => format!("<code>{}</code> {}", esc(&c.standard), esc(t)),
    };
    for (i, c) in page.coverage.iter().enumerate() {
        let share = match c.mapped {
            0 => "—".to_string(),
            mapped => format!("{} %", (c.implemented * 100 + mapped / 2) / mapped),
        };
        let missing = match c.missing.len() {
            0 => "none".to_string(),
            n => format!("<a href=\"#missing-{i}\">{n}</a>"),
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{} of {}</td>\
             <td class=\"num\">{share}</td><td class=\"num\">{missing}</td></tr>",
            name(c),
            c.implemented,
            c.mapped
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if page.coverage.iter().any(|c| !c.missing.is_empty()) {
        out.push_str("<h3>Clauses without evidence</h3>\n");
    }
    for (i, c) in page.coverage.iter().enumerate() {
        if c.missing.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<details open=\"open\" id=\"missing-{i}\"><summary>{}: {} clause{} without \
             evidence</summary>\n<ul class=\"clauses columns\">",
            name(c),
            c.missing.len(),
            plural(c.missing.len())
        );
        for m in &c.missing {
            out.push_str(&clause_item(&m.id, &m.title));
        }
        out.push_str("</ul>\n</details>\n");
    }
    out.push_str("</section>\n");
}

fn clause_item(id: &str, title: &str) -> String {
    match title {
        "" => format!("<li><code>{}</code></li>", esc(id)),
        t => format!("<li><code>{}</code> {}</li>", esc(id), esc(t)),
    }
}

fn roadmap(out: &mut String, page: &Page) {
    out.push_str(
        "<section id=\"roadmap\" class=\"major\" aria-labelledby=\"roadmap-h\">\n\
         <h2 id=\"roadmap-h\">Roadmap</h2>\n",
    );
    if page.roadmap.is_empty() {
        out.push_str("<p>No next steps: no practice is below its target.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<caption>The practices below their target, the widest gap first, each with \
         its next level and the clauses that level brings in the mapping (what the next step \
         asks for).</caption>\n<thead><tr><th scope=\"col\">Step</th>\
         <th scope=\"col\">Practice</th><th scope=\"col\">Now → next</th>\
         <th scope=\"col\">Target</th><th scope=\"col\">Gap</th>\
         <th scope=\"col\">Clauses the next level brings</th></tr></thead>\n<tbody>\n",
    );
    for (n, s) in page.roadmap.iter().enumerate() {
        let waived = if s.waived {
            " <span class=\"tag\">Waived</span>"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<tr{}><td class=\"num\">{}</td><th scope=\"row\">{}{waived}\
             <span class=\"id\">{} · {}</span></th><td>{} → {} {}</td><td>{}</td>\
             <td class=\"num\">{}</td><td>",
            if s.waived { " class=\"waived\"" } else { "" },
            n + 1,
            esc(&s.title),
            esc(&s.practice),
            esc(&s.domain),
            level_text(s.current),
            s.next_level,
            esc(s.next_level_name),
            level_text(s.target),
            s.gap
        );
        if s.clauses.is_empty() {
            out.push_str("No mapped clauses for this role at that level.");
        } else {
            out.push_str("<ul class=\"clauses\">");
            for c in &s.clauses {
                out.push_str(&clause_item(&c.id, &c.title));
            }
            out.push_str("</ul>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn evidence(out: &mut String, page: &Page) {
    out.push_str(
        "<section id=\"evidence\" class=\"major\" aria-labelledby=\"evidence-h\">\n\
         <h2 id=\"evidence-h\">Evidence</h2>\n",
    );
    if page.evidence.is_empty() {
        out.push_str("<p>The assessment gives no evidence.</p>\n</section>\n");
        return;
    }
    let count = |x: Expiry| page.evidence.iter().filter(|e| e.expiry == x).count();
    let stubs = page.evidence.iter().filter(|e| e.stub).count();
    let _ = writeln!(
        out,
        "<p>{} item{}: <strong>{} expired</strong>, <strong>{} expiring</strong> within {} \
         days, {} not judged (no day to judge on), {} stub{} (a placeholder that implements \
         no clause).</p>",
        page.evidence.len(),
        plural(page.evidence.len()),
        count(Expiry::Expired),
        count(Expiry::Expiring),
        page.expiry_window,
        count(Expiry::Unjudged),
        stubs,
        plural(stubs)
    );
    out.push_str(
        "<table>\n<caption>The evidence given, practice by practice, with its expiry as of \
         the day above. ✗ expired, ⚠ expiring soon, ? not judged.</caption>\n<thead><tr>\
         <th scope=\"col\">Practice</th><th scope=\"col\">Evidence</th>\
         <th scope=\"col\">Implements</th><th scope=\"col\">Expires</th>\
         <th scope=\"col\">Status</th><th scope=\"col\">Link</th></tr></thead>\n<tbody>\n",
    );
    for e in &page.evidence {
        let stub = if e.stub {
            " <span class=\"tag\">Stub</span>"
        } else {
            ""
        };
        let clauses = if e.implements.is_empty() {
            "—".to_string()
        } else {
            e.implements
                .iter()
                .map(|c| format!("<code>{}</code>", esc(c)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(
            out,
            "<tr class=\"{0}\"><th scope=\"row\">{1}<span class=\"id\">{2}</span></th>\
             <td>{3}{stub}</td><td>{clauses}</td><td>{4}</td><td class=\"{0}\">{5}</td>\
             <td>{6}</td></tr>",
            e.expiry.id(),
            esc(&e.practice_title),
            esc(&e.practice),
            esc(&e.text),
            e.expires.as_deref().map_or("—".to_string(), esc),
            expiry_text(e),
            e.link.as_deref().map_or("—".to_string(), link),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn expiry_text(e: &EvidenceLine) -> String {
    let days = |n: i64| format!("{n} day{}", plural(n.unsigned_abs() as usize));
    match (e.expiry, e.days_left) {
        (Expiry::None, _) => "No expiry date".to_string(),
        (Expiry::Valid, Some(left)) => format!("Valid: {} left", days(left)),
        (Expiry::Valid, None) => "Valid".to_string(),
        (Expiry::Expiring, Some(0)) => "⚠ Expiring today".to_string(),
        (Expiry::Expiring, Some(left)) => format!("⚠ Expiring in {}", days(left)),
        (Expiry::Expiring, None) => "⚠ Expiring".to_string(),
        (Expiry::Expired, Some(left)) => format!("✗ Expired {} ago", days(-left)),
        (Expiry::Expired, None) => "✗ Expired".to_string(),
        (Expiry::Unjudged, _) => {
            "? Not judged: no date to judge expiry on (the assessment has no date and none \
             was given with --as-of)"
                .to_string()
        }
    }
}

/// A link from a user's file: an `<a>` only to an `http:` or `https:` address, otherwise its
/// text (it may be a relative path, or `javascript:`).
fn link(url: &str) -> String {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!(
            "<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
            esc(url)
        )
    } else {
        format!("<code>{}</code>", esc(url))
    }
}

fn findings(out: &mut String, page: &Page) {
    out.push_str(
        "<section id=\"findings\" aria-labelledby=\"findings-h\">\n\
         <h2 id=\"findings-h\">Findings</h2>\n",
    );
    if page.findings.is_empty() {
        out.push_str(
            "<p>No findings: the checker reports nothing inside this assessment.</p>\n\
             </section>\n",
        );
        return;
    }
    let _ = writeln!(
        out,
        "<table>\n<caption>What the checker reports inside this assessment (positions are \
         line:column in <code>{}</code>); a waived finding was accepted by a waiver, with \
         its reason.</caption>\n<thead><tr><th scope=\"col\">Severity</th>\
         <th scope=\"col\">Code</th><th scope=\"col\">Where</th><th scope=\"col\">Message</th>\
         <th scope=\"col\">Waived</th></tr></thead>\n<tbody>",
        esc(&page.assessment.path)
    );
    for f in &page.findings {
        let severity = esc(f.severity);
        let _ = writeln!(
            out,
            "<tr class=\"severity-{severity}\"><td>{severity}</td><td><code>{}</code></td>\
             <td class=\"num\">{}:{}</td><td>{}</td><td>{}</td></tr>",
            esc(&f.code),
            f.line,
            f.column,
            esc(&f.message),
            f.waived
                .as_deref()
                .map_or("—".to_string(), |r| format!("Waived: {}", esc(r)))
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn footer<'a>(out: &mut String, mappings: impl Iterator<Item = &'a MappingUsed>, meta: &Meta) {
    out.push_str("<footer>\n<p>Mappings used: ");
    let labels: Vec<String> = mappings
        .map(|m| match m.title.as_str() {
            "" => esc(&m.label()),
            t => format!("{} ({})", esc(&m.label()), esc(t)),
        })
        .collect();
    if labels.is_empty() {
        out.push_str("none.");
    } else {
        out.push_str(&labels.join("; "));
        out.push('.');
    }
    let _ = writeln!(
        out,
        "</p>\n<p>The mapping between SMM practices and IEC 62443 and ISO/IEC 27001/27002 \
         clauses is the smm project's own; it is not a mapping published by the IIC or ISA.\
         </p>\n<p>Made by {}.</p>\n</footer>\n</body>\n</html>",
        esc(&meta.tool)
    );
}

/// Targeted practices, and how many of them are met.
fn targets(practices: &[AssessedPractice]) -> (usize, usize) {
    let targeted = practices.iter().filter(|p| p.target.is_some()).count();
    let met = practices.iter().filter(|p| p.met == Some(true)).count();
    (targeted, met)
}

/// `3 Consistent`.
fn level_text(level: u8) -> String {
    match Level::from_number(i64::from(level)) {
        Some(l) => format!("{level} {}", l.name()),
        None => level.to_string(),
    }
}

/// `3 Consistent, industry scope`.
fn rating_text(level: u8, scope: &str) -> String {
    format!(
        "{}, <span class=\"small\">{} scope</span>",
        level_text(level),
        esc(scope)
    )
}

fn role_name(role: Option<&str>) -> String {
    match role {
        Some(id) => Role::from_id(id).map_or_else(|| esc(id), |r| r.name().to_string()),
        None => "—".to_string(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
