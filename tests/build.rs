//! `mou build`, `mou list` and `mou init` as a user runs them.

use crate::support::{init, mou, Test};

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in text")) + 1
}

/// A bad party file: exit 2 and a message naming the file and the line.
#[track_caller]
fn rejects(party: &str, line: Option<usize>, needles: &[&str]) {
    let t = Test::new().file("p.toml", party).args(&["build", "p.toml"]);
    let run = t.run();
    run.code(2);
    match line {
        Some(line) => run.stderr_has(&format!("p.toml:{line}:")),
        None => run.stderr_has("p.toml"),
    };
    for n in needles {
        run.stderr_has(n);
    }
    assert!(!t.path("p.md").exists(), "a draft was written for a bad party file");
}

#[test]
fn list_shows_all_thirteen_templates_with_status() {
    let out = mou().arg("list").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = text.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "base",
            "ihss",
            "smhs",
            "dmc-ods",
            "regional-center",
            "lhd",
            "social-services",
            "wic",
            "tcm",
            "dmc-sp",
            "first5",
            "justice-involved",
            "lea"
        ]
    );
    let lea = text.lines().find(|l| l.starts_with("lea ")).unwrap();
    assert!(lea.contains("forthcoming") && lea.contains("2027-01-01"), "{lea}");
    let tcm = text.lines().find(|l| l.starts_with("tcm ")).unwrap();
    assert!(tcm.contains("2024-07-01") && tcm.contains("released"), "{tcm}");
}

#[test]
fn toml_syntax_error() {
    let party = init("ihss").replacen("county = \"Sierra Vista\"", "county = \"Sierra Vista", 1);
    rejects(&party, Some(line_of(&party, "county = ")), &["help:"]);
}

#[test]
fn unknown_key_gets_a_suggestion() {
    let party = init("ihss").replacen("[mcp.liaison]", "[mcp.liason]", 1);
    rejects(&party, Some(line_of(&party, "[mcp.liason]")), &["liason", "did you mean `liaison`?"]);
}

#[test]
fn missing_required_field() {
    let party = init("ihss").replacen("legal_name = \"Harbor Coast Health Plan\"\n", "", 1);
    rejects(&party, None, &["missing field `legal_name`", "mou init"]);
}

#[test]
fn wrong_type() {
    let party = init("ihss").replacen("county = \"Sierra Vista\"", "county = 42", 1);
    rejects(&party, Some(line_of(&party, "county = 42")), &["invalid type", "string"]);
}

#[test]
fn unknown_template_id_gets_a_suggestion_and_the_list() {
    let party = init("ihss").replacen("templates = [\"ihss\"]", "templates = [\"ihs\"]", 1);
    rejects(
        &party,
        Some(line_of(&party, "templates = ")),
        &["unknown template `ihs`", "did you mean `ihss`?", "dmc-ods"],
    );
}

#[test]
fn forthcoming_template_says_when() {
    let party = init("ihss").replacen("templates = [\"ihss\"]", "templates = [\"lea\"]", 1);
    rejects(&party, Some(line_of(&party, "templates = ")), &["not released", "2027-01-01"]);
}

#[test]
fn effective_date_before_the_template() {
    let party = init("tcm").replacen("effective_date = 2024-07-01", "effective_date = 2024-03-01", 1);
    rejects(&party, Some(line_of(&party, "effective_date = ")), &["before template `tcm` takes effect on 2024-07-01"]);
}

#[test]
fn ccs_exhibit_in_a_whole_child_model_county() {
    let party = init("lhd").replacen("whole_child_model = false", "whole_child_model = true", 1);
    rejects(&party, Some(line_of(&party, "ccs_exhibit_f = true")), &["Whole Child Model", "WCM MOU"]);
}

#[test]
fn unknown_option_gets_a_suggestion() {
    let party = init("lhd").replacen("ccs_exhibit_f = true", "ccs_exhibit = true", 1);
    rejects(&party, Some(line_of(&party, "ccs_exhibit = ")), &["unknown option", "did you mean `ccs_exhibit_f`?"]);
}

#[test]
fn justice_involved_go_live_date_is_the_earliest_start() {
    let party = init("justice-involved").replacen("go_live_date = 2026-01-01", "go_live_date = 2026-04-01", 1);
    rejects(&party, Some(line_of(&party, "effective_date = ")), &["go-live date 2026-04-01"]);
}

#[test]
fn output_path_that_is_the_input_is_refused_even_with_force() {
    let t = Test::new().file("p.toml", init("wic")).args(&["build", "p.toml", "-o", "p.toml", "--force"]);
    // A .toml output asks for no format mou writes; with the format named, it is still the input.
    t.run().code(2).stderr_has("does not say which format to write");
    let t = t.args(&["build", "p.toml", "-o", "p.toml", "--format", "md", "--force"]);
    t.run().code(2).stderr_has("is the input");
    assert_eq!(t.read("p.toml"), init("wic"), "the party file was changed");
}

