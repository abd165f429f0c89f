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

/// A file that could not be checked, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The file as named.
    pub path: String,
    /// What went wrong.
    pub error: String,
}
