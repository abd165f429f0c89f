//! Writers for check results: one per output format, all drawn from the same findings. The library writes into
//! a buffer; only the binary prints.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::check::FileReport;
use crate::rules::{Kind, Verdict};
use serde::Serialize;

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
}

impl Summary {
    /// Adds up the reports; `errors` is the number of files that failed to load.
    #[must_use]
    pub fn of(reports: &[FileReport], errors: usize) -> Summary {
        let mut s = Summary { files: reports.len() + errors, errors, ..Summary::default() };
        for r in reports {
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
