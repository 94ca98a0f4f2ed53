//! `--format junit`: JUnit XML, which CI servers show as test results, in the shape Jenkins'
//! and GitLab's readers accept (`tests/reports/junit.xsd`). Each assessment is a suite with one
//! test case per targeted practice; one more suite, present only when needed, holds a test case
//! per file with findings that belong to no such case (profiles, catalogs, syntax errors,
//! practices without a target).
//!
//! The report agrees with the exit status: every finding that fails the run (not waived, at or
//! above `--fail-on`) is one `<failure>`, in its practice's case or else in its file's, and the
//! `failures` counts are the number of those elements. Waived findings make a case skipped when
//! nothing in it fails; findings below the threshold are listed in the case's `<system-out>`.

use super::sarif::NamedPlaces;
use crate::args::FailOn;
use crate::check_report::{FileReport, Report, Reported};
use crate::markup_escape::{self, Markup};

#[derive(Default)]
struct Case {
    class: String,
    name: String,
    /// (code, message, details) of each finding that fails the run.
    failures: Vec<(String, String, String)>,
    /// Why waivers accept findings of this case.
    waived: Vec<String>,
    /// Findings that do not fail the run, one a line.
    out: Vec<String>,
}

impl Case {
    fn add(&mut self, file: &FileReport, reported: &Reported, fail_on: FailOn) {
        let d = &reported.diagnostic;
        let (line, column) = file.line_column(d.span.start);
        let mut text = format!(
            "{}:{line}:{column}: {} [{}] {}",
            file.relative,
            d.severity.as_str(),
            d.code,
            d.message
        );
        if let Some(waived) = &reported.waived {
            let why = format!(
                "waived until {} by {}: {}",
                waived.expires, waived.owner, waived.reason
            );
            text.push_str(&format!(" ({why})"));
            self.waived.push(why);
            self.out.push(text);
        } else if reported.fails(fail_on) {
            for more in d.remarks() {
                text.push('\n');
                text.push_str(more);
            }
            self.failures
                .push((d.code.to_string(), d.message.to_string(), text));
        } else {
            self.out.push(text);
        }
    }

    fn skipped(&self) -> bool {
        self.failures.is_empty() && !self.waived.is_empty()
    }
}

pub fn render(report: &Report, fail_on: FailOn) -> String {
    let mut suites: Vec<(String, Vec<Case>)> = Vec::new();
    let mut files: Vec<Case> = Vec::new();
    for file in &report.files {
        // One case per targeted practice of each assessment of the file.
        let first_suite = suites.len();
        for assessment in &file.checks.assessments {
            let cases = assessment
                .practices
                .iter()
                .filter(|p| p.target.is_some())
                .map(|p| Case {
                    class: format!("{}.{}", assessment.name, p.practice),
                    name: p.practice.clone(),
                    ..Case::default()
                })
                .collect();
            let name = format!("assessment {} ({})", assessment.name, file.relative);
            suites.push((name, cases));
        }
        let mut file_case = Case {
            class: "files".to_string(),
            name: file.relative.clone(),
            ..Case::default()
        };
        let places = NamedPlaces::of(&file.text);
        for reported in &file.checks.diagnostics {
            let place = places.at(&reported.diagnostic);
            let case = match (&place.item, &place.subject) {
                (Some(("assessment", name)), Some(practice)) => file
                    .checks
                    .assessments
                    .iter()
                    .position(|a| &a.name == name)
                    .and_then(|i| {
                        suites[first_suite + i]
                            .1
                            .iter_mut()
                            .find(|c| &c.name == practice)
                    }),
                _ => None,
            };
            case.unwrap_or(&mut file_case).add(file, reported, fail_on);
        }
        if !file_case.failures.is_empty() || !file_case.waived.is_empty() {
            files.push(file_case);
        }
    }
    if !files.is_empty() {
        suites.push(("files with failing findings".to_string(), files));
    }

    let tests: usize = suites.iter().map(|(_, c)| c.len()).sum();
    let failures: usize = suites
        .iter()
        .flat_map(|(_, c)| c)
        .map(|c| c.failures.len())
        .sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"smm check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    for (name, cases) in &suites {
        let failed: usize = cases.iter().map(|c| c.failures.len()).sum();
        let skipped = cases.iter().filter(|c| c.skipped()).count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\">\n",
            escape(name),
            cases.len()
        ));
        // The mappings the run rests on, in every suite, as JUnit readers show suite properties.
        if !report.mappings.is_empty() {
            out.push_str("    <properties>\n");
            for mapping in &report.mappings {
                out.push_str(&format!(
                    "      <property name=\"smm.mapping\" value=\"{}\"/>\n",
                    escape(&mapping.label())
                ));
            }
            out.push_str("    </properties>\n");
        }
        for case in cases {
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(&case.class),
                escape(&case.name)
            ));
            if case.failures.is_empty() && case.waived.is_empty() && case.out.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            for (kind, message, details) in &case.failures {
                out.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    escape(kind),
                    escape(message),
                    escape(details)
                ));
            }
            if case.skipped() {
                out.push_str(&format!(
                    "      <skipped message=\"{}\"/>\n",
                    escape(&case.waived.join("; "))
                ));
            }
            if !case.out.is_empty() {
                out.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    escape(&case.out.join("\n"))
                ));
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text for XML attributes and content: markup escaped, and characters XML 1.0 cannot hold
/// (most control characters) replaced, so that any message makes a well-formed document.
fn escape(text: &str) -> String {
    markup_escape::escape(text, Markup::JUnit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_report::Waived;
    use smm_syntax::Severity;
    use smm_syntax::{Diagnostic, Span};

    #[test]
    fn escaping_keeps_the_document_well_formed() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\u{1}y\nz"), "x\u{FFFD}y&#10;z");
        assert_eq!(escape("ß ℝ 💣"), "ß ℝ 💣");
    }

    fn finding(severity: Severity, waived: bool) -> Reported {
        let mut diagnostic =
            Diagnostic::new(severity, "check::evidence-expired", Span::new(0, 1), "x");
        diagnostic.severity = severity;
        Reported {
            diagnostic,
            fix: None,
            waived: waived.then(|| Waived {
                reason: "r".into(),
                owner: "o".into(),
                expires: "2027-01-31".into(),
            }),
        }
    }

    /// The rule of the exit status (`check::fails` over `Report::counts`), finding by finding.
    #[test]
    fn what_fails_follows_fail_on_and_waivers() {
        use Severity::{Error, Hint, Info, Warning};
        let table = [
            (FailOn::Error, [true, false, false, false]),
            (FailOn::Warning, [true, true, false, false]),
            (FailOn::Info, [true, true, true, false]),
            (FailOn::Never, [false, false, false, false]),
        ];
        for (fail_on, expected) in table {
            for (severity, expected) in [Error, Warning, Info, Hint].into_iter().zip(expected) {
                assert_eq!(finding(severity, false).fails(fail_on), expected);
                assert!(
                    !finding(severity, true).fails(fail_on),
                    "waived never fails"
                );
            }
        }
    }
}
