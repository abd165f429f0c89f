//! Input text never reaches a terminal or a CI log as it is. The files `mou check` reads in CI come from the other
//! party and from anyone who can open a pull request; the GitHub Actions runner reads stdout and stderr alike, and
//! takes a line starting with `::` (after white space), or `##[` anywhere, as a workflow command. These tests feed
//! every kind of input text that `mou` prints (document text, a TOML key, a Word part name, a path from mou.toml,
//! a waiver's fields) full of `::`, `%0A`, line breaks, ESC and BEL through every output, and check what comes out.
//!
//! The reproducers are in `fixtures/hostile/`: `terminal-escape-edited.md` (ESC, BEL, OSC and CSI sequences, a
//! line separator and workflow commands in a changed definition and a weakened clause), `gh-stderr-injection.docx` (a part name holding a
//! line break and `::warning`), `gh-stderr-injection-party/` (a party file whose TOML key does the same), all
//! against `official.md`.

use crate::support::{mou, project_dir, Run};
use std::path::Path;

/// A path as mou.toml names it: a workflow command at its start (after white space, which the runner trims), a
/// line break, CR, ESC and BEL inside.
const HOSTILE_NAME: &str = "  ::warning file=README.md,line=1::from-a-path %0A\u{1b}[2J\u{7}\r##[error]x.md";
/// A document mou.toml lists that does not exist, so its error quotes the path.
const MISSING_NAME: &str = "gone\n::add-mask::secret\u{1b}]0;title\u{7}.md";
const APPROVED_BY: &str = "Dana\n::add-mask::Whitfield\r\n::warning file=a.md::approved %0A##[error]by\u{1b}[31m";
const JUSTIFICATION: &str = "Approved.\n::stop-commands::token\u{7}\u{2028}\u{202e}::error::why %0A";

fn fixture(name: &str) -> std::path::PathBuf {
    project_dir().join("fixtures/hostile").join(name)
}

