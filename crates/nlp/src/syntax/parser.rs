//! Dependency parsing: a greedy transition-based parser in pure Rust.
//!
//! - **Transitions**: arc-hybrid (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the artificial
//!   root at the *end* of the buffer (Ballesteros & Nivre 2013) and a left arc to the root
//!   allowed only from a one-word stack, so every parse is a tree with exactly one root.
//! - **Training**: averaged perceptron with the dynamic oracle of Goldberg & Nivre (2013) and
//!   error exploration, on trees made projective by lifting (Nivre & Nilsson 2005, without
//!   label encoding: the few non-projective arcs of UD come out lifted to a grandparent).
//! - **Labels**: a second perceptron labels each arc when it is made. In arc-hybrid the
//!   dependent's subtree is then complete, so the label model sees its children's labels and
//!   its case/mark word ("by" → `obl:agent`), and the head's earlier dependents.
//! - **Features** (Zhang & Nivre 2011, plus UD morphology: Case, VerbForm/Voice/Mood,
//!   Number/Person/Gender agreement, suffixes, punctuation and verbs between candidates) are
//!   hashed into fixed tables, so there is no vocabulary; weights are averaged, quantised to
//!   16 bits and stored sparsely by [`ParserModel::to_bytes`].
//!
//! The parser relies heavily on UPOS and FEATS: train it on the kind of tags it will be given
//! (jack-knifed tagger output for a pipeline), not on gold tags. Measurements and design
//! choices: `docs/notes/parser.md`.

use thiserror::Error;

use super::packed::Bytes;

use super::conllu::ConlluSentence;

const MAGIC: &[u8; 8] = b"AGPARSE\x01";
/// Version 2: dense weight tables read in place (version 1, sparse, is still read).
const FORMAT_VERSION: u32 = 2;
const FORMAT_V1: u32 = 1;

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const N_ACTIONS: usize = 3;

/// Relations scored by core-argument F1.
const CORE_RELATIONS: [&str; 6] = ["nsubj", "nsubj:pass", "obj", "iobj", "csubj", "obl:agent"];

#[derive(Debug, Error)]
pub enum ParserError {
    #[error("not a parser model (bad magic bytes)")]
    BadMagic,
    #[error("parser model format {0} is not supported (expected {FORMAT_VERSION})")]
    Version(u32),
    #[error("parser model truncated at byte {0}")]
    Truncated(usize),
    #[error("parser model checksum mismatch (corrupt file)")]
    Checksum,
    #[error("parser model malformed: {0}")]
    Malformed(String),
}

/// Training settings. [`ParserModel::train`] uses the defaults with its epochs and seed.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// log2 of the transition table's rows; 0 = by training size (2^18 rows below 100,000
    /// words, 2^19 above: larger tables gain nothing measurable and cost cache misses).
    pub transition_bits: u8,
    /// log2 of the label table's rows.
    pub label_bits: u8,
    /// Use word forms and suffixes; off = delexicalised (UPOS and features only), for
    /// transfer across languages.
    pub lexical: bool,
    /// From this epoch on (0-based), follow the model's own choice with probability
    /// `explore_p` (error exploration).
    pub explore_from_epoch: usize,
    pub explore_p: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            seed: 1,
            transition_bits: 0,
            label_bits: 16,
            lexical: true,
            explore_from_epoch: 1,
            explore_p: 0.9,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hashing

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(23) ^ v).wrapping_mul(MIX)
}

#[inline]
fn finish(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

fn hash_str(seed: u64, s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finish(h)
}

fn hash_chars(seed: u64, chars: impl Iterator<Item = char>) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for c in chars.flat_map(char::to_lowercase) {
        h ^= u64::from(u32::from(c));
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finish(h)
}

// ---------------------------------------------------------------------------------------------
// Word attributes, computed once per sentence

/// Hashed attributes of one word (or of the root / an empty position).
#[derive(Debug, Clone, Copy, Default)]
struct WordAttrs {
    w: u64,
    p: u64,
    wp: u64,
    /// UPOS + Case.
    pc: u64,
    /// VerbForm + Voice + Mood.
    vf: u64,
    /// Number + Person.
    num: u64,
    suf: u64,
    feats: u64,
    /// Punctuation marks and verbs (VERB, AUX) before this word: clause boundaries between
    /// two candidates.
    puncts_before: u32,
    verbs_before: u32,
}

impl WordAttrs {
    fn special(tag: u64) -> WordAttrs {
        let h = finish(tag);
        WordAttrs {
            w: h,
            p: h ^ 1,
            wp: h ^ 2,
            pc: h ^ 3,
            vf: h ^ 4,
            num: h ^ 5,
            suf: h ^ 6,
            feats: h ^ 7,
            puncts_before: 0,
            verbs_before: 0,
        }
    }

    fn of_word(form: &str, upos: &str, feats: &str, lexical: bool) -> WordAttrs {
        let p = hash_str(11, upos);
        let (w, suf) = if lexical {
            let w = hash_chars(12, form.chars());
            let suf = hash_chars(13, form.chars().rev().take(3));
            (w, suf)
        } else {
            (p ^ 0x5555, p ^ 0xaaaa)
        };
        let mut case = 0u64;
        let mut vf = 0u64;
        let mut num = 0u64;
        for feat in feats.split('|') {
            let Some((name, value)) = feat.split_once('=') else {
                continue;
            };
            let hv = hash_str(14, value);
            match name {
                "Case" => case = hv,
                "VerbForm" => vf = mix(vf ^ 1, hv),
                "Voice" => vf = mix(vf ^ 2, hv),
                "Mood" => vf = mix(vf ^ 3, hv),
                "Number" => num = mix(num ^ 4, hv),
                "Person" => num = mix(num ^ 5, hv),
                // Past-tense verbs agree in gender with their subject (ru, uk).
                "Gender" => num = mix(num ^ 6, hv),
                _ => {}
            }
        }
        WordAttrs {
            w,
            p,
            wp: mix(w, p),
            pc: mix(p, case),
            vf: mix(p, vf),
            num: mix(p, num),
            suf,
            feats: mix(p, hash_str(15, feats)),
            puncts_before: 0,
            verbs_before: 0,
        }
    }
}

/// Attributes of a sentence: index 0 = no word, 1..=n the words, n+1 the root.
fn sentence_attrs(forms: &[&str], upos: &[&str], feats: &[&str], lexical: bool) -> Vec<WordAttrs> {
    let n = forms.len();
    let mut out = Vec::with_capacity(n + 2);
    out.push(WordAttrs::special(0x4e4f_4e45));
    for (i, form) in forms.iter().enumerate() {
        let p = upos.get(i).copied().unwrap_or("_");
        let f = feats.get(i).copied().unwrap_or("_");
        let (puncts, verbs) = out.last().map_or((0, 0), |prev: &WordAttrs| {
            (prev.puncts_before, prev.verbs_before)
        });
        let prev_p = upos.get(i.wrapping_sub(1)).copied().unwrap_or("");
        let mut word = WordAttrs::of_word(form, p, f, lexical);
        word.puncts_before = puncts + u32::from(i > 0 && prev_p == "PUNCT");
        word.verbs_before = verbs + u32::from(i > 0 && matches!(prev_p, "VERB" | "AUX"));
        out.push(word);
    }
    out.push(WordAttrs::special(0x524f_4f54));
    out
}

// ---------------------------------------------------------------------------------------------
// Parser state

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    /// 0 = not attached yet.
    head: u32,
    /// Label id + 1; 0 = none.
    label: u16,
    l1: u32,
    l2: u32,
    r1: u32,
    r2: u32,
    nl: u8,
    nr: u8,
    lset: u64,
    rset: u64,
    /// Form hash of the first case/mark dependent, 0 = none.
    prep: u64,
}

struct State {
    n: usize,
    stack: Vec<usize>,
    /// Front of the buffer: words b..=n, then the root n+1.
    b: usize,
    nodes: Vec<Node>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n.min(256)),
            b: 1,
            nodes: vec![Node::default(); n + 2],
        }
    }

    fn root(&self) -> usize {
        self.n + 1
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b > self.n
    }

    fn s(&self, i: usize) -> usize {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            0
        }
    }

    fn legal(&self) -> [bool; N_ACTIONS] {
        let depth = self.stack.len();
        [
            self.b <= self.n,
            depth >= 1 && (self.b <= self.n || depth == 1),
            depth >= 2,
        ]
    }

    /// (head, dependent) of an arc action.
    fn arc(&self, action: usize) -> (usize, usize) {
        if action == LEFT {
            (self.b, self.s(0))
        } else {
            (self.s(1), self.s(0))
        }
    }

    fn apply(&mut self, action: usize, label: u16, is_prep: bool, dep_form: u64) {
        match action {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            _ => {
                let (h, d) = self.arc(action);
                self.stack.pop();
                let bit = 1u64 << (label % 64);
                self.nodes[d].head = h as u32;
                self.nodes[d].label = label;
                let hn = &mut self.nodes[h];
                if action == LEFT {
                    hn.l2 = hn.l1;
                    hn.l1 = d as u32;
                    hn.nl = hn.nl.saturating_add(1);
                    hn.lset |= bit;
                } else {
                    hn.r2 = hn.r1;
                    hn.r1 = d as u32;
                    hn.nr = hn.nr.saturating_add(1);
                    hn.rset |= bit;
                }
                if is_prep && hn.prep == 0 {
                    hn.prep = dep_form | 1;
                }
            }
        }
    }
}

