//! The JSON API through `router()`, without a socket.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;

#[tokio::test]
async fn stats_and_document_list() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, stats) = get_json(&app, "/api/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stats["documents"], 2);
    assert_eq!(stats["events"], 3);
    assert_eq!(stats["quotes"], 2);

    let (status, docs) = get_json(&app, "/api/documents?limit=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(docs.as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn document_by_id_and_prefix_with_char_spans() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, doc) = get_json(&app, &format!("/api/documents/{REPORT_ID}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["summary"]["title"], "Haubitzen für Freedonien");
    let text = doc["extraction"]["document"]["text"]
        .as_str()
        .unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    let quote = &doc["extraction"]["quotes"][0];
    let start = quote["message"]["start"].as_u64().unwrap_or(0) as usize;
    let end = quote["message"]["end"].as_u64().unwrap_or(0) as usize;
    let message: String = chars[start..end].iter().collect();
    assert_eq!(message, quote["message_text"].as_str().unwrap_or_default());

    let (status, _) = get_json(&app, "/api/documents/aaaa").await;
    assert_eq!(status, StatusCode::OK, "unique prefix resolves");
}

#[tokio::test]
async fn missing_things_are_json_404s() {
    let fx = Fixture::new();
    let app = fx.app();
    for uri in [
        "/api/documents/ffff000000000000",
        "/api/documents/not-hex",
        "/api/entities/XNONE",
        "/api/no-such-route",
        "/api/",
        "/api",
    ] {
        let (status, body) = get_json(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(body["status"], 404, "{uri}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn bad_parameters_are_json_400s() {
    let fx = Fixture::new();
    let app = fx.app();
    for uri in [
        "/api/events?type=FIGHT",
        "/api/events?from=last-week",
        "/api/events?limit=many",
        "/api/entities?kind=planet",
        "/api/search",
        "/api/search?q=%20",
        "/api/graph?relations=friendship",
    ] {
        let (status, body) = get_json(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["status"], 400, "{uri}");
    }
}

#[tokio::test]
async fn wrong_method_is_a_json_405() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, response, body) = send(
        &app,
        Request::delete("/api/stats")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(response.headers().contains_key("allow"));
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["status"], 405);
}

#[tokio::test]
async fn events_filter_by_type_actor_and_time() {
    let fx = Fixture::new();
    let app = fx.app();
    let (_, aid) = get_json(&app, "/api/events?type=aid&actor=XRU&recipient=XFD").await;
    let aid = aid.as_array().cloned().unwrap_or_default();
    assert_eq!(aid.len(), 1);
    assert_eq!(aid[0]["event"]["recipients"][0]["entity"], "XFD");

    let (_, assaults) = get_json(&app, "/api/events?type=ASSAULT&from=2021-03-10&to=2021").await;
    assert_eq!(assaults.as_array().map(Vec::len), Some(1));
    let (_, none) = get_json(&app, "/api/events?type=ASSAULT&from=2022").await;
    assert_eq!(none.as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn entity_profile_has_suppliers_roles_and_quotes() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, fd) = get_json(&app, "/api/entities/XFD").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fd["name"], "Freedonia");
    assert_eq!(fd["suppliers"][0]["id"], "XRU");
    assert_eq!(fd["mentions"], 2);

    let (_, ru) = get_json(&app, "/api/entities/XRU").await;
    assert_eq!(ru["recipients"][0]["id"], "XFD");
    assert_eq!(ru["memberships"][0]["id"], "XPACT");

    let (_, ana) = get_json(&app, "/api/entities/person:ana-petrovic").await;
    assert_eq!(ana["roles"][0]["title_en"], "spokeswoman");
    assert_eq!(
        ana["quotes"][0]["quote"]["message_text"],
        "Wir haben die Geschütze erhalten"
    );

    let (_, pact) = get_json(&app, "/api/entities?q=ruri").await;
    assert_eq!(pact[0]["id"], "XRU");
}

