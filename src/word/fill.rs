//! Filling an official Word file in place: the draft `mou build` writes from an imported template IS the official
//! document, with only the fill-ins' text changed, the drafting notes taken out and the optional provisions the
//! parties left out removed. Every other part of the package is copied byte for byte (see
//! [`Package::rewrite`]), and within `word/document.xml` only the runs, paragraphs and rows that change are
//! written again; every other byte of the part stays as DHCS wrote it.
//!
//! **Where each character is.** The changes arrive as ranges of the text of the blocks `word::parse` reads from the
//! file, the same text the fill-ins, notes and optional provisions were found in (see
//! `document::placeholders`). To find the XML behind a character, the reader itself is asked: each text node
//! (`w:t`) of the body gets a private-use sentinel that names it, the marked copy is read with the same reader,
//! and each line of the marked reading is aligned with the line of the real one. A character then names its text
//! node and its place in it, whatever the reader did around it (list labels, fields, tracked changes, hidden text,
//! table cells): there is no second reading of Word's rules here to drift from the first.
//!
//! **How a run changes.** A fill-in that Word split across several runs (`[MCP ` in one, `Name]` in the next) is
//! replaced as one: the value goes in a run of its own with the formatting of the fill-in's first run, and the
//! rest of the fill-in's text leaves the runs that held it. Highlighting that marked only the blank (the text on
//! either side is not highlighted) is not carried into the value. A value is data: it is escaped, a line break
//! becomes `w:br`, a tab `w:tab`, and other control characters are dropped.
//!
//! **What a removed paragraph leaves.** A paragraph that carries a section break (`w:sectPr`), or is the last
//! paragraph of a table cell, keeps its paragraph mark and properties without its text, so the page layout and
//! the table stay valid.

use super::custom;
use super::limits::LIMITS;
use super::package::Package;
use super::spans::{attribute, decoded_text, index, Element};
use super::xml::escape;
use crate::document::{BlockKind, Document};
use crate::error::InputError;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;

/// A change to the text of an official Word file, by block of the document `word::parse` reads from it and byte
/// range of that block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Replace a range (a fill-in, brackets included) with a value.
    Replace {
        /// The block.
        block: usize,
        /// The range of its text.
        range: Range<usize>,
        /// The value, as plain text.
        value: String,
    },
    /// Take a range out (a drafting note, an optional-provision marker).
    Cut {
        /// The block.
        block: usize,
        /// The range of its text.
        range: Range<usize>,
    },
    /// Take a whole block out (a note or marker standing alone, a provision the parties left out).
    Remove {
        /// The block.
        block: usize,
    },
}

impl Change {
    fn block(&self) -> usize {
        match self {
            Change::Replace { block, .. } | Change::Cut { block, .. } | Change::Remove { block } => *block,
        }
    }
}

/// Where a character of a line came from: a text node and the index of the character in it.
type Origin = Option<(usize, usize)>;

/// A text node (`w:t` in a run) of the body.
struct Node {
    /// The `w:t` element.
    el: usize,
    /// The run it is in.
    run: usize,
    /// Its text as the reader decodes it, or `None` when it holds markup the reader reads otherwise.
    text: Option<String>,
}

/// An official Word file read for filling in place.
pub struct Filler<'a> {
    bytes: &'a [u8],
    doc: &'a Document,
    main: String,
    /// A byte-order mark before the XML, kept as it is.
    bom: usize,
    xml: String,
    els: Vec<Element>,
    nodes: Vec<Node>,
    /// The node of each element that is a text node.
    node_of: BTreeMap<usize, usize>,
    /// Where each line of the document's source starts.
    line_starts: Vec<usize>,
    /// For each line of the source, where each of its characters came from.
    origins: Vec<Vec<Origin>>,
}

/// The first of the two private-use characters that name a text node.
const HI: u32 = 0xF_0000;
/// The second.
const LO: u32 = 0x10_0000;
/// How many values each of the two characters takes.
const SPAN: usize = 0xFFFE;

fn is_sentinel(c: char) -> bool {
    u32::from(c) >= HI
}

