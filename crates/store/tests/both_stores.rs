//! The store interface's contract, checked on every backend: SQLite always, PostgreSQL when
//! `ARMSGRAPH_TEST_PG` holds a `postgres://` URL (`scripts/test.sh` starts a throwaway
//! cluster and sets it). Each PostgreSQL test works in a schema of its own, so the tests run
//! in parallel against one server.

mod common;

use common::{pg_url, stores};
use std::path::Path;
use std::time::Duration;

use armsgraph_model::{
    Document, EntityKind, Event, EventType, Evidence, Extraction, FailedInput, Mention,
    Participant, Quote, RawDocument, Span, Speaker,
};
use armsgraph_store::queue::JobEnd;
use armsgraph_store::{EventFilter, InsertOutcome, Store, StoreError};

fn extraction(id: &str, language: &str, title: &str, text: &str) -> Extraction {
    let mention = |surface: &str, entity: &str, kind| Mention {
        span: {
            let start = text.find(surface).map_or(0, |b| text[..b].chars().count());
            Span::new(start, start + surface.chars().count())
        },
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
            title: Some(title.into()),
            publisher: Some("POLITICO".into()),
            language: Some(language.into()),
            text: text.into(),
            ..Default::default()
        },
        entities: vec![
            mention("Aserbaidschan", "AZE", EntityKind::State),
            mention("Belarus", "BLR", EntityKind::State),
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
fn insert_then_read_back_everything_on_every_store() {
    for (name, mut store) in stores("roundtrip") {
        let ex = extraction("aaaa000000000001", "de", "Der geheime Waffendeal", TEXT);
        let outcome = store.insert(&ex).unwrap();
        assert_eq!(
            outcome,
            InsertOutcome::Stored {
                id: "aaaa000000000001".into(),
                cluster: None
            },
            "{name}"
        );
        let doc = store.document("aaaa0000").unwrap().expect("prefix lookup");
        assert_eq!(doc.extraction, ex, "{name}");
        assert_eq!((doc.summary.events, doc.summary.quotes), (1, 1), "{name}");
        assert!(store.document("ffff0000").unwrap().is_none(), "{name}");
        let stats = store.stats().unwrap();
        assert_eq!(
            (
                stats.documents,
                stats.mentions,
                stats.entities,
                stats.events,
                stats.quotes
            ),
            (1, 2, 2, 1, 1),
            "{name}"
        );
        let listed = store.documents(10, 0).unwrap();
        assert_eq!(listed.len(), 1, "{name}");
        assert_eq!(listed[0], doc.summary, "{name}");

        // Full text: words, snippets marked, mistakes explained, a prefix.
        let hits = store.search("belarus waffen", 10).unwrap();
        assert_eq!(hits.len(), 1, "{name}");
        assert!(
            hits[0].snippet.contains("[Belarus]"),
            "{name}: {}",
            hits[0].snippet
        );
        assert!(
            store.search("NEAR title:x ^y", 10).unwrap().is_empty(),
            "{name}"
        );
        let err = store.search("\"NEAR( OR *", 10).unwrap_err().to_string();
        assert!(err.contains("not closed"), "{name}: {err}");
        assert_eq!(store.search("waff*", 10).unwrap().len(), 1, "{name}");
        assert!(
            store.search("belarus -waffen", 10).unwrap().is_empty(),
            "{name}"
        );
        let either = store.search("panzer OR belarus", 10).unwrap();
        assert_eq!(either.len(), 1, "{name}: {either:?}");

        // Events by role, counts on every query path.
        let by_actor = store
            .events(&EventFilter {
                actor: Some("BLR".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(by_actor.len(), 1, "{name}");
        for filter in [
            EventFilter::default(),
            EventFilter {
                involving: Some("BLR".into()),
                ..Default::default()
            },
            EventFilter {
                involving: Some("BLR".into()),
                by_time: true,
                ..Default::default()
            },
            EventFilter {
                weapon: Some("50%_".into()),
                ..Default::default()
            },
            EventFilter {
                from: Some("2020-01-01".into()),
                undated: true,
                ..Default::default()
            },
        ] {
            let all = store.events(&filter).unwrap().len();
            assert_eq!(
                store.count_events(&filter).unwrap(),
                all,
                "{name} {filter:?}"
            );
        }
        assert!(store
            .events(&EventFilter {
                actor: Some("AZE".into()),
                ..Default::default()
            })
            .unwrap()
            .is_empty());
        let with_sources = store.events_with_sources(&EventFilter::default()).unwrap();
        assert_eq!(
            with_sources[0].1.url.as_deref(),
            Some("test/aaaa000000000001.txt"),
            "{name}"
        );

        // Entities: contains-search over names and surfaces, most mentioned first.
        let ents = store.search_entities("aserb", 10).unwrap();
        assert_eq!(ents[0].id, "AZE", "{name}");
        assert_eq!(
            store.search_entities("blr", 10).unwrap()[0].id,
            "BLR",
            "{name}"
        );
        assert!(
            store.search_entities("100%", 10).unwrap().is_empty(),
            "{name}"
        );
        assert_eq!(store.top_entities(None, 10).unwrap().len(), 2, "{name}");
        assert_eq!(store.entity_counts("AZE").unwrap(), (1, 1), "{name}");
        assert_eq!(store.mentions_of("BLR", 10).unwrap().len(), 1, "{name}");
        assert_eq!(
            store
                .quotes(Some("person:eduard-arakelyan"), 10)
                .unwrap()
                .len(),
            1,
            "{name}"
        );
        assert_eq!(store.quotes(None, 10).unwrap().len(), 1, "{name}");
    }
}

#[test]
fn duplicates_and_failures_on_every_store() {
    for (name, mut store) in stores("duplicates") {
        let ex = extraction("bbbb000000000001", "de", "Titel", TEXT);
        assert!(matches!(
            store.insert(&ex).unwrap(),
            InsertOutcome::Stored { .. }
        ));
        let before = store.stats().unwrap();
        let mut again = ex.clone();
        again.document.origin = "elsewhere/copy.txt".into();
        assert_eq!(
            store.insert(&again).unwrap(),
            InsertOutcome::Duplicate {
                id: "bbbb000000000001".into()
            },
            "{name}"
        );
        assert_eq!(store.stats().unwrap(), before, "{name}");
        // The input is kept for re-reading, once.
        let input = raw(7);
        store
            .store_raw("bbbb000000000001", &input, Some("2024-05-01"), None)
            .unwrap();
        store
            .store_raw("bbbb000000000001", &raw(8), None, None)
            .unwrap();
        let kept = store.raw_document("bbbb000000000001").unwrap().unwrap();
        assert_eq!(kept.raw, input, "{name}");
        assert_eq!(kept.published.as_deref(), Some("2024-05-01"), "{name}");
        assert_eq!(store.raw_stats().unwrap().0, 1, "{name}");
        assert!(store.raw_document("ffff000000000001").unwrap().is_none());
        assert_eq!(
            store
                .contains_hash(&ex.document.content_hash)
                .unwrap()
                .as_deref(),
            Some("bbbb000000000001"),
            "{name}"
        );
        let f = FailedInput {
            origin: "bad.warc.gz".into(),
            reason: "truncated gzip member".into(),
        };
        store.record_failure(&f).unwrap();
        store.record_failure(&f).unwrap();
        store
            .record_failure(&FailedInput {
                origin: "x.bin".into(),
                reason: "skipped: not a document".into(),
            })
            .unwrap();
        let stats = store.stats().unwrap();
        assert_eq!(
            (stats.failed_inputs, stats.skipped_inputs),
            (1, 1),
            "{name}"
        );
        assert_eq!(store.failures().unwrap()[0], f, "{name}");
    }
}

#[test]
fn each_language_is_searched_by_its_own_stemming() {
    for (name, mut store) in stores("languages") {
        let docs = [
            (
                "cccc000000000001",
                "de",
                "Panzerlieferungen",
                "Deutschland liefert Panzer an die Ukraine.",
            ),
            (
                "cccc000000000002",
                "en",
                "Deliveries",
                "Germany delivered tanks to Ukraine.",
            ),
            (
                "cccc000000000003",
                "ru",
                "Поставки",
                "Германия поставляет танки Украине.",
            ),
            (
                "cccc000000000004",
                "uk",
                "Постачання",
                "Німеччина постачає танки Україні.",
            ),
        ];
        for (id, lang, title, text) in docs {
            let mut ex = extraction(id, lang, title, text);
            ex.entities.clear();
            ex.events.clear();
            ex.quotes.clear();
            store.insert(&ex).unwrap();
        }
        let ids = |q: &str| -> Vec<String> {
            let mut v: Vec<String> = store
                .search(q, 10)
                .unwrap()
                .into_iter()
                .map(|h| h.id)
                .collect();
            v.sort();
            v
        };
        // Exact words are found on both stores.
        assert_eq!(ids("Panzer"), vec!["cccc000000000001"], "{name}");
        assert_eq!(ids("танки").len(), 2, "{name}");
        assert_eq!(ids("Україні"), vec!["cccc000000000004"], "{name}");
        if name == "postgres" {
            // PostgreSQL stems each document in its language: an inflected query finds it.
            assert_eq!(ids("delivering tank"), vec!["cccc000000000002"], "{name}");
            assert_eq!(ids("танк"), vec!["cccc000000000003"], "{name}");
        }
        // Newest matches are ranked first among equals, and the window is reported.
        let page = store
            .search_page_within(&armsgraph_store::search::parse("танки").unwrap(), 10, 1)
            .unwrap();
        assert_eq!(page.hits.len(), 1, "{name}");
        assert!(page.cut, "{name}");
        assert_eq!(page.window, 1, "{name}");
    }
}

fn raw(n: usize) -> RawDocument {
    RawDocument {
        origin: format!("doc-{n}.txt"),
        body: format!("Text number {n}."),
        ..Default::default()
    }
}

#[test]
fn the_queue_keeps_its_contract_on_every_store() {
    for (name, mut store) in stores("queue") {
        let ids = store
            .enqueue(&[raw(1), raw(2)], Some("2024-01-02"))
            .unwrap();
        assert_eq!(ids.len(), 2, "{name}");
        let a = store
            .claim("w1", Duration::from_secs(60), 3)
            .unwrap()
            .unwrap();
        let b = store
            .claim("w2", Duration::from_secs(60), 3)
            .unwrap()
            .unwrap();
        assert_eq!((a.id, b.id), (ids[0], ids[1]), "{name}");
        assert_eq!(a.raw, raw(1), "{name}");
        assert_eq!(a.published.as_deref(), Some("2024-01-02"), "{name}");
        assert!(store
            .claim("w3", Duration::from_secs(60), 3)
            .unwrap()
            .is_none());
        // Only the holder completes a job.
        assert!(!store
            .complete(a.id, "w2", &JobEnd::Stored("x".into()))
            .unwrap());
        assert!(store
            .complete(a.id, "w1", &JobEnd::Stored("x".into()))
            .unwrap());
        assert!(store
            .complete(b.id, "w2", &JobEnd::Failed("unreadable".into()))
            .unwrap());
        let s = store.queue_stats(10).unwrap();
        assert_eq!(
            (s.ready, s.leased, s.done, s.failed),
            (0, 0, 1, 1),
            "{name}"
        );
        assert_eq!(s.failures[0].reason, "unreadable", "{name}");
        assert_eq!(store.retry_failed().unwrap(), 1, "{name}");
        // An expired lease is claimed again; the dead worker cannot complete it.
        let dead = store.claim("dead", Duration::ZERO, 3).unwrap().unwrap();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(store.queue_stats(0).unwrap().expired, 1, "{name}");
        let again = store
            .claim("alive", Duration::from_secs(60), 3)
            .unwrap()
            .unwrap();
        assert_eq!((again.id, again.attempts), (dead.id, 2), "{name}");
        assert!(!store
            .complete(dead.id, "dead", &JobEnd::Stored("a".into()))
            .unwrap());
        assert!(store
            .complete(again.id, "alive", &JobEnd::Stored("a".into()))
            .unwrap());
        // A job every claim of which died fails with its reason.
        store.enqueue(&[raw(3)], None).unwrap();
        for _ in 0..2 {
            store.claim("w", Duration::ZERO, 2).unwrap().unwrap();
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(
            store.claim("w", Duration::ZERO, 2).unwrap().is_none(),
            "{name}"
        );
        let s = store.queue_stats(10).unwrap();
        assert!(
            s.failures[0].reason.starts_with("abandoned: 2 workers"),
            "{name}"
        );
    }
}

/// Four PostgreSQL workers, each running `work` (which returns the jobs it took) on its own
/// connection, over 200 queued jobs; checks every job was taken exactly once and returns the
/// store for the caller's own checks. `None` without a PostgreSQL server.
fn four_postgres_workers(schema: &str, work: fn(&mut Store, &str) -> Vec<i64>) -> Option<Store> {
    let base = pg_url()?;
    let url = armsgraph_store::pg::fresh_schema_url(&base, schema).unwrap();
    let mut store = Store::open(Path::new(&url)).unwrap();
    let docs: Vec<RawDocument> = (0..200).map(raw).collect();
    store.enqueue(&docs, None).unwrap();
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(Path::new(&url)).unwrap();
                work(&mut store, &format!("w{w}"))
            })
        })
        .collect();
    let mut all: Vec<i64> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    all.sort();
    let n = all.len();
    all.dedup();
    assert_eq!((n, all.len()), (200, 200));
    Some(store)
}

#[test]
fn postgres_workers_claim_each_job_exactly_once() {
    let Some(store) = four_postgres_workers("claims", |store, worker| {
        let mut mine = Vec::new();
        while let Some(job) = store.claim(worker, Duration::from_secs(60), 3).unwrap() {
            assert!(store
                .complete(job.id, worker, &JobEnd::Stored(job.raw.origin.clone()))
                .unwrap());
            mine.push(job.id);
        }
        mine
    }) else {
        return;
    };
    assert_eq!(store.queue_stats(0).unwrap().done, 200);
}

#[test]
fn completing_and_claiming_in_one_step_keeps_the_queue_contract_on_every_store() {
    let minute = Duration::from_secs(60);
    for (name, mut store) in stores("handover") {
        let ids = store.enqueue(&[raw(1), raw(2), raw(3)], None).unwrap();
        let first = store.complete_and_claim(None, "w1", minute, 3).unwrap();
        assert_eq!(first.completed, None, "{name}");
        let a = first.next.unwrap().unwrap();
        assert_eq!(a.id, ids[0], "{name}");
        // The end of one job and the claim of the next, together.
        let end = JobEnd::Stored("doc-a".into());
        let second = store
            .complete_and_claim(Some((a.id, &end)), "w1", minute, 3)
            .unwrap();
        assert_eq!(second.completed, Some(true), "{name}");
        let b = second.next.unwrap().unwrap();
        assert_eq!(b.id, ids[1], "{name}");
        // A worker whose lease ran out and was taken over is told so; its end is not
        // recorded, and the taker's is.
        let dead = store
            .complete_and_claim(None, "dead", Duration::ZERO, 3)
            .unwrap()
            .next
            .unwrap()
            .unwrap();
        assert_eq!(dead.id, ids[2], "{name}");
        std::thread::sleep(Duration::from_millis(5));
        let end_b = JobEnd::Duplicate("doc-a".into());
        let third = store
            .complete_and_claim(Some((b.id, &end_b)), "w1", minute, 3)
            .unwrap();
        assert_eq!(third.completed, Some(true), "{name}");
        let taken = third.next.unwrap().unwrap();
        assert_eq!((taken.id, taken.attempts), (dead.id, 2), "{name}");
        let late = JobEnd::Failed("too slow".into());
        let refused = store
            .complete_and_claim(Some((dead.id, &late)), "dead", minute, 3)
            .unwrap();
        assert_eq!(refused.completed, Some(false), "{name}");
        assert!(refused.next.unwrap().is_none(), "{name}");
        let end_c = JobEnd::Stored("doc-c".into());
        let last = store
            .complete_and_claim(Some((taken.id, &end_c)), "w1", minute, 3)
            .unwrap();
        assert_eq!(last.completed, Some(true), "{name}");
        assert!(last.next.unwrap().is_none(), "{name}");
        let s = store.queue_stats(10).unwrap();
        assert_eq!(
            (s.ready, s.leased, s.done, s.failed),
            (0, 0, 3, 0),
            "{name}"
        );
        // A worker's own job whose lease ran out but that nobody took over is still its
        // own to complete — not failed as abandoned by the same step's clean-up, even at
        // its last attempt.
        let [own] = store.enqueue(&[raw(4)], None).unwrap()[..] else {
            panic!("{name}: one job enqueued");
        };
        let held = store
            .complete_and_claim(None, "w2", Duration::ZERO, 1)
            .unwrap()
            .next
            .unwrap()
            .unwrap();
        assert_eq!(held.id, own, "{name}");
        std::thread::sleep(Duration::from_millis(5));
        let end_d = JobEnd::Stored("doc-d".into());
        let done = store
            .complete_and_claim(Some((own, &end_d)), "w2", Duration::ZERO, 1)
            .unwrap();
        assert_eq!(done.completed, Some(true), "{name}");
        assert!(done.next.unwrap().is_none(), "{name}");
        // Another job whose every claim died fails with its reason, and is not claimed.
        store.enqueue(&[raw(5)], None).unwrap();
        store
            .complete_and_claim(None, "x", Duration::ZERO, 1)
            .unwrap()
            .next
            .unwrap()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5));
        let none = store.complete_and_claim(None, "y", minute, 1).unwrap();
        assert!(none.next.unwrap().is_none(), "{name}");
        let s = store.queue_stats(10).unwrap();
        assert_eq!((s.done, s.failed, s.leased), (4, 1, 0), "{name}");
        assert!(
            s.failures[0].reason.starts_with("abandoned: 1 workers"),
            "{name}: {s:?}"
        );
    }
}

