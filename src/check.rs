//! `mou check` as a library call: a baseline and an edited document in, findings and a verdict out.

use crate::compare::{compare, Comparison};
use crate::document::placeholders::{self, Scan};
use crate::document::{self, Document};
use crate::error::{InputError, Result};
use crate::hash::sha256_hex;
use crate::party::{Party, Signer};
use crate::paths::Root;
use crate::render::{Renderer, TemplateSource};
use crate::rules::{classify, Finding, Kind, Verdict};
use std::path::{Path, PathBuf};

/// The official text an edited MOU is compared with.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The baseline as a document ready to compare, shared by every report drawn from it: for an official text,
    /// its drafting notes and optional-provision markers taken out and its fill-ins made slots.
    pub doc: std::sync::Arc<Document>,
    /// The baseline as it was read, which edited files are read against (they share most of its text).
    pub raw: std::sync::Arc<Document>,
    /// The fill-ins, drafting notes and optional provisions found in it.
    pub scan: std::sync::Arc<Scan>,
    /// Whether it is an official text with bracketed fill-ins (rather than a template rendered from a party file).
    pub fill_ins: bool,
    /// How reports name it: a file, or a template and party file.
    pub description: String,
    /// Template ids and versions, when it was rendered from templates.
    pub templates: Vec<(String, String)>,
    /// The party file's hash, when it was rendered from one.
    pub party_sha256: Option<String>,
    /// Every signatory's legal name, when the baseline came from a party file.
    pub parties: Vec<String>,
    /// The MCPs' legal names, when the baseline came from a party file.
    pub mcps: Vec<String>,
    /// Who signs for each MCP, in the order of `mcps`, when the baseline came from a party file.
    pub mcp_signers: Vec<Signer>,
    /// The files and folders it was read from: an official text, or a party file and any folder of house
    /// templates. Output files must never replace them.
    pub inputs: Vec<PathBuf>,
    /// For official texts combined into one MOU, each one prepared; `doc` holds their blocks one after another.
    pub parts: Vec<std::sync::Arc<Document>>,
    /// The SHA-256 of the official file, when the baseline is an imported template's official file.
    pub official_sha256: Option<String>,
}

impl Baseline {
    /// A given official text (`--against`): an already rendered template, or the user's copy of the official
    /// template converted to Markdown. Bracketed fill-ins match whatever the parties put in their place. `within`
    /// is the root a path written in `mou.toml` must stay inside, `None` for a path the user named.
    ///
    /// # Errors
    /// The file cannot be read, or leaves `within`.
    pub fn from_file(path: &Path, within: Option<&Root>) -> Result<Baseline> {
        let doc = document::load_like(path, within, None)?;
        let mut b = Self::official(path.display().to_string(), doc);
        b.inputs = vec![path.to_path_buf()];
        Ok(b)
    }

