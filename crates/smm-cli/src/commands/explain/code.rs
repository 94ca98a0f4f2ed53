//! `smm explain CODE`: what a diagnostic code means, from the table the checker, the CLI and
//! the language server share.

use std::io::{self, Write};

use smm_syntax::visible;

use super::page::Page;
use crate::cli::ExplainArgs;
use crate::status::Status;

/// The full code of `name` written without its `check::`, as waivers write it.
pub fn check_code(name: &str) -> Option<&'static str> {
    smm_check::codes::lookup(&format!("check::{name}")).map(|code| code.id)
}

/// `smm explain --codes`: every code, its default severity and what it finds, one a line.
pub fn list(out: &mut dyn Write) -> io::Result<Status> {
    let codes = smm_check::codes::CODES;
    let width = codes.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for code in codes {
        writeln!(
            out,
            "{:width$}  {:7}  {}",
            code.id,
            code.severity.as_str(),
            code.summary
        )?;
    }
    Ok(Status::default())
}

/// A diagnostic code's page, from the one table the checker, the CLI and the server share.
pub fn run(
    id: &str,
    args: &ExplainArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let Some(code) = smm_check::codes::lookup(id) else {
        writeln!(err, "error: unknown code `{}`", visible(id))?;
        let ids = smm_check::codes::CODES.iter().map(|c| c.id);
        match smm_syntax::did_you_mean(id, ids) {
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
            visible(id)
        )?;
        return Ok(Status {
            failures: 1,
            ..Status::default()
        });
    }
    out.write_all(page(code).as_bytes())?;
    Ok(Status::default())
}

/// What `smm explain CODE` prints about `code`, also the help of SARIF's rules.
pub fn page(code: &smm_check::codes::Code) -> String {
    let mut page = Page::new(code.id, code.summary);
    page.field("Kind", "diagnostic code");
    page.field("Severity", code.severity.as_str());
    page.field("Explanation", code.explanation);
    page.finish()
}
