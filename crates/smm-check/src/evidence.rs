//! One `evidence` line: the clauses it implements, its expiry date and its link.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use smm_model::{Model, Role};
use smm_syntax::ast::{ClauseRef, Evidence};

use crate::dates::Day;
use crate::values::with_suggestion;
use crate::{CheckCode, FileId, Finding, Loader, Located};

pub struct EvidenceContext<'a> {
    pub model: &'a Model,
    pub loader: &'a (dyn Loader + Sync),
    pub file: FileId,
    /// The assessment's file, whose folder relative links start from.
    pub path: Option<PathBuf>,
    pub role: Option<Role>,
    /// The day dates are judged on: `--as-of`, else the assessment's date.
    pub as_of: Option<Day>,
    pub expiry_window: Option<u32>,
    pub said: &'a crate::said::Said,
}

/// Checks the evidence and returns the canonical keys of the clauses it implements.
/// `practice` is `None` when the practice itself is unknown.
pub fn check(
    cx: &EvidenceContext<'_>,
    practice: Option<&str>,
    evidence: &Evidence,
    findings: &mut Vec<Finding>,
) -> Vec<Arc<str>> {
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
                CheckCode::StubEvidence,
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
            None => findings.push(Finding::impossible_date(cx.file, value)),
            Some(expires) => expiry(cx, expires, value.span, findings),
        }
    }
    if let Some(link) = evidence.link.as_ref().and_then(|s| s.value.as_ref()) {
        if let Some(finding) = check_link(cx, &link.value, link.span) {
            findings.push(finding);
        }
    }
    implemented
}

fn clause(
    cx: &EvidenceContext<'_>,
    practice: Option<&str>,
    reference: &ClauseRef,
    findings: &mut Vec<Finding>,
) -> Option<Arc<str>> {
    let model = cx.model;
    let written = format!("{}:{}", reference.standard, reference.clause);
    let Some(standard) = model.standard(&reference.standard) else {
        let finding = Finding::new(
            cx.file,
            CheckCode::UnknownStandard,
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
            CheckCode::UnknownClause,
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
    let key: Arc<str> = clause.reference().into();
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
                    CheckCode::PartNotForRole,
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
    if !model.is_mapped_to(practice, &key) {
        let (message, help) = cx.said.not_mapped(&written, practice);
        findings.push(
            Finding::new(cx.file, CheckCode::ClauseNotMapped, reference.span, message).help(help),
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
                CheckCode::EvidenceExpired,
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
                CheckCode::EvidenceExpiring,
                span,
                format!("the evidence expires on {expires}, {left} days after {as_of}"),
            )
            .label("expires soon"),
        );
    }
}

/// A finding about a link, if it needs one. Paths are looked up only inside the workspace
/// (the loader's `locate`); web addresses are never fetched.
fn check_link(cx: &EvidenceContext<'_>, link: &str, span: smm_syntax::Span) -> Option<Finding> {
    let path = match link_kind(link) {
        LinkKind::Nothing | LinkKind::Web => return None,
        LinkKind::OtherScheme(scheme) => {
            return Some(
                Finding::new(
                    cx.file,
                    CheckCode::UnsupportedLinkScheme,
                    span,
                    format!("links with `{scheme}:` are not accepted"),
                )
                .help("write a path relative to this file, or an `https://` address"),
            );
        }
        LinkKind::Path(path) => path,
    };
    let from = cx.path.as_deref()?;
    let absolute = from.parent()?.join(path);
    let (code, message, help) = match cx.loader.locate(from, &absolute) {
        Located::Found | Located::Unchecked => return None,
        Located::Missing => (
            CheckCode::MissingLinkTarget,
            format!("`{link}` does not exist"),
            "a link without a scheme is a path relative to this file; fix it, or link with a URL",
        ),
        Located::Outside => (
            CheckCode::LinkOutsideWorkspace,
            format!("`{link}` lies outside the workspace; it was not looked up"),
            "keep the document in the workspace, list its folder in `follow-links-to` in smm.toml, or link with a URL",
        ),
    };
    Some(Finding::new(cx.file, code, span, message).help(help))
}

#[derive(Debug, PartialEq, Eq)]
enum LinkKind<'a> {
    /// Empty, or a fragment of this file.
    Nothing,
    /// `http:` or `https:`.
    Web,
    OtherScheme(&'a str),
    /// A path, without its `#fragment`.
    Path(&'a Path),
}

fn link_kind(link: &str) -> LinkKind<'_> {
    if link.is_empty() || link.starts_with('#') {
        return LinkKind::Nothing;
    }
    // One letter before the colon is a Windows drive (`C:\docs`), not a scheme.
    if let Some((scheme, _)) = link.split_once(':') {
        let is_scheme = scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if is_scheme {
            return if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") {
                LinkKind::Web
            } else {
                LinkKind::OtherScheme(scheme)
            };
        }
    }
    LinkKind::Path(Path::new(link.split('#').next().unwrap_or(link)))
}

#[cfg(test)]
mod tests {
    use super::{link_kind, LinkKind};
    use std::path::Path;

    #[test]
    fn kinds_of_links() {
        assert_eq!(
            link_kind("docs/a.md"),
            LinkKind::Path(Path::new("docs/a.md"))
        );
        assert_eq!(
            link_kind("docs/a.md#part"),
            LinkKind::Path(Path::new("docs/a.md"))
        );
        assert_eq!(
            link_kind("/abs/a.md"),
            LinkKind::Path(Path::new("/abs/a.md"))
        );
        assert_eq!(
            link_kind("C:\\docs\\a.md"),
            LinkKind::Path(Path::new("C:\\docs\\a.md"))
        );
        assert_eq!(link_kind("https://example.org/a"), LinkKind::Web);
        assert_eq!(link_kind("HTTP://example.org/a"), LinkKind::Web);
        assert_eq!(
            link_kind("file:///etc/passwd"),
            LinkKind::OtherScheme("file")
        );
        assert_eq!(
            link_kind("javascript:alert(1)"),
            LinkKind::OtherScheme("javascript")
        );
        assert_eq!(
            link_kind("mailto:x@example.org"),
            LinkKind::OtherScheme("mailto")
        );
        assert_eq!(link_kind("#top"), LinkKind::Nothing);
        assert_eq!(link_kind(""), LinkKind::Nothing);
    }
}
