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

use super::page::{Expiry, Page};
use super::{IndexEntry, Meta};
use crate::assessed::AssessedPractice;
use crate::check_report::MappingUsed;
use crate::markup_escape::{self, Markup};

mod coverage;
mod evidence;
mod head;
mod practices;

use coverage::{coverage, roadmap};
use evidence::{evidence, findings};
use head::{head, header};
use practices::{charts_section, gap_table};

#[cfg(test)]
mod tests;

/// What a page allows itself: inline style, `data:` images, nothing else.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                       base-uri 'none'; form-action 'none'";

/// `text` made safe for HTML text and quoted attribute values: `& < > " '` become
/// character references; control characters other than tab and line breaks (which HTML
/// forbids) and the non-characters U+FFFE/U+FFFF are dropped.
pub fn escape_html(text: &str) -> String {
    markup_escape::escape(text, Markup::Html)
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
    open_section(&mut out, "assessments", false, "Assessments");
    out.push_str(
        "<table class=\"index\">\n\
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

/// Opens section `id` under its heading; a `major` one is a long table set apart from the rest.
fn open_section(out: &mut String, id: &str, major: bool, heading: &str) {
    let class = if major { " class=\"major\"" } else { "" };
    let _ = writeln!(
        out,
        "<section id=\"{id}\"{class} aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{heading}</h2>"
    );
}

/// Closes a section with nothing to show after the sentence that says so.
fn close_empty(out: &mut String, sentence: &str) {
    let _ = writeln!(out, "<p>{sentence}</p>\n</section>");
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