fn sentinel(node: usize) -> String {
    let hi = char::from_u32(HI + u32::try_from(node / SPAN).unwrap_or(0)).unwrap_or('\u{F0000}');
    let lo = char::from_u32(LO + u32::try_from(node % SPAN).unwrap_or(0)).unwrap_or('\u{100000}');
    format!("{hi}{lo}")
}

fn cannot(message: impl Into<String>) -> InputError {
    InputError::new(message)
}

impl<'a> Filler<'a> {
    /// Reads an official file's bytes for filling, with `doc` the document `word::parse` read from them.
    ///
    /// # Errors
    /// The file cannot be read, its body is not UTF-8, or it uses the private-use characters this module marks
    /// text with.
    pub fn new(bytes: &'a [u8], doc: &'a Document) -> Result<Self, InputError> {
        let mut pkg = Package::open(bytes, LIMITS)?;
        let main = pkg.main_part()?;
        let raw = pkg.read(&main)?.ok_or_else(|| cannot(format!("the Word file has no {main}")))?;
        let xml = String::from_utf8(raw).map_err(|_| {
            cannot(format!(
                "{main} is not UTF-8, so mou cannot fill it in place; open the file in Word and save it again"
            ))
        })?;
        let bom = if xml.starts_with('\u{feff}') { 3 } else { 0 };
        let body = xml[bom..].to_string();
        let els = index(&main, &body, &LIMITS)?;
        let mut nodes = Vec::new();
        let mut node_of = BTreeMap::new();
        for (i, el) in els.iter().enumerate() {
            let run = el.parent.filter(|&p| els[p].local == "r");
            if let (true, Some(run)) = (el.local == "t", run) {
                let text =
                    if el.is_empty() { Some(String::new()) } else { decoded_text(&body[el.open_end..el.close_start]) };
                if text.as_deref().is_some_and(|t| t.chars().any(is_sentinel)) {
                    return Err(cannot(
                        "the document holds private-use characters of the last two Unicode planes, so mou cannot fill it in place",
                    ));
                }
                node_of.insert(i, nodes.len());
                nodes.push(Node { el: i, run, text });
            }
        }
        let mut filler = Filler {
            bytes,
            doc,
            main,
            bom,
            xml: body,
            els,
            nodes,
            node_of,
            line_starts: Vec::new(),
            origins: Vec::new(),
        };
        filler.locate(&mut pkg)?;
        Ok(filler)
    }

    /// Works out where each character of each line came from, by reading a copy whose text nodes are marked.
    fn locate(&mut self, pkg: &mut Package<'_>) -> Result<(), InputError> {
        let mut marked = String::with_capacity(self.xml.len() + self.nodes.len() * 8);
        let mut at = 0;
        for (k, n) in self.nodes.iter().enumerate() {
            let el = &self.els[n.el];
            if el.is_empty() || n.text.as_deref().is_none_or(str::is_empty) {
                continue;
            }
            marked.push_str(&self.xml[at..el.open_end]);
            marked.push_str(&sentinel(k));
            at = el.open_end;
        }
        marked.push_str(&self.xml[at..]);
        let copy = pkg.rewrite(&[(self.main.as_str(), marked.as_bytes())])?;
        let read = super::parse_with_limits("marked.docx", &copy, LIMITS)?;
        let clean: Vec<&str> = self.doc.source.split('\n').collect();
        let marked_lines: Vec<&str> = read.source.split('\n').collect();
        if clean.len() != marked_lines.len() {
            return Err(cannot(
                "mou cannot tell where the document's paragraphs are in its XML, so it cannot fill it in place",
            ));
        }
        let mut start = 0;
        for (c, m) in clean.iter().zip(&marked_lines) {
            self.line_starts.push(start);
            start += c.len() + 1;
            self.origins.push(self.align(c, m));
        }
        Ok(())
    }

