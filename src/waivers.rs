//! Accepted findings. A contracts repository can accept a finding in two ways, and `mou check` then reports it
//! without failing the run:
//!
//! - a **waiver** (`mou-waivers.toml`): one deviation someone approved, with a justification, a date and an
//!   optional expiry. An expired waiver no longer applies; a waiver that matches no finding is stale.
//! - the **baseline of known findings** (`mou-baseline.json`, written by `mou check --write-baseline`): every
//!   finding present when a team adopted the tool, so CI fails only on new ones.
//!
//! Both name a finding by its [`finding_id`], a hash of what the finding is (rule, section and the text before
//! and after) rather than where it is, so it survives edits elsewhere in the document.

use crate::date::Date;
use crate::error::Lines;
use crate::error::{did_you_mean, InputError, Result};
use crate::paths::Root;
use crate::rules::{Finding, Kind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A finding's stable id: the first 16 hex digits of the SHA-256 of its rule, section, template text and edited
/// text (each text with runs of spaces made one space, and curly quotes and dashes made plain), one per line.
/// Its position is left out, so the id stays the same when text elsewhere moves it.
#[must_use]
pub fn finding_id(f: &Finding) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    // The key is fed to the hash as it is made, with no copy of the texts: every finding of every file has an id.
    let mut h = Sha256::new();
    h.update(f.rule.as_bytes());
    h.update(b"\n");
    h.update(f.section.as_bytes());
    h.update(b"\n");
    feed_id_text(&mut h, &f.template_text);
    h.update(b"\n");
    feed_id_text(&mut h, &f.edited_text);
    let mut id = String::with_capacity(16);
    for b in &h.finalize()[..8] {
        let _ = write!(id, "{b:02x}");
    }
    id
}

/// Feeds the text a finding id hashes: its words, one space between them, with curly quotes and dashes made
/// plain. Ids are stored in waivers and baselines, so this folding is frozen here rather than shared with the
/// comparison's notion of "cosmetic", which may grow.
fn feed_id_text(h: &mut impl sha2::Digest, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        if word.is_ascii() {
            h.update(word.as_bytes());
            continue;
        }
        let mut buf = [0u8; 4];
        for c in word.chars() {
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                c => c,
            };
            h.update(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// One accepted deviation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// The MOU's document, as `mou.toml` names it.
    pub document: String,
    /// The finding id `mou check` prints.
    pub finding: String,
    /// The finding's rule code.
    pub rule: String,
    /// The finding's section.
    pub section: String,
    /// Why the deviation is accepted.
    pub justification: String,
    /// Who approved it.
    pub approved_by: String,
    /// When it was approved.
    pub approved_on: Date,
    /// The last day it applies, if it ends.
    pub expires: Option<Date>,
    /// Its line in the waivers file.
    pub line: usize,
}

impl Waiver {
    /// Whether the waiver has run out on `today` (it applies through its expiry date).
    #[must_use]
    pub fn expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|e| today > e)
    }
}

