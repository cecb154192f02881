//! Sentence structure: lemmas, parts of speech, morphology and dependencies (Universal
//! Dependencies), trained on open treebanks.
//!
//! - [`conllu`]: the treebank format;
//! - [`features`]: every classifier feature, in one place;
//! - [`perceptron`]: the averaged perceptron the classifiers share;
//! - [`tagger`]: UPOS, morphological features and lemmas;
//! - [`model`]: one file per language (`data/syntax/<lang>.bin`) with its header, and the
//!   seam where the dependency parser plugs in;
//! - [`train`]: recipes (`data/syntax/training.toml`) and the run that rebuilds the files;
//! - [`score`]: UPOS, lemma, feature, UAS, LAS and core-argument scores.
//!
//! [`SyntaxModels`] loads a language's model lazily, once, the first time a document in that
//! language is read; [`SyntaxModels::sentence`] turns one sentence of a document into
//! [`SyntaxWord`]s over the segmenter's tokens.

pub mod bytes;
pub mod case_roles;
pub mod conllu;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod packed;
pub mod parser;
pub mod perceptron;
pub mod score;
pub mod tagger;
pub mod train;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use armsgraph_kb::DataFiles;
use armsgraph_model::{Span, SyntaxWord, TextIndex};
use thiserror::Error;

pub use model::LanguageModel;

#[derive(Debug, Error)]
pub enum SyntaxError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Conllu {
        path: String,
        #[source]
        source: conllu::ConlluError,
    },
    #[error("syntax model: {0}")]
    Model(String),
    #[error("training recipe: {0}")]
    Recipe(String),
}

/// The syntax models under `data/syntax/`, each loaded on first use.
pub struct SyntaxModels {
    files: DataFiles,
    models: BTreeMap<String, OnceLock<Result<LanguageModel, String>>>,
}

impl SyntaxModels {
    /// Finds the model files; reads none of them yet.
    pub fn new(files: &DataFiles) -> SyntaxModels {
        let models = files
            .list("syntax", ".bin")
            .unwrap_or_default()
            .into_iter()
            .filter_map(|rel| {
                let name = rel.rsplit('/').next()?.strip_suffix(".bin")?.to_string();
                Some((name, OnceLock::new()))
            })
            .collect();
        SyntaxModels {
            files: files.clone(),
            models,
        }
    }

    /// Languages with a model file.
    pub fn languages(&self) -> Vec<String> {
        self.models.keys().cloned().collect()
    }

    /// The model of `lang`: `None` when there is none, `Some(Err)` when its file is broken.
    pub fn get(&self, lang: &str) -> Option<Result<&LanguageModel, &str>> {
        let cell = self.models.get(lang)?;
        let loaded = cell.get_or_init(|| {
            // Embedded files are read without a copy: a stored model is used in place.
            let bytes = self
                .files
                .read_shared(&format!("syntax/{lang}.bin"))
                .map_err(|e| e.to_string())?;
            LanguageModel::read(packed::Bytes::new(bytes)).map_err(|e| e.to_string())
        });
        Some(loaded.as_ref().map_err(String::as_str))
    }

    /// The words of one sentence of `text`: segmenter tokens, multiword tokens expanded,
    /// tagged (and parsed when the model has a parser). `abbreviation` says which words keep
    /// their period ([`crate::segment::Segmenter::abbreviations`]); `name` which word spans
    /// the knowledge base names (tagged as proper nouns).
    pub fn sentence(
        model: &LanguageModel,
        text: &str,
        index: &TextIndex,
        span: Span,
        abbreviation: &dyn Fn(&str) -> bool,
        name: &dyn Fn(Span) -> tagger::NameHint,
    ) -> Vec<SyntaxWord> {
        let tokens = crate::segment::tokens_with_abbreviations(text, index, span, abbreviation);
        let mut spans = Vec::with_capacity(tokens.len());
        let mut forms: Vec<String> = Vec::with_capacity(tokens.len());
        for t in &tokens {
            match model.tagger.split_token(&t.text) {
                Some(words) => {
                    let whole = t.span.end - t.span.start;
                    for (w, at, n) in words {
                        // A part the token spells has its own span; `zum` → `zu dem` share it.
                        spans.push(if n < whole {
                            Span::new(t.span.start + at, t.span.start + at + n)
                        } else {
                            t.span
                        });
                        forms.push(w);
                    }
                }
                None => {
                    spans.push(t.span);
                    forms.push(t.text.clone());
                }
            }
        }
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let names: Vec<tagger::NameHint> = spans.iter().map(|s| name(*s)).collect();
        let analysed = model.analyse_with_names(&refs, &names);
        analysed
            .into_iter()
            .zip(spans)
            .zip(forms)
            .map(|((p, span), form)| {
                let (head, deprel) = match p.head {
                    Some((h, d)) => (Some(h), Some(d)),
                    None => (None, None),
                };
                SyntaxWord {
                    span,
                    form,
                    lemma: p.lemma,
                    upos: p.upos,
                    feats: p.feats,
                    head,
                    deprel,
                }
            })
            .collect()
    }
}
