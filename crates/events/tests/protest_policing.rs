//! Protest policing (issue 12, stop 25, second pass, docs/notes/news-eval.md): an arrest or crackdown by a
//! state's authorities that names no one acted on is aimed at the crowd of a protest the story
//! reports in that state, or names in the arrest's own sentence (`[grammar]
//! arrest_target_from_crowd`, on for German and Russian), as PLOVER and ACLED code protest policing.
//! Sentences of our own with a made-up state; words tagged by hand; shipped rule files.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

#[test]
fn an_arrest_after_a_protest_is_aimed_at_its_crowd() {
    let ex = read_shipped(
        "de",
        "Tausende Menschen haben in Kolonstadt demonstriert. Elf Personen wurden festgenommen.",
        &[m("Kolonstadt", "XKO", State)],
        "Tausende/NUM/_/tausend Menschen/NOUN/Case=Nom/mensch haben/AUX/Mood=Ind/haben in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt demonstriert/VERB/VerbForm=Part/demonstrieren ./PUNCT/_/. Elf/NUM/_/elf Personen/NOUN/Case=Nom/person wurden/AUX/Mood=Ind/werden festgenommen/VERB/VerbForm=Part/festnehmen ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&coerce[0].actors), ["XKO"]);
    assert_eq!(ids(&coerce[0].recipients), ["XKO.protesters"]);
}

#[test]
fn an_arrest_in_a_story_with_no_protest_names_no_crowd() {
    let ex = read_shipped(
        "de",
        "In Kolonstadt wurden elf Personen festgenommen.",
        &[m("Kolonstadt", "XKO", State)],
        "In/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt wurden/AUX/Mood=Ind/werden elf/NUM/_/elf Personen/NOUN/Case=Nom/person festgenommen/VERB/VerbForm=Part/festnehmen ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert!(coerce[0].recipients.is_empty(), "{:#?}", coerce[0]);
}

#[test]
fn an_arrest_with_a_named_target_keeps_it() {
    let ex = read_shipped(
        "de",
        "Tausende Menschen haben in Kolonstadt demonstriert. Die Polizei nahm Hans Muster fest.",
        &[m("Kolonstadt", "XKO", State), m("Hans Muster", "person:hans-muster", Person)],
        "Tausende/NUM/_/tausend Menschen/NOUN/Case=Nom/mensch haben/AUX/Mood=Ind/haben in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt demonstriert/VERB/VerbForm=Part/demonstrieren ./PUNCT/_/. Die/DET/Case=Nom/der Polizei/NOUN/Case=Nom/polizei nahm/VERB/Mood=Ind/nehmen Hans/PROPN/Case=Acc/hans Muster/PROPN/Case=Acc/muster fest/ADP/_/fest ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&coerce[0].recipients), ["person:hans-muster"]);
}

#[test]
fn a_russian_arrest_after_a_protest_is_aimed_at_its_crowd() {
    // Stop 26: the flag is on for Russian too (`были задержания` after a rally).
    let ex = read_shipped(
        "ru",
        "В Аркадии прошла акция протеста. Были задержания.",
        &[m("Аркадии", "XAR", State)],
        "В/ADP/_/в Аркадии/PROPN/Case=Loc/аркадия прошла/VERB/Aspect=Perf|Tense=Past/пройти акция/NOUN/Case=Nom/акция протеста/NOUN/Case=Gen/протест ./PUNCT/_/. Были/AUX/_/быть задержания/NOUN/Case=Nom/задержание ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&coerce[0].actors), ["XAR"]);
    assert_eq!(ids(&coerce[0].recipients), ["XAR.protesters"]);
}

/// Stop 26: a protest elsewhere in the story does not make every arrest protest policing (a
/// coup story with rallies and the president's capture). Stop 40: an arrest further on takes
/// the nearest crowd of its own state only (see the test below); the authorities of another
/// state police no crowd of this one.
#[test]
fn an_arrest_far_from_the_protest_names_no_crowd() {
    let ex = read_shipped(
        "de",
        "Tausende Menschen haben in Kolonstadt demonstriert. Es regnete. Es schneite. In Bordurien wurden elf Personen festgenommen.",
        &[m("Kolonstadt", "XKO", State), m("Bordurien", "XBO", State)],
        "Tausende/NUM/_/tausend Menschen/NOUN/Case=Nom/mensch haben/AUX/Mood=Ind/haben in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt demonstriert/VERB/VerbForm=Part/demonstrieren ./PUNCT/_/. Es/PRON/Case=Nom/es regnete/VERB/Mood=Ind/regnen ./PUNCT/_/. Es/PRON/Case=Nom/es schneite/VERB/Mood=Ind/schneien ./PUNCT/_/. In/ADP/_/in Bordurien/PROPN/Case=Dat/bordurien wurden/AUX/Mood=Ind/werden elf/NUM/_/elf Personen/NOUN/Case=Nom/person festgenommen/VERB/VerbForm=Part/festnehmen ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert!(coerce[0].recipients.is_empty(), "{:#?}", coerce[0]);
}

/// A crowd named in the sentence before ties the crackdown to it even when the protest verb
/// stood two sentences back.
#[test]
fn a_crowd_named_in_the_sentence_before_ties_the_crackdown() {
    let ex = read_shipped(
        "de",
        "Tausende Menschen haben in Kolonstadt demonstriert. Es regnete. Die Demonstranten blieben. Elf Personen wurden festgenommen.",
        &[m("Kolonstadt", "XKO", State), m("Demonstranten", "protesters", Agent)],
        "Tausende/NUM/_/tausend Menschen/NOUN/Case=Nom/mensch haben/AUX/Mood=Ind/haben in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt demonstriert/VERB/VerbForm=Part/demonstrieren ./PUNCT/_/. Es/PRON/Case=Nom/es regnete/VERB/Mood=Ind/regnen ./PUNCT/_/. Die/DET/Case=Nom/der Demonstranten/NOUN/Case=Nom/demonstrant blieben/VERB/Mood=Ind/bleiben ./PUNCT/_/. Elf/NUM/_/elf Personen/NOUN/Case=Nom/person wurden/AUX/Mood=Ind/werden festgenommen/VERB/VerbForm=Part/festnehmen ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&coerce[0].recipients), ["XKO.protesters"]);
}

#[test]
fn an_arrest_further_on_in_a_protest_story_is_aimed_at_its_crowd() {
    // Stop 40: two sentences lie between the protest and the arrest; the nearest protest of
    // the arresting state before it gives the crowd.
    let ex = read_shipped(
        "de",
        "Tausende Menschen haben in Kolonstadt demonstriert. Der Zug zog durch die Altstadt. Es war kalt. Elf Personen wurden festgenommen.",
        &[m("Kolonstadt", "XKO", State)],
        "Tausende/NUM/_/tausend Menschen/NOUN/Case=Nom/mensch haben/AUX/Mood=Ind/haben in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt demonstriert/VERB/VerbForm=Part/demonstrieren ./PUNCT/_/. Der/DET/Case=Nom/der Zug/NOUN/Case=Nom/zug zog/VERB/Mood=Ind/ziehen durch/ADP/_/durch die/DET/Case=Acc/der Altstadt/NOUN/Case=Acc/altstadt ./PUNCT/_/. Es/PRON/Case=Nom/es war/AUX/Mood=Ind/sein kalt/ADJ/_/kalt ./PUNCT/_/. Elf/NUM/_/elf Personen/NOUN/Case=Nom/person wurden/AUX/Mood=Ind/werden festgenommen/VERB/VerbForm=Part/festnehmen ./PUNCT/_/.",
    );
    let coerce = events_of_type(&ex, EventType::Coerce);
    assert_eq!(coerce.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&coerce[0].recipients), ["XKO.protesters"]);
}
