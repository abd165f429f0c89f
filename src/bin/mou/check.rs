//! `mou check`: compare edited MOUs with their baseline and report every change.

use crate::args::{BaselineArgs, CheckArgs, ReportFormat};
use mou::check::{check, Baseline, FileReport};
use mou::report::{self, FileError};
use mou::rules::{Kind, Verdict};
use std::io::Write;
use std::process::ExitCode;

/// The baseline the options name, if they name one; without one, each draft names its own.
pub fn shared_baseline(args: &BaselineArgs) -> mou::Result<Option<Baseline>> {
    let templates = args.templates.as_deref();
    Ok(if let Some(path) = &args.against {
        Some(Baseline::from_file(path)?)
    } else if let Some(party) = &args.party {
        Some(Baseline::from_party(party, templates)?)
    } else if !args.template.is_empty() {
        let ids: Vec<String> = args.template.iter().flat_map(|t| t.split(',')).map(|s| s.trim().to_string()).collect();
        Some(Baseline::from_template(&ids, templates)?)
    } else {
        None
    })
}

/// Checks one file against the shared baseline or the one its front matter names.
pub fn check_file(path: &std::path::Path, shared: Option<&Baseline>, args: &BaselineArgs) -> mou::Result<FileReport> {
    let doc = mou::document::load(path)?;
    let own;
    let (baseline, notes) = match shared {
        Some(b) => (b, Vec::new()),
        None => {
            let (b, notes) = Baseline::from_front_matter(&doc, path, args.templates.as_deref())?;
            own = b;
            (&own, notes)
        }
    };
    let mut r = check(baseline, doc, &path.display().to_string());
    r.notes.extend(notes);
    Ok(r)
}

/// Checks every file, spreading them over the machine's cores, and returns the results in the files' order.
pub fn check_all(
    files: &[std::path::PathBuf],
    shared: Option<&Baseline>,
    args: &BaselineArgs,
) -> Vec<mou::Result<FileReport>> {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(files.len()).max(1);
    if workers == 1 {
        return files.iter().map(|p| check_file(p, shared, args)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<mou::Result<FileReport>>> = (0..files.len()).map(|_| None).collect();
    let done: Vec<Vec<(usize, mou::Result<FileReport>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, check_file(path, shared, args)));
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
}

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let shared = shared_baseline(&args.baseline)?;
    let mut reports: Vec<FileReport> = Vec::new();
    let mut errors: Vec<FileError> = Vec::new();
    // Files are checked in parallel, one worker per core; results keep the order the files were named in.
    let results = check_all(&args.files, shared.as_ref(), &args.baseline);
    for (path, result) in args.files.iter().zip(results) {
        let name = path.display().to_string();
        match result {
            Ok(r) => reports.push(r),
            Err(e) => {
                // One broken file does not stop the others; it makes the exit code 2 at the end.
                anstream::eprintln!("error: {e}");
                errors.push(FileError { path: name, error: e.to_string() });
            }
        }
    }
    let text = match args.format {
        ReportFormat::Human => report::human::render(
            &reports,
            &errors,
            report::human::Style { color: true, show_cosmetic: args.show_cosmetic },
        ),
        ReportFormat::Json => report::json::render(&reports, &errors),
        ReportFormat::Sarif => report::sarif::render(&reports),
        ReportFormat::Github => report::github::render(&reports, &errors),
    };
    let mut out = anstream::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    let fails = reports
        .iter()
        .any(|r| r.verdict == Verdict::WeakensRequiredProvisions || (args.strict && r.count(Kind::Modification) > 0));
    Ok(if !errors.is_empty() {
        ExitCode::from(2)
    } else if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
