//! Which paths `mou` may read. `mou check` runs in CI on pull requests, so the files it reads can come from anyone
//! who opens one, and a path written inside such a file must not reach the rest of the machine.
//!
//! There are two kinds of path:
//!
//! - **Named** paths, typed on the command line (`mou check draft.md`, `--party`, `--against`, `--templates`,
//!   `--waivers`). The user asked for them explicitly, so they are read wherever they are.
//! - **Referred** paths, written inside a file: `document`, `party`, `against`, `templates_dir`, `waivers` and
//!   `baseline_file` in `mou.toml`, files a `[[glob]]` matches, a draft's front matter `party_file`, a party
//!   file's `templates_dir`, and the templates a house template loads. A referred path must stay inside a
//!   [`Root`]: it is relative (never absolute), its `..` never climbs above the root, and once symbolic links are
//!   resolved (the path is canonicalised, then its prefix checked) it is still inside the root.
//!
//! The root is the workspace (the folder of `mou.toml`) when there is one. Otherwise it is the top of the git work
//! tree holding the file named on the command line; outside git, the house templates folder holding that file, else
//! its folder ([`Root::enclosing`]).
//! The templates a house template folder loads are confined to that folder. Only regular files are read, through
//! [`crate::files`].

use crate::error::{InputError, Result};
use std::path::{Component, Path, PathBuf};

/// A folder that referred paths must stay inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The folder, canonical.
    dir: PathBuf,
    /// How messages name it: "the workspace (the folder of mou.toml)".
    name: String,
    /// The real paths of the folders checked files stand in, looked up once per run.
    folders: Folders,
}

/// Folders' real paths by the paths they were reached by, shared by every copy of a [`Root`] and every thread: a
/// repository of thousands of MOUs in a few folders resolves each folder once, not once per file. Two roots are
/// equal whatever they have looked up.
#[derive(Debug, Clone, Default)]
struct Folders(std::sync::Arc<std::sync::Mutex<rustc_hash::FxHashMap<PathBuf, PathBuf>>>);

impl PartialEq for Folders {
    fn eq(&self, _: &Folders) -> bool {
        true
    }
}

impl Eq for Folders {}

impl Folders {
    /// The real path of `path`: its folder's real path, looked up once, with its name, when the name is no symbolic
    /// link; otherwise the path resolved whole.
    fn canonical(&self, path: &Path) -> std::io::Result<PathBuf> {
        let (Some(folder), Some(name)) = (path.parent().filter(|f| !f.as_os_str().is_empty()), path.file_name()) else {
            return path.canonicalize();
        };
        if !std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            let known = self.0.lock().ok().and_then(|m| m.get(folder).cloned());
            let real = match known {
                Some(real) => real,
                None => {
                    let real = folder.canonicalize()?;
                    if let Ok(mut m) = self.0.lock() {
                        m.insert(folder.to_path_buf(), real.clone());
                    }
                    real
                }
            };
            return Ok(real.join(name));
        }
        path.canonicalize()
    }
}

impl Root {
    /// A root at the folder `dir`, named `name` in messages ("the templates folder house").
    ///
    /// # Errors
    /// The folder cannot be resolved.
    pub fn new(dir: &Path, name: impl Into<String>) -> Result<Root> {
        let shown = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        let canonical = shown.canonicalize().map_err(|e| crate::Error::io(shown, e))?;
        Ok(Root { dir: canonical, name: name.into(), folders: Folders::default() })
    }

    /// The root of a workspace whose `mou.toml` is in `dir`.
    ///
    /// # Errors
    /// The folder cannot be resolved.
    pub fn workspace(dir: &Path) -> Result<Root> {
        Root::new(dir, WORKSPACE)
    }

