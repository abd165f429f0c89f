//! Glob patterns for `[[glob]]` entries of `mou.toml`, and the walk that finds the files they match.
//!
//! Patterns are matched against paths relative to the workspace root, written with `/`:
//!
//! - `*` matches any run of characters within one path component, `?` one character;
//! - `**` as a whole component matches any number of components, none included (`drafts/**/*.md` matches
//!   `drafts/a.md` and `drafts/x/y/a.md`);
//! - `[abc]`, `[a-z]` and `[!abc]` match one character of (or not of) a set;
//! - `{a,b}` matches either alternative, and alternatives may nest.
//!
//! A pull request writes these patterns, so matching must take linear time whatever the pattern (a hand-written
//! backtracking matcher took exponential time on `**/` repeated 200 times): `globset` compiles each pattern to
//! a regular expression. The walk is `ignore`'s, once over the workspace for every pattern together: it skips
//! hidden files and folders (a name starting with `.`, such as `.git`), respects the `.gitignore` files inside
//! the workspace, does not follow symbolic links to folders, and lists a symbolic link to a file, which the
//! confined reader then refuses if it leads outside the workspace (see [`crate::paths`]).

use crate::error::InputError;
use crate::files::MAX_SETTINGS_BYTES;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A compiled glob pattern.
#[derive(Debug, Clone)]
pub struct Glob {
    /// The pattern as written.
    pub pattern: String,
    glob: globset::Glob,
    matcher: globset::GlobMatcher,
    /// The folder every match lies under: the pattern's leading components without a wildcard ("" for any).
    base: String,
}

impl PartialEq for Glob {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

impl Eq for Glob {}

impl Glob {
    /// Compiles a pattern.
    ///
    /// # Errors
    /// An unclosed `[` or `{`, an absolute pattern, or a `..` component; the message says which.
    pub fn new(pattern: &str) -> Result<Glob, String> {
        if pattern.trim().is_empty() {
            return Err("the pattern is empty".into());
        }
        if pattern.starts_with('/') || pattern.contains('\\') {
            return Err(format!("`{pattern}` must be relative to mou.toml and use `/` between folders"));
        }
        let parts: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
        if parts.contains(&"..") {
            return Err(format!(
                "`{pattern}` climbs out of the workspace with `..`; globs match files under mou.toml's folder"
            ));
        }
        let clean = parts.join("/");
        let glob = globset::GlobBuilder::new(&clean)
            .literal_separator(true)
            .backslash_escape(false)
            .build()
            .map_err(|e| format!("`{pattern}`: {}", reason(e.kind())))?;
        let literal = parts.len().saturating_sub(1);
        let base = parts.iter().take(literal).take_while(|c| !c.contains(['*', '?', '[', '{'])).copied();
        Ok(Glob {
            pattern: pattern.to_string(),
            matcher: glob.compile_matcher(),
            glob,
            base: base.collect::<Vec<_>>().join("/"),
        })
    }

