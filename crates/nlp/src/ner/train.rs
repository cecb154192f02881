//! Training recipes (`data/ner/training.toml`, data, not code) and the run that rebuilds
//! `data/ner/<lang>.bin`, plus the span scorer the recipes and `eval ner` share.
//!
//! A source is `file`, `file#split` (factRuEval's `devset`/`testset` inside its tarball) and
//! optionally `@a-b`, the sentences from a% to b% of it (see [`super::corpus::read_spec`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Deserialize;

use armsgraph_kb::Kb;

use super::corpus::{read_spec, relabel, spans, LabelMap, NerSentence};
use super::gazetteer::NameIndex;
use super::model::{prepare_all, NerHeader, NerModel, NerSplitScore};
use super::NerError;
use crate::syntax::LanguageModel;

/// One language's recipe.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    pub train: Vec<String>,
    /// Licence of each training source, recorded in the model header.
    pub licences: Vec<String>,
    #[serde(default)]
    pub dev: Vec<String>,
    #[serde(default)]
    pub test: Vec<String>,
    /// Types the model learns (others in the data become `O`).
    pub types: Vec<String>,
    pub epochs: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Averaged weights smaller than this are dropped from the file.
    #[serde(default = "default_min_weight")]
    pub min_weight: f32,
    /// Whether the features read KB names (default yes).
    #[serde(default = "yes")]
    pub kb_names: bool,
    /// Whether the features read the syntax model's UPOS and lemmas (default yes).
    #[serde(default = "yes")]
    pub syntax: bool,
    /// Extra type renames for this language's data (`OTH` → `` drops GermEval's other).
    #[serde(default)]
    pub labels: LabelMap,
    #[serde(default)]
    pub notes: String,
    /// The language the training sources are in, when it is not the model's (transfer):
    /// they are read with that language's syntax model and KB names, the dev and test
    /// sources with the model language's, as at run time.
    #[serde(default)]
    pub read_as: Option<String>,
}

fn default_seed() -> u64 {
    11
}
fn default_min_weight() -> f32 {
    0.05
}
fn yes() -> bool {
    true
}

/// Every recipe, by language.
pub fn recipes(text: &str) -> Result<BTreeMap<String, Recipe>, NerError> {
    toml::from_str(text).map_err(|e| NerError::Recipe(e.to_string()))
}

/// Exact-span-and-type counts, per type and over all types.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanScores {
    pub sentences: usize,
    /// type → (true positives, false positives, false negatives)
    pub by_type: BTreeMap<String, (usize, usize, usize)>,
}

impl SpanScores {
    /// Add one sentence: gold and predicted tags.
    pub fn add(&mut self, gold: &[String], predicted: &[String]) {
        self.sentences += 1;
        let g = spans(gold);
        let p = spans(predicted);
        for e in &p {
            let entry = self.by_type.entry(e.label.clone()).or_default();
            if g.contains(e) {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
        for e in g.iter().filter(|e| !p.contains(e)) {
            self.by_type.entry(e.label.clone()).or_default().2 += 1;
        }
    }

    pub fn merge(&mut self, other: &SpanScores) {
        self.sentences += other.sentences;
        for (t, (a, b, c)) in &other.by_type {
            let e = self.by_type.entry(t.clone()).or_default();
            e.0 += a;
            e.1 += b;
            e.2 += c;
        }
    }

    pub fn total(&self) -> (usize, usize, usize) {
        self.by_type
            .values()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    }

    /// (precision, recall, F1) of counts.
    pub fn prf((tp, fp, fn_): (usize, usize, usize)) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    /// Gold entities counted.
    pub fn gold(&self) -> usize {
        let t = self.total();
        t.0 + t.2
    }
}

/// What the model needs at tagging time besides its own file.
pub struct Resources<'a> {
    pub syntax: Option<&'a LanguageModel>,
    pub names: &'a NameIndex,
}

/// Tag gold sentences with `model` and count.
pub fn score(model: &NerModel, gold: &[NerSentence], res: &Resources) -> SpanScores {
    let forms: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let inputs = prepare_all(&forms, res.syntax, res.names);
    let mut scores = SpanScores::default();
    for (s, input) in gold.iter().zip(&inputs) {
        scores.add(&s.tags, &model.tag(input));
    }
    scores
}

/// What one training run did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub language: String,
    /// Training and scoring, without writing the file.
    pub seconds: f64,
    /// Size of the model file written.
    pub bytes: usize,
    pub header: NerHeader,
}

/// Where sources are read from: the shared NER directory, and `extra:` sources (open sets
/// kept in the repository, `data/ner/extra/`).
#[derive(Debug, Clone)]
pub struct Sources {
    pub shared: PathBuf,
    pub extra: PathBuf,
}

fn read_all(
    dirs: &Sources,
    specs: &[String],
    recipe: &Recipe,
) -> Result<Vec<NerSentence>, NerError> {
    let mut out = Vec::new();
    for s in specs {
        out.extend(match s.strip_prefix("extra:") {
            Some(rest) => read_spec(&dirs.extra, rest)?,
            None => read_spec(&dirs.shared, s)?,
        });
    }
    relabel(&mut out, &recipe.labels, &recipe.types);
    Ok(out)
}

