//! Opening and reading input files. Every file `mou` reads (documents, party files, `mou.toml`, waivers, the
//! baseline of known findings, catalogs and templates) goes through this module, because in CI a pull request
//! chooses those files: a path can name `/dev/zero`, a FIFO or a file of gigabytes, and none of them may hang the
//! run or exhaust memory.
//!
//! - A file is opened without blocking (on Unix `O_NONBLOCK`, so opening a FIFO returns at once) and without
//!   becoming a controlling terminal (`O_NOCTTY`).
//! - It must be a regular file, checked on the open handle (what was checked is what is read), after a first
//!   look at the path so that a device is not even opened.
//! - It is read through a bounded reader (`Read::take(limit + 1)`): the size the file system reports only refuses
//!   an obviously oversized file early and sizes the buffer; it never decides how much is read.
//! - A path that came from inside another file is first confined to a [`Root`] (see [`crate::paths`]).
//!
//! A file over its limit is an input error that names the file and the limit.

use crate::error::{InputError, Result};
use crate::paths::Root;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest document (`.md` or `.docx`) `mou` reads: far above any real MOU (a 150,000-word MOU is about 1 MiB
/// of Markdown), and the largest baseline of known findings.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// The largest settings file `mou` reads: `mou.toml`, a waivers file, a party file, a house catalog or one house
/// template. A `mou.toml` listing 16,000 MOUs is about 1 MiB.
pub const MAX_SETTINGS_BYTES: u64 = 8 * 1024 * 1024;

/// An input file, open for reading: a regular file, checked on the handle.
#[derive(Debug)]
pub struct Opened {
    /// The open file.
    pub file: File,
    /// Its size when it was opened: a hint for buffers and for refusing a file over its limit early, never a
    /// bound on what is read.
    pub len: u64,
}

/// Opens a file for reading: confined to `within` when the path came from inside another file (`None` for a path
/// the user named), opened without blocking, and checked on the open handle to be a regular file.
///
/// # Errors
/// The path leaves `within`, cannot be opened, or is not a regular file (a folder, a FIFO, a device, a socket).
pub fn open(path: &Path, within: Option<&Root>) -> Result<Opened> {
    let real = match within {
        Some(root) => root.check(path)?,
        None => path.to_path_buf(),
    };
    // A first look at the path, so that a device is refused without being opened at all (opening some devices has
    // effects of its own); the check on the handle below is the one that counts.
    if let Ok(meta) = std::fs::metadata(&real) {
        if !meta.is_file() {
            return Err(not_regular(path, &meta).into());
        }
    }
    let file = open_nonblocking(&real).map_err(|e| crate::Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| crate::Error::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta).into());
    }
    Ok(Opened { file, len: meta.len() })
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// The error for a path that is not a regular file, naming what it is.
fn not_regular(path: &Path, meta: &std::fs::Metadata) -> InputError {
    let kind = file_kind(meta);
    InputError::new(format!("this is {kind}, not a regular file"))
        .in_file(path)
        .help("mou reads only regular files, so that a pipe or a device cannot stall or flood a run")
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// The error for a file over its limit.
#[must_use]
pub fn too_large(path: &Path, limit: u64) -> InputError {
    InputError::new(format!("the file is too large: mou reads files of up to {}", size(limit)))
        .in_file(path)
        .help("check that this is the file you meant; larger files are refused so that no input can exhaust memory")
}

/// A limit as messages write it: "32 MiB", "512 KiB".
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes % 1024 == 0 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads an opened file to its end, at most `limit` bytes.
///
/// # Errors
/// The file is over the limit (by its reported size, or by what reading finds), or reading fails.
pub fn read_opened(opened: &Opened, path: &Path, limit: u64) -> Result<Vec<u8>> {
    if opened.len > limit {
        return Err(too_large(path, limit).into());
    }
    // The reported size only sizes the buffer; `take` bounds what is read, however long the file turns out to be.
    let mut buf = Vec::with_capacity(usize::try_from(opened.len).unwrap_or(0).saturating_add(1));
    (&opened.file).take(limit.saturating_add(1)).read_to_end(&mut buf).map_err(|e| crate::Error::io(path, e))?;
    if buf.len() as u64 > limit {
        return Err(too_large(path, limit).into());
    }
    Ok(buf)
}

/// Reads a whole file of at most `limit` bytes; see [`open`] for `within`.
///
/// # Errors
/// As [`open`] and [`read_opened`].
pub fn read(path: &Path, within: Option<&Root>, limit: u64) -> Result<Vec<u8>> {
    read_opened(&open(path, within)?, path, limit)
}

/// Reads a UTF-8 text file of at most `limit` bytes; `what` names it in the message when it is not UTF-8 ("the
/// party file"). See [`open`] for `within`.
///
/// # Errors
/// As [`read`], or the file is not UTF-8 (the position of the first bad byte is given).
pub fn read_text(path: &Path, within: Option<&Root>, limit: u64, what: &str) -> Result<String> {
    let bytes = read(path, within, limit)?;
    String::from_utf8(bytes)
        .map_err(|e| crate::error::not_utf8(what, e.as_bytes(), e.utf8_error()).in_file(path).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn a_file_that_is_not_utf8_is_named_with_the_line_and_column_of_the_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("party.toml");
        std::fs::write(&path, b"county = \"Yolo\"\nname = \"A\xffB\"\n").unwrap();
        let Err(Error::Input(e)) = read_text(&path, None, MAX_SETTINGS_BYTES, "the party file") else {
            panic!("expected an input error")
        };
        assert_eq!(e.message, "the party file is not valid UTF-8 text");
        assert_eq!(e.position.map(|p| (p.line, p.column)), Some((2, 10)));
        assert!(read_text(&dir.path().join("missing.toml"), None, MAX_SETTINGS_BYTES, "x").is_err());
    }

    #[test]
    fn a_file_over_its_limit_is_refused_naming_the_file_and_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.toml");
        std::fs::write(&path, vec![b'#'; 2049]).unwrap();
        let e = read(&path, None, 2048).unwrap_err().to_string();
        assert!(e.contains("w.toml") && e.contains("mou reads files of up to 2 KiB"), "{e}");
        assert_eq!(read(&path, None, 2049).unwrap().len(), 2049);
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_blocking_or_reading() {
        // /dev/zero never ends: read, it would fill memory.
        let e = read(Path::new("/dev/zero"), None, MAX_INPUT_BYTES).unwrap_err().to_string();
        assert!(e.contains("/dev/zero: this is a character device, not a regular file"), "{e}");
        // A FIFO with no writer: a blocking open would wait forever.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: `mkfifo` reads a NUL-terminated path that lives across the call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read(&fifo, None, MAX_INPUT_BYTES).unwrap_err().to_string();
        assert!(e.contains("a named pipe (FIFO), not a regular file"), "{e}");
        // Opening itself returns at once, even when the first look at the path is skipped (a FIFO put in place
        // between the look and the open).
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || tx.send(open_nonblocking(&path).map(|f| f.metadata().unwrap().is_file())));
        let opened = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("opening a FIFO blocked");
        assert!(!opened.unwrap());
        let e = read(dir.path(), None, MAX_INPUT_BYTES).unwrap_err().to_string();
        assert!(e.contains("a folder, not a regular file"), "{e}");
    }
}
