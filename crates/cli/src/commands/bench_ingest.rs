//! `armsgraph bench ingest`: ingest throughput on SQLite and PostgreSQL, in the same run, on
//! the same corpus (issue 16's target: PostgreSQL ≥ 80 % of SQLite's documents/s with one
//! worker; throughput near-linear from one to two workers).
//!
//! Every measurement runs `armsgraph` processes as a user would, each into a new database: a
//! SQLite file in a temporary directory, or a new schema in the PostgreSQL database named by
//! `--db` (dropped afterwards unless `--keep`). Per store, three ways in:
//!
//! - `ingest`: one process reads and stores every input (one worker);
//! - `queue ×1`: `ingest --queue` fills the work queue (timed apart), then one `worker
//!   --until-empty` drains it;
//! - `queue ×N`: the same with `--workers` workers at once.
//!
//! Documents/s is stored documents over wall time from the first process's start to the last
//! one's exit (start-up included, as a user waits for it). The processes' CPU time is reported
//! too: on a machine shared with other work it is the steadier figure, but it leaves out the
//! PostgreSQL server's own. Not a test: the figures go to docs/notes/postgres.md.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context as _};
use armsgraph_store::Store;
use serde::Serialize;

use super::Context;

#[derive(clap::Args)]
pub struct BenchIngestArgs {
    /// The corpus: files or directories, as `ingest` takes them (the README uses the 181
    /// news pages of ../shared/data/article-extraction-benchmark/html).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Workers in the multi-worker runs.
    #[arg(long, default_value_t = 2)]
    pub workers: usize,
    /// Rounds of all runs, one after the other (each figure is reported per round and as the
    /// median).
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
    /// Leave out the SQLite queue runs (the SQLite `ingest` run is always made: it is the
    /// reference).
    #[arg(long)]
    pub no_sqlite_queue: bool,
    /// Keep the databases (SQLite files are then left in the temp dir, PostgreSQL schemas
    /// `armsgraph_bench_*` in the database).
    #[arg(long)]
    pub keep: bool,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
}

/// One measured run.
#[derive(Debug, Clone, Serialize)]
struct Run {
    round: usize,
    store: &'static str,
    /// `ingest`, or `queue` with `workers` workers.
    mode: &'static str,
    workers: usize,
    stored: i64,
    seconds: f64,
    documents_per_second: f64,
    /// User + system CPU seconds of the armsgraph processes (not the database server's).
    cpu_seconds: f64,
    /// CPU seconds of the PostgreSQL backends that ended during the run, when the server runs
    /// on this machine (its postmaster's reaped children; any other client's backends that
    /// ended meanwhile are counted too, so use a cluster of your own).
    server_cpu_seconds: Option<f64>,
    /// Of the samples (every 20 ms) that found this database's backends running a statement,
    /// the share waiting for an advisory lock — the copy-cluster locks (`pg_clusters.rs`).
    advisory_wait_share: Option<f64>,
    /// `ingest --queue` before the workers start (not in `seconds`).
    enqueue_seconds: Option<f64>,
    load_average: Option<f64>,
}

pub fn run(ctx: &Context, args: BenchIngestArgs) -> anyhow::Result<()> {
    if args.workers < 2 || args.rounds == 0 {
        bail!("--workers must be at least 2 and --rounds at least 1");
    }
    let base = match ctx.db.as_ref().and_then(|p| p.to_str()) {
        Some(url) if armsgraph_store::pg::is_url(url) => url.to_string(),
        _ => bail!(
            "bench ingest compares SQLite with PostgreSQL: pass the PostgreSQL database with \
             --db postgres://user@host:port/db (the SQLite side uses a temporary file)"
        ),
    };
    for p in &args.paths {
        if !p.exists() {
            bail!("no such input: {}", p.display());
        }
    }
    let exe = std::env::current_exe().context("finding the armsgraph binary")?;
    let dir = std::env::temp_dir().join(format!("armsgraph-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut bench = Bench {
        ctx,
        args: &args,
        exe,
        dir: dir.clone(),
        base,
        schemas: Vec::new(),
        next: 0,
    };
    let outcome = bench.all_rounds();
    let cleanup = if args.keep {
        eprintln!(
            "kept: {} and PostgreSQL schemas {}",
            dir.display(),
            bench.schemas.join(", ")
        );
        Ok(())
    } else {
        let _ = std::fs::remove_dir_all(&dir);
        bench.drop_schemas()
    };
    let runs = outcome?;
    cleanup?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report_json(&runs))?);
    } else {
        print!("{}", report(&runs, args.workers));
    }
    Ok(())
}