/// The waivers file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waivers {
    /// Where it was read from.
    pub path: PathBuf,
    /// The waivers, in file order.
    pub waivers: Vec<Waiver>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaivers {
    #[serde(default)]
    waiver: Vec<RawWaiver>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiver {
    document: Spanned<String>,
    finding: Spanned<String>,
    rule: String,
    section: String,
    justification: Spanned<String>,
    approved_by: Spanned<String>,
    approved_on: Date,
    #[serde(default)]
    expires: Option<Spanned<Date>>,
}

impl Waivers {
    /// Reads a waivers file.
    ///
    /// # Errors
    /// The file cannot be read or is not a valid waivers file.
    /// `within` is the workspace root when `mou.toml` names the file (or it is the default one beside it), and
    /// `None` when the user named it with `--waivers` (see [`crate::paths`]).
    pub fn load(path: &Path, within: Option<&Root>) -> Result<Waivers> {
        let text = crate::files::read_text(path, within, crate::files::MAX_SETTINGS_BYTES, "the waivers file")?;
        Self::parse(&text, path)
    }

    /// Parses a waivers file's text; `path` names it in errors.
    ///
    /// # Errors
    /// As [`Waivers::load`].
    pub fn parse(text: &str, path: &Path) -> Result<Waivers> {
        let raw: RawWaivers = toml::from_str(text).map_err(|e| {
            crate::error::toml_error(
                &e,
                text,
                path,
                crate::error::TomlHelp {
                    missing: "each [[waiver]] needs document, finding, rule, section, justification, approved_by and \
                              approved_on (expires is optional)",
                    wrong_type: "dates are written 2025-03-01, without quotes; text is in quotes",
                    other: "dates are written 2025-03-01, without quotes; text is in quotes",
                },
            )
        })?;
        let lines = Lines::new(text);
        let at = |span: std::ops::Range<usize>, msg: String| {
            let mut e = InputError::new(msg).in_file(path);
            e.position = Some(lines.position(span.start));
            e
        };
        let mut waivers: Vec<Waiver> = Vec::new();
        // (document, finding) to the line of its waiver, to find a second waiver of one finding.
        let mut lines_of: HashMap<(String, String), usize> = HashMap::new();
        for w in raw.waiver {
            let document = crate::paths::relative(w.document.get_ref())
                .map_err(|m| at(w.document.span(), format!("`document`: {m}")))?;
            let finding = w.finding.get_ref().trim().to_ascii_lowercase();
            if finding.len() != 16 || !finding.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(at(w.finding.span(), format!("`{}` is not a finding id", w.finding.get_ref()))
                    .help("copy the 16-digit id `mou check` prints after `finding` (JSON: `id`)")
                    .into());
            }
            for (field, value) in [("justification", &w.justification), ("approved_by", &w.approved_by)] {
                if value.get_ref().trim().is_empty() {
                    return Err(at(value.span(), format!("`{field}` is empty"))
                        .help("a waiver records why the deviation is accepted and who approved it")
                        .into());
                }
            }
            if let Some(e) = &w.expires {
                if *e.get_ref() < w.approved_on {
                    return Err(at(
                        e.span(),
                        format!("the waiver expires on {} before it was approved on {}", e.get_ref(), w.approved_on),
                    )
                    .help("check both dates")
                    .into());
                }
            }
            let line = lines.position(w.document.span().start).line;
            if let Some(first) = lines_of.insert((document.clone(), finding.clone()), line) {
                return Err(at(
                    w.finding.span(),
                    format!("finding {finding} of {document} is already waived on line {first}"),
                )
                .help("keep one waiver per finding")
                .into());
            }
            waivers.push(Waiver {
                document,
                finding,
                rule: w.rule,
                section: w.section,
                justification: w.justification.into_inner().trim().to_string(),
                approved_by: w.approved_by.into_inner().trim().to_string(),
                approved_on: w.approved_on,
                expires: w.expires.map(Spanned::into_inner),
                line,
            });
        }
        Ok(Waivers { path: path.to_path_buf(), waivers })
    }
}

/// One finding recorded in the baseline of known findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownFinding {
    /// Its [`finding_id`].
    pub finding: String,
    /// Its rule, for people reading the file.
    pub rule: String,
    /// Its kind, for people reading the file.
    pub kind: String,
    /// Its section, for people reading the file.
    pub section: String,
}

/// The baseline of known findings: per MOU document, the findings present when it was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownFindings {
    /// The file format's version, 1.
    pub version: u32,
    /// What the file is, for whoever opens it.
    #[serde(default)]
    pub about: String,
    /// The day it was written.
    pub written_on: String,
    /// Findings per document (as `mou.toml` names it), in report order.
    pub mous: BTreeMap<String, Vec<KnownFinding>>,
}

const ABOUT: &str = "Findings known when this file was written by `mou check --write-baseline`: `mou check` reports \
them as baseline and fails only on findings not listed here. Rewrite it with `mou check --write-baseline --force`.";

