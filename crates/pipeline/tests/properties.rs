//! Property tests over every reader, on stable Rust: short random and mutated inputs for the
//! WARC, feed, JSON Lines, HTML and text readers, the decoder, HTML main-text extraction,
//! the sentence segmenter and the whole pipeline. No panic, no hang, and the invariants
//! every later stage relies on: spans inside the text, in order, on char boundaries.
//!
//! The cargo-fuzz targets in `fuzz/` explore further (nightly, unbounded); these run in
//! every `cargo test` with a bounded number of cases, chosen so that the file finishes in
//! well under a minute in a debug build. `PROPTEST_CASES=N` runs more.

use std::sync::OnceLock;

use armsgraph_kb::DataFiles;
use armsgraph_model::{Extraction, RawDocument, Span, TextIndex};
use armsgraph_pipeline::{Pipeline, ReadOptions};
use proptest::prelude::*;

const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");

/// Cases per property unless `PROPTEST_CASES` says otherwise.
fn cases(n: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases,
        // Shrinking re-runs the pipeline many times; a failure is reported as found.
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    }
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::load(&DataFiles::Embedded)
            .expect("pipeline loads")
            .with_time_budget(Some(std::time::Duration::from_secs(30)))
    })
}

/// Valid inputs of each format, to be mutated: the fuzzers' seeds in small.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Waffen für Baku</title>\
        </head><body><nav><a href=\"/\">Start</a></nav><article><h1>Waffen für Baku</h1>\
        <p>Belarus hat Aserbaidschan Ausrüstung geliefert, die gegen Armenien eingesetzt wurde.</p>\
        <p>„Das ist ein Verrat“, sagte Paschinjan am Montag in Eriwan.</p></article>\
        <footer>© 2024</footer></body></html>";
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 18\r\n\r\nGET / HTTP/1.1\r\n\r\n\r\n\r\n\
         WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.de/a\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>N</title>\
        <item><title>Lieferung</title><link>https://example.de/1</link>\
        <description>Belarus liefert Artillerie an Aserbaidschan.</description></item>\
        </channel></rss>";
    let atom =
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>N</title>\
        <entry><title>Lieferung</title><id>1</id><content type=\"html\">&lt;p&gt;Russland \
        liefert Panzer.&lt;/p&gt;</content></entry></feed>";
    let jsonl = "{\"url\":\"https://example.de/1\",\"text\":\"Belarus liefert Artillerie.\"}\n\
        {\"url\":\"https://example.de/2\",\"html\":\"<p>Russland liefert Panzer an Belarus.</p>\",\"published\":\"2024-05-15\"}\n";
    let text = SEED.chars().take(1500).collect::<String>();
    vec![
        ("crawl.warc", warc.into_bytes()),
        ("news.rss", rss.as_bytes().to_vec()),
        ("news.atom", atom.as_bytes().to_vec()),
        ("docs.jsonl", jsonl.as_bytes().to_vec()),
        ("page.html", page.as_bytes().to_vec()),
        ("article.txt", text.into_bytes()),
    ]
}

/// A valid input with a few bytes changed, inserted, removed or repeated.
fn mutated() -> impl Strategy<Value = (&'static str, Vec<u8>)> {
    let edits = prop::collection::vec((any::<u16>(), any::<u8>(), 0u8..5), 1..8);
    (0..seeds().len(), edits).prop_map(|(which, edits)| {
        let (name, mut bytes) = seeds().swap_remove(which);
        for (at, byte, kind) in edits {
            let at = at as usize % (bytes.len() + 1);
            match kind {
                0 if at < bytes.len() => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                2 if at < bytes.len() => {
                    bytes.remove(at);
                }
                // Cut: a truncated download.
                3 => bytes.truncate(at),
                // Repeat a stretch: runs of markup, doubled records.
                _ => {
                    let end = (at + byte as usize).min(bytes.len());
                    let stretch = bytes[at..end].to_vec();
                    bytes.splice(at..at, stretch);
                }
            }
        }
        (name, bytes)
    })
}

/// Arbitrary short inputs: raw bytes, high bytes, or text built from markup-ish pieces.
fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        prop::collection::vec(0x80u8..=0xFF, 0..600),
        prop::collection::vec(
            prop::sample::select(vec![
                "<p>",
                "</p>",
                "<div class=\"x\">",
                "</div>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "&amp;",
                "&#x",
                ";",
                "\u{feff}",
                "„",
                "“",
                "«",
                "»",
                " ",
                "\n\n",
                ".",
                "Belarus",
                "liefert",
                "Panzer",
                "an",
                "Armenien",
                "sagte",
                "er",
                "WARC/1.0\r\n",
                "Content-Length: 99999\r\n",
                "\r\n\r\n",
                "{\"text\":",
                "\"",
                "}",
                "\u{0301}",
                "🙂",
                "ß",
                "İ",
                "\u{200d}",
            ]),
            0..80,
        )
        .prop_map(|parts| parts.concat().into_bytes()),
    ]
}

