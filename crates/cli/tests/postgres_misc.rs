//! `import`, `watch` and copy clusters through the CLI on a PostgreSQL store give what they
//! give on SQLite: the same reference facts counted by `stats`, a feed's ETag and items
//! remembered by a new process, a republished article shown as a copy. Runs when
//! `ARMSGRAPH_TEST_PG` names a server (scripts/test.sh starts one).

#[path = "../../ingest/tests/common/http_server.rs"]
mod http_server;

use std::path::{Path, PathBuf};
use std::process::Command;

use http_server::{Reply, TestServer};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_armsgraph"));
    cmd.env_remove("ARMSGRAPH_DB").env_remove("ARMSGRAPH_DATA");
    cmd
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = bin().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(db, args)).unwrap()
}

/// A SQLite file and a new PostgreSQL schema, or `None` when no server is configured.
fn both(dir: &tempfile::TempDir, test: &str) -> Option<[(&'static str, PathBuf); 2]> {
    let base = std::env::var("ARMSGRAPH_TEST_PG")
        .ok()
        .filter(|u| armsgraph_store::pg::is_url(u))?;
    let url = armsgraph_store::pg::fresh_schema_url(&base, test).unwrap();
    Some([
        ("sqlite", dir.path().join(format!("{test}.db"))),
        ("postgres", PathBuf::from(url)),
    ])
}

fn seed_text() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus/000_79a71588b356f729.txt");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn import_counts_the_same_facts_on_both_stores() {
    let dir = tempfile::tempdir().unwrap();
    let Some(dbs) = both(&dir, "cli_import") else {
        return;
    };
    let mut counted = Vec::new();
    for (name, db) in &dbs {
        let first = json(db, &["import", "--defaults", "--json"]);
        let added = first[0]["inserted"].as_i64().unwrap();
        assert!(added > 0, "{name}: {first}");
        let again = json(db, &["import", "--defaults", "--json"]);
        assert_eq!(again[0]["inserted"], 0, "{name}: {again}");
        assert_eq!(again[0]["unchanged"], added, "{name}: {again}");
        let stats = json(db, &["stats", "--json"]);
        assert_eq!(stats["reference_facts"], added, "{name}: {stats}");
        counted.push(added);
    }
    assert_eq!(counted[0], counted[1]);
}

#[test]
fn a_republished_article_is_a_copy_on_both_stores() {
    let dir = tempfile::tempdir().unwrap();
    let Some(dbs) = both(&dir, "cli_copies") else {
        return;
    };
    let seed = seed_text();
    let original = dir.path().join("original.txt");
    let copy = dir.path().join("copy.txt");
    std::fs::write(&original, &seed).unwrap();
    // A republisher's copy: the same text with a line of its own at the end.
    std::fs::write(
        &copy,
        format!("{seed}\n\nDieser Artikel erschien zuerst bei POLITICO Europe."),
    )
    .unwrap();
    for (name, db) in &dbs {
        let stored = json(db, &["ingest", "--json", original.to_str().unwrap()]);
        assert_eq!(stored["stored"], 1, "{name}: {stored}");
        let stored = json(db, &["ingest", "--json", copy.to_str().unwrap()]);
        assert_eq!(stored["stored"], 1, "{name}: {stored}");
        let stats = json(db, &["stats", "--json"]);
        assert_eq!(
            (stats["documents"].as_i64(), stats["clusters"].as_i64()),
            (Some(2), Some(1)),
            "{name}: {stats}"
        );
        let found = json(db, &["search", "Aserbaidschan", "--json"]);
        let id = found["documents"][0]["id"].as_str().unwrap().to_string();
        let shown = json(db, &["show", &id, "--json"]);
        let copies = shown["copies"].as_array().cloned().unwrap_or_default();
        assert_eq!(copies.len(), 1, "{name}: the copy is listed: {shown}");
        let cluster = &shown["extraction"]["document"]["cluster"];
        assert_eq!(
            cluster["members"].as_array().map(Vec::len),
            Some(2),
            "{name}"
        );
    }
}

#[test]
fn watch_remembers_the_feed_on_both_stores() {
    let dir = tempfile::tempdir().unwrap();
    let Some(dbs) = both(&dir, "cli_watch") else {
        return;
    };
    let server = TestServer::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/rss" if r.header("if-none-match") == Some("\"v1\"") => Reply::status(304),
        "/rss" => Reply::new(
            200,
            "application/rss+xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>t</title>\
             <item><guid>a</guid><title>Panzer</title><link>http://example.invalid/a</link>\
             <content:encoded><![CDATA[<p>Russland hat nach Angaben aus Diplomatenkreisen \
             vierzig Kampfpanzer an Belarus geliefert.</p><p>Das berichtete die Zeitung am \
             Dienstag.</p>]]></content:encoded></item></channel></rss>"
                .to_string(),
        )
        .with_header("ETag", "\"v1\""),
        _ => Reply::status(404),
    });
    let rss = server.url("/rss");
    for (name, db) in &dbs {
        let first = run(db, &["watch", &rss, "--once", "--rate", "0"]);
        assert!(first.contains("1 new item(s)"), "{name}: {first}");
        // A new process: the ETag saved in the database makes the server answer 304.
        let second = run(db, &["watch", &rss, "--once", "--rate", "0"]);
        assert!(second.contains("not modified"), "{name}: {second}");
        let stats = json(db, &["stats", "--json"]);
        assert_eq!(stats["documents"], 1, "{name}: {stats}");
    }
}
