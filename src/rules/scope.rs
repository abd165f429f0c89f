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
use crate::rules::lexicon::Word;

/// A universal quantifier the edit removed or replaced.
pub(super) fn quantifier(ctx: &Ctx) -> Option<Outcome> {
    // "every week" and "weekly" say the same: a quantifier that introduces a period is the deadline rule's.
    let count = |w: &[Word]| {
        (0..w.len())
            .filter(|&i| UNIVERSALS.contains(&w[i].as_str()))
            .filter(|&i| super::deadline::unit(w, i + 1).is_none() && super::deadline::number_at(w, i + 1).is_none())
            .count()
    };
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
    let c = |w: &[Word], x: &str| w.iter().filter(|y| *y == x).count();
    let (ao, an) = (c(&ctx.old.words, "and"), c(&ctx.new.words, "and"));
    let (oo, on) =
        (c(&ctx.old.words, "or") + c(&ctx.old.words, "and/or"), c(&ctx.new.words, "or") + c(&ctx.new.words, "and/or"));
    let changed_here = ctx.deleted.iter().any(|w| w == "and" || w == "or")
        && ctx.inserted.iter().any(|w| w == "or" || w == "and/or" || w == "and");
    if !changed_here {
        return None;
    }
    // In a condition on who is covered ("a Member who is pregnant or who uses ..."), "and" narrows; in a list of
    // duties ("identify ..., complete ..., and transmit ..."), "or" does. Read the clause the changed conjunction
    // ends: from the last comma or semicolon before it.
    let at = (ctx.changed_at..ctx.old.words.len())
        .find(|&i| ctx.old.words[i] == "or" || ctx.old.words[i] == "and")
        .unwrap_or(ctx.changed_at)
        .min(ctx.old.words.len());
    let nth_conj = ctx.old.words[..at].iter().filter(|w| *w == "and" || *w == "or").count();
    let all_at =
        ctx.old.all.iter().enumerate().filter(|(_, w)| *w == "and" || *w == "or").nth(nth_conj).map_or(0, |(i, _)| i);
    let from =
        ctx.old.all[..all_at].iter().rposition(|t| t == "," || t == ";").map_or(all_at.saturating_sub(10), |p| p + 1);
    let clause = &ctx.old.all[from.max(all_at.saturating_sub(10))..all_at];
    const WHO: &[&str] = &["who", "whose", "if", "when", "where", "eligible", "having", "diagnosed"];
    const PEOPLE: &[&str] = &[
        "member",
        "members",
        "child",
        "children",
        "person",
        "persons",
        "individual",
        "individuals",
        "youth",
        "adult",
        "adults",
        "infant",
        "infants",
        "woman",
        "women",
        "consumer",
        "consumers",
    ];
    let condition = clause.iter().any(|w| WHO.contains(&w.as_str()))
        || clause.windows(2).any(|p| p[0] == "with" && matches!(p[1].as_str(), "a" | "an"))
        || clause.windows(2).any(|p| PEOPLE.contains(&p[0].as_str()) && p[1] == "with");
    // "or" becoming "and" narrows a condition anywhere in its clause ("eligible for CalFresh, CalWORKs or General
    // Assistance") and a prohibition ("must not require A or B"), unless the items are duties ("complete the
    // assessment, and transmit the assessment").
    let clause_start =
        ctx.old.all[..all_at].iter().rposition(|t| matches!(t.as_str(), ";" | "." | ":")).map_or(0, |p| p + 1);
    let whole_clause = &ctx.old.all[clause_start.max(all_at.saturating_sub(20))..all_at];
    let negated = whole_clause.iter().any(|w| super::lexicon::NEGATORS.contains(&w.as_str()));
    let next = ctx.old.orig.get(all_at + 1).map(Word::as_str).unwrap_or_default();
    let after_next = ctx.old.all.get(all_at + 2).map(Word::as_str).unwrap_or_default();
    let duty_item = next.starts_with(|c: char| c.is_ascii_lowercase())
        && matches!(
            after_next,
            "the" | "a" | "an" | "each" | "all" | "any" | "its" | "their" | "this" | "that" | "these" | "every"
        );
    let wide_condition = !duty_item
        && (whole_clause.iter().any(|w| WHO.contains(&w.as_str()))
            || whole_clause.windows(2).any(|p| PEOPLE.contains(&p[0].as_str()) && p[1] == "with"));
    // "and" becoming "or" in a list of duties leaves only one of them required: always read as narrowing, since a
    // list of duties can follow a condition in the same clause ("each Member who is referred receives A and B").
    if an < ao && on > oo {
        return Some(Outcome::Weaker(
            "scope-and-or",
            "\"and\" became \"or\": only one of the listed items is now required".into(),
        ));
    }
    if an > ao && on < oo {
        if condition || wide_condition || negated {
            return Some(Outcome::Weaker(
                "scope-and-or",
                "\"or\" became \"and\" in a condition: a case must now meet every one, so fewer qualify".into(),
            ));
        }
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
        let shown: Vec<&str> = ctx.deleted.iter().map(Word::as_str).collect();
        return Some(Outcome::Weaker(
            "provision-deleted",
            format!("a duty was removed from the sentence: \"{}\"", shown.join(" ")),
        ));
    }
    None
}

