//! Corrections: what people say about the machine's reading, kept apart from it.
//!
//! The stored extraction (`documents.extraction`) stays what the pipeline read. Every table
//! derived from it — mentions, events, roles, quotes and the indexed view tables — is written
//! from the *corrected* extraction: [`apply`] runs the document's corrections over the machine
//! output, in the order they were made, before anything is indexed. So every reader of
//! events and entities (event lists, profiles, alerts, the graph, timelines, exports through
//! [`crate::Store::document`]) sees the corrected facts without knowing corrections exist.
//!
//! Adding a correction re-derives the view rows of the documents it touches in the same
//! transaction ([`rederive`]): the rows of the old corrected reading are taken out (counts
//! subtracted, per-document rows deleted) and those of the new one written.
//!
//! An event is named by a key that survives re-reading: the document id (the first 16 hex
//! digits of the content hash), the sentence span, the trigger span and the machine's event
//! type (`<doc>@<s0>-<s1>:<t0>-<t1>:<TYPE>`), never a row id. When a newer version reads the
//! document again the key finds the event again (the same trigger, or else the one event of
//! that type in that sentence); a correction whose event is gone is reported as orphaned.
//!
//! Plain SQL only (no SQLite-only functions in the logic) so that a PostgreSQL store can keep
//! the same tables; docs/notes/corrections.md lists what a port needs.

use std::collections::{BTreeMap, BTreeSet};

use armsgraph_model::{
    AppliedCorrection, Event, EventType, Extraction, Participant, Span, TimeExpr, TimeKind,
    TimePrecision,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::{views, Result, Store, StoreError};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    doc_id TEXT,
    value TEXT,
    value_name TEXT,
    surface TEXT,
    by_whom TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT,
    withdrawn_reason TEXT
);
CREATE INDEX IF NOT EXISTS corrections_doc ON corrections(doc_id, id);
CREATE INDEX IF NOT EXISTS corrections_target ON corrections(target, id);
";

/// Creates the corrections table where it is missing (idempotent; called on every open).
pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA)?;
    // Withdrawal came after the table: older databases gain its columns (NULL: in force).
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('corrections')")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for column in ["withdrawn_by", "withdrawn_at", "withdrawn_reason"] {
        if !columns.iter().any(|c| c == column) {
            conn.execute_batch(&format!("ALTER TABLE corrections ADD COLUMN {column} TEXT"))?;
        }
    }
    Ok(())
}

/// What a correction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// The event did not happen as read: it is dropped from every view.
    Wrong,
    /// Another event type (`value`: a PLOVER label such as `ASSAULT`).
    Type,
    /// Another actor (`value`: an entity id); replaces the machine's actors.
    Actor,
    /// Another recipient (`value`: an entity id); replaces the machine's recipients.
    Recipient,
    /// Another date (`value`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    Date,
    /// A person checked the event and it stands (confidence 1).
    Confirm,
    /// Entity `target` is entity `value`: every mention and role of it moves there.
    Merge,
    /// The mentions of entity `target` written `surface` are another entity, `value`.
    Split,
    /// `value` is another name of entity `target` (found by name search).
    Alias,
}

impl CorrectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionKind::Wrong => "wrong",
            CorrectionKind::Type => "type",
            CorrectionKind::Actor => "actor",
            CorrectionKind::Recipient => "recipient",
            CorrectionKind::Date => "date",
            CorrectionKind::Confirm => "confirm",
            CorrectionKind::Merge => "merge",
            CorrectionKind::Split => "split",
            CorrectionKind::Alias => "alias",
        }
    }

    pub fn parse(s: &str) -> Option<CorrectionKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "wrong" => CorrectionKind::Wrong,
            "type" => CorrectionKind::Type,
            "actor" => CorrectionKind::Actor,
            "recipient" => CorrectionKind::Recipient,
            "date" => CorrectionKind::Date,
            "confirm" => CorrectionKind::Confirm,
            "merge" => CorrectionKind::Merge,
            "split" => CorrectionKind::Split,
            "alias" => CorrectionKind::Alias,
            _ => return None,
        })
    }

    /// Whether the correction is about one event (else about an entity, store-wide).
    pub fn is_event(self) -> bool {
        matches!(
            self,
            CorrectionKind::Wrong
                | CorrectionKind::Type
                | CorrectionKind::Actor
                | CorrectionKind::Recipient
                | CorrectionKind::Date
                | CorrectionKind::Confirm
        )
    }
}

/// A correction as a person asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCorrection {
    pub kind: CorrectionKind,
    /// An event key (or a stored event id, `<doc>:e<n>`, turned into its key) for event
    /// corrections; an entity id for merge, split and alias.
    pub target: String,
    /// The new type, entity id, date, merge target, new entity id (split) or alias.
    #[serde(default)]
    pub value: Option<String>,
    /// Split: the surface form whose mentions move to the new entity.
    #[serde(default)]
    pub surface: Option<String>,
    /// Split: the new entity's display name (default: the surface form).
    #[serde(default)]
    pub name: Option<String>,
    pub by: String,
    #[serde(default)]
    pub reason: String,
}

/// A stored correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub id: i64,
    pub kind: CorrectionKind,
    pub target: String,
    /// The event's document (event corrections).
    pub document: Option<String>,
    pub value: Option<String>,
    /// The display name of `value` when it is an entity.
    pub value_name: Option<String>,
    pub surface: Option<String>,
    pub by: String,
    pub at: String,
    pub reason: String,
    /// Taken back: the correction no longer applies anywhere, but stays listed with who
    /// withdrew it, when and why (the record of what people did is never rewritten).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
}

/// Who took a correction back, when and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub by: String,
    pub at: String,
    pub reason: String,
}

