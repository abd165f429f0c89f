//! `mou import` and `mou build` from an imported official template: the Markdown template of
//! `fixtures/official/markdown` (written the way DHCS writes its templates) must give exactly its executed text,
//! and the Word template of `tests/official_docx.rs` must be filled in place, every other byte kept.

use crate::official_docx::official_docx;
use crate::support::{project_dir, Test};
use std::io::{Cursor, Read, Write};
use std::path::Path;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(project_dir().join("fixtures/official/markdown").join(name)).unwrap()
}

/// A scratch folder with the Markdown official text imported as `official` into `house`.
fn markdown_house() -> Test {
    let t = Test::new().file("official.md", fixture("official.md")).file("party.toml", fixture("party.toml"));
    t.run_args(&["import", "official.md", "-o", "house"]).code(0);
    t
}

/// The body of a Markdown draft, after its front matter and the blank line that follows it.
fn body(draft: &str) -> &str {
    let end = draft[4..].find("\n---\n").expect("front matter") + 4 + "\n---\n".len();
    draft[end..].strip_prefix('\n').unwrap_or(&draft[end..])
}

#[test]
fn import_finds_every_fill_in_note_and_optional_provision_and_proposes_keys() {
    let t = Test::new().file("official.md", fixture("official.md"));
    let run = t.run_args(&["import", "official.md", "-o", "house"]);
    run.code(0)
        .stdout_has("fill-ins (33):")
        .stdout_has("[LGA Name]                       other_party.legal_name (name)")
        .stdout_has("[Insert effective date]          effective_date (date)")
        .stdout_has("[Mailing Address]                mcp.notice.address (address)")
        .stdout_has("[Mailing Address]                other_party.notice.address (address)")
        .stdout_has("drafting notes (5)")
        .stdout_has("optional provisions (3)")
        .stdout_has("options.electronic_referrals")
        .stdout_has("could not place (3):")
        .stdout_has("no party-file key: its value goes in [fill] as agreement_number");
    let fill_ins = t.read("house/official/fill-ins.toml");
    let keys: Vec<&str> =
        fill_ins.lines().filter_map(|l| l.strip_prefix("key = \"")).map(|k| k.trim_end_matches('"')).collect();
    assert_eq!(keys.len(), 33);
    // The signature blocks and the contacts table: each generic blank gets the key of where it stands.
    let generic = [
        "mcp.signer.name",
        "mcp.signer.title",
        "other_party.signer.name",
        "other_party.signer.title",
        "mcp.responsible_person.name",
        "mcp.responsible_person.title",
        "mcp.responsible_person.phone",
        "mcp.responsible_person.email",
        "mcp.liaison.name",
        "other_party.responsible_person.email",
        "other_party.liaison.phone",
    ];
    for k in generic {
        assert!(keys.contains(&k), "{k} not proposed:\n{fill_ins}");
    }
    let own: Vec<&&str> = keys.iter().filter(|k| k.starts_with("fill.")).collect();
    assert_eq!(own, [&"fill.agreement_number", &"fill.end_date", &"fill.mcp_website_address"]);
    // The official file is kept byte for byte, its SHA-256 in the catalog.
    assert_eq!(t.read("house/official/official.md"), fixture("official.md"));
    let catalog = t.read("house/catalog.toml");
    let sha = mou::hash::sha256_hex(fixture("official.md").as_bytes());
    assert!(catalog.contains(&format!("sha256 = \"{sha}\"")), "{catalog}");
    // The party file written with it names every key, and reads once its values are given.
    let party = t.read("house/official/party.toml");
    assert!(party.contains("# Fills [Insert agreement number] at 7:"), "{party}");
    assert!(party.contains("[fill]\n# Fills [Insert agreement number]"));
}

