//! The limits on what a document may hold, whatever its format. The files `mou check` reads come from other
//! parties and from anyone who can open a pull request, so what they can make `mou` hold in memory is bounded in
//! proportion to the text they hold, and text no real MOU has is refused with a message that names the limit.

use super::Document;
use crate::error::{InputError, Position};

/// The most text a document may hold: a Markdown file's bytes, or the text of a Word file's body. A 150,000-word
/// MOU, far longer than any template, is about 1 MiB of Markdown; the limit leaves eight times that.
pub const MAX_TEXT_BYTES: usize = 8 << 20;

/// The most text one paragraph (a heading, list item or table row) may hold. A long clause of a real MOU is a few
/// thousand bytes; the limit is about ten thousand words in one paragraph. Every paragraph's words are compared
/// with another's, so the memory and time of that comparison are bounded by this rather than by the file's size.
pub const MAX_PARAGRAPH_BYTES: usize = 64 << 10;

/// The most characters a Word list label's pattern (`w:lvlText`, such as `%1.%2` or `Article %1.`) may hold.
/// Word computes a numbered paragraph's label from it, so a long pattern would be repeated in every paragraph.
pub const MAX_LABEL_CHARS: usize = 64;

/// The start of a text, at most [`MAX_PARAGRAPH_BYTES`] long and cut on a character boundary: hidden text (an
/// HTML comment, struck-out text) is kept to report it, and a reader needs no more of it than of a paragraph.
#[must_use]
pub fn clip(text: &str) -> &str {
    let mut end = text.len().min(MAX_PARAGRAPH_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How a limit is named in messages: "64 KiB", "8 MiB".
#[must_use]
pub fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

/// The error for a text longer than [`MAX_TEXT_BYTES`]; `what` names it ("the file", "the text of the Word
/// file").
#[must_use]
pub fn text_too_long(what: &str) -> InputError {
    InputError::new(format!(
        "{what} holds more than {} of text, the most mou reads in one document (a 150,000-word MOU is about 1 MiB)",
        size(MAX_TEXT_BYTES)
    ))
    .help("check that this is the file you meant, or split the document")
}

/// The error for a paragraph longer than [`MAX_PARAGRAPH_BYTES`], at `line` of the document's text (for a Word
/// file, the paragraph's number in the body).
#[must_use]
pub fn paragraph_too_long(line: usize) -> InputError {
    let mut e = InputError::new(format!(
        "the paragraph that starts here is longer than {}, the most mou reads in one paragraph",
        size(MAX_PARAGRAPH_BYTES)
    ))
    .help("separate its paragraphs with blank lines (in Markdown) or paragraph breaks (in Word)");
    e.position = Some(Position { line, column: 1 });
    e
}

/// Checks that every block of a document read from its source holds no more than [`MAX_PARAGRAPH_BYTES`].
///
/// # Errors
/// A block is longer, named by its line.
pub fn check(doc: &Document) -> Result<(), InputError> {
    match doc.blocks.iter().find(|b| b.text.len() > MAX_PARAGRAPH_BYTES) {
        Some(b) => Err(paragraph_too_long(doc.position(b.source_offset(0)).line)),
        None => Ok(()),
    }
}
