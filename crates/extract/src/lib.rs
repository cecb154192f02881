//! Extract: the clean article text and its metadata from a [`RawDocument`].
//!
//! HTML first loses scripts, styles and comments ([`preclean`], a byte scan), then goes
//! through a main-text [`Engine`] (by default dom_smoothie and rs-trafilatura, merged: what
//! both find is the article), plain text through paragraph splitting with a
//! title-line and heading rule. Both then lose boilerplate paragraphs (patterns in
//! `data/boilerplate/*.txt`), and become one immutable [`Document::text`]: paragraphs joined
//! by `"\n\n"`, each with a char [`Span`](armsgraph_model::Span) and a kind. A page's
//! headline (the `<h1>` or title heading above its body) leads the text as a `Heading`
//! paragraph — events are reported in headlines — and is also the metadata `title`; a plain
//! text's title line is the `title` only.
//!
//! Metadata (title and the publisher in its suffix, site name, authors, dates, canonical
//! URL, language) comes from the page, then from the container's hints (feed, JSON Lines).
//! [`copies`] computes the document id, content hash and MinHash signature.
//!
//! Invariant: a readable document never fails. Problems become [`Warning`]s; only a
//! document with no text at all is an error.
//!
//! ```
//! use armsgraph_model::RawDocument;
//! let raw = RawDocument {
//!     origin: "note.txt".into(),
//!     body: "Ein Titel – POLITICO\n\nDer erste Absatz.\n\nLeave a Reply\n".into(),
//!     ..Default::default()
//! };
//! let doc = armsgraph_extract::extract(&raw).unwrap().document;
//! assert_eq!(doc.title.as_deref(), Some("Ein Titel"));
//! assert_eq!(doc.publisher.as_deref(), Some("POLITICO"));
//! assert_eq!(doc.text, "Der erste Absatz.");
//! ```

pub mod blocks;
pub mod boilerplate;
pub mod copies;
pub mod dates;
pub mod engine;
pub mod html;
pub mod metadata;
pub mod native;
pub mod preclean;
pub mod text;

use std::sync::OnceLock;

use armsgraph_kb::{DataError, DataFiles};
use armsgraph_model::{
    DatedValue, Document, Extraction, Paragraph, ParagraphKind, RawDocument, SourceKind, Span,
    Syndication, Warning,
};

use crate::blocks::Block;
pub use crate::boilerplate::{Boilerplate, Publisher, Publishers};
pub use crate::engine::Engine;
use crate::metadata::PageMeta;

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{origin}: no text found")]
    Empty { origin: String },
    #[error("data file {path}: {message}")]
    Data { path: String, message: String },
    #[error(transparent)]
    Files(#[from] DataError),
}

/// The extractor with its data (boilerplate patterns, publishers) loaded once.
#[derive(Debug, Clone)]
pub struct Extractor {
    boilerplate: Boilerplate,
    publishers: Publishers,
    markup: native::Markup,
    months: dates::MonthNames,
    engine: Engine,
}

