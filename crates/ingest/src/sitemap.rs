//! Sitemaps (sitemaps.org 0.9): a `<urlset>` of pages or a `<sitemapindex>` of further
//! sitemaps, each entry with its `<loc>` and optional `<lastmod>`; gzip-compressed files and
//! plain-text sitemaps (one URL a line) too. Parsing only: [`crate::fetch::Fetcher::sitemap`]
//! fetches and walks nested indexes.
//!
//! Hostile XML gets the office reader's treatment: a DTD is refused outright (no entity is
//! ever expanded, so neither billion laughs nor XXE can happen), nesting is capped, the
//! decompressed size is capped and the entry count is capped.

use std::io::Read;

use quick_xml::events::Event;

/// Deepest element nesting accepted (a real sitemap nests 3 deep).
const MAX_DEPTH: usize = 32;

/// One `<url>` or `<sitemap>` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    pub url: String,
    /// `<lastmod>` as written (W3C datetime: `2024-05-15` or `2024-05-15T10:00:00+00:00`).
    pub lastmod: Option<String>,
}

impl SitemapEntry {
    /// Whether the entry changed on or after `since` (`YYYY-MM-DD`). An entry without a
    /// readable `<lastmod>` is kept: nothing says it is old.
    pub fn changed_since(&self, since: &str) -> bool {
        match self.lastmod.as_deref().map(str::trim) {
            Some(date) if date.len() >= 10 && date.is_char_boundary(10) => {
                let day = &date[..10];
                let well_formed = day.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
                // ISO dates of one length order as strings do.
                !well_formed || day >= since
            }
            _ => true,
        }
    }
}

/// What a sitemap file lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// `<urlset>` (or a plain-text sitemap): pages.
    Pages(Vec<SitemapEntry>),
    /// `<sitemapindex>`: further sitemaps.
    Index(Vec<SitemapEntry>),
}

/// Why a sitemap could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SitemapError {
    #[error("the sitemap declares a DTD; refused (entity expansion is never performed)")]
    Doctype,
    #[error("not a readable sitemap: {0}")]
    Xml(String),
    #[error("neither <urlset> nor <sitemapindex> (not a sitemap)")]
    NotASitemap,
    #[error("corrupt gzip data: {0}")]
    Gzip(String),
    #[error("larger than the limit of {0} bytes once decompressed")]
    TooLarge(usize),
    #[error("more than {0} entries")]
    TooManyEntries(usize),
}

/// Parse a sitemap file (gzip-compressed or not) of at most `max_bytes` decompressed and
/// `max_entries` entries.
pub fn parse(bytes: &[u8], max_bytes: usize, max_entries: usize) -> Result<Sitemap, SitemapError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| SitemapError::Gzip(e.to_string()))?;
        if out.len() > max_bytes {
            return Err(SitemapError::TooLarge(max_bytes));
        }
        return parse_plain(&out, max_entries);
    }
    if bytes.len() > max_bytes {
        return Err(SitemapError::TooLarge(max_bytes));
    }
    parse_plain(bytes, max_entries)
}

fn parse_plain(bytes: &[u8], max_entries: usize) -> Result<Sitemap, SitemapError> {
    let text = String::from_utf8_lossy(bytes);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('<') {
        // A text sitemap: one absolute URL a line, nothing else.
        let mut pages = Vec::new();
        for line in trimmed.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !(line.starts_with("http://") || line.starts_with("https://")) {
                return Err(SitemapError::NotASitemap);
            }
            if pages.len() == max_entries {
                return Err(SitemapError::TooManyEntries(max_entries));
            }
            pages.push(SitemapEntry {
                url: line.to_string(),
                lastmod: None,
            });
        }
        return Ok(Sitemap::Pages(pages));
    }
    parse_xml(trimmed, max_entries)
}

