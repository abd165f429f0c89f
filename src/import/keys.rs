//! Which party-file key fills each fill-in of an official template.
//!
//! **The keys.** A fill-in takes the value of a key of the party file: `county`, `effective_date`, a field of the
//! MCP (`mcp.legal_name`, `mcp.signer.name`, `mcp.responsible_person.email`, `mcp.notice.address`, ...), the same
//! field of the other party (`other_party.…`), or `fill.NAME`, a value of the party file's `[fill]` table for
//! data the party file has no other place for (a contract number, a term's end date).
//!
//! **The proposal.** `mou import` proposes a key for each fill-in from its own words first (`[MCP Name]` is
//! `mcp.legal_name`, `[Insert effective date]` `effective_date`), and for a generic one (`[Name]`, `[Title]`,
//! `[Phone]`, `[Email]`, `[Mailing Address]`) from where it stands: the row of a contacts table it is in ("MCP
//! Responsible Person" gives `mcp.responsible_person.name`), the signature block it is under (the block headed by
//! `[MCP Name]` gives `mcp.signer.name`), or the party the sentence names just before it (`to MCP at [Mailing
//! Address]` gives `mcp.notice.address`). A fill-in none of these places gets a key of its own under `fill.`;
//! a generic one is numbered, since each occurrence holds different data. The user may correct any key in the
//! template's `fill-ins.toml`.

use super::official::{FillIn, Official};
use crate::document::{BlockKind, Slot, SlotKind};
use crate::party::Party;
use std::collections::BTreeMap;

/// The two parties a key can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Mcp,
    Other,
}

impl Side {
    fn key(self) -> &'static str {
        match self {
            Side::Mcp => "mcp",
            Side::Other => "other_party",
        }
    }
}

/// The fields of a person (a Responsible Person or a Liaison).
const PERSON: [&str; 4] = ["name", "title", "email", "phone"];
/// The fields of a notice address.
const NOTICE: [&str; 3] = ["attention", "address", "email"];
/// The fields of a signer.
const SIGNER: [&str; 2] = ["name", "title"];

/// Every key of the party file a fill-in can take, but `fill.NAME`.
#[must_use]
pub fn party_keys() -> Vec<String> {
    let mut out = vec!["county".to_string(), "effective_date".to_string()];
    for side in ["mcp", "other_party"] {
        out.push(format!("{side}.legal_name"));
        out.push(format!("{side}.short_name"));
        for role in ["responsible_person", "liaison"] {
            out.extend(PERSON.iter().map(|f| format!("{side}.{role}.{f}")));
        }
        out.extend(NOTICE.iter().map(|f| format!("{side}.notice.{f}")));
        out.extend(SIGNER.iter().map(|f| format!("{side}.signer.{f}")));
    }
    out
}

/// Whether a key is one a fill-in can take: a party-file key, or `fill.NAME` with NAME in lower case letters,
/// digits and underscores.
#[must_use]
pub fn is_key(key: &str) -> bool {
    match key.strip_prefix("fill.") {
        Some(name) => {
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        }
        None => party_keys().iter().any(|k| k == key),
    }
}

/// The kind of data a party-file key holds, when the key says it.
#[must_use]
pub fn kind_of_key(key: &str) -> Option<SlotKind> {
    if key.starts_with("fill.") {
        return None;
    }
    Some(match key.rsplit('.').next().unwrap_or(key) {
        "effective_date" => SlotKind::Date,
        "title" => SlotKind::Title,
        "email" => SlotKind::Email,
        "phone" => SlotKind::Phone,
        "address" => SlotKind::Address,
        _ => SlotKind::Name,
    })
}

/// The value a party file gives a key, or `None` for a key the party file does not have (a `fill.NAME` it leaves
/// out). `other_term` is the other party's defined term, for `other_party.short_name` when the file leaves it
/// out. Only the first MCP is read: an official template names one.
#[must_use]
pub fn value(party: &Party, key: &str, other_term: &str) -> Option<String> {
    if let Some(name) = key.strip_prefix("fill.") {
        return party.fill.get(name).map(|v| v.value.clone());
    }
    let mut parts = key.split('.');
    let head = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    match (head, rest.as_slice()) {
        ("county", []) => Some(party.county.clone()),
        ("effective_date", []) => Some(party.effective_date.long()),
        ("mcp", path) => {
            let m = party.mcps.first()?;
            side_value(
                path,
                &m.legal_name,
                Some(&m.short_name),
                [&m.responsible_person, &m.liaison],
                &m.notice,
                &m.signer,
            )
        }
        ("other_party", ["short_name"]) => {
            Some(party.other.short_name.clone().unwrap_or_else(|| other_term.to_string()))
        }
        ("other_party", path) => {
            let o = &party.other;
            side_value(path, &o.legal_name, None, [&o.responsible_person, &o.liaison], &o.notice, &o.signer)
        }
        _ => None,
    }
}

