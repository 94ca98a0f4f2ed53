//! One `evidence` line: the clauses it implements, its expiry date and its link.

use std::path::{Path, PathBuf};

use smm_model::{Model, Role};
use smm_syntax::ast::{ClauseRef, Evidence};

use crate::assessments::impossible_date;
use crate::dates::Day;
use crate::values::with_suggestion;
use crate::{FileId, Finding, Loader};

pub struct EvidenceContext<'a> {
    pub model: &'a Model,
    pub loader: &'a (dyn Loader + Sync),
    pub file: FileId,
    /// The folder of the assessment's file, which relative links start from.
    pub dir: Option<PathBuf>,
    pub role: Option<Role>,
    /// The day dates are judged on: `--as-of`, else the assessment's date.
    pub as_of: Option<Day>,
    pub expiry_window: Option<u32>,
}

/// Checks the evidence and returns the canonical keys of the clauses it implements.
/// `practice` is `None` when the practice itself is unknown.
pub fn check(
    cx: &EvidenceContext<'_>,
    practice: Option<&str>,
    evidence: &Evidence,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let mut implemented = Vec::new();
    for reference in &evidence.clauses {
        if let Some(key) = clause(cx, practice, reference, findings) {
            implemented.push(key);
        }
    }
    if let Some(stub) = evidence.stub {
        let what = evidence
            .description
            .as_ref()
            .map_or("", |d| d.value.as_str());
        findings.push(
            Finding::new(
                cx.file,
                "check::stub-evidence",
                stub,
                format!("stub evidence \"{what}\": it implements nothing until it is filled in"),
            )
            .label("to fill in")
            .help("describe the evidence you hold, then remove `stub`"),
        );
        implemented.clear();
    }
    if let Some(value) = evidence.expires.as_ref().and_then(|s| s.value.as_ref()) {
        match Day::from_ast(value) {
            None => findings.push(impossible_date(cx.file, value)),
            Some(expires) => expiry(cx, expires, value.span, findings),
        }
    }
    if let Some(link) = evidence.link.as_ref().and_then(|s| s.value.as_ref()) {
        if let Some(path) = local_path(cx.dir.as_deref(), &link.value) {
            if !cx.loader.exists(&path) {
                findings.push(
                    Finding::new(
                        cx.file,
                        "check::missing-link-target",
                        link.span,
                        format!("`{}` does not exist", link.value),
                    )
                    .help("a link without a scheme is a path relative to this file; fix it, or link with a URL"),
                );
            }
        }
    }
    implemented
}

fn clause(
    cx: &EvidenceContext<'_>,
    practice: Option<&str>,
    reference: &ClauseRef,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let model = cx.model;
    let written = format!("{}:{}", reference.standard, reference.clause);
    let Some(standard) = model.standard(&reference.standard) else {
        let finding = Finding::new(
            cx.file,
            "check::unknown-standard",
            reference.span,
            format!("unknown standard `{}`", reference.standard),
        );
        let candidates: Vec<String> = model
            .standards()
            .map(|s| format!("{}:{}", s.id, reference.clause))
            .filter(|c| model.clause(c).is_some())
            .collect();
        findings.push(with_suggestion(
            finding,
            &written,
            candidates.iter().map(String::as_str),
            "`smm catalog` lists the standards",
        ));
        return None;
    };
    let Some(clause) = model.clause(&written) else {
        let finding = Finding::new(
            cx.file,
            "check::unknown-clause",
            reference.span,
            format!("`{}` has no clause `{}`", standard.id, reference.clause),
        );
        let prefix = format!("{}:", reference.standard);
        let candidates = model.complete(&prefix);
        findings.push(with_suggestion(
            finding,
            &written,
            candidates.iter().map(String::as_str),
            &format!("`smm explain {}` lists its clauses", standard.id),
        ));
        return None;
    };
    let key = clause.reference();
    let Some(practice) = practice else {
        return Some(key);
    };
    let owner = model.standard(&clause.standard).unwrap_or(standard);
    if let Some(role) = cx.role {
        if !owner.roles.is_empty() && !owner.roles.contains(&role) {
            let serves: Vec<&str> = owner.roles.iter().map(|r| r.id()).collect();
            findings.push(
                Finding::new(
                    cx.file,
                    "check::part-not-for-role",
                    reference.span,
                    format!("`{}` is not written for {}", owner.id, role.id()),
                )
                .help(format!(
                    "`{}` serves {}; it does not count for this role",
                    owner.id,
                    serves.join(", ")
                )),
            );
            return Some(key);
        }
    }
    if !model.edges_of_practice(practice).any(|e| e.clause == key) {
        findings.push(
            Finding::new(
                cx.file,
                "check::clause-not-mapped",
                reference.span,
                format!("`{written}` is not mapped to `{practice}`"),
            )
            .help(format!(
                "`smm explain {written}` shows the practices it is mapped to"
            )),
        );
    }
    Some(key)
}

fn expiry(
    cx: &EvidenceContext<'_>,
    expires: Day,
    span: smm_syntax::Span,
    findings: &mut Vec<Finding>,
) {
    let Some(as_of) = cx.as_of else { return };
    let left = as_of.days_until(expires);
    if left < 0 {
        findings.push(
            Finding::new(
                cx.file,
                "check::evidence-expired",
                span,
                format!("the evidence expired on {expires}, before {as_of}"),
            )
            .label("expired")
            .help("renew the evidence and its date, or remove it"),
        );
    } else if cx
        .expiry_window
        .is_some_and(|window| left <= i64::from(window))
    {
        findings.push(
            Finding::new(
                cx.file,
                "check::evidence-expiring",
                span,
                format!("the evidence expires on {expires}, {left} days after {as_of}"),
            )
            .label("expires soon"),
        );
    }
}

/// The path a link names on disk, or `None` for a URL.
fn local_path(dir: Option<&Path>, link: &str) -> Option<PathBuf> {
    let scheme = link.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme || link.is_empty() || link.starts_with('#') {
        return None;
    }
    let path = Path::new(link.split('#').next().unwrap_or(link));
    Some(match dir {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::local_path;
    use std::path::{Path, PathBuf};

    #[test]
    fn links_that_are_paths() {
        let dir = Some(Path::new("/w/assessments"));
        assert_eq!(
            local_path(dir, "docs/a.md"),
            Some(PathBuf::from("/w/assessments/docs/a.md"))
        );
        assert_eq!(
            local_path(dir, "docs/a.md#part"),
            Some(PathBuf::from("/w/assessments/docs/a.md"))
        );
        assert_eq!(
            local_path(dir, "/abs/a.md"),
            Some(PathBuf::from("/abs/a.md"))
        );
        assert_eq!(local_path(dir, "https://example.org/a"), None);
        assert_eq!(local_path(dir, "mailto:x@example.org"), None);
        assert_eq!(local_path(dir, "#top"), None);
    }
}
