//! Hostile inputs, generated here: WARC records whose Content-Length lies, random bytes that
//! decode to something in every legacy charset, and real text in legacy charsets that must
//! still be read. Each bad input gives a reason; nothing after it is lost.

use std::io::Write;

use armsgraph_ingest::decode::{decode, not_text};
use armsgraph_ingest::{read_bytes, read_upload};
use armsgraph_model::{FailedInput, RawDocument};

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

/// A WARC record whose header declares `length` (the true length of `block` when `None`).
fn record(kind: &str, uri: &str, block: &[u8], length: Option<u64>) -> Vec<u8> {
    let (content_type, block) = if kind == "response" {
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(block);
        ("application/http; msgtype=response", http)
    } else {
        ("application/http; msgtype=request", block.to_vec())
    };
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        length.unwrap_or(block.len() as u64)
    )
    .into_bytes();
    out.extend_from_slice(&block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn page(n: usize) -> Vec<u8> {
    format!("<html><body><p>Bericht {n}: Belarus liefert Artillerie an Aserbaidschan.</p></body></html>")
        .into_bytes()
}

fn urls(docs: &[RawDocument]) -> Vec<&str> {
    docs.iter().filter_map(|d| d.url.as_deref()).collect()
}

#[test]
fn a_request_record_with_a_huge_content_length_does_not_swallow_the_records_after_it() {
    let warc = [
        record("response", "https://example.de/1", &page(1), None),
        record(
            "request",
            "https://example.de/2",
            b"GET /2 HTTP/1.1\r\nHost: example.de\r\n\r\n",
            Some(1 << 40),
        ),
        record("response", "https://example.de/2", &page(2), None),
        record("response", "https://example.de/3", &page(3), None),
    ]
    .concat();
    let (ok, bad) = split(read_upload("crawl.warc", warc.clone()).collect());
    assert_eq!(
        urls(&ok),
        [
            "https://example.de/1",
            "https://example.de/2",
            "https://example.de/3"
        ]
    );
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].reason.contains("Content-Length") && bad[0].reason.contains("runs past"),
        "{}",
        bad[0].reason
    );
    assert!(bad[0].origin.ends_with("#record-2"), "{}", bad[0].origin);

    // The same, gzip-compressed per record as crawlers write it.
    let gz: Vec<u8> = [
        record("response", "https://example.de/1", &page(1), None),
        record(
            "request",
            "https://example.de/2",
            b"GET /2\r\n\r\n",
            Some(u64::MAX / 2),
        ),
        record("response", "https://example.de/2", &page(2), None),
    ]
    .iter()
    .flat_map(|r| gzip(r))
    .collect();
    let (ok, bad) = split(read_upload("crawl.warc.gz", gz).collect());
    assert_eq!(urls(&ok), ["https://example.de/1", "https://example.de/2"]);
    assert_eq!(bad.len(), 1, "{bad:?}");
}

#[test]
fn a_response_whose_length_lies_is_reported_and_the_next_records_are_read() {
    // Declared longer than the record but shorter than the rest of the archive: the block
    // swallows the start of the next record, and no record end follows it.
    let next = record("response", "https://example.de/2", &page(2), None);
    let lying = record(
        "response",
        "https://example.de/1",
        &page(1),
        Some((page(1).len() + 60 + next.len() / 2) as u64),
    );
    let warc = [
        lying,
        next,
        record("response", "https://example.de/3", &page(3), None),
    ]
    .concat();
    let (ok, bad) = split(read_upload("crawl.warc", warc).collect());
    assert_eq!(urls(&ok), ["https://example.de/2", "https://example.de/3"]);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].reason.contains("runs past"), "{}", bad[0].reason);

    // Declared past the end of the archive.
    let warc = [
        record(
            "response",
            "https://example.de/1",
            &page(1),
            Some(10_000_000),
        ),
        record("response", "https://example.de/2", &page(2), None),
    ]
    .concat();
    let (ok, bad) = split(read_upload("crawl.warc", warc).collect());
    assert_eq!(urls(&ok), ["https://example.de/2"]);
    assert_eq!(bad.len(), 1, "{bad:?}");

    // Truncated with no record after it: reported, and the end.
    let mut warc = record("response", "https://example.de/1", &page(1), None);
    warc.truncate(warc.len() - 30);
    let (ok, bad) = split(read_upload("crawl.warc", warc).collect());
    assert!(ok.is_empty());
    assert!(bad[0].reason.contains("ends inside a record"), "{bad:?}");
}

