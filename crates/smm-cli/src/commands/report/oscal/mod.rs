//! `--format oscal`: every assessment as one `result` of an OSCAL assessment-results document
//! (JSON, OSCAL 1.2.1, the version compliance-trestle 5.2 reads), for GRC platforms.
//!
//! - One `result` per assessment: its title, a description, `start` at its date, the practices
//!   it rates or its profile targets as `reviewed-controls` (by practice id), its evidence as
//!   `observations` and its practices as `findings`.
//! - One `finding` per practice with a target or a rating: `target` is the practice
//!   (`objective-id`, the practice id), `satisfied` when the target is met and `not-satisfied`
//!   otherwise (also when waived or not assessed; a waiver is said in the status' remarks). A
//!   practice rated without a target has no status: nothing was asked of it. The SMM figures
//!   are props in our namespace [`NS`]: `smm-domain`, `smm-subdomain`, `smm-level` and
//!   `smm-scope` (the rating), `smm-target`, `smm-target-scope`, `smm-set-by`, `smm-gap`,
//!   `smm-waived` (`true`/`false`, always) and one `smm-missing-clause` per clause still to
//!   cover. `related-observations` name the observations of its evidence; its note is `remarks`.
//! - One `observation` per evidence item: the evidence text, `methods: ["EXAMINE"]`,
//!   `collected` at the assessment's date, one `relevant-evidence` (the link, percent-encoded
//!   into a URI reference, as `href` when there is one), `expires` when the evidence's expiry
//!   date is on the calendar, and props `smm-practice`, one `smm-implements` per clause,
//!   `smm-expires` (as written), `smm-expiry` (its state on the report's day), `smm-stub`.
//! - `import-ap` is required, and smm has no OSCAL assessment plan: its `href` is
//!   `#`+ the UUID of a back-matter resource that says so (what is assessed, and to what level,
//!   is set by the smm profile each result names in its `smm-profile` prop). It is a URI
//!   reference that resolves inside the document, where a file name would name a file nobody
//!   has.
//!
//! Nothing depends on the clock or on where the files are: timestamps are days at
//! `T00:00:00Z` (the assessment's `date`; for the document, `--as-of` else the latest
//! assessment date, else 1970-01-01 when no assessment has a date), and every UUID is a name-based
//! (v5) UUID of [`NAMESPACE`] and the ids of what it names (the assessment's path and id, the
//! practice id, the evidence's place), so the same files give the same bytes. Free text is
//! escaped by serde; text that OSCAL wants on one line (titles, prop values) has its line
//! breaks, tabs and control characters turned into single spaces.

use smm_check::Day;
use smm_model::Level;
use uuid::Uuid;

use super::page::{EvidenceLine, Page};
use crate::assessed::{Assessed, AssessedPractice};
use model::*;

mod model;
#[cfg(test)]
mod tests;

/// The OSCAL version written: the one compliance-trestle 5.2.0 (`trestle.oscal.OSCAL_VERSION`)
/// reads and tests/oscal validates with.
pub const OSCAL_VERSION: &str = "1.2.1";

/// The namespace of the props smm defines. `.invalid` is reserved (RFC 2606) and never
/// resolves: this is a name, not a page. Changing it renames every prop.
pub const NS: &str = "https://smm.invalid/ns/oscal";

/// The namespace of every UUID smm writes (a random v4, drawn once). Changing it changes every
/// UUID of every document.
pub const NAMESPACE: Uuid = Uuid::from_u128(0xa5f88d6f_90e6_4aa8_9489_b641d3fded9c);

/// The document's timestamp when neither `--as-of` nor any assessment gives a day.
const NO_DAY: &str = "1970-01-01T00:00:00Z";

const FRAMEWORK: &str = "IIC IoT Security Maturity Model";

pub fn render(pages: &[Page], as_of: Option<Day>) -> String {
    let mut text =
        serde_json::to_string_pretty(&document(pages, as_of)).expect("plain data serializes");
    text.push('\n');
    text
}

fn document(pages: &[Page], as_of: Option<Day>) -> Document {
    let day = as_of.or_else(|| pages.iter().filter_map(|p| date(&p.assessment)).max());
    let stamp = day.map_or_else(|| NO_DAY.to_string(), timestamp);
    let keys = keys(pages);
    let mut name = vec!["assessment-results"];
    name.extend(keys.iter().map(String::as_str));
    let plan = uuid_of(&["back-matter", "assessment-plan"]);
    Document {
        assessment_results: AssessmentResults {
            uuid: uuid_of(&name),
            metadata: Metadata {
                title: format!("{FRAMEWORK} assessment results"),
                published: stamp.clone(),
                last_modified: stamp.clone(),
                version: env!("CARGO_PKG_VERSION"),
                oscal_version: OSCAL_VERSION,
            },
            import_ap: ImportAp {
                href: format!("#{plan}"),
                remarks: "smm keeps no OSCAL assessment plan: the back-matter resource this \
                          points to says what stands in for it."
                    .to_string(),
            },
            results: pages
                .iter()
                .zip(&keys)
                .map(|(page, key)| result(page, key, &stamp))
                .collect(),
            back_matter: BackMatter {
                resources: vec![Resource {
                    uuid: plan,
                    title: "No OSCAL assessment plan".to_string(),
                    description: format!(
                        "These results come from smm assessments, which have no OSCAL \
                         assessment plan. The practices assessed are those of the {FRAMEWORK}; \
                         the maturity level and scope each should reach is set by the smm \
                         profile each result names (prop smm-profile in {NS})."
                    ),
                }],
            },
        },
    }
}

