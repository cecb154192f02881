//! Stop 40: coordinated sides that clash or exchange fire fight each other, coded as PLOVER
//! codes a clash between two named sides — first → others — in English, German and Russian,
//! on sentences of our own with made-up states. An exchange of fire is no exchange
//! (COOPERATE) in Russian.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::{read_parsed_shipped, read_shipped};
use EntityKind::*;

#[test]
fn english_sides_exchanging_fire_fight_each_other() {
    let ex = read_parsed_shipped(
        "en",
        "Ruritania and Borduria exchanged fire along their border overnight.",
        &[m("Ruritania", "RUR", State), m("Borduria", "BOR", State)],
        "Ruritania/PROPN/4/nsubj and/CCONJ/3/cc Borduria/PROPN/1/conj exchanged/VERB/0/root/_/exchange fire/NOUN/4/obj along/ADP/8/case their/PRON/8/nmod:poss border/NOUN/4/obl overnight/ADV/4/advmod ./PUNCT/4/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn german_fighting_between_two_sides_is_one_side_against_the_other() {
    let ex = read_shipped(
        "de",
        "Bei Gefechten zwischen Ruritanien und Bordurien starben drei Soldaten.",
        &[m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)],
        "Bei/ADP/_/bei Gefechten/NOUN/Case=Dat|Number=Plur/Gefecht zwischen/ADP/_/zwischen Ruritanien/PROPN/Case=Dat/Ruritanien und/CCONJ/_/und Bordurien/PROPN/Case=Dat/Bordurien starben/VERB/Mood=Ind|Tense=Past|VerbForm=Fin/sterben drei/NUM/_/drei Soldaten/NOUN/Case=Nom/Soldat ./PUNCT/_/.",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn a_russian_exchange_of_fire_is_fighting_not_cooperation() {
    let ex = read_shipped(
        "ru",
        "Рурития и Бордурия обменялись огнём на границе.",
        &[m("Рурития", "RUR", State), m("Бордурия", "BOR", State)],
        "Рурития/PROPN/Case=Nom/рурития и/CCONJ/_/и Бордурия/PROPN/Case=Nom/бордурия обменялись/VERB/Aspect=Perf|Tense=Past|VerbForm=Fin/обменяться огнём/NOUN/Case=Ins/огонь на/ADP/_/на границе/NOUN/Case=Loc/граница ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Cooperate).is_empty(),
        "{:?}",
        summaries(&ex)
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));
}