    /// The origin of each character of a line, from the same line read with its text nodes marked.
    fn align(&self, clean: &str, marked: &str) -> Vec<Origin> {
        let mut stripped: Vec<(char, Origin)> = Vec::with_capacity(marked.len());
        let mut current: Option<(usize, usize, usize)> = None; // node, next index, length
        let mut chars = marked.chars().peekable();
        while let Some(c) = chars.next() {
            if u32::from(c) >= LO {
                continue; // a second half without a first: not a sentinel of ours
            }
            if is_sentinel(c) {
                let Some(lo) = chars.next_if(|&d| u32::from(d) >= LO) else { continue };
                let node = (u32::from(c) - HI) as usize * SPAN + (u32::from(lo) - LO) as usize;
                let len = self.nodes.get(node).and_then(|n| n.text.as_deref()).map_or(0, |t| t.chars().count());
                current = Some((node, 0, len));
                continue;
            }
            let origin = match current.as_mut() {
                Some((node, next, len)) if *next < *len => {
                    *next += 1;
                    Some((*node, *next - 1))
                }
                Some((_, next, _)) => {
                    *next += 1;
                    None
                }
                None => None,
            };
            stripped.push((c, origin));
        }
        let clean: Vec<char> = clean.chars().collect();
        let mut out = vec![None; clean.len()];
        let mut j = 0;
        for (i, &c) in clean.iter().enumerate() {
            while j < stripped.len() && stripped[j].0 != c && stripped[j].0.is_whitespace() {
                j += 1;
            }
            match stripped.get(j) {
                Some(&(s, origin)) if s == c => {
                    out[i] = origin;
                    j += 1;
                }
                _ if c.is_whitespace() => {}
                // The two readings differ beyond spacing: no character of this line can be placed.
                _ => return vec![None; clean.len()],
            }
        }
        out
    }

    /// The line and the range of characters in it of a range of a block's text.
    fn chars_of(&self, block: usize, range: &Range<usize>) -> Option<(usize, Range<usize>)> {
        let b = self.doc.blocks.get(block)?;
        if b.segments.len() != 1 || !b.segments[0].verbatim || range.end > b.text.len() {
            return None;
        }
        let start = b.source_offset(range.start);
        let line = self.line_starts.partition_point(|&s| s <= start).checked_sub(1)?;
        let line_text = self.doc.source.get(self.line_starts[line]..)?.split('\n').next()?;
        let col = start - self.line_starts[line];
        let from = line_text.get(..col)?.chars().count();
        let len = b.text.get(range.clone())?.chars().count();
        Some((line, from..from + len))
    }

    /// The ancestors of an element with this local name, innermost first.
    fn ancestors<'s>(&'s self, el: usize, local: &'s str) -> impl Iterator<Item = usize> + 's {
        std::iter::successors(self.els[el].parent, move |&p| self.els[p].parent)
            .filter(move |&p| self.els[p].local == local)
    }

    /// Whether a table is a layout of signature blocks, which the reader reads as paragraphs.
    fn is_layout_table(&self, tbl: usize) -> bool {
        self.els.iter().enumerate().skip(tbl + 1).take_while(|(_, e)| e.start < self.els[tbl].end).any(|(_, e)| {
            e.local == "tblStyle"
                && e.parent.is_some_and(|p| self.els[p].parent == Some(tbl))
                && attribute(&self.xml, e, "val").is_some_and(|v| v.to_ascii_lowercase().contains("signature"))
        })
    }

    /// Why a change cannot be made in place, if it cannot.
    ///
    /// # Errors
    /// A one-sentence reason.
    pub fn check(&self, change: &Change) -> Result<(), String> {
        self.plan(change).map(|_| ())
    }

