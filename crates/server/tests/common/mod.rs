//! A store with hand-built extractions (an invented report and a hostile page) and helpers to
//! call the router without a socket.
#![allow(dead_code)]

use armsgraph_model::*;
use armsgraph_server::{router, AppState, ServerConfig};
use armsgraph_store::Store;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// An invented report (no real article): multibyte characters before every span, so byte and
/// char offsets differ.
pub const REPORT: &str = "Über Nacht: Ruritanien lieferte Haubitzen an Freedonien, heißt es.\n\n\
„Wir haben die Geschütze erhalten“, sagte Ana Petrović, Sprecherin des Ministeriums.\n\n\
Freedonien griff im März 2021 Grenzposten in Sylvanien an.";

pub const REPORT_ID: &str = "aaaa000000000001";
pub const HOSTILE_ID: &str = "bbbb000000000002";

fn span_of(text: &str, needle: &str) -> Span {
    let idx = TextIndex::new(text);
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    idx.span(b, b + needle.len())
}

fn mention(text: &str, surface: &str, entity: &str, kind: EntityKind, name: &str) -> Mention {
    Mention {
        span: span_of(text, surface),
        text: surface.to_string(),
        entity: entity.to_string(),
        kind,
        name: name.to_string(),
        rule: "fixture".into(),
        confidence: 0.9,
        ..Default::default()
    }
}

fn participant(text: &str, surface: &str, entity: &str, name: &str) -> Participant {
    Participant {
        entity: entity.into(),
        name: name.into(),
        span: Some(span_of(text, surface)),
        how: "explicit".into(),
    }
}

fn evidence(doc: &str, text: &str, sentence: &str, trigger: &str) -> Evidence {
    Evidence {
        document: doc.into(),
        sentence: span_of(text, sentence),
        trigger: span_of(text, trigger),
        text: sentence.into(),
        rule: "fixture".into(),
        url: None,
    }
}

