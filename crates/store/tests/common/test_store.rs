//! Which store a whole test binary runs on, shared by the store-backed tests of every crate
//! (store, analysis, CLI, web; included with `#[path]`): `ARMSGRAPH_TEST_STORE=postgres` with
//! `ARMSGRAPH_TEST_PG=postgres://…` gives each test a PostgreSQL schema of its own, unset or
//! `sqlite` a SQLite database. `scripts/test.sh` runs these binaries once per store, so one
//! scenario is written once and checked on both.
#![allow(dead_code)] // Each test binary uses what it needs.

use std::path::{Path, PathBuf};

use armsgraph_store::Store;

/// The environment switch naming the store of this test run.
pub const STORE_SWITCH: &str = "ARMSGRAPH_TEST_STORE";

/// Whether this run's test stores are PostgreSQL schemas. Asking for PostgreSQL without a
/// server is a mistake that fails every test, rather than quietly testing SQLite again.
pub fn on_postgres() -> bool {
    match std::env::var(STORE_SWITCH).unwrap_or_default().as_str() {
        "" | "sqlite" => false,
        "postgres" => {
            assert!(
                pg_base().is_some(),
                "{STORE_SWITCH}=postgres needs ARMSGRAPH_TEST_PG=postgres://… (scripts/test.sh starts a server)"
            );
            true
        }
        other => panic!("{STORE_SWITCH}={other:?}: use sqlite or postgres"),
    }
}

/// The PostgreSQL server to test against, if any.
pub fn pg_base() -> Option<String> {
    std::env::var("ARMSGRAPH_TEST_PG")
        .ok()
        .filter(|u| armsgraph_store::pg::is_url(u))
}

/// The name of this run's store, for messages.
pub fn store_name() -> &'static str {
    if on_postgres() {
        "postgres"
    } else {
        "sqlite"
    }
}

/// A new, empty database for a test, as the `--db` argument or `Store::open` takes it: the
/// file `name.db` in `dir` on SQLite, a fresh schema (named after `name`) on PostgreSQL, so
/// tests run in parallel on one server.
pub fn fresh_db(dir: &Path, name: &str) -> PathBuf {
    if on_postgres() {
        let base = pg_base().unwrap_or_default();
        let url = armsgraph_store::pg::fresh_schema_url(&base, name).expect("test schema");
        PathBuf::from(url)
    } else {
        dir.join(format!("{name}.db"))
    }
}

/// A new, empty store: in memory on SQLite, a fresh schema on PostgreSQL.
pub fn fresh_store(name: &str) -> Store {
    if on_postgres() {
        Store::open(&fresh_db(Path::new(""), name)).expect("postgres test store")
    } else {
        Store::open_in_memory().expect("sqlite test store")
    }
}
