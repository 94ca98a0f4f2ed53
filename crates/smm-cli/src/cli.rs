//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::args::{parse_day, ColorArg, ColorChoice, FailOn, InputArgs};

#[derive(Debug, Parser)]
#[command(
    name = "smm",
    bin_name = "smm",
    version = concat!(
        env!("CARGO_PKG_VERSION"),
        " (built-in mapping, edition ",
        smm_model::builtin_mapping_edition!(),
        ")"
    ),
    about = "Write, check and explore IIC IoT Security Maturity Model profiles, assessments and catalogs",
    long_about = "Write, check and explore IIC IoT Security Maturity Model profiles, assessments and catalogs.\n\n\
        Profiles set target levels for the SMM practices, assessments record the levels reached \
        with evidence that points at ISA/IEC 62443 and ISO/IEC 27001/27002 clauses, and catalogs \
        define the practices, standards and clauses themselves. All three are written in .smm files; \
        smm knows the SMM and those standards' catalogs out of the box (see `smm catalog` and `smm explain`).\n\n\
        A workspace is the folder holding smm.toml (`smm init` writes one) and everything under it: \
        its files see each other's names. Without smm.toml, the folder given (or the current one) \
        is the workspace, and `smm explain` and `smm catalog` know only the built-in catalog.",
    after_help = EXIT_STATUS,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Every command's exit codes; each command's help says what 1 means for it.
const EXIT_STATUS: &str = "Exit status: 0 done, nothing wrong; 1 problems found in the input \
    (each command's --help says which); 2 input that cannot be used: a path that cannot be read, \
    a broken smm.toml, an output that cannot be written, an unknown argument.";

const CHECK_EXIT: &str = "Exit status:\n  \
    0  no finding at or above --fail-on\n  \
    1  a finding at or above --fail-on (syntax errors are errors)\n  \
    2  input that cannot be used: a path that cannot be read, a broken smm.toml, an --output \
    that cannot be written";

const FMT_EXIT: &str = "Exit status:\n  \
    0  every file formatted (or, with --check, already formatted)\n  \
    1  with --check, a file that would change; a file with syntax errors (left as it is)\n  \
    2  a path that cannot be read, a broken smm.toml, a file that cannot be written";

const FIX_EXIT: &str = "Exit status:\n  \
    0  every certain fix made (findings without one remain: see `smm check`)\n  \
    1  with --dry-run, a file that would change; a file with syntax errors (left as it is)\n  \
    2  a path that cannot be read, a broken smm.toml, a file that cannot be written";

const REPORT_EXIT: &str = "Exit status:\n  0  the report was written, whatever the assessments hold\n  2  unreadable input, no assessment found, or an output that cannot be written";

const IMPORT_EXIT: &str = "Exit status:\n  \
    0  every row imported and every file written\n  \
    1  with --partial, rows that cannot be imported were skipped (each is reported)\n  \
    2  a file that cannot be read, a sheet without a header row, rows that cannot be imported \
    (without --partial: then nothing is written), a file that exists (without --force) or \
    cannot be written";

const DIFF_EXIT: &str = "Exit status:\n  \
    0  the diff is printed (with --fail-on-regression: and no regression)\n  \
    1  with --fail-on-regression, a regression: a current level dropped, a met target became \
    unmet, evidence disappeared or became a stub, an assessment was removed\n  \
    2  input that cannot be used: a path that cannot be read, a broken smm.toml; with --git, no \
    git command, a folder outside a repository, a revision that names no commit";

const LOOKUP_EXIT: &str = "Exit status:\n  \
    0  printed\n  \
    2  an unknown id or option, or a broken smm.toml";

