//! The page's start: the document head with its style sheet, and the header with the
//! assessment's facts and status.

use std::fmt::Write as _;

use super::super::page::Page;
use super::{esc, plural, role_name, targets, CSP};

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
pub(super) fn head(out: &mut String, title: &str) {
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

pub(super) fn header(out: &mut String, page: &Page, name: &str) {
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
