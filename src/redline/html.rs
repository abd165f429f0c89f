//! The redline as one self-contained HTML page in legal redline style: a cover with the parties, templates,
//! date, verdict and a summary table of every change, then the full text with deletions struck through in red,
//! insertions underlined in blue, moves in green, and each weakening marked in the margin and linked to its row.
//! No scripts or external assets; all document text is escaped.

use super::{Class, Op, Redline, Style};
use crate::render::html::{carries_label, escape_html, TEXT_CSS};
use crate::rules::Kind;
use std::fmt::Write;

const CSS: &str = r"
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; max-width: 46rem; margin: 2rem auto; padding: 0 1rem 0 4rem; color: #111; }
h1 { font-size: 1.5rem; }
.cover { border-bottom: 2px solid #333; margin-bottom: 2rem; padding-bottom: 1rem; break-after: page; page-break-after: always; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; font-size: 0.9rem; }
.cover dt { font-weight: bold; }
.cover dd { margin: 0; overflow-wrap: anywhere; }
.verdict { font-size: 1.1rem; font-weight: bold; padding: 0.4rem 0.6rem; border: 2px solid; display: inline-block; }
.v-attestable { color: #14532d; } .v-redline-required { color: #92400e; } .v-weakens-required-provisions { color: #b91c1c; }
table.summary { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-top: 1rem; }
table.summary th, table.summary td { border: 1px solid #999; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
table.summary tr { break-inside: avoid; page-break-inside: avoid; }
tr.weakening td.kind { color: #b91c1c; font-weight: bold; }
ins { color: #1d4ed8; text-decoration: underline; }
del { color: #b91c1c; text-decoration: line-through; }
ins.moved, del.moved { color: #15803d; }
ins.fill { color: inherit; text-decoration: underline dotted #888; }
ins.cosmetic, del.cosmetic { color: #6b7280; }
.block { position: relative; }
.margin { position: absolute; left: -3.5rem; width: 3rem; text-align: right; font: bold 0.75rem sans-serif; color: #b91c1c; }
.margin a { color: inherit; }
sup.ref a { color: #555; font: 0.7rem sans-serif; text-decoration: none; }
.legend { font-size: 0.85rem; }
@page { size: letter; margin: 0.9in 0.8in 0.9in 1.1in; }
@media print { body { margin: 0; max-width: none; } * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
";

/// Options for the HTML redline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Show cosmetic differences (hidden by default).
    pub show_cosmetic: bool,
}

/// The HTML page.
#[must_use]
pub fn render(redline: &Redline, options: Options) -> String {
    let p = &redline.provenance;
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("Redline of {}", p.edited);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n",
        escape_html(&title)
    );
    let _ = write!(
        out,
        "<meta name=\"generator\" content=\"{}\">\n<style>{CSS}{TEXT_CSS}</style>\n</head>\n<body>\n",
        escape_html(&p.tool)
    );
    // Cover.
    out.push_str("<section class=\"cover\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape_html(&title));
    out.push_str("<dl>\n");
    let row = |out: &mut String, k: &str, v: &str| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape_html(k), escape_html(v));
    };
    if !p.parties.is_empty() {
        row(&mut out, "Parties", &p.parties.join("; "));
    }
    let templates: Vec<String> = p.templates.iter().map(|(i, v)| format!("{i} {v}")).collect();
    row(&mut out, "Templates", &if templates.is_empty() { "not recorded".to_string() } else { templates.join(", ") });
    if let Some(optional) = p.optional_line() {
        row(&mut out, "Optional provisions", &optional);
    }
    row(&mut out, "Date", &p.date);
    row(&mut out, "Baseline", &p.baseline);
    row(&mut out, "Baseline SHA-256", &p.baseline_sha256);
    row(&mut out, "Edited file", &p.edited);
    row(&mut out, "Edited SHA-256", &p.edited_sha256);
    if let Some(h) = &p.party_sha256 {
        row(&mut out, "Party file SHA-256", h);
    }
    row(&mut out, "Prepared with", &p.tool);
    out.push_str("</dl>\n");
    let verdict = redline.verdict.as_str();
    let _ = writeln!(out, "<p class=\"verdict v-{verdict}\">Verdict: {}</p>", escape_html(&verdict.replace('-', " ")));
    out.push_str("<p class=\"legend\">Deletions are <del>struck through in red</del>, insertions <ins>underlined in blue</ins>, moved provisions <ins class=\"moved\">in green</ins>. A weakening is marked in the left margin and linked to its row below.</p>\n");
    let rows = redline.summary();
    if rows.is_empty() {
        out.push_str("<p>No template provision was changed.</p>\n");
    } else {
        out.push_str("<table class=\"summary\">\n<thead><tr><th>#</th><th>Section</th><th>Kind</th><th>Rule</th><th>Reason</th></tr></thead>\n<tbody>\n");
        for (n, (i, f)) in rows.iter().enumerate() {
            let kind = if f.rule == "moved" { "moved" } else { f.kind.as_str() };
            let _ = writeln!(
                out,
                "<tr id=\"f{i}\" class=\"{}\"><td><a href=\"#r{i}\">{}</a></td><td>{}</td><td class=\"kind\">{}</td><td>{}</td><td>{}</td></tr>",
                f.kind.as_str(),
                n + 1,
                escape_html(&f.section),
                escape_html(kind),
                escape_html(&f.rule),
                escape_html(&f.message)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n<main class=\"redline\">\n");
    // Numbering of summary rows, for the reference marks.
    let number: std::collections::HashMap<usize, usize> =
        rows.iter().enumerate().map(|(n, (i, _))| (*i, n + 1)).collect();
    let mut in_list = false;
    for (k, b) in redline.blocks.iter().enumerate() {
        let is_item = b.style == Style::ListItem;
        if is_item && !in_list {
            out.push_str("<ul>\n");
            in_list = true;
        } else if !is_item && in_list {
            out.push_str("</ul>\n");
            in_list = false;
        }
        let tag = match b.style {
            Style::Heading(l) => format!("h{}", (l + 1).clamp(2, 6)),
            Style::ListItem => "li".to_string(),
            Style::Paragraph | Style::TableRow => "p".to_string(),
        };
        // A list item with its own label shows no bullet; a paragraph that leads into a list stays with it.
        let layout = match b.style {
            Style::ListItem if carries_label(&b.shown_text()) => " labelled",
            Style::Paragraph if redline.blocks.get(k + 1).is_some_and(|n| n.style == Style::ListItem) => " lead-in",
            _ => "",
        };
        let _ = write!(out, "<{tag} class=\"block{layout}\">");
        // Weakenings of this block, in the margin.
        let weak: Vec<usize> = b
            .segments
            .iter()
            .flat_map(|s| s.findings.iter().copied())
            .filter(|&i| redline.findings.get(i).is_some_and(|f| f.kind == Kind::Weakening))
            .collect();
        if !weak.is_empty() {
            let links: Vec<String> = weak
                .iter()
                .map(|i| format!("<a href=\"#f{i}\">W{}</a>", number.get(i).copied().unwrap_or(0)))
                .collect();
            let _ = write!(out, "<span class=\"margin\">{}</span>", links.join(" "));
        }
        for s in &b.segments {
            let text = escape_html(&s.text);
            let anchor = s.findings.first().map_or(String::new(), |i| format!(" id=\"r{i}\""));
            match (s.op, s.class) {
                (Op::Same, _) => out.push_str(&text),
                (Op::Delete, Class::Cosmetic | Class::FillIn) if !options.show_cosmetic => {}
                (Op::Insert, Class::Cosmetic) if !options.show_cosmetic => out.push_str(&text),
                (Op::Insert, Class::FillIn) => {
                    let _ = write!(out, "<ins class=\"fill\" title=\"filled in\"{anchor}>{text}</ins>");
                }
                (Op::Insert, class) => {
                    let _ = write!(out, "<ins class=\"{}\"{anchor}>{text}</ins>", class_name(class));
                }
                (Op::Delete, class) => {
                    let _ = write!(out, "<del class=\"{}\"{anchor}>{text}</del>", class_name(class));
                }
            }
            for i in &s.findings {
                if let Some(n) = number.get(i) {
                    let _ = write!(out, "<sup class=\"ref\"><a href=\"#f{i}\">[{n}]</a></sup>");
                }
            }
        }
        let _ = writeln!(out, "</{tag}>");
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn class_name(c: Class) -> &'static str {
    match c {
        Class::Plain | Class::Change => "change",
        Class::Moved => "moved",
        Class::FillIn => "fill",
        Class::Cosmetic => "cosmetic",
    }
}
