//! Property tests for `mou check`: what must hold for any document, not just the fixtures.

use mou::check::{check, Baseline};
use mou::document::markdown;
use mou::rules::Kind;
use proptest::prelude::*;

const SUBJECTS: &[&str] = &["MCP", "The County", "Each Party", "The Regional Center", "The LHD"];
const MODALS: &[&str] = &["shall", "must", "should", "may", "is encouraged to"];
const DUTIES: &[&str] = &[
    "notify the other Party's Liaison of each referral",
    "share the Member's \"care plan\" with the other Party",
    "train every staff member who coordinates care",
    "meet at least once each quarter to review referrals",
    "retain records relating to this MOU",
    "send a list of Members who were admitted to a hospital",
];
const TIMES: &[&str] = &["within ten (10) Working Days", "every month", "for seven (7) years", "within 72 hours", ""];

/// A random MOU: numbered sections of clauses, some as lists.
fn mou() -> impl Strategy<Value = Vec<Vec<(usize, usize, usize, usize)>>> {
    prop::collection::vec(
        prop::collection::vec((0..SUBJECTS.len(), 0..MODALS.len(), 0..DUTIES.len(), 0..TIMES.len()), 1..5),
        1..5,
    )
}

#[derive(Clone, Copy, Debug)]
struct Style {
    width: usize,
    curly: bool,
    bullets: bool,
    setext: bool,
    bold_labels: bool,
    crlf: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (20usize..120, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(width, curly, bullets, setext, bold_labels, crlf)| Style { width, curly, bullets, setext, bold_labels, crlf },
    )
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + word.len() + 1 > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

/// Writes a document in a given style. Different styles of the same document differ only cosmetically.
fn write(doc: &[Vec<(usize, usize, usize, usize)>], s: Style) -> String {
    let mut out = String::from("# Memorandum of Understanding\n\n");
    for (i, section) in doc.iter().enumerate() {
        let title = format!("Article {}. Duties of the Parties", i + 1);
        if s.setext {
            out.push_str(&format!("{title}\n{}\n\n", "-".repeat(title.len())));
        } else {
            out.push_str(&format!("## {title}\n\n"));
        }
        for (k, &(a, b, c, d)) in section.iter().enumerate() {
            let mut text = format!(
                "{} {} {}{}{}.",
                SUBJECTS[a],
                MODALS[b],
                DUTIES[c],
                if TIMES[d].is_empty() { "" } else { " " },
                TIMES[d]
            );
            if s.curly {
                text = text.replace("'s", "\u{2019}s");
                let mut open = true;
                text = text
                    .chars()
                    .map(|ch| {
                        if ch == '"' {
                            let q = if open { '\u{201C}' } else { '\u{201D}' };
                            open = !open;
                            q
                        } else {
                            ch
                        }
                    })
                    .collect();
            }
            let label = format!("{}.{}", i + 1, k + 1);
            let label = if s.bold_labels { format!("**{label}**") } else { label };
            if k % 2 == 1 {
                let marker = if s.bullets { "*" } else { "-" };
                out.push_str(&format!("{marker} {label} {}\n\n", wrap(&text, s.width).replace('\n', "\n  ")));
            } else {
                out.push_str(&format!("{label} {}\n\n", wrap(&text, s.width)));
            }
        }
    }
    if s.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn non_cosmetic(base: &str, edited: &str) -> Vec<String> {
    let report = check(&Baseline::from_text("base.md", base), markdown::parse("edited.md", edited), "edited.md");
    report
        .findings
        .iter()
        .filter(|f| f.kind != Kind::Cosmetic)
        .map(|f| format!("{} {}: {}", f.kind.as_str(), f.rule, f.message))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_document_checked_against_itself_has_no_findings(doc in mou(), s in style()) {
        let text = write(&doc, s);
        let report = check(&Baseline::from_text("a.md", &text), markdown::parse("a.md", &text), "a.md");
        prop_assert!(report.findings.is_empty(), "{:?}", report.findings);
    }

    #[test]
    fn reflowing_and_restyling_is_only_cosmetic(doc in mou(), a in style(), b in style()) {
        let found = non_cosmetic(&write(&doc, a), &write(&doc, b));
        prop_assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn checking_never_panics_on_arbitrary_text(base in "\\PC{0,400}", edited in "(\\PC|[\\n#*_>\\[\\]()~`<!-])*{0,400}") {
        let _ = non_cosmetic(&base, &edited);
    }

    #[test]
    fn checking_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        // Invalid UTF-8 is an input error, never a panic.
        match mou::document::from_bytes("x.md", &bytes) {
            Ok(doc) => { let _ = check(&Baseline::from_text("b.md", "MCP shall act."), doc, "x.md"); }
            Err(e) => prop_assert!(e.message.contains("UTF-8") || e.message.contains("NUL")),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the edits, accepting every change of the redline gives the edited text, and rejecting every
    /// change gives the baseline.
    #[test]
    fn a_redline_accepts_to_the_edited_text_and_rejects_to_the_baseline(
        doc in mou(),
        edits in prop::collection::vec((0usize..40, 0usize..4), 0..6),
        s in style(),
    ) {
        let base = write(&doc, s);
        let mut edited: Vec<String> = base.split("\n\n").map(str::to_string).collect();
        for (at, what) in edits {
            let i = at % edited.len();
            match what {
                0 => edited[i] = edited[i].replace("shall", "may").replace("must", "should"),
                1 => { edited.remove(i); if edited.is_empty() { edited.push("New text.".into()); } }
                2 => edited.insert(i, "The Parties may also meet by video.".to_string()),
                _ => edited[i] = edited[i].replace("ten (10)", "thirty (30)").replace("every month", "every quarter"),
            }
        }
        let edited = edited.join("\n\n");
        let report = check(&Baseline::from_text("base.md", &base), markdown::parse("edited.md", &edited), "edited.md");
        let red = mou::redline::build(&report, "2026-01-15", vec![]);
        let md = mou::redline::critic::render(&red);
        prop_assert_eq!(mou::redline::critic::accept(&md), mou::redline::plain_text(&report.edited, false));
        prop_assert_eq!(mou::redline::critic::reject(&md), mou::redline::plain_text(&report.base, true));
    }
}

/// Lines that open, close or continue Markdown blocks in every way a piece boundary must respect.
const TRICKY_LINES: &[&str] = &[
    "",
    "MCP shall notify the County.",
    "2. an ordered item",
    "1) another ordered item",
    "- a bullet item",
    "  an indented continuation",
    "    indented code",
    "\tA tabbed line",
    "# A heading",
    "Setext heading",
    "===",
    "---",
    "> a quotation",
    "```",
    "~~~",
    "<!-- hidden -->",
    "<!--",
    "-->",
    "<span style=\"display:none\">",
    "</span>",
    "Text <span hidden>hidden words</span> shown.",
    "A <del>struck",
    "clause</del> ends.",
    "Code `</span>` and `<!--` here.",
    "An <!-- inline --> comment.",
    "<img hidden src=\"x\"> and text",
    "<pre>",
    "</pre>",
    "<?x note",
    "?>",
    "<![CDATA[ data",
    "]]>",
    "<!DOCTYPE x",
    "[//]: # (hidden note)",
    "[ref]: https://example.com",
    "See [ref] and [MCP legal name].",
    "Name | Role",
    "--- | ---",
    "a | b",
    "The County ~~shall~~ may act.",
    "Zero\u{200B}width and h\u{0430}lf.",
    "**5.2** The LHD must report.",
    "Section 7.3. The Parties will meet.",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// An edited text read with the pieces it shares with its baseline reads exactly as it does on its own,
    /// whatever lines were inserted, removed or moved.
    #[test]
    fn reading_with_the_baselines_pieces_is_reading_alone(
        doc in mou(),
        s in style(),
        base_lines in prop::collection::vec((0usize..200, 0..TRICKY_LINES.len()), 0..4),
        edits in prop::collection::vec((0usize..200, 0usize..4, 0..TRICKY_LINES.len()), 1..8),
    ) {
        let mut base: Vec<String> = write(&doc, s).lines().map(str::to_string).collect();
        for (at, line) in base_lines {
            let i = at % (base.len() + 1);
            base.insert(i, TRICKY_LINES[line].to_string());
        }
        let mut edited = base.clone();
        for (at, what, line) in edits {
            let i = at % (edited.len() + 1);
            match what {
                0 => edited.insert(i, TRICKY_LINES[line].to_string()),
                1 if i < edited.len() => { edited.remove(i); }
                2 if i < edited.len() => edited[i] = TRICKY_LINES[line].to_string(),
                _ => { let moved: Vec<String> = edited.drain(..i.min(edited.len()) / 2).collect(); edited.extend(moved); }
            }
        }
        let (base, edited) = (base.join("\n") + "\n", edited.join("\n") + "\n");
        let like = markdown::parse("base.md", base.as_str());
        let read = markdown::parse_like("edited.md", edited.as_str(), &like);
        let alone = markdown::parse("edited.md", edited.as_str());
        prop_assert_eq!(&read.blocks, &alone.blocks);
        prop_assert_eq!(&read.tricks, &alone.tricks);
    }
}
