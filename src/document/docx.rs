//! Word `.docx` files into the document model, with a small bounded reader on `zip` and `quick-xml`.
//!
//! Why a reader of our own: the files `mou check` reads come from other parties, and docx-rs's reader panics on
//! hostile input and does not bound decompression. This reader caps the number of zip entries, the size each
//! part decompresses to (read through `take`, so a header that lies about sizes cannot exhaust memory), the
//! total decompressed size, and the nesting depth of the XML. Every failure is a one-line [`InputError`], never
//! a panic.
//!
//! What is compared is the body as a reader sees it with every pending tracked change **accepted**: inserted and
//! moved-to text counts, deleted and moved-from text does not, and formatting changes are ignored. Headers,
//! footers, footnotes, endnotes, comments and a table of contents (generated from the headings, with page numbers
//! that move with every edit) are not part of the compared body; pending changes, footnotes, comments and
//! embedded documents are listed in the document's notes.
//!
//! Text formatted as hidden (`w:vanish`), white or near-white text (unless on a dark background), text of two
//! points or smaller and struck-out text are kept out of the blocks and recorded as tricks, as the Markdown reader
//! does for HTML comments and strikethrough, so a provision hidden that way counts as removed. Run properties are
//! resolved from the document defaults, the paragraph style, the character style and the run's own formatting.
//!
//! Numbered paragraphs get their list label ("7.3", "(a)") computed from `numbering.xml` and put in front of
//! their text, so labels and sections come out as they do for Markdown, where the number is typed. Headings are
//! recognised by paragraph style ("Heading 1" is level 1, as `#` is in Markdown; "Title" is level 1) or outline
//! level.
//!
//! **Positions.** A Word file has no lines, so [`Document::source`] is a text rendering of the body: one line per
//! body paragraph or table row, in document order, holding what that paragraph reads as (its label included,
//! hidden text left out; a table row's cells joined with " | "). Blocks map verbatim into it, so a finding's line
//! is the number of the paragraph in the body (a table row counting as one paragraph, an empty paragraph as an
//! empty line) and its column the character within that paragraph.

use super::{assign_sections, finish_block, BlockKind, Document, Segment, Trick, TrickKind};
use crate::error::InputError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// Hard limits on what the reader decompresses and parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most entries a package may hold; a real `.docx` has a few dozen.
    pub max_entries: usize,
    /// The most bytes one part may decompress to.
    pub max_part_bytes: u64,
    /// The most bytes all the parts read may decompress to together.
    pub max_total_bytes: u64,
    /// The deepest nesting of XML elements; Word's own files stay below 50.
    pub max_depth: usize,
}

/// The limits [`parse`] uses: far above any real MOU (the body of a 150,000-word document is about 30 MiB of
/// XML), far below what would exhaust a machine.
pub const LIMITS: Limits =
    Limits { max_entries: 2_000, max_part_bytes: 64 << 20, max_total_bytes: 256 << 20, max_depth: 512 };

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Parses a `.docx` file's bytes. `name` is used in messages.
///
/// # Errors
/// The bytes are not a readable Word package: not a zip archive, damaged or truncated, password-protected, too
/// large when decompressed, without a main document, or holding XML that is not well-formed or nested too deep.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
    parse_with_limits(name, bytes, LIMITS)
}

/// [`parse`] with other limits.
///
/// # Errors
/// As [`parse`].
pub fn parse_with_limits(name: &str, bytes: &[u8], limits: Limits) -> Result<Document, InputError> {
    if bytes.starts_with(&CFB_MAGIC) {
        return Err(if is_encrypted_package(bytes) {
            encrypted()
        } else {
            InputError::new(
                "this is a legacy Word .doc file, which mou cannot read; open it in Word or LibreOffice and save it as .docx",
            )
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
        return Err(InputError::new(format!("this is not a Word .docx file: {}", what_it_is(bytes))));
    }
    let mut pkg = Package::open(bytes, limits)?;
    let main = pkg.main_part()?;
    let rels = pkg.relationships(&main)?;
    let part_of = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.rsplit('/').next() == Some(kind))
            .map_or_else(|| resolve_target(&main, default), |(_, target)| target.clone())
    };
    let (styles_part, numbering_part, comments_part) =
        (part_of("styles", "styles.xml"), part_of("numbering", "numbering.xml"), part_of("comments", "comments.xml"));
    let styles = match pkg.read(&styles_part)? {
        Some(xml) => Styles::parse(&styles_part, &xml, &limits)?,
        None => Styles::default(),
    };
    let numbering = match pkg.read(&numbering_part)? {
        Some(xml) => Numbering::parse(&numbering_part, &xml, &limits)?,
        None => Numbering::default(),
    };
    let comments = match pkg.read(&comments_part)? {
        Some(xml) => parse_comments(&comments_part, &xml, &limits)?,
        None => Vec::new(),
    };
    let Some(xml) = pkg.read(&main)? else {
        return Err(InputError::new(format!("the Word package names {main} as its document, but has no such part")));
    };
    let mut body = Body::new(&styles, &numbering);
    let mut root = None;
    walk(&main, &xml, &limits, |ev, stack| {
        if let (Ev::Open(t, _), true) = (&ev, stack.is_empty()) {
            root = Some(*t);
        }
        body.event(ev, stack);
    })?;
    if root != Some(Tag::Document) {
        return Err(InputError::new(format!(
            "{main} is not a Word document body (its root element is not w:document)"
        )));
    }
    body.flush_carry();
    Ok(body.into_document(name, &comments))
}

/// Whether a compound (OLE) file is an encrypted Office package: Word saves a password-protected `.docx` that way.
#[must_use]
pub fn is_encrypted_package(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.starts_with(&CFB_MAGIC) && bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn encrypted() -> InputError {
    InputError::new(
        "the Word file is password-protected (encrypted), so mou cannot read it; remove the password (File > Info > Protect Document) and save it again",
    )
}

fn damaged(detail: &str) -> InputError {
    InputError::new(format!(
        "the Word file is damaged or incomplete ({detail}); open it in Word and save it again, or ask for a new copy"
    ))
}

fn bomb(part: &str, limit: u64) -> InputError {
    let size = if limit >= 1 << 20 { format!("{} MiB", limit >> 20) } else { format!("{} KiB", limit >> 10) };
    InputError::new(format!(
        "{part} would decompress to more than {size}, far more than any real MOU: the file may be a zip bomb, so mou did not read it"
    ))
}

/// A short description of bytes that are not a zip package.
fn what_it_is(bytes: &[u8]) -> &'static str {
    const KINDS: [(&[u8], &str); 8] = [
        (b"\x89PNG", "it is a PNG image"),
        (b"%PDF", "it is a PDF file"),
        (b"\xFF\xD8\xFF", "it is a JPEG image"),
        (b"GIF8", "it is a GIF image"),
        (b"{\\rtf", "it is an RTF file; save it as .docx"),
        (b"Rar!", "it is a RAR archive"),
        (b"\x1F\x8B", "it is a gzip archive"),
        (b"7z\xBC\xAF", "it is a 7-Zip archive"),
    ];
    if bytes.is_empty() {
        return "the file is empty";
    }
    if let Some((_, what)) = KINDS.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return what;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if text.trim_start().starts_with('<') => {
            "it is an XML or HTML text file, not a .docx package; save it from Word as .docx"
        }
        Ok(text) if !text.contains('\0') => "it is plain text; if it is Markdown, name it .md",
        _ => "it is not a zip package, which every .docx is",
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The package: zip entries read within limits.

struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    names: HashMap<String, usize>,
    limits: Limits,
    total: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limits: Limits) -> Result<Self, InputError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(&e))?;
        if zip.len() > limits.max_entries {
            return Err(InputError::new(format!(
                "the Word file holds {} parts, more than the {} mou reads: it is not a normal .docx",
                zip.len(),
                limits.max_entries
            )));
        }
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            let Some(Ok(n)) = zip.name_for_index(i) else { continue };
            let key = n.trim_start_matches('/').to_ascii_lowercase();
            // Two parts of one name could be read one way here and another way by Word.
            if names.insert(key, i).is_some() && !n.ends_with('/') {
                return Err(InputError::new(format!(
                    "the Word file holds two parts named {n}, which Word never writes; the file is damaged or was altered"
                )));
            }
        }
        Ok(Package { zip, names, limits, total: 0 })
    }

    fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_ascii_lowercase())
    }

    /// The decompressed bytes of a part, or `None` when the package has no such part.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, InputError> {
        let Some(&i) = self.names.get(&name.to_ascii_lowercase()) else { return Ok(None) };
        let declared = {
            let entry = self.zip.by_index_data(i).map_err(|e| zip_error(&e))?;
            if entry.encrypted() {
                return Err(encrypted());
            }
            entry.size()
        };
        let room = self.limits.max_total_bytes.saturating_sub(self.total);
        let cap = self.limits.max_part_bytes.min(room);
        let too_big = |size: u64| {
            if size > self.limits.max_part_bytes {
                bomb(name, self.limits.max_part_bytes)
            } else {
                bomb("the parts read", self.limits.max_total_bytes)
            }
        };
        if declared > cap {
            return Err(too_big(declared));
        }
        let file = self.zip.by_index(i).map_err(|e| zip_error(&e))?;
        // The declared size is only a claim: `take` bounds what is actually inflated.
        let mut buf = Vec::with_capacity(usize::try_from(declared.min(16 << 20)).unwrap_or(0));
        file.take(cap.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| damaged(&format!("{name} cannot be decompressed: {e}")))?;
        let got = buf.len() as u64;
        if got > cap {
            return Err(too_big(got));
        }
        self.total += got;
        Ok(Some(buf))
    }

    /// The main document part, found through the package relationships.
    fn main_part(&mut self) -> Result<String, InputError> {
        let from_rels = match self.read("_rels/.rels")? {
            Some(xml) => parse_relationships("_rels/.rels", &xml, &self.limits)?
                .into_iter()
                .find(|(t, _)| t.ends_with("/officeDocument"))
                .map(|(_, target)| resolve_target("", &target)),
            None => None,
        };
        if let Some(main) = from_rels.filter(|m| self.has(m)) {
            return Ok(main);
        }
        if self.has("word/document.xml") {
            return Ok("word/document.xml".into());
        }
        let what = if self.has("xl/workbook.xml") {
            "it is an Excel workbook"
        } else if self.has("ppt/presentation.xml") {
            "it is a PowerPoint presentation"
        } else if self.has("content.xml") && self.has("mimetype") {
            "it is an OpenDocument file; save it from LibreOffice as .docx"
        } else {
            "it is a zip archive without word/document.xml"
        };
        Err(InputError::new(format!("this is not a Word document: {what}")))
    }

    /// The relationships of a part: (type, resolved target) pairs.
    fn relationships(&mut self, part: &str) -> Result<Vec<(String, String)>, InputError> {
        let (dir, file) = part.rsplit_once('/').map_or(("", part), |(d, f)| (d, f));
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        Ok(match self.read(&rels_name)? {
            Some(xml) => parse_relationships(&rels_name, &xml, &self.limits)?
                .into_iter()
                .map(|(t, target)| (t, resolve_target(part, &target)))
                .collect(),
            None => Vec::new(),
        })
    }
}

