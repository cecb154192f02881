//! `armsgraph correct …`, `armsgraph corrections` and `armsgraph reprocess`: people's
//! corrections to the machine's reading, and re-reading stored documents from their kept raw
//! input. The logic lives in the store (`corrections`, `raw`) and the pipeline (`reprocess`).

use std::ops::ControlFlow;

use anyhow::Context as _;
use armsgraph_store::corrections::{CorrectionKind, CorrectionStatus, NewCorrection};
use armsgraph_store::raw::Selection;
use clap::{Args, Subcommand};

use super::{printable, Context};

#[derive(Args)]
pub struct CorrectArgs {
    #[command(subcommand)]
    pub what: CorrectCommand,
    /// Who makes the correction (default: the user running armsgraph, $USER).
    #[arg(long, global = true)]
    pub by: Option<String>,
    /// Why, in a few words (shown beside the corrected fact).
    #[arg(long, global = true, default_value = "")]
    pub reason: String,
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum CorrectCommand {
    /// Correct or confirm one event, named by its id (`<doc>:e0`, see `armsgraph show`) or
    /// its key (`armsgraph events --json`, field `key`).
    Event(EventCorrectionArgs),
    /// Entity A is entity B: every mention and role of A moves to B, in every document.
    Merge {
        /// The entity that goes away (id, e.g. `person:j-smith`).
        from: String,
        /// The entity it is (id).
        into: String,
    },
    /// The mentions of ENTITY written SURFACE are another entity.
    Split {
        entity: String,
        surface: String,
        /// The new entity's id (default: `<entity>~<surface>`).
        #[arg(long)]
        into: Option<String>,
        /// The new entity's name (default: SURFACE).
        #[arg(long)]
        name: Option<String>,
    },
    /// Another name of an entity (name search finds it by it).
    Alias { entity: String, name: String },
    /// Take back correction ID (see `armsgraph corrections`): it applies nowhere any more and
    /// stays listed with who withdrew it, when and why (`--reason`).
    Withdraw { id: i64 },
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(false)))]
pub struct EventCorrectionArgs {
    /// Event id (`<doc>:e<n>`) or key (`<doc>@<sentence>:<trigger>:<TYPE>`).
    pub event: String,
    /// The event did not happen as read: drop it everywhere.
    #[arg(long, group = "change")]
    pub wrong: bool,
    /// Another PLOVER type (AID, ASSAULT, …).
    #[arg(long = "type", group = "change")]
    pub event_type: Option<String>,
    /// Another actor (entity id).
    #[arg(long, group = "change")]
    pub actor: Option<String>,
    /// Another recipient (entity id).
    #[arg(long, group = "change")]
    pub recipient: Option<String>,
    /// Another date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, group = "change")]
    pub date: Option<String>,
    /// The event is right as read.
    #[arg(long, group = "change")]
    pub confirm: bool,
}

#[derive(Args)]
pub struct CorrectionsArgs {
    /// Only corrections whose event is no longer in the store's reading.
    #[arg(long)]
    pub orphaned: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("selection").required(true).multiple(false)))]
pub struct ReprocessArgs {
    /// Every stored document.
    #[arg(long, group = "selection")]
    pub all: bool,
    /// Documents ingested on or after this day (YYYY-MM-DD).
    #[arg(long, group = "selection")]
    pub since: Option<String>,
    /// Documents whose origin or URL contains S, or whose publisher is S.
    #[arg(long, group = "selection")]
    pub source: Option<String>,
    /// The documents of collection NAME (`armsgraph collection list`).
    #[arg(long, group = "selection")]
    pub collection: Option<String>,
    /// No progress bar (a line per 100 documents on stderr instead).
    #[arg(long)]
    pub quiet: bool,
    #[arg(long)]
    pub json: bool,
}

/// Who a correction made on this machine is by: `--by`, else the OS user.
fn who(by: Option<String>) -> String {
    by.filter(|b| !b.trim().is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("LOGNAME").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

pub fn correct(ctx: &Context, args: CorrectArgs) -> anyhow::Result<()> {
    let by = who(args.by);
    let (kind, target, value, surface, name) = match args.what {
        CorrectCommand::Event(e) => {
            let (kind, value) = if e.wrong {
                (CorrectionKind::Wrong, None)
            } else if let Some(t) = e.event_type {
                (CorrectionKind::Type, Some(t))
            } else if let Some(a) = e.actor {
                (CorrectionKind::Actor, Some(a))
            } else if let Some(r) = e.recipient {
                (CorrectionKind::Recipient, Some(r))
            } else if let Some(d) = e.date {
                (CorrectionKind::Date, Some(d))
            } else {
                (CorrectionKind::Confirm, None)
            };
            (kind, e.event, value, None, None)
        }
        CorrectCommand::Merge { from, into } => {
            (CorrectionKind::Merge, from, Some(into), None, None)
        }
        CorrectCommand::Split {
            entity,
            surface,
            into,
            name,
        } => (CorrectionKind::Split, entity, into, Some(surface), name),
        CorrectCommand::Alias { entity, name } => {
            (CorrectionKind::Alias, entity, Some(name), None, None)
        }
        CorrectCommand::Withdraw { id } => return withdraw(ctx, id, &by, &args.reason, args.json),
    };
    let mut store = ctx.open_existing_store()?;
    let outcome = store
        .add_correction(&NewCorrection {
            kind,
            target,
            value,
            surface,
            name,
            by,
            reason: args.reason,
        })
        .context("recording the correction")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        println!(
            "correction {} recorded: {}; {} document(s) re-derived",
            outcome.correction.id,
            describe(&outcome.correction),
            outcome.documents
        );
    }
    Ok(())
}

/// `armsgraph correct withdraw ID`.
fn withdraw(ctx: &Context, id: i64, by: &str, reason: &str, json: bool) -> anyhow::Result<()> {
    let mut store = ctx.open_existing_store()?;
    let outcome = store
        .withdraw_correction(id, by, reason)
        .with_context(|| format!("withdrawing correction {id}"))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        println!(
            "correction {id} withdrawn: {}; {} document(s) re-derived",
            describe(&outcome.correction),
            outcome.documents
        );
    }
    Ok(())
}

