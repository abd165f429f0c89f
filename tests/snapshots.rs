//! Snapshot tests of the rendered drafts: every released template with its example party file, and the bundled
//! combined example (smhs + dmc-ods, two MCPs, one Knox-Keene subcontractor). A change to template text or to
//! rendering shows up as a reviewed snapshot diff.

use mou::catalog::Catalog;
use mou::party::{example_party_file, Party};
use mou::render::{Renderer, TemplateSource};
use std::path::Path;

fn render(text: &str) -> String {
    let renderer = Renderer::new(&TemplateSource::Bundled).unwrap();
    let party = Party::parse(text, Path::new("party.toml"), renderer.catalog()).unwrap();
    renderer.render_draft(&party, "party.toml").unwrap()
}

#[test]
fn every_released_template_renders_as_before() {
    let catalog = Catalog::bundled();
    for t in catalog.templates().iter().filter(|t| t.file.is_some()) {
        let draft = render(&example_party_file(&catalog, &t.id).unwrap());
        insta::assert_snapshot!(format!("draft-{}", t.id), draft);
    }
}

#[test]
fn the_combined_example_renders_as_before() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example/party.toml")).unwrap();
    insta::assert_snapshot!("draft-combined-smhs-dmc-ods", render(&text));
}
