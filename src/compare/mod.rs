//! The comparison of an edited document with its baseline: blocks aligned (moves, renumbering and splits
//! included), then sentences inside changed blocks, then words inside changed sentences. The result is one list
//! of [`Change`]s, from which every finding, report and redline is drawn.

pub mod align;
pub mod sentences;
pub mod slots;
pub mod words;

use crate::document::normalize::{comparison_hash, normalize, tokenize, Token};
use crate::document::{Block, Document};
use align::{align, best_pairs, Lazy, Row, Subset, Unit, Units};
use slots::base_tokens;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use words::{WordOp, FILL};

/// What happened to a piece of baseline text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Only the form changed; the reason says how.
    Cosmetic,
    /// Baseline text was changed.
    Modified,
    /// Text was added.
    Inserted,
    /// Baseline text was removed.
    Deleted,
    /// A block was moved to another place.
    Moved,
}

/// One change between the baseline and the edited document.
#[derive(Debug, Clone)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// For a cosmetic change, how the form changed.
    pub reason: Option<&'static str>,
    /// The baseline block, if any.
    pub base_block: Option<usize>,
    /// The edited block, if any.
    pub edit_block: Option<usize>,
    /// Byte range of the changed unit in the baseline block's text.
    pub base_range: Option<Range<usize>>,
    /// Byte range of the changed unit in the edited block's text.
    pub edit_range: Option<Range<usize>>,
    /// The baseline text of the unit (a sentence or block).
    pub base_text: String,
    /// The edited text of the unit.
    pub edit_text: String,
    /// Tokens of `base_text`, fill-ins merged; none for a cosmetic change, whose words no rule reads.
    pub base_tokens: Vec<Token>,
    /// Tokens of `edit_text`; none for a cosmetic change.
    pub edit_tokens: Vec<Token>,
    /// The word differences, for a modification.
    pub ops: Vec<WordOp>,
    /// Whether the unit is a whole block rather than a sentence in it.
    pub whole_block: bool,
    /// Where in the edited source the change is, for a deletion the place the text was removed from.
    pub edit_offset: usize,
    /// Where in the edited source the change ends.
    pub edit_end: usize,
    /// The section the change is in.
    pub section: String,
    /// The slots the parties wrote past, as reports name them ("the fill-in [Title]"): text they wrote in a
    /// slot's place that goes beyond what the slot holds is part of this change.
    pub slots: Vec<Arc<str>>,
}

/// What the parties wrote in one slot of the baseline.
#[derive(Debug, Clone)]
pub struct FillRecord {
    /// The baseline block.
    pub base_block: usize,
    /// The slot, by its index among the block's slots.
    pub slot: usize,
    /// The edited block.
    pub edit_block: usize,
    /// The value as the parties wrote it (the part the slot's kind holds).
    pub value: String,
    /// Where the value starts in the edited source.
    pub edit_offset: usize,
}

/// How the blocks of the two documents line up, in edited order with deleted blocks where they stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockRow {
    /// The baseline block.
    pub base: Option<usize>,
    /// The edited block.
    pub edit: Option<usize>,
    /// Whether the block was moved: on a row with both blocks, it stands here now; on a row with only the
    /// baseline block, it stood here before.
    pub moved: bool,
    /// Whether both blocks have the same comparison text, so only their form can differ.
    pub same: bool,
}

/// The result of comparing two documents.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// The block alignment.
    pub rows: Vec<BlockRow>,
    /// The changes, in edited-document order.
    pub changes: Vec<Change>,
    /// What the parties wrote in each slot of the baseline that they filled, in edited-document order.
    pub fills: Vec<FillRecord>,
    /// The baseline's optional provisions, by name, and whether the edited MOU includes each one.
    pub optional: Vec<(Arc<str>, bool)>,
}

