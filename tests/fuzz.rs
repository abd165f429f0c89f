//! Fuzzing, as property tests that run with `cargo test`: structure-aware generators of the files `mou check`
//! reads from other parties (Markdown, Word packages, and the TOML of party files, `mou.toml` and waivers), with
//! mutations at the zip, XML and text levels. Every case must end without a panic, within 10 seconds and within
//! 200 MiB of memory held at once (measured on the case's own thread by the test binary's counting allocator);
//! a file the reader refuses must be refused with a one-line message.
//!
//! Each target runs 400 to 600 cases by default, 2,450 in all, so that the whole suite stays quick.
//! `MOU_FUZZ_CASES=N cargo test --release --test integration fuzz` runs `N` cases of each target instead.

use crate::generate;
use crate::memory::Peak;
use mou::check::{check, Baseline, FileReport};
use mou::report::Outcome;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::time::{Duration, Instant};

/// The most time one case may take.
const MAX_TIME: Duration = Duration::from_secs(10);
/// The most memory one case may hold at once.
const MAX_BYTES: usize = 200 << 20;

/// The number of cases to run of a target: `default`, or `MOU_FUZZ_CASES`.
fn cases(default: u32) -> u32 {
    std::env::var("MOU_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn runner(default: u32) -> TestRunner {
    // Failures are not written to a regression file: each target's generator is its own record.
    TestRunner::new(Config { cases: cases(default), failure_persistence: None, ..Config::default() })
}

/// A generated value whose debug form, printed when a case fails, is cut to a readable length: the inputs that
/// find limits are long.
#[derive(Clone)]
struct Shown<T>(T);

impl<T: std::fmt::Debug> std::fmt::Debug for Shown<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let full = format!("{:?}", self.0);
        match full.char_indices().nth(4_000) {
            Some((cut, _)) => write!(f, "{}… ({} characters in all)", &full[..cut], full.chars().count()),
            None => f.write_str(&full),
        }
    }
}

fn shown<S: Strategy>(s: S) -> impl Strategy<Value = Shown<S::Value>>
where
    S::Value: std::fmt::Debug + Clone,
{
    s.prop_map(Shown)
}

/// Runs one case on this thread, failing it when it takes too long or holds too much memory.
fn bounded<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let peak = Peak::start();
    let started = Instant::now();
    let out = f();
    let (took, held) = (started.elapsed(), peak.bytes());
    assert!(took < MAX_TIME, "{what} took {took:?}");
    assert!(held < MAX_BYTES, "{what} held {} MiB at once", held >> 20);
    out
}

/// Every output drawn from a report: the redline in each format and the reports in each format.
fn outputs(report: FileReport) {
    let red = mou::redline::build(&report, "2026-01-15", Vec::new());
    let md = mou::redline::critic::render(&red);
    assert_eq!(mou::redline::critic::accept(&md), mou::redline::plain_text(&report.edited, false));
    let _ = mou::redline::html::render(&red, mou::redline::html::Options { show_cosmetic: true });
    let _ = mou::word::redline_docx(&red, "Fuzz", "2026-01-15");
    let outcome = Outcome::new(vec![report], Vec::new());
    for text in [mou::report::json::render(&outcome), mou::report::sarif::render(&outcome)] {
        serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
    }
    let _ = mou::report::github::render(&outcome);
}

/// A refusal: one line, naming what is wrong.
#[track_caller]
fn one_line(message: &str) {
    assert!(!message.is_empty() && !message.contains('\n'), "{message:?}");
}

