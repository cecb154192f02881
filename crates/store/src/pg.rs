//! The PostgreSQL backend of [`crate::Store`]: a team's store on a server, several workers
//! and readers at once.
//!
//! The same rows as the SQLite store, in tables of the same names, so that the queries read
//! alike (docs/notes/postgres.md). What differs:
//! - Full text: each document keeps a `tsvector` built with PostgreSQL's configuration of its
//!   language (german, english, russian, french, spanish; `simple`, no stemming, for
//!   Ukrainian and any other), title weighted above body, in a GIN index. A query is written
//!   once per configuration and the versions are OR-ed, so one query finds documents of
//!   every language, each by its own stemming ([`text_query`]).
//! - Entity names: `entity_names.text` has a `pg_trgm` trigram index, so the "contains"
//!   search of [`crate::Store::search_entities`] is an index scan, not a table scan.
//! - The work queue claims with `SELECT … FOR UPDATE SKIP LOCKED`: workers never wait for
//!   each other's claimed rows and never take the same one.
//! - Every text column that is sorted or compared by range uses `COLLATE "C"` (byte order,
//!   as SQLite's), so lists come in the same order on both stores whatever the database's
//!   locale.
//!
//! Accounts are in `pg_accounts.rs`, the view tables of profiles, graph, alerts and
//! timelines in `pg_views.rs`, corrections and re-reading in `pg_corrections.rs`, copy
//! clusters and translations in `pg_clusters.rs`, reference facts and feed-watch state in
//! `pg_reference.rs`: every method of the store has its PostgreSQL port
//! (docs/notes/postgres.md).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use armsgraph_model::{EntityKind, Extraction, FailedInput, Mention};
use postgres::{Client, GenericClient, NoTls, Transaction};
use rusqlite::Connection;

use crate::queue::{JobEnd, QueueFailure, QueueLease, QueueStats};
use crate::{
    kind_str, search, DocumentSummary, EntityHit, EventFilter, EventSource, InsertOutcome,
    LinkedDocument, Result, SearchHit, SearchPage, Stats, StoreError, StoredDocument, StoredEvent,
    StoredQuote,
};

/// The PostgreSQL schema this armsgraph writes; recorded in `meta` and checked on open.
pub const PG_SCHEMA_VERSION: i64 = 1;

/// PostgreSQL text-search configuration per document language; anything else is `simple`
/// (lower-cased words, no stemming), which is what Ukrainian gets: PostgreSQL ships no
/// Ukrainian stemmer.
const CONFIGS: &[(&str, &str)] = &[
    ("de", "german"),
    ("en", "english"),
    ("ru", "russian"),
    ("fr", "french"),
    ("es", "spanish"),
];
/// Every configuration a query is written in (see [`text_query`]).
const QUERY_CONFIGS: &[&str] = &[
    "german", "english", "russian", "french", "spanish", "simple",
];

/// The most characters of a body that go into its `tsvector`: PostgreSQL refuses a
/// `tsvector` over 1 MB, and a document's first half million characters hold its words.
pub(crate) const TSV_MAX_CHARS: usize = 500_000;

/// Whether a `--db` value names a PostgreSQL database rather than a SQLite file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The URL with its password replaced by `***`, for messages and [`crate::Store::path`].
pub fn redacted(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end],
                    &userinfo[..colon],
                    &rest[at..]
                ),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    }
}

/// A `--db` value as messages may show it: a path as it is, a URL without its password.
pub fn shown(db: &std::path::Path) -> String {
    let text = db.display().to_string();
    if is_url(&text) {
        redacted(&text)
    } else {
        text
    }
}

/// The text-search configuration of a document language.
pub fn config_of(language: Option<&str>) -> &'static str {
    let lang = language.unwrap_or("");
    CONFIGS
        .iter()
        .find(|(code, _)| *code == lang)
        .map_or("simple", |(_, cfg)| cfg)
}

/// A new, empty schema in the database at `base_url`, and the URL that opens a store in it
/// (`options=-c search_path=<schema>,public`). Tests use one each, so they run in parallel
/// against one server without seeing each other's rows.
pub fn fresh_schema_url(base_url: &str, prefix: &str) -> Result<String> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let prefix: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(24)
        .collect::<String>()
        .to_ascii_lowercase();
    let schema = format!(
        "t_{prefix}_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut client = Client::connect(base_url, NoTls)?;
    client.batch_execute(&format!("CREATE SCHEMA \"{schema}\""))?;
    let sep = if base_url.contains('?') { '&' } else { '?' };
    Ok(format!(
        "{base_url}{sep}options=-c%20search_path%3D{schema}%2Cpublic"
    ))
}

/// One connection to a PostgreSQL database. Methods take `&self` like the SQLite store's
/// (a read needs no exclusive access), so the client sits in a `RefCell`; no method calls
/// another while it holds the client, and a nested call would be an error, not a panic.
pub struct PgStore {
    /// Always `Some` until the store is dropped (see `Drop`).
    client: RefCell<Option<Client>>,
    url: String,
    /// What [`crate::Store::connection`] hands out on this backend: an empty in-memory
    /// SQLite connection, so a test or tool that reaches under the store finds no tables.
    placeholder: Connection,
    /// The schema `pg_trgm` lives in, when it could be installed (else name search scans).
    trigram: bool,
    /// Statements a worker runs once per document, prepared once per connection: an
    /// unprepared query costs a second round trip (parse, then execute) and the server
    /// parses it again every time ([`PgStore::prepared`]).
    statements: Statements,
}

/// Statements prepared once per connection and reused: an unprepared query costs a second
/// round trip (parse, then execute) and the server parses and analyses it again every time,
/// which for the insert's ~25 statements was a large part of the server's CPU per document
/// (docs/notes/postgres.md, "Ingest ratio"). Works inside a transaction too: a prepared
/// statement belongs to the connection and outlives a rollback.
#[derive(Default)]
pub(crate) struct Statements(RefCell<HashMap<String, postgres::Statement>>);

type Param<'a> = &'a (dyn postgres::types::ToSql + Sync);

