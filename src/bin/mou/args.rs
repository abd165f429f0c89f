//! Command-line arguments, and the dispatch from a subcommand to the file that runs it.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build, check and redline California Medi-Cal MOUs (APL 23-029).
///
/// Every Medi-Cal Managed Care Plan signs an MOU with each county agency or entity that serves its Members, on
/// DHCS's Base and program ("Bespoke") templates. Parties may add provisions; changing or removing template text
/// needs a redline approved by DHCS before signing, and a change that reduces an obligation will not be approved.
#[derive(Debug, Parser)]
#[command(name = "mou", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Help texts: clap wraps them to the terminal (`wrap_help`), so a paragraph is written as one line, and each
// example is a command on a line of its own followed by what it does, both short enough for 80 columns. A hand
// wrapped line or a two-column example would break into a lone word at another width; a test reads every help at
// 80 and 120 columns.
const EXAMPLES: &str = "\
Examples:
  mou list
      the templates and their effective dates
  mou init ihss > ihss.toml
      a commented party file to fill in
  mou build ihss.toml
      writes ihss.md next to the party file
  mou build ihss.toml -o ihss.html
      the same draft as a printable page
  mou build ihss.toml -o ihss.docx
      the same draft as a Word document to edit
  mou check ihss.md
      compare an edited draft with its own baseline
  mou check --against official.md county.docx
      compare with DHCS's text ([fill-ins] match anything)
  mou check
      every MOU listed in the repository's mou.toml
  mou redline ihss.md -o redline.docx
      the redline for DHCS, as Word tracked changes
  mou attest ihss.md -o attestation.md
      the attestation for an unmodified MOU
  mou import wic.docx -o house
      DHCS's own Word template, filled in place by `mou build`";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every template: id, title, effective date and status.
    List,
    /// Print a commented party file for a template, with example values.
    #[command(after_help = "Example:\n  mou init smhs > county-mhp.toml && mou build county-mhp.toml\n\n\
A template that is not released yet (see `mou list`) has no party file: `mou init` then prints nothing and \
exits with status 2.")]
    Init {
        /// Template id, as `mou list` shows it (for example ihss, smhs, dmc-ods).
        id: String,
    },
    /// Fill the templates from a party file and write the draft MOU.
    #[command(after_help = BUILD_HELP)]
    Build(BuildArgs),
    /// Compare edited MOUs with the official template and name every change that weakens it.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Write DHCS's redline: CriticMarkup, HTML or Word tracked changes.
    #[command(after_help = REDLINE_HELP)]
    Redline(RedlineArgs),
    /// Attest that no template provision was modified (only when attestable).
    #[command(after_help = ATTEST_HELP)]
    Attest(AttestArgs),
    /// Explain a rule code: what it checks, with an example of the change it finds and of the other way.
    #[command(after_help = "Examples:\n  mou explain                   every rule, its kind and what it finds\n  \
mou explain deadline-longer   one rule, with an example")]
    Explain {
        /// The rule code, as findings carry it (for example deadline-longer). Without one, every rule is listed.
        rule: Option<String>,
    },
    /// Turn an official template (Word or Markdown) into a house template that `mou build` fills in place.
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
}

const IMPORT_HELP: &str = "\
The official file is kept byte for byte in the folder, with its SHA-256 in the folder's catalog.toml. Every fill-in, drafting note and optional provision is found with the rules `mou check --against` uses. Each fill-in gets a party-file key in OFFICIAL-ID/fill-ins.toml (correct any guess there); one that no party-file key fits gets a key of its own in the party file's [fill] table. A commented party file is written as OFFICIAL-ID/party.toml. Importing the same file again gives the same folder, byte for byte.

Examples:
  mou import wic-template.docx -o house --id wic
      one official template, as the house template `wic`
  mou import base.docx smhs.docx -o house
      two official templates into one folder
  mou build house/wic/party.toml --format docx -o sutter-wic.docx
      DHCS's Word file, filled in place from the party file";

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Official template files, Word (.docx) or Markdown, as downloaded.
    #[arg(required = true, value_name = "OFFICIAL")]
    pub files: Vec<PathBuf>,
    /// The house folder to import into; created when missing, added to when it has a catalog.
    #[arg(short, long, value_name = "DIR", default_value = "house-templates")]
    pub output: PathBuf,
    /// The template's id (one file at a time). Default: made from the file's name.
    #[arg(long)]
    pub id: Option<String>,
    /// Import again over a template of the same id, and overwrite its files.
    #[arg(long)]
    pub force: bool,
}

