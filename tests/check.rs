//! `mou check` as a user runs it: baselines, output formats and exit codes.

use crate::support::{init, project_dir, Test};

const OFFICIAL: &str =
    "# Memorandum of Understanding\n\nThis MOU is made by [MCP Name] (\"MCP\") and [County Name] (\"County\").\n\n\
[If MCP delegates referral duties to a Knox-Keene licensed Subcontractor, add the Subcontractor as a party.]\n\n\
## 2. Duties\n\n2.1 MCP shall notify the County of each referral within five (5) Working Days.\n\n\
2.2 The Parties shall meet at least once each quarter.\n";

fn edited(from: &str, to: &str) -> String {
    let filled = OFFICIAL
        .replace("[MCP Name]", "Harbor Coast Health Plan")
        .replace("[County Name]", "County of Sierra Vista")
        .replace("[If MCP delegates referral duties to a Knox-Keene licensed Subcontractor, add the Subcontractor as a party.]\n\n", "");
    assert!(filled.contains(from), "{from}");
    filled.replace(from, to)
}

#[test]
fn a_file_checked_against_itself_has_no_findings() {
    let t = Test::new().file("a.md", OFFICIAL).args(&["check", "--against", "a.md", "a.md", "--format", "json"]);
    let run = t.run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(v["files"][0]["verdict"], "attestable");
}

#[test]
fn filled_in_and_instructions_removed_is_attestable() {
    let t = Test::new().file("official.md", OFFICIAL).file("e.md", edited("", "")).args(&[
        "check",
        "--against",
        "official.md",
        "e.md",
    ]);
    t.run().code(0).stdout_has("attestable");
}

#[test]
fn json_has_the_documented_shape_and_exit_1_on_a_weakening() {
    let t = Test::new()
        .file("official.md", OFFICIAL)
        .file("e.md", edited("within five (5) Working Days", "within twenty (20) Working Days"))
        .args(&["check", "--against", "official.md", "e.md", "--format", "json"]);
    let run = t.run();
    run.code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let file = &v["files"][0];
    assert_eq!(file["path"], "e.md");
    assert_eq!(file["baseline"], "official.md");
    assert_eq!(file["verdict"], "weakens-required-provisions");
    let f = &file["findings"][0];
    for key in [
        "rule",
        "kind",
        "severity",
        "section",
        "line",
        "column",
        "end_line",
        "end_column",
        "template_text",
        "edited_text",
        "message",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert_eq!(f["rule"], "deadline-longer");
    assert_eq!(f["kind"], "weakening");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["section"], "2.1");
    assert_eq!(f["line"], 7);
    assert_eq!(v["summary"]["weakens_required_provisions"], 1);
}

#[test]
fn strict_fails_on_a_modification() {
    let t = Test::new()
        .file("official.md", OFFICIAL)
        .file("e.md", edited("within five (5) Working Days", "within three (3) Working Days"))
        .args(&["check", "--against", "official.md", "e.md"]);
    t.run().code(0).stdout_has("redline required").stdout_has("strengthened");
    let t = t.args(&["check", "--strict", "--against", "official.md", "e.md"]);
    t.run().code(1);
}

#[test]
fn sarif_is_valid_with_columns_from_one() {
    let t = Test::new()
        .file("official.md", OFFICIAL)
        .file("e.md", edited("MCP shall notify", "MCP may notify"))
        .args(&["check", "--against", "official.md", "e.md", "--format", "sarif"]);
    let run = t.run();
    run.code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        let id = r["ruleId"].as_str().unwrap();
        assert!(v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().iter().any(|x| x["id"] == id));
    }
    assert_eq!(results[0]["level"], "error");
}

#[test]
fn github_annotations_are_grouped_and_escaped() {
    let t = Test::new()
        .file("official.md", OFFICIAL)
        .file("my, edits.md", edited("MCP shall notify", "MCP may notify"))
        .args(&["check", "--against", "official.md", "my, edits.md", "--format", "github"]);
    let run = t.run();
    run.code(1);
    assert!(run.stdout.starts_with("::group::my, edits.md (weakens-required-provisions)\n"), "{}", run.stdout);
    assert!(run.stdout.contains("::error file=my%2C edits.md,line=7,col=5,"), "{}", run.stdout);
    assert!(run.stdout.contains("::endgroup::"));
}