/// Compares `edited` with `base`. The baseline's slots take what the parties wrote in their place, as far as it
/// fits their kind; its optional provisions may be left out.
#[must_use]
pub fn compare(base: &Document, edited: &Document) -> Comparison {
    // A block that holds disguised text does not count as present: it takes no part in the alignment, so the
    // baseline provision it imitates is reported as removed.
    let edit_idx: Vec<usize> = (0..edited.blocks.len()).filter(|&i| !edited.blocks[i].tainted).collect();
    // Blocks are aligned by their keys; only those left unmatched are read word by word, to pair similar ones.
    let base_units = Lazy::new(base.blocks.iter().map(|b| b.key).collect(), |i| block_unit(&base.blocks[i]));
    let edit_units = Lazy::new(edited.blocks.iter().map(|b| b.key).collect(), |j| block_unit(&edited.blocks[j]));
    let mut rows: Vec<BlockRow> = align(&base_units, &Subset { all: &edit_units, idx: &edit_idx }, 0.5)
        .into_iter()
        .map(|r| match r {
            Row::Equal(i, j) => {
                // Equal keys: the same text, unless two texts' hashes collide, which the texts themselves rule out.
                let same = same_text(&base.blocks[i], &edited.blocks[edit_idx[j]]);
                BlockRow { base: Some(i), edit: Some(edit_idx[j]), moved: false, same }
            }
            Row::Changed(i, j) => BlockRow { base: Some(i), edit: Some(edit_idx[j]), moved: false, same: false },
            Row::Old(i) => BlockRow { base: Some(i), edit: None, moved: false, same: false },
            Row::New(j) => BlockRow { base: None, edit: Some(edit_idx[j]), moved: false, same: false },
        })
        .collect();
    find_moves(&mut rows, &base_units, &edit_units);

    // An optional provision is included when any of its blocks is; one left out whole is no change.
    let mut optional: Vec<(Arc<str>, bool)> = Vec::new();
    for (b, included) in rows.iter().filter_map(|r| r.base.map(|i| (&base.blocks[i], r.edit.is_some()))) {
        if let Some(name) = &b.optional {
            match optional.iter_mut().find(|(n, _)| n == name) {
                Some((_, inc)) => *inc |= included,
                None => optional.push((Arc::clone(name), included)),
            }
        }
    }
    let left_out =
        |b: &Block| b.optional.as_ref().is_some_and(|name| optional.iter().any(|(n, inc)| n == name && !inc));
    let mut changes = Vec::new();
    let mut fills = Vec::new();
    // The edited block at or after each row, found in one pass rather than once per deleted block.
    let mut next_edit = vec![None; rows.len() + 1];
    for k in (0..rows.len()).rev() {
        next_edit[k] = rows[k].edit.or(next_edit[k + 1]);
    }
    let mut last_edit = None;
    for (k, row) in rows.iter().enumerate() {
        if k > 0 {
            last_edit = rows[k - 1].edit.or(last_edit);
        }
        match (row.base, row.edit) {
            (Some(i), Some(j)) => {
                let (b, e) = (&base.blocks[i], &edited.blocks[j]);
                if row.moved {
                    changes.push(whole(ChangeKind::Moved, Some((i, b)), Some((j, e))));
                }
                compare_blocks(base, edited, (i, j), row.same, &mut changes, &mut fills);
            }
            (Some(_), None) if row.moved => {}
            (Some(i), None) => {
                let b = &base.blocks[i];
                if is_all_fill(b) || left_out(b) {
                    continue;
                }
                let mut c = whole(ChangeKind::Deleted, Some((i, b)), None);
                let at = anchor(next_edit[k + 1], last_edit, edited);
                c.edit_offset = at;
                c.edit_end = at;
                changes.push(c);
            }
            (None, Some(j)) => {
                changes.push(whole(ChangeKind::Inserted, None, Some((j, &edited.blocks[j]))));
            }
            (None, None) => {}
        }
    }
    Comparison { rows, changes, fills, optional }
}

