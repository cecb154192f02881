//! Quote speakers, stop 38, on sentences of our own with made-up states: a party opening the
//! sentence is the speech verb's subject, so a name after the verb (`forderten Borenien auf`)
//! or a dative before it (`hat Borenien vorgeworfen`) is the one addressed, not the speaker.
//! A time phrase opening the sentence still lets the subject follow the verb.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_shipped;
use EntityKind::*;

#[test]
fn the_party_opening_the_sentence_speaks_not_the_one_addressed() {
    let mentions = [m("Arkadien", "XAR", State), m("Borenien", "XBO", State)];
    let ex = read(
        "de",
        "Arkadien forderte Borenien auf, die Angriffe sofort einzustellen.",
        &mentions,
    );
    assert_eq!(
        speakers(&ex, "die Angriffe"),
        [Some("XAR")],
        "{:#?}",
        ex.quotes
    );

    let ex = read_shipped(
        "de",
        "Arkadien hat der Borenien vorgeworfen, die Grenze verletzt zu haben.",
        &mentions,
        "Arkadien/PROPN/Case=Nom/arkadien hat/AUX/VerbForm=Fin/haben der/DET/Case=Dat/der Borenien/PROPN/Case=Dat/borenien vorgeworfen/VERB/VerbForm=Part/vorwerfen ,/PUNCT/_/, die/DET/Case=Acc/der Grenze/NOUN/Case=Acc/grenze verletzt/VERB/VerbForm=Part/verletzen zu/PART/_/zu haben/AUX/VerbForm=Inf/haben ./PUNCT/_/.",
    );
    assert_eq!(
        speakers(&ex, "die Grenze"),
        [Some("XAR")],
        "{:#?}",
        ex.quotes
    );

    // Fronted time: the name after the verb is its subject.
    let ex = read(
        "de",
        "Am Montag sagte Borenien, die Lage an der Grenze sei ernst.",
        &mentions,
    );
    assert_eq!(speakers(&ex, "die Lage"), [Some("XBO")], "{:#?}", ex.quotes);
}
