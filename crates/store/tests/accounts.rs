//! Accounts in the store: users and passwords, sessions, API tokens, collections and grants,
//! the audit log, and the schema-5 upgrade of a schema-4 database.

use armsgraph_store::accounts::{Access, AuditFilter, NewAudit, ReadScope, Role};
use armsgraph_store::{Store, SCHEMA_VERSION};

fn store() -> Store {
    Store::open_in_memory().expect("store")
}

#[test]
fn users_have_roles_and_hashed_passwords() {
    let s = store();
    assert!(!s.has_users().expect("count"));
    let ana = s
        .create_user("ana", Role::Admin, "a long enough password")
        .expect("add");
    assert_eq!(ana.role, Role::Admin);
    assert!(s.has_users().expect("count"));
    // The password is nowhere in the database in clear.
    let stored: String = s
        .connection()
        .query_row(
            "SELECT password_hash FROM users WHERE name = 'ana'",
            [],
            |r| r.get(0),
        )
        .expect("row");
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("long enough"));
    assert!(s
        .check_password("ana", "a long enough password")
        .expect("check")
        .is_some());
    assert!(s
        .check_password("ana", "wrong password!")
        .expect("check")
        .is_none());
    assert!(s
        .check_password("nobody", "whatever it is")
        .expect("check")
        .is_none());
    // Mistakes are refused with a reason.
    let short = s.create_user("bo", Role::Viewer, "short").unwrap_err();
    assert!(short.to_string().contains("too short"), "{short}");
    let twice = s
        .create_user("ana", Role::Viewer, "another long password")
        .unwrap_err();
    assert!(twice.to_string().contains("exists"), "{twice}");
    let bad = s
        .create_user("a b", Role::Viewer, "another long password")
        .unwrap_err();
    assert!(bad.to_string().contains("name"), "{bad}");
    // Roles change; a disabled user cannot sign in.
    assert_eq!(
        s.set_role("ana", Role::Analyst).expect("role").role,
        Role::Analyst
    );
    s.set_disabled("ana", true).expect("disable");
    assert!(s
        .check_password("ana", "a long enough password")
        .expect("check")
        .is_none());
    assert_eq!(s.users().expect("list").len(), 1);
}

#[test]
fn sessions_expire_and_end_when_the_user_is_disabled() {
    let s = store();
    let u = s
        .create_user("cy", Role::Viewer, "a long enough password")
        .expect("add");
    let live = s.create_session(&u, 3600).expect("session");
    assert_eq!(live.id.len(), 64);
    let found = s.session(&live.id).expect("read").expect("live");
    assert_eq!(found.user.name, "cy");
    assert_eq!(found.csrf, live.csrf);
    // Only the digest is stored.
    let raw: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM sessions WHERE id_hash = ?1",
            [&live.id],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(raw, 0);
    let expired = s.create_session(&u, -1).expect("session");
    assert!(s.session(&expired.id).expect("read").is_none());
    assert!(s.session("not a session").expect("read").is_none());
    s.delete_session(&live.id).expect("sign out");
    assert!(s.session(&live.id).expect("read").is_none());
    let again = s.create_session(&u, 3600).expect("session");
    s.set_disabled("cy", true).expect("disable");
    assert!(s.session(&again.id).expect("read").is_none());
}

#[test]
fn api_tokens_are_shown_once_and_revocable() {
    let s = store();
    s.create_user("dee", Role::Analyst, "a long enough password")
        .expect("add");
    let (token, secret) = s.create_token("dee", "nightly script").expect("token");
    assert!(secret.starts_with("ag_") && secret.len() > 60);
    assert_eq!(token.label, "nightly script");
    assert_eq!(
        s.token_user(&secret).expect("lookup").map(|u| u.name),
        Some("dee".to_string())
    );
    assert!(s.token_user("ag_guess").expect("lookup").is_none());
    let listed = s.tokens(Some("dee")).expect("list");
    assert_eq!(listed.len(), 1);
    s.revoke_token(token.id).expect("revoke");
    assert!(s.token_user(&secret).expect("lookup").is_none());
    assert!(s.revoke_token(token.id).is_err());
    assert!(s.create_token("nobody", "").is_err());
}

