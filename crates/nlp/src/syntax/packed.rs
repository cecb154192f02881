//! Tables read in place from a model file's bytes (model format 3): loading a model is then
//! finding where its tables start, not rebuilding hash maps, so the first document of a
//! language does not wait for hundreds of thousands of insertions (docs/notes/syntax.md,
//! "Start-up").
//!
//! Every table is laid out when the model is written: entries sorted by a bucket of their
//! key (a hash for strings, the key's top bits for perceptron features), with a bucket
//! index, so a lookup reads one bucket's few entries. Numbers are little-endian and read
//! with `from_le_bytes` from byte slices, so no alignment is assumed and no `unsafe` is
//! needed. A corrupt table never panics: every read is bounds-checked and a lookup that
//! runs off its table finds nothing.

use std::borrow::Cow;
use std::sync::Arc;

use super::bytes::{Reader, Writer};
use super::SyntaxError;

/// A shared, read-only window on a model file's bytes: the file as embedded in the binary
/// (`&'static`, read without a copy) or a decompressed body.
#[derive(Clone)]
pub struct Bytes {
    data: Arc<Cow<'static, [u8]>>,
    start: usize,
    end: usize,
}

impl Bytes {
    pub fn new(data: Cow<'static, [u8]>) -> Bytes {
        let end = data.len();
        Bytes {
            data: Arc::new(data),
            start: 0,
            end,
        }
    }

    pub fn from_vec(v: Vec<u8>) -> Bytes {
        Bytes::new(Cow::Owned(v))
    }

