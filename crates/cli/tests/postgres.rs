//! The CLI on a PostgreSQL store (`--db postgres://…`) gives what it gives on SQLite: the
//! same documents, mentions, events and quotes after `ingest`, the same document in `show`,
//! the same hits in `search`. Runs when `ARMSGRAPH_TEST_PG` names a server (scripts/test.sh
//! starts one).

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_armsgraph"));
    cmd.env_remove("ARMSGRAPH_DB").env_remove("ARMSGRAPH_DATA");
    cmd
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus")
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    let out = bin().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run(db, args).stdout).unwrap()
}

#[test]
fn ingest_show_and_search_agree_between_sqlite_and_postgres() {
    let Some(base) = std::env::var("ARMSGRAPH_TEST_PG")
        .ok()
        .filter(|u| armsgraph_store::pg::is_url(u))
    else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "cli_agree").unwrap();
    let pg = PathBuf::from(&url);
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("a.db");
    let inputs = corpus();
    let inputs = inputs.to_str().unwrap();
    let a = json(&sqlite, &["ingest", "--json", inputs]);
    let b = json(&pg, &["ingest", "--json", inputs]);
    assert_eq!(a["stored"], b["stored"], "{a}\n{b}");
    // Again: everything is a duplicate on both.
    let again = json(&pg, &["ingest", "--json", inputs]);
    assert_eq!(again["stored"], 0, "{again}");

    let (sa, sb) = (
        json(&sqlite, &["stats", "--json"]),
        json(&pg, &["stats", "--json"]),
    );
    for key in [
        "documents",
        "mentions",
        "entities",
        "events",
        "quotes",
        "failed_inputs",
    ] {
        assert_eq!(sa[key], sb[key], "{key}: {sa} vs {sb}");
    }
    assert!(sa["documents"].as_i64().unwrap() >= 1);

    // A name in the seed finds the seed on both stores, and the same entities.
    let found = |db: &Path| -> (Vec<String>, Vec<String>) {
        let r = json(db, &["search", "Aserbaidschan", "--json"]);
        let ids = |key: &str| -> Vec<String> {
            let mut v: Vec<String> = r[key]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .filter_map(|h| h["id"].as_str().map(str::to_string))
                .collect();
            v.sort();
            v
        };
        (ids("documents"), ids("entities"))
    };
    let (fa, fb) = (found(&sqlite), found(&pg));
    assert!(!fa.0.is_empty(), "{fa:?}");
    assert_eq!(fa, fb);

    // The document found reads back the same (clusters aside: PostgreSQL keeps none yet).
    let seed = fa.0[0].as_str();
    let mut da = json(&sqlite, &["show", seed, "--json"]);
    let mut db = json(&pg, &["show", seed, "--json"]);
    for d in [&mut da, &mut db] {
        d["extraction"]["document"]["cluster"] = serde_json::Value::Null;
        d["summary"]["cluster_id"] = serde_json::Value::Null;
        d["summary"]["ingested_at"] = serde_json::Value::Null;
        d["copies"] = serde_json::Value::Null;
    }
    assert_eq!(da, db);

    // What is not ported says so: a clear error, no panic.
    let out = bin()
        .arg("--db")
        .arg(&pg)
        .args(["entity", "AZE"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
