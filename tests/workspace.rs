//! Contracts repositories: `mou check` over the MOUs a `mou.toml` lists, `--changed-since`, waivers and the
//! baseline of known findings. Each test works on a temporary copy, never on the fixture itself.

use crate::support::{mou, project_dir, Run};
use std::path::Path;

/// 2026-01-01, so waiver dates compare the same way on every day the tests run.
const TODAY: &str = "1767225600";

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = mou()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", TODAY)
        .env_remove("CI")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}:\n{}", run.stdout))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary copy of `fixtures/contracts-repo`.
fn sample_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&project_dir().join("fixtures/contracts-repo"), dir.path());
    dir
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_sample_repository_is_checked_in_one_run() {
    let repo = sample_repo();
    let run = run_in(repo.path(), &["check"]);
    run.code(2).stderr_has("counties/yolo/base.md:98:8: the file is not valid UTF-8 text");
    let tail: Vec<&str> = run.stdout.lines().rev().take(2).collect();
    assert_eq!(
        tail,
        [
            "findings: 1 waived, 0 in the baseline, 0 with an expired waiver; 0 stale waivers",
            "25 files: 17 attestable, 4 redline required, 3 weaken required provisions, 1 could not be checked",
        ],
        "{}",
        run.stdout
    );
    run.stdout_has("counties/marin/first5.md:78:5: weakening (waived) [deadline-longer]")
        .stdout_has("    waived by Dana Whitfield, Director, Regulatory Compliance on 2025-02-20 until 2030-12-31: ")
        .stdout_has("counties/lassen/base.md:66:5: weakening [modal-downgrade]")
        .stdout_has("    section 3.3, finding ")
        .stdout_has("counties/kern/ihss.docx: attestable")
        .stdout_has("counties/inyo/wic.md: attestable (0 weakening, 0 modification, 0 addition, 0 cosmetic) against official/wic-2024.md");

    let run = run_in(repo.path(), &["check", "--format", "json"]);
    run.code(2);
    let v = json(&run);
    let s = &v["summary"];
    assert_eq!(
        [&s["files"], &s["attestable"], &s["redline_required"], &s["weakens_required_provisions"], &s["errors"]],
        [25, 17, 4, 3, 1]
    );
    assert_eq!([&s["waived"], &s["baseline"], &s["expired_waivers"], &s["stale_waivers"]], [1, 0, 0, 0]);
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted, "files come out sorted by path");
    assert_eq!(v["errors"][0]["path"], "counties/yolo/base.md");
    let marin = v["files"].as_array().unwrap().iter().find(|f| f["path"] == "counties/marin/first5.md").unwrap();
    let finding = &marin["findings"][0];
    assert_eq!(finding["waived"]["by"], "Dana Whitfield, Director, Regulatory Compliance");
    assert!(finding["waived"]["justification"].as_str().unwrap().starts_with("Marin's Commission"));
    assert_eq!(finding["id"].as_str().unwrap().len(), 16);

    // SARIF marks the waived finding as an accepted suppression; GitHub annotations stay grouped per file.
    let v = json(&run_in(repo.path(), &["check", "counties/marin", "counties/lassen", "--format", "sarif"]));
    let results = v["runs"][0]["results"].as_array().unwrap();
    let waived: Vec<_> = results.iter().filter(|r| r["suppressions"].is_array()).collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["suppressions"][0]["status"], "accepted");
    let run = run_in(repo.path(), &["check", "--format", "github"]);
    assert_eq!(run.stdout.matches("::group::").count(), 24);
    assert_eq!(run.stdout.matches("::endgroup::").count(), 24);
    run.stdout_has("::error file=counties/lassen/base.md,line=66,col=5,")
        .stdout_has("::notice file=counties/marin/first5.md,line=78,")
        .stdout_has("::error file=counties/yolo/base.md,line=98,col=8,title=mou could not check the file::the file is not valid UTF-8 text (save the file as UTF-8");
}

#[test]
fn the_sample_repository_is_a_sarif_log_code_scanning_accepts() {
    let repo = sample_repo();
    let run = run_in(repo.path(), &["check", "--format", "sarif"]);
    run.code(2);
    let v = json(&run);
    let r = &v["runs"][0];
    // Locations are percent-encoded URI references: a space, a "#" and non-ASCII letters.
    let uris: Vec<&str> = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"counties/san%20luis%20obispo/wic%20amendment%20%232.md"), "{uris:?}");
    assert!(uris.contains(&"counties/imperial/smhs%20%E2%80%93%20revisi%C3%B3n.md"), "{uris:?}");
    for uri in &uris {
        assert!(uri.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)), "{uri}");
    }
    // The file that could not be checked is a notification of an invocation that did not succeed.
    let invocation = &r["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert!(notes[0]["message"]["text"].as_str().unwrap().starts_with("the file is not valid UTF-8 text"));
    let location = &notes[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "counties/yolo/base.md");
    assert_eq!([&location["region"]["startLine"], &location["region"]["startColumn"]], [98, 8]);
    // Every rule is described as code scanning requires; the tool points at no one else's site.
    let driver = &r["tool"]["driver"];
    assert!(driver["informationUri"].as_str().is_none_or(|u| !u.contains("dhcs")), "{}", driver["informationUri"]);
    for rule in driver["rules"].as_array().unwrap() {
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[field].is_null(), "rule {} has no {field}", rule["id"]);
        }
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    // A run where every file is checked succeeded.
    let v = json(&run_in(repo.path(), &["check", "counties/lassen", "--format", "sarif"]));
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    assert!(v["runs"][0]["invocations"][0]["toolExecutionNotifications"].is_null());
}

