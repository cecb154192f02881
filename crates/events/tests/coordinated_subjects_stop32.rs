//! Stop 32: coordinated names that are one subject of a German clause closed by its verb
//! (`Arkadien und Borenien haben den Angriff verurteilt`), where the coordinator opens the
//! clause the word-window rules read, or the verb comes last after an auxiliary. Sentences of
//! our own with made-up states; words tagged by hand (no parse: the window rules decide);
//! shipped rule files.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

fn actors_of(ex: &Extraction, t: EventType) -> Vec<String> {
    let mut out: Vec<String> = events_of_type(ex, t)
        .iter()
        .flat_map(|e| e.actors.iter().chain(e.recipients.iter()))
        .map(|p| p.entity.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn both_german_conjuncts_before_a_perfect_condemn() {
    let ex = read_shipped(
        "de",
        "Arkadien und Borenien haben den Angriff verurteilt.",
        &[m("Arkadien", "XAR", State), m("Borenien", "XBO", State)],
        "Arkadien/PROPN/Case=Nom/arkadien und/CCONJ/_/und Borenien/PROPN/Case=Nom/borenien haben/AUX/Mood=Ind|VerbForm=Fin/haben den/DET/Case=Acc/der Angriff/NOUN/Case=Acc/angriff verurteilt/VERB/VerbForm=Part/verurteilen ./PUNCT/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Accuse),
        ["XAR", "XBO"],
        "{:#?}",
        ex.events
    );
}

#[test]
fn both_german_conjuncts_meet_in_a_perfect() {
    let ex = read_shipped(
        "de",
        "Die Außenminister Arkadiens und Boreniens haben sich in Kolonstadt getroffen.",
        &[m("Arkadiens", "XAR", State), m("Boreniens", "XBO", State)],
        "Die/DET/Case=Nom/der Außenminister/NOUN/Case=Nom/außenminister Arkadiens/PROPN/Case=Gen/arkadien und/CCONJ/_/und Boreniens/PROPN/Case=Gen/borenien haben/AUX/Mood=Ind|VerbForm=Fin/haben sich/PRON/Case=Acc/sich in/ADP/_/in Kolonstadt/PROPN/Case=Dat/kolonstadt getroffen/VERB/VerbForm=Part/treffen ./PUNCT/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Consult),
        ["XAR", "XBO"],
        "{:#?}",
        ex.events
    );
}

/// A name after the subject that no coordinator joins to it stays an object.
#[test]
fn a_german_object_after_the_subject_is_not_a_conjunct() {
    let ex = read_shipped(
        "de",
        "Gestern hatte Arkadien Borenien angegriffen.",
        &[m("Arkadien", "XAR", State), m("Borenien", "XBO", State)],
        "Gestern/ADV/_/gestern hatte/AUX/Mood=Ind|VerbForm=Fin/haben Arkadien/PROPN/Case=Nom/arkadien Borenien/PROPN/Case=Acc/borenien angegriffen/VERB/VerbForm=Part/angreifen ./PUNCT/_/.",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["XAR"], "{e:?}");
    assert_eq!(ids(&e.recipients), ["XBO"], "{e:?}");
}