    /// The root for the paths a file named on the command line refers to: the folder of the nearest `mou.toml`
    /// at or above the file's folder, else the top of the git work tree holding it (a folder with a `.git` entry).
    /// The search stops at the git work tree: a `mou.toml` above it does not widen the root. Outside both, it is
    /// the nearest house templates folder holding the file (a folder whose `catalog.toml` is a valid catalog, as
    /// `mou import` writes one, with a party file in each template's folder naming the house folder as `..`), else
    /// the file's own folder.
    ///
    /// # Errors
    /// The file cannot be resolved.
    pub fn enclosing(file: &Path) -> Result<Root> {
        // The folder the file is named in, not where a symbolic link to it points: the references it holds are
        // relative to that folder.
        let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let dir = folder.canonicalize().map_err(|e| crate::Error::io(file, e))?;
        let mut house = None;
        for d in dir.ancestors() {
            if d.join(crate::workspace::MANIFEST).is_file() {
                return Ok(Root { dir: d.to_path_buf(), name: WORKSPACE.into(), folders: Folders::default() });
            }
            if d.join(".git").exists() {
                return Ok(Root {
                    dir: d.to_path_buf(),
                    name: "the git work tree".into(),
                    folders: Folders::default(),
                });
            }
            if house.is_none() && is_house_folder(d) {
                house = Some(d.to_path_buf());
            }
        }
        if let Some(d) = house {
            let name = format!("the house templates folder {}", d.display());
            return Ok(Root { dir: d, name, folders: Folders::default() });
        }
        Ok(Root { dir, name: format!("the folder of {}", file.display()), folders: Folders::default() })
    }

    /// The folder, canonical.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How messages name the root.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Checks that an existing path resolves inside the root, symbolic links followed, and returns it canonical.
    ///
    /// # Errors
    /// The path does not exist, or resolves outside the root; the error names `path` as given.
    pub fn check(&self, path: &Path) -> Result<PathBuf> {
        let shown = if path.as_os_str().is_empty() { Path::new(".") } else { path };
        let canonical = self.folders.canonical(shown).map_err(|e| crate::Error::io(path, e))?;
        if canonical.starts_with(&self.dir) {
            return Ok(canonical);
        }
        Err(InputError::new(format!("this path leads outside {} through a symbolic link", self.name))
            .in_file(path)
            .help(format!(
                "a path written in a file (mou.toml, a party file, a draft's front matter, a template) must stay \
                 inside {}; a symbolic link is followed only when it stays inside too",
                self.name
            ))
            .into())
    }

    /// Resolves a path written inside a file: `reference`, relative to the folder `from` (where the file that
    /// wrote it is), must stay inside the root. The result is `from` joined with the reference, `..` folded where
    /// it can be; when it exists, it is also [checked](Root::check) once symbolic links are resolved.
    ///
    /// # Errors
    /// The reference is absolute, climbs out of the root with `..`, or leads outside it through a symbolic link.
    /// The message names the reference as written and says what is allowed; the caller adds the file and the
    /// position.
    pub fn resolve(&self, from: &Path, reference: &str) -> Result<PathBuf, InputError> {
        let rel = relative_parts(reference).map_err(|_| self.absolute(reference))?;
        let start = if from.as_os_str().is_empty() { Path::new(".") } else { from };
        let Ok(mut at) = start.canonicalize() else {
            return Err(InputError::new(format!("cannot resolve `{reference}`: its folder is missing")));
        };
        if !at.starts_with(&self.dir) {
            return Err(InputError::new(format!("`{reference}` is written in a file outside {}", self.name))
                .help(self.allowed()));
        }
        for part in &rel {
            if *part == ".." {
                if at == self.dir {
                    return Err(self.climbs(reference));
                }
                at.pop();
            } else {
                at.push(part);
            }
        }
        if let Ok(real) = at.canonicalize() {
            if !real.starts_with(&self.dir) {
                return Err(InputError::new(format!(
                    "`{reference}` leads outside {} through a symbolic link",
                    self.name
                ))
                .help(self.allowed()));
            }
        }
        Ok(join_clean(from, &rel))
    }

