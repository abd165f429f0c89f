//! Every `--help` (and `-h`) reads well at the common terminal widths: clap wraps the text to the width, so no line
//! may be a single word that wrapping pushed onto a line of its own.

use crate::support::mou;

const COMMANDS: &[&[&str]] = &[&[], &["list"], &["init"], &["build"], &["check"], &["redline"], &["attest"]];

/// A line that holds one word and continues the line before it: what is left when wrapping breaks a sentence
/// just before its last word. Option and argument lines (`--strict`, `[PATH]...`) and headings stand alone by
/// design.
fn lone_word(previous: &str, line: &str) -> bool {
    let word = line.trim();
    !previous.trim().is_empty()
        && !word.is_empty()
        && !word.contains(char::is_whitespace)
        && !word.starts_with(['-', '[', '<'])
        && !word.ends_with(':')
}

#[test]
fn no_help_line_is_a_word_left_alone_by_wrapping() {
    // 100 is also the width clap uses when the output is not a terminal.
    for width in [80, 100, 120] {
        for command in COMMANDS {
            for flag in ["-h", "--help"] {
                let out = mou().args(*command).arg(flag).env("COLUMNS", width.to_string()).output().unwrap();
                assert!(out.status.success(), "{command:?} {flag}");
                let text = String::from_utf8(out.stdout).unwrap();
                let lines: Vec<&str> = text.lines().collect();
                for pair in lines.windows(2) {
                    assert!(
                        !lone_word(pair[0], pair[1]),
                        "mou {} {flag} at {width} columns leaves {:?} alone after {:?}",
                        command.join(" "),
                        pair[1],
                        pair[0]
                    );
                }
                for line in &lines {
                    assert!(line.chars().count() <= width, "wider than {width}: {line:?}");
                }
            }
        }
    }
}
