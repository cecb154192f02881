//! One id per person and outlet across languages and cases (issues 11, 12): a Russian name in
//! an oblique case gets the id of its nominative, a later one-word mention of a person named
//! in full takes that person's id, German spellings of umlauts and foreign names meet the
//! English ones, and news outlets are organisations of their own. Names are made up (or
//! generic), except the knowledge base's people and outlets the tests link to.

use armsgraph_kb::DataFiles;
use armsgraph_model::{EntityKind, Mention};
use armsgraph_nlp::ner::link::{name_key, transliterate};
use armsgraph_nlp::Reader;

fn reader() -> &'static Reader {
    static READER: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
    READER.get_or_init(|| Reader::load(&DataFiles::Embedded).expect("data loads"))
}

fn ids_of(text: &str, lang: &str, kind: EntityKind) -> Vec<(String, String)> {
    reader()
        .mentions_in(text, lang)
        .into_iter()
        .filter(|m: &Mention| m.kind == kind)
        .map(|m| (m.text, m.entity))
        .collect()
}

fn has(text: &str, lang: &str, kind: EntityKind, surface: &str, id: &str) {
    let found = ids_of(text, lang, kind);
    assert!(
        found.iter().any(|(t, e)| t == surface && e == id),
        "no {surface:?} → {id} in {found:?}"
    );
}

#[test]
fn russian_name_readings_bring_oblique_cases_to_the_nominative() {
    let rules = reader().rules("ru").expect("ru rules");
    // Instrumental: both words end so only in an oblique case.
    assert_eq!(
        rules.name_readings("Игорем Салтыковым")[0],
        "Игорь Салтыков"
    );
    assert_eq!(
        rules.name_readings("Тарасом Бельдыгичем")[0],
        "Тарас Бельдыгич"
    );
    // Genitive: `-ы` is sure, so `-а` of the other word of the same name follows it.
    assert_eq!(rules.name_readings("Аксары Кердпола")[0], "Аксара Кердпол");
    // A feminine name in the nominative is left alone: `-а` alone is no evidence.
    assert_eq!(rules.name_readings("Анна Ковальчук")[0], "Анна Ковальчук");
    assert_eq!(rules.name_readings("Мария Петрова")[0], "Мария Петрова");
    // A role noun before the name gives the case where the name's own endings are unsure.
    let hint = rules.case_of_role_noun("лидера");
    assert_eq!(hint, Some("gen"));
    assert_eq!(
        rules.name_readings_in("Наттавута Сайкыа", hint)[0],
        "Наттавут Сайкыа"
    );
    assert_eq!(
        rules.name_readings_in("Анна Ковальчук", rules.case_of_role_noun("президент"))[0],
        "Анна Ковальчук"
    );
    // Indeclinable foreign names keep their ending.
    assert_eq!(rules.name_readings("Сэйдзи Маэхара")[0], "Сэйдзи Маэхара");
    // Other readings are offered for a knowledge-base lookup.
    assert!(rules
        .name_readings("Виктора Тарасенко")
        .contains(&"Виктор Тарасенко".to_string()));
}

#[test]
fn an_unknown_russian_name_in_the_instrumental_gets_the_id_of_its_nominative() {
    has(
        "Министр встретился с президентом Тарасом Бельдыгиным в пятницу.",
        "ru",
        EntityKind::Person,
        "Тарасом Бельдыгиным",
        "person:taras-beldygin",
    );
}

#[test]
fn a_kb_person_in_an_oblique_case_links_through_the_nominative() {
    // The knowledge base has Viktor Yanukovych in Latin script only.
    has(
        "Премьер договорился с президентом Виктором Януковичем о новом этапе сотрудничества.",
        "ru",
        EntityKind::Person,
        "Виктором Януковичем",
        "person:viktor-yanukovych",
    );
}

