//! The attestation an MCP files with an unmodified MOU: that it changed no template provision, except to add
//! provisions that neither conflict with nor reduce either party's obligations. `mou` writes it only when the
//! check's verdict is attestable.

use crate::check::FileReport;
use crate::render::{escape_markdown, escape_markdown_inline};
use crate::rules::{Kind, Verdict};
use crate::sanitize::{inline, Inline};
use std::fmt::Write;

/// Why an attestation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The verdict that stands in the way.
    pub verdict: Verdict,
    /// One sentence on why, naming the findings.
    pub reason: String,
}

/// The attestation text (Markdown), or why it cannot be given.
///
/// # Errors
/// The MOU is not attestable: a template provision was modified or weakened.
pub fn attestation(report: &FileReport, date: &str) -> Result<String, Refusal> {
    if report.verdict != Verdict::Attestable {
        let blocking: Vec<String> = report
            .findings
            .iter()
            .filter(|f| matches!(f.kind, Kind::Modification | Kind::Weakening))
            .take(5)
            .map(|f| {
                format!(
                    "{}:{}:{} {} [{}] section {}",
                    Inline(&report.path),
                    f.line,
                    f.column,
                    f.kind.as_str(),
                    f.rule,
                    Inline(&f.section)
                )
            })
            .collect();
        return Err(Refusal {
            verdict: report.verdict,
            reason: format!(
                "the MOU is not attestable: its verdict is {} ({} weakening, {} modification); a modified MOU needs a redline approved by DHCS before it is signed (`mou redline`). First findings:\n  {}",
                report.verdict.as_str(),
                report.count(Kind::Weakening),
                report.count(Kind::Modification),
                blocking.join("\n  ")
            ),
        });
    }
    let mut s = String::from("---\n");
    // Names and text from the input are written with control characters and line breaks made visible, so the
    // front matter keeps one key a line and the file carries nothing a terminal would act on.
    let _ = writeln!(s, "attestation_of: \"{}\"", Inline(&report.path.replace('"', "'")));
    let _ = writeln!(s, "edited_sha256: {}", report.edited_sha256());
    let _ = writeln!(s, "baseline: \"{}\"", Inline(&report.baseline.replace('"', "'")));
    let _ = writeln!(s, "baseline_sha256: {}", report.baseline_sha256());
    let t: Vec<String> = report.templates.iter().map(|(i, v)| format!("{}@{}", Inline(i), Inline(v))).collect();
    let _ = writeln!(s, "templates: [{}]", t.join(", "));
    if let Some(h) = &report.party_sha256 {
        let _ = writeln!(s, "party_sha256: {h}");
    }
    let _ = writeln!(s, "generator: mou {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(s, "date: {date}");
    s.push_str("---\n\n# Attestation of an Unmodified MOU\n\n");
    let who = if report.mcps.is_empty() {
        "The undersigned Medi-Cal managed care plan (\"MCP\")".to_string()
    } else {
        format!("{} (\"MCP\")", escape_markdown(&inline(&report.mcps.join(" and "))))
    };
    let _ = writeln!(
        s,
        "{who} attests to the Department of Health Care Services that the memorandum of understanding in \
         `{}` (SHA-256 {}) follows the MOU template(s) listed below, and that MCP did not change or remove any \
         provision of those templates. The only departures from the template text are the provisions listed \
         under \"Provisions added\", which neither conflict with nor reduce the obligations of any party, as \
         All Plan Letter 23-029 permits.\n",
        Inline(&report.path),
        report.edited_sha256()
    );
    s.push_str("## Templates\n\n");
    if report.templates.is_empty() {
        let _ =
            writeln!(s, "- the official text in `{}` (SHA-256 {})", Inline(&report.baseline), report.baseline_sha256());
    }
    for (id, v) in &report.templates {
        let _ = writeln!(s, "- `{}`, version {}", Inline(id), Inline(v));
    }
    // Optional provisions may be kept or left out without a redline; the attestation says which were kept.
    if !report.optional.is_empty() {
        s.push_str("\n## Optional provisions\n\n");
        for (name, included) in &report.optional {
            let _ = writeln!(
                s,
                "- {}: {}",
                escape_markdown_inline(&inline(name)),
                if *included { "included, as the template words it" } else { "not included" }
            );
        }
    }
    s.push_str("\n## Provisions added\n\n");
    // An added heading is no provision: it only titles the provisions added under it, which are listed.
    let added: Vec<_> = report.findings.iter().filter(|f| f.kind == Kind::Addition && !is_heading(report, f)).collect();
    if added.is_empty() {
        s.push_str("None.\n");
    }
    for (n, f) in added.iter().enumerate() {
        let text: String = f.edited_text.split_whitespace().collect::<Vec<_>>().join(" ");
        // Both values follow other text on their line, where a leading "15." cannot start a list: escaping it
        // would leave a backslash in the text a reader sees.
        let _ = writeln!(
            s,
            "{}. Section {} (line {}): {}",
            n + 1,
            if f.section.is_empty() { "-".to_string() } else { escape_markdown_inline(&inline(&f.section)) },
            f.line,
            escape_markdown_inline(&inline(&text))
        );
    }
    let _ = writeln!(s, "\nDate of this attestation: {date}\n\n## Signature\n");
    let names = if report.mcps.is_empty() { vec![String::from("MCP")] } else { report.mcps.clone() };
    for (i, m) in names.iter().enumerate() {
        let _ = writeln!(s, "**{}**\n\nBy: {BLANK}  Date: ______________\n", escape_markdown(&inline(m)));
        // The signer the party file names; a blank, marked as one, when the baseline is an official text.
        let signer = report.mcp_signers.get(i);
        let known = |v: &str| (!v.trim().is_empty()).then(|| escape_markdown_inline(&inline(v)));
        let name = signer.and_then(|p| known(&p.name));
        let title = signer.and_then(|p| known(&p.title));
        let _ = writeln!(s, "Name: {}\n", name.unwrap_or_else(|| format!("{BLANK} (the signer's name)")));
        let _ = writeln!(s, "Title: {}\n", title.unwrap_or_else(|| format!("{BLANK} (the signer's title)")));
    }
    Ok(s)
}

/// A line to write on.
const BLANK: &str = "______________________________";

/// Whether a finding is about a heading of the edited MOU.
fn is_heading(report: &FileReport, f: &crate::rules::Finding) -> bool {
    f.change
        .and_then(|c| report.comparison.changes.get(c))
        .and_then(|c| c.edit_block)
        .and_then(|j| report.edited.blocks.get(j))
        .is_some_and(crate::document::Block::is_heading)
}
