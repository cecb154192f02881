//! The store's share of ingest, SQLite against PostgreSQL in the same run: the extractions
//! stored in a SQLite database (read by the real pipeline, e.g. `armsgraph ingest` of the AEB
//! pages) are inserted again, `--rounds` times under fresh ids, into a new SQLite file and a
//! new PostgreSQL schema, one document per transaction as `ingest` does, one writer.
//!
//! ```sh
//! cargo run --release -p armsgraph-store --example insert_speed -- SOURCE.db postgres://… [ROUNDS]
//! ```

use std::path::Path;
use std::time::Instant;

use armsgraph_model::Extraction;
use armsgraph_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(source), Some(url)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: insert_speed SOURCE.db postgres://… [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let source = Store::open(Path::new(source))?;
    let mut extractions: Vec<Extraction> = Vec::new();
    for summary in source.documents(usize::MAX / 2, 0)? {
        if let Some(doc) = source.document(&summary.id)? {
            let mut ex = doc.extraction;
            ex.document.cluster = None;
            extractions.push(ex);
        }
    }
    if extractions.is_empty() {
        eprintln!("no documents in the source database");
        std::process::exit(2);
    }
    let dir = std::env::temp_dir().join(format!("insert-speed-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let sqlite_path = dir.join("target.db");
    let pg_url = armsgraph_store::pg::fresh_schema_url(url, "insert_speed")?;
    println!(
        "{} documents × {rounds} rounds, one writer, one transaction per document",
        extractions.len()
    );
    for (name, target) in [
        ("sqlite", sqlite_path.to_string_lossy().to_string()),
        ("postgres", pg_url),
    ] {
        let mut store = Store::open(Path::new(&target))?;
        let started = Instant::now();
        let mut n = 0usize;
        for round in 0..rounds {
            for ex in &extractions {
                let mut copy = ex.clone();
                // A new id and content hash per round, so each insert stores a document.
                copy.document.id = format!(
                    "{round:04x}{}",
                    &ex.document.id[4.min(ex.document.id.len())..]
                );
                copy.document.content_hash = format!("{round}-{}", ex.document.content_hash);
                for e in &mut copy.events {
                    e.id = format!("{round}-{}", e.id);
                }
                for q in &mut copy.quotes {
                    q.id = format!("{round}-{}", q.id);
                }
                store.insert(&copy)?;
                n += 1;
            }
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{name:9} {n} documents in {secs:.2} s = {:.1} documents/s",
            n as f64 / secs
        );
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
