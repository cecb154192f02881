//! `armsgraph user`, `token`, `collection` and `audit`: the password comes from standard input
//! or a file, never the command line; every change lands in the audit log.

use std::io::Write;
use std::path::Path;
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

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn user_add_reads_the_password_from_stdin_or_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("team.db");
    let added = ok(&run(
        &db,
        &["user", "add", "ana", "--role", "admin"],
        Some("a long enough password\n"),
    ));
    assert!(added.contains("added ana (admin)"), "{added}");
    let file = dir.path().join("bo.txt");
    std::fs::write(&file, "another long password\n").expect("write");
    ok(&run(
        &db,
        &[
            "user",
            "add",
            "bo",
            "--password-file",
            file.to_str().expect("utf-8"),
        ],
        None,
    ));
    // No password on the command line is accepted, and an empty one is refused.
    let argv = run(&db, &["user", "add", "cy", "--password", "x"], Some(""));
    assert!(!argv.status.success());
    let empty = run(&db, &["user", "add", "cy"], Some("\n"));
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no password"));
    let short = run(&db, &["user", "add", "cy"], Some("short\n"));
    assert!(String::from_utf8_lossy(&short.stderr).contains("too short"));
    let role = run(&db, &["user", "add", "cy", "--role", "boss"], Some("x\n"));
    assert!(String::from_utf8_lossy(&role.stderr).contains("unknown role"));

    let list = ok(&run(&db, &["user", "list"], None));
    assert!(
        list.contains("ana\tadmin") && list.contains("bo\tviewer"),
        "{list}"
    );
    ok(&run(&db, &["user", "role", "bo", "analyst"], None));
    ok(&run(&db, &["user", "disable", "bo"], None));
    let list = ok(&run(&db, &["user", "list"], None));
    assert!(
        list.contains("bo\tanalyst") && list.contains("disabled"),
        "{list}"
    );

    let token = ok(&run(
        &db,
        &["token", "create", "ana", "--label", "ci"],
        None,
    ));
    assert!(token.trim().starts_with("ag_"), "{token}");
    let tokens = ok(&run(&db, &["token", "list"], None));
    assert!(
        !tokens.contains(token.trim()),
        "the secret is shown once only"
    );

    // The database holds no password in clear.
    for file in [db.clone(), dir.path().join("team.db-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("a long enough password"),
            "{}",
            file.display()
        );
    }

    let audit = ok(&run(&db, &["audit", "--user", "cli"], None));
    for action in ["user_add", "user_role", "user_disable", "token_create"] {
        assert!(audit.contains(action), "{action}: {audit}");
    }
    assert!(!audit.contains("long enough"), "{audit}");
}
