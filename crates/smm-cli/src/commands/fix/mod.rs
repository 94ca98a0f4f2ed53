//! `smm fix`: applying the fixes the checker is certain of (the ones the language server
//! offers as preferred: did-you-mean, the profile's role), checking again, and saying what
//! changed.

use std::io::{self, Write};

use clap::Args;
use smm_syntax::{Severity, Span};

use crate::args::{ColorArg, InputArgs};
use crate::check_report::Reported;
use crate::checked::{Checked, Semantic};
use crate::color::Colors;
use crate::inputs::{self, Group, InputFile};
use crate::sources::Sources;
use crate::status::{count, Status};
use crate::{atomic, unified_diff};

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Write nothing: print a diff of what would change, and exit 1 if something would
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub color: ColorArg,
}

/// A fix can make another certain (a profile renamed, then the assessments naming it): check
/// again until nothing changes, a few times at most.
const ROUNDS: usize = 4;

pub fn run(
    args: &FixArgs,
    colors: Colors,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    if !args.dry_run {
        atomic::clean_up_when_interrupted();
    }
    let resolved = inputs::resolve(&args.input, err)?;
    let mut status = resolved.status;
    let mut tally = Tally::default();
    for mut group in resolved.groups {
        let sources = group.load(true);
        fix_group(
            args,
            colors,
            &group,
            sources,
            &mut tally,
            &mut status,
            out,
            err,
        )?;
    }
    status.problems = tally.with_errors > 0 || (args.dry_run && tally.files > 0);
    writeln!(err, "{}", tally.summary(args.dry_run, status.failures))?;
    Ok(status)
}

#[allow(clippy::too_many_arguments)]
fn fix_group(
    args: &FixArgs,
    colors: Colors,
    group: &Group,
    mut sources: Sources,
    tally: &mut Tally,
    status: &mut Status,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    let semantic = Semantic {
        as_of: None,
        dependents: false,
    };
    // The targets as read, in the order given; a file that does not parse is left alone.
    let mut files: Vec<(&InputFile, String)> = Vec::new();
    for target in &group.inputs {
        match sources.get_or_load(&target.path) {
            Err(e) => status.fail(err, &target.shown, e)?,
            Ok(source) if !source.parse.errors.is_empty() => {
                tally.with_errors += 1;
                writeln!(
                    err,
                    "warning: {}: not fixed: it has {} (see `smm check`)",
                    smm_syntax::visible(&target.shown),
                    count(source.parse.errors.len(), "syntax error")
                )?;
            }
            Ok(source) => files.push((target, source.text.to_string())),
        }
    }
    let verb = if args.dry_run { "would fix" } else { "fixed" };
    let mut checked = Checked::run(&semantic, group, &sources);
    for _ in 0..ROUNDS {
        let mut changed = false;
        for (target, _) in &files {
            let Ok(source) = sources.get_or_load(&target.path) else {
                continue;
            };
            let text = source.text.clone();
            let fixes = certain_fixes(&checked, target);
            let Some(fixed) = apply(&text, &fixes) else {
                continue;
            };
            for fix in &fixes {
                let (line, column) = smm_check::line_column(&text, fix.at.start);
                writeln!(
                    err,
                    "{}:{line}:{column}: {verb} {}: {}",
                    smm_syntax::visible(&target.shown),
                    fix.code,
                    smm_syntax::visible(&fix.title)
                )?;
            }
            tally.fixes += fixes.len();
            sources.insert_text(target.path.clone(), fixed);
            changed = true;
        }
        if !changed {
            break;
        }
        checked = Checked::run(&semantic, group, &sources);
    }
    for (target, original) in &files {
        let Ok(source) = sources.get_or_load(&target.path) else {
            continue;
        };
        let remaining = checked.checks_of(&target.path).diagnostics;
        tally.count_remaining(&remaining);
        if *source.text == **original {
            if target.is_stdin && !args.dry_run {
                out.write_all(original.as_bytes())?;
            }
            continue;
        }
        tally.files += 1;
        if args.dry_run {
            let diff = unified_diff::unified(
                &target.shown,
                original,
                &source.text,
                "fixed",
                colors.stdout,
            );
            out.write_all(diff.as_bytes())?;
        } else if target.is_stdin {
            out.write_all(source.text.as_bytes())?;
        } else if let Err(reason) = atomic::replace_inside(&target.path, &group.root, &source.text)
        {
            tally.files -= 1;
            status.fail(err, &target.shown, reason)?;
        }
    }
    Ok(())
}

/// A fix to apply: where, what, and the finding it answers.
struct CertainFix {
    code: &'static str,
    title: String,
    at: Span,
    text: String,
}

