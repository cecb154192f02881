//! The web app's entity, graph, alerts and timeline views on a PostgreSQL store give what
//! they give on SQLite: the bundled corpus is ingested by the CLI into a SQLite file and a
//! PostgreSQL schema, and each view (`armsgraph_server::views`, what the pages and the API
//! serve) is compared as JSON for every entity of the corpus. Runs when `ARMSGRAPH_TEST_PG`
//! names a server (scripts/test.sh starts one).

use std::path::{Path, PathBuf};
use std::process::Command;

use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::DataFiles;
use armsgraph_server::views::{self, GraphFilter};
use armsgraph_store::Store;

fn ingest(db: &Path) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus");
    let out = Command::new(env!("CARGO_BIN_EXE_armsgraph"))
        .env_remove("ARMSGRAPH_DB")
        .env_remove("ARMSGRAPH_DATA")
        .arg("--db")
        .arg(db)
        .args(["ingest", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json<T: serde::Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

/// Every view of the store as JSON, keyed by what was asked.
fn views_of(
    store: &Store,
    refs: &ReferenceData,
    entities: &[String],
) -> Vec<(String, serde_json::Value)> {
    let mut out = vec![
        (
            "graph".to_string(),
            json(
                views::graph(store, Some(refs), &GraphFilter::default()).map_err(|e| e.to_string()),
            ),
        ),
        (
            "graph 2022".to_string(),
            json(
                views::graph(
                    store,
                    Some(refs),
                    &GraphFilter {
                        from: Some("2022-01-01".into()),
                        to: Some("2022-12-31".into()),
                        ..Default::default()
                    },
                )
                .map_err(|e| e.to_string()),
            ),
        ),
        (
            "alerts".to_string(),
            json(views::alerts_with(store, None, Ok(refs)).map_err(|e| e.to_string())),
        ),
        (
            "timeline".to_string(),
            json(views::timeline(store, None, None, 300).map_err(|e| e.to_string())),
        ),
    ];
    for e in entities {
        out.push((
            format!("graph {e}"),
            json(
                views::graph(
                    store,
                    Some(refs),
                    &GraphFilter {
                        entity: Some(e.clone()),
                        ..Default::default()
                    },
                )
                .map_err(|e| e.to_string()),
            ),
        ));
        out.push((
            format!("timeline {e}"),
            json(views::timeline(store, Some(e), None, 300).map_err(|e| e.to_string())),
        ));
        out.push((
            format!("timeline total {e}"),
            json(views::timeline_total(store, Some(e), None).map_err(|e| e.to_string())),
        ));
        let mut profile =
            json(views::entity_profile(store, None, Ok(refs), e).map_err(|e| e.to_string()));
        // Document lists carry ingest times, which differ between two ingests.
        strip(&mut profile, "ingested_at");
        out.push((format!("entity {e}"), profile));
    }
    out
}

/// Where two JSON values first differ: the path and both values there.
fn first_difference(
    x: &serde_json::Value,
    y: &serde_json::Value,
    path: String,
) -> Option<(String, serde_json::Value, serde_json::Value)> {
    use serde_json::Value::{Array, Object};
    match (x, y) {
        (Object(a), Object(b)) if a.len() == b.len() => {
            a.iter().find_map(|(k, v)| match b.get(k) {
                Some(w) => first_difference(v, w, format!("{path}.{k}")),
                None => Some((format!("{path}.{k}"), v.clone(), serde_json::Value::Null)),
            })
        }
        (Array(a), Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, format!("{path}[{i}]"))),
        _ if x == y => None,
        _ => Some((path, x.clone(), y.clone())),
    }
}

fn strip(v: &mut serde_json::Value, key: &str) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove(key);
            for x in map.values_mut() {
                strip(x, key);
            }
        }
        serde_json::Value::Array(items) => {
            for x in items {
                strip(x, key);
            }
        }
        _ => {}
    }
}

#[test]
fn entity_graph_alerts_and_timeline_views_agree_between_sqlite_and_postgres() {
    let Some(base) = std::env::var("ARMSGRAPH_TEST_PG")
        .ok()
        .filter(|u| armsgraph_store::pg::is_url(u))
    else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "cli_views").unwrap();
    let pg_path = PathBuf::from(&url);
    let dir = tempfile::tempdir().unwrap();
    let sqlite_path = dir.path().join("a.db");
    ingest(&sqlite_path);
    ingest(&pg_path);
    let sqlite = Store::open(&sqlite_path).unwrap();
    let pg = Store::open(&pg_path).unwrap();
    let refs = ReferenceData::load(&DataFiles::Embedded).unwrap();
    let mut entities: Vec<String> = sqlite
        .top_entities(None, 12)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    entities.push("no-such-entity".into());
    let a = views_of(&sqlite, &refs, &entities);
    let b = views_of(&pg, &refs, &entities);
    // The corpus gives views with content (equal answers must not be equal nothing).
    let find = |what: &str| &a.iter().find(|(k, _)| k == what).unwrap().1;
    assert!(
        find("graph")["Ok"]["edges"].as_array().unwrap().len() >= 3,
        "{}",
        find("graph")
    );
    assert!(!find("alerts")["Ok"]["alerts"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(!find("timeline")["Ok"].as_array().unwrap().is_empty());
    assert!(find(&format!("entity {}", entities[0]))["Ok"]["analysis"].is_object());
    assert_eq!(a.len(), b.len());
    for ((what, x), (_, y)) in a.iter().zip(&b) {
        let (mut x, mut y) = (x.clone(), y.clone());
        // An entity profile's analysis reads corrected aliases (`entity_aliases`), which
        // belong to the corrections port: until it is merged, PostgreSQL's profile says so
        // in `analysis_error` (and only that), and the rest of the profile is compared.
        // Once corrections are ported the analysis is compared too, with no change here.
        if let Some(err) = y["Ok"]["analysis_error"].as_str() {
            assert!(
                err.contains("not available on PostgreSQL yet") && err.contains("corrections.rs"),
                "{what}: {err}"
            );
            // Display names are those of the entities the page refers to, most of them by
            // the analysis: what PostgreSQL names, it names as SQLite does.
            if let Some(names) = y["Ok"]["names"].as_object() {
                for (id, name) in names {
                    assert_eq!(&x["Ok"]["names"][id], name, "{what}: name of {id}");
                }
            }
            for v in [&mut x, &mut y] {
                if let Some(map) = v["Ok"].as_object_mut() {
                    map.remove("analysis");
                    map.remove("analysis_error");
                    map.remove("names");
                }
            }
        }
        if let Some((path, p, q)) = first_difference(&x, &y, String::new()) {
            panic!("{what}: sqlite vs postgres differ at {path}:\n{p}\n{q}");
        }
    }
}
