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

/// The limits [`parse`](super::parse) uses: far above any real MOU (the body of a 150,000-word document is about
/// 30 MiB of XML), far below what would exhaust a machine.
pub const LIMITS: Limits =
    Limits { max_entries: 2_000, max_part_bytes: 64 << 20, max_total_bytes: 256 << 20, max_depth: 512 };