#[test]
fn folders_and_files_select_mous() {
    let repo = sample_repo();
    // From a folder below mou.toml: the workspace is found above it, and names stay relative to here.
    let run = run_in(&repo.path().join("counties/lassen"), &["check"]);
    run.code(2).stdout_has("../../counties/lassen/base.md:66:5: weakening");
    // A folder selects the MOUs under it.
    let run = run_in(repo.path(), &["check", "counties/napa", "--format", "json"]);
    run.code(0);
    assert_eq!(json(&run)["files"].as_array().unwrap().len(), 1);
    // Named files, as a pre-commit hook passes them: files that are not an MOU's input are skipped.
    let run = run_in(repo.path(), &["check", "regenerate.sh", "counties/lassen/base.md"]);
    run.code(1).stderr_has("note: regenerate.sh is not an MOU mou.toml lists").stdout_has("1 file: 0 attestable");
    // A path that does not exist is an error, not "nothing to check".
    run_in(repo.path(), &["check", "counties/lassen/bsae.md"])
        .code(2)
        .stderr_has("counties/lassen/bsae.md: no such file");
    // An official text selects every MOU checked against it.
    let run = run_in(repo.path(), &["check", "official/wic-2024.md", "--format", "json"]);
    let paths: Vec<String> =
        json(&run)["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(paths, ["counties/inyo/wic.md", "counties/tulare/wic.md"]);
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=mou tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn changed_since_checks_only_what_changed() {
    let repo = sample_repo();
    let dir = repo.path();
    // Without a repository, or with an unknown revision, the run stops with a clear error.
    run_in(dir, &["check", "--changed-since", "HEAD"]).code(2).stderr_has("needs a git repository");
    git(dir, &["init", "-q"]);
    run_in(dir, &["check", "--changed-since", "HEAD"]).code(2).stderr_has("unknown git revision `HEAD`");
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "sample"]);
    let run = run_in(dir, &["check", "--changed-since", "HEAD"]);
    run.code(0).stderr_has("no MOU changed since HEAD").stdout_has("0 files: ");

    // One MOU edited: only it is checked (the broken file elsewhere is not).
    replace_in(&dir.join("counties/placer/base.md"), "MCP must notify DHCS", "MCP may notify DHCS");
    let run = run_in(dir, &["check", "--changed-since", "HEAD", "--format", "json"]);
    run.code(1);
    let v = json(&run);
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{}", run.stdout);
    assert_eq!(v["files"][0]["path"], "counties/placer/base.md");
    assert_eq!(v["files"][0]["verdict"], "weakens-required-provisions");

    // A party file named by a draft's front matter, and an untracked new draft, count as changes too.
    replace_in(&dir.join("counties/colusa/base.toml"), "(555) 010-2001", "(555) 010-2099");
    copy_dir(&dir.join("drafts/sutter"), &dir.join("drafts/yuba"));
    let run = run_in(dir, &["check", "--changed-since", "HEAD", "--format", "json"]);
    let paths: Vec<String> =
        json(&run)["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(paths, ["counties/colusa/base.md", "counties/placer/base.md", "drafts/yuba/base.md"]);
}

const OFFICIAL: &str = "# Memorandum of Understanding\n\n## 2. Duties\n\n\
2.1 MCP shall notify the County of each referral within five (5) Working Days.\n\n\
2.2 The Parties shall meet at least once each quarter.\n\n\
2.3 County shall share its service directory with MCP every year.\n";

/// A small workspace: one official text and one MOU checked against it.
fn small_workspace(edited: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "official.md", OFFICIAL);
    write(dir.path(), "mous/a.md", edited);
    write(dir.path(), "mou.toml", "[[glob]]\ndocuments = \"mous/*.md\"\nagainst = \"official.md\"\n");
    dir
}

fn waiver(id: &str, expires: &str) -> String {
    format!(
        "[[waiver]]\ndocument = \"mous/a.md\"\nfinding = \"{id}\"\nrule = \"modal-downgrade\"\nsection = \"2.1\"\n\
justification = \"DHCS approved the redline.\"\napproved_by = \"Jane Doe\"\napproved_on = 2025-01-10\n{expires}"
    )
}

