//! One file per language (UDPipe-style): a header saying what the model was trained on and
//! how it scored, the tagger+lemmatiser, and the dependency parser when there is one.
//!
//! Layout: `ARMSGRAPH-SYNTAX 2\n`, the header (TOML text, length-prefixed, left readable so
//! that `head` shows what a file is), then the body compressed ([`bytes::write_compressed`]):
//! length-prefixed sections for the tagger and the parser (empty when the language has none).
//! Version 1 (the same sections, uncompressed, after the header) is still read.
//!
//! [`bytes::write_compressed`]: super::bytes::write_compressed

use serde::{Deserialize, Serialize};

use super::bytes::{read_compressed, write_compressed, Reader, Writer};
use super::conllu::ConlluSentence;
use super::score::{PredictedWord, Scores};
use super::tagger::Tagger;
use super::SyntaxError;
use std::collections::BTreeMap;

const MAGIC: &[u8] = b"ARMSGRAPH-SYNTAX 2\n";
/// Files written before the body was compressed.
const MAGIC_V1: &[u8] = b"ARMSGRAPH-SYNTAX 1\n";

/// The dependency parser as the syntax layer sees it. The implementation lives in
/// `parser.rs`; [`parser_seam`] is the one place that connects the two.
pub trait DependencyParser: Send + Sync {
    /// 1-based head (0 = root) and relation of each word.
    fn parse(&self, forms: &[&str], upos: &[&str], feats: &[&str]) -> Vec<(usize, String)>;
    fn to_bytes(&self) -> Vec<u8>;
}

/// Where the parser plugs in: loading and training.
pub mod parser_seam {
    use super::{DependencyParser, SyntaxError};
    use crate::syntax::conllu::ConlluSentence;
    use crate::syntax::parser::ParserModel;

    impl DependencyParser for ParserModel {
        fn parse(&self, forms: &[&str], upos: &[&str], feats: &[&str]) -> Vec<(usize, String)> {
            ParserModel::parse(self, forms, upos, feats)
        }
        fn to_bytes(&self) -> Vec<u8> {
            ParserModel::to_bytes(self)
        }
    }

    /// An empty parser section (a model trained without one) gives no parser.
    pub fn load(bytes: &[u8]) -> Result<Option<Box<dyn DependencyParser>>, SyntaxError> {
        if bytes.is_empty() {
            return Ok(None);
        }
        let model = ParserModel::from_bytes(bytes)
            .map_err(|e| SyntaxError::Model(format!("parser: {e}")))?;
        Ok(Some(Box::new(model)))
    }

    /// Trained on the tags the sentences carry: gold, or jack-knifed predicted tags when the
    /// recipe asks for them (`train::jackknife`).
    pub fn train(
        sentences: &[ConlluSentence],
        epochs: usize,
        seed: u64,
    ) -> Option<Box<dyn DependencyParser>> {
        if sentences.is_empty() {
            return None;
        }
        Some(Box::new(ParserModel::train(sentences, epochs, seed)))
    }
}

/// Scores of one evaluation split, as recorded in a model header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitScore {
    /// `dev`, `test`, `test:UD_French-Sequoia`…
    pub split: String,
    /// The files (and sentence ranges) scored.
    pub data: Vec<String>,
    pub words: usize,
    pub upos: f64,
    pub lemma: f64,
    pub feats: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uas: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub las: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_f1: Option<f64>,
}

impl SplitScore {
    pub fn new(split: &str, data: Vec<String>, s: &Scores) -> SplitScore {
        let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
        SplitScore {
            split: split.to_string(),
            data,
            words: s.words,
            upos: round(s.upos_accuracy()),
            lemma: round(s.lemma_accuracy()),
            feats: round(s.feats_accuracy()),
            uas: s.uas().map(round),
            las: s.las().map(round),
            core_f1: s.core_f1().map(round),
        }
    }
}

/// What a model was made from: enough to rebuild it and to judge it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelHeader {
    pub language: String,
    /// Training files (and sentence ranges) with their licences.
    pub training: Vec<String>,
    pub licences: Vec<String>,
    pub sentences: usize,
    pub words: usize,
    pub epochs: usize,
    pub seed: u64,
    /// `armsgraph train syntax` version that wrote the file.
    pub trainer: String,
    #[serde(default)]
    pub scores: Vec<SplitScore>,
    #[serde(default)]
    pub notes: String,
    /// Relations of bare nominal dependents of verbs by case (`Nom` → `nsubj`), learnt from
    /// the training treebank and applied after the parser (see [`super::case_roles`]);
    /// empty for a language without the repair.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub case_roles: BTreeMap<String, String>,
}

/// A language's syntax model, loaded once.
pub struct LanguageModel {
    pub header: ModelHeader,
    pub tagger: Tagger,
    parser: Option<Box<dyn DependencyParser>>,
    /// The parser section as read, so a model can be re-saved by a build without the parser.
    parser_bytes: Vec<u8>,
}

impl std::fmt::Debug for LanguageModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageModel")
            .field("header", &self.header)
            .field("parser", &self.parser.is_some())
            .finish_non_exhaustive()
    }
}

impl LanguageModel {
    pub fn new(
        header: ModelHeader,
        tagger: Tagger,
        parser: Option<Box<dyn DependencyParser>>,
    ) -> LanguageModel {
        let parser_bytes = parser.as_ref().map(|p| p.to_bytes()).unwrap_or_default();
        LanguageModel {
            header,
            tagger,
            parser,
            parser_bytes,
        }
    }

