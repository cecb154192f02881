//! Analysis commands: import reference data, alerts, events, entity profiles, timelines,
//! exports. The logic lives in `armsgraph-analysis`; this module parses and prints.

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_analysis::export::{ExportData, Format};
use armsgraph_analysis::query::{self, EventQuery};
use armsgraph_analysis::render;
use armsgraph_analysis::{refs, AlertOptions};
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::Kb;
use armsgraph_model::EventType;
use armsgraph_store::{EventFilter, Store};
use clap::{Args, ValueEnum};

use super::Context;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ImportKind {
    /// Alliance tables: a directory laid out like data/reference (alliances/*.tsv) or like
    /// the hand-compiled source (organisations.tsv, memberships.tsv, bilateral-pacts.tsv).
    Alliances,
    /// UCDP/PRIO Armed Conflict Dataset CSV (conflict-year rows, as published).
    Conflicts,
    /// A SIPRI trade register CSV you downloaded (armstransfers.sipri.org → Trade registers).
    Sipri,
    /// An ATOP member-level CSV (atop5_1m.csv from atopdata.org).
    Atop,
}

#[derive(Args)]
pub struct ImportArgs {
    /// What the file is.
    #[arg(value_enum, required_unless_present = "defaults")]
    pub kind: Option<ImportKind>,
    /// The file (or directory for `alliances`).
    #[arg(required_unless_present = "defaults")]
    pub path: Option<PathBuf>,
    /// Import the reference data shipped with armsgraph (alliances, UCDP conflict dyads).
    #[arg(long)]
    pub defaults: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct AlertsArgs {
    /// Only alerts with at least this confidence.
    #[arg(long, default_value_t = 0.0)]
    pub min_confidence: f32,
    /// Only alerts resting on at least one document (not on register and conflict data alone).
    #[arg(long)]
    pub documents_only: bool,
    /// Years after a transfer during which a fight still counts.
    #[arg(long, default_value_t = 3)]
    pub window_years: i32,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct EventsArgs {
    /// PLOVER event type (AID, ASSAULT, …).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Entity id among the actors (AZE, BLR, person:…).
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(long)]
    pub recipient: Option<String>,
    /// Weapon system or category id, or a word of the weapon text.
    #[arg(long)]
    pub weapon: Option<String>,
    /// ISO date: events overlapping [from, to].
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    /// Only events reported by at least this many distinct sources.
    #[arg(long, default_value_t = 1)]
    pub min_sources: usize,
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct EntityArgs {
    /// An id (AZE, CSTO, person:vladimir-putin) or a name or alias in any language.
    pub name: Vec<String>,
    /// Date for "allies now" (default: today).
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct TimelineArgs {
    pub a: String,
    pub b: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    /// csv (a directory of tables), jsonl, graphml, gexf, plover, ftm, or all (a directory).
    pub format: String,
    /// Output file (directory for csv and all).
    #[arg(long)]
    pub out: PathBuf,
    /// Include every reference fact, not only those touching entities of the documents.
    #[arg(long)]
    pub all_reference: bool,
}

fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn load_refs(ctx: &Context, store: &Store) -> anyhow::Result<ReferenceData> {
    let (refs, defaults) =
        refs::load_reference(store, &ctx.data_files()).context("loading reference data")?;
    if defaults {
        eprintln!("note: no reference data imported yet; using the shipped defaults (run `armsgraph import --defaults` to store them)");
    }
    Ok(refs)
}

fn kb(ctx: &Context) -> Option<Kb> {
    Kb::load(&ctx.data_files()).ok()
}

pub fn import(ctx: &Context, args: ImportArgs) -> anyhow::Result<()> {
    let files = ctx.data_files();
    let mut store = ctx.open_store()?;
    let mut results = Vec::new();
    if args.defaults {
        let counts = refs::import_defaults(&mut store, &files)
            .context("importing the shipped reference data")?;
        results.push(("defaults".to_string(), counts));
    }
    if let (Some(kind), Some(path)) = (args.kind, args.path) {
        let read = || {
            std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
        };
        let facts = match kind {
            ImportKind::Alliances => refs::read_alliance_dir(&path)?,
            ImportKind::Conflicts => ReferenceData {
                conflicts: refs::parse_ucdp_acd(&read()?, &refs::gw_iso3(&files)?)?,
                ..ReferenceData::default()
            },
            ImportKind::Sipri => {
                let names = refs::StateNames::load(&files, kb(ctx))?;
                ReferenceData {
                    transfers: refs::parse_sipri(&read()?, &names)?,
                    ..ReferenceData::default()
                }
            }
            ImportKind::Atop => refs::parse_atop_members(&read()?, &refs::gw_iso3(&files)?)?,
        };
        let counts = refs::import(&mut store, &facts)?;
        results.push((path.display().to_string(), counts));
    }
    if args.json {
        let out: Vec<_> = results
            .iter()
            .map(|(what, c)| serde_json::json!({"source": what, "inserted": c.inserted, "unchanged": c.unchanged}))
            .collect();
        return print_json(&out);
    }
    for (what, c) in &results {
        println!(
            "{what}: {} facts added, {} already stored",
            c.inserted, c.unchanged
        );
    }
    for d in store.reference_datasets()? {
        println!("  {:<28} {:<14} {}", d.dataset, d.kind, d.facts);
    }
    Ok(())
}

pub fn alerts(ctx: &Context, args: AlertsArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let refs = load_refs(ctx, &store)?;
    let opts = AlertOptions {
        window_years: args.window_years,
        require_document: args.documents_only,
        ..AlertOptions::default()
    };
    let alerts: Vec<_> =
        armsgraph_analysis::store_alerts_with_kb(&store, &refs, kb(ctx).as_ref(), &opts)?
            .into_iter()
            .filter(|a| a.confidence >= args.min_confidence)
            .collect();
    if args.json {
        return print_json(&alerts);
    }
    if alerts.is_empty() {
        println!("No alliance contradictions found.");
    }
    for a in &alerts {
        println!("{}", render::render_alert_text(a));
    }
    Ok(())
}

pub fn events(ctx: &Context, args: EventsArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let event_type = match &args.event_type {
        Some(t) => {
            Some(EventType::from_label(t).with_context(|| format!("unknown event type {t:?}"))?)
        }
        None => None,
    };
    let q = EventQuery {
        filter: EventFilter {
            event_type,
            actor: args.actor,
            recipient: args.recipient,
            weapon: args.weapon,
            from: args.from,
            to: args.to,
            ..EventFilter::default()
        },
        min_sources: args.min_sources,
    };
    let mut merged = query::events(&store, &q)?;
    merged.truncate(args.limit);
    if args.json {
        return print_json(&merged);
    }
    for m in &merged {
        println!("{}", render::render_event_text(m));
    }
    println!("{} event(s)", merged.len());
    Ok(())
}

pub fn entity(ctx: &Context, args: EntityArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let refs = load_refs(ctx, &store)?;
    let kb = kb(ctx);
    let name = args.name.join(" ");
    let (id, _) = query::resolve_entity(&store, kb.as_ref(), &name)?
        .with_context(|| format!("no entity matches {name:?}"))?;
    let today = args.date.unwrap_or_else(today);
    let profile = query::profile(&store, &refs, kb.as_ref(), &id, &today)?;
    if args.json {
        return print_json(&profile);
    }
    print!("{}", render::render_profile_text(&profile));
    Ok(())
}

pub fn timeline(ctx: &Context, args: TimelineArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let refs = load_refs(ctx, &store)?;
    let kb = kb(ctx);
    let resolve = |n: &str| -> anyhow::Result<String> {
        Ok(query::resolve_entity(&store, kb.as_ref(), n)?
            .with_context(|| format!("no entity matches {n:?}"))?
            .0)
    };
    let (a, b) = (resolve(&args.a)?, resolve(&args.b)?);
    let entries = query::timeline(&store, &refs, &a, &b)?;
    if args.json {
        return print_json(&entries);
    }
    print!("{}", render::render_timeline_text(&a, &b, &entries));
    Ok(())
}

pub fn export(ctx: &Context, args: ExportArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let refs = load_refs(ctx, &store)?;
    let alerts = armsgraph_analysis::store_alerts_with_kb(
        &store,
        &refs,
        kb(ctx).as_ref(),
        &AlertOptions::default(),
    )?;
    let mut data = ExportData::from_store(&store, refs, alerts)?;
    data.all_reference = args.all_reference;
    let written = if args.format.eq_ignore_ascii_case("all") {
        armsgraph_analysis::export::write_all(&data, &args.out)?
    } else {
        let format = Format::parse(&args.format).with_context(|| {
            format!(
                "unknown export format {:?} (csv, jsonl, graphml, gexf, plover, ftm, all)",
                args.format
            )
        })?;
        armsgraph_analysis::export::write(&data, format, &args.out)?
    };
    for path in written {
        println!("wrote {path}");
    }
    Ok(())
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock (days since the epoch → civil
/// date, Howard Hinnant's algorithm), so no date crate is needed.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
