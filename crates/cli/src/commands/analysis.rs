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
    /// Only alerts with at least this confidence (0 to 1).
    #[arg(long, default_value_t = 0.0, value_parser = parse_unit_interval)]
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
    /// ISO date (YYYY, YYYY-MM or YYYY-MM-DD): events whose known dates overlap [from, to].
    #[arg(long, value_parser = parse_iso_date)]
    pub from: Option<String>,
    #[arg(long, value_parser = parse_iso_date)]
    pub to: Option<String>,
    /// With --from/--to: also list events that have no date (left out otherwise).
    #[arg(long)]
    pub undated: bool,
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
    /// csv (a directory of tables), jsonl, graphml, gexf, gexf-dynamic (time-stamped for
    /// Gephi's timeline), plover, ftm, or all (a directory).
    pub format: String,
    /// With `gexf`: write the dynamic GEXF (the same as `gexf-dynamic`).
    #[arg(long)]
    pub dynamic: bool,
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

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month and day that exist.
fn parse_iso_date(s: &str) -> Result<String, String> {
    let bad = || format!("{s:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Result<u32, String> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let year = num(parts.first().copied().unwrap_or(""), 4)?;
    if parts.len() > 3 {
        return Err(bad());
    }
    if let Some(m) = parts.get(1) {
        let month = num(m, 2)?;
        if !(1..=12).contains(&month) {
            return Err(format!("{s:?}: there is no month {month}"));
        }
        if let Some(d) = parts.get(2) {
            let day = num(d, 2)?;
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=days).contains(&day) {
                return Err(format!("{s:?}: month {month} has no day {day}"));
            }
        }
    }
    Ok(s.trim().to_string())
}

/// A confidence between 0 and 1 (`30` is a percentage typed by mistake).
fn parse_unit_interval(s: &str) -> Result<f32, String> {
    let v: f32 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if !(0.0..=1.0).contains(&v) {
        return Err(format!(
            "{s} is outside 0 to 1 (confidence is a fraction: 0.3, not 30)"
        ));
    }
    Ok(v)
}

/// An entity named by id or by a name in any language or inflection.
fn resolve_named(kb: Option<&Kb>, store: &Store, what: &str, name: &str) -> anyhow::Result<String> {
    let (id, _) = query::resolve_entity(store, kb, name)?.with_context(|| {
        format!("--{what}: no entity matches {name:?} (try `armsgraph search {name}`)")
    })?;
    Ok(id)
}

pub fn events(ctx: &Context, args: EventsArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let event_type = match &args.event_type {
        Some(t) => Some(EventType::from_label(t).with_context(|| {
            let labels: Vec<&str> = EventType::ALL.iter().map(|t| t.label()).collect();
            format!(
                "unknown event type {t:?}; the types are {}",
                labels.join(", ")
            )
        })?),
        None => None,
    };
    let kb = kb(ctx);
    let actor = match &args.actor {
        Some(a) => Some(resolve_named(kb.as_ref(), &store, "actor", a)?),
        None => None,
    };
    let recipient = match &args.recipient {
        Some(r) => Some(resolve_named(kb.as_ref(), &store, "recipient", r)?),
        None => None,
    };
    // A weapon word in any language (`Artillerie`) stands for its KB id where it has one;
    // anything else still matches words of the weapon text.
    let weapon = args.weapon.map(|w| {
        kb.as_ref()
            .and_then(|kb| kb.lookup(&w, None).first().map(|e| e.id.clone()))
            .unwrap_or(w)
    });
    let q = EventQuery {
        filter: EventFilter {
            event_type,
            actor,
            recipient,
            weapon,
            from: args.from,
            to: args.to,
            undated: args.undated,
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
    if name.trim().is_empty() {
        anyhow::bail!("name an entity: an id (AZE, CSTO) or a name in any language (`armsgraph entity Belarus`)");
    }
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
                "unknown export format {:?} (csv, jsonl, graphml, gexf, gexf-dynamic, plover, ftm, all)",
                args.format
            )
        })?;
        let format = match (format, args.dynamic) {
            (Format::Gexf | Format::GexfDynamic, true) => Format::GexfDynamic,
            (other, true) => anyhow::bail!(
                "--dynamic applies to gexf only (time-stamped edges for Gephi's timeline), not {}",
                other.label()
            ),
            (other, false) => other,
        };
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