    /// Several official texts combined into one MOU (`--against a --against b`): every mandatory provision of each
    /// must be present, and text that appears once counts for every text that has it.
    ///
    /// # Errors
    /// A file cannot be read.
    pub fn from_files(paths: &[PathBuf]) -> Result<Baseline> {
        let mut each = paths.iter().map(|p| Self::from_file(p, None)).collect::<Result<Vec<_>>>()?;
        if each.len() == 1 {
            return Ok(each.remove(0));
        }
        let description = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" + ");
        let parts: Vec<std::sync::Arc<Document>> = each.iter().map(|b| std::sync::Arc::clone(&b.doc)).collect();
        let refs: Vec<&Document> = parts.iter().map(|d| &**d).collect();
        let combined = crate::compare::combine(&description, &refs);
        let mut scan = Scan::default();
        for b in &each {
            scan.fill_ins.extend(b.scan.fill_ins.iter().cloned());
            scan.notes.extend(b.scan.notes.iter().cloned());
            scan.optional.extend(b.scan.optional.iter().cloned());
        }
        let mut first = each.swap_remove(0);
        first.description = description;
        first.doc = std::sync::Arc::new(combined);
        first.scan = std::sync::Arc::new(scan);
        first.inputs = paths.to_vec();
        first.templates = Vec::new();
        first.parts = parts;
        Ok(first)
    }

    /// An official text read into `doc`: its fill-ins, notes and optional provisions are found and prepared.
    fn official(description: String, doc: Document) -> Baseline {
        let templates = doc.front_matter.as_ref().map(|f| f.templates.clone()).unwrap_or_default();
        let (prepared, scan) = placeholders::prepare(&doc);
        Baseline {
            description,
            fill_ins: true,
            templates,
            party_sha256: None,
            parties: Vec::new(),
            mcps: Vec::new(),
            mcp_signers: Vec::new(),
            inputs: Vec::new(),
            official_sha256: None,
            doc: std::sync::Arc::new(prepared),
            raw: std::sync::Arc::new(doc),
            scan: std::sync::Arc::new(scan),
            parts: Vec::new(),
        }
    }

    /// An official text given as a string, named `name` in reports; bracketed fill-ins match any text.
    #[must_use]
    pub fn from_text(name: &str, text: &str) -> Baseline {
        Self::official(name.to_string(), document::markdown::parse(name, text))
    }

    /// The bundled (or house) templates rendered with a party file (`--party`), or with the house templates the
    /// party file names when `templates` is `None`. For an imported official template (see `mou import`), the
    /// official file itself, read as `--against` reads it: fill-ins are slots, of the kinds its `fill-ins.toml`
    /// gives. `within` is the root the party file must stay inside when its path was written in another file,
    /// `None` when the user named it (see [`crate::paths`]).
    ///
    /// # Errors
    /// The party file or templates are invalid, or a path leaves its root.
    pub fn from_party(party_path: &Path, templates: Option<&Path>, within: Option<&Root>) -> Result<Baseline> {
        let dir = match templates {
            Some(d) => Some(d.to_path_buf()),
            None => Party::templates_dir_in(party_path, within)?,
        };
        let inputs = std::iter::once(party_path.to_path_buf()).chain(dir.clone()).collect();
        let renderer = Renderer::new(&dir.clone().map_or(TemplateSource::Bundled, TemplateSource::Dir))?;
        let party = Party::load(party_path, within, renderer.catalog())?;
        if let (Some(info), Some(dir)) = (crate::import::imported_template(renderer.catalog(), &party)?, &dir) {
            let house = crate::import::House::open(dir, info)?;
            let mut b = Self::from_house(&house, &party);
            b.inputs = inputs;
            return Ok(b);
        }
        let body = renderer.render_body_marked(&party)?;
        let mut b = Self::rendered(
            &renderer,
            &party,
            &body,
            format!("templates {} with party file {}", party.templates.join(" + "), party_path.display()),
        );
        b.inputs = inputs;
        // A party value is part of the text: the rendered baseline is held to the limits any document is.
        if document::limits::check(&b.doc).is_err() {
            return Err(InputError::new(format!(
                "the MOU this party file fills in has a paragraph longer than {}, the most mou reads in one paragraph",
                document::limits::size(document::MAX_PARAGRAPH_BYTES)
            ))
            .in_file(party_path)
            .help("shorten the long value in the party file")
            .into());
        }
        Ok(b)
    }

    /// A bundled template with no party file (`--template`): every party value is a fill-in that matches any
    /// text.
    ///
    /// # Errors
    /// The template id is unknown or not released.
    pub fn from_template(ids: &[String], templates: Option<&Path>) -> Result<Baseline> {
        let renderer =
            Renderer::new(&templates.map_or(TemplateSource::Bundled, |d| TemplateSource::Dir(d.to_path_buf())))?;
        let party = Party::placeholder(renderer.catalog(), ids)?;
        let body = renderer.render_body(&party)?;
        let description = format!("template {} (fill-ins match what fits them)", ids.join(" + "));
        let mut b = Self::official(description.clone(), document::markdown::parse(&description, body));
        b.templates = Self::rendered(&renderer, &party, "", description).templates;
        b.inputs = templates.map(Path::to_path_buf).into_iter().collect();
        Ok(b)
    }

    /// An imported template's official file, with a party file's provenance.
    fn from_house(house: &crate::import::House, party: &Party) -> Baseline {
        let description = format!("official template {} ({})", house.info.id, house.official_path.display());
        let (mut prepared, scan) = placeholders::prepare(&house.official.doc);
        // The kinds the fill-ins file gives, slot by slot: both follow the official file's fill-ins in order.
        let mut kinds = house.official.fill_ins.iter().zip(house.kinds());
        for slot in prepared.blocks.iter_mut().flat_map(|b| b.slots.iter_mut()) {
            if let Some((_, kind)) = kinds.by_ref().find(|(f, _)| *f.label == *slot.label) {
                slot.kind = kind;
            }
        }
        Baseline {
            description,
            fill_ins: true,
            templates: vec![(house.info.id.clone(), house.info.version.clone())],
            party_sha256: Some(party.sha256.clone()),
            mcps: party.mcps.iter().map(|m| m.legal_name.clone()).collect(),
            parties: party
                .mcps
                .iter()
                .map(|m| m.legal_name.clone())
                .chain(std::iter::once(party.other.legal_name.clone()))
                .collect(),
            official_sha256: Some(house.official.sha256.clone()),
            mcp_signers: party.mcps.iter().map(|m| m.signer.clone()).collect(),
            inputs: Vec::new(),
            parts: Vec::new(),
            doc: std::sync::Arc::new(prepared),
            raw: std::sync::Arc::new(house.official.doc.clone()),
            scan: std::sync::Arc::new(scan),
        }
    }

    fn rendered(renderer: &Renderer, party: &Party, body: &str, description: String) -> Baseline {
        let templates = party
            .templates
            .iter()
            .map(|id| (id.clone(), renderer.catalog().get(id).map(|t| t.version.clone()).unwrap_or_default()))
            .collect();
        // Party values are marked in the rendering: each one is a slot whose value the party file gives.
        let (text, marked) = document::slot::strip_marks(body);
        let mut doc = document::markdown::parse(&description, text);
        document::slot::attach_marked(&mut doc, &marked);
        let doc = std::sync::Arc::new(doc);
        Baseline {
            raw: std::sync::Arc::clone(&doc),
            doc,
            scan: std::sync::Arc::default(),
            parts: Vec::new(),
            fill_ins: false,
            description,
            templates,
            party_sha256: Some(party.sha256.clone()),
            mcps: party.mcps.iter().map(|m| m.legal_name.clone()).collect(),
            mcp_signers: party.mcps.iter().map(|m| m.signer.clone()).collect(),
            parties: party
                .mcps
                .iter()
                .map(|m| m.legal_name.clone())
                .chain(std::iter::once(party.other.legal_name.clone()))
                .chain(party.subcontractors.iter().map(|s| s.legal_name.clone()))
                .collect(),
            inputs: Vec::new(),
            official_sha256: None,
        }
    }

    /// The baseline a draft built by `mou build` records in its front matter (for a Word draft, in its custom
    /// properties): its party file, and the house folder it names unless `templates` names one. The party file it
    /// names must stay inside `within` (the workspace root) or, for a draft the user named, inside
    /// [`Root::enclosing`] the draft.
    ///
    /// # Errors
    /// The draft has no front matter, or its party file is gone, invalid or outside the root.
    pub fn from_front_matter(
        edited: &Document,
        edited_path: &Path,
        templates: Option<&Path>,
        within: Option<&Root>,
    ) -> Result<(Baseline, Vec<String>)> {
        let Some(fm) = &edited.front_matter else {
            return Err(InputError::new("no baseline: this file has no `mou build` front matter")
                .in_file(edited_path)
                .help("name the official text with --against FILE, the party file with --party FILE, or a template with --template ID")
                .into());
        };
        let Some(party_ref) = &fm.party_file else {
            return Err(InputError::new("the front matter names no party file")
                .in_file(edited_path)
                .help("use --party FILE or --against FILE")
                .into());
        };
        let root = match within {
            Some(r) => r.clone(),
            None => Root::enclosing(edited_path)?,
        };
        let party_path = root.resolve(edited_path.parent().unwrap_or(Path::new("")), party_ref).map_err(|mut e| {
            e.message = format!("the front matter's `party_file`: {}", e.message);
            e.in_file(edited_path)
        })?;
        if !party_path.exists() {
            return Err(InputError::new(format!("the draft was built from {party_ref}, which does not exist"))
                .in_file(edited_path)
                .help("restore the party file, or name the baseline with --party FILE or --against FILE")
                .into());
        }
        let recorded_dir = fm.templates_dir.as_ref().map(|d| edited_path.parent().unwrap_or(Path::new(".")).join(d));
        let baseline = Self::from_party(&party_path, templates.or(recorded_dir.as_deref()), Some(&root))?;
        let mut notes = Vec::new();
        if let (Some(then), Some(now)) = (&fm.official_sha256, &baseline.official_sha256) {
            if then != now {
                notes.push(format!(
                    "the draft was built from an official file of SHA-256 {then}; the baseline is the one of SHA-256 {now}"
                ));
            }
        }
        if fm.party_sha256.as_deref().is_some_and(|h| Some(h) != baseline.party_sha256.as_deref()) {
            notes.push(format!(
                "the party file {party_ref} changed since this draft was built; the baseline uses it as it is now"
            ));
        }
        for (id, v) in &fm.templates {
            if let Some((_, now)) = baseline.templates.iter().find(|(i, _)| i == id) {
                if now != v {
                    notes.push(format!("the draft was built from {id} {v}; the baseline is {id} {now}"));
                }
            }
        }
        Ok((baseline, notes))
    }
}

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The edited file, as named on the command line.
    pub path: String,
    /// The baseline's description.
    pub baseline: String,
    /// What the findings add up to.
    pub verdict: Verdict,
    /// The findings, sorted by position.
    pub findings: Vec<Finding>,
    /// Things the reader should know (pending revisions, a changed party file).
    pub notes: Vec<String>,
    /// The comparison the findings were drawn from, for redlines.
    pub comparison: Comparison,
    /// The baseline document.
    pub base: std::sync::Arc<Document>,
    /// The edited document.
    pub edited: Document,
    /// Template ids and versions of the baseline.
    pub templates: Vec<(String, String)>,
    /// The party file's hash, if the baseline came from one.
    pub party_sha256: Option<String>,
    /// Whether the baseline's bracketed text is fill-ins.
    pub baseline_fill_ins: bool,
    /// Every signatory's legal name, when known.
    pub parties: Vec<String>,
    /// The MCPs' legal names, when known.
    pub mcps: Vec<String>,
    /// Who signs for each MCP, in the order of `mcps`, when known.
    pub mcp_signers: Vec<Signer>,
    /// The baseline's optional provisions, by name, and whether this MOU includes each one.
    pub optional: Vec<(String, bool)>,
    /// The files and folders the baseline was read from (see [`Baseline::inputs`]).
    pub baseline_inputs: Vec<PathBuf>,
}

