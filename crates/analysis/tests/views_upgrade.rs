//! A database made before the indexed view tables existed (schema 1) is upgraded on open by
//! back-filling them from its stored extractions, and every view answers as it did on a
//! database that kept them from the start.

mod common;

use armsgraph_analysis::{query, refs, store_alerts, AlertOptions};
use armsgraph_kb::DataFiles;
use armsgraph_model::{RawDocument, SourceKind};
use armsgraph_pipeline::{Pipeline, ReadOptions};
use armsgraph_store::{EventFilter, Store, SCHEMA_VERSION};

const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");

/// Everything the views read, as one comparable value.
fn answers(store: &Store) -> String {
    let (refs, _) = refs::load_reference(store, &DataFiles::Embedded).expect("reference data");
    let mut out = Vec::new();
    for id in ["BLR", "AZE", "ARM", "RUS"] {
        let p = query::profile(store, &refs, None, id, "2024-06-01").expect("profile");
        out.push(format!("{p:?}"));
        out.push(format!("{:?}", store.entity_roles(id).expect("roles")));
        out.push(format!("{:?}", store.entity_members(id).expect("members")));
        out.push(format!(
            "{:?}",
            store.entity_affiliations(id).expect("ties")
        ));
        out.push(format!(
            "{:?}",
            store.quotes_mentioning(id, 100).expect("quotes")
        ));
    }
    for id in ["", "AZE", "ARM", "BLR", "RUS"] {
        for edge in store.graph_edges(id).expect("edges") {
            out.push(format!("{edge:?}"));
            let events = store
                .edge_events(id, &edge.actor, &edge.recipient, &edge.relation, 100)
                .expect("edge events");
            out.push(format!("{events:?}"));
        }
        out.push(format!(
            "{:?}",
            store.affiliation_targets(id).expect("targets")
        ));
    }
    for kind in ["supplier", "recipient", "conflict"] {
        out.push(format!(
            "{:?}",
            store.profile_lines("AZE", kind, 100).expect("lines")
        ));
    }
    let alerts = store_alerts(store, &refs, &AlertOptions::default()).expect("alerts");
    out.push(format!("{alerts:?}"));
    out.push(format!("{:?}", store.top_entities(None, 50).expect("top")));
    out.push(format!(
        "{:?}",
        store.search_entities("aserb", 10).expect("search")
    ));
    out.push(format!(
        "{:?}",
        store
            .events(&EventFilter {
                involving: Some("AZE".into()),
                by_time: true,
                ..Default::default()
            })
            .expect("events")
    ));
    out.push(format!(
        "{:?}",
        store.recent_document_alerts(10).expect("doc alerts")
    ));
    out.join("\n")
}

/// Drops what schema 3 added (tables, indexes, columns of `entity_events`).
const DOWN_TO_2: &str = "DROP TABLE entity_lines; DROP TABLE edge_events; DROP TABLE entity_edges;
     DROP TABLE entity_role_firsts; DROP TABLE entity_affiliation_set;
     DROP TABLE affiliation_members; DROP INDEX actor_affiliations_pair;
     DROP INDEX entity_documents_top; DROP INDEX documents_newest; DROP INDEX quotes_speaker_doc;
     DROP INDEX entity_events_time;
     ALTER TABLE entity_events DROP COLUMN undated; ALTER TABLE entity_events DROP COLUMN time_start;
     UPDATE meta SET value = '2' WHERE key = 'schema_version';";

#[test]
fn a_schema_2_database_is_back_filled_on_open() {
    let ex = seed_extraction();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v2.db");
    let before = {
        let mut store = Store::open(&path).expect("open");
        store.insert(&ex).expect("insert");
        let a = answers(&store);
        assert!(a.contains("arms_transfer") || a.contains("conflict"), "{a}");
        store
            .connection()
            .execute_batch(DOWN_TO_2)
            .expect("downgrade");
        a
    };
    let store = Store::open(&path).expect("upgrade on open");
    assert_eq!(answers(&store), before);
    drop(store);
    let again = Store::open(&path).expect("open again");
    assert_eq!(answers(&again), before);
}

