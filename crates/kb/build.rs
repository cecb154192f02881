//! Compiles `data/kb/` (and the inflection rules of `data/lang/`) into the knowledge-base file
//! the crate embeds: start-up then maps bytes instead of parsing and indexing 10⁵ rows. The
//! modules are the crate's own, so the build and a `--data-dir` at run time compile alike.
#![allow(dead_code)]

#[path = "src/compile.rs"]
mod compile;
#[path = "src/error.rs"]
mod error;
#[path = "src/format.rs"]
mod format;
#[path = "src/forms.rs"]
mod forms;
#[path = "src/schema.rs"]
mod schema;
#[path = "src/words.rs"]
mod words;

use std::path::PathBuf;

fn main() {
    // The data/ tree is also embedded with include_dir, which cannot tell cargo about the
    // files it reads; cargo scans a directory given here recursively for changes.
    println!("cargo:rerun-if-changed=../../data");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("kb.bin");
    let bytes = match compile::compile_all(&compile::DirSource(data)) {
        Ok(b) => b,
        Err(e) => panic!("compiling the knowledge base from data/: {e}"),
    };
    if let Err(e) = std::fs::write(&out, bytes) {
        panic!("writing {}: {e}", out.display());
    }
}
