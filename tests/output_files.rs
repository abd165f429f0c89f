//! Output files and the options that shape them: `-o` picks the format from the extension (in any case) and
//! refuses what `mou` cannot write; `--force` never replaces a special file, a symbolic link or a file the run
//! reads; `SOURCE_DATE_EPOCH` must be a date; `mou init` of a template that is not released prints nothing.

use crate::support::{init, mou, Run, Test};
use std::path::Path;

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = mou();
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH").env_remove("CI");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// A draft built from a party file, in a scratch folder.
fn drafted() -> Test {
    let t = Test::new().file("p.toml", init("wic")).args(&["build", "p.toml", "-o", "d.md"]);
    t.run().code(0);
    t
}

#[test]
fn the_extension_picks_the_format_in_any_case() {
    let t = Test::new().file("p.toml", init("wic"));
    t.run_args(&["build", "p.toml", "-o", "D.DOCX"]).code(0);
    assert!(std::fs::read(t.path("D.DOCX")).unwrap().starts_with(b"PK\x03\x04"), "a Word file");
    t.run_args(&["build", "p.toml", "-o", "Draft.Html"]).code(0);
    assert!(t.read("Draft.Html").starts_with("<!DOCTYPE html>"));
    t.run_args(&["build", "p.toml", "-o", "DRAFT.MD"]).code(0);
    assert!(t.read("DRAFT.MD").starts_with("---\n"));
    // Word written under an upper-case name is read back as Word.
    t.run_args(&["check", "--party", "p.toml", "D.DOCX"]).code(0).stdout_has("attestable");
    t.run_args(&["redline", "DRAFT.MD", "-o", "R.DOCX"]).code(0);
    assert!(std::fs::read(t.path("R.DOCX")).unwrap().starts_with(b"PK\x03\x04"), "a Word redline");
}

#[test]
fn a_document_on_standard_output_has_the_bytes_of_the_file() {
    let t = Test::new().file("p.toml", init("wic"));
    t.run_args(&["build", "p.toml", "-o", "d.docx"]).code(0);
    let out = mou().args(["build", "p.toml", "-f", "docx", "-o", "-"]).current_dir(t.dir.path()).output().unwrap();
    assert!(out.status.success());
    // Not passed through the stream that strips escape sequences for a pipe, which cut bytes out of the zip.
    assert_eq!(out.stdout, std::fs::read(t.path("d.docx")).unwrap());
    let out = mou().args(["build", "p.toml", "-o", "-"]).current_dir(t.dir.path()).output().unwrap();
    t.run_args(&["build", "p.toml", "-o", "d.md"]).code(0);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), t.read("d.md"));
}

#[test]
fn extensions_mou_cannot_write_are_refused_with_what_to_do() {
    let t = drafted();
    let before = names(t.dir.path());
    for (args, reason, help) in [
        (&["build", "p.toml", "-o", "draft.pdf"][..], "mou cannot write .pdf files", "LibreOffice"),
        (&["build", "p.toml", "-o", "r.doc"], "mou cannot write .doc files", "write .docx"),
        (&["build", "p.toml", "-o", "r.RTF"], "mou cannot write .rtf files", "write .docx"),
        (&["build", "p.toml", "-o", "draft.txt"], "mou cannot write .txt files", "write .md"),
        (&["build", "p.toml", "-o", "draft.out"], "does not say which format", "--format"),
        (
            &["build", "p.toml", "-o", "draft.docx", "--format", "md"],
            "names a .docx file, but --format asks for md",
            "extension",
        ),
        (&["redline", "d.md", "-o", "r.pdf"], "mou cannot write .pdf files", "LibreOffice"),
        (&["redline", "d.md", "-o", "r.odt"], "mou cannot write .odt files", "write .docx"),
        (&["attest", "d.md", "-o", "a.docx"], "does not say which format", "name the file"),
        (&["attest", "d.md", "-o", "a.pdf"], "mou cannot write .pdf files", "print it to PDF"),
    ] {
        let run = t.run_args(args);
        run.code(2).stderr_has(reason).stderr_has(help);
        assert_eq!(names(t.dir.path()), before, "{args:?} wrote a file");
    }
    // With the format named, a name without an extension is fine.
    t.run_args(&["build", "p.toml", "-o", "draft", "--format", "html"]).code(0);
    assert!(t.read("draft").starts_with("<!DOCTYPE html>"));
}

