//! Training recipes: which treebank files train, tune and test each language's model
//! (`data/syntax/training.toml`, data, not code), and the run that rebuilds a model file.
//!
//! A file may carry a sentence range as a percentage, `de_gsd-ud-dev.conllu.xz#0-90`: the
//! languages whose train split we cannot redistribute train on most of dev and hold the rest
//! out for tuning.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;

use super::conllu::{self, ConlluSentence};
use super::lexicon::Lexicon;
use super::model::{parser_seam, LanguageModel, ModelHeader, SplitScore};
use super::tagger::{Tagger, TrainConfig};
use super::SyntaxError;

/// One language's recipe.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    pub train: Vec<String>,
    #[serde(default)]
    pub dev: Vec<String>,
    #[serde(default)]
    pub test: Vec<String>,
    /// Licence of each training source, recorded in the model header.
    pub licences: Vec<String>,
    pub epochs: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default)]
    pub notes: String,
    /// Files under `data/syntax/` of `form<TAB>UPOS` lines whose tags the model takes as
    /// given (closed-class words of a language trained by transfer).
    #[serde(default)]
    pub tag_lists: Vec<String>,
    /// One-for-one letter mapping applied before tagging (`"і" = "и"`): lets a model
    /// trained on a related language read this one's spelling.
    #[serde(default)]
    pub spelling: BTreeMap<String, String>,
    /// A file under `data/syntax/` generated from a dictionary of the language
    /// (`scripts/syntax_lexicon_*.py`): UPOS candidates and lemmas, see [`super::lexicon`].
    #[serde(default)]
    pub lexicon: Option<String>,
    /// `"features"`: the lexicon's UPOS classes are features learnt from the treebank (a
    /// lexicon of the treebank's language); `"constraint"` (default): they limit the UPOS
    /// of the words they know (a model trained on a related language's treebank).
    #[serde(default)]
    pub lexicon_as: Option<String>,
    /// Parser epochs (default: `epochs`).
    #[serde(default)]
    pub parser_epochs: Option<usize>,
    /// Folds of tagger jack-knifing for the parser's training tags (0 or 1 = gold tags).
    #[serde(default)]
    pub jackknife: usize,
    /// The sources the tagger (UPOS, features, lemmas) learns from, when not all of `train`:
    /// a treebank annotated in another feature style (German PUD has no `VerbForm` on verbs)
    /// still teaches the parser its trees without teaching the tagger that style. Each must
    /// also be in `train`.
    #[serde(default)]
    pub tagger_train: Option<Vec<String>>,
    /// Relabel bare nominal dependents of verbs by their case after parsing, with a table
    /// learnt from `train` ([`super::case_roles`]): a key is kept when seen
    /// `case_roles_min_count` times with one relation in `case_roles_min_share` of them.
    #[serde(default)]
    pub case_roles: bool,
    /// The jack-knife taggers learn the lexicon's features too (only with
    /// `lexicon_as = "features"`), so the parser trains on tags like the shipped tagger's.
    #[serde(default)]
    pub jackknife_lexicon: bool,
    #[serde(default = "default_case_roles_min_count")]
    pub case_roles_min_count: usize,
    #[serde(default = "default_case_roles_min_share")]
    pub case_roles_min_share: f64,
    /// Store the model file uncompressed, to be read in place from the binary on first use
    /// (format 3): the language `bench startup` and most documents start with. Costs the
    /// binary the difference (en: 5.5 → 15.6 MB), saves the decompression (docs/notes/syntax.md,
    /// "Start-up").
    #[serde(default)]
    pub uncompressed: bool,
}

fn default_case_roles_min_count() -> usize {
    20
}

fn default_case_roles_min_share() -> f64 {
    0.8
}