    fn absolute(&self, reference: &str) -> InputError {
        InputError::new(format!("`{reference}` is an absolute path")).help(self.allowed())
    }

    fn climbs(&self, reference: &str) -> InputError {
        InputError::new(format!("`{reference}` climbs out of {} with `..`", self.name)).help(self.allowed())
    }

    fn allowed(&self) -> String {
        format!(
            "a path written in a file is relative to that file's folder and must stay inside {}; to read a file \
             elsewhere, name it on the command line",
            self.name
        )
    }
}

/// How messages name a workspace root.
const WORKSPACE: &str = "the workspace (the folder of mou.toml)";

/// Whether `dir` is a folder of house templates: its `catalog.toml` is a regular file that reads as a catalog.
fn is_house_folder(dir: &Path) -> bool {
    let path = dir.join("catalog.toml");
    let Ok(root) = Root::new(dir, "the house templates folder") else { return false };
    crate::files::read_text(&path, Some(&root), crate::files::MAX_SETTINGS_BYTES, "the house catalog")
        .is_ok_and(|text| crate::catalog::Catalog::parse(&text, &path).is_ok())
}

/// A path written inside a file, relative to the workspace root, cleaned up: `/`-separated (a `\` counts as `/`),
/// no `.` or empty components, `..` folded.
///
/// # Errors
/// The path is absolute, or a `..` climbs above its start; the message names the path and says what is allowed.
pub fn relative(path: &str) -> std::result::Result<String, String> {
    let parts = relative_parts(path).map_err(|()| {
        format!("`{path}` is an absolute path; write it relative to the folder of mou.toml, inside that folder")
    })?;
    let mut out: Vec<&str> = Vec::new();
    for part in parts {
        if part == ".." {
            if out.pop().is_none() {
                return Err(format!(
                    "`{path}` climbs out of the workspace (the folder of mou.toml) with `..`; paths in it must stay \
                     inside that folder"
                ));
            }
        } else {
            out.push(part);
        }
    }
    Ok(out.join("/"))
}

