//! Every reader on generated inputs, good and bad. Bad inputs must give a per-document
//! `FailedInput` with a reason, never a panic and never the end of the batch.

use std::io::Write;
use std::path::{Path, PathBuf};

use armsgraph_ingest::{read_bytes, read_path, read_path_with, read_upload, Limits};
use armsgraph_model::{FailedInput, RawDocument, SourceKind};

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("armsgraph-ingest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

type Items = Vec<Result<RawDocument, FailedInput>>;

fn split(items: Items) -> (Vec<RawDocument>, Vec<FailedInput>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for i in items {
        match i {
            Ok(d) => ok.push(d),
            Err(f) => bad.push(f),
        }
    }
    (ok, bad)
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-14T10:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

/// A small crawl: metadata records, a windows-1252 page, an image, a 404, a text resource.
fn crawl_records() -> Vec<Vec<u8>> {
    let (latin, _, _) =
        encoding_rs::WINDOWS_1252.encode("<html><body><p>Grüße aus Köln</p></body></html>");
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://example.de/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://example.de/a",
            "application/http; msgtype=response",
            &http("200 OK", "text/html; charset=windows-1252", &latin),
        ),
        warc_record(
            "response",
            "https://example.de/logo.png",
            "application/http; msgtype=response",
            &http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n\0\0"),
        ),
        warc_record(
            "response",
            "https://example.de/missing",
            "application/http; msgtype=response",
            &http("404 Not Found", "text/html", b"<p>not found</p>"),
        ),
        warc_record(
            "resource",
            "file:///notes.txt",
            "text/plain; charset=utf-8",
            "Ein Text über Drohnen.".as_bytes(),
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn warc_keeps_html_and_text_responses_with_url_and_header_charset() {
    let dir = TempDir::new("warc");
    let path = dir.write("crawl.warc", &crawl_records().concat());
    let (ok, bad) = split(read_path(&path).collect());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].url.as_deref(), Some("https://example.de/a"));
    assert_eq!(ok[0].kind, SourceKind::Warc);
    assert!(ok[0].is_html);
    assert!(ok[0].body.contains("Grüße aus Köln"), "{}", ok[0].body);
    assert_eq!(ok[0].charset.as_deref(), Some("windows-1252 (http header)"));
    assert!(!ok[1].is_html);
    assert_eq!(ok[1].body, "Ein Text über Drohnen.");
    assert!(
        ok[0].origin.ends_with("crawl.warc#record-3"),
        "{}",
        ok[0].origin
    );
}

#[test]
fn per_record_gzip_warc_streams_and_a_truncated_one_fails_cleanly() {
    let dir = TempDir::new("warcgz");
    let members: Vec<Vec<u8>> = crawl_records().iter().map(|r| gzip(r)).collect();
    let whole = members.concat();
    let path = dir.write("crawl.warc.gz", &whole);
    let (ok, bad) = split(read_path(&path).collect());
    assert_eq!((ok.len(), bad.len()), (2, 0), "{bad:?}");

    // Cut the last member (the text resource) in half.
    let cut = whole.len() - members.last().unwrap().len() / 2;
    let path = dir.write("truncated.warc.gz", &whole[..cut]);
    let (ok, bad) = split(read_path(&path).collect());
    assert_eq!(
        ok.len(),
        1,
        "the complete records before the damage are kept"
    );
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0].reason.contains("unreadable") || bad[0].reason.contains("ends inside"),
        "{}",
        bad[0].reason
    );
}

#[test]
fn a_broken_warc_record_is_reported_and_the_next_record_is_read() {
    let mut records = crawl_records();
    // Garbage where a record header should be, and a record with a bad Content-Length.
    records.insert(
        3,
        b"this is not a WARC header\r\nmore junk\r\n\r\n".to_vec(),
    );
    records.insert(
        4,
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\njunk\r\n\r\n".to_vec(),
    );
    let dir = TempDir::new("warcbroken");
    let path = dir.write("broken.warc", &records.concat());
    let (ok, bad) = split(read_path(&path).collect());
    assert_eq!(ok.len(), 2, "both good documents survive: {bad:?}");
    assert_eq!(bad.len(), 2);
    assert!(
        bad.iter().all(|b| b.reason.contains("broken WARC record")),
        "{bad:?}"
    );
}

