//! Corrections and re-reading on PostgreSQL (issue 16, items 3 and 4): the same tables,
//! semantics and outcomes as [`crate::corrections`] and [`crate::raw`] on SQLite. The logic
//! that decides what a correction does — [`corrections::apply`] over the machine's reading,
//! event keys, validation ([`crate::Store::add_correction`] checks a correction before it
//! reaches either store) — is shared; this file holds the PostgreSQL statements.
//!
//! - `corrections` (`id` an identity column, `INSERT … RETURNING id`), `reprocess_runs` and
//!   `reprocess_progress` (with an identity column `seq`, since PostgreSQL has no rowid and
//!   [`crate::Store::data_generation`] adds its largest value, as SQLite adds the rowid).
//! - Every derived row is written from the corrected reading: the insert calls
//!   [`corrected`]; a correction, a withdrawal and a re-read document re-derive the rows of
//!   the documents they touch ([`unindex`] then [`index`]) in one transaction.
//! - Concurrency (SQLite has one writer; PostgreSQL has many): a correction or withdrawal
//!   takes this schema's corrections lock exclusively (`pg_advisory_xact_lock`), an insert
//!   or a re-read document takes it shared before it reads the corrections in force. So a
//!   document stored while an entity is being merged is either seen by the merge or reads
//!   the merge, never neither; inserts do not wait for each other. A re-read document and a
//!   correction lock the document's row (`FOR UPDATE`) after that lock, in id order.
//!
//! View tables (issue 16 item 6, ported by another change): the per-document rows of every
//! table in [`corrections::DERIVED_DOCUMENT_TABLES`] that exists are deleted, and the
//! running sums of `entity_edges` and `entity_affiliation_set` are subtracted, as on
//! SQLite; writing the view rows of the new reading is [`index_views`], and the pair facts
//! are [`refresh_pair_facts`] (both from `pg_views`).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use armsgraph_model::Extraction;
use postgres::{GenericClient, Transaction};

use crate::corrections::{
    self, invalid, parse_key, Correction, CorrectionKind, CorrectionOutcome, CorrectionStatus,
    NewCorrection, Withdrawal, SELECT,
};
use crate::pg::{self, PgStore, Statements, NOW_TEXT};
use crate::pg_totals::SharedRows;
use crate::raw::{self, Outcome, Run, RunCounts, Selection};
use crate::{Result, StoreError};

/// The tables, created with the rest of the schema on every open (all `IF NOT EXISTS`).
pub(crate) const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS corrections (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    target TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C",
    value TEXT COLLATE "C",
    value_name TEXT,
    surface TEXT,
    by_whom TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT,
    withdrawn_reason TEXT
);
CREATE INDEX IF NOT EXISTS corrections_doc ON corrections (doc_id, id);
CREATE INDEX IF NOT EXISTS corrections_target ON corrections (target, id);
CREATE INDEX IF NOT EXISTS corrections_value ON corrections (value, id);
CREATE TABLE IF NOT EXISTS reprocess_runs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    selection TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS reprocess_progress (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    run_id BIGINT NOT NULL REFERENCES reprocess_runs(id),
    doc_id TEXT COLLATE "C" NOT NULL,
    outcome TEXT NOT NULL,
    message TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (run_id, doc_id)
);
"#;

/// What corrections and re-reading add to the last number of
/// [`crate::Store::data_generation`]: as on SQLite, the largest correction id, the number of
/// withdrawn corrections and the largest progress row — each only grows, so their sum
/// changes whenever one does.
pub(crate) const GENERATION_TERMS: &str = "(SELECT COALESCE(max(id), 0) FROM corrections)
    + (SELECT count(withdrawn_at) FROM corrections)
    + (SELECT COALESCE(max(seq), 0) FROM reprocess_progress)";

/// The first key of the corrections lock; the second is the schema's name, so tests in
/// schemas of their own (and two databases' worth of schemas on one server) do not wait
/// for each other.
const LOCK_KEY: i32 = 7_215_842;

/// The rows `insert_once` writes after the document row (pg.rs), for [`index`].
const ENTITY_EVENTS_OF_DOCUMENT: &str =
    "INSERT INTO entity_events(entity, doc_id, seq, event_id, undated, time_start)
     SELECT DISTINCT r.entity, e.doc_id, e.seq, e.id, e.time_start IS NULL, e.time_start
     FROM events e JOIN event_roles r ON r.event_id = e.id WHERE e.doc_id = $1
     ON CONFLICT DO NOTHING";

