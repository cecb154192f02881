//! The formats leaked documents come in, and where the format dispatch sends them: PDF
//! ([`crate::pdf`]), scanned images through OCR ([`crate::ocr`]), DOCX/ODT
//! ([`crate::office`]) and e-mail ([`crate::email`]). Decided from the first bytes (magic
//! numbers) before the name, so a PDF called `note.txt` is still a PDF.

use std::io::BufRead;

use armsgraph_model::{FailedInput, RawDocument, SourceKind, SourceMeta};

use crate::{email, ocr, office, pdf, read_capped, Documents, Limits};

const NOT_OFFICE: &str = "a zip archive that is neither DOCX nor ODT";

/// A leaked-document format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakFormat {
    Pdf,
    /// `png`, `jpeg`, `tiff`.
    Image(&'static str),
    /// A zip archive: DOCX or ODT when its entries say so.
    Zip,
    Email,
    Mbox,
}

/// The format of a file from its first bytes and its name; `None` for the other readers.
pub fn sniff(name: &str, head: &[u8]) -> Option<LeakFormat> {
    let lower = name.to_ascii_lowercase();
    let ext = lower
        .rsplit(['/', '\\'])
        .next()
        .and_then(|f| f.rsplit_once('.'))
        .map(|(_, e)| e)
        .unwrap_or("");
    if head.starts_with(b"%PDF-") {
        return Some(LeakFormat::Pdf);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(LeakFormat::Image("png"));
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(LeakFormat::Image("jpeg"));
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        return Some(LeakFormat::Image("tiff"));
    }
    if head.starts_with(b"PK\x03\x04") && matches!(ext, "docx" | "docm" | "odt" | "") {
        return Some(LeakFormat::Zip);
    }
    match ext {
        // Some PDF writers put bytes before the header; the reader looks for it.
        "pdf" => Some(LeakFormat::Pdf),
        "eml" | "msg" if email::sniff_message(head) || ext == "eml" => Some(LeakFormat::Email),
        "mbox" | "mbx" => Some(LeakFormat::Mbox),
        _ if email::sniff_mbox(head) => Some(LeakFormat::Mbox),
        // Only a name without a known extension is tested for e-mail headers: a `.txt`
        // that quotes headers stays text.
        "" if email::sniff_message(head) => Some(LeakFormat::Email),
        _ => None,
    }
}

/// The documents of a leaked-document file (read whole, except mailboxes, which stream).
///
/// `explicit`: named by the user. An image met in a directory walk that OCR finds no text
/// in (a logo, a photo) is reported as skipped, as other non-documents are there; a missing
/// tesseract is still an error.
pub fn read(
    format: LeakFormat,
    origin: String,
    mut reader: Box<dyn BufRead>,
    limits: Limits,
    explicit: bool,
) -> Documents {
    if format == LeakFormat::Mbox {
        return Box::new(email::Mbox::new(reader, origin, limits));
    }
    match read_capped(&mut reader, limits.max_document_bytes) {
        Ok(bytes) => {
            let docs = read_bytes(format, &origin, &bytes, limits, 0);
            // In a directory walk, an image OCR finds no text in (a logo, a photo) and a zip
            // that is no office file are not documents: reported as skipped with the reason,
            // never silently dropped. A missing tesseract stays an error.
            let skip = |f: &FailedInput| match format {
                LeakFormat::Image(_) => !f.reason.contains("not installed"),
                LeakFormat::Zip => f.reason.contains(NOT_OFFICE),
                _ => false,
            };
            let docs: Vec<_> = docs
                .into_iter()
                .map(|d| match d {
                    Err(f) if !explicit && skip(&f) && !f.is_skipped() => {
                        Err(FailedInput::skipped(&f.origin, &f.reason))
                    }
                    other => other,
                })
                .collect();
            Box::new(docs.into_iter())
        }
        Err(e) => Box::new(std::iter::once(Err(FailedInput {
            origin,
            reason: e.to_string(),
        }))),
    }
}

/// The documents of one file held in memory; `depth` counts e-mail nesting.
pub fn read_bytes(
    format: LeakFormat,
    origin: &str,
    bytes: &[u8],
    limits: Limits,
    depth: usize,
) -> Vec<Result<RawDocument, FailedInput>> {
    let fail = |reason: String| {
        vec![Err(FailedInput {
            origin: origin.to_string(),
            reason,
        })]
    };
    let ocr = ocr::Ocr::from_env();
    match format {
        LeakFormat::Pdf => match pdf::read_pdf(origin, bytes, &ocr) {
            Ok(doc) => vec![Ok(doc)],
            Err(e) => fail(e.to_string()),
        },
        LeakFormat::Image(kind) => match read_image(origin, bytes, kind, &ocr) {
            Ok(doc) => vec![Ok(doc)],
            Err(e) => fail(e),
        },
        LeakFormat::Zip => match office::sniff(bytes) {
            Some(kind) => match office::read_office(origin, bytes, kind) {
                Ok(doc) => vec![Ok(doc)],
                Err(e) => fail(e.to_string()),
            },
            None => fail(NOT_OFFICE.to_string()),
        },
        LeakFormat::Email => email::read_message(origin, bytes, limits, depth),
        LeakFormat::Mbox => {
            let reader: Box<dyn BufRead> = Box::new(std::io::Cursor::new(bytes.to_vec()));
            email::Mbox::new(reader, origin.to_string(), limits).collect()
        }
    }
}

/// A scanned page image read by OCR.
fn read_image(
    origin: &str,
    bytes: &[u8],
    kind: &str,
    ocr: &ocr::Ocr,
) -> Result<RawDocument, String> {
    let engine = ocr.engine().map_err(|e| e.to_string())?;
    let text = engine.image(bytes).map_err(|e| e.to_string())?;
    // tesseract separates the pages of a multi-page TIFF with form feeds, as we do.
    let mut pages: Vec<String> = text.split('\u{c}').map(pdf::reflow).collect();
    while pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(format!(
            "no text found in the {kind} image by OCR ({})",
            engine.describe()
        ));
    }
    let meta = SourceMeta {
        format: kind.to_string(),
        page_count: pages.len(),
        ocr_pages: (1..=pages.len()).collect(),
        ocr: Some(engine.describe()),
        ..Default::default()
    };
    Ok(RawDocument {
        origin: origin.to_string(),
        kind: SourceKind::Image,
        is_html: false,
        body: pages.join("\u{c}"),
        charset: Some("ocr".to_string()),
        source: Some(meta),
        ..Default::default()
    })
}

/// The documents of an e-mail attachment: a leaked-document format by its bytes and name,
/// else whatever the ordinary readers make of it (HTML, text, a feed, gzip).
pub fn attachment(
    origin: &str,
    name: &str,
    bytes: &[u8],
    limits: Limits,
    depth: usize,
) -> Vec<Result<RawDocument, FailedInput>> {
    if bytes.len() > limits.max_document_bytes {
        return vec![Err(FailedInput {
            origin: origin.to_string(),
            reason: format!(
                "attachment of {} bytes exceeds the limit of {} bytes",
                bytes.len(),
                limits.max_document_bytes
            ),
        })];
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if let Some(format) = sniff(name, head) {
        return read_bytes(format, origin, bytes, limits, depth);
    }
    let reader: Box<dyn BufRead> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    crate::open_stream(origin.to_string(), name, reader, limits, true)
        .map(|item| {
            item.map(|mut d| {
                // An attached web page or text file is still a document from the message.
                d.kind = match d.kind {
                    SourceKind::Html | SourceKind::Text => SourceKind::Attachment,
                    k => k,
                };
                d
            })
        })
        .collect()
}
