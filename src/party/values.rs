//! Checks the values of a party file, not only its shape: serde accepts `county = ""` or an email without `@`, and
//! the draft would then read "Members in  County". One walk over the file's spanned TOML applies each rule to
//! every value it governs, wherever the value stands, so that a new table or key is covered without a new check:
//!
//! - every text value, in a table or a list, must say something once trimmed;
//! - a value under an `email` key must look like `local@domain.tld`;
//! - a value under a `phone` key must hold a telephone number: at least seven digits, with only the punctuation
//!   numbers are written with, and an optional extension ("x 12", "ext. 12").
//!
//! Dates are checked where they are read (see [`crate::date::Date`]): TOML refuses a date that does not exist.
//! Each error names the file, the line and column of the value, and what to write instead.

use crate::error::{InputError, Lines};
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A value that breaks a rule: where it is, and the error without its file and position.
struct Problem {
    at: usize,
    error: InputError,
}

/// Checks every value of a party file's text; the first problem in the file is the error. With `blank_allowed`,
/// an empty value is no problem (an imported template uses only some values, and names those left blank).
///
/// # Errors
/// A blank text value, an implausible email address or telephone number, with its file, line and column.
pub(super) fn check(text: &str, path: &Path, blank_allowed: bool) -> Result<(), InputError> {
    // The caller parsed the text already; a parse error here would have been reported there.
    let Ok(table) = DeTable::parse(text) else { return Ok(()) };
    let mut problems = Vec::new();
    walk_table(table.get_ref(), "", &mut problems);
    if blank_allowed {
        problems.retain(|p| !p.error.message.ends_with("is blank"));
    }
    let Some(first) = problems.into_iter().min_by_key(|p| p.at) else { return Ok(()) };
    let mut error = first.error.in_file(path);
    error.position = Some(Lines::new(text).position(first.at));
    Err(error)
}

fn walk_table(table: &DeTable<'_>, prefix: &str, problems: &mut Vec<Problem>) {
    for (key, value) in table {
        let name = if prefix.is_empty() { key.get_ref().to_string() } else { format!("{prefix}.{}", key.get_ref()) };
        walk_value(value, key.get_ref(), &name, problems);
    }
}

fn walk_value(value: &Spanned<DeValue<'_>>, key: &str, name: &str, problems: &mut Vec<Problem>) {
    match value.get_ref() {
        DeValue::String(s) => {
            if let Some(error) = check_text(key, name, s) {
                problems.push(Problem { at: value.span().start, error });
            }
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                walk_value(item, key, name, problems);
            }
        }
        DeValue::Table(t) => walk_table(t, name, problems),
        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
    }
}

/// The rule a text value breaks, if any: `key` is its own key, `name` its dotted path for the message.
fn check_text(key: &str, name: &str, value: &str) -> Option<InputError> {
    if value.trim().is_empty() {
        return Some(InputError::new(format!("`{name}` is blank")).help(
            "every text value in a party file is printed in the MOU, so none may be empty; `mou init TEMPLATE` \
             shows an example of each",
        ));
    }
    match key {
        "email" if !plausible_email(value.trim()) => Some(
            InputError::new(format!("`{name}` is not an email address: {value:?}"))
                .help("write it as name@domain, for example liaison@county.example.gov"),
        ),
        "phone" if !plausible_phone(value.trim()) => Some(
            InputError::new(format!("`{name}` is not a telephone number: {value:?}"))
                .help("write at least seven digits, for example (555) 010-2000, with an extension as x 12 if needed"),
        ),
        _ => None,
    }
}

/// `local@domain.tld`: one `@`, a local part without spaces or characters mail addresses cannot hold unquoted, and
/// a domain of at least two non-empty labels of letters, digits and hyphens.
fn plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// At least seven digits, written with spaces, `+`, `-`, `.`, `/` and parentheses only, optionally followed by an
/// extension ("x 12", "ext. 12", "extension 12").
fn plausible_phone(s: &str) -> bool {
    let lower = s.to_lowercase();
    let main = match ["extension", "ext.", "ext", "x"].iter().find_map(|m| lower.split_once(m)) {
        Some((main, ext)) => {
            let ext = ext.trim();
            if ext.is_empty() || !ext.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            main.trim_end().trim_end_matches(',')
        }
        None => lower.as_str(),
    };
    let digits = main.chars().filter(char::is_ascii_digit).count();
    (7..=20).contains(&digits) && main.chars().all(|c| c.is_ascii_digit() || " +-./()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_a_local_part_and_a_domain() {
        for ok in ["dana.whitfield@harborcoast.example", "a+b@x.co", "notices@county.ca.gov", "j@dépt.example"] {
            assert!(plausible_email(ok), "{ok}");
        }
        for bad in
            ["dana.example.org", "@x.org", "a@", "a@b", "a b@x.org", "a@x..org", "a@-x.org", "a@@x.org", "<a>@x.org"]
        {
            assert!(!plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones_need_digits() {
        for ok in ["(555) 010-2000", "+1 555 010 2000", "555.010.2000", "(555) 010-2000 x 12", "555-010-2000, ext. 7"] {
            assert!(plausible_phone(ok), "{ok}");
        }
        for bad in [
            "call the office",
            "555",
            "(555) 010-2000 x",
            "555-010-2000 ext. 7a",
            "555-CALL-NOW",
            "12345678901234567890123",
        ] {
            assert!(!plausible_phone(bad), "{bad}");
        }
    }

    #[test]
    fn the_first_problem_in_the_file_is_reported_with_its_position() {
        let text = "county = \"Yolo\"\n[mcp.liaison]\nemail = \"x\"\nname = \"  \"\n";
        let e = check(text, Path::new("p.toml"), false).unwrap_err();
        assert_eq!(
            e.to_string().lines().next().unwrap(),
            "p.toml:3:9: `mcp.liaison.email` is not an email address: \"x\""
        );
        let e = check("duties = [\"referrals\", \" \"]\n", Path::new("p.toml"), false).unwrap_err();
        assert!(e.to_string().starts_with("p.toml:1:24: `duties` is blank"), "{e}");
        assert!(check("county = \"Yolo\"\nn = 3\n", Path::new("p.toml"), false).is_ok());
    }
}