/// Runs `mou` in `dir`. `color` forces colour through a pipe (`CLICOLOR_FORCE`): the bytes are then what a
/// terminal would get, with nothing stripped on the way.
fn run(dir: &Path, args: &[&str], color: bool) -> Run {
    let mut cmd = mou();
    cmd.args(args).current_dir(dir).env_remove("CI").env("SOURCE_DATE_EPOCH", "1767225600");
    if color {
        cmd.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    } else {
        cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A character a terminal acts on: C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls.
fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The colour codes the human report itself writes.
const OWN_COLOURS: &[&str] = &[
    "\u{1b}[1;31m",
    "\u{1b}[1;32m",
    "\u{1b}[1;33m",
    "\u{1b}[31m",
    "\u{1b}[32m",
    "\u{1b}[33m",
    "\u{1b}[36m",
    "\u{1b}[2m",
    "\u{1b}[0m",
];

/// Asserts that no line of `text` is a workflow command, carries `##[`, or holds a control character (other than
/// the colours in `allowed`).
#[track_caller]
fn assert_inert(what: &str, text: &str, allowed: &[&str]) {
    let mut plain = text.to_string();
    for code in allowed {
        plain = plain.replace(code, "");
    }
    for line in plain.split('\n') {
        assert!(!line.trim_start().starts_with("::"), "{what}: a line is a workflow command: {line:?}");
        assert!(!line.contains("##["), "{what}: a line carries the old command syntax: {line:?}");
        assert!(!line.chars().any(is_control), "{what}: a control character survives: {line:?}");
    }
}

/// Asserts that every line of a `--format github` report is one of the commands `mou` writes, whose properties
/// are escaped, and that nothing else in it is a control character.
#[track_caller]
fn assert_only_own_commands(stdout: &str) {
    for line in stdout.lines() {
        assert!(!line.chars().any(is_control) && !line.contains("##["), "raw input in {line:?}");
        if line == "::endgroup::" || line.starts_with("::group::") {
            continue;
        }
        let (command, rest) = line.split_once(' ').unwrap_or_else(|| panic!("not an annotation: {line:?}"));
        assert!(["::error", "::warning", "::notice"].contains(&command), "unexpected command: {line:?}");
        let (properties, _message) = rest.split_once("::").unwrap_or_else(|| panic!("no message: {line:?}"));
        for pair in properties.split(',') {
            let (key, value) = pair.split_once('=').unwrap_or_else(|| panic!("bad property {pair:?} in {line:?}"));
            assert!(["file", "line", "col", "endLine", "endColumn", "title"].contains(&key), "{key} in {line:?}");
            assert!(!value.contains(':'), "unescaped property in {line:?}");
            if key == "title" {
                assert!(value.starts_with("mou "), "a title mou did not write: {line:?}");
            }
        }
    }
}

/// A contracts repository whose every printed string is hostile: a document with a hostile name and hostile text,
/// a Word file with a hostile part name, a party file with a hostile key, a missing document with a hostile name,
/// and a waiver with hostile fields.
fn hostile_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(fixture("official.md"), d.join("official.md")).unwrap();
    std::fs::copy(fixture("terminal-escape-edited.md"), d.join(HOSTILE_NAME)).unwrap();
    std::fs::copy(fixture("gh-stderr-injection.docx"), d.join("ihss.docx")).unwrap();
    std::fs::copy(fixture("gh-stderr-injection-party/a.md"), d.join("a.md")).unwrap();
    std::fs::copy(fixture("gh-stderr-injection-party/evil.toml"), d.join("evil.toml")).unwrap();
    let toml_str = |s: &str| toml::Value::String(s.to_string()).to_string();
    let manifest = format!(
        "[[mou]]\ndocument = {}\nagainst = \"official.md\"\n\n[[mou]]\ndocument = \"ihss.docx\"\nagainst = \"official.md\"\n\n\
         [[mou]]\ndocument = \"a.md\"\nparty = \"evil.toml\"\n\n[[mou]]\ndocument = {}\nagainst = \"official.md\"\n",
        toml_str(HOSTILE_NAME),
        toml_str(MISSING_NAME)
    );
    std::fs::write(d.join("mou.toml"), manifest).unwrap();
    // A waiver for the weakening the hostile document makes.
    let v: serde_json::Value = serde_json::from_str(&run(d, &["check", "--format", "json"], false).stdout).unwrap();
    let file = v["files"].as_array().unwrap().iter().find(|f| f["path"] == HOSTILE_NAME).expect("the document");
    let f = &file["findings"].as_array().unwrap().iter().find(|f| f["kind"] == "weakening").expect("a weakening");
    let waiver = format!(
        "[[waiver]]\ndocument = {}\nfinding = {}\nrule = {}\nsection = {}\njustification = {}\napproved_by = {}\n\
         approved_on = 2025-02-20\n",
        toml_str(HOSTILE_NAME),
        f["id"],
        f["rule"],
        f["section"],
        toml_str(JUSTIFICATION),
        toml_str(APPROVED_BY)
    );
    std::fs::write(d.join("mou-waivers.toml"), waiver).unwrap();
    dir
}

#[test]
fn no_input_text_becomes_a_workflow_command_or_a_terminal_escape() {
    let repo = hostile_repo();
    let d = repo.path();

    // The human report, with colours forced on so nothing is stripped on the way: only its own colours remain.
    let human = run(d, &["check"], true);
    human.code(2);
    assert_inert("human stdout", &human.stdout, OWN_COLOURS);
    assert_inert("human stderr", &human.stderr, &[]);
    // Everything hostile was printed, visibly escaped.
    for needle in [
        "  \\::warning file=README.md,line=1::from-a-path %0A\\u{1b}[2J\\u{7}\\r##\\[error]x.md:42:6: ",
        "\\u{1b}]0;PWNED-TITLE\\u{7}\\u{1b}[2J",
        // Line breaks in a waiver's fields fold to spaces, as all white space in the report's quoted text does.
        "waived by Dana ::add-mask::Whitfield ::warning file=a.md::approved %0A##\\[error]by\\u{1b}[31m on 2025-02-20: \
         Approved. ::stop-commands::token\\u{7} \\u{202e}::error::why %0A",
    ] {
        human.stdout_has(needle);
    }
    for needle in [
        "error: ihss.docx: word/doc\\n::warning file=README.md,line=1::INJECTED-FROM-DOCX\\n.xml ends before",
        "error: a.md: evil.toml:1:1: unknown field `zz\\n::warning file=README.md,line=1::INJECTED-FROM-PARTY-FILE\\n::add-mask::Harbor`",
        "error: gone\\n::add-mask::secret\\u{1b}]0;title\\u{7}.md: No such file or directory",
    ] {
        human.stderr_has(needle);
    }

    // GitHub annotations: only mou's own commands, every value escaped; stderr as inert as ever.
    let github = run(d, &["check", "--format", "github"], true);
    github.code(2);
    assert_only_own_commands(&github.stdout);
    assert_inert("github stderr", &github.stderr, &[]);
    assert_eq!(github.stdout.matches("::error file=").count(), 4, "{}", github.stdout);
    github.stdout_has("::notice file=  %3A%3Awarning file=README.md%2Cline=1%3A%3Afrom-a-path %250A\\u{1b}[2J");

    // JSON and SARIF keep the exact text, escaped as JSON allows: no raw control character, no `##[`.
    for format in ["json", "sarif"] {
        let out = run(d, &["check", "--format", format], true);
        out.code(2);
        assert!(!out.stdout.chars().any(|c| is_control(c) && c != '\n'), "{format}: raw control character");
        assert!(!out.stdout.contains("##["), "{format}: raw ##[");
        assert_inert(&format!("{format} stderr"), &out.stderr, &[]);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        if format == "json" {
            let file = v["files"].as_array().unwrap().iter().find(|f| f["path"] == HOSTILE_NAME).unwrap();
            let waived = file["findings"].as_array().unwrap().iter().find(|f| f["waived"].is_object()).unwrap();
            assert_eq!(waived["waived"]["by"], APPROVED_BY);
            assert_eq!(waived["waived"]["justification"], JUSTIFICATION);
            assert!(waived["edited_text"].as_str().unwrap().contains("\u{1b}]0;PWNED-TITLE\u{7}"));
        } else {
            let results = v["runs"][0]["results"].as_array().unwrap();
            let waived = results.iter().find(|r| r["suppressions"].is_array()).expect("a suppressed result");
            let text = waived["suppressions"][0]["justification"].as_str().unwrap();
            assert!(text.contains(APPROVED_BY) && text.contains(JUSTIFICATION), "{text}");
        }
    }
}

#[test]
fn gh_stderr_injection_docx_part_name_stays_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("official.md"), dir.path().join("official.md")).unwrap();
    std::fs::copy(fixture("gh-stderr-injection.docx"), dir.path().join("ihss.docx")).unwrap();
    for format in ["human", "github"] {
        let out = run(dir.path(), &["check", "--format", format, "--against", "official.md", "ihss.docx"], true);
        out.code(2);
        assert_inert("stderr", &out.stderr, &[]);
        // One error, printed once, naming the file once.
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert_eq!(out.stderr.matches("ihss.docx").count(), 1, "{}", out.stderr);
        out.stderr_has("error: ihss.docx: word/doc\\n::warning file=README.md,line=1::INJECTED-FROM-DOCX\\n.xml");
        if format == "github" {
            assert_only_own_commands(&out.stdout);
            assert_eq!(
                out.stdout,
                "::error file=ihss.docx,line=1,title=mou could not check the file::word/doc\\n::warning \
                 file=README.md,line=1::INJECTED-FROM-DOCX\\n.xml ends before its XML elements are closed; the file is \
                 damaged or truncated\n"
            );
        } else {
            assert_eq!(out.stdout, "", "the error is not repeated on standard output");
        }
    }
}

