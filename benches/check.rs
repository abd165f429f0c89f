//! Timing of `mou check --format json` against `git diff --no-index --word-diff=porcelain` on the same inputs, side by
//! side, reported as ratios. Run with `scripts/bench.sh [SUBSTRING...]`, or `cargo build --release` then
//! `cargo bench --bench check -- [SUBSTRING...]`: with substrings, only the shapes whose name holds one of them run.
//! Timings are printed, never asserted.
//!
//! Each shape of input is timed in three repeats. In a repeat every command runs once to warm up, then the commands
//! take turns for a number of rounds (15 when one run takes under 100 ms; 9, 5 or 3 when it takes up to 0.5 s, up to
//! 2 s or longer); the repeat's ratio is the median time of `mou` over the median time of git. The report gives the
//! median of the three ratios and their spread (lowest to highest), and ends with the machine and a Markdown table for
//! the README's "Speed" section.
//!
//! The shapes, at about 18,000 and 150,000 words where size applies:
//! - `hidden`: one edit per copy of the template body, two in three of them a reviewer's HTML comment (inside a
//!   paragraph, or a block of its own), the others ordinary edits;
//! - `edit-per-1500`: one ordinary edit per 1,500 words (`must` to `may`, a longer deadline, a sentence added, a word
//!   replaced, a sentence deleted, in turn);
//! - `rewrapped`: every paragraph wrapped at a width of its own, the same words (cosmetic only);
//! - `edited-30pct`: 30% of the paragraphs edited;
//! - `combined`: the bodies of several program templates in one MOU, one edit per 400 words;
//! - `docx`: the `edit-per-1500` pair as Word files (made by pandoc); git compares pandoc's plain text of them;
//! - `repo-500`, `repo-2000`: a contracts repository of that many MOUs of about 8,000 words against one official
//!   text, each with up to three edits that weaken nothing (a sentence added, a paragraph re-wrapped) and every
//!   seventh with `must` made `may`, checked through `mou.toml` and with the files named; git compares a folder of
//!   official texts with the folder of MOUs;
//! - `short-paragraphs`: 200,000 one-sentence paragraphs, one edit per 1,000 of them.
//!
//! Inputs are generated under `target/bench/` from the bundled templates with fixed seeds, so two runs write the same
//! bytes. Every command runs in its input's folder on relative paths, so no report names an absolute path. Before
//! timing, each command runs once and must exit with 0 or 1 (2 is an error, which is never timed).
//!
//! Environment:
//! - `MOU_BIN`: the binary measured (default `target/release/mou`);
//! - `MOU_BENCH_JSON_DIR`: a folder where each `mou` command's JSON report (the standard output of the command timed)
//!   is written as `<shape>.json`, to compare the output of two builds byte for byte.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Repeats of each measurement; the spread printed is over these.
const REPEATS: usize = 3;

/// The hidden note a reviewer leaves in a draft.
const COMMENT: &str = "<!-- reviewer: check with county counsel -->";

/// Deadlines as the templates write them, each with a longer one.
const DAYS: [(&str, &str); 9] = [
    ("five (5)", "ten (10)"),
    ("ten (10)", "fifteen (15)"),
    ("two (2)", "five (5)"),
    ("three (3)", "seven (7)"),
    ("fifteen (15)", "thirty (30)"),
    ("thirty (30)", "forty-five (45)"),
    ("sixty (60)", "ninety (90)"),
    ("ninety (90)", "one hundred twenty (120)"),
    ("fourteen (14)", "twenty-one (21)"),
];

/// Words and the words an editor puts in their place.
const WORDS: [(&str, &str); 14] = [
    ("promptly", "quickly"),
    ("ensure", "make sure"),
    ("designate", "name"),
    ("written", "documented"),
    ("coordinate", "align"),
    ("information", "data"),
    ("Members", "enrollees"),
    ("review", "examine"),
    ("meet", "confer"),
    ("kept", "stored"),
    ("shared", "disclosed"),
    ("sent", "delivered"),
    ("filed", "lodged"),
    ("notify", "inform"),
];

/// Sentences an editor adds.
const ADDED: [&str; 3] = [
    "The Parties will review this provision at their next quarterly meeting.",
    "Each Party will keep a record of the steps it takes under this section.",
    "The Liaisons will confirm these arrangements in writing each year.",
];