fn zip_error(e: &ZipError) -> InputError {
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => encrypted(),
        ZipError::InvalidPassword => encrypted(),
        ZipError::CompressionMethodNotSupported(m) => InputError::new(format!(
            "the Word file uses zip compression method {m}, which mou does not read; open it in Word and save it again"
        )),
        ZipError::Io(io) => damaged(&format!("not a readable zip archive: {io}")),
        other => damaged(&format!("not a readable zip archive: {other}")),
    }
}

/// A relationship target relative to the part that names it, as a package path without a leading slash.
fn resolve_target(source_part: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        if let Some((dir, _)) = source_part.rsplit_once('/') {
            parts.extend(dir.split('/').filter(|s| !s.is_empty()));
        }
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

// ---------------------------------------------------------------------------------------------------------------
// XML: one streaming walk per part, over the element names this reader cares about.

/// Element names, by local name (namespaces are ignored, so Strict OOXML reads like Transitional).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Document,
    Background,
    Body,
    P,
    PPr,
    PStyle,
    NumPr,
    Ilvl,
    NumId,
    OutlineLvl,
    Shd,
    RPr,
    R,
    T,
    Tab,
    Br,
    Cr,
    Ptab,
    NoBreakHyphen,
    FldChar,
    Skipped,
    Del,
    Ins,
    MoveFrom,
    MoveTo,
    Tbl,
    TblStyle,
    Tr,
    TrPr,
    Tc,
    TcPr,
    FootnoteReference,
    EndnoteReference,
    AltChunk,
    Vanish,
    SpecVanish,
    Strike,
    Dstrike,
    Color,
    Sz,
    Highlight,
    RStyle,
    Style,
    Name,
    BasedOn,
    RPrDefault,
    AbstractNum,
    Num,
    Lvl,
    Start,
    NumFmt,
    LvlText,
    LvlRestart,
    IsLgl,
    AbstractNumId,
    LvlOverride,
    StartOverride,
    NumStyleLink,
    Comment,
    Relationship,
    Other,
}

fn tag(local: &str) -> Tag {
    match local {
        "document" => Tag::Document,
        "background" => Tag::Background,
        "body" => Tag::Body,
        "p" => Tag::P,
        "pPr" => Tag::PPr,
        "pStyle" => Tag::PStyle,
        "numPr" => Tag::NumPr,
        "ilvl" => Tag::Ilvl,
        "numId" => Tag::NumId,
        "outlineLvl" => Tag::OutlineLvl,
        "shd" => Tag::Shd,
        "rPr" => Tag::RPr,
        "r" => Tag::R,
        "t" => Tag::T,
        "tab" => Tag::Tab,
        "br" => Tag::Br,
        "cr" => Tag::Cr,
        "ptab" => Tag::Ptab,
        "noBreakHyphen" => Tag::NoBreakHyphen,
        "fldChar" => Tag::FldChar,
        // Field instructions, deleted text, formatting-change history, section properties, the fallback copy of
        // alternate content and ruby (phonetic) text are never part of what a reader reads.
        "instrText" | "delText" | "delInstrText" | "sectPr" | "Fallback" | "rt" => Tag::Skipped,
        "del" => Tag::Del,
        "ins" => Tag::Ins,
        "moveFrom" => Tag::MoveFrom,
        "moveTo" => Tag::MoveTo,
        "tbl" => Tag::Tbl,
        "tblStyle" => Tag::TblStyle,
        "tr" => Tag::Tr,
        "trPr" => Tag::TrPr,
        "tc" => Tag::Tc,
        "tcPr" => Tag::TcPr,
        "footnoteReference" => Tag::FootnoteReference,
        "endnoteReference" => Tag::EndnoteReference,
        "altChunk" => Tag::AltChunk,
        "vanish" => Tag::Vanish,
        "specVanish" => Tag::SpecVanish,
        "strike" => Tag::Strike,
        "dstrike" => Tag::Dstrike,
        "color" => Tag::Color,
        "sz" => Tag::Sz,
        "highlight" => Tag::Highlight,
        "rStyle" => Tag::RStyle,
        "style" => Tag::Style,
        "name" => Tag::Name,
        "basedOn" => Tag::BasedOn,
        "rPrDefault" => Tag::RPrDefault,
        "abstractNum" => Tag::AbstractNum,
        "num" => Tag::Num,
        "lvl" => Tag::Lvl,
        "start" => Tag::Start,
        "numFmt" => Tag::NumFmt,
        "lvlText" => Tag::LvlText,
        "lvlRestart" => Tag::LvlRestart,
        "isLgl" => Tag::IsLgl,
        "abstractNumId" => Tag::AbstractNumId,
        "lvlOverride" => Tag::LvlOverride,
        "startOverride" => Tag::StartOverride,
        "numStyleLink" => Tag::NumStyleLink,
        "comment" => Tag::Comment,
        "Relationship" => Tag::Relationship,
        // rPrChange, pPrChange, tblPrChange, numberingChange ...: old formatting, ignored.
        s if s.ends_with("Change") => Tag::Skipped,
        _ => Tag::Other,
    }
}

/// One step of a walk. `Open` and `Close` come with the stack of enclosing elements; `Text` with the stack
/// ending in the element that holds it.
enum Ev<'x, 'e> {
    Open(Tag, &'x BytesStart<'e>),
    Close(Tag),
    Text(&'x str),
}

fn walk(part: &str, raw: &[u8], limits: &Limits, mut f: impl FnMut(&Ev<'_, '_>, &[Tag])) -> Result<(), InputError> {
    let text = decode(part, raw)?;
    let mut reader = Reader::from_str(&text);
    let mut stack: Vec<Tag> = Vec::new();
    let mut any = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            InputError::new(format!(
                "{part} is not well-formed XML (at byte {}: {e}); the file is damaged",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                if stack.len() >= limits.max_depth {
                    return Err(InputError::new(format!(
                        "{part} nests XML elements more than {} deep, which no real Word document does; mou did not read it",
                        limits.max_depth
                    )));
                }
                let t = tag(e.local_name().as_ref());
                f(&Ev::Open(t, &e), &stack);
                stack.push(t);
                any = true;
            }
            Event::Empty(e) => {
                let t = tag(e.local_name().as_ref());
                f(&Ev::Open(t, &e), &stack);
                f(&Ev::Close(t), &stack);
                any = true;
            }
            Event::End(_) => {
                let t = stack.pop().unwrap_or(Tag::Other);
                f(&Ev::Close(t), &stack);
            }
            Event::Text(t) => f(&Ev::Text(&t.xml10_content()), &stack),
            Event::CData(t) => f(&Ev::Text(&t.xml10_content()), &stack),
            Event::GeneralRef(r) => {
                let mut buf = [0u8; 4];
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    f(&Ev::Text(c.encode_utf8(&mut buf)), &stack);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                    f(&Ev::Text(s), &stack);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(InputError::new(format!(
            "{part} ends before its XML elements are closed; the file is damaged or truncated"
        )));
    }
    if !any {
        return Err(InputError::new(format!("{part} is empty; the file is damaged")));
    }
    Ok(())
}

fn decode<'b>(part: &str, raw: &'b [u8]) -> Result<Cow<'b, str>, InputError> {
    let utf16 = |bytes: &[u8], le: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).ok().map(Cow::Owned)
    };
    let text = if let Some(rest) = raw.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest).ok().map(Cow::Borrowed)
    } else if let Some(rest) = raw.strip_prefix(b"\xFF\xFE") {
        utf16(rest, true)
    } else if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        utf16(rest, false)
    } else {
        std::str::from_utf8(raw).ok().map(Cow::Borrowed)
    };
    text.ok_or_else(|| InputError::new(format!("{part} is not UTF-8 or UTF-16 XML; the file is damaged")))
}

