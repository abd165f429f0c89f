//! The `mou` command line: parses arguments, runs one subcommand, prints any error once, and maps the outcome
//! to an exit code (0 clean, 1 error-level findings, 2 usage or input error).

mod args;
mod attest;
mod build;
mod catalog_cmds;
mod check;
mod diag;
mod explain;
mod import;
mod outfile;
mod redline;

use std::process::ExitCode;

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = match <args::Cli as clap::Parser>::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match args::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`mou list | head`) is not a failure.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            diag::fatal(&err);
            ExitCode::from(2)
        }
    }
}

/// Help and version go to standard output as clap writes them. A usage error quotes the arguments (a file name
/// from a shell glob can hold anything), so it goes through the same sanitiser as every other message.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        // A closed pipe (`mou check --help | head`) is not worth a message.
        let _ = e.print();
        return code;
    }
    // The message's own line breaks stay; the values it quotes (an argument, an invalid value) are escaped before
    // it is rendered, so a line break inside one cannot start a line and an escape sequence stays visible.
    let mut safe = clap::Error::new(e.kind()).with_cmd(&<args::Cli as clap::CommandFactory>::command());
    for (kind, value) in e.context() {
        use clap::error::ContextValue;
        let value = match value {
            ContextValue::String(v) => ContextValue::String(mou::sanitize::inline(v).into_owned()),
            ContextValue::Strings(v) => {
                ContextValue::Strings(v.iter().map(|s| mou::sanitize::inline(s).into_owned()).collect())
            }
            other => other.clone(),
        };
        safe.insert(kind, value);
    }
    // An error clap built from a bare message has no context to rebuild it from: its text is printed as it is.
    let text = if e.context().next().is_some() { safe.render() } else { e.render() }.to_string();
    let text = text.trim_end().strip_prefix("error: ").unwrap_or(text.trim_end());
    diag::error(text);
    code
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
