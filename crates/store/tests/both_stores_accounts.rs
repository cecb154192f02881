//! Accounts on both stores: the same assertions on SQLite always and on PostgreSQL when
//! `ARMSGRAPH_TEST_PG` holds a `postgres://` URL (each PostgreSQL test in a schema of its
//! own, `pg::fresh_schema_url`). Users and passwords, sessions, API tokens, collections and
//! grants, the read scope, the audit log; and what only several connections can show (two
//! adding one name at once, a disabled user's credentials refused through another
//! connection). The SQLite schema upgrade stays in `accounts.rs`.

mod common;

use common::pg_url;
use std::path::PathBuf;

use armsgraph_store::accounts::{Access, AuditFilter, NewAudit, ReadScope, Role};
use armsgraph_store::Store;

/// A fresh store on one backend, and where to open it again (a second connection).
struct TestStore {
    backend: &'static str,
    store: Store,
    location: PathBuf,
    url: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestStore {
    fn reopen(&self) -> Store {
        Store::open(&self.location).expect("second connection")
    }

    /// The one text value `sql` selects, read under the store (what it keeps, not what its
    /// methods say).
    fn text(&self, sql: &str) -> String {
        match &self.url {
            None => self
                .store
                .connection()
                .query_row(sql, [], |r| r.get(0))
                .expect("sqlite row"),
            Some(url) => {
                let mut client =
                    postgres::Client::connect(url, postgres::NoTls).expect("postgres client");
                client.query_one(sql, &[]).expect("postgres row").get(0)
            }
        }
    }
}

/// One store per backend: a SQLite file, and a PostgreSQL schema when a server is given.
fn stores(test: &str) -> Vec<TestStore> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("accounts.db");
    let mut out = vec![TestStore {
        backend: "sqlite",
        store: Store::open(&file).expect("sqlite store"),
        location: file,
        url: None,
        _dir: Some(dir),
    }];
    if let Some(base) = pg_url() {
        let url = armsgraph_store::pg::fresh_schema_url(&base, test).expect("test schema");
        out.push(TestStore {
            backend: "postgres",
            store: Store::open(&PathBuf::from(&url)).expect("postgres store"),
            location: PathBuf::from(&url),
            url: Some(url),
            _dir: None,
        });
    }
    out
}