const BUILD_HELP: &str = "\
The draft starts with front matter that records the template versions and the party file with its \
SHA-256: `mou check` finds the draft's baseline there.

The output file's extension picks the format, in any case: .md or .markdown, .html or .htm, .docx. Any other \
extension is refused (write .html and print it, or convert .docx with LibreOffice, for a PDF). An existing file \
is replaced only with --force, and never when it is a file the run reads, a symbolic link or a special file.

Examples:
  mou build party.toml
      writes party.md beside the party file
  mou build party.toml -o draft.html
      HTML for reading and printing
  mou build party.toml -o draft.docx
      Word, to send to the other party
  mou build party.toml -o -
      Markdown to standard output";

const REDLINE_HELP: &str = "\
The redline is drawn from the same comparison as `mou check`: every change, the findings as comments, and \
provenance (hashes of the baseline and edited file, template versions, party file hash, tool version). The \
baseline options are those of `mou check`.

The output file's extension picks the format, in any case (.md, .html, .docx); other extensions are refused. An \
existing file is replaced only with --force, and never when it is a file the run reads.

Examples:
  mou redline county-edits.md --against official.md -o redline.html
      one page with a cover and a summary table
  mou redline draft.md -o redline.docx --author \"Harbor Coast Compliance\"
      Word, with tracked changes by that author";

const ATTEST_HELP: &str = "\
An MOU that only adds provisions (and fills in the template) may be filed with DHCS with an attestation that no \
template provision was modified. `mou attest` writes it when the check's verdict is `attestable`, and refuses \
with exit 1, naming the findings, otherwise.

Examples:
  mou attest draft.md -o attestation.md
      a draft built by `mou build`
  mou attest --against official.md executed.md
      an executed MOU against DHCS's text, to standard output";

const CHECK_HELP: &str = "\
Baseline (what the edited file is compared with), one of:
  --against FILE
      an official text: a rendered template, or DHCS's template converted to Markdown. Bracketed fill-ins such \
as [MCP Name] match whatever the parties wrote there; bracketed drafting instructions may be deleted.
  --party FILE
      the bundled templates rendered with this party file.
  --template ID
      a bundled template with every party value as a fill-in.
  (no option)
      a draft from `mou build` finds its own party file from its front matter.

Every change is one of: cosmetic, addition, modification (needs a DHCS-approved redline before signing) or \
weakening (reduces an obligation; DHCS will not approve it).

Contracts repository: with no path, or a folder, `mou check` checks the MOUs listed by the nearest mou.toml (in \
the folder, else the closest one above), in parallel, and carries on past a broken file. Named files select the \
MOUs that read them; other files are skipped. Waivers (mou-waivers.toml) and the baseline of known findings \
(mou-baseline.json) accept findings, which are then reported but do not fail the run. The README's \
\"Contracts repositories and CI\" section describes the files.

Input text in every report and message is shown with control characters, line breaks and bidirectional \
controls escaped (\\n, \\u{1b}), so a file cannot drive the terminal or write GitHub Actions commands.

Exit status: 0 when no weakening stands; 1 when a weakening (with --strict, a modification too) stands that \
nothing accepts; 2 on a usage or input error, or a file that could not be checked.

Examples:
  mou check draft.md
      a draft built by `mou build`
  mou check --against official.md county-edits.md
      against a given official text
  mou check --template smhs --format sarif edited.md
      SARIF for GitHub code scanning
  mou check
      every MOU of the contracts repository
  mou check --changed-since origin/main
      only the MOUs changed on this branch
  mou check --write-baseline
      accept today's findings; fail only on new ones";

/// What an edited MOU is compared with. Shared by `check`, `redline` and `attest`.
#[derive(Debug, Clone, clap::Args)]
pub struct BaselineArgs {
    /// Compare with this official text, reading its fill-ins, drafting notes and optional provisions; repeat
    /// for a combined MOU.
    #[arg(long, value_name = "FILE", group = "baseline")]
    pub against: Vec<PathBuf>,
    /// Compare with templates rendered from this party file.
    #[arg(long, value_name = "FILE", group = "baseline")]
    pub party: Option<PathBuf>,
    /// Compare with a bundled template's text.
    ///
    /// Every party value is a fill-in that matches any text. Repeat to combine programs.
    #[arg(long = "template", value_name = "ID", group = "baseline")]
    pub template: Vec<String>,
    /// Use house templates from this folder.
    ///
    /// A folder with a catalog.toml and template files, which replaces the bundled templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Edited MOUs (Markdown or Word), or folders of a contracts repository. With none, every MOU the nearest
    /// mou.toml lists.
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// The report's format.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Also fail (exit 1) on modifications, not only on weakenings.
    #[arg(long)]
    pub strict: bool,
    /// List cosmetic changes one by one in the human report.
    #[arg(long)]
    pub show_cosmetic: bool,
    /// Check only the MOUs changed since this git revision.
    ///
    /// An MOU has changed when its document, its party file or its official text has.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// The waivers file.
    ///
    /// Default: mou-waivers.toml next to mou.toml, if there is one.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// Record every finding as known, so later runs fail only on new ones.
    ///
    /// Default file: mou-baseline.json next to mou.toml.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub write_baseline: Option<Option<PathBuf>>,
    /// With --write-baseline: replace an existing baseline file.
    #[arg(long, requires = "write_baseline")]
    pub force: bool,
    /// Ignore the baseline of known findings.
    ///
    /// Every finding that no waiver accepts then counts.
    #[arg(long, conflicts_with = "write_baseline")]
    pub no_baseline: bool,
}

