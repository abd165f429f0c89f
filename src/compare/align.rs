//! Matching units (blocks, or sentences inside a block) of a baseline and an edited text.
//!
//! Units with the same key are matched by a sequence diff, so a long unchanged document costs one linear pass.
//! The units left over between those anchors are paired by word similarity, through an inverted index so that
//! a fully rewritten document stays fast. What remains is deleted or inserted.

use rustc_hash::{FxHashMap, FxHashSet};
use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};
use std::hash::Hasher;
use std::time::{Duration, Instant};

/// A unit as the matcher sees it.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Exact comparison key, a hash of the comparison form: units with equal keys are the same text.
    pub key: u64,
    /// Its distinct lower-cased words, hashed and sorted, for similarity.
    pub words: Vec<u64>,
    /// Whether it has fill-ins, which match any words: then similarity counts how much of its own words the
    /// other unit contains.
    pub has_fill: bool,
}

impl Unit {
    /// A unit from its key and its word keys.
    #[must_use]
    pub fn new<'a>(key: u64, words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut w: Vec<u64> = words.into_iter().map(word_hash).collect();
        w.sort_unstable();
        w.dedup();
        // A long unit repeats its words: what it keeps is only the distinct ones.
        w.shrink_to_fit();
        Unit { key, words: w, has_fill: false }
    }

    /// Marks a baseline unit as holding fill-ins.
    #[must_use]
    pub fn with_fill(mut self, has_fill: bool) -> Self {
        self.has_fill = has_fill;
        self
    }
}

/// A hash of a word in lower case; a short ASCII word is lowered on the stack.
fn word_hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    let mut buf = [0u8; 32];
    if s.len() <= buf.len() && s.is_ascii() {
        let lower = &mut buf[..s.len()];
        lower.copy_from_slice(s.as_bytes());
        lower.make_ascii_lowercase();
        h.write(lower);
    } else {
        h.write(s.to_lowercase().as_bytes());
    }
    h.finish()
}

/// Units to align, by index: a list of units, or units whose words are read only when the aligner needs them.
pub trait Units {
    /// How many units there are.
    fn count(&self) -> usize;
    /// The key of unit `i`.
    fn key(&self, i: usize) -> u64;
    /// Unit `i`, with its words.
    fn get(&self, i: usize) -> &Unit;
}

impl Units for [Unit] {
    fn count(&self) -> usize {
        self.len()
    }
    fn key(&self, i: usize) -> u64 {
        self[i].key
    }
    fn get(&self, i: usize) -> &Unit {
        &self[i]
    }
}

/// Units known by their keys, each one's words read the first time it is compared for similarity: in a long
/// document with a few edits, only the blocks around the edits are ever read word by word.
pub struct Lazy<F> {
    keys: Vec<u64>,
    /// Boxed, so that the many cells never filled take a pointer's room each.
    cells: Vec<std::cell::OnceCell<Box<Unit>>>,
    make: F,
}

impl<F: Fn(usize) -> Unit> Lazy<F> {
    /// Units with these keys; `make(i)` makes unit `i` when it is needed.
    pub fn new(keys: Vec<u64>, make: F) -> Self {
        let cells = std::iter::repeat_with(std::cell::OnceCell::new).take(keys.len()).collect();
        Lazy { keys, cells, make }
    }
}

impl<F: Fn(usize) -> Unit> Units for Lazy<F> {
    fn count(&self) -> usize {
        self.keys.len()
    }
    fn key(&self, i: usize) -> u64 {
        self.keys[i]
    }
    fn get(&self, i: usize) -> &Unit {
        self.cells[i].get_or_init(|| Box::new((self.make)(i)))
    }
}

/// Some of another list's units, in the order of `idx`.
pub struct Subset<'a, U: ?Sized> {
    /// The whole list.
    pub all: &'a U,
    /// Which of its units, by index.
    pub idx: &'a [usize],
}

impl<U: Units + ?Sized> Units for Subset<'_, U> {
    fn count(&self) -> usize {
        self.idx.len()
    }
    fn key(&self, i: usize) -> u64 {
        self.all.key(self.idx[i])
    }
    fn get(&self, i: usize) -> &Unit {
        self.all.get(self.idx[i])
    }
}

/// One row of the alignment, in edited order with unmatched baseline units placed where they stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The same key on both sides.
    Equal(usize, usize),
    /// Similar units: the second is an edit of the first.
    Changed(usize, usize),
    /// Only in the baseline.
    Old(usize),
    /// Only in the edited text.
    New(usize),
}

/// Dice similarity of two units' word sets.
#[must_use]
pub fn dice(a: &Unit, b: &Unit) -> f64 {
    if a.words.is_empty() && b.words.is_empty() {
        return 1.0;
    }
    if a.has_fill && a.words.is_empty() {
        // Nothing but fill-ins: it can stand for any text, but any real match should win over it.
        return 0.5;
    }
    let common = common_words(a, b);
    #[allow(clippy::cast_precision_loss)]
    let score = if a.has_fill {
        common as f64 / a.words.len() as f64
    } else {
        2.0 * common as f64 / (a.words.len() + b.words.len()) as f64
    };
    score
}

