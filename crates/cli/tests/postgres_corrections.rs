//! `armsgraph correct`, `corrections` and `reprocess` on a PostgreSQL store give what they
//! give on SQLite: the same outcomes, the same corrected events, the same reprocess counts.
//! Runs when `ARMSGRAPH_TEST_PG` names a server (scripts/test.sh starts one).

use std::path::{Path, PathBuf};
use std::process::Command;

use armsgraph_store::raw::Selection;
use armsgraph_store::Store;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_armsgraph"));
    cmd.env_remove("ARMSGRAPH_DB").env_remove("ARMSGRAPH_DATA");
    cmd
}

fn seed_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus/000_79a71588b356f729.txt")
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

/// What one store answers to the same commands; moments left out (they differ by seconds).
fn session(db: &Path) -> Vec<serde_json::Value> {
    let mut seen = Vec::new();
    let file = seed_file();
    let ingested = json(db, &["ingest", "--json", file.to_str().unwrap()]);
    assert_eq!(ingested["stored"], 1, "{ingested}");

    // An older reader's output in the store (a warning the current reader does not give),
    // swapped in through the store itself, so re-reading has something to change.
    let seed = {
        let mut store = Store::open(db).unwrap();
        let seed = store.documents(1, 0).unwrap()[0].id.clone();
        let mut stale = store.document(&seed).unwrap().expect("stored").extraction;
        stale.warnings.push(armsgraph_model::Warning {
            code: "old_reader".into(),
            message: "written by an older armsgraph".into(),
            span: None,
        });
        let run = store
            .reprocess_start(&Selection::Source("000_79a7".into()))
            .unwrap();
        assert_eq!(run.pending, std::slice::from_ref(&seed));
        store.replace_reading(run.id, &seed, &stale).unwrap();
        store.reprocess_finish(run.id).unwrap();
        seed
    };

    let shown = json(db, &["show", &seed, "--json"]);
    let first = shown["extraction"]["events"][0].clone();
    let event = first["id"]
        .as_str()
        .expect("the seed has events")
        .to_string();
    let new_type = if first["event_type"] == "PROTEST" {
        "CONSULT"
    } else {
        "PROTEST"
    };
    let typed = json(
        db,
        &[
            "correct", "event", &event, "--type", new_type, "--by", "analyst", "--reason",
            "checked", "--json",
        ],
    );
    assert_eq!(typed["documents"], 1, "{typed}");
    assert_eq!(typed["correction"]["by"], "analyst", "{typed}");
    let confirmed = json(
        db,
        &[
            "correct",
            "event",
            &event,
            "--confirm",
            "--by",
            "analyst",
            "--json",
        ],
    );
    let confirm_id = confirmed["correction"]["id"].as_i64().unwrap().to_string();
    let listed = json(db, &["corrections", "--json"]);
    let kinds: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["type", "confirm"], "{listed}");
    assert!(listed[0]["at"].as_str().is_some_and(|a| a.len() == 20));
    let text = String::from_utf8(run(db, &["corrections"]).stdout).unwrap();
    assert!(text.contains("by analyst at "), "{text}");

    let withdrawn = json(
        db,
        &[
            "correct",
            "withdraw",
            &confirm_id,
            "--by",
            "analyst",
            "--reason",
            "misread",
            "--json",
        ],
    );
    assert_eq!(withdrawn["correction"]["withdrawn"]["reason"], "misread");
    let again = bin()
        .arg("--db")
        .arg(db)
        .args(["correct", "withdraw", &confirm_id, "--by", "analyst"])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already withdrawn"));

    // Re-reading: the stale document changes, the correction holds; a second run is idle.
    let first_run = json(db, &["reprocess", "--all", "--quiet", "--json"]);
    assert_eq!(first_run["counts"]["changed"], 1, "{first_run}");
    assert_eq!(first_run["counts"]["failed"], 0, "{first_run}");
    let shown = json(db, &["show", &seed, "--json"]);
    let ex = &shown["extraction"];
    assert!(
        !ex["warnings"].to_string().contains("old_reader"),
        "{}",
        ex["warnings"]
    );
    let corrected = &ex["events"][0];
    assert_eq!(corrected["id"], event.as_str());
    assert_eq!(corrected["event_type"], new_type, "{corrected}");
    let second_run = json(db, &["reprocess", "--all", "--quiet", "--json"]);
    assert_eq!(second_run["counts"]["changed"], 0, "{second_run}");
    assert_eq!(second_run["counts"]["unchanged"], 1, "{second_run}");
    let orphaned = json(db, &["corrections", "--orphaned", "--json"]);
    assert_eq!(orphaned, serde_json::json!([]));

    let mut events = ex["events"].clone();
    for e in events.as_array_mut().unwrap() {
        for c in e["corrections"].as_array_mut().into_iter().flatten() {
            c["at"] = serde_json::Value::Null;
        }
    }
    seen.push(events);
    for r in [&first_run, &second_run] {
        seen.push(r["counts"].clone());
    }
    seen
}

#[test]
fn correct_and_reprocess_agree_between_sqlite_and_postgres() {
    let Some(base) = std::env::var("ARMSGRAPH_TEST_PG")
        .ok()
        .filter(|u| armsgraph_store::pg::is_url(u))
    else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "cli_correct").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sqlite = session(&dir.path().join("a.db"));
    let postgres = session(&PathBuf::from(&url));
    assert_eq!(sqlite, postgres);
}