/// The components of a relative path: `/` and `\` separate them, `.` and empty ones are dropped, `..` kept.
fn relative_parts(path: &str) -> std::result::Result<Vec<&str>, ()> {
    let absolute = path.starts_with(['/', '\\'])
        || Path::new(path).is_absolute()
        || Path::new(path).components().next().is_some_and(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        || (path.len() >= 2 && path.as_bytes()[1] == b':' && path.as_bytes()[0].is_ascii_alphabetic());
    if absolute {
        return Err(());
    }
    Ok(path.split(['/', '\\']).filter(|c| !c.is_empty() && *c != ".").collect())
}

/// `from` joined with relative components, each `..` taking off a plain component of the result where there is
/// one.
fn join_clean(from: &Path, parts: &[&str]) -> PathBuf {
    let mut out = from.to_path_buf();
    for part in parts {
        let last_is_plain = matches!(out.components().next_back(), Some(Component::Normal(_)));
        if *part == ".." && last_is_plain {
            out.pop();
        } else {
            out.push(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> (tempfile::TempDir, Root) {
        let dir = tempfile::tempdir().unwrap();
        for f in ["drafts/a.md", "parties/p.toml", "outside/secret.txt"] {
            let p = dir.path().join("ws").join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        let root = Root::workspace(&dir.path().join("ws")).unwrap();
        (dir, root)
    }

    #[test]
    fn relative_paths_are_cleaned_and_may_not_leave_their_start() {
        assert_eq!(relative("./a//b/../c.md").unwrap(), "a/c.md");
        assert_eq!(relative("a\\b.md").unwrap(), "a/b.md");
        assert!(relative("../official/x.md").unwrap_err().contains("climbs out of the workspace"));
        assert!(relative("a/../../x.md").unwrap_err().contains("climbs out"));
        assert!(relative("/etc/passwd").unwrap_err().contains("`/etc/passwd` is an absolute path"));
        assert!(relative("\\\\server\\share").is_err());
        assert!(relative("C:/x.md").is_err());
    }

    #[test]
    fn references_resolve_inside_the_root_only() {
        let (dir, root) = tree();
        let drafts = dir.path().join("ws/drafts");
        assert_eq!(root.resolve(&drafts, "../parties/p.toml").unwrap(), dir.path().join("ws/parties/p.toml"));
        let e = root.resolve(&drafts, "../../secret.txt").unwrap_err();
        assert!(e.message.contains("`../../secret.txt` climbs out of the workspace"), "{e}");
        assert!(e.help.unwrap().contains("must stay inside the workspace"));
        let e = root.resolve(&drafts, "/etc/passwd").unwrap_err();
        assert!(e.message.contains("`/etc/passwd` is an absolute path"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_only_while_they_stay_inside() {
        let (dir, root) = tree();
        let ws = dir.path().join("ws");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), ws.join("drafts/out.md")).unwrap();
        std::os::unix::fs::symlink("../parties/p.toml", ws.join("drafts/in.toml")).unwrap();
        std::os::unix::fs::symlink(dir.path(), ws.join("up")).unwrap();
        // A plain file first, so that its folder's real path is known when the link beside it is checked.
        std::fs::write(ws.join("drafts/plain.md"), "x").unwrap();
        assert_eq!(root.check(&ws.join("drafts/plain.md")).unwrap(), root.dir.join("drafts/plain.md"));
        let e = root.check(&ws.join("drafts/out.md")).unwrap_err().to_string();
        assert!(e.contains("drafts/out.md: this path leads outside the workspace"), "{e}");
        assert_eq!(root.check(&ws.join("drafts/in.toml")).unwrap(), root.dir.join("parties/p.toml"));
        let e = root.resolve(&ws.join("drafts"), "out.md").unwrap_err();
        assert!(e.message.contains("`out.md` leads outside the workspace"), "{e}");
        assert!(root.resolve(&ws, "up/secret.txt").is_err());
        assert!(root.check(&ws.join("up/secret.txt")).is_err());
    }

    #[test]
    fn the_enclosing_root_is_the_workspace_then_the_git_work_tree_then_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        let file = top.join("repo/sub/x.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "").unwrap();
        // A mou.toml above the git work tree does not count.
        std::fs::write(top.join(crate::workspace::MANIFEST), "").unwrap();
        std::fs::create_dir(top.join("repo/.git")).unwrap();
        assert_eq!(Root::enclosing(&file).unwrap().dir, top.join("repo"));
        std::fs::write(top.join("repo/sub").join(crate::workspace::MANIFEST), "").unwrap();
        assert_eq!(Root::enclosing(&file).unwrap().dir, top.join("repo/sub"));
        std::fs::remove_file(top.join("repo/sub").join(crate::workspace::MANIFEST)).unwrap();
        std::fs::remove_dir(top.join("repo/.git")).unwrap();
        std::fs::remove_file(top.join(crate::workspace::MANIFEST)).unwrap();
        // The temporary folder may itself be inside a git work tree or a workspace: only check what is known.
        let r = Root::enclosing(&file).unwrap();
        assert!(top.join("repo/sub").starts_with(&r.dir));
        // Outside git, a house templates folder holding the file is its root, when its catalog reads as one.
        if r.dir == top.join("repo/sub") {
            std::fs::write(top.join("repo/catalog.toml"), "not a catalog [").unwrap();
            assert_eq!(Root::enclosing(&file).unwrap().dir, top.join("repo/sub"));
            std::fs::write(top.join("repo/catalog.toml"), "template = []\n").unwrap();
            assert_eq!(Root::enclosing(&file).unwrap().dir, top.join("repo"));
        }
    }
}