/// Compares `edited` with several official texts combined into one MOU (a county that is both MHP and DMC-ODS):
/// `combined` holds the blocks of `parts` one after another, in that order. Every provision of each part must be
/// present, in any order relative to the other parts' provisions, and text that stands once in the edited MOU
/// counts for every part that has it. Text no part has is added text.
#[must_use]
pub fn compare_combined(parts: &[&Document], edited: &Document) -> Comparison {
    let each: Vec<Comparison> = parts.iter().map(|p| compare(p, edited)).collect();
    let offsets: Vec<usize> = parts.iter().scan(0, |at, p| Some(std::mem::replace(at, *at + p.blocks.len()))).collect();
    // Which part, if any, has each edited block; the first part to claim a block gives it its row.
    let mut claim: Vec<Option<(usize, BlockRow)>> = vec![None; edited.blocks.len()];
    for (k, c) in each.iter().enumerate() {
        for r in &c.rows {
            if let (Some(b), Some(j)) = (r.base, r.edit) {
                if claim[j].is_none() {
                    claim[j] = Some((k, BlockRow { base: Some(b + offsets[k]), ..*r }));
                }
            }
        }
    }
    // Rows in edited order, each part's deleted blocks where they stood in its own comparison.
    let mut before: Vec<Vec<BlockRow>> = vec![Vec::new(); edited.blocks.len() + 1];
    for (k, c) in each.iter().enumerate() {
        let mut pending = Vec::new();
        for r in &c.rows {
            match (r.base, r.edit) {
                (Some(b), None) => pending.push(BlockRow { base: Some(b + offsets[k]), ..*r }),
                (_, Some(j)) => before[j].append(&mut pending),
                (None, None) => {}
            }
        }
        before[edited.blocks.len()].append(&mut pending);
    }
    let mut rows = Vec::new();
    for (j, slot) in claim.iter().enumerate() {
        rows.append(&mut before[j]);
        rows.push(slot.map_or(BlockRow { base: None, edit: Some(j), moved: false, same: false }, |(_, r)| r));
    }
    rows.append(&mut before[edited.blocks.len()]);
    let mut changes = Vec::new();
    let mut fills = Vec::new();
    let mut optional = Vec::new();
    for (k, c) in each.into_iter().enumerate() {
        for mut ch in c.changes {
            match ch.base_block {
                Some(b) => ch.base_block = Some(b + offsets[k]),
                // Text added to the edited MOU is added only if no part has it.
                None if ch.edit_block.is_some_and(|j| claim[j].is_some()) => continue,
                None if k > 0 => continue, // the first part already reported it
                None => {}
            }
            changes.push(ch);
        }
        fills.extend(c.fills.into_iter().map(|f| FillRecord { base_block: f.base_block + offsets[k], ..f }));
        optional.extend(c.optional);
    }
    changes.sort_by_key(|c| (c.edit_offset, c.edit_end));
    Comparison { rows, changes, fills, optional }
}

/// The blocks of several documents, one after another, as one document named `name`: the baseline a combined MOU
/// is compared with. Its source is the first document's.
#[must_use]
pub fn combine(name: &str, parts: &[&Document]) -> Document {
    let mut doc = parts[0].clone();
    doc.name = name.to_string();
    doc.blocks = parts.iter().flat_map(|p| p.blocks.iter().cloned()).collect();
    doc.tricks = parts.iter().flat_map(|p| p.tricks.iter().cloned()).collect();
    doc.piece_starts = Vec::new();
    doc.pieces = std::sync::OnceLock::new();
    doc
}

/// Whether two blocks have the same comparison text: both headings or neither, and the same words.
fn same_text(b: &Block, e: &Block) -> bool {
    b.is_heading() == e.is_heading()
        && (std::sync::Arc::ptr_eq(&b.text, &e.text)
            || b.body_text() == e.body_text()
            || normalize(b.body_text()) == normalize(e.body_text()))
}

/// A block as the aligner sees it when it pairs similar blocks.
fn block_unit(b: &Block) -> Unit {
    let toks = base_tokens(b, b.body..b.text.len());
    Unit::new(b.key, toks.iter().filter(|t| t.word && t.key != FILL).map(|t| t.key.as_str()).collect::<Vec<_>>())
        .with_fill(toks.iter().any(|t| t.key == FILL))
}

/// Whether a baseline block is nothing but slots: the parties may leave it empty.
fn is_all_fill(b: &Block) -> bool {
    !b.slots.is_empty() && base_tokens(b, b.body..b.text.len()).iter().all(|t| t.key == FILL || !t.word)
}

