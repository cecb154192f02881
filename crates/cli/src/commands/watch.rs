//! `armsgraph watch FEED_URL…`: poll feeds, store their new items, print new alerts.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use armsgraph_ingest::fetch::{is_url, route, FeedPoll, Fetcher, Validators};
use armsgraph_ingest::FeedItem;
use armsgraph_model::{Alert, FailedInput, RawDocument};
use armsgraph_pipeline::{Pipeline, ReadOptions};
use armsgraph_store::watch::FeedState;
use armsgraph_store::Store;
use clap::Args;

use super::core::{ingest_one, record_failure, IngestAudit, IngestSummary, WebArgs};
use super::{printable, Context, SomeInputsFailed};

#[derive(Args)]
pub struct WatchArgs {
    /// Feed URLs (RSS, Atom, JSON Feed) to poll.
    #[arg(required = true, value_name = "FEED_URL")]
    pub feeds: Vec<String>,
    /// Time between rounds: `90s`, `15m`, `1h` (a bare number is seconds).
    #[arg(long, default_value = "15m", value_parser = parse_interval)]
    pub interval: Duration,
    /// Poll each feed once and exit (exit code 2 when an input failed).
    #[arg(long)]
    pub once: bool,
    /// Print new alerts as JSON Lines instead of text.
    #[arg(long)]
    pub json: bool,
    /// Seconds one document may take to read (0 = no limit).
    #[arg(long, default_value_t = armsgraph_pipeline::DEFAULT_TIME_BUDGET.as_secs())]
    pub time_budget: u64,
    /// Put new items on the database's work queue for `armsgraph worker` processes instead
    /// of reading them here (their alerts then show in `armsgraph alerts` and the web app).
    #[arg(long)]
    pub queue: bool,
    #[command(flatten)]
    pub web: WebArgs,
}

/// `90s`, `15m`, `1h`, `45` (seconds); at least one second.
fn parse_interval(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (number, unit) = match t.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let scale = match unit.trim() {
        "s" | "sec" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        other => return Err(format!("unknown unit {other:?}: use s, m or h (like 15m)")),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration like 90s, 15m or 1h"))?;
    let seconds = value * scale;
    if !(1.0..=7.0 * 86_400.0).contains(&seconds) {
        return Err("the interval must be between 1s and 7 days".to_string());
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// What one feed's poll did.
#[derive(Default)]
struct FeedRound {
    not_modified: bool,
    /// Items handled in an earlier round, not fetched again.
    known: usize,
    new: usize,
    summary: IngestSummary,
}

struct Watcher<'a> {
    pipeline: Pipeline,
    store: Store,
    fetcher: Fetcher,
    opts: ReadOptions,
    /// `--queue`: new items go on the work queue instead of being read here.
    queue: bool,
    stop: &'a AtomicBool,
    json: bool,
    /// Alerts printed in this run, by id: one alert raised by several new articles is
    /// printed once.
    printed: HashSet<String>,
    audit: IngestAudit,
}

pub fn run(ctx: &Context, args: WatchArgs) -> anyhow::Result<()> {
    for feed in &args.feeds {
        if !is_url(feed) {
            anyhow::bail!(
                "{}: not an http(s) URL (watch polls feeds on the web; a feed file is read by `armsgraph ingest FILE`)",
                printable(feed)
            );
        }
    }
    let budget = (args.time_budget > 0).then(|| Duration::from_secs(args.time_budget));
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // First Ctrl-C: finish the current document (its transaction) and end cleanly; a
        // second one ends at once (the store's transactions keep the database whole).
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            eprintln!("stopping after the current document (Ctrl-C again to stop now)");
        })
        .context("installing the Ctrl-C handler")?;
    }
    let mut watcher = Watcher {
        pipeline: ctx.pipeline()?.with_time_budget(budget),
        store: ctx.open_store()?,
        fetcher: args.web.fetcher()?,
        opts: ReadOptions::default(),
        queue: args.queue,
        stop: &stop,
        json: args.json,
        printed: HashSet::new(),
        audit: IngestAudit::new("cli"),
    };
    if !args.once {
        eprintln!(
            "watching {} feed(s) every {}s into {} (Ctrl-C to stop)",
            args.feeds.len(),
            args.interval.as_secs(),
            printable(watcher.store.path())
        );
    }
    let (mut read, mut failed) = (0usize, 0usize);
    loop {
        for feed in &args.feeds {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let round = watcher.poll(feed);
            read += round.summary.read;
            failed += round.summary.failed.len();
            print_round(feed, &round);
        }
        if args.once || stop.load(Ordering::SeqCst) {
            break;
        }
        // Sleep in short steps so Ctrl-C is answered promptly.
        let wake = Instant::now() + args.interval;
        while Instant::now() < wake && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200).min(wake - Instant::now()));
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    if args.once && failed > 0 {
        return Err(SomeInputsFailed { failed, read }.into());
    }
    Ok(())
}

fn print_round(feed: &str, round: &FeedRound) {
    let s = &round.summary;
    if round.not_modified {
        println!("{}: not modified", printable(feed));
        return;
    }
    println!(
        "{}: {} new item(s) ({} seen before) · {} · duplicates {} · failed {}",
        printable(feed),
        round.new,
        round.known,
        if s.queued > 0 {
            format!("queued {}", s.queued)
        } else {
            format!("stored {}", s.stored)
        },
        s.duplicates,
        s.failed.len()
    );
    for f in &s.failed {
        println!(
            "  failed: {}: {}",
            printable(&f.origin),
            printable(&f.reason)
        );
    }
}

