//! One document model for every input format. Markdown and Word files both become a [`Document`]: a list of
//! blocks, each with its section path ("7.3", "Exhibit F"), its *visible* text, and a map back to source lines
//! and columns. Everything after parsing works on `Document` and never sees the file format.
//!
//! Text a reader would not see, or would read as struck out, is not part of a block's text. Each such trick is
//! kept as a [`Trick`] so the checker can report it.

mod hidden;
mod label;
pub mod limits;
mod load;
pub mod markdown;
pub mod normalize;
mod pieces;
pub mod placeholders;
pub mod slot;
mod source;

pub use label::split_label;
pub use limits::{MAX_PARAGRAPH_BYTES, MAX_TEXT_BYTES};
pub use load::{from_bytes, load, load_like, MAX_INPUT_BYTES};
pub use slot::{Slot, SlotKind};
pub use source::Source;

use crate::error::Position;
use crate::frontmatter::FrontMatter;
use std::sync::Arc;

/// What kind of block a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, with its level (1 for the title).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// An item of a list.
    ListItem,
    /// A row of a table, its cells joined with " | ".
    TableRow,
}

/// A piece of source text behind part of a block's visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Where the piece starts in the block's text.
    pub text_start: usize,
    /// Where it starts in the source.
    pub source_start: usize,
    /// Its length in the block's text.
    pub len: usize,
    /// Whether it is the source text unchanged, so offsets inside it map one to one.
    pub verbatim: bool,
}

/// One block of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Heading, paragraph, list item or table row.
    pub kind: BlockKind,
    /// Its section path: its own label, or the label of the clause or heading it falls under.
    pub section: Arc<str>,
    /// Its own leading label ("4.1", "Exhibit F", "(a)"), if it has one.
    pub label: Option<Arc<str>>,
    /// The visible text, label included.
    pub text: Arc<str>,
    /// Where the text after the label starts.
    pub body: usize,
    /// The map from the text back to the source: most blocks are one piece of source, kept without an allocation.
    pub segments: smallvec::SmallVec<[Segment; 1]>,
    /// Whether a hidden-text trick was found inside this block: such a block does not count as present.
    pub tainted: bool,
    /// A hash of the comparison form of the text after the label, headings apart from other blocks: blocks with
    /// the same key almost surely read the same (see [`normalize::comparison_hash`]).
    pub key: u64,
    /// The places in this block where the parties write their own data, in text order (baselines only).
    pub slots: Vec<Slot>,
    /// The optional provision this block belongs to, by its name, when the baseline marks it optional.
    pub optional: Option<Arc<str>>,
}

impl Block {
    /// The text after the label.
    #[must_use]
    pub fn body_text(&self) -> &str {
        &self.text[self.body..]
    }

    /// The source byte offset of a byte offset in this block's text.
    #[must_use]
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let idx = self.segments.partition_point(|s| s.text_start <= text_offset);
        let Some(seg) = idx.checked_sub(1).map(|i| self.segments[i]) else {
            return self.segments.first().map_or(0, |s| s.source_start);
        };
        let within = text_offset - seg.text_start;
        if seg.verbatim {
            seg.source_start + within.min(seg.len)
        } else {
            seg.source_start
        }
    }

    /// Whether this is a heading.
    #[must_use]
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }

    /// The byte offset in this block's text of a source byte offset, when the source offset falls inside text
    /// the block shows.
    #[must_use]
    pub fn text_offset(&self, source_offset: usize) -> Option<usize> {
        self.segments.iter().find_map(|s| {
            let inside = source_offset >= s.source_start && source_offset <= s.source_start + s.len;
            match (inside, s.verbatim) {
                (true, true) => Some(s.text_start + (source_offset - s.source_start)),
                (true, false) if source_offset == s.source_start => Some(s.text_start),
                _ => None,
            }
        })
    }

    /// The slots whose text lies inside `range` of this block's text.
    pub fn slots_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = (usize, &Slot)> {
        self.slots.iter().enumerate().filter(move |(_, s)| s.range.start >= range.start && s.range.end <= range.end)
    }
}

