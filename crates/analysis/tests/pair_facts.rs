//! Store-wide alerts read from the per-pair facts kept at ingest are the alerts the rule
//! raises over every candidate event; a schema-3 database (plain JSON extractions, no kept
//! facts) is upgraded on open and answers as before.

mod common;

use armsgraph_analysis::{refs, store_alerts, store_alerts_from_events, AlertOptions};
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::DataFiles;
use armsgraph_model::{Extraction, Factuality};
use armsgraph_store::{pair_facts::FIRST_LINKS, Store};

fn defaults() -> ReferenceData {
    ReferenceData::load(&DataFiles::Embedded).expect("embedded reference data")
}

/// A document like the test article, with its own id, and its facts' dates, confidence and
/// factuality varied by `n`, so that the store keeps several groups per pair.
fn variant(n: usize) -> Extraction {
    let id = format!("{:016x}", 0xa000 + n);
    let mut ex = common::article(&id, &format!("https://example.org/{n}"));
    let aid = &mut ex.events[0];
    aid.confidence = [0.7, 0.55, 0.9][n % 3];
    if n % 4 == 1 {
        aid.factuality = Factuality::Reported;
    }
    if n % 5 == 2 {
        // Undated: the publication date bounds it.
        aid.time = None;
    }
    let fight = &mut ex.events[1];
    if n % 3 == 2 {
        let t = fight.time.as_mut().expect("dated fight");
        t.start = Some(format!("202{}-0{}", n % 4, 1 + n % 9));
        t.end = None;
    }
    if n % 7 == 3 {
        fight.factuality = Factuality::Denied;
    }
    // Published on different days, so that undated facts fall on different dates.
    if let Some(p) = ex.document.published.as_mut() {
        p.value = format!("2024-0{}-15", 1 + n % 6);
    }
    ex
}

fn store_of(docs: usize) -> Store {
    let mut store = common::store("pair_facts");
    // Not in id order: kept links must still be the first by document order.
    let mut order: Vec<usize> = (0..docs).collect();
    order.reverse();
    order.rotate_left(docs / 3);
    for n in order {
        store.insert(&variant(n)).expect("insert");
    }
    store
}

#[test]
fn kept_facts_raise_the_alerts_every_event_raises() {
    let refs = defaults();
    let store = store_of(12);
    let kept = store_alerts(&store, &refs, &AlertOptions::default()).expect("kept");
    let events =
        store_alerts_from_events(&store, &refs, None, &AlertOptions::default()).expect("events");
    assert!(
        kept.iter()
            .any(|a| a.id == "alliance_contradiction:BLR:AZE:ARM:CSTO"),
        "{kept:#?}"
    );
    assert_eq!(kept, events);
    // And with the options per-document alerts use.
    let opts = AlertOptions {
        require_document: true,
        register_transfers: false,
        ..AlertOptions::default()
    };
    assert_eq!(
        store_alerts(&store, &refs, &opts).expect("kept"),
        store_alerts_from_events(&store, &refs, None, &opts).expect("events")
    );
}