impl Statements {
    /// `sql` prepared on the connection of `client`, once.
    pub(crate) fn get(
        &self,
        client: &mut impl GenericClient,
        sql: &str,
    ) -> Result<postgres::Statement> {
        let busy = || StoreError::Queue("the statement cache is already in use".into());
        if let Some(statement) = self.0.try_borrow().map_err(|_| busy())?.get(sql) {
            return Ok(statement.clone());
        }
        let statement = client.prepare(sql)?;
        self.0
            .try_borrow_mut()
            .map_err(|_| busy())?
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    pub(crate) fn execute(
        &self,
        client: &mut impl GenericClient,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<u64> {
        let statement = self.get(client, sql)?;
        Ok(client.execute(&statement, params)?)
    }

    pub(crate) fn query(
        &self,
        client: &mut impl GenericClient,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Vec<postgres::Row>> {
        let statement = self.get(client, sql)?;
        Ok(client.query(&statement, params)?)
    }

    pub(crate) fn query_opt(
        &self,
        client: &mut impl GenericClient,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Option<postgres::Row>> {
        let statement = self.get(client, sql)?;
        Ok(client.query_opt(&statement, params)?)
    }

    pub(crate) fn query_one(
        &self,
        client: &mut impl GenericClient,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<postgres::Row> {
        let statement = self.get(client, sql)?;
        Ok(client.query_one(&statement, params)?)
    }
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq BIGSERIAL UNIQUE,
    id TEXT COLLATE "C" PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    origin TEXT COLLATE "C" NOT NULL,
    url TEXT,
    title TEXT,
    publisher TEXT,
    language TEXT,
    published TEXT,
    cluster_id TEXT COLLATE "C",
    ingested_at TEXT COLLATE "C" NOT NULL,
    extraction BYTEA NOT NULL,
    body TEXT NOT NULL,
    ts_config TEXT NOT NULL,
    tsv TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING gin (tsv);
CREATE INDEX IF NOT EXISTS documents_cluster ON documents (cluster_id);
CREATE INDEX IF NOT EXISTS documents_origin ON documents (origin);
CREATE INDEX IF NOT EXISTS documents_newest ON documents (ingested_at DESC, id);
CREATE TABLE IF NOT EXISTS document_origins (
    origin TEXT COLLATE "C" PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    surface TEXT NOT NULL,
    entity TEXT COLLATE "C" NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity_doc ON mentions (entity, doc_id, start_char);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT COLLATE "C" PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    mode TEXT,
    time_start TEXT COLLATE "C",
    time_end TEXT COLLATE "C",
    confidence DOUBLE PRECISION NOT NULL,
    summary TEXT NOT NULL,
    json TEXT NOT NULL,
    factuality TEXT,
    has_arms BOOLEAN NOT NULL DEFAULT false,
    military BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS events_doc_seq ON events (doc_id, seq);
CREATE INDEX IF NOT EXISTS events_time ON events (time_start, doc_id, seq);
CREATE INDEX IF NOT EXISTS events_type_doc ON events (event_type, doc_id, seq);
CREATE TABLE IF NOT EXISTS event_roles (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events(id),
    role TEXT NOT NULL,
    entity TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (event_id, role, entity)
);
CREATE INDEX IF NOT EXISTS event_roles_entity ON event_roles (entity, role);
CREATE TABLE IF NOT EXISTS entity_events (
    entity TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq BIGINT NOT NULL,
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events(id),
    undated BOOLEAN NOT NULL,
    time_start TEXT COLLATE "C",
    PRIMARY KEY (entity, doc_id, seq)
);
CREATE INDEX IF NOT EXISTS entity_events_time
    ON entity_events (entity, undated, time_start, doc_id, seq);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT COLLATE "C" PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq BIGINT NOT NULL,
    speaker TEXT COLLATE "C",
    json TEXT NOT NULL,
    msg_start BIGINT,
    msg_end BIGINT
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc_id, seq);
CREATE INDEX IF NOT EXISTS quotes_speaker_doc ON quotes (speaker, doc_id, seq);
CREATE TABLE IF NOT EXISTS failed_inputs (
    origin TEXT COLLATE "C" NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (origin, reason)
);
CREATE TABLE IF NOT EXISTS entity_counts (
    entity TEXT COLLATE "C" PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions BIGINT NOT NULL,
    documents BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_counts_mentions ON entity_counts (mentions, entity);
CREATE INDEX IF NOT EXISTS entity_counts_kind ON entity_counts (kind, mentions);
CREATE TABLE IF NOT EXISTS entity_documents (
    entity TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    mentions BIGINT NOT NULL,
    PRIMARY KEY (entity, doc_id)
);
CREATE INDEX IF NOT EXISTS entity_documents_top ON entity_documents (entity, mentions DESC, doc_id);
CREATE TABLE IF NOT EXISTS entity_surfaces (
    entity TEXT COLLATE "C" NOT NULL,
    surface TEXT COLLATE "C" NOT NULL,
    mentions BIGINT NOT NULL,
    PRIMARY KEY (entity, surface)
);
CREATE TABLE IF NOT EXISTS entity_names (
    entity TEXT COLLATE "C" NOT NULL,
    text TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity, text)
);
CREATE TABLE IF NOT EXISTS document_raw (
    doc_id TEXT COLLATE "C" PRIMARY KEY,
    format TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    size BIGINT NOT NULL,
    published_option TEXT,
    language_option TEXT,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queue_jobs (
    id BIGSERIAL PRIMARY KEY,
    origin TEXT NOT NULL,
    published TEXT,
    payload BYTEA NOT NULL,
    state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'leased', 'done', 'failed')),
    enqueued_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    worker TEXT,
    leased_until BIGINT,
    finished_at BIGINT,
    outcome TEXT,
    doc_id TEXT
);
CREATE INDEX IF NOT EXISTS queue_jobs_state ON queue_jobs (state, id);
"#;

/// The moment as SQLite writes it (`strftime('%Y-%m-%dT%H:%M:%SZ','now')`).
pub(crate) const NOW_TEXT: &str =
    r#"to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#;

impl PgStore {
    /// Connects and creates or checks the schema. Two processes opening a new database at
    /// once are serialised by an advisory lock held for the migration's transaction.
    pub fn open(url: &str) -> Result<PgStore> {
        // The `postgres` client drives its own small runtime, which cannot start on a thread
        // that is already driving async tasks (the web app opens its first store there). A
        // thread of its own connects and migrates; queries then run where the store is
        // used (the web app's store jobs run on blocking threads, where that is allowed).
        std::thread::scope(|s| {
            s.spawn(|| Self::open_here(url)).join().unwrap_or_else(|_| {
                Err(StoreError::Queue("connecting to PostgreSQL failed".into()))
            })
        })
    }

    fn open_here(url: &str) -> Result<PgStore> {
        let client = Client::connect(url, NoTls)?;
        let placeholder = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: ":memory:".into(),
            source,
        })?;
        let mut store = PgStore {
            client: RefCell::new(Some(client)),
            url: redacted(url),
            placeholder,
            trigram: false,
            statements: Statements::default(),
        };
        store.trigram = store.migrate()?;
        Ok(store)
    }

    pub(crate) fn placeholder(&self) -> &Connection {
        &self.placeholder
    }

    pub(crate) fn placeholder_mut(&mut self) -> &mut Connection {
        &mut self.placeholder
    }

    pub(crate) fn client(&self) -> Result<std::cell::RefMut<'_, Client>> {
        let busy = || {
            StoreError::Queue("the PostgreSQL connection is already in use by this store".into())
        };
        let cell = self.client.try_borrow_mut().map_err(|_| busy())?;
        std::cell::RefMut::filter_map(cell, Option::as_mut).map_err(|_| busy())
    }

    /// `sql` prepared on this connection, once: later calls reuse the server's statement.
    pub(crate) fn prepared(
        &self,
        client: &mut Client,
        sql: &'static str,
    ) -> Result<postgres::Statement> {
        self.statements.get(client, sql)
    }

    /// The statement cache of this connection, for code running in its transactions.
    pub(crate) fn statements(&self) -> &Statements {
        &self.statements
    }

    /// Creates the tables (idempotent), records or checks the schema version, and installs
    /// `pg_trgm` where the user may. Returns whether the trigram index exists.
    fn migrate(&self) -> Result<bool> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // One migration at a time per database (any schema): the key is arbitrary but fixed.
        tx.execute("SELECT pg_advisory_xact_lock(7215841)", &[])?;
        tx.batch_execute(SCHEMA)?;
        tx.batch_execute(crate::pg_accounts::SCHEMA)?;
        crate::pg_views::migrate(&mut tx)?;
        tx.batch_execute(crate::pg_corrections::SCHEMA)?;
        crate::pg_clusters::migrate(&mut tx)?;
        crate::pg_reference::migrate(&mut tx)?;
        let found: Option<String> = tx
            .query_opt("SELECT value FROM meta WHERE key = 'schema_version'", &[])?
            .map(|r| r.get(0));
        match found.as_deref().map(str::parse::<i64>) {
            None => {
                tx.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', $1)",
                    &[&PG_SCHEMA_VERSION.to_string()],
                )?;
            }
            Some(Ok(PG_SCHEMA_VERSION)) => {}
            Some(Ok(v)) => {
                return Err(StoreError::PgSchemaVersion {
                    url: self.url.clone(),
                    found: v,
                    expected: PG_SCHEMA_VERSION,
                })
            }
            Some(Err(_)) => {
                return Err(StoreError::PgSchemaVersion {
                    url: self.url.clone(),
                    found: -1,
                    expected: PG_SCHEMA_VERSION,
                })
            }
        }
        // `pg_trgm` is a trusted extension (a database owner may install it); where even
        // that is refused, name search still works, by scanning. A savepoint keeps the
        // failure from aborting the migration.
        let trigram = {
            let mut sp = tx.transaction()?;
            let schema: Option<String> =
                match sp.batch_execute("CREATE EXTENSION IF NOT EXISTS pg_trgm") {
                    Ok(()) => sp
                        .query_opt(
                            "SELECT n.nspname FROM pg_extension e
                         JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'",
                            &[],
                        )?
                        .map(|r| r.get(0)),
                    Err(_) => None,
                };
            match schema {
                Some(schema) => {
                    let made = sp.batch_execute(&format!(
                        "CREATE INDEX IF NOT EXISTS entity_names_trgm ON entity_names
                         USING gin (text \"{schema}\".gin_trgm_ops)"
                    ));
                    match made {
                        Ok(()) => {
                            sp.commit()?;
                            true
                        }
                        Err(_) => false,
                    }
                }
                None => false,
            }
        };
        tx.commit()?;
        Ok(trigram)
    }

    pub fn has_trigram_index(&self) -> bool {
        self.trigram
    }

    pub(crate) fn contains_hash(&self, content_hash: &str) -> Result<Option<String>> {
        let mut client = self.client()?;
        let statement = self.prepared(
            &mut client,
            "SELECT id FROM documents WHERE content_hash = $1",
        )?;
        Ok(client
            .query_opt(&statement, &[&content_hash])?
            .map(|r| r.get(0)))
    }

    /// [`crate::Store::insert`] on PostgreSQL: one transaction; a concurrent insert of the
    /// same text is waited for by the unique index and then reported as a duplicate.
    pub(crate) fn insert(&self, ex: &Extraction) -> Result<InsertOutcome> {
        crate::with_retry(|| self.insert_once(ex))
    }

    fn insert_once(&self, ex: &Extraction) -> Result<InsertOutcome> {
        let statements = &self.statements;
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let doc = &ex.document;
        if let Some(id) = statements
            .query_opt(
                &mut tx,
                "SELECT id FROM documents WHERE content_hash = $1",
                &[&doc.content_hash],
            )?
            .map(|r| r.get::<_, String>(0))
        {
            note_origin(&mut tx, &doc.origin, &id)?;
            tx.commit()?;
            return Ok(InsertOutcome::Duplicate { id });
        }
        // The copy cluster is decided late (`pg_clusters::assign`), so that its locks are
        // held only from there to the commit; the row is stored without one until then.
        let mut stored = ex.clone();
        stored.document.cluster = None;
        let json = serde_json::to_string(&stored).map_err(|source| StoreError::Json {
            what: doc.id.clone(),
            source,
        })?;
        let json = crate::compress_extraction(&json)?;
        let config = config_of(doc.language.as_deref());
        // PostgreSQL text holds no NUL; the body here only feeds the index and snippets.
        let body = doc.text.replace('\0', " ");
        let indexed: &str = match body.char_indices().nth(TSV_MAX_CHARS) {
            Some((at, _)) => &body[..at],
            None => &body,
        };
        let title = doc.title.as_ref().map(|t| t.replace('\0', " "));
        let published = doc.published.as_ref().map(|d| d.value.clone());
        let inserted = statements.query_opt(
            &mut tx,
            &format!(
                "INSERT INTO documents(id, content_hash, origin, url, title, publisher, language,
                    published, cluster_id, ingested_at, extraction, body, ts_config, tsv)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, {NOW_TEXT}, $9, $10, $11::text,
                    setweight(to_tsvector($11::text::regconfig, coalesce($5, '')), 'A')
                    || to_tsvector($11::text::regconfig, $12::text))
                 ON CONFLICT DO NOTHING RETURNING id"
            ),
            &[
                &doc.id,
                &doc.content_hash,
                &doc.origin,
                &doc.url,
                &title,
                &doc.publisher,
                &doc.language,
                &published,
                &json,
                &body,
                &config,
                &indexed,
            ],
        )?;
        if inserted.is_none() {
            // Another transaction stored the same text (or id) first.
            let id: Option<String> = tx
                .query_opt(
                    "SELECT id FROM documents WHERE content_hash = $1 OR id = $2 LIMIT 1",
                    &[&doc.content_hash, &doc.id],
                )?
                .map(|r| r.get(0));
            let Some(id) = id else {
                return Err(StoreError::Json {
                    what: doc.id.clone(),
                    source: serde::de::Error::custom("document id taken by another text"),
                });
            };
            note_origin(&mut tx, &doc.origin, &id)?;
            tx.commit()?;
            return Ok(InsertOutcome::Duplicate { id });
        }
        // Derived rows from the corrected reading (`documents` keeps the machine's).
        let corrected = crate::pg_corrections::corrected(&mut tx, statements, ex)?;
        let ex = &*corrected;
        // First the rows of this document only (no other writer touches them), collecting
        // the rows it shares with other documents (running totals, first names) ...
        let mut shared = crate::pg_totals::SharedRows::default();
        insert_mentions(&mut tx, statements, &doc.id, &ex.entities)?;
        insert_events(&mut tx, statements, &doc.id, ex)?;
        statements.execute(
            &mut tx,
            "INSERT INTO entity_events(entity, doc_id, seq, event_id, undated, time_start)
             SELECT DISTINCT r.entity, e.doc_id, e.seq, e.id, e.time_start IS NULL, e.time_start
             FROM events e JOIN event_roles r ON r.event_id = e.id WHERE e.doc_id = $1
             ON CONFLICT DO NOTHING",
            &[&doc.id],
        )?;
        insert_quotes(&mut tx, statements, &doc.id, ex)?;
        index_entities(&mut tx, statements, &doc.id, &ex.entities, &mut shared)?;
        crate::pg_views::index_document(&mut tx, statements, ex, &mut shared)?;
        // ... then the copy cluster, whose advisory locks are short-held (pg_clusters.rs) ...
        let cluster = crate::pg_clusters::assign(&mut tx, statements, &stored)?;
        // ... and last the shared rows, in one statement: their row locks, which every other
        // writer naming the same entity waits for, are held for it and the commit only.
        shared.write(&mut tx, statements)?;
        tx.commit()?;
        Ok(InsertOutcome::Stored {
            id: doc.id.clone(),
            cluster,
        })
    }

    pub(crate) fn note_duplicate(&self, origin: &str, id: &str) -> Result<()> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        note_origin(&mut tx, origin, id)?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn record_failure(&self, failure: &FailedInput) -> Result<()> {
        self.client()?.execute(
            &format!(
                "INSERT INTO failed_inputs(origin, reason, at) VALUES ($1, $2, {NOW_TEXT})
                 ON CONFLICT (origin, reason) DO UPDATE SET at = excluded.at"
            ),
            &[&failure.origin, &failure.reason],
        )?;
        Ok(())
    }

    pub(crate) fn failures(&self) -> Result<Vec<FailedInput>> {
        Ok(self
            .client()?
            .query(
                "SELECT origin, reason FROM failed_inputs ORDER BY origin",
                &[],
            )?
            .into_iter()
            .map(|r| FailedInput {
                origin: r.get(0),
                reason: r.get(1),
            })
            .collect())
    }

    pub(crate) fn stats(&self) -> Result<Stats> {
        let row = self.client()?.query_one(
            "SELECT (SELECT count(*) FROM documents),
                    (SELECT count(*) FROM mentions),
                    (SELECT count(*) FROM entity_counts),
                    (SELECT count(*) FROM events),
                    (SELECT count(*) FROM quotes),
                    (SELECT count(DISTINCT cluster_id) FROM documents WHERE cluster_id IS NOT NULL),
                    (SELECT count(*) FROM failed_inputs WHERE substr(reason, 1, 9) != 'skipped: '),
                    (SELECT count(*) FROM failed_inputs WHERE substr(reason, 1, 9) = 'skipped: ')",
            &[],
        )?;
        Ok(Stats {
            documents: row.get(0),
            mentions: row.get(1),
            entities: row.get(2),
            events: row.get(3),
            quotes: row.get(4),
            clusters: row.get(5),
            failed_inputs: row.get(6),
            skipped_inputs: row.get(7),
            reference_facts: self.reference_count()?,
        })
    }

    pub(crate) fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>> {
        Ok(self
            .client()?
            .query(
                // The page's ids first (an index-only range of `documents_newest`), then the
                // per-document counts for those rows only: with the counts in the paged
                // query they were computed for every row the OFFSET skipped too (65 ms a
                // page at 20,000 documents, growing with the page number).
                &format!(
                    "{SUMMARY_SELECT} JOIN (SELECT id FROM documents
                                           ORDER BY ingested_at DESC, id LIMIT $1 OFFSET $2) p
                        ON p.id = d.id
                     ORDER BY d.ingested_at DESC, d.id"
                ),
                &[&clamp(limit), &clamp(offset)],
            )?
            .iter()
            .map(summary_row)
            .collect())
    }

    /// Largest row numbers that change when documents or failures are added (see
    /// [`crate::Store::data_generation`]).
    pub(crate) fn data_generation(&self) -> Result<(i64, i64, i64)> {
        let row = self.client()?.query_one(
            &format!(
                "SELECT (SELECT COALESCE(max(seq), 0) FROM documents),
                    (SELECT COALESCE(max(id), 0) FROM reference_facts),
                    (SELECT count(*) FROM failed_inputs) + {}",
                crate::pg_corrections::GENERATION_TERMS
            ),
            &[],
        )?;
        Ok((row.get(0), row.get(1), row.get(2)))
    }

    fn resolve_id(&self, id: &str) -> Result<Option<String>> {
        let id = id.trim();
        if id.len() < 4 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let upper = format!("{id}g");
        let ids: Vec<String> = self
            .client()?
            .query(
                "SELECT id FROM documents WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2",
                &[&id, &upper],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        Ok(match ids.as_slice() {
            [only] => Some(only.clone()),
            _ => ids.into_iter().find(|x| x == id),
        })
    }

    pub(crate) fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let Some(full_id) = self.resolve_id(id)? else {
            return Ok(None);
        };
        let (summary, blob) = {
            let mut client = self.client()?;
            let Some(row) = client.query_opt(
                "SELECT d.id, d.title, d.publisher, d.language, d.published, d.url,
                        d.origin, d.cluster_id, d.ingested_at,
                        (SELECT count(*) FROM events e WHERE e.doc_id = d.id),
                        (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id),
                        d.extraction
                     FROM documents d WHERE d.id = $1",
                &[&full_id],
            )?
            else {
                return Ok(None);
            };
            (summary_row(&row), row.get::<_, Vec<u8>>(11))
        };
        let json = crate::extraction_json(rusqlite::types::ValueRef::Blob(&blob))?;
        let mut extraction: Extraction =
            serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: full_id.clone(),
                source,
            })?;
        let (copies, copy_count) =
            self.current_cluster(&full_id, summary.cluster_id.as_deref(), &mut extraction)?;
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

    fn linked_by_origin(&self, origin: &str) -> Result<Option<LinkedDocument>> {
        Ok(self
            .client()?
            .query_opt(
                "(SELECT id, origin, title FROM documents WHERE origin = $1 ORDER BY seq LIMIT 1)
                 UNION ALL
                 (SELECT d.id, o.origin, d.title FROM document_origins o
                  JOIN documents d ON d.id = o.doc_id WHERE o.origin = $1)
                 LIMIT 1",
                &[&origin],
            )?
            .map(|r| LinkedDocument {
                id: r.get(0),
                origin: r.get(1),
                title: r.get(2),
            }))
    }

    /// [`crate::Store::search_page_within`]: the newest `window` matches (ingest order)
    /// ranked by `ts_rank_cd`, reported as its negative so that, as with SQLite's bm25,
    /// smaller is better; snippets from `ts_headline` with the matches marked `[` `]`.
    pub(crate) fn search_page_within(
        &self,
        query: &search::TextQuery,
        limit: usize,
        window: usize,
    ) -> Result<SearchPage> {
        let window_size = window.max(1);
        let (q, terms) = text_query(query);
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            terms.iter().map(|t| t as _).collect();
        let mut client = self.client()?;
        // The query is built once, then passed as a constant: read from a CTE (as it was),
        // the planner saw an unknown value and scanned every document's `tsvector` instead
        // of the GIN index (236 ms against 12 ms on 3,500 documents, growing with the store).
        let tsquery: String = client
            .query_one(&format!("SELECT ({q})::text"), &params)?
            .get(0);
        let offset = clamp(window_size - 1);
        let floor: Option<i64> = client
            .query_opt(
                "SELECT seq FROM documents WHERE tsv @@ $1::text::tsquery
                 ORDER BY seq DESC LIMIT 1 OFFSET $2",
                &[&tsquery, &offset],
            )?
            .map(|r| r.get(0));
        let floor_arg = floor.unwrap_or(i64::MIN);
        let cut = match floor {
            Some(_) => client
                .query_opt(
                    "SELECT 1 FROM documents WHERE tsv @@ $1::text::tsquery AND seq < $2 LIMIT 1",
                    &[&tsquery, &floor_arg],
                )?
                .is_some(),
            None => false,
        };
        let limit = clamp(limit);
        let rows = client.query(
            "WITH top AS (SELECT d.seq, -ts_rank_cd(d.tsv, $1::text::tsquery)::float8 AS score
                          FROM documents d WHERE d.tsv @@ $1::text::tsquery AND d.seq >= $2
                          ORDER BY score, d.seq DESC LIMIT $3)
             SELECT d.id, d.title,
                    ts_headline(d.ts_config::regconfig, d.body, $1::text::tsquery,
                        'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=2, FragmentDelimiter=\" … \"'),
                    top.score
             FROM top JOIN documents d ON d.seq = top.seq
             ORDER BY top.score, top.seq DESC",
            &[&tsquery, &floor_arg, &limit],
        )?;
        let hits = rows
            .iter()
            .map(|r| SearchHit {
                id: r.get(0),
                title: r.get(1),
                snippet: r.get(2),
                rank: r.get(3),
            })
            .collect();
        Ok(SearchPage {
            hits,
            cut,
            window: window_size,
        })
    }

    /// [`crate::Store::search_entities`]: the same "contains, case-insensitive" match over
    /// ids, names and surface forms, most mentioned first; the trigram index answers the
    /// `LIKE` on names.
    pub(crate) fn search_entities(&self, q: &str, limit: usize) -> Result<Vec<EntityHit>> {
        let like = format!("%{}%", crate::escape_like(q));
        Ok(self
            .client()?
            .query(
                r"SELECT entity, kind, name, mentions, documents FROM entity_counts
                 WHERE entity IN (SELECT entity FROM entity_names WHERE text LIKE $1 ESCAPE '\')
                    OR lower(entity) LIKE $1 ESCAPE '\'
                 ORDER BY mentions DESC, entity LIMIT $2",
                &[&like, &clamp(limit)],
            )?
            .iter()
            .map(entity_hit_row)
            .collect())
    }

    pub(crate) fn top_entities(
        &self,
        kind: Option<EntityKind>,
        limit: usize,
    ) -> Result<Vec<EntityHit>> {
        let mut client = self.client()?;
        let rows = match kind {
            Some(kind) => client.query(
                "SELECT entity, kind, name, mentions, documents FROM entity_counts
                 WHERE kind = $1 ORDER BY mentions DESC, entity LIMIT $2",
                &[&kind_str(kind), &clamp(limit)],
            )?,
            None => client.query(
                "SELECT entity, kind, name, mentions, documents FROM entity_counts
                 ORDER BY mentions DESC, entity LIMIT $1",
                &[&clamp(limit)],
            )?,
        };
        Ok(rows.iter().map(entity_hit_row).collect())
    }

    pub(crate) fn mentions_of(&self, entity: &str, limit: usize) -> Result<Vec<(String, Mention)>> {
        let rows = self.client()?.query(
            "SELECT doc_id, json FROM mentions WHERE entity = $1
             ORDER BY doc_id, start_char LIMIT $2",
            &[&entity, &clamp(limit)],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let doc: String = r.get(0);
            let json: String = r.get(1);
            let mention = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("mention in {doc}"),
                source,
            })?;
            out.push((doc, mention));
        }
        Ok(out)
    }

    pub(crate) fn entity_counts(&self, entity: &str) -> Result<(i64, i64)> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT mentions, documents FROM entity_counts WHERE entity = $1",
                &[&entity],
            )?
            .map_or((0, 0), |r| (r.get(0), r.get(1))))
    }

    pub(crate) fn entity_surfaces(&self, entity: &str) -> Result<Vec<(String, i64)>> {
        Ok(self
            .client()?
            .query(
                "SELECT surface, mentions FROM entity_surfaces WHERE entity = $1
                 ORDER BY mentions DESC, surface",
                &[&entity],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    /// [`crate::Store::events`] and its kin: the SQLite store's filter query, written with
    /// PostgreSQL's placeholders.
    pub(crate) fn events_from(
        &self,
        filter: &EventFilter,
        candidates: Option<(&[&str], &[&str])>,
    ) -> Result<Vec<(StoredEvent, EventSource)>> {
        let (ids, args, order) = crate::Store::event_ids_query(filter, candidates);
        let mut args = text_args(args);
        let ids = pg_placeholders(&ids);
        let limit = filter.limit.unwrap_or(10_000).min(i64::MAX as usize) as i64;
        let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            args.iter_mut().map(|a| &*a as _).collect();
        params.push(&limit);
        let sql = format!(
            "SELECT e.doc_id, d.cluster_id, e.json, d.url, d.origin, d.published
             FROM events e JOIN documents d ON d.id = e.doc_id
             WHERE e.id IN ({ids} LIMIT ${}) ORDER BY {order}",
            params.len()
        );
        let rows = self.client()?.query(&sql, &params)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let document: String = r.get(0);
            let json: String = r.get(2);
            let event = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("event in {document}"),
                source,
            })?;
            let url: Option<String> = r.get(3);
            let origin: String = r.get(4);
            out.push((
                StoredEvent {
                    document,
                    cluster_id: r.get(1),
                    event,
                },
                EventSource {
                    url: url.or_else(|| Some(origin).filter(|o| !o.is_empty())),
                    published: r.get(5),
                },
            ));
        }
        Ok(out)
    }

    pub(crate) fn count_events(&self, filter: &EventFilter) -> Result<usize> {
        let (ids, args, _) = crate::Store::event_ids_query(filter, None);
        let args = text_args(args);
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            args.iter().map(|a| a as _).collect();
        let n: i64 = self
            .client()?
            .query_one(
                &format!("SELECT count(*) FROM ({}) AS ids", pg_placeholders(&ids)),
                &params,
            )?
            .get(0);
        Ok(n.max(0) as usize)
    }

    pub(crate) fn quotes_from(
        &self,
        speaker: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StoredQuote>> {
        let mut client = self.client()?;
        let rows = match speaker {
            Some(s) => client.query(
                "SELECT doc_id, json FROM quotes WHERE speaker = $1
                 ORDER BY doc_id, seq LIMIT $2 OFFSET $3",
                &[&s, &clamp(limit), &clamp(offset)],
            )?,
            None => client.query(
                "SELECT doc_id, json FROM quotes ORDER BY doc_id, seq LIMIT $1 OFFSET $2",
                &[&clamp(limit), &clamp(offset)],
            )?,
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let document: String = r.get(0);
            let json: String = r.get(1);
            let quote = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("quote in {document}"),
                source,
            })?;
            out.push(StoredQuote { document, quote });
        }
        Ok(out)
    }

    // --- raw inputs kept for re-reading (`raw.rs`; the reading again is not ported) ---

    pub(crate) fn store_raw(
        &self,
        doc_id: &str,
        format: &str,
        packed: &[u8],
        size: i64,
        published: Option<&str>,
        language: Option<&str>,
    ) -> Result<()> {
        let mut client = self.client()?;
        // `NOW_TEXT` written out: a prepared statement's text is a `'static` literal.
        let statement = self.prepared(
            &mut client,
            r#"INSERT INTO document_raw(doc_id, format, bytes, size, published_option,
                    language_option, stored_at)
                 VALUES ($1, $2, $3, $4, $5, $6,
                    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                 ON CONFLICT DO NOTHING"#,
        )?;
        client.execute(
            &statement,
            &[&doc_id, &format, &packed, &size, &published, &language],
        )?;
        Ok(())
    }

    #[allow(clippy::type_complexity)]
    pub(crate) fn raw_row(
        &self,
        doc_id: &str,
    ) -> Result<Option<(String, Vec<u8>, Option<String>, Option<String>)>> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT format, bytes, published_option, language_option FROM document_raw
                 WHERE doc_id = $1",
                &[&doc_id],
            )?
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))))
    }

    pub(crate) fn raw_stats(&self) -> Result<(i64, i64, i64)> {
        let r = self.client()?.query_one(
            "SELECT count(*), COALESCE(sum(length(bytes)), 0)::BIGINT, COALESCE(sum(size), 0)::BIGINT
             FROM document_raw",
            &[],
        )?;
        Ok((r.get(0), r.get(1), r.get(2)))
    }

    // --- the work queue (same contract as `queue.rs`) ---

    pub(crate) fn enqueue(
        &self,
        origins: &[(&str, Vec<u8>)],
        published: Option<&str>,
    ) -> Result<Vec<i64>> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let insert = tx.prepare(
            "INSERT INTO queue_jobs(origin, published, payload, enqueued_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )?;
        let now = crate::queue::now_ms();
        let mut ids = Vec::with_capacity(origins.len());
        for (origin, payload) in origins {
            ids.push(
                tx.query_one(&insert, &[origin, &published, payload, &now])?
                    .get(0),
            );
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Claims the oldest ready (or lease-expired) job. `FOR UPDATE SKIP LOCKED`: a row
    /// another worker is claiming right now is passed over, not waited for, so workers
    /// never block each other and never take the same job.
    pub(crate) fn claim(
        &self,
        worker: &str,
        lease_ms: i64,
        max_attempts: u32,
    ) -> Result<Option<crate::queue::ClaimedRow>> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let now = crate::queue::now_ms();
        tx.execute(
            "UPDATE queue_jobs SET state = 'failed', finished_at = $1, worker = NULL,
                 outcome = 'abandoned: ' || attempts || ' workers claimed it and none finished (killed, or over the lease)'
             WHERE state = 'leased' AND leased_until < $1 AND attempts >= $2",
            &[&now, &i64::from(max_attempts)],
        )?;
        let until = now.saturating_add(lease_ms);
        let claimed = tx
            .query_opt(
                "UPDATE queue_jobs
                 SET state = 'leased', worker = $1, leased_until = $2, attempts = attempts + 1
                 WHERE id = (SELECT id FROM queue_jobs
                             WHERE state = 'ready' OR (state = 'leased' AND leased_until < $3)
                             ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                 RETURNING id, payload, published, attempts",
                &[&worker, &until, &now],
            )?
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)));
        tx.commit()?;
        Ok(claimed)
    }

    /// [`crate::Store::complete_and_claim`] on PostgreSQL: one prepared statement, so one
    /// round trip and one transaction per document where `complete` then `claim` took two
    /// transactions and eight round trips. The three updates see one snapshot, so each is
    /// kept off the others' rows (`id <> $1`; `attempts < $7` when taking over an expired
    /// lease): PostgreSQL leaves undefined which of two updates of one row in a statement
    /// wins. The conditions are `complete`'s and `claim`'s: only the holder completes, a job
    /// claimed `max_attempts` times by workers that never finished fails, and `SKIP LOCKED`
    /// passes over a row another worker is claiming.
    pub(crate) fn complete_and_claim(
        &self,
        done: Option<(i64, &JobEnd)>,
        worker: &str,
        lease_ms: i64,
        max_attempts: u32,
    ) -> Result<(Option<bool>, Option<crate::queue::ClaimedRow>)> {
        const SQL: &str = "
            WITH finished AS (
                UPDATE queue_jobs SET state = $2::text, outcome = $3::text, doc_id = $4::text,
                    finished_at = $5, leased_until = NULL,
                    payload = CASE WHEN $2::text = 'done' THEN ''::bytea ELSE payload END
                WHERE id = $1 AND state = 'leased' AND worker = $6::text
                RETURNING id),
            abandoned AS (
                UPDATE queue_jobs SET state = 'failed', finished_at = $5, worker = NULL,
                    outcome = 'abandoned: ' || attempts || ' workers claimed it and none finished (killed, or over the lease)'
                WHERE state = 'leased' AND leased_until < $5 AND attempts >= $7 AND id <> $1
                RETURNING id),
            claimed AS (
                UPDATE queue_jobs
                SET state = 'leased', worker = $6::text, leased_until = $8, attempts = attempts + 1
                WHERE id = (SELECT id FROM queue_jobs
                            WHERE (state = 'ready'
                                   OR (state = 'leased' AND leased_until < $5 AND attempts < $7))
                              AND id <> $1
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, payload, published, attempts)
            SELECT (SELECT count(*) FROM finished), (SELECT count(*) FROM abandoned),
                   c.id, c.payload, c.published, c.attempts
            FROM (SELECT 1) AS one LEFT JOIN claimed c ON true";
        let (job, state, outcome, doc_id) = match done {
            Some((job, end)) => {
                let (state, outcome, doc_id) = end_columns(end);
                (job, state, outcome, doc_id)
            }
            // No job has id -1 (BIGSERIAL starts at 1): nothing is completed.
            None => (-1, "done", String::new(), None),
        };
        let now = crate::queue::now_ms();
        let mut client = self.client()?;
        let statement = self.prepared(&mut client, SQL)?;
        let row = client.query_one(
            &statement,
            &[
                &job,
                &state,
                &outcome,
                &doc_id,
                &now,
                &worker,
                &i64::from(max_attempts),
                &now.saturating_add(lease_ms),
            ],
        )?;
        let completed = done.map(|_| row.get::<_, i64>(0) == 1);
        let claimed = row
            .get::<_, Option<i64>>(2)
            .map(|id| (id, row.get(3), row.get(4), row.get(5)));
        Ok((completed, claimed))
    }

    pub(crate) fn complete(&self, job: i64, worker: &str, end: &JobEnd) -> Result<bool> {
        let (state, outcome, doc_id) = end_columns(end);
        let n = self.client()?.execute(
            "UPDATE queue_jobs SET state = $1::text, outcome = $2, doc_id = $3, finished_at = $4,
                 leased_until = NULL,
                 payload = CASE WHEN $1::text = 'done' THEN ''::bytea ELSE payload END
             WHERE id = $5 AND state = 'leased' AND worker = $6",
            &[
                &state,
                &outcome,
                &doc_id,
                &crate::queue::now_ms(),
                &job,
                &worker,
            ],
        )?;
        Ok(n == 1)
    }

    pub(crate) fn retry_failed(&self) -> Result<usize> {
        let n = self.client()?.execute(
            "UPDATE queue_jobs SET state = 'ready', attempts = 0, worker = NULL,
                 leased_until = NULL, finished_at = NULL, outcome = NULL
             WHERE state = 'failed'",
            &[],
        )?;
        Ok(n as usize)
    }

    pub(crate) fn queue_stats(&self, failures: usize) -> Result<QueueStats> {
        let mut client = self.client()?;
        let now = crate::queue::now_ms();
        let mut stats = QueueStats::default();
        for r in client.query("SELECT state, count(*) FROM queue_jobs GROUP BY state", &[])? {
            let state: String = r.get(0);
            let n: i64 = r.get(1);
            match state.as_str() {
                "ready" => stats.ready = n,
                "leased" => stats.leased = n,
                "done" => stats.done = n,
                "failed" => stats.failed = n,
                _ => {}
            }
        }
        stats.expired = client
            .query_one(
                "SELECT count(*) FROM queue_jobs WHERE state = 'leased' AND leased_until < $1",
                &[&now],
            )?
            .get(0);
        for r in client.query(
            "SELECT id, origin, attempts, coalesce(outcome, '') FROM queue_jobs
             WHERE state = 'failed' ORDER BY finished_at DESC, id DESC LIMIT $1",
            &[&clamp(failures)],
        )? {
            stats.failures.push(QueueFailure {
                job: r.get(0),
                origin: r.get(1),
                attempts: r.get(2),
                reason: r.get(3),
            });
        }
        for r in client.query(
            "SELECT id, origin, coalesce(worker, ''), attempts, leased_until - $1 FROM queue_jobs
             WHERE state = 'leased' ORDER BY leased_until, id LIMIT 100",
            &[&now],
        )? {
            stats.leases.push(QueueLease {
                job: r.get(0),
                origin: r.get(1),
                worker: r.get(2),
                attempts: r.get(3),
                expires_in_ms: r.get::<_, Option<i64>>(4).unwrap_or(0),
            });
        }
        Ok(stats)
    }
}