#[test]
fn a_draft_finds_its_own_baseline() {
    let t = Test::new().file("county.toml", init("regional-center")).args(&["build", "county.toml"]);
    t.run().code(0);
    let draft = t.read("county.md");
    let t = t.args(&["check", "county.md"]);
    t.run().code(0).stdout_has("attestable");
    // Weaken one duty of the draft: the check finds it against the draft's own party file.
    let i = draft.find("MCP must ").expect("a duty of MCP");
    let weakened = format!("{}MCP may {}", &draft[..i], &draft[i + "MCP must ".len()..]);
    let t = t.file("county.md", weakened).args(&["check", "county.md"]);
    t.run().code(1).stdout_has("modal-downgrade");
}

#[test]
fn a_template_baseline_matches_any_party() {
    let t = Test::new().file("p.toml", init("wic")).args(&["build", "p.toml", "-o", "draft.md"]);
    t.run().code(0);
    let t = t.args(&["check", "--template", "wic", "draft.md", "--format", "json"]);
    let run = t.run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "attestable", "{}", run.stdout);
}

/// The LHD example turns on Exhibit F, which adds clauses above the notices: the notice items, whose template
/// text differs only in its fill-ins, must still pair (a) with (a) and (b) with (b).
#[test]
fn template_mode_keeps_notice_items_in_their_order() {
    let t = Test::new().file("p.toml", init("lhd")).args(&["build", "p.toml", "-o", "draft.md"]);
    t.run().code(0);
    let t = t.args(&["check", "--template", "lhd", "draft.md", "--format", "json"]);
    let run = t.run();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let notices: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["template_text"].as_str().is_some_and(|s| s.contains("notice attention")))
        .collect();
    assert!(notices.is_empty(), "{notices:#?}");
}

#[test]
fn bad_input_is_exit_2_with_the_file_and_line() {
    let t = Test::new().file("official.md", OFFICIAL).file("bad.md", b"Section 1.\nMCP shall \xff\xfe act.\n");
    let t = t.args(&["check", "--against", "official.md", "bad.md"]);
    t.run().code(2).stderr_has("bad.md:2:11").stderr_has("not valid UTF-8");
    let t = t.args(&["check", "--against", "missing.md", "official.md"]);
    t.run().code(2).stderr_has("missing.md");
    let t = t.args(&["check", "official.md"]);
    t.run().code(2).stderr_has("no baseline").stderr_has("--against");
}

#[test]
fn long_files_are_read_as_short_ones_are() {
    // Over 64 KiB, files are mapped rather than read into memory: the findings, their lines and the errors for
    // bad bytes must not change.
    let clauses: String =
        (1..=1500).map(|k| format!("3.{k} The Parties shall keep record {k} for ten years.\n\n")).collect();
    let official = format!("{OFFICIAL}\n## 3. Records\n\n{clauses}");
    assert!(official.len() > 64 * 1024);
    let weakened = official.replace("3.850 The Parties shall keep", "3.850 The Parties may keep");
    let mut bad = official.clone().into_bytes();
    let at = official.find("3.870 The").unwrap();
    bad[at + 6] = 0xff;
    let line = official[..at].lines().count() + 1;
    let t = Test::new().file("official.md", &official).file("e.md", &weakened).file("bad.md", bad);
    let t = t.args(&["check", "--against", "official.md", "e.md", "--format", "json"]);
    let run = t.run();
    run.code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    assert_eq!(findings[0]["rule"], "modal-downgrade");
    assert_eq!(findings[0]["line"], official[..official.find("3.850 ").unwrap()].lines().count() + 1);
    let t = t.args(&["check", "--against", "official.md", "bad.md"]);
    t.run().code(2).stderr_has(&format!("bad.md:{line}:7")).stderr_has("not valid UTF-8");
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_the_limit() {
    let t = Test::new().file("official.md", OFFICIAL);
    // A sparse file: its size is over the limit without writing 32 MiB.
    let big = std::fs::File::create(t.path("big.md")).unwrap();
    big.set_len(mou::document::MAX_INPUT_BYTES + 1).unwrap();
    let t = t.args(&["check", "--against", "official.md", "big.md"]);
    t.run().code(2).stderr_has("big.md").stderr_has("mou reads files of up to 32 MiB");
}

#[test]
fn one_broken_file_does_not_stop_the_others() {
    let t = Test::new()
        .file("official.md", OFFICIAL)
        .file("bad.md", b"\xff")
        .file("good.md", edited("MCP shall notify", "MCP may notify"))
        .args(&["check", "--against", "official.md", "bad.md", "good.md", "--format", "json"]);
    let run = t.run();
    run.code(2);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "weakens-required-provisions");
    assert_eq!(v["errors"][0]["path"], "bad.md");
}

