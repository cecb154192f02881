//! Hostile clients and inputs (issue 13, web-server items): huge documents, DNS rebinding,
//! slow and half-sent requests, unauthenticated uploads, out-of-range parameters, token
//! guessing and leaking errors. Inputs are generated here; counts and waits are small and
//! bounded, and every socket is on 127.0.0.1.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use armsgraph_model::*;
use armsgraph_server::{AppState, Limits, ServerConfig, ServerError};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;

const TOKEN: &str = "hardening-test-token-0123456789";

// ---------------------------------------------------------------------------------------------
// A real server on 127.0.0.1:0 and raw sockets
// ---------------------------------------------------------------------------------------------

/// Start `config` on a free loopback port in the background; its address.
async fn start(mut config: ServerConfig) -> SocketAddr {
    config.addr = "127.0.0.1:0".parse().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let result = armsgraph_server::serve_with(config, move |addr| {
            let _ = tx.send(addr);
        })
        .await;
        if let Err(e) = result {
            panic!("server failed: {e}");
        }
    });
    tokio::time::timeout(Duration::from_secs(20), rx)
        .await
        .expect("server starts")
        .expect("address")
}

fn quick_limits() -> Limits {
    Limits {
        max_connections: 8,
        header_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    s
}

/// Read until the server closes the connection or `limit` passes; what was read, and whether
/// the server closed it.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, bool) {
    let started = Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    while started.elapsed() < limit {
        match stream.read(&mut buf) {
            Ok(0) => return (String::from_utf8_lossy(&out).into_owned(), true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return (String::from_utf8_lossy(&out).into_owned(), true),
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), false)
}

/// Send `head` (and no more) and wait for the first line of the answer.
fn status_line_after(stream: &mut TcpStream, head: &str, limit: Duration) -> String {
    stream.write_all(head.as_bytes()).expect("write");
    let started = Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 1024];
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    while started.elapsed() < limit && !out.windows(2).any(|w| w == b"\r\n") {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    text.lines().next().unwrap_or("").to_string()
}

fn get_raw(addr: SocketAddr, host: &str, path: &str) -> String {
    let mut s = connect(addr);
    let head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    s.write_all(head.as_bytes()).expect("write");
    let (answer, _) = read_until_closed(&mut s, Duration::from_secs(10));
    answer
}

// ---------------------------------------------------------------------------------------------
// Item 4: one huge document neither stalls the server nor renders in quadratic time
// ---------------------------------------------------------------------------------------------

const HUGE_ID: &str = "cccc000000000003";
const HUGE_MENTIONS: usize = 80_000;

fn huge_document() -> Extraction {
    // "Ruritanien " repeated: one mention per word, an antecedent on each (the old page
    // walked the text from its start for each of them).
    let word = "Ruritanien ";
    let n = word.chars().count();
    let text = word.repeat(HUGE_MENTIONS);
    let entities = (0..HUGE_MENTIONS)
        .map(|i| Mention {
            span: Span::new(i * n, i * n + n - 1),
            text: "Ruritanien".into(),
            entity: "XRU".into(),
            kind: EntityKind::State,
            name: "Ruritania".into(),
            rule: "fixture".into(),
            antecedent: (i > 0).then(|| Span::new((i - 1) * n, (i - 1) * n + n - 1)),
            ..Default::default()
        })
        .collect();
    Extraction {
        document: Document {
            id: HUGE_ID.into(),
            content_hash: format!("{HUGE_ID}{}", "0".repeat(48)),
            origin: "fixture:huge".into(),
            title: Some("Sehr lang".into()),
            text,
            ..Default::default()
        },
        entities,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_huge_document_is_paged_and_rendered_off_the_executor() {
    let fx = Fixture::new();
    fx.with_store(|store| store.insert(&huge_document()).expect("insert"));
    let app = fx.app();

    // This test runs on a single-threaded runtime: if loading and rendering the document ran
    // on it, the stylesheet could only be answered after the document.
    let started = Instant::now();
    let doc = async {
        let r = get(&app, &format!("/documents/{HUGE_ID}")).await;
        (r, started.elapsed())
    };
    let css = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let r = get(&app, "/static/app.css").await;
        (r, started.elapsed())
    };
    let (((status, _, html), doc_time), ((css_status, _, _), css_time)) = tokio::join!(doc, css);
    assert_eq!(status, StatusCode::OK);
    assert_eq!(css_status, StatusCode::OK);
    assert!(
        css_time < doc_time,
        "the stylesheet waited for the document: {css_time:?} vs {doc_time:?}"
    );
    assert!(doc_time < Duration::from_secs(30), "{doc_time:?}");
    eprintln!("huge document page: {doc_time:?}");

    // One page shows a bounded number of annotations and links to the next.
    let details = html.matches("data-kind=\"mention\"").count();
    assert!((1..=2_000).contains(&details), "{details} mention details");
    assert!(html.contains("annotation page 1 of 40"), "pager missing");
    assert!(html.contains(&format!("/documents/{HUGE_ID}?page=2")));
    // The text is shown whole, the later mentions unhighlighted on this page.
    assert!(html.matches("Ruritanien").count() >= HUGE_MENTIONS);

    let (status, _, last) = get(&app, &format!("/documents/{HUGE_ID}?page=40")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(last.contains("id=\"d-m79999\""));
    assert!(!last.contains("id=\"d-m0\""));
    // A highlight deep in the text opens the page that shows the mentions there.
    let n = "Ruritanien ".chars().count();
    let hl = 50_000 * n;
    let (status, _, deep) = get(&app, &format!("/documents/{HUGE_ID}?hl={hl}-{}", hl + 10)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(deep.contains("annotation page 26 of 40"), "wrong page");
    assert!(deep.contains("id=\"d-m50000\""));
    for bad in ["0", "41", "18446744073709551616", "-1", "x"] {
        let (status, _, body) = get(&app, &format!("/documents/{HUGE_ID}?page={bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "page={bad}");
        assert!(
            body.contains("page must be a number from 1 to 40"),
            "{body}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Item 5: DNS rebinding
// ---------------------------------------------------------------------------------------------

fn with_host(uri: &str, host: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, host)
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn requests_for_other_hosts_are_refused() {
    let fx = Fixture::new().with_token(TOKEN);
    let app = fx.app();
    // The fixture's server address is 127.0.0.1:8080.
    for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080"] {
        let (status, _, body) = send(&app, with_host("/api/stats", host)).await;
        assert_eq!(status, StatusCode::OK, "{host}: {body}");
    }
    for host in [
        "evil.example:8080",
        "evil.example",
        "127.0.0.1.evil.example:8080",
        "localhost:9999",
        "attacker.test:8080\r\nX: y",
    ] {
        let Ok(request) = Request::get("/api/stats")
            .header(header::HOST, host)
            .body(Body::empty())
        else {
            continue; // not even a valid header value
        };
        let (status, _, body) = send(&app, request).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}: {body}");
        let json: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(json["status"], 421);
        // Pages too, not only the API.
        let (status, _, _) = send(&app, with_host("/", host)).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
    }

    // Writes from another origin are refused even with the token; from the server's own
    // pages they go through.
    let write = |origin: &str| {
        Request::post("/api/ingest")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, origin)
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{\"text\": \"   \"}"))
            .expect("request")
    };
    for origin in [
        "http://evil.example",
        "http://evil.example:8080",
        "null",
        "https://localhost:8080.evil.example",
    ] {
        let (status, _, body) = send(&app, write(origin)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{origin}: {body}");
    }
    for origin in ["http://127.0.0.1:8080", "http://localhost:8080"] {
        let (status, _, body) = send(&app, write(origin)).await;
        // Past the origin check: the (empty) document itself is what is refused.
        assert_eq!(status, StatusCode::BAD_REQUEST, "{origin}: {body}");
    }

    // --allow-host adds a name.
    let mut fx = Fixture::new();
    fx.config.allowed_hosts = vec!["graph.example.org".into()];
    let app = fx.app();
    let (status, _, _) = send(&app, with_host("/api/stats", "graph.example.org")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_server_answers_its_loopback_names_only() {
    let fx = Fixture::new();
    let addr = start(fx.config.clone()).await;
    let port = addr.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let answer = tokio::task::spawn_blocking(move || get_raw(addr, &host, "/api/stats"))
            .await
            .expect("join");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    let evil = format!("rebound.example:{port}");
    let answer = tokio::task::spawn_blocking(move || get_raw(addr, &evil, "/api/stats"))
        .await
        .expect("join");
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
}

// ---------------------------------------------------------------------------------------------
// Item 6: slow clients, idle connections and the connection cap
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_are_dropped_and_connections_capped() {
    let mut fx = Fixture::new();
    fx.config.limits = quick_limits();
    let addr = start(fx.config.clone()).await;
    tokio::task::spawn_blocking(move || {
        let partial = format!(
            "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
            addr.port()
        );
        // Fill the cap with half-sent requests.
        let mut held: Vec<TcpStream> = (0..8)
            .map(|_| {
                let mut s = connect(addr);
                s.write_all(partial.as_bytes()).expect("write");
                s
            })
            .collect();
        std::thread::sleep(Duration::from_millis(200));
        // Over the cap: answered 503 at once, not left hanging.
        for _ in 0..8 {
            let mut s = connect(addr);
            let started = Instant::now();
            let (answer, closed) = read_until_closed(&mut s, Duration::from_secs(3));
            assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
            assert!(closed && started.elapsed() < Duration::from_secs(3));
        }
        // The half-sent requests are closed by the header timeout (1 s).
        let started = Instant::now();
        for s in &mut held {
            let (_, closed) = read_until_closed(s, Duration::from_secs(5));
            assert!(closed, "a half-sent request was kept open");
        }
        assert!(started.elapsed() < Duration::from_secs(5));
        drop(held);
        std::thread::sleep(Duration::from_millis(200));
        // And the server serves again.
        let answer = get_raw(addr, &format!("127.0.0.1:{}", addr.port()), "/api/stats");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

        // A connection that sends nothing at all is closed too.
        let mut silent = connect(addr);
        let (_, closed) = read_until_closed(&mut silent, Duration::from_secs(5));
        assert!(closed, "a silent connection was kept open");

        // A keep-alive connection left idle after its answer is closed.
        let mut idle = connect(addr);
        let head = format!(
            "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            addr.port()
        );
        let line = status_line_after(&mut idle, &head, Duration::from_secs(5));
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        let (_, closed) = read_until_closed(&mut idle, Duration::from_secs(5));
        assert!(closed, "an idle keep-alive connection was kept open");
    })
    .await
    .expect("join");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_sent_slowly_runs_into_the_request_timeout() {
    let mut fx = Fixture::new().with_token(TOKEN);
    fx.config.limits = quick_limits();
    let addr = start(fx.config.clone()).await;
    tokio::task::spawn_blocking(move || {
        let mut s = connect(addr);
        let head = format!(
            "POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {TOKEN}\r\n\
Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\nEin Anfang",
            addr.port()
        );
        let started = Instant::now();
        // The body never completes; the request timeout (2 s) answers.
        let line = status_line_after(&mut s, &head, Duration::from_secs(8));
        assert!(line.starts_with("HTTP/1.1 503"), "{line:?}");
        assert!(started.elapsed() < Duration::from_secs(8));
    })
    .await
    .expect("join");
}

// ---------------------------------------------------------------------------------------------
// Item 7: the token and the declared size are checked before the body is read
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_are_refused_before_their_body_is_read() {
    let fx = Fixture::new().with_token(TOKEN);
    let addr = start(fx.config.clone()).await;
    tokio::task::spawn_blocking(move || {
        let port = addr.port();
        // 8 MB announced, not one byte sent: the answer comes without waiting for the body.
        let cases = [
            (String::new(), "HTTP/1.1 401"),
            (
                "Authorization: Bearer wrong-token-wrong-token\r\n".to_string(),
                "HTTP/1.1 401",
            ),
            (format!("Authorization: Bearer {TOKEN}\r\n"), "HTTP/1.1 413"),
        ];
        for (auth, expected) in cases {
            let mut s = connect(addr);
            let head = format!(
                "POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}\
Content-Type: text/plain\r\nContent-Length: 8388609\r\n\r\n"
            );
            let started = Instant::now();
            let line = status_line_after(&mut s, &head, Duration::from_secs(5));
            assert!(line.starts_with(expected), "{auth:?}: {line:?}");
            assert!(started.elapsed() < Duration::from_secs(4), "{auth:?}");
        }
    })
    .await
    .expect("join");
}

#[tokio::test]
async fn a_wrong_token_is_refused_without_reading_a_streamed_body() {
    let fx = Fixture::new().with_token(TOKEN);
    let app = fx.app();
    // A body that never ends: reading it first would hang the test.
    let endless = futures_util::stream::repeat_with(|| {
        Ok::<_, std::io::Error>(axum::body::Bytes::from_static(&[b'x'; 1024]))
    });
    let request = Request::post("/api/ingest")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::AUTHORIZATION, "Bearer not-the-token-at-all")
        .body(Body::from_stream(endless))
        .expect("request");
    let (status, _, _) = tokio::time::timeout(Duration::from_secs(5), send(&app, request))
        .await
        .expect("answered without reading the body");
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

// ---------------------------------------------------------------------------------------------
// Item 12: parameters
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn out_of_range_parameters_get_a_clear_400() {
    let fx = Fixture::new();
    let app = fx.app();
    for (uri, needle) in [
        (
            "/api/documents?offset=18446744073709551615",
            "offset must be",
        ),
        (
            "/api/documents?offset=9223372036854775808",
            "offset must be",
        ),
        ("/api/events?from=2024-13-45", "month 13 does not exist"),
        ("/api/events?to=2023-02-29", "has days 1 to 28"),
        ("/api/events?from=2024-00", "month 0"),
        ("/api/graph?from=2024-04-31", "has days 1 to 30"),
    ] {
        let (status, json) = get_json(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {json}");
        let message = json["error"].as_str().unwrap_or_default();
        assert!(message.contains(needle), "{uri}: {message}");
    }
    for uri in [
        "/documents?page=18446744073709551615",
        "/documents?page=99999999999999999999999",
        "/documents?page=0",
        "/graph?from=2024-13-45",
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
    }
    // Ordinary values still work.
    let (status, json) = get_json(&app, "/api/documents?offset=1&limit=1").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let (status, _, _) = get(&app, "/documents?page=2").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = get_json(&app, "/api/events?from=2024-02-29").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn weapon_filters_match_literally() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, json) = get_json(&app, "/api/events?weapon=artillery").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    // `%` and `_` are characters, not wildcards that match every weapon.
    for pattern in ["%25", "_", "%25%25", "artiller_", "%25artillery"] {
        let (status, json) = get_json(&app, &format!("/api/events?weapon={pattern}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(json.as_array().map(Vec::len), Some(0), "{pattern}: {json}");
    }
}

// ---------------------------------------------------------------------------------------------
// Item 13: exposure
// ---------------------------------------------------------------------------------------------

#[test]
fn short_tokens_are_refused_at_start() {
    let fx = Fixture::new();
    for short in ["x", "0123456789abcde", "               x"] {
        let mut config = fx.config.clone();
        config.token = Some(short.into());
        assert!(
            matches!(AppState::new(&config), Err(ServerError::ShortToken { .. })),
            "{short:?}"
        );
    }
    let mut config = fx.config.clone();
    config.token = Some("0123456789abcdef".into());
    assert!(AppState::new(&config).is_ok());
    let generated = armsgraph_server::generate_token().expect("token");
    assert!(generated.len() >= armsgraph_server::MIN_TOKEN_LEN);
    assert_ne!(
        generated,
        armsgraph_server::generate_token().expect("token")
    );
}

#[test]
fn listening_beyond_loopback_is_warned_about() {
    for addr in ["0.0.0.0:8080", "[::]:8080", "192.168.1.5:8080"] {
        let w = armsgraph_server::exposure_warning(addr.parse().expect("addr"));
        assert!(w.is_some_and(|w| w.contains("plain")), "{addr}");
    }
    for addr in ["127.0.0.1:8080", "[::1]:8080"] {
        assert!(armsgraph_server::exposure_warning(addr.parse().expect("addr")).is_none());
    }
}

#[tokio::test]
async fn token_guessing_is_rate_limited() {
    let fx = Fixture::new().with_token(TOKEN);
    let app = fx.app();
    let attempt = |token: &str| {
        Request::post("/api/ingest")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from("{\"text\": \"   \"}"))
            .expect("request")
    };
    for i in 0..10 {
        let (status, _, _) = send(&app, attempt(&format!("guess-number-{i:04}-xxxxxxxx"))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "guess {i}");
    }
    let (status, response, body) = send(&app, attempt("guess-number-0011-xxxxxxxx")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    // Even the right token waits: a correct guess must not get through either.
    let (status, _, _) = send(&app, attempt(TOKEN)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn internal_errors_do_not_leak_database_text() {
    let fx = Fixture::new();
    let app = fx.app();
    execute_sql(&fx.config.db, "DROP TABLE quotes");
    let (status, json) = get_json(&app, "/api/quotes").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let message = json["error"].as_str().unwrap_or_default();
    assert!(message.contains("request id"), "{message}");
    assert!(
        !message.contains("quotes") && !message.to_lowercase().contains("sql"),
        "{message}"
    );
}

#[tokio::test]
async fn stored_dates_with_multibyte_characters_render() {
    let fx = Fixture::new();
    let mut ex = report();
    ex.document.id = "dddd000000000004".into();
    ex.document.content_hash = format!("dddd000000000004{}", "0".repeat(48));
    for (i, e) in ex.events.iter_mut().enumerate() {
        e.id = format!("dddd000000000004:e{i}");
        e.time = Some(TimeExpr {
            text: "ü".into(),
            start: Some("2020-ü1-01".into()),
            end: Some("20ü0-12-31".into()),
            ..Default::default()
        });
    }
    ex.quotes.clear();
    ex.alerts.clear();
    fx.with_store(|store| store.insert(&ex).expect("insert"));
    let app = fx.app();
    let uris: &[&str] = &["/timeline", "/entities/XRU", "/documents/dddd000000000004"];
    for &uri in uris {
        let (status, _, _) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
}
