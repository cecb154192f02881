//! Leaked documents: PDF, scans (OCR), DOCX, ODT, e-mail and mbox, with their hostile cases.
//! Every sample is made by the test (see `common/samples.rs`).

mod common;

use armsgraph_ingest::{read_path, read_path_with, read_upload, Limits};
use armsgraph_model::{FailedInput, RawDocument, SourceKind};
use common::samples;

fn upload(name: &str, bytes: Vec<u8>) -> Vec<Result<RawDocument, FailedInput>> {
    read_upload(name, bytes).collect()
}

fn one(name: &str, bytes: Vec<u8>) -> RawDocument {
    let mut docs = upload(name, bytes);
    assert_eq!(docs.len(), 1, "{docs:?}");
    docs.remove(0)
        .unwrap_or_else(|f| panic!("{name}: {}", f.reason))
}

fn failure(name: &str, bytes: Vec<u8>) -> String {
    let docs = upload(name, bytes);
    assert_eq!(docs.len(), 1, "{docs:?}");
    match &docs[0] {
        Err(f) => f.reason.clone(),
        Ok(d) => panic!("{name} was read: {:?}", d.body),
    }
}

#[test]
fn a_pdf_gives_its_text_page_by_page_and_its_metadata() {
    let doc = one("note.pdf", samples::note_pdf());
    assert_eq!(doc.kind, SourceKind::Pdf);
    assert!(!doc.is_html);
    let pages: Vec<&str> = doc.body.split('\u{c}').collect();
    assert_eq!(pages.len(), 2, "{:?}", doc.body);
    assert!(
        pages[0].contains("Kampfpanzer vom Typ T-72 an Belarus geliefert"),
        "{}",
        pages[0]
    );
    assert!(
        pages[0].contains("Grenzübergang bei Smolensk"),
        "{}",
        pages[0]
    );
    assert!(pages[1].contains("Drohnen aus Israel"), "{}", pages[1]);
    assert!(!pages[1].contains("Smolensk"));
    // Lines of one paragraph are joined; the paragraphs stay apart.
    let paragraphs: Vec<&str> = pages[0].split("\n\n").collect();
    assert!(paragraphs.len() >= 3, "{paragraphs:?}");
    let meta = doc.source.as_ref().expect("metadata");
    assert_eq!(meta.format, "pdf");
    assert_eq!(meta.page_count, 2);
    assert_eq!(
        meta.title.as_deref(),
        Some("Vertrauliche Note zu Rüstungslieferungen")
    );
    assert_eq!(meta.authors, ["Referat 201"]);
    assert_eq!(meta.created.as_deref(), Some("2024-05-14T09:30:00+02:00"));
    assert!(meta.ocr_pages.is_empty());
    assert_eq!(doc.title_hint.as_deref(), meta.title.as_deref());
    assert_eq!(
        doc.published_hint.as_deref(),
        Some("2024-05-14T09:30:00+02:00")
    );
}