/// A stored correction with whether it still finds what it corrects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionStatus {
    #[serde(flatten)]
    pub correction: Correction,
    /// The event (or document) is no longer in the store's reading: the correction is kept
    /// and applies again should the event come back.
    pub orphaned: bool,
}

/// What adding a correction did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionOutcome {
    pub correction: Correction,
    /// Documents whose derived rows were written again.
    pub documents: usize,
}

/// The key of an event that survives re-reading (see the module doc); `None` for an event
/// without evidence.
pub fn event_key(e: &Event) -> Option<String> {
    let ev = e.evidence.first()?;
    let doc = if ev.document.is_empty() {
        e.id.split(':').next().unwrap_or_default()
    } else {
        ev.document.as_str()
    };
    Some(format!(
        "{doc}@{}-{}:{}-{}:{}",
        ev.sentence.start,
        ev.sentence.end,
        ev.trigger.start,
        ev.trigger.end,
        e.event_type.label()
    ))
}

/// An event key taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EventRef {
    pub(crate) doc: String,
    sentence: (usize, usize),
    trigger: (usize, usize),
    event_type: EventType,
}

pub(crate) fn parse_key(key: &str) -> Option<EventRef> {
    let (doc, rest) = key.trim().split_once('@')?;
    let mut parts = rest.split(':');
    let pair = |s: &str| -> Option<(usize, usize)> {
        let (a, b) = s.split_once('-')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    };
    let sentence = pair(parts.next()?)?;
    let trigger = pair(parts.next()?)?;
    let event_type = EventType::from_label(parts.next()?)?;
    if parts.next().is_some() || doc.is_empty() {
        return None;
    }
    Some(EventRef {
        doc: doc.to_string(),
        sentence,
        trigger,
        event_type,
    })
}

fn span_pair(s: &Span) -> (usize, usize) {
    (s.start, s.end)
}

/// The machine event `key` names among `events` (the machine's reading, before any
/// correction): the same trigger, else the one event of that type in that sentence.
fn find_event(events: &[Event], key: &EventRef) -> Option<usize> {
    let fits = |e: &Event| e.event_type == key.event_type && !e.evidence.is_empty();
    let exact = events.iter().position(|e| {
        fits(e)
            && span_pair(&e.evidence[0].trigger) == key.trigger
            && span_pair(&e.evidence[0].sentence) == key.sentence
    });
    if exact.is_some() {
        return exact;
    }
    let same_sentence: Vec<usize> = (0..events.len())
        .filter(|&i| fits(&events[i]) && span_pair(&events[i].evidence[0].sentence) == key.sentence)
        .collect();
    if let [only] = same_sentence.as_slice() {
        return Some(*only);
    }
    // Sentence boundaries read differently, the trigger the same.
    let same_trigger: Vec<usize> = (0..events.len())
        .filter(|&i| fits(&events[i]) && span_pair(&events[i].evidence[0].trigger) == key.trigger)
        .collect();
    match same_trigger.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as an inclusive interval with its precision.
pub fn date_interval(date: &str) -> Option<(String, String, TimePrecision)> {
    let d = date.trim();
    let parts: Vec<&str> = d.split('-').collect();
    let num = |p: &str, n: usize| -> Option<u32> {
        (p.len() == n && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let days_in = |y: u32, m: u32| -> u32 {
        match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
            _ => 28,
        }
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)?;
            Some((
                format!("{y:04}-01-01"),
                format!("{y:04}-12-31"),
                TimePrecision::Year,
            ))
        }
        [y, m] => {
            let (y, m) = (num(y, 4)?, num(m, 2)?);
            if !(1..=12).contains(&m) {
                return None;
            }
            Some((
                format!("{y:04}-{m:02}-01"),
                format!("{y:04}-{m:02}-{:02}", days_in(y, m)),
                TimePrecision::Month,
            ))
        }
        [y, m, day] => {
            let (y, m, day) = (num(y, 4)?, num(m, 2)?, num(day, 2)?);
            if !(1..=12).contains(&m) || day == 0 || day > days_in(y, m) {
                return None;
            }
            let s = format!("{y:04}-{m:02}-{day:02}");
            Some((s.clone(), s, TimePrecision::Day))
        }
        _ => None,
    }
}

/// What [`apply`] changed in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Event corrections (ids) that found their event.
    pub found: BTreeSet<i64>,
}

fn note(c: &Correction, original: Option<String>, value: Option<String>) -> AppliedCorrection {
    AppliedCorrection {
        id: c.id,
        kind: c.kind.as_str().to_string(),
        by: c.by.clone(),
        at: c.at.clone(),
        reason: c.reason.clone(),
        original,
        value,
    }
}

fn entity_list(ps: &[Participant]) -> Option<String> {
    let ids: Vec<&str> = ps.iter().map(|p| p.entity.as_str()).collect();
    (!ids.is_empty()).then(|| ids.join(", "))
}

