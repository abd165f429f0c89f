//! Run formatting that can hide text from a reader while leaving it in the file: hidden (`w:vanish`), white or
//! near-white on a light background, two points or smaller, struck out. The reader resolves these properties
//! through the style chain (see [`super::styles`]) and keeps such text out of the compared blocks, as a trick.

use super::tag::Tag;
use super::xml::{attr, on};
use crate::document::TrickKind;
use quick_xml::events::BytesStart;

/// The run properties this reader looks at. `None` means "not set here; inherit".
#[derive(Debug, Clone, Default)]
pub(super) struct RunProps {
    vanish: Option<bool>,
    spec_vanish: Option<bool>,
    strike: Option<bool>,
    dstrike: Option<bool>,
    color: Option<String>,
    size: Option<u32>,
    fill: Option<String>,
    highlight: Option<String>,
    pub(super) style: Option<String>,
}

impl RunProps {
    pub(super) fn set(&mut self, t: Tag, e: &BytesStart<'_>) {
        match t {
            Tag::Vanish => self.vanish = Some(on(e)),
            Tag::SpecVanish => self.spec_vanish = Some(on(e)),
            Tag::Strike => self.strike = Some(on(e)),
            Tag::Dstrike => self.dstrike = Some(on(e)),
            Tag::Color => self.color = attr(e, "val"),
            Tag::Sz => self.size = attr(e, "val").and_then(|v| v.trim().parse().ok()),
            Tag::Shd => self.fill = attr(e, "fill"),
            Tag::Highlight => self.highlight = attr(e, "val"),
            Tag::RStyle => self.style = attr(e, "val"),
            _ => {}
        }
    }

    pub(super) fn merge(&mut self, over: &RunProps) {
        fn pick<T: Clone>(a: &mut Option<T>, b: &Option<T>) {
            if b.is_some() {
                a.clone_from(b);
            }
        }
        pick(&mut self.vanish, &over.vanish);
        pick(&mut self.spec_vanish, &over.spec_vanish);
        pick(&mut self.strike, &over.strike);
        pick(&mut self.dstrike, &over.dstrike);
        pick(&mut self.color, &over.color);
        pick(&mut self.size, &over.size);
        pick(&mut self.fill, &over.fill);
        pick(&mut self.highlight, &over.highlight);
    }

    /// How text with these properties is hidden or disguised, if it is. `dark` says the text sits on a dark
    /// background, where white text is plain to see.
    pub(super) fn trick(&self, dark: bool) -> Option<TrickKind> {
        if self.vanish == Some(true) || self.spec_vanish == Some(true) {
            Some(TrickKind::Vanish)
        } else if self.size.is_some_and(|s| s <= 4) {
            Some(TrickKind::TinyText)
        } else if !dark && self.color.as_deref().is_some_and(near_white) {
            Some(TrickKind::WhiteText)
        } else if self.strike == Some(true) || self.dstrike == Some(true) {
            Some(TrickKind::Strikethrough)
        } else {
            None
        }
    }

    pub(super) fn dark_background(&self) -> bool {
        self.fill.as_deref().is_some_and(dark_color)
            || self
                .highlight
                .as_deref()
                .is_some_and(|h| !matches!(h, "none" | "white" | "yellow" | "lightGray" | "cyan" | "green" | "magenta"))
    }
}

fn rgb(hex: &str) -> Option<[u8; 3]> {
    let hex = hex.trim().trim_start_matches('#');
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// White or so close to white that it cannot be read on a white page.
fn near_white(hex: &str) -> bool {
    rgb(hex).is_some_and(|c| c.iter().all(|&x| x >= 0xF0))
}

/// A background dark enough for white text to show on it.
pub(super) fn dark_color(hex: &str) -> bool {
    rgb(hex).is_some_and(|[r, g, b]| 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) < 192_000)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{read, styles, texts};
    use super::*;

    #[test]
    fn hidden_white_tiny_and_struck_text_are_tricks() {
        let st = styles(concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault></w:docDefaults>",
            "<w:style w:type=\"character\" w:styleId=\"Ghost\"><w:name w:val=\"Ghost\"/><w:rPr><w:vanish/></w:rPr></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Pale\"><w:name w:val=\"Pale\"/><w:rPr><w:color w:val=\"FAFAFA\"/></w:rPr></w:style>",
        ));
        let run = |rpr: &str, t: &str| format!("<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r>");
        let body = [
            format!(
                "<w:p>{}{}{}</w:p>",
                run("", "MCP shall act"),
                run("<w:vanish/>", " unless it declines"),
                run("", " now.")
            ),
            format!("<w:p>{}{}</w:p>", run("<w:color w:val=\"FFFFFF\"/>", "White words here."), run("", "Visible.")),
            format!("<w:p>{}{}</w:p>", run("<w:sz w:val=\"2\"/>", "Tiny words here."), run("", "Visible.")),
            format!("<w:p>{}{}</w:p>", run("<w:rStyle w:val=\"Ghost\"/>", "Styled hidden."), run("", "Visible.")),
            format!("<w:p><w:pPr><w:pStyle w:val=\"Pale\"/></w:pPr>{}</w:p>", run("", "Pale paragraph.")),
            format!(
                "<w:p>{}</w:p>",
                run("<w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:fill=\"1F3864\"/>", "White on navy.")
            ),
            format!("<w:p>{}{}</w:p>", run("<w:strike/>", "Struck."), run("", " Kept.")),
            format!("<w:p>{}</w:p>", run("<w:color w:val=\"auto\"/><w:vanish w:val=\"0\"/>", "Plain.")),
        ]
        .concat();
        let doc = read(&body, &[("word/styles.xml", &st)]);
        assert_eq!(
            texts(&doc),
            ["MCP shall act now.", "Visible.", "Visible.", "Visible.", "White on navy.", "Kept.", "Plain."]
        );
        let tricks: Vec<(TrickKind, &str)> = doc.tricks.iter().map(|t| (t.kind, t.text.as_str())).collect();
        assert_eq!(
            tricks,
            [
                (TrickKind::Vanish, "unless it declines"),
                (TrickKind::WhiteText, "White words here."),
                (TrickKind::TinyText, "Tiny words here."),
                (TrickKind::Vanish, "Styled hidden."),
                (TrickKind::WhiteText, "Pale paragraph."),
                (TrickKind::Strikethrough, "Struck.")
            ]
        );
        // A trick is placed where its text would have been: line 1, after "MCP shall act".
        let pos = doc.position(doc.tricks[0].source_offset);
        assert_eq!((pos.line, pos.column), (1, 14));
    }

    #[test]
    fn near_white_colours() {
        assert!(near_white("FFFFFF") && near_white("f5f5f5") && !near_white("auto") && !near_white("EEEEEE"));
    }
}
