//! What the `both_stores*` tests share: the stores a contract test runs on — SQLite always,
//! PostgreSQL when `ARMSGRAPH_TEST_PG` holds a `postgres://` URL (`scripts/test.sh` starts a
//! throwaway cluster and sets it), each PostgreSQL test in a schema of its own.
#![allow(dead_code)] // Each test file uses what it needs.

pub mod test_store;

use std::path::Path;

use armsgraph_store::Store;

/// A fresh store per backend: `(name, store)`.
pub fn stores(test: &str) -> Vec<(&'static str, Store)> {
    let mut out = vec![("sqlite", Store::open_in_memory().expect("sqlite store"))];
    if let Some(url) = pg_url() {
        let url = armsgraph_store::pg::fresh_schema_url(&url, test).expect("test schema");
        out.push((
            "postgres",
            Store::open(Path::new(&url)).expect("postgres store"),
        ));
    }
    out
}

/// The PostgreSQL server to test against, if any.
pub fn pg_url() -> Option<String> {
    test_store::pg_base()
}