impl Drop for PgStore {
    /// Closing the connection also runs the client's runtime: on a thread of its own, so a
    /// store dropped on an async thread (the web app shutting down) does not panic.
    fn drop(&mut self) {
        if let Some(client) = self.client.get_mut().take() {
            std::thread::scope(|s| {
                s.spawn(move || drop(client));
            });
        }
    }
}

/// A job's end as `queue_jobs` columns: state, outcome, stored document.
fn end_columns(end: &JobEnd) -> (&'static str, String, Option<&str>) {
    match end {
        JobEnd::Stored(id) => ("done", id.clone(), Some(id.as_str())),
        JobEnd::Duplicate(id) => ("done", format!("duplicate of {id}"), Some(id.as_str())),
        JobEnd::Failed(reason) => ("failed", reason.clone(), None),
    }
}

fn clamp(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

const SUMMARY_SELECT: &str = "SELECT d.id, d.title, d.publisher, d.language, d.published, d.url,
        d.origin, d.cluster_id, d.ingested_at,
        (SELECT count(*) FROM events e WHERE e.doc_id = d.id),
        (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)
     FROM documents d";

fn summary_row(r: &postgres::Row) -> DocumentSummary {
    DocumentSummary {
        id: r.get(0),
        title: r.get(1),
        publisher: r.get(2),
        language: r.get(3),
        published: r.get(4),
        url: r.get(5),
        origin: r.get(6),
        cluster_id: r.get(7),
        ingested_at: r.get(8),
        events: r.get(9),
        quotes: r.get(10),
    }
}

fn entity_hit_row(r: &postgres::Row) -> EntityHit {
    let kind: String = r.get(1);
    EntityHit {
        id: r.get(0),
        kind: crate::kind_from_str(&kind),
        name: r.get(2),
        mentions: r.get(3),
        documents: r.get(4),
    }
}

fn note_origin(tx: &mut Transaction<'_>, origin: &str, id: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO document_origins (origin, doc_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&origin, &id],
    )?;
    Ok(())
}

