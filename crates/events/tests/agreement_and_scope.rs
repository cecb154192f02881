//! Stop 31: who acts, read from agreement, and what a negation denies, read from the parse,
//! in the languages whose parties the word-window rules read (Russian, German). Sentences of
//! our own with made-up states and hand-written parses (features included), read by the
//! shipped rule files — the reading is tested, not the tagger.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_parsed_shipped as read;
use EntityKind::*;

const MINISTRY: &str = "org:arcadian-defence-ministry";

/// `Учёные призвали Министерство обороны Аркадии не закрывать лабораторию`: the tagger reads
/// the neuter object as nominative; the plural verb cannot have the singular noun as its
/// subject, and a plural subject that names no party stands before it. The ministry is asked,
/// it does not ask; and the `не` on the infinitive says what is asked, not that nobody asked.
#[test]
fn a_russian_noun_that_disagrees_with_the_verb_is_its_object_and_the_complements_negation_denies_nothing(
) {
    let ex = read(
        "ru",
        "Учёные призвали Министерство обороны Аркадии не закрывать лабораторию.",
        &[m("Министерство обороны Аркадии", MINISTRY, Organisation)],
        "Учёные/ADJ/2/nsubj/Case=Nom|Number=Plur/учёный \
         призвали/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin/призвать \
         Министерство/NOUN/2/obj/Case=Nom|Gender=Neut|Number=Sing/министерство \
         обороны/NOUN/3/nmod/Case=Gen|Number=Sing/оборона \
         Аркадии/PROPN/4/nmod/Case=Gen|Number=Sing/аркадия \
         не/PART/7/advmod/Polarity=Neg/не \
         закрывать/VERB/2/xcomp/Aspect=Imp|VerbForm=Inf/закрывать \
         лабораторию/NOUN/7/obj/Case=Acc|Number=Sing/лаборатория \
         ./PUNCT/2/punct",
    );
    let e = of_type(&ex, EventType::Request);
    assert!(!ids(&e.actors).contains(&MINISTRY), "{:?}", e.actors);
    assert_eq!(ids(&e.recipients), [MINISTRY], "{:?}", e);
    assert_eq!(e.factuality, Factuality::Asserted, "{e:?}");
}

/// A negation on the request itself still denies it.
#[test]
fn a_negation_on_the_russian_trigger_still_denies_it() {
    let ex = read(
        "ru",
        "Аркадия не призвала Борению закрыть границу.",
        &[
            m("Аркадия", "XAR", State),
            m("Борению", "XBO", State),
        ],
        "Аркадия/PROPN/3/nsubj/Case=Nom|Number=Sing/аркадия \
         не/PART/3/advmod/Polarity=Neg/не \
         призвала/VERB/0/root/Aspect=Perf|Gender=Fem|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin/призвать \
         Борению/PROPN/3/obj/Case=Acc|Number=Sing/борения \
         закрыть/VERB/3/xcomp/Aspect=Perf|VerbForm=Inf/закрыть \
         границу/NOUN/5/obj/Case=Acc|Number=Sing/граница \
         ./PUNCT/3/punct",
    );
    let e = of_type(&ex, EventType::Request);
    assert_eq!(e.factuality, Factuality::Denied, "{e:?}");
}

/// `Нападение осудили Аркадия и Борения`: names coordinated after a plural verb are its
/// subject together, even when the tagger also reads the fronted neuter object as
/// nominative (it is singular: no subject of the plural verb).
#[test]
fn coordinated_russian_names_after_a_plural_verb_act_together() {
    let ex = read(
        "ru",
        "Нападение осудили Аркадия и Борения.",
        &[m("Аркадия", "XAR", State), m("Борения", "XBO", State)],
        "Нападение/NOUN/2/obj/Case=Nom|Gender=Neut|Number=Sing/нападение \
         осудили/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin/осудить \
         Аркадия/PROPN/2/nsubj/Case=Nom|Number=Sing/аркадия \
         и/CCONJ/5/cc/_/и \
         Борения/PROPN/3/conj/Case=Nom|Number=Sing/борения \
         ./PUNCT/2/punct",
    );
    let mut actors: Vec<&str> = events_of_type(&ex, EventType::Accuse)
        .into_iter()
        .flat_map(|e| ids(&e.actors))
        .collect();
    actors.sort_unstable();
    assert_eq!(actors, ["XAR", "XBO"], "{:?}", ex.events);
}

/// A single name after a plural verb is not its subject (`Соглашение подписали Аркадия` is
/// no Russian sentence; `… подписали в Аркадии` is a place): with no subject in the
/// clause, the act keeps no actor rather than a wrong one.
#[test]
fn a_singular_name_after_a_plural_russian_verb_is_not_its_subject() {
    let ex = read(
        "ru",
        "Вчера осудили Аркадию.",
        &[m("Аркадию", "XAR", State)],
        "Вчера/ADV/2/advmod/Degree=Pos/вчера \
         осудили/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin/осудить \
         Аркадию/PROPN/2/obj/Case=Nom|Number=Sing/аркадия \
         ./PUNCT/2/punct",
    );
    for e in events_of_type(&ex, EventType::Accuse) {
        assert!(!ids(&e.actors).contains(&"XAR"), "{e:?}");
    }
}

