//! Copy clusters: near-duplicate documents found by MinHash + LSH banding, and translations
//! found by their anchors.
//!
//! The extract stage computes each document's MinHash signature; here the signature is cut
//! into bands of [`BAND_ROWS`] values, each band hashed and indexed. Two documents sharing any
//! band are candidates; a candidate whose signatures agree on at least
//! [`NEAR_DUPLICATE_THRESHOLD`] of positions (the Jaccard estimate) joins its cluster.
//!
//! Shingles do not survive translation, so a document that found no copy this way is compared
//! with documents in other languages by its [`anchors`](crate::anchors) (entities, numbers,
//! dates): a candidate must share some of the document's rarest anchors (an inverted index),
//! be published within [`TRANSLATION_MAX_DAYS`], be of similar length and reach
//! [`TRANSLATION_THRESHOLD`]; it then joins with relation `translation`. See
//! `docs/notes/copies.md` for the measurements behind the numbers.

use std::collections::BTreeSet;

use armsgraph_model::{CopyCluster, Document, Extraction};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};

use crate::anchors::{self, Anchors};
use crate::Result;

/// Values per LSH band. With 128-value signatures this gives 32 bands, so a pair with Jaccard
/// similarity 0.5 is a candidate with probability 1-(1-0.5^4)^32 ≈ 0.87, and at 0.8 almost
/// surely.
pub const BAND_ROWS: usize = 4;

/// Members a cluster record lists, and copies a stored document lists (the first by id, plus
/// the document itself): joining a cluster, and showing a document of it, then costs the
/// same at 5 members as at 5,000 (`bench serve` on PostgreSQL stored clusters of 5,600 copies,
/// each insert listing and storing them all). The counts (`CopyCluster::size`,
/// `StoredDocument::copy_count`) stay exact.
pub const MEMBERS_LISTED: usize = 50;

/// Estimated Jaccard similarity of word shingles above which two texts are copies.
pub const NEAR_DUPLICATE_THRESHOLD: f32 = 0.5;

/// Weighted Jaccard similarity of anchors (see [`anchors::compare`]) from which a document in
/// another language is a translation of the same story.
pub const TRANSLATION_THRESHOLD: f64 = 0.55;
/// The threshold when the copy names the other document's publisher as its original
/// (`Syndication::original_publisher`).
pub const TRANSLATION_THRESHOLD_NAMED_PUBLISHER: f64 = 0.45;
/// Anchors two documents must share, and how many of them must be numbers or dates, so that a
/// few shared names (every story on a topic has them) never make a translation.
pub const TRANSLATION_MIN_SHARED: usize = 6;
pub const TRANSLATION_MIN_SPECIFIC: usize = 2;
/// Publication dates of a translation and its original, when both are known, differ by at
/// most this many days.
pub const TRANSLATION_MAX_DAYS: i64 = 14;
/// Longer text over shorter text (chars); a translation changes length by a fraction, not a
/// multiple. A copy naming the other's publisher may be an excerpt, hence the wider bound.
pub const TRANSLATION_MAX_LENGTH_RATIO: f64 = 2.0;
pub const TRANSLATION_MAX_LENGTH_RATIO_NAMED_PUBLISHER: f64 = 4.0;
/// How many of a document's rarest stored anchors select candidates, and how many candidates
/// (those sharing most of them) are compared: a translation shares nearly all its anchors, so
/// it holds some of the rarest, while a common anchor (`e:USA`) would select half the store.
pub(crate) const RARE_ANCHORS: usize = 8;
pub(crate) const MAX_CANDIDATES: usize = 200;
/// How many stored documents of one LSH bucket (band and hash) a new document is compared
/// with: the smallest ids. Copies of one story share most of their 32 buckets, so a copy
/// finds its cluster among the first few of any of them; without a bound, the n-th copy of a
/// syndicated story compares itself with all n − 1 before it (quadratic ingest).
pub(crate) const BAND_CANDIDATES: usize = 16;
/// Documents holding an anchor from which it is too common to select candidates.
pub(crate) const COMMON_ANCHOR: i64 = 1000;

/// Name of the band hash in `meta`; stored band hashes made by another function (the
/// toolchain's `DefaultHasher` before) are rebuilt from the signatures on open.
pub(crate) const BAND_HASH_NAME: &str = "fnv1a-64";

