//! PDF files: the text layer page by page (lopdf), paragraphs rebuilt from its lines, the info
//! dictionary as metadata, and pages without a text layer read by OCR ([`crate::ocr`]).
//!
//! The body keeps page boundaries as form feeds (`\u{c}`) between pages; extract turns them
//! into `Document::pages`, so an evidence span maps to its page.
//!
//! lopdf parses leniently (it rebuilds a damaged cross-reference table) and bounds how far
//! a stream may inflate; a truncated file or one encrypted with a password it cannot open is
//! a clear error. It reports broken input as errors, not panics, on everything we tried
//! (truncations and byte flips of generated and real files, see the tests), so there is no
//! `catch_unwind` here.

use armsgraph_model::{RawDocument, SourceKind, SourceMeta};

use crate::ocr;

/// Bound on what one page's content streams may inflate to (a "zip bomb" in a PDF).
const MAX_PAGE_CONTENT_BYTES: usize = 32 << 20;
/// A page with fewer letters or digits than this has no usable text layer.
const MIN_TEXT_LAYER_CHARS: usize = 8;
/// More pages than this are not read (a 10,000-page PDF is not one leaked document).
pub const MAX_PAGES: usize = 2000;
/// Pages of one PDF read by OCR at most (each may take seconds).
pub const MAX_OCR_PAGES: usize = 200;

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a readable PDF (truncated or damaged): {0}")]
    Broken(String),
    #[error("encrypted PDF: it needs a password to open, which armsgraph does not have")]
    Encrypted,
    #[error("PDF with {0} pages; more than {MAX_PAGES} are not read")]
    TooManyPages(usize),
    #[error("PDF without a text layer: {0}")]
    NoText(String),
}

/// One PDF as a plain-text document with form feeds between pages.
pub fn read_pdf(origin: &str, bytes: &[u8], ocr: &ocr::Ocr) -> Result<RawDocument, PdfError> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(PdfError::Broken("no %PDF- header".to_string()));
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_PAGE_CONTENT_BYTES),
        ..Default::default()
    };
    let doc = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) if is_decryption_error(&e) => return Err(PdfError::Encrypted),
        Err(e) => return Err(PdfError::Broken(e.to_string())),
    };
    // An /Encrypt entry that lopdf could not open with the empty password (the usual case of
    // "owner password only" PDFs it opens fine).
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Broken("no pages".to_string()));
    }
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(pages.len()));
    }
    let mut meta = info(&doc);
    meta.format = "pdf".to_string();
    meta.page_count = pages.len();

    let mut texts: Vec<String> = Vec::with_capacity(pages.len());
    let mut need_ocr = Vec::new();
    for (_, &page_id) in pages.iter() {
        // A page whose text cannot be decoded is treated as one without a text layer.
        let text = page_text(&doc, page_id)
            .map(|t| reflow(&t))
            .unwrap_or_default();
        if text.chars().filter(|c| c.is_alphanumeric()).count() < MIN_TEXT_LAYER_CHARS {
            need_ocr.push(texts.len());
        }
        texts.push(text);
    }
    if !need_ocr.is_empty() {
        match ocr.engine() {
            Ok(engine) => {
                let mut unread: Vec<String> = Vec::new();
                for (n, &i) in need_ocr.iter().enumerate() {
                    if n >= MAX_OCR_PAGES {
                        unread.push(format!(
                            "{} more pages without text (OCR stops after {MAX_OCR_PAGES})",
                            need_ocr.len() - n
                        ));
                        break;
                    }
                    match engine.pdf_page(bytes, i + 1) {
                        Ok(text) => {
                            texts[i] = reflow(&text);
                            meta.ocr_pages.push(i + 1);
                        }
                        // One unreadable scan leaves its page empty; the others still count.
                        Err(e) => unread.push(format!("page {}: {e}", i + 1)),
                    }
                }
                if meta.ocr_pages.is_empty() && need_ocr.len() == texts.len() {
                    return Err(PdfError::NoText(unread.join("; ")));
                }
                let mut described = engine.describe();
                if !unread.is_empty() {
                    described.push_str(&format!("; not read: {}", unread.join("; ")));
                }
                meta.ocr = Some(described);
            }
            Err(e) if need_ocr.len() == texts.len() => {
                return Err(PdfError::NoText(format!("its pages are scans, and {e}")))
            }
            Err(e) => meta.ocr = Some(format!("not run on pages without text: {e}")),
        }
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(PdfError::NoText("no page has readable text".to_string()));
    }
    Ok(RawDocument {
        origin: origin.to_string(),
        kind: SourceKind::Pdf,
        is_html: false,
        body: texts.join("\u{c}"),
        charset: Some("pdf text layer".to_string()),
        title_hint: meta.title.clone(),
        published_hint: meta.created.clone().or_else(|| meta.modified.clone()),
        author_hint: meta.authors.first().cloned(),
        source: Some(meta),
        ..Default::default()
    })
}

