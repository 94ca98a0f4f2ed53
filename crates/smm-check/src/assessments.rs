//! An assessment against its profile: its own fields, each practice's level and evidence, and
//! each target met, unmet or not assessed.

use std::collections::BTreeMap;

use smm_model::{Level, Model, Role};
use smm_syntax::ast::{Assessment, AssessmentField, Practice, PracticeField, Waiver};
use smm_syntax::{SharedText, Span};

use crate::dates::Day;
use crate::declared::Declared;
use crate::editions::Follows;
use crate::evidence::{self, EvidenceContext};
use crate::mapped::MappedClauses;
use crate::practice_status::{Current, PracticeStatus};
use crate::profiles::{ProfileRole, ResolvedProfile};
use crate::ratings::RatedOnce;
use crate::summary::{summarize, Summary};
use crate::values::{self, Values};
use crate::waivers;
use crate::{CheckCode, CheckOptions, ClauseKeys, FileId, Finding, Loader, Workspace};

#[derive(Clone, Debug)]
pub struct AssessmentReport {
    pub name: String,
    pub file: FileId,
    pub name_span: Span,
    pub profile: Option<String>,
    pub role: Option<Role>,
    pub follows: Follows,
    pub date: Option<Day>,
    /// Targeted and assessed practices, in the framework's order.
    pub practices: Vec<PracticeStatus>,
    pub summary: Summary,
}

pub struct Checker<'a> {
    pub model: &'a Model,
    pub workspace: &'a Workspace,
    pub loader: &'a (dyn Loader + Sync),
    pub options: &'a CheckOptions,
    pub profiles: &'a BTreeMap<String, ResolvedProfile>,
    pub mapped: MappedClauses<'a>,
    pub said: crate::said::Said,
}

/// What an assessment's own lines say, read once (`Checker::fields`).
struct Fields<'a> {
    profile: Option<&'a smm_syntax::ast::Name>,
    role: Option<(Role, Span)>,
    date: Option<Day>,
    follows: Follows,
    ratings: Vec<&'a Practice>,
    waivers: Vec<&'a Waiver>,
}

