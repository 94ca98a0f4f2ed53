//! What changed between two sides, assessment by assessment (matched by id) and practice by
//! practice, and which of those changes are regressions. Plain data that every output format
//! renders.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::assessed::{Assessed, AssessedPractice, Evidence, Rating, Target};

pub struct Diff<'a> {
    /// By assessment id.
    pub assessments: Vec<AssessmentDiff<'a>>,
}

pub struct AssessmentDiff<'a> {
    pub id: &'a str,
    pub old: Option<&'a Assessed>,
    pub new: Option<&'a Assessed>,
    /// The assessment's own lines, and its file when it moved.
    pub fields: Vec<FieldChange<'a>>,
    /// Only the practices with a change, in the catalog's order.
    pub practices: Vec<PracticeDiff<'a>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Added,
    Removed,
    Changed,
    Unchanged,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
        }
    }
}

pub struct FieldChange<'a> {
    /// `title`, `file`, `profile`, `role`, `date`, `assessor`.
    pub field: &'static str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

/// A value on the old side and on the new one, where they differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

impl<T: PartialEq> Change<T> {
    /// The change from `old` to `new`, if there is one.
    pub fn between(old: T, new: T) -> Option<Change<T>> {
        (old != new).then_some(Change { old, new })
    }
}

pub struct PracticeDiff<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// Compared only when both sides know their targets.
    pub target: Option<Change<Option<&'a Target>>>,
    /// Level or scope changed, or the practice was rated or unrated.
    pub current: Option<Change<Option<Rating>>>,
    /// A target met on one side and unmet on the other, both sides knowing it.
    pub met: Option<Change<bool>>,
    pub added: Vec<&'a Evidence>,
    pub removed: Vec<&'a Evidence>,
    pub changed: Vec<EvidenceChange<'a>>,
    pub regressions: Vec<Regression>,
}

/// The same evidence text on both sides with other modifiers.
pub struct EvidenceChange<'a> {
    pub text: &'a str,
    /// Both lists as written, when they differ as sets (reordering is no change).
    pub implements: Option<Change<&'a [String]>>,
    pub expires: Option<Change<Option<&'a str>>>,
    pub stub: Option<Change<bool>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Regression {
    /// The current level dropped, or a practice rated above 0 is no longer rated.
    LevelDropped,
    /// A target that was met is not met any more.
    TargetUnmet,
    /// Evidence (not a stub) disappeared or became a stub.
    EvidenceRemoved,
    /// The whole assessment disappeared, with its levels and evidence.
    AssessmentRemoved,
}

impl Regression {
    pub fn as_str(self) -> &'static str {
        match self {
            Regression::LevelDropped => "level-dropped",
            Regression::TargetUnmet => "target-unmet",
            Regression::EvidenceRemoved => "evidence-removed",
            Regression::AssessmentRemoved => "assessment-removed",
        }
    }
}

impl<'a> Diff<'a> {
    /// Each side holds one assessment per id.
    pub fn between(old: &'a [Assessed], new: &'a [Assessed]) -> Diff<'a> {
        let mut sides: BTreeMap<&str, (Option<&Assessed>, Option<&Assessed>)> = BTreeMap::new();
        for a in old {
            sides.entry(&a.id).or_default().0 = Some(a);
        }
        for a in new {
            sides.entry(&a.id).or_default().1 = Some(a);
        }
        let assessments = sides
            .into_iter()
            .map(|(id, (old, new))| match (old, new) {
                (Some(old), Some(new)) => AssessmentDiff {
                    id,
                    old: Some(old),
                    new: Some(new),
                    fields: fields(old, new),
                    practices: practices(old, new),
                },
                _ => AssessmentDiff {
                    id,
                    old,
                    new,
                    fields: Vec::new(),
                    practices: Vec::new(),
                },
            })
            .collect();
        Diff { assessments }
    }

    pub fn count(&self, status: Status) -> usize {
        self.assessments
            .iter()
            .filter(|a| a.status() == status)
            .count()
    }

    pub fn regressions(&self) -> usize {
        self.assessments.iter().map(|a| a.regressions().len()).sum()
    }
}

impl<'a> AssessmentDiff<'a> {
    /// The side a heading names: the new one, or the old when the assessment was removed.
    pub fn shown(&self) -> &'a Assessed {
        self.new.or(self.old).expect("one side at least")
    }

    pub fn status(&self) -> Status {
        match (self.old, self.new) {
            (None, _) => Status::Added,
            (_, None) => Status::Removed,
            (Some(old), Some(new)) => {
                let changed = !self.fields.is_empty()
                    || !self.practices.is_empty()
                    || old.targets_known != new.targets_known;
                if changed {
                    Status::Changed
                } else {
                    Status::Unchanged
                }
            }
        }
    }

    /// Every regression of the assessment and its practices.
    pub fn regressions(&self) -> Vec<Regression> {
        let mut found: Vec<Regression> = self
            .practices
            .iter()
            .flat_map(|p| p.regressions.iter().copied())
            .collect();
        if self.status() == Status::Removed {
            found.push(Regression::AssessmentRemoved);
        }
        found
    }

    /// Whether a side does not know its targets, which people must be told about even when
    /// nothing else changed: every target there is unknown, not absent.
    pub fn targets_unknown(&self) -> bool {
        [self.old, self.new]
            .into_iter()
            .flatten()
            .any(|a| !a.targets_known)
    }
}

