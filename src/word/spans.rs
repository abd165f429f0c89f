//! Where each element of a part stands in its XML, in bytes. Changing a part someone else wrote means touching
//! only the elements that change and copying every other byte, so the writer needs the exact span of each
//! element rather than a tree rebuilt from it.
//!
//! The index is read within the same limits as every other part (nesting depth), from UTF-8 text only: a part in
//! another encoding is refused, since it could not be changed byte for byte.

use super::limits::Limits;
use crate::error::InputError;
use compact_str::CompactString;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One element of a part, by the byte offsets of its tags.
#[derive(Debug, Clone)]
pub(super) struct Element {
    /// Its local name (`p`, `r`, `t`, `highlight`), without the namespace prefix.
    pub(super) local: CompactString,
    /// Its qualified name as written (`w:p`), whose prefix new sibling elements take.
    pub(super) name: CompactString,
    /// The `<` of its start tag.
    pub(super) start: usize,
    /// Just after the `>` of its start tag.
    pub(super) open_end: usize,
    /// The `<` of its end tag; for an empty element (`<w:tab/>`), its end.
    pub(super) close_start: usize,
    /// Just after the element.
    pub(super) end: usize,
    /// The element it is in.
    pub(super) parent: Option<usize>,
}

impl Element {
    /// The namespace prefix of its name, with its colon (`w:`), or nothing.
    pub(super) fn prefix(&self) -> &str {
        self.name.find(':').map_or("", |i| &self.name[..=i])
    }

    /// Whether it was written as an empty element.
    pub(super) fn is_empty(&self) -> bool {
        self.close_start == self.end
    }
}

/// The elements of a part, in the order their start tags appear.
///
/// # Errors
/// The part is not UTF-8, is not well-formed, or nests deeper than `limits` allow.
pub(super) fn index(part: &str, xml: &str, limits: &Limits) -> Result<Vec<Element>, InputError> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let bad = |at: u64, e: &dyn std::fmt::Display| {
        InputError::new(format!("{part} is not well-formed XML (at byte {at}: {e}); the file is damaged"))
    };
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| bad(reader.error_position(), &e))?;
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Start(_) | Event::Empty(_) if open.len() >= limits.max_depth => {
                return Err(InputError::new(format!(
                    "{part} nests XML elements more than {} deep, which no real Word document does",
                    limits.max_depth
                )));
            }
            Event::Start(e) => {
                open.push(out.len());
                out.push(element(&e, before, after, usize::MAX, open.len().checked_sub(2).map(|i| open[i])));
            }
            Event::Empty(e) => {
                out.push(element(&e, before, after, after, open.last().copied()));
            }
            Event::End(_) => {
                let Some(i) = open.pop() else { return Err(bad(before as u64, &"an end tag without a start")) };
                out[i].close_start = before;
                out[i].end = after;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(InputError::new(format!("{part} ends before its XML elements are closed; the file is damaged")));
    }
    Ok(out)
}

fn element(e: &BytesStart<'_>, start: usize, open_end: usize, end: usize, parent: Option<usize>) -> Element {
    Element {
        local: e.local_name().as_ref().into(),
        name: e.name().as_ref().into(),
        start,
        open_end,
        close_start: end,
        end,
        parent,
    }
}

/// The text content of an element as a reader decodes it: entity and character references resolved and line
/// ends normalised, as the body reader does (see `xml::walk`). `None` when the content holds markup (a CDATA
/// section or a child element), which the caller then leaves alone.
pub(super) fn decoded_text(raw: &str) -> Option<String> {
    if raw.contains('<') {
        return None;
    }
    let text = quick_xml::escape::unescape(raw).ok()?;
    Some(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The value of an attribute of the start tag `xml[el.start..el.open_end]`, by local name.
pub(super) fn attribute(xml: &str, el: &Element, key: &str) -> Option<String> {
    let tag = &xml[el.start..el.open_end];
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let start = BytesStart::from_content(inner, el.name.len());
    super::xml::attr(&start, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::word::LIMITS;

    #[test]
    fn spans_cover_each_element_exactly() {
        let xml = "<?xml version=\"1.0\"?>\n<w:p a=\"1\"><w:r><w:t xml:space=\"preserve\">a &amp; b</w:t><w:tab/></w:r></w:p>";
        let els = index("p.xml", xml, &LIMITS).unwrap();
        let names: Vec<&str> = els.iter().map(|e| e.local.as_str()).collect();
        assert_eq!(names, ["p", "r", "t", "tab"]);
        assert_eq!(&xml[els[0].start..els[0].end], &xml[xml.find("<w:p").unwrap()..]);
        let t = &els[2];
        assert_eq!(&xml[t.open_end..t.close_start], "a &amp; b");
        assert_eq!(decoded_text(&xml[t.open_end..t.close_start]).as_deref(), Some("a & b"));
        assert_eq!(&xml[els[3].start..els[3].end], "<w:tab/>");
        assert!(els[3].is_empty() && !els[2].is_empty());
        assert_eq!(els[2].parent, Some(1));
        assert_eq!(els[0].prefix(), "w:");
        assert_eq!(attribute(xml, &els[0], "a").as_deref(), Some("1"));
        assert!(index("p.xml", "<a><b></a>", &LIMITS).is_err());
        assert!(index("p.xml", "<a>", &LIMITS).is_err());
    }
}
