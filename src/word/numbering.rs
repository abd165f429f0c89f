//! The numbering part (`word/numbering.xml`) and list labels as Word displays them.
//!
//! Word does not store a numbered paragraph's label ("7.3", "(a)", "iv."): it computes it from numbering
//! definitions, per-list counters and number formats. The reader computes it the same way and puts it in front of
//! the paragraph's text, so labels and sections come out as they do for Markdown, where the number is typed.

use super::limits::Limits;
use super::styles::Styles;
use super::tag::Tag;
use super::xml::{attr, ends_with, on, walk, Ev};
use crate::document::limits::MAX_LABEL_CHARS;
use crate::error::InputError;
use quick_xml::events::BytesStart;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default)]
pub(super) struct Level {
    start: Option<i64>,
    format: String,
    text: String,
    restart: Option<u8>,
    legal: bool,
    pub(super) style: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct AbstractNum {
    pub(super) levels: HashMap<u8, Level>,
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: Option<u32>,
    /// Per level: a start override, and a whole level definition that replaces the abstract one.
    overrides: HashMap<u8, (Option<i64>, Option<Level>)>,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    pub(super) abstracts: HashMap<u32, AbstractNum>,
    nums: HashMap<u32, Num>,
}

impl Numbering {
    pub(super) fn parse(part: &str, xml: &[u8], limits: &Limits) -> Result<Numbering, InputError> {
        let mut n = Numbering::default();
        let mut abs: Option<(u32, AbstractNum)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut over: Option<(u8, Option<i64>, Option<Level>)> = None;
        let mut lvl: Option<(u8, Level)> = None;
        let mut too_long: Option<usize> = None;
        let int = |e: &BytesStart<'_>, key: &str| attr(e, key).and_then(|v| v.trim().parse::<i64>().ok());
        walk(part, xml, limits, |ev, stack| match ev {
            Ev::Open(Tag::AbstractNum, e) => {
                abs = int(e, "abstractNumId").and_then(|i| u32::try_from(i).ok()).map(|i| (i, AbstractNum::default()));
            }
            Ev::Close(Tag::AbstractNum) => {
                if let Some((id, a)) = abs.take() {
                    n.abstracts.entry(id).or_insert(a);
                }
            }
            Ev::Open(Tag::Num, e) => {
                num = int(e, "numId").and_then(|i| u32::try_from(i).ok()).map(|i| (i, Num::default()));
            }
            Ev::Close(Tag::Num) => {
                if let Some((id, x)) = num.take() {
                    n.nums.entry(id).or_insert(x);
                }
            }
            Ev::Open(Tag::AbstractNumId, e) if ends_with(stack, &[Tag::Num]) => {
                if let Some((_, x)) = num.as_mut() {
                    x.abstract_id = int(e, "val").and_then(|i| u32::try_from(i).ok());
                }
            }
            Ev::Open(Tag::NumStyleLink, e) if ends_with(stack, &[Tag::AbstractNum]) => {
                if let Some((_, a)) = abs.as_mut() {
                    a.style_link = attr(e, "val");
                }
            }
            Ev::Open(Tag::LvlOverride, e) => {
                over = int(e, "ilvl").and_then(|i| u8::try_from(i).ok()).filter(|i| *i < 9).map(|i| (i, None, None));
            }
            Ev::Open(Tag::StartOverride, e) => {
                if let Some((_, start, _)) = over.as_mut() {
                    *start = int(e, "val");
                }
            }
            Ev::Close(Tag::LvlOverride) => {
                if let (Some((i, start, level)), Some((_, x))) = (over.take(), num.as_mut()) {
                    x.overrides.insert(i, (start, level));
                }
            }
            Ev::Open(Tag::Lvl, e) => {
                lvl =
                    int(e, "ilvl").and_then(|i| u8::try_from(i).ok()).filter(|i| *i < 9).map(|i| (i, Level::default()));
            }
            Ev::Close(Tag::Lvl) => {
                if let Some((i, level)) = lvl.take() {
                    if let Some((_, _, slot)) = over.as_mut() {
                        *slot = Some(level);
                    } else if let Some((_, a)) = abs.as_mut() {
                        a.levels.entry(i).or_insert(level);
                    }
                }
            }
            Ev::Open(t, e) if ends_with(stack, &[Tag::Lvl]) => {
                if let Some((_, level)) = lvl.as_mut() {
                    match t {
                        Tag::Start => level.start = int(e, "val"),
                        Tag::NumFmt => level.format = attr(e, "val").unwrap_or_default(),
                        Tag::LvlText => {
                            level.text = attr(e, "val").unwrap_or_default();
                            let chars = level.text.chars().count();
                            if chars > MAX_LABEL_CHARS {
                                too_long.get_or_insert(chars);
                                level.text.clear();
                            }
                        }
                        Tag::LvlRestart => level.restart = int(e, "val").and_then(|v| u8::try_from(v).ok()),
                        Tag::IsLgl => level.legal = on(e),
                        Tag::PStyle => level.style = attr(e, "val"),
                        _ => {}
                    }
                }
            }
            _ => {}
        })?;
        if let Some(chars) = too_long {
            // Word repeats a list's label in every paragraph of the list, so a long one is multiplied by them all.
            return Err(InputError::new(format!(
                "{part} gives a list label of {chars} characters (w:lvlText); mou reads list labels of up to \
                 {MAX_LABEL_CHARS} characters, and a real one has a few"
            ))
            .help("open the file in Word, correct the list's numbering format and save it again"));
        }
        Ok(n)
    }

