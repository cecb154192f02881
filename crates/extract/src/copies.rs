//! Copy detection helpers: the normalised text behind `Document::id`/`content_hash`, and the
//! MinHash signature behind near-duplicate clustering.
//!
//! # Signature layout
//! [`signature`] returns [`MINHASH_SIZE`] (128) values: value `i` is the minimum over all word
//! 5-shingles of the normalised text of `splitmix64(shingle_hash ^ SEED[i])`. The seeds are
//! fixed, so signatures computed by different runs and machines compare. The store should band
//! it as **32 bands × 4 rows** (`sig[4b..4b+4]` for band `b`): two texts with Jaccard
//! similarity `s` share at least one band with probability `1 - (1 - s^4)^32`, which is
//! ≈ 0.5 at s = 0.42, ≈ 0.96 at s = 0.6 and ≈ 1.0 at s ≥ 0.75 (copies with a different
//! header/footer), while unrelated news (s < 0.1) almost never collides. Candidate pairs are
//! then confirmed with [`jaccard_estimate`] (e.g. ≥ 0.5 → `near` copy).

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// Number of hash values in a MinHash signature.
pub const MINHASH_SIZE: usize = 128;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Recommended LSH banding for [`MINHASH_SIZE`]: bands × rows.
pub const LSH_BANDS: usize = 32;
pub const LSH_ROWS: usize = 4;

/// NFC, lower case, every whitespace run collapsed to one space, trimmed: two texts that
/// differ only in layout or case normalise to the same string.
pub fn normalise(text: &str) -> String {
    // Most text is already NFC (all ASCII text is); the quick check skips the
    // decompose-recompose pass, which was most of this function's time.
    let lower = if unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        text.to_lowercase()
    } else {
        text.nfc().collect::<String>().to_lowercase()
    };
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Full SHA-256 hex of the normalised text (`Document::content_hash`).
pub fn content_hash(text: &str) -> String {
    hash_of_normalised(&normalise(text))
}

fn hash_of_normalised(norm: &str) -> String {
    let digest = Sha256::digest(norm.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `(id, content_hash)`: the id is the first 16 hex chars of the hash.
pub fn document_id(text: &str) -> (String, String) {
    id_of_normalised(&normalise(text))
}

fn id_of_normalised(norm: &str) -> (String, String) {
    let hash = hash_of_normalised(norm);
    (hash.chars().take(16).collect(), hash)
}

/// `(id, content_hash, signature)` of a text with one normalisation: what
/// [`document_id`] and [`signature`] return.
pub(crate) fn identity(text: &str) -> (String, String, Vec<u64>) {
    let norm = normalise(text);
    let (id, hash) = id_of_normalised(&norm);
    (id, hash, signature_of_normalised(&norm))
}

/// 64-bit FNV-1a: a fixed, platform-independent string hash (std's hasher is seeded per
/// process and may change between Rust versions).
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// SplitMix64 finaliser: a cheap bijective mixer, used to derive the 128 hash functions.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn seeds() -> [u64; MINHASH_SIZE] {
    let mut out = [0u64; MINHASH_SIZE];
    let mut s: u64 = 0x6172_6d73_6772_6170; // "armsgrap"
    for seed in out.iter_mut() {
        s = splitmix64(s);
        *seed = s;
    }
    out
}

/// MinHash signature of a text (empty for a text without words). See the module doc for the
/// layout and the recommended banding.
pub fn signature(text: &str) -> Vec<u64> {
    signature_of_normalised(&normalise(text))
}

fn signature_of_normalised(norm: &str) -> Vec<u64> {
    let words: Vec<&str> = norm
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let word_hashes: Vec<u64> = words.iter().map(|w| fnv1a(w)).collect();
    let shingle = |ws: &[u64]| ws.iter().fold(0u64, |h, w| splitmix64(h ^ w));
    let mut shingles: Vec<u64> = if word_hashes.len() < SHINGLE_WORDS {
        vec![shingle(&word_hashes)]
    } else {
        word_hashes.windows(SHINGLE_WORDS).map(shingle).collect()
    };
    // The minimum over a set: repeated shingles need hashing only once per seed.
    shingles.sort_unstable();
    shingles.dedup();
    seeds()
        .iter()
        .map(|seed| {
            shingles
                .iter()
                .map(|s| splitmix64(s ^ seed))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect()
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures: the share of
/// positions with equal values. 0.0 when either is empty or their lengths differ.
pub fn jaccard_estimate(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / a.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ignores_layout_and_case() {
        let (a, ha) = document_id("Der  geheime\nWaffendeal");
        let (b, hb) = document_id("der geheime waffendeal ");
        assert_eq!(a, b);
        assert_eq!(ha, hb);
        assert_eq!(a.len(), 16);
        assert_eq!(ha.len(), 64);
        assert!(ha.starts_with(&a));
        // NFC: a decomposed "ü" hashes like the composed one.
        assert_eq!(
            content_hash("Verbu\u{308}ndeten"),
            content_hash("Verbündeten")
        );
    }

    #[test]
    fn near_copies_have_high_estimates_and_unrelated_texts_low() {
        let base = "Belarus hat Aserbaidschan heimlich Artillerie und Drohnen geliefert, \
                    obwohl beide Staaten Armenien in einem Militärbündnis Beistand schulden. \
                    Das zeigen durchgesickerte Dokumente, die POLITICO vorliegen. \
                    Weder Minsk noch Baku reagierten auf Anfragen um einen Kommentar.";
        let copy = format!("{base} Leave a Reply");
        let other = "The central bank kept interest rates unchanged on Thursday and said \
                     inflation would stay above its target for most of next year.";
        let (s1, s2, s3) = (signature(base), signature(&copy), signature(other));
        assert_eq!(s1.len(), MINHASH_SIZE);
        assert_eq!(s1, signature(base), "deterministic");
        assert!(
            jaccard_estimate(&s1, &s2) > 0.75,
            "{}",
            jaccard_estimate(&s1, &s2)
        );
        assert!(jaccard_estimate(&s1, &s3) < 0.1);
        assert_eq!(jaccard_estimate(&s1, &[]), 0.0);
        assert!(signature(" ,. ").is_empty());
        assert_eq!(LSH_BANDS * LSH_ROWS, MINHASH_SIZE);
    }
}