/// Runs `corrections` (ordered by id) over one document's machine reading. Event corrections
/// of other documents are ignored; entity corrections apply wherever the entity appears.
/// Wrong events are removed; every changed event carries its [`AppliedCorrection`]s; alerts
/// recorded at ingest that rest on a changed event or a moved entity are dropped (the
/// store-wide alerts are computed again from the corrected events).
pub fn apply(ex: &mut Extraction, corrections: &[Correction]) -> Applied {
    let mut applied = Applied::default();
    if corrections.is_empty() {
        return applied;
    }
    let doc_id = ex.document.id.clone();
    // Keys are matched against the machine's reading: find every event before changing any.
    let machine = ex.events.clone();
    let mut wrong = vec![false; ex.events.len()];
    let mut changed_events: BTreeSet<String> = BTreeSet::new();
    let mut moved_entities: BTreeSet<String> = BTreeSet::new();
    for c in corrections {
        if c.kind.is_event() {
            if c.document.as_deref() != Some(doc_id.as_str()) {
                continue;
            }
            let Some(i) = parse_key(&c.target).and_then(|k| find_event(&machine, &k)) else {
                continue;
            };
            applied.found.insert(c.id);
            let e = &mut ex.events[i];
            changed_events.insert(e.id.clone());
            let entry = match c.kind {
                CorrectionKind::Wrong => {
                    wrong[i] = true;
                    note(c, Some(e.event_type.label().to_string()), None)
                }
                CorrectionKind::Type => {
                    let Some(t) = c.value.as_deref().and_then(EventType::from_label) else {
                        continue;
                    };
                    let original = e.event_type.label().to_string();
                    e.event_type = t;
                    note(c, Some(original), Some(t.label().to_string()))
                }
                CorrectionKind::Actor | CorrectionKind::Recipient => {
                    let Some(id) = c.value.clone() else { continue };
                    let who = Participant {
                        name: c.value_name.clone().unwrap_or_else(|| id.clone()),
                        entity: id.clone(),
                        span: None,
                        how: "corrected".to_string(),
                    };
                    let slot = if c.kind == CorrectionKind::Actor {
                        &mut e.actors
                    } else {
                        &mut e.recipients
                    };
                    let original = entity_list(slot);
                    *slot = vec![who];
                    note(c, original, Some(id))
                }
                CorrectionKind::Date => {
                    let Some((start, end, precision)) = c.value.as_deref().and_then(date_interval)
                    else {
                        continue;
                    };
                    let original =
                        e.time
                            .as_ref()
                            .map(|t| match (t.start.as_deref(), t.end.as_deref()) {
                                (Some(s), Some(x)) if s != x => format!("{s}/{x}"),
                                (Some(s), _) | (None, Some(s)) => s.to_string(),
                                (None, None) => t.text.clone(),
                            });
                    let span = e.time.as_ref().map(|t| t.span).unwrap_or_default();
                    e.time = Some(TimeExpr {
                        span,
                        text: c.value.clone().unwrap_or_default(),
                        kind: TimeKind::Absolute,
                        start: Some(start),
                        end: Some(end),
                        precision,
                        anchor: "correction".to_string(),
                        rule: "correction".to_string(),
                    });
                    note(c, original, c.value.clone())
                }
                CorrectionKind::Confirm => {
                    e.confidence = 1.0;
                    note(c, None, None)
                }
                _ => continue,
            };
            e.corrections.push(entry);
            continue;
        }
        match c.kind {
            CorrectionKind::Merge => {
                let (Some(into), from) = (c.value.as_deref(), c.target.as_str()) else {
                    continue;
                };
                let name = c.value_name.clone().unwrap_or_else(|| into.to_string());
                if move_entity(ex, c, from, into, &name, None, &mut changed_events) {
                    moved_entities.insert(from.to_string());
                }
            }
            CorrectionKind::Split => {
                let (Some(into), Some(surface)) = (c.value.as_deref(), c.surface.as_deref()) else {
                    continue;
                };
                let name = c.value_name.clone().unwrap_or_else(|| surface.to_string());
                if move_entity(
                    ex,
                    c,
                    &c.target,
                    into,
                    &name,
                    Some(surface),
                    &mut changed_events,
                ) {
                    moved_entities.insert(c.target.clone());
                }
            }
            _ => {}
        }
    }
    let mut i = 0;
    ex.events.retain(|_| {
        i += 1;
        !wrong[i - 1]
    });
    ex.alerts.retain(|a| {
        !a.chain
            .iter()
            .any(|l| l.event.as_ref().is_some_and(|e| changed_events.contains(e)))
            && ![&a.supplier, &a.recipient, &a.target]
                .iter()
                .any(|x| moved_entities.contains(x.as_str()))
    });
    applied
}

/// Moves entity `from` to `into` in one document: every mention (or, with `surface`, the
/// mentions written so, case aside), the event roles and quote speakers on those mentions,
/// and the actor record. Returns whether anything moved.
fn move_entity(
    ex: &mut Extraction,
    c: &Correction,
    from: &str,
    into: &str,
    name: &str,
    surface: Option<&str>,
    changed_events: &mut BTreeSet<String>,
) -> bool {
    if from == into {
        return false;
    }
    let surface_lc = surface.map(str::to_lowercase);
    let mut moved_spans: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut moved = false;
    for m in &mut ex.entities {
        if m.entity == from
            && surface_lc
                .as_deref()
                .is_none_or(|s| m.text.to_lowercase() == s)
        {
            m.entity = into.to_string();
            m.name = name.to_string();
            moved_spans.insert(span_pair(&m.span));
            moved = true;
        }
        if surface.is_none() {
            for x in &mut m.members {
                if x == from {
                    *x = into.to_string();
                }
            }
        }
    }
    // A participant moves with its mention (a split), or always (a merge).
    let takes = |p: &Participant| {
        p.entity == from
            && (surface.is_none() || p.span.is_some_and(|s| moved_spans.contains(&span_pair(&s))))
    };
    for e in &mut ex.events {
        let mut touched = false;
        for p in e
            .actors
            .iter_mut()
            .chain(e.recipients.iter_mut())
            .chain(e.locations.iter_mut())
        {
            if takes(&*p) {
                p.entity = into.to_string();
                p.name = name.to_string();
                touched = true;
            }
        }
        if touched {
            moved = true;
            changed_events.insert(e.id.clone());
            e.corrections
                .push(note(c, Some(from.to_string()), Some(into.to_string())));
        }
    }
    for q in &mut ex.quotes {
        if let Some(s) = &mut q.speaker {
            let on_moved = s
                .span
                .is_some_and(|sp| moved_spans.contains(&span_pair(&sp)));
            if s.entity.as_deref() == Some(from) && (surface.is_none() || on_moved) {
                s.entity = Some(into.to_string());
                s.name = name.to_string();
                moved = true;
            }
        }
    }
    // The actor record: renamed when no mention of `from` is left here, folded into an
    // existing record of `into`.
    let left = ex.entities.iter().any(|m| m.entity == from);
    if !left {
        if let Some(pos) = ex.actors.iter().position(|a| a.id == from) {
            let mut record = ex.actors.remove(pos);
            match ex.actors.iter_mut().find(|a| a.id == into) {
                Some(existing) => {
                    existing.roles.append(&mut record.roles);
                    for g in record.affiliations {
                        if !existing.affiliations.contains(&g) && g != into {
                            existing.affiliations.push(g);
                        }
                    }
                    existing.mentions += record.mentions;
                }
                None => {
                    record.id = into.to_string();
                    record.name = name.to_string();
                    ex.actors.insert(pos.min(ex.actors.len()), record);
                }
            }
            moved = true;
        }
        if surface.is_none() {
            for a in &mut ex.actors {
                for g in &mut a.affiliations {
                    if g == from {
                        *g = into.to_string();
                    }
                }
                a.affiliations.dedup();
            }
        }
    } else if surface.is_some() && moved && !ex.actors.iter().any(|a| a.id == into) {
        // Part of the mentions moved: the new entity needs a record of its own.
        if let Some(base) = ex.actors.iter().find(|a| a.id == from) {
            let mut record = base.clone();
            record.id = into.to_string();
            record.name = name.to_string();
            record.roles.clear();
            record.mentions = moved_spans.len();
            ex.actors.push(record);
        }
    }
    moved
}

