//! The commented party file `mou import` writes for an imported template, as `mou init` prints one for a bundled
//! template: every key of the party file, each with a comment naming the fill-ins it fills and where they are.
//! Values are left empty, not made up: `mou build` names every fill-in that still needs one.

use super::fill_ins::{comment_text, quote};
use super::keys::party_keys;
use std::fmt::Write as _;

/// What the party file needs to say about one imported template.
pub struct Spec<'a> {
    /// The template's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// The file it was imported from, and its SHA-256.
    pub source: &'a str,
    /// SHA-256 of the official file.
    pub sha256: &'a str,
    /// The house folder, relative to where the party file is written.
    pub templates_dir: &'a str,
    /// Whether the official file is Word (the draft is then best built as Word).
    pub word: bool,
    /// Each fill-in's key, label and position, in document order.
    pub fill_ins: Vec<(&'a str, &'a str, String)>,
    /// Each optional provision's name and the option that keeps it.
    pub options: Vec<(&'a str, &'a str)>,
}

/// Where the fill-ins a key fills are, as a comment.
fn uses(fills: &[(&str, &str, String)], key: &str) -> Option<String> {
    let mine: Vec<&(&str, &str, String)> = fills.iter().filter(|(k, _, _)| *k == key).collect();
    if mine.is_empty() {
        return None;
    }
    let mut labels: Vec<&str> = Vec::new();
    for (_, l, _) in &mine {
        if !labels.contains(l) {
            labels.push(l);
        }
    }
    let labels: Vec<String> = labels.iter().map(|l| format!("[{}]", comment_text(l))).collect();
    let mut at: Vec<String> = mine.iter().take(6).map(|(_, _, p)| p.clone()).collect();
    if mine.len() > 6 {
        at.push(format!("and {} more", mine.len() - 6));
    }
    Some(format!("Fills {} at {}.", labels.join(", "), at.join(", ")))
}

/// The party file's text.
#[must_use]
pub fn party_file(spec: &Spec<'_>) -> String {
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "# Party file for an MOU on the official template `{}`:", comment_text(spec.id));
    let _ = writeln!(w, "#   {}", comment_text(spec.title));
    let _ = writeln!(w, "# imported by `mou import` from {} (SHA-256 {}).", comment_text(spec.source), spec.sha256);
    let format = if spec.word { " --format docx" } else { "" };
    let _ = writeln!(w, "# Give every value, then build the draft with:  mou build THIS_FILE.toml{format}");
    let _ = writeln!(w, "# Each comment names the fill-ins a value fills and where they are in the official file");
    let _ =
        writeln!(w, "# (line:column; in a Word file, paragraph:column). `mou build` refuses to write a draft while");
    let _ = writeln!(w, "# a fill-in it needs has no value. Values are text, written as they should read.\n");
    let _ = writeln!(w, "templates = [{}]", quote(spec.id));
    let _ =
        writeln!(w, "# The folder of house templates that holds `{}`, relative to this file.", comment_text(spec.id));
    let _ = writeln!(w, "templates_dir = {}\n", quote(spec.templates_dir));
    let fills = &spec.fill_ins;
    let line = |w: &mut String, key: &str, field: &str| match uses(fills, key) {
        Some(c) => {
            let _ = writeln!(w, "# {c}");
            let _ = writeln!(w, "{field} = \"\"");
        }
        None => {
            let _ = writeln!(w, "{field} = \"\"  # not used by this template");
        }
    };
    let _ = writeln!(w, "# The county the MOU covers.");
    line(w, "county", "county");
    let _ = writeln!(w, "\n# When the MOU takes effect: a date, YYYY-MM-DD without quotes. Required.");
    if let Some(c) = uses(fills, "effective_date") {
        let _ = writeln!(w, "# {c}");
    }
    let _ = writeln!(w, "# effective_date = YYYY-MM-DD\n");
    for (side, table, what) in
        [("mcp", "[[mcp]]", "The Managed Care Plan."), ("other_party", "[other_party]", "The other party.")]
    {
        let _ = writeln!(w, "# {what}");
        let _ = writeln!(w, "{table}");
        line(w, &format!("{side}.legal_name"), "legal_name");
        if side == "mcp" {
            line(w, "mcp.short_name", "short_name");
        } else if let Some(c) = uses(fills, "other_party.short_name") {
            let _ = writeln!(w, "# {c} Defaults to the template's own term.");
            let _ = writeln!(w, "# short_name = \"\"");
        }
        for (sub, fields) in [
            ("responsible_person", &["name", "title", "email", "phone"][..]),
            ("liaison", &["name", "title", "email", "phone"][..]),
            ("notice", &["attention", "address", "email"][..]),
            ("signer", &["name", "title"][..]),
        ] {
            let _ = writeln!(w, "\n[{side}.{sub}]");
            for f in fields {
                line(w, &format!("{side}.{sub}.{f}"), f);
            }
        }
        w.push('\n');
    }
    if !spec.options.is_empty() {
        let _ = writeln!(w, "# Optional provisions of the official template: true keeps one, false leaves it out.");
        let _ = writeln!(w, "[options]");
        for (name, option) in &spec.options {
            let _ = writeln!(w, "# {}", comment_text(name));
            let _ = writeln!(w, "{option} = true");
        }
        w.push('\n');
    }
    if fills.iter().any(|(k, _, _)| k.starts_with("fill.")) {
        let _ = writeln!(w, "# Fill-ins no other key of the party file names.");
        let _ = writeln!(w, "[fill]");
        // In document order of their first use.
        let mut seen: Vec<&str> = Vec::new();
        for (k, _, _) in fills {
            if let Some(name) = k.strip_prefix("fill.") {
                if !seen.contains(&name) {
                    seen.push(name);
                    line(w, k, name);
                }
            }
        }
    }
    debug_assert!(fills.iter().all(|(k, _, _)| k.starts_with("fill.") || party_keys().iter().any(|p| p == k)));
    s
}