fn parse_xml(xml: &str, max_entries: usize) -> Result<Sitemap, SitemapError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut is_index: Option<bool> = None;
    let mut entries = Vec::new();
    // The element whose text is being collected (`loc`, `lastmod`) and the entry so far.
    let mut field: Option<String> = None;
    let mut text = String::new();
    let mut loc: Option<String> = None;
    let mut lastmod: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| SitemapError::Xml(e.to_string()))?;
        match event {
            // `<!DOCTYPE html>` is a web page, not an attack: say what it is.
            Event::DocType(d) if d.trim_ascii().eq_ignore_ascii_case("html") => {
                return Err(SitemapError::NotASitemap)
            }
            Event::DocType(_) => return Err(SitemapError::Doctype),
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(SitemapError::Xml(format!(
                        "nested deeper than {MAX_DEPTH} elements"
                    )));
                }
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "urlset" if is_index.is_none() => is_index = Some(false),
                    "sitemapindex" if is_index.is_none() => is_index = Some(true),
                    "loc" | "lastmod" => {
                        field = Some(name);
                        text.clear();
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.local_name();
                match name.as_ref() {
                    "loc" | "lastmod" => {
                        let value = text.trim().to_string();
                        if field.as_deref() == Some("loc") {
                            loc = Some(value).filter(|v| !v.is_empty());
                        } else if field.as_deref() == Some("lastmod") {
                            lastmod = Some(value).filter(|v| !v.is_empty());
                        }
                        field = None;
                    }
                    "url" | "sitemap" => {
                        if let Some(url) = loc.take() {
                            if entries.len() == max_entries {
                                return Err(SitemapError::TooManyEntries(max_entries));
                            }
                            entries.push(SitemapEntry {
                                url,
                                lastmod: lastmod.take(),
                            });
                        }
                        lastmod = None;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if field.is_some() => text.push_str(&t.xml10_content()),
            Event::CData(t) if field.is_some() => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) if field.is_some() => {
                // Only character references and the five predefined entities exist without
                // a DTD (URLs carry `&amp;`); anything else is dropped.
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.into_inner())
                        .map(str::to_string),
                };
                if let Some(s) = resolved {
                    text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match is_index {
        Some(true) => Ok(Sitemap::Index(entries)),
        Some(false) => Ok(Sitemap::Pages(entries)),
        None => Err(SitemapError::NotASitemap),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlset_index_text_and_gzip() {
        let urlset = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://example.org/a?x=1&amp;y=2</loc><lastmod>2024-05-15</lastmod></url>
  <url><loc> https://example.org/b </loc></url>
</urlset>"#;
        let Sitemap::Pages(pages) = parse(urlset, 1 << 20, 100).unwrap() else {
            panic!("a urlset lists pages")
        };
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].url, "https://example.org/a?x=1&y=2");
        assert_eq!(pages[0].lastmod.as_deref(), Some("2024-05-15"));
        assert_eq!(pages[1].url, "https://example.org/b");
        assert!(pages[0].changed_since("2024-05-15"));
        assert!(!pages[0].changed_since("2024-05-16"));
        assert!(pages[1].changed_since("2030-01-01"), "no lastmod: kept");

        let index = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://example.org/s1.xml.gz</loc><lastmod>2023-01-01T10:00:00+00:00</lastmod></sitemap></sitemapindex>"#;
        assert!(matches!(parse(index, 1 << 20, 100).unwrap(), Sitemap::Index(e) if e.len() == 1));

        let text = b"https://example.org/a\nhttps://example.org/b\n";
        assert!(matches!(parse(text, 1 << 20, 100).unwrap(), Sitemap::Pages(e) if e.len() == 2));

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, urlset).unwrap();
        let gz = gz.finish().unwrap();
        assert!(matches!(parse(&gz, 1 << 20, 100).unwrap(), Sitemap::Pages(e) if e.len() == 2));
        assert_eq!(parse(&gz, 100, 100), Err(SitemapError::TooLarge(100)));
    }

    #[test]
    fn hostile_sitemaps_are_refused() {
        let laughs = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<urlset><url><loc>&lol2;</loc></url></urlset>"#;
        assert_eq!(parse(laughs, 1 << 20, 100), Err(SitemapError::Doctype));
        let xxe = br#"<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><urlset><url><loc>&xxe;</loc></url></urlset>"#;
        assert_eq!(parse(xxe, 1 << 20, 100), Err(SitemapError::Doctype));
        let deep = format!("<urlset>{}", "<a>".repeat(10_000));
        assert!(matches!(
            parse(deep.as_bytes(), 1 << 20, 100),
            Err(SitemapError::Xml(_))
        ));
        let many = format!(
            "<urlset>{}</urlset>",
            "<url><loc>https://e.org/x</loc></url>".repeat(11)
        );
        assert_eq!(
            parse(many.as_bytes(), 1 << 20, 10),
            Err(SitemapError::TooManyEntries(10))
        );
        assert_eq!(
            parse(b"<html><body>hi</body></html>", 1 << 20, 10),
            Err(SitemapError::NotASitemap)
        );
    }
}