fn correction_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Correction> {
    let kind: String = r.get(1)?;
    Ok(Correction {
        id: r.get(0)?,
        // An unknown kind (written by a newer armsgraph) applies as nothing.
        kind: CorrectionKind::parse(&kind).unwrap_or(CorrectionKind::Alias),
        target: r.get(2)?,
        document: r.get(3)?,
        value: r.get(4)?,
        value_name: r.get(5)?,
        surface: r.get(6)?,
        by: r.get(7)?,
        at: r.get(8)?,
        reason: r.get(9)?,
        withdrawn: match r.get::<_, Option<String>>(11)? {
            Some(at) => Some(Withdrawal {
                by: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                at,
                reason: r.get::<_, Option<String>>(12)?.unwrap_or_default(),
            }),
            None => None,
        },
    })
}

pub(crate) const SELECT: &str =
    "SELECT id, kind, target, doc_id, value, value_name, surface, by_whom, at, reason,
            withdrawn_by, withdrawn_at, withdrawn_reason FROM corrections";

/// The corrections in force for document `doc_id`: its event corrections and every entity
/// correction, in the order they were made; withdrawn ones left out.
pub(crate) fn for_document(conn: &Connection, doc_id: &str) -> Result<Vec<Correction>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (doc_id = ?1 OR doc_id IS NULL) AND withdrawn_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![doc_id], correction_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The machine's reading of `doc_id` as stored (no correction applied).
pub(crate) fn machine_extraction(conn: &Connection, doc_id: &str) -> Result<Option<Extraction>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT extraction FROM documents WHERE id = ?1",
            params![doc_id],
            |r| r.get_ref(0).and_then(crate::extraction_json),
        )
        .optional()?;
    json.map(|j| {
        serde_json::from_str(&j).map_err(|source| StoreError::Json {
            what: doc_id.to_string(),
            source,
        })
    })
    .transpose()
}

/// `ex` with the stored corrections for it applied (what [`crate::Store::insert`] indexes);
/// borrowed as it is when there are none (the common case: no copy on ingest).
pub(crate) fn corrected<'a>(
    conn: &Connection,
    ex: &'a Extraction,
) -> Result<std::borrow::Cow<'a, Extraction>> {
    let list = for_document(conn, &ex.document.id)?;
    if list.is_empty() {
        return Ok(std::borrow::Cow::Borrowed(ex));
    }
    let mut out = ex.clone();
    apply(&mut out, &list);
    Ok(std::borrow::Cow::Owned(out))
}

/// Tables written per document from its (corrected) reading, deleted by `doc_id` when the
/// document's rows are derived again. Every table with a `doc_id` column is either here or in
/// [`DOCUMENT_IDENTITY_TABLES`] (a test checks), so a new per-document table is not forgotten.
/// In deletion order: `entity_events` refers to `events`.
pub(crate) const DERIVED_DOCUMENT_TABLES: &[&str] = &[
    "entity_events",
    "mentions",
    "events",
    "quotes",
    "actors",
    "actor_roles",
    "actor_affiliations",
    "document_alerts",
    "entity_documents",
    "entity_lines",
    "edge_events",
];

/// Tables about the document itself (its text, copies, origins, raw bytes, reprocess runs,
/// corrections), which re-deriving leaves alone.
#[cfg(test)]
pub(crate) const DOCUMENT_IDENTITY_TABLES: &[&str] = &[
    "documents_fts",
    "document_origins",
    "lsh_bands",
    "signatures",
    "doc_anchors",
    "anchor_index",
    "corrections",
    "document_raw",
    "reprocess_progress",
    // The work queue's jobs name the document a job stored (`queue.rs`, created on first use).
    "queue_jobs",
    // Which collections a document is in (`accounts.rs`): kept when it is read again.
    "collection_documents",
];

