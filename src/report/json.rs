//! The JSON report, for scripts and CI. Its shape is documented in the README and versioned by `version`.
//! Each finding carries its `id`, and `waived`, `baseline` or `waiver_expired` when something accepted it. Text is
//! kept exactly; the characters a terminal or the GitHub Actions runner would act on are written as `\u` escapes
//! ([`crate::sanitize::json`]).

use super::{FileError, Outcome, Summary};
use crate::rules::{Finding, Verdict};
use crate::waivers::{Standing, Triaged};
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    errors: &'a [FileError],
    stale_waivers: Vec<JsonStale<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    baseline: &'a str,
    verdict: Verdict,
    findings: Vec<JsonFinding<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    waived: Option<JsonWaiver<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver_expired: Option<JsonWaiver<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    baseline: bool,
}

#[derive(Serialize)]
struct JsonWaiver<'a> {
    by: &'a str,
    justification: &'a str,
    approved_on: String,
    expires: Option<String>,
}

#[derive(Serialize)]
struct JsonStale<'a> {
    document: &'a str,
    finding: &'a str,
    rule: &'a str,
    section: &'a str,
    file: &'a str,
    line: usize,
    reason: &'a str,
}

fn waiver(w: &crate::waivers::Waiver) -> JsonWaiver<'_> {
    JsonWaiver {
        by: &w.approved_by,
        justification: &w.justification,
        approved_on: w.approved_on.to_string(),
        expires: w.expires.map(|e| e.to_string()),
    }
}

fn finding<'a>(f: &'a Finding, t: Option<&'a Triaged>) -> JsonFinding<'a> {
    let standing = t.map(|t| &t.standing);
    JsonFinding {
        finding: f,
        id: t.map_or("", |t| t.id.as_str()),
        waived: match standing {
            Some(Standing::Waived(w)) => Some(waiver(w)),
            _ => None,
        },
        waiver_expired: match standing {
            Some(Standing::WaiverExpired(w)) => Some(waiver(w)),
            _ => None,
        },
        baseline: matches!(standing, Some(Standing::Known)),
    }
}

/// The JSON document for a run.
#[must_use]
pub fn render(outcome: &Outcome) -> String {
    let doc = Json {
        version: 1,
        files: outcome
            .files()
            .map(|(r, triage)| JsonFile {
                path: &r.path,
                baseline: &r.baseline,
                verdict: r.verdict,
                findings: r.findings.iter().enumerate().map(|(i, f)| finding(f, triage.get(i))).collect(),
                notes: &r.notes,
            })
            .collect(),
        errors: &outcome.errors,
        stale_waivers: outcome
            .stale_waivers
            .iter()
            .map(|s| JsonStale {
                document: &s.waiver.document,
                finding: &s.waiver.finding,
                rule: &s.waiver.rule,
                section: &s.waiver.section,
                file: &outcome.waivers_file,
                line: s.waiver.line,
                reason: &s.reason,
            })
            .collect(),
        summary: Summary::of(outcome),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    // Exact data, with nothing a terminal or CI runner would act on if the document is printed.
    crate::sanitize::json(&s).into_owned()
}
