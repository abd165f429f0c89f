//! GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding, grouped per file,
//! so findings show as annotations on the changed lines of a pull request. An accepted finding (waived, or in the
//! baseline of known findings) is a `::notice`; a stale waiver is a `::warning` on the waivers file; a file that
//! could not be checked is an `::error` on the line of the error (1 when unknown).
//!
//! These are the only lines `mou` writes that the runner reads as commands. Every value in them is input text: it
//! goes through [`crate::sanitize::inline`] (no control character, line break or `##[` survives) and then the
//! runner's own escaping, so no value can end a command early or start another.

use super::Outcome;
use crate::rules::Kind;
use crate::sanitize::inline;
use crate::waivers::Standing;
use std::fmt::Write;

/// Escapes a message: `%`, CR and LF, as the runner decodes them.
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as a message, plus `:` and `,`.
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Input text as a command's message: sanitised, then escaped.
fn data(s: &str) -> String {
    escape_data(&inline(s))
}

/// Input text as a command's property: sanitised, then escaped.
fn property(s: &str) -> String {
    escape_property(&inline(s))
}

/// The workflow commands for a run.
#[must_use]
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for (r, triage) in outcome.files() {
        let _ = writeln!(out, "::group::{} ({})", data(&r.path), r.verdict.as_str());
        for (i, f) in r.findings.iter().enumerate() {
            let standing = triage.get(i).map_or(&Standing::New, |t| &t.standing);
            let level = match f.kind {
                Kind::Cosmetic if f.severity == crate::rules::Severity::None => continue,
                Kind::Cosmetic => "notice",
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
                property(&r.path),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                property(&format!("mou {} ({}{tag})", f.rule, f.kind.as_str())),
                data(&format!("{} Section {}, finding {id}.{extra}", f.message, f.section))
            );
        }
        let _ = writeln!(out, "::endgroup::");
    }
    for e in &outcome.errors {
        // The annotation stands on the file at fault (the document, or the party file or official text it needs),
        // at the error's line; an annotation without a line shows on no line of a pull request.
        let col = e.column.filter(|_| e.line.is_some()).map(|c| format!(",col={c}")).unwrap_or_default();
        let mut message = e.error.clone();
        if e.file.is_some() {
            message = format!("{} could not be checked: {message}", e.path);
        }
        if let Some(help) = &e.help {
            message = format!("{message} ({help})");
        }
        let _ = writeln!(
            out,
            "::error file={},line={}{col},title={}::{}",
            property(e.file_at_fault()),
            e.line.unwrap_or(1),
            property("mou could not check the file"),
            data(&message)
        );
    }
    for s in &outcome.stale_waivers {
        let _ = writeln!(
            out,
            "::warning file={},line={},title={}::{}",
            property(&outcome.waivers_file),
            s.waiver.line,
            property("mou stale waiver"),
            data(&format!("Stale waiver: {}. Remove it or correct it.", s.reason))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn escapes_what_github_requires() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn a_file_that_could_not_be_checked_is_annotated_on_its_line() {
        let e = crate::InputError::new("bad byte\n::add-mask::x").at_offset("a\nb\nc", 4).help("save as UTF-8");
        let here = std::path::Path::new("d, 50%:x.md");
        let outcome = super::super::Outcome {
            errors: vec![
                super::super::FileError::new("d, 50%:x.md", here, &e.clone().in_file(here)),
                super::super::FileError::message("gone.md", "no such file or folder"),
                super::super::FileError::new("a.md", Path::new("a.md"), &e.in_file(Path::new("p.toml"))),
            ],
            ..super::super::Outcome::default()
        };
        let out = render(&outcome);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=d%2C 50%25%3Ax.md,line=3,col=1,title=mou could not check the file::bad byte\\n::add-mask::x (save as UTF-8)",
                "::error file=gone.md,line=1,title=mou could not check the file::no such file or folder",
                "::error file=p.toml,line=3,col=1,title=mou could not check the file::a.md could not be checked: bad byte\\n::add-mask::x (save as UTF-8)",
            ]
        );
    }
}
