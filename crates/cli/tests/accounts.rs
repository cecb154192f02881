//! `armsgraph user`, `token`, `collection`, `audit` and `ingest --collection`: the password
//! comes from standard input or a file, never the command line; refusals say why; every
//! change lands in the audit log. Runs on the store of this run (`common::fresh_db`: SQLite,
//! or PostgreSQL with `ARMSGRAPH_TEST_STORE=postgres`).

mod common;

use std::path::Path;
use std::process::Output;

use common::{corpus, fresh_db, on_postgres, run_with_input, stdout_of};

fn ok(db: &Path, args: &[&str], stdin: Option<&str>) -> String {
    stdout_of(args, &run_with_input(db, args, stdin))
}

fn stderr(out: &Output) -> String {
    assert!(!out.status.success(), "should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn user_token_collection_and_audit_commands() {
    let dir = tempfile::tempdir().expect("dir");
    let dir = dir.path();
    let db = &fresh_db(dir, "cli_team");
    let added = ok(
        db,
        &["user", "add", "ana", "--role", "admin"],
        Some("a long enough password\n"),
    );
    assert!(added.contains("added ana (admin)"), "{added}");
    let file = dir.join("bo.txt");
    std::fs::write(&file, "another long password\n").expect("write");
    let file = file.to_str().expect("utf-8");
    ok(db, &["user", "add", "bo", "--password-file", file], None);
    ok(db, &["user", "add", "Zoe", "--password-file", file], None);

    // No password on the command line is accepted, an empty or short one is refused, and
    // each refusal says why.
    let argv = run_with_input(db, &["user", "add", "cy", "--password", "x"], Some(""));
    assert!(!argv.status.success());
    let empty = run_with_input(db, &["user", "add", "cy"], Some("\n"));
    assert!(stderr(&empty).contains("no password"));
    let short = run_with_input(db, &["user", "add", "cy"], Some("short\n"));
    assert!(stderr(&short).contains("too short"));
    let role = run_with_input(db, &["user", "add", "cy", "--role", "boss"], Some("x\n"));
    assert!(stderr(&role).contains("unknown role"));
    let twice = run_with_input(db, &["user", "add", "bo", "--password-file", file], None);
    assert!(stderr(&twice).contains("exists already"));

    let list = ok(db, &["user", "list"], None);
    assert!(
        list.contains("ana\tadmin") && list.contains("bo\tviewer"),
        "{list}"
    );
    ok(db, &["user", "role", "bo", "analyst"], None);
    ok(db, &["user", "disable", "Zoe"], None);
    let list = ok(db, &["user", "list"], None);
    assert!(
        list.contains("bo\tanalyst") && list.contains("Zoe\tviewer"),
        "{list}"
    );
    let disabled: Vec<&str> = list.lines().filter(|l| l.contains("disabled")).collect();
    assert!(
        disabled.len() == 1 && disabled[0].starts_with("Zoe\t"),
        "{list}"
    );

    let token = ok(db, &["token", "create", "ana", "--label", "ci"], None);
    assert!(token.trim().starts_with("ag_"), "{token}");
    let tokens = ok(db, &["token", "list"], None);
    assert!(
        !tokens.contains(token.trim()),
        "the secret is shown once only"
    );
    assert!(tokens.contains("ci"), "{tokens}");

    // Documents go into a collection as they are ingested, already stored ones too.
    let inputs = corpus();
    let inputs = inputs.to_str().expect("utf-8");
    ok(
        db,
        &["ingest", "--collection", "leaks", "--json", inputs],
        None,
    );
    ok(db, &["collection", "create", "press"], None);
    for (collection, access) in [("leaks", "read"), ("press", "write"), ("press", "none")] {
        ok(
            db,
            &["collection", "grant", collection, "bo", "--access", access],
            None,
        );
    }
    let bad = run_with_input(
        db,
        &["collection", "grant", "nope", "bo", "--access", "read"],
        None,
    );
    assert!(!bad.status.success());
    let listed = ok(db, &["collection", "list"], None);
    assert!(listed.contains("leaks\t"), "{listed}");
    assert!(listed.contains("bo:read"), "{listed}");
    assert!(!listed.starts_with("leaks\t0 documents"), "{listed}");
    assert!(
        !listed.contains("bo:write"),
        "access none took it away: {listed}"
    );

    // The audit log: what the commands did, by `cli`, filtered by user and time.
    let audit = ok(db, &["audit", "--user", "cli", "--json"], None);
    let actions: Vec<String> = audit
        .lines()
        .map(|l| {
            let row: serde_json::Value = serde_json::from_str(l).expect("a JSON row");
            row["action"].as_str().unwrap_or("").to_string()
        })
        .collect();
    for action in [
        "user_add",
        "user_role",
        "user_disable",
        "token_create",
        "collection_create",
        "grant",
    ] {
        assert!(
            actions.iter().any(|a| a.starts_with(action)),
            "{action}: {actions:?}"
        );
    }
    assert!(!audit.contains("long enough"), "{audit}");
    assert!(ok(db, &["audit", "--user", "nobody"], None).is_empty());
    assert!(ok(db, &["audit", "--since", "2999-01-01"], None).is_empty());
    let since = ok(
        db,
        &["audit", "--since", "2000-01-01", "--limit", "2"],
        None,
    );
    assert_eq!(since.lines().count(), 2, "{since}");

    // The database holds no password in clear (the SQLite file and its log are readable
    // here; PostgreSQL's files belong to the server).
    if !on_postgres() {
        for file in [db.clone(), dir.join("cli_team.db-wal")] {
            let bytes = std::fs::read(&file).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("a long enough password"),
                "{}",
                file.display()
            );
        }
    }
}
