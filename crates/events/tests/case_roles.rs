//! Parties read locally from the syntax layer's morphology in German and Russian (no whole
//! parse: `read_parse` stays off there): a name in an object case right after the trigger,
//! and a preposition's look-back that stops at a phrase closed before the name. Sentences of
//! our own; the words' features are written by hand, so the reading is tested, not the tagger.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

fn read(lang: &str, text: &str, mentions: &[M], words: &str) -> Extraction {
    let mut ex = with_morphology(extraction("doc", lang, None, text, mentions, &[]), words);
    reader().annotate(&mut ex);
    ex
}

/// The shipped rules with the case reads and the phrase-bounded look-back on in German and
/// Russian (the shipped files leave off what did not change the dev split).
fn reader() -> EventReader {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(write_rules);
    EventReader::load(&DataFiles::dir(dir)).expect("rules")
}

fn write_rules() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("armsgraph-case-roles-{}", std::process::id()));
    let events = dir.join("events");
    std::fs::create_dir_all(&events).expect("temp dir");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/events");
    for entry in std::fs::read_dir(&src).expect("data/events") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            // `vocab/`: these tests read the hand rules' mechanisms alone.
            continue;
        }
        let name = path.file_name().expect("name").to_owned();
        let text = std::fs::read_to_string(&path).expect("read");
        let mut on = String::new();
        for line in [
            "phrase_bounded_lookback = true",
            "noun_object_cases = [\"Gen\"]",
            "verb_object_cases = [\"Dat\", \"Acc\"]",
        ] {
            let key = line.split(' ').next().unwrap_or_default();
            let set = text.lines().any(|l| l.starts_with(key));
            if !set && (name == "de.toml" || name == "ru.toml") {
                on.push_str(line);
                on.push('\n');
            }
        }
        let text = text.replacen("[grammar]\n", &format!("[grammar]\n{on}"), 1);
        std::fs::write(events.join(name), text).expect("write");
    }
    dir
}

#[test]
fn a_genitive_after_a_german_noun_trigger_is_who_it_is_done_to() {
    let ex = read(
        "de",
        "Die Behörden meldeten die Festnahme des Journalisten Jan Falk.",
        &[m("Jan Falk", "person:jan-falk", Person)],
        "Die/DET/Case=Nom Behörden/NOUN/Case=Nom meldeten/VERB/_/melden die/DET/Case=Acc Festnahme/NOUN/Case=Acc/festnahme des/DET/Case=Gen Journalisten/NOUN/Case=Gen Jan/PROPN/Case=Gen Falk/PROPN/Case=Gen ./PUNCT",
    );
    let e = of_type(&ex, EventType::Coerce);
    assert_eq!(ids(&e.recipients), ["person:jan-falk"]);
}

#[test]
fn a_nominative_after_a_trigger_is_not_taken_as_its_undergoer() {
    // V2 inversion: the subject follows the verb; it is not what the act is done to.
    let ex = read(
        "de",
        "Am Montag nahm Kolonien den Reporter fest.",
        &[m("Kolonien", "KOL", State)],
        "Am/ADP Montag/NOUN/Case=Dat nahm/VERB/_/nehmen Kolonien/PROPN/Case=Nom den/DET/Case=Acc Reporter/NOUN/Case=Acc fest/ADP",
    );
    let e = of_type(&ex, EventType::Coerce);
    assert!(e.recipients.is_empty(), "{:?}", e.recipients);
}

#[test]
fn a_russian_genitive_after_an_arrest_noun_is_the_arrested() {
    let ex = read(
        "ru",
        "Суд одобрил арест Ивана Петрова.",
        &[m("Ивана Петрова", "person:ivan-petrov", Person)],
        "Суд/NOUN/Case=Nom одобрил/VERB арест/NOUN/Case=Acc/арест Ивана/PROPN/Case=Gen Петрова/PROPN/Case=Gen ./PUNCT",
    );
    let e = of_type(&ex, EventType::Coerce);
    assert_eq!(ids(&e.recipients), ["person:ivan-petrov"]);
}

#[test]
fn a_time_phrase_closes_the_german_preposition_before_the_actor() {
    // `am Samstag Demonstranten`: `am` governs `Samstag`, not the protesters, so they can
    // act.
    let ex = read(
        "de",
        "In der Hauptstadt griffen am Samstag Demonstranten die Polizei an.",
        &[
            m("Demonstranten", "protesters", Agent),
            m("Polizei", "KOL.police", Agent),
        ],
        "In/ADP der/DET/Case=Dat Hauptstadt/NOUN/Case=Dat griffen/VERB/_/greifen am/ADP Samstag/NOUN/Case=Dat Demonstranten/NOUN/Case=Nom die/DET/Case=Acc Polizei/NOUN/Case=Acc an/ADP",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["protesters"]);
}