#[test]
fn oversized_records_files_and_lines_are_skipped_with_a_reason() {
    let limits = Limits {
        max_document_bytes: 1000,
    };
    let dir = TempDir::new("limits");
    let big_page = format!("<html><body><p>{}</p></body></html>", "x".repeat(5000));
    let mut records = crawl_records();
    records.insert(
        2,
        warc_record(
            "response",
            "https://example.de/big",
            "application/http; msgtype=response",
            &http("200 OK", "text/html", big_page.as_bytes()),
        ),
    );
    let path = dir.write("big.warc", &records.concat());
    let (ok, bad) = split(read_path_with(&path, limits).collect());
    assert_eq!(ok.len(), 2, "the records after the big one are still read");
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0].reason.contains("exceeds the limit"),
        "{}",
        bad[0].reason
    );

    let path = dir.write("big.html", big_page.as_bytes());
    let (ok, bad) = split(read_path_with(&path, limits).collect());
    assert!(ok.is_empty());
    assert!(bad[0].reason.contains("exceeds the limit"));

    let jsonl = format!(
        "{{\"text\":\"{}\"}}\n{{\"text\":\"kurz\"}}\n",
        "y".repeat(5000)
    );
    let path = dir.write("big.jsonl", jsonl.as_bytes());
    let (ok, bad) = split(read_path_with(&path, limits).collect());
    assert_eq!((ok.len(), bad.len()), (1, 1));
    assert!(bad[0].origin.ends_with("#line-1"));
}

#[test]
fn a_200_mb_file_fails_fast_without_being_read() {
    let dir = TempDir::new("huge");
    let path = dir.0.join("huge.html");
    // Sparse: no disk space is used, and the reader must refuse it from its size alone.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let start = std::time::Instant::now();
    let (ok, bad) = split(read_path(&path).collect());
    assert!(ok.is_empty());
    assert!(
        bad[0]
            .reason
            .contains("exceeds the limit of 67108864 bytes"),
        "{}",
        bad[0].reason
    );
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn feeds_give_one_document_per_item_preferring_full_content() {
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test</title><link>https://example.com</link><description>d</description>
<language>de</language>
<item><title>Der geheime Waffendeal</title><link>https://example.com/deal</link>
<description>Kurzfassung.</description>
<content:encoded><![CDATA[<p>Der ganze Artikel über Artillerie.</p>]]></content:encoded>
<pubDate>Tue, 14 May 2024 09:30:00 GMT</pubDate></item>
<item><title>Nur Zusammenfassung</title><link>https://example.com/b</link>
<description>Nur die Zusammenfassung.</description></item>
<item><title>Leer</title><link>https://example.com/c</link></item>
</channel></rss>"#;
    let dir = TempDir::new("feeds");
    let path = dir.write("news.rss", rss.as_bytes());
    let (ok, bad) = split(read_path(&path).collect());
    assert_eq!(ok.len(), 2);
    assert_eq!(bad.len(), 1, "the empty item is reported");
    assert!(ok[0].body.contains("Der ganze Artikel"));
    assert!(ok[0].is_html);
    assert_eq!(ok[0].url.as_deref(), Some("https://example.com/deal"));
    assert_eq!(ok[0].title_hint.as_deref(), Some("Der geheime Waffendeal"));
    assert_eq!(
        ok[0].published_hint.as_deref(),
        Some("2024-05-14T09:30:00+00:00")
    );
    assert_eq!(ok[0].language_hint.as_deref(), Some("de"));
    assert_eq!(ok[1].body, "Nur die Zusammenfassung.");
    assert_eq!(ok[1].kind, SourceKind::Feed);

    let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>A</title><id>urn:a</id><updated>2024-05-14T00:00:00Z</updated>
<entry><title>Eintrag</title><id>urn:e</id><updated>2024-05-14T00:00:00Z</updated>
<link href="https://example.org/e"/><content type="html">&lt;p&gt;Atom-Inhalt&lt;/p&gt;</content></entry></feed>"#;
    let path = dir.write("a.atom", atom.as_bytes());
    let (ok, _) = split(read_path(&path).collect());
    assert_eq!(ok.len(), 1);
    assert!(ok[0].body.contains("Atom-Inhalt"));

    let json_feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
        {"id":"1","url":"https://example.net/1","title":"JSON","content_text":"Text aus JSON Feed."}]}"#;
    let path = dir.write("feed.json", json_feed.as_bytes());
    let (ok, bad) = split(read_path(&path).collect());
    assert_eq!((ok.len(), bad.len()), (1, 0), "{bad:?}");
    assert_eq!(ok[0].body, "Text aus JSON Feed.");

    let empty =
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>"#;
    let path = dir.write("empty.rss", empty.as_bytes());
    let (ok, bad) = split(read_path(&path).collect());
    assert!(ok.is_empty());
    assert_eq!(bad[0].reason, "feed has no items");

    let path = dir.write("broken.rss", b"<rss><channel><item><title>x");
    let (ok, bad) = split(read_path(&path).collect());
    assert!(ok.is_empty());
    assert!(bad[0].reason.contains("feed"), "{}", bad[0].reason);
}

