//! Where `smm report` writes: one assessment to a file or standard output, several to a
//! folder with an index; JSON always as one document.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::commands::diff::side::{self, Base};
use crate::destination::{self, destination};
use crate::status::Status;

use super::load::{self, Baselines};
use super::page::Page;
use super::{csv, html, json, markdown, oscal, Charts, IndexEntry, Meta, ReportArgs, ReportFormat};

pub fn run(args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let mut status = Status::default();
    let baselines = match &args.baseline {
        Some(given) => match baselines(given, &mut status, err)? {
            Some(b) => Some(b),
            None => return Ok(status),
        },
        None => None,
    };
    let input = crate::args::InputArgs {
        paths: args.paths.clone(),
        stdin_filename: None,
        verbose: args.verbose,
    };
    let pages = load::pages(&input, args.as_of, baselines.as_ref(), &mut status, err)?;
    if status.failures > 0 {
        return Ok(status);
    }
    if pages.is_empty() {
        status.fail(err, "smm report", "no assessment found in the files given")?;
        return Ok(status);
    }
    let meta = Meta {
        tool: format!("smm {}", env!("CARGO_PKG_VERSION")),
    };
    let inputs: Vec<PathBuf> = pages.iter().map(|p| p.assessment.file.clone()).collect();
    // Several pages go to a folder: one that exists, one written with a final `/`, or a new
    // path (JSON is one document, so a new path is its file).
    let to_folder = match &args.output {
        Some(path) => {
            path.is_dir()
                || path.as_os_str().to_string_lossy().ends_with('/')
                || (pages.len() > 1 && !args.format.one_document() && !path.exists())
        }
        None => false,
    };
    let files = match (&args.output, to_folder) {
        (Some(dir), true) => folder(args, &pages, &meta, dir),
        (Some(file), false) if pages.len() == 1 || args.format.one_document() => {
            single(args, &pages, &meta, Some(file))
        }
        (None, _) if pages.len() == 1 || args.format.one_document() => {
            single(args, &pages, &meta, None)
        }
        _ => {
            status.fail(
                err,
                "smm report",
                format!(
                    "{} assessments: give -o FOLDER for one page each and an index, or name one assessment's file",
                    pages.len()
                ),
            )?;
            return Ok(status);
        }
    };
    for (path, text) in files {
        let Some(path) = path else {
            out.write_all(text.as_bytes())?;
            continue;
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(parent) {
                status.fail(err, smm_syntax::visible_path(parent), e)?;
                continue;
            }
        }
        let written = match destination(&path, &inputs) {
            Ok(d) => destination::write(&d, &text, out, err)?,
            Err(reason) => Err(reason),
        };
        if let Err(reason) = written {
            status.fail(err, smm_syntax::visible_path(&path), reason)?;
        }
    }
    Ok(status)
}

/// The files of one report: `None` is standard output.
type Files = Vec<(Option<PathBuf>, String)>;

fn single(args: &ReportArgs, pages: &[Page], meta: &Meta, file: Option<&PathBuf>) -> Files {
    match args.format {
        ReportFormat::Json => vec![(file.cloned(), json::render(pages))],
        ReportFormat::Csv => vec![(file.cloned(), csv::render(pages))],
        ReportFormat::Oscal => vec![(file.cloned(), oscal::render(pages, args.as_of))],
        ReportFormat::Html => vec![(file.cloned(), html::page(&pages[0], meta))],
        ReportFormat::Md => {
            let stem = file
                .and_then(|f| f.file_stem())
                .map(|s| s.to_string_lossy().into_owned());
            let charts = match (&stem, args.inline_svg) {
                (Some(stem), false) => Charts::Beside { stem },
                _ => Charts::Inline,
            };
            let rendered = markdown::page(&pages[0], meta, charts);
            let dir = file.and_then(|f| f.parent()).unwrap_or(Path::new(""));
            let mut files = vec![(file.cloned(), rendered.text)];
            files.extend(
                rendered
                    .files
                    .into_iter()
                    .map(|(name, svg)| (Some(dir.join(name)), svg)),
            );
            files
        }
    }
}