/// An attribute's value, by local name.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let k = a.key.as_ref();
        let local = k.rsplit(':').next().unwrap_or(k);
        if local == key {
            a.normalized_value(XmlVersion::Implicit1_0).ok().map(Cow::into_owned)
        } else {
            None
        }
    })
}

/// An on/off property: present without a value means on.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off" | "none"))
}

fn ends_with(stack: &[Tag], path: &[Tag]) -> bool {
    stack.ends_with(path)
}

fn parse_relationships(part: &str, xml: &[u8], limits: &Limits) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::new();
    walk(part, xml, limits, |ev, _| {
        if let Ev::Open(Tag::Relationship, e) = ev {
            let external = attr(e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
            if let (Some(t), Some(target), false) = (attr(e, "Type"), attr(e, "Target"), external) {
                out.push((t, target));
            }
        }
    })?;
    Ok(out)
}

fn parse_comments(part: &str, xml: &[u8], limits: &Limits) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    walk(part, xml, limits, |ev, stack| match ev {
        Ev::Open(Tag::Comment, e) => current = Some((attr(e, "author").unwrap_or_default(), String::new())),
        Ev::Close(Tag::P) => {
            if let Some((_, text)) = current.as_mut() {
                text.push(' ');
            }
        }
        Ev::Close(Tag::Comment) => {
            if let Some(c) = current.take() {
                if out.len() < 1_000 {
                    out.push(c);
                }
            }
        }
        Ev::Text(s) if stack.last() == Some(&Tag::T) => {
            if let Some((_, text)) = current.as_mut() {
                if text.len() < 4_096 {
                    text.push_str(s);
                }
            }
        }
        _ => {}
    })?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------------------
// Styles: run properties that hide text, heading levels, and numbering attached to styles.

/// The run properties this reader looks at. `None` means "not set here; inherit".
#[derive(Debug, Clone, Default)]
struct RunProps {
    vanish: Option<bool>,
    spec_vanish: Option<bool>,
    strike: Option<bool>,
    dstrike: Option<bool>,
    color: Option<String>,
    size: Option<u32>,
    fill: Option<String>,
    highlight: Option<String>,
    style: Option<String>,
}

impl RunProps {
    fn set(&mut self, t: Tag, e: &BytesStart<'_>) {
        match t {
            Tag::Vanish => self.vanish = Some(on(e)),
            Tag::SpecVanish => self.spec_vanish = Some(on(e)),
            Tag::Strike => self.strike = Some(on(e)),
            Tag::Dstrike => self.dstrike = Some(on(e)),
            Tag::Color => self.color = attr(e, "val"),
            Tag::Sz => self.size = attr(e, "val").and_then(|v| v.trim().parse().ok()),
            Tag::Shd => self.fill = attr(e, "fill"),
            Tag::Highlight => self.highlight = attr(e, "val"),
            Tag::RStyle => self.style = attr(e, "val"),
            _ => {}
        }
    }

    fn merge(&mut self, over: &RunProps) {
        fn pick<T: Clone>(a: &mut Option<T>, b: &Option<T>) {
            if b.is_some() {
                a.clone_from(b);
            }
        }
        pick(&mut self.vanish, &over.vanish);
        pick(&mut self.spec_vanish, &over.spec_vanish);
        pick(&mut self.strike, &over.strike);
        pick(&mut self.dstrike, &over.dstrike);
        pick(&mut self.color, &over.color);
        pick(&mut self.size, &over.size);
        pick(&mut self.fill, &over.fill);
        pick(&mut self.highlight, &over.highlight);
    }

    /// How text with these properties is hidden or disguised, if it is. `dark` says the text sits on a dark
    /// background, where white text is plain to see.
    fn trick(&self, dark: bool) -> Option<TrickKind> {
        if self.vanish == Some(true) || self.spec_vanish == Some(true) {
            Some(TrickKind::Vanish)
        } else if self.size.is_some_and(|s| s <= 4) {
            Some(TrickKind::TinyText)
        } else if !dark && self.color.as_deref().is_some_and(near_white) {
            Some(TrickKind::WhiteText)
        } else if self.strike == Some(true) || self.dstrike == Some(true) {
            Some(TrickKind::Strikethrough)
        } else {
            None
        }
    }

    fn dark_background(&self) -> bool {
        self.fill.as_deref().is_some_and(dark_color)
            || self
                .highlight
                .as_deref()
                .is_some_and(|h| !matches!(h, "none" | "white" | "yellow" | "lightGray" | "cyan" | "green" | "magenta"))
    }
}

fn rgb(hex: &str) -> Option<[u8; 3]> {
    let hex = hex.trim().trim_start_matches('#');
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// White or so close to white that it cannot be read on a white page.
fn near_white(hex: &str) -> bool {
    rgb(hex).is_some_and(|c| c.iter().all(|&x| x >= 0xF0))
}

/// A background dark enough for white text to show on it.
fn dark_color(hex: &str) -> bool {
    rgb(hex).is_some_and(|[r, g, b]| 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) < 192_000)
}

#[derive(Debug, Clone, Default)]
struct Style {
    /// The style's name, lower-cased ("heading 1", "list paragraph").
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    rpr: RunProps,
}

#[derive(Debug, Default)]
struct Styles {
    defaults: RunProps,
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn parse(part: &str, xml: &[u8], limits: &Limits) -> Result<Styles, InputError> {
        let mut s = Styles::default();
        let mut current: Option<(String, Style)> = None;
        walk(part, xml, limits, |ev, stack| match ev {
            Ev::Open(Tag::Style, e) => {
                let id = attr(e, "styleId").unwrap_or_default();
                if attr(e, "type").as_deref() == Some("paragraph")
                    && attr(e, "default").is_some_and(|d| d == "1" || d == "true")
                {
                    s.default_paragraph = Some(id.clone());
                }
                current = Some((id, Style::default()));
            }
            Ev::Close(Tag::Style) => {
                if let Some((id, style)) = current.take() {
                    s.by_id.entry(id).or_insert(style);
                }
            }
            Ev::Open(t, e) => {
                if let Some((_, st)) = current.as_mut() {
                    match t {
                        Tag::Name if ends_with(stack, &[Tag::Style]) => {
                            st.name = attr(e, "val").unwrap_or_default().to_lowercase();
                        }
                        Tag::BasedOn if ends_with(stack, &[Tag::Style]) => st.based_on = attr(e, "val"),
                        Tag::OutlineLvl if ends_with(stack, &[Tag::Style, Tag::PPr]) => {
                            st.outline = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        Tag::NumId if ends_with(stack, &[Tag::Style, Tag::PPr, Tag::NumPr]) => {
                            st.num_id = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        Tag::Ilvl if ends_with(stack, &[Tag::Style, Tag::PPr, Tag::NumPr]) => {
                            st.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        _ if ends_with(stack, &[Tag::Style, Tag::RPr]) => st.rpr.set(*t, e),
                        _ => {}
                    }
                } else if ends_with(stack, &[Tag::RPrDefault, Tag::RPr]) {
                    s.defaults.set(*t, e);
                }
            }
            _ => {}
        })?;
        Ok(s)
    }

    /// A style and the styles it is based on, the most basic first.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            if seen.contains(&id) || seen.len() >= 32 {
                break;
            }
            seen.push(id);
            let Some(style) = self.by_id.get(id) else { break };
            out.push(style);
            next = style.based_on.as_deref();
        }
        out.reverse();
        out
    }

    /// The run properties in effect: document defaults, then the paragraph style, the character style and the
    /// run's own formatting.
    fn effective(&self, paragraph_style: Option<&str>, direct: &RunProps) -> RunProps {
        let mut p = self.defaults.clone();
        if let Some(id) = paragraph_style.or(self.default_paragraph.as_deref()) {
            for st in self.chain(id) {
                p.merge(&st.rpr);
            }
        }
        if let Some(id) = direct.style.as_deref() {
            for st in self.chain(id) {
                p.merge(&st.rpr);
            }
        }
        p.merge(direct);
        p
    }
}

