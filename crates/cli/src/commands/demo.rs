//! `armsgraph demo`: the bundled real documents, end to end, in a database of their own.

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_kb::DataFiles;
use armsgraph_model::EntityKind;
use armsgraph_pipeline::ReadOptions;
use clap::Args;

use super::core::{ingest_one, record_failure, IngestAudit, IngestSummary};
use super::Context;

#[derive(Args)]
pub struct DemoArgs {
    /// Where to put the demo database (default: ~/.local/share/armsgraph/demo.db; the global
    /// --db also works).
    #[arg(long = "demo-db")]
    pub demo_db: Option<PathBuf>,
}

/// File suffixes of corpus documents (everything else in data/corpus is notes).
const CORPUS_SUFFIXES: [&str; 5] = [".txt", ".html", ".html.gz", ".jsonl", ".warc.gz"];

fn demo_db_path(ctx: &Context, args: &DemoArgs) -> PathBuf {
    args.demo_db
        .clone()
        .or_else(|| ctx.db.clone())
        .unwrap_or_else(|| {
            armsgraph_store::Store::default_path()
                .parent()
                .map(|p| p.join("demo.db"))
                .unwrap_or_else(|| PathBuf::from("armsgraph-demo.db"))
        })
}

/// The bundled corpus, read from the binary (or `--data-dir`) through the same readers as
/// `ingest`, without writing any file: each document's origin is its path under `data/`.
fn bundled_documents(files: &DataFiles) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for rel in files.list_recursive("corpus")? {
        if !CORPUS_SUFFIXES.iter().any(|s| rel.ends_with(s)) {
            continue;
        }
        let bytes = files.read_bytes(&rel)?;
        out.push((format!("data/{rel}"), bytes));
    }
    Ok(out)
}

