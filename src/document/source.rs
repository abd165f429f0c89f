//! A document's source text: read into memory, or, for a long file, the file mapped read-only, which spares the
//! copy and the fresh memory a long MOU would otherwise cost.

use std::fmt;
use std::sync::Arc;

/// The source text of a document, read as `str`.
#[derive(Clone)]
pub struct Source(Repr);

#[derive(Clone)]
enum Repr {
    Text(String),
    /// A mapped file whose bytes were found to be UTF-8 when it was mapped.
    Mapped(Arc<memmap2::Mmap>),
}

/// Files of at least this size are mapped rather than read (below it, mapping saves less than it costs).
pub(crate) const MAP_AT: u64 = 64 * 1024;

/// The bytes of a file: read, or mapped.
pub(crate) enum Bytes {
    Read(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Bytes {
    /// Reads a file of at most `limit` bytes (see [`crate::files::open`] for `within`), mapping it when it is long.
    pub(crate) fn read(
        path: &std::path::Path,
        within: Option<&crate::paths::Root>,
        limit: u64,
    ) -> crate::Result<Bytes> {
        let opened = crate::files::open(path, within)?;
        if opened.len > limit {
            return Err(crate::files::too_large(path, limit).into());
        }
        if opened.len >= MAP_AT {
            // The file was checked, on its open handle, to be a regular file of at most `limit` bytes, and a mapping
            // never grows past the size it was made with: the map is bounded as a read would be.
            // SAFETY: the mapping is read-only. Its bytes can still change if another program rewrites the file in
            // place while `mou` runs (editors and git write a new file and rename it, which does not); `mou` then
            // reads what it finds, and stops with a bus error if the file is cut short.
            if let Ok(map) = unsafe { memmap2::Mmap::map(&opened.file) } {
                if map.len() as u64 <= limit {
                    return Ok(Bytes::Mapped(map));
                }
            }
        }
        crate::files::read_opened(&opened, path, limit).map(Bytes::Read)
    }

    /// The bytes as text, or the UTF-8 error and the bytes.
    pub(crate) fn into_source(self) -> Result<Source, (std::str::Utf8Error, Bytes)> {
        match self {
            Bytes::Read(v) => String::from_utf8(v)
                .map(|s| Source(Repr::Text(s)))
                .map_err(|e| (e.utf8_error(), Bytes::Read(e.into_bytes()))),
            Bytes::Mapped(m) => match std::str::from_utf8(&m) {
                Ok(_) => Ok(Source(Repr::Mapped(Arc::new(m)))),
                Err(e) => Err((e, Bytes::Mapped(m))),
            },
        }
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl std::ops::Deref for Source {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Text(s) => s,
            // SAFETY: the bytes were checked to be UTF-8 when the source was made (see `Bytes::of` on a file that
            // changes while it is read).
            Repr::Mapped(m) => unsafe { std::str::from_utf8_unchecked(m) },
        }
    }
}

impl From<String> for Source {
    fn from(s: String) -> Self {
        Source(Repr::Text(s))
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
