//! The README's "Team server (PostgreSQL)" block, run line by line as printed: a throwaway
//! PostgreSQL cluster, an admin and an analyst, a collection and its grant, documents put on
//! the queue and read by two workers at once, the queue and the audit log, and the web app
//! with accounts — signed in to as the analyst (`team_server/probe.py`) — then the cluster
//! stopped. Runs where PostgreSQL can be started: `ARMSGRAPH_TEST_PG` is set by
//! `scripts/test.sh` once it has installed PostgreSQL; elsewhere the test says it skipped.

use std::path::Path;
use std::process::Command;

/// The shell lines of the README's team-server block, comments cut off.
fn team_server_block() -> Vec<String> {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("### Team server (PostgreSQL)")
        .expect("the README has a team-server section");
    let section = &readme[start..];
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("the team-server section has a sh block");
    block
        .lines()
        .map(|l| l.split(" # ").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[test]
fn the_readme_team_server_runs_as_printed() {
    if std::env::var("ARMSGRAPH_TEST_PG").is_err() {
        eprintln!(
            "skipped: no PostgreSQL here (scripts/test.sh installs one and sets ARMSGRAPH_TEST_PG)"
        );
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let repo = repo.canonicalize().expect("repository root");
    let work = tempfile::tempdir().expect("work dir");
    // The block runs from the repository's root as printed: its paths are seen through
    // links, so nothing it writes lands in the repository.
    for dir in ["scripts", "samples", "data"] {
        std::os::unix::fs::symlink(repo.join(dir), work.path().join(dir)).expect("link");
    }
    let bin = work.path().join("bin");
    std::fs::create_dir(&bin).expect("bin dir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_armsgraph"), bin.join("armsgraph"))
        .expect("armsgraph on the PATH");
    let admin_password = "correct horse battery staple";
    let ana_password = "a long enough password";
    std::fs::write(
        work.path().join("admin-password.txt"),
        format!("{admin_password}\n"),
    )
    .expect("password file");
    std::fs::write(
        work.path().join("ana-password.txt"),
        format!("{ana_password}\n"),
    )
    .expect("password file");
    let probe = repo.join("crates/cli/tests/team_server/probe.py");
    let port = free_port();

    let lines = team_server_block();
    let mut script = String::from(
        "set -euo pipefail\n\
         # Whatever happens, the cluster and the server do not outlive the test.\n\
         cleanup() {\n\
           if [ -n \"${SERVE_PID:-}\" ]; then kill \"$SERVE_PID\" 2>/dev/null || true; fi\n\
           if [ -n \"${PG_CLUSTER_DIR:-}\" ] && [ -d \"$PG_CLUSTER_DIR\" ]; then\n\
             bash scripts/pg-cluster.sh stop \"$PG_CLUSTER_DIR\" >/dev/null 2>&1 || true\n\
           fi\n\
         }\n\
         trap cleanup EXIT\n",
    );
    let mut served = false;
    for line in &lines {
        script.push_str(&format!("echo '+ {}'\n", line.replace('\'', "'\\''")));
        if line.starts_with("armsgraph serve") {
            // The server runs until the probe has signed in and read; on a free port.
            let line = line.replace("--port 8080", &format!("--port {port}"));
            script.push_str(&format!("{line} > serve.log 2>&1 &\nSERVE_PID=$!\n"));
            script.push_str(&format!(
                "python3 {} {port} ana '{ana_password}' || {{ cat serve.log; exit 1; }}\n\
                 kill \"$SERVE_PID\"; wait \"$SERVE_PID\" || true; SERVE_PID=\n",
                probe.display()
            ));
            served = true;
        } else {
            script.push_str(line);
            script.push('\n');
        }
    }
    assert!(served, "the block serves the web app: {lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.matches("armsgraph worker").count() == 2),
        "the block runs two workers: {lines:?}"
    );

    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(work.path())
        .env("PATH", path)
        .env_remove("ARMSGRAPH_DB")
        .env_remove("ARMSGRAPH_DATA")
        .env_remove("ARMSGRAPH_TOKEN")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the team-server block failed:\n{stdout}\n{stderr}"
    );
    // What the lines said: both workers stored documents, nothing failed, each stored
    // document is in the audit log under the worker that read it, the probe signed in.
    assert!(stdout.contains("probe: signed in as ana"), "{stdout}");
    assert!(
        stdout.contains("worker w1") && stdout.contains("worker w2"),
        "both workers wrote (audit log): {stdout}"
    );
    assert!(
        stdout.contains("ready 0 · leased 0") && stdout.contains("failed 0"),
        "every queued document read, none failed: {stdout}"
    );
}
