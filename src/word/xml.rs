//! XML, both ways: the one streaming walk every part is read with, and the escaping every part is written with.
//!
//! **Reading.** [`walk`] streams a part's events over the element names of [`Tag`], with the stack of enclosing
//! elements, and refuses XML that is not well-formed, is not UTF-8 or UTF-16, is empty, or nests deeper than the
//! limits allow, so that no part can exhaust memory or the stack. The attribute helpers read values by local name.
//!
//! **Writing.** Every string that reaches the XML a writer makes goes through [`escape`], which drops the
//! characters XML 1.0 forbids (a control character in an edited MOU must not make the whole file unreadable) and
//! escapes markup, so hostile text such as `<script>`, `]]>` or `{++` comes out as literal text.

use super::limits::Limits;
use super::tag::{tag, Tag};
use crate::error::InputError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;

/// The WordprocessingML namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace used by `r:id` attributes.
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The XML declaration every part starts with.
pub const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub use crate::markup::{escape, is_xml_char};

/// The text without the characters XML 1.0 forbids.
#[must_use]
pub fn clean(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

/// One step of a walk. `Open` and `Close` come with the stack of enclosing elements; `Text` with the stack
/// ending in the element that holds it.
pub(super) enum Ev<'x, 'e> {
    Open(Tag, &'x BytesStart<'e>),
    Close(Tag),
    Text(&'x str),
}

/// Walks a part's XML, calling `f` for each event with the stack of enclosing elements.
///
/// # Errors
/// The part is not UTF-8 or UTF-16, is not well-formed XML, ends before its elements close, is empty, or nests
/// elements deeper than `limits.max_depth`.
pub(super) fn walk(
    part: &str,
    raw: &[u8],
    limits: &Limits,
    mut f: impl FnMut(&Ev<'_, '_>, &[Tag]),
) -> Result<(), InputError> {
    let text = decode(part, raw)?;
    let mut reader = Reader::from_str(&text);
    let mut stack: Vec<Tag> = Vec::new();
    let mut any = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            InputError::new(format!(
                "{part} is not well-formed XML (at byte {}: {e}); the file is damaged",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                if stack.len() >= limits.max_depth {
                    return Err(InputError::new(format!(
                        "{part} nests XML elements more than {} deep, which no real Word document does; mou did not read it",
                        limits.max_depth
                    )));
                }
                let t = tag(e.local_name().as_ref());
                f(&Ev::Open(t, &e), &stack);
                stack.push(t);
                any = true;
            }
            Event::Empty(e) => {
                let t = tag(e.local_name().as_ref());
                f(&Ev::Open(t, &e), &stack);
                f(&Ev::Close(t), &stack);
                any = true;
            }
            Event::End(_) => {
                let t = stack.pop().unwrap_or(Tag::Other);
                f(&Ev::Close(t), &stack);
            }
            Event::Text(t) => f(&Ev::Text(&t.xml10_content()), &stack),
            Event::CData(t) => f(&Ev::Text(&t.xml10_content()), &stack),
            Event::GeneralRef(r) => {
                let mut buf = [0u8; 4];
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    f(&Ev::Text(c.encode_utf8(&mut buf)), &stack);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                    f(&Ev::Text(s), &stack);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(InputError::new(format!(
            "{part} ends before its XML elements are closed; the file is damaged or truncated"
        )));
    }
    if !any {
        return Err(InputError::new(format!("{part} is empty; the file is damaged")));
    }
    Ok(())
}

fn decode<'b>(part: &str, raw: &'b [u8]) -> Result<Cow<'b, str>, InputError> {
    let utf16 = |bytes: &[u8], le: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).ok().map(Cow::Owned)
    };
    let text = if let Some(rest) = raw.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest).ok().map(Cow::Borrowed)
    } else if let Some(rest) = raw.strip_prefix(b"\xFF\xFE") {
        utf16(rest, true)
    } else if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        utf16(rest, false)
    } else {
        std::str::from_utf8(raw).ok().map(Cow::Borrowed)
    };
    text.ok_or_else(|| InputError::new(format!("{part} is not UTF-8 or UTF-16 XML; the file is damaged")))
}

/// An attribute's value, by local name.
pub(super) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let k = a.key.as_ref();
        let local = k.rsplit(':').next().unwrap_or(k);
        if local == key {
            a.normalized_value(XmlVersion::Implicit1_0).ok().map(Cow::into_owned)
        } else {
            None
        }
    })
}

/// An on/off property: present without a value means on.
pub(super) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// Whether the innermost enclosing elements are `path`, innermost last.
pub(super) fn ends_with(stack: &[Tag], path: &[Tag]) -> bool {
    stack.ends_with(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("a<b>&\"c'\u{1}\u{B}\u{1F}\u{FFFE}]]>"), "a&lt;b&gt;&amp;&quot;c&apos;]]&gt;");
        assert_eq!(clean("x\u{0}y\tz\n"), "xy\tz\n");
    }
}
