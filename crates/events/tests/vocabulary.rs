//! Trigger vocabularies (`data/events/vocab/`): the English verbs generated from the CAMEO verb
//! dictionary and the hand-written lemmas of the other languages, read after the hand rules.
//! Sentences of our own; the words' tags and lemmas are written by hand, so the rules are
//! tested, not the tagger.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

/// Attach words written as `form/UPOS/lemma` (forms found left to right in the text) to a
/// one-sentence extraction.
fn with_words(mut ex: Extraction, spec: &str) -> Extraction {
    let text = ex.document.text.clone();
    let idx = TextIndex::new(&text);
    let mut from = 0;
    let mut words = Vec::new();
    for w in spec.split(' ') {
        let parts: Vec<&str> = w.split('/').collect();
        let form = parts[0];
        let Some(at) = text[from..].find(form) else {
            panic!("form {form} not in text");
        };
        let b = from + at;
        from = b + form.len();
        words.push(SyntaxWord {
            span: idx.span(b, b + form.len()),
            form: form.to_string(),
            lemma: parts.get(2).map_or(form.to_lowercase(), |l| l.to_string()),
            upos: parts[1].to_string(),
            feats: "_".to_string(),
            head: None,
            deprel: None,
        });
    }
    ex.syntax = vec![SentenceSyntax { sentence: 0, words }];
    ex
}

fn read_with(reader: &EventReader, lang: &str, text: &str, ms: &[M], words: &str) -> Extraction {
    let mut ex = with_words(extraction("doc", lang, None, text, ms, &[]), words);
    reader.annotate(&mut ex);
    ex
}

fn shipped() -> EventReader {
    EventReader::load(&DataFiles::Embedded).expect("rules")
}

fn ids(ps: &[Participant]) -> Vec<&str> {
    ps.iter().map(|p| p.entity.as_str()).collect()
}

fn rule_of(e: &Event) -> &str {
    e.evidence.first().map_or("", |ev| ev.rule.as_str())
}

#[test]
fn an_english_verb_no_hand_rule_knows_fires_from_the_cameo_vocabulary() {
    let ex = read_with(
        &shipped(),
        "en",
        "Ruritania besieged Freedonia in March.",
        &[m("Ruritania", "RUR", State), m("Freedonia", "FRE", State)],
        "Ruritania/PROPN/Ruritania besieged/VERB/besiege Freedonia/PROPN/Freedonia in/ADP March/PROPN/March ./PUNCT",
    );
    let e = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Coerce)
        .unwrap_or_else(|| panic!("no COERCE in {:#?}", ex.events));
    assert!(rule_of(e).starts_with("en.cameo."), "{}", rule_of(e));
    assert_eq!(ids(&e.actors), ["RUR"]);
    assert_eq!(ids(&e.recipients), ["FRE"]);
}

#[test]
fn a_verb_vocabulary_does_not_fire_on_the_word_used_as_an_adjective() {
    // `besieged` tagged as an adjective: the CAMEO rules are verbs only (`pos = ["VERB"]`).
    let ex = read_with(
        &shipped(),
        "en",
        "Ruritania sent food to the besieged Freedonia.",
        &[m("Ruritania", "RUR", State), m("Freedonia", "FRE", State)],
        "Ruritania/PROPN/Ruritania sent/VERB/send food/NOUN/food to/ADP the/DET/the besieged/ADJ/besieged Freedonia/PROPN/Freedonia ./PUNCT",
    );
    assert!(
        ex.events.iter().all(|e| e.event_type != EventType::Coerce),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_german_lemma_of_the_vocabulary_fires_on_its_inflected_form() {
    let ex = read_with(
        &shipped(),
        "de",
        "Ruritanien verklagte Freedonien vor dem Gerichtshof.",
        &[m("Ruritanien", "RUR", State), m("Freedonien", "FRE", State)],
        "Ruritanien/PROPN/Ruritanien verklagte/VERB/verklagen Freedonien/PROPN/Freedonien vor/ADP dem/DET/der Gerichtshof/NOUN/Gerichtshof ./PUNCT",
    );
    let e = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Accuse)
        .unwrap_or_else(|| panic!("no ACCUSE in {:#?}", ex.events));
    assert!(rule_of(e).starts_with("de.vocab."), "{}", rule_of(e));
    assert_eq!(ids(&e.actors), ["RUR"]);
    assert_eq!(ids(&e.recipients), ["FRE"]);
}

/// The shipped rule files with every vocabulary switched on, those of `vocab/off/` too (they
/// are written but off until a dev split shows they help).
fn all_vocabularies() -> EventReader {
    let dir = std::env::temp_dir().join(format!("armsgraph-vocab-all-{}", std::process::id()));
    let events = dir.join("events");
    std::fs::create_dir_all(events.join("vocab")).expect("temp dir");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/events");
    for sub in ["", "vocab", "vocab/off"] {
        for entry in std::fs::read_dir(src.join(sub)).expect("data/events") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let to = if sub.is_empty() {
                    events.clone()
                } else {
                    events.join("vocab")
                };
                std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
            }
        }
    }
    let reader = EventReader::load(&DataFiles::dir(&dir)).expect("every vocabulary compiles");
    std::fs::remove_dir_all(&dir).ok();
    reader
}