#[test]
fn gh_stderr_injection_party_key_stays_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.md", "evil.toml", "mou.toml", "p.toml"] {
        std::fs::copy(fixture("gh-stderr-injection-party").join(name), dir.path().join(name)).unwrap();
    }
    let out = run(dir.path(), &["check", "--format", "github"], true);
    out.code(2);
    assert_only_own_commands(&out.stdout);
    assert_inert("stderr", &out.stderr, &[]);
    out.stderr_has("error: a.md: evil.toml:1:1: unknown field `zz\\n::warning file=README.md,line=1::INJECTED-FROM-PARTY-FILE\\n::add-mask::Harbor`");
    // The annotation stands on the party file, at the key's line.
    out.stdout_has("::error file=evil.toml,line=1,col=1,title=mou could not check the file::a.md could not be checked: unknown field `zz\\n::warning");
}

#[test]
fn terminal_escape_edited_reaches_no_terminal_and_no_redline_raw() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("official.md"), dir.path().join("official.md")).unwrap();
    std::fs::copy(fixture("terminal-escape-edited.md"), dir.path().join("edited.md")).unwrap();
    let out = run(dir.path(), &["check", "--against", "official.md", "edited.md"], true);
    out.code(1);
    assert_inert("human stdout", &out.stdout, OWN_COLOURS);
    out.stdout_has("\\u{1b}]0;PWNED-TITLE\\u{7}\\u{1b}[2J\\u{1b}[31mRED\\u{1b}[0m ::error file=x.md");

    // The Markdown redline writes each such character as a visible character reference, and reads back exactly.
    let out = run(dir.path(), &["redline", "edited.md", "--against", "official.md", "-o", "r.md"], true);
    out.code(0);
    assert_inert("redline stderr", &out.stderr, &[]);
    let md = std::fs::read_to_string(dir.path().join("r.md")).unwrap();
    assert!(!md.chars().any(|c| is_control(c) && c != '\n'), "raw control character in the redline");
    assert!(md.contains("&#x1B;\\]0;PWNED-TITLE&#x7;&#x1B;\\[2J"), "{md}");
    let accepted = mou::redline::critic::accept(&md);
    assert!(accepted.contains("MCP \u{1b}]0;PWNED-TITLE\u{7}\u{1b}[2J\u{1b}[31mRED\u{1b}[0m ::error"), "{accepted}");
}

