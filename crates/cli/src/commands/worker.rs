//! `armsgraph worker` reads documents from the database's work queue (filled by `ingest
//! --queue`), and `armsgraph queue` shows and mends the queue. Several workers may run on the
//! same database at once; the store's queue hands each job to one of them at a time and gives
//! a killed worker's job to another when its lease runs out (`armsgraph_store::queue`).

use std::time::{Duration, Instant};

use anyhow::Context as _;
use armsgraph_model::FailedInput;
use armsgraph_pipeline::ReadOptions;
use armsgraph_store::queue::{JobEnd, QueueStats};
use clap::Args;
use serde::Serialize;

use super::core::{into_collection, read_and_store, IngestAudit, Stored};
use super::{printable, Context};

#[derive(Args)]
pub struct WorkerArgs {
    /// This worker's name in the queue (default: host name and process id).
    #[arg(long)]
    pub name: Option<String>,
    /// Seconds a claimed document stays this worker's; a worker killed mid-document gives
    /// it back when this runs out. Must exceed --time-budget.
    #[arg(long, default_value_t = 300)]
    pub lease: u64,
    /// Claims that all died (killed workers) before a document fails for good.
    #[arg(long, default_value_t = 3)]
    pub max_attempts: u32,
    /// Stop when the queue holds nothing ready or leased (default: wait for more).
    #[arg(long)]
    pub until_empty: bool,
    /// Milliseconds to wait before looking again when the queue has nothing ready.
    #[arg(long, default_value_t = 1000)]
    pub poll_ms: u64,
    /// Seconds one document may take to read (0 = no limit).
    #[arg(long, default_value_t = armsgraph_pipeline::DEFAULT_TIME_BUDGET.as_secs())]
    pub time_budget: u64,
    /// Print the closing summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct QueueArgs {
    /// Put every failed job back on the queue (after fixing what made it fail).
    #[arg(long)]
    pub retry_failed: bool,
    /// How many of the newest failures to list.
    #[arg(long, default_value_t = 20)]
    pub failures: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Default, Serialize)]
struct WorkerSummary {
    worker: String,
    jobs: usize,
    stored: usize,
    duplicates: usize,
    failed: usize,
    /// Jobs this worker finished after its lease ran out and another worker had taken
    /// them over: its result was not recorded (the store kept one copy either way).
    lost_leases: usize,
    seconds: f64,
}

/// Tries at recording a job's end (with the next claim) before the worker gives up.
const HANDOVER_ATTEMPTS: u32 = 3;

fn default_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".to_string());
    format!("{host}-{}", std::process::id())
}

