//! The party file: a small TOML file that names the template(s), the county, the dates and every party of one
//! MOU. This module reads it strictly (unknown keys are errors, with a suggestion) and checks it against the
//! catalog before anything is rendered.

mod data;
mod example;
mod values;

pub use example::example_party_file;

use crate::catalog::{Catalog, TemplateInfo};
use crate::date::Date;
use crate::error::{did_you_mean, InputError, Position, Result};
use crate::paths::Root;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A person named in the MOU: a Responsible Person or a Liaison.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Email address.
    pub email: String,
    /// Telephone number.
    pub phone: String,
}

/// Where formal notices go.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The person or office notices are addressed to.
    pub attention: String,
    /// Postal address.
    pub address: String,
    /// Email address for notices.
    pub email: String,
}

/// Who signs for a party.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Full name.
    pub name: String,
    /// Title.
    pub title: String,
}

/// A Medi-Cal Managed Care Plan.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mcp {
    /// Legal name, as it signs.
    pub legal_name: String,
    /// Short name used in exhibits and lists of plans.
    pub short_name: String,
    /// Oversees MCP's compliance with the MOU.
    pub responsible_person: Person,
    /// Day-to-day contact.
    pub liaison: Person,
    /// Where notices go.
    pub notice: Notice,
    /// Who signs.
    pub signer: Signer,
}

/// The county agency or other entity on the other side of the MOU.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OtherParty {
    /// Legal name, as it signs.
    pub legal_name: String,
    /// Its defined term in the MOU; the catalog's term for the program when absent.
    #[serde(default)]
    pub short_name: Option<String>,
    /// Oversees its compliance with the MOU.
    pub responsible_person: Person,
    /// Day-to-day contact.
    pub liaison: Person,
    /// Where notices go.
    pub notice: Notice,
    /// Who signs.
    pub signer: Signer,
}

/// A Knox-Keene licensed Subcontractor to which MCP delegated referral or care-coordination duties: it signs too.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Subcontractor {
    /// Legal name.
    pub legal_name: String,
    /// Short name.
    pub short_name: String,
    /// Its Knox-Keene license number.
    pub knox_keene_license: String,
    /// The duties MCP delegated to it, such as "referrals" or "care coordination".
    pub delegated_duties: Vec<String>,
    /// Who signs.
    pub signer: Signer,
}

/// A provision the parties wrote themselves.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AdditionalProvision {
    /// A short title.
    pub title: String,
    /// The text; blank lines separate paragraphs.
    pub text: String,
}

/// A value of the party file's `[fill]` table: what the parties write in a fill-in of an imported official
/// template that no other key of the party file names (a contract number, a term's end date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillValue {
    /// The text, as it goes into the MOU (a TOML date is written out: "December 31, 2027").
    pub value: String,
    /// Where the value is in the party file.
    pub position: Position,
}

/// The party file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    templates: Spanned<Vec<Spanned<String>>>,
    county: String,
    effective_date: Spanned<Date>,
    #[serde(default)]
    go_live_date: Option<Spanned<Date>>,
    #[serde(default)]
    whole_child_model: bool,
    #[serde(default)]
    templates_dir: Option<Spanned<String>>,
    mcp: Spanned<Vec<Mcp>>,
    other_party: OtherParty,
    #[serde(default)]
    subcontractor: Vec<Subcontractor>,
    #[serde(default)]
    options: BTreeMap<Spanned<String>, Spanned<bool>>,
    #[serde(default)]
    additional_provision: Vec<AdditionalProvision>,
    #[serde(default)]
    fill: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// A party file, read and checked against a catalog.