impl Extractor {
    /// Load `boilerplate/*.txt` and `boilerplate/publishers.tsv`.
    pub fn load(files: &DataFiles) -> Result<Extractor, ExtractError> {
        let mut sources = Vec::new();
        for rel in files.list("boilerplate", ".txt")? {
            let text = files.read(&rel)?;
            sources.push((rel, text));
        }
        let boilerplate =
            Boilerplate::from_sources(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
        let rel = "boilerplate/publishers.tsv";
        let publishers = match files.read(rel) {
            Ok(tsv) => Publishers::parse(rel, &tsv)?,
            Err(DataError::Missing { .. }) => Publishers::default(),
            Err(e) => return Err(e.into()),
        };
        let rel = "boilerplate/markup.tsv";
        let markup = match files.read(rel) {
            Ok(tsv) => native::Markup::parse(rel, &tsv)?,
            Err(DataError::Missing { .. }) => native::Markup::default(),
            Err(e) => return Err(e.into()),
        };
        Ok(Extractor {
            boilerplate,
            publishers,
            markup,
            months: dates::MonthNames::load(files)?,
            engine: Engine::default(),
        })
    }

    /// Use another main-text engine (for comparisons and speed).
    pub fn with_engine(mut self, engine: Engine) -> Extractor {
        self.engine = engine;
        self
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn publishers(&self) -> &Publishers {
        &self.publishers
    }

    /// The article text of an HTML page (paragraphs joined by `"\n\n"`), as scored by
    /// `armsgraph eval extraction`.
    pub fn main_text(&self, html: &str, url: Option<&str>) -> String {
        let html = preclean::clean(html);
        let page = html::Page::parse(&html);
        let (blocks, _) = self.html_blocks(&html, &page, url);
        join_blocks(&blocks)
    }

    fn html_blocks(
        &self,
        html: &str,
        page: &html::Page,
        url: Option<&str>,
    ) -> (Vec<Block>, Option<String>) {
        let keep = |b: &Block| !self.boilerplate.is_boilerplate(&b.text);
        let (headline, out) = match self.engine {
            Engine::Native => {
                let article = native::find_article(page, &self.markup);
                let out = engine::EngineOutput {
                    blocks: article.blocks.into_iter().filter(keep).collect(),
                    note: None,
                };
                (article.headline, out)
            }
            other => (None, engine::run(other, html, None, url, &keep)),
        };
        let mut blocks = drop_heading_runs(dedup(out.blocks));
        // The headline above the body leads the text (not part of a run of headings).
        // A headline alone is no article: the caller falls back to all visible text.
        let lead = headline.filter(|h| keep(h) && blocks.first().is_some_and(|b| b.text != h.text));
        if let Some(h) = lead {
            blocks.insert(0, h);
        }
        (blocks, out.note)
    }

    /// Read one raw document into an [`Extraction`] with `document` and `warnings` filled.
    pub fn extract(&self, raw: &RawDocument) -> Result<Extraction, ExtractError> {
        let mut warnings = Vec::new();
        let mut paged_blocks: Vec<(usize, String)> = Vec::new();
        // The reader decoded almost-valid UTF-8 as UTF-8 and replaced the bad bytes.
        if let Some(charset) = raw.charset.as_deref().filter(|c| c.contains("replaced")) {
            warnings.push(warning(
                "invalid_bytes_replaced",
                format!("the input is {charset}; each shows as U+FFFD in the text"),
            ));
        }
        let (meta, mut blocks) = if raw.is_html {
            // Scripts, styles and comments are most of a page's bytes; no parser needs them.
            let html = preclean::clean(&raw.body);
            let page = html::Page::parse(&html);
            let meta = metadata::read(&page, raw.url.as_deref(), &self.months);
            let (mut blocks, note) = if is_fragment(&raw.body) {
                // A feed item's content or a pasted snippet is already the article: there is
                // no page around it for an engine to strip.
                let blocks = native::all_blocks(&page)
                    .into_iter()
                    .filter(|b| !self.boilerplate.is_boilerplate(&b.text))
                    .collect();
                (dedup(blocks), None)
            } else {
                self.html_blocks(&html, &page, raw.url.as_deref())
            };
            if let Some(note) = note {
                warnings.push(warning("main_text_engine", note));
            }
            if blocks.is_empty() {
                // No engine found an article (a short page, a list page): keep all visible
                // text rather than nothing, and say so.
                blocks = native::all_blocks(&page)
                    .into_iter()
                    .filter(|b| !self.boilerplate.is_boilerplate(&b.text))
                    .collect();
                if !blocks.is_empty() {
                    warnings.push(warning(
                        "main_text_fallback",
                        "no article body found; using all visible text".to_string(),
                    ));
                }
            }
            (meta, blocks)
        } else {
            // A file or message that names its title (PDF info, e-mail subject) keeps its
            // first line as text.
            let titled = raw.source.is_some() && raw.title_hint.is_some();
            let (title, body) = match text::title_line(&raw.body).filter(|_| !titled) {
                Some(line) => {
                    let start = raw.body.find(line).unwrap_or(0) + line.len();
                    (Some(line), raw.body.get(start..).unwrap_or(""))
                }
                None => (None, raw.body.as_str()),
            };
            let mut meta = PageMeta::default();
            if let Some(t) = title {
                let (title, publisher) = metadata::split_title_publisher(t);
                meta.title = Some(title);
                meta.title_publisher = publisher;
            }
            // Pages (PDF, scans) are separated by form feeds: each block remembers its page.
            let mut blocks: Vec<Block> = Vec::new();
            for (page, text) in body.split('\u{c}').enumerate() {
                for b in text::blocks_from_text(text) {
                    if !self.boilerplate.is_boilerplate(&b.text) {
                        paged_blocks.push((page, b.text.clone()));
                        blocks.push(b);
                    }
                }
            }
            text::mark_headings(&mut blocks);
            (meta, dedup(blocks))
        };
        let meta = with_hints(meta, raw);
        // A page's headline leads its text (the metadata title stays apart as well); plain
        // text gave its title line up to `title` already, so a repeat of it is dropped.
        if !raw.is_html {
            drop_title_paragraph(&mut blocks, meta.title.as_deref());
        }
        drop_own_address(
            &mut blocks,
            [raw.url.as_deref(), meta.canonical_url.as_deref()],
        );
        if blocks.is_empty() {
            return Err(ExtractError::Empty {
                origin: raw.origin.clone(),
            });
        }
        let mut document = self.document(raw, meta, &blocks, &mut warnings);
        let page_count = raw.source.as_ref().map_or(0, |s| s.page_count);
        if page_count > 0 || raw.body.contains('\u{c}') {
            document.pages = page_spans(&blocks, &paged_blocks, &document.paragraphs, page_count);
        }
        document.source = raw.source.clone();
        Ok(Extraction {
            document,
            warnings,
            ..Default::default()
        })
    }

    fn document(
        &self,
        raw: &RawDocument,
        meta: PageMeta,
        blocks: &[Block],
        warnings: &mut Vec<Warning>,
    ) -> Document {
        let mut text = String::new();
        let mut paragraphs = Vec::with_capacity(blocks.len());
        let mut chars = 0usize;
        for (i, b) in blocks.iter().enumerate() {
            if i > 0 {
                text.push_str("\n\n");
                chars += 2;
            }
            let n = b.text.chars().count();
            text.push_str(&b.text);
            paragraphs.push(Paragraph {
                span: Span::new(chars, chars + n),
                kind: b.kind,
            });
            chars += n;
        }
        let (id, content_hash, minhash) = copies::identity(&text);
        if meta.title.is_none() {
            warnings.push(warning(
                "no_title",
                "the document names no title".to_string(),
            ));
        }
        let publisher = meta
            .title_publisher
            .clone()
            .or_else(|| meta.publisher.clone())
            .or_else(|| meta.site_name.clone());
        let mut doc = Document {
            id,
            content_hash,
            origin: raw.origin.clone(),
            source_kind: raw.kind,
            url: raw.url.clone(),
            canonical_url: meta.canonical_url.clone(),
            title: meta.title.clone(),
            publisher,
            site_name: meta.site_name.clone(),
            authors: meta.authors.clone(),
            language: meta.language.clone(),
            language_source: meta.language_source.clone(),
            published: meta.published.clone(),
            modified: meta.modified.clone(),
            minhash,
            text,
            paragraphs,
            ..Default::default()
        };
        doc.syndication = self.syndication(raw, &meta, &doc);
        doc
    }

    /// A copy names another publisher: its title suffix differs from the site that carries
    /// it, or it is plain text (scraped from elsewhere) that names a publisher.
    fn syndication(
        &self,
        raw: &RawDocument,
        meta: &PageMeta,
        doc: &Document,
    ) -> Option<Syndication> {
        let named = meta.title_publisher.as_deref()?;
        let known = self.publishers.by_name(named);
        let host = doc
            .url
            .as_deref()
            .or(doc.canonical_url.as_deref())
            .and_then(host_of);
        let own = meta.site_name.as_deref().or(meta.publisher.as_deref());
        if own.is_some_and(|o| same_name(o, named)) {
            return None;
        }
        if let (Some(p), Some(h)) = (known, host.as_deref()) {
            if self
                .publishers
                .by_host(h)
                .is_some_and(|hp| hp.domain == p.domain)
            {
                return None;
            }
        }
        let reason = if raw.is_html {
            match (own, host.as_deref()) {
                (Some(o), _) => format!("title names publisher {named}, the site is {o}"),
                (None, Some(h)) => format!("title names publisher {named}, the page is on {h}"),
                // An HTML file with no site or URL: nothing to compare against.
                (None, None) => return None,
            }
        } else {
            format!("plain-text copy whose title names publisher {named}")
        };
        let mut s = Syndication {
            original_publisher: Some(named.to_string()),
            translated: false,
            reason,
            original_language: known.map(|p| p.language.clone()),
        };
        s.translated = is_translated(&s, doc.language.as_deref());
        Some(s)
    }
}

/// The chars of the text on each page: the final blocks are the paged blocks minus those
/// dropped (boilerplate, repeats, the title), in order, so each finds its page by walking both
/// lists once. A page left without text is an empty span where it would be.
fn page_spans(
    blocks: &[Block],
    paged: &[(usize, String)],
    paragraphs: &[Paragraph],
    page_count: usize,
) -> Vec<Span> {
    let pages = page_count
        .max(paged.last().map_or(0, |(p, _)| p + 1))
        .max(1);
    let mut spans: Vec<Option<Span>> = vec![None; pages];
    let mut j = 0;
    for (block, paragraph) in blocks.iter().zip(paragraphs) {
        while j < paged.len() && paged[j].1 != block.text {
            j += 1;
        }
        let page = paged.get(j).map_or(0, |(p, _)| *p);
        j += 1;
        let span = spans[page.min(pages - 1)].get_or_insert(paragraph.span);
        span.end = paragraph.span.end;
    }
    // Empty pages sit at the start of the next page with text (or the end of the text).
    let end = paragraphs.last().map_or(0, |p| p.span.end);
    let mut next = end;
    let mut out = vec![Span::new(end, end); pages];
    for (i, span) in spans.iter().enumerate().rev() {
        match span {
            Some(s) => {
                out[i] = *s;
                next = s.start;
            }
            None => out[i] = Span::new(next, next),
        }
    }
    out
}

/// Markup without `<html>`, `<body>` or a doctype anywhere: a fragment, not a page. The
/// whole input is scanned (one pass over its `<`s): pages that open with kilobytes of ad
/// scripts before `<html>` are still pages.
fn is_fragment(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut at = 0;
    while let Some(rel) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + rel;
        let rest = &bytes[lt + 1..];
        let starts =
            |name: &[u8]| rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name);
        if starts(b"html") || starts(b"body") || starts(b"!doctype") {
            return false;
        }
        at = lt + 1;
    }
    true
}

