//! Each checked assessment as plain data, for the commands that compare or present assessments
//! (`smm diff`, `smm report`): its own fields, and for every practice of the catalog what the
//! profile asks, what was found and the evidence given. Everything judged (targets, gaps, met,
//! waivers, missing clauses) is the checker's (`smm_check::AssessmentReport`); what the checker
//! does not keep (the title, the assessor, the evidence lines) is read from the syntax tree.

use std::collections::BTreeMap;
use std::path::Path;

use smm_syntax::ast::{self, AssessmentField, Item, PracticeField};

use crate::check_report::{relative_shown, PathPrefix, Waived};
pub use crate::check_report::{Rating, Target};
use crate::checked::Checked;

#[derive(Clone, Debug)]
pub struct Assessed {
    pub id: String,
    pub title: Option<String>,
    /// From the `base` given to `assessed`, `/`-separated, as people read it.
    pub path: String,
    /// The profile the assessment names, as written, found or not.
    pub profile: Option<String>,
    /// Whether that profile was found on this side. When it was not, no practice has a target
    /// because none is known, not because the profile sets none.
    pub targets_known: bool,
    /// The assessment's own role, else its profile's.
    pub role: Option<&'static str>,
    /// `YYYY-MM-DD`; `None` when missing or not on the calendar.
    pub date: Option<String>,
    pub assessor: Option<String>,
    /// Every practice of the catalog, in its order, rated or not.
    pub practices: Vec<AssessedPractice>,
    /// The checker's roll-up per domain and subdomain, and clause coverage per standard.
    pub summary: smm_check::Summary,
    /// The editions the assessment follows (its own `follows`, else its profile's).
    pub editions: smm_model::Editions,
    /// The file as loaded, and the whole declaration in it, to find what was reported inside.
    pub file: std::path::PathBuf,
    pub span: smm_syntax::Span,
    /// What the assessment's own lines say as written, for the exports that must give back
    /// the file (`smm report --format csv`, read again by `smm import`).
    pub written: Written,
}

/// An assessment's lines as written, where the fields above hold what the checker made of
/// them: its own `role` (not its profile's), its `follows` lines, its `date` even when not on
/// the calendar, its `description`, and each practice line's level and `scope` as given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub role: Option<String>,
    /// Every `follows` line, in file order.
    pub follows: Vec<String>,
    /// `YYYY-MM-DD`, the shape the parser accepted.
    pub date: Option<String>,
    pub description: Option<String>,
    /// The practice lines in file order, the first of a practice written twice (as the
    /// checker counts it).
    pub practices: Vec<WrittenPractice>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenPractice {
    pub id: String,
    /// The level as written, `None` when the line has none the parser could read.
    pub level: Option<i64>,
    /// The `scope` as written, `None` when the line gives none (the scope is then `general`).
    pub scope: Option<String>,
}

// `smm diff` compares what changes between versions; the rest (the roll-up's place, gap,
// waiver, missing clauses, note) is what `smm report` shows.
#[allow(dead_code)]
#[derive(Clone, Debug)]
pub struct AssessedPractice {
    pub id: String,
    pub title: String,
    pub domain: Named,
    pub subdomain: Named,
    pub target: Option<Target>,
    /// `None` when the assessment does not rate the practice.
    pub current: Option<Rating>,
    pub gap: Option<u8>,
    pub met: Option<bool>,
    /// The waiver in force that accepts this practice's unmet or missing target.
    pub waived: Option<Waived>,
    /// Clauses mapped up to the target for the role that no evidence implements.
    pub missing: Vec<String>,
    /// Canonical keys of the clauses the evidence implements (stubs implement none).
    pub implemented: Vec<String>,
    /// The practice block's `note`.
    pub note: Option<String>,
    /// In file order.
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub text: String,
    /// `STANDARD:CLAUSE` as written.
    pub implements: Vec<String>,
    /// `YYYY-MM-DD` as written, even when not on the calendar (the checker reports that).
    pub expires: Option<String>,
    pub link: Option<String>,
    pub stub: bool,
}

