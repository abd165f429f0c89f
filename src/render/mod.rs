//! `mou build`: fills the Base and program templates from a party file and writes the draft.
//!
//! Templates are minijinja files, embedded in the binary or read from a house folder. Party values reach them only
//! as data: every value is escaped for Markdown by the environment's formatter, and no party value is ever
//! compiled as template source.

mod escape;
pub mod html;
pub mod marks;
mod numbering;

pub use escape::{escape_markdown, escape_markdown_inline};
pub use numbering::number;

use crate::catalog::{Catalog, TemplateInfo};
use crate::error::{InputError, Result};
use crate::files::MAX_SETTINGS_BYTES;
use crate::frontmatter::FrontMatter;
use crate::party::{AdditionalProvision, Mcp, Notice, Party, Person, Signer, Subcontractor};
use crate::paths::Root;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::Ordering;

/// Where templates come from.
#[derive(Debug, Clone)]
pub enum TemplateSource {
    /// The templates embedded in the binary.
    Bundled,
    /// A house folder with its own `catalog.toml`.
    Dir(PathBuf),
}

/// How much work one render may do, in minijinja's fuel: about one unit per instruction, and one per 64 bytes of
/// data a template makes. A bundled template with every option on takes about 3,000 and the combined example
/// (two programs, two MCPs, a subcontractor) about 5,000; a test renders each of them on a fiftieth of this
/// limit. It stops a house template that loops without end, in `mou build` and `mou check` alike, within a
/// second, and bounds the memory a render can use to about 64 MiB.
pub const FUEL: u64 = 1_000_000;

/// The most template source one house folder may load, all templates together (each one is also at most
/// [`MAX_SETTINGS_BYTES`]).
pub const MAX_TEMPLATES_BYTES: u64 = 32 * 1024 * 1024;

