//! GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding, grouped per file,
//! so findings show as annotations on the changed lines of a pull request.

use super::FileError;
use crate::check::FileReport;
use crate::rules::Kind;
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

/// The workflow commands for a set of reports.
#[must_use]
pub fn render(reports: &[FileReport], errors: &[FileError]) -> String {
    let mut out = String::new();
    for r in reports {
        let _ = writeln!(out, "::group::{} ({})", escape_data(&r.path), r.verdict.as_str());
        for f in &r.findings {
            let level = match f.kind {
                Kind::Weakening => "error",
                Kind::Modification => "warning",
                Kind::Addition => "notice",
                Kind::Cosmetic => continue,
            };
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&r.path),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&format!("mou {} ({})", f.rule, f.kind.as_str())),
                escape_data(&format!("{} Section {}.", f.message, f.section))
            );
        }
        let _ = writeln!(out, "::endgroup::");
    }
    for e in errors {
        let _ = writeln!(out, "::error file={}::{}", escape_property(&e.path), escape_data(&e.error));
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
