//! Document properties: the core properties (`docProps/core.xml`: title, subject, keywords, description,
//! dates), the application properties (`docProps/app.xml`) and the custom properties (`docProps/custom.xml`) in
//! which `mou` keeps where a document came from, such as a draft's templates and party file.
//!
//! No clock time is ever written: a date appears only when the caller gives one, so the same content gives the
//! same bytes.

use super::xml::{escape, DECL};
use std::fmt::Write as _;

/// Core and custom document properties.
#[derive(Debug, Clone, Default)]
pub struct Properties {
    /// `dc:title`.
    pub title: String,
    /// `dc:subject`.
    pub subject: String,
    /// `cp:keywords`.
    pub keywords: String,
    /// `dc:description`.
    pub description: String,
    /// `dcterms:created` and `dcterms:modified`, as an ISO 8601 date-time; omitted when none.
    pub date: Option<String>,
    /// Custom properties, name and text, in order.
    pub custom: Vec<(String, String)>,
}

/// The keywords of every document `mou` writes: the parties, then what the document is.
pub fn keywords(parties: &[String]) -> String {
    let mut k: Vec<&str> = parties.iter().map(String::as_str).collect();
    k.extend(["Medi-Cal", "MOU", "APL 23-029"]);
    k.join("; ")
}

/// `docProps/core.xml`.
pub fn core(p: &Properties) -> String {
    let mut s = format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    );
    let _ = write!(s, "<dc:title>{}</dc:title>", escape(&p.title));
    if !p.subject.is_empty() {
        let _ = write!(s, "<dc:subject>{}</dc:subject>", escape(&p.subject));
    }
    s.push_str("<dc:creator>mou</dc:creator>");
    if !p.keywords.is_empty() {
        let _ = write!(s, "<cp:keywords>{}</cp:keywords>", escape(&p.keywords));
    }
    if !p.description.is_empty() {
        let _ = write!(s, "<dc:description>{}</dc:description>", escape(&p.description));
    }
    s.push_str("<cp:lastModifiedBy>mou</cp:lastModifiedBy>");
    if let Some(date) = &p.date {
        let d = escape(date);
        let _ = write!(
            s,
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:modified>"
        );
    }
    s.push_str("</cp:coreProperties>");
    s
}

/// `docProps/app.xml`: the application that wrote the file, with its version.
pub fn app() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>mou {}</Application><DocSecurity>0</DocSecurity></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

/// `docProps/custom.xml`: custom properties, each a name and a text, in order.
pub fn custom(props: &[(String, String)]) -> String {
    let mut s = format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
    );
    for (i, (name, value)) in props.iter().enumerate() {
        let _ = write!(
            s,
            "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{}\" name=\"{}\"><vt:lpwstr>{}</vt:lpwstr></property>",
            i + 2,
            escape(name),
            escape(value)
        );
    }
    s.push_str("</Properties>");
    s
}