/// The filter's arguments (all text) as strings.
fn text_args(args: Vec<rusqlite::types::Value>) -> Vec<String> {
    args.into_iter()
        .map(|v| match v {
            rusqlite::types::Value::Text(s) => s,
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Real(f) => f.to_string(),
            _ => String::new(),
        })
        .collect()
}

/// SQLite's `?N` placeholders as PostgreSQL's `$N::text` (every filter argument is text),
/// and the `LIKE … ESCAPE` character as PostgreSQL reads string literals.
fn pg_placeholders(sql: &str) -> String {
    let sql = sql.replace(r"ESCAPE '\\'", r"ESCAPE '\'");
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            out.push('$');
            while let Some(d) = chars.peek().copied().filter(|d| d.is_ascii_digit()) {
                out.push(d);
                chars.next();
            }
            out.push_str("::text");
        } else {
            out.push(c);
        }
    }
    out
}

/// A parsed search as a `tsquery` SQL expression and its text arguments (`$1`, `$2`, …).
/// The expression is the query written in each of [`QUERY_CONFIGS`], OR-ed: a German
/// document matches when the German reading matches its German stems, a Ukrainian one when
/// the `simple` reading matches its plain words. Words reach PostgreSQL only as bound
/// arguments, and only their letters and digits (the words the index holds), so nothing a
/// user types is read as `tsquery` syntax.
pub fn text_query(query: &search::TextQuery) -> (String, Vec<String>) {
    let mut args: Vec<String> = Vec::new();
    let mut arg = |text: String| -> usize {
        if let Some(i) = args.iter().position(|a| *a == text) {
            return i + 1;
        }
        args.push(text);
        args.len()
    };
    let clean = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Per term, its argument number and how it becomes a tsquery.
    let mut term_sql = |term: &search::Term| -> Option<(usize, &'static str)> {
        match term {
            search::Term::Word { text, prefix } => {
                let word = clean(text);
                if word.is_empty() {
                    return None;
                }
                if *prefix {
                    // One lexeme, matched as a prefix after the configuration's stemming.
                    let first = word.split(' ').next().unwrap_or_default().to_string();
                    Some((arg(first), "prefix"))
                } else {
                    Some((arg(word), "plain"))
                }
            }
            search::Term::Phrase(words) => {
                let phrase = clean(&words.join(" "));
                (!phrase.is_empty()).then(|| (arg(phrase), "phrase"))
            }
        }
    };
    let required: Vec<Vec<(usize, &str)>> = query
        .required
        .iter()
        .map(|c| c.alternatives.iter().filter_map(&mut term_sql).collect())
        .filter(|alts: &Vec<(usize, &str)>| !alts.is_empty())
        .collect();
    let excluded: Vec<(usize, &str)> = query.excluded.iter().filter_map(&mut term_sql).collect();
    let one = |cfg: &str, (n, how): (usize, &str)| -> String {
        match how {
            "prefix" => format!("to_tsquery('{cfg}', ${n}::text || ':*')"),
            "phrase" => format!("phraseto_tsquery('{cfg}', ${n}::text)"),
            _ => format!("plainto_tsquery('{cfg}', ${n}::text)"),
        }
    };
    if required.is_empty() {
        // Nothing searchable (only signs): a query that matches nothing.
        return ("''::tsquery".to_string(), args);
    }
    let per_config: Vec<String> = QUERY_CONFIGS
        .iter()
        .map(|cfg| {
            let parts: Vec<String> = required
                .iter()
                .map(|alts| {
                    let ors: Vec<String> = alts.iter().map(|t| one(cfg, *t)).collect();
                    format!("({})", ors.join(" || "))
                })
                .collect();
            format!("({})", parts.join(" && "))
        })
        .collect();
    // An excluded word excludes a document whichever language's reading of the word the
    // document holds (a German `-waffen` must not survive as the English `waffen`).
    let mut sql = format!("({})", per_config.join(" || "));
    for t in &excluded {
        let readings: Vec<String> = QUERY_CONFIGS.iter().map(|cfg| one(cfg, *t)).collect();
        sql.push_str(&format!(" && !!({})", readings.join(" || ")));
    }
    (sql, args)
}

