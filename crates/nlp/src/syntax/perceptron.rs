//! Averaged multiclass perceptron over hashed features (Collins 2002; the tagger of
//! Honnibal's "A good part-of-speech tagger in about 200 lines of Python").
//!
//! Features arrive already hashed to `u64` (see [`super::features`]), so the weight table is
//! keyed by that hash with a pass-through hasher. Only features whose averaged weight survives
//! pruning are kept, which is what keeps a model file at a few MB.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::bytes::{Reader, Writer};
use super::packed::PackedPerceptron;
use super::SyntaxError;

/// The keys are hashes already: use them as they are.
#[derive(Default, Clone, Copy)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// A saved model keys each feature by the low 32 bits of its hash: a few collisions among
/// some 10⁵ features cost nothing measurable and halve the key bytes.
fn short_key(feature: u64) -> u64 {
    feature & 0xffff_ffff
}

/// A trained classifier: per feature, the classes it votes for and how much. Weights are
/// multiples of `scale` so that they are stored as 16-bit integers without loss.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Perceptron {
    pub n_classes: usize,
    /// Short feature key → (offset, count) into `entries`.
    index: FeatureMap<(u32, u16)>,
    entries: Vec<(u16, f32)>,
    scale: f32,
}

impl Perceptron {
    /// Class scores for a bag of features, written into `scores` (resized to the class count).
    pub fn scores(&self, features: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.n_classes, 0.0);
        for f in features {
            if let Some(&(off, n)) = self.index.get(&short_key(*f)) {
                let start = off as usize;
                let end = start + n as usize;
                for &(c, w) in self.entries.get(start..end).unwrap_or_default() {
                    if let Some(s) = scores.get_mut(c as usize) {
                        *s += w;
                    }
                }
            }
        }
    }

    /// The best class among `allowed` (every class when `allowed` is empty).
    pub fn predict(&self, features: &[u64], allowed: &[u16], scores: &mut Vec<f32>) -> usize {
        self.scores(features, scores);
        best(scores, allowed)
    }

    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// The same weights laid out to be read in place (model format 3): each weight as the
    /// 16-bit multiple of the scale that [`Perceptron::write`] stores.
    pub fn pack(&self) -> PackedPerceptron {
        let features = self
            .index
            .iter()
            .map(|(&k, &(off, n))| {
                let start = off as usize;
                let weights = self
                    .entries
                    .get(start..start + n as usize)
                    .unwrap_or_default()
                    .iter()
                    .map(|&(c, wt)| (c, self.quantised(wt)))
                    .collect();
                (k as u32, weights)
            })
            .collect();
        PackedPerceptron::build(self.n_classes, self.scale, features)
    }

    fn quantised(&self, wt: f32) -> i16 {
        let q = if self.scale > 0.0 {
            (wt / self.scale).round()
        } else {
            0.0
        };
        q.clamp(-32767.0, 32767.0) as i16
    }

    pub fn write(&self, w: &mut Writer) {
        w.count(self.n_classes);
        w.f32(self.scale);
        w.count(self.index.len());
        // Sorted by hash so that the same model always gives the same bytes.
        let mut keys: Vec<(&u64, &(u32, u16))> = self.index.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        for (k, &(off, n)) in keys {
            w.u32(*k as u32);
            w.u16(n);
            let start = off as usize;
            for &(c, wt) in self
                .entries
                .get(start..start + n as usize)
                .unwrap_or_default()
            {
                w.u16(c);
                w.u16(self.quantised(wt) as u16);
            }
        }
    }

    pub fn read(r: &mut Reader) -> Result<Perceptron, SyntaxError> {
        let n_classes = r.count()?;
        let scale = r.f32()?;
        let n_features = r.count()?;
        let mut index = FeatureMap::default();
        index.reserve(n_features);
        let mut entries = Vec::new();
        for _ in 0..n_features {
            let k = u64::from(r.u32()?);
            let n = r.u16()?;
            let off = u32::try_from(entries.len())
                .map_err(|_| SyntaxError::Model("too many weights".into()))?;
            for _ in 0..n {
                let c = r.u16()?;
                let wt = f32::from(r.u16()? as i16) * scale;
                if c as usize >= n_classes {
                    return Err(SyntaxError::Model(format!("class {c} out of range")));
                }
                entries.push((c, wt));
            }
            index.insert(k, (off, n));
        }
        Ok(Perceptron {
            n_classes,
            index,
            entries,
            scale,
        })
    }
}