/// The sentences with UPOS and FEATS replaced by those of a tagger trained on the other
/// folds (sentence `i` is in fold `i % folds`), so the parser learns from tags like the ones
/// it will see: with the lexicon's features when the model learns them (`features_lexicon`
/// not empty).
pub fn jackknife(
    sentences: &[ConlluSentence],
    folds: usize,
    config: TrainConfig,
    features_lexicon: &Lexicon,
) -> Vec<ConlluSentence> {
    let mut out = sentences.to_vec();
    if folds < 2 {
        return out;
    }
    for k in 0..folds {
        let rest: Vec<ConlluSentence> = sentences
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = Tagger::train_with_lexicon(&rest, config, features_lexicon.clone());
        for s in out.iter_mut().skip(k).step_by(folds) {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            let tags = tagger.tag(&forms);
            for (w, t) in s.words.iter_mut().zip(tags) {
                w.upos = t.upos.to_string();
                w.feats = t.feats.to_string();
            }
        }
    }
    out
}

/// `form<TAB>UPOS` lines (`#` comments) → pairs.
pub fn tag_list(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (form, upos) = l.split_once('\t')?;
            Some((form.trim().to_string(), upos.trim().to_string()))
        })
        .collect()
}

fn default_seed() -> u64 {
    11
}

/// Every recipe, by language.
pub fn recipes(text: &str) -> Result<BTreeMap<String, Recipe>, SyntaxError> {
    toml::from_str(text).map_err(|e| SyntaxError::Recipe(e.to_string()))
}

/// The text of a file's bytes, decompressed first when its name ends in `.xz` (the
/// treebanks, and the generated lexicons: they are only read by training, and shipping them
/// uncompressed would grow the binary, which embeds `data/`, by tens of megabytes).
pub fn text_of(name: &str, raw: Vec<u8>) -> Result<String, SyntaxError> {
    let invalid = |msg: String| SyntaxError::Io {
        path: name.to_string(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, msg),
    };
    let bytes = if name.ends_with(".xz") {
        let mut out = Vec::new();
        lzma_rs::xz_decompress(&mut raw.as_slice(), &mut out)
            .map_err(|e| invalid(e.to_string()))?;
        out
    } else {
        raw
    };
    String::from_utf8(bytes).map_err(|_| invalid("not UTF-8".to_string()))
}

/// Sentences of a CoNLL-U file, plain or `.xz`.
pub fn read_conllu(path: &Path) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let raw = std::fs::read(path).map_err(|source| SyntaxError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let text = text_of(&path.display().to_string(), raw)?;
    conllu::parse(&text).map_err(|source| SyntaxError::Conllu {
        path: path.display().to_string(),
        source,
    })
}

/// `file#a-b`: the sentences from a% to b% of the file (all of it without `#`).
pub fn read_part(ud_dir: &Path, spec: &str) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let (file, range) = match spec.split_once('#') {
        Some((f, r)) => (f, Some(r)),
        None => (spec, None),
    };
    let all = read_conllu(&ud_dir.join(file))?;
    take_range(all, spec, range)
}

/// `extra:file#a-b`: as [`read_part`], for a treebank kept in the repository under
/// `data/syntax/extra/` (one that `../shared/data/ud` lacks; its source and licence in
/// `data/syntax/README.md`), read through `data_file`.
fn read_extra(
    spec: &str,
    data_file: &dyn Fn(&str) -> Result<String, SyntaxError>,
) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let (file, range) = match spec.split_once('#') {
        Some((f, r)) => (f, Some(r)),
        None => (spec, None),
    };
    let name = format!("extra/{file}");
    let text = data_file(&name)?;
    let all = conllu::parse(&text).map_err(|source| SyntaxError::Conllu { path: name, source })?;
    take_range(all, spec, range)
}

fn take_range(
    all: Vec<ConlluSentence>,
    spec: &str,
    range: Option<&str>,
) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let Some(range) = range else {
        return Ok(all);
    };
    let bad = || SyntaxError::Recipe(format!("bad range in {spec:?} (want #from-to percent)"));
    let (a, b) = range.split_once('-').ok_or_else(bad)?;
    let a: usize = a.parse().map_err(|_| bad())?;
    let b: usize = b.parse().map_err(|_| bad())?;
    if a > b || b > 100 {
        return Err(bad());
    }
    let n = all.len();
    Ok(all
        .into_iter()
        .skip(n * a / 100)
        .take(n * b / 100 - n * a / 100)
        .collect())
}

