//! The report a person reads in a terminal: `path:line:col`, the rule and reason, the template and edited text
//! side by side, the finding's id, whether a waiver or the baseline of known findings accepts it, and a verdict
//! line per file; a summary by verdict at the end. Colour only when asked (the binary decides from the terminal
//! and `NO_COLOR`).
//!
//! Every piece of input text (paths, document text, sections, waivers' fields, notes) goes through
//! [`crate::sanitize::inline`], and the finished report through [`crate::sanitize::guard`], so the report carries no
//! control character but its own colours and no line the GitHub Actions runner would take for a command. Files
//! that could not be checked are counted here; their errors are printed once, on standard error, by the binary.

use super::{Outcome, Summary};
use crate::rules::{Kind, Verdict};
use crate::sanitize::{inline, Inline};
use crate::waivers::{Standing, Triaged};
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
    let t: String = inline(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned();
    if t.chars().count() <= max {
        t
    } else {
        format!("{}…", t.chars().take(max).collect::<String>())
    }
}

/// The words that changed between two texts, with a few words of context on each side of each change.
fn inline_diff(old: &str, new: &str, style: Style) -> String {
    use crate::compare::words::{diff, tokens};
    let (ot, nt) = (tokens(old), tokens(new));
    let ops = diff(&ot, &nt);
    let text = |toks: &[crate::document::normalize::Token], src: &str, r: std::ops::Range<usize>| -> String {
        if r.is_empty() {
            String::new()
        } else {
            inline(&src[toks[r.start].start..toks[r.end - 1].end]).into_owned()
        }
    };
    let mut parts = Vec::new();
    let mut last_new = 0usize;
    for (k, op) in ops.iter().enumerate() {
        let ctx_start = op.new.start.saturating_sub(5).max(last_new);
        if (k == 0 && ctx_start > 0) || (k > 0 && ctx_start > last_new) {
            parts.push("…".to_string());
        }
        parts.push(text(&nt, new, ctx_start..op.new.start));
        let (del, ins) = (text(&ot, old, op.old.clone()), text(&nt, new, op.new.clone()));
        if !del.is_empty() {
            parts.push(paint(style, "31", &format!("[-{del}-]")));
        }
        if !ins.is_empty() {
            parts.push(paint(style, "32", &format!("{{+{ins}+}}")));
        }
        let next = ops.get(k + 1).map_or(nt.len(), |n| n.new.start);
        let tail_end = (op.new.end + 5).min(nt.len()).min(next);
        parts.push(text(&nt, new, op.new.end..tail_end));
        last_new = tail_end;
    }
    if last_new < nt.len() {
        parts.push("…".to_string());
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The human report for a run.
#[must_use]
pub fn render(outcome: &Outcome, style: Style) -> String {
    let mut out = String::new();
    for (r, triage) in outcome.files() {
        let mut cosmetic = 0;
        for (i, f) in r.findings.iter().enumerate() {
            // Cosmetic changes are counted; a cosmetic finding the reader should know of (party data that differs
            // from the party file) is listed.
            if f.severity == crate::rules::Severity::None && !style.show_cosmetic {
                cosmetic += 1;
                continue;
            }
            let t = triage.get(i);
            let standing = t.map_or(&Standing::New, |t| &t.standing);
            let color = match (f.kind, standing.accepted()) {
                (_, true) => "2",
                (Kind::Weakening, false) => "1;31",
                (Kind::Modification, false) => "33",
                (Kind::Addition, false) => "36",
                (Kind::Cosmetic, false) => "2",
            };
            let label = match standing {
                Standing::New => f.kind.as_str().to_string(),
                Standing::Waived(_) => format!("{} (waived)", f.kind.as_str()),
                Standing::WaiverExpired(_) => format!("{} (waiver expired)", f.kind.as_str()),
                Standing::Known => format!("{} (baseline)", f.kind.as_str()),
            };
            let _ = writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                Inline(&r.path),
                f.line,
                f.column,
                paint(style, color, &label),
                Inline(&f.rule),
                Inline(&f.message)
            );
            let id = t.map_or("", |t| t.id.as_str());
            match (f.section.is_empty(), id.is_empty()) {
                (false, false) => {
                    let _ = writeln!(out, "    section {}, finding {id}", Inline(&f.section));
                }
                (false, true) => {
                    let _ = writeln!(out, "    section {}", Inline(&f.section));
                }
                (true, false) => {
                    let _ = writeln!(out, "    finding {id}");
                }
                (true, true) => {}
            }
            if !f.template_text.is_empty() && !f.edited_text.is_empty() && f.kind != Kind::Cosmetic {
                // The change in its place: removed words in [-...-], added words in {+...+}.
                let change = inline_diff(&f.template_text, &f.edited_text, style);
                if !change.is_empty() {
                    let _ = writeln!(out, "    change:   {change}");
                }
            }
            if !f.template_text.is_empty() {
                let _ = writeln!(out, "    template: {}", paint(style, "31", &clip(&f.template_text, 160)));
            }
            if !f.edited_text.is_empty() {
                let _ = writeln!(out, "    edited:   {}", paint(style, "32", &clip(&f.edited_text, 160)));
            }
            match standing {
                Standing::New => {}
                Standing::Waived(w) => {
                    let until = w.expires.map(|e| format!(" until {e}")).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "    waived by {} on {}{until}: {}",
                        clip(&w.approved_by, 160),
                        w.approved_on,
                        clip(&w.justification, 160)
                    );
                }
                Standing::WaiverExpired(w) => {
                    let _ = writeln!(
                        out,
                        "    {} the waiver by {} expired on {}: the finding counts again",
                        paint(style, "1;31", "expired:"),
                        clip(&w.approved_by, 160),
                        w.expires.map(|e| e.to_string()).unwrap_or_default()
                    );
                }
                Standing::Known => {
                    let _ = writeln!(out, "    in the baseline of known findings: it does not fail the run");
                }
            }
        }
        for n in &r.notes {
            let _ = writeln!(out, "{}: note: {}", Inline(&r.path), Inline(n));
        }
        let verdict = match r.verdict {
            Verdict::Attestable => paint(style, "1;32", "attestable"),
            Verdict::RedlineRequired => paint(style, "1;33", "redline required"),
            Verdict::WeakensRequiredProvisions => paint(style, "1;31", "weakens required provisions"),
        };
        let accepted = accepted_counts(triage);
        let _ = writeln!(
            out,
            "{}: {verdict} ({} weakening, {} modification, {} addition, {} cosmetic{accepted}) against {}",
            Inline(&r.path),
            r.count(Kind::Weakening),
            r.count(Kind::Modification),
            r.count(Kind::Addition),
            r.count(Kind::Cosmetic),
            Inline(&r.baseline)
        );
        if cosmetic > 0 {
            let _ = writeln!(out, "    ({cosmetic} cosmetic changes not listed; --show-cosmetic lists them)");
        }
    }
    for s in &outcome.stale_waivers {
        let _ = writeln!(
            out,
            "{}:{}: {} stale waiver: {}; remove it or correct it",
            Inline(&outcome.waivers_file),
            s.waiver.line,
            paint(style, "1;33", "warning:"),
            Inline(&s.reason)
        );
    }
    if outcome.workspace || outcome.reports.len() + outcome.errors.len() > 1 {
        let s = Summary::of(outcome);
        let _ = writeln!(
            out,
            "{} {}: {} attestable, {} redline required, {} weaken required provisions, {} could not be checked",
            s.files,
            if s.files == 1 { "file" } else { "files" },
            s.attestable,
            s.redline_required,
            s.weakens_required_provisions,
            s.errors
        );
        if s.waived + s.baseline + s.expired_waivers + s.stale_waivers > 0 {
            let _ = writeln!(
                out,
                "findings: {} waived, {} in the baseline, {} with an expired waiver; {} stale {}",
                s.waived,
                s.baseline,
                s.expired_waivers,
                s.stale_waivers,
                if s.stale_waivers == 1 { "waiver" } else { "waivers" }
            );
        }
    }
    crate::sanitize::guard(&out).into_owned()
}

/// "; 1 waived, 2 in the baseline" for a file's verdict line, or nothing.
fn accepted_counts(triage: &[Triaged]) -> String {
    let count = |p: fn(&Standing) -> bool| triage.iter().filter(|t| p(&t.standing)).count();
    let parts: Vec<String> = [
        (count(|s| matches!(s, Standing::Waived(_))), "waived"),
        (count(|s| matches!(s, Standing::Known)), "in the baseline"),
        (count(|s| matches!(s, Standing::WaiverExpired(_))), "with an expired waiver"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}
