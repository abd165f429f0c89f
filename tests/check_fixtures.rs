//! The fixture-driven suite for `mou check`: every `fixtures/check/**/*.toml` file is one case holding the
//! baseline, the edited text and the expected verdict and findings. Adding a case is adding a file.
//!
//! A case file:
//!
//! ```toml
//! description = "what the edit does"
//! baseline = """Section 1.01. MCP shall ..."""
//! edited = """Section 1.01. MCP may ..."""
//! verdict = "weakens-required-provisions"   # or "redline-required", "attestable"
//! expect = ["weakening modal-downgrade"]   # every non-cosmetic finding, as "kind rule", in any order
//! ```
//!
//! `expect` lists the non-cosmetic findings exactly. A rule may be written as `*` to accept any rule of that kind.

use mou::check::{check, Baseline};
use mou::document::markdown;
use mou::rules::Kind;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    baseline: String,
    edited: String,
    verdict: String,
    expect: Vec<String>,
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            cases(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// Runs one case; the error says what differed.
fn run(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("bad case file: {e}"))?;
    let baseline = Baseline::from_text("baseline.md", &case.baseline);
    // The edited text is read as `mou check` reads it, taking what it shares with the baseline; that must read
    // the same as the text on its own.
    let edited = markdown::parse_like("edited.md", &case.edited, &baseline.doc);
    let alone = markdown::parse("edited.md", &case.edited);
    if edited.blocks != alone.blocks || edited.tricks != alone.tricks {
        return Err("reading the edited text with the baseline's pieces differs from reading it alone".into());
    }
    let report = check(&baseline, edited, "edited.md");
    let mut got: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.kind != Kind::Cosmetic)
        .map(|f| format!("{} {}", f.kind.as_str(), f.rule))
        .collect();
    got.sort();
    let mut want = case.expect.clone();
    want.sort();
    let matches = got.len() == want.len()
        && want
            .iter()
            .all(|w| got.iter().any(|g| g == w || (w.ends_with(" *") && g.split(' ').next() == w.split(' ').next())));
    let verdict = report.verdict.as_str();
    if verdict != case.verdict || !matches {
        let detail: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.kind != Kind::Cosmetic)
            .map(|f| format!("    {} {}: {}", f.kind.as_str(), f.rule, f.message))
            .collect();
        return Err(format!(
            "{}\n  verdict {verdict} (want {})\n  findings {got:?} (want {want:?})\n{}",
            case.description,
            case.verdict,
            detail.join("\n")
        ));
    }
    Ok(())
}

#[test]
fn every_fixture_case_holds() {
    let mut paths = Vec::new();
    cases(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/check"), &mut paths);
    paths.sort();
    assert!(paths.len() >= 7, "fixture cases missing");
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            run(p).err().map(|e| format!("{}: {e}", p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(p).display()))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), paths.len(), failures.join("\n"));
}
