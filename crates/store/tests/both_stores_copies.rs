//! Copy clusters (near duplicates and translations), reference facts and feed-watch state:
//! the same assertions on SQLite always and on PostgreSQL when `ARMSGRAPH_TEST_PG` holds a
//! `postgres://` URL (each PostgreSQL test in a schema of its own), including two writers
//! storing copies of one article at the same moment.

mod common;

use common::pg_url;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use armsgraph_model::{
    CopyCluster, DatedValue, Document, EntityKind, Extraction, Mention, Span, TimeExpr, TimeKind,
    TimePrecision,
};
use armsgraph_store::reference::{ImportCounts, ReferenceRow};
use armsgraph_store::watch::FeedState;
use armsgraph_store::{InsertOutcome, Store};

/// Where each backend's database lives: a SQLite file (so that several connections can share
/// it) and, when configured, a fresh PostgreSQL schema. `(name, db)`; the temp dir must
/// outlive the stores.
fn databases(test: &str, dir: &tempfile::TempDir) -> Vec<(&'static str, PathBuf)> {
    let mut out = vec![("sqlite", dir.path().join(format!("{test}.db")))];
    if let Some(url) = pg_url() {
        let url = armsgraph_store::pg::fresh_schema_url(&url, test).expect("test schema");
        out.push(("postgres", PathBuf::from(url)));
    }
    out
}

fn open(db: &Path) -> Store {
    Store::open(db).expect("open store")
}

fn mention(text: &str, surface: &str, entity: &str) -> Mention {
    let byte = text.find(surface).unwrap_or(0);
    let start = text[..byte].chars().count();
    Mention {
        span: Span::new(start, start + surface.chars().count()),
        text: surface.into(),
        entity: entity.into(),
        kind: EntityKind::State,
        name: entity.into(),
        rule: "test".into(),
        confidence: 1.0,
        ..Default::default()
    }
}

/// A news document; `minhash` empty means no signature (as for a text too short to shingle).
fn doc(id: &str, language: &str, text: &str, minhash: Vec<u64>) -> Extraction {
    Extraction {
        document: Document {
            id: id.into(),
            content_hash: format!("{id}{id}{id}{id}"),
            origin: format!("test/{id}.txt"),
            title: Some(format!("Story {id}")),
            language: Some(language.into()),
            published: Some(DatedValue {
                value: "2024-05-14".into(),
                source: "user".into(),
            }),
            text: text.into(),
            minhash,
            ..Default::default()
        },
        entities: vec![
            mention(text, "Aserbaidschan", "AZE"),
            mention(text, "Belarus", "BLR"),
        ],
        ..Default::default()
    }
}

/// A signature agreeing with `base` on `same` of its 128 positions.
fn signature(base: u64, same: usize) -> Vec<u64> {
    (0..128u64)
        .map(|i| {
            if (i as usize) < same {
                base + i
            } else {
                base + 100_000 + i
            }
        })
        .collect()
}

fn cluster_of(outcome: InsertOutcome) -> Option<CopyCluster> {
    match outcome {
        InsertOutcome::Stored { cluster, .. } => cluster,
        InsertOutcome::Duplicate { id } => panic!("{id} stored twice"),
    }
}

const DE: &str =
    "Aserbaidschan kaufte von Belarus 12.500 Granaten und 345 Drohnen für 78 Millionen Euro, \
meldete Armenien. Die OVKS schwieg. Paschinjan sprach in Eriwan von 9.876 Soldaten.";
const EN: &str =
    "Azerbaijan bought 12,500 shells and 345 drones for 78 million euros from Belarus, \
Armenia reported. The CSTO kept silent. Pashinyan spoke in Yerevan of 9,876 soldiers.";
const OTHER: &str =
    "Azerbaijan bought 4,400 rifles and 61 radars for 19 million euros from Belarus, \
Armenia reported. The CSTO kept silent. Pashinyan spoke in Yerevan of 2,222 soldiers.";

