//! The Word package: a zip of parts, read within hard limits, written deterministically, and rewritten with some
//! parts replaced and every other entry copied as it is.
//!
//! **Reading.** The files `mou` reads come from other parties, and docx-rs's reader panics on hostile input and
//! does not bound decompression. [`Package`] caps the number of zip entries, the size each part decompresses to
//! (read through `take`, so a header that lies about sizes cannot exhaust memory) and the total decompressed size
//! (see [`Limits`]); it refuses two parts of one name, encrypted entries and password-protected (compound) files,
//! and names what a file is when it is not a zip package. Every failure is a one-line [`InputError`], never a
//! panic.
//!
//! **Writing.** The bytes of a package `mou` writes depend only on its content: entries are written in a fixed
//! order, every entry is dated 1980-01-01 (the zip epoch) with the same permissions, and no part holds a clock
//! time.
//!
//! **Rewriting.** [`Package::rewrite`] writes a new package from an opened one: the named parts get new bytes and
//! every other entry is copied as it is stored, compressed bytes included, so an official document filled in
//! place keeps everything `mou` did not touch byte for byte.

use super::limits::Limits;
use super::tag::Tag;
use super::xml::{attr, walk, Ev};
use crate::error::InputError;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write as _};
use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::ZipArchive;

/// The first bytes of a compound (OLE) file: a legacy `.doc`, or an encrypted Office package.
pub(super) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

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

/// A Word package opened for reading: its zip entries, found by name and read within [`Limits`].
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    names: HashMap<String, usize>,
    limits: Limits,
    total: u64,
}

