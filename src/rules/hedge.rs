//! Hedges and conditions inserted into an obligation: effort standards ("commercially reasonable efforts"),
//! feasibility, resource or appropriateness qualifiers ("subject to staffing", "as appropriate"), and
//! conditions that make a duty depend on a request or on someone's judgment ("if the referring Party considers
//! it necessary", "upon request").

use super::lexicon::{added_phrases, HEDGES, OVERRIDES};
use super::{Ctx, Outcome};

/// A hedge or condition that the edit added to an obligation.
pub(super) fn check(ctx: &Ctx) -> Option<Outcome> {
    if !ctx.old.obligation || ctx.inserted.is_empty() {
        return None;
    }
    let added = added_phrases(&ctx.old.words, &ctx.new.words, HEDGES);
    let found = added.iter().find(|p| ctx.touches(p))?;
    let rule = if matches!(
        *found,
        "if" | "when"
            | "whenever"
            | "where"
            | "unless"
            | "only if"
            | "only when"
            | "provided that"
            | "upon request"
            | "on request"
            | "if requested"
            | "when requested"
            | "at the request"
            | "if asked"
            | "when asked"
            | "so long as"
            | "as long as"
            | "in the event"
    ) {
        "condition-added"
    } else {
        "hedge-added"
    };
    Some(Outcome::Weaker(rule, format!("the obligation is now qualified by \"{found}\"")))
}

/// Override or carve-out language inserted into a template sentence.
pub(super) fn overrides(ctx: &Ctx) -> Option<Outcome> {
    if ctx.inserted.is_empty() {
        return None;
    }
    let added = added_phrases(&ctx.old.words, &ctx.new.words, OVERRIDES);
    let found = added
        .iter()
        .find(|p| ctx.touches(p) && !matches!(**p, "only" | "solely" | "limited to" | "except" | "excluding"))?;
    Some(Outcome::Weaker(
        "override-added",
        format!("the edit adds language that overrides or carves out the provision (\"{found}\")"),
    ))
}
