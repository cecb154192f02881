//! The tagger: UPOS, UD morphological features and lemmas for a sentence of words.
//!
//! Three averaged perceptrons ([`super::perceptron`]) run in order over a sentence:
//! 1. **UPOS**, greedy left to right with the two previous tags as features; frequent words
//!    seen (almost) always with one tag take it from a tag dictionary without scoring;
//! 2. **features**, the whole `FEATS` string as one class, restricted to the strings seen
//!    with the predicted UPOS in training (agreement comes from the previous word's class);
//! 3. **lemma**: a lexicon of (form, UPOS) → lemma seen in training first, else an edit
//!    script (lower-case or not, strip *n* chars, append a suffix) chosen by a classifier.

use std::collections::HashMap;

use super::bytes::{Reader, Writer};
use super::conllu::ConlluSentence;
use super::features::{feats_features, lemma_features, upos_features, WordContext};
use super::lexicon::Lexicon;
use super::packed::{Bytes, PackedPerceptron, StrTable};
use super::perceptron::{Perceptron, Trainer};
use super::SyntaxError;

/// Weights smaller than this (after averaging) are dropped from a saved model.
const PRUNE: f32 = 0.05;

/// How a lemma is made from its form: `L3|y` = lower-case, drop 3 chars, append `y`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EditScript {
    pub lower: bool,
    pub cut: usize,
    pub add: String,
}

impl EditScript {
    /// The shortest script that turns `form` into `lemma`.
    pub fn between(form: &str, lemma: &str) -> EditScript {
        let keep = Self::plain(form, lemma, false);
        let lower = Self::plain(&form.to_lowercase(), lemma, true);
        if lower.cut < keep.cut || (lower.cut == keep.cut && lower.add.len() < keep.add.len()) {
            lower
        } else {
            keep
        }
    }

    fn plain(form: &str, lemma: &str, lower: bool) -> EditScript {
        let common = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let add: String = lemma.chars().skip(common).collect();
        EditScript {
            lower,
            cut: form.chars().count() - common,
            add,
        }
    }

    pub fn applies_to(&self, chars: usize) -> bool {
        self.cut <= chars && (self.cut < chars || !self.add.is_empty())
    }

    pub fn apply(&self, form: &str) -> String {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        let mut out: String = base.chars().take(n.saturating_sub(self.cut)).collect();
        out.push_str(&self.add);
        out
    }

    fn label(&self) -> String {
        format!(
            "{}{}|{}",
            if self.lower { 'L' } else { 'K' },
            self.cut,
            self.add
        )
    }

    fn from_label(s: &str) -> Option<EditScript> {
        let lower = match s.chars().next()? {
            'L' => true,
            'K' => false,
            _ => return None,
        };
        let (cut, add) = s.get(1..)?.split_once('|')?;
        Some(EditScript {
            lower,
            cut: cut.parse().ok()?,
            add: add.to_string(),
        })
    }
}

/// What the knowledge base says of a word, for [`Tagger::tag_with_names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameHint {
    /// Nothing: the classifier decides.
    #[default]
    None,
    /// A name: a state or armed group of one word, a person's full name.
    Strong,
    /// A word that may also be a common one: a gazetteer's place, a surname alone, an
    /// organisation's acronym (`PROPN` only where the model does not know the word).
    Weak,
}

/// One word as the tagger reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedWord<'m> {
    pub upos: &'m str,
    pub feats: &'m str,
    pub lemma: String,
}

/// A trained tagger and lemmatiser for one language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagger {
    upos_classes: Vec<String>,
    upos: PackedPerceptron,
    /// Lower-cased frequent words that (almost) always have one UPOS (`u16` values).
    tag_dict: StrTable,
    feats_classes: Vec<String>,
    /// Per UPOS class, the feature strings seen with it.
    feats_by_upos: Vec<Vec<u16>>,
    feats: PackedPerceptron,
    scripts: Vec<EditScript>,
    lemma: PackedPerceptron,
    /// `form \t UPOS` → the lemma it had most often in training.
    lexicon: StrTable,
    /// Surface tokens that stand for several words (`zum` → `zu dem`), as seen in training
    /// (values: [`encode_words`]).
    multiword: StrTable,
    /// Lower-cased word seen at least [`AMBIGUITY_MIN`] times → its ambiguity class.
    ambiguity: StrTable,
    /// Letters rewritten before features are read, one for one (`і` → `и` for a Ukrainian
    /// model trained on Russian); empty for a model of its own language.
    spelling: Vec<(char, char)>,
    /// An external dictionary of the language (empty for most models): narrows UPOS to the
    /// tags a word can have and gives lemmas, which matters for a model trained on another
    /// language's treebank.
    lexicon_ext: Lexicon,
    /// How the external lexicon is used: as UPOS features learnt in training (`true`), or
    /// as a constraint on the UPOS of the words it knows (`false`; for a model trained on
    /// another language, which cannot learn weights for this one's dictionary).
    lexicon_features: bool,
}

/// Rarer words get no ambiguity class, in training as at run time, so that the classifier
/// learns to do without one (a class for every training word would be a perfect, and so
/// overtrusted, feature on the training data).
const AMBIGUITY_MIN: usize = 3;

/// Lower-cased form → the UPOS tags it had in training, sorted and joined (`ADP|SCONJ`).
fn ambiguity_classes(
    word_tags: &HashMap<String, HashMap<usize, usize>>,
    upos_classes: &[String],
) -> StrTable {
    StrTable::build(
        word_tags
            .iter()
            .filter(|(_, tags)| tags.values().sum::<usize>() >= AMBIGUITY_MIN)
            .map(|(form, tags)| {
                let mut t: Vec<&str> = tags
                    .keys()
                    .filter_map(|&u| upos_classes.get(u).map(String::as_str))
                    .collect();
                t.sort_unstable();
                (form.as_bytes().to_vec(), t.join("|").into_bytes())
            })
            .collect(),
    )
}