#[test]
fn a_record_that_quotes_a_warc_header_is_one_record() {
    // A page about WARC files whose text holds a blank line and a `WARC/1.0` line: its
    // length is right, a record end follows, so nothing is split.
    let body = b"<html><body><pre>\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\n</pre><p>Ein Beispiel.</p></body></html>";
    let warc = [
        record("response", "https://example.de/warc-howto", body, None),
        record("response", "https://example.de/2", &page(2), None),
    ]
    .concat();
    let (ok, bad) = split(read_upload("crawl.warc", warc).collect());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(
        urls(&ok),
        ["https://example.de/warc-howto", "https://example.de/2"]
    );
    assert!(ok[0].body.contains("Ein Beispiel"));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Seeded xorshift: the same "random" bytes on every run.
fn random_bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn random_high_bytes_are_not_stored_as_a_document() {
    for seed in 1..=8u64 {
        let high: Vec<u8> = random_bytes(seed, 64 * 1024)
            .into_iter()
            .map(|b| b | 0x80)
            .collect();
        let err = read_bytes("random.txt", &high).expect_err("random high bytes are no text");
        assert!(err.reason.starts_with("not text"), "{}", err.reason);
        // The same bytes with word-like spaces and line breaks between them.
        let spaced: Vec<u8> = high
            .iter()
            .enumerate()
            .map(|(i, &b)| match i % 7 {
                6 => b' ',
                _ if i % 71 == 0 => b'\n',
                _ => b,
            })
            .collect();
        let err = read_bytes("spaced.txt", &spaced).expect_err("spaced random bytes");
        assert!(err.reason.starts_with("not text"), "{}", err.reason);
        // Wrapped in markup.
        let mut html = b"<html><head><title>x</title></head><body><p>".to_vec();
        html.extend_from_slice(&high[..8192]);
        html.extend_from_slice(b"</p></body></html>");
        let err = read_bytes("random.html", &html).expect_err("random bytes in markup");
        assert!(err.reason.starts_with("not text"), "{}", err.reason);
    }
    // And in a WARC record, which is reported while the next record is read.
    let mut high = random_bytes(99, 4096);
    high.iter_mut().for_each(|b| *b |= 0x80);
    let warc = [
        record("response", "https://example.de/1", &high, None),
        record("response", "https://example.de/2", &page(2), None),
    ]
    .concat();
    let (ok, bad) = split(read_upload("crawl.warc", warc).collect());
    assert_eq!(urls(&ok), ["https://example.de/2"]);
    assert!(bad[0].reason.contains("not text"), "{bad:?}");
}

const RUSSIAN: &str = "Министерство обороны России сообщило в понедельник, что войска получили \
новые партии бронетехники. По данным источников, поставки осуществлялись через Белоруссию, а \
часть техники была направлена на полигоны в Ростовской области. Эксперты считают, что это \
связано с подготовкой к весенним учениям. «Мы не комментируем сообщения СМИ», — заявил \
представитель ведомства.";

const GERMAN: &str =
    "Die Bundesregierung hat am Montag weitere Lieferungen von Flugabwehrsystemen \
an die Ukraine genehmigt. Nach Angaben des Verteidigungsministeriums umfasst das Paket auch \
Munition für Haubitzen. Der Ausschuss für Außenpolitik äußerte sich zurückhaltend: „Über \
Einzelheiten schweigen wir.“ Die Grünen begrüßten die Entscheidung ausdrücklich.";

const GREEK: &str = "Το υπουργείο Άμυνας ανακοίνωσε τη Δευτέρα ότι η χώρα θα παραλάβει νέα \
μαχητικά αεροσκάφη μέσα στο επόμενο έτος. Σύμφωνα με πηγές, η συμφωνία περιλαμβάνει και \
εκπαίδευση πιλότων. Ο εκπρόσωπος της κυβέρνησης δήλωσε ότι η απόφαση ενισχύει την \
αποτρεπτική ικανότητα των ενόπλων δυνάμεων.";

const ARABIC: &str = "أعلنت وزارة الدفاع يوم الاثنين أن البلاد ستتسلم دفعة جديدة من الطائرات \
المسيرة خلال الأشهر المقبلة. وقال المتحدث باسم الوزارة إن الصفقة تشمل تدريب الطواقم \
وقطع الغيار. وأضاف أن التعاون العسكري بين البلدين سيتوسع في العام المقبل.";

const CHINESE: &str = "国防部星期一宣布，该国将在未来几个月内接收一批新的无人机。发言人表示，\
这笔交易还包括人员培训和备件供应。他补充说，两国之间的军事合作将在明年进一步扩大。\
分析人士认为，这一举动反映了地区安全形势的变化。";

#[test]
fn real_text_in_legacy_charsets_and_utf16_is_still_read() {
    // KOI8-R has no guillemets or dashes.
    let koi8 = RUSSIAN.replace(['«', '»'], "\"").replace('—', "-");
    let cases: [(&str, &'static encoding_rs::Encoding); 7] = [
        (RUSSIAN, encoding_rs::WINDOWS_1251),
        (&koi8, encoding_rs::KOI8_R),
        (GERMAN, encoding_rs::WINDOWS_1252),
        (GREEK, encoding_rs::WINDOWS_1253),
        (ARABIC, encoding_rs::WINDOWS_1256),
        (CHINESE, encoding_rs::GBK),
        (GERMAN, encoding_rs::UTF_8),
    ];
    for (text, enc) in cases {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{} cannot write the sample", enc.name());
        let doc = read_bytes("legacy.txt", &bytes)
            .unwrap_or_else(|f| panic!("{} text rejected: {}", enc.name(), f.reason));
        let first_word: String = text.chars().take_while(|c| !c.is_whitespace()).collect();
        assert!(
            doc.body.contains(&first_word),
            "{}: {:?} read as {:?}",
            enc.name(),
            &doc.body[..doc.body.len().min(80)],
            doc.charset
        );
    }
    // UTF-16 without a byte order mark, both byte orders.
    for little in [true, false] {
        let bytes: Vec<u8> = RUSSIAN
            .encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect();
        let doc = read_bytes("utf16.txt", &bytes).expect("UTF-16 text");
        assert!(doc.body.starts_with("Министерство"), "{}", doc.body);
    }
    // Mostly ASCII Latin-1 with accents, and a short text (too short to judge).
    assert!(read_bytes(
        "l.txt",
        b"Gr\xfc\xdfe aus K\xf6ln, Verb\xfcndete und Waffenlieferungen."
    )
    .is_ok());
    assert!(read_bytes("s.txt", b"\xc4\xd6\xdc").is_ok());
}

#[test]
fn the_text_test_names_its_reason() {
    assert_eq!(not_text(GERMAN, false), None);
    assert_eq!(not_text(&format!("<p>{RUSSIAN}</p>"), true), None);
    let replaced = "Gr\u{FFFD}\u{FFFD}e ".repeat(20);
    assert!(not_text(&replaced, false).is_some_and(|r| r.contains("replacement")));
    let symbols = "¤¦©±¶‰† abc ".repeat(20);
    assert!(not_text(&symbols, false).is_some_and(|r| r.contains("symbols")));
    let high: Vec<u8> = random_bytes(7, 4096)
        .into_iter()
        .map(|b| b | 0x80)
        .collect();
    let d = decode(&high, None, false, None);
    assert!(not_text(&d.text, false).is_some(), "{}", d.charset);
}
