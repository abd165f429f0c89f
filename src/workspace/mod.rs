//! A contracts repository: a folder of MOUs with a `mou.toml` at its root that lists them, so one `mou check`
//! with no file named checks them all, in CI or before a commit.
//!
//! ```toml
//! # mou.toml
//! [[mou]]
//! document = "counties/alameda/smhs-executed.md"   # the baseline comes from the draft's front matter
//!
//! [[mou]]
//! document = "counties/kern/ihss.docx"
//! party = "counties/kern/ihss.toml"                 # the bundled templates rendered with this party file
//!
//! [[mou]]
//! document = "counties/inyo/wic.md"
//! against = "official/wic-2024.md"                  # an official text; [bracketed] fill-ins match anything
//!
//! [[glob]]
//! documents = "drafts/**/*.md"                      # each draft finds its baseline from its front matter
//! exclude = ["drafts/old/**"]
//! ```
//!
//! Paths are relative to `mou.toml`, written with `/`, and stay inside its folder (see [`crate::paths`]: the
//! workspace's [`Root`] is [`Workspace::within`]). This module reads the file strictly (unknown keys are
//! errors with a line, a column and a suggestion), expands the globs, and answers which MOUs a command-line path
//! or a git revision selects. It never prints and never checks anything: the binary does that.

mod git;
mod glob;

pub use git::{changed_since, ChangedFiles};
pub use glob::{walk, Glob};

use crate::error::{InputError, Lines, Result};
use crate::frontmatter::FrontMatter;
use crate::paths::Root;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// The workspace file's name.
pub const MANIFEST: &str = "mou.toml";
/// The waivers file read by default, next to `mou.toml`.
pub const DEFAULT_WAIVERS: &str = "mou-waivers.toml";
/// The baseline of known findings read (and written by `--write-baseline`) by default, next to `mou.toml`.
pub const DEFAULT_BASELINE: &str = "mou-baseline.json";

/// What one MOU is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BaselineSpec {
    /// The draft's own `mou build` front matter names its party file.
    FrontMatter,
    /// An official text (`against`), relative to the workspace root.
    Against(String),
    /// The templates rendered with a party file (`party`), relative to the workspace root.
    Party(String),
    /// Bundled (or house) templates with every party value a fill-in (`template`).
    Template(Vec<String>),
}

/// Where an MOU entry came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A `[[mou]]` table, at this line of `mou.toml`.
    Listed {
        /// 1-based line of its `document` key.
        line: usize,
    },
    /// A `[[glob]]` table's pattern.
    Glob {
        /// The pattern that matched.
        pattern: String,
    },
}

/// One MOU of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mou {
    /// The edited or executed document, relative to the workspace root, `/`-separated. Waivers and the baseline
    /// of known findings name an MOU by this path.
    pub document: String,
    /// What it is compared with.
    pub baseline: BaselineSpec,
    /// Where the entry came from.
    pub origin: Origin,
}

impl Mou {
    /// The files this MOU's check reads, relative to the workspace root, as far as `mou.toml` names them: the
    /// document and its `party` or `against` file. A front-matter draft's party file is found by
    /// [`Workspace::inputs`].
    #[must_use]
    pub fn listed_inputs(&self) -> Vec<String> {
        let mut v = vec![self.document.clone()];
        match &self.baseline {
            BaselineSpec::Against(p) | BaselineSpec::Party(p) => v.push(p.clone()),
            BaselineSpec::FrontMatter | BaselineSpec::Template(_) => {}
        }
        v
    }
}

