//! An imported template in its house folder: the copy of the official file (checked against the SHA-256 its
//! catalog records) and its `fill-ins.toml` (checked against the official file's fill-ins), and the draft a party
//! file makes of it. A draft is the official text with every fill-in it keeps filled, every drafting note taken out
//! and every optional provision the party file leaves out removed: for a Word file, the file itself changed in
//! place; for Markdown, its source.

use super::fill_ins::FillIns;
use super::keys;
use super::official::Official;
use crate::catalog::TemplateInfo;
use crate::document::placeholders::settle_cuts;
use crate::document::SlotKind;
use crate::error::{did_you_mean, InputError, Result};
use crate::frontmatter::FrontMatter;
use crate::party::Party;
use crate::word::{Change, Filler};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An imported template, read from its house folder.
#[derive(Debug, Clone)]
pub struct House {
    /// The catalog entry.
    pub info: TemplateInfo,
    /// The copy of the official file.
    pub official_path: PathBuf,
    /// The official file, read.
    pub official: Official,
    /// Its `fill-ins.toml`.
    pub fill_ins_path: PathBuf,
    /// The keys and kinds of its fill-ins, one for one with `official.fill_ins`.
    pub fill_ins: FillIns,
}

/// The formats a draft is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftFormat {
    /// Markdown, with front matter.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// Word: the official file filled in place (or, for a Markdown official file, a Word document of its text).
    Docx,
}

/// A draft built from an imported template.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The bytes to write.
    pub bytes: Vec<u8>,
    /// Things the user should know, such as a value that does not read as the kind of data its fill-in holds.
    pub warnings: Vec<String>,
}

impl House {
    /// Reads an imported template of the folder `dir`.
    ///
    /// # Errors
    /// The official copy or the fill-ins file is missing or unreadable, the copy does not match the SHA-256 the
    /// catalog records, or the fill-ins file does not follow the official file's fill-ins.
    pub fn open(dir: &Path, info: &TemplateInfo) -> Result<House> {
        let reimport = "import the official file again with `mou import --force` (corrections made to fill-ins.toml are then lost)";
        let file = info.file.as_deref().unwrap_or_default();
        let fill_ins_file = info.fill_ins.as_deref().unwrap_or_default();
        // A catalog is input too: the files it names stay inside the folder.
        for name in [file, fill_ins_file] {
            let inside =
                !name.is_empty() && Path::new(name).components().all(|c| matches!(c, std::path::Component::Normal(_)));
            if !inside {
                return Err(InputError::new(format!(
                    "template `{}` names the file `{name}`, outside its folder",
                    info.id
                ))
                .in_file(&dir.join("catalog.toml"))
                .help("name files relative to the folder, without `..`")
                .into());
            }
        }
        let official_path = dir.join(file);
        // The catalog names the official file and the fill-ins file; both must stay inside the house folder.
        let root = crate::paths::Root::new(dir, "the house templates folder")?;
        let official = Official::read(&official_path, Some(&root))?;
        if info.sha256.as_deref() != Some(official.sha256.as_str()) {
            return Err(InputError::new(format!(
                "the official file's copy is not the file imported as `{}`: its SHA-256 is {}, the catalog records {}",
                info.id,
                official.sha256,
                info.sha256.as_deref().unwrap_or("none")
            ))
            .in_file(&official_path)
            .help(reimport)
            .into());
        }
        let fill_ins_path = dir.join(fill_ins_file);
        let text = crate::files::read_text(
            &fill_ins_path,
            Some(&root),
            crate::files::MAX_SETTINGS_BYTES,
            "the fill-ins file",
        )?;
        let fill_ins = FillIns::parse(&text, &fill_ins_path)?;
        let found = &official.fill_ins;
        if fill_ins.rows.len() != found.len() {
            return Err(InputError::new(format!(
                "the file lists {} fill-ins, and the official file has {}",
                fill_ins.rows.len(),
                found.len()
            ))
            .in_file(&fill_ins_path)
            .help(reimport)
            .into());
        }
        for (row, f) in fill_ins.rows.iter().zip(found) {
            if row.label != f.label {
                return Err(InputError::new(format!(
                    "this entry is [{}], and the official file has [{}] there ({}:{})",
                    row.label, f.label, f.at.line, f.at.column
                ))
                .in_file(&fill_ins_path)
                .at_offset(&text, line_offset(&text, row.line))
                .help(reimport)
                .into());
            }
        }
        Ok(House { info: info.clone(), official_path, official, fill_ins_path, fill_ins })
    }

