//! The report a person reads in a terminal: `path:line:col`, the rule and reason, the template and edited text
//! side by side, and a verdict line per file. Colour only when asked (the binary decides from the terminal
//! and `NO_COLOR`).

use super::{FileError, Summary};
use crate::check::FileReport;
use crate::rules::{Kind, Verdict};
use std::fmt::Write;

/// Options for the human report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// List cosmetic findings one by one rather than counting them.
    pub show_cosmetic: bool,
}

fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn clip(text: &str, max: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        t
    } else {
        format!("{}…", t.chars().take(max).collect::<String>())
    }
}

/// The human report for a set of files.
#[must_use]
pub fn render(reports: &[FileReport], errors: &[FileError], style: Style) -> String {
    let mut out = String::new();
    for r in reports {
        let mut cosmetic = 0;
        for f in &r.findings {
            if f.kind == Kind::Cosmetic && !style.show_cosmetic {
                cosmetic += 1;
                continue;
            }
            let color = match f.kind {
                Kind::Weakening => "1;31",
                Kind::Modification => "33",
                Kind::Addition => "36",
                Kind::Cosmetic => "2",
            };
            let _ = writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                r.path,
                f.line,
                f.column,
                paint(style, color, f.kind.as_str()),
                f.rule,
                f.message
            );
            if !f.section.is_empty() {
                let _ = writeln!(out, "    section {}", f.section);
            }
            if !f.template_text.is_empty() {
                let _ = writeln!(out, "    template: {}", paint(style, "31", &clip(&f.template_text, 160)));
            }
            if !f.edited_text.is_empty() {
                let _ = writeln!(out, "    edited:   {}", paint(style, "32", &clip(&f.edited_text, 160)));
            }
        }
        for n in &r.notes {
            let _ = writeln!(out, "{}: note: {n}", r.path);
        }
        let verdict = match r.verdict {
            Verdict::Attestable => paint(style, "1;32", "attestable"),
            Verdict::RedlineRequired => paint(style, "1;33", "redline required"),
            Verdict::WeakensRequiredProvisions => paint(style, "1;31", "weakens required provisions"),
        };
        let _ = writeln!(
            out,
            "{}: {verdict} ({} weakening, {} modification, {} addition, {} cosmetic) against {}",
            r.path,
            r.count(Kind::Weakening),
            r.count(Kind::Modification),
            r.count(Kind::Addition),
            r.count(Kind::Cosmetic),
            r.baseline
        );
        if cosmetic > 0 {
            let _ = writeln!(out, "    ({cosmetic} cosmetic changes not listed; --show-cosmetic lists them)");
        }
    }
    for e in errors {
        let _ = writeln!(out, "{}: {} {}", e.path, paint(style, "1;31", "error:"), e.error);
    }
    if reports.len() + errors.len() > 1 {
        let s = Summary::of(reports, errors.len());
        let _ = writeln!(
            out,
            "{} files: {} attestable, {} redline required, {} weaken required provisions, {} could not be checked",
            s.files, s.attestable, s.redline_required, s.weakens_required_provisions, s.errors
        );
    }
    out
}
