//! The indexed view tables of `views.rs` and `pair_facts.rs` on PostgreSQL: what the entity
//! page, the graph, the alerts and the timeline read (docs/notes/views.md), kept by every
//! insert inside its own transaction, and the read methods over them.
//!
//! The same tables, columns and semantics as the SQLite store; the rows are derived by the
//! same functions (`views::profile_lines`, `views::edge_relation`, `views::role_entities`,
//! `pair_facts::event_facts`, `pair_facts::group_facts`), so the two stores cannot read a
//! document differently. What PostgreSQL adds:
//!
//! - **Running totals under concurrent writers.** Two workers storing documents about the
//!   same entities update the same summary rows (`entity_edges`, `entity_role_firsts`,
//!   `entity_affiliation_set`, `affiliation_members`, `pair_facts`, `pair_fact_names`). Each
//!   is one `INSERT … ON CONFLICT … DO UPDATE` per table over the document's rows summed in
//!   Rust first (a statement may not update one row twice), fed in key order; the tables are
//!   always written in the same order, after `pg.rs`'s own (also key-ordered) upserts. Every
//!   transaction thus takes its row locks in one global order (table, then key), so writers
//!   wait for each other but never deadlock, and the totals are exact: an upsert adds to the
//!   committed row, never to a stale read.
//! - **Alert facts** merge a document's first links into the kept ones (a read, a merge in
//!   Rust, a write): the row is inserted if absent (`ON CONFLICT DO NOTHING`, which waits for
//!   a concurrent inserter of the same key), else locked with `SELECT … FOR UPDATE` before
//!   it is read, so no other writer can merge in between.
//! - **NULL order.** PostgreSQL sorts NULLs last, SQLite first: profile lines (undated
//!   first) say `NULLS FIRST`, in the query and in the index.

use std::collections::{BTreeMap, BTreeSet};

use armsgraph_model::{Alert, ChainLink, EntityKind, Event, Extraction, Role};
use postgres::Transaction;

use crate::pair_facts::{FactGroup, FactKind, FactShape, FIRST_LINKS};
use crate::pg::{PgStore, Statements};
use crate::pg_totals::SharedRows;
use crate::views::{Affiliation, EdgeSummary, MentioningDocument, ProfileLine};
use crate::{kind_str, EventSource, Result, StoreError, StoredEvent, StoredQuote};

/// The view tables (`CREATE … IF NOT EXISTS`; run by `PgStore::migrate`). The columns that
/// version 2 added to `events` and `quotes`, and `entity_events`, `entity_counts`,
/// `entity_documents`, `entity_surfaces`, `entity_names`, are in `pg.rs`'s schema already.
pub(crate) const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS actors (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq BIGINT NOT NULL,
    entity TEXT COLLATE "C" NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS actors_entity ON actors (entity, doc_id, seq);
CREATE TABLE IF NOT EXISTS actor_roles (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    actor_seq BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    entity TEXT COLLATE "C" NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, actor_seq, seq)
);
CREATE INDEX IF NOT EXISTS actor_roles_entity ON actor_roles (entity, doc_id);
CREATE TABLE IF NOT EXISTS actor_affiliations (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    actor_seq BIGINT NOT NULL,
    entity TEXT COLLATE "C" NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    affiliation TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc_id, actor_seq, affiliation)
);
CREATE INDEX IF NOT EXISTS actor_affiliations_entity ON actor_affiliations (entity, doc_id);
CREATE INDEX IF NOT EXISTS actor_affiliations_group ON actor_affiliations (affiliation, doc_id);
CREATE INDEX IF NOT EXISTS actor_affiliations_pair
    ON actor_affiliations (entity, affiliation, doc_id, actor_seq);
CREATE TABLE IF NOT EXISTS document_alerts (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq BIGINT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS entity_lines (
    entity TEXT COLLATE "C" NOT NULL,
    line TEXT COLLATE "C" NOT NULL,
    counterpart TEXT COLLATE "C" NOT NULL,
    sort_date TEXT COLLATE "C",
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq BIGINT NOT NULL,
    pos BIGINT NOT NULL,
    event_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity, line, doc_id, seq, pos)
);
CREATE INDEX IF NOT EXISTS entity_lines_order
    ON entity_lines (entity, line, sort_date NULLS FIRST, counterpart, doc_id, seq, pos);