/// A way of hiding or disguising text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TrickKind {
    /// An HTML comment: `<!-- ... -->`.
    HtmlComment,
    /// A link-reference definition used as a comment: `[//]: # (...)`.
    LinkReferenceComment,
    /// Struck-out text: `~~...~~`.
    Strikethrough,
    /// Raw HTML styled not to show.
    HiddenHtml,
    /// Zero-width characters or soft hyphens.
    ZeroWidth,
    /// Bidirectional control characters.
    Bidi,
    /// Letters of another script that look like Latin ones.
    Homoglyph,
    /// Word text marked hidden (`w:vanish`).
    Vanish,
    /// White or near-white text.
    WhiteText,
    /// Text of two points or smaller.
    TinyText,
}

impl TrickKind {
    /// A stable name, used in rule codes.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            TrickKind::HtmlComment => "html-comment",
            TrickKind::LinkReferenceComment => "link-reference-comment",
            TrickKind::Strikethrough => "strikethrough",
            TrickKind::HiddenHtml => "styled-html",
            TrickKind::ZeroWidth => "zero-width",
            TrickKind::Bidi => "bidi-control",
            TrickKind::Homoglyph => "homoglyph",
            TrickKind::Vanish => "vanish",
            TrickKind::WhiteText => "white-text",
            TrickKind::TinyText => "tiny-text",
        }
    }

    /// What a reader should be told.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            TrickKind::HtmlComment => "text inside an HTML comment, which a reader never sees",
            TrickKind::LinkReferenceComment => "text inside a link-reference definition, which a reader never sees",
            TrickKind::Strikethrough => "struck-out text, which a reader takes as deleted",
            TrickKind::HiddenHtml => "text in HTML styled not to display",
            TrickKind::ZeroWidth => "zero-width characters or soft hyphens inside the text",
            TrickKind::Bidi => "bidirectional control characters that change how the text displays",
            TrickKind::Homoglyph => "letters from another script that look like Latin letters",
            TrickKind::Vanish => "text formatted as hidden",
            TrickKind::WhiteText => "white or near-white text",
            TrickKind::TinyText => "text of two points or smaller",
        }
    }
}

/// Text hidden or disguised in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trick {
    /// How it is hidden.
    pub kind: TrickKind,
    /// The hidden text, or the disguised word.
    pub text: String,
    /// Where it starts in the source.
    pub source_offset: usize,
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// A name for messages: the path as given.
    pub name: String,
    /// The source text positions refer to (for Word files, a text rendering of the document).
    pub source: Source,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Hidden or disguised text.
    pub tricks: Vec<Trick>,
    /// The front matter of a draft built by `mou`.
    pub front_matter: Option<FrontMatter>,
    /// Things the reader of a report should know about the file (pending revisions, comments).
    pub notes: Vec<String>,
    /// The file format it was read from: differences of markup can only be compared within one format.
    pub format: Format,
    /// The ranges of the source an official text's preparation took out of its blocks (drafting notes and
    /// optional-provision markers within a paragraph), in order: they are no block's text or markup.
    pub cut: Vec<std::ops::Range<usize>>,
    /// Where each line of the source starts, computed on first use.
    pub line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Where the pieces a Markdown source divides into start in it (see [`pieces`]); empty when the source
    /// cannot be divided.
    pub(crate) piece_starts: Vec<usize>,
    /// The pieces, with their blocks, worked out when another document first takes blocks from this one.
    pub(crate) pieces: std::sync::OnceLock<Vec<pieces::Piece>>,
}

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown: the source holds the markup.
    Markdown,
    /// Word: the source is a plain rendering, one line per paragraph.
    Docx,
}

impl Document {
    /// The pieces of a Markdown source, with the blocks and hidden text read from each; empty when the source
    /// cannot be divided.
    pub(crate) fn pieces(&self) -> &[pieces::Piece] {
        self.pieces.get_or_init(|| pieces::table(&self.source, &self.piece_starts, &self.blocks, &self.tricks))
    }

