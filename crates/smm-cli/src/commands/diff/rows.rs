//! The changes of one assessment as rows of before and after, in the words both the human
//! and the Markdown output use; and the closing count.

use super::changes::{
    AssessmentDiff, Change, Diff, EvidenceChange, PracticeDiff, Regression, Status,
};
use crate::assessed::{Assessed, Rating, Target};
use crate::status::count;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Better,
    Worse,
}

/// `WHAT BEFORE → AFTER`; `+ WHAT AFTER` when there was nothing before, `- WHAT BEFORE` when
/// nothing is left. Text from the files is raw here: each format makes it safe.
pub struct Row<'a> {
    /// `None` for the assessment's own lines.
    pub practice: Option<&'a str>,
    pub what: What<'a>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub regression: bool,
    pub tone: Tone,
}

pub enum What<'a> {
    /// A word of ours: `current`, `target scope`, `date`.
    Word(&'static str),
    /// `evidence "TEXT"`, then the keyword that follows it in the file when that is what
    /// changed (`implements`, `expires`), or `stub` for stub evidence added or removed.
    Evidence(&'a str, Option<&'static str>),
}

impl<'a> Row<'a> {
    fn changed(
        practice: Option<&'a str>,
        what: What<'a>,
        before: String,
        after: String,
    ) -> Row<'a> {
        Row {
            practice,
            what,
            before: Some(before),
            after: Some(after),
            regression: false,
            tone: Tone::Plain,
        }
    }

    fn tone(mut self, tone: Tone) -> Row<'a> {
        self.tone = tone;
        self
    }

    fn regression(mut self, regression: bool) -> Row<'a> {
        if regression {
            self.regression = true;
            self.tone = Tone::Worse;
        }
        self
    }
}

pub fn rows<'a>(assessment: &'a AssessmentDiff<'a>) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for field in &assessment.fields {
        rows.push(Row::changed(
            None,
            What::Word(field.field),
            or_none(field.old),
            or_none(field.new),
        ));
    }
    for practice in &assessment.practices {
        practice_rows(practice, &mut rows);
    }
    rows
}

fn practice_rows<'a>(p: &'a PracticeDiff<'a>, rows: &mut Vec<Row<'a>>) {
    let at = Some(p.id);
    let regressed = |r: Regression| p.regressions.contains(&r);
    if let Some(Change {
        old: before,
        new: after,
    }) = p.current
    {
        match (before, after) {
            (Some(a), Some(b)) => {
                if a.level != b.level {
                    let tone = if b.level > a.level {
                        Tone::Better
                    } else {
                        Tone::Plain
                    };
                    rows.push(
                        Row::changed(
                            at,
                            What::Word("current"),
                            a.level.to_string(),
                            b.level.to_string(),
                        )
                        .tone(tone)
                        .regression(regressed(Regression::LevelDropped)),
                    );
                }
                changed(rows, at, "scope", a.scope, b.scope, Into::into);
            }
            (a, b) => rows.push(
                Row::changed(at, What::Word("current"), rating(a), rating(b))
                    .regression(regressed(Regression::LevelDropped)),
            ),
        }
    }
    if let Some(Change {
        old: before,
        new: after,
    }) = p.target
    {
        match (before, after) {
            (Some(a), Some(b)) => {
                changed(rows, at, "target", a.level, b.level, |l| l.to_string());
                changed(rows, at, "target scope", a.scope, b.scope, Into::into);
                changed(
                    rows,
                    at,
                    "target set by",
                    &a.set_by,
                    &b.set_by,
                    String::clone,
                );
            }
            (a, b) => rows.push(Row::changed(at, What::Word("target"), target(a), target(b))),
        }
    }
    if let Some(Change {
        old: before,
        new: after,
    }) = p.met
    {
        let word = |met: bool| if met { "met" } else { "unmet" };
        rows.push(
            Row::changed(
                at,
                What::Word("target"),
                word(before).into(),
                word(after).into(),
            )
            .tone(if after { Tone::Better } else { Tone::Plain })
            .regression(regressed(Regression::TargetUnmet)),
        );
    }
    for e in &p.added {
        rows.push(Row {
            practice: at,
            what: What::Evidence(&e.text, e.stub.then_some("stub")),
            before: None,
            after: Some(evidence_modifiers(&e.implements, e.expires.as_deref())),
            regression: false,
            tone: if e.stub { Tone::Plain } else { Tone::Better },
        });
    }
    for e in &p.removed {
        rows.push(
            Row {
                practice: at,
                what: What::Evidence(&e.text, e.stub.then_some("stub")),
                before: Some(evidence_modifiers(&e.implements, e.expires.as_deref())),
                after: None,
                regression: false,
                tone: Tone::Plain,
            }
            .regression(!e.stub),
        );
    }
    for change in &p.changed {
        evidence_rows(at, change, rows);
    }
}

