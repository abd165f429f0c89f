//! `mou import`: an official template the user downloaded becomes a house template that `mou build` fills from a
//! party file, and `mou check` checks drafts against.
//!
//! DHCS requires its own Word templates: a draft a plan can sign must BE DHCS's document, with its own styles,
//! numbering, headers and footers. So an imported template is the official file itself, kept byte for byte in the
//! house folder (its SHA-256 in the catalog), with a `fill-ins.toml` that says which party-file key fills each of
//! its fill-ins. The fill-ins, drafting notes and optional provisions are found with the rules `mou check
//! --against` reads an official text by (`document::placeholders`), so what `mou build` fills and what `mou check`
//! compares are the same places.
//!
//! A house folder after `mou import wic.docx -o house`:
//!
//! ```text
//! house/catalog.toml          the template's entry, between "mou import" markers (other entries are kept)
//! house/wic/official.docx     the official file, byte for byte
//! house/wic/fill-ins.toml     the key and kind of each fill-in, and the option of each optional provision
//! house/wic/party.toml        a commented party file to fill in
//! ```
//!
//! - `official`: an official file read, with what to do to each block ([`Official`]);
//! - `keys`: the party-file keys a fill-in can take, and the proposal of one for each fill-in;
//! - `fill_ins`: the `fill-ins.toml` format; `party_file`: the commented party file;
//! - `house`: an imported template in its folder, and the draft a party file makes of it ([`House`]);
//! - `markdown`: a document's blocks as Markdown, for a Word draft's Markdown and HTML forms.

pub mod fill_ins;
mod house;
pub mod keys;
mod markdown;
mod official;
mod party_file;

pub use house::{imported_template, Draft, DraftFormat, House};
pub use markdown::to_markdown;
pub use official::{FillIn, Official};

use crate::catalog::Catalog;
use crate::document::{split_label, SlotKind};
use crate::error::{InputError, Position, Result};
use crate::output::write_atomic;
use fill_ins::{quote, FillIns, Optional, Row};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The house folder to import into; created when missing.
    pub dir: PathBuf,
    /// The template's id, for a single file; by default made from the file's name.
    pub id: Option<String>,
    /// Replace a template imported before under the same id, and its files.
    pub force: bool,
}

/// One fill-in as imported: where it is, the key and kind proposed, and whether it can be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedFillIn {
    /// The text between its brackets.
    pub label: String,
    /// Where it is in the official file.
    pub at: Position,
    /// The key proposed.
    pub key: String,
    /// The kind proposed.
    pub kind: SlotKind,
    /// Why it cannot be filled in place, when it cannot.
    pub problem: Option<String>,
}

/// What importing one official file did.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The template's id.
    pub id: String,
    /// The file imported.
    pub source: PathBuf,
    /// Its title.
    pub title: String,
    /// The other party's defined term.
    pub other_party: String,
    /// The official file's SHA-256.
    pub sha256: String,
    /// The fill-ins, in document order.
    pub fill_ins: Vec<ImportedFillIn>,
    /// The drafting notes, each with where it starts.
    pub notes: Vec<(String, Position)>,
    /// The optional provisions, each with the party-file option that keeps it.
    pub optional: Vec<(String, String)>,
    /// What else cannot be done in place (a note or provision `mou build` cannot take out of the Word file).
    pub problems: Vec<String>,
    /// The official copy, the fill-ins file and the party file written.
    pub files: Vec<PathBuf>,
}

/// What a template's entry in a catalog is wrapped in, so that importing again replaces it.
fn marker(edge: &str, id: &str) -> String {
    format!("# mou import: {edge} {id}\n")
}