/// The words a deletion removed that carry content: not small words, and not numbers (a number's value is the
/// deadline and threshold rules' to judge, and "seven (7)" becoming "7" removes nothing).
fn content_words(ctx: &Ctx) -> Vec<&Word> {
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
    // A deletion, or an edit that only moves small words around it ("A, B, and C" to "A and B").
    let added_content = ctx.inserted.iter().any(|w| !STOPWORDS.contains(&w.as_str()) && !ctx.deleted.contains(w));
    if !ctx.pure_deletion && (added_content || ctx.inserted.len() > 2) {
        return None;
    }
    let content: Vec<&Word> = content_words(ctx).into_iter().filter(|w| !ctx.inserted.contains(w)).collect();
    if content.is_empty() {
        return None;
    }
    if !(ctx.old.obligation || ctx.old.definition) {
        return None;
    }
    let shown: Vec<&str> = ctx.deleted.iter().filter(|w| !ctx.inserted.contains(w)).map(Word::as_str).collect();
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
        let what: Vec<&str> = ctx.inserted.iter().map(Word::as_str).collect();
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
        let what: Vec<&str> = ctx.inserted.iter().map(Word::as_str).collect();
        return Some(Outcome::Weaker(
            "definition-narrowed",
            format!("the definition now adds \"{}\", which narrows who or what it covers", what.join(" ")),
        ));
    }
    // A limiter that is only another form of a word the edit removed ("refer" rewritten as "is referred") limits
    // nothing new.
    // Four characters, not bytes: a word may hold letters outside ASCII ("José").
    let stem = |w: &str| w.chars().take(4).collect::<String>();
    let reworded =
        |p: &str| ctx.deleted.iter().any(|d| d.chars().count() >= 4 && p.chars().count() >= 4 && stem(d) == stem(p));
    let found = added.iter().find(|p| ctx.touches(p) && !reworded(p))?;
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

/// A number threshold: its value, whether it is a floor or a ceiling, and whether it says who is covered (an
/// eligibility condition: "Members who have had two or more admissions", "aged 11 years and older") rather than
/// how much a party must do ("at least 2 visits").
struct Threshold {
    value: f64,
    bound: Bound,
    eligibility: bool,
}

