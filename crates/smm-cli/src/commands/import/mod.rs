//! `smm import FILE.csv|FILE.xlsx`: assessments kept in a spreadsheet, written as formatted
//! `.smm` files, one per assessment id (`ID.smm` in `-o DIR`). The sheet has one row per
//! practice or per piece of evidence; its columns are found by their headers (`columns`), its
//! rows checked against the model of the workspace the files go to (`rows`): the built-in
//! catalogs, plus that workspace's own when `DIR` is inside one (a folder with `smm.toml` at
//! or above it). Every row that cannot be imported is reported with its sheet, row and
//! column, and then nothing is written, unless `--partial` asks for the other rows. A file
//! that exists is never overwritten without `--force`. `smm report --format csv` writes a
//! sheet this reads back into the same assessments, but for comments and waivers.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use smm_check::disk::config;
use smm_check::disk::walk;
use smm_model::Model;

use crate::inputs::shown_from_cwd;
use crate::sources::Sources;
use crate::status::{count, Status};
use crate::workspace_model::WorkspaceModel;

mod columns;
pub(crate) mod injection;
mod rows;
mod sheet;
mod write;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: a CSV file (UTF-8, RFC 4180) or an .xlsx workbook
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The workbook's sheet to read [default: the first sheet with a header row]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// The assessment id of rows that give none; needed when the sheet has no assessment
    /// column
    #[arg(long, value_name = "ID")]
    pub assessment: Option<String>,

    /// The profile of assessments whose rows name none
    #[arg(long, value_name = "PROFILE")]
    pub profile: Option<String>,

    /// Import the rows that can be imported even when others cannot (then exit 1)
    #[arg(long)]
    pub partial: bool,

    /// Overwrite files that exist
    #[arg(long)]
    pub force: bool,

    /// The folder to write ID.smm files into (created when new) [default: .]
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let mut status = Status::default();
    let shown = smm_syntax::visible_path(&args.file);
    for (option, value, what, example) in [
        ("--assessment", &args.assessment, "an assessment", "line-4"),
        ("--profile", &args.profile, "a profile", "factory-baseline"),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !rows::is_name(v)) {
            status.fail(err, option, rows::not_a_name(value, what, example))?;
            return Ok(status);
        }
    }
    let sheets = match sheet::read(&args.file, args.sheet.as_deref()) {
        Ok(sheets) => sheets,
        Err(reason) => {
            status.fail(err, &shown, reason)?;
            return Ok(status);
        }
    };
    let mut found = None;
    for sheet in &sheets {
        match columns::find(sheet) {
            Ok(Some(columns)) => {
                found = Some((sheet, columns));
                break;
            }
            Ok(None) => {}
            Err(reason) => {
                status.fail(err, &shown, format!("sheet {}, {reason}", sheet.name))?;
                return Ok(status);
            }
        }
    }
    let Some((sheet, columns)) = found else {
        let which = match sheets.as_slice() {
            [one] => format!("sheet {} has no header row", one.name),
            _ => "no sheet has a header row".to_string(),
        };
        status.fail(
            err,
            &shown,
            format!("{which}: no row has a `practice`, `practice id` or `practice title` column"),
        )?;
        return Ok(status);
    };
    let place = |row: usize| format!("{shown}: sheet {}, row {row}", sheet.name);
    let header_number = sheet.rows[columns.header_row].number;
    if !columns.has(columns::Field::Assessment) && args.assessment.is_none() {
        status.fail(
            err,
            place(header_number),
            "the sheet has no `assessment` column: give the assessment's id with --assessment ID",
        )?;
        return Ok(status);
    }
    for &column in &columns.unknown {
        writeln!(
            err,
            "warning: {}",
            smm_syntax::visible(&format!(
                "{}, column {}: not a column smm imports; ignored",
                place(header_number),
                columns.name(column)
            ))
        )?;
    }

    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("."));
    let dir = walk::absolute(&dir);
    let workspace = match Workspace::around(&dir) {
        Ok(workspace) => workspace,
        Err(reason) => {
            writeln!(err, "error: {}", smm_syntax::visible(&reason))?;
            status.failures += 1;
            return Ok(status);
        }
    };
    let options = rows::Options {
        model: &workspace.model,
        assessment: args.assessment.as_deref(),
    };
    let imported = rows::import(sheet, &columns, &options);
    for problem in &imported.problems {
        let mut line = place(problem.row);
        if let Some(column) = problem.column {
            line.push_str(&format!(", column {}", columns.name(column)));
        }
        line.push_str(&format!(": {}", problem.message));
        writeln!(err, "error: {}", smm_syntax::visible(&line))?;
    }
    let rejected = imported.rejected;
    if rejected > 0 && !args.partial {
        let good = imported.rows - rejected;
        status.fail(
            err,
            &shown,
            format!(
                "nothing written: {} cannot be imported (--partial imports the other {good})",
                count(rejected, "row")
            ),
        )?;
        return Ok(status);
    }
    if imported.assessments.is_empty() {
        status.fail(
            err,
            &shown,
            "no assessment to import: the sheet has no rows below its header row that give one",
        )?;
        return Ok(status);
    }

    // Every file is written, or none.
    let mut files = Vec::new();
    for assessment in &imported.assessments {
        let text = match write::render(assessment, args.profile.as_deref()) {
            Ok(text) => text,
            Err(reason) => {
                status.fail(err, &shown, reason)?;
                return Ok(status);
            }
        };
        files.push((dir.join(format!("{}.smm", assessment.id)), text, assessment));
    }
    let mut refused = false;
    for (path, _, _) in &files {
        if fs::symlink_metadata(path).is_ok() && !args.force {
            status.fail(
                err,
                shown_from_cwd(path),
                "exists already; give --force to overwrite it",
            )?;
            refused = true;
        }
    }
    if refused {
        writeln!(err, "error: nothing written")?;
        return Ok(status);
    }
    if dir.exists() && !dir.is_dir() {
        status.fail(
            err,
            shown_from_cwd(&dir),
            "not a folder: -o names the folder to write into",
        )?;
        return Ok(status);
    }
    if let Err(e) = fs::create_dir_all(&dir) {
        let reason = format!(
            "cannot create the folder: {}",
            smm_check::disk::input::io_reason(&e)
        );
        status.fail(err, shown_from_cwd(&dir), reason)?;
        return Ok(status);
    }
    for (path, text, assessment) in &files {
        if let Some(elsewhere) = workspace.declaring(&assessment.id, path) {
            writeln!(
                err,
                "warning: {}",
                smm_syntax::visible(&format!(
                    "{} declares an assessment `{}` too; `smm check` reports the same name twice",
                    shown_from_cwd(elsewhere),
                    assessment.id
                ))
            )?;
        }
        let written = match fs::symlink_metadata(path) {
            Ok(_) => crate::atomic::write(path, text),
            Err(_) => create(path, text),
        };
        match written {
            Ok(()) => {
                let evidence: usize = assessment.practices.iter().map(|p| p.evidence.len()).sum();
                writeln!(
                    out,
                    "wrote {}: assessment `{}`, {}, {} of evidence",
                    shown_from_cwd(path),
                    assessment.id,
                    count(assessment.practices.len(), "practice"),
                    count(evidence, "piece")
                )?;
            }
            Err(reason) => status.fail(err, shown_from_cwd(path), reason)?,
        }
    }
    if rejected > 0 {
        writeln!(
            err,
            "warning: {}",
            smm_syntax::visible(&format!(
                "{}: skipped {} that cannot be imported",
                shown,
                count(rejected, "row")
            ))
        )?;
        status.problems = true;
    }
    Ok(status)
}

