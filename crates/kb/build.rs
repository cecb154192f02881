// The data/ tree is embedded with include_dir, which cannot tell cargo about the files it
// reads; without this, editing a lexicon would not rebuild the binary. Cargo scans a
// directory given here recursively for changes.
fn main() {
    println!("cargo:rerun-if-changed=../../data");
}
