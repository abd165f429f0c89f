//! The WordprocessingML elements the writers emit: runs with their formatting, paragraph properties in the
//! order the schema requires, and tables. Text goes through [`clean`] and [`escape`] on its way in, so nothing a
//! party wrote can make an invalid file.

use super::xml::{clean, escape};
use std::fmt::Write;

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunFormat {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Struck through.
    pub strike: bool,
    /// Code: a fixed-width font.
    pub code: bool,
}

impl RunFormat {
    /// Bold only.
    pub const BOLD: RunFormat = RunFormat { bold: true, italic: false, strike: false, code: false };

    fn properties(self) -> String {
        let mut p = String::new();
        if self.code {
            p.push_str("<w:rStyle w:val=\"CodeChar\"/>");
        }
        if self.bold {
            p.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            p.push_str("<w:i/><w:iCs/>");
        }
        if self.strike {
            p.push_str("<w:strike/>");
        }
        p
    }
}

/// Writes `text` as a run. Tabs become `w:tab`, line breaks `w:br`; a carriage return is dropped. `deleted` writes
/// the text as `w:delText`, for a run inside `w:del`. Nothing is written for empty text.
pub fn run(out: &mut String, text: &str, format: RunFormat, deleted: bool) {
    let text = clean(text).replace('\r', "");
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    let props = format.properties();
    if !props.is_empty() {
        let _ = write!(out, "<w:rPr>{props}</w:rPr>");
    }
    let tag = if deleted { "w:delText" } else { "w:t" };
    let mut piece = String::new();
    let flush = |out: &mut String, piece: &mut String| {
        if !piece.is_empty() {
            let _ = write!(out, "<{tag} xml:space=\"preserve\">{}</{tag}>", escape(piece));
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(out, &mut piece);
                out.push_str("<w:tab/>");
            }
            '\n' => {
                flush(out, &mut piece);
                out.push_str("<w:br/>");
            }
            c => piece.push(c),
        }
    }
    flush(out, &mut piece);
    out.push_str("</w:r>");
}

/// Paragraph properties, written in the element order the schema requires (Word refuses files that do not).
#[derive(Debug, Clone, Default)]
pub struct ParaProps {
    /// The paragraph style id.
    pub style: Option<&'static str>,
    /// Keep with the next paragraph.
    pub keep_next: bool,
    /// Start on a new page.
    pub page_break_before: bool,
    /// List numbering: (numbering instance, level).
    pub numbering: Option<(u32, u32)>,
    /// Space before, in twentieths of a point.
    pub space_before: Option<u32>,
    /// Left indent, in twentieths of a point.
    pub indent: Option<u32>,
    /// Alignment (`center`, `both`...).
    pub align: Option<&'static str>,
    /// Markup for the paragraph mark's run properties (a tracked insertion or deletion of the mark).
    pub mark: Option<String>,
}

impl ParaProps {
    /// Properties with a style only.
    #[must_use]
    pub fn styled(style: &'static str) -> ParaProps {
        ParaProps { style: Some(style), ..ParaProps::default() }
    }

    /// Writes `<w:pPr>`, or nothing when there is nothing to say.
    pub fn write(&self, out: &mut String) {
        let mut p = String::new();
        if let Some(s) = self.style {
            let _ = write!(p, "<w:pStyle w:val=\"{s}\"/>");
        }
        if self.keep_next {
            p.push_str("<w:keepNext/>");
        }
        if self.page_break_before {
            p.push_str("<w:pageBreakBefore/>");
        }
        if let Some((num, level)) = self.numbering {
            let _ = write!(p, "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>");
        }
        if let Some(before) = self.space_before {
            let _ = write!(p, "<w:spacing w:before=\"{before}\"/>");
        }
        if let Some(left) = self.indent {
            let _ = write!(p, "<w:ind w:left=\"{left}\"/>");
        }
        if let Some(a) = self.align {
            let _ = write!(p, "<w:jc w:val=\"{a}\"/>");
        }
        if let Some(m) = &self.mark {
            let _ = write!(p, "<w:rPr>{m}</w:rPr>");
        }
        if !p.is_empty() {
            let _ = write!(out, "<w:pPr>{p}</w:pPr>");
        }
    }
}

/// One table cell's width and paragraphs (already written).
pub struct Cell {
    /// Width in twentieths of a point.
    pub width: u32,
    /// The cell's paragraphs; a cell must hold at least one, so an empty one is added when there are none.
    pub content: String,
}

/// How a table looks.
#[derive(Debug, Clone, Copy)]
pub struct TableLook {
    /// The table style: `TableGrid` draws a grid, `SignatureTable` draws nothing.
    pub style: &'static str,
    /// Repeat the first row on each page.
    pub header: bool,
    /// The table's title (`w:tblCaption`), for accessibility and for readers that look for it.
    pub caption: Option<&'static str>,
}

/// Writes a table.
pub fn table(out: &mut String, rows: &[Vec<Cell>], look: TableLook) {
    let Some(first) = rows.first() else { return };
    let _ = write!(out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/>", look.style);
    let total: u32 = first.iter().map(|c| c.width).sum();
    let _ = write!(out, "<w:tblW w:w=\"{total}\" w:type=\"dxa\"/>");
    if look.style != "TableGrid" {
        // Also as direct formatting, for readers that do not apply table styles.
        out.push_str(
            "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>\
             <w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>",
        );
    }
    out.push_str("<w:tblLayout w:type=\"fixed\"/>");
    out.push_str("<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>");
    if let Some(caption) = look.caption {
        let _ = write!(out, "<w:tblCaption w:val=\"{}\"/>", escape(caption));
    }
    out.push_str("</w:tblPr><w:tblGrid>");
    for c in first {
        let _ = write!(out, "<w:gridCol w:w=\"{}\"/>", c.width);
    }
    out.push_str("</w:tblGrid>");
    for (i, row) in rows.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if look.header && i == 0 {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for cell in row {
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr>", cell.width);
            if cell.content.contains("<w:p>") || cell.content.contains("<w:p ") {
                out.push_str(&cell.content);
            } else {
                out.push_str("<w:p/>");
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// A paragraph of plain runs: the common case of a cover line or table cell.
pub fn plain_paragraph(out: &mut String, props: &ParaProps, runs: &[(&str, RunFormat)]) {
    out.push_str("<w:p>");
    props.write(out);
    for (text, format) in runs {
        run(out, text, *format, false);
    }
    out.push_str("</w:p>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_tabs_and_breaks() {
        let mut out = String::new();
        run(&mut out, "a\tb\nc\r", RunFormat::default(), true);
        assert_eq!(
            out,
            "<w:r><w:delText xml:space=\"preserve\">a</w:delText><w:tab/><w:delText xml:space=\"preserve\">b</w:delText><w:br/><w:delText xml:space=\"preserve\">c</w:delText></w:r>"
        );
        let mut empty = String::new();
        run(&mut empty, "\u{1}", RunFormat::BOLD, false);
        assert!(empty.is_empty());
    }
}