fn describe(c: &armsgraph_store::corrections::Correction) -> String {
    let value = c.value.as_deref().unwrap_or("");
    let mut s = match c.kind {
        CorrectionKind::Wrong => format!("event {} marked wrong", c.target),
        CorrectionKind::Confirm => format!("event {} confirmed", c.target),
        CorrectionKind::Merge => format!("{} merged into {value}", c.target),
        CorrectionKind::Split => format!(
            "mentions {:?} of {} split into {value}",
            c.surface.as_deref().unwrap_or(""),
            c.target
        ),
        CorrectionKind::Alias => format!("{} also named {value:?}", c.target),
        k => format!("event {}: {} → {value}", c.target, k.as_str()),
    };
    s.push_str(&format!(" (by {} at {}", c.by, c.at));
    if !c.reason.is_empty() {
        s.push_str(&format!(": {}", c.reason));
    }
    s.push(')');
    if let Some(w) = &c.withdrawn {
        s.push_str(&format!(" [withdrawn by {} at {}", w.by, w.at));
        if !w.reason.is_empty() {
            s.push_str(&format!(": {}", w.reason));
        }
        s.push(']');
    }
    printable(&s)
}

pub fn list(ctx: &Context, args: CorrectionsArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let list: Vec<CorrectionStatus> = store.corrections(args.orphaned)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    if list.is_empty() {
        println!(
            "{}",
            if args.orphaned {
                "no orphaned corrections"
            } else {
                "no corrections"
            }
        );
    }
    for c in &list {
        let mark = if c.orphaned { "  [orphaned]" } else { "" };
        println!("{:>4}  {}{mark}", c.correction.id, describe(&c.correction));
    }
    Ok(())
}

pub fn reprocess(ctx: &Context, args: ReprocessArgs) -> anyhow::Result<()> {
    let selection = if let Some(day) = args.since {
        super::core::validate_day(&day, "--since")?;
        Selection::Since(day)
    } else if let Some(s) = args.source {
        Selection::Source(s)
    } else if let Some(c) = args.collection {
        Selection::Collection(c)
    } else {
        Selection::All
    };
    let pipeline = ctx.pipeline()?;
    let mut store = ctx.open_existing_store()?;
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut problems: Vec<(String, String)> = Vec::new();
    let report = armsgraph_pipeline::reprocess::reprocess(
        &pipeline,
        &mut store,
        &selection,
        |run, done, step| {
            let bar = bar.get_or_insert_with(|| {
                let b = if args.quiet {
                    indicatif::ProgressBar::hidden()
                } else {
                    indicatif::ProgressBar::new(run.total as u64)
                };
                b.set_position(run.done as u64);
                b
            });
            bar.set_position(done as u64);
            if args.quiet && done % 100 == 0 {
                eprintln!("reprocess: {done} of {}", run.total);
            }
            if let Some(m) = &step.message {
                problems.push((step.document.to_string(), m.clone()));
            }
            ControlFlow::Continue(())
        },
    )?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "run": report.run.id,
                "resumed": report.run.resumed,
                "total": report.run.total,
                "counts": report.counts,
                "problems": problems.iter().map(|(d, m)| serde_json::json!({"document": d, "message": m})).collect::<Vec<_>>(),
            })
        );
    } else {
        let resumed = if report.run.resumed {
            format!(" (resumed: {} done before)", report.run.done)
        } else {
            String::new()
        };
        println!(
            "reprocess run {}{resumed}: {} documents — {} changed, {} unchanged, {} without raw bytes, {} failed",
            report.run.id,
            report.run.total,
            report.counts.changed,
            report.counts.unchanged,
            report.counts.no_raw,
            report.counts.failed
        );
        for (doc, message) in problems.iter().take(20) {
            println!("  {doc}: {}", printable(message));
        }
        if problems.len() > 20 {
            println!("  … and {} more", problems.len() - 20);
        }
    }
    Ok(())
}
