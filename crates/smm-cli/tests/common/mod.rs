//! A throwaway workspace on disk and a way to run `smm` in it.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

/// Well-formed and already in the canonical layout.
pub const GOOD: &str = r#"profile factory-baseline "Smart factory baseline" {
  industry manufacturing
  role asset-owner
  target patch-management level 2 scope system {
    rationale "Firmware updates only in maintenance windows"
  }
}

assessment line-4 "Plant 7, packaging line 4" {
  profile factory-baseline
  date 2026-10-01
  practice patch-management level 2 scope system {
    evidence "Patch log" implements iec62443-2-1:COMP3.2 iso27002:8.8 expires 2027-09-30 link "https://example.org/patch-log.pdf"
  }
}
"#;

/// Like `GOOD`, with names of its own, for a second clean file in one workspace.
pub const GOOD_TOO: &str = r#"profile office-baseline "Office baseline" {
  role asset-owner
  target patch-management level 1
}

assessment office "Head office" {
  profile office-baseline
  date 2026-10-01
  practice patch-management level 1 {
    evidence "Patch log" implements iso27002:8.8
  }
}
"#;

/// `GOOD` with a misspelt keyword (3:3), a level without its number (11:27) and a clause
/// without its standard (13:33).
pub const THREE_MISTAKES: &str = r#"profile mistakes-baseline "Smart factory baseline" {
  role asset-owner
  targt patch-management level 2 scope system {
    rationale "Firmware updates only in maintenance windows"
  }
}

assessment line-5 "Plant 7, packaging line 5" {
  profile mistakes-baseline
  date 2026-10-01
  practice access-control level scope industry {
    evidence "Quarterly review"
      implements SR1.1 iso27002:5.15
  }
}
"#;

/// An unterminated string (3:15) and a stray `}` (6:1).
pub const TWO_MISTAKES: &str = r#"profile two "P" {
  target access-control level 1 {
    rationale "never closed
  }
}
}
"#;

/// Valid, but laid out by hand.
pub const MESSY: &str =
    "profile messy \"T\" {   industry x\n  target access-control level 1 scope system { rationale \"r\" }\n}\n";

pub const MESSY_FORMATTED: &str =
    "profile messy \"T\" {\n  industry x\n  target access-control level 1 scope system {\n    rationale \"r\"\n  }\n}\n";

pub struct Project {
    _dir: TempDir,
    /// Canonical, so that it matches what smm prints.
    pub root: PathBuf,
}

#[derive(Debug)]
pub struct Output {
    pub code: i32,
    /// Temporary paths replaced by `[ROOT]`.
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    pub fn new() -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical temp dir");
        Project { _dir: dir, root }
    }

    pub fn file(&self, relative: &str, text: &str) -> &Project {
        self.bytes(relative, text.as_bytes())
    }

    pub fn bytes(&self, relative: &str, bytes: &[u8]) -> &Project {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub fn dir(&self, relative: &str) -> &Project {
        fs::create_dir_all(self.path(relative)).unwrap();
        self
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap()
    }

    /// `smm ARGS` run at the root, with a clean colour environment.
    pub fn smm(&self, args: &[&str]) -> Command {
        self.smm_in("", args)
    }

    pub fn smm_in(&self, relative_cwd: &str, args: &[&str]) -> Command {
        let mut command = assert_cmd::cargo::cargo_bin_cmd!("smm");
        command
            .args(args)
            .current_dir(self.path(relative_cwd))
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.output(&mut self.smm(args))
    }

    pub fn output(&self, command: &mut Command) -> Output {
        let output = command.output().expect("running smm");
        Output {
            code: output.status.code().expect("exit code, not a signal"),
            stdout: self.normalise(&output.stdout),
            stderr: self.normalise(&output.stderr),
        }
    }

    fn normalise(&self, bytes: &[u8]) -> String {
        let text = String::from_utf8(bytes.to_vec()).expect("smm writes UTF-8");
        text.replace(&self.root.display().to_string(), "[ROOT]")
    }
}

pub fn has_color(text: &str) -> bool {
    text.contains("\x1b[")
}

/// `schemas/NAME`, checked against its meta-schema and compiled.
pub fn schema_validator(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas")
        .join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("schemas/{name}: {e}"));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// Where each error is and what it says, for assertions and failure messages.
pub fn schema_errors(
    validator: &jsonschema::Validator,
    document: &serde_json::Value,
) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// A generated file that is committed for people to read (`relative` to the repository root)
/// must be what `command` prints now; the failure shows the difference and the command.
pub fn assert_up_to_date(relative: &str, generated: &str, command: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    let committed = fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let changed = similar::TextDiff::from_lines(committed.as_str(), generated)
            .unified_diff()
            .context_radius(1)
            .to_string();
        panic!(
            "{relative} is out of date. Regenerate it from the repository root with\n  \
             cargo run -q -p smm-cli -- {command} > {relative}\nand review the change:\n{changed}"
        );
    }
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The repository's `examples/` as a workspace of their own (an empty smm.toml beside them).
pub fn examples() -> Project {
    let p = Project::new();
    p.file("smm.toml", "");
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    copy_dir(&examples, &p.path("examples"));
    p
}
