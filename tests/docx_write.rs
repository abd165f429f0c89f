//! The Word writers: a draft as an editable document, and a redline whose tracked changes accept to the edited
//! text and reject to the baseline. The files are read back with `zip` and `quick-xml`, as Word would.

use mou::check::{check, Baseline};
use mou::redline::{Op, Redline};
use mou::word::{draft_docx, redline_docx, DocProps, TEXT_BOOKMARK};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

const BASELINE: &str = "\
# Memorandum of Understanding

## 4. Referrals

4.1 MCP must accept referrals from County by telephone or secure email.

4.2 County must report each confirmed case to MCP within five (5) business days.

4.3 MCP must designate a Liaison for referrals and tell County the Liaison's name.

## 5. Training

5.1 MCP must train its Member Services staff on this MOU every year.

5.2 County must share its training calendar with MCP each quarter.

- (a) Harbor Coast Health Plan;
- (b) Valley Family Health Plan.
";

/// The baseline with an addition (4.4), a modification (4.1), a weakening (4.2) and a move (5.2 before 5.1).
const EDITED: &str = "\
# Memorandum of Understanding

## 4. Referrals

4.1 MCP must accept referrals from County by telephone, fax or secure email.

4.2 County should report each confirmed case to MCP within five (5) business days.

4.3 MCP must designate a Liaison for referrals and tell County the Liaison's name.

4.4 The Parties will hold a joint community forum once a year.

## 5. Training

5.2 County must share its training calendar with MCP each quarter.

5.1 MCP must train its Member Services staff on this MOU every year.

- (a) Harbor Coast Health Plan;
- (b) Valley Family Health Plan.
";

fn redline_of(baseline: &str, edited: &str, name: &str) -> Redline {
    let base = Baseline::from_text("official.md", baseline);
    let report = check(&base, mou::document::markdown::parse(name, edited), name);
    mou::redline::build(&report, "2026-01-15", vec!["Harbor Coast Health Plan".into(), "County of X".into()])
}

/// One part of a `.docx`, as text.
fn part(docx: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut file = zip.by_name(name).ok()?;
    let mut s = String::new();
    file.read_to_string(&mut s).expect("UTF-8 part");
    Some(s)
}

fn entry_names(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    zip.file_names().map(|n| n.expect("an entry name").into_owned()).collect()
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("attribute value").into_owned())
}

/// Every event of a part, read to the end; panics on malformed XML.
fn events(xml: &str) -> Vec<Event<'_>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => out.push(e),
            Err(e) => panic!("invalid XML at {}: {e}", reader.buffer_position()),
        }
    }
    out
}

/// A paragraph as Word would show it with every change accepted and with every change rejected.
#[derive(Debug, Default)]
struct Para {
    accepted: String,
    rejected: String,
    /// After the cover: at or after the bookmark that starts the redlined text.
    text: bool,
    style: Option<String>,
}

fn paragraphs(xml: &str) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let (mut ins, mut del, mut in_t, mut in_del_text, mut text) = (0, 0, false, false, false);
    let push = |paras: &mut Vec<Para>, s: &str, ins: i32, del: i32, in_t: bool, in_del_text: bool| {
        let p = paras.last_mut().expect("text inside a paragraph");
        if in_t && del == 0 {
            p.accepted.push_str(s);
        }
        if (in_t && ins == 0) || in_del_text {
            p.rejected.push_str(s);
        }
    };
    for e in events(xml) {
        match e {
            Event::Start(s) => match s.name().as_ref() {
                "w:p" => paras.push(Para { text, ..Para::default() }),
                "w:ins" => ins += 1,
                "w:del" => del += 1,
                "w:t" => in_t = true,
                "w:delText" => in_del_text = true,
                _ => {}
            },
            Event::End(s) => match s.name().as_ref() {
                "w:ins" => ins -= 1,
                "w:del" => del -= 1,
                "w:t" => in_t = false,
                "w:delText" => in_del_text = false,
                _ => {}
            },
            Event::Empty(s) => match s.name().as_ref() {
                "w:p" => paras.push(Para { text, ..Para::default() }),
                "w:bookmarkStart" if attr(&s, "w:name").as_deref() == Some(TEXT_BOOKMARK) => {
                    text = true;
                    paras.last_mut().expect("bookmark in a paragraph").text = true;
                }
                "w:pStyle" => paras.last_mut().expect("style in a paragraph").style = attr(&s, "w:val"),
                // A tab or break in a deleted run is deleted text; elsewhere it is kept text.
                "w:tab" | "w:br" => {
                    let c = if s.name().as_ref() == "w:tab" { "\t" } else { "\n" };
                    push(&mut paras, c, ins, del, del == 0, del > 0);
                }
                _ => {}
            },
            Event::Text(t) if in_t || in_del_text => {
                push(&mut paras, &t.xml10_content(), ins, del, in_t, in_del_text);
            }
            Event::GeneralRef(r) if in_t || in_del_text => {
                let c = match r.resolve_char_ref().expect("a valid character reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r).expect("a predefined entity").to_string(),
                };
                push(&mut paras, &c, ins, del, in_t, in_del_text);
            }
            _ => {}
        }
    }
    paras
}

