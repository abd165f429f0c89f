//! `mou redline`: the redline submission, in the format the output file's name asks for.

use crate::args::{RedlineArgs, RedlineFormat};
use crate::check::{check_file, shared_baseline};
use mou::output::write_atomic;
use mou::redline::{self, critic, html};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &RedlineArgs) -> anyhow::Result<ExitCode> {
    let format = crate::outfile::format_for(
        args.output.as_deref(),
        args.format,
        &[
            ("md", RedlineFormat::Md),
            ("markdown", RedlineFormat::Md),
            ("html", RedlineFormat::Html),
            ("htm", RedlineFormat::Html),
            ("docx", RedlineFormat::Docx),
        ],
        RedlineFormat::Md,
    )?;
    let output: PathBuf = args.output.clone().unwrap_or_else(|| {
        let stem = args.edited.file_stem().map_or_else(|| "mou".into(), |s| s.to_string_lossy().into_owned());
        args.edited.with_file_name(format!("{stem}.redline.{}", format.extension()))
    });
    let date = crate::args::document_date(args.date.as_deref())?;
    let shared = shared_baseline(&args.baseline)?;
    let report = check_file(&args.edited, shared.as_ref(), &args.baseline)?;
    let red = redline::build(&report, &date, report.parties.clone());
    let bytes = match format {
        RedlineFormat::Md => critic::render(&red).into_bytes(),
        RedlineFormat::Html => html::render(&red, html::Options { show_cosmetic: args.show_cosmetic }).into_bytes(),
        RedlineFormat::Docx => mou::word::redline_docx(&red, &args.author, &date),
    };
    write_atomic(&output, &bytes, args.force, &crate::check::inputs_of(&args.edited, &report))?;
    crate::diag::wrote(format!(
        "{} ({}; {} changes listed)",
        output.display(),
        report.verdict.as_str(),
        red.summary().len()
    ));
    Ok(ExitCode::SUCCESS)
}
