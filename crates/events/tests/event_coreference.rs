//! Event coreference (stop 30, `merge_nominal_rementions` in lib.rs): a noun naming an act of a
//! type already coded earlier in the document is that act named again, not a new event; an
//! indefinite noun, a noun with a date or count of its own, and a verb stay new acts. Sentences
//! of our own with made-up states; each word's tags are written by hand.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

const FIRST: &str = "Kolonien/PROPN/Case=Nom/kolonien verübte/VERB/Mood=Ind/verüben einen/DET/Case=Acc|Definite=Ind/ein Anschlag/NOUN/Case=Acc/anschlag auf/ADP/_/auf Georgien/PROPN/Case=Acc/georgien ./PUNCT/_/.";

fn read(second: &str, second_words: &str) -> Extraction {
    let text = format!("Kolonien verübte einen Anschlag auf Georgien. {second}");
    read_shipped(
        "de",
        &text,
        &[m("Kolonien", "XKO", State), m("Georgien", "GEO", State)],
        &format!("{FIRST} {second_words}"),
    )
}

#[test]
fn a_definite_noun_names_the_act_reported_before() {
    let ex = read(
        "Bei dem Anschlag auf Georgien starben viele Menschen.",
        "Bei/ADP/_/bei dem/DET/Case=Dat|Definite=Def/der Anschlag/NOUN/Case=Dat/anschlag auf/ADP/_/auf Georgien/PROPN/Case=Acc/georgien starben/VERB/Mood=Ind/sterben viele/ADJ/_/viel Menschen/NOUN/Case=Nom/mensch ./PUNCT/_/.",
    );
    let assaults = events_of_type(&ex, EventType::Assault);
    assert_eq!(assaults.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&assaults[0].actors), ["XKO"]);
    assert_eq!(ids(&assaults[0].recipients), ["GEO"]);
    // The second mention is evidence of the same act.
    assert_eq!(assaults[0].evidence.len(), 2, "{:#?}", assaults[0].evidence);
}

#[test]
fn an_indefinite_noun_is_a_new_act() {
    let ex = read(
        "Bei einem neuen Anschlag auf Georgien starben viele Menschen.",
        "Bei/ADP/_/bei einem/DET/Case=Dat|Definite=Ind/ein neuen/ADJ/Case=Dat/neu Anschlag/NOUN/Case=Dat/anschlag auf/ADP/_/auf Georgien/PROPN/Case=Acc/georgien starben/VERB/Mood=Ind/sterben viele/ADJ/_/viel Menschen/NOUN/Case=Nom/mensch ./PUNCT/_/.",
    );
    assert_eq!(
        events_of_type(&ex, EventType::Assault).len(),
        2,
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_noun_with_a_date_of_its_own_is_another_act() {
    let ex = read(
        "Der Anschlag 2019 auf Georgien war schwerer.",
        "Der/DET/Case=Nom|Definite=Def/der Anschlag/NOUN/Case=Nom/anschlag 2019/NUM/_/2019 auf/ADP/_/auf Georgien/PROPN/Case=Acc/georgien war/AUX/Mood=Ind/sein schwerer/ADJ/_/schwer ./PUNCT/_/.",
    );
    assert_eq!(
        events_of_type(&ex, EventType::Assault).len(),
        2,
        "{:#?}",
        ex.events
    );
}
