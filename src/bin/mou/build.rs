//! `mou build`: party file in, draft MOU out.

use crate::args::{BuildArgs, DraftFormat};
use mou::output::{relative_path, write_atomic};
use mou::party::Party;
use mou::render::{html::draft_to_html, Renderer, TemplateSource};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let format = args
        .format
        .or_else(|| match args.output.as_ref()?.extension()?.to_str()? {
            "html" | "htm" => Some(DraftFormat::Html),
            "md" | "markdown" => Some(DraftFormat::Md),
            "docx" => Some(DraftFormat::Docx),
            _ => None,
        })
        .unwrap_or(DraftFormat::Md);
    let dir = match &args.templates {
        Some(d) => Some(d.clone()),
        None => Party::templates_dir_in(&args.party, None)?,
    };
    let renderer = Renderer::new(&dir.map_or(TemplateSource::Bundled, TemplateSource::Dir))?;
    let party = Party::load(&args.party, None, renderer.catalog())?;

    let output: Option<PathBuf> = match &args.output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p.clone()),
        None => Some(args.party.with_extension(format.extension())),
    };
    let out_dir =
        output.as_ref().and_then(|p| p.parent()).filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let party_ref = relative_path(&args.party, out_dir);
    let markdown = renderer.render_draft(&party, &party_ref.to_string_lossy())?;
    let bytes = match format {
        DraftFormat::Md => markdown.into_bytes(),
        DraftFormat::Docx => mou::docx::draft_docx(&markdown, &mou::docx::DocProps::from_markdown(&markdown)),
        DraftFormat::Html => {
            let title = format!(
                "MOU: {} and {}",
                party.mcps.iter().map(|m| m.legal_name.as_str()).collect::<Vec<_>>().join(", "),
                party.other.legal_name
            );
            draft_to_html(&markdown, &title).into_bytes()
        }
    };
    match output {
        None => anstream::stdout().lock().write_all(&bytes)?,
        Some(path) => {
            write_atomic(&path, &bytes, args.force, &[&args.party])?;
            anstream::eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