/// A minijinja environment holding every template of one catalog.
pub struct Renderer {
    env: Environment<'static>,
    catalog: Catalog,
    /// The house folder, to name a template's file in errors; `None` for the bundled templates.
    dir: Option<PathBuf>,
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
                let raw = value.to_string();
                out.write_str(&marks::write(&raw, escape_markdown(&raw)))?;
            }
            Ok(())
        });
        let catalog = match source {
            TemplateSource::Bundled => {
                minijinja_embed::load_templates!(&mut env);
                Catalog::bundled()
            }
            TemplateSource::Dir(dir) => {
                // A house folder is input like any other: the catalog and every template it loads must be regular
                // files inside the folder, symbolic links included, and all of them together are bounded.
                let path = dir.join("catalog.toml");
                let unreadable = |e: crate::Error| match e {
                    crate::Error::Io { source, .. } => crate::Error::Input(
                        InputError::new(format!("cannot read the house catalog: {source}")).in_file(&path).help(
                            "a templates folder needs a catalog.toml like the bundled one (see templates/README.md)",
                        ),
                    ),
                    other => other,
                };
                let root = Root::new(dir, format!("the templates folder {}", dir.display())).map_err(unreadable)?;
                let text = crate::files::read_text(&path, Some(&root), MAX_SETTINGS_BYTES, "the house catalog")
                    .map_err(unreadable)?;
                let catalog = Catalog::parse(&text, &path)?;
                let dir = dir.clone();
                let left = std::sync::atomic::AtomicU64::new(MAX_TEMPLATES_BYTES);
                env.set_loader(move |name| load_template(&dir, &root, &left, name));
                catalog
            }
        };
        env.set_fuel(Some(FUEL));
        let dir = match source {
            TemplateSource::Bundled => None,
            TemplateSource::Dir(d) => Some(d.clone()),
        };
        Ok(Renderer { env, catalog, dir })
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
        let template = self.env.get_template(&base).map_err(|e| self.template_error(&e))?;
        let rendered =
            template.render(Value::from(minijinja::value::Serde(&ctx))).map_err(|e| self.template_error(&e))?;
        Ok(tidy(&number(&rendered)))
    }

    /// Renders the MOU as [`Renderer::render_body`] does, with every party data value marked (see [`marks`]).
    ///
    /// # Errors
    /// As [`Renderer::render_body`].
    pub fn render_body_marked(&self, party: &Party) -> Result<String> {
        marks::with_marks(party.data_values(), || self.render_body(party))
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

    /// A template error as an input error naming the template's file and line. An error inside an included or
    /// extended template is named where it happened, the innermost template of the chain.
    fn template_error(&self, e: &minijinja::Error) -> crate::Error {
        let mut chain = vec![e];
        while let Some(inner) =
            std::error::Error::source(chain[chain.len() - 1]).and_then(|s| s.downcast_ref::<minijinja::Error>())
        {
            chain.push(inner);
        }
        let at = chain.iter().rev().find(|e| e.name().is_some()).copied().unwrap_or(e);
        let (message, help) = if chain.iter().any(|e| e.kind() == minijinja::ErrorKind::OutOfFuel) {
            (
                format!("the template did too much work: rendering stopped at the limit of {FUEL} steps"),
                "a house template may not loop without end or over huge ranges, so that it cannot hang a build or \
                 a CI check; render fewer items",
            )
        } else {
            let last = chain[chain.len() - 1];
            (
                format!("template error: {}", last.detail().map_or_else(|| last.kind().to_string(), str::to_string)),
                "fix the template, or build with the bundled templates",
            )
        };
        let mut err = InputError::new(message);
        if let Some(name) = at.name() {
            err = err.in_file(&self.dir.as_ref().map_or_else(|| PathBuf::from(name), |d| d.join(name)));
        }
        if let Some(line) = at.line() {
            err.position = Some(crate::error::Position { line, column: 1 });
        }
        crate::Error::Input(err.help(help))
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

/// Loads a template of a house folder by name: a regular file inside the folder, symbolic links followed only
/// while they stay inside, each template and all of them together within their limits.
fn load_template(
    dir: &Path,
    root: &Root,
    left: &std::sync::atomic::AtomicU64,
    name: &str,
) -> Result<Option<String>, minijinja::Error> {
    let refuse = |why: String| Err(minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, why));
    // Template names come from the catalog and from templates; refuse anything that leaves the folder.
    let rel = Path::new(name);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return refuse(format!("template name `{name}` leaves the templates folder"));
    }
    let text = match crate::files::read_text(&dir.join(rel), Some(root), MAX_SETTINGS_BYTES, "the template") {
        Ok(text) => text,
        Err(crate::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(crate::Error::Io { source, .. }) => return refuse(format!("cannot read template `{name}`: {source}")),
        Err(crate::Error::Input(e)) => return refuse(format!("template `{name}`: {}", e.message)),
    };
    let len = text.len() as u64;
    let fits = left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |l| l.checked_sub(len)).is_ok();
    if !fits {
        return refuse(format!(
            "template `{name}`: the templates of one folder may hold at most {} MiB together",
            MAX_TEMPLATES_BYTES / (1024 * 1024)
        ));
    }
    Ok(Some(text))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::party::example_party_file;

    /// Every bundled template with every optional provision on, and the combined example.
    fn parties() -> Vec<Party> {
        let catalog = Catalog::bundled();
        let mut texts: Vec<String> = catalog
            .templates()
            .iter()
            .filter(|t| t.file.is_some() && t.status == crate::catalog::Status::Released)
            .map(|t| {
                let text = example_party_file(&catalog, &t.id).unwrap();
                // Every option on renders the most text.
                text.lines()
                    .map(|l| {
                        if l.ends_with("= false") && !l.starts_with("whole_child") {
                            l.replace("= false", "= true")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        texts.push(include_str!("../../fixtures/example/party.toml").to_string());
        texts.iter().map(|t| Party::parse(t, Path::new("p.toml"), &catalog).unwrap()).collect()
    }

    #[test]
    fn every_bundled_template_renders_on_a_fiftieth_of_the_fuel() {
        let mut r = Renderer::new(&TemplateSource::Bundled).unwrap();
        r.env.set_fuel(Some(FUEL / 50));
        for p in parties() {
            r.render_body(&p).unwrap_or_else(|e| panic!("{:?}: {e}", p.templates));
        }
    }
}