impl KnownFindings {
    /// The baseline for a set of checked documents: every weakening and modification (the kinds that can fail a
    /// run), by document.
    #[must_use]
    pub fn record<'a>(files: impl IntoIterator<Item = (&'a str, &'a [Finding])>, today: &str) -> KnownFindings {
        let mut mous = BTreeMap::new();
        for (document, findings) in files {
            let mut seen = BTreeSet::new();
            let list: Vec<KnownFinding> = findings
                .iter()
                .filter(|f| matches!(f.kind, Kind::Weakening | Kind::Modification))
                .map(|f| KnownFinding {
                    finding: finding_id(f),
                    rule: f.rule.clone(),
                    kind: f.kind.as_str().to_string(),
                    section: f.section.clone(),
                })
                .filter(|k| seen.insert(k.finding.clone()))
                .collect();
            if !list.is_empty() {
                mous.insert(document.to_string(), list);
            }
        }
        KnownFindings { version: 1, about: ABOUT.into(), written_on: today.to_string(), mous }
    }

    /// The file's text.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    /// The file cannot be read, is not JSON of this shape, or is of another version.
    /// `within` is the workspace root the file must stay inside (see [`crate::paths`]).
    pub fn load(path: &Path, within: Option<&Root>) -> Result<KnownFindings> {
        let text = crate::files::read_text(path, within, crate::files::MAX_INPUT_BYTES, "the baseline file")?;
        let known: KnownFindings = serde_json::from_str(&text).map_err(|e| {
            let mut err = InputError::new(e.to_string().split(" at line ").next().unwrap_or_default().to_string())
                .in_file(path)
                .help("rewrite it with `mou check --write-baseline --force`");
            if e.line() > 0 {
                err.position = Some(crate::error::Position { line: e.line(), column: e.column().max(1) });
            }
            err
        })?;
        if known.version != 1 {
            return Err(InputError::new(format!("baseline version {} is not one this mou reads (1)", known.version))
                .in_file(path)
                .help("rewrite it with `mou check --write-baseline --force`")
                .into());
        }
        Ok(known)
    }

    /// How many findings it records.
    #[must_use]
    pub fn len(&self) -> usize {
        self.mous.values().map(Vec::len).sum()
    }

    /// Whether it records no finding.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every (document, finding id) it records, for looking findings up in constant time.
    fn index(&self) -> HashSet<(&str, &str)> {
        self.mous.iter().flat_map(|(d, l)| l.iter().map(move |k| (d.as_str(), k.finding.as_str()))).collect()
    }

    #[cfg(test)]
    fn knows(&self, document: &str, id: &str) -> bool {
        self.index().contains(&(document, id))
    }
}

/// How a run treats one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Nothing accepts it: it counts.
    New,
    /// A waiver in force accepts it: reported, not counted.
    Waived(Waiver),
    /// A waiver accepted it until it expired: it counts again.
    WaiverExpired(Waiver),
    /// The baseline of known findings lists it: reported, not counted.
    Known,
}

impl Standing {
    /// Whether the finding is accepted and so does not fail the run.
    #[must_use]
    pub fn accepted(&self) -> bool {
        matches!(self, Standing::Waived(_) | Standing::Known)
    }
}

/// A finding's id and standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triaged {
    /// Its [`finding_id`].
    pub id: String,
    /// How the run treats it.
    pub standing: Standing,
}

/// A waiver that matched no finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleWaiver {
    /// The waiver.
    pub waiver: Waiver,
    /// Why it is stale, in one sentence.
    pub reason: String,
}

/// One checked document, as [`triage`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    /// The document, as `mou.toml` names it (the key waivers and the baseline use).
    pub document: &'a str,
    /// Its findings.
    pub findings: &'a [Finding],
}