/// `called on X to …`: the state called on is the one asked.
#[test]
fn the_state_called_on_is_asked() {
    let ex = read(
        "en",
        "Arcadia called on Borenia to open the border.",
        &[m("Arcadia", "XAR", State), m("Borenia", "XBO", State)],
        "Arcadia/PROPN/2/nsubj/Number=Sing called/VERB/0/root/Tense=Past|VerbForm=Fin/call \
         on/ADP/4/case Borenia/PROPN/2/obl/Number=Sing to/PART/6/mark \
         open/VERB/2/xcomp/VerbForm=Inf/open the/DET/8/det border/NOUN/6/obj/Number=Sing \
         ./PUNCT/2/punct",
    );
    let e = of_type(&ex, EventType::Request);
    assert_eq!(ids(&e.actors), ["XAR"]);
    assert_eq!(ids(&e.recipients), ["XBO"]);
}

/// The German tagger takes weak past forms for inflected adjectives (`töteten` as an `ADJ`
/// with the lemma `tötet`); right after the subject noun no attribute can stand, so the word
/// is the verb `töten` (`[grammar] finite_after_noun`, the `eten` ending of `form_endings`).
#[test]
fn a_german_past_form_tagged_as_an_adjective_after_its_subject_is_the_verb() {
    let ex = read(
        "de",
        "Die Aufständischen töteten zwölf Zivilisten in Arkadien.",
        &[
            m("Aufständischen", "XAR.rebels", Agent),
            m("Zivilisten", "XAR.civilians", Agent),
            m("Arkadien", "XAR", State),
        ],
        "Die/DET/2/det/Case=Nom|Number=Plur/der \
         Aufständischen/NOUN/0/root/Case=Nom|Number=Plur/Aufständische \
         töteten/ADJ/5/amod/Case=Nom|Degree=Pos|Number=Plur/tötet \
         zwölf/NUM/5/nummod/NumType=Card/zwölf \
         Zivilisten/NOUN/2/conj/Case=Acc|Number=Plur/Zivilist \
         in/ADP/7/case/_/in \
         Arkadien/PROPN/5/nmod/Case=Dat|Number=Sing/Arkadien \
         ./PUNCT/2/punct",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["XAR.rebels"], "{e:?}");
}

/// In an agent phrase the participle is the attribute of the noun after it (`die von
/// Aufständischen ermordeten Zivilisten`): the guard keeps such an adjective an adjective.
#[test]
fn a_german_participle_after_an_agent_phrase_stays_an_attribute() {
    let ex = read(
        "de",
        "Die von Aufständischen ermordeten Zivilisten wurden in Arkadien begraben.",
        &[
            m("Aufständischen", "XAR.rebels", Agent),
            m("Zivilisten", "XAR.civilians", Agent),
            m("Arkadien", "XAR", State),
        ],
        "Die/DET/5/det/Case=Nom|Number=Plur/der \
         von/ADP/3/case/_/von \
         Aufständischen/NOUN/4/obl/Case=Dat|Number=Plur/Aufständische \
         ermordeten/ADJ/5/amod/Case=Nom|Degree=Pos|Number=Plur/ermordet \
         Zivilisten/NOUN/9/nsubj:pass/Case=Nom|Number=Plur/Zivilist \
         wurden/AUX/9/aux:pass/Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin/werden \
         in/ADP/8/case/_/in \
         Arkadien/PROPN/9/obl/Case=Dat|Number=Sing/Arkadien \
         begraben/VERB/0/root/VerbForm=Part/begraben \
         ./PUNCT/9/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:?}",
        ex.events
    );
}

/// A negotiator is a person, not a negotiation: `Arcadian negotiator Ann Vale said …` holds
/// no CONSULT.
#[test]
fn a_negotiator_is_no_negotiation() {
    let ex = read(
        "en",
        "Arcadian negotiator Ann Vale said on Saturday that there is no room for exceptions.",
        &[
            m("Arcadian", "XAR", State),
            m("Ann Vale", "person:ann-vale", Person),
        ],
        "Arcadian/ADJ/2/amod/Degree=Pos negotiator/NOUN/4/compound/Number=Sing Ann/PROPN/5/nsubj/Number=Sing \
         Vale/PROPN/3/flat/Number=Sing said/VERB/0/root/Tense=Past|VerbForm=Fin/say on/ADP/7/case \
         Saturday/PROPN/5/obl/Number=Sing that/SCONJ/10/mark there/PRON/10/expl is/VERB/5/ccomp/VerbForm=Fin/be \
         no/DET/12/det room/NOUN/10/nsubj/Number=Sing for/ADP/14/case exceptions/NOUN/12/nmod/Number=Plur \
         ./PUNCT/5/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Consult).is_empty(),
        "{:?}",
        ex.events
    );
}