#[test]
fn a_draft_of_an_imported_markdown_template_is_its_executed_text() {
    let t = markdown_house();
    t.run_args(&["build", "party.toml", "-o", "draft.md"]).code(0);
    let draft = t.read("draft.md");
    assert_eq!(body(&draft), fixture("executed.md"));
    assert!(draft.contains("templates_dir: \"house\"\n"), "{draft}");
    // The draft finds its baseline, the official text, by itself; and it is what --against finds too.
    // Not even a cosmetic finding: a note cut from inside a paragraph takes its markup with it.
    t.run_args(&["check", "draft.md"])
        .code(0)
        .stdout_has("draft.md: attestable (0 weakening, 0 modification, 0 addition, 0 cosmetic)")
        .stdout_has("official template official");
    t.run_args(&["check", "--against", "house/official/official.md", "draft.md"]).code(0).stdout_has("attestable");
    // HTML has the same text.
    t.run_args(&["build", "party.toml", "-o", "draft.html"]).code(0);
    let html = t.read("draft.html");
    assert!(html.contains("<h2>Exhibit A. Contacts</h2>") && html.contains("<td>Elena Ruiz</td>"), "{html}");
    assert!(!html.contains('['));
}

/// The party file `mou import` writes into the template's folder names the house folder as `..`; filled in where
/// it stands, outside any git work tree, it builds the same draft.
#[test]
fn the_party_file_written_by_import_builds_where_it_stands() {
    let t = markdown_house();
    let party = fixture("party.toml").replace("templates_dir = \"house\"", "templates_dir = \"..\"");
    std::fs::write(t.path("house/official/party.toml"), party).unwrap();
    // The scratch folder is outside git (else this test shows nothing new): its root is the house folder.
    if !t.dir.path().ancestors().any(|d| d.join(".git").exists()) {
        t.run_args(&["build", "house/official/party.toml", "-o", "draft.md"]).code(0);
        assert_eq!(body(&t.read("draft.md")), fixture("executed.md"));
        t.run_args(&["check", "draft.md"]).code(0).stdout_has("draft.md: attestable");
        // A path that climbs out of the house folder is still refused.
        let out = fixture("party.toml").replace("templates_dir = \"house\"", "templates_dir = \"../..\"");
        std::fs::write(t.path("house/official/party.toml"), out).unwrap();
        t.run_args(&["build", "house/official/party.toml", "-o", "draft.md", "--force"])
            .code(2)
            .stderr_has("climbs out of the house templates folder");
    }
}

#[test]
fn an_optional_provision_left_out_goes_with_its_marker() {
    let t = markdown_house();
    let party = fixture("party.toml").replace("shared_office_hours = true", "shared_office_hours = false");
    std::fs::write(t.path("party.toml"), party).unwrap();
    t.run_args(&["build", "party.toml", "-o", "draft.md"]).code(0);
    let draft = t.read("draft.md");
    let expected = fixture("executed.md").replace(
        "3.3 Shared Office Hours. The Parties may agree that LGA staff hold office hours at a clinic in MCP's network at least one (1) day each month.\n\n",
        "",
    );
    assert_eq!(body(&draft), expected);
    t.run_args(&["check", "draft.md"]).code(0).stdout_has("attestable");

    // A provision under an "Optional Provision" heading goes with its heading, whatever character it ends with.
    let official = fixture("official.md").replace(
        "within two (2) Working Days.\n",
        "within two (2) Working Days under the \u{201c}exchange plan.\u{201d}\n",
    );
    let t = Test::new().file("official.md", official).file(
        "party.toml",
        fixture("party.toml").replace("electronic_referrals = true", "electronic_referrals = false"),
    );
    t.run_args(&["import", "official.md", "-o", "house"]).code(0);
    t.run_args(&["build", "party.toml", "-o", "draft.md"]).code(0);
    let expected = fixture("executed.md").replace(
        "4.2 Electronic Referrals. The Parties may send referrals through a health information exchange. If they do, MCP must post the status of each referral there within two (2) Working Days.\n\n",
        "",
    );
    assert_eq!(body(&t.read("draft.md")), expected);
}