fn folder(args: &ReportArgs, pages: &[Page], meta: &Meta, dir: &Path) -> Files {
    match args.format {
        ReportFormat::Json => return vec![(Some(dir.join("report.json")), json::render(pages))],
        ReportFormat::Csv => return vec![(Some(dir.join("report.csv")), csv::render(pages))],
        ReportFormat::Oscal => {
            let text = oscal::render(pages, args.as_of);
            return vec![(Some(dir.join("assessment-results.json")), text)];
        }
        ReportFormat::Html | ReportFormat::Md => {}
    }
    let stems = stems(pages);
    let mut files: Files = Vec::new();
    let extension = match args.format {
        ReportFormat::Html => "html",
        _ => "md",
    };
    let entries: Vec<IndexEntry> = pages
        .iter()
        .zip(&stems)
        .map(|(page, stem)| IndexEntry {
            page,
            href: format!("{stem}.{extension}"),
        })
        .collect();
    for (page, stem) in pages.iter().zip(&stems) {
        let path = dir.join(format!("{stem}.{extension}"));
        match args.format {
            ReportFormat::Html => files.push((Some(path), html::page(page, meta))),
            _ => {
                let charts = match args.inline_svg {
                    true => Charts::Inline,
                    false => Charts::Beside { stem },
                };
                let rendered = markdown::page(page, meta, charts);
                files.push((Some(path), rendered.text));
                files.extend(
                    rendered
                        .files
                        .into_iter()
                        .map(|(name, svg)| (Some(dir.join(name)), svg)),
                );
            }
        }
    }
    let index = match args.format {
        ReportFormat::Html => html::index(&entries, meta),
        _ => markdown::index(&entries, meta),
    };
    files.push((Some(dir.join(format!("index.{extension}"))), index));
    files
}

/// A file name per page from its assessment id (a kebab-case name, so safe as one), with a
/// number after an id that two workspaces both use.
fn stems(pages: &[Page]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    pages
        .iter()
        .map(|page| {
            let id: String = page
                .assessment
                .id
                .chars()
                .map(|c| match c {
                    'a'..='z' | '0'..='9' | '-' => c,
                    _ => '-',
                })
                .collect();
            let id = match id.as_str() {
                "" | "index" | "report" => format!("assessment-{id}"),
                _ => id,
            };
            super::unique(&mut taken, &id, |n| format!("{id}-{n}"))
        })
        .collect()
}

/// `--baseline FILE|FOLDER` or `--baseline REV:PATH`: a path that exists wins over a revision.
fn baselines(
    given: &str,
    status: &mut Status,
    err: &mut dyn Write,
) -> io::Result<Option<Baselines>> {
    let path = PathBuf::from(given);
    if path.exists() {
        let assessments = side::load(&[path], Base::Root, "baseline", status, err)?;
        return Ok((status.failures == 0).then(|| Baselines {
            label: given.to_string(),
            assessments,
        }));
    }
    let Some((rev, within)) = given.split_once(':').filter(|(rev, _)| !rev.is_empty()) else {
        status.fail(
            err,
            smm_syntax::visible(given),
            "no such file or folder (a revision is written REV:PATH, e.g. HEAD~1:assessments/line-4.smm)",
        )?;
        return Ok(None);
    };
    let sides = match crate::commands::diff::git_sides(rev, &[PathBuf::from(within)]) {
        Ok(sides) => sides,
        Err(message) => {
            status.fail(err, "--baseline", message)?;
            return Ok(None);
        }
    };
    if sides.old.is_empty() {
        status.fail(
            err,
            smm_syntax::visible(given),
            format!("`{within}` is not in revision `{rev}`"),
        )?;
        return Ok(None);
    }
    let assessments = side::load(
        &sides.old,
        Base::Folder(&sides.revision.root),
        "baseline",
        status,
        err,
    )?;
    Ok((status.failures == 0).then(|| Baselines {
        label: given.to_string(),
        assessments,
    }))
}
