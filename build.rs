//! Embeds every file under `templates/` into the binary, so that `mou` works with no other files.
fn main() {
    minijinja_embed::embed_templates!("templates", &[".j2"]);
    println!("cargo:rerun-if-changed=templates");
}
