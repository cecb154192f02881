//! Store round-trips, idempotency, atomicity and search on real-shaped extractions.

use armsgraph_model::{
    Document, EntityKind, Event, EventType, Evidence, Extraction, FailedInput, Mention,
    Participant, Quote, Span, Speaker,
};
use armsgraph_store::{EventFilter, InsertOutcome, Store};

fn seed_like(id: &str, text: &str, minhash: Vec<u64>) -> Extraction {
    let mention = |start: usize, surface: &str, entity: &str, kind| Mention {
        span: Span::new(start, start + surface.chars().count()),
        text: surface.into(),
        entity: entity.into(),
        kind,
        name: entity.into(),
        rule: "test".into(),
        confidence: 1.0,
        ..Default::default()
    };
    Extraction {
        document: Document {
            id: id.into(),
            content_hash: format!("{id}{id}{id}{id}"),
            origin: format!("test/{id}.txt"),
            title: Some("Der geheime Waffendeal".into()),
            publisher: Some("POLITICO".into()),
            language: Some("de".into()),
            text: text.into(),
            minhash,
            ..Default::default()
        },
        entities: vec![
            mention(0, "Aserbaidschan", "AZE", EntityKind::State),
            mention(19, "Belarus", "BLR", EntityKind::State),
        ],
        events: vec![Event {
            id: format!("{id}:e1"),
            event_type: EventType::Aid,
            context: vec!["military".into()],
            actors: vec![Participant {
                entity: "BLR".into(),
                name: "Belarus".into(),
                how: "explicit".into(),
                ..Default::default()
            }],
            recipients: vec![Participant {
                entity: "AZE".into(),
                name: "Azerbaijan".into(),
                how: "explicit".into(),
                ..Default::default()
            }],
            evidence: vec![Evidence {
                document: id.into(),
                sentence: Span::new(0, 40),
                trigger: Span::new(27, 35),
                text: text.into(),
                rule: "test".into(),
                url: None,
            }],
            confidence: 0.8,
            source_count: 1,
            summary: "BLR → AZE: arms transfer".into(),
            ..Default::default()
        }],
        quotes: vec![Quote {
            id: format!("{id}:q1"),
            message: Span::new(0, 5),
            message_text: "Aserb".into(),
            speaker: Some(Speaker {
                entity: Some("person:eduard-arakelyan".into()),
                name: "Eduard Arakelyan".into(),
                kind: "person".into(),
                ..Default::default()
            }),
            ..Default::default()
        }],
        ..Default::default()
    }
}

const TEXT: &str = "Aserbaidschan kauft Belarus Waffen ab, heißt es.";

