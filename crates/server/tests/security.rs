//! Tokens, body limits, escaping of hostile documents and static-file names.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;

fn ingest_request(token: Option<&str>, body: &str) -> Request<Body> {
    let mut builder = Request::post("/api/ingest").header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    builder.body(Body::from(body.to_string())).expect("request")
}

fn ingest_body(text: &str) -> String {
    serde_json::json!({ "text": text, "published": "2024-05-14" }).to_string()
}

const ARTICLE: &str = "Das Parlament beriet am Dienstag über den Haushalt.\n\nDie Abgeordneten stimmten dem Entwurf mit großer Mehrheit zu.";

#[tokio::test]
async fn ingest_is_disabled_without_a_token() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, _, body) = send(
        &app,
        ingest_request(Some("anything"), &ingest_body(ARTICLE)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["status"], 403);
    assert!(
        json["error"].as_str().unwrap_or("").contains("--token"),
        "{body}"
    );
    // The page says so too, and offers no form.
    let (status, _, page) = get(&app, "/ingest").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Ingest is disabled"));
    assert!(!page.contains("ingest-form"));
}

#[tokio::test]
async fn ingest_needs_the_right_token() {
    let fx = Fixture::new().with_token("s3cret-token-of-24-chars");
    let app = fx.app();
    for token in [
        None,
        Some("wrong"),
        Some("s3cret-token-of-24-chars-and-more"),
        Some("s3cret-token-of-24-char"),
    ] {
        let (status, response, body) =
            send(&app, ingest_request(token, &ingest_body(ARTICLE))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}: {body}");
        assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
    }
    let (status, _, body) = send(
        &app,
        ingest_request(Some("s3cret-token-of-24-chars"), &ingest_body(ARTICLE)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["outcome"], "stored");
    let id = json["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(json["href"], format!("/documents/{id}"));

    // Stored through the pipeline: the document page shows its text.
    let (status, _, page) = get(&app, &format!("/documents/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("großer Mehrheit"));

    // The same text again is a duplicate, not a second document.
    let (status, _, body) = send(
        &app,
        ingest_request(Some("s3cret-token-of-24-chars"), &ingest_body(ARTICLE)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"duplicate\""));

    // A plain-text body works with the custom header too.
    let request = Request::post("/api/ingest")
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .header("x-armsgraph-token", "s3cret-token-of-24-chars")
        .body(Body::from(
            "Ein anderer Text über Wahlen in einem kleinen Land.",
        ))
        .expect("request");
    let (status, _, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

fn file_request(token: Option<&str>, name: &str, bytes: Vec<u8>) -> Request<Body> {
    let mut builder = Request::post(format!("/api/ingest/file?name={name}"))
        .header(header::CONTENT_TYPE, "application/octet-stream");
    if let Some(t) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    builder.body(Body::from(bytes)).expect("request")
}

#[tokio::test]
async fn files_of_any_format_are_uploaded_with_their_attachments() {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/leaks");
    let eml = std::fs::read(samples.join("note.eml")).expect("sample e-mail");
    let fx = Fixture::new().with_token("s3cret-token-of-24-chars");
    let app = fx.app();
    // The token is checked first.
    let (status, _, _) = send(&app, file_request(None, "note.eml", eml.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // An e-mail: the message and its PDF attachment, each a document of its own.
    let (status, _, body) = send(
        &app,
        file_request(Some("s3cret-token-of-24-chars"), "note.eml", eml.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    let docs = json["documents"].as_array().cloned().unwrap_or_default();
    assert!(docs.len() >= 2, "message and attachment: {body}");
    assert!(docs.iter().all(|d| d["outcome"] == "stored"), "{body}");
    // Again: duplicates, nothing stored twice.
    let (status, _, body) = send(
        &app,
        file_request(Some("s3cret-token-of-24-chars"), "note.eml", eml),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!body.contains("\"stored\""), "{body}");
    // A PDF by its bytes, whatever its name says.
    let pdf = std::fs::read(samples.join("note.pdf")).expect("sample pdf");
    let (status, _, body) = send(
        &app,
        file_request(Some("s3cret-token-of-24-chars"), "upload.bin", pdf),
    )
    .await;
    assert!(
        status == StatusCode::CREATED || status == StatusCode::OK,
        "{status}: {body}"
    );
    // Bytes that are no document: nothing stored, the reason given.
    let (status, _, body) = send(
        &app,
        file_request(
            Some("s3cret-token-of-24-chars"),
            "noise.bin",
            (0..4096u32)
                .map(|i| (i * 7919 % 251) as u8 | 0x80)
                .collect(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("failed"), "{body}");
    // A name is required.
    let request = Request::post("/api/ingest/file")
        .header(header::AUTHORIZATION, "Bearer s3cret-token-of-24-chars")
        .body(Body::from("x"))
        .expect("request");
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn ingest_rejects_bad_bodies_with_json() {
    let fx = Fixture::new().with_token("t0ken-t0ken-t0ken");
    let app = fx.app();
    for body in [
        "{not json",
        "{\"text\": \"   \"}",
        "{\"text\": \"x\", \"published\": \"May\"}",
    ] {
        let (status, _, answer) = send(&app, ingest_request(Some("t0ken-t0ken-t0ken"), body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        let json: serde_json::Value = serde_json::from_str(&answer).expect("json");
        assert_eq!(json["status"], 400);
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_a_json_413() {
    let mut fx = Fixture::new().with_token("t0ken-t0ken-t0ken");
    fx.config.body_limit = 1024;
    let app = fx.app();
    let big = ingest_body(&"Wort ".repeat(1000));
    let (status, _, body) = send(&app, ingest_request(Some("t0ken-t0ken-t0ken"), &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["status"], 413);
    // Without a declared length (streamed), the limit still holds.
    let stream = futures_like_stream(big);
    let request = Request::post("/api/ingest")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, "Bearer t0ken-t0ken-t0ken")
        .body(stream)
        .expect("request");
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// A body without a Content-Length, like a chunked upload.
fn futures_like_stream(text: String) -> Body {
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = text
        .into_bytes()
        .chunks(100)
        .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(futures_util::stream::iter(chunks))
}

/// Every tag in `html`, as `(name, attributes text)`. Document text is escaped, so every `<`
/// that starts a tag was written by the templates; hostile markup shows up here only if
/// escaping failed.
fn tags(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
            .collect();
        let end = rest.find('>').unwrap_or(rest.len());
        let attrs = rest[name.len().min(end)..end].to_string();
        out.push((name.to_ascii_lowercase(), attrs));
        rest = &rest[end..];
    }
    out
}

/// `(name, value)` of each attribute of a tag's attribute text; quoted values are taken whole,
/// so escaped markup inside a value is not mistaken for an attribute.
fn attributes(attrs: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = attrs.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect();
        let mut value = String::new();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let quote = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
            } else {
                while i < chars.len() && !chars[i].is_whitespace() {
                    value.push(chars[i]);
                    i += 1;
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

fn assert_inert(uri: &str, html: &str) {
    for (name, attrs) in tags(html) {
        let lower = attrs.to_ascii_lowercase();
        assert!(
            !matches!(
                name.as_str(),
                "img" | "iframe" | "frame" | "svg" | "object" | "embed" | "base" | "style"
            ),
            "{uri}: hostile tag <{name}{attrs}>"
        );
        if name == "script" {
            assert!(
                lower.contains("src=\"/static/") || lower.contains("type=\"application/json\""),
                "{uri}: inline script <script{attrs}>"
            );
        }
        for (attr_name, value) in attributes(&lower) {
            assert!(
                !attr_name.starts_with("on"),
                "{uri}: event handler in <{name}{attrs}>"
            );
            if matches!(attr_name.as_str(), "href" | "src" | "action") {
                assert!(
                    !value.trim_start().starts_with("javascript:") && !value.starts_with("data:"),
                    "{uri}: script URL in <{name}{attrs}>"
                );
            }
        }
    }
    // Whatever the tags, no script text survives unescaped.
    assert!(!html.contains("<script>alert"), "{uri}");
    assert!(!html.contains("alert('xss')</script>"), "{uri}");
}

#[tokio::test]
async fn hostile_documents_render_inert_on_every_page() {
    let fx = Fixture::new();
    let app = fx.app();
    let evil_entity = "/entities/evil%22%3E%3Cscript%3Ealert(6)%3C%2Fscript%3E";
    let mut uris = vec![
        format!("/documents/{HOSTILE_ID}"),
        format!("/documents/{HOSTILE_ID}?hl=0-20"),
        "/".to_string(),
        "/documents".to_string(),
        "/search?q=alert".to_string(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
        "/no/such/page/%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
    ];
    uris.extend([
        evil_entity.to_string(),
        "/entities/XRU".to_string(),
        "/timeline".to_string(),
        "/timeline?involving=%22%3E%3Cscript%3E".to_string(),
        "/alerts".to_string(),
        "/graph?entity=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
    ]);
    for uri in uris {
        let (status, response, html) = get(&app, &uri).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::NOT_FOUND,
            "{uri}: {status}"
        );
        let csp = response
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(csp.contains("script-src 'self'"), "{uri}: CSP {csp:?}");
        assert_inert(&uri, &html);
    }
    // The hostile text is still shown, as text.
    let (_, _, html) = get(&app, &format!("/documents/{HOSTILE_ID}")).await;
    assert!(html.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"));
    assert!(
        html.contains("javascript:alert(&#39;url&#39;)"),
        "URL shown as text"
    );
}

#[tokio::test]
async fn the_document_page_highlights_spans_by_char_offset() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, _, html) = get(&app, &format!("/documents/{REPORT_ID}")).await;
    assert_eq!(status, StatusCode::OK);
    // The quote, its mention-free middle, and the speaker mention are separate atoms.
    assert!(
        html.contains("data-ann=\"q0\" tabindex=\"0\">Wir haben die Geschütze erhalten</span>"),
        "{html}"
    );
    assert!(html.contains("data-ann=\"m3\" tabindex=\"0\">Ana Petrović</span>"));
    assert!(html.contains("data-ann=\"e0\" tabindex=\"0\">lieferte</span>"));
    // The quote's details name its speaker.
    let detail = html.split("id=\"d-q0\"").nth(1).unwrap_or("");
    assert!(detail.contains("Ana Petrović"));
    // A highlight request marks the span.
    let (_, _, html) = get(&app, &format!("/documents/{REPORT_ID}?hl=12-22")).await;
    assert!(
        html.contains("hl\" data-ann=\"m0\" tabindex=\"0\">Ruritanien</span>"),
        "{html}"
    );
}

#[tokio::test]
async fn static_files_only_by_exact_name() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, response, css) = get(&app, "/static/app.css").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/css; charset=utf-8"
    );
    assert!(css.contains("--accent"));
    let (status, _, js) = get(&app, "/static/cytoscape.min.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(js.len() > 100_000);

    for uri in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/..%2fCargo.toml",
        "/static/%2e%2e%2fCargo.toml",
        "/static/%2E%2E%2F%2E%2E%2FCargo.toml",
        "/static/..%5cCargo.toml",
        "/static/....//Cargo.toml",
        "/static/app.css/../../../Cargo.toml",
        "/static/%2fetc%2fpasswd",
        "/static/",
        "/static/vendor/cytoscape.min.js",
        "/static/APP.CSS",
        "/static/app.css%00.js",
        "/../Cargo.toml",
        "/src/lib.rs",
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            !body.contains("[package]") && !body.contains("root:"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn a_text_opening_with_its_headline_shows_it_once_as_the_title() {
    use armsgraph_model::{
        Document, EntityKind, Extraction, Mention, Paragraph, ParagraphKind, Span,
    };
    let fx = Fixture::new();
    let text = "Haubitzen  für Freedonien\n\nRuritanien lieferte Haubitzen an Freedonien.";
    let id = "cccc000000000003";
    let ex = Extraction {
        document: Document {
            id: id.into(),
            content_hash: format!("{id}{}", "1".repeat(48)),
            origin: "fixture:headline".into(),
            // Same words as the opening heading, other spacing and case.
            title: Some("Haubitzen für FREEDONIEN".into()),
            language: Some("de".into()),
            text: text.into(),
            paragraphs: vec![
                Paragraph {
                    span: Span::new(0, 25),
                    kind: ParagraphKind::Heading,
                },
                Paragraph {
                    span: Span::new(27, 71),
                    kind: ParagraphKind::Body,
                },
            ],
            ..Default::default()
        },
        entities: vec![Mention {
            span: Span::new(15, 25),
            text: "Freedonien".into(),
            entity: "XFD".into(),
            kind: EntityKind::State,
            name: "Freedonia".into(),
            rule: "fixture".into(),
            confidence: 0.9,
            ..Default::default()
        }],
        ..Default::default()
    };
    fx.with_store(|store| store.insert(&ex).expect("insert"));
    let app = fx.app();
    let (status, _, html) = get(&app, &format!("/documents/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let article = html.split("<article").nth(1).unwrap_or("");
    // The headline is the page's title, with its highlight, and is not repeated in the text.
    let h1 = article
        .split("<h1>")
        .nth(1)
        .and_then(|s| s.split("</h1>").next())
        .unwrap_or("");
    assert!(h1.starts_with("Haubitzen  für "), "{h1}");
    assert!(
        h1.contains("data-ann=\"m0\" tabindex=\"0\">Freedonien</span>"),
        "{h1}"
    );
    let doc_text = article.split("class=\"doc-text\"").nth(1).unwrap_or("");
    assert!(!doc_text.contains("Haubitzen  für"), "{doc_text}");
    assert!(
        doc_text.contains("Ruritanien lieferte Haubitzen"),
        "{doc_text}"
    );

    // A title that is not the text's first heading stays above the whole text.
    let (_, _, html) = get(&app, &format!("/documents/{REPORT_ID}")).await;
    assert!(html.contains("<h1>Haubitzen für Freedonien</h1>"), "{html}");
}