#[test]
fn json_lines_good_and_bad_lines() {
    let mut body = Vec::new();
    body.extend_from_slice(br#"{"url":"https://example.com/1","html":"<p>Eins</p>","published":"2024-05-14","language":"de"}"#);
    body.extend_from_slice(b"\n\n");
    body.extend_from_slice(br#"{"url":"https://example.com/2","text":"Zwei"}"#);
    body.extend_from_slice(b"\nnot json\n");
    body.extend_from_slice(br#"{"url":"https://example.com/3"}"#);
    body.extend_from_slice(b"\n{\"text\":\"\xff\xfe\"}\n[1,2]\n");
    let dir = TempDir::new("jsonl");
    let path = dir.write("docs.jsonl", &body);
    let (ok, bad) = split(read_path(&path).collect());
    assert_eq!(ok.len(), 2);
    assert!(ok[0].is_html);
    assert_eq!(ok[0].published_hint.as_deref(), Some("2024-05-14"));
    assert_eq!(ok[0].language_hint.as_deref(), Some("de"));
    assert!(!ok[1].is_html);
    assert_eq!(ok[1].body, "Zwei");
    let reasons: Vec<&str> = bad.iter().map(|b| b.reason.as_str()).collect();
    assert_eq!(bad.len(), 4, "{reasons:?}");
    assert!(reasons[0].starts_with("invalid JSON"));
    assert!(reasons[1].contains("neither"));
    assert!(reasons[2].contains("UTF-8"));
    assert!(reasons[3].contains("object"));
    assert!(
        bad[0].origin.ends_with("docs.jsonl#line-4"),
        "{}",
        bad[0].origin
    );
}

#[test]
fn directories_are_walked_recursively_in_sorted_order() {
    let dir = TempDir::new("walk");
    dir.write("b.txt", "Zweiter Text.".as_bytes());
    dir.write("a/z.html", b"<html><body><p>HTML</p></body></html>");
    dir.write("a/m.md", b"# Titel\n\nText.");
    dir.write("c.html.gz", &gzip(b"<html><body><p>gz</p></body></html>"));
    dir.write("seed", "Ohne Endung\n\nText.".as_bytes());
    dir.write("README.md", b"notes about the corpus");
    dir.write(".hidden.txt", b"hidden");
    dir.write("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0");
    dir.write("gold.json", br#"{"a":1}"#);
    dir.write(".git/HEAD", b"ref: refs/heads/main");
    dir.write("empty.bin", b"");
    let (ok, bad) = split(read_path(&dir.0).collect());
    // What is not read is reported as skipped, with its reason, in walk order; the hidden
    // directory once, not entered.
    let skipped: Vec<(String, &str)> = bad
        .iter()
        .filter(|f| f.is_skipped())
        .map(|f| {
            let name = Path::new(&f.origin)
                .strip_prefix(&dir.0)
                .unwrap()
                .display()
                .to_string();
            (name, f.reason.as_str())
        })
        .collect();
    let names: Vec<&str> = skipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            ".git",
            ".hidden.txt",
            "README.md",
            "empty.bin",
            "gold.json",
            "logo.png"
        ],
        "{skipped:?}"
    );
    assert!(skipped[0].1.contains("hidden"));
    assert!(skipped[2].1.contains("note about the corpus"));
    assert!(skipped[3].1.contains("empty"));
    assert!(skipped[4].1.contains("JSON"));
    // A broken image: OCR reads nothing from it (or it is no image at all).
    assert!(skipped[5].1.starts_with("skipped: "), "{:?}", skipped[5]);
    assert!(skipped[5].1.len() > "skipped: ".len(), "{:?}", skipped[5]);
    assert!(bad.iter().all(|f| f.is_skipped()), "{bad:?}");
    let names: Vec<String> = ok
        .iter()
        .map(|d| {
            Path::new(&d.origin)
                .strip_prefix(&dir.0)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        vec!["a/m.md", "a/z.html", "b.txt", "c.html.gz", "seed"]
    );
    assert!(ok[1].is_html && ok[3].is_html && !ok[0].is_html && !ok[4].is_html);
    assert!(ok[3].body.contains("gz"));
}

#[test]
fn bad_bytes_give_reasons_not_panics() {
    let dir = TempDir::new("bad");
    // Binary garbage named explicitly.
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let path = dir.write("garbage.bin", &garbage);
    let (ok, bad) = split(read_path(&path).collect());
    assert!(ok.is_empty());
    assert!(bad[0].reason.contains("binary"), "{}", bad[0].reason);
    // Binary data behind a text name.
    let path = dir.write("fake.txt", &garbage);
    let (ok, bad) = split(read_path(&path).collect());
    assert!(ok.is_empty() && bad.len() == 1);
    // A truncated gzip of a single page.
    let gz = gzip(&b"<html><body><p>abc</p></body></html>".repeat(200));
    let path = dir.write("page.html.gz", &gz[..gz.len() / 2]);
    let (ok, bad) = split(read_path(&path).collect());
    assert!(ok.is_empty());
    assert!(
        bad[0].reason.contains("corrupt")
            || bad[0].reason.contains("eof")
            || bad[0].reason.contains("EOF"),
        "{}",
        bad[0].reason
    );
    // Invalid UTF-8 in a text file is a legacy charset, decoded, not dropped.
    let path = dir.write(
        "latin.txt",
        b"Gr\xfc\xdfe aus K\xf6ln, Verb\xfcndete und Waffenlieferungen.",
    );
    let (ok, bad) = split(read_path(&path).collect());
    assert!(bad.is_empty());
    assert!(ok[0].body.contains("Grüße"), "{}", ok[0].body);
    assert!(ok[0]
        .charset
        .as_deref()
        .is_some_and(|c| c.ends_with("(detected)")));
    // Empty file and a missing path.
    let path = dir.write("empty.txt", b"");
    assert_eq!(split(read_path(&path).collect()).1[0].reason, "empty file");
    let (_, bad) = split(read_path(&dir.0.join("nope.html")).collect());
    assert!(bad[0].reason.starts_with("cannot open"));
    assert!(read_bytes("x", &garbage).is_err());
}

#[test]
fn uploads_are_read_by_name_and_content() {
    let warc: Vec<u8> = crawl_records().concat();
    let (ok, _) = split(read_upload("crawl.warc.gz", gzip(&warc)).collect());
    assert_eq!(ok.len(), 2);
    let (ok, _) = split(read_upload("paste", b"Nur Text.".to_vec()).collect());
    assert_eq!(ok.len(), 1);
    assert!(!ok[0].is_html);
}

/// A poor man's fuzzer for stable Rust: every truncation and many byte flips of a small
/// archive, feed and JSON Lines file must yield items (or failures) and terminate.
#[test]
fn truncations_and_bit_flips_never_panic() {
    let warc = crawl_records().concat();
    let warc_gz: Vec<u8> = crawl_records().iter().flat_map(|r| gzip(r)).collect();
    let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a</title><link>https://e.com/a</link><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>"#.to_vec();
    let jsonl = b"{\"url\":\"https://e.com\",\"html\":\"<p>x</p>\"}\n{\"text\":\"y\"}\n".to_vec();
    let inputs = [
        ("crawl.warc", warc),
        ("crawl.warc.gz", warc_gz),
        ("news.rss", rss),
        ("docs.jsonl", jsonl),
    ];
    let mut state: u64 = 0x1234_5678_9abc_def0;
    let mut rand = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (name, bytes) in &inputs {
        let step = (bytes.len() / 200).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let n = read_upload(name, bytes[..cut].to_vec()).take(100).count();
            assert!(n < 100, "{name} cut at {cut}: runaway iteration");
        }
        for _ in 0..300 {
            let mut b = bytes.clone();
            for _ in 0..4 {
                let i = (rand() as usize) % b.len();
                b[i] = rand() as u8;
            }
            let n = read_upload(name, b).take(100).count();
            assert!(n < 100, "{name}: runaway iteration");
        }
    }
}
