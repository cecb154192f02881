//! Alert facts per pair, kept at ingest: what the store-wide alliance-contradiction rule
//! reads instead of every candidate event.
//!
//! An arms transfer (supplier → recipient) or a fight (two opponents) read from a document
//! event is an *alert fact* ([`event_facts`]: the rule's own reading of an event, used by the
//! in-memory rule in `armsgraph_analysis::alerts` too, so the two cannot disagree). Everything
//! the rule does with a fact depends only on its parties, its time interval and its
//! confidence, plus the chain link that proves it. So the store keeps one row per
//! (kind, parties, interval, confidence) — `pair_facts` — with how many distinct facts and
//! documents stand behind it and the first [`FIRST_LINKS`] links in document order, and one
//! row per entity with the name the first candidate event gives it (`pair_fact_names`, for
//! alert titles). Rows are upserted in the document's own transaction; a database of an
//! earlier schema is back-filled from its stored events on open ([`backfill`]).
//!
//! Reading them costs O(pairs × distinct dates), not O(events): at 100,000 copies of the demo
//! corpus the 414,000 candidate events are a few hundred rows.

use std::collections::BTreeMap;

use armsgraph_model::{ChainLink, Event, EventType, Evidence, Factuality, Participant};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Result, StoreError};

/// How many chain links (the first in document order) one fact row keeps: as many as an
/// alert page shows (`MAX_ALERT_DOCUMENT_LINKS` of the server), so the links shown are the
/// links the whole chain would have started with.
pub const FIRST_LINKS: usize = 20;

pub(crate) const SCHEMA_V4: &str = "
CREATE TABLE IF NOT EXISTS pair_facts (
    kind TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    time_start TEXT NOT NULL,
    time_end TEXT NOT NULL,
    confidence REAL NOT NULL,
    facts INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    first_key TEXT NOT NULL,
    links TEXT NOT NULL,
    PRIMARY KEY (kind, a, b, time_start, time_end, confidence)
);
CREATE TABLE IF NOT EXISTS pair_fact_names (
    entity TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    first_key TEXT NOT NULL
);
";

/// `transfer` (a supplier armed a recipient) or `conflict` (two parties fought).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Transfer,
    Conflict,
}

impl FactKind {
    fn label(self) -> &'static str {
        match self {
            FactKind::Transfer => "transfer",
            FactKind::Conflict => "conflict",
        }
    }
}

/// One alert fact read from a document event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFact {
    pub kind: FactKind,
    /// Supplier and recipient of a transfer; the two opponents of a fight, smaller id first
    /// (a fight has no direction for the rule).
    pub a: String,
    pub b: String,
    /// The event's time as the rule reads it: start widened to its first day, end to its
    /// last; an event without a date ends at its document's publication.
    pub start: Option<String>,
    pub end: Option<String>,
    pub confidence: f32,
    /// Which pair of the event (in actor × recipient order) the fact is.
    pub pos: usize,
    /// `doc_id seq pos`, zero-padded: compares as document order does.
    pub key: String,
    pub link: ChainLink,
}

/// Whether an event reports an arms transfer.
pub fn is_arms_transfer(e: &Event) -> bool {
    e.event_type == EventType::Aid
        && (e.arms.is_some() || e.context.iter().any(|c| c == "military"))
}

/// Whether an event reports fighting or coercion between its actors and recipients.
pub fn is_fight(e: &Event) -> bool {
    matches!(e.event_type, EventType::Assault | EventType::Coerce)
}

/// Denied, hypothetical and future events are not facts to raise an alert on.
pub fn usable(e: &Event) -> bool {
    !matches!(
        e.factuality,
        Factuality::Denied | Factuality::Hypothetical | Factuality::Future
    )
}

/// Whether an event is an alert candidate (the store's `alert_candidates` condition): of a
/// type that can make a fact and not denied, hypothetical or future.
pub fn is_candidate(e: &Event) -> bool {
    matches!(
        e.event_type,
        EventType::Aid | EventType::Assault | EventType::Coerce
    ) && usable(e)
}