#[test]
fn every_vocabulary_compiles_and_comes_after_the_hand_rules() {
    let reader = all_vocabularies();
    for lang in ["de", "en", "es", "fr", "ru", "uk"] {
        let rules = &reader.rules(lang).expect(lang).rules;
        let first = rules
            .iter()
            .position(|r| r.id.contains(".vocab.") || r.id.contains(".cameo."))
            .unwrap_or_else(|| panic!("no vocabulary for {lang}"));
        assert!(rules[first..]
            .iter()
            .all(|r| r.id.contains(".vocab.") || r.id.contains(".cameo.")));
        assert!(rules[first..].iter().all(|r| !r.pos.is_empty()), "{lang}");
    }
}

#[test]
fn a_russian_verb_of_the_vocabulary_takes_its_parties_from_the_frames() {
    let ex = read_with(
        &all_vocabularies(),
        "ru",
        "Руритания депортировала граждан Фридонии.",
        &[m("Руритания", "RUR", State), m("Фридонии", "FRE", State)],
        "Руритания/PROPN/руритания депортировала/VERB/депортировать граждан/NOUN/гражданин Фридонии/PROPN/фридония ./PUNCT",
    );
    let e = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Coerce)
        .unwrap_or_else(|| panic!("no COERCE in {:#?}", ex.events));
    assert!(rule_of(e).starts_with("ru.vocab."), "{}", rule_of(e));
    assert_eq!(ids(&e.actors), ["RUR"]);
}

/// A data directory holding one language file and vocabulary files.
fn data_dir(name: &str, vocab: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("armsgraph-vocab-{name}-{}", std::process::id()));
    let events = dir.join("events");
    std::fs::create_dir_all(events.join("vocab")).expect("temp dir");
    std::fs::write(
        events.join("xx.toml"),
        "language = \"xx\"\n[[rule]]\nid = \"xx.hand\"\nevent = \"ACCUSE\"\nlemmas = [\"blick\"]\n",
    )
    .expect("write");
    for (file, text) in vocab {
        std::fs::write(events.join("vocab").join(file), text).expect("write");
    }
    dir
}