    /// Whether a `/`-separated relative path matches.
    #[must_use]
    pub fn is_match(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

/// Why `globset` refused a pattern, as `mou.toml`'s help words it.
fn reason(kind: &globset::ErrorKind) -> String {
    match kind {
        globset::ErrorKind::UnclosedClass => "a `[` has no closing `]`".into(),
        globset::ErrorKind::UnclosedAlternates => "a `{` has no closing `}`".into(),
        globset::ErrorKind::UnopenedAlternates => "a `}` has no opening `{`".into(),
        globset::ErrorKind::InvalidRange(a, b) => format!("the character range `{a}-{b}` runs backwards"),
        other => other.to_string(),
    }
}

/// Several patterns, any of which may match: one table's `exclude` list.
#[derive(Debug, Clone)]
pub(crate) struct AnyOf(globset::GlobSet);

impl AnyOf {
    /// The set of `globs`.
    pub(crate) fn new(globs: &[Glob]) -> Result<AnyOf, String> {
        set(globs).map(AnyOf)
    }

    /// Whether any pattern matches a `/`-separated relative path.
    pub(crate) fn is_match(&self, path: &str) -> bool {
        self.0.is_match(path)
    }
}

fn set(globs: &[Glob]) -> Result<globset::GlobSet, String> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        b.add(g.glob.clone());
    }
    b.build().map_err(|e| reason(e.kind()))
}

/// Walks `root` once and returns, for each glob, the files it matches: sorted `/`-separated paths relative to
/// `root`. Folders no pattern can match under are not entered. Unreadable folders are skipped: a glob lists what
/// it can see.
///
/// # Errors
/// A folder's `.gitignore` is not a regular file of at most [`MAX_SETTINGS_BYTES`] (the walk reads it to know
/// which files to skip, and will not read a device, a FIFO or a link), or the patterns cannot be combined.
pub fn walk(root: &Path, globs: &[Glob]) -> Result<Vec<Vec<String>>, InputError> {
    let set = set(globs).map_err(InputError::new)?;
    let mut found: Vec<Vec<String>> = vec![Vec::new(); globs.len()];
    if globs.is_empty() {
        return Ok(found);
    }
    let dir = if root.as_os_str().is_empty() { Path::new(".") } else { root };
    let scope = Scope::new(globs);
    check_ignore_file(dir, "")?;
    let problems: Arc<Mutex<Vec<InputError>>> = Arc::default();
    let seen = Arc::clone(&problems);
    let top = dir.to_path_buf();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .parents(false)
        .ignore(false)
        .git_global(false)
        .git_exclude(false)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .filter_entry(move |entry| {
            if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let Some(rel) = relative(&top, entry.path()) else { return false };
            if !scope.enters(&rel) {
                return false;
            }
            // The walker reads the folder's .gitignore as soon as it enters it, so look at it first.
            match check_ignore_file(entry.path(), &rel) {
                Ok(()) => true,
                Err(e) => {
                    if let Ok(mut v) = seen.lock() {
                        v.push(e);
                    }
                    false
                }
            }
        })
        .build();
    for entry in walker.flatten() {
        let Some(kind) = entry.file_type() else { continue };
        // A symbolic link to a folder is not followed; one to a file is listed (and confined when read).
        if kind.is_dir() || (kind.is_symlink() && entry.path().is_dir()) || !(kind.is_file() || kind.is_symlink()) {
            continue;
        }
        let Some(rel) = relative(dir, entry.path()) else { continue };
        for i in set.matches(&rel) {
            found[i].push(rel.clone());
        }
    }
    if let Some(e) = problems.lock().ok().and_then(|mut v| v.drain(..).next()) {
        return Err(e);
    }
    for list in &mut found {
        list.sort();
        list.dedup();
    }
    Ok(found)
}

/// A path under `root` as a `/`-separated relative path, if its names are UTF-8.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rest = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rest.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Refuses a folder's `.gitignore` that is not a regular file within the settings limit.
fn check_ignore_file(dir: &Path, rel: &str) -> Result<(), InputError> {
    let Ok(meta) = std::fs::symlink_metadata(dir.join(".gitignore")) else { return Ok(()) };
    if meta.is_file() && meta.len() <= MAX_SETTINGS_BYTES {
        return Ok(());
    }
    let shown = if rel.is_empty() { ".gitignore".to_string() } else { format!("{rel}/.gitignore") };
    let what = if meta.is_file() {
        format!("larger than {} MiB", MAX_SETTINGS_BYTES / (1024 * 1024))
    } else if meta.file_type().is_symlink() {
        "a symbolic link".to_string()
    } else {
        "not a regular file".to_string()
    };
    Err(InputError::new(format!(
        "the glob walk stops at {shown}: it is {what}, and globs read a folder's .gitignore to know which files to skip"
    ))
    .help("a .gitignore must be a regular file of at most 8 MiB; replace it with one, or remove it"))
}

/// The folders a walk must enter: those on the way to a pattern's base, and everything under one.
struct Scope {
    /// Every pattern's base; "" means the whole workspace.
    bases: HashSet<String>,
    /// Every base and every folder above one.
    above: HashSet<String>,
}

impl Scope {
    fn new(globs: &[Glob]) -> Scope {
        let bases: HashSet<String> = globs.iter().map(|g| g.base.clone()).collect();
        let mut above = HashSet::new();
        for b in &bases {
            let mut at = b.as_str();
            loop {
                above.insert(at.to_string());
                match at.rfind('/') {
                    Some(i) => at = &at[..i],
                    None => break,
                }
            }
        }
        Scope { bases, above }
    }