/// Re-decide `syndication.translated` once the document's language is known (the nlp stage
/// detects it for plain text); call after language detection.
pub fn update_translation(doc: &mut Document) {
    let lang = doc.language.clone();
    if let Some(s) = doc.syndication.as_mut() {
        s.translated = is_translated(s, lang.as_deref());
    }
}

fn is_translated(s: &Syndication, language: Option<&str>) -> bool {
    match (s.original_language.as_deref(), language) {
        (Some(orig), Some(lang)) => !orig.eq_ignore_ascii_case(lang),
        _ => false,
    }
}

fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Fill what the page did not say from the container's hints (feed item, JSON Lines).
fn with_hints(mut meta: PageMeta, raw: &RawDocument) -> PageMeta {
    if meta.title.is_none() {
        if let Some(hint) = raw.title_hint.as_deref() {
            let (t, p) = metadata::split_title_publisher(hint);
            meta.title = Some(t).filter(|t| !t.is_empty());
            meta.title_publisher = meta.title_publisher.or(p);
        }
    }
    if meta.published.is_none() {
        meta.published = raw.published_hint.as_deref().and_then(|d| {
            metadata::normalise_date(d).map(|value| DatedValue {
                value,
                source: format!("{} metadata", kind_name(raw.kind)),
            })
        });
    }
    if meta.modified.is_none() {
        meta.modified = raw
            .source
            .as_ref()
            .and_then(|s| s.modified.as_deref())
            .and_then(metadata::normalise_date)
            .map(|value| DatedValue {
                value,
                source: format!("{} metadata", kind_name(raw.kind)),
            });
    }
    if meta.language.is_none() {
        if let Some(code) = raw
            .language_hint
            .as_deref()
            .and_then(metadata::language_code)
        {
            meta.language = Some(code);
            meta.language_source = Some(format!("{} metadata", kind_name(raw.kind)));
        }
    }
    if meta.authors.is_empty() {
        if let Some(a) = raw
            .author_hint
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            meta.authors.push(a.to_string());
        }
    }
    meta
}

