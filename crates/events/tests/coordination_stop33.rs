//! Stop 33: names coordinated across the commas and coordinators that split a clause for the
//! word-window rules, and a noun's genitive read as its author when a phrase names the target.
//! Sentences of our own with made-up states and abbreviations; words tagged (and, where the
//! parse decides, parsed) by hand; shipped rule files.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

fn actors_of(ex: &Extraction, t: EventType) -> Vec<String> {
    sorted(
        events_of_type(ex, t)
            .iter()
            .flat_map(|e| e.actors.iter())
            .map(|p| p.entity.clone())
            .collect(),
    )
}

fn recipients_of(ex: &Extraction, t: EventType) -> Vec<String> {
    sorted(
        events_of_type(ex, t)
            .iter()
            .flat_map(|e| e.recipients.iter())
            .map(|p| p.entity.clone())
            .collect(),
    )
}

/// `Аркадия, ОСБ и ЕСК осудили …`: the tagger gives the indeclinable abbreviations a
/// locative and a genitive; the parse coordinates them with the nominative subject, so all
/// three condemn.
#[test]
fn russian_abbreviations_coordinated_with_the_subject_condemn_too() {
    let ex = read_parsed_shipped(
        "ru",
        "Аркадия, ОСБ и ЕСК осудили обстрел.",
        &[
            m("Аркадия", "XAR", State),
            m("ОСБ", "XOS", Organisation),
            m("ЕСК", "XEK", Organisation),
        ],
        "Аркадия/PROPN/5/nsubj/Case=Nom|Gender=Fem|Number=Sing/аркадия \
         ,/PUNCT/3/punct/_/, \
         ОСБ/PROPN/1/conj/Case=Loc|Number=Plur/осб \
         и/CCONJ/5/cc/_/и \
         ЕСК/PROPN/1/conj/Case=Gen|Number=Sing/еск \
         осудили/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin/осудить \
         обстрел/NOUN/6/obj/Case=Acc|Number=Sing/обстрел \
         ./PUNCT/6/punct/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Accuse),
        ["XAR", "XEK", "XOS"],
        "{:#?}",
        ex.events
    );
}

/// `осудила Борению и ОСБ`: the object's conjunct the tagger put in the genitive is an object
/// too, by the parse's coordination; it does not join the subject.
#[test]
fn a_russian_abbreviation_coordinated_with_the_object_is_condemned_too() {
    let ex = read_parsed_shipped(
        "ru",
        "Аркадия осудила Борению и ОСБ.",
        &[
            m("Аркадия", "XAR", State),
            m("Борению", "XBO", State),
            m("ОСБ", "XOS", Organisation),
        ],
        "Аркадия/PROPN/2/nsubj/Case=Nom|Gender=Fem|Number=Sing/аркадия \
         осудила/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin/осудить \
         Борению/PROPN/2/obj/Case=Acc|Number=Sing/борения \
         и/CCONJ/5/cc/_/и \
         ОСБ/PROPN/3/conj/Case=Gen|Number=Sing/осб \
         ./PUNCT/2/punct/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Accuse),
        ["XAR"],
        "{:#?}",
        ex.events
    );
    assert_eq!(
        recipients_of(&ex, EventType::Accuse),
        ["XBO", "XOS"],
        "{:#?}",
        ex.events
    );
}

/// `die Republik Borenien und die Kolonie`: an article between the coordinator and the next
/// name still joins them; the comma that opens a clause for the window rules does not part
/// the first conjunct from the rest.
#[test]
fn german_conjuncts_with_articles_across_a_comma_condemn_together() {
    let ex = read_shipped(
        "de",
        "Arkadien, die Republik Borenien und die Kolonie verurteilten den Anschlag.",
        &[
            m("Arkadien", "XAR", State),
            m("Republik Borenien", "XBO", State),
            m("Kolonie", "XKO", State),
        ],
        "Arkadien/PROPN/Case=Nom/arkadien ,/PUNCT/_/, die/DET/Case=Nom/der Republik/PROPN/Case=Nom/republik Borenien/PROPN/Case=Nom/borenien und/CCONJ/_/und die/DET/Case=Nom/der Kolonie/NOUN/Case=Nom/kolonie verurteilten/VERB/Mood=Ind|Tense=Past|VerbForm=Fin/verurteilen den/DET/Case=Acc/der Anschlag/NOUN/Case=Acc/anschlag ./PUNCT/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Accuse),
        ["XAR", "XBO", "XKO"],
        "{:#?}",
        ex.events
    );
}

/// `hat X und Y angegriffen`: the coordinator splits the clause, yet neither object is the
/// subject; both are attacked.
#[test]
fn german_coordinated_objects_of_a_perfect_are_both_attacked() {
    let ex = read_shipped(
        "de",
        "Morien hat die Republik Arkadien und die Republik Borenien angegriffen.",
        &[
            m("Morien", "XMO", State),
            m("Republik Arkadien", "XAR", State),
            m("Republik Borenien", "XBO", State),
        ],
        "Morien/PROPN/Case=Nom/morien hat/AUX/Mood=Ind|VerbForm=Fin/haben die/DET/Case=Acc/der Republik/PROPN/Case=Acc/republik Arkadien/PROPN/Case=Acc/arkadien und/CCONJ/_/und die/DET/Case=Nom/der Republik/PROPN/Case=Nom/republik Borenien/PROPN/Case=Nom/borenien angegriffen/VERB/VerbForm=Part/angreifen ./PUNCT/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Assault),
        ["XMO"],
        "{:#?}",
        ex.events
    );
    assert_eq!(
        recipients_of(&ex, EventType::Assault),
        ["XAR", "XBO"],
        "{:#?}",
        ex.events
    );
}

