//! Copy clusters on PostgreSQL: the same rules, thresholds and tables as the SQLite store
//! (`clusters.rs`, `docs/notes/copies.md`) — near duplicates by MinHash bands, then
//! translations by anchors — with the pure parts (band hashes, similarity, the translation
//! score) shared, and the queries written for PostgreSQL: each lookup is one statement over
//! arrays (`unnest`, `= ANY`) instead of one statement per band, anchor or candidate.
//!
//! Concurrency. Several workers insert at once, each in its own READ COMMITTED transaction,
//! and an uncommitted document is invisible to the others: two copies of one article read at
//! the same moment would each find no copy and stay apart. So before looking for candidates
//! the insert takes transaction-scoped advisory locks (`pg_advisory_xact_lock`), **in
//! ascending key order** (so two inserts never wait for each other in a cycle), on keys that
//! any two documents the rules could join are certain to share:
//!
//! - each of the document's 32 LSH bands: rule 1 only compares documents sharing a band;
//! - when the translation rule can apply to it, each of its anchors held by fewer than
//!   [`COMMON_ANCHOR`] stored documents, counted by the locking statement itself: rule 2
//!   finds candidates only through such anchors ([`candidates`]), and holders are never
//!   taken away, so an anchor held by that many when one insert counts is held by at least
//!   as many when any later insert looks it up — it can bring no candidate then.
//!
//! (Two inserts of the same text never both get here: the second waits on the first's
//! `content_hash` index entry and is then a duplicate.)
//!
//! The locks are held until commit, so the second of two such inserts waits for the first and
//! then, its next statement seeing the committed rows, finds it. Documents with no key in
//! common never wait for each other. Why not every number and date (as before): numbers such
//! as `10` and the month of the news (`d:YYYY-MM`) are in a large share of all documents, so
//! every insert waited for the others on them (≈ 60 % of an insert's time with four writers,
//! docs/notes/postgres.md), while the lookup never uses them once they are that common. The
//! assignment is the insert's **last** step before the shared totals (`pg_totals`): the locks
//! are held for its few statements and the commit, not for the whole insert.
//!
//! Why both of two joinable inserts lock the anchor that joins them: say B commits before A
//! and A's lookup, had it seen B, would have found B through anchor `r`. Then `r` had fewer
//! than [`COMMON_ANCHOR`] holders, B included, at that lookup; each insert's own count came
//! earlier, without the other (uncommitted) and without A's later holders: fewer still. So
//! both locked `r`, and A's lookup came after B's commit.
//!
//! No cycle with the insert's row locks either: a transaction holding advisory locks only
//! waits for more of them (in ascending order) or for the row of the stored document it
//! joins, which another insert past its own locks may be updating — and that one waits for
//! nothing but its commit.

use std::collections::{BTreeMap, BTreeSet};

use armsgraph_model::{CopyCluster, Extraction};
use postgres::Transaction;

use crate::anchors::{self, Anchors};
use crate::clusters::{
    band_hashes, bring_up_to_date, decode, encode, similarity, translation_score,
    StoredFingerprint, BAND_HASH_NAME, COMMON_ANCHOR, MAX_CANDIDATES, MEMBERS_LISTED,
    NEAR_DUPLICATE_THRESHOLD, RARE_ANCHORS, TRANSLATION_MIN_SHARED, TRANSLATION_MIN_SPECIFIC,
};
use crate::pg::{PgStore, Statements};
use crate::{Result, StoreError};

/// The copy tables, as on SQLite.
pub(crate) const COPY_SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS signatures (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id),
    minhash BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh_bands (
    band BIGINT NOT NULL,
    hash BIGINT NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, hash, doc_id)
);
CREATE TABLE IF NOT EXISTS doc_anchors (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id),
    chars BIGINT NOT NULL,
    site_name TEXT,
    original_publisher TEXT,
    anchors TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS anchor_index (
    anchor TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    PRIMARY KEY (anchor, doc_id)
);
"#;

/// First key of the two-key advisory locks taken for cluster assignment; an arbitrary fixed
/// value that sets them apart from other advisory locks of the database ("armc").
const LOCK_CLASS: i32 = 0x6172_6d63;

