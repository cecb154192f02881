//! Queries (merged events, profiles, timelines) and exports over a store built in the test;
//! the exports are read back by real consumers (networkx, followthemoney, csv) when they are
//! installed (`pip install networkx followthemoney`).

mod common;

use std::path::Path;
use std::process::Command;

use armsgraph_analysis::export::{self, ExportData, Format};
use armsgraph_analysis::query::{self, EventQuery};
use armsgraph_analysis::{refs, render_profile_text, store_alerts, AlertOptions};
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::DataFiles;
use armsgraph_model::EventType;
use armsgraph_store::{EventFilter, Store};

const DOC_A: &str = "0123456789abcdef";
const DOC_B: &str = "fedcba9876543210";

/// Two documents reporting the same story, the shipped reference data and the SIPRI
/// fixture.
fn store() -> (Store, ReferenceData) {
    let mut store = common::store("queries");
    store
        .insert(&common::article(DOC_A, "https://example.org/a"))
        .unwrap();
    let mut copy = common::article(DOC_B, "https://example.net/b");
    copy.document.text.push_str(" (republished)");
    store.insert(&copy).unwrap();
    refs::import_defaults(&mut store, &DataFiles::Embedded).unwrap();
    let names = refs::StateNames::load(&DataFiles::Embedded, None).unwrap();
    let transfers = refs::parse_sipri(
        include_str!("fixtures/sipri-trade-register-sample.csv"),
        &names,
    )
    .unwrap();
    refs::import(
        &mut store,
        &ReferenceData {
            transfers,
            ..ReferenceData::default()
        },
    )
    .unwrap();
    let (refs, _) = refs::load_reference(&store, &DataFiles::Embedded).unwrap();
    (store, refs)
}

#[test]
fn events_merge_across_documents_and_filter_by_sources() {
    let (store, _) = store();
    let all = query::events(&store, &EventQuery::default()).unwrap();
    assert_eq!(all.len(), 2, "{all:#?}");
    let assault = all
        .iter()
        .find(|m| m.event_type == EventType::Assault)
        .unwrap();
    assert_eq!(assault.source_count, 2);
    assert_eq!(assault.reports.len(), 2);
    assert_eq!(
        (assault.actors.clone(), assault.recipients.clone()),
        (vec!["AZE".to_string()], vec!["ARM".to_string()])
    );
    let q = EventQuery {
        filter: EventFilter {
            event_type: Some(EventType::Aid),
            actor: Some("BLR".into()),
            ..EventFilter::default()
        },
        min_sources: 2,
    };
    let aid = query::events(&store, &q).unwrap();
    assert_eq!(aid.len(), 1);
    assert!(aid[0].reports.iter().all(|r| r.evidence.is_some()));
    let q = EventQuery {
        min_sources: 3,
        ..EventQuery::default()
    };
    assert!(query::events(&store, &q).unwrap().is_empty());
}

