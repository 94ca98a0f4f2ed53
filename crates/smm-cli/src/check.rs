//! `smm check`: syntax errors of the files asked for.

use std::io::{self, Write};

use crate::cli::CheckArgs;
use crate::status::{count, Status};
use crate::targets;

pub fn run(
    args: &CheckArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let mut tally = Tally::default();
    let mut status =
        targets::resolve(&args.input, err)?.for_each_source(err, |target, source, _, _| {
            tally.files += 1;
            let errors = &source.parse.errors;
            if !errors.is_empty() {
                tally.errors += errors.len();
                tally.files_with_errors += 1;
                let text = smm_syntax::render(errors, &target.shown, &source.text, color);
                out.write_all(text.as_bytes())?;
            }
            Ok(())
        })?;
    status.problems = tally.errors > 0;
    writeln!(out, "{}", tally.summary(status.failures))?;
    Ok(status)
}

#[derive(Default)]
struct Tally {
    files: usize,
    errors: usize,
    files_with_errors: usize,
}

impl Tally {
    fn summary(&self, failures: usize) -> String {
        let mut line = format!("checked {}: ", count(self.files, "file"));
        if self.errors == 0 {
            line.push_str("no problems");
        } else {
            line.push_str(&format!(
                "{} in {}",
                count(self.errors, "error"),
                count(self.files_with_errors, "file")
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
            files_with_errors: 1,
        };
        assert_eq!(dirty.summary(0), "checked 1 file: 2 errors in 1 file");
        assert_eq!(
            dirty.summary(1),
            "checked 1 file: 2 errors in 1 file; 1 input error"
        );
    }
}