/// Checks `edited` against `base` both ways round, through every output, when both read as documents.
fn check_markdown(base: &str, edited: &str) {
    for (b, e) in [(base, edited), (edited, base)] {
        let Ok(_) = mou::document::from_bytes("base.md", b.as_bytes()).map_err(|err| one_line(&err.message)) else {
            continue;
        };
        let baseline = Baseline::from_text("base.md", b);
        match mou::document::from_bytes("edited.md", e.as_bytes()) {
            Ok(doc) => outputs(check(&baseline, doc, "edited.md")),
            Err(err) => one_line(&err.message),
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown.

/// Words of MOU text and its disguises: defined terms, modal verbs, numbers, fill-ins, accents, homoglyphs,
/// zero-width and bidirectional characters, typographic quotes and dashes.
const WORDS: &[&str] = &[
    "MCP",
    "shall",
    "must",
    "may",
    "should",
    "notify",
    "the",
    "County",
    "LHD",
    "within",
    "ten",
    "(10)",
    "Working",
    "Days",
    "every",
    "each",
    "Member",
    "Members",
    "not",
    "unless",
    "only",
    "if",
    "Notwithstanding",
    "José",
    "Peña",
    "Ñandú",
    "\u{0455}h\u{0430}ll",
    "m\u{0443}st",
    "sh\u{200B}all",
    "\u{202E}may\u{202C}",
    "[MCP Name]",
    "[Insert effective date]",
    "[County]",
    "\u{201C}care plan\u{201D}",
    "Member\u{2019}s",
    "\u{2014}",
    "--",
    "forty-five",
    "5.02",
    "1,000",
    "Section",
    "7.3.",
    "(a)",
    "e.g.",
    "U.S.C.",
    "quarter;",
    "year:",
    "...",
    "\u{2026}",
    "\u{00A0}",
    "Stra\u{00DF}e",
    "\u{0301}e",
    "日本",
    "\u{FEFF}",
    "\u{00AD}",
    "**must**",
    "_may_",
    "`code`",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..16).prop_map(|w| format!("{}.", w.join(" ")))
}

/// One Markdown block of any kind an MOU (or an attack on the checker) uses.
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => sentence(),
        2 => (1usize..7, sentence()).prop_map(|(l, s)| format!("{} {s}", "#".repeat(l))),
        1 => sentence().prop_map(|s| format!("{s}\n{}", "=".repeat(s.chars().count().min(40)))),
        3 => (1u8..20, 1u8..20, sentence()).prop_map(|(a, b, s)| format!("{a}.{b} {s}")),
        2 => prop::collection::vec(sentence(), 1..4)
            .prop_map(|items| items.iter().enumerate().map(|(i, s)| format!("- ({}) {s}", char::from(b'a' + (i as u8 % 26)))).collect::<Vec<_>>().join("\n")),
        1 => prop::collection::vec(sentence(), 1..4)
            .prop_map(|items| items.iter().enumerate().map(|(i, s)| format!("{}. {s}", i + 1)).collect::<Vec<_>>().join("\n")),
        1 => prop::collection::vec((sentence(), sentence()), 1..4).prop_map(|rows| {
            let mut t = String::from("| Party | Duty |\n|---|---|\n");
            for (a, b) in rows {
                t.push_str(&format!("| {a} | {b} |\n"));
            }
            t
        }),
        1 => sentence().prop_map(|s| format!("<!-- {s} -->")),
        1 => sentence().prop_map(|s| format!("<!--\n\n{s}")),
        1 => sentence().prop_map(|s| format!("MCP shall act <span style=\"display:none\">{s}</span> now.")),
        1 => sentence().prop_map(|s| format!("~~{s}~~ MCP may act.")),
        1 => sentence().prop_map(|s| format!("[//]: # ({s})")),
        1 => sentence().prop_map(|s| format!("```\n{s}\n```")),
        1 => sentence().prop_map(|s| format!("> {s}")),
        1 => sentence().prop_map(|s| format!("    {s}")),
        1 => (1usize..70_000).prop_map(|n| "x".repeat(n)),
        1 => (1usize..1_200).prop_map(|n| "MCP shall notify every Member. ".repeat(n)),
        1 => (1usize..1_000).prop_map(|n| "[".repeat(n) + &"]".repeat(n)),
        1 => (1usize..3_000).prop_map(|n| "> ".repeat(n) + "deep"),
        1 => "\\PC{0,120}",
    ]
}

/// A Markdown document: blocks, separated mostly by blank lines, with CRLF line endings or not.
fn markdown() -> impl Strategy<Value = (Vec<String>, bool)> {
    (prop::collection::vec(block(), 0..24), any::<bool>())
}

fn join(blocks: &[String], crlf: bool) -> String {
    let text = blocks.join("\n\n") + "\n";
    if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

/// Edits to a list of blocks: delete one, insert one, weaken one's words, or put a character inside one.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Insert(usize, String),
    Weaken(usize),
    Char(usize, usize, char),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            any::<usize>().prop_map(Edit::Delete),
            (any::<usize>(), block()).prop_map(|(i, b)| Edit::Insert(i, b)),
            any::<usize>().prop_map(Edit::Weaken),
            (any::<usize>(), any::<usize>(), any::<char>()).prop_map(|(i, at, c)| Edit::Char(i, at, c)),
        ],
        0..8,
    )
}

