//! `smm check`: every problem of the files asked for (syntax, catalogs, profiles and
//! assessments), printed in one format and optionally written in others, with an exit code
//! that a pipeline can act on.

use std::io::{self, Write};

use smm_syntax::Severity;

use crate::args::FailOn;
use crate::check_report::{FileReport, Report};
use crate::cli::{CheckArgs, OutputFormat};
use crate::destination::{self, destination};
use crate::inputs;
use crate::status::{count, Status};

mod compact;
mod github;
mod grouped;
mod json;
mod junit;
mod pretty;
mod sarif;

pub fn run(
    args: &CheckArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let resolved = inputs::resolve(&args.input, err)?;
    // Every destination is judged before anything is written or checked.
    let mut destinations = Vec::new();
    let mut refused = Status::default();
    let inputs = resolved.inputs();
    for (format, path) in &args.outputs {
        match destination(path, &inputs) {
            Ok(destination) => destinations.push((*format, path, destination)),
            Err(reason) => refused.fail(err, smm_syntax::visible_path(path), reason)?,
        }
    }
    if refused.failures > 0 {
        return Ok(refused);
    }
    if destinations
        .iter()
        .any(|(_, _, d)| matches!(d, destination::Destination::Replace(_)))
    {
        crate::atomic::clean_up_when_interrupted();
    }
    // A run on named paths also reports the files that depend on them: what a change there
    // breaks elsewhere. A run on the whole workspace has them all already.
    let semantic = crate::checked::Semantic {
        as_of: args.as_of,
        dependents: !args.no_dependents && !args.input.paths.is_empty(),
    };
    let prefix = args.path_prefix.clone().unwrap_or_default();
    let mut report = Report::default();
    let mut fail_on = args.fail_on;
    if args.format == OutputFormat::Json && destinations.is_empty() {
        return json_streamed(resolved, &semantic, &prefix, fail_on, out, err);
    }
    let mut status = resolved.for_each_source(
        1,
        err,
        Some(&semantic),
        &mut |_, at, source, checks, _, _| {
            let file = file_report(&mut report, &mut fail_on, &prefix, at, source, checks);
            report.files.push(file);
            Ok(())
        },
    )?;

    for (format, path, destination) in &destinations {
        let text = render(
            *format,
            &report,
            false,
            status.failures,
            fail_on.unwrap_or(FailOn::Error),
        );
        if let Err(e) = destination::write(destination, &text, out, err)? {
            status.fail(err, smm_syntax::visible_path(path), e)?;
        }
    }
    if args.format == OutputFormat::Json {
        json::write(&report, out)?;
    } else if args.format == OutputFormat::Human && !args.summary {
        // Written as it is made: a long file's report is tens of megabytes.
        let mut out = io::BufWriter::new(out);
        human_to(&report, color, status.failures, &mut out)?;
        out.flush()?;
    } else {
        let mut text = render(
            args.format,
            &report,
            color,
            status.failures,
            fail_on.unwrap_or(FailOn::Error),
        );
        if args.summary && args.format == OutputFormat::Human {
            text = with_assessment_lines(&report, text);
        }
        out.write_all(text.as_bytes())?;
    }
    let github = args.format == OutputFormat::Github
        || destinations
            .iter()
            .any(|(f, _, _)| *f == OutputFormat::Github);
    if github {
        job_summary(&report, &mut status, err)?;
    }
    let fail_on = fail_on.unwrap_or(FailOn::Error);
    status.problems = report
        .files
        .iter()
        .flat_map(|f| &f.checks.diagnostics)
        .any(|d| d.fails(fail_on));
    // As in `json_streamed`: the process's end frees it.
    std::mem::forget(report);
    Ok(status)
}

/// One file's report: its syntax errors with the checker's findings, at the severities its
/// workspace sets, in order; the run's roots, mappings and `fail_on` learn of its workspace.
fn file_report(
    report: &mut Report,
    fail_on: &mut Option<FailOn>,
    prefix: &crate::check_report::PathPrefix,
    at: &crate::inputs::Visited<'_>,
    source: &crate::sources::Source,
    mut checks: crate::check_report::FileChecks,
) -> FileReport {
    // Machine formats name files from the repository root, as code hosts do.
    let root = match report.roots.iter().position(|r| r == at.repository) {
        Some(i) => i,
        None => {
            report.roots.push(at.repository.to_path_buf());
            report.roots.len() - 1
        }
    };
    checks.diagnostics.extend(
        source
            .parse
            .errors
            .iter()
            .map(|d| crate::check_report::Reported {
                diagnostic: d.clone(),
                fix: None,
                waived: None,
            }),
    );
    checks.diagnostics.retain_mut(|reported| {
        let d = &mut reported.diagnostic;
        match at.config.severity_of(d.code, d.severity) {
            Some(severity) => d.severity = severity,
            None => return false,
        }
        true
    });
    checks.diagnostics.sort_by_key(|d| {
        (
            d.diagnostic.span.start,
            d.diagnostic.span.end,
            d.diagnostic.code,
        )
    });
    for mapping in at.mappings {
        if !report.mappings.contains(mapping) {
            report.mappings.push(mapping.clone());
        }
    }
    // The first workspace's setting applies when the flag is absent.
    *fail_on = fail_on.or(at.config.fail_on.map(FailOn::from));
    FileReport {
        root,
        relative: crate::check_report::relative_shown(&at.target.path, at.repository, prefix),
        relative_path: crate::check_report::relative_path(&at.target.path, at.repository, prefix),
        shown: at.target.shown.clone(),
        lines: source.lines.clone(),
        text: source.text.clone(),
        checks,
        dependent: at.target.dependent,
    }
}

