//! Stop 45, on sentences of our own with made-up states and hand-written parses shaped like
//! the ones our parsers give (the English tagger reads `withdrawal`, `offensive` as adjectives
//! here and there; the test keeps that): a possessive pronoun of the third person on an act noun stands
//! for the subject of the verb the noun is an argument of (`announced its withdrawal`,
//! `объявила о своём выходе`), but not for a subject taken by control from another clause;
//! the Russian act announced (`объявила о выходе`) is the announcer's; leaving an
//! organisation is a withdrawal (SANCTION) also as a noun; the other side of a German or
//! Russian fight named by `gegen`/`против` is its recipient; a German institution that is the
//! subject after the verb (inversion, by the parse) acts for its state.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_parsed_shipped;
use EntityKind::*;

#[test]
fn its_withdrawal_is_the_subjects_and_leaves_an_organisation() {
    let ex = read_parsed_shipped(
        "en",
        "Ruritania announced its withdrawal from the Zenda Pact.",
        &[m("Ruritania", "RUR", State), m("Zenda Pact", "ZP", Organisation)],
        "Ruritania/PROPN/2/nsubj announced/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/announce its/PRON/4/nmod:poss/Person=3|Poss=Yes|PronType=Prs withdrawal/NOUN/2/obj/Number=Sing/withdrawal from/ADP/8/case the/DET/8/det Zenda/PROPN/8/compound Pact/PROPN/4/nmod ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["ZP"], "{:?}", summaries(&ex));
    assert!(
        !ex.events.iter().any(|e| e.event_type == EventType::Retreat),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn its_offensive_is_the_subjects_but_not_a_controllers() {
    let parties = [m("Ruritania", "RUR", State), m("Borduria", "BOR", State)];
    let ex = read_parsed_shipped(
        "en",
        "Ruritania launched its offensive against Borduria.",
        &parties,
        "Ruritania/PROPN/2/nsubj launched/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/launch its/PRON/4/nmod:poss/Person=3|Poss=Yes|PronType=Prs offensive/ADJ/2/obj/Degree=Pos/offensive against/ADP/6/case Borduria/PROPN/4/obl ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));

    // `to end its offensive` takes its subject from `called on Ruritania`, which the parse
    // hangs as an adverbial clause inheriting the caller as subject: the pronoun is not the
    // calling state's.
    let ex = read_parsed_shipped(
        "en",
        "Syldavia called on Ruritania to end its offensive against Borduria.",
        &[
            m("Syldavia", "SYL", State),
            m("Ruritania", "RUR", State),
            m("Borduria", "BOR", State),
        ],
        "Syldavia/PROPN/2/nsubj called/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/call on/ADP/4/case Ruritania/PROPN/2/obl to/PART/6/mark end/VERB/2/advcl/VerbForm=Inf/end its/PRON/8/nmod:poss/Person=3|Poss=Yes|PronType=Prs offensive/ADJ/6/obj/Degree=Pos/offensive against/ADP/10/case Borduria/PROPN/8/obl ./PUNCT/2/punct",
    );
    assert!(
        !ex.events
            .iter()
            .any(|e| e.event_type == EventType::Assault && ids(&e.actors).contains(&"SYL")),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn russian_announced_and_reflexive_withdrawals_are_the_subjects() {
    let parties = [m("Руритания", "RUR", State), m("ОДКБ", "ZP", Organisation)];
    for (text, parse) in [
        (
            "Руритания объявила о своём выходе из ОДКБ.",
            "Руритания/PROPN/2/nsubj/Case=Nom объявила/VERB/0/root/Aspect=Perf|Tense=Past|VerbForm=Fin/объявить о/ADP/5/case/_/о своём/DET/5/det/Case=Loc/свой выходе/NOUN/2/obl/Case=Loc|Number=Sing/выход из/ADP/7/case/_/из ОДКБ/PROPN/5/nmod/Case=Gen/ОДКБ ./PUNCT/2/punct",
        ),
        (
            "Руритания объявила о выходе из ОДКБ.",
            "Руритания/PROPN/2/nsubj/Case=Nom объявила/VERB/0/root/Aspect=Perf|Tense=Past|VerbForm=Fin/объявить о/ADP/4/case/_/о выходе/NOUN/2/obl/Case=Loc|Number=Sing/выход из/ADP/6/case/_/из ОДКБ/PROPN/4/nmod/Case=Gen/ОДКБ ./PUNCT/2/punct",
        ),
    ] {
        let ex = read_parsed_shipped("ru", text, &parties, parse);
        let sanction = of_type(&ex, EventType::Sanction);
        assert_eq!(ids(&sanction.actors), ["RUR"], "{text}: {:?}", summaries(&ex));
        assert_eq!(ids(&sanction.recipients), ["ZP"], "{text}: {:?}", summaries(&ex));
    }
}

#[test]
fn the_side_fought_against_is_the_recipient() {
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien nahm den Kampf gegen Bordurien auf.",
        &[m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)],
        "Ruritanien/PROPN/2/nsubj/Case=Nom nahm/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/nehmen den/DET/4/det/Case=Acc Kampf/NOUN/2/obj/Case=Acc|Number=Sing/Kampf gegen/ADP/6/case/_/gegen Bordurien/PROPN/4/nmod/Case=Acc auf/ADP/2/compound:prt/_/auf ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));

    let ex = read_parsed_shipped(
        "ru",
        "Руритания ведёт войну против Бордурии.",
        &[m("Руритания", "RUR", State), m("Бордурии", "BOR", State)],
        "Руритания/PROPN/2/nsubj/Case=Nom ведёт/VERB/0/root/Aspect=Imp|Tense=Pres|VerbForm=Fin/вести войну/NOUN/2/obj/Case=Acc|Number=Sing/война против/ADP/5/case/_/против Бордурии/PROPN/3/nmod/Case=Gen/Бордурия ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn an_inverted_institution_subject_acts_for_its_state() {
    // German inversion puts the subject after the finite verb; the parse names it.
    let ex = read_parsed_shipped(
        "de",
        "Am Montag forderte das Parlament in Ruritanien die Freilassung der Gefangenen.",
        &[m("Ruritanien", "RUR", State)],
        "Am/ADP/2/case/_/an Montag/PROPN/3/obl/Case=Dat forderte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/fordern das/DET/5/det/Case=Nom Parlament/NOUN/3/nsubj/Case=Nom|Number=Sing/Parlament in/ADP/7/case/_/in Ruritanien/PROPN/5/nmod/Case=Dat die/DET/9/det/Case=Acc Freilassung/NOUN/3/obj/Case=Acc/Freilassung der/DET/11/det/Case=Gen Gefangenen/NOUN/9/nmod/Case=Gen|Number=Plur/Gefangener ./PUNCT/3/punct",
    );
    let request = of_type(&ex, EventType::Request);
    assert_eq!(ids(&request.actors), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn after_a_fronted_subordinate_clause_the_subject_follows_the_verb() {
    // The tagger reads the bare plural after the verb as accusative; the clause before the
    // comma (a source, or an earlier event) gives the attack no author.
    let parties = [
        m("Bordurien", "BOR", State),
        m("ruritanische Truppen", "RUR", State),
        m("Zenda", "BOR", State),
    ];
    for (text, parse) in [
        (
            "Wie Bordurien mitteilte, griffen ruritanische Truppen Zenda an.",
            "Wie/ADV/3/advmod Bordurien/PROPN/3/nsubj/Case=Nom mitteilte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/mitteilen ,/PUNCT/3/punct griffen/VERB/3/parataxis/Mood=Ind|Tense=Past|VerbForm=Fin/greifen ruritanische/ADJ/7/amod/Case=Acc|Number=Plur Truppen/NOUN/5/obj/Case=Acc|Number=Plur/Truppe Zenda/PROPN/7/appos/Case=Dat an/ADP/5/compound:prt/_/an ./PUNCT/3/punct",
        ),
        (
            "Als Bordurien protestierte, griffen ruritanische Truppen Zenda an.",
            "Als/SCONJ/3/mark Bordurien/PROPN/3/nsubj/Case=Nom protestierte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/protestieren ,/PUNCT/3/punct griffen/VERB/3/parataxis/Mood=Ind|Tense=Past|VerbForm=Fin/greifen ruritanische/ADJ/7/amod/Case=Acc|Number=Plur Truppen/NOUN/5/obj/Case=Acc|Number=Plur/Truppe Zenda/PROPN/7/appos/Case=Dat an/ADP/5/compound:prt/_/an ./PUNCT/3/punct",
        ),
    ] {
        let ex = read_parsed_shipped("de", text, &parties, parse);
        let assault = of_type(&ex, EventType::Assault);
        assert_eq!(ids(&assault.actors), ["RUR"], "{text}: {:?}", summaries(&ex));
    }
}

#[test]
fn a_relative_clause_after_a_comma_is_no_closing_report() {
    // `die eine …`: two articles open no noun phrase, so `die` is the relative pronoun.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien verabschiedete eine Resolution, die eine sofortige Waffenruhe fordert.",
        &[m("Ruritanien", "RUR", State)],
        "Ruritanien/PROPN/2/nsubj/Case=Nom verabschiedete/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/verabschieden eine/DET/4/det/Case=Acc Resolution/NOUN/2/obj/Case=Acc/Resolution ,/PUNCT/10/punct die/PRON/10/nsubj/Case=Nom|PronType=Dem,Rel eine/DET/9/det/Case=Acc sofortige/ADJ/9/amod/Case=Acc Waffenruhe/NOUN/10/obj/Case=Acc/Waffenruhe fordert/VERB/4/acl/Mood=Ind|Tense=Pres|VerbForm=Fin/fordern ./PUNCT/2/punct",
    );
    assert!(
        !ex.quotes
            .iter()
            .any(|q| q.cue_text.as_deref() == Some("fordert") && q.speaker.is_some()),
        "{:?}",
        ex.quotes
    );
}

#[test]
fn a_source_clause_before_a_comma_is_no_conjunct_of_the_subject() {
    // Names joined by a comma alone are no list: a list ends with its coordinator.
    let ex = read_parsed_shipped(
        "ru",
        "Как сообщили в Минобороны Бордурии, руританские войска атаковали Зенду.",
        &[
            m("Минобороны", "place:minoborona", Place),
            m("Бордурии", "BOR", State),
            m("руританские", "RUR", State),
            m("Зенду", "BOR", State),
        ],
        "Как/SCONJ/2/mark сообщили/VERB/9/advcl/Tense=Past|VerbForm=Fin/сообщить в/ADP/4/case/_/в Минобороны/NOUN/2/obl/Case=Loc/Минобороны Бордурии/PROPN/4/nmod/Case=Gen/Бордурия ,/PUNCT/2/punct руританские/ADJ/8/amod/Case=Nom|Number=Plur войска/NOUN/9/nsubj/Case=Nom|Number=Plur/войско атаковали/VERB/0/root/Tense=Past|VerbForm=Fin|Number=Plur/атаковать Зенду/PROPN/9/obj/Case=Acc/Зенда ./PUNCT/9/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn condemning_a_missile_strike_is_no_strike() {
    // A two-word trigger (adjective and noun) is read at its noun: the object of `осудила`.
    let ex = read_parsed_shipped(
        "ru",
        "Руритания осудила ракетный удар по Бордурии.",
        &[m("Руритания", "RUR", State), m("Бордурии", "BOR", State)],
        "Руритания/PROPN/2/nsubj/Case=Nom осудила/VERB/0/root/Tense=Past|VerbForm=Fin/осудить ракетный/ADJ/4/amod/Case=Acc удар/NOUN/2/obj/Case=Acc|Number=Sing/удар по/ADP/6/case/_/по Бордурии/PROPN/4/nmod/Case=Dat/Бордурия ./PUNCT/2/punct",
    );
    assert!(
        !ex.events
            .iter()
            .any(|e| e.event_type == EventType::Assault && ids(&e.actors).contains(&"RUR")),
        "{:?}",
        summaries(&ex)
    );
}
