//! `mou explain [RULE]`: what each rule checks, with an example of the change it finds and of the other way.

use mou::rules::docs::{rule_doc, RULES};
use std::io::Write;
use std::process::ExitCode;

pub fn run(rule: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut out = anstream::stdout().lock();
    let Some(code) = rule else {
        for d in RULES {
            writeln!(out, "{:<30} {:<13} {}", d.code, d.kind.as_str(), d.summary)?;
        }
        writeln!(out, "\nmou explain RULE describes one rule, with an example.")?;
        return Ok(ExitCode::SUCCESS);
    };
    let Some(d) = rule_doc(code) else {
        let mut err = mou::InputError::new(format!("there is no rule `{code}`"));
        err = match mou::error::did_you_mean(code, RULES.iter().map(|d| d.code)) {
            Some(best) => err.help(format!("did you mean `{best}`? `mou explain` lists every rule")),
            None => err.help("`mou explain` lists every rule"),
        };
        return Err(mou::Error::from(err).into());
    };
    writeln!(out, "{} ({}): {}", d.code, d.kind.as_str(), d.summary)?;
    writeln!(out, "\n{}\n", d.description)?;
    writeln!(out, "Example, template → edited:\n  \"{}\"\n  → \"{}\"", d.example.0, d.example.1)?;
    if !d.reverse.is_empty() {
        writeln!(out, "\nThe other way: {}.", d.reverse)?;
    }
    writeln!(out, "\n{}", mou::rules::docs::advice(d.kind))?;
    Ok(ExitCode::SUCCESS)
}
