//! Input text on its way to a terminal or a CI log. `mou check` runs in CI on files from another party and from
//! anyone who can open a pull request, so every piece of input text it prints is hostile until made safe here:
//!
//! - A control character (C0, DEL, C1: ESC, BEL, CSI, ...) could drive the terminal that shows the report: move
//!   the cursor, retitle the window, hide what follows.
//! - A line break (CR, LF, NEL, U+2028, U+2029) in a value could start a line of its own, and the GitHub Actions
//!   runner reads every line of stdout and stderr alike: a line that starts, after white space, with `::` is a
//!   workflow command (`::warning file=...::`, `::add-mask::`, `::stop-commands::`), and `##[` anywhere in a line
//!   is the runner's older command syntax.
//! - A bidirectional control (U+202E and its kin) makes text display in another order than it reads.
//!
//! This module is the one place that decides what is unsafe and how it is shown: visibly, as an escape such as
//! `\n` or `\u{1b}`, so a reviewer sees that the input held it. The library never prints; the writers of the
//! text formats (human, GitHub) and the binary, for everything it writes to stderr, route input text through
//! [`inline`] (a value placed inside a line) or [`lines`] (a whole message whose own line breaks are kept), and
//! [`guard`] checks the lines of a finished text report. The data formats (JSON, SARIF) keep the exact text,
//! escaped as JSON allows, through [`json`].

use std::borrow::Cow;
use std::fmt::{self, Write};

/// Whether `c` must not reach a terminal or a CI log as it is: a C0 or C1 control character or DEL (tab and line
/// feed included), a line or paragraph separator, or a bidirectional control.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

/// Whether `c` is a bidirectional formatting character: the marks (ALM, LRM, RLM), embeddings and overrides
/// (U+202A to U+202E) and isolates (U+2066 to U+2069).
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The visible form of an unsafe character: `\n`, `\r`, `\t`, or `\u{1b}` for the others.
fn write_escaped(out: &mut impl Write, c: char) -> fmt::Result {
    match c {
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\t' => out.write_str("\\t"),
        _ => write!(out, "\\u{{{:x}}}", u32::from(c)),
    }
}

/// The runner's older command syntax, `##[command]`, is recognised anywhere in a line.
const OLD_COMMAND: &str = "##[";

/// Writes `s`, writing each character `escape` selects through `write_char`, and `broken` for each `##[`.
fn rewrite<W: Write>(
    out: &mut W,
    s: &str,
    escape: impl Fn(char) -> bool,
    write_char: impl Fn(&mut W, char) -> fmt::Result,
    broken: &str,
) -> fmt::Result {
    let mut rest = s;
    while let Some(i) = rest.find(|c: char| escape(c) || c == '#') {
        out.write_str(&rest[..i])?;
        let c = rest[i..].chars().next().unwrap_or_default();
        if rest[i..].starts_with(OLD_COMMAND) {
            out.write_str(broken)?;
            rest = &rest[i + OLD_COMMAND.len()..];
        } else {
            if c == '#' {
                out.write_char(c)?;
            } else {
                write_char(out, c)?;
            }
            rest = &rest[i + c.len_utf8()..];
        }
    }
    out.write_str(rest)
}

/// Writes `s` with every unsafe character escaped and every `##[` broken as `##\[`. `keep_newlines` keeps line
/// feeds as they are (the caller guards the lines).
fn write_inline(out: &mut impl Write, s: &str, keep_newlines: bool) -> fmt::Result {
    rewrite(out, s, |c| is_unsafe(c) && !(keep_newlines && c == '\n'), write_escaped, "##\\[")
}

/// Whether `s` needs no change to be placed inside a line.
fn is_inline_safe(s: &str) -> bool {
    !s.chars().any(is_unsafe) && !s.contains(OLD_COMMAND)
}

/// Input text made safe to stand inside one line of terminal or CI-log output: every control character, line
/// break and bidirectional control is written as a visible escape (`\n`, `\u{1b}`), and the runner's old command
/// marker `##[` is broken (`##\[`). Text that needs none of this is borrowed as it is.
///
/// A value placed at the very start of a line could still begin with `::`; [`guard`] (or [`lines`]) checks the
/// finished lines for that.
#[must_use]
pub fn inline(s: &str) -> Cow<'_, str> {
    if is_inline_safe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let _ = write_inline(&mut out, s, false);
    Cow::Owned(out)
}

/// [`inline`] as a `Display` adapter, for `format!` and `write!` without an intermediate string:
/// `format!("{}: {}", Inline(&path), message)`.
#[derive(Debug, Clone, Copy)]
pub struct Inline<'a>(pub &'a str);

impl fmt::Display for Inline<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_inline(f, self.0, false)
    }
}