    /// The kind each fill-in holds, in order: what `fill-ins.toml` says, else what its label says.
    #[must_use]
    pub fn kinds(&self) -> Vec<SlotKind> {
        self.fill_ins
            .rows
            .iter()
            .zip(&self.official.fill_ins)
            .map(|(r, f)| r.kind.unwrap_or_else(|| SlotKind::of_label(&f.label)))
            .collect()
    }

    /// Where a fill-in is, for messages: the official copy, line and column.
    fn place(&self, i: usize) -> String {
        let at = self.official.fill_ins[i].at;
        format!("{}:{}:{}", self.official_path.display(), at.line, at.column)
    }

    /// Whether the party file keeps each optional provision, by name.
    ///
    /// # Errors
    /// An optional provision has no option in `fill-ins.toml`.
    fn kept(&self, party: &Party) -> Result<Vec<(std::sync::Arc<str>, bool)>> {
        let mut out = Vec::new();
        for name in self.official.optional_provisions() {
            let Some(o) = self.fill_ins.optional.iter().find(|o| *o.name == *name) else {
                return Err(InputError::new(format!("the optional provision \"{name}\" has no [[optional]] entry"))
                    .in_file(&self.fill_ins_path)
                    .help("add one naming the party file's option that keeps it, or import the official file again")
                    .into());
            };
            let Some(&on) = party.options.get(&o.option) else {
                return Err(InputError::new(format!(
                    "the option `{}` of the optional provision \"{name}\" is not in the catalog",
                    o.option
                ))
                .in_file(&self.fill_ins_path)
                .help("name the option the catalog lists for this template, or import the official file again")
                .into());
            };
            out.push((name, on));
        }
        Ok(out)
    }

