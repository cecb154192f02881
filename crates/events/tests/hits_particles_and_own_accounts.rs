//! Stop 40, on sentences of our own with made-up states and hand-written parses shaped like
//! the ones our parsers give: German `treffen` with a building as its object is a hit, not a
//! meeting; a separable particle left at the end of its clause makes the lexeme (`warf … vor,`)
//! also where the parser hung it on the next noun; an accused in the dative that the parser
//! called an oblique acts in what it is accused of; a hyphenated compound has its head's
//! lemma (`EU-Hilfen`); `nahm … fest` is an arrest, not a seizure; a source phrase marked as
//! the clause's own account (`nach eigenen Angaben`) has the clause's subject as its source; a
//! finite verb closes a source phrase; `fighters` of an armed group are people, not jets; a
//! state subject goes on as `it` in what it says; a decision's complement is to come.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_parsed_shipped;
use EntityKind::*;

fn states() -> Vec<M<'static>> {
    vec![
        m("Ruritanien", "RUR", State),
        m("Ruritania", "RUR", State),
        m("Bordurien", "BOR", State),
        m("Borduria", "BOR", State),
        m("Zenda", "place:zenda", Place),
    ]
}

#[test]
fn a_german_missile_hitting_a_hospital_is_an_assault_not_a_meeting() {
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien traf am Dienstag mit einer Rakete ein Krankenhaus in Bordurien.",
        &states(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom traf/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/treffen am/ADP/4/case Dienstag/NOUN/2/obl mit/ADP/7/case einer/DET/7/det Rakete/NOUN/2/obl/Case=Dat/Rakete ein/DET/9/det Krankenhaus/NOUN/2/obj/Case=Acc/Krankenhaus in/ADP/11/case Bordurien/PROPN/9/nmod/Case=Dat ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Consult).is_empty(),
        "{:?}",
        summaries(&ex)
    );
    assert!(
        !events_of_type(&ex, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&ex)
    );
    // Meeting a person stays a meeting.
    let met = read_parsed_shipped(
        "de",
        "Ruritanien traf am Dienstag Bordurien in Zenda.",
        &states(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom traf/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/treffen am/ADP/4/case Dienstag/NOUN/2/obl Bordurien/PROPN/2/obj/Case=Acc in/ADP/7/case Zenda/PROPN/2/obl/Case=Dat ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&met, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&met)
    );
}