fn kind_name(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Html => "html",
        SourceKind::Text => "text",
        SourceKind::Warc => "warc",
        SourceKind::Feed => "feed",
        SourceKind::Jsonl => "jsonl",
        SourceKind::Stdin => "stdin",
        SourceKind::Api => "api",
        SourceKind::Pdf => "pdf",
        SourceKind::Image => "image",
        SourceKind::Office => "office file",
        SourceKind::Email => "e-mail",
        SourceKind::Attachment => "attachment",
    }
}

/// A plain text's title line is not part of its text: drop a leading paragraph that repeats
/// it.
fn drop_title_paragraph(blocks: &mut Vec<Block>, title: Option<&str>) {
    let Some(title) = title else { return };
    let t = copies::normalise(title);
    if let Some(pos) = blocks
        .iter()
        .take(2)
        .position(|b| copies::normalise(&b.text) == t)
    {
        blocks.remove(pos);
    }
}

/// Three or more headings in a row with no text between them are a list of links to other
/// stories ("More: …"), not the article's structure.
/// A paragraph that is only the page's own address (a "print this URL" line) is not text.
fn drop_own_address(blocks: &mut Vec<Block>, urls: [Option<&str>; 2]) {
    let bare = |u: &str| {
        u.trim()
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_string()
    };
    let own: Vec<String> = urls.into_iter().flatten().map(bare).collect();
    if own.is_empty() {
        return;
    }
    blocks.retain(|b| b.text.contains(' ') || !own.contains(&bare(&b.text)));
}

