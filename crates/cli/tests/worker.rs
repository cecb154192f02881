//! `ingest --queue` and `armsgraph worker` end to end: two workers share a queue, one is
//! killed with SIGKILL in the middle of a document, and every document is still stored
//! exactly once — the same database a plain `ingest` of the same files gives.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{bin, fresh_db, json, seed};

fn worker(db: &Path, name: &str) -> Child {
    bin()
        .arg("--db")
        .arg(db)
        // No time budget: a slow machine must not fail a document; a lease short enough
        // for the test to wait out the killed worker's.
        .args([
            "worker",
            "--name",
            name,
            "--lease",
            "8",
            "--time-budget",
            "0",
        ])
        .args(["--until-empty", "--poll-ms", "50", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn inputs(dir: &Path, n: usize) -> PathBuf {
    let inputs = dir.join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    for i in 0..n {
        let text = format!("{seed_text}\n\nNachtrag {i}: Minsk äußerte sich am Tag {i} nicht.");
        std::fs::write(inputs.join(format!("doc-{i:03}.txt")), text).unwrap();
    }
    inputs
}

/// On PostgreSQL the queue claims with `FOR UPDATE SKIP LOCKED`, on SQLite under the
/// database lock; the plain ingest it is compared with is always SQLite's.
#[test]
fn a_worker_killed_mid_document_loses_nothing_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_worker");
    killed_worker(dir.path(), &db);
}

fn killed_worker(dir: &Path, db: &Path) {
    let n = 16;
    let inputs = inputs(dir, n);
    let db = db.to_path_buf();
    let queued = json(
        &db,
        &["ingest", "--queue", "--json", inputs.to_str().unwrap()],
    );
    assert_eq!(queued["queued"], n);
    assert_eq!(queued["stored"], 0);
    assert_eq!(json(&db, &["stats", "--json"])["documents"], 0);
    assert_eq!(json(&db, &["queue", "--json"])["ready"], n);

    // Worker `a` starts alone; it is killed right after it claims its second document, so
    // it dies holding a lease with the document half read.
    let mut a = worker(&db, "a");
    let started = Instant::now();
    let held = loop {
        if started.elapsed() > Duration::from_secs(120) {
            break None;
        }
        let q = json(&db, &["queue", "--json"]);
        let held = q["leases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["worker"] == "a")
            .map(|l| l["job"].as_i64().unwrap());
        if let Some(job) = held.filter(|_| q["done"].as_i64().unwrap() >= 1) {
            break Some(job);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    a.kill().unwrap(); // SIGKILL: no destructor, no commit
    a.wait().unwrap();
    let killed_job = held.expect("worker a never claimed a second document");
    let q = json(&db, &["queue", "--json"]);
    let still_held = q["leases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["job"] == killed_job && l["worker"] == "a");
    assert!(
        still_held,
        "worker a finished the document before the kill: {q}"
    );

    // Two workers finish the queue; one of them takes the killed worker's document over
    // when its lease runs out.
    let b = worker(&db, "b");
    let c = worker(&db, "c");
    let mut jobs = 0;
    for w in [b, c] {
        let out = w.wait_with_output().unwrap();
        assert!(out.status.success());
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            summary["failed"],
            0,
            "{summary} {}",
            json(&db, &["queue", "--json"])
        );
        jobs += summary["jobs"].as_u64().unwrap();
    }
    let q = json(&db, &["queue", "--json"]);
    assert_eq!(
        (&q["done"], &q["ready"], &q["leased"], &q["failed"]),
        (
            &serde_json::json!(n),
            &serde_json::json!(0),
            &serde_json::json!(0),
            &serde_json::json!(0)
        ),
        "{q}"
    );
    assert!(jobs >= 1, "b and c read nothing");

    // Exactly what one plain ingest of the same files stores.
    let clean = dir.join("clean.db");
    json(&clean, &["ingest", "--json", inputs.to_str().unwrap()]);
    let (got, want) = (
        json(&db, &["stats", "--json"]),
        json(&clean, &["stats", "--json"]),
    );
    assert_eq!(got["documents"], n);
    for key in ["documents", "mentions", "events", "quotes"] {
        assert_eq!(got[key], want[key], "{key} differs from a plain ingest");
    }
}

#[test]
fn a_lease_shorter_than_the_time_budget_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .arg("--db")
        .arg(dir.path().join("x.db"))
        .args([
            "worker",
            "--lease",
            "10",
            "--time-budget",
            "60",
            "--until-empty",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lease"));
}

/// `ingest --queue --collection`: the worker that reads each document puts it into the
/// collection, the new ones and one already stored alike.
#[test]
fn queued_documents_go_into_the_collection_named_at_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_queue_collection");
    let inputs = inputs(dir.path(), 3);
    // A team database (it has accounts), so every stored document is audited.
    std::fs::write(dir.path().join("pw"), "a long enough password\n").unwrap();
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["user", "add", "ana", "--role", "admin", "--password-file"])
        .arg(dir.path().join("pw"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // One document is already stored, outside any collection.
    let first = inputs.join("doc-000.txt");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--time-budget", "0"])
        .arg(&first)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let queued = json(
        &db,
        &[
            "ingest",
            "--queue",
            "--collection",
            "leaks",
            "--json",
            inputs.to_str().unwrap(),
        ],
    );
    assert_eq!(queued["queued"], 3, "{queued}");
    let w = worker(&db, "w1").wait_with_output().unwrap();
    assert!(w.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&w.stdout).unwrap();
    assert_eq!(summary["stored"], 2, "{summary}");
    assert_eq!(summary["duplicates"], 1, "{summary}");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["collection", "list"])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("leaks\t3 documents"), "{listed}");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["audit", "--user", "worker w1"])
        .output()
        .unwrap();
    let audit = String::from_utf8_lossy(&out.stdout);
    assert_eq!(audit.matches("ingest").count(), 3, "{audit}");
    assert_eq!(audit.matches("collection leaks").count(), 3, "{audit}");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["audit", "--user", "cli"])
        .output()
        .unwrap();
    let audit = String::from_utf8_lossy(&out.stdout);
    assert!(audit.contains("ingest"), "the first, plain ingest: {audit}");
}