/// Takes one document's derived rows out: per-document rows deleted, its share of the
/// running sums (entity counts and surfaces, graph edges, affiliation counts) subtracted.
/// `old` must be the reading the rows were written from.
///
/// Left as they are (documented): `entity_names` (a name another document also gives stays
/// findable), `entity_role_firsts` and `affiliation_members` (earliest-first sets) and the
/// rows of `entity_affiliation_set` (their counts are subtracted).
pub(crate) fn unindex(tx: &Connection, old: &Extraction) -> Result<()> {
    let doc_id = &old.document.id;
    tx.execute(
        "DELETE FROM event_roles WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?1)",
        params![doc_id],
    )?;
    for table in DERIVED_DOCUMENT_TABLES {
        tx.execute(
            &format!("DELETE FROM {table} WHERE doc_id = ?1"),
            params![doc_id],
        )?;
    }
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    let mut surfaces: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for m in &old.entities {
        *counts.entry(m.entity.as_str()).or_default() += 1;
        *surfaces
            .entry((m.entity.as_str(), m.text.as_str()))
            .or_default() += 1;
    }
    for (entity, n) in &counts {
        tx.execute(
            "UPDATE entity_counts SET mentions = mentions - ?2, documents = documents - 1
             WHERE entity = ?1",
            params![entity, n],
        )?;
        tx.execute(
            "DELETE FROM entity_counts WHERE entity = ?1 AND documents <= 0",
            params![entity],
        )?;
    }
    for ((entity, surface), n) in &surfaces {
        tx.execute(
            "UPDATE entity_surfaces SET mentions = mentions - ?3 WHERE entity = ?1 AND surface = ?2",
            params![entity, surface, n],
        )?;
        tx.execute(
            "DELETE FROM entity_surfaces WHERE entity = ?1 AND surface = ?2 AND mentions <= 0",
            params![entity, surface],
        )?;
    }
    for ((entity, actor, recipient, relation), (events, pairs)) in edge_sums(old) {
        tx.execute(
            "UPDATE entity_edges SET events = events - ?5, pairs = pairs - ?6
             WHERE entity = ?1 AND actor = ?2 AND recipient = ?3 AND relation = ?4",
            params![entity, actor, recipient, relation, events, pairs],
        )?;
        tx.execute(
            "DELETE FROM entity_edges
             WHERE entity = ?1 AND actor = ?2 AND recipient = ?3 AND relation = ?4 AND events <= 0",
            params![entity, actor, recipient, relation],
        )?;
    }
    let mentioned: BTreeSet<&str> = old.entities.iter().map(|m| m.entity.as_str()).collect();
    let mut ties: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for a in &old.actors {
        let here = i64::from(mentioned.contains(a.id.as_str()));
        for g in &a.affiliations {
            let n = ties.entry((a.id.as_str(), g.as_str())).or_default();
            *n = (*n).max(here);
        }
    }
    for ((entity, group), here) in ties {
        if here > 0 {
            tx.execute(
                "UPDATE entity_affiliation_set SET mentioned_docs = mentioned_docs - ?3
                 WHERE entity = ?1 AND affiliation = ?2",
                params![entity, group, here],
            )?;
        }
    }
    Ok(())
}

