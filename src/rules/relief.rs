//! Relief: text that releases a party from a duty, or sets a duty aside. It is read with the direction of its
//! negation, so "Neither Party is liable for a missed deadline" relieves and "Nothing in this MOU relieves either
//! Party of a duty" preserves.
//!
//! - A **disclaimer** negates a word that states a duty: "is not responsible", "does not apply", "need not",
//!   "does not create obligations".
//! - A **relief verb** sets a duty aside: "waives", "supersedes", "suspends", "is deemed met", "notwithstanding".
//!   Negated ("does not delay", "nothing relieves"), it preserves the duty instead.
//! - **Non-binding** text makes a provision or the MOU itself optional: "non-binding", "for acknowledgment only".
//! - **Exclusive** responsibility moves a duty to one party alone: "which alone is responsible".
//! - **Scoped** relief (exceptions, limits, conditions, goals) relieves only when the text speaks of the MOU's
//!   existing duties rather than of a duty of its own.

use super::frame::{Ctx, Reading};
use super::lexicon::{Lexicon, Word};

/// What kind of relief a phrase gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word that states a duty, negated.
    Disclaimer,
    /// A verb that sets a duty aside.
    Relief,
    /// Text that makes a provision non-binding.
    NonBinding,
    /// A duty given to one party alone.
    Exclusive,
}

impl Kind {
    /// The rule code of a weakening of this kind.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Kind::Disclaimer => "duty-disclaimed",
            Kind::Relief => "override-added",
            Kind::NonBinding => "non-binding",
            Kind::Exclusive => "obligation-shifted",
        }
    }

    /// What a phrase of this kind does, for messages.
    pub(crate) fn what_it_does(self) -> &'static str {
        self.what()
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Disclaimer => "says a party is not bound by, responsible or liable for a duty",
            Kind::Relief => "overrides, waives, suspends or sets aside a duty",
            Kind::NonBinding => "makes the text non-binding",
            Kind::Exclusive => "gives a duty to one party alone",
        }
    }
}

/// One phrase that gives relief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Op {
    pub kind: Kind,
    /// The words as written, lower case.
    pub phrase: String,
    /// Whether it relieves only when the text speaks of the MOU's existing duties.
    pub scoped: bool,
}

/// What a text says about duties.
#[derive(Debug, Clone, Default)]
pub(crate) struct Read {
    /// The phrases that relieve, in order.
    pub ops: Vec<Op>,
    /// Whether it speaks of the MOU's existing duties ("this MOU", "Section 7", "its obligations").
    pub refers: bool,
    /// Whether it sets a binding duty of its own on a party, not negated.
    pub own_duty: bool,
    /// Whether its own duty is to perform the MOU's duties ("must meet its obligations under Section 7 ..."), so
    /// what limits that duty limits them.
    pub restates: bool,
}

impl Read {
    /// The phrases that relieve whatever the text is about.
    pub fn strong(&self) -> impl Iterator<Item = &Op> {
        self.ops.iter().filter(|o| !o.scoped)
    }

    /// Whether the text relieves the MOU's existing duties: a relieving phrase about them, or a limit, exception or
    /// condition on them that is not the limit of a new duty of the text's own.
    pub fn relieves(&self) -> Option<&Op> {
        if !self.refers {
            return None;
        }
        let own = self.own_duty && !self.restates;
        self.strong().next().or_else(|| if own { None } else { self.ops.iter().find(|o| o.scoped) })
    }
}

/// Whether the word at `i` is negated: "not", "never" or a contraction up to three words before it, or a negative
/// subject ("Nothing in this MOU", "Neither Party", "No provision") before it in its clause. Used for a modal,
/// which no relieving word stands between.
fn negated(all: &[Word], i: usize, lex: &Lexicon, clauses: &Clauses) -> bool {
    let clause_start = clauses.start[i];
    // Near the word, a comparator reaching it ("not only", "not limited to") widens rather than negates, and a
    // negator negates; further back only a negative subject reaches it.
    let near = i.saturating_sub(NEAR).max(clause_start);
    let mut words_back = 0;
    let mut k = i;
    while k > near {
        k -= 1;
        let w = all[k].as_str();
        if !w.chars().any(char::is_alphanumeric) {
            continue;
        }
        words_back += 1;
        if lex.comparators.longest_at(all, k).is_some_and(|(len, _)| k + len >= i) {
            return false;
        }
        if words_back <= 3 && lex.negators.has_word(w) {
            return true;
        }
        if is_negative_subject(w) {
            return true;
        }
    }
    clauses.negative_subject[near].is_some()
}

/// How many tokens before a word a comparator or a negator of it may start: more than the longest comparator.
const NEAR: usize = 16;

/// The most words before a verb read as its subject.
const SUBJECT_WORDS: usize = 24;

