//! `smm new profile` and `smm new assessment`: write a new, formatted file that names its
//! workspace's profiles correctly. An assessment lists every practice its profile targets
//! (resolved through `extends`, as `smm check` resolves it), at level 0, with stub evidence
//! for the clauses each target maps to: the text is the editor's code action "Add the N
//! practices the profile targets" (`smm_ide::code_actions`), applied to a skeleton, with the
//! levels then set to 0.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, Subcommand};
use smm_check::disk::config;
use smm_check::disk::input::io_reason;
use smm_check::disk::walk::{self, absolute_file};
use smm_check::{Analysis, Day, Workspace};
use smm_syntax::ast::{AssessmentField, Item};
use smm_syntax::Span;

use crate::checked::WalkedFiles;
use crate::inputs::{shown_from_cwd, shown_root};
use crate::sources::Sources;
use crate::status::Status;
use crate::workspace_model::WorkspaceModel;

const ROLES: [&str; 3] = ["asset-owner", "product-supplier", "service-provider"];

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write a new profile, on its own or extending a profile of the workspace
    Profile(NewProfileArgs),
    /// Write a new assessment listing every practice its profile targets, at level 0, with
    /// stub evidence for the clauses each target maps to
    Assessment(NewAssessmentArgs),
}

#[derive(Debug, Args)]
pub struct NewProfileArgs {
    /// The new profile's name
    #[arg(value_name = "ID")]
    pub id: String,

    /// A profile of the workspace whose targets, role and editions this one starts from
    #[arg(long, value_name = "PROFILE")]
    pub extends: Option<String>,

    /// The role the profile is written for
    #[arg(long, value_name = "ROLE", value_parser = ROLES)]
    pub role: Option<String>,

