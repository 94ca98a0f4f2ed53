//! `--format md`: the diff as a pull-request comment: a count, then a table per assessment.
//! Text from the files is escaped so that it stays in its cell and is never read as markup.

use smm_syntax::visible;

use super::changes::{AssessmentDiff, Diff, Status};
use super::rows::{self, Row, What};
use super::Labels;

pub fn render(diff: &Diff<'_>, labels: &Labels) -> String {
    let mut out = format!(
        "## smm diff: {} → {}\n\n{}\n",
        code(&labels.old),
        code(&labels.new),
        rows::summary(diff)
    );
    for assessment in &diff.assessments {
        if assessment.status() == Status::Unchanged && !assessment.targets_unknown() {
            continue;
        }
        out.push('\n');
        section(assessment, &mut out);
    }
    out
}

fn section(assessment: &AssessmentDiff<'_>, out: &mut String) {
    let shown = assessment.shown();
    let mut heading = format!("### {}", code(assessment.id));
    if let Some(title) = &shown.title {
        heading.push(' ');
        heading.push_str(&escape(title));
    }
    out.push_str(&heading);
    out.push_str("\n\n");
    let file = code(&shown.path);
    match assessment.status() {
        Status::Added => {
            let added = assessment.new.map(rows::added).unwrap_or_default();
            out.push_str(&format!("Added in {file}: {added}.\n"));
        }
        Status::Removed => out.push_str(&format!("Removed from {file}: **regression**.\n")),
        Status::Changed | Status::Unchanged => out.push_str(&format!("In {file}.\n")),
    }
    for note in rows::unknown_targets(assessment) {
        // The note quotes a profile's name, an identifier: nothing in it is markup.
        let note = visible(&note);
        let (first, rest) = note.split_at(1);
        out.push_str(&format!("\n> {}{rest}\n", first.to_uppercase()));
    }
    let rows = rows::rows(assessment);
    if rows.is_empty() {
        return;
    }
    out.push_str("\n| Practice | Change | Before | After | |\n|---|---|---|---|---|\n");
    for row in &rows {
        out.push_str(&table_row(row));
    }
}

fn table_row(row: &Row<'_>) -> String {
    let (what, before, after) = match &row.what {
        What::Word(word) => (
            (*word).to_string(),
            row.before.as_deref().map(escape).unwrap_or_default(),
            row.after.as_deref().map(escape).unwrap_or_default(),
        ),
        What::Evidence(text, modifier) => {
            let quoted = format!("“{}”", escape(text));
            let stub = *modifier == Some("stub");
            match (&row.before, &row.after) {
                (Some(before), Some(after)) => {
                    let what = match modifier {
                        Some(m) => format!("evidence {quoted} {m}"),
                        None => format!("evidence {quoted}"),
                    };
                    (what, escape(before), escape(after))
                }
                (None, after) => (
                    added_or_removed("added", stub),
                    String::new(),
                    with_modifiers(&quoted, after.as_deref()),
                ),
                (before, None) => (
                    added_or_removed("removed", stub),
                    with_modifiers(&quoted, before.as_deref()),
                    String::new(),
                ),
            }
        }
    };
    let practice = row.practice.map_or("(assessment)".into(), escape);
    let flag = if row.regression { "**regression**" } else { "" };
    format!("| {practice} | {what} | {before} | {after} | {flag} |\n")
}

fn added_or_removed(done: &str, stub: bool) -> String {
    if stub {
        format!("stub evidence {done}")
    } else {
        format!("evidence {done}")
    }
}

/// `“Patch log” (implements iso27002:8.8)`.
fn with_modifiers(quoted: &str, modifiers: Option<&str>) -> String {
    match modifiers.filter(|m| !m.is_empty()) {
        Some(m) => format!("{quoted} ({})", escape(m)),
        None => quoted.to_string(),
    }
}

/// Text that stays plain text in a table cell: no markup, no line break, no raw HTML.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in visible(text).chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A code span that holds any text: fenced with more backticks than the text has in a row.
fn code(text: &str) -> String {
    let text = visible(text).replace(['\n', '\t'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_hold_no_markup() {
        assert_eq!(
            escape("a|b *c* <img src=x> [l](u) \\ `x`\nnext"),
            "a\\|b \\*c\\* &lt;img src=x&gt; \\[l\\](u) \\\\ \\`x\\` next"
        );
        assert_eq!(escape("\x1b[2J"), "\\\\e\\[2J");
    }

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code("HEAD~1"), "`HEAD~1`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
