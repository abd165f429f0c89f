//! `mou build`: fills the Base and program templates from a party file and writes the draft.
//!
//! Templates are minijinja files, embedded in the binary or read from a house folder. Party values reach them only
//! as data: every value is escaped for Markdown by the environment's formatter, and no party value is ever
//! compiled as template source.

mod escape;
pub mod html;
mod numbering;

pub use escape::escape_markdown;
pub use numbering::number;

use crate::catalog::{Catalog, TemplateInfo};
use crate::error::{InputError, Result};
use crate::frontmatter::FrontMatter;
use crate::party::{AdditionalProvision, Mcp, Notice, Party, Person, Signer, Subcontractor};
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Where templates come from.
#[derive(Debug, Clone)]
pub enum TemplateSource {
    /// The templates embedded in the binary.
    Bundled,
    /// A house folder with its own `catalog.toml`.
    Dir(PathBuf),
}

/// A minijinja environment holding every template of one catalog.
pub struct Renderer {
    env: Environment<'static>,
    catalog: Catalog,
}

impl Renderer {
    /// A renderer for the given templates.
    ///
    /// # Errors
    /// The folder has no readable `catalog.toml`, or the catalog is invalid.
    pub fn new(source: &TemplateSource) -> Result<Self> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let mut syntax = minijinja::syntax::SyntaxConfig::builder();
        syntax.trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true);
        env.set_syntax(syntax.build().expect("default delimiters are valid"));
        // Every value not produced by the templates themselves is escaped for Markdown. A custom auto-escape mode
        // (rather than none) makes minijinja mark macro output as safe, so hook text is not escaped twice.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Custom("markdown".into()));
        env.set_formatter(|out, _state, value| {
            if value.is_none() || value.is_undefined() {
                return Ok(());
            }
            if value.is_safe() {
                out.write_str(value.as_str().unwrap_or_default())?;
            } else {
                out.write_str(&escape_markdown(&value.to_string()))?;
            }
            Ok(())
        });
        let catalog = match source {
            TemplateSource::Bundled => {
                minijinja_embed::load_templates!(&mut env);
                Catalog::bundled()
            }
            TemplateSource::Dir(dir) => {
                let path = dir.join("catalog.toml");
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    crate::Error::Input(
                        InputError::new(format!("cannot read the house catalog: {e}")).in_file(&path).help(
                            "a templates folder needs a catalog.toml like the bundled one (see templates/README.md)",
                        ),
                    )
                })?;
                let catalog = Catalog::parse(&text, &path)?;
                let dir = dir.clone();
                env.set_loader(move |name| {
                    // Template names come from the catalog and from templates; refuse anything that leaves the folder.
                    let rel = Path::new(name);
                    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
                        return Err(minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("template name `{name}` leaves the templates folder"),
                        ));
                    }
                    match std::fs::read_to_string(dir.join(rel)) {
                        Ok(s) => Ok(Some(s)),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                        Err(e) => Err(minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("cannot read template `{name}`: {e}"),
                        )),
                    }
                });
                catalog
            }
        };
        Ok(Renderer { env, catalog })
    }

    /// The catalog of these templates.
    #[must_use]
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Renders the MOU for a party file as Markdown, without front matter.
    ///
    /// # Errors
    /// A template is missing or fails to render.
    pub fn render_body(&self, party: &Party) -> Result<String> {
        let infos: Vec<&TemplateInfo> =
            party.templates.iter().map(|id| self.catalog.released(id)).collect::<Result<_, _>>()?;
        let ctx = Context::new(party, &infos);
        let base = self.catalog.released("base")?.file.clone().unwrap_or_else(|| "base.md.j2".into());
        let template = self.env.get_template(&base).map_err(template_error)?;
        let rendered = template.render(Value::from(minijinja::value::Serde(&ctx))).map_err(template_error)?;
        Ok(tidy(&number(&rendered)))
    }

    /// Renders the complete draft: front matter recording its provenance, then the MOU.
    ///
    /// `party_ref` is how the front matter names the party file (a path relative to the draft, where possible).
    ///
    /// # Errors
    /// As [`Renderer::render_body`].
    pub fn render_draft(&self, party: &Party, party_ref: &str) -> Result<String> {
        let body = self.render_body(party)?;
        let fm = FrontMatter {
            generator: format!("mou {}", env!("CARGO_PKG_VERSION")),
            templates: party
                .templates
                .iter()
                .map(|id| {
                    let v = self.catalog.get(id).map(|t| t.version.clone()).unwrap_or_default();
                    (id.clone(), v)
                })
                .collect(),
            party_file: Some(party_ref.to_string()),
            party_sha256: Some(party.sha256.clone()),
            ..FrontMatter::default()
        };
        Ok(format!("{}\n{body}", fm.to_markdown()))
    }
}

