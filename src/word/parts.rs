//! The package `mou` writes around a body it made: the fixed parts (styles, list numbering, settings, footer,
//! font table and theme), the properties, the relationships and content types, zipped in a fixed order.
//!
//! Only the body, the comments, the ordered lists, whether Track Changes is on, and the properties vary between
//! documents; everything else is the same in every file, so the bytes depend only on the content.

use super::package::write_parts;
use super::properties::{app, core, custom, Properties};
use super::theme::{font_table, theme};
use super::xml::{DECL, R_NS, W_NS};
use std::fmt::Write as _;

/// A numbered (ordered) list: its level and its first number. Each gets its own numbering instance so that its
/// numbers restart where the Markdown list started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderedList {
    /// The list's level (0 for a top-level list).
    pub level: u32,
    /// The first item's number.
    pub start: u64,
}

/// The numbering instance of bulleted lists.
pub const BULLETS: u32 = 1;

/// The numbering instance of the `k`th ordered list.
#[must_use]
pub fn ordered_num_id(k: usize) -> u32 {
    u32::try_from(k).unwrap_or(u32::MAX - 2) + 2
}

/// Everything that varies between documents; the rest of the package is fixed.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// The body of `word/document.xml`: paragraphs and tables, without the section properties.
    pub body: String,
    /// The `w:comment` elements of `word/comments.xml`; the part is left out when empty.
    pub comments: String,
    /// Ordered lists, for `word/numbering.xml`.
    pub ordered_lists: Vec<OrderedList>,
    /// Turn on Track Changes, so that further edits are tracked too.
    pub track_revisions: bool,
    /// Document properties.
    pub properties: Properties,
}

const CT_MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

impl Parts {
    /// The `.docx` bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let has_comments = !self.comments.is_empty();
        let has_custom = !self.properties.custom.is_empty();
        let mut parts: Vec<(&str, String)> = vec![
            ("[Content_Types].xml", content_types(has_comments, has_custom)),
            ("_rels/.rels", package_rels(has_custom)),
            ("docProps/core.xml", core(&self.properties)),
            ("docProps/app.xml", app()),
        ];
        if has_custom {
            parts.push(("docProps/custom.xml", custom(&self.properties.custom)));
        }
        parts.push(("word/document.xml", self.document()));
        parts.push(("word/_rels/document.xml.rels", document_rels(has_comments)));
        parts.push(("word/styles.xml", STYLES.replace("{W}", W_NS)));
        parts.push(("word/numbering.xml", numbering(&self.ordered_lists)));
        parts.push(("word/settings.xml", settings(self.track_revisions)));
        parts.push(("word/footer1.xml", footer()));
        parts.push(("word/fontTable.xml", font_table()));
        parts.push(("word/theme/theme1.xml", theme()));
        if has_comments {
            parts.push((
                "word/comments.xml",
                format!("{DECL}<w:comments xmlns:w=\"{W_NS}\">{}</w:comments>", self.comments),
            ));
        }
        write_parts(&parts)
    }

    fn document(&self) -> String {
        let mut d = String::with_capacity(self.body.len() + 1024);
        let _ = write!(d, "{DECL}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>");
        d.push_str(&self.body);
        // A body that ends with a table needs a paragraph after it: a tiny one, so that it never spills onto a
        // page of its own.
        if self.body.is_empty() || self.body.ends_with("</w:tbl>") {
            d.push_str(
                "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>\
                 <w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:pPr></w:p>",
            );
        }
        d.push_str(
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId6\"/>\
             <w:pgSz w:w=\"12240\" w:h=\"15840\"/>\
             <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>\
             </w:sectPr></w:body></w:document>",
        );
        d
    }
}

