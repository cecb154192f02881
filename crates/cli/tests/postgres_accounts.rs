//! `armsgraph user|token|collection|audit` and `ingest --collection` give the same answers on
//! a SQLite file and on PostgreSQL (`--db postgres://…`). The SQLite run always happens; the
//! PostgreSQL one when `ARMSGRAPH_TEST_PG` names a server (scripts/test.sh starts one).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_armsgraph"));
    cmd.env_remove("ARMSGRAPH_DB").env_remove("ARMSGRAPH_DATA");
    cmd
}

fn run(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
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

fn ok(db: &Path, args: &[&str], stdin: Option<&str>) -> String {
    let out = run(db, args, stdin);
    assert!(
        out.status.success(),
        "{args:?} on {}: {}",
        db.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus")
}

/// What the commands printed, with the parts that differ between runs (times, token
/// secrets) left out, so the two stores' transcripts can be compared line by line.
fn team_transcript(db: &Path, dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    out.push(ok(
        db,
        &["user", "add", "ana", "--role", "admin"],
        Some("a long enough password\n"),
    ));
    let file = dir.join("bo.txt");
    std::fs::write(&file, "another long password\n").expect("write");
    let file = file.to_str().expect("utf-8");
    out.push(ok(
        db,
        &["user", "add", "bo", "--password-file", file],
        None,
    ));
    out.push(ok(
        db,
        &["user", "add", "Zoe", "--password-file", file],
        None,
    ));
    // Refusals say why, on both stores.
    let short = run(db, &["user", "add", "cy"], Some("short\n"));
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("too short"));
    let twice = run(db, &["user", "add", "bo", "--password-file", file], None);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("exists already"));
    out.push(ok(db, &["user", "role", "bo", "analyst"], None));
    out.push(ok(db, &["user", "disable", "Zoe"], None));
    let list = ok(db, &["user", "list"], None);
    assert!(
        list.contains("ana\tadmin") && list.contains("bo\tanalyst"),
        "{list}"
    );
    // Dates of creation differ between runs: keep name, role and state.
    out.push(
        list.lines()
            .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert!(list.contains("disabled"), "{list}");

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
    out.push(ok(db, &["collection", "create", "press"], None));
    out.push(ok(
        db,
        &["collection", "grant", "leaks", "bo", "--access", "read"],
        None,
    ));
    out.push(ok(
        db,
        &["collection", "grant", "press", "bo", "--access", "write"],
        None,
    ));
    out.push(ok(
        db,
        &["collection", "grant", "press", "bo", "--access", "none"],
        None,
    ));
    let bad = run(
        db,
        &["collection", "grant", "nope", "bo", "--access", "read"],
        None,
    );
    assert!(!bad.status.success());
    let listed = ok(db, &["collection", "list"], None);
    assert!(listed.contains("leaks\t"), "{listed}");
    assert!(listed.contains("bo:read"), "{listed}");
    assert!(!listed.starts_with("leaks\t0 documents"), "{listed}");
    out.push(listed);

    // The audit log: what the commands did, by `cli`, filtered by user and time.
    let audit = ok(db, &["audit", "--user", "cli", "--json"], None);
    let rows: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON row"))
        .collect();
    let actions: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r["action"].as_str().unwrap_or(""),
                r["object"].as_str().unwrap_or(""),
                r["detail"].as_str().unwrap_or("")
            )
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
    out.extend(actions);
    assert!(ok(db, &["audit", "--user", "nobody"], None).is_empty());
    assert!(ok(db, &["audit", "--since", "2999-01-01"], None).is_empty());
    let since = ok(
        db,
        &["audit", "--since", "2000-01-01", "--limit", "2"],
        None,
    );
    assert_eq!(since.lines().count(), 2, "{since}");
    out
}

#[test]
fn team_commands_agree_between_sqlite_and_postgres() {
    let dir = tempfile::tempdir().expect("dir");
    let sqlite = dir.path().join("team.db");
    let a = team_transcript(&sqlite, dir.path());
    let Some(base) = std::env::var("ARMSGRAPH_TEST_PG")
        .ok()
        .filter(|u| armsgraph_store::pg::is_url(u))
    else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "cli_team").expect("schema");
    let pg = PathBuf::from(&url);
    let b = team_transcript(&pg, dir.path());
    assert_eq!(a, b);
}
