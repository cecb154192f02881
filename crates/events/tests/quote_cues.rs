//! Quote cues as grammar (issue 12, stop 26): every speech verb and source phrase of a
//! sentence reports (`bestätigte X laut Reuters, dass …`), source adverbs and prepositions
//! (`so X`, `heißt es …`), and speakers the knowledge base lacks keep a stable id. Sentences
//! of our own with made-up names and hand-built mentions.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

fn read(lang: &str, text: &str, mentions: &[M]) -> Extraction {
    let mut ex = extraction("doc", lang, None, text, mentions, &[]);
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    ex
}

fn cues(ex: &Extraction) -> Vec<&str> {
    ex.quotes
        .iter()
        .filter_map(|q| q.cue_text.as_deref())
        .collect()
}

#[test]
fn a_source_phrase_inside_a_report_is_a_second_cue_sharing_its_message() {
    let ex = read(
        "de",
        "Heute bestätigte Anna Berger laut Nachrichtenagentur Nordpress, dass die Brücke gesperrt bleibt.",
        &[
            m("Anna Berger", "person:anna-berger", Person),
            m("Nordpress", "NORDPRESS", Organisation),
        ],
    );
    let c = cues(&ex);
    assert!(c.iter().any(|c| c.contains("bestätigte")), "{c:?}");
    assert!(c.iter().any(|c| c.contains("laut")), "{c:?}");
    let laut = ex
        .quotes
        .iter()
        .find(|q| q.cue_text.as_deref() == Some("laut"))
        .unwrap();
    assert!(
        laut.message_text.starts_with("dass die Brücke"),
        "{laut:#?}"
    );
}

#[test]
fn a_later_cue_does_not_take_an_earlier_report_as_its_message() {
    let ex = read(
        "de",
        "Sie räumte zwar ein, es könnten Stellen verloren gehen, sprach aber von einer guten Lösung.",
        &[],
    );
    assert!(
        !ex.quotes
            .iter()
            .any(|q| q.cue_text.as_deref() == Some("sprach") && q.message_text.contains("Stellen")),
        "{:#?}",
        ex.quotes
    );
}