impl<'a> Package<'a> {
    /// Opens a package's bytes: checks that they are a zip archive (and not a legacy `.doc`, a password-protected
    /// file or some other kind of file), that it holds no more entries than `limits` allow, and that no two of its
    /// parts share a name. Nothing is decompressed yet.
    ///
    /// # Errors
    /// The bytes are not a readable zip package, are a password-protected or legacy Word file, hold too many
    /// entries, or hold two parts of one name.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Self, InputError> {
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
            let key = part_key(&n);
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
        self.names.contains_key(&part_key(name))
    }

    /// The decompressed bytes of a part, or `None` when the package has no such part. `name` is a path in the
    /// package (`word/document.xml`), matched ignoring a leading slash and ASCII case, as Word does.
    ///
    /// # Errors
    /// The part is encrypted, would decompress to more than the limits allow (alone, or with the parts read
    /// before it), or cannot be decompressed.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, InputError> {
        let Some(&i) = self.names.get(&part_key(name)) else { return Ok(None) };
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

    /// The main document part (`word/document.xml` in most files), found through the package relationships.
    ///
    /// # Errors
    /// The package has no main document (it is a workbook, a presentation or some other zip archive), or its
    /// relationships cannot be read.
    pub fn main_part(&mut self) -> Result<String, InputError> {
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

    /// The relationships of a part that are inside the package: (type, target) pairs, each target resolved to a
    /// path in the package.
    ///
    /// # Errors
    /// The part's relationships part cannot be read.
    pub fn relationships(&mut self, part: &str) -> Result<Vec<(String, String)>, InputError> {
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

    /// A new package: this one with the parts in `parts`, each a name and its new (uncompressed) bytes, in place
    /// of the parts of the same name, and added after the others when the package has no such part. A caller that
    /// adds a part (such as `docProps/custom.xml`) also gives the new `[Content_Types].xml` and relationships
    /// that name it.
    ///
    /// Every other entry is copied as it is stored, without being decompressed or recompressed: its compressed
    /// bytes, name, date, checksum and extra fields. Entries keep their order; a replaced part keeps its place and
    /// its name. Names are matched as [`Package::read`] matches them, and of a name given twice the last bytes
    /// count. The new bytes are written as every package `mou` writes (deflated, dated 1980-01-01), so the same
    /// package and parts always give the same bytes.
    ///
    /// The input's limits hold here too: no entry may claim to decompress to more than a part may, nor all of them
    /// together to more than the total.
    ///
    /// # Errors
    /// An entry is encrypted, claims a size beyond the limits, or cannot be copied because the package is
    /// damaged.
    pub fn rewrite(&mut self, parts: &[(&str, &[u8])]) -> Result<Vec<u8>, InputError> {
        let new_bytes = |k: &str| parts.iter().rev().find(|(n, _)| part_key(n) == k).map(|(_, bytes)| *bytes);
        let unwritable = |e: &dyn std::fmt::Display| damaged(&format!("a part cannot be written again: {e}"));
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let mut written: HashSet<String> = HashSet::new();
        let mut total: u64 = 0;
        for i in 0..self.zip.len() {
            let entry = self.zip.by_index_raw(i).map_err(|e| zip_error(&e))?;
            if entry.encrypted() {
                return Err(encrypted());
            }
            let name = entry.name().ok().map(std::borrow::Cow::into_owned);
            let size = entry.size();
            if size > self.limits.max_part_bytes {
                return Err(bomb(name.as_deref().unwrap_or("a part"), self.limits.max_part_bytes));
            }
            total = total.saturating_add(size);
            if total > self.limits.max_total_bytes {
                return Err(bomb("the parts", self.limits.max_total_bytes));
            }
            let replaced = name.as_deref().and_then(|n| {
                let k = part_key(n);
                let bytes = new_bytes(&k);
                written.insert(k);
                bytes.map(|bytes| (n.to_string(), bytes))
            });
            match replaced {
                Some((name, bytes)) => {
                    out.start_file(name, entry_options()).map_err(|e| unwritable(&e))?;
                    out.write_all(bytes).map_err(|e| unwritable(&e))?;
                }
                None => out.raw_copy_file(entry).map_err(|e| zip_error(&e))?,
            }
        }
        for (name, _) in parts {
            let k = part_key(name);
            if let (Some(bytes), true) = (new_bytes(&k), written.insert(k.clone())) {
                out.start_file(name.trim_start_matches('/'), entry_options()).map_err(|e| unwritable(&e))?;
                out.write_all(bytes).map_err(|e| unwritable(&e))?;
            }
        }
        out.set_raw_comment(self.zip.comment().into()).map_err(|e| unwritable(&e))?;
        Ok(out.finish().map_err(|e| unwritable(&e))?.into_inner())
    }
}

/// How a part's name is looked up: without a leading slash, in ASCII lower case.
fn part_key(name: &str) -> String {
    name.trim_start_matches('/').to_ascii_lowercase()
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
pub(super) fn resolve_target(source_part: &str, target: &str) -> String {
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

/// The relationships a relationships part declares to parts inside the package: (type, target) pairs, the
/// targets as written.
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

/// How every entry `mou` writes is stored: deflated, dated 1980-01-01 (the zip epoch), with the same
/// permissions, so that the bytes depend only on the content.
fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644)
}

/// A new package of the given parts, in the given order.
pub(super) fn write_parts<T: AsRef<[u8]>>(parts: &[(&str, T)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        // Writing to memory cannot fail, and the names and sizes are ours.
        zip.start_file(*name, entry_options()).expect("a zip entry in memory");
        zip.write_all(bytes.as_ref()).expect("writing to memory");
    }
    zip.finish().expect("finishing a zip in memory").into_inner()
}

#[cfg(test)]
mod tests {
    use super::super::limits::LIMITS;
    use super::super::parse;
    use super::super::testing::{document, p, package};
    use super::*;
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    /// The message of the error that opening a package and reading its document gives.
    fn error(bytes: &[u8]) -> String {
        let limits = Limits { max_part_bytes: 64 << 10, ..LIMITS };
        let e = match Package::open(bytes, limits) {
            Ok(mut pkg) => pkg.read("word/document.xml").err(),
            Err(e) => Some(e),
        }
        .expect("an error");
        assert!(!e.message.contains('\n'), "one line: {}", e.message);
        e.message
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
        let mut pkg = Package::open(&bytes, LIMITS).unwrap();
        assert!(pkg.rewrite(&[]).unwrap_err().message.contains("password-protected"));
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
        let Err(e) = Package::open(&package(&parts), Limits { max_entries: 20, ..LIMITS }) else {
            panic!("30 entries opened with a limit of 20")
        };
        assert!(e.message.contains("30 parts"), "{}", e.message);
    }

    #[test]
    fn relationship_targets_resolve_against_their_part() {
        assert_eq!(resolve_target("word/document.xml", "../customXml/item.xml"), "customXml/item.xml");
    }

    /// A package as another program writes it: entries stored and deflated at several levels, with their own
    /// dates and permissions, a directory entry and an archive comment.
    fn official() -> Vec<u8> {
        let dated = zip::DateTime::from_date_and_time(2024, 3, 5, 14, 7, 22).unwrap();
        let text =
            |n: usize| (0..n).map(|i| format!("<w:p><w:r><w:t>Clause {i}.</w:t></w:r></w:p>")).collect::<String>();
        let image: Vec<u8> = (0..4096u32).map(|i| u8::try_from(i.wrapping_mul(2_654_435_761) >> 24).unwrap()).collect();
        let styles = format!("<w:styles {}>{}</w:styles>", super::super::testing::NS, text(50));
        let entries: Vec<(&str, Vec<u8>, SimpleFileOptions)> = vec![
            (
                "[Content_Types].xml",
                b"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_vec(),
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
            ),
            (
                "word/document.xml",
                document(&text(200)).into_bytes(),
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).compression_level(Some(1)),
            ),
            ("word/media/", Vec::new(), SimpleFileOptions::default()),
            (
                "word/media/image1.png",
                image,
                SimpleFileOptions::default().compression_method(CompressionMethod::Stored).last_modified_time(dated),
            ),
            (
                "word/styles.xml",
                styles.into_bytes(),
                SimpleFileOptions::default()
                    .compression_method(CompressionMethod::Deflated)
                    .compression_level(Some(9))
                    .last_modified_time(dated)
                    .unix_permissions(0o600),
            ),
        ];
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes, options) in entries {
            if name.ends_with('/') {
                w.add_directory(name, options).unwrap();
            } else {
                w.start_file(name, options).unwrap();
                w.write_all(&bytes).unwrap();
            }
        }
        w.set_comment("written elsewhere").unwrap();
        w.finish().unwrap().into_inner()
    }

    /// An entry as it is stored: name, compression method, date, checksum and compressed bytes.
    #[derive(PartialEq)]
    struct Stored {
        name: String,
        method: CompressionMethod,
        date: Option<zip::DateTime>,
        crc: u32,
        raw: Vec<u8>,
    }

    fn stored(bytes: &[u8]) -> Vec<Stored> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut e = zip.by_index_raw(i).unwrap();
                let mut raw = Vec::new();
                e.read_to_end(&mut raw).unwrap();
                let name = e.name().unwrap().into_owned();
                Stored { name, method: e.compression(), date: e.last_modified(), crc: e.crc32(), raw }
            })
            .collect()
    }

    #[test]
    fn a_rewrite_replaces_and_adds_parts_and_copies_every_other_entry_as_stored() {
        let input = official();
        let body = document(&p("MCP shall act."));
        let custom = "<Properties/>";
        let types = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
        let parts: [(&str, &[u8]); 3] = [
            ("Word/Document.xml", body.as_bytes()),
            ("docProps/custom.xml", custom.as_bytes()),
            ("/[Content_Types].xml", types.as_bytes()),
        ];
        let output = Package::open(&input, LIMITS).unwrap().rewrite(&parts).unwrap();

        let (before, after) = (stored(&input), stored(&output));
        let names: Vec<&str> = after.iter().map(|e| e.name.as_str()).collect();
        // The order is kept, a replaced part keeps its name, and a new part comes last.
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "word/document.xml",
                "word/media/",
                "word/media/image1.png",
                "word/styles.xml",
                "docProps/custom.xml"
            ]
        );
        let replaced = ["[Content_Types].xml", "word/document.xml"];
        let (mut old, mut new) = (Package::open(&input, LIMITS).unwrap(), Package::open(&output, LIMITS).unwrap());
        for (b, a) in before.iter().zip(&after) {
            if replaced.contains(&b.name.as_str()) {
                assert!(b.raw != a.raw, "{} was replaced", b.name);
                continue;
            }
            // The same stored bytes, method, date and checksum: copied, not recompressed.
            assert!(b == a, "{} was copied as stored", b.name);
            assert!(old.read(&b.name).unwrap() == new.read(&a.name).unwrap(), "{} reads the same", b.name);
        }
        assert_eq!(new.read("word/document.xml").unwrap().as_deref(), Some(body.as_bytes()));
        // A part is found whatever the case of its name, with or without a leading slash, as Word finds it.
        assert_eq!(new.read("/Word/Document.XML").unwrap().as_deref(), Some(body.as_bytes()));
        assert_eq!(new.read("[Content_Types].xml").unwrap().as_deref(), Some(types.as_bytes()));
        assert_eq!(new.read("docProps/custom.xml").unwrap().as_deref(), Some(custom.as_bytes()));
        let comment = ZipArchive::new(Cursor::new(output.as_slice())).unwrap().comment().to_vec();
        assert_eq!(comment, b"written elsewhere");
        let doc = parse("filled.docx", &output).unwrap();
        assert_eq!(doc.blocks.iter().map(|b| &*b.text).collect::<Vec<_>>(), ["MCP shall act."]);

        // The same package and parts give the same bytes.
        let again = Package::open(&input, LIMITS).unwrap().rewrite(&parts).unwrap();
        assert_eq!(output, again);
        // With nothing to replace, every entry is copied as stored.
        let copy = Package::open(&input, LIMITS).unwrap().rewrite(&[]).unwrap();
        assert!(stored(&copy) == before, "a copy is stored as the original");
    }

    #[test]
    fn a_rewrite_holds_the_input_to_the_limits() {
        let big = document(&p(&"x".repeat(100 << 10)));
        let bytes = package(&[("word/document.xml", &big)]);
        let limits = Limits { max_part_bytes: 64 << 10, ..LIMITS };
        let e = Package::open(&bytes, limits).unwrap().rewrite(&[]).unwrap_err();
        assert!(e.message.contains("word/document.xml would decompress to more than 64 KiB"), "{}", e.message);
        let limits = Limits { max_total_bytes: 64 << 10, ..LIMITS };
        let e = Package::open(&bytes, limits).unwrap().rewrite(&[]).unwrap_err();
        assert!(e.message.contains("zip bomb"), "{}", e.message);
        // Replacing the large part does not make its claim acceptable: the input is checked as it is.
        let e = Package::open(&bytes, Limits { max_part_bytes: 64 << 10, ..LIMITS })
            .unwrap()
            .rewrite(&[("word/document.xml", b"<w:document/>")])
            .unwrap_err();
        assert!(e.message.contains("zip bomb"), "{}", e.message);
    }
}
