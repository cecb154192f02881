//! Static files (CSS, JS, vendored cytoscape.js), embedded in the binary.
//!
//! A request names a file exactly; anything else is 404. Nothing is read from disk, so no
//! path (`..`, encoded or not) can reach the file system.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::AppState;

/// `(name, content type, bytes)`.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "graph.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graph.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
    (
        "ingest.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/ingest.js"),
    ),
    (
        "correct.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/correct.js"),
    ),
    (
        "cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape.min.js"),
    ),
    (
        "cytoscape.LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape.LICENSE"),
    ),
];

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/static/{name}", get(asset))
}

/// The embedded file of that exact name.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, &'static [u8])> {
    ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, mime, bytes)| (*mime, *bytes))
}

async fn asset(Path(name): Path<String>) -> Response {
    match lookup(&name) {
        Some((mime, bytes)) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
