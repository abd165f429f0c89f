//! A Word draft from `mou build`, edited the way a counterparty would edit it, checks to the same verdict and
//! rules as the same edits made to the Markdown draft.

use crate::support::init;
use mou::check::{check, Baseline};
use mou::document::markdown;
use mou::party::Party;
use mou::render::{Renderer, TemplateSource};
use std::io::{Cursor, Read, Write};
use std::path::Path;

fn drafts() -> (String, Vec<u8>) {
    let renderer = Renderer::new(&TemplateSource::Bundled).unwrap();
    let party = Party::parse(&init("ihss"), Path::new("p.toml"), renderer.catalog()).unwrap();
    let md = renderer.render_draft(&party, "p.toml").unwrap();
    let word = mou::word::draft_docx(&md, &mou::word::DocProps::from_markdown(&md));
    (md, word)
}

/// `word/document.xml` of a package, and the package rebuilt with a new one.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

fn with_document_xml(docx: &[u8], xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        if name == "word/document.xml" {
            out.write_all(xml.as_bytes()).unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn findings(base: &str, edited: mou::document::Document) -> (String, Vec<String>) {
    let r = check(&Baseline::from_text("draft.md", base), edited, "edited");
    let mut v: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.kind != mou::rules::Kind::Cosmetic)
        .map(|f| format!("{} {}", f.kind.as_str(), f.rule))
        .collect();
    v.sort();
    (r.verdict.as_str().to_string(), v)
}

/// The text of the first Word paragraph that contains `needle`, as one `w:t`.
fn paragraph_with(xml: &str, needle: &str) -> (usize, usize) {
    let at = xml.find(needle).unwrap_or_else(|| panic!("{needle} not in the Word draft"));
    let start = xml[..at].rfind("<w:p>").or_else(|| xml[..at].rfind("<w:p ")).unwrap();
    let end = at + xml[at..].find("</w:p>").unwrap() + "</w:p>".len();
    (start, end)
}

#[test]
fn word_edits_check_like_the_same_markdown_edits() {
    let (md, word) = drafts();
    let xml = document_xml(&word);
    // The clause the pending tracked change deletes: the first sentence naming the IHSS Liaison's duties.
    let clause_start = md.find("\n\n2.").map(|i| i + 2).unwrap();
    let clause = md[clause_start..].lines().next().unwrap().to_string();
    let clause_body = clause.split_once(' ').unwrap().1.to_string();
    let words_of = |s: &str| s.chars().take(40).collect::<String>();

    // 1. A weakening: the first "MCP must" becomes "MCP may".
    let md1 = md.replacen("MCP must ", "MCP may ", 1);
    let xml1 = xml.replacen("MCP must ", "MCP may ", 1);
    // 2. A permitted addition before the signatures.
    let added = "The Parties will hold one joint community forum each year.";
    let md2 = md.replacen("## Signatures", &format!("{added}\n\n## Signatures"), 1);
    let (sig, _) = paragraph_with(&xml, ">Signatures<");
    let xml2 = format!("{}<w:p><w:r><w:t>{added}</w:t></w:r></w:p>{}", &xml[..sig], &xml[sig..]);
    // 3. A reflow: the clause's text split across two runs in Word, across two lines in Markdown.
    let cut = clause_body.find(' ').unwrap() + 1;
    let md3 = md.replacen(&clause_body, &format!("{}\n{}", &clause_body[..cut - 1], &clause_body[cut..]), 1);
    let piece = words_of(&clause_body);
    let piece_cut = piece.find(' ').unwrap() + 1;
    let xml3 = xml.replacen(
        &piece,
        &format!("{}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{}", &piece[..piece_cut], &piece[piece_cut..]),
        1,
    );
    // 4. A pending tracked deletion of the whole clause (Word), the clause removed (Markdown).
    let md4 = md.replacen(&format!("{clause}\n\n"), "", 1);
    let (ps, pe) = paragraph_with(&xml, &piece);
    let para = &xml[ps..pe];
    let deleted = para
        .replace("<w:r>", "<w:del w:id=\"9001\" w:author=\"County Counsel\" w:date=\"2026-01-15T00:00:00Z\"><w:r>")
        .replace("</w:r>", "</w:r></w:del>")
        .replace("<w:t>", "<w:delText>")
        .replace("<w:t xml:space=\"preserve\">", "<w:delText xml:space=\"preserve\">")
        .replace("</w:t>", "</w:delText>");
    let xml4 = format!("{}{deleted}{}", &xml[..ps], &xml[pe..]);

    let cases = [
        ("weakening", md1, xml1, "weakening modal-downgrade"),
        ("addition", md2, xml2, "addition added-provision"),
        ("reflow", md3, xml3, ""),
        ("tracked deletion", md4, xml4, "weakening provision-deleted"),
    ];
    for (name, md_edit, xml_edit, expected) in cases {
        let want = findings(&md, markdown::parse("edited.md", &md_edit));
        // The Markdown side is the reference; make sure it found what the edit is.
        match expected {
            "" => assert!(want.1.is_empty(), "{name}: {want:?}"),
            rule => assert_eq!(want.1, vec![rule.to_string()], "{name}"),
        }
        let doc = mou::word::parse("edited.docx", &with_document_xml(&word, &xml_edit)).unwrap();
        if name == "tracked deletion" {
            assert!(
                doc.notes.iter().any(|n| n.contains("County Counsel")),
                "{name}: pending revision not reported: {:?}",
                doc.notes
            );
        }
        let got = findings(&md, doc);
        assert_eq!(got, want, "{name}: Word and Markdown disagree");
    }
}

#[test]
fn an_unedited_word_draft_is_attestable_against_its_markdown() {
    let (md, word) = drafts();
    let (verdict, found) = findings(&md, mou::word::parse("draft.docx", &word).unwrap());
    assert_eq!(verdict, "attestable", "{found:?}");
    assert!(found.is_empty(), "{found:?}");
}
