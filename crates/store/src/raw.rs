//! Raw input kept for re-reading, and the runs that re-read it.
//!
//! - `document_raw`: per stored document, the input the pipeline read — the
//!   [`RawDocument`] (decoded body plus the container's hints and the reader's facts about a
//!   leaked file) as JSON, deflate-compressed — with the user's read options (publication
//!   date, language). Documents stored before this table existed have no row and are
//!   reported as "cannot reprocess: no raw bytes".
//! - `reprocess_runs` / `reprocess_progress`: one row per `armsgraph reprocess` run and one
//!   per document it finished, written in the document's own transaction, so a killed run
//!   continues where it stopped and a finished document is never read twice by one run.
//!
//! [`Store::replace_reading`] swaps a document's machine reading for a new one (same id),
//! re-deriving its rows with the stored corrections applied again. Plain SQL, as in
//! [`crate::corrections`].

use std::io::{Read, Write};

use armsgraph_model::{Extraction, RawDocument};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::{corrections, Result, Store, StoreError};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS document_raw (
    doc_id TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    bytes BLOB NOT NULL,
    size INTEGER NOT NULL,
    published_option TEXT,
    language_option TEXT,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reprocess_runs (
    id INTEGER PRIMARY KEY,
    selection TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS reprocess_progress (
    run_id INTEGER NOT NULL REFERENCES reprocess_runs(id),
    doc_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    message TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (run_id, doc_id)
);
";

/// The one format `document_raw.bytes` holds so far: a [`RawDocument`] as JSON, deflated.
pub(crate) const FORMAT: &str = "raw-document+json+deflate";

/// Largest raw input inflated on reading (a stored row is at most one 64 MB document; this
/// keeps a damaged row from inflating without bound).
const MAX_INFLATED: u64 = 256 * 1024 * 1024;

pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA)?;
    Ok(())
}

/// A document's stored input with the options it was read with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRaw {
    pub raw: RawDocument,
    pub published: Option<String>,
    pub language: Option<String>,
}

/// Which documents a reprocess run reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selection {
    All,
    /// Documents ingested on or after this day (`YYYY-MM-DD`).
    Since(String),
    /// Documents whose origin or URL contains this text, or whose publisher is it.
    Source(String),
    /// The documents of a collection (`armsgraph collection`), by name.
    Collection(String),
}

impl Selection {
    /// How a run's selection is recorded (a run is resumed by the same selection).
    pub fn label(&self) -> String {
        match self {
            Selection::All => "all".to_string(),
            Selection::Since(d) => format!("since:{d}"),
            Selection::Source(s) => format!("source:{s}"),
            Selection::Collection(c) => format!("collection:{c}"),
        }
    }
}

/// A reprocess run: its id, whether it continues an unfinished one, and what is left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub id: i64,
    pub resumed: bool,
    /// Documents the selection holds.
    pub total: usize,
    /// Of those, finished by this run before (when resumed).
    pub done: usize,
    /// Still to read, in id order.
    pub pending: Vec<String>,
}

/// What happened to one document of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Read again; the new reading differs and replaced the old one.
    Changed,
    /// Read again; the same reading as stored.
    Unchanged,
    /// No raw input stored: cannot reprocess.
    NoRaw,
    /// The pipeline failed on it (the message says why); the old reading stays.
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Changed => "changed",
            Outcome::Unchanged => "unchanged",
            Outcome::NoRaw => "no_raw",
            Outcome::Failed => "failed",
        }
    }
}

/// Counts of a run's outcomes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunCounts {
    pub changed: usize,
    pub unchanged: usize,
    pub no_raw: usize,
    pub failed: usize,
}

fn deflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes)?;
    enc.finish()
}

fn inflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(bytes)
        .take(MAX_INFLATED)
        .read_to_end(&mut out)?;
    Ok(out)
}

/// The documents of the collection named by the first argument (the same SQL on both stores).
pub(crate) const COLLECTION_FILTER: &str = "d.id IN (SELECT cd.doc_id FROM collection_documents cd
              JOIN collections c ON c.id = cd.collection_id WHERE c.name = ?1)";