/// Creates the copy tables and, once, indexes the documents stored before they existed
/// (their signature and anchors, read from the stored extraction): later copies then find
/// them. Documents already stored are not put into clusters afterwards.
pub(crate) fn migrate(tx: &mut Transaction<'_>) -> Result<()> {
    tx.batch_execute(COPY_SCHEMA)?;
    let indexed = tx
        .query_opt("SELECT value FROM meta WHERE key = 'copy_index'", &[])?
        .is_some();
    if indexed {
        return Ok(());
    }
    let missing: Vec<(String, Vec<u8>)> = tx
        .query(
            "SELECT d.id, d.extraction FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM doc_anchors a WHERE a.doc_id = d.id) ORDER BY d.seq",
            &[],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    for (_, blob) in missing {
        let json = crate::extraction_json(rusqlite::types::ValueRef::Blob(&blob))?;
        // A stored extraction this build cannot read is reported when the document is shown;
        // here it only goes unindexed, rather than keep the store closed.
        let Ok(ex) = serde_json::from_str::<Extraction>(&json) else {
            continue;
        };
        index(tx, &Statements::default(), &ex, &anchors::anchors_of(&ex))?;
    }
    tx.execute(
        "INSERT INTO meta(key, value) VALUES ('band_hash', $1), ('copy_index', '1')
         ON CONFLICT (key) DO NOTHING",
        &[&BAND_HASH_NAME],
    )?;
    Ok(())
}

/// The copy cluster of a document just inserted (see the module doc): near duplicate first,
/// else translation, else none; its signature and anchors are indexed for later copies.
/// `stored` is the reading as stored (without a cluster): when one is found, the document's
/// row gets the cluster and the reading with it, as the SQLite store writes them. Called as
/// the insert transaction's last step, so the locks are held only from here to the commit.
pub(crate) fn assign(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    stored: &Extraction,
) -> Result<Option<CopyCluster>> {
    let doc = &stored.document;
    let anchors = anchors::anchors_of(stored);
    let bands = band_hashes(&doc.minhash);
    let uncommon = lock(tx, statements, &lock_keys(stored, &bands, &anchors))?;
    let cluster = match near_duplicate(tx, statements, stored, &bands)? {
        Some(c) => Some(c),
        None => translation(tx, statements, stored, &anchors, &uncommon)?,
    };
    index(tx, statements, stored, &anchors)?;
    if let Some(c) = &cluster {
        let mut with_cluster = stored.clone();
        with_cluster.document.cluster = Some(c.clone());
        let json = serde_json::to_string(&with_cluster).map_err(|source| StoreError::Json {
            what: doc.id.clone(),
            source,
        })?;
        statements.execute(
            tx,
            "UPDATE documents SET cluster_id = $1, extraction = $2 WHERE id = $3",
            &[&c.cluster_id, &crate::compress_extraction(&json)?, &doc.id],
        )?;
    }
    Ok(cluster)
}

/// The advisory-lock keys of a document (see the module doc): those of its bands, always
/// taken, and its anchors with theirs, taken when fewer than [`COMMON_ANCHOR`] documents hold
/// the anchor (none when the translation rule cannot apply). Each list distinct.
fn lock_keys(ex: &Extraction, bands: &[(i64, i64)], anchors: &Anchors) -> LockKeys {
    let mut band_keys = BTreeSet::new();
    for (band, hash) in bands {
        // The band number is mixed in: equal rows in two different bands are no copy.
        band_keys.insert(fold(
            (*band as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ *hash as u64,
        ));
    }
    let mut anchor_keys = Vec::new();
    if translation_applies(ex, anchors) {
        for a in anchors.iter() {
            anchor_keys.push((a.clone(), fold(fnv1a(format!("anchor {a}").as_bytes()))));
        }
    }
    LockKeys {
        bands: band_keys.into_iter().collect(),
        anchors: anchor_keys,
    }
}

/// What [`lock`] takes: band keys, and (anchor, key) pairs taken if the anchor is not common.
#[derive(Debug, PartialEq)]
struct LockKeys {
    bands: Vec<i32>,
    anchors: Vec<(String, i32)>,
}

/// Whether the translation rule can join this document to another, now or later: it needs a
/// language and enough anchors (`clusters::assign_translation` checks the same).
fn translation_applies(ex: &Extraction, anchors: &Anchors) -> bool {
    ex.document.language.is_some()
        && anchors.len() >= TRANSLATION_MIN_SHARED
        && anchors.iter().filter(|a| anchors::is_specific(a)).count() >= TRANSLATION_MIN_SPECIFIC
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// 64 bits folded to the 32 of an advisory lock's second key (a collision only makes two
/// unrelated inserts wait for each other).
fn fold(v: u64) -> i32 {
    ((v >> 32) ^ (v & 0xffff_ffff)) as u32 as i32
}

/// Takes the locks in ascending key order, in one round trip: the statement's snapshot counts
/// the anchors' holders before any lock is taken; the sort node makes the order explicit,
/// the aggregate then calls the lock function row by row. Returns the anchors it found held
/// by fewer than [`COMMON_ANCHOR`] documents: the others are as common at the lookup
/// (holders are never taken away), which then counts only these again.
fn lock(tx: &mut Transaction<'_>, statements: &Statements, keys: &LockKeys) -> Result<Vec<String>> {
    let (anchors, anchor_keys): (Vec<&str>, Vec<i32>) =
        keys.anchors.iter().map(|(a, k)| (a.as_str(), *k)).unzip();
    let row = statements.query_one(
        tx,
        "WITH uncommon AS (
           SELECT u.a, u.k FROM unnest($3::text[], $4::int4[]) AS u(a, k)
           WHERE (SELECT count(*) FROM (SELECT 1 FROM anchor_index
                                        WHERE anchor = u.a LIMIT $5) AS held) < $5),
         locked AS (
           SELECT count(pg_advisory_xact_lock($1, k)) AS n
           FROM (SELECT DISTINCT k FROM (SELECT unnest($2::int4[]) AS k
                                         UNION ALL SELECT k FROM uncommon) AS wanted
                 ORDER BY k) AS s)
         SELECT (SELECT n FROM locked), (SELECT array_agg(a) FROM uncommon)",
        &[
            &LOCK_CLASS,
            &keys.bands,
            &anchors,
            &anchor_keys,
            &COMMON_ANCHOR,
        ],
    )?;
    Ok(row.get::<_, Option<Vec<String>>>(1).unwrap_or_default())
}

/// Rule 1: the stored document sharing a band whose signature agrees most, from
/// [`NEAR_DUPLICATE_THRESHOLD`]; ties go to the smallest id, as on SQLite.
fn near_duplicate(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &Extraction,
    bands: &[(i64, i64)],
) -> Result<Option<CopyCluster>> {
    let doc = &ex.document;
    if doc.minhash.is_empty() || bands.is_empty() {
        return Ok(None);
    }
    let (band_ids, hashes): (Vec<i64>, Vec<i64>) = bands.iter().copied().unzip();
    let rows = statements.query(
        tx,
        // As on SQLite: at most BAND_CANDIDATES per bucket, the smallest ids.
        &format!(
            "SELECT s.doc_id, s.minhash FROM signatures s
             WHERE s.doc_id IN (
               SELECT c.doc_id FROM unnest($1::int8[], $2::int8[]) AS q(band, hash)
               CROSS JOIN LATERAL (SELECT b.doc_id FROM lsh_bands b
                                   WHERE b.band = q.band AND b.hash = q.hash
                                   ORDER BY b.doc_id LIMIT {}) c)",
            crate::clusters::BAND_CANDIDATES
        ),
        &[&band_ids, &hashes],
    )?;
    let candidates: BTreeMap<String, Vec<u8>> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    let mut best: Option<(String, f32)> = None;
    for (cand, blob) in candidates {
        let sim = similarity(&doc.minhash, &decode(&blob));
        if sim >= NEAR_DUPLICATE_THRESHOLD && best.as_ref().is_none_or(|(_, s)| sim > *s) {
            best = Some((cand, sim));
        }
    }
    let Some((other, sim)) = best else {
        return Ok(None);
    };
    let relation = if sim >= 0.999 { "exact" } else { "near" };
    join(tx, statements, &doc.id, &other, relation, sim).map(Some)
}

/// Rule 2: a document in another language telling the same story (`clusters.rs`).
fn translation(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &Extraction,
    anchors: &Anchors,
    uncommon: &[String],
) -> Result<Option<CopyCluster>> {
    let new = StoredFingerprint::of(ex, anchors);
    let Some(language) = new.language.clone() else {
        return Ok(None);
    };
    if anchors.len() < TRANSLATION_MIN_SHARED {
        return Ok(None);
    }
    let candidates = candidates(tx, statements, uncommon, &language)?;
    let mut best: Option<(String, f64)> = None;
    for old in candidates {
        let id = old.id.clone();
        let Some(score) = translation_score(&new, &old) else {
            continue;
        };
        if best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((id, score));
        }
    }
    let Some((other, score)) = best else {
        return Ok(None);
    };
    join(tx, statements, &new.id, &other, "translation", score as f32).map(Some)
}

/// The translation rule's candidates, best first, with what it compares of each — one
/// statement (it runs while the cluster locks are held): up to [`RARE_ANCHORS`] of the
/// document's anchors that [`lock`] found uncommon and that other documents hold, fewest holders first (ties by anchor),
/// leaving out those held by [`COMMON_ANCHOR`] documents or more (each count stops there, so
/// the cost does not grow with the store); then the documents in another language holding
/// most of them (ties by id), at most [`MAX_CANDIDATES`].
fn candidates(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    uncommon: &[String],
    language: &str,
) -> Result<Vec<StoredFingerprint>> {
    if uncommon.is_empty() {
        return Ok(Vec::new());
    }
    let rows = statements.query(
        tx,
        r#"WITH held AS (
             SELECT a, (SELECT count(*) FROM (SELECT 1 FROM anchor_index
                        WHERE anchor = a LIMIT $2) AS h) AS n
             FROM unnest($1::text[]) AS a),
           rare AS (
             SELECT a FROM held WHERE n > 0 AND n < $2 ORDER BY n, a COLLATE "C" LIMIT $3),
           found AS (
             SELECT i.doc_id, count(*) AS shared FROM anchor_index i
             JOIN documents d ON d.id = i.doc_id
             WHERE i.anchor IN (SELECT a FROM rare)
               AND d.language IS NOT NULL AND lower(d.language) != lower($4)
             GROUP BY i.doc_id ORDER BY count(*) DESC, i.doc_id LIMIT $5)
         SELECT a.doc_id, d.language, d.published, d.publisher, a.site_name,
                a.original_publisher, a.chars, a.anchors
         FROM found f JOIN doc_anchors a ON a.doc_id = f.doc_id
         JOIN documents d ON d.id = a.doc_id
         ORDER BY f.shared DESC, f.doc_id"#,
        &[
            &uncommon,
            &COMMON_ANCHOR,
            &(RARE_ANCHORS as i64),
            &language,
            &(MAX_CANDIDATES as i64),
        ],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            let publisher: Option<String> = r.get(3);
            let site_name: Option<String> = r.get(4);
            let list: String = r.get(7);
            StoredFingerprint {
                id: r.get(0),
                language: r.get(1),
                published: r.get(2),
                chars: r.get(6),
                publishers: [publisher, site_name].into_iter().flatten().collect(),
                original_publisher: r.get(5),
                anchors: list.lines().map(str::to_string).collect(),
            }
        })
        .collect())
}

