//! One run of the checker over a workspace, and what it found.

use std::collections::{BTreeMap, BTreeSet};

use smm_model::Model;

use crate::assessments::{AssessmentReport, Checker};
use crate::profiles::{self, ResolvedProfile};
use crate::{declared, CheckOptions, FileId, Finding, Loader, Workspace};

#[derive(Clone, Debug)]
pub struct Analysis {
    /// Each file's findings, sorted by position, then code; a file without findings has no
    /// entry. Kept per file, as the checker finds them, so that a caller can take one file's
    /// findings without regrouping (or copying) them all.
    findings: BTreeMap<FileId, Vec<Finding>>,
    pub profiles: BTreeMap<String, ResolvedProfile>,
    pub assessments: Vec<AssessmentReport>,
    /// For each file, the files it uses: the profiles an assessment or profile builds on.
    pub uses: BTreeMap<FileId, BTreeSet<FileId>>,
}

impl Analysis {
    /// Every finding, sorted by file, then position, then code.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.values().flatten()
    }

    pub fn findings_of(&self, file: FileId) -> impl Iterator<Item = &Finding> {
        self.findings.get(&file).into_iter().flatten()
    }

    /// The findings and assessment reports, file by file, taken out of the analysis: for a
    /// caller that hands each file's results on once (the CLI's output), so that they are
    /// moved rather than copied.
    pub fn take_by_file(&mut self) -> BTreeMap<FileId, (Vec<Finding>, Vec<AssessmentReport>)> {
        let mut by_file: BTreeMap<FileId, (Vec<Finding>, Vec<AssessmentReport>)> =
            std::mem::take(&mut self.findings)
                .into_iter()
                .map(|(file, findings)| (file, (findings, Vec::new())))
                .collect();
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
        self.findings.retain(|file, _| !only.contains(file));
        self.findings.extend(partial.findings);
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

    /// Takes in the results of a check of one assessment (`CheckOptions::within`) after an
    /// edit inside it (`edit`): its findings and report replace the old ones, and what the
    /// file holds after the edit moves by the edit's change in length. Returns the other
    /// files whose findings point at a place that moved (a name declared twice), whose
    /// diagnostics are to be sent again.
    pub fn update_item(&mut self, partial: Analysis, edit: &crate::ItemEdit) -> BTreeSet<FileId> {
        let file = edit.file;
        let mut others = BTreeSet::new();
        for (other, found) in self.findings.iter_mut().filter(|(f, _)| **f != file) {
            for finding in found {
                if edit.shift_finding(finding) {
                    others.insert(*other);
                }
            }
        }
        let mut findings = self.findings.remove(&file).unwrap_or_default();
        findings.retain(|f| !edit.old.encloses(f.diagnostic.span));
        for finding in &mut findings {
            edit.shift_finding(finding);
        }
        let mut partial = partial;
        findings.extend(
            partial
                .findings
                .remove(&file)
                .into_iter()
                .flatten()
                .filter(|f| edit.new.encloses(f.diagnostic.span)),
        );
        findings.sort_by(finding_order);
        if !findings.is_empty() {
            self.findings.insert(file, findings);
        }
        self.assessments
            .retain(|a| a.file != file || !edit.old.encloses(a.name_span));
        for report in &mut self.assessments {
            edit.shift_report(report);
        }
        self.assessments.extend(
            partial
                .assessments
                .into_iter()
                .filter(|a| a.file == file && edit.new.encloses(a.name_span)),
        );
        self.assessments
            .sort_by_key(|a| (a.file, a.name_span.start));
        self.profiles = partial.profiles;
        self.uses = uses(&self.profiles, &self.assessments);
        others
    }
}