/// The fixes of the file's findings that are not accepted by a waiver, each a single edit in
/// the file itself, in order; of two that overlap, the first.
fn certain_fixes(checked: &Checked, target: &InputFile) -> Vec<CertainFix> {
    let Some(file) = checked.workspace.id(&target.path) else {
        return Vec::new();
    };
    let mut fixes: Vec<CertainFix> = checked
        .analysis()
        .findings_of(file)
        .filter(|finding| finding.waived.is_none())
        .filter_map(|finding| {
            let fix = finding.fix.as_ref()?;
            let [edit] = fix.edits.as_slice() else {
                return None;
            };
            (edit.file == file).then(|| CertainFix {
                code: finding.code(),
                title: fix.title.clone(),
                at: edit.span,
                text: edit.text.clone(),
            })
        })
        .collect();
    fixes.sort_by_key(|fix| (fix.at.start, fix.at.end));
    let mut end = 0;
    fixes.retain(|fix| {
        let keep = fix.at.start >= end;
        if keep {
            end = fix.at.end;
        }
        keep
    });
    fixes
}

/// `text` with the fixes made, or None if there are none or the result would not parse (a fix
/// must never break a file; the file is then left as it is).
fn apply(text: &str, fixes: &[CertainFix]) -> Option<String> {
    if fixes.is_empty() {
        return None;
    }
    let mut fixed = text.to_string();
    for fix in fixes.iter().rev() {
        fixed.replace_range(fix.at.range(), &fix.text);
    }
    smm_syntax::parse(&fixed).errors.is_empty().then_some(fixed)
}

#[derive(Default)]
struct Tally {
    fixes: usize,
    files: usize,
    with_errors: usize,
    /// Problems left after fixing, waived ones aside, counted as `smm check` counts them.
    errors: usize,
    warnings: usize,
}

impl Tally {
    fn count_remaining(&mut self, remaining: &[Reported]) {
        for reported in remaining.iter().filter(|r| r.waived.is_none()) {
            match reported.diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                _ => {}
            }
        }
    }

    fn summary(&self, dry_run: bool, failures: usize) -> String {
        let fixes = count(self.fixes, "finding");
        let files = count(self.files, "file");
        let mut parts = vec![match (self.fixes, dry_run) {
            (0, _) => "nothing to fix".to_string(),
            (_, true) => format!("would fix {fixes} in {files}"),
            (_, false) => format!("fixed {fixes} in {files}"),
        }];
        if self.with_errors > 0 {
            let files = count(self.with_errors, "file");
            parts.push(format!("{files} not fixed (syntax errors)"));
        }
        let left = [(self.errors, "error"), (self.warnings, "warning")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|&(n, noun)| count(n, noun))
            .collect::<Vec<_>>();
        if !left.is_empty() {
            let one = self.errors + self.warnings == 1;
            let verb = match (dry_run, one) {
                (true, _) => "would remain",
                (false, true) => "remains",
                (false, false) => "remain",
            };
            parts.push(format!("{} {verb} (see `smm check`)", left.join(", ")));
        }
        if failures > 0 {
            parts.push(count(failures, "input error"));
        }
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: usize, end: usize, text: &str) -> CertainFix {
        CertainFix {
            code: "check::unknown-practice",
            title: format!("Change to `{text}`"),
            at: Span::new(start, end),
            text: text.into(),
        }
    }

    #[test]
    fn fixes_are_made_from_the_end_so_earlier_offsets_hold() {
        let text =
            "assessment a { practice acess-control level 1 practice patch-managment level 0 }";
        let fixes = [
            fix(24, 37, "access-control"),
            fix(55, 70, "patch-management"),
        ];
        assert_eq!(
            apply(text, &fixes).unwrap(),
            "assessment a { practice access-control level 1 practice patch-management level 0 }"
        );
    }

    #[test]
    fn a_fix_that_would_break_the_syntax_is_not_made() {
        assert_eq!(apply("profile p { }", &[fix(8, 9, "\"")]), None);
        assert_eq!(apply("profile p { }", &[]), None);
    }

    #[test]
    fn summaries() {
        let mut tally = Tally {
            fixes: 3,
            files: 2,
            ..Tally::default()
        };
        assert_eq!(tally.summary(false, 0), "fixed 3 findings in 2 files");
        tally.with_errors = 1;
        tally.warnings = 2;
        tally.errors = 1;
        assert_eq!(
            tally.summary(true, 1),
            "would fix 3 findings in 2 files; 1 file not fixed (syntax errors); \
             1 error, 2 warnings would remain (see `smm check`); 1 input error"
        );
        let tally = Tally {
            warnings: 1,
            ..Tally::default()
        };
        assert_eq!(
            tally.summary(false, 0),
            "nothing to fix; 1 warning remains (see `smm check`)"
        );
    }
}
