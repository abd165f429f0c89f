//! Which files changed since a git revision, for `mou check --changed-since REV`: the files `git diff` names
//! between the revision and the working tree (staged or not), and untracked files git does not ignore. git is
//! run as a program, in the workspace's folder, so no git library is needed.

use crate::error::{InputError, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files changed since a revision, as absolute paths in the repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedFiles {
    /// The revision, as given.
    pub revision: String,
    /// The repository's top folder (canonical).
    pub top: PathBuf,
    /// Every changed, added, deleted or untracked file, absolute.
    pub files: BTreeSet<PathBuf>,
}

impl ChangedFiles {
    /// Whether `path` (absolute, as [`super::lexical_absolute`] makes it) changed.
    #[must_use]
    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains(path)
    }

    /// Whether any changed file lies inside the folder `dir` (absolute).
    #[must_use]
    pub fn any_under(&self, dir: &Path) -> bool {
        self.files.iter().any(|f| f.starts_with(dir))
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git").arg("-C").arg(dir).args(args).env("GIT_OPTIONAL_LOCKS", "0").output().map_err(|e| {
        InputError::new(format!("--changed-since could not run git: {e}"))
            .help("install git, or leave out --changed-since to check every MOU")
            .into()
    })
}

/// Lists the files changed since `revision` in the git repository holding `dir`.
///
/// # Errors
/// git cannot be run, `dir` is not in a git repository, or the revision is unknown.
pub fn changed_since(dir: &Path, revision: &str) -> Result<ChangedFiles> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(InputError::new(format!(
            "--changed-since needs a git repository, and {} is not in one",
            shown(dir)
        ))
        .help("run it in a clone of the contracts repository, or leave out --changed-since to check every MOU")
        .into());
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim_end_matches(['\n', '\r']));
    let top = top.canonicalize().unwrap_or(top);
    let unknown = || -> crate::Error {
        InputError::new(format!("--changed-since: unknown git revision `{revision}`"))
            .help(
                "name a commit, branch or tag this clone has (`git log --oneline` lists commits); in GitHub \
                 Actions, check out with `fetch-depth: 0` so the base commit is present",
            )
            .into()
    };
    if revision.is_empty() || revision.starts_with('-') {
        return Err(unknown());
    }
    let verify =
        git(&top, &["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{revision}^{{commit}}")])?;
    if !verify.status.success() {
        return Err(unknown());
    }
    let mut files = BTreeSet::new();
    for args in [
        &["-c", "core.quotepath=off", "diff", "--name-only", "--no-renames", "-z", revision, "--"][..],
        &["ls-files", "--others", "--exclude-standard", "--full-name", "-z"][..],
    ] {
        let out = git(&top, args)?;
        if !out.status.success() {
            return Err(InputError::new(format!(
                "--changed-since: `git {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
            .into());
        }
        for name in out.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            files.insert(top.join(String::from_utf8_lossy(name).as_ref()));
        }
    }
    Ok(ChangedFiles { revision: revision.to_string(), top, files })
}

/// A folder as an error message shows it: `.` for the current folder.
fn shown(dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        ".".into()
    } else {
        dir.display().to_string()
    }
}
