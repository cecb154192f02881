//! Parties read from sentence structure (stop 21, docs/notes/news-eval.md): the syntax
//! layer's cases, voice and coordination, without a whole parse. Sentences of our own; each
//! word's part of speech and features are written by hand, so the reading is tested, not the
//! tagger. The reader turns every stop-21 mechanism on in Russian and German, whatever the
//! shipped files keep.

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

const ON: &[(&str, &str)] = &[
    ("ru.toml", "subject_cases = [\"Nom\"]"),
    ("ru.toml", "agent_cases = [\"Ins\"]"),
    ("ru.toml", "agent_phrases = [\"со стороны\"]"),
    ("ru.toml", "noun_agent_cases = [\"Gen\"]"),
    ("ru.toml", "coordinated_parties = true"),
    ("de.toml", "agent_phrases = [\"seitens\"]"),
    ("de.toml", "noun_agent_cases = [\"Gen\"]"),
    ("de.toml", "coordinated_parties = true"),
];

fn reader() -> EventReader {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(write_rules);
    EventReader::load(&DataFiles::dir(dir)).expect("rules")
}

/// The shipped hand rules (no vocabularies) with the mechanisms above set where the file
/// does not set them already.
fn write_rules() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("armsgraph-structure-{}", std::process::id()));
    let events = dir.join("events");
    std::fs::create_dir_all(&events).expect("temp dir");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/events");
    for entry in std::fs::read_dir(&src).expect("data/events") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            continue;
        }
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("read");
        let mut on = String::new();
        for (file, line) in ON {
            let key = line.split(' ').next().unwrap_or_default();
            if *file == name && !text.lines().any(|l| l.starts_with(key)) {
                on.push_str(line);
                on.push('\n');
            }
        }
        let text = text.replacen("[grammar]\n", &format!("[grammar]\n{on}"), 1);
        std::fs::write(events.join(&name), text).expect("write");
    }
    dir
}

#[test]
fn a_russian_nominative_after_the_verb_is_its_subject() {
    // Object first, subject last: the accusative before the verb does not act.
    let ex = read(
        "ru",
        "Вчера Грузию атаковала Колония.",
        &[m("Грузию", "GEO", State), m("Колония", "KOL", State)],
        "Вчера/ADV Грузию/PROPN/Case=Acc атаковала/VERB/_/атаковать Колония/PROPN/Case=Nom ./PUNCT",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["KOL"]);
    // Not read yet (stop 21, "Left"): an object before a post-verbal subject, or past the
    // subject's conjunct, is no recipient; it is never taken as the actor either.
    assert!(!ids(&e.actors).contains(&"GEO"), "{:?}", e.actors);
}

#[test]
fn a_genitive_name_stands_in_the_case_of_its_head_noun() {
    // `МИД Колонии` after the verb: the ministry (nominative) acts for its state.
    let ex = read(
        "ru",
        "Японию осудил МИД Колонии.",
        &[m("Японию", "JPN", State), m("Колонии", "KOL", State)],
        "Японию/PROPN/Case=Acc осудил/VERB/_/осудить МИД/PROPN/Case=Nom Колонии/PROPN/Case=Gen ./PUNCT",
    );
    let e = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&e.actors), ["KOL"]);
    // Not read yet (stop 21, "Left"): an object before a post-verbal subject, or past the
    // subject's conjunct, is no recipient; it is never taken as the actor either.
    assert!(!ids(&e.actors).contains(&"JPN"), "{:?}", e.actors);
}

#[test]
fn a_russian_short_passive_takes_its_agent_from_the_instrumental() {
    let ex = read(
        "ru",
        "Грузия атакована Колонией.",
        &[m("Грузия", "GEO", State), m("Колонией", "KOL", State)],
        "Грузия/PROPN/Case=Nom атакована/VERB/Voice=Pass/атаковать Колонией/PROPN/Case=Ins ./PUNCT",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["KOL"]);
    assert_eq!(ids(&e.recipients), ["GEO"]);
}

#[test]
fn so_storony_names_the_author_of_a_noun_trigger() {
    let ex = read(
        "ru",
        "Продолжаются нападения со стороны Колонии на Грузию.",
        &[m("Колонии", "KOL", State), m("Грузию", "GEO", State)],
        "Продолжаются/VERB нападения/NOUN/Case=Nom/нападение со/ADP стороны/NOUN/Case=Gen Колонии/PROPN/Case=Gen на/ADP Грузию/PROPN/Case=Acc ./PUNCT",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["KOL"]);
    assert_eq!(ids(&e.recipients), ["GEO"]);
}

#[test]
fn the_genitive_after_a_request_noun_is_who_asks() {
    let ex = read(
        "ru",
        "Призыв Колонии к Грузии остался без ответа.",
        &[m("Колонии", "KOL", State), m("Грузии", "GEO", State)],
        "Призыв/NOUN/Case=Nom/призыв Колонии/PROPN/Case=Gen к/ADP Грузии/PROPN/Case=Dat остался/VERB без/ADP ответа/NOUN/Case=Gen ./PUNCT",
    );
    let e = of_type(&ex, EventType::Request);
    assert_eq!(ids(&e.actors), ["KOL"]);
    assert_eq!(ids(&e.recipients), ["GEO"]);
}

