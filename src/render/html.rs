//! A draft as one self-contained HTML page, styled for reading and for printing to PDF from a browser.

use crate::frontmatter::FrontMatter;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Print and screen styles shared by every HTML page `mou` writes.
pub const BASE_CSS: &str = r"
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; text-align: center; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
.provenance { font-size: 0.8rem; color: #555; border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
@page { size: letter; margin: 1in; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
";

/// How the text of an MOU lays out on screen and on paper, for the draft and the redline alike.
///
/// - A list item that carries its own label ("(a)", "1.") shows that label and no bullet.
/// - A heading, or a lead-in that introduces a list ("MCP's Liaison must:"), is never left at the foot of a page
///   apart from what follows it; a list item does not split across pages unless it is longer than a page, and a
///   paragraph leaves at least three lines on each side of a break.
/// - Printed pages are numbered "Page N of M" in the bottom margin. The numbers are in a rule of their own, so a
///   browser that does not know page-margin boxes drops only that rule, keeps the page size and margins, and
///   prints its own page numbers (its "headers and footers" option) in the room the margin leaves.
pub const TEXT_CSS: &str = r"
li.labelled { list-style: none; }
h1, h2, h3, h4, h5, h6, .lead-in { break-after: avoid; page-break-after: avoid; }
li { break-inside: avoid; page-break-inside: avoid; }
p, li { orphans: 3; widows: 3; }
@page { @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages); font: 9pt Georgia, 'Times New Roman', serif; color: #555; } }
";

/// Whether a list item's text starts with its own label, such as "(a)" or "4.1": then it is shown without a
/// bullet.
#[must_use]
pub fn carries_label(text: &str) -> bool {
    crate::document::split_label(text.trim_start(), false).is_some()
}

/// Marks the structure print layout needs on a draft's Markdown events: list items that carry their own label
/// (`<li class="labelled">`), and paragraphs that lead into a list (`<p class="lead-in">`).
fn mark_layout(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Item) => {
                // The item's first text, before any nested list or its own end.
                let first = events[i + 1..].iter().find_map(|e| match e {
                    Event::Text(t) => Some(Some(t)),
                    Event::End(TagEnd::Item) | Event::Start(Tag::List(_)) => Some(None),
                    _ => None,
                });
                if first.flatten().is_some_and(|t| carries_label(t)) {
                    marks.push((i, "<li class=\"labelled\">"));
                }
            }
            Event::Start(Tag::Paragraph) => {
                let end = events[i..].iter().position(|e| matches!(e, Event::End(TagEnd::Paragraph)));
                if end.is_some_and(|k| matches!(events.get(i + k + 1), Some(Event::Start(Tag::List(_))))) {
                    marks.push((i, "<p class=\"lead-in\">"));
                }
            }
            _ => {}
        }
    }
    for (i, html) in marks {
        events[i] = Event::Html(CowStr::Borrowed(html));
    }
    events
}

pub use crate::markup::escape as escape_html;

/// Converts a Markdown draft (with or without front matter) into a complete HTML page.
///
/// Raw HTML in the Markdown is shown as text, never passed through: a draft's only HTML is what this function
/// writes.
#[must_use]
pub fn draft_to_html(markdown: &str, title: &str) -> String {
    let (fm, body) = match FrontMatter::parse(markdown) {
        Some((fm, len)) => (Some(fm), &markdown[len..]),
        None => (None, markdown),
    };
    let events: Vec<Event<'_>> = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .map(|event| match event {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            e => e,
        })
        .collect();
    let mut content = String::new();
    html::push_html(&mut content, mark_layout(events).into_iter());
    let mut page = String::with_capacity(content.len() + 2048);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str(&format!("<title>{}</title>\n", escape_html(title)));
    if let Some(fm) = &fm {
        page.push_str(&format!("<meta name=\"generator\" content=\"{}\">\n", escape_html(&fm.generator)));
    }
    page.push_str(&format!("<style>{BASE_CSS}{TEXT_CSS}</style>\n</head>\n<body>\n"));
    if let Some(fm) = &fm {
        let templates: Vec<String> = fm.templates.iter().map(|(id, v)| format!("{id} {v}")).collect();
        page.push_str(&format!(
            "<div class=\"provenance\">Draft built by {} from template {}{}.</div>\n",
            escape_html(&fm.generator),
            escape_html(&templates.join(", ")),
            fm.party_sha256.as_ref().map_or(String::new(), |h| format!("; party file SHA-256 {}", escape_html(h)))
        ));
    }
    page.push_str(&content);
    page.push_str("</body>\n</html>\n");
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_with_their_own_labels_get_no_bullet_and_lead_ins_stay_with_their_lists() {
        let page = draft_to_html(
            "5.5 MCP's Liaison must:\n\n- (a) act;\n- (b) respond.\n\nNext:\n\n- plain item\n\nEnd.\n",
            "T",
        );
        assert!(page.contains("<p class=\"lead-in\">5.5 MCP's Liaison must:</p>"), "{page}");
        assert!(page.contains("<li class=\"labelled\">(a) act;</li>"), "{page}");
        assert!(page.contains("<li class=\"labelled\">(b) respond.</li>"), "{page}");
        assert!(page.contains("<li>plain item</li>"), "{page}");
        assert!(page.contains("<p>End.</p>"), "{page}");
        assert!(page.contains("li.labelled { list-style: none; }"));
        assert!(page.contains("counter(page)") && page.contains("counter(pages)"));
    }

    #[test]
    fn raw_html_is_shown_not_run() {
        let page = draft_to_html("# T\n\n<script>alert(1)</script>\n\nText <b>x</b>.\n", "T");
        assert!(!page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains("<b>"));
    }
}