/// One story, as the nlp stage would read it in `language`: the same entity ids, numbers and
/// month in both languages, so the anchors agree and the translation rule joins them.
fn story(id: &str, language: &str, text: &str) -> Extraction {
    let surfaces: &[(&str, &str)] = if language == "de" {
        &[
            ("Aserbaidschan", "AZE"),
            ("Belarus", "BLR"),
            ("Armenien", "ARM"),
            ("OVKS", "CSTO"),
            ("Paschinjan", "person:nikol-pashinyan"),
            ("Eriwan", "place:yerevan"),
        ]
    } else {
        &[
            ("Azerbaijan", "AZE"),
            ("Belarus", "BLR"),
            ("Armenia", "ARM"),
            ("CSTO", "CSTO"),
            ("Pashinyan", "person:nikol-pashinyan"),
            ("Yerevan", "place:yerevan"),
        ]
    };
    let mut ex = doc(id, language, text, Vec::new());
    ex.entities = surfaces.iter().map(|(s, e)| mention(text, s, e)).collect();
    ex.times = vec![TimeExpr {
        span: Span::new(0, 4),
        text: "May".into(),
        kind: TimeKind::Absolute,
        start: Some("2024-05-01".into()),
        end: Some("2024-05-31".into()),
        precision: TimePrecision::Month,
        anchor: "absolute".into(),
        rule: "test".into(),
    }];
    ex
}

/// The story with every figure made particular to `pair` (the figures are what set one
/// story's translation apart from another story on the same topic).
fn figures(text: &str, pair: u64) -> String {
    let n = |base: u64| (base + 7 * pair).to_string();
    text.replace("12.500", &format!("{}.500", n(20)))
        .replace("12,500", &format!("{},500", n(20)))
        .replace("345", &n(400))
        .replace("78", &n(81))
        .replace("9.876", &format!("{}.876", n(30)))
        .replace("9,876", &format!("{},876", n(30)))
}

#[test]
fn near_copies_join_one_cluster_on_every_store() {
    let dir = tempfile::tempdir().unwrap();
    for (name, db) in databases("copies_near", &dir) {
        let mut store = open(&db);
        let text = "Aserbaidschan kauft Belarus Waffen ab.";
        let first = store
            .insert(&doc("cccc000000000001", "de", text, signature(1, 128)))
            .unwrap();
        assert_eq!(cluster_of(first), None, "{name}");
        let second = cluster_of(
            store
                .insert(&doc(
                    "cccc000000000002",
                    "de",
                    "Aserbaidschan kauft Belarus Waffen ab, heißt es.",
                    signature(1, 100),
                ))
                .unwrap(),
        )
        .expect("a near copy joins");
        assert_eq!(second.cluster_id, "c-cccc000000000001", "{name}");
        assert_eq!(second.members, ["cccc000000000001", "cccc000000000002"]);
        assert_eq!(second.relation, "near", "{name}");
        // An exact copy under another id (a different normalisation) joins the same cluster.
        let third = cluster_of(
            store
                .insert(&doc("cccc000000000003", "de", text, signature(1, 128)))
                .unwrap(),
        )
        .expect("an exact copy joins");
        assert_eq!(third.relation, "exact", "{name}");
        assert_eq!(
            third.members,
            ["cccc000000000001", "cccc000000000002", "cccc000000000003"],
            "{name}"
        );
        let unrelated = store
            .insert(&doc(
                "cccc000000000004",
                "de",
                "Etwas ganz anderes.",
                signature(9_000_000, 128),
            ))
            .unwrap();
        assert_eq!(cluster_of(unrelated), None, "{name}");
        // The first document reports the cluster it was pulled into, as it is now.
        let shown = store.document("cccc000000000001").unwrap().unwrap();
        assert_eq!(
            shown.copies,
            ["cccc000000000002", "cccc000000000003"],
            "{name}"
        );
        let c = shown.extraction.document.cluster.expect("a cluster");
        assert_eq!(
            (c.relation.as_str(), c.members.len()),
            ("near", 3),
            "{name}"
        );
        assert_eq!(store.stats().unwrap().clusters, 1, "{name}");
        let alone = store.document("cccc000000000004").unwrap().unwrap();
        assert!(alone.copies.is_empty(), "{name}");
        assert_eq!(alone.extraction.document.cluster, None, "{name}");
        // Events of cluster members carry the cluster, so "distinct sources" count it once.
        let summaries = store.documents(10, 0).unwrap();
        let clustered = summaries.iter().filter(|s| s.cluster_id.is_some()).count();
        assert_eq!(clustered, 3, "{name}");
    }
}