pub(crate) fn no_collection(name: &str) -> StoreError {
    reprocess_error(format!(
        "no collection {name:?} (see `armsgraph collection list`)"
    ))
}

pub(crate) fn reprocess_error(msg: impl Into<String>) -> StoreError {
    StoreError::Reprocess(msg.into())
}

impl Store {
    /// Keeps the input document `doc_id` was read from (compressed), unless it already has
    /// one: a duplicate arriving later does not replace the input of the stored reading.
    pub fn store_raw(
        &mut self,
        doc_id: &str,
        raw: &RawDocument,
        published: Option<&str>,
        language: Option<&str>,
    ) -> Result<()> {
        let json = serde_json::to_vec(raw).map_err(|source| StoreError::Json {
            what: format!("raw input of {doc_id}"),
            source,
        })?;
        let packed =
            deflate(&json).map_err(|e| reprocess_error(format!("compressing {doc_id}: {e}")))?;
        if let Some(pg) = self.pg() {
            let size = json.len() as i64;
            return pg.store_raw(doc_id, FORMAT, &packed, size, published, language);
        }
        crate::with_retry(|| {
            self.conn()?.execute(
                "INSERT OR IGNORE INTO document_raw(doc_id, format, bytes, size, published_option,
                    language_option, stored_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                params![
                    doc_id,
                    FORMAT,
                    packed,
                    json.len() as i64,
                    published,
                    language
                ],
            )?;
            Ok(())
        })
    }

