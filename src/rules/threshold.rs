//! Thresholds: numbers that decide who a duty covers or how much it requires. Whether a change of one is weaker
//! follows from what the number does: a number that brings people INTO the duty ("Members with two or more
//! emergency visits", "children under five") covers fewer when a floor rises or a ceiling falls; a number that is
//! the MINIMUM the duty requires ("at least two visits") asks less when it falls.

use super::frame::{Ctx, Reading};
use crate::rules::lexicon::Word;

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
    /// The number, in days when it has a unit of time ("five (5) years of age" and "twelve (12) months" compare).
    value: f64,
    /// The words it was read from.
    text: String,
    /// Those words with the bound words around them, which a reading accounts for.
    span: String,
    bound: Bound,
    eligibility: bool,
}

/// The number thresholds of a sentence that are not periods of time (those are deadlines).
fn thresholds(w: &[Word]) -> Vec<Threshold> {
    const FLOOR_BEFORE: &[&str] = &[
        "over",
        "above",
        "exceeding",
        "exceeds",
        "exceed",
        "surpasses",
        "reaches",
        "at or above",
        "equals or exceeds",
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
        "falls below",
        "drops below",
        "is below",
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
        let Some((n, len)) = super::time::number_at(w, i).filter(|_| !matches!(w[i].as_str(), "a" | "an" | "single"))
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
        let unit = super::time::unit(w, j);
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
        // Who is covered: a condition word before the number, or a person "with" the counted thing ("Members with
        // two or more emergency visits").
        let lex = super::lexicon::get();
        let near = &w[k.saturating_sub(8)..k];
        let describes_people =
            near.windows(2).any(|p| lex.people.has_word(&p[0]) && matches!(p[1].as_str(), "with" | "having"));
        let eligibility = is_age || describes_people || near.iter().any(|x| WHO.contains(&x.as_str()));
        let value = n * unit.map_or(1.0, |(days, _)| days);
        let text = w[k..after_unit.min(w.len())].join(" ");
        let span = w[k.saturating_sub(3)..(after_unit + 2).min(w.len())].join(" ");
        v.push(Threshold { value, text, span, bound, eligibility });
        i = j;
    }
    v
}

/// A number threshold moved so that fewer cases qualify, or a party must do less: an eligibility floor raised or
/// ceiling lowered; a required minimum lowered or a cap on a duty raised.
pub(super) fn check(ctx: &Ctx) -> Option<Reading> {
    let (o, n) = (thresholds(&ctx.old.all), thresholds(&ctx.new.all));
    let spans: Vec<&str> = o.iter().chain(&n).map(|t| t.span.as_str()).collect();
    for (a, b) in o.iter().zip(&n) {
        if a.bound != b.bound || (a.value - b.value).abs() < f64::EPSILON {
            continue;
        }
        let raised = b.value > a.value;
        let weaker = match (a.bound, a.eligibility) {
            (Bound::Floor, true) | (Bound::Ceiling, false) => raised,
            (Bound::Ceiling, true) | (Bound::Floor, false) => !raised,
        };
        let texts = [a.text.as_str(), b.text.as_str()];
        if weaker {
            let what = if a.eligibility { "fewer cases are covered" } else { "less is required" };
            return Some(
                Reading::weaker(
                    "threshold-narrowed",
                    format!("the threshold \"{}\" became \"{}\", so {what}", a.text, b.text),
                )
                .explaining(texts),
            );
        }
        let what = if a.eligibility { "more cases are covered" } else { "more is required" };
        return Some(
            Reading::stronger("strengthened", format!("the threshold \"{}\" became \"{}\", so {what}", a.text, b.text))
                .explaining(texts),
        );
    }
    // Read on both sides and unmoved ("two or more" written "at least two"): the words are accounted for.
    (!o.is_empty() && o.len() == n.len()).then(|| Reading::equal("threshold-narrowed").explaining(spans))
}