/// A large cluster is listed, not read whole: a joining copy's record and a member's page
/// name the first `MEMBERS_LISTED` members by id, and the counts stay exact.
#[test]
fn a_large_cluster_lists_its_first_members_and_counts_them_all() {
    let listed = armsgraph_store::MEMBERS_LISTED;
    let copies = listed + 3;
    let dir = tempfile::tempdir().unwrap();
    for (name, db) in databases("copies_large", &dir) {
        let mut store = open(&db);
        let text = "Aserbaidschan kauft Belarus Waffen ab.";
        let mut last = None;
        for i in 0..copies {
            let id = format!("dddd{i:012}");
            last = cluster_of(
                store
                    .insert(&doc(&id, "de", text, signature(1, 128)))
                    .unwrap(),
            );
        }
        let last = last.expect("the last copy joins");
        assert_eq!(last.size, copies, "{name}");
        assert_eq!(
            last.members.len(),
            listed + 1,
            "{name}: the first ones and itself"
        );
        assert_eq!(
            last.members.first().map(String::as_str),
            Some("dddd000000000000")
        );
        assert_eq!(
            last.members.last(),
            Some(&format!("dddd{:012}", copies - 1)),
            "{name}"
        );
        let shown = store.document("dddd000000000001").unwrap().unwrap();
        assert_eq!(shown.copies.len(), listed, "{name}");
        assert_eq!(shown.copy_count, copies - 1, "{name}");
        assert!(!shown.copies.contains(&"dddd000000000001".to_string()));
        let c = shown.extraction.document.cluster.expect("a cluster");
        assert_eq!(c.size, copies, "{name}");
        assert!(c.members.len() <= listed + 1, "{name}");
        // The first member was pulled in by the second: its page tells how, listing bounded.
        let first = store.document("dddd000000000000").unwrap().unwrap();
        let c = first.extraction.document.cluster.expect("a cluster");
        assert_eq!((c.relation.as_str(), c.size), ("exact", copies), "{name}");
        assert_eq!(first.copies.len(), listed, "{name}");
    }
}

#[test]
fn a_translation_joins_its_original_and_another_story_does_not() {
    let dir = tempfile::tempdir().unwrap();
    for (name, db) in databases("copies_translation", &dir) {
        let mut store = open(&db);
        assert_eq!(
            cluster_of(store.insert(&story("e000000000000001", "en", EN)).unwrap()),
            None,
            "{name}"
        );
        // Same topic and actors, other figures: no translation.
        assert_eq!(
            cluster_of(
                store
                    .insert(&story("f000000000000001", "de", OTHER))
                    .unwrap()
            ),
            None,
            "{name}"
        );
        let c = cluster_of(store.insert(&story("d000000000000001", "de", DE)).unwrap())
            .expect("the translation joins");
        assert_eq!(c.relation, "translation", "{name}");
        assert_eq!(
            c.members,
            ["e000000000000001", "d000000000000001"],
            "{name}"
        );
        assert!(c.similarity >= 0.55, "{name}: {c:?}");
        let original = store.document("e000000000000001").unwrap().unwrap();
        assert_eq!(original.copies, ["d000000000000001"], "{name}");
        let pulled = original.extraction.document.cluster.expect("a cluster");
        assert_eq!(pulled.relation, "translation", "{name}");
    }
}

