//! Generic actors outside English (data/kb/curated/agents.tsv, stop 29): the de/ru words for
//! the Phoenix agent sectors, with their sector, and a state adjective giving their country.
//! Sentences of our own.

use armsgraph_kb::DataFiles;
use armsgraph_model::EntityKind;
use armsgraph_nlp::Reader;

fn reader() -> &'static Reader {
    static READER: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
    READER.get_or_init(|| Reader::load(&DataFiles::Embedded).expect("data loads"))
}

fn agents(text: &str, lang: &str) -> Vec<(String, String)> {
    reader()
        .mentions_in(text, lang)
        .into_iter()
        .filter(|m| m.kind == EntityKind::Agent)
        .map(|m| (m.text.clone(), m.entity.clone()))
        .collect()
}

fn has_agent(text: &str, lang: &str, surface: &str, entity_contains: &str) {
    let found = agents(text, lang);
    assert!(
        found
            .iter()
            .any(|(t, e)| t == surface && e.contains(entity_contains)),
        "no {surface:?} ({entity_contains}) in {found:?}"
    );
}

#[test]
fn german_and_russian_sector_words_are_generic_actors() {
    has_agent(
        "Die Streikenden blockierten den Hafen.",
        "de",
        "Streikenden",
        "protesters",
    );
    has_agent(
        "Menschenrechtler kritisierten das Urteil.",
        "de",
        "Menschenrechtler",
        "opposition",
    );
    has_agent(
        "Правозащитники осудили приговор.",
        "ru",
        "Правозащитники",
        "opposition",
    );
    // An oblique case from the `agent` rules.
    has_agent(
        "Полиция задержала нескольких активистов.",
        "ru",
        "активистов",
        "opposition",
    );
    has_agent("Беженцы покинули лагерь.", "ru", "Беженцы", "refugees");
}
