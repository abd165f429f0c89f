//! A document's blocks written as Markdown, so that a draft filled in a Word file can also be had as Markdown or
//! HTML with the same text: each block's text is escaped, so the Markdown reader reads it back as the same block.

use crate::document::{BlockKind, Document};
use crate::render::escape_markdown;

/// The document as Markdown: headings, paragraphs, list items, and runs of table rows as tables (the first row
/// the header).
#[must_use]
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let mut in_table = 0usize;
    for b in &doc.blocks {
        if b.kind != BlockKind::TableRow && in_table > 0 {
            in_table = 0;
        }
        match b.kind {
            BlockKind::TableRow => {
                let cells: Vec<String> = b.text.split(" | ").map(escape_markdown).collect();
                if in_table == 0 && !out.is_empty() {
                    out.push('\n');
                }
                out.push_str("| ");
                out.push_str(&cells.join(" | "));
                out.push_str(" |\n");
                if in_table == 0 {
                    out.push_str(&"|---".repeat(cells.len()));
                    out.push_str("|\n");
                }
                in_table += 1;
                continue;
            }
            BlockKind::Heading(level) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                out.push(' ');
            }
            BlockKind::ListItem => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str("- ");
            }
            BlockKind::Paragraph => {
                if !out.is_empty() {
                    out.push('\n');
                }
            }
        }
        out.push_str(&escape_markdown(&b.text));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown::parse;

    #[test]
    fn blocks_read_back_the_same() {
        let src = "# T [x]\n\n1.1 MCP must act.\n\n- (a) one *two*\n\n| Role | Name |\n|---|---|\n| MCP | A & B |\n\nAfter <b> & \\*.\n";
        let doc = parse("a.md", src);
        let again = parse("b.md", to_markdown(&doc));
        let texts = |d: &Document| d.blocks.iter().map(|b| (b.kind, b.text.to_string())).collect::<Vec<_>>();
        assert_eq!(texts(&again), texts(&doc));
    }
}