/// Two writers, each with its own connection, store copies of one article at the same moment,
/// many times over: each pair must end in one cluster (on PostgreSQL the advisory locks of
/// `pg_clusters.rs` make the second wait for the first; SQLite writes one at a time). The
/// window the locks close is short here; `pg_clusters`'s unit test
/// `a_copy_in_flight_is_waited_for_then_joined` holds it open on purpose.
#[test]
fn two_writers_storing_copies_at_once_end_in_one_cluster() {
    let dir = tempfile::tempdir().unwrap();
    for (name, db) in databases("copies_race", &dir) {
        drop(open(&db));
        const PAIRS: u64 = 12;
        let barrier = Arc::new(Barrier::new(2));
        let writers: Vec<_> = (0..2u64)
            .map(|w| {
                let db = db.clone();
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    let mut store = open(&db);
                    for pair in 0..PAIRS {
                        // Near copies for even pairs, translations for odd ones.
                        let id = format!("{:x}{w:015x}", pair + 1);
                        let ex = if pair % 2 == 0 {
                            let text = format!("Kopie {pair} von Autor {w}.");
                            doc(&id, "de", &text, signature(1_000 * (pair + 1), 120))
                        } else {
                            // Each pair tells a story of its own: other figures.
                            let (language, text) = if w == 0 {
                                ("de", figures(DE, pair))
                            } else {
                                ("en", figures(EN, pair))
                            };
                            story(&id, language, &text)
                        };
                        barrier.wait();
                        store.insert(&ex).expect("insert");
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().expect("writer");
        }
        let store = open(&db);
        for pair in 0..PAIRS {
            let a = format!("{:x}{:015x}", pair + 1, 0);
            let b = format!("{:x}{:015x}", pair + 1, 1);
            let shown = store.document(&a).unwrap().expect("stored");
            assert_eq!(
                shown.copies,
                std::slice::from_ref(&b),
                "{name}: pair {pair}"
            );
            let other = store.document(&b).unwrap().expect("stored");
            assert_eq!(
                shown.summary.cluster_id, other.summary.cluster_id,
                "{name}: pair {pair}"
            );
        }
        assert_eq!(store.stats().unwrap().clusters, PAIRS as i64, "{name}");
    }
}

fn fact(
    kind: &str,
    row_ref: &str,
    subject: &str,
    object: &str,
    start: Option<&str>,
) -> ReferenceRow {
    ReferenceRow {
        kind: kind.into(),
        dataset: "alliance-memberships".into(),
        row_ref: row_ref.into(),
        subject: Some(subject.into()),
        object: Some(object.into()),
        start: start.map(str::to_string),
        end: None,
        json: format!("{{\"ref\":\"{row_ref}\"}}"),
    }
}

#[test]
fn reference_facts_import_once_on_every_store() {
    let dir = tempfile::tempdir().unwrap();
    for (name, db) in databases("reference", &dir) {
        let mut store = open(&db);
        let generation = store.data_generation().unwrap().1;
        let rows = vec![
            fact("membership", "CSTO/BLR", "BLR", "CSTO", Some("1993-12-31")),
            fact("membership", "CSTO/ARM", "ARM", "CSTO", Some("1992-05-15")),
            fact("organisation", "CSTO", "CSTO", "CSTO", None),
            // The same key again in one import: the first wins, as on SQLite.
            fact("membership", "CSTO/BLR", "BLR", "NATO", None),
        ];
        let first = store.insert_reference(&rows).unwrap();
        assert_eq!(
            first,
            ImportCounts {
                inserted: 3,
                unchanged: 1
            },
            "{name}"
        );
        let again = store.insert_reference(&rows[..3]).unwrap();
        assert_eq!(
            again,
            ImportCounts {
                inserted: 0,
                unchanged: 3
            },
            "{name}"
        );
        assert_eq!(store.stats().unwrap().reference_facts, 3, "{name}");
        assert_eq!(
            store.reference_facts(Some("membership")).unwrap(),
            rows[..2],
            "{name}"
        );
        assert_eq!(store.reference_facts(None).unwrap(), rows[..3], "{name}");
        // Missing start first, then by start, as SQLite orders.
        let of: Vec<String> = store
            .reference_facts_of("CSTO")
            .unwrap()
            .into_iter()
            .map(|r| r.row_ref)
            .collect();
        assert_eq!(of, ["CSTO", "CSTO/ARM", "CSTO/BLR"], "{name}");
        let datasets = store.reference_datasets().unwrap();
        let counted: Vec<(String, i64)> = datasets.into_iter().map(|d| (d.kind, d.facts)).collect();
        assert_eq!(
            counted,
            [
                ("membership".to_string(), 2),
                ("organisation".to_string(), 1)
            ],
            "{name}"
        );
        assert!(
            store.data_generation().unwrap().1 > generation,
            "{name}: a view over reference facts must see the import"
        );
        // A large import goes in chunks and keeps its order.
        let many: Vec<ReferenceRow> = (0..4_500)
            .map(|i| fact("conflict", &format!("c{i:05}"), "AZE", "ARM", None))
            .collect();
        let counts = store.insert_reference(&many).unwrap();
        assert_eq!(counts.inserted, 4_500, "{name}");
        let stored = store.reference_facts(Some("conflict")).unwrap();
        assert_eq!(stored.first().map(|r| r.row_ref.as_str()), Some("c00000"));
        assert_eq!(stored.last().map(|r| r.row_ref.as_str()), Some("c04499"));
    }
}

#[test]
fn watch_state_survives_reopening_on_every_store() {
    let dir = tempfile::tempdir().unwrap();
    for (name, db) in databases("watch", &dir) {
        let feed = "https://e.org/rss";
        {
            let mut store = open(&db);
            assert_eq!(store.watch_state(feed).unwrap(), None, "{name}");
            let state = FeedState {
                etag: Some("\"v1\"".into()),
                last_modified: Some("Wed, 21 Oct 2026 07:28:00 GMT".into()),
            };
            store
                .save_watch_round(feed, &state, &["a".into(), "b".into()])
                .unwrap();
            let newer = FeedState {
                etag: Some("\"v2\"".into()),
                last_modified: None,
            };
            store.save_watch_round(feed, &newer, &["b".into()]).unwrap();
        }
        let store = open(&db);
        let state = store.watch_state(feed).unwrap().expect("state kept");
        assert_eq!(state.etag.as_deref(), Some("\"v2\""), "{name}");
        assert_eq!(state.last_modified, None, "{name}");
        assert!(store.watch_item_seen(feed, "a").unwrap(), "{name}");
        assert!(store.watch_item_seen(feed, "b").unwrap(), "{name}");
        assert!(!store.watch_item_seen(feed, "c").unwrap(), "{name}");
        assert!(
            !store.watch_item_seen("https://other/rss", "a").unwrap(),
            "{name}"
        );
    }
}

/// A story stored forty times (more than a bucket's candidates are compared with) is one
/// cluster of forty on every store: each copy finds the cluster among the first documents of
/// its buckets, and never compares itself with every earlier copy.
#[test]
fn a_story_stored_many_times_is_one_cluster_on_every_store() {
    let dir = tempfile::tempdir().unwrap();
    for (name, db) in databases("copies_many", &dir) {
        let mut store = open(&db);
        let text = "Aserbaidschan kauft Belarus Waffen ab.";
        let mut last = None;
        for i in 0..40 {
            let id = format!("dddd{i:012}");
            last = cluster_of(
                store
                    .insert(&doc(&id, "de", text, signature(7, 128)))
                    .unwrap(),
            );
        }
        let cluster = last.expect("the last copy joins");
        assert_eq!(cluster.cluster_id, "c-dddd000000000000", "{name}");
        assert_eq!(cluster.members.len(), 40, "{name}");
    }
}
