//! `smm.toml`, the workspace settings file.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use super::input;
use crate::position::line_column;

pub const FILE_NAME: &str = "smm.toml";

/// The lowest severity that fails a run, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn from_id(id: &str) -> Option<FailOn> {
        match id {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
pub struct Config {
    /// Matched against paths relative to the root, `/`-separated.
    pub exclude: GlobSet,
    /// Folders of catalog files outside the workspace, absolute.
    pub catalogs: Vec<PathBuf>,
    /// Report evidence that expires within this many days of the assessment's date.
    pub expiry_warning_days: Option<u32>,
    /// The lowest severity that fails `smm check`, unless `--fail-on` says otherwise.
    pub fail_on: Option<FailOn>,
    /// Severities that replace a code's default.
    pub severity: std::collections::BTreeMap<String, smm_syntax::Severity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
    /// Relative to the folder holding smm.toml.
    #[serde(default)]
    catalogs: Vec<toml::Spanned<String>>,
    #[serde(default, rename = "expiry-warning-days")]
    expiry_warning_days: Option<u32>,
    #[serde(default, rename = "fail-on")]
    fail_on: Option<toml::Spanned<String>>,
    #[serde(default)]
    severity: std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// Loads `path`; the error is a whole message such as `smm.toml:2:11: unknown field ...`,
/// naming the file as `shown`.
pub fn load(path: &Path, shown: &str) -> Result<Config, String> {
    let text = input::read_file(path).map_err(|e| format!("{shown}: {e}"))?;
    let root = path.parent().unwrap_or(Path::new("."));
    parse(&text, root).map_err(|(offset, message)| {
        let (line, column) = line_column(&text, offset);
        format!("{shown}:{line}:{column}: {message}")
    })
}

/// `text` as smm.toml of the folder `root`. On failure: the byte offset of the problem and
/// what it is (an editor shows it there).
pub fn parse(text: &str, root: &Path) -> Result<Config, (usize, String)> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        (offset, e.message().trim_end().to_string())
    })?;
    let mut set = GlobSetBuilder::new();
    for pattern in &raw.exclude {
        // Like .gitignore: `*` stays within one directory, `**` crosses them.
        let glob = GlobBuilder::new(pattern.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| {
                (
                    pattern.span().start,
                    format!("invalid exclude glob: {}", e.kind()),
                )
            })?;
        set.add(glob);
    }
    let exclude = set.build().map_err(|e| (0, e.to_string()))?;
    let mut catalogs = Vec::new();
    for folder in &raw.catalogs {
        let path = root.join(folder.get_ref());
        if !path.is_dir() {
            let message = format!("catalog folder `{}` is not a directory", folder.get_ref());
            return Err((folder.span().start, message));
        }
        catalogs.push(path);
    }
    let fail_on = match &raw.fail_on {
        None => None,
        Some(value) => Some(FailOn::from_id(value.get_ref()).ok_or_else(|| {
            let message = format!(
                "fail-on is `{}`: use error, warning, info or never",
                value.get_ref()
            );
            (value.span().start, message)
        })?),
    };
    let mut severity = std::collections::BTreeMap::new();
    for (code, level) in &raw.severity {
        if crate::codes::lookup(code.get_ref()).is_none() {
            let message = format!("unknown code `{}` (see `smm explain CODE`)", code.get_ref());
            return Err((code.span().start, message));
        }
        let level_value = match level.get_ref().as_str() {
            "error" => smm_syntax::Severity::Error,
            "warning" => smm_syntax::Severity::Warning,
            "info" => smm_syntax::Severity::Info,
            "hint" => smm_syntax::Severity::Hint,
            other => {
                let message = format!("severity `{other}`: use error, warning, info or hint");
                return Err((level.span().start, message));
            }
        };
        severity.insert(code.get_ref().clone(), level_value);
    }
    Ok(Config {
        exclude,
        catalogs,
        expiry_warning_days: raw.expiry_warning_days,
        fail_on,
        severity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        let (offset, message) = parse(text, Path::new(".")).unwrap_err();
        let (line, column) = line_column(text, offset);
        format!("{line}:{column}: {message}")
    }

    #[test]
    fn empty_file_excludes_nothing() {
        assert!(parse("", Path::new(".")).unwrap().exclude.is_empty());
    }

    #[test]
    fn excludes_match_relative_slash_paths() {
        let config = parse("exclude = [\"drafts/**\", \"*.tmp.smm\"]", Path::new(".")).unwrap();
        assert!(config.exclude.is_match("drafts/a.smm"));
        assert!(config.exclude.is_match("drafts/deep/a.smm"));
        assert!(config.exclude.is_match("x.tmp.smm"));
        assert!(!config.exclude.is_match("sub/x.tmp.smm"));
        assert!(!config.exclude.is_match("a.smm"));
    }

    #[test]
    fn unknown_key_is_located() {
        assert_eq!(
            error("exclude = []\nincluded = 1\n"),
            "2:1: unknown field `included`, expected one of `exclude`, `catalogs`, `expiry-warning-days`, `fail-on`, `severity`"
        );
    }

    #[test]
    fn catalog_folders_are_relative_to_the_root_and_must_exist() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("shared")).unwrap();
        let config = parse("catalogs = [\"shared\"]", root.path()).unwrap();
        assert_eq!(config.catalogs, [root.path().join("shared")]);
        let (offset, message) = parse("catalogs = [\"missing\"]", root.path()).unwrap_err();
        assert_eq!(
            (offset, message.as_str()),
            (12, "catalog folder `missing` is not a directory")
        );
    }

    #[test]
    fn bad_glob_is_located() {
        assert_eq!(
            error("exclude = [\"ok\", \"a[\"]"),
            "1:18: invalid exclude glob: unclosed character class; missing ']'"
        );
    }

    #[test]
    fn syntax_error_is_located() {
        assert_eq!(
            error("exclude = [\"a\"\nfoo"),
            "2:1: missing comma between array elements, expected `,`"
        );
    }
}
