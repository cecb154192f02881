//! Russian event coding on the news dev split (issue 12, stop 25, second pass, docs/notes/news-eval.md):
//! blame by an evaluative predicate (`назвал решение недопустимым`) and further Russian
//! vocabulary by PLOVER type. Sentences of our own with made-up states; each word's part of
//! speech, features and lemma are written by hand (so the reading is tested, not the tagger);
//! the shipped rule files are read as they are.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

#[test]
fn naming_an_act_with_a_word_of_condemnation_is_an_accusation() {
    // `назвать X <оценка>`: the evaluation (here quoted, which ends the clause) makes it blame.
    let ex = read_shipped(
        "ru",
        "Аркадия назвала действия Борении «недопустимой провокацией».",
        &[m("Аркадия", "XAR", State), m("Борении", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия назвала/VERB/Aspect=Perf|Tense=Past/назвать действия/NOUN/Case=Acc/действие Борении/PROPN/Case=Gen/борения «/PUNCT/_/« недопустимой/ADJ/Case=Ins/недопустимый провокацией/NOUN/Case=Ins/провокация »/PUNCT/_/» ./PUNCT/_/.",
    );
    let blame = events_of_type(&ex, EventType::Accuse);
    assert_eq!(blame.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&blame[0].actors), ["XAR"]);
    assert_eq!(ids(&blame[0].recipients), ["XBO"]);
}

#[test]
fn naming_without_an_evaluation_or_next_to_a_verb_of_blame_adds_no_accusation() {
    // Naming only names: no word of condemnation, no event.
    let ex = read_shipped(
        "ru",
        "Аркадия назвала нового посла в Борении.",
        &[m("Аркадия", "XAR", State), m("Борении", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия назвала/VERB/Aspect=Perf|Tense=Past/назвать нового/ADJ/Case=Acc/новый посла/NOUN/Case=Acc/посол в/ADP/_/в Борении/PROPN/Case=Loc/борения ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Accuse).is_empty(),
        "{:#?}",
        ex.events
    );
    // `осудила …, назвав его провокацией`: the gerund elaborates the one act of blame.
    let ex = read_shipped(
        "ru",
        "Аркадия осудила визит Борении, назвав его провокацией.",
        &[m("Аркадия", "XAR", State), m("Борении", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия осудила/VERB/Aspect=Perf|Tense=Past/осудить визит/NOUN/Case=Acc/визит Борении/PROPN/Case=Gen/борения ,/PUNCT/_/, назвав/VERB/VerbForm=Conv/назвать его/PRON/Case=Acc/он провокацией/NOUN/Case=Ins/провокация ./PUNCT/_/.",
    );
    let blame = events_of_type(&ex, EventType::Accuse);
    assert_eq!(blame.len(), 1, "{:#?}", ex.events);
}

#[test]
fn an_official_arriving_in_a_city_visits_its_state() {
    // `прибыл в Харьков`: a visit (CONSULT) with the state of the place reached as its host
    // (the shipped knowledge base puts Kharkiv in Ukraine).
    let ex = read_shipped(
        "ru",
        "Президент Колонии прибыл в Харьков.",
        &[m("Колонии", "KOL", State), m("Харьков", "place:kharkiv", Place)],
        "Президент/NOUN/Case=Nom/президент Колонии/PROPN/Case=Gen/колония прибыл/VERB/Aspect=Perf|Tense=Past/прибыть в/ADP/_/в Харьков/PROPN/Case=Acc/харьков ./PUNCT/_/.",
    );
    let visit = events_of_type(&ex, EventType::Consult);
    assert_eq!(visit.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&visit[0].actors), ["KOL"]);
    assert_eq!(ids(&visit[0].recipients), ["UKR"]);
    // Troops arriving are no visit.
    let ex = read_shipped(
        "ru",
        "Войска Колонии прибыли в Харьков.",
        &[m("Колонии", "KOL", State), m("Харьков", "place:kharkiv", Place)],
        "Войска/NOUN/Case=Nom/войско Колонии/PROPN/Case=Gen/колония прибыли/VERB/Aspect=Perf|Tense=Past/прибыть в/ADP/_/в Харьков/PROPN/Case=Acc/харьков ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Consult).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn detentions_named_by_a_noun_with_no_author_are_the_states_where_they_happened() {
    // `были задержания`: an arrest noun is an authority's act, as the verb `задержать` is; with
    // no author it was done by the state of its place (the shipped knowledge base puts Kharkiv
    // in Ukraine).
    let ex = read_shipped(
        "ru",
        "В Харькове были задержания.",
        &[m("Харькове", "place:kharkiv", Place)],
        "В/ADP/_/в Харькове/PROPN/Case=Loc/харьков были/AUX/Tense=Past/быть задержания/NOUN/Case=Nom/задержание ./PUNCT/_/.",
    );
    let arrests = events_of_type(&ex, EventType::Coerce);
    assert_eq!(arrests.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&arrests[0].actors), ["UKR"]);
}
