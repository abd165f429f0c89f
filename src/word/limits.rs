//! The hard limits of the bounded reader, in one place: the files `mou` reads come from other parties, so what a
//! package may hold, decompress to and nest is capped before anything is read.

/// Hard limits on what the reader decompresses and parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most entries a package may hold; a real `.docx` has a few dozen.
    pub max_entries: usize,
    /// The most bytes one part may decompress to.
    pub max_part_bytes: u64,
    /// The most bytes all the parts read may decompress to together.
    pub max_total_bytes: u64,
    /// The deepest nesting of XML elements; Word's own files stay below 50.
    pub max_depth: usize,
}

/// The limits [`parse`](super::parse) uses: above any real MOU (the body of a 150,000-word document is a few
/// MiB of XML, up to about 30 MiB with Word's revision marks on every run), far below what would exhaust a
/// machine. Only the parts `mou` reads count (the body, styles, numbering, comments and relationships), not images;
/// each is read whole, one at a time, and dropped once read, so reading holds at most one part and the text read
/// from the body (at most [`MAX_TEXT_BYTES`](crate::document::MAX_TEXT_BYTES)).
pub const LIMITS: Limits =
    Limits { max_entries: 2_000, max_part_bytes: 32 << 20, max_total_bytes: 64 << 20, max_depth: 512 };
