//! Reading Word files: `mou check` on `.docx` files built here, in code, with the zip crate (no opaque binary
//! fixtures), hostile files included; and, when pandoc is installed, the same findings for Word files converted
//! with pandoc as for the Markdown they came from.

use crate::support::{mou, project_dir, Run, Test};
use mou::document::BlockKind;
use mou::word;
use proptest::prelude::*;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

// ---------------------------------------------------------------------------------------------------------------
// Building .docx files.

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"#;

/// Heading styles and a list style, as Word names them.
fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>"#
    )
}

/// List 1: "1." for Heading 2 and "1.1" for clauses; list 2: "(a)" items; list 3: bullets.
fn numbering() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pStyle w:val="Heading2"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"#
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A run, with optional run properties.
fn run(rpr: &str, text: &str) -> String {
    format!(r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text))
}

/// A paragraph of runs, with a style and an optional (numId, ilvl).
fn para(style: &str, num: Option<(u32, u8)>, runs: &str) -> String {
    let num = num.map_or(String::new(), |(id, lvl)| {
        format!(r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#)
    });
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{num}</w:pPr>{runs}</w:p>"#)
}

/// A complete package: the body's paragraphs plus styles, numbering and comments.
fn package(body: &str, comments: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let comments = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:comments {W}>{comments}</w:comments>"#);
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles()),
        ("word/numbering.xml", &numbering()),
        ("word/comments.xml", &comments),
    ])
}

fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A small MOU in Markdown, its clause numbers typed.
const MOU_MD: &str = "\
# Memorandum of Understanding