#[test]
fn a_stranded_german_particle_makes_the_accusation_and_the_accused_acts() {
    // As the German parser reads it: `vor` the next noun's preposition, `Kiew` a second
    // subject, the infinitive hung on the noun.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien warf Bordurien vor, Zenda beschossen zu haben.",
        &states(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom warf/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/werfen Bordurien/PROPN/2/nsubj/Case=Nom vor/ADP/6/case ,/PUNCT/6/punct Zenda/PROPN/2/obl/Case=Nom beschossen/VERB/6/xcomp/VerbForm=Inf/beschießen zu/PART/7/mark haben/AUX/7/aux/VerbForm=Inf ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(
        assault.factuality,
        Factuality::Claimed,
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn an_accused_in_the_dative_acts_in_what_it_is_accused_of() {
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien hat Bordurien vorgeworfen, ein Depot in Zenda angegriffen zu haben.",
        &states(),
        "Ruritanien/PROPN/4/nsubj/Case=Nom hat/AUX/4/aux Bordurien/PROPN/4/obl/Case=Dat vorgeworfen/VERB/0/root/VerbForm=Part/vorwerfen ,/PUNCT/10/punct ein/DET/7/det Depot/NOUN/10/nsubj/Case=Nom in/ADP/9/case Zenda/PROPN/7/nmod angegriffen/VERB/4/acl/VerbForm=Inf/angreifen zu/PART/10/mark haben/AUX/10/aux/VerbForm=Inf ./PUNCT/4/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(
        assault.factuality,
        Factuality::Claimed,
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_hyphenated_compound_is_read_by_its_heads_lemma() {
    // `EU-Hilfen` is one token of the event stage and three syntax words.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien blockiert weiterhin die EU-Hilfen für Bordurien.",
        &states(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom blockiert/VERB/0/root/Mood=Ind|Tense=Pres|VerbForm=Fin/blockieren weiterhin/ADV/2/advmod die/DET/7/det EU/PROPN/7/compound -/PUNCT/5/punct Hilfen/NOUN/2/obj/Case=Acc|Number=Plur/Hilfe für/ADP/9/case Bordurien/PROPN/7/nmod ./PUNCT/2/punct",
    );
    assert!(
        !events_of_type(&ex, EventType::Reject).is_empty(),
        "{:?}",
        summaries(&ex)
    );
    assert!(
        events_of_type(&ex, EventType::Protest).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn taking_people_in_is_an_arrest_and_taking_a_place_a_seizure() {
    let arrest = read_parsed_shipped(
        "de",
        "Ruritanien nahm an der Grenze drei Bordurier fest.",
        &states(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom nahm/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/nehmen an/ADP/5/case der/DET/5/det Grenze/NOUN/2/obl drei/NUM/7/nummod Bordurier/NOUN/2/obj/Case=Acc fest/ADP/2/compound:prt ./PUNCT/2/punct",
    );
    let coerce = of_type(&arrest, EventType::Coerce);
    assert_eq!(
        coerce.mode.as_deref(),
        Some("arrest"),
        "{:?}",
        summaries(&arrest)
    );
    let seize = read_parsed_shipped(
        "de",
        "Ruritanien nahm die Stadt Zenda ein.",
        &states(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom nahm/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/nehmen die/DET/4/det Stadt/NOUN/2/obj/Case=Acc Zenda/PROPN/4/appos ein/ADP/2/compound:prt ./PUNCT/2/punct",
    );
    let coerce = of_type(&seize, EventType::Coerce);
    assert_eq!(
        coerce.mode.as_deref(),
        Some("seize"),
        "{:?}",
        summaries(&seize)
    );
}

#[test]
fn a_source_of_its_own_account_is_the_clauses_subject() {
    let mut mentions = states();
    mentions.push(m("Hisbollah", "GROUP", Organisation));
    // The German parser makes both the state and the object a subject.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien hat nach eigenen Angaben Ziele der Hisbollah in Zenda bombardiert.",
        &mentions,
        "Ruritanien/PROPN/11/nsubj:pass/Case=Nom hat/AUX/11/aux nach/ADP/5/case eigenen/ADJ/5/amod/Case=Dat/eigen Angaben/NOUN/6/obl/Case=Dat/Angabe Ziele/NOUN/11/nsubj/Case=Nom/Ziel der/DET/8/det Hisbollah/PROPN/11/nsubj:pass/Case=Nom in/ADP/10/case Zenda/PROPN/11/obl bombardiert/VERB/0/root/VerbForm=Part/bombardieren ./PUNCT/11/punct",
    );
    let found = speakers(&ex, "bombardiert");
    assert_eq!(found, [Some("RUR")], "{:#?}", ex.quotes);
}

#[test]
fn a_finite_verb_closes_the_source_phrase() {
    let mut mentions = states();
    mentions.push(m("Hamas", "GROUP", Organisation));
    let ex = read_parsed_shipped(
        "de",
        "Nach Angaben des Militärs griffen Kämpfer der Hamas einen Grenzposten an.",
        &mentions,
        "Nach/ADP/2/case Angaben/NOUN/5/obl/Case=Dat/Angabe des/DET/4/det Militärs/NOUN/2/nmod/Case=Gen/Militär griffen/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/greifen Kämpfer/NOUN/5/nsubj/Case=Nom/Kämpfer der/DET/8/det Hamas/PROPN/6/nmod/Case=Gen einen/DET/10/det Grenzposten/NOUN/5/obj/Case=Acc/Grenzposten an/ADP/5/compound:prt ./PUNCT/5/punct",
    );
    let found = speakers(&ex, "Grenzposten");
    assert!(
        found.iter().all(|s| *s != Some("GROUP")),
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn fighters_of_an_armed_group_are_people_not_jets() {
    let mut mentions = states();
    mentions.push(m("Ruritanian fighters", "RUR.militants", Agent));
    let mut ex = extraction(
        "doc",
        "en",
        None,
        "Ruritanian fighters attacked a border post in Borduria.",
        &mentions,
        &[],
    );
    for e in ex.entities.iter_mut().filter(|e| e.kind == Agent) {
        e.sector = Some("militants".into());
    }
    let ex = annotate(with_parses(
        ex,
        &[(
            "",
            "Ruritanian/ADJ/2/amod fighters/NOUN/3/nsubj/_/fighter attacked/VERB/0/root/_/attack a/DET/6/det border/NOUN/6/compound post/NOUN/3/obj in/ADP/8/case Borduria/PROPN/3/obl ./PUNCT/3/punct",
        )],
    ));
    let assault = of_type(&ex, EventType::Assault);
    assert_ne!(
        assault.mode.as_deref(),
        Some("aerial"),
        "{:?}",
        summaries(&ex)
    );
    assert!(
        !assault.notes.iter().any(|n| n.contains("fighters")),
        "{:?}",
        assault.notes
    );
}

#[test]
fn a_state_goes_on_as_it_in_what_it_says() {
    let ex = annotate(with_parses(
        extraction(
            "doc",
            "en",
            None,
            "Ruritania said it had bombed targets in Borduria.",
            &states(),
            &[],
        ),
        &[(
            "",
            "Ruritania/PROPN/2/nsubj said/VERB/0/root/_/say it/PRON/5/nsubj had/AUX/5/aux bombed/VERB/2/ccomp/_/bomb targets/NOUN/5/obj/_/target in/ADP/8/case Borduria/PROPN/6/nmod ./PUNCT/2/punct",
        )],
    ));
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn a_decisions_complement_is_to_come() {
    let ex = annotate(with_parses(
        extraction(
            "doc",
            "en",
            None,
            "Borduria condemned the Ruritanian decision to sell weapons to Zenda.",
            &states(),
            &[],
        ),
        &[(
            "",
            "Borduria/PROPN/2/nsubj condemned/VERB/0/root/_/condemn the/DET/5/det Ruritanian/ADJ/5/amod decision/NOUN/2/obj/_/decision to/PART/7/mark sell/VERB/5/acl/VerbForm=Inf/sell weapons/NOUN/7/obj/_/weapon to/ADP/10/case Zenda/PROPN/7/obl ./PUNCT/2/punct",
        )],
    ));
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(aid.factuality, Factuality::Future, "{:?}", summaries(&ex));
}
