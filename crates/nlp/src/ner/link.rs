//! Recognised names as mentions: after the knowledge base has matched what it knows, the
//! tagger's spans over words no KB mention covers become [`Mention`]s.
//!
//! Ids are language-independent: the name's words are lemmatised (`Барака Обамы` →
//! `Барак Обама`) and transliterated to Latin (`Barak Obama`). A KB name with the same
//! spelling key ([`name_key`]: transliterated, accents dropped, `ck`/`c` → `k`, doubled letters
//! single…) gives the KB's id (`person:barack-obama`); otherwise the id is the kind and the
//! slug of the transliterated lemma (`person:dzhon-kerri`, `org:hayat-tahrir-al-sham`),
//! never an inflected surface form. A later one-word mention of a recognised person's
//! surname (`Kerry said`) takes that person's id.

use std::collections::HashMap;

use armsgraph_kb::Kb;
use armsgraph_model::{EntityKind, LinkMethod, Mention, Span, TextIndex};
use unicode_normalization::UnicodeNormalization;

use super::Recogniser;
use crate::people::slug;
use crate::syntax::LanguageModel;

/// Latin letters for one Cyrillic letter (Russian and Ukrainian; BGN/PCGN-like, no
/// diacritics). Ukrainian `г` is `h`, `и` is `y`.
fn cyrillic(c: char, ukrainian: bool) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => {
            if ukrainian {
                "h"
            } else {
                "g"
            }
        }
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' => {
            if ukrainian {
                "y"
            } else {
                "i"
            }
        }
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' | '\'' | '’' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// `Барак Обама` → `Barak Obama`, `Zelenskyy` unchanged, `Müller` → `Muller` (German text:
/// `Mueller`): Cyrillic transliterated, accents dropped, the case of each word's first letter
/// kept.
pub fn transliterate(text: &str, lang: &str) -> String {
    let uk = lang == "uk";
    // German writes an umlaut as `e` after the vowel where it has no umlauts (`Pflüger` →
    // `Pflueger`): that is how German names are spelled in Latin ids.
    let german = lang == "de";
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match cyrillic(c, uk) {
            Some(latin) => {
                if c.is_uppercase() {
                    let mut cs = latin.chars();
                    if let Some(f) = cs.next() {
                        out.extend(f.to_uppercase());
                        out.push_str(cs.as_str());
                    }
                } else {
                    out.push_str(latin);
                }
            }
            None => match c {
                'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' if german => {
                    let base = match c {
                        'ä' => "ae",
                        'ö' => "oe",
                        'ü' => "ue",
                        'Ä' => "Ae",
                        'Ö' => "Oe",
                        _ => "Ue",
                    };
                    out.push_str(base);
                }
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ø' => out.push('o'),
                'ł' => out.push('l'),
                _ => out.extend(
                    c.to_string()
                        .nfd()
                        .filter(|d| !unicode_normalization::char::is_combining_mark(*d)),
                ),
            },
        }
    }
    out
}

/// A spelling key under which transliterations of one name meet (`Barak Obama`, `Barack
/// Obama` → `barak obama`): lower case, Latin, `ck`/`c`/`q` → `k`, `w` → `v`, `ph` → `f`,
/// `h` dropped (`kh`, `sh`, `John`), `dzh` → `j`, `dzi` → `ji` (Polivanov `Сэйдзи` for Seiji),
/// `dz` → `z`, `y` → `i`, doubled letters single, `ks` → `x`; German spellings meet the
/// English ones: `tsch`/`sch` → `ch`/`sh`, `ue`/`oe`/`ae` → `u`/`o`/`a` (`Pflueger`,
/// `Pfluger`).
pub fn name_key(text: &str) -> String {
    let latin = transliterate(text, "ru").to_lowercase();
    let mut s = String::with_capacity(latin.len());
    let mut last_space = true;
    for c in latin.chars() {
        if c.is_alphanumeric() {
            s.push(c);
            last_space = false;
        } else if !last_space {
            s.push(' ');
            last_space = true;
        }
    }
    let s = s.trim_end();
    let mut t = s
        .replace("tsch", "ch")
        .replace("sch", "sh")
        .replace("ue", "u")
        .replace("oe", "o")
        .replace("ae", "a")
        .replace("dzh", "j")
        // Polivanov: Japanese `ji` is `дзи` in Russian (`Сэйдзи` for Seiji).
        .replace("dzi", "ji")
        // Russian writes Japanese z as `дз` (`Синдзо` for Shinzo, `Коидзуми` for Koizumi).
        .replace("dz", "z")
        .replace("ck", "k")
        .replace("ph", "f")
        .replace("kh", "h")
        .replace("ks", "x")
        .replace(['c', 'q'], "k")
        .replace('w', "v")
        .replace('y', "i")
        .replace('h', "");
    let mut out = String::with_capacity(t.len());
    let mut prev = '\0';
    for c in t.drain(..) {
        if c != prev || !c.is_alphabetic() {
            out.push(c);
        }
        prev = c;
    }
    out
}