/// For each file, the files it uses: those of the profiles its profiles and assessments
/// build on.
fn uses(
    profiles: &BTreeMap<String, ResolvedProfile>,
    assessments: &[AssessmentReport],
) -> BTreeMap<FileId, BTreeSet<FileId>> {
    let mut uses: BTreeMap<FileId, BTreeSet<FileId>> = BTreeMap::new();
    let file_of = |name: &String| profiles.get(name).map(|p| p.file);
    for profile in profiles.values() {
        let used = profile.chain.iter().skip(1).filter_map(file_of);
        uses.entry(profile.file).or_default().extend(used);
    }
    for report in assessments {
        let chain = report
            .profile
            .as_ref()
            .and_then(|p| profiles.get(p))
            .map(|p| p.chain.as_slice())
            .unwrap_or_default();
        let used = chain.iter().filter_map(file_of);
        uses.entry(report.file).or_default().extend(used);
    }
    // A file's own items are not a dependency.
    for (file, used) in uses.iter_mut() {
        used.remove(file);
    }
    uses
}

/// `work` on each item with its own findings, spread over the cores (`parallel::map`).
/// Items begun after `options.cancel` is set are skipped.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    options: &CheckOptions,
    work: impl Fn(&T, &mut Vec<Finding>) -> R + Sync,
) -> Vec<(R, Vec<Finding>)> {
    let one = |item: &T| {
        if options.cancel.is_cancelled() {
            return None;
        }
        let mut findings = Vec::new();
        let result = work(item, &mut findings);
        // Every item's findings are held until all are done; a large workspace has a hundred
        // thousand, and growth by doubling would leave a third of their room unused.
        findings.shrink_to_fit();
        Some((result, findings))
    };
    let done = if options.one_thread {
        items.iter().map(one).collect()
    } else {
        crate::parallel::map(items, one)
    };
    done.into_iter().flatten().collect()
}

/// Order within a file.
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (a.diagnostic.span.start, a.diagnostic.span.end, a.code()).cmp(&(
        b.diagnostic.span.start,
        b.diagnostic.span.end,
        b.code(),
    ))
}

/// Findings grouped by file as they arrive. An assessment's findings usually all lie in its
/// own file: such a batch is moved in whole rather than pushed one by one.
#[derive(Default)]
struct ByFile(BTreeMap<FileId, Vec<Finding>>);

impl ByFile {
    fn push(&mut self, finding: Finding) {
        self.0.entry(finding.file).or_default().push(finding);
    }

    fn extend(&mut self, found: Vec<Finding>) {
        let Some(first) = found.first() else {
            return;
        };
        let file = first.file;
        if found.iter().all(|f| f.file == file) {
            match self.0.entry(file) {
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(found);
                }
                std::collections::btree_map::Entry::Occupied(mut slot) => {
                    slot.get_mut().extend(found);
                }
            }
        } else {
            for finding in found {
                self.push(finding);
            }
        }
    }
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
        said: Default::default(),
    };
    let wanted = |file: FileId| {
        options
            .only
            .as_ref()
            .is_none_or(|only| only.contains(&file))
    };
    let within = |a: &&declared::Declared<'_, smm_syntax::ast::Assessment>| {
        options.within.is_none_or(|w| w.encloses(a.item.span))
    };
    let wanted_assessments: Vec<_> = declared
        .assessments
        .iter()
        .filter(|a| wanted(a.file))
        .filter(within)
        .collect();
    let assessments = in_parallel(&wanted_assessments, options, |a, findings| {
        checker.check(a, findings)
    });
    let mut by_file = ByFile::default();
    for finding in findings {
        by_file.push(finding);
    }
    let assessments: Vec<AssessmentReport> = assessments
        .into_iter()
        .map(|(report, found)| {
            by_file.extend(found);
            report
        })
        .collect();
    let mut findings = by_file.0;
    findings.retain(|file, _| wanted(*file));

    let uses = uses(&profiles, &assessments);

    for found in findings.values_mut() {
        found.sort_by(finding_order);
        found.shrink_to_fit();
    }
    Analysis {
        findings,
        profiles,
        assessments,
        uses,
    }
}
