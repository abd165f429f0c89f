//! Hostile input: the files in `fixtures/hostile/`, each of which once made `mou check` panic or take far more
//! memory or time than its size warrants, and large inputs generated here. Each test asserts what `mou` must do
//! (exit code, report, a one-line input error naming a limit), never how long it takes.

use crate::generate;
use crate::support::{project_dir, Run, Test};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    project_dir().join("fixtures/hostile").join(name)
}

/// `mou check` with these arguments in the fixtures folder.
fn check_in(dir: &str, args: &[&str]) -> Run {
    let out =
        crate::support::mou().arg("check").args(args).current_dir(fixture(dir)).env("NO_COLOR", "1").output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A report, not a crash: exit code 1, the file's verdict and the rule that found the weakening.
#[track_caller]
fn weakening_reported(run: &Run, file: &str, rule: &str) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.code(1).stdout_has(&format!("{file}: weakens required provisions")).stdout_has(&format!("[{rule}]"));
}

#[test]
fn a_multibyte_space_before_a_zero_width_character_is_reported_not_a_panic() {
    let dir = "panic-hidden-nbsp-zwsp";
    for edited in ["edited.md", "edited.docx", "alone.md"] {
        let run = check_in(dir, &["--against", "official.md", edited]);
        weakening_reported(&run, edited, "hidden-zero-width");
        // The word around the zero-width character is cut at the non-breaking space before it.
        assert!(run.stdout.contains("edited:   x\u{200b}y"), "{}", run.stdout);
    }
}

