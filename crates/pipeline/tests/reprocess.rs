//! `reprocess` on the real pipeline: documents read again from their kept raw input keep
//! their ids and their corrections; a run stopped midway resumes where it stopped; a second
//! run changes nothing; a document stored without raw input is reported, not read.

use std::ops::ControlFlow;

use armsgraph_kb::DataFiles;
use armsgraph_model::{EventType, RawDocument};
use armsgraph_pipeline::reprocess::reprocess;
use armsgraph_pipeline::{Pipeline, ReadOptions};
use armsgraph_store::corrections::{CorrectionKind, NewCorrection};
use armsgraph_store::raw::{Outcome, Selection};
use armsgraph_store::{EventFilter, InsertOutcome, Store};

const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");

fn documents() -> Vec<RawDocument> {
    let texts = [
        ("seed.txt", SEED.to_string()),
        (
            "a.txt",
            "Berlin, 3 March 2023. Germany delivered twenty Leopard tanks to Ukraine last week, \
             the defence ministry said."
                .to_string(),
        ),
        (
            "b.txt",
            "Moscow, 5 May 2023. Russian forces attacked Ukraine near Bakhmut on Monday, \
             officials said."
                .to_string(),
        ),
    ];
    texts
        .into_iter()
        .map(|(origin, body)| RawDocument {
            origin: origin.into(),
            body,
            ..Default::default()
        })
        .collect()
}

/// Ingests the documents as `armsgraph ingest` does (raw input kept), the last one without
/// raw input (as a document stored before raw input was kept).
fn ingest(pipeline: &Pipeline, store: &mut Store) -> Vec<String> {
    let opts = ReadOptions {
        published: Some("2024-05-15".into()),
        ..Default::default()
    };
    let raws = documents();
    let mut ids = Vec::new();
    for (i, raw) in raws.iter().enumerate() {
        let ex = pipeline.read(raw, &opts).expect("reads");
        let InsertOutcome::Stored { id, .. } = store.insert(&ex).expect("stores") else {
            panic!("duplicate");
        };
        if i + 1 < raws.len() {
            store
                .store_raw(&id, raw, opts.published.as_deref(), None)
                .expect("raw kept");
        }
        ids.push(id);
    }
    ids
}

fn all_events(store: &Store) -> Vec<(String, EventType, Vec<String>)> {
    store
        .events(&EventFilter::default())
        .expect("events")
        .into_iter()
        .map(|e| {
            (
                e.event.id.clone(),
                e.event.event_type,
                e.event.actors.iter().map(|a| a.entity.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn reprocess_keeps_ids_and_corrections_resumes_and_is_idempotent() {
    let pipeline = Pipeline::load(&DataFiles::Embedded).expect("pipeline");
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");
    let mut store = Store::open(&db).expect("store");
    let ids = ingest(&pipeline, &mut store);
    let (count, packed, size) = store.raw_stats().expect("raw stats");
    assert_eq!(count, 2);
    assert!(packed < size, "compressed {packed} of {size}");

    // Correct the first event of the seed document.
    let first = store
        .events(&EventFilter {
            document: Some(ids[0].clone()),
            ..EventFilter::default()
        })
        .expect("events")
        .into_iter()
        .next()
        .expect("the seed has events");
    let new_type = if first.event.event_type == EventType::Protest {
        "CONSULT"
    } else {
        "PROTEST"
    };
    store
        .add_correction(&NewCorrection {
            kind: CorrectionKind::Type,
            target: first.event.id.clone(),
            value: Some(new_type.into()),
            surface: None,
            name: None,
            by: "tester".into(),
            reason: "test".into(),
        })
        .expect("corrected");
    let before = all_events(&store);

    // Simulate an older reader's output in the store: a warning the current reader does not
    // give, so re-reading the second document has something to change.
    let stale: String = store
        .connection()
        .query_row(
            "SELECT extraction FROM documents WHERE id = ?1",
            [&ids[1]],
            |r| armsgraph_store::extraction_json(r.get_ref(0)?),
        )
        .expect("stored");
    let mut stale: armsgraph_model::Extraction = serde_json::from_str(&stale).expect("json");
    stale.warnings.push(armsgraph_model::Warning {
        code: "old_reader".into(),
        message: "written by an older armsgraph".into(),
        span: None,
    });
    store
        .connection()
        .execute(
            "UPDATE documents SET extraction = ?2 WHERE id = ?1",
            rusqlite_params(&ids[1], &serde_json::to_string(&stale).expect("json")),
        )
        .expect("stale reading");

    // A run killed after its first document: one progress row, the run stays open.
    let mut steps = Vec::new();
    let report = reprocess(&pipeline, &mut store, &Selection::All, |_, n, step| {
        steps.push((step.document.to_string(), step.outcome, n));
        ControlFlow::Break(())
    })
    .expect("first run");
    assert!(!report.finished);
    assert_eq!(steps.len(), 1);
    assert_eq!(report.run.total, 3);
    drop(store);

    // Resumed in a new process (a new connection): the finished document is not read again.
    let mut store = Store::open(&db).expect("reopen");
    let report = reprocess(&pipeline, &mut store, &Selection::All, |_, n, step| {
        steps.push((step.document.to_string(), step.outcome, n));
        ControlFlow::Continue(())
    })
    .expect("resumed run");
    assert!(report.run.resumed && report.finished);
    assert_eq!((report.run.done, steps.len()), (1, 3));
    // Each document once over the two runs, counted on from where the first stopped.
    let mut docs: Vec<&str> = steps.iter().map(|(d, _, _)| d.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    assert_eq!(docs.len(), 3);
    assert_eq!(steps.iter().map(|s| s.2).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(
        report.counts.changed + report.counts.unchanged + report.counts.no_raw,
        3
    );
    assert_eq!(report.counts.no_raw, 1);
    assert!(steps
        .iter()
        .any(|(d, o, _)| d == &ids[2] && *o == Outcome::NoRaw));
    assert!(report.counts.changed >= 1, "{:?}", report.counts);

    // Same ids and events, the correction still holds.
    let after = all_events(&store);
    assert_eq!(after, before);
    let corrected = after
        .iter()
        .find(|(id, _, _)| id == &first.event.id)
        .expect("corrected event");
    assert_eq!(corrected.1.label(), new_type);
    assert!(store.corrections(true).expect("orphans").is_empty());

    // A second run changes nothing.
    let generation = store.data_generation().expect("gen").0;
    let again = reprocess(&pipeline, &mut store, &Selection::All, |_, _, _| {
        ControlFlow::Continue(())
    })
    .expect("second run");
    assert!(!again.run.resumed);
    assert_eq!(
        (
            again.counts.changed,
            again.counts.unchanged,
            again.counts.no_raw
        ),
        (0, 2, 1)
    );
    assert_eq!(all_events(&store), before);
    assert_eq!(store.data_generation().expect("gen").0, generation);
}

fn rusqlite_params<'a>(id: &'a str, json: &'a str) -> [&'a str; 2] {
    [id, json]
}
