//! A durable work queue in the database, so that several `armsgraph worker` processes can
//! read documents in parallel while one `ingest --queue` (or `watch --queue`) feeds them.
//!
//! A worker *claims* a ready job for a lease (`leased_until`); it then stores the document
//! and *completes* the job. A worker killed mid-document never completes: when its lease
//! runs out the job is ready again for any worker (`attempts` counts the claims; after
//! `max_attempts` claims that all died the job fails with that reason instead of looping).
//! A document is stored at most once even when two workers end up reading the same job (a
//! lease that ran out under a slow worker): the store refuses a second copy of the same
//! content (`content_hash`), and completing a job another worker has re-claimed is refused.
//! So every enqueued document is stored exactly once, or its job fails with its reason.
//!
//! The claim is one `UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING` under the write lock
//! (`BEGIN IMMEDIATE`): SQLite has one writer at a time, so two workers never take the same
//! ready job. A PostgreSQL store does the same with `FOR UPDATE SKIP LOCKED` (notes in
//! docs/notes/queue.md). Payloads are the ingest stage's `RawDocument`s as deflated JSON.

use std::io::{Read, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use armsgraph_model::RawDocument;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::{with_retry, Result, Store, StoreError};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS queue_jobs (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    -- The publication date given on the command line (`ingest --published`), if any.
    published TEXT,
    payload BLOB NOT NULL,
    state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'leased', 'done', 'failed')),
    enqueued_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT,
    leased_until INTEGER,
    finished_at INTEGER,
    -- What became of it: the stored document's id, `duplicate of <id>`, or the failure.
    outcome TEXT,
    doc_id TEXT
);
CREATE INDEX IF NOT EXISTS queue_jobs_state ON queue_jobs(state, id);
";

/// Milliseconds since the epoch (the queue's clock; only differences matter).
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A claimed job as either backend returns it: id, payload, publication date, attempts.
pub(crate) type ClaimedRow = (i64, Vec<u8>, Option<String>, i64);

/// One job a worker holds: the document to read, and how to read it.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub raw: RawDocument,
    pub published: Option<String>,
    /// The collection the document goes into once stored (`ingest --queue --collection`).
    pub collection: Option<String>,
    /// Claims so far, this one included.
    pub attempts: u32,
}

/// The queue's counts by state, and the newest failures with their reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueStats {
    pub ready: i64,
    pub leased: i64,
    pub done: i64,
    pub failed: i64,
    /// Leased jobs whose lease has run out (their worker died or stalled); ready again.
    pub expired: i64,
    pub failures: Vec<QueueFailure>,
    /// The jobs being read now (oldest claim first, at most 100): which worker holds each.
    pub leases: Vec<QueueLease>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueLease {
    pub job: i64,
    pub origin: String,
    pub worker: String,
    pub attempts: i64,
    /// Milliseconds until the lease runs out (negative: it has, and the job is ready again).
    pub expires_in_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFailure {
    pub job: i64,
    pub origin: String,
    pub attempts: i64,
    pub reason: String,
}

/// What [`Store::complete_and_claim`] did: whether the previous job's end was recorded, and
/// the next job.
#[derive(Debug)]
pub struct Handover {
    /// `Some(false)`: the previous job was no longer this worker's (its lease ran out and
    /// another worker claimed it), so its end was not recorded. `None`: no job was given.
    pub completed: Option<bool>,
    /// The next job, `None` when nothing is ready; an error when the claimed job's payload
    /// cannot be read (that job has been failed with the reason).
    pub next: std::result::Result<Option<Job>, StoreError>,
}

/// How a job ended, as the worker reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobEnd {
    /// Stored under this document id.
    Stored(String),
    /// The same text was already stored under this id.
    Duplicate(String),
    /// The pipeline or the store failed on it; the reason is kept. Not retried: reading
    /// the same document again gives the same failure.
    Failed(String),
}

