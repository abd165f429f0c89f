//! `mou redline` and `mou attest`: the submission package, drawn from the same comparison as `mou check`.

use crate::support::{init, Test};
use mou::check::{check, Baseline};
use mou::document::markdown;
use mou::redline::{self, critic, plain_text};

const OFFICIAL: &str = "# Memorandum of Understanding\n\n## Article II. Duties of MCP\n\n\
Section 2.01. MCP shall train every staff member who coordinates care within forty-five (45) days of hire.\n\n\
Section 2.02. MCP shall respond to each written inquiry within fifteen (15) Working Days.\n\n\
Section 2.03. A Party that discovers an unauthorized disclosure of Member information shall notify the other Party within two (2) days.\n\n\
## Article III. Meetings\n\nSection 3.01. The Parties shall meet at least once each quarter.\n\n## Signatures\n\nMCP, by: ________\n";

/// An edit with an addition, a modification (strengthening), a weakening and a move.
fn edited() -> String {
    let s203 = "Section 2.03. A Party that discovers an unauthorized disclosure of Member information shall notify the other Party within two (2) days.\n\n";
    OFFICIAL
        .replace("train every staff member", "train designated staff members")
        .replace("within fifteen (15) Working Days", "within ten (10) Working Days")
        .replace(s203, "")
        .replace(
            "## Signatures",
            &format!("{s203}Section 3.02. MCP shall publish the meeting dates on its website.\n\n## Signatures"),
        )
}

fn report(base: &str, edit: &str) -> mou::check::FileReport {
    check(&Baseline::from_text("official.md", base), markdown::parse("edited.md", edit), "edited.md")
}

#[test]
fn the_model_has_every_kind_of_change() {
    let r = report(OFFICIAL, &edited());
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    for rule in ["scope-quantifier", "strengthened", "moved", "added-provision"] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
}

#[test]
fn accepting_or_rejecting_every_critic_change_gives_the_edited_text_or_the_baseline() {
    for (base, edit) in [
        (OFFICIAL.to_string(), edited()),
        (OFFICIAL.to_string(), OFFICIAL.replace("\"", "\u{201C}").replace("Section 3.01.", "**Section 3.01.**")),
        // Text that looks like CriticMarkup or Markdown must survive.
        (
            OFFICIAL.to_string(),
            OFFICIAL.replace("each quarter.", "each quarter {++ not ++} {--x--} ~> <<} \\ *a* [b] # 1. c."),
        ),
        (
            OFFICIAL.replace("MCP shall train", "[MCP name] shall train"),
            edited().replace("MCP shall train", "Harbor Coast shall train"),
        ),
    ] {
        let r = report(&base, &edit);
        let red = redline::build(&r, "2026-01-15", vec![]);
        let md = critic::render(&red);
        assert_eq!(critic::accept(&md), plain_text(&r.edited, false), "accept-all\n{md}");
        assert_eq!(critic::reject(&md), plain_text(&r.base, true), "reject-all\n{md}");
        assert_eq!(red.accepted(), plain_text(&r.edited, false));
        assert_eq!(red.rejected(), plain_text(&r.base, true));
    }
}

#[test]
fn critic_redline_comments_carry_rule_and_reason() {
    let r = report(OFFICIAL, &edited());
    let md = critic::render(&redline::build(&r, "2026-01-15", vec![]));
    assert!(md.contains("{~~every~>designated~~}{>>weakening (scope-quantifier): "), "{md}");
    assert!(md.contains("{>>moved from here<<}"));
    assert!(md.contains("edited_sha256: "));
    assert!(md.contains("baseline_sha256: "));
    assert!(md.contains("date: 2026-01-15"));
}