    /// The line and column of a source byte offset.
    #[must_use]
    pub fn position(&self, source_offset: usize) -> Position {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', self.source.as_bytes()).map(|i| i + 1)).collect()
        });
        let offset = source_offset.min(self.source.len());
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
        let mut end = offset;
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        Position { line, column: self.source[start..end.max(start)].chars().count() + 1 }
    }
}

/// Finishes a block: finds its label and any disguised text in it. Its section path is set afterwards, by
/// [`assign_sections`], once every block is known.
pub(crate) fn finish_block(
    kind: BlockKind,
    text: &str,
    segments: &[Segment],
    tricks: &mut Vec<Trick>,
) -> Option<Block> {
    let mut block = assemble(kind, text, segments)?.0;
    let found = hidden::scan(&block);
    block.tainted = !found.is_empty();
    tricks.extend(found);
    Some(block)
}

/// A block of the given text, trimmed, with its label and key, and how many bytes the trim took from its start.
/// Nothing else is worked out: its hidden text, slots and section are the caller's.
pub(crate) fn assemble(kind: BlockKind, text: &str, segments: &[Segment]) -> Option<(Block, usize)> {
    let trimmed_start = text.len() - text.trim_start().len();
    let text_trim = text.trim();
    if text_trim.chars().all(|c| c.is_whitespace() || normalize::is_invisible(c)) {
        return None;
    }
    // Re-base the text to its trimmed form, shifting the segments.
    let segments: smallvec::SmallVec<[Segment; 1]> = segments
        .iter()
        .filter_map(|s| {
            let end = s.text_start + s.len;
            if end <= trimmed_start {
                return None;
            }
            let cut = trimmed_start.saturating_sub(s.text_start);
            Some(Segment {
                text_start: s.text_start + cut - trimmed_start,
                source_start: if s.verbatim { s.source_start + cut } else { s.source_start },
                len: s.len - cut,
                verbatim: s.verbatim,
            })
        })
        .collect();
    let text: Arc<str> = text_trim.into();
    let mut block = Block {
        kind,
        section: no_section(),
        label: None,
        body: 0,
        text,
        segments,
        tainted: false,
        key: 0,
        slots: Vec::new(),
        optional: None,
    };
    if let Some((label, body)) = split_label(&block.text, block.is_heading()) {
        block.label = Some(label.into());
        block.body = body;
    }
    block.key = normalize::comparison_hash(block.body_text(), u8::from(block.is_heading()));
    Some((block, trimmed_start))
}

/// Sets every block's section path, in reading order.
pub(crate) fn assign_sections(blocks: &mut [Block]) {
    let mut sections = SectionTracker::default();
    for b in blocks {
        b.section = sections.place(b);
    }
}

/// The section path of a block before [`assign_sections`] sets it: one shared empty string.
fn no_section() -> Arc<str> {
    static EMPTY: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| Arc::from(""));
    Arc::clone(&EMPTY)
}

/// Works out section paths as blocks arrive in order. Paths are shared strings: most blocks fall under a clause
/// or heading whose label they share.
#[derive(Debug)]
struct SectionTracker {
    /// The label or title of the last heading.
    heading: Arc<str>,
    /// The label of the last numbered clause under that heading.
    clause: Option<Arc<str>>,
}

impl Default for SectionTracker {
    fn default() -> Self {
        SectionTracker { heading: no_section(), clause: None }
    }
}

impl SectionTracker {
    fn place(&mut self, block: &Block) -> Arc<str> {
        let within = |t: &Self| Arc::clone(t.clause.as_ref().unwrap_or(&t.heading));
        match (&block.label, block.is_heading()) {
            (Some(l), true) => {
                self.heading = Arc::clone(l);
                self.clause = None;
                Arc::clone(l)
            }
            (None, true) => {
                self.heading = block.body_text().chars().take(60).collect::<String>().into();
                self.clause = None;
                Arc::clone(&self.heading)
            }
            (Some(l), false) if l.starts_with('(') => format!("{}{l}", within(self)).into(),
            (Some(l), false) => {
                self.clause = Some(Arc::clone(l));
                Arc::clone(l)
            }
            (None, false) => within(self),
        }
    }
}
