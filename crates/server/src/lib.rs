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
//! - Writes (ingest) need the token given at start-up (at least [`MIN_TOKEN_LEN`] characters);
//!   without one, ingest is disabled. The token is checked, and the declared body size
//!   against the limit, before any body byte is read; failed attempts are limited per client
//!   address.
//! - Requests are answered only when their `Host` names this server (its address, `localhost`
//!   on loopback, or `--allow-host` names), and writes only from its own origin: a page on
//!   another site cannot read the database through DNS rebinding.
//! - Slow or stalled clients are bounded: a connection cap, a header-read timeout, an idle
//!   timeout and a per-request timeout ([`Limits`]).
//! - Store queries and page rendering run on the blocking pool, a bounded number at a time,
//!   never on the async executor; a document page shows a bounded number of annotations.
//! - Internal errors (database text) are logged with a request id; the client sees the id.
//! - The server only reads through [`armsgraph_store::Store`] and reads documents through
//!   [`armsgraph_pipeline::Pipeline`], like the CLI, so the two never disagree.

mod accounts;
mod api;
mod assets;
mod correct;
mod error;
mod guard;
mod html;
mod net;
mod openapi;
mod pages;
mod state;

pub use api::ROUTES as API_ROUTES;
pub mod views;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::AppError;
pub use state::{AppState, MIN_TOKEN_LEN};

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
    /// Host names the server answers to besides its own address (and `localhost` when it
    /// listens on loopback), e.g. the name a reverse proxy forwards; `name` allows any port,
    /// `name:port` one port.
    pub allowed_hosts: Vec<String>,
    pub limits: Limits,
    /// Accounts mode (`serve --accounts`): users, sessions, personal tokens, collections and
    /// the audit log instead of the one start-up token (docs/notes/accounts.md).
    pub accounts: bool,
    /// The address users reach the server at (`https://graph.example.org/`), when a proxy
    /// serves it; an `https` one marks the session cookie `Secure`.
    pub public_url: Option<String>,
}

/// Bounds on connections and time, against slow or stalled clients.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections open at once; more are answered 503 and closed.
    pub max_connections: usize,
    /// Time for a request's head (request line and headers) to arrive.
    pub header_timeout: Duration,
    /// A connection on which nothing moves for this long, with no request in progress, is
    /// closed.
    pub idle_timeout: Duration,
    /// Time for one request, reading its body included; past it the answer is 503.
    pub request_timeout: Duration,
}

/// Default connection cap: far below the usual 1,024 file descriptors per process, with room
/// for database files.
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Generous: an ingest runs the whole pipeline on the document.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        }
    }
}

impl ServerConfig {
    /// Defaults: loopback address, no token (read-only), 8 MB body limit, data from
    /// `ARMSGRAPH_DATA` or the embedded copy, [`Limits::default`].
    pub fn new(db: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            db: db.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            data: armsgraph_kb::DataFiles::from_env(),
            body_limit: DEFAULT_BODY_LIMIT,
            allowed_hosts: Vec::new(),
            limits: Limits::default(),
            accounts: false,
            public_url: None,
        }
    }
}

/// A warning to print when `addr` can be reached from other machines: the server speaks
/// plain HTTP (the token travels in clear) and reads need no token. `None` on loopback.
pub fn exposure_warning(addr: SocketAddr) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    Some(format!(
        "WARNING: listening on {addr}, reachable from other machines. This server speaks plain \
HTTP: anyone who can reach it can read the whole database, and the ingest token travels \
unencrypted. Serve on 127.0.0.1 behind a TLS reverse proxy (with --allow-host NAME) instead."
    ))
}

/// A fresh random token (32 hex digits) from the operating system's generator.
pub fn generate_token() -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
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
    #[error("--accounts uses personal API tokens (armsgraph token create NAME); the start-up token is for the one-user mode: give one or the other")]
    TokenWithAccounts,
    #[error("the token is too short to resist guessing: use at least {min} characters (e.g. `openssl rand -hex 16`, or --generate-token)")]
    ShortToken { min: usize },
}

/// The whole application: pages, JSON API, static assets, security headers.
pub fn router(state: AppState) -> Router {
    let body_limit = state.body_limit();
    Router::new()
        .merge(pages::routes())
        .merge(accounts::routes())
        .nest("/api", api::routes())
        .merge(assets::routes())
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        // Who is asking and what they may do (accounts mode only; nothing otherwise).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            accounts::gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::time_limit,
        ))
        // Around the time limit and every handler: a request for another host is refused
        // before anything else runs.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::check_host,
        ))
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
    let mut config = config;
    let addr = config.addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    // The Host check needs the real port when 0 was asked for.
    config.addr = listener.local_addr()?;
    let state = AppState::new(&config)?;
    on_ready(config.addr);
    net::run(
        listener,
        router(state),
        config.limits.clone(),
        shutdown_signal(),
    )
    .await?;
    Ok(())
}

/// [`serve_with`] on a runtime of its own, for callers without one (the CLI).
pub fn serve_blocking(
    config: ServerConfig,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    limit_malloc_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Store jobs are bounded by a semaphore; this bounds the threads (and their malloc
        // arenas) too, against tokio's default of 512.
        .max_blocking_threads(state::MAX_BLOCKING_JOBS + 4)
        .build()?;
    runtime.block_on(serve_with(config, on_ready))
}

/// glibc gives every thread that allocates its own malloc arena (up to 8 per core), and an
/// arena keeps the memory of freed answers for reuse by that thread only: with a pool of
/// blocking threads each building large answers, resident memory grows with the number of
/// threads that ever ran. Two arenas keep it flat (measured: docs/notes/views.md); the
/// `MALLOC_ARENA_MAX` environment variable, when set, still wins.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets a tuning parameter of the allocator; called before the
        // runtime's threads start.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

/// Returns memory freed after a large whole-store computation to the system (glibc keeps
/// freed memory in its arenas otherwise).
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory held by the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
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
