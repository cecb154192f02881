//! `eval ner`: the entity recogniser on a named-entity test split, scored as CoNLL's
//! `conlleval` scores: an entity counts only with its exact word span and type; precision,
//! recall and F1 per type and over all types.
//!
//! Gold types are mapped onto the model's (`PERS` → `PER`, factRuEval `LocOrg` → `LOC`,
//! GermEval `OTH` → `MISC`, `-deriv`/`-part` dropped; [`corpus::default_labels`]); gold
//! entities of types the model does not predict are left out of the score and counted in
//! [`NerReport::ignored`], so the figures say which types they cover.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use armsgraph_kb::{DataFiles, Kb};
use armsgraph_nlp::ner::corpus::{self, spans};
use armsgraph_nlp::ner::train::{score, Resources, SpanScores};
use armsgraph_nlp::ner::{NameIndex, NerError, NerModel};
use armsgraph_nlp::syntax::SyntaxModels;

#[derive(Debug, thiserror::Error)]
pub enum NerEvalError {
    #[error(transparent)]
    Ner(#[from] NerError),
    #[error("cannot tell the language of {0}: pass --lang")]
    UnknownLanguage(String),
    #[error("no entity model for language {0:?} (data/ner/{0}.bin)")]
    NoModel(String),
    #[error("loading the knowledge base: {0}")]
    Kb(String),
    #[error("{0}: no sentences")]
    Empty(String),
}

#[derive(Debug, Clone, Default)]
pub struct NerReport {
    pub language: String,
    /// Types scored.
    pub types: Vec<String>,
    pub scores: SpanScores,
    /// Gold entities of types the model does not predict, by type (not scored).
    pub ignored: BTreeMap<String, usize>,
    pub seconds: f64,
}

/// The language from the usual file names of the NER sets (`en_pud-ud-test.iob2`,
/// `NER-de-test.tsv`, `wikiann-ru-test.conllu`, `factRuEval-2016.tar.xz`, `esp.testb`).
pub fn language_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.to_string();
    let lower = name.to_lowercase();
    if lower.starts_with("factrueval") {
        return Some("ru".into());
    }
    if lower.starts_with("esp.") {
        return Some("es".into());
    }
    if let Some(rest) = lower
        .strip_prefix("ner-")
        .or_else(|| lower.strip_prefix("wikiann-"))
    {
        return rest.get(..2).map(str::to_string);
    }
    if let Some(rest) = lower.strip_prefix("enp_") {
        return rest.get(..2).map(str::to_string);
    }
    let (lang, _) = lower.split_once('_')?;
    (lang.len() == 2).then(|| lang.to_string())
}

/// Score the shipped (or `--data-dir`, or `model`) recogniser of `language` (default: from
/// the file name) on `path`; `split` picks factRuEval's `devset`/`testset`; `types` limits
/// the scored types (default: the model's).
pub fn evaluate(
    files: &DataFiles,
    path: &Path,
    language: Option<&str>,
    model: Option<&Path>,
    split: Option<&str>,
    types: &[String],
) -> Result<NerReport, NerEvalError> {
    let lang = match language {
        Some(l) => l.to_string(),
        None => language_of(path)
            .ok_or_else(|| NerEvalError::UnknownLanguage(path.display().to_string()))?,
    };
    let bytes = match model {
        Some(p) => std::fs::read(p).map_err(|source| NerError::Io {
            path: p.display().to_string(),
            source,
        })?,
        None => files
            .read_bytes(&format!("ner/{lang}.bin"))
            .map_err(|_| NerEvalError::NoModel(lang.clone()))?,
    };
    let model = NerModel::from_bytes(&bytes)?;
    let syntax_models = SyntaxModels::new(files);
    let syntax = if model.header.syntax.is_empty() {
        None
    } else {
        syntax_models.get(&lang).and_then(Result::ok)
    };
    let names = if model.header.kb_names > 0 {
        let kb = Kb::load(files).map_err(|e| NerEvalError::Kb(e.to_string()))?;
        NameIndex::build(&kb, &lang)
    } else {
        NameIndex::default()
    };
    let mut gold = corpus::read_file(path, split)?;
    if gold.is_empty() {
        return Err(NerEvalError::Empty(path.display().to_string()));
    }
    corpus::relabel(&mut gold, &corpus::default_labels(), &[]);
    let types = if types.is_empty() {
        model.types()
    } else {
        types.to_vec()
    };
    let mut ignored = BTreeMap::new();
    for s in &gold {
        for e in spans(&s.tags) {
            if !types.contains(&e.label) {
                *ignored.entry(e.label).or_insert(0) += 1;
            }
        }
    }
    corpus::relabel(&mut gold, &BTreeMap::new(), &types);
    let started = Instant::now();
    let mut scores = score(
        &model,
        &gold,
        &Resources {
            syntax,
            names: &names,
        },
    );
    // Predicted types outside the scored ones (a model with MISC scored on PER/LOC/ORG)
    // are not errors of the scored types.
    scores.by_type.retain(|t, _| types.contains(t));
    Ok(NerReport {
        language: lang,
        types,
        scores,
        ignored,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// `precision=0.8512 recall=0.8011 f1=0.8254`.
pub fn summary_line(counts: (usize, usize, usize)) -> String {
    let (p, r, f) = SpanScores::prf(counts);
    format!("precision={p:.4} recall={r:.4} f1={f:.4}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_usual_file_names() {
        for (name, lang) in [
            ("x/en_pud-ud-test.iob2.xz", "en"),
            ("NER-de-test.tsv.xz", "de"),
            ("factRuEval-2016.tar.xz", "ru"),
            ("wikiann-es-test.conllu.xz", "es"),
            ("esp.testb.xz", "es"),
        ] {
            assert_eq!(
                language_of(Path::new(name)).as_deref(),
                Some(lang),
                "{name}"
            );
        }
        assert_eq!(language_of(Path::new("test.iob.xz")), None);
    }

    #[test]
    fn summary_line_has_every_figure() {
        assert_eq!(
            summary_line((3, 1, 2)),
            "precision=0.7500 recall=0.6000 f1=0.6667"
        );
    }
}
