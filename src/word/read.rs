//! A Word `.docx` file into the document model.
//!
//! The package is opened through the bounded reader ([`Package`]); the styles, numbering and comments parts are
//! read first, then the body (see [`super::body`]) is walked once. Every failure is a one-line [`InputError`],
//! never a panic.
//!
//! What is compared is the body as a reader sees it with every pending tracked change **accepted**. Headers,
//! footers, footnotes, endnotes, comments and a table of contents are not part of the compared body; pending
//! changes, footnotes, comments and embedded documents are listed in the document's notes. Hidden, white, tiny
//! and struck-out text is kept out of the blocks and recorded as tricks, as the Markdown reader does for HTML
//! comments and strikethrough, so a provision hidden that way counts as removed.
//!
//! **Positions.** A Word file has no lines, so [`Document::source`] is a text rendering of the body: one line per
//! body paragraph or table row, in document order, holding what that paragraph reads as (its label included,
//! hidden text left out; a table row's cells joined with " | "). Blocks map verbatim into it, so a finding's line
//! is the number of the paragraph in the body (a table row counting as one paragraph, an empty paragraph as an
//! empty line) and its column the character within that paragraph.

use super::body::{Body, BodyText, Line};
use super::limits::{Limits, LIMITS};
use super::numbering::Numbering;
use super::package::{resolve_target, Package};
use super::styles::Styles;
use super::tag::Tag;
use super::xml::{attr, walk, Ev};
use crate::document::limits::{text_too_long, MAX_TEXT_BYTES};
use crate::document::{assign_sections, finish_block, Block, Document, Format, Segment, Trick, TrickKind};
use crate::error::InputError;

/// Parses a `.docx` file's bytes. `name` is used in messages.
///
/// # Errors
/// The bytes are not a readable Word package: not a zip archive, damaged or truncated, password-protected, too
/// large when decompressed, without a main document, or holding XML that is not well-formed or nested too deep.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
    parse_with_limits(name, bytes, LIMITS)
}

/// [`parse`] with other limits.
///
/// # Errors
/// As [`parse`].
pub fn parse_with_limits(name: &str, bytes: &[u8], limits: Limits) -> Result<Document, InputError> {
    let mut pkg = Package::open(bytes, limits)?;
    let main = pkg.main_part()?;
    let rels = pkg.relationships(&main)?;
    let part_of = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.rsplit('/').next() == Some(kind))
            .map_or_else(|| resolve_target(&main, default), |(_, target)| target.clone())
    };
    let (styles_part, numbering_part, comments_part) =
        (part_of("styles", "styles.xml"), part_of("numbering", "numbering.xml"), part_of("comments", "comments.xml"));
    let styles = match pkg.read(&styles_part)? {
        Some(xml) => Styles::parse(&styles_part, &xml, &limits)?,
        None => Styles::default(),
    };
    let numbering = match pkg.read(&numbering_part)? {
        Some(xml) => Numbering::parse(&numbering_part, &xml, &limits)?,
        None => Numbering::default(),
    };
    let comments = match pkg.read(&comments_part)? {
        Some(xml) => parse_comments(&comments_part, &xml, &limits)?,
        None => Vec::new(),
    };
    let Some(xml) = pkg.read(&main)? else {
        return Err(InputError::new(format!("the Word package names {main} as its document, but has no such part")));
    };
    let mut body = Body::new(&styles, &numbering);
    let mut text = Text::default();
    let mut root = None;
    walk(&main, &xml, &limits, |ev, stack| {
        if let (Ev::Open(t, _), true) = (&ev, stack.is_empty()) {
            root = Some(*t);
        }
        body.event(ev, stack);
        for line in body.take_lines() {
            text.push(line);
        }
    })?;
    drop(xml);
    if root != Some(Tag::Document) {
        return Err(InputError::new(format!(
            "{main} is not a Word document body (its root element is not w:document)"
        )));
    }
    let (last, counts) = body.finish()?;
    for line in last {
        text.push(line);
    }
    if text.too_long {
        return Err(text_too_long("the Word file"));
    }
    Ok(into_document(text, counts, name, &comments))
}

/// The comments of the comments part: (author, text) pairs, at most a thousand, each up to about 4 KiB.
fn parse_comments(part: &str, xml: &[u8], limits: &Limits) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    walk(part, xml, limits, |ev, stack| match ev {
        Ev::Open(Tag::Comment, e) => current = Some((attr(e, "author").unwrap_or_default(), String::new())),
        Ev::Close(Tag::P) => {
            if let Some((_, text)) = current.as_mut() {
                text.push(' ');
            }
        }
        Ev::Close(Tag::Comment) => {
            if let Some(c) = current.take() {
                if out.len() < 1_000 {
                    out.push(c);
                }
            }
        }
        Ev::Text(s) if stack.last() == Some(&Tag::T) => {
            if let Some((_, text)) = current.as_mut() {
                if text.len() < 4_096 {
                    text.push_str(s);
                }
            }
        }
        _ => {}
    })?;
    Ok(out)
}

