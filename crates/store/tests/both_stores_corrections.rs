//! Corrections (with withdrawal) and re-reading, checked on every backend: SQLite always,
//! PostgreSQL when `ARMSGRAPH_TEST_PG` holds a `postgres://` URL (each PostgreSQL test in a
//! schema of its own). The same assertions run on both, and the corrected state of the two
//! stores is compared with each other.

mod common;

use common::{pg_url, stores};
use std::path::Path;

use armsgraph_model::{
    Document, EntityKind, Event, EventType, Evidence, Extraction, Mention, Participant, Quote,
    RawDocument, Span, Speaker,
};
use armsgraph_store::corrections::{CorrectionKind, NewCorrection};
use armsgraph_store::raw::{Outcome, Selection};
use armsgraph_store::{EventFilter, Store, StoreError};

const A: &str = "aaaa000000000001";
const B: &str = "bbbb000000000002";
const C: &str = "cccc000000000003";
const TEXT: &str = "Aserbaidschan kauft Belarus Waffen ab, heißt es.";
const TEXT_B: &str = "Aserbaidschan erhielt aus Belarus Waffen, hieß es gestern.";

/// A document where Belarus supplies Azerbaijan (the event's trigger at 27–35 of a sentence
/// 0–40), quoting a person.
fn extraction(id: &str, text: &str) -> Extraction {
    let mention = |surface: &str, entity: &str, name: &str, kind| Mention {
        span: {
            let start = text.find(surface).map_or(0, |b| text[..b].chars().count());
            Span::new(start, start + surface.chars().count())
        },
        text: surface.into(),
        entity: entity.into(),
        kind,
        name: name.into(),
        rule: "test".into(),
        confidence: 1.0,
        ..Default::default()
    };
    let aze = mention("Aserbaidschan", "AZE", "Azerbaijan", EntityKind::State);
    let blr = mention("Belarus", "BLR", "Belarus", EntityKind::State);
    Extraction {
        document: Document {
            id: id.into(),
            content_hash: format!("{id}{id}{id}{id}"),
            origin: format!("test/{id}.txt"),
            title: Some("Der geheime Waffendeal".into()),
            publisher: Some("POLITICO".into()),
            language: Some("de".into()),
            text: text.into(),
            ..Default::default()
        },
        events: vec![Event {
            id: format!("{id}:e1"),
            event_type: EventType::Aid,
            context: vec!["military".into()],
            actors: vec![Participant {
                entity: "BLR".into(),
                name: "Belarus".into(),
                span: Some(blr.span),
                how: "explicit".into(),
            }],
            recipients: vec![Participant {
                entity: "AZE".into(),
                name: "Azerbaijan".into(),
                span: Some(aze.span),
                how: "explicit".into(),
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
        entities: vec![aze, blr],
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

fn correct(
    store: &mut Store,
    kind: CorrectionKind,
    target: &str,
    value: Option<&str>,
    surface: Option<&str>,
) -> armsgraph_store::corrections::CorrectionOutcome {
    store
        .add_correction(&NewCorrection {
            kind,
            target: target.into(),
            value: value.map(str::to_string),
            surface: surface.map(str::to_string),
            name: None,
            by: "tester".into(),
            reason: " checked the source ".into(),
        })
        .unwrap_or_else(|e| panic!("{kind:?} {target}: {e}"))
}

/// What readers see, with the moments of corrections left out (the two stores make them a
/// second apart): counts, entities with their surfaces and mentions, events, quotes.
fn snapshot(store: &Store) -> String {
    let stats = store.stats().unwrap();
    let mut out = format!(
        "docs {} mentions {} entities {} events {} quotes {}\n",
        stats.documents, stats.mentions, stats.entities, stats.events, stats.quotes
    );
    for e in store.top_entities(None, 100).unwrap() {
        out.push_str(&format!(
            "{} {} {} {} {:?} {:?}\n",
            e.id,
            e.name,
            e.mentions,
            e.documents,
            store.entity_surfaces(&e.id).unwrap(),
            store.mentions_of(&e.id, 100).unwrap()
        ));
    }
    let filter = EventFilter {
        limit: Some(1000),
        ..Default::default()
    };
    for mut e in store.events(&filter).unwrap() {
        // Copy clusters are SQLite's only (docs/notes/postgres.md).
        e.cluster_id = None;
        for c in &mut e.event.corrections {
            c.at.clear();
        }
        out.push_str(&format!("{}\n", serde_json::to_string(&e).unwrap()));
    }
    for q in store.quotes(None, 1000).unwrap() {
        out.push_str(&format!("{}\n", serde_json::to_string(&q).unwrap()));
    }
    // The view tables a correction re-derives: every entity's graph edges and profile
    // lines, and the store-wide alert facts.
    for e in store.top_entities(None, 100).unwrap() {
        out.push_str(&format!(
            "edges {} {:?}\n",
            e.id,
            store.graph_edges(&e.id).unwrap()
        ));
        for kind in ["supplier", "recipient", "conflict"] {
            out.push_str(&format!(
                "{kind} {} {:?}\n",
                e.id,
                store.profile_lines(&e.id, kind, 100).unwrap()
            ));
        }
    }
    out.push_str(&format!("facts {:?}\n", store.pair_facts().unwrap()));
    out
}

fn events_of(store: &Store, doc: &str) -> Vec<Event> {
    store
        .events(&EventFilter {
            document: Some(doc.into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect()
}

#[test]
fn every_correction_kind_is_recorded_listed_and_withdrawn_on_every_store() {
    let mut corrected_states = Vec::new();
    for (name, mut store) in stores("corr_kinds") {
        store.insert(&extraction(A, TEXT)).unwrap();
        store.insert(&extraction(B, TEXT_B)).unwrap();
        let machine = snapshot(&store);
        let generation = store.data_generation().unwrap();

        let key = store
            .event_key_of(&format!("{A}:e1"))
            .unwrap()
            .expect("key of a stored event");
        assert_eq!(key, format!("{A}@0-40:27-35:AID"), "{name}");
        assert_eq!(store.event_key_of(&format!("{A}:e9")).unwrap(), None);

        // Event kinds, on A's event.
        let confirm = correct(&mut store, CorrectionKind::Confirm, &key, None, None);
        assert_eq!(confirm.documents, 1, "{name}");
        assert_eq!(confirm.correction.reason, "checked the source", "{name}");
        let e = &events_of(&store, A)[0];
        assert_eq!(e.confidence, 1.0, "{name}");
        assert_eq!(e.corrections[0].by, "tester", "{name}");
        assert_ne!(
            store.data_generation().unwrap(),
            generation,
            "{name}: cached views see a correction"
        );

        correct(
            &mut store,
            CorrectionKind::Type,
            &key,
            Some("assault"),
            None,
        );
        correct(&mut store, CorrectionKind::Actor, &key, Some("RUS"), None);
        correct(
            &mut store,
            CorrectionKind::Recipient,
            &key,
            Some("ARM"),
            None,
        );
        correct(
            &mut store,
            CorrectionKind::Date,
            &key,
            Some("2022-09"),
            None,
        );
        let e = &events_of(&store, A)[0];
        assert_eq!(e.event_type, EventType::Assault, "{name}");
        assert_eq!(e.actors[0].entity, "RUS", "{name}");
        assert_eq!(e.recipients[0].entity, "ARM", "{name}");
        let time = e.time.as_ref().expect("corrected date");
        assert_eq!(
            (time.start.as_deref(), time.end.as_deref()),
            (Some("2022-09-01"), Some("2022-09-30")),
            "{name}"
        );
        let by_actor = store
            .events(&EventFilter {
                actor: Some("RUS".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(by_actor.len(), 1, "{name}: the role index follows");
        let aid = store
            .events(&EventFilter {
                event_type: Some(EventType::Aid),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(aid.len(), 1, "{name}: only B's event is still AID");
        // The document reads corrected, with who and when beside the machine's value.
        let doc = store.document(A).unwrap().expect("document");
        let kinds: Vec<&str> = doc.extraction.events[0]
            .corrections
            .iter()
            .map(|c| c.kind.as_str())
            .collect();
        assert_eq!(
            kinds,
            ["confirm", "type", "actor", "recipient", "date"],
            "{name}"
        );
        assert_eq!(
            doc.extraction.events[0].corrections[1].original.as_deref(),
            Some("AID"),
            "{name}"
        );

        // Entity kinds: alias, merge (both documents), split, and a wrong event in B.
        correct(
            &mut store,
            CorrectionKind::Alias,
            "AZE",
            Some("Republik Aserbaidschan"),
            None,
        );
        assert_eq!(
            store.entity_aliases("AZE").unwrap(),
            ["Republik Aserbaidschan"],
            "{name}"
        );
        let found: Vec<String> = store
            .search_entities("republik", 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(found, ["AZE"], "{name}");
        let merge = correct(&mut store, CorrectionKind::Merge, "BLR", Some("BY"), None);
        assert_eq!(merge.documents, 2, "{name}");
        assert_eq!(store.entity_counts("BLR").unwrap(), (0, 0), "{name}");
        assert_eq!(store.entity_counts("BY").unwrap(), (2, 2), "{name}");
        let split = correct(
            &mut store,
            CorrectionKind::Split,
            "AZE",
            None,
            Some("ASERBAIDSCHAN"),
        );
        assert_eq!(split.correction.value.as_deref(), Some("AZE~aserbaidschan"));
        assert_eq!(split.documents, 2, "{name}");
        assert_eq!(store.entity_counts("AZE").unwrap(), (0, 0), "{name}");
        assert_eq!(
            store.entity_counts("AZE~aserbaidschan").unwrap(),
            (2, 2),
            "{name}"
        );
        let b_key = store.event_key_of(&format!("{B}:e1")).unwrap().unwrap();
        correct(&mut store, CorrectionKind::Wrong, &b_key, None, None);
        assert!(events_of(&store, B).is_empty(), "{name}");
        let b_recipient = store.document(B).unwrap().unwrap().extraction;
        assert!(b_recipient.events.is_empty(), "{name}");
        assert!(
            b_recipient
                .entities
                .iter()
                .all(|m| m.entity == "BY" || m.entity == "AZE~aserbaidschan"),
            "{name}: {:?}",
            b_recipient.entities
        );

        // Listed oldest first with who, when and why; none orphaned.
        let list = store.corrections(false).unwrap();
        let kinds: Vec<CorrectionKind> = list.iter().map(|c| c.correction.kind).collect();
        assert_eq!(
            kinds,
            [
                CorrectionKind::Confirm,
                CorrectionKind::Type,
                CorrectionKind::Actor,
                CorrectionKind::Recipient,
                CorrectionKind::Date,
                CorrectionKind::Alias,
                CorrectionKind::Merge,
                CorrectionKind::Split,
                CorrectionKind::Wrong,
            ],
            "{name}"
        );
        assert!(list
            .windows(2)
            .all(|w| w[0].correction.id < w[1].correction.id));
        for c in &list {
            assert_eq!(c.correction.by, "tester", "{name}");
            assert_eq!(c.correction.at.len(), 20, "{name}: {}", c.correction.at);
            assert!(!c.orphaned, "{name}: {c:?}");
            assert!(c.correction.withdrawn.is_none(), "{name}");
        }
        assert_eq!(
            list[2].correction.document.as_deref(),
            Some(A),
            "{name}: an event correction names its document"
        );
        assert!(store.corrections(true).unwrap().is_empty(), "{name}");
        assert_eq!(
            store.entity_corrections("BY").unwrap().len(),
            1,
            "{name}: the merge into BY"
        );
        corrected_states.push((name, snapshot(&store)));

        // Withdrawn out of order: the merge first, the first correction last.
        let generation = store.data_generation().unwrap();
        let ids: Vec<i64> = list.iter().map(|c| c.correction.id).collect();
        let order = [6, 7, 5, 8, 2, 3, 1, 4, 0];
        for i in order {
            let out = store
                .withdraw_correction(ids[i], "reviewer", "misread")
                .unwrap_or_else(|e| panic!("{name}: withdrawing {}: {e}", ids[i]));
            let w = out.correction.withdrawn.expect("withdrawal");
            assert_eq!((w.by.as_str(), w.reason.as_str()), ("reviewer", "misread"));
        }
        assert_ne!(store.data_generation().unwrap(), generation, "{name}");
        let again = store
            .withdraw_correction(ids[0], "reviewer", "")
            .unwrap_err();
        assert!(
            matches!(&again, StoreError::Correction(m) if m.contains("already withdrawn")),
            "{name}: {again}"
        );
        let unknown = store
            .withdraw_correction(99_999, "reviewer", "")
            .unwrap_err();
        assert!(matches!(unknown, StoreError::Correction(_)), "{name}");
        assert!(
            store.withdraw_correction(ids[0], " ", "").is_err(),
            "{name}: who withdraws is required"
        );
        // Every derived row is the machine's again; the record of what people did stays.
        assert_eq!(snapshot(&store), machine, "{name}");
        let list = store.corrections(false).unwrap();
        assert_eq!(list.len(), 9, "{name}");
        assert!(list.iter().all(|c| c.correction.withdrawn.is_some()));
        assert!(store.entity_aliases("AZE").unwrap().is_empty(), "{name}");
        assert!(
            store.search_entities("republik", 10).unwrap().is_empty(),
            "{name}: the alias left name search"
        );
        let mut read = store.document(A).unwrap().unwrap().extraction;
        read.document.cluster = None;
        assert_eq!(read, extraction(A, TEXT), "{name}");
    }
    if let [(_, sqlite), (_, postgres)] = corrected_states.as_slice() {
        assert_eq!(
            sqlite, postgres,
            "the two stores read the same corrections alike"
        );
    }
}

#[test]
fn bad_corrections_are_refused_on_every_store() {
    for (name, mut store) in stores("corr_bad") {
        store.insert(&extraction(A, TEXT)).unwrap();
        let key = store.event_key_of(&format!("{A}:e1")).unwrap().unwrap();
        let mut new = NewCorrection {
            kind: CorrectionKind::Type,
            target: key.clone(),
            value: Some("PICNIC".into()),
            surface: None,
            name: None,
            by: "tester".into(),
            reason: String::new(),
        };
        let refused = |store: &mut Store, new: &NewCorrection| {
            let err = store.add_correction(new).unwrap_err();
            assert!(matches!(err, StoreError::Correction(_)), "{name}: {err}");
        };
        refused(&mut store, &new);
        new.kind = CorrectionKind::Date;
        new.value = Some("2023-02-29".into());
        refused(&mut store, &new);
        new.target = format!("{A}:e7");
        refused(&mut store, &new);
        new.kind = CorrectionKind::Merge;
        new.target = "AZE".into();
        new.value = Some("AZE".into());
        refused(&mut store, &new);
        new.value = Some("BY".into());
        new.by = "  ".into();
        refused(&mut store, &new);
        assert!(store.corrections(false).unwrap().is_empty(), "{name}");
    }
}

#[test]
fn a_document_stored_after_a_merge_is_merged_on_every_store() {
    for (name, mut store) in stores("corr_later") {
        store.insert(&extraction(A, TEXT)).unwrap();
        correct(&mut store, CorrectionKind::Merge, "BLR", Some("BY"), None);
        store.insert(&extraction(C, TEXT_B)).unwrap();
        assert_eq!(store.entity_counts("BLR").unwrap(), (0, 0), "{name}");
        assert_eq!(store.entity_counts("BY").unwrap(), (2, 2), "{name}");
        let e = &events_of(&store, C)[0];
        assert_eq!(e.actors[0].entity, "BY", "{name}");
        assert_eq!(e.corrections[0].kind, "merge", "{name}");
        // The stored machine reading is kept: withdrawing the merge restores BLR in C too.
        let id = store.corrections(false).unwrap()[0].correction.id;
        let out = store.withdraw_correction(id, "tester", "").unwrap();
        assert_eq!(out.documents, 2, "{name}");
        assert_eq!(store.entity_counts("BLR").unwrap(), (2, 2), "{name}");
        assert_eq!(store.entity_counts("BY").unwrap(), (0, 0), "{name}");
    }
}

/// `A` read again by a "newer" reader: another id (the text is cleaned differently), a
/// sentence more, the same event.
fn reread() -> Extraction {
    let text = format!("{TEXT} Dazu kommen Panzerhaubitzen.");
    extraction("ffff000000000009", &text)
}

#[test]
fn reprocess_keeps_ids_and_corrections_resumes_and_is_idempotent_on_every_store() {
    for (name, mut store) in stores("corr_reprocess") {
        store.insert(&extraction(A, TEXT)).unwrap();
        store.insert(&extraction(B, TEXT_B)).unwrap();
        let raw = RawDocument {
            origin: format!("test/{A}.txt"),
            body: TEXT.into(),
            ..Default::default()
        };
        store.store_raw(A, &raw, Some("2022-09-01"), None).unwrap();
        let kept = store.raw_document(A).unwrap().expect("raw input");
        assert_eq!(kept.raw, raw, "{name}");
        assert_eq!(kept.published.as_deref(), Some("2022-09-01"), "{name}");
        assert!(store.raw_document(B).unwrap().is_none(), "{name}");
        let key = store.event_key_of(&format!("{A}:e1")).unwrap().unwrap();
        correct(
            &mut store,
            CorrectionKind::Type,
            &key,
            Some("ASSAULT"),
            None,
        );
        correct(&mut store, CorrectionKind::Merge, "BLR", Some("BY"), None);

        let run = store.reprocess_start(&Selection::All).unwrap();
        assert!(!run.resumed, "{name}");
        assert_eq!((run.total, run.done), (2, 0), "{name}");
        assert_eq!(run.pending, [A, B], "{name}");
        let outcome = store.replace_reading(run.id, A, &reread()).unwrap();
        assert_eq!(outcome, Outcome::Changed, "{name}");
        // Stopped here (killed): the next start with the same selection continues the run.
        let resumed = store.reprocess_start(&Selection::All).unwrap();
        assert_eq!(resumed.id, run.id, "{name}");
        assert!(resumed.resumed, "{name}");
        assert_eq!((resumed.total, resumed.done), (2, 1), "{name}");
        assert_eq!(resumed.pending, [B], "{name}");
        // Another selection is another run.
        let other = store
            .reprocess_start(&Selection::Source("cccc".into()))
            .unwrap();
        assert_ne!(other.id, run.id, "{name}");
        assert_eq!(other.total, 0, "{name}");
        store
            .reprocess_skip(run.id, B, Outcome::NoRaw, "cannot reprocess: no raw bytes")
            .unwrap();
        let counts = store.reprocess_finish(run.id).unwrap();
        assert_eq!(
            (
                counts.changed,
                counts.unchanged,
                counts.no_raw,
                counts.failed
            ),
            (1, 0, 1, 0),
            "{name}"
        );

        // The id, and the corrections, survive the new reading.
        let doc = store.document(A).unwrap().expect("same id");
        assert!(doc.extraction.document.text.ends_with("Panzerhaubitzen."));
        assert_eq!(doc.extraction.events[0].id, format!("{A}:e1"), "{name}");
        assert_eq!(
            doc.extraction.events[0].event_type,
            EventType::Assault,
            "{name}"
        );
        assert_eq!(doc.extraction.events[0].actors[0].entity, "BY", "{name}");
        assert!(store.document("ffff0000").unwrap().is_none(), "{name}");
        let e = &events_of(&store, A)[0];
        assert_eq!(e.event_type, EventType::Assault, "{name}");
        assert_eq!(store.entity_counts("BY").unwrap(), (2, 2), "{name}");
        assert_eq!(store.entity_counts("BLR").unwrap(), (0, 0), "{name}");
        assert_eq!(store.stats().unwrap().documents, 2, "{name}");
        let hits: Vec<String> = store
            .search("Panzerhaubitzen", 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(hits, [A], "{name}: the new text is searched");
        assert!(store.corrections(true).unwrap().is_empty(), "{name}");

        // Again: nothing changes, not even the documents' generation.
        let before = snapshot(&store);
        let generation = store.data_generation().unwrap().0;
        let run2 = store.reprocess_start(&Selection::All).unwrap();
        assert!(!run2.resumed, "{name}");
        assert_ne!(run2.id, run.id, "{name}");
        assert_eq!(run2.pending, [A, B], "{name}");
        let outcome = store.replace_reading(run2.id, A, &reread()).unwrap();
        assert_eq!(outcome, Outcome::Unchanged, "{name}");
        store
            .reprocess_skip(run2.id, B, Outcome::NoRaw, "no raw bytes")
            .unwrap();
        let counts = store.reprocess_finish(run2.id).unwrap();
        assert_eq!((counts.changed, counts.unchanged), (0, 1), "{name}");
        assert_eq!(snapshot(&store), before, "{name}");
        assert_eq!(store.data_generation().unwrap().0, generation, "{name}");

        // An event the new reading lost orphans its correction, which comes back with it.
        let mut lost = reread();
        lost.events.clear();
        let run3 = store
            .reprocess_start(&Selection::Since("2000-01-01".into()))
            .unwrap();
        assert_eq!(run3.total, 2, "{name}");
        assert_eq!(
            store.replace_reading(run3.id, A, &lost).unwrap(),
            Outcome::Changed
        );
        let orphaned = store.corrections(true).unwrap();
        assert_eq!(orphaned.len(), 1, "{name}");
        assert_eq!(orphaned[0].correction.kind, CorrectionKind::Type);
        assert!(events_of(&store, A).is_empty(), "{name}");
        let run4 = store
            .reprocess_start(&Selection::Source("aaaa".into()))
            .unwrap();
        assert_eq!(run4.pending, [A], "{name}");
        store.replace_reading(run4.id, A, &reread()).unwrap();
        assert!(store.corrections(true).unwrap().is_empty(), "{name}");
        assert_eq!(snapshot(&store), before, "{name}");
        assert!(store
            .replace_reading(run4.id, "0000000000000000", &reread())
            .is_err());
    }
}

#[test]
fn reprocess_selects_a_collection_on_every_store() {
    for (name, mut store) in stores("corr_collection") {
        store.insert(&extraction(A, TEXT)).unwrap();
        store.insert(&extraction(B, TEXT_B)).unwrap();
        match store.add_to_collection("desk", B) {
            Ok(()) => {
                let run = store
                    .reprocess_start(&Selection::Collection("desk".into()))
                    .unwrap();
                assert_eq!(run.total, 1, "{name}");
                assert_eq!(run.pending, [B], "{name}");
                let err = store
                    .reprocess_start(&Selection::Collection("nope".into()))
                    .unwrap_err();
                assert!(
                    matches!(&err, StoreError::Reprocess(m) if m.contains("no collection")),
                    "{name}: {err}"
                );
            }
            // Collections are not kept on this store yet: the selection says so too.
            Err(StoreError::NotOnPostgres(_)) => {
                let err = store
                    .reprocess_start(&Selection::Collection("desk".into()))
                    .unwrap_err();
                assert!(matches!(err, StoreError::NotOnPostgres(_)), "{name}: {err}");
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
}

/// Several writers storing documents while an entity is merged (PostgreSQL: many writers at
/// once): every document ends up merged — those stored before the merge re-derived by it,
/// those after it reading it — and the running counts add up.
#[test]
fn postgres_a_merge_during_concurrent_inserts_reaches_every_document() {
    let Some(base) = pg_url() else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "corr_race").unwrap();
    let mut store = Store::open(Path::new(&url)).unwrap();
    store.insert(&extraction(A, TEXT)).unwrap();
    let writers: Vec<_> = (1..=3u32)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(Path::new(&url)).unwrap();
                for i in 0..15u32 {
                    let id = format!("{w:04x}{i:012x}");
                    store.insert(&extraction(&id, TEXT_B)).unwrap();
                }
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(50));
    correct(&mut store, CorrectionKind::Merge, "BLR", Some("BY"), None);
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(store.entity_counts("BLR").unwrap(), (0, 0));
    assert_eq!(store.entity_counts("BY").unwrap(), (46, 46));
    assert_eq!(store.entity_counts("AZE").unwrap(), (46, 46));
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.mentions, stats.entities),
        (46, 92, 2)
    );
    let by_blr = store
        .events(&EventFilter {
            actor: Some("BLR".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(by_blr.is_empty());
}