fn apply(blocks: &[String], edits: &[Edit]) -> Vec<String> {
    let mut out = blocks.to_vec();
    for e in edits {
        let n = out.len();
        match e {
            Edit::Delete(i) if n > 0 => {
                out.remove(i % n);
            }
            Edit::Insert(i, b) => out.insert(i % (n + 1), b.clone()),
            Edit::Weaken(i) if n > 0 => out[i % n] = out[i % n].replace("shall", "may").replace("every", "some"),
            Edit::Char(i, at, c) if n > 0 => {
                let b = &mut out[i % n];
                let mut at = at % (b.len() + 1);
                while !b.is_char_boundary(at) {
                    at -= 1;
                }
                b.insert(at, *c);
            }
            _ => {}
        }
    }
    out
}

#[test]
fn fuzz_markdown_checks() {
    runner(450)
        .run(&shown((markdown(), edits())), |Shown(((blocks, crlf), edits))| {
            let (base, edited) = (join(&blocks, crlf), join(&apply(&blocks, &edits), crlf));
            bounded("a Markdown check", || check_markdown(&base, &edited));
            Ok(())
        })
        .unwrap();
}

#[test]
fn fuzz_arbitrary_text_checks() {
    // Any text at all, both sides, through the whole check: no byte offset of non-ASCII text may be sliced
    // off a character boundary anywhere.
    runner(600)
        .run(&shown(("(\\PC|[\\n#*_>\\[\\]()~`<!|-])*", "(\\PC|[\\n#*_>\\[\\]()~`<!|-])*")), |Shown((base, edited))| {
            bounded("a check of arbitrary text", || check_markdown(&base, &edited));
            Ok(())
        })
        .unwrap();
}

// ---------------------------------------------------------------------------------------------------------------
// Word.

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Run properties, some of which hide text.
const RUN_PROPS: &[&str] = &[
    "",
    "<w:b/>",
    "<w:vanish/>",
    "<w:color w:val=\"FFFFFF\"/>",
    "<w:color w:val=\"FEFEFE\"/><w:shd w:fill=\"000000\"/>",
    "<w:sz w:val=\"2\"/>",
    "<w:strike/>",
    "<w:dstrike w:val=\"0\"/>",
    "<w:rStyle w:val=\"Hidden\"/>",
    "<w:rPrChange w:author=\"A\"><w:rPr><w:vanish/></w:rPr></w:rPrChange>",
];

/// Paragraph properties: styles, list numbering, outline levels, a deleted paragraph mark.
const PARA_PROPS: &[&str] = &[
    "",
    "<w:pStyle w:val=\"Heading1\"/>",
    "<w:pStyle w:val=\"Title\"/>",
    "<w:pStyle w:val=\"TOC1\"/>",
    "<w:pStyle w:val=\"ListParagraph\"/>",
    "<w:pStyle w:val=\"Loop\"/>",
    "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>",
    "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>",
    "<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"2\"/></w:numPr>",
    "<w:numPr><w:ilvl w:val=\"99999999999\"/><w:numId w:val=\"-1\"/></w:numPr>",
    "<w:outlineLvl w:val=\"2\"/>",
    "<w:rPr><w:del w:id=\"1\" w:author=\"A\"/></w:rPr>",
    "<w:rPr><w:vanish/></w:rPr>",
    "<w:shd w:fill=\"000000\"/>",
];

/// A piece of a paragraph: a run, a tracked change, a field, a link, a content control, a note reference.
fn inline() -> impl Strategy<Value = String> {
    let text = prop::collection::vec(prop::sample::select(WORDS), 0..8).prop_map(|w| escape(&w.join(" ")));
    (0..12usize, prop::sample::select(RUN_PROPS), text).prop_map(|(kind, rpr, t)| {
        let run = format!("<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{t} </w:t></w:r>");
        match kind {
            0 => format!("<w:ins w:id=\"1\" w:author=\"Ana\">{run}</w:ins>"),
            1 => format!("<w:del w:id=\"2\" w:author=\"Ben\"><w:r><w:delText>{t}</w:delText></w:r></w:del>"),
            2 => format!("<w:moveFrom w:author=\"A\">{run}</w:moveFrom><w:moveTo w:author=\"A\">{run}</w:moveTo>"),
            3 => format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>REF {t}</w:instrText></w:r>\
                 <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{run}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            ),
            4 => format!("<w:fldSimple w:instr=\" PAGE \">{run}</w:fldSimple>"),
            5 => format!("<w:hyperlink r:id=\"rId9\" xmlns:r=\"r\">{run}</w:hyperlink>"),
            6 => format!("<w:sdt><w:sdtPr/><w:sdtContent>{run}</w:sdtContent></w:sdt>"),
            7 => "<w:r><w:footnoteReference w:id=\"1\"/><w:tab/><w:br/><w:noBreakHyphen/></w:r>".to_string(),
            8 => "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>".to_string(),
            _ => run,
        }
    })
}