/// Gives every finding of every checked document its id and standing, and finds the stale waivers: those of a
/// checked document that match none of its findings, and those naming a document the workspace does not list
/// (`listed`). Waivers of documents not checked this run (not selected, or broken) are left alone.
#[must_use]
pub fn triage(
    files: &[Checked<'_>],
    waivers: &Waivers,
    known: &KnownFindings,
    today: Date,
    listed: &BTreeSet<String>,
) -> (Vec<Vec<Triaged>>, Vec<StaleWaiver>) {
    // Every lookup goes through a hash map, so ten thousand waivers against as many findings stay near-linear.
    let mut by_finding: HashMap<(&str, &str), usize> = HashMap::with_capacity(waivers.waivers.len());
    for (i, w) in waivers.waivers.iter().enumerate() {
        by_finding.entry((w.document.as_str(), w.finding.as_str())).or_insert(i);
    }
    let known = known.index();
    let mut used = vec![false; waivers.waivers.len()];
    let triaged: Vec<Vec<Triaged>> = files
        .iter()
        .map(|file| {
            file.findings
                .iter()
                .map(|f| {
                    let id = finding_id(f);
                    let waiver = by_finding
                        .get(&(file.document, id.as_str()))
                        .copied()
                        .filter(|&i| waivers.waivers[i].rule == f.rule && waivers.waivers[i].section == f.section);
                    let standing = match waiver {
                        Some(i) => {
                            used[i] = true;
                            let w = waivers.waivers[i].clone();
                            if w.expired(today) {
                                Standing::WaiverExpired(w)
                            } else {
                                Standing::Waived(w)
                            }
                        }
                        None if known.contains(&(file.document, id.as_str())) => Standing::Known,
                        None => Standing::New,
                    };
                    Triaged { id, standing }
                })
                .collect()
        })
        .collect();
    let checked: HashSet<&str> = files.iter().map(|f| f.document).collect();
    // Each finding of each checked document by its id, to say why a waiver of that document went stale.
    let by_id: HashMap<(&str, &str), &Finding> = files
        .iter()
        .zip(&triaged)
        .flat_map(|(file, t)| file.findings.iter().zip(t).map(|(f, t)| ((file.document, t.id.as_str()), f)))
        .collect();
    let suggest = Suggestions::new(listed);
    let mut stale = Vec::new();
    for (w, used) in waivers.waivers.iter().zip(used) {
        if used {
            continue;
        }
        let reason = if checked.contains(w.document.as_str()) {
            match by_id.get(&(w.document.as_str(), w.finding.as_str())) {
                Some(f) => format!(
                    "finding {} of {} is `{}` in section {}, not `{}` in section {}",
                    w.finding, w.document, f.rule, f.section, w.rule, w.section
                ),
                None => format!("{} has no finding {} (`{}`, section {})", w.document, w.finding, w.rule, w.section),
            }
        } else if !listed.contains(&w.document) {
            let hint = suggest.for_document(&w.document).map(|d| format!("; did you mean `{d}`?")).unwrap_or_default();
            format!("mou.toml lists no MOU `{}`{hint}", w.document)
        } else {
            continue;
        };
        let reason = match w.expires {
            Some(e) if w.expired(today) => format!("{reason}; it also expired on {e}"),
            _ => reason,
        };
        stale.push(StaleWaiver { waiver: w.clone(), reason });
    }
    (triaged, stale)
}

/// "Did you mean" for a waiver naming a document `mou.toml` does not list. Comparing each such waiver with every
/// listed document would take ten thousand waivers times ten thousand documents; a mistyped path usually differs
/// in its folder or in its file name, not both, so the candidates are the documents in the same folder and those
/// with the same file name.
struct Suggestions<'a> {
    by_folder: HashMap<&'a str, Vec<&'a str>>,
    by_name: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Suggestions<'a> {
    fn new(listed: &'a BTreeSet<String>) -> Self {
        let mut by_folder: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
        for d in listed {
            let (folder, name) = split_document(d);
            by_folder.entry(folder).or_default().push(d);
            by_name.entry(name).or_default().push(d);
        }
        Suggestions { by_folder, by_name }
    }

    fn for_document(&self, document: &str) -> Option<&'a str> {
        let (folder, name) = split_document(document);
        // A folder with thousands of documents is compared no further than its first few hundred.
        let same_folder = self.by_folder.get(folder).into_iter().flatten().take(500);
        let same_name = self.by_name.get(name).into_iter().flatten().take(500);
        did_you_mean(document, same_folder.chain(same_name).copied())
    }
}