/// The binary measured: `MOU_BIN`, or the default release build.
fn mou() -> PathBuf {
    std::env::var_os("MOU_BIN").map_or_else(|| root().join("target/release/mou"), PathBuf::from)
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A small deterministic generator (splitmix64), so every run writes the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    #[allow(clippy::cast_possible_truncation)]
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One command line, run in a folder on paths relative to it.
struct Cmd {
    program: OsString,
    args: Vec<OsString>,
    cwd: PathBuf,
}

impl Cmd {
    fn new(program: impl Into<OsString>, cwd: &Path, args: &[&str]) -> Self {
        Cmd { program: program.into(), args: args.iter().map(OsString::from).collect(), cwd: cwd.to_path_buf() }
    }

    fn mou(cwd: &Path, args: &[&str]) -> Self {
        Cmd::new(mou(), cwd, args)
    }

    fn git_word_diff(cwd: &Path, a: &str, b: &str) -> Self {
        Cmd::new("git", cwd, &["diff", "--no-index", "--word-diff=porcelain", a, b])
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args).current_dir(&self.cwd).stdin(Stdio::null());
        cmd
    }

    fn time(&self) -> Duration {
        let start = Instant::now();
        let status = self.command().stdout(Stdio::null()).stderr(Stdio::null()).status().expect("run");
        let took = start.elapsed();
        assert!(status.code().is_some(), "killed: {}", self.show());
        took
    }

    /// One run with its output kept; it must exit with 0 or 1 (differences found), never with an error.
    fn checked_output(&self) -> (Output, Duration) {
        let start = Instant::now();
        let out = self.command().output().expect("run");
        let took = start.elapsed();
        if !matches!(out.status.code(), Some(0 | 1)) {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
            panic!("{} exited with {:?}; only exit codes 0 and 1 are timed", self.show(), out.status.code());
        }
        (out, took)
    }

    /// Peak resident memory of one run in KiB, when GNU time is installed.
    fn peak_kib(&self) -> Option<u64> {
        let time = Path::new("/usr/bin/time");
        if !time.exists() {
            return None;
        }
        let report = root().join("target/bench/peak-kib.txt");
        Command::new(time)
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(&self.program)
            .args(&self.args)
            .current_dir(&self.cwd)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        // With a non-zero exit code, GNU time writes a line about it first.
        std::fs::read_to_string(&report).ok()?.lines().last()?.trim().parse().ok()
    }

    fn show(&self) -> String {
        let args: Vec<String> = self.args.iter().take(8).map(|a| a.to_string_lossy().into_owned()).collect();
        let more = if self.args.len() > 8 { " ..." } else { "" };
        format!("`{} {}{more}`", Path::new(&self.program).display(), args.join(" "))
    }
}

/// The medians of one repeat: every command once to warm up, then `rounds` runs of each, in turn.
fn medians_in_turns(cmds: &[&Cmd], rounds: usize) -> Vec<Duration> {
    for cmd in cmds {
        cmd.time();
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); cmds.len()];
    for _ in 0..rounds {
        for (cmd, t) in cmds.iter().zip(&mut times) {
            t.push(cmd.time());
        }
    }
    times.into_iter().map(median).collect()
}

fn median<T: PartialOrd + Copy>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    v[v.len() / 2]
}

/// The median and the lowest and highest of a few ratios.
fn spread(v: &[f64]) -> (f64, f64, f64) {
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(0.0, f64::max);
    (median(v.to_vec()), lo, hi)
}

/// A `mou` command of a shape, and what its report must hold.
struct MouRun {
    /// The table's row name.
    label: String,
    /// The JSON report's file name without `.json`.
    json: String,
    cmd: Cmd,
    /// The number of documents its report must hold.
    files: usize,
}

/// One shape of input, ready to time: its `mou` commands and the baseline command on the same files.
struct Shape {
    name: String,
    words: String,
    mou: Vec<MouRun>,
    git: Cmd,
    /// Printed under the table when the shape runs.
    note: Option<&'static str>,
}

/// One row of the table.
struct Row {
    label: String,
    words: String,
    mou_ms: f64,
    git_ms: f64,
    ratio: (f64, f64, f64),
    peak_kib: Option<u64>,
}

/// Where inputs are written, and the template bodies rendered so far.
struct Inputs {
    dir: PathBuf,
    bodies: HashMap<&'static str, String>,
}