    pub fn has_parser(&self) -> bool {
        self.parser.is_some()
    }

    /// Tag (and parse, when there is a parser) one sentence of words.
    pub fn analyse(&self, forms: &[&str]) -> Vec<PredictedWord> {
        let tagged = self.tagger.tag(forms);
        let heads = self.parser.as_ref().map(|p| {
            let upos: Vec<&str> = tagged.iter().map(|t| t.upos).collect();
            let feats: Vec<&str> = tagged.iter().map(|t| t.feats).collect();
            let mut heads = p.parse(forms, &upos, &feats);
            super::parser::attach_nominal_dependents(&upos, &mut heads);
            super::case_roles::apply(&self.header.case_roles, &upos, &feats, &mut heads);
            heads
        });
        tagged
            .into_iter()
            .enumerate()
            .map(|(i, t)| PredictedWord {
                upos: t.upos.to_string(),
                lemma: t.lemma,
                feats: t.feats.to_string(),
                head: heads.as_ref().and_then(|h| h.get(i).cloned()),
            })
            .collect()
    }

    /// Scores on gold-tokenised sentences.
    pub fn evaluate(&self, sentences: &[ConlluSentence]) -> Scores {
        let mut scores = Scores::default();
        for s in sentences {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            scores.add(s, &self.analyse(&forms));
        }
        scores
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, SyntaxError> {
        let header = toml::to_string(&self.header)
            .map_err(|e| SyntaxError::Model(format!("header: {e}")))?;
        let mut body = Writer::default();
        body.bytes(&self.tagger.to_bytes());
        body.bytes(&self.parser_bytes);
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.str(&header);
        write_compressed(&mut w, &body.buf)?;
        Ok(w.buf)
    }

    pub fn from_bytes(data: &[u8]) -> Result<LanguageModel, SyntaxError> {
        let (rest, compressed) = Self::strip_magic(data)?;
        let mut r = Reader::new(rest);
        let header = Self::header_from(&r.str()?)?;
        let body;
        if compressed {
            body = read_compressed(&mut r)?;
            r = Reader::new(&body);
        }
        let tagger = Tagger::from_bytes(r.bytes()?)?;
        let parser_bytes = r.bytes()?.to_vec();
        let parser = if parser_bytes.is_empty() {
            None
        } else {
            parser_seam::load(&parser_bytes)?
        };
        Ok(LanguageModel {
            header,
            tagger,
            parser,
            parser_bytes,
        })
    }

    /// The bytes after the magic line, and whether the body is compressed (version 2).
    fn strip_magic(data: &[u8]) -> Result<(&[u8], bool), SyntaxError> {
        if let Some(rest) = data.strip_prefix(MAGIC) {
            Ok((rest, true))
        } else if let Some(rest) = data.strip_prefix(MAGIC_V1) {
            Ok((rest, false))
        } else {
            Err(SyntaxError::Model("not an armsgraph syntax model".into()))
        }
    }

    fn header_from(text: &str) -> Result<ModelHeader, SyntaxError> {
        toml::from_str(text).map_err(|e| SyntaxError::Model(format!("header: {e}")))
    }

    /// Only the header of a model file (for `armsgraph` to report what it ships).
    pub fn header_of(data: &[u8]) -> Result<ModelHeader, SyntaxError> {
        let (rest, _) = Self::strip_magic(data)?;
        Self::header_from(&Reader::new(rest).str()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;
    use crate::syntax::tagger::TrainConfig;

    #[test]
    fn model_files_round_trip_with_their_header() {
        let gold = conllu::parse(
            "1\tGuns\tgun\tNOUN\t_\tNumber=Plur\t2\tnsubj\t_\t_\n\
             2\tarrived\tarrive\tVERB\t_\tTense=Past\t0\troot\t_\t_\n\n",
        )
        .expect("valid");
        let tagger = Tagger::train(&gold, TrainConfig { epochs: 2, seed: 1 });
        let header = ModelHeader {
            language: "en".into(),
            training: vec!["tiny".into()],
            seed: 1,
            epochs: 2,
            scores: vec![SplitScore::new("dev", vec![], &Scores::default())],
            ..Default::default()
        };
        let model = LanguageModel::new(header.clone(), tagger, None);
        let bytes = model.to_bytes().expect("serialises");
        let back = LanguageModel::from_bytes(&bytes).expect("reads back");
        assert_eq!(back.header, header);
        assert_eq!(LanguageModel::header_of(&bytes).expect("header"), header);
        assert!(!back.has_parser());
        assert_eq!(back.analyse(&["Guns", "arrived"])[0].upos, "NOUN");
        assert!(LanguageModel::from_bytes(b"not a model").is_err());
        assert_eq!(
            bytes,
            back.to_bytes().expect("again"),
            "rewriting keeps the bytes"
        );

        // A version-1 file (sections uncompressed) still reads as the same model.
        let mut v1 = Writer::default();
        v1.buf.extend_from_slice(MAGIC_V1);
        v1.str(&toml::to_string(&header).expect("toml"));
        v1.bytes(&model.tagger.to_bytes());
        v1.bytes(&[]);
        let old = LanguageModel::from_bytes(&v1.buf).expect("version 1 reads");
        assert_eq!(old.header, header);
        assert_eq!(old.to_bytes().expect("rewrites"), bytes);
        // A body cut short is an error, not a panic.
        assert!(LanguageModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}