fn dist_bucket(a: usize, b: usize) -> u64 {
    match a.abs_diff(b) {
        0 => 0,
        d @ 1..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

/// Writes the hashed features of a transition decision into `out`.
// Capitals name a position's attributes (S0 = top of stack), as in the papers' templates.
#[allow(non_snake_case)]
fn transition_features(attrs: &[WordAttrs], st: &State, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let b0 = st.b.min(st.n + 1);
    let b1 = if b0 < st.n + 1 { b0 + 1 } else { 0 };
    let b2 = if b1 != 0 && b1 < st.n + 1 { b1 + 1 } else { 0 };
    let nd = &st.nodes;
    let (n_s0, n_s1, n_b0) = (nd[s0], nd[s1], nd[b0]);
    let a = |i: usize| &attrs[i];
    let lab = |i: u32| u64::from(nd[i as usize].label);
    let (S0, S1, S2, B0, B1, B2) = (a(s0), a(s1), a(s2), a(b0), a(b1), a(b2));
    let (s0l, s0l2, s0r, s0r2) = (n_s0.l1, n_s0.l2, n_s0.r1, n_s0.r2);
    let (b0l, b0l2, s1l, s1r) = (n_b0.l1, n_b0.l2, n_s1.l1, n_s1.r1);
    let (S0L, S0R, B0L, S1L, S1R) = (
        a(s0l as usize),
        a(s0r as usize),
        a(b0l as usize),
        a(s1l as usize),
        a(s1r as usize),
    );
    let d01 = if s0 == 0 { 9 } else { dist_bucket(s0, b0) };
    let d10 = if s1 == 0 { 9 } else { dist_bucket(s1, s0) };
    let mut t: u64 = 0;
    let mut f = |vals: &[u64]| {
        t += 1;
        let mut h = t.wrapping_mul(0x2545_f491_4f6c_dd1d);
        for &v in vals {
            h = mix(h, v);
        }
        out.push(h);
    };
    // Unigrams.
    for x in [S0, B0, B1, S1] {
        f(&[x.w]);
        f(&[x.p]);
        f(&[x.wp]);
        f(&[x.pc]);
    }
    f(&[S2.p]);
    f(&[B2.p]);
    f(&[S2.wp]);
    f(&[B2.w]);
    f(&[S0.suf, S0.p]);
    f(&[B0.suf, B0.p]);
    f(&[S0.vf]);
    f(&[B0.vf]);
    f(&[S1.vf]);
    // Pairs s0–b0 (left arc) and s1–s0 (right arc).
    for (x, y) in [(S0, B0), (S1, S0)] {
        f(&[x.wp, y.wp]);
        f(&[x.wp, y.w]);
        f(&[x.w, y.wp]);
        f(&[x.wp, y.p]);
        f(&[x.p, y.wp]);
        f(&[x.w, y.w]);
        f(&[x.p, y.p]);
        f(&[x.pc, y.pc]);
        f(&[x.vf, y.pc]);
        f(&[x.pc, y.vf]);
        f(&[x.num, y.num]);
    }
    f(&[B0.p, B1.p]);
    f(&[B0.w, B1.p]);
    f(&[B0.p, B1.w]);
    // Triples.
    f(&[B0.p, B1.p, B2.p]);
    f(&[S0.p, B0.p, B1.p]);
    f(&[S1.p, S0.p, B0.p]);
    f(&[S2.p, S1.p, S0.p]);
    f(&[S0.p, S0L.p, B0.p]);
    f(&[S0.p, S0R.p, B0.p]);
    f(&[S0.p, B0.p, B0L.p]);
    f(&[S1.p, S0.p, S0L.p]);
    f(&[S1.p, S0.p, S0R.p]);
    f(&[S1.p, S1L.p, S0.p]);
    f(&[S1.p, S1R.p, S0.p]);
    f(&[S0.p, S1.p, B0.p, B1.p]);
    // Distance.
    f(&[S0.w, d01]);
    f(&[S0.p, d01]);
    f(&[B0.w, d01]);
    f(&[B0.p, d01]);
    f(&[S0.w, B0.w, d01]);
    f(&[S0.p, B0.p, d01]);
    f(&[S1.p, S0.p, d10]);
    // Clause boundaries between the candidates.
    let between = |x: usize, y: usize| -> (u64, u64) {
        if x == 0 || y == 0 || y > st.n {
            return (9, 9);
        }
        let (lo, hi) = (&attrs[x.min(y)], &attrs[x.max(y)]);
        let bucket = |d: u32| u64::from(d.min(3));
        (
            bucket(hi.puncts_before.saturating_sub(lo.puncts_before)),
            bucket(hi.verbs_before.saturating_sub(lo.verbs_before)),
        )
    };
    let (p01, v01) = between(s0, b0);
    let (p10, v10) = between(s1, s0);
    f(&[S0.p, B0.p, p01, v01]);
    f(&[S0.pc, B0.vf, p01, v01]);
    f(&[S1.p, S0.p, p10, v10]);
    f(&[S1.vf, S0.pc, p10, v10]);
    f(&[S1.w, S0.w, d10]);
    // Valency.
    let (vl0, vr0, vl1, vr1, vlb) = (
        u64::from(n_s0.nl),
        u64::from(n_s0.nr),
        u64::from(n_s1.nl),
        u64::from(n_s1.nr),
        u64::from(n_b0.nl),
    );
    f(&[S0.w, vr0]);
    f(&[S0.p, vr0]);
    f(&[S0.w, vl0]);
    f(&[S0.p, vl0]);
    f(&[B0.w, vlb]);
    f(&[B0.p, vlb]);
    f(&[S1.p, vl1, vr1]);
    // Children: words and labels.
    f(&[S0L.w]);
    f(&[S0L.p]);
    f(&[lab(s0l)]);
    f(&[S0R.w]);
    f(&[S0R.p]);
    f(&[lab(s0r)]);
    f(&[B0L.w]);
    f(&[B0L.p]);
    f(&[lab(b0l)]);
    f(&[S0.p, lab(s0l), lab(s0l2)]);
    f(&[S0.p, lab(s0r), lab(s0r2)]);
    f(&[B0.p, lab(b0l), lab(b0l2)]);
    f(&[S1.p, lab(s1l), lab(s1r)]);
    f(&[S0.w, n_s0.lset]);
    f(&[S0.p, n_s0.lset]);
    f(&[S0.w, n_s0.rset]);
    f(&[S0.p, n_s0.rset]);
    f(&[B0.w, n_b0.lset]);
    f(&[B0.p, n_b0.lset]);
    f(&[S1.p, n_s1.lset, S0.p]);
    f(&[S1.p, n_s1.rset, S0.p]);
    f(&[S0.p, n_s0.lset, B0.p, n_b0.lset]);
    // Case/mark words: prepositional attachment.
    f(&[n_s0.prep, S0.p, B0.p]);
    f(&[n_s0.prep, S0.p, S1.p]);
    f(&[n_s0.prep, S0.w, S1.w]);
    f(&[n_s0.prep, S1.wp]);
    f(&[n_s0.prep, B0.wp]);
    f(&[n_s0.prep, S0.pc, S1.vf]);
    f(&[n_b0.prep, B0.p, S0.p]);
}

/// Writes the hashed features of labelling the arc `head → dep` into `out`.
#[allow(non_snake_case)]
fn label_features(attrs: &[WordAttrs], st: &State, head: usize, dep: usize, out: &mut Vec<u64>) {
    out.clear();
    let nd = &st.nodes;
    let (H, D) = (&attrs[head], &attrs[dep]);
    let (nh, ndp) = (nd[head], nd[dep]);
    let dir: u64 = if head > dep { 1 } else { 2 };
    let dist = dist_bucket(head, dep);
    let prev = &attrs[dep.saturating_sub(1)];
    let next = &attrs[if dep < st.n { dep + 1 } else { 0 }];
    let mut t: u64 = 1000;
    let mut f = |vals: &[u64]| {
        t += 1;
        let mut h = t.wrapping_mul(0x2545_f491_4f6c_dd1d);
        for &v in vals {
            h = mix(h, v);
        }
        out.push(h);
    };
    f(&[dir]);
    f(&[D.p, dir]);
    f(&[D.w, dir]);
    f(&[D.wp]);
    f(&[D.pc, dir]);
    f(&[D.suf, D.p]);
    f(&[D.vf, dir]);
    f(&[D.feats]);
    f(&[H.p, dir]);
    f(&[H.w]);
    f(&[H.vf]);
    f(&[H.pc]);
    f(&[D.p, H.p, dir]);
    f(&[D.p, H.p, dir, dist]);
    f(&[D.w, H.p, dir]);
    f(&[D.p, H.w, dir]);
    f(&[D.w, H.w]);
    f(&[D.pc, H.p, dir]);
    f(&[D.pc, H.vf, dir]);
    f(&[D.feats, H.p, dir]);
    f(&[D.num, H.num, dir]);
    f(&[ndp.prep, D.p]);
    f(&[ndp.prep, D.p, H.p, dir]);
    f(&[ndp.prep, H.w]);
    f(&[ndp.lset, D.p]);
    f(&[ndp.rset, D.p]);
    f(&[ndp.lset, D.p, H.p, dir]);
    f(&[nh.lset, D.p, dir]);
    f(&[nh.rset, D.p, dir]);
    f(&[nh.lset, D.pc, H.vf, dir]);
    f(&[prev.p, D.p, H.p]);
    f(&[next.p, D.p, H.p]);
    f(&[prev.w, D.p]);
}

// ---------------------------------------------------------------------------------------------
// Weights

#[inline]
fn bucket(h: u64, bits: u8) -> usize {
    (finish(h) >> (64 - u32::from(bits))) as usize
}

/// Training weights of one averaged perceptron (hashed rows × classes).
struct Trainable {
    classes: usize,
    bits: u8,
    w: Vec<f32>,
    /// Σ tick × update, for averaging (`w − acc / tick`).
    acc: Vec<f64>,
    tick: f64,
}

impl Trainable {
    fn new(bits: u8, classes: usize) -> Trainable {
        let size = (1usize << bits) * classes;
        Trainable {
            classes,
            bits,
            w: vec![0.0; size],
            acc: vec![0.0; size],
            tick: 1.0,
        }
    }

    fn score(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for &h in feats {
            let row = bucket(h, self.bits) * self.classes;
            for (o, w) in out.iter_mut().zip(&self.w[row..row + self.classes]) {
                *o += *w;
            }
        }
    }

    fn update(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &h in feats {
            let i = bucket(h, self.bits) * self.classes + class;
            self.w[i] += delta;
            self.acc[i] += self.tick * f64::from(delta);
        }
    }

    /// Averaged weights, quantised.
    fn averaged(&self) -> Weights {
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.acc)
            .map(|(&w, &a)| (f64::from(w) - a / self.tick) as f32)
            .collect();
        Weights::quantise(self.bits, self.classes, &avg)
    }
}

/// Inference weights: 16-bit, one scale per table, `2^bits` rows of `classes` weights,
/// little-endian `i16` in a byte window read in place from the model file (format 3 stores
/// the dense table as it is: no decoding at load, and only the rows a document touches are
/// paged in).
#[derive(Debug, Clone, PartialEq)]
struct Weights {
    classes: usize,
    bits: u8,
    scale: f32,
    w: Bytes,
}

impl Weights {
    /// `w` is row-major with `classes` weights per row.
    fn quantise(bits: u8, classes: usize, w: &[f32]) -> Weights {
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q: Vec<i16> = w.iter().map(|x| (x / scale).round() as i16).collect();
        Weights::from_values(bits, classes, scale, &q)
    }

    fn from_values(bits: u8, classes: usize, scale: f32, q: &[i16]) -> Weights {
        let mut bytes = Vec::with_capacity(q.len() * 2);
        for x in q {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        Weights {
            classes,
            bits,
            scale,
            w: Bytes::from_vec(bytes),
        }
    }

    fn score(&self, feats: &[u64], out: &mut [i32]) {
        if self.classes == 3 && out.len() == 3 {
            self.score3(feats, out)
        } else {
            self.score_n(feats, out)
        }
    }

    fn score3(&self, feats: &[u64], out: &mut [i32]) {
        let w = self.w.as_slice();
        let mut acc = [0i32; 3];
        // Hash a block first, then load: the loads are independent and overlap.
        let mut rows = [0usize; 16];
        for block in feats.chunks(16) {
            for (r, &h) in rows.iter_mut().zip(block) {
                *r = bucket(h, self.bits) * 6;
            }
            for &row in &rows[..block.len()] {
                if let Some(r) = w.get(row..row + 6) {
                    acc[0] += i32::from(i16::from_le_bytes([r[0], r[1]]));
                    acc[1] += i32::from(i16::from_le_bytes([r[2], r[3]]));
                    acc[2] += i32::from(i16::from_le_bytes([r[4], r[5]]));
                }
            }
        }
        out.copy_from_slice(&acc);
    }

    fn score_n(&self, feats: &[u64], out: &mut [i32]) {
        let w = self.w.as_slice();
        out.iter_mut().for_each(|x| *x = 0);
        let row_bytes = self.classes * 2;
        for &h in feats {
            let row = bucket(h, self.bits) * row_bytes;
            if let Some(r) = w.get(row..row + row_bytes) {
                for (o, x) in out.iter_mut().zip(r.chunks_exact(2)) {
                    *o += i32::from(i16::from_le_bytes([x[0], x[1]]));
                }
            }
        }
    }
}

fn argmax_allowed<T: PartialOrd + Copy>(
    scores: &[T],
    allowed: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// The model

/// A trained dependency parser for one language (or a transfer model).
#[derive(Debug, Clone, PartialEq)]
pub struct ParserModel {
    /// What it was trained on, with which settings.
    about: String,
    lexical: bool,
    labels: Vec<String>,
    /// Per label: a case/mark relation (its dependent is the head's preposition/marker).
    prep_label: Vec<bool>,
    root_label: Option<usize>,
    transitions: Weights,
    label_weights: Weights,
}

impl ParserModel {
    /// Train on gold form/UPOS/feats/head/deprel; deterministic for a given seed.
    pub fn train(sentences: &[ConlluSentence], epochs: usize, seed: u64) -> ParserModel {
        let config = TrainConfig {
            epochs,
            seed,
            ..TrainConfig::default()
        };
        ParserModel::train_with(sentences, &config)
    }

    /// Train with explicit settings.
    pub fn train_with(sentences: &[ConlluSentence], config: &TrainConfig) -> ParserModel {
        let mut trainer = ParserTrainer::new(sentences, config);
        for _ in 0..config.epochs {
            trainer.epoch();
        }
        trainer.model()
    }

    /// What the model was trained on.
    pub fn about(&self) -> &str {
        &self.about
    }

    /// The dependency labels it can assign.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Heads (1-based, 0 = root) and deprels for one sentence; always a well-formed tree
    /// (one root, no cycles). `upos`/`feats` shorter than `forms` count as `_`.
    pub fn parse(&self, forms: &[&str], upos: &[&str], feats: &[&str]) -> Vec<(usize, String)> {
        let n = forms.len();
        if n == 0 {
            return Vec::new();
        }
        let attrs = sentence_attrs(forms, upos, feats, self.lexical);
        let mut st = State::new(n);
        let mut fbuf = Vec::with_capacity(128);
        let mut tscores = [0i32; N_ACTIONS];
        let mut lscores = vec![0i32; self.labels.len()];
        while !st.terminal() {
            let legal = st.legal();
            transition_features(&attrs, &st, &mut fbuf);
            self.transitions.score(&fbuf, &mut tscores);
            let Some(action) = argmax_allowed(&tscores, |a| legal[a]) else {
                break; // unreachable: a non-terminal state always has a legal action
            };
            let label = if action == SHIFT {
                0
            } else {
                let (h, d) = st.arc(action);
                label_features(&attrs, &st, h, d, &mut fbuf);
                self.label_weights.score(&fbuf, &mut lscores);
                self.best_label(&lscores, h == st.root())
            };
            let is_prep = label > 0 && self.prep_label[usize::from(label) - 1];
            let dep_form = if action == SHIFT { 0 } else { attrs[st.s(0)].w };
            st.apply(action, label, is_prep, dep_form);
        }
        st.nodes[1..=n]
            .iter()
            .map(|node| {
                let head = node.head as usize;
                let head = if head == n + 1 || head == 0 { 0 } else { head };
                let label = match usize::from(node.label) {
                    // UD's root relation, even from a model that never saw one.
                    _ if head == 0 => "root".to_string(),
                    0 => "dep".to_string(),
                    l => self
                        .labels
                        .get(l - 1)
                        .cloned()
                        .unwrap_or_else(|| "dep".into()),
                };
                (head, label)
            })
            .collect()
    }

    /// Label id + 1 of the best label allowed for an arc (the root label only from the root).
    fn best_label(&self, scores: &[i32], from_root: bool) -> u16 {
        let allowed = |l: usize| match self.root_label {
            Some(r) => (l == r) == from_root,
            None => true,
        };
        argmax_allowed(scores, allowed)
            .or_else(|| argmax_allowed(scores, |_| true))
            .map_or(0, |l| (l + 1) as u16)
    }
}

/// Dependents that only nouns take (a possessor, a determiner, an adjective, a number)
/// but that the greedy parser hung on a verb (`Iraq's foreign ministry condemned …` read
/// with `Iraq` the possessor of `condemned`) are moved to the nearest noun between them and
/// that verb — the noun they stand by. A repair of what UD's relations rule out, not a
/// guess: nothing moves when no noun lies between, or when the move would make a cycle.
/// `heads`: 1-based head (0 = root) and relation per word, as [`Parser::parse`] returns.
pub fn attach_nominal_dependents(upos: &[&str], heads: &mut [(usize, String)]) {
    let nominal = |i: usize| matches!(upos.get(i).copied(), Some("NOUN" | "PROPN" | "PRON"));
    let verbal = |i: usize| matches!(upos.get(i).copied(), Some("VERB" | "AUX"));
    for d in 0..heads.len() {
        let (head, label) = (heads[d].0, heads[d].1.as_str());
        let nominal_only = label == "nmod:poss"
            || matches!(label.split(':').next(), Some("det" | "amod" | "nummod"));
        if !nominal_only || head == 0 || !verbal(head - 1) {
            continue;
        }
        let h = head - 1;
        // Nearest to the dependent first.
        let between: Vec<usize> = if d < h {
            (d + 1..h).collect()
        } else {
            (h + 1..d).rev().collect()
        };
        let descends_from_d = |c: usize, heads: &[(usize, String)]| {
            let mut at = c;
            for _ in 0..heads.len() {
                match heads[at].0 {
                    0 => return false,
                    x if x - 1 == d => return true,
                    x => at = x - 1,
                }
            }
            true
        };
        let target = between
            .into_iter()
            .filter(|&c| nominal(c))
            .find(|&c| !descends_from_d(c, heads));
        if let Some(c) = target {
            heads[d].0 = c + 1;
        }
    }
    // An adjective inside a determiner's noun phrase that the parser hung on the verb (`The
    // Russian foreign ministry criticized …` read with `Russian` an `advmod` of `criticized`):
    // its arc crosses the determiner's, which UD's trees never do in such a phrase; it is an
    // `amod` of the phrase's noun (stop 38).
    for d in 0..heads.len() {
        let head = heads[d].0;
        if upos.get(d).copied() != Some("ADJ") || head == 0 || !verbal(head - 1) {
            continue;
        }
        let noun = (0..d).find_map(|det| {
            let h = heads[det].0.checked_sub(1)?;
            (heads[det].1 == "det" && h > d && h < head - 1 && nominal(h)).then_some(h)
        });
        if let Some(noun) = noun {
            heads[d] = (noun + 1, "amod".to_string());
        }
    }
}

/// A passive verb has no direct object: UD writes what a passive is done to as its
/// `nsubj:pass` (`In Tel Aviv wurden drei Israelis getötet`, read with `Israelis` the `obj`
/// of `getötet`). Where a verb has a passive auxiliary (`aux:pass`) and no subject, its one
/// nominal `obj` becomes `nsubj:pass`. Nothing moves where the verb has a subject of either
/// voice or two objects (stop 36).
pub fn passive_objects_as_subjects(upos: &[&str], heads: &mut [(usize, String)]) {
    let n = heads.len();
    // Per head, one pass: has a passive auxiliary, has a subject, its nominal objects.
    let mut passive = vec![false; n];
    let mut subject = vec![false; n];
    let mut objects: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (d, (h, rel)) in heads.iter().enumerate() {
        let Some(v) = h.checked_sub(1).filter(|&v| v < n) else {
            continue;
        };
        match rel.as_str() {
            "aux:pass" => passive[v] = true,
            r if r.starts_with("nsubj") || r.starts_with("csubj") => subject[v] = true,
            "obj" if matches!(upos.get(d).copied(), Some("NOUN" | "PROPN" | "PRON")) => {
                objects[v].push(d)
            }
            _ => {}
        }
    }
    for v in 0..n {
        if let [o] = objects[v][..] {
            if passive[v] && !subject[v] {
                heads[o].1 = "nsubj:pass".to_string();
            }
        }
    }
}

/// An object followed by a finite verb of its own is that verb's subject (`confirmed a US
/// citizen was among the dead`, `found the door was open`): the greedy parser took the noun
/// for the first verb's object and hung the clause after it on that verb as an oblique or
/// adverbial, with no subject. A finite verb needs one, so the clause becomes the first
/// verb's `ccomp` and the noun its `nsubj`. Only where the clause's predicate hangs right on
/// the verb, has no subject of its own and nothing but the noun's own phrase (determiners,
/// adjectives, numbers, nouns, prepositions) comes between; a noun marked for a case other
/// than the nominative (`him`, a German or Russian accusative) keeps its reading.
/// `heads`: 1-based head (0 = root) and relation per word, as [`Parser::parse`] returns.
pub fn objects_opening_clauses(upos: &[&str], feats: &[&str], heads: &mut [(usize, String)]) {
    let n = heads.len().min(upos.len()).min(feats.len());
    let pos = |i: usize| upos.get(i).copied().unwrap_or("");
    for o in 0..n {
        let (vh, rel) = (heads[o].0, heads[o].1.as_str());
        if rel != "obj" || vh == 0 || !matches!(pos(o), "NOUN" | "PROPN" | "PRON") {
            continue;
        }
        let v = vh - 1;
        // A gerund's object (`Acquiring talent gives …`) is the clause's, whatever follows.
        if v >= o || pos(v) != "VERB" || feats.get(v).is_some_and(|f| f.contains("VerbForm=Ger")) {
            continue;
        }
        let f = feats.get(o).copied().unwrap_or("");
        if f.contains("Case=") && !f.contains("Case=Nom") {
            continue;
        }
        // The first word after the noun's phrase.
        let Some(k) = (o + 1..n)
            .find(|&i| !matches!(pos(i), "DET" | "ADJ" | "NUM" | "NOUN" | "PROPN" | "ADP"))
        else {
            continue;
        };
        // Finite beyond doubt: an auxiliary, a past, or a third person singular (a bare
        // infinitive shares the plain present's form: `watch your earnings grow`).
        let fk = feats.get(k).copied().unwrap_or("");
        let marked = pos(k) == "AUX"
            || fk.contains("Tense=Past")
            || (fk.contains("Person=3") && fk.contains("Number=Sing"));
        if !matches!(pos(k), "AUX" | "VERB") || !fk.contains("VerbForm=Fin") || !marked {
            continue;
        }
        // The clause's predicate: the finite verb, or what its copula or auxiliary hangs on.
        let pred = if pos(k) == "AUX" {
            match heads[k].0 {
                0 => continue,
                h => h - 1,
            }
        } else {
            k
        };
        if pred <= o || heads[pred].0 != v + 1 || heads[pred].1.starts_with("ccomp") {
            continue;
        }
        let has_subject = (0..n).any(|i| {
            heads[i].0 == pred + 1
                && (heads[i].1.starts_with("nsubj") || heads[i].1.starts_with("csubj"))
        });
        if has_subject {
            continue;
        }
        heads[pred] = (v + 1, "ccomp".to_string());
        heads[o] = (pred + 1, "nsubj".to_string());
    }
}

/// Longest noun phrase before a closing report's verb (`a spokesman for the foreign ministry`).
const REPORT_PHRASE_MAX: usize = 10;
/// Most words after a closing report's verb (`on Monday`, `in a statement`, `reporters`).
const REPORT_TAIL_MAX: usize = 6;

/// A report closing a sentence after its last comma (`…, Chancellor Olaf Scholz said.`, `…,
/// a spokesman for the ministry told reporters.`) is a clause of its own: the noun phrase
/// before its verb is the verb's subject, and the verb hangs on the main clause as
/// `parataxis`, as UD's English treebanks write it. The greedy parser read a name there as an
/// apposition of the last noun before the comma (`to Ukraine, Chancellor Olaf Scholz`), which
/// made the speaker a party of the act reported, and `told` as a compound of `reporters`.
/// Only that shape moves: after the comma (and any closing quotation mark) a noun phrase of
/// at most [`REPORT_PHRASE_MAX`] words (determiners, adjectives, numbers, nouns, names, a
/// possessive, prepositions inside it; or one personal pronoun), one finite verb, at most
/// [`REPORT_TAIL_MAX`] words of nouns, prepositions and adverbs, and the sentence's final
/// stop; before the comma a verb of a main clause. Nothing moves when the verb already has a
/// subject in the phrase, and the old parse stays when the new one would not be a tree.
/// `heads`: 1-based head (0 = root) and relation per word, as [`Parser::parse`] returns.
pub fn postposed_report_subjects(
    forms: &[&str],
    upos: &[&str],
    feats: &[&str],
    heads: &mut [(usize, String)],
) {
    let n = heads
        .len()
        .min(upos.len())
        .min(forms.len())
        .min(feats.len());
    let pos = |i: usize| upos.get(i).copied().unwrap_or("");
    let quote_mark = |i: usize| {
        forms
            .get(i)
            .is_some_and(|f| f.chars().all(|c| "\"'»«“”‘’„".contains(c)))
    };
    // The last word before the closing punctuation, which must hold a full stop.
    let Some(end) = (0..n).rev().find(|&i| pos(i) != "PUNCT") else {
        return;
    };
    if end + 1 >= n || !(end + 1..n).any(|i| matches!(forms[i], "." | "!" | "?")) {
        return;
    }
    let Some(comma) = (0..end).rev().find(|&i| forms[i] == ",") else {
        return;
    };
    // A quotation mark after the comma closes a quotation opened before it (`"…," he said`);
    // one that opens a quotation (`a column that began, "I cried …"`) is no report.
    let mut start = comma + 1;
    let open_quotes = (0..comma)
        .filter(|&i| pos(i) == "PUNCT" && quote_mark(i))
        .count();
    while start <= end && pos(start) == "PUNCT" && quote_mark(start) {
        if open_quotes % 2 == 0 {
            return;
        }
        start += 1;
    }
    if start > end || !(0..comma).any(|i| matches!(pos(i), "VERB" | "AUX")) {
        return;
    }
    let verbs: Vec<usize> = (start..=end).filter(|&i| pos(i) == "VERB").collect();
    let [verb] = verbs[..] else { return };
    let finite = feats[verb].split('|').any(|f| f == "VerbForm=Fin");
    let phrase = start..verb;
    if !finite
        || phrase.is_empty()
        || phrase.len() > REPORT_PHRASE_MAX
        || end - verb > REPORT_TAIL_MAX
    {
        return;
    }
    let possessive = |i: usize| feats[i].split('|').any(|f| f == "Poss=Yes");
    // A personal pronoun (`he said`), not a relative one (`, who refuted the claims`).
    let lone_pronoun = phrase.len() == 1
        && pos(start) == "PRON"
        && feats[start].split('|').any(|f| f == "PronType=Prs")
        && !possessive(start);
    let phrase_word = |i: usize| {
        matches!(
            pos(i),
            "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM" | "ADP" | "PART"
        ) || (pos(i) == "PRON" && possessive(i))
            || (pos(i) == "PUNCT" && matches!(forms[i], "-" | "." | "'"))
    };
    if !(lone_pronoun || (phrase.clone().all(phrase_word) && pos(start) != "ADP")) {
        return;
    }
    if !(verb + 1..=end).all(|i| {
        matches!(
            pos(i),
            "ADP" | "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM" | "ADV"
        )
    }) {
        return;
    }
    let inside = |h: usize| h > 0 && phrase.contains(&(h - 1));
    let nominal =
        |i: usize| matches!(pos(i), "NOUN" | "PROPN") || (pos(i) == "PRON" && !possessive(i));
    // The phrase's head: its last noun before a preposition inside it (`spokesman` of `a
    // spokesman for the ministry`), else its last noun.
    let first_prep = phrase.clone().find(|&i| pos(i) == "ADP");
    let Some(mut head) = (start..first_prep.unwrap_or(verb))
        .rev()
        .find(|&i| nominal(i))
    else {
        return;
    };
    // A name heads from its first word (`Malik` of `police chief Malik Iqbal`; UD's `flat`).
    while head > start && pos(head) == "PROPN" && pos(head - 1) == "PROPN" {
        head -= 1;
    }
    // Words of the phrase the parse hung outside it: the one the parse made the phrase's top
    // keeps its words; several are hung on the head (each by what it is).
    let exits: Vec<usize> = phrase.clone().filter(|&i| !inside(heads[i].0)).collect();
    if exits == [head] && heads[head].0 == verb + 1 && heads[head].1.starts_with("nsubj") {
        // The subject is right; a report the parse coordinated with the main clause (`Iran
        // supplied drones, US officials said`) is no second act of the sentence.
        if heads[verb].1 == "conj" && heads[verb].0 > 0 && heads[verb].0 - 1 < comma {
            heads[verb].1 = "parataxis".to_string();
        }
        return;
    }
    let before = heads.to_vec();
    let top = if let [only] = exits[..] { only } else { head };
    for &e in exits.iter().filter(|&&e| e != top) {
        let rel = match pos(e) {
            "DET" => "det",
            "ADJ" => "amod",
            "NUM" => "nummod",
            "ADP" => "case",
            "PART" => "case",
            "PRON" => "nmod:poss",
            _ if e < top => "compound",
            _ => "nmod",
        };
        // A preposition and what follows it belong to the next noun (`for the ministry`).
        let target = if matches!(pos(e), "ADP" | "DET" | "ADJ" | "NUM") && e > top {
            (e + 1..verb).find(|&i| nominal(i)).unwrap_or(top)
        } else {
            top
        };
        heads[e] = (target + 1, rel.to_string());
    }
    heads[top] = (verb + 1, "nsubj".to_string());
    // Words after the verb the parse hung elsewhere (`told reporters` read as a compound):
    // the first bare noun is its object, a noun after a preposition an oblique, and a
    // preposition, determiner or adjective belongs to the noun after it.
    let tail = verb + 1..=end;
    let mut object_taken = tail
        .clone()
        .any(|i| heads[i].0 == verb + 1 && heads[i].1 == "obj");
    for t in tail.clone() {
        let h = heads[t].0;
        if h == verb + 1 || (h != 0 && tail.contains(&(h - 1))) {
            continue;
        }
        let noun_after = (t + 1..=end).find(|&i| matches!(pos(i), "NOUN" | "PROPN" | "NUM"));
        let after_prep = (verb + 1..t)
            .rev()
            .take_while(|&i| !matches!(pos(i), "NOUN" | "PROPN" | "NUM"))
            .any(|i| pos(i) == "ADP");
        heads[t] = match (pos(t), noun_after) {
            ("ADV", _) => (verb + 1, "advmod".to_string()),
            ("NOUN" | "PROPN", _) if !after_prep && !object_taken => {
                object_taken = true;
                (verb + 1, "obj".to_string())
            }
            ("NOUN" | "PROPN" | "NUM", _) => (verb + 1, "obl".to_string()),
            ("ADP", Some(noun)) => (noun + 1, "case".to_string()),
            ("DET", Some(noun)) => (noun + 1, "det".to_string()),
            ("ADJ", Some(noun)) => (noun + 1, "amod".to_string()),
            _ => (verb + 1, "dep".to_string()),
        };
    }
    // The verb: a clause of the main one, unless the parse made it the sentence's root (then
    // the main clause is its complement, as the parse has it). A main clause whose words the
    // parse hung into the report is too confused to mend here.
    let report = start..=end;
    if (0..comma).any(|i| {
        let h = heads[i].0;
        pos(i) != "PUNCT" && h != 0 && h - 1 != verb && report.contains(&(h - 1))
    }) {
        heads.clone_from_slice(&before);
        return;
    }
    if heads[verb].0 != 0 {
        match (0..comma).find(|&i| heads[i].0 == 0) {
            Some(root) => heads[verb] = (root + 1, "parataxis".to_string()),
            None => {
                heads.clone_from_slice(&before);
                return;
            }
        }
    }
    let roots = heads.iter().filter(|(h, _)| *h == 0).count();
    let tree: Vec<usize> = heads.iter().map(|(h, _)| *h).collect();
    if roots != 1 || !is_tree(&tree) {
        heads.clone_from_slice(&before);
    }
}

/// A sentence with no finite verb whose root is a noun phrase followed by a participle the
/// tagger read as passive (`Thousands of people protested in Tbilisi.`, tagged
/// `VerbForm=Part|Voice=Pass` and hung as the noun's `acl`) is a clause whose verb is that
/// participle's finite past: English past tense and participle share their form. A full
/// sentence has a finite verb, so the participle becomes the root and the noun its `nsubj`.
/// Only in a sentence ending with a full stop (a headline's `Three soldiers killed in attack`
/// is a passive with its auxiliary left out), with the participle right after the noun's
/// phrase (no punctuation between), a past participle (`Tense=Past`, which the German
/// treebank's participles do not carry) with no auxiliary, copula or agent (`by …`) of its
/// own, and no case, gender or number (a participle that agrees is attributive: French
/// `placée`, Russian `убитые`). Stop 45. `heads`: 1-based head (0 = root) and
/// relation per word, as [`Parser::parse`] returns.
pub fn participle_predicates(
    forms: &[&str],
    upos: &[&str],
    feats: &[&str],
    heads: &mut [(usize, String)],
) {
    let n = heads
        .len()
        .min(upos.len())
        .min(feats.len())
        .min(forms.len());
    if n < 3 || forms[n - 1] != "." {
        return;
    }
    let has = |i: usize, f: &str| feats[i].split('|').any(|x| x == f);
    if (0..n).any(|i| has(i, "VerbForm=Fin")) {
        return;
    }
    let Some(root) = (0..n).find(|&i| heads[i].0 == 0) else {
        return;
    };
    if !matches!(upos[root], "NOUN" | "PROPN" | "PRON" | "NUM") {
        return;
    }
    // The first participle hung on the root as `acl`, after it.
    let Some(v) = (root + 1..n).find(|&i| heads[i].0 == root + 1 && heads[i].1 == "acl") else {
        return;
    };
    if upos[v] != "VERB"
        || !has(v, "VerbForm=Part")
        || !has(v, "Tense=Past")
        || ["Case=", "Gender=", "Number="]
            .iter()
            .any(|f| feats[v].contains(f))
        || (root + 1..v).any(|i| upos[i] == "PUNCT")
    {
        return;
    }
    let own = |c: usize| {
        matches!(
            heads[c].1.as_str(),
            "aux" | "aux:pass" | "cop" | "obl:agent" | "nsubj" | "nsubj:pass"
        )
    };
    if (0..n).any(|c| heads[c].0 == v + 1 && own(c)) {
        return;
    }
    // Every word between the root and the participle is in the root's phrase.
    let under_root = |mut i: usize| {
        for _ in 0..n {
            match heads[i].0 {
                0 => return false,
                h if h - 1 == root => return true,
                h => i = h - 1,
            }
        }
        false
    };
    if !(root + 1..v).all(under_root) {
        return;
    }
    let before = heads.to_vec();
    for (i, (h, rel)) in before.iter().enumerate() {
        // The sentence's punctuation and the root's clause-level dependents go with the verb.
        if *h == root + 1 && i > v && matches!(rel.as_str(), "punct" | "obl" | "advmod" | "conj") {
            heads[i].0 = v + 1;
        }
    }
    heads[v] = (0, "root".to_string());
    heads[root] = (v + 1, "nsubj".to_string());
    let tree: Vec<usize> = heads.iter().map(|(h, _)| *h).collect();
    if !is_tree(&tree) {
        heads.clone_from_slice(&before);
    }
}

/// Two subjects of one predicate (`The U.S., China, Japan and Russia pledged` read with
/// `U.S.`, `China` and `Japan` each an `nsubj` of `pledged`) are what UD rules out: a clause
/// has one subject. Where only commas and coordinators stand between the first subject's
/// phrase and the next, the greedy parser missed a coordination: the next is made a
/// conjunct (`conj`) of the first, as UD hangs every conjunct on the first. Nothing moves
/// where other words stand between (a subject of another clause the parser misattached).
/// `heads`: 1-based head (0 = root) and relation per word, as [`Parser::parse`] returns.
pub fn coordinate_repeated_subjects(forms: &[&str], upos: &[&str], heads: &mut [(usize, String)]) {
    let n = heads.len();
    if n < 3 {
        return;
    }
    // Leftmost and rightmost word of each word's phrase (bounded walk up from each word:
    // a broken head chain stops the walk, the repair stays linear in practice).
    let mut left: Vec<usize> = (0..n).collect();
    let mut right: Vec<usize> = (0..n).collect();
    for w in 0..n {
        let mut at = w;
        for _ in 0..n {
            let h = heads[at].0;
            if h == 0 || h > n || h - 1 == at {
                break;
            }
            at = h - 1;
            left[at] = left[at].min(w);
            right[at] = right[at].max(w);
        }
    }
    let joiner =
        |i: usize| forms.get(i).copied() == Some(",") || upos.get(i).copied() == Some("CCONJ");
    for h in 0..=n {
        // Names and nouns only: a pronoun beside a noun subject is a dislocation (`Les
        // enfants, ils jouent`), not a coordination.
        // A list of names the parser hung on the predicate as an oblique with no case word
        // before its subject (`The U.S., China, South Korea, Japan and Russia pledged` read
        // `U.S.` `obl` with its conjuncts, `Japan` `nsubj`): UD gives an oblique a case word
        // (a bare time noun aside, which has no conjuncts), so it is the subject's first
        // conjunct.
        let subjects: Vec<usize> = {
            let heads: &[(usize, String)] = heads;
            let subject = |d: usize| {
                heads[d].0 == h
                    && heads[d].1 == "nsubj"
                    && matches!(upos.get(d).copied(), Some("NOUN" | "PROPN"))
            };
            let has_child =
                |d: usize, rel: &str| heads.iter().any(|(hd, r)| *hd == d + 1 && r == rel);
            let caseless_list = |d: usize| {
                heads[d].0 == h
                    && heads[d].1 == "obl"
                    && upos.get(d).copied() == Some("PROPN")
                    && !has_child(d, "case")
                    && has_child(d, "conj")
                    && (d + 1..n).any(subject)
            };
            (0..n).filter(|&d| subject(d) || caseless_list(d)).collect()
        };
        let Some((&first, rest)) = subjects.split_first() else {
            continue;
        };
        // The chain of subjects joined by commas and coordinators only, each from the end of
        // the one before over any the parser hung on the next (`, and` attached to `Japan`).
        let mut chain = Vec::new();
        let mut prev = first;
        let mut coordinated = false;
        for &b in rest {
            let mut k = right[prev] + 1;
            while k < b && joiner(k) {
                coordinated |= upos.get(k).copied() == Some("CCONJ");
                k += 1;
            }
            if k > right[prev] + 1 && k >= left[b] {
                chain.push(b);
                prev = b;
            } else {
                break;
            }
        }
        // A coordinator must close the list, between its members or inside the last one's
        // phrase (`Japan and Russia`): commas alone set off an apposition (`X, the minister,`).
        let Some(&last) = chain.last() else {
            continue;
        };
        coordinated |= (left[last]..=right[last]).any(|k| upos.get(k).copied() == Some("CCONJ"));
        if coordinated {
            for b in chain {
                heads[b] = (first + 1, "conj".to_string());
            }
            heads[first].1 = "nsubj".to_string();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Training

/// A gold sentence prepared for training (internal indices: root = n+1).
struct GoldSentence {
    attrs: Vec<WordAttrs>,
    /// Projectivised gold heads, internal (index 0 unused).
    head: Vec<usize>,
    /// Gold label id + 1.
    label: Vec<u16>,
    /// Gold dependents of each word, ascending.
    children: Vec<Vec<usize>>,
}

/// Whether `heads` (1-based, 0 = root) reach the root from every word without a cycle.
fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    for start in 1..=n {
        let mut cur = start;
        let mut steps = 0;
        while cur != 0 {
            let Some(&h) = heads.get(cur - 1) else {
                return false;
            };
            if h > n {
                return false;
            }
            cur = h;
            steps += 1;
            if steps > n {
                return false;
            }
        }
    }
    true
}

/// Lifts non-projective arcs (shortest first) until the tree is projective. `heads` is
/// 1-based with 0 = root, and must be a tree.
fn projectivise(heads: &mut [usize]) {
    let n = heads.len();
    let dominates = |heads: &[usize], h: usize, mut k: usize| -> bool {
        let mut steps = 0;
        while k != 0 && steps <= n {
            if k == h {
                return true;
            }
            k = heads[k - 1];
            steps += 1;
        }
        h == 0
    };
    for _ in 0..n * n {
        let mut worst: Option<(usize, usize)> = None; // (span, dep)
        for d in 1..=n {
            let h = heads[d - 1];
            if h == 0 {
                continue;
            }
            let (lo, hi) = (h.min(d), h.max(d));
            let non_projective = (lo + 1..hi).any(|k| !dominates(heads, h, k));
            if non_projective && worst.is_none_or(|(span, _)| hi - lo < span) {
                worst = Some((hi - lo, d));
            }
        }
        let Some((_, d)) = worst else {
            return;
        };
        let h = heads[d - 1];
        heads[d - 1] = heads[h - 1];
    }
}

/// Deterministic pseudo-random numbers (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finish(self.0)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Epoch-by-epoch training, for choosing the number of epochs on held-out data.
pub struct ParserTrainer {
    config: TrainConfig,
    labels: Vec<String>,
    prep_label: Vec<bool>,
    root_label: Option<usize>,
    gold: Vec<GoldSentence>,
    transitions: Trainable,
    label_weights: Trainable,
    rng: Rng,
    epochs_done: usize,
    sentences_used: usize,
}

impl ParserTrainer {
    pub fn new(sentences: &[ConlluSentence], config: &TrainConfig) -> ParserTrainer {
        let mut labels: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
            .collect();
        labels.sort();
        labels.dedup();
        let prep_label = labels
            .iter()
            .map(|l| matches!(l.split(':').next(), Some("case" | "mark")))
            .collect();
        let root_label = labels.iter().position(|l| l == "root");
        let label_id = |l: &str| labels.binary_search_by(|x| x.as_str().cmp(l)).ok();
        let mut gold = Vec::with_capacity(sentences.len());
        for s in sentences {
            let n = s.words.len();
            let mut heads: Vec<usize> = s.words.iter().map(|w| w.head).collect();
            if n == 0 || !is_tree(&heads) {
                continue;
            }
            projectivise(&mut heads);
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
            let feats: Vec<&str> = s.words.iter().map(|w| w.feats.as_str()).collect();
            let attrs = sentence_attrs(&forms, &upos, &feats, config.lexical);
            let mut head = vec![0; n + 2];
            let mut label = vec![0u16; n + 2];
            let mut children = vec![Vec::new(); n + 2];
            for (i, w) in s.words.iter().enumerate() {
                let d = i + 1;
                let h = if heads[i] == 0 { n + 1 } else { heads[i] };
                head[d] = h;
                label[d] = label_id(&w.deprel).map_or(0, |l| (l + 1) as u16);
                children[h].push(d);
            }
            gold.push(GoldSentence {
                attrs,
                head,
                label,
                children,
            });
        }
        let n_labels = labels.len().max(1);
        let words: usize = gold.iter().map(|g| g.attrs.len() - 2).sum();
        let transition_bits = match config.transition_bits {
            0 if words < 100_000 => 18,
            0 => 19,
            bits => bits.clamp(8, 24),
        };
        ParserTrainer {
            config: config.clone(),
            labels,
            prep_label,
            root_label,
            sentences_used: gold.len(),
            gold,
            transitions: Trainable::new(transition_bits, N_ACTIONS),
            label_weights: Trainable::new(config.label_bits.clamp(8, 20), n_labels),
            rng: Rng(config.seed ^ 0x05ee_d0f9_a45e),
            epochs_done: 0,
        }
    }

    /// One pass over the training sentences in a seeded random order.
    pub fn epoch(&mut self) {
        let mut order: Vec<usize> = (0..self.gold.len()).collect();
        for i in (1..order.len()).rev() {
            let j = self.rng.below(i + 1);
            order.swap(i, j);
        }
        let explore = self.epochs_done >= self.config.explore_from_epoch;
        let mut fbuf = Vec::with_capacity(128);
        let mut lscores = vec![0f32; self.labels.len().max(1)];
        for &i in &order {
            self.train_sentence(i, explore, &mut fbuf, &mut lscores);
        }
        self.epochs_done += 1;
    }

    fn cost(g: &GoldSentence, st: &State, action: usize) -> usize {
        let b = st.b;
        let s0 = st.s(0);
        let children_in_buffer = |x: usize| g.children[x].iter().filter(|&&d| d >= b).count();
        match action {
            SHIFT => {
                let gh = g.head[b];
                let head_lost = gh < b && st.nodes[gh].head == 0 && gh != s0;
                let children_lost = g.children[b]
                    .iter()
                    .filter(|&&d| d < b && st.nodes[d].head == 0)
                    .count();
                usize::from(head_lost) + children_lost
            }
            LEFT => {
                let gh = g.head[s0];
                let head_lost = gh != b && (gh >= b || (gh == st.s(1) && gh != 0));
                usize::from(head_lost) + children_in_buffer(s0)
            }
            RIGHT => usize::from(g.head[s0] >= b) + children_in_buffer(s0),
            _ => usize::MAX,
        }
    }

    fn train_sentence(
        &mut self,
        i: usize,
        explore: bool,
        fbuf: &mut Vec<u64>,
        lscores: &mut [f32],
    ) {
        let g = &self.gold[i];
        let n = g.attrs.len() - 2;
        let mut st = State::new(n);
        let mut tscores = [0f32; N_ACTIONS];
        while !st.terminal() {
            let legal = st.legal();
            transition_features(&g.attrs, &st, fbuf);
            self.transitions.score(fbuf, &mut tscores);
            let mut costs = [usize::MAX; N_ACTIONS];
            for a in 0..N_ACTIONS {
                if legal[a] {
                    costs[a] = Self::cost(g, &st, a);
                }
            }
            let min_cost = costs.iter().copied().min().unwrap_or(0);
            let Some(pred) = argmax_allowed(&tscores, |a| legal[a]) else {
                break;
            };
            let Some(best) = argmax_allowed(&tscores, |a| legal[a] && costs[a] == min_cost) else {
                break;
            };
            if costs[pred] > min_cost {
                self.transitions.update(fbuf, best, 1.0);
                self.transitions.update(fbuf, pred, -1.0);
            }
            self.transitions.tick += 1.0;
            let action = if explore && self.rng.unit() < self.config.explore_p {
                pred
            } else {
                best
            };
            let mut label = 0u16;
            if action != SHIFT {
                let (h, d) = st.arc(action);
                label_features(&g.attrs, &st, h, d, fbuf);
                self.label_weights.score(fbuf, lscores);
                let from_root = h == n + 1;
                let root_label = self.root_label;
                let allowed = |l: usize| root_label.is_none_or(|r| (l == r) == from_root);
                let predicted = argmax_allowed(lscores, allowed).map_or(0, |l| (l + 1) as u16);
                let gold_label = g.label[d];
                if g.head[d] == h && gold_label > 0 && allowed(usize::from(gold_label) - 1) {
                    if predicted != gold_label {
                        self.label_weights
                            .update(fbuf, usize::from(gold_label) - 1, 1.0);
                        if predicted > 0 {
                            self.label_weights
                                .update(fbuf, usize::from(predicted) - 1, -1.0);
                        }
                    }
                    self.label_weights.tick += 1.0;
                    label = gold_label;
                } else {
                    label = predicted;
                }
            }
            let is_prep = label > 0 && self.prep_label[usize::from(label) - 1];
            let dep_form = if action == SHIFT {
                0
            } else {
                g.attrs[st.s(0)].w
            };
            st.apply(action, label, is_prep, dep_form);
        }
    }

    /// The averaged model after the epochs run so far.
    pub fn model(&self) -> ParserModel {
        ParserModel {
            about: format!(
                "arc-hybrid parser; {} training sentences; {} epochs; seed {}; {}; tables 2^{} x {} and 2^{} x {}",
                self.sentences_used,
                self.epochs_done,
                self.config.seed,
                if self.config.lexical { "lexical" } else { "delexicalised" },
                self.transitions.bits,
                N_ACTIONS,
                self.label_weights.bits,
                self.label_weights.classes,
            ),
            lexical: self.config.lexical,
            labels: self.labels.clone(),
            prep_label: self.prep_label.clone(),
            root_label: self.root_label,
            transitions: self.transitions.averaged(),
            label_weights: self.label_weights.averaged(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Serialisation: magic, version, header, labels, two sparse tables, FNV-1a checksum.

fn fnv64(bytes: &[u8]) -> u64 {
    fnv64_more(0xcbf2_9ce4_8422_2325u64, bytes)
}

fn fnv64_more(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Version 2: the table's shape, then the dense table as it is, read in place.
fn put_weights(out: &mut Vec<u8>, w: &Weights) {
    out.push(w.bits);
    put_varint(out, w.classes as u64);
    out.extend_from_slice(&w.scale.to_le_bytes());
    out.extend_from_slice(w.w.as_slice());
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ParserError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or(ParserError::Truncated(self.pos))?;
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or(ParserError::Truncated(self.pos))?;
        self.pos = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, ParserError> {
        Ok(self.take(1)?[0])
    }

    fn varint(&mut self) -> Result<u64, ParserError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ParserError::Malformed(format!(
            "varint too long at byte {}",
            self.pos
        )))
    }

    fn len(&mut self, max: usize, what: &str) -> Result<usize, ParserError> {
        let v = self.varint()?;
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or_else(|| ParserError::Malformed(format!("{what} {v} out of range")))
    }

    fn string(&mut self) -> Result<String, ParserError> {
        let n = self.len(1 << 20, "string length")?;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| ParserError::Malformed("string not UTF-8".into()))
    }

    /// A table's shape: bits, classes, scale and the number of weights.
    fn shape(
        &mut self,
        max_bits: u8,
        classes: Option<usize>,
    ) -> Result<(u8, usize, f32, usize), ParserError> {
        let bits = self.byte()?;
        if !(1..=max_bits).contains(&bits) {
            return Err(ParserError::Malformed(format!("table size 2^{bits}")));
        }
        let n_classes = self.len(4096, "class count")?;
        if n_classes == 0 || classes.is_some_and(|c| c != n_classes) {
            return Err(ParserError::Malformed(format!("{n_classes} classes")));
        }
        let scale_bytes: [u8; 4] = self
            .take(4)?
            .try_into()
            .map_err(|_| ParserError::Truncated(self.pos))?;
        let scale = f32::from_le_bytes(scale_bytes);
        if !scale.is_finite() {
            return Err(ParserError::Malformed("weight scale not finite".into()));
        }
        let size = (1usize << bits)
            .checked_mul(n_classes)
            .filter(|&s| s <= 1 << 26)
            .ok_or_else(|| ParserError::Malformed("table too large".into()))?;
        Ok((bits, n_classes, scale, size))
    }

    /// A version-2 table: its bytes in place, `buf` being the window this reader reads.
    fn dense_weights(
        &mut self,
        buf: &Bytes,
        max_bits: u8,
        classes: Option<usize>,
    ) -> Result<Weights, ParserError> {
        let (bits, classes, scale, size) = self.shape(max_bits, classes)?;
        let at = self.pos;
        self.take(size * 2)?;
        let w = buf
            .slice(at, at + size * 2)
            .map_err(|_| ParserError::Truncated(at))?;
        Ok(Weights {
            classes,
            bits,
            scale,
            w,
        })
    }

    /// A version-1 table: (index step, zig-zag weight) varints of the non-zero weights.
    fn sparse_weights(
        &mut self,
        max_bits: u8,
        classes: Option<usize>,
    ) -> Result<Weights, ParserError> {
        let (bits, n_classes, scale, size) = self.shape(max_bits, classes)?;
        let count = self.len(size, "entry count")?;
        let mut values = vec![0i16; size];
        let mut i = 0usize;
        for _ in 0..count {
            let delta = self.len(size, "index step")?;
            i += delta;
            let zigzag = self.varint()?;
            let zigzag = u32::try_from(zigzag)
                .map_err(|_| ParserError::Malformed("weight out of range".into()))?;
            let v = ((zigzag >> 1) as i32) ^ -((zigzag & 1) as i32);
            let v = i16::try_from(v)
                .map_err(|_| ParserError::Malformed("weight out of range".into()))?;
            if i >= size {
                return Err(ParserError::Malformed("weight index beyond table".into()));
            }
            values[i] = v;
        }
        Ok(Weights::from_values(bits, n_classes, scale, &values))
    }
}

/// Version 1: (index step, zig-zag weight) varints of the non-zero weights.
fn put_weights_v1(out: &mut Vec<u8>, w: &Weights) {
    out.push(w.bits);
    put_varint(out, w.classes as u64);
    out.extend_from_slice(&w.scale.to_le_bytes());
    let values: Vec<i16> =
        w.w.as_slice()
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
    put_varint(out, values.iter().filter(|&&x| x != 0).count() as u64);
    let mut last = 0usize;
    for (i, &x) in values.iter().enumerate() {
        if x != 0 {
            put_varint(out, (i - last) as u64);
            last = i;
            let zigzag = ((i32::from(x) << 1) ^ (i32::from(x) >> 31)) as u32;
            put_varint(out, u64::from(zigzag));
        }
    }
}

impl ParserModel {
    /// The model as version 1 wrote it (sparse, checksummed): a converted file is checked
    /// by comparing these bytes with the old file's.
    pub fn to_v1_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_V1.to_le_bytes());
        put_str(&mut out, &self.about);
        out.push(u8::from(self.lexical));
        put_varint(&mut out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(&mut out, l);
        }
        put_weights_v1(&mut out, &self.transitions);
        put_weights_v1(&mut out, &self.label_weights);
        let sum = fnv64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        put_str(&mut out, &self.about);
        out.push(u8::from(self.lexical));
        put_varint(&mut out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(&mut out, l);
        }
        // The checksum covers everything but the weights themselves: hashing 10 MB would
        // cost the start-up time that reading them in place saves, and a flipped weight
        // gives a worse parse, never a panic (every read is bounds-checked).
        let mut sum = fnv64(&out);
        for w in [&self.transitions, &self.label_weights] {
            let at = out.len();
            put_weights(&mut out, w);
            let shape_end = out.len() - w.w.len();
            sum = fnv64_more(sum, &out[at..shape_end]);
        }
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`ParserModel::to_bytes`] (or a version-1 model) from a
    /// copy of `bytes`; corrupt or truncated bytes are an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<ParserModel, ParserError> {
        ParserModel::read(&Bytes::from_vec(bytes.to_vec()))
    }

    /// Reads a model in place: a version-2 model's weight tables stay in `buf`.
    pub fn read(buf: &Bytes) -> Result<ParserModel, ParserError> {
        let bytes = buf.as_slice();
        if bytes.len() < MAGIC.len() + 4 + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ParserError::BadMagic);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let sum = u64::from_le_bytes(sum.try_into().map_err(|_| ParserError::Checksum)?);
        let mut r = Reader {
            bytes: body,
            pos: MAGIC.len(),
        };
        let version_bytes: [u8; 4] = r
            .take(4)?
            .try_into()
            .map_err(|_| ParserError::Truncated(MAGIC.len()))?;
        let version = u32::from_le_bytes(version_bytes);
        if version != FORMAT_VERSION && version != FORMAT_V1 {
            return Err(ParserError::Version(version));
        }
        if version == FORMAT_V1 && fnv64(body) != sum {
            return Err(ParserError::Checksum);
        }
        let about = r.string()?;
        let lexical = match r.byte()? {
            0 => false,
            1 => true,
            b => return Err(ParserError::Malformed(format!("lexical flag {b}"))),
        };
        let n_labels = r.len(4096, "label count")?;
        let labels = (0..n_labels)
            .map(|_| r.string())
            .collect::<Result<Vec<_>, _>>()?;
        let (transitions, label_weights) = if version == FORMAT_V1 {
            let t = r.sparse_weights(24, Some(N_ACTIONS))?;
            (t, r.sparse_weights(20, Some(n_labels.max(1)))?)
        } else {
            let mut check = fnv64(&body[..r.pos]);
            let mut tables = Vec::with_capacity(2);
            for (bits, classes) in [(24, N_ACTIONS), (20, n_labels.max(1))] {
                let at = r.pos;
                let t = r.dense_weights(buf, bits, Some(classes))?;
                check = fnv64_more(check, &body[at..r.pos - t.w.len()]);
                tables.push(t);
            }
            if check != sum {
                return Err(ParserError::Checksum);
            }
            let label_weights = tables.pop().ok_or(ParserError::Truncated(r.pos))?;
            let transitions = tables.pop().ok_or(ParserError::Truncated(r.pos))?;
            (transitions, label_weights)
        };
        if r.pos != body.len() {
            return Err(ParserError::Malformed("trailing bytes".into()));
        }
        let prep_label = labels
            .iter()
            .map(|l| matches!(l.split(':').next(), Some("case" | "mark")))
            .collect();
        let root_label = labels.iter().position(|l| l == "root");
        Ok(ParserModel {
            about,
            lexical,
            labels,
            prep_label,
            root_label,
            transitions,
            label_weights,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Scores

/// Attachment scores of a parsed corpus against its gold trees.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AttachmentScores {
    /// Words with the right head.
    pub uas: f64,
    /// Words with the right head and relation, compared without subtypes (`nsubj:pass` =
    /// `nsubj`), as the CoNLL 2018 shared-task scorer does.
    pub las: f64,
    /// F1 of core-argument arcs (nsubj, nsubj:pass, obj, iobj, csubj, obl:agent) with the
    /// right head and the full relation.
    pub core_f1: f64,
}

/// Scores `predicted` (one `(head, deprel)` list per sentence, as [`ParserModel::parse`]
/// returns) against `gold`. Missing sentences or words count as wrong.
pub fn attachment_scores(
    gold: &[ConlluSentence],
    predicted: &[Vec<(usize, String)>],
) -> AttachmentScores {
    let universal = |l: &str| l.split(':').next().unwrap_or("").to_string();
    let is_core = |l: &str| CORE_RELATIONS.contains(&l);
    let (mut words, mut heads, mut labelled) = (0usize, 0usize, 0usize);
    let (mut core_gold, mut core_pred, mut core_right) = (0usize, 0usize, 0usize);
    for (i, g) in gold.iter().enumerate() {
        let p = predicted.get(i).map(Vec::as_slice).unwrap_or(&[]);
        for (j, w) in g.words.iter().enumerate() {
            words += 1;
            core_gold += usize::from(is_core(&w.deprel));
            let Some((head, rel)) = p.get(j) else {
                continue;
            };
            if *head == w.head {
                heads += 1;
                if universal(rel) == universal(&w.deprel) {
                    labelled += 1;
                }
                if is_core(rel) && *rel == w.deprel {
                    core_right += 1;
                }
            }
        }
        core_pred += p
            .iter()
            .take(g.words.len())
            .filter(|(_, rel)| is_core(rel))
            .count();
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(core_right, core_pred), ratio(core_right, core_gold));
    AttachmentScores {
        uas: ratio(heads, words),
        las: ratio(labelled, words),
        core_f1: if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;

    /// A tiny treebank: subjects, objects, a passive with an agent, a prepositional phrase.
    const TINY: &str = "\
1\tRussia\tRussia\tPROPN\t_\tNumber=Sing\t2\tnsubj\t_\t_
2\tsupplied\tsupply\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_
3\ttanks\ttank\tNOUN\t_\tNumber=Plur\t2\tobj\t_\t_
4\tto\tto\tADP\t_\t_\t5\tcase\t_\t_
5\tSyria\tSyria\tPROPN\t_\tNumber=Sing\t2\tobl\t_\t_
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_
2\tconvoy\tconvoy\tNOUN\t_\tNumber=Sing\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\t_\tVerbForm=Fin\t4\taux:pass\t_\t_
4\tattacked\tattack\tVERB\t_\tVerbForm=Part|Voice=Pass\t0\troot\t_\t_
5\tby\tby\tADP\t_\t_\t6\tcase\t_\t_
6\trebels\trebel\tNOUN\t_\tNumber=Plur\t4\tobl:agent\t_\t_
7\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

1\tKyiv\tKyiv\tPROPN\t_\tNumber=Sing\t2\tnsubj\t_\t_
2\taccused\taccuse\tVERB\t_\tTense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tMoscow\tMoscow\tPROPN\t_\tNumber=Sing\t2\tobj\t_\t_
4\tof\tof\tSCONJ\t_\t_\t5\tmark\t_\t_
5\tshelling\tshell\tVERB\t_\tVerbForm=Ger\t2\tadvcl\t_\t_
6\tthe\tthe\tDET\t_\t_\t7\tdet\t_\t_
7\tcity\tcity\tNOUN\t_\tNumber=Sing\t5\tobj\t_\t_
8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

1\tHe\the\tPRON\t_\tCase=Nom\t2\tnsubj\t_\t_
2\tgave\tgive\tVERB\t_\tVerbForm=Fin\t0\troot\t_\t_
3\tthem\tthey\tPRON\t_\tCase=Acc\t2\tiobj\t_\t_
4\tmissiles\tmissile\tNOUN\t_\tNumber=Plur\t2\tobj\t_\t_

";

    fn tiny() -> Vec<ConlluSentence> {
        conllu::parse(TINY).expect("tiny treebank")
    }

    fn small_config(seed: u64) -> TrainConfig {
        TrainConfig {
            epochs: 15,
            seed,
            transition_bits: 14,
            label_bits: 12,
            ..TrainConfig::default()
        }
    }

    fn columns(s: &ConlluSentence) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
        (
            s.words.iter().map(|w| w.form.as_str()).collect(),
            s.words.iter().map(|w| w.upos.as_str()).collect(),
            s.words.iter().map(|w| w.feats.as_str()).collect(),
        )
    }

    fn assert_tree(parse: &[(usize, String)], n: usize) {
        assert_eq!(parse.len(), n);
        if n == 0 {
            return;
        }
        assert_eq!(
            parse.iter().filter(|(h, _)| *h == 0).count(),
            1,
            "{parse:?}"
        );
        let heads: Vec<usize> = parse.iter().map(|(h, _)| *h).collect();
        assert!(is_tree(&heads), "cycle or bad head: {heads:?}");
        for (h, l) in parse {
            assert_eq!(*h == 0, l == "root", "{parse:?}");
        }
    }

    #[test]
    fn learns_a_tiny_treebank() {
        let gold = tiny();
        let model = ParserModel::train_with(&gold, &small_config(7));
        let predicted: Vec<_> = gold
            .iter()
            .map(|s| {
                let (f, u, m) = columns(s);
                model.parse(&f, &u, &m)
            })
            .collect();
        for (s, p) in gold.iter().zip(&predicted) {
            let expected: Vec<(usize, String)> =
                s.words.iter().map(|w| (w.head, w.deprel.clone())).collect();
            assert_eq!(p, &expected);
        }
        let scores = attachment_scores(&gold, &predicted);
        assert_eq!((scores.uas, scores.las, scores.core_f1), (1.0, 1.0, 1.0));
    }

    #[test]
    fn any_input_gives_a_well_formed_tree() {
        let model = ParserModel::train_with(&tiny(), &small_config(1));
        let vocab = [
            "the",
            "tanks",
            "Kyiv",
            ".",
            "by",
            "Ракета",
            "attacked",
            "",
            "ü",
        ];
        let tags = ["NOUN", "VERB", "PUNCT", "ADP", "X", "", "DET"];
        let mut rng = Rng(42);
        let mut lengths: Vec<usize> = (0..60).map(|_| rng.below(40)).collect();
        lengths.extend([0, 1, 2, 500]);
        for n in lengths {
            let forms: Vec<&str> = (0..n).map(|_| vocab[rng.below(vocab.len())]).collect();
            let upos: Vec<&str> = (0..n).map(|_| tags[rng.below(tags.len())]).collect();
            let feats = vec!["Case=Nom|Number=Sing"; n / 2];
            assert_tree(&model.parse(&forms, &upos, &feats), n);
        }
    }

    #[test]
    fn bytes_round_trip_and_corruption_is_an_error() {
        let gold = tiny();
        let model = ParserModel::train_with(&gold, &small_config(3));
        let bytes = model.to_bytes();
        let back = ParserModel::from_bytes(&bytes).expect("round trip");
        assert_eq!(back, model);
        let (f, u, m) = columns(&gold[1]);
        assert_eq!(back.parse(&f, &u, &m), model.parse(&f, &u, &m));

        assert!(ParserModel::from_bytes(&[]).is_err());
        assert!(ParserModel::from_bytes(b"AGPARSE").is_err());
        assert!(ParserModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(ParserModel::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        // Version 2 checksums everything but the weights, which are read in place: a flipped
        // weight reads and still parses to a tree; anything else is an error.
        let labels_at = bytes.len() - 8 - model.label_weights.w.len();
        let mut shape = Vec::new();
        put_varint(&mut shape, model.label_weights.classes as u64);
        let transitions_end = labels_at - 1 - shape.len() - 4;
        let transitions_at = transitions_end - model.transitions.w.len();
        let in_weights = |i: usize| {
            (transitions_at..transitions_end).contains(&i)
                || (labels_at..bytes.len() - 8).contains(&i)
        };
        let mut rng = Rng(9);
        for _ in 0..200 {
            let mut bad = bytes.clone();
            let i = rng.below(bad.len());
            bad[i] ^= 1 << rng.below(8);
            match ParserModel::from_bytes(&bad) {
                Ok(damaged) => {
                    assert!(in_weights(i), "flip at {i} outside the weights read");
                    assert_tree(&damaged.parse(&f, &u, &m), f.len());
                }
                Err(_) => assert!(!in_weights(i), "flip at {i} in the weights refused"),
            }
        }

        // Version 1 (sparse, every byte checksummed) still reads as the same model.
        let v1 = model.to_v1_bytes();
        assert_eq!(ParserModel::from_bytes(&v1).expect("version 1"), model);
        for _ in 0..200 {
            let mut bad = v1.clone();
            let i = rng.below(bad.len());
            bad[i] ^= 1 << rng.below(8);
            assert!(ParserModel::from_bytes(&bad).is_err(), "flip at {i}");
        }
        // Valid checksum over a damaged body: caught by the structure checks.
        let mut bad = v1[..v1.len() - 8].to_vec();
        bad.truncate(bad.len() - 3);
        let sum = fnv64(&bad);
        bad.extend_from_slice(&sum.to_le_bytes());
        assert!(ParserModel::from_bytes(&bad).is_err());
    }

    #[test]
    fn a_model_trained_on_nothing_still_parses() {
        let model = ParserModel::train_with(&[], &small_config(1));
        assert!(model.labels().is_empty());
        assert_tree(&model.parse(&["a", "b", "c"], &[], &[]), 3);
        let back = ParserModel::from_bytes(&model.to_bytes()).expect("round trip");
        assert_eq!(back, model);
    }

    #[test]
    fn training_is_deterministic_for_a_seed() {
        let gold = tiny();
        let a = ParserModel::train(&gold, 3, 5);
        let b = ParserModel::train(&gold, 3, 5);
        assert_eq!(a.to_bytes(), b.to_bytes());
        let c = ParserModel::train_with(&gold, &small_config(5));
        let d = ParserModel::train_with(&gold, &small_config(6));
        assert_ne!(c.to_bytes(), d.to_bytes());
    }

    #[test]
    fn projectivising_lifts_crossing_arcs() {
        let mut heads = vec![0, 1, 2, 2];
        projectivise(&mut heads);
        assert_eq!(heads, vec![0, 1, 2, 2]); // already projective
        let mut heads = vec![0, 4, 1, 1]; // 2←4 crosses 1→3
        projectivise(&mut heads);
        assert!(is_tree(&heads));
        assert_eq!(heads, vec![0, 1, 1, 1]);
    }

    #[test]
    fn scores_count_heads_labels_and_core_arguments() {
        let gold = tiny();
        let mut predicted: Vec<Vec<(usize, String)>> = gold
            .iter()
            .map(|s| s.words.iter().map(|w| (w.head, w.deprel.clone())).collect())
            .collect();
        // Subtype confusions are right for LAS, wrong for core F1.
        predicted[1][1].1 = "nsubj".into();
        predicted[0][2] = (5, "obj".into());
        let s = attachment_scores(&gold, &predicted);
        let words = 25.0;
        assert!((s.uas - 24.0 / words).abs() < 1e-9);
        assert!((s.las - 24.0 / words).abs() < 1e-9);
        // Gold core arcs 10; predicted core 10, of which 8 right.
        let f1 = 0.8;
        assert!((s.core_f1 - f1).abs() < 1e-9, "{s:?}");
        assert_eq!(attachment_scores(&gold, &[]).uas, 0.0);
    }

    fn arcs(spec: &[(usize, &str)]) -> Vec<(usize, String)> {
        spec.iter().map(|(h, l)| (*h, l.to_string())).collect()
    }

    #[test]
    fn an_adjective_inside_a_determiners_phrase_belongs_to_its_noun() {
        // The Russian foreign ministry criticized Ukraine: `Russian` read as an `advmod` of
        // the verb, its arc crossing the determiner's.
        let upos = ["DET", "ADJ", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"];
        let mut heads = arcs(&[
            (4, "det"),
            (5, "advmod"),
            (4, "amod"),
            (5, "nsubj"),
            (0, "root"),
            (5, "obj"),
            (5, "punct"),
        ]);
        attach_nominal_dependents(&upos, &mut heads);
        assert_eq!(heads[1], (4, "amod".to_string()));
        // An adjective after the verb (`The ministry called the report false`) stays.
        let upos = ["DET", "NOUN", "VERB", "DET", "NOUN", "ADJ", "PUNCT"];
        let mut heads = arcs(&[
            (2, "det"),
            (3, "nsubj"),
            (0, "root"),
            (5, "det"),
            (3, "obj"),
            (3, "xcomp"),
            (3, "punct"),
        ]);
        let before = heads.clone();
        attach_nominal_dependents(&upos, &mut heads);
        assert_eq!(heads, before);
    }

    #[test]
    fn a_passive_verbs_lone_object_is_its_passive_subject() {
        // In Arkadia wurden drei Soldaten getötet: `Soldaten` read as the object.
        let upos = ["ADP", "PROPN", "AUX", "NUM", "NOUN", "VERB", "PUNCT"];
        let mut heads = arcs(&[
            (2, "case"),
            (6, "obl"),
            (6, "aux:pass"),
            (5, "nummod"),
            (6, "obj"),
            (0, "root"),
            (6, "punct"),
        ]);
        passive_objects_as_subjects(&upos, &mut heads);
        assert_eq!(heads[4], (6, "nsubj:pass".to_string()));
        // With a subject of its own the object stays (`ihm wurde … gegeben` aside, nothing
        // to repair), and an active verb's object is never touched.
        let mut with_subject = arcs(&[
            (2, "case"),
            (6, "nsubj:pass"),
            (6, "aux:pass"),
            (5, "nummod"),
            (6, "obj"),
            (0, "root"),
            (6, "punct"),
        ]);
        passive_objects_as_subjects(&upos, &mut with_subject);
        assert_eq!(with_subject[4], (6, "obj".to_string()));
        let mut active = arcs(&[
            (2, "case"),
            (6, "obl"),
            (6, "aux"),
            (5, "nummod"),
            (6, "obj"),
            (0, "root"),
            (6, "punct"),
        ]);
        passive_objects_as_subjects(&upos, &mut active);
        assert_eq!(active[4], (6, "obj".to_string()));
    }

    #[test]
    fn a_closing_report_after_a_comma_is_a_clause_with_its_own_subject() {
        // Arkadia will send tanks to Borenia , Minister Ivo Kral said .
        let forms = [
            "Arkadia", "will", "send", "tanks", "to", "Borenia", ",", "Minister", "Ivo", "Kral",
            "said", ".",
        ];
        let upos = [
            "PROPN", "AUX", "VERB", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN",
            "VERB", "PUNCT",
        ];
        let fin = "Tense=Past|VerbForm=Fin";
        let feats = [
            "_",
            "VerbForm=Fin",
            "VerbForm=Inf",
            "_",
            "_",
            "_",
            "_",
            "_",
            "_",
            "_",
            fin,
            "_",
        ];
        // The greedy parse: the name an apposition of `Borenia`, `said` an adverbial clause.
        let parsed = arcs(&[
            (3, "nsubj"),
            (3, "aux"),
            (0, "root"),
            (3, "obj"),
            (6, "case"),
            (4, "nmod"),
            (8, "punct"),
            (6, "appos"),
            (8, "flat"),
            (8, "flat"),
            (3, "advcl"),
            (11, "punct"),
        ]);
        let mut heads = parsed.clone();
        postposed_report_subjects(&forms, &upos, &feats, &mut heads);
        assert_eq!(heads[7], (11, "nsubj".to_string()));
        assert_eq!(heads[10], (3, "parataxis".to_string()));
        assert_eq!((heads[8].0, heads[9].0), (8, 8), "the name keeps its words");
        assert_eq!(
            heads[5],
            (4, "nmod".to_string()),
            "the main clause is untouched"
        );

        // `…, a spokesman for the ministry told reporters .` read with `ministry` the subject
        // and `told` a compound of `reporters`.
        let forms = [
            "Talks",
            "resume",
            ",",
            "a",
            "spokesman",
            "for",
            "the",
            "ministry",
            "told",
            "reporters",
            ".",
        ];
        let upos = [
            "NOUN", "VERB", "PUNCT", "DET", "NOUN", "ADP", "DET", "NOUN", "VERB", "NOUN", "PUNCT",
        ];
        let feats = ["_", fin, "_", "_", "_", "_", "_", "_", fin, "_", "_"];
        let mut heads = arcs(&[
            (2, "nsubj"),
            (0, "root"),
            (5, "punct"),
            (5, "det"),
            (2, "parataxis"),
            (10, "case"),
            (10, "det"),
            (9, "nsubj"),
            (10, "compound"),
            (5, "nmod"),
            (2, "punct"),
        ]);
        postposed_report_subjects(&forms, &upos, &feats, &mut heads);
        assert_eq!(heads[4], (9, "nsubj".to_string()));
        assert_eq!(heads[7], (5, "nmod".to_string()));
        assert_eq!(
            (heads[5].0, heads[6].0),
            (8, 8),
            "`for the` belong to `ministry`"
        );
        assert_eq!(heads[8], (2, "parataxis".to_string()));
        assert_eq!(heads[9], (9, "obj".to_string()));

        // Not a report: a relative clause (`, who refuted it .`), a quotation opened after the
        // comma, a clause with two verbs after it.
        let forms = ["Kral", "spoke", ",", "who", "refuted", "it", "."];
        let upos = ["PROPN", "VERB", "PUNCT", "PRON", "VERB", "PRON", "PUNCT"];
        let feats = ["_", fin, "_", "PronType=Rel", fin, "PronType=Prs", "_"];
        let parse = arcs(&[
            (2, "nsubj"),
            (0, "root"),
            (5, "punct"),
            (5, "nsubj"),
            (1, "acl:relcl"),
            (5, "obj"),
            (2, "punct"),
        ]);
        let mut heads = parse.clone();
        postposed_report_subjects(&forms, &upos, &feats, &mut heads);
        assert_eq!(heads, parse);
        let forms = ["It", "began", ",", "\"", "I", "cried", ".", "\""];
        let upos = [
            "PRON", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "PUNCT",
        ];
        let feats = ["PronType=Prs", fin, "_", "_", "PronType=Prs", fin, "_", "_"];
        let parse = arcs(&[
            (2, "nsubj"),
            (0, "root"),
            (6, "punct"),
            (6, "punct"),
            (6, "nsubj"),
            (2, "conj"),
            (6, "punct"),
            (6, "punct"),
        ]);
        let mut heads = parse.clone();
        postposed_report_subjects(&forms, &upos, &feats, &mut heads);
        assert_eq!(heads, parse);
    }

    #[test]
    fn repeated_subjects_joined_by_commas_and_a_coordinator_are_one_coordination() {
        // Arkadia , Borenia , Kolonia and Moria pledged aid
        let forms = [
            "Arkadia", ",", "Borenia", ",", "Kolonia", "and", "Moria", "pledged", "aid",
        ];
        let upos = [
            "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "NOUN",
        ];
        let mut heads = arcs(&[
            (8, "nsubj"),
            (3, "punct"),
            (8, "nsubj"),
            (5, "punct"),
            (8, "nsubj"),
            (7, "cc"),
            (5, "conj"),
            (0, "root"),
            (8, "obj"),
        ]);
        coordinate_repeated_subjects(&forms, &upos, &mut heads);
        assert_eq!(heads[2], (1, "conj".to_string()));
        assert_eq!(heads[4], (1, "conj".to_string()));
        assert_eq!(heads[6], (5, "conj".to_string()));
        assert_eq!(heads[0], (8, "nsubj".to_string()));
    }

    #[test]
    fn a_caseless_oblique_list_of_names_before_the_subject_is_its_first_conjunct() {
        // Arkadia , Borenia , Kolonia and Moria pledged aid — `Arkadia` read as an oblique
        // with `Borenia` as its conjunct, `Kolonia` as the subject.
        let forms = [
            "Arkadia", ",", "Borenia", ",", "Kolonia", "and", "Moria", "pledged", "aid",
        ];
        let upos = [
            "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "NOUN",
        ];
        let mut heads = arcs(&[
            (8, "obl"),
            (3, "punct"),
            (1, "conj"),
            (5, "punct"),
            (8, "nsubj"),
            (7, "cc"),
            (5, "conj"),
            (0, "root"),
            (8, "obj"),
        ]);
        coordinate_repeated_subjects(&forms, &upos, &mut heads);
        assert_eq!(heads[0], (8, "nsubj".to_string()));
        assert_eq!(heads[4], (1, "conj".to_string()));
        // With a case word it is an oblique (`In Arkadia, Borenia and Kolonia, Moria …`).
        let forms = [
            "In", "Arkadia", ",", "Borenia", "and", "Kolonia", ",", "Moria", "pledged",
        ];
        let upos = [
            "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "PUNCT", "PROPN", "VERB",
        ];
        let mut heads = arcs(&[
            (2, "case"),
            (9, "obl"),
            (4, "punct"),
            (2, "conj"),
            (6, "cc"),
            (2, "conj"),
            (2, "punct"),
            (9, "nsubj"),
            (0, "root"),
        ]);
        let before = heads.clone();
        coordinate_repeated_subjects(&forms, &upos, &mut heads);
        assert_eq!(heads, before);
    }

    #[test]
    fn an_apposition_set_off_by_commas_alone_is_left_alone() {
        // Arkadia , the neighbour , protested
        let forms = ["Arkadia", ",", "the", "neighbour", ",", "protested"];
        let upos = ["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB"];
        let spec = [
            (6, "nsubj"),
            (4, "punct"),
            (4, "det"),
            (6, "nsubj"),
            (4, "punct"),
            (0, "root"),
        ];
        let mut heads = arcs(&spec);
        coordinate_repeated_subjects(&forms, &upos, &mut heads);
        assert_eq!(heads, arcs(&spec));
        // Nor is a pronoun beside a noun, nor subjects with other words between.
        let forms = ["Arkadia", "and", "it", "protested"];
        let upos = ["PROPN", "CCONJ", "PRON", "VERB"];
        let spec = [(4, "nsubj"), (3, "cc"), (4, "nsubj"), (0, "root")];
        let mut heads = arcs(&spec);
        coordinate_repeated_subjects(&forms, &upos, &mut heads);
        assert_eq!(heads, arcs(&spec));
    }

    #[test]
    fn an_object_followed_by_a_finite_verb_is_that_clauses_subject() {
        // `Ruritania confirmed a citizen was among the dead .` parsed with `citizen` the
        // object and `dead` an oblique of `confirmed`.
        let upos = [
            "PROPN", "VERB", "DET", "NOUN", "AUX", "ADP", "DET", "ADJ", "PUNCT",
        ];
        let fin_past = "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin";
        let feats = ["_", fin_past, "_", "_", fin_past, "_", "_", "_", "_"];
        let spec = [
            (2, "nsubj"),
            (0, "root"),
            (4, "det"),
            (2, "obj"),
            (8, "cop"),
            (8, "case"),
            (8, "det"),
            (2, "obl"),
            (2, "punct"),
        ];
        let mut heads = arcs(&spec);
        objects_opening_clauses(&upos, &feats, &mut heads);
        assert_eq!(heads[3], (8, "nsubj".to_string()));
        assert_eq!(heads[7], (2, "ccomp".to_string()));
        // A bare infinitive after the object (`watch your earnings grow`) keeps the parse.
        let upos = ["VERB", "PRON", "NOUN", "VERB", "PUNCT"];
        let feats = ["_", "_", "_", "Mood=Ind|Tense=Pres|VerbForm=Fin", "_"];
        let spec = [
            (0, "root"),
            (3, "nmod:poss"),
            (1, "obj"),
            (1, "xcomp"),
            (1, "punct"),
        ];
        let mut heads = arcs(&spec);
        objects_opening_clauses(&upos, &feats, &mut heads);
        assert_eq!(heads, arcs(&spec));
        // An accusative keeps its reading.
        let upos = ["PROPN", "VERB", "PRON", "AUX", "ADJ", "PUNCT"];
        let feats = ["_", fin_past, "Case=Acc", fin_past, "_", "_"];
        let spec = [
            (2, "nsubj"),
            (0, "root"),
            (2, "obj"),
            (5, "cop"),
            (2, "obl"),
            (2, "punct"),
        ];
        let mut heads = arcs(&spec);
        objects_opening_clauses(&upos, &feats, &mut heads);
        assert_eq!(heads, arcs(&spec));
    }
    #[test]
    fn a_participle_after_a_sentences_noun_phrase_is_its_verb() {
        // `Thousands of people protested in Tbilisi .`, tagged as a passive participle hung
        // on `Thousands`.
        let forms = [
            "Thousands",
            "of",
            "people",
            "protested",
            "in",
            "Tbilisi",
            ".",
        ];
        let upos = ["NOUN", "ADP", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"];
        let part = "Tense=Past|VerbForm=Part|Voice=Pass";
        let feats = [
            "Number=Plur",
            "_",
            "Number=Plur",
            part,
            "_",
            "Number=Sing",
            "_",
        ];
        let spec = [
            (0, "root"),
            (3, "case"),
            (1, "nmod"),
            (1, "acl"),
            (6, "case"),
            (4, "obl"),
            (1, "punct"),
        ];
        let mut heads = arcs(&spec);
        participle_predicates(&forms, &upos, &feats, &mut heads);
        assert_eq!(heads[3], (0, "root".to_string()));
        assert_eq!(heads[0], (4, "nsubj".to_string()));
        assert_eq!(heads[6], (4, "punct".to_string()));
        // A headline (no full stop) keeps its passive reading.
        let mut headline = arcs(&spec[..6]);
        participle_predicates(&forms[..6], &upos[..6], &feats[..6], &mut headline);
        assert_eq!(headline, arcs(&spec[..6]));
        // So does a participle that agrees with its noun (French `placée`).
        let agreeing = [
            "Number=Plur",
            "_",
            "Number=Plur",
            "Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part",
            "_",
            "_",
            "_",
        ];
        let mut heads = arcs(&spec);
        participle_predicates(&forms, &upos, &agreeing, &mut heads);
        assert_eq!(heads, arcs(&spec));
        // And a sentence with a finite verb.
        let mut finite = feats;
        finite[1] = "Mood=Ind|Tense=Past|VerbForm=Fin";
        let mut heads = arcs(&spec);
        participle_predicates(&forms, &upos, &finite, &mut heads);
        assert_eq!(heads, arcs(&spec));
    }
}
