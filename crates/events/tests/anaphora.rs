//! Parties given by anaphora (stop 29): reciprocal markers (`accused each other`), a
//! demonstrative act phrase as the object of a reaction (`condemned these actions`), and a
//! plural pronoun subject (`They …`, German `sie` with a plural verb). Sentences of our own
//! with made-up states and hand-written parses, read by the shipped rule files.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::shipped_reader;
use EntityKind::*;

fn read(lang: &str, text: &str, mentions: &[M], parses: &[(&str, &str)]) -> Extraction {
    let mut ex = with_parses(extraction("doc", lang, None, text, mentions, &[]), parses);
    shipped_reader().annotate(&mut ex);
    ex
}

fn pairs(ex: &Extraction, t: EventType) -> Vec<(Vec<&str>, Vec<&str>)> {
    events_of_type(ex, t)
        .into_iter()
        .map(|e| (ids(&e.actors), ids(&e.recipients)))
        .collect()
}

#[test]
fn a_reciprocal_accusation_is_two_acts_with_the_roles_swapped() {
    let ex = read(
        "en",
        "Arcadia and Borenia accused each other of violating the truce.",
        &[m("Arcadia", "XAR", State), m("Borenia", "XBO", State)],
        &[(
            "",
            "Arcadia/PROPN/4/nsubj and/CCONJ/3/cc Borenia/PROPN/1/conj accused/VERB/0/root each/DET/6/det other/ADJ/4/obj of/SCONJ/8/mark violating/VERB/4/advcl the/DET/10/det truce/NOUN/8/obj ./PUNCT/4/punct",
        )],
    );
    let acts = pairs(&ex, EventType::Accuse);
    assert!(acts.contains(&(vec!["XAR"], vec!["XBO"])), "{acts:?}");
    assert!(acts.contains(&(vec!["XBO"], vec!["XAR"])), "{acts:?}");
    assert_eq!(acts.len(), 2, "{acts:?}");
    // Without the marker each of the two accuses, and nobody is accused (stop 30: one act per
    // coordinated actor, `extract::distribute_conjuncts`).
    let ex = read(
        "en",
        "Arcadia and Borenia accused the monitors of bias.",
        &[m("Arcadia", "XAR", State), m("Borenia", "XBO", State)],
        &[(
            "",
            "Arcadia/PROPN/4/nsubj and/CCONJ/3/cc Borenia/PROPN/1/conj accused/VERB/0/root the/DET/6/det monitors/NOUN/4/obj of/ADP/8/case bias/NOUN/4/obl ./PUNCT/4/punct",
        )],
    );
    let acts = pairs(&ex, EventType::Accuse);
    assert!(acts.contains(&(vec!["XAR"], vec![])), "{acts:?}");
    assert!(acts.contains(&(vec!["XBO"], vec![])), "{acts:?}");
    assert_eq!(acts.len(), 2, "{acts:?}");
}

#[test]
fn a_demonstrative_act_phrase_points_back_at_the_last_act() {
    let ex = read(
        "en",
        "Arcadia shelled Borenia on Monday. Gardaria condemned these actions.",
        &[
            m("Arcadia", "XAR", State),
            m("Borenia", "XBO", State),
            m("Gardaria", "XGA", State),
        ],
        &[
            (
                "",
                "Arcadia/PROPN/2/nsubj shelled/VERB/0/root Borenia/PROPN/2/obj on/ADP/5/case Monday/PROPN/2/obl ./PUNCT/2/punct",
            ),
            (
                "Gardaria",
                "Gardaria/PROPN/2/nsubj condemned/VERB/0/root these/DET/4/det actions/NOUN/2/obj ./PUNCT/2/punct",
            ),
        ],
    );
    let acts = pairs(&ex, EventType::Accuse);
    assert_eq!(acts, [(vec!["XGA"], vec!["XAR"])], "{:?}", ex.events);
    let condemn = events_of_type(&ex, EventType::Accuse)[0];
    assert_eq!(condemn.recipients[0].how, "coreference");
}

#[test]
fn a_plural_pronoun_subject_continues_the_plural_subject_before_it() {
    let text = "Rebels tried to behead eight soldiers. They decapitated an officer.";
    let mentions = [
        m("Rebels", "XAR.rebels", Agent),
        m("soldiers", "XAR.military", Agent),
    ];
    let parses = [
        (
            "",
            "Rebels/NOUN/2/nsubj/Number=Plur tried/VERB/0/root to/PART/4/mark behead/VERB/2/xcomp eight/NUM/6/nummod soldiers/NOUN/4/obj/Number=Plur ./PUNCT/2/punct",
        ),
        (
            "They",
            "They/PRON/2/nsubj/Number=Plur decapitated/VERB/0/root/_/decapitate an/DET/4/det officer/NOUN/2/obj/Number=Sing ./PUNCT/2/punct",
        ),
    ];
    let ex = read("en", text, &mentions, &parses);
    let second = events_of_type(&ex, EventType::Assault)
        .into_iter()
        .find(|e| e.evidence[0].text.starts_with("They"))
        .unwrap_or_else(|| panic!("{:#?}", ex.events));
    assert_eq!(ids(&second.actors), ["XAR.rebels"]);
    assert_eq!(second.actors[0].how, "coreference");
    // A single state named last is no antecedent of `they`.
    let ex = read(
        "en",
        "Gardaria tried to behead an officer. They decapitated an officer.",
        &[m("Gardaria", "XGA", State)],
        &[
            (
                "",
                "Gardaria/PROPN/2/nsubj tried/VERB/0/root to/PART/4/mark behead/VERB/2/xcomp an/DET/6/det officer/NOUN/4/obj/Number=Sing ./PUNCT/2/punct",
            ),
            (
                "They",
                "They/PRON/2/nsubj/Number=Plur decapitated/VERB/0/root/_/decapitate an/DET/4/det officer/NOUN/2/obj/Number=Sing ./PUNCT/2/punct",
            ),
        ],
    );
    assert!(
        !events_of_type(&ex, EventType::Assault)
            .iter()
            .any(|e| e.actors.iter().any(|a| a.how == "coreference")),
        "{:#?}",
        ex.events
    );
}

