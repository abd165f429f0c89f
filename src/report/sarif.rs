//! SARIF 2.1.0, the format GitHub code scanning uploads. One run, one rule per rule code used, one result per
//! non-cosmetic finding. Columns start at 1. A waived finding, or one in the baseline of known findings, carries
//! an accepted `suppressions` entry (code scanning shows it as dismissed); every result carries its finding id
//! in `properties.findingId`.

use super::Outcome;
use crate::rules::{Finding, Kind};
use crate::waivers::Standing;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    short_description: Text,
    default_configuration: Config,
}

#[derive(Serialize)]
struct Config {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: Properties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties {
    finding_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Physical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(kind: Kind) -> &'static str {
    match kind {
        Kind::Weakening => "error",
        Kind::Modification => "warning",
        Kind::Addition => "note",
        Kind::Cosmetic => "none",
    }
}

/// A URI for a path as SARIF wants it: forward slashes, spaces and percent signs escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/").replace('%', "%25").replace(' ', "%20")
}

fn fingerprint(f: &Finding) -> String {
    crate::hash::sha256_hex(format!("{}|{}|{}|{}", f.rule, f.section, f.template_text, f.edited_text).as_bytes())[..32]
        .to_string()
}

/// The SARIF log for a run.
#[must_use]
pub fn render(outcome: &Outcome) -> String {
    let mut rules: BTreeMap<String, Kind> = BTreeMap::new();
    let mut results = Vec::new();
    for (r, triage) in outcome.files() {
        for (i, f) in r.findings.iter().enumerate() {
            if f.kind == Kind::Cosmetic {
                continue;
            }
            let t = triage.get(i);
            let (suppressions, note) = match t.map(|t| &t.standing) {
                Some(Standing::Waived(w)) => (
                    vec![Suppression {
                        kind: "external",
                        status: "accepted",
                        justification: format!("waived by {} on {}: {}", w.approved_by, w.approved_on, w.justification),
                    }],
                    String::new(),
                ),
                Some(Standing::Known) => (
                    vec![Suppression {
                        kind: "external",
                        status: "accepted",
                        justification: "in the baseline of known findings".into(),
                    }],
                    String::new(),
                ),
                Some(Standing::WaiverExpired(w)) => (
                    Vec::new(),
                    format!(
                        " The waiver by {} expired on {}.",
                        w.approved_by,
                        w.expires.map(|e| e.to_string()).unwrap_or_default()
                    ),
                ),
                Some(Standing::New) | None => (Vec::new(), String::new()),
            };
            rules.entry(f.rule.clone()).or_insert(f.kind);
            let start_line = f.line.max(1);
            let start_column = f.column.max(1);
            let (end_line, end_column) = if (f.end_line, f.end_column) < (start_line, start_column) {
                (start_line, start_column)
            } else {
                (f.end_line, f.end_column.max(1))
            };
            results.push(SarifResult {
                rule_id: f.rule.clone(),
                level: level(f.kind),
                message: Text { text: format!("{}: {} (section {}){note}", f.kind.as_str(), f.message, f.section) },
                locations: vec![Location {
                    physical_location: Physical {
                        artifact_location: Artifact { uri: uri(&r.path) },
                        region: Region { start_line, start_column, end_line, end_column },
                    },
                }],
                partial_fingerprints: BTreeMap::from([("mouFinding/v1", fingerprint(f))]),
                suppressions,
                properties: Properties { finding_id: t.map(|t| t.id.clone()).unwrap_or_default() },
            });
        }
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "mou",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://www.dhcs.ca.gov/",
                    rules: rules
                        .into_iter()
                        .map(|(id, kind)| Rule {
                            short_description: Text { text: format!("{}: {}", kind.as_str(), id.replace('-', " ")) },
                            default_configuration: Config { level: level(kind) },
                            id,
                        })
                        .collect(),
                },
            },
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