    /// The abstract numbering a list instance uses, following a link to a numbering style.
    pub(super) fn abstract_of(&self, num_id: u32, styles: &Styles) -> Option<u32> {
        let a = self.nums.get(&num_id)?.abstract_id?;
        let linked = self
            .abstracts
            .get(&a)
            .and_then(|x| x.style_link.as_deref())
            .and_then(|link| styles.by_id.get(link))
            .and_then(|st| st.num_id)
            .and_then(|n| self.nums.get(&n))
            .and_then(|n| n.abstract_id);
        Some(linked.unwrap_or(a))
    }

    fn level(&self, num_id: u32, abstract_id: u32, ilvl: u8) -> Option<&Level> {
        let over = self.nums.get(&num_id).and_then(|n| n.overrides.get(&ilvl)).and_then(|(_, l)| l.as_ref());
        over.or_else(|| self.abstracts.get(&abstract_id)?.levels.get(&ilvl))
    }
}

/// What a numbered paragraph shows before its text.
pub(super) enum Label {
    Bullet,
    Text(String),
}

/// List counters as Word keeps them: per abstract numbering, so list instances that share one continue it, and
/// restarted where a list instance overrides its start.
#[derive(Default)]
pub(super) struct Counters {
    values: HashMap<u32, [Option<i64>; 9]>,
    overridden: HashSet<(u32, u8)>,
}

impl Counters {
    pub(super) fn next(&mut self, numbering: &Numbering, styles: &Styles, num_id: u32, ilvl: u8) -> Option<Label> {
        let abs = numbering.abstract_of(num_id, styles)?;
        let level = numbering.level(num_id, abs, ilvl)?;
        let values = self.values.entry(abs).or_insert([None; 9]);
        let i = usize::from(ilvl);
        let start_override = numbering.nums.get(&num_id).and_then(|n| n.overrides.get(&ilvl)).and_then(|(s, _)| *s);
        if let Some(start) = start_override {
            if self.overridden.insert((num_id, ilvl)) {
                values[i] = Some(start.saturating_sub(1));
            }
        }
        values[i] = Some(values[i].map_or(level.start.unwrap_or(0), |v| v.saturating_add(1)));
        for deeper in ilvl + 1..9 {
            // A level restarts after any level above it, unless lvlRestart names another (0: never).
            let after = numbering.level(num_id, abs, deeper).and_then(|l| l.restart).unwrap_or(deeper);
            if ilvl < after {
                values[usize::from(deeper)] = None;
            }
        }
        if level.format == "bullet" {
            return Some(Label::Bullet);
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let k = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d));
            match (c, k) {
                ('%', Some(k)) => {
                    chars.next();
                    let at = u8::try_from(k - 1).unwrap_or(0);
                    let other = numbering.level(num_id, abs, at);
                    let value = values[usize::from(at)].unwrap_or_else(|| other.and_then(|l| l.start).unwrap_or(0));
                    let format = if level.legal { "decimal" } else { other.map_or("decimal", |l| l.format.as_str()) };
                    out.push_str(&format_number(value, format));
                }
                _ => out.push(c),
            }
        }
        // A pattern within the limit can still spell out long numbers ("%1%1%1" in letters): the label is cut at
        // the limit, on a character boundary.
        let out = out.trim();
        let out = out.char_indices().nth(MAX_LABEL_CHARS).map_or(out, |(i, _)| &out[..i]).trim_end();
        (!out.is_empty()).then(|| Label::Text(out.to_string()))
    }
}

