//! Joint exercises are cooperation between those who hold them; a deployment has no target
//! (issue 12, classes 2 and 6; stop 39). Sentences of our own with made-up states and
//! hand-written parses (lemma in the sixth field).

mod common;

use armsgraph_model::*;
use common::*;
use EntityKind::*;

fn read(text: &str, parse: &str) -> Extraction {
    let mentions = [
        m("Ruritania", "RUR", State),
        m("Borduria", "BOR", State),
        m("Bordurian", "BOR", State),
        m("troops", "military", Agent),
    ];
    let mut ex = extraction("doc", "en", None, text, &mentions, &[]);
    // The pipeline gives a generic actor its sector.
    for m in ex.entities.iter_mut().filter(|m| m.kind == Agent) {
        m.sector = Some("military".into());
    }
    annotate(with_parses(ex, &[("", parse)]))
}

#[test]
fn joint_exercises_are_cooperation_between_those_who_hold_them() {
    let ex = read(
        "Ruritania and Borduria began joint military exercises on Monday.",
        "Ruritania/PROPN/4/nsubj and/CCONJ/3/cc Borduria/PROPN/1/conj began/VERB/0/root/_/begin joint/ADJ/7/amod military/ADJ/7/amod exercises/NOUN/4/obj/_/exercise on/ADP/9/case Monday/PROPN/4/obl ./PUNCT/4/punct",
    );
    let e = of_type(&ex, EventType::Cooperate);
    assert_eq!(ids(&e.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&e.recipients), ["BOR"]);
    assert!(
        events_of_type(&ex, EventType::Mobilize).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn troops_deployed_are_the_actors_own_not_a_target() {
    let ex = read(
        "Ruritania has deployed additional troops to the Bordurian border.",
        "Ruritania/PROPN/3/nsubj has/AUX/3/aux deployed/VERB/0/root/_/deploy additional/ADJ/5/amod troops/NOUN/3/obj/_/troop to/ADP/9/case the/DET/9/det Bordurian/ADJ/9/amod border/NOUN/3/obl ./PUNCT/3/punct",
    );
    let e = of_type(&ex, EventType::Mobilize);
    assert_eq!(ids(&e.actors), ["RUR"], "{:?}", summaries(&ex));
    assert!(
        !ids(&e.recipients).contains(&"military"),
        "{:?}",
        summaries(&ex)
    );
}