/// A row for a value of ours, when it differs between the sides.
fn changed<'a, T: PartialEq>(
    rows: &mut Vec<Row<'a>>,
    at: Option<&'a str>,
    word: &'static str,
    before: T,
    after: T,
    show: impl Fn(T) -> String,
) {
    if before != after {
        rows.push(Row::changed(
            at,
            What::Word(word),
            show(before),
            show(after),
        ));
    }
}

fn evidence_rows<'a>(at: Option<&'a str>, change: &'a EvidenceChange<'a>, rows: &mut Vec<Row<'a>>) {
    let what = |keyword| What::Evidence(change.text, Some(keyword));
    if let Some(Change { old: b, new: a }) = change.implements {
        rows.push(Row::changed(at, what("implements"), clauses(b), clauses(a)));
    }
    if let Some(Change { old: b, new: a }) = change.expires {
        rows.push(Row::changed(at, what("expires"), or_none(b), or_none(a)));
    }
    if let Some(Change {
        old: before,
        new: after,
    }) = change.stub
    {
        let word = |stub: bool| if stub { "stub" } else { "not a stub" };
        rows.push(
            Row::changed(
                at,
                What::Evidence(change.text, None),
                word(before).into(),
                word(after).into(),
            )
            .tone(if after { Tone::Plain } else { Tone::Better })
            .regression(after),
        );
    }
}

/// Why a side's targets are unknown, for each side that does not know them.
pub fn unknown_targets(assessment: &AssessmentDiff<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    for (side, a) in [("old", assessment.old), ("new", assessment.new)] {
        if let Some(a) = a.filter(|a| !a.targets_known) {
            notes.push(format!(
                "targets unknown on the {side} side: {}, so no target is compared",
                why_unknown(a)
            ));
        }
    }
    notes
}

fn why_unknown(a: &Assessed) -> String {
    match &a.profile {
        Some(profile) => format!("profile `{profile}` is not in that workspace"),
        None => "the assessment names no profile".into(),
    }
}

/// What an assessment added holds: `2 practices rated; 1 of 4 targets met`.
pub fn added(a: &Assessed) -> String {
    let rated = a.practices.iter().filter(|p| p.current.is_some()).count();
    let mut line = format!("{} rated", count(rated, "practice"));
    if a.targets_known {
        line.push_str(&format!(
            "; {} of {} met",
            a.summary.met,
            count(a.summary.targeted, "target")
        ));
    }
    line
}

/// `2 assessments changed, 1 added, 1 removed, 3 unchanged; 4 regressions`.
pub fn summary(diff: &Diff<'_>) -> String {
    let changed = diff.count(Status::Changed);
    let mut line = format!(
        "{} changed, {} added, {} removed, {} unchanged",
        count(changed, "assessment"),
        diff.count(Status::Added),
        diff.count(Status::Removed),
        diff.count(Status::Unchanged)
    );
    let regressions = diff.regressions();
    if regressions > 0 {
        line.push_str(&format!("; {}", count(regressions, "regression")));
    } else {
        line.push_str("; no regressions");
    }
    line
}

pub fn or_none(value: Option<&str>) -> String {
    value.unwrap_or("none").to_string()
}

fn rating(rating: Option<Rating>) -> String {
    match rating {
        Some(r) => format!("{}, scope {}", r.level, r.scope),
        None => "not rated".into(),
    }
}

fn target(target: Option<&Target>) -> String {
    match target {
        Some(t) => format!("{}, scope {}, set by {}", t.level, t.scope, t.set_by),
        None => "none".into(),
    }
}

fn clauses(clauses: &[String]) -> String {
    if clauses.is_empty() {
        "none".into()
    } else {
        clauses.join(" ")
    }
}

/// `implements A B, expires D`, or empty.
fn evidence_modifiers(implements: &[String], expires: Option<&str>) -> String {
    let mut parts = Vec::new();
    if !implements.is_empty() {
        parts.push(format!("implements {}", implements.join(" ")));
    }
    if let Some(day) = expires {
        parts.push(format!("expires {day}"));
    }
    parts.join(", ")
}
