//! An official template file read for importing and filling: its bytes (kept, since the draft is built from
//! them), the document `mou check` reads from it, and what to do to each block, found with the rules
//! `mou check --against` reads an official text by ([`placeholders::plan`]).

use crate::document::placeholders::{self, Edit, Scan};
use crate::document::{self, Document, Format};
use crate::error::{InputError, Position, Result};
use crate::hash::sha256_hex;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// A fill-in of an official text that ends up in the parties' text: not inside a note, nor in a block that goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillIn {
    /// The block it is in.
    pub block: usize,
    /// Its byte range in the block's text, brackets included.
    pub range: Range<usize>,
    /// The text between its brackets, spaces collapsed ("MCP Name").
    pub label: String,
    /// Where it is in the official file: line and column (for a Word file, paragraph and column).
    pub at: Position,
    /// The optional provision it is part of, if any: it needs a value only when the provision is kept.
    pub optional: Option<Arc<str>>,
}

/// An official template file, read.
#[derive(Debug, Clone)]
pub struct Official {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes.
    pub sha256: String,
    /// The document as `mou check` reads it.
    pub doc: Document,
    /// What to do to each block of `doc`.
    pub edits: Vec<Edit>,
    /// The fill-ins, drafting notes and optional provisions found.
    pub scan: Scan,
    /// The fill-ins that take values, in document order.
    pub fill_ins: Vec<FillIn>,
}

impl Official {
    /// Reads an official file: Word (`.docx`, or any zip package) or Markdown.
    ///
    /// `within` is the root the path must stay inside when another file named it, `None` when the user did (see
    /// [`crate::paths`]).
    ///
    /// # Errors
    /// The file cannot be read, is too large, is not a regular file inside `within`, or is not a readable Word or
    /// Markdown file.
    pub fn read(path: &Path, within: Option<&crate::paths::Root>) -> Result<Official> {
        let bytes = crate::files::read(path, within, document::MAX_INPUT_BYTES)?;
        Self::from_bytes(&path.display().to_string(), bytes).map_err(|e| e.in_file(path).into())
    }

    /// An official file's bytes; `name` names it in messages.
    ///
    /// # Errors
    /// The bytes are not a readable Word package or UTF-8 Markdown.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Official, InputError> {
        let doc = if is_word(name, &bytes) {
            crate::word::parse(name, &bytes)?
        } else {
            let text = std::str::from_utf8(&bytes).map_err(|e| crate::error::not_utf8("the file", &bytes, e))?;
            if text.contains('\0') {
                return Err(InputError::new("the file contains NUL bytes: it is not a text document"));
            }
            document::markdown::parse(name, text)
        };
        let (edits, scan) = placeholders::plan(&doc);
        let fill_ins = fill_ins(&doc, &edits);
        Ok(Official { sha256: sha256_hex(&bytes), bytes, doc, edits, scan, fill_ins })
    }

    /// Whether the file is a Word file (its draft is the file filled in place) rather than Markdown.
    #[must_use]
    pub fn is_word(&self) -> bool {
        self.doc.format == Format::Docx
    }

    /// The file extension its copy takes.
    #[must_use]
    pub fn extension(&self) -> &'static str {
        if self.is_word() {
            "docx"
        } else {
            "md"
        }
    }

    /// The names of the optional provisions, in document order, each once.
    #[must_use]
    pub fn optional_provisions(&self) -> Vec<Arc<str>> {
        let mut out: Vec<Arc<str>> = Vec::new();
        for e in &self.edits {
            if let Some(name) = &e.optional {
                if !out.iter().any(|n| n == name) {
                    out.push(Arc::clone(name));
                }
            }
        }
        out
    }

    /// Where a byte of a block is in the file.
    #[must_use]
    pub fn position(&self, block: usize, offset: usize) -> Position {
        self.doc.position(self.doc.blocks[block].source_offset(offset))
    }
}

/// Whether a file is Word by its name or its first bytes.
fn is_word(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    [".docx", ".docm", ".dotx", ".dotm"].iter().any(|e| lower.ends_with(e))
        || bytes.starts_with(b"PK\x03\x04")
        || crate::word::is_encrypted_package(bytes)
}

/// The fill-ins of an official text that take values: those of blocks that stay, outside what is cut.
fn fill_ins(doc: &Document, edits: &[Edit]) -> Vec<FillIn> {
    let mut out = Vec::new();
    for (i, (b, e)) in doc.blocks.iter().zip(edits).enumerate() {
        if e.remove {
            continue;
        }
        let cuts = placeholders::settle_cuts(&b.text, &e.cuts);
        for (range, inner) in &e.fill_ins {
            if cuts.iter().any(|c| c.start < range.end && range.start < c.end) {
                continue;
            }
            out.push(FillIn {
                block: i,
                range: range.clone(),
                label: inner.split_whitespace().collect::<Vec<_>>().join(" "),
                at: doc.position(b.source_offset(range.start)),
                optional: e.optional.clone(),
            });
        }
    }
    out
}