/// What a job's payload holds: the document, and where its reading goes. The options travel
/// inside the (compressed JSON) payload, not in columns, so that both stores keep one
/// `queue_jobs` table without a migration, and a payload written before an option existed
/// reads as "not given".
#[derive(Serialize)]
struct Payload<'a> {
    #[serde(flatten)]
    raw: &'a RawDocument,
    #[serde(skip_serializing_if = "Option::is_none")]
    collection: Option<&'a str>,
}

#[derive(Deserialize)]
struct PayloadOwned {
    #[serde(flatten)]
    raw: RawDocument,
    #[serde(default)]
    collection: Option<String>,
}

fn encode(raw: &RawDocument, collection: Option<&str>) -> Result<Vec<u8>> {
    let json =
        serde_json::to_vec(&Payload { raw, collection }).map_err(|source| StoreError::Json {
            what: format!("queued document {}", raw.origin),
            source,
        })?;
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&json)
        .and_then(|_| enc.finish())
        .map_err(|e| StoreError::Queue(format!("compressing {}: {e}", raw.origin)))
}

fn decode(id: i64, payload: &[u8]) -> Result<PayloadOwned> {
    let mut json = Vec::new();
    flate2::read::DeflateDecoder::new(payload)
        .read_to_end(&mut json)
        .map_err(|e| StoreError::Queue(format!("job {id}: payload is not deflate data: {e}")))?;
    serde_json::from_slice(&json).map_err(|source| StoreError::Json {
        what: format!("queued job {id}"),
        source,
    })
}

impl Store {
    fn queue_schema(&self) -> Result<()> {
        self.conn()?.execute_batch(SCHEMA)?;
        Ok(())
    }

    /// Puts documents on the queue in one transaction (all or none) and returns their job
    /// ids. Nothing is read here; workers do that.
    pub fn enqueue(&mut self, docs: &[RawDocument], published: Option<&str>) -> Result<Vec<i64>> {
        self.enqueue_into(docs, published, None)
    }

