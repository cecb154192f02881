//! People's corrections honoured by every reader: event lists, profiles, alerts, the graph
//! tables, exports; re-derived rows equal to a fresh store's; and survival of a re-reading.

mod common;

use armsgraph_analysis::export::{self, ExportData};
use armsgraph_analysis::query::{self, EventQuery};
use armsgraph_analysis::{refs, store_alerts, AlertOptions};
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::DataFiles;
use armsgraph_model::{EventType, Extraction};
use armsgraph_store::corrections::{self, CorrectionKind, NewCorrection};
use armsgraph_store::{EventFilter, Store};

const DOC: &str = "0123456789abcdef";
const URL: &str = "https://example.org/secret-arms-deal";
const ALERT: &str = "alliance_contradiction:BLR:AZE:ARM:CSTO";

fn store() -> (Store, ReferenceData) {
    let mut store = common::store("corrections");
    let mut ex = common::article(DOC, URL);
    ex.alerts = armsgraph_analysis::alerts_for_extraction(&ex, &defaults());
    store.insert(&ex).unwrap();
    refs::import_defaults(&mut store, &DataFiles::Embedded).unwrap();
    let (refs, _) = refs::load_reference(&store, &DataFiles::Embedded).unwrap();
    (store, refs)
}

fn defaults() -> ReferenceData {
    ReferenceData::load(&DataFiles::Embedded).unwrap()
}

fn correct(store: &mut Store, kind: CorrectionKind, target: &str, value: Option<&str>) -> i64 {
    store
        .add_correction(&NewCorrection {
            kind,
            target: target.into(),
            value: value.map(str::to_string),
            surface: None,
            name: None,
            by: "analyst".into(),
            reason: "checked the source".into(),
        })
        .unwrap()
        .correction
        .id
}

fn alert_ids(store: &Store, refs: &ReferenceData) -> Vec<String> {
    store_alerts(store, refs, &AlertOptions::default())
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect()
}

/// No line of a profile list rests on a document (reference lines may remain).
fn from_documents(lines: &[query::FactLine]) -> bool {
    lines.iter().all(|l| !l.source.starts_with("document:"))
}

fn transfer_id() -> String {
    format!("{DOC}:e1")
}

fn assault_id() -> String {
    format!("{DOC}:e2")
}

#[test]
fn an_event_marked_wrong_leaves_events_alerts_profiles_and_exports() {
    let (mut store, refs) = store();
    assert!(alert_ids(&store, &refs).contains(&ALERT.to_string()));
    assert_eq!(store.recent_document_alerts(10).unwrap().len(), 1);
    correct(&mut store, CorrectionKind::Wrong, &transfer_id(), None);
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].event.event_type, EventType::Assault);
    // The store-wide alert rested on the transfer; so did the one recorded at ingest.
    assert!(!alert_ids(&store, &refs).contains(&ALERT.to_string()));
    assert!(store.recent_document_alerts(10).unwrap().is_empty());
    // No supplier line on Azerbaijan's profile, no arms edge in the graph tables.
    let profile = query::profile(&store, &refs, None, "AZE", "2024-06-01").unwrap();
    assert!(
        from_documents(&profile.suppliers),
        "{:?}",
        profile.suppliers
    );
    assert!(store
        .graph_edges("")
        .unwrap()
        .iter()
        .all(|e| e.relation != "arms_transfer"));
    // The export reads the corrected document.
    let data = ExportData::from_store(&store, refs.clone(), Vec::new()).unwrap();
    let jsonl = export::jsonl(&data).unwrap();
    assert!(!jsonl.contains(&transfer_id()), "{jsonl}");
    assert!(jsonl.contains(&assault_id()));
    // The machine's reading is kept (read under the store through SQL, so on SQLite only).
    if !common::on_postgres() {
        let machine: String = store
            .connection()
            .query_row(
                "SELECT extraction FROM documents WHERE id = ?1",
                [DOC],
                |r| armsgraph_store::extraction_json(r.get_ref(0)?),
            )
            .unwrap();
        assert!(machine.contains(&transfer_id()));
    }
}