/// Deleted and inserted blocks that are the same text, or nearly, are one block moved.
fn find_moves(rows: &mut [BlockRow], all_base: &impl Units, all_edit: &impl Units) {
    let olds: Vec<usize> = rows.iter().filter(|r| r.edit.is_none()).filter_map(|r| r.base).collect();
    let news: Vec<usize> = rows.iter().filter(|r| r.base.is_none()).filter_map(|r| r.edit).collect();
    if olds.is_empty() || news.is_empty() {
        return;
    }
    // Short blocks (a heading, "Reserved.") are too common to call a move.
    let olds: Vec<usize> = olds.into_iter().filter(|&i| all_base.get(i).words.len() >= 4).collect();
    let news: Vec<usize> = news.into_iter().filter(|&j| all_edit.get(j).words.len() >= 4).collect();
    // Each key's blocks, last first, so that taking the earliest is a pop.
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in olds.iter().rev() {
        by_key.entry(all_base.key(i)).or_default().push(i);
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut rest_new = Vec::new();
    for &j in &news {
        match by_key.get_mut(&all_edit.key(j)).and_then(Vec::pop) {
            Some(i) => pairs.push((i, j)),
            None => rest_new.push(j),
        }
    }
    let paired: std::collections::HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let rest_old: Vec<usize> = olds.into_iter().filter(|i| !paired.contains(i)).collect();
    pairs.extend(best_pairs(all_base, all_edit, &rest_old, &rest_new, 0.75));
    if pairs.is_empty() {
        return;
    }
    let moved_old: HashMap<usize, usize> = pairs.iter().copied().collect();
    let moved_new: HashMap<usize, usize> = pairs.iter().map(|&(i, j)| (j, i)).collect();
    for r in rows.iter_mut() {
        // The place a moved block left stays in the rows, marked, so a redline can show where it came from.
        if r.edit.is_none() && r.base.is_some_and(|i| moved_old.contains_key(&i)) {
            r.moved = true;
        }
        if r.base.is_none() {
            if let Some(&i) = r.edit.and_then(|j| moved_new.get(&j)) {
                r.base = Some(i);
                r.moved = true;
            }
        }
    }
}

/// The edited source offset where a deleted block stood: the start of the next edited block, or the end of the
/// previous one.
fn anchor(next: Option<usize>, previous: Option<usize>, edited: &Document) -> usize {
    if let Some(j) = next {
        return edited.blocks[j].source_offset(0);
    }
    if let Some(j) = previous {
        let b = &edited.blocks[j];
        return b.source_offset(b.text.len());
    }
    edited.source.len()
}

fn whole(kind: ChangeKind, b: Option<(usize, &Block)>, e: Option<(usize, &Block)>) -> Change {
    let base_text = b.map(|(_, b)| b.text.to_string()).unwrap_or_default();
    let edit_text = e.map(|(_, e)| e.text.to_string()).unwrap_or_default();
    let (start, end) = e.map_or((0, 0), |(_, e)| (e.source_offset(0), e.source_offset(e.text.len())));
    Change {
        kind,
        reason: None,
        base_block: b.map(|(i, _)| i),
        edit_block: e.map(|(j, _)| j),
        base_range: b.map(|(_, b)| 0..b.text.len()),
        edit_range: e.map(|(_, e)| 0..e.text.len()),
        // The rules read the words of a change of text; one that only changed form is never read word by word.
        base_tokens: b
            .filter(|_| kind != ChangeKind::Cosmetic)
            .map(|(_, b)| base_tokens(b, 0..b.text.len()))
            .unwrap_or_default(),
        edit_tokens: if kind == ChangeKind::Cosmetic { Vec::new() } else { tokenize(&edit_text) },
        base_text,
        edit_text,
        ops: Vec::new(),
        whole_block: true,
        edit_offset: start,
        edit_end: end,
        section: b.or(e).map(|(_, x)| x.section.to_string()).unwrap_or_default(),
        slots: Vec::new(),
    }
}

/// Changes inside a matched pair of blocks: cosmetic differences, then sentence by sentence.
fn compare_blocks(
    base: &Document,
    edited: &Document,
    (i, j): (usize, usize),
    same: bool,
    out: &mut Vec<Change>,
    fills: &mut Vec<FillRecord>,
) {
    let (b, e) = (&base.blocks[i], &edited.blocks[j]);
    // A block the edited document took from this very baseline block, where the two files have the same piece of
    // text, cannot differ in anything.
    if std::sync::Arc::ptr_eq(&b.text, &e.text) && b.kind == e.kind && b.label == e.label {
        return;
    }
    let cosmetic = |reason: &'static str| {
        let mut c = whole(ChangeKind::Cosmetic, Some((i, b)), Some((j, e)));
        c.reason = Some(reason);
        c
    };
    if b.label.is_some() && e.label.is_some() && b.label != e.label {
        out.push(cosmetic("renumbered"));
    }
    if b.kind != e.kind {
        out.push(cosmetic("block style changed (heading level, list or paragraph)"));
    }
    // The same comparison text: no sentence can differ, only the form.
    if same {
        if let Some(reason) = cosmetic_reason(base, b, edited, e) {
            out.push(cosmetic(reason));
        }
        return;
    }
    let bs = keep_slots_whole(sentences::sentences(&b.text, b.body), b);
    let es = sentences::sentences(&e.text, e.body);
    // Each sentence is read into tokens once: for its unit, and for its row when it stands alone in one.
    let unit = |text: &str, toks: &[Token]| {
        Unit::new(
            comparison_hash(text, 0),
            toks.iter().filter(|t| t.word && t.key != FILL).map(|t| t.key.as_str()).collect::<Vec<_>>(),
        )
        .with_fill(toks.iter().any(|t| t.key == FILL))
    };
    let mut btoks: Vec<Vec<Token>> = bs.iter().map(|r| base_tokens(b, r.clone())).collect();
    let mut etoks: Vec<Vec<Token>> = es.iter().map(|r| tokenize(&e.text[r.clone()])).collect();
    let bu: Vec<Unit> = bs.iter().zip(&btoks).map(|(r, t)| unit(&b.text[r.clone()], t)).collect();
    let eu: Vec<Unit> = es.iter().zip(&etoks).map(|(r, t)| unit(&e.text[r.clone()], t)).collect();
    let rows = merge_splits(align(&bu[..], &eu[..], 0.3), &bu, &eu);
    let before = out.len();
    let take = |cache: &mut [Vec<Token>], span: Span, make: &dyn Fn() -> Vec<Token>| match span {
        Some((x, y)) if x == y => std::mem::take(&mut cache[x]),
        _ => make(),
    };
    for row in rows {
        // Sentences with the same key read the same: no word of them differs, and they hold no slot.
        if let (Some((x, x2)), Some((y, y2))) = row {
            if x == x2 && y == y2 && bu[x].key == eu[y].key && !bu[x].has_fill {
                continue;
            }
        }
        let (br, er) = (row.0.map(|(x, y)| bs[x].start..bs[y].end), row.1.map(|(x, y)| es[x].start..es[y].end));
        let base_text = br.as_ref().map(|r| b.text[r.clone()].to_string()).unwrap_or_default();
        let edit_text = er.as_ref().map(|r| e.text[r.clone()].to_string()).unwrap_or_default();
        let base_toks = take(&mut btoks, row.0, &|| br.clone().map(|r| base_tokens(b, r)).unwrap_or_default());
        let edit_tokens = take(&mut etoks, row.1, &|| tokenize(&edit_text));
        let aligned = words::align(base_toks, &edit_tokens, &b.slots);
        let mut slot_labels: Vec<Arc<str>> = Vec::new();
        if let Some(er) = &er {
            for f in &aligned.fills {
                let slot = &b.slots[f.slot];
                if !f.value.is_empty() {
                    let (s, t) = (&edit_tokens[f.value.start], &edit_tokens[f.value.end - 1]);
                    fills.push(FillRecord {
                        base_block: i,
                        slot: f.slot,
                        edit_block: j,
                        value: edit_text[s.start..t.end].to_string(),
                        edit_offset: e.source_offset(er.start + s.start),
                    });
                }
                if !f.added.is_empty() {
                    let shown = if slot.expected.is_some() {
                        format!("the party value \"{}\"", slot.label)
                    } else {
                        format!("the fill-in [{}]", slot.label)
                    };
                    slot_labels.push(shown.into());
                }
            }
        }
        let (base_tokens, ops) = (aligned.base, aligned.ops);
        let kind = match (&br, &er) {
            (Some(_), Some(_)) if ops.is_empty() => continue,
            (Some(_), Some(_)) => ChangeKind::Modified,
            (Some(_), None) if base_tokens.iter().all(|t| t.key == FILL || !t.word) => continue,
            (Some(_), None) => ChangeKind::Deleted,
            (None, Some(_)) => ChangeKind::Inserted,
            (None, None) => continue,
        };
        let (start, end) = match &er {
            Some(r) => (e.source_offset(r.start), e.source_offset(r.end)),
            None => {
                // A deleted sentence: place it where the previous kept sentence ends, or at the block start.
                let at = out[before..].last().and_then(|c| c.edit_range.clone()).map_or(e.body, |r| r.end);
                (e.source_offset(at), e.source_offset(at))
            }
        };
        out.push(Change {
            kind,
            reason: None,
            base_block: Some(i),
            edit_block: Some(j),
            base_range: br,
            edit_range: er,
            base_text,
            edit_text,
            base_tokens,
            edit_tokens,
            ops,
            whole_block: false,
            edit_offset: start,
            edit_end: end,
            section: b.section.to_string(),
            slots: slot_labels,
        });
    }
    // Only the same words can differ in form alone; a block whose words differ only by fill-ins has no change.
    if out.len() == before && normalize(&b.text) == normalize(&e.text) {
        if let Some(reason) = cosmetic_reason(base, b, edited, e) {
            out.push(cosmetic(reason));
        }
    }
}