fn paragraph() -> impl Strategy<Value = String> {
    (prop::sample::select(PARA_PROPS), prop::collection::vec(inline(), 0..5))
        .prop_map(|(ppr, runs)| format!("<w:p><w:pPr>{ppr}</w:pPr>{}</w:p>", runs.concat()))
}

/// A body element: paragraphs, tables (nested, or styled as signature blocks), deep nesting, huge attributes and
/// text, embedded documents.
fn body_element() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => paragraph(),
        2 => (prop::collection::vec(prop::collection::vec(paragraph(), 1..3), 1..4), any::<bool>(), any::<bool>())
            .prop_map(|(rows, nested, signature)| {
                let style = if signature { "<w:tblPr><w:tblStyle w:val=\"SignatureBlock\"/></w:tblPr>" } else { "" };
                let cells = |ps: &[String]| ps.iter().map(|p| format!("<w:tc><w:tcPr/>{p}</w:tc>")).collect::<String>();
                let mut t = format!("<w:tbl>{style}");
                for r in &rows {
                    let inner = if nested { format!("<w:tc><w:tbl><w:tr>{}</w:tr></w:tbl></w:tc>", cells(r)) } else { String::new() };
                    t.push_str(&format!("<w:tr><w:trPr><w:del w:author=\"A\"/></w:trPr>{}{inner}</w:tr>", cells(r)));
                }
                t + "</w:tbl>"
            }),
        1 => (1usize..700, paragraph()).prop_map(|(depth, p)| {
            "<w:sdt><w:sdtContent>".repeat(depth) + &p + &"</w:sdtContent></w:sdt>".repeat(depth)
        }),
        1 => (1usize..200_000).prop_map(|n| format!("<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr></w:p>", "x".repeat(n))),
        1 => (1usize..70_000).prop_map(|n| generate::p(&"y ".repeat(n))),
        1 => Just("<w:altChunk r:id=\"rId9\" xmlns:r=\"r\"/>".to_string()),
    ]
}

/// A numbering part: label patterns short and long, every number format, starts and overrides of any value.
fn numbering() -> impl Strategy<Value = String> {
    let pattern = prop_oneof![
        Just("%1.".to_string()),
        Just("%1.%2".to_string()),
        Just("(%3)".to_string()),
        Just("Article %1%1%1%1%1%1%1%1".to_string()),
        Just("%0%10%9%".to_string()),
        (50usize..100).prop_map(|n| "%1".repeat(n / 2)),
    ];
    let format =
        prop::sample::select(&["decimal", "lowerLetter", "upperRoman", "bullet", "none", "decimalZero", "x"][..]);
    let start = prop_oneof![Just(1i64), Just(0), Just(-5), Just(i64::MAX), Just(4_000), Just(100_000)];
    prop::collection::vec((pattern, format, start, 0u8..12), 1..4).prop_map(|levels| {
        let lvls: String = levels
            .iter()
            .map(|(p, f, s, i)| {
                format!(
                    "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"{s}\"/><w:numFmt w:val=\"{f}\"/><w:lvlText w:val=\"{}\"/><w:lvlRestart w:val=\"0\"/><w:isLgl/></w:lvl>",
                    escape(p)
                )
            })
            .collect();
        format!(
            "<w:numbering {}><w:abstractNum w:abstractNumId=\"0\">{lvls}</w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:numStyleLink w:val=\"Loop\"/></w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"-9\"/></w:lvlOverride></w:num></w:numbering>",
            generate::W
        )
    })
}