pub fn report() -> Extraction {
    let text = REPORT;
    let s1 = "Über Nacht: Ruritanien lieferte Haubitzen an Freedonien, heißt es.";
    let s3 = "Freedonien griff im März 2021 Grenzposten in Sylvanien an.";
    let time = TimeExpr {
        span: span_of(text, "im März 2021"),
        text: "im März 2021".into(),
        start: Some("2021-03-01".into()),
        end: Some("2021-03-31".into()),
        precision: TimePrecision::Month,
        anchor: "absolute".into(),
        ..Default::default()
    };
    let mut freedonia_s3 = mention(
        text,
        "Freedonien griff",
        "XFD",
        EntityKind::State,
        "Freedonia",
    );
    freedonia_s3.span = Span::new(freedonia_s3.span.start, freedonia_s3.span.start + 10);
    freedonia_s3.text = "Freedonien".into();
    Extraction {
        document: Document {
            id: REPORT_ID.into(),
            content_hash: format!("{REPORT_ID}{}", "0".repeat(48)),
            origin: "fixture:report".into(),
            title: Some("Haubitzen für Freedonien".into()),
            publisher: Some("Fixture Post".into()),
            language: Some("de".into()),
            url: Some("https://example.org/report".into()),
            text: text.into(),
            ..Default::default()
        },
        entities: vec![
            mention(text, "Ruritanien", "XRU", EntityKind::State, "Ruritania"),
            mention(
                text,
                "Haubitzen",
                "weapon-category:artillery",
                EntityKind::WeaponCategory,
                "artillery",
            ),
            mention(text, "Freedonien,", "XFD", EntityKind::State, "Freedonia"),
            mention(
                text,
                "Ana Petrović",
                "person:ana-petrovic",
                EntityKind::Person,
                "Ana Petrović",
            ),
            freedonia_s3,
            mention(text, "Sylvanien", "XSY", EntityKind::State, "Sylvania"),
        ]
        .into_iter()
        .map(|mut m| {
            // "Freedonien," was found with its comma to pick the first occurrence.
            if m.text.ends_with(',') {
                m.text.pop();
                m.span.end -= 1;
            }
            m
        })
        .collect(),
        actors: vec![
            EntityRecord {
                id: "XRU".into(),
                kind: EntityKind::State,
                name: "Ruritania".into(),
                known: true,
                mentions: 1,
                affiliations: vec!["XPACT".into()],
                ..Default::default()
            },
            EntityRecord {
                id: "XFD".into(),
                kind: EntityKind::State,
                name: "Freedonia".into(),
                known: true,
                mentions: 2,
                ..Default::default()
            },
            EntityRecord {
                id: "XSY".into(),
                kind: EntityKind::State,
                name: "Sylvania".into(),
                known: true,
                mentions: 1,
                affiliations: vec!["XPACT".into()],
                ..Default::default()
            },
            EntityRecord {
                id: "person:ana-petrovic".into(),
                kind: EntityKind::Person,
                name: "Ana Petrović".into(),
                mentions: 1,
                roles: vec![Role {
                    title: "Sprecherin".into(),
                    title_en: Some("spokeswoman".into()),
                    organisation: Some("Ministerium".into()),
                    ..Default::default()
                }],
                affiliations: vec!["XFD".into()],
                ..Default::default()
            },
        ],
        events: vec![
            Event {
                id: format!("{REPORT_ID}:e0"),
                event_type: EventType::Aid,
                mode: Some("heavy-weapons".into()),
                context: vec!["military".into()],
                actors: vec![participant(text, "Ruritanien", "XRU", "Ruritania")],
                recipients: vec![participant(text, "Freedonien", "XFD", "Freedonia")],
                evidence: vec![evidence(REPORT_ID, text, s1, "lieferte")],
                confidence: 0.8,
                factuality: Factuality::Reported,
                arms: Some(ArmsTransfer {
                    weapons: vec![Weapon {
                        category: Some("weapon-category:artillery".into()),
                        text: "Haubitzen".into(),
                        span: Some(span_of(text, "Haubitzen")),
                        ..Default::default()
                    }],
                    status: vec![TransferStatus::Delivered],
                    ..Default::default()
                }),
                source_count: 1,
                summary: "XRU → XFD: arms transfer (artillery)".into(),
                ..Default::default()
            },
            Event {
                id: format!("{REPORT_ID}:e1"),
                event_type: EventType::Assault,
                actors: vec![participant(text, "Freedonien griff", "XFD", "Freedonia")],
                recipients: vec![participant(text, "Sylvanien", "XSY", "Sylvania")],
                time: Some(time.clone()),
                evidence: vec![evidence(REPORT_ID, text, s3, "griff")],
                confidence: 0.7,
                source_count: 1,
                summary: "XFD attacked XSY".into(),
                ..Default::default()
            },
        ],
        quotes: vec![Quote {
            id: format!("{REPORT_ID}:q0"),
            kind: QuoteKind::Direct,
            cue: Some(span_of(text, "sagte")),
            cue_text: Some("sagte".into()),
            message: span_of(text, "Wir haben die Geschütze erhalten"),
            message_text: "Wir haben die Geschütze erhalten".into(),
            speaker: Some(Speaker {
                entity: Some("person:ana-petrovic".into()),
                name: "Ana Petrović".into(),
                kind: "person".into(),
                span: Some(span_of(text, "Ana Petrović")),
                antecedent: None,
            }),
            rule: "fixture".into(),
            confidence: 0.9,
            ..Default::default()
        }],
        times: vec![time],
        alerts: vec![Alert {
            id: "alert:XRU-XFD-XSY".into(),
            kind: "alliance_contradiction".into(),
            title: "Ruritania armed Freedonia, which attacked Ruritania's ally Sylvania".into(),
            supplier: "XRU".into(),
            recipient: "XFD".into(),
            target: "XSY".into(),
            alliance: "XPACT".into(),
            chain: vec![
                ChainLink {
                    kind: "membership".into(),
                    statement: "XRU member of XPACT".into(),
                    source: "reference:fixture:1".into(),
                    ..Default::default()
                },
                ChainLink {
                    kind: "transfer".into(),
                    statement: "XRU → XFD: artillery".into(),
                    source: format!("document:{REPORT_ID}"),
                    evidence: Some(evidence(REPORT_ID, text, s1, "lieferte")),
                    event: Some(format!("{REPORT_ID}:e0")),
                },
                ChainLink {
                    kind: "conflict".into(),
                    statement: "XFD attacked XSY".into(),
                    source: format!("document:{REPORT_ID}"),
                    evidence: Some(evidence(REPORT_ID, text, s3, "griff")),
                    event: Some(format!("{REPORT_ID}:e1")),
                },
            ],
            confidence: 0.75,
        }],
        ..Default::default()
    }
}

