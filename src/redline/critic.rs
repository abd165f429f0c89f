//! The redline as Markdown with CriticMarkup: `{--deleted--}`, `{++inserted++}`, `{~~old~>new~~}`, and each
//! finding's rule and reason in a `{>>comment<<}` right after its change.
//!
//! Text is escaped so that it can never be read as markup: a backslash before `\`, `{`, `}`, `~`, every
//! character Markdown could take as syntax, and every line break (a hard break in Markdown, so that no blank line
//! falls inside a block). A character a terminal would act on (ESC, BEL and the other controls, line separators,
//! bidirectional controls; see [`crate::sanitize::is_unsafe`]) is written as a numeric character reference such as
//! `&#x1B;`, visible in the file and exact when read back. [`accept`] and [`reject`] read such a file back.

use super::{Class, Op, Redline, Style};
use crate::sanitize::Inline;
use std::fmt::Write;

/// Whether a character of document text is written as a character reference: what a terminal would act on,
/// except the tab and line feed Markdown itself is made of.
fn as_reference(c: char) -> bool {
    crate::sanitize::is_unsafe(c) && !matches!(c, '\n' | '\t')
}

fn escape(text: &str, at_block_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        if as_reference(c) {
            let _ = write!(out, "&#x{:X};", u32::from(c));
            continue;
        }
        let lead = at_block_start && i == 0 && matches!(c, '-' | '+' | '=');
        // A line break is escaped too: a block's text (a code block's) may hold a blank line, which would end the
        // block in the middle of a change.
        if matches!(
            c,
            '\\' | '{' | '}' | '~' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '|' | '#' | '!' | '\n' | '\r'
        ) || lead
        {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. text" at the start of a block would open an ordered list.
    if at_block_start {
        if let Some(p) = out.find(['.', ')']) {
            if p > 0 && out[..p].chars().all(|c| c.is_ascii_digit()) && out[p + 1..].starts_with(' ') {
                out.insert(p, '\\');
            }
        }
    }
    out
}

/// The CriticMarkup redline. Cosmetic differences are marked too, so that accepting or rejecting every change
/// gives exactly the edited text or the baseline.
#[must_use]
pub fn render(redline: &Redline) -> String {
    let p = &redline.provenance;
    let mut out = String::from("---\n");
    // Names from the input keep one front-matter key a line, and carry nothing a terminal would act on.
    let _ = writeln!(out, "redline_of: \"{}\"", Inline(&p.edited.replace('"', "'")));
    let _ = writeln!(out, "edited_sha256: {}", p.edited_sha256);
    let _ = writeln!(out, "baseline: \"{}\"", Inline(&p.baseline.replace('"', "'")));
    let _ = writeln!(out, "baseline_sha256: {}", p.baseline_sha256);
    let templates: Vec<String> = p.templates.iter().map(|(i, v)| format!("{}@{}", Inline(i), Inline(v))).collect();
    let _ = writeln!(out, "templates: [{}]", templates.join(", "));
    if let Some(h) = &p.party_sha256 {
        let _ = writeln!(out, "party_sha256: {h}");
    }
    if let Some(optional) = p.optional_line() {
        let _ = writeln!(out, "optional_provisions: \"{}\"", Inline(&optional.replace('"', "'")));
    }
    let _ = writeln!(out, "generator: {}", p.tool);
    let _ = writeln!(out, "date: {}", p.date);
    let _ = writeln!(out, "verdict: {}", redline.verdict.as_str());
    out.push_str("---\n");
    let mut blocks = Vec::new();
    for b in &redline.blocks {
        let mut s = match b.style {
            Style::Heading(l) => format!("{} ", "#".repeat(usize::from(l.clamp(1, 6)))),
            Style::ListItem => "- ".to_string(),
            Style::Paragraph | Style::TableRow => String::new(),
        };
        let mut k = 0;
        let mut first = true;
        while k < b.segments.len() {
            let seg = &b.segments[k];
            let start = first;
            first = false;
            let mut findings = seg.findings.clone();
            match seg.op {
                Op::Same => s.push_str(&escape(&seg.text, start)),
                Op::Delete => {
                    // A deletion followed by an insertion of the same class is one substitution.
                    if let Some(next) = b.segments.get(k + 1).filter(|n| n.op == Op::Insert && n.class == seg.class) {
                        let _ = write!(s, "{{~~{}~>{}~~}}", escape(&seg.text, false), escape(&next.text, false));
                        findings.extend(next.findings.iter().copied());
                        k += 1;
                    } else {
                        let _ = write!(s, "{{--{}--}}", escape(&seg.text, false));
                    }
                }
                Op::Insert => {
                    let _ = write!(s, "{{++{}++}}", escape(&seg.text, false));
                }
            }
            if seg.class == Class::Moved && findings.is_empty() {
                s.push_str(if seg.op == Op::Delete { "{>>moved from here<<}" } else { "{>>moved here<<}" });
            }
            for f in findings.iter().filter_map(|&i| redline.findings.get(i)) {
                let _ = write!(s, "{{>>{} ({}): {}<<}}", f.kind.as_str(), f.rule, escape(&f.message, false));
            }
            k += 1;
        }
        blocks.push(s);
    }
    out.push('\n');
    out.push_str(&blocks.join("\n\n"));
    out.push('\n');
    out
}

/// The text of a CriticMarkup redline with every change accepted, blocks separated by a blank line.
#[must_use]
pub fn accept(redline_md: &str) -> String {
    read(redline_md, true)
}

/// The text of a CriticMarkup redline with every change rejected.
#[must_use]
pub fn reject(redline_md: &str) -> String {
    read(redline_md, false)
}

fn read(md: &str, accept: bool) -> String {
    let body = crate::frontmatter::FrontMatter::parse(md).map_or(md, |(_, len)| &md[len..]);
    let mut blocks = Vec::new();
    for block in body.trim_matches('\n').split("\n\n") {
        // A heading's "#" marks are the only unescaped ones at the start of a block.
        let block = if block.starts_with('#') {
            block.trim_start_matches('#').strip_prefix(' ').unwrap_or(block)
        } else {
            block
        };
        let block = block.strip_prefix("- ").unwrap_or(block);
        let text = read_block(block, accept);
        if !text.is_empty() {
            blocks.push(text);
        }
    }
    blocks.join("\n\n")
}

/// A CriticMarkup region: its kind ('+' inserted, '-' deleted, '~' substituted, '>' comment) and, for a
/// substitution, whether it is past the `~>` into the new side.
type Region = Option<(char, bool)>;

/// The marks that open, cross or close a region: the region they stand in, the mark, the region after it.
const MARKS: &[(Region, &str, Region)] = &[
    (None, "{++", Some(('+', false))),
    (None, "{--", Some(('-', false))),
    (None, "{~~", Some(('~', false))),
    (None, "{>>", Some(('>', false))),
    (Some(('+', false)), "++}", None),
    (Some(('-', false)), "--}", None),
    (Some(('~', false)), "~>", Some(('~', true))),
    (Some(('~', true)), "~~}", None),
    (Some(('>', false)), "<<}", None),
];

/// A character reference `&#xHH;` that [`escape`] writes, at the start of `chars`: the character and the length.
/// (A literal `&` in the text is always escaped, so an unescaped one starts a reference.)
fn reference(chars: &[char]) -> Option<(char, usize)> {
    if chars.get(..3)? != ['&', '#', 'x'] {
        return None;
    }
    let end = chars.iter().take(12).position(|&c| c == ';')?;
    let hex: String = chars[3..end].iter().collect();
    let c = char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?;
    as_reference(c).then_some((c, end + 1))
}

fn read_block(s: &str, accept: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut region: Region = None;
    let starts = |i: usize, pat: &str| pat.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    // Whether text in a region survives: inserted text on accepting, deleted text on rejecting, the matching side of
    // a substitution, never a comment.
    let keeps = |region: Region| match region {
        None => true,
        Some(('+', _)) => accept,
        Some(('-', _)) => !accept,
        Some(('~', new_side)) => new_side == accept,
        Some(_) => false,
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            if keeps(region) {
                out.push(chars[i + 1]);
            }
            i += 2;
            continue;
        }
        if let Some((decoded, len)) = reference(&chars[i..]) {
            if keeps(region) {
                out.push(decoded);
            }
            i += len;
            continue;
        }
        if let Some(&(_, mark, to)) = MARKS.iter().find(|(from, mark, _)| *from == region && starts(i, mark)) {
            region = to;
            i += mark.len();
            continue;
        }
        if keeps(region) {
            out.push(c);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::{check, Baseline};
    use crate::document::markdown::parse;

    #[test]
    fn a_block_with_a_blank_line_inside_stays_one_block() {
        // An unclosed code fence makes the rest of the file one block, blank lines and all.
        let base = "MCP shall act.\n\n```\nMCP shall report.\n```\n\nMCP shall meet.\n";
        let edited = "MCP shall act.\n\n```\nMCP shall report.\n``\n\nMCP shall meet.\n";
        for (b, e) in [(base, edited), (edited, base)] {
            let report = check(&Baseline::from_text("b.md", b), parse("e.md", e), "e.md");
            let md = super::render(&super::super::build(&report, "2026-01-15", Vec::new()));
            assert_eq!(super::accept(&md), super::super::plain_text(&report.edited, false), "{md}");
            assert_eq!(super::reject(&md), super::super::plain_text(&report.base, true), "{md}");
        }
    }
}
