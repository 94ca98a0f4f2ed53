//! `smm check`: syntax errors and catalog problems of the files asked for.

use std::io::{self, Write};

use crate::cli::CheckArgs;
use crate::status::{count, Status};
use crate::targets;
use smm_syntax::{Diagnostic, Severity};

pub fn run(
    args: &CheckArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let mut tally = Tally::default();
    let resolved = targets::resolve(&args.input, err)?;
    let semantic = targets::Semantic { as_of: args.as_of };
    let mut status =
        resolved.for_each_source(err, Some(&semantic), |target, source, problems, _, _| {
            tally.files += 1;
            let mut diagnostics: Vec<Diagnostic> = source.parse.errors.clone();
            diagnostics.extend(problems.iter().cloned());
            diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
            if diagnostics.is_empty() {
                return Ok(());
            }
            tally.files_with_problems += 1;
            for d in &diagnostics {
                match d.severity {
                    Severity::Error => tally.errors += 1,
                    Severity::Warning => tally.warnings += 1,
                    Severity::Info | Severity::Hint => {}
                }
            }
            let text = smm_syntax::render(&diagnostics, &target.shown, &source.text, color);
            out.write_all(text.as_bytes())
        })?;
    status.problems = tally.errors > 0;
    writeln!(out, "{}", tally.summary(status.failures))?;
    Ok(status)
}

#[derive(Default)]
struct Tally {
    files: usize,
    errors: usize,
    warnings: usize,
    files_with_problems: usize,
}

impl Tally {
    fn summary(&self, failures: usize) -> String {
        let mut line = format!("checked {}: ", count(self.files, "file"));
        let mut found = Vec::new();
        if self.errors > 0 {
            found.push(count(self.errors, "error"));
        }
        if self.warnings > 0 {
            found.push(count(self.warnings, "warning"));
        }
        if found.is_empty() {
            line.push_str("no problems");
        } else {
            line.push_str(&format!(
                "{} in {}",
                found.join(", "),
                count(self.files_with_problems, "file")
            ));
        }
        if failures > 0 {
            line.push_str(&format!("; {}", count(failures, "input error")));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn summaries() {
        let clean = Tally {
            files: 5,
            ..Tally::default()
        };
        assert_eq!(clean.summary(0), "checked 5 files: no problems");
        let dirty = Tally {
            files: 1,
            errors: 2,
            files_with_problems: 1,
            ..Tally::default()
        };
        assert_eq!(dirty.summary(0), "checked 1 file: 2 errors in 1 file");
        assert_eq!(
            dirty.summary(1),
            "checked 1 file: 2 errors in 1 file; 1 input error"
        );
        let warned = Tally {
            files: 3,
            errors: 1,
            warnings: 2,
            files_with_problems: 2,
        };
        assert_eq!(
            warned.summary(0),
            "checked 3 files: 1 error, 2 warnings in 2 files"
        );
    }
}
