//! Fetching over HTTP against a local server (no internet here): robots.txt, the per-host
//! rate, redirects, statuses, size and time limits, charsets from the header, content
//! routing, sitemaps and conditional feed requests.

mod common;

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use armsgraph_ingest::fetch::{FeedPoll, FetchConfig, FetchError, Fetcher, Validators};
use armsgraph_model::SourceKind;
use common::http_server::{Body, Reply, TestServer};

/// No politeness delay (tests that measure it set their own), short timeouts.
fn quick() -> FetchConfig {
    FetchConfig {
        host_delay: Duration::ZERO,
        timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(5),
        ..FetchConfig::default()
    }
}

const ARTICLE: &str = "<!DOCTYPE html><html><head><title>Lieferung</title></head><body><article><p>Russland hat nach Angaben aus Diplomatenkreisen vierzig Kampfpanzer an Belarus geliefert.</p><p>Das berichtete die Zeitung am Dienstag.</p></article></body></html>";

#[test]
fn a_page_after_a_redirect_keeps_the_final_url_and_the_header_charset() {
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/old" => Reply::redirect("/news/a"),
        "/news/a" => Reply::new(
            200,
            "text/html; charset=windows-1251",
            // "Привет, мир" in windows-1251, with no <meta charset>.
            b"<html><body><p>\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0</p></body></html>".to_vec(),
        ),
        _ => Reply::status(404),
    });
    let mut fetcher = Fetcher::new(quick());
    let docs = fetcher.documents(&server.url("/old"));
    assert_eq!(docs.len(), 1);
    let doc = docs[0].as_ref().expect("page read");
    assert_eq!(doc.origin, server.url("/news/a"));
    assert_eq!(doc.url.as_deref(), Some(server.url("/news/a").as_str()));
    assert!(doc.body.contains("Привет, мир"), "{}", doc.body);
    assert_eq!(doc.charset.as_deref(), Some("windows-1251 (http header)"));
    assert!(doc.is_html);
    let page = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/news/a")
        .unwrap();
    let agent = page.header("user-agent").unwrap_or("");
    assert!(
        agent.starts_with("armsgraph/") && agent.contains("(+http"),
        "{agent}"
    );
}

#[test]
fn robots_txt_is_fetched_once_per_host_and_honoured() {
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::new(
            200,
            "text/plain",
            "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private\n",
        ),
        _ => Reply::html(ARTICLE),
    });
    let mut fetcher = Fetcher::new(quick());
    assert!(fetcher.get(&server.url("/a")).is_ok());
    assert!(fetcher.get(&server.url("/b")).is_ok());
    let err = fetcher.get(&server.url("/private/c")).unwrap_err();
    assert!(matches!(err, FetchError::Robots(_)), "{err}");
    assert_eq!(
        err.to_string(),
        format!("disallowed by {}", server.url("/robots.txt"))
    );
    assert!(!err.is_transient());
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.hits("/private/c"), 0);
    assert_eq!(fetcher.stats().robots_fetched, 1);
    // A redirect into a disallowed path is stopped at that hop.
    let redirecting = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::new(
            200,
            "text/plain",
            // Our own group wins over `*`: only /not-for-armsgraph is closed to us.
            "User-agent: *\nDisallow: /\n\nUser-agent: armsgraph\nDisallow: /not-for-armsgraph\n",
        ),
        "/jump" => Reply::redirect("/not-for-armsgraph/d"),
        _ => Reply::html(ARTICLE),
    });
    assert!(fetcher.get(&redirecting.url("/open")).is_ok());
    let err = fetcher.get(&redirecting.url("/jump")).unwrap_err();
    assert!(matches!(err, FetchError::Robots(_)), "{err}");
    assert_eq!(redirecting.hits("/not-for-armsgraph/d"), 0);
    assert_eq!(fetcher.stats().robots_fetched, 2);
}

#[test]
fn an_unavailable_robots_txt_disallows_for_now() {
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(503),
        _ => Reply::html(ARTICLE),
    });
    let mut fetcher = Fetcher::new(quick());
    let err = fetcher.get(&server.url("/a")).unwrap_err();
    assert!(err.to_string().contains("unavailable"), "{err}");
    assert!(err.is_transient());
    assert_eq!(server.hits("/a"), 0);
}

#[test]
fn requests_to_one_host_are_spaced_by_the_delay() {
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::html(ARTICLE),
    });
    let delay = Duration::from_millis(150);
    let mut fetcher = Fetcher::new(FetchConfig {
        host_delay: delay,
        ..quick()
    });
    let started = std::time::Instant::now();
    for path in ["/1", "/2", "/3"] {
        fetcher.get(&server.url(path)).unwrap();
    }
    // robots.txt + 3 pages: every request after the first waited its turn.
    assert_eq!(fetcher.stats().requests, 4);
    assert_eq!(fetcher.stats().waits, 3);
    // A lower bound on the client's own clock only: sleeping never returns early, so this
    // cannot flake. (The server's receive times can: under load its thread may record one
    // request late and the next on time, closer together than the client sent them.)
    assert!(started.elapsed() >= delay * 3 - Duration::from_millis(5));
}