#[test]
fn a_pdf_is_a_pdf_whatever_its_name() {
    // The old reader took `%PDF-1.4 1 0 obj…` for French text.
    let doc = one("note.txt", samples::note_pdf());
    assert_eq!(doc.kind, SourceKind::Pdf);
    assert!(!doc.body.contains("obj"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("leak"), samples::note_pdf()).unwrap();
    let walked: Vec<_> = read_path(dir.path()).collect();
    assert_eq!(walked.len(), 1);
    assert_eq!(walked[0].as_ref().unwrap().kind, SourceKind::Pdf);
}

#[test]
fn truncated_and_damaged_pdfs_are_clear_errors_never_panics() {
    let pdf = samples::note_pdf();
    let reason = failure("cut.pdf", pdf[..300].to_vec());
    assert!(reason.contains("PDF"), "{reason}");
    let reason = failure("header.pdf", b"%PDF-1.7\n".to_vec());
    assert!(reason.contains("not a readable PDF"), "{reason}");
    // Truncations and a sweep of flipped bytes: an error or a document, never a panic.
    // (Without OCR: a page whose text is lost would otherwise go to tesseract each time.)
    let no_ocr = armsgraph_ingest::ocr::Ocr {
        tesseract: "/nonexistent/tesseract".to_string(),
        ..Default::default()
    };
    for cut in (0..pdf.len()).step_by(29) {
        let _ = armsgraph_ingest::pdf::read_pdf("cut.pdf", &pdf[..cut], &no_ocr);
    }
    for at in 0..pdf.len() {
        let mut bad = pdf.clone();
        bad[at] ^= 0x5a;
        let _ = armsgraph_ingest::pdf::read_pdf("flipped.pdf", &bad, &no_ocr);
    }
}

#[test]
fn an_encrypted_pdf_says_it_needs_a_password() {
    let reason = failure("secret.pdf", samples::encrypted_pdf());
    assert!(reason.contains("encrypted PDF"), "{reason}");
    assert!(reason.contains("password"), "{reason}");
}

#[test]
fn a_docx_gives_headings_paragraphs_tables_and_core_properties() {
    let doc = one("note.docx", samples::docx(None));
    assert_eq!(doc.kind, SourceKind::Office);
    assert_eq!(
        doc.body,
        "# Vertrauliche Note\n\n\
         Nach Angaben aus Diplomatenkreisen hat Russland im Mai 2024 vierzig Kampfpanzer vom Typ T-72 an Belarus geliefert.\n\n\
         System | Anzahl\n\nT-72 | 40\n\n\
         Die Regierung in Minsk hat die Lieferung bisher nicht bestätigt."
    );
    let meta = doc.source.as_ref().unwrap();
    assert_eq!(meta.format, "docx");
    assert_eq!(
        meta.title.as_deref(),
        Some("Vertrauliche Note zu Rüstungslieferungen")
    );
    assert_eq!(meta.authors, ["Referat 201", "Lagezentrum"]);
    assert_eq!(meta.created.as_deref(), Some("2024-05-14T09:30:00Z"));
    assert_eq!(meta.modified.as_deref(), Some("2024-05-15T11:00:00Z"));
}

#[test]
fn an_odt_gives_its_text_and_meta() {
    let doc = one("nota.odt", samples::odt());
    assert_eq!(doc.kind, SourceKind::Office);
    assert_eq!(
        doc.body,
        "# Nota confidencial\n\n\
         Según fuentes diplomáticas, Rusia entregó cuarenta tanques T-72 a Bielorrusia en mayo de 2024.\n\n\
         - Primer punto\n\nT-72 | 40"
    );
    let meta = doc.source.as_ref().unwrap();
    assert_eq!(meta.format, "odt");
    assert_eq!(meta.authors, ["Ana García"]);
    assert_eq!(meta.created.as_deref(), Some("2024-05-14T09:30:00"));
    assert_eq!(meta.modified.as_deref(), Some("2024-05-16T08:00:00"));
    assert_eq!(meta.producer.as_deref(), Some("LibreOffice/7.4"));
}

#[test]
fn a_zip_bomb_and_an_xxe_docx_are_refused() {
    // 40 MB of spaces inside the body part: about 40 kB compressed.
    let mut xml =
        b"<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(xml.len() + (40 << 20), b' ');
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let bomb = samples::docx(Some(&xml));
    assert!(
        bomb.len() < 1 << 20,
        "the sample compresses: {}",
        bomb.len()
    );
    let reason = failure("bomb.docx", bomb);
    assert!(reason.contains("zip bomb"), "{reason}");

    let xxe = br#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY leak SYSTEM "file:///etc/passwd">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&leak;</w:t></w:r></w:p></w:body></w:document>"#;
    let reason = failure("xxe.docx", samples::docx(Some(xxe)));
    assert!(reason.contains("XXE"), "{reason}");

    let reason = failure("other.docx", samples::zip_of(&[("a.txt", b"hello")]));
    assert!(reason.contains("neither DOCX nor ODT"), "{reason}");
}

#[test]
fn an_email_is_a_document_and_its_pdf_attachment_another_linked_to_it() {
    let docs = upload("note.eml", samples::eml_with_pdf(&samples::note_pdf()));
    assert_eq!(docs.len(), 2, "{docs:?}");
    let message = docs[0].as_ref().unwrap();
    let attachment = docs[1].as_ref().unwrap();
    assert_eq!(message.kind, SourceKind::Email);
    assert!(
        message.body.contains("Kampfpanzern an Belarus"),
        "{}",
        message.body
    );
    let meta = message.source.as_ref().unwrap();
    assert_eq!(
        meta.from.as_deref(),
        Some("Anna Berger <a.berger@example.org>")
    );
    assert_eq!(
        meta.to,
        ["Lagezentrum <lage@example.org>", "redaktion@example.net"]
    );
    assert_eq!(meta.cc, ["Referat 201 <ref201@example.org>"]);
    assert_eq!(meta.subject.as_deref(), Some("Note zu Rüstungslieferungen"));
    assert_eq!(meta.created.as_deref(), Some("2024-05-14T10:15:00+02:00"));
    assert_eq!(
        meta.message_id.as_deref(),
        Some("note-2024-05-14@example.org")
    );
    assert_eq!(
        message.title_hint.as_deref(),
        Some("Note zu Rüstungslieferungen")
    );

    assert_eq!(attachment.kind, SourceKind::Pdf);
    assert_eq!(attachment.origin, "note.eml#attachment-1/note.pdf");
    assert!(attachment.body.contains("Smolensk"));
    let ameta = attachment.source.as_ref().unwrap();
    assert_eq!(ameta.parent.as_deref(), Some("note.eml"));
    assert_eq!(ameta.page_count, 2);
    assert_eq!(meta.attachments.len(), 1);
    assert_eq!(meta.attachments[0].origin, attachment.origin);
    assert_eq!(meta.attachments[0].name, "note.pdf");
    assert_eq!(
        meta.attachments[0].content_type.as_deref(),
        Some("application/pdf")
    );
    assert_eq!(meta.attachments[0].unread, None);
}

#[test]
fn an_mbox_streams_its_messages_and_skips_an_oversized_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("box.mbox");
    std::fs::write(&path, samples::mbox(&samples::note_pdf(), 2)).unwrap();
    let docs: Vec<_> = read_path(&path).collect();
    let origins: Vec<String> = docs
        .iter()
        .map(|d| {
            d.as_ref()
                .map(|d| d.origin.clone())
                .unwrap_or_else(|f| f.reason.clone())
        })
        .collect();
    let base = path.display().to_string();
    assert_eq!(
        origins,
        [
            format!("{base}#message-1"),
            format!("{base}#message-1#attachment-1/note.pdf"),
            format!("{base}#message-2"),
            format!("{base}#message-3"),
        ]
    );
    let second = docs[2].as_ref().unwrap();
    // mboxrd quoting: `>From ` in the body is `From ` in the message.
    assert!(
        second.body.contains("\nFrom the archive"),
        "{}",
        second.body
    );
    assert_eq!(
        second.source.as_ref().unwrap().subject.as_deref(),
        Some("Nachtrag 0")
    );

    // A message over the limit is one failed input; the messages after it are read.
    let small = Limits {
        max_document_bytes: 2048,
    };
    let docs: Vec<_> = read_path_with(&path, small).collect();
    assert!(docs[0]
        .as_ref()
        .is_err_and(|f| f.reason.contains("larger than the limit")));
    assert_eq!(docs.iter().filter(|d| d.is_ok()).count(), 2, "{docs:?}");
}