/// A template id made of a file's name: lower-case letters, digits and dashes.
fn id_of(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id: String = id.trim_end_matches('-').chars().take(40).collect();
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "official".to_string()
    } else {
        id
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Text for a terminal or a file comment: one line, without control, invisible or direction-changing characters.
#[must_use]
pub fn printable(s: &str) -> String {
    s.chars()
        .filter(|&c| !crate::document::normalize::is_invisible(c))
        .map(|c| {
            let bidi =
                matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A fill-in with a few words on each side, for a comment.
fn context(text: &str, range: &std::ops::Range<usize>) -> String {
    let (head, tail) = (&text[..range.start], &text[range.end..]);
    let from = head.char_indices().rev().nth(40).map_or(0, |(i, _)| head[i..].find(' ').map_or(i, |s| i + s + 1));
    let to = tail.char_indices().nth(40).map_or(tail.len(), |(i, _)| tail[..i].rfind(' ').unwrap_or(i));
    printable(&format!("{}{}{}", &head[from..], &text[range.clone()], &tail[..to]))
}

/// The party-file option a provision's name makes: "6.5 Joint Training" is `joint_training`.
fn option_of(name: &str, taken: &[String]) -> String {
    let body = split_label(name, false).map_or(name, |(_, at)| &name[at..]);
    let mut s = String::new();
    for w in body.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).take(6) {
        if !s.is_empty() {
            s.push('_');
        }
        s.push_str(&w.to_ascii_lowercase());
    }
    if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        s.insert_str(0, "optional_");
    }
    let mut name = s.clone();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{s}_{n}");
    }
    name
}

/// What one file's import will write.
struct Plan {
    imported: Imported,
    official: Official,
    catalog_entry: String,
    fill_ins_text: String,
    party_text: String,
}

fn plan(source: &Path, id: String) -> Result<Plan> {
    let official = Official::read(source, None)?;
    let title = official
        .doc
        .blocks
        .iter()
        .find(|b| b.is_heading())
        .or(official.doc.blocks.first())
        .map(|b| b.text.chars().take(160).collect::<String>())
        .unwrap_or_else(|| id.clone());
    let term = keys::other_party_term(&official);
    let other_party = term.clone().unwrap_or_else(|| "Other Party".to_string());
    let proposals = keys::propose(&official, term.as_deref());
    let mut problems = Vec::new();
    let mut fill_problems: Vec<Option<String>> = vec![None; official.fill_ins.len()];
    if official.is_word() {
        match crate::word::Filler::new(&official.bytes, &official.doc) {
            Ok(filler) => {
                for (i, f) in official.fill_ins.iter().enumerate() {
                    let change =
                        crate::word::Change::Replace { block: f.block, range: f.range.clone(), value: "x".into() };
                    fill_problems[i] = filler.check(&change).err();
                }
                for (i, (b, e)) in official.doc.blocks.iter().zip(&official.edits).enumerate() {
                    let mut changes = Vec::new();
                    if e.remove || e.optional.is_some() {
                        changes.push(crate::word::Change::Remove { block: i });
                    }
                    if !e.remove {
                        for range in crate::document::placeholders::settle_cuts(&b.text, &e.cuts) {
                            changes.push(crate::word::Change::Cut { block: i, range });
                        }
                    }
                    for c in changes {
                        if let Err(why) = filler.check(&c) {
                            let at = official.position(i, 0);
                            problems.push(format!("paragraph {}: {why}", at.line));
                        }
                    }
                }
            }
            Err(e) => problems.push(format!("the file cannot be filled in place: {}", e.message)),
        }
        for (part, label) in crate::word::fill_ins_outside_body(&official.bytes)? {
            problems.push(format!("[{label}] in {part}, which mou build keeps as it is: type its value in Word"));
        }
    }
    let mut options: Vec<String> = Vec::new();
    let mut optional = Vec::new();
    for name in official.optional_provisions() {
        let o = option_of(&name, &options);
        options.push(o.clone());
        optional.push((name.to_string(), o));
    }
    let notes = official.scan.notes.iter().map(|n| (n.text.clone(), official.doc.position(n.source_offset))).collect();
    let fill_ins: Vec<ImportedFillIn> = official
        .fill_ins
        .iter()
        .zip(&proposals)
        .zip(fill_problems)
        .map(|((f, p), problem)| ImportedFillIn {
            label: f.label.clone(),
            at: f.at,
            key: p.key.clone(),
            kind: p.kind,
            problem,
        })
        .collect();
    let at = |p: Position| format!("{}:{}", p.line, p.column);
    let copy = format!("{id}/official.{}", official.extension());
    let file = FillIns {
        template: id.clone(),
        rows: fill_ins
            .iter()
            .map(|f| Row {
                label: f.label.clone(),
                at: at(f.at),
                key: Some(f.key.clone()),
                kind: Some(f.kind),
                line: 0,
            })
            .collect(),
        optional: optional.iter().map(|(n, o)| Optional { name: n.clone(), option: o.clone() }).collect(),
    };
    let contexts: Vec<String> =
        official.fill_ins.iter().map(|f| context(&official.doc.blocks[f.block].text, &f.range)).collect();
    let fill_ins_text = file.to_toml(&copy, &contexts);
    let source_name =
        source.file_name().map_or_else(|| source.display().to_string(), |n| n.to_string_lossy().into_owned());
    let party_text = party_file::party_file(&party_file::Spec {
        id: &id,
        title: &title,
        source: &source_name,
        sha256: &official.sha256,
        templates_dir: "..",
        word: official.is_word(),
        fill_ins: fill_ins.iter().map(|f| (f.key.as_str(), f.label.as_str(), at(f.at))).collect(),
        options: optional.iter().map(|(n, o)| (n.as_str(), o.as_str())).collect(),
    });
    let mut entry = marker("begin", &id);
    let _ = writeln!(entry, "[[template]]");
    let _ = writeln!(entry, "id = {}", quote(&id));
    let _ = writeln!(entry, "title = {}", quote(&title));
    let _ = writeln!(entry, "other_party = {}", quote(&other_party));
    let _ = writeln!(entry, "status = \"released\"");
    let _ = writeln!(entry, "version = {}", quote(&official.sha256[..12]));
    let _ = writeln!(entry, "file = {}", quote(&copy));
    let _ = writeln!(entry, "sha256 = {}", quote(&official.sha256));
    let _ = writeln!(entry, "fill_ins = {}", quote(&format!("{id}/fill-ins.toml")));
    for (name, o) in &optional {
        let _ = writeln!(entry, "\n[[template.option]]");
        let _ = writeln!(entry, "name = {}", quote(o));
        let _ = writeln!(
            entry,
            "description = {}",
            quote(&format!("{name} (an optional provision of the official template)"))
        );
    }
    entry.push_str(&marker("end", &id));
    let imported = Imported {
        id,
        source: source.to_path_buf(),
        title,
        other_party,
        sha256: official.sha256.clone(),
        fill_ins,
        notes,
        optional,
        problems,
        files: Vec::new(),
    };
    Ok(Plan { imported, official, catalog_entry: entry, fill_ins_text, party_text })
}

/// The header of a catalog `mou import` starts.
const CATALOG_HEADER: &str =
    "# House templates (see `mou build --templates DIR` and templates/README.md in mou's sources).\n\
# An entry between \"mou import\" markers is an official file imported with `mou import`: its file is the\n\
# official file's copy, `sha256` its hash, and `fill_ins` the file that says how each fill-in is filled.\n\
# Importing the same id again with --force replaces the entry; other entries are left as they are.\n";

/// Imports official files into a house folder. Nothing is written unless every file can be imported and no file
/// would be overwritten without `force`.
///
/// # Errors
/// A file cannot be read, an id is invalid or taken, a file would be overwritten without `force`, or the folder
/// cannot be written.
pub fn import(sources: &[PathBuf], options: &Options) -> Result<Vec<Imported>> {
    if options.id.is_some() && sources.len() > 1 {
        return Err(InputError::new("--id names one template, and several files are imported")
            .help("import the files one at a time to give each an id")
            .into());
    }
    let mut plans = Vec::new();
    for source in sources {
        let id = options.id.clone().unwrap_or_else(|| id_of(source));
        if !valid_id(&id) {
            return Err(InputError::new(format!("`{id}` cannot be a template id"))
                .help("an id is up to 40 lower-case letters, digits and dashes, such as wic or smhs-2024")
                .into());
        }
        if plans.iter().any(|p: &Plan| p.imported.id == id) {
            return Err(InputError::new(format!("two files would be imported as `{id}`"))
                .help("import them one at a time, each with its own --id")
                .into());
        }
        plans.push(plan(source, id)?);
    }
    let dir = &options.dir;
    let catalog_path = dir.join("catalog.toml");
    let (mut catalog, existing) = if std::fs::symlink_metadata(&catalog_path).is_err() {
        (CATALOG_HEADER.to_string(), Vec::new())
    } else {
        let text = crate::files::read_text(&catalog_path, None, crate::files::MAX_SETTINGS_BYTES, "the catalog")?;
        let ids: Vec<String> = Catalog::parse(&text, &catalog_path)?.templates().iter().map(|t| t.id.clone()).collect();
        (text, ids)
    };
    let inputs: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
    for p in &mut plans {
        let id = p.imported.id.clone();
        let (begin, end) = (marker("begin", &id), marker("end", &id));
        match (catalog.find(&begin), catalog.find(&end)) {
            (Some(b), Some(e)) if e > b => {
                if !options.force {
                    return Err(InputError::new(format!("template `{id}` is already imported into {}", dir.display()))
                        .help("pass --force to import it again (corrections made to its fill-ins.toml are lost), or choose another --id")
                        .into());
                }
                catalog.replace_range(b..e + end.len(), &p.catalog_entry);
            }
            _ => {
                if existing.contains(&id) {
                    return Err(InputError::new(format!(
                        "the catalog of {} already has a template `{id}` that `mou import` did not write",
                        dir.display()
                    ))
                    .help("choose another id with --id")
                    .into());
                }
                if !catalog.ends_with("\n\n") {
                    catalog.push('\n');
                }
                catalog.push_str(&p.catalog_entry);
            }
        }
        let folder = dir.join(&id);
        p.imported.files = vec![
            folder.join(format!("official.{}", p.official.extension())),
            folder.join("fill-ins.toml"),
            folder.join("party.toml"),
        ];
        if !options.force {
            if let Some(taken) = p.imported.files.iter().find(|f| f.exists()) {
                return Err(InputError::new(format!("{} already exists", taken.display()))
                    .help("pass --force to overwrite it, or import into another folder with -o")
                    .into());
            }
        }
    }
    // The catalog as it will be written must read.
    Catalog::parse(&catalog, &catalog_path)?;
    for p in &plans {
        let folder = dir.join(&p.imported.id);
        std::fs::create_dir_all(&folder).map_err(|e| crate::Error::io(&folder, e))?;
        let contents: [&[u8]; 3] = [&p.official.bytes, p.fill_ins_text.as_bytes(), p.party_text.as_bytes()];
        for (path, bytes) in p.imported.files.iter().zip(contents) {
            write_atomic(path, bytes, options.force, &inputs)?;
        }
    }
    write_atomic(&catalog_path, catalog.as_bytes(), true, &inputs)?;
    Ok(plans.into_iter().map(|p| p.imported).collect())
}

impl Imported {
    /// What was imported, for a person: the files written, each fill-in with its key, the notes, the optional
    /// provisions, and what needs the user's attention. Input text is shown without control characters.
    #[must_use]
    pub fn summary(&self, dir: &Path) -> String {
        let mut s = String::new();
        let at = |p: Position| format!("{}:{}", p.line, p.column);
        let _ = writeln!(
            s,
            "imported {} as template `{}` into {}",
            printable(&self.source.display().to_string()),
            self.id,
            printable(&dir.display().to_string())
        );
        let _ = writeln!(s, "  title: {}", printable(&self.title));
        let _ = writeln!(s, "  other party: {}", printable(&self.other_party));
        let _ = writeln!(s, "  SHA-256: {}", self.sha256);
        for f in &self.files {
            let _ = writeln!(s, "  wrote {}", printable(&f.display().to_string()));
        }
        let _ = writeln!(s, "fill-ins ({}):", self.fill_ins.len());
        for f in &self.fill_ins {
            let label = printable(&format!("[{}]", f.label));
            let _ = writeln!(s, "  {:<8} {:<32} {} ({})", at(f.at), label, f.key, f.kind.as_str());
        }
        let _ = writeln!(s, "drafting notes ({}), taken out of every draft:", self.notes.len());
        for (text, p) in &self.notes {
            let short: String = printable(text).chars().take(90).collect();
            let more = if text.chars().count() > 90 { "…" } else { "" };
            let _ = writeln!(s, "  {:<8} {short}{more}", at(*p));
        }
        let _ =
            writeln!(s, "optional provisions ({}), each kept or left out by a party-file option:", self.optional.len());
        for (name, option) in &self.optional {
            let _ = writeln!(s, "  {:<41} options.{option}", printable(name));
        }
        let own: Vec<&ImportedFillIn> = self.fill_ins.iter().filter(|f| f.key.starts_with("fill.")).collect();
        let unfillable: Vec<&ImportedFillIn> = self.fill_ins.iter().filter(|f| f.problem.is_some()).collect();
        let n = own.len() + unfillable.len() + self.problems.len();
        if n == 0 {
            let _ = writeln!(s, "could not place: nothing");
        } else {
            let _ = writeln!(s, "could not place ({n}):");
            for f in own {
                let label = printable(&format!("[{}]", f.label));
                let _ = writeln!(
                    s,
                    "  {:<8} {label:<32} no party-file key: its value goes in [fill] as {}",
                    at(f.at),
                    &f.key[5..]
                );
            }
            for f in unfillable {
                let label = printable(&format!("[{}]", f.label));
                let why = printable(f.problem.as_deref().unwrap_or_default());
                let _ = writeln!(s, "  {:<8} {label:<32} cannot be filled in place: {why}", at(f.at));
            }
            for p in &self.problems {
                let _ = writeln!(s, "  {}", printable(p));
            }
        }
        let party = self.files.get(2).map(|p| printable(&p.display().to_string())).unwrap_or_default();
        let format = if self.files.first().is_some_and(|f| f.extension().is_some_and(|e| e == "docx")) {
            " --format docx"
        } else {
            ""
        };
        let _ =
            writeln!(s, "next: give every value in {party} (or a copy of it), check the keys in fill-ins.toml, then");
        let _ = writeln!(s, "  mou build {party}{format}");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_options_are_made_of_names() {
        assert_eq!(id_of(Path::new("dir/APL 23-029 WIC MOU Template (2024).docx")), "apl-23-029-wic-mou-template-2024");
        assert_eq!(id_of(Path::new("___.md")), "official");
        assert!(valid_id("wic") && !valid_id("Wic") && !valid_id("-x") && !valid_id(""));
        assert_eq!(option_of("6.5 Joint Training", &[]), "joint_training");
        assert_eq!(option_of("6.5 Joint Training", &["joint_training".into()]), "joint_training_2");
        assert_eq!(printable("a\u{1b}[31mb\u{202e}c\u{200b}d\u{7}"), "a [31mbcd ");
        let text = "This Memorandum of Understanding is made by [MCP Name], a Medi-Cal managed care plan, and others.";
        let at = text.find("[MCP Name]").unwrap();
        assert_eq!(
            context(text, &(at..at + 10)),
            "Memorandum of Understanding is made by [MCP Name], a Medi-Cal managed care plan, and"
        );
    }
}
