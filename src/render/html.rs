//! A draft as one self-contained HTML page, styled for reading and for printing to PDF from a browser.

use crate::frontmatter::FrontMatter;
use pulldown_cmark::{html, Options, Parser};

/// Print and screen styles shared by every HTML page `mou` writes.
pub const BASE_CSS: &str = r"
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; text-align: center; }
h2 { font-size: 1.2rem; margin-top: 2rem; break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
.provenance { font-size: 0.8rem; color: #555; border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
@page { size: letter; margin: 1in; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
";

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
    let parser =
        Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            pulldown_cmark::Event::Html(s) | pulldown_cmark::Event::InlineHtml(s) => pulldown_cmark::Event::Text(s),
            e => e,
        });
    let mut content = String::new();
    html::push_html(&mut content, parser);
    let mut page = String::with_capacity(content.len() + 2048);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str(&format!("<title>{}</title>\n", escape_html(title)));
    if let Some(fm) = &fm {
        page.push_str(&format!("<meta name=\"generator\" content=\"{}\">\n", escape_html(&fm.generator)));
    }
    page.push_str(&format!("<style>{BASE_CSS}</style>\n</head>\n<body>\n"));
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
    fn raw_html_is_shown_not_run() {
        let page = draft_to_html("# T\n\n<script>alert(1)</script>\n\nText <b>x</b>.\n", "T");
        assert!(!page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains("<b>"));
    }
}