    /// The value of each fill-in the draft keeps (`None` for one in an optional provision left out), or one error
    /// naming every fill-in that has no value.
    fn values(&self, party: &Party, kept: &[(std::sync::Arc<str>, bool)]) -> Result<Vec<Option<String>>> {
        let party_name = party.path.display().to_string();
        if party.mcps.len() > 1 {
            return Err(InputError::new(format!(
                "the party file names {} MCPs, and the official template `{}` has one MCP's fill-ins",
                party.mcps.len(),
                self.info.id
            ))
            .in_file(&party.path)
            .help("list one [[mcp]]; an MOU shared by several plans names the others in a provision the parties add")
            .into());
        }
        for (what, present) in [
            ("[[subcontractor]] tables", !party.subcontractors.is_empty()),
            ("[[additional_provision]] tables", !party.additional.is_empty()),
        ] {
            if present {
                return Err(InputError::new(format!(
                    "the official template `{}` has no place for the party file's {what}",
                    self.info.id
                ))
                .in_file(&party.path)
                .help("remove them, and write what they say into the draft where the template's notes ask for it")
                .into());
            }
        }
        let term = &self.info.other_party;
        let mut out = Vec::with_capacity(self.official.fill_ins.len());
        let mut blanks: Vec<String> = Vec::new();
        for (i, (row, f)) in self.fill_ins.rows.iter().zip(&self.official.fill_ins).enumerate() {
            let in_draft = f.optional.as_ref().is_none_or(|name| kept.iter().any(|(n, on)| n == name && *on));
            if !in_draft {
                out.push(None);
                continue;
            }
            let label = &f.label;
            let Some(key) = &row.key else {
                blanks.push(format!(
                    "[{label}] at {} has no key: give it one in {} (line {})",
                    self.place(i),
                    self.fill_ins_path.display(),
                    row.line
                ));
                out.push(None);
                continue;
            };
            match keys::value(party, key, term) {
                Some(v) if !v.trim().is_empty() => out.push(Some(v)),
                found => {
                    let why = if found.is_some() { "is empty" } else { "is not given" };
                    let mut name = key.clone();
                    let mut hint = String::new();
                    if let Some(n) = key.strip_prefix("fill.") {
                        name = format!("[fill] {n}");
                        if let Some(close) = did_you_mean(n, party.fill.keys().map(String::as_str)) {
                            hint = format!(" (its [fill] has `{close}`)");
                        }
                    }
                    blanks.push(format!(
                        "[{label}] at {} takes {name}, which {why} in {party_name}{hint}",
                        self.place(i)
                    ));
                    out.push(None);
                }
            }
        }
        if !blanks.is_empty() {
            let n = blanks.len();
            return Err(InputError::new(format!(
                "{n} fill-in{} of template `{}` would be left blank: {}",
                if n == 1 { "" } else { "s" },
                self.info.id,
                blanks[0]
            ))
            .in_file(&party.path)
            .help(if n == 1 {
                "give the value in the party file; mou never writes a draft with a blank in it".to_string()
            } else {
                format!(
                    "also:\n    {}\n  give every value in the party file; mou never writes a draft with a blank in it",
                    blanks[1..].join("\n    ")
                )
            })
            .into());
        }
        // Every [fill] value must fill something.
        let used: Vec<&str> =
            self.fill_ins.rows.iter().filter_map(|r| r.key.as_deref()?.strip_prefix("fill.")).collect();
        for (name, v) in &party.fill {
            if !used.contains(&name.as_str()) {
                let mut err =
                    InputError::new(format!("`{name}` in [fill] fills no fill-in of template `{}`", self.info.id))
                        .in_file(&party.path);
                err.position = Some(v.position);
                let help = match did_you_mean(name, used.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if used.is_empty() => "this template takes no [fill] values; remove the table".to_string(),
                    None => format!("the template's [fill] names are: {}", unique(&used).join(", ")),
                };
                return Err(err.help(help).into());
            }
        }
        Ok(out)
    }

    /// The changes to the official text a party file makes, by block: fill-ins replaced, notes and markers cut,
    /// blocks removed.
    fn changes(&self, party: &Party) -> Result<Vec<Change>> {
        let kept = self.kept(party)?;
        let values = self.values(party, &kept)?;
        let o = &self.official;
        let mut changes = Vec::new();
        let mut next_fill = 0;
        for (i, (b, e)) in o.doc.blocks.iter().zip(&o.edits).enumerate() {
            let left_out = e.optional.as_ref().is_some_and(|name| kept.iter().any(|(n, on)| n == name && !*on));
            // The fill-ins of this block, in the order `Official` listed them.
            let mine = o.fill_ins[next_fill..].iter().take_while(|f| f.block == i).count();
            let fills = next_fill..next_fill + mine;
            next_fill += mine;
            if e.remove || left_out {
                changes.push(Change::Remove { block: i });
                continue;
            }
            for range in settle_cuts(&b.text, &e.cuts) {
                changes.push(Change::Cut { block: i, range });
            }
            for k in fills {
                if let Some(value) = &values[k] {
                    changes.push(Change::Replace {
                        block: i,
                        range: o.fill_ins[k].range.clone(),
                        value: value.clone(),
                    });
                }
            }
        }
        Ok(changes)
    }

