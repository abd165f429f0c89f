//! Narrowed scope and shifted duties:
//!
//! - a universal quantifier dropped ("every staff member" to "designated staff members");
//! - a listed party, item, law or beneficiary removed;
//! - a list of duties or safeguards changed from "and" to "or";
//! - a limiting condition added on who or what is covered;
//! - a defined term's definition narrowed;
//! - a threshold raised ("two or more admissions" to "three or more");
//! - an obligation moved from one party to another, or to the Member.

use super::lexicon::{added_phrases, count_phrase, HEDGES, LIMITERS, STOPWORDS, UNIVERSALS};
use super::{Ctx, Outcome};

/// A universal quantifier the edit removed or replaced.
pub(super) fn quantifier(ctx: &Ctx) -> Option<Outcome> {
    let count = |w: &[String]| w.iter().filter(|x| UNIVERSALS.contains(&x.as_str())).count();
    if count(&ctx.new.words) >= count(&ctx.old.words) {
        return None;
    }
    let lost = ctx.deleted.iter().find(|w| UNIVERSALS.contains(&w.as_str()))?;
    Some(Outcome::Weaker(
        "scope-quantifier",
        format!("the universal \"{lost}\" was dropped, so the provision covers less"),
    ))
}

/// "and" turned into "or" in a list of duties, items or safeguards; "or" into "and" strengthens.
pub(super) fn and_or(ctx: &Ctx) -> Option<Outcome> {
    let c = |w: &[String], x: &str| w.iter().filter(|y| *y == x).count();
    let (ao, an) = (c(&ctx.old.words, "and"), c(&ctx.new.words, "and"));
    let (oo, on) =
        (c(&ctx.old.words, "or") + c(&ctx.old.words, "and/or"), c(&ctx.new.words, "or") + c(&ctx.new.words, "and/or"));
    let changed_here = ctx.deleted.iter().any(|w| w == "and" || w == "or")
        && ctx.inserted.iter().any(|w| w == "or" || w == "and/or" || w == "and");
    if !changed_here {
        return None;
    }
    if an < ao && on > oo {
        return Some(Outcome::Weaker(
            "scope-and-or",
            "\"and\" became \"or\": only one of the listed items is now required".into(),
        ));
    }
    if an > ao && on < oo {
        return Some(Outcome::Stronger("\"or\" became \"and\": every listed item is now required".into()));
    }
    None
}

/// A duty of its own (a clause with a modal) removed from a sentence without replacement.
pub(super) fn removed_duty(ctx: &Ctx) -> Option<Outcome> {
    if !ctx.pure_deletion {
        return None;
    }
    let lost = super::lexicon::modal_strengths(&ctx.deleted);
    if lost.iter().any(|&s| s >= 2) {
        let shown: Vec<&str> = ctx.deleted.iter().map(String::as_str).collect();
        return Some(Outcome::Weaker(
            "provision-deleted",
            format!("a duty was removed from the sentence: \"{}\"", shown.join(" ")),
        ));
    }
    None
}

/// Words removed without replacement.
pub(super) fn removed_words(ctx: &Ctx) -> Option<Outcome> {
    if !ctx.pure_deletion {
        return None;
    }
    let content: Vec<&String> = ctx.deleted.iter().filter(|w| !STOPWORDS.contains(&w.as_str())).collect();
    if content.is_empty() {
        return None;
    }
    // Removing a hedge or condition strengthens the duty.
    let hedge_words: Vec<&str> = HEDGES.iter().flat_map(|h| h.split(' ')).collect();
    if content.iter().all(|w| hedge_words.contains(&w.as_str()) || STOPWORDS.contains(&w.as_str())) {
        return Some(Outcome::Stronger("a qualifier was removed, so the duty is less conditional".into()));
    }
    if !(ctx.old.obligation || ctx.old.definition) {
        return None;
    }
    let shown: Vec<&str> = ctx.deleted.iter().map(String::as_str).collect();
    Some(Outcome::Weaker(
        "scope-item-removed",
        format!("\"{}\" was removed, which narrows the provision", shown.join(" ")),
    ))
}

/// A limiting condition on who or what is covered, or a narrowed definition.
pub(super) fn limited(ctx: &Ctx) -> Option<Outcome> {
    if ctx.inserted.is_empty() || !(ctx.old.obligation || ctx.old.definition) {
        return None;
    }
    let added = added_phrases(&ctx.old.words, &ctx.new.words, LIMITERS);
    let broadening = ctx.inserted.first().is_some_and(|w| matches!(w.as_str(), "or" | "including" | "and/or" | "any"));
    if ctx.old.definition && !broadening && ctx.pure_insertion {
        let what: Vec<&str> = ctx.inserted.iter().map(String::as_str).collect();
        return Some(Outcome::Weaker(
            "definition-narrowed",
            format!("the definition now adds \"{}\", which narrows who or what it covers", what.join(" ")),
        ));
    }
    let found = added.iter().find(|p| ctx.touches(p))?;
    if broadening {
        return None;
    }
    let rule = if ctx.old.definition { "definition-narrowed" } else { "scope-limited" };
    Some(Outcome::Weaker(rule, format!("\"{found}\" now limits who or what the provision covers")))
}