/// `--format json` with no other output. A workspace of several windows of files
/// (`Resolved::for_each_source`) is checked twice, a window at a time: once to count what the
/// summary at the top of the document says, once to write each file as it is checked, so
/// that no more than a window's findings are held (1,000 files: 64 MB instead of 148). A
/// workspace of one window is checked once and written whole.
fn json_streamed(
    resolved: inputs::Resolved,
    semantic: &crate::checked::Semantic,
    prefix: &crate::check_report::PathPrefix,
    mut fail_on: Option<FailOn>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    // The roots and mappings met; the files, when the only pass is the last.
    let mut tally = Report::default();
    let mut counts = crate::check_report::Counts::default();
    let mut files = 0;
    let mut problems = false;
    let mut out = Some(out);
    let mut stream: Option<json::Stream<'_>> = None;
    let mut status = resolved.for_each_source(
        2,
        err,
        Some(semantic),
        &mut |pass, at, source, checks, _, _| {
            let file = file_report(&mut tally, &mut fail_on, prefix, at, source, checks);
            if !pass.last {
                files += 1;
                file.checks.diagnostics.iter().for_each(|d| counts.count(d));
                return Ok(());
            }
            if pass.index == 0 {
                tally.files.push(file);
                return Ok(());
            }
            let fail_on = fail_on.unwrap_or(FailOn::Error);
            problems |= file.checks.diagnostics.iter().any(|d| d.fails(fail_on));
            let stream = match &mut stream {
                Some(stream) => stream,
                None => {
                    let out = out.take().expect("begun once");
                    stream.insert(json::Stream::begin(out, &tally.mappings, counts, files)?)
                }
            };
            stream.file(&file)
        },
    )?;
    let fail_on = fail_on.unwrap_or(FailOn::Error);
    if let Some(stream) = stream {
        stream.end()?;
    } else if let Some(out) = out {
        problems = tally.diagnostics().any(|d| d.fails(fail_on));
        json::write(&tally, out)?;
    }
    // Freed by the process's end, at no cost: freeing the findings of 100,000 lines one by one
    // took a tenth of the run.
    std::mem::forget(tally);
    status.problems = problems;
    Ok(status)
}

/// In a GitHub Actions step (`$GITHUB_STEP_SUMMARY` names a file), appends the Markdown job
/// summary to it, as every step of a job does.
fn job_summary(report: &Report, status: &mut Status, err: &mut dyn Write) -> io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let markdown = github::job_summary(report, &summary(report, status.failures));
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(markdown.as_bytes()));
    if let Err(e) = appended {
        let reason = format!("cannot write: {}", smm_check::disk::input::io_reason(&e));
        status.fail(err, "$GITHUB_STEP_SUMMARY", reason)?;
    }
    Ok(())
}

fn render(
    format: OutputFormat,
    report: &Report,
    color: bool,
    failures: usize,
    fail_on: FailOn,
) -> String {
    match format {
        OutputFormat::Human => human(report, color, failures),
        OutputFormat::Compact => compact::render(report, &summary(report, failures)),
        OutputFormat::Json => json::render(report),
        OutputFormat::Sarif => sarif::render(report),
        OutputFormat::Junit => junit::render(report, fail_on),
        OutputFormat::Github => github::render(report),
    }
}

fn human(report: &Report, color: bool, failures: usize) -> String {
    let mut text = Vec::new();
    human_to(report, color, failures, &mut text).expect("writing to a Vec cannot fail");
    String::from_utf8(text).expect("reports are text")
}

fn human_to(report: &Report, color: bool, failures: usize, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        let diagnostics: Vec<_> = grouped::for_people(&file.checks.diagnostics)
            .into_iter()
            .map(|g| g.diagnostic)
            .collect();
        smm_syntax::render_to(&diagnostics, &file.shown, &file.text, color, out)?;
    }
    writeln!(out, "{}", summary(report, failures))
}