/// Mentions in one statement (arrays unnested): a document's hundreds of mentions cost one
/// round trip, not hundreds.
pub(crate) fn insert_mentions(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    doc_id: &str,
    mentions: &[Mention],
) -> Result<()> {
    if mentions.is_empty() {
        return Ok(());
    }
    let mut starts = Vec::with_capacity(mentions.len());
    let mut ends = Vec::with_capacity(mentions.len());
    let mut surfaces = Vec::with_capacity(mentions.len());
    let mut entities = Vec::with_capacity(mentions.len());
    let mut kinds = Vec::with_capacity(mentions.len());
    let mut names = Vec::with_capacity(mentions.len());
    let mut jsons = Vec::with_capacity(mentions.len());
    for m in mentions {
        jsons.push(serde_json::to_string(m).map_err(|source| StoreError::Json {
            what: format!("mention in {doc_id}"),
            source,
        })?);
        starts.push(m.span.start as i64);
        ends.push(m.span.end as i64);
        surfaces.push(m.text.as_str());
        entities.push(m.entity.as_str());
        kinds.push(kind_str(m.kind));
        names.push(m.name.as_str());
    }
    statements.execute(
        tx,
        "INSERT INTO mentions(doc_id, start_char, end_char, surface, entity, kind, name, json)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[],
                                  $6::text[], $7::text[], $8::text[])",
        &[
            &doc_id, &starts, &ends, &surfaces, &entities, &kinds, &names, &jsons,
        ],
    )?;
    Ok(())
}

