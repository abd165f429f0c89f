//! Everything `mou` writes to standard error: errors, warnings, notes, and what it wrote. Messages quote input
//! (file names, TOML keys, part names of a Word file), and standard error reaches a terminal or a CI log, so every
//! line goes through `mou::sanitize` here, and nowhere else is `eprintln!` used.

use mou::sanitize;
use std::fmt::Display;
use std::io::Write;

/// Writes one line, `kind: message`. The whole message counts as input: a line break in it is escaped, not kept.
pub fn line(kind: &str, message: impl Display) {
    let text = message.to_string();
    say(&format!("{kind}: {}", sanitize::inline(&text)));
}

/// `wrote FILE...`: what a command wrote, after the file it names.
pub fn wrote(message: impl Display) {
    say(&format!("wrote {}", sanitize::inline(&message.to_string())));
}

/// A warning.
pub fn warning(message: impl Display) {
    line("warning", message);
}

/// A note.
pub fn note(message: impl Display) {
    line("note", message);
}

/// An error of `mou`'s own making whose line breaks (before `help:`) are `mou`'s: the library's errors have
/// already escaped the input they quote, so only what is left (and any line a workflow command could start) is
/// made safe here.
pub fn error(message: impl Display) {
    block("error", message);
}

/// `kind: message`, where the message's line breaks are `mou`'s and the input it quotes is already escaped (as
/// [`error`] says).
pub fn block(kind: &str, message: impl Display) {
    say(&format!("{kind}: {message}"));
}

/// The error that ends the run, printed once: its message, then each underlying cause that the message does not
/// already state (an I/O error names its cause in its own message).
pub fn fatal(err: &anyhow::Error) {
    let mut text = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    error(text);
}

fn say(text: &str) {
    let safe = sanitize::lines(text);
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{safe}");
}
