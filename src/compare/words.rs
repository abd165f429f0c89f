//! Word diff inside matched text, on normalised word keys. A baseline's slots (bracketed fill-ins, party values)
//! are one token each, which takes whatever the parties wrote in its place as far as it fits the slot's kind (see
//! [`super::slots`]); what goes beyond is compared as text they added.

pub use super::slots::FILL;
use super::slots::{accepts_at, slot_of, value_len};
use crate::document::normalize::{tokenize, Token};
use crate::document::Slot;
use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};
use std::ops::Range;
use std::time::{Duration, Instant};

/// The tokens of a text that has no slots.
#[must_use]
pub fn tokens(text: &str) -> Vec<Token> {
    tokenize(text)
}

/// A difference between two token lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordOp {
    /// Insert, delete or replace.
    pub tag: DiffTag,
    /// Index range in the old tokens.
    pub old: std::ops::Range<usize>,
    /// Index range in the new tokens.
    pub new: std::ops::Range<usize>,
}

/// What the parties wrote in one slot's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fill {
    /// The slot, by its index among its block's slots.
    pub slot: usize,
    /// The edited tokens that are the slot's value.
    pub value: Range<usize>,
    /// The edited tokens written in the slot's place beyond what its kind holds: text the parties added.
    pub added: Range<usize>,
}

/// Two token lists aligned: the baseline's tokens with each slot replaced by its value, the differences between
/// those and the edited tokens, and what filled each slot.
#[derive(Debug, Clone, Default)]
pub struct Aligned {
    /// The baseline tokens as the parties filled them: each fill-in token replaced by the edited tokens of its
    /// value, which keep the fill-in's place in the baseline text.
    pub base: Vec<Token>,
    /// The differences between `base` and the edited tokens.
    pub ops: Vec<WordOp>,
    /// What filled each slot, in baseline order.
    pub fills: Vec<Fill>,
}

/// Aligns a baseline's tokens, whose fill-in tokens stand for `slots`, with the edited tokens.
#[must_use]
pub fn align(base: Vec<Token>, new: &[Token], slots: &[Slot]) -> Aligned {
    let has_fill = base.iter().any(|t| t.key == FILL);
    if !has_fill {
        let ops = diff(&base, new);
        return Aligned { base, ops, fills: Vec::new() };
    }
    let absorbed = if base.len().saturating_mul(new.len()) <= 250_000 {
        glob_absorbed(&base, new, slots)
    } else {
        // Too long to align word by word within bounds: no slot takes anything, so all the parties wrote reads as
        // changed text, which is never less than the truth.
        vec![None; base.len()]
    };
    let mut resolved = Vec::with_capacity(base.len() + new.len() / 4);
    let mut fills = Vec::new();
    for (i, t) in base.iter().enumerate() {
        if t.key != FILL {
            resolved.push(t.clone());
            continue;
        }
        let r = absorbed[i].clone().unwrap_or(0..0);
        let slot = slot_of(t, slots);
        let own = slot.is_some_and(|s| is_own_text(s, &new[r.clone()]));
        let n = match slot {
            _ if own => r.len(),
            Some(s) => value_len(s.kind, &new[r.start..], r.len()),
            None => r.len(),
        };
        for v in &new[r.start..r.start + n] {
            resolved.push(Token { start: t.start, end: t.end, slot: t.slot, ..v.clone() });
        }
        if let Some(s) = usize::from(t.slot).checked_sub(1) {
            fills.push(Fill { slot: s, value: r.start..r.start + n, added: r.start + n..r.end });
        }
    }
    let ops = diff(&resolved, new);
    Aligned { base: resolved, ops, fills }
}

/// Whether the edited tokens are the fill-in itself, brackets and all: a blank left unfilled.
fn is_own_text(slot: &Slot, toks: &[Token]) -> bool {
    let own = tokenize(&format!("[{}]", slot.label));
    !toks.is_empty() && own.len() == toks.len() && own.iter().zip(toks).all(|(a, b)| a.key == b.key)
}

/// The differences between two token lists; equal runs are left out.
#[must_use]
pub fn diff(old: &[Token], new: &[Token]) -> Vec<WordOp> {
    let ok: Vec<&str> = old.iter().map(|t| t.key.as_str()).collect();
    let nk: Vec<&str> = new.iter().map(|t| t.key.as_str()).collect();
    // Untrusted text can make a diff slow; past the deadline similar returns a coarser but correct diff.
    let deadline = Instant::now() + Duration::from_millis(200);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ok, &nk, Some(deadline));
    let mut out: Vec<WordOp> = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        // Merge with the previous op when they touch, so "a b" -> "c" is one replace.
        if let Some(last) = out.last_mut() {
            if last.old.end == o.start && last.new.end == n.start {
                last.old.end = o.end;
                last.new.end = n.end;
                last.tag = DiffTag::Replace;
                continue;
            }
        }
        out.push(WordOp { tag, old: o, new: n });
    }
    out
}

