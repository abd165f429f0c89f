//! Party values are data, never markup: a name like `# Heading`, `<script>` or `{{ x }}` must come out as the
//! literal text. Templates are Markdown, so every value is escaped for Markdown (which also makes it inert as
//! HTML) before it is written into a draft.

/// Escapes `value` so that Markdown shows it literally, wherever in a line it lands.
///
/// Line breaks become spaces (a value is one line of the draft), every ASCII character that Markdown or HTML
/// could read as syntax is backslash-escaped, and the clause marker `§` becomes an entity so numbering never
/// sees it.
#[must_use]
pub fn escape_markdown(value: &str) -> String {
    let mut out = escape_markdown_inline(value);
    // A value at the start of a line could still open a block: an ordered list ("1. "), a bullet ("- ", "+ "),
    // a setext underline ("---", "==="), a quote or a heading. Escaping the first character of the whole value
    // closes all of those, and is harmless mid-line.
    let needs_lead = out.starts_with(['-', '+', '='])
        || out
            .split_once(['.', ')'])
            .is_some_and(|(head, _)| !head.is_empty() && head.chars().all(|c| c.is_ascii_digit()));
    if needs_lead {
        if out.starts_with(|c: char| c.is_ascii_digit()) {
            let idx = out.find(['.', ')']).unwrap_or(0);
            out.insert(idx, '\\');
        } else {
            out.insert(0, '\\');
        }
    }
    out
}

/// Escapes `value` for a place in a line after other text, where it cannot open a block: like
/// [`escape_markdown`], without the escape of a leading "1." or "-" that only the start of a line needs (and
/// that a reader of the Markdown source would otherwise see as a stray backslash, as in "15\. Additional").
#[must_use]
pub fn escape_markdown_inline(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for ch in value.trim().chars() {
        match ch {
            '\r' | '\n' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!' | '{' | '}' | '$' | '^'
            | '=' | '+' | '-' | '.' | '(' | ')' | ':' | '"' | '\'' => {
                // Only escape punctuation where it can matter; '.', '-', ':', quotes and parentheses are common
                // in names and escaping them everywhere would make the Markdown source unreadable.
                if matches!(ch, '.' | '-' | ':' | '"' | '\'' | '(' | ')' | '=' | '+' | '!') {
                    out.push(ch);
                } else {
                    out.push('\\');
                    out.push(ch);
                }
            }
            '§' => out.push_str("&#167;"),
            // The marks of a party value in a baseline (see `marks`) are never data.
            super::marks::OPEN | super::marks::CLOSE => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // "!" followed by "\[" can no longer open an image, and a lone "!" is harmless; "(" and ")" only matter after
    // a "]", which is escaped.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(md));
        out
    }

    #[test]
    fn hostile_values_render_literally() {
        for value in [
            "# Heading",
            "<script>alert(1)</script>",
            "{{ x }} {% if %}",
            "- list item",
            "1. ordered",
            "**bold** _em_ `code`",
            "[link](http://example.com)",
            "![img](x.png)",
            "a | b | c",
            "===",
            "> quote",
            "&amp; &#167;",
            "line one\nline two",
        ] {
            let escaped = escape_markdown(value);
            let rendered = html(&format!("{escaped}\n"));
            let expected_text = value.replace('\n', " ");
            let expected = format!(
                "<p>{}</p>\n",
                expected_text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
            );
            assert_eq!(rendered, expected, "value {value:?} escaped as {escaped:?}");
            // After other text on its line, the inline escape shows it as literally.
            let inline = html(&format!("1. Section 15: {}\n", escape_markdown_inline(value)));
            let expected_inline = expected.replace("<p>", "<ol>\n<li>Section 15: ").replace("</p>", "</li>\n</ol>");
            assert_eq!(inline, expected_inline, "value {value:?} escaped inline");
        }
        // Nothing a reader would see as a stray backslash where a line-start escape is not needed.
        assert_eq!(escape_markdown_inline("15. Additional Provisions"), "15. Additional Provisions");
        assert_eq!(escape_markdown("15. Additional Provisions"), "15\\. Additional Provisions");
    }
}
