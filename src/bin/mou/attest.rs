//! `mou attest`: the attestation for an unmodified MOU, or a refusal that names what was modified.

use crate::args::AttestArgs;
use crate::check::{check_file, shared_baseline};
use mou::output::write_atomic;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &AttestArgs) -> anyhow::Result<ExitCode> {
    let date = match &args.date {
        Some(d) => mou::date::Date::parse(d)
            .ok_or_else(|| anyhow::anyhow!("--date {d}: expected a date like 2026-01-15"))?
            .to_string(),
        None => mou::redline::today(),
    };
    let shared = shared_baseline(&args.baseline)?;
    let report = check_file(&args.edited, shared.as_ref(), &args.baseline)?;
    match mou::attest::attestation(&report, &date) {
        Ok(text) => {
            match &args.output {
                Some(path) => {
                    let mut inputs = vec![args.edited.as_path()];
                    inputs.extend(args.baseline.against.as_deref());
                    inputs.extend(args.baseline.party.as_deref());
                    write_atomic(path, text.as_bytes(), args.force, &inputs)?;
                    anstream::eprintln!("wrote {}", path.display());
                }
                None => anstream::stdout().lock().write_all(text.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(refusal) => {
            anstream::eprintln!("refused: {}", refusal.reason);
            Ok(ExitCode::from(1))
        }
    }
}