/// A message of one or more lines for a terminal or CI log: its line feeds stay line breaks, every other unsafe
/// character is escaped as [`inline`] does, and each line is then [`guard`]ed. For text whose own line breaks are
/// `mou`'s (an error and its `help:` line); input text inside it should already have gone through [`inline`], so
/// that a line break it carried cannot start a line.
#[must_use]
pub fn lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return guard(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let _ = write_inline(&mut out, s, true);
    Cow::Owned(guard(&out).into_owned())
}

/// Whether a line would be read by the GitHub Actions runner as a workflow command: it starts with `::` after
/// white space, or carries `##[` anywhere.
#[must_use]
pub fn is_workflow_command(line: &str) -> bool {
    line.trim_start().starts_with("::") || line.contains(OLD_COMMAND)
}

/// Every line of a finished text report or message made inert for the GitHub Actions runner: a line whose first
/// non-blank characters are `::` gets a backslash before them, and every `##[` becomes `##\[`. Nothing else changes
/// (a human report keeps its colours). Lines end at LF or CR, as the runner reads them. Only the `github` format,
/// which writes workflow commands on purpose, skips this; its values go through [`inline`] and its own escaping
/// instead.
#[must_use]
pub fn guard(text: &str) -> Cow<'_, str> {
    let runner_lines = || text.split(['\n', '\r']);
    if !runner_lines().any(is_workflow_command) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive(['\n', '\r']) {
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        if body.starts_with("::") {
            out.push('\\');
        }
        out.push_str(&body.replace(OLD_COMMAND, "##\\["));
    }
    Cow::Owned(out)
}

/// JSON text (as `serde_json` writes it) with nothing a terminal or the runner would act on: the characters
/// `serde_json` leaves as they are (DEL, C1 controls, U+2028, U+2029, bidirectional controls) and the `[` of every
/// `##[` are written as `\uXXXX` escapes. Such characters can only stand inside JSON strings, so the document means
/// exactly what it meant: a reader gets the input text back unchanged.
#[must_use]
pub fn json(text: &str) -> Cow<'_, str> {
    // serde_json escapes the C0 controls inside strings; outside them it writes only these three.
    let escape = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r');
    if !text.chars().any(escape) && !text.contains(OLD_COMMAND) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    // Every unsafe character is in the Basic Multilingual Plane: one escape each.
    let _ = rewrite(&mut out, text, escape, |o, c| write!(o, "\\u{:04x}", u32::from(c)), "##\\u005b");
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\nb\r\u{1b}[31m\u{7}\u{7f}\u{85}\u{9b}\u{2028}\u{2029}\u{202e}\t##[x] %0A ::warning";

    #[test]
    fn inline_leaves_no_unsafe_character_and_shows_each_one() {
        let out = inline(HOSTILE);
        assert!(!out.chars().any(is_unsafe), "{out}");
        assert_eq!(
            out,
            "a\\nb\\r\\u{1b}[31m\\u{7}\\u{7f}\\u{85}\\u{9b}\\u{2028}\\u{2029}\\u{202e}\\t##\\[x] %0A ::warning"
        );
        assert_eq!(Inline(HOSTILE).to_string(), out);
        // Escaping twice changes nothing more, so a message that passes two writers is not mangled.
        assert_eq!(inline(&out), out);
        assert!(matches!(inline("plain text, café #1 [a]"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_keep_their_breaks_and_no_line_becomes_a_command() {
        let out = lines("error: x.md: bad\u{1b}]0;t\u{7}\n  help: ::add-mask::y\n::warning::z ##[group]w");
        assert_eq!(out, "error: x.md: bad\\u{1b}]0;t\\u{7}\n  help: ::add-mask::y\n\\::warning::z ##\\[group]w");
        assert!(!out.split('\n').any(is_workflow_command));
    }

    #[test]
    fn guard_changes_only_command_lines() {
        let report = "\u{1b}[1;31mweakening\u{1b}[0m\n \t::error::x\nfine :: here\n";
        assert_eq!(guard(report), "\u{1b}[1;31mweakening\u{1b}[0m\n \t\\::error::x\nfine :: here\n");
        assert!(matches!(guard("no commands\nhere\n"), Cow::Borrowed(_)));
        // The runner ends a line at CR too.
        assert_eq!(guard("x\r::add-mask::y\r\n"), "x\r\\::add-mask::y\r\n");
        // The runner trims Unicode white space, not only ASCII.
        assert!(is_workflow_command("\u{3000}::warning::x"));
    }

    #[test]
    fn json_escapes_decode_to_the_same_text() {
        let text = serde_json::to_string(&serde_json::json!({ "t": HOSTILE })).unwrap();
        let safe = json(&text);
        assert!(!safe.chars().any(is_unsafe) && !safe.contains("##["), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], HOSTILE);
    }
}