#[test]
fn importing_the_same_file_twice_gives_the_same_folder() {
    let t = Test::new().file("official.md", fixture("official.md"));
    t.run_args(&["import", "official.md", "-o", "one"]).code(0);
    t.run_args(&["import", "official.md", "-o", "two"]).code(0);
    let files = ["catalog.toml", "official/official.md", "official/fill-ins.toml", "official/party.toml"];
    let read = |dir: &str| files.map(|f| std::fs::read(t.path(&format!("{dir}/{f}"))).unwrap());
    let first = read("one");
    assert_eq!(first, read("two"));
    // Again into the same folder: refused, then with --force the same bytes.
    t.run_args(&["import", "official.md", "-o", "one"]).code(2).stderr_has("already imported").stderr_has("--force");
    t.run_args(&["import", "official.md", "-o", "one", "--force"]).code(0);
    assert_eq!(first, read("one"));
    let entries = std::fs::read_dir(t.path("one")).unwrap().count();
    assert_eq!(entries, 2, "catalog.toml and official/, and no temporary file");
}

#[test]
fn several_official_files_share_one_folder() {
    let t = Test::new().file("official.md", fixture("official.md")).file("word.docx", official_docx());
    t.run_args(&["import", "official.md", "word.docx", "-o", "house"]).code(0);
    // A third file later joins them; each keeps its own entry.
    let again = fixture("official.md").replace("County-Based", "City-Based");
    std::fs::write(t.path("city.md"), again).unwrap();
    t.run_args(&["import", "city.md", "-o", "house", "--id", "city-tcm"]).code(0);
    let catalog = mou::catalog::Catalog::parse(&t.read("house/catalog.toml"), Path::new("catalog.toml")).unwrap();
    let ids: Vec<&str> = catalog.templates().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["official", "word", "city-tcm"]);
    assert!(t.path("house/word/official.docx").is_file() && t.path("house/city-tcm/fill-ins.toml").is_file());
}

#[test]
fn an_unmapped_fill_in_is_an_error_naming_it_and_where_it_is() {
    let t = markdown_house();
    let fill_ins = t.read("house/official/fill-ins.toml").replace("key = \"fill.agreement_number\"", "key = \"\"");
    std::fs::write(t.path("house/official/fill-ins.toml"), fill_ins).unwrap();
    let run = t.run_args(&["build", "party.toml", "-o", "draft.md"]);
    run.code(2)
        .stderr_has("1 fill-in of template `official` would be left blank")
        .stderr_has("[Insert agreement number] at house/official/official.md:7:")
        .stderr_has("has no key");
    assert!(!t.path("draft.md").exists(), "no draft is written with a blank in it");
    // A key the party file does not have is refused where it is written.
    let fill_ins =
        t.read("house/official/fill-ins.toml").replace("key = \"mcp.signer.title\"", "key = \"mcp.signer.titel\"");
    std::fs::write(t.path("house/official/fill-ins.toml"), fill_ins).unwrap();
    t.run_args(&["build", "party.toml", "-o", "draft.md"])
        .code(2)
        .stderr_has("fill-ins.toml:")
        .stderr_has("did you mean `mcp.signer.title`?");
}

#[test]
fn an_empty_or_missing_value_is_an_error_naming_every_fill_in_it_leaves_blank() {
    let t = markdown_house();
    let party = fixture("party.toml")
        .replace("legal_name = \"Lassen County Health and Social Services\"", "legal_name = \"  \"")
        .replace("end_date = 2028-06-30\n", "");
    std::fs::write(t.path("party.toml"), party).unwrap();
    let run = t.run_args(&["build", "party.toml", "-o", "draft.md"]);
    run.code(2)
        .stderr_has("4 fill-ins of template `official` would be left blank")
        .stderr_has("[LGA Name] at house/official/official.md:1:")
        .stderr_has("takes other_party.legal_name, which is empty in party.toml")
        .stderr_has("[Insert end date] at house/official/official.md:")
        .stderr_has("takes [fill] end_date, which is not given");
    assert!(!t.path("draft.md").exists());
    // A misspelt [fill] name: the fill-in it should fill is named, with the name the party file has.
    let party = fixture("party.toml").replace("agreement_number =", "agreement_numbr =");
    std::fs::write(t.path("party.toml"), party).unwrap();
    t.run_args(&["build", "party.toml", "-o", "draft.md"])
        .code(2)
        .stderr_has("[Insert agreement number] at house/official/official.md:7:")
        .stderr_has(
            "takes [fill] agreement_number, which is not given in party.toml (its [fill] has `agreement_numbr`)",
        );
    // A [fill] value that fills nothing is named where it is.
    let party = fixture("party.toml").replace("[fill]\n", "[fill]\nsigning_city = \"Susanville\"\n");
    std::fs::write(t.path("party.toml"), party).unwrap();
    t.run_args(&["build", "party.toml", "-o", "draft.md"])
        .code(2)
        .stderr_has("party.toml:62:16: `signing_city` in [fill] fills no fill-in of template `official`")
        .stderr_has("the template's [fill] names are: agreement_number, end_date, mcp_website_address");
}

