//! Event nouns that are another verb's argument, and generic actors located by a state after a
//! location preposition (stop 23, docs/notes/news-eval.md). Sentences of our own; each word's
//! part of speech, features and lemma are written by hand, so the reading is tested, not the
//! tagger. The shipped rule files are read as they are.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

#[test]
fn who_condemns_an_attack_is_not_its_author() {
    // The coup noun is the object of `verurteilte`: Kolonien condemns, it did not stage it.
    let ex = read_shipped(
        "de",
        "Kolonien verurteilte den Putsch scharf.",
        &[m("Kolonien", "XKO", State)],
        "Kolonien/PROPN/Case=Nom/kolonien verurteilte/VERB/Mood=Ind/verurteilen den/DET/Case=Acc/der Putsch/NOUN/Case=Acc/putsch scharf/ADV/_/scharf ./PUNCT/_/.",
    );
    for e in events_of_type(&ex, EventType::Assault) {
        assert!(!ids(&e.actors).contains(&"XKO"), "{:?}", e.actors);
    }
}

#[test]
fn a_support_verb_keeps_its_subject_as_the_author() {
    let ex = read_shipped(
        "de",
        "Kolonien verübte einen Anschlag auf Georgien.",
        &[m("Kolonien", "XKO", State), m("Georgien", "GEO", State)],
        "Kolonien/PROPN/Case=Nom/kolonien verübte/VERB/Mood=Ind/verüben einen/DET/Case=Acc/ein Anschlag/NOUN/Case=Acc/anschlag auf/ADP/_/auf Georgien/PROPN/Case=Acc/georgien ./PUNCT/_/.",
    );
    let assaults = events_of_type(&ex, EventType::Assault);
    assert_eq!(assaults.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&assaults[0].actors), ["XKO"]);
}

#[test]
fn a_noun_in_an_oblique_case_hangs_on_another_word() {
    // `протестов` depends on `подавлением`: the EU sanctioned, it did not protest.
    let ex = read_shipped(
        "ru",
        "Колония ввела санкции в связи с подавлением протестов.",
        &[m("Колония", "XKO", State)],
        "Колония/PROPN/Case=Nom/колония ввела/VERB/Mood=Ind/ввести санкции/NOUN/Case=Acc/санкция в/ADP/_/в связи/NOUN/Case=Loc/связь с/ADP/_/с подавлением/NOUN/Case=Ins/подавление протестов/NOUN/Case=Gen/протест ./PUNCT/_/.",
    );
    for e in events_of_type(&ex, EventType::Protest) {
        assert!(!ids(&e.actors).contains(&"XKO"), "{:?}", e.actors);
    }
}

#[test]
fn a_generic_actor_takes_the_state_it_is_placed_in() {
    // `in Kolonien` locates the police (a state's own force acts as the state) and is no
    // second actor.
    let ex = read_shipped(
        "en",
        "Police in Kolonia arrested eleven protesters.",
        &[m("Police", "police", Agent), m("Kolonia", "XKO", State), m("protesters", "protesters", Agent)],
        "Police/NOUN/Number=Plur/police in/ADP/_/in Kolonia/PROPN/Number=Sing/kolonia arrested/VERB/Mood=Ind|Tense=Past|VerbForm=Fin/arrest eleven/NUM/_/eleven protesters/NOUN/Number=Plur/protester ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&coerce[0].actors), ["XKO"]);
    assert_eq!(ids(&coerce[0].recipients), ["XKO.protesters"]);
}

#[test]
fn right_after_a_support_verb_the_noun_is_its_object_whatever_the_tagged_case() {
    // The tagger read `удары` as a genitive; after `нанесла` it is still its object.
    let ex = read_shipped(
        "ru",
        "Колония нанесла удары по Грузии.",
        &[m("Колония", "XKO", State), m("Грузии", "GEO", State)],
        "Колония/PROPN/Case=Nom/колония нанесла/VERB/Mood=Ind/нанести удары/NOUN/Case=Gen/удар по/ADP/_/по Грузии/PROPN/Case=Dat/грузия ./PUNCT/_/.",
    );
    let assaults = events_of_type(&ex, EventType::Assault);
    assert_eq!(assaults.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&assaults[0].actors), ["XKO"]);
}

#[test]
fn a_possessive_names_the_author_of_the_noun() {
    // `seinen Rücktritt`: the subject's own resignation, though `bieten` is no support verb.
    let ex = read_shipped(
        "de",
        "Kolonien bot seinen Rücktritt an.",
        &[m("Kolonien", "XKO", State)],
        "Kolonien/PROPN/Case=Nom/kolonien bot/VERB/Mood=Ind/bieten seinen/DET/Case=Acc|Poss=Yes/sein Rücktritt/NOUN/Case=Acc/rücktritt an/ADP/_/an ./PUNCT/_/.",
    );
    let concede = events_of_type(&ex, EventType::Concede);
    assert_eq!(concede.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&concede[0].actors), ["XKO"]);
}

/// Stop 26: a closed compound is read by its head (`[grammar] compound_min_modifier`):
/// `Drohnenanschlag`, in no rule's list, is an `Anschlag`; a word whose tail is a trigger only
/// after a too-short modifier (`Vorschlag`) is not.
#[test]
fn a_compound_noun_is_read_by_its_head() {
    let ex = read_shipped(
        "de",
        "Kolonien verübte einen Drohnenanschlag auf Georgien.",
        &[m("Kolonien", "XKO", State), m("Georgien", "GEO", State)],
        "Kolonien/PROPN/Case=Nom/kolonien verübte/VERB/Mood=Ind/verüben einen/DET/Case=Acc/ein Drohnenanschlag/NOUN/Case=Acc/drohnenanschlag auf/ADP/_/auf Georgien/PROPN/Case=Acc/georgien ./PUNCT/_/.",
    );
    let assaults = events_of_type(&ex, EventType::Assault);
    assert_eq!(assaults.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&assaults[0].actors), ["XKO"]);
    assert_eq!(ids(&assaults[0].recipients), ["GEO"]);

    let ex = read_shipped(
        "de",
        "Kolonien machte einen Vorschlag an Georgien.",
        &[m("Kolonien", "XKO", State), m("Georgien", "GEO", State)],
        "Kolonien/PROPN/Case=Nom/kolonien machte/VERB/Mood=Ind/machen einen/DET/Case=Acc/ein Vorschlag/NOUN/Case=Acc/vorschlag an/ADP/_/an Georgien/PROPN/Case=Acc/georgien ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:#?}",
        ex.events
    );
}