#[derive(Debug, clap::Args)]
pub struct RedlineArgs {
    /// The edited MOU.
    #[arg(value_name = "EDITED")]
    pub edited: PathBuf,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// Output file; its extension picks the format.
    ///
    /// .md, .html or .docx, in any case. Default: EDITED.redline.md beside the edited file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format, for a file name without an extension.
    #[arg(short, long, value_enum)]
    pub format: Option<RedlineFormat>,
    /// Author recorded on Word tracked changes and comments.
    #[arg(long, default_value = "mou")]
    pub author: String,
    /// The redline's date (YYYY-MM-DD).
    ///
    /// Default: today, or the day SOURCE_DATE_EPOCH names when it is set.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Show cosmetic changes in an HTML redline.
    ///
    /// They are hidden by default.
    #[arg(long)]
    pub show_cosmetic: bool,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RedlineFormat {
    /// Markdown with CriticMarkup.
    Md,
    /// One self-contained HTML page with a cover and summary table.
    Html,
    /// Word with real tracked changes and comments.
    Docx,
}

impl RedlineFormat {
    pub fn extension(self) -> &'static str {
        match self {
            RedlineFormat::Md => "md",
            RedlineFormat::Html => "html",
            RedlineFormat::Docx => "docx",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct AttestArgs {
    /// The edited MOU.
    #[arg(value_name = "EDITED")]
    pub edited: PathBuf,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// Write the attestation here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The attestation's date (YYYY-MM-DD).
    ///
    /// Default: today, or the day SOURCE_DATE_EPOCH names when it is set.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people: path:line:col, rule, reason, template and edited text, verdict.
    Human,
    /// For scripts: the schema documented in the README.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The party file (TOML). `mou init ID` prints one to start from.
    pub party: PathBuf,
    /// Output file, or `-` for standard output.
    ///
    /// Its extension picks the format (.md, .html or .docx, in any case). Default: the party file's name with the
    /// format's extension.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format, for `-o -` or a file name without an extension.
    ///
    /// Default: Markdown.
    #[arg(short, long, value_enum)]
    pub format: Option<DraftFormat>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Use house templates from this folder.
    ///
    /// A folder with a catalog.toml and template files, which replaces the bundled templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    /// Markdown, the reference text `mou check` compares against.
    Md,
    /// A self-contained HTML page that prints cleanly to PDF.
    Html,
    /// A Word document to edit: heading styles, numbered clauses, signature table.
    Docx,
}

impl DraftFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DraftFormat::Md => "md",
            DraftFormat::Html => "html",
            DraftFormat::Docx => "docx",
        }
    }
}

/// The date a redline or attestation carries: `--date`, else today (`SOURCE_DATE_EPOCH` when set).
pub fn document_date(given: Option<&str>) -> mou::Result<String> {
    Ok(match given {
        Some(d) => mou::date::Date::parse(d)
            .ok_or_else(|| {
                mou::InputError::new(format!("--date {}: expected a date like 2026-01-15", mou::sanitize::Inline(d)))
            })?
            .to_string(),
        None => mou::date::today()?.to_string(),
    })
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::List => crate::catalog_cmds::list(),
        Command::Init { id } => crate::catalog_cmds::init(&id),
        Command::Build(args) => crate::build::run(&args),
        Command::Check(args) => crate::check::run(&args),
        Command::Redline(args) => crate::redline::run(&args),
        Command::Attest(args) => crate::attest::run(&args),
        Command::Explain { rule } => crate::explain::run(rule.as_deref()),
        Command::Import(args) => crate::import::run(&args),
    }
}
