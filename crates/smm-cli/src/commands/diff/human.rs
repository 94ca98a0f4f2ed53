//! The diff for people: a block per assessment, a line per change, regressions marked, and a
//! closing count. Every string from the files goes through `smm_syntax::visible`.

use smm_syntax::visible;

use super::changes::{AssessmentDiff, Diff, Status};
use super::rows::{self, Row, Tone, What};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub fn render(diff: &Diff<'_>, color: bool) -> String {
    let paint = |code: &str, text: String| {
        if color && !code.is_empty() {
            format!("{code}{text}{RESET}")
        } else {
            text
        }
    };
    let mut out = String::new();
    for assessment in &diff.assessments {
        if assessment.status() == Status::Unchanged && !assessment.targets_unknown() {
            continue;
        }
        out.push_str(&paint(BOLD, heading(assessment)));
        out.push('\n');
        if let (None, Some(added)) = (assessment.old, assessment.new) {
            out.push_str(&format!("  {}\n", rows::added(added)));
        }
        for note in rows::unknown_targets(assessment) {
            out.push_str(&format!("  {}\n", visible(&note)));
        }
        for row in rows::rows(assessment) {
            let code = match row.tone {
                Tone::Plain => "",
                Tone::Better => GREEN,
                Tone::Worse => RED,
            };
            out.push_str(&paint(code, line(&row)));
            out.push('\n');
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&rows::summary(diff));
    out.push('\n');
    out
}

/// `assessment line-4 "Plant 7, packaging line 4" (assessments/line-4.smm)`, and whether it
/// was added or removed.
fn heading(assessment: &AssessmentDiff<'_>) -> String {
    let shown = assessment.shown();
    let mut heading = format!("assessment {}", visible(assessment.id));
    if let Some(title) = &shown.title {
        heading.push_str(&format!(" \"{}\"", visible(title)));
    }
    heading.push_str(&format!(" ({})", visible(&shown.path)));
    match assessment.status() {
        Status::Added => heading.push_str(": added"),
        Status::Removed => heading.push_str(": removed (regression)"),
        Status::Changed | Status::Unchanged => {}
    }
    heading
}

/// `  access-control: current 2 → 1 (regression)`, `  patch-management: + evidence "…"`.
fn line(row: &Row<'_>) -> String {
    let what = match &row.what {
        What::Word(word) => (*word).to_string(),
        What::Evidence(text, modifier) => {
            let mut what = format!("evidence \"{}\"", visible(text));
            if let Some(modifier) = modifier {
                what.push(' ');
                what.push_str(modifier);
            }
            what
        }
    };
    let change = match (&row.before, &row.after) {
        (Some(before), Some(after)) => {
            format!("{what} {} → {}", visible(before), visible(after))
        }
        (None, _) => format!("+ {what}"),
        (_, None) => format!("- {what}"),
    };
    let regression = if row.regression { " (regression)" } else { "" };
    match row.practice {
        Some(practice) => format!("  {}: {change}{regression}", visible(practice)),
        None => format!("  {change}{regression}"),
    }
}
