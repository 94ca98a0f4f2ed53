//! The coverage as text to read: a table of counts, what counts as a requirement in each
//! standard, then the missing requirements by standard, ids only (`smm explain` has the rest).

use std::fmt::Write;

use smm_model::coverage::{StandardCoverage, Status};

use super::{share, RULE};

/// Lines are wrapped to fit an 80-column terminal with room to spare, like `smm explain`.
const WIDTH: usize = 88;

pub fn render(standards: &[StandardCoverage<'_>]) -> String {
    let mut out = String::from("Coverage of each standard's requirements by the mappings\n\n");
    wrap(&mut out, "", RULE, "");
    out.push('\n');
    let id_width = standards
        .iter()
        .map(|c| c.standard.id.chars().count())
        .max()
        .unwrap_or(0)
        .max("Standard".len());
    let _ = writeln!(
        out,
        "{:id_width$}  Requirements  Mapped  % mapped  Unmapped  Missing",
        "Standard"
    );
    for coverage in standards {
        let id = &coverage.standard.id;
        if coverage.requirements.is_empty() {
            let _ = writeln!(out, "{id:id_width$}  {:>12}", "—");
            continue;
        }
        let _ = writeln!(
            out,
            "{id:id_width$}  {:>12}  {:>6}  {:>8}  {:>8}  {:>7}",
            coverage.requirements.len(),
            coverage.mapped(),
            share(coverage),
            coverage.unmapped(),
            coverage.missing()
        );
    }
    out.push_str("\nWhat counts as a requirement:\n");
    for coverage in standards {
        let id = format!("{:id_width$}  ", coverage.standard.id);
        wrap(&mut out, &id, coverage.counted, &" ".repeat(id_width + 2));
    }
    let missing: Vec<&StandardCoverage<'_>> =
        standards.iter().filter(|c| c.missing() > 0).collect();
    if !missing.is_empty() {
        out.push_str("\nMissing: neither mapped nor left unmapped with a reason\n");
    }
    for coverage in missing {
        let ids: Vec<&str> = coverage
            .requirements
            .iter()
            .filter(|r| matches!(r.status, Status::Missing))
            .map(|r| r.clause.id.as_str())
            .collect();
        let head = format!("{} ({}): ", coverage.standard.id, ids.len());
        wrap(&mut out, &head, &ids.join(" "), "    ");
    }
    // Ids and titles come from users' catalog files too: an escape or a bidirectional
    // override in one is shown as `\e` or `\u{202e}`, not sent to the terminal.
    smm_syntax::visible(&out).into_owned()
}

/// Greedy word wrap at `WIDTH`: `first` before the first line, `rest` before the others; a
/// word longer than a line gets a line of its own.
fn wrap(out: &mut String, first: &str, text: &str, rest: &str) {
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}
