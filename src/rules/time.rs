//! Deadlines, periods and frequencies, parsed into comparable values: numbers spelled out, in digits or both
//! ("ten (10)"); hours, calendar, business and working days, weeks, months, quarters and years; "daily" to
//! "annually", "every N ...", "twice each year"; and calendar dates.
//!
//! - a longer deadline or a rarer frequency is a weakening;
//! - a shorter notice or retention period is a weakening;
//! - a bound that turns from the side that protects to the other ("for at least ten years" to "for up to ten
//!   years", "within" to "no sooner than") is a weakening;
//! - a deadline replaced by vague words, or deleted, is a weakening;
//! - a start date or start point moved later, or a later date added for part of the duties, is a weakening;
//! - the reverse is a strengthening.

use super::frame::{Ctx, Reading};
use super::lexicon::count_phrase;
use crate::rules::lexicon::Word;

/// What a quantity of time does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A time limit: "within ten (10) days". Longer is weaker.
    Deadline,
    /// A minimum period: notice, retention, term. Shorter is weaker.
    Minimum,
    /// How often: "every month", "twice each year". Rarer is weaker.
    Frequency,
    /// A calendar date a duty starts from. Later is weaker.
    Date,
}

/// A quantity of time found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Its role.
    pub role: Role,
    /// Days for a deadline or minimum, events per day for a frequency, days since year 0 for a date.
    pub value: f64,
    /// The words it was read from.
    pub text: String,
    /// Index of its first word.
    pub at: usize,
    /// The content words right after it (what a deadline runs from).
    pub anchor: Vec<Word>,
    /// The bound the words before it put on it: "at least" (a floor), "up to" or "within" (a ceiling).
    pub bound: Bound,
}

impl Quantity {
    /// A quantity read from `text` at word `at`, with no anchor or bound (yet).
    fn new(role: Role, value: f64, text: String, at: usize) -> Quantity {
        Quantity { role, value, text, at, anchor: Vec::new(), bound: Bound::None }
    }
}

/// Which side of a quantity a sentence fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// "at least", "no fewer than", "a minimum of".
    Floor,
    /// "up to", "no more than", "within", "no later than".
    Ceiling,
    /// No bound is stated.
    None,
}

/// Phrases that make the period after them a wait: the duty may be done only once it has passed.
const WAIT: &[&str] =
    &["no sooner than", "not sooner than", "no earlier than", "not earlier than", "not before", "after"];

/// Phrases that put a floor under the quantity after them.
const FLOOR: &[&str] = &[
    "not before",
    "after",
    "at least",
    "not less than",
    "no less than",
    "no fewer than",
    "not fewer than",
    "a minimum of",
    "minimum of",
    "no sooner than",
    "not sooner than",
    "no earlier than",
    "not earlier than",
    "more than",
    "over",
];

/// Phrases that put a ceiling over the quantity after them.
const CEILING: &[&str] = &[
    "up to",
    "no more than",
    "not more than",
    "at most",
    "a maximum of",
    "maximum of",
    "not to exceed",
    "within",
    "no later than",
    "not later than",
    "less than",
    "fewer than",
    "no longer than",
    "by",
];

/// The bound the words just before `start` put on the quantity there, and where the bound's phrase starts.
fn bound_before(words: &[Word], start: usize) -> (Bound, usize) {
    let from = start.saturating_sub(4);
    let before = &words[from..start];
    // The longest phrase wins: "not more than" is a ceiling, though it ends with "more than".
    let mut best = (Bound::None, start, 0);
    for (list, bound) in [(FLOOR, Bound::Floor), (CEILING, Bound::Ceiling)] {
        for p in list {
            let n = p.split(' ').count();
            if n > best.2 && n <= before.len() && count_phrase(&before[before.len() - n..], p) == 1 {
                best = (bound, start - n, n);
            }
        }
    }
    (best.0, best.1)
}

fn small_number(w: &str) -> Option<f64> {
    let n = match w {
        "zero" => 0,
        "one" | "a" | "an" | "single" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    };
    Some(f64::from(n))
}