/// One document's graph-edge sums as `views::index_document_v3` adds them: per (entity,
/// actor, recipient, relation), distinct events and actor–recipient pairs.
pub(crate) type EdgeKey = (String, String, String, &'static str);

pub(crate) fn edge_sums(ex: &Extraction) -> BTreeMap<EdgeKey, (i64, i64)> {
    let mut edges: BTreeMap<EdgeKey, (i64, i64)> = BTreeMap::new();
    for e in &ex.events {
        let Some(relation) = views::edge_relation(e) else {
            continue;
        };
        let mut involved: Vec<&str> = views::role_entities(e)
            .into_iter()
            .map(|(_, x)| x)
            .collect();
        involved.sort_unstable();
        involved.dedup();
        let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
        for a in &e.actors {
            for r in &e.recipients {
                if a.entity == r.entity || a.entity.is_empty() || r.entity.is_empty() {
                    continue;
                }
                let first = seen.insert((a.entity.as_str(), r.entity.as_str()));
                for entity in std::iter::once("").chain(involved.iter().copied()) {
                    let slot = edges
                        .entry((
                            entity.to_string(),
                            a.entity.clone(),
                            r.entity.clone(),
                            relation,
                        ))
                        .or_default();
                    slot.1 += 1;
                    if first {
                        slot.0 += 1;
                    }
                }
            }
        }
    }
    edges
}

/// Writes one document's derived rows from its (corrected) reading, as
/// [`crate::Store::insert`] does.
pub(crate) fn index(tx: &Transaction<'_>, ex: &Extraction) -> Result<()> {
    let doc_id = &ex.document.id;
    crate::insert_mentions(tx, doc_id, &ex.entities)?;
    crate::insert_events(tx, doc_id, &ex.events)?;
    tx.execute(views::ENTITY_EVENTS_OF_DOCUMENT, params![doc_id])?;
    crate::insert_quotes(tx, doc_id, &ex.quotes)?;
    views::index_document(tx, ex)?;
    views::index_document_v3(tx, ex)?;
    Ok(())
}

/// Re-derives one document's rows: out with the reading under `before`, in with the reading
/// under `after` (both applied to the machine's stored reading `machine`).
pub(crate) fn rederive(
    tx: &Transaction<'_>,
    machine: &Extraction,
    before: &[Correction],
    after: &[Correction],
) -> Result<()> {
    let mut old = machine.clone();
    apply(&mut old, before);
    let mut new = machine.clone();
    apply(&mut new, after);
    unindex(tx, &old)?;
    index(tx, &new)
}

/// The documents whose rows a correction changes: its event's document; for a merge, every
/// document naming one of `entities` (the entity merged away, and on withdrawal also the one
/// it went into); for a split, the documents holding its surface form under one of them.
fn affected_documents(tx: &Connection, c: &Correction, entities: &[&str]) -> Result<Vec<String>> {
    let mut out = std::collections::BTreeSet::new();
    match c.kind {
        k if k.is_event() => out.extend(c.document.clone()),
        CorrectionKind::Merge => {
            let mut stmt = tx.prepare_cached(
                "SELECT doc_id FROM entity_documents WHERE entity = ?1
                 UNION SELECT doc_id FROM entity_events WHERE entity = ?1
                 UNION SELECT doc_id FROM actors WHERE entity = ?1
                 UNION SELECT doc_id FROM quotes WHERE speaker = ?1",
            )?;
            for entity in entities {
                let rows = stmt.query_map(params![entity], |r| r.get::<_, String>(0))?;
                for row in rows {
                    out.insert(row?);
                }
            }
        }
        CorrectionKind::Split => {
            let mut stmt = tx.prepare_cached(
                "SELECT DISTINCT doc_id FROM mentions WHERE entity = ?1 AND lower(surface) = ?2",
            )?;
            let surface = c.surface.as_deref().unwrap_or_default().to_lowercase();
            for entity in entities {
                let rows = stmt.query_map(params![entity, surface], |r| r.get::<_, String>(0))?;
                for row in rows {
                    out.insert(row?);
                }
            }
        }
        _ => {}
    }
    Ok(out.into_iter().collect())
}

/// `rows` (all corrections, oldest first) with whether each still finds its event in the
/// machine's reading (`machine` reads a document's), as both stores list them; with
/// `orphaned_only`, only those that do not.
pub(crate) fn with_status(
    rows: Vec<Correction>,
    orphaned_only: bool,
    mut machine: impl FnMut(&str) -> Result<Option<Extraction>>,
) -> Result<Vec<CorrectionStatus>> {
    let mut events_of: BTreeMap<String, Option<Vec<Event>>> = BTreeMap::new();
    let mut out = Vec::new();
    for c in rows {
        let orphaned = if c.kind.is_event() && c.withdrawn.is_none() {
            let doc = c.document.clone().unwrap_or_default();
            if !events_of.contains_key(&doc) {
                let events = machine(&doc)?.map(|ex| ex.events);
                events_of.insert(doc.clone(), events);
            }
            match (
                events_of.get(&doc).and_then(Option::as_ref),
                parse_key(&c.target),
            ) {
                (Some(events), Some(key)) => find_event(events, &key).is_none(),
                _ => true,
            }
        } else {
            false
        };
        if orphaned || !orphaned_only {
            out.push(CorrectionStatus {
                correction: c,
                orphaned,
            });
        }
    }
    Ok(out)
}

fn now(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ','now')", [], |r| {
            r.get(0)
        })?,
    )
}

pub(crate) fn invalid(msg: impl Into<String>) -> StoreError {
    StoreError::Correction(msg.into())
}

impl Store {
    /// The key of a stored event, from its id (`<doc>:e<n>`) or its key: what
    /// `armsgraph correct event` accepts. Read from the machine's reading, so a key names
    /// the event as the machine found it.
    pub fn event_key_of(&self, id_or_key: &str) -> Result<Option<String>> {
        let given = id_or_key.trim();
        if let Some(key) = parse_key(given) {
            return Ok(Some(format!(
                "{}@{}-{}:{}-{}:{}",
                key.doc,
                key.sentence.0,
                key.sentence.1,
                key.trigger.0,
                key.trigger.1,
                key.event_type.label()
            )));
        }
        let Some((doc, _)) = given.split_once(':') else {
            return Ok(None);
        };
        let machine = match self.pg() {
            Some(pg) => pg.machine_reading(doc)?,
            None => machine_extraction(self.conn()?, doc)?,
        };
        let Some(ex) = machine else {
            return Ok(None);
        };
        Ok(ex.events.iter().find(|e| e.id == given).and_then(event_key))
    }

    /// Records a correction and re-derives the rows of every document it touches, in one
    /// transaction (waiting for another writer like [`Store::insert`]).
    pub fn add_correction(&mut self, new: &NewCorrection) -> Result<CorrectionOutcome> {
        let new = self.checked(new)?;
        if let Some(pg) = self.pg() {
            return pg.add_correction(&new);
        }
        let conn = self.conn_mut()?;
        crate::with_retry(|| Self::add_correction_once(conn, &new))
    }