fn side_value(
    path: &[&str],
    legal_name: &str,
    short_name: Option<&String>,
    people: [&crate::party::Person; 2],
    notice: &crate::party::Notice,
    signer: &crate::party::Signer,
) -> Option<String> {
    let person = |p: &crate::party::Person, f: &str| match f {
        "name" => Some(p.name.clone()),
        "title" => Some(p.title.clone()),
        "email" => Some(p.email.clone()),
        "phone" => Some(p.phone.clone()),
        _ => None,
    };
    match path {
        ["legal_name"] => Some(legal_name.to_string()),
        ["short_name"] => short_name.cloned(),
        ["responsible_person", f] => person(people[0], f),
        ["liaison", f] => person(people[1], f),
        ["notice", "attention"] => Some(notice.attention.clone()),
        ["notice", "address"] => Some(notice.address.clone()),
        ["notice", "email"] => Some(notice.email.clone()),
        ["signer", "name"] => Some(signer.name.clone()),
        ["signer", "title"] => Some(signer.title.clone()),
        _ => None,
    }
}

/// A proposed key for one fill-in, with the kind of data it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The key.
    pub key: String,
    /// The kind.
    pub kind: SlotKind,
}

/// Words a fill-in's label may start with that ask for its data rather than name it.
const ASKING: &[&str] = &["insert", "enter", "type", "add", "provide", "specify", "fill", "in", "the", "a", "an"];
/// Words that name the other party when the text has no defined term for it.
const OTHER_WORDS: &[&str] = &["agency", "department", "entity", "lga", "lhd", "commission", "center", "facility"];

/// The lower-case words of a text, split at anything but letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// What reads a text by: the other party's defined term, as words.
struct Reader<'a> {
    official: &'a Official,
    other: Vec<String>,
}

impl Reader<'_> {
    /// The party a run of words names first, and where its name ends.
    fn first_side(&self, w: &[String]) -> Option<(Side, usize)> {
        (0..w.len()).find_map(|i| self.side_at(w, i))
    }

    /// The party a run of words names last, before its end.
    fn last_side(&self, w: &[String]) -> Option<Side> {
        (0..w.len()).rev().find_map(|i| self.side_at(w, i)).map(|(s, _)| s)
    }

    /// The party named at word `i`, and the index after its name.
    fn side_at(&self, w: &[String], i: usize) -> Option<(Side, usize)> {
        if w[i] == "mcp" || w[i] == "mcps" {
            return Some((Side::Mcp, i + 1));
        }
        if w[i..].starts_with(&["managed".into(), "care".into(), "plan".into()]) {
            return Some((Side::Mcp, i + 3));
        }
        if !self.other.is_empty() && w[i..].starts_with(&self.other) {
            return Some((Side::Other, i + self.other.len()));
        }
        if OTHER_WORDS.contains(&w[i].as_str()) || w[i..].starts_with(&["other".into(), "party".into()]) {
            return Some((Side::Other, i + 1));
        }
        None
    }

    /// A key the label's own words name.
    fn key_in_label(&self, label: &str, kind: SlotKind) -> Option<String> {
        let all = words(label);
        let start = all.iter().position(|w| !ASKING.contains(&w.as_str())).unwrap_or(all.len());
        let w = &all[start..];
        let is = |x: &[&str]| w.len() == x.len() && w.iter().zip(x).all(|(a, b)| a == b);
        if is(&["county"]) || is(&["county", "name"]) || is(&["name", "of", "county"]) {
            return Some("county".into());
        }
        if w.iter().any(|x| x == "effective") && kind == SlotKind::Date {
            return Some("effective_date".into());
        }
        let (side, mut end) = self.first_side(w)?;
        // "[County Agency Name]" where the other party's term is "County": "agency" only says what it is.
        while side == Side::Other && w.get(end).is_some_and(|x| OTHER_WORDS.contains(&x.as_str())) {
            end += 1;
        }
        let rest: Vec<&str> = w[end..].iter().map(String::as_str).collect();
        let field = |f: &str| format!("{}.{f}", side.key());
        match rest.as_slice() {
            [] | ["name"] | ["legal", "name"] | ["full", "legal", "name"] => Some(field("legal_name")),
            ["short", "name"] => Some(field("short_name")),
            [role @ .., f] => {
                let role = role_of(&role.join(" "))?;
                let f = field_for(role, f)?;
                Some(field(&format!("{role}.{f}")))
            }
        }
    }

    /// A key from where a generic fill-in stands.
    fn key_in_context(&self, fill: &FillIn, kind: SlotKind) -> Option<String> {
        let doc = &self.official.doc;
        let block = &doc.blocks[fill.block];
        let text = &block.text;
        // A contacts table: the row's first cell names the role.
        if block.kind == BlockKind::TableRow {
            let first = text.split(" | ").next().unwrap_or_default();
            if fill.range.start > first.len() {
                let w = words(first);
                let (side, end) = self.first_side(&w)?;
                let role = role_of(&w[end..].join(" ")).or_else(|| role_of(&w.join(" ")))?;
                let f = field_for(role, kind_field(kind)?)?;
                return Some(format!("{}.{role}.{f}", side.key()));
            }
            return None;
        }
        let before = &text[..fill.range.start];
        // A signature block: "Name: [Name]" under a line that names a party by its fill-in.
        let lead = before.trim();
        if lead.ends_with(':') && lead.split_whitespace().count() <= 4 {
            if let Some(side) = self.signatory_above(fill.block) {
                let f = field_for("signer", kind_field(kind)?)?;
                return Some(format!("{}.signer.{f}", side.key()));
            }
        }
        // A sentence that names a party just before the blank: "to MCP at [Mailing Address]".
        let sentence = before.rsplit(['.', ';']).next().unwrap_or(before);
        let w = words(sentence);
        let near = &w[w.len().saturating_sub(6)..];
        let side = self.last_side(near)?;
        match kind {
            SlotKind::Address => Some(format!("{}.notice.address", side.key())),
            SlotKind::Email if text.to_lowercase().contains("notice") => Some(format!("{}.notice.email", side.key())),
            _ => None,
        }
    }

    /// The party whose signature block a block is in: the nearest block above it, under the same heading, that is
    /// nothing but a fill-in naming a party.
    fn signatory_above(&self, block: usize) -> Option<Side> {
        let blocks = &self.official.doc.blocks;
        for b in blocks[..block].iter().rev().take(12) {
            if b.is_heading() {
                return None;
            }
            let t = b.text.trim().trim_matches(|c: char| c == '*' || c == ':' || c == ',');
            if let Some(inner) = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
                if !inner.contains(['[', ']']) {
                    let key = self.key_in_label(inner, SlotKind::Name)?;
                    return match key.as_str() {
                        "mcp.legal_name" => Some(Side::Mcp),
                        "other_party.legal_name" => Some(Side::Other),
                        _ => None,
                    };
                }
            }
        }
        None
    }
}