#[test]
fn a_hand_rule_wins_over_the_vocabulary_and_the_vocabulary_fills_in() {
    let dir = data_dir(
        "order",
        &[(
            "xx.test.toml",
            "language = \"xx\"\n[[rule]]\nid = \"xx.vocab.a\"\nevent = \"ASSAULT\"\nlemmas = [\"blick\", \"zap\"]\n",
        )],
    );
    let reader = EventReader::load(&DataFiles::dir(&dir)).expect("rules");
    let rules = reader.rules("xx").expect("xx");
    assert_eq!(
        rules
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["xx.hand", "xx.vocab.a"]
    );
    let ex = read_with(
        &reader,
        "xx",
        "Ruritania blicks Freedonia. Ruritania zaps Freedonia.",
        &[m("Ruritania", "RUR", State), m("Freedonia", "FRE", State)],
        "Ruritania/PROPN/ruritania blicks/VERB/blick Freedonia/PROPN/freedonia ./PUNCT Ruritania/PROPN/ruritania zaps/VERB/zap Freedonia/PROPN/freedonia ./PUNCT",
    );
    let types: Vec<EventType> = ex.events.iter().map(|e| e.event_type).collect();
    assert!(types.contains(&EventType::Accuse), "{types:?}");
    assert!(types.contains(&EventType::Assault), "{types:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_vocabulary_for_a_language_without_rules_is_an_error() {
    let dir = data_dir(
        "orphan",
        &[(
            "yy.test.toml",
            "language = \"yy\"\n[[rule]]\nid = \"yy.a\"\nevent = \"ASSAULT\"\nlemmas = [\"zap\"]\n",
        )],
    );
    let err = EventReader::load(&DataFiles::dir(&dir))
        .err()
        .expect("an orphan vocabulary is refused");
    assert!(err.to_string().contains("yy"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_generated_english_file_is_what_the_script_writes() {
    // The file is generated: every rule is a verb rule with the script's id prefix, so a hand
    // edit (or a stale file after a script change) shows up here.
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/events/vocab/en.cameo.toml"),
    )
    .expect("generated file");
    assert!(text.starts_with("# GENERATED by scripts/cameo_triggers.py"));
    let reader = shipped();
    let en = reader.rules("en").expect("en");
    let cameo: Vec<_> = en
        .rules
        .iter()
        .filter(|r| r.id.starts_with("en.cameo."))
        .collect();
    assert!(cameo.len() > 20, "{}", cameo.len());
    assert!(cameo.iter().all(|r| r.pos == ["VERB"]));
    // After every hand rule.
    let first = en
        .rules
        .iter()
        .position(|r| r.id.starts_with("en.cameo."))
        .expect("cameo rules");
    assert!(en.rules[first..]
        .iter()
        .all(|r| r.id.starts_with("en.cameo.")));
}

/// The shipped Russian vocabulary (`vocab/ru.plover.toml`, on since stop 26): one made-up
/// sentence per rule group, with a word no hand rule of `ru.toml` knows, fires that group.
#[test]
fn every_russian_vocabulary_group_fires_on_a_word_of_its_own() {
    let reader = shipped();
    // (rule id, event type, form, UPOS, lemma)
    let cases: &[(&str, EventType, &str, &str, &str)] = &[
        (
            "ru.vocab.agree.verb",
            EventType::Agree,
            "гарантировала",
            "VERB",
            "гарантировать",
        ),
        (
            "ru.vocab.agree.noun",
            EventType::Agree,
            "меморандум",
            "NOUN",
            "меморандум",
        ),
        (
            "ru.vocab.consult.verb",
            EventType::Consult,
            "проконсультировалась",
            "VERB",
            "проконсультироваться",
        ),
        (
            "ru.vocab.consult.noun",
            EventType::Consult,
            "саммит",
            "NOUN",
            "саммит",
        ),
        (
            "ru.vocab.support.verb",
            EventType::Support,
            "поблагодарила",
            "VERB",
            "поблагодарить",
        ),
        (
            "ru.vocab.support.noun",
            EventType::Support,
            "солидарность",
            "NOUN",
            "солидарность",
        ),
        (
            "ru.vocab.cooperate.verb",
            EventType::Cooperate,
            "сотрудничает",
            "VERB",
            "сотрудничать",
        ),
        (
            "ru.vocab.cooperate.noun",
            EventType::Cooperate,
            "сотрудничество",
            "NOUN",
            "сотрудничество",
        ),
        (
            "ru.vocab.aid.verb",
            EventType::Aid,
            "профинансировала",
            "VERB",
            "профинансировать",
        ),
        (
            "ru.vocab.aid.noun",
            EventType::Aid,
            "кредит",
            "NOUN",
            "кредит",
        ),
        (
            "ru.vocab.concede.verb",
            EventType::Concede,
            "амнистировала",
            "VERB",
            "амнистировать",
        ),
        (
            "ru.vocab.concede.noun",
            EventType::Concede,
            "амнистия",
            "NOUN",
            "амнистия",
        ),
        (
            "ru.vocab.retreat.verb",
            EventType::Retreat,
            "капитулировала",
            "VERB",
            "капитулировать",
        ),
        (
            "ru.vocab.retreat.noun",
            EventType::Retreat,
            "капитуляция",
            "NOUN",
            "капитуляция",
        ),
        (
            "ru.vocab.accuse.verb",
            EventType::Accuse,
            "пожаловалась",
            "VERB",
            "пожаловаться",
        ),
        (
            "ru.vocab.accuse.investigate",
            EventType::Accuse,
            "расследует",
            "VERB",
            "расследовать",
        ),
        (
            "ru.vocab.accuse.noun",
            EventType::Accuse,
            "жалоба",
            "NOUN",
            "жалоба",
        ),
        (
            "ru.vocab.request.verb",
            EventType::Request,
            "ходатайствовала",
            "VERB",
            "ходатайствовать",
        ),
        (
            "ru.vocab.request.noun",
            EventType::Request,
            "ходатайство",
            "NOUN",
            "ходатайство",
        ),
        (
            "ru.vocab.reject.verb",
            EventType::Reject,
            "проигнорировала",
            "VERB",
            "проигнорировать",
        ),
        (
            "ru.vocab.reject.noun",
            EventType::Reject,
            "вето",
            "NOUN",
            "вето",
        ),
        (
            "ru.vocab.threaten.verb",
            EventType::Threaten,
            "шантажирует",
            "VERB",
            "шантажировать",
        ),
        (
            "ru.vocab.threaten.noun",
            EventType::Threaten,
            "шантаж",
            "NOUN",
            "шантаж",
        ),
        (
            "ru.vocab.protest.verb",
            EventType::Protest,
            "забастовала",
            "VERB",
            "забастовать",
        ),
        (
            "ru.vocab.protest.noun",
            EventType::Protest,
            "марш",
            "NOUN",
            "марш",
        ),
        (
            "ru.vocab.mobilize.noun",
            EventType::Mobilize,
            "мобилизация",
            "NOUN",
            "мобилизация",
        ),
        (
            "ru.vocab.sanction.verb",
            EventType::Sanction,
            "отозвала",
            "VERB",
            "отозвать",
        ),
        (
            "ru.vocab.sanction.noun",
            EventType::Sanction,
            "заморозка",
            "NOUN",
            "заморозка",
        ),
        (
            "ru.vocab.coerce.arrest",
            EventType::Coerce,
            "оштрафовала",
            "VERB",
            "оштрафовать",
        ),
        (
            "ru.vocab.coerce.noun",
            EventType::Coerce,
            "конфискация",
            "NOUN",
            "конфискация",
        ),
        (
            "ru.vocab.coerce.seize",
            EventType::Coerce,
            "аннексировала",
            "VERB",
            "аннексировать",
        ),
        (
            "ru.vocab.coerce.seize_noun",
            EventType::Coerce,
            "оккупация",
            "NOUN",
            "оккупация",
        ),
        (
            "ru.vocab.assault.verb",
            EventType::Assault,
            "бомбардировала",
            "VERB",
            "бомбардировать",
        ),
        (
            "ru.vocab.assault.noun",
            EventType::Assault,
            "авианалёт",
            "NOUN",
            "авианалёт",
        ),
    ];
    let mut missed = Vec::new();
    for (id, ty, form, upos, lemma) in cases {
        let ex = read_with(
            &reader,
            "ru",
            &format!("Руритания {form} Фридонию."),
            &[m("Руритания", "RUR", State), m("Фридонию", "FRE", State)],
            &format!(
                "Руритания/PROPN/руритания {form}/{upos}/{lemma} Фридонию/PROPN/фридония ./PUNCT"
            ),
        );
        if !ex
            .events
            .iter()
            .any(|e| e.event_type == *ty && rule_of(e) == *id)
        {
            missed.push((
                *id,
                ex.events
                    .iter()
                    .map(rule_of)
                    .map(String::from)
                    .collect::<Vec<_>>(),
            ));
        }
    }
    assert!(missed.is_empty(), "{missed:#?}");
}

/// A MOBILIZE verb of the Russian vocabulary needs troops or materiel in its sentence.
#[test]
fn a_russian_mobilize_verb_of_the_vocabulary_needs_troops() {
    let reader = shipped();
    let ms = [m("Руритания", "RUR", State), m("Фридонии", "FRE", State)];
    let troops = read_with(
        &reader,
        "ru",
        "Руритания перебросила войска к границе Фридонии.",
        &ms,
        "Руритания/PROPN/руритания перебросила/VERB/перебросить войска/NOUN/войско к/ADP границе/NOUN/граница Фридонии/PROPN/фридония ./PUNCT",
    );
    assert!(
        troops
            .events
            .iter()
            .any(|e| e.event_type == EventType::Mobilize && rule_of(e) == "ru.vocab.mobilize.verb"),
        "{:#?}",
        troops.events
    );
    let mail = read_with(
        &reader,
        "ru",
        "Руритания перебросила письма в посольство Фридонии.",
        &ms,
        "Руритания/PROPN/руритания перебросила/VERB/перебросить письма/NOUN/письмо в/ADP посольство/NOUN/посольство Фридонии/PROPN/фридония ./PUNCT",
    );
    assert!(
        !mail
            .events
            .iter()
            .any(|e| e.event_type == EventType::Mobilize),
        "{:#?}",
        mail.events
    );
}

/// Stop 26: an expulsion verb of the German vocabulary (`de.vocab.coerce.expel`).
#[test]
fn a_german_expulsion_verb_is_coerce() {
    let ex = read_with(
        &shipped(),
        "de",
        "Ruritanien deportierte die Journalisten aus Freedonien.",
        &[m("Ruritanien", "RUR", State), m("Freedonien", "FRE", State)],
        "Ruritanien/PROPN/Ruritanien deportierte/VERB/deportieren die/DET/der Journalisten/NOUN/Journalist aus/ADP Freedonien/PROPN/Freedonien ./PUNCT",
    );
    let e = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Coerce)
        .unwrap_or_else(|| panic!("no COERCE in {:#?}", ex.events));
    assert_eq!(rule_of(e), "de.vocab.coerce.expel");
    assert_eq!(ids(&e.actors), ["RUR"]);
}

/// Stop 26: `Urteil` is a court's sentence only where the sentence speaks of a court or a prison
/// term (`de.vocab.coerce.sentence`); a judgement of experts is no event.
#[test]
fn a_german_sentence_noun_needs_a_court_in_the_sentence() {
    let reader = shipped();
    let ex = read_with(
        &reader,
        "de",
        "Ein Gericht in Ruritanien bestätigte das Urteil gegen Freedonien.",
        &[m("Ruritanien", "RUR", State), m("Freedonien", "FRE", State)],
        "Ein/DET/ein Gericht/NOUN/Gericht in/ADP Ruritanien/PROPN/Ruritanien bestätigte/VERB/bestätigen das/DET/der Urteil/NOUN/Urteil gegen/ADP Freedonien/PROPN/Freedonien ./PUNCT",
    );
    let e = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Coerce)
        .unwrap_or_else(|| panic!("no COERCE in {:#?}", ex.events));
    assert_eq!(rule_of(e), "de.vocab.coerce.sentence");
    assert_eq!(ids(&e.recipients), ["FRE"]);

    let ex = read_with(
        &reader,
        "de",
        "Das Urteil der Experten über Freedonien fiel hart aus.",
        &[m("Freedonien", "FRE", State)],
        "Das/DET/der Urteil/NOUN/Urteil der/DET/der Experten/NOUN/Experte über/ADP Freedonien/PROPN/Freedonien fiel/VERB/fallen hart/ADJ/hart aus/ADP/aus ./PUNCT",
    );
    assert!(
        ex.events.iter().all(|e| e.event_type != EventType::Coerce),
        "{:#?}",
        ex.events
    );
}

/// Stop 28: the CAMEO dictionary codes `die` towards its subject (`DIE - * (IN BLAST)
/// [:190]`): the dead are the victims, never the attackers. The generator marks such verbs
/// `subject_undergoes`, and the subject becomes the recipient as a passive's would.
#[test]
fn the_subject_of_die_is_the_victim_not_the_attacker() {
    let ex = read_with(
        &shipped(),
        "en",
        "Twelve Borovian soldiers died in the fighting.",
        &[m("Borovian", "BOR", State)],
        "Twelve/NUM Borovian/ADJ soldiers/NOUN/soldier died/VERB/die in/ADP the/DET fighting/NOUN/fighting ./PUNCT",
    );
    for e in ex
        .events
        .iter()
        .filter(|e| rule_of(e).starts_with("en.cameo.assault"))
    {
        assert!(ids(&e.actors).is_empty(), "{:?}", ex.events);
        assert_eq!(ids(&e.recipients), ["BOR"], "{:?}", ex.events);
    }
}
