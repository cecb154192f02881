//! People the knowledge base does not know, found from their context (`people.rs`): a role
//! noun that a generic actor covers, a rank, an apposition naming a place, a genitive
//! acronym between role and name, a given name of two romanised syllables. Sentences and
//! names of our own (made up), so no gold item is in them.

use armsgraph_kb::DataFiles;
use armsgraph_model::{EntityKind, Mention};
use armsgraph_nlp::Reader;

fn reader() -> &'static Reader {
    static READER: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
    READER.get_or_init(|| Reader::load(&DataFiles::Embedded).expect("data loads"))
}

fn persons(ms: &[Mention]) -> Vec<(&str, &str)> {
    ms.iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| (m.text.as_str(), m.entity.as_str()))
        .collect()
}

fn has_person(text: &str, lang: &str, surface: &str, id: &str) {
    let ms = reader().mentions_in(text, lang);
    assert!(
        persons(&ms).contains(&(surface, id)),
        "no {surface:?} → {id} in {:?}",
        persons(&ms)
    );
}

#[test]
fn a_role_noun_inside_a_generic_actor_still_introduces_the_name() {
    // `Rebel commander` is read as the rebels; `commander` is still the role before the name.
    has_person(
        "Rebel commander Tarik Belmonde, who leads a unit near the river, said supplies were short.",
        "en",
        "Tarik Belmonde",
        "person:tarik-belmonde",
    );
}

#[test]
fn a_military_rank_and_an_apposition_naming_a_place() {
    has_person(
        "Lieutenant Colonel Odile Varga, a Pentagon spokeswoman, denied the report.",
        "en",
        "Odile Varga",
        "person:odile-varga",
    );
    // The apposition alone, with a place before the role noun.
    has_person(
        "Odile Varga, a Pentagon spokeswoman, denied the report.",
        "en",
        "Odile Varga",
        "person:odile-varga",
    );
}

#[test]
fn a_given_name_of_two_syllables_keeps_its_lower_case_half() {
    has_person(
        "The talks failed, Secretary-General Pak Su-min said on Monday.",
        "en",
        "Pak Su-min",
        "person:pak-su-min",
    );
    // A long surname with an English compound after it is no such name.
    let ms = reader().mentions_in(
        "Commander Tarik Belmonde-led units crossed the river, officials said.",
        "en",
    );
    assert!(
        persons(&ms).iter().all(|(t, _)| !t.contains("led")),
        "{:?}",
        persons(&ms)
    );
}

#[test]
fn an_acronym_between_role_and_name_is_the_office_not_the_name() {
    // `замглавы российского МИДа Пётр Сомов`: the acronym is the ministry the role is held
    // in, and it does not start the name.
    has_person(
        "Об этом заявил замглавы российского МИДа Пётр Сомов.",
        "ru",
        "Пётр Сомов",
        "person:petr-somov",
    );
}

fn organisations(ms: &[Mention]) -> Vec<(&str, &str)> {
    ms.iter()
        .filter(|m| m.kind == EntityKind::Organisation)
        .map(|m| (m.text.as_str(), m.entity.as_str()))
        .collect()
}

#[test]
fn an_unknown_name_next_to_an_organisation_noun_is_an_organisation() {
    let ms = reader().mentions_in(
        "Broadcaster Zentra One, citing military sources, reported that the convoy had turned back.",
        "en",
    );
    assert!(
        organisations(&ms).contains(&("Zentra One", "org:zentra-one")),
        "{:?}",
        organisations(&ms)
    );
    let ms = reader().mentions_in(
        "The Kelvaro-Tek security company of Ruritania has reported new attacks.",
        "en",
    );
    assert!(
        organisations(&ms).contains(&("Kelvaro-Tek", "org:kelvaro-tek")),
        "{:?}",
        organisations(&ms)
    );
    let ms = reader().mentions_in(
        "Über die Proteste berichtete die oppositionelle Website Dar-e-Nur.",
        "de",
    );
    assert!(
        organisations(&ms).contains(&("Dar-e-Nur", "org:dar-e-nur")),
        "{:?}",
        organisations(&ms)
    );
}

#[test]
fn a_sentence_opening_word_before_the_noun_is_no_organisation() {
    // `The company` opens the sentence: nothing before the noun is a name.
    let ms = reader().mentions_in("Yesterday company officials denied the report.", "en");
    assert!(organisations(&ms).is_empty(), "{:?}", organisations(&ms));
}

fn no_person(text: &str, lang: &str) {
    let ms = reader().mentions_in(text, lang);
    assert!(
        persons(&ms).is_empty(),
        "persons in {text:?}: {:?}",
        persons(&ms)
    );
}

#[test]
fn a_known_given_name_before_an_unknown_surname_is_a_person_without_a_cue() {
    // No role noun, apposition or speech verb: the given name (data/lang/given_names) alone.
    has_person(
        "Tom Varkalis criticised the plan on Monday.",
        "en",
        "Tom Varkalis",
        "person:tom-varkalis",
    );
    has_person(
        "Am Montag definierte Peter Hollweck die neue Linie.",
        "de",
        "Peter Hollweck",
        "person:peter-hollweck",
    );
    has_person(
        "Иван Заречнов призвал к переговорам.",
        "ru",
        "Иван Заречнов",
        "person:ivan-zarechnov",
    );
    // The given name's ending gives the case, which the surname shares: genitive, so the id is
    // of the nominative `Юрий Заречнов`.
    has_person(
        "Отставка Юрия Заречнова стала неожиданностью.",
        "ru",
        "Юрия Заречнова",
        "person:yuriy-zarechnov",
    );
    // An adjectival surname in the genitive takes the given name's case (`-ого` → `-ый`).
    has_person(
        "Выступление Алексея Добронравного было коротким.",
        "ru",
        "Алексея Добронравного",
        "person:aleksey-dobronravnyy",
    );
}

#[test]
fn places_and_compounds_named_after_a_person_are_no_person() {
    no_person("Clark County opened a new shelter.", "en");
    no_person(
        "Die Demonstranten zogen über die Adolf-Hitler-Brücke.",
        "de",
    );
    // A capitalised particle starts a surname the three-word run may cut: no `Claudine Van`.
    no_person("Claudine Van Den Dorpe rejected the plan.", "en");
}
