//! The "is this text" test against real documents: no real page or sentence may be rejected.
//! Reads the shared data (not in the repository), so it is ignored by default:
//!
//! ```sh
//! cargo test -p armsgraph-ingest --test real_text -- --ignored --nocapture
//! ```
//!
//! Inputs: the 181 pages of the article-extraction benchmark and the L3S-GN1 and Dragnet
//! page sets (as stored, through the readers, in whatever charset they are), and the UD
//! treebank sentences of the six languages (in groups of about 2 KB) written in the legacy
//! charsets of their language and in UTF-16 without BOM. Figures: docs/notes/robustness.md.

use std::path::{Path, PathBuf};
use std::process::Command;

use armsgraph_ingest::{read_bytes, read_path};

fn shared() -> PathBuf {
    std::env::var_os("ARMSGRAPH_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data"))
}

/// (pages read, pages rejected as not text, the rejected origins and reasons).
fn read_pages(root: &Path) -> (usize, usize, Vec<String>) {
    let (mut read, mut rejected, mut why) = (0, 0, Vec::new());
    for item in read_path(root) {
        match item {
            Ok(_) => read += 1,
            Err(f) if f.reason.contains("not text") => {
                rejected += 1;
                why.push(format!("{}: {}", f.origin, f.reason));
            }
            Err(_) => {}
        }
    }
    (read, rejected, why)
}

fn untar(archive: &Path, into: &Path) {
    std::fs::create_dir_all(into).unwrap();
    let status = Command::new("tar")
        .arg("-xJf")
        .arg(archive)
        .arg("-C")
        .arg(into)
        .status()
        .expect("tar runs");
    assert!(status.success(), "tar {}", archive.display());
}

/// `# text = …` lines of a UD treebank file (`.conllu.xz`).
fn ud_sentences(file: &Path) -> Vec<String> {
    let out = Command::new("xz")
        .arg("-dc")
        .arg(file)
        .output()
        .expect("xz runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("# text = ").map(str::to_string))
        .collect()
}

#[test]
#[ignore]
fn real_pages_and_sentences_are_never_rejected_as_not_text() {
    let data = shared();
    if !data.exists() {
        eprintln!("no shared data at {}; skipped", data.display());
        return;
    }
    let mut report = Vec::new();
    let mut all_rejected = Vec::new();
    let aeb = data.join("article-extraction-benchmark/html");
    let (read, rejected, why) = read_pages(&aeb);
    report.push(format!("AEB pages: {read} read, {rejected} rejected"));
    all_rejected.extend(why);
    let tmp = tempfile::tempdir().unwrap();
    for (name, archive) in [
        ("L3S-GN1", "extraction-dev/L3S-GN1/L3S-GN1.tar.xz"),
        ("Dragnet", "extraction-dev/dragnet/dragnet.tar.xz"),
    ] {
        let into = tmp.path().join(name);
        untar(&data.join(archive), &into);
        let (read, rejected, why) = read_pages(&into);
        report.push(format!("{name} pages: {read} read, {rejected} rejected"));
        all_rejected.extend(why);
    }
    let treebanks: [(&str, &str, &[&'static encoding_rs::Encoding]); 6] = [
        (
            "de",
            "UD_German-GSD/de_gsd-ud-test.conllu.xz",
            &[encoding_rs::WINDOWS_1252],
        ),
        (
            "en",
            "UD_English-EWT/en_ewt-ud-test.conllu.xz",
            &[encoding_rs::WINDOWS_1252],
        ),
        (
            "fr",
            "UD_French-GSD/fr_gsd-ud-test.conllu.xz",
            &[encoding_rs::WINDOWS_1252],
        ),
        (
            "es",
            "UD_Spanish-GSD/es_gsd-ud-test.conllu.xz",
            &[encoding_rs::WINDOWS_1252],
        ),
        (
            "ru",
            "UD_Russian-GSD/ru_gsd-ud-test.conllu.xz",
            &[encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R],
        ),
        (
            "uk",
            "UD_Ukrainian-IU/uk_iu-ud-test.conllu.xz",
            &[encoding_rs::WINDOWS_1251, encoding_rs::KOI8_U],
        ),
    ];
    for (lang, file, encodings) in treebanks {
        let sentences = ud_sentences(&data.join("ud").join(file));
        let mut docs: Vec<String> = Vec::new();
        let mut doc = String::new();
        for s in sentences {
            doc.push_str(&s);
            doc.push(' ');
            if doc.len() > 2000 {
                docs.push(std::mem::take(&mut doc));
            }
        }
        let (mut tried, mut rejected) = (0, 0);
        for doc in &docs {
            let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
            for enc in encodings {
                let (bytes, _, unmappable) = enc.encode(doc);
                if !unmappable {
                    variants.push((enc.name().to_string(), bytes.into_owned()));
                }
            }
            variants.push((
                "UTF-16LE".into(),
                doc.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            ));
            variants.push((
                "UTF-16BE".into(),
                doc.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            ));
            for (enc, bytes) in variants {
                tried += 1;
                if let Err(f) = read_bytes("ud", &bytes) {
                    rejected += 1;
                    all_rejected.push(format!("{lang} {enc}: {}", f.reason));
                }
            }
        }
        report.push(format!(
            "UD {lang}: {} documents, {tried} encodings tried, {rejected} rejected",
            docs.len()
        ));
    }
    for line in &report {
        eprintln!("{line}");
    }
    assert!(all_rejected.is_empty(), "{all_rejected:#?}");
}
