//! An official-style Word template, made here as Word itself writes one, for the tests of `mou import` and of
//! filling an official file in place. `fixtures/official/word/official.docx` is this file; a test below checks
//! that the two are the same bytes (set `MOU_WRITE_FIXTURES=1` to write it again after changing this file).
//!
//! What it holds, each as Word writes it:
//! - multi-level list numbering (`w:numPr`): numbered headings "1.", clauses "1.1", sub-items "(a)";
//! - a header with an image and a footer with a PAGE field;
//! - fill-ins split across runs (with a proofing mark between them) and highlighted;
//! - an italic drafting note of its own, and one inline after a sentence;
//! - an optional provision "[Optional: ...]" in a numbered clause;
//! - a section break (`w:sectPr` in a paragraph's properties) before the signature page;
//! - a signature block per party, and a contacts table.
//!
//! The text is this project's own short MOU, not DHCS's.

use std::io::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// A 1×1 PNG, the header's logo.
const PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A run of plain text.
fn run(text: &str) -> String {
    format!("<w:r w:rsidRPr=\"00A41C2E\"><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

/// A run with properties.
fn styled_run(rpr: &str, text: &str) -> String {
    format!("<w:r w:rsidR=\"00B7330F\"><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

/// A fill-in as Word leaves it after editing: highlighted, in the runs given, with a proofing mark between the
/// first two.
fn blank(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i == 1 {
            out.push_str("<w:proofErr w:type=\"spellStart\"/>");
        }
        out.push_str(&styled_run("<w:highlight w:val=\"yellow\"/>", p));
    }
    if parts.len() > 1 {
        out.push_str("<w:proofErr w:type=\"spellEnd\"/>");
    }
    out
}

/// A paragraph of a style, list level (none for an unnumbered one) and runs.
fn para(style: Option<&str>, level: Option<u8>, runs: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
    }
    if let Some(l) = level {
        ppr.push_str(&format!("<w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"1\"/></w:numPr>"));
    }
    let ppr = if ppr.is_empty() { String::new() } else { format!("<w:pPr>{ppr}</w:pPr>") };
    format!("<w:p w:rsidR=\"00C10B2D\" w:rsidRDefault=\"00C10B2D\">{ppr}{runs}</w:p>")
}

fn heading(text: &str) -> String {
    para(Some("Heading1"), Some(0), &run(text))
}

fn clause(runs: &str) -> String {
    para(None, Some(1), runs)
}

fn item(text: &str) -> String {
    para(Some("ListParagraph"), Some(2), &run(text))
}

fn cell(width: u32, content: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>", para(None, None, content))
}

const SECTION: &str = "<w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"default\" r:id=\"rId5\"/>\
<w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>\
<w:cols w:space=\"720\"/><w:docGrid w:linePitch=\"360\"/>";

fn document() -> String {
    let italic = "<w:i/><w:iCs/>";
    let mut b = String::new();
    b.push_str(&para(
        Some("Title"),
        None,
        &[
            run("Memorandum of Understanding between "),
            blank(&["[MCP ", "Name]"]),
            run(" and "),
            blank(&["[County Agency Name]"]),
        ]
        .concat(),
    ));
    b.push_str(&para(
        None,
        None,
        &styled_run(
            italic,
            "[Note to the Parties: Write the information each bracketed blank asks for in its place. Delete this note and every other bracketed instruction before the MOU is signed.]",
        ),
    ));
    b.push_str(&heading("Parties"));
    b.push_str(&clause(
        &[
            run("This Memorandum of Understanding (\u{201c}MOU\u{201d}) is made by "),
            blank(&["[MCP Name]"]),
            run(", a Medi-Cal managed care plan (\u{201c}MCP\u{201d}), and "),
            blank(&["[County Agency Name]"]),
            run(" (\u{201c}County\u{201d}), for Members who live in "),
            blank(&["[County]"]),
            run(" County. It takes effect on "),
            styled_run("<w:b/><w:highlight w:val=\"yellow\"/>", "[Insert "),
            styled_run("<w:highlight w:val=\"yellow\"/>", "effective"),
            styled_run("<w:i/><w:highlight w:val=\"yellow\"/>", " date]"),
            run("."),
        ]
        .concat(),
    ));
    b.push_str(&clause(
        &[
            run("MCP must name a Liaison for this MOU. "),
            styled_run(italic, "[The Liaison may also serve as the Responsible Person.]"),
            run(" MCP must tell County of a new Liaison within five (5) Working Days."),
        ]
        .concat(),
    ));
    b.push_str(&heading("Referrals"));
    b.push_str(&clause(&run(
        "MCP must accept referrals from County by secure email and must respond to each referral within ten (10) Working Days.",
    )));
    b.push_str(&clause(&run("When County refers a Member, MCP must:")));
    b.push_str(&item("confirm that it received the referral within two (2) Working Days;"));
    b.push_str(&item("tell County whether the Member is enrolled in MCP; and"));
    b.push_str(&item("record the outcome of the referral."));
    b.push_str(&clause(&run(
        "[Optional: Shared Training. The Parties may hold one joint training each year, and MCP must keep a list of those who attend.]",
    )));
    // The section ends here: the rest starts on a new page.
    b.push_str(&format!(
        "<w:p w:rsidR=\"00C10B2D\" w:rsidRDefault=\"00C10B2D\"><w:pPr><w:sectPr w:rsidR=\"00C10B2D\">{SECTION}</w:sectPr></w:pPr>{}</w:p>",
        run("County must tell MCP within ten (10) Working Days when a referred Member moves out of the county.")
    ));
    b.push_str(&heading("Notices"));
    b.push_str(&clause(
        &[
            run("Notices under this MOU go in writing to MCP at "),
            blank(&["[Mailing ", "Address]"]),
            run(" and to County at "),
            blank(&["[Mailing Address]"]),
            run("."),
        ]
        .concat(),
    ));
    b.push_str(&para(Some("Heading1"), None, &run("Signatures")));
    for who in ["[MCP Name]", "[County Agency Name]"] {
        b.push_str(&para(None, None, &styled_run("<w:b/><w:highlight w:val=\"yellow\"/>", who)));
        b.push_str(&para(None, None, &run("Signature: ______________________")));
        b.push_str(&para(None, None, &[run("Name: "), blank(&["[Name]"])].concat()));
        b.push_str(&para(None, None, &[run("Title: "), blank(&["[Title]"])].concat()));
    }
    b.push_str(&para(Some("Heading1"), None, &run("Exhibit A. Contacts")));
    let row = |cells: [&str; 3]| {
        format!(
            "<w:tr w:rsidR=\"00D2E1A7\">{}{}{}</w:tr>",
            cell(3120, cells[0]),
            cell(3120, cells[1]),
            cell(3120, cells[2])
        )
    };
    b.push_str(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"9360\" w:type=\"dxa\"/><w:tblLook w:val=\"04A0\"/></w:tblPr>\
         <w:tblGrid><w:gridCol w:w=\"3120\"/><w:gridCol w:w=\"3120\"/><w:gridCol w:w=\"3120\"/></w:tblGrid>",
    );
    b.push_str(&row([&run("Role"), &run("Name"), &run("Email")]));
    b.push_str(&row([&run("MCP Liaison"), &blank(&["[Name]"]), &blank(&["[Email]"])]));
    b.push_str(&row([&run("County Liaison"), &blank(&["[Name]"]), &blank(&["[Email]"])]));
    b.push_str("</w:tbl>");
    b.push_str(&para(None, None, ""));
    format!(
        "{DECL}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <w:body>{b}<w:sectPr w:rsidR=\"00C10B2D\">{SECTION}</w:sectPr></w:body></w:document>"
    )
}

fn header() -> String {
    let logo = "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"190500\" cy=\"190500\"/>\
<wp:docPr id=\"1\" name=\"Logo\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"logo.png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rId1\"/>\
<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"190500\" cy=\"190500\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    format!(
        "{DECL}<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{logo}<w:r><w:t xml:space=\"preserve\"> Medi-Cal MOU (sample template)</w:t></w:r></w:p></w:hdr>"
    )
}

fn footer() -> String {
    format!(
        "{DECL}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE   \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>"
    )
}

fn styles() -> String {
    let style = |kind: &str, id: &str, name: &str, body: &str| {
        format!("<w:style w:type=\"{kind}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{body}</w:style>")
    };
    format!(
        "{DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"259\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>{}{}{}{}{}{}{}{}</w:styles>",
        style("paragraph\" w:default=\"1", "Normal", "Normal", "<w:qFormat/>"),
        style("character\" w:default=\"1", "DefaultParagraphFont", "Default Paragraph Font", "<w:uiPriority w:val=\"1\"/><w:semiHidden/>"),
        style("paragraph", "Title", "Title", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr>"),
        style("paragraph", "Heading1", "heading 1", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr>"),
        style("paragraph", "ListParagraph", "List Paragraph", "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"720\"/></w:pPr>"),
        style("paragraph", "Header", "header", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"),
        style("paragraph", "Footer", "footer", "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"),
        style("table", "TableGrid", "Table Grid", "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr>"),
    )
}

fn numbering() -> String {
    let level = |i: u8, fmt: &str, text: &str, left: u32, hanging: u32| {
        format!(
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
             <w:pPr><w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr></w:lvl>"
        )
    };
    format!(
        "{DECL}<w:numbering xmlns:w=\"{W}\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>{}{}{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
        level(0, "decimal", "%1.", 360, 360),
        level(1, "decimal", "%1.%2", 720, 720),
        level(2, "lowerLetter", "(%3)", 1440, 360),
    )
}

/// The template's bytes: the same on every call.
pub fn official_docx() -> Vec<u8> {
    let ct = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let parts: Vec<(&str, Vec<u8>, bool)> = vec![
        (
            "[Content_Types].xml",
            format!(
                "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"png\" ContentType=\"image/png\"/>\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/word/document.xml\" ContentType=\"{ct}.document.main+xml\"/>\
                 <Override PartName=\"/word/styles.xml\" ContentType=\"{ct}.styles+xml\"/>\
                 <Override PartName=\"/word/numbering.xml\" ContentType=\"{ct}.numbering+xml\"/>\
                 <Override PartName=\"/word/settings.xml\" ContentType=\"{ct}.settings+xml\"/>\
                 <Override PartName=\"/word/header1.xml\" ContentType=\"{ct}.header+xml\"/>\
                 <Override PartName=\"/word/footer1.xml\" ContentType=\"{ct}.footer+xml\"/>\
                 <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
                 <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>"
            )
            .into_bytes(),
            true,
        ),
        (
            "_rels/.rels",
            format!(
                "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId3\" Type=\"{R}/extended-properties\" Target=\"docProps/app.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
                 <Relationship Id=\"rId1\" Type=\"{R}/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
            )
            .into_bytes(),
            true,
        ),
        ("word/document.xml", document().into_bytes(), true),
        (
            "word/_rels/document.xml.rels",
            format!(
                "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{R}/styles\" Target=\"styles.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"{R}/numbering\" Target=\"numbering.xml\"/>\
                 <Relationship Id=\"rId3\" Type=\"{R}/settings\" Target=\"settings.xml\"/>\
                 <Relationship Id=\"rId4\" Type=\"{R}/header\" Target=\"header1.xml\"/>\
                 <Relationship Id=\"rId5\" Type=\"{R}/footer\" Target=\"footer1.xml\"/></Relationships>"
            )
            .into_bytes(),
            true,
        ),
        ("word/styles.xml", styles().into_bytes(), true),
        ("word/numbering.xml", numbering().into_bytes(), true),
        (
            "word/settings.xml",
            format!(
                "{DECL}<w:settings xmlns:w=\"{W}\"><w:zoom w:percent=\"100\"/><w:proofState w:spelling=\"clean\" w:grammar=\"clean\"/>\
                 <w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
                 <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
            )
            .into_bytes(),
            true,
        ),
        ("word/header1.xml", header().into_bytes(), true),
        (
            "word/_rels/header1.xml.rels",
            format!(
                "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{R}/image\" Target=\"media/image1.png\"/></Relationships>"
            )
            .into_bytes(),
            true,
        ),
        ("word/footer1.xml", footer().into_bytes(), true),
        ("word/media/image1.png", PNG.to_vec(), false),
        (
            "docProps/core.xml",
            format!(
                "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
                 <dc:title>Sample MOU template</dc:title><dc:creator>mou tests</dc:creator>\
                 <dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-03-05T14:07:00Z</dcterms:created></cp:coreProperties>"
            )
            .into_bytes(),
            true,
        ),
        (
            "docProps/app.xml",
            format!(
                "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
                 <Application>Microsoft Office Word</Application><Pages>2</Pages></Properties>"
            )
            .into_bytes(),
            true,
        ),
    ];
    let dated = zip::DateTime::from_date_and_time(2024, 3, 5, 14, 7, 22).expect("a valid date");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, deflate) in parts {
        let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        let options = zip::write::SimpleFileOptions::default().compression_method(method).last_modified_time(dated);
        zip.start_file(name, options).expect("a zip entry");
        zip.write_all(&bytes).expect("writing to memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}

/// The committed fixture is this file.
#[test]
fn the_committed_word_template_is_the_generated_one() {
    let path = crate::support::project_dir().join("fixtures/official/word/official.docx");
    let bytes = official_docx();
    if std::env::var_os("MOU_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == bytes,
        "{} differs from tests/official_docx.rs; run with MOU_WRITE_FIXTURES=1",
        path.display()
    );
    // It reads as the MOU it is: numbered by Word, the fill-ins still bracketed.
    let doc = mou::word::parse("official.docx", &bytes).unwrap();
    let texts: Vec<&str> = doc.blocks.iter().map(|b| &*b.text).collect();
    assert_eq!(texts[0], "Memorandum of Understanding between [MCP Name] and [County Agency Name]");
    assert!(texts.contains(&"2.1 MCP must accept referrals from County by secure email and must respond to each referral within ten (10) Working Days."));
    assert!(texts.contains(&"(b) tell County whether the Member is enrolled in MCP; and"));
    assert!(texts.contains(&"MCP Liaison | [Name] | [Email]"));
}
