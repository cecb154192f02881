//! End to end on the seed document: the pipeline reads it, the default reference data is
//! joined, and the BLR → AZE vs ARM (CSTO) alert comes out with its whole chain.

mod common;

use armsgraph_analysis::{alerts_for_extraction, refs, store_alerts, AlertOptions};
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::DataFiles;
use armsgraph_model::{Alert, RawDocument, SourceKind};
use armsgraph_pipeline::{Pipeline, ReadOptions};

const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");
const ALERT: &str = "alliance_contradiction:BLR:AZE:ARM:CSTO";

fn seed() -> armsgraph_model::Extraction {
    let raw = RawDocument {
        origin: "data/corpus/000_79a71588b356f729.txt".into(),
        kind: SourceKind::Text,
        body: SEED.to_string(),
        ..RawDocument::default()
    };
    let pipeline = Pipeline::load(&DataFiles::Embedded).expect("pipeline loads");
    let opts = ReadOptions {
        published: Some("2024-05-15".into()),
        ..ReadOptions::default()
    };
    pipeline.read(&raw, &opts).expect("seed reads")
}

fn check_chain(alert: &Alert, doc: &str, text: &str) {
    let memberships: Vec<&str> = alert
        .chain
        .iter()
        .filter(|l| l.kind == "membership")
        .map(|l| l.source.as_str())
        .collect();
    assert_eq!(
        memberships,
        vec![
            "reference:alliance-memberships:CSTO/BLR/1993-12-31",
            "reference:alliance-memberships:CSTO/ARM/1992-05-15"
        ]
    );
    let transfer = alert
        .chain
        .iter()
        .find(|l| l.kind == "transfer" && l.source == format!("document:{doc}"))
        .expect("the transfer from the seed");
    let ev = transfer.evidence.as_ref().expect("transfer evidence");
    let sentence: String = text
        .chars()
        .skip(ev.sentence.start)
        .take(ev.sentence.len())
        .collect();
    assert_eq!(sentence, ev.text, "the span points at the evidence text");
    assert!(ev.text.contains("geliefert"), "{}", ev.text);
    let fights: Vec<_> = alert
        .chain
        .iter()
        .filter(|l| l.kind == "conflict" && l.source == format!("document:{doc}"))
        .collect();
    assert!(
        !fights.is_empty(),
        "conflict events from the seed: {alert:#?}"
    );
    for f in fights {
        assert!(f.evidence.as_ref().is_some_and(|e| !e.sentence.is_empty()));
    }
}

#[test]
fn the_seed_yields_the_csto_alert_with_its_chain() {
    let ex = seed();
    let defaults = ReferenceData::load(&DataFiles::Embedded).unwrap();
    let alerts = alerts_for_extraction(&ex, &defaults);
    let alert = alerts
        .iter()
        .find(|a| a.id == ALERT)
        .unwrap_or_else(|| panic!("no {ALERT}: {alerts:#?}"));
    check_chain(alert, &ex.document.id, &ex.document.text);
    assert!(alerts.iter().all(|a| a.supplier != "RUS"), "{alerts:#?}");

    // The same through the store, with the defaults imported.
    let mut store = common::store("seed_end_to_end");
    store.insert(&ex).unwrap();
    refs::import_defaults(&mut store, &DataFiles::Embedded).unwrap();
    let (refs, _) = refs::load_reference(&store, &DataFiles::Embedded).unwrap();
    let alerts = store_alerts(&store, &refs, &AlertOptions::default()).unwrap();
    let alert = alerts
        .iter()
        .find(|a| a.id == ALERT)
        .expect("store-wide alert");
    check_chain(alert, &ex.document.id, &ex.document.text);
}