/// What names an assessment in its UUIDs: its path and id, numbered from the second time the
/// same pair comes (two workspaces with the same layout).
fn keys(pages: &[Page]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    pages
        .iter()
        .map(|page| {
            let base = format!("{}#{}", page.assessment.path, page.assessment.id);
            super::unique(&mut taken, &base, |n| format!("{base}~{n}"))
        })
        .collect()
}

fn result(page: &Page, key: &str, document_stamp: &str) -> AssessmentResult {
    let a = &page.assessment;
    let start = date(a).map_or_else(|| document_stamp.to_string(), timestamp);
    let findings: Vec<Finding> = a
        .practices
        .iter()
        .filter(|p| p.target.is_some() || p.current.is_some())
        .map(|p| finding(a, p, key))
        .collect();
    let mut seen: Vec<(&str, usize)> = Vec::new();
    let observations = page
        .evidence
        .iter()
        .map(|e| {
            let index = match seen.iter_mut().find(|(p, _)| *p == e.practice) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((&e.practice, 0));
                    0
                }
            };
            observation(e, observation_uuid(key, &e.practice, index), &start)
        })
        .collect();
    let selection = match findings.is_empty() {
        true => ControlSelection {
            description: format!("Every practice of the {FRAMEWORK}: none is rated or targeted."),
            include_all: Some(IncludeAll {}),
            include_controls: Vec::new(),
        },
        false => ControlSelection {
            description: format!("The practices by their {FRAMEWORK} id."),
            include_all: None,
            include_controls: findings
                .iter()
                .map(|f| SelectControl {
                    control_id: f.target.target_id.clone(),
                })
                .collect(),
        },
    };
    let props = [
        prop("smm-assessment", &a.id),
        prop("smm-path", &a.path),
        a.profile.as_deref().and_then(|v| prop("smm-profile", v)),
        a.role.and_then(|v| prop("smm-role", v)),
        a.assessor.as_deref().and_then(|v| prop("smm-assessor", v)),
        page.as_of.as_deref().and_then(|v| prop("smm-as-of", v)),
        prop("smm-targeted", &a.summary.targeted.to_string()),
        prop("smm-met", &a.summary.met.to_string()),
    ];
    AssessmentResult {
        uuid: uuid_of(&["result", key]),
        title: title(a.title.as_deref(), &a.id),
        description: result_description(a),
        start,
        props: props.into_iter().flatten().collect(),
        reviewed_controls: ReviewedControls {
            description: format!(
                "The practices of the {FRAMEWORK} that this assessment rates or its profile \
                 targets."
            ),
            control_selections: vec![selection],
        },
        observations,
        findings,
    }
}

fn result_description(a: &Assessed) -> String {
    let mut text = format!("{FRAMEWORK} assessment {} ({})", a.id, a.path);
    match (&a.profile, a.targets_known) {
        (Some(profile), true) => text.push_str(&format!(" against profile {profile}")),
        (Some(profile), false) => {
            text.push_str(&format!(" naming profile {profile}, which was not found"))
        }
        (None, _) => text.push_str(", which names no profile"),
    }
    if let Some(role) = a.role {
        text.push_str(&format!(", for the {role} role"));
    }
    if let Some(assessor) = &a.assessor {
        text.push_str(&format!(", assessed by {assessor}"));
    }
    text.push_str(&format!(
        ". Targets met: {} of {}.",
        a.summary.met, a.summary.targeted
    ));
    text
}

fn finding(a: &Assessed, p: &AssessedPractice, key: &str) -> Finding {
    let mut props = vec![
        prop("smm-domain", &p.domain.id),
        prop("smm-subdomain", &p.subdomain.id),
    ];
    if let Some(r) = p.current {
        props.push(prop("smm-level", &r.level.to_string()));
        props.push(prop("smm-scope", r.scope));
    }
    if let Some(t) = &p.target {
        props.push(prop("smm-target", &t.level.to_string()));
        props.push(prop("smm-target-scope", t.scope));
        props.push(prop("smm-set-by", &t.set_by));
    }
    if let Some(gap) = p.gap {
        props.push(prop("smm-gap", &gap.to_string()));
    }
    props.push(prop(
        "smm-waived",
        if p.waived.is_some() { "true" } else { "false" },
    ));
    props.extend(p.missing.iter().map(|c| prop("smm-missing-clause", c)));
    let status = p.target.as_ref().map(|_| ObjectiveStatus {
        state: match p.met {
            Some(true) => "satisfied",
            _ => "not-satisfied",
        },
        remarks: p.waived.as_ref().map(|w| {
            format!(
                "Waived until {} (owner: {}): {}",
                w.expires, w.owner, w.reason
            )
        }),
    });
    Finding {
        uuid: uuid_of(&["finding", key, &p.id]),
        title: title(Some(&p.title), &p.id),
        description: finding_description(a, p),
        props: props.into_iter().flatten().collect(),
        target: FindingTarget {
            kind: "objective-id",
            target_id: p.id.clone(),
            status,
        },
        related_observations: (0..p.evidence.len())
            .map(|i| RelatedObservation {
                observation_uuid: observation_uuid(key, &p.id, i),
            })
            .collect(),
        remarks: p.note.clone(),
    }
}