/// A value full of markup of every kind the drafts are written in.
const HOSTILE: &str = "</w:t></w:r><w:r><w:t>x</w:t> **bold** [link](http://x) <script>alert(1)</script> &amp; {{ y }} # h | c\nsecond\u{1}\u{7f}\u{85} ]]>";

#[test]
fn a_value_full_of_markup_is_written_as_the_text_it_is() {
    let expected = "</w:t></w:r><w:r><w:t>x</w:t> **bold** [link](http://x) <script>alert(1)</script> &amp; {{ y }} # h | c second ]]>";
    let party = fixture("party.toml")
        .replace("name = \"Walter Cho\"", &format!("name = {}", mou::import::fill_ins::quote(HOSTILE)));
    // Markdown: the value reads back as its text, in its own paragraph ("Name: ..."), nothing made of it.
    let t = markdown_house();
    std::fs::write(t.path("party.toml"), &party).unwrap();
    t.run_args(&["build", "party.toml", "-o", "draft.md"]).code(0);
    let doc = mou::document::markdown::parse("draft.md", t.read("draft.md"));
    let names: Vec<&str> = doc.blocks.iter().filter_map(|b| b.text.strip_prefix("Name: ")).collect();
    assert_eq!(names, ["Grace Lindqvist", expected.trim()]);
    // Word: the file reads, and the value is one run of text in its paragraph.
    let t = word_house();
    let party_w =
        word_party().replace("name = \"Lee Ortiz\"", &format!("name = {}", mou::import::fill_ins::quote(HOSTILE)));
    std::fs::write(t.path("party.toml"), party_w).unwrap();
    t.run_args(&["build", "party.toml", "-o", "draft.docx"]).code(0);
    let draft = std::fs::read(t.path("draft.docx")).unwrap();
    let doc = mou::word::parse("draft.docx", &draft).unwrap();
    let names: Vec<&str> = doc.blocks.iter().filter_map(|b| b.text.strip_prefix("Name: ")).collect();
    assert_eq!(names[1], expected, "the Word draft reads the value as text");
    let xml = part(&draft, "word/document.xml");
    assert!(xml.contains("&lt;/w:t&gt;&lt;/w:r&gt;"), "escaped");
    assert!(xml.contains("<w:br/><w:t xml:space=\"preserve\">second"), "the line break kept as a break");
}

// --- Word ---------------------------------------------------------------------------------------------------

/// The party file of the Word template.
fn word_party() -> String {
    "templates = [\"word\"]\ntemplates_dir = \"house\"\ncounty = \"Plumas\"\neffective_date = 2025-01-01\n\n\
     [[mcp]]\nlegal_name = \"Harbor & Pine Health Plan\"\nshort_name = \"\"\n\
     [mcp.responsible_person]\nname = \"\"\ntitle = \"\"\nemail = \"\"\nphone = \"\"\n\
     [mcp.liaison]\nname = \"Ana Souza\"\ntitle = \"\"\nemail = \"asouza@harborpine.example\"\nphone = \"\"\n\
     [mcp.notice]\nattention = \"\"\naddress = \"9 Quincy Lane, Quincy, CA 95971\"\nemail = \"\"\n\
     [mcp.signer]\nname = \"Jun Park\"\ntitle = \"Chief Executive Officer\"\n\n\
     [other_party]\nlegal_name = \"Plumas County Public Health Agency\"\n\
     [other_party.responsible_person]\nname = \"\"\ntitle = \"\"\nemail = \"\"\nphone = \"\"\n\
     [other_party.liaison]\nname = \"Dev Patel\"\ntitle = \"\"\nemail = \"dpatel@plumas.example\"\nphone = \"\"\n\
     [other_party.notice]\nattention = \"\"\naddress = \"270 County Hospital Road, Quincy, CA 95971\"\nemail = \"\"\n\
     [other_party.signer]\nname = \"Lee Ortiz\"\ntitle = \"Director\"\n\n\
     [options]\nshared_training = false\n"
        .to_string()
}