/// KB entities by [`name_key`] of their multi-word names, per kind (built once).
#[derive(Debug, Default)]
pub struct KeyIndex {
    by_key: HashMap<(String, u8), String>,
    /// Persons by the key of their last name word: the key of the words before it, written
    /// together, and the entity (stop 32: spelling variants of a given name).
    by_surname: HashMap<String, Vec<(String, String)>>,
    /// Persons by their key written together (`Mohamed ElBaradei` = `Mohammed el-Baradei`).
    by_compact: HashMap<String, String>,
}

fn kind_code(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::State | EntityKind::Place => 1,
        EntityKind::Organisation => 2,
        _ => 3,
    }
}

impl KeyIndex {
    pub fn build(kb: &Kb) -> KeyIndex {
        let mut by_key = HashMap::new();
        let mut by_surname: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut by_compact: HashMap<String, String> = HashMap::new();
        for n in kb.names() {
            if n.text.split_whitespace().count() < 2 && !n.text.contains('-') {
                // One word is too ambiguous to link across spellings.
                continue;
            }
            let Some(kind) = kb.kind(&n.entity) else {
                continue;
            };
            let key = name_key(&n.text);
            if kind == EntityKind::Person {
                by_compact
                    .entry(key.replace(' ', ""))
                    .or_insert_with(|| n.entity.clone());
                if let Some((given, last)) = key.rsplit_once(' ') {
                    let given = given.replace(' ', "");
                    let list = by_surname.entry(last.to_string()).or_default();
                    if !list.iter().any(|(g, e)| *g == given && *e == n.entity) {
                        list.push((given, n.entity.clone()));
                    }
                }
            }
            by_key
                .entry((key, kind_code(kind)))
                .or_insert_with(|| n.entity.clone());
        }
        KeyIndex {
            by_key,
            by_surname,
            by_compact,
        }
    }

