//! `mou list` and `mou init`: what templates exist, and a party file to start from.

use mou::catalog::Catalog;
use std::io::Write;
use std::process::ExitCode;

pub fn list() -> anyhow::Result<ExitCode> {
    let catalog = Catalog::bundled();
    let mut out = anstream::stdout().lock();
    for t in catalog.templates() {
        let effective = match (t.status, t.effective, t.expected) {
            (mou::catalog::Status::Forthcoming, _, Some(d)) => format!("expected {d}"),
            (_, Some(d), _) => format!("effective {d}"),
            (_, None, _) => "effective n/a".to_string(),
        };
        writeln!(out, "{:<17} {:<95} {:<19} {}", t.id, t.title, effective, t.status.as_str())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn init(id: &str) -> anyhow::Result<ExitCode> {
    let text = mou::party::example_party_file(&Catalog::bundled(), id).map_err(mou::Error::from)?;
    anstream::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
