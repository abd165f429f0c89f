//! Slots: the places in a baseline where the parties write their own data. In an official text each bracketed
//! fill-in ("[MCP Name]", "[Insert effective date]") is a slot; in a template rendered from a party file each party
//! value is one, and the party file says what it should hold. Both become the same [`Slot`], so the comparison
//! treats them alike.
//!
//! A slot has a [`SlotKind`], inferred from the fill-in's own words or from the party value's shape. The kind
//! bounds what may stand in the slot: a date slot holds a date, not a date and a clause that postpones some
//! sections. What the parties write beyond those bounds is compared as text they added (see
//! `compare::slots`).

use std::ops::Range;
use std::sync::Arc;

/// What a slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotKind {
    /// The name of a party, a person, a place or an organisation.
    Name,
    /// A job title.
    Title,
    /// A calendar date.
    Date,
    /// A postal address.
    Address,
    /// An email address.
    Email,
    /// A telephone or fax number.
    Phone,
    /// A number or identifier (a contract number, a license number).
    Number,
    /// A web address.
    Url,
    /// Free text: a description the parties write.
    Text,
}

impl SlotKind {
    /// Every kind, for documentation and tests.
    pub const ALL: [SlotKind; 9] = [
        SlotKind::Name,
        SlotKind::Title,
        SlotKind::Date,
        SlotKind::Address,
        SlotKind::Email,
        SlotKind::Phone,
        SlotKind::Number,
        SlotKind::Url,
        SlotKind::Text,
    ];

    /// The name used in every output and in `fill-ins.toml`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Name => "name",
            SlotKind::Title => "title",
            SlotKind::Date => "date",
            SlotKind::Address => "address",
            SlotKind::Email => "email",
            SlotKind::Phone => "phone",
            SlotKind::Number => "number",
            SlotKind::Url => "url",
            SlotKind::Text => "text",
        }
    }

    /// The kind named `s` (as [`SlotKind::as_str`] writes it).
    #[must_use]
    pub fn parse(s: &str) -> Option<SlotKind> {
        SlotKind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The kind a fill-in's own words ask for: "[Insert effective date]" is a date, "[MCP Name]" a name,
    /// "[Title]" a title, "[Insert MCP website address]" a web address.
    #[must_use]
    pub fn of_label(label: &str) -> SlotKind {
        let words: Vec<String> = label
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        // The most specific kind wins: a "website address" is a web address, a "phone number" a phone.
        if has(&["email", "e-mail"]) {
            SlotKind::Email
        } else if has(&["phone", "telephone", "fax", "tel"]) {
            SlotKind::Phone
        } else if has(&["website", "url", "web", "webpage", "link", "homepage"]) {
            SlotKind::Url
        } else if has(&["date", "day", "dates"]) {
            SlotKind::Date
        } else if has(&["address", "street", "addresses"]) {
            SlotKind::Address
        } else if has(&["title", "position"]) {
            SlotKind::Title
        } else if has(&["number", "no", "id", "identifier", "amount", "license", "licence", "percent", "count"]) {
            SlotKind::Number
        } else if words.len() <= 6 {
            // A short label names what goes there: a party, a county, a person.
            SlotKind::Name
        } else {
            SlotKind::Text
        }
    }

    /// The kind a party value's shape shows: an email, a telephone number, a date, or else a name.
    #[must_use]
    pub fn of_value(value: &str) -> SlotKind {
        let v = value.trim();
        if v.contains('@') && !v.contains(char::is_whitespace) {
            SlotKind::Email
        } else if v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.") {
            SlotKind::Url
        } else if v.chars().filter(char::is_ascii_digit).count() >= 7
            && v.chars().all(|c| c.is_ascii_digit() || " ()+-.xext".contains(c))
        {
            SlotKind::Phone
        } else if is_long_date(v) {
            SlotKind::Date
        } else {
            SlotKind::Name
        }
    }
}

/// "January 1, 2025": how `mou` and most MOUs write a date.
fn is_long_date(v: &str) -> bool {
    let mut parts = v.split_whitespace();
    let (Some(m), Some(d), Some(y), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    crate::date::MONTHS.iter().any(|x| x.eq_ignore_ascii_case(m))
        && d.trim_end_matches(',').parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && y.len() == 4
        && y.parse::<u16>().is_ok()
}

/// A place in a baseline block where the parties write their own data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Where it is in the block's text: the bracketed fill-in, or the party value as rendered.
    pub range: Range<usize>,
    /// What it holds.
    pub kind: SlotKind,
    /// How reports name it: the fill-in without its brackets ("MCP Name"), or the party value.
    pub label: Arc<str>,
    /// The value the party file gives it, when the baseline was rendered from one.
    pub expected: Option<Arc<str>>,
    /// Whether every occurrence of the label must hold the same value: "[MCP Name]" names one plan wherever it
    /// stands, while "[Name]" in each row of a contacts table is a different person.
    pub single: bool,
}

impl Slot {
    /// A bracketed fill-in of an official text, spanning `range` (brackets included) in its block.
    #[must_use]
    pub fn fill_in(range: Range<usize>, inner: &str) -> Slot {
        let label: Arc<str> = inner.split_whitespace().collect::<Vec<_>>().join(" ").into();
        Slot { range, kind: SlotKind::of_label(&label), single: names_one_thing(&label), label, expected: None }
    }

    /// A party value rendered into a template, spanning `range` in its block.
    #[must_use]
    pub fn party_value(range: Range<usize>, value: &str) -> Slot {
        let label: Arc<str> = value.into();
        Slot { range, kind: SlotKind::of_value(value), label: Arc::clone(&label), expected: Some(label), single: false }
    }
}

