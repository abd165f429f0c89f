//! Glob patterns for `[[glob]]` entries of `mou.toml`, and the walk that finds the files they match.
//!
//! Patterns are matched against paths relative to the workspace root, written with `/`:
//!
//! - `*` matches any run of characters within one path component, `?` one character;
//! - `**` as a whole component matches any number of components, none included (`drafts/**/*.md` matches
//!   `drafts/a.md` and `drafts/x/y/a.md`);
//! - `[abc]`, `[a-z]` and `[!abc]` match one character of (or not of) a set;
//! - `{a,b}` matches either alternative.
//!
//! Matching is case-sensitive. The walk skips hidden folders and files (a name starting with `.`, such as `.git`)
//! and does not follow symbolic links to folders. A few dozen lines of our own keep the dependency list short.

use std::path::Path;

/// The most alternatives brace expansion may produce, so a pattern cannot explode.
const MAX_ALTERNATIVES: usize = 256;

/// A compiled glob pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    /// The pattern as written.
    pub pattern: String,
    /// The pattern with braces expanded, each split into components.
    alternatives: Vec<Vec<String>>,
}

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
        let mut alternatives = Vec::new();
        for alt in expand_braces(pattern)? {
            let parts: Vec<String> =
                alt.split('/').filter(|c| !c.is_empty() && *c != ".").map(str::to_string).collect();
            if parts.iter().any(|c| c == "..") {
                return Err(format!(
                    "`{pattern}` climbs out of the workspace with `..`; globs match files under mou.toml's folder"
                ));
            }
            for part in &parts {
                check_classes(part).map_err(|e| format!("`{pattern}`: {e}"))?;
            }
            alternatives.push(parts);
        }
        Ok(Glob { pattern: pattern.to_string(), alternatives })
    }

    /// Whether a `/`-separated relative path matches.
    #[must_use]
    pub fn is_match(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
        self.alternatives.iter().any(|alt| {
            let pat: Vec<&str> = alt.iter().map(String::as_str).collect();
            match_components(&pat, &parts)
        })
    }

    /// The folders the walk must start from: each alternative's leading components that hold no wildcard.
    fn bases(&self) -> Vec<String> {
        let mut bases: Vec<String> = self
            .alternatives
            .iter()
            .map(|alt| {
                let lit: Vec<&str> = alt
                    .iter()
                    .take(alt.len().saturating_sub(1))
                    .take_while(|c| !c.contains(['*', '?', '[']))
                    .map(String::as_str)
                    .collect();
                lit.join("/")
            })
            .collect();
        bases.sort();
        bases.dedup();
        // A base inside another base is walked with it.
        let all = bases.clone();
        bases.retain(|b| !all.iter().any(|o| o != b && (o.is_empty() || b.starts_with(&format!("{o}/")))));
        bases
    }

    /// Every file under `root` that matches, as sorted `/`-separated paths relative to `root`.
    #[must_use]
    pub fn walk(&self, root: &Path) -> Vec<String> {
        let root = if root.as_os_str().is_empty() { Path::new(".") } else { root };
        let mut found = Vec::new();
        for base in self.bases() {
            let dir = if base.is_empty() { root.to_path_buf() } else { root.join(&base) };
            walk_dir(&dir, &base, &mut |rel| {
                if self.is_match(rel) {
                    found.push(rel.to_string());
                }
            });
        }
        found.sort();
        found.dedup();
        found
    }
}

/// Visits every file under `dir` (named `prefix` relative to the root), skipping hidden entries and not following
/// symbolic links to folders. Unreadable folders are skipped: a glob lists what it can see.
fn walk_dir(dir: &Path, prefix: &str, visit: &mut dyn FnMut(&str)) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(std::result::Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let rel = if prefix.is_empty() { name.to_string() } else { format!("{prefix}/{name}") };
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk_dir(&entry.path(), &rel, visit);
        } else if kind.is_file() || (kind.is_symlink() && entry.path().is_file()) {
            visit(&rel);
        }
    }
}