    /// [`Store::enqueue`], and the worker that reads each document puts it into
    /// `collection` (`ingest --queue --collection`), new or already stored.
    pub fn enqueue_into(
        &mut self,
        docs: &[RawDocument],
        published: Option<&str>,
        collection: Option<&str>,
    ) -> Result<Vec<i64>> {
        let payloads = docs
            .iter()
            .map(|d| encode(d, collection))
            .collect::<Result<Vec<_>>>()?;
        if let Some(pg) = self.pg() {
            let jobs: Vec<(&str, Vec<u8>)> = docs
                .iter()
                .map(|d| d.origin.as_str())
                .zip(payloads)
                .collect();
            return pg.enqueue(&jobs, published);
        }
        self.queue_schema()?;
        let conn = self.conn_mut()?;
        with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut ids = Vec::with_capacity(docs.len());
            {
                let mut insert = tx.prepare_cached(
                    "INSERT INTO queue_jobs(origin, published, payload, enqueued_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?;
                let now = now_ms();
                for (doc, payload) in docs.iter().zip(&payloads) {
                    insert.execute(params![doc.origin, published, payload, now])?;
                    ids.push(tx.last_insert_rowid());
                }
            }
            tx.commit()?;
            Ok(ids)
        })
    }

    /// Takes the oldest ready job — or one whose lease ran out — for `lease`, as `worker`.
    /// A job already claimed `max_attempts` times by workers that never finished it fails
    /// instead (its reason says so) and the next one is looked at. `None`: nothing to do.
    pub fn claim(
        &mut self,
        worker: &str,
        lease: Duration,
        max_attempts: u32,
    ) -> Result<Option<Job>> {
        let claimed = match self.pg() {
            Some(pg) => pg.claim(
                worker,
                lease.as_millis().min(i64::MAX as u128) as i64,
                max_attempts,
            )?,
            None => self.claim_sqlite(worker, lease, max_attempts)?,
        };
        self.job_from(claimed, worker)
    }

    /// Records how `worker`'s previous job ended (when `done` is given) and claims the next
    /// one, in one transaction: a worker's loop costs one transaction per document instead
    /// of two (on PostgreSQL one round trip instead of eight). The same rules as
    /// [`Store::complete`] then [`Store::claim`]. On an error nothing was recorded: the
    /// caller keeps the end and gives it again.
    pub fn complete_and_claim(
        &mut self,
        done: Option<(i64, &JobEnd)>,
        worker: &str,
        lease: Duration,
        max_attempts: u32,
    ) -> Result<Handover> {
        let (completed, claimed) = match self.pg() {
            Some(pg) => pg.complete_and_claim(
                done,
                worker,
                lease.as_millis().min(i64::MAX as u128) as i64,
                max_attempts,
            )?,
            None => {
                self.queue_schema()?;
                let conn = self.conn_mut()?;
                with_retry(|| {
                    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    let completed = match done {
                        Some((job, end)) => Some(complete_in(&tx, job, worker, end)?),
                        None => None,
                    };
                    let claimed = claim_in(&tx, worker, lease, max_attempts)?;
                    tx.commit()?;
                    Ok((completed, claimed))
                })?
            }
        };
        Ok(Handover {
            completed,
            next: self.job_from(claimed, worker),
        })
    }

    /// The job of a claimed row, its payload decoded.
    fn job_from(&mut self, claimed: Option<ClaimedRow>, worker: &str) -> Result<Option<Job>> {
        claimed
            .map(
                |(id, payload, published, attempts)| match decode(id, &payload) {
                    Ok(PayloadOwned { raw, collection }) => Ok(Job {
                        id,
                        raw,
                        published,
                        collection,
                        attempts: attempts.max(0) as u32,
                    }),
                    // A payload that cannot be read never will be: the job fails with the reason
                    // rather than coming back after every lease.
                    Err(e) => {
                        self.complete(id, worker, &JobEnd::Failed(e.to_string()))?;
                        Err(e)
                    }
                },
            )
            .transpose()
    }

    /// The SQLite claim: one `UPDATE … RETURNING` under the write lock.
    fn claim_sqlite(
        &mut self,
        worker: &str,
        lease: Duration,
        max_attempts: u32,
    ) -> Result<Option<ClaimedRow>> {
        self.queue_schema()?;
        let conn = self.conn_mut()?;
        with_retry(|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let claimed = claim_in(&tx, worker, lease, max_attempts)?;
            tx.commit()?;
            Ok(claimed)
        })
    }

    /// Records how `worker`'s job ended. Refused (returns `false`, nothing written) when the
    /// job is no longer this worker's: its lease ran out and another worker claimed it.
    pub fn complete(&mut self, job: i64, worker: &str, end: &JobEnd) -> Result<bool> {
        if let Some(pg) = self.pg() {
            return pg.complete(job, worker, end);
        }
        self.queue_schema()?;
        let conn = self.conn_mut()?;
        with_retry(|| Ok(complete_in(conn, job, worker, end)?))
    }

    /// Makes every failed job ready again (after the cause was fixed); returns how many.
    pub fn retry_failed(&mut self) -> Result<usize> {
        if let Some(pg) = self.pg() {
            return pg.retry_failed();
        }
        self.queue_schema()?;
        let conn = self.conn_mut()?;
        with_retry(|| {
            Ok(conn.execute(
                "UPDATE queue_jobs SET state = 'ready', attempts = 0, worker = NULL,
                     leased_until = NULL, finished_at = NULL, outcome = NULL
                 WHERE state = 'failed'",
                [],
            )?)
        })
    }

    /// Counts by state and the newest `failures` failed jobs.
    pub fn queue_stats(&self, failures: usize) -> Result<QueueStats> {
        if let Some(pg) = self.pg() {
            return pg.queue_stats(failures);
        }
        self.queue_schema()?;
        let conn = self.conn()?;
        let now = now_ms();
        let mut stats = QueueStats::default();
        let mut q = conn.prepare("SELECT state, count(*) FROM queue_jobs GROUP BY state")?;
        let rows = q.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (state, n) = row?;
            match state.as_str() {
                "ready" => stats.ready = n,
                "leased" => stats.leased = n,
                "done" => stats.done = n,
                "failed" => stats.failed = n,
                _ => {}
            }
        }
        stats.expired = conn.query_row(
            "SELECT count(*) FROM queue_jobs WHERE state = 'leased' AND leased_until < ?1",
            params![now],
            |r| r.get(0),
        )?;
        let mut q = conn.prepare(
            "SELECT id, origin, attempts, coalesce(outcome, '') FROM queue_jobs
             WHERE state = 'failed' ORDER BY finished_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = q.query_map(params![failures as i64], |r| {
            Ok(QueueFailure {
                job: r.get(0)?,
                origin: r.get(1)?,
                attempts: r.get(2)?,
                reason: r.get(3)?,
            })
        })?;
        for row in rows {
            stats.failures.push(row?);
        }
        let mut q = conn.prepare(
            "SELECT id, origin, coalesce(worker, ''), attempts, leased_until - ?1 FROM queue_jobs
             WHERE state = 'leased' ORDER BY leased_until, id LIMIT 100",
        )?;
        let rows = q.query_map(params![now], |r| {
            Ok(QueueLease {
                job: r.get(0)?,
                origin: r.get(1)?,
                worker: r.get(2)?,
                attempts: r.get(3)?,
                expires_in_ms: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
            })
        })?;
        for row in rows {
            stats.leases.push(row?);
        }
        Ok(stats)
    }
}

