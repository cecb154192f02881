//! The entity tagger: a greedy left-to-right BIO tagger over the averaged perceptron of the
//! syntax layer ([`crate::syntax::perceptron`]), and its file (`data/ner/<lang>.bin`).
//!
//! Layout: `ARMSGRAPH-NER 2\n`, the header (TOML text, length-prefixed), then the labels and
//! the perceptron compressed as the syntax models' bodies are
//! ([`crate::syntax::bytes::write_compressed`]). Version 1 (uncompressed) is still read.

use serde::{Deserialize, Serialize};

use crate::syntax::bytes::{read_compressed, write_compressed, Reader, Writer};
use crate::syntax::perceptron::{Perceptron, Trainer};
use crate::syntax::tagger::Rng;
use crate::syntax::LanguageModel;

use super::corpus::{spans, NerSentence, WordSpan};
use super::features::{ner_features, NerInput};
use super::gazetteer::{GazTag, NameIndex};
use super::NerError;

const MAGIC: &[u8] = b"ARMSGRAPH-NER 2\n";
/// Files written before the body was compressed.
const MAGIC_V1: &[u8] = b"ARMSGRAPH-NER 1\n";

/// Scores of one evaluation split, as recorded in a model header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NerSplitScore {
    pub split: String,
    pub data: Vec<String>,
    pub entities: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// What a model was made from: enough to rebuild it and to judge it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NerHeader {
    pub language: String,
    pub training: Vec<String>,
    pub licences: Vec<String>,
    pub sentences: usize,
    pub entities: usize,
    pub epochs: usize,
    pub seed: u64,
    /// The syntax model whose UPOS and lemmas the features read (`data/syntax/<lang>.bin`),
    /// or empty.
    pub syntax: String,
    /// Knowledge-base names in the gazetteer features when the model was trained.
    pub kb_names: usize,
    pub trainer: String,
    #[serde(default)]
    pub scores: Vec<NerSplitScore>,
    #[serde(default)]
    pub notes: String,
}

/// A trained entity tagger for one language.
#[derive(Debug, Clone, PartialEq)]
pub struct NerModel {
    pub header: NerHeader,
    /// `O`, `B-PER`, `I-PER`, …
    labels: Vec<String>,
    weights: Perceptron,
}

/// What the tagger reads of one sentence besides the words: UPOS and lemmas from the syntax
/// model when there is one, KB names.
pub fn prepare<'a>(
    forms: &'a [&'a str],
    syntax: Option<&'a LanguageModel>,
    names: &NameIndex,
) -> NerInput<'a> {
    let (upos, lemmas): (Vec<&str>, Vec<String>) = match syntax {
        Some(m) => m
            .tagger
            .tag(forms)
            .into_iter()
            .map(|t| (t.upos, t.lemma))
            .unzip(),
        None => (Vec::new(), Vec::new()),
    };
    let lemma_refs: Vec<&str> = lemmas.iter().map(String::as_str).collect();
    let gaz = names.tag(forms, &lemma_refs);
    let word_class = forms
        .iter()
        .enumerate()
        .map(|(i, f)| names.word_class(f, lemma_refs.get(i).copied().unwrap_or("")))
        .collect();
    NerInput::new(forms, upos, lemmas, gaz, word_class)
}

/// Classes allowed after `prev`: `I-X` only continues `B-X` or `I-X`.
fn allowed(labels: &[String], prev: Option<&str>, out: &mut Vec<u16>) {
    out.clear();
    let prev_type = prev.and_then(|p| p.split_once('-')).map(|(_, t)| t);
    for (c, l) in labels.iter().enumerate() {
        let ok = match l.strip_prefix("I-") {
            Some(t) => prev_type == Some(t),
            None => true,
        };
        if ok {
            out.push(c as u16);
        }
    }
}

/// Label index used for "before the sentence".
const START: u16 = u16::MAX;

impl NerModel {
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Entity types the model predicts (`LOC`, `ORG`, `PER`).
    pub fn types(&self) -> Vec<String> {
        let mut t: Vec<String> = self
            .labels
            .iter()
            .filter_map(|l| l.strip_prefix("B-").map(str::to_string))
            .collect();
        t.sort();
        t
    }

    /// The labels of one prepared sentence.
    pub fn tag(&self, input: &NerInput) -> Vec<String> {
        let mut out = Vec::with_capacity(input.ctx.words.len());
        let mut feats = Vec::with_capacity(64);
        let mut scores = Vec::new();
        let mut allow = Vec::new();
        let mut prev = [START, START];
        for i in 0..input.ctx.words.len() {
            ner_features(input, i, prev, &mut feats);
            allowed(
                &self.labels,
                out.last().map(|s: &String| s.as_str()),
                &mut allow,
            );
            let c = self.weights.predict(&feats, &allow, &mut scores);
            out.push(self.labels.get(c).cloned().unwrap_or_else(|| "O".into()));
            prev = [c as u16, prev[0]];
        }
        out
    }

    /// The entities of a sentence of words.
    pub fn recognise(
        &self,
        forms: &[&str],
        syntax: Option<&LanguageModel>,
        names: &NameIndex,
    ) -> Vec<WordSpan> {
        let input = prepare(forms, syntax, names);
        spans(&self.tag(&input))
    }

