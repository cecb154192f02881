//! Accounts mode (`serve --accounts`): sign-in and sessions, CSRF refusals, roles, personal
//! API tokens, collection filtering and the audit log. The one-user mode is covered, unchanged,
//! by the other test files. Runs on SQLite, and on PostgreSQL with `ARMSGRAPH_TEST_STORE=postgres`
//! (`common::on_postgres`).

mod common;

use armsgraph_store::accounts::{Access, Role};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;

const PASSWORD: &str = "correct horse battery staple";

struct Team {
    fx: Fixture,
    app: axum::Router,
    /// API tokens of the admin, the analyst and the viewer.
    root: String,
    ana: String,
    vi: String,
}

/// The fixture's two documents; the hostile page is in collection `leaks`, which only the
/// admin may read; the report is in no collection (everyone's).
fn team() -> Team {
    let mut fx = Fixture::new();
    fx.config.accounts = true;
    let (root, ana, vi) = fx.with_store(|store| {
        store
            .create_user("root", Role::Admin, PASSWORD)
            .expect("root");
        store
            .create_user("ana", Role::Analyst, PASSWORD)
            .expect("ana");
        store.create_user("vi", Role::Viewer, PASSWORD).expect("vi");
        store
            .add_to_collection("leaks", HOSTILE_ID)
            .expect("collection");
        (
            store.create_token("root", "test").expect("token").1,
            store.create_token("ana", "test").expect("token").1,
            store.create_token("vi", "test").expect("token").1,
        )
    });
    let app = fx.app();
    Team {
        fx,
        app,
        root,
        ana,
        vi,
    }
}

fn with_token(uri: &str, token: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request")
}

fn login_request(name: &str, password: &str) -> Request<Body> {
    Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "name={name}&password={}&next=%2Fdocuments",
            password.replace(' ', "+")
        )))
        .expect("request")
}

/// Signs in; returns the cookie pair (`armsgraph_session=…`).
async fn sign_in(app: &axum::Router, name: &str) -> String {
    let (status, response, body) = send(app, login_request(name, PASSWORD)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/documents")
    );
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP, no public https URL: {cookie}"
    );
    cookie.split(';').next().expect("pair").to_string()
}