fn factuality_weight(f: Factuality) -> f32 {
    match f {
        Factuality::Asserted => 1.0,
        Factuality::Reported | Factuality::Claimed => 0.85,
        _ => 0.0,
    }
}

/// How sure a fact from this event is: its confidence (0.5 when it has none) weighed by its
/// factuality.
pub fn base_confidence(e: &Event) -> f32 {
    let c = if e.confidence > 0.0 {
        e.confidence.min(1.0)
    } else {
        0.5
    };
    c * factuality_weight(e.factuality)
}

/// `2022` → `2022-12-31`, `2022-09` → `2022-09-31`: the last day as an upper bound for string
/// comparison (the rule of `armsgraph_kb::reference::date_ceil`).
fn date_ceil(date: &str) -> Option<String> {
    let floor = crate::sort_date(date)?;
    let d = date.trim();
    Some(match d.len() {
        4 => format!("{d}-12-31"),
        7 => format!("{d}-31"),
        _ => floor,
    })
}

/// The time of an event as the alert rule reads it (`Interval::new` of its start and end);
/// an event with no readable date happened before its document's publication.
pub fn event_bounds(e: &Event, published: Option<&str>) -> (Option<String>, Option<String>) {
    if let Some(t) = &e.time {
        let start = t.start.as_deref().and_then(crate::sort_date);
        let end = t.end.as_deref().and_then(date_ceil);
        if start.is_some() || end.is_some() {
            return (start, end);
        }
    }
    (None, published.and_then(date_ceil))
}

fn event_link(
    kind: &str,
    document: &str,
    url: Option<&str>,
    e: &Event,
    statement: String,
) -> ChainLink {
    let evidence = e.evidence.first().map(|ev| Evidence {
        url: ev.url.clone().or_else(|| url.map(str::to_string)),
        document: if ev.document.is_empty() {
            document.to_string()
        } else {
            ev.document.clone()
        },
        ..ev.clone()
    });
    ChainLink {
        kind: kind.into(),
        statement,
        source: format!("document:{document}"),
        evidence,
        event: Some(e.id.clone()),
    }
}

/// The alert facts of one event of `document` (`seq`-th of its events): each supplier ×
/// recipient of a usable arms transfer, each pair of opponents of a usable fight (every pair
/// of actors when a fight has no recipient: `fighting between Azerbaijani and Armenian
/// forces`). `url` is the document's URL or origin, `published` its publication date.
pub fn event_facts(
    document: &str,
    seq: usize,
    url: Option<&str>,
    published: Option<&str>,
    e: &Event,
) -> Vec<EventFact> {
    let mut out = Vec::new();
    if !usable(e) {
        return out;
    }
    let (start, end) = event_bounds(e, published);
    let confidence = base_confidence(e);
    if is_arms_transfer(e) {
        let mut pos = 0;
        for s in &e.actors {
            for r in &e.recipients {
                pos += 1;
                if s.entity.is_empty() || r.entity.is_empty() || s.entity == r.entity {
                    continue;
                }
                let inferred = s.how == "inferred";
                let mut statement = if e.summary.is_empty() {
                    format!("{} → {}: arms transfer", s.entity, r.entity)
                } else {
                    e.summary.clone()
                };
                if inferred {
                    let why = e
                        .inferences
                        .iter()
                        .find(|i| {
                            i.role == "actor" && i.chosen.as_deref() == Some(s.entity.as_str())
                        })
                        .map(|i| i.reason.clone())
                        .unwrap_or_default();
                    statement.push_str(&format!(" [supplier {} inferred", s.entity));
                    if !why.is_empty() {
                        statement.push_str(&format!(": {why}"));
                    }
                    statement.push(']');
                }
                out.push(EventFact {
                    kind: FactKind::Transfer,
                    a: s.entity.clone(),
                    b: r.entity.clone(),
                    start: start.clone(),
                    end: end.clone(),
                    // The event's confidence already reflects how sure an inference was.
                    confidence,
                    pos,
                    key: order_key(document, seq, pos),
                    link: event_link("transfer", document, url, e, statement),
                });
            }
        }
    } else if is_fight(e) {
        let pairs: Vec<(&Participant, &Participant)> = if e.recipients.is_empty() {
            e.actors
                .iter()
                .enumerate()
                .flat_map(|(i, a)| e.actors.iter().skip(i + 1).map(move |b| (a, b)))
                .collect()
        } else {
            e.actors
                .iter()
                .flat_map(|a| e.recipients.iter().map(move |b| (a, b)))
                .collect()
        };
        for (pos, (a, b)) in pairs.into_iter().enumerate() {
            if a.entity.is_empty() || b.entity.is_empty() || a.entity == b.entity {
                continue;
            }
            let statement = if e.summary.is_empty() {
                format!("{} {} {}", a.entity, e.event_type.label(), b.entity)
            } else {
                e.summary.clone()
            };
            let (x, y) = if a.entity <= b.entity {
                (&a.entity, &b.entity)
            } else {
                (&b.entity, &a.entity)
            };
            out.push(EventFact {
                kind: FactKind::Conflict,
                a: x.clone(),
                b: y.clone(),
                start: start.clone(),
                end: end.clone(),
                confidence,
                pos: pos + 1,
                key: order_key(document, seq, pos + 1),
                link: event_link("conflict", document, url, e, statement),
            });
        }
    }
    out
}

