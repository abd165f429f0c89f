//! `mou check`: compare edited MOUs with their baseline and report every change. Named files are checked against
//! the baseline the options name (or their own front matter); in a contracts repository, the MOUs its `mou.toml`
//! lists are checked, each against its own baseline, with waivers and the baseline of known findings applied.

use crate::args::{BaselineArgs, CheckArgs, ReportFormat};
use mou::check::{check, Baseline, FileReport};
use mou::paths::Root;
use mou::report::{self, FileError, Outcome};
use mou::waivers::{triage, Checked, KnownFindings, Waivers};
use mou::workspace::{BaselineSpec, Workspace};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The baseline the options name, if they name one; without one, each draft names its own.
pub fn shared_baseline(args: &BaselineArgs) -> mou::Result<Option<Baseline>> {
    let templates = args.templates.as_deref();
    Ok(if !args.against.is_empty() {
        Some(Baseline::from_files(&args.against)?)
    } else if let Some(party) = &args.party {
        Some(Baseline::from_party(party, templates, None)?)
    } else if !args.template.is_empty() {
        Some(Baseline::from_template(&template_ids(&args.template), templates)?)
    } else {
        None
    })
}

fn template_ids(given: &[String]) -> Vec<String> {
    given.iter().flat_map(|t| t.split(',')).map(|s| s.trim().to_string()).collect()
}

/// One file to check: where it is, how reports name it, and what it is compared with.
pub struct Job<'a> {
    /// The file, as this process reaches it.
    pub path: PathBuf,
    /// The name reports give it.
    pub name: String,
    /// What it is compared with.
    pub baseline: JobBaseline<'a>,
    /// The root its paths must stay inside when `mou.toml` named them; `None` for a file named on the command line.
    pub within: Option<&'a Root>,
}

/// What a job's file is compared with.
pub enum JobBaseline<'a> {
    /// A baseline built once for every file that shares it.
    Shared(&'a Baseline),
    /// A shared baseline that could not be built: each file that needs it reports this error.
    Broken(&'a mou::InputError),
    /// The templates rendered with this party file.
    Party(PathBuf),
    /// The file's own `mou build` front matter.
    FrontMatter,
}

/// Checks one file against the shared baseline or the one its front matter names.
pub fn check_file(path: &Path, shared: Option<&Baseline>, args: &BaselineArgs) -> mou::Result<FileReport> {
    let job = Job {
        path: path.to_path_buf(),
        name: path.display().to_string(),
        baseline: shared.map_or(JobBaseline::FrontMatter, JobBaseline::Shared),
        within: None,
    };
    check_job(&job, args.templates.as_deref())
}

/// Every file and folder a check of `edited` read: the file itself, and what its baseline was read from. An output
/// file must never replace one of them.
pub fn inputs_of<'a>(edited: &'a Path, report: &'a FileReport) -> Vec<&'a Path> {
    std::iter::once(edited).chain(report.baseline_inputs.iter().map(PathBuf::as_path)).collect()
}

fn check_job(job: &Job<'_>, templates: Option<&Path>) -> mou::Result<FileReport> {
    // A file checked against a shared baseline is mostly its text: what they share is not read twice.
    let like = match &job.baseline {
        JobBaseline::Shared(b) => Some(&*b.raw),
        _ => None,
    };
    check_loaded(job, templates, mou::document::load_like(&job.path, job.within, like)?)
}

/// Checks a document already read from the job's file.
fn check_loaded(job: &Job<'_>, templates: Option<&Path>, doc: mou::document::Document) -> mou::Result<FileReport> {
    let own;
    let mut notes = Vec::new();
    let baseline = match &job.baseline {
        JobBaseline::Shared(b) => *b,
        JobBaseline::Broken(e) => return Err((*e).clone().into()),
        JobBaseline::Party(p) => {
            own = Baseline::from_party(p, templates, job.within)?;
            &own
        }
        JobBaseline::FrontMatter => {
            let (b, n) = Baseline::from_front_matter(&doc, &job.path, templates, job.within)?;
            own = b;
            notes = n;
            &own
        }
    };
    let mut r = check(baseline, doc, &job.name);
    r.notes.extend(notes);
    Ok(r)
}

/// A progress line on standard error (`[ 12/500] checking counties/x.md`), shown only on a terminal outside CI.
struct Progress {
    total: usize,
    started: AtomicUsize,
    /// The width of the last line written, so a shorter one can blank it out.
    last: std::sync::Mutex<usize>,
}

impl Progress {
    fn new(total: usize) -> Option<Progress> {
        let show = total > 1 && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        show.then(|| Progress { total, started: AtomicUsize::new(0), last: std::sync::Mutex::new(0) })
    }

    fn write(&self, line: &str) {
        let Ok(mut last) = self.last.lock() else { return };
        let width = line.chars().count();
        let pad = " ".repeat(last.saturating_sub(width));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}{pad}");
        let _ = err.flush();
        *last = width;
    }

    fn tick(&self, name: &str) {
        let n = self.started.fetch_add(1, Ordering::Relaxed) + 1;
        let digits = self.total.to_string().len();
        // Keep the line short enough not to wrap, which would defeat the carriage return.
        let chars: Vec<char> = mou::sanitize::inline(name).chars().collect();
        let name: String = if chars.len() > 56 {
            format!("…{}", chars[chars.len() - 55..].iter().collect::<String>())
        } else {
            name.into()
        };
        self.write(&format!("[{n:>digits$}/{}] checking {name}", self.total));
    }

    fn finish(&self) {
        self.write("");
        let _ = write!(std::io::stderr().lock(), "\r");
    }
}

