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
    /// What this database's backends running a statement were doing, sampled every 20 ms
    /// during the PostgreSQL worker runs (`pg_stat_activity`): the serial points.
    waits: Option<Waits>,
    /// `ingest --queue` before the workers start (not in `seconds`).
    enqueue_seconds: Option<f64>,
    /// That process's CPU seconds (not in `cpu_seconds`, nor its backend's in
    /// `server_cpu_seconds`: the queue rows count the workers alone).
    enqueue_cpu_seconds: Option<f64>,
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
        let mut enqueue_cpu_seconds = None;
        let postmaster = if store == "postgres" {
            postmaster_pid(&db)
        } else {
            None
        };
        if postmaster.is_some() {
            // The backends of the set-up connections (schema, postmaster look-up) end a
            // moment after them: reaped before the count starts, they are not counted.
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        let mut server_before = postmaster.and_then(reaped_cpu);
        let mut cpu_before = children_cpu();
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
            // The workers' CPU alone from here (the feeder's is reported apart): what a
            // second worker adds is then not diluted by a cost both runs share.
            enqueue_cpu_seconds = Some(children_cpu() - cpu_before);
            cpu_before = children_cpu();
            if postmaster.is_some() {
                // Its backend ends a moment after it; let the postmaster reap it first.
                std::thread::sleep(std::time::Duration::from_millis(300));
                server_before = postmaster.and_then(reaped_cpu);
            }
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
        let waits = sampler.and_then(LockSampler::finish);
        // The backends end a moment after their clients; give the postmaster time to reap.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let sampler_cpu = waits.as_ref().map_or(0.0, |w| w.sampler_cpu_seconds);
        let server_cpu_seconds = match (server_before, postmaster.and_then(reaped_cpu)) {
            (Some(a), Some(b)) => Some((b - a - sampler_cpu).max(0.0)),
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
            waits,
            enqueue_seconds,
            enqueue_cpu_seconds,
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

/// CPU seconds (user + system) a running local process has used, e.g. a backend.
fn process_cpu(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the command name, field 3 is `state`; utime and stime are fields 14 and 15.
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
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
/// workers run: what each backend running a statement waits for, if anything.
struct LockSampler {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<Option<Waits>>,
}

impl LockSampler {
    fn start(db: &Path) -> anyhow::Result<LockSampler> {
        let url = db.to_str().context("a PostgreSQL URL")?.to_string();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut client = postgres::Client::connect(&url, postgres::NoTls).ok()?;
            let backend: i32 = client
                .query_one("SELECT pg_backend_pid()", &[])
                .ok()?
                .get(0);
            // Prepared once: planned anew 50 times a second it would cost more.
            let statement = client
                .prepare(
                    "SELECT wait_event_type || ':' || wait_event
                     FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> pg_backend_pid()
                       AND backend_type = 'client backend' AND state = 'active'",
                )
                .ok()?;
            let cpu_before = u32::try_from(backend).ok().and_then(process_cpu);
            let mut waits = Waits::default();
            let started = Instant::now();
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                waits.samples += 1;
                let rows = client.query(&statement, &[]).ok()?;
                for row in rows {
                    waits.active += 1;
                    // NULL: running (on the CPU or ready to), not waiting.
                    if let Some(event) = row.get::<_, Option<String>>(0) {
                        *waits.by_event.entry(event).or_default() += 1;
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            waits.seconds = started.elapsed().as_secs_f64();
            // Read while the backend still runs (it is not reaped into the count yet).
            let cpu_after = u32::try_from(backend).ok().and_then(process_cpu);
            if let (Some(a), Some(b)) = (cpu_before, cpu_after) {
                waits.sampler_cpu_seconds = b - a;
            }
            Some(waits)
        });
        Ok(LockSampler { stop, thread })
    }

    fn finish(self) -> Option<Waits> {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.join().ok()?
    }
}

/// Samples of `pg_stat_activity` during one run: how many found a backend running a
/// statement (`active`), and of those, how many waited and for what
/// (`wait_event_type:wait_event`, e.g. `Lock:advisory` for the copy-cluster locks,
/// `Lock:transactionid` for a row another transaction is writing, `LWLock:WALWrite`).
#[derive(Debug, Clone, Default, Serialize)]
struct Waits {
    /// Samples taken, and the seconds they span: one sample stands for `seconds / samples`
    /// of each backend's time.
    samples: u64,
    seconds: f64,
    /// CPU seconds of the sampler's own backend, taken out of the run's server CPU (at
    /// 50 samples a second it is ~20 ms a second: in a 100 s run 2 s, as much as the
    /// workers' backends).
    sampler_cpu_seconds: f64,
    active: u64,
    by_event: std::collections::BTreeMap<String, u64>,
}

impl Waits {
    /// The share of active samples waiting on events whose class is `class` (`Lock`,
    /// `LWLock`, `IO`, …), or on any event when `class` is empty.
    fn share(&self, class: &str) -> f64 {
        if self.active == 0 {
            return 0.0;
        }
        let waiting: u64 = self
            .by_event
            .iter()
            .filter(|(event, _)| class.is_empty() || event.split(':').next() == Some(class))
            .map(|(_, n)| n)
            .sum();
        waiting as f64 / self.active as f64
    }

    /// Backend seconds spent waiting on events of `class` (estimated from the samples).
    fn seconds_waiting(&self, class: &str) -> f64 {
        if self.samples == 0 {
            return 0.0;
        }
        let waiting: u64 = self
            .by_event
            .iter()
            .filter(|(event, _)| event.split(':').next() == Some(class))
            .map(|(_, n)| n)
            .sum();
        waiting as f64 * self.seconds / self.samples as f64
    }

    /// The most frequent wait events, as `event share %`.
    fn top(&self, n: usize) -> String {
        let mut events: Vec<(&String, &u64)> = self.by_event.iter().collect();
        events.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        events
            .iter()
            .take(n)
            .map(|(event, count)| {
                format!(
                    "{event} {:.1} %",
                    **count as f64 * 100.0 / self.active.max(1) as f64
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
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

/// Median of a per-run figure over the runs of one kind that have it.
fn median_of(
    runs: &[Run],
    store: &str,
    mode: &str,
    workers: usize,
    figure: impl Fn(&Run) -> Option<f64>,
) -> Option<f64> {
    let v: Vec<f64> = runs
        .iter()
        .filter(|r| r.store == store && r.mode == mode && r.workers == workers)
        .filter_map(figure)
        .collect();
    (!v.is_empty()).then(|| median(v))
}

/// CPU milliseconds per stored document, clients and server (the server's only when it was
/// read: a PostgreSQL run without it has no figure).
fn cpu_ms_per_doc(r: &Run) -> Option<f64> {
    let server = match (r.store, r.server_cpu_seconds) {
        ("postgres", None) => return None,
        (_, s) => s.unwrap_or(0.0),
    };
    Some((r.cpu_seconds + server) * 1000.0 / r.stored.max(1) as f64)
}

/// Milliseconds per stored document the run's backends waited on locks (all of them: row,
/// transaction and advisory locks).
fn lock_wait_ms_per_doc(r: &Run) -> Option<f64> {
    Some(r.waits.as_ref()?.seconds_waiting("Lock") * 1000.0 / r.stored.max(1) as f64)
}

/// The figures the targets are stated in.
#[derive(Debug, Serialize)]
struct Summary {
    /// PostgreSQL `ingest` over SQLite `ingest` documents/s (target ≥ 0.8).
    postgres_over_sqlite: Option<f64>,
    /// SQLite's CPU per document over PostgreSQL's (clients + server), `ingest`: the same
    /// ratio as a CPU-bound machine would give documents/s, steadier under others' load.
    postgres_over_sqlite_cpu: Option<f64>,
    /// PostgreSQL queue with N workers over one worker (2.0 would be linear).
    postgres_worker_scaling: Option<f64>,
    sqlite_worker_scaling: Option<f64>,
    /// The N-worker speed-up PostgreSQL's figures imply on an idle machine with N cores,
    /// from CPU and waits instead of wall time (which other work on the machine moves):
    /// N · c1 / (cN + lN). A worker and its backend take turns (the protocol is
    /// synchronous), so one stream keeps at most one core busy; c1, cN are CPU ms per
    /// document (clients + server) with 1 and N workers, lN the ms per document the N
    /// workers' backends spent waiting on locks (sampled; a loaded machine lengthens them,
    /// as a lock holder waits for a core, so this errs low).
    postgres_idle_scaling_estimate: Option<f64>,
    /// lN above: lock-wait ms per document with N workers.
    postgres_lock_wait_ms: Option<f64>,
}

fn summary(runs: &[Run]) -> Summary {
    let n = runs.iter().map(|r| r.workers).max().unwrap_or(1);
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    let c1 = median_of(runs, "postgres", "queue", 1, cpu_ms_per_doc);
    let cn = median_of(runs, "postgres", "queue", n, cpu_ms_per_doc);
    let lock_ms = median_of(runs, "postgres", "queue", n, lock_wait_ms_per_doc);
    let idle = match (c1, cn) {
        (Some(c1), Some(cn)) if cn > 0.0 => Some(n as f64 * c1 / (cn + lock_ms.unwrap_or(0.0))),
        _ => None,
    };
    Summary {
        postgres_over_sqlite: ratio(
            rate(runs, "postgres", "ingest", 1),
            rate(runs, "sqlite", "ingest", 1),
        ),
        postgres_over_sqlite_cpu: ratio(
            median_of(runs, "sqlite", "ingest", 1, cpu_ms_per_doc),
            median_of(runs, "postgres", "ingest", 1, cpu_ms_per_doc),
        ),
        postgres_idle_scaling_estimate: idle,
        postgres_lock_wait_ms: lock_ms,
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
        "store     run        round  stored  wall s  documents/s  CPU s  server CPU s  CPU ms/doc  lock-wait ms/doc  load\n",
    );
    for r in runs {
        out.push_str(&format!(
            "{:<9} {:<10} {:>5}  {:>6}  {:>6.1}  {:>11.2}  {:>5.1}  {:>12}  {:>10}  {:>16}  {}\n",
            r.store,
            label(r),
            r.round,
            r.stored,
            r.seconds,
            r.documents_per_second,
            r.cpu_seconds,
            r.server_cpu_seconds
                .map_or_else(|| "-".to_string(), |c| format!("{c:.1}")),
            cpu_ms_per_doc(r).map_or_else(|| "-".to_string(), |c| format!("{c:.1}")),
            lock_wait_ms_per_doc(r).map_or_else(|| "-".to_string(), |l| format!("{l:.1}")),
            r.load_average
                .map_or_else(|| "-".to_string(), |l| format!("{l:.1}"))
        ));
        if let Some(w) = r.waits.as_ref().filter(|w| !w.by_event.is_empty()) {
            out.push_str(&format!(
                "          of {} samples finding a backend running a statement, {:.1} % waited: {}\n",
                w.active,
                w.share("") * 100.0,
                w.top(4)
            ));
        }
    }
    let s = summary(runs);
    let shown = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"));
    let ms =
        |store: &str, mode: &str, n: usize| shown(median_of(runs, store, mode, n, cpu_ms_per_doc));
    // The key figures as `key=value` on the last line, as every bench prints them.
    out.push_str(&format!(
        "sqlite_docs_per_s={} postgres_docs_per_s={} postgres_over_sqlite={} postgres_over_sqlite_cpu={} \
         postgres_queue_1={} postgres_queue_{workers}={} postgres_scaling={} sqlite_scaling={} \
         postgres_cpu_ms_ingest={} postgres_cpu_ms_queue_1={} postgres_cpu_ms_queue_{workers}={} \
         sqlite_cpu_ms_ingest={} postgres_lock_wait_ms_queue_{workers}={} postgres_idle_scaling_estimate={}\n",
        shown(rate(runs, "sqlite", "ingest", 1)),
        shown(rate(runs, "postgres", "ingest", 1)),
        shown(s.postgres_over_sqlite),
        shown(s.postgres_over_sqlite_cpu),
        shown(rate(runs, "postgres", "queue", 1)),
        shown(rate(runs, "postgres", "queue", workers)),
        shown(s.postgres_worker_scaling),
        shown(s.sqlite_worker_scaling),
        ms("postgres", "ingest", 1),
        ms("postgres", "queue", 1),
        ms("postgres", "queue", workers),
        ms("sqlite", "ingest", 1),
        shown(s.postgres_lock_wait_ms),
        shown(s.postgres_idle_scaling_estimate),
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
            waits: None,
            enqueue_seconds: None,
            enqueue_cpu_seconds: None,
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
        // No server CPU read: no CPU figure for PostgreSQL, and so no estimate.
        assert_eq!(s.postgres_idle_scaling_estimate, None);
        assert!(text.contains("postgres_idle_scaling_estimate=-"), "{text}");
    }

    #[test]
    fn waits_are_shared_by_class_and_the_idle_estimate_counts_them() {
        let waits = Waits {
            samples: 1000,
            seconds: 20.0,
            sampler_cpu_seconds: 0.5,
            active: 200,
            by_event: [
                ("Lock:advisory".to_string(), 20),
                ("Lock:transactionid".to_string(), 30),
                ("LWLock:WALWrite".to_string(), 10),
            ]
            .into_iter()
            .collect(),
        };
        assert_eq!(waits.share("Lock"), 0.25);
        assert_eq!(waits.share("LWLock"), 0.05);
        assert_eq!(waits.share(""), 0.30);
        assert_eq!(
            waits.top(2),
            "Lock:transactionid 15.0 %, Lock:advisory 10.0 %"
        );
        // 50 lock-wait samples of 20 ms each: 1 s of waiting over 10 documents.
        assert!((waits.seconds_waiting("Lock") - 1.0).abs() < 1e-9);
        // One worker: 40 ms a document (30 client + 10 server); two: 44 ms (33 + 11) and
        // 100 ms of lock waits a document.
        let mut one = run("postgres", "queue", 1, 5.0);
        one.cpu_seconds = 0.3;
        one.server_cpu_seconds = Some(0.1);
        let mut two = run("postgres", "queue", 2, 9.0);
        two.cpu_seconds = 0.33;
        two.server_cpu_seconds = Some(0.11);
        two.waits = Some(waits);
        let s = summary(&[one.clone(), two.clone()]);
        let expected = 2.0 * 40.0 / (44.0 + 100.0);
        let got = s.postgres_idle_scaling_estimate.unwrap_or_default();
        assert!((got - expected).abs() < 1e-9, "{got} vs {expected}");
        two.waits = None;
        let s = summary(&[one, two]);
        let got = s.postgres_idle_scaling_estimate.unwrap_or_default();
        assert!((got - 80.0 / 44.0).abs() < 1e-9, "{got}");
    }
}
