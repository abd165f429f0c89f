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
        None => Party::templates_dir_in(&args.party)?,
    };
    let renderer = Renderer::new(&dir.clone().map_or(TemplateSource::Bundled, TemplateSource::Dir))?;
    let party = Party::load(&args.party, renderer.catalog())?;

    let output: Option<PathBuf> = match &args.output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p.clone()),
        None => Some(args.party.with_extension(format.extension())),
    };
    let out_dir =
        output.as_ref().and_then(|p| p.parent()).filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let party_ref = relative_path(&args.party, out_dir);
    // An imported official template is filled in place, not rendered.
    if let (Some(info), Some(dir)) = (mou::import::imported_template(renderer.catalog(), &party)?, &dir) {
        let house = mou::import::House::open(dir, info)?;
        let dir_ref = relative_path(dir, out_dir);
        let fm = house.front_matter(&party, &party_ref.to_string_lossy(), &dir_ref.to_string_lossy());
        let draft_format = match format {
            DraftFormat::Md => mou::import::DraftFormat::Markdown,
            DraftFormat::Html => mou::import::DraftFormat::Html,
            DraftFormat::Docx => mou::import::DraftFormat::Docx,
        };
        let draft = house.draft(&party, draft_format, &fm)?;
        for w in &draft.warnings {
            anstream::eprintln!("warning: {}", mou::import::printable(w));
        }
        return write(output.as_deref(), &draft.bytes, args);
    }
    let markdown = renderer.render_draft(&party, &party_ref.to_string_lossy())?;
    let bytes = match format {
        DraftFormat::Md => markdown.into_bytes(),
        DraftFormat::Docx => mou::word::draft_docx(&markdown, &mou::word::DocProps::from_markdown(&markdown)),
        DraftFormat::Html => {
            let title = format!(
                "MOU: {} and {}",
                party.mcps.iter().map(|m| m.legal_name.as_str()).collect::<Vec<_>>().join(", "),
                party.other.legal_name
            );
            draft_to_html(&markdown, &title).into_bytes()
        }
    };
    write(output.as_deref(), &bytes, args)
}

/// Writes the draft to its file, or to standard output.
fn write(output: Option<&Path>, bytes: &[u8], args: &BuildArgs) -> anyhow::Result<ExitCode> {
    match output {
        None => anstream::stdout().lock().write_all(bytes)?,
        Some(path) => {
            write_atomic(path, bytes, args.force, &[&args.party])?;
            anstream::eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