/// `doc_id seq pos` with zero-padded numbers: compares as the document order does.
fn order_key(doc_id: &str, seq: usize, pos: usize) -> String {
    format!("{doc_id} {seq:06} {pos:06}")
}

/// Facts alike in everything the alert rule reads besides their link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactShape {
    pub kind: FactKind,
    pub a: String,
    pub b: String,
    pub start: Option<String>,
    pub end: Option<String>,
    /// The confidence's bits (f32 is not `Ord`); equal bits, equal confidence.
    pub confidence_bits: u32,
}

/// Facts of one shape: how many distinct ones (distinct links), from how many documents,
/// and the first links in document order (all of them when built in memory).
#[derive(Debug, Clone, PartialEq)]
pub struct FactGroup {
    pub shape: FactShape,
    pub confidence: f32,
    pub facts: usize,
    pub documents: usize,
    /// `(key, link)` by key, at most [`FIRST_LINKS`] when read from the store.
    pub links: Vec<(String, ChainLink)>,
}

impl FactGroup {
    /// Whether some facts' links were left out (only the first were kept).
    pub fn truncated(&self) -> bool {
        self.links.len() < self.facts
    }
    pub fn first_key(&self) -> &str {
        self.links.first().map(|(k, _)| k.as_str()).unwrap_or("")
    }
}

fn shape_of(f: &EventFact) -> FactShape {
    FactShape {
        kind: f.kind,
        a: f.a.clone(),
        b: f.b.clone(),
        start: f.start.clone(),
        end: f.end.clone(),
        confidence_bits: f.confidence.to_bits(),
    }
}

fn link_key(l: &ChainLink) -> (&str, Option<&str>, &str) {
    (&l.source, l.event.as_deref(), &l.statement)
}

/// Groups facts by shape, in the order of each group's first fact; a link repeated within a
/// group (an actor named twice) counts once, as the rule counts a fact once.
pub fn group_facts(facts: Vec<EventFact>, keep: Option<usize>) -> Vec<FactGroup> {
    let mut groups: BTreeMap<FactShape, (FactGroup, std::collections::BTreeSet<String>)> =
        BTreeMap::new();
    let mut seen: std::collections::HashSet<(FactShape, String, Option<String>, String)> =
        std::collections::HashSet::new();
    for f in facts {
        let shape = shape_of(&f);
        let (s, ev, st) = link_key(&f.link);
        if !seen.insert((
            shape.clone(),
            s.to_string(),
            ev.map(str::to_string),
            st.to_string(),
        )) {
            continue;
        }
        let doc = f.link.source.clone();
        let (g, docs) = groups.entry(shape.clone()).or_insert_with(|| {
            (
                FactGroup {
                    shape,
                    confidence: f.confidence,
                    facts: 0,
                    documents: 0,
                    links: Vec::new(),
                },
                Default::default(),
            )
        });
        g.facts += 1;
        if docs.insert(doc) {
            g.documents += 1;
        }
        g.links.push((f.key, f.link));
    }
    let mut out: Vec<FactGroup> = groups
        .into_values()
        .map(|(mut g, _)| {
            g.links.sort_by(|x, y| x.0.cmp(&y.0));
            if let Some(k) = keep {
                g.links.truncate(k);
            }
            g
        })
        .collect();
    out.sort_by(|x, y| x.first_key().cmp(y.first_key()));
    out
}

