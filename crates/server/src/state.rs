//! Shared state: a small pool of store connections, the token, and the lazily loaded
//! pipeline and knowledge base.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use armsgraph_kb::{DataFiles, Kb};
use armsgraph_pipeline::Pipeline;
use armsgraph_store::{Store, StoreError};

use crate::error::AppError;
use crate::{ServerConfig, ServerError};

/// Idle connections kept for reuse; more may be open at once under load.
const POOL_SIZE: usize = 8;

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
    /// Loaded on first ingest: reading the data files is not free and a read-only server
    /// never needs it. The mutex makes ingest independent of whether the stages are `Sync`.
    pipeline: OnceLock<Result<Mutex<Pipeline>, String>>,
    kb: OnceLock<Option<Kb>>,
}

impl AppState {
    /// Open the database (creating and migrating it when needed) and check the token.
    pub fn new(config: &ServerConfig) -> Result<AppState, ServerError> {
        if config.token.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(ServerError::EmptyToken);
        }
        let first = Store::open(&config.db)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                db: config.db.clone(),
                pool: Mutex::new(vec![first]),
                token: config.token.clone(),
                data: config.data.clone(),
                body_limit: config.body_limit,
                pipeline: OnceLock::new(),
                kb: OnceLock::new(),
            }),
        })
    }

    pub fn body_limit(&self) -> usize {
        self.inner.body_limit
    }

    pub(crate) fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }

    pub(crate) fn ingest_enabled(&self) -> bool {
        self.inner.token.is_some()
    }

    /// Run blocking store work on the blocking pool with a connection of its own.
    pub(crate) async fn with_store<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut store = state.checkout()?;
            let result = work(&mut store);
            state.checkin(store);
            result
        })
        .await
        .map_err(|e| AppError::Internal(format!("request task failed: {e}")))?
    }

    /// Like [`AppState::with_store`], with the knowledge base (when the data files have one)
    /// and the data files (reference data).
    pub(crate) async fn with_store_kb<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, Option<&Kb>, &DataFiles) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        self.with_store(move |store| work(store, state.kb(), &state.inner.data))
            .await
    }

    /// Run the pipeline on blocking threads.
    pub(crate) async fn with_pipeline<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Pipeline, &mut Store) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
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