/// How many `w:ins` and `w:del` elements a piece of WordprocessingML holds.
fn revisions(xml: &str) -> usize {
    events(xml)
        .iter()
        .filter(|e| matches!(e, Event::Start(s) | Event::Empty(s) if matches!(s.name().as_ref(), "w:ins" | "w:del")))
        .count()
}

fn joined(paras: &[Para], f: impl Fn(&Para) -> &str) -> String {
    paras.iter().filter(|p| p.text).map(f).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n")
}

/// What XML 1.0 cannot hold, and so what the writer drops.
fn without_forbidden(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

/// Checks a redline `.docx` against its model: accept all, reject all, revision attributes, comments.
fn assert_faithful(docx: &[u8], redline: &Redline) {
    let doc = part(docx, "word/document.xml").expect("document.xml");
    let paras = paragraphs(&doc);
    assert!(paras.iter().any(|p| p.text), "no bookmark {TEXT_BOOKMARK}");
    let strip_cr = |s: String| without_forbidden(&s).replace('\r', "");
    assert_eq!(joined(&paras, |p| &p.accepted), strip_cr(redline.accepted()), "accept all");
    assert_eq!(joined(&paras, |p| &p.rejected), strip_cr(redline.rejected()), "reject all");

    // Every revision has an author, a date and an id of its own.
    let mut ids = BTreeSet::new();
    let mut revisions = 0;
    for e in events(&doc) {
        if let Event::Start(s) | Event::Empty(s) = &e {
            if matches!(s.name().as_ref(), "w:ins" | "w:del") {
                revisions += 1;
                assert_eq!(attr(s, "w:author").as_deref(), Some("Reviewer <&> \"R\""), "{s:?}");
                assert_eq!(attr(s, "w:date").as_deref(), Some("2026-11-22T00:00:00Z"), "{s:?}");
                assert!(ids.insert(attr(s, "w:id").expect("w:id")), "duplicate revision id in {s:?}");
            }
        }
    }
    let changed = redline.blocks.iter().flat_map(|b| &b.segments).filter(|s| s.op != Op::Same).count();
    assert!(revisions >= changed.min(1), "{revisions} revisions for {changed} changed segments");

    // One comment per attached finding, each anchored and referenced in the text.
    let attached: Vec<usize> =
        redline.blocks.iter().flat_map(|b| &b.segments).flat_map(|s| s.findings.clone()).collect();
    let comments_xml = part(docx, "word/comments.xml").unwrap_or_default();
    let mut comments: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<String> = None;
    for e in events(&comments_xml) {
        match e {
            Event::Start(s) if s.name().as_ref() == "w:comment" => {
                assert!(
                    attr(&s, "w:author").is_some() && attr(&s, "w:date").is_some() && attr(&s, "w:initials").is_some()
                );
                let id = attr(&s, "w:id").expect("comment id");
                comments.insert(id.clone(), String::new());
                current = Some(id);
            }
            Event::Text(t) => {
                if let Some(id) = &current {
                    comments.get_mut(id).unwrap().push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(id) = &current {
                    let c = quick_xml::escape::resolve_predefined_entity(&r).unwrap_or("?");
                    comments.get_mut(id).unwrap().push_str(c);
                }
            }
            _ => {}
        }
    }
    for &i in &attached {
        let f = &redline.findings[i];
        let head = format!("{} ({}): {}", f.kind.as_str(), f.rule, without_forbidden(f.message.trim()));
        let n = comments.values().filter(|c| c.starts_with(&head)).count();
        assert!(n >= 1, "no comment for finding {i}: {head}\n{comments:#?}");
    }
    let notes = comments.values().filter(|c| c.starts_with("moved ")).count();
    assert_eq!(comments.len(), attached.len() + notes, "{comments:#?}");
    let (mut starts, mut ends, mut refs) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for e in events(&doc) {
        if let Event::Empty(s) = &e {
            let id = attr(s, "w:id");
            match s.name().as_ref() {
                "w:commentRangeStart" => starts.insert(id.unwrap()),
                "w:commentRangeEnd" => ends.insert(id.unwrap()),
                "w:commentReference" => refs.insert(id.unwrap()),
                _ => false,
            };
        }
    }
    let keys: BTreeSet<String> = comments.keys().cloned().collect();
    assert_eq!(refs, keys, "every comment referenced");
    assert_eq!(starts, keys);
    assert_eq!(ends, keys);

    // Every part is well-formed XML with no character XML forbids.
    for name in entry_names(docx) {
        let text = part(docx, &name).unwrap();
        events(&text);
        assert_eq!(
            without_forbidden(&text).replace('\r', ""),
            text.replace('\r', ""),
            "{name} holds a forbidden character"
        );
    }
}

#[test]
fn redline_accepts_to_the_edited_text_and_rejects_to_the_baseline() {
    let redline = redline_of(BASELINE, EDITED, "edited.md");
    let kinds: BTreeSet<&str> = redline.findings.iter().map(|f| f.kind.as_str()).collect();
    for k in ["addition", "modification", "weakening"] {
        assert!(kinds.contains(k), "no {k} finding: {:#?}", redline.findings);
    }
    let moved = redline.blocks.iter().flat_map(|b| &b.segments).any(|s| s.class == mou::redline::Class::Moved);
    assert!(moved, "no move in {:#?}", redline.blocks);

    let docx = redline_docx(&redline, "Reviewer <&> \"R\"", "2026-11-22");
    assert_faithful(&docx, &redline);
    let doc = part(&docx, "word/document.xml").unwrap();
    assert!(doc.contains("<w:del ") && doc.contains("<w:delText") && doc.contains("<w:ins "));

    // The cover: provenance, verdict and one summary row per finding that is not cosmetic.
    let paras = paragraphs(&doc);
    let cover: Vec<&Para> = paras.iter().filter(|p| !p.text).collect();
    assert_eq!(cover[0].accepted, "Redline");
    let cover_text: String = cover.iter().map(|p| p.accepted.as_str()).collect::<Vec<_>>().join("\n");
    for needle in [
        format!("Baseline SHA-256: {}", redline.provenance.baseline_sha256),
        format!("Edited file SHA-256: {}", redline.provenance.edited_sha256),
        "Verdict: weakens-required-provisions".to_string(),
        "Tool: mou ".to_string(),
        "Date: 2026-01-15".to_string(),
    ] {
        assert!(cover_text.contains(&needle), "{needle} not in the cover:\n{cover_text}");
    }
    let table = doc.split("<w:tbl>").nth(1).expect("a summary table").split("</w:tbl>").next().unwrap();
    assert_eq!(table.matches("<w:tr>").count(), 1 + redline.summary().len());
    assert_eq!(revisions(table), 0, "the cover is not tracked");

    // Headings keep heading styles; the text starts on its own page.
    let text: Vec<&Para> = paras.iter().filter(|p| p.text).collect();
    assert_eq!(text[0].style.as_deref(), Some("Title"));
    assert!(text.iter().any(|p| p.style.as_deref() == Some("Heading2") && p.accepted == "4. Referrals"));
    assert!(doc.contains("<w:pageBreakBefore/>"));
    // Further edits in Word are tracked too.
    assert!(part(&docx, "word/settings.xml").unwrap().contains("<w:trackRevisions/>"));

    // The same redline gives the same bytes.
    assert_eq!(docx, redline_docx(&redline, "Reviewer <&> \"R\"", "2026-11-22"));
}

#[test]
fn hostile_text_comes_out_literally_in_valid_xml() {
    let edited = EDITED
        .replace(
            "4.4 The Parties will hold a joint community forum once a year.",
            "4.4 The Parties &lt;script&gt;alert(1)&lt;/script&gt; agree {++ not ++} to `<b>` ]]> \u{1}x\u{B}y\u{1F}z & \"q\" 'a'.",
        )
        .replace("fax or secure", "fax]]>{--or--} secure\u{1}");
    let redline = redline_of(BASELINE, &edited, "edits<&>\u{1}.md");
    let docx = redline_docx(&redline, "Reviewer <&> \"R\"", "2026-11-22");
    assert_faithful(&docx, &redline);
    let doc = part(&docx, "word/document.xml").unwrap();
    let paras = paragraphs(&doc);
    let accepted = joined(&paras, |p| &p.accepted);
    for needle in ["<script>alert(1)</script>", "{++ not ++}", "<b>", "]]>", "xyz", "& \"q\" 'a'", "{--or--}"] {
        assert!(accepted.contains(needle), "{needle:?} not in {accepted}");
    }
    assert!(!doc.contains("<script>") && !doc.contains("<b>"), "markup leaked into document.xml");
    let core = part(&docx, "docProps/core.xml").unwrap();
    assert!(core.contains("edits&lt;&amp;&gt;.md"), "{core}");
}

fn example_draft() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let renderer = mou::render::Renderer::new(&mou::render::TemplateSource::Bundled).unwrap();
    let party = mou::party::Party::load(&root.join("fixtures/example/party.toml"), None, renderer.catalog()).unwrap();
    renderer.render_draft(&party, "party.toml").unwrap()
}

#[test]
fn draft_is_an_editable_styled_document() {
    let md = example_draft();
    let props = DocProps::from_markdown(&md);
    assert_eq!(props.title, "Memorandum of Understanding");
    assert_eq!(props.parties.len(), 4, "{props:?}");
    let docx = draft_docx(&md, &props);
    assert_eq!(docx, draft_docx(&md, &props), "the same draft gives the same bytes");

    let doc = part(&docx, "word/document.xml").unwrap();
    events(&doc);
    assert_eq!(revisions(&doc), 0, "a draft has no tracked changes");
    let paras = paragraphs(&doc);
    let styled =
        |style: &str, text: &str| paras.iter().any(|p| p.style.as_deref() == Some(style) && p.accepted == text);
    assert!(styled("Title", "Memorandum of Understanding"));
    assert!(styled("Heading2", "1. Parties and Recitals"));
    assert!(styled("Heading2", "Signatures"));
    assert!(paras.iter().any(|p| p.style.is_none() && p.accepted.starts_with("1.1 This Memorandum of Understanding")));
    assert!(paras.iter().any(|p| p.accepted.starts_with("14.10 Filing and posting.")));
    // Emphasis becomes bold runs.
    assert!(doc.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Filing and posting.</w:t>"));
    // "(a)" items are indented paragraphs; plain items would be a numbered Word list.
    assert!(styled("ListLabel", "(a) Harbor Coast Health Plan (\"Harbor Coast\");"));
    assert!(part(&docx, "word/numbering.xml").is_some());

    // The signature blocks: one table, a row per signatory, each with its name, a By/Date line and a name line.
    let signatures = doc.split("<w:tbl>").nth(1).expect("a signature table").split("</w:tbl>").next().unwrap();
    assert_eq!(signatures.matches("<w:tr>").count(), 4);
    // Named, so that a reader can tell the signature table from the MOU's own tables.
    assert!(signatures.contains("<w:tblStyle w:val=\"SignatureTable\"/>"));
    assert!(signatures.contains("<w:tblCaption w:val=\"Signatures\"/>"));
    let rows = paragraphs(signatures);
    let names: Vec<&str> = props.parties.iter().map(String::as_str).collect();
    for name in &names {
        assert!(rows.iter().any(|p| p.accepted == *name), "{name} not in the signature table");
    }
    assert_eq!(rows.iter().filter(|p| p.accepted.starts_with("By: ")).count(), 4);
    assert_eq!(rows.iter().filter(|p| p.accepted.starts_with("Name and title: ")).count(), 4);

    // Properties: title, parties, creator, the front matter; no clock time.
    let core = part(&docx, "docProps/core.xml").unwrap();
    assert!(core.contains("<dc:title>Memorandum of Understanding</dc:title>"));
    assert!(core.contains("<dc:creator>mou</dc:creator>"));
    assert!(core.contains("Harbor Coast Health Plan; Valley Family Health Plan"));
    assert!(!core.contains("dcterms:created"));
    let custom = part(&docx, "docProps/custom.xml").unwrap();
    assert!(custom.contains("name=\"mou.templates\"><vt:lpwstr>[smhs@1.0.0, dmc-ods@1.0.0]</vt:lpwstr>"), "{custom}");
    for name in entry_names(&docx) {
        events(&part(&docx, &name).unwrap());
    }
}

#[test]
fn draft_exhibits_follow_the_signature_table() {
    let md = "# MOU\n\n## 1. Terms\n\n1.1 MCP must act.\n\n1. first\n2. second\n\n## Signatures\n\n**A Plan**\n\nBy: ___ Date: ___\n\nName and title: X, CEO\n\n## Exhibit F. California Children's Services\n\nF.1 MCP must *coordinate* care.\n";
    let docx = draft_docx(md, &DocProps::from_markdown(md));
    let doc = part(&docx, "word/document.xml").unwrap();
    let (before, after) = doc.split_once("</w:tbl>").expect("a signature table");
    assert!(before.contains("A Plan"));
    let rest = paragraphs(after.split("<w:sectPr>").next().unwrap());
    assert!(rest.iter().any(|p| p.style.as_deref() == Some("Heading2") && p.accepted.starts_with("Exhibit F.")));
    assert!(rest.iter().any(|p| p.accepted == "F.1 MCP must coordinate care."));
    // An ordered list is a numbered Word list that starts where the Markdown's did.
    assert!(doc.contains("<w:numId w:val=\"2\"/>"));
    assert!(part(&docx, "word/numbering.xml").unwrap().contains("<w:startOverride w:val=\"1\"/>"));
}

/// The `(type, target)` of every relationship in a relationships part, the type without its namespace.
fn relationships(rels: &str) -> Vec<(String, String)> {
    events(rels)
        .iter()
        .filter_map(|e| match e {
            Event::Empty(s) | Event::Start(s) if s.name().as_ref() == "Relationship" => {
                let kind = attr(s, "Type")?;
                Some((kind.rsplit('/').next()?.to_string(), attr(s, "Target")?))
            }
            _ => None,
        })
        .collect()
}

/// Every part the main document of a Word file needs, by the Open XML rules validators check: styles, settings,
/// the font table and the theme, each related from the document, present, and given a content type; and every
/// font the styles name is in the font table.
fn assert_complete_package(docx: &[u8]) {
    let entries = entry_names(docx);
    let rels = relationships(&part(docx, "word/_rels/document.xml.rels").expect("document relationships"));
    for kind in ["styles", "settings", "fontTable", "theme", "numbering", "footer"] {
        assert!(rels.iter().any(|(k, _)| k == kind), "no {kind} relationship in {rels:?}");
    }
    let types = part(docx, "[Content_Types].xml").unwrap();
    for (kind, target) in &rels {
        let name = format!("word/{target}");
        assert!(entries.contains(&name), "the {kind} relationship points at {name}, which is missing");
        assert!(types.contains(&format!("PartName=\"/{name}\"")), "{name} has no content type");
    }
    let theme = part(docx, "word/theme/theme1.xml").unwrap();
    events(&theme);
    for element in ["a:clrScheme", "a:majorFont", "a:minorFont", "a:fillStyleLst", "a:effectStyleLst"] {
        assert!(theme.contains(&format!("<{element}")), "the theme has no {element}");
    }
    let fonts = part(docx, "word/fontTable.xml").unwrap();
    let listed: BTreeSet<String> = events(&fonts)
        .iter()
        .filter_map(|e| match e {
            Event::Start(s) if s.name().as_ref() == "w:font" => attr(s, "w:name"),
            _ => None,
        })
        .collect();
    let styles = part(docx, "word/styles.xml").unwrap();
    let named: BTreeSet<String> = events(&styles)
        .iter()
        .filter_map(|e| match e {
            Event::Empty(s) if s.name().as_ref() == "w:rFonts" => attr(s, "w:ascii"),
            _ => None,
        })
        .collect();
    assert!(!named.is_empty());
    assert!(named.is_subset(&listed), "fonts {named:?} named in the styles, {listed:?} in the font table");
}

#[test]
fn draft_and_redline_have_every_part_a_validator_requires() {
    let md = example_draft();
    assert_complete_package(&draft_docx(&md, &DocProps::from_markdown(&md)));
    let redline = redline_of(BASELINE, EDITED, "edited.md");
    assert_complete_package(&redline_docx(&redline, "mou", "2026-11-22"));
}

/// The draft and the redline pass an Open XML validator (`scripts/validate-docx.sh`, which runs `openxml-audit`
/// in strict mode), when one is installed.
#[test]
fn an_open_xml_validator_accepts_the_draft_and_the_redline() {
    let dir = tempfile::tempdir().unwrap();
    let md = example_draft();
    let draft = dir.path().join("draft.docx");
    std::fs::write(&draft, draft_docx(&md, &DocProps::from_markdown(&md))).unwrap();
    let redline = dir.path().join("redline.docx");
    std::fs::write(&redline, redline_docx(&redline_of(BASELINE, EDITED, "edited.md"), "mou", "2026-11-22")).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/validate-docx.sh");
    let out = std::process::Command::new("bash").arg(script).arg(&draft).arg(&redline).output().unwrap();
    if out.status.code() == Some(3) {
        eprintln!("skipped: no Open XML validator installed (scripts/validate-docx.sh --install)");
        return;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.matches(": valid").count(), 2, "{text}");
}

/// Whether a program is on `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The text of a `.docx` as LibreOffice prints it, through `scripts/docx-to-pdf.sh`, whitespace collapsed.
fn pdf_text(docx: &Path) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/docx-to-pdf.sh");
    let out = std::process::Command::new("bash").arg(script).arg(docx).output().expect("run docx-to-pdf.sh");
    assert!(out.status.success(), "docx-to-pdf.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// LibreOffice opens both documents and prints what a reader should see: a redline's inserted and deleted
/// wording, a draft's headings and clause numbers.
#[test]
fn libreoffice_prints_the_redline_and_the_draft() {
    for tool in ["soffice", "pdftotext"] {
        if !on_path(tool) {
            eprintln!("skipped: {} not installed", if tool == "soffice" { "LibreOffice" } else { "pdftotext" });
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    // 4.3 deleted outright, so that a whole deleted provision must print (struck through).
    let edited =
        EDITED.replace("4.3 MCP must designate a Liaison for referrals and tell County the Liaison's name.\n\n", "");
    let redline = redline_of(BASELINE, &edited, "edited.md");
    assert!(redline.rejected().contains("tell County the Liaison's name") && !redline.accepted().contains("Liaison"));
    let redline_path = dir.path().join("redline.docx");
    std::fs::write(&redline_path, redline_docx(&redline, "mou", "2026-11-22")).unwrap();
    let md = example_draft();
    let draft_path = dir.path().join("draft.docx");
    std::fs::write(&draft_path, draft_docx(&md, &DocProps::from_markdown(&md))).unwrap();

    // Two conversions at once: each runs its own LibreOffice with its own profile.
    let draft_job = std::thread::spawn(move || pdf_text(&draft_path));
    let redline_text = pdf_text(&redline_path);
    let draft_text = draft_job.join().unwrap();

    let inserted = ["4.4 The Parties will hold a joint community forum once a year.", "fax", "should"];
    let deleted = ["4.3 MCP must designate a Liaison for referrals and tell County the Liaison's name.", "must"];
    for needle in ["Redline", "Verdict: weakens-required-provisions"].iter().chain(&inserted).chain(&deleted) {
        assert!(redline_text.contains(needle), "{needle:?} not in the printed redline:\n{redline_text}");
    }
    for needle in [
        "Memorandum of Understanding",
        "1. Parties and Recitals",
        "1.1 This Memorandum of Understanding",
        "14.10 Filing and posting.",
        "Signatures",
        "Name and title: Morgan Reyes, Chief Executive Officer",
    ] {
        assert!(draft_text.contains(needle), "{needle:?} not in the printed draft:\n{draft_text}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 32, ..proptest::prelude::ProptestConfig::default() })]

    /// Whatever the edited text holds (markup, Markdown syntax, control characters, characters XML forbids), the
    /// Word redline is valid XML and accepts and rejects exactly.
    #[test]
    fn any_edit_gives_a_faithful_valid_redline(
        edit in "[a-zA-Z0-9 <>&\"'{}+*_#|.,()\\[\\]\\-\t\u{1}\u{b}\u{1f}\u{fffe}\u{a0}é]{0,80}",
        at in 0usize..4,
    ) {
        let targets = [
            "4.1 MCP must accept referrals from County by telephone, fax or secure email.",
            "4.3 MCP must designate a Liaison for referrals and tell County the Liaison's name.",
            "5.1 MCP must train its Member Services staff on this MOU every year.",
            "- (b) Valley Family Health Plan.",
        ];
        let edited = EDITED.replace(targets[at], &format!("{} {edit}", &targets[at][..4]));
        let redline = redline_of(BASELINE, &edited, "edited.md");
        let docx = redline_docx(&redline, "Reviewer <&> \"R\"", "2026-11-22");
        assert_faithful(&docx, &redline);
    }
}

/// The visible text of pandoc's JSON inlines.
fn pandoc_inlines(inlines: &serde_json::Value, out: &mut String) {
    for i in inlines.as_array().into_iter().flatten() {
        let c = &i["c"];
        match i["t"].as_str().unwrap_or_default() {
            "Str" => out.push_str(c.as_str().unwrap_or_default()),
            "Space" | "SoftBreak" => out.push(' '),
            "LineBreak" => out.push('\n'),
            "Emph" | "Strong" | "Underline" | "Strikeout" | "Superscript" | "Subscript" | "SmallCaps" => {
                pandoc_inlines(c, out);
            }
            "Span" | "Link" | "Quoted" => pandoc_inlines(&c[1], out),
            "Code" => out.push_str(c[1].as_str().unwrap_or_default()),
            _ => {}
        }
    }
}

/// The paragraphs of pandoc's JSON blocks, in order.
fn pandoc_blocks(blocks: &serde_json::Value, out: &mut Vec<String>) {
    for b in blocks.as_array().into_iter().flatten() {
        let c = &b["c"];
        match b["t"].as_str().unwrap_or_default() {
            "Para" | "Plain" => {
                let mut t = String::new();
                pandoc_inlines(c, &mut t);
                out.push(t);
            }
            "Header" => {
                let mut t = String::new();
                pandoc_inlines(&c[2], &mut t);
                out.push(t);
            }
            "BulletList" => c.as_array().into_iter().flatten().for_each(|item| pandoc_blocks(item, out)),
            "OrderedList" => c[1].as_array().into_iter().flatten().for_each(|item| pandoc_blocks(item, out)),
            "BlockQuote" => pandoc_blocks(c, out),
            "Div" => pandoc_blocks(&c[1], out),
            _ => {}
        }
    }
}

/// An independent reader agrees: pandoc's own accept-all and reject-all of a redline give the edited text and the
/// baseline (compared with runs of spaces collapsed, as pandoc reads them).
#[test]
fn pandoc_accepts_and_rejects_like_the_model() {
    if !on_path("pandoc") {
        eprintln!("skipped: pandoc not installed");
        return;
    }
    let collapse = |s: &str| -> String {
        s.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n\n")
    };
    let dir = tempfile::tempdir().unwrap();
    let deleted =
        EDITED.replace("4.3 MCP must designate a Liaison for referrals and tell County the Liaison's name.\n\n", "");
    let title_deleted = EDITED.replacen("# Memorandum of Understanding\n\n", "", 1);
    for (k, edited) in [EDITED.to_string(), deleted, title_deleted].iter().enumerate() {
        let redline = redline_of(BASELINE, edited, "edited.md");
        let path = dir.path().join(format!("r{k}.docx"));
        std::fs::write(&path, redline_docx(&redline, "mou", "2026-11-22")).unwrap();
        for (mode, want) in [("accept", redline.accepted()), ("reject", redline.rejected())] {
            let out = std::process::Command::new("pandoc")
                .args([&format!("--track-changes={mode}"), "-t", "json"])
                .arg(&path)
                .output()
                .expect("run pandoc");
            assert!(out.status.success(), "pandoc: {}", String::from_utf8_lossy(&out.stderr));
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("pandoc JSON");
            let blocks = json["blocks"].as_array().expect("blocks");
            // The text starts after the cover's summary table.
            let table = blocks.iter().position(|b| b["t"] == "Table").expect("the cover's table");
            let mut paras = Vec::new();
            pandoc_blocks(&serde_json::Value::Array(blocks[table + 1..].to_vec()), &mut paras);
            let got: Vec<String> = paras.into_iter().filter(|p| !p.trim().is_empty()).collect();
            assert_eq!(collapse(&got.join("\n\n")), collapse(&want), "pandoc --track-changes={mode}, case {k}");
        }
    }
}