/// "heading 3" or "Heading3" → 3.
fn heading_number(s: &str) -> Option<u8> {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading")?.trim();
    rest.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

// ---------------------------------------------------------------------------------------------------------------
// Numbering: list labels as Word displays them.

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<i64>,
    format: String,
    text: String,
    restart: Option<u8>,
    legal: bool,
    style: Option<String>,
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: HashMap<u8, Level>,
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: Option<u32>,
    /// Per level: a start override, and a whole level definition that replaces the abstract one.
    overrides: HashMap<u8, (Option<i64>, Option<Level>)>,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<u32, AbstractNum>,
    nums: HashMap<u32, Num>,
}

impl Numbering {
    fn parse(part: &str, xml: &[u8], limits: &Limits) -> Result<Numbering, InputError> {
        let mut n = Numbering::default();
        let mut abs: Option<(u32, AbstractNum)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut over: Option<(u8, Option<i64>, Option<Level>)> = None;
        let mut lvl: Option<(u8, Level)> = None;
        let int = |e: &BytesStart<'_>, key: &str| attr(e, key).and_then(|v| v.trim().parse::<i64>().ok());
        walk(part, xml, limits, |ev, stack| match ev {
            Ev::Open(Tag::AbstractNum, e) => {
                abs = int(e, "abstractNumId").and_then(|i| u32::try_from(i).ok()).map(|i| (i, AbstractNum::default()));
            }
            Ev::Close(Tag::AbstractNum) => {
                if let Some((id, a)) = abs.take() {
                    n.abstracts.entry(id).or_insert(a);
                }
            }
            Ev::Open(Tag::Num, e) => {
                num = int(e, "numId").and_then(|i| u32::try_from(i).ok()).map(|i| (i, Num::default()));
            }
            Ev::Close(Tag::Num) => {
                if let Some((id, x)) = num.take() {
                    n.nums.entry(id).or_insert(x);
                }
            }
            Ev::Open(Tag::AbstractNumId, e) if ends_with(stack, &[Tag::Num]) => {
                if let Some((_, x)) = num.as_mut() {
                    x.abstract_id = int(e, "val").and_then(|i| u32::try_from(i).ok());
                }
            }
            Ev::Open(Tag::NumStyleLink, e) if ends_with(stack, &[Tag::AbstractNum]) => {
                if let Some((_, a)) = abs.as_mut() {
                    a.style_link = attr(e, "val");
                }
            }
            Ev::Open(Tag::LvlOverride, e) => {
                over = int(e, "ilvl").and_then(|i| u8::try_from(i).ok()).filter(|i| *i < 9).map(|i| (i, None, None));
            }
            Ev::Open(Tag::StartOverride, e) => {
                if let Some((_, start, _)) = over.as_mut() {
                    *start = int(e, "val");
                }
            }
            Ev::Close(Tag::LvlOverride) => {
                if let (Some((i, start, level)), Some((_, x))) = (over.take(), num.as_mut()) {
                    x.overrides.insert(i, (start, level));
                }
            }
            Ev::Open(Tag::Lvl, e) => {
                lvl =
                    int(e, "ilvl").and_then(|i| u8::try_from(i).ok()).filter(|i| *i < 9).map(|i| (i, Level::default()));
            }
            Ev::Close(Tag::Lvl) => {
                if let Some((i, level)) = lvl.take() {
                    if let Some((_, _, slot)) = over.as_mut() {
                        *slot = Some(level);
                    } else if let Some((_, a)) = abs.as_mut() {
                        a.levels.entry(i).or_insert(level);
                    }
                }
            }
            Ev::Open(t, e) if ends_with(stack, &[Tag::Lvl]) => {
                if let Some((_, level)) = lvl.as_mut() {
                    match t {
                        Tag::Start => level.start = int(e, "val"),
                        Tag::NumFmt => level.format = attr(e, "val").unwrap_or_default(),
                        Tag::LvlText => level.text = attr(e, "val").unwrap_or_default(),
                        Tag::LvlRestart => level.restart = int(e, "val").and_then(|v| u8::try_from(v).ok()),
                        Tag::IsLgl => level.legal = on(e),
                        Tag::PStyle => level.style = attr(e, "val"),
                        _ => {}
                    }
                }
            }
            _ => {}
        })?;
        Ok(n)
    }

    /// The abstract numbering a list instance uses, following a link to a numbering style.
    fn abstract_of(&self, num_id: u32, styles: &Styles) -> Option<u32> {
        let a = self.nums.get(&num_id)?.abstract_id?;
        let linked = self
            .abstracts
            .get(&a)
            .and_then(|x| x.style_link.as_deref())
            .and_then(|link| styles.by_id.get(link))
            .and_then(|st| st.num_id)
            .and_then(|n| self.nums.get(&n))
            .and_then(|n| n.abstract_id);
        Some(linked.unwrap_or(a))
    }

    fn level(&self, num_id: u32, abstract_id: u32, ilvl: u8) -> Option<&Level> {
        let over = self.nums.get(&num_id).and_then(|n| n.overrides.get(&ilvl)).and_then(|(_, l)| l.as_ref());
        over.or_else(|| self.abstracts.get(&abstract_id)?.levels.get(&ilvl))
    }
}

/// What a numbered paragraph shows before its text.
enum Label {
    Bullet,
    Text(String),
}

/// List counters as Word keeps them: per abstract numbering, so list instances that share one continue it, and
/// restarted where a list instance overrides its start.
#[derive(Default)]
struct Counters {
    values: HashMap<u32, [Option<i64>; 9]>,
    overridden: HashSet<(u32, u8)>,
}

