//! The store: one interface ([`Store`]) over the embedded SQLite database (the default, a
//! file) and PostgreSQL (a `postgres://` URL, [`pg`]; what is ported there is listed in
//! docs/notes/postgres.md). What follows describes the SQLite store.
//!
//! One file holds documents (with their full [`Extraction`] as JSON), mentions, events, quotes,
//! failed inputs, copy clusters (with the MinHash bands and translation [`anchors`] that find
//! them) and reference facts, plus an FTS5 index for search.
//!
//! Invariants:
//! - A document is stored at most once: its `content_hash` (SHA-256 of the normalised text) is
//!   unique, and re-ingesting returns [`InsertOutcome::Duplicate`] without writing.
//! - Each document is written in one transaction: after a crash (even `kill -9`) a document is
//!   either fully stored or absent, never half.
//! - The store never interprets text; it persists and queries what the stages produced. The
//!   only reading it does is mechanical indexing: FTS5 tokens and the digit runs of
//!   [`anchors`].

pub mod accounts;
pub mod anchors;
mod clusters;
pub mod corrections;
pub mod pair_facts;
pub mod pg;
mod pg_accounts;
mod pg_clusters;
mod pg_corrections;
mod pg_reference;
mod pg_totals;
mod pg_views;
pub mod queue;
pub mod raw;
pub mod reference;
pub mod search;
mod views;
pub mod watch;
pub use views::{
    edge_relation, profile_lines, sort_date, Affiliation, EdgeSummary, MentioningDocument,
};

use std::path::{Path, PathBuf};

