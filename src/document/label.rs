//! Leading labels: the numbers and letters that open a heading or clause ("4.1", "Section 5.02.", "Article VII.",
//! "Exhibit F.", "(a)"). They place a block in the document's outline, and a change to one alone is renumbering.

use std::borrow::Cow;

/// Splits a block's leading label from its text: the label in a normal form, and the byte offset where the
/// rest of the text starts. `heading` allows the bare forms only headings use ("Article VII", "4.").
#[must_use]
pub fn split_label(text: &str, heading: bool) -> Option<(Cow<'_, str>, usize)> {
    let (label, at) = split_label_only(text, heading)?;
    // A dash between the label and the text ("9.13 — MCP must") is typography.
    let rest = &text[at..];
    let skip = rest
        .strip_prefix(['-', '\u{2013}', '\u{2014}'])
        .filter(|r| r.starts_with(' '))
        .map_or(0, |r| rest.len() - r.trim_start().len());
    Some((label, at + skip))
}

fn split_label_only(text: &str, heading: bool) -> Option<(Cow<'_, str>, usize)> {
    let words = word_offsets(text);
    let (_, first) = *words.first()?;
    let after = |i: usize| words.get(i).map_or(text.len(), |&(o, _)| o);
    let head = first.trim_end_matches(['.', ':']);
    let is_one_of = |names: &[&str]| names.iter().any(|n| head.eq_ignore_ascii_case(n));
    let kind = if is_one_of(&["section", "article", "§", "sec", "part"]) {
        "section"
    } else if is_one_of(&["exhibit", "attachment", "appendix", "schedule", "addendum"]) {
        "exhibit"
    } else {
        ""
    };
    match kind {
        "section" => {
            let (_, num) = *words.get(1)?;
            let n = clean(num);
            if is_number_label(n) || is_roman(n) {
                return Some((Cow::Borrowed(n), after(2)));
            }
            None
        }
        "exhibit" => {
            let (_, id) = *words.get(1)?;
            let id = clean(id);
            if !id.is_empty() && id.len() <= 4 && id.chars().all(|c| c.is_ascii_alphanumeric()) {
                let kind = capitalize(&head.to_ascii_lowercase());
                return Some((Cow::Owned(format!("{kind} {id}")), after(2)));
            }
            None
        }
        _ => {
            // "(a)", "(iv)", "(3)"
            if first.starts_with('(') && first.ends_with(')') && first.len() <= 6 {
                let inner = &first[1..first.len() - 1];
                if is_item_marker(inner) {
                    return Some((Cow::Owned(format!("({inner})")), after(1)));
                }
            }
            // "4.1", "4.1.", "5.02.", "F.1", "4." (headings, or numbered clauses)
            let n = first.trim_end_matches('.');
            let dotted = first.ends_with('.');
            if !n.is_empty() && is_number_label(n) && (n.contains('.') || dotted || heading) && words.len() > 1 {
                return Some((Cow::Borrowed(n), after(1)));
            }
            // "1)" and "a)": a list item's number written with a closing parenthesis, as "1." and "(a)" are.
            if let Some(inner) =
                first.strip_suffix(')').filter(|i| !i.contains('(') && is_item_marker(i) && words.len() > 1)
            {
                let label = if inner.chars().all(|c| c.is_ascii_digit()) {
                    Cow::Borrowed(inner)
                } else {
                    Cow::Owned(format!("({inner})"))
                };
                return Some((label, after(1)));
            }
            // "a." as a list item label
            if dotted
                && n.len() <= 4
                && is_item_marker(n)
                && !heading
                && words.len() > 1
                && n.chars().all(|c| c.is_ascii_lowercase())
            {
                return Some((Cow::Owned(format!("({n})")), after(1)));
            }
            None
        }
    }
}

/// The first three words of a text, with their byte offsets.
fn word_offsets(text: &str) -> Words<'_> {
    let mut out = Words { words: [(0, ""); 3], len: 0 };
    let mut start = None;
    // Bytes, not characters: a byte below 0x80 is a character of its own, and every byte of a longer character is
    // 0x80 or above, so only those need decoding to tell whether they are a space.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = if bytes[i] < 0x80 {
            (char::from(bytes[i]), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.words[out.len] = (s, &text[s..i]);
                out.len += 1;
                if out.len == 3 {
                    return out;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        out.words[out.len] = (s, &text[s..]);
        out.len += 1;
    }
    out
}

/// Up to three words with their offsets, without allocating.
struct Words<'a> {
    words: [(usize, &'a str); 3],
    len: usize,
}

impl<'a> Words<'a> {
    fn get(&self, i: usize) -> Option<&(usize, &'a str)> {
        self.words[..self.len].get(i)
    }

    fn first(&self) -> Option<&(usize, &'a str)> {
        self.get(0)
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// "4", "4.1", "5.02", "F.1", "2.03A".
fn is_number_label(s: &str) -> bool {
    let mut parts = s.split('.');
    let Some(first) = parts.next() else { return false };
    let dotted = s.len() > first.len();
    let first_ok = (!first.is_empty() && first.len() <= 4 && first.bytes().all(|c| c.is_ascii_digit()))
        || (dotted && first.len() == 1 && first.bytes().all(|c| c.is_ascii_uppercase()));
    first_ok
        && parts.all(|p| {
            let digits = p.trim_end_matches(|c: char| c.is_ascii_uppercase());
            !digits.is_empty()
                && p.len() <= 4
                && digits.bytes().all(|c| c.is_ascii_digit())
                && p.len() - digits.len() <= 1
        })
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

fn is_item_marker(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 4
        && (s.chars().all(|c| c.is_ascii_digit())
            || (s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic()))
            || s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
            || s.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// A label word without its punctuation: "5.02." and "(a)" to "5.02" and "a".
fn clean(s: &str) -> &str {
    s.trim_end_matches(['.', ':', ')']).trim_start_matches('(')
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(t: &str, heading: bool) -> Option<(String, String)> {
        split_label(t, heading).map(|(l, at)| (l.into_owned(), t[at..].to_string()))
    }

    #[test]
    fn finds_the_common_label_forms() {
        let l = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(label("Section 5.02. A Party that", false), l("5.02", "A Party that"));
        assert_eq!(label("Article VII. Disputes", true), l("VII", "Disputes"));
        assert_eq!(label("4. Services Covered", true), l("4", "Services Covered"));
        assert_eq!(label("4.1 MCP must", false), l("4.1", "MCP must"));
        assert_eq!(label("F.2 The LHD", false), l("F.2", "The LHD"));
        assert_eq!(
            label("Exhibit F. California Children's Services", true),
            l("Exhibit F", "California Children's Services")
        );
        assert_eq!(label("(a) the Member", false), l("(a)", "the Member"));
        assert_eq!(label("(iv) records", false), l("(iv)", "records"));
        assert_eq!(label("1) The Parties", false), l("1", "The Parties"));
        assert_eq!(label("9.13 \u{2014} MCP must help", false), l("9.13", "MCP must help"));
        assert_eq!(label("b) the County", false), l("(b)", "the County"));
        assert_eq!(label("Section 2.03A. MCP's", false), l("2.03A", "MCP's"));
        assert_eq!(label("MCP must train", false), None);
        assert_eq!(label("2024 was a year", false), None);
        assert_eq!(label("Signatures", true), None);
    }
}