#[test]
fn html_redline_has_a_cover_and_escapes_hostile_text() {
    // Escaped in the Markdown source, so a reader sees "<script>" as text: the redline must too.
    let hostile = edited().replace("each quarter.", "each quarter \\<script\\>alert(1)\\</script\\> ]]\\> {++x++}.");
    let r = report(OFFICIAL, &hostile);
    let page =
        redline::html::render(&redline::build(&r, "2026-01-15", vec!["Harbor <Coast>".into()]), Default::default());
    assert!(!page.contains("<script>"), "unescaped script");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("Harbor &lt;Coast&gt;"));
    assert!(page.contains("<table class=\"summary\">"));
    assert!(page.contains("weakens required provisions"));
    assert!(page.contains("<del class=\"change\""), "no deletion marked");
    assert!(page.contains("<ins class=\"change\""), "no insertion marked");
    assert!(page.contains("<ins class=\"moved\""), "no move marked");
    assert!(page.contains("class=\"margin\""), "no weakening in the margin");
    // Every margin link points at a row of the summary table.
    for part in page.split("class=\"margin\"><a href=\"#").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(page.contains(&format!("<tr id=\"{id}\"")), "margin link {id} has no row");
    }
    assert!(!page.contains("src=") && !page.contains("<link"), "external assets");
}

/// In the HTML redline, list items that carry their own label show no bullet, and the paragraph that leads into
/// a list is kept with it when printed.
#[test]
fn html_redline_lists_show_their_own_labels_only() {
    let base = "# T\n\n## 1. Duties\n\n1.1 MCP's Liaison must:\n\n- (a) act;\n- (b) respond.\n\n1.2 Plain:\n\n- one\n";
    let edit = base.replace("respond.", "respond quickly.");
    let page = redline::html::render(&redline::build(&report(base, &edit), "2026-01-15", vec![]), Default::default());
    assert!(page.contains("<p class=\"block lead-in\">1.1 MCP&apos;s Liaison must:</p>"), "{page}");
    assert!(page.contains("<li class=\"block labelled\">(a) act;</li>"), "{page}");
    assert!(page.contains("<li class=\"block labelled\">(b) respond"), "{page}");
    assert!(page.contains("<li class=\"block\">one</li>"), "{page}");
    assert!(page.contains("li.labelled { list-style: none; }"));

    // In the Word redline too, the lead-in keeps with the list's first item.
    let docx =
        mou::word::redline_docx(&redline::build(&report(base, &edit), "2026-01-15", vec![]), "mou", "2026-01-15");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
    let lead_in = doc.split("<w:p>").find(|p| p.contains("Liaison must:")).expect("the lead-in");
    assert!(lead_in.contains("<w:keepNext/>"), "{lead_in}");
}

#[test]
fn cli_writes_every_format_and_never_overwrites() {
    let t = Test::new().file("official.md", OFFICIAL).file("edited.md", edited());
    for out in ["r.md", "r.html"] {
        let run = t.run_args(&["redline", "edited.md", "--against", "official.md", "-o", out, "--date", "2026-01-15"]);
        run.code(0).stderr_has("wrote");
        assert!(t.path(out).exists());
        // A second run refuses to overwrite without --force.
        let again = t.run_args(&["redline", "edited.md", "--against", "official.md", "-o", out]);
        again.code(2).stderr_has("already exists");
    }
    // Never over the input, even with --force.
    let run = t.run_args(&["redline", "edited.md", "--against", "official.md", "-o", "edited.md", "--force"]);
    run.code(2).stderr_has("is the input");
    assert_eq!(t.read("edited.md"), edited());
}

/// The attestation lists the provisions the parties added, not the heading they put them under, in text a reader
/// sees without escapes; and it names each MCP's signer from the party file, or leaves a marked blank when the
/// baseline is an official text that does not name one.
#[test]
fn attestation_lists_added_provisions_and_names_the_signer() {
    let t = Test::new().file("p.toml", init("tcm")).args(&["build", "p.toml", "-o", "draft.md"]);
    t.run().code(0);
    let draft = t.read("draft.md");
    let n: u32 = draft
        .lines()
        .filter_map(|l| l.strip_prefix("## ")?.split_once(". ")?.0.parse().ok())
        .max()
        .expect("numbered sections");
    let added = draft.replace(
        "## Signatures",
        &format!(
            "## {next}. Additional Provisions\n\n{next}.1 The Parties will hold one joint community forum each year.\n\n## Signatures",
            next = n + 1
        ),
    );
    let t = t.file("added.md", &added);
    let run = t.run_args(&["attest", "added.md", "--date", "2026-01-15"]);
    run.code(0);
    let list: Vec<&str> = run
        .stdout
        .split("## Provisions added")
        .nth(1)
        .and_then(|r| r.split("Date of this attestation").next())
        .expect("a list of added provisions")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        list,
        [format!(
            "1. Section {next}.1 (line {}): {next}.1 The Parties will hold one joint community forum each year.",
            added.lines().position(|l| l.starts_with(&format!("{}.1 The Parties", n + 1))).unwrap() + 1,
            next = n + 1
        )],
        "{}",
        run.stdout
    );
    run.stdout_has("**Harbor Coast Health Plan**")
        .stdout_has("Name: Morgan Reyes\n")
        .stdout_has("Title: Chief Executive Officer\n");

    // Against an official text, the signer is not known: blanks, each saying what goes on it.
    let run = t.run_args(&["attest", "added.md", "--against", "draft.md", "--date", "2026-01-15"]);
    run.code(0)
        .stdout_has("Name: ______________________________ (the signer's name)")
        .stdout_has("Title: ______________________________ (the signer's title)");
    assert!(!run.stdout.contains("Morgan Reyes\n\nTitle"), "{}", run.stdout);
}