fn finding_description(a: &Assessed, p: &AssessedPractice) -> String {
    let rating = p
        .current
        .map(|r| format!("{} at the {} scope", level(r.level), r.scope));
    let target = p.target.as_ref().map(|t| {
        format!(
            "{} at the {} scope, set by profile {}",
            level(t.level),
            t.scope,
            t.set_by
        )
    });
    let mut text = match (rating, target) {
        (Some(r), Some(t)) => match (p.met, p.gap) {
            (Some(true), _) => format!("Reached {r}; the target is {t}: met."),
            (_, Some(0) | None) => format!(
                "Reached {r}; the target is {t}: the level is reached, not at the target's scope."
            ),
            (_, Some(gap)) => format!(
                "Reached {r}; the target is {t}: {gap} level{} to go.",
                plural(usize::from(gap))
            ),
        },
        (None, Some(t)) => format!("Not assessed; the target is {t}."),
        (Some(r), None) if !a.targets_known => {
            format!("Reached {r}; the profile was not found, so no target is known.")
        }
        (Some(r), None) => format!("Reached {r}; the profile sets no target for this practice."),
        (None, None) => "Neither rated nor targeted.".to_string(),
    };
    if let Some(w) = &p.waived {
        text.push_str(&format!(
            " A waiver accepts this until {} (owner: {}): {}",
            w.expires, w.owner, w.reason
        ));
    }
    text
}

fn observation(e: &EvidenceLine, uuid: String, collected: &str) -> Observation {
    let description = match e.text.trim().is_empty() {
        true => "Evidence without a description".to_string(),
        false => e.text.clone(),
    };
    let mut props = vec![prop("smm-practice", &e.practice)];
    props.extend(e.implements.iter().map(|c| prop("smm-implements", c)));
    if let Some(expires) = &e.expires {
        props.push(prop("smm-expires", expires));
        props.push(prop("smm-expiry", e.expiry.id()));
    }
    if e.stub {
        props.push(prop("smm-stub", "true"));
    }
    Observation {
        uuid,
        title: title(
            Some(&format!("Evidence for {}", e.practice_title)),
            &e.practice,
        ),
        description: description.clone(),
        props: props.into_iter().flatten().collect(),
        methods: vec!["EXAMINE"],
        relevant_evidence: vec![RelevantEvidence {
            href: e.link.as_deref().and_then(uri_reference),
            description,
        }],
        collected: collected.to_string(),
        expires: e.expires.as_deref().and_then(Day::parse).map(timestamp),
    }
}

fn observation_uuid(key: &str, practice: &str, index: usize) -> String {
    uuid_of(&["observation", key, practice, &index.to_string()])
}

/// The v5 UUID of a list of names, joined as a JSON array so that no two lists give the same
/// name.
fn uuid_of(parts: &[&str]) -> String {
    let name = serde_json::to_string(parts).expect("strings serialize");
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

fn date(a: &Assessed) -> Option<Day> {
    a.date.as_deref().and_then(Day::parse)
}

fn timestamp(day: Day) -> String {
    format!("{day}T00:00:00Z")
}

/// A prop in our namespace; none when the value is blank (OSCAL wants a value that starts and
/// ends with a non-space).
fn prop(name: &'static str, value: &str) -> Option<Property> {
    let value = one_line(value);
    (!value.is_empty()).then_some(Property {
        name,
        ns: NS,
        value,
    })
}

/// A title on one line, else `fallback` (an id).
fn title(text: Option<&str>, fallback: &str) -> String {
    let text = one_line(text.unwrap_or_default());
    match text.is_empty() {
        true => one_line(fallback),
        false => text,
    }
}

/// Line breaks, tabs, other white space and control characters as single spaces, trimmed.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A link as an RFC 3986 URI reference: what a URI may not hold (spaces, non-ASCII, `"`, `<`,
/// a `%` that starts no escape...) percent-encoded as UTF-8, the rest kept. None when blank.
fn uri_reference(link: &str) -> Option<String> {
    let link = link.trim();
    if link.is_empty() {
        return None;
    }
    let bytes = link.as_bytes();
    let mut out = String::with_capacity(link.len());
    for (i, &b) in bytes.iter().enumerate() {
        let escape_start = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if escape_start || b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// `level 3 (Consistent)`.
fn level(n: u8) -> String {
    match Level::from_number(i64::from(n)) {
        Some(l) => format!("level {n} ({})", l.name()),
        None => format!("level {n}"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