CREATE TABLE IF NOT EXISTS edge_events (
    entity TEXT COLLATE "C" NOT NULL,
    actor TEXT COLLATE "C" NOT NULL,
    recipient TEXT COLLATE "C" NOT NULL,
    relation TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    seq BIGINT NOT NULL,
    event_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity, actor, recipient, relation, doc_id, seq)
);
CREATE TABLE IF NOT EXISTS entity_edges (
    entity TEXT COLLATE "C" NOT NULL,
    actor TEXT COLLATE "C" NOT NULL,
    recipient TEXT COLLATE "C" NOT NULL,
    relation TEXT COLLATE "C" NOT NULL,
    events BIGINT NOT NULL,
    pairs BIGINT NOT NULL,
    first_key TEXT COLLATE "C" NOT NULL,
    actor_name TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    PRIMARY KEY (entity, actor, recipient, relation)
);
CREATE TABLE IF NOT EXISTS entity_role_firsts (
    entity TEXT COLLATE "C" NOT NULL,
    json TEXT COLLATE "C" NOT NULL,
    first_key TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity, json)
);
CREATE TABLE IF NOT EXISTS entity_affiliation_set (
    entity TEXT COLLATE "C" NOT NULL,
    affiliation TEXT COLLATE "C" NOT NULL,
    mentioned_docs BIGINT NOT NULL,
    PRIMARY KEY (entity, affiliation)
);
CREATE TABLE IF NOT EXISTS affiliation_members (
    affiliation TEXT COLLATE "C" NOT NULL,
    entity TEXT COLLATE "C" NOT NULL,
    name TEXT NOT NULL,
    first_key TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (affiliation, entity)
);
CREATE TABLE IF NOT EXISTS pair_facts (
    kind TEXT COLLATE "C" NOT NULL,
    a TEXT COLLATE "C" NOT NULL,
    b TEXT COLLATE "C" NOT NULL,
    time_start TEXT COLLATE "C" NOT NULL,
    time_end TEXT COLLATE "C" NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    facts BIGINT NOT NULL,
    documents BIGINT NOT NULL,
    first_key TEXT COLLATE "C" NOT NULL,
    links TEXT NOT NULL,
    PRIMARY KEY (kind, a, b, time_start, time_end, confidence)
);
CREATE TABLE IF NOT EXISTS pair_fact_names (
    entity TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    first_key TEXT COLLATE "C" NOT NULL
);
"#;

/// Creates the view tables; when they are new in a database that already holds documents
/// (made before this port), fills them from the stored extractions, in the migration's
/// transaction (a crash leaves neither tables nor rows, and the next open does it again).
pub(crate) fn migrate(tx: &mut Transaction<'_>) -> Result<()> {
    // Statements of the migration only (the store's cache is not made yet).
    let statements = Statements::default();
    let existed: bool = tx
        .query_one("SELECT to_regclass('entity_edges') IS NOT NULL", &[])?
        .get(0);
    tx.batch_execute(SCHEMA)?;
    if existed {
        return Ok(());
    }
    let mut after = String::new();
    loop {
        let rows = tx.query(
            "SELECT id, extraction FROM documents WHERE id > $1 ORDER BY id LIMIT 200",
            &[&after],
        )?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.get(0);
        for r in rows {
            let id: String = r.get(0);
            let blob: Vec<u8> = r.get(1);
            let json = crate::extraction_json(rusqlite::types::ValueRef::Blob(&blob))?;
            let ex: Extraction = parse(&json, || id.clone())?;
            let mut shared = SharedRows::default();
            index_document(tx, &statements, &ex, &mut shared)?;
            shared.write(tx, &statements)?;
        }
    }
}

/// `doc_id seq pos` with zero-padded numbers (as `views.rs` and `pair_facts.rs` write it).
fn order_key(doc_id: &str, seq: usize, pos: usize) -> String {
    format!("{doc_id} {seq:06} {pos:06}")
}

fn json_error(what: String) -> impl FnOnce(serde_json::Error) -> StoreError {
    move |source| StoreError::Json { what, source }
}

fn to_json<T: serde::Serialize>(v: &T, what: impl FnOnce() -> String) -> Result<String> {
    serde_json::to_string(v).map_err(json_error(what()))
}

/// Writes every view row of one document inside the insert's transaction (the rows
/// `views::index_document`, `views::index_document_v3` and `pair_facts::index_events` write
/// on SQLite, less those `pg.rs` already keeps: entity counts, documents, surfaces, names and
/// `entity_events`). `ex` is the reading the document's other derived rows come from.
pub(crate) fn index_document(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &Extraction,
    shared: &mut SharedRows,
) -> Result<()> {
    index_document_rows(tx, statements, ex, shared)?;
    let doc = &ex.document;
    let url = doc
        .url
        .as_deref()
        .or(Some(doc.origin.as_str()).filter(|o| !o.is_empty()));
    let published = doc.published.as_ref().map(|d| d.value.as_str());
    index_pair_facts(&doc.id, url, published, &ex.events, shared)
}

/// The view rows of one document without its alert facts: what a correction or a re-read
/// writes again, the store-wide alert facts being rebuilt after it (as on SQLite).
pub(crate) fn index_document_rows(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &Extraction,
    shared: &mut SharedRows,
) -> Result<()> {
    index_actors(tx, statements, ex)?;
    index_lines_and_edges(tx, statements, ex, shared)?;
    index_summaries(ex, shared)
}