/// Index of the highest score among `allowed` (all when empty); ties go to the lower index.
pub fn best(scores: &[f32], allowed: &[u16]) -> usize {
    let mut best_i = 0usize;
    let mut best_s = f32::NEG_INFINITY;
    if allowed.is_empty() {
        for (i, &s) in scores.iter().enumerate() {
            if s > best_s {
                best_s = s;
                best_i = i;
            }
        }
    } else {
        for &c in allowed {
            let s = scores.get(c as usize).copied().unwrap_or(f32::NEG_INFINITY);
            if s > best_s {
                best_s = s;
                best_i = c as usize;
            }
        }
    }
    best_i
}

#[derive(Clone, Copy)]
struct Param {
    class: u16,
    weight: f32,
    /// Sum of the weight over all updates so far, brought up to date lazily.
    total: f64,
    stamp: u64,
}

/// Training state: current weights plus what averaging needs.
pub struct Trainer {
    n_classes: usize,
    params: FeatureMap<Vec<Param>>,
    /// Number of training instances seen.
    clock: u64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            params: FeatureMap::default(),
            clock: 0,
        }
    }

    /// Current (not averaged) scores, for decoding during training.
    pub fn scores(&self, features: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.n_classes, 0.0);
        for f in features {
            if let Some(ps) = self.params.get(f) {
                for p in ps {
                    if let Some(s) = scores.get_mut(p.class as usize) {
                        *s += p.weight;
                    }
                }
            }
        }
    }

    pub fn predict(&self, features: &[u64], allowed: &[u16], scores: &mut Vec<f32>) -> usize {
        self.scores(features, scores);
        best(scores, allowed)
    }

    /// One training instance: predicted `guess`, gold `truth`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.clock += 1;
        if truth == guess {
            return;
        }
        let now = self.clock;
        for f in features {
            let ps = self.params.entry(*f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let class = class as u16;
                let p = match ps.iter_mut().position(|p| p.class == class) {
                    Some(i) => &mut ps[i],
                    None => {
                        ps.push(Param {
                            class,
                            weight: 0.0,
                            total: 0.0,
                            stamp: now,
                        });
                        let last = ps.len() - 1;
                        &mut ps[last]
                    }
                };
                p.total += (now - p.stamp) as f64 * f64::from(p.weight);
                p.stamp = now;
                p.weight += delta;
            }
        }
    }

    /// The averaged model; weights below `min_weight` in magnitude are dropped, the rest
    /// rounded to 16-bit steps.
    pub fn finish(self, min_weight: f32) -> Perceptron {
        let now = self.clock.max(1);
        let mut merged: BTreeMap<u64, BTreeMap<u16, f32>> = BTreeMap::new();
        let mut max = 0f32;
        for (k, ps) in &self.params {
            for p in ps {
                let total = p.total + (now - p.stamp) as f64 * f64::from(p.weight);
                let avg = (total / now as f64) as f32;
                if avg.abs() >= min_weight && avg != 0.0 {
                    *merged
                        .entry(short_key(*k))
                        .or_default()
                        .entry(p.class)
                        .or_default() += avg;
                }
            }
        }
        for classes in merged.values() {
            for w in classes.values() {
                max = max.max(w.abs());
            }
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut index = FeatureMap::default();
        let mut entries = Vec::new();
        for (k, classes) in merged {
            let off = entries.len() as u32;
            let mut n = 0u16;
            for (c, w) in classes {
                let q = (w / scale).round().clamp(-32767.0, 32767.0);
                if q != 0.0 {
                    entries.push((c, f32::from(q as i16) * scale));
                    n += 1;
                }
            }
            if n > 0 {
                index.insert(k, (off, n));
            }
        }
        Perceptron {
            n_classes: self.n_classes,
            index,
            entries,
            scale,
        }
    }
}