#[test]
fn a_deleted_word_with_a_non_ascii_letter_is_reported_not_a_panic() {
    let dir = "panic-scope-jose";
    let run = check_in(dir, &["--against", "official.md", "edited.md"]);
    weakening_reported(&run, "edited.md", "scope-limited");
    // The same text as a Word file, and with the two sides swapped.
    let edited = std::fs::read_to_string(fixture(dir).join("edited.md")).unwrap();
    let t = Test::new()
        .file("official.md", std::fs::read(fixture(dir).join("official.md")).unwrap())
        .file("edited.docx", mou::word::draft_docx(&edited, &mou::word::DocProps::from_markdown(&edited)));
    weakening_reported(
        &t.run_args(&["check", "--against", "official.md", "edited.docx"]),
        "edited.docx",
        "scope-limited",
    );
    let run = check_in(dir, &["--against", "edited.md", "official.md"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
}

/// An input error: exit code 2 and a message on stderr that says what limit the file broke.
#[track_caller]
fn refused(run: &Run, needles: &[&str]) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.code(2);
    for n in needles {
        run.stderr_has(n);
    }
}

#[test]
fn a_long_list_label_pattern_is_refused_naming_the_limit() {
    // 6 KB on disk: 2,000 numbered paragraphs whose label pattern is 100,000 characters long.
    let run = check_in(".", &["--against", "official.md", "numbering-lvltext-amplification.docx"]);
    refused(
        &run,
        &[
            "numbering-lvltext-amplification.docx",
            "word/numbering.xml",
            "list label of 100002 characters",
            "up to 64 characters",
        ],
    );
    // One character over the limit is refused too; at the limit, the label reads as Word shows it.
    let at_limit = format!("%1{}", "x".repeat(62));
    let body = [generate::numbered(1, 0, "MCP shall act."), generate::numbered(1, 0, "MCP shall report.")].concat();
    for (pattern, ok) in [(format!("{at_limit}y"), false), (at_limit.clone(), true)] {
        let numbering = generate::numbering("decimal", &pattern, 1);
        let t = Test::new()
            .file("o.md", format!("{at_limit}\n"))
            .file("e.docx", generate::docx(&body, &[("word/numbering.xml", &numbering)]));
        let run = t.run_args(&["check", "--against", "o.md", "e.docx", "--format", "json"]);
        if ok {
            assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
            assert!(run.stdout.contains(&format!("2{}", &at_limit[2..])), "{}", run.stdout);
        } else {
            refused(&run, &["list label of 65 characters"]);
        }
    }
}

#[test]
fn a_label_spelled_out_past_the_limit_is_cut_at_it() {
    // Within the pattern limit, "%1" in letters repeats its letter once per 26 items: 40 "%1" of 40 letters each
    // would be 1,600 characters in front of every paragraph.
    let numbering = generate::numbering("upperLetter", &"%1".repeat(32), 1_040);
    let body = generate::numbered(1, 0, "MCP shall act.");
    let t = Test::new()
        .file("o.md", "MCP shall act.\n")
        .file("e.docx", generate::docx(&body, &[("word/numbering.xml", &numbering)]));
    let run = t.run_args(&["check", "--against", "o.md", "e.docx", "--format", "json"]);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let added = v["files"][0]["findings"].as_array().unwrap().iter().find_map(|f| f["edited_text"].as_str()).unwrap();
    let label = added.split(' ').next().unwrap();
    assert_eq!(label, "Z".repeat(64), "{added}");
}

#[test]
fn a_word_part_that_decompresses_past_the_limit_is_refused() {
    // 93 KB on disk: one paragraph of 60 MB of text.
    let run = check_in(".", &["--against", "mem-single-paragraph-60mb.docx", "official.md"]);
    refused(&run, &["mem-single-paragraph-60mb.docx", "word/document.xml would decompress to more than 32 MiB"]);
}

/// A paragraph one byte over the limit, of short words.
fn long_paragraph() -> String {
    let mut text = "MCP shall ".repeat(mou::document::MAX_PARAGRAPH_BYTES / 10 + 1);
    text.push_str("act.");
    text
}

#[test]
fn a_paragraph_past_the_limit_is_refused_naming_its_line() {
    let long = long_paragraph();
    assert!(long.len() > mou::document::MAX_PARAGRAPH_BYTES);
    let short = "MCP shall act.";
    let md = format!("# MOU\n\n{short}\n\n{long}\n\n{short}\n");
    let body = [generate::p("MOU"), generate::p(short), generate::p(&long), generate::p(short)].concat();
    let t = Test::new()
        .file("o.md", "# MOU\n\nMCP shall act.\n")
        .file("long.md", &md)
        .file("long.docx", generate::docx(&body, &[]));
    for (file, line) in [("long.md", 5), ("long.docx", 3)] {
        let run = t.run_args(&["check", "--against", "o.md", file]);
        refused(&run, &[&format!("{file}:{line}:1: the paragraph that starts here is longer than 64 KiB")]);
        // As the baseline too.
        let run = t.run_args(&["check", "--against", file, "o.md"]);
        refused(&run, &[&format!("{file}:{line}:1:"), "64 KiB"]);
    }
    // Pending deletions of paragraph marks join paragraphs: the joined paragraph is held to the limit too.
    let half = &long[..long.len() / 2 + 10];
    let deleted_mark = |text: &str| {
        format!(
            r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    };
    let body = [generate::p("MOU"), deleted_mark(half), generate::p(half)].concat();
    let t = t.file("joined.docx", generate::docx(&body, &[]));
    refused(&t.run_args(&["check", "--against", "o.md", "joined.docx"]), &["joined.docx:2:1:", "64 KiB"]);
    // And so is a table row, its cells together.
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", generate::p(text));
    let body = format!("{}<w:tbl><w:tr>{}{}</w:tr></w:tbl>", generate::p("MOU"), cell(half), cell(half));
    let t = t.file("row.docx", generate::docx(&body, &[]));
    refused(&t.run_args(&["check", "--against", "o.md", "row.docx"]), &["row.docx:2:1:", "64 KiB"]);
    // A row of many empty cells reads as their separators: it is held to the limit as it is read.
    let body = format!("{}<w:tbl><w:tr>{}{}</w:tr></w:tbl>", generate::p("MOU"), cell("x"), "<w:tc/>".repeat(30_000));
    let t = t.file("cells.docx", generate::docx(&body, &[]));
    refused(&t.run_args(&["check", "--against", "o.md", "cells.docx"]), &["cells.docx:2:1:", "64 KiB"]);
}

#[test]
fn a_document_past_the_text_limit_is_refused_naming_the_limit() {
    let limit = mou::document::MAX_TEXT_BYTES;
    let paragraph = "MCP shall act. ".repeat(4_000);
    let count = limit / paragraph.len() + 1;
    let md: String = std::iter::repeat_n(format!("{paragraph}\n\n"), count).collect();
    assert!(md.len() > limit);
    let body: String = std::iter::repeat_n(generate::p(&paragraph), count).collect();
    let t = Test::new()
        .file("o.md", "MCP shall act.\n")
        .file("long.md", &md)
        .file("long.docx", generate::zip_docx_stored(&body));
    refused(
        &t.run_args(&["check", "--against", "o.md", "long.md"]),
        &["long.md: the file holds more than 8 MiB of text"],
    );
    refused(
        &t.run_args(&["check", "--against", "o.md", "long.docx"]),
        &["long.docx: the Word file holds more than 8 MiB of text"],
    );
    // Just under the limit, the same text is read.
    let md: String = std::iter::repeat_n(format!("{paragraph}\n\n"), count - 2).collect();
    let t = t.file("under.md", &md);
    let run = t.run_args(&["check", "--against", "o.md", "under.md"]);
    run.code(0).stdout_has("under.md: attestable");
}

/// The block alignment, the placing of deleted blocks and the pairing of moved ones take time in proportion to
/// the number of blocks: 200,000 one-line clauses against the same with a few edits, and against a text with no
/// clause in common, are checked in full.
#[test]
fn two_hundred_thousand_paragraphs_are_checked_in_full() {
    use mou::check::{check, Baseline};
    use mou::rules::Kind;
    let clauses = generate::clauses(200_000);
    let base = Baseline::from_text("base.md", &generate::markdown(&clauses));
    let mut edited = clauses.clone();
    for k in [7, 70_000, 199_999] {
        edited[k] = edited[k].replace("must", "may");
    }
    edited.remove(150_000);
    let report = check(&base, mou::document::markdown::parse("edited.md", generate::markdown(&edited)), "edited.md");
    let weakenings: Vec<&str> =
        report.findings.iter().filter(|f| f.kind == Kind::Weakening).map(|f| f.rule.as_str()).collect();
    assert_eq!(weakenings, ["modal-downgrade", "modal-downgrade", "provision-deleted", "modal-downgrade"]);

    // Against a text with no clause in common: every baseline block is deleted, placed before the added blocks.
    let other: Vec<String> = (1..=200_000).map(|n| format!("{n}. The County shall report {n}.")).collect();
    let other = mou::document::markdown::parse("other.md", generate::markdown(&other));
    let comparison = mou::compare::compare(&base.doc, &other);
    let deleted = comparison.rows.iter().filter(|r| r.edit.is_none()).count();
    let added = comparison.rows.iter().filter(|r| r.base.is_none()).count();
    assert_eq!((deleted, added, comparison.rows.len()), (200_000, 200_000, 400_000));
    let deletions = comparison.changes.iter().filter(|c| c.kind == mou::compare::ChangeKind::Deleted);
    let first_added = other.blocks[0].source_offset(0);
    assert!(deletions.clone().count() == 200_000 && deletions.into_iter().all(|c| c.edit_offset == first_added));
}

#[test]
fn a_party_value_that_makes_a_paragraph_past_the_limit_is_refused() {
    let long = long_paragraph();
    let party =
        format!("{}\n[[additional_provision]]\ntitle = \"Extra\"\ntext = \"{long}\"\n", crate::support::init("ihss"));
    let t = Test::new().file("p.toml", party).file("e.md", "# MOU\n\nMCP shall act.\n");
    let run = t.run_args(&["check", "--party", "p.toml", "e.md"]);
    refused(&run, &["p.toml: the MOU this party file fills in has a paragraph longer than 64 KiB"]);
}

#[test]
fn hidden_text_is_kept_to_the_paragraph_limit() {
    use mou::document::{from_bytes, TrickKind, MAX_PARAGRAPH_BYTES};
    // Seven MiB of text inside one HTML comment, struck out, or in HTML styled not to display: reported as hidden
    // text, of which no more than a paragraph's worth is kept.
    let filler = "MCP may decline. ".repeat(7 << 16);
    let filler = filler.trim_end();
    for (kind, md) in [
        (TrickKind::HtmlComment, format!("MCP shall act.\n\n<!-- {filler} -->\n")),
        (TrickKind::Strikethrough, format!("MCP shall act. ~~{filler}~~\n")),
        (TrickKind::HiddenHtml, format!("MCP shall act. <span style=\"display:none\">{filler}</span>\n")),
        (TrickKind::LinkReferenceComment, format!("MCP shall act.\n\n[//]: # ({filler})\n")),
    ] {
        let peak = crate::memory::Peak::start();
        let doc = from_bytes("e.md", md.as_bytes()).unwrap();
        let trick = doc.tricks.iter().find(|t| t.kind == kind).unwrap_or_else(|| panic!("{kind:?}: {:?}", doc.tricks));
        assert!(trick.text.starts_with("MCP may decline.") && trick.text.len() <= MAX_PARAGRAPH_BYTES, "{kind:?}");
        let base = mou::check::Baseline::from_text("o.md", "MCP shall act.\n");
        let report = mou::check::check(&base, doc, "e.md");
        assert!(report.findings.iter().any(|f| f.rule.starts_with("hidden-")), "{kind:?}");
        // The file itself, a few copies of its text while it is read, and no more.
        assert!(peak.bytes() < 8 * md.len(), "{kind:?}: {} MiB held", peak.bytes() >> 20);
    }
}
