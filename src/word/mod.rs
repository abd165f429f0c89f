//! Everything Word (`.docx`): reading a Word file into a [`Document`](crate::document::Document), writing a draft
//! MOU and a redline as Word files, and the package both sides share.
//!
//! - **Reading** ([`parse`]): `mou check` reads Word files that come from other parties, so they are opened
//!   through one bounded reader ([`Package`], within [`Limits`]) and read as a reader sees them, tracked changes
//!   accepted and hidden text set apart.
//! - **Writing** ([`draft_docx`], [`redline_docx`]): the OOXML is written by hand, as strings, into a zip. The
//!   parts are few and fixed, and writing them directly keeps the output byte-for-byte deterministic (fixed entry
//!   order, 1980-01-01 entry dates, no clock time in any part, revision and comment ids assigned in document
//!   order). All text passes through one escaping function that drops the characters XML 1.0 forbids, so no input
//!   can make an invalid file.
//! - **Rewriting** ([`Package::rewrite`]): a new package from an existing one, with some parts replaced and every
//!   other entry copied byte for byte, for changing a file someone else made without disturbing the rest of it.
//!
//! One concern per file:
//!
//! - `limits`, `package`: the bounded package reader, the deterministic zip writer, and rewriting;
//! - `xml`, `tag`: the XML event walk (with its depth limit) and the escaping writers use; the element names;
//! - `styles`, `run_props`, `numbering`: styles, the run formatting that hides text, list labels;
//! - `body`, `read`: the body read into lines, and the whole file into a document with its notes;
//! - `elements`, `properties`, `parts`, `theme`: the markup, properties and fixed parts the writers emit;
//! - `draft`, `redline`: the two writers.

mod body;
mod custom;
mod draft;
mod elements;
mod fill;
mod limits;
mod numbering;
mod package;
mod parts;
mod properties;
mod read;
mod redline;
mod run_props;
mod spans;
mod styles;
mod tag;
mod theme;
mod xml;

#[cfg(test)]
mod testing;

pub use custom::{front_matter, properties as custom_properties};
pub use draft::DocProps;
pub use fill::{fill_ins_outside_body, Change, Filler};
pub use limits::{Limits, LIMITS};
pub use package::{is_encrypted_package, Package};
pub use read::{parse, parse_with_limits};
pub use redline::{iso_datetime, TEXT_BOOKMARK};

use crate::redline::Redline;

/// A draft MOU (the Markdown `mou build` writes, front matter included) as an editable Word document.
///
/// The `#` heading takes the Title style, `##` and `###` Heading 1 and Heading 2; clause numbers stay in the
/// text as written; list items are a Word bulleted (or numbered) list, except items that carry their own label
/// such as "(a)", which are indented paragraphs; bold and italic come from Markdown emphasis; the signature blocks
/// after `## Signatures` are a table with one row per signatory. The front matter is kept as custom document
/// properties (`mou.generator`, `mou.templates`, `mou.party_file`, `mou.party_sha256`). The same input gives the
/// same bytes.
#[must_use]
pub fn draft_docx(markdown: &str, props: &DocProps) -> Vec<u8> {
    draft::write(markdown, props)
}

/// A redline as a Word document with tracked changes by `author` dated `date` (`YYYY-MM-DD`, or a full ISO 8601
/// date-time; see [`iso_datetime`]).
///
/// A plain cover comes first: provenance and a table of the findings that are not cosmetic. The text follows
/// from a new page (at the bookmark [`TEXT_BOOKMARK`]), one paragraph per block in its style, inserted text as
/// `w:ins`, deleted text as `w:del`, and each finding attached to a segment as a comment on it. The same redline
/// gives the same bytes.
#[must_use]
pub fn redline_docx(redline: &Redline, author: &str, date: &str) -> Vec<u8> {
    redline::write(redline, author, date)
}
