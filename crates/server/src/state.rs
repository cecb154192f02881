//! Shared state: a small pool of store connections, the token and its failed-attempt limiter,
//! the host names the server answers to, and the lazily loaded pipeline and knowledge base.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use armsgraph_kb::{DataFiles, Kb};
use armsgraph_pipeline::Pipeline;
use armsgraph_store::{Store, StoreError};

use crate::error::AppError;
use crate::guard::HostPolicy;
use crate::{ServerConfig, ServerError};

/// Store and rendering jobs running at once on the blocking pool. More requests wait for a
/// turn (within the request timeout) rather than each opening a database connection and a
/// thread: that bounds file descriptors and memory under load. The work is CPU-bound
/// (SQLite in memory-mapped pages, JSON), so more jobs than a few per core only hold more
/// answers in memory at once; measured by `armsgraph bench serve` (docs/notes/views.md).
pub(crate) const MAX_BLOCKING_JOBS: usize = 8;

/// Connections kept for reuse: one per store job and one for ingest, which is every
/// connection that can be checked out at once — the pool never opens more than this, so
/// connections (each with its page and statement caches) are not opened and dropped under
/// load.
const POOL_SIZE: usize = MAX_BLOCKING_JOBS + 1;

/// Shortest token accepted: a guessable token would make the write endpoint public.
pub const MIN_TOKEN_LEN: usize = 16;

/// Failed token attempts one client address may make within [`FAILURE_WINDOW`]; after that,
/// every write from it gets 429 until the window ends.
pub(crate) const MAX_FAILED_ATTEMPTS: u32 = 10;
pub(crate) const FAILURE_WINDOW: Duration = Duration::from_secs(60);

/// What every request handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: PathBuf,
    /// `rusqlite::Connection` is `Send` but not `Sync`: each request takes a connection out
    /// of the pool for itself (WAL lets readers run beside a writer).
    pool: Mutex<Vec<Store>>,
    token: Option<String>,
    data: DataFiles,
    body_limit: usize,
    request_timeout: Duration,
    hosts: HostPolicy,
    failures: FailedAttempts,
    /// Failed sign-ins per user name (accounts mode), beside those per address.
    login_failures: FailedAttempts<String>,
    accounts: bool,
    secure_cookies: bool,
    blocking: Arc<tokio::sync::Semaphore>,
    /// One ingest at a time (the pipeline is behind a lock anyway): later ones wait here,
    /// without a thread and without taking the readers' turns.
    ingest_turn: Arc<tokio::sync::Semaphore>,
    /// Loaded on first ingest: reading the data files is not free and a read-only server
    /// never needs it. The mutex makes ingest independent of whether the stages are `Sync`.
    pipeline: OnceLock<Result<Mutex<Pipeline>, String>>,
    kb: OnceLock<Option<Kb>>,
    views: crate::views::ViewCache,
}

