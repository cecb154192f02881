//! Stop 32: an event noun reported as taking place (`protests erupted`, `es kam zu
//! Ausschreitungen`, `Krawalle brachen aus`), and a meeting noun in a phrase of attendance
//! (`during a visit to …`, `auf einem Treffen`, `на переговорах`), read from the parse; and
//! an event noun's attachments: the verb it is the object of, the preposition after it.
//! Sentences of our own with made-up states and hand-written parses (features and lemmas
//! included), read by the shipped rule files — the reading is tested, not the tagger.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_parsed_shipped as read;
use EntityKind::*;

/// `Protests erupted in Arcadia`: the noun is the subject of a verb of occurrence, so the
/// protest took place, and its crowd is the protesters of the state where it did.
#[test]
fn an_english_protest_noun_that_erupted_is_a_protest_by_the_places_crowd() {
    let ex = read(
        "en",
        "Protests erupted in Arcadia on Monday.",
        &[m("Arcadia", "XAR", State)],
        "Protests/NOUN/2/nsubj/Number=Plur/protest \
         erupted/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/erupt \
         in/ADP/4/case/_/in \
         Arcadia/PROPN/2/obl/Number=Sing/Arcadia \
         on/ADP/6/case/_/on \
         Monday/PROPN/2/obl/Number=Sing/Monday \
         ./PUNCT/2/punct",
    );
    let e = of_type(&ex, EventType::Protest);
    assert_eq!(ids(&e.actors), ["XAR.protesters"], "{e:?}");
}

/// `Riots broke out`: a verb of occurrence with its particle.
#[test]
fn an_english_riot_that_broke_out_is_a_protest() {
    let ex = read(
        "en",
        "Riots broke out in Arcadia.",
        &[m("Arcadia", "XAR", State)],
        "Riots/NOUN/2/nsubj/Number=Plur/riot \
         broke/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/break \
         out/ADP/2/compound:prt/_/out \
         in/ADP/5/case/_/in \
         Arcadia/PROPN/2/obl/Number=Sing/Arcadia \
         ./PUNCT/2/punct",
    );
    let e = of_type(&ex, EventType::Protest);
    assert_eq!(ids(&e.actors), ["XAR.protesters"], "{e:?}");
}

/// A protest noun named in passing (a report about protests) is no protest: no verb of
/// occurrence has it as subject.
#[test]
fn a_protest_noun_in_passing_is_still_no_event() {
    let ex = read(
        "en",
        "The newspaper wrote about protests in Arcadia.",
        &[m("Arcadia", "XAR", State)],
        "The/DET/2/det/_/the \
         newspaper/NOUN/3/nsubj/Number=Sing/newspaper \
         wrote/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/write \
         about/ADP/5/case/_/about \
         protests/NOUN/3/obl/Number=Plur/protest \
         in/ADP/7/case/_/in \
         Arcadia/PROPN/5/nmod/Number=Sing/Arcadia \
         ./PUNCT/3/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Protest).is_empty(),
        "{:#?}",
        ex.events
    );
}

/// `In Arkadien kam es zu Ausschreitungen`: the noun after `zu` of `kommen` took place.
#[test]
fn a_german_protest_noun_after_kam_es_zu_is_a_protest() {
    let ex = read(
        "de",
        "In Arkadien kam es zu Ausschreitungen.",
        &[m("Arkadien", "XAR", State)],
        "In/ADP/2/case/_/in \
         Arkadien/PROPN/3/obl/Case=Dat|Number=Sing/Arkadien \
         kam/VERB/0/root/Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin/kommen \
         es/PRON/3/expl/Case=Nom|Person=3/es \
         zu/ADP/6/case/_/zu \
         Ausschreitungen/NOUN/3/obl/Case=Dat|Number=Plur/Ausschreitung \
         ./PUNCT/3/punct",
    );
    let e = of_type(&ex, EventType::Protest);
    assert_eq!(ids(&e.actors), ["XAR.protesters"], "{e:?}");
}

/// `In Arkadien brachen Proteste aus`: a separable verb of occurrence, and a plural subject
/// the tagger gave the accusative (German plurals share the form): the parse says subject.
#[test]
fn a_german_protest_that_broke_out_is_a_protest_whatever_case_the_tagger_gave() {
    let ex = read(
        "de",
        "In Arkadien brachen Proteste aus.",
        &[m("Arkadien", "XAR", State)],
        "In/ADP/2/case/_/in \
         Arkadien/PROPN/3/obl/Case=Dat|Number=Sing/Arkadien \
         brachen/VERB/0/root/Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin/brechen \
         Proteste/NOUN/3/nsubj/Case=Acc|Number=Plur/Protest \
         aus/ADP/3/compound:prt/_/aus \
         ./PUNCT/3/punct",
    );
    let e = of_type(&ex, EventType::Protest);
    assert_eq!(ids(&e.actors), ["XAR.protesters"], "{e:?}");
}