    /// Validates a correction and resolves its target to an event key.
    fn checked(&self, new: &NewCorrection) -> Result<NewCorrection> {
        let mut out = new.clone();
        out.by = new.by.trim().to_string();
        if out.by.is_empty() {
            return Err(invalid("who made the correction is required (--by)"));
        }
        let value = new
            .value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        out.value = value.map(str::to_string);
        let need_value = |what: &str| -> Result<&str> {
            value.ok_or_else(|| invalid(format!("a {} correction needs {what}", new.kind.as_str())))
        };
        if new.kind.is_event() {
            out.target = self
                .event_key_of(&new.target)?
                .ok_or_else(|| invalid(format!("no stored event {:?} (give an event id such as <doc>:e0 or its key from `armsgraph events --json`)", new.target)))?;
        } else {
            out.target = new.target.trim().to_string();
            if out.target.is_empty() {
                return Err(invalid("an entity id is required"));
            }
        }
        match new.kind {
            CorrectionKind::Type => {
                let t = need_value("an event type")?;
                let t = EventType::from_label(t).ok_or_else(|| {
                    invalid(format!(
                        "unknown event type {t:?}; one of {}",
                        EventType::ALL
                            .iter()
                            .map(|t| t.label())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
                out.value = Some(t.label().to_string());
            }
            CorrectionKind::Actor | CorrectionKind::Recipient | CorrectionKind::Merge => {
                need_value("an entity id")?;
            }
            CorrectionKind::Date => {
                let d = need_value("a date")?;
                if date_interval(d).is_none() {
                    return Err(invalid(format!(
                        "{d:?} is not a date YYYY, YYYY-MM or YYYY-MM-DD"
                    )));
                }
            }
            CorrectionKind::Split => {
                let surface = new
                    .surface
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| invalid("a split needs the surface form to move"))?;
                out.surface = Some(surface.to_string());
                if value.is_none() {
                    // A new id from the old one and the surface form.
                    let slug: String = surface
                        .to_lowercase()
                        .chars()
                        .map(|c| if c.is_alphanumeric() { c } else { '-' })
                        .collect();
                    out.value = Some(format!("{}~{}", out.target, slug.trim_matches('-')));
                }
            }
            CorrectionKind::Alias => {
                need_value("the alias")?;
            }
            CorrectionKind::Wrong | CorrectionKind::Confirm => out.value = None,
        }
        if matches!(new.kind, CorrectionKind::Merge) && out.value.as_deref() == Some(&out.target) {
            return Err(invalid("an entity cannot be merged into itself"));
        }
        Ok(out)
    }

    fn add_correction_once(
        conn: &mut Connection,
        new: &NewCorrection,
    ) -> Result<CorrectionOutcome> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let doc_id = if new.kind.is_event() {
            parse_key(&new.target).map(|k| k.doc)
        } else {
            None
        };
        // The display name of an entity the correction names, from what the store has read.
        let value_name: Option<String> = match new.kind {
            CorrectionKind::Actor | CorrectionKind::Recipient | CorrectionKind::Merge => tx
                .query_row(
                    "SELECT name FROM entity_counts WHERE entity = ?1",
                    params![new.value],
                    |r| r.get(0),
                )
                .optional()?,
            CorrectionKind::Split => new.name.clone().or_else(|| new.surface.clone()),
            _ => None,
        };
        let at = now(&tx)?;
        tx.execute(
            "INSERT INTO corrections(kind, target, doc_id, value, value_name, surface, by_whom, at, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                new.kind.as_str(),
                new.target,
                doc_id,
                new.value,
                value_name,
                new.surface,
                new.by,
                at,
                new.reason.trim()
            ],
        )?;
        let id = tx.last_insert_rowid();
        let correction = Correction {
            id,
            kind: new.kind,
            target: new.target.clone(),
            document: doc_id.clone(),
            value: new.value.clone(),
            value_name,
            surface: new.surface.clone(),
            by: new.by.clone(),
            at,
            reason: new.reason.trim().to_string(),
            withdrawn: None,
        };
        let affected = affected_documents(&tx, &correction, &[&correction.target])?;
        if new.kind == CorrectionKind::Alias {
            tx.execute(
                "INSERT OR IGNORE INTO entity_names(entity, text) VALUES (?1, ?2)",
                params![
                    new.target,
                    new.value.as_deref().unwrap_or_default().to_lowercase()
                ],
            )?;
        }
        for doc in &affected {
            let Some(machine) = machine_extraction(&tx, doc)? else {
                continue;
            };
            let after = for_document(&tx, doc)?;
            let before: Vec<Correction> = after.iter().filter(|c| c.id != id).cloned().collect();
            rederive(&tx, &machine, &before, &after)?;
        }
        if !affected.is_empty() {
            // The alert facts are running groups over every document (first links kept,
            // not per-document rows), so they are rebuilt from the re-derived events rather
            // than patched; corrections are rare next to ingests.
            crate::pair_facts::backfill(&tx)?;
        }
        tx.commit()?;
        Ok(CorrectionOutcome {
            correction,
            documents: affected.len(),
        })
    }

    /// Takes correction `id` back: it stays listed (with who, when and why it was withdrawn)
    /// but applies nowhere any more, and the rows of every document it touched are derived
    /// again without it, in one transaction. Withdrawing twice, or a correction that does not
    /// exist, is refused.
    pub fn withdraw_correction(
        &mut self,
        id: i64,
        by: &str,
        reason: &str,
    ) -> Result<CorrectionOutcome> {
        let by = by.trim();
        if by.is_empty() {
            return Err(invalid("who withdraws the correction is required (--by)"));
        }
        if let Some(pg) = self.pg() {
            return pg.withdraw_correction(id, by, reason.trim());
        }
        let conn = self.conn_mut()?;
        crate::with_retry(|| Self::withdraw_once(conn, id, by, reason.trim()))
    }

    fn withdraw_once(
        conn: &mut Connection,
        id: i64,
        by: &str,
        reason: &str,
    ) -> Result<CorrectionOutcome> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut correction = tx
            .query_row(
                &format!("{SELECT} WHERE id = ?1"),
                params![id],
                correction_row,
            )
            .optional()?
            .ok_or_else(|| invalid(format!("no correction {id} (see `armsgraph corrections`)")))?;
        if let Some(w) = &correction.withdrawn {
            return Err(invalid(format!(
                "correction {id} was already withdrawn by {} at {}",
                w.by, w.at
            )));
        }
        let at = now(&tx)?;
        // The documents are found before the correction stops applying: a merge's rows are
        // under the entity it merged into until they are derived again.
        let mut entities = vec![correction.target.as_str()];
        if let Some(v) = correction.value.as_deref() {
            if matches!(
                correction.kind,
                CorrectionKind::Merge | CorrectionKind::Split
            ) {
                entities.push(v);
            }
        }
        let affected = affected_documents(&tx, &correction, &entities)?;
        tx.execute(
            "UPDATE corrections SET withdrawn_by = ?2, withdrawn_at = ?3, withdrawn_reason = ?4
             WHERE id = ?1",
            params![id, by, at, reason],
        )?;
        if correction.kind == CorrectionKind::Alias {
            // The alias leaves name search unless a document wrote the entity that way.
            tx.execute(
                "DELETE FROM entity_names WHERE entity = ?1 AND text = ?2
                 AND NOT EXISTS (SELECT 1 FROM entity_surfaces
                                 WHERE entity = ?1 AND lower(surface) = ?2)",
                params![
                    correction.target,
                    correction
                        .value
                        .as_deref()
                        .unwrap_or_default()
                        .to_lowercase()
                ],
            )?;
        }
        for doc in &affected {
            let Some(machine) = machine_extraction(&tx, doc)? else {
                continue;
            };
            let after = for_document(&tx, doc)?;
            let mut before = after.clone();
            before.push(correction.clone());
            before.sort_by_key(|c| c.id);
            rederive(&tx, &machine, &before, &after)?;
        }
        if !affected.is_empty() {
            crate::pair_facts::backfill(&tx)?;
        }
        tx.commit()?;
        correction.withdrawn = Some(Withdrawal {
            by: by.to_string(),
            at,
            reason: reason.to_string(),
        });
        Ok(CorrectionOutcome {
            correction,
            documents: affected.len(),
        })
    }