/// Checks every job, spreading them over the machine's cores, and returns the results in the jobs' order. With
/// more than one job, each report keeps its findings only (see [`FileReport::keep_findings_only`]): a repository
/// of thousands of MOUs is checked in the memory of the few being read at a time. One file's documents are kept,
/// since freeing them would only cost time before the process exits.
pub fn check_all(jobs: &[Job<'_>], templates: Option<&Path>) -> Vec<mou::Result<FileReport>> {
    let progress = Progress::new(jobs.len());
    let many = jobs.len() > 1;
    let run = |job: &Job<'_>| {
        if let Some(p) = &progress {
            p.tick(&job.name);
        }
        check_job(job, templates).map(|mut r| {
            if many {
                r.keep_findings_only();
            }
            r
        })
    };
    // One file needs no workers, nor the look at the machine's cores that choosing their number costs.
    let workers = if jobs.len() <= 1 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(jobs.len())
    };
    let results: Vec<mou::Result<FileReport>> = if workers == 1 {
        jobs.iter().map(run).collect()
    } else {
        let next = AtomicUsize::new(0);
        let mut slots: Vec<Option<mou::Result<FileReport>>> = (0..jobs.len()).map(|_| None).collect();
        let done: Vec<Vec<(usize, mou::Result<FileReport>)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(job) = jobs.get(i) else { break };
                            mine.push((i, run(job)));
                        }
                        mine
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        for (i, r) in done.into_iter().flatten() {
            slots[i] = Some(r);
        }
        slots
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(mou::InputError::new("the file was not checked").into())))
            .collect()
    };
    if let Some(p) = &progress {
        p.finish();
    }
    results
}