/// `actors`, `actor_roles`, `actor_affiliations`, `document_alerts`: rows of this document
/// only (keys start with its id), so no other writer touches them.
fn index_actors(tx: &mut Transaction<'_>, statements: &Statements, ex: &Extraction) -> Result<()> {
    let doc_id = &ex.document.id;
    let (mut seqs, mut ents, mut kinds, mut names, mut jsons) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut r_actor, mut r_seq, mut r_ent, mut r_json) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut t_actor, mut t_ent, mut t_kind, mut t_name, mut t_group) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (seq, a) in ex.actors.iter().enumerate() {
        seqs.push(seq as i64);
        ents.push(a.id.as_str());
        kinds.push(kind_str(a.kind));
        names.push(a.name.as_str());
        jsons.push(to_json(a, || format!("actor in {doc_id}"))?);
        for (rseq, r) in a.roles.iter().enumerate() {
            r_actor.push(seq as i64);
            r_seq.push(rseq as i64);
            r_ent.push(a.id.as_str());
            r_json.push(to_json(r, || format!("role in {doc_id}"))?);
        }
        for group in &a.affiliations {
            t_actor.push(seq as i64);
            t_ent.push(a.id.as_str());
            t_kind.push(kind_str(a.kind));
            t_name.push(a.name.as_str());
            t_group.push(group.as_str());
        }
    }
    if !seqs.is_empty() {
        statements.execute(
            tx,
            "INSERT INTO actors(doc_id, seq, entity, kind, name, json)
             SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
             ON CONFLICT (doc_id, seq) DO UPDATE SET entity = excluded.entity,
                 kind = excluded.kind, name = excluded.name, json = excluded.json",
            &[&doc_id, &seqs, &ents, &kinds, &names, &jsons],
        )?;
    }
    if !r_seq.is_empty() {
        statements.execute(
            tx,
            "INSERT INTO actor_roles(doc_id, actor_seq, seq, entity, json)
             SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[])
             ON CONFLICT (doc_id, actor_seq, seq) DO UPDATE SET entity = excluded.entity,
                 json = excluded.json",
            &[&doc_id, &r_actor, &r_seq, &r_ent, &r_json],
        )?;
    }
    if !t_actor.is_empty() {
        // An actor naming one group twice keeps the first (SQLite: `INSERT OR IGNORE`).
        statements.execute(
            tx,
            "INSERT INTO actor_affiliations(doc_id, actor_seq, entity, kind, name, affiliation)
             SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
             ON CONFLICT DO NOTHING",
            &[&doc_id, &t_actor, &t_ent, &t_kind, &t_name, &t_group],
        )?;
    }
    if !ex.alerts.is_empty() {
        let mut a_seq = Vec::new();
        let mut a_json = Vec::new();
        for (seq, a) in ex.alerts.iter().enumerate() {
            a_seq.push(seq as i64);
            a_json.push(to_json(a, || format!("alert in {doc_id}"))?);
        }
        statements.execute(
            tx,
            "INSERT INTO document_alerts(doc_id, seq, json)
             SELECT $1, * FROM unnest($2::bigint[], $3::text[])
             ON CONFLICT (doc_id, seq) DO UPDATE SET json = excluded.json",
            &[&doc_id, &a_seq, &a_json],
        )?;
    }
    Ok(())
}

/// `entity_lines`, `edge_events` (this document's rows) and the `entity_edges` sums (shared
/// rows: one upsert in key order).
fn index_lines_and_edges(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &Extraction,
    shared: &mut SharedRows,
) -> Result<()> {
    let doc_id = &ex.document.id;
    let (mut l_ent, mut l_line, mut l_cp, mut l_date, mut l_seq, mut l_pos, mut l_ev) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let (mut e_ent, mut e_act, mut e_rec, mut e_rel, mut e_seq, mut e_ev) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    type EdgeKey<'a> = (&'a str, &'a str, &'a str, &'static str);
    let mut edges: BTreeMap<EdgeKey<'_>, (i64, i64, String, &str, &str)> = BTreeMap::new();
    for (seq, e) in ex.events.iter().enumerate() {
        let mut involved: Vec<&str> = crate::views::role_entities(e)
            .into_iter()
            .map(|(_, x)| x)
            .collect();
        involved.sort_unstable();
        involved.dedup();
        let date = e
            .time
            .as_ref()
            .and_then(|t| t.start.as_deref())
            .and_then(crate::sort_date);
        for entity in &involved {
            for (pos, (kind, counterpart)) in crate::views::profile_lines(e, entity)
                .into_iter()
                .enumerate()
            {
                l_ent.push(*entity);
                l_line.push(kind);
                l_cp.push(counterpart);
                l_date.push(date.clone());
                l_seq.push(seq as i64);
                l_pos.push(pos as i64);
                l_ev.push(e.id.as_str());
            }
        }
        let Some(relation) = crate::views::edge_relation(e) else {
            continue;
        };
        let mut pair = 0usize;
        let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
        for a in &e.actors {
            for r in &e.recipients {
                pair += 1;
                if a.entity == r.entity || a.entity.is_empty() || r.entity.is_empty() {
                    continue;
                }
                let first = seen.insert((a.entity.as_str(), r.entity.as_str()));
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
                        e_ent.push(entity);
                        e_act.push(a.entity.as_str());
                        e_rec.push(r.entity.as_str());
                        e_rel.push(relation);
                        e_seq.push(seq as i64);
                        e_ev.push(e.id.as_str());
                    }
                }
            }
        }
    }
    if !l_ent.is_empty() {
        statements.execute(
            tx,
            "INSERT INTO entity_lines(entity, line, counterpart, sort_date, doc_id, seq, pos,
                                      event_id)
             SELECT t.en, t.li, t.cp, t.sd, $1, t.sq, t.ps, t.ev
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                         $7::bigint[], $8::text[]) AS t(en, li, cp, sd, sq, ps, ev)
             ON CONFLICT DO NOTHING",
            &[
                &doc_id, &l_ent, &l_line, &l_cp, &l_date, &l_seq, &l_pos, &l_ev,
            ],
        )?;
    }
    if !e_ent.is_empty() {
        statements.execute(
            tx,
            "INSERT INTO edge_events(entity, actor, recipient, relation, doc_id, seq, event_id)
             SELECT t.en, t.ac, t.re, t.rl, $1, t.sq, t.ev
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                         $7::text[]) AS t(en, ac, re, rl, sq, ev)
             ON CONFLICT DO NOTHING",
            &[&doc_id, &e_ent, &e_act, &e_rec, &e_rel, &e_seq, &e_ev],
        )?;
    }
    // The sums are shared rows: written last, in key order (`pg_totals`).
    for ((entity, actor, recipient, relation), (events, pairs, first, a, r)) in edges {
        let key = (
            entity.to_string(),
            actor.to_string(),
            recipient.to_string(),
            relation.to_string(),
        );
        let slot = shared
            .edges
            .entry(key)
            .or_insert_with(|| (0, 0, first.clone(), a.to_string(), r.to_string()));
        slot.0 += events;
        slot.1 += pairs;
        if first < slot.2 {
            (slot.2, slot.3, slot.4) = (first, a.to_string(), r.to_string());
        }
    }
    Ok(())
}