/// `Jan Novak spoke during a visit to Borenia`: the visitor is the subject of the verb the
/// visit's phrase modifies; the host is the place after `to`.
#[test]
fn an_english_visit_in_a_during_phrase_is_made_by_the_clauses_subject() {
    let ex = read(
        "en",
        "Jan Novak spoke during a visit to Borenia.",
        &[
            m("Jan Novak", "person:jan-novak", Person),
            m("Borenia", "XBO", State),
        ],
        "Jan/PROPN/3/nsubj/Number=Sing/Jan \
         Novak/PROPN/1/flat/Number=Sing/Novak \
         spoke/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/speak \
         during/ADP/6/case/_/during \
         a/DET/6/det/_/a \
         visit/NOUN/3/obl/Number=Sing/visit \
         to/ADP/8/case/_/to \
         Borenia/PROPN/6/nmod/Number=Sing/Borenia \
         ./PUNCT/3/punct",
    );
    let e = of_type(&ex, EventType::Consult);
    assert_eq!(ids(&e.actors), ["person:jan-novak"], "{e:?}");
    assert_eq!(ids(&e.recipients), ["XBO"], "{e:?}");
}

/// A meeting noun in a phrase of another kind (`after the talks`) names no attendee.
#[test]
fn a_meeting_noun_after_another_preposition_names_no_attendee() {
    let ex = read(
        "en",
        "Jan Novak spoke after the talks.",
        &[m("Jan Novak", "person:jan-novak", Person)],
        "Jan/PROPN/3/nsubj/Number=Sing/Jan \
         Novak/PROPN/1/flat/Number=Sing/Novak \
         spoke/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/speak \
         after/ADP/6/case/_/after \
         the/DET/6/det/_/the \
         talks/NOUN/3/obl/Number=Plur/talk \
         ./PUNCT/3/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Consult)
            .iter()
            .all(|e| !ids(&e.actors).contains(&"person:jan-novak")),
        "{:#?}",
        ex.events
    );
}

/// `Die Außenminister Arkadiens und Boreniens haben sich auf einem Treffen nicht geeinigt`:
/// the meeting took place between the two sides (its phrase modifies the verb whose subject
/// they are), and the negation of the agreement does not deny that it did.
#[test]
fn a_german_meeting_in_an_auf_phrase_is_held_by_the_subject_and_not_denied_by_its_verb() {
    let ex = read(
        "de",
        "Die Außenminister Arkadiens und Boreniens haben sich auf einem Treffen nicht geeinigt.",
        &[m("Arkadiens", "XAR", State), m("Boreniens", "XBO", State)],
        "Die/DET/2/det/Case=Nom|Number=Plur/der \
         Außenminister/NOUN/12/nsubj/Case=Nom|Number=Plur/Außenminister \
         Arkadiens/PROPN/2/nmod/Case=Gen|Number=Sing/Arkadien \
         und/CCONJ/5/cc/_/und \
         Boreniens/PROPN/3/conj/Case=Gen|Number=Sing/Borenien \
         haben/AUX/12/aux/Mood=Ind|Number=Plur|VerbForm=Fin/haben \
         sich/PRON/12/obj/Case=Acc|Reflex=Yes/sich \
         auf/ADP/10/case/_/auf \
         einem/DET/10/det/Case=Dat|Definite=Ind/ein \
         Treffen/NOUN/12/obl/Case=Dat|Number=Sing/Treffen \
         nicht/PART/12/advmod/Polarity=Neg/nicht \
         geeinigt/VERB/0/root/VerbForm=Part/einigen \
         ./PUNCT/12/punct",
    );
    let e = of_type(&ex, EventType::Consult);
    let sides: Vec<&str> = ids(&e.actors)
        .into_iter()
        .chain(ids(&e.recipients))
        .collect();
    assert!(
        sides.contains(&"XAR") && sides.contains(&"XBO"),
        "{:#?}",
        ex.events
    );
    assert_eq!(e.factuality, Factuality::Asserted, "{e:?}");
    let agree = of_type(&ex, EventType::Agree);
    assert_eq!(agree.factuality, Factuality::Denied, "{agree:?}");
}