pub fn run(ctx: &Context, args: WorkerArgs) -> anyhow::Result<()> {
    if args.time_budget > 0 && args.lease <= args.time_budget {
        anyhow::bail!(
            "--lease ({} s) must be longer than --time-budget ({} s): a document still being read would be handed to a second worker",
            args.lease,
            args.time_budget
        );
    }
    if args.max_attempts == 0 {
        anyhow::bail!("--max-attempts must be at least 1");
    }
    let name = args.name.clone().unwrap_or_else(default_name);
    let budget = (args.time_budget > 0).then(|| Duration::from_secs(args.time_budget));
    let pipeline = ctx.pipeline()?.with_time_budget(budget);
    let mut store = ctx.open_store()?;
    let lease = Duration::from_secs(args.lease);
    let poll = Duration::from_millis(args.poll_ms.max(10));
    let started = Instant::now();
    let mut audit = IngestAudit::new(format!("worker {name}"));
    let mut summary = WorkerSummary {
        worker: name.clone(),
        ..Default::default()
    };
    eprintln!(
        "worker {}: reading the queue of {}",
        printable(&name),
        printable(store.path())
    );
    // The end of the job just read, recorded together with the next claim (one
    // transaction); kept and given again when that call fails, so no end is lost.
    let mut finished: Option<(i64, JobEnd, String)> = None;
    let mut failed_handovers = 0;
    loop {
        let handover = store.complete_and_claim(
            finished.as_ref().map(|(id, end, _)| (*id, end)),
            &name,
            lease,
            args.max_attempts,
        );
        let next = match handover {
            Ok(handover) => {
                if let (Some((job, _, origin)), Some(false)) = (finished.take(), handover.completed)
                {
                    summary.lost_leases += 1;
                    eprintln!(
                        "worker {}: job {job} ({}) outlived its lease and was taken over by another worker",
                        printable(&name),
                        printable(&origin)
                    );
                }
                handover.next
            }
            Err(e) => {
                // Nothing was recorded (a locked database, a lost connection): waited out,
                // then the same end is given again — a few times, as an end that cannot be
                // written at all must stop the worker rather than loop.
                if let Some((job, _, _)) = &finished {
                    failed_handovers += 1;
                    if failed_handovers >= HANDOVER_ATTEMPTS {
                        return Err(e).with_context(|| format!("recording the end of job {job}"));
                    }
                }
                eprintln!("worker {}: {e}", printable(&name));
                std::thread::sleep(poll);
                continue;
            }
        };
        failed_handovers = 0;
        let job = match next {
            Ok(job) => job,
            Err(e) => {
                // A job whose payload cannot be read has been failed with the reason by
                // the store.
                eprintln!("worker {}: {e}", printable(&name));
                continue;
            }
        };
        let Some(job) = job else {
            if args.until_empty {
                let s = store.queue_stats(0).context("reading the queue")?;
                if s.ready == 0 && s.leased == 0 {
                    break;
                }
            }
            std::thread::sleep(poll);
            continue;
        };
        summary.jobs += 1;
        let opts = ReadOptions {
            published: job.published.clone(),
            language: None,
        };
        let read = read_and_store(&pipeline, &mut store, &job.raw, &opts).and_then(|stored| {
            // On failure the job fails with the reason; the document stays stored, so
            // `queue --retry-failed` finds it a duplicate and only adds what is missing.
            let collection = job.collection.as_deref();
            into_collection(&store, &stored, collection)?;
            audit.record(&store, &stored, collection)?;
            Ok(stored)
        });
        let end = match read {
            Ok(Stored::New { id, .. }) => {
                summary.stored += 1;
                JobEnd::Stored(id)
            }
            Ok(Stored::Duplicate { id }) => {
                summary.duplicates += 1;
                JobEnd::Duplicate(id)
            }
            Err(reason) => {
                summary.failed += 1;
                // Recorded with the other failed inputs too, so `stats` and the web app
                // list it whichever way the document came in.
                let failure = FailedInput {
                    origin: job.raw.origin.clone(),
                    reason: reason.clone(),
                };
                if let Err(e) = store.record_failure(&failure) {
                    eprintln!("worker {}: recording a failure: {e}", printable(&name));
                }
                JobEnd::Failed(reason)
            }
        };
        finished = Some((job.id, end, job.raw.origin));
    }
    summary.seconds = started.elapsed().as_secs_f64();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!(
            "worker {}: {} jobs · stored {} · duplicates {} · failed {} · lost leases {} · {:.1}s",
            printable(&summary.worker),
            summary.jobs,
            summary.stored,
            summary.duplicates,
            summary.failed,
            summary.lost_leases,
            summary.seconds
        );
    }
    Ok(())
}

pub fn queue(ctx: &Context, args: QueueArgs) -> anyhow::Result<()> {
    let mut store = ctx.open_existing_store()?;
    if args.retry_failed {
        let n = store.retry_failed().context("putting failed jobs back")?;
        eprintln!("{n} failed jobs put back on the queue");
    }
    let stats: QueueStats = store
        .queue_stats(args.failures)
        .context("reading the queue")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(());
    }
    println!(
        "ready {} · leased {} (expired {}) · done {} · failed {}",
        stats.ready, stats.leased, stats.expired, stats.done, stats.failed
    );
    for l in &stats.leases {
        println!(
            "  reading job {} ({}) as {}, attempt {}, lease {}",
            l.job,
            printable(&l.origin),
            printable(&l.worker),
            l.attempts,
            if l.expires_in_ms < 0 {
                "ran out (ready again)".to_string()
            } else {
                format!("{} s left", l.expires_in_ms / 1000)
            }
        );
    }
    for f in &stats.failures {
        println!(
            "  failed job {} ({} attempts): {}: {}",
            f.job,
            f.attempts,
            printable(&f.origin),
            printable(&f.reason)
        );
    }
    Ok(())
}