/// The SQLite claim inside the caller's write transaction: jobs whose every claim died fail
/// first, then one `UPDATE … RETURNING` takes the oldest ready or lease-expired job.
fn claim_in(
    tx: &rusqlite::Connection,
    worker: &str,
    lease: Duration,
    max_attempts: u32,
) -> rusqlite::Result<Option<ClaimedRow>> {
    let now = now_ms();
    // Jobs whose every claim died: failed with the reason, never retried forever.
    tx.execute(
        "UPDATE queue_jobs SET state = 'failed', finished_at = ?1, worker = NULL,
             outcome = 'abandoned: ' || attempts || ' workers claimed it and none finished (killed, or over the lease)'
         WHERE state = 'leased' AND leased_until < ?1 AND attempts >= ?2",
        params![now, max_attempts],
    )?;
    tx.query_row(
        "UPDATE queue_jobs
         SET state = 'leased', worker = ?1, leased_until = ?2, attempts = attempts + 1
         WHERE id = (SELECT id FROM queue_jobs
                     WHERE state = 'ready' OR (state = 'leased' AND leased_until < ?3)
                     ORDER BY id LIMIT 1)
         RETURNING id, payload, published, attempts",
        params![worker, now + lease.as_millis() as i64, now],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
            ))
        },
    )
    .optional()
}