fn match_components(pat: &[&str], path: &[&str]) -> bool {
    match pat.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|i| match_components(rest, &path[i..])),
        Some((first, rest)) => {
            path.split_first().is_some_and(|(p, prest)| match_one(first, p) && match_components(rest, prest))
        }
    }
}

/// Matches one path component against one pattern component (`*`, `?` and classes; `**` inside a component is
/// `*`).
fn match_one(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    // Where to resume after the last `*`: pattern index after it, and the text index it has consumed up to.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            while pi < p.len() && p[pi] == '*' {
                pi += 1;
            }
            star = Some((pi, ti));
            continue;
        }
        if pi < p.len() {
            if let Some((ok, next)) = match_char(&p, pi, t[ti]) {
                if ok {
                    pi = next;
                    ti += 1;
                    continue;
                }
            }
        }
        match star {
            Some((sp, st)) => {
                pi = sp;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Whether the pattern element at `p[i]` matches `c`, and the index after that element; `None` past the end.
fn match_char(p: &[char], i: usize, c: char) -> Option<(bool, usize)> {
    match p.get(i)? {
        '?' => Some((true, i + 1)),
        '[' => {
            let mut j = i + 1;
            let negate = matches!(p.get(j), Some('!' | '^'));
            if negate {
                j += 1;
            }
            let mut hit = false;
            let mut first = true;
            while j < p.len() && (p[j] != ']' || first) {
                first = false;
                if j + 2 < p.len() && p[j + 1] == '-' && p[j + 2] != ']' {
                    hit |= p[j] <= c && c <= p[j + 2];
                    j += 3;
                } else {
                    hit |= p[j] == c;
                    j += 1;
                }
            }
            Some((hit != negate, j + 1))
        }
        &x => Some((x == c, i + 1)),
    }
}

/// Checks that every `[` has its `]`.
fn check_classes(part: &str) -> Result<(), String> {
    let chars: Vec<char> = part.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' {
            let mut j = i + 1;
            if matches!(chars.get(j), Some('!' | '^')) {
                j += 1;
            }
            // A `]` right after the opening is a member of the set.
            j += 1;
            while j < chars.len() && chars[j] != ']' {
                j += 1;
            }
            if j >= chars.len() {
                return Err("a `[` has no closing `]`".into());
            }
            i = j;
        }
        i += 1;
    }
    Ok(())
}

/// Expands `{a,b}` alternatives, nested ones included.
fn expand_braces(pattern: &str) -> Result<Vec<String>, String> {
    let Some(open) = pattern.find('{') else {
        if pattern.contains('}') {
            return Err(format!("`{pattern}` has a `}}` with no opening `{{`"));
        }
        return Ok(vec![pattern.to_string()]);
    };
    let mut depth = 0;
    let mut close = None;
    let mut commas = Vec::new();
    for (i, c) in pattern[open..].char_indices().map(|(i, c)| (i + open, c)) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            ',' if depth == 1 => commas.push(i),
            _ => {}
        }
    }
    let Some(close) = close else { return Err(format!("`{pattern}` has a `{{` with no closing `}}`")) };
    let (head, tail) = (&pattern[..open], &pattern[close + 1..]);
    let mut bounds = vec![open];
    bounds.extend(&commas);
    bounds.push(close);
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let alt = &pattern[w[0] + 1..w[1]];
        for expanded in expand_braces(&format!("{head}{alt}{tail}"))? {
            out.push(expanded);
            if out.len() > MAX_ALTERNATIVES {
                return Err(format!("`{pattern}` expands to more than {MAX_ALTERNATIVES} alternatives"));
            }
        }
    }
    Ok(out)
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
    fn walks_from_the_literal_prefix_and_skips_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["drafts/a.md", "drafts/x/b.md", "drafts/.hidden/c.md", "other/d.md", ".git/e.md"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let g = Glob::new("drafts/**/*.md").unwrap();
        assert_eq!(g.bases(), vec!["drafts".to_string()]);
        assert_eq!(g.walk(dir.path()), vec!["drafts/a.md", "drafts/x/b.md"]);
        assert_eq!(Glob::new("**/*.md").unwrap().walk(dir.path()), vec!["drafts/a.md", "drafts/x/b.md", "other/d.md"]);
    }
}