This MOU is made by Harbor Coast Health Plan (\"MCP\") and Sierra Vista County (\"County\").

## 1. Duties

1.1 MCP shall notify the County of each referral within five (5) Working Days.

1.2 The Parties shall meet at least once each quarter.

1.3 MCP's Liaison shall:

- (a) respond to each inquiry from County within three (3) Working Days; and
- (b) attend the quarterly meetings.

## 2. Records

2.1 Each Party shall keep the records of its activities under this MOU for ten (10) years.
";

/// A paragraph of [`MOU_MD`] as Word holds it. Clause numbers and item letters come from Word numbering.
#[derive(Clone)]
enum P {
    Title(&'static str),
    Text(&'static str),
    Heading(&'static str),
    Clause(&'static str),
    Item(u32, &'static str),
    /// Raw paragraph XML.
    Raw(String),
}

fn mou_paragraphs() -> Vec<P> {
    vec![
        P::Title("Memorandum of Understanding"),
        P::Text("This MOU is made by Harbor Coast Health Plan (\"MCP\") and Sierra Vista County (\"County\")."),
        P::Heading("Duties"),
        P::Clause("MCP shall notify the County of each referral within five (5) Working Days."),
        P::Clause("The Parties shall meet at least once each quarter."),
        P::Clause("MCP's Liaison shall:"),
        P::Item(2, "respond to each inquiry from County within three (3) Working Days; and"),
        P::Item(2, "attend the quarterly meetings."),
        P::Heading("Records"),
        P::Clause("Each Party shall keep the records of its activities under this MOU for ten (10) years."),
    ]
}

fn body_of(paragraphs: &[P]) -> String {
    paragraphs
        .iter()
        .map(|p| match p {
            P::Title(t) => para("Heading1", None, &run("", t)),
            P::Text(t) => para("Normal", None, &run("", t)),
            P::Heading(t) => para("Heading2", None, &run("<w:b/>", t)),
            P::Clause(t) => para("Normal", Some((1, 1)), &run("", t)),
            P::Item(list, t) => para("ListParagraph", Some((*list, 0)), &run("", t)),
            P::Raw(xml) => xml.clone(),
        })
        .collect()
}

fn mou_docx(paragraphs: &[P]) -> Vec<u8> {
    package(&body_of(paragraphs), "")
}

/// Runs `mou` in the test's folder (`Test::args` takes the test by value; these tests run many checks on one).
fn run_in(t: &Test, args: &[&str]) -> Run {
    let out = mou().args(args).current_dir(t.dir.path()).env("NO_COLOR", "1").output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `mou check --against official edited --format json`: exit code, (kind, rule, section) of every finding, and notes.
fn check_json(t: &Test, official: &str, edited: &str) -> (i32, Vec<(String, String, String)>, Vec<String>) {
    let run = run_in(t, &["check", "--against", official, edited, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", run.stdout, run.stderr));
    let file = &v["files"][0];
    let findings = file["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array: {}\nstderr: {}", run.stdout, run.stderr))
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("kind"), s("rule"), s("section"))
        })
        .collect();
    let notes = file["notes"]
        .as_array()
        .map_or(Vec::new(), |n| n.iter().map(|x| x.as_str().unwrap_or_default().to_string()).collect());
    (run.code, findings, notes)
}

fn non_cosmetic(findings: &[(String, String, String)]) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = findings.iter().filter(|f| f.0 != "cosmetic").cloned().collect();
    out.sort();
    out
}

fn has(findings: &[(String, String, String)], kind: &str, rule: &str) -> bool {
    findings.iter().any(|(k, r, _)| k == kind && r == rule)
}

// ---------------------------------------------------------------------------------------------------------------
// The document model from Word.

#[test]
fn word_numbering_gives_the_same_labels_as_typed_numbers() {
    let doc = word::parse("mou.docx", &mou_docx(&mou_paragraphs())).unwrap();
    let rows: Vec<(BlockKind, Option<&str>, &str)> =
        doc.blocks.iter().map(|b| (b.kind, b.label.as_deref(), &*b.section)).collect();
    assert_eq!(
        rows,
        [
            (BlockKind::Heading(1), None, "Memorandum of Understanding"),
            (BlockKind::Paragraph, None, "Memorandum of Understanding"),
            (BlockKind::Heading(2), Some("1"), "1"),
            (BlockKind::Paragraph, Some("1.1"), "1.1"),
            (BlockKind::Paragraph, Some("1.2"), "1.2"),
            (BlockKind::Paragraph, Some("1.3"), "1.3"),
            (BlockKind::ListItem, Some("(a)"), "1.3(a)"),
            (BlockKind::ListItem, Some("(b)"), "1.3(b)"),
            (BlockKind::Heading(2), Some("2"), "2"),
            (BlockKind::Paragraph, Some("2.1"), "2.1"),
        ]
    );
    assert_eq!(&*doc.blocks[3].text, "1.1 MCP shall notify the County of each referral within five (5) Working Days.");
    // Each line of the rendering is one paragraph.
    assert_eq!(doc.source.lines().nth(3), Some(&*doc.blocks[3].text));
}

#[test]
fn a_word_copy_of_a_markdown_mou_is_attestable_and_the_same_edit_finds_the_same_rule() {
    let t = Test::new().file("official.md", MOU_MD).file("copy.docx", mou_docx(&mou_paragraphs()));
    let (code, findings, _) = check_json(&t, "official.md", "copy.docx");
    assert_eq!(code, 0);
    assert!(non_cosmetic(&findings).is_empty(), "{findings:?}");
    // And the other way round: the Word file as the baseline.
    let (code, findings, _) = check_json(&t, "copy.docx", "official.md");
    assert_eq!((code, non_cosmetic(&findings)), (0, vec![]));

    let mut edited = mou_paragraphs();
    edited[3] = P::Clause("MCP may notify the County of each referral within five (5) Working Days.");
    let t = t
        .file("edited.docx", mou_docx(&edited))
        .file("edited.md", MOU_MD.replace("MCP shall notify", "MCP may notify"));
    let (code, from_word, _) = check_json(&t, "official.md", "edited.docx");
    assert_eq!(code, 1);
    let (_, from_markdown, _) = check_json(&t, "official.md", "edited.md");
    assert_eq!(non_cosmetic(&from_word), non_cosmetic(&from_markdown));
    assert_eq!(non_cosmetic(&from_word), [("weakening".into(), "modal-downgrade".into(), "1.1".into())]);
    // Word against Word.
    let (_, word_to_word, _) = check_json(&t, "copy.docx", "edited.docx");
    assert_eq!(non_cosmetic(&word_to_word), non_cosmetic(&from_markdown));
}

#[test]
fn a_finding_points_at_the_paragraph() {
    let mut edited = mou_paragraphs();
    edited[9] = P::Clause("Each Party shall keep the records of its activities under this MOU for two (2) years.");
    let t = Test::new().file("official.md", MOU_MD).file("e.docx", mou_docx(&edited));
    let run = run_in(&t, &["check", "--against", "official.md", "e.docx", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let f = &v["files"][0]["findings"].as_array().unwrap().iter().find(|f| f["kind"] == "weakening").unwrap().clone();
    assert_eq!(f["rule"], "period-shortened");
    // The tenth paragraph of the body, its text starting after the label "2.1 ".
    assert_eq!(f["line"], 10);
    assert!(f["column"].as_u64().unwrap() > 4);
}

// ---------------------------------------------------------------------------------------------------------------
// Hidden text and tracked changes.

/// The MOU with clause 1.2 ("The Parties shall meet ...") formatted with `rpr`.
fn with_hidden_clause(rpr: &str) -> Vec<u8> {
    let mut paragraphs = mou_paragraphs();
    paragraphs[4] =
        P::Raw(para("Normal", Some((1, 1)), &run(rpr, "The Parties shall meet at least once each quarter.")));
    mou_docx(&paragraphs)
}

#[test]
fn hidden_white_and_tiny_clauses_count_as_removed() {
    for (rpr, rule) in [
        ("<w:vanish/>", "hidden-vanish"),
        (r#"<w:color w:val="FFFFFF"/>"#, "hidden-white-text"),
        (r#"<w:color w:val="FDFDFD"/>"#, "hidden-white-text"),
        (r#"<w:sz w:val="2"/>"#, "hidden-tiny-text"),
    ] {
        let t = Test::new().file("official.md", MOU_MD).file("e.docx", with_hidden_clause(rpr));
        let (code, findings, _) = check_json(&t, "official.md", "e.docx");
        assert_eq!(code, 1, "{rpr}: {findings:?}");
        assert!(has(&findings, "weakening", rule), "{rpr}: {findings:?}");
        assert!(has(&findings, "weakening", "provision-deleted"), "{rpr}: {findings:?}");
    }
}

#[test]
fn white_text_on_a_dark_background_is_visible() {
    let rpr = r#"<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:color="auto" w:fill="000000"/>"#;
    let t = Test::new().file("official.md", MOU_MD).file("e.docx", with_hidden_clause(rpr));
    let (code, findings, _) = check_json(&t, "official.md", "e.docx");
    assert_eq!((code, non_cosmetic(&findings)), (0, vec![]));
}

#[test]
fn a_pending_deletion_is_a_deletion_and_names_its_author() {
    let mut paragraphs = mou_paragraphs();
    paragraphs[4] = P::Raw(para(
        "Normal",
        Some((1, 1)),
        &format!(
            r#"<w:del w:id="7" w:author="Alex Reviewer" w:date="2025-01-02T00:00:00Z"><w:r><w:delText>{}</w:delText></w:r></w:del>"#,
            "The Parties shall meet at least once each quarter."
        ),
    ));
    let t = Test::new().file("official.md", MOU_MD).file("e.docx", mou_docx(&paragraphs));
    let (code, findings, notes) = check_json(&t, "official.md", "e.docx");
    assert_eq!(code, 1);
    assert!(has(&findings, "weakening", "provision-deleted"), "{findings:?}");
    assert_eq!(notes, ["the file has 1 pending tracked change by Alex Reviewer; it was compared as if accepted"]);
}

#[test]
fn a_pending_insertion_is_an_addition() {
    let mut paragraphs = mou_paragraphs();
    paragraphs.insert(
        8,
        P::Raw(para(
            "Normal",
            Some((1, 1)),
            &format!(
                r#"<w:ins w:id="8" w:author="Sam" w:date="2025-01-02T00:00:00Z">{}</w:ins>"#,
                run("", "Either Party may invite Member advocates to the quarterly meetings.")
            ),
        )),
    );
    let t = Test::new().file("official.md", MOU_MD).file("e.docx", mou_docx(&paragraphs));
    let (code, findings, notes) = check_json(&t, "official.md", "e.docx");
    assert_eq!(code, 0, "{findings:?}");
    let found = non_cosmetic(&findings);
    assert!(!found.is_empty() && found.iter().all(|f| f.0 == "addition"), "{found:?}");
    assert_eq!(notes, ["the file has 1 pending tracked change by Sam; it was compared as if accepted"]);
}

#[test]
fn comments_are_listed_in_the_notes_not_compared() {
    let mut paragraphs = mou_paragraphs();
    paragraphs[4] = P::Raw(para(
        "Normal",
        Some((1, 1)),
        &format!(
            r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
            run("", "The Parties shall meet at least once each quarter.")
        ),
    ));
    let comment = r#"<w:comment w:id="0" w:author="Dana"><w:p><w:r><w:t>Can we make this every month instead?</w:t></w:r></w:p></w:comment>"#;
    let t = Test::new().file("official.md", MOU_MD).file("e.docx", package(&body_of(&paragraphs), comment));
    let (code, findings, notes) = check_json(&t, "official.md", "e.docx");
    assert_eq!((code, non_cosmetic(&findings)), (0, vec![]));
    assert_eq!(notes, ["comment by Dana: Can we make this every month instead?"]);
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile files: exit 2, one line on stderr, never a panic.

/// A raw deflate stream (fixed Huffman codes) of `1 + 258 * repeats` zero bytes: a literal zero, then copies of
/// 258 bytes at distance 1. 300 MiB of zeros take under 2 MiB.
fn zeros_deflate(repeats: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, bits: u32) {
            self.acc |= u64::from(value) << self.n;
            self.n += bits;
            while self.n >= 8 {
                self.out.push((self.acc & 0xFF) as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            for i in (0..len).rev() {
                self.put((code >> i) & 1, 1);
            }
        }
    }
    let mut b = Bits { out: Vec::with_capacity(repeats * 13 / 8 + 16), acc: 0, n: 0 };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30, 8); // literal 0
    for _ in 0..repeats {
        b.code(0xC5, 8); // length 258 (symbol 285)
        b.code(0, 5); // distance 1
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

/// A zip whose only part, word/document.xml, is a deflate stream of about 300 MiB of zeros, with the
/// uncompressed size its headers declare.
fn zip_bomb(declared: u32) -> Vec<u8> {
    let stream = zeros_deflate(1_200_000);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("word/document.xml", SimpleFileOptions::default().compression_method(CompressionMethod::Stored))
        .unwrap();
    w.write_all(&stream).unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    // Written as stored, then relabelled as deflated with the chosen size, in the local and central headers.
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    bytes[8..10].copy_from_slice(&8u16.to_le_bytes());
    bytes[22..26].copy_from_slice(&declared.to_le_bytes());
    let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[central + 10..central + 12].copy_from_slice(&8u16.to_le_bytes());
    bytes[central + 24..central + 28].copy_from_slice(&declared.to_le_bytes());
    bytes
}

#[test]
fn hostile_files_are_input_errors_with_one_line_each() {
    let good = mou_docx(&mou_paragraphs());
    let encrypted = {
        use zip::unstable::write::FileOptionsExt;
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().with_deprecated_encryption(b"secret").unwrap();
        w.start_file("word/document.xml", options).unwrap();
        w.write_all(b"<w:document/>").unwrap();
        w.finish().unwrap().into_inner()
    };
    // What Word writes for File > Info > Protect Document > Encrypt with Password: a compound file holding an
    // EncryptedPackage stream (only the parts mou looks at are real here).
    let mut word_encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    word_encrypted.resize(1024, 0);
    word_encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    word_encrypted.resize(2048, 0);
    let mut legacy = word_encrypted[..1024].to_vec();
    legacy.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let document = |xml: &str| zip_of(&[("_rels/.rels", RELS), ("word/document.xml", xml)]);
    let deep = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(5_000),
        "</w:sdtContent></w:sdt>".repeat(5_000)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bomb.docx", zip_bomb(309_600_001), "zip bomb"),
        ("lying.docx", zip_bomb(4_000), "damaged or incomplete"),
        ("truncated.docx", good[..good.len() / 2].to_vec(), "damaged or incomplete"),
        ("encrypted.docx", encrypted, "password-protected"),
        ("protected.docx", word_encrypted, "password-protected"),
        ("legacy.docx", legacy.clone(), "legacy Word .doc"),
        ("legacy.doc", legacy, "legacy Word .doc"),
        ("image.docx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(), "PNG image"),
        ("notes.docx", b"# Notes\n\nMCP shall act.\n".to_vec(), "plain text"),
        (
            "nodoc.docx",
            zip_of(&[("_rels/.rels", RELS), ("word/styles.xml", "<w:styles/>")]),
            "without word/document.xml",
        ),
        ("sheet.docx", zip_of(&[("xl/workbook.xml", "<workbook/>")]), "Excel workbook"),
        (
            "malformed.docx",
            document("<w:document xmlns:w=\"w\"><w:body><w:p></w:r></w:body></w:document>"),
            "not well-formed XML",
        ),
        ("deep.docx", document(&deep), "more than 512 deep"),
    ];
    let mut t = Test::new().file("official.md", MOU_MD);
    for (name, bytes, _) in &cases {
        t = t.file(name, bytes);
    }
    for (name, _, reason) in &cases {
        let run = run_in(&t, &["check", "--against", "official.md", name]);
        run.code(2).stderr_has(reason).stderr_has(name);
        // One line, the reason; the legacy .doc refusal, unchanged, adds a line of help.
        let lines = if name.ends_with(".docx") { 1 } else { 2 };
        assert_eq!(run.stderr.lines().count(), lines, "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        // As the baseline, too.
        let run = run_in(&t, &["check", "--against", name, "official.md"]);
        run.code(2).stderr_has(reason);
    }
}

fn stored_package(document: &[u8]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, bytes) in [
        ("word/document.xml", document),
        ("word/styles.xml", styles().as_bytes()),
        ("word/numbering.xml", numbering().as_bytes()),
    ] {
        w.start_file(name, stored).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn mou_document_xml() -> String {
    format!("<w:document {W}><w:body>{}</w:body></w:document>", body_of(&mou_paragraphs()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A damaged package is an input error, never a panic.
    #[test]
    fn damaged_packages_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12)) {
        let mut bytes = stored_package(mou_document_xml().as_bytes());
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = word::parse("x.docx", &bytes);
        let _ = word::parse("x.docx", &bytes[..bytes.len() / 3]);
    }

    /// Damaged XML inside an intact package is an input error or a document, never a panic.
    #[test]
    fn damaged_word_xml_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![
            "<", ">", "/", "\"", "&", "&amp;", "&#0;", "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:tbl><w:tr><w:tc>",
            "</w:tc>", "</w:tr>", "<w:del>", "<w:ins w:author=\"x\">", "<w:fldChar w:fldCharType=\"begin\"/>",
            "<w:fldChar w:fldCharType=\"end\"/>", "<w:vanish/>", "<w:numPr><w:numId w:val=\"1\"/><w:ilvl w:val=\"99\"/></w:numPr>",
            "<w:pPr><w:rPr><w:del/></w:rPr></w:pPr>", "\u{0}", "\u{feff}", "é",
        ])), 1..8),
    ) {
        let mut xml = mou_document_xml();
        for (at, insert) in edits {
            let mut i = at.index(xml.len());
            while !xml.is_char_boundary(i) {
                i -= 1;
            }
            xml.insert_str(i, insert);
        }
        if let Ok(doc) = word::parse("x.docx", &stored_package(xml.as_bytes())) {
            // Whatever was read checks without a panic.
            let _ = mou::check::check(&mou::check::Baseline::from_text("o.md", MOU_MD), doc, "x.docx");
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Pandoc interop: the issue's acceptance test.

/// `pandoc -o official.docx official.md`, the same for edited copies, and `mou check --against official.docx
/// edited.docx` find what checking the two Markdown files finds.
#[test]
fn pandoc_word_files_give_the_same_findings_as_their_markdown() {
    if std::process::Command::new("pandoc").arg("--version").output().is_err() {
        eprintln!("skipped: pandoc not installed");
        return;
    }
    let official = std::fs::read_to_string(project_dir().join("fixtures/check-cli/official.md")).unwrap();
    let edit = |from: &str, to: &str| {
        assert_eq!(official.matches(from).count(), 1, "{from}");
        official.replace(from, to)
    };
    let edits = [
        ("modal", edit("5.1 MCP must provide or arrange", "5.1 MCP may provide or arrange")),
        (
            "deadline",
            edit(
                "standard request for BHT authorization within five (5) Working Days",
                "standard request for BHT authorization within fifteen (15) Working Days",
            ),
        ),
        (
            "deleted",
            edit(
                "3.3 MCP must notify DHCS in writing within ten (10) Working Days after it gives or receives a notice of non-renewal.\n\n",
                "",
            ),
        ),
        (
            "added",
            edit(
                "## 4. Services Covered",
                "3.5 MCP shall give Regional Center a printed copy of its provider directory each year.\n\n## 4. Services Covered",
            ),
        ),
        ("item", edit("- (b) meet with MCP's Responsible Person", "- (b) meet with MCP's compliance officer")),
        ("rewrap", edit("5.4 MCP must designate a Liaison for this MOU.", "5.4 MCP must designate a\nLiaison for this MOU.")),
    ];
    let mut t = Test::new().file("official.md", &official);
    for (name, text) in &edits {
        t = t.file(&format!("{name}.md"), text);
    }
    let pandoc = |name: &str| {
        let out = std::process::Command::new("pandoc")
            .args([format!("{name}.md"), "-o".into(), format!("{name}.docx")])
            .current_dir(t.dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "pandoc {name}: {}", String::from_utf8_lossy(&out.stderr));
    };
    pandoc("official");
    let (code, findings, _) = check_json(&t, "official.md", "official.docx");
    assert_eq!((code, non_cosmetic(&findings)), (0, vec![]), "the Word copy of the official text");
    for (name, _) in &edits {
        pandoc(name);
        let (md_code, md, _) = check_json(&t, "official.md", &format!("{name}.md"));
        let (docx_code, word, _) = check_json(&t, "official.docx", &format!("{name}.docx"));
        assert_eq!(non_cosmetic(&word), non_cosmetic(&md), "{name}");
        assert_eq!(docx_code, md_code, "{name}");
        if *name != "rewrap" {
            assert!(!non_cosmetic(&md).is_empty(), "{name} finds something");
        }
    }
}