/// Splits results into reports and errors; each error is also printed once on standard error.
fn collect(jobs: &[Job<'_>], results: Vec<mou::Result<FileReport>>) -> (Vec<FileReport>, Vec<FileError>, Vec<usize>) {
    let mut reports = Vec::new();
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (i, (job, result)) in jobs.iter().zip(results).enumerate() {
        match result {
            Ok(r) => {
                reports.push(r);
                checked.push(i);
            }
            Err(e) => {
                // One broken file does not stop the others; it makes the exit code 2 at the end. The error is
                // printed here, once; the human report only counts it.
                let error = FileError::new(&job.name, &job.path, &e.to_input_error());
                crate::diag::error(&error);
                errors.push(error);
            }
        }
    }
    (reports, errors, checked)
}

fn usage(message: String, help: &str) -> anyhow::Error {
    mou::Error::from(mou::InputError::new(message).help(help)).into()
}

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let named_baseline =
        !args.baseline.against.is_empty() || args.baseline.party.is_some() || !args.baseline.template.is_empty();
    let workspace_only = [
        (args.changed_since.is_some(), "--changed-since"),
        (args.waivers.is_some(), "--waivers"),
        (args.write_baseline.is_some(), "--write-baseline"),
        (args.no_baseline, "--no-baseline"),
    ]
    .into_iter()
    .find_map(|(on, flag)| on.then_some(flag));
    if named_baseline {
        if args.files.is_empty() {
            return Err(usage(
                "no file to check".into(),
                "name the edited files after the baseline option, e.g. mou check --against official.md edited.md",
            ));
        }
        if let Some(flag) = workspace_only {
            return Err(usage(
                format!("{flag} works on the MOUs a mou.toml lists, and cannot be combined with --against, --party or --template"),
                "leave out the baseline option: each MOU's baseline is in mou.toml",
            ));
        }
        return run_files(args);
    }
    // The workspace is found from the first path named (a folder, or a file's folder), else the current folder.
    let start = match args.files.first() {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => {
            p.parent().filter(|d| !d.as_os_str().is_empty() && d.is_dir()).map_or(PathBuf::from("."), Path::to_path_buf)
        }
        None => PathBuf::from("."),
    };
    match Workspace::discover(&start)? {
        Some(ws) => run_workspace(args, &ws),
        None => {
            let help = "create a mou.toml listing the MOUs (see the README), or name the files to check";
            if args.files.is_empty() {
                return Err(usage("no file named, and no mou.toml in this folder or any folder above it".into(), help));
            }
            if let Some(dir) = args.files.iter().find(|p| p.is_dir()) {
                return Err(usage(
                    format!("{} is a folder, and no mou.toml is in it or any folder above it", dir.display()),
                    help,
                ));
            }
            if let Some(flag) = workspace_only {
                return Err(usage(
                    format!("{flag} needs a contracts repository: a mou.toml in this folder or one above it"),
                    help,
                ));
            }
            run_files(args)
        }
    }
}

/// Named files, each against the shared baseline or its own front matter.
fn run_files(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let shared = shared_baseline(&args.baseline)?;
    let jobs: Vec<Job<'_>> = args
        .files
        .iter()
        .map(|p| Job {
            path: p.clone(),
            name: p.display().to_string(),
            baseline: shared.as_ref().map_or(JobBaseline::FrontMatter, JobBaseline::Shared),
            within: None,
        })
        .collect();
    // Files are checked in parallel, one worker per core; results keep the order the files were named in.
    let results = check_all(&jobs, args.baseline.templates.as_deref());
    let (reports, errors, _) = collect(&jobs, results);
    finish(args, Outcome::new(reports, errors))
}

/// Which MOUs of the workspace the paths on the command line select (all of them when none is named), and the
/// named paths that do not exist.
fn select<'w>(args: &CheckArgs, ws: &'w Workspace) -> (Vec<&'w mou::workspace::Mou>, Vec<FileError>) {
    if args.files.is_empty() {
        return (ws.mous.iter().collect(), Vec::new());
    }
    // Which MOUs read each file, so that a hook passing thousands of files looks each one up once.
    let mut readers: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, m) in ws.mous.iter().enumerate() {
        for key in ws.inputs(m) {
            readers.entry(key).or_default().push(i);
        }
    }
    let mut chosen = BTreeSet::new();
    let mut missing = Vec::new();
    for p in &args.files {
        if !p.exists() {
            // A mistyped path must not pass as "nothing to check".
            let error = FileError::message(&p.display().to_string(), "no such file or folder");
            crate::diag::error(&error);
            missing.push(error);
            continue;
        }
        let hits: Vec<usize> = match ws.key_of(p) {
            Some(key) if p.is_dir() => ws
                .mous
                .iter()
                .enumerate()
                .filter(|(_, m)| key.is_empty() || m.document.starts_with(&format!("{key}/")))
                .map(|(i, _)| i)
                .collect(),
            Some(key) => readers.get(&key).cloned().unwrap_or_default(),
            None => Vec::new(),
        };
        if hits.is_empty() && p.is_dir() {
            crate::diag::note(format!("{} holds no MOU that {} lists; skipped", p.display(), ws.manifest.display()));
        } else if hits.is_empty() {
            crate::diag::note(format!(
                "{} is not an MOU {} lists, nor a file one is checked against; skipped",
                p.display(),
                ws.manifest.display()
            ));
        }
        chosen.extend(hits);
    }
    (chosen.into_iter().map(|i| &ws.mous[i]).collect(), missing)
}

