//! Stop 38: summoning a state's envoy is a diplomatic protest against that state (PLOVER
//! DISAPPROVE, which armsgraph codes ACCUSE; PLOVER GSR `summoned Niger's ambassador to
//! complain`), the envoy's state the recipient. Only with an envoy as its object: a court
//! summoning a witness is no protest. Made-up states, sentences of our own.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_shipped;
use EntityKind::*;

#[test]
fn summoning_an_ambassador_is_a_protest_against_his_state() {
    let ex = read(
        "en",
        "Arcadia summoned the Borenian ambassador over the detention of a journalist.",
        &[m("Arcadia", "XAR", State), m("Borenian", "XBO", State)],
    );
    let e = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&e.actors), ["XAR"], "{e:#?}");
    assert_eq!(ids(&e.recipients), ["XBO"], "{e:#?}");

    let ex = read(
        "en",
        "An Arcadian court summoned the former minister to testify.",
        &[m("Arcadian", "XAR", State)],
    );
    assert!(
        events_of_type(&ex, EventType::Accuse).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn einbestellen_and_vyzvat_posla_are_the_same_protest() {
    let ex = read(
        "de",
        "Arkadien hat den borenischen Botschafter einbestellt.",
        &[m("Arkadien", "XAR", State), m("borenischen", "XBO", State)],
    );
    let e = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&e.actors), ["XAR"], "{e:#?}");
    assert_eq!(ids(&e.recipients), ["XBO"], "{e:#?}");

    let ex = read_shipped(
        "ru",
        "Аркадия вызвала посла Борении.",
        &[m("Аркадия", "XAR", State), m("Борении", "XBO", State)],
        "Аркадия/PROPN/Case=Nom|Number=Sing/аркадия вызвала/VERB/VerbForm=Fin|Number=Sing/вызвать посла/NOUN/Case=Acc/посол Борении/PROPN/Case=Gen/борения ./PUNCT/_/.",
    );
    let e = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&e.actors), ["XAR"], "{e:#?}");
    assert_eq!(ids(&e.recipients), ["XBO"], "{e:#?}");
}
