//! Roles held by no name (issue 12, stop 24, docs/notes/news-eval.md): an institution that
//! acts or is addressed (`Die Regierung forderte`, `forderten die Regierung auf`), an arrest
//! in the passive with no agent, a protest with no named side. Each stands for the state where
//! the report places it, as PLOVER and ACLED code them. Sentences of our own; each word's part
//! of speech, features and lemma are written by hand (so the reading is tested, not the
//! tagger); the shipped rule files are read as they are.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

#[test]
fn a_government_placed_by_its_capital_acts_for_its_state() {
    let ex = read_shipped(
        "de",
        "Die Regierung in Kolonstadt forderte einen Waffenstillstand.",
        &[m("Kolonstadt", "XKO", State)],
        "Die/DET/Case=Nom/der Regierung/NOUN/Case=Nom/regierung in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt forderte/VERB/Mood=Ind/fordern einen/DET/Case=Acc/ein Waffenstillstand/NOUN/Case=Acc/waffenstillstand ./PUNCT/_/.",
    );
    let requests = events_of_type(&ex, EventType::Request);
    assert_eq!(requests.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&requests[0].actors), ["XKO"]);
}

#[test]
fn an_addressed_government_is_its_state_and_a_misread_lemma_still_fires() {
    // The lemmatiser's `forderen` for `forderten` is read as a form of `fordern`, though the
    // form rule `forderte*` of requests for military help matched the word first.
    let ex = read_shipped(
        "de",
        "In Kolonstadt demonstrierten Tausende. Die Demonstranten forderten die Regierung auf, das Gesetz zurückzuziehen.",
        &[
            m("Kolonstadt", "XKO", State),
            m("Demonstranten", "protesters", Agent),
        ],
        "In/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt demonstrierten/VERB/Mood=Ind/demonstrieren Tausende/NOUN/Case=Nom/tausend ./PUNCT/_/. Die/DET/Case=Nom/der Demonstranten/NOUN/Case=Nom/demonstrant forderten/VERB/Mood=Ind/forderen die/DET/Case=Acc/der Regierung/NOUN/Case=Acc/regierung auf/ADP/_/auf ,/PUNCT/_/, das/DET/Case=Acc/der Gesetz/NOUN/Case=Acc/gesetz zurückzuziehen/VERB/VerbForm=Inf/zurückziehen ./PUNCT/_/.",
    );
    let requests = events_of_type(&ex, EventType::Request);
    assert_eq!(requests.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&requests[0].actors), ["XKO.protesters"]);
    assert_eq!(ids(&requests[0].recipients), ["XKO"]);
}

#[test]
fn a_ministry_after_its_verb_is_the_subject() {
    // `заявил МИД`-style inversion, with the state from the sentence's place.
    let ex = read_shipped(
        "ru",
        "В Колонграде потребовало правительство отставки Грузии.",
        &[
            m("Колонграде", "XKO", State),
            m("Грузии", "GEO", State),
        ],
        "В/ADP/_/в Колонграде/PROPN/Case=Loc/колонград потребовало/VERB/Mood=Ind/потребовать правительство/NOUN/Case=Nom/правительство отставки/NOUN/Case=Gen/отставка Грузии/PROPN/Case=Gen/грузия ./PUNCT/_/.",
    );
    let requests = events_of_type(&ex, EventType::Request);
    assert_eq!(requests.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&requests[0].actors), ["XKO"]);
}

#[test]
fn an_institution_in_a_prepositional_phrase_is_not_the_subject() {
    // `в правительстве` says where; nobody named acts, so nothing is kept.
    let ex = read_shipped(
        "ru",
        "В правительстве потребовали отставки.",
        &[],
        "В/ADP/_/в правительстве/NOUN/Case=Loc/правительство потребовали/VERB/Mood=Ind/потребовать отставки/NOUN/Case=Gen/отставка ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Request).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn an_arrest_in_the_passive_with_no_agent_is_the_state_s() {
    let ex = read_shipped(
        "de",
        "In Kolonstadt wurden elf Personen festgenommen.",
        &[m("Kolonstadt", "XKO", State)],
        "In/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt wurden/AUX/Mood=Ind/werden elf/NUM/_/elf Personen/NOUN/Case=Nom/person festgenommen/VERB/VerbForm=Part/festnehmen ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&coerce[0].actors), ["XKO"]);
}

#[test]
fn a_kidnapping_in_the_passive_names_no_state() {
    // Anyone kidnaps: only the authorities' acts are given to the state.
    let ex = read_shipped(
        "de",
        "In Kolonstadt wurden elf Personen entführt.",
        &[m("Kolonstadt", "XKO", State)],
        "In/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt wurden/AUX/Mood=Ind/werden elf/NUM/_/elf Personen/NOUN/Case=Nom/person entführt/VERB/VerbForm=Part/entführen ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Coerce).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_protest_with_no_named_side_is_the_protesters_of_its_place() {
    let ex = read_shipped(
        "de",
        "Tausende Menschen haben in Kolonstadt demonstriert.",
        &[m("Kolonstadt", "XKO", State)],
        "Tausende/NUM/_/tausend Menschen/NOUN/Case=Nom/mensch haben/AUX/Mood=Ind/haben in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt demonstriert/VERB/VerbForm=Part/demonstrieren ./PUNCT/_/.",
    );
    let protests = events_of_type(&ex, EventType::Protest);
    assert_eq!(protests.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&protests[0].actors), ["XKO.protesters"]);
}
