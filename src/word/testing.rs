//! Small Word packages built in code for the reader's unit tests: a body or a styles part from a few elements,
//! zipped with the zip crate, so that each test shows the XML it reads.

use super::parse;
use crate::document::Document;
use std::io::{Cursor, Write};

pub(super) const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A zip package of the given parts, written with the zip crate.
pub(super) fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub(super) fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

/// A document from body XML and optional styles, numbering and comments parts.
pub(super) fn read(body: &str, extra: &[(&str, &str)]) -> Document {
    let doc = document(body);
    let mut parts = vec![("word/document.xml", doc.as_str())];
    parts.extend_from_slice(extra);
    parse("t.docx", &package(&parts)).unwrap()
}

pub(super) fn texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| &*b.text).collect()
}

pub(super) fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

pub(super) fn styled(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

pub(super) fn numbered(num: u32, ilvl: u8, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

pub(super) fn styles(inner: &str) -> String {
    format!("<w:styles {NS}>{inner}</w:styles>")
}