pub fn run(ctx: &Context, args: DemoArgs) -> anyhow::Result<()> {
    let db = demo_db_path(ctx, &args);
    let files = ctx.data_files();
    let bundled = bundled_documents(&files)?;
    println!(
        "armsgraph demo: {} bundled documents → {}",
        bundled.len(),
        db.display()
    );

    let pipeline = ctx.pipeline()?;
    // The demo shows what this version of armsgraph reads, so its own database starts fresh;
    // a database named with the global --db (maybe the user's real one) is only added to.
    if args.demo_db.is_some() || ctx.db.is_none() {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = db.clone().into_os_string();
            name.push(suffix);
            let path = PathBuf::from(name);
            if path.exists() {
                std::fs::remove_file(&path).with_context(|| {
                    format!("removing the old demo database {}", path.display())
                })?;
            }
        }
    }
    let mut store = armsgraph_store::Store::open(&db)
        .with_context(|| format!("opening demo database {}", db.display()))?;
    // The seed is a 2024 article without a date in its text; the demo anchors relative times
    // in May 2024 and says so, as a user would with --published.
    let opts = ReadOptions {
        published: Some("2024-05-15".into()),
        language: None,
    };
    let mut summary = IngestSummary::default();
    let mut audit = IngestAudit::new("cli");
    for (origin, bytes) in bundled {
        for item in armsgraph_ingest::read_upload(&origin, bytes) {
            match item {
                Ok(raw) => {
                    ingest_one(&pipeline, &mut store, &raw, &opts, &mut summary, &mut audit);
                }
                Err(f) => {
                    summary.read += 1;
                    record_failure(&mut store, f, &mut summary);
                }
            }
        }
    }
    println!(
        "read {} · stored {} · already there {} · failed {}  (relative dates anchored at 2024-05-15 where a document has no date)",
        summary.read,
        summary.stored,
        summary.duplicates,
        summary.failed.len()
    );
    for f in &summary.failed {
        println!("  failed: {}: {}", f.origin, f.reason);
    }

    println!("\n== Documents");
    for d in store.documents(50, 0)? {
        println!(
            "  {}  [{}] {}{}  ({} events, {} quotes)",
            d.id,
            d.language.as_deref().unwrap_or("?"),
            d.title.as_deref().unwrap_or("(untitled)"),
            d.publisher
                .as_deref()
                .map(|p| format!(" — {p}"))
                .unwrap_or_default(),
            d.events,
            d.quotes
        );
    }

    println!("\n== Top actors");
    for kind in [
        EntityKind::State,
        EntityKind::Organisation,
        EntityKind::Person,
    ] {
        let top = store.top_entities(Some(kind), 8)?;
        if top.is_empty() {
            continue;
        }
        let line: Vec<String> = top
            .iter()
            .map(|e| format!("{} ({})", e.name, e.mentions))
            .collect();
        println!("  {:<13} {}", format!("{kind:?}:"), line.join(", "));
    }

    println!("\n== Events");
    let events = store.events(&armsgraph_store::EventFilter::default())?;
    let mut by_type: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in &events {
        *by_type.entry(e.event.event_type.label()).or_default() += 1;
    }
    let counts: Vec<String> = by_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
    println!("  {} events: {}", events.len(), counts.join(", "));
    // The most telling ones first: arms transfers, then acts between two named parties,
    // most confident first; the full list is `armsgraph events`.
    let mut shown: Vec<&armsgraph_store::StoredEvent> = events
        .iter()
        .filter(|e| !e.event.actors.is_empty() && !e.event.recipients.is_empty())
        .collect();
    shown.sort_by(|a, b| {
        let aid = |e: &armsgraph_store::StoredEvent| {
            e.event.event_type != armsgraph_model::EventType::Aid
        };
        aid(a)
            .cmp(&aid(b))
            .then(b.event.confidence.total_cmp(&a.event.confidence))
    });
    for e in shown.iter().take(15) {
        println!(
            "  {:<12} {}  [{} {:.0}%]",
            e.event.event_type.label(),
            e.event.summary,
            e.document,
            e.event.confidence * 100.0
        );
    }
    if shown.len() > 15 {
        println!(
            "  … {} more with both parties named: `armsgraph --db {} events`",
            shown.len() - 15,
            db.display()
        );
    }

    // Reference data (alliances, treaties, conflicts) with their provenance, then the alerts
    // that join them with what the documents say.
    let imported = armsgraph_analysis::refs::import_defaults(&mut store, &files)
        .context("importing the bundled reference data")?;
    let (refs, _) = armsgraph_analysis::refs::load_reference(&store, &files)
        .context("loading reference data")?;
    let kb = pipeline.kb();
    println!(
        "\n== Alerts  (reference data: {} facts imported, {} already there)",
        imported.inserted, imported.unchanged
    );
    let alerts = armsgraph_analysis::store_alerts_with_kb(
        &store,
        &refs,
        Some(kb),
        &armsgraph_analysis::AlertOptions::default(),
    )?;
    if alerts.is_empty() {
        println!("  (none)");
    }
    for a in &alerts {
        println!("{}", armsgraph_analysis::render::render_alert_text(a));
    }

    // A short profile of the most prominent supplier in an alert (else the top state).
    let profiled = alerts.first().map(|a| a.supplier.clone()).or_else(|| {
        store
            .top_entities(Some(EntityKind::State), 1)
            .ok()
            .and_then(|v| v.first().map(|e| e.id.clone()))
    });
    if let Some(id) = profiled {
        println!("== Entity profile: {id}");
        let profile =
            armsgraph_analysis::query::profile(&store, &refs, Some(kb), &id, "2024-05-15")?;
        print!(
            "{}",
            armsgraph_analysis::render::render_profile_text(&profile)
        );
    }

    let stats = store.stats()?;
    println!(
        "\n{} documents, {} mentions of {} entities, {} events, {} quotes.",
        stats.documents, stats.mentions, stats.entities, stats.events, stats.quotes
    );
    // Name the binary as it can be run now: after `cargo run` it is not on PATH.
    let exe = std::env::current_exe()
        .ok()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "armsgraph".to_string());
    let db_arg = shell_quote(&db.display().to_string());
    println!("\nOpen the web app on the demo database (graph, timeline, evidence, alerts):");
    println!("  {exe} serve --db {db_arg}");
    println!("  then browse http://127.0.0.1:8080/");
    println!("More from the command line:");
    println!("  {exe} --db {db_arg} alerts");
    println!("  {exe} --db {db_arg} search Aserbaidschan");
    println!("  {exe} --db {db_arg} entity Belarus");
    Ok(())
}

/// A path as a shell word (quoted when it holds anything but plain path characters).
fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_alphanumeric() || "/._-+:@".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
