//! `smm explain CODE`: what a diagnostic code means, from the table the checker, the CLI and
//! the language server share.

use std::io::{self, Write};

use smm_syntax::visible;

use crate::cli::ExplainArgs;
use crate::page::Page;
use crate::status::Status;

/// A diagnostic code's page, from the one table the checker, the CLI and the server share.
pub fn run(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let Some(code) = smm_check::codes::lookup(&args.id) else {
        writeln!(err, "error: unknown code `{}`", visible(&args.id))?;
        let ids = smm_check::codes::CODES.iter().map(|c| c.id);
        match smm_syntax::did_you_mean(&args.id, ids) {
            Some(near) => writeln!(err, "help: did you mean `{near}`?")?,
            None => writeln!(
                err,
                "help: codes start with `syntax::`, `model::` or `check::`"
            )?,
        }
        return Ok(Status {
            failures: 1,
            ..Status::default()
        });
    };
    if args.role.is_some() || args.level.is_some() || !args.edition.is_empty() {
        writeln!(
            err,
            "error: `--role`, `--level` and `--edition` narrow a practice's mapping; `{}` is a diagnostic code",
            visible(&args.id)
        )?;
        return Ok(Status {
            failures: 1,
            ..Status::default()
        });
    }
    let mut page = Page::new(code.id, code.summary);
    page.field("Kind", "diagnostic code");
    page.field("Severity", code.severity.as_str());
    page.field("Explanation", code.explanation);
    out.write_all(page.finish().as_bytes())?;
    Ok(Status::default())
}
