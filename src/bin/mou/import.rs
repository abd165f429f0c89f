//! `mou import`: official template files in, a house template folder out.

use crate::args::ImportArgs;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let options = mou::import::Options { dir: args.output.clone(), id: args.id.clone(), force: args.force };
    let imported = mou::import::import(&args.files, &options)?;
    let mut out = anstream::stdout().lock();
    for (i, t) in imported.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        out.write_all(t.summary(&args.output).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