/// A scratch folder with the Word template imported as `word` into `house`, and its party file.
fn word_house() -> Test {
    let t = Test::new().file("official.docx", official_docx()).file("party.toml", word_party());
    t.run_args(&["import", "official.docx", "-o", "house", "--id", "word"])
        .code(0)
        .stdout_has("could not place: nothing");
    t
}

/// A part of a package, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// An entry as stored: name, method, date, checksum and compressed bytes.
type Stored = (String, zip::CompressionMethod, Option<zip::DateTime>, u32, Vec<u8>);

/// Each entry as stored.
fn stored(docx: &[u8]) -> Vec<Stored> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index_raw(i).unwrap();
            let mut raw = Vec::new();
            e.read_to_end(&mut raw).unwrap();
            (e.name().unwrap().to_string(), e.compression(), e.last_modified(), e.crc32(), raw)
        })
        .collect()
}

/// The elements of an XML text with this start, in order, whole.
fn elements<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = xml[at..].find(open).map(|i| at + i) {
        let next = xml.as_bytes().get(i + open.len());
        if !matches!(next, Some(b'>' | b' ' | b'/')) {
            at = i + open.len();
            continue;
        }
        let end = xml[i..].find(close).map_or(xml.len(), |e| i + e + close.len());
        out.push(&xml[i..end]);
        at = end;
    }
    out
}

