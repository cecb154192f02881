//! The bundled leaked-document samples (`samples/leaks/`, README "Leaked documents")
//! through the binary: PDF pages and metadata in `show --json`, an e-mail linked to its PDF
//! attachment in both directions, DOCX/ODT metadata, and the scans where OCR is installed.
//! On the store of this run (`common::fresh_db`).

mod common;

use std::path::{Path, PathBuf};

use common::{bin, fresh_db};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/leaks")
        .join(name)
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = bin().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(db, args)).unwrap()
}

/// The stored document whose origin ends with `suffix`.
fn by_origin(db: &Path, suffix: &str) -> serde_json::Value {
    // Every sample names Belarus or the T-72 (the Spanish one says "Bielorrusia").
    for query in ["Belarus", "72"] {
        let hits = json(db, &["search", query, "--json", "--limit", "50"]);
        for d in hits["documents"].as_array().unwrap() {
            let id = d["id"].as_str().unwrap();
            let shown = json(db, &["show", id, "--json"]);
            if shown["summary"]["origin"]
                .as_str()
                .is_some_and(|o| o.ends_with(suffix))
            {
                return shown;
            }
        }
    }
    panic!("no stored document from …{suffix}");
}

#[test]
fn pdf_email_docx_and_odt_samples_are_stored_with_metadata_pages_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_leaks");
    let files: Vec<PathBuf> = ["note.eml", "note.pdf", "note.docx", "nota.odt"]
        .iter()
        .map(|n| sample(n))
        .collect();
    let mut cmd = bin();
    cmd.arg("--db")
        .arg(&db)
        .arg("ingest")
        .args(&files)
        .arg("--json");
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The message, its attachment, the DOCX and the ODT; note.pdf is the attachment again.
    assert_eq!(summary["stored"], 4, "{summary}");
    assert_eq!(summary["duplicates"], 1, "{summary}");

    let message = by_origin(&db, "note.eml");
    let m = &message["extraction"]["document"];
    assert_eq!(m["source_kind"], "email");
    assert_eq!(m["title"], "Note zu Rüstungslieferungen");
    assert_eq!(m["source"]["from"], "Anna Berger <a.berger@example.org>");
    assert_eq!(m["source"]["cc"][0], "Referat 201 <ref201@example.org>");
    assert_eq!(m["published"]["value"], "2024-05-14T10:15:00+02:00");

    let pdf = by_origin(&db, "note.eml#attachment-1/note.pdf");
    let p = &pdf["extraction"]["document"];
    assert_eq!(p["source_kind"], "pdf");
    assert_eq!(p["title"], "Vertrauliche Note zu Rüstungslieferungen");
    assert_eq!(p["authors"][0], "Referat 201");
    assert_eq!(p["published"]["value"], "2024-05-14T09:30:00+02:00");
    // Linked both ways.
    assert_eq!(message["attachments"][0]["id"], pdf["summary"]["id"]);
    assert_eq!(pdf["parent"]["id"], message["summary"]["id"]);

    // Page spans cover the text in order; the evidence of each event is on a page.
    let text = p["text"].as_str().unwrap();
    let pages = p["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 2);
    let span = |v: &serde_json::Value| {
        (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        )
    };
    let page_text = |i: usize| -> String {
        let (s, e) = span(&pages[i]);
        text.chars().skip(s).take(e - s).collect()
    };
    assert!(page_text(0).contains("Smolensk"), "{}", page_text(0));
    assert!(
        page_text(1).contains("Drohnen aus Israel"),
        "{}",
        page_text(1)
    );
    assert!(!page_text(1).contains("Smolensk"));
    let shown = run(&db, &["show", pdf["summary"]["id"].as_str().unwrap()]);
    assert!(shown.contains("PDF · 2 pages"), "{shown}");
    assert!(shown.contains("attached to message"), "{shown}");
    assert!(shown.contains("(page 1)"), "{shown}");
    let shown = run(&db, &["show", message["summary"]["id"].as_str().unwrap()]);
    assert!(
        shown.contains("attachment ") && shown.contains("note.pdf"),
        "{shown}"
    );
    assert!(shown.contains("from Anna Berger"), "{shown}");

    let docx = by_origin(&db, "note.docx");
    let d = &docx["extraction"]["document"];
    assert_eq!(d["source_kind"], "office");
    assert_eq!(d["source"]["modified"], "2024-05-15T11:00:00Z");
    assert_eq!(d["modified"]["value"], "2024-05-15T11:00:00Z");
    let odt = by_origin(&db, "nota.odt");
    assert_eq!(
        odt["extraction"]["document"]["source"]["authors"][0],
        "Ana García"
    );
}

#[test]
fn the_scan_samples_are_read_by_ocr() {
    let present = |p: &str| std::process::Command::new(p).arg("-v").output().is_ok();
    if !(present("tesseract") && present("pdftoppm")) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but tesseract or pdftoppm is missing (scripts/test.sh installs them)"
        );
        eprintln!("tesseract or pdftoppm missing: OCR sample test not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_scans");
    let png = sample("scan.png");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("extract")
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ex: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = if ex.is_array() {
        &ex[0]["document"]
    } else {
        &ex["document"]
    };
    assert!(doc["text"].as_str().unwrap().contains("Belarus"), "{doc}");
    assert_eq!(doc["source"]["ocr_pages"][0], 1);
    run(&db, &["ingest", sample("scan.pdf").to_str().unwrap()]);
    let scan = by_origin(&db, "scan.pdf");
    assert_eq!(scan["extraction"]["document"]["source"]["ocr_pages"][0], 1);
    assert_eq!(
        scan["extraction"]["events"][0]["event_type"], "AID",
        "{scan}"
    );
}