/// The role a run of words names: a Responsible Person, a Liaison, a signer, or the notice address.
fn role_of(text: &str) -> Option<&'static str> {
    let w = words(text);
    let has = |x: &str| w.iter().any(|y| y == x);
    if has("responsible") {
        Some("responsible_person")
    } else if has("liaison") || has("contact") {
        Some("liaison")
    } else if has("signer") || has("signatory") || has("signature") || has("authorized") {
        Some("signer")
    } else if has("notice") || has("notices") {
        Some("notice")
    } else {
        None
    }
}

/// The field of a role that a label word names, if the role has it.
fn field_for(role: &str, word: &str) -> Option<&'static str> {
    let fields: &[&'static str] = match role {
        "responsible_person" | "liaison" => &PERSON,
        "notice" => &NOTICE,
        "signer" => &SIGNER,
        _ => return None,
    };
    let word = match word {
        "telephone" => "phone",
        "e-mail" | "mail" => "email",
        w => w,
    };
    fields.iter().find(|f| **f == word).copied()
}

/// The field a generic fill-in's kind names.
fn kind_field(kind: SlotKind) -> Option<&'static str> {
    Some(match kind {
        SlotKind::Name => "name",
        SlotKind::Title => "title",
        SlotKind::Email => "email",
        SlotKind::Phone => "phone",
        SlotKind::Address => "address",
        _ => return None,
    })
}

/// A `fill.` name made of a label's words: "Insert contract number" is `contract_number`.
fn slug(label: &str) -> String {
    let all = words(label);
    let start = all.iter().position(|w| !ASKING.contains(&w.as_str())).unwrap_or(all.len());
    let mut s = String::new();
    for w in &all[start..] {
        let w: String = w.chars().filter(char::is_ascii_alphanumeric).collect();
        if w.is_empty() || s.len() + w.len() > 40 {
            continue;
        }
        if !s.is_empty() {
            s.push('_');
        }
        s.push_str(&w);
    }
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        s.insert_str(0, "fill_in_");
        s = s.trim_end_matches('_').to_string();
    }
    s
}