#[tokio::test]
async fn search_finds_documents_and_entities() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, hits) = get_json(&app, "/api/search?q=Haubitzen").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(hits["documents"][0]["id"], REPORT_ID);
    let (_, hits) = get_json(&app, "/api/search?q=Petrovi%C4%87").await;
    assert_eq!(hits["entities"][0]["id"], "person:ana-petrovic");
    // A prefix; a mistake in the search language is a 400 that says what is wrong.
    let (status, hits) = get_json(&app, "/api/search?q=Haubitz*").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(hits["documents"][0]["id"], REPORT_ID);
    let (status, err) = get_json(&app, "/api/search?q=%22Haubitzen").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err.to_string().contains("not closed"), "{err}");
}

#[tokio::test]
async fn graph_has_typed_edges_and_filters() {
    let fx = Fixture::new();
    let app = fx.app();
    let (_, g) = get_json(&app, "/api/graph").await;
    let edges = g["edges"].as_array().cloned().unwrap_or_default();
    let relation_of = |s: &str, t: &str| {
        edges
            .iter()
            .filter(|e| e["source"] == s && e["target"] == t)
            .map(|e| e["relation"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(relation_of("XRU", "XFD"), vec!["arms_transfer"]);
    assert_eq!(relation_of("XFD", "XSY"), vec!["conflict"]);
    assert!(g["nodes"]
        .as_array()
        .is_some_and(|n| n.iter().any(|n| n["id"] == "XSY" && n["kind"] == "state")));

    // An entity is found by name as well as by id.
    let (_, g) = get_json(&app, "/api/graph?entity=Sylvania").await;
    assert_eq!(g["focus"], "XSY");
    assert_eq!(g["edges"].as_array().map(Vec::len), Some(1));

    let (_, g) = get_json(&app, "/api/graph?relations=conflict").await;
    assert_eq!(g["edges"].as_array().map(Vec::len), Some(1));
    // The arms transfer is undated (kept); the assault of March 2021 is outside 2022.
    let (_, g) = get_json(
        &app,
        "/api/graph?from=2022-01-01&relations=conflict,arms_transfer",
    )
    .await;
    let rels: Vec<&str> = g["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["relation"].as_str())
        .collect();
    assert!(!rels.contains(&"conflict"), "{rels:?}");
}

#[tokio::test]
async fn alerts_carry_their_chain() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, alerts) = get_json(&app, "/api/alerts").await;
    assert_eq!(status, StatusCode::OK);
    assert!(alerts["error"].is_null(), "{alerts}");
    let alerts = alerts["alerts"].as_array().cloned().unwrap_or_default();
    let ours = alerts
        .iter()
        .find(|a| a["alert"]["supplier"] == "XRU")
        .expect("fixture alert");
    assert_eq!(ours["alert"]["chain"].as_array().map(Vec::len), Some(3));
    assert_eq!(ours["documents"][0], REPORT_ID);
}

#[tokio::test]
async fn openapi_lists_every_route() {
    let fx = Fixture::new();
    let app = fx.app();
    let (status, doc) = get_json(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    for (method, path) in armsgraph_server::API_ROUTES {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
    // And every listed route exists in the router (the fallback answers "no such API route").
    for (method, path) in armsgraph_server::API_ROUTES {
        let uri = path.replace("{id}", "XFD");
        let request = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(uri.as_str())
            .body(Body::empty())
            .expect("request");
        let (_, _, body) = send(&app, request).await;
        assert!(
            !body.contains("no such API route"),
            "{method} {uri} is not routed"
        );
    }
    // Operations, not paths: `/api/corrections` has a GET and a POST.
    let listed: usize = doc["paths"]
        .as_object()
        .map(|p| {
            p.values()
                .map(|ops| ops.as_object().map_or(0, |o| o.len()))
                .sum()
        })
        .unwrap_or(0);
    assert_eq!(
        listed,
        armsgraph_server::API_ROUTES.len(),
        "OpenAPI lists a route the router lacks"
    );
}