#[test]
fn an_imported_word_template_is_filled_in_place() {
    let t = word_house();
    t.run_args(&["build", "party.toml", "--format", "docx", "-o", "draft.docx"]).code(0);
    let official = official_docx();
    let draft = std::fs::read(t.path("draft.docx")).unwrap();

    // Every entry but the body, the custom properties and the two parts that declare them is stored as it was:
    // styles, numbering, header, footer, image, settings, properties.
    let changed = ["word/document.xml", "[Content_Types].xml", "_rels/.rels"];
    let (before, after) = (stored(&official), stored(&draft));
    assert_eq!(after.len(), before.len() + 1);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.0, a.0, "entries keep their order");
        if !changed.contains(&b.0.as_str()) {
            assert!(b == a, "{} was copied as stored", b.0);
        }
    }
    assert_eq!(after.last().unwrap().0, "docProps/custom.xml");
    // The two declaring parts gain one entry each, and nothing else.
    let types = part(&draft, "[Content_Types].xml");
    let declared = "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>";
    assert_eq!(types.replace(declared, ""), part(&official, "[Content_Types].xml"));
    let rels = part(&draft, "_rels/.rels");
    let related = "<Relationship Id=\"rIdMou1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"/docProps/custom.xml\"/>";
    assert_eq!(rels.replace(related, ""), part(&official, "_rels/.rels"));

    // In the body, every run that held no fill-in, note or left-out provision is there as it was, in order, and
    // so are the paragraphs' properties (section break included) and the table's.
    let (ox, dx) = (part(&official, "word/document.xml"), part(&draft, "word/document.xml"));
    let text_of = |run: &str| elements(run, "<w:t", "</w:t>").concat();
    // The paragraphs the draft leaves out: a note standing alone, and the optional provision the party file
    // leaves out.
    let removed = |p: &str| p.contains("[Optional:") || p.contains("[Note to");
    let kept_runs: Vec<&str> = elements(&ox, "<w:p", "</w:p>")
        .into_iter()
        .filter(|p| !removed(p))
        .flat_map(|p| elements(p, "<w:r", "</w:r>"))
        // The fill-ins are highlighted, in every run that holds a part of one.
        .filter(|r| !text_of(r).contains(['[', ']']) && !r.contains("<w:highlight"))
        .collect();
    assert!(kept_runs.len() > 30);
    let mut rest = dx.as_str();
    for r in &kept_runs {
        let i = rest.find(r).unwrap_or_else(|| panic!("run {r} is not kept in order"));
        rest = &rest[i + r.len()..];
    }
    let props = |xml: &str| -> Vec<String> {
        elements(xml, "<w:p", "</w:p>")
            .into_iter()
            .filter(|p| !removed(p))
            .map(|p| elements(p, "<w:pPr", "</w:pPr>").concat())
            .collect()
    };
    assert_eq!(props(&dx), props(&ox), "paragraph properties");
    assert_eq!(elements(&dx, "<w:sectPr", "</w:sectPr>"), elements(&ox, "<w:sectPr", "</w:sectPr>"));
    assert_eq!(elements(&dx, "<w:tblPr", "</w:tblPr>"), elements(&ox, "<w:tblPr", "</w:tblPr>"));

    // What the draft says: no blank, no note, the provision left out gone, the values in place.
    let doc = mou::word::parse("draft.docx", &draft).unwrap();
    let texts: Vec<&str> = doc.blocks.iter().map(|b| &*b.text).collect();
    assert!(texts.iter().all(|t| !t.contains(['[', ']'])), "{texts:#?}");
    assert!(texts.iter().all(|t| !t.contains("Note to the Parties") && !t.contains("Shared Training")));
    assert_eq!(
        texts[0],
        "Memorandum of Understanding between Harbor & Pine Health Plan and Plumas County Public Health Agency"
    );
    assert!(texts.contains(&"1.1 This Memorandum of Understanding (\u{201c}MOU\u{201d}) is made by Harbor & Pine Health Plan, a Medi-Cal managed care plan (\u{201c}MCP\u{201d}), and Plumas County Public Health Agency (\u{201c}County\u{201d}), for Members who live in Plumas County. It takes effect on January 1, 2025."));
    // The inline note goes with its run; the spaces on either side are in runs of their own, which stay.
    assert!(texts.contains(&"1.2 MCP must name a Liaison for this MOU.  MCP must tell County of a new Liaison within five (5) Working Days."));
    assert!(texts.contains(&"3.1 Notices under this MOU go in writing to MCP at 9 Quincy Lane, Quincy, CA 95971 and to County at 270 County Hospital Road, Quincy, CA 95971."));
    assert!(texts.contains(&"County Liaison | Dev Patel | dpatel@plumas.example"));
    // A value keeps its first run's formatting (bold, for "[Insert "), without the highlight that marked the blank.
    let date = elements(&dx, "<w:r", "</w:r>").into_iter().find(|r| r.contains("January 1, 2025")).unwrap();
    assert!(date.contains("<w:b/>") && !date.contains("highlight"), "{date}");
    let signer = elements(&dx, "<w:r", "</w:r>").into_iter().find(|r| r.contains(">Harbor &amp; Pine")).unwrap();
    assert!(!signer.contains("highlight"), "{signer}");

    // The draft names its baseline: `mou check` needs no flag, and finds the draft as --against does.
    t.run_args(&["check", "draft.docx"])
        .code(0)
        .stdout_has("draft.docx: attestable")
        .stdout_has("official template word");
    t.run_args(&["check", "--against", "official.docx", "draft.docx"]).code(0).stdout_has("attestable");

    // A weakening typed into the draft's XML is found.
    let weakened = dx.replacen("must respond to each referral", "may respond to each referral", 1);
    assert_ne!(weakened, dx);
    std::fs::write(t.path("weakened.docx"), replace_part(&draft, "word/document.xml", &weakened)).unwrap();
    t.run_args(&["check", "weakened.docx"])
        .code(1)
        .stdout_has("modal-downgrade")
        .stdout_has("weakens required provisions");

    // Building again gives the same bytes; Markdown and HTML give the same text.
    t.run_args(&["build", "party.toml", "--format", "docx", "-o", "draft.docx", "--force"]).code(0);
    assert!(std::fs::read(t.path("draft.docx")).unwrap() == draft);
    t.run_args(&["build", "party.toml", "-o", "draft.md"]).code(0);
    let md = mou::document::markdown::parse("draft.md", t.read("draft.md"));
    let md_texts: Vec<&str> = md.blocks.iter().map(|b| &*b.text).collect();
    assert_eq!(md_texts, texts);
    t.run_args(&["check", "draft.md"]).code(0).stdout_has("attestable");
}