/// The text of the body, line by line as the body is read: the source the blocks map into, the blocks and the
/// hidden text.
#[derive(Default)]
struct Text {
    source: String,
    blocks: Vec<Block>,
    tricks: Vec<Trick>,
    /// Whether the text passed [`MAX_TEXT_BYTES`]: nothing more is kept.
    too_long: bool,
}

impl Text {
    /// Adds a body paragraph or table row as the next line of the source, and its block.
    fn push(&mut self, line: Line) {
        if self.too_long {
            return;
        }
        let start = self.source.len();
        let mut text = String::new();
        let mut hidden: Option<(TrickKind, String, usize)> = None;
        let flush = |hidden: &mut Option<(TrickKind, String, usize)>, tricks: &mut Vec<Trick>| {
            if let Some((kind, t, at)) = hidden.take() {
                tricks.push(Trick {
                    kind,
                    text: t.split_whitespace().collect::<Vec<_>>().join(" "),
                    source_offset: at,
                });
            }
        };
        for piece in line.pieces {
            match piece.hidden {
                // Hidden spaces hide nothing: they read as the spaces they are.
                Some(kind) if !piece.text.trim().is_empty() => match hidden.as_mut() {
                    Some((k, t, _)) if *k == kind => t.push_str(&piece.text),
                    _ => {
                        flush(&mut hidden, &mut self.tricks);
                        hidden = Some((kind, piece.text, start + text.len()));
                    }
                },
                _ => {
                    flush(&mut hidden, &mut self.tricks);
                    // One line per paragraph, whatever a label or text held: control characters read as spaces.
                    text.extend(piece.text.chars().map(|c| if c.is_control() { ' ' } else { c }));
                }
            }
        }
        flush(&mut hidden, &mut self.tricks);
        if start + text.len() + 1 > MAX_TEXT_BYTES {
            self.too_long = true;
            return;
        }
        self.source.push_str(&text);
        self.source.push('\n');
        let segment = Segment { text_start: 0, source_start: start, len: text.len(), verbatim: true };
        if let Some(block) = finish_block(line.kind, &text, &[segment], &mut self.tricks) {
            self.blocks.push(block);
        }
    }
}