#[test]
fn existing_output_is_not_overwritten_without_force() {
    let t = Test::new().file("p.toml", init("wic")).file("p.md", "my edits").args(&["build", "p.toml"]);
    t.run().code(2).stderr_has("already exists").stderr_has("--force");
    assert_eq!(t.read("p.md"), "my edits");
    let t = t.args(&["build", "p.toml", "--force"]);
    t.run().code(0);
    assert!(t.read("p.md").contains("# Memorandum of Understanding"));
}

#[test]
fn every_released_template_builds_a_complete_draft() {
    let sections = [
        "Recitals",
        "Definitions",
        "Term",
        "Services",
        "MCP Obligations",
        "Training",
        "Referrals",
        "Care Coordination",
        "Data Sharing",
        "Meetings",
        "Quality Improvement",
        "Dispute Resolution",
        "General",
        "Signatures",
    ];
    let list = String::from_utf8(mou().arg("list").output().unwrap().stdout).unwrap();
    for line in list.lines().filter(|l| l.ends_with("released")) {
        let id = line.split_whitespace().next().unwrap();
        let t = Test::new().file("p.toml", init(id)).args(&["build", "p.toml", "-o", "draft.md"]);
        t.run().code(0);
        let md = t.read("draft.md");
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
        for s in sections {
            assert!(headings.iter().any(|h| h.contains(s)), "{id}: no section heading with {s:?} in {headings:#?}");
        }
        for bad in ["{{", "{%", "[Insert", "§"] {
            assert!(!md.contains(bad), "{id}: unfilled placeholder {bad:?}");
        }
        // One MCP and the other party sign the example.
        assert_eq!(md.matches("By: ____").count(), 2, "{id}: signature lines");
        assert!(md.starts_with("---\ngenerator: mou "), "{id}: front matter");
        assert!(md.contains(&format!("templates: [{id}@")), "{id}: template version in front matter");
    }
}

#[test]
fn a_combined_mou_has_a_signature_line_for_every_signatory() {
    let party = combined_party();
    let t = Test::new().file("p.toml", &party).args(&["build", "p.toml", "-o", "-"]);
    let run = t.run();
    run.code(0);
    // Two MCPs, the county and one Knox-Keene subcontractor.
    assert_eq!(run.stdout.matches("By: ____").count(), 4);
    for name in ["Harbor Coast Health Plan", "Valley Family Health Plan", "Coastal Physicians Health Network"] {
        assert!(run.stdout.contains(name), "{name} missing");
    }
}

/// smhs + dmc-ods, two MCPs and one Knox-Keene subcontractor.
pub fn combined_party() -> String {
    let mut party = init("smhs").replacen("templates = [\"smhs\"]", "templates = [\"smhs\", \"dmc-ods\"]", 1);
    let second_mcp = party[party.find("\n[[mcp]]\n").unwrap() + 1..party.find("# The other party").unwrap()]
        .replace("Harbor Coast Health Plan", "Valley Family Health Plan")
        .replace("Harbor Coast", "Valley Family")
        .replace("harborcoast", "valleyfamily");
    let at = party.find("# The other party").unwrap();
    party.insert_str(at, &second_mcp);
    party.push_str(
        "\n[[subcontractor]]\nlegal_name = \"Coastal Physicians Health Network\"\nshort_name = \"Coastal\"\n\
         knox_keene_license = \"933-0456\"\ndelegated_duties = [\"referrals\", \"care coordination\"]\n\
         [subcontractor.signer]\nname = \"Riley Brooks\"\ntitle = \"President\"\n",
    );
    party
}

#[test]
fn party_values_are_data_not_markup() {
    let hostile = "# Heading <script>alert(1)</script> {{ mou.county }} {% if true %}x{% endif %}";
    let party = init("smhs")
        .replacen("legal_name = \"Harbor Coast Health Plan\"", &format!("legal_name = {hostile:?}"), 1)
        .replacen("name = \"Luis Ortega\"", "name = \"- not a list item\"", 1)
        .replacen("county = \"Sierra Vista\"", "county = \"1. Sierra [Vista](http://x)\"", 1);
    let t = Test::new().file("p.toml", &party).args(&["build", "p.toml", "-o", "draft.html"]);
    t.run().code(0);
    let html = t.read("draft.html");
    assert!(!html.contains("<script>"), "script injected");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "script text not shown literally");
    assert!(html.contains("{{ mou.county }}") && html.contains("{% if true %}x{% endif %}"), "template code ran");
    assert!(html.contains("# Heading"), "value opened a heading");
    assert!(html.contains("- not a list item"), "value opened a list");
    assert!(html.contains("[Vista](http://x)") && !html.contains("href=\"http://x\""), "value made a link");

    let t = t.args(&["build", "p.toml", "-o", "draft.md"]);
    t.run().code(0);
    let md = t.read("draft.md");
    // In the Markdown, no line may start with the hostile heading or list marker.
    assert!(!md.lines().any(|l| l.starts_with("# Heading") || l.starts_with("- not a list")));
}

