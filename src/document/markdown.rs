//! Markdown into the document model, with pulldown-cmark. Only the text a reader of the rendered Markdown would
//! see goes into blocks. HTML comments, link-reference "comments", struck-out text and HTML styled not to
//! display are kept aside as tricks.

use super::limits::clip;
use super::{assign_sections, finish_block, pieces, Block, BlockKind, Document, Segment, Source, Trick, TrickKind};
use crate::frontmatter::FrontMatter;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Parses Markdown. `name` is used in messages.
#[must_use]
pub fn parse(name: &str, source: impl Into<String>) -> Document {
    parse_source(name, Source::from(source.into()), None)
}

/// Parses Markdown that is mostly the same as `like`, a document read before (an edited MOU and its template):
/// every piece of text the two share takes its blocks from `like` instead of being read again. The result is what
/// [`parse`] gives.
#[must_use]
pub fn parse_like(name: &str, source: impl Into<String>, like: &Document) -> Document {
    parse_source(name, Source::from(source.into()), Some(like))
}

/// Parses Markdown as [`parse`] does, or as [`parse_like`] does with `like`.
pub(crate) fn parse_source(name: &str, source: Source, like: Option<&Document>) -> Document {
    let (front_matter, body_start) = match FrontMatter::parse(&source) {
        Some((fm, len)) => (Some(fm), len),
        None => (None, usize::from(source.starts_with('\u{feff}')) * 3),
    };
    let body = &source[body_start..];
    let mut starts = pieces::starts(body);
    let reused = match (&starts, like.filter(|l| !l.pieces().is_empty())) {
        (Some(starts), Some(like)) => read_reusing(&source, body_start, starts, like),
        _ => None,
    };
    let (mut blocks, tricks) = reused.unwrap_or_else(|| {
        let (mut blocks, mut tricks) = (Vec::new(), Vec::new());
        let within = starts.as_deref().unwrap_or_default();
        // Markup left open across a piece's start (a hiding tag closed pieces later) makes the pieces unusable.
        if !read(body, body_start, 0..body.len(), within, &mut blocks, &mut tricks) {
            starts = None;
        }
        (blocks, tricks)
    });
    assign_sections(&mut blocks);
    let piece_starts = starts.map(|s| s.into_iter().map(|x| body_start + x).collect()).unwrap_or_default();
    Document {
        name: name.to_string(),
        source,
        blocks,
        tricks,
        piece_starts,
        pieces: std::sync::OnceLock::new(),
        front_matter,
        notes: Vec::new(),
        format: super::Format::Markdown,
        line_starts: std::sync::OnceLock::new(),
        cut: Vec::new(),
    }
}

/// Reads a range of a body that starts at `body_start` in its source, adding to `blocks` and `tricks`; the range
/// starts where no block is open. Returns whether no markup (a comment, a hiding or striking tag) was left open at
/// the end of the range or at any of `piece_starts` (offsets in the body) inside it: only then does each piece
/// read the same alone.
fn read(
    body: &str,
    body_start: usize,
    range: Range<usize>,
    piece_starts: &[usize],
    blocks: &mut Vec<Block>,
    tricks: &mut Vec<Trick>,
) -> bool {
    let text = &body[range.clone()];
    let mut b = Builder {
        base: body_start + range.start,
        blocks: std::mem::take(blocks),
        tricks: std::mem::take(tricks),
        ..Builder::default()
    };
    // About one block per 150 bytes in a typical MOU.
    b.blocks.reserve(text.len() / 150);
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let parser = Parser::new_ext(text, options).into_offset_iter();
    for (label, def) in parser.reference_definitions().iter() {
        // `[//]: # (hidden text)` and its variants: a definition that is never meant as a link, carrying text.
        let title = def.title.as_deref().unwrap_or_default().trim();
        let comment_like = label.starts_with("//") || label.eq_ignore_ascii_case("comment") || def.dest.as_ref() == "#";
        if !title.is_empty() || comment_like {
            let text = clip(if title.is_empty() { label } else { title }).to_string();
            b.tricks.push(Trick {
                kind: TrickKind::LinkReferenceComment,
                text,
                source_offset: b.base + def.span.start,
            });
        }
    }
    // The piece starts inside the range, relative to it, in order.
    let lo = piece_starts.partition_point(|&p| p <= range.start);
    let hi = piece_starts.partition_point(|&p| p < range.end).max(lo);
    let mut next = piece_starts[lo..hi].iter().map(|&p| p - range.start).peekable();
    let mut closed = true;
    for (event, at) in parser {
        while next.next_if(|&p| p <= at.start).is_some() {
            closed &= b.nothing_open();
        }
        b.event(event, at, text);
    }
    closed &= b.nothing_open();
    b.close();
    *blocks = b.blocks;
    *tricks = b.tricks;
    closed
}