/// The cluster of `other` (created when it has none), with `doc_id` as its newest member.
/// Setting the cluster of `other` is one statement: a concurrent insert joining the same
/// document waits for the row and then keeps the value the first one wrote (the cluster id
/// depends only on `other`, so both name the same cluster anyway).
fn join(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    doc_id: &str,
    other: &str,
    relation: &str,
    similarity: f32,
) -> Result<CopyCluster> {
    let proposed = format!("c-{other}");
    let cluster_id: String = statements
        .query_opt(
            tx,
            "UPDATE documents SET cluster_id = COALESCE(cluster_id, $1) WHERE id = $2
             RETURNING cluster_id",
            &[&proposed, &other],
        )?
        .map(|r| r.get(0))
        .ok_or_else(|| StoreError::Queue(format!("copy {other} vanished during the insert")))?;
    // The first members only (see MEMBERS_LISTED); the count is one index range.
    let mut members: Vec<String> = statements
        .query(
            tx,
            "SELECT id FROM documents WHERE cluster_id = $1 ORDER BY id LIMIT $2",
            &[&cluster_id, &(MEMBERS_LISTED as i64)],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let stored: i64 = statements
        .query_one(
            tx,
            "SELECT count(*) FROM documents WHERE cluster_id = $1",
            &[&cluster_id],
        )?
        .get(0);
    members.push(doc_id.to_string());
    Ok(CopyCluster {
        cluster_id,
        members,
        size: stored as usize + 1,
        relation: relation.to_string(),
        similarity,
    })
}

/// Stores a document's signature, bands and anchors for later lookups: rows of this
/// document only, in one statement (one round trip while the cluster locks are held).
fn index(
    tx: &mut Transaction<'_>,
    statements: &Statements,
    ex: &Extraction,
    anchors: &Anchors,
) -> Result<()> {
    let doc = &ex.document;
    let signed = !doc.minhash.is_empty();
    let (bands, hashes): (Vec<i64>, Vec<i64>) = if signed {
        band_hashes(&doc.minhash).into_iter().unzip()
    } else {
        Default::default()
    };
    let list: Vec<&str> = anchors.iter().map(String::as_str).collect();
    let original = doc
        .syndication
        .as_ref()
        .and_then(|s| s.original_publisher.clone());
    statements.query_one(
        tx,
        "WITH signature AS (
           INSERT INTO signatures(doc_id, minhash) SELECT $1, $2 WHERE $3
           ON CONFLICT (doc_id) DO UPDATE SET minhash = excluded.minhash RETURNING 1),
         bands AS (
           INSERT INTO lsh_bands(band, hash, doc_id)
           SELECT band, hash, $1 FROM unnest($4::int8[], $5::int8[]) AS q(band, hash)
           ON CONFLICT DO NOTHING RETURNING 1),
         fingerprint AS (
           INSERT INTO doc_anchors(doc_id, chars, site_name, original_publisher, anchors)
           VALUES ($1, $6, $7, $8, $9)
           ON CONFLICT (doc_id) DO UPDATE SET chars = excluded.chars,
               site_name = excluded.site_name,
               original_publisher = excluded.original_publisher, anchors = excluded.anchors
           RETURNING 1),
         anchored AS (
           INSERT INTO anchor_index(anchor, doc_id) SELECT a, $1 FROM unnest($10::text[]) AS a
           ON CONFLICT DO NOTHING RETURNING 1)
         SELECT (SELECT count(*) FROM signature), (SELECT count(*) FROM bands),
                (SELECT count(*) FROM fingerprint), (SELECT count(*) FROM anchored)",
        &[
            &doc.id,
            &encode(&doc.minhash),
            &signed,
            &bands,
            &hashes,
            &(doc.text.chars().count() as i64),
            &doc.site_name,
            &original,
            &list.join("\n"),
            &list,
        ],
    )?;
    Ok(())
}