impl Inputs {
    /// A bundled template's body as `mou build` renders it for its sample party, without front matter.
    fn body(&mut self, template: &'static str) -> String {
        let dir = self.dir.join("templates");
        self.bodies
            .entry(template)
            .or_insert_with(|| {
                std::fs::create_dir_all(&dir).unwrap();
                let party = format!("{template}.toml");
                let draft = format!("{template}.md");
                let init = Cmd::mou(&dir, &["init", template]).checked_output().0;
                std::fs::write(dir.join(&party), init.stdout).unwrap();
                Cmd::mou(&dir, &["build", &party, "-o", &draft, "--force"]).checked_output();
                let text = std::fs::read_to_string(dir.join(&draft)).unwrap();
                let body = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map_or(&*text, |(_, b)| b);
                body.trim_start().to_string()
            })
            .clone()
    }

    /// A fresh folder for one shape's files.
    fn folder(&self, name: &str) -> PathBuf {
        let dir = self.dir.join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Bodies of the templates named, in turn, to about `target` words, as parts of lines.
    fn repeated(&mut self, templates: &[&'static str], target: usize) -> Vec<Vec<String>> {
        let mut parts = Vec::new();
        let mut words = 0;
        for (k, template) in templates.iter().cycle().enumerate() {
            let body = self.body(template);
            let n = body.split_whitespace().count();
            if k > 0 && words + n / 2 > target {
                break;
            }
            words += n;
            parts.push(body.lines().map(|l| renumber(l, 100 * k)).collect());
        }
        parts
    }

    /// An official/edited pair of Markdown files in a fresh folder, timed with `--against`.
    fn pair(&self, name: &str, a: &str, b: &str) -> Shape {
        let dir = self.folder(name);
        std::fs::write(dir.join("a.md"), a).unwrap();
        std::fs::write(dir.join("b.md"), b).unwrap();
        Shape {
            name: name.to_string(),
            words: thousands(a.split_whitespace().count()),
            mou: vec![MouRun {
                label: name.to_string(),
                json: name.to_string(),
                cmd: Cmd::mou(&dir, &["check", "--format", "json", "--against", "a.md", "b.md"]),
                files: 1,
            }],
            git: Cmd::git_word_diff(&dir, "a.md", "b.md"),
            note: None,
        }
    }
}

/// A line of a copy of a body, its section numbers (`## 5. Title`, `5.3 Text`) moved up by `offset`, so that the
/// copies of a repeated body have sections of their own.
fn renumber(line: &str, offset: usize) -> String {
    let (prefix, rest) = line.strip_prefix("## ").map_or(("", line), |r| ("## ", r));
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = if prefix.is_empty() {
        rest[digits..].starts_with('.') && rest[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
    } else {
        rest[digits..].starts_with(". ")
    };
    match rest[..digits].parse::<usize>() {
        Ok(n) if numbered && offset > 0 => format!("{prefix}{}{}", n + offset, &rest[digits..]),
        _ => line.to_string(),
    }
}

/// Lines as the text of a file.
fn join<'a>(lines: impl IntoIterator<Item = &'a String>) -> String {
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The kinds of edit an editor makes to a paragraph.
#[derive(Clone, Copy)]
enum Edit {
    /// `must` or `shall` becomes `may`.
    Weaken,
    /// A number of days changes.
    Days,
    AddSentence,
    ReplaceWord,
    /// The last sentence of a paragraph of several goes.
    DeleteSentence,
    /// A whole (one-sentence) paragraph goes.
    DeleteParagraph,
    /// A hidden note inside the paragraph, after its first sentence or else its first comma.
    InlineComment,
    /// A hidden note as a block of its own after the paragraph.
    BlockComment,
    /// The paragraph wrapped at a width drawn at random: the same words.
    Rewrap,
}

/// Ordinary edits, in the order they take turns.
const REALISTIC: [Edit; 5] = [Edit::Weaken, Edit::Days, Edit::AddSentence, Edit::ReplaceWord, Edit::DeleteSentence];

/// Whether a line is a paragraph or list item worth editing (not a heading, not a blank line).
fn editable(line: &str) -> bool {
    !line.starts_with('#') && line.split_whitespace().count() >= 4
}

/// The byte offset of `word` in `line` as a whole word.
fn find_word(line: &str, word: &str) -> Option<usize> {
    line.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = line[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The byte offsets of the spaces between sentences: after a period, before a capital letter.
fn sentence_breaks(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.match_indices(". ")
        .map(|(i, _)| i + 1)
        .filter(|&i| line[i + 1..].starts_with(|c: char| c.is_ascii_uppercase()))
}

/// `line` with one edit of the kind given, or `None` when the line gives no handle for it.
fn apply(edit: Edit, line: &str, rng: &mut Rng) -> Option<String> {
    if !editable(line) {
        return None;
    }
    let replace = |at: usize, old: &str, new: &str| format!("{}{new}{}", &line[..at], &line[at + old.len()..]);
    match edit {
        Edit::Weaken => ["must", "shall"].iter().find_map(|w| find_word(line, w).map(|at| replace(at, w, "may"))),
        Edit::Days => DAYS.iter().find_map(|(old, new)| line.find(old).map(|at| replace(at, old, new))),
        // After a whole sentence: not after a list's lead-in (`must:`) or inside a list of clauses (`;`).
        Edit::AddSentence => line.ends_with('.').then(|| format!("{line} {}", ADDED[rng.below(ADDED.len())])),
        Edit::ReplaceWord => {
            let start = rng.below(WORDS.len());
            (0..WORDS.len())
                .map(|k| WORDS[(start + k) % WORDS.len()])
                .find_map(|(old, new)| find_word(line, old).map(|at| replace(at, old, new)))
        }
        Edit::DeleteSentence => sentence_breaks(line).last().map(|at| line[..at].to_string()),
        Edit::DeleteParagraph => Some(String::new()),
        Edit::InlineComment => {
            let at = sentence_breaks(line).next().or_else(|| line.find(", ").map(|i| i + 1)).unwrap_or(line.len());
            Some(format!("{} {COMMENT}{}", &line[..at], &line[at..]))
        }
        Edit::BlockComment => (!line.starts_with("- ")).then(|| format!("{line}\n\n{COMMENT}")),
        Edit::Rewrap => Some(rewrap(line, 40 + rng.below(61))).filter(|wrapped| wrapped != line),
    }
}

/// One edit each time `every` more units (as `weight` counts them per line) have passed, the kinds taking turns; a
/// line that gives no handle for the kind due passes the edit on to the next line.
fn scatter(lines: &mut [String], every: usize, weight: fn(&str) -> usize, kinds: &[Edit], rng: &mut Rng) {
    let (mut seen, mut due, mut done) = (0, every / 2 + rng.below(every / 2), 0);
    for line in lines {
        seen += weight(line);
        if seen >= due {
            if let Some(edited) = apply(kinds[done % kinds.len()], line, rng) {
                *line = edited;
                done += 1;
                due += every;
            }
        }
    }
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

fn paragraph_count(line: &str) -> usize {
    usize::from(!line.trim().is_empty())
}

/// One edit of the kind given at a line drawn at random, or at the first line after it that `only` accepts and that
/// gives a handle for the edit. Returns whether a line took it.
fn edit_somewhere(lines: &mut [String], edit: Edit, only: fn(&str) -> bool, rng: &mut Rng) -> bool {
    let start = rng.below(lines.len());
    for k in 0..lines.len() {
        let i = (start + k) % lines.len();
        if only(&lines[i]) {
            if let Some(edited) = apply(edit, &lines[i], rng) {
                lines[i] = edited;
                return true;
            }
        }
    }
    false
}

/// Whether a word at the start of a line would start a Markdown block (a list item, heading, quote, thematic break,
/// HTML, a table row), so a re-wrapped paragraph must not break before it.
fn starts_block(word: &str) -> bool {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    word.starts_with(['#', '-', '+', '*', '>', '|', '=', '<', '`', '~', '_', '['])
        || (rest.len() < word.len() && (rest == "." || rest == ")"))
}

/// A paragraph or list item wrapped at `width` columns; a list item's following lines are indented under its text.
fn rewrap(line: &str, width: usize) -> String {
    if line.starts_with('#') || line.trim().is_empty() {
        return line.to_string();
    }
    let indent = if line.starts_with("- ") { "  " } else { "" };
    let mut out = String::with_capacity(line.len() + 16);
    let mut column = 0;
    for (i, word) in line.split_whitespace().enumerate() {
        if i > 0 {
            if column + 1 + word.len() > width && !starts_block(word) {
                out.push('\n');
                out.push_str(indent);
                column = indent.len();
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(word);
        column += word.len();
    }
    out
}

/// 1234567 as "1,234,567".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn show_ms(ms: f64) -> String {
    match ms {
        m if m < 10.0 => format!("{m:.2}"),
        m if m < 100.0 => format!("{m:.1}"),
        m => format!("{m:.0}"),
    }
}

#[allow(clippy::cast_precision_loss)]
fn show_kib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "n/a".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

const SIZES: [(&str, usize); 2] = [("18k", 18_000), ("150k", 150_000)];

/// Shape 1: one edit per copy of the body, some of them hidden notes (inline and as blocks).
fn hidden(inputs: &mut Inputs, size: &str, target: usize) -> Shape {
    let mut rng = Rng(1);
    let parts = inputs.repeated(&["tcm"], target);
    let mut edited = parts.clone();
    for (k, part) in edited.iter_mut().enumerate() {
        let edit = match k % 3 {
            0 => Edit::InlineComment,
            1 => Edit::BlockComment,
            _ => REALISTIC[(k / 3) % REALISTIC.len()],
        };
        // Into a numbered paragraph, where a reviewer writes notes.
        edit_somewhere(part, edit, |line| line.starts_with(|c: char| c.is_ascii_digit()), &mut rng);
    }
    inputs.pair(&format!("hidden-{size}"), &join(parts.iter().flatten()), &join(edited.iter().flatten()))
}

/// Shape 2: one ordinary edit per 1,500 words, the kinds taking turns.
fn edit_per_1500(inputs: &mut Inputs, target: usize) -> (String, String) {
    let parts = inputs.repeated(&["tcm"], target);
    let mut lines: Vec<String> = parts.concat();
    scatter(&mut lines, 1500, word_count, &REALISTIC, &mut Rng(2));
    (join(parts.iter().flatten()), join(&lines))
}

/// Shape 3: every paragraph re-wrapped at a width of its own; the same words.
fn rewrapped(inputs: &mut Inputs, size: &str, target: usize) -> Shape {
    let mut rng = Rng(3);
    let parts = inputs.repeated(&["tcm"], target);
    let lines: Vec<String> =
        parts.iter().flatten().map(|l| apply(Edit::Rewrap, l, &mut rng).unwrap_or(l.clone())).collect();
    inputs.pair(&format!("rewrapped-{size}"), &join(parts.iter().flatten()), &join(&lines))
}

/// Shape 4: 30% of the paragraphs edited, drawn at random, the kinds taking turns.
fn edited_30pct(inputs: &mut Inputs, size: &str, target: usize) -> Shape {
    let mut rng = Rng(4);
    let parts = inputs.repeated(&["tcm"], target);
    let mut lines: Vec<String> = parts.concat();
    let mut done = 0;
    for line in &mut lines {
        if editable(line) && rng.below(100) < 30 {
            let first = done % REALISTIC.len();
            // A line no kind of edit fits (a signature line) is left as it is.
            if let Some(edited) =
                (0..REALISTIC.len()).find_map(|k| apply(REALISTIC[(first + k) % REALISTIC.len()], line, &mut rng))
            {
                *line = edited;
                done += 1;
            }
        }
    }
    inputs.pair(&format!("edited-30pct-{size}"), &join(parts.iter().flatten()), &join(&lines))
}

/// Shape 5: an MOU combining programs (the bodies of several templates in turn), one edit per 400 words.
fn combined(inputs: &mut Inputs, size: &str, target: usize) -> Shape {
    let templates = ["base", "ihss", "smhs", "dmc-ods", "wic", "lhd", "first5", "tcm"];
    let parts = inputs.repeated(&templates, target);
    let mut lines: Vec<String> = parts.concat();
    scatter(&mut lines, 400, word_count, &REALISTIC, &mut Rng(5));
    inputs.pair(&format!("combined-{size}"), &join(parts.iter().flatten()), &join(&lines))
}

/// Shape 6: the `edit-per-1500` pair as Word files; the baseline converts both to plain text before git compares them.
fn docx(inputs: &mut Inputs, size: &str, target: usize) -> Option<Shape> {
    let name = format!("docx-{size}");
    if !Command::new("pandoc").arg("--version").output().is_ok_and(|o| o.status.success()) {
        println!("{name}: skipped, pandoc is not installed");
        return None;
    }
    let (a, b) = edit_per_1500(inputs, target);
    let dir = inputs.folder(&name);
    for (md, text) in [("a.md", &a), ("b.md", &b)] {
        std::fs::write(dir.join(md), text).unwrap();
        let docx = md.replace(".md", ".docx");
        // A fixed date, so that pandoc writes the same bytes on every run.
        let st =
            Command::new("pandoc").args([md, "-o", &docx]).env("SOURCE_DATE_EPOCH", "0").current_dir(&dir).status();
        assert!(st.is_ok_and(|s| s.success()), "pandoc {md}");
    }
    let baseline = "pandoc -t plain a.docx -o a.txt && pandoc -t plain b.docx -o b.txt && \
                    git diff --no-index --word-diff=porcelain a.txt b.txt";
    Some(Shape {
        words: thousands(a.split_whitespace().count()),
        mou: vec![MouRun {
            label: name.clone(),
            json: name.clone(),
            cmd: Cmd::mou(&dir, &["check", "--format", "json", "--against", "a.docx", "b.docx"]),
            files: 1,
        }],
        git: Cmd::new("sh", &dir, &["-c", baseline]),
        name,
        note: Some("docx: git's time includes pandoc converting both Word files to plain text."),
    })
}

/// Shape 7: a contracts repository of `n` MOUs of about 8,000 words against one official text, checked through
/// `mou.toml` and with the files named; the baseline is one git word diff of two folders.
fn repo(inputs: &mut Inputs, n: usize) -> Shape {
    let name = format!("repo-{n}");
    let mut rng = Rng(7);
    let official = inputs.repeated(&["base"], 8_000).concat();
    let dir = inputs.folder(&name);
    for sub in ["official", "mous", "base"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("official/official.md"), join(&official)).unwrap();
    std::fs::write(dir.join("mou.toml"), "[[glob]]\ndocuments = \"mous/*.md\"\nagainst = \"official/official.md\"\n")
        .unwrap();
    let mut files = Vec::with_capacity(n);
    for i in 0..n {
        let mut lines = official.clone();
        let edits = rng.below(4);
        if i % 7 == 0 {
            assert!(edit_somewhere(&mut lines, Edit::Weaken, editable, &mut rng));
        }
        for _ in 0..edits {
            // Edits that weaken nothing: a sentence added, or a paragraph re-wrapped (list items left alone, since a
            // sentence added after one can read as the item replaced).
            let edit = if rng.below(2) == 0 { Edit::AddSentence } else { Edit::Rewrap };
            edit_somewhere(&mut lines, edit, |line| editable(line) && !line.starts_with("- "), &mut rng);
        }
        let file = format!("mou-{i:04}.md");
        std::fs::write(dir.join("mous").join(&file), join(&lines)).unwrap();
        let copy = dir.join("base").join(&file);
        if std::fs::hard_link(dir.join("official/official.md"), &copy).is_err() {
            std::fs::copy(dir.join("official/official.md"), &copy).unwrap();
        }
        files.push(format!("mous/{file}"));
    }
    let mut named = vec!["check", "--format", "json", "--against", "official/official.md"];
    named.extend(files.iter().map(String::as_str));
    Shape {
        words: format!("{} × {}", thousands(n), thousands(official.iter().map(|l| word_count(l)).sum())),
        mou: vec![
            MouRun {
                label: format!("{name}, mou.toml"),
                json: name.clone(),
                cmd: Cmd::mou(&dir, &["check", "--format", "json"]),
                files: n,
            },
            MouRun {
                label: format!("{name}, files named"),
                json: format!("{name}-named"),
                cmd: Cmd::mou(&dir, &named),
                files: n,
            },
        ],
        git: Cmd::git_word_diff(&dir, "base/", "mous/"),
        name,
        note: Some(
            "repo: git compares a folder holding the official text under each MOU's name with the folder of MOUs; mou \
             checks the MOUs in parallel and git one after the other, so this ratio moves with the cores other work \
             leaves free.",
        ),
    }
}

/// Shape 8: 200,000 short paragraphs, one edit per 1,000 of them.
fn short_paragraphs(inputs: &mut Inputs) -> Shape {
    let mut rng = Rng(8);
    let mut lines = Vec::with_capacity(400_000);
    for n in 1..=200_000 {
        // Short, so that 200,000 of them stay well under the 8 MiB of text `mou` reads in one document.
        let days = DAYS[rng.below(DAYS.len())].0;
        lines.push(match rng.below(7) {
            0 => format!("Item {n} shall be kept."),
            1 => format!("Record {n} must be filed."),
            2 => format!("The County shall review case {n}."),
            3 => format!("MCP must notify LGA of referral {n}."),
            4 => format!("Entry {n} may be shared."),
            5 => format!("Notice {n} is due within {days} days."),
            _ => format!("Log {n} must be kept."),
        });
        lines.push(String::new());
    }
    let base = join(&lines);
    let kinds = [Edit::Weaken, Edit::Days, Edit::AddSentence, Edit::ReplaceWord, Edit::DeleteParagraph];
    scatter(&mut lines, 1000, paragraph_count, &kinds, &mut rng);
    inputs.pair("short-paragraphs", &base, &join(&lines))
}

/// The load average over the last minute, when the system tells it.
fn load() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().next().unwrap_or("n/a").to_string()
}

/// The machine the bench ran on, in one line.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let read = |path: &str, key: &str| {
        std::fs::read_to_string(path).ok()?.lines().find_map(|l| {
            l.strip_prefix(key)
                .map(|v| v.trim_start_matches([' ', '\t', ':', '=']).trim_matches('"').trim().to_string())
        })
    };
    let mut parts = vec![format!("{cores} cores")];
    parts.extend(read("/proc/cpuinfo", "model name"));
    #[allow(clippy::cast_precision_loss)]
    parts.extend(
        read("/proc/meminfo", "MemTotal")
            .and_then(|m| m.trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kib| format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0)),
    );
    parts.extend(read("/etc/os-release", "PRETTY_NAME"));
    let git =
        Command::new("git").arg("--version").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    parts.extend(git.ok());
    parts.join(", ")
}

/// Runs one shape: checks every command once, then times them side by side, and prints what it found.
fn run(shape: &Shape, json_dir: Option<&Path>) -> (Vec<Row>, Vec<String>) {
    let mut slowest = Duration::ZERO;
    for run in &shape.mou {
        let (out, took) = run.cmd.checked_output();
        slowest = slowest.max(took);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
        let s = &report["summary"];
        assert_eq!(s["files"].as_u64(), Some(run.files as u64), "{}: documents checked", run.label);
        if s["errors"].as_u64() != Some(0) {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
            panic!("{}: some documents could not be checked", run.label);
        }
        println!(
            "{}: {} attestable, {} redline required, {} weaken; findings: {} weakenings, {} modifications, {} additions, \
             {} cosmetic",
            run.label,
            s["attestable"],
            s["redline_required"],
            s["weakens_required_provisions"],
            s["weakenings"],
            s["modifications"],
            s["additions"],
            s["cosmetic"],
        );
        if let Some(dir) = json_dir {
            std::fs::write(dir.join(format!("{}.json", run.json)), &out.stdout).unwrap();
        }
    }
    slowest = slowest.max(shape.git.checked_output().1);
    let rounds = match slowest.as_millis() {
        0..100 => 15,
        100..500 => 9,
        500..2000 => 5,
        _ => 3,
    };
    let mut cmds: Vec<&Cmd> = shape.mou.iter().map(|r| &r.cmd).collect();
    cmds.push(&shape.git);
    let repeats: Vec<Vec<Duration>> = (0..REPEATS).map(|_| medians_in_turns(&cmds, rounds)).collect();
    let git = shape.mou.len();
    let of = |i: usize| -> Vec<Duration> { repeats.iter().map(|r| r[i]).collect() };
    let ratios =
        |i: usize, j: usize| -> Vec<f64> { repeats.iter().map(|r| r[i].as_secs_f64() / r[j].as_secs_f64()).collect() };
    let mut rows = Vec::new();
    for (i, run) in shape.mou.iter().enumerate() {
        let row = Row {
            label: run.label.clone(),
            words: shape.words.clone(),
            mou_ms: ms(median(of(i))),
            git_ms: ms(median(of(git))),
            ratio: spread(&ratios(i, git)),
            peak_kib: run.cmd.peak_kib(),
        };
        println!(
            "{}: {} words; mou {} ms, git {} ms; ratio {:.2} ({:.2}–{:.2}); mou peak memory {} [{REPEATS} × {rounds} rounds]",
            row.label,
            row.words,
            show_ms(row.mou_ms),
            show_ms(row.git_ms),
            row.ratio.0,
            row.ratio.1,
            row.ratio.2,
            show_kib(row.peak_kib)
        );
        rows.push(row);
    }
    let mut extra = Vec::new();
    if shape.mou.len() == 2 {
        let (m, lo, hi) = spread(&ratios(0, 1));
        let variant = |r: &MouRun| r.label.strip_prefix(&format!("{}, ", shape.name)).unwrap_or(&r.label).to_string();
        extra.push(format!(
            "{}: {} / {}: {m:.2} ({lo:.2}–{hi:.2})",
            shape.name,
            variant(&shape.mou[0]),
            variant(&shape.mou[1])
        ));
        println!("{}", extra[0]);
    }
    (rows, extra)
}

fn main() {
    let started = Instant::now();
    assert!(mou().exists(), "build first: cargo build --release");
    // `cargo bench` passes `--bench`; any other argument selects shapes by substring.
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let json_dir = std::env::var_os("MOU_BENCH_JSON_DIR").map(PathBuf::from);
    if let Some(dir) = &json_dir {
        std::fs::create_dir_all(dir).unwrap();
    }
    println!("binary: {}", mou().strip_prefix(root()).unwrap_or(&mou()).display());
    let load_at_start = load();
    let mut inputs = Inputs { dir: root().join("target/bench"), bodies: HashMap::new() };
    std::fs::create_dir_all(&inputs.dir).unwrap();

    type Make = Box<dyn Fn(&mut Inputs) -> Option<Shape>>;
    let mut shapes: Vec<(String, Make)> = Vec::new();
    for (size, target) in SIZES {
        shapes.push((format!("hidden-{size}"), Box::new(move |i| Some(hidden(i, size, target)))));
    }
    for (size, target) in SIZES {
        shapes.push((
            format!("edit-per-1500-{size}"),
            Box::new(move |i| {
                let (a, b) = edit_per_1500(i, target);
                Some(i.pair(&format!("edit-per-1500-{size}"), &a, &b))
            }),
        ));
    }
    for (size, target) in SIZES {
        shapes.push((format!("rewrapped-{size}"), Box::new(move |i| Some(rewrapped(i, size, target)))));
    }
    for (size, target) in SIZES {
        shapes.push((format!("edited-30pct-{size}"), Box::new(move |i| Some(edited_30pct(i, size, target)))));
    }
    for (size, target) in SIZES {
        shapes.push((format!("combined-{size}"), Box::new(move |i| Some(combined(i, size, target)))));
    }
    for (size, target) in SIZES {
        shapes.push((format!("docx-{size}"), Box::new(move |i| docx(i, size, target))));
    }
    for n in [500, 2000] {
        shapes.push((format!("repo-{n}"), Box::new(move |i| Some(repo(i, n)))));
    }
    shapes.push(("short-paragraphs".to_string(), Box::new(|i| Some(short_paragraphs(i)))));

    let (mut rows, mut extra, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    for (name, make) in &shapes {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let Some(shape) = make(&mut inputs) else { continue };
        let (r, e) = run(&shape, json_dir.as_deref());
        rows.extend(r);
        extra.extend(e);
        if let Some(note) = shape.note.filter(|n| !notes.contains(n)) {
            notes.push(note);
        }
    }
    let peak = |label: &str| rows.iter().find(|r| r.label == label).and_then(|r| r.peak_kib);
    if let (Some(small), Some(large)) = (peak("repo-500, mou.toml"), peak("repo-2000, mou.toml")) {
        #[allow(clippy::cast_precision_loss)]
        let growth = (large as f64 - small as f64) / 1024.0;
        extra.push(format!(
            "repo, mou.toml: peak memory {} for 500 MOUs, {} for 2,000 ({growth:+.1} MiB)",
            show_kib(Some(small)),
            show_kib(Some(large))
        ));
    }

    println!();
    println!("machine: {}", machine());
    println!();
    let mut table = String::from(
        "| shape | words | mou ms | git ms | ratio (median) | spread | mou peak memory |\n|---|---|---|---|---|---|---|\n",
    );
    for r in &rows {
        let _ = writeln!(
            table,
            "| {} | {} | {} | {} | {:.2} | {:.2}–{:.2} | {} |",
            r.label,
            r.words,
            show_ms(r.mou_ms),
            show_ms(r.git_ms),
            r.ratio.0,
            r.ratio.1,
            r.ratio.2,
            show_kib(r.peak_kib)
        );
    }
    print!("{table}");
    if !extra.is_empty() || !notes.is_empty() {
        println!();
    }
    for line in extra.iter().map(String::as_str).chain(notes) {
        println!("- {line}");
    }
    println!();
    // Other work on the machine moves the times (less the ratios, which are taken side by side).
    println!("load average over a minute, at the start and the end: {load_at_start}, {}", load());
    println!("bench wall time: {:.0} s", started.elapsed().as_secs_f64());
}
