//! Analysis over the stored graph and reference data: alliance-contradiction alerts, the
//! questions analysts ask (events, one entity's profile, a timeline per pair of actors) and
//! exports that other tools load (CSV, JSON Lines, GraphML, GEXF, PLOVER, FollowTheMoney).
//!
//! - [`refs`]: reference facts in and out of the store; importers for SIPRI trade registers,
//!   UCDP/PRIO ACD, ATOP member-level files and alliance tables.
//! - [`alerts`]: the alliance-contradiction rule, for the whole store or one extraction
//!   ([`alerts_for_extraction`]).
//! - [`query`]: merged events, entity profiles, timelines.
//! - [`render`]: plain-text rendering shared by the CLI and the demo report.
//! - [`export`]: writers for the export formats.
//!
//! Invariants: nothing here prints or reads the terminal; every alert link, exported edge and
//! profile line carries its evidence (document + span, or `reference:<dataset>:<row>`).

pub mod alerts;
pub mod export;
pub mod query;
pub mod refs;
pub mod render;
pub mod search;

pub use alerts::{alerts_for_extraction, AlertOptions};
pub use query::{Profile, TimelineEntry};
pub use render::{render_alert_text, render_profile_text};

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Store(#[from] armsgraph_store::StoreError),
    #[error(transparent)]
    Data(#[from] armsgraph_kb::DataError),
    #[error("JSON: {0}")]
    Json(String),
    #[error("input format: {0}")]
    Format(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, AnalysisError>;

/// Alerts over everything stored: document events plus reference data (imported facts, or
/// the shipped defaults when nothing has been imported).
pub fn store_alerts(
    store: &armsgraph_store::Store,
    refs: &armsgraph_kb::reference::ReferenceData,
    opts: &AlertOptions,
) -> Result<Vec<armsgraph_model::Alert>> {
    store_alerts_with_kb(store, refs, None, opts)
}

/// Like [`store_alerts`]; the knowledge base, when given, supplies display names for titles.
pub fn store_alerts_with_kb(
    store: &armsgraph_store::Store,
    refs: &armsgraph_kb::reference::ReferenceData,
    kb: Option<&armsgraph_kb::Kb>,
    opts: &AlertOptions,
) -> Result<Vec<armsgraph_model::Alert>> {
    Ok(store_alerts_with_totals(store, refs, kb, opts)?
        .into_iter()
        .map(|(alert, _)| alert)
        .collect())
}

/// Store-wide alerts with the totals of each chain. Reads the per-pair facts the store keeps
/// at ingest ([`armsgraph_store::pair_facts`]): the cost grows with the pairs and dates
/// facts fall on, not with the events. A chain holds the first
/// [`armsgraph_store::pair_facts::FIRST_LINKS`] document links of each group of alike
/// facts; [`alerts::AlertTotals`] says how many there are in all.
pub fn store_alerts_with_totals(
    store: &armsgraph_store::Store,
    refs: &armsgraph_kb::reference::ReferenceData,
    kb: Option<&armsgraph_kb::Kb>,
    opts: &AlertOptions,
) -> Result<Vec<(armsgraph_model::Alert, alerts::AlertTotals)>> {
    let names = alerts::names_from_kept(store.pair_fact_names()?, refs, kb);
    Ok(alerts::alerts_from_groups(
        store.pair_facts()?,
        refs,
        &names,
        opts,
    ))
}

/// The same alerts read the way they were before schema 4: every alert-candidate event
/// parsed (O(events)), every document link in the chains. Kept to check the kept facts
/// against (`tests/pair_facts.rs`).
pub fn store_alerts_from_events(
    store: &armsgraph_store::Store,
    refs: &armsgraph_kb::reference::ReferenceData,
    kb: Option<&armsgraph_kb::Kb>,
    opts: &AlertOptions,
) -> Result<Vec<armsgraph_model::Alert>> {
    let stored = query::alert_candidates(store)?;
    let events: Vec<alerts::SourcedEvent<'_>> = stored.iter().map(|s| s.as_sourced()).collect();
    let names = alerts::names_with_kb(&events, refs, kb);
    Ok(alerts::alliance_contradictions(&events, refs, &names, opts))
}
