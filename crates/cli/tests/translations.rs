//! `armsgraph ingest` puts the German seed and an English rendition of it (the project's own
//! text, crates/pipeline/tests/fixtures) into one copy cluster, and `armsgraph show` lists the
//! other one as a copy.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_armsgraph"));
    // Tests never touch the user's real database.
    cmd.env_remove("ARMSGRAPH_DB").env_remove("ARMSGRAPH_DATA");
    cmd
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = bin().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ingest_links_the_seed_and_its_english_rendition() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("armsgraph.db");
    let seed = repo("data/corpus/000_79a71588b356f729.txt");
    let english = repo("crates/pipeline/tests/fixtures/seed_en_rendition.txt");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&english)
        .arg(&seed)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let stats = json(&db, &["stats", "--json"]);
    assert_eq!(
        (stats["documents"].as_u64(), stats["clusters"].as_u64()),
        (Some(2), Some(1))
    );

    let hits = json(&db, &["search", "Arakelyan", "--json"]);
    let ids: Vec<&str> = hits["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{hits}");
    let shown = json(&db, &["show", ids[0], "--json"]);
    assert_eq!(shown["copies"], serde_json::json!([ids[1]]), "{shown}");
}