const WRITE_EXIT: &str = "Exit status:\n  \
    0  written\n  \
    2  a name or option that cannot be used, a file that exists already or cannot be written";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check .smm files: syntax, names, targets, evidence, waivers, links
    #[command(
        long_about = "Check .smm files: syntax, names, targets, evidence, waivers, links.\n\n\
            Reads every .smm file of the workspace, resolves profiles (with what they extend), \
            assessments, practices, clauses and standards against the built-in catalog and the \
            workspace's own catalogs, and reports: syntax errors; unknown or misspelt names, with \
            the name meant where it is certain (`smm fix` applies those); targets an assessment \
            does not meet; practices without evidence, with stub, expired or soon expiring \
            evidence, or with clauses their level does not map to; waivers out of date or unused; \
            links to files that are missing or outside the workspace. `smm explain CODE` says \
            what each finding's code means.\n\n\
            Given paths, it reports on them and on the files of the workspace that depend on them \
            (--no-dependents to report on the paths alone). Findings print for people, or as \
            compact lines, JSON, SARIF, JUnit or GitHub annotations (--format, --output).",
        after_help = CHECK_EXIT
    )]
    Check(CheckArgs),
    /// Format .smm files in place (or show the diff with --check)
    #[command(after_help = FMT_EXIT)]
    Fmt(FmtArgs),
    /// Apply the fixes smm is certain of (a misspelt name, the profile's role), then check again
    #[command(
        long_about = "Apply the fixes smm is certain of, then check again.\n\n\
            Makes every fix the language server offers as preferred: a misspelt practice, \
            profile, clause, standard, role or scope becomes the name meant when only one is \
            near, and an assessment's role that contradicts its profile's becomes the profile's. \
            A fix that makes another certain is followed. Findings accepted by a waiver are left \
            alone, and so is a file with syntax errors. Each fix is listed on standard error as \
            `PATH:LINE:COLUMN: fixed CODE: WHAT`, then what remains; --dry-run prints a diff on \
            standard output instead of writing, and `-` fixes standard input onto standard output.",
        after_help = FIX_EXIT
    )]
    Fix(crate::commands::fix::FixArgs),
    /// Compare assessments: levels, targets, scopes and evidence between two versions
    #[command(
        long_about = "Compare assessments: levels, targets, scopes and evidence between two versions.\n\n\
            `smm diff OLD NEW` compares two files or two folders; `smm diff --git REV [PATH...]` \
            compares revision REV of the repository with the working tree, for the paths given \
            or the workspace around the current folder. Each side is read as its own workspace \
            (the nearest smm.toml at or above it, else its own folder) and checked as `smm \
            check` would, so that targets come from each side's profiles. When a side's \
            assessment names no profile, or one that side does not hold, its targets are \
            unknown and the diff says so rather than compare them.\n\n\
            Assessments are matched by their id. For each, the diff lists what changed in its \
            own lines (profile, role, date, …) and, practice by practice, the current level \
            and scope, the target (level, scope, the profile that sets it), whether the target \
            is met, and the evidence: added and removed (matched by their text), and changed \
            clauses, expiry or stub. Assessments added and removed are listed too. Output for \
            people, JSON (schemas/diff.schema.json) or Markdown for a pull-request comment \
            (--format). With --fail-on-regression it is a gate for pipelines: \
            `smm diff --git origin/main --fail-on-regression`.",
        override_usage = "smm diff [OPTIONS] OLD NEW\n       smm diff [OPTIONS] --git REV [PATH]...",
        after_help = DIFF_EXIT
    )]
    Diff(crate::commands::diff::DiffArgs),
    /// Write the report of each assessment: radar, gaps, coverage, roadmap, evidence, findings
    #[command(
        long_about = "Write the report of each assessment: where it stands, where its profile says it \
            should be, and what to do next.\n\n\
            Each page holds a radar of the practices (target, current, and a baseline with \
            --baseline), the levels per domain and subdomain, the gap table with the profiles \
            that set the targets and the waivers, clause coverage per standard with the missing \
            clauses, a roadmap of the next level of each practice below its target with the \
            clauses it brings, the evidence with its expiry (as of the assessment's date or \
            --as-of), the findings, and the mapping and smm version used. HTML pages are \
            self-contained (no script, no remote asset) and print to PDF; Markdown suits pull \
            requests and wikis; JSON follows schemas/report.schema.json; CSV has one row per \
            evidence item for spreadsheets (`smm import` reads it back); OSCAL is an \
            assessment-results document for GRC platforms. The same files give the same bytes.\n\n\
            HTML and Markdown: one assessment is written to standard output or to the file -o \
            names; several need -o FOLDER, which gets one page per assessment and an index. \
            JSON, CSV and OSCAL hold every assessment in one document.",
        after_help = REPORT_EXIT
    )]
    Report(crate::commands::report::ReportArgs),
    /// Import assessments from a spreadsheet (CSV or .xlsx) as formatted .smm files
    #[command(
        long_about = "Import assessments from a spreadsheet (CSV or .xlsx) as formatted .smm files.\n\n\
            The sheet has one row per practice or per piece of evidence. Its header row (the \
            first row with a `practice`, `practice id` or `practice title` column; title rows \
            above it are skipped) names the columns, in any order and case: assessment (or \
            assessment id), title, profile, follows, role, date, assessor, description; \
            practice (an id or a title), practice id, practice title; level (or current, \
            current level; 0-4 or a level's name), scope; evidence (or evidence text), \
            implements (or clauses), expires (or expiry), link, stub; note. Other columns, such \
            as those `smm report --format csv` computes (target, gap, set by, waived, missing \
            clauses, domain, subdomain), are ignored. Practices, clauses and standards are \
            checked against the built-in catalogs and those of the workspace -o DIR is in; \
            dates are YYYY-MM-DD or date cells.\n\n\
            Each assessment id becomes DIR/ID.smm, laid out as `smm fmt` lays it out. Every \
            row that cannot be imported is reported as `FILE: sheet NAME, row N, column COL: \
            what is wrong`, and nothing is written unless --partial is given. A file that \
            exists is not overwritten without --force. `smm report --format csv` writes a sheet \
            that imports back into the same assessments, except for comments and waivers.",
        after_help = IMPORT_EXIT
    )]
    Import(crate::commands::import::ImportArgs),
    /// List the catalog: SMM practices, levels, scopes, roles, standards and clauses
    #[command(
        long_about = "List the catalog: SMM practices, levels, scopes, roles, standards and clauses.\n\n\
            The built-in catalog plus the workspace's own catalogs (its .smm files and the \
            folders `catalogs` names in smm.toml). Outside a workspace (no smm.toml here or above) \
            only the built-in catalog, and no file is read.\n\n\
            With --coverage, how far the mappings cover each standard instead: per standard, its \
            requirements, how many a practice maps, how many a mapping leaves unmapped with a \
            reason, and which are neither.",
        after_help = LOOKUP_EXIT
    )]
    Catalog(CatalogArgs),
    /// Explain an id (practice, clause, standard, domain, subdomain, framework) or a code
    #[command(
        long_about = "Explain an id (practice, clause, standard, domain, subdomain, framework) or a code.\n\n\
            For a practice, its levels and the clauses each level maps to by role and edition; \
            for a clause, the practices and levels that map to it; for a diagnostic code \
            (`check::unmet-target`, or `unmet-target`), what it finds and how to act. Looks in the \
            built-in catalog and the workspace's own catalogs; outside a workspace (no smm.toml \
            here or above) in the built-in catalog only, and no file is read.",
        after_help = LOOKUP_EXIT
    )]
    Explain(ExplainArgs),
    /// Serve the language over standard input and output (the Language Server Protocol)
    #[command(after_help = "Exit status: 0 after the client's exit; 2 if the server cannot run.")]
    Lsp,
    /// Start a workspace: smm.toml, an example profile and an assessment that check clean
    #[command(after_help = WRITE_EXIT)]
    Init(crate::commands::init::InitArgs),
    /// Write a new profile, or an assessment listing every practice its profile targets
    #[command(subcommand, after_help = WRITE_EXIT)]
    New(crate::commands::new::NewCommand),
    /// Print the completion script for a shell (bash, zsh, fish, powershell or elvish)
    #[command(after_help = "Exit status: 0 printed; 2 an unknown shell.")]
    Completions(crate::commands::completions::CompletionsArgs),
    /// Print smm's manual page (roff), or write a page per subcommand with --dir
    #[command(after_help = "Exit status: 0 written; 2 a folder that cannot be written.")]
    Man(crate::commands::man::ManArgs),
}