/// Reads a body divided into pieces that start at `starts`, taking the blocks of every piece that `like` has too
/// instead of reading it; `None` when markup in a piece read here stays open past its end, so that the body must
/// be read whole.
fn read_reusing(
    source: &str,
    body_start: usize,
    starts: &[usize],
    like: &Document,
) -> Option<(Vec<Block>, Vec<Trick>)> {
    let mut index: FxHashMap<u64, usize> = FxHashMap::default();
    for (k, p) in like.pieces().iter().enumerate().rev() {
        index.insert(p.hash, k);
    }
    let body = &source[body_start..];
    let end_of = |k: usize| starts.get(k + 1).copied().unwrap_or(body.len());
    let mut blocks = Vec::with_capacity(like.blocks.len() + 8);
    let mut tricks = Vec::new();
    let mut unread: Option<usize> = None;
    let flush = |from: Option<usize>, to: usize, blocks: &mut Vec<Block>, tricks: &mut Vec<Trick>| match from {
        Some(from) => read(body, body_start, from..to, starts, blocks, tricks),
        None => true,
    };
    for (k, &s) in starts.iter().enumerate() {
        let e = end_of(k);
        let text = &body[s..e];
        let found = index
            .get(&pieces::hash(text))
            .map(|&i| &like.pieces()[i])
            .filter(|p| like.source.get(p.start..p.end) == Some(text));
        let Some(p) = found else {
            unread.get_or_insert(s);
            continue;
        };
        if !flush(unread.take(), s, &mut blocks, &mut tricks) {
            return None;
        }
        #[allow(clippy::cast_possible_wrap)]
        let delta = (body_start + s) as isize - p.start as isize;
        blocks.extend(like.blocks[p.blocks.clone()].iter().map(|b| pieces::shifted(b, delta)));
        tricks.extend(like.tricks[p.tricks.clone()].iter().map(|t| pieces::shifted_trick(t, delta)));
    }
    flush(unread, body.len(), &mut blocks, &mut tricks).then_some((blocks, tricks))
}

#[derive(Default)]
struct Builder {
    base: usize,
    blocks: Vec<Block>,
    tricks: Vec<Trick>,
    /// The kind of the block being read, if one is open; its text and segments are in `buf` and `segs`, which
    /// keep their capacity from block to block.
    open: Option<BlockKind>,
    buf: String,
    segs: Vec<Segment>,
    item_depth: usize,
    in_table_row: bool,
    cell_count: usize,
    strike: usize,
    strike_text: (String, usize),
    comment: Option<(String, usize)>,
    hidden: Option<(String, usize, TrickKind)>,
    hidden_text: (String, usize),
}

impl Builder {
    /// Whether no markup that reaches past a block is open: an HTML comment, a hiding or striking tag, or a strike.
    fn nothing_open(&self) -> bool {
        self.comment.is_none() && self.hidden.is_none() && self.strike == 0
    }

