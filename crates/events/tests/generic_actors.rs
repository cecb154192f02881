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
    // The police take part as their state (the mention `Indian`); the protesters are placed
    // in the only state the report names (`agents::place_focus`, stop 24), not taken as it.
    assert_eq!(ids(&arrest.actors), ["IND"]);
    assert_eq!(ids(&arrest.recipients), ["IND.protesters"]);
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

/// The extraction of `read`, with the syntax layer's lemmas for the words given (every other
/// word its own lemma), as the syntax stage writes them.
fn read_with_lemmas(lang: &str, text: &str, mentions: &[M], lemmas: &[(&str, &str)]) -> Extraction {
    let mut ex = extraction("doc", lang, None, text, mentions, &[]);
    let mut words = Vec::new();
    let mut offset = 0;
    for (i, c) in text.char_indices() {
        let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
        let boundary = c.is_whitespace() || c == '.' || c == ',';
        if boundary || end == text.len() {
            let stop = if boundary { i } else { end };
            let form = &text[offset..stop];
            if !form.is_empty() {
                let start = text[..offset].chars().count();
                let lemma = lemmas
                    .iter()
                    .find(|(f, _)| *f == form)
                    .map_or(form.to_lowercase(), |(_, l)| l.to_string());
                words.push(SyntaxWord {
                    span: Span::new(start, start + form.chars().count()),
                    form: form.to_string(),
                    lemma,
                    upos: "X".into(),
                    feats: "_".into(),
                    head: None,
                    deprel: None,
                });
            }
            offset = end;
        }
    }
    ex.syntax = vec![SentenceSyntax { sentence: 0, words }];
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    ex
}

#[test]
fn rebels_of_a_state_fight_its_forces_they_are_not_the_state() {
    let mut ex = extraction(
        "doc",
        "en",
        None,
        "Syrian rebels fought government troops in Damascus on Tuesday.",
        &[
            m("Syrian", "SYR", State),
            m("rebels", "SYR.rebels", Agent),
            m("government troops", "military", Agent),
            m("Damascus", "place:damascus", Place),
        ],
        &[],
    );
    for e in ex.entities.iter_mut().filter(|e| e.entity == "SYR.rebels") {
        e.country = Some("SYR".into());
    }
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    let fight = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Assault)
        .unwrap_or_else(|| panic!("no assault: {:#?}", ex.events));
    // The rebels act (as Syrian rebels, not as Syria); the troops, located by the place of
    // the sentence, are the state's forces and so the state.
    assert_eq!(ids(&fight.actors), ["SYR.rebels"]);
    assert_eq!(ids(&fight.recipients), ["SYR"]);
}

#[test]
fn a_trigger_is_found_by_its_lemma_and_protesters_take_the_place_state() {
    let ex = read_with_lemmas(
        "de",
        "Demonstranten demonstrierten am Samstag in Berlin gegen den Krieg.",
        &[
            m("Berlin", "place:berlin", Place),
            m("Demonstranten", "protesters", Agent),
        ],
        &[("demonstrierten", "demonstrieren")],
    );
    let protest = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Protest)
        .unwrap_or_else(|| panic!("no protest: {:#?}", ex.events));
    assert_eq!(ids(&protest.actors), ["DEU.protesters"]);
}

#[test]
fn without_a_place_or_a_clear_focus_a_generic_actor_keeps_no_state() {
    let ex = read_with_lemmas(
        "de",
        "Demonstranten demonstrierten am Samstag gegen Russland und die Ukraine.",
        &[
            m("Demonstranten", "protesters", Agent),
            m("Russland", "RUS", State),
            m("Ukraine", "UKR", State),
        ],
        &[("demonstrierten", "demonstrieren")],
    );
    let protest = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Protest)
        .unwrap_or_else(|| panic!("no protest: {:#?}", ex.events));
    assert_eq!(ids(&protest.actors), ["protesters"]);
}

/// Stop 27: `commit*`/`consult*` no longer match the nouns for a body or a person
/// (`committee`, `consultant`): they name no agreement and no meeting.
#[test]
fn a_committee_or_a_consultant_is_no_agreement_or_meeting() {
    let ex = read(
        "A Borovian committee detained a consultant of Arland.",
        &[m("Borovian", "BOR", State), m("Arland", "ARL", State)],
    );
    assert!(
        !ex.events
            .iter()
            .any(|e| matches!(e.event_type, EventType::Agree | EventType::Consult)),
        "{:?}",
        ex.events
    );
}

/// Stop 32: in a story about two states (no clear focus), a generic actor whose sentence
/// names no place is placed where the sentence before put the scene (`agents::locate`, the
/// last of its places in the two sentences before).
#[test]
fn a_generic_actor_takes_the_scene_of_the_sentence_before_when_the_story_has_no_focus() {
    let ex = read(
        "Arcadia and Borenia have argued for years. Borenia and Arcadia are talking. \
         Thousands marched in Arcadia on Monday. Protesters demanded the resignation of the cabinet.",
        &[
            m("Arcadia", "XAR", State),
            m("Borenia", "XBO", State),
            m("Protesters", "protesters", Agent),
        ],
    );
    let request = of_type(&ex, EventType::Request);
    assert_eq!(ids(&request.actors), ["XAR.protesters"], "{:#?}", ex.events);
}

