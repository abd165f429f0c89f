//! The bearer of a duty: who must do it. A duty whose bearer is replaced, or that a new bearer (often the Member)
//! takes over, has shifted.

use super::frame::{Ctx, Reading};
use crate::rules::lexicon::Word;

/// The party that bears a duty changed: a duty's bearer is replaced, or a new bearer (often the Member) takes a
/// duty the sentence gave someone else.
pub(super) fn shifted(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation {
        return None;
    }
    let (old, new) = (actors(&ctx.old.words), actors(&ctx.new.words));
    if old.is_empty() || new.is_empty() {
        return None;
    }
    let head = |a: &str| a.rsplit(' ').next().unwrap_or(a).to_string();
    let old_heads: Vec<String> = old.iter().map(|a| head(a)).collect();
    let new_heads: Vec<String> = new.iter().map(|a| head(a)).collect();
    // Count the duties each party bears: a party that now bears more of them than before has taken one over.
    let count = |v: &[String], h: &str| v.iter().filter(|x| *x == h).count();
    let mut gained: Vec<&String> = new_heads.iter().filter(|h| count(&new_heads, h) > count(&old_heads, h)).collect();
    gained.dedup();
    // A party that now bears fewer of them than before has given one up, even if it keeps another.
    let mut lost: Vec<&String> = old_heads.iter().filter(|h| count(&new_heads, h) < count(&old_heads, h)).collect();
    lost.dedup();
    let to = gained.first()?;
    // A passive rewrite keeps the same party after "by" ("shall be obtained by the Party"): a "by" right after a
    // form of "be" and a verb, not any "by" ("required by law for a disclosure").
    let by = |l: &str| {
        let w = &ctx.new.words;
        w.iter().enumerate().any(|(i, x)| {
            x == "by"
                && i >= 2
                && w[i.saturating_sub(5)..i].iter().any(|b| matches!(b.as_str(), "be" | "been" | "is" | "are" | "was"))
                && w[i + 1..(i + 4).min(w.len())].iter().any(|x| singular(x) == l)
        })
    };
    if !lost.is_empty() && lost.iter().all(|l| by(l)) {
        return None;
    }
    if lost.is_empty() && !matches!(to.as_str(), "member" | "beneficiary" | "enrollee" | "provider" | "subcontractor") {
        return None;
    }
    let from = lost.first().map_or_else(|| old_heads[0].clone(), |l| (*l).clone());
    let names: Vec<String> = old.iter().chain(&new).cloned().collect();
    Some(
        Reading::weaker(
            "obligation-shifted",
            format!("a duty moved from \"{}\" to \"{}\"", display(ctx, &from, true), display(ctx, to, false)),
        )
        .explaining(names.iter().map(String::as_str)),
    )
}

/// A party as the sentence writes it, found by its lower-case head word.
fn display(ctx: &Ctx, head: &str, old: bool) -> String {
    let side = if old { &ctx.old } else { &ctx.new };
    side.orig.iter().find(|w| singular(&w.to_lowercase()) == head).map_or_else(|| head.to_string(), Word::to_string)
}

/// Who bears each duty of a sentence: for every modal, up to three words before it.
fn actors(words: &[Word]) -> Vec<String> {
    const MODALS: &[&str] = &["shall", "must", "will", "should", "may", "agrees", "agree", "commits", "undertakes"];
    let mut out = Vec::new();
    for (at, w) in words.iter().enumerate() {
        if !(MODALS.contains(&w.as_str()) || w == "is" || w == "are") {
            continue;
        }
        if (w == "is" || w == "are")
            && !words.get(at + 1).is_some_and(|n| {
                matches!(n.as_str(), "required" | "responsible" | "obligated" | "expected" | "encouraged")
            })
        {
            continue;
        }
        let start = at.saturating_sub(3);
        let mut who: Vec<String> = words[start..at]
            .iter()
            .filter(|w| {
                !matches!(w.as_str(), "the" | "each" | "both" | "every" | "a" | "an" | "its" | "also" | "then" | "not")
            })
            .map(|w| singular(w))
            .collect();
        if let Some(p) = who
            .iter()
            .rposition(|w| matches!(w.as_str(), "that" | "which" | "who" | "and" | "or" | "if" | "when" | "unless"))
        {
            who.drain(..=p);
        }
        if let Some(last) = who.last() {
            if last.chars().all(char::is_alphabetic) {
                out.push(who.join(" "));
            }
        }
    }
    out
}

pub(super) fn singular(w: &str) -> String {
    let w = w.trim_end_matches("'s").trim_end_matches('\'');
    if w.len() <= 3 || w.ends_with("ss") || w.ends_with("is") || w.ends_with("us") {
        return w.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}
