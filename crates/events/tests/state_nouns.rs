//! Nouns that name an agreement or a truce as a document or a state of affairs (stop 30,
//! `en.agree.document`, `en.retreat.ceasefire`, `de.agree.vereinbarung_noun` in the rule files):
//! an act only with a verb of concluding or declaring it in their clause. Sentences of our own
//! with made-up states; each word's tags are written by hand.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

fn states() -> Vec<M<'static>> {
    vec![m("Kolonia", "XKO", State), m("Freedonia", "XFR", State)]
}

#[test]
fn an_accord_signed_is_an_agreement() {
    let ex = read_shipped(
        "en",
        "Kolonia signed an accord with Freedonia.",
        &states(),
        "Kolonia/PROPN/Number=Sing/kolonia signed/VERB/Mood=Ind|Tense=Past|VerbForm=Fin/sign an/DET/Definite=Ind/a accord/NOUN/Number=Sing/accord with/ADP/_/with Freedonia/PROPN/Number=Sing/freedonia ./PUNCT/_/.",
    );
    assert_eq!(
        events_of_type(&ex, EventType::Agree).len(),
        1,
        "{:#?}",
        ex.events
    );
}

#[test]
fn an_accord_named_as_a_frame_is_no_act() {
    let ex = read_shipped(
        "en",
        "Kolonia faces a deadline under an accord with Freedonia.",
        &states(),
        "Kolonia/PROPN/Number=Sing/kolonia faces/VERB/Mood=Ind|Tense=Pres|VerbForm=Fin/face a/DET/Definite=Ind/a deadline/NOUN/Number=Sing/deadline under/ADP/_/under an/DET/Definite=Ind/a accord/NOUN/Number=Sing/accord with/ADP/_/with Freedonia/PROPN/Number=Sing/freedonia ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Agree).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_truce_that_unravels_is_no_retreat_but_a_declared_one_is() {
    let ex = read_shipped(
        "en",
        "A truce between Kolonia and Freedonia began to unravel.",
        &states(),
        "A/DET/Definite=Ind/a truce/NOUN/Number=Sing/truce between/ADP/_/between Kolonia/PROPN/Number=Sing/kolonia and/CCONJ/_/and Freedonia/PROPN/Number=Sing/freedonia began/VERB/Mood=Ind|Tense=Past|VerbForm=Fin/begin to/PART/_/to unravel/VERB/VerbForm=Inf/unravel ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Retreat).is_empty(),
        "{:#?}",
        ex.events
    );
    let ex = read_shipped(
        "en",
        "Kolonia announced a truce with Freedonia.",
        &states(),
        "Kolonia/PROPN/Number=Sing/kolonia announced/VERB/Mood=Ind|Tense=Past|VerbForm=Fin/announce a/DET/Definite=Ind/a truce/NOUN/Number=Sing/truce with/ADP/_/with Freedonia/PROPN/Number=Sing/freedonia ./PUNCT/_/.",
    );
    assert_eq!(
        events_of_type(&ex, EventType::Retreat).len(),
        1,
        "{:#?}",
        ex.events
    );
}