/// The document the body's text makes, with the notes on what was counted and left out.
fn into_document(text: Text, body: BodyText, name: &str, comments: &[(String, String)]) -> Document {
    let Text { source, mut blocks, tricks, .. } = text;
    let mut notes = Vec::new();
    if body.revisions > 0 {
        let by = if body.authors.is_empty() { "an unnamed author".to_string() } else { body.authors.join(", ") };
        let (s, were) = if body.revisions == 1 { ("", "it was") } else { ("s", "they were") };
        notes.push(format!(
            "the file has {} pending tracked change{s} by {by}; {were} compared as if accepted",
            body.revisions
        ));
    }
    for (count, what) in [(body.footnotes, "footnote"), (body.endnotes, "endnote")] {
        if count > 0 {
            let (s, were) = if count == 1 { ("", "was") } else { ("s", "were") };
            notes.push(format!("the file has {count} {what}{s}, which {were} not compared"));
        }
    }
    if body.contents > 0 {
        notes.push(format!(
            "the table of contents ({} entr{}) was not compared: Word generates it from the headings",
            body.contents,
            if body.contents == 1 { "y" } else { "ies" }
        ));
    }
    if body.embedded > 0 {
        notes.push(format!(
            "the file embeds {} other document{} (w:altChunk) that Word shows in place; {} not compared",
            body.embedded,
            if body.embedded == 1 { "" } else { "s" },
            if body.embedded == 1 { "it was" } else { "they were" }
        ));
    }
    const SHOWN: usize = 20;
    for (author, text) in comments.iter().take(SHOWN) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = text.chars().take(100).collect();
        let ellipsis = if short.len() < text.len() { "…" } else { "" };
        let author = if author.trim().is_empty() { "an unnamed author" } else { author.as_str() };
        notes.push(format!("comment by {author}: {short}{ellipsis}"));
    }
    if comments.len() > SHOWN {
        notes.push(format!("and {} more comments; comments are not compared", comments.len() - SHOWN));
    }
    assign_sections(&mut blocks);
    Document {
        name: name.to_string(),
        source: source.into(),
        blocks,
        tricks,
        piece_starts: Vec::new(),
        pieces: std::sync::OnceLock::new(),
        front_matter: None,
        notes,
        format: Format::Docx,
        line_starts: std::sync::OnceLock::new(),
        cut: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::package::CFB_MAGIC;
    use super::super::testing::{document, p, package, read, styled, styles, texts, NS};
    use super::*;
    use crate::document::BlockKind;

    #[test]
    fn comments_footnotes_and_headers_are_notes_not_text() {
        let comments = concat!(
            "<w:comments xmlns:w=\"w\"><w:comment w:id=\"0\" w:author=\"Dana\"><w:p><w:r><w:t>Please check</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>this clause.</w:t></w:r></w:p></w:comment></w:comments>"
        );
        let header = format!("<w:hdr {NS}>{}</w:hdr>", p("HEADER TEXT"));
        let body = concat!(
            "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>MCP shall act.</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>",
            "<w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
            "<w:altChunk r:id=\"rId9\" xmlns:r=\"r\"/>",
        );
        let doc = read(body, &[("word/comments.xml", comments), ("word/header1.xml", &header)]);
        assert_eq!(texts(&doc), ["MCP shall act."]);
        assert_eq!(
            doc.notes,
            [
                "the file has 1 footnote, which was not compared",
                "the file embeds 1 other document (w:altChunk) that Word shows in place; it was not compared",
                "comment by Dana: Please check this clause."
            ]
        );
    }
    #[test]
    fn positions_are_paragraph_lines() {
        let doc = read(&[p("First."), "<w:p/>".into(), p("Third has words.")].concat(), &[]);
        assert_eq!(&*doc.source, "First.\n\nThird has words.\n");
        let b = &doc.blocks[1];
        let pos = doc.position(b.source_offset(b.text.find("words").unwrap()));
        assert_eq!((pos.line, pos.column), (3, 11));
    }

    #[test]
    fn relationships_name_the_parts() {
        let rels = concat!(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/main/body.xml\"/>",
            "</Relationships>"
        );
        let doc_rels = "<Relationships xmlns=\"x\"><Relationship Id=\"r\" Type=\"http://x/relationships/styles\" Target=\"../main/s.xml\"/></Relationships>";
        let st = styles("<w:style w:type=\"paragraph\" w:styleId=\"H\"><w:name w:val=\"heading 1\"/></w:style>");
        let body = document(&styled("H", "Title"));
        let bytes = package(&[
            ("_rels/.rels", rels),
            ("main/body.xml", &body),
            ("main/_rels/body.xml.rels", doc_rels),
            ("main/s.xml", &st),
        ]);
        let doc = parse("t.docx", &bytes).unwrap();
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
    }

    fn error(bytes: &[u8]) -> String {
        let e = parse_with_limits("t.docx", bytes, Limits { max_part_bytes: 64 << 10, ..LIMITS }).unwrap_err();
        assert!(!e.message.contains('\n'), "one line: {}", e.message);
        e.message
    }

    #[test]
    fn hostile_files_are_input_errors() {
        let good = package(&[("word/document.xml", &document(&p("MCP shall act.")))]);
        assert!(error(&good[..good.len() / 2]).contains("damaged or incomplete"));
        assert!(error(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("PNG image"));
        assert!(error(b"# Just Markdown\n").contains("plain text"));
        assert!(error(b"").contains("empty"));
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.extend(std::iter::repeat_n(0u8, 600));
        assert!(error(&cfb).contains("legacy Word .doc"));
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(error(&cfb).contains("password-protected"));
        assert!(error(&package(&[("xl/workbook.xml", "<x/>")])).contains("Excel workbook"));
        assert!(error(&package(&[("readme.txt", "hi")])).contains("without word/document.xml"));
        let bad = package(&[("word/document.xml", "<w:document xmlns:w=\"w\"><w:body><w:p></w:body></w:document>")]);
        assert!(error(&bad).contains("not well-formed XML"));
        let open = package(&[("word/document.xml", "<w:document xmlns:w=\"w\"><w:body><w:p>")]);
        assert!(error(&open).contains("ends before"));
        let deep = document(&format!("{}{}", "<w:sdt>".repeat(2_000), "</w:sdt>".repeat(2_000)));
        assert!(error(&package(&[("word/document.xml", &deep)])).contains("more than 512 deep"));
        let big = document(&p(&"x".repeat(100 << 10)));
        assert!(error(&package(&[("word/document.xml", &big)])).contains("zip bomb"));
        let not_word = package(&[("word/document.xml", "<html><body/></html>")]);
        assert!(error(&not_word).contains("not a Word document body"));
    }
}