/// Creates `path` with `text`, failing if it exists by now; the error is a reason for
/// `error: PATH: reason`.
fn create(path: &Path, text: &str) -> Result<(), String> {
    let cannot = |e: io::Error| format!("cannot write: {}", smm_check::disk::input::io_reason(&e));
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(cannot)
}

/// The model the rows are checked against, and the assessments already declared, in the
/// workspace the files go to.
struct Workspace {
    model: std::sync::Arc<Model>,
    /// Assessment ids and the files that declare them.
    assessments: Vec<(String, PathBuf)>,
}

impl Workspace {
    /// The workspace around `dir` (which may not exist yet): the nearest `smm.toml` at or
    /// above it. Outside any, the built-in model and nothing read.
    fn around(dir: &Path) -> Result<Workspace, String> {
        let existing = dir
            .ancestors()
            .find(|d| d.is_dir())
            .unwrap_or(Path::new("/"));
        let root = walk::find_root(existing);
        let Some(file) = &root.config_file else {
            return Ok(Workspace {
                model: smm_model::builtin::model(),
                assessments: Vec::new(),
            });
        };
        let config = config::load(file, &shown_from_cwd(file))?;
        let confinement = config.confinement(&root.dir);
        let found = walk::walk(&root.dir, &root.dir, &config.exclude, &confinement);
        let sources = Sources::load(found.files);
        let mut assessments = Vec::new();
        for (path, source) in sources.loaded() {
            for name in smm_check::declared_names(&source.parse.file) {
                if let Some(id) = name.strip_prefix("assessment ") {
                    assessments.push((id.to_string(), path.clone()));
                }
            }
        }
        let model = WorkspaceModel::build(&sources, &config, &root.dir).model;
        Ok(Workspace { model, assessments })
    }

    /// Another file of the workspace that declares the assessment `id`.
    fn declaring(&self, id: &str, path: &Path) -> Option<&PathBuf> {
        self.assessments
            .iter()
            .find(|(name, file)| name == id && file != path)
            .map(|(_, file)| file)
    }
}