/// The invariants of an extraction: every span inside the text and ordered, sentences in
/// order without overlap, every byte range of a span on char boundaries.
fn check_spans(ex: &Extraction) -> Result<(), TestCaseError> {
    let text = &ex.document.text;
    let index = TextIndex::new(text);
    let len = index.char_len();
    let inside = |what: &str, s: Span| -> Result<(), TestCaseError> {
        prop_assert!(
            s.start <= s.end && s.end <= len,
            "{what} span {s:?} outside a text of {len} chars"
        );
        let range = index.byte_range(s);
        prop_assert!(
            text.get(range).is_some(),
            "{what} span {s:?} not on char boundaries"
        );
        Ok(())
    };
    for p in &ex.document.paragraphs {
        inside("paragraph", p.span)?;
    }
    for pair in ex.sentences.windows(2) {
        prop_assert!(
            pair[0].span.end <= pair[1].span.start,
            "sentences overlap or are out of order: {:?}",
            pair
        );
    }
    for s in &ex.sentences {
        inside("sentence", s.span)?;
    }
    for m in &ex.entities {
        inside("mention", m.span)?;
    }
    for t in &ex.times {
        inside("time", t.span)?;
    }
    for e in &ex.events {
        for ev in &e.evidence {
            inside("event sentence", ev.sentence)?;
            inside("event trigger", ev.trigger)?;
        }
    }
    for q in &ex.quotes {
        inside("quote", q.message)?;
    }
    for s in &ex.syntax {
        prop_assert!(s.sentence < ex.sentences.len().max(1));
    }
    Ok(())
}

/// Every item of every reader, for one input: documents are bounded, failures have reasons.
fn read_all(name: &str, bytes: Vec<u8>) -> Result<Vec<RawDocument>, TestCaseError> {
    let mut docs = Vec::new();
    for item in armsgraph_ingest::read_upload(name, bytes) {
        match item {
            Ok(doc) => {
                prop_assert!(doc.body.len() <= armsgraph_ingest::MAX_DOCUMENT_BYTES * 4);
                docs.push(doc);
            }
            Err(f) => prop_assert!(!f.reason.is_empty() && !f.origin.is_empty()),
        }
        // A reader that yields for ever on a short input is a hang.
        prop_assert!(docs.len() < 10_000);
    }
    Ok(docs)
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn readers_take_any_bytes_under_any_name(
        bytes in arbitrary_bytes(),
        name in prop::sample::select(vec![
            "crawl.warc", "crawl.warc.gz", "news.rss", "feed.json", "docs.jsonl", "page.html",
            "notes.txt", "unknown", "x.bin",
        ]),
    ) {
        read_all(name, bytes)?;
    }

    #[test]
    fn mutated_inputs_read_or_fail_with_a_reason((name, bytes) in mutated()) {
        read_all(name, bytes)?;
    }

    #[test]
    fn decoding_any_bytes_gives_text_and_a_charset(bytes in arbitrary_bytes(), html: bool) {
        let decoded = armsgraph_ingest::decode::decode(&bytes, None, html, None);
        prop_assert!(!decoded.charset.is_empty());
        let _ = armsgraph_ingest::decode::not_text(&decoded.text, html);
        let _ = armsgraph_ingest::decode::looks_binary(&bytes);
    }
}

proptest! {
    #![proptest_config(cases(96))]

    #[test]
    fn main_text_extraction_keeps_spans_inside_the_text((name, bytes) in mutated()) {
        // Every document the readers make of a mutated input, through extraction.
        for raw in read_all(name, bytes)? {
            if let Ok(ex) = armsgraph_extract::extract(&raw) {
                check_spans(&ex)?;
            }
        }
    }

    #[test]
    fn the_segmenter_keeps_sentences_in_order_inside_the_text(
        bytes in arbitrary_bytes(),
        lang in prop::sample::select(vec!["de", "en", "fr", "ru", "uk", "es", "xx"]),
    ) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let ex = Extraction {
            document: armsgraph_model::Document { text: text.clone(), ..Default::default() },
            sentences: armsgraph_nlp::segment::sentences(&text, &[], lang),
            ..Default::default()
        };
        check_spans(&ex)?;
    }
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn the_whole_pipeline_reads_short_mutated_documents((name, bytes) in mutated()) {
        let opts = ReadOptions { published: Some("2024-05-15".into()), ..Default::default() };
        for raw in read_all(name, bytes)? {
            if let Ok(ex) = pipeline().read(&raw, &opts) {
                check_spans(&ex)?;
            }
        }
    }

    #[test]
    fn the_whole_pipeline_reads_random_text(bytes in arbitrary_bytes()) {
        let raw = RawDocument {
            origin: "random".into(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
            ..Default::default()
        };
        if let Ok(ex) = pipeline().read(&raw, &ReadOptions::default()) {
            check_spans(&ex)?;
        }
    }
}
