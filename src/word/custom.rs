//! Where a Word draft records its baseline. A Markdown draft names the templates, the party file and (for an
//! imported official template) the house folder and the official file's hash in its front matter; a Word draft
//! keeps the same fields as custom document properties (`docProps/custom.xml`), which Word keeps through every
//! edit and shows under File > Properties. `mou check draft.docx` reads them back, so a Word draft needs no flag to
//! find its baseline either.
//!
//! | property | front matter field |
//! |---|---|
//! | `mou.generator` | `generator`: the tool and version that built the draft |
//! | `mou.templates` | `templates`: `[id@version, ...]` |
//! | `mou.party_file` | `party_file`: the party file, relative to the draft |
//! | `mou.party_sha256` | `party_sha256` |
//! | `mou.templates_dir` | `templates_dir`: the house folder, relative to the draft |
//! | `mou.official_sha256` | `official_sha256`: the official file an imported template fills |

use super::limits::LIMITS;
use super::package::Package;
use super::properties::custom;
use super::spans::{attribute, decoded_text, index, Element};
use super::xml::escape;
use crate::error::InputError;
use crate::frontmatter::FrontMatter;
use std::fmt::Write as _;

const CUSTOM_TYPE: &str = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CUSTOM_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
const VT_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
/// The format id Word gives every user-defined custom property.
const FMTID: &str = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
/// The prefix of every property `mou` writes.
const PREFIX: &str = "mou.";

/// The custom properties that record a draft's front matter, name and value, in a fixed order.
#[must_use]
pub fn properties(fm: &FrontMatter) -> Vec<(String, String)> {
    let templates: Vec<String> = fm.templates.iter().map(|(id, v)| format!("{id}@{v}")).collect();
    let mut out = vec![
        ("mou.generator".to_string(), fm.generator.clone()),
        ("mou.templates".to_string(), format!("[{}]", templates.join(", "))),
    ];
    let optional = [
        ("mou.party_file", &fm.party_file),
        ("mou.party_sha256", &fm.party_sha256),
        ("mou.templates_dir", &fm.templates_dir),
        ("mou.official_sha256", &fm.official_sha256),
    ];
    for (name, value) in optional {
        if let Some(v) = value {
            out.push((name.to_string(), v.clone()));
        }
    }
    out
}

/// The front matter a Word file's custom properties record, when it is a draft `mou build` wrote (it has a
/// `mou.generator` property). A file whose properties cannot be read has none: the caller then asks for a
/// baseline, as it does for any file without one.
#[must_use]
pub fn front_matter(bytes: &[u8]) -> Option<FrontMatter> {
    let mut pkg = Package::open(bytes, LIMITS).ok()?;
    let part = custom_part(&mut pkg).ok()?;
    let xml = String::from_utf8(pkg.read(&part).ok()??).ok()?;
    let props = read_properties(&xml)?;
    let get = |name: &str| props.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let generator = get("mou.generator")?;
    let templates = get("mou.templates").unwrap_or_default();
    // The templates field reads as the front matter's own line does.
    let (parsed, _) = FrontMatter::parse(&format!("---\ntemplates: {templates}\n---\n"))?;
    Some(FrontMatter {
        generator,
        templates: parsed.templates,
        party_file: get("mou.party_file"),
        party_sha256: get("mou.party_sha256"),
        templates_dir: get("mou.templates_dir"),
        official_sha256: get("mou.official_sha256"),
    })
}

/// Where a package keeps its custom properties: the part its relationships name, else `docProps/custom.xml`.
fn custom_part(pkg: &mut Package<'_>) -> Result<String, InputError> {
    Ok(pkg
        .relationships("")?
        .into_iter()
        .find(|(t, _)| t.ends_with("/custom-properties"))
        .map_or_else(|| "docProps/custom.xml".to_string(), |(_, target)| target))
}