/// Whether a bound is a floor ("two or more", "over 21", "at least 10") or a ceiling ("under 21", "up to 5").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Floor,
    Ceiling,
}

/// The number thresholds of a sentence that are not periods of time (those are deadlines).
fn thresholds(w: &[String]) -> Vec<(f64, Bound)> {
    const FLOOR_BEFORE: &[&str] = &[
        "over",
        "above",
        "exceeding",
        "more than",
        "older than",
        "greater than",
        "at least",
        "minimum of",
        "no fewer than",
        "no less than",
        "not less than",
        "not fewer than",
    ];
    const CEILING_BEFORE: &[&str] = &[
        "under",
        "below",
        "less than",
        "fewer than",
        "younger than",
        "up to",
        "at most",
        "no more than",
        "not more than",
        "not exceeding",
        "maximum of",
    ];
    const FLOOR_AFTER: &[&str] =
        &["or more", "or older", "or greater", "or above", "or over", "and older", "and over", "and above"];
    const CEILING_AFTER: &[&str] =
        &["or less", "or fewer", "or younger", "or under", "or below", "and younger", "and under"];
    let mut v = Vec::new();
    for i in 0..w.len() {
        let Some(n) = super::deadline::number(&w[i]) else { continue };
        if matches!(w[i].as_str(), "a" | "an") {
            continue;
        }
        let mut j = i + 1;
        if w.get(j).is_some_and(|x| x == "(") && w.get(j + 2).is_some_and(|x| x == ")") {
            j += 3;
        }
        // Periods of time are the deadline rule's.
        if super::deadline::quantities(&w[i..(j + 3).min(w.len())]).iter().any(|q| q.at == 0) {
            continue;
        }
        let after = w[j..(j + 2).min(w.len())].join(" ");
        let mut k = i;
        // "under age 21", "over the age of 65"
        while k > 0 && matches!(w[k - 1].as_str(), "age" | "the" | "of" | "aged") {
            k -= 1;
        }
        let before = w[k.saturating_sub(3)..k].join(" ");
        let ends = |list: &[&str]| list.iter().any(|p| before.ends_with(p));
        let bound = if FLOOR_AFTER.contains(&after.as_str()) || ends(FLOOR_BEFORE) {
            Bound::Floor
        } else if CEILING_AFTER.contains(&after.as_str()) || ends(CEILING_BEFORE) {
            Bound::Ceiling
        } else {
            continue;
        };
        v.push((n, bound));
    }
    v
}

/// A number threshold moved so that fewer cases qualify: a floor raised or a ceiling lowered.
pub(super) fn threshold(ctx: &Ctx) -> Option<Outcome> {
    let (o, n) = (thresholds(&ctx.old.all), thresholds(&ctx.new.all));
    for (a, b) in o.iter().zip(&n) {
        if a.1 != b.1 || (a.0 - b.0).abs() < f64::EPSILON {
            continue;
        }
        let narrower = match a.1 {
            Bound::Floor => b.0 > a.0,
            Bound::Ceiling => b.0 < a.0,
        };
        if narrower {
            return Some(Outcome::Weaker(
                "threshold-narrowed",
                format!("the threshold moved from {} to {}, so fewer cases are covered", a.0, b.0),
            ));
        }
        return Some(Outcome::Stronger(format!(
            "the threshold moved from {} to {}, so more cases are covered",
            a.0, b.0
        )));
    }
    None
}

/// The party that bears a duty changed.
pub(super) fn shifted(ctx: &Ctx) -> Option<Outcome> {
    if !ctx.old.obligation {
        return None;
    }
    let (a, b) = (actor(&ctx.old.words), actor(&ctx.new.words));
    let (Some(a), Some(b)) = (a, b) else { return None };
    if a == b || a.contains(&b) || b.contains(&a) {
        return None;
    }
    // A passive rewrite keeps the same party after "by".
    if count_phrase(&ctx.new.words, &["by"]) > 0
        && ctx.new.words.windows(a.split(' ').count() + 1).any(|w| w[0] == "by" && w[1..].join(" ") == a)
    {
        return None;
    }
    Some(Outcome::Weaker("obligation-shifted", format!("the duty moved from \"{a}\" to \"{b}\"")))
}

/// The words naming who bears the first duty in a sentence: up to three words before its first modal.
fn actor(words: &[String]) -> Option<String> {
    const MODALS: &[&str] = &["shall", "must", "will", "should", "may", "is", "are", "agrees", "agree"];
    let at = words.iter().position(|w| MODALS.contains(&w.as_str()))?;
    let start = at.saturating_sub(3);
    let mut who: Vec<String> = words[start..at]
        .iter()
        .filter(|w| !matches!(w.as_str(), "the" | "each" | "both" | "every" | "a" | "an" | "and" | "its"))
        .map(|w| singular(w))
        .collect();
    // Keep only the words after the last comma-like break word.
    if let Some(p) = who.iter().rposition(|w| matches!(w.as_str(), "that" | "which" | "who" | "then")) {
        who.drain(..=p);
    }
    (!who.is_empty()).then(|| who.join(" "))
}

fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}
