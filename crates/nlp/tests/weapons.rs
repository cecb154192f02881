//! Weapon systems of the knowledge base (`data/kb/curated/weapons.tsv`) on sentences of our
//! own: the systems link in every language by their designations, and a short name that is an
//! ordinary word (`Grad`, `Tor`, `Puma`, `Оса`) never links on its own
//! (`data/kb/curated/weapon-guard.tsv`).

use armsgraph_kb::DataFiles;
use armsgraph_model::{EntityKind, Mention};
use armsgraph_nlp::Reader;

fn reader() -> &'static Reader {
    static READER: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
    READER.get_or_init(|| Reader::load(&DataFiles::Embedded).expect("data loads"))
}

fn weapons(ms: &[Mention]) -> Vec<(&str, &str)> {
    ms.iter()
        .filter(|m| m.kind == EntityKind::WeaponSystem)
        .map(|m| (m.text.as_str(), m.entity.as_str()))
        .collect()
}

fn has(ms: &[Mention], entity: &str) {
    assert!(
        ms.iter().any(|m| m.entity == entity),
        "no {entity} in {:?}",
        weapons(ms)
    );
}

fn no_weapon(ms: &[Mention]) {
    assert!(weapons(ms).is_empty(), "unexpected {:?}", weapons(ms));
}

#[test]
fn a_thousand_systems_with_category_producer_and_source() {
    let kb = reader().kb();
    let systems: Vec<_> = kb.entities_of_kind(EntityKind::WeaponSystem).collect();
    assert!(systems.len() >= 1000, "{} systems", systems.len());
    for s in &systems {
        let category = s.category.as_deref().unwrap_or_default();
        assert!(
            kb.entity(category)
                .is_some_and(|c| c.kind == EntityKind::WeaponCategory),
            "{} has no known category",
            s.id
        );
        let country = s.country.as_deref().unwrap_or_default();
        assert!(
            kb.entity(country)
                .is_some_and(|c| c.kind == EntityKind::State),
            "{} has no producer state",
            s.id
        );
        assert!(s.note.contains("en.wikipedia: "), "{} has no source", s.id);
    }
    let tor = kb.entity("weapon:tor").expect("Tor");
    assert_eq!(tor.country.as_deref(), Some("RUS"));
    assert_eq!(
        kb.weapon_category("weapon:neptune"),
        Some("weapon-category:anti-ship-missiles")
    );
}

#[test]
fn common_words_do_not_link_in_english() {
    no_weapon(&reader().mentions_in(
        "Patriot Day was marked in the town, and a puma was seen near the storm drain.",
        "en",
    ));
    no_weapon(&reader().mentions_in(
        "The Lancet published the study; a Tiger and a Leopard were born at the zoo.",
        "en",
    ));
    // A title-case name that opens a sentence is not read as a weapon …
    no_weapon(&reader().mentions_in("Javelin throwers met in the final.", "en"));
}

#[test]
fn designations_link_in_english() {
    let ms = reader().mentions_in(
        "The government will send Patriot missiles, Puma infantry fighting vehicles and \
         Leopard 2 tanks, and the army fired a Javelin at a T-72B3.",
        "en",
    );
    has(&ms, "weapon:patriot");
    has(&ms, "weapon:puma-ifv");
    has(&ms, "weapon:leopard-2");
    has(&ms, "weapon:javelin");
    has(&ms, "weapon:t-72");
    // … but opens one before a category word.
    let ms = reader().mentions_in("Lancet drones struck the bridge.", "en");
    has(&ms, "weapon:lancet");
}

#[test]
fn common_words_do_not_link_in_german() {
    no_weapon(&reader().mentions_in(
        "Das Tor fiel bei zehn Grad in der letzten Minute, der Puma und der Leopard schliefen.",
        "de",
    ));
    no_weapon(&reader().mentions_in(
        "Der Marder lief über die Straße, ein Boxer gewann den Kampf.",
        "de",
    ));
}

#[test]
fn designations_link_in_german() {
    let ms = reader().mentions_in(
        "Das Land erhielt Leopard-2-Panzer, Schützenpanzer Puma und Patriot-Systeme; der \
         Gegner setzte BM-21 Grad und Tor-M2 ein.",
        "de",
    );
    has(&ms, "weapon:leopard-2");
    has(&ms, "weapon:puma-ifv");
    has(&ms, "weapon:patriot");
    has(&ms, "weapon:grad");
    has(&ms, "weapon:tor");
}

#[test]
fn common_words_do_not_link_in_russian() {
    no_weapon(&reader().mentions_in("Оса ужалила ребёнка, а град повредил урожай.", "ru"));
    // A name at the start of a sentence is an ordinary capitalised word (`бук`, beech).
    no_weapon(&reader().mentions_in("Бук рос у самой дороги.", "ru"));
}

#[test]
fn designations_link_in_russian() {
    let ms = reader().mentions_in(
        "Военные применили комплекс Тор-М2, ЗРК Бук-М2 и РСЗО БМ-21, а также ракеты Искандер-М.",
        "ru",
    );
    has(&ms, "weapon:tor");
    has(&ms, "weapon:buk");
    has(&ms, "weapon:grad");
    has(&ms, "weapon:iskander");
    // Inflected: the gazetteer's case endings apply to weapon names too.
    let ms = reader().mentions_in(
        "Армия получила новые Хаймарсы и несколько Байрактаров.",
        "ru",
    );
    has(&ms, "weapon:himars");
    has(&ms, "weapon:bayraktar-tb2");
}

#[test]
fn quoted_names_after_their_type_link_in_russian_and_ukrainian() {
    // Russian and Ukrainian put the name in quotes after the system's type.
    let ms = reader().mentions_in(
        "Армия применила РСЗО «Град» и ЗРК «Тор», а также ракеты «Искандер».",
        "ru",
    );
    has(&ms, "weapon:grad");
    has(&ms, "weapon:tor");
    has(&ms, "weapon:iskander");
    let ms = reader().mentions_in("Сили ППО знищили дрони «Герань» біля міста.", "uk");
    has(&ms, "weapon:shahed-136");
    // The word alone stays a word.
    no_weapon(&reader().mentions_in("Вчера прошёл сильный Град, а Тор — бог грома.", "ru"));
}