/// The properties of a custom-properties part: name and text value, in order.
fn read_properties(xml: &str) -> Option<Vec<(String, String)>> {
    let els = index("docProps/custom.xml", xml, &LIMITS).ok()?;
    let mut out = Vec::new();
    for (i, el) in els.iter().enumerate() {
        if el.local != "property" {
            continue;
        }
        let Some(name) = attribute(xml, el, "name") else { continue };
        let value = els
            .iter()
            .skip(i + 1)
            .find(|c| c.parent == Some(i))
            .and_then(|c| decoded_text(&xml[c.open_end..c.close_start]))
            .unwrap_or_default();
        out.push((name, value));
    }
    Some(out)
}

/// The parts to replace in a package so that it records `props` as custom properties: the custom-properties part,
/// new or with its other properties kept (earlier `mou.*` ones replaced), and, when the package had no such part,
/// `[Content_Types].xml` and `_rels/.rels` with one entry each added. Every other byte of those parts is kept.
///
/// # Errors
/// A part that must change is missing, is not UTF-8, or is not well-formed.
pub(super) fn record(pkg: &mut Package<'_>, props: &[(String, String)]) -> Result<Vec<(String, Vec<u8>)>, InputError> {
    let part = custom_part(pkg)?;
    let text = |name: &str, bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|_| InputError::new(format!("{name} is not UTF-8 XML; the file is damaged")))
    };
    if let Some(existing) = pkg.read(&part)? {
        let xml = text(&part, existing)?;
        return Ok(vec![(part.clone(), merge(&part, &xml, props)?.into_bytes())]);
    }
    let mut out = vec![(part.clone(), custom(props).into_bytes())];
    let types_name = "[Content_Types].xml";
    let types = text(types_name, pkg.read(types_name)?.ok_or_else(|| missing(types_name))?)?;
    let part_name = format!("/{part}");
    let els = index(types_name, &types, &LIMITS)?;
    let declared = els.iter().any(|e| {
        e.local == "Override" && attribute(&types, e, "PartName").is_some_and(|p| p.eq_ignore_ascii_case(&part_name))
    });
    if !declared {
        let root = root(&els).ok_or_else(|| missing(types_name))?;
        let entry =
            format!("<{}Override PartName=\"{}\" ContentType=\"{CUSTOM_TYPE}\"/>", root.prefix(), escape(&part_name));
        out.push((types_name.to_string(), insert_last(&types, root, &entry).into_bytes()));
    }
    let rels_name = "_rels/.rels";
    let rels = text(rels_name, pkg.read(rels_name)?.ok_or_else(|| missing(rels_name))?)?;
    let els = index(rels_name, &rels, &LIMITS)?;
    let ids: Vec<String> = els.iter().filter_map(|e| attribute(&rels, e, "Id")).collect();
    let id = (1..).map(|n| format!("rIdMou{n}")).find(|id| !ids.contains(id)).unwrap_or_default();
    let root = root(&els).ok_or_else(|| missing(rels_name))?;
    let entry =
        format!("<{}Relationship Id=\"{id}\" Type=\"{CUSTOM_REL}\" Target=\"/{}\"/>", root.prefix(), escape(&part));
    out.push((rels_name.to_string(), insert_last(&rels, root, &entry).into_bytes()));
    Ok(out)
}

fn missing(part: &str) -> InputError {
    InputError::new(format!("the Word file has no {part}, which every .docx has; the file is damaged"))
}

fn root(els: &[Element]) -> Option<&Element> {
    els.iter().find(|e| e.parent.is_none())
}

/// `xml` with `entry` added as the root element's last child.
fn insert_last(xml: &str, root: &Element, entry: &str) -> String {
    if root.is_empty() {
        // `<Types .../>`: opened and closed around the new entry.
        let open = xml[root.start..root.end].trim_end_matches('>').trim_end_matches('/').trim_end();
        return format!("{}{open}>{entry}</{}>{}", &xml[..root.start], root.name, &xml[root.end..]);
    }
    format!("{}{entry}{}", &xml[..root.close_start], &xml[root.close_start..])
}

