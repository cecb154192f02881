//! The armsgraph web app and JSON API.
//!
//! [`router`] builds the whole application (pages, `/api/*`, embedded `/static/*` assets) over
//! an [`AppState`]; [`serve`] binds it to a socket. Tests drive [`router`] directly, without a
//! socket.
//!
//! Invariants:
//! - Everything that comes from a document (text, titles, names, URLs) is escaped on output;
//!   pages carry a Content-Security-Policy that allows scripts from `/static/` only, so markup
//!   that slipped through still could not run.
//! - Static files are served from an embedded map by exact name; no request reaches the file
//!   system.
//! - `/api/*` answers errors as JSON `{"error": "...", "status": N}`, whatever produced them
//!   (handler, extractor, body limit, unknown route).
//! - Writes (ingest) need the token given at start-up; without one, ingest is disabled.
//! - The server only reads through [`armsgraph_store::Store`] and reads documents through
//!   [`armsgraph_pipeline::Pipeline`], like the CLI, so the two never disagree.

mod api;
mod assets;
mod error;
mod html;
mod openapi;
mod pages;
mod state;

pub use api::ROUTES as API_ROUTES;
pub mod views;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::AppError;
pub use state::AppState;

/// Largest request body accepted (ingest): larger bodies get 413.
pub const DEFAULT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The default listening address: loopback only, so nothing is exposed by accident.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Everything `armsgraph serve` needs to start.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The SQLite database (created when missing).
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Token required by write endpoints; `None` disables them.
    pub token: Option<String>,
    /// Where the pipeline's data files come from (for ingest and entity profiles).
    pub data: armsgraph_kb::DataFiles,
    pub body_limit: usize,
}

impl ServerConfig {
    /// Defaults: loopback address, no token (read-only), 8 MB body limit, data from
    /// `ARMSGRAPH_DATA` or the embedded copy.
    pub fn new(db: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            db: db.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            data: armsgraph_kb::DataFiles::from_env(),
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] armsgraph_store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("an empty token would let anyone write; give a non-empty token or none")]
    EmptyToken,
}

/// The whole application: pages, JSON API, static assets, security headers.
pub fn router(state: AppState) -> Router {
    let body_limit = state.body_limit();
    Router::new()
        .merge(pages::routes())
        .nest("/api", api::routes())
        .merge(assets::routes())
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

/// Bind `config.addr` and serve until Ctrl-C (or SIGTERM).
pub async fn serve(config: ServerConfig) -> Result<(), ServerError> {
    serve_with(config, |_| {}).await
}

/// [`serve`], calling `on_ready` with the bound address once the socket listens (the port may
/// have been 0: chosen by the system).
pub async fn serve_with(
    config: ServerConfig,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let addr = config.addr;
    let state = AppState::new(&config)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// [`serve_with`] on a runtime of its own, for callers without one (the CLI).
pub fn serve_blocking(
    config: ServerConfig,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve_with(config, on_ready))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, only SIGTERM (or kill) stops the server.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