pub(crate) fn insert_events(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    doc_id: &str,
    ex: &Extraction,
) -> Result<()> {
    let events = &ex.events;
    if events.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::new();
    let mut seqs = Vec::new();
    let mut types = Vec::new();
    let mut modes = Vec::new();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut confidences = Vec::new();
    let mut summaries = Vec::new();
    let mut jsons = Vec::new();
    let mut factualities = Vec::new();
    let mut arms = Vec::new();
    let mut military = Vec::new();
    let mut roles: BTreeSet<(&str, &str, &str)> = BTreeSet::new();
    for (seq, e) in events.iter().enumerate() {
        jsons.push(serde_json::to_string(e).map_err(|source| StoreError::Json {
            what: format!("event {}", e.id),
            source,
        })?);
        ids.push(e.id.as_str());
        seqs.push(seq as i64);
        types.push(e.event_type.label());
        modes.push(e.mode.clone());
        starts.push(e.time.as_ref().and_then(|t| t.start.clone()));
        ends.push(e.time.as_ref().and_then(|t| t.end.clone()));
        confidences.push(e.confidence as f64);
        summaries.push(e.summary.as_str());
        factualities.push(crate::views::factuality_label(e));
        arms.push(e.arms.is_some());
        military.push(e.context.iter().any(|c| c == "military"));
        for p in &e.actors {
            roles.insert((e.id.as_str(), "actor", p.entity.as_str()));
        }
        for p in &e.recipients {
            roles.insert((e.id.as_str(), "recipient", p.entity.as_str()));
        }
        for p in &e.locations {
            roles.insert((e.id.as_str(), "location", p.entity.as_str()));
        }
        if let Some(a) = &e.arms {
            for w in &a.weapons {
                for id in [&w.system, &w.category].into_iter().flatten() {
                    roles.insert((e.id.as_str(), "weapon", id.as_str()));
                }
                if !w.text.is_empty() {
                    roles.insert((e.id.as_str(), "weapon", w.text.as_str()));
                }
            }
        }
    }
    statements.execute(
        tx,
        "INSERT INTO events(id, doc_id, seq, event_type, mode, time_start, time_end, confidence,
                            summary, json, factuality, has_arms, military)
         SELECT t.id, $1, t.seq, t.ty, t.mode, t.ts, t.te, t.conf, t.summary, t.json, t.fact,
                t.arms, t.mil
         FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::float8[], $9::text[], $10::text[], $11::text[], $12::bool[], $13::bool[])
              AS t(id, seq, ty, mode, ts, te, conf, summary, json, fact, arms, mil)
         ON CONFLICT DO NOTHING",
        &[
            &doc_id,
            &ids,
            &seqs,
            &types,
            &modes,
            &starts,
            &ends,
            &confidences,
            &summaries,
            &jsons,
            &factualities,
            &arms,
            &military,
        ],
    )?;
    if !roles.is_empty() {
        let (mut ev, mut role, mut entity) = (Vec::new(), Vec::new(), Vec::new());
        for (e, r, x) in &roles {
            ev.push(*e);
            role.push(*r);
            entity.push(*x);
        }
        // Only roles of events this document stored (an id stored by another document
        // keeps its own roles, as `INSERT OR IGNORE` does on SQLite).
        statements.execute(
            tx,
            "INSERT INTO event_roles(event_id, role, entity)
             SELECT t.e, t.r, t.x FROM unnest($1::text[], $2::text[], $3::text[]) AS t(e, r, x)
             JOIN events ev ON ev.id = t.e AND ev.doc_id = $4
             ON CONFLICT DO NOTHING",
            &[&ev, &role, &entity, &doc_id],
        )?;
    }
    Ok(())
}

