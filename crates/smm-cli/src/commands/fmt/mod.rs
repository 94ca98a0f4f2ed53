//! `smm fmt`: rewriting files in the canonical layout, or showing what would change.

use std::io::{self, Write};

use crate::cli::FmtArgs;
use crate::color::Colors;
use crate::status::{count, Status};
use crate::{atomic, inputs, unified_diff};

pub fn run(
    args: &FmtArgs,
    colors: Colors,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let mut tally = Tally::default();
    if !args.check {
        atomic::clean_up_when_interrupted();
    }
    let resolved = inputs::resolve(&args.input, err)?;
    let mut status =
        resolved.for_each_source(1, err, None, &mut |_, at, source, _, status, err| {
            let target = at.target;
            let formatted = match smm_syntax::format(&source.text) {
                Ok(formatted) => formatted,
                Err(errors) => {
                    // Formatting code that does not parse could lose text: leave it alone.
                    tally.with_errors += 1;
                    let text =
                        smm_syntax::render(&errors, &target.shown, &source.text, colors.stderr);
                    return err.write_all(text.as_bytes());
                }
            };
            let changed = *formatted != *source.text;
            if changed {
                tally.changed += 1;
            } else {
                tally.unchanged += 1;
            }
            if args.check {
                if changed {
                    let diff = unified_diff::unified(
                        &target.shown,
                        &source.text,
                        &formatted,
                        "formatted",
                        colors.stdout,
                    );
                    out.write_all(diff.as_bytes())?;
                }
            } else if target.is_stdin {
                out.write_all(formatted.as_bytes())?;
            } else if changed {
                if let Err(reason) = atomic::replace_inside(&target.path, at.root, &formatted) {
                    tally.changed -= 1;
                    status.fail(err, &target.shown, reason)?;
                }
            }
            Ok(())
        })?;
    status.problems = tally.with_errors > 0 || (args.check && tally.changed > 0);
    writeln!(err, "{}", tally.summary(args.check, status.failures))?;
    Ok(status)
}

#[derive(Default)]
struct Tally {
    changed: usize,
    unchanged: usize,
    with_errors: usize,
}

impl Tally {
    fn summary(&self, check: bool, failures: usize) -> String {
        let mut parts = vec![if check {
            format!("{} would be formatted", count(self.changed, "file"))
        } else {
            format!("formatted {}", count(self.changed, "file"))
        }];
        parts.push(format!("{} already formatted", self.unchanged));
        if self.with_errors > 0 {
            parts.push(format!("{} with syntax errors", self.with_errors));
        }
        if failures > 0 {
            parts.push(count(failures, "input error"));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn summaries() {
        let tally = Tally {
            changed: 2,
            unchanged: 3,
            with_errors: 0,
        };
        assert_eq!(
            tally.summary(false, 0),
            "formatted 2 files, 3 already formatted"
        );
        assert_eq!(
            tally.summary(true, 0),
            "2 files would be formatted, 3 already formatted"
        );
        let tally = Tally {
            changed: 1,
            unchanged: 0,
            with_errors: 1,
        };
        assert_eq!(
            tally.summary(false, 2),
            "formatted 1 file, 0 already formatted, 1 with syntax errors, 2 input errors"
        );
    }
}