    #[inline]
    pub fn as_slice(&self) -> &[u8] {
        self.data.get(self.start..self.end).unwrap_or(&[])
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The bytes `start..end` of this window, sharing the data.
    pub fn slice(&self, start: usize, end: usize) -> Result<Bytes, SyntaxError> {
        if start > end || end > self.len() {
            return Err(SyntaxError::Model("model data is truncated".into()));
        }
        Ok(Bytes {
            data: Arc::clone(&self.data),
            start: self.start + start,
            end: self.start + end,
        })
    }

    /// The next `n` bytes of `r` (a reader over this window) as a window of their own.
    pub fn take(&self, r: &mut Reader, n: usize) -> Result<Bytes, SyntaxError> {
        let at = r.position();
        r.take(n)?;
        self.slice(at, at + n)
    }

    /// A length-prefixed run of bytes ([`Writer::bytes`]) as a window.
    pub fn take_prefixed(&self, r: &mut Reader) -> Result<Bytes, SyntaxError> {
        let n = r.count()?;
        self.take(r, n)
    }
}

impl Default for Bytes {
    fn default() -> Self {
        Bytes::new(Cow::Borrowed(&[]))
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bytes({})", self.len())
    }
}

#[inline]
pub fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i.checked_mul(4)?..i.checked_mul(4)?.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

#[inline]
pub fn i16_at(b: &[u8], i: usize) -> Option<i16> {
    let s = b.get(i.checked_mul(2)?..i.checked_mul(2)?.checked_add(2)?)?;
    Some(i16::from_le_bytes([s[0], s[1]]))
}

/// The largest bucket index the readers accept (2^24 buckets, 64 MiB of index).
const MAX_BUCKET_BITS: u8 = 24;

/// Bucket bits for `n` entries: about two entries per bucket.
fn bucket_bits(n: usize) -> u8 {
    let mut bits = 0u8;
    while bits < MAX_BUCKET_BITS && (1usize << bits) * 2 < n {
        bits += 1;
    }
    bits
}

/// Reads a bucket index of `2^bits + 1` starts.
fn read_starts(buf: &Bytes, r: &mut Reader) -> Result<(u8, Bytes), SyntaxError> {
    let bits = r.u8()?;
    if bits > MAX_BUCKET_BITS {
        return Err(SyntaxError::Model(format!("bucket index of 2^{bits}")));
    }
    let starts = buf.take(r, ((1usize << bits) + 1) * 4)?;
    Ok((bits, starts))
}

/// Writes the bucket index of entries whose buckets, in order, are `buckets`.
fn write_starts(w: &mut Writer, bits: u8, buckets: &[usize]) {
    w.u8(bits);
    let mut at = 0usize;
    for b in 0..=(1usize << bits) {
        while at < buckets.len() && buckets[at] < b {
            at += 1;
        }
        w.u32(at as u32);
    }
}

/// Entries `start..end` of bucket `b`.
#[inline]
fn bucket_range(starts: &[u8], b: usize) -> (usize, usize) {
    match (u32_at(starts, b), u32_at(starts, b + 1)) {
        (Some(s), Some(e)) => (s as usize, e as usize),
        _ => (0, 0),
    }
}

/// FNV-1a with a final mix: strings spread evenly over buckets whatever they share.
fn hash(key: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in key {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

fn string_bucket(key: &[u8], bits: u8) -> usize {
    if bits == 0 {
        0
    } else {
        (hash(key) >> (64 - u32::from(bits))) as usize
    }
}

/// A map from byte strings (words, `form\tUPOS`, endings) to byte values, read in place.
///
/// Layout: bucket index (`u8` bits, `2^bits + 1` × `u32` first entry of each bucket), `u32`
/// entry count `n`, `n + 1` × `u32` record offsets, then the records (length-prefixed):
/// `u32` key length, key, value. Records are sorted by (bucket, key), so the same content
/// always gives the same bytes.
#[derive(Clone, PartialEq, Debug)]
pub struct StrTable {
    bits: u8,
    starts: Bytes,
    n: usize,
    offsets: Bytes,
    records: Bytes,
}

impl Default for StrTable {
    fn default() -> Self {
        StrTable::build(Vec::new())
    }
}

impl StrTable {
    /// Lays out a table of unique keys (a later duplicate key is never found).
    pub fn build(mut pairs: Vec<(Vec<u8>, Vec<u8>)>) -> StrTable {
        let bits = bucket_bits(pairs.len());
        let mut keyed: Vec<(usize, Vec<u8>, Vec<u8>)> = pairs
            .drain(..)
            .map(|(k, v)| (string_bucket(&k, bits), k, v))
            .collect();
        keyed.sort();
        let mut w = Writer::default();
        let buckets: Vec<usize> = keyed.iter().map(|e| e.0).collect();
        write_starts(&mut w, bits, &buckets);
        w.count(keyed.len());
        let mut at = 0usize;
        let mut records = Vec::new();
        for (_, k, v) in &keyed {
            w.u32(at as u32);
            records.extend_from_slice(&(k.len() as u32).to_le_bytes());
            records.extend_from_slice(k);
            records.extend_from_slice(v);
            at = records.len();
        }
        w.u32(at as u32);
        w.bytes(&records);
        let buf = Bytes::from_vec(w.buf);
        let mut r = Reader::new(buf.as_slice());
        // What was just written reads back; an empty table on the impossible failure.
        StrTable::read(&buf, &mut r).unwrap_or_else(|_| StrTable {
            bits: 0,
            starts: Bytes::from_vec(vec![0; 8]),
            n: 0,
            offsets: Bytes::from_vec(vec![0; 4]),
            records: Bytes::default(),
        })
    }

    /// Builds a table from string keys and values.
    pub fn from_strs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> StrTable {
        StrTable::build(
            pairs
                .into_iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
                .collect(),
        )
    }

    /// Builds a table of `u32` values.
    pub fn from_u32s<'a>(pairs: impl IntoIterator<Item = (&'a str, u32)>) -> StrTable {
        StrTable::build(
            pairs
                .into_iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v.to_le_bytes().to_vec()))
                .collect(),
        )
    }

    /// Reads a table at `r`'s position in `buf` without copying it.
    pub fn read(buf: &Bytes, r: &mut Reader) -> Result<StrTable, SyntaxError> {
        let (bits, starts) = read_starts(buf, r)?;
        let n = r.count()?;
        let offsets = buf.take(r, (n + 1) * 4)?;
        let records = buf.take_prefixed(r)?;
        Ok(StrTable {
            bits,
            starts,
            n,
            offsets,
            records,
        })
    }

    /// Writes the table as [`StrTable::read`] reads it.
    pub fn write(&self, w: &mut Writer) {
        w.u8(self.bits);
        w.buf.extend_from_slice(self.starts.as_slice());
        w.count(self.n);
        w.buf.extend_from_slice(self.offsets.as_slice());
        w.bytes(self.records.as_slice());
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Key and value of entry `i`.
    fn entry(&self, i: usize) -> Option<(&[u8], &[u8])> {
        let offsets = self.offsets.as_slice();
        let start = u32_at(offsets, i)? as usize;
        let end = u32_at(offsets, i + 1)? as usize;
        let record = self.records.as_slice().get(start..end)?;
        let key_len = u32_at(record, 0)? as usize;
        let key = record.get(4..4usize.checked_add(key_len)?)?;
        let value = record.get(4 + key_len..)?;
        Some((key, value))
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&[u8]> {
        let key = key.as_bytes();
        let (start, end) = bucket_range(self.starts.as_slice(), string_bucket(key, self.bits));
        (start..end.min(self.n)).find_map(|i| match self.entry(i) {
            Some((k, v)) if k == key => Some(v),
            _ => None,
        })
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn get_str(&self, key: &str) -> Option<&str> {
        std::str::from_utf8(self.get(key)?).ok()
    }

    pub fn get_u32(&self, key: &str) -> Option<u32> {
        u32_at(self.get(key)?, 0)
    }

    /// Every entry, in stored order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        (0..self.n).filter_map(|i| self.entry(i))
    }

    /// Every entry, sorted by key (the order of model files before format 3).
    pub fn sorted(&self) -> Vec<(&[u8], &[u8])> {
        let mut all: Vec<(&[u8], &[u8])> = self.iter().collect();
        all.sort();
        all
    }

    /// The same table with `changes` set (added or replaced).
    pub fn with(&self, changes: Vec<(Vec<u8>, Vec<u8>)>) -> StrTable {
        let mut all: std::collections::BTreeMap<Vec<u8>, Vec<u8>> =
            self.iter().map(|(k, v)| (k.to_vec(), v.to_vec())).collect();
        all.extend(changes);
        StrTable::build(all.into_iter().collect())
    }
}

/// An averaged perceptron's weights read in place: per feature (the low 32 bits of its
/// hash) the classes it votes for and by how much, each weight a 16-bit multiple of the
/// classifier's scale — the values and order of [`super::perceptron::Perceptron`], so
/// scores are the same to the bit.
///
/// Layout: `u32` classes, `f32` scale, bucket index over the keys' top bits, `u32` feature
/// count `n`, `n` × `u32` keys ascending, `n + 1` × `u32` first weight of each feature, then
/// (length-prefixed) the weights as (`u16` class, `i16` multiple of the scale).
#[derive(Clone, PartialEq, Debug)]
pub struct PackedPerceptron {
    pub n_classes: usize,
    scale: f32,
    bits: u8,
    starts: Bytes,
    n: usize,
    keys: Bytes,
    offsets: Bytes,
    weights: Bytes,
}

impl Default for PackedPerceptron {
    fn default() -> Self {
        PackedPerceptron::build(0, 1.0, Vec::new())
    }
}

fn key_bucket(key: u32, bits: u8) -> usize {
    if bits == 0 {
        0
    } else {
        (key >> (32 - u32::from(bits))) as usize
    }
}

impl PackedPerceptron {
    /// Lays out `features`: (key, [(class, multiple of scale)]), keys unique.
    pub fn build(n_classes: usize, scale: f32, mut features: Vec<(u32, Vec<(u16, i16)>)>) -> Self {
        features.sort_by_key(|f| f.0);
        let bits = bucket_bits(features.len());
        let mut w = Writer::default();
        w.count(n_classes);
        w.f32(scale);
        let buckets: Vec<usize> = features.iter().map(|f| key_bucket(f.0, bits)).collect();
        write_starts(&mut w, bits, &buckets);
        w.count(features.len());
        for f in &features {
            w.u32(f.0);
        }
        let mut at = 0u32;
        for f in &features {
            w.u32(at);
            at += f.1.len() as u32;
        }
        w.u32(at);
        w.count(at as usize * 4);
        for f in &features {
            for &(c, q) in &f.1 {
                w.u16(c);
                w.u16(q as u16);
            }
        }
        let buf = Bytes::from_vec(w.buf);
        let mut r = Reader::new(buf.as_slice());
        PackedPerceptron::read(&buf, &mut r).unwrap_or_else(|_| PackedPerceptron {
            n_classes,
            scale,
            bits: 0,
            starts: Bytes::from_vec(vec![0; 8]),
            n: 0,
            keys: Bytes::default(),
            offsets: Bytes::from_vec(vec![0; 4]),
            weights: Bytes::default(),
        })
    }

    pub fn read(buf: &Bytes, r: &mut Reader) -> Result<PackedPerceptron, SyntaxError> {
        let n_classes = r.count()?;
        let scale = r.f32()?;
        let (bits, starts) = read_starts(buf, r)?;
        let n = r.count()?;
        let keys = buf.take(r, n * 4)?;
        let offsets = buf.take(r, (n + 1) * 4)?;
        let weights = buf.take_prefixed(r)?;
        Ok(PackedPerceptron {
            n_classes,
            scale,
            bits,
            starts,
            n,
            keys,
            offsets,
            weights,
        })
    }

    pub fn write(&self, w: &mut Writer) {
        w.count(self.n_classes);
        w.f32(self.scale);
        w.u8(self.bits);
        w.buf.extend_from_slice(self.starts.as_slice());
        w.count(self.n);
        w.buf.extend_from_slice(self.keys.as_slice());
        w.buf.extend_from_slice(self.offsets.as_slice());
        w.bytes(self.weights.as_slice());
    }

    pub fn feature_count(&self) -> usize {
        self.n
    }

    /// Writes the weights as [`super::perceptron::Perceptron::write`] does (model files
    /// before format 3), to check that a converted file holds the same model.
    pub fn write_legacy(&self, w: &mut Writer) {
        w.count(self.n_classes);
        w.f32(self.scale);
        w.count(self.n);
        let (keys, offsets, weights) = (
            self.keys.as_slice(),
            self.offsets.as_slice(),
            self.weights.as_slice(),
        );
        for i in 0..self.n {
            let (Some(k), Some(from), Some(to)) =
                (u32_at(keys, i), u32_at(offsets, i), u32_at(offsets, i + 1))
            else {
                continue;
            };
            w.u32(k);
            w.u16(to.saturating_sub(from) as u16);
            w.buf.extend_from_slice(
                weights
                    .get(from as usize * 4..to as usize * 4)
                    .unwrap_or_default(),
            );
        }
    }

    /// Class scores for a bag of features, written into `scores` (resized to the class
    /// count): per feature in order, its weights in order, as the unpacked perceptron adds
    /// them.
    pub fn scores(&self, features: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.n_classes, 0.0);
        let starts = self.starts.as_slice();
        let keys = self.keys.as_slice();
        let offsets = self.offsets.as_slice();
        let weights = self.weights.as_slice();
        for &f in features {
            let key = f as u32;
            let (start, end) = bucket_range(starts, key_bucket(key, self.bits));
            let Some(i) = (start..end.min(self.n)).find(|&i| u32_at(keys, i) == Some(key)) else {
                continue;
            };
            let (Some(from), Some(to)) = (u32_at(offsets, i), u32_at(offsets, i + 1)) else {
                continue;
            };
            let entries = weights
                .get(from as usize * 4..to as usize * 4)
                .unwrap_or_default();
            for e in entries.chunks_exact(4) {
                let c = u16::from_le_bytes([e[0], e[1]]);
                let q = i16::from_le_bytes([e[2], e[3]]);
                if let Some(s) = scores.get_mut(c as usize) {
                    *s += f32::from(q) * self.scale;
                }
            }
        }
    }

    /// The best class among `allowed` (every class when `allowed` is empty).
    pub fn predict(&self, features: &[u64], allowed: &[u16], scores: &mut Vec<f32>) -> usize {
        self.scores(features, scores);
        super::perceptron::best(scores, allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_tables_find_every_key_and_nothing_else() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let table = StrTable::from_u32s(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u32)),
        );
        assert_eq!(table.len(), 5000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get_u32(w), Some(i as u32), "{w}");
        }
        assert_eq!(table.get("w5000"), None);
        assert_eq!(table.get(""), None);
        // Written and read back in place: the same bytes, the same answers.
        let mut w = Writer::default();
        table.write(&mut w);
        let buf = Bytes::from_vec(w.buf.clone());
        let back = StrTable::read(&buf, &mut Reader::new(buf.as_slice())).expect("reads");
        assert_eq!(back, table);
        assert_eq!(back.get_u32("w17"), Some(17));
        // Same content in another order: the same bytes.
        let again = StrTable::from_u32s(
            words
                .iter()
                .enumerate()
                .rev()
                .map(|(i, w)| (w.as_str(), i as u32)),
        );
        assert_eq!(again, table);
        let changed = table.with(vec![(b"w3".to_vec(), 9u32.to_le_bytes().to_vec())]);
        assert_eq!(changed.get_u32("w3"), Some(9));
        assert_eq!(changed.get_u32("w4"), Some(4));
        let empty = StrTable::default();
        assert!(empty.is_empty());
        assert_eq!(empty.get("x"), None);
    }

    #[test]
    fn corrupt_tables_give_errors_or_nothing_never_a_panic() {
        let table = StrTable::from_strs([("zum", "zu dem"), ("its", "its")]);
        let mut w = Writer::default();
        table.write(&mut w);
        for cut in 0..w.buf.len() {
            let buf = Bytes::from_vec(w.buf[..cut].to_vec());
            assert!(
                StrTable::read(&buf, &mut Reader::new(buf.as_slice())).is_err(),
                "{cut}"
            );
        }
        // Scrambled bytes read (the sizes still fit) but answer nothing wrong-sized.
        for i in 0..w.buf.len() {
            let mut bad = w.buf.clone();
            bad[i] ^= 0xff;
            let buf = Bytes::from_vec(bad);
            if let Ok(t) = StrTable::read(&buf, &mut Reader::new(buf.as_slice())) {
                let _ = (t.get("zum"), t.get("its"), t.iter().count());
            }
        }
    }

    #[test]
    fn packed_perceptrons_score_as_the_unpacked_one() {
        use crate::syntax::perceptron::Trainer;
        let mut t = Trainer::new(3);
        for i in 0..400u64 {
            let f = [
                i.wrapping_mul(0x9e37_79b9_7f4a_7c15),
                i % 7,
                (1 << 40) | (i % 3),
            ];
            t.update(&f, (i % 3) as usize, ((i + 1) % 3) as usize);
        }
        let p = t.finish(0.0);
        let packed = p.pack();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for i in 0..400u64 {
            let f = [
                i.wrapping_mul(0x9e37_79b9_7f4a_7c15),
                i % 7,
                (1 << 40) | (i % 3),
                12345,
            ];
            p.scores(&f, &mut a);
            packed.scores(&f, &mut b);
            assert_eq!(a, b, "{i}");
        }
        let mut w = Writer::default();
        packed.write(&mut w);
        let buf = Bytes::from_vec(w.buf.clone());
        let back = PackedPerceptron::read(&buf, &mut Reader::new(buf.as_slice())).expect("reads");
        assert_eq!(back, packed);
        for cut in [0, 5, w.buf.len() / 2, w.buf.len() - 1] {
            let buf = Bytes::from_vec(w.buf[..cut].to_vec());
            assert!(PackedPerceptron::read(&buf, &mut Reader::new(buf.as_slice())).is_err());
        }
    }
}
