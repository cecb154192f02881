//! Indexed view tables: what the entity, alerts, graph and timeline views read, kept beside
//! each document so that a view costs what it shows, not what is stored.
//!
//! Written in the document's own transaction by [`crate::Store::insert`] (so they can never
//! disagree with the document), and back-filled from the stored extractions when a database
//! of schema version 1 is opened ([`upgrade_from_v1`]). Plain SQL (no SQLite-only types or
//! functions) so that a PostgreSQL store can keep the same tables.
//!
//! - `actors`: one row per actor record of a document (entity, kind, name, the record as JSON).
//! - `actor_roles`: the roles documents give an actor, one row per role (JSON), for profiles.
//! - `actor_affiliations`: actor → state or organisation ties, with the actor's name and kind.
//! - `document_alerts`: alerts the pipeline recorded with a document.
//! - `entity_events`: entity × event (any role), in document order, for "events involving".
//! - `entity_counts`: per entity, mentions and documents so far (name and kind of its first
//!   mention), and `entity_names`: every distinct surface form and name, lower-cased — what
//!   the home page, entity lists and name search read instead of grouping all mentions;
//!   `entity_documents` (mentions per entity and document) and `entity_surfaces` (mentions
//!   per entity and surface form) for entity pages.
//! - columns added to `events` (`factuality`, `has_arms`, `military`) and `quotes`
//!   (`msg_start`, `msg_end`), so alert candidates and quotes about an entity are found
//!   without reading JSON.

use armsgraph_model::{Event, Extraction};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::{kind_str, Result, StoreError};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS actors (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    entity TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS actors_entity ON actors(entity, doc_id, seq);
CREATE TABLE IF NOT EXISTS actor_roles (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    actor_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    entity TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, actor_seq, seq)
);
CREATE INDEX IF NOT EXISTS actor_roles_entity ON actor_roles(entity, doc_id);
CREATE TABLE IF NOT EXISTS actor_affiliations (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    actor_seq INTEGER NOT NULL,
    entity TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    PRIMARY KEY (doc_id, actor_seq, affiliation)
);
CREATE INDEX IF NOT EXISTS actor_affiliations_entity ON actor_affiliations(entity, doc_id);
CREATE INDEX IF NOT EXISTS actor_affiliations_group ON actor_affiliations(affiliation, doc_id);
CREATE TABLE IF NOT EXISTS document_alerts (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS entity_counts (
    entity TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_counts_mentions ON entity_counts(mentions, entity);
CREATE INDEX IF NOT EXISTS entity_counts_kind ON entity_counts(kind, mentions);
CREATE TABLE IF NOT EXISTS entity_events (
    entity TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id),
    PRIMARY KEY (entity, doc_id, seq)
);
CREATE TABLE IF NOT EXISTS entity_documents (
    entity TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity, doc_id)
);
CREATE INDEX IF NOT EXISTS entity_documents_most ON entity_documents(entity, mentions, doc_id);
CREATE TABLE IF NOT EXISTS entity_surfaces (
    entity TEXT NOT NULL,
    surface TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity, surface)
);
CREATE TABLE IF NOT EXISTS entity_names (
    entity TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (entity, text)
);
CREATE INDEX IF NOT EXISTS documents_ingested ON documents(ingested_at, id);
CREATE INDEX IF NOT EXISTS events_doc_seq ON events(doc_id, seq);
CREATE INDEX IF NOT EXISTS events_time ON events(time_start, doc_id, seq);
CREATE INDEX IF NOT EXISTS events_type_doc ON events(event_type, doc_id, seq);
CREATE INDEX IF NOT EXISTS mentions_entity_doc ON mentions(entity, doc_id, start);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id, seq);
";

/// Fills `entity_events` for one document (`?1`) from its events and roles: one row per
/// entity in any role of an event, in the order `involving` queries read.
pub(crate) const ENTITY_EVENTS_OF_DOCUMENT: &str =
    "INSERT OR IGNORE INTO entity_events(entity, doc_id, seq, event_id)
     SELECT DISTINCT r.entity, e.doc_id, e.seq, e.id
     FROM events e JOIN event_roles r ON r.event_id = e.id WHERE e.doc_id = ?1";

/// Columns that version 2 added to tables of version 1.
const ADDED_COLUMNS: &[(&str, &str)] = &[
    ("events", "factuality TEXT"),
    ("events", "has_arms INTEGER NOT NULL DEFAULT 0"),
    ("events", "military INTEGER NOT NULL DEFAULT 0"),
    ("quotes", "msg_start INTEGER"),
    ("quotes", "msg_end INTEGER"),
];

fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
    for name in names {
        if name? == column {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Adds the version-2 columns where they are missing (new databases get them from the base
/// schema already).
pub(crate) fn add_columns(conn: &Connection) -> Result<()> {
    for (table, def) in ADDED_COLUMNS {
        let column = def.split_whitespace().next().unwrap_or_default();
        if !has_column(conn, table, column)? {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {def}"))?;
        }
    }
    Ok(())
}

/// The factuality label as serialised (`asserted`, `denied`, …).
pub(crate) fn factuality_label(e: &Event) -> String {
    serde_json::to_value(e.factuality)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Writes the view rows of one document (inside the caller's transaction).
pub(crate) fn index_document(tx: &Connection, ex: &Extraction) -> Result<()> {
    let doc_id = &ex.document.id;
    let json_of = |what: &str, v: &dyn erased::Json| -> Result<String> {
        v.to_json().map_err(|source| StoreError::Json {
            what: format!("{what} in {doc_id}"),
            source,
        })
    };
    let mut actor = tx.prepare_cached(
        "INSERT OR REPLACE INTO actors(doc_id, seq, entity, kind, name, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut role = tx.prepare_cached(
        "INSERT OR REPLACE INTO actor_roles(doc_id, actor_seq, seq, entity, json)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut tie = tx.prepare_cached(
        "INSERT OR IGNORE INTO actor_affiliations(doc_id, actor_seq, entity, kind, name, affiliation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (seq, a) in ex.actors.iter().enumerate() {
        actor.execute(params![
            doc_id,
            seq as i64,
            a.id,
            kind_str(a.kind),
            a.name,
            json_of("actor", a)?
        ])?;
        for (rseq, r) in a.roles.iter().enumerate() {
            role.execute(params![
                doc_id,
                seq as i64,
                rseq as i64,
                a.id,
                json_of("role", r)?
            ])?;
        }
        for group in &a.affiliations {
            tie.execute(params![
                doc_id,
                seq as i64,
                a.id,
                kind_str(a.kind),
                a.name,
                group
            ])?;
        }
    }
    // Per-entity counts of this document, added to the running totals.
    let mut counts: std::collections::BTreeMap<&str, (&armsgraph_model::Mention, i64)> =
        std::collections::BTreeMap::new();
    let mut texts: std::collections::BTreeSet<(&str, String)> = std::collections::BTreeSet::new();
    let mut surfaces: std::collections::BTreeMap<(&str, &str), i64> =
        std::collections::BTreeMap::new();
    for m in &ex.entities {
        *surfaces
            .entry((m.entity.as_str(), m.text.as_str()))
            .or_default() += 1;
        counts.entry(m.entity.as_str()).or_insert((m, 0)).1 += 1;
        texts.insert((m.entity.as_str(), m.text.to_lowercase()));
        texts.insert((m.entity.as_str(), m.name.to_lowercase()));
    }
    let mut count = tx.prepare_cached(
        "INSERT INTO entity_counts(entity, kind, name, mentions, documents)
         VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT(entity) DO UPDATE SET mentions = entity_counts.mentions + excluded.mentions,
                                           documents = entity_counts.documents + 1",
    )?;
    let mut per_doc = tx.prepare_cached(
        "INSERT OR REPLACE INTO entity_documents(entity, doc_id, mentions) VALUES (?1, ?2, ?3)",
    )?;
    for (entity, (m, n)) in &counts {
        count.execute(params![entity, kind_str(m.kind), m.name, n])?;
        per_doc.execute(params![entity, doc_id, n])?;
    }
    let mut surface = tx.prepare_cached(
        "INSERT INTO entity_surfaces(entity, surface, mentions) VALUES (?1, ?2, ?3)
         ON CONFLICT(entity, surface) DO UPDATE SET mentions = entity_surfaces.mentions + excluded.mentions",
    )?;
    for ((entity, text), n) in &surfaces {
        surface.execute(params![entity, text, n])?;
    }
    let mut name =
        tx.prepare_cached("INSERT OR IGNORE INTO entity_names(entity, text) VALUES (?1, ?2)")?;
    for (entity, text) in &texts {
        name.execute(params![entity, text])?;
    }
    let mut alert = tx.prepare_cached(
        "INSERT OR REPLACE INTO document_alerts(doc_id, seq, json) VALUES (?1, ?2, ?3)",
    )?;
    for (seq, a) in ex.alerts.iter().enumerate() {
        alert.execute(params![doc_id, seq as i64, json_of("alert", a)?])?;
    }
    Ok(())
}

/// Fills the version-2 columns of `events` and `quotes` from the stored extraction.
fn index_columns(tx: &Connection, ex: &Extraction) -> Result<()> {
    let mut ev = tx.prepare_cached(
        "UPDATE events SET factuality = ?2, has_arms = ?3, military = ?4 WHERE id = ?1",
    )?;
    for e in &ex.events {
        ev.execute(params![
            e.id,
            factuality_label(e),
            e.arms.is_some(),
            e.context.iter().any(|c| c == "military")
        ])?;
    }
    let mut q =
        tx.prepare_cached("UPDATE quotes SET msg_start = ?2, msg_end = ?3 WHERE id = ?1")?;
    for quote in &ex.quotes {
        q.execute(params![
            quote.id,
            quote.message.start as i64,
            quote.message.end as i64
        ])?;
    }
    Ok(())
}

/// Back-fills the view tables of a version-1 database from its stored extractions, in one
/// transaction (an interrupted upgrade leaves version 1 behind and runs again on next open).
/// Returns the number of documents read.
pub(crate) fn upgrade_from_v1(tx: &Transaction<'_>) -> Result<usize> {
    add_columns(tx)?;
    tx.execute_batch(SCHEMA)?;
    let mut stmt = tx.prepare("SELECT id, extraction FROM documents ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let json: String = row.get(1)?;
        let ex: Extraction =
            serde_json::from_str(&json).map_err(|source| StoreError::Json { what: id, source })?;
        index_document(tx, &ex)?;
        index_columns(tx, &ex)?;
        tx.execute(ENTITY_EVENTS_OF_DOCUMENT, params![ex.document.id])?;
        n += 1;
    }
    Ok(n)
}

/// Serialisation behind one object-safe method, so `index_document` can name what failed.
mod erased {
    pub trait Json {
        fn to_json(&self) -> serde_json::Result<String>;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> serde_json::Result<String> {
            serde_json::to_string(self)
        }
    }
}

/// One document that mentions an entity, for the entity page's list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MentioningDocument {
    pub id: String,
    pub title: Option<String>,
    pub mentions: i64,
}

/// A tie from an actor record to a state or organisation, as one document states it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Affiliation {
    pub document: String,
    pub entity: String,
    pub kind: armsgraph_model::EntityKind,
    pub name: String,
    pub affiliation: String,
}

/// The documents that mention `entity`, as an SQL subquery on parameter `?1`.
const MENTIONING: &str = "SELECT doc_id FROM entity_documents WHERE entity = ?1";

impl crate::Store {
    /// What changes when documents or reference facts are added: a view computed from the
    /// whole store (the store-wide alerts) stays valid while this stays the same. Rows are
    /// never deleted, so the largest row ids are enough, and cost one index step each.
    pub fn data_generation(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT COALESCE(max(rowid), 0) FROM documents),
                    (SELECT COALESCE(max(rowid), 0) FROM reference_facts),
                    (SELECT COALESCE(max(rowid), 0) FROM failed_inputs)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// How often `entity` is mentioned, and in how many documents.
    pub fn entity_counts(&self, entity: &str) -> Result<(i64, i64)> {
        Ok(self
            .conn
            .query_row(
                "SELECT mentions, documents FROM entity_counts WHERE entity = ?1",
                params![entity],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((0, 0)))
    }

    /// Surface forms `entity` is written as, with counts, most frequent first (ties by text).
    pub fn entity_surfaces(&self, entity: &str) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT surface, mentions FROM entity_surfaces WHERE entity = ?1
             ORDER BY mentions DESC, surface",
        )?;
        let rows = stmt.query_map(params![entity], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The name and kind of the first mention of `entity` (by document id, then position),
    /// and the first non-empty name.
    pub fn entity_first_mention(
        &self,
        entity: &str,
    ) -> Result<Option<(String, armsgraph_model::EntityKind)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, kind FROM mentions WHERE entity = ?1 ORDER BY doc_id, start LIMIT 1",
                params![entity],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
            .map(|(n, k)| (n, crate::kind_from_str(&k))))
    }

    /// The first non-empty name a mention of `entity` carries (by document id, position).
    pub fn entity_mention_name(&self, entity: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name FROM mentions WHERE entity = ?1 AND name <> ''
                 ORDER BY doc_id, start LIMIT 1",
                params![entity],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Documents mentioning `entity`, most mentions first (then by id), at most `limit`.
    pub fn entity_documents(&self, entity: &str, limit: usize) -> Result<Vec<MentioningDocument>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.doc_id, d.title, m.mentions FROM entity_documents m
             JOIN documents d ON d.id = m.doc_id
             WHERE m.entity = ?1 ORDER BY m.mentions DESC, m.doc_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![entity, limit.min(i64::MAX as usize) as i64], |r| {
            Ok(MentioningDocument {
                id: r.get(0)?,
                title: r.get(1)?,
                mentions: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Distinct roles documents that mention `entity` give it, each with the first document
    /// (by id) that gives it, in that order.
    pub fn entity_roles(&self, entity: &str) -> Result<Vec<(armsgraph_model::Role, String)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT json, min(doc_id || ' ' || substr('000000' || actor_seq, -6) || ' '
                              || substr('000000' || seq, -6)) AS first
             FROM actor_roles WHERE entity = ?1 AND doc_id IN ({MENTIONING})
             GROUP BY json ORDER BY first"
        ))?;
        let rows = stmt.query_map(params![entity], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (json, first) = row?;
            let doc = first.split(' ').next().unwrap_or_default().to_string();
            let role = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("role in {doc}"),
                source,
            })?;
            out.push((role, doc));
        }
        Ok(out)
    }

    /// States and organisations that documents mentioning `entity` say it belongs to.
    pub fn entity_affiliations(&self, entity: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT DISTINCT affiliation FROM actor_affiliations
             WHERE entity = ?1 AND doc_id IN ({MENTIONING}) ORDER BY affiliation"
        ))?;
        let rows = stmt.query_map(params![entity], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Entities that documents mentioning `entity` say belong to it, each with its name in
    /// the first such document (by id), ordered by id.
    pub fn entity_members(&self, entity: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT entity, name, doc_id FROM actor_affiliations
             WHERE affiliation = ?1 AND entity <> ?1 AND doc_id IN ({MENTIONING})
             ORDER BY entity, doc_id, actor_seq"
        ))?;
        let rows = stmt.query_map(params![entity], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out: Vec<(String, String)> = Vec::new();
        for row in rows {
            let (id, name) = row?;
            if out.last().is_none_or(|(last, _)| *last != id) {
                out.push((id, name));
            }
        }
        Ok(out)
    }

    /// The name an actor record gives `other` in the first document (by id) that mentions
    /// `entity`.
    pub fn actor_name_near(&self, entity: &str, other: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT name FROM actors WHERE entity = ?2 AND doc_id IN ({MENTIONING})
                     ORDER BY doc_id, seq LIMIT 1"
                ),
                params![entity, other],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Quotes whose message contains a mention of `entity`, in document order, at most
    /// `limit`.
    pub fn quotes_mentioning(&self, entity: &str, limit: usize) -> Result<Vec<crate::StoredQuote>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT q.doc_id, q.json FROM quotes q
             WHERE q.doc_id IN ({MENTIONING})
               AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity = ?1 AND m.doc_id = q.doc_id
                           AND m.start >= q.msg_start AND m.end <= q.msg_end)
             ORDER BY q.doc_id, q.seq LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![entity, limit.min(i64::MAX as usize) as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (document, json) = row?;
            let quote = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("quote in {document}"),
                source,
            })?;
            out.push(crate::StoredQuote { document, quote });
        }
        Ok(out)
    }

    /// The kind of `entity`'s first mention (by document id, then position) among
    /// `documents`.
    pub fn entity_kind_in(
        &self,
        entity: &str,
        documents: &std::collections::BTreeSet<&str>,
    ) -> Result<Option<armsgraph_model::EntityKind>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, kind FROM mentions WHERE entity = ?1 ORDER BY doc_id, start",
        )?;
        let mut rows = stmt.query(params![entity])?;
        while let Some(row) = rows.next()? {
            let doc: String = row.get(0)?;
            if documents.contains(doc.as_str()) {
                let kind: String = row.get(1)?;
                return Ok(Some(crate::kind_from_str(&kind)));
            }
        }
        Ok(None)
    }

    /// Affiliations of actor `entity` stated in `documents`, by document id then record.
    pub fn affiliations_in(
        &self,
        entity: &str,
        documents: &std::collections::BTreeSet<&str>,
    ) -> Result<Vec<Affiliation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, entity, kind, name, affiliation FROM actor_affiliations
             WHERE entity = ?1 ORDER BY doc_id, actor_seq, affiliation",
        )?;
        let rows = stmt.query_map(params![entity], |r| {
            Ok(Affiliation {
                document: r.get(0)?,
                entity: r.get(1)?,
                kind: crate::kind_from_str(&r.get::<_, String>(2)?),
                name: r.get(3)?,
                affiliation: r.get(4)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let a = row?;
            if documents.contains(a.document.as_str()) {
                out.push(a);
            }
        }
        Ok(out)
    }

    /// Alerts recorded at ingest with the `limit` newest documents, newest first.
    pub fn recent_document_alerts(&self, limit: usize) -> Result<Vec<armsgraph_model::Alert>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.doc_id, a.json FROM
               (SELECT id, ingested_at FROM documents ORDER BY ingested_at DESC, id LIMIT ?1) d
             JOIN document_alerts a ON a.doc_id = d.id
             ORDER BY d.ingested_at DESC, d.id, a.seq",
        )?;
        let rows = stmt.query_map(params![limit.min(i64::MAX as usize) as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (doc, json) = row?;
            out.push(
                serde_json::from_str(&json).map_err(|source| StoreError::Json {
                    what: format!("alert in {doc}"),
                    source,
                })?,
            );
        }
        Ok(out)
    }
}
