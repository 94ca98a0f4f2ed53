//! `smm.toml`, the workspace settings file.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use smm_model::builtin::Mappings;

use super::confine::Confinement;
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

#[derive(Debug)]
pub struct Config {
    /// Matched against paths relative to the root, `/`-separated.
    pub exclude: GlobSet,
    /// Folders of catalog files outside the workspace, absolute.
    pub catalogs: Vec<PathBuf>,
    /// Folders outside the root whose files may be read through symlinks, and which catalog
    /// folders and evidence links may lie in; absolute.
    pub follow_links_to: Vec<PathBuf>,
    /// Report evidence that expires within this many days of the assessment's date.
    pub expiry_warning_days: Option<u32>,
    /// The lowest severity that fails `smm check`, unless `--fail-on` says otherwise.
    pub fail_on: Option<FailOn>,
    /// Severities that replace a code's default.
    /// `None`: the code is turned off (`off`), its findings not reported at all.
    pub severity: std::collections::BTreeMap<String, Option<smm_syntax::Severity>>,
    /// `builtin-mappings = false`: the workspace brings its own mapping and uses only that.
    pub mappings: smm_model::builtin::Mappings,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            exclude: GlobSet::empty(),
            catalogs: Vec::new(),
            follow_links_to: Vec::new(),
            expiry_warning_days: None,
            fail_on: None,
            severity: std::collections::BTreeMap::new(),
            mappings: Mappings::Builtin,
        }
    }
}

impl Config {
    /// The severity a finding of `code` is reported with, `default` unless smm.toml says
    /// otherwise; `None` when smm.toml turns the code off.
    pub fn severity_of(
        &self,
        code: &str,
        default: smm_syntax::Severity,
    ) -> Option<smm_syntax::Severity> {
        match self.severity.get(code) {
            Some(setting) => *setting,
            None => Some(default),
        }
    }

    /// What may be read in the workspace at `root`: the root and `follow-links-to`.
    pub fn confinement(&self, root: &Path) -> Confinement {
        Confinement::new(root, &self.follow_links_to)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
    /// Relative to the folder holding smm.toml.
    #[serde(default)]
    catalogs: Vec<toml::Spanned<String>>,
    /// Relative to the folder holding smm.toml.
    #[serde(default, rename = "follow-links-to")]
    follow_links_to: Vec<toml::Spanned<String>>,
    #[serde(default, rename = "expiry-warning-days")]
    expiry_warning_days: Option<u32>,
    #[serde(default, rename = "fail-on")]
    fail_on: Option<toml::Spanned<String>>,
    #[serde(default)]
    severity: std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
    #[serde(default, rename = "builtin-mappings")]
    builtin_mappings: Option<bool>,
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
    let follow_links_to = folders(&raw.follow_links_to, root, |f| {
        format!("follow-links-to: `{f}` is not a directory")
    })?;
    let confinement = Confinement::new(root, &follow_links_to);
    // Only what smm may read anyway: the root and the folders allowed explicitly; judged
    // before the folder is looked at, so the message tells nothing about what exists outside.
    let outside = raw
        .catalogs
        .iter()
        .find(|folder| !confinement.admits(&root.join(folder.get_ref())));
    if let Some(folder) = outside {
        let message = format!(
            "catalog folder `{}` is outside the workspace: list it (or a folder above it) in follow-links-to",
            folder.get_ref()
        );
        return Err((folder.span().start, message));
    }
    let catalogs = folders(&raw.catalogs, root, |f| {
        format!("catalog folder `{f}` is not a directory")
    })?;
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
            "error" => Some(smm_syntax::Severity::Error),
            "warning" => Some(smm_syntax::Severity::Warning),
            "info" => Some(smm_syntax::Severity::Info),
            "hint" => Some(smm_syntax::Severity::Hint),
            // A file that does not parse or a broken smm.toml cannot be checked at all.
            "off"
                if code.get_ref().starts_with("syntax::")
                    || code.get_ref().starts_with("config::") =>
            {
                let message = format!("`{}` cannot be turned off", code.get_ref());
                return Err((level.span().start, message));
            }
            "off" => None,
            other => {
                let message = format!("severity `{other}`: use error, warning, info, hint or off");
                return Err((level.span().start, message));
            }
        };
        severity.insert(code.get_ref().clone(), level_value);
    }
    Ok(Config {
        exclude,
        catalogs,
        follow_links_to,
        expiry_warning_days: raw.expiry_warning_days,
        fail_on,
        severity,
        mappings: match raw.builtin_mappings {
            Some(false) => Mappings::OwnOnly,
            Some(true) | None => Mappings::Builtin,
        },
    })
}

