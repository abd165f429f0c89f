//! Escaping text for XML and HTML: every page and Word part `mou` writes goes through these, so document text can
//! never become markup, and characters XML forbids never reach a file.

/// Whether XML 1.0 allows a character at all (tab, newline and carriage return are the only controls it does).
#[must_use]
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for element content or an attribute value in XML or HTML: forbidden characters dropped, markup and quotes
/// escaped.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}