#[test]
fn attest_succeeds_on_unmodified_and_added_and_refuses_a_weakening() {
    let t = Test::new().file("p.toml", init("tcm")).args(&["build", "p.toml", "-o", "draft.md"]);
    t.run().code(0);
    let draft = t.read("draft.md");
    let run = t.run_args(&["attest", "draft.md", "--date", "2026-01-15"]);
    run.code(0)
        .stdout_has("# Attestation of an Unmodified MOU")
        .stdout_has("Harbor Coast Health Plan")
        .stdout_has("None.");
    // A permitted addition is listed.
    let added = draft
        .replace("## Signatures", "15.1 The Parties will hold one joint community forum each year.\n\n## Signatures");
    let t = t.file("added.md", &added);
    let run = t.run_args(&["attest", "added.md", "--date", "2026-01-15"]);
    run.code(0).stdout_has("joint community forum");
    // A weakening is refused with exit 1 and the reason.
    let i = draft.find("MCP must ").unwrap();
    let weak = format!("{}MCP may {}", &draft[..i], &draft[i + 9..]);
    let t = t.file("weak.md", &weak);
    let run = t.run_args(&["attest", "weak.md"]);
    run.code(1).stderr_has("not attestable").stderr_has("modal-downgrade");
    assert!(run.stdout.is_empty());
}

#[test]
fn hostile_text_is_escaped_or_removed_in_every_format_and_every_file_stays_valid() {
    // Escaped in the Markdown source so a reader sees it as text; control characters are raw.
    let hostile =
        "each quarter \\<script\\>alert(1)\\</script\\> {++x++} {--y--} {~~a~>b~~} {>>c<<} ]]\\> \u{1}\u{b}\u{1f} end.";
    let r = report(OFFICIAL, &edited().replace("each quarter.", hostile));
    let red = redline::build(&r, "2026-01-15", vec!["<b>Party</b> & ]]>".into()]);

    let md = critic::render(&red);
    assert_eq!(critic::accept(&md), plain_text(&r.edited, false), "markdown accept-all");
    assert_eq!(critic::reject(&md), plain_text(&r.base, true), "markdown reject-all");
    assert!(!md.contains("{++x++}"), "CriticMarkup in the text was not escaped:\n{md}");

    let page = redline::html::render(&red, Default::default());
    assert!(!page.contains("<script>") && !page.contains("<b>Party"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !page.contains('\u{1}') && !page.contains('\u{b}') && !page.contains('\u{1f}'),
        "control characters left in HTML"
    );

    let docx = mou::word::redline_docx(&red, "mou", "2026-01-15");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
        assert!(
            !xml.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "control characters in {}",
            f.name().unwrap()
        );
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{} is not valid XML: {e}", f.name().unwrap()),
            }
        }
        if f.name().unwrap() == "word/document.xml" {
            assert!(
                xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    && xml.contains("{++x++}")
                    && xml.contains("]]&gt;")
            );
        }
    }
}