    /// Train on gold sentences (prepared once: UPOS, lemmas and KB names do not change
    /// between epochs); deterministic for a given seed.
    pub fn train(
        header: NerHeader,
        sentences: &[NerSentence],
        inputs: &[NerInput],
        min_weight: f32,
    ) -> NerModel {
        let mut labels = vec!["O".to_string()];
        for s in sentences {
            for t in &s.tags {
                if !labels.contains(t) {
                    labels.push(t.clone());
                }
            }
        }
        // Stable class order whatever the data order: O first, then sorted.
        labels[1..].sort();
        let index = |t: &str| labels.iter().position(|l| l == t).unwrap_or(0);
        let mut trainer = Trainer::new(labels.len());
        let mut order: Vec<usize> = (0..sentences.len().min(inputs.len())).collect();
        let mut rng = Rng::new(header.seed);
        let mut feats = Vec::with_capacity(64);
        let mut scores = Vec::new();
        let mut allow = Vec::new();
        for _ in 0..header.epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let (s, input) = (&sentences[si], &inputs[si]);
                let mut prev = [START, START];
                let mut last: Option<usize> = None;
                for (i, gold) in s.tags.iter().enumerate() {
                    ner_features(input, i, prev, &mut feats);
                    allowed(&labels, last.map(|c| labels[c].as_str()), &mut allow);
                    let guess = trainer.predict(&feats, &allow, &mut scores);
                    let truth = index(gold);
                    trainer.update(&feats, truth, guess);
                    prev = [guess as u16, prev[0]];
                    last = Some(guess);
                }
            }
        }
        NerModel {
            header,
            labels,
            weights: trainer.finish(min_weight),
        }
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, NerError> {
        let header =
            toml::to_string(&self.header).map_err(|e| NerError::Model(format!("header: {e}")))?;
        let mut body = Writer::default();
        body.count(self.labels.len());
        for l in &self.labels {
            body.str(l);
        }
        self.weights.write(&mut body);
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.str(&header);
        write_compressed(&mut w, &body.buf).map_err(|e| NerError::Model(e.to_string()))?;
        Ok(w.buf)
    }

    pub fn from_bytes(data: &[u8]) -> Result<NerModel, NerError> {
        let (rest, compressed) = if let Some(rest) = data.strip_prefix(MAGIC) {
            (rest, true)
        } else if let Some(rest) = data.strip_prefix(MAGIC_V1) {
            (rest, false)
        } else {
            return Err(NerError::Model("not an armsgraph entity model".into()));
        };
        let mut r = Reader::new(rest);
        let m = |e: crate::syntax::SyntaxError| NerError::Model(e.to_string());
        let header: NerHeader = toml::from_str(&r.str().map_err(m)?)
            .map_err(|e| NerError::Model(format!("header: {e}")))?;
        let body;
        if compressed {
            body = read_compressed(&mut r).map_err(m)?;
            r = Reader::new(&body);
        }
        let n = r.count().map_err(m)?;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str().map_err(m)?);
        }
        let weights = Perceptron::read(&mut r).map_err(m)?;
        if weights.n_classes != labels.len() {
            return Err(NerError::Model(format!(
                "{} labels but {} classes",
                labels.len(),
                weights.n_classes
            )));
        }
        Ok(NerModel {
            header,
            labels,
            weights,
        })
    }
}

/// Whether a label sequence could come from [`NerModel::tag`] (for tests).
pub fn is_valid_iob2(tags: &[String]) -> bool {
    let mut prev: Option<&str> = None;
    for t in tags {
        if let Some(ty) = t.strip_prefix("I-") {
            let ok = prev.and_then(|p| p.split_once('-')).map(|(_, x)| x) == Some(ty);
            if !ok {
                return false;
            }
        }
        prev = Some(t);
    }
    true
}

/// Sentences prepared for training or scoring.
pub fn prepare_all<'a>(
    forms: &'a [Vec<&'a str>],
    syntax: Option<&'a LanguageModel>,
    names: &NameIndex,
) -> Vec<NerInput<'a>> {
    forms.iter().map(|f| prepare(f, syntax, names)).collect()
}

/// No KB name feature (for models scored without the KB).
pub fn no_names(n: usize) -> Vec<GazTag> {
    vec![GazTag::None; n]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::corpus::parse_columns;

    #[test]
    fn trains_round_trips_and_emits_valid_iob2() {
        let text = "John B-PER\nKerry I-PER\nsaid O\n. O\n\n\
                    Ban B-PER\nKi-moon I-PER\nurged O\nNATO B-ORG\n. O\n\n\
                    Troops O\nleft O\nParis B-LOC\n. O\n\n";
        let gold = parse_columns(text).expect("parses");
        let forms: Vec<Vec<&str>> = gold
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let names = NameIndex::default();
        let inputs = prepare_all(&forms, None, &names);
        let header = NerHeader {
            language: "en".into(),
            epochs: 5,
            seed: 3,
            ..Default::default()
        };
        let model = NerModel::train(header, &gold, &inputs, 0.0);
        let bytes = model.to_bytes().expect("serialises");
        let back = NerModel::from_bytes(&bytes).expect("reads back");
        assert_eq!(back.labels(), model.labels());
        assert_eq!(back.types(), ["LOC", "ORG", "PER"]);
        let tags = back.tag(&inputs[0]);
        assert!(is_valid_iob2(&tags));
        assert_eq!(tags, gold[0].tags);
        assert!(NerModel::from_bytes(b"junk").is_err());
        assert!(NerModel::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