#[derive(Debug, Clone)]
pub struct Party {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its bytes' SHA-256, recorded in every draft so a later check can tell it changed.
    pub sha256: String,
    /// The templates, in the order the file lists them.
    pub templates: Vec<String>,
    /// The county.
    pub county: String,
    /// The MOU's effective date.
    pub effective_date: Date,
    /// A correctional facility's go-live date (justice-involved).
    pub go_live_date: Option<Date>,
    /// Whether the county is a Whole Child Model county.
    pub whole_child_model: bool,
    /// A folder of house templates that replaces the bundled ones, relative to the party file.
    pub templates_dir: Option<PathBuf>,
    /// The MCPs.
    pub mcps: Vec<Mcp>,
    /// The other party.
    pub other: OtherParty,
    /// Knox-Keene licensed subcontractors that sign.
    pub subcontractors: Vec<Subcontractor>,
    /// Every optional provision of the chosen templates, on or off.
    pub options: BTreeMap<String, bool>,
    /// Provisions the parties added.
    pub additional: Vec<AdditionalProvision>,
    /// The `[fill]` table: values for the fill-ins of an imported official template that no other key names.
    pub fill: BTreeMap<String, FillValue>,
    /// Whether every value is a bracketed fill-in rather than a real party's (see [`Party::placeholder`]).
    pub placeholder: bool,
}

impl Party {
    /// Reads and checks a party file. `within` is the root the file must stay inside when its path was written in
    /// another file (`mou.toml`, a draft's front matter), `None` when the user named it (see [`crate::paths`]).
    ///
    /// `catalog` is the bundled one unless the caller chose a templates folder; when the file itself names a
    /// `templates_dir`, use [`Party::templates_dir_in`] first and load that catalog.
    ///
    /// # Errors
    /// The file cannot be read, is not valid TOML, has the wrong shape, or does not fit the catalog.
    pub fn load(path: &Path, within: Option<&Root>, catalog: &Catalog) -> Result<Party> {
        let text = crate::files::read_text(path, within, crate::files::MAX_SETTINGS_BYTES, "the party file")?;
        Self::parse(&text, path, catalog)
    }

    /// The `templates_dir` a party file names, resolved against the file's folder, without checking the rest. The
    /// folder must stay inside `within` when the party file's own path was written in another file, else inside
    /// [`Root::enclosing`] the party file.
    ///
    /// # Errors
    /// The file cannot be read, or `templates_dir` is absolute or leads outside the root (the error gives its line
    /// and column).
    pub fn templates_dir_in(path: &Path, within: Option<&Root>) -> Result<Option<PathBuf>> {
        #[derive(Deserialize)]
        struct Only {
            templates_dir: Option<Spanned<String>>,
        }
        let text = crate::files::read_text(path, within, crate::files::MAX_SETTINGS_BYTES, "the party file")?;
        // Errors are reported by the full parse; here a broken file just has no folder.
        let Some(dir) = toml::from_str::<Only>(&text).ok().and_then(|o| o.templates_dir) else {
            return Ok(None);
        };
        let root = match within {
            Some(r) => r.clone(),
            None => Root::enclosing(path)?,
        };
        let resolved = root.resolve(path.parent().unwrap_or(Path::new("")), dir.get_ref()).map_err(|mut e| {
            e.message = format!("`templates_dir`: {}", e.message);
            e.in_file(path).at_offset(&text, dir.span().start)
        })?;
        Ok(Some(resolved))
    }

