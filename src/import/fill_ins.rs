//! `fill-ins.toml`: which party-file key fills each fill-in of an imported official template, and which party-file
//! option keeps each of its optional provisions. `mou import` writes it with its proposals; the user may correct
//! any key or kind; `mou build` reads it.
//!
//! ```toml
//! template = "wic"
//!
//! # 1:36  Memorandum of Understanding between ‹[MCP Name]› and [WIC Agency Name]
//! [[fill_in]]
//! label = "MCP Name"      # the fill-in's text, as found (checked, not changed)
//! at = "1:36"             # where it is in the official file: line (Word: paragraph) and column
//! key = "mcp.legal_name"  # where its value comes from
//! kind = "name"           # what it holds: name, title, date, address, email, phone, number, url or text
//!
//! [[optional]]
//! name = "6.5 Joint Training"  # an optional provision, as found
//! option = "joint_training"    # the party file's [options] key that keeps it
//! ```
//!
//! The entries follow the official file's fill-ins one for one, in order: the file fits one official file, whose
//! SHA-256 the catalog records.

use super::keys::{is_key, party_keys};
use crate::document::SlotKind;
use crate::error::{did_you_mean, toml_error, InputError, Result, TomlHelp};
use serde::Deserialize;
use std::fmt::Write as _;
use std::path::Path;
use toml::Spanned;

/// One fill-in's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The text between its brackets.
    pub label: String,
    /// Where it is in the official file ("12:40").
    pub at: String,
    /// The key whose value fills it; `None` when the entry names none (an unmapped fill-in).
    pub key: Option<String>,
    /// What it holds, when the entry says.
    pub kind: Option<SlotKind>,
    /// The entry's line in `fill-ins.toml`.
    pub line: usize,
}

/// One optional provision's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Optional {
    /// Its name, as found.
    pub name: String,
    /// The party file's `[options]` key that keeps it.
    pub option: String,
}

/// A template's `fill-ins.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillIns {
    /// The template's id.
    pub template: String,
    /// The fill-ins, in document order.
    pub rows: Vec<Row>,
    /// The optional provisions, in document order.
    pub optional: Vec<Optional>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    template: String,
    #[serde(default)]
    fill_in: Vec<Spanned<RawRow>>,
    #[serde(default)]
    optional: Vec<RawOptional>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    label: String,
    #[serde(default)]
    at: String,
    #[serde(default)]
    key: Option<Spanned<String>>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOptional {
    name: String,
    option: String,
}

/// A string as a TOML basic string: quoted, with backslashes, quotes and control characters escaped.
#[must_use]
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a comment: one line, control characters shown as spaces.
#[must_use]
pub fn comment_text(s: &str) -> String {
    s.chars().map(|c| if c.is_control() || crate::document::normalize::is_invisible(c) { ' ' } else { c }).collect()
}