struct Bench<'a> {
    ctx: &'a Context,
    args: &'a BenchIngestArgs,
    exe: PathBuf,
    dir: PathBuf,
    base: String,
    schemas: Vec<String>,
    next: usize,
}

impl Bench<'_> {
    fn all_rounds(&mut self) -> anyhow::Result<Vec<Run>> {
        let mut runs = Vec::new();
        let n = self.args.workers;
        for round in 1..=self.args.rounds {
            // Interleaved, so that both stores see the same machine load.
            let mut plan: Vec<(&'static str, usize)> = vec![
                ("sqlite", 0),
                ("postgres", 0),
                ("postgres", 1),
                ("postgres", n),
            ];
            if !self.args.no_sqlite_queue {
                plan.extend([("sqlite", 1), ("sqlite", n)]);
            }
            for (store, workers) in plan {
                let run = self.measure(round, store, workers)?;
                eprintln!(
                    "round {round}: {store} {}: {} documents in {:.1} s = {:.2}/s (CPU {:.1} s)",
                    label(&run),
                    run.stored,
                    run.seconds,
                    run.documents_per_second,
                    run.cpu_seconds
                );
                runs.push(run);
            }
        }
        Ok(runs)
    }

    /// A new database of the kind `store` names.
    fn new_db(&mut self, store: &str) -> anyhow::Result<PathBuf> {
        self.next += 1;
        if store == "sqlite" {
            return Ok(self.dir.join(format!("run-{}.db", self.next)));
        }
        let schema = format!("armsgraph_bench_{}_{}", std::process::id(), self.next);
        let mut client =
            postgres::Client::connect(&self.base, postgres::NoTls).with_context(|| {
                format!(
                    "connecting to {}",
                    armsgraph_store::pg::redacted(&self.base)
                )
            })?;
        client
            .batch_execute(&format!("CREATE SCHEMA \"{schema}\""))
            .with_context(|| format!("creating schema {schema}"))?;
        self.schemas.push(schema.clone());
        let sep = if self.base.contains('?') { '&' } else { '?' };
        Ok(PathBuf::from(format!(
            "{}{sep}options=-c%20search_path%3D{schema}%2Cpublic",
            self.base
        )))
    }

    fn drop_schemas(&self) -> anyhow::Result<()> {
        if self.schemas.is_empty() {
            return Ok(());
        }
        let mut client = postgres::Client::connect(&self.base, postgres::NoTls)?;
        for schema in &self.schemas {
            client
                .batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
                .with_context(|| format!("dropping schema {schema}"))?;
        }
        Ok(())
    }

    fn command(&self, db: &Path) -> Command {
        let mut cmd = Command::new(&self.exe);
        cmd.arg("--db").arg(db);
        if let Some(d) = &self.ctx.data_dir {
            cmd.arg("--data-dir").arg(d);
        }
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        cmd
    }

    /// `workers` 0 is a plain `ingest`, else the queue with that many workers.
    fn measure(
        &mut self,
        round: usize,
        store: &'static str,
        workers: usize,
    ) -> anyhow::Result<Run> {
        let db = self.new_db(store)?;
        // Create the database before the clock starts: all runs then time the same work.
        drop(Store::open(&db).context("creating the benchmark database")?);
        let mut enqueue_seconds = None;
        let postmaster = if store == "postgres" {
            postmaster_pid(&db)
        } else {
            None
        };
        let server_before = postmaster.and_then(reaped_cpu);
        let cpu_before = children_cpu();
        let mut sampler = None;
        let started;
        if workers == 0 {
            started = Instant::now();
            let mut ingest = self.command(&db);
            ingest
                .arg("ingest")
                .args(&self.args.paths)
                .args(["--time-budget", "0"]);
            finish(
                ingest.spawn().context("starting armsgraph ingest")?,
                "ingest",
            )?;
        } else {
            let enqueue_start = Instant::now();
            let mut enqueue = self.command(&db);
            enqueue.arg("ingest").arg("--queue").args(&self.args.paths);
            finish(
                enqueue.spawn().context("starting ingest --queue")?,
                "ingest --queue",
            )?;
            enqueue_seconds = Some(enqueue_start.elapsed().as_secs_f64());
            if store == "postgres" {
                sampler = Some(LockSampler::start(&db)?);
            }
            started = Instant::now();
            let mut children = Vec::new();
            for w in 0..workers {
                let mut worker = self.command(&db);
                worker.args([
                    "worker",
                    "--until-empty",
                    "--time-budget",
                    "0",
                    "--poll-ms",
                    "100",
                    "--name",
                    &format!("bench-{w}"),
                ]);
                children.push(worker.spawn().context("starting armsgraph worker")?);
            }
            for child in children {
                finish(child, "worker")?;
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let cpu_seconds = children_cpu() - cpu_before;
        let advisory_wait_share = sampler.and_then(LockSampler::finish);
        // The backends end a moment after their clients; give the postmaster time to reap.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let server_cpu_seconds = match (server_before, postmaster.and_then(reaped_cpu)) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        };
        let stored = Store::open(&db)?.stats()?.documents;
        Ok(Run {
            round,
            store,
            mode: if workers == 0 { "ingest" } else { "queue" },
            workers: workers.max(1),
            stored,
            seconds,
            documents_per_second: stored as f64 / seconds.max(1e-9),
            cpu_seconds,
            server_cpu_seconds,
            advisory_wait_share,
            enqueue_seconds,
            load_average: load_average(),
        })
    }
}

/// The PostgreSQL server's postmaster, when it runs on this machine: the parent of the
/// backend serving a connection.
fn postmaster_pid(db: &Path) -> Option<u32> {
    let mut client = postgres::Client::connect(db.to_str()?, postgres::NoTls).ok()?;
    let backend: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .ok()?
        .get(0);
    let stat = std::fs::read_to_string(format!("/proc/{backend}/stat")).ok()?;
    // Fields after the parenthesised command name: state, ppid, …
    let after = stat.rsplit_once(')')?.1;
    after.split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds of a process's children that ended and were reaped (`cutime` + `cstime`).
fn reaped_cpu(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the command name, field 3 is `state`; cutime and cstime are fields 16 and 17.
    let ticks: f64 = fields.get(13)?.parse::<f64>().ok()? + fields.get(14)?.parse::<f64>().ok()?;
    #[cfg(unix)]
    {
        // SAFETY: sysconf reads a configuration value; no memory is passed.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
        if hz > 0 {
            return Some(ticks / hz as f64);
        }
    }
    None
}

/// Samples `pg_stat_activity` of the benchmark's database on a thread of its own while the
/// workers run: how often a backend running a statement waits for an advisory lock.
struct LockSampler {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<Option<(u64, u64)>>,
}

impl LockSampler {
    fn start(db: &Path) -> anyhow::Result<LockSampler> {
        let url = db.to_str().context("a PostgreSQL URL")?.to_string();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut client = postgres::Client::connect(&url, postgres::NoTls).ok()?;
            let (mut waiting, mut active) = (0u64, 0u64);
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                let row = client
                    .query_one(
                        "SELECT count(*) FILTER (WHERE wait_event = 'advisory'),
                                count(*) FILTER (WHERE state = 'active')
                         FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                           AND backend_type = 'client backend'",
                        &[],
                    )
                    .ok()?;
                waiting += row.get::<_, i64>(0).max(0) as u64;
                active += row.get::<_, i64>(1).max(0) as u64;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Some((waiting, active))
        });
        Ok(LockSampler { stop, thread })
    }

    fn finish(self) -> Option<f64> {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let (waiting, active) = self.thread.join().ok()??;
        (active > 0).then(|| waiting as f64 / active as f64)
    }
}

