//! German words whose other sense is no event (issue 12, stop 25, second pass, docs/notes/news-eval.md):
//! a warning of a danger is no threat, `sich einen Schlagabtausch liefern` is no supply,
//! `damit demonstrieren` is `thereby show`, handing over a note is no withdrawal, and a
//! participle used as an adjective (`getöteten Demonstranten`) names victims in passing.
//! Sentences of our own with made-up states; words tagged by hand; shipped rule files.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

#[test]
fn a_warning_of_a_danger_is_no_threat() {
    let ex = read_shipped(
        "de",
        "Die Botschaft Kolonias warnte vor Anschlägen in Nordland.",
        &[m("Kolonias", "XKO", State), m("Nordland", "XNO", State)],
        "Die/DET/Case=Nom/der Botschaft/NOUN/Case=Nom/botschaft Kolonias/PROPN/Case=Gen/kolonia warnte/VERB/Mood=Ind/warnen vor/ADP/_/vor Anschlägen/NOUN/Case=Dat/anschlag in/ADP/_/in Nordland/PROPN/Case=Dat/nordland ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Threaten).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_threat_is_still_one() {
    let ex = read_shipped(
        "de",
        "Kolonia drohte Nordland mit Vergeltung.",
        &[m("Kolonia", "XKO", State), m("Nordland", "XNO", State)],
        "Kolonia/PROPN/Case=Nom/kolonia drohte/VERB/Mood=Ind/drohen Nordland/PROPN/Case=Dat/nordland mit/ADP/_/mit Vergeltung/NOUN/Case=Dat/vergeltung ./PUNCT/_/.",
    );
    assert_eq!(
        events_of_type(&ex, EventType::Threaten).len(),
        1,
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_reflexive_liefern_with_a_contest_is_no_supply() {
    let ex = read_shipped(
        "de",
        "Kolonia lieferte sich mit Nordland einen Schlagabtausch.",
        &[m("Kolonia", "XKO", State), m("Nordland", "XNO", State)],
        "Kolonia/PROPN/Case=Nom/kolonia lieferte/VERB/Mood=Ind/liefern sich/PRON/Case=Dat/sich mit/ADP/_/mit Nordland/PROPN/Case=Dat/nordland einen/DET/Case=Acc/ein Schlagabtausch/NOUN/Case=Acc/schlagabtausch ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Aid).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn damit_demonstrieren_is_showing() {
    let ex = read_shipped(
        "de",
        "Kolonia demonstrierte damit, dass es Nordland nicht fürchtet.",
        &[m("Kolonia", "XKO", State), m("Nordland", "XNO", State)],
        "Kolonia/PROPN/Case=Nom/kolonia demonstrierte/VERB/Mood=Ind/demonstrieren damit/ADV/_/damit ,/PUNCT/_/, dass/SCONJ/_/dass es/PRON/Case=Nom/es Nordland/PROPN/Case=Acc/nordland nicht/PART/_/nicht fürchtet/VERB/Mood=Ind/fürchten ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Protest).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn handing_over_a_note_is_no_withdrawal() {
    let ex = read_shipped(
        "de",
        "Kolonia übergab dem Botschafter Nordlands eine Protestnote.",
        &[m("Kolonia", "XKO", State), m("Nordlands", "XNO", State)],
        "Kolonia/PROPN/Case=Nom/kolonia übergab/VERB/Mood=Ind/übergeben dem/DET/Case=Dat/der Botschafter/NOUN/Case=Dat/botschafter Nordlands/PROPN/Case=Gen/nordland eine/DET/Case=Acc/ein Protestnote/NOUN/Case=Acc/protestnote ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Retreat).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn an_attributive_participle_names_victims_not_an_attack() {
    let ex = read_shipped(
        "de",
        "Zeugen in Kolonia berichteten von drei getöteten Demonstranten.",
        &[m("Kolonia", "XKO", State), m("Demonstranten", "XKO.protesters", Agent)],
        "Zeugen/NOUN/Case=Nom/zeuge in/ADP/_/in Kolonia/PROPN/Case=Dat/kolonia berichteten/VERB/Mood=Ind/berichten von/ADP/_/von drei/NUM/_/drei getöteten/ADJ/Case=Dat/töten Demonstranten/NOUN/Case=Dat/demonstrant ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_finite_kill_verb_is_still_an_attack() {
    let ex = read_shipped(
        "de",
        "Soldaten Kolonias töteten drei Kämpfer Nordlands.",
        &[m("Kolonias", "XKO", State), m("Nordlands", "XNO", State)],
        "Soldaten/NOUN/Case=Nom/soldat Kolonias/PROPN/Case=Gen/kolonia töteten/VERB/Mood=Ind/töten drei/NUM/_/drei Kämpfer/NOUN/Case=Acc/kämpfer Nordlands/PROPN/Case=Gen/nordland ./PUNCT/_/.",
    );
    assert_eq!(
        events_of_type(&ex, EventType::Assault).len(),
        1,
        "{:#?}",
        ex.events
    );
}

/// A verb of intention keeps its subject as the author of the event noun it takes as object
/// (`[grammar] support_verbs`): the announced offensive is the announcer's own.
#[test]
fn an_announced_offensive_is_the_announcer_s() {
    let ex = read_shipped(
        "de",
        "Kolonia kündigte eine Offensive gegen Nordland an.",
        &[m("Kolonia", "XKO", State), m("Nordland", "XNO", State)],
        "Kolonia/PROPN/Case=Nom/kolonia kündigte/VERB/Mood=Ind|VerbForm=Fin/kündigen eine/DET/Case=Acc/ein Offensive/NOUN/Case=Acc/offensive gegen/ADP/_/gegen Nordland/PROPN/Case=Acc/nordland an/ADP/_/an ./PUNCT/_/.",
    );
    let assault = events_of_type(&ex, EventType::Assault);
    assert_eq!(assault.len(), 1, "{:#?}", ex.events);
    assert_eq!(ids(&assault[0].actors), ["XKO"]);
    assert_eq!(ids(&assault[0].recipients), ["XNO"]);
}