impl FileReport {
    /// SHA-256 of the baseline text, computed when a redline or attestation needs it.
    #[must_use]
    pub fn baseline_sha256(&self) -> String {
        sha256_hex(self.base.source.as_bytes())
    }

    /// SHA-256 of the edited file's text (for a Word file, of its text as `mou` reads it).
    #[must_use]
    pub fn edited_sha256(&self) -> String {
        sha256_hex(self.edited.source.as_bytes())
    }

    /// The optional provisions this MOU includes and leaves out, in one line ("includes 6.5 Joint Training;
    /// leaves out 8.5 Co-Location"), when the baseline has any.
    #[must_use]
    pub fn optional_summary(&self) -> Option<String> {
        if self.optional.is_empty() {
            return None;
        }
        let names = |inc: bool| -> Vec<&str> {
            self.optional.iter().filter(|(_, i)| *i == inc).map(|(n, _)| n.as_str()).collect()
        };
        let (inc, out) = (names(true), names(false));
        let mut parts = Vec::new();
        if !inc.is_empty() {
            parts.push(format!("includes {}", inc.join(", ")));
        }
        if !out.is_empty() {
            parts.push(format!("leaves out {}", out.join(", ")));
        }
        Some(format!("optional provisions: {}", parts.join("; ")))
    }

