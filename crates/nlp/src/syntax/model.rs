//! One file per language (UDPipe-style): a header saying what the model was trained on and
//! how it scored, the tagger+lemmatiser, and the dependency parser when there is one.
//!
//! Layout: `ARMSGRAPH-SYNTAX 3\n`, the header (TOML text, length-prefixed, left readable so
//! that `head` shows what a file is), then the body, stored as it is ([`bytes::write_stored`],
//! read in place from the binary: the start-up language) or brotli-compressed
//! ([`bytes::write_compressed`]): length-prefixed sections for the tagger and the parser
//! (empty when the language has none), whose tables are laid out to be read in place
//! ([`super::packed`]). Versions 2 (the older sections, compressed) and 1 (uncompressed) are
//! still read, by building the same tables.
//!
//! [`bytes::write_compressed`]: super::bytes::write_compressed
//! [`bytes::write_stored`]: super::bytes::write_stored

use serde::{Deserialize, Serialize};

use super::bytes::{read_body, read_compressed, write_compressed, write_stored, Reader, Writer};
use super::conllu::ConlluSentence;
use super::packed::Bytes;
use super::score::{PredictedWord, Scores};
use super::tagger::Tagger;
use super::SyntaxError;
use std::collections::BTreeMap;

const MAGIC: &[u8] = b"ARMSGRAPH-SYNTAX 3\n";
/// Files whose tables were hash maps written as sorted pairs: compressed (2), or not (1).
const MAGIC_V2: &[u8] = b"ARMSGRAPH-SYNTAX 2\n";
const MAGIC_V1: &[u8] = b"ARMSGRAPH-SYNTAX 1\n";

/// The dependency parser as the syntax layer sees it. The implementation lives in
/// `parser.rs`; [`parser_seam`] is the one place that connects the two.
pub trait DependencyParser: Send + Sync {
    /// 1-based head (0 = root) and relation of each word.
    fn parse(&self, forms: &[&str], upos: &[&str], feats: &[&str]) -> Vec<(usize, String)>;
    fn to_bytes(&self) -> Vec<u8>;
    /// The format model files before format 3 held (to check a conversion).
    fn to_v1_bytes(&self) -> Vec<u8>;
}

/// Where the parser plugs in: loading and training.
pub mod parser_seam {
    use super::{DependencyParser, SyntaxError};
    use crate::syntax::conllu::ConlluSentence;
    use crate::syntax::packed::Bytes;
    use crate::syntax::parser::ParserModel;

    impl DependencyParser for ParserModel {
        fn parse(&self, forms: &[&str], upos: &[&str], feats: &[&str]) -> Vec<(usize, String)> {
            ParserModel::parse(self, forms, upos, feats)
        }
        fn to_bytes(&self) -> Vec<u8> {
            ParserModel::to_bytes(self)
        }
        fn to_v1_bytes(&self) -> Vec<u8> {
            ParserModel::to_v1_bytes(self)
        }
    }

    /// An empty parser section (a model trained without one) gives no parser.
    pub fn load(bytes: &Bytes) -> Result<Option<Box<dyn DependencyParser>>, SyntaxError> {
        if bytes.is_empty() {
            return Ok(None);
        }
        let model =
            ParserModel::read(bytes).map_err(|e| SyntaxError::Model(format!("parser: {e}")))?;
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
    /// The parser section in the current format, so a model can be re-saved by a build
    /// without the parser.
    parser_bytes: Bytes,
    /// Whether [`LanguageModel::to_bytes`] compresses the body (the default) or stores it to
    /// be read in place (`uncompressed = true` in the recipe: the start-up language).
    pub compressed: bool,
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
        let parser_bytes =
            Bytes::from_vec(parser.as_ref().map(|p| p.to_bytes()).unwrap_or_default());
        LanguageModel {
            header,
            tagger,
            parser,
            parser_bytes,
            compressed: true,
        }
    }

    pub fn has_parser(&self) -> bool {
        self.parser.is_some()
    }

    /// Tag (and parse, when there is a parser) one sentence of words.
    pub fn analyse(&self, forms: &[&str]) -> Vec<PredictedWord> {
        self.analyse_with_names(forms, &[])
    }

