//! Timing of `mou check` against `git diff --no-index --word-diff=porcelain` on the same pairs of files, in one
//! run, reported as ratios. Run with `scripts/bench.sh` (or `cargo bench --bench check` after
//! `cargo build --release`). Timings are printed, never asserted.
//!
//! The inputs are generated from the bundled TCM template: about 18,000 words (a long MOU with exhibits) and about
//! 150,000 words, each with scattered edits; and 500 MOUs of about 3,000 words each.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary measured: `MOU_BIN`, or the default release build.
fn mou() -> PathBuf {
    std::env::var_os("MOU_BIN")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/mou"), PathBuf::from)
}

fn run(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let status = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().expect("run");
    assert!(status.code().is_some(), "killed");
    start.elapsed()
}

/// The median of `n` runs.
fn median(n: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut v: Vec<Duration> = (0..n).map(|_| f()).collect();
    v.sort();
    v[n / 2]
}

/// The medians of `n` runs of two commands, run in turn so that both see the machine in the same state.
fn medians_side_by_side(
    n: usize,
    mut a: impl FnMut() -> Duration,
    mut b: impl FnMut() -> Duration,
) -> (Duration, Duration) {
    let (mut va, mut vb) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        va.push(a());
        vb.push(b());
    }
    va.sort();
    vb.sort();
    (va[n / 2], vb[n / 2])
}

/// Peak resident memory of one run in KiB, when GNU time is installed.
fn peak_kib(args: &[&str]) -> Option<u64> {
    let out =
        Command::new("/usr/bin/time").arg("-f").arg("%M").arg(mou()).args(args).stdout(Stdio::null()).output().ok()?;
    String::from_utf8_lossy(&out.stderr).lines().last()?.trim().parse().ok()
}

/// The bundled TCM draft's body, without front matter.
fn template_body(dir: &Path) -> String {
    let party = dir.join("p.toml");
    let init = Command::new(mou()).args(["init", "tcm"]).output().expect("mou init");
    std::fs::write(&party, init.stdout).unwrap();
    let draft = dir.join("draft.md");
    let st = Command::new(mou())
        .arg("build")
        .arg(&party)
        .arg("-o")
        .arg(&draft)
        .arg("--force")
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let text = std::fs::read_to_string(&draft).unwrap();
    let end = text[4..].find("\n---\n").map_or(0, |i| i + 9);
    text[end..].to_string()
}

/// `copies` copies of the body, sections renumbered, and an edited version with a few scattered edits.
fn pair(body: &str, copies: usize) -> (String, String) {
    let mut base = String::new();
    for k in 0..copies {
        for line in body.lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                if let Some((num, title)) = rest.split_once(". ") {
                    if let Ok(n) = num.parse::<usize>() {
                        base.push_str(&format!("## {}. {title}\n", n + 100 * k));
                        continue;
                    }
                }
            }
            base.push_str(line);
            base.push('\n');
        }
        base.push('\n');
    }
    let mut edited = base.clone();
    // Scattered edits: a deadline lengthened, a modal weakened, an addition, every few thousand words.
    let step = edited.len() / 6;
    for i in 1..6 {
        let at = edited[i * step..].find("MCP must ").map(|p| p + i * step);
        if let Some(p) = at {
            edited.replace_range(p..p + 9, "MCP may ");
        }
    }
    edited = edited.replacen("within five (5) Working Days", "within ten (10) Working Days", 3);
    edited.push_str("\n99.1 The Parties will meet once a year to review this MOU.\n");
    (base, edited)
}

