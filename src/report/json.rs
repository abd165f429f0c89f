//! The JSON report, for scripts and CI. Its shape is documented in the README and versioned by `version`.

use super::{FileError, Summary};
use crate::check::FileReport;
use crate::rules::{Finding, Verdict};
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    errors: &'a [FileError],
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    baseline: &'a str,
    verdict: Verdict,
    findings: &'a [Finding],
    notes: &'a [String],
}

/// The JSON document for a set of reports.
#[must_use]
pub fn render(reports: &[FileReport], errors: &[FileError]) -> String {
    let doc = Json {
        version: 1,
        files: reports
            .iter()
            .map(|r| JsonFile {
                path: &r.path,
                baseline: &r.baseline,
                verdict: r.verdict,
                findings: &r.findings,
                notes: &r.notes,
            })
            .collect(),
        errors,
        summary: Summary::of(reports, errors.len()),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
