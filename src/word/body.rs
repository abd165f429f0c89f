//! The document body (`word/document.xml`) as a reader sees it: paragraphs and table rows as lines of text
//! pieces, each visible or hidden by some trick.
//!
//! Pending tracked changes are read as **accepted**: inserted and moved-to text counts, deleted and moved-from
//! text does not, a deleted paragraph mark joins its paragraph to the next, and formatting changes are ignored.
//! Field instructions give way to their results. A table of contents (generated from the headings, with page
//! numbers that move with every edit) is left out, and so are footnote and endnote references and embedded
//! documents; all of these are counted, for the document's notes.
//!
//! Text formatted as hidden, white or near-white (unless on a dark background), tiny or struck out is kept in its
//! line as a hidden piece (see [`super::run_props`]). Numbered paragraphs get their list label (see
//! [`super::numbering`]) in front of their text. Headings are recognised by paragraph style ("Heading 1" is level
//! 1, as `#` is in Markdown; "Title" is level 1) or outline level. A table row is one line, its cells joined with
//! " | "; a table styled as a layout of signature blocks reads as paragraphs.

use super::numbering::{Counters, Label, Numbering};
use super::run_props::{dark_color, RunProps};
use super::styles::{heading_number, Styles};
use super::tag::Tag;
use super::xml::{attr, ends_with, on, Ev};
use crate::document::limits::{paragraph_too_long, MAX_PARAGRAPH_BYTES};
use crate::document::{BlockKind, TrickKind};
use crate::error::InputError;
use quick_xml::events::BytesStart;

/// A stretch of a paragraph's text, visible or hidden by some trick.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) text: String,
    pub(super) hidden: Option<TrickKind>,
}

impl Piece {
    fn visible(text: &str) -> Piece {
        Piece { text: text.to_string(), hidden: None }
    }
}

#[derive(Default)]
struct Para {
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    fill: Option<String>,
    mark_deleted: bool,
    mark_hidden: bool,
    pieces: Vec<Piece>,
    /// The bytes of text in `pieces`.
    len: usize,
}

#[derive(Default)]
struct Run {
    direct: RunProps,
    trick: Option<Option<TrickKind>>,
}

struct Row {
    cells: Vec<Vec<Piece>>,
    /// The bytes of text in `cells`.
    len: usize,
    deleted: bool,
    /// How many tables deep the row's own table is.
    depth: usize,
}

/// A table being read: rows and cells seen so far, for separators in nested tables.
#[derive(Default)]
struct TableLevel {
    rows: usize,
    cells: usize,
    /// A layout table (signature blocks): its paragraphs read as paragraphs, not as table rows.
    layout: bool,
}

/// A body paragraph or table row: one line of the document's source.
pub(super) struct Line {
    pub(super) kind: BlockKind,
    pub(super) pieces: Vec<Piece>,
}

/// What the body reader counted and left out, once it has read the whole body.
pub(super) struct BodyText {
    /// Pending tracked changes, and up to twenty of their authors.
    pub(super) revisions: usize,
    pub(super) authors: Vec<String>,
    pub(super) footnotes: usize,
    pub(super) endnotes: usize,
    /// Other documents embedded with `w:altChunk`.
    pub(super) embedded: usize,
    /// Entries of a table of contents.
    pub(super) contents: usize,
}

/// The body being read, one event of the walk at a time.
pub(super) struct Body<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
    counters: Counters,
    /// Lines read and not yet taken (see [`Body::take_lines`]), and how many were read in all.
    lines: Vec<Line>,
    line_count: usize,
    /// A paragraph longer than the limit: reading stops there.
    error: Option<InputError>,
    paras: Vec<Para>,
    runs: Vec<Run>,
    /// Open complex fields: `true` once past the instruction, in the result a reader sees.
    fields: Vec<bool>,
    fields_dropped: usize,
    tables: Vec<TableLevel>,
    row: Option<Row>,
    cell_fills: Vec<Option<String>>,
    /// Text of paragraphs whose paragraph mark is a pending deletion: accepted, they join the next paragraph.
    carry: Vec<Piece>,
    carry_len: usize,
    skip: Option<usize>,
    revisions: usize,
    authors: Vec<String>,
    footnotes: usize,
    endnotes: usize,
    /// Other documents (HTML, RTF, Word) embedded with `w:altChunk`, which Word shows in place.
    embedded: usize,
    /// Entries of a table of contents, left out.
    contents: usize,
    page_dark: bool,
}