    /// The stored input of `doc_id`, `None` when it has none.
    pub fn raw_document(&self, doc_id: &str) -> Result<Option<StoredRaw>> {
        type Row = (String, Vec<u8>, Option<String>, Option<String>);
        let row: Option<Row> = if let Some(pg) = self.pg() {
            pg.raw_row(doc_id)?
        } else {
            self.conn()?
                .query_row(
                    "SELECT format, bytes, published_option, language_option FROM document_raw
                 WHERE doc_id = ?1",
                    params![doc_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?
        };
        let Some((format, bytes, published, language)) = row else {
            return Ok(None);
        };
        if format != FORMAT {
            return Err(reprocess_error(format!(
                "raw input of {doc_id} is stored as {format:?}, which this armsgraph cannot read"
            )));
        }
        let json = inflate(&bytes)
            .map_err(|e| reprocess_error(format!("raw input of {doc_id} is damaged: {e}")))?;
        let raw = serde_json::from_slice(&json).map_err(|source| StoreError::Json {
            what: format!("raw input of {doc_id}"),
            source,
        })?;
        Ok(Some(StoredRaw {
            raw,
            published,
            language,
        }))
    }

    /// How many documents have their raw input kept, and the bytes it takes (compressed,
    /// uncompressed).
    pub fn raw_stats(&self) -> Result<(i64, i64, i64)> {
        if let Some(pg) = self.pg() {
            return pg.raw_stats();
        }
        Ok(self.conn()?.query_row(
            "SELECT count(*), COALESCE(sum(length(bytes)), 0), COALESCE(sum(size), 0)
             FROM document_raw",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Starts a reprocess run over `selection`, or continues the last unfinished run of the
    /// same selection: the documents it finished are not read again.
    pub fn reprocess_start(&mut self, selection: &Selection) -> Result<Run> {
        if let Some(pg) = self.pg() {
            return pg.reprocess_start(selection);
        }
        if let Selection::Collection(name) = selection {
            let known: bool = self.conn()?.query_row(
                "SELECT EXISTS (SELECT 1 FROM collections WHERE name = ?1)",
                params![name],
                |r| r.get(0),
            )?;
            if !known {
                return Err(no_collection(name));
            }
        }
        let label = selection.label();
        let open: Option<i64> = self
            .conn()?
            .query_row(
                "SELECT id FROM reprocess_runs WHERE selection = ?1 AND finished_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                params![label],
                |r| r.get(0),
            )
            .optional()?;
        let (id, resumed) = match open {
            Some(id) => (id, true),
            None => {
                crate::with_retry(|| {
                    self.conn()?.execute(
                        "INSERT INTO reprocess_runs(selection, started_at)
                         VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                        params![label],
                    )?;
                    Ok(())
                })?;
                (self.conn()?.last_insert_rowid(), false)
            }
        };
        let (filter, arg): (&str, Option<String>) = match selection {
            Selection::All => ("1 = 1 OR ?1 IS NULL", None),
            Selection::Since(day) => ("d.ingested_at >= ?1", Some(day.clone())),
            Selection::Source(s) => (
                "(instr(d.origin, ?1) > 0 OR instr(COALESCE(d.url, ''), ?1) > 0
                  OR d.publisher = ?1)",
                Some(s.clone()),
            ),
            Selection::Collection(c) => (COLLECTION_FILTER, Some(c.clone())),
        };
        let mut stmt = self.conn()?.prepare(&format!(
            "SELECT d.id, EXISTS (SELECT 1 FROM reprocess_progress p
                                  WHERE p.run_id = ?2 AND p.doc_id = d.id)
             FROM documents d WHERE ({filter}) ORDER BY d.id"
        ))?;
        let rows = stmt.query_map(params![arg, id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?))
        })?;
        let mut total = 0;
        let mut done = 0;
        let mut pending = Vec::new();
        for row in rows {
            let (doc, finished) = row?;
            total += 1;
            if finished {
                done += 1;
            } else {
                pending.push(doc);
            }
        }
        Ok(Run {
            id,
            resumed,
            total,
            done,
            pending,
        })
    }

    /// Records a document the run could not read again (no raw input, a pipeline failure).
    pub fn reprocess_skip(
        &mut self,
        run: i64,
        doc_id: &str,
        outcome: Outcome,
        message: &str,
    ) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.reprocess_skip(run, doc_id, outcome, message);
        }
        crate::with_retry(|| {
            Self::progress(self.conn()?, run, doc_id, outcome, Some(message))?;
            Ok(())
        })
    }

    fn progress(
        conn: &Connection,
        run: i64,
        doc_id: &str,
        outcome: Outcome,
        message: Option<&str>,
    ) -> Result<()> {
        conn.execute(
            "INSERT INTO reprocess_progress(run_id, doc_id, outcome, message, at)
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
             ON CONFLICT(run_id, doc_id) DO NOTHING",
            params![run, doc_id, outcome.as_str(), message],
        )?;
        Ok(())
    }

    /// Replaces the machine reading of `doc_id` with `new` (read again from its raw input),
    /// keeping the document's id, ingest time and copy cluster; re-derives its rows with the
    /// stored corrections applied to the new reading; and records the run's progress, all in
    /// one transaction. A reading equal to the stored one changes nothing.
    pub fn replace_reading(&mut self, run: i64, doc_id: &str, new: &Extraction) -> Result<Outcome> {
        if let Some(pg) = self.pg() {
            return pg.replace_reading(run, doc_id, new);
        }
        let conn = self.conn_mut()?;
        crate::with_retry(|| Self::replace_once(conn, run, doc_id, new))
    }

    fn replace_once(
        conn: &mut Connection,
        run: i64,
        doc_id: &str,
        new: &Extraction,
    ) -> Result<Outcome> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(old) = corrections::machine_extraction(&tx, doc_id)? else {
            return Err(reprocess_error(format!("no stored document {doc_id}")));
        };
        let mut new = same_id(new, doc_id)?;
        new.document.cluster = old.document.cluster.clone();
        if new == old {
            Self::progress(&tx, run, doc_id, Outcome::Unchanged, None)?;
            tx.commit()?;
            return Ok(Outcome::Unchanged);
        }
        let list = corrections::for_document(&tx, doc_id)?;
        let mut old_read = old.clone();
        corrections::apply(&mut old_read, &list);
        corrections::unindex(&tx, &old_read)?;
        let json = serde_json::to_string(&new).map_err(|source| StoreError::Json {
            what: doc_id.to_string(),
            source,
        })?;
        let json = crate::compress_extraction(&json)?;
        let doc = &new.document;
        tx.execute(
            "UPDATE documents SET url = ?2, title = ?3, publisher = ?4, language = ?5,
                 published = ?6, extraction = ?7
             WHERE id = ?1",
            params![
                doc_id,
                doc.url,
                doc.title,
                doc.publisher,
                doc.language,
                doc.published.as_ref().map(|d| d.value.clone()),
                json
            ],
        )?;
        // The content hash follows the new text unless another document already has it (then
        // the old one stays: the unique hash must not name two documents).
        tx.execute(
            "UPDATE documents SET content_hash = ?2 WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.content_hash = ?2)",
            params![doc_id, doc.content_hash],
        )?;
        tx.execute(
            "DELETE FROM documents_fts WHERE doc_id = ?1",
            params![doc_id],
        )?;
        tx.execute(
            "INSERT INTO documents_fts(doc_id, title, body) VALUES (?1, ?2, ?3)",
            params![doc_id, doc.title.clone().unwrap_or_default(), doc.text],
        )?;
        let mut new_read = new.clone();
        corrections::apply(&mut new_read, &list);
        corrections::index(&tx, &new_read)?;
        Self::progress(&tx, run, doc_id, Outcome::Changed, None)?;
        tx.commit()?;
        Ok(Outcome::Changed)
    }

    /// Marks a run finished and returns its counts.
    pub fn reprocess_finish(&mut self, run: i64) -> Result<RunCounts> {
        if let Some(pg) = self.pg() {
            return pg.reprocess_finish(run);
        }
        crate::with_retry(|| {
            self.conn()?.execute(
                "UPDATE reprocess_runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')
                 WHERE id = ?1 AND finished_at IS NULL",
                params![run],
            )?;
            Ok(())
        })?;
        let counts = self.reprocess_counts(run)?;
        if counts.changed > 0 {
            // The alert facts group events across documents (see `pair_facts`); re-read
            // documents change them, so they are rebuilt once per run, not per document. A
            // run killed before this point rebuilds them when it is resumed and finishes.
            crate::with_retry(|| self.rebuild_pair_facts())?;
        }
        Ok(counts)
    }

    /// A run's outcomes so far.
    pub fn reprocess_counts(&self, run: i64) -> Result<RunCounts> {
        if let Some(pg) = self.pg() {
            return pg.reprocess_counts(run);
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT outcome, count(*) FROM reprocess_progress WHERE run_id = ?1 GROUP BY outcome",
        )?;
        let rows = stmt.query_map(params![run], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        let mut counts = RunCounts::default();
        for row in rows {
            let (outcome, n) = row?;
            let n = n.max(0) as usize;
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

/// `new` with every id of its document (document, events, quotes, evidence, alert sources)
/// turned into `doc_id`: a newer reader may clean the text differently, which changes the id
/// derived from it, but a re-read document keeps its id. Ids are 16 hex digits, so a textual
/// replacement over the JSON reaches every place one is written and nothing else.
pub(crate) fn same_id(new: &Extraction, doc_id: &str) -> Result<Extraction> {
    let fresh = new.document.id.as_str();
    if fresh == doc_id {
        return Ok(new.clone());
    }
    let json = serde_json::to_string(new).map_err(|source| StoreError::Json {
        what: doc_id.to_string(),
        source,
    })?;
    let json = if fresh.len() == 16 && fresh.chars().all(|c| c.is_ascii_hexdigit()) {
        json.replace(fresh, doc_id)
    } else {
        json
    };
    let mut out: Extraction = serde_json::from_str(&json).map_err(|source| StoreError::Json {
        what: doc_id.to_string(),
        source,
    })?;
    out.document.id = doc_id.to_string();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deflate_round_trips() {
        let text = "Ruritanien lieferte Haubitzen. ".repeat(100);
        let packed = deflate(text.as_bytes()).expect("deflate");
        assert!(packed.len() < text.len() / 5);
        assert_eq!(inflate(&packed).expect("inflate"), text.as_bytes());
    }
}
