//! The assessments to report on, each with what its page needs from its workspace: the
//! findings in its file (as `smm check` reports them, severities from smm.toml), the file's
//! text to place them, the mappings used and the expiry window.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::args::InputArgs;
use crate::assessed::{assessed, Assessed};
use crate::check_report::{MappingUsed, Reported};
use crate::checked::{Checked, Semantic};
use crate::inputs;
use crate::status::Status;

use super::page::{self, Baseline, Page, DEFAULT_EXPIRY_WINDOW};

/// The earlier assessments `--baseline` read, and what they were read from.
pub struct Baselines {
    pub label: String,
    pub assessments: Vec<Assessed>,
}

/// The page of every assessment in the files `input` names (the whole workspace without
/// paths), in path order. Unreadable input is reported on `err` and counted in `status`.
pub fn pages(
    input: &InputArgs,
    as_of: Option<smm_check::Day>,
    baselines: Option<&Baselines>,
    status: &mut Status,
    err: &mut dyn Write,
) -> io::Result<Vec<Page>> {
    let resolved = inputs::resolve(input, err)?;
    status.failures += resolved.status.failures;
    let semantic = Semantic {
        as_of,
        dependents: false,
    };
    let mut found = Vec::new();
    for mut group in resolved.groups {
        let checked = Checked::run_with_inputs(&semantic, &mut group, status, err)?;
        let wanted = group.input_paths();
        let mappings = MappingUsed::of(&checked.model.model);
        let mut file_reported: Option<(PathBuf, Vec<Reported>)> = None;
        for assessment in assessed(&checked, &group.root, |p| wanted.contains(p)) {
            let Some(source) = checked
                .workspace
                .id(&assessment.file)
                .and_then(|id| checked.workspace.source(id))
            else {
                continue;
            };
            // A file's findings are gathered once for all its assessments, each page taking
            // those that start within its span: per page, a file of many assessments would
            // cost time quadratic in its findings.
            if file_reported
                .as_ref()
                .is_none_or(|(file, _)| *file != assessment.file)
            {
                let reported = file_findings(&checked, &group, &assessment.file, source);
                file_reported = Some((assessment.file.clone(), reported));
            }
            let all = file_reported
                .as_ref()
                .map_or(&[][..], |(_, r)| r.as_slice());
            let from = all.partition_point(|r| r.diagnostic.span.start < assessment.span.start);
            let to = all.partition_point(|r| r.diagnostic.span.start <= assessment.span.end);
            let reported = &all[from..to.max(from)];
            let baseline = match baselines {
                Some(b) => baseline(&assessment, b, err)?,
                None => None,
            };
            let editions = assessment.editions.clone();
            let inputs = page::Inputs {
                model: &checked.model.model,
                editions: &editions,
                text: &source.text,
                lines: &source.lines,
                span: assessment.span,
                reported,
                mappings: &mappings,
                as_of,
                expiry_window: group
                    .config
                    .expiry_warning_days
                    .unwrap_or(DEFAULT_EXPIRY_WINDOW),
            };
            found.push(page::build(assessment, baseline, &inputs));
        }
    }
    Ok(found)
}

/// The findings of `path` as `smm check` reports them (with its syntax errors and the
/// workspace's severities), in order of position.
fn file_findings(
    checked: &Checked,
    group: &inputs::Group,
    path: &Path,
    source: &smm_check::Source,
) -> Vec<Reported> {
    let mut reported = checked.checks_of(path).diagnostics;
    reported.extend(source.parse.errors.iter().map(|d| Reported {
        diagnostic: d.clone(),
        fix: None,
        waived: None,
    }));
    reported.retain_mut(|r| {
        let d = &mut r.diagnostic;
        match group.config.severity_of(d.code, d.severity) {
            Some(severity) => d.severity = severity,
            None => return false,
        }
        true
    });
    reported.sort_by_key(|r| (r.diagnostic.span.start, r.diagnostic.code));
    reported
}

/// The baseline's assessment of the same id; when the baseline holds a single assessment,
/// that one (a renamed assessment is still its own baseline).
fn baseline(
    assessment: &Assessed,
    baselines: &Baselines,
    err: &mut dyn Write,
) -> io::Result<Option<Baseline>> {
    let same = baselines
        .assessments
        .iter()
        .find(|b| b.id == assessment.id)
        .or(match baselines.assessments.as_slice() {
            [only] => Some(only),
            _ => None,
        });
    let Some(earlier) = same else {
        writeln!(
            err,
            "warning: the baseline {} holds no assessment `{}`; its page has no baseline",
            smm_syntax::visible(&baselines.label),
            smm_syntax::visible(&assessment.id)
        )?;
        return Ok(None);
    };
    Ok(Some(Baseline {
        label: baselines.label.clone(),
        date: earlier.date.clone(),
        levels: page::baseline_levels(assessment, earlier),
    }))
}
