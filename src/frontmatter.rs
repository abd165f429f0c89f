//! The front matter `mou build` puts at the top of every draft: which templates and versions it was built from,
//! the party file and its hash, and the tool's version; for a draft of an imported official template, also the
//! house folder and the official file's hash. `mou check` reads it back to find a draft's baseline. A Word draft
//! keeps the same fields as custom document properties (see `word::custom`).

use std::fmt::Write;

/// Provenance recorded at the top of a draft, as a YAML-style block between `---` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The tool and version that wrote the draft.
    pub generator: String,
    /// Template ids with their versions, in party-file order.
    pub templates: Vec<(String, String)>,
    /// The party file, relative to the draft where possible.
    pub party_file: Option<String>,
    /// SHA-256 of the party file.
    pub party_sha256: Option<String>,
    /// The folder of house templates the draft was built from, relative to the draft, when not the bundled ones.
    pub templates_dir: Option<String>,
    /// SHA-256 of the official file an imported template fills.
    pub official_sha256: Option<String>,
}

impl FrontMatter {
    /// The block, ending with its closing `---` line.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let mut s = String::from("---\n");
        let _ = writeln!(s, "generator: {}", self.generator);
        let list: Vec<String> = self.templates.iter().map(|(id, v)| format!("{id}@{v}")).collect();
        let _ = writeln!(s, "templates: [{}]", list.join(", "));
        if let Some(p) = &self.party_file {
            let _ = writeln!(s, "party_file: {}", quote(p));
        }
        if let Some(h) = &self.party_sha256 {
            let _ = writeln!(s, "party_sha256: {h}");
        }
        if let Some(d) = &self.templates_dir {
            let _ = writeln!(s, "templates_dir: {}", quote(d));
        }
        if let Some(h) = &self.official_sha256 {
            let _ = writeln!(s, "official_sha256: {h}");
        }
        s.push_str("---\n");
        s
    }

    /// Reads the front matter at the start of `text`, if there is one, and returns it with the byte length of
    /// the block (so callers can skip it).
    #[must_use]
    pub fn parse(text: &str) -> Option<(FrontMatter, usize)> {
        let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
        let bom = text.len() - text_nobom.len();
        let rest = text_nobom.strip_prefix("---\n").or_else(|| text_nobom.strip_prefix("---\r\n"))?;
        let mut fm = FrontMatter::default();
        let mut consumed = text_nobom.len() - rest.len();
        let mut closed = false;
        for line in rest.split_inclusive('\n') {
            consumed += line.len();
            let l = line.trim_end();
            if l == "---" {
                closed = true;
                break;
            }
            let Some((key, value)) = l.split_once(':') else { continue };
            let value = value.trim();
            match key.trim() {
                "generator" => fm.generator = value.to_string(),
                "templates" => {
                    fm.templates = value
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .split(',')
                        .filter_map(|item| {
                            let item = item.trim();
                            (!item.is_empty()).then(|| match item.split_once('@') {
                                Some((id, v)) => (id.to_string(), v.to_string()),
                                None => (item.to_string(), String::new()),
                            })
                        })
                        .collect();
                }
                "party_file" => fm.party_file = Some(unquote(value)),
                "party_sha256" => fm.party_sha256 = Some(value.to_string()),
                "templates_dir" => fm.templates_dir = Some(unquote(value)),
                "official_sha256" => fm.official_sha256 = Some(value.to_string()),
                _ => {}
            }
        }
        closed.then_some((fm, bom + consumed))
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn unquote(s: &str) -> String {
    match s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner.replace("\\\"", "\"").replace("\\\\", "\\"),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let fm = FrontMatter {
            generator: "mou 0.1.0".into(),
            templates: vec![("smhs".into(), "1.0.0".into()), ("dmc-ods".into(), "1.0.0".into())],
            party_file: Some("parties/a \"b\".toml".into()),
            party_sha256: Some("ab".repeat(32)),
            templates_dir: Some("../house templates".into()),
            official_sha256: Some("cd".repeat(32)),
        };
        let text = format!("{}\n# MOU\n", fm.to_markdown());
        let (back, len) = FrontMatter::parse(&text).unwrap();
        assert_eq!(back, fm);
        assert_eq!(&text[len..], "\n# MOU\n");
        assert!(FrontMatter::parse("# no front matter\n").is_none());
        assert!(FrontMatter::parse("---\nunclosed: yes\n").is_none());
    }
}