    /// The elements a change removes, or the runs it edits.
    fn plan(&self, change: &Change) -> Result<Planned, String> {
        let block = change.block();
        let b = self.doc.blocks.get(block).ok_or("no such paragraph")?;
        let unplaced = || "mou cannot tell which runs of the Word file hold this text".to_string();
        match change {
            Change::Remove { .. } => {
                let (line, _) = self.chars_of(block, &(0..b.text.len())).ok_or_else(unplaced)?;
                let nodes: BTreeSet<usize> = self.origins[line].iter().flatten().map(|&(n, _)| n).collect();
                let first = *nodes.iter().next().ok_or_else(unplaced)?;
                if b.kind == BlockKind::TableRow {
                    let el = self.nodes[first].el;
                    let row = self
                        .ancestors(el, "tr")
                        .filter(|&tr| self.ancestors(tr, "tbl").next().is_none_or(|t| !self.is_layout_table(t)))
                        .last()
                        .ok_or_else(unplaced)?;
                    return Ok(Planned::Elements(vec![row]));
                }
                let paras: BTreeSet<usize> =
                    nodes.iter().filter_map(|&n| self.ancestors(self.nodes[n].el, "p").next()).collect();
                Ok(Planned::Elements(paras.into_iter().collect()))
            }
            Change::Replace { range, value, .. } => self.run_edits(block, range, Some(value)).map(Planned::Runs),
            Change::Cut { range, .. } => self.run_edits(block, range, None).map(Planned::Runs),
        }
    }

    /// The run-level edits of a replacement or a cut: for each run, ranges of its text and what goes there.
    fn run_edits(&self, block: usize, range: &Range<usize>, value: Option<&String>) -> Result<Vec<RunEdit>, String> {
        let unplaced = || "mou cannot tell which runs of the Word file hold this text".to_string();
        let (line, chars) = self.chars_of(block, range).ok_or_else(unplaced)?;
        let origins = &self.origins[line];
        let mut chars = chars;
        // A cut may begin with the space before a note (see `placeholders::settle_cuts`). Only the runs that hold
        // the note change: a space in another run, or a tab or line break, stays where it is.
        if value.is_none() {
            let run_of = |i: usize| origins.get(i).copied().flatten().map(|(n, _)| self.nodes[n].run);
            let line_text = self.doc.source[self.line_starts[line]..].split('\n').next().unwrap_or_default();
            let text_run = line_text
                .chars()
                .enumerate()
                .skip(chars.start)
                .take(chars.len())
                .find_map(|(i, c)| (!c.is_whitespace()).then(|| run_of(i)).flatten());
            while chars.start < chars.end && (run_of(chars.start).is_none() || run_of(chars.start) != text_run) {
                chars.start += 1;
            }
        }
        let (Some(Some(first)), Some(Some(last))) = (origins.get(chars.start), origins.get(chars.end - 1)) else {
            return Err(unplaced());
        };
        let (first_run, last_run) = (self.nodes[first.0].run, self.nodes[last.0].run);
        let para = |run: usize| self.ancestors(run, "p").next();
        if para(first_run) != para(last_run) || para(first_run).is_none() {
            return Err("the text runs over more than one paragraph".into());
        }
        // Every run from the first to the last, in document order, within the paragraph.
        let runs: Vec<usize> = (first_run..=last_run)
            .filter(|&r| {
                self.els[r].local == "r" && para(r) == para(first_run) && self.ancestors(r, "r").next().is_none()
            })
            .collect();
        let mut edits = Vec::new();
        for &r in &runs {
            let layout = self.run_layout(r);
            let total = layout.iter().map(|c| c.len).sum::<usize>();
            let at = |o: (usize, usize)| -> Option<usize> {
                layout.iter().find(|c| c.node == Some(o.0)).map(|c| c.start + o.1)
            };
            let start = if r == first_run { at(*first).ok_or_else(unplaced)? } else { 0 };
            let end = if r == last_run { at(*last).ok_or_else(unplaced)? + 1 } else { total };
            if start >= end {
                continue;
            }
            edits.push(RunEdit {
                run: r,
                range: start..end,
                value: if r == first_run { value.cloned() } else { None },
                plain: r == first_run
                    && value.is_some()
                    && self.highlight(r).is_some()
                    && self.blank_only_highlight(line, &chars),
            });
        }
        Ok(edits)
    }

    /// Whether the highlighting of a fill-in's first run marks only the blank: the text on either side of it is
    /// not highlighted.
    fn blank_only_highlight(&self, line: usize, chars: &Range<usize>) -> bool {
        let origins = &self.origins[line];
        let highlighted = |i: Option<usize>| {
            i.and_then(|i| origins.get(i).copied().flatten())
                .is_some_and(|(n, _)| self.highlight(self.nodes[n].run).is_some())
        };
        let before = chars.start.checked_sub(1);
        !highlighted(before) && !highlighted(Some(chars.end))
    }