#[test]
fn usage_errors_quote_arguments_safely() {
    let dir = tempfile::tempdir().unwrap();
    // A file name from a shell glob, and a bad option value, both quoted by the error.
    let out = run(dir.path(), &["check", "--format", "x\n::add-mask::y\u{1b}[2J"], true);
    out.code(2);
    assert_inert("clap error", &out.stderr, &[]);
    out.stderr_has("x\\n::add-mask::y\\u{1b}[2J");
    let out = run(dir.path(), &["redline", "e.md", "--date", "\n::warning::d\u{7}"], true);
    out.code(2);
    assert_inert("date error", &out.stderr, &[]);
    out.stderr_has("--date \\n::warning::d\\u{7}: expected a date");
}

#[cfg(target_os = "linux")]
#[test]
fn an_error_is_printed_once_naming_the_file_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("official.md"), dir.path().join("official.md")).unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    // The error that ends the run: the operating system's reason is not repeated after itself.
    let out = run(dir.path(), &["check", "--against", "folder", "official.md"], false);
    out.code(2);
    assert_eq!(
        out.stderr,
        "error: folder: this is a folder, not a regular file\n  \
         help: mou reads only regular files, so that a pipe or a device cannot stall or flood a run\n"
    );
    assert_eq!(out.stdout, "");
    // A file that could not be checked among others: on standard error only, its name once.
    let out = run(dir.path(), &["check", "--against", "official.md", "folder", "official.md"], false);
    out.code(2);
    assert_eq!(
        out.stderr,
        "error: folder: this is a folder, not a regular file\n  \
         help: mou reads only regular files, so that a pipe or a device cannot stall or flood a run\n"
    );
    assert!(!out.stdout.contains("error"), "{}", out.stdout);
    out.stdout_has("2 files: 1 attestable, 0 redline required, 0 weaken required provisions, 1 could not be checked");
}