/// Sentence ranges of a baseline block, joined where a boundary would fall inside a slot: a slot is read whole.
fn keep_slots_whole(mut ranges: Vec<Range<usize>>, b: &Block) -> Vec<Range<usize>> {
    if b.slots.is_empty() {
        return ranges;
    }
    let mut k = 0;
    while k + 1 < ranges.len() {
        let cut = ranges[k].end;
        if b.slots.iter().any(|s| s.range.start < cut && cut < s.range.end) {
            ranges[k].end = ranges[k + 1].end;
            ranges.remove(k + 1);
        } else {
            k += 1;
        }
    }
    ranges
}

type Span = Option<(usize, usize)>;

/// Sentence rows as spans of units, with a sentence split in two (or two merged into one) kept together.
fn merge_splits(rows: Vec<Row>, bu: &[Unit], eu: &[Unit]) -> Vec<(Span, Span)> {
    let mut out: Vec<(Span, Span)> = rows
        .into_iter()
        .map(|r| match r {
            Row::Equal(a, b) | Row::Changed(a, b) => (Some((a, a)), Some((b, b))),
            Row::Old(a) => (Some((a, a)), None),
            Row::New(b) => (None, Some((b, b))),
        })
        .collect();
    let words = |units: &[Unit], (x, y): (usize, usize)| {
        let mut w: Vec<u64> = units[x..=y].iter().flat_map(|u| u.words.iter().copied()).collect();
        w.sort_unstable();
        w.dedup();
        Unit { key: 0, words: w, has_fill: false }
    };
    let score = |b: Span, e: Span| match (b, e) {
        (Some(b), Some(e)) => align::dice(&words(bu, b), &words(eu, e)),
        _ => 0.0,
    };
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (out[k], out[k + 1]);
        // A lone sentence next to a changed pair joins it when the pair reads better with it.
        let merged = match (a, b) {
            ((Some(x), Some(y)), (Some(z), None)) if z.0 == x.1 + 1 => Some((Some((x.0, z.1)), Some(y))),
            ((Some(x), Some(y)), (None, Some(z))) if z.0 == y.1 + 1 => Some((Some(x), Some((y.0, z.1)))),
            ((Some(z), None), (Some(x), Some(y))) if x.0 == z.1 + 1 => Some((Some((z.0, x.1)), Some(y))),
            ((None, Some(z)), (Some(x), Some(y))) if y.0 == z.1 + 1 => Some((Some(x), Some((z.0, y.1)))),
            _ => None,
        };
        if let Some(m) = merged {
            let pair = if a.0.is_some() && a.1.is_some() { a } else { b };
            if score(m.0, m.1) > score(pair.0, pair.1) + 0.05 {
                out[k] = m;
                out.remove(k + 1);
                continue;
            }
        }
        k += 1;
    }
    out
}