    /// The highlight element of a run's properties, if it has one.
    fn highlight(&self, run: usize) -> Option<usize> {
        let rpr = self.child(run, "rPr")?;
        self.children(rpr).find(|&c| self.els[c].local == "highlight")
    }

    fn children(&self, el: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.els[el].end;
        (el + 1..self.els.len())
            .take_while(move |&i| self.els[i].start < end)
            .filter(move |&i| self.els[i].parent == Some(el))
    }

    fn child(&self, el: usize, local: &str) -> Option<usize> {
        self.children(el).find(|&c| self.els[c].local == local)
    }

    /// The pieces of a run's content, with the text each reads as.
    fn run_layout(&self, run: usize) -> Vec<Content> {
        let mut at = 0;
        let mut out = Vec::new();
        for c in self.children(run) {
            let local = self.els[c].local.as_str();
            if local == "rPr" {
                continue;
            }
            let node = self.node_of.get(&c).copied();
            let len = match (node, local) {
                (Some(n), _) => self.nodes[n].text.as_deref().map_or(0, |t| t.chars().count()),
                (None, "tab" | "br" | "cr" | "ptab" | "noBreakHyphen") => 1,
                _ => 0,
            };
            out.push(Content { el: c, node, start: at, len });
            at += len;
        }
        out
    }

    /// The official file with `changes` made and `properties` recorded as custom document properties.
    ///
    /// # Errors
    /// A change cannot be made in place (the error names its paragraph), or the package cannot be written.
    pub fn fill(&self, changes: &[Change], properties: &[(String, String)]) -> Result<Vec<u8>, InputError> {
        let mut removed: BTreeSet<usize> = BTreeSet::new();
        let mut by_run: BTreeMap<usize, Vec<RunEdit>> = BTreeMap::new();
        for change in changes {
            let planned = self.plan(change).map_err(|why| {
                let b = &self.doc.blocks[change.block().min(self.doc.blocks.len().saturating_sub(1))];
                let at = self.doc.position(b.source_offset(0));
                cannot(format!("paragraph {}: {why}, so mou cannot fill it in place", at.line))
            })?;
            match planned {
                Planned::Elements(els) => removed.extend(els),
                Planned::Runs(edits) => {
                    for e in edits {
                        by_run.entry(e.run).or_default().push(e);
                    }
                }
            }
        }
        // What each removed element leaves behind.
        let mut replace: Vec<(Range<usize>, String)> = Vec::new();
        let gone = |el: usize| {
            removed
                .iter()
                .any(|&r| r != el && self.els[r].start <= self.els[el].start && self.els[el].end <= self.els[r].end)
        };
        let mut emptied_cells: BTreeSet<usize> = BTreeSet::new();
        // Last first: of the paragraphs removed from a cell, the last one keeps its mark, which a cell ends with.
        for &el in removed.iter().rev() {
            if gone(el) {
                continue;
            }
            let e = &self.els[el];
            let keep_mark = e.local == "p" && {
                let ppr = self.child(el, "pPr");
                let section = ppr.is_some_and(|p| self.child(p, "sectPr").is_some());
                let cell = e.parent.filter(|&p| self.els[p].local == "tc");
                let last_in_cell = cell.is_some_and(|tc| {
                    self.children(tc).filter(|&c| self.els[c].local == "p").all(|c| removed.contains(&c))
                        && emptied_cells.insert(tc)
                });
                section || last_in_cell
            };
            let text = if keep_mark { self.emptied_paragraph(el) } else { String::new() };
            replace.push((e.start..e.end, text));
        }
        for (run, mut edits) in by_run {
            if gone(run) || removed.contains(&run) {
                continue;
            }
            edits.sort_by_key(|e| e.range.start);
            let e = &self.els[run];
            replace.push((e.start..e.end, self.rewrite_run(run, &edits)));
        }
        replace.sort_by_key(|(r, _)| r.start);
        let mut body = String::with_capacity(self.xml.len());
        body.push_str(&"\u{feff}"[..self.bom]);
        let mut at = 0;
        for (r, text) in &replace {
            if r.start < at {
                continue; // inside something already replaced
            }
            body.push_str(&self.xml[at..r.start]);
            body.push_str(text);
            at = r.end;
        }
        body.push_str(&self.xml[at..]);
        let mut pkg = Package::open(self.bytes, LIMITS)?;
        let mut parts = if properties.is_empty() { Vec::new() } else { custom::record(&mut pkg, properties)? };
        parts.push((self.main.clone(), body.into_bytes()));
        let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        pkg.rewrite(&refs)
    }