    /// [`LanguageModel::analyse`] with the words a knowledge base names as proper nouns
    /// ([`Tagger::tag_with_names`]).
    pub fn analyse_with_names(
        &self,
        forms: &[&str],
        names: &[super::tagger::NameHint],
    ) -> Vec<PredictedWord> {
        let tagged = self.tagger.tag_with_names(forms, names);
        let heads = self.parser.as_ref().map(|p| {
            let upos: Vec<&str> = tagged.iter().map(|t| t.upos).collect();
            let feats: Vec<&str> = tagged.iter().map(|t| t.feats).collect();
            let mut heads = p.parse(forms, &upos, &feats);
            super::parser::attach_nominal_dependents(&upos, &mut heads);
            super::parser::coordinate_repeated_subjects(forms, &upos, &mut heads);
            super::parser::passive_objects_as_subjects(&upos, &mut heads);
            super::parser::objects_opening_clauses(&upos, &feats, &mut heads);
            super::parser::participle_predicates(forms, &upos, &feats, &mut heads);
            super::parser::postposed_report_subjects(forms, &upos, &feats, &mut heads);
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
        body.bytes(self.parser_bytes.as_slice());
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.str(&header);
        if self.compressed {
            write_compressed(&mut w, &body.buf)?;
        } else {
            write_stored(&mut w, &body.buf);
        }
        Ok(w.buf)
    }

    /// The body of a format-2 file holding this model (its sections before format 3): a
    /// file converted to format 3 holds the same model when this equals the old body.
    pub fn legacy_body(&self) -> Vec<u8> {
        let mut body = Writer::default();
        body.bytes(&self.tagger.to_legacy_bytes());
        body.bytes(
            &self
                .parser
                .as_ref()
                .map(|p| p.to_v1_bytes())
                .unwrap_or_default(),
        );
        body.buf
    }

    /// Reads a model from a copy of `data`.
    pub fn from_bytes(data: &[u8]) -> Result<LanguageModel, SyntaxError> {
        LanguageModel::read(Bytes::from_vec(data.to_vec()))
    }

    /// Reads a model file; a stored (uncompressed) format-3 body is read in place, so
    /// loading the model embedded in the binary copies nothing but a few short lists.
    pub fn read(data: Bytes) -> Result<LanguageModel, SyntaxError> {
        let (magic, version) = Self::version(data.as_slice())?;
        let rest = data.slice(magic, data.len())?;
        let mut r = Reader::new(rest.as_slice());
        let header = Self::header_from(&r.str()?)?;
        if version == 3 {
            // The codec byte: 0 = stored (see `bytes::write_stored`).
            let compressed = rest.as_slice().get(r.position()) != Some(&0);
            let body = read_body(&rest, &mut r)?;
            let mut b = Reader::new(body.as_slice());
            let tagger = Tagger::read(&body.take_prefixed(&mut b)?)?;
            let parser_bytes = body.take_prefixed(&mut b)?;
            let parser = parser_seam::load(&parser_bytes)?;
            return Ok(LanguageModel {
                header,
                tagger,
                parser,
                parser_bytes,
                compressed,
            });
        }
        let body;
        if version == 2 {
            body = read_compressed(&mut r)?;
            r = Reader::new(&body);
        }
        let tagger = Tagger::from_legacy_bytes(r.bytes()?)?;
        let parser = parser_seam::load(&Bytes::from_vec(r.bytes()?.to_vec()))?;
        // Rewritten compressed unless a recipe says otherwise.
        Ok(LanguageModel::new(header, tagger, parser))
    }

    /// The length of the magic line and the format version it names.
    fn version(data: &[u8]) -> Result<(usize, u8), SyntaxError> {
        for (magic, version) in [(MAGIC, 3), (MAGIC_V2, 2), (MAGIC_V1, 1)] {
            if data.starts_with(magic) {
                return Ok((magic.len(), version));
            }
        }
        Err(SyntaxError::Model("not an armsgraph syntax model".into()))
    }

    fn header_from(text: &str) -> Result<ModelHeader, SyntaxError> {
        toml::from_str(text).map_err(|e| SyntaxError::Model(format!("header: {e}")))
    }

    /// Only the header of a model file (for `armsgraph` to report what it ships).
    pub fn header_of(data: &[u8]) -> Result<ModelHeader, SyntaxError> {
        let (magic, _) = Self::version(data)?;
        let rest = data.get(magic..).unwrap_or_default();
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
        let parser = parser_seam::train(&gold, 2, 1);
        let model = LanguageModel::new(header.clone(), tagger, parser);
        let bytes = model.to_bytes().expect("serialises");
        let back = LanguageModel::from_bytes(&bytes).expect("reads back");
        assert_eq!(back.header, header);
        assert_eq!(LanguageModel::header_of(&bytes).expect("header"), header);
        assert!(back.has_parser());
        let analysed = model.analyse(&["Guns", "arrived"]);
        assert_eq!(analysed[0].upos, "NOUN");
        assert_eq!(back.analyse(&["Guns", "arrived"]), analysed);
        assert!(LanguageModel::from_bytes(b"not a model").is_err());
        assert_eq!(
            bytes,
            back.to_bytes().expect("again"),
            "rewriting keeps the bytes"
        );

        // Stored uncompressed: read in place, the same model.
        let mut plain = LanguageModel::from_bytes(&bytes).expect("reads");
        plain.compressed = false;
        let stored = plain.to_bytes().expect("stores");
        assert_ne!(stored, bytes);
        let in_place = LanguageModel::read(Bytes::new(stored.clone().into())).expect("in place");
        assert!(!in_place.compressed);
        assert_eq!(in_place.analyse(&["Guns", "arrived"]), analysed);
        assert_eq!(in_place.legacy_body(), model.legacy_body());
        assert_eq!(in_place.to_bytes().expect("again"), stored);

        // Files of versions 1 (sections uncompressed) and 2 (compressed), whose tables were
        // sorted pairs, still read as the same model.
        let header_text = toml::to_string(&header).expect("toml");
        let mut v1 = Writer::default();
        v1.buf.extend_from_slice(MAGIC_V1);
        v1.str(&header_text);
        v1.buf.extend_from_slice(&model.legacy_body());
        let old = LanguageModel::from_bytes(&v1.buf).expect("version 1 reads");
        assert_eq!(old.header, header);
        assert_eq!(old.to_bytes().expect("rewrites"), bytes);
        let mut v2 = Writer::default();
        v2.buf.extend_from_slice(MAGIC_V2);
        v2.str(&header_text);
        write_compressed(&mut v2, &model.legacy_body()).expect("compresses");
        let old = LanguageModel::from_bytes(&v2.buf).expect("version 2 reads");
        assert_eq!(old.analyse(&["Guns", "arrived"]), analysed);
        assert_eq!(old.to_bytes().expect("rewrites"), bytes);
        for cut in [1, 9, stored.len() / 2] {
            assert!(LanguageModel::from_bytes(&stored[..stored.len() - cut]).is_err());
        }
        // A body cut short is an error, not a panic.
        assert!(LanguageModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}
