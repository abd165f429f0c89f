//! What sets a duty off, and what it is subject to.
//!
//! - **Hedges and conditions**: an effort standard ("commercially reasonable efforts"), a feasibility, resource or
//!   appropriateness qualifier ("subject to staffing", "as appropriate"), or a condition that makes a duty depend
//!   on a request or on someone's judgment ("if the referring Party considers it necessary", "upon request").
//! - **Triggers**: the evidentiary standard a duty starts on, ordered from the easiest to meet to the hardest
//!   (suspicion, reason to believe, good-faith belief, knowledge, confirmation, substantiation, adjudication). A
//!   duty that now starts on a harder standard applies in fewer cases.
//! - **Who may ask**: a duty owed "on request" that now needs a written request, or a request by one officer, or
//!   by fewer parties, is owed less often.

use super::frame::{Ctx, Reading};
use super::lexicon::Word;

/// A hedge or condition that the edit added to an obligation. One that takes the place of a hedge or condition the
/// edit removed ("when resources allow" for "when resources permit", "where the two conflict" for "if they
/// conflict") rewords it; an evidentiary standard is the trigger's to judge, and a request the duty already
/// answered is who-may-ask's.
pub(super) fn hedge(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation || ctx.inserted.is_empty() {
        return None;
    }
    let lex = ctx.lex;
    let asks =
        |w: &[Word]| w.iter().any(|x| x.starts_with("request") || matches!(x.as_str(), "ask" | "asks" | "asked"));
    let removed: Vec<&str> =
        lex.hedges.added(&ctx.new.words, &ctx.old.words).into_iter().filter(|p| ctx.untouches(p)).collect();
    let added: Vec<&str> = lex
        .hedges
        .added(&ctx.old.words, &ctx.new.words)
        .into_iter()
        .filter(|p| ctx.touches(p))
        .filter(|p| lex.evidence.values_in(&p.split(' ').map(Word::from).collect::<Vec<_>>()).is_empty())
        .filter(|p| !(p.split(' ').any(|w| w.starts_with("request") || w == "asked") && asks(&ctx.old.words)))
        .collect();
    // Hedges removed pay for hedges added, one for one; conditions likewise.
    let is_condition = |p: &str| lex.conditions.iter().any(|c| c == p);
    let removed_conditions = removed.iter().filter(|p| is_condition(p)).count();
    let removed_hedges = removed.len() - removed_conditions;
    let (mut conditions_left, mut hedges_left) = (removed_conditions, removed_hedges);
    let mut paired: Vec<&str> = Vec::new();
    let found = added.into_iter().find(|p| {
        let slot = if is_condition(p) { &mut conditions_left } else { &mut hedges_left };
        if *slot > 0 {
            *slot -= 1;
            paired.push(p);
            false
        } else {
            true
        }
    });
    let Some(found) = found else {
        return (!removed.is_empty()).then(|| Reading::equal("hedge-added").explaining(removed).explaining(paired));
    };
    let rule = if is_condition(found) { "condition-added" } else { "hedge-added" };
    Some(Reading::weaker(rule, format!("the obligation is now qualified by \"{found}\"")).explaining([found]))
}

/// The standard a duty starts on, made harder or easier: harder when the edit writes in a standard harder than
/// the easiest the template had ("an allegation" to "a substantiated allegation", "has reason to believe" to "has
/// confirmed"), or removes the easiest one; easier the other way.
pub(super) fn trigger(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation {
        return None;
    }
    let found = |words: &[Word]| -> Vec<(u8, String)> {
        ctx.lex.evidence.values_in(words).into_iter().map(|(at, len, r)| (r, words[at..at + len].join(" "))).collect()
    };
    let (old, new) = (found(&ctx.old.words), found(&ctx.new.words));
    let inserted: Vec<u8> = new.iter().filter(|(_, p)| ctx.touches(p)).map(|&(r, _)| r).collect();
    let removed = old.iter().any(|(_, p)| ctx.untouches(p));
    if inserted.is_empty() && !removed {
        return None;
    }
    // A duty with no standard of its own starts on the event itself, known to the bearer.
    const EVENT: u8 = 4;
    let easiest = |v: &[(u8, String)]| v.iter().map(|&(r, _)| r).min().unwrap_or(EVENT);
    let (o, n) = (easiest(&old), easiest(&new));
    let phrases: Vec<&str> = old.iter().chain(&new).map(|(_, p)| p.as_str()).collect();
    let said = |v: &[(u8, String)]| {
        if v.is_empty() {
            "the event itself".to_string()
        } else {
            v.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(", ")
        }
    };
    let harder = inserted.iter().any(|&r| r > o) || n > o;
    let reading = if harder {
        Reading::weaker(
            "trigger-harder",
            format!(
                "the duty now starts on a harder standard to meet (\"{}\" instead of \"{}\"), so it applies in fewer cases",
                said(&new),
                said(&old)
            ),
        )
    } else if n < o {
        Reading::stronger(
            "strengthened",
            format!("the duty now starts on an easier standard (\"{}\" instead of \"{}\")", said(&new), said(&old)),
        )
    } else {
        Reading::equal("trigger-harder")
    };
    Some(reading.explaining(phrases))
}