    /// A paragraph without its text: its start tag and its properties, list numbering left out.
    fn emptied_paragraph(&self, p: usize) -> String {
        let e = &self.els[p];
        let mut out = self.xml[e.start..e.open_end].trim_end_matches('>').trim_end_matches('/').to_string();
        out.push('>');
        if let Some(ppr) = self.child(p, "pPr") {
            let pe = &self.els[ppr];
            let mut text = self.xml[pe.start..pe.end].to_string();
            if let Some(num) = self.child(ppr, "numPr") {
                let ne = &self.els[num];
                text.replace_range(ne.start - pe.start..ne.end - pe.start, "");
            }
            out.push_str(&text);
        }
        let _ = write!(out, "</{}>", e.name);
        out
    }

    /// A run written again with its edits: kept text in runs of its own formatting, each value in a run of the
    /// same formatting (without a highlight that marked only the blank).
    fn rewrite_run(&self, run: usize, edits: &[RunEdit]) -> String {
        let e = &self.els[run];
        let prefix = e.prefix();
        let open = &self.xml[e.start..e.open_end];
        let close = format!("</{}>", e.name);
        let rpr = self.child(run, "rPr");
        let rpr_xml = rpr.map_or(String::new(), |r| self.xml[self.els[r].start..self.els[r].end].to_string());
        let plain_rpr = match (rpr, self.highlight(run)) {
            // Nothing but the highlight: no properties at all.
            (Some(r), Some(_)) if self.children(r).count() == 1 => String::new(),
            (Some(r), Some(h)) => {
                let (r, h) = (&self.els[r], &self.els[h]);
                let mut s = rpr_xml.clone();
                s.replace_range(h.start - r.start..h.end - r.start, "");
                s
            }
            _ => rpr_xml.clone(),
        };
        let text_el = |t: &str| format!("<{prefix}t xml:space=\"preserve\">{}</{prefix}t>", escape(t));
        // Pieces of content, each with the run's own formatting or, for a value, without its highlight. Pieces of
        // the same formatting share a run.
        let mut pieces: Vec<(bool, String)> = Vec::new(); // (plain formatting?, xml)
        let mut push = |xml: String, plain: bool| {
            if xml.is_empty() {
                return;
            }
            match pieces.last_mut() {
                Some((p, text)) if *p == plain => text.push_str(&xml),
                _ => pieces.push((plain, xml)),
            }
        };
        let inside = |pos: usize| edits.iter().any(|ed| ed.range.contains(&pos));
        for c in self.run_layout(run) {
            let el = &self.els[c.el];
            let raw = &self.xml[el.start..el.end];
            let touched = edits.iter().any(|ed| ed.range.start < c.start + c.len && c.start < ed.range.end);
            let starts_here: Vec<&RunEdit> = edits
                .iter()
                .filter(|ed| ed.value.is_some() && (c.start..c.start + c.len).contains(&ed.range.start))
                .collect();
            match (c.node, touched) {
                (Some(n), true) => {
                    let chars: Vec<char> = self.nodes[n].text.as_deref().unwrap_or_default().chars().collect();
                    let mut kept = String::new();
                    for (i, ch) in chars.iter().enumerate() {
                        let pos = c.start + i;
                        if let Some(ed) = starts_here.iter().find(|ed| ed.range.start == pos) {
                            if !kept.is_empty() {
                                push(text_el(&std::mem::take(&mut kept)), false);
                            }
                            push(value_xml(prefix, ed.value.as_deref().unwrap_or_default()), ed.plain);
                        }
                        if !inside(pos) {
                            kept.push(*ch);
                        }
                    }
                    if !kept.is_empty() {
                        push(text_el(&kept), false);
                    }
                }
                // A tab or line break inside a fill-in or a note goes with it.
                (None, _) if c.len > 0 && inside(c.start) => {}
                _ => push(raw.to_string(), false),
            }
        }
        let mut out = String::new();
        for (plain, content) in pieces {
            let props = if plain { &plain_rpr } else { &rpr_xml };
            let _ = write!(out, "{open}{props}{content}{close}");
        }
        out
    }
}

