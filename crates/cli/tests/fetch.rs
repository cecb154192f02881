//! `ingest URL…`, `ingest --sitemap` and `watch` end to end against a local HTTP server
//! (there is no internet here): robots.txt, failures recorded per URL, conditional feed
//! requests, new items only, the article page fetched for a summary-only item, Ctrl-C.

#[path = "../../ingest/tests/common/http_server.rs"]
mod http_server;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use http_server::{Reply, TestServer};

mod common;

use common::{bin, fresh_db};

fn seed_text() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus/000_79a71588b356f729.txt");
    std::fs::read_to_string(path).unwrap()
}

const SHORT: &str = "Russland hat nach Angaben aus Diplomatenkreisen vierzig Kampfpanzer an Belarus geliefert.\n\nDas berichtete die Zeitung am Dienstag.";

fn stats(db: &Path) -> serde_json::Value {
    let out = bin()
        .arg("--db")
        .arg(db)
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ingest_fetches_urls_and_sitemaps_and_records_each_failure() {
    let base = Arc::new(OnceLock::<String>::new());
    let b = Arc::clone(&base);
    let seed = seed_text();
    let server = TestServer::start(move |r| {
        let base = b.get().cloned().unwrap_or_default();
        match r.path.as_str() {
            "/robots.txt" => Reply::new(200, "text/plain", "User-agent: *\nDisallow: /private\n"),
            "/a" => Reply::new(200, "text/plain; charset=utf-8", seed.clone()),
            "/b" => Reply::html(&format!(
                "<html><head><title>Lieferung</title></head><body><article><p>{}</p></article></body></html>",
                SHORT.replace("\n\n", "</p><p>")
            )),
            "/sitemap.xml" => Reply::new(
                200,
                "application/xml",
                format!(
                    "<urlset><url><loc>{base}/b</loc></url><url><loc>{base}/gone-too</loc></url></urlset>"
                ),
            ),
            _ => Reply::status(404),
        }
    });
    base.set(server.base.clone()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_web");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(server.url("/a"))
        .arg(server.url("/private/x"))
        .arg(server.url("/gone"))
        .args(["--sitemap", &server.url("/sitemap.xml")])
        .args(["--rate", "0", "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["stored"], 2, "{summary}");
    let reasons: Vec<String> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["origin"].as_str().unwrap(),
                f["reason"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("/private/x") && r.contains("robots.txt")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("/gone ") && r.contains("HTTP 404")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("/gone-too") && r.contains("HTTP 404")),
        "{reasons:?}"
    );
    assert_eq!(server.hits("/private/x"), 0);
    assert_eq!(server.hits("/robots.txt"), 1);
    let stats = stats(&db);
    assert_eq!(stats["documents"], 2);
    assert_eq!(stats["failed_inputs"], 3);
}

fn feed(base: &str, items: &[&str]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Nachrichten</title>"#,
    );
    for item in items {
        match *item {
            // A teaser only: the article is the linked page.
            "1" | "3" | "4" => xml.push_str(&format!(
                "<item><guid>item-{item}</guid><title>Artikel {item}</title><link>{base}/article/{item}</link><description>Kurz gesagt.</description><pubDate>Wed, 15 May 2024 10:00:00 GMT</pubDate></item>"
            )),
            // The whole article in the feed.
            _ => xml.push_str(&format!(
                "<item><guid>item-{item}</guid><title>Artikel {item}</title><link>{base}/article/{item}</link><content:encoded><![CDATA[<p>{}</p>]]></content:encoded></item>",
                SHORT.replace("\n\n", "</p><p>")
            )),
        }
    }
    xml.push_str("</channel></rss>");
    xml
}

fn watch_server() -> (TestServer, Arc<AtomicUsize>) {
    let version = Arc::new(AtomicUsize::new(1));
    let base = Arc::new(OnceLock::<String>::new());
    let (v, b) = (Arc::clone(&version), Arc::clone(&base));
    let seed = seed_text();
    let server = TestServer::start(move |r| {
        let base = b.get().cloned().unwrap_or_default();
        let n = v.load(Ordering::SeqCst);
        let etag = format!("\"v{n}\"");
        match r.path.as_str() {
            "/robots.txt" => Reply::status(404),
            "/rss" if r.header("if-none-match") == Some(etag.as_str()) => Reply::status(304),
            "/rss" => {
                let items: &[&str] = match n {
                    1 => &["1", "2"],
                    2 => &["3", "1", "2"],
                    // Item 4's article is gone (404).
                    _ => &["4", "3", "1", "2"],
                };
                Reply::new(200, "application/rss+xml", feed(&base, items)).with_header("ETag", &etag)
            }
            "/article/1" => Reply::new(200, "text/plain; charset=utf-8", seed.clone()),
            "/article/3" => Reply::html(
                "<html><body><article><p>Armenien kauft Artillerie in Frankreich, meldete die Agentur am Montag.</p><p>Das Geschäft umfasst mehrere Haubitzen.</p></article></body></html>",
            ),
            _ => Reply::status(404),
        }
    });
    base.set(server.base.clone()).unwrap();
    (server, version)
}

/// Exit code and standard output of `watch FEED --once`.
fn watch_once(db: &Path, feed: &str) -> (i32, String) {
    let out = bin()
        .arg("--db")
        .arg(db)
        .args(["watch", feed, "--once", "--rate", "0"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 2,
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, stdout)
}

#[test]
fn watch_stores_new_items_only_and_restarts_from_the_database() {
    let (server, version) = watch_server();
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = fresh_db(dir.path(), "cli_watch");
    let rss = server.url("/rss");

    let (code, first) = watch_once(&db, &rss);
    assert_eq!(code, 0, "{first}");
    assert!(
        first.contains("2 new item(s) (0 seen before) · stored 2"),
        "{first}"
    );
    assert_eq!(
        server.hits("/article/1"),
        1,
        "a teaser's article page is fetched"
    );
    assert_eq!(server.hits("/article/2"), 0, "a full item needs no page");
    // The seed article raises the alliance contradiction on its own: printed as it appears.
    assert!(first.contains("ALERT"), "{first}");
    assert_eq!(stats(&db)["documents"], 2);

    // A new process (a restart): the saved ETag makes the server answer 304.
    let (_, second) = watch_once(&db, &rss);
    assert!(second.contains("not modified"), "{second}");
    let last = server
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/rss")
        .unwrap();
    assert_eq!(last.header("if-none-match"), Some("\"v1\""));
    assert_eq!(stats(&db)["documents"], 2);

    // The feed changes: only the new item is read; known ones are not fetched again.
    version.store(2, Ordering::SeqCst);
    let (_, third) = watch_once(&db, &rss);
    assert!(
        third.contains("1 new item(s) (2 seen before) · stored 1"),
        "{third}"
    );
    assert_eq!(server.hits("/article/1"), 1);
    assert_eq!(server.hits("/article/3"), 1);
    assert!(
        !third.contains("ALERT"),
        "an alert already shown is not new: {third}"
    );
    assert_eq!(stats(&db)["documents"], 3);

    // An item whose article page is gone: the failure is recorded (exit code 2) and the
    // feed's summary is stored instead.
    version.store(3, Ordering::SeqCst);
    let (code, fourth) = watch_once(&db, &rss);
    assert_eq!(code, 2, "{fourth}");
    assert!(
        fourth.contains("1 new item(s) (3 seen before) · stored 1"),
        "{fourth}"
    );
    assert!(
        fourth.contains("/article/4: HTTP 404 Not Found; the feed's summary is stored instead"),
        "{fourth}"
    );
    assert_eq!(stats(&db)["documents"], 4);
    assert_eq!(stats(&db)["failed_inputs"], 1);
    // Handled is handled: the next round does not retry the gone page.
    version.store(4, Ordering::SeqCst);
    let (code, fifth) = watch_once(&db, &rss);
    assert_eq!(code, 0, "{fifth}");
    assert!(fifth.contains("0 new item(s) (4 seen before)"), "{fifth}");
    assert_eq!(server.hits("/article/4"), 1);
}

#[test]
fn watch_queue_puts_new_items_on_the_work_queue_for_workers() {
    let (server, _) = watch_server();
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = fresh_db(dir.path(), "cli_watch_queue");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args([
            "watch",
            &server.url("/rss"),
            "--once",
            "--rate",
            "0",
            "--queue",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("2 new item(s) (0 seen before) · queued 2"),
        "{stdout}"
    );
    assert_eq!(
        stats(&db)["documents"],
        0,
        "nothing is read by watch --queue"
    );
    let worker = bin()
        .arg("--db")
        .arg(&db)
        .args(["worker", "--until-empty", "--poll-ms", "20", "--json"])
        .output()
        .unwrap();
    assert!(worker.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&worker.stdout).unwrap();
    assert_eq!(summary["stored"], 2, "{summary}");
    assert_eq!(stats(&db)["documents"], 2);
}

#[test]
fn watch_ends_cleanly_on_ctrl_c() {
    let (server, _) = watch_server();
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_watch_ctrl_c");
    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .args([
            "watch",
            &server.url("/rss"),
            "--interval",
            "1h",
            "--rate",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first round's line, then interrupt the sleep before the next.
    // (Alerts print before the round's line.)
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let round = lines
        .map_while(Result::ok)
        .find(|l| l.contains("new item(s)"));
    assert!(round.is_some(), "no round line");
    // SAFETY: sending SIGINT to our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "watch did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(stats(&db)["documents"], 2);
}

#[test]
fn watch_refuses_a_file_and_a_bad_interval() {
    let out = bin()
        .args(["watch", "feed.xml", "--once"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("armsgraph ingest FILE"));
    let out = bin()
        .args(["watch", "https://example.org/rss", "--interval", "15x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unit"));
}

#[test]
fn extract_reads_a_url_and_names_a_failure() {
    let server = TestServer::start(|r| {
        match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/page" => Reply::html(&format!(
            "<html><head><title>Lieferung</title></head><body><article><p>{}</p></article></body></html>",
            SHORT.replace("\n\n", "</p><p>")
        )),
        _ => Reply::status(404),
    }
    });
    let out = bin()
        .args(["extract", &server.url("/page"), "--compact", "--rate", "0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["document"]["url"], server.url("/page"));
    assert!(json["document"]["text"]
        .as_str()
        .unwrap()
        .contains("Kampfpanzer"));
    let out = bin()
        .args(["extract", &server.url("/nothing"), "--rate", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/nothing: HTTP 404 Not Found"), "{stderr}");
}