/// Words that only ask for a blank to be filled.
const ASKING: &[&str] = &["insert", "enter", "type", "add", "the", "a", "an", "here", "printed", "print"];
/// Words that name a kind of value, without saying whose it is.
const KINDS: &[&str] = &[
    "name",
    "title",
    "date",
    "address",
    "mailing",
    "notice",
    "street",
    "phone",
    "telephone",
    "fax",
    "email",
    "e-mail",
    "signature",
    "number",
    "contact",
    "legal",
    "full",
    "no",
];
/// Whether a fill-in names one thing wherever it stands: it says whose or what value it is ("[MCP Name]",
/// "[Agreement Number]", "[Insert effective date]", "[County]"). A blank made only of words for a kind of value
/// ("[Name]", "[Notice Address]", "[Title]", "[Date]") is filled afresh wherever it stands, for whichever party it
/// stands by.
fn names_one_thing(label: &str) -> bool {
    label
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .any(|w| !ASKING.contains(&w.as_str()) && !KINDS.contains(&w.as_str()))
}

/// Takes the marks of party values (see `render::marks`) out of a rendered text: the text without them, and the
/// byte range in that text of each marked value.
#[must_use]
pub fn strip_marks(text: &str) -> (String, Vec<Range<usize>>) {
    use crate::render::marks::{CLOSE, OPEN};
    if !text.contains(OPEN) {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for c in text.chars() {
        match c {
            OPEN => open = Some(out.len()),
            CLOSE => {
                if let Some(start) = open.take() {
                    if start < out.len() {
                        ranges.push(start..out.len());
                    }
                }
            }
            c => out.push(c),
        }
    }
    (out, ranges)
}

/// Makes each marked range of a document's source (from [`strip_marks`]) a party-value slot of the block that
/// shows it.
pub fn attach_marked(doc: &mut super::Document, ranges: &[Range<usize>]) {
    if ranges.is_empty() {
        return;
    }
    let mut k = 0;
    for b in &mut doc.blocks {
        let (Some(first), Some(last)) = (b.segments.first(), b.segments.last()) else { continue };
        let (start, end) = (first.source_start, last.source_start + last.len);
        while k < ranges.len() && ranges[k].end <= start {
            k += 1;
        }
        let mut j = k;
        while j < ranges.len() && ranges[j].start < end {
            let r = &ranges[j];
            if let (Some(s), Some(e)) = (text_at(b, r.start, false), text_at(b, r.end, true)) {
                if s < e && e <= b.text.len() && b.text.is_char_boundary(s) && b.text.is_char_boundary(e) {
                    let value = b.text[s..e].to_string();
                    b.slots.push(Slot::party_value(s..e, &value));
                }
            }
            j += 1;
        }
    }
}

/// The offset in a block's text of a source offset: exact inside text the source spells out, and the nearer edge
/// of a piece the source writes otherwise (an escaped character).
fn text_at(b: &super::Block, source: usize, end: bool) -> Option<usize> {
    let mut best = None;
    for s in &b.segments {
        if s.verbatim && source >= s.source_start && source <= s.source_start + s.len {
            return Some(s.text_start + (source - s.source_start));
        }
        if !s.verbatim && source >= s.source_start {
            best = Some(if end { s.text_start + s.len } else { s.text_start });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_fill_ins_own_words() {
        let k = SlotKind::of_label;
        assert_eq!(k("Insert effective date"), SlotKind::Date);
        assert_eq!(k("MCP Name"), SlotKind::Name);
        assert_eq!(k("Title"), SlotKind::Title);
        assert_eq!(k("Mailing Address"), SlotKind::Address);
        assert_eq!(k("Insert MCP website address"), SlotKind::Url);
        assert_eq!(k("Phone"), SlotKind::Phone);
        assert_eq!(k("Email"), SlotKind::Email);
        assert_eq!(k("Insert contract number"), SlotKind::Number);
        assert_eq!(k("County"), SlotKind::Name);
        assert_eq!(k("Insert a description of the services the Subcontractor performs for MCP"), SlotKind::Text);
    }

    #[test]
    fn kinds_come_from_a_party_values_shape() {
        assert_eq!(SlotKind::of_value("a.b@example.org"), SlotKind::Email);
        assert_eq!(SlotKind::of_value("(530) 555-0141"), SlotKind::Phone);
        assert_eq!(SlotKind::of_value("January 1, 2025"), SlotKind::Date);
        assert_eq!(SlotKind::of_value("Golden Poppy Health Plan"), SlotKind::Name);
    }

    #[test]
    fn generic_labels_are_filled_afresh_and_specific_ones_once() {
        assert!(!Slot::fill_in(0..6, "Name").single);
        assert!(!Slot::fill_in(0..6, "Mailing  Address").single);
        assert!(!Slot::fill_in(0..6, "Notice Address").single);
        assert!(!Slot::fill_in(0..6, "Title").single);
        assert!(Slot::fill_in(0..6, "MCP Name").single);
        assert!(Slot::fill_in(0..6, "WIC Agency Name").single);
        assert!(Slot::fill_in(0..6, "County").single);
        assert!(Slot::fill_in(0..6, "Insert contract number").single);
        assert!(Slot::fill_in(0..6, "Insert effective date").single);
        assert!(Slot::fill_in(0..6, "Agreement Number").single);
        assert!(Slot::fill_in(0..6, "End Date").single);
        assert!(!Slot::fill_in(0..6, "Full Legal Name").single);
        assert_eq!(&*Slot::fill_in(0..6, "Mailing  Address").label, "Mailing Address");
    }
}
