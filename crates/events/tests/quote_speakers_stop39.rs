//! Quote speakers, stop 39, on sentences of our own: a news agency or a person told something
//! is the one addressed, not the speaker, when a noun phrase naming no party is the speech
//! verb's subject (`Источник в правительстве сообщил ТАСС, что …`, `A government source told
//! Reuters …`).

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_shipped;
use EntityKind::*;

#[test]
fn a_russian_source_opening_the_sentence_speaks_not_the_agency_told() {
    let ex = read_shipped(
        "ru",
        "Источник в правительстве сообщил Агентству, что решение уже принято.",
        &[m("Агентству", "AGENCY", Organisation)],
        "Источник/NOUN/Case=Nom/источник в/ADP/_/в правительстве/NOUN/Case=Loc/правительство сообщил/VERB/Aspect=Perf|Tense=Past/сообщить Агентству/PROPN/Case=Nom/агентство ,/PUNCT/_/, что/SCONJ/_/что решение/NOUN/Case=Nom/решение уже/ADV/_/уже принято/VERB/VerbForm=Part/принять ./PUNCT/_/.",
    );
    let found = speakers(&ex, "решение уже принято");
    assert_eq!(found.len(), 1, "{:#?}", ex.quotes);
    assert_ne!(found[0], Some("AGENCY"), "{:#?}", ex.quotes);
    let q = ex
        .quotes
        .iter()
        .find(|q| q.message_text.contains("решение"))
        .expect("quote");
    let name = q.speaker.as_ref().map(|s| s.name.as_str()).unwrap_or("");
    assert!(name.starts_with("Источник"), "{:#?}", ex.quotes);
}

#[test]
fn an_english_source_telling_an_agency_speaks() {
    let text = "A government source told Agency the decision had been taken.";
    let ex = annotate(with_parses(
        extraction(
            "doc",
            "en",
            None,
            text,
            &[m("Agency", "AGENCY", Organisation)],
            &[],
        ),
        &[(
            "",
            "A/DET/3/det government/NOUN/3/compound source/NOUN/4/nsubj/_/source told/VERB/0/root/_/tell Agency/PROPN/4/iobj the/DET/7/det decision/NOUN/10/nsubj:pass had/AUX/10/aux been/AUX/10/aux:pass taken/VERB/4/ccomp/_/take ./PUNCT/4/punct",
        )],
    ));
    let q = ex
        .quotes
        .iter()
        .find(|q| q.message_text.contains("decision"))
        .expect("quote");
    let sp = q.speaker.as_ref().expect("speaker");
    assert_ne!(sp.entity.as_deref(), Some("AGENCY"), "{:#?}", ex.quotes);
    assert!(sp.name.contains("source"), "{:#?}", ex.quotes);
}