/// The other party's defined term: the first quoted short name in parentheses, such as ("WIC Agency"), that is
/// not the MCP's or a term every MOU defines.
#[must_use]
pub fn other_party_term(official: &Official) -> Option<String> {
    const COMMON: &[&str] =
        &["mcp", "mou", "party", "parties", "effective date", "agreement", "dhcs", "memorandum", "contract", "state"];
    for b in official.doc.blocks.iter().take(40) {
        let t = &b.text;
        for (i, _) in t.match_indices('(') {
            let rest = &t[i + 1..];
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\u{201c}')) else { continue };
            let inner = &rest[q.len_utf8()..];
            let Some(end) = inner.find(['"', '\u{201d}']) else { continue };
            let term = inner[..end].trim();
            let closes = inner[end..].chars().nth(1) == Some(')');
            if closes && !term.is_empty() && term.len() <= 40 && !COMMON.contains(&term.to_lowercase().as_str()) {
                return Some(term.to_string());
            }
        }
    }
    None
}

/// A key and kind for every fill-in of an official template, in order.
#[must_use]
pub fn propose(official: &Official, other_term: Option<&str>) -> Vec<Proposal> {
    let reader = Reader { official, other: other_term.map(words).unwrap_or_default() };
    let mut numbered: BTreeMap<String, usize> = BTreeMap::new();
    official
        .fill_ins
        .iter()
        .map(|f| {
            let kind = SlotKind::of_label(&f.label);
            let generic = !Slot::fill_in(0..0, &f.label).single;
            let key = if generic {
                reader.key_in_context(f, kind).or_else(|| reader.key_in_label(&f.label, kind))
            } else {
                reader.key_in_label(&f.label, kind).or_else(|| reader.key_in_context(f, kind))
            };
            let key = key.unwrap_or_else(|| {
                let base = slug(&f.label);
                if generic {
                    let n = numbered.entry(base.clone()).or_insert(0);
                    *n += 1;
                    format!("fill.{base}_{n}")
                } else {
                    format!("fill.{base}")
                }
            });
            let kind = kind_of_key(&key).unwrap_or(kind);
            Proposal { key, kind }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(md: &str) -> Vec<String> {
        let official = Official::from_bytes("o.md", md.as_bytes().to_vec()).unwrap();
        let term = other_party_term(&official);
        propose(&official, term.as_deref()).into_iter().map(|p| p.key).collect()
    }

    #[test]
    fn keys_come_from_the_label_then_from_where_the_blank_stands() {
        let md = "# MOU between [MCP Name] and [Agency Name]\n\n\
                  This MOU is between [MCP Name] (\"MCP\") and [Agency Name], of [County] County (\"Nutrition Agency\"), effective [Insert effective date], contract [Insert contract number].\n\n\
                  Notices go to MCP at [Mailing Address] and to Nutrition Agency at [Mailing Address].\n\n\
                  ## Signatures\n\n**[MCP Name]**\n\nName: [Name]\n\nTitle: [Title]\n\n**[Agency Name]**\n\nName: [Name]\n\n\
                  ## Exhibit A\n\n| Role | Name | Phone |\n|---|---|---|\n| MCP Liaison | [Name] | [Phone] |\n| Nutrition Agency Responsible Person | [Name] | [Phone] |\n\n\
                  Website: [Insert MCP website address]. Other: [Name].\n";
        assert_eq!(
            keys(md),
            [
                "mcp.legal_name",
                "other_party.legal_name",
                "mcp.legal_name",
                "other_party.legal_name",
                "county",
                "effective_date",
                "fill.contract_number",
                "mcp.notice.address",
                "other_party.notice.address",
                "mcp.legal_name",
                "mcp.signer.name",
                "mcp.signer.title",
                "other_party.legal_name",
                "other_party.signer.name",
                "mcp.liaison.name",
                "mcp.liaison.phone",
                "other_party.responsible_person.name",
                "other_party.responsible_person.phone",
                "fill.mcp_website_address",
                "fill.name_1",
            ]
        );
    }

    #[test]
    fn a_label_that_says_what_the_other_party_is_names_it() {
        let md =
            "This MOU is made by [MCP Name] (\"MCP\") and [County Agency Name] (\"County\") for [County] County.\n\n\
                  | Role | Name |\n|---|---|\n| County Liaison | [Name] |\n";
        assert_eq!(keys(md), ["mcp.legal_name", "other_party.legal_name", "county", "other_party.liaison.name"]);
    }

    #[test]
    fn every_proposed_key_is_a_key() {
        for k in party_keys() {
            assert!(is_key(&k), "{k}");
        }
        assert!(is_key("fill.contract_number") && !is_key("fill.Contract") && !is_key("mcp.fax"));
        assert_eq!(slug("Insert term end date"), "term_end_date");
        assert_eq!(slug("2nd signer"), "fill_in_2nd_signer");
    }
}