#[test]
fn waivers_accept_expire_and_go_stale() {
    let ws = small_workspace(&OFFICIAL.replace("MCP shall notify", "MCP may notify"));
    let dir = ws.path();
    let run = run_in(dir, &["check", "--format", "json"]);
    run.code(1);
    let id = json(&run)["files"][0]["findings"][0]["id"].as_str().unwrap().to_string();

    // A waiver in force: the weakening is reported as waived and the run passes.
    write(dir, "mou-waivers.toml", &waiver(&id, "expires = 2026-01-01\n"));
    let run = run_in(dir, &["check"]);
    run.code(0)
        .stdout_has("mous/a.md:5:5: weakening (waived) [modal-downgrade]")
        .stdout_has(&format!("section 2.1, finding {id}"))
        .stdout_has("waived by Jane Doe on 2025-01-10 until 2026-01-01: DHCS approved the redline.")
        .stdout_has("findings: 1 waived");

    // Expired the day before today: the finding counts again, and the report says why.
    write(dir, "mou-waivers.toml", &waiver(&id, "expires = 2025-12-31\n"));
    let run = run_in(dir, &["check"]);
    run.code(1)
        .stdout_has("weakening (waiver expired) [modal-downgrade]")
        .stdout_has("expired: the waiver by Jane Doe expired on 2025-12-31: the finding counts again");
    let v = json(&run_in(dir, &["check", "--format", "json"]));
    assert_eq!(v["files"][0]["findings"][0]["waiver_expired"]["expires"], "2025-12-31");
    assert_eq!(v["summary"]["expired_waivers"], 1);

    // A waiver that matches no finding is stale: a warning, not a failure of its own.
    write(dir, "other-waivers.toml", &waiver("0123456789abcdef", ""));
    let run = run_in(dir, &["check", "--waivers", "other-waivers.toml"]);
    run.code(1).stdout_has(
        "other-waivers.toml:2: warning: stale waiver: mous/a.md has no finding 0123456789abcdef (`modal-downgrade`, \
         section 2.1); remove it or correct it",
    );
    let v = json(&run_in(dir, &["check", "--waivers", "other-waivers.toml", "--format", "json"]));
    assert_eq!(v["stale_waivers"][0]["finding"], "0123456789abcdef");
    assert_eq!(v["stale_waivers"][0]["line"], 2);

    // A waivers file with a typo stops the run with its position and a suggestion.
    write(dir, "mou-waivers.toml", &waiver(&id, "").replace("approved_by", "aproved_by"));
    run_in(dir, &["check"])
        .code(2)
        .stderr_has("mou-waivers.toml:7:1: unknown field `aproved_by`")
        .stderr_has("help: did you mean `approved_by`?");
}

#[test]
fn a_baseline_of_known_findings_fails_only_new_ones() {
    let ws = small_workspace(&OFFICIAL.replace("MCP shall notify", "MCP may notify"));
    let dir = ws.path();
    run_in(dir, &["check"]).code(1);
    let run = run_in(dir, &["check", "--write-baseline"]);
    run.code(0).stderr_has("wrote mou-baseline.json: 1 known finding in 1 of 1 MOUs");
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("mou-baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["written_on"], "2026-01-01");
    assert_eq!(baseline["mous"]["mous/a.md"][0]["rule"], "modal-downgrade");

    // The same findings now pass; the baseline is never overwritten without --force.
    run_in(dir, &["check"])
        .code(0)
        .stdout_has("weakening (baseline) [modal-downgrade]")
        .stdout_has("findings: 0 waived, 1 in the baseline");
    run_in(dir, &["check", "--write-baseline"]).code(2).stderr_has("mou-baseline.json already exists");
    run_in(dir, &["check", "--no-baseline"]).code(1);

    // A new weakening fails, while the known one stays accepted.
    write(
        dir,
        "mous/a.md",
        &OFFICIAL
            .replace("MCP shall notify", "MCP may notify")
            .replace("at least once each quarter", "at least once each year"),
    );
    let run = run_in(dir, &["check"]);
    run.code(1)
        .stdout_has("weakening (baseline) [modal-downgrade]")
        .stdout_has("mous/a.md:7:")
        .stdout_has(": weakening [frequency-reduced]");
    run_in(dir, &["check", "--write-baseline", "--force"]).code(0);
    run_in(dir, &["check"]).code(0);
}

#[test]
fn mou_toml_errors_and_missing_workspaces_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), &["check"]).code(2).stderr_has("no mou.toml in this folder or any folder above it");
    write(dir.path(), "mou.toml", "[[mou]]\ndocument = \"a.md\"\nagaisnt = \"official.md\"\n");
    run_in(dir.path(), &["check"])
        .code(2)
        .stderr_has("mou.toml:3:1: unknown field `agaisnt`")
        .stderr_has("help: did you mean `against`?");
    write(dir.path(), "mou.toml", "[[mou]]\ndocument = \"a.md\"\n");
    // A listed MOU that is missing is a broken file: reported, exit 2.
    let run = run_in(dir.path(), &["check"]);
    run.code(2).stderr_has("error: a.md: No such file or directory (os error 2)\n");
    // Printed once, on standard error: the report only counts it.
    assert!(!run.stdout.contains("a.md"), "{}", run.stdout);
    run.stdout_has("1 could not be checked");
    run_in(dir.path(), &["check", "--against", "x.md", "--changed-since", "HEAD", "a.md"])
        .code(2)
        .stderr_has("cannot be combined with --against");
}
