//! Hostile repositories: in CI, anyone who can open a pull request chooses the files `mou check` reads. Paths
//! written inside files must stay inside their root, special files must be refused without blocking, house
//! templates must stop at their fuel limit, and large workspaces must give the right results. Reproducers that can
//! be files are in `fixtures/hostile/`; links, FIFOs and large inputs are made here.

use crate::support::{init, mou, project_dir, Run};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs `mou` in `dir`, killing it if it runs longer than `limit`: a hang is a failure, not a stuck test run.
fn run_bounded(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = mou()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes in threads, so a long report cannot block the child while the deadline is watched.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut s).unwrap();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("mou {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

/// Generous for a debug build on a busy machine; every case here takes well under a second.
const LIMIT: Duration = Duration::from_secs(120);

fn run(dir: &Path, args: &[&str]) -> Run {
    run_bounded(dir, args, LIMIT)
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A scratch folder holding `repo/`, a git work tree (so the root of a named file is known whatever folder the
/// scratch folder is in), and `outside/`, which nothing in `repo/` may reach.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let s = Scratch { dir: tempfile::tempdir().unwrap() };
        std::fs::create_dir_all(s.repo().join(".git")).unwrap();
        std::fs::create_dir_all(s.outside()).unwrap();
        s
    }

    fn repo(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }

    /// Copies a reproducer from `fixtures/hostile/` into `repo/`.
    fn fixture(self, name: &str) -> Scratch {
        copy_dir(&project_dir().join("fixtures/hostile").join(name), &self.repo());
        self
    }
}

fn official() -> String {
    std::fs::read_to_string(project_dir().join("fixtures/check-cli/official.md")).unwrap()
}

/// A line no report may ever show: it stands only in files outside the repository.
const SECRET: &str = "SECRET-OUTSIDE-THE-REPOSITORY";

fn assert_secret_kept(run: &Run) {
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "text from outside the repository was shown:\n{}\n{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn mou_toml_paths_may_not_climb_out_of_the_workspace() {
    let s = Scratch::new().fixture("mou-toml-climbs-out");
    let repo = s.repo();
    write(&repo.join("official.md"), official());
    write(&repo.join("a.md"), official());
    let climb = "../../../../../../../../../../../../etc/passwd";
    let run = run(&repo, &["check"]);
    run.code(2).stderr_has(&format!("mou.toml:3:12: `document`: `{climb}` climbs out of the workspace"));
    assert!(!run.stdout.contains("root:"), "{}", run.stdout);
    for key in ["against", "party"] {
        write(&repo.join("mou.toml"), format!("[[mou]]\ndocument = \"a.md\"\n{key} = \"{climb}\"\n"));
        run_bounded(&repo, &["check"], LIMIT)
            .code(2)
            .stderr_has("mou.toml:3:")
            .stderr_has(&format!("`{key}`: `{climb}` climbs out of the workspace"));
    }
    write(&repo.join("mou.toml"), "[[mou]]\ndocument = \"a.md\"\nagainst = \"/etc/passwd\"\n");
    run_bounded(&repo, &["check"], LIMIT).code(2).stderr_has("`against`: `/etc/passwd` is an absolute path");
}

#[cfg(unix)]
#[test]
fn a_glob_lists_a_link_out_of_the_workspace_only_to_refuse_it() {
    let s = Scratch::new();
    let repo = s.repo();
    write(&s.outside().join("secret.md"), format!("{}\n{SECRET}\n", official()));
    write(&repo.join("official.md"), official());
    write(&repo.join("counties/ok.md"), official());
    write(&repo.join("mou.toml"), "[[glob]]\ndocuments = \"counties/*.md\"\nagainst = \"official.md\"\n");
    std::os::unix::fs::symlink("../../outside/secret.md", repo.join("counties/x.md")).unwrap();
    // A link that stays inside the workspace is followed.
    std::os::unix::fs::symlink("ok.md", repo.join("counties/alias.md")).unwrap();
    let run = run(&repo, &["check"]);
    run.code(2)
        .stderr_has(
            "counties/x.md: this path leads outside the workspace (the folder of mou.toml) through a symbolic link",
        )
        .stdout_has("counties/ok.md: attestable")
        .stdout_has("counties/alias.md: attestable");
    assert_secret_kept(&run);
}

#[test]
fn a_front_matter_party_file_stays_inside_the_work_tree() {
    let s = Scratch::new().fixture("front-matter-party-file");
    let repo = s.repo();
    let party = s.outside().join("party.toml");
    write(&party, format!("# {SECRET}\n{}", init("ihss")));
    let run = run(&repo, &["check", "draft.md"]);
    run.code(2).stderr_has(
        "draft.md: the front matter's `party_file`: `../outside/party.toml` climbs out of the git work tree with `..`",
    );
    assert_secret_kept(&run);
    let draft = std::fs::read_to_string(repo.join("draft.md")).unwrap();
    let absolute = party.display().to_string();
    write(&repo.join("draft.md"), draft.replace("../outside/party.toml", &absolute));
    run_bounded(&repo, &["check", "draft.md"], LIMIT)
        .code(2)
        .stderr_has(&format!("draft.md: the front matter's `party_file`: `{absolute}` is an absolute path"));
}

#[test]
fn a_party_files_templates_dir_stays_inside_the_work_tree() {
    let s = Scratch::new().fixture("party-templates-dir");
    let repo = s.repo();
    copy_dir(&project_dir().join("templates"), &s.outside().join("house"));
    let run = run(&repo, &["build", "p.toml", "-o", "-"]);
    run.code(2).stderr_has("p.toml:17:17: `templates_dir`: `../house` climbs out of the git work tree with `..`");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let text = std::fs::read_to_string(repo.join("p.toml")).unwrap();
    let absolute = s.outside().join("house").display().to_string();
    write(&repo.join("p.toml"), text.replace("\"../house\"", &format!("{absolute:?}")));
    run_bounded(&repo, &["build", "p.toml", "-o", "-"], LIMIT)
        .code(2)
        .stderr_has(&format!("`templates_dir`: `{absolute}` is an absolute path"));
    // A folder inside the work tree is still allowed, also through `..` that stays inside it.
    copy_dir(&project_dir().join("templates"), &repo.join("house"));
    write(&repo.join("parties/p.toml"), &text);
    run_bounded(&repo, &["build", "parties/p.toml", "-o", "-"], LIMIT).code(0);
}

#[cfg(unix)]
#[test]
fn house_templates_are_confined_to_their_folder() {
    let s = Scratch::new();
    let repo = s.repo();
    write(&s.outside().join("secret.txt"), SECRET);
    copy_dir(&project_dir().join("templates"), &repo.join("house"));
    let base = std::fs::read_to_string(repo.join("house/base.md.j2")).unwrap();
    let line = base.lines().count() + 1;
    write(&repo.join("house/base.md.j2"), format!("{base}{{% include \"x.md.j2\" %}}\n"));
    std::os::unix::fs::symlink("../../outside/secret.txt", repo.join("house/x.md.j2")).unwrap();
    write(&repo.join("p.toml"), init("ihss"));
    let run = run(&repo, &["build", "p.toml", "--templates", "house", "-o", "-"]);
    run.code(2).stderr_has(&format!(
        "house/base.md.j2:{line}:1: template error: template `x.md.j2`: this path leads outside the templates folder \
         house through a symbolic link"
    ));
    assert_secret_kept(&run);
    // The catalog too.
    std::fs::remove_file(repo.join("house/catalog.toml")).unwrap();
    write(&s.outside().join("catalog.toml"), std::fs::read(project_dir().join("templates/catalog.toml")).unwrap());
    std::os::unix::fs::symlink("../../outside/catalog.toml", repo.join("house/catalog.toml")).unwrap();
    run_bounded(&repo, &["build", "p.toml", "--templates", "house", "-o", "-"], LIMIT)
        .code(2)
        .stderr_has("house/catalog.toml: this path leads outside the templates folder house");
}

#[test]
fn a_house_template_that_loops_for_hours_stops_at_its_fuel_limit() {
    let s = Scratch::new().fixture("template-hang");
    let repo = s.repo();
    let expected = "h/base.md.j2:450:1: the template did too much work: rendering stopped at the limit of";
    run(&repo, &["build", "p.toml", "-o", "-"]).code(2).stderr_has(expected);
    run(&repo, &["check", "draft.md"]).code(2).stderr_has(expected);
    // Templates that extend each other in a circle are an error, not a hang.
    let base = std::fs::read_to_string(repo.join("h/base.md.j2")).unwrap();
    let base: Vec<&str> = base.lines().filter(|l| !l.contains("range(100000)")).collect();
    write(&repo.join("h/base.md.j2"), format!("{}\n{{% include \"ext.md.j2\" %}}\n", base.join("\n")));
    run(&repo, &["build", "p.toml", "-o", "-"]).code(2).stderr_has("h/ext.md.j2:1:1: template error: cycle");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_without_blocking_or_reading_them() {
    let s = Scratch::new();
    let repo = s.repo();
    write(&repo.join("official.md"), official());
    mkfifo(&repo.join("pipe.md"));
    std::os::unix::fs::symlink("/dev/zero", repo.join("zero.md")).unwrap();
    // Named on the command line, as a document or as the official text, directly or through a link.
    for args in [
        &["check", "--against", "official.md", "/dev/zero"][..],
        &["check", "--against", "/dev/zero", "official.md"],
        &["check", "--against", "official.md", "zero.md"],
    ] {
        run(&repo, args).code(2).stderr_has("this is a character device, not a regular file");
    }
    run(&repo, &["check", "--against", "official.md", "pipe.md"])
        .code(2)
        .stderr_has("pipe.md: this is a named pipe (FIFO), not a regular file");
    mkfifo(&repo.join("p.toml"));
    run(&repo, &["build", "p.toml", "-o", "-"]).code(2).stderr_has("p.toml: this is a named pipe (FIFO)");

    // Named by a draft's front matter: a FIFO inside the work tree, and a link to /dev/zero, which leads out of it.
    let draft = "---\ngenerator: mou 0.1.0\ntemplates: [ihss@1.0.0]\nparty_file: \"p.toml\"\n---\n\n# MOU\n";
    write(&repo.join("draft.md"), draft);
    run(&repo, &["check", "draft.md"]).code(2).stderr_has("p.toml: this is a named pipe (FIFO)");
    write(&repo.join("draft.md"), draft.replace("p.toml", "zero.toml"));
    std::os::unix::fs::symlink("/dev/zero", repo.join("zero.toml")).unwrap();
    run(&repo, &["check", "draft.md"]).code(2).stderr_has("`zero.toml` leads outside the git work tree");

    // Listed in mou.toml: the document, and the waivers file.
    write(&repo.join("mou.toml"), "[[mou]]\ndocument = \"zero.md\"\nagainst = \"official.md\"\n");
    run(&repo, &["check"]).code(2).stderr_has("zero.md: this path leads outside the workspace");
    write(&repo.join("mou.toml"), "[[mou]]\ndocument = \"pipe.md\"\nagainst = \"official.md\"\n");
    run(&repo, &["check"]).code(2).stderr_has("pipe.md: this is a named pipe (FIFO)");
    write(&repo.join("a.md"), official());
    write(&repo.join("mou.toml"), "waivers = \"w.toml\"\n[[mou]]\ndocument = \"a.md\"\nagainst = \"official.md\"\n");
    mkfifo(&repo.join("w.toml"));
    run(&repo, &["check"]).code(2).stderr_has("w.toml: this is a named pipe (FIFO)");
}

#[test]
fn blank_party_values_are_refused_with_their_position() {
    let s = Scratch::new().fixture("blank-party-values");
    let repo = s.repo();
    let build = |expected: &str| {
        let run = run(&repo, &["build", "p.toml", "-o", "draft.md"]);
        run.code(2).stderr_has(expected).stderr_has("help:");
        assert!(!repo.join("draft.md").exists());
    };
    build("p.toml:10:10: `county` is blank");
    let text = std::fs::read_to_string(repo.join("p.toml")).unwrap();
    let text = text.replace("county = \"\"", "county = \"Sierra Vista\"");
    write(&repo.join("p.toml"), &text);
    build("p.toml:21:14: `mcp.legal_name` is blank");
    let text = text.replace("legal_name = \"   \"", "legal_name = \"Harbor Coast Health Plan\"");
    write(&repo.join("p.toml"), &text);
    build(
        "p.toml:28:9: `mcp.responsible_person.email` is not an email address: \"dana.whitfield.harborcoast.example\"",
    );
    let text = text.replace("dana.whitfield.harborcoast.example", "dana.whitfield@harborcoast.example");
    write(&repo.join("p.toml"), text.replace("phone = \"(555) 010-2000\"", "phone = \"call the front desk\""));
    build("`mcp.responsible_person.phone` is not a telephone number");
    write(&repo.join("p.toml"), &text);
    run(&repo, &["build", "p.toml", "-o", "draft.md"]).code(0);
}

#[test]
fn a_glob_of_two_hundred_double_stars_lists_exactly_its_files() {
    let s = Scratch::new().fixture("glob-double-stars");
    let repo = s.repo();
    write(&repo.join("official.md"), official());
    let mut dir = repo.clone();
    let mut expected = Vec::new();
    let mut rel = String::new();
    for i in 0..12 {
        dir = dir.join(format!("l{i}"));
        rel.push_str(&format!("l{i}/"));
        write(&dir.join(format!("x{i}.md")), official());
        write(&dir.join(format!("y{i}.md")), official());
        expected.push(format!("{rel}x{i}.md"));
    }
    expected.sort();
    let run = run(&repo, &["check", "--format", "json"]);
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, expected);
}

#[test]
fn sixteen_thousand_listed_mous_select_and_report_correctly() {
    let s = Scratch::new();
    let repo = s.repo();
    write(&repo.join("official.md"), official());
    let mut manifest = String::new();
    for i in 0..16_000 {
        manifest.push_str(&format!("[[mou]]\ndocument = \"d/{i}.md\"\nagainst = \"official.md\"\n\n"));
    }
    for i in [0, 7_777, 15_999] {
        write(&repo.join(format!("d/{i}.md")), official());
    }
    write(&repo.join("mou.toml"), &manifest);
    let named = run(&repo, &["check", "--format", "json", "d/15999.md", "d/0.md", "d/7777.md"]);
    named.code(0);
    let v: serde_json::Value = serde_json::from_str(&named.stdout).unwrap();
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["d/0.md", "d/15999.md", "d/7777.md"]);
    // official.md is read by every MOU, so naming it selects all 16,000 (the official text is read once for all of
    // them); only three exist, and each missing one is an error.
    let all = run(&repo, &["check", "--format", "json", "official.md"]);
    all.code(2);
    let v: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(v["summary"]["attestable"], 3, "{}", v["summary"]);
    assert_eq!(v["summary"]["errors"], 15_997);
    // A document listed twice is found, with the line of its first entry, however long the file.
    manifest.push_str("[[mou]]\ndocument = \"d/7777.md\"\n");
    write(&repo.join("mou.toml"), &manifest);
    let line = 7_777 * 4 + 2;
    run_bounded(&repo, &["check", "d/0.md"], LIMIT)
        .code(2)
        .stderr_has(&format!("mou.toml:{}:12: `d/7777.md` is listed twice (first on line {line})", 16_000 * 4 + 2));
}