#[test]
fn past_the_kept_links_the_chain_is_the_head_and_the_totals_are_whole() {
    let refs = defaults();
    // Every document the same facts: one group per pair, far more facts than it keeps.
    let mut store = common::store("pair_facts");
    let docs = FIRST_LINKS * 2 + 5;
    for n in (0..docs).rev() {
        let id = format!("{:016x}", 0xb000 + n);
        store
            .insert(&common::article(&id, "https://example.org/same"))
            .expect("insert");
    }
    let opts = AlertOptions::default();
    let kept =
        armsgraph_analysis::store_alerts_with_totals(&store, &refs, None, &opts).expect("kept");
    let whole = store_alerts_from_events(&store, &refs, None, &opts).expect("events");
    assert_eq!(kept.len(), whole.len());
    for ((a, totals), w) in kept.iter().zip(&whole) {
        assert_eq!(a.id, w.id);
        assert_eq!(a.confidence, w.confidence);
        assert_eq!(a.title, w.title);
        assert_eq!(totals.links, w.chain.len(), "{}", a.id);
        let docs_of = |chain: &[armsgraph_model::ChainLink]| -> Vec<armsgraph_model::ChainLink> {
            chain
                .iter()
                .filter(|l| l.source.starts_with("document:"))
                .cloned()
                .collect()
        };
        let (shown, all) = (docs_of(&a.chain), docs_of(&w.chain));
        if all.len() > FIRST_LINKS * 2 {
            assert!(totals.truncated, "{}", a.id);
            // The first links of each kind are the whole chain's first.
            for kind in ["transfer", "conflict"] {
                let head: Vec<_> = shown.iter().filter(|l| l.kind == kind).collect();
                let whole_head: Vec<_> = all
                    .iter()
                    .filter(|l| l.kind == kind)
                    .take(head.len())
                    .collect();
                assert_eq!(
                    head.len().min(FIRST_LINKS),
                    FIRST_LINKS.min(whole_head.len())
                );
                assert_eq!(head, whole_head, "{kind}");
            }
        }
    }
}

/// What a schema-3 armsgraph wrote: no kept facts, extractions as plain JSON text.
fn down_to_3(store: &Store) {
    let conn = store.connection();
    let rows: Vec<(String, String)> = {
        let mut stmt = conn
            .prepare("SELECT id, extraction FROM documents")
            .expect("select");
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    armsgraph_store::extraction_json(r.get_ref(1)?)?,
                ))
            })
            .expect("rows");
        rows.collect::<Result<_, _>>().expect("read")
    };
    for (id, json) in rows {
        conn.execute(
            "UPDATE documents SET extraction = ?1 WHERE id = ?2",
            [&json, &id],
        )
        .expect("plain");
    }
    conn.execute_batch(
        "DROP TABLE pair_facts; DROP TABLE pair_fact_names;
         UPDATE meta SET value = '3' WHERE key = 'schema_version';",
    )
    .expect("down to 3");
}

#[test]
fn a_schema_3_database_answers_as_before_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v3.db");
    let answers = |store: &Store| {
        let (refs, _) = refs::load_reference(store, &DataFiles::Embedded).expect("refs");
        let alerts = store_alerts(store, &refs, &AlertOptions::default()).expect("alerts");
        let docs: Vec<_> = (0..6)
            .map(|n| {
                store
                    .document(&format!("{:016x}", 0xa000 + n))
                    .expect("doc")
            })
            .collect();
        let search = store.search("armenia", 10).expect("search");
        format!("{alerts:?}\n{docs:?}\n{search:?}")
    };
    let before = {
        let mut store = Store::open(&path).expect("open");
        for n in 0..6 {
            store.insert(&variant(n)).expect("insert");
        }
        let a = answers(&store);
        assert!(a.contains("alliance_contradiction:BLR:AZE:ARM:CSTO"), "{a}");
        down_to_3(&store);
        let plain: String = store
            .connection()
            .query_row(
                "SELECT typeof(extraction) FROM documents LIMIT 1",
                [],
                |r| r.get(0),
            )
            .expect("type");
        assert_eq!(plain, "text");
        a
    };
    let mut store = Store::open(&path).expect("upgrade on open");
    assert_eq!(answers(&store), before);
    // Old rows stay plain; a new one is written compressed, and both read.
    store.insert(&variant(7)).expect("insert");
    let kinds: Vec<String> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT DISTINCT typeof(extraction) FROM documents ORDER BY 1")
            .expect("select");
        let rows = stmt.query_map([], |r| r.get(0)).expect("rows");
        rows.collect::<Result<_, _>>().expect("read")
    };
    assert_eq!(kinds, ["blob", "text"]);
    assert!(store
        .document(&format!("{:016x}", 0xa000 + 7))
        .expect("read")
        .is_some());
}