#[test]
fn an_entity_profile_joins_documents_and_registers() {
    let (store, refs) = store();
    let (id, _) = query::resolve_entity(&store, None, "Azerbaijani")
        .unwrap()
        .unwrap();
    assert_eq!(id, "AZE");
    let p = query::profile(&store, &refs, None, "AZE", "2024-05-15").unwrap();
    assert_eq!(p.name, "Azerbaijan");
    assert_eq!(p.documents, 2);
    assert!(p.surfaces.iter().any(|(s, _)| s == "Azerbaijani"));
    let suppliers: Vec<(&str, &str)> = p
        .suppliers
        .iter()
        .map(|l| (l.counterpart.as_str(), l.source.as_str()))
        .collect();
    assert!(
        suppliers.contains(&("BLR", "document:0123456789abcdef")),
        "{suppliers:?}"
    );
    assert!(
        suppliers.contains(&(
            "BLR",
            "reference:sipri-trade-register:BLR/AZE/Polonez/2017/1"
        )),
        "{suppliers:?}"
    );
    assert!(p
        .conflicts
        .iter()
        .any(|l| l.counterpart == "ARM" && l.source.starts_with("reference:ucdp")));
    assert!(p
        .quotes_about
        .iter()
        .any(|q| q.text.contains("Belarus armed Azerbaijan")));
    // Azerbaijan left the Collective Security Treaty in 1999 and has a pact with Turkey.
    assert!(p
        .memberships
        .iter()
        .any(|m| m.counterpart == "CSTO" && m.when.end.as_deref() == Some("1999-04-20")));
    assert!(p.allies.iter().any(|a| a.counterpart == "TUR"));
    let text = render_profile_text(&p);
    assert!(
        text.contains("Supplied by:") && text.contains("Polonez"),
        "{text}"
    );

    let csto = query::profile(&store, &refs, None, "CSTO", "2024-05-15").unwrap();
    for member in ["ARM", "BLR", "RUS"] {
        assert!(csto
            .members
            .iter()
            .any(|m| m.counterpart == member && m.when.end.is_none()));
    }
    assert!(csto
        .members
        .iter()
        .any(|m| m.counterpart == "AZE" && m.when.end.is_some()));

    let blr = query::profile(&store, &refs, None, "BLR", "2024-05-15").unwrap();
    assert!(blr.quotes_about.iter().any(|q| q.document == DOC_A));
    assert!(blr.recipients.iter().any(|l| l.counterpart == "AZE"));
}

#[test]
fn a_timeline_orders_what_two_actors_did() {
    let (store, refs) = store();
    let t = query::timeline(&store, &refs, "AZE", "ARM").unwrap();
    assert!(t
        .iter()
        .any(|e| e.kind == "event" && e.event_type == Some(EventType::Assault)));
    assert!(t
        .iter()
        .any(|e| e.kind == "conflict" && e.source.ends_with("388/2020/AZE-ARM")));
    assert!(
        t.iter().any(|e| e.kind == "alliance"),
        "1993–1999 Collective Security Treaty"
    );
    let starts: Vec<String> = t.iter().filter_map(|e| e.when.start.clone()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

fn python_consumers_available() -> bool {
    Command::new("python3")
        .args(["-c", "import networkx, followthemoney"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn exports_are_read_by_their_consumers() {
    let (store, refs) = store();
    let alerts = store_alerts(&store, &refs, &AlertOptions::default()).unwrap();
    assert!(alerts
        .iter()
        .any(|a| a.id == "alliance_contradiction:BLR:AZE:ARM:CSTO"));
    let data = ExportData::from_store(&store, refs, alerts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let written = export::write_all(&data, dir.path()).unwrap();
    assert_eq!(written.len(), 9 + 6, "{written:?}");

    let graphml = std::fs::read_to_string(dir.path().join("armsgraph.graphml")).unwrap();
    assert!(graphml.contains("<data key=\"relation\">arms_transfer</data>"));
    assert!(graphml.contains("https://example.org/a"));
    let ftm = export::ftm(&data).unwrap();
    assert!(ftm.contains("\"schema\":\"Membership\""));
    // Every FollowTheMoney entity has an id of its own.
    let mut ids = std::collections::BTreeSet::new();
    for line in ftm.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("ftm line");
        let id = v["id"].as_str().unwrap_or_default().to_string();
        assert!(ids.insert(id.clone()), "duplicate FtM id {id}");
    }

    // One format alone goes to the given path.
    let single = dir.path().join("one.plover.jsonl");
    export::write(&data, Format::Plover, &single).unwrap();
    assert_eq!(std::fs::read_to_string(&single).unwrap().lines().count(), 4);

    if !python_consumers_available() {
        eprintln!(
            "skipping python consumer checks: `pip install networkx followthemoney` to run them"
        );
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/exports/check_exports.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir.path())
        .args(["--expect-edge", "BLR", "AZE"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "export checks failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