/// An existing custom-properties part with `props` in place of any `mou.*` properties it held.
fn merge(part: &str, xml: &str, props: &[(String, String)]) -> Result<String, InputError> {
    let els = index(part, xml, &LIMITS)?;
    let root = root(&els).ok_or_else(|| missing(part))?;
    let mut kept = String::with_capacity(xml.len() + 1024);
    let mut at = 0;
    let mut pid = 1;
    for el in els.iter().filter(|e| e.parent.is_some() && e.local == "property") {
        if attribute(xml, el, "name").is_some_and(|n| n.starts_with(PREFIX)) {
            kept.push_str(&xml[at..el.start]);
            at = el.end;
        } else if let Some(p) = attribute(xml, el, "pid").and_then(|p| p.trim().parse::<u32>().ok()) {
            pid = pid.max(p);
        }
    }
    kept.push_str(&xml[at..]);
    let els = index(part, &kept, &LIMITS)?;
    let root_now = self::root(&els).ok_or_else(|| missing(part))?;
    let prefix = root.prefix();
    let mut entries = String::new();
    for (name, value) in props {
        pid += 1;
        let _ = write!(
            entries,
            "<{prefix}property fmtid=\"{FMTID}\" pid=\"{pid}\" name=\"{}\"><vt:lpwstr xmlns:vt=\"{VT_NS}\">{}</vt:lpwstr></{prefix}property>",
            escape(name),
            escape(value)
        );
    }
    Ok(insert_last(&kept, root_now, &entries))
}

#[cfg(test)]
mod tests {
    use super::super::testing::package;
    use super::*;

    fn fm() -> FrontMatter {
        FrontMatter {
            generator: "mou 0.1.0".into(),
            templates: vec![("wic".into(), "0123456789ab".into())],
            party_file: Some("../parties/a & b.toml".into()),
            party_sha256: Some("ab".repeat(32)),
            templates_dir: Some("house".into()),
            official_sha256: Some("cd".repeat(32)),
        }
    }

    #[test]
    fn a_package_without_custom_properties_gets_them_with_their_entries() {
        let types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
        let bytes = package(&[("[Content_Types].xml", types), ("_rels/.rels", rels)]);
        let mut pkg = Package::open(&bytes, LIMITS).unwrap();
        let parts = record(&mut pkg, &properties(&fm())).unwrap();
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["docProps/custom.xml", "[Content_Types].xml", "_rels/.rels"]);
        let new_types = String::from_utf8(parts[1].1.clone()).unwrap();
        assert!(new_types.starts_with(&types[..types.len() - "</Types>".len()]), "{new_types}");
        assert!(new_types.ends_with("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/></Types>"));
        let new_rels = String::from_utf8(parts[2].1.clone()).unwrap();
        assert!(new_rels.contains("Id=\"rIdMou1\""), "{new_rels}");
        let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        let out = Package::open(&bytes, LIMITS).unwrap().rewrite(&refs).unwrap();
        assert_eq!(front_matter(&out), Some(fm()));
    }

    #[test]
    fn existing_custom_properties_are_kept_and_earlier_ones_of_mou_replaced() {
        let existing = concat!(
            "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">",
            "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"ContentTypeId\"><vt:lpwstr>0x0101</vt:lpwstr></property>",
            "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"7\" name=\"mou.generator\"><vt:lpwstr>old</vt:lpwstr></property>",
            "</Properties>"
        );
        let rels = "<Relationships xmlns=\"r\"><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/></Relationships>";
        let bytes = package(&[("_rels/.rels", rels), ("docProps/custom.xml", existing)]);
        let mut pkg = Package::open(&bytes, LIMITS).unwrap();
        let parts = record(&mut pkg, &properties(&fm())).unwrap();
        assert_eq!(parts.len(), 1, "only the custom properties change");
        let xml = String::from_utf8(parts[0].1.clone()).unwrap();
        assert!(xml.contains("name=\"ContentTypeId\"><vt:lpwstr>0x0101"));
        assert!(!xml.contains(">old<"));
        assert!(xml.contains("pid=\"3\" name=\"mou.generator\""), "{xml}");
        assert!(xml.contains("a &amp; b.toml"));
        let props = read_properties(&xml).unwrap();
        assert_eq!(props.iter().filter(|(n, _)| n == "mou.generator").count(), 1);
    }
}
