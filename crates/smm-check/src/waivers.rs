//! `waive CODE for PRACTICE expires DATE { reason … owner … }`: accepting a finding of one
//! assessment for a while. A waiver needs all four parts; it applies to warnings and lesser
//! findings only (errors are fixed, not accepted); it lapses on its expiry date, judged like
//! every other date as of the assessment's date or `--as-of`.

use std::collections::BTreeMap;

use smm_model::Model;
use smm_syntax::ast::{Waiver, WaiverField};
use smm_syntax::{Severity, Span};

use crate::dates::Day;
use crate::finding::Waived;
use crate::practice_status::PracticeStatus;
use crate::values::with_suggestion;
use crate::{CheckCode, FileId, Finding};

pub struct Context<'a> {
    pub model: &'a Model,
    pub file: FileId,
    pub as_of: Option<Day>,
}

/// Marks the findings the waivers accept and returns the findings about the waivers.
pub fn apply(
    cx: &Context<'_>,
    waivers: &[&Waiver],
    findings: &mut [Finding],
    statuses: &mut BTreeMap<String, PracticeStatus>,
) -> Vec<Finding> {
    let mut about = Vec::new();
    for waiver in waivers {
        let Some(waived) = complete(cx, waiver, &mut about) else {
            continue;
        };
        let code = waiver.code.as_ref().expect("a complete waiver has a code");
        let practice = waiver.practice.as_ref().and_then(|s| s.value.as_ref());
        let full = CheckCode::named_by_waiver(&code.text).map_or("", CheckCode::id);
        let matching: Vec<&mut Finding> = findings
            .iter_mut()
            .filter(|f| f.code() == full)
            .filter(|f| practice.is_none_or(|p| f.subject.as_deref() == Some(p.text.as_str())))
            .collect();
        if matching.is_empty() {
            let subject = practice.map_or(String::new(), |p| format!(" about `{}`", p.text));
            about.push(
                Finding::new(
                    cx.file,
                    CheckCode::UnusedWaiver,
                    code.span,
                    format!("no `{full}` finding{subject} to waive"),
                )
                .help("remove the waiver, or check its code and practice"),
            );
            continue;
        }
        if let Some(as_of) = cx.as_of.filter(|day| waived.expires < *day) {
            let expires_span = waiver.expires.as_ref().map_or(waiver.keyword, |s| s.span);
            about.push(
                Finding::new(
                    cx.file,
                    CheckCode::WaiverExpired,
                    expires_span,
                    format!(
                        "the waiver expired on {}, before {as_of}: its findings count again",
                        waived.expires
                    ),
                )
                .help("renew the waiver with a new reason and date, or fix the finding"),
            );
            continue;
        }
        for finding in matching {
            finding.waived = Some(Box::new(waived.clone()));
            let status = finding.subject.as_deref().and_then(|s| statuses.get_mut(s));
            if let Some(status) = status {
                let target_codes = [CheckCode::UnmetTarget.id(), CheckCode::NotAssessed.id()];
                if target_codes.contains(&finding.diagnostic.code) {
                    status.waived = Some(waived.clone());
                }
            }
        }
    }
    about
}

/// The waiver's parts, or `None` after reporting what is missing or wrong.
fn complete(cx: &Context<'_>, waiver: &Waiver, about: &mut Vec<Finding>) -> Option<Waived> {
    let code = waiver.code.as_ref()?;
    let named = CheckCode::named_by_waiver(&code.text);
    match named.map(CheckCode::row) {
        None => {
            let finding = Finding::new(
                cx.file,
                CheckCode::BadWaiver,
                code.span,
                format!("`{}` is not a check code", code.text),
            );
            let names = CheckCode::ALL.map(CheckCode::waiver_word).into_iter();
            about.push(with_suggestion(
                finding,
                &code.text,
                names,
                "waive a `check::` code, written without its prefix: `waive unmet-target …`",
            ));
            return None;
        }
        Some(c) if c.severity == Severity::Error => {
            about.push(
                Finding::new(
                    cx.file,
                    CheckCode::BadWaiver,
                    code.span,
                    format!("`{}` is an error: errors are fixed, not waived", c.id),
                )
                .help("waivers accept warnings, infos and hints"),
            );
            return None;
        }
        Some(_) => {}
    }
    if let Some(name) = waiver.practice.as_ref().and_then(|s| s.value.as_ref()) {
        if cx.model.practice(&name.text).is_none() {
            let finding = Finding::new(
                cx.file,
                CheckCode::UnknownPractice,
                name.span,
                format!("unknown practice `{}`", name.text),
            );
            let ids = cx.model.practices().map(|p| p.id.as_str());
            about.push(with_suggestion(
                finding,
                &name.text,
                ids,
                "`smm catalog` lists the practices",
            ));
            return None;
        }
    }
    let fields = waiver.body.iter().flat_map(|b| &b.entries);
    let text =
        |pick: fn(&WaiverField) -> Option<&smm_syntax::ast::Setting<smm_syntax::ast::Text>>| {
            fields
                .clone()
                .find_map(pick)
                .and_then(|s| s.value.as_ref())
                .map(|t| t.value.clone())
        };
    let reason = text(|f| match f {
        WaiverField::Reason(s) => Some(s),
        _ => None,
    });
    let owner = text(|f| match f {
        WaiverField::Owner(s) => Some(s),
        _ => None,
    });
    let expires = match waiver.expires.as_ref().and_then(|s| s.value.as_ref()) {
        None => None,
        Some(date) => match Day::from_ast(date) {
            Some(day) => Some(day),
            None => {
                about.push(Finding::impossible_date(cx.file, date));
                return None;
            }
        },
    };
    let mut missing = Vec::new();
    if expires.is_none() {
        missing.push("`expires DATE` on its line");
    }
    if reason.is_none() {
        missing.push("`reason \"…\"` in its block");
    }
    if owner.is_none() {
        missing.push("`owner \"…\"` in its block");
    }
    if !missing.is_empty() {
        about.push(
            Finding::new(
                cx.file,
                CheckCode::BadWaiver,
                waiver.keyword,
                "a waiver needs a reason, an owner and an expiry date".to_string(),
            )
            .help(format!("add {}", missing.join(", "))),
        );
        return None;
    }
    Some(Waived {
        reason: reason?,
        owner: owner?,
        expires: expires?,
        file: cx.file,
        span: line_span(waiver),
    })
}

fn line_span(waiver: &Waiver) -> Span {
    let end = waiver
        .body
        .as_ref()
        .map_or(waiver.span.end, |b| b.open.start)
        .max(waiver.keyword.end);
    Span::new(waiver.keyword.start, end)
}