/// Waits for a child; exit code 2 (some inputs could not be read) still counts as a run.
fn finish(mut child: Child, what: &str) -> anyhow::Result<()> {
    let status = child
        .wait()
        .with_context(|| format!("waiting for {what}"))?;
    match status.code() {
        Some(0 | 2) => Ok(()),
        _ => bail!("{what} ended with {status}"),
    }
}

fn label(run: &Run) -> String {
    match run.mode {
        "ingest" => "ingest".to_string(),
        _ => format!("queue ×{}", run.workers),
    }
}

/// CPU seconds (user + system) of the child processes waited for so far.
fn children_cpu() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage only writes the struct it is given, which lives on this stack.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0 {
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return secs(usage.ru_utime) + secs(usage.ru_stime);
        }
    }
    0.0
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

/// Median documents/s of the runs of one kind.
fn rate(runs: &[Run], store: &str, mode: &str, workers: usize) -> Option<f64> {
    let v: Vec<f64> = runs
        .iter()
        .filter(|r| r.store == store && r.mode == mode && r.workers == workers)
        .map(|r| r.documents_per_second)
        .collect();
    (!v.is_empty()).then(|| median(v))
}

/// The figures the targets are stated in.
#[derive(Debug, Serialize)]
struct Summary {
    /// PostgreSQL `ingest` over SQLite `ingest` documents/s (target ≥ 0.8).
    postgres_over_sqlite: Option<f64>,
    /// PostgreSQL queue with N workers over one worker (2.0 would be linear).
    postgres_worker_scaling: Option<f64>,
    sqlite_worker_scaling: Option<f64>,
}

