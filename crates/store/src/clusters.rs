//! Copy clusters: near-duplicate documents found by MinHash + LSH banding.
//!
//! The extract stage computes each document's MinHash signature; here the signature is cut
//! into bands of [`BAND_ROWS`] values, each band hashed and indexed. Two documents sharing any
//! band are candidates; a candidate whose signatures agree on at least
//! [`NEAR_DUPLICATE_THRESHOLD`] of positions (the Jaccard estimate) joins its cluster.

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use armsgraph_model::{CopyCluster, Document};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::Result;

/// Values per LSH band. With 128-value signatures this gives 32 bands, so a pair with Jaccard
/// similarity 0.5 is a candidate with probability 1-(1-0.5^4)^32 ≈ 0.87, and at 0.8 almost
/// surely.
pub const BAND_ROWS: usize = 4;

/// Estimated Jaccard similarity of word shingles above which two texts are copies.
pub const NEAR_DUPLICATE_THRESHOLD: f32 = 0.5;

fn band_hashes(signature: &[u64]) -> Vec<(i64, i64)> {
    signature
        .chunks(BAND_ROWS)
        .filter(|c| c.len() == BAND_ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut h = DefaultHasher::new();
            rows.hash(&mut h);
            (band as i64, h.finish() as i64)
        })
        .collect()
}

fn similarity(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / a.len() as f32
}

fn encode(signature: &[u64]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn decode(blob: &[u8]) -> Vec<u64> {
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
        let mut stmt = tx.prepare("SELECT doc_id FROM lsh_bands WHERE band = ?1 AND hash = ?2")?;
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
    let mut members: Vec<String> = {
        let mut stmt = tx.prepare("SELECT id FROM documents WHERE cluster_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![cluster_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    members.push(doc.id.clone());
    Ok(Some(CopyCluster {
        cluster_id,
        members,
        relation: if sim >= 0.999 { "exact" } else { "near" }.to_string(),
        similarity: sim,
    }))
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
}
