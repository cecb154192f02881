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

/// Version 3: tables a profile's transfer and conflict lines and the graph's edges read
/// (bounded rows instead of every event of an entity), per-entity summaries of roles,
/// memberships and members, and indexes in the order the views read.
pub(crate) const SCHEMA_V3: &str = "
CREATE TABLE IF NOT EXISTS entity_lines (
    entity TEXT NOT NULL,
    line TEXT NOT NULL,
    counterpart TEXT NOT NULL,
    sort_date TEXT,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (entity, line, doc_id, seq, pos)
);
CREATE INDEX IF NOT EXISTS entity_lines_order
    ON entity_lines(entity, line, sort_date, counterpart, doc_id, seq, pos);
CREATE TABLE IF NOT EXISTS edge_events (
    entity TEXT NOT NULL,
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    relation TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (entity, actor, recipient, relation, doc_id, seq)
);
CREATE TABLE IF NOT EXISTS entity_edges (
    entity TEXT NOT NULL,
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    relation TEXT NOT NULL,
    events INTEGER NOT NULL,
    pairs INTEGER NOT NULL,
    first_key TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    PRIMARY KEY (entity, actor, recipient, relation)
);
CREATE TABLE IF NOT EXISTS entity_role_firsts (
    entity TEXT NOT NULL,
    json TEXT NOT NULL,
    first_key TEXT NOT NULL,
    PRIMARY KEY (entity, json)
);
CREATE TABLE IF NOT EXISTS entity_affiliation_set (
    entity TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    mentioned_docs INTEGER NOT NULL,
    PRIMARY KEY (entity, affiliation)
);
CREATE TABLE IF NOT EXISTS affiliation_members (
    affiliation TEXT NOT NULL,
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    first_key TEXT NOT NULL,
    PRIMARY KEY (affiliation, entity)
);
CREATE INDEX IF NOT EXISTS actor_affiliations_pair
    ON actor_affiliations(entity, affiliation, doc_id, actor_seq);
CREATE INDEX IF NOT EXISTS entity_documents_top ON entity_documents(entity, mentions DESC, doc_id);
CREATE INDEX IF NOT EXISTS documents_newest ON documents(ingested_at DESC, id);
CREATE INDEX IF NOT EXISTS quotes_speaker_doc ON quotes(speaker, doc_id, seq);
CREATE INDEX IF NOT EXISTS entity_events_time
    ON entity_events(entity, undated, time_start, doc_id, seq);
";

/// The key a profile sorts lines by: the event's start date as its first day
/// (`2022` → `2022-01-01`), `None` when it is not a date. The same rule as
/// `armsgraph_kb::reference::date_floor` (the store does not depend on the knowledge base).
pub fn sort_date(date: &str) -> Option<String> {
    let d = date.trim();
    let d = d.get(..10.min(d.len()))?;
    let parts: Vec<&str> = d.split('-').collect();
    let ok = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] if ok(y, 4) => Some(format!("{y}-01-01")),
        [y, m] if ok(y, 4) && ok(m, 2) => Some(format!("{y}-{m}-01")),
        [y, m, day] if ok(y, 4) && ok(m, 2) && ok(day, 2) => Some(format!("{y}-{m}-{day}")),
        _ => None,
    }
}

/// The entities an event involves, by role, as `event_roles` records them.
pub(crate) fn role_entities(e: &Event) -> Vec<(&'static str, &str)> {
    let mut out = Vec::new();
    for p in &e.actors {
        out.push(("actor", p.entity.as_str()));
    }
    for p in &e.recipients {
        out.push(("recipient", p.entity.as_str()));
    }
    for p in &e.locations {
        out.push(("location", p.entity.as_str()));
    }
    if let Some(arms) = &e.arms {
        for w in &arms.weapons {
            for id in [&w.system, &w.category].into_iter().flatten() {
                out.push(("weapon", id.as_str()));
            }
            if !w.text.is_empty() {
                out.push(("weapon", w.text.as_str()));
            }
        }
    }
    out
}