#[test]
fn collections_limit_what_a_user_reads() {
    let s = store();
    let admin = s
        .create_user("root", Role::Admin, "a long enough password")
        .expect("add");
    let viewer = s
        .create_user("vi", Role::Viewer, "a long enough password")
        .expect("add");
    // No collection holds documents: everyone reads everything.
    assert_eq!(s.read_scope(&viewer).expect("scope"), ReadScope::All);
    s.add_to_collection("leaks", "doc-secret").expect("add");
    s.add_to_collection("press", "doc-press").expect("add");
    let scope = s.read_scope(&viewer).expect("scope");
    assert!(matches!(scope, ReadScope::Collections(ref ids) if ids.is_empty()));
    assert!(!s.may_read(&scope, "doc-secret").expect("check"));
    assert!(!s.may_read(&scope, "doc-press").expect("check"));
    // A document in no collection belongs to everyone signed in.
    assert!(s.may_read(&scope, "doc-open").expect("check"));
    s.grant("press", "vi", Some(Access::Read)).expect("grant");
    let scope = s.read_scope(&viewer).expect("scope");
    assert!(s.may_read(&scope, "doc-press").expect("check"));
    assert!(!s.may_read(&scope, "doc-secret").expect("check"));
    assert_eq!(
        s.access(&viewer, "press").expect("access"),
        Some(Access::Read)
    );
    assert_eq!(s.access(&viewer, "leaks").expect("access"), None);
    // Read access to every collection that holds documents is the store-wide view.
    s.grant("leaks", "vi", Some(Access::Write)).expect("grant");
    assert_eq!(s.read_scope(&viewer).expect("scope"), ReadScope::All);
    s.grant("leaks", "vi", None).expect("revoke");
    assert!(matches!(
        s.read_scope(&viewer).expect("scope"),
        ReadScope::Collections(_)
    ));
    assert_eq!(s.read_scope(&admin).expect("scope"), ReadScope::All);
    assert_eq!(
        s.access(&admin, "leaks").expect("access"),
        Some(Access::Write)
    );
    assert_eq!(
        s.document_collections("doc-press").expect("list"),
        vec!["press".to_string()]
    );
    let counts: Vec<(String, u64)> = s
        .collections()
        .expect("list")
        .into_iter()
        .map(|c| (c.name, c.documents))
        .collect();
    assert_eq!(counts, vec![("leaks".into(), 1), ("press".into(), 1)]);
    assert!(s.grant("nope", "vi", Some(Access::Read)).is_err());
    assert!(s.ensure_collection("bad name").is_err());
}

#[test]
fn the_audit_log_filters_by_user_and_time() {
    let s = store();
    for (actor, action) in [("ana", "login"), ("bo", "login_failed"), ("ana", "ingest")] {
        s.audit(&NewAudit {
            actor,
            action,
            object: "x",
            detail: "",
            address: Some("127.0.0.1"),
        })
        .expect("audit");
    }
    let all = s.audit_log(&AuditFilter::default()).expect("log");
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].action, "ingest", "newest first");
    let ana = s
        .audit_log(&AuditFilter {
            actor: Some("ana".into()),
            ..Default::default()
        })
        .expect("log");
    assert_eq!(ana.len(), 2);
    let future = s
        .audit_log(&AuditFilter {
            since: Some("2999-01-01".into()),
            ..Default::default()
        })
        .expect("log");
    assert!(future.is_empty());
    let past = s
        .audit_log(&AuditFilter {
            since: Some("2000-01-01".into()),
            limit: 1,
            ..Default::default()
        })
        .expect("log");
    assert_eq!(past.len(), 1);
}

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