/// Markup that must never run when shown.
pub const HOSTILE_TEXT: &str = "Harmless start <script>alert('xss')</script> and \
<img src=x onerror=alert(1)> then <a href=\"javascript:alert(2)\">click</a> \"quoted\" 'single' & more.";

pub fn hostile() -> Extraction {
    let text = HOSTILE_TEXT;
    let evil_name = "<img src=x onerror=alert(3)>";
    Extraction {
        document: Document {
            id: HOSTILE_ID.into(),
            content_hash: format!("{HOSTILE_ID}{}", "0".repeat(48)),
            origin: "<script>alert('origin')</script>".into(),
            title: Some("<script>alert('title')</script> Harmless".into()),
            publisher: Some("<b onmouseover=alert(4)>pub</b>".into()),
            url: Some("javascript:alert('url')".into()),
            language: Some("en\"><script>alert(5)</script>".into()),
            text: text.into(),
            ..Default::default()
        },
        entities: vec![Mention {
            span: span_of(text, "<script>alert('xss')</script>"),
            text: "<script>alert('xss')</script>".into(),
            entity: "evil\"><script>alert(6)</script>".into(),
            kind: EntityKind::Organisation,
            name: evil_name.into(),
            rule: "<svg onload=alert(7)>".into(),
            ..Default::default()
        }],
        actors: vec![EntityRecord {
            id: "evil\"><script>alert(6)</script>".into(),
            kind: EntityKind::Organisation,
            name: evil_name.into(),
            mentions: 1,
            ..Default::default()
        }],
        events: vec![Event {
            id: format!("{HOSTILE_ID}:e0"),
            event_type: EventType::Aid,
            actors: vec![Participant {
                entity: "XRU".into(),
                name: "<script>alert(8)</script>".into(),
                ..Default::default()
            }],
            recipients: vec![Participant {
                entity: "evil\"><script>alert(6)</script>".into(),
                name: evil_name.into(),
                ..Default::default()
            }],
            evidence: vec![evidence(HOSTILE_ID, text, text, "onerror")],
            summary: "<iframe src=javascript:alert(9)>".into(),
            arms: Some(ArmsTransfer::default()),
            ..Default::default()
        }],
        quotes: vec![Quote {
            id: format!("{HOSTILE_ID}:q0"),
            message: span_of(text, "quoted"),
            message_text: "</blockquote><script>alert(10)</script>".into(),
            speaker: Some(Speaker {
                name: "<script>alert(11)</script>".into(),
                kind: "person".into(),
                entity: Some("javascript:alert(12)".into()),
                ..Default::default()
            }),
            ..Default::default()
        }],
        alerts: vec![Alert {
            id: "\"><script>alert(13)</script>".into(),
            kind: "alliance_contradiction".into(),
            title: "<script>alert(14)</script>".into(),
            supplier: "<b>x</b>".into(),
            chain: vec![ChainLink {
                kind: "transfer\" onclick=\"alert(15)".into(),
                statement: "<img src=x onerror=alert(16)>".into(),
                source: format!("document:{HOSTILE_ID}"),
                evidence: Some(evidence(HOSTILE_ID, text, text, "onerror")),
                event: None,
            }],
            ..Default::default()
        }],
        warnings: vec![Warning {
            code: "<script>".into(),
            message: "<img src=x onerror=alert(17)>".into(),
            span: None,
        }],
        ..Default::default()
    }
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub config: ServerConfig,
}