fn lock_shared(tx: &mut Transaction<'_>) -> Result<()> {
    tx.execute(
        "SELECT pg_advisory_xact_lock_shared($1, hashtext(current_schema()))",
        &[&LOCK_KEY],
    )?;
    Ok(())
}

fn lock_exclusive(tx: &mut Transaction<'_>) -> Result<()> {
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))",
        &[&LOCK_KEY],
    )?;
    Ok(())
}

fn correction_row(r: &postgres::Row) -> Correction {
    let kind: String = r.get(1);
    let withdrawn_at: Option<String> = r.get(11);
    Correction {
        id: r.get(0),
        // An unknown kind (written by a newer armsgraph) applies as nothing, as on SQLite.
        kind: CorrectionKind::parse(&kind).unwrap_or(CorrectionKind::Alias),
        target: r.get(2),
        document: r.get(3),
        value: r.get(4),
        value_name: r.get(5),
        surface: r.get(6),
        by: r.get(7),
        at: r.get(8),
        reason: r.get(9),
        withdrawn: withdrawn_at.map(|at| Withdrawal {
            by: r.get::<_, Option<String>>(10).unwrap_or_default(),
            at,
            reason: r.get::<_, Option<String>>(12).unwrap_or_default(),
        }),
    }
}

/// The corrections in force for document `doc_id`, oldest first (see
/// [`corrections::for_document`]).
/// The corrections that apply to `doc_id`, in order (`statements`: the connection's cache
/// where the caller has one, else a new one).
fn for_document(
    client: &mut impl GenericClient,
    statements: &Statements,
    doc_id: &str,
) -> Result<Vec<Correction>> {
    Ok(statements
        .query(
            client,
            &format!(
                "{SELECT} WHERE (doc_id = $1 OR doc_id IS NULL) AND withdrawn_at IS NULL
                 ORDER BY id"
            ),
            &[&doc_id],
        )?
        .iter()
        .map(correction_row)
        .collect())
}

/// The machine's reading of `doc_id` as stored (no correction applied).
fn machine_extraction(client: &mut impl GenericClient, doc_id: &str) -> Result<Option<Extraction>> {
    let Some(row) =
        client.query_opt("SELECT extraction FROM documents WHERE id = $1", &[&doc_id])?
    else {
        return Ok(None);
    };
    let blob: Vec<u8> = row.get(0);
    let json = crate::extraction_json(rusqlite::types::ValueRef::Blob(&blob))?;
    serde_json::from_str(&json)
        .map(Some)
        .map_err(|source| StoreError::Json {
            what: doc_id.to_string(),
            source,
        })
}

/// `ex` with the stored corrections for it applied: what `PgStore::insert_once` indexes
/// (borrowed as it is when there are none, the common case). Takes the corrections lock
/// shared first, so a correction being recorded is waited for and then read.
pub(crate) fn corrected<'a>(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &'a Extraction,
) -> Result<Cow<'a, Extraction>> {
    // As `lock_shared` and `for_document`, prepared: every insert runs them. Two statements,
    // so that the read's snapshot is taken after the lock is granted.
    statements.execute(
        tx,
        "SELECT pg_advisory_xact_lock_shared($1, hashtext(current_schema()))",
        &[&LOCK_KEY],
    )?;
    let list = for_document(tx, statements, &ex.document.id)?;
    if list.is_empty() {
        return Ok(Cow::Borrowed(ex));
    }
    let mut out = ex.clone();
    corrections::apply(&mut out, &list);
    Ok(Cow::Owned(out))
}

