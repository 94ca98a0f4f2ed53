//! One run of the checker over a workspace, and what it found.

use std::collections::{BTreeMap, BTreeSet};

use smm_model::Model;

use crate::assessments::{AssessmentReport, Checker};
use crate::dates::Day;
use crate::profiles::{self, ResolvedProfile};
use crate::{declared, FileId, Finding, Loader, Workspace};

/// Settings of a run. Dates are never judged against the system clock: the same files and
/// options always give the same findings.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Judge expiry dates as of this day instead of each assessment's date.
    pub as_of: Option<Day>,
    /// Report evidence that expires within this many days of that day.
    pub expiry_warning_days: Option<u32>,
    /// Check only these files (the dependents of a change, `Analysis::dependents`); every
    /// profile is still resolved, since any file may extend any profile. `None`: every file.
    pub only: Option<BTreeSet<FileId>>,
}

#[derive(Clone, Debug)]
pub struct Analysis {
    /// Sorted by file, then position, then code.
    pub findings: Vec<Finding>,
    pub profiles: BTreeMap<String, ResolvedProfile>,
    pub assessments: Vec<AssessmentReport>,
    /// For each file, the files it uses: the profiles an assessment or profile builds on.
    pub uses: BTreeMap<FileId, BTreeSet<FileId>>,
}

impl Analysis {
    pub fn findings_of(&self, file: FileId) -> impl Iterator<Item = &Finding> {
        // Sorted by file first.
        let start = self.findings.partition_point(|f| f.file < file);
        let end = self.findings.partition_point(|f| f.file <= file);
        self.findings[start..end].iter()
    }

    /// The findings and assessment reports, file by file, taken out of the analysis: for a
    /// caller that hands each file's results on once (the CLI's output), so that they are
    /// moved rather than copied.
    pub fn take_by_file(&mut self) -> BTreeMap<FileId, (Vec<Finding>, Vec<AssessmentReport>)> {
        let mut by_file: BTreeMap<FileId, (Vec<Finding>, Vec<AssessmentReport>)> = BTreeMap::new();
        for finding in std::mem::take(&mut self.findings) {
            by_file.entry(finding.file).or_default().0.push(finding);
        }
        for report in std::mem::take(&mut self.assessments) {
            by_file.entry(report.file).or_default().1.push(report);
        }
        by_file
    }

    /// The files whose findings may change when `file` changes: those that use it, directly
    /// or through other files, and the file itself.
    pub fn dependents(&self, file: FileId) -> BTreeSet<FileId> {
        self.dependents_of([file])
    }

    /// `dependents` of several files at once: every file that uses one of them, directly or
    /// through other files, and the files themselves. Linear in the uses.
    pub fn dependents_of(&self, files: impl IntoIterator<Item = FileId>) -> BTreeSet<FileId> {
        let mut users: BTreeMap<FileId, Vec<FileId>> = BTreeMap::new();
        for (user, used) in &self.uses {
            for file in used {
                users.entry(*file).or_default().push(*user);
            }
        }
        let mut found: BTreeSet<FileId> = files.into_iter().collect();
        let mut queue: Vec<FileId> = found.iter().copied().collect();
        while let Some(changed) = queue.pop() {
            for user in users.get(&changed).into_iter().flatten() {
                if found.insert(*user) {
                    queue.push(*user);
                }
            }
        }
        found
    }

    /// Takes in the results of a partial check (`CheckOptions::only` = `only`), run after a
    /// change whose file declares the same names as before: its findings and reports replace
    /// those of the files it covered. Profiles are replaced wholesale, since every check
    /// resolves them all.
    pub fn update(&mut self, partial: Analysis, only: &BTreeSet<FileId>) {
        self.findings.retain(|f| !only.contains(&f.file));
        self.findings.extend(partial.findings);
        self.findings.sort_by(finding_order);
        self.assessments.retain(|a| !only.contains(&a.file));
        self.assessments.extend(partial.assessments);
        self.assessments
            .sort_by_key(|a| (a.file, a.name_span.start));
        self.profiles = partial.profiles;
        // A file outside `only` uses what it used: its own items did not change, and neither
        // did the profiles it builds on (their files' dependents are all in `only`).
        let mut uses = partial.uses;
        for (file, used) in std::mem::take(&mut self.uses) {
            if !only.contains(&file) {
                uses.insert(file, used);
            }
        }
        self.uses = uses;
    }
}

/// `work` on each item with its own findings, spread over the cores (`parallel::map`).
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T, &mut Vec<Finding>) -> R + Sync,
) -> Vec<(R, Vec<Finding>)> {
    crate::parallel::map(items, |item| {
        let mut findings = Vec::new();
        let result = work(item, &mut findings);
        (result, findings)
    })
}

fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (
        a.file,
        a.diagnostic.span.start,
        a.diagnostic.span.end,
        a.code(),
    )
        .cmp(&(
            b.file,
            b.diagnostic.span.start,
            b.diagnostic.span.end,
            b.code(),
        ))
}

/// The names a file declares, as `profile NAME` and `assessment NAME`. Findings in other
/// files depend on a file through these names (references, duplicates, did-you-mean) and
/// through the `uses` graph; when a change keeps the names, its dependents are all that a
/// check must look at again.
pub fn declared_names(file: &smm_syntax::ast::SourceFile) -> Vec<String> {
    use smm_syntax::ast::Item;
    file.items
        .iter()
        .filter_map(|item| match item {
            Item::Profile(p) => p.name.as_ref().map(|n| format!("profile {}", n.text)),
            Item::Assessment(a) => a.name.as_ref().map(|n| format!("assessment {}", n.text)),
            _ => None,
        })
        .collect()
}

pub fn check(
    workspace: &Workspace,
    model: &Model,
    loader: &(dyn Loader + Sync),
    options: &CheckOptions,
) -> Analysis {
    let mut findings = Vec::new();
    let declared = declared::collect(workspace, &mut findings);
    let profiles = profiles::resolve(model, &declared, &mut findings);
    let checker = Checker {
        model,
        workspace,
        loader,
        options,
        profiles: &profiles,
        mapped: crate::mapped::MappedClauses::new(model),
    };
    let wanted = |file: FileId| {
        options
            .only
            .as_ref()
            .is_none_or(|only| only.contains(&file))
    };
    let wanted_assessments: Vec<_> = declared
        .assessments
        .iter()
        .filter(|a| wanted(a.file))
        .collect();
    let assessments = in_parallel(&wanted_assessments, |a, findings| {
        checker.check(a, findings)
    });
    let assessments: Vec<AssessmentReport> = assessments
        .into_iter()
        .map(|(report, found)| {
            findings.extend(found);
            report
        })
        .collect();
    findings.retain(|f| wanted(f.file));

    let mut uses: BTreeMap<FileId, BTreeSet<FileId>> = BTreeMap::new();
    let file_of = |name: &String| profiles.get(name).map(|p| p.file);
    for profile in profiles.values() {
        let used = profile.chain.iter().skip(1).filter_map(file_of);
        uses.entry(profile.file).or_default().extend(used);
    }
    for report in &assessments {
        let chain = report
            .profile
            .as_ref()
            .and_then(|p| profiles.get(p))
            .map(|p| p.chain.clone())
            .unwrap_or_default();
        let used = chain.iter().filter_map(file_of);
        uses.entry(report.file).or_default().extend(used);
    }
    // A file's own items are not a dependency.
    for (file, used) in uses.iter_mut() {
        used.remove(file);
    }

    findings.sort_by(finding_order);
    Analysis {
        findings,
        profiles,
        assessments,
        uses,
    }
}
