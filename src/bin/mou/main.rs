//! The `mou` command line: parses arguments, runs one subcommand, prints any error once, and maps the outcome
//! to an exit code (0 clean, 1 error-level findings, 2 usage or input error).

mod args;
mod attest;
mod build;
mod catalog_cmds;
mod check;
mod redline;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = <args::Cli as clap::Parser>::parse();
    match args::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`mou list | head`) is not a failure.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            anstream::eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
