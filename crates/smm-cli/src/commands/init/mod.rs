//! `smm init [DIR]`: a workspace to start from. smm.toml, an example profile and a first
//! assessment on it that together check clean, and what to do next. Nothing is written when
//! any of the files exists already.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use smm_check::disk::input::io_reason;
use smm_check::Day;

use crate::commands::new::{today, write_new};
use crate::status::Status;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to start the workspace in; created if needed
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

pub const SMM_TOML: &str = r#"# smm.toml marks the root of an smm workspace: `smm check` and `smm lsp` read every .smm
# file below this folder. Every key is optional; see the README for all of them.

# What makes `smm check` exit 1: error, warning, info or never (default: error). "warning"
# also fails on stub evidence (`evidence "…" stub`), so that placeholders written by
# `smm new assessment` or the editor do not pass CI unnoticed.
fail-on = "warning"

# Report evidence that expires within this many days of the assessment's date.
expiry-warning-days = 60

# Files to leave out, as gitignore-style globs relative to this folder.
# exclude = ["drafts/**"]

# Folders of more catalog files (your own standards or mappings), relative to this folder.
# catalogs = ["../shared/catalogs"]

# Folders outside this one that evidence links may point into.
# follow-links-to = ["../shared"]

# Leave smm's own mapping out and use only mapping files of yours (for example the
# IIC/ISA published mapping, if you hold it under licence).
# builtin-mappings = false

# Per-code severities (error, warning, info, hint) or off; `smm explain --codes` lists them.
# [severity]
# "check::no-target" = "warning"
"#;

pub const PROFILE: &str = r#"// An example profile, to adapt: rename it, choose your role and industry, and set the
// targets your organisation commits to. `smm explain PRACTICE` describes each practice, its
// levels and the clauses mapped to them.
profile baseline "Example baseline: adapt it to your organisation" {
  role asset-owner
  description "A starting point: three practices at level 1. Raise the levels and add targets as the program grows."
  target access-control level 1 {
    rationale "Every system restricts who may use it, at least as its products ship"
  }
  target patch-management level 1 {
    rationale "Security fixes are installed, even if only when a failure forces it"
  }
  target event-response-plan level 1 {
    rationale "Someone handles an incident when one happens"
  }
}
"#;

/// The assessment, with `DATE` for its date.
const ASSESSMENT: &str = r#"// A first assessment against the example profile. Replace the evidence with your own: each
// line says what shows that the level is reached, and which clauses it implements.
assessment first "First assessment" {
  profile baseline
  date DATE
  assessor "Your name"
  practice access-control level 1 {
    evidence "Products enforce their default authorizations" implements iec62443-2-1:USER2.1 iec62443-3-3:SR2.1 iso27002:5.15
  }
  practice patch-management level 1 {
    evidence "Vendor fixes are installed when a failure calls for them" implements iec62443-2-1:COMP3.2 iso27002:8.8
  }
  practice event-response-plan level 1 {
    evidence "Incidents are handled by the staff on duty" implements iec62443-2-1:EVENT1.8 iso27002:5.26
  }
}
"#;

pub fn assessment(date: Day) -> String {
    ASSESSMENT.replace("DATE", &date.to_string())
}

pub fn run(args: &InitArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let failed = |err: &mut dyn Write, message: String| -> io::Result<Status> {
        writeln!(err, "error: {}", smm_syntax::visible(&message))?;
        Ok(Status {
            failures: 1,
            ..Status::default()
        })
    };
    let files = ["smm.toml", "profiles/baseline.smm", "assessments/first.smm"];
    let at = |relative: &str| {
        if args.dir.as_os_str() == "." {
            PathBuf::from(relative)
        } else {
            args.dir.join(relative)
        }
    };
    let existing: Vec<String> = files
        .iter()
        .map(|file| at(file))
        .filter(|path| fs::symlink_metadata(path).is_ok())
        .map(|path| smm_syntax::visible_path(&path))
        .collect();
    if !existing.is_empty() {
        return failed(
            err,
            format!(
                "{} exist{} already; smm init writes nothing over a file",
                existing.join(", "),
                if existing.len() == 1 { "s" } else { "" }
            ),
        );
    }
    for folder in ["profiles", "assessments"] {
        if let Err(e) = fs::create_dir_all(at(folder)) {
            let shown = smm_syntax::visible_path(&at(folder));
            return failed(err, format!("{shown}: cannot create: {}", io_reason(&e)));
        }
    }
    let texts = [
        SMM_TOML.to_string(),
        PROFILE.to_string(),
        assessment(today()),
    ];
    for (file, text) in files.iter().zip(&texts) {
        if let Err(message) = write_new(&at(file), text) {
            return failed(err, message);
        }
    }
    let dir = shown(&args.dir);
    let cd = if dir == "." {
        String::new()
    } else {
        format!("cd {dir} && ")
    };
    writeln!(
        out,
        "wrote {dir}: smm.toml, profiles/baseline.smm and assessments/first.smm\n\
         \n\
         next:\n\
         \x20 - adapt profiles/baseline.smm: your role, your targets (`smm explain access-control`)\n\
         \x20 - record what you reach in assessments/first.smm, with your own evidence\n\
         \x20 - {cd}smm check\n\
         \x20 - smm new assessment line-1 --profile baseline   (a new assessment of every target)\n\
         \x20 - in your editor, run `smm lsp` as the language server for *.smm files (see the README)"
    )?;
    Ok(Status::default())
}

fn shown(dir: &Path) -> String {
    smm_syntax::visible_path(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_are_formatted() {
        let date = Day::new(2026, 12, 6).unwrap();
        for text in [PROFILE.to_string(), assessment(date)] {
            assert_eq!(
                smm_syntax::format(&text).ok().as_deref(),
                Some(text.as_str())
            );
        }
    }

    #[test]
    fn smm_toml_is_valid() {
        smm_check::disk::config::parse(SMM_TOML, Path::new("/w")).unwrap();
    }
}