impl PgStore {
    /// A stored document's copies (the first [`MEMBERS_LISTED`] by id) and how many there
    /// are, and its cluster record brought up to date (the stored extraction is a snapshot
    /// from its own insert: copies stored later, and the cluster an earlier document was
    /// pulled into, are only in `documents.cluster_id`). The same answer as the SQLite
    /// store's `Store::document`.
    pub(crate) fn current_cluster(
        &self,
        id: &str,
        cluster_id: Option<&str>,
        extraction: &mut Extraction,
    ) -> Result<(Vec<String>, usize)> {
        let Some(cluster_id) = cluster_id else {
            return Ok((Vec::new(), 0));
        };
        let (copies, copy_count) = {
            let mut client = self.client()?;
            let copies: Vec<String> = client
                .query(
                    "SELECT id FROM documents WHERE cluster_id = $1 AND id != $2 ORDER BY id
                     LIMIT $3",
                    &[&cluster_id, &id, &(MEMBERS_LISTED as i64)],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let all: i64 = client
                .query_one(
                    "SELECT count(*) FROM documents WHERE cluster_id = $1 AND id != $2",
                    &[&cluster_id, &id],
                )?
                .get(0);
            (copies, all as usize)
        };
        let joiner = match extraction.document.cluster {
            Some(_) => None,
            None => self.joined_relation(cluster_id, id)?,
        };
        bring_up_to_date(
            &mut extraction.document.cluster,
            cluster_id,
            id,
            &copies,
            copy_count,
            joiner,
        );
        Ok((copies, copy_count))
    }

    /// The cluster record of the first other member of `cluster_id` that stored one.
    fn joined_relation(&self, cluster_id: &str, except: &str) -> Result<Option<CopyCluster>> {
        let rows = self.client()?.query(
            // The first listed members only: a cluster of thousands is not read whole.
            "SELECT extraction FROM documents WHERE cluster_id = $1 AND id != $2 ORDER BY id
             LIMIT $3",
            &[&cluster_id, &except, &(MEMBERS_LISTED as i64)],
        )?;
        for row in rows {
            let blob: Vec<u8> = row.get(0);
            let json = crate::extraction_json(rusqlite::types::ValueRef::Blob(&blob))?;
            // A member whose JSON does not parse is skipped here; reading it shows the error.
            if let Ok(ex) = serde_json::from_str::<Extraction>(&json) {
                if let Some(c) = ex.document.cluster {
                    return Ok(Some(c));
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use armsgraph_model::Document;

    fn with(language: Option<&str>, text: &str) -> Extraction {
        Extraction {
            document: Document {
                id: "d1".into(),
                content_hash: "h1".into(),
                language: language.map(str::to_string),
                text: text.into(),
                minhash: (0..128).collect(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn lock_keys_cover_bands_and_anchors_when_translations_apply() {
        let text =
            "Am 14.05.2024 kamen 12 Panzer, 345 Granaten, 6789 Schuss, 1011 Helme, 1213 Zelte";
        let ex = with(Some("de"), text);
        let anchors = anchors::anchors_of(&ex);
        let bands = band_hashes(&ex.document.minhash);
        let keys = lock_keys(&ex, &bands, &anchors);
        assert!(
            keys.bands.windows(2).all(|w| w[0] < w[1]),
            "ascending, distinct"
        );
        assert_eq!(keys.bands.len(), 32);
        // Every anchor (numbers, the month, the year) is offered; `lock` leaves out the
        // common ones.
        assert_eq!(keys.anchors.len(), anchors.len(), "{anchors:?}");
        assert!(keys.anchors.len() >= 7, "{anchors:?}");
        // Without a language the translation rule never applies: no anchor locks.
        let ex = with(None, text);
        assert!(lock_keys(&ex, &bands, &anchors).anchors.is_empty());
        // The same document always asks for the same keys (they must meet across workers).
        let again = with(Some("de"), text);
        assert_eq!(lock_keys(&again, &bands, &anchors), keys);
    }

    /// A raw document row (the columns `assign` reads), inserted but not committed.
    fn insert_row(tx: &mut Transaction<'_>, ex: &Extraction) {
        let d = &ex.document;
        tx.execute(
            "INSERT INTO documents(id, content_hash, origin, language, ingested_at, extraction,
                body, ts_config, tsv)
             VALUES ($1, $2, $1, $3, 'now', ''::bytea, '', 'simple', ''::tsvector)",
            &[&d.id, &d.content_hash, &d.language],
        )
        .unwrap();
    }

    /// With the locks, an insert whose copy is stored but not yet committed waits for that
    /// commit and then joins it; without them it would find nothing and stay alone. Two
    /// connections, the first transaction held open by the test: deterministic.
    #[test]
    fn a_copy_in_flight_is_waited_for_then_joined() {
        let Some(base) = std::env::var("ARMSGRAPH_TEST_PG")
            .ok()
            .filter(|u| crate::pg::is_url(u))
        else {
            return;
        };
        let mut first = with(Some("de"), "Erste Fassung.");
        first.document.id = "a000000000000001".into();
        let mut copy = first.clone();
        copy.document.id = "a000000000000002".into();
        copy.document.content_hash = "h2".into();
        let mut other = first.clone();
        other.document.id = "b000000000000001".into();
        other.document.content_hash = "h3".into();
        other.document.minhash = (10_000..10_128).collect();
        let url = crate::pg::fresh_schema_url(&base, "pgc_in_flight").unwrap();
        drop(PgStore::open(&url).unwrap());
        let connect = || postgres::Client::connect(&url, postgres::NoTls).unwrap();
        let mut holder = connect();
        let mut tx1 = holder.transaction().unwrap();
        insert_row(&mut tx1, &first);
        assert_eq!(
            assign(&mut tx1, &Statements::default(), &first).unwrap(),
            None
        );
        let waiter = {
            let mut client = connect();
            std::thread::spawn(move || {
                let mut tx2 = client.transaction().unwrap();
                insert_row(&mut tx2, &copy);
                let cluster = assign(&mut tx2, &Statements::default(), &copy).unwrap();
                tx2.commit().unwrap();
                cluster
            })
        };
        // A document sharing no key with the one in flight is not held up.
        let mut free = connect();
        let mut tx3 = free.transaction().unwrap();
        insert_row(&mut tx3, &other);
        assert_eq!(
            assign(&mut tx3, &Statements::default(), &other).unwrap(),
            None
        );
        tx3.commit().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!waiter.is_finished(), "the copy waits for the first commit");
        tx1.commit().unwrap();
        let cluster = waiter
            .join()
            .unwrap()
            .expect("the copy joins the committed first");
        assert_eq!(cluster.members, ["a000000000000001", "a000000000000002"]);
        assert_eq!(cluster.relation, "exact");
    }
}