impl<'s> Body<'s> {
    pub(super) fn new(styles: &'s Styles, numbering: &'s Numbering) -> Self {
        Body {
            styles,
            numbering,
            counters: Counters::default(),
            lines: Vec::new(),
            line_count: 0,
            error: None,
            paras: Vec::new(),
            runs: Vec::new(),
            fields: Vec::new(),
            fields_dropped: 0,
            tables: Vec::new(),
            row: None,
            cell_fills: Vec::new(),
            carry: Vec::new(),
            carry_len: 0,
            skip: None,
            revisions: 0,
            authors: Vec::new(),
            footnotes: 0,
            endnotes: 0,
            embedded: 0,
            contents: 0,
            page_dark: false,
        }
    }

    /// The lines read since the last call, in document order: the caller takes them as they come, so a body
    /// of many paragraphs is never held twice.
    pub(super) fn take_lines(&mut self) -> std::vec::Drain<'_, Line> {
        self.lines.drain(..)
    }

    fn push_line(&mut self, line: Line) {
        // What each paragraph, row and joined paragraph adds is held to the limit as it comes; this is the last word
        // on the line as a whole.
        let len: usize = line.pieces.iter().map(|p| p.text.len()).sum();
        if self.room(len, 0) {
            self.line_count += 1;
            self.lines.push(line);
        }
    }

    /// Whether `more` bytes of text can join a paragraph that holds `len`; if not, reading stops with an error
    /// naming the paragraph's line.
    fn room(&mut self, len: usize, more: usize) -> bool {
        if len.saturating_add(more) <= MAX_PARAGRAPH_BYTES {
            return true;
        }
        if self.error.is_none() {
            self.error = Some(paragraph_too_long(self.line_count + 1));
        }
        false
    }

    pub(super) fn event(&mut self, ev: &Ev<'_, '_>, stack: &[Tag]) {
        if self.error.is_some() {
            return;
        }
        if let Some(depth) = self.skip {
            if matches!(ev, Ev::Close(_)) && stack.len() == depth {
                self.skip = None;
            }
            return;
        }
        match ev {
            Ev::Open(t, e) => self.open(*t, e, stack),
            Ev::Close(t) => self.close(*t, stack),
            Ev::Text(s) => {
                let n = stack.len();
                if n >= 2 && stack[n - 1] == Tag::T && stack[n - 2] == Tag::R {
                    self.text(s);
                }
            }
        }
    }

    fn revision(&mut self, e: &BytesStart<'_>) {
        self.revisions += 1;
        let author = attr(e, "author").unwrap_or_default();
        if !author.trim().is_empty() && !self.authors.contains(&author) && self.authors.len() < 20 {
            self.authors.push(author);
        }
    }

    fn open(&mut self, t: Tag, e: &BytesStart<'_>, stack: &[Tag]) {
        let parent = stack.last().copied();
        let grandparent = stack.len().checked_sub(2).map(|i| stack[i]);
        let in_run = parent == Some(Tag::R);
        match t {
            Tag::Skipped => self.skip = Some(stack.len()),
            Tag::Del | Tag::Ins | Tag::MoveFrom | Tag::MoveTo => {
                self.revision(e);
                let removes = matches!(t, Tag::Del | Tag::MoveFrom);
                match (parent, grandparent) {
                    // The paragraph mark itself was inserted or deleted.
                    (Some(Tag::RPr), Some(Tag::PPr)) => {
                        if let (true, Some(p)) = (removes, self.paras.last_mut()) {
                            p.mark_deleted = true;
                        }
                    }
                    (Some(Tag::TrPr), _) => {
                        if let (true, Some(row)) = (removes, self.row.as_mut()) {
                            row.deleted = row.deleted || self.tables.len() == row.depth;
                        }
                    }
                    (Some(Tag::RPr), _) => {}
                    _ if removes => self.skip = Some(stack.len()),
                    _ => {}
                }
            }
            Tag::Background if parent == Some(Tag::Document) => {
                self.page_dark = attr(e, "color").as_deref().is_some_and(dark_color);
            }
            Tag::P => self.paras.push(Para::default()),
            // A table styled as a layout of signature blocks holds paragraphs, not rows of data.
            Tag::TblStyle => {
                if let Some(t) = self.tables.last_mut() {
                    t.layout = attr(e, "val").is_some_and(|v| v.to_ascii_lowercase().contains("signature"));
                }
            }
            Tag::PStyle if ends_with(stack, &[Tag::P, Tag::PPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            Tag::OutlineLvl if ends_with(stack, &[Tag::P, Tag::PPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            Tag::NumId | Tag::Ilvl if ends_with(stack, &[Tag::P, Tag::PPr, Tag::NumPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    let v = attr(e, "val").and_then(|v| v.trim().parse::<u32>().ok());
                    if t == Tag::NumId {
                        p.num_id = v;
                    } else {
                        p.ilvl = v.and_then(|v| u8::try_from(v).ok()).map(|v| v.min(8));
                    }
                }
            }
            Tag::Shd if ends_with(stack, &[Tag::P, Tag::PPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.fill = attr(e, "fill");
                }
            }
            Tag::Shd if parent == Some(Tag::TcPr) => {
                if let Some(fill) = self.cell_fills.last_mut() {
                    *fill = attr(e, "fill");
                }
            }
            Tag::Vanish if ends_with(stack, &[Tag::P, Tag::PPr, Tag::RPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.mark_hidden = on(e);
                }
            }
            _ if parent == Some(Tag::RPr) && grandparent == Some(Tag::R) => {
                if let Some(r) = self.runs.last_mut() {
                    r.direct.set(t, e);
                }
            }
            Tag::R => self.runs.push(Run::default()),
            Tag::Tab | Tag::Br | Tag::Cr | Tag::Ptab if in_run => self.text(" "),
            Tag::NoBreakHyphen if in_run => self.text("-"),
            Tag::FldChar if in_run => match attr(e, "fldCharType").as_deref() {
                Some("begin") if self.fields.len() < 64 => self.fields.push(false),
                Some("begin") => self.fields_dropped += 1,
                Some("separate") if self.fields_dropped == 0 => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = true;
                    }
                }
                Some("end") if self.fields_dropped > 0 => self.fields_dropped -= 1,
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            Tag::FootnoteReference => self.footnotes += 1,
            Tag::EndnoteReference => self.endnotes += 1,
            Tag::AltChunk => self.embedded += 1,
            Tag::Tbl => {
                if self.paras.is_empty() && self.row.is_none() {
                    self.flush_carry();
                }
                self.tables.push(TableLevel::default());
            }
            Tag::Tr if self.row.is_none() && self.tables.last().is_some_and(|t| t.layout) => {}
            Tag::Tr => {
                let depth = self.tables.len();
                match self.row.as_ref().map(|r| r.depth) {
                    None if depth > 0 => self.row = Some(Row { cells: Vec::new(), len: 0, deleted: false, depth }),
                    Some(d) if depth > d => {
                        // A row of a table nested in a cell: its text joins the cell.
                        let first = self.tables.last().is_none_or(|l| l.rows == 0);
                        if !first {
                            self.cell_text(" ");
                        }
                        if let Some(l) = self.tables.last_mut() {
                            l.rows += 1;
                            l.cells = 0;
                        }
                    }
                    _ => {}
                }
            }
            Tag::Tc => {
                self.cell_fills.push(None);
                let depth = self.tables.len();
                match self.row.as_ref().map(|r| r.depth) {
                    Some(d) if d == depth => {
                        // Each cell costs its " | " separator, even when empty: a row of a million empty cells
                        // is held to the limit too.
                        let len = self.row.as_ref().map_or(0, |r| r.len);
                        if self.room(len, 3) {
                            if let Some(row) = self.row.as_mut() {
                                row.len += 3;
                                row.cells.push(Vec::new());
                            }
                        }
                    }
                    Some(d) if depth > d => {
                        let first = self.tables.last().is_none_or(|l| l.cells == 0);
                        if !first {
                            self.cell_text(" | ");
                        }
                        if let Some(l) = self.tables.last_mut() {
                            l.cells += 1;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, t: Tag, _stack: &[Tag]) {
        match t {
            Tag::P => self.end_paragraph(),
            Tag::R => {
                self.runs.pop();
            }
            Tag::Tc => {
                self.cell_fills.pop();
            }
            Tag::Tr if self.row.as_ref().is_some_and(|r| r.depth == self.tables.len()) => self.end_row(),
            Tag::Tbl => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    /// Whether the text of the current run is hidden, and how.
    fn run_trick(&mut self) -> Option<TrickKind> {
        let para = self.paras.last();
        let run = self.runs.last_mut()?;
        if let Some(trick) = run.trick {
            return trick;
        }
        let props = self.styles.effective(para.and_then(|p| p.style.as_deref()), &run.direct);
        let dark = self.page_dark
            || props.dark_background()
            || para.and_then(|p| p.fill.as_deref()).is_some_and(dark_color)
            || self.cell_fills.iter().flatten().any(|f| dark_color(f));
        let trick = props.trick(dark);
        run.trick = Some(trick);
        trick
    }

    fn text(&mut self, s: &str) {
        if self.fields.iter().any(|result| !result) || self.paras.is_empty() || self.runs.is_empty() {
            return;
        }
        let hidden = self.run_trick();
        let len = self.paras.last().map_or(0, |p| p.len);
        if !self.room(len, s.len()) {
            return;
        }
        let Some(para) = self.paras.last_mut() else { return };
        para.len += s.len();
        match para.pieces.last_mut() {
            Some(last) if last.hidden == hidden => last.text.push_str(s),
            _ => para.pieces.push(Piece { text: s.to_string(), hidden }),
        }
    }

    fn cell_text(&mut self, s: &str) {
        if let Some(row) = self.row.as_mut() {
            if let Some(cell) = row.cells.last_mut() {
                row.len += s.len();
                cell.push(Piece::visible(s));
            }
        }
    }

    fn heading_level(&self, para: &Para) -> Option<u8> {
        if let Some(id) = para.style.as_deref() {
            let name = self.styles.by_id.get(id).map_or("", |s| s.name.as_str());
            if let Some(n) = heading_number(name).or_else(|| heading_number(id)) {
                return Some(n);
            }
            if name == "title" || id.eq_ignore_ascii_case("title") {
                return Some(1);
            }
        }
        let chain = para.style.as_deref().map(|id| self.styles.chain(id)).unwrap_or_default();
        let outline = para.outline.or_else(|| chain.iter().rev().find_map(|s| s.outline));
        outline.filter(|o| *o < 9).map(|o| o + 1)
    }

    fn label(&mut self, para: &Para) -> Option<Label> {
        let chain = para.style.as_deref().map(|id| self.styles.chain(id)).unwrap_or_default();
        let from_style = chain.iter().rev().find_map(|s| s.num_id);
        let style_ilvl = chain.iter().rev().find_map(|s| s.ilvl);
        let num_id = para.num_id.or(from_style)?;
        if num_id == 0 {
            return None;
        }
        let ilvl = para.ilvl.or(style_ilvl).or_else(|| {
            // A style attached to a list level carries no level of its own: the level names the style.
            let style = para.style.as_deref()?;
            let abs = self.numbering.abstract_of(num_id, self.styles)?;
            let levels = &self.numbering.abstracts.get(&abs)?.levels;
            levels.iter().find(|(_, l)| l.style.as_deref() == Some(style)).map(|(i, _)| *i)
        });
        self.counters.next(self.numbering, self.styles, num_id, ilvl.unwrap_or(0).min(8))
    }

    /// An entry of a table of contents: styled "toc 1" to "toc 9".
    fn is_contents_entry(&self, para: &Para) -> bool {
        let Some(id) = para.style.as_deref() else { return false };
        let name = self.styles.by_id.get(id).map_or("", |s| s.name.as_str());
        [name, id].iter().any(|s| {
            let lower = s.to_ascii_lowercase();
            lower.strip_prefix("toc").is_some_and(|n| n.trim().parse::<u8>().is_ok_and(|n| (1..=9).contains(&n)))
        })
    }

    fn end_paragraph(&mut self) {
        let Some(mut para) = self.paras.pop() else { return };
        if para.mark_deleted {
            if self.room(self.carry_len, para.len) {
                self.carry_len += para.len;
                self.carry.append(&mut para.pieces);
            }
            return;
        }
        if self.is_contents_entry(&para) {
            // A table of contents is generated from the headings, and its page numbers move with every edit.
            self.contents += 1;
            if self.row.is_none() {
                self.push_line(Line { kind: BlockKind::Paragraph, pieces: Vec::new() });
            }
            return;
        }
        if !self.room(self.carry_len, para.len) {
            return;
        }
        let mut len = std::mem::take(&mut self.carry_len) + para.len;
        let mut pieces = std::mem::take(&mut self.carry);
        pieces.append(&mut para.pieces);
        let visible = pieces.iter().any(|p| p.hidden.is_none() && !p.text.trim().is_empty());
        let heading = self.heading_level(&para);
        let label = if para.mark_hidden && !visible { None } else { self.label(&para) };
        let list_style = para.style.as_deref().is_some_and(|id| {
            self.styles.by_id.get(id).is_some_and(|s| s.name.to_ascii_lowercase().contains("list"))
                || id.contains("List")
        });
        let kind = match (&heading, &label) {
            (Some(level), _) => BlockKind::Heading(*level),
            // A list-styled paragraph that carries its own "(a)" label in its text.
            (None, None) if list_style && self.row.is_none() => BlockKind::ListItem,
            (None, Some(Label::Bullet)) => BlockKind::ListItem,
            (None, Some(Label::Text(l))) if list_style || !clause_like(l) => BlockKind::ListItem,
            _ => BlockKind::Paragraph,
        };
        if let (Some(Label::Text(l)), true) = (&label, visible) {
            len += l.len() + 1;
            pieces.insert(0, Piece::visible(&format!("{l} ")));
        }
        let row_len = self.row.as_ref().map(|r| r.len);
        if let Some(row_len) = row_len {
            // A row is one line: its paragraphs together are held to the limit.
            if !self.room(row_len, len + 1) {
                return;
            }
        }
        if let Some(row) = self.row.as_mut() {
            row.len += len + 1;
            if row.cells.is_empty() {
                row.cells.push(Vec::new());
            }
            if let Some(cell) = row.cells.last_mut() {
                if cell.last().is_some_and(|p| !p.text.ends_with(' ')) {
                    cell.push(Piece::visible(" "));
                }
                cell.append(&mut pieces);
            }
        } else {
            self.push_line(Line { kind, pieces });
        }
    }

    fn end_row(&mut self) {
        let Some(row) = self.row.take() else { return };
        if row.deleted {
            return;
        }
        let cells: Vec<Vec<Piece>> = row.cells.into_iter().map(trim_pieces).collect();
        let any_visible = cells.iter().flatten().any(|p| p.hidden.is_none() && !p.text.trim().is_empty());
        let mut pieces = Vec::new();
        for (i, mut cell) in cells.into_iter().enumerate() {
            if i > 0 && any_visible {
                pieces.push(Piece::visible(" | "));
            }
            pieces.append(&mut cell);
        }
        self.push_line(Line { kind: BlockKind::TableRow, pieces });
    }

    fn flush_carry(&mut self) {
        if !self.carry.is_empty() {
            let pieces = std::mem::take(&mut self.carry);
            self.carry_len = 0;
            self.push_line(Line { kind: BlockKind::Paragraph, pieces });
        }
    }

    /// The last lines read and what was counted, once the whole body has been walked.
    ///
    /// # Errors
    /// A paragraph or row was longer than the limit, and reading stopped there.
    pub(super) fn finish(mut self) -> Result<(Vec<Line>, BodyText), InputError> {
        if self.error.is_none() {
            self.flush_carry();
        }
        if let Some(e) = self.error {
            return Err(e);
        }
        let counts = BodyText {
            revisions: self.revisions,
            authors: self.authors,
            footnotes: self.footnotes,
            endnotes: self.endnotes,
            embedded: self.embedded,
            contents: self.contents,
        };
        Ok((self.lines, counts))
    }
}

/// Whether a list label numbers a clause ("7.3", "Section 5.02.") rather than an item ("(a)", "1.", "iv.").
fn clause_like(label: &str) -> bool {
    let b = label.as_bytes();
    let dotted = b.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    let worded = label.split_whitespace().next().is_some_and(|w| w.len() >= 3 && w.chars().all(char::is_alphabetic))
        && label.split_whitespace().count() > 1;
    dotted || worded
}

/// A cell's pieces without the spaces at its two ends.
fn trim_pieces(mut pieces: Vec<Piece>) -> Vec<Piece> {
    if let Some(first) = pieces.iter_mut().find(|p| p.hidden.is_none()) {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = pieces.iter_mut().rev().find(|p| p.hidden.is_none()) {
        last.text = last.text.trim_end().to_string();
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::super::testing::{p, read, styled, styles, texts};
    use crate::document::BlockKind;

    #[test]
    fn runs_join_and_fields_show_their_results() {
        let body = concat!(
            "<w:p><w:r><w:t>MCP sh</w:t></w:r><w:r><w:t>all act</w:t></w:r><w:r><w:tab/><w:t>now;</w:t><w:br/>",
            "<w:t>non</w:t><w:noBreakHyphen/><w:t>binding</w:t><w:sym w:char=\"F0E0\"/></w:r></w:p>",
            "<w:p><w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t>link</w:t></w:r></w:hyperlink>",
            "<w:sdt><w:sdtPr><w:alias w:val=\"a\"/></w:sdtPr><w:sdtContent><w:r><w:t> control</w:t></w:r></w:sdtContent></w:sdt>",
            "<w:fldSimple w:instr=\" REF x \"><w:r><w:t> simple</w:t></w:r></w:fldSimple>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t> result</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:r><w:t xml:space=\"preserve\"> &amp; &#x41;</w:t></w:r></w:p>",
        );
        let doc = read(body, &[]);
        assert_eq!(texts(&doc), ["MCP shall act now; non-binding", "link control simple result & A"]);
    }
    #[test]
    fn table_rows_are_blocks_with_cells_joined() {
        let cell = |t: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", p(t));
        let nested =
            format!("<w:tc><w:tbl><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl></w:tc>", cell("x"), cell("y"), cell("z"));
        let body = format!(
            "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{nested}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
            p("Before"),
            cell("Party"),
            cell("Duty"),
            cell("MCP"),
            cell(""),
            cell(""),
            p("After")
        );
        let doc = read(&body, &[]);
        assert_eq!(texts(&doc), ["Before", "Party | Duty", "MCP | x | y z", "After"]);
        assert_eq!(doc.blocks[1].kind, BlockKind::TableRow);
        // One line per paragraph or row, the empty row included.
        assert_eq!(&*doc.source, "Before\nParty | Duty\nMCP | x | y z\n\nAfter\n");
    }

    #[test]
    fn tracked_changes_are_compared_as_accepted() {
        let body = concat!(
            "<w:p><w:r><w:t xml:space=\"preserve\">MCP shall </w:t></w:r>",
            "<w:del w:id=\"1\" w:author=\"Ana\"><w:r><w:delText>promptly </w:delText></w:r></w:del>",
            "<w:ins w:id=\"2\" w:author=\"Ben\"><w:r><w:t xml:space=\"preserve\">eventually </w:t></w:r></w:ins>",
            "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"3\" w:author=\"Ana\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>act.</w:t></w:r></w:p>",
            "<w:p><w:moveFrom w:id=\"4\" w:author=\"Ana\"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom></w:p>",
            "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"Ana\"/></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">Joined </w:t></w:r></w:p>",
            "<w:p><w:r><w:t>paragraph.</w:t></w:r><w:moveTo w:id=\"6\" w:author=\"Ana\"><w:r><w:t xml:space=\"preserve\"> Moved here.</w:t></w:r></w:moveTo></w:p>",
        );
        let doc = read(body, &[]);
        assert_eq!(texts(&doc), ["MCP shall eventually act.", "Joined paragraph. Moved here."]);
        assert_eq!(
            doc.notes,
            ["the file has 5 pending tracked changes by Ana, Ben; they were compared as if accepted"]
        );
    }

    #[test]
    fn a_table_of_contents_is_left_out() {
        let st = styles("<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style>");
        let body = [styled("TOC1", "1. Duties\t3"), styled("TOC1", "2. Records\t4"), p("Body.")].concat();
        let doc = read(&body, &[("word/styles.xml", &st)]);
        assert_eq!(texts(&doc), ["Body."]);
        assert_eq!(&*doc.source, "\n\nBody.\n");
        assert_eq!(
            doc.notes,
            ["the table of contents (2 entries) was not compared: Word generates it from the headings"]
        );
    }
}
