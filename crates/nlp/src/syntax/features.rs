//! Every feature the syntax classifiers see, in one place.
//!
//! A feature is a template id plus the strings it combines, hashed to a `u64` with FNV-1a
//! (no allocation per feature). [`WordContext`] holds what one sentence gives once (lower
//! case, affixes, shapes); the three `*_features` functions add the templates of the UPOS, the
//! morphology and the lemma classifier. Changing a template changes every model: retrain.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// Hash of one feature: its template and the parts it joins.
pub fn feature(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h = FNV_OFFSET;
    h = (h ^ u64::from(template)).wrapping_mul(FNV_PRIME);
    for p in parts {
        // A separator byte that UTF-8 never contains keeps ("ab","c") apart from ("a","bc").
        h = (h ^ 0xff).wrapping_mul(FNV_PRIME);
        for &b in *p {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    // Finalise (splitmix64 step): FNV's low bits are weak and the table keys on all 64.
    h ^= h >> 31;
    h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

fn num(n: usize) -> [u8; 2] {
    (n.min(u16::MAX as usize) as u16).to_le_bytes()
}

/// What the classifiers know about one word before anything is predicted.
#[derive(Debug, Clone)]
pub struct WordInfo {
    pub lower: String,
    /// Byte offsets in `lower` where the last 1..=5 chars start (the word itself when shorter).
    suffix_at: [usize; 5],
    /// Byte offsets in `lower` where the first 1..=3 chars end.
    prefix_end: [usize; 3],
    /// `Xxxx` → `Xx`, `1984` → `d`, `U.S.` → `X.X.`: case and digits, runs collapsed.
    pub shape: String,
    pub chars: usize,
}

impl WordInfo {
    pub fn new(form: &str) -> WordInfo {
        let lower = form.to_lowercase();
        let offsets: Vec<usize> = lower.char_indices().map(|(b, _)| b).collect();
        let n = offsets.len();
        let mut suffix_at = [0usize; 5];
        for (k, slot) in suffix_at.iter_mut().enumerate() {
            *slot = if k < n { offsets[n - 1 - k] } else { 0 };
        }
        let mut prefix_end = [lower.len(); 3];
        for (k, slot) in prefix_end.iter_mut().enumerate() {
            if k + 1 < n {
                *slot = offsets[k + 1];
            }
        }
        let mut shape = String::new();
        let mut last = '\0';
        for c in form.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            };
            if s != last {
                shape.push(s);
                last = s;
            }
        }
        WordInfo {
            lower,
            suffix_at,
            prefix_end,
            shape,
            chars: n,
        }
    }

    /// The last `k` chars (1..=5) of the lower-cased word.
    pub fn suffix(&self, k: usize) -> &str {
        let at = self.suffix_at.get(k.wrapping_sub(1)).copied().unwrap_or(0);
        self.lower.get(at..).unwrap_or_default()
    }

    pub fn prefix(&self, k: usize) -> &str {
        let end = self.prefix_end.get(k.wrapping_sub(1)).copied().unwrap_or(0);
        self.lower.get(..end).unwrap_or_default()
    }
}

/// One sentence, prepared for feature extraction.
pub struct WordContext<'a> {
    pub forms: &'a [&'a str],
    pub words: Vec<WordInfo>,
    /// Each word's ambiguity class: the UPOS tags training saw it with (`ADP|SCONJ`), or
    /// empty for an unseen word. It lets a greedy tagger look at the words to its right.
    pub ambiguity: Vec<&'a str>,
    /// Each word's UPOS class in the language's external lexicon (`NOUN|PROPN`), or empty;
    /// no such features at all when the model was trained without a lexicon (so that its
    /// weights and bytes stay as they were).
    pub lexicon: Vec<&'a str>,
    /// Each word's morphological readings in the external lexicon
    /// (`NOUN:Case=Gen|Number=Sing;…`), or empty; no such features when the lexicon has none.
    pub readings: Vec<&'a str>,
}

const START: &[u8] = b"<s>";
const END: &[u8] = b"</s>";