fn main() {
    assert!(mou().exists(), "build first: cargo build --release");
    println!("binary: {}", mou().strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&mou()).display());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let body = template_body(&dir);
    let words = body.split_whitespace().count();
    println!(
        "machine: {} cores; template body {words} words",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for (name, target) in [("18k", 18_000usize), ("150k", 150_000)] {
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let copies = ((target as f64 / words as f64).round() as usize).max(1);
        let (a, b) = pair(&body, copies);
        let (pa, pb) = (dir.join(format!("{name}-official.md")), dir.join(format!("{name}-edited.md")));
        std::fs::write(&pa, &a).unwrap();
        std::fs::write(&pb, &b).unwrap();
        let (t_mou, t_git) = medians_side_by_side(
            41,
            || run(Command::new(mou()).args(["check", "--format", "json", "--against"]).arg(&pa).arg(&pb)),
            || run(Command::new("git").args(["diff", "--no-index", "--word-diff=porcelain"]).arg(&pa).arg(&pb)),
        );
        let mem = peak_kib(&["check", "--format", "json", "--against", pa.to_str().unwrap(), pb.to_str().unwrap()]);
        println!(
            "{name}: {} words; mou check {:.1} ms, git word diff {:.1} ms, ratio mou/git {:.2}; mou peak memory {}",
            a.split_whitespace().count(),
            t_mou.as_secs_f64() * 1000.0,
            t_git.as_secs_f64() * 1000.0,
            t_mou.as_secs_f64() / t_git.as_secs_f64(),
            mem.map_or_else(|| "n/a (no /usr/bin/time)".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
        );
    }
    // Pathological pairs: a fully rewritten 150,000-word document, and 10,000 tiny paragraphs.
    let big = std::fs::read_to_string(dir.join("150k-official.md")).unwrap();
    let mut seed = 7u64;
    let vocab: Vec<&str> = big.split_whitespace().filter(|w| w.chars().all(char::is_alphabetic)).collect();
    let mut rewritten = String::new();
    for k in 0..150_000 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        rewritten.push_str(vocab[(seed >> 33) as usize % vocab.len()]);
        rewritten.push_str(if k % 60 == 59 { ".\n\n" } else { " " });
    }
    let rw = dir.join("rewritten-150k.md");
    std::fs::write(&rw, rewritten).unwrap();
    let t = median(3, || {
        run(Command::new(mou())
            .args(["check", "--format", "json", "--against"])
            .arg(dir.join("150k-official.md"))
            .arg(&rw))
    });
    println!("fully rewritten 150k-word document: mou check {:.0} ms", t.as_secs_f64() * 1000.0);
    let tiny: Vec<String> = (0..10_000).map(|i| format!("Item {i} shall be kept.")).collect();
    let edited: Vec<String> =
        tiny.iter().enumerate().map(|(i, t)| if i % 97 == 0 { t.replace("shall", "may") } else { t.clone() }).collect();
    let (ta, tb) = (dir.join("tiny-official.md"), dir.join("tiny-edited.md"));
    std::fs::write(&ta, tiny.join("\n\n")).unwrap();
    std::fs::write(&tb, edited.join("\n\n")).unwrap();
    let t = median(5, || run(Command::new(mou()).args(["check", "--format", "json", "--against"]).arg(&ta).arg(&tb)));
    println!("10,000 tiny paragraphs (104 weakened): mou check {:.0} ms", t.as_secs_f64() * 1000.0);

    // 500 MOUs of about 3,000 words each, against one official text.
    let small: String = body.split_whitespace().take(3000).collect::<Vec<_>>().join(" ");
    let small = small.replace(". ", ".\n\n");
    let official = dir.join("500-official.md");
    std::fs::write(&official, &small).unwrap();
    let many = dir.join("500");
    std::fs::create_dir_all(&many).unwrap();
    let mut files = Vec::new();
    for i in 0..500 {
        let p = many.join(format!("mou-{i:03}.md"));
        let text = if i % 7 == 0 { small.replacen("MCP must ", "MCP may ", 1) } else { small.clone() };
        std::fs::write(&p, text).unwrap();
        files.push(p);
    }
    let t = median(5, || {
        run(Command::new(mou()).args(["check", "--format", "json", "--against"]).arg(&official).args(&files))
    });
    println!("500 MOUs of 3,000 words: mou check {:.0} ms", t.as_secs_f64() * 1000.0);
}