#[test]
fn statuses_loops_and_chains_are_reported() {
    let server = TestServer::start(|r| {
        let p = r.path.as_str();
        if let Some(n) = p.strip_prefix("/hop/") {
            let n: usize = n.parse().unwrap_or(0);
            return Reply::redirect(&format!("/hop/{}", n + 1));
        }
        match p {
            "/robots.txt" => Reply::status(404),
            "/gone" => Reply::status(404),
            "/broken" => Reply::status(500),
            "/loop1" => Reply::redirect("/loop2"),
            "/loop2" => Reply::redirect("/loop1"),
            "/nowhere" => Reply {
                status: 302,
                headers: Vec::new(),
                body: Body::Bytes(Vec::new()),
            },
            _ => Reply::html(ARTICLE),
        }
    });
    let mut fetcher = Fetcher::new(quick());
    let err = fetcher.get(&server.url("/gone")).unwrap_err();
    assert_eq!(err.to_string(), "HTTP 404 Not Found");
    assert!(!err.is_transient());
    let err = fetcher.get(&server.url("/broken")).unwrap_err();
    assert!(err.to_string().starts_with("HTTP 500"), "{err}");
    assert!(err.is_transient());
    let err = fetcher.get(&server.url("/loop1")).unwrap_err();
    assert!(matches!(err, FetchError::RedirectLoop(_)), "{err}");
    let err = fetcher.get(&server.url("/hop/0")).unwrap_err();
    assert_eq!(err, FetchError::TooManyRedirects(5));
    assert_eq!(server.hits("/hop/6"), 0);
    let err = fetcher.get(&server.url("/nowhere")).unwrap_err();
    assert_eq!(err, FetchError::BadRedirect);
    // As documents: each failure is a FailedInput naming the URL.
    let docs = fetcher.documents(&server.url("/gone"));
    let failed = docs[0].as_ref().unwrap_err();
    assert_eq!(failed.origin, server.url("/gone"));
    assert!(failed.reason.contains("404"));
}

#[test]
fn the_size_limit_stops_the_download() {
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/endless" => Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: Body::Endless,
        },
        "/declared" => Reply::new(200, "text/html", vec![b'a'; 300_000]),
        _ => Reply::html(ARTICLE),
    });
    let mut fetcher = Fetcher::new(FetchConfig {
        max_document_bytes: 100_000,
        ..quick()
    });
    let err = fetcher.get(&server.url("/endless")).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge(_)), "{err}");
    assert!(err.to_string().contains("100000"), "{err}");
    // The server would send 1 GiB; the client hung up after about the limit (socket
    // buffers let a few MB more leave the server).
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        server.bytes_sent() < 64 << 20,
        "{} bytes sent",
        server.bytes_sent()
    );
    let err = fetcher.get(&server.url("/declared")).unwrap_err();
    assert!(err.to_string().contains("Content-Length 300000"), "{err}");
}

#[test]
fn a_slow_server_times_out() {
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/slow" => Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: Body::Delayed(Duration::from_secs(5), ARTICLE.as_bytes().to_vec()),
        },
        _ => Reply::html(ARTICLE),
    });
    let mut fetcher = Fetcher::new(FetchConfig {
        timeout: Duration::from_millis(400),
        ..quick()
    });
    let err = fetcher.get(&server.url("/slow")).unwrap_err();
    assert!(matches!(err, FetchError::Timeout(_)), "{err}");
    assert!(err.to_string().starts_with("timed out"), "{err}");
    assert!(err.is_transient());
}

