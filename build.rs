//! Embeds every file under `templates/` into the binary, so that `mou` works with no other files, and on Linux
//! links the `mou` executable at a fixed address.
fn main() {
    minijinja_embed::embed_templates!("templates", &[".j2"]);
    println!("cargo:rerun-if-changed=templates");
    // A position-independent executable is relocated by the dynamic loader at every start: for `mou` about
    // 15,000 relocations and 80 pages written before `main`, a tenth of a check of a long MOU. `mou` is a
    // short-lived command that reads local files, so it is linked at a fixed address instead.
    // A statically linked build (`+crt-static`, and musl's default) is position-independent in another way and is
    // left as it is: `-no-pie` there gives a binary that cannot start.
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    if linux && !features.split(',').any(|f| f == "crt-static") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
