//! Modality: how strongly a sentence binds its bearer, and what it binds them to do.
//!
//! - **Polarity**: a negation added to, or removed from, an obligation turns it into something else.
//! - **Modality**: a binding modal (must, shall, is required to) that becomes permissive or aspirational (may,
//!   should, is encouraged to) weakens the duty; the reverse strengthens it. The template's own modal is the
//!   baseline, so a deliberately soft "should" that becomes "may" is weaker too.
//! - **Effort**: a duty to act that becomes a duty to try ("ensure" to "seek to ensure", "has the duty of
//!   notifying" to "has the duty of endeavoring to notify") or to ask, offer or support ("require" to "ask",
//!   "train" to "offer training") weakens it.
//! - A clause with a modal of its own removed from a sentence removes a duty.

use super::frame::{Ctx, Reading};
use super::lexicon::Word;

/// A negation added or removed.
pub(super) fn polarity(ctx: &Ctx) -> Option<Reading> {
    let (o, n) = (ctx.lex.negations(&ctx.old.words), ctx.lex.negations(&ctx.new.words));
    if o == n || !(ctx.old.obligation || ctx.new.obligation) {
        return None;
    }
    let negators: Vec<&str> =
        ctx.inserted.iter().chain(&ctx.deleted).filter(|w| ctx.lex.negators.has_word(w)).map(Word::as_str).collect();
    let msg = if n > o {
        "a negation was added to the obligation, which reverses or removes it"
    } else {
        "a negation was removed from the obligation, which turns a prohibition or limit into something else"
    };
    Some(Reading::weaker("polarity", msg).explaining(negators))
}

/// Modal strength down or up.
pub(super) fn modal(ctx: &Ctx) -> Option<Reading> {
    let (o, n) = (ctx.lex.modal_strengths(&ctx.old.words), ctx.lex.modal_strengths(&ctx.new.words));
    if o == n {
        return None;
    }
    let name = |s: u8| format!("a modal that {}", ctx.lex.meaning(s));
    let changed: Vec<&str> = ctx
        .inserted
        .iter()
        .chain(&ctx.deleted)
        .filter(|w| ctx.lex.modals.iter().any(|(p, _)| p.split(' ').any(|x| x == w.as_str())))
        .map(Word::as_str)
        .collect();
    // Compare how many modals of each strength there are, strongest first. A modal that gives way to a weaker
    // one is a downgrade; one that simply disappears because two duties now share it ("must keep ... and must
    // send" becoming "must be kept ... and sent") is not, and a whole duty deleted is the deletion rule's.
    let count = |v: &[u8], l: u8| v.iter().filter(|&&s| s == l).count();
    // A modal that permits or expects, taken out, leaves a statement of what is done (see below): stronger, or in a
    // definition a change of the class it defines.
    if !o.is_empty() && n.is_empty() && o.iter().all(|&s| s < super::lexicon::BINDING) {
        let what = format!("{} was removed, so the text states what is done", name(o[0]));
        return Some(if ctx.old.definition {
            Reading::unknown("modal-downgrade", what).explaining(changed)
        } else {
            Reading::stronger("modal-downgrade", what).explaining(changed)
        });
    }
    if !o.is_empty() && n.is_empty() {
        return Some(
            Reading::weaker("modal-downgrade", format!("{} was removed, so the text no longer binds", name(o[0])))
                .explaining(changed),
        );
    }
    for level in (1..=super::lexicon::BINDING).rev() {
        let (co, cn) = (count(&o, level), count(&n, level));
        if cn < co {
            let gained = (1..level).rev().find(|&l| count(&n, l) > count(&o, l));
            return gained.map(|to| {
                Reading::weaker("modal-downgrade", format!("{} became {}", name(level), name(to))).explaining(changed)
            });
        }
        // A sentence with no modal states what is done ("MCP provides transport"), which binds as a contract
        // states it. A modal that binds makes it no weaker; one that permits or expects ("may provide") turns the
        // statement into a choice. In a definition the class it defines changes, which the rules cannot weigh.
        if cn > co && o.is_empty() && level < super::lexicon::BINDING {
            if ctx.old.definition {
                return Some(
                    Reading::unknown("modal-downgrade", format!("the definition now says {}", name(level)))
                        .explaining(changed),
                );
            }
            return Some(
                Reading::weaker("modal-downgrade", format!("a statement of what is done became {}", name(level)))
                    .explaining(changed),
            );
        }
        if cn > co {
            let lost = (1..level).any(|l| count(&n, l) < count(&o, l)) || o.is_empty();
            return lost.then(|| {
                Reading::stronger("modal-downgrade", format!("the modal is stronger: now {}", name(level)))
                    .explaining(changed)
            });
        }
    }
    None
}