impl<'a> WordContext<'a> {
    pub fn new(forms: &'a [&'a str]) -> WordContext<'a> {
        WordContext {
            forms,
            words: forms.iter().map(|f| WordInfo::new(f)).collect(),
            ambiguity: Vec::new(),
            lexicon: Vec::new(),
            readings: Vec::new(),
        }
    }

    fn ambiguity_at(&self, i: isize) -> &[u8] {
        if i < 0 {
            return START;
        }
        match self.ambiguity.get(i as usize) {
            Some(a) => a.as_bytes(),
            None if (i as usize) < self.words.len() => b"",
            None => END,
        }
    }

    fn lower_at(&self, i: isize) -> &[u8] {
        if i < 0 {
            return START;
        }
        self.words
            .get(i as usize)
            .map(|w| w.lower.as_bytes())
            .unwrap_or(END)
    }

    fn suffix_at(&self, i: isize, k: usize) -> &[u8] {
        if i < 0 {
            return START;
        }
        self.words
            .get(i as usize)
            .map(|w| w.suffix(k).as_bytes())
            .unwrap_or(END)
    }

    /// Features of word `i` that need no prediction: the word, its affixes and shape, and
    /// its neighbours. Shared by every classifier.
    pub fn static_features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let Some(w) = self.words.get(i) else {
            return;
        };
        let form = self.forms.get(i).copied().unwrap_or_default();
        let ii = i as isize;
        out.push(feature(0, &[]));
        out.push(feature(1, &[w.lower.as_bytes()]));
        out.push(feature(2, &[form.as_bytes()]));
        for k in 1..=4 {
            out.push(feature(3, &[&num(k), w.suffix(k).as_bytes()]));
        }
        for k in 1..=3 {
            out.push(feature(4, &[&num(k), w.prefix(k).as_bytes()]));
        }
        out.push(feature(5, &[w.shape.as_bytes()]));
        out.push(feature(6, &[w.shape.as_bytes(), &[u8::from(i == 0)]]));
        out.push(feature(7, &[self.lower_at(ii - 1)]));
        out.push(feature(8, &[self.lower_at(ii + 1)]));
        out.push(feature(9, &[self.lower_at(ii - 2)]));
        out.push(feature(10, &[self.lower_at(ii + 2)]));
        out.push(feature(11, &[self.suffix_at(ii - 1, 3)]));
        out.push(feature(12, &[self.suffix_at(ii + 1, 3)]));
        out.push(feature(13, &[self.lower_at(ii - 1), w.lower.as_bytes()]));
        out.push(feature(14, &[w.lower.as_bytes(), self.lower_at(ii + 1)]));
        out.push(feature(15, &[&num(w.chars.min(8))]));
    }
}

/// UPOS features: the static ones plus the two previous predicted tags.
pub fn upos_features(ctx: &WordContext, i: usize, prev: [usize; 2], out: &mut Vec<u64>) {
    ctx.static_features(i, out);
    let w = &ctx.words[i];
    out.push(feature(20, &[&num(prev[0])]));
    out.push(feature(21, &[&num(prev[1]), &num(prev[0])]));
    out.push(feature(22, &[&num(prev[0]), w.lower.as_bytes()]));
    out.push(feature(23, &[&num(prev[0]), w.suffix(3).as_bytes()]));
    let ii = i as isize;
    let here = ctx.ambiguity_at(ii);
    let next = ctx.ambiguity_at(ii + 1);
    out.push(feature(24, &[here]));
    out.push(feature(25, &[here, next]));
    out.push(feature(26, &[next, ctx.ambiguity_at(ii + 2)]));
    out.push(feature(27, &[&num(prev[0]), here, next]));
    out.push(feature(28, &[here, w.suffix(2).as_bytes()]));
    if !ctx.lexicon.is_empty() {
        let lex = |j: isize| -> &[u8] {
            match usize::try_from(j).ok().and_then(|j| ctx.lexicon.get(j)) {
                Some(c) => c.as_bytes(),
                None => END,
            }
        };
        out.push(feature(40, &[lex(ii)]));
        out.push(feature(
            41,
            &[lex(ii), w.shape.as_bytes(), &[u8::from(i == 0)]],
        ));
        out.push(feature(42, &[lex(ii), lex(ii + 1)]));
        out.push(feature(43, &[&num(prev[0]), lex(ii)]));
        out.push(feature(44, &[lex(ii), here]));
    }
}

/// The UD features a lexicon's readings may name, in the order their features are made.
const READING_CATEGORIES: [&str; 10] = [
    "Case", "Gender", "Number", "Animacy", "Aspect", "Tense", "Person", "VerbForm", "Voice", "Mood",
];

