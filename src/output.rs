//! Writing output files safely. `mou` runs in CI on files anyone can propose, as whatever user the job runs as, so
//! writing a file must never do more than the person who named it meant:
//!
//! - It writes only a regular file or a new path: never through or over a symbolic link, a device (as root,
//!   `-o /dev/null --force` would otherwise replace `/dev/null`), a FIFO, a socket or a folder, even with `--force`.
//! - It never replaces a file the run reads (the edited MOU, its party file, its official text, a house template,
//!   `mou.toml`), even with `--force`.
//! - It never replaces an existing file without `--force`, and that check is atomic: the file is linked into
//!   place with a call that fails if the name was taken meanwhile.
//! - The bytes are written to a file without a name (Linux `O_TMPFILE`) that is linked into place once complete,
//!   so a run killed mid-write (even by SIGKILL) leaves nothing behind, neither a half-written output nor a hidden
//!   temporary file. Where unnamed files are not available, a named temporary file in the same folder is used and
//!   removed on every error.

use crate::error::{InputError, Result};
use crate::sanitize::Inline;
use std::fs::{File, Metadata};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` atomically.
///
/// `inputs` are the files this run reads, and folders whose every file it may read (a folder of house templates):
/// replacing one of them is refused even with `force`.
///
/// # Errors
/// `path` is a symbolic link, a folder or a special file; it is one of `inputs` or lies in an input folder; it
/// exists and `force` is false; or it cannot be written.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool, inputs: &[&Path]) -> Result<()> {
    let existing = check_target(path, force, inputs)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |e: std::io::Error| crate::Error::io(path, e);
    // A new file is an ordinary readable file; a replaced one keeps its mode.
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        existing.as_ref().map_or(0o644, |m| m.permissions().mode() & 0o7777)
    };
    #[cfg(not(unix))]
    let _ = existing;
    let staged = Staged::create(&dir).map_err(io)?;
    {
        let mut file = staged.file();
        file.write_all(bytes).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode)).map_err(io)?;
        }
        file.sync_all().map_err(io)?;
    }
    staged.commit(path, force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            // Checked above, but another process created it since: never clobber without --force.
            already_exists(path)
        } else {
            io(e)
        }
    })
}

fn already_exists(path: &Path) -> crate::Error {
    InputError::new(format!("{} already exists", Inline(&path.to_string_lossy())))
        .help("pass --force to overwrite it, or choose another file with -o")
        .into()
}

/// Refuses a target that is not a regular file or a new path, that the run reads, or that exists without
/// `force`. Returns the metadata of the regular file it would replace.
fn check_target(path: &Path, force: bool, inputs: &[&Path]) -> Result<Option<Metadata>> {
    let shown = path.to_string_lossy();
    let refuse = |what: &str| -> crate::Error {
        InputError::new(format!("{} is {what}; mou writes only regular files", Inline(&shown)))
            .help("choose another output file with -o")
            .into()
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(crate::Error::io(path, e)),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(refuse("a symbolic link"));
    }
    if kind.is_dir() {
        return Err(refuse("a folder"));
    }
    if !kind.is_file() {
        return Err(refuse("a device, FIFO or socket, not a regular file"));
    }
    if let Some(input) = inputs.iter().find(|i| reads(i, path, &meta)) {
        let what = if input.is_dir() { "lies in the folder" } else { "is the input" };
        return Err(InputError::new(format!(
            "the output {} {what} {}, which this run reads",
            Inline(&shown),
            Inline(&input.to_string_lossy())
        ))
        .help("choose another output file with -o")
        .into());
    }
    if !force {
        return Err(already_exists(path));
    }
    Ok(Some(meta))
}

/// Whether the input `input` (a file, or a folder whose files the run may read) covers the existing regular file
/// `target`, whose metadata is `meta`.
fn reads(input: &Path, target: &Path, meta: &Metadata) -> bool {
    match std::fs::metadata(input) {
        Ok(m) if m.is_dir() => match (input.canonicalize(), target.canonicalize()) {
            (Ok(dir), Ok(file)) => file.starts_with(dir),
            _ => false,
        },
        Ok(m) => same_inode(&m, meta) || same_file(input, target),
        Err(_) => same_file(input, target),
    }
}

#[cfg(unix)]
fn same_inode(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &Metadata, _: &Metadata) -> bool {
    false
}

/// Output bytes on their way into place: an unnamed file where the system offers one, else a named temporary file
/// that is removed if it is never committed.
enum Staged {
    /// An `O_TMPFILE` file in the target's folder, and that folder.
    #[cfg(target_os = "linux")]
    Unnamed(File, PathBuf),
    /// A named temporary file in the target's folder.
    Named(tempfile::NamedTempFile),
}

impl Staged {
    fn create(dir: &Path) -> std::io::Result<Staged> {
        #[cfg(target_os = "linux")]
        if let Some(file) = unnamed_file(dir) {
            return Ok(Staged::Unnamed(file, dir.to_path_buf()));
        }
        tempfile::Builder::new().prefix(".mou-").suffix(".tmp").tempfile_in(dir).map(Staged::Named)
    }

    fn file(&self) -> &File {
        match self {
            #[cfg(target_os = "linux")]
            Staged::Unnamed(f, _) => f,
            Staged::Named(t) => t.as_file(),
        }
    }

    /// Puts the file at `path`: failing with `AlreadyExists` if the name is taken, unless `replace`.
    fn commit(self, path: &Path, replace: bool) -> std::io::Result<()> {
        match self {
            #[cfg(target_os = "linux")]
            Staged::Unnamed(file, dir) => {
                if !replace {
                    return link_unnamed(&file, path);
                }
                // A name cannot be replaced by linking; link the file under a fresh name beside it and rename
                // that over the target. Only these two calls see a named temporary file.
                for _ in 0..16 {
                    let tmp = dir.join(format!(".mou-{:016x}.tmp", random()));
                    match link_unnamed(&file, &tmp) {
                        Ok(()) => {
                            return std::fs::rename(&tmp, path).inspect_err(|_| {
                                let _ = std::fs::remove_file(&tmp);
                            })
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                        Err(e) => return Err(e),
                    }
                }
                Err(std::io::Error::other("no free temporary name"))
            }
            Staged::Named(tmp) => {
                let done = if replace { tmp.persist(path) } else { tmp.persist_noclobber(path) };
                // On failure the temporary file comes back in the error and is removed as it drops.
                done.map(drop).map_err(|e| e.error)
            }
        }
    }
}

/// An unnamed file in `dir` (`O_TMPFILE`), or `None` where the kernel or file system has none, or where it could
/// not be linked into place (it is linked through `/proc/self/fd`).
#[cfg(target_os = "linux")]
fn unnamed_file(dir: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    if !Path::new("/proc/self/fd").is_dir() {
        return None;
    }
    std::fs::OpenOptions::new().write(true).mode(0o600).custom_flags(libc::O_TMPFILE).open(dir).ok()
}

/// Gives the unnamed file `file` the name `path`; fails with `AlreadyExists` if the name is taken.
#[cfg(target_os = "linux")]
fn link_unnamed(file: &File, path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let from = std::ffi::CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
    let to = std::ffi::CString::new(path.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that live across the call.
    let r =
        unsafe { libc::linkat(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::AT_SYMLINK_FOLLOW) };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// A number for a temporary file's name that no other process is likely to pick at the same moment.
#[cfg(target_os = "linux")]
fn random() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.finish()
}

/// Whether two paths name the same file (when both exist), or the same path.
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// `target` as a path relative to the folder `from_dir`, when both can be resolved; otherwise `target` as given.
#[must_use]
pub fn relative_path(target: &Path, from_dir: &Path) -> PathBuf {
    let (Ok(t), Ok(f)) = (target.canonicalize(), from_dir.canonicalize()) else { return target.to_path_buf() };
    let tc: Vec<Component> = t.components().collect();
    let fc: Vec<Component> = f.components().collect();
    let common = tc.iter().zip(&fc).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return target.to_path_buf();
    }
    let mut rel = PathBuf::new();
    for _ in common..fc.len() {
        rel.push("..");
    }
    for c in &tc[common..] {
        rel.push(c.as_os_str());
    }
    rel
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn refuses_to_clobber_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("draft.md");
        write_atomic(&out, b"one", false, &[]).unwrap();
        let err = write_atomic(&out, b"two", false, &[]).unwrap_err();
        assert!(err.to_string().contains("already exists"));
        assert_eq!(std::fs::read(&out).unwrap(), b"one");
        write_atomic(&out, b"two", true, &[]).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let err = write_atomic(&out, b"three", true, &[&out]).unwrap_err();
        assert!(err.to_string().contains("is the input"));
        // No temporary files are left behind, and the output is an ordinary readable file.
        assert_eq!(names(dir.path()), ["draft.md"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn never_writes_through_links_special_files_or_inputs() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("party.toml"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("party.toml"), d.join("link.md")).unwrap();
        std::os::unix::fs::symlink(d.join("gone"), d.join("dangling.md")).unwrap();
        std::fs::create_dir(d.join("house")).unwrap();
        std::fs::write(d.join("house/catalog.toml"), "x").unwrap();
        std::fs::hard_link(d.join("party.toml"), d.join("hard.md")).unwrap();
        let fifo = std::ffi::CString::new(d.join("fifo.md").to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        // A socket stands for every special file (a device cannot be made without privileges, and a test must never
        // risk a real one such as /dev/null).
        let _socket = std::os::unix::net::UnixListener::bind(d.join("socket.md")).unwrap();
        let cases: [(&str, &str); 7] = [
            ("link.md", "a symbolic link"),
            ("dangling.md", "a symbolic link"),
            ("house", "a folder"),
            ("fifo.md", "a device, FIFO or socket"),
            ("socket.md", "a device, FIFO or socket"),
            ("house/catalog.toml", "lies in the folder"),
            ("hard.md", "is the input"),
        ];
        for (name, why) in cases {
            let err = write_atomic(&d.join(name), b"out", true, &[&d.join("party.toml"), &d.join("house")]);
            let err = err.expect_err(name).to_string();
            assert!(err.contains(why), "{name}: {err}");
        }
        assert_eq!(std::fs::read(d.join("party.toml")).unwrap(), b"x");
        assert_eq!(std::fs::read(d.join("house/catalog.toml")).unwrap(), b"x");
        assert!(std::fs::symlink_metadata(d.join("fifo.md")).unwrap().file_type().is_fifo());
        assert_eq!(names(d), ["dangling.md", "fifo.md", "hard.md", "house", "link.md", "party.toml", "socket.md"]);
        // A new file in an input folder is not an input.
        write_atomic(&d.join("house/new.md"), b"out", false, &[&d.join("house")]).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn bytes_being_written_have_no_name_until_they_are_complete() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::create(dir.path()).unwrap();
        assert!(matches!(staged, Staged::Unnamed(..)), "this file system offers O_TMPFILE");
        staged.file().write_all(b"half").unwrap();
        // Killed now, the run would leave nothing: the folder holds no entry for the file.
        assert!(names(dir.path()).is_empty());
        let out = dir.path().join("out.md");
        staged.commit(&out, false).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"half");
        // Replacing links under a fresh name and renames it over the target; nothing else stays.
        let staged = Staged::create(dir.path()).unwrap();
        staged.file().write_all(b"whole").unwrap();
        let taken = Staged::create(dir.path()).unwrap();
        assert_eq!(taken.commit(&out, false).unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
        staged.commit(&out, true).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"whole");
        assert_eq!(names(dir.path()), ["out.md"]);
    }

    #[test]
    fn relative_paths_climb_and_descend() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::create_dir_all(dir.path().join("c")).unwrap();
        std::fs::write(dir.path().join("c/p.toml"), "").unwrap();
        assert_eq!(relative_path(&dir.path().join("c/p.toml"), &dir.path().join("a/b")), Path::new("../../c/p.toml"));
        assert_eq!(relative_path(&dir.path().join("c/p.toml"), &dir.path().join("c")), Path::new("p.toml"));
    }
}