/// `осудила нападение Борении на Колонию`: the condemned attack's author is its genitive, its
/// target the `на` phrase — not the state that condemns it.
#[test]
fn a_russian_attack_nouns_genitive_before_its_target_is_the_attacker() {
    let ex = read_shipped(
        "ru",
        "Аркадия осудила нападение Борении на Колонию.",
        &[
            m("Аркадия", "XAR", State),
            m("Борении", "XBO", State),
            m("Колонию", "XKO", State),
        ],
        "Аркадия/PROPN/Case=Nom|Gender=Fem|Number=Sing/аркадия осудила/VERB/Aspect=Perf|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin/осудить нападение/NOUN/Case=Acc|Number=Sing/нападение Борении/PROPN/Case=Gen|Number=Sing/борения на/ADP/_/на Колонию/PROPN/Case=Acc|Number=Sing/колония ./PUNCT/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Assault),
        ["XBO"],
        "{:#?}",
        ex.events
    );
    assert_eq!(
        recipients_of(&ex, EventType::Assault),
        ["XKO"],
        "{:#?}",
        ex.events
    );
    assert_eq!(
        actors_of(&ex, EventType::Accuse),
        ["XAR"],
        "{:#?}",
        ex.events
    );
}

/// `pledged` is each subject's own promise: coordinated subjects are not each other's
/// recipients, as they are of `agreed`.
#[test]
fn coordinated_subjects_that_pledge_do_not_pledge_to_each_other() {
    let ex = read_parsed_shipped(
        "en",
        "Arkadia and Borenia pledged aid.",
        &[m("Arkadia", "XAR", State), m("Borenia", "XBO", State)],
        "Arkadia/PROPN/4/nsubj/Number=Sing/Arkadia \
         and/CCONJ/3/cc/_/and \
         Borenia/PROPN/1/conj/Number=Sing/Borenia \
         pledged/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/pledge \
         aid/NOUN/4/obj/Number=Sing/aid \
         ./PUNCT/4/punct/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Agree),
        ["XAR", "XBO"],
        "{:#?}",
        ex.events
    );
    assert!(
        recipients_of(&ex, EventType::Agree).is_empty(),
        "{:#?}",
        ex.events
    );
}

/// `и X, и Y` (both … and): a comma and a coordinator between the two names join them.
#[test]
fn russian_both_and_subjects_both_refuse() {
    let ex = read_shipped(
        "ru",
        "И Аркадия, и Борения отказываются начать отвод войск.",
        &[m("Аркадия", "XAR", State), m("Борения", "XBO", State)],
        "И/CCONJ/_/и Аркадия/PROPN/Case=Nom|Number=Sing/аркадия ,/PUNCT/_/, и/CCONJ/_/и Борения/PROPN/Case=Nom|Number=Sing/борения отказываются/VERB/Aspect=Imp|Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin/отказываться начать/VERB/VerbForm=Inf/начать отвод/NOUN/Case=Acc|Number=Sing/отвод войск/NOUN/Case=Gen|Number=Plur/войско ./PUNCT/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Reject),
        ["XAR", "XBO"],
        "{:#?}",
        ex.events
    );
}

/// Spanish has no case: an attack noun the parse makes the object of `condenar` is that
/// verb's argument, so the condemner is not the attacker; the nationality adjective after the
/// noun is (`argument_noun_objects`).
#[test]
fn a_spanish_condemned_attack_is_by_its_adjective_not_the_condemner() {
    let ex = read_parsed_shipped(
        "es",
        "Arcadia condenó el ataque boreniano.",
        &[m("Arcadia", "XAR", State), m("boreniano", "XBO", State)],
        "Arcadia/PROPN/2/nsubj/_/arcadia \
         condenó/VERB/0/root/Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin/condenar \
         el/DET/4/det/Definite=Def|Gender=Masc|Number=Sing/el \
         ataque/NOUN/2/obj/Gender=Masc|Number=Sing/ataque \
         boreniano/ADJ/4/amod/Gender=Masc|Number=Sing/boreniano \
         ./PUNCT/2/punct/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Assault),
        ["XBO"],
        "{:#?}",
        ex.events
    );
    assert_eq!(
        actors_of(&ex, EventType::Accuse),
        ["XAR"],
        "{:#?}",
        ex.events
    );
}

/// A support verb keeps its subject as the noun's author (`lanzó un ataque`).
#[test]
fn a_spanish_attack_launched_is_by_the_subject() {
    let ex = read_parsed_shipped(
        "es",
        "Borenia lanzó un ataque contra Arcadia.",
        &[m("Borenia", "XBO", State), m("Arcadia", "XAR", State)],
        "Borenia/PROPN/2/nsubj/_/borenia \
         lanzó/VERB/0/root/Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin/lanzar \
         un/DET/4/det/Definite=Ind|Gender=Masc|Number=Sing/uno \
         ataque/NOUN/2/obj/Gender=Masc|Number=Sing/ataque \
         contra/ADP/6/case/_/contra \
         Arcadia/PROPN/4/nmod/_/arcadia \
         ./PUNCT/2/punct/_/.",
    );
    assert_eq!(
        actors_of(&ex, EventType::Assault),
        ["XBO"],
        "{:#?}",
        ex.events
    );
    assert_eq!(
        recipients_of(&ex, EventType::Assault),
        ["XAR"],
        "{:#?}",
        ex.events
    );
}