fn content_types(comments: bool, custom: bool) -> String {
    let mut s = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{CT_MAIN}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{CT_MAIN}.styles+xml\"/>\
         <Override PartName=\"/word/numbering.xml\" ContentType=\"{CT_MAIN}.numbering+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{CT_MAIN}.settings+xml\"/>\
         <Override PartName=\"/word/footer1.xml\" ContentType=\"{CT_MAIN}.footer+xml\"/>\
         <Override PartName=\"/word/fontTable.xml\" ContentType=\"{CT_MAIN}.fontTable+xml\"/>\
         <Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
    );
    if comments {
        let _ = write!(s, "<Override PartName=\"/word/comments.xml\" ContentType=\"{CT_MAIN}.comments+xml\"/>");
    }
    s.push_str(
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    );
    if custom {
        s.push_str("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>");
    }
    s.push_str("</Types>");
    s
}

fn package_rels(custom: bool) -> String {
    let mut s = format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL_NS}/extended-properties\" Target=\"docProps/app.xml\"/>"
    );
    if custom {
        let _ =
            write!(s, "<Relationship Id=\"rId4\" Type=\"{REL_NS}/custom-properties\" Target=\"docProps/custom.xml\"/>");
    }
    s.push_str("</Relationships>");
    s
}

fn document_rels(comments: bool) -> String {
    let mut s = format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{REL_NS}/numbering\" Target=\"numbering.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL_NS}/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rId6\" Type=\"{REL_NS}/footer\" Target=\"footer1.xml\"/>\
         <Relationship Id=\"rId7\" Type=\"{REL_NS}/fontTable\" Target=\"fontTable.xml\"/>\
         <Relationship Id=\"rId8\" Type=\"{REL_NS}/theme\" Target=\"theme/theme1.xml\"/>"
    );
    if comments {
        let _ = write!(s, "<Relationship Id=\"rId5\" Type=\"{REL_NS}/comments\" Target=\"comments.xml\"/>");
    }
    s.push_str("</Relationships>");
    s
}

fn settings(track: bool) -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W_NS}\">{}<w:defaultTabStop w:val=\"720\"/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         </w:settings>",
        if track { "<w:trackRevisions/>" } else { "" }
    )
}

fn footer() -> String {
    format!(
        "{DECL}<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>\
         <w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>\
         <w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"
    )
}

fn numbering(ordered: &[OrderedList]) -> String {
    let mut s = format!("{DECL}<w:numbering xmlns:w=\"{W_NS}\">");
    // Bullets, three shapes repeating over nine levels.
    s.push_str("<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>");
    for level in 0..9u32 {
        let bullet = ["\u{2022}", "\u{25E6}", "\u{25AA}"][level as usize % 3];
        let _ = write!(
            s,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{bullet}\"/>\
             <w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
            720 * (level + 1)
        );
    }
    s.push_str("</w:abstractNum>");
    // Numbers: 1. a. i. repeating.
    s.push_str("<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>");
    for level in 0..9u32 {
        let fmt = ["decimal", "lowerLetter", "lowerRoman"][level as usize % 3];
        let _ = write!(
            s,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"%{}.\"/>\
             <w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
            level + 1,
            720 * (level + 1)
        );
    }
    s.push_str("</w:abstractNum>");
    let _ = write!(s, "<w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"0\"/></w:num>");
    for (k, list) in ordered.iter().enumerate() {
        let _ = write!(
            s,
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"{}\"><w:startOverride w:val=\"{}\"/></w:lvlOverride></w:num>",
            ordered_num_id(k),
            list.level.min(8),
            list.start.min(u64::from(u32::MAX))
        );
    }
    s.push_str("</w:numbering>");
    s
}

/// Styles: real heading styles (so Word's navigation pane and table of contents work), list, table, comment and
/// footer styles. Child elements follow the schema's order.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:kern w:val="28"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="80"/><w:ind w:left="720"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListLabel"><w:name w:val="List Label"/><w:basedOn w:val="ListParagraph"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Code"><w:name w:val="Code"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="CodeChar"><w:name w:val="Code Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TableRowText"><w:name w:val="Table Row Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/><w:ind w:left="360"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Provenance"><w:name w:val="Provenance"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="40"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr></w:style><w:style w:type="table" w:styleId="SignatureTable"><w:name w:val="Signature Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:tblPr><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr></w:style><w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style></w:styles>"#;