/// `entity_role_firsts`, `entity_affiliation_set`, `affiliation_members`: shared rows, each
/// summed over the document first (the smallest key of the document wins, as the row-by-row
/// upserts of SQLite leave it), then one upsert per table in key order.
fn index_summaries(ex: &Extraction, shared: &mut SharedRows) -> Result<()> {
    let doc_id = &ex.document.id;
    let mentioned: BTreeSet<&str> = ex.entities.iter().map(|m| m.entity.as_str()).collect();
    let mut roles: BTreeMap<(&str, String), String> = BTreeMap::new();
    let mut ties: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    let mut members: BTreeMap<(&str, &str), (&str, String)> = BTreeMap::new();
    for (seq, a) in ex.actors.iter().enumerate() {
        let here = mentioned.contains(a.id.as_str());
        if here {
            for (rseq, r) in a.roles.iter().enumerate() {
                let json = to_json(r, || format!("role in {doc_id}"))?;
                roles
                    .entry((a.id.as_str(), json))
                    .or_insert_with(|| order_key(doc_id, seq, rseq));
            }
        }
        for group in &a.affiliations {
            let n = ties.entry((a.id.as_str(), group.as_str())).or_default();
            *n = (*n).max(i64::from(here));
            if mentioned.contains(group.as_str()) && a.id != *group {
                members
                    .entry((group.as_str(), a.id.as_str()))
                    .or_insert_with(|| (a.name.as_str(), order_key(doc_id, seq, 0)));
            }
        }
    }
    // Shared rows, written last (`pg_totals`); the smallest key wins there as here.
    for ((entity, json), key) in roles {
        let slot = shared
            .role_firsts
            .entry((entity.to_string(), json))
            .or_insert_with(|| key.clone());
        if key < *slot {
            *slot = key;
        }
    }
    for ((entity, group), here) in ties {
        *shared
            .affiliations
            .entry((entity.to_string(), group.to_string()))
            .or_default() += here;
    }
    for ((group, entity), (name, key)) in members {
        let slot = shared
            .members
            .entry((group.to_string(), entity.to_string()))
            .or_insert_with(|| (name.to_string(), key.clone()));
        if key < slot.1 {
            *slot = (name.to_string(), key);
        }
    }
    Ok(())
}

fn kind_label(k: FactKind) -> &'static str {
    match k {
        FactKind::Transfer => "transfer",
        FactKind::Conflict => "conflict",
    }
}

/// `pair_fact_names` and `pair_facts` for one document's events (the rows
/// `pair_facts::index_events` writes on SQLite).
fn index_pair_facts(
    document: &str,
    url: Option<&str>,
    published: Option<&str>,
    events: &[Event],
    shared: &mut SharedRows,
) -> Result<()> {
    let mut facts = Vec::new();
    let mut names: BTreeMap<&str, (&str, String)> = BTreeMap::new();
    for (seq, e) in events.iter().enumerate() {
        facts.extend(crate::pair_facts::event_facts(
            document, seq, url, published, e,
        ));
        if !crate::pair_facts::is_candidate(e) {
            continue;
        }
        // The names `pair_facts::event_names` reads: participants of candidate events.
        for (pos, p) in e
            .actors
            .iter()
            .chain(&e.recipients)
            .chain(&e.locations)
            .enumerate()
        {
            if p.name.is_empty() || p.entity.is_empty() {
                continue;
            }
            names
                .entry(p.entity.as_str())
                .or_insert((p.name.as_str(), order_key(document, seq, pos)));
        }
    }
    for (entity, (name, key)) in names {
        let slot = shared
            .fact_names
            .entry(entity.to_string())
            .or_insert_with(|| (name.to_string(), key.clone()));
        if key < slot.1 {
            *slot = (name.to_string(), key);
        }
    }
    // Written last, in key order, merged with the stored row's links (`pg_totals`).
    for g in crate::pair_facts::group_facts(facts, None) {
        let s = &g.shape;
        // `''` for an open end: NULLs would never compare equal in the key.
        let key = (
            kind_label(s.kind).to_string(),
            s.a.clone(),
            s.b.clone(),
            s.start.clone().unwrap_or_default(),
            s.end.clone().unwrap_or_default(),
            f64::from(g.confidence).to_bits(),
        );
        let what = || format!("alert facts {} {} {}", key.0, s.a, s.b);
        let mut links = g.links;
        let mut facts = g.facts as i64;
        if let Some((n, _, kept)) = shared.facts.get(&key) {
            // Two shapes with one key (an open end and an empty one): one row, as before.
            let kept: Vec<(String, ChainLink)> =
                serde_json::from_str(kept).map_err(json_error(what()))?;
            links.extend(kept);
            links.sort_by(|x, y| x.0.cmp(&y.0));
            facts += n;
        }
        links.truncate(FIRST_LINKS);
        let first = links.first().map(|(k, _)| k.clone()).unwrap_or_default();
        let json = to_json(&links, what)?;
        shared.facts.insert(key, (facts, first, json));
    }
    Ok(())
}