    fn kind_here(&self) -> BlockKind {
        if self.in_table_row {
            BlockKind::TableRow
        } else if self.item_depth > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn begin(&mut self, kind: BlockKind) {
        self.close();
        self.open = Some(kind);
    }

    fn close(&mut self) {
        if let Some(kind) = self.open.take() {
            // "[//]: # (...)" is written as a comment even when its text has parentheses that keep CommonMark from
            // reading it as a link-reference definition: a reader of the rendered page may still not see it.
            let t = self.buf.trim_start();
            if ["[//]:", "[comment]:", "[//]: #", "[_]:"].iter().any(|p| t.starts_with(p)) {
                let at = self.segs.first().map_or(0, |s| s.source_start);
                self.tricks.push(Trick {
                    kind: TrickKind::LinkReferenceComment,
                    text: clip(t).to_string(),
                    source_offset: at,
                });
            } else if let Some(block) = finish_block(kind, &self.buf, &self.segs, &mut self.tricks) {
                self.blocks.push(block);
            }
            self.buf.clear();
            self.segs.clear();
        }
    }

    fn push(&mut self, text: &str, source: &str, range: std::ops::Range<usize>) {
        if self.strike > 0 {
            if self.strike_text.0.is_empty() {
                self.strike_text.1 = self.base + range.start;
            }
            self.strike_text.0.push_str(text);
            return;
        }
        if self.hidden.is_some() {
            if self.hidden_text.0.is_empty() {
                self.hidden_text.1 = self.base + range.start;
            }
            self.hidden_text.0.push_str(text);
            return;
        }
        if self.open.is_none() {
            self.open = Some(self.kind_here());
        }
        let verbatim = source.get(range.clone()) == Some(text);
        self.segs.push(Segment {
            text_start: self.buf.len(),
            source_start: self.base + range.start,
            len: text.len(),
            verbatim,
        });
        self.buf.push_str(text);
    }

    /// Text the reader sees that the source does not spell out (a space for a line break, a bar between table
    /// cells), added to the open block and mapped to the source offset `at`.
    fn filler(&mut self, text: &str, at: usize) {
        if self.open.is_some() {
            self.segs.push(Segment {
                text_start: self.buf.len(),
                source_start: self.base + at,
                len: text.len(),
                verbatim: false,
            });
            self.buf.push_str(text);
        }
    }

    fn html(&mut self, html: &str, range: &std::ops::Range<usize>) {
        let mut rest = html;
        let mut offset = self.base + range.start;
        loop {
            if let Some((text, start)) = self.comment.as_mut() {
                if let Some(end) = rest.find("-->") {
                    text.push_str(&rest[..end]);
                    let trick = Trick {
                        kind: TrickKind::HtmlComment,
                        text: clip(text.trim()).to_string(),
                        source_offset: *start,
                    };
                    self.tricks.push(trick);
                    self.comment = None;
                    offset += end + 3;
                    rest = &rest[end + 3..];
                    continue;
                }
                text.push_str(rest);
                return;
            }
            let Some(open) = rest.find("<!--") else { break };
            self.comment = Some((String::new(), offset + open));
            offset += open + 4;
            rest = &rest[open + 4..];
        }
        // Raw HTML: tags that hide or strike out what follows until they close, and text between tags.
        let mut k = 0;
        while let Some(lt) = rest[k..].find('<') {
            self.raw_text(&rest[k..k + lt], offset + k);
            let Some(gt) = rest[k + lt..].find('>') else {
                k += lt;
                break;
            };
            self.tag(&rest[k + lt..=k + lt + gt], offset + k + lt);
            k += lt + gt + 1;
        }
        self.raw_text(&rest[k..], offset + k);
    }

    /// Text inside raw HTML: collected when a hiding tag is open, otherwise not shown as part of a block.
    fn raw_text(&mut self, text: &str, at: usize) {
        if self.hidden.is_some() && !text.trim().is_empty() {
            if self.hidden_text.0.is_empty() {
                self.hidden_text.1 = at;
            }
            self.hidden_text.0.push_str(text);
        }
    }

    fn tag(&mut self, tag: &str, at: usize) {
        let lower = tag.to_ascii_lowercase();
        let closing = lower.starts_with("</");
        let self_closing = lower.ends_with("/>");
        let name: String = lower
            .trim_start_matches("</")
            .trim_start_matches('<')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if let Some((open, depth, kind)) = self.hidden.as_mut() {
            if name == *open && !self_closing {
                if closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
                if *depth == 0 {
                    let kind = *kind;
                    self.hidden = None;
                    let (text, start) = std::mem::take(&mut self.hidden_text);
                    if !text.trim().is_empty() {
                        self.tricks.push(Trick {
                            kind,
                            text: clip(&text).split_whitespace().collect::<Vec<_>>().join(" "),
                            source_offset: start,
                        });
                    }
                }
            }
            return;
        }
        if closing || self_closing {
            return;
        }
        let compact = lower.replace(' ', "");
        const HIDES: &[&str] = &[
            "display:none",
            "visibility:hidden",
            "font-size:0",
            " hidden",
            "hidden>",
            "hidden=",
            "color:#fff",
            "color:white",
            "opacity:0",
        ];
        let kind = if matches!(name.as_str(), "del" | "s" | "strike") {
            Some(TrickKind::Strikethrough)
        } else if HIDES.iter().any(|h| compact.contains(h) || lower.contains(h)) {
            Some(TrickKind::HiddenHtml)
        } else {
            None
        };
        if let Some(kind) = kind {
            self.hidden = Some((name, 1, kind));
            self.hidden_text = (String::new(), at);
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>, source: &str) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.begin(BlockKind::Heading(level as u8)),
            Event::Start(Tag::Paragraph) => {
                // In a list item, a paragraph after the first is a block of its own; the first is the item's.
                if self.open.is_some() && !self.buf.trim().is_empty() {
                    self.close();
                }
                if self.open.is_none() {
                    let kind = self.kind_here();
                    self.begin(kind);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => self.begin(BlockKind::Paragraph),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock) => self.close(),
            Event::Start(Tag::Item) => {
                self.close();
                self.item_depth += 1;
            }
            Event::End(TagEnd::Item) => {
                self.close();
                self.item_depth = self.item_depth.saturating_sub(1);
            }
            Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => self.close(),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.begin(BlockKind::TableRow);
                self.in_table_row = true;
                self.cell_count = 0;
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                self.close();
                self.in_table_row = false;
            }
            Event::Start(Tag::TableCell) => {
                if self.cell_count > 0 {
                    self.filler(" | ", range.start);
                }
                self.cell_count += 1;
            }
            Event::Start(Tag::Strikethrough) => self.strike += 1,
            Event::End(TagEnd::Strikethrough) => {
                self.strike = self.strike.saturating_sub(1);
                if self.strike == 0 {
                    let (text, at) = std::mem::take(&mut self.strike_text);
                    if !text.trim().is_empty() {
                        self.tricks.push(Trick {
                            kind: TrickKind::Strikethrough,
                            text: clip(text.trim()).to_string(),
                            source_offset: at,
                        });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if self.comment.is_some() {
                    // Text the parser saw inside a comment that spans blocks.
                    if let Some((buf, _)) = self.comment.as_mut() {
                        buf.push_str(&t);
                    }
                } else {
                    self.push(&t, source, range);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.filler(" ", range.start),
            Event::Html(h) | Event::InlineHtml(h) => self.html(&h, &range),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<String> {
        parse("t.md", md).blocks.into_iter().map(|b| b.text.to_string()).collect()
    }

    #[test]
    fn visible_text_only() {
        let doc = parse(
            "t.md",
            "# Title\n\nSection 1.01. MCP **must** act\nquickly.\n\n<!-- MCP must not -->\n\n- (a) one\n- (b) ~~two~~ three\n\n[//]: # (secret text)\n",
        );
        let texts: Vec<&str> = doc.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(texts, ["Title", "Section 1.01. MCP must act quickly.", "(a) one", "(b)  three"]);
        let kinds: Vec<TrickKind> = doc.tricks.iter().map(|t| t.kind).collect();
        assert!(kinds.contains(&TrickKind::HtmlComment));
        assert!(kinds.contains(&TrickKind::Strikethrough));
        assert!(kinds.contains(&TrickKind::LinkReferenceComment));
        assert_eq!(&*doc.blocks[1].section, "1.01");
        assert_eq!(&*doc.blocks[3].section, "1.01(b)");
    }

    #[test]
    fn setext_and_atx_headings_read_the_same() {
        assert_eq!(texts("Article VII. Disputes\n---------------------\n"), texts("## Article VII. Disputes\n"));
    }

    #[test]
    fn positions_map_back_to_the_source() {
        let src = "---\ngenerator: mou\ntemplates: [x@1]\n---\n\n# T\n\nSome *emphasised* text here.\n";
        let doc = parse("t.md", src);
        assert!(doc.front_matter.is_some());
        let b = &doc.blocks[1];
        let at = b.text.find("text").unwrap();
        let pos = doc.position(b.source_offset(at));
        assert_eq!((pos.line, pos.column), (8, 19));
    }

    /// The blocks and hidden text of a source read in one pass, as a reference.
    fn read_whole(source: &str) -> (Vec<Block>, Vec<Trick>) {
        let (mut blocks, mut tricks) = (Vec::new(), Vec::new());
        read(source, 0, 0..source.len(), &[], &mut blocks, &mut tricks);
        assign_sections(&mut blocks);
        (blocks, tricks)
    }

    #[test]
    fn long_sources_read_with_shared_pieces_read_as_in_one_pass() {
        let mut base = String::from("# Memorandum\n\n");
        for i in 1..=1500 {
            base.push_str(&format!(
                "## {i}. Duties\n\n{i}.1 MCP **must** act within {i} days.\nIt ~~shall~~ must report.\n\n\
                 - (a) one item\n- (b) another\n\n  continued (b)\n\n2. ordered\n\nName | Role\n--- | ---\nA | B\n\n\
                 Exhibit {i}. Terms\n===\n\n> quoted {i}\n\n    code {i}\n\nLast line of {i} with z\u{200B}ero.\n\n"
            ));
        }
        let doc = parse("b.md", base.as_str());
        assert_eq!((doc.blocks.clone(), doc.tricks.clone()), read_whole(&base));
        let edited = base.replace("40.1 MCP **must**", "40.1 MCP **may**").replacen("- (b) another\n\n", "", 3)
            + "\nAn added paragraph.\n";
        let read = parse_like("e.md", edited.as_str(), &doc);
        assert_eq!((read.blocks, read.tricks), read_whole(&edited));
    }

    #[test]
    fn hidden_html_is_a_trick() {
        let doc = parse("t.md", "MCP must act <span style=\"display: none\">unless it declines</span> now.\n");
        assert_eq!(&*doc.blocks[0].text, "MCP must act  now.");
        assert_eq!(doc.tricks[0].kind, TrickKind::HiddenHtml);
        assert_eq!(doc.tricks[0].text, "unless it declines");
    }
}