/// A styles part with headings, a hidden character style, and styles based on each other in a loop.
fn styles() -> String {
    format!(
        "<w:styles {}><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"22\"/></w:rPr></w:rPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style>\
         <w:style w:type=\"character\" w:styleId=\"Hidden\"><w:rPr><w:vanish/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:basedOn w:val=\"Pool\"/><w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Pool\"><w:basedOn w:val=\"Loop\"/></w:style></w:styles>",
        generate::W
    )
}

/// What is done to a valid package before it is read.
#[derive(Debug, Clone)]
enum Mutation {
    None,
    /// Cut the package at a fraction of its length.
    Truncate(f64),
    /// Overwrite bytes, at fractions of the package's length (the central directory and its offsets are near
    /// the end).
    Bytes(Vec<(f64, u8)>),
    /// Cut the body's XML at a fraction of its length before it is zipped.
    CutXml(f64),
    /// Insert markup at a fraction of the body's XML.
    InsertXml(f64, &'static str),
    /// Store the parts instead of deflating them.
    Stored,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let junk = prop::sample::select(
        &[
            "<",
            "</w:p>",
            "<w:p>",
            "&bogus;",
            "&#0;",
            "&#xD800;",
            "<![CDATA[x]]>",
            "<?pi?>",
            "<!DOCTYPE x [<!ENTITY a \"b\">]>",
            "\u{0}",
            "\"",
            "<w:t>",
        ][..],
    );
    prop_oneof![
        4 => Just(Mutation::None),
        1 => (0.0..1.0f64).prop_map(Mutation::Truncate),
        2 => prop::collection::vec((0.0..1.0f64, any::<u8>()), 1..8).prop_map(Mutation::Bytes),
        1 => (0.0..1.0f64).prop_map(Mutation::CutXml),
        2 => (0.0..1.0f64, junk).prop_map(|(at, j)| Mutation::InsertXml(at, j)),
        1 => Just(Mutation::Stored),
    ]
}

fn at_fraction(len: usize, f: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let at = (len as f64 * f) as usize;
    at.min(len)
}

fn package(body: &str, numbering: &str, m: &Mutation) -> Vec<u8> {
    let mut document = generate::document_xml(body);
    let boundary = |text: &str, f: f64| {
        let mut at = at_fraction(text.len(), f);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    match m {
        Mutation::CutXml(f) => document.truncate(boundary(&document, *f)),
        Mutation::InsertXml(f, j) => document.insert_str(boundary(&document, *f), j),
        _ => {}
    }
    let styles = styles();
    let parts: [(&str, &[u8]); 4] = [
        ("_rels/.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#),
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ];
    let mut bytes = generate::zip(&parts, !matches!(m, Mutation::Stored));
    match m {
        Mutation::Truncate(f) => bytes.truncate(at_fraction(bytes.len(), *f)),
        Mutation::Bytes(changes) => {
            for (f, b) in changes {
                let at = at_fraction(bytes.len(), *f).min(bytes.len().saturating_sub(1));
                if let Some(x) = bytes.get_mut(at) {
                    *x = *b;
                }
            }
        }
        _ => {}
    }
    bytes
}

#[test]
fn fuzz_word_files() {
    runner(600)
        .run(
            &shown((prop::collection::vec(body_element(), 0..12), numbering(), mutation())),
            |Shown((body, numbering, m))| {
                let bytes = package(&body.concat(), &numbering, &m);
                bounded("reading and checking a Word file", || match mou::word::parse("f.docx", &bytes) {
                    Ok(doc) => {
                        // The file checked against its own text with a duty weakened, and against nothing like it.
                        let text = mou::redline::plain_text(&doc, true).replacen("shall", "may", 1);
                        outputs(check(&Baseline::from_text("base.md", &text), doc.clone(), "f.docx"));
                        outputs(check(&Baseline::from_text("other.md", "# MOU\n\nMCP shall act.\n"), doc, "f.docx"));
                    }
                    Err(e) => one_line(&e.message),
                });
                Ok(())
            },
        )
        .unwrap();
}

// ---------------------------------------------------------------------------------------------------------------
// TOML: the party file, `mou.toml` and the waivers file.

/// A line of TOML that may or may not belong where it is put: keys real and unknown, values of every type,
/// long strings, deep nesting, tables and arrays of tables, and broken syntax.
fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => ("[a-z_]{1,12}", "\\PC{0,40}").prop_map(|(k, v)| format!("{k} = {:?}", v)),
        2 => (prop::sample::select(&["county", "legal_name", "short_name", "name", "title", "email", "phone", "document", "against", "party", "template", "finding", "rule", "section", "justification", "approved_by", "templates_dir", "waivers", "documents", "exclude"][..]), "\\PC{0,60}")
            .prop_map(|(k, v)| format!("{k} = {:?}", v)),
        1 => (prop::sample::select(&["templates", "effective_date", "approved_on", "expires", "go_live_date"][..]),
              prop::sample::select(&["2024-07-01", "[\"ihss\"]", "[\"smhs\", \"dmc-ods\"]", "1", "true", "[]", "{}", "1979-05-27T07:32:00Z", "9999-99-99", "\"../../etc\""][..]))
            .prop_map(|(k, v)| format!("{k} = {v}")),
        1 => prop::sample::select(&["[[mcp]]", "[mcp.liaison]", "[other_party]", "[[subcontractor]]", "[options]", "[[additional_provision]]", "[[mou]]", "[[glob]]", "[[waiver]]", "[", "]]", "x =", "= 1", "\"\"\"", "a.b.c = 1"][..]).prop_map(str::to_string),
        1 => (1usize..300_000).prop_map(|n| format!("county = \"{}\"", "A".repeat(n))),
        1 => (1usize..2_000).prop_map(|n| format!("x = {}1{}", "[".repeat(n), "]".repeat(n))),
        1 => (1usize..2_000).prop_map(|n| format!("x = {}1{}", "{a=".repeat(n), "}".repeat(n))),
        1 => (1usize..500).prop_map(|n| format!("[{}]", vec!["t"; n].join("."))),
    ]
}

/// A valid file with lines replaced, inserted and removed.
fn mutated(valid: String) -> impl Strategy<Value = String> {
    let lines: Vec<String> = valid.lines().map(str::to_string).collect();
    let n = lines.len().max(1);
    prop::collection::vec((0..n + 1, 0u8..3, toml_line()), 0..6).prop_map(move |edits| {
        let mut out = lines.clone();
        for (at, what, line) in edits {
            let at = at.min(out.len());
            match what {
                0 => out.insert(at, line),
                1 if at < out.len() => out[at] = line,
                _ if at < out.len() => {
                    out.remove(at);
                }
                _ => {}
            }
        }
        out.join("\n")
    })
}

#[test]
fn fuzz_party_files() {
    let catalog = mou::catalog::Catalog::bundled();
    let renderer = mou::render::Renderer::new(&mou::render::TemplateSource::Bundled).unwrap();
    let ids: Vec<String> = catalog.templates().iter().map(|t| t.id.clone()).collect();
    let examples: Vec<String> = ids.iter().filter_map(|id| mou::party::example_party_file(&catalog, id).ok()).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("party.toml");
    runner(400)
        .run(&shown(prop::sample::select(examples).prop_flat_map(mutated)), |Shown(text)| {
            bounded("reading a party file and rendering its MOU", || {
                match mou::party::Party::parse(&text, &path, &catalog) {
                    Ok(party) => {
                        if let Ok(body) = renderer.render_body(&party) {
                            let doc = mou::document::from_bytes("draft.md", body.as_bytes());
                            if let Err(e) = doc {
                                one_line(&e.message);
                            }
                        }
                    }
                    Err(e) => assert!(!e.to_string().is_empty()),
                }
            });
            Ok(())
        })
        .unwrap();
}

#[test]
fn fuzz_workspace_and_waiver_files() {
    let root = crate::support::project_dir().join("fixtures/contracts-repo");
    let manifest = std::fs::read_to_string(root.join("mou.toml")).unwrap();
    let waivers = std::fs::read_to_string(root.join("mou-waivers.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (mpath, wpath) = (dir.path().join("mou.toml"), dir.path().join("mou-waivers.toml"));
    runner(400)
        .run(&shown((mutated(manifest), mutated(waivers))), |Shown((m, w))| {
            bounded("reading mou.toml and a waivers file", || {
                if let Err(e) = mou::workspace::Workspace::parse(&m, &mpath) {
                    assert!(!e.to_string().is_empty());
                }
                if let Err(e) = mou::waivers::Waivers::parse(&w, &wpath) {
                    assert!(!e.to_string().is_empty());
                }
            });
            Ok(())
        })
        .unwrap();
}
