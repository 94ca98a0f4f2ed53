//! Findings as people read them (human and compact output): those with the same code at the
//! same place become one, listing what each said, so that nine practices missing from an
//! assessment read as one finding at its header rather than nine copies of it. A waived
//! finding says so in its first line. Machine formats keep one finding per practice.

use smm_syntax::{Diagnostic, Label};

use crate::check_report::Reported;

/// One finding as people read it: several when they share code and place.
pub struct Grouped {
    pub diagnostic: Diagnostic,
    /// What each finding of the group said; one message when it is alone.
    pub messages: Vec<String>,
}

pub fn for_people(reported: &[Reported]) -> Vec<Grouped> {
    // Groups in the order of their first finding; found by key, so that a file with
    // thousands of findings is not grouped in quadratic time.
    let mut groups: Vec<Vec<&Reported>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for r in reported {
        let key = (r.diagnostic.code, r.diagnostic.span, r.waived.is_some());
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[at].push(r);
    }
    groups.into_iter().map(|group| merge(&group)).collect()
}

fn merge(group: &[&Reported]) -> Grouped {
    let first = group[0];
    let mut diagnostic = first.diagnostic.clone();
    if group.len() > 1 {
        let summary =
            smm_check::codes::lookup(diagnostic.code).map_or("findings", |code| code.summary);
        diagnostic.message = format!(
            "{} findings here: {}",
            group.len(),
            lowercase_first(summary)
        )
        .into();
        diagnostic.label = format!("{} findings", group.len());
        diagnostic.notes = group
            .iter()
            .map(|r| r.diagnostic.message.to_string())
            .chain(group.iter().flat_map(|r| r.diagnostic.notes.clone()))
            .fold(Vec::new(), |mut notes, note| {
                if !notes.contains(&note) {
                    notes.push(note);
                }
                notes
            });
        diagnostic.related = group
            .iter()
            .flat_map(|r| r.diagnostic.related.iter().cloned())
            .fold(Vec::<Label>::new(), |mut labels, label| {
                if !labels
                    .iter()
                    .any(|l| l.span == label.span && l.message == label.message)
                {
                    labels.push(label);
                }
                labels
            });
        if group.iter().any(|r| r.diagnostic.help != diagnostic.help) {
            diagnostic.help = None;
        }
    }
    if let Some(waived) = &first.waived {
        diagnostic.message =
            format!("waived until {}: {}", waived.expires, diagnostic.message).into();
    }
    Grouped {
        diagnostic,
        messages: group
            .iter()
            .map(|r| r.diagnostic.message.to_string())
            .collect(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_report::Waived;
    use smm_syntax::{Severity, Span};

    fn reported(code: &'static str, span: Span, message: &str) -> Reported {
        let mut diagnostic = Diagnostic::new(Severity::Warning, code, span, message);
        diagnostic.help = Some(format!("help for {message}").into());
        Reported {
            diagnostic,
            fix: None,
            waived: None,
        }
    }

    #[test]
    fn the_same_code_at_the_same_place_is_one_finding() {
        let header = Span::new(10, 14);
        let list = [
            reported("check::not-assessed", header, "`a` is not assessed"),
            reported("check::not-assessed", header, "`b` is not assessed"),
            reported("check::unmet-target", header, "`c` is below its target"),
            reported(
                "check::not-assessed",
                Span::new(20, 24),
                "`d` is not assessed",
            ),
        ];
        let grouped = for_people(&list);
        assert_eq!(
            grouped[0].messages,
            ["`a` is not assessed", "`b` is not assessed"]
        );
        let people: Vec<_> = grouped.into_iter().map(|g| g.diagnostic).collect();
        assert_eq!(people.len(), 3);
        assert_eq!(
            people[0].message,
            "2 findings here: a targeted practice the assessment does not record"
        );
        assert_eq!(
            people[0].notes,
            ["`a` is not assessed", "`b` is not assessed"]
        );
        assert_eq!(people[0].help, None, "each had its own");
        assert_eq!(people[1].message, "`c` is below its target");
        assert_eq!(
            people[2].help.as_deref(),
            Some("help for `d` is not assessed")
        );
    }

    #[test]
    fn waived_findings_say_so_first_and_stay_apart() {
        let at = Span::new(0, 4);
        let mut waived = reported("check::unmet-target", at, "`a` is below its target");
        waived.waived = Some(Waived {
            reason: "r".into(),
            owner: "o".into(),
            expires: "2027-03-31".into(),
        });
        let open = reported("check::unmet-target", at, "`b` is below its target");
        let people: Vec<_> = for_people(&[waived, open])
            .into_iter()
            .map(|g| g.diagnostic)
            .collect();
        assert_eq!(people.len(), 2);
        assert_eq!(
            people[0].message,
            "waived until 2027-03-31: `a` is below its target"
        );
        assert_eq!(people[1].message, "`b` is below its target");
    }
}