/// The names the participants (actors, recipients, places) of candidate events give
/// entities, each with the `doc seq pos` key of where it was first given.
fn event_names<'e>(document: &str, seq: usize, e: &'e Event) -> Vec<(&'e str, &'e str, String)> {
    if !is_candidate(e) {
        return Vec::new();
    }
    e.actors
        .iter()
        .chain(&e.recipients)
        .chain(&e.locations)
        .enumerate()
        .filter(|(_, p)| !p.name.is_empty() && !p.entity.is_empty())
        .map(|(pos, p)| {
            (
                p.entity.as_str(),
                p.name.as_str(),
                order_key(document, seq, pos),
            )
        })
        .collect()
}

/// Adds one document's facts and names to the tables (inside the caller's transaction).
/// `events` are the document's events in order, `url` its URL or origin.
pub(crate) fn index_events(
    tx: &Connection,
    document: &str,
    url: Option<&str>,
    published: Option<&str>,
    events: &[Event],
) -> Result<()> {
    let mut facts = Vec::new();
    let mut names: BTreeMap<&str, (&str, String)> = BTreeMap::new();
    for (seq, e) in events.iter().enumerate() {
        facts.extend(event_facts(document, seq, url, published, e));
        for (entity, name, key) in event_names(document, seq, e) {
            names.entry(entity).or_insert((name, key));
        }
    }
    let mut name = tx.prepare_cached(
        "INSERT INTO pair_fact_names(entity, name, first_key) VALUES (?1, ?2, ?3)
         ON CONFLICT(entity) DO UPDATE SET name = excluded.name, first_key = excluded.first_key
         WHERE excluded.first_key < pair_fact_names.first_key",
    )?;
    for (entity, (n, key)) in &names {
        name.execute(params![entity, n, key])?;
    }
    if facts.is_empty() {
        return Ok(());
    }
    let mut read = tx.prepare_cached(
        "SELECT facts, documents, links FROM pair_facts
         WHERE kind = ?1 AND a = ?2 AND b = ?3 AND time_start = ?4 AND time_end = ?5
           AND confidence = ?6",
    )?;
    let mut write = tx.prepare_cached(
        "INSERT OR REPLACE INTO pair_facts(kind, a, b, time_start, time_end, confidence, facts,
                                           documents, first_key, links)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for g in group_facts(facts, None) {
        let s = &g.shape;
        // `''` for an open end: NULLs would never compare equal in the key.
        let start = s.start.clone().unwrap_or_default();
        let end = s.end.clone().unwrap_or_default();
        let confidence = f64::from(g.confidence);
        let old: Option<(i64, i64, String)> = read
            .query_row(
                params![s.kind.label(), s.a, s.b, start, end, confidence],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (mut facts, mut documents, mut links) = (g.facts as i64, 1i64, g.links);
        if let Some((f, d, json)) = old {
            facts += f;
            documents += d;
            let kept: Vec<(String, ChainLink)> =
                serde_json::from_str(&json).map_err(|source| StoreError::Json {
                    what: format!("alert facts {} {} {}", s.kind.label(), s.a, s.b),
                    source,
                })?;
            links.extend(kept);
            links.sort_by(|x, y| x.0.cmp(&y.0));
        }
        links.truncate(FIRST_LINKS);
        let first = links.first().map(|(k, _)| k.clone()).unwrap_or_default();
        let json = serde_json::to_string(&links).map_err(|source| StoreError::Json {
            what: format!("alert facts in {document}"),
            source,
        })?;
        write.execute(params![
            s.kind.label(),
            s.a,
            s.b,
            start,
            end,
            confidence,
            facts,
            documents,
            first,
            json
        ])?;
    }
    Ok(())
}

/// Fills the tables from the stored events of every document (an upgrade from schema 1–3):
/// only alert-candidate types are read, document by document.
pub(crate) fn backfill(tx: &Connection) -> Result<usize> {
    tx.execute_batch("DELETE FROM pair_facts; DELETE FROM pair_fact_names;")?;
    let mut stmt = tx.prepare(
        "SELECT e.doc_id, e.json, d.url, d.origin, d.published
         FROM events e JOIN documents d ON d.id = e.doc_id
         WHERE e.event_type IN ('AID', 'ASSAULT', 'COERCE')
         ORDER BY e.doc_id, e.seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut current: Option<(String, Option<String>, Option<String>)> = None;
    let mut events: Vec<Event> = Vec::new();
    let mut n = 0;
    let flush = |doc: &(String, Option<String>, Option<String>), events: &[Event]| {
        index_events(tx, &doc.0, doc.1.as_deref(), doc.2.as_deref(), events)
    };
    while let Some(row) = rows.next()? {
        let doc: String = row.get(0)?;
        let json: String = row.get(1)?;
        if current.as_ref().map(|c| &c.0) != Some(&doc) {
            if let Some(c) = &current {
                flush(c, &events)?;
                n += 1;
            }
            let url: Option<String> = row.get(2)?;
            let origin: String = row.get(3)?;
            let published: Option<String> = row.get(4)?;
            current = Some((
                doc.clone(),
                url.or_else(|| Some(origin).filter(|o| !o.is_empty())),
                published,
            ));
            events.clear();
        }
        events.push(
            serde_json::from_str(&json).map_err(|source| StoreError::Json {
                what: format!("event in {doc}"),
                source,
            })?,
        );
    }
    if let Some(c) = &current {
        flush(c, &events)?;
        n += 1;
    }
    Ok(n)
}

impl crate::Store {
    /// Every alert-fact row (see the module docs), in the order of each row's first fact.
    pub fn pair_facts(&self) -> Result<Vec<FactGroup>> {
        if let Some(pg) = self.pg() {
            return pg.pair_facts();
        }
        let mut stmt = self.conn()?.prepare_cached(
            "SELECT kind, a, b, time_start, time_end, confidence, facts, documents, links
             FROM pair_facts ORDER BY first_key, kind, a, b, time_start, time_end, confidence",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(0)?;
            let a: String = r.get(1)?;
            let b: String = r.get(2)?;
            let start: String = r.get(3)?;
            let end: String = r.get(4)?;
            let confidence = r.get::<_, f64>(5)? as f32;
            let json: String = r.get(8)?;
            let links: Vec<(String, ChainLink)> =
                serde_json::from_str(&json).map_err(|source| StoreError::Json {
                    what: format!("alert facts {kind} {a} {b}"),
                    source,
                })?;
            out.push(FactGroup {
                shape: FactShape {
                    kind: if kind == "transfer" {
                        FactKind::Transfer
                    } else {
                        FactKind::Conflict
                    },
                    a,
                    b,
                    start: Some(start).filter(|s| !s.is_empty()),
                    end: Some(end).filter(|s| !s.is_empty()),
                    confidence_bits: confidence.to_bits(),
                },
                confidence,
                facts: r.get::<_, i64>(6)?.max(0) as usize,
                documents: r.get::<_, i64>(7)?.max(0) as usize,
                links,
            });
        }
        Ok(out)
    }

    /// The name the first alert-candidate event (document order) gives each entity.
    pub fn pair_fact_names(&self) -> Result<Vec<(String, String)>> {
        if let Some(pg) = self.pg() {
            return pg.pair_fact_names();
        }
        let mut stmt = self
            .conn()?
            .prepare_cached("SELECT entity, name FROM pair_fact_names ORDER BY entity")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Rebuilds the alert-fact tables from the stored events (what an upgrade does; the
    /// bench calls it after copying rows). Returns the documents read.
    pub fn rebuild_pair_facts(&mut self) -> Result<usize> {
        if let Some(pg) = self.pg() {
            return pg.rebuild_pair_facts();
        }
        let tx = self
            .conn_mut()?
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let n = backfill(&tx)?;
        tx.commit()?;
        Ok(n)
    }
}
