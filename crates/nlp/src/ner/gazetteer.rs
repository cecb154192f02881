//! Knowledge-base names as tagger features: for each word, whether it begins or continues
//! the longest known name there, and what kind of entity that name belongs to. The tagger
//! learns how far to trust this per kind and context, so the KB helps recognise names it
//! holds without deciding alone (and names it lacks are left to the other features).

use std::collections::HashMap;

use armsgraph_kb::{Kb, NameForm};
use armsgraph_model::EntityKind;
use unicode_segmentation::UnicodeSegmentation;

/// What the KB says of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GazTag {
    #[default]
    None,
    Begin(GazKind),
    Inside(GazKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GazKind {
    Person,
    Place,
    Organisation,
    /// A nationality adjective or demonym (`Russian`, `armenisch`).
    Nationality,
    /// Weapons, generic actors and the like: known words that are not names of PER/LOC/ORG.
    Other,
}

impl GazTag {
    /// A short label for the feature hash (`B-PER`).
    pub fn label(self) -> &'static str {
        use GazKind::*;
        match self {
            GazTag::None => "-",
            GazTag::Begin(Person) => "B-PER",
            GazTag::Begin(Place) => "B-LOC",
            GazTag::Begin(Organisation) => "B-ORG",
            GazTag::Begin(Nationality) => "B-NAT",
            GazTag::Begin(Other) => "B-OTH",
            GazTag::Inside(Person) => "I-PER",
            GazTag::Inside(Place) => "I-LOC",
            GazTag::Inside(Organisation) => "I-ORG",
            GazTag::Inside(Nationality) => "I-NAT",
            GazTag::Inside(Other) => "I-OTH",
        }
    }
}

/// Longest name looked for, in words.
const MAX_WORDS: usize = 6;

/// One language's KB names, keyed by their lower-cased words joined with a space.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    names: HashMap<String, GazKind>,
    /// Lower-cased word → where it occurs in multi-word KB names ([`word_bits`] flags): a
    /// first name or surname seen on 23k people says "person" of a name the KB lacks.
    words: HashMap<String, u8>,
}

/// Flags of [`NameIndex::word_class`]: first or last word of a person's name, any word of
/// an organisation's name, last word of an organisation's name, any word of a place's name.
pub mod word_bits {
    pub const PERSON_FIRST: u8 = 1;
    pub const PERSON_LAST: u8 = 2;
    pub const ORG_ANY: u8 = 4;
    pub const ORG_LAST: u8 = 8;
    pub const PLACE_ANY: u8 = 16;
}

/// The words of a name as the tokenizer cuts them (UAX #29, whitespace dropped).
fn key_of<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for w in words {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&w.to_lowercase());
    }
    key
}

fn kind_of(kind: EntityKind, form: NameForm) -> GazKind {
    if matches!(form, NameForm::Adjective | NameForm::Demonym) {
        return GazKind::Nationality;
    }
    match kind {
        EntityKind::Person => GazKind::Person,
        EntityKind::State | EntityKind::Place => GazKind::Place,
        EntityKind::Organisation => GazKind::Organisation,
        _ => GazKind::Other,
    }
}

impl NameIndex {
    /// The names usable in `lang` (its own and the language-neutral ones).
    pub fn build(kb: &Kb, lang: &str) -> NameIndex {
        let mut names = HashMap::new();
        let mut word_class: HashMap<String, u8> = HashMap::new();
        for n in kb.names_in(lang) {
            if matches!(n.form, NameForm::Agent) {
                continue;
            }
            let Some(kind) = kb.kind(&n.entity) else {
                continue;
            };
            let words: Vec<&str> = n
                .text
                .split_word_bounds()
                .filter(|w| !w.trim().is_empty())
                .collect();
            if words.is_empty() || words.len() > MAX_WORDS {
                continue;
            }
            let gk = kind_of(kind, n.form);
            let n_words = words.len();
            for (wi, w) in words.iter().enumerate() {
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                let bits = match gk {
                    GazKind::Person if n_words > 1 && wi == 0 => word_bits::PERSON_FIRST,
                    GazKind::Person if n_words > 1 && wi + 1 == n_words => word_bits::PERSON_LAST,
                    GazKind::Organisation if wi + 1 == n_words => {
                        word_bits::ORG_ANY | word_bits::ORG_LAST
                    }
                    GazKind::Organisation => word_bits::ORG_ANY,
                    GazKind::Place => word_bits::PLACE_ANY,
                    _ => 0,
                };
                if bits != 0 {
                    *word_class.entry(w.to_lowercase()).or_insert(0) |= bits;
                }
            }
            let key = key_of(words.into_iter());
            // A name shared by several kinds keeps the first; collisions are rare and the
            // tagger weighs the feature anyway.
            names.entry(key).or_insert(kind_of(kind, n.form));
        }
        NameIndex {
            names,
            words: word_class,
        }
    }

    /// [`word_bits`] flags of a word (its form or its lemma), 0 when no KB name has it.
    pub fn word_class(&self, form: &str, lemma: &str) -> u8 {
        let of = |w: &str| self.words.get(&w.to_lowercase()).copied().unwrap_or(0);
        of(form) | if lemma.is_empty() { 0 } else { of(lemma) }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Per word, the longest KB name starting there (left to right, no overlaps), matched
    /// on the words themselves or on their lemmas (`Москвы` → `Москва`).
    pub fn tag(&self, forms: &[&str], lemmas: &[&str]) -> Vec<GazTag> {
        let mut out = vec![GazTag::None; forms.len()];
        if self.names.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < forms.len() {
            let mut found: Option<(usize, GazKind)> = None;
            for n in (1..=MAX_WORDS.min(forms.len() - i)).rev() {
                let by_form = key_of(forms[i..i + n].iter().copied());
                let hit = self.names.get(&by_form).or_else(|| {
                    let ls = lemmas.get(i..i + n)?;
                    self.names.get(&key_of(ls.iter().copied()))
                });
                if let Some(&k) = hit {
                    found = Some((n, k));
                    break;
                }
            }
            match found {
                Some((n, k)) => {
                    out[i] = GazTag::Begin(k);
                    for slot in out.iter_mut().skip(i + 1).take(n - 1) {
                        *slot = GazTag::Inside(k);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_name_wins_and_lemmas_match() {
        let mut idx = NameIndex::default();
        idx.names.insert("new york".into(), GazKind::Place);
        idx.names
            .insert("new york times".into(), GazKind::Organisation);
        idx.names.insert("москва".into(), GazKind::Place);
        let tags = idx.tag(
            &["the", "New", "York", "Times"],
            &["the", "new", "york", "time"],
        );
        assert_eq!(
            tags,
            [
                GazTag::None,
                GazTag::Begin(GazKind::Organisation),
                GazTag::Inside(GazKind::Organisation),
                GazTag::Inside(GazKind::Organisation)
            ]
        );
        let tags = idx.tag(&["мэрии", "Москвы"], &["мэрия", "москва"]);
        assert_eq!(tags[1], GazTag::Begin(GazKind::Place));
    }
}
