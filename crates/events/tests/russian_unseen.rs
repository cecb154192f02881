//! Russian rules that carry to unseen news (stop 27, issue 12): light verbs of giving, the
//! visit noun, and the senses of `вывести`, `позволить`, `занять` that are no act. Sentences of
//! our own with made-up states; the words' tags, lemmas and cases are written by hand, so the
//! shipped rules are tested, not the tagger.

mod common;
mod shipped;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

/// Attach words written as `form/UPOS/lemma/feats` (forms found left to right in the text).
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
            feats: parts.get(3).unwrap_or(&"_").to_string(),
            head: None,
            deprel: None,
        });
    }
    ex.syntax = vec![SentenceSyntax { sentence: 0, words }];
    ex
}

fn read(text: &str, ms: &[M], words: &str) -> Extraction {
    let reader = EventReader::load(&DataFiles::Embedded).expect("rules");
    let mut ex = with_words(extraction("doc", "ru", None, text, ms, &[]), words);
    reader.annotate(&mut ex);
    ex
}

fn ids(ps: &[Participant]) -> Vec<&str> {
    ps.iter().map(|p| p.entity.as_str()).collect()
}

#[test]
fn a_loan_given_by_a_state_is_aid_from_the_giver_not_the_dative_before_the_noun() {
    // `дать кредит`: the giving verb is a light verb, so its subject is the aid's author; the
    // dative right before the noun is the receiver, not the actor.
    let ex = read(
        "Руритания дала Фридонии кредит.",
        &[m("Руритания", "RUR", State), m("Фридонии", "FRE", State)],
        "Руритания/PROPN/руритания/Case=Nom дала/VERB/дать/Aspect=Perf Фридонии/PROPN/фридония/Case=Dat кредит/NOUN/кредит/Case=Acc ./PUNCT",
    );
    let e = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Aid)
        .unwrap_or_else(|| panic!("no AID in {:#?}", ex.events));
    assert_eq!(ids(&e.actors), ["RUR"]);
}

#[test]
fn a_visit_to_a_state_is_a_consultation_with_it() {
    let ex = read(
        "Министр Руритании прибыл с визитом во Фридонию.",
        &[m("Руритании", "RUR", State), m("Фридонию", "FRE", State)],
        "Министр/NOUN/министр/Case=Nom Руритании/PROPN/руритания/Case=Gen прибыл/VERB/прибыть с/ADP/с визитом/NOUN/визит/Case=Ins во/ADP/в Фридонию/PROPN/фридония/Case=Acc ./PUNCT",
    );
    assert!(
        ex.events
            .iter()
            .any(|e| e.event_type == EventType::Consult && ids(&e.recipients).contains(&"FRE")),
        "{:#?}",
        ex.events
    );
    let ex = read(
        "Визит министра во Фридонию начался.",
        &[m("Фридонию", "FRE", State)],
        "Визит/NOUN/визит/Case=Nom министра/NOUN/министр/Case=Gen во/ADP/в Фридонию/PROPN/фридония/Case=Acc начался/VERB/начаться ./PUNCT",
    );
    let e = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Consult)
        .unwrap_or_else(|| panic!("no CONSULT in {:#?}", ex.events));
    assert_eq!(e.evidence[0].rule, "ru.consult.vizit");
    assert_eq!(ids(&e.recipients), ["FRE"]);
}

#[test]
fn taking_relations_to_a_new_level_is_no_withdrawal_and_enabling_no_concession() {
    // `вывести отношения на новый уровень`, `позволяющий`: the vocabulary no longer repeats
    // the guarded hand rule's `вывести` (troops words needed), and `позволить` ("enable") is
    // no concession.
    let ex = read(
        "Руритания и Фридония создали совет, позволяющий вывести отношения на новый уровень.",
        &[m("Руритания", "RUR", State), m("Фридония", "FRE", State)],
        "Руритания/PROPN/руритания/Case=Nom и/CCONJ/и Фридония/PROPN/фридония/Case=Nom создали/VERB/создать совет/NOUN/совет/Case=Acc ,/PUNCT позволяющий/VERB/позволять вывести/VERB/вывести отношения/NOUN/отношение/Case=Acc на/ADP/на новый/ADJ/новый уровень/NOUN/уровень/Case=Acc ./PUNCT",
    );
    assert!(
        !ex.events
            .iter()
            .any(|e| matches!(e.event_type, EventType::Retreat | EventType::Concede)),
        "{:#?}",
        ex.events
    );
    // With troops in the sentence the hand rule still reads the withdrawal.
    let ex = read(
        "Руритания вывела войска из Фридонии.",
        &[m("Руритания", "RUR", State), m("Фридонии", "FRE", State)],
        "Руритания/PROPN/руритания/Case=Nom вывела/VERB/вывести войска/NOUN/войско/Case=Acc из/ADP/из Фридонии/PROPN/фридония/Case=Gen ./PUNCT",
    );
    assert!(
        ex.events.iter().any(|e| e.event_type == EventType::Retreat),
        "{:#?}",
        ex.events
    );
}

