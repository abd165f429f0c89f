//! How a baseline's slots meet the edited text. A slot stands for the parties' own data, so it matches what they
//! wrote in its place, but only as far as that text fits the slot's kind: a date slot holds a date, a title slot
//! a title. The rest is text the parties added to the template sentence, and the rules read it as they read any
//! other addition ("January 1, 2025, except that Section 7 takes effect in 2026" is a date and a deferral).

use crate::document::normalize::{tokenize, Token};
use crate::document::{Block, Slot, SlotKind};
use std::ops::Range;

/// The key of a fill-in token: one token stands for a whole slot.
pub const FILL: &str = "\u{0}fill";

/// The tokens of `range` of a baseline block's text, each slot inside the range as one fill-in token. Token
/// offsets are relative to the range's start.
#[must_use]
pub fn base_tokens(block: &Block, range: Range<usize>) -> Vec<Token> {
    let text = &block.text[range.clone()];
    let toks = tokenize(text);
    if block.slots.is_empty() {
        return toks;
    }
    let slots: Vec<(usize, Range<usize>)> = block
        .slots_in(range.clone())
        .take(usize::from(u16::MAX - 1))
        .map(|(i, s)| (i, s.range.start - range.start..s.range.end - range.start))
        .collect();
    if slots.is_empty() {
        return toks;
    }
    let mut out = Vec::with_capacity(toks.len());
    let mut k = 0;
    for t in toks {
        while k < slots.len() && slots[k].1.end <= t.start {
            k += 1;
        }
        match slots.get(k) {
            Some((i, r)) if t.start >= r.start && t.end <= r.end => {
                let slot = u16::try_from(i + 1).unwrap_or(u16::MAX);
                if out.last().is_none_or(|x: &Token| x.slot != slot) {
                    out.push(Token { start: r.start, end: r.end, key: FILL.into(), word: true, slot });
                }
            }
            _ => out.push(t),
        }
    }
    out
}

/// The slot a fill-in token stands for, among a block's slots.
#[must_use]
pub fn slot_of<'a>(t: &Token, slots: &'a [Slot]) -> Option<&'a Slot> {
    usize::from(t.slot).checked_sub(1).and_then(|i| slots.get(i))
}

/// Whether a slot of this kind may take this edited token at all. Kinds with a shape of their own (a date, a
/// telephone number, a number, an email or web address) take only tokens of that shape; names, titles, addresses
/// and free text take any token but a word of obligation language. All are bounded afterwards by [`value_len`].
#[must_use]
pub fn accepts(kind: SlotKind, t: &Token) -> bool {
    let k = t.key.as_str();
    let lower = k.to_ascii_lowercase();
    // "555-0141", "2025-01-01", "1.800": digits joined by dashes or periods.
    let digits =
        k.bytes().any(|b| b.is_ascii_digit()) && k.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'.');
    match kind {
        SlotKind::Date => {
            matches!(k, "," | "/" | "-" | ".")
                || digits && k.len() <= 10
                || is_month(&lower)
                || matches!(lower.as_str(), "of" | "the" | "day")
                || ordinal_digits(&lower)
        }
        SlotKind::Phone => {
            matches!(k, "(" | ")" | "-" | "." | "+" | "/" | ",")
                || digits
                || matches!(lower.as_str(), "ext" | "x" | "extension" | "tty" | "fax")
        }
        // An address is one run of text without spaces; [`value_len`] ends it at the first space.
        SlotKind::Email => (t.word && !is_term_word(k)) || matches!(k, "@" | "." | "-" | "_" | "+"),
        SlotKind::Url => {
            (t.word && !is_term_word(k))
                || matches!(k, ":" | "/" | "." | "-" | "_" | "~" | "%" | "?" | "=" | "&" | "#" | "+")
        }
        SlotKind::Number => {
            k.bytes().any(|b| b.is_ascii_digit())
                || matches!(k, "-" | "/" | "." | "#")
                || matches!(lower.as_str(), "no")
                || (t.word && k.len() <= 6 && k.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
        }
        SlotKind::Name | SlotKind::Title | SlotKind::Address | SlotKind::Text => !(t.word && is_term_word(k)),
    }
}

/// [`accepts`] for the edited token `toks[j]`, which may read its neighbours: an email or web address takes any
/// word glued to the address around it ("https://example.org/mou" holds the word "mou").
#[must_use]
pub fn accepts_at(kind: SlotKind, toks: &[Token], j: usize) -> bool {
    let t = &toks[j];
    if matches!(kind, SlotKind::Email | SlotKind::Url) && t.word {
        let glued_before = j > 0 && toks[j - 1].end == t.start && !toks[j - 1].word;
        let glued_after = toks.get(j + 1).is_some_and(|n| n.start == t.end && !n.word);
        if glued_before || glued_after {
            return true;
        }
    }
    accepts(kind, t)
}

fn is_month(lower: &str) -> bool {
    crate::date::MONTHS.iter().any(|m| {
        let m = m.to_ascii_lowercase();
        lower == m || (lower.len() == 3 && m.starts_with(lower)) || (lower == "sept")
    })
}