impl AppState {
    /// Open the database (creating and migrating it when needed) and check the token.
    pub fn new(config: &ServerConfig) -> Result<AppState, ServerError> {
        if config.accounts && config.token.is_some() {
            return Err(ServerError::TokenWithAccounts);
        }
        if let Some(token) = config.token.as_deref() {
            if token.trim().is_empty() {
                return Err(ServerError::EmptyToken);
            }
            // Characters, not bytes: what a person counts when choosing one.
            if token.trim().chars().count() < MIN_TOKEN_LEN {
                return Err(ServerError::ShortToken { min: MIN_TOKEN_LEN });
            }
        }
        let first = Store::open(&config.db)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                db: config.db.clone(),
                pool: Mutex::new(vec![first]),
                token: config.token.as_deref().map(|t| t.trim().to_string()),
                data: config.data.clone(),
                body_limit: config.body_limit,
                request_timeout: config.limits.request_timeout,
                hosts: HostPolicy::new(config.addr, &config.allowed_hosts),
                failures: FailedAttempts::default(),
                login_failures: FailedAttempts::default(),
                accounts: config.accounts,
                secure_cookies: config
                    .public_url
                    .as_deref()
                    .is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://")),
                blocking: Arc::new(tokio::sync::Semaphore::new(MAX_BLOCKING_JOBS)),
                ingest_turn: Arc::new(tokio::sync::Semaphore::new(1)),
                pipeline: OnceLock::new(),
                kb: OnceLock::new(),
                views: crate::views::ViewCache::default(),
            }),
        })
    }

    pub fn body_limit(&self) -> usize {
        self.inner.body_limit
    }

    pub(crate) fn request_timeout(&self) -> Duration {
        self.inner.request_timeout
    }

    pub(crate) fn hosts(&self) -> &HostPolicy {
        &self.inner.hosts
    }

    pub(crate) fn failures(&self) -> &FailedAttempts {
        &self.inner.failures
    }

    pub(crate) fn login_failures(&self) -> &FailedAttempts<String> {
        &self.inner.login_failures
    }

    pub(crate) fn accounts_enabled(&self) -> bool {
        self.inner.accounts
    }

    pub(crate) fn secure_cookies(&self) -> bool {
        self.inner.secure_cookies
    }

    pub(crate) fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }

    pub(crate) fn ingest_enabled(&self) -> bool {
        self.inner.token.is_some() || self.inner.accounts
    }

    /// Run blocking store work on the blocking pool with a connection of its own.
    pub(crate) async fn with_store<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        let permit = self.blocking_turn().await?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut store = state.checkout()?;
            let result = work(&mut store);
            state.checkin(store);
            result
        })
        .await
        .map_err(|e| AppError::Internal(format!("request task failed: {e}")))?
    }

    /// A turn on the blocking pool; waits while [`MAX_BLOCKING_JOBS`] are running.
    async fn blocking_turn(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        Arc::clone(&self.inner.blocking)
            .acquire_owned()
            .await
            .map_err(|_| AppError::Unavailable("the server is shutting down".into()))
    }

    /// Like [`AppState::with_store`], with the knowledge base (when the data files have one),
    /// the data files (reference data) and the cache of whole-store views (reference data,
    /// store-wide alerts) that are recomputed only when documents or facts were added.
    pub(crate) async fn with_views<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(
                &mut Store,
                Option<&Kb>,
                &DataFiles,
                &crate::views::ViewCache,
            ) -> Result<T, AppError>
            + Send
            + 'static,
    {
        let state = self.clone();
        self.with_store(move |store| work(store, state.kb(), &state.inner.data, &state.inner.views))
            .await
    }

    /// Run the pipeline on blocking threads.
    pub(crate) async fn with_pipeline<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Pipeline, &mut Store) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        let permit = Arc::clone(&self.inner.ingest_turn)
            .acquire_owned()
            .await
            .map_err(|_| AppError::Unavailable("the server is shutting down".into()))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let loaded = state.inner.pipeline.get_or_init(|| {
                Pipeline::load(&state.inner.data)
                    .map(Mutex::new)
                    .map_err(|e| e.to_string())
            });
            let pipeline = match loaded {
                Ok(p) => p,
                Err(e) => return Err(AppError::Internal(format!("the pipeline cannot load: {e}"))),
            };
            // A panic in an earlier ingest poisons the lock but leaves the loaded data intact.
            let pipeline = pipeline.lock().unwrap_or_else(|p| p.into_inner());
            let mut store = state.checkout()?;
            let result = work(&pipeline, &mut store);
            state.checkin(store);
            result
        })
        .await
        .map_err(|e| AppError::Internal(format!("ingest task failed: {e}")))?
    }

    fn kb(&self) -> Option<&Kb> {
        self.inner
            .kb
            .get_or_init(|| Kb::load(&self.inner.data).ok())
            .as_ref()
    }

    fn checkout(&self) -> Result<Store, StoreError> {
        let pooled = self
            .inner
            .pool
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop();
        match pooled {
            Some(store) => Ok(store),
            None => Store::open(&self.inner.db),
        }
    }

    fn checkin(&self, store: Store) {
        let mut pool = self.inner.pool.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < POOL_SIZE {
            pool.push(store);
        }
    }
}

/// Failed token attempts per client address (or, for sign-ins, per user name), forgotten a
/// [`FAILURE_WINDOW`] after the first.
pub(crate) struct FailedAttempts<K = IpAddr> {
    by_client: Mutex<HashMap<K, (u32, Instant)>>,
}

impl<K> Default for FailedAttempts<K> {
    fn default() -> Self {
        FailedAttempts {
            by_client: Mutex::new(HashMap::new()),
        }
    }
}

/// Addresses remembered at most; older windows are dropped first when full, so a flood of
/// addresses cannot grow the map without bound.
const MAX_TRACKED_CLIENTS: usize = 10_000;

impl<K: std::hash::Hash + Eq + Clone> FailedAttempts<K> {
    /// `Err(TooManyAttempts)` while `client` has used up its attempts.
    pub(crate) fn check(&self, client: K) -> Result<(), AppError> {
        let map = self.by_client.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(&client) {
            Some((count, since))
                if *count >= MAX_FAILED_ATTEMPTS && since.elapsed() < FAILURE_WINDOW =>
            {
                let left = FAILURE_WINDOW.saturating_sub(since.elapsed());
                Err(AppError::TooManyAttempts {
                    retry_after_secs: left.as_secs().max(1),
                })
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn record_failure(&self, client: K) {
        let mut map = self.by_client.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_TRACKED_CLIENTS && !map.contains_key(&client) {
            map.retain(|_, (_, since)| since.elapsed() < FAILURE_WINDOW);
            if map.len() >= MAX_TRACKED_CLIENTS {
                // Still full of live windows: forget the oldest one.
                if let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, (_, s))| *s)
                    .map(|(k, _)| k.clone())
                {
                    map.remove(&oldest);
                }
            }
        }
        let entry = map.entry(client).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= FAILURE_WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    pub(crate) fn record_success(&self, client: K) {
        self.by_client
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&client);
    }
}
