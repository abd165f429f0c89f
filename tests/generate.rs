//! Inputs made in code for the hostile-input tests and the fuzz harness: Word packages from body XML and parts,
//! and long Markdown documents, so that no large or opaque file is committed.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The WordprocessingML namespace declaration.
pub const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A zip archive of the given entries, each deflated or stored.
pub fn zip(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let method = if deflate { CompressionMethod::Deflated } else { CompressionMethod::Stored };
    let options = SimpleFileOptions::default().compression_method(method);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The main document part with this body XML.
pub fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

/// A Word package with this body XML and other parts (`word/numbering.xml`, `word/styles.xml`, ...), which Word
/// finds by their default names.
pub fn docx(body: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let document = document_xml(body);
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ];
    entries.extend(parts.iter().map(|(n, t)| (*n, t.as_bytes())));
    zip(&entries, true)
}

/// A paragraph of plain text, escaped.
pub fn p(text: &str) -> String {
    let text = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph numbered by list `num` at level `ilvl`.
pub fn numbered(num: u32, ilvl: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

/// A numbering part with one list (numId 1) whose first level has this format and label pattern.
pub fn numbering(format: &str, pattern: &str, start: i64) -> String {
    format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{pattern}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    )
}

/// `count` one-line numbered clauses, `N. MCP must act N.`, blank lines between them.
pub fn clauses(count: usize) -> Vec<String> {
    (1..=count).map(|n| format!("{n}. MCP must act {n}.")).collect()
}

/// Paragraphs as a Markdown document.
pub fn markdown(paragraphs: &[String]) -> String {
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out
}

/// A Word package with this body XML, stored rather than deflated: quick to write for long bodies.
pub fn zip_docx_stored(body: &str) -> Vec<u8> {
    let document = document_xml(body);
    zip(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", document.as_bytes()),
        ],
        false,
    )
}