fn get_with_cookie(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

/// The CSRF token a page filled into its forms.
fn csrf_of(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let at = page.find(marker).expect("a csrf field") + marker.len();
    let token: String = page[at..].chars().take_while(|c| *c != '"').collect();
    assert_eq!(token.len(), 64, "filled in: {token:?}");
    token
}

#[tokio::test]
async fn pages_need_a_sign_in_and_the_api_a_token() {
    let t = team();
    let (status, response, _) = get(&t.app, "/documents?page=1").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(location.starts_with("/login?next="), "{location}");
    let (status, json) = get_json(&t.app, "/api/documents").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{json}");
    // The sign-in page, static files and the API description stay open.
    let (status, _, page) = get(&t.app, "/login").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"password\""));
    let (status, _, _) = get(&t.app, "/static/app.css").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = get_json(&t.app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);

    // A personal token opens the API; a revoked one no longer does.
    let (status, _, body) = send(&t.app, with_token("/api/documents", &t.vi)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = send(&t.app, with_token("/api/documents", "ag_guessed")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    t.fx.with_store(|store| {
        let id = store.tokens(Some("vi")).expect("tokens")[0].id;
        store.revoke_token(id).expect("revoke");
    });
    let (status, _, _) = send(&t.app, with_token("/api/documents", &t.vi)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_in_sign_out_and_failed_attempts() {
    let t = team();
    let (status, _, page) = send(&t.app, login_request("ana", "not the password")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("Wrong name or password"));
    let (status, _, _) = send(&t.app, login_request("nobody", "not the password")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let cookie = sign_in(&t.app, "ana").await;
    let (status, _, page) = send(&t.app, get_with_cookie("/documents", &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(REPORT_ID));
    let (status, _, account) = send(&t.app, get_with_cookie("/account", &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_of(&account);

    // Sign-out is a form post with the CSRF field; without it, nothing happens.
    let logout = |field: &str| {
        Request::post("/logout")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("csrf={field}")))
            .expect("request")
    };
    let (status, _, _) = send(&t.app, logout("forged")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = send(&t.app, logout(&csrf)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = send(&t.app, get_with_cookie("/documents", &cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the session ended");

    // Every one of these is in the audit log, which only an admin reads.
    let (status, _, _) = send(&t.app, with_token("/api/audit", &t.ana)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = send(&t.app, with_token("/api/audit", &t.root)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&body).expect("json");
    let actions: Vec<&str> = rows.iter().filter_map(|r| r["action"].as_str()).collect();
    assert_eq!(
        actions,
        ["logout", "login", "login_failed", "login_failed"],
        "{body}"
    );
    assert_eq!(rows[2]["object"], "nobody");
    assert!(
        !body.contains("not the password"),
        "passwords are never logged"
    );
    let (status, _, page) = send(&t.app, with_token("/audit?user=ana", &t.root)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("logout") && !page.contains("login_failed"));

    // Ten failures from one address lock it out for a while, right password included.
    for _ in 0..10 {
        send(&t.app, login_request("vi", "guess guess guess")).await;
    }
    let (status, _, _) = send(&t.app, login_request("vi", PASSWORD)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn writes_need_the_role_and_a_sessions_csrf_token() {
    let t = team();
    let event = format!("{REPORT_ID}:e1");
    let correction = serde_json::json!({
        "kind": "confirm", "target": event, "reason": "checked", "by": "someone else"
    })
    .to_string();
    let post = |auth: (&str, String), csrf: Option<&str>| {
        let mut b = Request::post("/api/corrections")
            .header(header::CONTENT_TYPE, "application/json")
            .header(auth.0, auth.1);
        if let Some(c) = csrf {
            b = b.header("x-csrf-token", c);
        }
        b.body(Body::from(correction.clone())).expect("request")
    };
    // A viewer may not correct.
    let (status, _, body) = send(
        &t.app,
        post(("authorization", format!("Bearer {}", t.vi)), None),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("analyst"), "{body}");

    // With a session, the page's CSRF token must come along.
    let cookie = sign_in(&t.app, "ana").await;
    let (status, _, page) = send(
        &t.app,
        get_with_cookie(&format!("/documents/{REPORT_ID}"), &cookie),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_of(&page);
    let (status, _, body) = send(&t.app, post(("cookie", cookie.clone()), None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("CSRF"), "{body}");
    let (status, _, _) = send(&t.app, post(("cookie", cookie.clone()), Some("0123"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The right token passes the gate.
    let (status, _, body) = send(&t.app, post(("cookie", cookie.clone()), Some(&csrf))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(
        json["correction"]["by"], "ana",
        "the account, not the form's name"
    );

    // An analyst may not ingest into a collection they have no write grant on; the answer
    // comes before the pipeline runs.
    let ingest = |token: &str| {
        Request::post("/api/ingest?collection=leaks")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("Ruritanien lieferte Haubitzen."))
            .expect("request")
    };
    let (status, _, body) = send(&t.app, ingest(&t.ana)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("may not write"), "{body}");

    let (_, _, body) = send(&t.app, with_token("/api/audit", &t.root)).await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&body).expect("json");
    assert!(
        rows.iter()
            .any(|r| r["action"] == "login" && r["actor"] == "ana"),
        "{body}"
    );
    let correct = rows
        .iter()
        .find(|r| r["action"] == "correct")
        .expect("a correction row");
    assert_eq!(correct["actor"], "ana");
    assert_eq!(correct["object"], event);
}

#[tokio::test]
async fn readers_see_only_their_collections() {
    let t = team();
    let docs = |token: &str| with_token("/api/documents", token);
    let (_, _, all) = send(&t.app, docs(&t.root)).await;
    assert!(all.contains(HOSTILE_ID) && all.contains(REPORT_ID), "{all}");
    let (_, _, mine) = send(&t.app, docs(&t.vi)).await;
    assert!(
        !mine.contains(HOSTILE_ID) && mine.contains(REPORT_ID),
        "{mine}"
    );

    let hidden = format!("/api/documents/{HOSTILE_ID}");
    let (status, _, _) = send(&t.app, with_token(&hidden, &t.vi)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "hidden looks like missing");
    let (status, _, _) = send(&t.app, with_token(&hidden, &t.root)).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = sign_in(&t.app, "vi").await;
    let (status, _, _) = send(
        &t.app,
        get_with_cookie(&format!("/documents/{HOSTILE_ID}"), &cookie),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, list) = send(&t.app, get_with_cookie("/documents", &cookie)).await;
    assert!(!list.contains(HOSTILE_ID) && list.contains(REPORT_ID));

    // Search drops hidden documents (the hostile page's title says "Harmless").
    let (_, _, found) = send(&t.app, with_token("/api/search?q=Harmless", &t.root)).await;
    assert!(found.contains(HOSTILE_ID), "{found}");
    let (status, _, found) = send(&t.app, with_token("/api/search?q=Harmless", &t.vi)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!found.contains(HOSTILE_ID), "{found}");

    // Events and quotes of hidden documents are dropped too.
    let (_, _, events) = send(&t.app, with_token("/api/events", &t.vi)).await;
    assert!(!events.contains(HOSTILE_ID), "{events}");

    // Store-wide views are refused to a restricted reader, with why.
    for uri in [
        "/api/graph",
        "/api/alerts",
        "/api/entities?q=a",
        "/api/stats",
    ] {
        let (status, _, body) = send(&t.app, with_token(uri, &t.vi)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}: {body}");
        assert!(body.contains("every collection"), "{body}");
    }
    let (status, _, _) = send(&t.app, with_token("/api/graph", &t.root)).await;
    assert_eq!(status, StatusCode::OK);

    // A read grant on the collection opens everything to the viewer.
    let vi2 = t.fx.with_store(|store| {
        store
            .grant("leaks", "vi", Some(Access::Read))
            .expect("grant");
        store.create_token("vi", "second").expect("token").1
    });
    let (status, _, _) = send(&t.app, with_token(&hidden, &vi2)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, found) = send(&t.app, with_token("/api/search?q=Harmless", &vi2)).await;
    assert!(found.contains(HOSTILE_ID), "{found}");
    let (status, _, _) = send(&t.app, with_token("/api/graph", &vi2)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn accounts_and_the_start_up_token_do_not_mix() {
    let mut fx = Fixture::new().with_token("s3cret-token-of-24-chars");
    fx.config.accounts = true;
    let error = armsgraph_server::AppState::new(&fx.config)
        .err()
        .expect("refused");
    assert!(error.to_string().contains("--accounts"), "{error}");
}

#[tokio::test]
async fn an_https_public_url_makes_the_cookie_secure() {
    let mut fx = Fixture::new();
    fx.config.accounts = true;
    fx.config.public_url = Some("https://graph.example.org/".into());
    fx.with_store(|store| {
        store
            .create_user("ana", Role::Analyst, PASSWORD)
            .expect("ana")
    });
    let app = fx.app();
    let (status, response, _) = send(&app, login_request("ana", PASSWORD)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn an_analyst_ingests_into_a_collection_they_may_write() {
    let t = team();
    t.fx.with_store(|store| {
        store
            .grant("leaks", "ana", Some(Access::Write))
            .expect("grant")
    });
    let text = "Das Parlament beriet am Dienstag über den Haushalt.\n\nDie Abgeordneten stimmten dem Entwurf mit großer Mehrheit zu.";
    let request = Request::post("/api/ingest?collection=leaks")
        .header(header::AUTHORIZATION, format!("Bearer {}", t.ana))
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(text))
        .expect("request");
    let (status, _, body) = send(&t.app, request).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    let id = json["id"].as_str().unwrap_or_default().to_string();
    assert!(!id.is_empty(), "{body}");
    let collections = t.fx.with_store({
        let id = id.clone();
        move |store| store.document_collections(&id).expect("collections")
    });
    assert_eq!(collections, ["leaks"]);

    // The viewer has no grant on `leaks`: the new document is hidden like the hostile page.
    let uri = format!("/api/documents/{id}");
    let (status, _, _) = send(&t.app, with_token(&uri, &t.vi)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, list) = send(&t.app, with_token("/api/documents", &t.vi)).await;
    assert!(!list.contains(&id) && list.contains(REPORT_ID), "{list}");
    let (status, _, _) = send(&t.app, with_token(&uri, &t.ana)).await;
    assert_eq!(status, StatusCode::OK);

    // The audit log says who put what where.
    let (_, _, body) = send(&t.app, with_token("/api/audit?user=ana", &t.root)).await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&body).expect("json");
    let ingest = rows
        .iter()
        .find(|r| r["action"] == "ingest")
        .expect("an ingest row");
    assert_eq!(ingest["object"], id.as_str());
    assert!(
        ingest["detail"]
            .as_str()
            .is_some_and(|d| d.contains("collection leaks")),
        "{ingest}"
    );
}
