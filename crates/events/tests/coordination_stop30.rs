//! Stop 30, all the parties: names coordinated in the text as actors or recipients are one act
//! per conjunct (`extract::distribute_conjuncts`), and a head-of-state title with a nationality
//! and no name is the holder named earlier in the story (`extract::role_phrase_holders`).
//! Sentences of our own with made-up states and people and hand-written parses, read by the
//! shipped rule files.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::shipped_reader;
use EntityKind::*;

fn read(
    lang: &str,
    text: &str,
    mentions: &[M],
    parses: &[(&str, &str)],
    records: Vec<EntityRecord>,
) -> Extraction {
    let mut ex = with_parses(extraction("doc", lang, None, text, mentions, &[]), parses);
    ex.actors.extend(records);
    shipped_reader().annotate(&mut ex);
    ex
}

fn pairs(ex: &Extraction, t: EventType) -> Vec<(Vec<&str>, Vec<&str>)> {
    events_of_type(ex, t)
        .into_iter()
        .map(|e| (ids(&e.actors), ids(&e.recipients)))
        .collect()
}

fn states() -> Vec<M<'static>> {
    vec![
        m("Arcadia", "XAR", State),
        m("Borenia", "XBO", State),
        m("Caldonia", "XCA", State),
        m("Dravia", "XDR", State),
    ]
}

#[test]
fn coordinated_actors_are_one_act_each() {
    let ex = read(
        "en",
        "Arcadia, Borenia and Caldonia accused Dravia of shelling.",
        &states(),
        &[(
            "",
            "Arcadia/PROPN/6/nsubj ,/PUNCT/3/punct Borenia/PROPN/1/conj and/CCONJ/5/cc Caldonia/PROPN/1/conj accused/VERB/0/root Dravia/PROPN/6/obj of/SCONJ/9/mark shelling/VERB/6/advcl ./PUNCT/6/punct",
        )],
        Vec::new(),
    );
    let acts = pairs(&ex, EventType::Accuse);
    for actor in ["XAR", "XBO", "XCA"] {
        assert!(acts.contains(&(vec![actor], vec!["XDR"])), "{acts:?}");
    }
    assert_eq!(acts.len(), 3, "{acts:?}");
}

#[test]
fn coordinated_recipients_are_one_act_each() {
    let ex = read(
        "en",
        "Arcadia accused Borenia and Caldonia of shelling.",
        &states(),
        &[(
            "",
            "Arcadia/PROPN/2/nsubj accused/VERB/0/root Borenia/PROPN/2/obj and/CCONJ/5/cc Caldonia/PROPN/3/conj of/SCONJ/7/mark shelling/VERB/2/advcl ./PUNCT/2/punct",
        )],
        Vec::new(),
    );
    let acts = pairs(&ex, EventType::Accuse);
    assert!(acts.contains(&(vec!["XAR"], vec!["XBO"])), "{acts:?}");
    assert!(acts.contains(&(vec!["XAR"], vec!["XCA"])), "{acts:?}");
    assert_eq!(acts.len(), 2, "{acts:?}");
}

fn president(id: &str, state: &str) -> EntityRecord {
    EntityRecord {
        id: id.to_string(),
        kind: Person,
        name: id.to_string(),
        roles: vec![Role {
            title: "President".to_string(),
            affiliation: Some(state.to_string()),
            ..Role::default()
        }],
        affiliations: vec![state.to_string()],
        mentions: 1,
        ..EntityRecord::default()
    }
}

#[test]
fn a_nationality_title_is_the_holder_named_before() {
    let text = "President Ivan Doe of Arcadia arrived in Dravia. The Arcadian president accused Borenia of shelling.";
    let mut mentions = states();
    mentions.push(m("Ivan Doe", "person:ivan-doe", Person));
    mentions.push(m("Arcadian", "XAR", State));
    let parses = [
        (
            "",
            "President/PROPN/2/compound Ivan/PROPN/4/nsubj Doe/PROPN/2/flat of/ADP/5/case Arcadia/PROPN/2/nmod arrived/VERB/0/root in/ADP/8/case Dravia/PROPN/6/obl ./PUNCT/6/punct",
        ),
        (
            "The Arcadian",
            "The/DET/3/det Arcadian/ADJ/3/amod president/NOUN/4/nsubj accused/VERB/0/root Borenia/PROPN/4/obj of/SCONJ/7/mark shelling/VERB/4/advcl ./PUNCT/4/punct",
        ),
    ];
    let ex = read(
        "en",
        text,
        &mentions,
        &parses,
        vec![president("person:ivan-doe", "XAR")],
    );
    let acts = pairs(&ex, EventType::Accuse);
    assert_eq!(
        acts,
        vec![(vec!["person:ivan-doe", "XAR"], vec!["XBO"])],
        "{acts:?}"
    );
    // A president of another state named before is nobody's antecedent: the state stays.
    let ex = read(
        "en",
        text,
        &mentions,
        &parses,
        vec![president("person:ivan-doe", "XCA")],
    );
    let acts = pairs(&ex, EventType::Accuse);
    assert_eq!(acts, vec![(vec!["XAR"], vec!["XBO"])], "{acts:?}");
}
