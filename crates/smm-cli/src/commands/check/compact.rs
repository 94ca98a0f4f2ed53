//! `--format compact`: one line per finding, `path:line:column: severity code message`, as
//! ruff and Regal print them, for CI logs read by people and by editors' problem matchers.
//! Findings are grouped as in human output (`grouped`); a group lists what each said.

use super::grouped;
use crate::check_report::Report;

/// The findings, then `summary` (the human output's last line).
pub fn render(report: &Report, summary: &str) -> String {
    let mut out = String::new();
    for file in &report.files {
        for group in grouped::for_people(&file.checks.diagnostics) {
            let d = &group.diagnostic;
            let (line, column) = file.line_column(d.span.start);
            let mut message = d.message.to_string();
            if group.messages.len() > 1 {
                message.push_str(": ");
                message.push_str(&group.messages.join("; "));
            }
            out.push_str(&format!(
                "{}:{line}:{column}: {} {} {}\n",
                file.shown,
                d.severity.as_str(),
                d.code,
                smm_syntax::visible(&message)
            ));
        }
    }
    out.push_str(summary);
    out.push('\n');
    out
}