fn format_number(n: i64, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → A, 26 → Z, 27 → AA, 28 → BB, as Word counts.
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let letter = char::from(b'A' + u8::try_from((n - 1) % 26).unwrap_or(0));
    let times = usize::try_from((n - 1) / 26 + 1).unwrap_or(1).min(40);
    std::iter::repeat_n(letter, times).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const DIGITS: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{numbered, p, read, styled, styles, texts};
    use super::*;
    use crate::document::BlockKind;

    const NUMBERING: &str = concat!(
        "<w:numbering xmlns:w=\"w\">",
        "<w:abstractNum w:abstractNumId=\"0\">",
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"7\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>",
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>",
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%3)\"/></w:lvl>",
        "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerRoman\"/><w:lvlText w:val=\"(%4)\"/></w:lvl>",
        "</w:abstractNum>",
        "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/></w:lvl></w:abstractNum>",
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>",
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"2\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>",
        "</w:numbering>",
    );

    #[test]
    fn numbered_paragraphs_get_their_labels() {
        let body = [
            numbered(1, 0, "Duties"),
            numbered(1, 1, "MCP shall act."),
            numbered(1, 2, "first item;"),
            numbered(1, 3, "sub item;"),
            numbered(1, 2, "second item."),
            numbered(1, 1, "MCP shall report."),
            numbered(1, 2, "restarted item."),
            numbered(2, 0, "a bullet"),
            numbered(3, 2, "overridden start"),
            numbered(1, 0, "Records"),
            numbered(1, 1, "Keep them."),
        ]
        .concat();
        let doc = read(&body, &[("word/numbering.xml", NUMBERING)]);
        assert_eq!(
            texts(&doc),
            [
                "7. Duties",
                "7.1 MCP shall act.",
                "(a) first item;",
                "(i) sub item;",
                "(b) second item.",
                "7.2 MCP shall report.",
                "(a) restarted item.",
                "a bullet",
                "(d) overridden start",
                "8. Records",
                "8.1 Keep them."
            ]
        );
        let labels: Vec<Option<&str>> = doc.blocks.iter().map(|b| b.label.as_deref()).collect();
        assert_eq!(labels[1], Some("7.1"));
        assert_eq!(labels[2], Some("(a)"));
        assert_eq!(&*doc.blocks[2].section, "7.1(a)");
        assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(doc.blocks[2].kind, BlockKind::ListItem);
        assert_eq!(doc.blocks[7].kind, BlockKind::ListItem);
        assert_eq!(doc.blocks[7].label, None);
    }

    #[test]
    fn numbering_attached_to_a_heading_style_numbers_the_headings() {
        let st = styles(concat!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>",
            "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>",
        ));
        let numbering = concat!(
            "<w:numbering xmlns:w=\"w\"><w:abstractNum w:abstractNumId=\"0\">",
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"Article %1.\"/><w:pStyle w:val=\"Heading2\"/></w:lvl>",
            "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
        );
        let body = [styled("Heading2", "Terms"), p("Text."), styled("Heading2", "Duties")].concat();
        let doc = read(&body, &[("word/styles.xml", &st), ("word/numbering.xml", numbering)]);
        assert_eq!(texts(&doc), ["Article I. Terms", "Text.", "Article II. Duties"]);
        assert_eq!(doc.blocks[2].kind, BlockKind::Heading(2));
        assert_eq!(doc.blocks[2].label.as_deref(), Some("II"));
    }

    #[test]
    fn number_formats() {
        assert_eq!(letters(1), "A");
        assert_eq!(letters(27), "AA");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(3, "decimalZero"), "03");
    }
}