/// The highest [`dice`] similarity two units could have, from the sizes of their word sets alone: units of very
/// different lengths are never compared word by word, so that one long unit does not cost its length again for
/// every short unit it is a candidate for.
fn dice_bound(a: &Unit, b: &Unit) -> f64 {
    if a.words.is_empty() && b.words.is_empty() {
        return 1.0;
    }
    if a.has_fill && a.words.is_empty() {
        return 0.5;
    }
    #[allow(clippy::cast_precision_loss)]
    let (x, y) = (a.words.len() as f64, b.words.len() as f64);
    if a.has_fill {
        x.min(y) / x
    } else {
        2.0 * x.min(y) / (x + y)
    }
}

/// How many words two units' word sets share.
fn common_words(a: &Unit, b: &Unit) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.words.len() && j < b.words.len() {
        match a.words[i].cmp(&b.words[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// [`dice`], when it reaches `threshold`, or when nearly every word of the shorter unit stands in the longer one:
/// a unit with text added to it (a list item given a sentence more) is that unit changed, however short it was.
/// The shorter unit must have four words or more, the longer be at most four times as long, and neither hold a
/// fill-in (whose words stand for any text).
fn dice_at_least(a: &Unit, b: &Unit, threshold: f64) -> Option<f64> {
    let (x, y) = (a.words.len(), b.words.len());
    let (short, long) = (x.min(y), x.max(y));
    let may_hold = !a.has_fill && !b.has_fill && short >= 4 && long <= 4 * short;
    if dice_bound(a, b) < threshold && !may_hold {
        return None;
    }
    let s = dice(a, b);
    (s >= threshold || (may_hold && common_words(a, b) * 10 >= short * 9)).then_some(s)
}

/// Aligns two unit lists. Units are paired as changed when their similarity reaches `threshold`.
#[must_use]
pub fn align<O: Units + ?Sized, N: Units + ?Sized>(old: &O, new: &N, threshold: f64) -> Vec<Row> {
    let ok: Vec<u64> = (0..old.count()).map(|i| old.key(i)).collect();
    let nk: Vec<u64> = (0..new.count()).map(|j| new.key(j)).collect();
    let deadline = Instant::now() + Duration::from_millis(500);
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &ok, &nk, Some(deadline));
    let mut rows = Vec::with_capacity(new.count() + 8);
    // Consecutive deletes and inserts form one region, whatever ops the diff split them into.
    let mut regions: Vec<(DiffTag, std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        match regions.last_mut() {
            Some(last) if tag != DiffTag::Equal && last.0 != DiffTag::Equal => {
                last.1.end = last.1.end.max(o.end);
                last.2.end = last.2.end.max(n.end);
                last.1.start = last.1.start.min(o.start);
                last.2.start = last.2.start.min(n.start);
            }
            _ => regions.push((tag, o, n)),
        }
    }
    for (tag, o, n) in regions {
        if tag == DiffTag::Equal {
            rows.extend(o.zip(n).map(|(i, j)| Row::Equal(i, j)));
            continue;
        }
        let olds: Vec<usize> = o.collect();
        let news: Vec<usize> = n.collect();
        let pairs = in_order(best_pairs(old, new, &olds, &news, threshold));
        let partner: FxHashMap<usize, usize> = pairs.iter().map(|&(i, j)| (j, i)).collect();
        let paired_old: FxHashSet<usize> = pairs.iter().map(|&(i, _)| i).collect();
        // For each new unit, the partner of the first unit from it on that has one, found in one backward pass.
        let mut limits = vec![usize::MAX; news.len() + 1];
        for pos in (0..news.len()).rev() {
            limits[pos] = partner.get(&news[pos]).copied().unwrap_or(limits[pos + 1]);
        }
        let mut k = 0; // olds before this have been placed
        for (pos, &j) in news.iter().enumerate() {
            // Deleted units go before the next unit that has a partner, so deletions and insertions at the same
            // place read deletion first.
            let limit = limits[pos];
            while k < olds.len() && olds[k] < limit {
                if !paired_old.contains(&olds[k]) {
                    rows.push(Row::Old(olds[k]));
                }
                k += 1;
            }
            match partner.get(&j) {
                Some(&i) => rows.push(Row::Changed(i, j)),
                None => rows.push(Row::New(j)),
            }
        }
        for &i in &olds[k..] {
            if !paired_old.contains(&i) {
                rows.push(Row::Old(i));
            }
        }
    }
    rows
}

/// The most pairs, of pairs sorted by their new unit, whose old units are in order too: a pair that crosses
/// others is a unit moved, not changed in place, and is left for the caller to find as a move. Rows in edited order
/// then hold the baseline's units in the baseline's order, so rejecting every change gives back the baseline.
fn in_order(pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    // Longest increasing subsequence of the old units, by patience sorting: `tails[k]` is the pair ending the best
    // run of length k + 1 found so far, and `back` links each pair to the one before it in its run.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; pairs.len()];
    for (n, &(i, _)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].0 < i);
        back[n] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(n);
        } else {
            tails[k] = n;
        }
    }
    let mut keep = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(n) = at {
        keep.push(pairs[n]);
        at = back[n];
    }
    keep.reverse();
    keep
}

