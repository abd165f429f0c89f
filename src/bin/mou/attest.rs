//! `mou attest`: the attestation for an unmodified MOU, or a refusal that names what was modified.

use crate::args::{AttestArgs, RedlineFormat};
use crate::check::{check_file, shared_baseline};
use mou::output::write_atomic;
use std::process::ExitCode;

pub fn run(args: &AttestArgs) -> anyhow::Result<ExitCode> {
    // The attestation is Markdown: a name that asks for another format is refused before any work is done.
    let md = RedlineFormat::Md;
    crate::outfile::format_for(args.output.as_deref(), None, &[("md", md), ("markdown", md)], md)?;
    let date = crate::args::document_date(args.date.as_deref())?;
    let shared = shared_baseline(&args.baseline)?;
    let report = check_file(&args.edited, shared.as_ref(), &args.baseline)?;
    match mou::attest::attestation(&report, &date) {
        Ok(text) => {
            match &args.output {
                Some(path) => {
                    write_atomic(path, text.as_bytes(), args.force, &crate::check::inputs_of(&args.edited, &report))?;
                    crate::diag::wrote(path.display());
                }
                None => crate::outfile::write_stdout(text.as_bytes(), true)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(refusal) => {
            crate::diag::block("refused", &refusal.reason);
            Ok(ExitCode::from(1))
        }
    }
}