#[test]
fn the_development_set_official_text_checks_against_itself() {
    let official = project_dir().join("fixtures/check-cli/official.md");
    let text = std::fs::read_to_string(official).unwrap();
    let t = Test::new().file("o.md", &text).file("e.md", text.replace("\n", "\r\n")).args(&[
        "check",
        "--against",
        "o.md",
        "e.md",
    ]);
    t.run().code(0).stdout_has("attestable (0 weakening, 0 modification, 0 addition");
}

#[test]
fn a_draft_whose_party_file_changed_differs_only_in_party_data() {
    let t = Test::new().file("county.toml", init("ihss")).args(&["build", "county.toml"]);
    t.run().code(0);
    // A new signer after the draft went out: the party file no longer matches the draft's party data.
    let party = t.read("county.toml");
    let old_signer = party.lines().find(|l| l.starts_with("name = ")).unwrap().to_string();
    let changed = party.replacen(&old_signer, "name = \"Rowan Ellison\"", 1);
    assert_ne!(changed, party);
    let t = t.file("county.toml", changed).args(&["check", "county.md", "--format", "json"]);
    let run = t.run();
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["verdict"], "attestable", "{}", run.stdout);
    let findings = file["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "the changed value is reported");
    for f in findings {
        assert_eq!(f["rule"], "party-data-differs", "{f}");
        assert_eq!(f["severity"], "info", "{f}");
        assert_eq!(f["edited_text"].as_str(), Some(old_signer.trim_start_matches("name = ").trim_matches('"')));
        assert!(f["message"].as_str().unwrap().contains("rebuild"), "{f}");
    }
    assert!(file["notes"].to_string().contains("changed since this draft was built"), "{}", run.stdout);
    // Text written past the party value is still read: a signer's name followed by a disclaimer of authority.
    let draft = t.read("county.md");
    let name = old_signer.trim_start_matches("name = ").trim_matches('"').to_string();
    let at = draft.find(&name).unwrap();
    let weakened = format!("{}{name}, acting without authority to bind{}", &draft[..at], &draft[at + name.len()..]);
    let t = t.file("county.md", weakened).args(&["check", "county.md"]);
    t.run().code(1).stdout_has("weakens required provisions");
}

/// A report on many files keeps only the findings of each (its documents are let go as it is checked): every
/// format prints the same from what is kept as from the whole report.
#[test]
fn a_report_that_keeps_findings_only_prints_the_same() {
    use mou::check::{check, Baseline};
    use mou::report::{self, Outcome};
    let base = Baseline::from_text("official.md", OFFICIAL);
    let text = edited("within five (5) Working Days", "within fifteen (15) Working Days when staff allow")
        .replace("shall meet at least", "shall meet\nat least");
    let whole = check(&base, mou::document::markdown::parse("edited.md", text), "edited.md");
    assert!(!whole.findings.is_empty() && !whole.edited.blocks.is_empty());
    let mut kept = whole.clone();
    kept.keep_findings_only();
    assert!(kept.edited.blocks.is_empty() && kept.comparison.rows.is_empty());
    let print = |r: &mou::check::FileReport| {
        let o = Outcome::new(vec![r.clone()], Vec::new());
        let style = report::human::Style { color: false, show_cosmetic: true };
        [
            report::human::render(&o, style),
            report::json::render(&o),
            report::sarif::render(&o),
            report::github::render(&o),
        ]
    };
    let (a, b) = (print(&whole), print(&kept));
    assert!(a[0].contains("change:") && a[1].contains("\"cosmetic-format\""), "{}", a[1]);
    assert_eq!(a, b);
}
