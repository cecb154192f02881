//! The schema-5 upgrade of a schema-4 SQLite database. The accounts themselves (users and
//! passwords, sessions, API tokens, collections and grants, the audit log) are checked on
//! both stores in `both_stores_accounts.rs`.

use armsgraph_store::accounts::Role;
use armsgraph_store::{Store, SCHEMA_VERSION};

#[test]
fn a_schema_4_database_is_upgraded_and_keeps_working() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    {
        let s = Store::open(&path).expect("create");
        // Make it look like schema 4: no account tables, version 4.
        s.connection()
            .execute_batch(
                "DROP TABLE users; DROP TABLE sessions; DROP TABLE api_tokens; \
                 DROP TABLE collection_documents; DROP TABLE collection_grants; \
                 DROP TABLE collections; DROP TABLE audit_log; \
                 UPDATE meta SET value = '4' WHERE key = 'schema_version';",
            )
            .expect("downgrade");
    }
    let s = Store::open(&path).expect("upgrade");
    let version: String = s
        .connection()
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION.to_string());
    assert_eq!(SCHEMA_VERSION, 5);
    assert!(!s.has_users().expect("users"));
    s.create_user("ana", Role::Admin, "a long enough password")
        .expect("add after upgrade");
}