/// A package with one part replaced, every other entry copied.
fn replace_part(docx: &[u8], name: &str, text: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let n = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.start_file(n.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(if n == name { text.as_bytes() } else { &bytes }).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Whether a program is on `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The number of pages LibreOffice prints a Word file on.
fn pages(docx: &Path) -> usize {
    let out_dir = docx.parent().unwrap().join(format!("pdf-{}", docx.file_stem().unwrap().to_string_lossy()));
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--norestore"])
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(&out_dir)
        .arg(docx)
        .output()
        .expect("run soffice");
    let pdf = out_dir.join(format!("{}.pdf", docx.file_stem().unwrap().to_string_lossy()));
    assert!(
        pdf.is_file(),
        "LibreOffice did not convert {}: {}",
        docx.display(),
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("run pdftotext");
    String::from_utf8_lossy(&text.stdout).matches('\u{c}').count()
}

#[test]
fn libreoffice_prints_the_filled_template_on_as_many_pages_as_the_official_one() {
    for tool in ["soffice", "pdftotext"] {
        if !on_path(tool) {
            eprintln!("skipped: {} not installed", if tool == "soffice" { "LibreOffice" } else { "pdftotext" });
            return;
        }
    }
    let t = word_house();
    t.run_args(&["build", "party.toml", "-o", "draft.docx"]).code(0);
    let draft = t.path("draft.docx");
    let job = std::thread::spawn(move || pages(&draft));
    let official = pages(&t.path("official.docx"));
    assert_eq!(official, 2, "the section break starts a second page");
    assert_eq!(job.join().unwrap(), official);
}

#[test]
fn a_word_draft_from_the_bundled_templates_finds_its_baseline_without_flags() {
    let t = Test::new().file("p.toml", crate::support::init("wic"));
    t.run_args(&["build", "p.toml", "-o", "d.docx"]).code(0);
    t.run_args(&["check", "d.docx"]).code(0).stdout_has("d.docx: attestable").stdout_has("party file p.toml");
    // Edited in Word and saved elsewhere in the repository, it still names its party file relative to itself (a
    // front matter's path may climb to a folder above the draft's only inside the git work tree that holds both).
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(t.path(".")).status();
    assert!(git.is_ok_and(|s| s.success()), "git init");
    std::fs::create_dir(t.path("sub")).unwrap();
    t.run_args(&["build", "p.toml", "-o", "sub/d.docx"]).code(0);
    t.run_args(&["check", "sub/d.docx"]).code(0).stdout_has("attestable");
    let docx = std::fs::read(t.path("sub/d.docx")).unwrap();
    let fm = mou::word::front_matter(&docx).unwrap();
    assert_eq!(fm.party_file.as_deref(), Some("../p.toml"));
}

#[test]
fn pandoc_word_of_the_markdown_template_imports_and_fills_the_same_way() {
    if !on_path("pandoc") {
        eprintln!("skipped: pandoc not installed");
        return;
    }
    let t = Test::new().file("official.md", fixture("official.md")).file("party.toml", fixture("party.toml"));
    let out = std::process::Command::new("pandoc")
        .current_dir(t.dir.path())
        .args(["official.md", "-o", "official.docx"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    t.run_args(&["import", "official.docx", "-o", "house"])
        .code(0)
        .stdout_has("fill-ins (33):")
        .stdout_has("could not place (3):");
    t.run_args(&["build", "party.toml", "-o", "draft.docx"]).code(0);
    t.run_args(&["check", "draft.docx"]).code(0).stdout_has("attestable");
    std::fs::write(t.path("executed.md"), fixture("executed.md")).unwrap();
    let run = t.run_args(&["check", "--against", "executed.md", "draft.docx", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["kind"] == "cosmetic"),
        "only the form differs from the executed text: {findings:#?}"
    );
}

#[test]
fn a_fill_in_in_a_header_is_named_at_import_and_at_every_build() {
    let official = official_docx();
    let header = part(&official, "word/header1.xml").replace(" Medi-Cal MOU (sample template)", " MOU of [MCP Name]");
    let t = Test::new()
        .file("official.docx", replace_part(&official, "word/header1.xml", &header))
        .file("party.toml", word_party());
    t.run_args(&["import", "official.docx", "-o", "house", "--id", "word"])
        .code(0)
        .stdout_has("could not place (1):")
        .stdout_has("[MCP Name] in word/header1.xml, which mou build keeps as it is: type its value in Word");
    t.run_args(&["build", "party.toml", "-o", "draft.docx"])
        .code(0)
        .stderr_has("warning: the draft's word/header1.xml still holds [MCP Name]: mou build fills the body only");
}

/// The rules and kinds of a check's non-cosmetic findings, sorted, from its JSON.
fn findings(t: &Test, args: &[&str]) -> Vec<String> {
    let out = t.run_args(args);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    let mut got: Vec<String> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] != "cosmetic")
        .map(|f| format!("{} {}", f["kind"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    got.sort();
    got
}

#[test]
fn edits_typed_into_a_filled_word_template_read_as_the_same_edits_in_markdown() {
    let t = word_house();
    t.run_args(&["build", "party.toml", "--format", "docx", "-o", "draft.docx"]).code(0);
    t.run_args(&["build", "party.toml", "-o", "draft.md"]).code(0);
    let docx = std::fs::read(t.path("draft.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    let md = t.read("draft.md");
    // Each edit as it stands in one run of the Word body and in the Markdown draft: a weakening written into a
    // filled-in date, a hedge written where the inline drafting note stood, a modal weakened, and a sentence
    // added.
    let edits: [(&str, &str); 4] = [
        ("January 1, 2025", "January 1, 2025, except that Section 2 takes effect on January 1, 2026"),
        (
            "MCP must name a Liaison for this MOU.",
            "MCP must name a Liaison for this MOU. MCP will meet its duties under this Section only as staffing allows.",
        ),
        ("must respond to each referral", "may respond to each referral"),
        (
            "moves out of the county.",
            "moves out of the county. The Parties share the aim of timely public health follow-up for every Member.",
        ),
    ];
    let (mut x, mut m) = (xml.clone(), md.clone());
    for (from, to) in edits {
        let (xf, xt) = (from.replace('&', "&amp;"), to.replace('&', "&amp;"));
        assert!(x.contains(&xf), "the Word body lacks {from:?}");
        assert!(m.contains(from), "the Markdown draft lacks {from:?}");
        x = x.replacen(&xf, &xt, 1);
        m = m.replacen(from, to, 1);
    }
    std::fs::write(t.path("edited.docx"), replace_part(&docx, "word/document.xml", &x)).unwrap();
    std::fs::write(t.path("edited.md"), m).unwrap();
    let word = findings(&t, &["check", "--against", "official.docx", "edited.docx", "--format", "json"]);
    let markdown = findings(&t, &["check", "--against", "official.docx", "edited.md", "--format", "json"]);
    assert_eq!(word, markdown, "the same edits give the same findings in Word and in Markdown");
    // And those findings are the edits': the deferral in the date, the hedge where the note stood, the modal.
    assert!(word.iter().filter(|f| f.starts_with("weakening")).count() >= 3, "{word:?}");
    assert!(word.contains(&"weakening modal-downgrade".to_string()), "{word:?}");
    assert!(word.contains(&"addition added-text".to_string()), "{word:?}");
    // Without the edits, both drafts are attestable with no finding.
    assert!(findings(&t, &["check", "--against", "official.docx", "draft.docx", "--format", "json"]).is_empty());
    assert!(findings(&t, &["check", "--against", "official.docx", "draft.md", "--format", "json"]).is_empty());
}