/// Which edited tokens each fill-in token of `old` takes: an edit-distance alignment like a glob match, in which a
/// fill-in takes one unbroken run of edited tokens its slot's kind accepts, at no cost, and every other token is
/// matched, deleted or inserted. Returns, for each old token, the range it took if it is a fill-in.
fn glob_absorbed(old: &[Token], new: &[Token], slots: &[Slot]) -> Vec<Option<Range<usize>>> {
    /// A row of the alignment: a token of `old`, a fill-in, or the gap after a fill-in, where text the parties
    /// wrote after the fill-in's value is inserted.
    #[derive(Clone, Copy)]
    enum Row {
        Token(usize),
        Fill(usize),
        Gap,
    }
    let mut rows = Vec::with_capacity(old.len() + 4);
    for (i, t) in old.iter().enumerate() {
        if t.key == FILL {
            rows.push(Row::Fill(i));
            rows.push(Row::Gap);
        } else {
            rows.push(Row::Token(i));
        }
    }
    let (n, m) = (rows.len(), new.len());
    let w = m + 1;
    let takes = |i: usize, j: usize| slot_of(&old[i], slots).is_none_or(|s| accepts_at(s.kind, new, j));
    const FAR: u32 = u32::MAX / 2;
    let mut d = vec![FAR; (n + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(m + 1) {
        *cell = u32::try_from(j).unwrap_or(FAR);
    }
    for r in 1..=n {
        for j in 0..=m {
            let idx = r * w + j;
            let up = d[idx - w];
            let left = if j > 0 { d[idx - 1] } else { FAR };
            d[idx] = match rows[r - 1] {
                Row::Fill(i) => {
                    if j > 0 && takes(i, j - 1) {
                        up.min(left)
                    } else {
                        up
                    }
                }
                Row::Gap => up.min(left.saturating_add(1)),
                Row::Token(i) => {
                    let sub = if j > 0 { d[idx - w - 1] + u32::from(old[i].key != new[j - 1].key) * 2 } else { FAR };
                    (up + 1).min(left.saturating_add(1)).min(sub)
                }
            };
        }
    }
    let mut absorbed: Vec<Option<Range<usize>>> = vec![None; old.len()];
    let (mut r, mut j) = (n, m);
    while r > 0 || j > 0 {
        if r == 0 {
            j -= 1;
            continue;
        }
        let idx = r * w + j;
        let here = d[idx];
        match rows[r - 1] {
            Row::Fill(i) => {
                let range = absorbed[i].get_or_insert(j..j);
                if j > 0 && takes(i, j - 1) && here == d[idx - 1] {
                    range.start = j - 1;
                    j -= 1;
                } else {
                    r -= 1;
                }
            }
            Row::Gap => {
                if j > 0 && here == d[idx - 1].saturating_add(1) {
                    j -= 1;
                } else {
                    r -= 1;
                }
            }
            Row::Token(i) => {
                if j > 0 && old[i].key == new[j - 1].key && here == d[idx - w - 1] {
                    r -= 1;
                    j -= 1;
                } else if here == d[idx - w] + 1 {
                    r -= 1;
                } else if j > 0 && here == d[idx - 1].saturating_add(1) {
                    j -= 1;
                } else {
                    r -= 1;
                    j = j.saturating_sub(1);
                }
            }
        }
    }
    absorbed
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::document::markdown::parse;
    use crate::document::placeholders::prepare;

    /// The differences between an official sentence with fill-ins and the parties' text, as (removed, added).
    fn changes(official: &str, edited: &str) -> Vec<(String, String)> {
        let (doc, _) = prepare(&parse("o.md", official));
        let b = &doc.blocks[0];
        let new = tokens(edited);
        let a = align(super::super::slots::base_tokens(b, 0..b.text.len()), &new, &b.slots);
        a.ops
            .iter()
            .map(|op| {
                // Words only: which of two commas the parties' clause took is no matter.
                let o: Vec<&str> = a.base[op.old.clone()].iter().filter(|t| t.word).map(|t| t.key.as_str()).collect();
                let n: Vec<&str> = new[op.new.clone()].iter().filter(|t| t.word).map(|t| t.key.as_str()).collect();
                (o.join(" "), n.join(" "))
            })
            .collect()
    }

    #[test]
    fn fill_ins_take_what_fits_their_kind() {
        let official =
            "This MOU is made by [MCP name] (\"MCP\") and [County] County, effective [Insert effective date].";
        assert!(changes(official, "This MOU is made by Harbor Coast Health Plan (\"MCP\") and Sierra Vista County County, effective January 1, 2025.").is_empty());
        assert_eq!(
            changes(official, "This MOU is made by Harbor (\"Plan\") and X County, effective January 1, 2025."),
            [("MCP".to_string(), "Plan".to_string())]
        );
        assert_eq!(
            changes(
                official,
                "This MOU is made by Harbor (\"MCP\") and X County, effective January 1, 2025, except that Section 7 takes effect on July 1, 2026."
            ),
            [(String::new(), "except that Section 7 takes effect on July 1 2026".to_string())]
        );
        // Punctuation the parties wrote inside a name is theirs; obligation language is not.
        let official = "The Liaison is [Name], [Title], email [Email].";
        assert!(changes(official, "The Liaison is Luis Ortega, Manager, County Partnerships, email l.o@x.example.")
            .is_empty());
        assert_eq!(
            changes(
                official,
                "The Liaison is Luis Ortega, Manager, who is not bound by this MOU, email l.o@x.example."
            ),
            [(String::new(), "who is not bound by this MOU".to_string())]
        );
    }
}
