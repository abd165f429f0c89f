//! Word diff inside matched text, on normalised word keys. In a baseline with fill-ins, each bracketed span
//! ("[MCP name]", "[Insert effective date]", a bracketed drafting instruction) is one wildcard token that
//! matches whatever the parties put in its place, including nothing.

use crate::document::normalize::{tokenize, Token};
use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};
use std::time::{Duration, Instant};

/// The key of a fill-in token.
pub const FILL: &str = "\u{0}fill";

/// One side's tokens, fill-ins merged when asked.
#[must_use]
pub fn tokens(text: &str, fill_ins: bool) -> Vec<Token> {
    let toks = tokenize(text);
    if !fill_ins {
        return toks;
    }
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if toks[i].key == "[" {
            if let Some(close) = toks[i + 1..].iter().position(|t| t.key == "]" || t.key == "[") {
                let j = i + 1 + close;
                if toks[j].key == "]" && j > i + 1 {
                    out.push(Token { start: toks[i].start, end: toks[j].end, key: FILL.into(), word: true });
                    i = j + 1;
                    continue;
                }
            }
        }
        out.push(toks[i].clone());
        i += 1;
    }
    out
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

/// The differences between two token lists; equal runs and fill-ins are left out.
#[must_use]
pub fn diff(old: &[Token], new: &[Token]) -> Vec<WordOp> {
    let ok: Vec<&str> = old.iter().map(|t| t.key.as_str()).collect();
    let nk: Vec<&str> = new.iter().map(|t| t.key.as_str()).collect();
    if ok.contains(&FILL) && ok.len().saturating_mul(nk.len()) <= 250_000 {
        return glob_diff(&ok, &nk);
    }
    // Untrusted text can make a diff slow; past the deadline similar returns a coarser but correct diff.
    let deadline = Instant::now() + Duration::from_millis(200);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ok, &nk, Some(deadline));
    let mut out: Vec<WordOp> = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        // A change whose old side is only fill-ins is the parties filling them in.
        if !o.is_empty() && ok[o.clone()].iter().all(|k| *k == FILL) {
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

/// A diff in which each fill-in of the old side matches any run of new tokens, at no cost: an edit-distance
/// alignment like a glob match, so text the parties wrote into a fill-in (commas and all) is never a change.
fn glob_diff(old: &[&str], new: &[&str]) -> Vec<WordOp> {
    let (n, m) = (old.len(), new.len());
    let w = m + 1;
    let mut d = vec![u32::MAX / 2; (n + 1) * w];
    d[0] = 0;
    for (j, cell) in d.iter_mut().enumerate().take(m + 1).skip(1) {
        *cell = u32::try_from(j).unwrap_or(u32::MAX / 2);
    }
    for i in 1..=n {
        for j in 0..=m {
            let idx = i * w + j;
            d[idx] = if old[i - 1] == FILL {
                let skip = d[(i - 1) * w + j];
                if j > 0 {
                    skip.min(d[idx - 1])
                } else {
                    skip
                }
            } else {
                let del = d[(i - 1) * w + j] + 1;
                if j == 0 {
                    del
                } else {
                    let sub = d[(i - 1) * w + j - 1] + u32::from(old[i - 1] != new[j - 1]) * 2;
                    del.min(d[idx - 1] + 1).min(sub)
                }
            };
        }
    }
    // Walk back, marking each old and new token as kept or changed.
    let (mut i, mut j) = (n, m);
    let mut old_changed = vec![false; n];
    let mut new_changed = vec![false; m];
    let mut pairs: Vec<(usize, usize)> = Vec::new(); // matched (old, new) positions, for op boundaries
    while i > 0 || j > 0 {
        let here = d[i * w + j];
        if i > 0 && old[i - 1] == FILL {
            if j > 0 && here == d[i * w + j - 1] {
                j -= 1; // the fill-in takes new[j]
            } else {
                i -= 1;
            }
            continue;
        }
        if i > 0 && j > 0 && old[i - 1] == new[j - 1] && here == d[(i - 1) * w + j - 1] {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if i > 0 && here == d[(i - 1) * w + j] + 1 {
            old_changed[i - 1] = true;
            i -= 1;
        } else if j > 0 && (i == 0 || here == d[i * w + j - 1] + 1) {
            new_changed[j - 1] = true;
            j -= 1;
        } else {
            old_changed[i - 1] = true;
            new_changed[j - 1] = true;
            i -= 1;
            j -= 1;
        }
    }
    pairs.reverse();
    // Group changed tokens between consecutive matched pairs into ops.
    let mut ops = Vec::new();
    let mut prev = (0usize, 0usize);
    let bounds: Vec<(usize, usize)> = pairs.iter().copied().chain(std::iter::once((n, m))).collect();
    for (oi, nj) in bounds {
        let o: Vec<usize> = (prev.0..oi).filter(|&k| old_changed[k]).collect();
        let nw: Vec<usize> = (prev.1..nj).filter(|&k| new_changed[k]).collect();
        if !o.is_empty() || !nw.is_empty() {
            let old_r = o.first().map_or(prev.0, |&a| a)..o.last().map_or(prev.0, |&b| b + 1);
            let new_r = nw.first().map_or(prev.1, |&a| a)..nw.last().map_or(prev.1, |&b| b + 1);
            let tag = match (o.is_empty(), nw.is_empty()) {
                (true, _) => DiffTag::Insert,
                (_, true) => DiffTag::Delete,
                _ => DiffTag::Replace,
            };
            ops.push(WordOp { tag, old: old_r, new: new_r });
        }
        prev = (oi + 1, nj + 1);
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_ins_match_anything() {
        let old = tokens("This MOU is made by [MCP name] (\"MCP\") and [County].", true);
        let new = tokens("This MOU is made by Harbor Coast Health Plan (\"MCP\") and Sierra Vista County.", false);
        assert!(diff(&old, &new).is_empty());
        let new = tokens("This MOU is made by Harbor (\"Plan\") and X.", false);
        assert_eq!(diff(&old, &new).len(), 1);
        // Punctuation the parties wrote inside a fill-in is theirs too.
        let old = tokens("The Liaison is [name], [title], email [email].", true);
        let new = tokens("The Liaison is Luis Ortega, Manager, County Partnerships, email l.o@x.example.", false);
        assert!(diff(&old, &new).is_empty());
        let new = tokens("The Liaison is Luis Ortega, Manager, phone 555.", false);
        let ops = diff(&old, &new);
        assert_eq!(ops.len(), 1, "{ops:?}");
    }
}
