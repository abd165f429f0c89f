//! Which MOU templates exist, whether they are released, and from when an MOU on them may take effect.
//!
//! The catalog is `templates/catalog.toml`, embedded in the binary. A house catalog in a `--templates` folder
//! replaces it whole.

use crate::date::Date;
use crate::error::{did_you_mean, InputError, Result};
use serde::Deserialize;
use std::path::Path;

/// The catalog embedded in the binary.
pub const BUNDLED_CATALOG: &str = include_str!("../templates/catalog.toml");

/// Whether DHCS has released a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Released: MOUs may be built on it.
    Released,
    /// Announced but not released.
    Forthcoming,
}

impl Status {
    /// The word `mou list` prints.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Released => "released",
            Status::Forthcoming => "forthcoming",
        }
    }
}

/// An optional provision that a party file may switch on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionInfo {
    /// Its key in the party file's `[options]` table.
    pub name: String,
    /// What it adds to the MOU.
    pub description: String,
}

/// One template of the catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInfo {
    /// The id used in party files, such as `smhs`.
    pub id: String,
    /// The program, as the MOU's title names it.
    pub title: String,
    /// The other party's defined term in this program, such as `MHP`.
    pub other_party: String,
    /// The first date an MOU on this template may take effect.
    pub effective: Option<Date>,
    /// Released or forthcoming.
    pub status: Status,
    /// When a forthcoming template is expected.
    pub expected: Option<Date>,
    /// The version of the template text.
    pub version: String,
    /// The template file, relative to the templates folder: a minijinja template, or for an imported template the
    /// copy of the official file (`.docx` or `.md`).
    pub file: Option<String>,
    /// For an imported template (see `mou import`): the SHA-256 of the official file, which its copy must match.
    #[serde(default)]
    pub sha256: Option<String>,
    /// For an imported template: its `fill-ins.toml`, relative to the templates folder.
    #[serde(default)]
    pub fill_ins: Option<String>,
    /// Optional provisions.
    #[serde(default, rename = "option")]
    pub options: Vec<OptionInfo>,
}

impl TemplateInfo {
    /// Whether this template is an official file imported with `mou import`, filled in place rather than rendered.
    #[must_use]
    pub fn is_imported(&self) -> bool {
        self.fill_ins.is_some()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    template: Vec<TemplateInfo>,
}

/// The set of templates `mou` can build and check against.
#[derive(Debug, Clone)]
pub struct Catalog {
    templates: Vec<TemplateInfo>,
}

impl Catalog {
    /// The catalog embedded in the binary.
    ///
    /// # Panics
    /// Never in a released build: a test parses the bundled catalog.
    #[must_use]
    pub fn bundled() -> Self {
        Self::parse(BUNDLED_CATALOG, Path::new("catalog.toml")).expect("the bundled catalog is valid")
    }

    /// Parses a catalog file's text; `path` names it in errors.
    ///
    /// # Errors
    /// A TOML or shape error, with its position.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| {
            let mut err = InputError::new(e.message().to_string()).in_file(path);
            if let Some(span) = e.span() {
                err = err.at_offset(text, span.start);
            }
            err
        })?;
        for t in &file.template {
            if t.status == Status::Released && t.file.is_none() {
                return Err(InputError::new(format!("template `{}` is released but names no file", t.id))
                    .in_file(path)
                    .into());
            }
            if t.is_imported()
                && t.sha256.as_deref().is_none_or(|h| h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()))
            {
                return Err(InputError::new(format!(
                    "template `{}` names a fill-ins file but no `sha256` of 64 hex digits for its official file",
                    t.id
                ))
                .in_file(path)
                .help("import the official file again with `mou import`")
                .into());
            }
        }
        Ok(Catalog { templates: file.template })
    }

    /// Every template, in catalog order.
    #[must_use]
    pub fn templates(&self) -> &[TemplateInfo] {
        &self.templates
    }

    /// The template with this id.
    ///
    /// # Errors
    /// An unknown id, with the closest known id and the full list.
    pub fn get(&self, id: &str) -> Result<&TemplateInfo, InputError> {
        if let Some(t) = self.templates.iter().find(|t| t.id == id) {
            return Ok(t);
        }
        let ids: Vec<&str> = self.templates.iter().map(|t| t.id.as_str()).collect();
        let mut help = String::new();
        if let Some(best) = did_you_mean(id, ids.iter().copied()) {
            help.push_str(&format!("did you mean `{best}`? "));
        }
        help.push_str(&format!("known templates: {} (see `mou list`)", ids.join(", ")));
        Err(InputError::new(format!("unknown template `{id}`")).help(help))
    }

    /// The template with this id, which must be released.
    ///
    /// # Errors
    /// An unknown or forthcoming template.
    pub fn released(&self, id: &str) -> Result<&TemplateInfo, InputError> {
        let t = self.get(id)?;
        if t.status == Status::Forthcoming {
            let when = t
                .expected
                .or(t.effective)
                .map_or_else(|| "at a date not yet announced".to_string(), |d| format!("for {d}"));
            return Err(InputError::new(format!("template `{id}` ({}) is not released yet", t.title))
                .help(format!("DHCS expects it {when}; until then no MOU can be built on it")));
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalog_lists_every_program() {
        let c = Catalog::bundled();
        let ids: Vec<&str> = c.templates().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), 13);
        for id in [
            "base",
            "ihss",
            "smhs",
            "dmc-ods",
            "dmc-sp",
            "regional-center",
            "lhd",
            "social-services",
            "wic",
            "tcm",
            "first5",
            "justice-involved",
            "lea",
        ] {
            assert!(ids.contains(&id), "{id} missing");
        }
        assert_eq!(c.get("lea").unwrap().status, Status::Forthcoming);
    }

    #[test]
    fn unknown_ids_get_a_suggestion() {
        let err = Catalog::bundled().get("smh").unwrap_err();
        assert!(err.help.unwrap().contains("did you mean `smhs`"));
    }

    #[test]
    fn forthcoming_templates_cannot_be_built() {
        let err = Catalog::bundled().released("lea").unwrap_err();
        assert!(err.message.contains("not released"));
        assert!(err.help.unwrap().contains("2027-01-01"));
    }
}