/// The words of a multi-word token as one value: each length-prefixed (`u32`).
fn encode_words(words: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    for w in words {
        out.extend_from_slice(&(w.len() as u32).to_le_bytes());
        out.extend_from_slice(w.as_bytes());
    }
    out
}

/// What [`encode_words`] wrote; `None` for bytes it cannot have written.
fn decode_words(mut b: &[u8]) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let n = crate::syntax::packed::u32_at(b, 0)? as usize;
        let word = b.get(4..4usize.checked_add(n)?)?;
        out.push(std::str::from_utf8(word).ok()?);
        b = &b[4 + n..];
    }
    Some(out)
}

/// Settings of one training run.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
}

/// A small deterministic generator (splitmix64) for shuffling: same seed, same model.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn intern(classes: &mut Vec<String>, index: &mut HashMap<String, usize>, s: &str) -> usize {
    if let Some(&i) = index.get(s) {
        return i;
    }
    classes.push(s.to_string());
    index.insert(s.to_string(), classes.len() - 1);
    classes.len() - 1
}

fn lexicon_key(form: &str, upos: &str) -> String {
    format!("{form}\t{upos}")
}

impl Tagger {
    /// Train on gold sentences; deterministic for a given seed.
    pub fn train(sentences: &[ConlluSentence], config: TrainConfig) -> Tagger {
        Self::train_with_lexicon(sentences, config, Lexicon::default())
    }

    /// Train with a dictionary of the treebank's language whose UPOS classes are features
    /// (none when it is empty).
    pub fn train_with_lexicon(
        sentences: &[ConlluSentence],
        config: TrainConfig,
        lexicon_ext: Lexicon,
    ) -> Tagger {
        let lexicon_features = !lexicon_ext.is_empty();
        let mut upos_classes = Vec::new();
        let mut upos_index = HashMap::new();
        let mut feats_classes = Vec::new();
        let mut feats_index = HashMap::new();
        let mut script_labels = Vec::new();
        let mut script_index = HashMap::new();
        let mut word_tags: HashMap<String, HashMap<usize, usize>> = HashMap::new();
        let mut lemma_counts: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut mwt_counts: HashMap<String, HashMap<Vec<String>, usize>> = HashMap::new();
        // Gold classes per sentence, interned once.
        let mut gold: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut row = Vec::with_capacity(s.words.len());
            for w in &s.words {
                let u = intern(&mut upos_classes, &mut upos_index, &w.upos);
                let f = intern(&mut feats_classes, &mut feats_index, &w.feats);
                let script = EditScript::between(&w.form, &w.lemma).label();
                let l = intern(&mut script_labels, &mut script_index, &script);
                row.push((u, f, l));
                *word_tags
                    .entry(w.form.to_lowercase())
                    .or_default()
                    .entry(u)
                    .or_default() += 1;
                *lemma_counts
                    .entry(lexicon_key(&w.form, &w.upos))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
            }
            for m in &s.multiword {
                let words: Vec<String> = s
                    .words
                    .get(m.first.saturating_sub(1)..m.last.min(s.words.len()))
                    .unwrap_or_default()
                    .iter()
                    .map(|w| w.form.to_lowercase())
                    .collect();
                if words.len() >= 2 {
                    *mwt_counts
                        .entry(m.form.to_lowercase())
                        .or_default()
                        .entry(words)
                        .or_default() += 1;
                }
            }
            gold.push(row);
        }
        let mut feats_by_upos = vec![Vec::new(); upos_classes.len()];
        for &(u, f, _) in gold.iter().flatten() {
            let list: &mut Vec<u16> = &mut feats_by_upos[u];
            if !list.contains(&(f as u16)) {
                list.push(f as u16);
            }
        }
        for list in &mut feats_by_upos {
            list.sort_unstable();
        }
        let mut tag_dict = HashMap::new();
        for (word, tags) in &word_tags {
            let total: usize = tags.values().sum();
            if let Some((&tag, &n)) = tags.iter().max_by_key(|(t, n)| (**n, usize::MAX - **t)) {
                if total >= 20 && n as f64 / total as f64 >= 0.97 {
                    tag_dict.insert(word.clone(), tag as u16);
                }
            }
        }
        let scripts: Vec<EditScript> = script_labels
            .iter()
            .filter_map(|l| EditScript::from_label(l))
            .collect();