    /// Parses and checks a party file's text; `path` names it in errors.
    ///
    /// # Errors
    /// As [`Party::load`].
    pub fn parse(text: &str, path: &Path, catalog: &Catalog) -> Result<Party> {
        let raw: RawParty = toml::from_str(text).map_err(|e| {
            crate::error::toml_error(
                &e,
                text,
                path,
                crate::error::TomlHelp {
                    missing: "add it; `mou init <template>` prints a complete example party file",
                    wrong_type: "check the value's type: text in quotes, dates as 2024-07-01, lists in [ ], true/false unquoted",
                    other: "see https://toml.io for TOML syntax; `mou init <template>` prints a valid example",
                },
            )
        })?;
        // An imported official template uses only the values its fill-ins file maps, and `mou build` names any of
        // those left blank; the others may stay empty.
        let imported =
            raw.templates.get_ref().iter().any(|id| catalog.get(id.get_ref()).is_ok_and(|t| t.is_imported()));
        values::check(text, path, imported)?;
        let at = |span: Range<usize>, msg: String| InputError::new(msg).in_file(path).at_offset(text, span.start);

        if raw.templates.get_ref().is_empty() {
            return Err(at(raw.templates.span(), "`templates` is empty".into())
                .help("name at least one template, for example templates = [\"smhs\"]; `mou list` shows them all")
                .into());
        }
        let mut infos: Vec<&TemplateInfo> = Vec::new();
        for id in raw.templates.get_ref() {
            let info = catalog.released(id.get_ref()).map_err(|e| {
                let mut err = at(id.span(), e.message);
                err.help = e.help;
                err
            })?;
            if infos.iter().any(|t| t.id == info.id) {
                return Err(at(id.span(), format!("template `{}` is listed twice", info.id))
                    .help("list each template once")
                    .into());
            }
            infos.push(info);
        }
        if infos.len() > 1 && infos.iter().any(|t| t.id == "base") {
            let span = raw.templates.span();
            return Err(at(span, "`base` cannot be combined with program templates".into())
                .help("every program template already contains the whole Base MOU; list only the programs")
                .into());
        }
        if infos.iter().any(|t| t.id == "dmc-ods") && infos.iter().any(|t| t.id == "dmc-sp") {
            return Err(at(raw.templates.span(), "`dmc-ods` and `dmc-sp` cannot be combined".into())
                .help("a DMC-ODS county uses dmc-ods; a county offering only Drug Medi-Cal State Plan services uses dmc-sp")
                .into());
        }

        let effective = *raw.effective_date.get_ref();
        for t in &infos {
            if let Some(from) = t.effective {
                if effective < from {
                    return Err(at(
                        raw.effective_date.span(),
                        format!("effective date {effective} is before template `{}` takes effect on {from}", t.id),
                    )
                    .help(format!("use {from} or later"))
                    .into());
                }
            }
        }
        let go_live = raw.go_live_date.as_ref().map(|d| *d.get_ref());
        let justice = infos.iter().any(|t| t.id == "justice-involved");
        if let (Some(d), false) = (&raw.go_live_date, justice) {
            return Err(at(d.span(), "`go_live_date` applies only to the justice-involved template".into())
                .help("remove it, or add \"justice-involved\" to `templates`")
                .into());
        }
        if let (Some(live), true) = (go_live, justice) {
            if effective < live {
                return Err(at(
                    raw.effective_date.span(),
                    format!("effective date {effective} is before the facility's go-live date {live}"),
                )
                .help(format!("a justice-involved MOU takes effect on January 1, 2026 or the go-live date, whichever is later: use {live} or later"))
                .into());
            }
        }

        // Every option of the chosen templates is present in the render context, on or off, so templates can
        // test any of them under strict undefined.
        let mut options: BTreeMap<String, bool> = BTreeMap::new();
        for t in &infos {
            for o in &t.options {
                options.insert(o.name.clone(), false);
            }
        }
        for (key, value) in &raw.options {
            let name = key.get_ref();
            if !options.contains_key(name) {
                let known: Vec<&str> = options.keys().map(String::as_str).collect();
                let mut err = at(key.span(), format!("unknown option `{name}` for templates {}", ids(&infos)));
                err = match (did_you_mean(name, known.iter().copied()), known.is_empty()) {
                    (Some(best), _) => err.help(format!("did you mean `{best}`?")),
                    (None, true) => err.help("these templates have no optional provisions; remove the [options] table"),
                    (None, false) => err.help(format!("options of these templates: {}", known.join(", "))),
                };
                return Err(err.into());
            }
            options.insert(name.clone(), *value.get_ref());
        }
        if raw.whole_child_model && options.get("ccs_exhibit_f").copied().unwrap_or(false) {
            let span =
                raw.options.iter().find(|(k, _)| k.get_ref() == "ccs_exhibit_f").map(|(_, v)| v.span()).unwrap_or(0..0);
            return Err(at(span, "CCS Exhibit F cannot be used in a Whole Child Model county".into())
                .help("in a WCM county CCS is covered by the separate Whole Child Model MOU: set ccs_exhibit_f = false and use the WCM MOU for CCS")
                .into());
        }
        if raw.mcp.get_ref().is_empty() {
            return Err(at(raw.mcp.span(), "no MCP is named".into()).help("add an [[mcp]] table for each plan").into());
        }
        for a in &raw.additional_provision {
            if a.text.trim().is_empty() {
                return Err(InputError::new(format!("additional provision `{}` has no text", a.title))
                    .in_file(path)
                    .into());
            }
        }
        let fill = fill_table(&raw.fill, &infos, text, path)?;
        let templates_dir =
            raw.templates_dir.as_ref().map(|d| path.parent().unwrap_or(Path::new(".")).join(d.get_ref()));

        Ok(Party {
            path: path.to_path_buf(),
            sha256: crate::hash::sha256_hex(text.as_bytes()),
            templates: infos.iter().map(|t| t.id.clone()).collect(),
            county: raw.county,
            effective_date: effective,
            go_live_date: go_live,
            whole_child_model: raw.whole_child_model,
            templates_dir,
            mcps: raw.mcp.into_inner(),
            other: raw.other_party,
            subcontractors: raw.subcontractor,
            options,
            additional: raw.additional_provision,
            fill,
            placeholder: false,
        })
    }