/// A whole sentence deleted or inserted takes the space that separated it with it, in every format: the
/// sentence before it never runs into the struck (or underlined) text, and the change covers the whole sentence
/// rather than a cut across two.
#[test]
fn a_whole_sentence_deleted_or_inserted_keeps_its_space_in_every_format() {
    let base = "# T\n\n## 1. Duties\n\n\
        1.1 MCP must perform. MCP remains liable for its duties. MCP must report.\n\n\
        1.2 MCP must perform. MCP remains liable for its duties.\n\n\
        1.3 MCP must act.\n";
    let edit = "# T\n\n## 1. Duties\n\n\
        1.1 MCP must perform. MCP must report.\n\n\
        1.2 MCP must perform.\n\n\
        1.3 MCP must act. MCP must also act quickly.\n";
    let r = report(base, edit);
    let red = redline::build(&r, "2026-01-15", vec![]);
    let changed: Vec<(redline::Op, &str)> = red
        .blocks
        .iter()
        .flat_map(|b| &b.segments)
        .filter(|s| s.op != redline::Op::Same)
        .map(|s| (s.op, s.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        [
            (redline::Op::Delete, "MCP remains liable for its duties. "),
            (redline::Op::Delete, " MCP remains liable for its duties."),
            (redline::Op::Insert, " MCP must also act quickly."),
        ]
    );

    let page = redline::html::render(&red, Default::default());
    assert!(
        page.contains(
            "1.1 MCP must perform. <del class=\"change\" id=\"r0\">MCP remains liable for its duties. </del>"
        ),
        "{page}"
    );
    assert!(
        page.contains("1.2 MCP must perform.<del class=\"change\" id=\"r1\"> MCP remains liable for its duties.</del>"),
        "{page}"
    );
    assert!(
        page.contains("1.3 MCP must act.<ins class=\"change\" id=\"r2\"> MCP must also act quickly.</ins>"),
        "{page}"
    );

    let md = critic::render(&red);
    assert!(md.contains("1.1 MCP must perform. {--MCP remains liable for its duties. --}"), "{md}");
    assert!(md.contains("1.2 MCP must perform.{-- MCP remains liable for its duties.--}"), "{md}");
    assert!(md.contains("1.3 MCP must act.{++ MCP must also act quickly.++}"), "{md}");
    assert_eq!(critic::accept(&md), plain_text(&r.edited, false));
    assert_eq!(critic::reject(&md), plain_text(&r.base, true));

    let docx = mou::word::redline_docx(&red, "mou", "2026-01-15");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
    for deleted in ["MCP remains liable for its duties. ", " MCP remains liable for its duties."] {
        assert!(doc.contains(&format!("<w:delText xml:space=\"preserve\">{deleted}</w:delText>")), "{deleted:?}");
    }
    assert!(doc.contains("<w:t xml:space=\"preserve\"> MCP must also act quickly.</w:t></w:r></w:ins>"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..proptest::prelude::ProptestConfig::default() })]

    /// Sentences that repeat each other's words, deleted, inserted and reordered at random: moving a change to
    /// whole sentences and giving it its space never changes what accepting or rejecting every change gives.
    #[test]
    fn sentence_changes_accept_and_reject_exactly(
        base in proptest::collection::vec(0usize..6, 1..7),
        edit in proptest::collection::vec(0usize..6, 1..7),
    ) {
        let pool = [
            "MCP must perform.",
            "MCP must report.",
            "MCP remains liable.",
            "MCP must report each quarter.",
            "County must perform.",
            "MCP must perform; County must report.",
        ];
        let para = |ids: &[usize]| ids.iter().map(|&i| pool[i]).collect::<Vec<_>>().join(" ");
        let doc = |ids: &[usize]| format!("# T\n\n## 1. Duties\n\n1.1 {}\n", para(ids));
        let r = report(&doc(&base), &doc(&edit));
        let red = redline::build(&r, "2026-01-15", vec![]);
        proptest::prop_assert_eq!(red.accepted(), plain_text(&r.edited, false));
        proptest::prop_assert_eq!(red.rejected(), plain_text(&r.base, true));
        let md = critic::render(&red);
        proptest::prop_assert_eq!(critic::accept(&md), plain_text(&r.edited, false));
        proptest::prop_assert_eq!(critic::reject(&md), plain_text(&r.base, true));
    }
}