fn is_negative_subject(w: &str) -> bool {
    matches!(w, "nothing" | "neither" | "none" | "no")
}

/// Where each token's clause and sentence start and end, read once per text so that every question about a
/// token's clause costs no more than the answer.
struct Clauses {
    /// For each token (and one past the last), the first token of its clause.
    start: Vec<usize>,
    /// For each token, the one past the last of its clause (its closing punctuation, or the end).
    end: Vec<usize>,
    /// For each token, the sentence's closing full stop at or after it, or the end.
    sentence_end: Vec<usize>,
    /// For each token, the last negative subject ("nothing", "neither", "none", "no") before it in its clause.
    negative_subject: Vec<Option<usize>>,
    /// For each token, the first word at or after it that names a conflict, or the end.
    next_conflict: Vec<usize>,
}

impl Clauses {
    fn of(all: &[Word]) -> Clauses {
        let n = all.len();
        let mut start = Vec::with_capacity(n + 1);
        let mut negative_subject = Vec::with_capacity(n + 1);
        let (mut at, mut last) = (0, None);
        for (i, t) in all.iter().enumerate() {
            start.push(at);
            negative_subject.push(last);
            if clause_end(t) {
                (at, last) = (i + 1, None);
            } else if is_negative_subject(t) {
                last = Some(i);
            }
        }
        start.push(at);
        negative_subject.push(last);
        let (mut end, mut sentence_end, mut next_conflict) = (vec![n; n + 1], vec![n; n + 1], vec![n; n + 1]);
        for i in (0..n).rev() {
            let t = all[i].as_str();
            end[i] = if clause_end(t) { i } else { end[i + 1] };
            sentence_end[i] = if t == "." { i } else { sentence_end[i + 1] };
            let conflict = matches!(t, "conflict" | "conflicts" | "inconsistent" | "inconsistency" | "over");
            next_conflict[i] = if conflict { i } else { next_conflict[i + 1] };
        }
        Clauses { start, end, sentence_end, negative_subject, next_conflict }
    }
}

/// Whether a clause ends at token `t`: a negation does not reach past one.
fn clause_end(t: &str) -> bool {
    matches!(t, "," | ";" | "." | ":")
}

/// The words before a verb that say who or what it is about, back to the start of its clause (at most
/// [`SUBJECT_WORDS`] of them); a relative pronoun ("..., which govern") stands for the words before its comma.
fn subject_before(all: &[Word], at: usize, clauses: &Clauses) -> Vec<Word> {
    let words = |from: usize, to: usize| -> Vec<Word> {
        let mut who: Vec<Word> = all[from..to]
            .iter()
            .rev()
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .take(SUBJECT_WORDS)
            .cloned()
            .collect();
        who.reverse();
        who
    };
    let start = clauses.start[at];
    let who = words(start, at);
    if who.first().is_some_and(|w| matches!(w.as_str(), "which" | "that" | "who")) && start > 0 {
        return words(clauses.start[start - 1], start - 1);
    }
    who
}

