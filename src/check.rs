//! `mou check` as a library call: a baseline and an edited document in, findings and a verdict out.

use crate::compare::{compare, Comparison};
use crate::document::placeholders::{self, Scan};
use crate::document::{self, Document};
use crate::error::{InputError, Result};
use crate::hash::sha256_hex;
use crate::party::Party;
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
}

impl Baseline {
    /// A given official text (`--against`): an already rendered template, or the user's copy of the official
    /// template converted to Markdown. Bracketed fill-ins match whatever the parties put in their place.
    ///
    /// # Errors
    /// The file cannot be read.
    pub fn from_file(path: &Path) -> Result<Baseline> {
        Ok(Self::official(path.display().to_string(), document::load(path)?))
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
            doc: std::sync::Arc::new(prepared),
            raw: std::sync::Arc::new(doc),
            scan: std::sync::Arc::new(scan),
        }
    }

    /// An official text given as a string, named `name` in reports; bracketed fill-ins match any text.
    #[must_use]
    pub fn from_text(name: &str, text: &str) -> Baseline {
        Self::official(name.to_string(), document::markdown::parse(name, text))
    }

    /// The bundled (or house) templates rendered with a party file (`--party`).
    ///
    /// # Errors
    /// The party file or templates are invalid.
    pub fn from_party(party_path: &Path, templates: Option<&Path>) -> Result<Baseline> {
        let dir = match templates {
            Some(d) => Some(d.to_path_buf()),
            None => Party::templates_dir_in(party_path)?,
        };
        let renderer = Renderer::new(&dir.map_or(TemplateSource::Bundled, TemplateSource::Dir))?;
        let party = Party::load(party_path, renderer.catalog())?;
        let body = renderer.render_body(&party)?;
        let baseline = Self::rendered(
            &renderer,
            &party,
            &body,
            format!("templates {} with party file {}", party.templates.join(" + "), party_path.display()),
        );
        // A party value is part of the text: the rendered baseline is held to the limits any document is.
        if document::limits::check(&baseline.doc).is_err() {
            return Err(InputError::new(format!(
                "the MOU this party file fills in has a paragraph longer than {}, the most mou reads in one paragraph",
                document::limits::size(document::MAX_PARAGRAPH_BYTES)
            ))
            .in_file(party_path)
            .help("shorten the long value in the party file")
            .into());
        }
        Ok(baseline)
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
        Ok(b)
    }

    fn rendered(renderer: &Renderer, party: &Party, body: &str, description: String) -> Baseline {
        let templates = party
            .templates
            .iter()
            .map(|id| (id.clone(), renderer.catalog().get(id).map(|t| t.version.clone()).unwrap_or_default()))
            .collect();
        let doc = std::sync::Arc::new(document::markdown::parse(&description, body));
        Baseline {
            raw: std::sync::Arc::clone(&doc),
            doc,
            scan: std::sync::Arc::default(),
            fill_ins: false,
            description,
            templates,
            party_sha256: Some(party.sha256.clone()),
            mcps: party.mcps.iter().map(|m| m.legal_name.clone()).collect(),
            parties: party
                .mcps
                .iter()
                .map(|m| m.legal_name.clone())
                .chain(std::iter::once(party.other.legal_name.clone()))
                .chain(party.subcontractors.iter().map(|s| s.legal_name.clone()))
                .collect(),
        }
    }

    /// The baseline a draft built by `mou build` records in its front matter.
    ///
    /// # Errors
    /// The draft has no front matter, or its party file is gone or invalid.
    pub fn from_front_matter(
        edited: &Document,
        edited_path: &Path,
        templates: Option<&Path>,
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
        let party_path: PathBuf = edited_path.parent().unwrap_or(Path::new(".")).join(party_ref);
        if !party_path.exists() {
            return Err(InputError::new(format!("the draft was built from {party_ref}, which does not exist"))
                .in_file(edited_path)
                .help("restore the party file, or name the baseline with --party FILE or --against FILE")
                .into());
        }
        let baseline = Self::from_party(&party_path, templates)?;
        let mut notes = Vec::new();
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
    /// The baseline's optional provisions, by name, and whether this MOU includes each one.
    pub optional: Vec<(String, bool)>,
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
    let comparison = compare(&baseline.doc, &edited);
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
        optional,
    }
}