/// Who may ask for a duty owed on request: the words after "request of", "request by" or "asks" up to the end of
/// their clause, at most six; `None` when the duty names no one.
fn requesters(all: &[Word]) -> Option<Vec<Word>> {
    let words: Vec<&Word> = all.iter().collect();
    let at = words.iter().position(|w| w.starts_with("request") || matches!(w.as_str(), "asks" | "ask" | "asked"))?;
    // "on County's request": who asks stands before the request, in the possessive.
    if let Some(owner) = at.checked_sub(1).map(|p| words[p]).filter(|w| w.ends_with("'s")) {
        return Some(vec![owner.clone()]);
    }
    let mut k = at + 1;
    if words.get(k).is_some_and(|w| matches!(w.as_str(), "of" | "by" | "from")) {
        k += 1;
    } else if matches!(words[at].as_str(), "asks" | "ask" | "asked") {
        // "When either Party asks": who asks stands before the verb.
        let start = words[..at]
            .iter()
            .rposition(|w| matches!(w.as_str(), "," | ";" | "when" | "if" | "whenever"))
            .map_or(0, |p| p + 1);
        return Some(words[start..at].iter().map(|w| (*w).clone()).collect());
    } else {
        return Some(Vec::new());
    }
    let end =
        words[k..].iter().position(|w| matches!(w.as_str(), "," | ";" | "." | ":")).map_or(words.len(), |p| k + p);
    Some(words[k..end.min(k + 6)].iter().map(|w| (*w).clone()).collect())
}

/// How many may ask: any of a class ("either Party", "any Party") counts as many; otherwise the names joined by
/// "or" and "and".
fn how_many(who: &[Word]) -> usize {
    if who.iter().any(|w| matches!(w.as_str(), "either" | "any" | "each" | "both" | "all" | "parties")) {
        return usize::MAX;
    }
    1 + who.iter().filter(|w| matches!(w.as_str(), "or" | "and")).count()
}

/// A duty owed on request, with the request made harder to give, or fewer who may give it.
pub(super) fn requester(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation {
        return None;
    }
    let (Some(old_who), Some(new_who)) = (requesters(&ctx.old.all), requesters(&ctx.new.all)) else { return None };
    let who_words: Vec<String> = old_who.iter().chain(&new_who).map(ToString::to_string).collect();
    let added = ctx.lex.request_qualifiers.added(&ctx.old.words, &ctx.new.words);
    let added: Vec<&str> = added.into_iter().filter(|p| ctx.touches(p)).collect();
    if !added.is_empty() {
        return Some(
            Reading::weaker(
                "request-narrowed",
                format!("the request the duty answers must now be {}, so it is owed less often", added.join(", ")),
            )
            .explaining(added.iter().copied())
            .explaining(who_words.iter().map(String::as_str)),
        );
    }
    let (o, n) = (how_many(&old_who), how_many(&new_who));
    if n < o && !new_who.is_empty() {
        let shown: Vec<&str> = new_who.iter().map(Word::as_str).collect();
        return Some(
            Reading::weaker(
                "request-narrowed",
                format!("fewer may ask for the duty: now only \"{}\"", shown.join(" ")),
            )
            .explaining(who_words.iter().map(String::as_str)),
        );
    }
    let removed = ctx.lex.request_qualifiers.added(&ctx.new.words, &ctx.old.words);
    let removed: Vec<&str> = removed.into_iter().filter(|p| ctx.untouches(p)).collect();
    if !removed.is_empty() || n > o {
        return Some(
            Reading::stronger("strengthened", "the duty is owed on an easier request, or to more who may ask")
                .explaining(removed.iter().copied())
                .explaining(who_words.iter().map(String::as_str)),
        );
    }
    Some(
        Reading::equal("request-narrowed")
            .explaining(who_words.iter().map(String::as_str))
            .explaining(["request requests requested ask asks asked at on upon the of by"]),
    )
}