use armsgraph_model::{
    CopyCluster, EntityKind, Event, EventType, Extraction, FailedInput, Mention, Quote,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

pub use clusters::{
    BAND_ROWS, MEMBERS_LISTED, NEAR_DUPLICATE_THRESHOLD, TRANSLATION_MAX_DAYS,
    TRANSLATION_MAX_LENGTH_RATIO, TRANSLATION_MAX_LENGTH_RATIO_NAMED_PUBLISHER,
    TRANSLATION_MIN_SHARED, TRANSLATION_MIN_SPECIFIC, TRANSLATION_THRESHOLD,
    TRANSLATION_THRESHOLD_NAMED_PUBLISHER,
};

/// Bumped whenever the schema changes; a database of another version is refused with a clear
/// error rather than silently misread.
/// Version 2 added the indexed view tables ([`views`]); a version-1 database is upgraded on
/// open by back-filling them from its stored extractions.
/// Version 3 added profile lines, graph edges and per-entity summaries (same upgrade).
/// Version 4 added per-pair alert facts ([`pair_facts`], back-filled from the stored events)
/// and stores extractions compressed (older rows, plain JSON, are still read).
/// Version 5 added accounts, sessions, API tokens, collections and the audit log
/// ([`accounts`]); new empty tables, so a version-4 database is upgraded by creating them.
pub const SCHEMA_VERSION: i64 = 5;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database {path} has schema version {found}, this armsgraph expects {expected}; this armsgraph reads version {expected} and upgrades versions 1 to 4 on open; use the armsgraph that made it, or re-create the database (move the file away) and ingest again")]
    SchemaVersion {
        path: String,
        found: i64,
        expected: i64,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored JSON for {what} is unreadable: {source}")]
    Json {
        what: String,
        #[source]
        source: serde_json::Error,
    },
    /// A stored extraction could not be compressed.
    #[error("compressing a stored extraction: {0}")]
    Compressed(String),
    /// An account operation that cannot be done (unknown user, short password, bad name);
    /// the message says why.
    #[error("{0}")]
    Account(String),
    /// A typed search the search language cannot read; the message says why.
    #[error("search: {0}")]
    Query(#[from] search::QueryError),
    /// A correction that cannot be recorded as asked; the message says why.
    #[error("correction: {0}")]
    Correction(String),
    /// A document that cannot be read again; the message says why.
    #[error("reprocess: {0}")]
    Reprocess(String),
    /// The work queue (`queue_jobs`): a payload that cannot be written or read back.
    #[error("queue: {0}")]
    Queue(String),
    /// A PostgreSQL store could not be reached or refused a statement.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    /// A PostgreSQL database whose schema this armsgraph does not know.
    #[error("PostgreSQL database {url} has schema version {found}, this armsgraph expects {expected}; use the armsgraph that made it, or create a new database")]
    PgSchemaVersion {
        url: String,
        found: i64,
        expected: i64,
    },
    /// A store method that has no PostgreSQL port yet was called on a PostgreSQL store.
    #[error("this operation ({0}) is not available on PostgreSQL yet; use a SQLite database for it (docs/notes/postgres.md lists what is ported)")]
    NotOnPostgres(String),
    #[error("cannot create directory {path}: {source}")]
    Dir {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long one statement waits for another connection's lock before SQLite reports busy.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
/// How often a write that still found the database locked is tried again, with doubling
/// pauses (0.05 s, 0.1 s, … capped at 2 s): with the busy timeout, a writer waits about a
/// minute for another before it gives up on this one document.
const WRITE_ATTEMPTS: u32 = 10;

impl StoreError {
    /// Whether the error is another connection holding the lock (worth waiting for), not a
    /// fault of this document or this database.
    pub fn is_busy(&self) -> bool {
        let sql = match self {
            StoreError::Sql(e) | StoreError::Open { source: e, .. } => e,
            _ => return false,
        };
        matches!(
            sql.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

/// Runs `write` again while the database is locked by another writer, with back-off.
fn with_retry<T>(mut write: impl FnMut() -> Result<T>) -> Result<T> {
    let mut pause = std::time::Duration::from_millis(50);
    let mut attempt = 1;
    loop {
        match write() {
            Err(e) if e.is_busy() && attempt < WRITE_ATTEMPTS => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_secs(2));
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// What happened to a document handed to [`Store::insert`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InsertOutcome {
    Stored {
        id: String,
        cluster: Option<CopyCluster>,
    },
    /// The same normalised text is already stored under `id`.
    Duplicate { id: String },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: i64,
    pub mentions: i64,
    pub entities: i64,
    pub events: i64,
    pub quotes: i64,
    pub clusters: i64,
    pub failed_inputs: i64,
    /// Inputs deliberately not read (reasons starting `skipped: `, see
    /// `FailedInput::is_skipped`); kept in the same table, not counted as failed.
    #[serde(default)]
    pub skipped_inputs: i64,
    pub reference_facts: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub origin: String,
    pub cluster_id: Option<String>,
    pub ingested_at: String,
    pub events: i64,
    pub quotes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub summary: DocumentSummary,
    pub extraction: Extraction,
    /// Other documents of the same copy cluster: the first [`MEMBERS_LISTED`] by id.
    pub copies: Vec<String>,
    /// Other documents of the same copy cluster, all counted.
    #[serde(default)]
    pub copy_count: usize,
    /// The stored e-mail message this document was attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<LinkedDocument>,
    /// The stored documents read from this message's attachments, in attachment order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<LinkedDocument>,
}

/// A document linked to another by how it arrived (an e-mail and its attachments), found by
/// origin: a copy stored earlier under another origin is not linked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedDocument {
    pub id: String,
    pub origin: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub title: Option<String>,
    /// A fragment of the text with the matches marked `[` `]`.
    pub snippet: String,
    pub rank: f64,
}

/// How many of the newest matching documents a full-text search ranks (see
/// [`Store::search_page`]): enough that a rare word is ranked among all its matches, few
/// enough that a common word costs milliseconds on 100,000 documents.
pub const SEARCH_RANK_WINDOW: usize = 2_000;

/// One page of full-text results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    /// More documents matched than were ranked: the hits are the best of the newest
    /// `window` matches.
    pub cut: bool,
    pub window: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityHit {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub mentions: i64,
    pub documents: i64,
}

/// Filters for [`Store::events`]; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    pub event_type: Option<EventType>,
    /// Entity id among the actors.
    pub actor: Option<String>,
    /// Entity id among the recipients.
    pub recipient: Option<String>,
    /// Entity id in any role.
    pub involving: Option<String>,
    /// Weapon system or category id, or a word of the weapon text.
    pub weapon: Option<String>,
    /// ISO dates; an event matches when its known bounds overlap `[from, to]`: an interval
    /// open at one end counts as the day it is known at (`since 2019` is not in 2030).
    pub from: Option<String>,
    pub to: Option<String>,
    /// With `from` or `to`: keep events that have no date at all (left out otherwise).
    #[serde(default)]
    pub undated: bool,
    pub document: Option<String>,
    pub limit: Option<usize>,
    /// Order by start date (undated last, then in document order) instead of document order,
    /// so that a limit keeps the earliest events.
    #[serde(default)]
    pub by_time: bool,
}

/// An event as stored, with the document it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    pub document: String,
    pub cluster_id: Option<String>,
    pub event: Event,
}

/// Where an event's document can be found and when it was published.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventSource {
    /// The document's URL, else its origin (file path), when not empty.
    pub url: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredQuote {
    pub document: String,
    pub quote: Quote,
}

/// The one store interface the rest of the workspace calls. Its rows live in SQLite (the
/// embedded default: a file path) or PostgreSQL (a `postgres://` URL, [`pg`]); each method
/// answers from its backend, and a method without a PostgreSQL port yet returns
/// [`StoreError::NotOnPostgres`] there (docs/notes/postgres.md lists them).
pub struct Store {
    backend: Backend,
    /// The file path, or the URL with its password left out.
    path: String,
}

enum Backend {
    Sqlite(Connection),
    Postgres(Box<pg::PgStore>),
}

#[track_caller]
fn not_on_postgres() -> StoreError {
    StoreError::NotOnPostgres(std::panic::Location::caller().to_string())
}

impl Store {
    /// Open (creating if needed) the database at `path`: a SQLite file, or a PostgreSQL
    /// database when `path` is a `postgres://` or `postgresql://` URL (schema created or
    /// upgraded on open, see [`pg`]).
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(url) = path.to_str().filter(|p| pg::is_url(p)) {
            return Self::open_postgres(url);
        }
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() && !parent.exists() {
                std::fs::create_dir_all(parent).map_err(|source| StoreError::Dir {
                    path: parent.display().to_string(),
                    source,
                })?;
            }
        }
        let display = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: display.clone(),
            source,
        })?;
        Self::init(conn, display)
    }

    /// Open a PostgreSQL database by URL (`postgres://user:password@host:port/db`; libpq's
    /// `options=-csearch_path=…` picks a schema), creating its tables if needed.
    pub fn open_postgres(url: &str) -> Result<Store> {
        let pg = pg::PgStore::open(url)?;
        Ok(Store {
            path: pg::redacted(url),
            backend: Backend::Postgres(Box::new(pg)),
        })
    }

    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: ":memory:".into(),
            source,
        })?;
        Self::init(conn, ":memory:".into())
    }

    /// The default database path: `$ARMSGRAPH_DB`, else `armsgraph.db` in the user's data
    /// directory (`$XDG_DATA_HOME/armsgraph` or `~/.local/share/armsgraph`).
    pub fn default_path() -> PathBuf {
        if let Some(p) = std::env::var_os("ARMSGRAPH_DB").filter(|p| !p.is_empty()) {
            return PathBuf::from(p);
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
            })
            .unwrap_or_else(|| PathBuf::from("."));
        base.join("armsgraph").join("armsgraph.db")
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn init(conn: Connection, path: String) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL keeps readers (the web app) working while an ingest writes, and makes a
        // killed writer leave the last committed state behind. Switching the journal mode
        // needs a moment of exclusive access, so another process opening the same file at
        // the same time is waited for like any other writer.
        with_retry(|| Ok(conn.pragma_update(None, "journal_mode", "WAL")?))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let store = Store {
            backend: Backend::Sqlite(conn),
            path,
        };
        with_retry(|| store.migrate())?;
        Ok(store)
    }

    fn migrate(&self) -> Result<()> {
        // Fast path, taken by every open of an up-to-date database: nothing is written, so
        // a reader opening beside a busy writer does not queue for the write lock.
        if self.stored_version()? == Some(SCHEMA_VERSION) {
            self.conn()?.execute_batch(SCHEMA)?;
            views::create(self.conn()?)?;
            clusters::migrate(self.conn()?)?;
            reference::migrate(self.conn()?)?;
            corrections::migrate(self.conn()?)?;
            raw::migrate(self.conn()?)?;
            accounts::migrate(self.conn()?)?;
            return Ok(());
        }
        // Creating or upgrading takes the write lock first, so two processes opening the
        // same old database do not both upgrade it.
        let tx = Transaction::new_unchecked(self.conn()?, TransactionBehavior::Immediate)?;
        tx.execute_batch(SCHEMA)?;
        match self.stored_version()? {
            None => {
                views::create(&tx)?;
                tx.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?1)",
                    params![SCHEMA_VERSION.to_string()],
                )?;
            }
            Some(from @ (1..=3)) => {
                if from < 3 {
                    views::upgrade(&tx, from)?;
                } else {
                    views::create(&tx)?;
                }
                pair_facts::backfill(&tx)?;
                accounts::migrate(&tx)?;
                tx.execute(
                    "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
                    params![SCHEMA_VERSION.to_string()],
                )?;
            }
            Some(4) => {
                // Schema 5 only adds the (empty) account tables.
                accounts::migrate(&tx)?;
                tx.execute(
                    "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
                    params![SCHEMA_VERSION.to_string()],
                )?;
            }
            Some(v) if v != SCHEMA_VERSION => {
                return Err(StoreError::SchemaVersion {
                    path: self.path.clone(),
                    found: v,
                    expected: SCHEMA_VERSION,
                })
            }
            Some(_) => {}
        }
        tx.commit()?;
        // These run their own transactions.
        clusters::migrate(self.conn()?)?;
        reference::migrate(self.conn()?)?;
        corrections::migrate(self.conn()?)?;
        raw::migrate(self.conn()?)?;
        accounts::migrate(self.conn()?)?;
        Ok(())
    }

    /// The schema version recorded in the database, `None` for a new (empty) one.
    fn stored_version(&self) -> Result<Option<i64>> {
        let has_meta: bool = self.conn()?.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )?;
        if !has_meta {
            return Ok(None);
        }
        Ok(self
            .conn()?
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|v| v.parse().ok()))
    }

    /// The raw SQLite connection, for tests and the load bench that reach under the store.
    /// A PostgreSQL store answers with an empty in-memory SQLite connection, so such a
    /// caller sees no tables instead of a panic.
    pub fn connection(&self) -> &Connection {
        match &self.backend {
            Backend::Sqlite(conn) => conn,
            Backend::Postgres(pg) => pg.placeholder(),
        }
    }

    pub fn connection_mut(&mut self) -> &mut Connection {
        match &mut self.backend {
            Backend::Sqlite(conn) => conn,
            Backend::Postgres(pg) => pg.placeholder_mut(),
        }
    }

    /// The SQLite connection behind a method that has no PostgreSQL port yet: on a
    /// PostgreSQL store, the error names the caller (file and line), never a panic.
    #[track_caller]
    pub(crate) fn conn(&self) -> Result<&Connection> {
        match &self.backend {
            Backend::Sqlite(conn) => Ok(conn),
            Backend::Postgres(_) => Err(not_on_postgres()),
        }
    }

    #[track_caller]
    pub(crate) fn conn_mut(&mut self) -> Result<&mut Connection> {
        match &mut self.backend {
            Backend::Sqlite(conn) => Ok(conn),
            Backend::Postgres(_) => Err(not_on_postgres()),
        }
    }

    /// The PostgreSQL backend, when this store is one.
    pub(crate) fn pg(&self) -> Option<&pg::PgStore> {
        match &self.backend {
            Backend::Postgres(pg) => Some(pg),
            Backend::Sqlite(_) => None,
        }
    }

    /// Which database this store keeps its rows in.
    pub fn backend_name(&self) -> &'static str {
        match &self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Whether a document with this content hash is stored (cheap pre-check before the
    /// expensive stages run).
    pub fn contains_hash(&self, content_hash: &str) -> Result<Option<String>> {
        if let Some(pg) = self.pg() {
            return pg.contains_hash(content_hash);
        }
        Ok(self
            .conn()?
            .query_row(
                "SELECT id FROM documents WHERE content_hash = ?1",
                params![content_hash],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Store one document with everything read from it, atomically. Another writer on the
    /// same file (a second `ingest`, the web app) is waited for: the transaction takes the
    /// write lock up front (`BEGIN IMMEDIATE`), so the busy timeout applies, and a lock still
    /// held after it is retried with back-off before the error is returned.
    pub fn insert(&mut self, ex: &Extraction) -> Result<InsertOutcome> {
        if let Some(pg) = self.pg() {
            return pg.insert(ex);
        }
        let conn = self.conn_mut()?;
        with_retry(|| Self::insert_once(conn, ex))
    }

    fn insert_once(conn: &mut Connection, ex: &Extraction) -> Result<InsertOutcome> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(id) = tx
            .query_row(
                "SELECT id FROM documents WHERE content_hash = ?1",
                params![ex.document.content_hash],
                |r| r.get::<_, String>(0),
            )
            .optional()?
        {
            Self::note_origin(&tx, &ex.document.origin, &id)?;
            tx.commit()?;
            return Ok(InsertOutcome::Duplicate { id });
        }
        let anchors = anchors::anchors_of(ex);
        let cluster = match clusters::assign(&tx, &ex.document)? {
            Some(c) => Some(c),
            None => clusters::assign_translation(&tx, ex, &anchors)?,
        };
        let mut stored = ex.clone();
        stored.document.cluster = cluster.clone();
        let json = serde_json::to_string(&stored).map_err(|source| StoreError::Json {
            what: ex.document.id.clone(),
            source,
        })?;
        let json = compress_extraction(&json)?;
        let doc = &ex.document;
        tx.execute(
            "INSERT INTO documents(id, content_hash, origin, url, title, publisher, language,
                published, cluster_id, ingested_at, extraction)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?10)",
            params![
                doc.id,
                doc.content_hash,
                doc.origin,
                doc.url,
                doc.title,
                doc.publisher,
                doc.language,
                doc.published.as_ref().map(|d| d.value.clone()),
                cluster.as_ref().map(|c| c.cluster_id.clone()),
                json
            ],
        )?;
        tx.execute(
            "INSERT INTO documents_fts(doc_id, title, body) VALUES (?1, ?2, ?3)",
            params![doc.id, doc.title.clone().unwrap_or_default(), doc.text],
        )?;
        clusters::index(&tx, doc)?;
        clusters::index_anchors(&tx, ex, &anchors)?;
        // Derived rows come from the reading with people's corrections applied (an entity
        // merged before this document arrived is merged here too); `documents` keeps the
        // machine's.
        let corrected = corrections::corrected(&tx, ex)?;
        let ex = &*corrected;
        insert_mentions(&tx, &doc.id, &ex.entities)?;
        insert_events(&tx, &doc.id, &ex.events)?;
        tx.execute(views::ENTITY_EVENTS_OF_DOCUMENT, params![doc.id])?;
        insert_quotes(&tx, &doc.id, &ex.quotes)?;
        views::index_document(&tx, ex)?;
        views::index_document_v3(&tx, ex)?;
        let url = doc
            .url
            .as_deref()
            .or(Some(doc.origin.as_str()).filter(|o| !o.is_empty()));
        let published = doc.published.as_ref().map(|d| d.value.as_str());
        pair_facts::index_events(&tx, &doc.id, url, published, &ex.events)?;
        tx.commit()?;
        Ok(InsertOutcome::Stored {
            id: doc.id.clone(),
            cluster,
        })
    }

    /// Record an input that could not be read. The same origin failing for the same reason
    /// again is recorded once.
    pub fn record_failure(&mut self, failure: &FailedInput) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.record_failure(failure);
        }
        with_retry(|| {
            self.conn()?.execute(
                "INSERT INTO failed_inputs(origin, reason, at)
                 VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
                 ON CONFLICT(origin, reason) DO UPDATE SET at = excluded.at",
                params![failure.origin, failure.reason],
            )?;
            Ok(())
        })
    }

    pub fn failures(&self) -> Result<Vec<FailedInput>> {
        if let Some(pg) = self.pg() {
            return pg.failures();
        }
        let mut stmt = self
            .conn()?
            .prepare("SELECT origin, reason FROM failed_inputs ORDER BY origin")?;
        let rows = stmt.query_map([], |r| {
            Ok(FailedInput {
                origin: r.get(0)?,
                reason: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn stats(&self) -> Result<Stats> {
        if let Some(pg) = self.pg() {
            return pg.stats();
        }
        let count =
            |sql: &str| -> Result<i64> { Ok(self.conn()?.query_row(sql, [], |r| r.get(0))?) };
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            entities: count("SELECT count(*) FROM entity_counts")?,
            events: count("SELECT count(*) FROM events")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            clusters: count(
                "SELECT count(DISTINCT cluster_id) FROM documents WHERE cluster_id IS NOT NULL",
            )?,
            failed_inputs: count(
                "SELECT count(*) FROM failed_inputs WHERE substr(reason, 1, 9) != 'skipped: '",
            )?,
            skipped_inputs: count(
                "SELECT count(*) FROM failed_inputs WHERE substr(reason, 1, 9) = 'skipped: '",
            )?,
            reference_facts: reference::count(self.conn()?)?,
        })
    }

    /// Documents, newest ingest first.
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>> {
        if let Some(pg) = self.pg() {
            return pg.documents(limit, offset);
        }
        let mut stmt = self.conn()?.prepare(&format!(
            "{SUMMARY_SELECT} ORDER BY d.ingested_at DESC, d.id LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], summary_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document by id or unique id prefix (at least 4 chars).
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        if let Some(pg) = self.pg() {
            let mut doc = pg.document(id)?;
            if let Some(d) = &mut doc {
                pg.apply_corrections(&mut d.extraction)?;
            }
            return Ok(doc);
        }
        let Some(full_id) = self.resolve_id(id)? else {
            return Ok(None);
        };
        let summary = self.conn()?.query_row(
            &format!("{SUMMARY_SELECT} WHERE d.id = ?1"),
            params![full_id],
            summary_row,
        )?;
        let json: String = self.conn()?.query_row(
            "SELECT extraction FROM documents WHERE id = ?1",
            params![full_id],
            |r| extraction_json(r.get_ref(0)?),
        )?;
        let mut extraction: Extraction =
            serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: full_id.clone(),
                source,
            })?;
        self.apply_corrections(&mut extraction)?;
        let (copies, copy_count): (Vec<String>, usize) = match &summary.cluster_id {
            Some(c) => {
                let mut stmt = self.conn()?.prepare(
                    "SELECT id FROM documents WHERE cluster_id = ?1 AND id != ?2 ORDER BY id
                     LIMIT ?3",
                )?;
                let rows =
                    stmt.query_map(params![c, full_id, MEMBERS_LISTED as i64], |r| r.get(0))?;
                let listed = rows.collect::<rusqlite::Result<_>>()?;
                let all: i64 = self.conn()?.query_row(
                    "SELECT count(*) FROM documents WHERE cluster_id = ?1 AND id != ?2",
                    params![c, full_id],
                    |r| r.get(0),
                )?;
                (listed, all as usize)
            }
            None => (Vec::new(), 0),
        };
        if let Some(cluster_id) = &summary.cluster_id {
            // The stored extraction is a snapshot from the document's own insert: copies
            // stored later (and the cluster an earlier document was pulled into) are only in
            // the cluster column. Report the cluster as it is now.
            let joiner = match extraction.document.cluster {
                Some(_) => None,
                None => self.joined_relation(cluster_id, &full_id)?,
            };
            clusters::bring_up_to_date(
                &mut extraction.document.cluster,
                cluster_id,
                &full_id,
                &copies,
                copy_count,
                joiner,
            );
        }
        let source = extraction.document.source.as_ref();
        let parent = match source.and_then(|s| s.parent.as_deref()) {
            Some(origin) => self.linked_by_origin(origin)?,
            None => None,
        };
        let mut attachments = Vec::new();
        for a in source.map(|s| s.attachments.as_slice()).unwrap_or_default() {
            if let Some(linked) = self.linked_by_origin(&a.origin)? {
                attachments.push(linked);
            }
        }
        Ok(Some(StoredDocument {
            summary,
            extraction,
            copies,
            copy_count,
            parent,
            attachments,
        }))
    }

    /// Records that the stored document `id` also arrived from `origin` (a duplicate: the
    /// same PDF attached to two messages, a message both as `.eml` and in an mbox), so that
    /// links by origin still find it.
    pub fn note_duplicate(&mut self, origin: &str, id: &str) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.note_duplicate(origin, id);
        }
        Self::note_origin(self.conn()?, origin, id)
    }

    fn note_origin(conn: &Connection, origin: &str, id: &str) -> Result<()> {
        conn.execute(
            "INSERT OR IGNORE INTO document_origins (origin, doc_id) VALUES (?1, ?2)",
            params![origin, id],
        )?;
        Ok(())
    }

    /// The document stored under `origin` (the first, should one origin hold several), or
    /// the stored document whose duplicate arrived from it.
    fn linked_by_origin(&self, origin: &str) -> Result<Option<LinkedDocument>> {
        let mut stmt = self.conn()?.prepare(
            "SELECT id, origin, title FROM documents WHERE origin = ?1 \
             UNION ALL SELECT d.id, o.origin, d.title FROM document_origins o \
             JOIN documents d ON d.id = o.doc_id WHERE o.origin = ?1 LIMIT 1",
        )?;
        let mut rows = stmt.query_map(params![origin], |r| {
            Ok(LinkedDocument {
                id: r.get(0)?,
                origin: r.get(1)?,
                title: r.get(2)?,
            })
        })?;
        Ok(rows.next().transpose()?)
    }

    /// The cluster record of the first other member of `cluster_id` that stored one.
    fn joined_relation(&self, cluster_id: &str, except: &str) -> Result<Option<CopyCluster>> {
        let mut stmt = self.conn()?.prepare(
            // The first listed members only: a cluster of thousands is not read whole.
            "SELECT extraction FROM documents WHERE cluster_id = ?1 AND id != ?2 ORDER BY id
             LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![cluster_id, except, MEMBERS_LISTED as i64], |r| {
            extraction_json(r.get_ref(0)?)
        })?;
        for json in rows {
            let json = json?;
            // A member whose JSON does not parse is skipped here; reading it shows the error.
            if let Ok(ex) = serde_json::from_str::<Extraction>(&json) {
                if let Some(c) = ex.document.cluster {
                    return Ok(Some(c));
                }
            }
        }
        Ok(None)
    }

    fn resolve_id(&self, id: &str) -> Result<Option<String>> {
        let id = id.trim();
        if id.len() < 4 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let mut stmt = self
            .conn()?
            .prepare("SELECT id FROM documents WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2")?;
        let upper = format!("{id}g");
        let ids: Vec<String> = stmt
            .query_map(params![id, upper], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match ids.as_slice() {
            [only] => Some(only.clone()),
            _ => ids.into_iter().find(|x| x == id),
        })
    }

    /// Full-text search over titles and texts in the search language of [`search::parse`]
    /// (words all required, `"phrases"`, `prefix*`, `OR`, `-word`). A query it cannot read is
    /// a [`StoreError::Query`] that says why.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_query(&search::parse(query)?, limit)
    }

    /// Full-text search for a parsed (possibly widened) query, best match first, ranked
    /// among the newest [`SEARCH_RANK_WINDOW`] matches (see [`Store::search_page`]).
    pub fn search_query(&self, query: &search::TextQuery, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(self.search_page(query, limit)?.hits)
    }

    /// Full-text search whose cost does not grow with the number of matches: the newest
    /// [`SEARCH_RANK_WINDOW`] matching documents (FTS5 rowid order, which is ingest order) are
    /// ranked by bm25, and snippets are made for the `limit` best only. When more documents
    /// match, [`SearchPage::cut`] says so: a common word on a large store is ranked among
    /// recent documents, not all of them.
    pub fn search_page(&self, query: &search::TextQuery, limit: usize) -> Result<SearchPage> {
        self.search_page_within(query, limit, SEARCH_RANK_WINDOW)
    }

    /// [`Store::search_page`] ranking the newest `window` matches (at least one).
    pub fn search_page_within(
        &self,
        query: &search::TextQuery,
        limit: usize,
        window: usize,
    ) -> Result<SearchPage> {
        if let Some(pg) = self.pg() {
            return pg.search_page_within(query, limit, window);
        }
        let fts = query.to_fts();
        let window_size = window.max(1);
        let window = window_size.min(i64::MAX as usize) as i64;
        // The oldest rowid of the window: the `window`-th match counting from the newest.
        let floor: Option<i64> = self
            .conn()?
            .prepare_cached(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            )?
            .query_row(params![fts, window - 1], |r| r.get(0))
            .optional()?;
        let cut = match floor {
            Some(floor) => self
                .conn()?
                .prepare_cached(
                    "SELECT 1 FROM documents_fts WHERE documents_fts MATCH ?1 AND rowid < ?2
                     LIMIT 1",
                )?
                .query_row(params![fts, floor], |_| Ok(()))
                .optional()?
                .is_some(),
            None => false,
        };
        let top: Vec<(i64, f64)> = self
            .conn()?
            .prepare_cached(
                "SELECT rowid, bm25(documents_fts) AS score FROM documents_fts
                 WHERE documents_fts MATCH ?1 AND rowid >= ?2 ORDER BY score LIMIT ?3",
            )?
            .query_map(
                params![
                    fts,
                    floor.unwrap_or(i64::MIN),
                    limit.min(i64::MAX as usize) as i64
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut snippet = self.conn()?.prepare_cached(
            "SELECT f.doc_id, d.title, snippet(documents_fts, 2, '[', ']', ' … ', 16)
             FROM documents_fts f JOIN documents d ON d.id = f.doc_id
             WHERE documents_fts MATCH ?1 AND f.rowid = ?2",
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (rowid, rank) in top {
            let hit = snippet
                .query_row(params![fts, rowid], |r| {
                    Ok(SearchHit {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        snippet: r.get(2)?,
                        rank,
                    })
                })
                .optional()?;
            hits.extend(hit);
        }
        Ok(SearchPage {
            hits,
            cut,
            window: window_size,
        })
    }

    /// Entities whose id, canonical name or any surface form contains `query`
    /// (case-insensitive), most mentioned first.
    pub fn search_entities(&self, query: &str, limit: usize) -> Result<Vec<EntityHit>> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return self.top_entities(None, limit);
        }
        if let Some(pg) = self.pg() {
            return pg.search_entities(&q, limit);
        }
        let like = format!("%{}%", escape_like(&q));
        // The distinct names and surface forms (`entity_names`), not every mention.
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT entity, kind, name, mentions, documents FROM entity_counts
             WHERE entity IN (SELECT entity FROM entity_names WHERE text LIKE ?1 ESCAPE '\\')
                OR lower(entity) LIKE ?1 ESCAPE '\\'
             ORDER BY mentions DESC, entity LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![like, limit as i64], entity_hit_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Most mentioned entities, optionally of one kind.
    pub fn top_entities(&self, kind: Option<EntityKind>, limit: usize) -> Result<Vec<EntityHit>> {
        if let Some(pg) = self.pg() {
            return pg.top_entities(kind, limit);
        }
        let kind = kind.map(kind_str);
        let sql = if kind.is_some() {
            "SELECT entity, kind, name, mentions, documents FROM entity_counts
             WHERE kind = ?1 ORDER BY mentions DESC, entity LIMIT ?2"
        } else {
            "SELECT entity, kind, name, mentions, documents FROM entity_counts
             WHERE ?1 IS NULL ORDER BY mentions DESC, entity LIMIT ?2"
        };
        let mut stmt = self.conn()?.prepare_cached(sql)?;
        let rows = stmt.query_map(params![kind, limit as i64], entity_hit_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every mention of one entity, with its document.
    pub fn mentions_of(&self, entity: &str, limit: usize) -> Result<Vec<(String, Mention)>> {
        if let Some(pg) = self.pg() {
            return pg.mentions_of(entity, limit);
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT doc_id, json FROM mentions WHERE entity = ?1 ORDER BY doc_id, start LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![entity, limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (doc, json) = row?;
            let mention = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("mention in {doc}"),
                source,
            })?;
            out.push((doc, mention));
        }
        Ok(out)
    }

    /// Stored events matching a filter, in document order.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        Ok(self
            .events_from(filter, None)?
            .into_iter()
            .map(|(e, _)| e)
            .collect())
    }

    /// Like [`Store::events`], with the URL (or origin) and publication date of each event's
    /// document, read in the same query.
    pub fn events_with_sources(
        &self,
        filter: &EventFilter,
    ) -> Result<Vec<(StoredEvent, EventSource)>> {
        self.events_from(filter, None)
    }

    /// Events that can be alert facts: of one of `types` (labels) and not of one of the
    /// `skip_factuality` labels, with their documents' sources. The analysis decides what
    /// counts; the store only narrows by indexed columns so that the other events are never
    /// read.
    pub fn alert_candidates(
        &self,
        types: &[&str],
        skip_factuality: &[&str],
    ) -> Result<Vec<(StoredEvent, EventSource)>> {
        self.events_from(
            &EventFilter {
                limit: Some(usize::MAX / 2),
                ..EventFilter::default()
            },
            Some((types, skip_factuality)),
        )
    }

    /// The ids of the events `filter` (and the alert-candidate condition) selects, in the
    /// filter's order, as an SQL query without a limit, with its arguments and the order.
    fn event_ids_query(
        filter: &EventFilter,
        candidates: Option<(&[&str], &[&str])>,
    ) -> (String, Vec<rusqlite::types::Value>, &'static str) {
        // Only the conditions a filter sets are written into the query, and the role
        // conditions are `IN` lists over the `event_roles(entity, role)` index: the planner
        // then starts from the few events an entity has instead of testing every event.
        // The conditions pick and order event ids only (small rows to sort); the JSON and the
        // document columns are read for the events kept.
        let mut sql = String::from("SELECT e.id FROM events e WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |v: String, args: &mut Vec<rusqlite::types::Value>| -> usize {
            args.push(rusqlite::types::Value::Text(v));
            args.len()
        };
        if let Some(t) = filter.event_type {
            let n = arg(t.label().to_string(), &mut args);
            sql.push_str(&format!(" AND e.event_type = ?{n}"));
        }
        for (role, entity) in [("actor", &filter.actor), ("recipient", &filter.recipient)] {
            if let Some(entity) = entity {
                let n = arg(entity.clone(), &mut args);
                sql.push_str(&format!(
                    " AND e.id IN (SELECT event_id FROM event_roles WHERE entity = ?{n} AND role = '{role}')"
                ));
            }
        }
        if let Some(entity) = &filter.involving {
            let n = arg(entity.clone(), &mut args);
            sql.push_str(&format!(
                " AND e.id IN (SELECT event_id FROM event_roles WHERE entity = ?{n})"
            ));
        }
        if let Some(weapon) = &filter.weapon {
            let exact = arg(weapon.clone(), &mut args);
            // `%` and `_` typed by a user are letters, not wildcards.
            let like = arg(escape_like(&weapon.to_lowercase()), &mut args);
            sql.push_str(&format!(
                " AND e.id IN (SELECT event_id FROM event_roles WHERE role = 'weapon'
                   AND (entity = ?{exact} OR lower(entity) LIKE '%' || ?{like} || '%' ESCAPE '\\'))"
            ));
        }
        let undated = if filter.undated {
            " OR (e.time_start IS NULL AND e.time_end IS NULL)"
        } else {
            ""
        };
        if let Some(from) = &filter.from {
            let n = arg(from.clone(), &mut args);
            sql.push_str(&format!(
                " AND (COALESCE(e.time_end, e.time_start) >= ?{n}{undated})"
            ));
        }
        if let Some(to) = &filter.to {
            let n = arg(to.clone(), &mut args);
            sql.push_str(&format!(
                " AND (COALESCE(e.time_start, e.time_end) <= ?{n}{undated})"
            ));
        }
        if let Some(doc) = &filter.document {
            let n = arg(doc.clone(), &mut args);
            sql.push_str(&format!(" AND e.doc_id = ?{n}"));
        }
        if let Some((types, skip)) = candidates {
            let list = |vals: &[&str], args: &mut Vec<rusqlite::types::Value>| -> String {
                let mut parts = Vec::new();
                for v in vals {
                    args.push(rusqlite::types::Value::Text(v.to_string()));
                    parts.push(format!("?{}", args.len()));
                }
                if parts.is_empty() {
                    "NULL".to_string()
                } else {
                    parts.join(", ")
                }
            };
            let types = list(types, &mut args);
            let skip = list(skip, &mut args);
            sql.push_str(&format!(
                " AND e.event_type IN ({types}) AND COALESCE(e.factuality, '') NOT IN ({skip})"
            ));
        }
        let order = if filter.by_time {
            "(e.time_start IS NULL), e.time_start, e.doc_id, e.seq"
        } else {
            "e.doc_id, e.seq"
        };
        let only_involving = filter.involving.is_some()
            && candidates.is_none()
            && !filter.by_time
            && args.len() == 1;
        let only_involving_by_time =
            filter.involving.is_some() && candidates.is_none() && filter.by_time && args.len() == 1;
        let ids = if only_involving_by_time {
            // One entity, time order: `entity_events` keeps the event's date and an index in
            // exactly this order.
            "SELECT event_id FROM entity_events WHERE entity = ?1
                 ORDER BY undated, time_start, doc_id, seq"
                .to_string()
        } else if only_involving {
            // One entity, document order: `entity_events` is indexed in exactly that order,
            // so the first `limit` rows are the answer, without sorting the entity's events.
            "SELECT event_id FROM entity_events WHERE entity = ?1 ORDER BY doc_id, seq".to_string()
        } else {
            format!("{sql} ORDER BY {order}")
        };
        (ids, args, order)
    }

    /// How many events `filter` selects (its limit aside).
    pub fn count_events(&self, filter: &EventFilter) -> Result<usize> {
        if let Some(pg) = self.pg() {
            return pg.count_events(filter);
        }
        let (ids, args, _) = Self::event_ids_query(filter, None);
        let mut stmt = self
            .conn()?
            .prepare_cached(&format!("SELECT count(*) FROM ({ids})"))?;
        let n: i64 = stmt.query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }

    fn events_from(
        &self,
        filter: &EventFilter,
        candidates: Option<(&[&str], &[&str])>,
    ) -> Result<Vec<(StoredEvent, EventSource)>> {
        if let Some(pg) = self.pg() {
            return pg.events_from(filter, candidates);
        }
        let (ids, mut args, order) = Self::event_ids_query(filter, candidates);
        let limit = filter.limit.unwrap_or(10_000).min(i64::MAX as usize) as i64;
        args.push(rusqlite::types::Value::Integer(limit));
        let ids = format!("{ids} LIMIT ?{}", args.len());
        let sql = format!(
            "SELECT e.doc_id, d.cluster_id, e.json, d.url, d.origin, d.published
             FROM events e JOIN documents d ON d.id = e.doc_id
             WHERE e.id IN ({ids}) ORDER BY {order}"
        );
        let mut stmt = self.conn()?.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (document, cluster_id, json, url, origin, published) = row?;
            let event = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("event in {document}"),
                source,
            })?;
            let source = EventSource {
                url: url.or_else(|| Some(origin).filter(|o| !o.is_empty())),
                published,
            };
            out.push((
                StoredEvent {
                    document,
                    cluster_id,
                    event,
                },
                source,
            ));
        }
        Ok(out)
    }

    /// Quotes, optionally only those whose speaker is `speaker` (entity id).
    pub fn quotes(&self, speaker: Option<&str>, limit: usize) -> Result<Vec<StoredQuote>> {
        self.quotes_from(speaker, limit, 0)
    }

    /// [`Store::quotes`] from the `offset`-th on: a reader that drops some (repeated
    /// messages) reads on in pages instead of reading every quote of a speaker.
    pub fn quotes_from(
        &self,
        speaker: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StoredQuote>> {
        if let Some(pg) = self.pg() {
            return pg.quotes_from(speaker, limit, offset);
        }
        // Two statements, so that the speaker's one walks the (speaker, doc_id, seq) index.
        let sql = if speaker.is_some() {
            "SELECT doc_id, json FROM quotes WHERE speaker = ?1
             ORDER BY doc_id, seq LIMIT ?2 OFFSET ?3"
        } else {
            "SELECT doc_id, json FROM quotes WHERE ?1 IS NULL
             ORDER BY doc_id, seq LIMIT ?2 OFFSET ?3"
        };
        let mut stmt = self.conn()?.prepare_cached(sql)?;
        let clamp = |n: usize| n.min(i64::MAX as usize) as i64;
        let rows = stmt.query_map(params![speaker, clamp(limit), clamp(offset)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (document, json) = row?;
            let quote = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("quote in {document}"),
                source,
            })?;
            out.push(StoredQuote { document, quote });
        }
        Ok(out)
    }
}