    /// Lets go of the edited document and of the alignment of its blocks, keeping the findings and the changes
    /// they point to: all that a report on many files prints, so that memory does not grow with each file checked.
    /// Afterwards `edited` is an empty document (its name kept), and `comparison` has no rows and no fills; a
    /// redline or an attestation needs the report as [`check`] returns it.
    pub fn keep_findings_only(&mut self) {
        let name = std::mem::take(&mut self.edited.name);
        self.edited = document::markdown::parse(&name, String::new());
        self.comparison.rows = Vec::new();
        self.comparison.fills = Vec::new();
    }

    /// How many findings there are of a kind.
    #[must_use]
    pub fn count(&self, kind: Kind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }
}

/// Compares an edited document with a baseline.
#[must_use]
pub fn check(baseline: &Baseline, mut edited: Document, path: &str) -> FileReport {
    placeholders::strip_kept(&mut edited, &baseline.scan);
    let comparison = if baseline.parts.len() > 1 {
        let parts: Vec<&Document> = baseline.parts.iter().map(|d| &**d).collect();
        crate::compare::compare_combined(&parts, &edited)
    } else {
        compare(&baseline.doc, &edited)
    };
    let findings = classify(&comparison, &baseline.doc, &edited);
    let optional = comparison.optional.iter().map(|(n, inc)| (n.to_string(), *inc)).collect();
    let mut notes = edited.notes.clone();
    if !baseline.fill_ins && baseline.templates.is_empty() {
        notes.push("the baseline has no template provenance".into());
    }
    notes.retain(|n| !n.is_empty());
    FileReport {
        path: path.to_string(),
        baseline: baseline.description.clone(),
        verdict: Verdict::of(&findings),
        findings,
        notes,
        comparison,
        base: std::sync::Arc::clone(&baseline.doc),
        edited,
        templates: baseline.templates.clone(),
        party_sha256: baseline.party_sha256.clone(),
        baseline_fill_ins: baseline.fill_ins,
        parties: baseline.parties.clone(),
        mcps: baseline.mcps.clone(),
        mcp_signers: baseline.mcp_signers.clone(),
        optional,
        baseline_inputs: baseline.inputs.clone(),
    }
}