/// The MOUs of a contracts repository.
fn run_workspace(args: &CheckArgs, ws: &Workspace) -> anyhow::Result<ExitCode> {
    // The repository's own phrases join the rules' word lists for this run.
    mou::rules::lexicon::install(ws.lexicon.clone())
        .map_err(|e| mou::Error::from(mou::InputError::new(e).in_file(&ws.manifest)))?;
    for w in &ws.warnings {
        crate::diag::warning(w);
    }
    let writing = args.write_baseline.as_ref().map(|f| f.clone().unwrap_or_else(|| ws.baseline_file.clone()));
    if writing.is_some() && (!args.files.is_empty() || args.changed_since.is_some()) {
        return Err(usage(
            "--write-baseline records every MOU of the workspace, so it takes no path and no --changed-since".into(),
            "run `mou check --write-baseline` on its own",
        ));
    }
    if let Some(path) = writing.as_ref().filter(|p| p.exists() && !args.force) {
        return Err(usage(
            format!("{} already exists", path.display()),
            "pass --force to replace it with today's findings",
        ));
    }
    let (mut selected, missing) = select(args, ws);
    if let Some(rev) = &args.changed_since {
        let changed: BTreeSet<&str> = ws.changed_since(rev)?.into_iter().map(|m| m.document.as_str()).collect();
        selected.retain(|m| changed.contains(m.document.as_str()));
        if selected.is_empty() {
            crate::diag::note(format!("no MOU changed since {rev}"));
        }
    }
    let waivers = match &args.waivers {
        Some(path) => Waivers::load(path, None)?,
        None if ws.waivers_file.exists() => Waivers::load(&ws.waivers_file, Some(&ws.within))?,
        None => Waivers::default(),
    };
    let known = if writing.is_some() || args.no_baseline || !ws.baseline_file.exists() {
        KnownFindings::default()
    } else {
        KnownFindings::load(&ws.baseline_file, Some(&ws.within))?
    };
    let templates = args.baseline.templates.clone().or_else(|| ws.templates_dir.clone());
    // Waivers expire by today's date; a SOURCE_DATE_EPOCH that cannot be read stops the run before any work.
    let today = mou::date::today().map_err(mou::Error::from)?;

    // Official texts and bundled templates are built once for every MOU that shares them; party files and
    // front matter belong to one MOU each and are read in the workers.
    let mut shared: BTreeMap<&BaselineSpec, Result<Baseline, mou::InputError>> = BTreeMap::new();
    for m in &selected {
        // Each baseline is built once, however many MOUs share it.
        if shared.contains_key(&m.baseline) {
            continue;
        }
        let built = match &m.baseline {
            BaselineSpec::Against(p) => Baseline::from_file(&ws.path(p), Some(&ws.within)),
            BaselineSpec::Template(ids) => Baseline::from_template(ids, templates.as_deref()),
            BaselineSpec::Party(_) | BaselineSpec::FrontMatter => continue,
        };
        shared.insert(&m.baseline, built.map_err(|e| e.to_input_error()));
    }
    let jobs: Vec<Job<'_>> = selected
        .iter()
        .map(|m| {
            let path = ws.path(&m.document);
            Job {
                name: path.display().to_string(),
                baseline: match (&m.baseline, shared.get(&m.baseline)) {
                    (_, Some(Ok(b))) => JobBaseline::Shared(b),
                    (_, Some(Err(e))) => JobBaseline::Broken(e),
                    (BaselineSpec::Party(p), None) => JobBaseline::Party(ws.path(p)),
                    _ => JobBaseline::FrontMatter,
                },
                within: Some(&ws.within),
                path,
            }
        })
        .collect();
    let results = check_all(&jobs, templates.as_deref());
    let (reports, mut errors, checked) = collect(&jobs, results);
    errors.extend(missing);
    let documents: Vec<&str> = checked.iter().map(|&i| selected[i].document.as_str()).collect();
    let files: Vec<Checked<'_>> =
        documents.iter().zip(&reports).map(|(d, r)| Checked { document: d, findings: &r.findings }).collect();

    let known = match &writing {
        Some(path) => {
            let recorded = KnownFindings::record(files.iter().map(|f| (f.document, f.findings)), &today.to_string());
            // Every file the run read, so that no choice of FILE replaces mou.toml, a document or what it is
            // checked against.
            let mut read: Vec<PathBuf> = vec![ws.manifest.clone(), ws.waivers_file.clone()];
            read.extend(args.waivers.clone());
            read.extend(templates.clone());
            read.extend(ws.mous.iter().flat_map(|m| ws.inputs(m)).map(|k| ws.path(&k)));
            read.extend(jobs.iter().map(|j| j.path.clone()));
            read.extend(reports.iter().flat_map(|r| r.baseline_inputs.iter().cloned()));
            let read: Vec<&Path> = read.iter().map(PathBuf::as_path).collect();
            mou::output::write_atomic(path, recorded.to_json().as_bytes(), args.force, &read)?;
            crate::diag::wrote(format!(
                "{}: {} known {} in {} of {} MOUs",
                path.display(),
                recorded.len(),
                if recorded.len() == 1 { "finding" } else { "findings" },
                recorded.mous.len(),
                reports.len()
            ));
            recorded
        }
        None => known,
    };
    let listed: BTreeSet<String> = ws.mous.iter().map(|m| m.document.clone()).collect();
    let (triaged, stale) = triage(&files, &waivers, &known, today, &listed);
    drop(files);
    let waivers_file = args.waivers.clone().unwrap_or_else(|| ws.waivers_file.clone());
    let outcome = Outcome {
        reports,
        triage: triaged,
        errors,
        stale_waivers: stale,
        waivers_file: waivers_file.display().to_string(),
        workspace: true,
    };
    finish(args, outcome)
}

