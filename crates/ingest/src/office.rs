//! Word-processor files: DOCX (Office Open XML) and ODT (OpenDocument Text), read with `zip`
//! and `quick-xml`. Paragraphs, headings (as `# ` lines, which extract reads as headings),
//! list items (`- `) and table rows (cells joined by ` | `) become plain text; the core
//! properties (title, author, created, modified, application) become metadata.
//!
//! Hostile files: every zip entry is read through a byte limit whatever size its header
//! claims (a zip bomb stops at the limit with an error), the archive may hold at most
//! [`MAX_ENTRIES`] entries, and XML with a document type declaration is refused: quick-xml
//! never loads external entities, and refusing `<!DOCTYPE` also stops entity expansion
//! tricks (XXE, "billion laughs") before they reach us.

use std::io::{Cursor, Read};

use armsgraph_model::{RawDocument, SourceKind, SourceMeta};
use quick_xml::events::{BytesStart, Event};

/// Largest XML part read from an office file (its text, after decompression).
pub const MAX_PART_BYTES: u64 = 32 << 20;
/// More entries than this is not a word-processor file.
pub const MAX_ENTRIES: usize = 10_000;
/// Deepest element nesting accepted.
const MAX_DEPTH: usize = 512;

/// Which office format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeKind {
    Docx,
    Odt,
}

/// Why an office file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error("not a readable {0} file (damaged zip archive): {1}")]
    Zip(&'static str, String),
    #[error("{0} file without its {1} part")]
    MissingPart(&'static str, &'static str),
    #[error(
        "{part} is larger than {MAX_PART_BYTES} bytes once decompressed (a zip bomb?); refused"
    )]
    TooLarge { part: String },
    #[error("zip archive with more than {MAX_ENTRIES} entries; refused")]
    TooManyEntries,
    #[error("{part} declares a DTD (<!DOCTYPE>), which office files never need; refused as an XML entity attack (XXE)")]
    Doctype { part: String },
    #[error("{part} is not well-formed XML: {message}")]
    Xml { part: String, message: String },
    #[error("the document has no text")]
    Empty,
}

impl OfficeKind {
    fn name(self) -> &'static str {
        match self {
            OfficeKind::Docx => "DOCX",
            OfficeKind::Odt => "ODT",
        }
    }
}

/// The office kind of a zip archive, judged from its entries, or `None` for another zip.
pub fn sniff(bytes: &[u8]) -> Option<OfficeKind> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if archive.len() > MAX_ENTRIES {
        return None;
    }
    let names: Vec<&[u8]> = archive.file_names_raw().collect();
    if names.contains(&&b"word/document.xml"[..]) {
        Some(OfficeKind::Docx)
    } else if names.contains(&&b"content.xml"[..]) && names.contains(&&b"mimetype"[..]) {
        Some(OfficeKind::Odt)
    } else {
        None
    }
}

/// One DOCX or ODT file as a plain-text document.
pub fn read_office(
    origin: &str,
    bytes: &[u8],
    kind: OfficeKind,
) -> Result<RawDocument, OfficeError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| OfficeError::Zip(kind.name(), e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(OfficeError::TooManyEntries);
    }
    let (body_part, meta_parts): (&'static str, &[&'static str]) = match kind {
        OfficeKind::Docx => (
            "word/document.xml",
            &["docProps/core.xml", "docProps/app.xml"],
        ),
        OfficeKind::Odt => ("content.xml", &["meta.xml"]),
    };
    let body = read_part(&mut archive, body_part, kind)?
        .ok_or(OfficeError::MissingPart(kind.name(), body_part))?;
    let text = match kind {
        OfficeKind::Docx => docx_text(&body, body_part)?,
        OfficeKind::Odt => odt_text(&body, body_part)?,
    };
    if text.trim().is_empty() {
        return Err(OfficeError::Empty);
    }
    let mut meta = SourceMeta {
        format: kind.name().to_ascii_lowercase(),
        ..Default::default()
    };
    for part in meta_parts {
        if let Some(xml) = read_part(&mut archive, part, kind)? {
            properties(&xml, part, &mut meta)?;
        }
    }
    Ok(RawDocument {
        origin: origin.to_string(),
        kind: SourceKind::Office,
        is_html: false,
        body: text,
        charset: Some("utf-8 (office xml)".to_string()),
        title_hint: meta.title.clone(),
        published_hint: meta.created.clone().or_else(|| meta.modified.clone()),
        author_hint: meta.authors.first().cloned(),
        source: Some(meta),
        ..Default::default()
    })
}