/// Reads what a text (its lower-case tokens, punctuation included) says about duties.
///
/// A negation reaches forward to the first relieving word or word of duty after it, in its clause, and stops
/// there: "does not diminish any duty" negates "diminish" (the duty is preserved), "Neither Party is liable"
/// negates "liable" (the duty is disclaimed), and "No duty ... is limited by this MOU" negates "limited".
pub(crate) fn read(all: &[Word], lex: &Lexicon) -> Read {
    // The words, and where each stands among all the tokens.
    let (positions, words): (Vec<usize>, Vec<Word>) = all
        .iter()
        .enumerate()
        .filter(|(_, t)| t.chars().any(char::is_alphanumeric))
        .map(|(i, t)| (i, t.clone()))
        .unzip();
    let clauses = Clauses::of(all);
    // For each token, the first relieving phrase at or after it (read when first asked for).
    let mut next_relief: Option<Vec<usize>> = None;
    let mut out = Read { refers: lex.refers_to_duties.any_in(&words), ..Read::default() };
    let phrase = |i: usize, len: usize| all[i..(i + len).min(all.len())].join(" ");
    // The position of a negation not yet spent, and whether it is a negative subject (which reaches further).
    let mut pending: Option<(usize, bool)> = None;
    // Whether the pending negation belongs to a relieving word ahead ("No duty ... is limited"), not to a word of
    // duty on the way.
    let mut relief_only = false;
    // The relieving word a negation reaches through a list ("to limit, reduce, or condition").
    let mut carry: Option<usize> = None;
    let mut i = 0;
    while i < all.len() {
        let t = all[i].as_str();
        if clause_end(t) {
            pending = None;
            relief_only = false;
            i += 1;
            continue;
        }
        // Phrases that widen a duty are passed over whole ("not only", "without limitation").
        if let Some((len, _)) = lex.comparators.longest_at(all, i).or_else(|| lex.expansions.longest_at(all, i)) {
            i += len;
            continue;
        }
        // "without" negates what follows it here ("acting without authority to bind"), though it is no negation
        // of a whole sentence's duty.
        if lex.negators.has_word(t) || t == "without" {
            relief_only = false;
            pending = Some((i, matches!(t, "nothing" | "neither" | "none" | "no")));
            i += 1;
            continue;
        }
        // A negation reaches a few words, or a negative subject to its clause's end.
        let neg = carry == Some(i)
            || pending.is_some_and(|(at, subject)| {
                subject || all[at..i].iter().filter(|w| !clause_end(w)).take(5).count() <= 4
            });
        if let Some((len, _)) = lex.non_binding.longest_at(all, i) {
            if !neg {
                out.ops.push(Op { kind: Kind::NonBinding, phrase: phrase(i, len), scoped: false });
            }
            pending = None;
            i += len;
            continue;
        }
        if let Some((len, _)) = lex.duty_words.longest_at(all, i) {
            let near = &all[i.saturating_sub(2)..i];
            let alone = near.iter().any(|w| lex.exclusive.has_word(w));
            // "No duty ... is limited": a negative subject next to a word of duty used as a noun belongs to the
            // relieving word later in its clause.
            let subject_next = pending.is_some_and(|(at, subject)| subject && i - at <= 2);
            let relieved_later = neg && subject_next && {
                let next = next_relief.get_or_insert_with(|| {
                    let mut next = vec![all.len(); all.len() + 1];
                    for k in (0..all.len()).rev() {
                        next[k] = if lex.relief.longest_at(all, k).is_some() { k } else { next[k + 1] };
                    }
                    next
                });
                next[(i + len).min(all.len())] < clauses.end[i]
            };
            if neg && !relieved_later && !relief_only {
                out.ops.push(Op { kind: Kind::Disclaimer, phrase: phrase(i, len), scoped: false });
                pending = None;
            } else if relieved_later {
                // Spent on the relieving word ahead, and on nothing else.
                relief_only = true;
            } else if alone && !neg {
                // A duty given to one party alone moves it when that party is not one the template binds: a
                // subcontractor, a provider, a delegate ("the Subcontractor shall be solely responsible").
                let by_itself = near.iter().any(|w| w == "alone");
                let delegate = subject_before(all, i, &clauses).iter().any(|w| lex.delegates.has_word(w));
                out.ops.push(Op {
                    kind: Kind::Exclusive,
                    phrase: phrase(i.saturating_sub(2), len + 2),
                    scoped: !(by_itself || delegate),
                });
            }
            i += len;
            continue;
        }
        // Another text made to win a conflict: "its own policies, which govern in any conflict with this Article".
        if let Some((len, _)) = lex.precedence_verbs.longest_at(all, i) {
            let conflict = clauses.next_conflict[i.saturating_sub(12)] < clauses.sentence_end[i];
            let who = subject_before(all, i, &clauses);
            if conflict && !neg && !who.is_empty() && !lex.protective_instruments.any_in(&who) {
                out.ops.push(Op { kind: Kind::Relief, phrase: phrase(i, len), scoped: false });
                pending = None;
                i += len;
                continue;
            }
        }
        if let Some((len, p)) = lex.relief.longest_at(all, i) {
            if !neg {
                let scoped = lex.scoped_relief.iter().any(|s| s == p);
                out.ops.push(Op { kind: Kind::Relief, phrase: phrase(i, len), scoped });
            }
            // "does not reduce or replace", "to limit, reduce, or condition": a negation reaches along the
            // relieving words listed with the one it negates.
            let mut j = i + len;
            while all.get(j).is_some_and(|w| matches!(w.as_str(), "," | "or" | "and" | "nor")) {
                j += 1;
            }
            carry = (neg && j > i + len && lex.relief.longest_at(all, j).is_some()).then_some(j);
            pending = None;
            relief_only = false;
            i += len;
            continue;
        }
        if let Some((len, _)) = lex.scoped_non_binding.longest_at(all, i) {
            if !neg {
                out.ops.push(Op { kind: Kind::NonBinding, phrase: phrase(i, len), scoped: true });
            }
            i += len;
            continue;
        }
        if let Some((len, _)) = lex.scoped_relief.longest_at(all, i) {
            if !neg {
                out.ops.push(Op { kind: Kind::Relief, phrase: phrase(i, len), scoped: true });
            }
            i += len;
            continue;
        }
        i += 1;
    }
    // A duty of its own: a binding modal, not negated, whose verb is not itself a word of duty ("is not
    // responsible", "shall not be required"). Its object may be the MOU's own duties.
    let modals = lex.modals.values_in(&words);
    for &(at, len, strength) in &modals {
        if strength < 5 {
            continue;
        }
        let pos = positions.get(at).copied().unwrap_or(all.len());
        if negated(all, pos, lex, &clauses) || words.get(at + len).is_some_and(|w| lex.duty_words.has_word(w)) {
            continue;
        }
        out.own_duty = true;
        let object = &words[(at + len).min(words.len())..(at + len + 6).min(words.len())];
        if object.iter().any(|w| {
            matches!(
                w.as_str(),
                "obligation"
                    | "obligations"
                    | "duty"
                    | "duties"
                    | "requirement"
                    | "requirements"
                    | "responsibilities"
                    | "provision"
                    | "provisions"
                    | "section"
                    | "sections"
                    | "deadline"
                    | "deadlines"
                    | "timeframes"
            )
        }) {
            out.restates = true;
        }
    }
    out
}

