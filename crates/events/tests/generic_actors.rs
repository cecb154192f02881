//! Generic actors (`Indian police`, `rebels`, `Russian soldiers`) as parties of events, with
//! hand-built mentions as the NLP stage writes them (`IND.police`, kind `Agent`).

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

fn read(text: &str, mentions: &[M]) -> Extraction {
    let mut ex = extraction("doc", "en", None, text, mentions, &[]);
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    ex
}

fn ids(ps: &[Participant]) -> Vec<&str> {
    ps.iter().map(|p| p.entity.as_str()).collect()
}

#[test]
fn a_generic_actor_with_its_state_is_the_party_not_the_adjective() {
    let ex = read(
        "Indian police arrested protesters in the capital on Sunday.",
        &[
            m("Indian", "IND", State),
            m("police", "IND.police", Agent),
            m("protesters", "protesters", Agent),
        ],
    );
    let arrest = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Coerce)
        .unwrap_or_else(|| panic!("no coerce event: {:#?}", ex.events));
    // The police take part as their state (the mention `Indian`), the protesters as themselves.
    assert_eq!(ids(&arrest.actors), ["IND"]);
    assert_eq!(ids(&arrest.recipients), ["protesters"]);
}

#[test]
fn generic_actors_do_not_break_events_of_states() {
    let ex = read(
        "Russia delivered artillery to Armenia, and rebels denied it.",
        &[
            m("Russia", "RUS", State),
            m("Armenia", "ARM", State),
            m("rebels", "rebels", Agent),
        ],
    );
    assert!(ex.events.iter().any(|e| ids(&e.actors) == ["RUS"]));
}