    /// Warnings for values that do not read as the kind of data their fill-in holds: `mou check` would read the
    /// rest of such a value as text the parties added.
    fn warnings(&self, changes: &[Change]) -> Vec<String> {
        let kinds = self.kinds();
        let mut out = Vec::new();
        for c in changes {
            let Change::Replace { block, range, value } = c else { continue };
            let Some(i) = self.official.fill_ins.iter().position(|f| f.block == *block && f.range == *range) else {
                continue;
            };
            let kind = kinds[i];
            let toks = crate::document::normalize::tokenize(value);
            let fits = crate::compare::slots::value_len(kind, &toks, toks.len()) == toks.len();
            if !fits {
                out.push(format!(
                    "the value of [{}] at {} does not read as a {}: `mou check` will read the part that does not as text the parties added",
                    self.official.fill_ins[i].label,
                    self.place(i),
                    kind.as_str()
                ));
            }
        }
        out
    }

    /// The provenance a draft of this template records: the template and its version, the party file (as the draft
    /// names it, relative to itself) and its hash, the house folder (likewise), and the official file's hash.
    #[must_use]
    pub fn front_matter(&self, party: &Party, party_ref: &str, dir_ref: &str) -> FrontMatter {
        FrontMatter {
            generator: format!("mou {}", env!("CARGO_PKG_VERSION")),
            templates: vec![(self.info.id.clone(), self.info.version.clone())],
            party_file: Some(party_ref.to_string()),
            party_sha256: Some(party.sha256.clone()),
            templates_dir: Some(dir_ref.to_string()),
            official_sha256: Some(self.official.sha256.clone()),
        }
    }

    /// The draft a party file makes of this template, with `fm` as its provenance.
    ///
    /// # Errors
    /// A fill-in the draft keeps has no value, the party file has what the template has no place for, or (for a
    /// Word file) a change cannot be made in place.
    pub fn draft(&self, party: &Party, format: DraftFormat, fm: &FrontMatter) -> Result<Draft> {
        let changes = self.changes(party)?;
        let mut warnings = self.warnings(&changes);
        if self.official.is_word() {
            for (part, label) in crate::word::fill_ins_outside_body(&self.official.bytes)? {
                warnings.push(format!("the draft's {part} still holds [{label}]: mou build fills the body only"));
            }
        }
        let title = || {
            let mcps: Vec<&str> = party.mcps.iter().map(|m| m.legal_name.as_str()).collect();
            format!("MOU: {} and {}", mcps.join(", "), party.other.legal_name)
        };
        let bytes = if self.official.is_word() {
            let filler =
                Filler::new(&self.official.bytes, &self.official.doc).map_err(|e| e.in_file(&self.official_path))?;
            let docx = filler
                .fill(&changes, &crate::word::custom_properties(fm))
                .map_err(|e| e.in_file(&self.official_path))?;
            match format {
                DraftFormat::Docx => docx,
                DraftFormat::Markdown | DraftFormat::Html => {
                    let doc = crate::word::parse("draft.docx", &docx)?;
                    let md = format!("{}\n{}", fm.to_markdown(), super::markdown::to_markdown(&doc));
                    if format == DraftFormat::Html {
                        crate::render::html::draft_to_html(&md, &title()).into_bytes()
                    } else {
                        md.into_bytes()
                    }
                }
            }
        } else {
            let body = self.fill_markdown(&changes)?;
            let md = format!("{}\n{body}", fm.to_markdown());
            match format {
                DraftFormat::Markdown => md.into_bytes(),
                DraftFormat::Html => crate::render::html::draft_to_html(&md, &title()).into_bytes(),
                DraftFormat::Docx => crate::word::draft_docx(&md, &crate::word::DocProps::from_markdown(&md)),
            }
        };
        Ok(Draft { bytes, warnings })
    }