/// Refills the alert-fact tables from the stored events (`pair_facts::backfill` on
/// PostgreSQL), inside the caller's transaction. The tables are locked against concurrent
/// inserts first (`SHARE ROW EXCLUSIVE` conflicts with the row locks an insert's upsert
/// takes): an insert that already added its facts has committed before the events are
/// read, one that has not waits and adds them after. Returns the documents read.
pub(crate) fn rebuild_pair_facts(
    tx: &mut Transaction<'_>,
    statements: &Statements,
) -> Result<usize> {
    tx.batch_execute(
        "LOCK TABLE pair_facts, pair_fact_names IN SHARE ROW EXCLUSIVE MODE;
         DELETE FROM pair_facts; DELETE FROM pair_fact_names;",
    )?;
    let rows = tx.query(
        "SELECT e.doc_id, e.json, d.url, d.origin, d.published
         FROM events e JOIN documents d ON d.id = e.doc_id
         WHERE e.event_type IN ('AID', 'ASSAULT', 'COERCE')
         ORDER BY e.doc_id, e.seq",
        &[],
    )?;
    // Per document: (id, url or origin, published) and its candidate events in order.
    type DocEvents = (String, Option<String>, Option<String>, Vec<Event>);
    let mut docs: Vec<DocEvents> = Vec::new();
    for r in rows {
        let doc: String = r.get(0);
        let event: Event = serde_json::from_str(&r.get::<_, String>(1))
            .map_err(json_error(format!("event in {doc}")))?;
        match docs.last_mut() {
            Some(last) if last.0 == doc => last.3.push(event),
            _ => {
                let url: Option<String> = r.get(2);
                let origin: String = r.get(3);
                docs.push((
                    doc,
                    url.or_else(|| Some(origin).filter(|o| !o.is_empty())),
                    r.get(4),
                    vec![event],
                ));
            }
        }
    }
    // One document at a time, as inserts add them: one statement may not update a row twice.
    for (doc, url, published, events) in &docs {
        let mut shared = SharedRows::default();
        index_pair_facts(
            doc,
            url.as_deref(),
            published.as_deref(),
            events,
            &mut shared,
        )?;
        shared.write(tx, statements)?;
    }
    Ok(docs.len())
}

fn parse<T: serde::de::DeserializeOwned>(json: &str, what: impl FnOnce() -> String) -> Result<T> {
    serde_json::from_str(json).map_err(json_error(what()))
}

/// The documents that mention `entity` (`$1`), as an SQL subquery.
const MENTIONING: &str = "SELECT doc_id FROM entity_documents WHERE entity = $1";

fn affiliation_row(r: &postgres::Row) -> Affiliation {
    Affiliation {
        document: r.get(0),
        entity: r.get(1),
        kind: crate::kind_from_str(&r.get::<_, String>(2)),
        name: r.get(3),
        affiliation: r.get(4),
    }
}