#[test]
fn users_have_roles_and_hashed_passwords() {
    for t in stores("users_have_roles_and") {
        let s = &t.store;
        eprintln!("users_have_roles_and_hashed_passwords on {}", t.backend);
        assert!(!s.has_users().expect("count"));
        let ana = s
            .create_user("ana", Role::Admin, "a long enough password")
            .expect("add");
        assert_eq!(ana.role, Role::Admin);
        assert!(s.has_users().expect("count"));
        // The password is nowhere in the database in clear.
        let stored = t.text("SELECT password_hash FROM users WHERE name = 'ana'");
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
}

#[test]
fn sessions_expire_and_end_when_the_user_is_disabled() {
    for t in stores("sessions_expire_and_") {
        let s = &t.store;
        eprintln!(
            "sessions_expire_and_end_when_the_user_is_disabled on {}",
            t.backend
        );
        let u = s
            .create_user("cy", Role::Viewer, "a long enough password")
            .expect("add");
        let live = s.create_session(&u, 3600).expect("session");
        assert_eq!(live.id.len(), 64);
        let found = s.session(&live.id).expect("read").expect("live");
        assert_eq!(found.user.name, "cy");
        assert_eq!(found.csrf, live.csrf);
        // Only the digest is stored.
        let raw = t.text(&format!(
            "SELECT CAST(count(*) AS TEXT) FROM sessions WHERE id_hash = '{}'",
            live.id
        ));
        assert_eq!(raw, "0");
        let kept = t.text("SELECT CAST(count(*) AS TEXT) FROM sessions");
        assert_eq!(kept, "1", "{}", t.backend);
        let expired = s.create_session(&u, -1).expect("session");
        assert!(s.session(&expired.id).expect("read").is_none());
        assert!(s.session("not a session").expect("read").is_none());
        s.delete_session(&live.id).expect("sign out");
        assert!(s.session(&live.id).expect("read").is_none());
        let again = s.create_session(&u, 3600).expect("session");
        s.set_disabled("cy", true).expect("disable");
        assert!(s.session(&again.id).expect("read").is_none());
    }
}

#[test]
fn api_tokens_are_shown_once_and_revocable() {
    for t in stores("api_tokens_are_shown") {
        let s = &t.store;
        eprintln!("api_tokens_are_shown_once_and_revocable on {}", t.backend);
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
}

#[test]
fn collections_limit_what_a_user_reads() {
    for t in stores("collections_limit_wh") {
        let s = &t.store;
        eprintln!("collections_limit_what_a_user_reads on {}", t.backend);
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
}

#[test]
fn the_audit_log_filters_by_user_and_time() {
    for t in stores("the_audit_log_filter") {
        let s = &t.store;
        eprintln!("the_audit_log_filters_by_user_and_time on {}", t.backend);
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
}

#[test]
fn lists_come_in_byte_order_on_both_stores() {
    for t in stores("byte_order") {
        let s = &t.store;
        for name in ["ana", "Zed", "Ärger", "bo"] {
            s.create_user(name, Role::Viewer, "a long enough password")
                .expect("add");
            s.ensure_collection(&format!("c-{name}"))
                .expect("collection");
        }
        let users: Vec<String> = s
            .users()
            .expect("list")
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(users, ["Zed", "ana", "bo", "Ärger"], "{}", t.backend);
        let cols: Vec<String> = s
            .collections()
            .expect("list")
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(cols, ["c-Zed", "c-ana", "c-bo", "c-Ärger"], "{}", t.backend);
        for (c, u) in [("c-bo", "ana"), ("c-Zed", "bo"), ("c-Zed", "ana")] {
            s.grant(c, u, Some(Access::Read)).expect("grant");
        }
        let grants: Vec<(String, String)> = s
            .grants()
            .expect("grants")
            .into_iter()
            .map(|g| (g.collection, g.user))
            .collect();
        assert_eq!(
            grants,
            [
                ("c-Zed".to_string(), "ana".to_string()),
                ("c-Zed".into(), "bo".into()),
                ("c-bo".into(), "ana".into())
            ],
            "{}",
            t.backend
        );
    }
}

#[test]
fn a_second_connection_sees_accounts_at_once() {
    for t in stores("second_connection") {
        let s = &t.store;
        let other = t.reopen();
        let u = s
            .create_user("eve", Role::Analyst, "a long enough password")
            .expect("add");
        // A name added through one connection is taken for the other.
        let twice = other
            .create_user("eve", Role::Viewer, "another long password")
            .unwrap_err();
        assert!(
            twice.to_string().contains("exists"),
            "{}: {twice}",
            t.backend
        );
        let session = s.create_session(&u, 3600).expect("session");
        let (_, secret) = s.create_token("eve", "script").expect("token");
        assert!(other.session(&session.id).expect("read").is_some());
        assert!(other.token_user(&secret).expect("read").is_some());
        // Disabling ends the session and refuses the token everywhere at once.
        other.set_disabled("eve", true).expect("disable");
        assert!(
            s.session(&session.id).expect("read").is_none(),
            "{}",
            t.backend
        );
        assert!(
            s.token_user(&secret).expect("read").is_none(),
            "{}",
            t.backend
        );
        assert!(s.user("eve").expect("read").expect("kept").disabled);
        // Enabled again: the token works again, the ended session does not come back.
        s.set_disabled("eve", false).expect("enable");
        assert!(other.token_user(&secret).expect("read").is_some());
        assert!(other.session(&session.id).expect("read").is_none());
        // A new password replaces the old one.
        other
            .set_password("eve", "a brand new password")
            .expect("password");
        assert!(s
            .check_password("eve", "a long enough password")
            .expect("check")
            .is_none());
        assert!(s
            .check_password("eve", "a brand new password")
            .expect("check")
            .is_some());
        assert!(s.set_password("eve", "short").is_err());
        assert!(s.set_role("nobody", Role::Admin).is_err());
    }
}

#[test]
fn odd_text_is_kept_or_refused_never_an_error() {
    for t in stores("odd_text") {
        let s = &t.store;
        // Text a client typed (a name at sign-in, a reason) may hold anything, NUL too.
        s.audit(&NewAudit {
            actor: "-",
            action: "login_failed",
            object: "a\0b'; DROP TABLE users; --",
            detail: &"x".repeat(5000),
            address: Some("::1"),
        })
        .expect("audit");
        let rows = s
            .audit_log(&AuditFilter {
                actor: Some("-".into()),
                ..Default::default()
            })
            .expect("log");
        assert_eq!(rows.len(), 1, "{}", t.backend);
        assert!(rows[0].object.ends_with("b'; DROP TABLE users; --"));
        assert_eq!(rows[0].detail.chars().count(), 2000, "clipped");
        assert_eq!(rows[0].address.as_deref(), Some("::1"));
        assert!(s
            .check_password("a\0b", "whatever it is")
            .expect("check")
            .is_none());
        assert!(s.collection("no\0such").expect("lookup").is_none());
        assert!(s.document_collections("doc\0x").expect("list").is_empty());
        // Labels lose control characters and are cut at 200 characters.
        s.create_user("fay", Role::Viewer, "a long enough password")
            .expect("add");
        let (token, _) = s
            .create_token("fay", &format!("a\u{7}b{}", "l".repeat(300)))
            .expect("token");
        assert_eq!(token.label.chars().count(), 200, "{}", t.backend);
        assert!(token.label.starts_with("ab"));
        assert_eq!(token.user, "fay");
        assert!(token.revoked_at.is_none());
        let revoked = s.revoke_token(token.id).expect("revoke");
        assert!(revoked.revoked_at.is_some());
        assert!(s.revoke_token(token.id + 1000).is_err());
    }
}