#[test]
fn polivanov_and_german_spellings_meet_the_english_key() {
    assert_eq!(name_key("Сэйдзи Маэхара"), name_key("Seiji Maehara"));
    assert_eq!(
        name_key("Friedbert Pflueger"),
        name_key("Friedbert Pflüger")
    );
    assert_eq!(name_key("Walter Schmeling"), name_key("Walter Shmeling"));
    assert_eq!(name_key("Pawel Dorotschenko"), name_key("Pavel Dorochenko"));
    assert_eq!(transliterate("Pflüger", "de"), "Pflueger");
    assert_eq!(transliterate("Pflüger", "en"), "Pfluger");
    // Near names stay apart.
    assert_ne!(name_key("Seiji Maehara"), name_key("Seiko Maehara"));
    assert_ne!(name_key("Anna Mueller"), name_key("Anna Maler"));
    assert_ne!(name_key("Jan Kowalski"), name_key("Ian Kowalski"));
}

#[test]
fn a_german_umlaut_is_spelled_out_in_an_unknown_persons_id() {
    has(
        "Der Abgeordnete Ortwin Grüneberg sagte, die Regierung habe versagt.",
        "de",
        EntityKind::Person,
        "Ortwin Grüneberg",
        "person:ortwin-grueneberg",
    );
}

#[test]
fn a_later_surname_or_given_name_alone_takes_the_persons_id() {
    let text = "The rebels wrote to President Oskar Valmont on Monday. \
                \"We will not stop,\" Valmont said later.";
    let found = ids_of(text, "en", EntityKind::Person);
    assert!(
        found
            .iter()
            .any(|(t, e)| t == "Valmont" && e == "person:oskar-valmont"),
        "{found:?}"
    );
    // A word two persons of the document share is nobody's.
    let text = "Colonel Oskar Valmont met Colonel Oskar Brandis. Oskar said nothing.";
    let found = ids_of(text, "en", EntityKind::Person);
    assert!(!found.iter().any(|(t, _)| t == "Oskar"), "{found:?}");
}

#[test]
fn news_outlets_are_media_organisations_in_every_script() {
    has(
        "Как сообщает РБК, решение было принято в пятницу.",
        "ru",
        EntityKind::Organisation,
        "РБК",
        "RBC",
    );
    has(
        "Die New York Times berichtete, die Verhandlungen seien gescheitert.",
        "de",
        EntityKind::Organisation,
        "New York Times",
        "NEW-YORK-TIMES",
    );
}

#[test]
fn a_hyphenated_double_given_name_stays_whole() {
    let found = ids_of(
        "Der Abgeordnete Hans-Joachim Wellbrock kritisierte am Montag die Regierung scharf. \
         Wellbrock forderte einen Untersuchungsausschuss.",
        "de",
        EntityKind::Person,
    );
    assert!(
        found.iter().all(|(_, e)| e != "person:joachim-wellbrock"),
        "{found:?}"
    );
}

#[test]
fn a_german_noun_after_an_article_is_not_a_later_surname() {
    let text = "Der Abgeordnete Thomas Koch kritisierte am Montag die Regierung. \
                Der Koch des Hotels widersprach. Koch sagte, er bleibe dabei.";
    let found = ids_of(text, "de", EntityKind::Person);
    let kochs: Vec<_> = found.iter().filter(|(t, _)| t == "Koch").collect();
    // `Koch sagte` is the deputy; `Der Koch des Hotels` is a cook.
    assert_eq!(kochs.len(), 1, "{found:?}");
}

/// Stop 32: a given name spelt another way than the knowledge base's, with the same surname,
/// is that one person (`Петр` for Petro Poroshenko; `Ali Naimi` for Ali Ibrahim al-Naimi;
/// `Mohamed ElBaradei` written together) — but a different given name sharing only its first
/// part is someone else (`Abdul-Qader al-Obeidi` is not the KB's Abdul-Ati al-Obeidi).
#[test]
fn a_given_name_spelt_another_way_links_to_the_one_kb_person_with_that_surname() {
    has(
        "Петр Порошенко заявил, что Украина готова к переговорам.",
        "ru",
        EntityKind::Person,
        "Петр Порошенко",
        "person:petro-poroshenko",
    );
    has(
        "Iraqi Defence Minister Abdul-Qader al-Obeidi said the army would stay.",
        "en",
        EntityKind::Person,
        "Abdul-Qader al-Obeidi",
        "person:abdul-qader-al-obeidi",
    );
}
