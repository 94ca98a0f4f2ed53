//! `smm report`: the page a practitioner hands to management for each assessment (where it
//! stands, where its profile says it should be, what to do next), as self-contained HTML,
//! Markdown or JSON, byte-for-byte the same for the same files.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

pub(crate) mod charts;
mod csv;
pub(crate) mod html;
mod json;
mod load;
pub(crate) mod markdown;
mod oscal;
pub(crate) mod page;
mod run;
pub(crate) mod svg;

pub use run::run;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or folders whose assessments to report on (default: the workspace around the
    /// current folder)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// What to write
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,

    /// Where to write: a file for one assessment (default: standard output); for several, a
    /// folder (created when new) that gets one page each and an index
    #[arg(short, long, value_name = "FILE|FOLDER")]
    pub output: Option<PathBuf>,

    /// An earlier version of the assessments to compare with: a file or folder, or REV:PATH
    /// for a path in a git revision (`HEAD~1:assessments/line-4.smm`)
    #[arg(long, value_name = "PATH|REV:PATH")]
    pub baseline: Option<String>,

    /// Judge expiry dates as of this day (YYYY-MM-DD) instead of each assessment's `date`
    #[arg(long, value_name = "DATE", value_parser = crate::args::parse_day)]
    pub as_of: Option<smm_check::Day>,

    /// Markdown: put the charts inside the page instead of SVG files beside it
    #[arg(long)]
    pub inline_svg: bool,

    /// Say on standard error which workspace root each path belongs to, and why
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page per assessment, with inline SVG charts and a print stylesheet
    Html,
    /// The same content as Markdown, for pull requests and wikis
    Md,
    /// Every page's data for programs (schemas/report.schema.json)
    Json,
    /// One row per evidence item (a practice without evidence gets one row), for spreadsheets
    Csv,
    /// An OSCAL assessment-results document (JSON), for GRC platforms
    Oscal,
}

/// What every page names besides its data: the tool that made it.
#[derive(Clone, Debug)]
pub struct Meta {
    /// `smm 0.1.0`
    pub tool: String,
}

/// One line of an index page: an assessment's page and the relative link to it.
pub struct IndexEntry<'a> {
    pub page: &'a page::Page,
    pub href: String,
}

/// Where a Markdown page's charts go.
#[derive(Clone, Copy, Debug)]
pub enum Charts<'a> {
    /// Inside the page, as SVG blocks.
    Inline,
    /// In files beside the page, `{stem}-radar.svg` and `{stem}-domains.svg`, linked by those
    /// relative names.
    Beside { stem: &'a str },
}

/// A rendered Markdown page and the chart files to write beside it (name, contents).
pub struct Rendered {
    pub text: String,
    pub files: Vec<(String, String)>,
}

impl ReportFormat {
    /// Formats that hold every assessment in one document rather than a page each.
    fn one_document(self) -> bool {
        matches!(
            self,
            ReportFormat::Json | ReportFormat::Csv | ReportFormat::Oscal
        )
    }
}

/// `name`, or when `taken` holds it already the first of `numbered(2)`, `numbered(3)`… that
/// it does not; taken from then on.
fn unique(
    taken: &mut std::collections::BTreeSet<String>,
    name: &str,
    numbered: impl Fn(usize) -> String,
) -> String {
    let mut name = name.to_string();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = numbered(n);
        n += 1;
    }
    name
}
