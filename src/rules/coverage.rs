//! Coverage: whom and what a duty covers, and how many ways it may be met.
//!
//! - a universal quantifier dropped ("every staff member" to "designated staff members");
//! - a listed party, item, law or beneficiary removed;
//! - a list of duties or safeguards changed from "and" to "or";
//! - an easier alternative added to what the duty requires ("complete the screening" to "complete or initiate the
//!   screening"), while an alternative added to a condition on who is covered ("pregnant or postpartum") covers
//!   more;
//! - a limiting condition added on who or what is covered;
//! - a defined term's definition narrowed.

use super::frame::{Ctx, Reading};
use crate::rules::lexicon::Word;

/// A universal quantifier the edit removed or replaced.
pub(super) fn quantifier(ctx: &Ctx) -> Option<Reading> {
    // "every week" and "weekly" say the same: a quantifier that introduces a period is the deadline rule's.
    let count = |w: &[Word]| {
        (0..w.len())
            .filter(|&i| ctx.lex.universals.has_word(&w[i]))
            .filter(|&i| super::time::unit(w, i + 1).is_none() && super::time::number_at(w, i + 1).is_none())
            .count()
    };
    if count(&ctx.new.words) >= count(&ctx.old.words) {
        return None;
    }
    let lost = ctx.deleted.iter().find(|w| ctx.lex.universals.has_word(w))?;
    Some(
        Reading::weaker(
            "scope-quantifier",
            format!("the universal \"{lost}\" was dropped, so the provision covers less"),
        )
        .explaining([lost.as_str()]),
    )
}

/// Whether the old words before `at` read as a condition on who is covered ("a Member who is pregnant or ...",
/// "children with a disability or ..."), from the start of their clause.
fn in_condition(ctx: &Ctx, all_at: usize) -> bool {
    let lex = ctx.lex;
    let from = ctx.old.all[..all_at].iter().rposition(|t| t == "," || t == ";").map_or(0, |p| p + 1);
    let clause = &ctx.old.all[from.max(all_at.saturating_sub(10))..all_at];
    clause.iter().any(|w| matches!(w.as_str(), "who" | "whose" | "if" | "when" | "where" | "eligible" | "having"))
        || clause.windows(2).any(|p| p[0] == "with" && matches!(p[1].as_str(), "a" | "an"))
        || clause.windows(2).any(|p| lex.people.has_word(&p[0]) && lex.who.has_word(&p[1]))
}

/// Where in `ctx.old.all` the first changed word stands.
fn changed_token(ctx: &Ctx) -> usize {
    let mut seen = 0;
    for (i, t) in ctx.old.all.iter().enumerate() {
        if t.chars().any(char::is_alphanumeric) {
            if seen == ctx.changed_at {
                return i;
            }
            seen += 1;
        }
    }
    ctx.old.all.len()
}

/// An alternative added to what a duty requires ("complete or initiate the screening"), which lets the bearer meet
/// it the easier way; or removed, which strengthens it. In a condition on who is covered, an alternative covers
/// more ("pregnant or postpartum"), and removing one covers less.
pub(super) fn alternatives(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation || !(ctx.pure_insertion || ctx.pure_deletion) {
        return None;
    }
    let words = if ctx.pure_insertion { &ctx.inserted } else { &ctx.deleted };
    let or_at = words.iter().position(|w| w == "or")?;
    // An alternative is "or" with words of its own: not "and/or", not a bare conjunction.
    let content = words.iter().filter(|w| *w != "or" && !ctx.lex.stopwords.has_word(w)).count();
    if content == 0 || words.len() > 8 || or_at > 0 && or_at + 1 < words.len() {
        return None;
    }
    let shown: Vec<&str> = words.iter().map(Word::as_str).collect();
    let shown = shown.join(" ");
    // In a definition, the alternatives are what the term covers.
    let condition = ctx.old.definition || in_condition(ctx, changed_token(ctx));
    let reading = match (ctx.pure_insertion, condition) {
        (true, false) => Reading::weaker(
            "alternative-added",
            format!("\"{shown}\" was added as another way to meet the duty, which may be the easier one"),
        ),
        (false, true) => Reading::weaker(
            "scope-item-removed",
            format!("\"{shown}\" was removed from a condition on who is covered, so fewer cases qualify"),
        ),
        (true, true) => {
            Reading::stronger("strengthened", format!("\"{shown}\" was added to a condition, so more cases qualify"))
        }
        (false, false) => Reading::stronger(
            "strengthened",
            format!("the alternative \"{shown}\" was removed, so the duty must be met one way"),
        ),
    };
    Some(reading.explaining([shown.as_str()]))
}