/// Morphology features: the static ones plus this word's and its neighbours' UPOS and the
/// previous word's predicted features (agreement inside a noun phrase); with a lexicon that
/// has readings, the readings of the word's UPOS (`upos_name`) too, whole and per feature.
pub fn feats_features(
    ctx: &WordContext,
    i: usize,
    upos: &[usize],
    upos_name: &str,
    prev_feats: usize,
    out: &mut Vec<u64>,
) {
    ctx.static_features(i, out);
    let w = &ctx.words[i];
    let at = |j: isize| -> usize {
        if j < 0 {
            usize::MAX - 1
        } else {
            upos.get(j as usize).copied().unwrap_or(usize::MAX)
        }
    };
    let ii = i as isize;
    let u = num(at(ii));
    out.push(feature(30, &[&u]));
    out.push(feature(31, &[&u, &num(at(ii - 1))]));
    out.push(feature(32, &[&u, &num(at(ii + 1))]));
    for k in 1..=5 {
        out.push(feature(33, &[&u, &num(k), w.suffix(k).as_bytes()]));
    }
    out.push(feature(34, &[&u, w.lower.as_bytes()]));
    out.push(feature(35, &[&u, &num(prev_feats)]));
    out.push(feature(36, &[&u, &num(at(ii - 1)), &num(prev_feats)]));
    out.push(feature(
        37,
        &[&u, &num(at(ii + 1)), ctx.suffix_at(ii + 1, 2)],
    ));
    out.push(feature(
        38,
        &[&u, &num(at(ii - 1)), ctx.suffix_at(ii - 1, 2)],
    ));
    if !ctx.readings.is_empty() {
        reading_features(ctx, i, &u, upos_name, out);
    }
}

/// The lexicon's readings of word `i` with its UPOS: each whole (a reading maps to one UD
/// string, mostly), each feature's set of values (`Case=Acc,Nom`: what the context has to
/// decide), and the case set with the word before (a preposition governs the case).
fn reading_features(ctx: &WordContext, i: usize, u: &[u8], upos_name: &str, out: &mut Vec<u64>) {
    let all = ctx.readings.get(i).copied().unwrap_or_default();
    let mine: Vec<&str> = all
        .split(';')
        .filter_map(|r| r.split_once(':'))
        .filter(|(tag, _)| *tag == upos_name)
        .map(|(_, f)| f)
        .collect();
    out.push(feature(50, &[u, &num(mine.len().min(9))]));
    for r in mine.iter().take(12) {
        out.push(feature(51, &[u, r.as_bytes()]));
    }
    let mut values: Vec<&str> = Vec::with_capacity(8);
    for (k, cat) in READING_CATEGORIES.iter().enumerate() {
        values.clear();
        for r in &mine {
            for fv in r.split('|') {
                if let Some((c, v)) = fv.split_once('=') {
                    if c == *cat && !values.contains(&v) {
                        values.push(v);
                    }
                }
            }
        }
        if values.is_empty() {
            continue;
        }
        values.sort_unstable();
        let joined = values.join(",");
        out.push(feature(52, &[u, &num(k), joined.as_bytes()]));
        if k == 0 {
            out.push(feature(
                53,
                &[u, joined.as_bytes(), ctx.lower_at(i as isize - 1)],
            ));
        }
    }
}

/// Lemma (edit-script) features: the word's affixes with its UPOS and features.
pub fn lemma_features(w: &WordInfo, form: &str, upos: usize, feats: usize, out: &mut Vec<u64>) {
    out.clear();
    let u = num(upos);
    let f = num(feats);
    out.push(feature(40, &[&u]));
    out.push(feature(41, &[&u, &f]));
    for k in 1..=5 {
        out.push(feature(42, &[&u, &num(k), w.suffix(k).as_bytes()]));
        out.push(feature(43, &[&f, &num(k), w.suffix(k).as_bytes()]));
    }
    out.push(feature(44, &[&u, w.lower.as_bytes()]));
    out.push(feature(45, &[&u, &num(w.chars.min(6))]));
    let upper = form.chars().next().is_some_and(char::is_uppercase);
    out.push(feature(46, &[&u, &[u8::from(upper)]]));
    out.push(feature(47, &[w.prefix(2).as_bytes(), &u]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_count_chars_not_bytes() {
        let w = WordInfo::new("Straßen");
        assert_eq!(w.suffix(2), "en");
        assert_eq!(w.suffix(3), "ßen");
        assert_eq!(w.prefix(3), "str");
        assert_eq!(w.suffix(5), "raßen");
        let short = WordInfo::new("на");
        assert_eq!(short.suffix(5), "на");
        assert_eq!(short.prefix(3), "на");
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(WordInfo::new("NATO-Gipfel").shape, "X-Xx");
        assert_eq!(WordInfo::new("1984").shape, "d");
    }

    #[test]
    fn templates_and_parts_are_kept_apart() {
        assert_ne!(feature(1, &[b"ab", b"c"]), feature(1, &[b"a", b"bc"]));
        assert_ne!(feature(1, &[b"x"]), feature(2, &[b"x"]));
        let forms = ["The", "guns", "."];
        let ctx = WordContext::new(&forms);
        let mut f = Vec::new();
        ctx.static_features(1, &mut f);
        assert!(f.len() > 10);
    }
}
