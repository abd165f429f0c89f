//! The redline: the whole edited MOU with every difference from its baseline marked, drawn from the same
//! comparison and findings as `mou check`, so the Markdown, HTML and Word redlines can never disagree with the
//! check or with each other.
//!
//! A [`Redline`] is a list of blocks, each a run of [`Segment`]s that are the same, inserted or deleted.
//! Accepting every change (keeping `Same` and `Insert` text) gives exactly the edited document's text;
//! rejecting every change (keeping `Same` and `Delete` text) gives exactly the baseline's.

pub mod critic;
pub mod html;

use crate::check::FileReport;
use crate::compare::sentences::sentences;
use crate::compare::slots::base_tokens;
use crate::compare::words::{align, tokens, WordOp};
use crate::document::normalize::{normalize, Token};
use crate::document::{Block, BlockKind};
use crate::rules::{Finding, Kind, Verdict};
use std::collections::HashMap;
use std::ops::Range;

/// Whether a segment is kept, added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// In both texts.
    Same,
    /// Only in the edited text.
    Insert,
    /// Only in the baseline.
    Delete,
}

/// Why a segment differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Unchanged text.
    Plain,
    /// A change `mou check` reports.
    Change,
    /// Part of a provision that moved.
    Moved,
    /// Text the parties wrote into a bracketed fill-in of the baseline.
    FillIn,
    /// A difference of form only (quotes, dashes, spacing).
    Cosmetic,
}

/// A run of text in a redline block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Kept, inserted or deleted.
    pub op: Op,
    /// Why it differs.
    pub class: Class,
    /// The text.
    pub text: String,
    /// Findings to show next to this segment, by index into [`Redline::findings`].
    pub findings: Vec<usize>,
}

/// The layout of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A heading of this level (1 for the title).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list item.
    ListItem,
    /// A table row, cells separated by " | ".
    TableRow,
}

/// One block of the redline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedlineBlock {
    /// Its layout.
    pub style: Style,
    /// Its section path.
    pub section: String,
    /// Its text, as segments.
    pub segments: Vec<Segment>,
}

impl RedlineBlock {
    /// The block's text as it reads with every change accepted, or, for a block deleted whole, as it read before:
    /// what its label and layout are taken from.
    #[must_use]
    pub fn shown_text(&self) -> String {
        let with = |op: Op| self.segments.iter().filter(|s| s.op != op).map(|s| s.text.as_str()).collect::<String>();
        let accepted = with(Op::Delete);
        if accepted.trim().is_empty() {
            with(Op::Insert)
        } else {
            accepted
        }
    }
}

/// What a reviewer needs to confirm which files a redline describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The baseline, as reports name it.
    pub baseline: String,
    /// SHA-256 of the baseline text.
    pub baseline_sha256: String,
    /// The edited file.
    pub edited: String,
    /// SHA-256 of the edited file's text.
    pub edited_sha256: String,
    /// Template ids and versions.
    pub templates: Vec<(String, String)>,
    /// SHA-256 of the party file, when the baseline came from one.
    pub party_sha256: Option<String>,
    /// The tool and its version.
    pub tool: String,
    /// The date the redline was made (YYYY-MM-DD).
    pub date: String,
    /// The parties, when known: every name that signs.
    pub parties: Vec<String>,
    /// The baseline's optional provisions, and whether the MOU includes each one.
    pub optional: Vec<(String, bool)>,
}

