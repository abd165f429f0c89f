//! `mou build`: party file in, draft MOU out.

use crate::args::{BuildArgs, DraftFormat};
use mou::output::{relative_path, write_atomic};
use mou::party::Party;
use mou::render::{html::draft_to_html, Renderer, TemplateSource};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let format = crate::outfile::format_for(
        args.output.as_deref(),
        args.format,
        &[
            ("md", DraftFormat::Md),
            ("markdown", DraftFormat::Md),
            ("html", DraftFormat::Html),
            ("htm", DraftFormat::Html),
            ("docx", DraftFormat::Docx),
        ],
        DraftFormat::Md,
    )?;
    let dir = match &args.templates {
        Some(d) => Some(d.clone()),
        None => Party::templates_dir_in(&args.party, None)?,
    };
    // The party file and every file of a house templates folder are read: the draft never replaces them.
    let inputs: Vec<PathBuf> = std::iter::once(args.party.clone()).chain(dir.clone()).collect();
    let renderer = Renderer::new(&dir.clone().map_or(TemplateSource::Bundled, TemplateSource::Dir))?;
    let party = Party::load(&args.party, None, renderer.catalog())?;

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
            crate::diag::warning(mou::import::printable(w));
        }
        return write(output.as_deref(), &draft.bytes, format, args, &inputs);
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
    write(output.as_deref(), &bytes, format, args, &inputs)
}

/// Writes the draft to its file, or to standard output; never over one of the files the build read.
fn write(
    output: Option<&Path>,
    bytes: &[u8],
    format: DraftFormat,
    args: &BuildArgs,
    inputs: &[PathBuf],
) -> anyhow::Result<ExitCode> {
    match output {
        None => crate::outfile::write_stdout(bytes, format != DraftFormat::Docx)?,
        Some(path) => {
            write_atomic(path, bytes, args.force, &inputs.iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
            crate::diag::wrote(path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