/// The number thresholds of a sentence that are not periods of time (those are deadlines).
fn thresholds(w: &[Word]) -> Vec<Threshold> {
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
        "through",
        "until",
        "before",
    ];
    const FLOOR_AFTER: &[&str] =
        &["or more", "or older", "or greater", "or above", "or over", "and older", "and over", "and above"];
    const CEILING_AFTER: &[&str] =
        &["or less", "or fewer", "or younger", "or under", "or below", "and younger", "and under"];
    // Conditions: who is covered, or when a duty is triggered ("if fewer than ninety percent ...").
    const WHO: &[&str] = &[
        "who", "whose", "having", "had", "has", "have", "aged", "age", "ages", "eligible", "if", "when", "whenever",
        "unless", "which",
    ];
    let mut v = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let Some((n, len)) =
            super::deadline::number_at(w, i).filter(|_| !matches!(w[i].as_str(), "a" | "an" | "single"))
        else {
            i += 1;
            continue;
        };
        let mut j = i + len;
        if w.get(j).is_some_and(|x| x == "(") && w.get(j + 2).is_some_and(|x| x == ")") {
            j += 3;
        }
        let mut k = i;
        // "under age 21", "over the age of 65", "through age five"
        while k > 0 && matches!(w[k - 1].as_str(), "age" | "the" | "of" | "aged") {
            k -= 1;
        }
        let age = k < i;
        // Periods of time are the deadline rule's, unless they are ages ("11 years and older").
        let unit = super::deadline::unit(w, j);
        let after_unit = unit.map_or(j, |(_, l)| j + l);
        let is_age = age
            || w.get(after_unit).is_some_and(|x| matches!(x.as_str(), "old" | "older" | "younger"))
            || w.get(after_unit + 1).is_some_and(|x| matches!(x.as_str(), "older" | "younger" | "age"));
        if unit.is_some() && !is_age {
            i = j;
            continue;
        }
        let after = w[after_unit..(after_unit + 2).min(w.len())].join(" ");
        let before = w[k.saturating_sub(3)..k].join(" ");
        let ends = |list: &[&str]| list.iter().any(|p| before.ends_with(p));
        let bound = if FLOOR_AFTER.contains(&after.as_str()) || ends(FLOOR_BEFORE) {
            Bound::Floor
        } else if CEILING_AFTER.contains(&after.as_str()) || ends(CEILING_BEFORE) {
            Bound::Ceiling
        } else {
            i = j;
            continue;
        };
        let eligibility = is_age || w[k.saturating_sub(8)..k].iter().any(|x| WHO.contains(&x.as_str()));
        v.push(Threshold { value: n, bound, eligibility });
        i = j;
    }
    v
}

/// A number threshold moved so that fewer cases qualify, or a party must do less: an eligibility floor raised or
/// ceiling lowered; a required minimum lowered or a cap on a duty raised.
pub(super) fn threshold(ctx: &Ctx) -> Option<Outcome> {
    let (o, n) = (thresholds(&ctx.old.all), thresholds(&ctx.new.all));
    for (a, b) in o.iter().zip(&n) {
        if a.bound != b.bound || (a.value - b.value).abs() < f64::EPSILON {
            continue;
        }
        let raised = b.value > a.value;
        let weaker = match (a.bound, a.eligibility) {
            (Bound::Floor, true) | (Bound::Ceiling, false) => raised,
            (Bound::Ceiling, true) | (Bound::Floor, false) => !raised,
        };
        let what = if a.eligibility { "fewer cases are covered" } else { "less is required" };
        if weaker {
            return Some(Outcome::Weaker(
                "threshold-narrowed",
                format!("the threshold moved from {} to {}, so {what}", a.value, b.value),
            ));
        }
        let what = if a.eligibility { "more cases are covered" } else { "more is required" };
        return Some(Outcome::Stronger(format!("the threshold moved from {} to {}, so {what}", a.value, b.value)));
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
    // Count the duties each party bears: a party that now bears more of them than before has taken one over.
    let count = |v: &[String], h: &str| v.iter().filter(|x| *x == h).count();
    let mut gained: Vec<&String> = new_heads.iter().filter(|h| count(&new_heads, h) > count(&old_heads, h)).collect();
    gained.dedup();
    let lost: Vec<&String> = old_heads.iter().filter(|h| !new_heads.contains(h)).collect();
    let to = gained.first()?;
    // A passive rewrite keeps the same party after "by".
    let by = |l: &str| {
        ctx.new.words.iter().enumerate().any(|(i, w)| {
            w == "by" && ctx.new.words[i + 1..(i + 5).min(ctx.new.words.len())].iter().any(|x| singular(x) == l)
        })
    };
    if !lost.is_empty() && lost.iter().all(|l| by(l)) {
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