    /// The file to write [default: ID.smm in the current directory]; never overwritten
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewAssessmentArgs {
    /// The new assessment's name
    #[arg(value_name = "ID")]
    pub id: String,

    /// The profile of the workspace it is measured against
    #[arg(long, value_name = "PROFILE")]
    pub profile: String,

    /// The role assessed [default: the profile's]
    #[arg(long, value_name = "ROLE", value_parser = ROLES)]
    pub role: Option<String>,

    /// The assessment's date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = crate::args::parse_day)]
    pub date: Option<Day>,

    /// Who assesses [default: `git config user.name`, when git knows it]
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,

    /// The file to write [default: ID.smm in the current directory]; never overwritten
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(command: &NewCommand, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let result = match command {
        NewCommand::Profile(args) => new_profile(args),
        NewCommand::Assessment(args) => new_assessment(args),
    };
    match result {
        Ok(done) => {
            writeln!(out, "{done}")?;
            Ok(Status::default())
        }
        Err(message) => {
            writeln!(err, "error: {}", smm_syntax::visible(&message))?;
            Ok(Status {
                failures: 1,
                ..Status::default()
            })
        }
    }
}

fn new_profile(args: &NewProfileArgs) -> Result<String, String> {
    let path = destination(&args.id, args.output.as_deref())?;
    let loaded = Loaded::around(&path)?;
    let mut text = format!("profile {} {{\n", args.id);
    if let Some(parent) = &args.extends {
        let (_, analysis) = loaded.analyse(None);
        known_profile(&analysis, parent, &loaded.root)?;
        text.push_str(&format!("  extends {parent}\n"));
    }
    if let Some(role) = &args.role {
        text.push_str(&format!("  role {role}\n"));
    }
    text.push_str(
        "  // target PRACTICE level N scope general|industry|system { rationale \"Why\" }\n}\n",
    );
    let text = checked_name(&text, "profile", &args.id, &loaded)?;
    write_new(&path, &text)?;
    Ok(format!(
        "wrote {}: profile `{}`\nnext: add its targets (`smm explain PRACTICE` describes each level), then `smm check`",
        shown_from_cwd(&path),
        args.id
    ))
}

fn new_assessment(args: &NewAssessmentArgs) -> Result<String, String> {
    let path = destination(&args.id, args.output.as_deref())?;
    let loaded = Loaded::around(&path)?;
    let (_, analysis) = loaded.analyse(None);
    let profile = known_profile(&analysis, &args.profile, &loaded.root)?;
    let profile_role = profile.role.as_ref().map(|r| r.role.id());
    match (&args.role, profile_role) {
        (None, None) => {
            return Err(format!(
                "profile `{}` sets no role: give the role assessed with --role",
                args.profile
            ))
        }
        (Some(role), Some(theirs)) if role != theirs => {
            return Err(format!(
                "profile `{}` is written for the role {theirs}, not {role}",
                args.profile
            ))
        }
        _ => {}
    }
    let date = args.date.unwrap_or_else(today);
    let assessor = args.assessor.clone().or_else(git_user_name);

    let mut skeleton = format!(
        "assessment {} {{\n  profile {}\n  date {date}\n",
        args.id, args.profile
    );
    if let Some(role) = &args.role {
        skeleton.push_str(&format!("  role {role}\n"));
    }
    if let Some(name) = &assessor {
        skeleton.push_str(&format!("  assessor \"{}\"\n", escape(name)));
    }
    skeleton.push_str("}\n");
    let skeleton = checked_name(&skeleton, "assessment", &args.id, &loaded)?;

    let (text, count) = with_targeted_practices(&loaded, &path, skeleton);
    let text = smm_syntax::format(&text)
        .map_err(|_| "internal error: the written assessment does not parse".to_string())?;
    write_new(&path, &text)?;
    let shown = shown_from_cwd(&path);
    Ok(format!(
        "wrote {shown}: assessment `{}` on profile `{}`, {} at level 0 with stub evidence\n\
         next: for each practice, set the level reached, replace each stub with real evidence \
         (and remove `stub`), then `smm check {shown}`",
        args.id,
        args.profile,
        crate::status::count(count, "practice")
    ))
}

/// The assessment `skeleton`, checked as the file `path` of the workspace, with the code
/// action that adds the practices its profile targets applied, and those practices set to
/// level 0; and how many it added.
fn with_targeted_practices(loaded: &Loaded, path: &Path, skeleton: String) -> (String, usize) {
    let (workspace, analysis) = loaded.analyse(Some((path, &skeleton)));
    let Some(file) = workspace.id(path) else {
        return (skeleton, 0);
    };
    let Some(report) = analysis.assessments.iter().find(|r| r.file == file) else {
        return (skeleton, 0);
    };
    let snapshot = smm_ide::Snapshot {
        workspace: &workspace,
        model: &loaded.model.model,
        analysis: &analysis,
    };
    // Offered on the assessment's name.
    let action = smm_ide::code_actions(&snapshot, file, report.name_span)
        .into_iter()
        .find(|a| a.kind == smm_ide::ActionKind::Scaffold && a.title.starts_with("Add the "));
    let Some(action) = action else {
        return (skeleton, 0);
    };
    let mut text = skeleton;
    let mut edits: Vec<_> = action.edits.iter().filter(|e| e.file == file).collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for edit in edits {
        text.replace_range(edit.span.start..edit.span.end, &edit.text);
    }
    // The action writes each practice at its target; a new assessment starts from nothing.
    let parse = smm_syntax::parse(&text);
    let mut levels: Vec<Span> = Vec::new();
    for item in &parse.file.items {
        let Item::Assessment(assessment) = item else {
            continue;
        };
        for field in assessment.body.iter().flat_map(|b| &b.entries) {
            if let AssessmentField::Practice(rating) = field {
                if let Some(value) = rating.level.as_ref().and_then(|l| l.value.as_ref()) {
                    levels.push(value.span);
                }
            }
        }
    }
    let count = levels.len();
    for span in levels.into_iter().rev() {
        text.replace_range(span.start..span.end, "0");
    }
    (text, count)
}

/// The workspace around a file to write, loaded as `smm check` loads it.
struct Loaded {
    root: PathBuf,
    sources: Sources,
    model: WorkspaceModel,
    disk: WalkedFiles,
}

impl Loaded {
    fn around(path: &Path) -> Result<Loaded, String> {
        let dir = path.parent().unwrap_or(Path::new("/"));
        let root = walk::find_root(dir);
        let config = match &root.config_file {
            Some(file) => config::load(file, &shown_from_cwd(file))?,
            None => config::Config::default(),
        };
        let confinement = config.confinement(&root.dir);
        let found = walk::walk(&root.dir, &root.dir, &config.exclude, &confinement);
        let sources = Sources::load(found.files);
        let model = WorkspaceModel::build(&sources, &config, &root.dir);
        let disk = WalkedFiles {
            files: sources.loaded().map(|(p, _)| p.clone()).collect(),
            confinement,
        };
        Ok(Loaded {
            root: root.dir,
            sources,
            model,
            disk,
        })
    }

    /// The workspace checked, with `extra` (a path and its text) among its files.
    fn analyse(&self, extra: Option<(&Path, &str)>) -> (Workspace, Analysis) {
        let mut workspace = Workspace::new();
        for (_, source) in self.sources.loaded() {
            workspace.insert(source.clone());
        }
        if let Some((path, text)) = extra {
            workspace.set(path.to_path_buf(), text.to_string());
        }
        let analysis = smm_check::check(
            &workspace,
            &self.model.model,
            &self.disk,
            &smm_check::CheckOptions::default(),
        );
        (workspace, analysis)
    }

    fn declares(&self, kind: &str, name: &str) -> bool {
        let wanted = format!("{kind} {name}");
        self.sources
            .loaded()
            .any(|(_, s)| smm_check::declared_names(&s.parse.file).contains(&wanted))
    }
}

/// The profile `name` of the workspace, or an error with a did-you-mean.
fn known_profile<'a>(
    analysis: &'a Analysis,
    name: &str,
    root: &Path,
) -> Result<&'a smm_check::ResolvedProfile, String> {
    if let Some(profile) = analysis.profiles.get(name) {
        return Ok(profile);
    }
    let names = analysis.profiles.keys().map(String::as_str);
    let hint = match smm_syntax::did_you_mean(name, names) {
        Some(close) => format!("; did you mean `{close}`?"),
        None if analysis.profiles.is_empty() => "; it has none yet (`smm new profile ID`)".into(),
        None => format!(
            "; it has {}",
            analysis
                .profiles
                .keys()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(format!(
        "no profile `{name}` in the workspace {}{hint}",
        shown_root(root)
    ))
}

/// `text` formatted, once it is known to declare exactly `kind id`, a name no file of the
/// workspace declares yet.
fn checked_name(text: &str, kind: &str, id: &str, loaded: &Loaded) -> Result<String, String> {
    let parse = smm_syntax::parse(text);
    let declared = smm_check::declared_names(&parse.file);
    if !parse.errors.is_empty() || declared != [format!("{kind} {id}")] {
        return Err(format!(
            "`{id}` cannot name a {kind}: use letters, digits and `-` (for example `line-4`)"
        ));
    }
    for other in ["profile", "assessment"] {
        if loaded.declares(other, id) {
            return Err(format!(
                "the workspace {} has {} named `{id}` already",
                shown_root(&loaded.root),
                if other == "profile" {
                    "a profile"
                } else {
                    "an assessment"
                }
            ));
        }
    }
    smm_syntax::format(text).map_err(|_| format!("`{id}` cannot name a {kind}"))
}

/// `-o FILE`, else `ID.smm` here; absolute, and not there yet.
fn destination(id: &str, output: Option<&Path>) -> Result<PathBuf, String> {
    let given = output.map_or_else(|| PathBuf::from(format!("{id}.smm")), Path::to_path_buf);
    let path = absolute_file(&given);
    if fs::symlink_metadata(&path).is_ok() {
        return Err(format!(
            "{}: exists already; smm new never overwrites a file",
            smm_syntax::visible_path(&given)
        ));
    }
    Ok(path)
}

/// Creates `path` with `text`; fails if it exists by now.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let shown = shown_from_cwd(path);
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("{shown}: cannot write: {}", io_reason(&e)))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("{shown}: cannot write: {}", io_reason(&e)))
}

/// A string's content as the language writes it between double quotes.
fn escape(text: &str) -> String {
    let mut escaped = String::new();
    for c in text.chars() {
        match c {
            '"' => escaped.push_str("\\\""),
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// `git config --get user.name`, when git is there and knows one.
fn git_user_name() -> Option<String> {
    let output = std::process::Command::new("git")
        .args(["config", "--get", "user.name"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8(output.stdout).ok()?;
    let name = name.trim();
    (output.status.success() && !name.is_empty()).then(|| name.to_string())
}

/// Today's date (UTC), read only when a new file gets it.
pub(crate) fn today() -> Day {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days(i64::try_from(seconds / 86_400).unwrap_or(0));
    u16::try_from(year)
        .ok()
        .and_then(|year| Day::new(year, month, day))
        .unwrap_or(Day {
            year: 1970,
            month: 1,
            day: 1,
        })
}

/// The Gregorian date `days` days after 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_793), (2026, 12, 6));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(escape("A \"B\" \\ C\n"), "A \\\"B\\\" \\\\ C");
    }
}