/// A duty of its own (a clause with a modal) removed from a sentence without replacement.
pub(super) fn removed_duty(ctx: &Ctx) -> Option<Reading> {
    if !ctx.pure_deletion {
        return None;
    }
    let lost = ctx.lex.modal_strengths(&ctx.deleted);
    if lost.iter().any(|&s| s >= 2) {
        let shown: Vec<&str> = ctx.deleted.iter().map(Word::as_str).collect();
        return Some(
            Reading::weaker(
                "provision-deleted",
                format!("a duty was removed from the sentence: \"{}\"", shown.join(" ")),
            )
            .explaining(shown.iter().copied()),
        );
    }
    None
}

/// A duty verb turned into an effort or a request, in any grammatical form.
pub(super) fn effort(ctx: &Ctx) -> Option<Reading> {
    if !ctx.old.obligation {
        return None;
    }
    // One effort standing in for another ("attempt to" becoming "try to") was an effort already: an effort word
    // that the edit removed says so. An effort elsewhere in the sentence ("take part in decisions") does not.
    if ctx.deleted.iter().any(|w| ctx.lex.effort_words.has_word(w)) {
        return None;
    }
    // A new clause that happens to use a soft verb ("and agrees to support the County") adds a duty; only a short
    // insertion or a replacement turns an existing duty into an effort or a request.
    if ctx.pure_insertion && ctx.inserted.len() > 4 {
        return None;
    }
    // Words that say the same as what they replace ("work together" and "collaborate", "notify" and "inform").
    let same_as_deleted = |p: &str| {
        p.split(' ').any(|w| {
            ctx.lex.same_group(w).is_some_and(|group| ctx.deleted.iter().any(|d| group.has_word(d)))
                || ctx.lex.same.iter().any(|g| g.iter().any(|x| x == w) && ctx.deleted.iter().any(|d| g.has_word(d)))
        })
    };
    let inserted_form = |p: &str| -> Vec<Word> {
        // The words of the phrase as the sentence writes them ("endeavoring to" for "endeavor* to").
        let n = p.split(' ').count();
        (0..ctx.new.words.len())
            .find(|&i| super::lexicon::phrase_at(&ctx.new.words, i, p).is_some())
            .map(|i| ctx.new.words[i..i + n].to_vec())
            .unwrap_or_default()
    };
    let touched = |p: &str| inserted_form(p).iter().any(|w| ctx.inserted.contains(w));
    let effort = ctx.lex.effort.added(&ctx.old.words, &ctx.new.words);
    if let Some(p) = effort.iter().find(|p| touched(p) && !same_as_deleted(&join(&inserted_form(p)))) {
        let form = join(&inserted_form(p));
        return Some(
            Reading::weaker("duty-to-effort", format!("the duty became an effort to perform it (\"{form}\")"))
                .explaining([form.as_str()]),
        );
    }
    let request = ctx.lex.request.added(&ctx.old.words, &ctx.new.words);
    if let Some(p) = request.iter().find(|p| touched(p) && !same_as_deleted(&join(&inserted_form(p)))) {
        let form = join(&inserted_form(p));
        return Some(
            Reading::weaker("duty-to-request", format!("the duty became a request, offer or support (\"{form}\")"))
                .explaining([form.as_str()]),
        );
    }
    // The other way: an effort or an offer the edit removed leaves the duty to act itself ("is responsible for
    // offering training" to "is responsible for training").
    let dropped: Vec<&str> = ctx
        .lex
        .effort
        .added(&ctx.new.words, &ctx.old.words)
        .into_iter()
        .chain(ctx.lex.request.added(&ctx.new.words, &ctx.old.words))
        .collect();
    let removed_form = |p: &str| -> Option<String> {
        let n = p.split(' ').count();
        let i = (0..ctx.old.words.len()).find(|&i| super::lexicon::phrase_at(&ctx.old.words, i, p).is_some())?;
        let form = &ctx.old.words[i..i + n];
        form.iter().any(|w| ctx.deleted.contains(w)).then(|| join(form))
    };
    let form = dropped.iter().find_map(|p| removed_form(p))?;
    Some(
        Reading::stronger(
            "strengthened",
            format!("the duty is no longer only an effort or an offer (\"{form}\" removed)"),
        )
        .explaining([form.as_str()]),
    )
}

fn join(words: &[Word]) -> String {
    words.iter().map(Word::as_str).collect::<Vec<_>>().join(" ")
}
