//! `--format github`: GitHub Actions workflow commands, one annotation per finding. Values are
//! escaped as the runner expects, so that a `%`, a line break, a `:` or a `,` in a message or
//! a path cannot end the command early; before that, characters that could take over the log
//! viewer or a terminal (an escape, a carriage return, a bidirectional override) are shown as
//! escapes (`smm_syntax::visible`).

use smm_syntax::{visible, Severity};

use crate::check_report::Report;

/// How many annotations of one kind (error, warning, notice) GitHub shows for a step; the
/// rest are dropped without a word, so the run says so itself.
const SHOWN_PER_KIND: usize = 10;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let mut per_kind = std::collections::BTreeMap::<&str, usize>::new();
    for file in &report.files {
        for reported in &file.checks.diagnostics {
            let d = &reported.diagnostic;
            let command = match d.severity {
                _ if reported.waived.is_some() => "notice",
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let title = match reported.waived {
                Some(_) => format!("{} (waived)", d.code),
                None => d.code.to_string(),
            };
            *per_kind.entry(command).or_default() += 1;
            let (line, column) = file.line_column(d.span.start);
            let (end_line, end_column) = file.line_column(d.span.end);
            let message = d.message_with_remarks();
            out.push_str(&format!(
                "::{command} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}\n",
                property(&visible(&file.relative)),
                property(&visible(&title)),
                data(&visible(&message))
            ));
        }
    }
    let hidden: Vec<String> = per_kind
        .iter()
        .filter(|(_, n)| **n > SHOWN_PER_KIND)
        .map(|(kind, n)| format!("{n} {kind}s"))
        .collect();
    if !hidden.is_empty() {
        out.push_str(&format!(
            "::notice title=smm::{}\n",
            data(&format!(
                "smm reported {}; GitHub shows only the first {SHOWN_PER_KIND} annotations of each kind. The log above lists them all, and the job summary has the gaps per assessment.",
                hidden.join(" and ")
            ))
        ));
    }
    out
}

/// A Markdown job summary (`$GITHUB_STEP_SUMMARY`): the counts, then per assessment the
/// targets met and the gap table.
pub fn job_summary(report: &Report, summary_line: &str) -> String {
    let cell = |text: &str| visible(text).replace('|', "\\|");
    let mut out = format!("## smm check\n\n{}\n", cell(summary_line));
    for file in &report.files {
        for a in &file.checks.assessments {
            out.push_str(&format!(
                "\n### Assessment `{}` ({})\n\n{} of {} targets met",
                cell(&a.name),
                cell(&file.relative),
                a.summary.met,
                a.summary.targeted
            ));
            if let Some(profile) = &a.profile {
                out.push_str(&format!(", profile `{}`", cell(profile)));
            }
            out.push_str(".\n");
            // Targets not met, assessed below them or not assessed at all.
            let gaps: Vec<_> = a
                .practices
                .iter()
                .filter(|p| p.target.is_some() && p.met != Some(true))
                .collect();
            if gaps.is_empty() {
                continue;
            }
            out.push_str("\n| Practice | Target | Current | Gap | Set by | Waived |\n|---|---|---|---|---|---|\n");
            for p in gaps {
                let target = p.target.as_ref();
                let level_scope = |level: u8, scope: &str| format!("{level} ({scope})");
                out.push_str(&format!(
                    "| `{}` | {} | {} | {} | {} | {} |\n",
                    cell(&p.practice),
                    target.map_or("".into(), |t| level_scope(t.level, t.scope)),
                    p.current
                        .map_or("not assessed".into(), |r| level_scope(r.level, r.scope)),
                    p.gap.map_or("".into(), |g| g.to_string()),
                    target.map_or("".into(), |t| format!("`{}`", cell(&t.set_by))),
                    p.waived
                        .as_ref()
                        .map_or("".into(), |w| format!("until {}", w.expires)),
                ));
            }
        }
    }
    out
}

fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn text_from_files_cannot_reach_the_log_raw() {
        use crate::check_report::{FileChecks, FileReport, Reported};
        use smm_syntax::{Diagnostic, Span, SyntaxCode};
        let mut diagnostic = Diagnostic::syntax(
            SyntaxCode::UnexpectedToken,
            Span::new(0, 1),
            "evil \x1b]0;owned\x07 \x1b[2J\r\0\u{202e}: 100%",
        );
        diagnostic.notes.push("note \x1b[31m".into());
        let report = Report {
            roots: vec!["/w".into()],
            files: vec![FileReport {
                root: 0,
                relative: "a.smm".into(),
                relative_path: "a.smm".into(),
                shown: "a.smm".into(),
                text: "x\n".into(),
                lines: smm_syntax::lines::LineIndex::new("x\n").into(),
                checks: FileChecks {
                    diagnostics: vec![Reported {
                        diagnostic,
                        fix: None,
                        waived: None,
                    }],
                    assessments: Vec::new(),
                },
                dependent: false,
            }],
            mappings: Vec::new(),
        };
        let out = render(&report);
        assert!(
            !out.contains(['\x1b', '\x07', '\r', '\0', '\u{202e}']),
            "{out:?}"
        );
        let message = out.split_once("::").unwrap().1.split_once("::").unwrap().1;
        assert_eq!(
            message,
            "evil \\e]0;owned\\u{7} \\e[2J\\r\\0\\u{202e}: 100%25%0Anote \\e[31m\n"
        );
    }
}