    /// A party whose every value is a bracketed fill-in ("[MCP legal name]"), for checking against a template
    /// with no party file: rendered, it reads like DHCS's own template, and each fill-in matches any text.
    ///
    /// # Errors
    /// An id is unknown or forthcoming.
    pub fn placeholder(catalog: &Catalog, ids: &[String]) -> Result<Party> {
        let mut options = BTreeMap::new();
        let mut effective = Date { year: 2024, month: 1, day: 1 };
        for id in ids {
            let t = catalog.released(id)?;
            for o in &t.options {
                options.insert(o.name.clone(), false);
            }
            effective = effective.max(t.effective.unwrap_or(effective));
        }
        let fill = |what: &str| format!("[{what}]");
        let person = |who: &str| Person {
            name: fill(&format!("{who} name")),
            title: fill(&format!("{who} title")),
            email: fill(&format!("{who} email")),
            phone: fill(&format!("{who} phone")),
        };
        let notice = |who: &str| Notice {
            attention: fill(&format!("{who} notice attention")),
            address: fill(&format!("{who} notice address")),
            email: fill(&format!("{who} notice email")),
        };
        let signer = |who: &str| Signer {
            name: fill(&format!("{who} signer name")),
            title: fill(&format!("{who} signer title")),
        };
        Ok(Party {
            path: PathBuf::new(),
            sha256: String::new(),
            templates: ids.to_vec(),
            county: fill("County"),
            effective_date: effective,
            go_live_date: None,
            whole_child_model: false,
            templates_dir: None,
            mcps: vec![Mcp {
                legal_name: fill("MCP legal name"),
                short_name: fill("MCP short name"),
                responsible_person: person("MCP Responsible Person"),
                liaison: person("MCP Liaison"),
                notice: notice("MCP"),
                signer: signer("MCP"),
            }],
            other: OtherParty {
                legal_name: fill("other party legal name"),
                short_name: None,
                responsible_person: person("other party Responsible Person"),
                liaison: person("other party Liaison"),
                notice: notice("other party"),
                signer: signer("other party"),
            },
            subcontractors: Vec::new(),
            options,
            additional: Vec::new(),
            fill: BTreeMap::new(),
            placeholder: true,
        })
    }
}