#[test]
fn bodies_go_to_the_reader_of_their_type() {
    let pdf = common::samples::note_pdf();
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/feed" => Reply::new(
            200,
            "application/rss+xml",
            String::from(
                r#"<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>
<item><title>Eins</title><link>https://example.org/1</link><description>Russland liefert Panzer an Belarus.</description></item>
<item><title>Zwei</title><link>https://example.org/2</link><description>Das berichtete die Zeitung.</description></item>
</channel></rss>"#,
            ),
        ),
        "/files/note" => Reply::new(200, "application/pdf", pdf.clone()),
        "/plain" => Reply::new(
            200,
            "text/plain; charset=utf-8",
            "Russland liefert Panzer.\n\nText.",
        ),
        _ => Reply::status(404),
    });
    let mut fetcher = Fetcher::new(quick());
    let items = fetcher.documents(&server.url("/feed"));
    assert_eq!(items.len(), 2);
    let first = items[0].as_ref().unwrap();
    assert_eq!(first.kind, SourceKind::Feed);
    assert_eq!(first.url.as_deref(), Some("https://example.org/1"));
    let docs = fetcher.documents(&server.url("/files/note"));
    let note = docs[0].as_ref().unwrap();
    assert_eq!(note.kind, SourceKind::Pdf);
    assert_eq!(
        note.url.as_deref(),
        Some(server.url("/files/note").as_str())
    );
    let docs = fetcher.documents(&server.url("/plain"));
    assert!(!docs[0].as_ref().unwrap().is_html);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn sitemap_indexes_nest_gzip_and_since() {
    let base = Arc::new(std::sync::OnceLock::<String>::new());
    let b = Arc::clone(&base);
    let server = TestServer::start(move |r| {
        let base = b.get().cloned().unwrap_or_default();
        match r.path.as_str() {
            "/robots.txt" => Reply::status(404),
            "/sitemap.xml" => Reply::new(
                200,
                "application/xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/news.xml</loc><lastmod>2024-06-01</lastmod></sitemap>
  <sitemap><loc>{base}/archive.xml.gz</loc><lastmod>2023-01-01</lastmod></sitemap>
  <sitemap><loc>{base}/missing.xml</loc></sitemap>
  <sitemap><loc>{base}/sitemap.xml</loc></sitemap>
</sitemapindex>"#
                ),
            ),
            "/news.xml" => Reply::new(
                200,
                "application/xml",
                format!(
                    r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/a</loc><lastmod>2024-06-01T08:00:00+00:00</lastmod></url>
<url><loc>{base}/b</loc><lastmod>2023-12-31</lastmod></url>
<url><loc>{base}/c</loc></url>
</urlset>"#
                ),
            ),
            "/archive.xml.gz" => Reply::new(
                200,
                "application/gzip",
                gzip(format!("<urlset><url><loc>{base}/old</loc><lastmod>2022-01-01</lastmod></url></urlset>").as_bytes()),
            ),
            _ => Reply::status(404),
        }
    });
    base.set(server.base.clone()).unwrap();
    let mut fetcher = Fetcher::new(quick());
    let all = fetcher.sitemap(&server.url("/sitemap.xml"), None);
    let urls: Vec<&str> = all.pages.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            server.url("/a"),
            server.url("/b"),
            server.url("/c"),
            server.url("/old")
        ]
    );
    assert_eq!(all.failures.len(), 1, "{:?}", all.failures);
    assert!(all.failures[0].reason.contains("404"));
    assert_eq!(
        server.hits("/sitemap.xml"),
        1,
        "the index listing itself is read once"
    );

    let mut fetcher = Fetcher::new(quick());
    let recent = fetcher.sitemap(&server.url("/sitemap.xml"), Some("2024-01-01"));
    let urls: Vec<&str> = recent.pages.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(urls, [server.url("/a"), server.url("/c")]);
    assert_eq!(recent.older, 1);
    assert_eq!(
        server.hits("/archive.xml.gz"),
        1,
        "an older child sitemap is not fetched"
    );
}

#[test]
fn hostile_sitemaps_fail_cleanly() {
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/laughs.xml" => Reply::new(
            200,
            "application/xml",
            r#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset><url><loc>&c;</loc></url></urlset>"#,
        ),
        "/page.xml" => Reply::html(ARTICLE),
        _ => Reply::status(404),
    });
    let mut fetcher = Fetcher::new(quick());
    let found = fetcher.sitemap(&server.url("/laughs.xml"), None);
    assert!(found.pages.is_empty());
    assert!(
        found.failures[0].reason.contains("DTD"),
        "{:?}",
        found.failures
    );
    let found = fetcher.sitemap(&server.url("/page.xml"), None);
    assert!(
        found.failures[0].reason.contains("not a sitemap"),
        "{:?}",
        found.failures
    );
}

#[test]
fn feeds_are_polled_with_conditional_requests() {
    let version = Arc::new(AtomicUsize::new(1));
    let v = Arc::clone(&version);
    let server = TestServer::start(move |r| {
        let current = format!("\"v{}\"", v.load(Ordering::SeqCst));
        match r.path.as_str() {
            "/robots.txt" => Reply::status(404),
            "/rss" if r.header("if-none-match") == Some(current.as_str()) => Reply::status(304),
            "/rss" => Reply::new(
                200,
                "application/rss+xml",
                String::from(
                    r#"<rss version="2.0"><channel><title>N</title>
<item><guid>item-1</guid><title>Eins</title><link>https://example.org/1</link><description>Kurz.</description></item>
</channel></rss>"#
                ),
            )
            .with_header("ETag", &current)
            .with_header("Last-Modified", "Wed, 02 Dec 2026 10:00:00 GMT"),
            _ => Reply::status(404),
        }
    });
    let mut fetcher = Fetcher::new(quick());
    let FeedPoll::Items { items, validators } = fetcher
        .poll_feed(&server.url("/rss"), &Validators::default())
        .unwrap()
    else {
        panic!("the first poll gets the feed")
    };
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].key, "item-1");
    assert!(items[0].summary_only);
    assert_eq!(items[0].link.as_deref(), Some("https://example.org/1"));
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert!(matches!(
        fetcher.poll_feed(&server.url("/rss"), &validators).unwrap(),
        FeedPoll::NotModified
    ));
    let last = server
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/rss")
        .unwrap();
    assert_eq!(last.header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        last.header("if-modified-since"),
        Some("Wed, 02 Dec 2026 10:00:00 GMT")
    );
    version.store(2, Ordering::SeqCst);
    assert!(matches!(
        fetcher.poll_feed(&server.url("/rss"), &validators).unwrap(),
        FeedPoll::Items { .. }
    ));
}
