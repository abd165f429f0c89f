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

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let shared = shared_baseline(&args.baseline)?;
    let mut reports: Vec<FileReport> = Vec::new();
    let mut errors: Vec<FileError> = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        match check_file(path, shared.as_ref(), &args.baseline) {
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