/// The text of one page in content-stream order. The text position is followed through
/// `BT`, `Td`, `TD`, `Tm`, `TL`, `T*`, `'` and `"`: text shown lower than the last is a new
/// line, a drop of more than 1.6 line heights a new paragraph (a blank line), and a move
/// along the line or a word-sized `TJ` gap a space.
///
/// Written here over lopdf's content parser because lopdf's own `extract_text` breaks lines
/// only at `T*` and `ET`, which glues together the lines of most real PDFs (placed with
/// `Td`/`Tm`) and loses the paragraph gaps.
fn page_text(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> Result<String, lopdf::Error> {
    use lopdf::Object;
    let fonts = doc.get_page_fonts(page_id)?;
    let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding<'_>> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, MAX_PAGE_CONTENT_BYTES)
                .ok()
                .map(|e| (name, e))
        })
        .collect();
    let data = doc.get_page_content_with_limit(page_id, MAX_PAGE_CONTENT_BYTES)?;
    let content = lopdf::content::Content::decode(&data)?;
    let number = |o: &Object| -> f32 {
        match o {
            Object::Integer(i) => *i as f32,
            Object::Real(r) => *r,
            _ => 0.0,
        }
    };
    let mut layout = Layout::default();
    let mut encoding: Option<&lopdf::Encoding<'_>> = None;
    let decode = |encoding: Option<&lopdf::Encoding<'_>>, bytes: &[u8]| -> Option<String> {
        lopdf::Document::decode_text(encoding?, bytes).ok()
    };
    for op in &content.operations {
        let args = &op.operands;
        let arg = |i: usize| args.get(i).map(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "Tf" => {
                encoding = args
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| encodings.get(name));
            }
            "BT" => {
                layout.scale = 1.0;
                layout.y = 0.0;
                layout.moved = true;
            }
            "TL" => layout.leading = arg(0),
            "Td" => layout.move_by(arg(1)),
            "TD" => {
                layout.leading = -arg(1);
                layout.move_by(arg(1));
            }
            "Tm" => {
                layout.scale = if arg(3).abs() > f32::EPSILON {
                    arg(3)
                } else {
                    1.0
                };
                layout.y = arg(5);
                layout.moved = true;
            }
            "T*" => layout.move_by(-layout.leading),
            "Tj" => {
                if let Some(Object::String(bytes, _)) = args.first() {
                    if let Some(t) = decode(encoding, bytes) {
                        layout.show(&t);
                    }
                }
            }
            "'" | "\"" => {
                layout.move_by(-layout.leading);
                if let Some(Object::String(bytes, _)) = args.last() {
                    if let Some(t) = decode(encoding, bytes) {
                        layout.show(&t);
                    }
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                if let Some(t) = decode(encoding, bytes) {
                                    layout.show(&t);
                                }
                            }
                            // A gap wider than a fifth of an em separates words.
                            other if number(other) < -200.0 => layout.moved = true,
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(layout.text())
}

/// Where the text is, and the text shown so far (see [`page_text`]).
#[derive(Default)]
struct Layout {
    /// Each piece of text shown, with the drop from the previous piece when the position
    /// moved in between (positive: lower on the page).
    pieces: Vec<(Option<f32>, String)>,
    /// Vertical position of the text line (text space, approximately: the text matrix's
    /// vertical scale and translation; rotation and the CTM are ignored).
    y: f32,
    scale: f32,
    leading: f32,
    /// The position changed since text was last shown.
    moved: bool,
    shown_y: Option<f32>,
}

impl Layout {
    fn move_by(&mut self, ty: f32) {
        let scale = if self.scale == 0.0 { 1.0 } else { self.scale };
        self.y += ty * scale;
        self.moved = true;
    }

    fn show(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let drop = match (self.shown_y, self.moved) {
            (Some(prev), true) => Some(prev - self.y),
            _ => None,
        };
        self.pieces.push((drop, text.to_string()));
        self.shown_y = Some(self.y);
        self.moved = false;
    }

    /// The text: lines where the position dropped, a blank line where it dropped by more
    /// than 1.6 times the page's usual line distance.
    fn text(self) -> String {
        let mut drops: Vec<f32> = self
            .pieces
            .iter()
            .filter_map(|(d, _)| *d)
            .filter(|d| *d > 0.5)
            .collect();
        drops.sort_by(f32::total_cmp);
        // The lower quartile: on a short page half the drops may be paragraph gaps.
        let step = drops.get(drops.len() / 4).copied().unwrap_or(0.0);
        let mut out = String::new();
        for (drop, text) in self.pieces {
            match drop {
                Some(d) if d.abs() >= 0.5 => {
                    let trimmed = out.trim_end_matches(' ').len();
                    out.truncate(trimmed);
                    let gap = step > 0.0 && d > step * 1.6;
                    out.push_str(if gap { "\n\n" } else { "\n" });
                }
                Some(_) if !out.ends_with([' ', '\n']) && !text.starts_with(' ') => out.push(' '),
                _ => {}
            }
            out.push_str(&text);
        }
        out
    }
}

fn is_decryption_error(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::Decryption(_)
            | lopdf::Error::InvalidPassword
            | lopdf::Error::UnsupportedSecurityHandler(_)
    )
}