pub(crate) fn insert_quotes(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    doc_id: &str,
    ex: &Extraction,
) -> Result<()> {
    if ex.quotes.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::new();
    let mut seqs = Vec::new();
    let mut speakers = Vec::new();
    let mut jsons = Vec::new();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    for (seq, q) in ex.quotes.iter().enumerate() {
        jsons.push(serde_json::to_string(q).map_err(|source| StoreError::Json {
            what: format!("quote {}", q.id),
            source,
        })?);
        ids.push(q.id.as_str());
        seqs.push(seq as i64);
        speakers.push(q.speaker.as_ref().and_then(|s| s.entity.clone()));
        starts.push(q.message.start as i64);
        ends.push(q.message.end as i64);
    }
    statements.execute(
        tx,
        "INSERT INTO quotes(id, doc_id, seq, speaker, json, msg_start, msg_end)
         SELECT t.id, $1, t.seq, t.speaker, t.json, t.ms, t.me
         FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
              AS t(id, seq, speaker, json, ms, me)
         ON CONFLICT DO NOTHING",
        &[&doc_id, &ids, &seqs, &speakers, &jsons, &starts, &ends],
    )?;
    Ok(())
}

/// The per-entity running totals and names of `views::index_document`: this document's
/// `entity_documents` rows are written here; the totals and names, rows shared with other
/// documents, go to `shared`, written last (`pg_totals`).
pub(crate) fn index_entities(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    doc_id: &str,
    mentions: &[Mention],
    shared: &mut crate::pg_totals::SharedRows,
) -> Result<()> {
    if mentions.is_empty() {
        return Ok(());
    }
    let mut counts: BTreeMap<&str, (&Mention, i64)> = BTreeMap::new();
    for m in mentions {
        *shared
            .surfaces
            .entry((m.entity.clone(), m.text.clone()))
            .or_default() += 1;
        counts.entry(m.entity.as_str()).or_insert((m, 0)).1 += 1;
        shared
            .names
            .insert((m.entity.clone(), m.text.to_lowercase()), ());
        shared
            .names
            .insert((m.entity.clone(), m.name.to_lowercase()), ());
    }
    let (mut ents, mut ns) = (Vec::new(), Vec::new());
    for (entity, (m, n)) in &counts {
        ents.push(*entity);
        ns.push(*n);
        let slot = shared
            .counts
            .entry(entity.to_string())
            .or_insert_with(|| (kind_str(m.kind), m.name.clone(), 0));
        slot.2 += *n;
    }
    statements.execute(
        tx,
        "INSERT INTO entity_documents(entity, doc_id, mentions)
         SELECT t.e, $1, t.m FROM unnest($2::text[], $3::bigint[]) AS t(e, m)
         ON CONFLICT (entity, doc_id) DO UPDATE SET mentions = excluded.mentions",
        &[&doc_id, &ents, &ns],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths_and_passwords_hidden() {
        assert!(is_url("postgres://u@localhost/db"));
        assert!(is_url("postgresql://u@localhost/db"));
        assert!(!is_url("/tmp/postgres.db"));
        assert_eq!(
            redacted("postgres://me:secret@db.example:5432/ag"),
            "postgres://me:***@db.example:5432/ag"
        );
        assert_eq!(redacted("postgres://me@host/ag"), "postgres://me@host/ag");
        assert_eq!(
            redacted("postgres:///ag?host=/run"),
            "postgres:///ag?host=/run"
        );
    }

    #[test]
    fn languages_choose_their_configuration() {
        assert_eq!(config_of(Some("de")), "german");
        assert_eq!(config_of(Some("ru")), "russian");
        assert_eq!(config_of(Some("uk")), "simple");
        assert_eq!(config_of(None), "simple");
    }

    #[test]
    fn placeholders_become_postgres_ones() {
        assert_eq!(
            pg_placeholders(r"a = ?1 AND b LIKE '%' || ?12 || '%' ESCAPE '\\'"),
            r"a = $1::text AND b LIKE '%' || $12::text || '%' ESCAPE '\'"
        );
    }

    #[test]
    fn typed_words_are_arguments_never_syntax() {
        let q = search::parse(r#"Panzer* "Leopard 2" -Boxer OR"#);
        // A trailing OR is a mistake the search language explains; take a valid one.
        assert!(q.is_err());
        let q = search::parse(r#"Panzer* "Leopard 2" -Boxer"#).expect("query");
        let (sql, args) = text_query(&q);
        assert_eq!(args, vec!["Panzer", "Leopard 2", "Boxer"]);
        assert!(!sql.contains("Panzer"));
        assert!(sql.contains("to_tsquery('german', $1::text || ':*')"));
        assert!(sql.contains("phraseto_tsquery('simple', $2::text)"));
        assert!(sql.contains("&& !!(plainto_tsquery('german', $3::text) || "));
    }
}