/// Records a job's end when `worker` still holds it; `false` (nothing written) otherwise.
fn complete_in(
    conn: &rusqlite::Connection,
    job: i64,
    worker: &str,
    end: &JobEnd,
) -> rusqlite::Result<bool> {
    let (state, outcome, doc_id) = match end {
        JobEnd::Stored(id) => ("done", id.clone(), Some(id.as_str())),
        JobEnd::Duplicate(id) => ("done", format!("duplicate of {id}"), Some(id.as_str())),
        JobEnd::Failed(reason) => ("failed", reason.clone(), None),
    };
    let n = conn.execute(
        "UPDATE queue_jobs SET state = ?1, outcome = ?2, doc_id = ?3, finished_at = ?4,
             leased_until = NULL,
             -- A stored document keeps its input itself (`raw`); a failed job keeps
             -- its payload for `--retry-failed`.
             payload = CASE WHEN ?1 = 'done' THEN x'' ELSE payload END
         WHERE id = ?5 AND state = 'leased' AND worker = ?6",
        params![state, outcome, doc_id, now_ms(), job, worker],
    )?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(n: usize) -> RawDocument {
        RawDocument {
            origin: format!("doc-{n}.txt"),
            body: format!("Text number {n}."),
            ..Default::default()
        }
    }

    #[test]
    fn jobs_are_claimed_once_in_order_and_completed() {
        let mut store = Store::open_in_memory().unwrap();
        let ids = store
            .enqueue(&[doc(1), doc(2)], Some("2024-01-02"))
            .unwrap();
        assert_eq!(ids.len(), 2);
        let a = store
            .claim("w1", Duration::from_secs(60), 3)
            .unwrap()
            .unwrap();
        let b = store
            .claim("w2", Duration::from_secs(60), 3)
            .unwrap()
            .unwrap();
        assert_eq!((a.id, b.id), (ids[0], ids[1]));
        assert_eq!(a.raw, doc(1));
        assert_eq!(a.published.as_deref(), Some("2024-01-02"));
        assert!(store
            .claim("w3", Duration::from_secs(60), 3)
            .unwrap()
            .is_none());
        // Only the holder completes a job.
        assert!(!store
            .complete(a.id, "w2", &JobEnd::Stored("x".into()))
            .unwrap());
        assert!(store
            .complete(a.id, "w1", &JobEnd::Stored("x".into()))
            .unwrap());
        assert!(store
            .complete(b.id, "w2", &JobEnd::Failed("unreadable".into()))
            .unwrap());
        let s = store.queue_stats(10).unwrap();
        assert_eq!((s.ready, s.leased, s.done, s.failed), (0, 0, 1, 1));
        assert_eq!(s.failures[0].reason, "unreadable");
        assert_eq!(store.retry_failed().unwrap(), 1);
        assert_eq!(store.queue_stats(0).unwrap().ready, 1);
    }

    #[test]
    fn an_expired_lease_is_claimed_again_and_the_dead_worker_cannot_complete() {
        let mut store = Store::open_in_memory().unwrap();
        store.enqueue(&[doc(1)], None).unwrap();
        let first = store.claim("dead", Duration::ZERO, 3).unwrap().unwrap();
        std::thread::sleep(Duration::from_millis(5));
        let s = store.queue_stats(0).unwrap();
        assert_eq!(s.expired, 1);
        assert_eq!(s.leases[0].worker, "dead");
        assert!(s.leases[0].expires_in_ms < 0);
        let again = store
            .claim("alive", Duration::from_secs(60), 3)
            .unwrap()
            .unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(again.attempts, 2);
        assert!(!store
            .complete(first.id, "dead", &JobEnd::Stored("a".into()))
            .unwrap());
        assert!(store
            .complete(again.id, "alive", &JobEnd::Stored("a".into()))
            .unwrap());
    }

    #[test]
    fn a_job_every_claim_of_which_died_fails_with_its_reason() {
        let mut store = Store::open_in_memory().unwrap();
        store.enqueue(&[doc(1)], None).unwrap();
        for _ in 0..2 {
            store.claim("w", Duration::ZERO, 2).unwrap().unwrap();
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(store.claim("w", Duration::ZERO, 2).unwrap().is_none());
        let s = store.queue_stats(5).unwrap();
        assert_eq!(s.failed, 1);
        assert!(
            s.failures[0].reason.starts_with("abandoned: 2 workers"),
            "{s:?}"
        );
    }

    #[test]
    fn a_corrupt_payload_is_an_error_not_a_panic() {
        let mut store = Store::open_in_memory().unwrap();
        store.enqueue(&[doc(1)], None).unwrap();
        store
            .connection()
            .execute("UPDATE queue_jobs SET payload = x'00ff'", [])
            .unwrap();
        let err = store.claim("w", Duration::from_secs(1), 3).unwrap_err();
        assert!(err.to_string().contains("job 1"), "{err}");
        let s = store.queue_stats(1).unwrap();
        assert_eq!((s.failed, s.leased), (1, 0));
        assert!(store
            .claim("w", Duration::from_secs(1), 3)
            .unwrap()
            .is_none());
    }
}
