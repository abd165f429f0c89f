//! Word (`.docx`) writers: a draft MOU as an editable document (`mou build --format docx`), and a redline as a
//! document with real tracked changes and comments (`mou redline -o FILE.docx`).
//!
//! The OOXML is written by hand, as strings, into a zip: the parts are few and fixed, and writing them directly
//! keeps the output byte-for-byte deterministic (fixed entry order, 1980-01-01 entry dates, no clock time in any
//! part, revision and comment ids assigned in document order). All text passes through one escaping function that
//! drops the characters XML 1.0 forbids, so no input can make an invalid file.
//!
//! - [`draft_docx`]: Markdown (front matter included) in, `.docx` bytes out.
//! - [`redline_docx`]: a [`Redline`] in, `.docx` bytes out; accepting every change gives
//!   [`Redline::accepted`], rejecting every change gives [`Redline::rejected`].

mod draft;
mod package;
mod redline;
mod xml;

pub use redline::{iso_datetime, TEXT_BOOKMARK};

use crate::frontmatter::FrontMatter;
use crate::redline::Redline;

/// Document properties of a draft (`docProps/core.xml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocProps {
    /// The title (`dc:title`).
    pub title: String,
    /// The subject (`dc:subject`).
    pub subject: String,
    /// The parties, as keywords (`cp:keywords`).
    pub parties: Vec<String>,
    /// A description (`dc:description`); when empty, one is made from the draft's front matter.
    pub description: String,
}

impl DocProps {
    /// Properties read from a draft: the title from its `#` heading, the parties from its signature blocks, the
    /// parties also as the subject.
    #[must_use]
    pub fn from_markdown(markdown: &str) -> DocProps {
        let body = FrontMatter::parse(markdown).map_or(markdown, |(_, len)| &markdown[len..]);
        let parties = draft::signatories(body);
        DocProps {
            title: draft::title(body).unwrap_or_else(|| "Memorandum of Understanding".to_string()),
            subject: parties.join("; "),
            parties,
            description: String::new(),
        }
    }

    fn keywords(&self) -> String {
        keywords(&self.parties)
    }
}

fn keywords(parties: &[String]) -> String {
    let mut k: Vec<&str> = parties.iter().map(String::as_str).collect();
    k.extend(["Medi-Cal", "MOU", "APL 23-029"]);
    k.join("; ")
}

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