        let lexicon = lemma_counts
            .into_iter()
            .filter_map(|(k, lemmas)| {
                let (lemma, _) = lemmas
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
                Some((k, lemma))
            })
            .collect::<HashMap<String, String>>();
        let lexicon = StrTable::from_strs(lexicon.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let ambiguity = ambiguity_classes(&word_tags, &upos_classes);
        let mut upos_t = Trainer::new(upos_classes.len());
        let mut feats_t = Trainer::new(feats_classes.len());
        let mut lemma_t = Trainer::new(scripts.len());
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng::new(config.seed);
        let mut feats = Vec::with_capacity(64);
        let mut scores = Vec::new();
        let no_tag = upos_classes.len();
        let no_feats = feats_classes.len();
        for _ in 0..config.epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let s = &sentences[si];
                let g = &gold[si];
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let mut ctx = WordContext::new(&forms);
                ctx.ambiguity = ambiguity_of(&ambiguity, &ctx);
                if lexicon_features {
                    ctx.lexicon = lexicon_classes(&lexicon_ext, &ctx);
                }
                if lexicon_ext.has_readings() {
                    ctx.readings = lexicon_readings(&lexicon_ext, &ctx);
                }
                let mut prev = [no_tag + 1, no_tag + 2];
                for (i, &(tu, _, _)) in g.iter().enumerate() {
                    let guess = match tag_dict.get(&ctx.words[i].lower) {
                        Some(&t) => t as usize,
                        None => {
                            upos_features(&ctx, i, prev, &mut feats);
                            let guess = upos_t.predict(&feats, &[], &mut scores);
                            upos_t.update(&feats, tu, guess);
                            guess
                        }
                    };
                    prev = [guess, prev[0]];
                }
                let gold_upos: Vec<usize> = g.iter().map(|x| x.0).collect();
                let mut prev_feats = no_feats + 1;
                for (i, &(tu, tf, tl)) in g.iter().enumerate() {
                    let name = upos_classes.get(tu).map(String::as_str).unwrap_or("X");
                    feats_features(&ctx, i, &gold_upos, name, prev_feats, &mut feats);
                    let allowed = &feats_by_upos[tu];
                    if allowed.len() > 1 {
                        let guess = feats_t.predict(&feats, allowed, &mut scores);
                        feats_t.update(&feats, tf, guess);
                    }
                    prev_feats = tf;
                    let w = &ctx.words[i];
                    lemma_features(w, forms[i], tu, tf, &mut feats);
                    lemma_t.scores(&feats, &mut scores);
                    let guess = best_script(&scripts, &scores, w.chars);
                    lemma_t.update(&feats, tl, guess);
                }
            }
        }
        let multiword = StrTable::build(
            mwt_counts
                .into_iter()
                .filter_map(|(k, v)| {
                    let (words, n) = v
                        .into_iter()
                        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
                    (n >= 2).then(|| (k.into_bytes(), encode_words(&words)))
                })
                .collect(),
        );
        Tagger {
            upos_classes,
            upos: upos_t.finish(PRUNE).pack(),
            tag_dict: tag_table(&tag_dict),
            feats_classes,
            feats_by_upos,
            feats: feats_t.finish(PRUNE).pack(),
            scripts,
            lemma: lemma_t.finish(PRUNE).pack(),
            lexicon,
            multiword,
            ambiguity,
            spelling: Vec::new(),
            lexicon_ext,
            lexicon_features,
        }
    }

    /// Use a dictionary of the language for UPOS candidates and lemmas.
    pub fn set_lexicon(&mut self, lexicon: Lexicon) {
        self.lexicon_ext = lexicon;
        self.lexicon_features = false;
    }

    /// The UPOS classes the dictionary allows for a word (empty: any). A capitalised noun
    /// inside a sentence may also be a proper noun: the dictionary knows few place and
    /// organisation names.
    /// `first`: the sentence's first word, capitalised whatever it is.
    fn allowed_by_lexicon(&self, form: &str, lower: &str, first: bool, out: &mut Vec<u16>) {
        out.clear();
        if self.lexicon_features {
            return;
        }
        let Some(class) = self.lexicon_ext.upos_class(lower) else {
            return;
        };
        let mut push = |tag: &str| {
            if let Some(i) = self.upos_classes.iter().position(|u| u == tag) {
                let i = i as u16;
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        };
        for tag in class.split('|') {
            push(tag);
        }
        if class.split('|').any(|t| t == "NOUN")
            && !first
            && form.chars().next().is_some_and(char::is_uppercase)
        {
            push("PROPN");
        }
        out.sort_unstable();
    }

    /// Read words through a one-for-one letter mapping (transfer from a related language).
    pub fn set_spelling(&mut self, spelling: Vec<(char, char)>) {
        self.spelling = spelling;
    }

    fn respell(&self, form: &str) -> String {
        form.chars()
            .map(|c| {
                let lower = c.to_lowercase().next().unwrap_or(c);
                match self.spelling.iter().find(|(from, _)| *from == lower) {
                    Some(&(_, to)) if c.is_uppercase() => to.to_uppercase().next().unwrap_or(to),
                    Some(&(_, to)) => to,
                    None => c,
                }
            })
            .collect()
    }

    /// Take these (form, UPOS) tags as given, whatever the classifier would say: words are
    /// matched lower-cased; a UPOS the model does not know is skipped. A set of tags
    /// (`SCONJ|ADV`) limits the classifier to them instead, through the lexicon.
    pub fn force_tags(&mut self, tags: &[(String, String)]) {
        let mut classes = Vec::new();
        let mut forced = Vec::new();
        for (form, upos) in tags {
            if upos.contains('|') {
                classes.push((form.to_lowercase(), upos.clone()));
                continue;
            }
            if let Some(i) = self.upos_classes.iter().position(|u| u == upos) {
                forced.push((
                    form.to_lowercase().into_bytes(),
                    (i as u16).to_le_bytes().to_vec(),
                ));
            }
        }
        if !classes.is_empty() {
            self.lexicon_ext.set_classes(&classes);
        }
        if !forced.is_empty() {
            self.tag_dict = self.tag_dict.with(forced);
        }
    }

    /// A proper noun is written with a capital in each of our languages: a lower-case word
    /// after a determiner or an adjective, with no capitalised word after it, that the model
    /// still called `PROPN` (`The Russian ministry criticized …`: the treebank saw `Ministry`
    /// only in names) takes the best other tag the lexicon allows (it stays `PROPN` when
    /// there is none). Web treebanks' lower-case names stay where
    /// no determiner or adjective stands before them (stop 38).
    fn common_noun_after_determiner(
        &self,
        guess: usize,
        forms: &[&str],
        i: usize,
        prev: usize,
        scores: &[f32],
        allowed: &[u16],
    ) -> usize {
        let name = |t: usize| self.upos_classes.get(t).map(String::as_str);
        let lower_word = forms.get(i).is_some_and(|f| {
            f.chars().next().is_some_and(char::is_lowercase) && f.chars().all(char::is_alphabetic)
        });
        let capital_next = forms
            .get(i + 1)
            .is_some_and(|f| f.chars().next().is_some_and(char::is_uppercase));
        if name(guess) != Some("PROPN")
            || !lower_word
            || capital_next
            || !matches!(name(prev), Some("DET" | "ADJ"))
        {
            return guess;
        }
        scores
            .iter()
            .enumerate()
            .filter(|&(t, _)| {
                t != guess
                    && name(t).is_some()
                    && (allowed.is_empty() || allowed.contains(&(t as u16)))
            })
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(guess, |(t, _)| t)
    }

    /// The tag-dictionary tag of a lower-cased word.
    fn dict_tag(&self, lower: &str) -> Option<u16> {
        let b = self.tag_dict.get(lower)?;
        Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
    }

    /// UPOS, features and lemma of each word of a sentence.
    pub fn tag<'m>(&'m self, forms: &[&str]) -> Vec<TaggedWord<'m>> {
        self.tag_with_names(forms, &[])
    }

    /// [`Tagger::tag`] with the words a knowledge base names (`names[i]`): a proper noun,
    /// whatever the classifier would guess — a country's name opening a sentence
    /// (`Russland beschuldigte …`) is no adjective (stop 39). Not a word the model knows as
    /// always another part of speech (`IS` of `Lexus IS 300` stays the verb), and a
    /// [`NameHint::Weak`] one (a surname alone: `Master`) only where the model does not know
    /// the word at all.
    pub fn tag_with_names<'m>(&'m self, forms: &[&str], names: &[NameHint]) -> Vec<TaggedWord<'m>> {
        if self.spelling.is_empty() {
            return self.tag_as_spelled(forms, forms, names);
        }
        let respelled: Vec<String> = forms.iter().map(|f| self.respell(f)).collect();
        let refs: Vec<&str> = respelled.iter().map(String::as_str).collect();
        self.tag_as_spelled(&refs, forms, names)
    }

    /// `read` is what the classifiers see, `forms` what the lemma is made from.
    fn tag_as_spelled<'m>(
        &'m self,
        read: &[&str],
        forms: &[&str],
        names: &[NameHint],
    ) -> Vec<TaggedWord<'m>> {
        let propn = self.upos_classes.iter().position(|u| u == "PROPN");
        let name_tag = |i: usize, lower: &str| -> Option<usize> {
            let p = propn?;
            let other = |t: u16| {
                self.upos_classes
                    .get(t as usize)
                    .is_some_and(|u| u != "PROPN" && u != "NOUN")
            };
            match names.get(i).copied().unwrap_or(NameHint::None) {
                NameHint::None => None,
                NameHint::Strong => (!self.dict_tag(lower).is_some_and(other)).then_some(p),
                NameHint::Weak => (!self.knows_word(lower)).then_some(p),
            }
        };
        let mut ctx = WordContext::new(read);
        ctx.ambiguity = ambiguity_of(&self.ambiguity, &ctx);
        if self.lexicon_features {
            ctx.lexicon = lexicon_classes(&self.lexicon_ext, &ctx);
        }
        if self.lexicon_ext.has_readings() {
            ctx.readings = lexicon_readings(&self.lexicon_ext, &ctx);
        }
        let mut feats = Vec::with_capacity(64);
        let mut scores = Vec::new();
        let no_tag = self.upos_classes.len();
        let no_feats = self.feats_classes.len();
        let mut upos = Vec::with_capacity(forms.len());
        let mut prev = [no_tag + 1, no_tag + 2];
        let mut allowed = Vec::new();
        for i in 0..forms.len() {
            let own = forms.get(i).map(|f| f.to_lowercase());
            let forced = own.as_ref().and_then(|f| self.dict_tag(f));
            let named = name_tag(i, &ctx.words[i].lower);
            let guess = match named.or_else(|| {
                forced
                    .or_else(|| self.dict_tag(&ctx.words[i].lower))
                    .map(|t| t as usize)
            }) {
                Some(t) => t,
                None => {
                    if let (Some(form), Some(lower)) = (forms.get(i), own.as_ref()) {
                        self.allowed_by_lexicon(form, lower, i == 0, &mut allowed);
                    }
                    match allowed.as_slice() {
                        [only] => *only as usize,
                        _ => {
                            upos_features(&ctx, i, prev, &mut feats);
                            let guess = self.upos.predict(&feats, &allowed, &mut scores);
                            self.common_noun_after_determiner(
                                guess, forms, i, prev[0], &scores, &allowed,
                            )
                        }
                    }
                }
            };
            upos.push(guess);
            prev = [guess, prev[0]];
        }
        let mut out = Vec::with_capacity(read.len());
        let mut prev_feats = no_feats + 1;
        let mut narrowed = Vec::new();
        for (i, &form) in forms.iter().enumerate() {
            let u = upos[i];
            let allowed = self.feats_by_upos.get(u).map(Vec::as_slice).unwrap_or(&[]);
            let upos_name = self.upos_classes.get(u).map(String::as_str).unwrap_or("X");
            let f = match allowed {
                [] => usize::MAX,
                [only] => *only as usize,
                _ => {
                    feats_features(&ctx, i, &upos, upos_name, prev_feats, &mut feats);
                    self.feats.predict(&feats, allowed, &mut scores)
                }
            };
            // A finite verb's class where it contradicts the aspect and tense the dictionary
            // gives the form: the best class of those that agree. The argmax over a subset
            // that holds the first choice is that choice, so only a contradiction costs a
            // second prediction (stop 41).
            let time = ctx.readings.get(i).and_then(|r| verb_time(r, upos_name));
            let f = match time {
                Some(t) if allowed.len() > 1 && !self.fits_time(f, &t) => {
                    narrowed.clear();
                    narrowed.extend(
                        allowed
                            .iter()
                            .copied()
                            .filter(|&c| self.fits_time(c as usize, &t)),
                    );
                    match narrowed.as_slice() {
                        [] => f,
                        [only] => *only as usize,
                        list => self.feats.predict(&feats, list, &mut scores),
                    }
                }
                _ => f,
            };
            prev_feats = if f == usize::MAX { no_feats + 1 } else { f };
            let lemma = self.lemma_of(
                form,
                upos_name,
                u,
                prev_feats,
                &ctx,
                i,
                &mut feats,
                &mut scores,
            );
            out.push(TaggedWord {
                upos: upos_name,
                feats: self.feats_classes.get(f).map(String::as_str).unwrap_or("_"),
                lemma,
            });
        }
        out
    }

    /// May FEATS class `class` be a form whose dictionary readings give it `time`? A finite
    /// class must have that aspect and tense; a non-finite one only where the form has a
    /// non-finite reading too (`направят` is no participle).
    fn fits_time(&self, class: usize, time: &VerbTime) -> bool {
        let Some(feats) = self.feats_classes.get(class) else {
            return false;
        };
        match finite_time(feats) {
            None => time.non_finite,
            Some((aspect, tense)) => aspect == Some(time.aspect) && tense == time.tense,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lemma_of(
        &self,
        form: &str,
        upos_name: &str,
        upos: usize,
        feats_class: usize,
        ctx: &WordContext,
        i: usize,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
    ) -> String {
        // A dictionary of another language than the treebank's knows this language's
        // lemmas better than the treebank; one of the same language comes after the
        // treebank's own (gold) lemmas.
        let external_first = !self.lexicon_features;
        if external_first {
            if let Some(l) = self.lexicon_ext.lemma(form, upos_name) {
                return l;
            }
        }
        if let Some(l) = self.lexicon.get_str(&lexicon_key(form, upos_name)) {
            return l.to_string();
        }
        let w = &ctx.words[i];
        if w.lower != form {
            if let Some(l) = self.lexicon.get_str(&lexicon_key(&w.lower, upos_name)) {
                return l.to_string();
            }
        }
        if !external_first {
            // A name the dictionary does not list keeps the treebank model's lemma.
            let listed = if upos_name == "PROPN" {
                self.lexicon_ext.listed_lemma(form, upos_name)
            } else {
                self.lexicon_ext.lemma(form, upos_name)
            };
            if let Some(l) = listed {
                return l;
            }
        }
        // A name in the nominative singular is its own citation form: an edit script learnt
        // from other names' endings only mangles an unseen one (`Меркель` → `Мервич`).
        if upos_name == "PROPN"
            && self.feats_classes.get(feats_class).is_some_and(|f| {
                f.split('|').any(|x| x == "Case=Nom") && f.split('|').any(|x| x == "Number=Sing")
            })
        {
            return form.to_string();
        }
        lemma_features(w, form, upos, feats_class, feats);
        self.lemma.scores(feats, scores);
        let s = best_script(&self.scripts, scores, w.chars);
        match self.scripts.get(s) {
            Some(script) if script.applies_to(w.chars) => script.apply(form),
            _ => form.to_string(),
        }
    }

    /// The words a surface token stands for (`zum` → `zu`, `dem`), when training saw it
    /// split; `None` for ordinary tokens.
    /// Whether the model saw this (lower-cased) form as a word of its own in training.
    fn knows_word(&self, lower: &str) -> bool {
        self.tag_dict.contains_key(lower) || self.ambiguity.contains_key(lower)
    }

    /// The words a running-text token stands for, as the treebank wrote them, each with its
    /// char offset and length in the token (a part the token does not spell, `zum` → `zu`
    /// `dem`, gets the whole token). `None`: the token is one word.
    ///
    /// 1. A token the model knows as a word stays whole, though the treebank also wrote it
    ///    as several (`its` is `it` + `s` a few times in web text, a possessive far more).
    /// 2. The treebank's multi-word tokens (`zum`, `du`, `didn't`), in the token's own
    ///    letter case where the parts spell it (`Iraq's` stays capitalised).
    /// 3. Else a clitic joined by an apostrophe that the model knows as a word of its own,
    ///    split as the treebank splits it: `Russia's` → `Russia` `'s`, `l'armée` → `l'`
    ///    `armée`. The typographic apostrophe is read as `'`, which treebanks mostly write.
    pub fn split_token(&self, token: &str) -> Option<Vec<(String, usize, usize)>> {
        let lower = token.to_lowercase();
        let plain = lower.replace('’', "'");
        if self.knows_word(&lower) || self.knows_word(&plain) {
            return None;
        }
        let chars: Vec<char> = token.chars().collect();
        if let Some(words) = self
            .multiword
            .get(&plain)
            .or_else(|| self.multiword.get(&lower))
            .and_then(decode_words)
        {
            let spelled: usize = words.iter().map(|w| w.chars().count()).sum();
            if spelled == chars.len() && words.concat() == plain {
                let mut at = 0;
                let mut out = Vec::with_capacity(words.len());
                for w in words {
                    let n = w.chars().count();
                    let own: String = chars[at..at + n].iter().collect();
                    out.push((own.replace('’', "'"), at, n));
                    at += n;
                }
                return Some(out);
            }
            return Some(
                words
                    .iter()
                    .map(|w| (w.to_string(), 0, chars.len()))
                    .collect(),
            );
        }
        let apostrophe = chars.iter().position(|&c| c == '\'' || c == '’')?;
        if apostrophe == 0 || apostrophe + 1 >= chars.len() {
            return None;
        }
        let text = |r: std::ops::Range<usize>| -> String {
            chars[r].iter().collect::<String>().replace('’', "'")
        };
        let letters = |r: std::ops::Range<usize>| chars[r].iter().all(|c| c.is_alphabetic());
        // `Russia's`, `Ukraine’s`: the clitic after the apostrophe.
        let suffix = text(apostrophe..chars.len());
        if letters(0..apostrophe) && self.knows_word(&suffix.to_lowercase()) {
            return Some(vec![
                (text(0..apostrophe), 0, apostrophe),
                (suffix, apostrophe, chars.len() - apostrophe),
            ]);
        }
        // `l'armée`, `d’Ukraine`: the clitic before it.
        let prefix = text(0..apostrophe + 1);
        if letters(apostrophe + 1..chars.len()) && self.knows_word(&prefix.to_lowercase()) {
            return Some(vec![
                (prefix, 0, apostrophe + 1),
                (
                    text(apostrophe + 1..chars.len()),
                    apostrophe + 1,
                    chars.len() - apostrophe - 1,
                ),
            ]);
        }
        None
    }

    pub fn upos_classes(&self) -> &[String] {
        &self.upos_classes
    }

    /// Sizes for the model header: (features of UPOS, feats, lemma; lexicon entries).
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        (
            self.upos.feature_count(),
            self.feats.feature_count(),
            self.lemma.feature_count(),
            self.lexicon.len(),
        )
    }

    /// The tagger section of a model file (format 3): the tables are written as they are
    /// read, in place ([`super::packed`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        write_strings(&mut w, &self.upos_classes);
        self.upos.write(&mut w);
        self.tag_dict.write(&mut w);
        write_strings(&mut w, &self.feats_classes);
        w.count(self.feats_by_upos.len());
        for list in &self.feats_by_upos {
            w.count(list.len());
            for &c in list {
                w.u16(c);
            }
        }
        self.feats.write(&mut w);
        let labels: Vec<String> = self.scripts.iter().map(EditScript::label).collect();
        write_strings(&mut w, &labels);
        self.lemma.write(&mut w);
        self.lexicon.write(&mut w);
        self.multiword.write(&mut w);
        self.ambiguity.write(&mut w);
        w.count(self.spelling.len());
        for &(from, to) in &self.spelling {
            w.u32(from as u32);
            w.u32(to as u32);
        }
        self.lexicon_ext.write(&mut w);
        w.u8(u8::from(self.lexicon_features));
        w.buf
    }

    /// Reads what [`Tagger::to_bytes`] wrote from a copy of `data`.
    pub fn from_bytes(data: &[u8]) -> Result<Tagger, SyntaxError> {
        Tagger::read(&Bytes::from_vec(data.to_vec()))
    }

    /// Reads a tagger section in place: its tables stay in `buf`; only the class lists,
    /// edit scripts and the lexicon's distinct values (a few thousand strings) are copied.
    pub fn read(buf: &Bytes) -> Result<Tagger, SyntaxError> {
        let mut r = Reader::new(buf.as_slice());
        let upos_classes = read_strings(&mut r)?;
        let upos = PackedPerceptron::read(buf, &mut r)?;
        let tag_dict = StrTable::read(buf, &mut r)?;
        let feats_classes = read_strings(&mut r)?;
        let n = r.count()?;
        let mut feats_by_upos = Vec::with_capacity(n);
        for _ in 0..n {
            let m = r.count()?;
            let mut list = Vec::with_capacity(m);
            for _ in 0..m {
                list.push(r.u16()?);
            }
            feats_by_upos.push(list);
        }
        let feats = PackedPerceptron::read(buf, &mut r)?;
        let scripts = read_strings(&mut r)?
            .iter()
            .map(|l| {
                EditScript::from_label(l)
                    .ok_or_else(|| SyntaxError::Model(format!("bad edit script {l:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let lemma = PackedPerceptron::read(buf, &mut r)?;
        let lexicon = StrTable::read(buf, &mut r)?;
        let multiword = StrTable::read(buf, &mut r)?;
        let ambiguity = StrTable::read(buf, &mut r)?;
        let n = r.count()?;
        let mut spelling = Vec::with_capacity(n);
        for _ in 0..n {
            let from = char::from_u32(r.u32()?);
            let to = char::from_u32(r.u32()?);
            if let (Some(from), Some(to)) = (from, to) {
                spelling.push((from, to));
            }
        }
        let lexicon_ext = Lexicon::read(buf, &mut r)?;
        let lexicon_features = r.u8()? == 1;
        if !r.at_end() {
            return Err(SyntaxError::Model("trailing bytes after the tagger".into()));
        }
        Ok(Tagger {
            lexicon_ext,
            lexicon_features,
            spelling,
            ambiguity,
            upos_classes,
            upos,
            tag_dict,
            feats_classes,
            feats_by_upos,
            feats,
            scripts,
            lemma,
            lexicon,
            multiword,
        })
    }

    /// The tagger section as model files before format 3 wrote it (tables as sorted pairs):
    /// a converted file is checked by comparing these bytes with the old file's.
    pub fn to_legacy_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        write_strings(&mut w, &self.upos_classes);
        self.upos.write_legacy(&mut w);
        let write_pairs = |w: &mut Writer, table: &StrTable, value: &dyn Fn(&mut Writer, &[u8])| {
            let items = table.sorted();
            w.count(items.len());
            for (k, v) in items {
                w.bytes(k);
                value(w, v);
            }
        };
        write_pairs(&mut w, &self.tag_dict, &|w, v| w.buf.extend_from_slice(v));
        write_strings(&mut w, &self.feats_classes);
        w.count(self.feats_by_upos.len());
        for list in &self.feats_by_upos {
            w.count(list.len());
            for &c in list {
                w.u16(c);
            }
        }
        self.feats.write_legacy(&mut w);
        let labels: Vec<String> = self.scripts.iter().map(EditScript::label).collect();
        write_strings(&mut w, &labels);
        self.lemma.write_legacy(&mut w);
        write_pairs(&mut w, &self.lexicon, &|w, v| w.bytes(v));
        write_pairs(&mut w, &self.multiword, &|w, v| {
            let words = decode_words(v).unwrap_or_default();
            w.count(words.len());
            for word in words {
                w.str(word);
            }
        });
        write_pairs(&mut w, &self.ambiguity, &|w, v| w.bytes(v));
        w.count(self.spelling.len());
        for &(from, to) in &self.spelling {
            w.u32(from as u32);
            w.u32(to as u32);
        }
        if !self.lexicon_ext.is_empty() {
            self.lexicon_ext.write_legacy(&mut w);
            w.u8(u8::from(self.lexicon_features));
            if self.lexicon_ext.has_readings() {
                self.lexicon_ext.write_readings_legacy(&mut w);
            }
        }
        w.buf
    }

    /// Reads the tagger section of a model file before format 3 (hash maps written as
    /// sorted pairs) and lays its tables out as format 3 keeps them.
    pub fn from_legacy_bytes(data: &[u8]) -> Result<Tagger, SyntaxError> {
        let mut r = Reader::new(data);
        let upos_classes = read_strings(&mut r)?;
        let upos = Perceptron::read(&mut r)?.pack();
        let n = r.count()?;
        let mut tag_dict = HashMap::with_capacity(n);
        for _ in 0..n {
            let k = r.str()?;
            let v = r.u16()?;
            tag_dict.insert(k, v);
        }
        let feats_classes = read_strings(&mut r)?;
        let n = r.count()?;
        let mut feats_by_upos = Vec::with_capacity(n);
        for _ in 0..n {
            let m = r.count()?;
            let mut list = Vec::with_capacity(m);
            for _ in 0..m {
                list.push(r.u16()?);
            }
            feats_by_upos.push(list);
        }
        let feats = Perceptron::read(&mut r)?.pack();
        let scripts = read_strings(&mut r)?
            .iter()
            .map(|l| {
                EditScript::from_label(l)
                    .ok_or_else(|| SyntaxError::Model(format!("bad edit script {l:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let lemma = Perceptron::read(&mut r)?.pack();
        let n = r.count()?;
        let mut lexicon = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.str()?;
            let v = r.str()?;
            lexicon.push((k.into_bytes(), v.into_bytes()));
        }
        let lexicon = StrTable::build(lexicon);
        let n = r.count()?;
        let mut multiword = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.str()?;
            multiword.push((k.into_bytes(), encode_words(&read_strings(&mut r)?)));
        }
        let multiword = StrTable::build(multiword);
        let n = r.count()?;
        let mut ambiguity = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.str()?;
            ambiguity.push((k.into_bytes(), r.str()?.into_bytes()));
        }
        let ambiguity = StrTable::build(ambiguity);
        let n = r.count()?;
        let mut spelling = Vec::with_capacity(n);
        for _ in 0..n {
            let from = char::from_u32(r.u32()?);
            let to = char::from_u32(r.u32()?);
            if let (Some(from), Some(to)) = (from, to) {
                spelling.push((from, to));
            }
        }
        let (mut lexicon_ext, lexicon_features) = if r.at_end() {
            (Lexicon::default(), false)
        } else {
            (Lexicon::read_legacy(&mut r)?, r.u8()? == 1)
        };
        if !r.at_end() {
            lexicon_ext.read_readings_legacy(&mut r)?;
        }
        Ok(Tagger {
            lexicon_ext,
            lexicon_features,
            spelling,
            ambiguity,
            upos_classes,
            upos,
            tag_dict: tag_table(&tag_dict),
            feats_classes,
            feats_by_upos,
            feats,
            scripts,
            lemma,
            lexicon,
            multiword,
        })
    }
}

fn ambiguity_of<'m>(classes: &'m StrTable, ctx: &WordContext) -> Vec<&'m str> {
    ctx.words
        .iter()
        .map(|w| classes.get_str(&w.lower).unwrap_or(""))
        .collect()
}

fn tag_table(tags: &HashMap<String, u16>) -> StrTable {
    StrTable::build(
        tags.iter()
            .map(|(k, v)| (k.as_bytes().to_vec(), v.to_le_bytes().to_vec()))
            .collect(),
    )
}

/// The aspect and tense every finite reading of a verb form agrees on (`выведет`:
/// `Aspect=Perf`, `Tense=Fut`), and whether it has a non-finite reading as well. A treebank
/// of a few thousand sentences holds few perfective futures (8 in UD Russian-GSD dev), so the
/// classifier reads most as present; the dictionary knows each verb's aspect (stop 41).
struct VerbTime<'r> {
    aspect: &'r str,
    tense: Option<&'r str>,
    non_finite: bool,
}

/// `(Aspect, Tense)` of a finite FEATS string; `None` for a non-finite one.
fn finite_time(feats: &str) -> Option<(Option<&str>, Option<&str>)> {
    let get = |k: &str| feats.split('|').find_map(|f| f.strip_prefix(k));
    feats
        .split('|')
        .any(|f| f == "VerbForm=Fin")
        .then(|| (get("Aspect="), get("Tense=")))
}

/// The readings (`UPOS:feats;…`) of a VERB or AUX: `None` where they disagree, name no
/// aspect or have no finite reading.
fn verb_time<'r>(readings: &'r str, upos: &str) -> Option<VerbTime<'r>> {
    if (upos != "VERB" && upos != "AUX") || readings.is_empty() {
        return None;
    }
    let mut agreed: Option<(Option<&str>, Option<&str>)> = None;
    let mut non_finite = false;
    for r in readings.split(';') {
        let Some(feats) = r.strip_prefix(upos).and_then(|x| x.strip_prefix(':')) else {
            continue;
        };
        match (finite_time(feats), agreed) {
            (None, _) => non_finite = true,
            (Some(t), None) => agreed = Some(t),
            (Some(t), Some(a)) if t == a => {}
            (Some(_), Some(_)) => return None,
        }
    }
    let (aspect, tense) = agreed?;
    Some(VerbTime {
        aspect: aspect?,
        tense,
        non_finite,
    })
}