#[test]
fn insert_then_read_back_everything() {
    let mut store = Store::open_in_memory().unwrap();
    let ex = seed_like("aaaa000000000001", TEXT, vec![]);
    let outcome = store.insert(&ex).unwrap();
    assert_eq!(
        outcome,
        InsertOutcome::Stored {
            id: "aaaa000000000001".into(),
            cluster: None
        }
    );
    let doc = store.document("aaaa0000").unwrap().expect("prefix lookup");
    assert_eq!(doc.extraction, ex);
    assert_eq!(doc.summary.events, 1);
    assert_eq!(doc.summary.quotes, 1);

    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.mentions, stats.events, stats.quotes),
        (1, 2, 1, 1)
    );

    let hits = store.search("belarus waffen", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.contains("[Belarus]"), "{}", hits[0].snippet);
    // FTS5 syntax in user input never reaches FTS5: it is a word, or a mistake explained.
    assert!(store.search("NEAR title:x ^y", 10).unwrap().is_empty());
    let err = store.search("\"NEAR( OR *", 10).unwrap_err().to_string();
    assert!(err.contains("not closed"), "{err}");
    // A prefix finds the word's compounds and inflections.
    assert_eq!(store.search("waff*", 10).unwrap().len(), 1);

    let by_actor = store
        .events(&EventFilter {
            actor: Some("BLR".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_actor.len(), 1);
    // Counting takes every query path the events take (one entity in document or time order,
    // role and type conditions), and ignores the limit.
    for filter in [
        EventFilter::default(),
        EventFilter {
            involving: Some("BLR".into()),
            ..Default::default()
        },
        EventFilter {
            involving: Some("BLR".into()),
            by_time: true,
            limit: Some(0),
            ..Default::default()
        },
        EventFilter {
            actor: Some("BLR".into()),
            by_time: true,
            ..Default::default()
        },
        EventFilter {
            involving: Some("AZE".into()),
            actor: Some("AZE".into()),
            ..Default::default()
        },
    ] {
        let all = store
            .events(&EventFilter {
                limit: None,
                ..filter.clone()
            })
            .unwrap()
            .len();
        assert_eq!(store.count_events(&filter).unwrap(), all, "{filter:?}");
        if filter.limit == Some(0) {
            assert!(store.events(&filter).unwrap().is_empty());
            assert_eq!(all, 1);
        }
    }
    let none = store
        .events(&EventFilter {
            actor: Some("AZE".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty(), "AZE is recipient, not actor");
    let ents = store.search_entities("aserb", 10).unwrap();
    assert_eq!(ents[0].id, "AZE");
    assert_eq!(
        store
            .quotes(Some("person:eduard-arakelyan"), 10)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn reinserting_the_same_text_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db").join("a.db");
    let ex = seed_like("bbbb000000000001", TEXT, vec![]);
    {
        let mut store = Store::open(&path).unwrap();
        assert!(matches!(
            store.insert(&ex).unwrap(),
            InsertOutcome::Stored { .. }
        ));
    }
    let mut store = Store::open(&path).unwrap();
    let before = store.stats().unwrap();
    assert_eq!(
        store.insert(&ex).unwrap(),
        InsertOutcome::Duplicate {
            id: "bbbb000000000001".into()
        }
    );
    assert_eq!(store.stats().unwrap(), before);
    assert_eq!(
        store
            .contains_hash(&ex.document.content_hash)
            .unwrap()
            .as_deref(),
        Some("bbbb000000000001")
    );
}

#[test]
fn failures_are_recorded_once_per_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let f = FailedInput {
        origin: "bad.warc.gz".into(),
        reason: "truncated gzip member".into(),
    };
    store.record_failure(&f).unwrap();
    store.record_failure(&f).unwrap();
    assert_eq!(store.stats().unwrap().failed_inputs, 1);
    assert_eq!(store.failures().unwrap(), vec![f]);
}

#[test]
fn near_copies_share_a_cluster() {
    let mut store = Store::open_in_memory().unwrap();
    let sig: Vec<u64> = (0..128).collect();
    let mut near = sig.clone();
    for v in near.iter_mut().skip(100) {
        *v += 1000; // 100 of 128 positions agree
    }
    let other: Vec<u64> = (5000..5128).collect();
    store
        .insert(&seed_like("cccc000000000001", TEXT, sig))
        .unwrap();
    let out = store
        .insert(&seed_like(
            "cccc000000000002",
            "Ein anderer Text über Belarus.",
            near,
        ))
        .unwrap();
    let InsertOutcome::Stored {
        cluster: Some(cluster),
        ..
    } = out
    else {
        panic!("expected a cluster, got {out:?}");
    };
    assert_eq!(
        cluster.members,
        vec!["cccc000000000001", "cccc000000000002"]
    );
    assert_eq!(cluster.relation, "near");
    let unrelated = store
        .insert(&seed_like("cccc000000000003", "Etwas ganz anderes.", other))
        .unwrap();
    assert!(matches!(
        unrelated,
        InsertOutcome::Stored { cluster: None, .. }
    ));
    let first = store.document("cccc000000000001").unwrap().unwrap();
    assert_eq!(first.copies, vec!["cccc000000000002"]);
    assert_eq!(store.stats().unwrap().clusters, 1);
}

#[test]
fn a_database_from_another_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE meta SET value = '999' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    }
    let err = Store::open(&path).err().expect("must refuse");
    assert!(err.to_string().contains("schema version 999"), "{err}");
}