    /// The knowledge-base person a name of two words or more spells another way (stop 32):
    /// its key written together (`Mohamed ElBaradei`), else the one person with its surname
    /// whose given names begin alike — one a prefix of the other over three letters or more
    /// (`Петр Порошенко` → Petro Poroshenko, `Ali Naimi` → Ali Ibrahim al-Naimi), or four
    /// letters in common with at most two more in the longer (`Aleksandr`, `Alexander`; not
    /// `Abdul-Qader` and `Abdul-Ati`). Two persons that fit are no answer.
    pub fn person_variant(&self, latin: &str) -> Option<&str> {
        let key = name_key(latin);
        let (given, last) = key.rsplit_once(' ')?;
        if let Some(id) = self.by_compact.get(&key.replace(' ', "")) {
            return Some(id);
        }
        let given = given.replace(' ', "");
        let alike = |g: &str| {
            let common = g
                .chars()
                .zip(given.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let longer = g.chars().count().max(given.chars().count());
            (common >= 4 && longer - common <= 2)
                || (common >= 3 && (common == g.chars().count() || common == given.chars().count()))
        };
        let mut found: Option<&str> = None;
        for (g, id) in self.by_surname.get(last)? {
            if alike(g) {
                match found {
                    Some(other) if other != id => return None,
                    _ => found = Some(id),
                }
            }
        }
        found
    }

    /// The knowledge-base person whose multi-word name has the same spelling key as `name`
    /// (`Синдзо Абэ` → `person:shinzo-abe`).
    pub fn person(&self, name: &str) -> Option<&str> {
        self.get(&name_key(name), EntityKind::Person)
    }

    /// The knowledge-base entity of `kind` for a name read in `lang`: its spelling key, then,
    /// for German text, the key of the name as German spells a Slavic or other foreign `y`
    /// (`Janukowitsch`, `Jazenjuk` → `Yanukovych`, `Yatsenyuk`), tried only when the first
    /// finds nothing.
    pub fn find(&self, latin: &str, kind: EntityKind, lang: &str) -> Option<&str> {
        self.get(&name_key(latin), kind).or_else(|| {
            (lang == "de" && latin.contains(['j', 'J']))
                .then(|| self.get(&name_key(&latin.replace('j', "y").replace('J', "Y")), kind))
                .flatten()
        })
    }

    fn get(&self, key: &str, kind: EntityKind) -> Option<&str> {
        self.by_key
            .get(&(key.to_string(), kind_code(kind)))
            .map(String::as_str)
    }
}

fn kind_of(label: &str) -> Option<(EntityKind, &'static str)> {
    match label {
        "PER" => Some((EntityKind::Person, "person")),
        "LOC" => Some((EntityKind::Place, "place")),
        "ORG" => Some((EntityKind::Organisation, "org")),
        _ => None,
    }
}

/// Words of one sentence as the recogniser reads them: segmenter tokens with char spans.
struct SentenceWords {
    spans: Vec<Span>,
    forms: Vec<String>,
}

/// Mentions of recognised names in the `sentences` (char spans) of `text` that no mention
/// in `known` overlaps.
#[allow(clippy::too_many_arguments)]
pub fn mentions(
    rec: &Recogniser,
    syntax: Option<&LanguageModel>,
    kb: &Kb,
    keys: &KeyIndex,
    lang: &str,
    text: &str,
    sentences: &[Span],
    known: &[Mention],
    rules: Option<&crate::lexicon::LangRules>,
) -> Vec<Mention> {
    let index = TextIndex::new(text);
    // Chars some known mention holds: one pass over the mentions, one lookup per char of a
    // recognised span.
    let mut covered = vec![false; index.char_len()];
    for m in known {
        for c in covered.iter_mut().take(m.span.end).skip(m.span.start) {
            *c = true;
        }
    }
    let mut out: Vec<Mention> = Vec::new();
    // Surname (key) → id of a person named in full earlier in the document, by the recogniser
    // or by the knowledge base and context rules (`Hugo Chavez … Chavez said`: the one-word
    // name is that person, not a new `person:chavez`). Known full names enter as the sentences
    // pass them, so a surname never takes the id of a name written after it.
    let mut surnames: HashMap<String, (String, String, Span)> = HashMap::new();
    let mut known_people: Vec<&Mention> = known
        .iter()
        .filter(|m| {
            m.kind == EntityKind::Person
                && m.entity.starts_with("person:")
                && m.antecedent.is_none()
                && m.text.split_whitespace().count() >= 2
        })
        .collect();
    known_people.sort_by_key(|m| m.span.start);
    let mut next_known = 0;
    for span in sentences {
        while let Some(m) = known_people
            .get(next_known)
            .filter(|m| m.span.start < span.end)
        {
            next_known += 1;
            let last = m.name.split_whitespace().last().unwrap_or_default();
            let last_written = m.text.split_whitespace().last().unwrap_or_default();
            for word in [last, last_written] {
                let key = name_key(&transliterate(word, lang));
                if !key.is_empty() {
                    surnames
                        .entry(key)
                        .or_insert((m.entity.clone(), m.name.clone(), m.span));
                }
            }
        }
        let tokens = crate::segment::tokens_indexed(text, &index, *span);
        let words = SentenceWords {
            spans: tokens.iter().map(|t| t.span).collect(),
            forms: tokens.into_iter().map(|t| t.text).collect(),
        };
        if words.forms.is_empty() {
            continue;
        }
        let forms: Vec<&str> = words.forms.iter().map(String::as_str).collect();
        let input = super::model::prepare(&forms, syntax, &rec.names);
        let tags = rec.model.tag(&input);
        for mut e in super::corpus::spans(&tags) {
            let Some((mut kind, mut prefix)) = kind_of(&e.label) else {
                continue;
            };
            // A short name of capitalised words ending (or opening) with a word for a
            // geographic feature is a place (`Bonny River` read as an organisation): not a
            // longer name, nor one with lower-case connectors (`Movement for the
            // Emancipation of the Niger Delta`).
            if let Some(people) = rules.map(|r| &r.people) {
                let words = &forms[e.start..e.end.min(forms.len())];
                // The head word may be written in lower case where the language does so
                // (`Японского моря`, stop 44).
                let upper = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
                let capitalised = words.split_last().is_some_and(|(last, rest)| {
                    rest.iter().all(upper)
                        && (upper(last) || people.place_head_words.iter().any(|h| h == last))
                });
                if kind != EntityKind::Place
                    && (2..=3).contains(&words.len())
                    && capitalised
                    && people.names_a_place(words[0], words[words.len() - 1])
                {
                    (kind, prefix) = (EntityKind::Place, "place");
                }
            }
            // The tokenizer cuts `Ki-moon` and `O'Brien` into three tokens where the
            // training data often has one: a name runs on over a glued hyphen or apostrophe.
            while let (Some(last), Some(joint), Some(next)) = (
                words.spans.get(e.end - 1),
                words.spans.get(e.end),
                words.spans.get(e.end + 1),
            ) {
                let glue = matches!(forms[e.end], "-" | "'" | "’");
                if glue && last.end == joint.start && joint.end == next.start {
                    e.end += 2;
                } else {
                    break;
                }
            }
            // A double given name joined by a hyphen (`Hans-Christian Ströbele`, `Frank-Walter
            // …`) where the tagger began the name at its second half: the first half joins it
            // when it is capitalised and glued to the hyphen on both sides. Only names of two
            // words or more, so `Bush-Cheney` stays apart.
            while e.end - e.start >= 2 && e.start >= 2 {
                let (Some(part), Some(joint), Some(first)) = (
                    words.spans.get(e.start - 2),
                    words.spans.get(e.start - 1),
                    words.spans.get(e.start),
                ) else {
                    break;
                };
                let capitalised = forms[e.start - 2]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    && forms[e.start - 2].chars().all(char::is_alphabetic);
                if forms[e.start - 1] == "-"
                    && capitalised
                    && part.end == joint.start
                    && joint.end == first.start
                {
                    e.start -= 2;
                } else {
                    break;
                }
            }
            // A one-word name is a proper noun: when the syntax model calls it something else
            // (`Region`, a capitalised German common noun), the span is not taken. Longer
            // spans are left to the tagger: the German tagger often calls a surname NOUN.
            let has_proper_noun = input.upos.is_empty()
                || e.end - e.start > 1
                || input
                    .upos
                    .get(e.start..e.end)
                    .is_some_and(|u| u.iter().any(|t| matches!(*t, "PROPN" | "X")));
            if !has_proper_noun {
                continue;
            }
            let (Some(first), Some(last)) = (words.spans.get(e.start), words.spans.get(e.end - 1))
            else {
                continue;
            };
            let span = Span::new(first.start, last.end);
            let overlaps = (span.start..span.end.min(covered.len())).any(|c| covered[c]);
            if overlaps {
                continue;
            }
            let surface = text
                .get(index.byte_range(span))
                .unwrap_or_default()
                .to_string();
            // Lemmatised name: each word's lemma, with the form's first-letter case.
            let lemma_words: Vec<String> = (e.start..e.end)
                .map(|i| {
                    let form = forms[i];
                    let lemma = input
                        .lemmas
                        .get(i)
                        .filter(|l| !l.is_empty())
                        .cloned()
                        .unwrap_or_else(|| form.to_string());
                    recase(&lemma, form)
                })
                .collect();
            let mut lemma_name = join_name(&lemma_words, &forms[e.start..e.end]);
            // A person's name the tagger left as written (`Виктором Януковичем`): its
            // nominative readings by the language's name endings; the first is the lemma, the
            // others are tried against the knowledge base.
            let readings = match rules {
                Some(r)
                    if kind == EntityKind::Person
                        && lemma_name.to_lowercase() == surface.to_lowercase() =>
                {
                    r.name_readings(&lemma_name)
                }
                _ => Vec::new(),
            };
            if let Some(first) = readings.first() {
                lemma_name = first.clone();
            }
            let latin = transliterate(&lemma_name, lang);
            let key = name_key(&latin);
            let mut method = LinkMethod::Context;
            let mut antecedent = None;
            let mut display = latin.clone();
            let id = if let Some(id) = kb
                .lookup(&lemma_name, Some(lang))
                .into_iter()
                .chain(kb.lookup(&surface, Some(lang)))
                .find(|ent| kind_code(ent.kind) == kind_code(kind))
                .map(|ent| ent.id.clone())
                .or_else(|| keys.find(&latin, kind, lang).map(str::to_string))
                .or_else(|| {
                    readings.iter().skip(1).find_map(|r| {
                        kb.lookup(r, Some(lang))
                            .into_iter()
                            .find(|ent| kind_code(ent.kind) == kind_code(kind))
                            .map(|ent| ent.id.clone())
                            .or_else(|| {
                                keys.find(&transliterate(r, lang), kind, lang)
                                    .map(str::to_string)
                            })
                    })
                })
                .or_else(|| {
                    (kind == EntityKind::Person)
                        .then(|| keys.person_variant(&latin))
                        .flatten()
                        .map(str::to_string)
                }) {
                display = kb.name(&id).unwrap_or(&latin).to_string();
                method = LinkMethod::Name;
                id
            } else if let Some((id, name, first)) = (kind == EntityKind::Person
                && e.end - e.start == 1)
                .then(|| surnames.get(&key))
                .flatten()
            {
                method = LinkMethod::Coreference;
                antecedent = Some(*first);
                display = name.clone();
                id.clone()
            } else {
                format!("{prefix}:{}", slug(&latin))
            };
            if slug(&latin).is_empty() {
                continue;
            }
            if kind == EntityKind::Person && e.end - e.start > 1 {
                let last_word =
                    transliterate(lemma_words.last().map(String::as_str).unwrap_or(""), lang);
                surnames
                    .entry(name_key(&last_word))
                    .or_insert((id.clone(), display.clone(), span));
            }
            out.push(Mention {
                span,
                text: surface,
                entity: id,
                kind,
                name: display,
                method,
                antecedent,
                members: Vec::new(),
                rule: format!("ner:{lang}:{}", e.label),
                confidence: 0.6,
                reason: String::new(),
                sector: None,
                country: None,
            });
        }
    }
    out
}

/// The lemma with the form's capitalisation of its first letter (lemmatisers lower-case
/// some proper nouns).
fn recase(lemma: &str, form: &str) -> String {
    let upper = form.chars().next().is_some_and(char::is_uppercase);
    let all_upper = form
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && form.chars().filter(|c| c.is_alphabetic()).count() > 1;
    if all_upper {
        return form.to_string();
    }
    let mut cs = lemma.chars();
    match cs.next() {
        Some(f) if upper => f.to_uppercase().chain(cs).collect(),
        _ => lemma.to_string(),
    }
}

/// Words joined as written: a space between words, none around hyphens and apostrophes.
fn join_name(words: &[String], forms: &[&str]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let glue = |s: &str| matches!(s, "-" | "'" | "’" | ".");
        if i > 0 && !glue(forms[i]) && !glue(forms[i - 1]) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::corpus::parse_columns;
    use crate::ner::model::{prepare_all, NerHeader, NerModel};
    use crate::ner::{NameIndex, Recogniser};
    use armsgraph_kb::DataFiles;

    /// A tiny recogniser that has learnt that capitalised pairs before a verb are people.
    fn tiny_russian() -> Recogniser {
        tiny_recogniser(
            "Барак B-PER\nОбама I-PER\nсказал O\n. O\n\n\
             Иван B-PER\nПетренко I-PER\nзаявил O\n. O\n\n\
             Мария B-PER\nИванова I-PER\nответила O\n. O\n\n\
             Речь O\nАнны B-PER\nКовальчук I-PER\nбыла O\nдлинной O\n. O\n\n",
        )
    }

    /// A Russian recogniser trained on the BIO `columns` alone (no syntax model, no KB names).
    fn tiny_recogniser(columns: &str) -> Recogniser {
        let gold = parse_columns(columns).expect("parses");
        let forms: Vec<Vec<&str>> = gold
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let names = NameIndex::default();
        let inputs = prepare_all(&forms, None, &names);
        let header = NerHeader {
            language: "ru".into(),
            epochs: 5,
            seed: 1,
            ..Default::default()
        };
        Recogniser {
            model: NerModel::train(header, &gold, &inputs, 0.0),
            names,
        }
    }

    #[test]
    fn a_russian_inflected_name_gets_the_kb_id_of_its_latin_spelling() {
        let files = DataFiles::Embedded;
        let kb = Kb::load(&files).expect("embedded KB loads");
        let keys = KeyIndex::build(&kb);
        let bytes = files.read_bytes("syntax/ru.bin").expect("ru syntax model");
        let syntax = LanguageModel::from_bytes(&bytes).expect("reads");
        let rec = tiny_russian();
        let text = "Речь Барака Обамы была длинной.";
        let spans = [Span::new(0, text.chars().count())];
        let found = mentions(
            &rec,
            Some(&syntax),
            &kb,
            &keys,
            "ru",
            text,
            &spans,
            &[],
            None,
        );
        let obama = found
            .iter()
            .find(|m| m.text == "Барака Обамы")
            .expect("the name is recognised");
        assert_eq!(obama.entity, "person:barack-obama");
        assert_eq!(obama.kind, EntityKind::Person);
        // A KB mention already there wins: nothing is added over it.
        let known = vec![Mention {
            span: obama.span,
            entity: "person:barack-obama".into(),
            ..Default::default()
        }];
        let again = mentions(
            &rec,
            Some(&syntax),
            &kb,
            &keys,
            "ru",
            text,
            &spans,
            &known,
            None,
        );
        assert!(again.iter().all(|m| m.span != obama.span));
    }

    #[test]
    fn a_one_word_name_takes_the_id_of_the_full_name_known_before_it() {
        let files = DataFiles::Embedded;
        let kb = Kb::load(&files).expect("embedded KB loads");
        let keys = KeyIndex::build(&kb);
        let text = "Мария Кузякина выступила. Кузякина сказала.";
        let text2: Vec<char> = text.chars().collect();
        let second = text
            .find("Кузякина сказала")
            .map(|b| text[..b].chars().count());
        let second = second.expect("second sentence");
        let spans = [Span::new(0, second - 1), Span::new(second, text2.len())];
        // The one-word name is taught as a person before a speech verb.
        let rec = tiny_recogniser(
            "Кузякина B-PER\nсказала O\n. O\n\nМария B-PER\nКузякина I-PER\nответила O\n. O\n\n\
             Иван B-PER\nПетренко I-PER\nзаявил O\n. O\n\nПетренко B-PER\nсказал O\n. O\n\n",
        );
        let full = Mention {
            span: Span::new(0, 14),
            text: "Мария Кузякина".into(),
            name: "Mariya Kuzyakina".into(),
            entity: "person:mariya-kuzyakina-x".into(),
            kind: EntityKind::Person,
            ..Default::default()
        };
        let found = mentions(&rec, None, &kb, &keys, "ru", text, &spans, &[full], None);
        let later = found
            .iter()
            .find(|m| m.text == "Кузякина")
            .expect("the one-word name is recognised");
        assert_eq!(later.entity, "person:mariya-kuzyakina-x");
        assert_eq!(later.method, LinkMethod::Coreference);
        // Without the full name before it, the word is a person of its own.
        let alone = mentions(&rec, None, &kb, &keys, "ru", text, &spans[1..], &[], None);
        assert!(alone
            .iter()
            .all(|m| m.entity != "person:mariya-kuzyakina-x"));
    }

    #[test]
    fn cyrillic_names_meet_their_latin_spelling() {
        assert_eq!(transliterate("Барак Обама", "ru"), "Barak Obama");
        assert_eq!(name_key("Барак Обама"), name_key("Barack Obama"));
        assert_eq!(transliterate("Зеленський", "uk"), "Zelenskyy");
        assert_eq!(transliterate("Müller", "de"), "Mueller");
        assert_eq!(transliterate("Müller", "fr"), "Muller");
        assert_eq!(name_key("Джон Керри"), name_key("John Kerry"));
        assert_ne!(name_key("Barack Obama"), name_key("Michelle Obama"));
        assert_eq!(name_key("Синдзо Абэ"), name_key("Shinzo Abe"));
        assert_eq!(
            name_key("Дзюнъитиро Коидзуми").split(' ').nth(1),
            name_key("Junichiro Koizumi").split(' ').nth(1)
        );
    }

    #[test]
    fn lemmas_keep_the_case_of_the_form() {
        assert_eq!(recase("обама", "Обамы"), "Обама");
        assert_eq!(recase("nato", "NATO"), "NATO");
        assert_eq!(
            join_name(
                &["Ban".into(), "Ki".into(), "-".into(), "moon".into()],
                &["Ban", "Ki", "-", "moon"]
            ),
            "Ban Ki-moon"
        );
    }
}