/// The stored form of an extraction's JSON since schema 4: zlib-deflated, as a BLOB. The
/// JSON is 64 % of a database's bytes and compresses about tenfold; rows written before
/// (TEXT, plain JSON) are read as they are, so no upgrade rewrites them.
pub fn compress_extraction(json: &str) -> Result<Vec<u8>> {
    use std::io::Write as _;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(json.len() / 8),
        flate2::Compression::default(),
    );
    enc.write_all(json.as_bytes())
        .and_then(|_| enc.finish())
        .map_err(|e| StoreError::Compressed(e.to_string()))
}

/// The JSON of a stored extraction, whichever form the row has: TEXT (plain JSON, written
/// before schema 4) or BLOB (deflated, [`compress_extraction`]).
pub fn extraction_json(value: rusqlite::types::ValueRef<'_>) -> rusqlite::Result<String> {
    use rusqlite::types::{FromSqlError, ValueRef};
    use std::io::Read as _;
    match value {
        ValueRef::Text(t) => String::from_utf8(t.to_vec()).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        }),
        ValueRef::Blob(b) => {
            let mut out = String::with_capacity(b.len() * 8);
            flate2::read::ZlibDecoder::new(b)
                .read_to_string(&mut out)
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Blob,
                        Box::new(e),
                    )
                })?;
            Ok(out)
        }
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            0,
            value.data_type(),
            Box::new(FromSqlError::InvalidType),
        )),
    }
}

