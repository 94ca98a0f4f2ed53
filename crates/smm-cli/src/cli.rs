//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "smm",
    version,
    about = "Write, check and explore IIC IoT Security Maturity Model profiles, assessments and catalogs",
    long_about = "Write, check and explore IIC IoT Security Maturity Model profiles, assessments and catalogs.\n\n\
        Profiles set target levels for the SMM practices, assessments record the levels reached \
        with evidence that points at ISA/IEC 62443 and ISO/IEC 27001/27002 clauses, and catalogs \
        define the practices, standards and clauses themselves. All three are written in .smm files; \
        smm knows the SMM and those standards' catalogs out of the box (see `smm catalog` and `smm explain`).",
    propagate_version = true
)]
pub struct Cli {
    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report syntax errors in .smm files
    Check(CheckArgs),
    /// Format .smm files in place
    Fmt(FmtArgs),
    /// List the built-in catalog: SMM practices, levels, scopes, roles, standards and clauses
    Catalog(CatalogArgs),
    /// Explain what an id names: a practice, clause, standard, domain, subdomain or framework
    Explain(ExplainArgs),
    /// Serve the language over standard input and output (the Language Server Protocol)
    Lsp,
    /// Start a workspace: smm.toml, an example profile and an assessment that check clean
    Init(crate::commands::init::InitArgs),
    /// Write a new profile, or an assessment listing every practice its profile targets
    #[command(subcommand)]
    New(crate::commands::new::NewCommand),
    /// Print the completion script for a shell (bash, zsh, fish, powershell or elvish)
    Completions(crate::commands::completions::CompletionsArgs),
    /// Print smm's manual page (roff), or write a page per subcommand with --dir
    Man(crate::commands::man::ManArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

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
    #[arg(long, value_name = "DIR", value_parser = crate::report::PathPrefix::parse)]
    pub path_prefix: Option<crate::report::PathPrefix>,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Always exit 0 for findings (input errors still exit 2)
    Never,
}

impl From<smm_check::disk::config::FailOn> for FailOn {
    fn from(setting: smm_check::disk::config::FailOn) -> FailOn {
        use smm_check::disk::config::FailOn as Setting;
        match setting {
            Setting::Error => FailOn::Error,
            Setting::Warning => FailOn::Warning,
            Setting::Info => FailOn::Info,
            Setting::Never => FailOn::Never,
        }
    }
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

fn parse_day(text: &str) -> Result<smm_check::Day, String> {
    smm_check::Day::parse(text)
        .ok_or_else(|| "expected a date on the calendar, as YYYY-MM-DD".into())
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Write nothing; show a diff of each unformatted file and exit 1 if there is one
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// `text` to read, `json` for programs (described by schemas/catalog.schema.json),
    /// `markdown` for the mapping tables that reviewers read
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
    pub format: CatalogFormat,
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
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories to process (default: the current directory); `-` reads standard input
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The file name standard input stands for: shown in messages, and where the search for
    /// smm.toml starts
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
