//! The styles part (`word/styles.xml`): the document's default run properties, and each style's name, parent,
//! outline level, list numbering and run properties. The reader needs them to see what a paragraph is (a heading
//! is often only a style) and what formatting a run ends up with, hidden or not.

use super::limits::Limits;
use super::run_props::RunProps;
use super::tag::Tag;
use super::xml::{attr, ends_with, walk, Ev};
use crate::error::InputError;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    /// The style's name, lower-cased ("heading 1", "list paragraph").
    pub(super) name: String,
    based_on: Option<String>,
    pub(super) outline: Option<u8>,
    pub(super) num_id: Option<u32>,
    pub(super) ilvl: Option<u8>,
    rpr: RunProps,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    defaults: RunProps,
    pub(super) by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    pub(super) fn parse(part: &str, xml: &[u8], limits: &Limits) -> Result<Styles, InputError> {
        let mut s = Styles::default();
        let mut current: Option<(String, Style)> = None;
        walk(part, xml, limits, |ev, stack| match ev {
            Ev::Open(Tag::Style, e) => {
                let id = attr(e, "styleId").unwrap_or_default();
                if attr(e, "type").as_deref() == Some("paragraph")
                    && attr(e, "default").is_some_and(|d| d == "1" || d == "true")
                {
                    s.default_paragraph = Some(id.clone());
                }
                current = Some((id, Style::default()));
            }
            Ev::Close(Tag::Style) => {
                if let Some((id, style)) = current.take() {
                    s.by_id.entry(id).or_insert(style);
                }
            }
            Ev::Open(t, e) => {
                if let Some((_, st)) = current.as_mut() {
                    match t {
                        Tag::Name if ends_with(stack, &[Tag::Style]) => {
                            st.name = attr(e, "val").unwrap_or_default().to_lowercase();
                        }
                        Tag::BasedOn if ends_with(stack, &[Tag::Style]) => st.based_on = attr(e, "val"),
                        Tag::OutlineLvl if ends_with(stack, &[Tag::Style, Tag::PPr]) => {
                            st.outline = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        Tag::NumId if ends_with(stack, &[Tag::Style, Tag::PPr, Tag::NumPr]) => {
                            st.num_id = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        Tag::Ilvl if ends_with(stack, &[Tag::Style, Tag::PPr, Tag::NumPr]) => {
                            st.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        _ if ends_with(stack, &[Tag::Style, Tag::RPr]) => st.rpr.set(*t, e),
                        _ => {}
                    }
                } else if ends_with(stack, &[Tag::RPrDefault, Tag::RPr]) {
                    s.defaults.set(*t, e);
                }
            }
            _ => {}
        })?;
        Ok(s)
    }

    /// A style and the styles it is based on, the most basic first.
    pub(super) fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            if seen.contains(&id) || seen.len() >= 32 {
                break;
            }
            seen.push(id);
            let Some(style) = self.by_id.get(id) else { break };
            out.push(style);
            next = style.based_on.as_deref();
        }
        out.reverse();
        out
    }

    /// The run properties in effect: document defaults, then the paragraph style, the character style and the
    /// run's own formatting.
    pub(super) fn effective(&self, paragraph_style: Option<&str>, direct: &RunProps) -> RunProps {
        let mut p = self.defaults.clone();
        if let Some(id) = paragraph_style.or(self.default_paragraph.as_deref()) {
            for st in self.chain(id) {
                p.merge(&st.rpr);
            }
        }
        if let Some(id) = direct.style.as_deref() {
            for st in self.chain(id) {
                p.merge(&st.rpr);
            }
        }
        p.merge(direct);
        p
    }
}

/// "heading 3" or "Heading3" → 3.
pub(super) fn heading_number(s: &str) -> Option<u8> {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading")?.trim();
    rest.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{read, styled, styles};
    use super::*;
    use crate::document::BlockKind;

    #[test]
    fn headings_come_from_styles_names_and_outline_levels() {
        let st = styles(concat!(
            "<w:style w:type=\"paragraph\" w:styleId=\"berschrift2\"><w:name w:val=\"heading 2\"/></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Custom\"><w:name w:val=\"Custom\"/><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Derived\"><w:name w:val=\"Derived\"/><w:basedOn w:val=\"Custom\"/></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Title\"/></w:style>",
        ));
        let body = [
            styled("Title", "Memorandum"),
            styled("Heading1", "Article I. Terms"),
            styled("berschrift2", "Parties"),
            styled("Derived", "Deep"),
            styled("Subtitle", "Not a heading"),
            styled("BodyText", "Body"),
        ]
        .concat();
        let doc = read(&body, &[("word/styles.xml", &st)]);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Heading(1),
                BlockKind::Heading(2),
                BlockKind::Heading(3),
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(doc.blocks[1].label.as_deref(), Some("I"));
    }

    #[test]
    fn heading_numbers_from_style_names_and_ids() {
        assert_eq!(heading_number("heading 3"), Some(3));
        assert_eq!(heading_number("Heading3"), Some(3));
        assert_eq!(heading_number("heading 10"), None);
        assert_eq!(heading_number("Title"), None);
    }
}