impl Counters {
    fn next(&mut self, numbering: &Numbering, styles: &Styles, num_id: u32, ilvl: u8) -> Option<Label> {
        let abs = numbering.abstract_of(num_id, styles)?;
        let level = numbering.level(num_id, abs, ilvl)?;
        let values = self.values.entry(abs).or_insert([None; 9]);
        let i = usize::from(ilvl);
        let start_override = numbering.nums.get(&num_id).and_then(|n| n.overrides.get(&ilvl)).and_then(|(s, _)| *s);
        if let Some(start) = start_override {
            if self.overridden.insert((num_id, ilvl)) {
                values[i] = Some(start.saturating_sub(1));
            }
        }
        values[i] = Some(values[i].map_or(level.start.unwrap_or(0), |v| v.saturating_add(1)));
        for deeper in ilvl + 1..9 {
            // A level restarts after any level above it, unless lvlRestart names another (0: never).
            let after = numbering.level(num_id, abs, deeper).and_then(|l| l.restart).unwrap_or(deeper);
            if ilvl < after {
                values[usize::from(deeper)] = None;
            }
        }
        if level.format == "bullet" {
            return Some(Label::Bullet);
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let k = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d));
            match (c, k) {
                ('%', Some(k)) => {
                    chars.next();
                    let at = u8::try_from(k - 1).unwrap_or(0);
                    let other = numbering.level(num_id, abs, at);
                    let value = values[usize::from(at)].unwrap_or_else(|| other.and_then(|l| l.start).unwrap_or(0));
                    let format = if level.legal { "decimal" } else { other.map_or("decimal", |l| l.format.as_str()) };
                    out.push_str(&format_number(value, format));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim();
        (!out.is_empty()).then(|| Label::Text(out.to_string()))
    }
}

fn format_number(n: i64, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → A, 26 → Z, 27 → AA, 28 → BB, as Word counts.
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let letter = char::from(b'A' + u8::try_from((n - 1) % 26).unwrap_or(0));
    let times = usize::try_from((n - 1) / 26 + 1).unwrap_or(1).min(40);
    std::iter::repeat_n(letter, times).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const DIGITS: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// The body: paragraphs and table rows as lines of pieces, visible or hidden.

/// A stretch of a paragraph's text, visible or hidden by some trick.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    hidden: Option<TrickKind>,
}

impl Piece {
    fn visible(text: &str) -> Piece {
        Piece { text: text.to_string(), hidden: None }
    }
}

#[derive(Default)]
struct Para {
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    fill: Option<String>,
    mark_deleted: bool,
    mark_hidden: bool,
    pieces: Vec<Piece>,
}

#[derive(Default)]
struct Run {
    direct: RunProps,
    trick: Option<Option<TrickKind>>,
}

struct Row {
    cells: Vec<Vec<Piece>>,
    deleted: bool,
    /// How many tables deep the row's own table is.
    depth: usize,
}

/// A table being read: rows and cells seen so far, for separators in nested tables.
#[derive(Default)]
struct TableLevel {
    rows: usize,
    cells: usize,
    /// A layout table (signature blocks): its paragraphs read as paragraphs, not as table rows.
    layout: bool,
}

struct Line {
    kind: BlockKind,
    pieces: Vec<Piece>,
}

struct Body<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
    counters: Counters,
    lines: Vec<Line>,
    paras: Vec<Para>,
    runs: Vec<Run>,
    /// Open complex fields: `true` once past the instruction, in the result a reader sees.
    fields: Vec<bool>,
    fields_dropped: usize,
    tables: Vec<TableLevel>,
    row: Option<Row>,
    cell_fills: Vec<Option<String>>,
    /// Text of paragraphs whose paragraph mark is a pending deletion: accepted, they join the next paragraph.
    carry: Vec<Piece>,
    skip: Option<usize>,
    revisions: usize,
    authors: Vec<String>,
    footnotes: usize,
    endnotes: usize,
    /// Other documents (HTML, RTF, Word) embedded with `w:altChunk`, which Word shows in place.
    embedded: usize,
    /// Entries of a table of contents, left out.
    contents: usize,
    page_dark: bool,
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles, numbering: &'s Numbering) -> Self {
        Body {
            styles,
            numbering,
            counters: Counters::default(),
            lines: Vec::new(),
            paras: Vec::new(),
            runs: Vec::new(),
            fields: Vec::new(),
            fields_dropped: 0,
            tables: Vec::new(),
            row: None,
            cell_fills: Vec::new(),
            carry: Vec::new(),
            skip: None,
            revisions: 0,
            authors: Vec::new(),
            footnotes: 0,
            endnotes: 0,
            embedded: 0,
            contents: 0,
            page_dark: false,
        }
    }

    fn event(&mut self, ev: &Ev<'_, '_>, stack: &[Tag]) {
        if let Some(depth) = self.skip {
            if matches!(ev, Ev::Close(_)) && stack.len() == depth {
                self.skip = None;
            }
            return;
        }
        match ev {
            Ev::Open(t, e) => self.open(*t, e, stack),
            Ev::Close(t) => self.close(*t, stack),
            Ev::Text(s) => {
                let n = stack.len();
                if n >= 2 && stack[n - 1] == Tag::T && stack[n - 2] == Tag::R {
                    self.text(s);
                }
            }
        }
    }

    fn revision(&mut self, e: &BytesStart<'_>) {
        self.revisions += 1;
        let author = attr(e, "author").unwrap_or_default();
        if !author.trim().is_empty() && !self.authors.contains(&author) && self.authors.len() < 20 {
            self.authors.push(author);
        }
    }

    fn open(&mut self, t: Tag, e: &BytesStart<'_>, stack: &[Tag]) {
        let parent = stack.last().copied();
        let grandparent = stack.len().checked_sub(2).map(|i| stack[i]);
        let in_run = parent == Some(Tag::R);
        match t {
            Tag::Skipped => self.skip = Some(stack.len()),
            Tag::Del | Tag::Ins | Tag::MoveFrom | Tag::MoveTo => {
                self.revision(e);
                let removes = matches!(t, Tag::Del | Tag::MoveFrom);
                match (parent, grandparent) {
                    // The paragraph mark itself was inserted or deleted.
                    (Some(Tag::RPr), Some(Tag::PPr)) => {
                        if let (true, Some(p)) = (removes, self.paras.last_mut()) {
                            p.mark_deleted = true;
                        }
                    }
                    (Some(Tag::TrPr), _) => {
                        if let (true, Some(row)) = (removes, self.row.as_mut()) {
                            row.deleted = row.deleted || self.tables.len() == row.depth;
                        }
                    }
                    (Some(Tag::RPr), _) => {}
                    _ if removes => self.skip = Some(stack.len()),
                    _ => {}
                }
            }
            Tag::Background if parent == Some(Tag::Document) => {
                self.page_dark = attr(e, "color").as_deref().is_some_and(dark_color);
            }
            Tag::P => self.paras.push(Para::default()),
            // A table styled as a layout of signature blocks holds paragraphs, not rows of data.
            Tag::TblStyle => {
                if let Some(t) = self.tables.last_mut() {
                    t.layout = attr(e, "val").is_some_and(|v| v.to_ascii_lowercase().contains("signature"));
                }
            }
            Tag::PStyle if ends_with(stack, &[Tag::P, Tag::PPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            Tag::OutlineLvl if ends_with(stack, &[Tag::P, Tag::PPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            Tag::NumId | Tag::Ilvl if ends_with(stack, &[Tag::P, Tag::PPr, Tag::NumPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    let v = attr(e, "val").and_then(|v| v.trim().parse::<u32>().ok());
                    if t == Tag::NumId {
                        p.num_id = v;
                    } else {
                        p.ilvl = v.and_then(|v| u8::try_from(v).ok()).map(|v| v.min(8));
                    }
                }
            }
            Tag::Shd if ends_with(stack, &[Tag::P, Tag::PPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.fill = attr(e, "fill");
                }
            }
            Tag::Shd if parent == Some(Tag::TcPr) => {
                if let Some(fill) = self.cell_fills.last_mut() {
                    *fill = attr(e, "fill");
                }
            }
            Tag::Vanish if ends_with(stack, &[Tag::P, Tag::PPr, Tag::RPr]) => {
                if let Some(p) = self.paras.last_mut() {
                    p.mark_hidden = on(e);
                }
            }
            _ if parent == Some(Tag::RPr) && grandparent == Some(Tag::R) => {
                if let Some(r) = self.runs.last_mut() {
                    r.direct.set(t, e);
                }
            }
            Tag::R => self.runs.push(Run::default()),
            Tag::Tab | Tag::Br | Tag::Cr | Tag::Ptab if in_run => self.text(" "),
            Tag::NoBreakHyphen if in_run => self.text("-"),
            Tag::FldChar if in_run => match attr(e, "fldCharType").as_deref() {
                Some("begin") if self.fields.len() < 64 => self.fields.push(false),
                Some("begin") => self.fields_dropped += 1,
                Some("separate") if self.fields_dropped == 0 => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = true;
                    }
                }
                Some("end") if self.fields_dropped > 0 => self.fields_dropped -= 1,
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            Tag::FootnoteReference => self.footnotes += 1,
            Tag::EndnoteReference => self.endnotes += 1,
            Tag::AltChunk => self.embedded += 1,
            Tag::Tbl => {
                if self.paras.is_empty() && self.row.is_none() {
                    self.flush_carry();
                }
                self.tables.push(TableLevel::default());
            }
            Tag::Tr if self.row.is_none() && self.tables.last().is_some_and(|t| t.layout) => {}
            Tag::Tr => {
                let depth = self.tables.len();
                match self.row.as_ref().map(|r| r.depth) {
                    None if depth > 0 => self.row = Some(Row { cells: Vec::new(), deleted: false, depth }),
                    Some(d) if depth > d => {
                        // A row of a table nested in a cell: its text joins the cell.
                        let first = self.tables.last().is_none_or(|l| l.rows == 0);
                        if !first {
                            self.cell_text(" ");
                        }
                        if let Some(l) = self.tables.last_mut() {
                            l.rows += 1;
                            l.cells = 0;
                        }
                    }
                    _ => {}
                }
            }
            Tag::Tc => {
                self.cell_fills.push(None);
                let depth = self.tables.len();
                match self.row.as_ref().map(|r| r.depth) {
                    Some(d) if d == depth => {
                        if let Some(row) = self.row.as_mut() {
                            row.cells.push(Vec::new());
                        }
                    }
                    Some(d) if depth > d => {
                        let first = self.tables.last().is_none_or(|l| l.cells == 0);
                        if !first {
                            self.cell_text(" | ");
                        }
                        if let Some(l) = self.tables.last_mut() {
                            l.cells += 1;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, t: Tag, _stack: &[Tag]) {
        match t {
            Tag::P => self.end_paragraph(),
            Tag::R => {
                self.runs.pop();
            }
            Tag::Tc => {
                self.cell_fills.pop();
            }
            Tag::Tr if self.row.as_ref().is_some_and(|r| r.depth == self.tables.len()) => self.end_row(),
            Tag::Tbl => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    /// Whether the text of the current run is hidden, and how.
    fn run_trick(&mut self) -> Option<TrickKind> {
        let para = self.paras.last();
        let run = self.runs.last_mut()?;
        if let Some(trick) = run.trick {
            return trick;
        }
        let props = self.styles.effective(para.and_then(|p| p.style.as_deref()), &run.direct);
        let dark = self.page_dark
            || props.dark_background()
            || para.and_then(|p| p.fill.as_deref()).is_some_and(dark_color)
            || self.cell_fills.iter().flatten().any(|f| dark_color(f));
        let trick = props.trick(dark);
        run.trick = Some(trick);
        trick
    }

    fn text(&mut self, s: &str) {
        if self.fields.iter().any(|result| !result) || self.paras.is_empty() || self.runs.is_empty() {
            return;
        }
        let hidden = self.run_trick();
        let Some(para) = self.paras.last_mut() else { return };
        match para.pieces.last_mut() {
            Some(last) if last.hidden == hidden => last.text.push_str(s),
            _ => para.pieces.push(Piece { text: s.to_string(), hidden }),
        }
    }

    fn cell_text(&mut self, s: &str) {
        if let Some(cell) = self.row.as_mut().and_then(|r| r.cells.last_mut()) {
            cell.push(Piece::visible(s));
        }
    }

    fn heading_level(&self, para: &Para) -> Option<u8> {
        if let Some(id) = para.style.as_deref() {
            let name = self.styles.by_id.get(id).map_or("", |s| s.name.as_str());
            if let Some(n) = heading_number(name).or_else(|| heading_number(id)) {
                return Some(n);
            }
            if name == "title" || id.eq_ignore_ascii_case("title") {
                return Some(1);
            }
        }
        let chain = para.style.as_deref().map(|id| self.styles.chain(id)).unwrap_or_default();
        let outline = para.outline.or_else(|| chain.iter().rev().find_map(|s| s.outline));
        outline.filter(|o| *o < 9).map(|o| o + 1)
    }

    fn label(&mut self, para: &Para) -> Option<Label> {
        let chain = para.style.as_deref().map(|id| self.styles.chain(id)).unwrap_or_default();
        let from_style = chain.iter().rev().find_map(|s| s.num_id);
        let style_ilvl = chain.iter().rev().find_map(|s| s.ilvl);
        let num_id = para.num_id.or(from_style)?;
        if num_id == 0 {
            return None;
        }
        let ilvl = para.ilvl.or(style_ilvl).or_else(|| {
            // A style attached to a list level carries no level of its own: the level names the style.
            let style = para.style.as_deref()?;
            let abs = self.numbering.abstract_of(num_id, self.styles)?;
            let levels = &self.numbering.abstracts.get(&abs)?.levels;
            levels.iter().find(|(_, l)| l.style.as_deref() == Some(style)).map(|(i, _)| *i)
        });
        self.counters.next(self.numbering, self.styles, num_id, ilvl.unwrap_or(0).min(8))
    }

    /// An entry of a table of contents: styled "toc 1" to "toc 9".
    fn is_contents_entry(&self, para: &Para) -> bool {
        let Some(id) = para.style.as_deref() else { return false };
        let name = self.styles.by_id.get(id).map_or("", |s| s.name.as_str());
        [name, id].iter().any(|s| {
            let lower = s.to_ascii_lowercase();
            lower.strip_prefix("toc").is_some_and(|n| n.trim().parse::<u8>().is_ok_and(|n| (1..=9).contains(&n)))
        })
    }

    fn end_paragraph(&mut self) {
        let Some(mut para) = self.paras.pop() else { return };
        if para.mark_deleted {
            self.carry.append(&mut para.pieces);
            return;
        }
        if self.is_contents_entry(&para) {
            // A table of contents is generated from the headings, and its page numbers move with every edit.
            self.contents += 1;
            if self.row.is_none() {
                self.lines.push(Line { kind: BlockKind::Paragraph, pieces: Vec::new() });
            }
            return;
        }
        let mut pieces = std::mem::take(&mut self.carry);
        pieces.append(&mut para.pieces);
        let visible = pieces.iter().any(|p| p.hidden.is_none() && !p.text.trim().is_empty());
        let heading = self.heading_level(&para);
        let label = if para.mark_hidden && !visible { None } else { self.label(&para) };
        let list_style = para.style.as_deref().is_some_and(|id| {
            self.styles.by_id.get(id).is_some_and(|s| s.name.to_ascii_lowercase().contains("list"))
                || id.contains("List")
        });
        let kind = match (&heading, &label) {
            (Some(level), _) => BlockKind::Heading(*level),
            // A list-styled paragraph that carries its own "(a)" label in its text.
            (None, None) if list_style && self.row.is_none() => BlockKind::ListItem,
            (None, Some(Label::Bullet)) => BlockKind::ListItem,
            (None, Some(Label::Text(l))) if list_style || !clause_like(l) => BlockKind::ListItem,
            _ => BlockKind::Paragraph,
        };
        if let (Some(Label::Text(l)), true) = (&label, visible) {
            pieces.insert(0, Piece::visible(&format!("{l} ")));
        }
        if let Some(row) = self.row.as_mut() {
            if row.cells.is_empty() {
                row.cells.push(Vec::new());
            }
            if let Some(cell) = row.cells.last_mut() {
                if cell.last().is_some_and(|p| !p.text.ends_with(' ')) {
                    cell.push(Piece::visible(" "));
                }
                cell.append(&mut pieces);
            }
        } else {
            self.lines.push(Line { kind, pieces });
        }
    }

    fn end_row(&mut self) {
        let Some(row) = self.row.take() else { return };
        if row.deleted {
            return;
        }
        let cells: Vec<Vec<Piece>> = row.cells.into_iter().map(trim_pieces).collect();
        let any_visible = cells.iter().flatten().any(|p| p.hidden.is_none() && !p.text.trim().is_empty());
        let mut pieces = Vec::new();
        for (i, mut cell) in cells.into_iter().enumerate() {
            if i > 0 && any_visible {
                pieces.push(Piece::visible(" | "));
            }
            pieces.append(&mut cell);
        }
        self.lines.push(Line { kind: BlockKind::TableRow, pieces });
    }

    fn flush_carry(&mut self) {
        if !self.carry.is_empty() {
            let pieces = std::mem::take(&mut self.carry);
            self.lines.push(Line { kind: BlockKind::Paragraph, pieces });
        }
    }

    fn into_document(self, name: &str, comments: &[(String, String)]) -> Document {
        let mut source = String::new();
        let mut blocks = Vec::new();
        let mut tricks = Vec::new();
        for line in self.lines {
            let start = source.len();
            let mut text = String::new();
            let mut hidden: Option<(TrickKind, String, usize)> = None;
            let flush = |hidden: &mut Option<(TrickKind, String, usize)>, tricks: &mut Vec<Trick>| {
                if let Some((kind, t, at)) = hidden.take() {
                    tricks.push(Trick {
                        kind,
                        text: t.split_whitespace().collect::<Vec<_>>().join(" "),
                        source_offset: at,
                    });
                }
            };
            for piece in line.pieces {
                match piece.hidden {
                    // Hidden spaces hide nothing: they read as the spaces they are.
                    Some(kind) if !piece.text.trim().is_empty() => match hidden.as_mut() {
                        Some((k, t, _)) if *k == kind => t.push_str(&piece.text),
                        _ => {
                            flush(&mut hidden, &mut tricks);
                            hidden = Some((kind, piece.text, start + text.len()));
                        }
                    },
                    _ => {
                        flush(&mut hidden, &mut tricks);
                        // One line per paragraph, whatever a label or text held: control characters read as spaces.
                        text.extend(piece.text.chars().map(|c| if c.is_control() { ' ' } else { c }));
                    }
                }
            }
            flush(&mut hidden, &mut tricks);
            source.push_str(&text);
            source.push('\n');
            let segment = Segment { text_start: 0, source_start: start, len: text.len(), verbatim: true };
            if let Some(block) = finish_block(line.kind, &text, &[segment], &mut tricks) {
                blocks.push(block);
            }
        }
        let mut notes = Vec::new();
        if self.revisions > 0 {
            let by = if self.authors.is_empty() { "an unnamed author".to_string() } else { self.authors.join(", ") };
            let (s, were) = if self.revisions == 1 { ("", "it was") } else { ("s", "they were") };
            notes.push(format!(
                "the file has {} pending tracked change{s} by {by}; {were} compared as if accepted",
                self.revisions
            ));
        }
        for (count, what) in [(self.footnotes, "footnote"), (self.endnotes, "endnote")] {
            if count > 0 {
                let (s, were) = if count == 1 { ("", "was") } else { ("s", "were") };
                notes.push(format!("the file has {count} {what}{s}, which {were} not compared"));
            }
        }
        if self.contents > 0 {
            notes.push(format!(
                "the table of contents ({} entr{}) was not compared: Word generates it from the headings",
                self.contents,
                if self.contents == 1 { "y" } else { "ies" }
            ));
        }
        if self.embedded > 0 {
            notes.push(format!(
                "the file embeds {} other document{} (w:altChunk) that Word shows in place; {} not compared",
                self.embedded,
                if self.embedded == 1 { "" } else { "s" },
                if self.embedded == 1 { "it was" } else { "they were" }
            ));
        }
        const SHOWN: usize = 20;
        for (author, text) in comments.iter().take(SHOWN) {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let short: String = text.chars().take(100).collect();
            let ellipsis = if short.len() < text.len() { "…" } else { "" };
            let author = if author.trim().is_empty() { "an unnamed author" } else { author.as_str() };
            notes.push(format!("comment by {author}: {short}{ellipsis}"));
        }
        if comments.len() > SHOWN {
            notes.push(format!("and {} more comments; comments are not compared", comments.len() - SHOWN));
        }
        assign_sections(&mut blocks);
        Document {
            name: name.to_string(),
            source: source.into(),
            blocks,
            tricks,
            piece_starts: Vec::new(),
            pieces: std::sync::OnceLock::new(),
            front_matter: None,
            notes,
            format: super::Format::Docx,
            line_starts: std::sync::OnceLock::new(),
        }
    }
}

/// Whether a list label numbers a clause ("7.3", "Section 5.02.") rather than an item ("(a)", "1.", "iv.").
fn clause_like(label: &str) -> bool {
    let b = label.as_bytes();
    let dotted = b.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    let worded = label.split_whitespace().next().is_some_and(|w| w.len() >= 3 && w.chars().all(char::is_alphabetic))
        && label.split_whitespace().count() > 1;
    dotted || worded
}

/// A cell's pieces without the spaces at its two ends.
fn trim_pieces(mut pieces: Vec<Piece>) -> Vec<Piece> {
    if let Some(first) = pieces.iter_mut().find(|p| p.hidden.is_none()) {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = pieces.iter_mut().rev().find(|p| p.hidden.is_none()) {
        last.text = last.text.trim_end().to_string();
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A zip package of the given parts, written with the zip crate.
    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            w.start_file(*name, options).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        )
    }

    /// A document from body XML and optional styles, numbering and comments parts.
    fn read(body: &str, extra: &[(&str, &str)]) -> Document {
        let doc = document(body);
        let mut parts = vec![("word/document.xml", doc.as_str())];
        parts.extend_from_slice(extra);
        parse("t.docx", &package(&parts)).unwrap()
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| &*b.text).collect()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn styled(style: &str, text: &str) -> String {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn numbered(num: u32, ilvl: u8, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    fn styles(inner: &str) -> String {
        format!("<w:styles {NS}>{inner}</w:styles>")
    }

    #[test]
    fn runs_join_and_fields_show_their_results() {
        let body = concat!(
            "<w:p><w:r><w:t>MCP sh</w:t></w:r><w:r><w:t>all act</w:t></w:r><w:r><w:tab/><w:t>now;</w:t><w:br/>",
            "<w:t>non</w:t><w:noBreakHyphen/><w:t>binding</w:t><w:sym w:char=\"F0E0\"/></w:r></w:p>",
            "<w:p><w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t>link</w:t></w:r></w:hyperlink>",
            "<w:sdt><w:sdtPr><w:alias w:val=\"a\"/></w:sdtPr><w:sdtContent><w:r><w:t> control</w:t></w:r></w:sdtContent></w:sdt>",
            "<w:fldSimple w:instr=\" REF x \"><w:r><w:t> simple</w:t></w:r></w:fldSimple>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t> result</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:r><w:t xml:space=\"preserve\"> &amp; &#x41;</w:t></w:r></w:p>",
        );
        let doc = read(body, &[]);
        assert_eq!(texts(&doc), ["MCP shall act now; non-binding", "link control simple result & A"]);
    }

    #[test]
    fn headings_come_from_styles_names_and_outline_levels() {
        let st = styles(concat!(
            "<w:style w:type=\"paragraph\" w:styleId=\"berschrift2\"><w:name w:val=\"heading 2\"/></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Custom\"><w:name w:val=\"Custom\"/><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Derived\"><w:name w:val=\"Derived\"/><w:basedOn w:val=\"Custom\"/></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Title\"/></w:style>",
        ));
        let body = [
            styled("Title", "Memorandum"),
            styled("Heading1", "Article I. Terms"),
            styled("berschrift2", "Parties"),
            styled("Derived", "Deep"),
            styled("Subtitle", "Not a heading"),
            styled("BodyText", "Body"),
        ]
        .concat();
        let doc = read(&body, &[("word/styles.xml", &st)]);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Heading(1),
                BlockKind::Heading(2),
                BlockKind::Heading(3),
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(doc.blocks[1].label.as_deref(), Some("I"));
    }

    const NUMBERING: &str = concat!(
        "<w:numbering xmlns:w=\"w\">",
        "<w:abstractNum w:abstractNumId=\"0\">",
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"7\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>",
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>",
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%3)\"/></w:lvl>",
        "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerRoman\"/><w:lvlText w:val=\"(%4)\"/></w:lvl>",
        "</w:abstractNum>",
        "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/></w:lvl></w:abstractNum>",
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>",
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"2\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>",
        "</w:numbering>",
    );

    #[test]
    fn numbered_paragraphs_get_their_labels() {
        let body = [
            numbered(1, 0, "Duties"),
            numbered(1, 1, "MCP shall act."),
            numbered(1, 2, "first item;"),
            numbered(1, 3, "sub item;"),
            numbered(1, 2, "second item."),
            numbered(1, 1, "MCP shall report."),
            numbered(1, 2, "restarted item."),
            numbered(2, 0, "a bullet"),
            numbered(3, 2, "overridden start"),
            numbered(1, 0, "Records"),
            numbered(1, 1, "Keep them."),
        ]
        .concat();
        let doc = read(&body, &[("word/numbering.xml", NUMBERING)]);
        assert_eq!(
            texts(&doc),
            [
                "7. Duties",
                "7.1 MCP shall act.",
                "(a) first item;",
                "(i) sub item;",
                "(b) second item.",
                "7.2 MCP shall report.",
                "(a) restarted item.",
                "a bullet",
                "(d) overridden start",
                "8. Records",
                "8.1 Keep them."
            ]
        );
        let labels: Vec<Option<&str>> = doc.blocks.iter().map(|b| b.label.as_deref()).collect();
        assert_eq!(labels[1], Some("7.1"));
        assert_eq!(labels[2], Some("(a)"));
        assert_eq!(&*doc.blocks[2].section, "7.1(a)");
        assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(doc.blocks[2].kind, BlockKind::ListItem);
        assert_eq!(doc.blocks[7].kind, BlockKind::ListItem);
        assert_eq!(doc.blocks[7].label, None);
    }

    #[test]
    fn numbering_attached_to_a_heading_style_numbers_the_headings() {
        let st = styles(concat!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>",
            "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>",
        ));
        let numbering = concat!(
            "<w:numbering xmlns:w=\"w\"><w:abstractNum w:abstractNumId=\"0\">",
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"Article %1.\"/><w:pStyle w:val=\"Heading2\"/></w:lvl>",
            "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
        );
        let body = [styled("Heading2", "Terms"), p("Text."), styled("Heading2", "Duties")].concat();
        let doc = read(&body, &[("word/styles.xml", &st), ("word/numbering.xml", numbering)]);
        assert_eq!(texts(&doc), ["Article I. Terms", "Text.", "Article II. Duties"]);
        assert_eq!(doc.blocks[2].kind, BlockKind::Heading(2));
        assert_eq!(doc.blocks[2].label.as_deref(), Some("II"));
    }

    #[test]
    fn table_rows_are_blocks_with_cells_joined() {
        let cell = |t: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", p(t));
        let nested =
            format!("<w:tc><w:tbl><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl></w:tc>", cell("x"), cell("y"), cell("z"));
        let body = format!(
            "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{nested}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
            p("Before"),
            cell("Party"),
            cell("Duty"),
            cell("MCP"),
            cell(""),
            cell(""),
            p("After")
        );
        let doc = read(&body, &[]);
        assert_eq!(texts(&doc), ["Before", "Party | Duty", "MCP | x | y z", "After"]);
        assert_eq!(doc.blocks[1].kind, BlockKind::TableRow);
        // One line per paragraph or row, the empty row included.
        assert_eq!(&*doc.source, "Before\nParty | Duty\nMCP | x | y z\n\nAfter\n");
    }

    #[test]
    fn tracked_changes_are_compared_as_accepted() {
        let body = concat!(
            "<w:p><w:r><w:t xml:space=\"preserve\">MCP shall </w:t></w:r>",
            "<w:del w:id=\"1\" w:author=\"Ana\"><w:r><w:delText>promptly </w:delText></w:r></w:del>",
            "<w:ins w:id=\"2\" w:author=\"Ben\"><w:r><w:t xml:space=\"preserve\">eventually </w:t></w:r></w:ins>",
            "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"3\" w:author=\"Ana\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>act.</w:t></w:r></w:p>",
            "<w:p><w:moveFrom w:id=\"4\" w:author=\"Ana\"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom></w:p>",
            "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"Ana\"/></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">Joined </w:t></w:r></w:p>",
            "<w:p><w:r><w:t>paragraph.</w:t></w:r><w:moveTo w:id=\"6\" w:author=\"Ana\"><w:r><w:t xml:space=\"preserve\"> Moved here.</w:t></w:r></w:moveTo></w:p>",
        );
        let doc = read(body, &[]);
        assert_eq!(texts(&doc), ["MCP shall eventually act.", "Joined paragraph. Moved here."]);
        assert_eq!(
            doc.notes,
            ["the file has 5 pending tracked changes by Ana, Ben; they were compared as if accepted"]
        );
    }

    #[test]
    fn hidden_white_tiny_and_struck_text_are_tricks() {
        let st = styles(concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault></w:docDefaults>",
            "<w:style w:type=\"character\" w:styleId=\"Ghost\"><w:name w:val=\"Ghost\"/><w:rPr><w:vanish/></w:rPr></w:style>",
            "<w:style w:type=\"paragraph\" w:styleId=\"Pale\"><w:name w:val=\"Pale\"/><w:rPr><w:color w:val=\"FAFAFA\"/></w:rPr></w:style>",
        ));
        let run = |rpr: &str, t: &str| format!("<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r>");
        let body = [
            format!(
                "<w:p>{}{}{}</w:p>",
                run("", "MCP shall act"),
                run("<w:vanish/>", " unless it declines"),
                run("", " now.")
            ),
            format!("<w:p>{}{}</w:p>", run("<w:color w:val=\"FFFFFF\"/>", "White words here."), run("", "Visible.")),
            format!("<w:p>{}{}</w:p>", run("<w:sz w:val=\"2\"/>", "Tiny words here."), run("", "Visible.")),
            format!("<w:p>{}{}</w:p>", run("<w:rStyle w:val=\"Ghost\"/>", "Styled hidden."), run("", "Visible.")),
            format!("<w:p><w:pPr><w:pStyle w:val=\"Pale\"/></w:pPr>{}</w:p>", run("", "Pale paragraph.")),
            format!(
                "<w:p>{}</w:p>",
                run("<w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:fill=\"1F3864\"/>", "White on navy.")
            ),
            format!("<w:p>{}{}</w:p>", run("<w:strike/>", "Struck."), run("", " Kept.")),
            format!("<w:p>{}</w:p>", run("<w:color w:val=\"auto\"/><w:vanish w:val=\"0\"/>", "Plain.")),
        ]
        .concat();
        let doc = read(&body, &[("word/styles.xml", &st)]);
        assert_eq!(
            texts(&doc),
            ["MCP shall act now.", "Visible.", "Visible.", "Visible.", "White on navy.", "Kept.", "Plain."]
        );
        let tricks: Vec<(TrickKind, &str)> = doc.tricks.iter().map(|t| (t.kind, t.text.as_str())).collect();
        assert_eq!(
            tricks,
            [
                (TrickKind::Vanish, "unless it declines"),
                (TrickKind::WhiteText, "White words here."),
                (TrickKind::TinyText, "Tiny words here."),
                (TrickKind::Vanish, "Styled hidden."),
                (TrickKind::WhiteText, "Pale paragraph."),
                (TrickKind::Strikethrough, "Struck.")
            ]
        );
        // A trick is placed where its text would have been: line 1, after "MCP shall act".
        let pos = doc.position(doc.tricks[0].source_offset);
        assert_eq!((pos.line, pos.column), (1, 14));
    }

    #[test]
    fn comments_footnotes_and_headers_are_notes_not_text() {
        let comments = concat!(
            "<w:comments xmlns:w=\"w\"><w:comment w:id=\"0\" w:author=\"Dana\"><w:p><w:r><w:t>Please check</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>this clause.</w:t></w:r></w:p></w:comment></w:comments>"
        );
        let header = format!("<w:hdr {NS}>{}</w:hdr>", p("HEADER TEXT"));
        let body = concat!(
            "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>MCP shall act.</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>",
            "<w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
            "<w:altChunk r:id=\"rId9\" xmlns:r=\"r\"/>",
        );
        let doc = read(body, &[("word/comments.xml", comments), ("word/header1.xml", &header)]);
        assert_eq!(texts(&doc), ["MCP shall act."]);
        assert_eq!(
            doc.notes,
            [
                "the file has 1 footnote, which was not compared",
                "the file embeds 1 other document (w:altChunk) that Word shows in place; it was not compared",
                "comment by Dana: Please check this clause."
            ]
        );
    }

    #[test]
    fn a_table_of_contents_is_left_out() {
        let st = styles("<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style>");
        let body = [styled("TOC1", "1. Duties\t3"), styled("TOC1", "2. Records\t4"), p("Body.")].concat();
        let doc = read(&body, &[("word/styles.xml", &st)]);
        assert_eq!(texts(&doc), ["Body."]);
        assert_eq!(&*doc.source, "\n\nBody.\n");
        assert_eq!(
            doc.notes,
            ["the table of contents (2 entries) was not compared: Word generates it from the headings"]
        );
    }

    #[test]
    fn positions_are_paragraph_lines() {
        let doc = read(&[p("First."), "<w:p/>".into(), p("Third has words.")].concat(), &[]);
        assert_eq!(&*doc.source, "First.\n\nThird has words.\n");
        let b = &doc.blocks[1];
        let pos = doc.position(b.source_offset(b.text.find("words").unwrap()));
        assert_eq!((pos.line, pos.column), (3, 11));
    }

    #[test]
    fn relationships_name_the_parts() {
        let rels = concat!(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/main/body.xml\"/>",
            "</Relationships>"
        );
        let doc_rels = "<Relationships xmlns=\"x\"><Relationship Id=\"r\" Type=\"http://x/relationships/styles\" Target=\"../main/s.xml\"/></Relationships>";
        let st = styles("<w:style w:type=\"paragraph\" w:styleId=\"H\"><w:name w:val=\"heading 1\"/></w:style>");
        let body = document(&styled("H", "Title"));
        let bytes = package(&[
            ("_rels/.rels", rels),
            ("main/body.xml", &body),
            ("main/_rels/body.xml.rels", doc_rels),
            ("main/s.xml", &st),
        ]);
        let doc = parse("t.docx", &bytes).unwrap();
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
    }

    fn error(bytes: &[u8]) -> String {
        let e = parse_with_limits("t.docx", bytes, Limits { max_part_bytes: 64 << 10, ..LIMITS }).unwrap_err();
        assert!(!e.message.contains('\n'), "one line: {}", e.message);
        e.message
    }

    #[test]
    fn hostile_files_are_input_errors() {
        let good = package(&[("word/document.xml", &document(&p("MCP shall act.")))]);
        assert!(error(&good[..good.len() / 2]).contains("damaged or incomplete"));
        assert!(error(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("PNG image"));
        assert!(error(b"# Just Markdown\n").contains("plain text"));
        assert!(error(b"").contains("empty"));
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.extend(std::iter::repeat_n(0u8, 600));
        assert!(error(&cfb).contains("legacy Word .doc"));
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(error(&cfb).contains("password-protected"));
        assert!(error(&package(&[("xl/workbook.xml", "<x/>")])).contains("Excel workbook"));
        assert!(error(&package(&[("readme.txt", "hi")])).contains("without word/document.xml"));
        let bad = package(&[("word/document.xml", "<w:document xmlns:w=\"w\"><w:body><w:p></w:body></w:document>")]);
        assert!(error(&bad).contains("not well-formed XML"));
        let open = package(&[("word/document.xml", "<w:document xmlns:w=\"w\"><w:body><w:p>")]);
        assert!(error(&open).contains("ends before"));
        let deep = document(&format!("{}{}", "<w:sdt>".repeat(2_000), "</w:sdt>".repeat(2_000)));
        assert!(error(&package(&[("word/document.xml", &deep)])).contains("more than 512 deep"));
        let big = document(&p(&"x".repeat(100 << 10)));
        assert!(error(&package(&[("word/document.xml", &big)])).contains("zip bomb"));
        let not_word = package(&[("word/document.xml", "<html><body/></html>")]);
        assert!(error(&not_word).contains("not a Word document body"));
    }

    #[test]
    fn an_encrypted_zip_entry_is_reported_as_password_protected() {
        use zip::unstable::write::FileOptionsExt;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().with_deprecated_encryption(b"secret").unwrap();
        w.start_file("word/document.xml", options).unwrap();
        w.write_all(document(&p("x")).as_bytes()).unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert!(error(&bytes).contains("password-protected"));
    }

    #[test]
    fn two_parts_of_one_name_are_refused() {
        let doc = document(&p("x"));
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for name in ["word/document.xml", "Word/Document.xml"] {
            w.start_file(name, options).unwrap();
            w.write_all(doc.as_bytes()).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        assert!(error(&bytes).contains("two parts named"));
    }

    #[test]
    fn too_many_entries_are_refused() {
        let names: Vec<String> = (0..30).map(|i| format!("f{i}.xml")).collect();
        let parts: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "<x/>")).collect();
        let e = parse_with_limits("t.docx", &package(&parts), Limits { max_entries: 20, ..LIMITS }).unwrap_err();
        assert!(e.message.contains("30 parts"), "{}", e.message);
    }

    #[test]
    fn number_formats() {
        assert_eq!(letters(1), "A");
        assert_eq!(letters(27), "AA");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(resolve_target("word/document.xml", "../customXml/item.xml"), "customXml/item.xml");
        assert!(near_white("FFFFFF") && near_white("f5f5f5") && !near_white("auto") && !near_white("EEEEEE"));
    }
}
