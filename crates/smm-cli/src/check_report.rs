//! What `smm check` found, as plain data that every output format renders: per file, its
//! diagnostics (syntax, model and checker, each with its fix when there is one) and the
//! assessments it holds, practice by practice.

use std::path::{Path, PathBuf};

use serde::Serialize;
use smm_syntax::{Diagnostic, Severity, Span};

#[derive(Clone, Debug)]
pub struct Reported {
    pub diagnostic: Diagnostic,
    pub fix: Option<Fix>,
    /// Accepted by a waiver in force: shown, but never counted or failing a run.
    pub waived: Option<Waived>,
}

impl Reported {
    /// Whether this finding fails the run at `fail_on`: the rule of `smm check`'s exit
    /// status, which JUnit applies finding by finding too. Waived findings never fail.
    pub fn fails(&self, fail_on: crate::args::FailOn) -> bool {
        use crate::args::FailOn;
        let severity = self.diagnostic.severity;
        self.waived.is_none()
            && match fail_on {
                FailOn::Error => severity >= Severity::Error,
                FailOn::Warning => severity >= Severity::Warning,
                FailOn::Info => severity >= Severity::Info,
                FailOn::Never => false,
            }
    }
}

#[derive(Clone, Debug)]
pub struct Waived {
    pub reason: String,
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub expires: String,
}

/// A mapping the checked workspaces used, so that a report names the mapping (and its
/// edition) its unmet targets and coverage figures come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappingUsed {
    pub id: String,
    pub title: String,
    pub edition: Option<String>,
    pub source: Option<String>,
}

impl MappingUsed {
    /// The mappings of `model` that hold edges, in id order.
    pub fn of(model: &smm_model::Model) -> Vec<MappingUsed> {
        let with_edges: std::collections::BTreeSet<&str> =
            model.edges().iter().map(|e| e.mapping.as_str()).collect();
        let mut used: Vec<MappingUsed> = model
            .mappings()
            .filter(|m| with_edges.contains(m.id.as_str()))
            .map(|m| MappingUsed {
                id: m.id.clone(),
                title: m.title.clone(),
                edition: m.edition.clone(),
                source: m.source.clone(),
            })
            .collect();
        used.sort_by(|a, b| a.id.cmp(&b.id));
        used
    }

    /// `smm-project-hardening, edition 2 (2026-12)`.
    pub fn label(&self) -> String {
        match &self.edition {
            Some(edition) => format!("{}, edition {edition}", self.id),
            None => self.id.clone(),
        }
    }
}

/// Edits within the diagnostic's own file.
#[derive(Clone, Debug)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<(Span, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct FileChecks {
    pub diagnostics: Vec<Reported>,
    pub assessments: Vec<AssessmentResult>,
}

#[derive(Clone, Debug)]
pub struct AssessmentResult {
    pub name: String,
    pub profile: Option<String>,
    pub role: Option<&'static str>,
    pub practices: Vec<PracticeResult>,
    pub summary: smm_check::Summary,
}

/// Serialized as the JSON of `smm diff` and `smm report` write it: level, scope, set_by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    pub level: u8,
    pub scope: &'static str,
    /// The profile whose `target` line set it: the assessment's or one it extends.
    pub set_by: String,
    #[serde(skip)]
    pub rationale: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rating {
    pub level: u8,
    pub scope: &'static str,
}

impl From<&smm_check::ResolvedTarget> for Target {
    fn from(t: &smm_check::ResolvedTarget) -> Target {
        Target {
            level: t.level.number(),
            scope: t.scope.id(),
            set_by: t.set_by.clone(),
            rationale: t.rationale.clone(),
        }
    }
}

impl From<smm_check::Current> for Rating {
    fn from(c: smm_check::Current) -> Rating {
        Rating {
            level: c.level.number(),
            scope: c.scope.id(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct PracticeResult {
    pub practice: String,
    pub target: Option<Target>,
    pub current: Option<Rating>,
    pub gap: Option<u8>,
    pub met: Option<bool>,
    pub waived: Option<Waived>,
    /// Clauses mapped up to the target for the role that no evidence implements.
    pub missing: Vec<std::sync::Arc<str>>,
}

#[derive(Clone, Debug)]
pub struct FileReport {
    /// Index into `Report::roots`.
    pub root: usize,
    /// The path to show in machine formats: from the root, after `--path-prefix`,
    /// `/`-separated, the same on every machine and in every clone. As people read it
    /// (`smm_syntax::visible_path`): characters that could take over a terminal and bytes that
    /// are not UTF-8 shown as escapes (`\e`, `\xe9`).
    pub relative: String,
    /// The same byte for byte, for formats that can name any file (SARIF's URIs).
    pub relative_path: PathBuf,
    /// As the user would write it, for human output.
    pub shown: String,
    pub text: std::sync::Arc<str>,
    /// The lines of `text`, indexed once for every position a format prints.
    pub lines: std::sync::Arc<smm_syntax::lines::LineIndex>,
    pub checks: FileChecks,
    /// Not asked for: reported because it depends on a file that was (it uses a profile that
    /// file defines, say), so a change there may have broken it.
    pub dependent: bool,
}

impl FileReport {
    /// 1-based line and column (in characters) of a byte offset of `text`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines.line_column(&self.text, offset)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Where the machine formats' paths start: each file's repository root (the folder
    /// holding `.git` above its workspace root), else its workspace root.
    pub roots: Vec<PathBuf>,
    pub files: Vec<FileReport>,
    /// The mappings the workspaces checked used, each once.
    pub mappings: Vec<MappingUsed>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    pub waived: usize,
}

impl Counts {
    /// Counts a diagnostic under its severity, or as waived.
    pub fn count(&mut self, reported: &Reported) {
        if reported.waived.is_some() {
            self.waived += 1;
        } else {
            self.add(reported.diagnostic.severity);
        }
    }

    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
            Severity::Hint => self.hints += 1,
        }
    }
}

/// `--path-prefix`: the folders put before every path of the machine formats, normalised
/// (`./a//b/../c/` is `a/c`); empty when there is none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathPrefix(Vec<String>);

impl PathPrefix {
    /// A relative path of folders, separated by `/` (or `\`); one that is absolute or climbs
    /// above where it starts (`../x`) is refused: the paths it leads must stay relative.
    pub fn parse(text: &str) -> Result<PathPrefix, String> {
        let drive = matches!(text.as_bytes(), [letter, b':', ..] if letter.is_ascii_alphabetic());
        if text.starts_with(['/', '\\']) || drive {
            return Err("the prefix is a relative path, such as `sub/dir`".into());
        }
        let mut parts: Vec<String> = Vec::new();
        for part in text.split(['/', '\\']) {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err("the prefix cannot climb above where it starts (`..`)".into());
                    }
                }
                part => parts.push(part.to_string()),
            }
        }
        Ok(PathPrefix(parts))
    }
}