    /// Whether the folder `rel` (relative to the root) can hold a match, or a folder on the way to one.
    fn enters(&self, rel: &str) -> bool {
        if self.bases.contains("") || self.above.contains(rel) {
            return true;
        }
        // Inside a base: one of the folder's ancestors is a base.
        rel.match_indices('/').any(|(i, _)| self.bases.contains(&rel[..i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().is_match(path)
    }

    #[test]
    fn stars_stay_within_a_folder_and_double_stars_cross_them() {
        assert!(m("drafts/*.md", "drafts/a.md"));
        assert!(!m("drafts/*.md", "drafts/x/a.md"));
        assert!(m("drafts/**/*.md", "drafts/a.md"));
        assert!(m("drafts/**/*.md", "drafts/x/y/a.md"));
        assert!(!m("drafts/**/*.md", "other/a.md"));
        assert!(m("**", "a/b/c"));
        assert!(m("**/smhs*.md", "counties/kern/smhs-executed.md"));
        assert!(!m("*.md", "a.docx"));
        assert!(m("a*b*c", "aXXbYYc"));
        assert!(!m("a*b*c", "aXXbYY"));
        assert!(m("./drafts//*.md", "drafts/a.md"));
    }

    #[test]
    fn classes_question_marks_and_braces() {
        assert!(m("v?.md", "v1.md"));
        assert!(!m("v?.md", "v10.md"));
        assert!(m("[a-c]*.md", "b.md"));
        assert!(!m("[!a-c]*.md", "b.md"));
        assert!(m("**/*.{md,docx}", "x/y.docx"));
        assert!(m("{a,b/{c,d}}/*.md", "b/d/z.md"));
        assert!(!m("{a,b/{c,d}}/*.md", "b/e/z.md"));
    }

    #[test]
    fn bad_patterns_are_refused_with_a_reason() {
        assert!(Glob::new("a/[bc.md").unwrap_err().contains("closing `]`"));
        assert!(Glob::new("a/{b,c.md").unwrap_err().contains("closing `}`"));
        assert!(Glob::new("../x/*.md").unwrap_err().contains(".."));
        assert!(Glob::new("/abs/*.md").is_err());
        assert!(Glob::new("").is_err());
    }

    #[test]
    fn a_pattern_of_many_double_stars_matches_in_linear_time() {
        // 200 `**/` before a name: a backtracking matcher tries every way to split a deep path among them.
        let g = Glob::new(&format!("{}x*.md", "**/".repeat(200))).unwrap();
        let deep: String = (0..40).map(|i| format!("l{i}/")).collect();
        assert!(g.is_match(&format!("{deep}x1.md")));
        assert!(!g.is_match(&format!("{deep}y1.md")));
        assert!(!g.is_match(&format!("{deep}x1.docx")));
    }

    fn files(dir: &Path, names: &[&str]) {
        for f in names {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
    }

    #[test]
    fn walks_once_skipping_hidden_and_ignored_entries() {
        let dir = tempfile::tempdir().unwrap();
        files(
            dir.path(),
            &["drafts/a.md", "drafts/x/b.md", "drafts/.hidden/c.md", "other/d.md", ".git/e.md", "build/f.md"],
        );
        std::fs::write(dir.path().join(".gitignore"), "build/\n").unwrap();
        std::fs::write(dir.path().join("drafts/.gitignore"), "scratch-*.md\n").unwrap();
        files(dir.path(), &["drafts/scratch-1.md"]);
        let g = Glob::new("drafts/**/*.md").unwrap();
        assert_eq!(g.base, "drafts");
        let all = Glob::new("**/*.md").unwrap();
        let found = walk(dir.path(), &[g, all]).unwrap();
        assert_eq!(found[0], vec!["drafts/a.md", "drafts/x/b.md"]);
        assert_eq!(found[1], vec!["drafts/a.md", "drafts/x/b.md", "other/d.md"]);
    }

    #[test]
    fn only_folders_on_the_way_to_a_base_are_entered() {
        let s = Scope::new(&[Glob::new("counties/kern/*.md").unwrap(), Glob::new("drafts/**").unwrap()]);
        assert!(s.enters("counties") && s.enters("counties/kern") && s.enters("drafts/a/b"));
        assert!(!s.enters("counties/inyo") && !s.enters("other") && !s.enters("draftsx"));
        assert!(Scope::new(&[Glob::new("*/x.md").unwrap()]).enters("anything"));
    }

    #[cfg(unix)]
    #[test]
    fn links_to_folders_are_not_followed_and_a_special_gitignore_stops_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        files(outside.path(), &["o.md"]);
        files(dir.path(), &["in/a.md"]);
        std::os::unix::fs::symlink(outside.path(), dir.path().join("in/elsewhere")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("o.md"), dir.path().join("in/link.md")).unwrap();
        let found = walk(dir.path(), &[Glob::new("**/*.md").unwrap()]).unwrap();
        // The link to a file is listed: reading it is where it is refused, as leading outside the workspace.
        assert_eq!(found[0], vec!["in/a.md", "in/link.md"]);
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("in/.gitignore")).unwrap();
        let e = walk(dir.path(), &[Glob::new("**/*.md").unwrap()]).unwrap_err();
        assert!(e.message.contains("in/.gitignore: it is a symbolic link"), "{e}");
    }
}
