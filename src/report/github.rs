//! GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding, grouped per file,
//! so findings show as annotations on the changed lines of a pull request. An accepted finding (waived, or in the
//! baseline of known findings) is a `::notice`; a stale waiver is a `::warning` on the waivers file.

use super::Outcome;
use crate::rules::Kind;
use crate::waivers::Standing;
use std::fmt::Write;

/// Escapes a message: `%`, CR and LF.
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `:` and `,`.
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow commands for a run.
#[must_use]
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for (r, triage) in outcome.files() {
        let _ = writeln!(out, "::group::{} ({})", escape_data(&r.path), r.verdict.as_str());
        for (i, f) in r.findings.iter().enumerate() {
            let standing = triage.get(i).map_or(&Standing::New, |t| &t.standing);
            let level = match f.kind {
                Kind::Cosmetic => continue,
                _ if standing.accepted() => "notice",
                Kind::Weakening => "error",
                Kind::Modification => "warning",
                Kind::Addition => "notice",
            };
            let (tag, extra) = match standing {
                Standing::New => (String::new(), String::new()),
                Standing::Waived(w) => {
                    (", waived".into(), format!(" Waived by {}: {}", w.approved_by, w.justification))
                }
                Standing::Known => (", baseline".into(), " In the baseline of known findings.".into()),
                Standing::WaiverExpired(w) => (
                    ", waiver expired".into(),
                    format!(
                        " The waiver by {} expired on {}.",
                        w.approved_by,
                        w.expires.map(|e| e.to_string()).unwrap_or_default()
                    ),
                ),
            };
            let id = triage.get(i).map_or("", |t| t.id.as_str());
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&r.path),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&format!("mou {} ({}{tag})", f.rule, f.kind.as_str())),
                escape_data(&format!("{} Section {}, finding {id}.{extra}", f.message, f.section))
            );
        }
        let _ = writeln!(out, "::endgroup::");
    }
    for e in &outcome.errors {
        let _ = writeln!(out, "::error file={}::{}", escape_property(&e.path), escape_data(&e.error));
    }
    for s in &outcome.stale_waivers {
        let _ = writeln!(
            out,
            "::warning file={},line={},title={}::{}",
            escape_property(&outcome.waivers_file),
            s.waiver.line,
            escape_property("mou stale waiver"),
            escape_data(&format!("Stale waiver: {}. Remove it or correct it.", s.reason))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_requires() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