/// "and" turned into "or" in a list of duties, items or safeguards; "or" into "and" strengthens.
pub(super) fn and_or(ctx: &Ctx) -> Option<Reading> {
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
    let lex = ctx.lex;
    let condition = in_condition(ctx, all_at);
    let _ = clause;
    // "or" becoming "and" narrows a condition anywhere in its clause ("eligible for CalFresh, CalWORKs or General
    // Assistance") and a prohibition ("must not require A or B"), unless the items are duties ("complete the
    // assessment, and transmit the assessment").
    let clause_start =
        ctx.old.all[..all_at].iter().rposition(|t| matches!(t.as_str(), ";" | "." | ":")).map_or(0, |p| p + 1);
    let whole_clause = &ctx.old.all[clause_start.max(all_at.saturating_sub(20))..all_at];
    let negated = whole_clause.iter().any(|w| lex.negators.has_word(w));
    let next = ctx.old.orig.get(all_at + 1).map(Word::as_str).unwrap_or_default();
    let after_next = ctx.old.all.get(all_at + 2).map(Word::as_str).unwrap_or_default();
    let duty_item = next.starts_with(|c: char| c.is_ascii_lowercase())
        && matches!(
            after_next,
            "the" | "a" | "an" | "each" | "all" | "any" | "its" | "their" | "this" | "that" | "these" | "every"
        );
    let wide_condition = !duty_item
        && (whole_clause.iter().any(|w| {
            matches!(w.as_str(), "who" | "whose" | "if" | "when" | "where" | "eligible" | "having" | "diagnosed")
        }) || whole_clause.windows(2).any(|p| lex.people.has_word(&p[0]) && p[1] == "with"));
    // "and" becoming "or" in a list of duties leaves only one of them required: always read as narrowing, since a
    // list of duties can follow a condition in the same clause ("each Member who is referred receives A and B").
    let conj = ["and or and/or"];
    if an < ao && on > oo {
        return Some(
            Reading::weaker("scope-and-or", "\"and\" became \"or\": only one of the listed items is now required")
                .explaining(conj),
        );
    }
    if an > ao && on < oo {
        if condition || wide_condition || negated {
            return Some(
                Reading::weaker(
                    "scope-and-or",
                    "\"or\" became \"and\" in a condition: a case must now meet every one, so fewer qualify",
                )
                .explaining(conj),
            );
        }
        return Some(
            Reading::stronger("strengthened", "\"or\" became \"and\": every listed item is now required")
                .explaining(conj),
        );
    }
    None
}

/// The words a deletion removed that carry content: not small words, and not numbers (a number's value is the
/// deadline and threshold rules' to judge, and "seven (7)" becoming "7" removes nothing).
fn content_words(ctx: &Ctx) -> Vec<&Word> {
    ctx.deleted
        .iter()
        .filter(|w| {
            !ctx.lex.stopwords.has_word(w) && super::time::number(w).is_none() && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect()
}

/// A qualifier or condition removed without replacement strengthens the duty.
pub(super) fn removed_qualifier(ctx: &Ctx) -> Option<Reading> {
    if !ctx.pure_deletion {
        return None;
    }
    let content = content_words(ctx);
    let is_hedge_word = |w: &str| {
        matches!(w, "wherever" | "whenever")
            || ctx.lex.hedges.iter().chain(ctx.lex.effort.iter()).any(|h| h.split(' ').any(|p| p == w))
    };
    (!content.is_empty() && content.iter().all(|w| is_hedge_word(w)))
        .then(|| Reading::stronger("strengthened", "a qualifier was removed, so the duty is less conditional"))
}

/// Words removed without replacement.
pub(super) fn removed_words(ctx: &Ctx) -> Option<Reading> {
    // A deletion, or an edit that only moves small words around it ("A, B, and C" to "A and B").
    let added_content = ctx.inserted.iter().any(|w| !ctx.lex.stopwords.has_word(w) && !ctx.deleted.contains(w));
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
    Some(Reading::weaker(
        "scope-item-removed",
        format!("\"{}\" was removed, which narrows the provision", shown.join(" ")),
    ))
}

/// A limiting condition on who or what is covered, or a narrowed definition.
pub(super) fn limited(ctx: &Ctx) -> Option<Reading> {
    if ctx.inserted.is_empty() || !(ctx.old.obligation || ctx.old.definition) {
        return None;
    }
    let added = ctx.lex.limiters.added(&ctx.old.words, &ctx.new.words);
    let broadening = ctx.inserted.first().is_some_and(|w| matches!(w.as_str(), "or" | "including" | "and/or" | "any"));
    // Adding excluded days to the definition of a day ("Business Day" ... "or a County holiday") lengthens every
    // period counted in it.
    let defines_day = ctx.old.definition
        && ctx.old.all.first().is_some_and(|t| t == "\"")
        && ctx.old.all.iter().skip(1).take_while(|t| *t != "\"").any(|t| t == "day" || t == "days");
    if defines_day && !ctx.inserted.is_empty() && ctx.pure_insertion {
        let what: Vec<&str> = ctx.inserted.iter().map(Word::as_str).collect();
        return Some(Reading::weaker(
            "definition-narrowed",
            format!(
                "the definition of a day now also excludes \"{}\", which lengthens every period counted in those days",
                what.join(" ")
            ),
        ));
    }
    let limits_or_counts = !added.is_empty() || !super::time::quantities(&ctx.inserted).is_empty();
    if ctx.old.definition && !broadening && ctx.pure_insertion && limits_or_counts {
        let what: Vec<&str> = ctx.inserted.iter().map(Word::as_str).collect();
        return Some(Reading::weaker(
            "definition-narrowed",
            format!("the definition now adds \"{}\", which narrows who or what it covers", what.join(" ")),
        ));
    }
    // A limiter that is only another form of a word the edit removed ("refer" rewritten as "is referred") limits
    // nothing new.
    // Four characters, not bytes: a word may hold letters outside ASCII ("José").
    let stem = |w: &str| w.chars().take(4).collect::<String>();
    // A relative clause written another way ("verifies that a Member is" to "identifies a Member who is") limits
    // nothing new either.
    let relative = |w: &str| matches!(w, "who" | "whose" | "which" | "that");
    let reworded = |p: &str| {
        ctx.deleted.iter().any(|d| d.chars().count() >= 4 && p.chars().count() >= 4 && stem(d) == stem(p))
            || (relative(p) && ctx.deleted.iter().any(|d| relative(d)))
    };
    let found = added.iter().find(|p| ctx.touches(p) && !reworded(p))?;
    if broadening {
        return None;
    }
    let rule = if ctx.old.definition { "definition-narrowed" } else { "scope-limited" };
    Some(Reading::weaker(rule, format!("\"{found}\" now limits who or what the provision covers")))
}