/// A number word or numeral: "ten", "forty-five", "10", "1,000", "2.5".
pub(crate) fn number(w: &str) -> Option<f64> {
    if let Some(n) = small_number(w) {
        return Some(n);
    }
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return w.replace(',', "").parse::<f64>().ok();
    }
    let mut total = 0.0;
    for part in w.split('-') {
        total += small_number(part)?;
    }
    Some(total)
}

/// A number that may span several words ("one hundred twenty", "two thousand five hundred") starting at `i`:
/// its value and how many words it takes.
pub(super) fn number_at(words: &[Word], i: usize) -> Option<(f64, usize)> {
    let first = words.get(i)?;
    if first.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return number(first).map(|n| (n, 1));
    }
    let (mut total, mut current, mut used, mut j) = (0.0, 0.0, 0usize, i);
    while let Some(w) = words.get(j) {
        match w.as_str() {
            "hundred" => current = if current == 0.0 { 100.0 } else { current * 100.0 },
            "thousand" => {
                total += if current == 0.0 { 1000.0 } else { current * 1000.0 };
                current = 0.0;
            }
            "and" if used > 0 && words.get(j + 1).and_then(|n| number(n)).is_some() => {}
            _ => match number(w) {
                // "a" and "an" count only as the first word ("a week", "a hundred").
                Some(n) if !(used > 0 && matches!(w.as_str(), "a" | "an" | "single")) => current += n,
                _ => break,
            },
        }
        used = j + 1 - i;
        j += 1;
    }
    (used > 0).then_some((total + current, used))
}