/// Writes the report and turns the outcome into the exit code.
fn finish(args: &CheckArgs, outcome: Outcome) -> anyhow::Result<ExitCode> {
    // The process ends right after the report: freeing every block of every document one by one would take
    // longer than the rest of a small check, and the operating system reclaims the memory at exit anyway.
    let outcome = &*Box::leak(Box::new(outcome));
    let text = match args.format {
        ReportFormat::Human => {
            report::human::render(outcome, report::human::Style { color: true, show_cosmetic: args.show_cosmetic })
        }
        ReportFormat::Json => report::json::render(outcome),
        ReportFormat::Sarif => report::sarif::render(outcome),
        ReportFormat::Github => report::github::render(outcome),
    };
    // SARIF has no place for a stale waiver: say it on standard error instead.
    if args.format == ReportFormat::Sarif {
        for s in &outcome.stale_waivers {
            crate::diag::warning(format!("{}:{}: stale waiver: {}", outcome.waivers_file, s.waiver.line, s.reason));
        }
    }
    // JSON and SARIF escape every control character, so they go out as they are; the text formats go through the
    // stream that keeps colours and escape sequences off anything but a terminal.
    if matches!(args.format, ReportFormat::Human | ReportFormat::Github) {
        let mut out = anstream::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(if !outcome.errors.is_empty() {
        ExitCode::from(2)
    } else if outcome.fails(args.strict) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