// The switch between the stores (`ARMSGRAPH_TEST_STORE=postgres`; `scripts/test.sh` runs this
// crate's tests a second time so), shared with the store, analysis and CLI tests.
#[path = "../../../store/tests/common/test_store.rs"]
mod test_store;

#[allow(unused_imports)] // Not every test file asks which store it runs on.
pub use test_store::on_postgres;
use test_store::pg_base;

/// A new, empty test database: a file in `dir` on SQLite, a schema of its own on PostgreSQL
/// (`pg::fresh_schema_url`), so tests run in parallel on one server.
pub fn fresh_db(dir: &std::path::Path) -> std::path::PathBuf {
    if on_postgres() {
        let base = pg_base().unwrap_or_default();
        // A client of its own, so not on the test's async thread (see `with_store`).
        let url = std::thread::scope(|scope| {
            scope
                .spawn(|| armsgraph_store::pg::fresh_schema_url(&base, "web"))
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
        .expect("test schema");
        std::path::PathBuf::from(url)
    } else {
        dir.join("fixture.db")
    }
}

/// Runs `work` with a store of its own at `db` on a plain thread: the PostgreSQL client
/// blocks on a runtime of its own, which it may not do on a thread driving the test's async
/// runtime (the server itself runs store work on blocking threads). A panic inside (a failed
/// assertion) fails the test with its own message.
pub fn with_store<T: Send>(db: &std::path::Path, work: impl FnOnce(&mut Store) -> T + Send) -> T {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let mut store = Store::open(db).expect("open store");
                work(&mut store)
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Runs `sql` on the test database under the store (a test breaking it on purpose): through
/// the SQLite connection, or a PostgreSQL client of its own in the test's schema.
pub fn execute_sql(db: &std::path::Path, sql: &str) {
    let path = db.to_str().unwrap_or_default();
    if armsgraph_store::pg::is_url(path) {
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let mut client =
                        postgres::Client::connect(path, postgres::NoTls).expect("postgres");
                    client.batch_execute(sql).expect("sql");
                })
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    } else {
        with_store(db, |store| {
            store.connection().execute_batch(sql).expect("sql")
        })
    }
}

impl Fixture {
    /// A database holding the report and the hostile page (on the store [`on_postgres`]
    /// chooses).
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = fresh_db(dir.path());
        with_store(&db, |store| {
            store.insert(&report()).expect("insert report");
            store.insert(&hostile()).expect("insert hostile");
        });
        Fixture {
            config: ServerConfig::new(db),
            dir,
        }
    }

    /// [`with_store`] on this fixture's database.
    pub fn with_store<T: Send>(&self, work: impl FnOnce(&mut Store) -> T + Send) -> T {
        with_store(&self.config.db, work)
    }

    pub fn with_token(mut self, token: &str) -> Fixture {
        self.config.token = Some(token.to_string());
        self
    }

    pub fn app(&self) -> axum::Router {
        router(AppState::new(&self.config).expect("state"))
    }
}

pub async fn send(
    app: &axum::Router,
    request: Request<Body>,
) -> (StatusCode, Response<()>, String) {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (
        parts.status,
        Response::from_parts(parts, ()),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

pub async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Response<()>, String) {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

pub async fn get_json(app: &axum::Router, uri: &str) -> (StatusCode, serde_json::Value) {
    let (status, response, body) = get(app, uri).await;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(
        content_type.starts_with("application/json"),
        "{uri}: content type {content_type:?}, body {body}"
    );
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}")),
    )
}