fn ordinal_digits(lower: &str) -> bool {
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&lower[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// Words that carry obligation language, which no name, title or address holds: modals, negations, limits,
/// conditions, exceptions, statements about binding force or liability, references to the MOU's own sections,
/// and units of time. Text in a slot from such a word on is read as text the parties added.
#[must_use]
pub fn is_term_word(word: &str) -> bool {
    // Modals are common capitalised names ("May", "Will"); only their lower-case forms count.
    if matches!(word, "shall" | "must" | "will" | "should" | "may" | "might" | "can" | "cannot" | "could" | "would") {
        return true;
    }
    let lower = word.to_lowercase();
    crate::rules::lexicon::get().slot_stops.has_word(&lower)
}

/// How many of the tokens the parties wrote in a slot's place are the slot's value; the rest are text they added
/// after it. `toks` are the edited tokens from the slot's place to the end of the sentence, of which the first
/// `taken` stood in the slot's place. A value ends before the first word of obligation language, at the start of
/// the clause that word stands in (after the comma, semicolon or parenthesis that opens it, or before the
/// lower-case words that lead up to it), and never with a comma or other joining punctuation.
#[must_use]
pub fn value_len(kind: SlotKind, toks: &[Token], taken: usize) -> usize {
    let taken = taken.min(toks.len());
    // A clause that runs on past the slot's place into obligation language started inside it.
    let runs_on = taken < toks.len() && !accepts_at(kind, toks, taken);
    let toks = &toks[..if runs_on { taken + 1 } else { taken }];
    let n = value_len_within(kind, toks);
    n.min(taken)
}

fn value_len_within(kind: SlotKind, toks: &[Token]) -> usize {
    if matches!(kind, SlotKind::Email | SlotKind::Url) {
        let mut end = toks.windows(2).position(|w| w[0].end != w[1].start).map_or(toks.len(), |p| p + 1);
        while end > 0 && matches!(toks[end - 1].key.as_str(), "." | "," | ";" | ":" | ")") {
            end -= 1;
        }
        return end;
    }
    let stop = (0..toks.len()).position(|j| !accepts_at(kind, toks, j) || (toks[j].word && is_term_word(&toks[j].key)));
    let mut end = match stop {
        None => toks.len(),
        Some(r) => {
            let boundary = toks[..r].iter().rposition(|t| matches!(t.key.as_str(), "," | ";" | "(" | ":" | "-"));
            let lower_run = toks[..r]
                .iter()
                .rposition(|t| !(t.word && t.key.starts_with(|c: char| c.is_lowercase())))
                .map_or(0, |p| p + 1);
            match kind {
                // A date ends where what is not a date begins.
                SlotKind::Date | SlotKind::Phone | SlotKind::Email | SlotKind::Url | SlotKind::Number => r,
                _ => boundary.map_or(lower_run, |b| b.max(lower_run)).min(r),
            }
        }
    };
    while end > 0 && matches!(toks[end - 1].key.as_str(), "," | ";" | ":" | "-" | "(" | "and" | "or") {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(kind: SlotKind, text: &str) -> String {
        let toks = tokenize(text);
        let n = value_len(kind, &toks, toks.len());
        if n == 0 {
            String::new()
        } else {
            text[..toks[n - 1].end].to_string()
        }
    }

    #[test]
    fn a_value_stops_where_obligation_language_starts() {
        assert_eq!(value(SlotKind::Date, "January 1, 2025"), "January 1, 2025");
        assert_eq!(
            value(SlotKind::Date, "January 1, 2025, except that Sections 7 and 11.3 take effect on January 1, 2026"),
            "January 1, 2025"
        );
        assert_eq!(value(SlotKind::Date, "January 1, 2025 and January 1, 2026"), "January 1, 2025");
        assert_eq!(
            value(SlotKind::Title, "Chief Executive Officer, signing for acknowledgment only"),
            "Chief Executive Officer"
        );
        assert_eq!(
            value(SlotKind::Title, "Chief Executive Officer for acknowledgment only"),
            "Chief Executive Officer"
        );
        assert_eq!(
            value(
                SlotKind::Title,
                "President and Chief Executive Officer, Golden Poppy Health Plan of Northern California, Inc."
            ),
            "President and Chief Executive Officer, Golden Poppy Health Plan of Northern California, Inc."
        );
        assert_eq!(
            value(
                SlotKind::Name,
                "Golden Poppy Health Plan of Northern California, Inc., a California nonprofit public benefit corporation, doing business as Poppy Health"
            ),
            "Golden Poppy Health Plan of Northern California, Inc., a California nonprofit public benefit corporation, doing business as Poppy Health"
        );
        assert_eq!(
            value(SlotKind::Name, "County of Sutter, acting by and through its Department of Public Health"),
            "County of Sutter, acting by and through its Department of Public Health"
        );
        assert_eq!(
            value(SlotKind::Name, "Golden Poppy Health Plan, which is not bound by Section 7"),
            "Golden Poppy Health Plan"
        );
        assert_eq!(value(SlotKind::Name, "Andrea M. Castillo, J.D., M.P.H."), "Andrea M. Castillo, J.D., M.P.H.");
        assert_eq!(value(SlotKind::Phone, "(530) 555-0141"), "(530) 555-0141");
        assert_eq!(value(SlotKind::Email, "praman@goldenpoppyhealth.example"), "praman@goldenpoppyhealth.example");
        assert_eq!(
            value(SlotKind::Address, "Attn: Legal Department, 2200 Orchard Park Drive, Suite 400, Yuba City, CA 95991"),
            "Attn: Legal Department, 2200 Orchard Park Drive, Suite 400, Yuba City, CA 95991"
        );
        assert_eq!(value(SlotKind::Number, "24-10317"), "24-10317");
        assert_eq!(
            value(SlotKind::Url, "https://www.goldenpoppyhealth.example/mou"),
            "https://www.goldenpoppyhealth.example/mou"
        );
    }
}