#[test]
fn coordinated_subjects_after_the_verb_both_act() {
    let ex = read(
        "ru",
        "Японию осудили Колония и Грузия.",
        &[
            m("Японию", "JPN", State),
            m("Колония", "KOL", State),
            m("Грузия", "GEO", State),
        ],
        "Японию/PROPN/Case=Acc осудили/VERB/_/осудить Колония/PROPN/Case=Nom и/CCONJ Грузия/PROPN/Case=Nom ./PUNCT",
    );
    // Stop 30: one act per coordinated actor (`extract::distribute_conjuncts`).
    let acts = actors_each(&ex, EventType::Accuse);
    assert_eq!(acts, [vec!["KOL"], vec!["GEO"]]);
    // Not read yet (stop 21, "Left"): an object before a post-verbal subject, or past the
    // subject's conjunct, is no recipient; it is never taken as the actor either.
}

/// The actors of each event of type `t`, in order.
fn actors_each(ex: &Extraction, t: EventType) -> Vec<Vec<&str>> {
    events_of_type(ex, t)
        .into_iter()
        .map(|e| ids(&e.actors))
        .collect()
}

#[test]
fn coordinated_objects_are_both_attacked() {
    let ex = read(
        "ru",
        "Колония атаковала Грузию и Японию.",
        &[
            m("Колония", "KOL", State),
            m("Грузию", "GEO", State),
            m("Японию", "JPN", State),
        ],
        "Колония/PROPN/Case=Nom атаковала/VERB/_/атаковать Грузию/PROPN/Case=Acc и/CCONJ Японию/PROPN/Case=Acc ./PUNCT",
    );
    // Stop 30: one attack per coordinated target (`extract::distribute_conjuncts`).
    let attacks: Vec<(Vec<&str>, Vec<&str>)> = events_of_type(&ex, EventType::Assault)
        .into_iter()
        .map(|e| (ids(&e.actors), ids(&e.recipients)))
        .collect();
    assert_eq!(
        attacks,
        [(vec!["KOL"], vec!["GEO"]), (vec!["KOL"], vec!["JPN"])]
    );
}

#[test]
fn german_v2_inversion_keeps_both_coordinated_subjects() {
    let ex = read(
        "de",
        "Am Montag griffen Kolonien und Georgien die Ukraine an.",
        &[
            m("Kolonien", "KOL", State),
            m("Georgien", "GEO", State),
            m("Ukraine", "UKR", State),
        ],
        "Am/ADP Montag/NOUN/Case=Dat griffen/VERB/_/greifen Kolonien/PROPN/Case=Nom und/CCONJ Georgien/PROPN/Case=Nom die/DET/Case=Acc Ukraine/PROPN/Case=Acc an/ADP ./PUNCT",
    );
    // Stop 30: one attack per coordinated attacker (`extract::distribute_conjuncts`).
    let acts = actors_each(&ex, EventType::Assault);
    assert_eq!(acts, [vec!["KOL"], vec!["GEO"]]);
    // Not read yet (stop 21, "Left"): an object before a post-verbal subject, or past the
    // subject's conjunct, is no recipient; it is never taken as the actor either.
}

#[test]
fn seitens_names_the_author_in_german() {
    let ex = read(
        "de",
        "Die Regierung verurteilte Angriffe seitens Koloniens auf Georgien.",
        &[m("Koloniens", "KOL", State), m("Georgien", "GEO", State)],
        "Die/DET/Case=Nom Regierung/NOUN/Case=Nom verurteilte/VERB/_/verurteilen Angriffe/NOUN/Case=Acc/angriff seitens/ADP Koloniens/PROPN/Case=Gen auf/ADP Georgien/PROPN/Case=Acc ./PUNCT",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["KOL"]);
    assert_eq!(ids(&e.recipients), ["GEO"]);
}

#[test]
fn a_german_genitive_after_a_request_noun_is_who_asks() {
    let ex = read(
        "de",
        "Die Forderung Koloniens an Georgien blieb unbeantwortet.",
        &[m("Koloniens", "KOL", State), m("Georgien", "GEO", State)],
        "Die/DET/Case=Nom Forderung/NOUN/Case=Nom/forderung Koloniens/PROPN/Case=Gen an/ADP Georgien/PROPN/Case=Acc blieb/VERB unbeantwortet/ADJ ./PUNCT",
    );
    let e = of_type(&ex, EventType::Request);
    assert_eq!(ids(&e.actors), ["KOL"]);
    assert_eq!(ids(&e.recipients), ["GEO"]);
}

#[test]
fn an_attack_without_a_named_target_is_aimed_at_the_state_of_its_place() {
    // The shipped rules and knowledge base: Kharkiv lies in Ukraine.
    let reader = EventReader::load(&DataFiles::Embedded).expect("embedded data");
    let mut ex = with_morphology(
        extraction(
            "doc",
            "ru",
            None,
            "Колония атаковала Харьков.",
            &[
                m("Колония", "KOL", State),
                m("Харьков", "place:kharkiv", Place),
            ],
            &[],
        ),
        "Колония/PROPN/Case=Nom атаковала/VERB/_/атаковать Харьков/PROPN/Case=Acc ./PUNCT",
    );
    reader.annotate(&mut ex);
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&e.actors), ["KOL"]);
    assert_eq!(ids(&e.recipients), ["UKR"]);
}