impl FillIns {
    /// Reads a `fill-ins.toml`; `path` names it in errors.
    ///
    /// # Errors
    /// Not valid TOML, an unknown field, a key that is not a party-file key or `fill.NAME`, or an unknown kind.
    pub fn parse(text: &str, path: &Path) -> Result<FillIns> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            toml_error(
                &e,
                text,
                path,
                TomlHelp {
                    missing: "each [[fill_in]] has a label; `mou import --force` writes the file again",
                    wrong_type: "labels, keys and kinds are text in quotes",
                    other: "see https://toml.io for TOML syntax; `mou import --force` writes the file again",
                },
            )
        })?;
        let at = |offset: usize, msg: String| InputError::new(msg).in_file(path).at_offset(text, offset);
        let mut rows = Vec::with_capacity(raw.fill_in.len());
        for r in raw.fill_in {
            let line = crate::error::Position::of_offset(text, r.span().start).line;
            let r = r.into_inner();
            let key = match r.key {
                Some(k) if k.get_ref().trim().is_empty() => None,
                Some(k) => {
                    let name = k.get_ref().trim();
                    if !is_key(name) {
                        let keys = party_keys();
                        let mut err = at(k.span().start, format!("`{name}` is not a key a fill-in can take"));
                        err = match did_you_mean(name, keys.iter().map(String::as_str)) {
                            Some(best) => err.help(format!("did you mean `{best}`?")),
                            None => err.help(
                                "use a party-file key (county, effective_date, mcp.legal_name, mcp.signer.name, other_party.notice.address, ...) or fill.NAME, a value of the party file's [fill] table",
                            ),
                        };
                        return Err(err.into());
                    }
                    Some(name.to_string())
                }
                None => None,
            };
            let kind = match r.kind {
                Some(k) => Some(SlotKind::parse(k.get_ref()).ok_or_else(|| {
                    let kinds: Vec<&str> = SlotKind::ALL.iter().map(|k| k.as_str()).collect();
                    at(k.span().start, format!("`{}` is not a kind of fill-in", k.get_ref()))
                        .help(format!("use one of: {}", kinds.join(", ")))
                })?),
                None => None,
            };
            rows.push(Row { label: r.label, at: r.at, key, kind, line });
        }
        let optional = raw.optional.into_iter().map(|o| Optional { name: o.name, option: o.option }).collect();
        Ok(FillIns { template: raw.template, rows, optional })
    }

    /// The file's text, each entry preceded by a comment showing the fill-in in its sentence. `official` names the
    /// official file in the header; `contexts` holds one line of context for each row.
    #[must_use]
    pub fn to_toml(&self, official: &str, contexts: &[String]) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# The fill-ins of the official template `{}` ({}), as `mou import` found them.",
            comment_text(&self.template),
            comment_text(official)
        );
        s.push_str(
            "# `mou build` fills each [[fill_in]] with the value of its `key`:\n\
             #   a key of the party file: county, effective_date, mcp.legal_name, mcp.short_name,\n\
             #     mcp.responsible_person.name (also .title .email .phone), mcp.liaison.name (same fields),\n\
             #     mcp.notice.attention (also .address .email), mcp.signer.name (also .title), and the same\n\
             #     for other_party;\n\
             #   or fill.NAME, the value NAME of the party file's [fill] table.\n\
             # `kind` says what the fill-in holds, which bounds what `mou check` takes as its value:\n\
             #   name, title, date, address, email, phone, number, url or text.\n\
             # Correct a key or a kind where `mou import` guessed wrong. Keep the entries, their order and their\n\
             # labels: they follow the official file. Each [[optional]] names the party file's option that keeps\n\
             # an optional provision.\n\n",
        );
        let _ = writeln!(s, "template = {}", quote(&self.template));
        for (i, r) in self.rows.iter().enumerate() {
            s.push('\n');
            if let Some(c) = contexts.get(i) {
                let _ = writeln!(s, "# {}  {}", comment_text(&r.at), comment_text(c));
            }
            s.push_str("[[fill_in]]\n");
            let _ = writeln!(s, "label = {}", quote(&r.label));
            let _ = writeln!(s, "at = {}", quote(&r.at));
            let _ = writeln!(s, "key = {}", quote(r.key.as_deref().unwrap_or_default()));
            if let Some(k) = r.kind {
                let _ = writeln!(s, "kind = {}", quote(k.as_str()));
            }
        }
        for o in &self.optional {
            s.push('\n');
            s.push_str("[[optional]]\n");
            let _ = writeln!(s, "name = {}", quote(&o.name));
            let _ = writeln!(s, "option = {}", quote(&o.option));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> FillIns {
        FillIns {
            template: "wic".into(),
            rows: vec![
                Row {
                    label: "MCP \"Name\"".into(),
                    at: "1:36".into(),
                    key: Some("mcp.legal_name".into()),
                    kind: Some(SlotKind::Name),
                    line: 0,
                },
                Row { label: "Term".into(), at: "3:1".into(), key: None, kind: None, line: 0 },
            ],
            optional: vec![Optional { name: "6.5 Joint Training".into(), option: "joint_training".into() }],
        }
    }

    #[test]
    fn round_trips_and_names_bad_keys() {
        let text = sample().to_toml("wic/official.docx", &["between [MCP Name]\nand".into(), "x".into()]);
        assert!(text.contains("# 1:36  between [MCP Name] and\n[[fill_in]]"), "{text}");
        let back = FillIns::parse(&text, Path::new("f.toml")).unwrap();
        let lines: Vec<usize> = back.rows.iter().map(|r| r.line).collect();
        let mut expected = sample();
        for (r, l) in expected.rows.iter_mut().zip(lines) {
            r.line = l;
        }
        assert_eq!(back, expected);
        let bad = text.replace("mcp.legal_name", "mcp.legal_nam");
        let err = FillIns::parse(&bad, Path::new("f.toml")).unwrap_err().to_string();
        assert!(err.contains("`mcp.legal_nam` is not a key") && err.contains("did you mean `mcp.legal_name`"), "{err}");
        let bad = text.replace("kind = \"name\"", "kind = \"colour\"");
        assert!(FillIns::parse(&bad, Path::new("f.toml")).unwrap_err().to_string().contains("not a kind"));
    }
}
