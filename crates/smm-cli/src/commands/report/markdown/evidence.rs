//! What the assessment shows: its evidence with each item's expiry, and the checker's findings.

use super::super::page::{EvidenceLine, Expiry, FindingLine, Page};
use super::markup::{count, escape, joined, table, tagged, Align};

pub(super) fn evidence(page: &Page, out: &mut String) {
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
        page.evidence.iter().map(evidence_row),
    );
}

fn evidence_row(e: &EvidenceLine) -> Vec<String> {
    vec![
        escape(&e.practice_title),
        tagged(&e.text, e.stub.then_some("stub")),
        joined(e.implements.iter().map(|c| escape(c)), ", ", "—"),
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

pub(super) fn findings(page: &Page, out: &mut String) {
    out.push_str("\n## Findings\n\n");
    if page.findings.is_empty() {
        out.push_str("No findings.\n");
        return;
    }
    out.push_str(&format!(
        "What the checker reports inside the assessment, in {}. A waived finding is accepted by a waiver in force.\n\n",
        escape(&page.assessment.path)
    ));
    table(
        out,
        &[
            ("Severity", Align::Left),
            ("Code", Align::Left),
            ("Line:column", Align::Left),
            ("Message", Align::Left),
            ("Waived", Align::Left),
        ],
        page.findings.iter().map(finding_row),
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