fn fields<'a>(old: &'a Assessed, new: &'a Assessed) -> Vec<FieldChange<'a>> {
    let pairs: [(&'static str, Option<&'a str>, Option<&'a str>); 6] = [
        ("title", old.title.as_deref(), new.title.as_deref()),
        ("file", Some(&old.path), Some(&new.path)),
        ("profile", old.profile.as_deref(), new.profile.as_deref()),
        ("role", old.role, new.role),
        ("date", old.date.as_deref(), new.date.as_deref()),
        ("assessor", old.assessor.as_deref(), new.assessor.as_deref()),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect()
}

fn practices<'a>(old: &'a Assessed, new: &'a Assessed) -> Vec<PracticeDiff<'a>> {
    let targets_known = old.targets_known && new.targets_known;
    let before: BTreeMap<&str, &AssessedPractice> =
        old.practices.iter().map(|p| (p.id.as_str(), p)).collect();
    let after: BTreeMap<&str, &AssessedPractice> =
        new.practices.iter().map(|p| (p.id.as_str(), p)).collect();
    // Each side reads its own catalogs: a practice that only one side defines is compared with
    // nothing, after those both define.
    let pairs = new
        .practices
        .iter()
        .map(|p| (before.get(p.id.as_str()).copied(), Some(p)))
        .chain(
            old.practices
                .iter()
                .filter(|p| !after.contains_key(p.id.as_str()))
                .map(|p| (Some(p), None)),
        );
    pairs
        .map(|(old, new)| practice(old, new, targets_known))
        .filter(PracticeDiff::changed)
        .collect()
}

/// At least one of `old` and `new` is there.
fn practice<'a>(
    old: Option<&'a AssessedPractice>,
    new: Option<&'a AssessedPractice>,
    targets_known: bool,
) -> PracticeDiff<'a> {
    let named = new.or(old).expect("a practice on one side at least");
    let old_target = old.and_then(|p| p.target.as_ref());
    let new_target = new.and_then(|p| p.target.as_ref());
    let target_changed = match (old_target, new_target) {
        (Some(a), Some(b)) => (a.level, a.scope, &a.set_by) != (b.level, b.scope, &b.set_by),
        (a, b) => a.is_some() != b.is_some(),
    };
    let target = (targets_known && target_changed).then_some(Change {
        old: old_target,
        new: new_target,
    });
    let (old_current, new_current) = (old.and_then(|p| p.current), new.and_then(|p| p.current));
    let current = Change::between(old_current, new_current);
    let met = match (old.and_then(|p| p.met), new.and_then(|p| p.met)) {
        (Some(a), Some(b)) if targets_known => Change::between(a, b),
        _ => None,
    };
    let no_evidence: &[Evidence] = &[];
    let (added, removed, changed) = evidence(
        old.map_or(no_evidence, |p| &p.evidence),
        new.map_or(no_evidence, |p| &p.evidence),
    );

    let mut regressions = Vec::new();
    let dropped = match (old_current, new_current) {
        (Some(a), Some(b)) => b.level < a.level,
        (Some(a), None) => a.level > 0,
        _ => false,
    };
    if dropped {
        regressions.push(Regression::LevelDropped);
    }
    if met == Change::between(true, false) {
        regressions.push(Regression::TargetUnmet);
    }
    // A stub implements nothing: losing one loses no evidence, and turning evidence into
    // one loses it.
    let lost = removed.iter().any(|e| !e.stub)
        || changed
            .iter()
            .any(|c| c.stub == Change::between(false, true));
    if lost {
        regressions.push(Regression::EvidenceRemoved);
    }
    PracticeDiff {
        id: &named.id,
        title: &named.title,
        target,
        current,
        met,
        added,
        removed,
        changed,
        regressions,
    }
}

impl PracticeDiff<'_> {
    fn changed(&self) -> bool {
        self.target.is_some()
            || self.current.is_some()
            || self.met.is_some()
            || !self.added.is_empty()
            || !self.removed.is_empty()
            || !self.changed.is_empty()
    }
}

type EvidenceDiff<'a> = (
    Vec<&'a Evidence>,
    Vec<&'a Evidence>,
    Vec<EvidenceChange<'a>>,
);

/// Evidence matched by its text, in order, so that the same text given twice pairs up once
/// per line.
fn evidence<'a>(old: &'a [Evidence], new: &'a [Evidence]) -> EvidenceDiff<'a> {
    let mut unmatched: Vec<Option<&Evidence>> = new.iter().map(Some).collect();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for before in old {
        let found = unmatched
            .iter_mut()
            .find(|slot| slot.is_some_and(|e| e.text == before.text))
            .and_then(Option::take);
        match found {
            None => removed.push(before),
            Some(after) => changed.extend(evidence_change(before, after)),
        }
    }
    let added = unmatched.into_iter().flatten().collect();
    (added, removed, changed)
}

fn evidence_change<'a>(old: &'a Evidence, new: &'a Evidence) -> Option<EvidenceChange<'a>> {
    let set = |e: &'a Evidence| -> std::collections::BTreeSet<&'a str> {
        e.implements.iter().map(String::as_str).collect()
    };
    let change = EvidenceChange {
        text: &new.text,
        implements: (set(old) != set(new)).then_some(Change {
            old: old.implements.as_slice(),
            new: new.implements.as_slice(),
        }),
        expires: Change::between(old.expires.as_deref(), new.expires.as_deref()),
        stub: Change::between(old.stub, new.stub),
    };
    let any = change.implements.is_some() || change.expires.is_some() || change.stub.is_some();
    any.then_some(change)
}