/// For tools that copy stored rows under new ids (the load bench): stores as `new`'s
/// extraction the extraction of `old` with every occurrence of the old id replaced.
pub fn copy_extraction(conn: &Connection, old: &str, new: &str) -> Result<()> {
    let json: String = conn.query_row(
        "SELECT extraction FROM documents WHERE id = ?1",
        params![old],
        |r| extraction_json(r.get_ref(0)?),
    )?;
    conn.execute(
        "UPDATE documents SET extraction = ?1 WHERE id = ?2",
        params![compress_extraction(&json.replace(old, new))?, new],
    )?;
    Ok(())
}

const SUMMARY_SELECT: &str = "SELECT d.id, d.title, d.publisher, d.language, d.published, d.url,
        d.origin, d.cluster_id, d.ingested_at,
        (SELECT count(*) FROM events e WHERE e.doc_id = d.id),
        (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)
     FROM documents d";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        publisher: r.get(2)?,
        language: r.get(3)?,
        published: r.get(4)?,
        url: r.get(5)?,
        origin: r.get(6)?,
        cluster_id: r.get(7)?,
        ingested_at: r.get(8)?,
        events: r.get(9)?,
        quotes: r.get(10)?,
    })
}

fn entity_hit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityHit> {
    let kind: String = r.get(1)?;
    Ok(EntityHit {
        id: r.get(0)?,
        kind: kind_from_str(&kind),
        name: r.get(2)?,
        mentions: r.get(3)?,
        documents: r.get(4)?,
    })
}

