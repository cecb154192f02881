//! `POST /api/corrections`: token-protected like ingest; the correction shows on the event in
//! JSON and on the pages, with who, when, why and the machine's value; bad ones are 400s.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;

const TOKEN: &str = "s3cret-token-of-24-chars";

fn correction(token: Option<&str>, body: serde_json::Value) -> Request<Body> {
    let mut builder =
        Request::post("/api/corrections").header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    builder.body(Body::from(body.to_string())).expect("request")
}

#[tokio::test]
async fn a_correction_needs_the_token_and_shows_everywhere() {
    let fx = Fixture::new().with_token(TOKEN);
    let app = fx.app();
    let event = format!("{REPORT_ID}:e1");
    let body = serde_json::json!({
        "kind": "type", "target": event, "value": "consult",
        "reason": "a meeting", "by": "Ana"
    });
    let (status, _, _) = send(&app, correction(None, body.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = send(&app, correction(Some("wrong"), body.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The views are cached per data generation: read them once before the correction.
    let (status, before) = get_json(&app, "/api/events?type=ASSAULT").await;
    assert_eq!(status, StatusCode::OK);
    assert!(before.to_string().contains(&event), "{before}");

    let (status, _, text) = send(&app, correction(Some(TOKEN), body)).await;
    assert_eq!(status, StatusCode::CREATED, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["correction"]["by"], "web:Ana");
    assert_eq!(json["documents"], 1);

    let (_, after) = get_json(&app, "/api/events?type=ASSAULT").await;
    assert!(!after.to_string().contains(&event), "{after}");
    let (_, consult) = get_json(&app, "/api/events?type=CONSULT").await;
    let consult = consult.to_string();
    assert!(consult.contains("\"original\":\"ASSAULT\""), "{consult}");
    assert!(consult.contains("web:Ana"), "{consult}");

    // The document page shows who corrected what, beside the machine's value.
    let (status, _, page) = get(&app, &format!("/documents/{REPORT_ID}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("corrected by web:Ana at"), "correction line");
    assert!(page.contains("(machine: ASSAULT)"));
    assert!(page.contains("correct-form"));

    let (status, list) = get_json(&app, "/api/corrections").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["orphaned"], false);
}

#[tokio::test]
async fn bad_corrections_are_json_400s() {
    let fx = Fixture::new().with_token(TOKEN);
    let app = fx.app();
    for body in [
        serde_json::json!({ "kind": "explode", "target": "XRU" }),
        serde_json::json!({ "kind": "wrong", "target": "no-such-event" }),
        serde_json::json!({ "kind": "type", "target": format!("{REPORT_ID}:e0"), "value": "NOPE" }),
        serde_json::json!({ "kind": "date", "target": format!("{REPORT_ID}:e0"), "value": "2024-13" }),
        serde_json::json!({ "kind": "merge", "target": "XRU", "value": "XRU" }),
        serde_json::json!({ "kind": "alias", "target": "XRU" }),
    ] {
        let (status, _, text) = send(&app, correction(Some(TOKEN), body.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {text}");
        assert!(text.contains("\"error\""), "{text}");
    }
    // A merge through the API moves the entity on its page.
    let (status, _, text) = send(
        &app,
        correction(
            Some(TOKEN),
            serde_json::json!({ "kind": "merge", "target": "XSY", "value": "XFD" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{text}");
    let (status, _) = get_json(&app, "/api/entities/XSY").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

fn withdrawal(token: Option<&str>, id: &str, body: serde_json::Value) -> Request<Body> {
    let mut builder = Request::post(format!("/api/corrections/{id}/withdraw"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    builder.body(Body::from(body.to_string())).expect("request")
}

#[tokio::test]
async fn a_withdrawn_correction_applies_nowhere_and_stays_listed() {
    let fx = Fixture::new().with_token(TOKEN);
    let app = fx.app();
    let event = format!("{REPORT_ID}:e1");
    let body = serde_json::json!({ "kind": "wrong", "target": event, "by": "Ana" });
    let (status, _, text) = send(&app, correction(Some(TOKEN), body)).await;
    assert_eq!(status, StatusCode::CREATED, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let id = json["correction"]["id"].to_string();
    let (_, gone) = get_json(&app, "/api/events?type=ASSAULT").await;
    assert!(!gone.to_string().contains(&event), "{gone}");

    let why = serde_json::json!({ "by": "Ben", "reason": "the attack is confirmed" });
    let (status, _, _) = send(&app, withdrawal(None, &id, why.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, text) = send(&app, withdrawal(Some(TOKEN), &id, why.clone())).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["correction"]["withdrawn"]["by"], "web:Ben");
    let (_, back) = get_json(&app, "/api/events?type=ASSAULT").await;
    assert!(back.to_string().contains(&event), "{back}");
    let (_, list) = get_json(&app, "/api/corrections").await;
    assert_eq!(
        list[0]["withdrawn"]["reason"], "the attack is confirmed",
        "{list}"
    );

    // Twice, unknown, not a number: 400s with a JSON error.
    for id in [id.as_str(), "9999", "abc"] {
        let (status, _, text) = send(&app, withdrawal(Some(TOKEN), id, why.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{id}: {text}");
        assert!(text.contains("\"error\""), "{text}");
    }
}
