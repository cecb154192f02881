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

use std::path::{Path, PathBuf};

fn main() {
    // The data/ tree is also embedded with include_dir, which cannot tell cargo about the
    // files it reads; cargo scans a directory given here recursively for changes.
    println!("cargo:rerun-if-changed=../../data");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("kb.bin");
    let bytes = match compile::compile_all(&compile::DirSource(data.clone())) {
        Ok(b) => b,
        Err(e) => panic!("compiling the knowledge base from data/: {e}"),
    };
    if let Err(e) = std::fs::write(&out, bytes) {
        panic!("writing {}: {e}", out.display());
    }
    // The copy of data/ the binary embeds (`files.rs`): everything the run time reads, without
    // the sources only builds and training read (11 MB of the binary otherwise).
    let embed = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("embed");
    if embed.exists() {
        if let Err(e) = std::fs::remove_dir_all(&embed) {
            panic!("clearing {}: {e}", embed.display());
        }
    }
    if let Err(e) = copy_embedded(&data, &embed, "") {
        panic!("copying data/ to {}: {e}", embed.display());
    }
}

/// Whether a file of `data/` (path relative to it, `/`-separated) is left out of the embedded
/// copy: the knowledge base's tables (compiled into `kb.bin` above; `--data-dir` compiles them
/// from the directory instead), the syntax lexicons and the extra NER sets (read only by
/// `armsgraph train`, from the repository's `data/`).
fn build_only(rel: &str) -> bool {
    (rel.starts_with("kb/") && rel.ends_with(".tsv"))
        || (rel.starts_with("syntax/") && rel.ends_with(".xz"))
        || rel.starts_with("ner/extra/")
}

fn copy_embedded(from: &Path, to: &Path, rel: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    let mut entries = std::fs::read_dir(from)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let child = if rel.is_empty() {
            name.to_string()
        } else {
            format!("{rel}/{name}")
        };
        if entry.file_type()?.is_dir() {
            copy_embedded(&entry.path(), &to.join(name), &child)?;
        } else if !build_only(&child) {
            std::fs::copy(entry.path(), to.join(name))?;
        }
    }
    Ok(())
}
