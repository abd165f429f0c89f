//! The `mou` command line: parses arguments, runs one subcommand, prints any error once, and maps the outcome
//! to an exit code (0 clean, 1 error-level findings, 2 usage or input error).

mod args;
mod attest;
mod build;
mod catalog_cmds;
mod check;
mod import;
mod redline;

use std::process::ExitCode;

fn main() -> ExitCode {
    keep_freed_memory();
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

/// Keeps memory the process frees for its own reuse. By default glibc gives large blocks (a long MOU's text and
/// block lists) their own mappings and returns freed memory to the system, so the next block of that size is
/// mapped, and each of its pages faulted in, again. `mou` runs for milliseconds, so it keeps what it has.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: `mallopt` only sets allocator parameters; it is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
