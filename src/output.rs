//! Writing output files safely: never over an input, never over an existing file unless asked, and always
//! through a temporary file that is renamed into place, so an interrupted run leaves no half-written file.

use crate::error::{InputError, Result};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` atomically.
///
/// `inputs` are the files this run reads: writing over one of them is refused even with `force`.
///
/// # Errors
/// `path` is an input, exists and `force` is false, or cannot be written.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool, inputs: &[&Path]) -> Result<()> {
    for input in inputs {
        if same_file(path, input) {
            return Err(InputError::new(format!("the output {} is the input {}", path.display(), input.display()))
                .help("choose another output file with -o")
                .into());
        }
    }
    if !force && path.exists() {
        return Err(InputError::new(format!("{} already exists", path.display()))
            .help("pass --force to overwrite it, or choose another file with -o")
            .into());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |e: std::io::Error| crate::Error::io(path, e);
    let mut tmp = tempfile::Builder::new().prefix(".mou-").suffix(".tmp").tempfile_in(&dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    // A temporary file is private to its owner; the output is an ordinary file, or keeps the mode of the file it
    // replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        // Checked above, but another process may have created it since: never clobber without --force.
        tmp.persist_noclobber(path).map_err(|e| io(e.error))?;
    }
    Ok(())
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
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
        }
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
