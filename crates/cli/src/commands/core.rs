//! The core commands: extract, ingest, search, show, stats.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use armsgraph_ingest::fetch::{is_url, FetchConfig, Fetcher};
use armsgraph_model::{Alert, FailedInput, RawDocument};
use armsgraph_pipeline::{Pipeline, ReadOptions};
use armsgraph_store::{InsertOutcome, Store};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::{printable, Context, SomeInputsFailed};

#[derive(Args)]
pub struct ExtractArgs {
    /// A file (text, HTML, WARC, feed, JSON Lines; gzip too; PDF, PNG/JPEG/TIFF scans,
    /// DOCX, ODT, .eml, .mbox), a directory, an http(s) URL (fetched politely: robots.txt,
    /// timeouts, size limit), or `-` for standard input. Several documents print as JSON
    /// Lines, one per document.
    pub input: PathBuf,
    /// Publication date (YYYY-MM-DD) to resolve relative times against, when the document
    /// carries none.
    #[arg(long)]
    pub published: Option<String>,
    /// The document's language (ISO 639-1), when you know it better than the detector.
    #[arg(long)]
    pub language: Option<String>,
    /// Print compact JSON on one line.
    #[arg(long)]
    pub compact: bool,
    /// Seconds one document may take to read (0 = no limit).
    #[arg(long, default_value_t = armsgraph_pipeline::DEFAULT_TIME_BUDGET.as_secs())]
    pub time_budget: u64,
    #[command(flatten)]
    pub web: WebArgs,
}

/// How URLs are fetched (`ingest`, `extract`, `watch`).
#[derive(Args, Clone)]
pub struct WebArgs {
    /// Least seconds between two requests to one host (robots.txt `Crawl-delay` may ask
    /// for more, up to 60).
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0)]
    pub rate: f64,
    /// Seconds one request may take, body included (connecting: at most 10).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
}

impl WebArgs {
    pub fn fetcher(&self) -> anyhow::Result<Fetcher> {
        let seconds = |name: &str, v: f64| -> anyhow::Result<std::time::Duration> {
            if !(0.0..=86_400.0).contains(&v) {
                anyhow::bail!("--{name} takes seconds between 0 and 86400, got {v}");
            }
            Ok(std::time::Duration::from_secs_f64(v))
        };
        let timeout = seconds("timeout", self.timeout)?;
        if timeout.is_zero() {
            anyhow::bail!("--timeout must be more than 0 seconds");
        }
        let defaults = FetchConfig::default();
        Ok(Fetcher::new(FetchConfig {
            host_delay: seconds("rate", self.rate)?,
            timeout,
            connect_timeout: defaults.connect_timeout.min(timeout),
            ..defaults
        }))
    }
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories (recursively): web pages, text, WARC, feeds, JSON Lines, PDF,
    /// scans (OCR), DOCX, ODT, e-mail (.eml, .mbox); http(s) URLs (a page, a feed, a PDF…);
    /// `-` reads one document from standard input.
    #[arg(required_unless_present = "sitemap")]
    pub paths: Vec<PathBuf>,
    /// A sitemap (or sitemap index, gzip too) whose pages are fetched and stored;
    /// repeatable.
    #[arg(long, value_name = "URL")]
    pub sitemap: Vec<String>,
    /// With --sitemap: only pages whose <lastmod> is on or after this date (YYYY-MM-DD);
    /// pages without <lastmod> are taken.
    #[arg(long, value_name = "DATE", requires = "sitemap")]
    pub since: Option<String>,
    #[command(flatten)]
    pub web: WebArgs,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long)]
    pub published: Option<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Seconds one document may take to read; a document still running past it is stopped
    /// and reported as failed, and the batch goes on (0 = no limit).
    #[arg(long, default_value_t = armsgraph_pipeline::DEFAULT_TIME_BUDGET.as_secs())]
    pub time_budget: u64,
    /// Put the documents on the database's work queue instead of reading them here;
    /// `armsgraph worker` processes read and store them (`armsgraph queue` shows progress).
    #[arg(long)]
    pub queue: bool,
    /// Put the documents (new ones and those already stored) into this collection, created
    /// when missing; `serve --accounts` shows it only to users granted it
    /// (`armsgraph collection grant`). With `--queue`, the worker that reads each document
    /// puts it in.
    #[arg(long, value_name = "NAME")]
    pub collection: Option<String>,
}

