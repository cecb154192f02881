//! `import` and copy clusters through the CLI: the reference facts counted by `stats`, a
//! republished article shown as a copy. On the store of this run (`common::fresh_db`: SQLite,
//! or PostgreSQL with `ARMSGRAPH_TEST_STORE=postgres`); `watch`'s feed memory on both stores
//! is fetch.rs's.

mod common;

use common::{fresh_db, json, seed, store_name};

#[test]
fn import_counts_the_reference_facts_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_import");
    let first = json(&db, &["import", "--defaults", "--json"]);
    let added = first[0]["inserted"].as_i64().unwrap();
    assert!(added > 0, "{}: {first}", store_name());
    let again = json(&db, &["import", "--defaults", "--json"]);
    assert_eq!(again[0]["inserted"], 0, "{again}");
    assert_eq!(again[0]["unchanged"], added, "{again}");
    let stats = json(&db, &["stats", "--json"]);
    assert_eq!(stats["reference_facts"], added, "{stats}");
}

#[test]
fn a_republished_article_is_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_copies");
    let seed = std::fs::read_to_string(seed()).unwrap();
    let original = dir.path().join("original.txt");
    let copy = dir.path().join("copy.txt");
    std::fs::write(&original, &seed).unwrap();
    // A republisher's copy: the same text with a line of its own at the end.
    std::fs::write(
        &copy,
        format!("{seed}\n\nDieser Artikel erschien zuerst bei POLITICO Europe."),
    )
    .unwrap();
    let stored = json(&db, &["ingest", "--json", original.to_str().unwrap()]);
    assert_eq!(stored["stored"], 1, "{stored}");
    let stored = json(&db, &["ingest", "--json", copy.to_str().unwrap()]);
    assert_eq!(stored["stored"], 1, "{stored}");
    let stats = json(&db, &["stats", "--json"]);
    assert_eq!(
        (stats["documents"].as_i64(), stats["clusters"].as_i64()),
        (Some(2), Some(1)),
        "{}: {stats}",
        store_name()
    );
    let found = json(&db, &["search", "Aserbaidschan", "--json"]);
    let id = found["documents"][0]["id"].as_str().unwrap().to_string();
    let shown = json(&db, &["show", &id, "--json"]);
    let copies = shown["copies"].as_array().cloned().unwrap_or_default();
    assert_eq!(copies.len(), 1, "the copy is listed: {shown}");
    let cluster = &shown["extraction"]["document"]["cluster"];
    assert_eq!(cluster["members"].as_array().map(Vec::len), Some(2));
}