/// A workspace read from its `mou.toml`.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder holding `mou.toml`, as the caller reaches it (relative to the current folder when it can be;
    /// empty for the current folder itself).
    pub root: PathBuf,
    /// The `mou.toml` file.
    pub manifest: PathBuf,
    /// House templates for every MOU (`templates_dir`), resolved against the root.
    pub templates_dir: Option<PathBuf>,
    /// The waivers file: `waivers` in `mou.toml`, else `mou-waivers.toml` next to it.
    pub waivers_file: PathBuf,
    /// The baseline of known findings: `baseline_file` in `mou.toml`, else `mou-baseline.json` next to it.
    pub baseline_file: PathBuf,
    /// Every MOU, sorted by document path, each once.
    pub mous: Vec<Mou>,
    /// The root every path `mou.toml` writes must stay inside: pass it to readers of those paths.
    pub within: Root,
    /// Things to tell the user that do not stop the run, such as a glob that matches no file.
    pub warnings: Vec<String>,
    /// Phrases the repository adds to the rules' word lists (`[lexicon]`), such as a county's house hedges.
    pub lexicon: crate::rules::lexicon::Additions,
}

/// `mou.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    templates_dir: Option<Spanned<String>>,
    #[serde(default)]
    waivers: Option<Spanned<String>>,
    #[serde(default)]
    baseline_file: Option<Spanned<String>>,
    #[serde(default)]
    mou: Vec<RawMou>,
    #[serde(default)]
    glob: Vec<RawGlob>,
    #[serde(default)]
    lexicon: crate::rules::lexicon::Additions,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMou {
    document: Spanned<String>,
    #[serde(default)]
    party: Option<Spanned<String>>,
    #[serde(default)]
    against: Option<Spanned<String>>,
    #[serde(default)]
    template: Option<Spanned<OneOrMany>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlob {
    documents: Spanned<OneOrMany>,
    #[serde(default)]
    exclude: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    against: Option<Spanned<String>>,
    #[serde(default)]
    template: Option<Spanned<OneOrMany>>,
}

/// A string or a list of strings: `template = "smhs"` or `template = ["smhs", "dmc-ods"]`.
#[derive(Debug, Clone)]
struct OneOrMany(Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::String(s) => Ok(OneOrMany(vec![s])),
            toml::Value::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    toml::Value::String(s) => Ok(s),
                    other => {
                        Err(serde::de::Error::custom(format!("expected text in quotes, found {}", other.type_str())))
                    }
                })
                .collect::<std::result::Result<Vec<_>, _>>()
                .map(OneOrMany),
            other => Err(serde::de::Error::custom(format!(
                "expected text in quotes or a list of them, found {}",
                other.type_str()
            ))),
        }
    }
}

impl Workspace {
    /// The nearest `mou.toml`: in `start` (a folder) or the closest folder above it.
    ///
    /// # Errors
    /// `start` cannot be resolved.
    pub fn find(start: &Path) -> Result<Option<PathBuf>> {
        let abs = start.canonicalize().map_err(|e| crate::Error::io(start, e))?;
        Ok(abs.ancestors().map(|d| d.join(MANIFEST)).find(|m| m.is_file()))
    }

    /// Reads a `mou.toml` and expands its globs against the files under its folder.
    ///
    /// # Errors
    /// The file cannot be read or is not a valid workspace file.
    pub fn load(manifest: &Path) -> Result<Workspace> {
        // mou.toml itself is confined to its folder: a link to a file elsewhere is not a workspace.
        let within = Root::workspace(manifest.parent().unwrap_or(Path::new("")))?;
        Self::parse(
            &crate::files::read_text(manifest, Some(&within), crate::files::MAX_SETTINGS_BYTES, MANIFEST)?,
            manifest,
        )
    }