fn seed_extraction() -> armsgraph_model::Extraction {
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

#[test]
fn a_schema_1_database_is_back_filled_on_open() {
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
    let ex = pipeline.read(&raw, &opts).expect("seed reads");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    let before = {
        let mut store = Store::open(&path).expect("open");
        store.insert(&ex).expect("insert");
        let a = answers(&store);
        assert!(a.contains("alliance_contradiction:BLR:AZE:ARM:CSTO"), "{a}");
        // Make it what schema 1 was: no view tables, no added columns.
        store
            .connection()
            .execute_batch(DOWN_TO_2)
            .expect("down to 2");
        store
            .connection()
            .execute_batch(
                "DROP TABLE actors; DROP TABLE actor_roles; DROP TABLE actor_affiliations;
                 DROP TABLE document_alerts; DROP TABLE entity_counts; DROP TABLE entity_names;
                 DROP TABLE entity_documents; DROP TABLE entity_surfaces; DROP TABLE entity_events;
                 ALTER TABLE events DROP COLUMN factuality;
                 ALTER TABLE events DROP COLUMN has_arms;
                 ALTER TABLE events DROP COLUMN military;
                 ALTER TABLE quotes DROP COLUMN msg_start;
                 ALTER TABLE quotes DROP COLUMN msg_end;
                 UPDATE meta SET value = '1' WHERE key = 'schema_version';",
            )
            .expect("downgrade");
        a
    };
    let store = Store::open(&path).expect("upgrade on open");
    let version: String = store
        .connection()
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION.to_string());
    assert_eq!(answers(&store), before);
    // Opening again changes nothing.
    drop(store);
    let again = Store::open(&path).expect("open again");
    assert_eq!(answers(&again), before);
}

/// A page's profile (at most `limit` lines per list, read from `entity_lines`) is the head
/// of the whole profile, and its totals count the whole lists.
#[test]
fn a_limited_profile_is_the_head_of_the_whole_one() {
    let ex = seed_extraction();
    let mut store = common::store("limited_profile");
    store.insert(&ex).expect("insert");
    let (refs, _) = refs::load_reference(&store, &DataFiles::Embedded).expect("reference data");
    let mut checked = 0;
    for id in ["AZE", "ARM", "BLR", "RUS", "CSTO"] {
        let whole = query::profile(&store, &refs, None, id, "2024-06-01").expect("profile");
        for limit in [1, 2, 5] {
            let part = query::profile_limited(&store, &refs, None, id, "2024-06-01", limit)
                .expect("limited profile");
            for (a, b) in [
                (&whole.suppliers, &part.suppliers),
                (&whole.recipients, &part.recipients),
                (&whole.conflicts, &part.conflicts),
            ] {
                assert_eq!(&a[..a.len().min(limit)], &b[..], "{id} limit {limit}");
                checked += a.len().min(limit);
            }
            assert_eq!(part.suppliers_total, whole.suppliers.len(), "{id}");
            assert_eq!(part.recipients_total, whole.recipients.len(), "{id}");
            assert_eq!(part.conflicts_total, whole.conflicts.len(), "{id}");
            assert_eq!(
                &whole.quotes_by[..whole.quotes_by.len().min(limit)],
                &part.quotes_by[..]
            );
        }
    }
    assert!(
        checked > 0,
        "the seed gives some transfer or conflict lines"
    );
}

/// The store's sort key for profile lines is the knowledge base's first day of a date.
#[test]
fn profile_lines_sort_by_the_first_day_of_a_date() {
    for d in [
        "2022",
        "2022-09",
        "2022-09-14",
        "2022-09-14T10:00",
        "Sept 2022",
        "",
        "20x2",
    ] {
        assert_eq!(
            armsgraph_store::sort_date(d),
            armsgraph_kb::reference::date_floor(d),
            "{d}"
        );
    }
}