/// The info dictionary: title, author, dates, producing program.
fn info(doc: &lopdf::Document) -> SourceMeta {
    let mut meta = SourceMeta::default();
    let Some(dict) = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        lopdf::Object::Dictionary(d) => Some(d),
        _ => None,
    }) else {
        return meta;
    };
    let text = |key: &[u8]| -> Option<String> {
        let s = lopdf::decode_text_string(dict.get(key).ok()?).ok()?;
        let s = s.trim().trim_matches('\0').trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    meta.title = text(b"Title");
    meta.subject = text(b"Subject");
    meta.authors = text(b"Author")
        .map(|a| {
            a.split([';', '\n'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    meta.created = text(b"CreationDate").and_then(|d| pdf_date(&d));
    meta.modified = text(b"ModDate").and_then(|d| pdf_date(&d));
    meta.producer = match (text(b"Creator"), text(b"Producer")) {
        (Some(c), Some(p)) if c != p => Some(format!("{c} / {p}")),
        (c, p) => c.or(p),
    };
    meta
}

/// A PDF date (`D:20240514093000+02'00'`, parts from the year on optional) as ISO 8601.
pub fn pdf_date(raw: &str) -> Option<String> {
    let s = raw.trim().strip_prefix("D:").unwrap_or(raw.trim());
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    let part = |from: usize, to: usize, default: &str| -> String {
        digits.get(from..to).unwrap_or(default).to_string()
    };
    let (year, month, day) = (part(0, 4, ""), part(4, 6, "01"), part(6, 8, "01"));
    let m: u32 = month.parse().ok()?;
    let d: u32 = day.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    if digits.len() < 10 {
        return Some(if digits.len() >= 8 {
            format!("{year}-{month}-{day}")
        } else if digits.len() >= 6 {
            format!("{year}-{month}")
        } else {
            year
        });
    }
    let (hh, mm, ss) = (part(8, 10, "00"), part(10, 12, "00"), part(12, 14, "00"));
    if hh.parse::<u32>().ok()? > 23 || mm.parse::<u32>().ok()? > 59 || ss.parse::<u32>().ok()? > 60
    {
        return None;
    }
    let rest = &s[digits.len()..];
    let zone = match rest.chars().next() {
        Some('Z') | None => "Z".to_string(),
        Some(sign @ ('+' | '-')) => {
            let z: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let zh = z.get(0..2).unwrap_or("00");
            let zm = z.get(2..4).unwrap_or("00");
            format!("{sign}{zh}:{zm}")
        }
        Some(_) => "Z".to_string(),
    };
    Some(format!("{year}-{month}-{day}T{hh}:{mm}:{ss}{zone}"))
}

/// Lines of a page (text layer or OCR) as paragraphs separated by blank lines: lines are
/// joined until one ends a sentence and is clearly shorter than the page's usual line, or a
/// blank line or a large indent says so; words hyphenated across lines are joined.
///
/// Written here because no PDF crate rebuilds paragraphs: lopdf gives one line per text
/// line, and without this every page would be one paragraph.
pub fn reflow(page: &str) -> String {
    let lines: Vec<&str> = page.lines().map(str::trim_end).collect();
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    lengths.sort_unstable();
    // The usual full line: the 80th percentile of line lengths.
    let full = lengths
        .get(lengths.len().saturating_mul(4) / 5)
        .copied()
        .unwrap_or(0);
    let mut out = String::with_capacity(page.len());
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, out: &mut String| {
        let p = paragraph.trim();
        if !p.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(p);
        }
        paragraph.clear();
    };
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut paragraph, &mut out);
            continue;
        }
        if paragraph.is_empty() {
            paragraph.push_str(t);
        } else if paragraph.ends_with('-')
            && paragraph
                .chars()
                .rev()
                .nth(1)
                .is_some_and(char::is_alphabetic)
            && t.chars().next().is_some_and(char::is_lowercase)
        {
            // "Rüstungs-\nexporte": a word broken at the line end.
            paragraph.pop();
            paragraph.push_str(t);
        } else {
            paragraph.push(' ');
            paragraph.push_str(t);
        }
        let n = t.chars().count();
        let ends_sentence = t
            .trim_end_matches(['"', '\'', '”', '“', '»', '«', ')', '’'])
            .ends_with(['.', '!', '?', ':']);
        // A short line (a heading, a list entry, a signature) or a sentence that ends well
        // before the margin closes its paragraph.
        let short = full > 0 && n * 4 < full * 3;
        if short && (ends_sentence || n * 2 < full) && !t.ends_with('-') {
            flush(&mut paragraph, &mut out);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_iso() {
        assert_eq!(
            pdf_date("D:20240514093000+02'00'").as_deref(),
            Some("2024-05-14T09:30:00+02:00")
        );
        assert_eq!(pdf_date("D:20240514").as_deref(), Some("2024-05-14"));
        assert_eq!(pdf_date("D:2024").as_deref(), Some("2024"));
        assert_eq!(
            pdf_date("D:20240514093000Z").as_deref(),
            Some("2024-05-14T09:30:00Z")
        );
        assert_eq!(pdf_date("D:20241399"), None);
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn lines_become_paragraphs() {
        let page = "Die Regierung in Minsk hat nach Angaben aus Diplomatenkreisen\n\
                    neue Panzer aus Russland erhalten. Die Lieferung umfasst\n\
                    mehrere Dutzend Fahrzeuge.\n\
                    Zweiter Absatz beginnt hier und geht über die ganze Zeile hinweg\n\
                    bis die Rüstungs-\n\
                    exporte erwähnt werden.\n";
        let got = reflow(page);
        let paragraphs: Vec<&str> = got.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 2, "{got}");
        assert!(paragraphs[1].contains("Rüstungsexporte"), "{got}");
        assert!(paragraphs[0].ends_with("Fahrzeuge."));
    }
}
