//! `mou redline`: the redline submission, in the format the output file's name asks for.

use crate::args::{RedlineArgs, RedlineFormat};
use crate::check::{check_file, shared_baseline};
use mou::output::write_atomic;
use mou::redline::{self, critic, html};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &RedlineArgs) -> anyhow::Result<ExitCode> {
    let format = args
        .format
        .or_else(|| match args.output.as_ref()?.extension()?.to_str()? {
            "html" | "htm" => Some(RedlineFormat::Html),
            "docx" => Some(RedlineFormat::Docx),
            "md" | "markdown" => Some(RedlineFormat::Md),
            _ => None,
        })
        .unwrap_or(RedlineFormat::Md);
    let output: PathBuf = args.output.clone().unwrap_or_else(|| {
        let stem = args.edited.file_stem().map_or_else(|| "mou".into(), |s| s.to_string_lossy().into_owned());
        args.edited.with_file_name(format!("{stem}.redline.{}", format.extension()))
    });
    let date = match &args.date {
        Some(d) => mou::date::Date::parse(d)
            .ok_or_else(|| anyhow::anyhow!("--date {d}: expected a date like 2026-01-15"))?
            .to_string(),
        None => redline::today(),
    };
    let shared = shared_baseline(&args.baseline)?;
    let report = check_file(&args.edited, shared.as_ref(), &args.baseline)?;
    let red = redline::build(&report, &date, report.parties.clone());
    let bytes = match format {
        RedlineFormat::Md => critic::render(&red).into_bytes(),
        RedlineFormat::Html => html::render(&red, html::Options { show_cosmetic: args.show_cosmetic }).into_bytes(),
        RedlineFormat::Docx => mou::word::redline_docx(&red, &args.author, &date),
    };
    let mut inputs = vec![args.edited.as_path()];
    inputs.extend(args.baseline.against.as_deref());
    inputs.extend(args.baseline.party.as_deref());
    write_atomic(&output, &bytes, args.force, &inputs)?;
    anstream::eprintln!(
        "wrote {} ({}; {} changes listed)",
        output.display(),
        report.verdict.as_str(),
        red.summary().len()
    );
    Ok(ExitCode::SUCCESS)
}