pub(crate) fn kind_str(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "state",
        EntityKind::Organisation => "organisation",
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::WeaponSystem => "weapon_system",
        EntityKind::WeaponCategory => "weapon_category",
        EntityKind::Group => "group",
        EntityKind::Agent => "agent",
    }
}

pub(crate) fn kind_from_str(s: &str) -> EntityKind {
    match s {
        "organisation" => EntityKind::Organisation,
        "person" => EntityKind::Person,
        "place" => EntityKind::Place,
        "weapon_system" => EntityKind::WeaponSystem,
        "weapon_category" => EntityKind::WeaponCategory,
        "group" => EntityKind::Group,
        "agent" => EntityKind::Agent,
        _ => EntityKind::State,
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Turn user words into an FTS5 query of quoted terms, so that operators and stray quotes in
/// the input are searched for as words instead of failing as syntax.
fn insert_mentions(tx: &Transaction<'_>, doc_id: &str, mentions: &[Mention]) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO mentions(doc_id, start, end, surface, entity, kind, name, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for m in mentions {
        let json = serde_json::to_string(m).map_err(|source| StoreError::Json {
            what: format!("mention in {doc_id}"),
            source,
        })?;
        stmt.execute(params![
            doc_id,
            m.span.start as i64,
            m.span.end as i64,
            m.text,
            m.entity,
            kind_str(m.kind),
            m.name,
            json
        ])?;
    }
    Ok(())
}

fn insert_events(tx: &Transaction<'_>, doc_id: &str, events: &[Event]) -> Result<()> {
    let mut ev = tx.prepare(
        "INSERT OR REPLACE INTO events(id, doc_id, seq, event_type, mode, time_start, time_end, confidence, summary, json,
                factuality, has_arms, military)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut role = tx
        .prepare("INSERT OR IGNORE INTO event_roles(event_id, role, entity) VALUES (?1, ?2, ?3)")?;
    for (seq, e) in events.iter().enumerate() {
        let json = serde_json::to_string(e).map_err(|source| StoreError::Json {
            what: format!("event {}", e.id),
            source,
        })?;
        ev.execute(params![
            e.id,
            doc_id,
            seq as i64,
            e.event_type.label(),
            e.mode,
            e.time.as_ref().and_then(|t| t.start.clone()),
            e.time.as_ref().and_then(|t| t.end.clone()),
            e.confidence as f64,
            e.summary,
            json,
            views::factuality_label(e),
            e.arms.is_some(),
            e.context.iter().any(|c| c == "military"),
        ])?;
        for p in &e.actors {
            role.execute(params![e.id, "actor", p.entity])?;
        }
        for p in &e.recipients {
            role.execute(params![e.id, "recipient", p.entity])?;
        }
        for p in &e.locations {
            role.execute(params![e.id, "location", p.entity])?;
        }
        if let Some(arms) = &e.arms {
            for w in &arms.weapons {
                for id in [&w.system, &w.category].into_iter().flatten() {
                    role.execute(params![e.id, "weapon", id])?;
                }
                if !w.text.is_empty() {
                    role.execute(params![e.id, "weapon", w.text])?;
                }
            }
        }
    }
    Ok(())
}

fn insert_quotes(tx: &Transaction<'_>, doc_id: &str, quotes: &[Quote]) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT OR REPLACE INTO quotes(id, doc_id, seq, speaker, json, msg_start, msg_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (seq, q) in quotes.iter().enumerate() {
        let json = serde_json::to_string(q).map_err(|source| StoreError::Json {
            what: format!("quote {}", q.id),
            source,
        })?;
        let speaker = q.speaker.as_ref().and_then(|s| s.entity.clone());
        stmt.execute(params![
            q.id,
            doc_id,
            seq as i64,
            speaker,
            json,
            q.message.start as i64,
            q.message.end as i64
        ])?;
    }
    Ok(())
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    url TEXT,
    title TEXT,
    publisher TEXT,
    language TEXT,
    published TEXT,
    cluster_id TEXT,
    ingested_at TEXT NOT NULL,
    extraction TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_cluster ON documents(cluster_id);
CREATE INDEX IF NOT EXISTS documents_origin ON documents(origin);
CREATE TABLE IF NOT EXISTS document_origins (
    origin TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    surface TEXT NOT NULL,
    entity TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    mode TEXT,
    time_start TEXT,
    time_end TEXT,
    confidence REAL NOT NULL,
    summary TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_type ON events(event_type);
CREATE TABLE IF NOT EXISTS event_roles (
    event_id TEXT NOT NULL REFERENCES events(id),
    role TEXT NOT NULL,
    entity TEXT NOT NULL,
    PRIMARY KEY (event_id, role, entity)
);
CREATE INDEX IF NOT EXISTS event_roles_entity ON event_roles(entity, role);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    speaker TEXT,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS failed_inputs (
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (origin, reason)
);
CREATE TABLE IF NOT EXISTS lsh_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, hash, doc_id)
);
CREATE TABLE IF NOT EXISTS signatures (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    minhash BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_anchors (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    chars INTEGER NOT NULL,
    site_name TEXT,
    original_publisher TEXT,
    anchors TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS anchor_index (
    anchor TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (anchor, doc_id)
) WITHOUT ROWID;
";