#[test]
fn a_huge_mbox_is_read_message_by_message_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.mbox");
    // 20,000 messages (about 6 MB) in a file; more than the per-document limit in total.
    std::fs::write(&path, samples::mbox(&samples::note_pdf(), 20_000)).unwrap();
    let limits = Limits {
        max_document_bytes: 1 << 20,
    };
    let started = std::time::Instant::now();
    let mut read = 0;
    for item in read_path_with(&path, limits) {
        item.expect("every message reads");
        read += 1;
    }
    assert_eq!(read, 20_002);
    // Not a speed target: a guard against quadratic splitting (seconds, not minutes).
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    // One endless line is not read into memory whole.
    let mut endless = b"From x@example.org Mon Jan  1 00:00:00 2024\nSubject: x\n\n".to_vec();
    endless.resize(3 << 20, b'a');
    std::fs::write(&path, endless).unwrap();
    let docs: Vec<_> = read_path_with(&path, limits).collect();
    assert!(docs[0]
        .as_ref()
        .is_err_and(|f| f.reason.contains("larger than the limit")));
}

#[test]
fn a_png_scan_is_read_by_ocr() {
    if !samples::ocr_programs_present() {
        eprintln!("tesseract or pdftoppm missing: OCR test not run (it fails in CI)");
        return;
    }
    let png = samples::render_page(&samples::large_print_pdf(samples::SCAN_LINES), "png", 150);
    let doc = one("scan.png", png);
    assert_eq!(doc.kind, SourceKind::Image);
    assert!(doc.body.contains("T-72"), "{}", doc.body);
    assert!(doc.body.contains("Belarus"), "{}", doc.body);
    let meta = doc.source.as_ref().unwrap();
    assert_eq!(meta.format, "png");
    assert_eq!(meta.ocr_pages, [1]);
    assert!(meta
        .ocr
        .as_deref()
        .is_some_and(|o| o.contains("tesseract") && o.contains("deu")));
    let tiff = samples::render_page(&samples::large_print_pdf(samples::SCAN_LINES), "tiff", 150);
    assert!(one("scan.tiff", tiff).body.contains("Belarus"));
}

#[test]
fn a_scanned_pdf_page_goes_to_ocr() {
    if !samples::ocr_programs_present() {
        eprintln!("tesseract or pdftoppm missing: OCR test not run (it fails in CI)");
        return;
    }
    let (w, h, grey) = samples::render_grey(&samples::large_print_pdf(samples::SCAN_LINES), 150);
    let doc = one("scan.pdf", samples::image_pdf(w, h, &grey));
    assert_eq!(doc.kind, SourceKind::Pdf);
    assert!(doc.body.contains("Belarus"), "{}", doc.body);
    let meta = doc.source.as_ref().unwrap();
    assert_eq!(meta.ocr_pages, [1]);
    assert_eq!(meta.page_count, 1);
}

#[test]
fn without_tesseract_a_scan_names_the_package_to_install() {
    let missing = armsgraph_ingest::ocr::Ocr {
        tesseract: "/nonexistent/tesseract".to_string(),
        ..Default::default()
    };
    // A page that is only an image (grey stripes): no text layer.
    let grey: Vec<u8> = (0..200 * 100)
        .map(|i| if (i / 200) % 20 < 10 { 0 } else { 255 })
        .collect();
    let pdf = samples::image_pdf(200, 100, &grey);
    let err = armsgraph_ingest::pdf::read_pdf("scan.pdf", &pdf, &missing).expect_err("no OCR");
    let reason = err.to_string();
    assert!(reason.contains("not installed"), "{reason}");
    assert!(
        reason.contains("tesseract-ocr tesseract-ocr-deu"),
        "{reason}"
    );
}
