//! Embeds every file under `templates/` into the binary, so that `mou` works with no other files; converts the
//! rules' lexicon from TOML (as it is kept) to JSON (as it is read at run time); and on Linux links the `mou`
//! executable at a fixed address.
fn main() {
    minijinja_embed::embed_templates!("templates", &[".j2"]);
    println!("cargo:rerun-if-changed=templates");
    lexicon_as_json();
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

/// Writes `src/rules/lexicon.toml` as JSON into the build's output folder. Reading TOML costs about a millisecond
/// at every start, a large part of checking a short MOU; JSON of the same data reads in a tenth of that. A lexicon
/// that is not valid TOML fails the build here, with the parser's message.
fn lexicon_as_json() {
    let source = "src/rules/lexicon.toml";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{source}: {e}"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon.json");
    std::fs::write(&out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
