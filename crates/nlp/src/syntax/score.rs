//! Scores of predicted against gold syntactic words, as the CoNLL 2018 shared task counts
//! them on gold tokenisation: per word, UPOS, lemma, the whole feature set, head (UAS) and
//! head + relation (LAS); and F1 of core arguments attached to the right head.

use super::conllu::ConlluSentence;

/// Relations counted as core arguments (with their subtypes as written).
pub const CORE_RELATIONS: &[&str] = &["nsubj", "nsubj:pass", "obj", "iobj", "csubj", "obl:agent"];

/// What a model said about one word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PredictedWord {
    pub upos: String,
    pub lemma: String,
    pub feats: String,
    /// 1-based head and relation, when a parser ran.
    pub head: Option<(usize, String)>,
}

/// Counts over any number of sentences; [`Scores::add`] one sentence at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    pub lemma: usize,
    pub feats: usize,
    /// Words whose head was predicted at all.
    pub parsed: usize,
    pub uas: usize,
    pub las: usize,
    pub core_gold: usize,
    pub core_predicted: usize,
    pub core_correct: usize,
}

fn same_feats(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let mut x: Vec<&str> = a.split('|').filter(|f| *f != "_").collect();
    let mut y: Vec<&str> = b.split('|').filter(|f| *f != "_").collect();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

fn is_core(deprel: &str) -> bool {
    CORE_RELATIONS.contains(&deprel)
}

impl Scores {
    /// Score one sentence; `predicted` has one entry per gold word (missing ones count wrong).
    pub fn add(&mut self, gold: &ConlluSentence, predicted: &[PredictedWord]) {
        self.sentences += 1;
        for (i, g) in gold.words.iter().enumerate() {
            self.words += 1;
            if is_core(&g.deprel) {
                self.core_gold += 1;
            }
            let Some(p) = predicted.get(i) else {
                continue;
            };
            self.upos += usize::from(p.upos == g.upos);
            self.lemma += usize::from(p.lemma == g.lemma);
            self.feats += usize::from(same_feats(&p.feats, &g.feats));
            if let Some((head, deprel)) = &p.head {
                self.parsed += 1;
                if *head == g.head {
                    self.uas += 1;
                    if *deprel == g.deprel {
                        self.las += 1;
                    }
                }
                if is_core(deprel) {
                    self.core_predicted += 1;
                    if *head == g.head && *deprel == g.deprel {
                        self.core_correct += 1;
                    }
                }
            }
        }
    }

    fn ratio(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            n as f64 / d as f64
        }
    }

    pub fn upos_accuracy(&self) -> f64 {
        Self::ratio(self.upos, self.words)
    }
    pub fn lemma_accuracy(&self) -> f64 {
        Self::ratio(self.lemma, self.words)
    }
    pub fn feats_accuracy(&self) -> f64 {
        Self::ratio(self.feats, self.words)
    }
    /// `None` when nothing was parsed.
    pub fn uas(&self) -> Option<f64> {
        (self.parsed > 0).then(|| Self::ratio(self.uas, self.words))
    }
    pub fn las(&self) -> Option<f64> {
        (self.parsed > 0).then(|| Self::ratio(self.las, self.words))
    }
    pub fn core_f1(&self) -> Option<f64> {
        if self.parsed == 0 {
            return None;
        }
        let denom = self.core_gold + self.core_predicted;
        Some(Self::ratio(2 * self.core_correct, denom))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;

    #[test]
    fn counts_words_features_as_sets_and_core_arguments() {
        let gold = conllu::parse(
            "1\tGuns\tgun\tNOUN\t_\tNumber=Plur\t2\tnsubj\t_\t_\n\
             2\tarrived\tarrive\tVERB\t_\tTense=Past|Mood=Ind\t0\troot\t_\t_\n\n",
        )
        .expect("valid");
        let p = |upos: &str, lemma: &str, feats: &str, head: usize, rel: &str| PredictedWord {
            upos: upos.into(),
            lemma: lemma.into(),
            feats: feats.into(),
            head: Some((head, rel.into())),
        };
        let mut s = Scores::default();
        s.add(
            &gold[0],
            &[
                p("NOUN", "gun", "Number=Plur", 2, "nsubj"),
                p("NOUN", "arrive", "Mood=Ind|Tense=Past", 1, "root"),
            ],
        );
        assert_eq!((s.words, s.upos, s.lemma, s.feats), (2, 1, 2, 2));
        assert_eq!((s.uas, s.las), (1, 1));
        assert_eq!(s.core_f1(), Some(1.0));
        let mut untagged = Scores::default();
        untagged.add(&gold[0], &[]);
        assert_eq!(untagged.upos_accuracy(), 0.0);
        assert_eq!(untagged.las(), None);
    }
}