/// Documents put on the queue per transaction by `ingest --queue`.
const ENQUEUE_BATCH: usize = 64;

/// `--time-budget` seconds; 0 means no limit.
fn time_budget(seconds: u64) -> Option<std::time::Duration> {
    (seconds > 0).then(|| std::time::Duration::from_secs(seconds))
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (all must occur): `Waffen*` a prefix, `"a phrase"`, `a OR b`, `NOT word`
    /// excludes (`-word` too, inside quotes: `"arms -Russia"`, or after `--`).
    #[arg(required = true)]
    pub query: Vec<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ShowArgs {
    /// Document id (or a unique prefix of at least 4 characters).
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn validate_date(date: &Option<String>) -> anyhow::Result<()> {
    if let Some(d) = date {
        let ok = d.len() >= 4
            && d.split('-').count() <= 3
            && d.split('-')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            anyhow::bail!("--published must be an ISO date like 2024-05-15, got {d:?}");
        }
    }
    Ok(())
}

/// One input of `ingest`: a file or directory, or a URL.
enum Source {
    Path(PathBuf),
    Url(String),
}

/// A calendar day `YYYY-MM-DD` (what `--since` compares sitemap dates with).
pub(crate) fn validate_day(day: &str, flag: &str) -> anyhow::Result<()> {
    let b = day.as_bytes();
    let ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok {
        anyhow::bail!("{flag} must be a date like 2024-05-15, got {day:?}");
    }
    Ok(())
}

fn read_stdin() -> anyhow::Result<RawDocument> {
    armsgraph_ingest::read_stdin()
        .map_err(|f| anyhow::anyhow!("{}: {}", printable(&f.origin), printable(&f.reason)))
}

pub fn extract(ctx: &Context, args: ExtractArgs) -> anyhow::Result<()> {
    validate_date(&args.published)?;
    let input = args.input.to_string_lossy().to_string();
    let mut docs: armsgraph_ingest::Documents = if args.input.as_os_str() == "-" {
        Box::new(std::iter::once(Ok(read_stdin()?)))
    } else if is_url(&input) {
        Box::new(args.web.fetcher()?.documents(&input).into_iter())
    } else {
        armsgraph_ingest::read_path(&args.input)
    };
    let pipeline = ctx
        .pipeline()?
        .with_time_budget(time_budget(args.time_budget));
    let opts = ReadOptions {
        published: args.published,
        language: args.language,
    };
    // One document prints as one JSON value; an input that holds several (a directory, a
    // WARC, a feed, JSON Lines) prints JSON Lines, one compact object per document, so the
    // output streams into other tools. Look one document ahead to know which.
    let first = docs.next();
    let second = docs.next();
    let many = second.is_some();
    let (mut read, mut failed) = (0usize, 0usize);
    let mut out = std::io::stdout().lock();
    for item in first.into_iter().chain(second).chain(docs) {
        read += 1;
        let raw = match item {
            Ok(raw) => raw,
            Err(f) if f.is_skipped() && many => {
                // Not a document (a hidden file, a corpus note): said, not counted as failed.
                read -= 1;
                eprintln!("{}: {}", printable(&f.origin), printable(&f.reason));
                continue;
            }
            Err(f) if !many => anyhow::bail!("{}: {}", printable(&f.origin), printable(&f.reason)),
            Err(f) => {
                // A bad record is reported and skipped; the rest of the input still prints.
                failed += 1;
                eprintln!("{}: {}", printable(&f.origin), printable(&f.reason));
                continue;
            }
        };
        let ex = match pipeline.read(&raw, &opts) {
            Ok(ex) => ex,
            Err(e) if !many => {
                return Err(e).with_context(|| format!("reading {}", printable(&raw.origin)));
            }
            Err(e) => {
                failed += 1;
                eprintln!("reading {}: {e:#}", printable(&raw.origin));
                continue;
            }
        };
        let json = if args.compact || many {
            serde_json::to_string(&ex)?
        } else {
            serde_json::to_string_pretty(&ex)?
        };
        writeln!(out, "{json}")?;
    }
    match (read, failed) {
        (0, _) => anyhow::bail!("{}: no document found", args.input.display()),
        (read, failed) if failed > 0 => Err(SomeInputsFailed { failed, read }.into()),
        _ => Ok(()),
    }
}

/// What one ingest run did.
#[derive(Debug, Default, serde::Serialize)]
pub struct IngestSummary {
    pub read: usize,
    pub stored: usize,
    pub duplicates: usize,
    /// Put on the work queue (`ingest --queue`), not read here.
    #[serde(skip_serializing_if = "is_zero")]
    pub queued: usize,
    pub failed: Vec<FailedInput>,
    /// Inputs deliberately not read (hidden files, corpus notes, files of no document
    /// format in a directory): recorded like failures, but not counted as read or failed.
    pub skipped: Vec<FailedInput>,
    /// Sitemap pages left out by `--since`.
    #[serde(skip_serializing_if = "is_zero")]
    pub older_in_sitemap: usize,
    pub seconds: f64,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Read, annotate and store one raw document. Every failure — unreadable, over the time
/// budget, or a store error — is this document's alone: it is recorded with its reason and
/// the batch goes on. Returns the alerts the document raised when it was newly stored.
pub(crate) fn ingest_one(
    pipeline: &Pipeline,
    store: &mut Store,
    raw: &RawDocument,
    opts: &ReadOptions,
    summary: &mut IngestSummary,
    audit: &mut IngestAudit,
) -> Vec<Alert> {
    ingest_into(pipeline, store, raw, opts, summary, None, audit)
}

/// [`ingest_one`], putting the document into `collection` when one is given.
fn ingest_into(
    pipeline: &Pipeline,
    store: &mut Store,
    raw: &RawDocument,
    opts: &ReadOptions,
    summary: &mut IngestSummary,
    collection: Option<&str>,
    audit: &mut IngestAudit,
) -> Vec<Alert> {
    summary.read += 1;
    match try_ingest(pipeline, store, raw, opts, summary, collection, audit) {
        Ok(alerts) => alerts,
        Err(reason) => {
            record_failure(
                store,
                FailedInput {
                    origin: raw.origin.clone(),
                    reason,
                },
                summary,
            );
            Vec::new()
        }
    }
}

/// What reading and storing one document came to.
pub(crate) enum Stored {
    /// Newly stored under `id`; the alerts it raised.
    New { id: String, alerts: Vec<Alert> },
    /// The same text is already stored under `id`.
    Duplicate { id: String },
}

/// Read, annotate and store one raw document (shared by `ingest` and `worker`). The error is
/// the reason to record.
pub(crate) fn read_and_store(
    pipeline: &Pipeline,
    store: &mut Store,
    raw: &RawDocument,
    opts: &ReadOptions,
) -> Result<Stored, String> {
    let mut ex = pipeline.extract(raw, opts).map_err(|e| e.to_string())?;
    // The duplicate check comes before the expensive stages.
    let stored = store
        .contains_hash(&ex.document.content_hash)
        .map_err(|e| format!("storing: {e}"))?;
    if let Some(id) = stored {
        // Remembered so that an e-mail still finds its attachment stored from elsewhere.
        store
            .note_duplicate(&raw.origin, &id)
            .map_err(|e| format!("storing: {e}"))?;
        return Ok(Stored::Duplicate { id });
    }
    pipeline.annotate(&mut ex).map_err(|e| e.to_string())?;
    match store.insert(&ex).map_err(|e| format!("storing: {e}"))? {
        InsertOutcome::Stored { id, .. } => {
            // Kept for `armsgraph reprocess`; the document itself is already stored.
            store
                .store_raw(
                    &id,
                    raw,
                    opts.published.as_deref(),
                    opts.language.as_deref(),
                )
                .map_err(|e| format!("storing the raw input: {e}"))?;
            Ok(Stored::New {
                id,
                alerts: ex.alerts,
            })
        }
        InsertOutcome::Duplicate { id } => Ok(Stored::Duplicate { id }),
    }
}

/// Puts a stored document (new or already there) into `collection`, when one is given. On
/// failure the document itself stays stored, so a second run only adds it.
pub(crate) fn into_collection(
    store: &Store,
    stored: &Stored,
    collection: Option<&str>,
) -> Result<(), String> {
    let Some(c) = collection else {
        return Ok(());
    };
    let id = match stored {
        Stored::New { id, .. } | Stored::Duplicate { id } => id,
    };
    store
        .add_to_collection(c, id)
        .map_err(|e| format!("stored as {id}, but not put into collection {c}: {e}"))
}

/// How long a run trusts its answer to "does this database have accounts?" before asking
/// again: a long `watch` or `worker` starts auditing within this time of a first account
/// being made, without one more query per stored document.
const TEAM_CHECK_EVERY: Duration = Duration::from_secs(60);

/// The audit rows of the documents one run stores. In a database with accounts (a team's),
/// a document stored from the command line or by a worker gets its audit row like one sent
/// to the web app: who (`cli`, `worker NAME`), which document, new or duplicate, and its
/// collection. A one-user database (no accounts) keeps no audit log.
pub(crate) struct IngestAudit {
    actor: String,
    /// The store's last answer to `has_users` and when it was given.
    team: Option<(bool, Instant)>,
}

impl IngestAudit {
    pub(crate) fn new(actor: impl Into<String>) -> Self {
        IngestAudit {
            actor: actor.into(),
            team: None,
        }
    }

    /// Whether the database keeps an audit log, asked at most every [`TEAM_CHECK_EVERY`]. A
    /// failed question counts as no and is asked again next time (as before: an unreadable
    /// accounts table does not fail the document).
    fn keeps_log(&mut self, store: &Store) -> bool {
        if let Some((team, at)) = self.team {
            if at.elapsed() < TEAM_CHECK_EVERY {
                return team;
            }
        }
        match store.has_users() {
            Ok(team) => {
                self.team = Some((team, Instant::now()));
                team
            }
            Err(_) => false,
        }
    }

    /// The audit row of one stored document, when the database keeps a log.
    pub(crate) fn record(
        &mut self,
        store: &Store,
        stored: &Stored,
        collection: Option<&str>,
    ) -> Result<(), String> {
        if !self.keeps_log(store) {
            return Ok(());
        }
        audit_ingest(store, &self.actor, stored, collection)
    }
}

fn audit_ingest(
    store: &Store,
    actor: &str,
    stored: &Stored,
    collection: Option<&str>,
) -> Result<(), String> {
    let (id, outcome) = match stored {
        Stored::New { id, .. } => (id, "stored"),
        Stored::Duplicate { id } => (id, "duplicate"),
    };
    let detail = match collection {
        Some(c) => format!("{outcome}; collection {c}"),
        None => outcome.to_string(),
    };
    store
        .audit(&armsgraph_store::accounts::NewAudit {
            actor,
            action: "ingest",
            object: id,
            detail: &detail,
            address: None,
        })
        .map_err(|e| format!("stored as {id}, but the audit log could not be written: {e}"))
}

fn try_ingest(
    pipeline: &Pipeline,
    store: &mut Store,
    raw: &RawDocument,
    opts: &ReadOptions,
    summary: &mut IngestSummary,
    collection: Option<&str>,
    audit: &mut IngestAudit,
) -> Result<Vec<Alert>, String> {
    let stored = read_and_store(pipeline, store, raw, opts)?;
    into_collection(store, &stored, collection)?;
    audit.record(store, &stored, collection)?;
    match stored {
        Stored::New { alerts, .. } => {
            summary.stored += 1;
            Ok(alerts)
        }
        Stored::Duplicate { .. } => {
            summary.duplicates += 1;
            Ok(Vec::new())
        }
    }
}

/// Puts the gathered documents on the work queue in one transaction. A queue that cannot
/// be written stops the run: nothing of the batch is half-queued, and what was queued
/// before stays for the workers.
fn enqueue(
    store: &mut Store,
    batch: &mut Vec<RawDocument>,
    opts: &ReadOptions,
    collection: Option<&str>,
    summary: &mut IngestSummary,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    store
        .enqueue_into(batch, opts.published.as_deref(), collection)
        .with_context(|| format!("putting {} documents on the work queue", batch.len()))?;
    summary.read += batch.len();
    summary.queued += batch.len();
    batch.clear();
    Ok(())
}

/// Counts and records an input that failed. When even the record cannot be written (the
/// database is locked for longer than the retries wait), the summary still lists it.
pub(crate) fn record_failure(store: &mut Store, failure: FailedInput, summary: &mut IngestSummary) {
    let failure = match store.record_failure(&failure) {
        Ok(()) => failure,
        Err(e) => FailedInput {
            reason: format!("{} (not recorded in the database: {e})", failure.reason),
            ..failure
        },
    };
    summary.failed.push(failure);
}

pub fn ingest(ctx: &Context, args: IngestArgs) -> anyhow::Result<()> {
    validate_date(&args.published)?;
    if let Some(since) = &args.since {
        validate_day(since, "--since")?;
    }
    // One fetcher for the run: robots.txt and each host's last request are remembered
    // across URLs. Building it opens no connection.
    let mut fetcher = args.web.fetcher()?;
    // `--queue` reads nothing here (the workers do), so it loads no language data: that
    // is most of a short run's start-up.
    let pipeline = if args.queue {
        None
    } else {
        Some(
            ctx.pipeline()?
                .with_time_budget(time_budget(args.time_budget)),
        )
    };
    let mut store = ctx.open_store()?;
    if let Some(c) = &args.collection {
        // A bad name is refused before anything is read.
        store
            .ensure_collection(c)
            .with_context(|| format!("collection {c:?}"))?;
    }
    let opts = ReadOptions {
        published: args.published.clone(),
        language: None,
    };
    let started = Instant::now();
    let mut summary = IngestSummary::default();
    let mut audit = IngestAudit::new("cli");
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    // URLs are told from paths by their scheme; sitemaps become page URLs (a sitemap's own
    // failures are recorded like any input's).
    let mut sources: Vec<Source> = args
        .paths
        .iter()
        .map(|p| match p.to_str().filter(|s| is_url(s)) {
            Some(url) => Source::Url(url.to_string()),
            None => Source::Path(p.clone()),
        })
        .collect();
    for sitemap in &args.sitemap {
        bar.set_message(format!("sitemap {}", printable(sitemap)));
        let found = fetcher.sitemap(sitemap, args.since.as_deref());
        for failure in found.failures {
            summary.read += 1;
            record_failure(&mut store, failure, &mut summary);
        }
        summary.older_in_sitemap += found.older;
        sources.extend(found.pages.into_iter().map(|p| Source::Url(p.url)));
    }
    let mut batch: Vec<RawDocument> = Vec::new();
    for source in &sources {
        let inputs: Box<dyn Iterator<Item = Result<RawDocument, FailedInput>>> = match source {
            Source::Path(path) if path.as_os_str() == "-" => {
                Box::new(std::iter::once(armsgraph_ingest::read_stdin()))
            }
            Source::Path(path) => armsgraph_ingest::read_path(path),
            Source::Url(url) => {
                bar.set_message(printable(url));
                Box::new(fetcher.documents(url).into_iter())
            }
        };
        for item in inputs {
            match item {
                Ok(raw) => match &pipeline {
                    // `--queue`: put on the work queue for the workers.
                    None => {
                        bar.set_message(printable(&raw.origin));
                        batch.push(raw);
                        if batch.len() >= ENQUEUE_BATCH {
                            enqueue(
                                &mut store,
                                &mut batch,
                                &opts,
                                args.collection.as_deref(),
                                &mut summary,
                            )?;
                        }
                    }
                    Some(pipeline) => {
                        bar.set_message(printable(&raw.origin));
                        ingest_into(
                            pipeline,
                            &mut store,
                            &raw,
                            &opts,
                            &mut summary,
                            args.collection.as_deref(),
                            &mut audit,
                        );
                    }
                },
                Err(skip) if skip.is_skipped() => {
                    let skip = match store.record_failure(&skip) {
                        Ok(()) => skip,
                        Err(e) => FailedInput {
                            reason: format!("{} (not recorded in the database: {e})", skip.reason),
                            ..skip
                        },
                    };
                    summary.skipped.push(skip);
                }
                Err(failure) => {
                    summary.read += 1;
                    record_failure(&mut store, failure, &mut summary);
                }
            }
            bar.inc(1);
        }
    }
    enqueue(
        &mut store,
        &mut batch,
        &opts,
        args.collection.as_deref(),
        &mut summary,
    )?;
    bar.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        if args.queue {
            println!(
                "queued {} for `armsgraph worker` (see `armsgraph queue`)",
                summary.queued
            );
        }
        println!(
            "read {} · stored {} · duplicates {} · failed {} · skipped {} · {:.1}s · database {}",
            summary.read,
            summary.stored,
            summary.duplicates,
            summary.failed.len(),
            summary.skipped.len(),
            summary.seconds,
            printable(store.path())
        );
        for f in &summary.failed {
            println!(
                "  failed: {}: {}",
                printable(&f.origin),
                printable(&f.reason)
            );
        }
        for f in &summary.skipped {
            println!("  {}: {}", printable(&f.origin), printable(&f.reason));
        }
        if summary.older_in_sitemap > 0 {
            println!(
                "  {} sitemap pages older than --since left out",
                summary.older_in_sitemap
            );
        }
    }
    if !summary.failed.is_empty() {
        return Err(SomeInputsFailed {
            failed: summary.failed.len(),
            read: summary.read,
        }
        .into());
    }
    Ok(())
}

pub fn search(ctx: &Context, args: SearchArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let query = args.query.join(" ");
    let kb = armsgraph_kb::Kb::load(&ctx.data_files()).ok();
    let results = armsgraph_analysis::search::search(&store, kb.as_ref(), &query, args.limit)
        .map_err(|e| match e {
            armsgraph_analysis::AnalysisError::Store(armsgraph_store::StoreError::Query(q)) => {
                anyhow::anyhow!(
                    "{q}\n  words are all required; Waffen* is a prefix, \"a phrase\" a phrase, \
                     a OR b either, -word excludes"
                )
            }
            other => other.into(),
        })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(());
    }
    let (docs, entities) = (&results.documents, &results.entities);
    if docs.is_empty() && entities.is_empty() {
        println!("nothing found for {query:?}");
    }
    for n in &results.named {
        println!(
            "{:?} names {} ({}): documents that mention it in any language are included",
            n.term, n.name, n.id
        );
    }
    if !entities.is_empty() {
        println!("Entities");
        for e in entities {
            println!(
                "  {:<28} {:<14} {} mentions in {} documents",
                e.id,
                format!("{:?}", e.kind).to_lowercase(),
                e.mentions,
                e.documents
            );
        }
    }
    if !docs.is_empty() {
        println!("Documents");
        for d in docs {
            println!(
                "  {}  {}\n      {}",
                d.id,
                d.title.as_deref().unwrap_or("(untitled)"),
                d.snippet.replace('\n', " ")
            );
        }
    }
    Ok(())
}

