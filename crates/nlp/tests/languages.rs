//! Real-style news sentences in each of the six languages: the entities each must yield.

use armsgraph_kb::DataFiles;
use armsgraph_model::{EntityKind, LinkMethod, Mention};
use armsgraph_nlp::Reader;

fn reader() -> &'static Reader {
    static READER: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
    READER.get_or_init(|| Reader::load(&DataFiles::Embedded).expect("data loads"))
}

fn find<'a>(ms: &'a [Mention], surface: &str, entity: &str) -> &'a Mention {
    ms.iter()
        .find(|m| m.text == surface && m.entity == entity)
        .unwrap_or_else(|| {
            panic!(
                "no {surface:?} → {entity} in {:#?}",
                ms.iter().map(|m| (&m.text, &m.entity)).collect::<Vec<_>>()
            )
        })
}

fn absent(ms: &[Mention], entity: &str) {
    assert!(
        !ms.iter().any(|m| m.entity == entity),
        "unexpected {entity}: {ms:#?}"
    );
}

#[test]
fn german_inflection_compounds_and_office_holders() {
    let ms = reader().mentions_in(
        "Der russische Präsident Wladimir Putin traf in Minsk den belarussischen Machthaber \
         Alexander Lukaschenko; die OVKS-Staaten kündigten eine gemeinsame Übung an.",
        "de",
    );
    assert_eq!(find(&ms, "russische", "RUS").method, LinkMethod::Inflection);
    find(&ms, "Wladimir Putin", "person:vladimir-putin");
    assert_eq!(
        find(&ms, "Wladimir Putin", "RUS").method,
        LinkMethod::OfficeHolder
    );
    find(&ms, "Minsk", "place:minsk");
    find(&ms, "belarussischen", "BLR");
    find(&ms, "Alexander Lukaschenko", "person:alexander-lukashenko");
    assert_eq!(
        find(&ms, "OVKS-Staaten", "CSTO").method,
        LinkMethod::Compound
    );
}

#[test]
fn english_ambiguous_names_follow_context() {
    let ms = reader().mentions_in(
        "Georgia's governor signed the bill in Atlanta on Tuesday.",
        "en",
    );
    absent(&ms, "GEO");
    let ms = reader().mentions_in(
        "Georgia accused Russia of tightening its grip on Abkhazia, the Georgian foreign ministry said.",
        "en",
    );
    assert!(!find(&ms, "Georgia", "GEO").reason.is_empty());
    find(&ms, "Russia", "RUS");
    find(&ms, "Abkhazia", "place:abkhazia");
    let ms = reader().mentions_in("Michael Jordan said he would never play in Jordan.", "en");
    assert_eq!(ms.iter().filter(|m| m.entity == "JOR").count(), 1);
    let ms = reader().mentions_in(
        "Russian President Vladimir Putin met Azerbaijani leader Ilham Aliyev in Moscow; the U.S. and the EU were not invited.",
        "en",
    );
    find(&ms, "Russian", "RUS");
    find(&ms, "Ilham Aliyev", "AZE");
    find(&ms, "U.S", "USA");
    find(&ms, "EU", "EU");
    // Lower-case common words are not names: `us` is a pronoun, `turkey` a bird.
    let ms = reader().mentions_in("Let us roast a turkey.", "en");
    assert!(ms.is_empty(), "{ms:#?}");
}

#[test]
fn russian_case_endings_and_context_people() {
    let ms = reader().mentions_in(
        "Президент России Владимир Путин провёл переговоры с Ильхамом Алиевым в Москве. \
         Военный аналитик Иван Петров сказал, что ОДКБ не поможет Армении.",
        "ru",
    );
    find(&ms, "России", "RUS");
    find(&ms, "Ильхамом Алиевым", "person:ilham-aliyev");
    find(&ms, "Москве", "place:moscow");
    find(&ms, "ОДКБ", "CSTO");
    assert_eq!(find(&ms, "Армении", "ARM").method, LinkMethod::Inflection);
    let petrov = find(&ms, "Иван Петров", "person:иван-петров");
    assert_eq!(petrov.method, LinkMethod::Context);
}

#[test]
fn ukrainian_case_endings() {
    let ms = reader().mentions_in(
        "Президент України Володимир Зеленський заявив, що Росія вдарила по Києву балістичними ракетами, а білоруські війська стоять на кордоні.",
        "uk",
    );
    find(&ms, "України", "UKR");
    find(&ms, "Володимир Зеленський", "person:volodymyr-zelensky");
    find(&ms, "Росія", "RUS");
    find(&ms, "ракетами", "weapon-category:missiles");
    find(&ms, "білоруські", "BLR");
}

#[test]
fn french_agreement_and_elision() {
    let ms = reader().mentions_in(
        "Le président azerbaïdjanais Ilham Aliev a rencontré à Bruxelles des responsables de l'UE et de l'OTAN, \
         tandis que les forces arméniennes restaient en alerte, selon l'AFP.",
        "fr",
    );
    find(&ms, "azerbaïdjanais", "AZE");
    find(&ms, "Ilham Aliev", "person:ilham-aliyev");
    find(&ms, "Bruxelles", "place:brussels");
    find(&ms, "UE", "EU");
    find(&ms, "OTAN", "NATO");
    assert_eq!(
        find(&ms, "arméniennes", "ARM").method,
        LinkMethod::Inflection
    );
    assert_eq!(find(&ms, "AFP", "AFP").kind, EntityKind::Organisation);
}

#[test]
fn spanish_agreement_and_apposition() {
    let reader = reader();
    let doc = armsgraph_model::Document {
        text: "El primer ministro armenio, Nikol Pashinián, acusó a Azerbaiyán de atacar posiciones armenias en Syunik con drones, según Reuters.".into(),
        ..Default::default()
    };
    let sentences = armsgraph_nlp::segment::sentences(&doc.text, &[], "es");
    let found = reader.read_entities(&doc, &sentences, "es");
    let ms = &found.mentions;
    find(ms, "armenio", "ARM");
    find(ms, "Nikol Pashinián", "person:nikol-pashinyan");
    find(ms, "Azerbaiyán", "AZE");
    assert_eq!(find(ms, "armenias", "ARM").method, LinkMethod::Inflection);
    find(ms, "Syunik", "place:syunik");
    find(ms, "drones", "weapon-category:drones");
    find(ms, "Reuters", "REUTERS");
}