fn lexicon_readings<'m>(lexicon: &'m Lexicon, ctx: &WordContext) -> Vec<&'m str> {
    ctx.words
        .iter()
        .map(|w| lexicon.readings(&w.lower).unwrap_or(""))
        .collect()
}

fn lexicon_classes<'m>(lexicon: &'m Lexicon, ctx: &WordContext) -> Vec<&'m str> {
    ctx.words
        .iter()
        .map(|w| lexicon.upos_class(&w.lower).unwrap_or(""))
        .collect()
}

/// The best-scoring edit script that can apply to a word of `chars` chars.
fn best_script(scripts: &[EditScript], scores: &[f32], chars: usize) -> usize {
    let mut best_i = 0usize;
    let mut best_s = f32::NEG_INFINITY;
    for (i, (s, script)) in scores.iter().zip(scripts).enumerate() {
        if *s > best_s && script.applies_to(chars) {
            best_s = *s;
            best_i = i;
        }
    }
    best_i
}

fn write_strings(w: &mut Writer, items: &[String]) {
    w.count(items.len());
    for s in items {
        w.str(s);
    }
}

fn read_strings(r: &mut Reader) -> Result<Vec<String>, SyntaxError> {
    let n = r.count()?;
    (0..n).map(|_| r.str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;

    const TINY: &str = "\
1\tThe\tthe\tDET\t_\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\tguns\tgun\tNOUN\t_\tNumber=Plur\t3\tnsubj\t_\t_
3\tarrived\tarrive\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

1\tA\ta\tDET\t_\tDefinite=Ind|PronType=Art\t2\tdet\t_\t_
2\ttank\ttank\tNOUN\t_\tNumber=Sing\t3\tnsubj\t_\t_
3\tfired\tfire\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

1\tThe\tthe\tDET\t_\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\tmissiles\tmissile\tNOUN\t_\tNumber=Plur\t3\tnsubj\t_\t_
3\tlanded\tland\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

1\tThe\tthe\tDET\t_\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\tshells\tshell\tNOUN\t_\tNumber=Plur\t3\tnsubj\t_\t_
3\texploded\texplode\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

1\tDrones\tdrone\tNOUN\t_\tNumber=Plur\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\t_\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

";

    fn tiny() -> Tagger {
        let sentences = conllu::parse(TINY).expect("valid");
        Tagger::train(&sentences, TrainConfig { epochs: 5, seed: 1 })
    }

    #[test]
    fn edit_scripts_turn_forms_into_lemmas() {
        for (form, lemma) in [
            ("guns", "gun"),
            ("The", "the"),
            ("went", "go"),
            ("Häuser", "Haus"),
            ("NATO", "NATO"),
            ("было", "быть"),
        ] {
            let s = EditScript::between(form, lemma);
            assert_eq!(s.apply(form), lemma, "{form} {s:?}");
            assert_eq!(EditScript::from_label(&s.label()), Some(s));
        }
        assert_eq!(EditScript::between("The", "the").cut, 0);
    }

    #[test]
    fn learns_a_tiny_treebank() {
        let t = tiny();
        let out = t.tag(&["The", "rockets", "fired", "."]);
        let upos: Vec<&str> = out.iter().map(|w| w.upos).collect();
        assert_eq!(upos, ["DET", "NOUN", "VERB", "PUNCT"]);
        assert_eq!(out[0].lemma, "the");
        assert_eq!(out[0].feats, "Definite=Def|PronType=Art");
        assert_eq!(
            out[1].lemma, "rocket",
            "an unseen plural through an edit script"
        );
        assert_eq!(out[2].lemma, "fire");
        assert_eq!(out[3].feats, "_");
    }

    #[test]
    fn a_lexicon_narrows_upos_and_gives_lemmas() {
        let mut t = tiny();
        let lex = Lexicon::parse("=rockets\tVERB\nL~ets\tVERB\t3|ing\n").expect("lexicon");
        t.set_lexicon(lex);
        let out = t.tag(&["The", "rockets", "fired", "."]);
        assert_eq!(out[1].upos, "VERB", "the only tag the lexicon allows");
        assert_eq!(out[1].lemma, "rocking", "the lexicon's lemma script");
        let back = Tagger::from_bytes(&t.to_bytes()).expect("reads back");
        assert_eq!(back, t);
    }

    #[test]
    fn lexicon_classes_can_be_learnt_as_features() {
        let sentences = conllu::parse(TINY).expect("valid");
        let lex = Lexicon::parse("=guns\tNOUN\n=tank\tNOUN\n").expect("lexicon");
        let config = TrainConfig { epochs: 5, seed: 1 };
        let t = Tagger::train_with_lexicon(&sentences, config, lex);
        let upos: Vec<&str> = t
            .tag(&["The", "guns", "fired", "."])
            .iter()
            .map(|w| w.upos)
            .collect();
        assert_eq!(upos, ["DET", "NOUN", "VERB", "PUNCT"]);
        let back = Tagger::from_bytes(&t.to_bytes()).expect("reads back");
        assert_eq!(back, t);
        assert_ne!(t, tiny(), "the features change the model");
    }

    #[test]
    fn lexicon_readings_are_features_of_the_feats_classifier_and_saved() {
        let sentences = conllu::parse(TINY).expect("valid");
        let config = TrainConfig { epochs: 5, seed: 1 };
        let classes = "=guns\tNOUN\n=tank\tNOUN\n";
        let plain = Tagger::train_with_lexicon(
            &sentences,
            config,
            Lexicon::parse(classes).expect("lexicon"),
        );
        let with_readings = format!("{classes}R\tNOUN:Number=Plur\nF~s\t@0\n");
        let lex = Lexicon::parse(&with_readings).expect("lexicon");
        let t = Tagger::train_with_lexicon(&sentences, config, lex);
        assert_ne!(t, plain, "the readings change the FEATS weights");
        let bytes = t.to_bytes();
        let back = Tagger::from_bytes(&bytes).expect("reads back");
        assert_eq!(back, t);
        assert_eq!(back.to_bytes(), bytes);
        assert!(Tagger::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    }

    #[test]
    fn model_bytes_round_trip() {
        let t = tiny();
        let bytes = t.to_bytes();
        let back = Tagger::from_bytes(&bytes).expect("reads back");
        assert_eq!(back, t);
        assert_eq!(back.to_bytes(), bytes);
        assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
