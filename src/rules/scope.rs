//! Narrowed scope and shifted duties:
//!
//! - a universal quantifier dropped ("every staff member" to "designated staff members");
//! - a listed party, item, law or beneficiary removed;
//! - a list of duties or safeguards changed from "and" to "or";
//! - a limiting condition added on who or what is covered;
//! - a defined term's definition narrowed;
//! - a threshold raised ("two or more admissions" to "three or more");
//! - an obligation moved from one party to another, or to the Member.

use super::lexicon::{added_phrases, HEDGES, LIMITERS, STOPWORDS, UNIVERSALS};
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

/// The words a deletion removed that carry content: not small words, and not numbers (a number's value is the
/// deadline and threshold rules' to judge, and "seven (7)" becoming "7" removes nothing).
fn content_words(ctx: &Ctx) -> Vec<&String> {
    ctx.deleted
        .iter()
        .filter(|w| {
            !STOPWORDS.contains(&w.as_str())
                && super::deadline::number(w).is_none()
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect()
}

/// A qualifier or condition removed without replacement strengthens the duty.
pub(super) fn removed_qualifier(ctx: &Ctx) -> Option<Outcome> {
    if !ctx.pure_deletion {
        return None;
    }
    let content = content_words(ctx);
    let hedge_words: Vec<&str> = HEDGES
        .iter()
        .chain(super::lexicon::EFFORT)
        .flat_map(|h| h.split(' '))
        .chain(["wherever", "whenever"])
        .collect();
    (!content.is_empty() && content.iter().all(|w| hedge_words.contains(&w.as_str())))
        .then(|| Outcome::Stronger("a qualifier was removed, so the duty is less conditional".into()))
}

/// Words removed without replacement.
pub(super) fn removed_words(ctx: &Ctx) -> Option<Outcome> {
    if !ctx.pure_deletion {
        return None;
    }
    let content = content_words(ctx);
    if content.is_empty() {
        return None;
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
    // Adding excluded days to the definition of a day ("Business Day" ... "or a County holiday") lengthens every
    // period counted in it.
    let defines_day = ctx.old.definition
        && ctx.old.all.first().is_some_and(|t| t == "\"")
        && ctx.old.all.iter().skip(1).take_while(|t| *t != "\"").any(|t| t == "day" || t == "days");
    if defines_day && !ctx.inserted.is_empty() && ctx.pure_insertion {
        let what: Vec<&str> = ctx.inserted.iter().map(String::as_str).collect();
        return Some(Outcome::Weaker(
            "definition-narrowed",
            format!(
                "the definition of a day now also excludes \"{}\", which lengthens every period counted in those days",
                what.join(" ")
            ),
        ));
    }
    let limits_or_counts = !added.is_empty() || !super::deadline::quantities(&ctx.inserted).is_empty();
    if ctx.old.definition && !broadening && ctx.pure_insertion && limits_or_counts {
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

/// The party that bears a duty changed: a duty's bearer is replaced, or a new bearer (often the Member) takes a
/// duty the sentence gave someone else.
pub(super) fn shifted(ctx: &Ctx) -> Option<Outcome> {
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
    let gained: Vec<&String> = new_heads.iter().filter(|h| !old_heads.contains(h)).collect();
    let lost: Vec<&String> = old_heads.iter().filter(|h| !new_heads.contains(h)).collect();
    let to = gained.first()?;
    // A passive rewrite keeps the same party after "by".
    if lost.iter().all(|l| ctx.new.words.windows(2).any(|w| w[0] == "by" && singular(&w[1]) == **l)) && !lost.is_empty()
    {
        return None;
    }
    if lost.is_empty() && !matches!(to.as_str(), "member" | "beneficiary" | "enrollee" | "provider" | "subcontractor") {
        return None;
    }
    let from = lost.first().map_or_else(|| old_heads[0].clone(), |l| (*l).clone());
    Some(Outcome::Weaker(
        "obligation-shifted",
        format!("a duty moved from \"{}\" to \"{}\"", display(ctx, &from, true), display(ctx, to, false)),
    ))
}

/// A party as the sentence writes it, found by its lower-case head word.
fn display(ctx: &Ctx, head: &str, old: bool) -> String {
    let side = if old { &ctx.old } else { &ctx.new };
    side.orig.iter().find(|w| singular(&w.to_lowercase()) == head).cloned().unwrap_or_else(|| head.to_string())
}

/// Who bears each duty of a sentence: for every modal, up to three words before it.
fn actors(words: &[String]) -> Vec<String> {
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

fn singular(w: &str) -> String {
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
