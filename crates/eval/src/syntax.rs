//! `eval syntax`: the syntax layer on Universal Dependencies treebanks, scored as the CoNLL
//! 2018 shared task scores gold-tokenised input: per syntactic word UPOS, lemma, the whole
//! feature set, UAS and LAS; plus core-argument F1 and sentences per second.

use std::path::{Path, PathBuf};
use std::time::Instant;

use armsgraph_kb::DataFiles;
use armsgraph_nlp::syntax::score::Scores;
use armsgraph_nlp::syntax::train::read_conllu;
use armsgraph_nlp::syntax::{LanguageModel, SyntaxError, SyntaxModels};

#[derive(Debug, thiserror::Error)]
pub enum SyntaxEvalError {
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    #[error("cannot list {path}: {source}")]
    List {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("no .conllu or .conllu.xz file in {0}")]
    NoFiles(String),
    #[error("cannot tell the language of {0}: pass --lang")]
    UnknownLanguage(String),
    #[error("no syntax model for language {0:?} (data/syntax/{0}.bin)")]
    NoModel(String),
    #[error("syntax model for {lang}: {message}")]
    BrokenModel { lang: String, message: String },
}

/// Scores of one file.
#[derive(Debug, Clone)]
pub struct FileScore {
    pub path: PathBuf,
    pub language: String,
    pub scores: Scores,
    /// Seconds spent tagging and parsing (reading the file excluded).
    pub seconds: f64,
}

#[derive(Debug, Clone, Default)]
pub struct SyntaxReport {
    pub files: Vec<FileScore>,
    pub total: Scores,
    pub seconds: f64,
}

impl SyntaxReport {
    pub fn sentences_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.total.sentences as f64 / self.seconds
        } else {
            0.0
        }
    }
}

/// `en_ewt-ud-test.conllu.xz` → `en` (the UD file-name convention).
pub fn language_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let (lang, _) = name.split_once('_')?;
    (lang.len() == 2 || lang.len() == 3).then(|| lang.to_string())
}

fn is_conllu(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(".conllu") || name.ends_with(".conllu.xz")
}

/// The files to score: `path` itself, or every CoNLL-U file in the directory, sorted.
pub fn files_of(path: &Path) -> Result<Vec<PathBuf>, SyntaxEvalError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let list = |source| SyntaxEvalError::List {
        path: path.display().to_string(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).map_err(list)? {
        let p = entry.map_err(list)?.path();
        if is_conllu(&p) {
            out.push(p);
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(SyntaxEvalError::NoFiles(path.display().to_string()));
    }
    Ok(out)
}

/// Score one model on one gold file.
pub fn score_file(model: &LanguageModel, path: &Path) -> Result<(Scores, f64), SyntaxEvalError> {
    let gold = read_conllu(path)?;
    let started = Instant::now();
    let scores = model.evaluate(&gold);
    Ok((scores, started.elapsed().as_secs_f64()))
}

/// Score the shipped (or `--data-dir`) models on a file or directory; `language` overrides
/// the language read from each file name; `model` scores that model file instead.
pub fn evaluate(
    files: &DataFiles,
    path: &Path,
    language: Option<&str>,
    model: Option<&Path>,
) -> Result<SyntaxReport, SyntaxEvalError> {
    let models = SyntaxModels::new(files);
    let own = match model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|source| SyntaxError::Io {
                path: p.display().to_string(),
                source,
            })?;
            Some(LanguageModel::from_bytes(&bytes)?)
        }
        None => None,
    };
    let mut report = SyntaxReport::default();
    for file in files_of(path)? {
        let lang = match language {
            Some(l) => l.to_string(),
            None => language_of(&file)
                .ok_or_else(|| SyntaxEvalError::UnknownLanguage(file.display().to_string()))?,
        };
        let m = match &own {
            Some(m) => m,
            None => models
                .get(&lang)
                .ok_or_else(|| SyntaxEvalError::NoModel(lang.clone()))?
                .map_err(|message| SyntaxEvalError::BrokenModel {
                    lang: lang.clone(),
                    message: message.to_string(),
                })?,
        };
        let (scores, seconds) = score_file(m, &file)?;
        add(&mut report.total, &scores);
        report.seconds += seconds;
        report.files.push(FileScore {
            path: file,
            language: lang,
            scores,
            seconds,
        });
    }
    Ok(report)
}

fn add(total: &mut Scores, s: &Scores) {
    total.sentences += s.sentences;
    total.words += s.words;
    total.upos += s.upos;
    total.lemma += s.lemma;
    total.feats += s.feats;
    total.parsed += s.parsed;
    total.uas += s.uas;
    total.las += s.las;
    total.core_gold += s.core_gold;
    total.core_predicted += s.core_predicted;
    total.core_correct += s.core_correct;
}

/// `upos=0.9512 lemma=… feats=… uas=… las=… core_f1=… sentences_per_s=…`; dependency scores
/// are `n/a` when the model has no parser.
pub fn summary_line(s: &Scores, sentences_per_s: f64) -> String {
    let opt = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.4}"));
    format!(
        "upos={:.4} lemma={:.4} feats={:.4} uas={} las={} core_f1={} sentences_per_s={:.0}",
        s.upos_accuracy(),
        s.lemma_accuracy(),
        s.feats_accuracy(),
        opt(s.uas()),
        opt(s.las()),
        opt(s.core_f1()),
        sentences_per_s
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_ud_file_name() {
        assert_eq!(
            language_of(Path::new("x/en_ewt-ud-test.conllu.xz")).as_deref(),
            Some("en")
        );
        assert_eq!(language_of(Path::new("gold.conllu")), None);
    }

    #[test]
    fn summary_line_has_every_figure() {
        let s = Scores {
            sentences: 1,
            words: 4,
            upos: 3,
            lemma: 4,
            feats: 2,
            ..Default::default()
        };
        assert_eq!(
            summary_line(&s, 1234.4),
            "upos=0.7500 lemma=1.0000 feats=0.5000 uas=n/a las=n/a core_f1=n/a sentences_per_s=1234"
        );
    }
}