/// One XML part, read through the size limit; `None` when the archive lacks it.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    kind: OfficeKind,
) -> Result<Option<String>, OfficeError> {
    let entry = match archive.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(OfficeError::Zip(kind.name(), e.to_string())),
    };
    let too_large = || OfficeError::TooLarge {
        part: name.to_string(),
    };
    if entry.size() > MAX_PART_BYTES {
        return Err(too_large());
    }
    // The declared size may lie: the read itself stops at the limit.
    let mut out = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| OfficeError::Zip(kind.name(), e.to_string()))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(too_large());
    }
    String::from_utf8(out)
        .map(Some)
        .map_err(|e| OfficeError::Xml {
            part: name.to_string(),
            message: format!("not UTF-8: {e}"),
        })
}

/// Walks an XML part, refusing DTDs and excessive nesting, calling `on` for each event.
fn walk(xml: &str, part: &str, mut on: impl FnMut(XmlEvent<'_>)) -> Result<(), OfficeError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let bad = |message: String| OfficeError::Xml {
        part: part.to_string(),
        message,
    };
    loop {
        match reader.read_event().map_err(|e| bad(e.to_string()))? {
            Event::DocType(_) => {
                return Err(OfficeError::Doctype {
                    part: part.to_string(),
                })
            }
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(bad(format!("nested deeper than {MAX_DEPTH} elements")));
                }
                on(XmlEvent::Start(&e));
            }
            Event::Empty(e) => {
                on(XmlEvent::Start(&e));
                on(XmlEvent::End(local(&e)));
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                on(XmlEvent::End(e.local_name().as_ref().to_string()));
            }
            Event::Text(t) => on(XmlEvent::Text(&t.xml10_content())),
            Event::CData(t) => on(XmlEvent::Text(&t.into_inner())),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.into_inner())
                        .map(str::to_string),
                };
                // Only the five predefined entities and character references exist without
                // a DTD; anything else is dropped.
                if let Some(s) = resolved {
                    on(XmlEvent::Text(&s));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

enum XmlEvent<'a> {
    Start(&'a BytesStart<'a>),
    End(String),
    Text(&'a str),
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// The value of attribute `local_name` (any prefix).
fn attr(e: &BytesStart<'_>, local_name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local_name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// Collects blocks: text runs into the current paragraph, paragraphs into lines.
#[derive(Default)]
struct Blocks {
    out: String,
    paragraph: String,
    /// Cells of the table row being read.
    row: Option<Vec<String>>,
    prefix: &'static str,
}

impl Blocks {
    fn text(&mut self, t: &str) {
        self.paragraph.push_str(t);
    }
    /// Ends a paragraph: into the current table cell or as a block of its own.
    fn end_paragraph(&mut self) {
        let p = self
            .paragraph
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.paragraph.clear();
        let prefix = std::mem::take(&mut self.prefix);
        if p.is_empty() {
            return;
        }
        if let Some(row) = self.row.as_mut() {
            match row.last_mut() {
                Some(cell) if !cell.is_empty() => {
                    cell.push(' ');
                    cell.push_str(&p);
                }
                Some(cell) => cell.push_str(&p),
                None => row.push(p),
            }
            return;
        }
        self.block(&format!("{prefix}{p}"));
    }
    fn block(&mut self, line: &str) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(line);
    }
    fn start_row(&mut self) {
        self.row = Some(Vec::new());
    }
    fn start_cell(&mut self) {
        if let Some(row) = self.row.as_mut() {
            row.push(String::new());
        }
    }
    fn end_row(&mut self) {
        if let Some(row) = self.row.take() {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                self.block(&cells.join(" | "));
            }
        }
    }
}

/// `word/document.xml`: `w:p` paragraphs of `w:t` runs; `w:pStyle` Heading/Title styles
/// (and the localised `Überschrift`, `Заголовок` ids Word writes) are headings, `w:numPr`
/// marks list items; `w:tr`/`w:tc` are table rows and cells.
fn docx_text(xml: &str, part: &str) -> Result<String, OfficeError> {
    let mut b = Blocks::default();
    let mut in_text = false;
    let mut in_deleted = 0usize;
    walk(xml, part, |ev| match ev {
        XmlEvent::Start(e) => match local(e).as_str() {
            "t" => in_text = true,
            // Deleted tracked changes are not the document's text.
            "del" => in_deleted += 1,
            "tab" if in_deleted == 0 => b.text("\t"),
            "br" | "cr" if in_deleted == 0 => b.text(" "),
            "pStyle" => {
                let style = attr(e, "val").unwrap_or_default().to_lowercase();
                if [
                    "heading",
                    "title",
                    "berschrift",
                    "überschrift",
                    "titre",
                    "заголовок",
                    "título",
                    "titulo",
                ]
                .iter()
                .any(|h| style.contains(h))
                {
                    b.prefix = "# ";
                }
            }
            "numPr" if b.prefix.is_empty() => b.prefix = "- ",
            "tr" => b.start_row(),
            "tc" => b.start_cell(),
            _ => {}
        },
        XmlEvent::End(name) => match name.as_str() {
            "t" => in_text = false,
            "del" => in_deleted = in_deleted.saturating_sub(1),
            "p" => b.end_paragraph(),
            "tr" => b.end_row(),
            _ => {}
        },
        XmlEvent::Text(t) => {
            if in_text && in_deleted == 0 {
                b.text(t);
            }
        }
    })?;
    b.end_paragraph();
    Ok(b.out)
}

/// `content.xml`: `text:h` headings, `text:p` paragraphs, `text:list-item` entries,
/// `table:table-row`/`table-cell`; `text:s`, `text:tab`, `text:line-break` are spaces.
/// Notes (footnotes) and tracked deletions are skipped.
fn odt_text(xml: &str, part: &str) -> Result<String, OfficeError> {
    let mut b = Blocks::default();
    let mut in_body = false;
    let mut skipped = 0usize;
    let mut list_depth = 0usize;
    walk(xml, part, |ev| match ev {
        XmlEvent::Start(e) => match local(e).as_str() {
            "text" => in_body = true,
            "note" | "tracked-changes" | "deletion" => skipped += 1,
            "h" => b.prefix = "# ",
            "p" if list_depth > 0 && b.prefix.is_empty() => b.prefix = "- ",
            "list-item" => list_depth += 1,
            "s" => {
                let n: usize = attr(e, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                b.text(&" ".repeat(n.min(64)));
            }
            "tab" | "line-break" => b.text(" "),
            "table-row" => b.start_row(),
            "table-cell" => b.start_cell(),
            _ => {}
        },
        XmlEvent::End(name) => match name.as_str() {
            "note" | "tracked-changes" | "deletion" => skipped = skipped.saturating_sub(1),
            "p" | "h" if skipped == 0 => b.end_paragraph(),
            "list-item" => list_depth = list_depth.saturating_sub(1),
            "table-row" => b.end_row(),
            _ => {}
        },
        XmlEvent::Text(t) => {
            if in_body && skipped == 0 {
                b.text(t);
            }
        }
    })?;
    b.end_paragraph();
    Ok(b.out)
}

/// Core properties: `docProps/core.xml` (`dc:title`, `dc:creator`, `cp:lastModifiedBy`,
/// `dcterms:created`, `dcterms:modified`), `docProps/app.xml` (`Application`), ODT
/// `meta.xml` (`dc:title`, `meta:initial-creator`, `dc:creator`, `meta:creation-date`,
/// `dc:date`, `meta:generator`).
fn properties(xml: &str, part: &str, meta: &mut SourceMeta) -> Result<(), OfficeError> {
    let mut current: Option<String> = None;
    let mut value = String::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    walk(xml, part, |ev| match ev {
        XmlEvent::Start(e) => {
            current = Some(local(e));
            value.clear();
        }
        XmlEvent::Text(t) => value.push_str(t),
        XmlEvent::End(name) => {
            if current.as_deref() == Some(name.as_str()) {
                let v = value.trim();
                if !v.is_empty() {
                    fields.push((name, v.to_string()));
                }
            }
            current = None;
            value.clear();
        }
    })?;
    for (key, v) in fields {
        match key.as_str() {
            "title" => meta.title = Some(v),
            "subject" => meta.subject = Some(v),
            // The first author written is the creator; later editors follow.
            "initial-creator" if !meta.authors.contains(&v) => meta.authors.insert(0, v),
            "creator" if !meta.authors.contains(&v) => meta.authors.push(v),
            "lastModifiedBy" if !meta.authors.contains(&v) => meta.authors.push(v),
            "created" | "creation-date" => meta.created = Some(v),
            "modified" | "date" => meta.modified = Some(v),
            "Application" | "generator" => meta.producer = Some(v),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_xml_becomes_blocks() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Vertrauliche Note</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Russland liefert </w:t></w:r><w:r><w:t>Panzer &amp; Drohnen.</w:t></w:r></w:p>
<w:p><w:r><w:del><w:t>gestrichen</w:t></w:del></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>T-72</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>40</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:numPr/></w:pPr><w:r><w:t>Punkt eins</w:t></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            docx_text(xml, "word/document.xml").unwrap(),
            "# Vertrauliche Note\n\nRussland liefert Panzer & Drohnen.\n\nT-72 | 40\n\n- Punkt eins"
        );
    }

    #[test]
    fn a_doctype_is_refused() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document><w:p><w:t>&e;</w:t></w:p></w:document>"#;
        assert!(matches!(
            docx_text(xml, "word/document.xml"),
            Err(OfficeError::Doctype { .. })
        ));
    }
}
