//! What the CLI tests share: the binary with the user's database and data kept out, a runner
//! that feeds standard input, and the test database of this run — a SQLite file, or a fresh
//! PostgreSQL schema with `ARMSGRAPH_TEST_STORE=postgres` (`test_store`), so every scenario
//! that touches a store runs on both (`scripts/test.sh` runs these binaries twice).
#![allow(dead_code)] // Each test file uses what it needs.

#[path = "../../../store/tests/common/test_store.rs"]
pub mod test_store;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[allow(unused_imports)] // Not every test file asks which store it runs on.
pub use test_store::{fresh_db, on_postgres, store_name};

/// The `armsgraph` binary; tests never touch the user's real database or data directory.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_armsgraph"));
    cmd.env_remove("ARMSGRAPH_DB").env_remove("ARMSGRAPH_DATA");
    cmd
}

/// `armsgraph --db DB ARGS…` with `stdin` (nothing when `None`) on standard input.
pub fn run_with_input(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn armsgraph");
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin.unwrap_or("").as_bytes())
            .expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

/// `armsgraph --db DB ARGS…`.
pub fn run(db: &Path, args: &[&str]) -> Output {
    bin().arg("--db").arg(db).args(args).output().expect("runs")
}

/// Standard output of a command that must succeed; its standard error otherwise.
pub fn stdout_of(args: &[&str], out: &Output) -> String {
    assert!(
        out.status.success(),
        "{args:?} on {}: {}",
        store_name(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `armsgraph --db DB ARGS…` that must succeed: its standard output.
pub fn ok(db: &Path, args: &[&str]) -> String {
    stdout_of(args, &run(db, args))
}

/// `armsgraph --db DB ARGS…` that must succeed and print one JSON value.
pub fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// The bundled corpus (`data/corpus`).
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus")
}

/// The seed article in the bundled corpus.
pub fn seed() -> PathBuf {
    corpus().join("000_79a71588b356f729.txt")
}