    /// Parses a `mou.toml`'s text; `manifest` names it in errors, and its folder is the root that paths and
    /// globs are relative to.
    ///
    /// # Errors
    /// As [`Workspace::load`].
    pub fn parse(text: &str, manifest: &Path) -> Result<Workspace> {
        let raw: RawManifest = toml::from_str(text).map_err(|e| {
            crate::error::toml_error(
                &e,
                text,
                manifest,
                crate::error::TomlHelp {
                    missing: "every [[mou]] needs document = \"...\" and every [[glob]] needs documents = \"...\"",
                    wrong_type: "see the README's \"Contracts repositories and CI\" section for the shape of mou.toml",
                    other: "see the README's \"Contracts repositories and CI\" section for the shape of mou.toml",
                },
            )
        })?;
        let root = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
        let within = Root::workspace(&root)?;
        let lines = Lines::new(text);
        let at = |span: std::ops::Range<usize>, msg: String| {
            let mut e = InputError::new(msg).in_file(manifest);
            e.position = Some(lines.position(span.start));
            e
        };
        let rel = |s: &Spanned<String>, what: &str| -> Result<String> {
            crate::paths::relative(s.get_ref()).map_err(|m| at(s.span(), format!("`{what}`: {m}")).into())
        };

        let mut mous: BTreeMap<String, Mou> = BTreeMap::new();
        for m in &raw.mou {
            let document = rel(&m.document, "document")?;
            if document.is_empty() {
                return Err(at(m.document.span(), "`document` is empty".into())
                    .help("name the MOU's edited or executed file, such as \"counties/kern/ihss.md\"")
                    .into());
            }
            let baseline = spec(&m.party, &m.against, m.template.as_ref(), &at, &rel)?;
            let line = lines.position(m.document.span().start).line;
            if let Some(first) = mous.get(&document) {
                let Origin::Listed { line: first_line } = first.origin else { unreachable!() };
                return Err(at(
                    m.document.span(),
                    format!("`{document}` is listed twice (first on line {first_line})"),
                )
                .help("list each MOU once")
                .into());
            }
            mous.insert(document.clone(), Mou { document, baseline, origin: Origin::Listed { line } });
        }

        // Every pattern of every table is matched in one walk of the workspace.
        let mut tables = Vec::new();
        let mut patterns: Vec<Glob> = Vec::new();
        for g in &raw.glob {
            let baseline = spec(&None, &g.against, g.template.as_ref(), &at, &rel)?;
            let compile = |s: &Spanned<OneOrMany>, what: &str| -> Result<Vec<Glob>> {
                if s.get_ref().0.is_empty() {
                    return Err(at(s.span(), format!("`{what}` is an empty list"))
                        .help("give a pattern such as \"drafts/**/*.md\"")
                        .into());
                }
                s.get_ref()
                    .0
                    .iter()
                    .map(|p| {
                        Glob::new(p).map_err(|m| {
                            at(s.span(), format!("`{what}`: {m}"))
                                .help("globs use * within a folder, ** across folders, ? for one character, [abc] and {a,b}")
                                .into()
                        })
                    })
                    .collect()
            };
            let first = patterns.len();
            patterns.extend(compile(&g.documents, "documents")?);
            let excludes = match &g.exclude {
                Some(e) => {
                    let list = compile(e, "exclude")?;
                    Some(glob::AnyOf::new(&list).map_err(|m| at(e.span(), format!("`exclude`: {m}")))?)
                }
                None => None,
            };
            tables.push((g, baseline, first..patterns.len(), excludes));
        }
        let walked = walk(&root, &patterns).map_err(|e| e.in_file(manifest))?;
        let mut warnings = Vec::new();
        let mut globbed: Vec<Mou> = Vec::new();
        for (g, baseline, range, excludes) in &tables {
            for i in range.clone() {
                let kept = walked[i].iter().filter(|f| excludes.as_ref().is_none_or(|x| !x.is_match(f)));
                let before = globbed.len();
                for f in kept {
                    let origin = Origin::Glob { pattern: patterns[i].pattern.clone() };
                    globbed.push(Mou { document: f.clone(), baseline: baseline.clone(), origin });
                }
                if globbed.len() == before {
                    let pos = lines.position(g.documents.span().start);
                    warnings.push(format!(
                        "{}:{}:{}: the glob `{}` matches no file",
                        manifest.display(),
                        pos.line,
                        pos.column,
                        patterns[i].pattern
                    ));
                }
            }
        }
        // A file another MOU is checked against is an official text, not an MOU, even when a glob matches it.
        let official: BTreeSet<String> = mous
            .values()
            .chain(&globbed)
            .filter_map(|m| match &m.baseline {
                BaselineSpec::Against(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        for m in globbed {
            // A listed MOU keeps its own entry; of two globs, the first one wins.
            if !official.contains(&m.document) && !mous.contains_key(&m.document) {
                mous.insert(m.document.clone(), m);
            }
        }
        if raw.mou.is_empty() && raw.glob.is_empty() {
            return Err(InputError::new("mou.toml lists no MOU")
                .in_file(manifest)
                .help("add an [[mou]] table with document = \"path/to/mou.md\", or a [[glob]] table with documents = \"drafts/**/*.md\"")
                .into());
        }

        let file = |s: &Option<Spanned<String>>, what: &str, default: &str| -> Result<PathBuf> {
            Ok(match s {
                Some(s) => root.join(rel(s, what)?),
                None => root.join(default),
            })
        };
        let templates_dir = match &raw.templates_dir {
            Some(d) => {
                let dir = root.join(rel(d, "templates_dir")?);
                // A folder that exists must not lead out of the workspace through a symbolic link either; the
                // templates inside it are then confined to it (see `render`).
                if dir.exists() {
                    within.check(&dir).map_err(|e| match e {
                        crate::Error::Input(e) => {
                            crate::Error::Input(at(d.span(), format!("`templates_dir`: {}", e.message)))
                        }
                        other => other,
                    })?;
                }
                Some(dir)
            }
            None => None,
        };
        Ok(Workspace {
            waivers_file: file(&raw.waivers, "waivers", DEFAULT_WAIVERS)?,
            baseline_file: file(&raw.baseline_file, "baseline_file", DEFAULT_BASELINE)?,
            templates_dir,
            manifest: manifest.to_path_buf(),
            mous: mous.into_values().collect(),
            root,
            within,
            warnings,
            lexicon: raw.lexicon,
        })
    }

    /// Finds and reads the workspace for a folder, with its root expressed relative to the current folder (so
    /// messages never show a long absolute path when a short one will do).
    ///
    /// # Errors
    /// The `mou.toml` found is invalid.
    pub fn discover(start: &Path) -> Result<Option<Workspace>> {
        let Some(manifest) = Self::find(start)? else { return Ok(None) };
        let abs_root = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
        let root = match std::env::current_dir() {
            Ok(cwd) => {
                let r = crate::output::relative_path(&abs_root, &cwd);
                if r.is_relative() && r.as_os_str() == "." {
                    PathBuf::new()
                } else {
                    r
                }
            }
            Err(_) => abs_root,
        };
        Self::load(&root.join(MANIFEST)).map(Some)
    }

    /// A path of the workspace (a key such as `counties/kern/ihss.md`) as the caller reaches it.
    #[must_use]
    pub fn path(&self, key: &str) -> PathBuf {
        self.root.join(key)
    }

    /// A path given by the user (relative to the current folder, or absolute) as a workspace key, if it lies
    /// inside the workspace. The empty key is the root itself.
    #[must_use]
    pub fn key_of(&self, path: &Path) -> Option<String> {
        let root = lexical_absolute(&self.root);
        let p = lexical_absolute(path);
        let rest = p.strip_prefix(&root).ok()?;
        Some(rest.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
    }

    /// Every file an MOU's check reads, relative to the root: its document, its `party` or `against` file, and
    /// for a front-matter draft the party file its front matter names.
    #[must_use]
    pub fn inputs(&self, mou: &Mou) -> Vec<String> {
        let mut v = mou.listed_inputs();
        if mou.baseline == BaselineSpec::FrontMatter {
            if let Some(party) = self.front_matter_party(&mou.document) {
                v.push(party);
            }
        }
        v
    }

    /// The party file a draft's front matter (a Word draft's custom properties) names, relative to the root, if it
    /// stays inside it.
    fn front_matter_party(&self, document: &str) -> Option<String> {
        let bytes = crate::files::read(&self.path(document), Some(&self.within), crate::files::MAX_INPUT_BYTES).ok()?;
        let fm = match std::str::from_utf8(&bytes).ok().and_then(FrontMatter::parse) {
            Some((fm, _)) => fm,
            None => crate::word::front_matter(&bytes)?,
        };
        let party = fm.party_file?;
        let dir = document.rsplit_once('/').map_or("", |(d, _)| d);
        let resolved = self.within.resolve(&self.path(dir), &party).ok()?;
        self.key_of(&resolved)
    }

    /// The MOUs whose inputs changed since a git revision. Every MOU is selected when `mou.toml`, the waivers
    /// file, the baseline of known findings or the house templates changed, since any of them can change any
    /// MOU's result.
    ///
    /// # Errors
    /// As [`changed_since`].
    pub fn changed_since(&self, revision: &str) -> Result<Vec<&Mou>> {
        let dir = if self.root.as_os_str().is_empty() { Path::new(".") } else { self.root.as_path() };
        let changed = changed_since(dir, revision)?;
        let root = canonical_or_lexical(&self.root);
        let abs = |key: &str| lexical_absolute(&root.join(key));
        let everything = [&self.manifest, &self.waivers_file, &self.baseline_file]
            .iter()
            .any(|f| changed.contains(&lexical_absolute(&canonical_or_lexical(f))))
            || self.templates_dir.as_ref().is_some_and(|d| changed.any_under(&canonical_or_lexical(d)));
        Ok(self
            .mous
            .iter()
            .filter(|m| everything || self.inputs(m).iter().any(|k| changed.contains(&abs(k))))
            .collect())
    }
}

/// The baseline one entry names: at most one of `party`, `against` and `template`.
fn spec(
    party: &Option<Spanned<String>>,
    against: &Option<Spanned<String>>,
    template: Option<&Spanned<OneOrMany>>,
    at: &dyn Fn(std::ops::Range<usize>, String) -> InputError,
    rel: &dyn Fn(&Spanned<String>, &str) -> Result<String>,
) -> Result<BaselineSpec> {
    let named: Vec<std::ops::Range<usize>> = [party.as_ref().map(Spanned::span), against.as_ref().map(Spanned::span)]
        .into_iter()
        .flatten()
        .chain(template.map(Spanned::span))
        .collect();
    if named.len() > 1 {
        let second = named.iter().max_by_key(|s| s.start).cloned().unwrap_or(0..0);
        return Err(at(second, "an MOU is compared with one baseline: `party`, `against` or `template`".into())
            .help("keep the one this MOU must match; with none, a draft built by `mou build` uses its own front matter")
            .into());
    }
    if let Some(p) = party {
        return Ok(BaselineSpec::Party(rel(p, "party")?));
    }
    if let Some(a) = against {
        return Ok(BaselineSpec::Against(rel(a, "against")?));
    }
    if let Some(t) = template {
        let ids: Vec<String> = t
            .get_ref()
            .0
            .iter()
            .flat_map(|s| s.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if ids.is_empty() {
            return Err(at(t.span(), "`template` names no template".into())
                .help("name a template id as `mou list` shows it, such as \"smhs\"")
                .into());
        }
        return Ok(BaselineSpec::Template(ids));
    }
    Ok(BaselineSpec::FrontMatter)
}

/// An absolute path with `.` and `..` folded, without touching the file system (the file may not exist).
#[must_use]
pub fn lexical_absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// A path made canonical when it exists (so it compares with git's view of the repository), else lexically
/// absolute.
fn canonical_or_lexical(path: &Path) -> PathBuf {
    let p = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    p.canonicalize().unwrap_or_else(|_| lexical_absolute(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in(dir: &Path, text: &str) -> Result<Workspace> {
        Workspace::parse(text, &dir.join(MANIFEST))
    }

    fn err(text: &str) -> InputError {
        let dir = tempfile::tempdir().unwrap();
        match parse_in(dir.path(), text) {
            Err(crate::Error::Input(e)) => e,
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn lists_globs_and_baselines() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["drafts/b.md", "drafts/a.md", "drafts/old/c.md", "official/x.md", "k/ihss.docx"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let ws = parse_in(
            dir.path(),
            r#"
[[mou]]
document = "./k/ihss.docx"
against = "official/x.md"

[[mou]]
document = "drafts/a.md"
template = ["smhs", "dmc-ods"]

[[glob]]
documents = ["**/*.md"]
exclude = "drafts/old/**"
"#,
        )
        .unwrap();
        let docs: Vec<(&str, &BaselineSpec)> = ws.mous.iter().map(|m| (m.document.as_str(), &m.baseline)).collect();
        assert_eq!(
            docs,
            vec![
                ("drafts/a.md", &BaselineSpec::Template(vec!["smhs".into(), "dmc-ods".into()])),
                ("drafts/b.md", &BaselineSpec::FrontMatter),
                ("k/ihss.docx", &BaselineSpec::Against("official/x.md".into())),
            ]
        );
        assert!(ws.warnings.is_empty(), "{:?}", ws.warnings);
        assert_eq!(ws.waivers_file, dir.path().join(DEFAULT_WAIVERS));
    }

    #[test]
    fn a_word_drafts_party_file_is_one_of_its_inputs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("k")).unwrap();
        let fm = FrontMatter { party_file: Some("../parties/k.toml".into()), ..FrontMatter::default() };
        let md = format!("{}\n# MOU\n\nText.\n", fm.to_markdown());
        let docx = crate::word::draft_docx(&md, &crate::word::DocProps::from_markdown(&md));
        std::fs::write(dir.path().join("k/draft.docx"), docx).unwrap();
        let ws = parse_in(dir.path(), "[[mou]]\ndocument = \"k/draft.docx\"\n").unwrap();
        assert_eq!(ws.inputs(&ws.mous[0]), ["k/draft.docx", "parties/k.toml"]);
    }

    #[test]
    fn unknown_keys_have_a_position_and_a_suggestion() {
        let e = err("[[mou]]\ndocument = \"a.md\"\nagaints = \"o.md\"\n");
        assert!(e.message.contains("unknown field `againts`"), "{e}");
        assert_eq!(e.help.as_deref(), Some("did you mean `against`?"));
        assert_eq!(e.position.unwrap().line, 3);
    }

    #[test]
    fn one_baseline_per_mou_and_each_mou_once() {
        let e = err("[[mou]]\ndocument = \"a.md\"\nparty = \"p.toml\"\nagainst = \"o.md\"\n");
        assert!(e.message.contains("one baseline"), "{e}");
        assert_eq!(e.position.unwrap().line, 4);
        let e = err("[[mou]]\ndocument = \"a.md\"\n[[mou]]\ndocument = \"./a.md\"\n");
        assert!(e.message.contains("listed twice (first on line 2)"), "{e}");
        let e = err("[[glob]]\ndocuments = \"a/[b.md\"\n");
        assert!(e.message.contains("closing `]`"), "{e}");
        let e = err("[[mou]]\ndocument = \"/etc/a.md\"\n");
        assert!(e.message.contains("absolute"), "{e}");
        let e = err("# nothing\n");
        assert!(e.message.contains("lists no MOU"), "{e}");
    }

    #[test]
    fn a_glob_that_matches_nothing_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let ws = parse_in(dir.path(), "[[glob]]\ndocuments = \"drafts/*.md\"\n").unwrap();
        assert!(ws.mous.is_empty());
        assert!(ws.warnings[0].contains(":2:13: the glob `drafts/*.md` matches no file"), "{:?}", ws.warnings);
    }
}