/// The `[fill]` table, checked: names a template can refer to, and values that are text or dates. Whether each
/// name is one the templates' fill-ins use is checked when the draft is built, against the fill-ins themselves.
fn fill_table(
    raw: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    infos: &[&TemplateInfo],
    text: &str,
    path: &Path,
) -> Result<BTreeMap<String, FillValue>> {
    let at = |offset: usize, msg: String| InputError::new(msg).in_file(path).at_offset(text, offset);
    if let (Some((key, _)), false) = (raw.iter().next(), infos.iter().any(|t| t.is_imported())) {
        return Err(at(key.span().start, format!("templates {} have no fill-ins for a [fill] table", ids(infos)))
            .help("[fill] gives values to the fill-ins of an official template imported with `mou import`; remove it")
            .into());
    }
    let mut out = BTreeMap::new();
    for (key, value) in raw {
        let name = key.get_ref();
        let snake = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !snake {
            return Err(at(key.span().start, format!("`{name}` is not a fill-in name"))
                .help("fill-in names are lower case letters, digits and underscores, as the template's fill-ins.toml writes them")
                .into());
        }
        let written = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => match (d.date, d.time, Date::parse(&d.to_string())) {
                (Some(_), None, Some(date)) => date.long(),
                _ => {
                    return Err(at(value.span().start, format!("`{name}` is a date and time; a fill-in takes a date"))
                        .help("write a date as 2027-12-31, or the text in quotes")
                        .into())
                }
            },
            other => {
                return Err(at(value.span().start, format!("`{name}` is {}, not text", other.type_str()))
                    .help("write the value in quotes, as it should read in the MOU")
                    .into())
            }
        };
        let position = crate::error::Position::of_offset(text, value.span().start);
        out.insert(name.clone(), FillValue { value: written, position });
    }
    Ok(out)
}

fn ids(infos: &[&TemplateInfo]) -> String {
    infos.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Party> {
        Party::parse(text, Path::new("p.toml"), &Catalog::bundled())
    }

    #[test]
    fn every_example_parses() {
        for t in Catalog::bundled().templates().iter().filter(|t| t.file.is_some()) {
            let text = example_party_file(&Catalog::bundled(), &t.id).unwrap();
            let p = parse(&text).unwrap_or_else(|e| panic!("{}: {e}", t.id));
            assert_eq!(p.templates, vec![t.id.clone()]);
        }
    }

    #[test]
    fn a_fill_table_takes_text_and_dates_for_an_imported_template_only() {
        let catalog = Catalog::parse(
            &("[[template]]\nid = \"wic\"\ntitle = \"T\"\nother_party = \"Agency\"\nstatus = \"released\"\nversion = \"1\"\n\
             file = \"wic/official.docx\"\nsha256 = \"".to_string() + &"ab".repeat(32) + "\"\nfill_ins = \"wic/fill-ins.toml\"\n"),
            Path::new("catalog.toml"),
        )
        .unwrap();
        let text = example_party_file(&Catalog::bundled(), "wic").unwrap();
        let with = |fill: &str| format!("{text}\n[fill]\n{fill}\n");
        let p = Party::parse(&with("end_date = 2027-12-31\nnumber = \"24-1\""), Path::new("p.toml"), &catalog).unwrap();
        assert_eq!(p.fill["end_date"].value, "December 31, 2027");
        assert_eq!(p.fill["number"].value, "24-1");
        assert_eq!(p.fill["number"].position.line, text.lines().count() + 4);
        let err = |fill: &str, cat: &Catalog| match Party::parse(&with(fill), Path::new("p.toml"), cat) {
            Err(crate::Error::Input(e)) => e.message,
            other => panic!("accepted {fill}: {other:?}"),
        };
        assert!(err("Number = \"1\"", &catalog).contains("not a fill-in name"));
        assert!(err("number = 12", &catalog).contains("is integer, not text"));
        assert!(err("number = \"1\"", &Catalog::bundled()).contains("have no fill-ins for a [fill] table"));
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_a_line() {
        let text =
            example_party_file(&Catalog::bundled(), "ihss").unwrap().replacen("[mcp.liaison]", "[mcp.liason]", 1);
        let Err(crate::Error::Input(e)) = parse(&text) else { panic!("accepted a typo") };
        assert!(e.message.contains("liason"), "{e}");
        assert_eq!(e.help.as_deref(), Some("did you mean `liaison`?"));
        let line = text.lines().position(|l| l.contains("liason")).unwrap() + 1;
        assert_eq!(e.position.unwrap().line, line);
    }
}