/// The tie a graph edge stands for, as labelled by the server's `Relation`: AID with
/// materiel or in a military context is an arms transfer, other AID cooperation; fights,
/// disputes and cooperation by event type; displacement and no-comment make no edge.
pub fn edge_relation(e: &Event) -> Option<&'static str> {
    use armsgraph_model::EventType as T;
    Some(match e.event_type {
        T::Aid => {
            if is_military_aid(e) {
                "arms_transfer"
            } else {
                "cooperation"
            }
        }
        T::Assault | T::Coerce | T::Threaten | T::Mobilize => "conflict",
        T::Accuse | T::Reject | T::Protest | T::Sanction => "dispute",
        T::Agree
        | T::Consult
        | T::Support
        | T::Cooperate
        | T::Concede
        | T::Retreat
        | T::Request => "cooperation",
        T::Displacement | T::NoComment => return None,
    })
}

fn is_military_aid(e: &Event) -> bool {
    e.event_type == armsgraph_model::EventType::Aid
        && (e.arms.is_some() || e.context.iter().any(|c| c == "military"))
}

/// A profile's lines one event gives `entity` (which it involves in some role): suppliers
/// and recipients of an arms transfer, opponents in a fight — the same rule as
/// `armsgraph_analysis::query::profile` applied to the entity's events. Each line is
/// (kind, counterpart), in the order the profile lists them.
pub fn profile_lines<'e>(e: &'e Event, entity: &str) -> Vec<(&'static str, &'e str)> {
    use armsgraph_model::EventType as T;
    let is_actor = e.actors.iter().any(|a| a.entity == entity);
    let is_recipient = e.recipients.iter().any(|a| a.entity == entity);
    let mut out = Vec::new();
    if is_military_aid(e) {
        if is_recipient {
            out.extend(e.actors.iter().map(|s| ("supplier", s.entity.as_str())));
        }
        if is_actor {
            out.extend(
                e.recipients
                    .iter()
                    .map(|s| ("recipient", s.entity.as_str())),
            );
        }
    } else if matches!(e.event_type, T::Assault | T::Coerce) {
        let others = if is_actor { &e.recipients } else { &e.actors };
        out.extend(
            others
                .iter()
                .filter(|o| o.entity != entity)
                .map(|o| ("conflict", o.entity.as_str())),
        );
    }
    out
}

/// `doc_id seq pos` with zero-padded numbers: compares as the document order does.
fn order_key(doc_id: &str, seq: usize, pos: usize) -> String {
    format!("{doc_id} {seq:06} {pos:06}")
}