fn drop_heading_runs(blocks: Vec<Block>) -> Vec<Block> {
    const MIN_RUN: usize = 3;
    let mut out = Vec::with_capacity(blocks.len());
    let mut run: Vec<Block> = Vec::new();
    for b in blocks {
        if b.kind == ParagraphKind::Heading {
            run.push(b);
            continue;
        }
        if run.len() < MIN_RUN {
            out.append(&mut run);
        }
        run.clear();
        out.push(b);
    }
    if run.len() < MIN_RUN {
        out.append(&mut run);
    }
    out
}

/// Drop exact repeats of a paragraph (share bars, repeated captions); the first stays.
fn dedup(blocks: Vec<Block>) -> Vec<Block> {
    let mut seen = std::collections::HashSet::new();
    blocks
        .into_iter()
        .filter(|b| b.text.chars().count() < 20 || seen.insert(b.text.clone()))
        .collect()
}

fn join_blocks(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn warning(code: &str, message: String) -> Warning {
    Warning {
        code: code.to_string(),
        message,
        span: None,
    }
}

static DEFAULT: OnceLock<Result<Extractor, String>> = OnceLock::new();

/// The extractor over the default data files (`ARMSGRAPH_DATA` or the embedded copy),
/// loaded on first use.
pub fn default_extractor() -> Result<&'static Extractor, ExtractError> {
    DEFAULT
        .get_or_init(|| Extractor::load(&DataFiles::from_env()).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|message| ExtractError::Data {
            path: "boilerplate/".to_string(),
            message: message.clone(),
        })
}