impl Watcher<'_> {
    /// One poll of one feed: a conditional request, then each item not handled before.
    fn poll(&mut self, feed: &str) -> FeedRound {
        let mut round = FeedRound::default();
        let state = match self.store.watch_state(feed) {
            Ok(state) => state.unwrap_or_default(),
            Err(e) => {
                self.fail(feed, format!("reading the watch state: {e}"), &mut round);
                return round;
            }
        };
        let validators = Validators {
            etag: state.etag.clone(),
            last_modified: state.last_modified.clone(),
        };
        let (items, next) = match self.fetcher.poll_feed(feed, &validators) {
            Err(failure) => {
                round.summary.read += 1;
                record_failure(&mut self.store, failure, &mut round.summary);
                return round;
            }
            Ok(FeedPoll::NotModified) => {
                round.not_modified = true;
                return round;
            }
            Ok(FeedPoll::Items { items, validators }) => (items, validators),
        };
        let mut handled = Vec::new();
        let mut complete = true;
        for item in items {
            if self.stop.load(Ordering::SeqCst) {
                complete = false;
                break;
            }
            match self.store.watch_item_seen(feed, &item.key) {
                Ok(true) => {
                    round.known += 1;
                    continue;
                }
                Ok(false) => {}
                Err(e) => {
                    self.fail(feed, format!("reading the watch state: {e}"), &mut round);
                    complete = false;
                    continue;
                }
            }
            round.new += 1;
            let key = item.key.clone();
            if self.read_item(item, &mut round) {
                handled.push(key);
            } else {
                complete = false;
            }
        }
        // The new validators are kept only when every item was handled: otherwise the next
        // round must get the feed again (not a 304) to retry what is missing.
        let saved = if complete {
            FeedState {
                etag: next.etag,
                last_modified: next.last_modified,
            }
        } else {
            state
        };
        if let Err(e) = self.store.save_watch_round(feed, &saved, &handled) {
            self.fail(feed, format!("saving the watch state: {e}"), &mut round);
        }
        round
    }

    /// Reads and stores one new item; `false` when it failed in a way worth retrying next
    /// round (the linked page timed out or the server failed).
    fn read_item(&mut self, item: FeedItem, round: &mut FeedRound) -> bool {
        let FeedItem {
            link,
            summary_only,
            document,
            ..
        } = item;
        let mut docs: Vec<Result<RawDocument, FailedInput>> = Vec::new();
        let mut retry = false;
        match (summary_only, &link) {
            // Only a teaser in the feed: the article is the linked page.
            (true, Some(url)) => match self.fetcher.get(url) {
                Ok(fetched) => {
                    let limits = armsgraph_ingest::Limits {
                        max_document_bytes: self.fetcher.config().max_document_bytes,
                    };
                    for page in route(&fetched, limits) {
                        docs.push(page.map(|mut raw| {
                            if let Ok(teaser) = &document {
                                inherit_hints(&mut raw, teaser);
                            }
                            raw
                        }));
                    }
                }
                Err(e) if e.is_transient() => {
                    retry = true;
                    docs.push(Err(FailedInput {
                        origin: url.clone(),
                        reason: format!("{e} (retried next round)"),
                    }));
                }
                // The page is gone or refused: the feed's summary is what there is.
                Err(e) => {
                    docs.push(Err(FailedInput {
                        origin: url.clone(),
                        reason: format!("{e}; the feed's summary is stored instead"),
                    }));
                    docs.push(document);
                }
            },
            _ => docs.push(document),
        }
        for doc in docs {
            match doc {
                Ok(raw) if self.queue => {
                    round.summary.read += 1;
                    match self
                        .store
                        .enqueue(std::slice::from_ref(&raw), self.opts.published.as_deref())
                    {
                        Ok(_) => round.summary.queued += 1,
                        Err(e) => record_failure(
                            &mut self.store,
                            FailedInput {
                                origin: raw.origin.clone(),
                                reason: format!("putting it on the work queue: {e}"),
                            },
                            &mut round.summary,
                        ),
                    }
                }
                Ok(raw) => {
                    let alerts = ingest_one(
                        &self.pipeline,
                        &mut self.store,
                        &raw,
                        &self.opts,
                        &mut round.summary,
                        &mut self.audit,
                    );
                    self.print_alerts(&alerts);
                }
                Err(failure) => {
                    round.summary.read += 1;
                    record_failure(&mut self.store, failure, &mut round.summary);
                }
            }
        }
        !retry
    }

    fn print_alerts(&mut self, alerts: &[Alert]) {
        for alert in alerts {
            if !self.printed.insert(alert.id.clone()) {
                continue;
            }
            if self.json {
                match serde_json::to_string(alert) {
                    Ok(line) => println!("{line}"),
                    Err(e) => eprintln!("alert {}: {e}", alert.id),
                }
            } else {
                println!("{}", armsgraph_analysis::render::render_alert_text(alert));
            }
        }
    }

    fn fail(&mut self, feed: &str, reason: String, round: &mut FeedRound) {
        round.summary.read += 1;
        record_failure(
            &mut self.store,
            FailedInput {
                origin: feed.to_string(),
                reason,
            },
            &mut round.summary,
        );
    }
}

/// The feed item's title, date, language and author for a page that does not say them.
fn inherit_hints(page: &mut RawDocument, item: &RawDocument) {
    if page.title_hint.is_none() {
        page.title_hint = item.title_hint.clone();
    }
    if page.published_hint.is_none() {
        page.published_hint = item.published_hint.clone();
    }
    if page.language_hint.is_none() {
        page.language_hint = item.language_hint.clone();
    }
    if page.author_hint.is_none() {
        page.author_hint = item.author_hint.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_interval("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_interval("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_interval("45"), Ok(Duration::from_secs(45)));
        assert!(parse_interval("0s").is_err());
        assert!(parse_interval("15x").unwrap_err().contains("unit"));
        assert!(parse_interval("soon").is_err());
    }
}