/// The human report with a line per assessment before its closing summary line.
fn with_assessment_lines(report: &Report, text: String) -> String {
    let body = text.trim_end_matches('\n');
    let (findings, last) = body.rsplit_once('\n').map_or(("", body), |(a, b)| (a, b));
    let mut out = String::new();
    if !findings.is_empty() {
        out.push_str(findings);
        out.push('\n');
    }
    for file in &report.files {
        for assessment in &file.checks.assessments {
            out.push_str(&assessment_line(assessment));
            out.push('\n');
        }
    }
    out.push_str(last);
    out.push('\n');
    out
}

/// `assessment line-4: 7 of 11 targets met; clauses implemented of mapped: iec62443-2-1 3/19, …`
fn assessment_line(assessment: &crate::check_report::AssessmentResult) -> String {
    let summary = &assessment.summary;
    let mut line = format!(
        "assessment {}: {} of {} targets met",
        assessment.name, summary.met, summary.targeted
    );
    if !summary.standards.is_empty() {
        let coverage: Vec<String> = summary
            .standards
            .iter()
            .map(|c| format!("{} {}/{}", c.standard, c.implemented, c.mapped))
            .collect();
        line.push_str(&format!(
            "; clauses implemented of mapped: {}",
            coverage.join(", ")
        ));
    }
    line
}

fn summary(report: &Report, failures: usize) -> String {
    let counts = report.counts();
    // `checked 1 file and 3 dependents: …` when files were reported for depending on others.
    let dependents = report.files.iter().filter(|f| f.dependent).count();
    let mut checked = count(report.files.len() - dependents, "file");
    if dependents > 0 {
        checked.push_str(&format!(" and {}", count(dependents, "dependent")));
    }
    let mut line = format!("checked {checked}: ");
    let mut found = Vec::new();
    if counts.errors > 0 {
        found.push(count(counts.errors, "error"));
    }
    if counts.warnings > 0 {
        found.push(count(counts.warnings, "warning"));
    }
    let with_problems = report
        .files
        .iter()
        .filter(|f| {
            f.checks
                .diagnostics
                .iter()
                .any(|d| d.waived.is_none() && d.diagnostic.severity >= Severity::Warning)
        })
        .count();
    if found.is_empty() {
        line.push_str("no problems");
    } else {
        line.push_str(&format!(
            "{} in {}",
            found.join(", "),
            count(with_problems, "file")
        ));
    }
    if counts.waived > 0 {
        line.push_str(&format!("; {} waived", counts.waived));
    }
    if failures > 0 {
        line.push_str(&format!("; {}", count(failures, "input error")));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_report::{FileChecks, Reported};
    use smm_syntax::{Diagnostic, Span, SyntaxCode};

    fn report(severities: &[Severity], files: usize) -> Report {
        let mut report = Report {
            roots: vec!["/w".into()],
            files: Vec::new(),
            mappings: Vec::new(),
        };
        for i in 0..files {
            let diagnostics = if i == 0 {
                severities
                    .iter()
                    .map(|s| {
                        let mut d =
                            Diagnostic::syntax(SyntaxCode::UnexpectedToken, Span::new(0, 1), "x");
                        d.severity = *s;
                        Reported {
                            diagnostic: d,
                            fix: None,
                            waived: None,
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            };
            report.files.push(FileReport {
                root: 0,
                relative: format!("f{i}.smm"),
                relative_path: format!("f{i}.smm").into(),
                shown: format!("f{i}.smm"),
                text: "x\n".into(),
                lines: smm_syntax::lines::LineIndex::new("x\n").into(),
                checks: FileChecks {
                    diagnostics,
                    assessments: Vec::new(),
                },
                dependent: false,
            });
        }
        report
    }

    #[test]
    fn summaries() {
        assert_eq!(summary(&report(&[], 5), 0), "checked 5 files: no problems");
        let dirty = report(&[Severity::Error, Severity::Error], 1);
        assert_eq!(summary(&dirty, 0), "checked 1 file: 2 errors in 1 file");
        assert_eq!(
            summary(&dirty, 1),
            "checked 1 file: 2 errors in 1 file; 1 input error"
        );
        let mut warned = report(&[Severity::Error, Severity::Warning, Severity::Hint], 3);
        assert_eq!(
            summary(&warned, 0),
            "checked 3 files: 1 error, 1 warning in 1 file"
        );
        warned.files[1].dependent = true;
        assert_eq!(
            summary(&warned, 0),
            "checked 2 files and 1 dependent: 1 error, 1 warning in 1 file"
        );
    }
}