#[cfg(unix)]
#[test]
fn force_never_replaces_a_special_file_a_link_or_an_input() {
    let t = drafted();
    let party = t.read("p.toml");
    // A FIFO and a symbolic link to the party file.
    assert!(std::process::Command::new("mkfifo").arg(t.path("fifo.md")).status().unwrap().success());
    std::os::unix::fs::symlink("p.toml", t.path("link.md")).unwrap();
    std::fs::create_dir(t.path("folder.md")).unwrap();
    for (args, reason) in [
        (&["build", "p.toml", "-o", "fifo.md", "--force"][..], "fifo.md is a device, FIFO or socket"),
        (&["build", "p.toml", "-o", "link.md", "--force"], "link.md is a symbolic link"),
        (&["build", "p.toml", "-o", "folder.md", "--force"], "folder.md is a folder"),
        (&["redline", "d.md", "-o", "fifo.md", "--force"], "fifo.md is a device, FIFO or socket"),
        (&["redline", "d.md", "-o", "d.md", "--force"], "the output d.md is the input d.md"),
        (&["attest", "d.md", "-o", "link.md", "--force"], "link.md is a symbolic link"),
    ] {
        t.run_args(args).code(2).stderr_has(reason).stderr_has("help: choose another output file with -o");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(t.path("fifo.md")).unwrap().file_type().is_fifo());
    assert!(std::fs::symlink_metadata(t.path("link.md")).unwrap().file_type().is_symlink());
    assert_eq!(t.read("p.toml"), party);
    // Nothing was left behind: no temporary file.
    assert_eq!(names(t.dir.path()), ["d.md", "fifo.md", "folder.md", "link.md", "p.toml"]);
}

#[test]
fn force_never_replaces_the_party_file_a_draft_names_or_a_house_template() {
    // The party file is found through the draft's front matter; here it has a name mou would write.
    let t = Test::new().file("party.md", init("wic"));
    t.run_args(&["build", "party.md", "-o", "d.md"]).code(0);
    let party = t.read("party.md");
    t.run_args(&["attest", "d.md", "-o", "party.md", "--force"])
        .code(2)
        .stderr_has("the output party.md is the input party.md, which this run reads");
    t.run_args(&["redline", "d.md", "-o", "party.md", "--force"]).code(2).stderr_has("is the input party.md");
    assert_eq!(t.read("party.md"), party);

    // Every file of a house templates folder is an input of a build.
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let t = Test::new().file("p.toml", init("wic"));
    std::fs::create_dir(t.path("house")).unwrap();
    for entry in std::fs::read_dir(&templates).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), t.path("house").join(entry.file_name())).unwrap();
        }
    }
    let catalog = t.read("house/catalog.toml");
    t.run_args(&["build", "p.toml", "--templates", "house", "-o", "house/catalog.toml", "-f", "md", "--force"])
        .code(2)
        .stderr_has("lies in the folder house, which this run reads");
    t.run_args(&["build", "p.toml", "--templates", "house", "-o", "house/wic.md.j2", "-f", "md", "--force"])
        .code(2)
        .stderr_has("lies in the folder house");
    assert_eq!(t.read("house/catalog.toml"), catalog);
    t.run_args(&["build", "p.toml", "--templates", "house", "-o", "draft.md"]).code(0);
}

#[test]
fn the_baseline_of_known_findings_never_replaces_what_the_run_reads() {
    let t = drafted();
    let t = t.file("mou.toml", "[[mou]]\ndocument = \"d.md\"\n");
    let manifest = t.read("mou.toml");
    for target in ["mou.toml", "d.md", "p.toml"] {
        t.run_args(&["check", "--write-baseline", target, "--force"])
            .code(2)
            .stderr_has(&format!("the output {target} is the input"));
    }
    assert_eq!(t.read("mou.toml"), manifest);
    t.run_args(&["check", "--write-baseline"]).code(0).stderr_has("wrote mou-baseline.json");
}

#[test]
fn source_date_epoch_must_be_a_date() {
    let t = drafted().file("mou.toml", "[[mou]]\ndocument = \"d.md\"\n");
    for bad in ["yesterday", "-1", "1.5", "1e9", " 1767225600", "99999999999999999999", "253402300800"] {
        for args in [&["redline", "d.md", "-o", "r.md"][..], &["attest", "d.md"], &["check"]] {
            let run = run_env(t.dir.path(), args, &[("SOURCE_DATE_EPOCH", bad)]);
            run.code(2)
                .stderr_has(&format!("error: SOURCE_DATE_EPOCH is `{bad}`, which is not a number of seconds"))
                .stderr_has("date +%s");
        }
    }
    assert!(!t.path("r.md").exists());
    // A valid value fixes the date; an empty one counts as unset.
    run_env(t.dir.path(), &["redline", "d.md", "-o", "r.md"], &[("SOURCE_DATE_EPOCH", "1767225600")]).code(0);
    assert!(t.read("r.md").contains("\ndate: 2026-01-01\n"));
    run_env(t.dir.path(), &["attest", "d.md"], &[("SOURCE_DATE_EPOCH", "")]).code(0);
}

#[test]
fn init_of_a_template_not_yet_released_prints_nothing_and_fails() {
    let t = Test::new();
    let run = t.run_args(&["init", "lea"]);
    run.code(2).stderr_has("template `lea`").stderr_has("is not released yet").stderr_has("2027-01-01");
    assert_eq!(run.stdout, "", "no party file");
    // So a shell pipeline that writes and builds it stops at once, with nothing built.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$MOU\" init lea > lea.toml && \"$MOU\" build lea.toml")
        .env("MOU", env!("CARGO_BIN_EXE_mou"))
        .current_dir(t.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!t.path("lea.md").exists());
}
