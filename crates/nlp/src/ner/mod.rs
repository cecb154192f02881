//! Named-entity recognition: persons, organisations and places the knowledge base does not
//! hold (`John Kerry said`, `Ban Ki-moon urged`, an unknown armed group), from a statistical
//! tagger trained on open NER data.
//!
//! - [`corpus`]: the gold formats (IOB2/BIO, GermEval TSV, factRuEval's stand-off files);
//! - [`gazetteer`]: knowledge-base names as features;
//! - [`features`]: every tagger feature, in one place;
//! - [`model`]: the greedy BIO tagger over the syntax layer's averaged perceptron, and its
//!   file `data/ner/<lang>.bin`;
//! - [`train`]: recipes (`data/ner/training.toml`), the training run and the span scorer;
//! - [`link`]: recognised names → [`armsgraph_model::Mention`]s with stable ids, after the
//!   KB's own matches.
//!
//! [`NerModels`] loads a language's model and KB name index lazily, once.

pub mod corpus;
pub mod features;
pub mod gazetteer;
pub mod link;
pub mod model;
pub mod train;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use armsgraph_kb::{DataFiles, Kb};
use thiserror::Error;

pub use gazetteer::NameIndex;
pub use model::NerModel;

#[derive(Debug, Error)]
pub enum NerError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("NER data: {0}")]
    Format(String),
    #[error("NER model: {0}")]
    Model(String),
    #[error("NER training recipe: {0}")]
    Recipe(String),
}

/// One language's recogniser: its model and the KB names its features read.
pub struct Recogniser {
    pub model: NerModel,
    pub names: NameIndex,
}

/// The entity models under `data/ner/`, each loaded on first use.
pub struct NerModels {
    files: DataFiles,
    kb: Arc<Kb>,
    models: BTreeMap<String, OnceLock<Result<Recogniser, String>>>,
    /// Languages whose extraction reads the recogniser's names (`data/ner/extract.toml`);
    /// `eval ner` scores every model regardless.
    enabled: Vec<String>,
}

/// `data/ner/extract.toml`: the per-language switch.
#[derive(Debug, Default, serde::Deserialize)]
struct ExtractSwitch {
    #[serde(default)]
    languages: Vec<String>,
}

impl NerModels {
    /// Finds the model files; reads none of them yet.
    pub fn new(files: &DataFiles, kb: Arc<Kb>) -> NerModels {
        let models = files
            .list("ner", ".bin")
            .unwrap_or_default()
            .into_iter()
            .filter_map(|rel| {
                let name = rel.rsplit('/').next()?.strip_suffix(".bin")?.to_string();
                Some((name, OnceLock::new()))
            })
            .collect();
        // A broken switch file turns the recogniser off rather than failing the reader.
        let enabled = files
            .read("ner/extract.toml")
            .ok()
            .and_then(|t| toml::from_str::<ExtractSwitch>(&t).ok())
            .unwrap_or_default()
            .languages;
        NerModels {
            files: files.clone(),
            kb,
            models,
            enabled,
        }
    }

    /// Whether extraction in `lang` adds the recogniser's names.
    pub fn enabled(&self, lang: &str) -> bool {
        self.enabled.iter().any(|l| l == lang) && self.models.contains_key(lang)
    }

    pub fn languages(&self) -> Vec<String> {
        self.models.keys().cloned().collect()
    }

    /// The recogniser of `lang`: `None` when there is no model, `Some(Err)` when its file is
    /// broken.
    pub fn get(&self, lang: &str) -> Option<Result<&Recogniser, &str>> {
        let cell = self.models.get(lang)?;
        let loaded = cell.get_or_init(|| {
            let bytes = self
                .files
                .read_bytes(&format!("ner/{lang}.bin"))
                .map_err(|e| e.to_string())?;
            let model = NerModel::from_bytes(&bytes).map_err(|e| e.to_string())?;
            let names = if model.header.kb_names > 0 {
                NameIndex::build(&self.kb, lang)
            } else {
                NameIndex::default()
            };
            Ok(Recogniser { model, names })
        });
        Some(loaded.as_ref().map_err(String::as_str))
    }
}