/// The assessments of `checked` in the files `wanted` accepts, ordered by path and then by
/// position in the file; paths are given from `base`.
pub fn assessed(checked: &Checked, base: &Path, wanted: impl Fn(&Path) -> bool) -> Vec<Assessed> {
    let model = &checked.model.model;
    let mut found: Vec<(&Path, usize, Assessed)> = Vec::new();
    for report in &checked.analysis().assessments {
        let Some(source) = checked.workspace.source(report.file) else {
            continue;
        };
        if !wanted(&source.path) {
            continue;
        }
        let Some(syntax) = declaration(&source.parse.file, report.name_span) else {
            continue;
        };
        let fields = Fields::of(syntax);
        let statuses: BTreeMap<&str, &smm_check::PracticeStatus> = report
            .practices
            .iter()
            .map(|p| (p.practice.as_str(), p))
            .collect();
        let practices = model
            .practices()
            .map(|practice| {
                let named = |id: &str, title: Option<&String>| Named {
                    id: id.to_string(),
                    title: title.cloned().unwrap_or_else(|| id.to_string()),
                };
                let status = statuses.get(practice.id.as_str()).copied();
                let block = fields.practices.get(practice.id.as_str()).copied();
                AssessedPractice {
                    id: practice.id.clone(),
                    title: practice.name.clone(),
                    domain: named(
                        &practice.domain,
                        model.domain(&practice.domain).map(|d| &d.title),
                    ),
                    subdomain: named(
                        &practice.subdomain,
                        model.subdomain(&practice.subdomain).map(|s| &s.title),
                    ),
                    target: status.and_then(|s| s.target.as_ref()).map(Target::from),
                    current: status.and_then(|s| s.current).map(Rating::from),
                    gap: status.and_then(smm_check::PracticeStatus::gap),
                    met: status.and_then(smm_check::PracticeStatus::met),
                    waived: status
                        .and_then(|s| s.waived.as_ref())
                        .map(crate::check_report::waived),
                    missing: status.map_or_else(Vec::new, |s| {
                        s.missing.iter().map(|c| c.to_string()).collect()
                    }),
                    implemented: status
                        .map(|s| s.implemented.iter().map(str::to_string).collect())
                        .unwrap_or_default(),
                    note: block.and_then(note),
                    evidence: block.map(evidence).unwrap_or_default(),
                }
            })
            .collect();
        let assessed = Assessed {
            id: report.name.clone(),
            title: syntax.title.as_ref().map(|t| t.value.clone()),
            path: relative_shown(&source.path, base, &PathPrefix::default()),
            profile: fields.profile,
            targets_known: report.profile.is_some(),
            role: report.role.map(|r| r.id()),
            date: report.date.map(|d| d.to_string()),
            assessor: fields.assessor,
            practices,
            summary: report.summary.clone(),
            editions: report.follows.editions(model),
            file: source.path.clone(),
            span: syntax.span,
            written: fields.written,
        };
        found.push((&source.path, report.name_span.start, assessed));
    }
    found.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    found.into_iter().map(|(_, _, a)| a).collect()
}

/// The assessment whose name is at `name_span`: the checker's report names it by that span,
/// which stays right when a file declares the same name twice.
fn declaration(file: &ast::SourceFile, name_span: smm_syntax::Span) -> Option<&ast::Assessment> {
    file.items.iter().find_map(|item| match item {
        Item::Assessment(a) if a.name.as_ref().is_some_and(|n| n.span == name_span) => Some(a),
        _ => None,
    })
}

/// What the checker does not keep of an assessment's own lines. Where a line is repeated the
/// first counts, as it does for the checker.
struct Fields<'a> {
    profile: Option<String>,
    assessor: Option<String>,
    practices: BTreeMap<&'a str, &'a ast::Practice>,
    written: Written,
}

impl<'a> Fields<'a> {
    fn of(assessment: &'a ast::Assessment) -> Fields<'a> {
        let mut fields = Fields {
            profile: None,
            assessor: None,
            practices: BTreeMap::new(),
            written: Written::default(),
        };
        let written = &mut fields.written;
        for field in assessment.body.iter().flat_map(|b| &b.entries) {
            match field {
                AssessmentField::Profile(s) => {
                    let value = s.value.as_ref().map(|n| n.text.clone());
                    fields.profile = fields.profile.take().or(value);
                }
                AssessmentField::Assessor(s) => {
                    let value = s.value.as_ref().map(|t| t.value.clone());
                    fields.assessor = fields.assessor.take().or(value);
                }
                AssessmentField::Practice(p) => {
                    if let Some(name) = &p.practice {
                        if !fields.practices.contains_key(name.text.as_str()) {
                            written.practices.push(WrittenPractice {
                                id: name.text.clone(),
                                level: p.level.as_ref().and_then(|l| l.value.as_ref()?.value),
                                scope: p
                                    .scope
                                    .as_ref()
                                    .and_then(|s| s.value.as_ref())
                                    .map(|n| n.text.clone()),
                            });
                        }
                        fields.practices.entry(name.text.as_str()).or_insert(p);
                    }
                }
                AssessmentField::Role(s) => {
                    let value = s.value.as_ref().map(|n| n.text.clone());
                    written.role = written.role.take().or(value);
                }
                AssessmentField::Follows(s) => {
                    written
                        .follows
                        .extend(s.value.as_ref().map(|n| n.text.clone()));
                }
                AssessmentField::Date(s) => {
                    let value = s
                        .value
                        .as_ref()
                        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
                    written.date = written.date.take().or(value);
                }
                AssessmentField::Description(s) => {
                    let value = s.value.as_ref().map(|t| t.value.clone());
                    written.description = written.description.take().or(value);
                }
                AssessmentField::Waiver(_) | AssessmentField::Error(_) => {}
            }
        }
        fields
    }
}

fn note(practice: &ast::Practice) -> Option<String> {
    practice
        .body
        .iter()
        .flat_map(|b| &b.entries)
        .find_map(|field| match field {
            PracticeField::Note(s) => s.value.as_ref().map(|t| t.value.clone()),
            _ => None,
        })
}

fn evidence(practice: &ast::Practice) -> Vec<Evidence> {
    practice
        .body
        .iter()
        .flat_map(|b| &b.entries)
        .filter_map(|field| match field {
            PracticeField::Evidence(e) => Some(e),
            _ => None,
        })
        .filter_map(|e| {
            Some(Evidence {
                // Without its description the line is a syntax error with nothing to match on.
                text: e.description.as_ref()?.value.clone(),
                implements: e
                    .clauses
                    .iter()
                    .map(|c| format!("{}:{}", c.standard, c.clause))
                    .collect(),
                expires: e
                    .expires
                    .as_ref()
                    .and_then(|s| s.value.as_ref())
                    .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
                link: e
                    .link
                    .as_ref()
                    .and_then(|s| s.value.as_ref())
                    .map(|t| t.value.clone()),
                stub: e.stub.is_some(),
            })
        })
        .collect()
}
