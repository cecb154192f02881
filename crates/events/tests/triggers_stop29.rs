//! Stop 29 (issue 12, docs/notes/news-eval.md "Stop 29: triggers"): trigger words written by
//! walking the CAMEO event concepts (and their CAMEO → PLOVER type) for German and Russian —
//! abduction is an assault, a person's release a retreat, `das Feuer eröffnen`, bombs going
//! off, `ввести визовый режим`, `вывести полицию на улицы` — each with the sense it must not
//! take. Sentences of our own with made-up states; every word's part of speech, features and
//! lemma are written by hand, so the shipped rules are tested, not the tagger.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_shipped;
use EntityKind::*;

fn types(ex: &Extraction) -> Vec<EventType> {
    ex.events.iter().map(|e| e.event_type).collect()
}

#[test]
fn an_abduction_is_an_assault_not_an_arrest() {
    // CAMEO 181 `abduct, hijack` → PLOVER ASSAULT: before stop 29 `entführen` was an arrest.
    let ex = read_shipped(
        "de",
        "Graustark hat einen Diplomaten Ruritaniens entführt.",
        &[m("Graustark", "GRS", State), m("Ruritaniens", "RUR", State)],
        "Graustark/PROPN/Case=Nom/Graustark hat/AUX/VerbForm=Fin/haben einen/DET/Case=Acc/ein Diplomaten/NOUN/Case=Acc/Diplomat Ruritaniens/PROPN/Case=Gen/Ruritanien entführt/VERB/VerbForm=Part/entführen ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Assault), "{:#?}", ex.events);
    assert!(!types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);

    let ex = read_shipped(
        "ru",
        "Боевики Граустарка похитили журналиста Руритании.",
        &[m("Граустарка", "GRS", State), m("Руритании", "RUR", State)],
        "Боевики/NOUN/Case=Nom/боевик Граустарка/PROPN/Case=Gen/граустарк похитили/VERB/Aspect=Perf/похитить журналиста/NOUN/Case=Acc/журналист Руритании/PROPN/Case=Gen/руритания ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Assault), "{:#?}", ex.events);
    assert!(!types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);
}

#[test]
fn opening_fire_is_an_attack_but_opening_an_embassy_is_not() {
    let ex = read_shipped(
        "de",
        "Soldaten aus Ruritanien eröffneten das Feuer auf Graustark.",
        &[m("Ruritanien", "RUR", State), m("Graustark", "GRS", State)],
        "Soldaten/NOUN/Case=Nom/Soldat aus/ADP/_/aus Ruritanien/PROPN/Case=Dat/Ruritanien eröffneten/VERB/VerbForm=Fin/eröffnen das/DET/Case=Acc/der Feuer/NOUN/Case=Acc/Feuer auf/ADP/_/auf Graustark/PROPN/Case=Acc/Graustark ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Assault), "{:#?}", ex.events);

    let ex = read_shipped(
        "de",
        "Ruritanien eröffnete eine Botschaft in Graustark.",
        &[m("Ruritanien", "RUR", State), m("Graustark", "GRS", State)],
        "Ruritanien/PROPN/Case=Nom/Ruritanien eröffnete/VERB/VerbForm=Fin/eröffnen eine/DET/Case=Acc/ein Botschaft/NOUN/Case=Acc/Botschaft in/ADP/_/in Graustark/PROPN/Case=Dat/Graustark ./PUNCT",
    );
    assert!(
        !types(&ex).contains(&EventType::Assault),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_bomb_going_off_is_an_attack_but_prices_exploding_are_not() {
    let ex = read_shipped(
        "de",
        "Graustark zündete vier Autobomben vor der Botschaft Ruritaniens.",
        &[m("Graustark", "GRS", State), m("Ruritaniens", "RUR", State)],
        "Graustark/PROPN/Case=Nom/Graustark zündete/VERB/VerbForm=Fin/zünden vier/NUM/_/vier Autobomben/NOUN/Case=Acc/Autobombe vor/ADP/_/vor der/DET/Case=Dat/der Botschaft/NOUN/Case=Dat/Botschaft Ruritaniens/PROPN/Case=Gen/Ruritanien ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Assault), "{:#?}", ex.events);

    let ex = read_shipped(
        "de",
        "In Ruritanien explodierten die Preise für Brot.",
        &[m("Ruritanien", "RUR", State)],
        "In/ADP/_/in Ruritanien/PROPN/Case=Dat/Ruritanien explodierten/VERB/VerbForm=Fin/explodieren die/DET/Case=Nom/der Preise/NOUN/Case=Nom/Preis für/ADP/_/für Brot/NOUN/Case=Acc/Brot ./PUNCT",
    );
    assert!(
        !types(&ex).contains(&EventType::Assault),
        "{:#?}",
        ex.events
    );
}

#[test]
fn releasing_a_person_is_a_retreat_and_the_arrest_it_ends_is_no_event() {
    // CAMEO 0841 `return, release person(s)` → PLOVER RETREAT; `из-под ареста` names the
    // arrest the release ends (before stop 29: CONCEDE and a COERCE from `ареста`).
    let ex = read_shipped(
        "ru",
        "Власти Руритании освободили из-под домашнего ареста лидера оппозиции Граустарка.",
        &[m("Руритании", "RUR", State), m("Граустарка", "GRS", State)],
        "Власти/NOUN/Case=Nom/власть Руритании/PROPN/Case=Gen/руритания освободили/VERB/Aspect=Perf/освободить из-под/ADP/_/из-под домашнего/ADJ/Case=Gen/домашний ареста/NOUN/Case=Gen/арест лидера/NOUN/Case=Acc/лидер оппозиции/NOUN/Case=Gen/оппозиция Граустарка/PROPN/Case=Gen/граустарк ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Retreat), "{:#?}", ex.events);
    assert!(
        !types(&ex).contains(&EventType::Concede),
        "{:#?}",
        ex.events
    );
    assert!(!types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);
}

#[test]
fn imposing_a_visa_regime_is_a_sanction_but_imposing_a_tax_is_not() {
    let ex = read_shipped(
        "ru",
        "Руритания ввела визовый режим с Граустарком.",
        &[m("Руритания", "RUR", State), m("Граустарком", "GRS", State)],
        "Руритания/PROPN/Case=Nom/руритания ввела/VERB/Aspect=Perf/ввести визовый/ADJ/Case=Acc/визовый режим/NOUN/Case=Acc/режим с/ADP/_/с Граустарком/PROPN/Case=Ins/граустарк ./PUNCT",
    );
    assert!(
        types(&ex).contains(&EventType::Sanction),
        "{:#?}",
        ex.events
    );

    let ex = read_shipped(
        "ru",
        "Руритания ввела новый налог для компаний Граустарка.",
        &[m("Руритания", "RUR", State), m("Граустарка", "GRS", State)],
        "Руритания/PROPN/Case=Nom/руритания ввела/VERB/Aspect=Perf/ввести новый/ADJ/Case=Acc/новый налог/NOUN/Case=Acc/налог для/ADP/_/для компаний/NOUN/Case=Gen/компания Граустарка/PROPN/Case=Gen/граустарк ./PUNCT",
    );
    assert!(
        !types(&ex).contains(&EventType::Sanction),
        "{:#?}",
        ex.events
    );
}

#[test]
fn bringing_police_out_onto_the_streets_is_a_deployment_not_a_withdrawal() {
    let ex = read_shipped(
        "ru",
        "Власти Руритании вывели на улицы дополнительные силы полиции.",
        &[m("Руритании", "RUR", State)],
        "Власти/NOUN/Case=Nom/власть Руритании/PROPN/Case=Gen/руритания вывели/VERB/Aspect=Perf/вывести на/ADP/_/на улицы/NOUN/Case=Acc/улица дополнительные/ADJ/Case=Acc/дополнительный силы/NOUN/Case=Acc/сила полиции/NOUN/Case=Gen/полиция ./PUNCT",
    );
    assert!(
        types(&ex).contains(&EventType::Mobilize),
        "{:#?}",
        ex.events
    );
    assert!(
        !types(&ex).contains(&EventType::Retreat),
        "{:#?}",
        ex.events
    );
}

#[test]
fn police_pushing_back_demonstrators_is_coercion() {
    let ex = read_shipped(
        "de",
        "Die Polizei in Ruritanien hat die Demonstranten zurückgedrängt.",
        &[m("Ruritanien", "RUR", State)],
        "Die/DET/Case=Nom/der Polizei/NOUN/Case=Nom/Polizei in/ADP/_/in Ruritanien/PROPN/Case=Dat/Ruritanien hat/AUX/VerbForm=Fin/haben die/DET/Case=Acc/der Demonstranten/NOUN/Case=Acc/Demonstrant zurückgedrängt/VERB/VerbForm=Part/zurückdrängen ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);
}

#[test]
fn a_compound_is_read_by_its_head_unless_the_head_ends_words_of_another_sense() {
    // `not_compound_heads`: `Wahlkampf` is no fighting, `Staatsanwaltschaft` no custody
    // (`-schaft` ends in `haft`), `Voraussetzung` no suspension; on 550 unscored German
    // articles these heads made 33 false events (docs/notes/news-eval.md, stop 29).
    let ex = read_shipped(
        "de",
        "Der Wahlkampf in Ruritanien hat begonnen.",
        &[m("Ruritanien", "RUR", State)],
        "Der/DET/Case=Nom/der Wahlkampf/NOUN/Case=Nom/Wahlkampf in/ADP/_/in Ruritanien/PROPN/Case=Dat/Ruritanien hat/AUX/VerbForm=Fin/haben begonnen/VERB/VerbForm=Part/beginnen ./PUNCT",
    );
    assert!(
        !types(&ex).contains(&EventType::Assault),
        "{:#?}",
        ex.events
    );

    let ex = read_shipped(
        "de",
        "Die Staatsanwaltschaft Ruritaniens sprach von zehn Jahren Gefängnis.",
        &[m("Ruritaniens", "RUR", State)],
        "Die/DET/Case=Nom/der Staatsanwaltschaft/NOUN/Case=Nom/Staatsanwaltschaft Ruritaniens/PROPN/Case=Gen/Ruritanien sprach/VERB/VerbForm=Fin/sprechen von/ADP/_/von zehn/NUM/_/zehn Jahren/NOUN/Case=Dat/Jahr Gefängnis/NOUN/Case=Dat/Gefängnis ./PUNCT",
    );
    assert!(!types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);

    // The compound pass itself still reads other heads: `Artillerieangriffe` are attacks.
    let ex = read_shipped(
        "de",
        "Graustark meldete Artillerieangriffe auf Ruritanien.",
        &[m("Graustark", "GRS", State), m("Ruritanien", "RUR", State)],
        "Graustark/PROPN/Case=Nom/Graustark meldete/VERB/VerbForm=Fin/melden Artillerieangriffe/NOUN/Case=Acc/Artillerieangriff auf/ADP/_/auf Ruritanien/PROPN/Case=Acc/Ruritanien ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Assault), "{:#?}", ex.events);
}

#[test]
fn taking_second_place_is_no_seizure_and_declining_to_comment_no_rejection() {
    let ex = read_shipped(
        "ru",
        "Второе место заняла партия Руритании.",
        &[m("Руритании", "RUR", State)],
        "Второе/ADJ/Case=Acc/второй место/NOUN/Case=Acc/место заняла/VERB/Aspect=Perf/занять партия/NOUN/Case=Nom/партия Руритании/PROPN/Case=Gen/руритания ./PUNCT",
    );
    assert!(!types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);

    let ex = read_shipped(
        "ru",
        "МИД Руритании отказался от комментариев.",
        &[m("Руритании", "RUR", State)],
        "МИД/PROPN/Case=Nom/мид Руритании/PROPN/Case=Gen/руритания отказался/VERB/Aspect=Perf/отказаться от/ADP/_/от комментариев/NOUN/Case=Gen/комментарий ./PUNCT",
    );
    assert!(!types(&ex).contains(&EventType::Reject), "{:#?}", ex.events);
    assert!(
        !types(&ex).contains(&EventType::Concede),
        "{:#?}",
        ex.events
    );
}

#[test]
fn senses_read_off_unscored_german_news() {
    // `wies darauf hin` points out; `es besteht` exists; stopping fire is a ceasefire.
    let ex = read_shipped(
        "de",
        "Ruritanien wies darauf hin , dass Graustark gewählt hat .",
        &[m("Ruritanien", "RUR", State), m("Graustark", "GRS", State)],
        "Ruritanien/PROPN/Case=Nom/Ruritanien wies/VERB/VerbForm=Fin/weisen darauf/ADV/_/darauf hin/ADV/_/hin ,/PUNCT dass/SCONJ/_/dass Graustark/PROPN/Case=Nom/Graustark gewählt/VERB/VerbForm=Part/wählen hat/AUX/VerbForm=Fin/haben ./PUNCT",
    );
    assert!(
        !types(&ex).contains(&EventType::Sanction),
        "{:#?}",
        ex.events
    );

    let ex = read_shipped(
        "de",
        "Zwischen Ruritanien und Graustark besteht ein Vertrag .",
        &[m("Ruritanien", "RUR", State), m("Graustark", "GRS", State)],
        "Zwischen/ADP/_/zwischen Ruritanien/PROPN/Case=Dat/Ruritanien und/CCONJ/_/und Graustark/PROPN/Case=Dat/Graustark besteht/VERB/VerbForm=Fin/bestehen ein/DET/Case=Nom/ein Vertrag/NOUN/Case=Nom/Vertrag ./PUNCT",
    );
    assert!(
        !types(&ex).contains(&EventType::Request),
        "{:#?}",
        ex.events
    );

    let ex = read_shipped(
        "de",
        "Ruritanien stellte das Feuer auf Graustark ein .",
        &[m("Ruritanien", "RUR", State), m("Graustark", "GRS", State)],
        "Ruritanien/PROPN/Case=Nom/Ruritanien stellte/VERB/VerbForm=Fin/stellen das/DET/Case=Acc/der Feuer/NOUN/Case=Acc/Feuer auf/ADP/_/auf Graustark/PROPN/Case=Acc/Graustark ein/ADP/_/ein ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Retreat), "{:#?}", ex.events);
    assert!(
        !types(&ex).contains(&EventType::Sanction),
        "{:#?}",
        ex.events
    );
}

#[test]
fn selling_a_share_is_no_aid_but_sending_aid_is() {
    let ex = read_shipped(
        "ru",
        "Компания Руритании продала свою долю Граустарку.",
        &[m("Руритании", "RUR", State), m("Граустарку", "GRS", State)],
        "Компания/NOUN/Case=Nom/компания Руритании/PROPN/Case=Gen/руритания продала/VERB/Aspect=Perf/продать свою/DET/Case=Acc/свой долю/NOUN/Case=Acc/доля Граустарку/PROPN/Case=Dat/граустарк ./PUNCT",
    );
    assert!(!types(&ex).contains(&EventType::Aid), "{:#?}", ex.events);

    let ex = read_shipped(
        "ru",
        "Руритания направила гуманитарную помощь Граустарку.",
        &[m("Руритания", "RUR", State), m("Граустарку", "GRS", State)],
        "Руритания/PROPN/Case=Nom/руритания направила/VERB/Aspect=Perf/направить гуманитарную/ADJ/Case=Acc/гуманитарный помощь/NOUN/Case=Acc/помощь Граустарку/PROPN/Case=Dat/граустарк ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Aid), "{:#?}", ex.events);
}

#[test]
fn a_verb_of_wide_sense_is_no_event_by_itself() {
    // `take`, `beat`: the generated CAMEO vocabulary drops them (its object decides: `took the
    // lead`, `beat the champions`); `seize` stays.
    let ex = read_shipped(
        "en",
        "Ruritania took the lead against Graustark .",
        &[m("Ruritania", "RUR", State), m("Graustark", "GRS", State)],
        "Ruritania/PROPN/_/Ruritania took/VERB/VerbForm=Fin/take the/DET/_/the lead/NOUN/_/lead against/ADP/_/against Graustark/PROPN/_/Graustark ./PUNCT",
    );
    assert!(!types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);

    let ex = read_shipped(
        "en",
        "Ruritania seized the ships of Graustark .",
        &[m("Ruritania", "RUR", State), m("Graustark", "GRS", State)],
        "Ruritania/PROPN/_/Ruritania seized/VERB/VerbForm=Fin/seize the/DET/_/the ships/NOUN/_/ship of/ADP/_/of Graustark/PROPN/_/Graustark ./PUNCT",
    );
    assert!(types(&ex).contains(&EventType::Coerce), "{:#?}", ex.events);
}