/// Folders named relative to `root`, each of which must be a directory.
fn folders(
    names: &[toml::Spanned<String>],
    root: &Path,
    not_a_directory: impl Fn(&str) -> String,
) -> Result<Vec<PathBuf>, (usize, String)> {
    names
        .iter()
        .map(|name| {
            let path = root.join(name.get_ref());
            match path.is_dir() {
                true => Ok(path),
                false => Err((name.span().start, not_a_directory(name.get_ref()))),
            }
        })
        .collect()
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
            "2:1: unknown field `included`, expected one of `exclude`, `catalogs`, `follow-links-to`, `expiry-warning-days`, `fail-on`, `severity`, `builtin-mappings`"
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
    fn catalog_folders_outside_the_root_must_be_allowed() {
        let top = tempfile::tempdir().unwrap();
        let root = top.path().join("root");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(top.path().join("shared/catalogs")).unwrap();
        let (offset, message) = parse("catalogs = [\"../shared/catalogs\"]", &root).unwrap_err();
        assert_eq!(
            (offset, message.as_str()),
            (12, "catalog folder `../shared/catalogs` is outside the workspace: list it (or a folder above it) in follow-links-to")
        );
        let allowed = "follow-links-to = [\"../shared\"]\ncatalogs = [\"../shared/catalogs\"]";
        let config = parse(allowed, &root).unwrap();
        assert_eq!(config.catalogs, [root.join("../shared/catalogs")]);
        assert_eq!(config.follow_links_to, [root.join("../shared")]);
        let (offset, message) = parse("follow-links-to = [\"nowhere\"]", &root).unwrap_err();
        assert_eq!(
            (offset, message.as_str()),
            (19, "follow-links-to: `nowhere` is not a directory")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_catalog_folder_linked_out_of_the_root_is_outside() {
        let top = tempfile::tempdir().unwrap();
        let root = top.path().join("root");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(top.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(top.path().join("elsewhere"), root.join("vendor")).unwrap();
        assert!(parse("catalogs = [\"vendor\"]", &root).is_err());
    }

    #[test]
    fn codes_can_be_turned_off_but_not_syntax_errors() {
        let config = parse(
            "[severity]\n\"check::no-target\" = \"off\"\n\"check::above-target\" = \"error\"\n",
            Path::new("."),
        )
        .unwrap();
        use smm_syntax::Severity::{Error, Info, Warning};
        assert_eq!(config.severity_of("check::no-target", Info), None);
        assert_eq!(config.severity_of("check::above-target", Info), Some(Error));
        assert_eq!(
            config.severity_of("check::unmet-target", Warning),
            Some(Warning)
        );
        assert_eq!(
            error("[severity]\n\"syntax::unexpected-token\" = \"off\"\n"),
            "2:30: `syntax::unexpected-token` cannot be turned off"
        );
        assert_eq!(
            error("[severity]\n\"check::no-target\" = \"quiet\"\n"),
            "2:22: severity `quiet`: use error, warning, info, hint or off"
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

    #[test]
    fn the_builtin_mapping_can_be_left_out() {
        let root = Path::new("/w");
        assert_eq!(parse("", root).unwrap().mappings, Mappings::Builtin);
        let off = parse("builtin-mappings = false", root).unwrap();
        assert_eq!(off.mappings, Mappings::OwnOnly);
        let on = parse("builtin-mappings = true", root).unwrap();
        assert_eq!(on.mappings, Mappings::Builtin);
        let (offset, message) = parse("builtin-mappings = \"no\"", root).unwrap_err();
        assert_eq!(offset, 19);
        assert!(message.contains("expected a boolean"), "{message}");
    }
}
