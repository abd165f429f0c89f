//! Errors the library reports. Every input error names the file, the line and column where it can, what was
//! expected, and a suggestion, because the people who read them fix contracts, not code.

use crate::sanitize::Inline;
use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input file, 1-based, as editors count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`. An offset past the end points just after the last character.
    #[must_use]
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let mut start = offset;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// The line starts of a text, so that the positions of many offsets (one per entry of a long `mou.toml` or waivers
/// file) are found without scanning the text from its start each time.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        Lines { text, starts }
    }

    /// The position of byte `offset`, as [`Position::of_offset`] finds it.
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        Position { line, column: self.text[start..end].chars().count() + 1 }
    }
}

/// A problem with something the user gave `mou`: a party file, a template, a document or an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file at fault, when there is one.
    pub path: Option<PathBuf>,
    /// Where in that file, when known.
    pub position: Option<Position>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl InputError {
    /// An error with a message only.
    pub fn new(message: impl Into<String>) -> Self {
        InputError { path: None, position: None, message: message.into(), help: None }
    }

    /// Names the file at fault.
    #[must_use]
    pub fn in_file(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    /// Places the error at a byte offset of the file's text.
    #[must_use]
    pub fn at_offset(mut self, text: &str, offset: usize) -> Self {
        self.position = Some(Position::of_offset(text, offset));
        self
    }

    /// Adds a suggestion.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The error as `mou` prints it: `file:line:column: message`, then `  help: ...` on a line of its own. The file
/// name, the message and the help often quote input (a TOML key, a part name from a Word file), so each goes
/// through [`crate::sanitize`]: the only line break in the result is the one before `help:`.
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.position) {
            (Some(p), Some(pos)) => write!(f, "{}:{}:{}: ", Inline(&p.to_string_lossy()), pos.line, pos.column)?,
            (Some(p), None) => write!(f, "{}: ", Inline(&p.to_string_lossy()))?,
            (None, Some(pos)) => write!(f, "line {}, column {}: ", pos.line, pos.column)?,
            (None, None) => {}
        }
        write!(f, "{}", Inline(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", Inline(help))?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: a party file, template or document that cannot be used as it is.
    #[error("{0}")]
    Input(InputError),
    /// A file could not be read or written.
    #[error("{}: {source}", Inline(&path.to_string_lossy()))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e)
    }
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), source }
    }

    /// The error as an input error, which can be cloned and taken apart for a report: an I/O error names its file
    /// and says what the operating system said.
    #[must_use]
    pub fn to_input_error(&self) -> InputError {
        match self {
            Error::Input(e) => e.clone(),
            Error::Io { path, source } => InputError::new(source.to_string()).in_file(path),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The error for `bytes` that are not UTF-8 (`e` says where): `what` they are, and the line and column of the
/// first bad byte.
#[must_use]
pub fn not_utf8(what: &str, bytes: &[u8], e: std::str::Utf8Error) -> InputError {
    let valid = e.valid_up_to();
    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    InputError::new(format!("{what} is not valid UTF-8 text"))
        .at_offset(prefix, valid)
        .help("save the file as UTF-8 (most editors offer this under Save As or Encoding)")
}

/// Help for the kinds of TOML error a file of one shape can have.
#[derive(Debug, Clone, Copy)]
pub struct TomlHelp {
    /// For a required key that is missing.
    pub missing: &'static str,
    /// For a value of the wrong type.
    pub wrong_type: &'static str,
    /// For anything else, such as a syntax error.
    pub other: &'static str,
}

/// A TOML or serde error as an input error: the file, line and column, and a suggestion. An unknown key gets the
/// closest allowed key ("did you mean `liaison`?"), or the list of allowed keys.
#[must_use]
pub fn toml_error(e: &toml::de::Error, text: &str, path: &Path, help: TomlHelp) -> InputError {
    let message = e.message().trim().to_string();
    let mut err = InputError::new(message.clone()).in_file(path);
    if let Some(span) = e.span() {
        err = err.at_offset(text, span.start);
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        err = match did_you_mean(field, expected.iter().copied()) {
            Some(best) => err.help(format!("did you mean `{best}`?")),
            None if !expected.is_empty() => err.help(format!("allowed here: {}", expected.join(", "))),
            None => err,
        };
    } else if message.starts_with("missing field") {
        err = err.help(help.missing);
    } else if message.starts_with("invalid type") {
        err = err.help(help.wrong_type);
    } else if err.help.is_none() {
        err = err.help(help.other);
    }
    err
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
#[must_use]
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::of_offset(text, 3), Position { line: 2, column: 1 });
        // 'é' is two bytes: the offset after it is column 4.
        assert_eq!(Position::of_offset(text, 7), Position { line: 2, column: 4 });
        assert_eq!(Position::of_offset(text, 99), Position { line: 3, column: 2 });
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 1 {
            assert_eq!(lines.position(offset), Position::of_offset(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn suggestions_find_typos_only() {
        assert_eq!(did_you_mean("liason", ["liaison", "legal_name"]), Some("liaison"));
        assert_eq!(did_you_mean("zzz", ["liaison", "legal_name"]), None);
    }
}