impl Provenance {
    /// The optional provisions, as a cover line lists them ("6.5 Joint Training (included); 8.5 Co-Location (left
    /// out)"), when the baseline has any.
    #[must_use]
    pub fn optional_line(&self) -> Option<String> {
        (!self.optional.is_empty()).then(|| {
            self.optional
                .iter()
                .map(|(n, inc)| format!("{n} ({})", if *inc { "included" } else { "left out" }))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

/// A redline of one edited MOU.
#[derive(Debug, Clone)]
pub struct Redline {
    /// The blocks in edited order, with deleted blocks where they stood.
    pub blocks: Vec<RedlineBlock>,
    /// The findings of the check, in position order.
    pub findings: Vec<Finding>,
    /// The verdict of the check.
    pub verdict: Verdict,
    /// Provenance for the cover and document properties.
    pub provenance: Provenance,
}

fn style_of(b: &Block) -> Style {
    match b.kind {
        BlockKind::Heading(l) => Style::Heading(l),
        BlockKind::Paragraph => Style::Paragraph,
        BlockKind::ListItem => Style::ListItem,
        BlockKind::TableRow => Style::TableRow,
    }
}

/// Byte range of a token range, or an empty range at `at` when the token range is empty.
fn byte_range(toks: &[crate::document::normalize::Token], r: &Range<usize>, at: usize) -> Range<usize> {
    if r.is_empty() {
        at..at
    } else {
        toks[r.start].start..toks[r.end - 1].end
    }
}

/// The segments between a baseline block's text and an edited text, with their byte ranges on each side.
fn segments(b: &Block, edit: &str) -> Vec<(Segment, Range<usize>, Range<usize>)> {
    let base: &str = &b.text;
    let et = tokens(edit);
    let aligned = align(base_tokens(b, 0..base.len()), &et, &b.slots);
    let (bt, mut ops) = (aligned.base, aligned.ops);
    slide_to_sentences(&mut ops, (&bt, base), (&et, edit));
    let mut out: Vec<(Segment, Range<usize>, Range<usize>)> = Vec::new();
    let seg = |op, class, text: &str| Segment { op, class, text: text.to_string(), findings: Vec::new() };
    // Text between changes: the same, or a fill-in, or a difference of form.
    let gap = |out: &mut Vec<(Segment, Range<usize>, Range<usize>)>, b: Range<usize>, e: Range<usize>| {
        let (bs, es) = (&base[b.clone()], &edit[e.clone()]);
        if bs == es {
            if !bs.is_empty() {
                out.push((seg(Op::Same, Class::Plain, bs), b, e));
            }
            return;
        }
        let class = if normalize(bs) == normalize(es) { Class::Cosmetic } else { Class::FillIn };
        // Keep the common prefix and suffix plain, so a filled-in name does not swallow its sentence.
        let pre = common_prefix(bs, es);
        let suf = common_suffix(&bs[pre..], &es[pre..]);
        if pre > 0 {
            out.push((seg(Op::Same, Class::Plain, &bs[..pre]), b.start..b.start + pre, e.start..e.start + pre));
        }
        let (bm, em) = (&bs[pre..bs.len() - suf], &es[pre..es.len() - suf]);
        if !bm.is_empty() {
            out.push((seg(Op::Delete, class, bm), b.start + pre..b.end - suf, e.start + pre..e.start + pre));
        }
        if !em.is_empty() {
            out.push((seg(Op::Insert, class, em), b.end - suf..b.end - suf, e.start + pre..e.end - suf));
        }
        if suf > 0 {
            out.push((seg(Op::Same, Class::Plain, &bs[bs.len() - suf..]), b.end - suf..b.end, e.end - suf..e.end));
        }
    };
    let (mut bpos, mut epos) = (0usize, 0usize);
    for op in &ops {
        let br = byte_range(&bt, &op.old, bt.get(op.old.start).map_or(base.len(), |t| t.start));
        let er = byte_range(&et, &op.new, et.get(op.new.start).map_or(edit.len(), |t| t.start));
        gap(&mut out, bpos..br.start, epos..er.start);
        if !br.is_empty() {
            out.push((seg(Op::Delete, Class::Change, &base[br.clone()]), br.clone(), er.start..er.start));
        }
        if !er.is_empty() {
            out.push((seg(Op::Insert, Class::Change, &edit[er.clone()]), br.end..br.end, er.clone()));
        }
        bpos = br.end;
        epos = er.end;
    }
    gap(&mut out, bpos..base.len(), epos..edit.len());
    keep_spaces_with_changes(out)
}

/// One side of a block: its tokens and the text they index.
#[derive(Clone, Copy)]
struct Side<'a> {
    toks: &'a [Token],
    text: &'a str,
    /// Where its sentences start and end, in bytes.
    starts: &'a [usize],
    ends: &'a [usize],
}

impl<'a> Side<'a> {
    fn token(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// How well a span of tokens keeps to sentences: 2 when it starts a sentence, 1 more when it ends one.
    fn fit(&self, r: &Range<usize>) -> usize {
        2 * usize::from(self.starts.contains(&self.toks[r.start].start))
            + usize::from(self.ends.contains(&self.toks[r.end - 1].end))
    }
}

/// Moves each pure deletion and pure insertion along the text it repeats, to where it covers whole sentences.
///
/// A word diff may place the deletion of "MCP remains liable." from "perform. MCP remains liable. MCP must
/// report." as "remains liable. MCP": the same words, but read as a cut across two sentences. Where the token
/// before the span equals its last one (or the token after it its first one), the span can move without
/// changing what accepting or rejecting gives; it goes where it starts and ends on sentence boundaries, and
/// stays where it is when no place is better.
fn slide_to_sentences(ops: &mut [WordOp], (bt, base): (&[Token], &str), (et, edit): (&[Token], &str)) {
    let bounds = |text: &str| {
        let s = sentences(text, 0);
        (s.iter().map(|r| r.start).collect::<Vec<_>>(), s.iter().map(|r| r.end).collect::<Vec<_>>())
    };
    let ((bs, be), (es, ee)) = (bounds(base), bounds(edit));
    let old = Side { toks: bt, text: base, starts: &bs, ends: &be };
    let new = Side { toks: et, text: edit, starts: &es, ends: &ee };
    for k in 0..ops.len() {
        // A span may move only within the equal text between its neighbours.
        let lo = if k == 0 { (0, 0) } else { (ops[k - 1].old.end, ops[k - 1].new.end) };
        let hi = ops.get(k + 1).map_or((bt.len(), et.len()), |n| (n.old.start, n.new.start));
        let op = &mut ops[k];
        // The side that has the span, where it may move, and the empty place on the other side.
        let (span, place, own, other, (lo, other_lo), (hi, other_hi)) = match (op.old.is_empty(), op.new.is_empty()) {
            (false, true) => (&mut op.old, &mut op.new, old, new, lo, hi),
            (true, false) => (&mut op.new, &mut op.old, new, old, (lo.1, lo.0), (hi.1, hi.0)),
            _ => continue,
        };
        // Token `from` of the span can become token `to`, where the other side has token `at`.
        let same =
            |from: usize, to: usize, at: usize| own.token(from) == own.token(to) && own.token(to) == other.token(at);
        let (mut best, mut best_fit) = (span.clone(), own.fit(span));
        let (mut s, mut p) = (span.clone(), place.start);
        while s.start > lo && p > other_lo && same(s.end - 1, s.start - 1, p - 1) {
            (s, p) = (s.start - 1..s.end - 1, p - 1);
            if own.fit(&s) > best_fit {
                (best, best_fit) = (s.clone(), own.fit(&s));
            }
        }
        let (mut s, mut p) = (span.clone(), place.start);
        while s.end < hi && p < other_hi && same(s.start, s.end, p) {
            (s, p) = (s.start + 1..s.end + 1, p + 1);
            if own.fit(&s) > best_fit {
                (best, best_fit) = (s.clone(), own.fit(&s));
            }
        }
        let at = (place.start + best.start).saturating_sub(span.start);
        *span = best;
        *place = at..at;
    }
}

/// Joins the space between two sentences to the sentence deleted or inserted next to it: a whole sentence removed
/// from "perform. MCP remains liable." is the deletion of " MCP remains liable.", not of "MCP remains liable."
/// plus a space of form that a page may hide, which would run "perform." into the struck text.
fn keep_spaces_with_changes(
    segs: Vec<(Segment, Range<usize>, Range<usize>)>,
) -> Vec<(Segment, Range<usize>, Range<usize>)> {
    let spacing = |s: &Segment| s.op != Op::Same && s.class == Class::Cosmetic && s.text.trim().is_empty();
    let takes = |change: &Segment, space: &Segment| change.class == Class::Change && change.op == space.op;
    let mut out: Vec<(Segment, Range<usize>, Range<usize>)> = Vec::with_capacity(segs.len());
    let mut pending: Option<(Segment, Range<usize>, Range<usize>)> = None;
    for (seg, br, er) in segs {
        // A space before a change of the same kind joins it.
        if let Some((space, sbr, ser)) = pending.take() {
            if takes(&seg, &space) {
                let text = format!("{}{}", space.text, seg.text);
                out.push((Segment { text, ..seg }, sbr.start..br.end, ser.start..er.end));
                continue;
            }
            out.push((space, sbr, ser));
        }
        if spacing(&seg) {
            // A space after a change of the same kind joins it; another waits to see what follows.
            if let Some((last, lbr, ler)) = out.last_mut().filter(|(last, _, _)| takes(last, &seg)) {
                last.text.push_str(&seg.text);
                lbr.end = br.end;
                ler.end = er.end;
            } else {
                pending = Some((seg, br, er));
            }
            continue;
        }
        out.push((seg, br, er));
    }
    out.extend(pending);
    out
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).take_while(|((_, x), y)| x == y).last().map_or(0, |((i, c), _)| i + c.len_utf8())
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum()
}

/// Where a changed segment of the redline came from.
struct Place {
    base: Option<usize>,
    edit: Option<usize>,
    block: usize,
    segment: usize,
    base_range: Range<usize>,
    edit_range: Range<usize>,
}

/// Builds the redline of a checked file. `date` is recorded as the redline's date.
#[must_use]
pub fn build(report: &FileReport, date: &str, parties: Vec<String>) -> Redline {
    let (base, edited) = (&report.base, &report.edited);
    let mut blocks = Vec::new();
    // Where each changed segment came from, to anchor findings on it.
    let mut places: Vec<Place> = Vec::new();
    for row in &report.comparison.rows {
        let k = blocks.len();
        match (row.base, row.edit) {
            (Some(i), Some(j)) if row.moved => {
                let e = &edited.blocks[j];
                let seg =
                    Segment { op: Op::Insert, class: Class::Moved, text: e.text.to_string(), findings: Vec::new() };
                places.push(Place {
                    base: Some(i),
                    edit: Some(j),
                    block: k,
                    segment: 0,
                    base_range: 0..0,
                    edit_range: 0..e.text.len(),
                });
                blocks.push(RedlineBlock { style: style_of(e), section: e.section.to_string(), segments: vec![seg] });
            }
            (Some(i), Some(j)) => {
                let (b, e) = (&base.blocks[i], &edited.blocks[j]);
                let mut segs = Vec::new();
                for (s, br, er) in segments(b, &e.text) {
                    if s.op != Op::Same {
                        places.push(Place {
                            base: Some(i),
                            edit: Some(j),
                            block: k,
                            segment: segs.len(),
                            base_range: br,
                            edit_range: er,
                        });
                    }
                    segs.push(s);
                }
                blocks.push(RedlineBlock { style: style_of(e), section: e.section.to_string(), segments: segs });
            }
            (Some(i), None) => {
                let b = &base.blocks[i];
                let class = if row.moved { Class::Moved } else { Class::Change };
                places.push(Place {
                    base: Some(i),
                    edit: None,
                    block: k,
                    segment: 0,
                    base_range: 0..b.text.len(),
                    edit_range: 0..0,
                });
                let seg = Segment { op: Op::Delete, class, text: b.text.to_string(), findings: Vec::new() };
                blocks.push(RedlineBlock { style: style_of(b), section: b.section.to_string(), segments: vec![seg] });
            }
            (None, Some(j)) => {
                let e = &edited.blocks[j];
                places.push(Place {
                    base: None,
                    edit: Some(j),
                    block: k,
                    segment: 0,
                    base_range: 0..0,
                    edit_range: 0..e.text.len(),
                });
                let seg =
                    Segment { op: Op::Insert, class: Class::Change, text: e.text.to_string(), findings: Vec::new() };
                blocks.push(RedlineBlock { style: style_of(e), section: e.section.to_string(), segments: vec![seg] });
            }
            (None, None) => {}
        }
    }
    // Anchor each finding on the first changed segment its change overlaps. The places are looked up by block,
    // so that many findings over many blocks do not each scan every place.
    let mut by_base: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_edit: HashMap<usize, Vec<usize>> = HashMap::new();
    for (n, p) in places.iter().enumerate() {
        if let Some(i) = p.base {
            by_base.entry(i).or_default().push(n);
        }
        if let Some(j) = p.edit {
            by_edit.entry(j).or_default().push(n);
        }
    }
    for (fi, f) in report.findings.iter().enumerate() {
        let Some(change) = f.change.and_then(|c| report.comparison.changes.get(c)) else { continue };
        let overlaps = |a: &Range<usize>, b: &Option<Range<usize>>| {
            b.as_ref().is_some_and(|b| a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1))
        };
        // Every place of the change's blocks is among the places of its baseline block, or, for an inserted
        // block, of its edited block.
        let related: &[usize] = match (change.base_block, change.edit_block) {
            (Some(i), _) => by_base.get(&i).map_or(&[], Vec::as_slice),
            (None, Some(j)) => by_edit.get(&j).map_or(&[], Vec::as_slice),
            (None, None) => &[],
        };
        let related = related.iter().map(|&n| &places[n]);
        let same_blocks = |p: &&Place| p.base == change.base_block && p.edit == change.edit_block;
        let overlapping =
            |p: &&Place| overlaps(&p.edit_range, &change.edit_range) || overlaps(&p.base_range, &change.base_range);
        let hit = related
            .clone()
            .filter(same_blocks)
            .find(overlapping)
            .or_else(|| related.clone().find(overlapping))
            .or_else(|| related.clone().find(same_blocks));
        if let Some(seg) =
            hit.and_then(|p| blocks.get_mut(p.block)).and_then(|b| b.segments.get_mut(hit.map_or(0, |p| p.segment)))
        {
            seg.findings.push(fi);
        }
    }
    Redline {
        blocks,
        findings: report.findings.clone(),
        verdict: report.verdict,
        provenance: Provenance {
            baseline: report.baseline.clone(),
            baseline_sha256: report.baseline_sha256(),
            edited: report.path.clone(),
            edited_sha256: report.edited_sha256(),
            templates: report.templates.clone(),
            party_sha256: report.party_sha256.clone(),
            tool: format!("mou {}", env!("CARGO_PKG_VERSION")),
            date: date.to_string(),
            parties,
            optional: report.optional.clone(),
        },
    }
}

impl Redline {
    /// The text with every change accepted: each block's text, blocks separated by a blank line.
    #[must_use]
    pub fn accepted(&self) -> String {
        self.text_with(|op| op != Op::Delete)
    }

    /// The text with every change rejected.
    #[must_use]
    pub fn rejected(&self) -> String {
        self.text_with(|op| op != Op::Insert)
    }

    fn text_with(&self, keep: impl Fn(Op) -> bool) -> String {
        let mut blocks = Vec::new();
        for b in &self.blocks {
            let t: String = b.segments.iter().filter(|s| keep(s.op)).map(|s| s.text.as_str()).collect();
            if !t.is_empty() {
                blocks.push(t);
            }
        }
        blocks.join("\n\n")
    }

    /// The findings that are not cosmetic, in order: the rows of a summary table.
    #[must_use]
    pub fn summary(&self) -> Vec<(usize, &Finding)> {
        self.findings.iter().enumerate().filter(|(_, f)| f.kind != Kind::Cosmetic).collect()
    }
}

/// Each document's blocks' text, separated by a blank line: what accepting (edited) or rejecting (baseline) every
/// change of a redline must give.
#[must_use]
pub fn plain_text(doc: &crate::document::Document, include_tainted: bool) -> String {
    doc.blocks.iter().filter(|b| include_tainted || !b.tainted).map(|b| &*b.text).collect::<Vec<_>>().join("\n\n")
}