fn read_all(
    ud_dir: &Path,
    specs: &[String],
    data_file: &dyn Fn(&str) -> Result<String, SyntaxError>,
) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let mut out = Vec::new();
    for s in specs {
        out.extend(match s.strip_prefix("extra:") {
            Some(rest) => read_extra(rest, data_file)?,
            None => read_part(ud_dir, s)?,
        });
    }
    Ok(out)
}

/// What one training run did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub language: String,
    /// Training and scoring, without writing the file.
    pub seconds: f64,
    /// Size of the model file written.
    pub bytes: usize,
    pub header: ModelHeader,
}

/// Train one language from its recipe and score it on the recipe's dev and test files
/// (each file its own split when there are several).
/// `data_file` reads a file of `data/syntax/` by name (for `tag_lists`).
pub fn train_language(
    ud_dir: &Path,
    language: &str,
    recipe: &Recipe,
    data_file: &dyn Fn(&str) -> Result<String, SyntaxError>,
) -> Result<(LanguageModel, TrainReport), SyntaxError> {
    let started = Instant::now();
    let train = read_all(ud_dir, &recipe.train, data_file)?;
    let lexicon = match &recipe.lexicon {
        Some(file) => Lexicon::parse(&data_file(file)?)?,
        None => Lexicon::default(),
    };
    let as_features = match recipe.lexicon_as.as_deref() {
        None | Some("constraint") => false,
        Some("features") => true,
        Some(other) => {
            return Err(SyntaxError::Recipe(format!(
                "lexicon_as is \"features\" or \"constraint\", not {other:?}"
            )))
        }
    };
    let config = TrainConfig {
        epochs: recipe.epochs,
        seed: recipe.seed,
    };
    let tagger_sentences;
    let tagger_train = match &recipe.tagger_train {
        Some(specs) => {
            if let Some(stray) = specs.iter().find(|s| !recipe.train.contains(s)) {
                return Err(SyntaxError::Recipe(format!(
                    "tagger_train source {stray:?} is not in train"
                )));
            }
            tagger_sentences = read_all(ud_dir, specs, data_file)?;
            &tagger_sentences
        }
        None => &train,
    };
    let mut tagger = if as_features {
        Tagger::train_with_lexicon(tagger_train, config, lexicon.clone())
    } else {
        Tagger::train(tagger_train, config)
    };
    let mut spelling = Vec::new();
    for (from, to) in &recipe.spelling {
        let one = |s: &str| {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(SyntaxError::Recipe(format!(
                    "spelling maps one letter to one letter, not {s:?}"
                ))),
            }
        };
        spelling.push((one(from)?, one(to)?));
    }
    tagger.set_spelling(spelling);
    if !as_features && !lexicon.is_empty() {
        tagger.set_lexicon(lexicon.clone());
    }
    // After the lexicon: a list's `A|B` entries narrow the lexicon's classes.
    for list in &recipe.tag_lists {
        tagger.force_tags(&tag_list(&data_file(list)?));
    }
    let empty_lexicon = Lexicon::default();
    let parser_train = jackknife(
        &train,
        recipe.jackknife,
        TrainConfig {
            epochs: recipe.epochs,
            seed: recipe.seed,
        },
        if as_features && recipe.jackknife_lexicon {
            &lexicon
        } else {
            &empty_lexicon
        },
    );
    let parser = parser_seam::train(
        &parser_train,
        recipe.parser_epochs.unwrap_or(recipe.epochs),
        recipe.seed,
    );
    let header = ModelHeader {
        language: language.to_string(),
        training: recipe.train.clone(),
        licences: recipe.licences.clone(),
        sentences: train.len(),
        words: train.iter().map(|s| s.words.len()).sum(),
        epochs: recipe.epochs,
        seed: recipe.seed,
        trainer: format!("armsgraph {}", env!("CARGO_PKG_VERSION")),
        scores: Vec::new(),
        notes: recipe.notes.clone(),
        case_roles: if recipe.case_roles {
            super::case_roles::learn(
                &train,
                recipe.case_roles_min_count,
                recipe.case_roles_min_share,
            )
        } else {
            BTreeMap::new()
        },
    };
    let mut model = LanguageModel::new(header, tagger, parser);
    model.compressed = !recipe.uncompressed;
    let mut scores = Vec::new();
    for (split, specs) in [("dev", &recipe.dev), ("test", &recipe.test)] {
        for spec in specs {
            let gold = read_part(ud_dir, spec)?;
            let name = if specs.len() > 1 {
                let treebank = spec.split('/').next().unwrap_or(spec);
                format!("{split}:{treebank}")
            } else {
                split.to_string()
            };
            scores.push(SplitScore::new(
                &name,
                vec![spec.clone()],
                &model.evaluate(&gold),
            ));
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
pub fn train_all(
    ud_dir: &Path,
    out_dir: &Path,
    recipes_text: &str,
    languages: &[String],
    data_file: &dyn Fn(&str) -> Result<String, SyntaxError>,
) -> Result<Vec<TrainReport>, SyntaxError> {
    let all = recipes(recipes_text)?;
    for l in languages {
        if !all.contains_key(l) {
            return Err(SyntaxError::Recipe(format!("no recipe for language {l:?}")));
        }
    }
    let mut reports = Vec::new();
    for (lang, recipe) in &all {
        if !languages.is_empty() && !languages.contains(lang) {
            continue;
        }
        let (model, mut report) = train_language(ud_dir, lang, recipe, data_file)?;
        let path = out_dir.join(format!("{lang}.bin"));
        let bytes = model.to_bytes()?;
        report.bytes = bytes.len();
        std::fs::write(&path, bytes).map_err(|source| SyntaxError::Io {
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
    fn shipped_recipes_parse_and_use_no_non_commercial_data_for_training() {
        let text = include_str!("../../../../data/syntax/training.toml");
        let all = recipes(text).expect("recipes parse");
        assert!(all.contains_key("en"));
        for (lang, r) in &all {
            assert!(
                r.train.iter().all(|f| !f.contains("Ukrainian-IU")),
                "{lang}: UD Ukrainian-IU is CC BY-NC-SA, evaluation only"
            );
            assert_eq!(
                r.licences.len(),
                r.train.len(),
                "{lang}: one licence per source"
            );
            for t in r.tagger_train.iter().flatten() {
                assert!(
                    r.train.contains(t),
                    "{lang}: tagger source {t:?} not in train"
                );
            }
        }
    }

    const TINY: &str =
        "# text = a b\n1\ta\ta\tNOUN\t_\t_\t0\troot\t_\t_\n2\tb\tb\tVERB\t_\t_\t1\tdep\t_\t_\n\n";

    #[test]
    fn extra_sources_come_from_the_data_directory_with_ranges() {
        let two = format!("{TINY}{TINY}");
        let data_file = |name: &str| -> Result<String, SyntaxError> {
            assert_eq!(name, "extra/x.conllu");
            Ok(two.clone())
        };
        let specs = vec!["extra:x.conllu#0-50".to_string()];
        let got = read_all(Path::new("/nonexistent"), &specs, &data_file).expect("read");
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn a_tagger_source_outside_train_is_an_error() {
        let recipe: Recipe = toml::from_str(
            r#"train = ["extra:x.conllu"]
licences = ["CC0"]
epochs = 1
tagger_train = ["extra:y.conllu"]"#,
        )
        .expect("recipe");
        let data_file = |_: &str| -> Result<String, SyntaxError> { Ok(TINY.to_string()) };
        let Err(err) = train_language(Path::new("/nonexistent"), "xx", &recipe, &data_file) else {
            panic!("a tagger source outside train trained");
        };
        assert!(err.to_string().contains("not in train"), "{err}");
    }
}
