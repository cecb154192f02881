//! Several writers on one database file (two `ingest` runs, or the CLI while the web app
//! ingests) queue for the write lock instead of failing with "database is locked".

use std::sync::{Arc, Barrier};

use armsgraph_model::{Document, Extraction, Mention, Span};
use armsgraph_store::{InsertOutcome, Store};

fn document(n: usize) -> Extraction {
    let text = format!("Dokument {n}: Belarus liefert Waffen an Aserbaidschan ({n}).");
    Extraction {
        document: Document {
            id: format!("{n:016x}"),
            content_hash: format!("hash-{n}"),
            origin: format!("test/{n}.txt"),
            language: Some("de".into()),
            text,
            ..Default::default()
        },
        entities: vec![Mention {
            span: Span::new(13, 20),
            text: "Belarus".into(),
            entity: "BLR".into(),
            name: "Belarus".into(),
            rule: "test".into(),
            confidence: 1.0,
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// Each writer stores its own `N` documents plus a share all of them try to store: every
/// document ends up stored exactly once and no writer sees an error.
#[test]
fn writers_on_one_file_all_store_and_none_twice() {
    const WRITERS: usize = 3;
    const N: usize = 40;
    const SHARED: usize = 10;
    let dir = tempfile::tempdir().unwrap();
    let path = Arc::new(dir.path().join("shared.db"));
    let start = Arc::new(Barrier::new(WRITERS));
    let handles: Vec<_> = (0..WRITERS)
        .map(|w| {
            let path = Arc::clone(&path);
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                // Every writer opens (and possibly creates) the file at the same moment.
                start.wait();
                let mut store = Store::open(&path).expect("open under contention");
                let mut stored = 0;
                let own = (0..N).map(|i| 1000 + w * N + i);
                for n in own.chain(0..SHARED) {
                    match store.insert(&document(n)).expect("insert under contention") {
                        InsertOutcome::Stored { .. } => stored += 1,
                        InsertOutcome::Duplicate { .. } => {}
                    }
                    store
                        .record_failure(&armsgraph_model::FailedInput {
                            origin: format!("writer-{w}"),
                            reason: "test".into(),
                        })
                        .expect("failure record under contention");
                }
                stored
            })
        })
        .collect();
    let stored: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(
        stored,
        WRITERS * N + SHARED,
        "each document stored by exactly one writer"
    );
    let store = Store::open(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents as usize, WRITERS * N + SHARED);
    assert_eq!(stats.mentions as usize, WRITERS * N + SHARED);
    assert_eq!(stats.failed_inputs as usize, WRITERS);
}
