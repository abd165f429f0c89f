//! Embeds every file under `templates/` into the binary, so that `mou` works with no other files, and on Linux
//! links the `mou` executable at a fixed address.
fn main() {
    minijinja_embed::embed_templates!("templates", &[".j2"]);
    println!("cargo:rerun-if-changed=templates");
    // A position-independent executable is relocated by the dynamic loader at every start: for `mou` about
    // 15,000 relocations and 80 pages written before `main`, a tenth of a check of a long MOU. `mou` is a
    // short-lived command that reads local files, so it is linked at a fixed address instead.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
