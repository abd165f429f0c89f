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

/// A hedge or condition that the edit added to an obligation.
pub(super) fn hedge(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation || ctx.inserted.is_empty() {
        return None;
    }
    let added = ctx.lex.hedges.added(&ctx.old.words, &ctx.new.words);
    let found = added.iter().find(|p| ctx.touches(p))?;
    let rule = if ctx.lex.conditions.iter().any(|c| c == *found) { "condition-added" } else { "hedge-added" };
    Some(Reading::weaker(rule, format!("the obligation is now qualified by \"{found}\"")).explaining([*found]))
}

/// The easiest evidentiary standard a side's words set, and the words of the phrases that set them.
fn standard(ctx: &Ctx, words: &[Word]) -> Option<(u8, Vec<String>)> {
    let found = ctx.lex.evidence.values_in(words);
    let min = found.iter().map(|&(_, _, r)| r).min()?;
    let phrases = found.iter().map(|&(at, len, _)| words[at..at + len].join(" ")).collect();
    Some((min, phrases))
}

/// The standard a duty starts on, made harder or easier.
pub(super) fn trigger(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation {
        return None;
    }
    let (old, new) = (standard(ctx, &ctx.old.words), standard(ctx, &ctx.new.words));
    let touched =
        |p: &Vec<String>, deleted: bool| p.iter().any(|x| if deleted { ctx.untouches(x) } else { ctx.touches(x) });
    if !old.as_ref().is_some_and(|(_, p)| touched(p, true)) && !new.as_ref().is_some_and(|(_, p)| touched(p, false)) {
        return None;
    }
    // A duty with no standard of its own starts on the event itself, known to the bearer.
    const EVENT: u8 = 4;
    let (o, n) = (old.as_ref().map_or(EVENT, |x| x.0), new.as_ref().map_or(EVENT, |x| x.0));
    let phrases: Vec<String> = old.iter().chain(new.iter()).flat_map(|(_, p)| p.clone()).collect();
    let said = |x: &Option<(u8, Vec<String>)>| {
        x.as_ref().map_or_else(|| "the event itself".to_string(), |(_, p)| p.join(", "))
    };
    let reading = match n.cmp(&o) {
        std::cmp::Ordering::Greater => Reading::weaker(
            "trigger-harder",
            format!(
                "the duty now starts on a harder standard to meet (\"{}\" instead of \"{}\"), so it applies in fewer cases",
                said(&new),
                said(&old)
            ),
        ),
        std::cmp::Ordering::Less => Reading::stronger(
            "strengthened",
            format!("the duty now starts on an easier standard (\"{}\" instead of \"{}\")", said(&new), said(&old)),
        ),
        std::cmp::Ordering::Equal => return None,
    };
    Some(reading.explaining(phrases.iter().map(String::as_str)))
}

/// A duty owed on request, with the request made harder to give.
pub(super) fn requester(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation {
        return None;
    }
    let asks = |w: &[Word]| {
        w.iter().any(|x| {
            matches!(
                x.as_str(),
                "request" | "requests" | "requested" | "requesting" | "ask" | "asks" | "asked" | "asking"
            )
        })
    };
    if !asks(&ctx.old.words) || !asks(&ctx.new.words) {
        return None;
    }
    let added = ctx.lex.request_qualifiers.added(&ctx.old.words, &ctx.new.words);
    let found: Vec<&str> = added.into_iter().filter(|p| ctx.touches(p)).collect();
    if found.is_empty() {
        return None;
    }
    Some(
        Reading::weaker(
            "request-narrowed",
            format!("the request the duty answers must now be {}, so it is owed less often", found.join(", ")),
        )
        .explaining(found.iter().copied()),
    )
}