#[test]
fn a_new_actor_changes_the_alert_and_shows_who_corrected_what() {
    let (mut store, refs) = store();
    correct(
        &mut store,
        CorrectionKind::Actor,
        &transfer_id(),
        Some("RUS"),
    );
    let ids = alert_ids(&store, &refs);
    assert!(!ids.contains(&ALERT.to_string()), "{ids:?}");
    assert!(
        ids.contains(&"alliance_contradiction:RUS:AZE:ARM:CSTO".to_string()),
        "{ids:?}"
    );
    let merged = query::events(
        &store,
        &EventQuery {
            filter: EventFilter {
                actor: Some("RUS".into()),
                ..EventFilter::default()
            },
            min_sources: 1,
        },
    )
    .unwrap();
    assert_eq!(merged.len(), 1);
    let c = &merged[0].reports[0].corrections[0];
    assert_eq!(
        (
            c.kind.as_str(),
            c.by.as_str(),
            c.original.as_deref(),
            c.value.as_deref()
        ),
        ("actor", "analyst", Some("BLR"), Some("RUS"))
    );
    assert_eq!(c.reason, "checked the source");
    let text = armsgraph_analysis::render::render_event_text(&merged[0]);
    assert!(
        text.contains("corrected by analyst at") && text.contains("(machine: BLR)"),
        "{text}"
    );
    assert!(store
        .graph_edges("")
        .unwrap()
        .iter()
        .any(|e| e.actor == "RUS" && e.recipient == "AZE" && e.relation == "arms_transfer"));
}

