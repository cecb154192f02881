//! The `armsgraph` binary end to end: ingest batches with bad files, idempotent re-ingest,
//! crash safety under `kill -9`, and a translated copy linked to its original; on the store
//! of this run (`common::fresh_db`), the reference ingests on SQLite.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::{bin, fresh_db, seed};

fn stats(db: &Path) -> serde_json::Value {
    try_stats(db).expect("armsgraph stats --json succeeds")
}

/// `armsgraph stats --json`, or `None` while the database does not exist or cannot be read.
fn try_stats(db: &Path) -> Option<serde_json::Value> {
    if !armsgraph_store::pg::is_url(&db.to_string_lossy()) && !db.exists() {
        return None;
    }
    let out = bin()
        .arg("--db")
        .arg(db)
        .args(["stats", "--json"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn ingest(db: &Path, paths: &[&Path]) -> serde_json::Value {
    let (code, summary) = ingest_status(db, paths);
    assert_eq!(code, 0, "{summary}");
    summary
}

/// Exit code and JSON summary of `armsgraph ingest`.
fn ingest_status(db: &Path, paths: &[&Path]) -> (i32, serde_json::Value) {
    let out = bin()
        .arg("--db")
        .arg(db)
        .arg("ingest")
        .args(paths)
        .arg("--json")
        .output()
        .unwrap();
    let summary = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON summary ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), summary)
}

#[test]
fn a_bad_file_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(seed(), inputs.join("a-seed.txt")).unwrap();
    // Binary garbage and an empty file: unreadable as articles.
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(inputs.join("b-garbage.bin"), garbage).unwrap();
    std::fs::write(inputs.join("c-empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("d-short.txt"),
        "Russland liefert Panzer an Belarus.\n\nDas berichtete die Zeitung am Montag.",
    )
    .unwrap();
    let db = fresh_db(dir.path(), "cli_t");
    // The garbage file is named explicitly (a directory walk only reports it as skipped).
    let (code, summary) = ingest_status(&db, &[&inputs, &inputs.join("b-garbage.bin")]);
    // Finished, but not everything was read: exit code 2, not success.
    assert_eq!(code, 2, "{summary}");
    assert_eq!(summary["stored"], 2, "{summary}");
    let failed = summary["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 2, "{summary}");
    for f in failed {
        assert!(!f["reason"].as_str().unwrap().is_empty());
    }
    // The walk met the garbage file too: not a document, so reported and recorded as
    // skipped, apart from the failures.
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{summary}");
    assert!(skipped[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("skipped: binary"));
    let s = stats(&db);
    assert_eq!(s["documents"], 2);
    assert_eq!(s["failed_inputs"], 2);
    assert_eq!(s["skipped_inputs"], 1);
}

#[test]
fn re_ingesting_the_same_folder_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "cli_t");
    let first = ingest(&db, &[&seed()]);
    assert_eq!(first["stored"], 1);
    let before = stats(&db);
    let second = ingest(&db, &[&seed()]);
    assert_eq!(second["stored"], 0);
    assert_eq!(second["duplicates"], 1);
    assert_eq!(stats(&db), before);
}

#[test]
fn kill_9_during_ingest_then_the_same_ingest_stores_everything_once() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let n = 150;
    for i in 0..n {
        // Distinct documents (a different closing paragraph each) of realistic size.
        let text = format!(
            "{seed_text}\n\nNachtrag {i}: Belarus und Aserbaidschan äußerten sich am Tag {i} nicht."
        );
        std::fs::write(inputs.join(format!("doc-{i:04}.txt")), text).unwrap();
    }
    let db = fresh_db(dir.path(), "cli_killed");
    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as some documents are committed, mid-batch.
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        let stored = documents_stored(&db);
        if stored >= 3 || started.elapsed().as_secs() > 60 {
            // SIGKILL: no destructors, no commit of the open transaction.
            child.kill().unwrap();
            child.wait().unwrap();
            break;
        }
    }
    let partial = documents_stored(&db);
    assert!(
        partial < n,
        "the kill came too late to test anything ({partial} stored)"
    );
    ingest(&db, &[&inputs]);
    let after_resume = stats(&db);

    let clean = dir.path().join("clean.db");
    ingest(&clean, &[&inputs]);
    let reference = stats(&clean);
    assert_eq!(after_resume["documents"], n);
    for key in ["documents", "mentions", "events", "quotes"] {
        assert_eq!(
            after_resume[key], reference[key],
            "{key} differs after kill+resume"
        );
    }
}

/// Documents committed so far (0 before the database exists).
fn documents_stored(db: &Path) -> usize {
    try_stats(db)
        .and_then(|v| v["documents"].as_u64())
        .unwrap_or(0) as usize
}

/// A command's JSON output (it must succeed).
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
    let db = fresh_db(dir.path(), "cli_armsgraph");
    // Our own English rendition of the seed (see the fixture's comment).
    let english = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/pipeline/tests/fixtures/seed_en_rendition.txt");
    ingest(&db, &[&english, &seed()]);

    let stats = stats(&db);
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

#[test]
fn every_input_failing_exits_non_zero_and_names_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("evil\nname\u{1b}[31m.txt");
    std::fs::write(&bad, "").unwrap();
    let db = fresh_db(dir.path(), "cli_t");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("failed 1"), "{stdout}");
    assert!(stderr.contains("1 of 1 inputs failed"), "{stderr}");
    // The newline and the escape sequence are shown, not executed.
    assert!(
        !stdout.contains('\u{1b}') && !stderr.contains('\u{1b}'),
        "{stdout}"
    );
    assert!(stdout.contains("evil\\nname\\u{1b}[31m.txt"), "{stdout}");
}

#[test]
fn two_ingest_processes_on_one_database_store_everything_once() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir(&a).unwrap();
    std::fs::create_dir(&b).unwrap();
    const N: usize = 12;
    for i in 0..N {
        for (folder, side) in [(&a, "Russland"), (&b, "Belarus")] {
            std::fs::write(
                folder.join(format!("{i:02}.txt")),
                format!(
                    "{side} liefert {i} Panzer an Armenien.\n\nDas berichtete die Zeitung {side} {i} am Montag."
                ),
            )
            .unwrap();
        }
    }
    // One document both runs hold: stored once.
    std::fs::copy(seed(), a.join("seed.txt")).unwrap();
    std::fs::copy(seed(), b.join("seed.txt")).unwrap();
    let db = fresh_db(dir.path(), "cli_shared");
    let spawn = |folder: &Path| {
        bin()
            .arg("--db")
            .arg(&db)
            .arg("ingest")
            .arg(folder)
            .arg("--json")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(&a), spawn(&b));
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(documents_stored(&db), 2 * N + 1);
}