/// Train one language and score it on the recipe's dev and test sources (each source its
/// own split). `syntax` is the language's syntax model, `train_syntax` the one that reads
/// the training sources (another language's for a transfer recipe), `kb` the knowledge base.
pub fn train_language(
    ner_dir: &Sources,
    language: &str,
    recipe: &Recipe,
    syntax: Option<&LanguageModel>,
    train_syntax: Option<&LanguageModel>,
    kb: &Kb,
) -> Result<(NerModel, TrainReport), NerError> {
    let started = Instant::now();
    if recipe.licences.len() != recipe.train.len() {
        return Err(NerError::Recipe(format!(
            "{language}: one licence per training source"
        )));
    }
    let train = read_all(ner_dir, &recipe.train, recipe)?;
    let names = if recipe.kb_names {
        NameIndex::build(kb, language)
    } else {
        NameIndex::default()
    };
    let syntax = if recipe.syntax { syntax } else { None };
    let train_syntax = if recipe.syntax { train_syntax } else { None };
    let train_names = match &recipe.read_as {
        Some(other) if recipe.kb_names => NameIndex::build(kb, other),
        _ => names.clone(),
    };
    let forms: Vec<Vec<&str>> = train
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let inputs = prepare_all(&forms, train_syntax, &train_names);
    let header = NerHeader {
        language: language.to_string(),
        training: recipe.train.clone(),
        licences: recipe.licences.clone(),
        sentences: train.len(),
        entities: train.iter().map(|s| spans(&s.tags).len()).sum(),
        epochs: recipe.epochs,
        seed: recipe.seed,
        syntax: syntax
            .map(|m| m.header.language.clone())
            .unwrap_or_default(),
        kb_names: names.len(),
        trainer: format!("armsgraph {}", env!("CARGO_PKG_VERSION")),
        scores: Vec::new(),
        notes: recipe.notes.clone(),
    };
    let mut model = NerModel::train(header, &train, &inputs, recipe.min_weight);
    let res = Resources {
        syntax,
        names: &names,
    };
    let mut scores = Vec::new();
    for (split, specs) in [("dev", &recipe.dev), ("test", &recipe.test)] {
        for spec in specs {
            let gold = read_all(ner_dir, std::slice::from_ref(spec), recipe)?;
            let s = score(&model, &gold, &res);
            let (p, r, f) = SpanScores::prf(s.total());
            let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
            scores.push(NerSplitScore {
                split: if specs.len() > 1 {
                    format!("{split}:{}", spec.split('/').next().unwrap_or(spec))
                } else {
                    split.to_string()
                },
                data: vec![spec.clone()],
                entities: s.gold(),
                precision: round(p),
                recall: round(r),
                f1: round(f),
            });
        }
    }
    model.header.scores = scores;
    let report = TrainReport {
        language: language.to_string(),
        seconds: started.elapsed().as_secs_f64(),
        // Set by `train_all` from the bytes it writes: compressing a model takes seconds to
        // minutes, so it is done once.
        bytes: 0,
        header: model.header.clone(),
    };
    Ok((model, report))
}

/// Rebuild `out_dir/<lang>.bin` for the given languages (every recipe when empty).
/// `syntax_of` gives a language's syntax model.
pub fn train_all(
    ner_dir: &Sources,
    out_dir: &Path,
    recipes_text: &str,
    languages: &[String],
    syntax_of: &dyn Fn(&str) -> Option<LanguageModel>,
    kb: &Kb,
) -> Result<Vec<TrainReport>, NerError> {
    let all = recipes(recipes_text)?;
    for l in languages {
        if !all.contains_key(l) {
            return Err(NerError::Recipe(format!("no recipe for language {l:?}")));
        }
    }
    let mut reports = Vec::new();
    for (lang, recipe) in &all {
        if !languages.is_empty() && !languages.contains(lang) {
            continue;
        }
        let syntax = syntax_of(lang);
        let train_syntax = match &recipe.read_as {
            Some(other) => syntax_of(other),
            None => None,
        };
        let (model, mut report) = train_language(
            ner_dir,
            lang,
            recipe,
            syntax.as_ref(),
            train_syntax.as_ref().or(syntax.as_ref()),
            kb,
        )?;
        let path = out_dir.join(format!("{lang}.bin"));
        let bytes = model.to_bytes()?;
        report.bytes = bytes.len();
        std::fs::write(&path, bytes).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        reports.push(report);
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_score_by_exact_boundary_and_type() {
        let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut s = SpanScores::default();
        s.add(
            &t(&["B-PER", "I-PER", "O", "B-LOC"]),
            &t(&["B-PER", "O", "O", "B-LOC"]),
        );
        assert_eq!(s.by_type["PER"], (0, 1, 1));
        assert_eq!(s.by_type["LOC"], (1, 0, 0));
        let (p, r, f) = SpanScores::prf(s.total());
        assert_eq!((p, r), (0.5, 0.5));
        assert!((f - 0.5).abs() < 1e-12);
    }

    #[test]
    fn shipped_recipes_train_on_no_non_commercial_or_unlicensed_data() {
        let text = include_str!("../../../../data/ner/training.toml");
        let all = recipes(text).expect("recipes parse");
        for (lang, r) in &all {
            for src in &r.train {
                for banned in [
                    "ner-uk",
                    "conll2002",
                    "wikiann",
                    "germeval2014/NER-de-test",
                    "English-PUD",
                    "#testset",
                ] {
                    assert!(
                        !src.contains(banned),
                        "{lang}: {src} is evaluation-only or a target test split"
                    );
                }
            }
            assert_eq!(
                r.licences.len(),
                r.train.len(),
                "{lang}: one licence per source"
            );
        }
    }
}