impl Command {
    /// Whether colour may be used, for the commands that have --color.
    pub fn color(&self) -> ColorChoice {
        match self {
            Command::Check(args) => args.color.color,
            Command::Fmt(args) => args.color.color,
            Command::Fix(args) => args.color.color,
            Command::Diff(args) => args.color.color,
            _ => ColorChoice::Never,
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub color: ColorArg,

    /// Judge expiry dates as of this day (YYYY-MM-DD) instead of each assessment's `date`
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<smm_check::Day>,

    /// How to print the findings on standard output
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Also write the findings in FORMAT to FILE (repeatable: `--output sarif=smm.sarif`)
    #[arg(long = "output", value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub outputs: Vec<(OutputFormat, PathBuf)>,

    /// In human output, one line per assessment: targets met and, per standard, the clauses
    /// implemented of those mapped up to the targets
    #[arg(long)]
    pub summary: bool,

    /// Exit 1 when a finding of this severity or worse remains [default: error, or
    /// `fail-on` in smm.toml]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Report on the paths given alone, not on the files that depend on them
    ///
    /// By default, when paths are given, the files of the workspace that depend on them are
    /// checked and reported too, and their findings count toward --fail-on: the profiles that
    /// extend a profile they define and the assessments that use one (directly or through
    /// other profiles), the files that declare the same names or name a profile that no file
    /// defines (a change may have renamed it), and every file when they define catalog items.
    #[arg(long)]
    pub no_dependents: bool,

    /// Put DIR before the paths of json, sarif, junit and github output
    ///
    /// Those paths are relative to the repository root (the nearest folder, from the one
    /// holding smm.toml up, with a `.git` folder or file), else to the workspace root, and
    /// `/`-separated. When the check runs in another layout than the one the paths are read
    /// in, DIR, a relative path, is put before them and the result normalised:
    /// `--path-prefix sub/dir` gives `sub/dir/compliance/x.smm`.
    #[arg(long, value_name = "DIR", value_parser = crate::check_report::PathPrefix::parse)]
    pub path_prefix: Option<crate::check_report::PathPrefix>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Annotated source, for people
    Human,
    /// One line per finding: `path:line:column: severity code message`
    Compact,
    /// The findings and assessments (schemas/check.schema.json)
    Json,
    /// SARIF 2.1.0, for code scanning tools
    Sarif,
    /// JUnit XML: a test case per targeted practice and per file with other failing findings
    Junit,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

fn parse_output(text: &str) -> Result<(OutputFormat, PathBuf), String> {
    let (format, file) = text
        .split_once('=')
        .ok_or("expected FORMAT=FILE, for example sarif=smm.sarif")?;
    let format = OutputFormat::from_str(format, true).map_err(|_| {
        format!("unknown format `{format}`: use human, compact, json, sarif, junit or github")
    })?;
    if file.is_empty() {
        return Err("the file name after `=` is missing".into());
    }
    Ok((format, PathBuf::from(file)))
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Write nothing; show a diff of each unformatted file and exit 1 if there is one
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// `text` to read, `json` for programs (described by schemas/catalog.schema.json),
    /// `markdown` for the mapping tables that reviewers read
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
    pub format: CatalogFormat,

    /// Show how far the mappings cover each standard's requirements: mapped, left unmapped
    /// with a reason, or missing (`markdown` gives crates/smm-model/data/UNMAPPED.md)
    #[arg(long)]
    pub coverage: bool,

    /// List what the built-in mapping changed since its previous edition: edges added,
    /// removed and changed (Markdown: crates/smm-model/data/MAPPING-CHANGES.md)
    #[arg(long, conflicts_with_all = ["coverage", "format"])]
    pub changes: bool,

    /// Say on standard error which workspace's catalogs are read, if any
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A practice (`access-control`), a clause (`iec62443-3-3:SR1.1`, `iso27001:A.5.15`), a
    /// standard (`iso27002`), a domain, a subdomain or a framework (`smm`)
    #[arg(value_name = "ID", required_unless_present = "codes")]
    pub id: Option<String>,

    /// List every diagnostic code with its default severity and what it finds
    #[arg(long, conflicts_with_all = ["id", "role", "level", "edition"])]
    pub codes: bool,

    /// For a practice or clause: only the mapping edges for this role
    #[arg(long, value_name = "ROLE", value_parser = ["asset-owner", "product-supplier", "service-provider"])]
    pub role: Option<String>,

    /// For a practice: the clauses up to this level (levels are cumulative)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub level: Option<u8>,

    /// For a practice: follow this edition of a standard with several (`iec62443-2-1-2010`), or
    /// `all` to show every edition side by side; the newest editions by default
    #[arg(long, value_name = "STANDARD")]
    pub edition: Vec<String>,

    /// Say on standard error which workspace's catalogs are read, if any
    #[arg(short, long)]
    pub verbose: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