    /// The Markdown official text with the changes made to its source: each value escaped for Markdown, so it
    /// reads as the text it is.
    fn fill_markdown(&self, changes: &[Change]) -> Result<String> {
        let o = &self.official;
        let src: &str = &o.doc.source;
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        let unplaced = |block: usize| {
            let at = o.doc.position(o.doc.blocks[block].source_offset(0));
            InputError::new(format!(
                "mou cannot tell where the text of line {} is in the Markdown source, so it cannot fill it",
                at.line
            ))
            .in_file(&self.official_path)
        };
        for c in changes {
            match c {
                Change::Remove { block } => {
                    let b = &o.doc.blocks[*block];
                    let first = b.source_offset(0);
                    let last = b.source_offset(b.text.char_indices().next_back().map_or(0, |(i, _)| i));
                    let start = src[..first].rfind('\n').map_or(0, |i| i + 1);
                    let mut end = src[last..].find('\n').map_or(src.len(), |i| last + i + 1);
                    // The blank lines after a block go with it, so one blank line stays between its neighbours.
                    while end < src.len() && src[end..].split('\n').next().is_some_and(|l| l.trim().is_empty()) {
                        match src[end..].find('\n') {
                            Some(i) => end += i + 1,
                            None => end = src.len(),
                        }
                    }
                    edits.push((start..end, String::new()));
                }
                Change::Cut { block, range } | Change::Replace { block, range, .. } => {
                    let b = &o.doc.blocks[*block];
                    let last_char = b.text[range.clone()].chars().next_back().map_or(1, char::len_utf8);
                    let start = b.source_offset(range.start);
                    let end = b.source_offset(range.end - last_char) + last_char;
                    let slice = src.get(start..end).ok_or_else(|| unplaced(*block))?;
                    let text = &b.text[range.clone()];
                    let same = |a: &str, b: &str| a.chars().filter(|&c| c != '\\').eq(b.chars().filter(|&c| c != '\\'));
                    if !same(slice, text) {
                        return Err(unplaced(*block).into());
                    }
                    let value = match c {
                        Change::Replace { value, .. } => crate::render::escape_markdown(value),
                        _ => String::new(),
                    };
                    edits.push((start..end, value));
                }
            }
        }
        edits.sort_by_key(|(r, _)| (r.start, r.end));
        let mut out = String::with_capacity(src.len());
        let mut at = 0;
        for (r, text) in edits {
            if r.start < at {
                continue; // inside a block already removed
            }
            out.push_str(&src[at..r.start]);
            out.push_str(&text);
            at = r.end;
        }
        out.push_str(&src[at..]);
        Ok(out)
    }
}

fn unique<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for n in names {
        if !out.contains(n) {
            out.push(n);
        }
    }
    out
}

/// The byte offset where a 1-based line starts.
fn line_offset(text: &str, line: usize) -> usize {
    let mut at = 0;
    for _ in 1..line {
        match text[at..].find('\n') {
            Some(i) => at += i + 1,
            None => break,
        }
    }
    at
}

/// Ids of the imported templates a party file lists, with a check that an imported one is listed alone.
///
/// # Errors
/// An imported template is listed with other templates.
pub fn imported_template<'a>(catalog: &'a crate::catalog::Catalog, party: &Party) -> Result<Option<&'a TemplateInfo>> {
    let infos: Vec<&TemplateInfo> = party.templates.iter().filter_map(|id| catalog.get(id).ok()).collect();
    let Some(first) = infos.iter().find(|t| t.is_imported()) else { return Ok(None) };
    if infos.len() > 1 {
        let mut ids = String::new();
        for t in &infos {
            let _ = write!(ids, "{}`{}`", if ids.is_empty() { "" } else { ", " }, t.id);
        }
        return Err(InputError::new(format!(
            "the party file lists {ids}; `{}` is an imported official template, a whole MOU that is built alone",
            first.id
        ))
        .in_file(&party.path)
        .help("list one imported template in `templates`, and build each program's MOU from its own party file")
        .into());
    }
    Ok(Some(first))
}
