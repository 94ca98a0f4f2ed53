//! What the mapping asks: clause coverage per standard, and the roadmap's next steps.

use std::fmt::Write as _;

use super::super::page::{Coverage, Page};
use super::{close_empty, esc, level_text, open_section, plural};

pub(super) fn coverage(out: &mut String, page: &Page) {
    open_section(out, "coverage", false, "Clause coverage");
    if page.coverage.is_empty() {
        return close_empty(
            out,
            "No clauses are mapped to the targets: without targets or a role there is nothing \
             to cover.",
        );
    }
    out.push_str(
        "<table>\n<caption>Per standard, the clauses the mapping ties to this assessment's \
         targets for its role, and how many of them the evidence implements; the clauses \
         without evidence are listed below.</caption>\n\
         <thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Implemented</th>\
         <th scope=\"col\">Share</th><th scope=\"col\">Without evidence</th></tr>\
         </thead>\n<tbody>\n",
    );
    let name = |c: &Coverage| match c.title.as_str() {
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

pub(super) fn roadmap(out: &mut String, page: &Page) {
    open_section(out, "roadmap", true, "Roadmap");
    if page.roadmap.is_empty() {
        return close_empty(out, "No next steps: no practice is below its target.");
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