#[test]
fn taking_up_a_post_is_no_seizure() {
    let ex = read(
        "Его место займёт посол Руритании.",
        &[m("Руритании", "RUR", State)],
        "Его/PRON/он место/NOUN/место/Case=Acc займёт/VERB/занять посол/NOUN/посол/Case=Nom Руритании/PROPN/руритания/Case=Gen ./PUNCT",
    );
    assert!(
        !ex.events.iter().any(|e| e.event_type == EventType::Coerce),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_crowds_protest_with_no_target_is_aimed_at_its_state() {
    // `[grammar] protest_target_from_crowd` (German since stop 25, Russian stop 27): strikers
    // in a state protesting with no named target protest against that state, as PLOVER and
    // ACLED code it. `бастующие` is a protesters' word of the knowledge base (stop 27).
    let ex = read_shipped(
        "ru",
        "В Исландии бастующие вышли на митинг.",
        &[m("Исландии", "ISL", State), m("бастующие", "protesters", Agent)],
        "В/ADP/_/в Исландии/PROPN/Case=Loc/исландия бастующие/NOUN/Case=Nom/бастующий вышли/VERB/Aspect=Perf|Tense=Past/выйти на/ADP/_/на митинг/NOUN/Case=Acc/митинг ./PUNCT/_/.",
    );
    let e = events_of_type(&ex, EventType::Protest);
    assert_eq!(e.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&e[0].actors), ["ISL.protesters"]);
    assert_eq!(ids(&e[0].recipients), ["ISL"]);
}

#[test]
fn recalling_an_envoy_from_a_state_is_a_sanction_against_it() {
    let ex = read_shipped(
        "ru",
        "Руритания отозвала из Фридонии посла.",
        &[m("Руритания", "RUR", State), m("Фридонии", "FRE", State)],
        "Руритания/PROPN/Case=Nom/руритания отозвала/VERB/Aspect=Perf|Tense=Past/отозвать из/ADP/_/из Фридонии/PROPN/Case=Gen/фридония посла/NOUN/Case=Acc/посол ./PUNCT/_/.",
    );
    let e = events_of_type(&ex, EventType::Sanction);
    assert_eq!(e.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&e[0].actors), ["RUR"]);
    assert_eq!(ids(&e[0].recipients), ["FRE"]);
    // Recalling a bill is no sanction.
    let ex = read_shipped(
        "ru",
        "Руритания отозвала из парламента законопроект.",
        &[m("Руритания", "RUR", State)],
        "Руритания/PROPN/Case=Nom/руритания отозвала/VERB/Aspect=Perf|Tense=Past/отозвать из/ADP/_/из парламента/NOUN/Case=Gen/парламент законопроект/NOUN/Case=Acc/законопроект ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Sanction)
            .iter()
            .all(|e| e.evidence[0].rule != "ru.sanction.otozvat_posla"),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_converb_after_a_comma_shares_the_subject_of_its_clause() {
    // `[grammar] converb_joins_clause` (Russian, stop 27): the деепричастие `обвинив` hangs on
    // `уволила`, so the accuser is that verb's subject, not nobody.
    let ex = read_shipped(
        "ru",
        "Руритания уволила врачей, обвинив Фридонию в саботаже.",
        &[m("Руритания", "RUR", State), m("Фридонию", "FRE", State)],
        "Руритания/PROPN/Case=Nom/руритания уволила/VERB/Aspect=Perf|Tense=Past|VerbForm=Fin/уволить врачей/NOUN/Case=Acc/врач ,/PUNCT/_/, обвинив/VERB/Aspect=Perf|VerbForm=Conv/обвинить Фридонию/PROPN/Case=Acc/фридония в/ADP/_/в саботаже/NOUN/Case=Loc/саботаж ./PUNCT/_/.",
    );
    let e = events_of_type(&ex, EventType::Accuse);
    assert_eq!(e.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&e[0].actors), ["RUR"]);
    assert_eq!(ids(&e[0].recipients), ["FRE"]);
}

#[test]
fn hurting_feelings_is_no_attack() {
    let ex = read_shipped(
        "ru",
        "Министр Руритании заявил, что это ранит чувства народа.",
        &[m("Руритании", "RUR", State)],
        "Министр/NOUN/Case=Nom/министр Руритании/PROPN/Case=Gen/руритания заявил/VERB/VerbForm=Fin/заявить ,/PUNCT/_/, что/SCONJ/_/что это/PRON/Case=Nom/это ранит/VERB/VerbForm=Fin/ранить чувства/NOUN/Case=Acc/чувство народа/NOUN/Case=Gen/народ ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:#?}",
        ex.events
    );
}
