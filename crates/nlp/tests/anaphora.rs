//! Coreference of stop 29: a definite description of a state (`the country`, `das Land`,
//! `страна`) is the last state named, unless it is a place or a possessor; `both sides` of a
//! fight between a state and an armed group are those two. Generic sentences of our own.

use armsgraph_kb::DataFiles;
use armsgraph_model::{LinkMethod, Mention};
use armsgraph_nlp::Reader;

fn reader() -> &'static Reader {
    static READER: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
    READER.get_or_init(|| Reader::load(&DataFiles::Embedded).expect("data loads"))
}

fn coreferent(text: &str, lang: &str) -> Vec<(String, String)> {
    let ms: Vec<Mention> = reader().mentions_in(text, lang);
    ms.into_iter()
        .filter(|m| m.method == LinkMethod::Coreference)
        .map(|m| (m.text, m.entity))
        .collect()
}

#[test]
fn the_country_is_the_last_state_named() {
    let found = coreferent(
        "Chad closed its eastern border on Monday. The country has asked for help.",
        "en",
    );
    assert!(
        found.contains(&("The country".to_string(), "TCD".to_string())),
        "{found:?}"
    );
    let found = coreferent(
        "Mali schloss am Montag die Grenze. Das Land hat um Hilfe gebeten.",
        "de",
    );
    assert!(
        found.contains(&("Das Land".to_string(), "MLI".to_string())),
        "{found:?}"
    );
}

#[test]
fn the_country_as_a_place_or_a_possessor_is_no_party() {
    let found = coreferent(
        "Chad closed its eastern border on Monday. Thousands fled the country, and the country's army withdrew.",
        "en",
    );
    assert!(
        !found.iter().any(|(t, _)| t.to_lowercase() == "the country"),
        "{found:?}"
    );
}

#[test]
fn both_sides_of_a_fight_with_an_armed_group() {
    let ms = reader().mentions_in(
        "Sri Lanka's army clashed with the Liberation Tigers of Tamil Eelam in the north. Both sides blamed each other.",
        "en",
    );
    let sides = ms
        .iter()
        .find(|m| m.method == LinkMethod::Coreference && m.text == "Both sides")
        .unwrap_or_else(|| panic!("{ms:#?}"));
    assert!(sides.members.contains(&"LKA".to_string()), "{sides:?}");
    assert!(
        sides
            .members
            .contains(&"group:liberation-tigers-of-tamil-eelam".to_string()),
        "{sides:?}"
    );
}