fn split_document(d: &str) -> (&str, &str) {
    d.rsplit_once('/').unwrap_or(("", d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn finding(rule: &str, section: &str, before: &str, after: &str) -> Finding {
        Finding {
            rule: rule.into(),
            kind: Kind::Weakening,
            severity: Severity::Error,
            section: section.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            template_text: before.into(),
            edited_text: after.into(),
            message: String::new(),
            change: None,
        }
    }

    /// Ids are stored in waivers and baselines: the same finding keeps its id from release to release. The value
    /// here is the SHA-256 of the key as written out in full (rule, section and both texts, folded, one per line).
    #[test]
    fn a_finding_id_is_frozen() {
        let f = finding(
            "deadline-longer",
            "2.1 Referrals",
            "The  MCP\u{2019}s duty \u{2014} within\n five days",
            "The MCP\u{2019}s   \u{201C}duty\u{201D}",
        );
        assert_eq!(finding_id(&f), "e29d1c409630d7e7");
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    const WAIVERS: &str = r#"
[[waiver]]
document = "counties/kern/ihss.md"
finding = "FINDING"
rule = "modal-downgrade"
section = "7.3"
justification = "DHCS approved this redline."
approved_by = "Jane Doe"
approved_on = 2025-01-10
expires = 2025-12-31
"#;

    #[test]
    fn ids_ignore_position_and_spacing_but_not_words() {
        let a = finding("modal-downgrade", "7.3", "MCP shall “notify”", "MCP may notify");
        let mut b = finding("modal-downgrade", "7.3", "MCP  shall\n\"notify\"", "MCP may notify");
        b.line = 40;
        assert_eq!(finding_id(&a), finding_id(&b));
        assert_eq!(finding_id(&a).len(), 16);
        assert_ne!(
            finding_id(&a),
            finding_id(&finding("modal-downgrade", "7.4", "MCP shall “notify”", "MCP may notify"))
        );
        assert_ne!(
            finding_id(&a),
            finding_id(&finding("modal-downgrade", "7.3", "MCP shall notify", "MCP might notify"))
        );
    }

    #[test]
    fn waivers_apply_expire_and_go_stale() {
        let f = finding("modal-downgrade", "7.3", "MCP shall notify", "MCP may notify");
        let text = WAIVERS.replace("FINDING", &finding_id(&f));
        let waivers = Waivers::parse(&text, Path::new("w.toml")).unwrap();
        assert_eq!(waivers.waivers[0].line, 3);
        let listed: BTreeSet<String> = ["counties/kern/ihss.md".to_string()].into();
        let findings = [f];
        let files = [Checked { document: "counties/kern/ihss.md", findings: &findings }];
        let known = KnownFindings::default();
        let (t, stale) = triage(&files, &waivers, &known, date("2025-12-31"), &listed);
        assert!(matches!(t[0][0].standing, Standing::Waived(_)));
        assert!(stale.is_empty());
        let (t, _) = triage(&files, &waivers, &known, date("2026-01-01"), &listed);
        assert!(matches!(t[0][0].standing, Standing::WaiverExpired(_)));
        let none: [Finding; 0] = [];
        let files = [Checked { document: "counties/kern/ihss.md", findings: &none }];
        let (_, stale) = triage(&files, &waivers, &known, date("2025-06-01"), &listed);
        assert!(stale[0].reason.contains("has no finding"), "{:?}", stale);
        // A waiver of a document not checked this run is left alone.
        let (_, stale) = triage(&[], &waivers, &known, date("2025-06-01"), &listed);
        assert!(stale.is_empty());
    }

    #[test]
    fn ten_thousand_waivers_are_matched_and_found_stale_correctly() {
        // 100 documents of 100 findings each; every even finding is waived (5,000 waivers), every finding divisible
        // by 3 is in the baseline of known findings, and 100 more waivers name a folder mou.toml does not list.
        let docs: Vec<String> = (0..100).map(|d| format!("counties/c{d}/mou.md")).collect();
        let findings: Vec<Vec<Finding>> = (0..100)
            .map(|d| {
                (0..100).map(|k| finding("modal-downgrade", "7.3", &format!("MCP shall {d} {k}"), "MCP may")).collect()
            })
            .collect();
        let mut text = String::new();
        for (d, doc) in docs.iter().enumerate() {
            for (k, f) in findings[d].iter().enumerate().filter(|(k, _)| k % 2 == 0) {
                let id = finding_id(f);
                text.push_str(&WAIVERS.replace("counties/kern/ihss.md", doc).replace("FINDING", &id));
                if k == 0 {
                    let typo = doc.replace("counties/", "countis/");
                    text.push_str(&WAIVERS.replace("counties/kern/ihss.md", &typo).replace("FINDING", &id));
                }
            }
        }
        let waivers = Waivers::parse(&text, Path::new("w.toml")).unwrap();
        assert_eq!(waivers.waivers.len(), 5_100);
        assert_eq!(waivers.waivers[5_099].line, 5_099 * 10 + 3);
        // The file twice over, 10,200 waivers: the second waiver of a finding is found, with the line of the first.
        let mut twice = text.clone();
        twice.push_str(&text);
        let Err(crate::Error::Input(e)) = Waivers::parse(&twice, Path::new("w.toml")) else { panic!("accepted") };
        assert_eq!(
            e.to_string().lines().next().unwrap(),
            format!(
                "w.toml:{}:11: finding {} of counties/c0/mou.md is already waived on line 3",
                5_100 * 10 + 4,
                finding_id(&findings[0][0])
            )
        );
        let known = KnownFindings::record(docs.iter().zip(&findings).map(|(d, f)| (d.as_str(), &f[..])), "2025-01-01");
        let known = KnownFindings {
            mous: known
                .mous
                .into_iter()
                .map(|(d, l)| (d, l.into_iter().enumerate().filter(|(k, _)| k % 3 == 0).map(|(_, f)| f).collect()))
                .collect(),
            ..known
        };
        let files: Vec<Checked<'_>> =
            docs.iter().zip(&findings).map(|(d, f)| Checked { document: d, findings: f }).collect();
        let listed: BTreeSet<String> = docs.iter().cloned().collect();
        let (triaged, stale) = triage(&files, &waivers, &known, date("2025-06-01"), &listed);
        for t in &triaged {
            for (k, f) in t.iter().enumerate() {
                let expected = if k % 2 == 0 {
                    "waived"
                } else if k % 3 == 0 {
                    "known"
                } else {
                    "new"
                };
                let got = match f.standing {
                    Standing::Waived(_) => "waived",
                    Standing::Known => "known",
                    Standing::New => "new",
                    Standing::WaiverExpired(_) => "expired",
                };
                assert_eq!(got, expected, "finding {k}");
            }
        }
        assert_eq!(stale.len(), 100);
        assert!(
            stale[0]
                .reason
                .starts_with("mou.toml lists no MOU `countis/c0/mou.md`; did you mean `counties/c0/mou.md`?"),
            "{}",
            stale[0].reason
        );
    }

    #[test]
    fn bad_waivers_name_the_line() {
        let Err(crate::Error::Input(e)) = Waivers::parse(&WAIVERS.replace("FINDING", "nothex"), Path::new("w.toml"))
        else {
            panic!("accepted a bad id")
        };
        assert!(e.to_string().starts_with("w.toml:4:11: `nothex` is not a finding id"), "{e}");
        let Err(crate::Error::Input(e)) =
            Waivers::parse(&WAIVERS.replace("approved_by", "aproved_by"), Path::new("w.toml"))
        else {
            panic!("accepted a typo")
        };
        assert_eq!(e.help.as_deref(), Some("did you mean `approved_by`?"));
        let text = WAIVERS.replace("FINDING", "0123456789abcdef").replace("2025-12-31", "2024-12-31");
        let Err(e) = Waivers::parse(&text, Path::new("w.toml")) else { panic!("accepted an expiry before approval") };
        assert!(e.to_string().contains("before it was approved"), "{e}");
    }

    #[test]
    fn known_findings_round_trip() {
        let f = [finding("modal-downgrade", "7.3", "MCP shall notify", "MCP may notify")];
        let known = KnownFindings::record([("a.md", &f[..])], "2025-01-01");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        std::fs::write(&p, known.to_json()).unwrap();
        let back = KnownFindings::load(&p, None).unwrap();
        assert_eq!(back, known);
        assert!(back.knows("a.md", &finding_id(&f[0])));
        std::fs::write(&p, "{\"version\": 1,\n \"mous\": 3}").unwrap();
        let e = KnownFindings::load(&p, None).unwrap_err().to_string();
        assert!(e.contains("b.json:2:"), "{e}");
    }
}