/// Relief written into a template sentence: a relieving phrase the edit added.
pub(super) fn in_sentence(ctx: &Ctx) -> Option<Reading> {
    if ctx.inserted.is_empty() {
        return None;
    }
    // Only a relieving phrase with an inserted word in it counts, so the old sentence is read only when the new one
    // has such a phrase.
    let new = read(&ctx.new.all, ctx.lex);
    let touched: Vec<&Op> = new.strong().filter(|op| ctx.touches(&op.phrase)).collect();
    if touched.is_empty() {
        return None;
    }
    let old = read(&ctx.old.all, ctx.lex);
    let was = |op: &Op| old.ops.iter().filter(|o| o.phrase == op.phrase && !o.scoped).count();
    let is = |op: &Op| new.ops.iter().filter(|o| o.phrase == op.phrase && !o.scoped).count();
    let added = touched.into_iter().find(|op| is(op) > was(op))?;
    Some(
        Reading::weaker(
            added.kind.code(),
            format!("the edit adds text that {} (\"{}\")", added.kind.what(), added.phrase),
        )
        .explaining([added.phrase.as_str()]),
    )
}

/// The message for an added sentence that relieves, by what relieves.
pub(crate) fn describe(op: &Op) -> String {
    format!("the added text {} of this MOU (\"{}\")", op.kind.what(), op.phrase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::normalize::tokenize;

    fn read_text(s: &str) -> Read {
        let all: Vec<Word> = tokenize(s).iter().map(|t| super::super::lexicon::lower(&t.key)).collect();
        read(&all, super::super::lexicon::get())
    }

    fn relieves(s: &str) -> Option<Kind> {
        read_text(s).relieves().map(|o| o.kind)
    }

    #[test]
    fn relief_is_read_with_the_direction_of_its_negation() {
        assert_eq!(
            relieves("Neither Party is responsible for any consequence of a missed deadline under this MOU."),
            Some(Kind::Disclaimer)
        );
        assert_eq!(relieves("Nothing in this MOU relieves either Party of a duty it owes under State law."), None);
        assert_eq!(relieves("This Section 4.4 does not apply to exempt infant formula."), Some(Kind::Disclaimer));
        assert_eq!(relieves("This MOU is superseded by any policy of MCP."), Some(Kind::Relief));
        assert_eq!(relieves("This MOU states the Parties' intention to cooperate."), Some(Kind::NonBinding));
        assert_eq!(relieves("It does not create obligations that either Party can enforce."), Some(Kind::Disclaimer));
        assert_eq!(
            relieves(
                "MCP has delegated its obligations under Sections 7 and 8 to X, which alone is responsible for them."
            ),
            Some(Kind::Exclusive)
        );
        assert_eq!(
            relieves("Mediation does not delay either Party's right to request resolution under Section 12.2."),
            None
        );
        assert_eq!(
            relieves("MCP is liable for the cost when a provider fails, and not only when MCP arranges them. This Section only adds to MCP's obligations; it does not reduce or replace any other provision of this MOU."),
            None
        );
        assert_eq!(relieves("Each Party must send Member information under this MOU only by encrypted email."), None);
        assert_eq!(
            relieves("Nothing in any added provision shall be construed to limit, reduce, or condition any obligation of this MOU."),
            None
        );
        assert_eq!(relieves("MCP need not meet the deadline in Section 4."), Some(Kind::Relief));
        assert_eq!(relieves("MCP will report each month without the need for a request under this MOU."), None);
        assert_eq!(relieves("The Parties share the goal of improving birth outcomes."), None);
        assert_eq!(relieves("The timeframes in Section 5 are goals."), Some(Kind::NonBinding));
        assert_eq!(
            relieves("MCP will meet its obligations under Section 7 only when staffing allows."),
            Some(Kind::Relief)
        );
    }
}