pub fn show(ctx: &Context, args: ShowArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let Some(doc) = store.document(&args.id)? else {
        anyhow::bail!(
            "no document {:?} (ids are shown by `armsgraph search`)",
            args.id
        );
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(());
    }
    let d = &doc.extraction.document;
    let s = &doc.summary;
    println!("{}  {}", s.id, d.title.as_deref().unwrap_or("(untitled)"));
    println!(
        "  publisher {} · language {} · published {} · from {}",
        d.publisher.as_deref().unwrap_or("?"),
        d.language.as_deref().unwrap_or("?"),
        d.published
            .as_ref()
            .map(|p| format!("{} ({})", p.value, p.source))
            .unwrap_or_else(|| "unknown".into()),
        printable(d.url.as_deref().unwrap_or(&d.origin))
    );
    if let Some(src) = &d.source {
        for line in source_lines(src, d.pages.len()) {
            println!("  {}", printable(&line));
        }
    }
    if let Some(p) = &doc.parent {
        println!(
            "  attached to message {}  {}",
            p.id,
            printable(p.title.as_deref().unwrap_or(&p.origin))
        );
    }
    if let Some(src) = &d.source {
        for a in &src.attachments {
            match doc.attachments.iter().find(|l| l.origin == a.origin) {
                Some(l) => println!("  attachment {}  {}", l.id, printable(&a.name)),
                None => println!(
                    "  attachment {} (not stored: {})",
                    printable(&a.name),
                    printable(
                        a.unread
                            .as_deref()
                            .unwrap_or("not read, or a copy of a stored document")
                    )
                ),
            }
        }
    }
    if let Some(syn) = &d.syndication {
        println!(
            "  copy of an article by {}{} — {}",
            syn.original_publisher.as_deref().unwrap_or("?"),
            if syn.translated { " (translated)" } else { "" },
            syn.reason
        );
    }
    match (&s.cluster_id, doc.copies.is_empty()) {
        (Some(c), false) => {
            let more = doc.copy_count.saturating_sub(doc.copies.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            println!("  copy cluster {c}: also {}{more}", doc.copies.join(", "));
        }
        (Some(c), true) => println!("  copy cluster {c}"),
        (None, _) => println!("  copy cluster: none (no other copy stored)"),
    }
    let ex = &doc.extraction;
    println!("\nActors");
    for a in &ex.actors {
        let roles: Vec<String> = a
            .roles
            .iter()
            .map(|r| r.title_en.clone().unwrap_or_else(|| r.title.clone()))
            .collect();
        println!(
            "  {:<28} {:<12} {:<30} ×{}{}",
            a.id,
            format!("{:?}", a.kind).to_lowercase(),
            a.name,
            a.mentions,
            if roles.is_empty() {
                String::new()
            } else {
                format!("  ({})", roles.join("; "))
            }
        );
    }
    println!("\nEvents");
    for e in &ex.events {
        // On a paged document (PDF, scan) the page of the evidence is where to look.
        let page = e
            .evidence
            .first()
            .and_then(|ev| d.page_of(ev.sentence.start))
            .map(|p| format!("  (page {p})"))
            .unwrap_or_default();
        println!("  {}  {}{page}", e.event_type.label(), e.summary);
    }
    println!("\nQuotes");
    for q in &ex.quotes {
        let who = q
            .speaker
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "?".into());
        println!("  {who}: „{}“", q.message_text);
    }
    if !ex.alerts.is_empty() {
        println!("\nAlerts");
        for a in &ex.alerts {
            println!("  {}", a.title);
        }
    }
    Ok(())
}

