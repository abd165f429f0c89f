//! Hostile input: the files in `fixtures/hostile/`, each of which once made `mou check` panic or take far more
//! memory or time than its size warrants, and large inputs generated here. Each test asserts what `mou` must do
//! (exit code, report, a one-line input error naming a limit), never how long it takes.

use crate::support::{project_dir, Run, Test};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    project_dir().join("fixtures/hostile").join(name)
}

/// `mou check` with these arguments in the fixtures folder.
fn check_in(dir: &str, args: &[&str]) -> Run {
    let out =
        crate::support::mou().arg("check").args(args).current_dir(fixture(dir)).env("NO_COLOR", "1").output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A report, not a crash: exit code 1, the file's verdict and the rule that found the weakening.
#[track_caller]
fn weakening_reported(run: &Run, file: &str, rule: &str) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.code(1).stdout_has(&format!("{file}: weakens required provisions")).stdout_has(&format!("[{rule}]"));
}

#[test]
fn a_multibyte_space_before_a_zero_width_character_is_reported_not_a_panic() {
    let dir = "panic-hidden-nbsp-zwsp";
    for edited in ["edited.md", "edited.docx", "alone.md"] {
        let run = check_in(dir, &["--against", "official.md", edited]);
        weakening_reported(&run, edited, "hidden-zero-width");
        // The word around the zero-width character is cut at the non-breaking space before it.
        assert!(run.stdout.contains("edited:   x\u{200b}y"), "{}", run.stdout);
    }
}

#[test]
fn a_deleted_word_with_a_non_ascii_letter_is_reported_not_a_panic() {
    let dir = "panic-scope-jose";
    let run = check_in(dir, &["--against", "official.md", "edited.md"]);
    weakening_reported(&run, "edited.md", "scope-limited");
    // The same text as a Word file, and with the two sides swapped.
    let edited = std::fs::read_to_string(fixture(dir).join("edited.md")).unwrap();
    let t = Test::new()
        .file("official.md", std::fs::read(fixture(dir).join("official.md")).unwrap())
        .file("edited.docx", mou::word::draft_docx(&edited, &mou::word::DocProps::from_markdown(&edited)));
    weakening_reported(
        &t.run_args(&["check", "--against", "official.md", "edited.docx"]),
        "edited.docx",
        "scope-limited",
    );
    let run = check_in(dir, &["--against", "edited.md", "official.md"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
}