/// Why two blocks with the same comparison text look different in their sources, if they do.
fn cosmetic_reason(base: &Document, b: &Block, edited: &Document, e: &Block) -> Option<&'static str> {
    // Markup can only be compared within one format: Markdown emphasis has no counterpart in a Word file's text.
    if base.format != edited.format {
        return None;
    }
    // A block's source, without what preparing an official text cut out of it (a note inside a paragraph).
    let raw = |d: &Document, x: &Block| {
        let start = x.segments.first().map_or(0, |s| s.source_start);
        let end = x.segments.last().map_or(start, |s| if s.verbatim { s.source_start + s.len } else { s.source_start });
        let end = end.max(start);
        let mut out = String::new();
        let mut at = start;
        let first = d.cut.partition_point(|c| c.end <= start);
        for c in d.cut[first..].iter().take_while(|c| c.start < end) {
            out.push_str(d.source.get(at..c.start.max(at)).unwrap_or_default());
            at = at.max(c.end.min(end));
        }
        out.push_str(d.source.get(at..end).unwrap_or_default());
        out.replace("\r\n", "\n")
    };
    let slice = |x: &Block| -> Option<(usize, usize)> {
        let start = x.segments.first()?.source_start;
        let last = x.segments.last()?;
        Some((start, if last.verbatim { last.source_start + last.len } else { last.source_start }))
    };
    if let (Some((s1, e1)), Some((s2, e2))) = (slice(b), slice(e)) {
        if base.source.get(s1..e1.max(s1)) == edited.source.get(s2..e2.max(s2)) {
            return None;
        }
    }
    let (rb, re) = (raw(base, b), raw(edited, e));
    if rb == re {
        return None;
    }
    if rb.split_whitespace().eq(re.split_whitespace()) {
        return Some("line wrapping or spacing");
    }
    if normalize(&rb) == normalize(&re) {
        return Some("quotation marks, dashes or spaces");
    }
    Some("formatting (emphasis, list marker, heading style or escaping)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown::parse;

    #[test]
    fn fill_in_items_pair_with_their_filled_text() {
        let b = parse("b", "- (a) to [MCP legal name]: attention [MCP notice attention], [MCP notice address], email [MCP notice email];\n");
        let e = parse("e", "- (a) to Harbor Coast Health Plan: attention Legal Department, 100 Harbor Way, Suite 400, Sierra Vista, CA 95000, email notices@harborcoast.example;\n");
        let c = compare(&crate::document::placeholders::prepare(&b).0, &e);
        assert!(
            c.changes.is_empty(),
            "{:#?}",
            c.changes.iter().map(|c| (c.kind, &c.base_text, &c.edit_text, &c.ops)).collect::<Vec<_>>()
        );
    }

    /// Two list items that differ only in their fill-ins are equally similar to either filled item; with a block
    /// added further up (an optional provision), each must still pair with the item in its own place.
    #[test]
    fn fill_in_items_keep_their_order_when_blocks_were_added_above() {
        let items = "- (a) to [MCP legal name]: attention [MCP notice attention], email [MCP notice email];\n\
                     - (b) to [other party legal name]: attention [other party notice attention], email [other party notice email].\n";
        let base = format!("## 1. Terms\n\n1.1 MCP must keep records.\n\n## 2. Notices\n\n2.1 Notices go:\n\n{items}");
        let edited = "## 1. Terms\n\n1.1 MCP must keep records.\n\n1.2 MCP must train its staff each year.\n\n\
                      ## 2. Notices\n\n2.1 Notices go:\n\n\
                      - (a) to Harbor Coast Health Plan: attention Legal Department, email notices@harbor.example;\n\
                      - (b) to County of Sierra Vista: attention Director, email director@county.example.\n";
        let (b, e) = (crate::document::placeholders::prepare(&parse("b", base)).0, parse("e", edited));
        let c = compare(&b, &e);
        let pairs: Vec<(String, String)> = c
            .rows
            .iter()
            .filter_map(|r| {
                Some((b.blocks[r.base?].label.as_deref()?.to_string(), e.blocks[r.edit?].label.as_deref()?.to_string()))
            })
            .filter(|(l, _)| l.starts_with('('))
            .collect();
        assert_eq!(pairs, [("(a)".to_string(), "(a)".to_string()), ("(b)".to_string(), "(b)".to_string())]);
        let renumbered: Vec<&Change> = c.changes.iter().filter(|c| c.reason == Some("renumbered")).collect();
        assert!(renumbered.is_empty(), "{renumbered:#?}");
    }

    #[test]
    fn an_edited_block_whose_text_stands_unchanged_elsewhere_is_paired_with_its_edit() {
        let clause = "MCP must notify LGA in writing within five (5) Working Days after the change.";
        let base = format!("## 1. Notices\n\n{clause}\n\n## 2. Exhibit\n\n{clause}\n");
        let edited = base.replacen("five (5)", "ten (10)", 1);
        let c = compare(&parse("b", base), &parse("e", edited));
        let kinds: Vec<(ChangeKind, &str)> = c.changes.iter().map(|c| (c.kind, c.section.as_str())).collect();
        assert_eq!(kinds, vec![(ChangeKind::Modified, "1")], "{:#?}", c.changes);
    }
}