/// The best one-to-one pairs between two groups of units, most similar first, each at or above `threshold`.
#[must_use]
pub fn best_pairs<O: Units + ?Sized, N: Units + ?Sized>(
    old: &O,
    new: &N,
    olds: &[usize],
    news: &[usize],
    threshold: f64,
) -> Vec<(usize, usize)> {
    if olds.is_empty() || news.is_empty() {
        return Vec::new();
    }
    // Each pair with its score and how far apart the two units stand in their groups: the indices of the two
    // documents are not comparable (a block inserted above shifts every index after it), their places in the
    // groups are.
    let mut scored: Vec<(f64, usize, usize, usize)> = Vec::new();
    if olds.len().saturating_mul(news.len()) <= 20_000 {
        for (ri, &i) in olds.iter().enumerate() {
            for (rj, &j) in news.iter().enumerate() {
                if let Some(s) = dice_at_least(old.get(i), new.get(j), threshold) {
                    scored.push((s, i, j, ri.abs_diff(rj)));
                }
            }
        }
    } else {
        let rank: FxHashMap<usize, usize> = olds.iter().enumerate().map(|(r, &i)| (i, r)).collect();
        // An inverted index over words that are rare in this group finds the candidates worth scoring.
        let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for &i in olds {
            for &w in &old.get(i).words {
                index.entry(w).or_default().push(i);
            }
        }
        for (rj, &j) in news.iter().enumerate() {
            let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
            for w in &new.get(j).words {
                if let Some(list) = index.get(w) {
                    if list.len() <= 64 {
                        for &i in list {
                            *counts.entry(i).or_default() += 1;
                        }
                    }
                }
            }
            let mut cands: Vec<(usize, usize)> = counts.into_iter().collect();
            cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (i, _) in cands.into_iter().take(8) {
                if let Some(s) = dice_at_least(old.get(i), new.get(j), threshold) {
                    scored.push((s, i, j, rank[&i].abs_diff(rj)));
                }
            }
        }
    }
    // Most similar first; ties go to the pair closest in place, then to the earliest, for stable output.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.3.cmp(&b.3)).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut taken_old = FxHashSet::default();
    let mut taken_new = FxHashSet::default();
    let mut pairs = Vec::new();
    for (_, i, j, _) in scored {
        if !taken_old.contains(&i) && !taken_new.contains(&j) {
            taken_old.insert(i);
            taken_new.insert(j);
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable_by_key(|&(_, j)| j);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(texts: &[&str]) -> Vec<Unit> {
        texts
            .iter()
            .map(|t| Unit::new(crate::document::normalize::comparison_hash(t, 0), t.split_whitespace()))
            .collect()
    }

    #[test]
    fn changed_units_keep_their_order() {
        // Two edited copies of one clause below an inserted unit: each is paired with the copy in its own place.
        let old = units(&["a b c d", "e f g h", "e f g h"]);
        let new = units(&["x y z w", "a b c d", "e f g x", "e f g x"]);
        let rows = align(&old[..], &new[..], 0.5);
        assert_eq!(rows, vec![Row::New(0), Row::Equal(0, 1), Row::Changed(1, 2), Row::Changed(2, 3)]);
        // Swapped units are not changed in place: one of them is left to be found as moved.
        let old = units(&["a b c d", "e f g h"]);
        let new = units(&["e f g x", "a b c x"]);
        let rows = align(&old[..], &new[..], 0.5);
        let changed: Vec<&Row> = rows.iter().filter(|r| matches!(r, Row::Changed(..))).collect();
        assert_eq!(changed.len(), 1, "{rows:?}");
    }

    #[test]
    fn a_unit_with_text_added_is_that_unit_changed() {
        // Five words, then the same five with twelve more: a Dice score of 0.45, but every word of the first is in
        // the second.
        let old = units(&["one two three four five"]);
        let grown = "one two three four five and the parties will review this provision at their next meeting";
        assert_eq!(align(&old[..], &units(&[grown])[..], 0.5), vec![Row::Changed(0, 0)]);
        // Not when the longer is more than four times as long, nor when the shorter has fewer than four words.
        let more: Vec<String> = (0..10).map(|k| format!("w{k}")).collect();
        let long = format!("{grown} {}", more.join(" "));
        assert_eq!(align(&old[..], &units(&[long.as_str()])[..], 0.5), vec![Row::Old(0), Row::New(0)]);
        let few = units(&["one two three"]);
        let grown = units(&["one two three and then many more words are here"]);
        assert_eq!(align(&few[..], &grown[..], 0.5), vec![Row::Old(0), Row::New(0)]);
    }

    #[test]
    fn equal_changed_deleted_inserted() {
        let old = units(&["a b c d", "e f g h", "i j k l", "m n o p"]);
        let new = units(&["a b c d", "e f g x", "q r s t", "m n o p"]);
        let rows = align(&old[..], &new[..], 0.5);
        assert_eq!(rows, vec![Row::Equal(0, 0), Row::Changed(1, 1), Row::Old(2), Row::New(2), Row::Equal(3, 3)]);
    }
}
