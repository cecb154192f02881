//! Russian rules that carry to unseen news (stop 27, issue 12): light verbs of giving, the
//! visit noun, and the senses of `вывести`, `позволить`, `занять` that are no act. Sentences of
//! our own with made-up states; the words' tags, lemmas and cases are written by hand, so the
//! shipped rules are tested, not the tagger.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

fn ids(ps: &[Participant]) -> Vec<&str> {
    ps.iter().map(|p| p.entity.as_str()).collect()
}

#[test]
fn a_loan_given_by_a_state_is_aid_from_the_giver_not_the_dative_before_the_noun() {
    // `дать кредит`: the giving verb is a light verb, so its subject is the aid's author; the
    // dative right before the noun is the receiver, not the actor.
    let ex = read_shipped(
        "ru",
        "Руритания дала Фридонии кредит.",
        &[m("Руритания", "RUR", State), m("Фридонии", "FRE", State)],
        "Руритания/PROPN/Case=Nom/руритания дала/VERB/Aspect=Perf/дать Фридонии/PROPN/Case=Dat/фридония кредит/NOUN/Case=Acc/кредит ./PUNCT",
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
    let ex = read_shipped(
        "ru",
        "Министр Руритании прибыл с визитом во Фридонию.",
        &[m("Руритании", "RUR", State), m("Фридонию", "FRE", State)],
        "Министр/NOUN/Case=Nom/министр Руритании/PROPN/Case=Gen/руритания прибыл/VERB/_/прибыть с/ADP/_/с визитом/NOUN/Case=Ins/визит во/ADP/_/в Фридонию/PROPN/Case=Acc/фридония ./PUNCT",
    );
    assert!(
        ex.events
            .iter()
            .any(|e| e.event_type == EventType::Consult && ids(&e.recipients).contains(&"FRE")),
        "{:#?}",
        ex.events
    );
    let ex = read_shipped(
        "ru",
        "Визит министра во Фридонию начался.",
        &[m("Фридонию", "FRE", State)],
        "Визит/NOUN/Case=Nom/визит министра/NOUN/Case=Gen/министр во/ADP/_/в Фридонию/PROPN/Case=Acc/фридония начался/VERB/_/начаться ./PUNCT",
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
    let ex = read_shipped(
        "ru",
        "Руритания и Фридония создали совет, позволяющий вывести отношения на новый уровень.",
        &[m("Руритания", "RUR", State), m("Фридония", "FRE", State)],
        "Руритания/PROPN/Case=Nom/руритания и/CCONJ/_/и Фридония/PROPN/Case=Nom/фридония создали/VERB/_/создать совет/NOUN/Case=Acc/совет ,/PUNCT позволяющий/VERB/_/позволять вывести/VERB/_/вывести отношения/NOUN/Case=Acc/отношение на/ADP/_/на новый/ADJ/_/новый уровень/NOUN/Case=Acc/уровень ./PUNCT",
    );
    assert!(
        !ex.events
            .iter()
            .any(|e| matches!(e.event_type, EventType::Retreat | EventType::Concede)),
        "{:#?}",
        ex.events
    );
    // With troops in the sentence the hand rule still reads the withdrawal.
    let ex = read_shipped(
        "ru",
        "Руритания вывела войска из Фридонии.",
        &[m("Руритания", "RUR", State), m("Фридонии", "FRE", State)],
        "Руритания/PROPN/Case=Nom/руритания вывела/VERB/_/вывести войска/NOUN/Case=Acc/войско из/ADP/_/из Фридонии/PROPN/Case=Gen/фридония ./PUNCT",
    );
    assert!(
        ex.events.iter().any(|e| e.event_type == EventType::Retreat),
        "{:#?}",
        ex.events
    );
}

#[test]
fn taking_up_a_post_is_no_seizure() {
    let ex = read_shipped(
        "ru",
        "Его место займёт посол Руритании.",
        &[m("Руритании", "RUR", State)],
        "Его/PRON/_/он место/NOUN/Case=Acc/место займёт/VERB/_/занять посол/NOUN/Case=Nom/посол Руритании/PROPN/Case=Gen/руритания ./PUNCT",
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

#[test]
fn taking_control_of_a_place_is_a_seizure() {
    // Stop 39: `взяли под контроль` coded nothing; the control word in the clause makes the
    // verb of taking a seizure.
    let ex = read_shipped(
        "ru",
        "Войска Колонии взяли под контроль Арканар.",
        &[
            m("Колонии", "KOL", State),
            m("Арканар", "ARK", State),
        ],
        "Войска/NOUN/Case=Nom/войско Колонии/PROPN/Case=Gen/колония взяли/VERB/Aspect=Perf|Tense=Past/взять под/ADP/_/под контроль/NOUN/Case=Acc/контроль Арканар/PROPN/Case=Acc/арканар ./PUNCT/_/.",
    );
    let seize = events_of_type(&ex, EventType::Coerce);
    assert_eq!(seize.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&seize[0].actors), ["KOL"]);
    // Taking a loan is no seizure.
    let ex = read_shipped(
        "ru",
        "Колония взяла кредит.",
        &[m("Колония", "KOL", State)],
        "Колония/PROPN/Case=Nom/колония взяла/VERB/Aspect=Perf|Tense=Past/взять кредит/NOUN/Case=Acc/кредит ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Coerce).is_empty(),
        "{:#?}",
        ex.events
    );
}
