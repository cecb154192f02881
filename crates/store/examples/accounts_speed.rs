//! What the accounts gate costs per request on each store, in the same run: the lookups the
//! web app makes before every handler (`token_user` for a personal token, `session` for a
//! cookie, `read_scope`), the per-row filter (`may_read`) and one audit row, timed on a new
//! SQLite file and a new PostgreSQL schema holding the same users, tokens, 1,000 sessions,
//! 10 collections and 10,000 collection documents. One connection each, sequential calls.
//!
//! ```sh
//! cargo run --release -p armsgraph-store --example accounts_speed -- postgres://… [CALLS]
//! ```

use std::path::Path;
use std::time::Instant;

use armsgraph_store::accounts::{Access, NewAudit, Role};
use armsgraph_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(url) = args.get(1) else {
        eprintln!("usage: accounts_speed postgres://… [CALLS]");
        std::process::exit(2);
    };
    let calls: usize = args
        .get(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(500)
        .max(1);
    let dir = std::env::temp_dir().join(format!("accounts-speed-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = dir.join("accounts.db");
    let pg = armsgraph_store::pg::fresh_schema_url(url, "accounts_speed")?;
    println!("calls per line: {calls}");
    println!("| store | token_user | session | read_scope | may_read | audit |");
    println!("|---|---|---|---|---|---|");
    for (name, location) in [("SQLite", sqlite.display().to_string()), ("PostgreSQL", pg)] {
        let store = Store::open(Path::new(&location))?;
        let row = measure(&store, calls)?;
        println!("| {name} | {row} |");
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Median and 99th percentile of each lookup, in microseconds, as table cells.
fn measure(store: &Store, calls: usize) -> Result<String, Box<dyn std::error::Error>> {
    let password = "a long enough password";
    let viewer = store.create_user("viewer", Role::Viewer, password)?;
    let (_, token) = store.create_token("viewer", "bench")?;
    let mut session = None;
    for _ in 0..1_000 {
        session = Some(store.create_session(&viewer, 3600)?);
    }
    let session = session.ok_or("no session")?;
    for c in 0..10 {
        let name = format!("c{c}");
        store.ensure_collection(&name)?;
        for d in 0..1_000 {
            store.add_to_collection(&name, &format!("doc-{c}-{d}"))?;
        }
        if c % 2 == 0 {
            store.grant(&name, "viewer", Some(Access::Read))?;
        }
    }
    let scope = store.read_scope(&viewer)?;
    let mut cells = Vec::new();
    cells.push(time(calls, |_| store.token_user(&token).map(|_| ()))?);
    cells.push(time(calls, |_| store.session(&session.id).map(|_| ()))?);
    cells.push(time(calls, |_| store.read_scope(&viewer).map(|_| ()))?);
    cells.push(time(calls, |i| {
        store
            .may_read(&scope, &format!("doc-{}-{}", i % 10, i % 1_000))
            .map(|_| ())
    })?);
    cells.push(time(calls, |_| {
        store.audit(&NewAudit {
            actor: "viewer",
            action: "ingest",
            object: "doc",
            detail: "stored",
            address: Some("127.0.0.1"),
        })
    })?);
    Ok(cells.join(" | "))
}

fn time(
    calls: usize,
    mut call: impl FnMut(usize) -> armsgraph_store::Result<()>,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut micros = Vec::with_capacity(calls);
    for i in 0..calls {
        let started = Instant::now();
        call(i)?;
        micros.push(started.elapsed().as_secs_f64() * 1e6);
    }
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros[((micros.len() - 1) as f64 * q) as usize];
    Ok(format!("{:.0} / {:.0} µs", at(0.5), at(0.99)))
}
