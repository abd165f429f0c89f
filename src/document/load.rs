//! Reading a document file of any supported format (Markdown or Word `.docx`) into the document model, within
//! documented size limits.

use super::source::Bytes;
use super::{markdown, Document};
use crate::error::{InputError, Result};
use crate::paths::Root;
use crate::word;
use std::path::Path;

pub use crate::files::MAX_INPUT_BYTES;

/// Reads a document file: a Word file (`.docx`, or any file that is a zip package) or Markdown (`.md`,
/// `.markdown`, `.txt`, or any other text file).
///
/// # Errors
/// The file cannot be read, is too large, is a format `mou` does not read, is a Word file that cannot be read
/// safely (see [`word::parse`]), or is not UTF-8 text.
pub fn load(path: &Path) -> Result<Document> {
    load_like(path, None, None)
}

/// Reads a document file as [`load`] does. `within` confines a path that came from inside another file (a
/// `mou.toml` entry) to its root, and is `None` for a path the user named (see [`crate::paths`]). A Markdown file
/// that is mostly the same as `like` (an edited MOU and the template it is checked against) takes the blocks of
/// the text the two share from `like`.
///
/// # Errors
/// As [`load`], or the path leaves `within`.
pub fn load_like(path: &Path, within: Option<&Root>, like: Option<&Document>) -> Result<Document> {
    let bytes = Bytes::read(path, within, MAX_INPUT_BYTES)?;
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let name = path.display().to_string();
    let zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
    let compound = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    // Word saves a password-protected .docx as an encrypted compound file, whatever its name.
    if matches!(ext.as_str(), "docx" | "docm" | "dotx" | "dotm") || zip || word::is_encrypted_package(&bytes) {
        let mut doc = word::parse(&name, &bytes).map_err(|e| e.in_file(path))?;
        // A Word draft from `mou build` records its baseline as custom properties, as a Markdown draft does in its
        // front matter.
        doc.front_matter = word::front_matter(&bytes);
        return Ok(doc);
    }
    if ext == "doc" || compound {
        return Err(InputError::new("this is a legacy Word .doc file, which mou cannot read")
            .in_file(path)
            .help("open it in Word or LibreOffice and save it as .docx or Markdown")
            .into());
    }
    from_raw(&name, bytes, like).map_err(|e| e.in_file(path).into())
}

/// Parses Markdown bytes, which must be UTF-8.
///
/// # Errors
/// The bytes are not UTF-8 text.
pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
    from_raw(name, Bytes::Read(bytes.to_vec()), None)
}

/// Parses Markdown bytes, which must be UTF-8, keeping them as the document's source without a copy.
fn from_raw(name: &str, bytes: Bytes, like: Option<&Document>) -> Result<Document, InputError> {
    match bytes.into_source() {
        Ok(text) => {
            if text.len() > super::MAX_TEXT_BYTES {
                return Err(super::limits::text_too_long("the file"));
            }
            if let Some(at) = memchr::memchr(0, text.as_bytes()) {
                return Err(InputError::new("the file contains NUL bytes: it is not a text document")
                    .at_offset(&text, at)
                    .help("check that this is a Markdown file; Word files must be .docx"));
            }
            let doc = markdown::parse_source(name, text, like);
            super::limits::check(&doc)?;
            Ok(doc)
        }
        Err((e, bytes)) => Err(crate::error::not_utf8("the file", &bytes, e)),
    }
}