impl Checker<'_> {
    /// Checks one assessment: its own lines, its profile and role, each practice's rating and
    /// evidence against its target, then its waivers; and sums it up.
    pub fn check(
        &self,
        assessment: &Declared<'_, Assessment>,
        findings: &mut Vec<Finding>,
    ) -> AssessmentReport {
        let file = assessment.file;
        let model = self.model;
        let first_finding = findings.len();
        let fields = self.fields(assessment, findings);
        let resolved = self.profile(file, fields.profile, findings);
        let role = self.role(file, assessment, fields.role, resolved, findings);
        let mut all_follows = resolved.map(|p| p.follows.clone()).unwrap_or_default();
        all_follows.inherit(model, &fields.follows);
        let editions = all_follows.editions(model);
        let context = EvidenceContext {
            model,
            loader: self.loader,
            file,
            path: self.workspace.source(file).map(|s| s.path.clone()),
            role,
            as_of: self.options.as_of.or(fields.date),
            expiry_window: self.options.expiry_warning_days,
            said: &self.said,
        };
        let mut statuses = self.ratings(&context, &fields.ratings, findings);
        if let Some(resolved) = resolved {
            self.targets(resolved, role, &editions, &mut statuses);
            for status in statuses.values() {
                let finding = self.compare(file, assessment, status, role);
                findings.extend(finding.map(|f| f.about(&status.practice)));
            }
        }
        waivers::apply(
            &waivers::Context {
                model,
                file,
                as_of: context.as_of,
            },
            &fields.waivers,
            &mut findings[first_finding..],
            &mut statuses,
        )
        .into_iter()
        .for_each(|f| findings.push(f));

        let order: BTreeMap<&str, usize> = model
            .practices()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut practices: Vec<PracticeStatus> = statuses.into_values().collect();
        practices.sort_by_key(|s| order.get(s.practice.as_str()).copied());
        let summary = summarize(model, &self.mapped, &practices, role, &editions);
        AssessmentReport {
            name: assessment.name.to_string(),
            file,
            name_span: assessment.name_span,
            profile: resolved.map(|p| p.name.clone()),
            role,
            follows: all_follows,
            date: fields.date,
            practices,
            summary,
        }
    }

    /// Reads the assessment's own lines, reporting repeated and missing settings.
    fn fields<'a>(
        &self,
        assessment: &Declared<'a, Assessment>,
        findings: &mut Vec<Finding>,
    ) -> Fields<'a> {
        let file = assessment.file;
        let model = self.model;
        let mut settings: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
        let mut fields = Fields {
            profile: None,
            role: None,
            date: None,
            follows: Follows::default(),
            ratings: Vec::new(),
            waivers: Vec::new(),
        };
        for field in assessment.item.body.iter().flat_map(|b| &b.entries) {
            let mut values = Values {
                model,
                file,
                findings,
            };
            match field {
                AssessmentField::Profile(s) => {
                    settings.entry("profile").or_default().push(s.span);
                    if fields.profile.is_none() {
                        fields.profile = s.value.as_ref();
                    }
                }
                AssessmentField::Role(s) => {
                    settings.entry("role").or_default().push(s.span);
                    if fields.role.is_none() {
                        fields.role = values.role(s).map(|r| (r, s.span));
                    }
                }
                AssessmentField::Date(s) => {
                    settings.entry("date").or_default().push(s.span);
                    let Some(value) = &s.value else { continue };
                    match Day::from_ast(value) {
                        Some(day) => fields.date = fields.date.or(Some(day)),
                        None => findings.push(Finding::impossible_date(file, value)),
                    }
                }
                AssessmentField::Assessor(s) => {
                    settings.entry("assessor").or_default().push(s.span)
                }
                AssessmentField::Description(s) => {
                    settings.entry("description").or_default().push(s.span)
                }
                AssessmentField::Follows(s) => fields.follows.add(model, file, s, findings),
                AssessmentField::Practice(p) => fields.ratings.push(p),
                AssessmentField::Waiver(w) => fields.waivers.push(w),
                AssessmentField::Error(_) => {}
            }
        }
        for (keyword, spans) in &settings {
            values::duplicates(file, findings, keyword, spans);
        }
        if fields.profile.is_none() && !settings.contains_key("profile") {
            findings.push(missing(
                file,
                assessment,
                "profile",
                "add `profile NAME`: the profile whose targets this assessment is measured against",
            ));
        }
        if fields.date.is_none() && !settings.contains_key("date") {
            findings.push(missing(file, assessment, "date", "add `date YYYY-MM-DD`: the day the assessment describes; expiry dates are judged as of it"));
        }
        fields
    }

    /// Each practice's rating and evidence: its level, scope and the clauses it implements.
    fn ratings(
        &self,
        context: &EvidenceContext<'_>,
        ratings: &[&Practice],
        findings: &mut Vec<Finding>,
    ) -> BTreeMap<String, PracticeStatus> {
        let file = context.file;
        let mut statuses: BTreeMap<String, PracticeStatus> = BTreeMap::new();
        let mut rated = RatedOnce::new(
            CheckCode::DuplicatePractice,
            "is assessed twice",
            "first assessment of it",
            "record each practice once",
        );
        // Findings made while reading a practice's line and evidence are about that practice.
        let mut about: Option<(usize, SharedText)> = None;
        for rating in ratings {
            if let Some((mark, practice)) = about.take() {
                tag(&mut findings[mark..], &practice);
            }
            let Some(practice) = &rating.practice else {
                continue;
            };
            about = Some((findings.len(), practice.text.as_str().into()));
            let mut values = Values {
                model: self.model,
                file,
                findings,
            };
            let known = values.practice(practice);
            let level = values.level(&rating.level);
            let scope = values.scope(&rating.scope);
            if !rated.first(file, practice, rating, findings) {
                continue;
            }
            let mut implemented = Vec::new();
            let mut has_evidence = false;
            for field in rating.body.iter().flat_map(|b| &b.entries) {
                if let PracticeField::Evidence(e) = field {
                    has_evidence = true;
                    let practice_id = known.then_some(practice.text.as_str());
                    implemented.extend(evidence::check(context, practice_id, e, findings));
                }
            }
            let (true, Some(level), Some(scope)) = (known, level, scope) else {
                continue;
            };
            if level > Level::None && !has_evidence {
                findings.push(
                    Finding::new(
                        file,
                        CheckCode::NoEvidence,
                        rating.line(),
                        format!(
                            "`{}` is rated level {} without evidence",
                            practice.text,
                            level.number()
                        ),
                    )
                    .label("no evidence")
                    .help("add `evidence \"…\" implements CLAUSE…` lines to its block"),
                );
            }
            statuses.insert(
                practice.text.clone(),
                PracticeStatus {
                    practice: practice.text.clone(),
                    target: None,
                    current: Some(Current {
                        level,
                        scope,
                        span: rating.line(),
                    }),
                    implemented: implemented.into_iter().collect(),
                    missing: Vec::new(),
                    waived: None,
                },
            );
        }
        if let Some((mark, practice)) = about.take() {
            tag(&mut findings[mark..], &practice);
        }
        statuses
    }

    /// Adds the profile's targets to the practices, with the clauses mapped up to each target
    /// for the role that no evidence implements.
    fn targets(
        &self,
        resolved: &ResolvedProfile,
        role: Option<Role>,
        editions: &smm_model::Editions,
        statuses: &mut BTreeMap<String, PracticeStatus>,
    ) {
        for (practice, target) in &resolved.targets {
            let status = statuses
                .entry(practice.clone())
                .or_insert_with(|| PracticeStatus {
                    practice: practice.clone(),
                    target: None,
                    current: None,
                    implemented: ClauseKeys::default(),
                    missing: Vec::new(),
                    waived: None,
                });
            status.target = Some(target.clone());
            if let Some(role) = role {
                status.missing = self
                    .mapped
                    .get(practice, target.level, role, editions)
                    .iter()
                    .filter(|m| !status.implemented.contains(&m.clause))
                    .map(|m| m.clause.clone())
                    .collect();
                // Kept until the check's end for every practice of every assessment.
                status.missing.shrink_to_fit();
            }
        }
    }

    fn profile(
        &self,
        file: FileId,
        name: Option<&smm_syntax::ast::Name>,
        findings: &mut Vec<Finding>,
    ) -> Option<&ResolvedProfile> {
        let name = name?;
        if let Some(profile) = self.profiles.get(&name.text) {
            return Some(profile);
        }
        let finding = Finding::new(
            file,
            CheckCode::UnknownProfile,
            name.span,
            format!("no profile named `{}` in the workspace", name.text),
        );
        findings.push(values::with_suggestion(
            finding,
            &name.text,
            self.profiles.keys().map(String::as_str),
            "an assessment's `profile` names a profile defined in a file of the workspace",
        ));
        None
    }

    /// The assessment's role: its own, else its profile's; a disagreement is reported.
    fn role(
        &self,
        file: FileId,
        assessment: &Declared<'_, Assessment>,
        own: Option<(Role, Span)>,
        profile: Option<&ResolvedProfile>,
        findings: &mut Vec<Finding>,
    ) -> Option<Role> {
        let inherited = profile.and_then(|p| p.role.clone());
        match (own, inherited) {
            (
                Some((mine, span)),
                Some(ProfileRole {
                    role: theirs,
                    set_by,
                }),
            ) if mine != theirs => {
                let profile = profile.expect("an inherited role has a profile");
                let set_in = self.profiles.get(&set_by).unwrap_or(profile);
                findings.push(
                    Finding::new(
                        file,
                        CheckCode::RoleMismatch,
                        span,
                        format!(
                            "the assessment is for `{}`, but profile `{set_by}` is for `{}`",
                            mine.id(),
                            theirs.id()
                        ),
                    )
                    .label("not the profile's role")
                    .related(set_in.file, set_in.name_span, format!("profile `{set_by}`"))
                    .replace_with(
                        format!("Use the profile's role `{}`", theirs.id()),
                        format!("role {}", theirs.id()),
                    ),
                );
                Some(mine)
            }
            (Some((mine, _)), _) => Some(mine),
            (None, Some(theirs)) => Some(theirs.role),
            (None, None) => {
                findings.push(missing(
                    file,
                    assessment,
                    "role",
                    "add `role asset-owner`, `role product-supplier` or `role service-provider` here or in the profile: the mapped clauses depend on it",
                ));
                None
            }
        }
    }

    /// Target against rating: unmet, above, not assessed, or without a target.
    fn compare(
        &self,
        file: FileId,
        assessment: &Declared<'_, Assessment>,
        status: &PracticeStatus,
        role: Option<Role>,
    ) -> Option<Finding> {
        let practice = &status.practice;
        match (&status.target, status.current) {
            (Some(target), None) => Some(
                Finding::new(
                    file,
                    CheckCode::NotAssessed,
                    assessment.name_span,
                    format!(
                        "`{practice}` is targeted at level {} by `{}` but not assessed",
                        target.level.number(),
                        target.set_by
                    ),
                )
                .label(format!("`{practice}` is not assessed"))
                .related(target.file, target.span, "target set here")
                .help(format!(
                    "add `practice {practice} level N` (level 0 if nothing is done)"
                )),
            ),
            (None, Some(current)) => Some(
                Finding::new(
                    file,
                    CheckCode::NoTarget,
                    current.span,
                    format!("`{practice}` has no target in the profile"),
                )
                .label("no target"),
            ),
            (Some(target), Some(current)) if status.met() == Some(false) => {
                let mut gaps = Vec::new();
                if current.level < target.level {
                    gaps.push(format!(
                        "level {}, target {}",
                        current.level.number(),
                        target.level.number()
                    ));
                }
                if current.scope < target.scope {
                    gaps.push(format!(
                        "scope {}, target {}",
                        current.scope.id(),
                        target.scope.id()
                    ));
                }
                let mut finding = Finding::new(
                    file,
                    CheckCode::UnmetTarget,
                    current.span,
                    format!(
                        "`{practice}` is below its target: {} set by `{}`",
                        gaps.join("; "),
                        target.set_by
                    ),
                )
                .label(gaps.join("; "))
                .related(target.file, target.span, "target set here");
                finding = match role {
                    Some(role) if !status.missing.is_empty() => finding.note(format!(
                        "clauses mapped up to level {} for {} that no evidence implements yet: {}",
                        target.level.number(),
                        role.id(),
                        self.titled(&status.missing)
                    )),
                    Some(_) => finding,
                    None => {
                        finding.note("no role is known, so the clauses to implement are not listed")
                    }
                };
                Some(finding)
            }
            (Some(target), Some(current)) if current.level > target.level => Some(
                Finding::new(
                    file,
                    CheckCode::AboveTarget,
                    current.span,
                    format!(
                        "`{practice}` is at level {}, above its target {} set by `{}`",
                        current.level.number(),
                        target.level.number(),
                        target.set_by
                    ),
                )
                .label("above the target")
                .related(target.file, target.span, "target set here"),
            ),
            _ => None,
        }
    }

    fn titled(&self, clauses: &[std::sync::Arc<str>]) -> String {
        clauses
            .iter()
            .map(|c| match self.model.clause(c) {
                Some(clause) => format!("{c} ({})", clause.title),
                None => c.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn tag(findings: &mut [Finding], practice: &SharedText) {
    for finding in findings.iter_mut().filter(|f| f.subject.is_none()) {
        finding.subject = Some(practice.clone());
    }
}

fn missing(
    file: FileId,
    assessment: &Declared<'_, Assessment>,
    field: &str,
    help: &str,
) -> Finding {
    Finding::new(
        file,
        CheckCode::MissingField,
        assessment.name_span,
        format!("assessment `{}` has no `{field}`", assessment.name),
    )
    .help(help)
}