/// `path` from `root` after `prefix`, its bytes kept (the path itself, without the prefix,
/// when it lies outside `root`).
pub fn relative_path(path: &Path, root: &Path, prefix: &PathPrefix) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(relative) => prefix
            .0
            .iter()
            .map(Path::new)
            .collect::<PathBuf>()
            .join(relative),
        Err(_) => path.to_path_buf(),
    }
}

/// `path` from `root` after `prefix`, `/`-separated, as people read it: each part through
/// `smm_syntax::visible_path`.
pub fn relative_shown(path: &Path, root: &Path, prefix: &PathPrefix) -> String {
    let relative = relative_path(path, root, prefix);
    if relative.is_absolute() {
        return smm_syntax::visible_path(&relative);
    }
    relative
        .components()
        .map(|c| smm_syntax::visible_path(Path::new(c.as_os_str())))
        .collect::<Vec<_>>()
        .join("/")
}

impl Report {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        self.diagnostics().for_each(|d| counts.count(d));
        counts
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Reported> {
        self.files.iter().flat_map(|f| &f.checks.diagnostics)
    }
}

/// The checker's results for one file, as report data.
pub fn assessment(report: smm_check::AssessmentReport) -> AssessmentResult {
    AssessmentResult {
        name: report.name,
        profile: report.profile,
        role: report.role.map(|r| r.id()),
        practices: report
            .practices
            .into_iter()
            .map(|p| PracticeResult {
                gap: p.gap(),
                met: p.met(),
                waived: p.waived.as_ref().map(waived),
                current: p.current.map(Rating::from),
                target: p.target.as_ref().map(Target::from),
                practice: p.practice,
                missing: p.missing,
            })
            .collect(),
        summary: report.summary,
    }
}

pub fn waived(waived: &smm_check::Waived) -> Waived {
    Waived {
        reason: waived.reason.clone(),
        owner: waived.owner.clone(),
        expires: waived.expires.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_slash_separated_and_visible() {
        let root = Path::new("/w");
        let path = Path::new("/w/sub/a\u{202e}b.smm");
        let none = PathPrefix::default();
        assert_eq!(relative_shown(path, root, &none), "sub/a\\u{202e}b.smm");
        assert_eq!(
            relative_path(path, root, &none),
            Path::new("sub/a\u{202e}b.smm")
        );
    }

    #[test]
    fn prefixes_are_normalised_and_put_before_relative_paths_only() {
        let prefix = |text: &str| PathPrefix::parse(text).unwrap();
        let path = Path::new("/w/compliance/x.smm");
        let shown = |p: &PathPrefix| relative_shown(path, Path::new("/w"), p);
        assert_eq!(shown(&prefix("sub/dir")), "sub/dir/compliance/x.smm");
        assert_eq!(shown(&prefix("./sub//dir/")), "sub/dir/compliance/x.smm");
        assert_eq!(shown(&prefix("a/../sub\\dir")), "sub/dir/compliance/x.smm");
        assert_eq!(shown(&prefix(".")), "compliance/x.smm");
        assert_eq!(shown(&prefix("")), "compliance/x.smm");
        assert_eq!(shown(&prefix("e\x1b")), "e\\e/compliance/x.smm");
        assert_eq!(
            relative_path(path, Path::new("/w"), &prefix("sub/dir")),
            Path::new("sub/dir/compliance/x.smm")
        );
        let outside = Path::new("/elsewhere/x.smm");
        assert_eq!(
            relative_shown(outside, Path::new("/w"), &prefix("sub")),
            "/elsewhere/x.smm"
        );
        for bad in ["/abs", "\\abs", "C:/x", "..", "a/../../b"] {
            assert!(PathPrefix::parse(bad).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn relative_paths_keep_bytes_that_are_not_utf8() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(OsStr::from_bytes(b"/w/caf\xe9.smm"));
        let none = PathPrefix::default();
        assert_eq!(relative_shown(path, Path::new("/w"), &none), "caf\\xe9.smm");
        assert_eq!(
            relative_path(path, Path::new("/w"), &none)
                .as_os_str()
                .as_bytes(),
            b"caf\xe9.smm"
        );
    }
}
