//! Writers for check results: one per output format, all drawn from the same findings. The library writes into
//! a buffer; only the binary prints.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::check::FileReport;
use crate::rules::{Kind, Verdict};
use crate::waivers::{finding_id, StaleWaiver, Standing, Triaged};
use serde::Serialize;

/// Everything one run of `mou check` found, as the writers draw it.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The files checked, in output order.
    pub reports: Vec<FileReport>,
    /// For each report (same order), each finding's id and standing (same order as its findings).
    pub triage: Vec<Vec<Triaged>>,
    /// Files that could not be checked.
    pub errors: Vec<FileError>,
    /// Waivers that matched no finding.
    pub stale_waivers: Vec<StaleWaiver>,
    /// The waivers file, as messages name it.
    pub waivers_file: String,
    /// Whether this run checked a workspace: the human report then always ends with the summary.
    pub workspace: bool,
}

impl Outcome {
    /// The outcome of checking files with nothing accepted: every finding new.
    #[must_use]
    pub fn new(reports: Vec<FileReport>, errors: Vec<FileError>) -> Outcome {
        let triage = reports
            .iter()
            .map(|r| r.findings.iter().map(|f| Triaged { id: finding_id(f), standing: Standing::New }).collect())
            .collect();
        Outcome { reports, triage, errors, ..Outcome::default() }
    }

    /// Each report with its findings' ids and standings.
    pub fn files(&self) -> impl Iterator<Item = (&FileReport, &[Triaged])> {
        self.reports.iter().enumerate().map(|(i, r)| (r, self.triage.get(i).map_or(&[][..], Vec::as_slice)))
    }

    /// Whether a finding that is not accepted fails the run: any weakening, and with `strict` any modification.
    #[must_use]
    pub fn fails(&self, strict: bool) -> bool {
        self.files().any(|(r, t)| {
            r.findings.iter().zip(t).any(|(f, t)| {
                !t.standing.accepted() && (f.kind == Kind::Weakening || (strict && f.kind == Kind::Modification))
            })
        })
    }
}

/// The totals across every checked file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files by verdict.
    pub attestable: usize,
    /// Files that need a redline.
    pub redline_required: usize,
    /// Files that weaken a required provision.
    pub weakens_required_provisions: usize,
    /// Files that could not be checked.
    pub errors: usize,
    /// Findings by kind.
    pub weakenings: usize,
    /// Modifications.
    pub modifications: usize,
    /// Additions.
    pub additions: usize,
    /// Cosmetic changes.
    pub cosmetic: usize,
    /// Findings a waiver in force accepts.
    pub waived: usize,
    /// Findings the baseline of known findings lists.
    pub baseline: usize,
    /// Findings whose waiver expired: they count again.
    pub expired_waivers: usize,
    /// Waivers that match no finding.
    pub stale_waivers: usize,
}

impl Summary {
    /// Adds up an outcome.
    #[must_use]
    pub fn of(outcome: &Outcome) -> Summary {
        let errors = outcome.errors.len();
        let mut s = Summary {
            files: outcome.reports.len() + errors,
            errors,
            stale_waivers: outcome.stale_waivers.len(),
            ..Summary::default()
        };
        for t in outcome.triage.iter().flatten() {
            match t.standing {
                Standing::New => {}
                Standing::Waived(_) => s.waived += 1,
                Standing::WaiverExpired(_) => s.expired_waivers += 1,
                Standing::Known => s.baseline += 1,
            }
        }
        for r in &outcome.reports {
            match r.verdict {
                Verdict::Attestable => s.attestable += 1,
                Verdict::RedlineRequired => s.redline_required += 1,
                Verdict::WeakensRequiredProvisions => s.weakens_required_provisions += 1,
            }
            s.weakenings += r.count(Kind::Weakening);
            s.modifications += r.count(Kind::Modification);
            s.additions += r.count(Kind::Addition);
            s.cosmetic += r.count(Kind::Cosmetic);
        }
        s
    }
}

/// A file that could not be checked, with the reason and where it lies: in the file itself, or in another file
/// it needs (its party file, its official text, a house template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The file that could not be checked, as reports name it.
    pub path: String,
    /// What went wrong, in one sentence, without the file name and position (those are the fields below).
    pub error: String,
    /// What to do about it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file at fault, when it is not the file that could not be checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The line in the file at fault, 1-based, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column in the file at fault, 1-based, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl FileError {
    /// The error `e` met while checking `document`, which reports name `path`. When the error names `document`
    /// itself, that name is not repeated.
    #[must_use]
    pub fn new(path: &str, document: &std::path::Path, e: &crate::InputError) -> FileError {
        FileError {
            path: path.to_string(),
            error: e.message.clone(),
            help: e.help.clone(),
            file: e.path.as_deref().filter(|p| *p != document).map(|p| p.display().to_string()),
            line: e.position.map(|p| p.line),
            column: e.position.map(|p| p.column),
        }
    }

    /// A message alone about the file named `path`.
    #[must_use]
    pub fn message(path: &str, error: impl Into<String>) -> FileError {
        FileError { path: path.to_string(), error: error.into(), help: None, file: None, line: None, column: None }
    }

    /// The file the error lies in: [`FileError::file`], else the file that could not be checked.
    #[must_use]
    pub fn file_at_fault(&self) -> &str {
        self.file.as_deref().unwrap_or(&self.path)
    }
}

/// `path:line:column: error`, naming the file that could not be checked once (and the file at fault after it when
/// that is another one), then `  help: ...` on a line of its own. Every name and message is sanitised for a
/// terminal or log (see [`crate::sanitize`]).
impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::sanitize::Inline;
        write!(f, "{}", Inline(&self.path))?;
        if let Some(file) = &self.file {
            write!(f, ": {}", Inline(file))?;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", Inline(&self.error))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", Inline(help))?;
        }
        Ok(())
    }
}
