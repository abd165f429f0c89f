//! Precedence: which text wins when two conflict. A clause that lets this MOU, the law, DHCS's guidance or the MCP
//! Contract win keeps the template's duties whole; one that lets another agreement, or a party's own policy, win
//! lets them give way.

use super::frame::{Ctx, Reading};
use super::lexicon::Word;

/// The winner a precedence clause names: the words of its clause before its verb, and whether they name an
/// instrument that keeps the MOU's duties.
fn winner(ctx: &Ctx, all: &[Word]) -> Option<(String, bool)> {
    let lex = ctx.lex;
    let (at, _) = (0..all.len()).find_map(|i| lex.precedence_verbs.longest_at(all, i).map(|(len, _)| (i, len)))?;
    let start = all[..at]
        .iter()
        .rposition(|t| matches!(t.as_str(), "," | ";" | ":" | "."))
        .map_or(0, |p| p + 1)
        .max(at.saturating_sub(8));
    let who: Vec<Word> = all[start..at].iter().filter(|t| t.chars().any(char::is_alphanumeric)).cloned().collect();
    if who.is_empty() {
        return None;
    }
    let protective = lex.protective_instruments.any_in(&who);
    Some((who.iter().map(Word::as_str).collect::<Vec<_>>().join(" "), protective))
}

/// The winner of a conflict changed.
pub(super) fn check(ctx: &Ctx) -> Option<Reading> {
    let (old, new) = (winner(ctx, &ctx.old.all)?, winner(ctx, &ctx.new.all)?);
    if old.0 == new.0 || !(ctx.touches(&new.0) || ctx.untouches(&old.0)) {
        // The same text wins, however the clause is put ("If they conflict, this MOU prevails" and "This MOU
        // prevails over the policy where the two conflict"): its words are accounted for.
        let clause = "if when where they the two conflict conflicts over prevails prevail controls control governs";
        return (old.0 == new.0).then(|| Reading::equal("precedence-flipped").explaining([old.0.as_str(), clause]));
    }
    let words = [old.0.as_str(), new.0.as_str()];
    let reading = match (old.1, new.1) {
        (true, false) => Reading::weaker(
            "precedence-flipped",
            format!("in a conflict, \"{}\" now wins instead of \"{}\", so the MOU's duties give way", new.0, old.0),
        ),
        (false, true) => {
            Reading::stronger("strengthened", format!("in a conflict, \"{}\" now wins instead of \"{}\"", new.0, old.0))
        }
        _ => Reading::unknown(
            "precedence-changed",
            format!("in a conflict, \"{}\" now wins instead of \"{}\"", new.0, old.0),
        ),
    };
    Some(reading.explaining(words))
}
