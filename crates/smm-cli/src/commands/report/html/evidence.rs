//! What the assessment shows: its evidence with each item's expiry, and the checker's findings.

use std::fmt::Write as _;

use super::super::page::{EvidenceLine, Expiry, Page};
use super::{close_empty, esc, open_section, plural};

pub(super) fn evidence(out: &mut String, page: &Page) {
    open_section(out, "evidence", true, "Evidence");
    if page.evidence.is_empty() {
        return close_empty(out, "The assessment gives no evidence.");
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

pub(super) fn findings(out: &mut String, page: &Page) {
    open_section(out, "findings", false, "Findings");
    if page.findings.is_empty() {
        return close_empty(
            out,
            "No findings: the checker reports nothing inside this assessment.",
        );
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
