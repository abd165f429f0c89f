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
                    out.push(Token { start: toks[i].start, end: toks[j].end, key: FILL.to_string(), word: true });
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

/// Dice similarity of two token lists over lower-cased word keys, fill-ins left out: 1 for the same words,
/// 0 for none in common.
#[must_use]
pub fn similarity(a: &[Token], b: &[Token]) -> f64 {
    let words = |t: &[Token]| {
        let mut v: Vec<String> = t.iter().filter(|t| t.word && t.key != FILL).map(|t| t.key.to_lowercase()).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (words(a), words(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let score = 2.0 * common as f64 / (x.len() + y.len()) as f64;
    score
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
    }

    #[test]
    fn similarity_counts_shared_words() {
        let a = tokens("MCP must train staff", false);
        let b = tokens("MCP must train every staff member", false);
        assert!((similarity(&a, &b) - 0.8).abs() < 1e-9);
    }
}