#[test]
fn postgres_workers_handing_over_take_each_job_exactly_once() {
    let Some(store) = four_postgres_workers("handovers", |store, worker| {
        let mut mine = Vec::new();
        let mut finished: Option<(i64, JobEnd)> = None;
        loop {
            let handover = store
                .complete_and_claim(
                    finished.as_ref().map(|(id, end)| (*id, end)),
                    worker,
                    Duration::from_secs(60),
                    3,
                )
                .unwrap();
            assert_ne!(handover.completed, Some(false));
            let Some(job) = handover.next.unwrap() else {
                break;
            };
            mine.push(job.id);
            finished = Some((job.id, JobEnd::Stored(job.raw.origin)));
        }
        mine
    }) else {
        return;
    };
    let s = store.queue_stats(0).unwrap();
    assert_eq!((s.done, s.leased, s.ready), (200, 0, 0));
}

#[test]
fn postgres_writers_store_one_text_once() {
    let Some(base) = pg_url() else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "writers").unwrap();
    drop(Store::open(Path::new(&url)).unwrap());
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(Path::new(&url)).unwrap();
                let mut stored = 0;
                for i in 0..20 {
                    // Every writer inserts the same 20 texts, each under its own origin.
                    let mut ex = extraction(&format!("dddd{i:012}"), "de", "T", TEXT);
                    ex.document.origin = format!("w{w}/{i}.txt");
                    if matches!(store.insert(&ex).unwrap(), InsertOutcome::Stored { .. }) {
                        stored += 1;
                    }
                }
                stored
            })
        })
        .collect();
    let stored: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
    assert_eq!(stored, 20);
    let store = Store::open(Path::new(&url)).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.events), (20, 20));
    assert_eq!(store.entity_counts("AZE").unwrap(), (20, 20));
}

#[test]
fn what_is_not_ported_says_so_on_postgres() {
    let Some(base) = pg_url() else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "unported").unwrap();
    let store = Store::open(Path::new(&url)).unwrap();
    assert_eq!(store.backend_name(), "postgres");
    // The view tables are ported now (both_stores_views.rs); the message of a method that
    // is not is checked on the error itself, whichever methods remain.
    let err = StoreError::NotOnPostgres("crates/store/src/views.rs:1".into());
    assert!(
        err.to_string().contains("not available on PostgreSQL yet"),
        "{err}"
    );
    // The connection hook of tests and tools finds no tables, and no panic.
    assert!(store
        .connection()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
        .is_err());
}

#[test]
fn a_postgres_url_is_never_shown_with_its_password() {
    let Some(base) = pg_url() else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "path").unwrap();
    let store = Store::open(Path::new(&url)).unwrap();
    assert!(store.path().starts_with("postgres"));
    let bad = base.replacen("://", "://nosuchuser:hunter2@", 1);
    let bad = match bad.find('@') {
        // Already had a user: keep the host part after the last `@`.
        Some(_) => bad,
        None => bad,
    };
    if let Err(e) = Store::open(Path::new(&bad)) {
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }
}