fn clamp(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

impl PgStore {
    pub(crate) fn entity_first_mention(
        &self,
        entity: &str,
    ) -> Result<Option<(String, EntityKind)>> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT name, kind FROM mentions WHERE entity = $1
                 ORDER BY doc_id, start_char LIMIT 1",
                &[&entity],
            )?
            .map(|r| (r.get(0), crate::kind_from_str(&r.get::<_, String>(1)))))
    }

    pub(crate) fn entity_mention_name(&self, entity: &str) -> Result<Option<String>> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT name FROM mentions WHERE entity = $1 AND name <> ''
                 ORDER BY doc_id, start_char LIMIT 1",
                &[&entity],
            )?
            .map(|r| r.get(0)))
    }

    pub(crate) fn entity_documents(
        &self,
        entity: &str,
        limit: usize,
    ) -> Result<Vec<MentioningDocument>> {
        Ok(self
            .client()?
            .query(
                "SELECT m.doc_id, d.title, m.mentions FROM entity_documents m
                 JOIN documents d ON d.id = m.doc_id
                 WHERE m.entity = $1 ORDER BY m.mentions DESC, m.doc_id LIMIT $2",
                &[&entity, &clamp(limit)],
            )?
            .iter()
            .map(|r| MentioningDocument {
                id: r.get(0),
                title: r.get(1),
                mentions: r.get(2),
            })
            .collect())
    }

    pub(crate) fn entity_roles(&self, entity: &str) -> Result<Vec<(Role, String)>> {
        let rows = self.client()?.query(
            "SELECT json, first_key FROM entity_role_firsts WHERE entity = $1 ORDER BY first_key",
            &[&entity],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let first: String = r.get(1);
            let doc = first.split(' ').next().unwrap_or_default().to_string();
            let role = parse(&r.get::<_, String>(0), || format!("role in {doc}"))?;
            out.push((role, doc));
        }
        Ok(out)
    }

    pub(crate) fn entity_affiliations(&self, entity: &str) -> Result<Vec<String>> {
        Ok(self
            .client()?
            .query(
                "SELECT affiliation FROM entity_affiliation_set
                 WHERE entity = $1 AND mentioned_docs > 0 ORDER BY affiliation",
                &[&entity],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    pub(crate) fn entity_members(&self, entity: &str) -> Result<Vec<(String, String)>> {
        Ok(self
            .client()?
            .query(
                "SELECT entity, name FROM affiliation_members WHERE affiliation = $1
                 ORDER BY entity",
                &[&entity],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    pub(crate) fn actor_name_near(&self, entity: &str, other: &str) -> Result<Option<String>> {
        Ok(self
            .client()?
            .query_opt(
                &format!(
                    "SELECT name FROM actors WHERE entity = $2 AND doc_id IN ({MENTIONING})
                     ORDER BY doc_id, seq LIMIT 1"
                ),
                &[&entity, &other],
            )?
            .map(|r| r.get(0)))
    }

    /// Walks the entity's documents in id order, a growing batch at a time, until `limit`
    /// quotes are found: one query over every document naming the entity (as before) cost
    /// 180 ms for `USA` on 3,500 stored documents and grew with the store; the first batch of
    /// a frequent entity already holds enough quotes. Same answer, same order.
    pub(crate) fn quotes_mentioning(&self, entity: &str, limit: usize) -> Result<Vec<StoredQuote>> {
        let mut client = self.client()?;
        let mut out = Vec::new();
        let mut after = String::new();
        let mut batch: i64 = 256;
        while out.len() < limit {
            let docs: Vec<String> = client
                .query(
                    "SELECT doc_id FROM entity_documents WHERE entity = $1 AND doc_id > $2
                     ORDER BY doc_id LIMIT $3",
                    &[&entity, &after, &batch],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let Some(last) = docs.last().cloned() else {
                break;
            };
            let rows = client.query(
                "SELECT q.doc_id, q.json FROM quotes q
                 WHERE q.doc_id = ANY($2::text[])
                   AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity = $1
                               AND m.doc_id = q.doc_id
                               AND m.start_char >= q.msg_start AND m.end_char <= q.msg_end)
                 ORDER BY q.doc_id, q.seq LIMIT $3",
                &[&entity, &docs, &clamp(limit - out.len())],
            )?;
            for r in rows {
                let document: String = r.get(0);
                let quote = parse(&r.get::<_, String>(1), || format!("quote in {document}"))?;
                out.push(StoredQuote { document, quote });
            }
            if (docs.len() as i64) < batch {
                break;
            }
            after = last;
            batch = batch.saturating_mul(4);
        }
        Ok(out)
    }

    /// The documents arrive as one array argument: the first mention among them is one
    /// index range scan, where SQLite's loop walks the entity's mentions.
    pub(crate) fn entity_kind_in(
        &self,
        entity: &str,
        documents: &BTreeSet<&str>,
    ) -> Result<Option<EntityKind>> {
        let docs: Vec<&str> = documents.iter().copied().collect();
        Ok(self
            .client()?
            .query_opt(
                "SELECT kind FROM mentions WHERE entity = $1 AND doc_id = ANY($2::text[])
                 ORDER BY doc_id, start_char LIMIT 1",
                &[&entity, &docs],
            )?
            .map(|r| crate::kind_from_str(&r.get::<_, String>(0))))
    }

    pub(crate) fn affiliations_in(
        &self,
        entity: &str,
        documents: &BTreeSet<&str>,
    ) -> Result<Vec<Affiliation>> {
        let docs: Vec<&str> = documents.iter().copied().collect();
        Ok(self
            .client()?
            .query(
                "SELECT doc_id, entity, kind, name, affiliation FROM actor_affiliations
                 WHERE entity = $1 AND doc_id = ANY($2::text[])
                 ORDER BY doc_id, actor_seq, affiliation",
                &[&entity, &docs],
            )?
            .iter()
            .map(affiliation_row)
            .collect())
    }

    pub(crate) fn profile_lines(
        &self,
        entity: &str,
        kind: &str,
        limit: usize,
    ) -> Result<(Vec<ProfileLine>, usize)> {
        let mut client = self.client()?;
        let total: i64 = client
            .query_one(
                "SELECT count(*) FROM entity_lines WHERE entity = $1 AND line = $2",
                &[&entity, &kind],
            )?
            .get(0);
        // Undated lines first, as SQLite sorts NULL.
        let rows = client.query(
            "SELECT l.counterpart, e.doc_id, d.cluster_id, e.json, d.url, d.origin, d.published
             FROM (SELECT counterpart, event_id, sort_date, doc_id, seq, pos FROM entity_lines
                   WHERE entity = $1 AND line = $2
                   ORDER BY sort_date NULLS FIRST, counterpart, doc_id, seq, pos LIMIT $3) l
             JOIN events e ON e.id = l.event_id JOIN documents d ON d.id = e.doc_id
             ORDER BY l.sort_date NULLS FIRST, l.counterpart, l.doc_id, l.seq, l.pos",
            &[&entity, &kind, &clamp(limit)],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let document: String = r.get(1);
            let event = parse(&r.get::<_, String>(3), || format!("event in {document}"))?;
            let url: Option<String> = r.get(4);
            let origin: String = r.get(5);
            out.push((
                r.get(0),
                StoredEvent {
                    document,
                    cluster_id: r.get(2),
                    event,
                },
                EventSource {
                    url: url.or_else(|| Some(origin).filter(|o| !o.is_empty())),
                    published: r.get(6),
                },
            ));
        }
        Ok((out, total.max(0) as usize))
    }

    pub(crate) fn graph_edges(&self, entity: &str) -> Result<Vec<EdgeSummary>> {
        Ok(self
            .client()?
            .query(
                "SELECT actor, recipient, relation, events, pairs, first_key, actor_name,
                        recipient_name
                 FROM entity_edges WHERE entity = $1 ORDER BY actor, recipient, relation",
                &[&entity],
            )?
            .iter()
            .map(|r| EdgeSummary {
                actor: r.get(0),
                recipient: r.get(1),
                relation: r.get(2),
                events: r.get::<_, i64>(3).max(0) as usize,
                pairs: r.get::<_, i64>(4).max(0) as usize,
                first_key: r.get(5),
                actor_name: r.get(6),
                recipient_name: r.get(7),
            })
            .collect())
    }

    pub(crate) fn edge_events(
        &self,
        entity: &str,
        actor: &str,
        recipient: &str,
        relation: &str,
        limit: usize,
    ) -> Result<Vec<StoredEvent>> {
        let rows = self.client()?.query(
            "SELECT x.doc_id, d.cluster_id, e.json
             FROM (SELECT doc_id, seq, event_id FROM edge_events
                   WHERE entity = $1 AND actor = $2 AND recipient = $3 AND relation = $4
                   ORDER BY doc_id, seq LIMIT $5) x
             JOIN events e ON e.id = x.event_id JOIN documents d ON d.id = x.doc_id
             ORDER BY x.doc_id, x.seq",
            &[&entity, &actor, &recipient, &relation, &clamp(limit)],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let document: String = r.get(0);
            let event = parse(&r.get::<_, String>(2), || format!("event in {document}"))?;
            out.push(StoredEvent {
                document,
                cluster_id: r.get(1),
                event,
            });
        }
        Ok(out)
    }

    pub(crate) fn affiliation_targets(&self, entity: &str) -> Result<Vec<String>> {
        Ok(self
            .client()?
            .query(
                "SELECT affiliation FROM entity_affiliation_set WHERE entity = $1
                 ORDER BY affiliation",
                &[&entity],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    pub(crate) fn first_tie(
        &self,
        focus: &str,
        entity: &str,
        affiliation: &str,
    ) -> Result<Option<Affiliation>> {
        let mut client = self.client()?;
        let row = if focus.is_empty() {
            client.query_opt(
                "SELECT doc_id, entity, kind, name, affiliation FROM actor_affiliations a
                 WHERE entity = $1 AND affiliation = $2 AND kind IN ('state', 'organisation')
                   AND EXISTS (SELECT 1 FROM events e WHERE e.doc_id = a.doc_id)
                 ORDER BY doc_id, actor_seq LIMIT 1",
                &[&entity, &affiliation],
            )?
        } else {
            client.query_opt(
                "SELECT doc_id, entity, kind, name, affiliation FROM actor_affiliations a
                 WHERE entity = $1 AND affiliation = $2 AND kind IN ('state', 'organisation')
                   AND EXISTS (SELECT 1 FROM entity_events x
                               WHERE x.entity = $3 AND x.doc_id = a.doc_id)
                 ORDER BY doc_id, actor_seq LIMIT 1",
                &[&entity, &affiliation, &focus],
            )?
        };
        Ok(row.as_ref().map(affiliation_row))
    }

    pub(crate) fn recent_document_alerts(&self, limit: usize) -> Result<Vec<Alert>> {
        let rows = self.client()?.query(
            "SELECT a.doc_id, a.json FROM
               (SELECT id, ingested_at FROM documents ORDER BY ingested_at DESC, id LIMIT $1) d
             JOIN document_alerts a ON a.doc_id = d.id
             ORDER BY d.ingested_at DESC, d.id, a.seq",
            &[&clamp(limit)],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let doc: String = r.get(0);
            out.push(parse(&r.get::<_, String>(1), || format!("alert in {doc}"))?);
        }
        Ok(out)
    }

    pub(crate) fn pair_facts(&self) -> Result<Vec<FactGroup>> {
        let rows = self.client()?.query(
            "SELECT kind, a, b, time_start, time_end, confidence, facts, documents, links
             FROM pair_facts ORDER BY first_key, kind, a, b, time_start, time_end, confidence",
            &[],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let kind: String = r.get(0);
            let a: String = r.get(1);
            let b: String = r.get(2);
            let start: String = r.get(3);
            let end: String = r.get(4);
            let confidence = r.get::<_, f64>(5) as f32;
            let links: Vec<(String, ChainLink)> = parse(&r.get::<_, String>(8), || {
                format!("alert facts {kind} {a} {b}")
            })?;
            out.push(FactGroup {
                shape: FactShape {
                    kind: if kind == "transfer" {
                        FactKind::Transfer
                    } else {
                        FactKind::Conflict
                    },
                    a,
                    b,
                    start: Some(start).filter(|s| !s.is_empty()),
                    end: Some(end).filter(|s| !s.is_empty()),
                    confidence_bits: confidence.to_bits(),
                },
                confidence,
                facts: r.get::<_, i64>(6).max(0) as usize,
                documents: r.get::<_, i64>(7).max(0) as usize,
                links,
            });
        }
        Ok(out)
    }

    pub(crate) fn pair_fact_names(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .client()?
            .query(
                "SELECT entity, name FROM pair_fact_names ORDER BY entity",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    pub(crate) fn rebuild_pair_facts(&self) -> Result<usize> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let n = rebuild_pair_facts(&mut tx, self.statements())?;
        tx.commit()?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use armsgraph_model::{Document, EntityRecord, EventType, Mention, Participant};

    fn doc(id: &str, supplier: &str) -> Extraction {
        let party = |e: &str| Participant {
            entity: e.into(),
            name: format!("{e} in {id}"),
            how: "explicit".into(),
            ..Default::default()
        };
        let mention = |e: &str| Mention {
            entity: e.into(),
            name: e.into(),
            text: e.into(),
            ..Default::default()
        };
        Extraction {
            document: Document {
                id: id.into(),
                content_hash: format!("hash-{id}"),
                origin: format!("test/{id}"),
                text: format!("{supplier} armed AZE against ARM, says {id}."),
                ..Default::default()
            },
            entities: vec![mention(supplier), mention("AZE"), mention("CSTO")],
            actors: vec![EntityRecord {
                id: supplier.into(),
                name: supplier.into(),
                affiliations: vec!["CSTO".into()],
                ..Default::default()
            }],
            events: vec![
                Event {
                    id: format!("{id}:e1"),
                    event_type: EventType::Aid,
                    context: vec!["military".into()],
                    actors: vec![party(supplier)],
                    recipients: vec![party("AZE")],
                    ..Default::default()
                },
                Event {
                    id: format!("{id}:e2"),
                    event_type: EventType::Assault,
                    actors: vec![party("AZE")],
                    recipients: vec![party("ARM")],
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn views(store: &crate::Store) -> String {
        let mut out = String::new();
        for e in ["", "AZE", "BLR", "RUS", "ARM"] {
            out.push_str(&format!(
                "{e}: {:?} {:?} {:?} {:?}\n",
                store.graph_edges(e).map(|v| v
                    .into_iter()
                    .map(|x| (x.actor, x.recipient, x.relation, x.events, x.pairs))
                    .collect::<Vec<_>>()),
                store
                    .profile_lines(e, "supplier", 10)
                    .map(|(l, n)| (l.into_iter().map(|x| x.1.event.id).collect::<Vec<_>>(), n)),
                store.entity_affiliations(e),
                store.affiliations_in(e, &["a1", "a2"].into_iter().collect()),
            ));
        }
        out
    }

    /// Unindexing a document leaves what a store without it holds; indexing it again, what
    /// a store with it holds (PostgreSQL only, when `ARMSGRAPH_TEST_PG` is set).
    #[test]
    fn a_document_taken_out_and_put_back_leaves_the_views_as_they_were() {
        let Some(base) = std::env::var("ARMSGRAPH_TEST_PG")
            .ok()
            .filter(|u| crate::pg::is_url(u))
        else {
            return;
        };
        let open = |name: &str| {
            let url = crate::pg::fresh_schema_url(&base, name).unwrap();
            crate::Store::open(std::path::Path::new(&url)).unwrap()
        };
        let mut both = open("unindex_both");
        let mut one = open("unindex_one");
        let (a1, a2) = (doc("a1", "BLR"), doc("a2", "RUS"));
        both.insert(&a1).unwrap();
        both.insert(&a2).unwrap();
        one.insert(&a1).unwrap();
        let (with, without) = (views(&both), views(&one));
        assert_ne!(with, without);
        // What a correction or a re-reading does to a document's derived rows
        // (`pg_corrections`), so the test checks the code that runs, not a copy of it.
        let change = |store: &crate::Store, put_back: bool| {
            let pg = store.pg().unwrap();
            let mut client = pg.client().unwrap();
            let mut tx = client.transaction().unwrap();
            crate::pg_corrections::unindex(&mut tx, &a2).unwrap();
            if put_back {
                crate::pg_corrections::index(&mut tx, &a2).unwrap();
            }
            tx.commit().unwrap();
        };
        change(&both, true);
        assert_eq!(views(&both), with);
        change(&both, false);
        assert_eq!(views(&both), without);
    }
}