/// A scene further back than that does not carry over.
#[test]
fn a_scene_three_sentences_back_places_no_generic_actor() {
    let ex = read(
        "Thousands marched in Arcadia on Monday. Arcadia and Borenia have argued for years. \
         Borenia and Arcadia are talking. The talks are slow. Protesters demanded the resignation of the cabinet.",
        &[
            m("Arcadia", "XAR", State),
            m("Borenia", "XBO", State),
            m("Protesters", "protesters", Agent),
        ],
    );
    for e in events_of_type(&ex, EventType::Request) {
        assert_eq!(ids(&e.actors), ["protesters"], "{e:?}");
    }
}

#[test]
fn a_groups_own_wing_is_the_group_acting() {
    // Stop 36: `Hamas' military wing`, `Hamas's military wing`: the possessor acts.
    for (text, front) in [
        (
            "The Bordurian Front's military wing attacked Ruritania.",
            "Bordurian Front",
        ),
        (
            "The Bordurian Fronts' military wing attacked Ruritania.",
            "Bordurian Fronts",
        ),
    ] {
        let ex = read(
            text,
            &[
                m(front, "group:bordurian-front", Organisation),
                m("military wing", "militants", Agent),
                m("Ruritania", "RUR", State),
            ],
        );
        let attack = of_type(&ex, EventType::Assault);
        assert_eq!(ids(&attack.actors), ["group:bordurian-front"], "{text}");
        assert_eq!(ids(&attack.recipients), ["RUR"], "{text}");
    }
}

/// A force named with its state once and bare after (`Arcadian soldiers` … `the army`) is
/// that state's, even where the sentence names another state's place: the place says where,
/// not whose army (`agents::antecedent_state`). A bare sector with no such antecedent keeps
/// the scene's state.
#[test]
fn a_bare_force_is_the_state_it_was_named_with_before() {
    let mut ex = extraction(
        "doc",
        "en",
        None,
        "Arcadian soldiers entered Borenia on Monday. In Borenia, gunmen fired at the army.",
        &[
            m("Arcadian", "XAR", State),
            m("soldiers", "XAR.military", Agent),
            m("Borenia", "XBO", State),
            m("gunmen", "militants", Agent),
            m("army", "military", Agent),
        ],
        &[],
    );
    for e in ex.entities.iter_mut().filter(|e| e.kind == Agent) {
        let (country, sector) = e.entity.split_once('.').unwrap_or(("", &e.entity));
        e.sector = Some(sector.to_string());
        e.country = (!country.is_empty()).then(|| country.to_string());
    }
    let ex = annotate(ex);
    let attack = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&attack.actors), ["XBO.militants"], "{:#?}", ex.events);
    assert_eq!(ids(&attack.recipients), ["XAR"], "{:#?}", ex.events);
}

/// Stop 37: `hit` is an act of force with a weapon or a force in the sentence (`drones hit`),
/// never in its figurative senses (`hit hard by sanctions`). Made-up states.
#[test]
fn drones_hitting_a_state_attack_it_sanctions_hitting_an_economy_do_not() {
    let ex = read(
        "Arcadian drones hit Borenia overnight.",
        &[m("Arcadian", "XAR", State), m("Borenia", "XBO", State)],
    );
    let attack = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&attack.actors), ["XAR"], "{:#?}", ex.events);
    assert_eq!(ids(&attack.recipients), ["XBO"], "{:#?}", ex.events);
    let ex = read(
        "Arcadia was hit hard by sanctions from Borenia and its drones industry.",
        &[m("Arcadia", "XAR", State), m("Borenia", "XBO", State)],
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:#?}",
        ex.events
    );
}

/// Stop 37 (issue 12, class 1): `Iranian-made drones hit Ukrainian cities` is an attack on
/// Ukraine by whoever used the drones; the state where they were made (`-made`, `-supplied`:
/// `origin_words`) is no party. Made-up states.
#[test]
fn the_state_a_weapon_was_made_in_is_no_party_of_its_use() {
    let ex = read(
        "Arcadian-made drones hit Borenia overnight.",
        &[m("Arcadian-made", "XAR", State), m("Borenia", "XBO", State)],
    );
    let attack = of_type(&ex, EventType::Assault);
    assert!(attack.actors.is_empty(), "{:#?}", ex.events);
    assert_eq!(ids(&attack.recipients), ["XBO"], "{:#?}", ex.events);
    let ex = read(
        "Corland used Arcadian-made drones against Borenia.",
        &[
            m("Corland", "XCO", State),
            m("Arcadian-made", "XAR", State),
            m("Borenia", "XBO", State),
        ],
    );
    let attack = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&attack.actors), ["XCO"], "{:#?}", ex.events);
    assert_eq!(ids(&attack.recipients), ["XBO"], "{:#?}", ex.events);
}