/// Which of `tables` exist in this database (the view tables arrive with another port).
fn existing(tx: &mut Transaction<'_>, tables: &[&str]) -> Result<BTreeSet<String>> {
    Ok(tx
        .query(
            "SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL",
            &[&tables],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// The tables re-deriving writes, in the order `PgStore::migrate` creates (and, for an
/// index, share-locks) them and the insert writes them.
const WRITE_ORDER: &[&str] = &[
    "documents",
    "mentions",
    "events",
    "event_roles",
    "entity_events",
    "quotes",
    "entity_counts",
    "entity_documents",
    "entity_surfaces",
    "entity_names",
];

/// Takes the table locks a correction or a re-read document needs (`ROW EXCLUSIVE`, what
/// its statements take anyway, so concurrent inserts are not held up) up front, in the
/// order the schema migration and the insert take theirs. Taken statement by statement,
/// they would come in another order (roles before mentions, corrections first) and a store
/// opening at that moment — its migration share-locks each table in schema order — could
/// deadlock with the correction.
fn lock_tables(tx: &mut Transaction<'_>) -> Result<()> {
    let mut views: Vec<&str> = corrections::DERIVED_DOCUMENT_TABLES.to_vec();
    views.extend(["entity_edges", "entity_affiliation_set"]);
    views.retain(|t| !WRITE_ORDER.contains(t));
    let present = existing(tx, &views)?;
    let mut tables: Vec<&str> = WRITE_ORDER.to_vec();
    tables.extend(views.into_iter().filter(|t| present.contains(*t)));
    tables.extend(["corrections", "reprocess_runs", "reprocess_progress"]);
    tx.batch_execute(&format!(
        "LOCK TABLE {} IN ROW EXCLUSIVE MODE",
        tables.join(", ")
    ))?;
    Ok(())
}

/// Locks the running-sum rows a re-derivation touches (the entities and surface forms of
/// both readings), table by table in key order — the order the insert upserts them in — so
/// a re-read document and concurrent inserts wait for each other instead of deadlocking.
fn lock_sums(tx: &mut Transaction<'_>, readings: &[&Extraction]) -> Result<()> {
    let mut entities: BTreeSet<&str> = BTreeSet::new();
    let mut surfaces: BTreeSet<(&str, &str)> = BTreeSet::new();
    for m in readings.iter().flat_map(|ex| &ex.entities) {
        entities.insert(m.entity.as_str());
        surfaces.insert((m.entity.as_str(), m.text.as_str()));
    }
    if entities.is_empty() {
        return Ok(());
    }
    let entities: Vec<&str> = entities.into_iter().collect();
    tx.execute(
        "SELECT 1 FROM entity_counts WHERE entity = ANY($1) ORDER BY entity FOR UPDATE",
        &[&entities],
    )?;
    let (se, ss): (Vec<&str>, Vec<&str>) = surfaces.into_iter().unzip();
    tx.execute(
        "SELECT 1 FROM entity_surfaces s
         JOIN unnest($1::text[], $2::text[]) AS t(e, x) ON s.entity = t.e AND s.surface = t.x
         ORDER BY s.entity, s.surface FOR UPDATE OF s",
        &[&se, &ss],
    )?;
    Ok(())
}

/// Runs one writing transaction again when PostgreSQL broke a deadlock by aborting it (a
/// re-read document and an insert that met on the same rows in another order), as the
/// SQLite store retries a busy database.
fn retrying<T>(mut write: impl FnMut() -> Result<T>) -> Result<T> {
    let mut attempt = 0;
    loop {
        match write() {
            Err(StoreError::Postgres(e))
                if attempt < 5
                    && matches!(
                        e.code(),
                        Some(&postgres::error::SqlState::T_R_DEADLOCK_DETECTED)
                            | Some(&postgres::error::SqlState::T_R_SERIALIZATION_FAILURE)
                    ) =>
            {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(20 << attempt));
            }
            other => return other,
        }
    }
}

/// Takes one document's derived rows out (as [`corrections::unindex`]): per-document rows
/// deleted, its share of the running sums subtracted. `old` is the reading they were
/// written from; [`lock_sums`] has locked the sum rows.
pub(crate) fn unindex(tx: &mut Transaction<'_>, old: &Extraction) -> Result<()> {
    let doc_id = old.document.id.as_str();
    tx.execute(
        "DELETE FROM event_roles WHERE event_id IN (SELECT id FROM events WHERE doc_id = $1)",
        &[&doc_id],
    )?;
    let present = existing(tx, corrections::DERIVED_DOCUMENT_TABLES)?;
    // `events` last: other per-document tables may refer to it.
    let tables = corrections::DERIVED_DOCUMENT_TABLES
        .iter()
        .filter(|t| **t != "events")
        .chain(std::iter::once(&"events"));
    for table in tables.filter(|t| present.contains(**t)) {
        tx.execute(
            &format!("DELETE FROM {table} WHERE doc_id = $1"),
            &[&doc_id],
        )?;
    }
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    let mut surfaces: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for m in &old.entities {
        *counts.entry(m.entity.as_str()).or_default() += 1;
        *surfaces
            .entry((m.entity.as_str(), m.text.as_str()))
            .or_default() += 1;
    }
    if !counts.is_empty() {
        let entities: Vec<&str> = counts.keys().copied().collect();
        let ns: Vec<i64> = counts.values().copied().collect();
        tx.execute(
            "UPDATE entity_counts c SET mentions = c.mentions - t.n, documents = c.documents - 1
             FROM unnest($1::text[], $2::bigint[]) AS t(e, n) WHERE c.entity = t.e",
            &[&entities, &ns],
        )?;
        tx.execute(
            "DELETE FROM entity_counts WHERE entity = ANY($1) AND documents <= 0",
            &[&entities],
        )?;
        let (mut se, mut ss, mut sn) = (Vec::new(), Vec::new(), Vec::new());
        for ((entity, surface), n) in &surfaces {
            se.push(*entity);
            ss.push(*surface);
            sn.push(*n);
        }
        tx.execute(
            "UPDATE entity_surfaces s SET mentions = s.mentions - t.n
             FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(e, x, n)
             WHERE s.entity = t.e AND s.surface = t.x",
            &[&se, &ss, &sn],
        )?;
        tx.execute(
            "DELETE FROM entity_surfaces s USING unnest($1::text[], $2::text[]) AS t(e, x)
             WHERE s.entity = t.e AND s.surface = t.x AND s.mentions <= 0",
            &[&se, &ss],
        )?;
    }
    unindex_view_sums(tx, old)
}

/// The document's share of the view tables' running sums (graph edges, affiliation
/// counts), subtracted as [`corrections::unindex`] does on SQLite — where those tables
/// exist on PostgreSQL (the view-table port; same table and column names).
fn unindex_view_sums(tx: &mut Transaction<'_>, old: &Extraction) -> Result<()> {
    let present = existing(tx, &["entity_edges", "entity_affiliation_set"])?;
    if present.contains("entity_edges") {
        for ((entity, actor, recipient, relation), (events, pairs)) in corrections::edge_sums(old) {
            tx.execute(
                "UPDATE entity_edges SET events = events - $5, pairs = pairs - $6
                 WHERE entity = $1 AND actor = $2 AND recipient = $3 AND relation = $4",
                &[&entity, &actor, &recipient, &relation, &events, &pairs],
            )?;
            tx.execute(
                "DELETE FROM entity_edges
                 WHERE entity = $1 AND actor = $2 AND recipient = $3 AND relation = $4
                   AND events <= 0",
                &[&entity, &actor, &recipient, &relation],
            )?;
        }
    }
    if present.contains("entity_affiliation_set") {
        let mentioned: BTreeSet<&str> = old.entities.iter().map(|m| m.entity.as_str()).collect();
        let mut ties: BTreeMap<(&str, &str), i64> = BTreeMap::new();
        for a in &old.actors {
            let here = i64::from(mentioned.contains(a.id.as_str()));
            for g in &a.affiliations {
                let n = ties.entry((a.id.as_str(), g.as_str())).or_default();
                *n = (*n).max(here);
            }
        }
        for ((entity, group), here) in ties {
            if here > 0 {
                tx.execute(
                    "UPDATE entity_affiliation_set SET mentioned_docs = mentioned_docs - $3
                     WHERE entity = $1 AND affiliation = $2",
                    &[&entity, &group, &here],
                )?;
            }
        }
    }
    Ok(())
}

/// Writes one document's derived rows from its (corrected) reading, as `insert_once` does
/// after the document row.
pub(crate) fn index(tx: &mut Transaction<'_>, ex: &Extraction) -> Result<()> {
    // Corrections and re-reads are rare next to inserts: their statements are prepared per
    // call, as an unprepared query would be anyway.
    let statements = Statements::default();
    let mut shared = SharedRows::default();
    let doc_id = ex.document.id.as_str();
    pg::insert_mentions(tx, &statements, doc_id, &ex.entities)?;
    pg::insert_events(tx, &statements, doc_id, ex)?;
    tx.execute(ENTITY_EVENTS_OF_DOCUMENT, &[&doc_id])?;
    pg::insert_quotes(tx, &statements, doc_id, ex)?;
    pg::index_entities(tx, &statements, doc_id, &ex.entities, &mut shared)?;
    index_views(tx, &statements, ex, &mut shared)?;
    shared.write(tx, &statements)
}

/// The view-table rows of one document's (corrected) reading, as `insert_once` writes them
/// ([`unindex`] takes the old ones out), less the alert facts: those are rebuilt store-wide
/// after a correction and at the end of a re-reading run, as on SQLite.
fn index_views(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &Extraction,
    shared: &mut SharedRows,
) -> Result<()> {
    crate::pg_views::index_document_rows(tx, statements, ex, shared)
}

/// The store-wide pair facts after documents were re-derived (SQLite:
/// `pair_facts::backfill`).
fn refresh_pair_facts(tx: &mut Transaction<'_>) -> Result<()> {
    crate::pg_views::rebuild_pair_facts(tx, &Statements::default()).map(|_| ())
}

/// Re-derives one document: out with the reading under `before`, in with the reading under
/// `after`, both applied to the machine's reading `machine`.
fn rederive(
    tx: &mut Transaction<'_>,
    machine: &Extraction,
    before: &[Correction],
    after: &[Correction],
) -> Result<()> {
    let mut old = machine.clone();
    corrections::apply(&mut old, before);
    let mut new = machine.clone();
    corrections::apply(&mut new, after);
    lock_sums(tx, &[&old, &new])?;
    unindex(tx, &old)?;
    index(tx, &new)
}

/// The documents a correction changes (see the SQLite `affected_documents`): its event's
/// document; for a merge, every document naming one of `entities`; for a split, those with
/// its surface form under one of them. Sorted by id, which is the order they are locked in.
fn affected_documents(
    tx: &mut Transaction<'_>,
    c: &Correction,
    entities: &[&str],
) -> Result<Vec<String>> {
    let mut out = BTreeSet::new();
    match c.kind {
        k if k.is_event() => out.extend(c.document.clone()),
        CorrectionKind::Merge => {
            // Actor records are a view table: asked only where it exists.
            let actors = if existing(tx, &["actors"])?.is_empty() {
                ""
            } else {
                " UNION SELECT doc_id FROM actors WHERE entity = ANY($1)"
            };
            let rows = tx.query(
                &format!(
                    "SELECT doc_id FROM entity_documents WHERE entity = ANY($1)
                     UNION SELECT doc_id FROM entity_events WHERE entity = ANY($1)
                     UNION SELECT doc_id FROM quotes WHERE speaker = ANY($1){actors}"
                ),
                &[&entities],
            )?;
            out.extend(rows.iter().map(|r| r.get::<_, String>(0)));
        }
        CorrectionKind::Split => {
            let surface = c.surface.as_deref().unwrap_or_default().to_lowercase();
            let rows = tx.query(
                "SELECT DISTINCT doc_id FROM mentions WHERE entity = ANY($1) AND lower(surface) = $2",
                &[&entities, &surface],
            )?;
            out.extend(rows.iter().map(|r| r.get::<_, String>(0)));
        }
        _ => {}
    }
    let docs: Vec<String> = out.into_iter().collect();
    // A re-read document (another worker) is waited for, not written over.
    tx.execute(
        "SELECT 1 FROM documents WHERE id = ANY($1) ORDER BY id FOR UPDATE",
        &[&docs],
    )?;
    Ok(docs)
}

impl PgStore {
    /// The machine's reading of a document (no correction applied).
    pub(crate) fn machine_reading(&self, doc_id: &str) -> Result<Option<Extraction>> {
        machine_extraction(&mut *self.client()?, doc_id)
    }

    /// [`crate::Store::add_correction`] after its checks: the row and the re-derived rows
    /// of every document it touches, in one transaction.
    pub(crate) fn add_correction(&self, new: &NewCorrection) -> Result<CorrectionOutcome> {
        retrying(|| self.add_correction_once(new))
    }

    fn add_correction_once(&self, new: &NewCorrection) -> Result<CorrectionOutcome> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        lock_exclusive(&mut tx)?;
        lock_tables(&mut tx)?;
        let doc_id = if new.kind.is_event() {
            parse_key(&new.target).map(|k| k.doc)
        } else {
            None
        };
        let value_name: Option<String> = match new.kind {
            CorrectionKind::Actor | CorrectionKind::Recipient | CorrectionKind::Merge => tx
                .query_opt(
                    "SELECT name FROM entity_counts WHERE entity = $1",
                    &[&new.value],
                )?
                .map(|r| r.get(0)),
            CorrectionKind::Split => new.name.clone().or_else(|| new.surface.clone()),
            _ => None,
        };
        let reason = new.reason.trim();
        let row = tx.query_one(
            &format!(
                "INSERT INTO corrections(kind, target, doc_id, value, value_name, surface,
                    by_whom, at, reason)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, {NOW_TEXT}, $8) RETURNING id, at"
            ),
            &[
                &new.kind.as_str(),
                &new.target,
                &doc_id,
                &new.value,
                &value_name,
                &new.surface,
                &new.by,
                &reason,
            ],
        )?;
        let id: i64 = row.get(0);
        let correction = Correction {
            id,
            kind: new.kind,
            target: new.target.clone(),
            document: doc_id,
            value: new.value.clone(),
            value_name,
            surface: new.surface.clone(),
            by: new.by.clone(),
            at: row.get(1),
            reason: reason.to_string(),
            withdrawn: None,
        };
        let affected = affected_documents(&mut tx, &correction, &[&correction.target])?;
        if new.kind == CorrectionKind::Alias {
            let alias = new.value.as_deref().unwrap_or_default().to_lowercase();
            tx.execute(
                "INSERT INTO entity_names(entity, text) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&new.target, &alias],
            )?;
        }
        for doc in &affected {
            let Some(machine) = machine_extraction(&mut tx, doc)? else {
                continue;
            };
            let after = for_document(&mut tx, &Statements::default(), doc)?;
            let before: Vec<Correction> = after.iter().filter(|c| c.id != id).cloned().collect();
            rederive(&mut tx, &machine, &before, &after)?;
        }
        if !affected.is_empty() {
            refresh_pair_facts(&mut tx)?;
        }
        tx.commit()?;
        Ok(CorrectionOutcome {
            correction,
            documents: affected.len(),
        })
    }

    /// [`crate::Store::withdraw_correction`]: the row marked withdrawn, every document it
    /// touched derived again without it, in one transaction.
    pub(crate) fn withdraw_correction(
        &self,
        id: i64,
        by: &str,
        reason: &str,
    ) -> Result<CorrectionOutcome> {
        retrying(|| self.withdraw_once(id, by, reason))
    }

    fn withdraw_once(&self, id: i64, by: &str, reason: &str) -> Result<CorrectionOutcome> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        lock_exclusive(&mut tx)?;
        lock_tables(&mut tx)?;
        let mut correction = tx
            .query_opt(&format!("{SELECT} WHERE id = $1"), &[&id])?
            .map(|r| correction_row(&r))
            .ok_or_else(|| invalid(format!("no correction {id} (see `armsgraph corrections`)")))?;
        if let Some(w) = &correction.withdrawn {
            return Err(invalid(format!(
                "correction {id} was already withdrawn by {} at {}",
                w.by, w.at
            )));
        }
        // Found before the correction stops applying: a merge's rows are under the entity
        // it merged into until they are derived again.
        let mut entities = vec![correction.target.as_str()];
        if let Some(v) = correction.value.as_deref() {
            if matches!(
                correction.kind,
                CorrectionKind::Merge | CorrectionKind::Split
            ) {
                entities.push(v);
            }
        }
        let affected = affected_documents(&mut tx, &correction, &entities)?;
        let at: String = tx
            .query_one(
                &format!(
                    "UPDATE corrections SET withdrawn_by = $2, withdrawn_at = {NOW_TEXT},
                        withdrawn_reason = $3
                     WHERE id = $1 RETURNING withdrawn_at"
                ),
                &[&id, &by, &reason],
            )?
            .get(0);
        if correction.kind == CorrectionKind::Alias {
            // The alias leaves name search unless a document wrote the entity that way.
            let alias = correction
                .value
                .as_deref()
                .unwrap_or_default()
                .to_lowercase();
            tx.execute(
                "DELETE FROM entity_names WHERE entity = $1 AND text = $2
                 AND NOT EXISTS (SELECT 1 FROM entity_surfaces
                                 WHERE entity = $1 AND lower(surface) = $2)",
                &[&correction.target, &alias],
            )?;
        }
        for doc in &affected {
            let Some(machine) = machine_extraction(&mut tx, doc)? else {
                continue;
            };
            let after = for_document(&mut tx, &Statements::default(), doc)?;
            let mut before = after.clone();
            before.push(correction.clone());
            before.sort_by_key(|c| c.id);
            rederive(&mut tx, &machine, &before, &after)?;
        }
        if !affected.is_empty() {
            refresh_pair_facts(&mut tx)?;
        }
        tx.commit()?;
        correction.withdrawn = Some(Withdrawal {
            by: by.to_string(),
            at,
            reason: reason.to_string(),
        });
        Ok(CorrectionOutcome {
            correction,
            documents: affected.len(),
        })
    }

    /// [`crate::Store::corrections`].
    pub(crate) fn corrections(&self, orphaned_only: bool) -> Result<Vec<CorrectionStatus>> {
        let mut client = self.client()?;
        let rows: Vec<Correction> = client
            .query(&format!("{SELECT} ORDER BY id"), &[])?
            .iter()
            .map(correction_row)
            .collect();
        corrections::with_status(rows, orphaned_only, |doc| {
            machine_extraction(&mut *client, doc)
        })
    }

    /// [`crate::Store::entity_corrections`].
    pub(crate) fn entity_corrections(&self, entity: &str) -> Result<Vec<Correction>> {
        Ok(self
            .client()?
            .query(
                &format!(
                    "{SELECT} WHERE doc_id IS NULL AND (target = $1 OR value = $1)
                     AND withdrawn_at IS NULL ORDER BY id"
                ),
                &[&entity],
            )?
            .iter()
            .map(correction_row)
            .collect())
    }

    /// The stored corrections applied to a document's machine reading (what
    /// [`crate::Store::document`] returns, as on SQLite).
    pub(crate) fn apply_corrections(&self, ex: &mut Extraction) -> Result<()> {
        let list = for_document(
            &mut *self.client()?,
            &Statements::default(),
            &ex.document.id,
        )?;
        corrections::apply(ex, &list);
        Ok(())
    }

    // --- re-reading (`raw.rs`) ---

    /// [`crate::Store::reprocess_start`]: a new run, or the last unfinished run of the same
    /// selection continued.
    pub(crate) fn reprocess_start(&self, selection: &Selection) -> Result<Run> {
        let label = selection.label();
        let mut client = self.client()?;
        if let Selection::Collection(name) = selection {
            // Collections arrive on PostgreSQL with the accounts port (issue 16 item 2).
            let table: Option<String> = client
                .query_one("SELECT to_regclass('collection_documents')::text", &[])?
                .get(0);
            if table.is_none() {
                return Err(StoreError::NotOnPostgres(
                    "reprocess --collection: collections".into(),
                ));
            }
            let known: bool = client
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM collections WHERE name = $1)",
                    &[name],
                )?
                .get(0);
            if !known {
                return Err(raw::no_collection(name));
            }
        }
        let open: Option<i64> = client
            .query_opt(
                "SELECT id FROM reprocess_runs WHERE selection = $1 AND finished_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                &[&label],
            )?
            .map(|r| r.get(0));
        let (id, resumed) = match open {
            Some(id) => (id, true),
            None => {
                let id: i64 = client
                    .query_one(
                        &format!(
                            "INSERT INTO reprocess_runs(selection, started_at)
                             VALUES ($1, {NOW_TEXT}) RETURNING id"
                        ),
                        &[&label],
                    )?
                    .get(0);
                (id, false)
            }
        };
        let collection_filter = raw::COLLECTION_FILTER.replace("?1", "$2::text");
        let (filter, arg): (&str, Option<String>) = match selection {
            Selection::All => ("$2::text IS NULL", None),
            Selection::Since(day) => ("d.ingested_at >= $2::text", Some(day.clone())),
            Selection::Source(s) => (
                "(strpos(d.origin, $2::text) > 0 OR strpos(COALESCE(d.url, ''), $2::text) > 0
                  OR d.publisher = $2::text)",
                Some(s.clone()),
            ),
            Selection::Collection(c) => (collection_filter.as_str(), Some(c.clone())),
        };
        let rows = client.query(
            &format!(
                "SELECT d.id, EXISTS (SELECT 1 FROM reprocess_progress p
                                      WHERE p.run_id = $1 AND p.doc_id = d.id)
                 FROM documents d WHERE ({filter}) ORDER BY d.id"
            ),
            &[&id, &arg],
        )?;
        let mut done = 0;
        let mut pending = Vec::new();
        for r in &rows {
            if r.get::<_, bool>(1) {
                done += 1;
            } else {
                pending.push(r.get(0));
            }
        }
        Ok(Run {
            id,
            resumed,
            total: rows.len(),
            done,
            pending,
        })
    }

    /// [`crate::Store::reprocess_skip`].
    pub(crate) fn reprocess_skip(
        &self,
        run: i64,
        doc_id: &str,
        outcome: Outcome,
        message: &str,
    ) -> Result<()> {
        progress(&mut *self.client()?, run, doc_id, outcome, Some(message))
    }

    /// [`crate::Store::replace_reading`]: the new machine reading (same id, ingest time and
    /// copy cluster), its text index and its rows re-derived with the corrections applied,
    /// and the run's progress row, in one transaction; an equal reading writes only the
    /// progress row.
    pub(crate) fn replace_reading(
        &self,
        run: i64,
        doc_id: &str,
        new: &Extraction,
    ) -> Result<Outcome> {
        retrying(|| self.replace_once(run, doc_id, new))
    }

    fn replace_once(&self, run: i64, doc_id: &str, new: &Extraction) -> Result<Outcome> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        lock_shared(&mut tx)?;
        lock_tables(&mut tx)?;
        tx.execute(
            "SELECT 1 FROM documents WHERE id = $1 FOR UPDATE",
            &[&doc_id],
        )?;
        let Some(old) = machine_extraction(&mut tx, doc_id)? else {
            return Err(raw::reprocess_error(format!("no stored document {doc_id}")));
        };
        let mut new = raw::same_id(new, doc_id)?;
        new.document.cluster = old.document.cluster.clone();
        if new == old {
            progress(&mut tx, run, doc_id, Outcome::Unchanged, None)?;
            tx.commit()?;
            return Ok(Outcome::Unchanged);
        }
        let list = for_document(&mut tx, &Statements::default(), doc_id)?;
        let mut old_read = old.clone();
        corrections::apply(&mut old_read, &list);
        let mut new_read = new.clone();
        corrections::apply(&mut new_read, &list);
        lock_sums(&mut tx, &[&old_read, &new_read])?;
        unindex(&mut tx, &old_read)?;
        let json = serde_json::to_string(&new).map_err(|source| StoreError::Json {
            what: doc_id.to_string(),
            source,
        })?;
        let json = crate::compress_extraction(&json)?;
        let doc = &new.document;
        // As `insert_once` indexes the text: no NUL, the first characters only.
        let body = doc.text.replace('\0', " ");
        let indexed: &str = match body.char_indices().nth(pg::TSV_MAX_CHARS) {
            Some((at, _)) => &body[..at],
            None => &body,
        };
        let title = doc.title.as_ref().map(|t| t.replace('\0', " "));
        let published = doc.published.as_ref().map(|d| d.value.clone());
        let config = pg::config_of(doc.language.as_deref());
        tx.execute(
            "UPDATE documents SET url = $2, title = $3, publisher = $4, language = $5,
                 published = $6, extraction = $7, body = $8, ts_config = $9::text,
                 tsv = setweight(to_tsvector($9::text::regconfig, coalesce($3, '')), 'A')
                       || to_tsvector($9::text::regconfig, $10::text)
             WHERE id = $1",
            &[
                &doc_id,
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
        // The content hash follows the new text unless another document already has it.
        tx.execute(
            "UPDATE documents SET content_hash = $2 WHERE id = $1
               AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.content_hash = $2)",
            &[&doc_id, &doc.content_hash],
        )?;
        index(&mut tx, &new_read)?;
        progress(&mut tx, run, doc_id, Outcome::Changed, None)?;
        tx.commit()?;
        Ok(Outcome::Changed)
    }

    /// [`crate::Store::reprocess_finish`].
    pub(crate) fn reprocess_finish(&self, run: i64) -> Result<RunCounts> {
        self.client()?.execute(
            &format!(
                "UPDATE reprocess_runs SET finished_at = {NOW_TEXT}
                 WHERE id = $1 AND finished_at IS NULL"
            ),
            &[&run],
        )?;
        let counts = self.reprocess_counts(run)?;
        if counts.changed > 0 {
            // Once per run, as on SQLite (re-read documents change the pair facts).
            let mut client = self.client()?;
            let mut tx = client.transaction()?;
            refresh_pair_facts(&mut tx)?;
            tx.commit()?;
        }
        Ok(counts)
    }

    /// [`crate::Store::reprocess_counts`].
    pub(crate) fn reprocess_counts(&self, run: i64) -> Result<RunCounts> {
        let rows = self.client()?.query(
            "SELECT outcome, count(*) FROM reprocess_progress WHERE run_id = $1 GROUP BY outcome",
            &[&run],
        )?;
        let mut counts = RunCounts::default();
        for r in rows {
            let outcome: String = r.get(0);
            let n = r.get::<_, i64>(1).max(0) as usize;
            match outcome.as_str() {
                "changed" => counts.changed = n,
                "unchanged" => counts.unchanged = n,
                "no_raw" => counts.no_raw = n,
                _ => counts.failed += n,
            }
        }
        Ok(counts)
    }
}

fn progress(
    client: &mut impl GenericClient,
    run: i64,
    doc_id: &str,
    outcome: Outcome,
    message: Option<&str>,
) -> Result<()> {
    client.execute(
        &format!(
            "INSERT INTO reprocess_progress(run_id, doc_id, outcome, message, at)
             VALUES ($1, $2, $3, $4, {NOW_TEXT}) ON CONFLICT (run_id, doc_id) DO NOTHING"
        ),
        &[&run, &doc_id, &outcome.as_str(), &message],
    )?;
    Ok(())
}
