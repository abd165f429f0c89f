//! Modal and verb downgrades, and polarity.
//!
//! - A binding modal (must, shall, is required to) that becomes permissive or aspirational (may, should, is
//!   expected to, is encouraged to) weakens the duty; the reverse strengthens it. The template's own modal is the
//!   baseline: a deliberately soft "should" that becomes "may" is weaker too.
//! - A verb of duty that becomes a verb of effort ("shall ensure" to "shall seek to ensure") or of request or
//!   offer ("shall require" to "shall ask", "shall train" to "shall offer training") weakens it.
//! - A negation added to, or removed from, an obligation turns it into something else.

use super::lexicon::{added_phrases, modal_strengths, negations, EFFORT, REQUEST};
use super::{Ctx, Outcome};

const NAMES: [&str; 7] = [
    "no modal",
    "a mere possibility",
    "a permission",
    "an encouragement or request",
    "a strong encouragement",
    "an expectation",
    "a binding modal",
];

/// Polarity: a negation added or removed.
pub(super) fn polarity(ctx: &Ctx) -> Option<Outcome> {
    let (o, n) = (negations(&ctx.old.words), negations(&ctx.new.words));
    if o == n || !(ctx.old.obligation || ctx.new.obligation) {
        return None;
    }
    let msg = if n > o {
        "a negation was added to the obligation, which reverses or removes it".to_string()
    } else {
        "a negation was removed from the obligation, which turns a prohibition or limit into something else".to_string()
    };
    Some(Outcome::Weaker("polarity", msg))
}

/// Modal strength down or up.
pub(super) fn modal(ctx: &Ctx) -> Option<Outcome> {
    let (o, n) = (modal_strengths(&ctx.old.words), modal_strengths(&ctx.new.words));
    if o == n {
        return None;
    }
    // Compare how many modals of each strength there are, strongest first. A modal that gives way to a weaker
    // one is a downgrade; one that simply disappears because two duties now share it ("must keep ... and must
    // send" becoming "must be kept ... and sent") is not, and a whole duty deleted is the deletion rule's.
    let count = |v: &[u8], l: u8| v.iter().filter(|&&s| s == l).count();
    if !o.is_empty() && n.is_empty() {
        return Some(Outcome::Weaker(
            "modal-downgrade",
            format!("{} was removed, so the text no longer binds", NAMES[usize::from(o[0])]),
        ));
    }
    for level in (1..=super::lexicon::BINDING).rev() {
        let (co, cn) = (count(&o, level), count(&n, level));
        if cn < co {
            let gained = (1..level).rev().find(|&l| count(&n, l) > count(&o, l));
            return gained.map(|to| {
                Outcome::Weaker(
                    "modal-downgrade",
                    format!("{} became {}", NAMES[usize::from(level)], NAMES[usize::from(to)]),
                )
            });
        }
        if cn > co {
            let lost = (1..level).any(|l| count(&n, l) < count(&o, l)) || o.is_empty();
            return lost
                .then(|| Outcome::Stronger(format!("the modal is stronger: now {}", NAMES[usize::from(level)])));
        }
    }
    None
}

/// Duty verbs turned into effort or request verbs.
pub(super) fn duty_verb(ctx: &Ctx) -> Option<Outcome> {
    if !ctx.old.obligation {
        return None;
    }
    // One effort standing in for another ("attempt to" becoming "try to") was an effort already: an effort word
    // that the edit removed says so. An effort elsewhere in the sentence ("take part in decisions") does not.
    const EFFORT_WORDS: &[&str] = &[
        "try",
        "tries",
        "attempt",
        "attempts",
        "seek",
        "seeks",
        "endeavor",
        "endeavour",
        "endeavors",
        "strive",
        "strives",
        "aim",
        "aims",
        "efforts",
        "effort",
    ];
    if ctx.deleted.iter().any(|w| EFFORT_WORDS.contains(&w.as_str())) {
        return None;
    }
    // A new clause that happens to use a soft verb ("and agrees to support the County") adds a duty; only a short
    // insertion or a replacement turns an existing duty into an effort or a request.
    if ctx.pure_insertion && ctx.inserted.len() > 4 {
        return None;
    }
    // Words that say the same as what they replace ("work together" and "collaborate", "notify" and "inform").
    const SAME: &[&[&str]] = &[
        &[
            "collaborate",
            "collaborates",
            "cooperate",
            "cooperates",
            "work",
            "works",
            "together",
            "jointly",
            "coordinate",
            "coordinates",
        ],
        &["inform", "informs", "notify", "notifies", "tell", "tells", "advise", "advises", "alert", "alerts"],
        &["support", "supports", "assist", "assists", "help", "helps", "facilitate", "facilitates"],
        &["ask", "asks", "request", "requests"],
        &["record", "records", "log", "logs", "document", "documents", "note", "notes"],
    ];
    let same_as_deleted = |p: &str| {
        SAME.iter().any(|group| group.contains(&p) && ctx.deleted.iter().any(|d| group.contains(&d.as_str())))
    };
    let effort = added_phrases(&ctx.old.words, &ctx.new.words, EFFORT);
    if let Some(p) = effort.iter().find(|p| ctx.touches(p) && !same_as_deleted(p)) {
        return Some(Outcome::Weaker("duty-to-effort", format!("the duty became an effort to perform it (\"{p}\")")));
    }
    let request = added_phrases(&ctx.old.words, &ctx.new.words, REQUEST);
    if let Some(p) = request.iter().find(|p| ctx.touches(p) && !same_as_deleted(p)) {
        return Some(Outcome::Weaker(
            "duty-to-request",
            format!("the duty became a request, offer or support (\"{p}\")"),
        ));
    }
    None
}
