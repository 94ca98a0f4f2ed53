//! `--format junit`: JUnit XML, which CI servers show as test results. Each assessment is a
//! suite with one test case per targeted practice (failed when unmet or not assessed); one
//! more suite holds a test case per file with errors.

use smm_syntax::Severity;

use crate::report::{AssessmentResult, FileReport, Report};
use smm_check::line_column;

struct Case {
    class: String,
    name: String,
    /// (type, message, details) when the case failed.
    failure: Option<(String, String, String)>,
    /// Why a waiver accepts the failure: the case is skipped instead.
    waived: Option<String>,
}

pub fn render(report: &Report) -> String {
    let mut suites: Vec<(String, Vec<Case>)> = Vec::new();
    for file in &report.files {
        for assessment in &file.checks.assessments {
            let name = format!("assessment {} ({})", assessment.name, file.relative);
            suites.push((name, practice_cases(assessment)));
        }
    }
    let files: Vec<Case> = report.files.iter().filter_map(file_case).collect();
    suites.push(("files with errors".to_string(), files));

    let tests: usize = suites.iter().map(|(_, c)| c.len()).sum();
    let failures: usize = suites
        .iter()
        .flat_map(|(_, c)| c)
        .filter(|c| c.failure.is_some())
        .count();
    let skipped: usize = suites
        .iter()
        .flat_map(|(_, c)| c)
        .filter(|c| c.waived.is_some())
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"smm check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n"
    ));
    for (name, cases) in &suites {
        let failed = cases.iter().filter(|c| c.failure.is_some()).count();
        let skipped = cases.iter().filter(|c| c.waived.is_some()).count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\">\n",
            escape(name),
            cases.len()
        ));
        for case in cases {
            let open = format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(&case.class),
                escape(&case.name)
            );
            match (&case.failure, &case.waived) {
                (_, Some(why)) => out.push_str(&format!(
                    "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                    escape(why)
                )),
                (None, None) => out.push_str(&format!("{open}/>\n")),
                (Some((kind, message, details)), None) => out.push_str(&format!(
                    "{open}>\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    escape(kind),
                    escape(message),
                    escape(details)
                )),
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn practice_cases(assessment: &AssessmentResult) -> Vec<Case> {
    assessment
        .practices
        .iter()
        .filter_map(|p| {
            let (level, scope, set_by) = p.target.as_ref()?;
            let failure = match (p.current, p.met) {
                (None, _) => Some((
                    "check::not-assessed".to_string(),
                    format!("not assessed; target level {level} ({scope}) set by {set_by}"),
                    String::new(),
                )),
                (Some((current, current_scope)), Some(false)) => Some((
                    "check::unmet-target".to_string(),
                    format!(
                        "level {current} ({current_scope}), target {level} ({scope}) set by {set_by}"
                    ),
                    if p.missing.is_empty() {
                        String::new()
                    } else {
                        format!("clauses not yet implemented: {}", p.missing.join(", "))
                    },
                )),
                _ => None,
            };
            let waived = failure.as_ref().and(p.waived.as_ref()).map(|w| {
                format!("waived until {} by {}: {}", w.expires, w.owner, w.reason)
            });
            Some(Case {
                class: format!("{}.{}", assessment.name, p.practice),
                failure: if waived.is_some() { None } else { failure },
                name: p.practice.clone(),
                waived,
            })
        })
        .collect()
}

fn file_case(file: &FileReport) -> Option<Case> {
    let errors: Vec<String> = file
        .checks
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.severity == Severity::Error)
        .map(|d| {
            let (line, column) = line_column(&file.text, d.diagnostic.span.start);
            format!(
                "{}:{line}:{column}: [{}] {}",
                file.relative, d.diagnostic.code, d.diagnostic.message
            )
        })
        .collect();
    if errors.is_empty() {
        return None;
    }
    let count = if errors.len() == 1 {
        "1 error".to_string()
    } else {
        format!("{} errors", errors.len())
    };
    Some(Case {
        class: "files".to_string(),
        name: file.relative.clone(),
        failure: Some(("errors".to_string(), count, errors.join("\n"))),
        waived: None,
    })
}

/// Text for XML attributes and content: markup escaped, and characters XML 1.0 cannot hold
/// (most control characters) replaced, so that any message makes a well-formed document.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_keeps_the_document_well_formed() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\u{1}y\nz"), "x\u{FFFD}y&#10;z");
        assert_eq!(escape("ß ℝ 💣"), "ß ℝ 💣");
    }
}