/// FNV-1a over the little-endian bytes of a band's rows: a fixed function, so band hashes
/// written by one build match those of every later build (std's `DefaultHasher` promises no
/// such stability).
fn band_hash(rows: &[u64]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in rows.iter().flat_map(|v| v.to_le_bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub(crate) fn band_hashes(signature: &[u64]) -> Vec<(i64, i64)> {
    signature
        .chunks(BAND_ROWS)
        .filter(|c| c.len() == BAND_ROWS)
        .enumerate()
        // SQLite integers are signed: the hash's bits are stored as an i64.
        .map(|(band, rows)| (band as i64, band_hash(rows) as i64))
        .collect()
}

pub(crate) fn similarity(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / a.len() as f32
}

pub(crate) fn encode(signature: &[u64]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub(crate) fn decode(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect()
}

/// Find the cluster a new document belongs to, creating it (and labelling the earlier copy)
/// when the document is the second member.
pub(crate) fn assign(tx: &Transaction<'_>, doc: &Document) -> Result<Option<CopyCluster>> {
    if doc.minhash.is_empty() {
        return Ok(None);
    }
    let mut candidates = BTreeSet::new();
    {
        // At most BAND_CANDIDATES per bucket, the smallest ids (a range of the primary key):
        // a story stored ten thousand times would otherwise make every new copy compare
        // itself with every earlier one.
        let mut stmt = tx.prepare(&format!(
            "SELECT doc_id FROM lsh_bands WHERE band = ?1 AND hash = ?2
             ORDER BY doc_id LIMIT {BAND_CANDIDATES}"
        ))?;
        for (band, hash) in band_hashes(&doc.minhash) {
            let ids = stmt.query_map(params![band, hash], |r| r.get::<_, String>(0))?;
            for id in ids {
                candidates.insert(id?);
            }
        }
    }
    let mut best: Option<(String, f32)> = None;
    for cand in candidates {
        let blob: Option<Vec<u8>> = tx
            .query_row(
                "SELECT minhash FROM signatures WHERE doc_id = ?1",
                params![cand],
                |r| r.get(0),
            )
            .optional()?;
        let Some(blob) = blob else { continue };
        let sim = similarity(&doc.minhash, &decode(&blob));
        if sim >= NEAR_DUPLICATE_THRESHOLD && best.as_ref().is_none_or(|(_, s)| sim > *s) {
            best = Some((cand, sim));
        }
    }
    let Some((other, sim)) = best else {
        return Ok(None);
    };
    let relation = if sim >= 0.999 { "exact" } else { "near" };
    join(tx, &doc.id, &other, relation, sim).map(Some)
}

/// The cluster of `other` (created when it has none), with `doc_id` as its newest member.
fn join(
    tx: &Transaction<'_>,
    doc_id: &str,
    other: &str,
    relation: &str,
    similarity: f32,
) -> Result<CopyCluster> {
    let existing: Option<String> = tx.query_row(
        "SELECT cluster_id FROM documents WHERE id = ?1",
        params![other],
        |r| r.get(0),
    )?;
    let cluster_id = match existing {
        Some(c) => c,
        None => {
            let c = format!("c-{other}");
            tx.execute(
                "UPDATE documents SET cluster_id = ?1 WHERE id = ?2",
                params![c, other],
            )?;
            c
        }
    };
    // The first members only (see MEMBERS_LISTED); the count is one index range.
    let mut members: Vec<String> = {
        let mut stmt =
            tx.prepare("SELECT id FROM documents WHERE cluster_id = ?1 ORDER BY id LIMIT ?2")?;
        let rows = stmt.query_map(params![cluster_id, MEMBERS_LISTED as i64], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let stored: i64 = tx.query_row(
        "SELECT count(*) FROM documents WHERE cluster_id = ?1",
        params![cluster_id],
        |r| r.get(0),
    )?;
    members.push(doc_id.to_string());
    Ok(CopyCluster {
        cluster_id,
        members,
        size: stored as usize + 1,
        relation: relation.to_string(),
        similarity,
    })
}

/// A stored document's cluster record (`record`, a snapshot from its own insert) brought up to
/// date with the cluster as it is now: its first listed `copies` (the others by id, at most
/// [`MEMBERS_LISTED`]) and how many there are (`copy_count`). Members in the order they joined
/// as far as the record knows, then the rest. A document pulled into a cluster by a later
/// copy has no record: `joiner` (that copy's record) tells how the two relate. Both stores.
pub(crate) fn bring_up_to_date(
    record: &mut Option<CopyCluster>,
    cluster_id: &str,
    id: &str,
    copies: &[String],
    copy_count: usize,
    joiner: Option<CopyCluster>,
) {
    let mut members: Vec<String> = record
        .as_ref()
        .map_or_else(|| vec![id.to_string()], |c| c.members.clone());
    for c in copies {
        if !members.contains(c) {
            members.push(c.clone());
        }
    }
    members.retain(|m| m == id || copies.contains(m));
    let cluster = match record.take() {
        Some(mut c) => {
            c.cluster_id = cluster_id.to_string();
            c.members = members;
            c.size = copy_count + 1;
            c
        }
        None => CopyCluster {
            cluster_id: cluster_id.to_string(),
            members,
            size: copy_count + 1,
            relation: joiner
                .as_ref()
                .map_or_else(|| "near".to_string(), |c| c.relation.clone()),
            similarity: joiner.map_or(0.0, |c| c.similarity),
        },
    };
    *record = Some(cluster);
}

/// Index a stored document's signature for later lookups.
pub(crate) fn index(tx: &Transaction<'_>, doc: &Document) -> Result<()> {
    if doc.minhash.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT OR REPLACE INTO signatures(doc_id, minhash) VALUES (?1, ?2)",
        params![doc.id, encode(&doc.minhash)],
    )?;
    let mut stmt =
        tx.prepare("INSERT OR IGNORE INTO lsh_bands(band, hash, doc_id) VALUES (?1, ?2, ?3)")?;
    for (band, hash) in band_hashes(&doc.minhash) {
        stmt.execute(params![band, hash, doc.id])?;
    }
    Ok(())
}

/// What the translation rule compares of a stored document.
pub(crate) struct StoredFingerprint {
    pub(crate) id: String,
    pub(crate) language: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) chars: i64,
    /// The document's own publisher names (`publisher`, `site_name`).
    pub(crate) publishers: Vec<String>,
    pub(crate) original_publisher: Option<String>,
    pub(crate) anchors: Anchors,
}

impl StoredFingerprint {
    pub(crate) fn of(ex: &Extraction, anchors: &Anchors) -> StoredFingerprint {
        let doc = &ex.document;
        StoredFingerprint {
            id: doc.id.clone(),
            language: doc.language.clone(),
            published: doc.published.as_ref().map(|d| d.value.clone()),
            chars: doc.text.chars().count() as i64,
            publishers: [&doc.publisher, &doc.site_name]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
            original_publisher: doc
                .syndication
                .as_ref()
                .and_then(|s| s.original_publisher.clone()),
            anchors: anchors.clone(),
        }
    }
}

/// Find a document in another language that tells the same story (see the module doc) and
/// join its cluster with relation `translation`.
pub(crate) fn assign_translation(
    tx: &Transaction<'_>,
    ex: &Extraction,
    anchors: &Anchors,
) -> Result<Option<CopyCluster>> {
    let new = StoredFingerprint::of(ex, anchors);
    // Without a language we cannot tell a translation from a same-language rewrite, which
    // this rule must never merge.
    let Some(language) = new.language.as_deref() else {
        return Ok(None);
    };
    if anchors.len() < TRANSLATION_MIN_SHARED {
        return Ok(None);
    }
    let rare = rarest_anchors(tx, anchors)?;
    if rare.is_empty() {
        return Ok(None);
    }
    let placeholders = vec!["?"; rare.len()].join(", ");
    let sql = format!(
        "SELECT i.doc_id FROM anchor_index i JOIN documents d ON d.id = i.doc_id
         WHERE i.anchor IN ({placeholders})
           AND d.language IS NOT NULL AND lower(d.language) != lower(?)
         GROUP BY i.doc_id ORDER BY count(*) DESC, i.doc_id LIMIT {MAX_CANDIDATES}"
    );
    let candidates: Vec<String> = {
        let mut stmt = tx.prepare(&sql)?;
        let args = rare.iter().map(String::as_str).chain([language]);
        let rows = stmt.query_map(params_from_iter(args), |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut best: Option<(String, f64)> = None;
    for id in candidates {
        let Some(stored) = load_fingerprint(tx, &id)? else {
            continue;
        };
        let Some(score) = translation_score(&new, &stored) else {
            continue;
        };
        if best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((id, score));
        }
    }
    let Some((other, score)) = best else {
        return Ok(None);
    };
    join(tx, &new.id, &other, "translation", score as f32).map(Some)
}

/// The anchor similarity of two documents when every rule for a translation holds.
pub(crate) fn translation_score(new: &StoredFingerprint, old: &StoredFingerprint) -> Option<f64> {
    let (Some(a), Some(b)) = (new.language.as_deref(), old.language.as_deref()) else {
        return None;
    };
    if a.eq_ignore_ascii_case(b) {
        return None;
    }
    if let (Some(x), Some(y)) = (new.published.as_deref(), old.published.as_deref()) {
        if let (Some(x), Some(y)) = (day_number(x), day_number(y)) {
            if (x - y).abs() > TRANSLATION_MAX_DAYS {
                return None;
            }
        }
    }
    let named = names_publisher(new.original_publisher.as_deref(), &old.publishers)
        || names_publisher(old.original_publisher.as_deref(), &new.publishers);
    let (max_ratio, threshold) = if named {
        (
            TRANSLATION_MAX_LENGTH_RATIO_NAMED_PUBLISHER,
            TRANSLATION_THRESHOLD_NAMED_PUBLISHER,
        )
    } else {
        (TRANSLATION_MAX_LENGTH_RATIO, TRANSLATION_THRESHOLD)
    };
    let (short, long) = (new.chars.min(old.chars), new.chars.max(old.chars));
    if short <= 0 || long as f64 > short as f64 * max_ratio {
        return None;
    }
    let m = anchors::compare(&new.anchors, &old.anchors);
    let enough = m.shared >= TRANSLATION_MIN_SHARED
        && m.shared_specific >= TRANSLATION_MIN_SPECIFIC
        && m.jaccard >= threshold;
    enough.then_some(m.jaccard)
}

/// Whether a copy's named original publisher is one of a document's own publisher names
/// (case, spaces and punctuation ignored; `POLITICO` names `Politico Europe`).
fn names_publisher(original: Option<&str>, publishers: &[String]) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let Some(original) = original.map(norm).filter(|o| o.len() >= 3) else {
        return false;
    };
    publishers
        .iter()
        .map(|p| norm(p))
        .any(|p| p.len() >= 3 && (p == original || p.contains(&original) || original.contains(&p)))
}

/// Days since 1970-01-01 of an ISO date (`2024-05-14` or `2024-05-14T09:30:00Z`), or `None`
/// when it does not start with a valid date.
fn day_number(iso: &str) -> Option<i64> {
    let y: i64 = iso.get(0..4)?.parse().ok()?;
    let m: i64 = iso.get(5..7)?.parse().ok()?;
    let d: i64 = iso.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (H. Hinnant): years start in March so the leap day comes last.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Up to [`RARE_ANCHORS`] of a document's anchors that other documents hold, fewest holders
/// first. Anchors held by [`COMMON_ANCHOR`] documents or more are left out: counting and
/// scanning their postings would make every insert slower as the store grows.
fn rarest_anchors(tx: &Transaction<'_>, anchors: &Anchors) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT count(*) FROM (SELECT 1 FROM anchor_index WHERE anchor = ?1 LIMIT {COMMON_ANCHOR})"
    ))?;
    let mut held: Vec<(i64, &String)> = Vec::new();
    for a in anchors {
        let n: i64 = stmt.query_row(params![a], |r| r.get(0))?;
        if n > 0 && n < COMMON_ANCHOR {
            held.push((n, a));
        }
    }
    held.sort();
    Ok(held
        .into_iter()
        .take(RARE_ANCHORS)
        .map(|(_, a)| a.clone())
        .collect())
}

fn load_fingerprint(tx: &Transaction<'_>, id: &str) -> Result<Option<StoredFingerprint>> {
    let row = tx
        .query_row(
            "SELECT d.language, d.published, d.publisher, a.site_name, a.original_publisher,
                    a.chars, a.anchors
             FROM doc_anchors a JOIN documents d ON d.id = a.doc_id WHERE a.doc_id = ?1",
            params![id],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(
        |(language, published, publisher, site_name, original_publisher, chars, list)| {
            StoredFingerprint {
                id: id.to_string(),
                language,
                published,
                chars,
                publishers: [publisher, site_name].into_iter().flatten().collect(),
                original_publisher,
                anchors: list.lines().map(str::to_string).collect(),
            }
        },
    ))
}

/// Store a document's anchors (one line each) and add them to the inverted index.
pub(crate) fn index_anchors(
    tx: &Transaction<'_>,
    ex: &Extraction,
    anchors: &Anchors,
) -> Result<()> {
    let doc = &ex.document;
    let list: Vec<&str> = anchors.iter().map(String::as_str).collect();
    tx.execute(
        "INSERT OR REPLACE INTO doc_anchors(doc_id, chars, site_name, original_publisher, anchors)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            doc.id,
            doc.text.chars().count() as i64,
            doc.site_name,
            doc.syndication
                .as_ref()
                .and_then(|s| s.original_publisher.clone()),
            list.join("\n")
        ],
    )?;
    let mut stmt =
        tx.prepare("INSERT OR IGNORE INTO anchor_index(anchor, doc_id) VALUES (?1, ?2)")?;
    for a in anchors {
        stmt.execute(params![a, doc.id])?;
    }
    Ok(())
}

/// Bring the copy tables of an older database up to date, once: band hashes made with another
/// hash function are rebuilt from the stored signatures, and documents stored before anchors
/// existed get theirs from their stored extraction.
pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    let done = |key: &str| -> Result<Option<String>> {
        Ok(conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()?)
    };
    if done("band_hash")?.as_deref() != Some(BAND_HASH_NAME) {
        let tx = conn.unchecked_transaction()?;
        tx.execute("DELETE FROM lsh_bands", [])?;
        let signatures: Vec<(String, Vec<u8>)> = {
            let mut stmt = tx.prepare("SELECT doc_id, minhash FROM signatures")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        {
            let mut stmt = tx.prepare(
                "INSERT OR IGNORE INTO lsh_bands(band, hash, doc_id) VALUES (?1, ?2, ?3)",
            )?;
            for (id, blob) in &signatures {
                for (band, hash) in band_hashes(&decode(blob)) {
                    stmt.execute(params![band, hash, id])?;
                }
            }
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('band_hash', ?1)",
            params![BAND_HASH_NAME],
        )?;
        tx.commit()?;
    }
    if done("anchors")?.is_none() {
        let tx = conn.unchecked_transaction()?;
        let missing: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT d.id FROM documents d
                 WHERE NOT EXISTS (SELECT 1 FROM doc_anchors a WHERE a.doc_id = d.id)",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in missing {
            let json: String = tx.query_row(
                "SELECT extraction FROM documents WHERE id = ?1",
                params![id],
                |r| crate::extraction_json(r.get_ref(0)?),
            )?;
            // A stored extraction this build cannot read is reported when the document is
            // shown; here it only goes without anchors, rather than keep the store closed.
            let Ok(ex) = serde_json::from_str::<Extraction>(&json) else {
                continue;
            };
            index_anchors(&tx, &ex, &anchors::anchors_of(&ex))?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('anchors', '1')",
            [],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_blob_round_trips() {
        let sig = vec![1u64, u64::MAX, 42, 7];
        assert_eq!(decode(&encode(&sig)), sig);
        assert_eq!(similarity(&sig, &sig), 1.0);
        assert_eq!(similarity(&sig, &[1, 0, 42, 0]), 0.5);
    }

    #[test]
    fn band_hash_is_pinned() {
        // Stored band hashes must match across builds and toolchains: this value may never
        // change (if it must, rename BAND_HASH_NAME so stores rebuild their bands).
        assert_eq!(band_hash(&[1, 2, 3, 4]), 0x898f_7e1c_e696_4921);
        assert_eq!(band_hash(&[]), 0xcbf2_9ce4_8422_2325);
        let sig: Vec<u64> = (0..128).collect();
        let bands = band_hashes(&sig);
        assert_eq!(bands.len(), 32);
        assert_eq!(bands[0], (0, band_hash(&[0, 1, 2, 3]) as i64));
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2024-03-01"), Some(19783));
        assert_eq!(
            day_number("2024-03-01T10:00:00Z").zip(day_number("2024-02-28")),
            Some((19783, 19781))
        );
        assert_eq!(day_number("2024"), None);
        assert_eq!(day_number("2024-13-01"), None);
    }

    #[test]
    fn publisher_names_match_loosely() {
        let own = vec!["Politico Europe".to_string()];
        assert!(names_publisher(Some("POLITICO"), &own));
        assert!(!names_publisher(Some("Reuters"), &own));
        assert!(!names_publisher(None, &own));
        assert!(!names_publisher(Some("-"), &own));
    }
}