fn ordinal(w: &str) -> Option<f64> {
    const ORD: &[(&str, u32)] = &[
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("fifteenth", 15),
        ("twentieth", 20),
        ("thirtieth", 30),
    ];
    if let Some(&(_, n)) = ORD.iter().find(|(o, _)| *o == w) {
        return Some(f64::from(n));
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    None
}

/// Days in a unit, and whether the word is one.
pub(super) fn unit(words: &[Word], i: usize) -> Option<(f64, usize)> {
    // Adjectives before the unit: "calendar", "business", "working", "consecutive", "full".
    let mut j = i;
    let mut factor = 1.0;
    while j < words.len()
        && matches!(
            words[j].as_str(),
            "calendar" | "business" | "working" | "consecutive" | "full" | "school" | "state"
        )
    {
        if matches!(words[j].as_str(), "business" | "working" | "school" | "state") {
            factor = 7.0 / 5.0;
        }
        j += 1;
    }
    let w = words.get(j)?;
    let days = match w.trim_end_matches('\'') {
        "hour" | "hours" | "hr" | "hrs" => 1.0 / 24.0,
        "day" | "days" => factor,
        "week" | "weeks" => 7.0,
        "month" | "months" => 365.25 / 12.0,
        "quarter" | "quarters" => 365.25 / 4.0,
        "year" | "years" | "yr" | "yrs" => 365.25,
        _ => return None,
    };
    Some((days, j + 1 - i))
}

fn adverb_interval(w: &str) -> Option<f64> {
    Some(match w {
        "hourly" => 1.0 / 24.0,
        "daily" => 1.0,
        "weekly" => 7.0,
        "biweekly" | "fortnightly" => 14.0,
        "monthly" => 365.25 / 12.0,
        "bimonthly" => 365.25 / 6.0,
        "quarterly" => 365.25 / 4.0,
        "semiannually" | "semi-annually" | "biannually" | "semiannual" | "semi-annual" => 365.25 / 2.0,
        "annually" | "yearly" | "annual" => 365.25,
        "biennially" => 730.5,
        _ => return None,
    })
}

fn month(w: &str) -> Option<u32> {
    const M: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    M.iter().position(|m| *m == w).map(|p| u32::try_from(p).unwrap_or(0) + 1)
}

/// Reads the quantities of time in a sentence's lower-case words (punctuation included as its own tokens).
#[must_use]
pub fn quantities(words: &[Word]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    let text = |a: usize, b: usize| words[a..b.min(words.len())].join(" ");
    while i < words.len() {
        let w = words[i].as_str();
        // Calendar dates: "July 1, 2025", or "January 31" of a recurring year.
        if let Some(m) = month(w) {
            if let Some(d) = words.get(i + 1).and_then(|d| d.parse::<u32>().ok()).filter(|d| (1..=31).contains(d)) {
                let comma = usize::from(words.get(i + 2).map(Word::as_str) == Some(","));
                let year =
                    words.get(i + 2 + comma).and_then(|y| y.parse::<u32>().ok()).filter(|y| (1900..2200).contains(y));
                let end = if year.is_some() { i + 3 + comma } else { i + 2 };
                let value = f64::from(year.unwrap_or(0)) * 372.0 + f64::from(m) * 31.0 + f64::from(d);
                out.push(Quantity {
                    role: Role::Date,
                    value,
                    text: text(i, end),
                    at: i,
                    anchor: Vec::new(),
                    bound: Bound::None,
                });
                i = end;
                continue;
            }
        }
        // Frequency adverbs.
        if let Some(days) = adverb_interval(w) {
            out.push(Quantity::new(Role::Frequency, 1.0 / days, w.to_string(), i));
            i += 1;
            continue;
        }
        // "once", "twice", "N times" followed by "each/every/per/a/in a" and a unit.
        let count = match w {
            "once" => Some((1.0, 1)),
            "twice" => Some((2.0, 1)),
            "thrice" => Some((3.0, 1)),
            _ => number_at(words, i)
                .filter(|&(_, len)| words.get(i + len).is_some_and(|n| n == "times"))
                .map(|(n, len)| (n, len + 1)),
        };
        if let Some((n, len)) = count {
            let mut j = i + len;
            // Skip a parenthetical numeral: "two (2) times".
            if words.get(j).is_some_and(|x| x == "(") {
                j += 3;
                if words.get(j).is_some_and(|x| x == "times") {
                    j += 1;
                }
            }
            if let Some((interval, end)) = per_interval(words, j) {
                out.push(Quantity::new(Role::Frequency, n / interval, text(i, end), i));
                i = end;
                continue;
            }
            if let Some(days) = words.get(j).and_then(|x| adverb_interval(x)) {
                out.push(Quantity::new(Role::Frequency, n / days, text(i, j + 1), i));
                i = j + 1;
                continue;
            }
        }
        // "every/each/per N unit" on its own.
        if matches!(w, "every" | "each" | "per") {
            if let Some((interval, end)) = per_interval(words, i) {
                out.push(Quantity::new(Role::Frequency, 1.0 / interval, text(i, end), i));
                i = end;
                continue;
            }
        }
        // "one meeting each year", "two reports per quarter": a count of events in each period; not a count that
        // says who is covered ("Members with two emergency visits in a year").
        let describes_people = words[i.saturating_sub(3)..i]
            .iter()
            .any(|x| matches!(x.as_str(), "with" | "having" | "who" | "have" | "had" | "least" | "than"));
        if let Some((n, nlen)) =
            number_at(words, i).filter(|_| !matches!(w, "a" | "an" | "single") && !describes_people)
        {
            let mut j = i + nlen;
            if words.get(j).is_some_and(|x| x == "(") && words.get(j + 2).is_some_and(|x| x == ")") {
                j += 3;
            }
            let event = (1..=2).find_map(|k| {
                let named = words.get(j..j + k)?;
                let plain = named.iter().all(|x| x.chars().all(char::is_alphabetic)) && unit(words, j).is_none();
                plain.then(|| per_interval(words, j + k)).flatten()
            });
            if let Some((interval, end)) = event {
                out.push(Quantity::new(Role::Frequency, n / interval, text(i, end), i));
                i = end;
                continue;
            }
        }
        // Ordinal days: "the tenth (10th) day of the following month".
        if let Some(n) = ordinal(w) {
            let mut j = i + 1;
            if words.get(j).is_some_and(|x| x == "(") {
                j += 3;
            }
            if let Some((per, len)) = unit(words, j).filter(|(d, _)| *d >= 1.0 && *d < 2.0) {
                let end = j + len;
                let anchor = anchor_words(words, end);
                out.push(Quantity {
                    role: Role::Deadline,
                    value: n * per,
                    text: text(i, end),
                    at: i,
                    anchor,
                    bound: Bound::None,
                });
                i = end;
                continue;
            }
        }
        // "the same day", "the next business day": a deadline of (about) no time, or one day.
        if matches!(w, "same" | "next" | "following") {
            if let Some((per, len)) = unit(words, i + 1).filter(|(d, _)| *d >= 1.0 && *d < 2.0) {
                let end = i + 1 + len;
                let value = if w == "same" { 0.25 } else { per };
                out.push(Quantity {
                    role: Role::Deadline,
                    value,
                    text: text(i, end),
                    at: i,
                    anchor: Vec::new(),
                    bound: Bound::None,
                });
                i = end;
                continue;
            }
        }
        if w == "immediately" {
            out.push(Quantity::new(Role::Deadline, 0.0, w.to_string(), i));
            i += 1;
            continue;
        }
        // A number and a unit: "ten (10) Working Days", "45 days", "a week", "one hundred twenty (120) days".
        if let Some((n, nlen)) = number_at(words, i) {
            let mut j = i + nlen;
            if words.get(j).is_some_and(|x| x == "(") && words.get(j + 2).is_some_and(|x| x == ")") {
                j += 3;
            }
            if let Some((days, len)) = unit(words, j) {
                let end = j + len;
                // An age ("aged eleven (11) years and older") is a threshold on who is covered, not a period.
                let age = i > 0 && matches!(words[i - 1].as_str(), "age" | "aged" | "ages")
                    || words.get(end).is_some_and(|w| matches!(w.as_str(), "old" | "older" | "younger"))
                    || words.get(end + 1).is_some_and(|w| matches!(w.as_str(), "older" | "younger" | "age"));
                if age {
                    i = end;
                    continue;
                }
                let role = role_of(words, i, end);
                let anchor = anchor_words(words, end);
                out.push(Quantity { role, value: n * days, text: text(i, end), at: i, anchor, bound: Bound::None });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    for q in &mut out {
        q.bound = bound_before(words, q.at).0;
    }
    out
}

/// "every three (3) months", "each year", "per quarter", "a month", "in a year", "every other week": the
/// interval in days and where the phrase ends.
fn per_interval(words: &[Word], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    if words.get(j).is_some_and(|w| w == "in") {
        j += 1;
    }
    if !words.get(j).is_some_and(|w| matches!(w.as_str(), "every" | "each" | "per" | "a" | "an")) {
        return None;
    }
    j += 1;
    let mut n = 1.0;
    if words.get(j).is_some_and(|w| w == "other") {
        n = 2.0;
        j += 1;
    } else if let Some((x, len)) = number_at(words, j).filter(|_| !words.get(j).is_some_and(|w| w == "a" || w == "an"))
    {
        n = x;
        j += len;
        if words.get(j).is_some_and(|x| x == "(") && words.get(j + 2).is_some_and(|x| x == ")") {
            j += 3;
        }
    }
    let (days, len) = unit(words, j)?;
    Some((n * days, j + len))
}

/// Whether a number of days is a time limit or a minimum period, from the words around it.
fn role_of(words: &[Word], start: usize, end: usize) -> Role {
    // The bound ("at least", "up to", "within") says which side of the period is fixed, not what the period is:
    // the words before it say that, and the bound only when they do not.
    let (bound, bstart) = bound_before(words, start);
    let before = words[start.saturating_sub(6)..start].join(" ");
    // How long something lasts ("for up to twelve (12) months", "for at least ten (10) years") is a minimum: what
    // it guarantees gets shorter if it does.
    let lead = words[bstart.saturating_sub(4)..bstart].join(" ");
    if lead.ends_with("for") || lead.ends_with("for a period of") || lead.ends_with("term of") {
        return Role::Minimum;
    }
    // A window in a condition on who qualifies ("who is pregnant or within twelve (12) months after ...",
    // "infants born before thirty-seven (37) weeks") is a minimum too: a shorter window covers fewer Members.
    let lex = super::lexicon::get();
    let near = &words[bstart.saturating_sub(6)..bstart];
    let condition = near.iter().any(|w| matches!(w.as_str(), "who" | "whose" | "eligible"))
        || near.iter().enumerate().any(|(k, w)| {
            lex.who.has_word(w)
                && !matches!(w.as_str(), "if" | "when" | "where" | "with")
                && near[..k].iter().rev().take(3).any(|p| lex.people.has_word(p))
        });
    if condition {
        return Role::Minimum;
    }
    // A look-back window ("in the prior six (6) months") decides who qualifies: shorter covers fewer cases.
    if ["preceding", "prior", "past", "last", "previous"].iter().any(|w| words[..start].last().is_some_and(|x| x == w))
    {
        return Role::Minimum;
    }
    let after = words[end..(end + 4).min(words.len())].join(" ");
    let minimum_before = ["for a minimum of", "for", "term of", "period of", "notice of", "retain", "keep", "maintain"];
    let deadline_before =
        ["within", "by", "no later than", "not later than", "after", "before the end of", "following"];
    // A notice period ("sixty (60) days' written notice", "30 days prior notice") is a minimum; a deadline that runs
    // from a notice ("within 15 Business Days after a written notice") is not.
    let runs_from = ["after", "following", "from", "of", "upon", "since"].iter().any(|w| after.starts_with(w));
    if !runs_from
        && (after.starts_with("' notice")
            || after.starts_with("'s notice")
            || after.starts_with("' written notice")
            || after.starts_with("' prior")
            || after.starts_with("' advance")
            || after.starts_with("notice")
            || after.starts_with("written notice")
            || after.starts_with("prior")
            || after.starts_with("in advance")
            || after.starts_with("before")
            || after.starts_with("advance"))
    {
        return Role::Minimum;
    }
    // A wait ("no sooner than ten days after", "after fourteen days") is when the duty may first be done: a
    // deadline's other side.
    if WAIT.iter().any(|w| count_phrase(&words[bstart..start], w) == 1) {
        return Role::Deadline;
    }
    // The nearest keyword wins.
    let last_pos = |list: &[&str]| {
        list.iter()
            .filter_map(|k| {
                before.rfind(&format!("{k} ")).or_else(|| before.ends_with(k).then(|| before.len() - k.len()))
            })
            .max()
    };
    match (last_pos(&minimum_before), last_pos(&deadline_before)) {
        (Some(m), Some(d)) if m > d => Role::Minimum,
        (Some(_), None) => Role::Minimum,
        (None, None) if bound == Bound::Floor => Role::Minimum,
        _ => Role::Deadline,
    }
}

fn anchor_words(words: &[Word], end: usize) -> Vec<Word> {
    // Only a period followed by what it runs from: "within 5 days of the referral", "for 10 years after the MOU ends".
    if !words
        .get(end)
        .is_some_and(|w| matches!(w.as_str(), "of" | "after" | "from" | "following" | "upon" | "since" | "before"))
    {
        return Vec::new();
    }
    const SKIP: &[&str] = &[
        "of",
        "after",
        "from",
        "following",
        "the",
        "a",
        "an",
        "its",
        "their",
        "upon",
        "on",
        "since",
        "before",
        "that",
        "which",
    ];
    words[end..(end + 6).min(words.len())]
        .iter()
        .take_while(|w| !matches!(w.as_str(), "." | "," | ";" | ":" | "and" | "or" | "(" | ")"))
        .filter(|w| !SKIP.contains(&w.as_str()) && w.chars().any(char::is_alphanumeric))
        .cloned()
        .collect()
}

/// Whether two start points differ in substance: neither one's words (roughly stemmed) contain the other's, so
/// "after it is signed by both" and "after both Parties sign it" are the same start.
fn anchors_differ(a: &[Word], b: &[Word]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let stems = |v: &[Word]| -> Vec<Word> {
        v.iter()
            .filter(|w| !matches!(w.as_str(), "it" | "is" | "by" | "are" | "be" | "been" | "has" | "have"))
            .map(|w| w.chars().take(4).collect())
            .collect()
    };
    let (x, y) = (stems(a), stems(b));
    !(x.iter().all(|s| y.contains(s)) || y.iter().all(|s| x.contains(s)))
}

/// A quantity as the sentence writes it.
fn describe(q: &Quantity, side: &super::Side) -> String {
    let words = side.orig.get(q.at..q.at + q.text.split(' ').count()).map_or_else(|| q.text.clone(), |w| w.join(" "));
    words.replace("( ", "(").replace(" )", ")").replace(" ' ", "' ").replace(" ,", ",")
}

/// The bound that protects whoever a period of this role serves: a ceiling on a deadline ("within"), a floor
/// under a required period or a frequency ("for at least", "at least quarterly").
fn protective(role: Role) -> Option<Bound> {
    match role {
        Role::Deadline => Some(Bound::Ceiling),
        Role::Minimum | Role::Frequency => Some(Bound::Floor),
        // A date things must happen by ("no later than March 31").
        Role::Date => Some(Bound::Ceiling),
    }
}

/// Compares the quantities of time of a changed sentence.
pub(super) fn check(ctx: &Ctx) -> Option<Reading> {
    let old = quantities(&ctx.old.all);
    let new = quantities(&ctx.new.all);
    // A reading accounts for the words of every quantity, the few words that lead up to each (where bounds and
    // role words stand), and vague timing.
    // A universal in a lead ("each quarterly meeting") is accounted for only when the other side's quantities have
    // one too ("held each quarter"): "each quarterly meeting" becoming "a quarterly meeting" covers fewer meetings.
    let universal = |side: &super::frame::Side, qs: &[Quantity]| {
        qs.iter().any(|q| {
            side.all[q.at.saturating_sub(4)..q.at + q.text.split(' ').count()]
                .iter()
                .any(|w| ctx.lex.universals.has_word(w))
        })
    };
    let both_universal = universal(&ctx.old, &old) && universal(&ctx.new, &new);
    let leads = |side: &super::frame::Side, qs: &[Quantity]| -> Vec<String> {
        qs.iter()
            .map(|q| {
                let lead = &side.all[q.at.saturating_sub(4)..q.at];
                let kept: Vec<&str> = lead
                    .iter()
                    .filter(|w| both_universal || !ctx.lex.universals.has_word(w))
                    .map(Word::as_str)
                    .collect();
                kept.join(" ")
            })
            .collect()
    };
    let (old_leads, new_leads) = (leads(&ctx.old, &old), leads(&ctx.new, &new));
    let explain = |r: Reading| -> Reading {
        let texts: Vec<&str> = old.iter().chain(&new).map(|q| q.text.as_str()).collect();
        let bounds: Vec<&str> = FLOOR.iter().chain(CEILING).copied().collect();
        let vague: Vec<&str> = ctx.lex.vague_timing.iter().collect();
        r.explaining(texts)
            .explaining(bounds)
            .explaining(old_leads.iter().chain(&new_leads).map(String::as_str))
            .explaining(vague)
    };
    // "before the Member leaves" becoming "(within ten days) after the Member leaves": the duty falls later.
    let was_before = ctx.deleted.iter().any(|w| matches!(w.as_str(), "before" | "prior"));
    let now_after = ctx.inserted.iter().any(|w| matches!(w.as_str(), "after" | "following" | "once"));
    if was_before && now_after {
        return Some(
            explain(Reading::weaker("start-later", "the duty now falls after the event instead of before it"))
                .explaining(["before prior after following once"]),
        );
    }
    if old.is_empty() && new.is_empty() {
        return None;
    }
    let mut stronger: Option<String> = None;
    for role in [Role::Deadline, Role::Minimum, Role::Frequency, Role::Date] {
        let o: Vec<&Quantity> = old.iter().filter(|q| q.role == role).collect();
        let n: Vec<&Quantity> = new.iter().filter(|q| q.role == role).collect();
        for (a, b) in o.iter().zip(&n) {
            let (weaker, what) = match role {
                Role::Deadline => (b.value > a.value * 1.005, "a longer deadline"),
                Role::Minimum => (b.value < a.value * 0.995, "a shorter required period"),
                Role::Frequency => (b.value < a.value * 0.995, "a less frequent duty"),
                Role::Date => (b.value > a.value, "a later date"),
            };
            let differs = (b.value - a.value).abs() > a.value.abs() * 0.005;
            let rule = match role {
                Role::Deadline => "deadline-longer",
                Role::Minimum => "period-shortened",
                Role::Frequency => "frequency-reduced",
                Role::Date => "start-later",
            };
            if weaker {
                return Some(explain(Reading::weaker(
                    rule,
                    format!("{what}: \"{}\" became \"{}\"", describe(a, &ctx.old), describe(b, &ctx.new)),
                )));
            }
            // The same period with its bound turned: "for at least ten years" to "for up to ten years".
            if let Some(safe) = protective(role) {
                let opposite = |x: Bound| x != safe && x != Bound::None;
                if (a.bound == safe && opposite(b.bound)) || (opposite(a.bound) && b.bound == safe) {
                    let msg = format!(
                        "the bound on \"{}\" turned: it is now \"{}\"",
                        describe(a, &ctx.old),
                        describe(b, &ctx.new)
                    );
                    if a.bound == safe {
                        return Some(explain(Reading::weaker("bound-flipped", msg)));
                    }
                    stronger.get_or_insert(msg);
                    continue;
                }
            }
            if differs {
                stronger.get_or_insert(format!(
                    "\"{}\" became \"{}\", which is stricter",
                    describe(a, &ctx.old),
                    describe(b, &ctx.new)
                ));
            } else if matches!(role, Role::Deadline | Role::Minimum) && anchors_differ(&a.anchor, &b.anchor) {
                // What the period runs from changed: later when the new start is an event's completion and the old
                // one was not ("of the referral" to "of completing intake"), earlier the other way.
                let later = |x: &[Word]| x.iter().filter(|w| ctx.lex.late_anchors.has_word(w)).count();
                let msg = format!(
                    "the period \"{}\" now runs from \"{}\" instead of \"{}\"",
                    describe(b, &ctx.new),
                    b.anchor.join(" "),
                    a.anchor.join(" ")
                );
                let words: Vec<String> = a.anchor.iter().chain(&b.anchor).map(ToString::to_string).collect();
                let r = match later(&b.anchor).cmp(&later(&a.anchor)) {
                    std::cmp::Ordering::Greater => {
                        Reading::weaker("start-later", format!("{msg}, which starts it later"))
                    }
                    std::cmp::Ordering::Less => {
                        Reading::stronger("strengthened", format!("{msg}, which starts it earlier"))
                    }
                    std::cmp::Ordering::Equal => {
                        Reading::unknown("start-changed", format!("{msg}, which may start it later"))
                    }
                };
                return Some(explain(r).explaining(words.iter().map(String::as_str)));
            }
        }
        if o.len() > n.len() {
            let lost = o[n.len()];
            // The same period, now counted after the event instead of before it ("at least 45 days before" to
            // "within 45 days after"): the duty now falls later.
            if role == Role::Minimum
                && new.iter().any(|q| q.role == Role::Deadline && (q.value - lost.value).abs() < 1e-9)
                && !old.iter().any(|q| q.role == Role::Deadline && (q.value - lost.value).abs() < 1e-9)
            {
                return Some(explain(Reading::weaker(
                    "start-later",
                    format!("\"{}\" now counts after the event instead of before it", describe(lost, &ctx.old)),
                )));
            }
            let vague: Vec<&str> = ctx
                .lex
                .vague_timing
                .iter()
                .filter(|p| count_phrase(&ctx.new.words, p) > count_phrase(&ctx.old.words, p))
                .collect();
            let msg = match (role, vague.first()) {
                (_, Some(v)) => {
                    format!("the time limit \"{}\" was replaced by the vague \"{v}\"", describe(lost, &ctx.old))
                }
                (Role::Frequency, None) => format!("the frequency \"{}\" was removed", describe(lost, &ctx.old)),
                (Role::Date, None) => format!("the date \"{}\" was removed", describe(lost, &ctx.old)),
                _ => format!("the time limit \"{}\" was removed", describe(lost, &ctx.old)),
            };
            return Some(explain(Reading::weaker("deadline-removed", msg).explaining(vague)));
        }
        // A later date added beside the template's ("effective January 1, 2025, except that Section 7 takes effect
        // on January 1, 2026") starts part of the duties later.
        if role == Role::Date && n.len() > o.len() && !o.is_empty() {
            let latest = o.iter().map(|q| q.value).fold(f64::MIN, f64::max);
            if let Some(later) = n[o.len()..].iter().find(|q| q.value > latest) {
                return Some(explain(Reading::weaker(
                    "start-later",
                    format!("a later date, \"{}\", was added beside the template's", describe(later, &ctx.new)),
                )));
            }
        }
        // A period added to a definition limits who or what it covers; the scope rules judge that.
        // A new minimum period ("Members enrolled for six months or more") can limit who is covered instead.
        if n.len() > o.len() && !ctx.old.definition && matches!(role, Role::Deadline | Role::Frequency) {
            stronger.get_or_insert(format!("adds the time limit \"{}\"", describe(n[o.len()], &ctx.new)));
        }
    }
    if let Some(m) = stronger {
        return Some(explain(Reading::stronger("strengthened", m)));
    }
    // The same quantities on both sides, unmoved ("for a period of ten years" written "for ten years"): their words
    // are accounted for. A quantity added or dropped is left to the scope fields ("Members enrolled for six months
    // or more" limits who is covered).
    let shape = |qs: &[Quantity]| {
        let mut roles: Vec<u8> = qs.iter().map(|q| q.role as u8).collect();
        roles.sort_unstable();
        roles
    };
    (shape(&old) == shape(&new)).then(|| explain(Reading::equal("strengthened")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::normalize::tokenize;

    fn q(s: &str) -> Vec<(Role, f64)> {
        let words: Vec<Word> = tokenize(s).into_iter().map(|t| crate::rules::lexicon::lower(t.key.as_str())).collect();
        quantities(&words).into_iter().map(|q| (q.role, (q.value * 1000.0).round() / 1000.0)).collect()
    }

    #[test]
    fn reads_deadlines_periods_and_frequencies() {
        assert_eq!(q("within three (3) Working Days after any change"), [(Role::Deadline, 4.2)]);
        assert_eq!(q("within fifteen (15) Working Days."), [(Role::Deadline, 21.0)]);
        assert_eq!(q("within two (2) months."), [(Role::Deadline, 60.875)]);
        assert_eq!(q("for seven (7) years."), [(Role::Minimum, 2556.75)]);
        assert_eq!(q("on sixty (60) days' written notice"), [(Role::Minimum, 60.0)]);
        assert_eq!(q("at least twice each year"), [(Role::Frequency, 0.005)]);
        assert_eq!(q("at least once every three (3) months"), [(Role::Frequency, 0.011)]);
        assert_eq!(
            q("every month, no later than the tenth (10th) day of the following month"),
            [(Role::Frequency, 0.033), (Role::Deadline, 10.0)]
        );
        assert_eq!(
            q("within forty-five (45) days of hire and every year after that"),
            [(Role::Deadline, 45.0), (Role::Frequency, 0.003)]
        );
        assert_eq!(q("within 72 hours"), [(Role::Deadline, 3.0)]);
        assert_eq!(q("quarterly"), [(Role::Frequency, 0.011)]);
        assert_eq!(q("beginning July 1, 2025"), [(Role::Date, 2025.0 * 372.0 + 7.0 * 31.0 + 1.0)]);
        assert_eq!(q("no later than January 31 of each year"), [(Role::Date, 62.0), (Role::Frequency, 0.003)]);
        assert_eq!(q("at least one hundred twenty (120) Calendar Days' written notice"), [(Role::Minimum, 120.0)]);
        assert_eq!(q("within two thousand five hundred hours"), [(Role::Deadline, 104.167)]);
        assert_eq!(q("on the same day that"), [(Role::Deadline, 0.25)]);
        assert_eq!(q("by the next Business Day"), [(Role::Deadline, 1.4)]);
        assert_eq!(q("two or more admissions in the prior six (6) months"), [(Role::Minimum, 182.625)]);
    }
}
