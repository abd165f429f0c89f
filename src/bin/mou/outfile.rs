//! Output files named on the command line: the format their name asks for, read case-insensitively from the
//! extension (`D.DOCX` is Word), and a clear refusal for a format `mou` cannot write (`draft.pdf`, `r.doc`) rather
//! than Markdown under a name that promises something else.

use clap::ValueEnum;
use mou::sanitize::Inline;
use std::path::Path;

/// Extensions of document formats `mou` does not write, with what to do instead.
fn unwritable(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "pdf" => {
            "write .html and print it to PDF from a browser, or write .docx and convert it with LibreOffice \
             (soffice --headless --convert-to pdf FILE.docx)"
        }
        "doc" | "docm" | "dot" | "dotx" | "dotm" | "rtf" | "odt" | "ott" | "wpd" | "pages" => {
            "write .docx, which Word and LibreOffice open and can save in other formats"
        }
        "txt" | "text" => "write .md: Markdown is plain text",
        _ => return None,
    })
}

/// The format for `path`: the one its extension names (`known` maps extensions, lower case, to formats), checked
/// against `given` (`--format`), or `given`, or `default` when the file has no extension (or is standard output).
///
/// # Errors
/// The extension names a format `mou` cannot write, disagrees with `given`, or is unknown and `given` is absent.
pub fn format_for<F: ValueEnum + Copy + PartialEq>(
    path: Option<&Path>,
    given: Option<F>,
    known: &[(&str, F)],
    default: F,
) -> mou::Result<F> {
    let name = |f: F| f.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
    let writable: Vec<String> = known.iter().map(|(e, _)| format!(".{e}")).collect();
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else { return Ok(given.unwrap_or(default)) };
    let Some(ext) = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()) else {
        return Ok(given.unwrap_or(default));
    };
    let shown = path.to_string_lossy();
    if let Some(&(_, f)) = known.iter().find(|(e, _)| *e == ext) {
        return match given {
            Some(g) if g != f => Err(mou::InputError::new(format!(
                "-o {} names a .{} file, but --format asks for {}",
                Inline(&shown),
                Inline(&ext),
                name(g)
            ))
            .help("leave out --format (the extension decides), or give the file the format's extension")
            .into()),
            _ => Ok(f),
        };
    }
    if let Some(help) = unwritable(&ext) {
        return Err(mou::InputError::new(format!(
            "mou cannot write .{} files (-o {}); it writes {}",
            Inline(&ext),
            Inline(&shown),
            writable.join(", ")
        ))
        .help(help)
        .into());
    }
    given.ok_or_else(|| {
        mou::InputError::new(format!(
            "the extension of -o {} does not say which format to write; mou writes {}",
            Inline(&shown),
            writable.join(", ")
        ))
        .help("name the file with one of those extensions, or give --format")
        .into()
    })
}

/// Writes a document (`-o -`) to standard output exactly as it would go to a file: not through the stream that
/// strips escape sequences for a pipe, which would corrupt a Word file's bytes. A text document (Markdown, HTML)
/// is still guarded line by line, since standard output may be a CI log: a line that would start a workflow
/// command gets a backslash before its `::` (in Markdown, an escaped colon reads as a colon).
pub fn write_stdout(bytes: &[u8], text: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match std::str::from_utf8(bytes) {
        Ok(s) if text => out.write_all(mou::sanitize::guard(s).as_bytes())?,
        _ => out.write_all(bytes)?,
    }
    out.flush()
}