    /// Every correction, oldest first, with whether it still finds its event; with
    /// `orphaned_only`, only those that do not.
    pub fn corrections(&self, orphaned_only: bool) -> Result<Vec<CorrectionStatus>> {
        if let Some(pg) = self.pg() {
            return pg.corrections(orphaned_only);
        }
        let mut stmt = self.conn()?.prepare(&format!("{SELECT} ORDER BY id"))?;
        let rows: Vec<Correction> = stmt
            .query_map([], correction_row)?
            .collect::<rusqlite::Result<_>>()?;
        with_status(rows, orphaned_only, |doc| {
            machine_extraction(self.conn()?, doc)
        })
    }

    /// The corrections that name entity `entity` (merges into or out of it, splits, aliases).
    pub fn entity_corrections(&self, entity: &str) -> Result<Vec<Correction>> {
        if let Some(pg) = self.pg() {
            return pg.entity_corrections(entity);
        }
        let mut stmt = self.conn()?.prepare_cached(&format!(
            "{SELECT} WHERE doc_id IS NULL AND (target = ?1 OR value = ?1)
             AND withdrawn_at IS NULL ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![entity], correction_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The names people gave `entity` (alias corrections).
    pub fn entity_aliases(&self, entity: &str) -> Result<Vec<String>> {
        Ok(self
            .entity_corrections(entity)?
            .into_iter()
            .filter(|c| c.kind == CorrectionKind::Alias && c.target == entity)
            .filter_map(|c| c.value)
            .collect())
    }

    /// The machine's reading of a document with the stored corrections applied (what every
    /// derived table holds); `Store::document` returns this.
    pub(crate) fn apply_corrections(&self, ex: &mut Extraction) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.apply_corrections(ex);
        }
        let list = for_document(self.conn()?, &ex.document.id)?;
        apply(ex, &list);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_bad_keys_are_refused() {
        let k = parse_key("0123456789abcdef@10-50:20-27:AID").expect("key");
        assert_eq!(k.sentence, (10, 50));
        assert_eq!(k.trigger, (20, 27));
        assert_eq!(k.event_type, EventType::Aid);
        for bad in [
            "",
            "@1-2:3-4:AID",
            "abc@1-2:3-4:NOPE",
            "abc@1-2:3:AID",
            "abc@1-2:3-4:AID:x",
            "abc:e0",
        ] {
            assert!(parse_key(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn dates_become_intervals() {
        assert_eq!(
            date_interval("2022").map(|d| (d.0, d.1)),
            Some(("2022-01-01".into(), "2022-12-31".into()))
        );
        assert_eq!(
            date_interval("2024-02").map(|d| d.1),
            Some("2024-02-29".into())
        );
        assert_eq!(
            date_interval("2023-02-28").map(|d| d.0),
            Some("2023-02-28".into())
        );
        for bad in ["2023-02-29", "2023-13", "22", "2023-1-01", "soon"] {
            assert!(date_interval(bad).is_none(), "{bad}");
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    /// Every table with a `doc_id` column is either re-derived per document or belongs to the
    /// document's identity: a table added later (another engineer's per-document facts) makes
    /// this fail until it is placed in one of the two lists, so corrections and re-reading
    /// cannot silently leave its rows stale.
    #[test]
    fn every_per_document_table_is_classified() {
        let store = Store::open_in_memory().expect("store");
        let conn = store.connection();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .expect("tables");
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("names");
        let mut unclassified = Vec::new();
        for t in &tables {
            // FTS5 shadow tables are the index's own.
            if t.starts_with("documents_fts_") {
                continue;
            }
            let mut cols = conn
                .prepare(&format!("PRAGMA table_info({t})"))
                .expect("columns");
            let has_doc: bool = cols
                .query_map([], |r| r.get::<_, String>(1))
                .expect("rows")
                .any(|c| c.is_ok_and(|c| c == "doc_id"));
            if has_doc
                && !DERIVED_DOCUMENT_TABLES.contains(&t.as_str())
                && !DOCUMENT_IDENTITY_TABLES.contains(&t.as_str())
            {
                unclassified.push(t.clone());
            }
        }
        assert!(
            unclassified.is_empty(),
            "tables with doc_id that corrections::unindex does not know: {unclassified:?}"
        );
        // The re-derived ones must exist (a misspelt name would skip a table's rows).
        for t in DERIVED_DOCUMENT_TABLES {
            assert!(tables.iter().any(|x| x == t), "no table {t}");
        }
    }
}