#[test]
fn type_date_and_confirm_corrections_reach_the_event() {
    let (mut store, refs) = store();
    correct(
        &mut store,
        CorrectionKind::Type,
        &assault_id(),
        Some("consult"),
    );
    correct(
        &mut store,
        CorrectionKind::Date,
        &transfer_id(),
        Some("2021-03"),
    );
    correct(&mut store, CorrectionKind::Confirm, &transfer_id(), None);
    let assaults = store
        .events(&EventFilter {
            event_type: Some(EventType::Assault),
            ..EventFilter::default()
        })
        .unwrap();
    assert!(assaults.is_empty());
    let profile = query::profile(&store, &refs, None, "AZE", "2024-06-01").unwrap();
    assert!(
        from_documents(&profile.conflicts),
        "{:?}",
        profile.conflicts
    );
    let in_2021 = store
        .events(&EventFilter {
            from: Some("2021-01-01".into()),
            to: Some("2021-12-31".into()),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(in_2021.len(), 1);
    let e = &in_2021[0].event;
    assert_eq!(e.confidence, 1.0);
    let kinds: Vec<&str> = e.corrections.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["date", "confirm"]);
    assert_eq!(e.corrections[0].original, None, "the machine had no date");
    // The document view shows the corrected reading too.
    let doc = store.document(DOC).unwrap().unwrap();
    let consult = doc
        .extraction
        .events
        .iter()
        .find(|e| e.id == assault_id())
        .unwrap();
    assert_eq!(consult.event_type, EventType::Consult);
    assert_eq!(consult.corrections[0].original.as_deref(), Some("ASSAULT"));
}

#[test]
fn merge_split_and_alias_move_entities_everywhere() {
    let (mut store, refs) = store();
    correct(&mut store, CorrectionKind::Merge, "BLR", Some("RUS"));
    assert_eq!(store.entity_counts("BLR").unwrap(), (0, 0));
    assert_eq!(store.entity_counts("RUS").unwrap().0, 2);
    // Found by the merged entity's names.
    let hits = store.search_entities("belarus", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["RUS"]
    );
    assert!(alert_ids(&store, &refs).contains(&"alliance_contradiction:RUS:AZE:ARM:CSTO".into()));
    // A document stored after the merge is merged as it is stored.
    let mut later = common::article("fedcba9876543210", "https://example.net/later");
    later.document.content_hash = "later".into();
    store.insert(&later).unwrap();
    assert_eq!(store.entity_counts("BLR").unwrap(), (0, 0));
    assert_eq!(store.entity_counts("RUS").unwrap(), (4, 2));
    let data = ExportData::from_store(&store, refs.clone(), Vec::new()).unwrap();
    let ftm = export::ftm(&data).unwrap();
    assert!(!ftm.contains("\"BLR\""), "{ftm}");

    // Split: "Azerbaijani" (the forces) is not the state.
    store
        .add_correction(&NewCorrection {
            kind: CorrectionKind::Split,
            target: "AZE".into(),
            value: Some("organisation:aze-forces".into()),
            surface: Some("azerbaijani".into()),
            name: Some("Azerbaijani forces".into()),
            by: "analyst".into(),
            reason: String::new(),
        })
        .unwrap();
    assert_eq!(
        store.entity_counts("organisation:aze-forces").unwrap(),
        (2, 2)
    );
    assert_eq!(store.entity_counts("AZE").unwrap().0, 4);
    let fights = store
        .events(&EventFilter {
            actor: Some("organisation:aze-forces".into()),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(fights.len(), 2);
    assert_eq!(fights[0].event.actors[0].name, "Azerbaijani forces");

    correct(
        &mut store,
        CorrectionKind::Alias,
        "AZE",
        Some("Aserbaidschan"),
    );
    let hits = store.search_entities("aserbaid", 10).unwrap();
    assert_eq!(hits[0].id, "AZE");
    assert_eq!(store.entity_aliases("AZE").unwrap(), ["Aserbaidschan"]);
    let profile = query::profile(&store, &refs, None, "AZE", "2024-06-01").unwrap();
    assert!(profile
        .aliases
        .contains(&"Aserbaidschan (alias)".to_string()));
    assert_eq!(store.corrections(false).unwrap().len(), 3);
    assert!(store.corrections(true).unwrap().is_empty());
}

/// Every table derived from documents, as rows in a fixed order (for comparing stores). Read
/// through SQL under the store, so on SQLite only: none on PostgreSQL, where the store's
/// both_stores_corrections.rs compares what the store answers instead.
fn derived_rows(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    if common::on_postgres() {
        return out;
    }
    for (table, cols) in [
        ("entity_counts", "entity, kind, name, mentions, documents"),
        ("entity_surfaces", "entity, surface, mentions"),
        ("entity_documents", "entity, doc_id, mentions"),
        (
            "entity_edges",
            "entity, actor, recipient, relation, events, pairs",
        ),
        (
            "edge_events",
            "entity, actor, recipient, relation, doc_id, seq",
        ),
        (
            "entity_lines",
            "entity, line, counterpart, sort_date, doc_id, seq",
        ),
        ("entity_events", "entity, doc_id, seq, event_id"),
        ("event_roles", "event_id, role, entity"),
        ("events", "id, event_type, time_start, json"),
        ("mentions", "doc_id, start, entity, name"),
        ("actors", "doc_id, entity, name"),
        ("document_alerts", "doc_id, seq, json"),
    ] {
        let sql = format!("SELECT {cols} FROM {table} ORDER BY {cols}");
        let mut stmt = store.connection().prepare(&sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut s = format!("{table}:");
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    s.push_str(&format!(" {v:?}"));
                }
                Ok(s)
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// Reads the derived tables under the store through SQL, so it compares SQLite stores only
/// (on PostgreSQL the store's both_stores_corrections.rs compares what the store answers).
#[test]
fn re_derived_rows_equal_a_fresh_store_of_the_corrected_reading() {
    if common::on_postgres() {
        return;
    }
    let (mut store, _) = store();
    let mut second = common::article("fedcba9876543210", "https://example.net/b");
    second.document.content_hash = "other".into();
    store.insert(&second).unwrap();
    correct(&mut store, CorrectionKind::Merge, "BLR", Some("RUS"));
    correct(&mut store, CorrectionKind::Wrong, &assault_id(), None);
    correct(
        &mut store,
        CorrectionKind::Recipient,
        &transfer_id(),
        Some("ARM"),
    );
    let list: Vec<corrections::Correction> = store
        .corrections(false)
        .unwrap()
        .into_iter()
        .map(|c| c.correction)
        .collect();
    let mut fresh = Store::open_in_memory().unwrap();
    for id in [DOC, "fedcba9876543210"] {
        let mut ex: Extraction = store.document(id).unwrap().unwrap().extraction;
        // What the first store indexed is the machine reading with the corrections applied;
        // the second store gets that reading directly (and no corrections).
        let machine: String = store
            .connection()
            .query_row(
                "SELECT extraction FROM documents WHERE id = ?1",
                [id],
                |r| armsgraph_store::extraction_json(r.get_ref(0)?),
            )
            .unwrap();
        let mut from_machine: Extraction = serde_json::from_str(&machine).unwrap();
        corrections::apply(&mut from_machine, &list);
        assert_eq!(from_machine, ex);
        ex.document.cluster = None;
        fresh.insert(&ex).unwrap();
    }
    assert_eq!(derived_rows(&store), derived_rows(&fresh));
}

#[test]
fn a_correction_survives_a_re_reading_and_is_orphaned_when_its_event_is_gone() {
    let (mut store, refs) = store();
    correct(
        &mut store,
        CorrectionKind::Actor,
        &transfer_id(),
        Some("RUS"),
    );
    // A newer reader finds one more event before the transfer: every event id shifts.
    let mut reread = common::article(DOC, URL);
    let mut extra = reread.events[1].clone();
    extra.evidence[0].trigger.start += 1;
    extra.event_type = EventType::Threaten;
    reread.events.insert(0, extra);
    for (i, e) in reread.events.iter_mut().enumerate() {
        e.id = format!("{DOC}:e{}", i + 5);
    }
    let run = store
        .reprocess_start(&armsgraph_store::raw::Selection::All)
        .unwrap();
    store.replace_reading(run.id, DOC, &reread).unwrap();
    let transfers = store
        .events(&EventFilter {
            event_type: Some(EventType::Aid),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(transfers.len(), 1);
    assert_eq!(transfers[0].event.id, format!("{DOC}:e6"));
    assert_eq!(transfers[0].event.actors[0].entity, "RUS");
    assert!(alert_ids(&store, &refs).contains(&"alliance_contradiction:RUS:AZE:ARM:CSTO".into()));
    assert!(store.corrections(true).unwrap().is_empty());

    // A later reading without the transfer: the correction is kept, shown as orphaned.
    let mut without = reread.clone();
    without.events.retain(|e| e.event_type != EventType::Aid);
    store.replace_reading(run.id, DOC, &without).unwrap();
    let orphaned = store.corrections(true).unwrap();
    assert_eq!(orphaned.len(), 1, "{orphaned:?}");
    assert_eq!(orphaned[0].correction.kind, CorrectionKind::Actor);
}

#[test]
fn withdrawn_corrections_apply_nowhere_and_leave_the_rows_as_before() {
    let (mut store, refs) = store();
    let before_rows = derived_rows(&store);
    let before_alerts = alert_ids(&store, &refs);
    let blr = store.entity_counts("BLR").unwrap();
    let ids = [
        correct(&mut store, CorrectionKind::Merge, "BLR", Some("RUS")),
        correct(&mut store, CorrectionKind::Wrong, &assault_id(), None),
        correct(
            &mut store,
            CorrectionKind::Recipient,
            &transfer_id(),
            Some("ARM"),
        ),
        correct(
            &mut store,
            CorrectionKind::Alias,
            "AZE",
            Some("Aserbaidschan"),
        ),
    ];
    let split = store
        .add_correction(&NewCorrection {
            kind: CorrectionKind::Split,
            target: "AZE".into(),
            value: Some("organisation:aze-forces".into()),
            surface: Some("azerbaijani".into()),
            name: None,
            by: "analyst".into(),
            reason: String::new(),
        })
        .unwrap()
        .correction
        .id;
    if !common::on_postgres() {
        assert_ne!(derived_rows(&store), before_rows);
    }
    let generation = store.data_generation().unwrap();
    // Withdrawn out of order: each leaves the others in force.
    let out = store
        .withdraw_correction(ids[0], "editor", "same person, wrong merge")
        .unwrap();
    assert!(out.documents >= 1);
    assert_ne!(store.data_generation().unwrap(), generation, "views see it");
    assert_eq!(store.entity_counts("BLR").unwrap(), blr);
    assert!(store
        .events(&EventFilter::default())
        .unwrap()
        .iter()
        .all(|e| e.event.event_type != EventType::Assault));
    for id in [split, ids[3], ids[1], ids[2]] {
        store.withdraw_correction(id, "editor", "").unwrap();
    }
    assert_eq!(derived_rows(&store), before_rows);
    assert_eq!(alert_ids(&store, &refs), before_alerts);
    assert!(store.entity_aliases("AZE").unwrap().is_empty());
    assert!(store
        .search_entities("aserbaid", 10)
        .unwrap()
        .iter()
        .all(|h| h.id != "AZE"));
    // Still listed, with who took it back; never orphaned; never withdrawn twice.
    let listed = store.corrections(false).unwrap();
    assert_eq!(listed.len(), 5);
    let first = &listed[0].correction;
    let w = first.withdrawn.as_ref().expect("withdrawal recorded");
    assert_eq!(
        (w.by.as_str(), w.reason.as_str()),
        ("editor", "same person, wrong merge")
    );
    assert!(store.corrections(true).unwrap().is_empty());
    let again = store.withdraw_correction(ids[0], "editor", "").unwrap_err();
    assert!(again.to_string().contains("already withdrawn"), "{again}");
    let missing = store.withdraw_correction(9999, "editor", "").unwrap_err();
    assert!(
        missing.to_string().contains("no correction 9999"),
        "{missing}"
    );
    assert!(store.withdraw_correction(ids[1], " ", "").is_err());
}