#[test]
fn house_templates_replace_the_bundled_ones() {
    let catalog = "[[template]]\nid = \"base\"\ntitle = \"House base\"\nother_party = \"Other Party\"\nstatus = \"released\"\nversion = \"7.1.0\"\nfile = \"base.md.j2\"\n\n\
        [[template]]\nid = \"ihss\"\ntitle = \"House IHSS\"\nother_party = \"County\"\neffective = \"2024-01-01\"\nstatus = \"released\"\nversion = \"7.1.0\"\nfile = \"ihss.md.j2\"\n";
    let base = "# House Memorandum\n\n## §§ Duties\n\n§. {{ mcps[0].legal_name }} must meet {{ other.short }} quarterly.\n\n{% for p in programs %}{% import p.file as prog %}{{ prog.duties(p) }}{% endfor %}\n";
    let ihss = "{% macro duties(p) %}§. The house IHSS clause for {{ p.short }}.\n{% endmacro %}\n";
    let t = Test::new()
        .file("house/catalog.toml", catalog)
        .file("house/base.md.j2", base)
        .file("house/ihss.md.j2", ihss)
        .file("p.toml", init("ihss"))
        .args(&["build", "p.toml", "--templates", "house", "-o", "-"]);
    let run = t.run();
    run.code(0);
    assert!(run.stdout.contains("templates: [ihss@7.1.0]"), "{}", run.stdout);
    assert!(run.stdout.contains("## 1. Duties"));
    assert!(run.stdout.contains("1.1 Harbor Coast Health Plan must meet County quarterly."));
    assert!(run.stdout.contains("1.2 The house IHSS clause for County."));
    // The same folder named in the party file.
    let party = format!("templates_dir = \"house\"\n{}", init("ihss"));
    let t = t.file("p2.toml", party).args(&["build", "p2.toml", "-o", "-"]);
    t.run().code(0).stdout_has("The house IHSS clause");
    // A template with an error names the template file and line.
    let t = t.file("house/ihss.md.j2", "{% macro duties(p) %}{{ p.nope }}{% endmacro %}\n").args(&[
        "build",
        "p.toml",
        "--templates",
        "house",
        "-o",
        "-",
    ]);
    t.run().code(2).stderr_has("ihss.md.j2");
}

/// Whether a program is on `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The printed pages of an HTML page, through `scripts/html-to-pdf.sh` (headless Chromium, then pdftotext), each
/// page's non-empty lines trimmed.
fn printed_pages(html: &std::path::Path) -> Vec<Vec<String>> {
    let script = crate::support::project_dir().join("scripts/html-to-pdf.sh");
    let out = std::process::Command::new("bash").arg(script).arg(html).output().expect("run html-to-pdf.sh");
    assert!(out.status.success(), "html-to-pdf.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        .collect();
    pages.retain(|p: &Vec<String>| !p.is_empty());
    pages
}

/// Printed from a browser, every page of a draft and of a redline is numbered "Page N of M", and no page ends
/// with a lead-in ("5.5 MCP's Liaison must:") or a clause heading whose list or text went on to the next page.
#[test]
fn printed_html_is_numbered_and_keeps_lead_ins_with_their_lists() {
    if !(on_path("chromium") && on_path("pdftotext")) {
        eprintln!("skipped: chromium or pdftotext not installed");
        return;
    }
    let t = Test::new()
        .file("party.toml", std::fs::read(crate::support::project_dir().join("fixtures/example/party.toml")).unwrap())
        .args(&["build", "party.toml", "-o", "draft.html"]);
    t.run().code(0);
    let redline = crate::support::project_dir().join("fixtures/redline");
    let (edited, official) = (redline.join("edited.md"), redline.join("official.md"));
    t.run_args(&[
        "redline",
        edited.to_str().unwrap(),
        "--against",
        official.to_str().unwrap(),
        "-o",
        "redline.html",
        "--date",
        "2026-01-15",
    ]);
    let heading = |l: &str| {
        l.split_once(". ").is_some_and(|(n, rest)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.split_whitespace().count() <= 6
        })
    };
    for name in ["draft.html", "redline.html"] {
        let pages = printed_pages(&t.path(name));
        assert!(pages.len() >= 2, "{name}: {} pages", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let number = format!("Page {} of {}", n + 1, pages.len());
            assert!(page.iter().any(|l| l.ends_with(&number)), "{name}: no {number:?} on page {}: {page:#?}", n + 1);
            let last = page.iter().rev().find(|l| !l.starts_with("Page ")).map_or("", String::as_str);
            assert!(
                !(last.ends_with(':') || heading(last)) || n + 1 == pages.len(),
                "{name}: page {} ends with {last:?}, apart from what follows it",
                n + 1
            );
        }
    }
}
