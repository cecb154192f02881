//! What the work queue itself costs a worker per document on PostgreSQL, the two ways a
//! worker can go from one job to the next, interleaved in the same run: `claim` then
//! `complete` (two transactions, each statement parsed anew: eight round trips), and
//! `complete_and_claim` (one prepared statement: one round trip). The jobs hold tiny
//! documents, so nothing but the queue is timed; the worker's CPU (this process) and the
//! wall time per job are printed per round. The server's CPU is not read here (`armsgraph
//! bench ingest` does, for whole runs).
//!
//! ```sh
//! cargo run --release -p armsgraph-store --example queue_speed -- postgres://… [JOBS] [ROUNDS]
//! ```

use std::path::Path;
use std::time::{Duration, Instant};

use armsgraph_model::RawDocument;
use armsgraph_store::queue::JobEnd;
use armsgraph_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(url) = args.get(1) else {
        eprintln!("usage: queue_speed postgres://… [JOBS] [ROUNDS]");
        std::process::exit(2);
    };
    let jobs: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let rounds: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(3);
    let lease = Duration::from_secs(300);
    println!("round  way                  jobs  wall ms/job  client CPU ms/job");
    let mut per_way: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 1..=rounds {
        for (way, name) in ["claim + complete", "complete_and_claim"]
            .iter()
            .enumerate()
        {
            let schema_url = armsgraph_store::pg::fresh_schema_url(url, "queue_speed")?;
            let mut store = Store::open(Path::new(&schema_url))?;
            let docs: Vec<RawDocument> = (0..jobs)
                .map(|n| RawDocument {
                    origin: format!("job-{n}.txt"),
                    body: format!("Text number {n}."),
                    ..Default::default()
                })
                .collect();
            store.enqueue(&docs, None)?;
            let (cpu_before, started) = (cpu_seconds(), Instant::now());
            let mut done = 0usize;
            if way == 0 {
                while let Some(job) = store.claim("speed", lease, 3)? {
                    store.complete(job.id, "speed", &JobEnd::Stored(job.raw.origin))?;
                    done += 1;
                }
            } else {
                let mut finished: Option<(i64, JobEnd)> = None;
                loop {
                    let handover = store.complete_and_claim(
                        finished.as_ref().map(|(id, end)| (*id, end)),
                        "speed",
                        lease,
                        3,
                    )?;
                    let Some(job) = handover.next? else {
                        break;
                    };
                    done += 1;
                    finished = Some((job.id, JobEnd::Stored(job.raw.origin)));
                }
            }
            let wall = started.elapsed().as_secs_f64() * 1000.0 / done.max(1) as f64;
            let cpu = (cpu_seconds() - cpu_before) * 1000.0 / done.max(1) as f64;
            per_way[way].push(wall);
            println!("{round:>5}  {name:<19} {done:>5}  {wall:>11.3}  {cpu:>17.3}");
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let (a, b) = (median(&mut per_way[0]), median(&mut per_way[1]));
    println!(
        "claim_complete_ms={a:.3} complete_and_claim_ms={b:.3} saved_ms={:.3}",
        a - b
    );
    Ok(())
}

/// This process's user + system CPU seconds so far.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // After the command name, utime and stime are fields 12 and 13 (clock ticks, 100/s on
    // Linux).
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|t| t.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