/// Writes the version-3 rows of one document (inside the caller's transaction): profile
/// lines, graph edges per involved entity (and for the whole graph, entity `''`), and the
/// per-entity summaries of roles, memberships and members.
pub(crate) fn index_document_v3(tx: &Connection, ex: &Extraction) -> Result<()> {
    let doc_id = &ex.document.id;
    let mentioned: std::collections::BTreeSet<&str> =
        ex.entities.iter().map(|m| m.entity.as_str()).collect();
    let mut line = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_lines(entity, line, counterpart, sort_date, doc_id, seq, pos, event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut edge_event = tx.prepare_cached(
        "INSERT OR IGNORE INTO edge_events(entity, actor, recipient, relation, doc_id, seq, event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut edge = tx.prepare_cached(
        "INSERT INTO entity_edges(entity, actor, recipient, relation, events, pairs, first_key,
                                  actor_name, recipient_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(entity, actor, recipient, relation) DO UPDATE SET
           events = entity_edges.events + excluded.events,
           pairs = entity_edges.pairs + excluded.pairs,
           actor_name = CASE WHEN excluded.first_key < entity_edges.first_key
                        THEN excluded.actor_name ELSE entity_edges.actor_name END,
           recipient_name = CASE WHEN excluded.first_key < entity_edges.first_key
                            THEN excluded.recipient_name ELSE entity_edges.recipient_name END,
           first_key = CASE WHEN excluded.first_key < entity_edges.first_key
                       THEN excluded.first_key ELSE entity_edges.first_key END",
    )?;
    // Per (entity, actor, recipient, relation): events, pairs, first key and names, summed
    // over this document before one upsert each.
    type EdgeKey<'a> = (&'a str, &'a str, &'a str, &'static str);
    let mut edges: std::collections::BTreeMap<EdgeKey<'_>, (i64, i64, String, &str, &str)> =
        std::collections::BTreeMap::new();
    for (seq, e) in ex.events.iter().enumerate() {
        let mut involved: Vec<&str> = role_entities(e).into_iter().map(|(_, x)| x).collect();
        involved.sort_unstable();
        involved.dedup();
        for entity in &involved {
            for (pos, (kind, counterpart)) in profile_lines(e, entity).into_iter().enumerate() {
                line.execute(params![
                    entity,
                    kind,
                    counterpart,
                    e.time
                        .as_ref()
                        .and_then(|t| t.start.as_deref())
                        .and_then(sort_date),
                    doc_id,
                    seq as i64,
                    pos as i64,
                    e.id
                ])?;
            }
        }
        let Some(relation) = edge_relation(e) else {
            continue;
        };
        let mut pair = 0usize;
        let mut seen: std::collections::BTreeSet<(&str, &str)> = std::collections::BTreeSet::new();
        for a in &e.actors {
            for r in &e.recipients {
                pair += 1;
                if a.entity == r.entity || a.entity.is_empty() || r.entity.is_empty() {
                    continue;
                }
                let first = seen.insert((a.entity.as_str(), r.entity.as_str()));
                // The whole graph is entity '' (every event), a focused one every entity
                // the event involves.
                for entity in std::iter::once("").chain(involved.iter().copied()) {
                    let key = (entity, a.entity.as_str(), r.entity.as_str(), relation);
                    let slot = edges.entry(key).or_insert_with(|| {
                        (
                            0,
                            0,
                            order_key(doc_id, seq, pair),
                            a.name.as_str(),
                            r.name.as_str(),
                        )
                    });
                    slot.1 += 1;
                    if first {
                        slot.0 += 1;
                        edge_event.execute(params![
                            entity, a.entity, r.entity, relation, doc_id, seq as i64, e.id
                        ])?;
                    }
                }
            }
        }
    }
    for ((entity, actor, recipient, relation), (events, pairs, first, an, rn)) in &edges {
        edge.execute(params![
            entity, actor, recipient, relation, events, pairs, first, an, rn
        ])?;
    }

    let mut role_first = tx.prepare_cached(
        "INSERT INTO entity_role_firsts(entity, json, first_key) VALUES (?1, ?2, ?3)
         ON CONFLICT(entity, json) DO UPDATE SET first_key = excluded.first_key
         WHERE excluded.first_key < entity_role_firsts.first_key",
    )?;
    let mut tie = tx.prepare_cached(
        "INSERT INTO entity_affiliation_set(entity, affiliation, mentioned_docs) VALUES (?1, ?2, ?3)
         ON CONFLICT(entity, affiliation) DO UPDATE SET
           mentioned_docs = entity_affiliation_set.mentioned_docs + excluded.mentioned_docs",
    )?;
    let mut member = tx.prepare_cached(
        "INSERT INTO affiliation_members(affiliation, entity, name, first_key) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(affiliation, entity) DO UPDATE SET name = excluded.name,
           first_key = excluded.first_key
         WHERE excluded.first_key < affiliation_members.first_key",
    )?;
    let mut ties: std::collections::BTreeMap<(&str, &str), i64> = std::collections::BTreeMap::new();
    for (seq, a) in ex.actors.iter().enumerate() {
        let here = mentioned.contains(a.id.as_str());
        if here {
            for (rseq, r) in a.roles.iter().enumerate() {
                let json = serde_json::to_string(r).map_err(|source| StoreError::Json {
                    what: format!("role in {doc_id}"),
                    source,
                })?;
                role_first.execute(params![a.id, json, order_key(doc_id, seq, rseq)])?;
            }
        }
        for group in &a.affiliations {
            let n = ties.entry((a.id.as_str(), group.as_str())).or_default();
            *n = (*n).max(i64::from(here));
            if mentioned.contains(group.as_str()) && a.id != *group {
                member.execute(params![group, a.id, a.name, order_key(doc_id, seq, 0)])?;
            }
        }
    }
    for ((entity, group), here) in &ties {
        tie.execute(params![entity, group, here])?;
    }
    Ok(())
}

/// Fills `entity_events` for one document (`?1`) from its events and roles: one row per
/// entity in any role of an event, in the order `involving` queries read, with the event's
/// start date for time-ordered reads.
pub(crate) const ENTITY_EVENTS_OF_DOCUMENT: &str =
    "INSERT OR IGNORE INTO entity_events(entity, doc_id, seq, event_id, undated, time_start)
     SELECT DISTINCT r.entity, e.doc_id, e.seq, e.id, e.time_start IS NULL, e.time_start
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

/// Columns that version 3 added to tables of version 2.
const ADDED_COLUMNS_V3: &[(&str, &str)] = &[
    ("entity_events", "undated INTEGER NOT NULL DEFAULT 0"),
    ("entity_events", "time_start TEXT"),
];

/// Creates every view table, column and index that is missing (a new database, or the
/// fast path of an up-to-date one: nothing is written then).
pub(crate) fn create(conn: &Connection) -> Result<()> {
    add_columns(conn, ADDED_COLUMNS)?;
    conn.execute_batch(SCHEMA)?;
    add_columns(conn, ADDED_COLUMNS_V3)?;
    conn.execute_batch(SCHEMA_V3)?;
    conn.execute_batch(crate::pair_facts::SCHEMA_V4)?;
    Ok(())
}

/// Adds the columns of `added` where they are missing.
fn add_columns(conn: &Connection, added: &[(&str, &str)]) -> Result<()> {
    for (table, def) in added {
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

/// Back-fills the view tables of a database of schema version `from` (1 or 2) from its
/// stored extractions, in the caller's transaction (an interrupted upgrade leaves the old
/// version behind and runs again on next open). Returns the number of documents read.
pub(crate) fn upgrade(tx: &Transaction<'_>, from: i64) -> Result<usize> {
    create(tx)?;
    if from >= 2 {
        // Rows written by version 2 lack the event's date.
        tx.execute_batch(
            "UPDATE entity_events SET
               time_start = (SELECT e.time_start FROM events e WHERE e.id = entity_events.event_id),
               undated = (SELECT e.time_start IS NULL FROM events e WHERE e.id = entity_events.event_id)",
        )?;
    }
    let mut stmt = tx.prepare("SELECT id, extraction FROM documents ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let json = crate::extraction_json(row.get_ref(1)?)?;
        let ex: Extraction =
            serde_json::from_str(&json).map_err(|source| StoreError::Json { what: id, source })?;
        if from < 2 {
            index_document(tx, &ex)?;
            index_columns(tx, &ex)?;
            tx.execute(ENTITY_EVENTS_OF_DOCUMENT, params![ex.document.id])?;
        }
        index_document_v3(tx, &ex)?;
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

/// One line of a profile as the store keeps it: the counterpart, and the event (with its
/// document's source) the line was read from.
pub type ProfileLine = (String, crate::StoredEvent, crate::EventSource);

/// One edge of a graph as the store keeps it (see [`crate::Store::graph_edges`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EdgeSummary {
    pub actor: String,
    pub recipient: String,
    /// `arms_transfer`, `conflict`, `dispute` or `cooperation` (see [`edge_relation`]).
    pub relation: String,
    /// Distinct events behind the edge.
    pub events: usize,
    /// Actor–recipient pairs behind it (an event naming an actor twice counts twice).
    pub pairs: usize,
    /// `doc_id seq pair` of the first of them.
    pub first_key: String,
    pub actor_name: String,
    pub recipient_name: String,
}

/// The documents that mention `entity`, as an SQL subquery on parameter `?1`.
const MENTIONING: &str = "SELECT doc_id FROM entity_documents WHERE entity = ?1";

impl crate::Store {
    /// What changes when documents or reference facts are added: a view computed from the
    /// whole store (the store-wide alerts) stays valid while this stays the same. Rows are
    /// never deleted, so the largest row ids are enough, and cost one index step each.
    /// Corrections and re-read documents change views without a new document: their tables
    /// only grow too, so their largest ids are added to the last number (a sum of growing
    /// numbers changes whenever one of them does); so is the number of withdrawn
    /// corrections, which only grows.
    pub fn data_generation(&self) -> Result<(i64, i64, i64)> {
        if let Some(pg) = self.pg() {
            return pg.data_generation();
        }
        Ok(self.conn()?.query_row(
            "SELECT (SELECT COALESCE(max(rowid), 0) FROM documents),
                    (SELECT COALESCE(max(rowid), 0) FROM reference_facts),
                    (SELECT COALESCE(max(rowid), 0) FROM failed_inputs)
                    + (SELECT COALESCE(max(id), 0) FROM corrections)
                    + (SELECT count(withdrawn_at) FROM corrections)
                    + (SELECT COALESCE(max(rowid), 0) FROM reprocess_progress)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// How often `entity` is mentioned, and in how many documents.
    pub fn entity_counts(&self, entity: &str) -> Result<(i64, i64)> {
        if let Some(pg) = self.pg() {
            return pg.entity_counts(entity);
        }
        Ok(self
            .conn()?
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
        if let Some(pg) = self.pg() {
            return pg.entity_surfaces(entity);
        }
        let mut stmt = self.conn()?.prepare_cached(
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
        if let Some(pg) = self.pg() {
            return pg.entity_first_mention(entity);
        }
        Ok(self
            .conn()?
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
        if let Some(pg) = self.pg() {
            return pg.entity_mention_name(entity);
        }
        Ok(self
            .conn()?
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
        if let Some(pg) = self.pg() {
            return pg.entity_documents(entity, limit);
        }
        let mut stmt = self.conn()?.prepare_cached(
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
    /// (by id) that gives it, in that order (one row per distinct role, kept at ingest).
    pub fn entity_roles(&self, entity: &str) -> Result<Vec<(armsgraph_model::Role, String)>> {
        if let Some(pg) = self.pg() {
            return pg.entity_roles(entity);
        }
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT json, first_key FROM entity_role_firsts WHERE entity = ?1 ORDER BY first_key",
        )?;
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
        if let Some(pg) = self.pg() {
            return pg.entity_affiliations(entity);
        }
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT affiliation FROM entity_affiliation_set
             WHERE entity = ?1 AND mentioned_docs > 0 ORDER BY affiliation",
        )?;
        let rows = stmt.query_map(params![entity], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Entities that documents mentioning `entity` say belong to it, each with its name in
    /// the first such document (by id), ordered by id.
    pub fn entity_members(&self, entity: &str) -> Result<Vec<(String, String)>> {
        if let Some(pg) = self.pg() {
            return pg.entity_members(entity);
        }
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT entity, name FROM affiliation_members WHERE affiliation = ?1 ORDER BY entity",
        )?;
        let rows = stmt.query_map(params![entity], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The name an actor record gives `other` in the first document (by id) that mentions
    /// `entity`.
    pub fn actor_name_near(&self, entity: &str, other: &str) -> Result<Option<String>> {
        if let Some(pg) = self.pg() {
            return pg.actor_name_near(entity, other);
        }
        Ok(self
            .conn()?
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
        if let Some(pg) = self.pg() {
            return pg.quotes_mentioning(entity, limit);
        }
        let mut stmt = self.conn()?.prepare_cached(&format!(
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
        if let Some(pg) = self.pg() {
            return pg.entity_kind_in(entity, documents);
        }
        let mut stmt = self.conn()?.prepare_cached(
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
        if let Some(pg) = self.pg() {
            return pg.affiliations_in(entity, documents);
        }
        let mut stmt = self.conn()?.prepare_cached(
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

    /// The first `limit` lines of one kind (`supplier`, `recipient`, `conflict`) of
    /// `entity`'s profile in the profile's order (start date, undated first; counterpart;
    /// document; event), each with its counterpart, event and the event's document; and how
    /// many lines of that kind there are.
    pub fn profile_lines(
        &self,
        entity: &str,
        kind: &str,
        limit: usize,
    ) -> Result<(Vec<ProfileLine>, usize)> {
        if let Some(pg) = self.pg() {
            return pg.profile_lines(entity, kind, limit);
        }
        let total: i64 = self.conn()?.query_row(
            "SELECT count(*) FROM entity_lines WHERE entity = ?1 AND line = ?2",
            params![entity, kind],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT l.counterpart, e.doc_id, d.cluster_id, e.json, d.url, d.origin, d.published
             FROM (SELECT counterpart, event_id, sort_date, doc_id, seq, pos FROM entity_lines
                   WHERE entity = ?1 AND line = ?2
                   ORDER BY sort_date, counterpart, doc_id, seq, pos LIMIT ?3) l
             JOIN events e ON e.id = l.event_id JOIN documents d ON d.id = e.doc_id
             ORDER BY l.sort_date, l.counterpart, l.doc_id, l.seq, l.pos",
        )?;
        let rows = stmt.query_map(
            params![entity, kind, limit.min(i64::MAX as usize) as i64],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (counterpart, document, cluster_id, json, url, origin, published) = row?;
            let event = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("event in {document}"),
                source,
            })?;
            out.push((
                counterpart,
                crate::StoredEvent {
                    document,
                    cluster_id,
                    event,
                },
                crate::EventSource {
                    url: url.or_else(|| Some(origin).filter(|o| !o.is_empty())),
                    published,
                },
            ));
        }
        Ok((out, total as usize))
    }

    /// The graph edges of the events involving `entity` (`""`: every event), with how many
    /// events and actor–recipient pairs stand behind each, and the names of both ends in the
    /// first event (document order) of the edge. Ordered by actor, recipient, relation.
    pub fn graph_edges(&self, entity: &str) -> Result<Vec<EdgeSummary>> {
        if let Some(pg) = self.pg() {
            return pg.graph_edges(entity);
        }
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT actor, recipient, relation, events, pairs, first_key, actor_name, recipient_name
             FROM entity_edges WHERE entity = ?1 ORDER BY actor, recipient, relation",
        )?;
        let rows = stmt.query_map(params![entity], |r| {
            Ok(EdgeSummary {
                actor: r.get(0)?,
                recipient: r.get(1)?,
                relation: r.get(2)?,
                events: r.get::<_, i64>(3)? as usize,
                pairs: r.get::<_, i64>(4)? as usize,
                first_key: r.get(5)?,
                actor_name: r.get(6)?,
                recipient_name: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The first `limit` events (document order) behind one edge of `entity`'s graph.
    pub fn edge_events(
        &self,
        entity: &str,
        actor: &str,
        recipient: &str,
        relation: &str,
        limit: usize,
    ) -> Result<Vec<crate::StoredEvent>> {
        if let Some(pg) = self.pg() {
            return pg.edge_events(entity, actor, recipient, relation, limit);
        }
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT x.doc_id, d.cluster_id, e.json
             FROM (SELECT doc_id, seq, event_id FROM edge_events
                   WHERE entity = ?1 AND actor = ?2 AND recipient = ?3 AND relation = ?4
                   ORDER BY doc_id, seq LIMIT ?5) x
             JOIN events e ON e.id = x.event_id JOIN documents d ON d.id = x.doc_id
             ORDER BY x.doc_id, x.seq",
        )?;
        let rows = stmt.query_map(
            params![
                entity,
                actor,
                recipient,
                relation,
                limit.min(i64::MAX as usize) as i64
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (document, cluster_id, json) = row?;
            let event = serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("event in {document}"),
                source,
            })?;
            out.push(crate::StoredEvent {
                document,
                cluster_id,
                event,
            });
        }
        Ok(out)
    }

    /// Every state or organisation any actor record of `entity` says it belongs to.
    pub fn affiliation_targets(&self, entity: &str) -> Result<Vec<String>> {
        if let Some(pg) = self.pg() {
            return pg.affiliation_targets(entity);
        }
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT affiliation FROM entity_affiliation_set WHERE entity = ?1 ORDER BY affiliation",
        )?;
        let rows = stmt.query_map(params![entity], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The first tie (document order) of actor `entity` to `affiliation` made by a state or
    /// organisation record, in a document with an event involving `focus` (`""`: any event).
    pub fn first_tie(
        &self,
        focus: &str,
        entity: &str,
        affiliation: &str,
    ) -> Result<Option<Affiliation>> {
        if let Some(pg) = self.pg() {
            return pg.first_tie(focus, entity, affiliation);
        }
        let sql = if focus.is_empty() {
            "SELECT doc_id, entity, kind, name, affiliation FROM actor_affiliations a
             WHERE entity = ?2 AND affiliation = ?3 AND kind IN ('state', 'organisation')
               AND (?1 = '' AND EXISTS (SELECT 1 FROM events e WHERE e.doc_id = a.doc_id))
             ORDER BY doc_id, actor_seq LIMIT 1"
        } else {
            "SELECT doc_id, entity, kind, name, affiliation FROM actor_affiliations a
             WHERE entity = ?2 AND affiliation = ?3 AND kind IN ('state', 'organisation')
               AND EXISTS (SELECT 1 FROM entity_events x WHERE x.entity = ?1 AND x.doc_id = a.doc_id)
             ORDER BY doc_id, actor_seq LIMIT 1"
        };
        Ok(self
            .conn()?
            .prepare_cached(sql)?
            .query_row(params![focus, entity, affiliation], |r| {
                Ok(Affiliation {
                    document: r.get(0)?,
                    entity: r.get(1)?,
                    kind: crate::kind_from_str(&r.get::<_, String>(2)?),
                    name: r.get(3)?,
                    affiliation: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Alerts recorded at ingest with the `limit` newest documents, newest first.
    pub fn recent_document_alerts(&self, limit: usize) -> Result<Vec<armsgraph_model::Alert>> {
        if let Some(pg) = self.pg() {
            return pg.recent_document_alerts(limit);
        }
        let mut stmt = self.conn()?.prepare_cached(
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