/// Read one raw document into an [`Extraction`] with only `document` and `warnings` filled,
/// using [`default_extractor`].
pub fn extract(raw: &RawDocument) -> Result<Extraction, ExtractError> {
    default_extractor()?.extract(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_page_however_late_its_html_tag_comes() {
        assert!(is_fragment("<p>Ein Absatz</p><div>mehr</div>"));
        assert!(!is_fragment("<!doctype html><p>x</p>"));
        let late = format!(
            "<div>{}</div><HTML><body><p>x</p>",
            "<script>x</script>".repeat(500)
        );
        assert!(!is_fragment(&late));
        assert!(is_fragment("a < b <"));
    }

    fn extractor() -> Extractor {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
        Extractor::load(&DataFiles::dir(data)).expect("data files load")
    }

    #[test]
    fn form_feeds_become_page_spans_and_file_metadata_is_kept() {
        let raw = RawDocument {
            origin: "note.pdf".into(),
            kind: SourceKind::Pdf,
            body: "Erste Seite: Russland liefert Panzer an Belarus.\n\nZweiter Absatz der ersten Seite.\u{c}\u{c}Dritte Seite: Armenien kauft Drohnen.".into(),
            title_hint: Some("Vertrauliche Note".into()),
            published_hint: Some("2024-05-14T09:30:00+02:00".into()),
            source: Some(armsgraph_model::SourceMeta {
                format: "pdf".into(),
                page_count: 3,
                modified: Some("2024-05-15T10:00:00Z".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let doc = extractor().extract(&raw).unwrap().document;
        // The file names its title: the first line stays text.
        assert_eq!(doc.title.as_deref(), Some("Vertrauliche Note"));
        assert!(doc.text.starts_with("Erste Seite"));
        assert_eq!(doc.pages.len(), 3);
        let page = |i: usize| -> String {
            let p = doc.pages[i];
            doc.text.chars().skip(p.start).take(p.len()).collect()
        };
        assert_eq!(
            page(0),
            "Erste Seite: Russland liefert Panzer an Belarus.\n\nZweiter Absatz der ersten Seite."
        );
        assert!(doc.pages[1].is_empty());
        assert_eq!(page(2), "Dritte Seite: Armenien kauft Drohnen.");
        let third = doc
            .text
            .find("Dritte")
            .map(|b| doc.text[..b].chars().count());
        assert_eq!(third.and_then(|c| doc.page_of(c)), Some(3));
        assert_eq!(doc.page_of(0), Some(1));
        assert_eq!(
            doc.published.as_ref().map(|p| p.source.as_str()),
            Some("pdf metadata")
        );
        assert_eq!(
            doc.modified.as_ref().map(|p| p.value.as_str()),
            Some("2024-05-15T10:00:00Z")
        );
        assert_eq!(doc.source.as_ref().map(|s| s.page_count), Some(3));
    }

    fn html_page(title: &str, site: &str, url: &str) -> RawDocument {
        let body = format!(
            "<!DOCTYPE html><html lang=\"de\"><head><title>{title}</title>\
             <meta property=\"og:site_name\" content=\"{site}\"></head><body><article>\
             <h1>Der geheime Waffendeal</h1>\
             <p>Belarus hat Aserbaidschan heimlich Artillerie und Drohnen geliefert, obwohl \
             beide Staaten Armenien in einem Militärbündnis Beistand schulden.</p>\
             <p>Das zeigen durchgesickerte Dokumente, die der Redaktion vorliegen. Weder Minsk \
             noch Baku reagierten auf Anfragen um einen Kommentar zu den Lieferungen.</p>\
             <p>Leave a Reply</p></article></body></html>"
        );
        RawDocument {
            origin: "t.html".into(),
            kind: SourceKind::Html,
            url: Some(url.to_string()),
            is_html: true,
            body,
            ..Default::default()
        }
    }

    #[test]
    fn a_page_naming_another_publisher_is_a_translated_copy() {
        let raw = html_page(
            "Der geheime Waffendeal – POLITICO",
            "Nachrichten Heute",
            "https://nachrichten.example/2024/05/14/waffendeal",
        );
        let doc = extractor().extract(&raw).unwrap().document;
        assert_eq!(doc.publisher.as_deref(), Some("POLITICO"));
        assert_eq!(doc.title.as_deref(), Some("Der geheime Waffendeal"));
        assert_eq!(doc.language.as_deref(), Some("de"));
        assert_eq!(
            doc.published.as_ref().map(|d| d.source.as_str()),
            Some("url")
        );
        let s = doc.syndication.expect("a copy");
        assert_eq!(s.original_publisher.as_deref(), Some("POLITICO"));
        assert!(s.translated, "POLITICO publishes in en, the page is de");
        assert!(!doc.text.contains("Leave a Reply"));
        // The headline leads the text as a heading; the title is kept apart too.
        assert!(doc.text.starts_with("Der geheime Waffendeal\n\nBelarus"));
        assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Heading);
    }

    #[test]
    fn the_publishers_own_page_is_not_a_copy() {
        let raw = html_page(
            "Der geheime Waffendeal – POLITICO",
            "POLITICO",
            "https://www.politico.eu/article/x",
        );
        assert!(extractor()
            .extract(&raw)
            .unwrap()
            .document
            .syndication
            .is_none());
        let raw = html_page(
            "Der geheime Waffendeal – POLITICO",
            "",
            "https://www.politico.com/news/x",
        );
        assert!(extractor()
            .extract(&raw)
            .unwrap()
            .document
            .syndication
            .is_none());
    }

    #[test]
    fn translation_is_redecided_once_the_language_is_known() {
        let raw = RawDocument {
            origin: "seed.txt".into(),
            body: "Der Deal – POLITICO\n\nBelarus lieferte Waffen an Aserbaidschan.".into(),
            ..Default::default()
        };
        let mut doc = extractor().extract(&raw).unwrap().document;
        assert!(
            !doc.syndication.as_ref().unwrap().translated,
            "language unknown yet"
        );
        doc.language = Some("de".into());
        update_translation(&mut doc);
        assert!(doc.syndication.as_ref().unwrap().translated);
    }

    #[test]
    fn feed_fragments_are_taken_whole_with_container_hints() {
        let raw = RawDocument {
            origin: "feed.rss#item-1".into(),
            kind: SourceKind::Feed,
            url: Some("https://example.com/a".into()),
            is_html: true,
            body: "<p>Erster Absatz.</p><p>Zweiter Absatz.</p>".into(),
            title_hint: Some("Titel aus dem Feed".into()),
            published_hint: Some("2024-05-14T09:30:00+00:00".into()),
            language_hint: Some("de-DE".into()),
            ..Default::default()
        };
        let ex = extractor().extract(&raw).unwrap();
        let doc = ex.document;
        assert_eq!(doc.text, "Erster Absatz.\n\nZweiter Absatz.");
        assert_eq!(doc.title.as_deref(), Some("Titel aus dem Feed"));
        let published = doc.published.unwrap();
        assert_eq!(published.value, "2024-05-14T09:30:00+00:00");
        assert_eq!(published.source, "feed metadata");
        assert_eq!(doc.language.as_deref(), Some("de"));
        assert!(ex.warnings.iter().all(|w| w.code != "main_text_fallback"));
    }

    #[test]
    fn boilerplate_data_drops_furniture_but_not_short_news_sentences() {
        let ex = extractor();
        for line in [
            "Leave a Reply",
            "source site",
            "Share this:",
            "Read more: Alibaba poised to launch record-breaking listing",
            "Subscribe to our newsletter and get the news in your inbox.",
            "CLICK HERE TO GET THE FOX NEWS APP",
            "Also on rt.com Journalists threatened with arrest",
            "(Reporting by Greg Roumeliotis; editing by Martin Howell)",
            "Copyright 2019 Hawaii News Now. All rights reserved.",
            "Lesen Sie auch: Die Lage in Berg-Karabach",
            "Читайте также: новости дня",
            "Tempo de leitura: 2 minutos",
        ] {
            assert!(ex.boilerplate.is_boilerplate(line), "{line}");
        }
        for line in [
            "Popular support for the war fell sharply in May.",
            "Subscribers to the service rose by 10 percent.",
            "More on that later, the minister said.",
            "You like it or not, the sanctions work.",
            "Copyright law was changed in 2019.",
            "Get the Apple watch deal while it lasts.",
            "Weder die aserbaidschanische noch die belarussische Regierung reagierten.",
            "Armenien bat damals die OVKS um Unterstützung.",
        ] {
            assert!(!ex.boilerplate.is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn an_empty_document_is_the_only_error() {
        let raw = RawDocument {
            origin: "e.html".into(),
            is_html: true,
            body: "<html><body><script>x()</script></body></html>".into(),
            ..Default::default()
        };
        assert!(matches!(
            extractor().extract(&raw),
            Err(ExtractError::Empty { .. })
        ));
    }
}