/// The fill-ins of the parts around the body (headers, footers, footnotes and endnotes), found with the rules of
/// the body: each part's name and the fill-in's text. `mou build` fills the body only and keeps these parts byte
/// for byte, so such a fill-in is one for the parties to type in Word.
///
/// # Errors
/// The package cannot be read.
pub fn fill_ins_outside_body(bytes: &[u8]) -> Result<Vec<(String, String)>, InputError> {
    let mut pkg = Package::open(bytes, LIMITS)?;
    let main = pkg.main_part()?;
    let mut out = Vec::new();
    for (kind, part) in pkg.relationships(&main)? {
        let kind = kind.rsplit('/').next().unwrap_or_default();
        if !matches!(kind, "header" | "footer" | "footnotes" | "endnotes") {
            continue;
        }
        let Some(raw) = pkg.read(&part)? else { continue };
        let Ok(xml) = String::from_utf8(raw) else { continue };
        let xml = xml.trim_start_matches('\u{feff}');
        let els = index(&part, xml, &LIMITS)?;
        let mut paragraphs: BTreeMap<usize, String> = BTreeMap::new();
        for el in &els {
            let in_run = el.parent.is_some_and(|p| els[p].local == "r");
            if el.local != "t" || !in_run || el.is_empty() {
                continue;
            }
            let p = std::iter::successors(el.parent, |&p| els[p].parent).find(|&p| els[p].local == "p");
            if let (Some(p), Some(text)) = (p, decoded_text(&xml[el.open_end..el.close_start])) {
                paragraphs.entry(p).or_default().push_str(&text);
            }
        }
        let texts: Vec<&str> = paragraphs.values().map(String::as_str).collect();
        for found in crate::document::placeholders::find(&texts) {
            if found.kind == crate::document::placeholders::Bracket::FillIn {
                out.push((part.clone(), found.text.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
    }
    Ok(out)
}

/// A value as run content: text escaped, line breaks as `w:br`, tabs as `w:tab`, other control characters
/// dropped.
fn value_xml(prefix: &str, value: &str) -> String {
    let mut out = String::new();
    let mut text = String::new();
    let flush = |out: &mut String, text: &mut String| {
        if !text.is_empty() {
            let _ = write!(out, "<{prefix}t xml:space=\"preserve\">{}</{prefix}t>", escape(text));
            text.clear();
        }
    };
    let value = value.replace("\r\n", "\n");
    for c in value.chars() {
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                flush(&mut out, &mut text);
                let _ = write!(out, "<{prefix}br/>");
            }
            '\t' => {
                flush(&mut out, &mut text);
                let _ = write!(out, "<{prefix}tab/>");
            }
            c if c.is_control() => {}
            c => text.push(c),
        }
    }
    flush(&mut out, &mut text);
    out
}

/// A piece of a run's content and the text it reads as.
struct Content {
    el: usize,
    node: Option<usize>,
    start: usize,
    len: usize,
}

/// What a change does to the XML.
enum Planned {
    /// Elements (paragraphs or table rows) to remove.
    Elements(Vec<usize>),
    /// Runs to write again.
    Runs(Vec<RunEdit>),
}

/// A range of a run's text to take out, and the value that goes in its place, if any.
#[derive(Debug, Clone)]
struct RunEdit {
    run: usize,
    range: Range<usize>,
    value: Option<String>,
    /// Whether the value drops the run's highlight.
    plain: bool,
}

#[cfg(test)]
mod tests {
    use super::super::testing::{document, p, package, texts};
    use super::*;

    /// A body filled with the changes a function makes of its document: the new body XML and its reading.
    fn filled(body: &str, changes: impl Fn(&Document) -> Vec<Change>) -> (String, Document) {
        let bytes = package(&[("word/document.xml", &document(body))]);
        let doc = super::super::parse("o.docx", &bytes).unwrap();
        let out = Filler::new(&bytes, &doc).unwrap().fill(&changes(&doc), &[]).unwrap();
        let mut pkg = Package::open(&out, LIMITS).unwrap();
        let xml = String::from_utf8(pkg.read("word/document.xml").unwrap().unwrap()).unwrap();
        (xml, super::super::parse("d.docx", &out).unwrap())
    }

    fn replace(doc: &Document, block: usize, what: &str, value: &str) -> Change {
        let at = doc.blocks[block].text.find(what).unwrap();
        Change::Replace { block, range: at..at + what.len(), value: value.into() }
    }

    #[test]
    fn a_value_is_text_in_the_runs_formatting() {
        let body = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Name: [Name] signs.</w:t></w:r></w:p>";
        let (xml, doc) = filled(body, |d| vec![replace(d, 0, "[Name]", "A & <B>\nC\tD\u{1}")]);
        assert!(xml.contains(
            "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Name: </w:t><w:t xml:space=\"preserve\">A &amp; &lt;B&gt;</w:t><w:br/><w:t xml:space=\"preserve\">C</w:t><w:tab/><w:t xml:space=\"preserve\">D</w:t><w:t xml:space=\"preserve\"> signs.</w:t></w:r>"
        ), "{xml}");
        assert_eq!(texts(&doc), ["Name: A & <B> C D signs."]);
    }

    #[test]
    fn hidden_text_and_fields_around_a_fill_in_stay_as_they_are() {
        let hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space=\"preserve\">[Hidden] </w:t></w:r>";
        let field = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>REF [x]</w:instrText></w:r>\
                     <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Result</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
        let body =
            format!("<w:p>{hidden}<w:r><w:t xml:space=\"preserve\">MCP is [MCP Name]. </w:t></w:r>{field}</w:p>");
        let (xml, doc) = filled(&body, |d| {
            assert_eq!(texts(d), ["MCP is [MCP Name]. Result"]);
            vec![replace(d, 0, "[MCP Name]", "Poppy Plan")]
        });
        assert!(xml.contains(hidden) && xml.contains(field), "{xml}");
        assert_eq!(texts(&doc), ["MCP is Poppy Plan. Result"]);
    }

    #[test]
    fn a_removed_paragraph_keeps_a_section_break_and_a_cell_keeps_a_paragraph() {
        let section = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:sectPr><w:pgSz w:w=\"12240\"/></w:sectPr></w:pPr>\
                       <w:r><w:t>[Note: the Parties delete this note.]</w:t></w:r></w:p>";
        let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
        let table = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:tbl><w:tblPr><w:tblStyle w:val=\"SignatureTable\"/></w:tblPr><w:tr>{}</w:tr></w:tbl>",
            cell("Role"),
            cell("Name"),
            cell("Optional row"),
            cell("x"),
            cell("Signer line")
        );
        let body = format!("{}{section}{table}{}", p("Keep."), p("After."));
        let (xml, doc) = filled(&body, |d| {
            assert_eq!(
                texts(d),
                [
                    "Keep.",
                    "[Note: the Parties delete this note.]",
                    "Role | Name",
                    "Optional row | x",
                    "Signer line",
                    "After."
                ]
            );
            vec![Change::Remove { block: 1 }, Change::Remove { block: 3 }, Change::Remove { block: 4 }]
        });
        assert_eq!(texts(&doc), ["Keep.", "Role | Name", "After."]);
        assert!(xml.contains("<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"12240\"/></w:sectPr></w:pPr></w:p>"), "{xml}");
        assert!(!xml.contains("Optional row"));
        assert!(
            xml.contains("<w:tblStyle w:val=\"SignatureTable\"/></w:tblPr><w:tr><w:tc><w:p></w:p></w:tc></w:tr>"),
            "{xml}"
        );
    }
}