fn summary(runs: &[Run]) -> Summary {
    let n = runs.iter().map(|r| r.workers).max().unwrap_or(1);
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    Summary {
        postgres_over_sqlite: ratio(
            rate(runs, "postgres", "ingest", 1),
            rate(runs, "sqlite", "ingest", 1),
        ),
        postgres_worker_scaling: ratio(
            rate(runs, "postgres", "queue", n),
            rate(runs, "postgres", "queue", 1),
        ),
        sqlite_worker_scaling: ratio(
            rate(runs, "sqlite", "queue", n),
            rate(runs, "sqlite", "queue", 1),
        ),
    }
}

fn report_json(runs: &[Run]) -> serde_json::Value {
    serde_json::json!({ "runs": runs, "summary": summary(runs) })
}

fn report(runs: &[Run], workers: usize) -> String {
    let mut out = String::new();
    out.push_str(
        "store     run        round  stored  wall s  documents/s  CPU s  server CPU s  CPU ms/doc  advisory waits  load\n",
    );
    for r in runs {
        let total_cpu = r.cpu_seconds + r.server_cpu_seconds.unwrap_or(0.0);
        out.push_str(&format!(
            "{:<9} {:<10} {:>5}  {:>6}  {:>6.1}  {:>11.2}  {:>5.1}  {:>12}  {:>10.1}  {:>14}  {}\n",
            r.store,
            label(r),
            r.round,
            r.stored,
            r.seconds,
            r.documents_per_second,
            r.cpu_seconds,
            r.server_cpu_seconds
                .map_or_else(|| "-".to_string(), |c| format!("{c:.1}")),
            total_cpu * 1000.0 / (r.stored.max(1) as f64),
            r.advisory_wait_share
                .map_or_else(|| "-".to_string(), |w| format!("{:.1} %", w * 100.0)),
            r.load_average
                .map_or_else(|| "-".to_string(), |l| format!("{l:.1}"))
        ));
    }
    let s = summary(runs);
    let shown = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"));
    // The key figures as `key=value` on the last line, as every bench prints them.
    out.push_str(&format!(
        "sqlite_docs_per_s={} postgres_docs_per_s={} postgres_over_sqlite={} \
         postgres_queue_1={} postgres_queue_{workers}={} postgres_scaling={} sqlite_scaling={}\n",
        shown(rate(runs, "sqlite", "ingest", 1)),
        shown(rate(runs, "postgres", "ingest", 1)),
        shown(s.postgres_over_sqlite),
        shown(rate(runs, "postgres", "queue", 1)),
        shown(rate(runs, "postgres", "queue", workers)),
        shown(s.postgres_worker_scaling),
        shown(s.sqlite_worker_scaling)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(store: &'static str, mode: &'static str, workers: usize, dps: f64) -> Run {
        Run {
            round: 1,
            store,
            mode,
            workers,
            stored: 10,
            seconds: 10.0 / dps,
            documents_per_second: dps,
            cpu_seconds: 1.0,
            server_cpu_seconds: None,
            advisory_wait_share: None,
            enqueue_seconds: None,
            load_average: None,
        }
    }

    #[test]
    fn ratios_are_medians_over_rounds() {
        let runs = vec![
            run("sqlite", "ingest", 1, 10.0),
            run("sqlite", "ingest", 1, 30.0),
            run("postgres", "ingest", 1, 8.0),
            run("postgres", "ingest", 1, 16.0),
            run("postgres", "queue", 1, 5.0),
            run("postgres", "queue", 2, 9.0),
        ];
        let s = summary(&runs);
        assert_eq!(s.postgres_over_sqlite, Some(12.0 / 20.0));
        assert_eq!(s.postgres_worker_scaling, Some(9.0 / 5.0));
        assert_eq!(s.sqlite_worker_scaling, None);
        let text = report(&runs, 2);
        assert!(text.contains("postgres_over_sqlite=0.60"), "{text}");
        assert!(
            text.contains("postgres_scaling=1.80 sqlite_scaling=-"),
            "{text}"
        );
        assert!(text.contains("queue ×2"), "{text}");
    }
}