/// Collapses the runs of blank lines that conditional template blocks leave, and ends with one newline.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

fn template_error(e: minijinja::Error) -> crate::Error {
    let mut err = InputError::new(format!("template error: {}", e.detail().unwrap_or(&e.to_string())));
    if let Some(name) = e.name() {
        err = err.in_file(Path::new(name));
    }
    if let Some(line) = e.line() {
        err.position = Some(crate::error::Position { line, column: 1 });
    }
    crate::Error::Input(err.help("fix the template, or build with the bundled templates"))
}

/// What a template sees. Field names here are the template contract documented in `templates/README.md`.
#[derive(Serialize)]
struct Context<'a> {
    mou: MouInfo,
    programs: Vec<Program<'a>>,
    mcps: &'a [Mcp],
    other: OtherView<'a>,
    subcontractors: Vec<SubView<'a>>,
    options: &'a BTreeMap<String, bool>,
    additional: Vec<Additional<'a>>,
}

#[derive(Serialize)]
struct MouInfo {
    title: String,
    effective_date: String,
    county: String,
    combined: bool,
    go_live_date: Option<String>,
    whole_child_model: bool,
}

#[derive(Serialize)]
struct Program<'a> {
    id: &'a str,
    title: &'a str,
    short: &'a str,
    version: &'a str,
    file: &'a str,
}

#[derive(Serialize)]
struct OtherView<'a> {
    legal_name: &'a str,
    short: String,
    responsible_person: &'a Person,
    liaison: &'a Person,
    notice: &'a Notice,
    signer: &'a Signer,
}

#[derive(Serialize)]
struct SubView<'a> {
    legal_name: &'a str,
    short_name: &'a str,
    license: &'a str,
    duties: &'a [String],
    signer: &'a Signer,
}

#[derive(Serialize)]
struct Additional<'a> {
    title: &'a str,
    paragraphs: Vec<&'a str>,
}

impl<'a> Context<'a> {
    fn new(party: &'a Party, infos: &[&'a TemplateInfo]) -> Self {
        let combined = infos.len() > 1;
        let short = party.other.short_name.clone().unwrap_or_else(|| {
            if combined {
                "County".to_string()
            } else {
                infos[0].other_party.clone()
            }
        });
        let title = if infos.len() == 1 && infos[0].id == "base" {
            "Memorandum of Understanding".to_string()
        } else {
            format!(
                "Memorandum of Understanding: {}",
                infos.iter().map(|t| t.title.as_str()).collect::<Vec<_>>().join(" and ")
            )
        };
        Context {
            mou: MouInfo {
                title,
                effective_date: if party.placeholder { "[effective date]".into() } else { party.effective_date.long() },
                county: party.county.clone(),
                combined,
                go_live_date: party.go_live_date.map(|d| d.long()),
                whole_child_model: party.whole_child_model,
            },
            programs: infos
                .iter()
                .filter(|t| t.id != "base")
                .map(|t| Program {
                    id: &t.id,
                    title: &t.title,
                    short: if combined { &t.other_party } else { short_ref(party, t) },
                    version: &t.version,
                    file: t.file.as_deref().unwrap_or_default(),
                })
                .collect(),
            mcps: &party.mcps,
            other: OtherView {
                legal_name: &party.other.legal_name,
                short,
                responsible_person: &party.other.responsible_person,
                liaison: &party.other.liaison,
                notice: &party.other.notice,
                signer: &party.other.signer,
            },
            subcontractors: party
                .subcontractors
                .iter()
                .map(|s: &Subcontractor| SubView {
                    legal_name: &s.legal_name,
                    short_name: &s.short_name,
                    license: &s.knox_keene_license,
                    duties: &s.delegated_duties,
                    signer: &s.signer,
                })
                .collect(),
            options: &party.options,
            additional: party
                .additional
                .iter()
                .map(|a: &AdditionalProvision| Additional {
                    title: &a.title,
                    paragraphs: a.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect(),
                })
                .collect(),
        }
    }
}

/// In a single-program MOU the program's defined term is the other party's own (which the party file may rename).
fn short_ref<'a>(party: &'a Party, t: &'a TemplateInfo) -> &'a str {
    party.other.short_name.as_deref().unwrap_or(&t.other_party)
}
