//! Every feature the entity tagger sees, in one place: the syntax layer's word features
//! (word, affixes, shape, neighbours), the predicted UPOS and lemma, knowledge-base names
//! ([`super::gazetteer`]) and the two previous predicted labels. Changing a template
//! changes every model: retrain.

use crate::syntax::features::{feature, WordContext};

use super::gazetteer::GazTag;

/// One sentence as the entity tagger reads it.
pub struct NerInput<'a> {
    pub ctx: WordContext<'a>,
    pub upos: Vec<&'a str>,
    pub lemmas: Vec<String>,
    pub gaz: Vec<GazTag>,
    /// Per word, where it occurs in KB names ([`super::gazetteer::word_bits`]).
    pub word_class: Vec<u8>,
    /// Whether most words of the sentence are capitalised (a headline or a title), where
    /// capitals say little.
    pub title_case: bool,
}

impl<'a> NerInput<'a> {
    pub fn new(
        forms: &'a [&'a str],
        upos: Vec<&'a str>,
        lemmas: Vec<String>,
        gaz: Vec<GazTag>,
        word_class: Vec<u8>,
    ) -> NerInput<'a> {
        let words = forms
            .iter()
            .filter(|f| f.chars().next().is_some_and(char::is_alphabetic))
            .count();
        let capitalised = forms
            .iter()
            .filter(|f| f.chars().next().is_some_and(char::is_uppercase))
            .count();
        NerInput {
            ctx: WordContext::new(forms),
            upos,
            lemmas,
            gaz,
            word_class,
            title_case: words >= 4 && capitalised * 10 >= words * 7,
        }
    }

    fn upos_at(&self, i: isize) -> &[u8] {
        if i < 0 {
            return b"<s>";
        }
        self.upos
            .get(i as usize)
            .map(|u| u.as_bytes())
            .unwrap_or(b"</s>")
    }

    fn gaz_at(&self, i: isize) -> &[u8] {
        if i < 0 {
            return b"<s>";
        }
        self.gaz
            .get(i as usize)
            .map(|g| g.label().as_bytes())
            .unwrap_or(b"</s>")
    }

    fn shape_at(&self, i: isize) -> &[u8] {
        if i < 0 {
            return b"<s>";
        }
        self.ctx
            .words
            .get(i as usize)
            .map(|w| w.shape.as_bytes())
            .unwrap_or(b"</s>")
    }
}

/// Features of word `i` given the labels predicted for the two words before it.
pub fn ner_features(input: &NerInput, i: usize, prev: [u16; 2], out: &mut Vec<u64>) {
    input.ctx.static_features(i, out);
    let Some(w) = input.ctx.words.get(i) else {
        return;
    };
    let ii = i as isize;
    let p0 = prev[0].to_le_bytes();
    let p1 = prev[1].to_le_bytes();
    let shape = w.shape.as_bytes();
    let upos = input.upos_at(ii);
    let gaz = input.gaz_at(ii);
    let lemma = input
        .lemmas
        .get(i)
        .map(|l| l.to_lowercase())
        .unwrap_or_default();
    let tc = [u8::from(input.title_case)];
    out.push(feature(50, &[upos]));
    out.push(feature(51, &[input.upos_at(ii - 1)]));
    out.push(feature(52, &[input.upos_at(ii + 1)]));
    out.push(feature(53, &[upos, shape]));
    out.push(feature(54, &[lemma.as_bytes()]));
    out.push(feature(
        55,
        &[input.upos_at(ii - 1), upos, input.upos_at(ii + 1)],
    ));
    out.push(feature(56, &[gaz]));
    out.push(feature(57, &[input.gaz_at(ii - 1)]));
    out.push(feature(58, &[input.gaz_at(ii + 1)]));
    out.push(feature(59, &[gaz, shape]));
    out.push(feature(60, &[gaz, upos]));
    out.push(feature(61, &[&p0]));
    out.push(feature(62, &[&p1, &p0]));
    out.push(feature(63, &[&p0, shape]));
    out.push(feature(64, &[&p0, w.lower.as_bytes()]));
    out.push(feature(65, &[&p0, gaz]));
    out.push(feature(66, &[input.shape_at(ii - 1), shape]));
    out.push(feature(67, &[shape, input.shape_at(ii + 1)]));
    out.push(feature(
        68,
        &[input.shape_at(ii - 1), shape, input.shape_at(ii + 1)],
    ));
    out.push(feature(69, &[&tc, shape, &[u8::from(i == 0)]]));
    out.push(feature(70, &[upos, w.suffix(3).as_bytes()]));
    out.push(feature(71, &[&p0, upos]));
    let wc = |j: isize| -> [u8; 1] {
        if j < 0 {
            return [0xfe];
        }
        [input.word_class.get(j as usize).copied().unwrap_or(0xff)]
    };
    out.push(feature(72, &[&wc(ii)]));
    out.push(feature(73, &[&wc(ii), shape]));
    out.push(feature(74, &[&wc(ii - 1), &wc(ii)]));
    out.push(feature(75, &[&wc(ii), &wc(ii + 1)]));
    out.push(feature(76, &[&wc(ii), &p0]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_told_apart() {
        let forms = ["Russia", "Sends", "More", "Tanks", "To", "Front"];
        let input = NerInput::new(
            &forms,
            vec!["PROPN"; 6],
            vec![String::new(); 6],
            vec![],
            vec![],
        );
        assert!(input.title_case);
        let forms = ["Russia", "sends", "more", "tanks", "to", "the", "front"];
        let input = NerInput::new(&forms, vec![], vec![], vec![], vec![]);
        assert!(!input.title_case);
        let mut f = Vec::new();
        ner_features(&input, 0, [0, 0], &mut f);
        assert!(f.len() > 30);
    }
}
