//! SARIF 2.1.0, the format GitHub code scanning uploads. One run, one rule per rule code used (with the
//! descriptions and help code scanning requires), one result per non-cosmetic finding. Columns start at 1. A
//! waived finding, or one in the baseline of known findings, carries an accepted `suppressions` entry (code
//! scanning shows it as dismissed); every result carries its finding id in `properties.findingId`. A file that
//! could not be checked is an error notification of the run's invocation, which then did not succeed.
//!
//! Locations are URI references (RFC 3986): a path is percent-encoded, so a file name with a space, `#`, `%`, a
//! backslash, a control character or a non-ASCII letter still names that file. The tool's `informationUri` comes
//! from the package's `homepage` or `repository` in Cargo.toml and is left out when there is none (SARIF makes
//! it optional, and it must be an absolute URI, so it cannot point at a file of this repository).

use super::Outcome;
use crate::rules::{Finding, Kind};
use crate::waivers::Standing;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

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
    invocations: Vec<Invocation>,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    /// A friendly name; SARIF wants none when it would only repeat the id.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Config,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

fn level(kind: Kind) -> &'static str {
    match kind {
        Kind::Weakening => "error",
        Kind::Modification => "warning",
        Kind::Addition => "note",
        Kind::Cosmetic => "none",
    }
}

/// A path as a relative URI reference (RFC 3986): every byte of its UTF-8 that is not an unreserved character
/// (`A-Z a-z 0-9 - . _ ~`) or the `/` between segments is percent-encoded. A backslash separates segments on
/// Windows only; elsewhere it is part of a file name.
#[must_use]
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(char::from(b)),
            b'\\' if cfg!(windows) => out.push('/'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The tool's home page, from the package metadata; none when Cargo.toml names none.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")].into_iter().find(|u| !u.is_empty())
}

/// A rule code as a SARIF "friendly name": `deadline-longer` becomes `DeadlineLonger`.
fn friendly_name(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn rule(id: String, kind: Kind) -> Rule {
    let doc = crate::rules::docs::rule_doc(&id);
    let summary = doc.map_or_else(|| id.replace('-', " "), |d| d.summary.to_string());
    let description =
        doc.map_or_else(|| format!("A {} that `mou` reports as {id}.", kind.as_str()), |d| d.description.to_string());
    let advice = crate::rules::docs::advice(kind);
    let name = friendly_name(&id);
    Rule {
        name: (!name.eq_ignore_ascii_case(&id)).then_some(name),
        short_description: Text { text: format!("{}: {summary}", kind.as_str()) },
        full_description: Text { text: description.clone() },
        help: Help {
            text: format!("{description} {advice}"),
            markdown: format!("**{}** (`{id}`): {description}\n\n{advice}", kind.as_str()),
        },
        default_configuration: Config { level: level(kind) },
        id,
    }
}

/// The run's invocation: successful when every file was checked, else with one error notification per file that
/// could not be, at the file and line at fault.
fn invocation(outcome: &Outcome) -> Invocation {
    let notifications = outcome
        .errors
        .iter()
        .map(|e| {
            let mut text = e.error.clone();
            if e.file.is_some() {
                text = format!("{} could not be checked: {text}", e.path);
            }
            if let Some(help) = &e.help {
                text = format!("{text} ({help})");
            }
            Notification {
                level: "error",
                message: Text { text },
                locations: vec![Location {
                    physical_location: Physical {
                        artifact_location: Artifact { uri: uri(e.file_at_fault()) },
                        region: e.line.map(|l| Region {
                            start_line: l.max(1),
                            start_column: e.column.map(|c| c.max(1)),
                            end_line: None,
                            end_column: None,
                        }),
                    },
                }],
            }
        })
        .collect();
    Invocation { execution_successful: outcome.errors.is_empty(), tool_execution_notifications: notifications }
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
            if f.severity == crate::rules::Severity::None {
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
                level: if f.severity == crate::rules::Severity::Info { "note" } else { level(f.kind) },
                message: Text { text: format!("{}: {} (section {}){note}", f.kind.as_str(), f.message, f.section) },
                locations: vec![Location {
                    physical_location: Physical {
                        artifact_location: Artifact { uri: uri(&r.path) },
                        region: Some(Region {
                            start_line,
                            start_column: Some(start_column),
                            end_line: Some(end_line),
                            end_column: Some(end_column),
                        }),
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
                    information_uri: information_uri(),
                    rules: rules.into_iter().map(|(id, kind)| rule(id, kind)).collect(),
                },
            },
            invocations: vec![invocation(outcome)],
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    crate::sanitize::json(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("counties/kern/ihss.md"), "counties/kern/ihss.md");
        assert_eq!(uri("a b/#1 50%.md"), "a%20b/%231%2050%25.md");
        assert_eq!(uri("Peña/é\u{1b}\n.md"), "Pe%C3%B1a/%C3%A9%1B%0A.md");
        assert_eq!(uri("../x?y=1&z.md"), "../x%3Fy%3D1%26z.md");
        if !cfg!(windows) {
            assert_eq!(uri("a\\b.md"), "a%5Cb.md");
        }
    }

    #[test]
    fn rules_have_names_descriptions_and_help() {
        let r = rule("deadline-longer".into(), Kind::Weakening);
        assert_eq!(r.name.as_deref(), Some("DeadlineLonger"));
        assert_eq!(rule("moved".into(), Kind::Modification).name, None);
        assert!(r.full_description.text.starts_with("A period within which"));
        assert!(r.help.text.contains("DHCS will not approve"));
        // A code without a description still gets every field.
        let r = rule("some-new-rule".into(), Kind::Modification);
        assert!(!r.full_description.text.is_empty() && !r.help.markdown.is_empty());
    }
}