/// What a leaked file or message says about itself, as lines for `show`.
fn source_lines(src: &armsgraph_model::SourceMeta, pages: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut file = vec![src.format.to_uppercase()];
    if pages > 0 {
        file.push(format!("{pages} page{}", if pages == 1 { "" } else { "s" }));
    }
    if !src.ocr_pages.is_empty() {
        let list: Vec<String> = src.ocr_pages.iter().map(usize::to_string).collect();
        file.push(format!("OCR on page {}", list.join(", ")));
    }
    if let Some(o) = &src.ocr {
        file.push(format!("OCR: {o}"));
    }
    lines.push(file.join(" · "));
    let mut facts = Vec::new();
    if let Some(f) = &src.from {
        facts.push(format!("from {f}"));
    }
    if !src.to.is_empty() {
        facts.push(format!("to {}", src.to.join(", ")));
    }
    if !src.cc.is_empty() {
        facts.push(format!("cc {}", src.cc.join(", ")));
    }
    if let Some(s) = &src.subject {
        facts.push(format!("subject {s}"));
    }
    if src.from.is_none() && !src.authors.is_empty() {
        facts.push(format!("author {}", src.authors.join(", ")));
    }
    if let Some(c) = &src.created {
        facts.push(format!(
            "{} {c}",
            if src.from.is_some() {
                "sent"
            } else {
                "created"
            }
        ));
    }
    if let Some(m) = &src.modified {
        facts.push(format!("modified {m}"));
    }
    if let Some(p) = &src.producer {
        facts.push(format!("written with {p}"));
    }
    if !facts.is_empty() {
        lines.push(facts.join(" · "));
    }
    lines
}

pub fn stats(ctx: &Context, args: StatsArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let stats = store.stats()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(());
    }
    println!("database        {}", store.path());
    println!("documents       {}", stats.documents);
    println!("copy clusters   {}", stats.clusters);
    println!("mentions        {}", stats.mentions);
    println!("entities        {}", stats.entities);
    println!("events          {}", stats.events);
    println!("quotes          {}", stats.quotes);
    println!("reference facts {}", stats.reference_facts);
    // Skipped inputs share the table of failed ones; their reason says `skipped: `.
    let (skipped, failed): (Vec<_>, Vec<_>) =
        store.failures()?.into_iter().partition(|f| f.is_skipped());
    println!("failed inputs   {}", failed.len());
    for f in &failed {
        println!("  {}: {}", printable(&f.origin), printable(&f.reason));
    }
    if !skipped.is_empty() {
        println!("skipped inputs  {}", skipped.len());
        for f in &skipped {
            println!("  {}: {}", printable(&f.origin), printable(&f.reason));
        }
    }
    Ok(())
}