/// `Представители Аркадии и Борении на переговорах пришли к соглашению`: the talks are held
/// by both sides, and the agreement that follows still has both — the first side coded as
/// the talks' actor and the second as its counterpart is no object the agreement's subject
/// must avoid.
#[test]
fn a_russian_agreement_after_talks_in_the_same_clause_keeps_both_sides() {
    let ex = read(
        "ru",
        "Представители Аркадии и Борении на переговорах пришли к соглашению.",
        &[m("Аркадии", "XAR", State), m("Борении", "XBO", State)],
        "Представители/NOUN/7/nsubj/Case=Nom|Number=Plur/представитель \
         Аркадии/PROPN/1/nmod/Case=Gen|Number=Sing/аркадия \
         и/CCONJ/4/cc/_/и \
         Борении/PROPN/2/conj/Case=Gen|Number=Sing/борения \
         на/ADP/6/case/_/на \
         переговорах/NOUN/7/obl/Case=Loc|Number=Plur/переговоры \
         пришли/VERB/0/root/Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin/прийти \
         к/ADP/9/case/_/к \
         соглашению/NOUN/7/obl/Case=Dat|Number=Sing/соглашение \
         ./PUNCT/7/punct",
    );
    let agree = of_type(&ex, EventType::Agree);
    let sides: Vec<&str> = ids(&agree.actors)
        .into_iter()
        .chain(ids(&agree.recipients))
        .collect();
    assert!(
        sides.contains(&"XAR") && sides.contains(&"XBO"),
        "{:#?}",
        ex.events
    );
}

/// `Аркадия осудила нападение и потребовала ввести санкции против Борении`: the attack is the
/// object of `осудить`, whose subject condemns it and did not carry it out — though a support
/// verb (`ввести санкции`) stands later in the same clause.
#[test]
fn a_russian_attack_noun_condemned_is_not_done_by_the_condemning_state() {
    let ex = read(
        "ru",
        "Аркадия осудила нападение и потребовала ввести санкции против Борении.",
        &[m("Аркадия", "XAR", State), m("Борении", "XBO", State)],
        "Аркадия/PROPN/2/nsubj/Case=Nom|Number=Sing/аркадия \
         осудила/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin/осудить \
         нападение/NOUN/2/obj/Case=Acc|Number=Sing/нападение \
         и/CCONJ/5/cc/_/и \
         потребовала/VERB/2/conj/Aspect=Perf|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin/потребовать \
         ввести/VERB/5/xcomp/Aspect=Perf|VerbForm=Inf/ввести \
         санкции/NOUN/6/obj/Case=Acc|Number=Plur/санкция \
         против/ADP/9/case/_/против \
         Борении/PROPN/7/nmod/Case=Gen|Number=Sing/борения \
         ./PUNCT/2/punct",
    );
    for e in events_of_type(&ex, EventType::Assault) {
        assert!(!ids(&e.actors).contains(&"XAR"), "{e:?}");
    }
}

/// `Arcadia condemned the attack and demanded sanctions against Borenia`: `against Borenia`
/// belongs to the sanctions, behind another verb, not to the attack.
#[test]
fn a_preposition_behind_another_verb_names_no_target_of_the_event_noun() {
    let ex = read(
        "en",
        "Arcadia condemned the attack and demanded sanctions against Borenia.",
        &[m("Arcadia", "XAR", State), m("Borenia", "XBO", State)],
        "Arcadia/PROPN/2/nsubj/Number=Sing/Arcadia \
         condemned/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/condemn \
         the/DET/4/det/_/the \
         attack/NOUN/2/obj/Number=Sing/attack \
         and/CCONJ/6/cc/_/and \
         demanded/VERB/2/conj/Mood=Ind|Tense=Past|VerbForm=Fin/demand \
         sanctions/NOUN/6/obj/Number=Plur/sanction \
         against/ADP/9/case/_/against \
         Borenia/PROPN/7/nmod/Number=Sing/Borenia \
         ./PUNCT/2/punct",
    );
    for e in events_of_type(&ex, EventType::Assault) {
        assert!(!ids(&e.recipients).contains(&"XBO"), "{e:?}");
    }
}

/// `Jan Novak paid a visit to Borenia`: the visit is the object of a light verb, whose
/// subject makes it.
#[test]
fn an_english_visit_paid_is_made_by_the_light_verbs_subject() {
    let ex = read(
        "en",
        "Jan Novak paid a visit to Borenia.",
        &[
            m("Jan Novak", "person:jan-novak", Person),
            m("Borenia", "XBO", State),
        ],
        "Jan/PROPN/3/nsubj/Number=Sing/Jan \
         Novak/PROPN/1/flat/Number=Sing/Novak \
         paid/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/pay \
         a/DET/5/det/_/a \
         visit/NOUN/3/obj/Number=Sing/visit \
         to/ADP/7/case/_/to \
         Borenia/PROPN/5/nmod/Number=Sing/Borenia \
         ./PUNCT/3/punct",
    );
    let e = of_type(&ex, EventType::Consult);
    assert_eq!(ids(&e.actors), ["person:jan-novak"], "{e:?}");
    assert_eq!(ids(&e.recipients), ["XBO"], "{e:?}");
}