#[test]
fn german_sie_is_plural_only_with_a_plural_verb() {
    let mentions = [m("Demonstranten", "XAR.protesters", Agent)];
    let first = "Die/DET/2/det Demonstranten/NOUN/3/nsubj/Case=Nom|Number=Plur zogen/VERB/0/root/Number=Plur|Person=3/ziehen vor/ADP/6/case das/DET/6/det Parlament/NOUN/3/obl/Case=Acc|Number=Sing ./PUNCT/3/punct";
    let ex = read(
        "de",
        "Die Demonstranten zogen vor das Parlament. Sie forderten Neuwahlen.",
        &mentions,
        &[
            ("", first),
            (
                "Sie",
                "Sie/PRON/2/nsubj/Case=Nom|Number=Plur|Person=3/sie forderten/VERB/0/root/Number=Plur|Person=3/fordern Neuwahlen/NOUN/2/obj/Case=Acc|Number=Plur/neuwahl ./PUNCT/2/punct",
            ),
        ],
    );
    let requests = pairs(&ex, EventType::Request);
    assert!(
        requests.iter().any(|(a, _)| a == &["XAR.protesters"]),
        "{:#?}",
        ex.events
    );
    // `Sie forderte`: a singular verb, so `sie` is a woman, not the demonstrators.
    let ex = read(
        "de",
        "Die Demonstranten zogen vor das Parlament. Sie forderte Neuwahlen.",
        &mentions,
        &[
            ("", first),
            (
                "Sie",
                "Sie/PRON/2/nsubj/Case=Nom|Number=Sing|Person=3/sie forderte/VERB/0/root/Number=Sing|Person=3/fordern Neuwahlen/NOUN/2/obj/Case=Acc|Number=Plur/neuwahl ./PUNCT/2/punct",
            ),
        ],
    );
    assert!(
        !pairs(&ex, EventType::Request)
            .iter()
            .any(|(a, _)| a == &["XAR.protesters"]),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_bare_russian_role_noun_subject_is_the_last_person() {
    let mentions = [
        m("Иван Орлов", "person:ivan-orlov", Person),
        m("Борению", "XBO", State),
    ];
    let first = "Иван/PROPN/3/nsubj/Case=Nom|Number=Sing/иван Орлов/PROPN/1/flat:name/Case=Nom|Number=Sing/орлов прибыл/VERB/0/root/Number=Sing/прибыть в/ADP/5/case столицу/NOUN/3/obl/Case=Acc/столица ./PUNCT/3/punct";
    let ex = read(
        "ru",
        "Иван Орлов прибыл в столицу. Президент осудил Борению.",
        &mentions,
        &[
            ("", first),
            (
                "Президент",
                "Президент/NOUN/2/nsubj/Case=Nom|Number=Sing/президент осудил/VERB/0/root/Aspect=Perf|Number=Sing/осудить Борению/PROPN/2/obj/Case=Acc/борения ./PUNCT/2/punct",
            ),
        ],
    );
    assert!(
        pairs(&ex, EventType::Accuse)
            .iter()
            .any(|(a, r)| a.contains(&"person:ivan-orlov") && r == &["XBO"]),
        "{:#?}",
        ex.events
    );
    // A role noun with a name of its own (`Президент Петров`) is not the earlier person.
    let ex = read(
        "ru",
        "Иван Орлов прибыл в столицу. Президент Петров осудил Борению.",
        &mentions,
        &[
            ("", first),
            (
                "Президент",
                "Президент/NOUN/3/nsubj/Case=Nom|Number=Sing/президент Петров/PROPN/1/flat:name/Case=Nom|Number=Sing/петров осудил/VERB/0/root/Aspect=Perf|Number=Sing/осудить Борению/PROPN/3/obj/Case=Acc/борения ./PUNCT/3/punct",
            ),
        ],
    );
    assert!(
        !pairs(&ex, EventType::Accuse)
            .iter()
            .any(|(a, _)| a.contains(&"person:ivan-orlov")),
        "{:#?}",
        ex.events
    );
}

#[test]
fn it_continues_the_organisation_that_was_subject_over_a_later_one() {
    // Stop 34: `It` took the organisation named last, here the company in the oblique; a
    // subject pronoun continues the subject before it.
    let text = "The Arcadian Liberation Front said it shot at vessels of the Borenian Oil Company. It also threatened Borenia.";
    let mentions = [
        m("Arcadian Liberation Front", "group:alf", Organisation),
        m("Borenian Oil Company", "org:boc", Organisation),
        m("Borenia", "XBO", State),
    ];
    let parses = [
        (
            "",
            "The/DET/4/det Arcadian/PROPN/4/compound Liberation/PROPN/4/compound Front/PROPN/5/nsubj said/VERB/0/root it/PRON/7/nsubj shot/VERB/5/ccomp at/ADP/9/case vessels/NOUN/7/obl of/ADP/14/case the/DET/14/det Borenian/PROPN/14/compound Oil/PROPN/14/compound Company/PROPN/9/nmod ./PUNCT/5/punct",
        ),
        (
            "It also",
            "It/PRON/3/nsubj also/ADV/3/advmod threatened/VERB/0/root Borenia/PROPN/3/obj ./PUNCT/3/punct",
        ),
    ];
    let ex = read("en", text, &mentions, &parses);
    let threats = pairs(&ex, EventType::Threaten);
    assert_eq!(
        threats,
        [(vec!["group:alf"], vec!["XBO"])],
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_singular_gendered_pronoun_stands_for_the_body_of_its_gender() {
    // Stop 34 (`[grammar] gendered_pronouns`): German `sie` with a singular verb and no woman
    // named is the last feminine body (`die Opposition`), not a masculine or plural one.
    let first = "Die/DET/2/det Opposition/NOUN/3/nsubj/Case=Nom|Gender=Fem|Number=Sing traf/VERB/0/root/Number=Sing|Person=3|VerbForm=Fin/treffen den/DET/5/det Rat/NOUN/3/obj/Case=Acc|Gender=Masc|Number=Sing ./PUNCT/3/punct";
    let second = "Sie/PRON/2/nsubj/Case=Nom|Number=Plur|Person=3/sie fordert/VERB/0/root/Number=Sing|Person=3|VerbForm=Fin/fordern Neuwahlen/NOUN/2/obj/Case=Acc|Gender=Fem|Number=Plur/neuwahl ./PUNCT/2/punct";
    let text = "Die Opposition traf den Rat. Sie fordert Neuwahlen.";
    let ex = read(
        "de",
        text,
        &[
            m("Opposition", "XAR.opposition", Agent),
            m("Rat", "org:rat", Organisation),
        ],
        &[("", first), ("Sie", second)],
    );
    let requests = pairs(&ex, EventType::Request);
    assert_eq!(
        requests,
        [(vec!["XAR.opposition"], vec![])],
        "{:#?}",
        ex.events
    );
    // Only the masculine body is named: no antecedent.
    let first = "Der/DET/2/det Rat/NOUN/3/nsubj/Case=Nom|Gender=Masc|Number=Sing tagte/VERB/0/root/Number=Sing|Person=3|VerbForm=Fin/tagen ./PUNCT/3/punct";
    let ex = read(
        "de",
        "Der Rat tagte. Sie fordert Neuwahlen.",
        &[m("Rat", "org:rat", Organisation)],
        &[("", first), ("Sie", second)],
    );
    assert!(
        pairs(&ex, EventType::Request)
            .iter()
            .all(|(a, _)| a.is_empty()),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_russian_proposal_that_someone_act_is_a_request_an_offer_is_not() {
    // Stop 35, `ru.request.predlozhit` (`with_infinitive`).
    let mentions = [
        m("Арканию", "XAR", State),
        m("Борения", "XBO", State),
        m("Аркании", "XAR", State),
    ];
    let ex = read(
        "ru",
        "Борения предложила Аркании начать переговоры.",
        &mentions,
        &[(
            "",
            "Борения/PROPN/2/nsubj/Case=Nom|Number=Sing/борения предложила/VERB/0/root/Aspect=Perf|Number=Sing/предложить Аркании/PROPN/2/iobj/Case=Dat/аркания начать/VERB/2/xcomp/Aspect=Perf|VerbForm=Inf/начать переговоры/NOUN/4/obj/Case=Acc/переговоры ./PUNCT/2/punct",
        )],
    );
    assert_eq!(
        pairs(&ex, EventType::Request),
        [(vec!["XBO"], vec!["XAR"])],
        "{:#?}",
        ex.events
    );
    let ex = read(
        "ru",
        "Борения предложила Арканию помощь.",
        &mentions,
        &[(
            "",
            "Борения/PROPN/2/nsubj/Case=Nom|Number=Sing/борения предложила/VERB/0/root/Aspect=Perf|Number=Sing/предложить Арканию/PROPN/2/iobj/Case=Acc/аркания помощь/NOUN/2/obj/Case=Acc/помощь ./PUNCT/2/punct",
        )],
    );
    assert!(
        pairs(&ex, EventType::Request).is_empty(),
        "{:#?}",
        ex.events
    );
}
