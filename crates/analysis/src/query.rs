//! The questions analysts ask of the store: which events (merged across documents), who is
//! this entity (profile), what happened between two actors (timeline).

use armsgraph_kb::reference::{Interval, Obligation, ReferenceData};
use armsgraph_kb::Kb;
use armsgraph_model::{Event, EventType, Evidence};
use armsgraph_store::{EventFilter, Store};
use serde::{Deserialize, Serialize};

use crate::alerts::{describe_conflict, describe_register_transfer, event_interval, SourcedEvent};
use crate::Result;

/// A stored event with its document's metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub document: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub cluster_id: Option<String>,
    pub event: Event,
}

impl EventRecord {
    pub fn as_sourced(&self) -> SourcedEvent<'_> {
        SourcedEvent {
            document: &self.document,
            url: self.url.as_deref(),
            published: self.published.as_deref(),
            event: &self.event,
        }
    }
    pub fn interval(&self) -> Interval {
        event_interval(&self.event, self.published.as_deref())
    }
}

/// Stored events matching `filter`, with document metadata (read in the same query).
pub fn stored_events(store: &Store, filter: &EventFilter) -> Result<Vec<EventRecord>> {
    Ok(records(store.events_with_sources(filter)?))
}

fn records(
    rows: Vec<(armsgraph_store::StoredEvent, armsgraph_store::EventSource)>,
) -> Vec<EventRecord> {
    rows.into_iter()
        .map(|(s, source)| EventRecord {
            document: s.document,
            url: source.url,
            published: source.published,
            cluster_id: s.cluster_id,
            event: s.event,
        })
        .collect()
}

/// Stored events that can be alert facts (arms transfers and fights that are not denied,
/// hypothetical or future), found through the store's indexed columns; the alert rule
/// still decides on each.
pub fn alert_candidates(store: &Store) -> Result<Vec<EventRecord>> {
    let types = [EventType::Aid, EventType::Assault, EventType::Coerce].map(|t| t.label());
    let skip = ["denied", "hypothetical", "future"];
    Ok(records(store.alert_candidates(&types, &skip)?))
}

/// Every stored event with document metadata.
pub fn stored_events_with_meta(store: &Store) -> Result<Vec<EventRecord>> {
    stored_events(store, &EventFilter::default())
}

/// One report of a merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventReport {
    pub document: String,
    pub event: String,
    pub url: Option<String>,
    pub evidence: Option<Evidence>,
    /// The key that names the event across re-readings (`armsgraph correct event KEY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// People's corrections applied to this report's event, with the machine's values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<armsgraph_model::AppliedCorrection>,
}

/// Events that several documents report as the same happening, merged: same type, same
/// actors and recipients, overlapping times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEvent {
    pub event_type: EventType,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub time: Interval,
    pub summary: String,
    /// Distinct sources: copy clusters count once.
    pub source_count: usize,
    pub confidence: f32,
    pub reports: Vec<EventReport>,
}

/// Filters for [`events`]: the store's filter plus a minimum number of distinct sources.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub filter: EventFilter,
    pub min_sources: usize,
}

fn entity_ids(ps: &[armsgraph_model::Participant]) -> Vec<String> {
    let mut ids: Vec<String> = ps
        .iter()
        .map(|p| p.entity.clone())
        .filter(|e| !e.is_empty())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Merge events across documents with the event stage's rule
/// ([`armsgraph_events::merge_across_documents`]: same type and mode, overlapping actors and
/// recipients, compatible times). Copies of one story (same copy cluster) count as one
/// source. Each merged event lists the stored reports its evidence came from.
pub fn merge_events(records: &[EventRecord]) -> Vec<MergedEvent> {
    let input: Vec<(Event, String)> = records
        .iter()
        .map(|r| {
            let source = r.cluster_id.clone().unwrap_or_else(|| r.document.clone());
            (r.event.clone(), source)
        })
        .collect();
    armsgraph_events::merge_across_documents(input)
        .into_iter()
        .map(|e| {
            let mut reports: Vec<EventReport> = Vec::new();
            let mut published: Option<String> = None;
            for r in records {
                let ev = r.event.evidence.iter().find(|ev| e.evidence.contains(ev));
                let same = ev.is_some() || (r.event.evidence.is_empty() && r.event.id == e.id);
                if !same || reports.iter().any(|x| x.event == r.event.id) {
                    continue;
                }
                published = published.max(r.published.clone());
                reports.push(EventReport {
                    document: r.document.clone(),
                    event: r.event.id.clone(),
                    url: r.url.clone(),
                    evidence: ev.cloned(),
                    key: armsgraph_store::corrections::event_key(&r.event),
                    corrections: r.event.corrections.clone(),
                });
            }
            MergedEvent {
                event_type: e.event_type,
                actors: entity_ids(&e.actors),
                recipients: entity_ids(&e.recipients),
                time: event_interval(&e, published.as_deref()),
                summary: e.summary.clone(),
                source_count: e.source_count.max(1),
                confidence: e.confidence,
                reports,
            }
        })
        .collect()
}

/// Events matching the query, merged across documents.
pub fn events(store: &Store, q: &EventQuery) -> Result<Vec<MergedEvent>> {
    let records = stored_events(store, &q.filter)?;
    Ok(merge_events(&records)
        .into_iter()
        .filter(|m| m.source_count >= q.min_sources.max(1))
        .collect())
}

/// A transfer, conflict or membership line of a profile or timeline, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactLine {
    /// The other party (supplier, recipient, opponent, organisation).
    pub counterpart: String,
    pub when: Interval,
    pub statement: String,
    /// `document:<id>` or `reference:<dataset>:<row>`.
    pub source: String,
    pub evidence: Option<Evidence>,
    pub event: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub document: String,
    pub quote: String,
    pub speaker: Option<String>,
    pub text: String,
    pub span: armsgraph_model::Span,
}

/// Everything known about one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    /// Surface forms seen in documents, with counts, most frequent first.
    pub surfaces: Vec<(String, usize)>,
    pub documents: usize,
    pub memberships: Vec<FactLine>,
    /// Defence allies today (per the reference data).
    pub allies: Vec<FactLine>,
    pub suppliers: Vec<FactLine>,
    pub recipients: Vec<FactLine>,
    pub conflicts: Vec<FactLine>,
    pub quotes_by: Vec<QuoteLine>,
    pub quotes_about: Vec<QuoteLine>,
    /// Names the knowledge base knows, as `text (lang)`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For an organisation: its member states over time.
    #[serde(default)]
    pub members: Vec<FactLine>,
    /// Roles the documents give the entity (`military analyst, Regional Center …, Yerevan`),
    /// with the document.
    #[serde(default)]
    pub roles: Vec<(String, String)>,
    /// Lines of each list before a limit ([`profile_limited`]): documents and registers.
    #[serde(default)]
    pub suppliers_total: usize,
    #[serde(default)]
    pub recipients_total: usize,
    #[serde(default)]
    pub conflicts_total: usize,
}

/// Find an entity id for what a user typed: an id, a name or alias seen in documents, or a
/// name the knowledge base knows.
pub fn resolve_entity(
    store: &Store,
    kb: Option<&Kb>,
    query: &str,
) -> Result<Option<(String, String)>> {
    let q = query.trim();
    if q.is_empty() {
        return Ok(None);
    }
    if let Some(kb) = kb {
        if let Some(e) = kb.entity(q) {
            return Ok(Some((e.id.clone(), e.name.clone())));
        }
    }
    let hits = store.search_entities(q, 20)?;
    if let Some(h) = hits
        .iter()
        .find(|h| h.id.eq_ignore_ascii_case(q) || h.name.eq_ignore_ascii_case(q))
    {
        return Ok(Some((h.id.clone(), h.name.clone())));
    }
    if let Some(kb) = kb {
        if let Some(e) = kb.lookup(q, None).first() {
            return Ok(Some((e.id.clone(), e.name.clone())));
        }
    }
    Ok(hits.first().map(|h| (h.id.clone(), h.name.clone())))
}

fn doc_line(r: &EventRecord, counterpart: &str) -> FactLine {
    FactLine {
        counterpart: counterpart.to_string(),
        when: r.interval(),
        statement: if r.event.summary.is_empty() {
            r.event.event_type.label().to_string()
        } else {
            r.event.summary.clone()
        },
        source: format!("document:{}", r.document),
        evidence: r.event.evidence.first().cloned().map(|mut e| {
            if e.url.is_none() {
                e.url = r.url.clone();
            }
            e
        }),
        event: Some(r.event.id.clone()),
    }
}

fn sort_lines(lines: &mut [FactLine]) {
    lines.sort_by(|a, b| {
        a.when
            .start
            .cmp(&b.when.start)
            .then_with(|| a.counterpart.cmp(&b.counterpart))
            .then_with(|| a.source.cmp(&b.source))
    });
}

/// Build the profile of `id` from documents and reference data. `today` (ISO date) picks
/// the alliances listed as current.
pub fn profile(
    store: &Store,
    refs: &ReferenceData,
    kb: Option<&Kb>,
    id: &str,
    today: &str,
) -> Result<Profile> {
    profile_limited(store, refs, kb, id, today, usize::MAX / 2)
}

/// [`profile`] with at most `limit` lines in each list (suppliers, recipients, conflicts,
/// quotes by and about): the first ones in the profile's order, read from the store's
/// indexed tables, so a page costs what it shows however many reports there are. The
/// `*_total` fields count every line.
pub fn profile_limited(
    store: &Store,
    refs: &ReferenceData,
    kb: Option<&Kb>,
    id: &str,
    today: &str,
    limit: usize,
) -> Result<Profile> {
    let mut p = Profile {
        id: id.to_string(),
        name: kb.and_then(|k| k.name(id)).unwrap_or(id).to_string(),
        kind: kb
            .and_then(|k| k.kind(id))
            .map(|k| armsgraph_kb::entities::kind_label(k).to_string()),
        ..Profile::default()
    };
    // Counted by the store's indexes: the profile never reads every mention.
    p.documents = store.entity_counts(id)?.1 as usize;
    p.surfaces = store
        .entity_surfaces(id)?
        .into_iter()
        .map(|(s, n)| (s, n as usize))
        .collect();
    if p.name == id {
        if let Some(name) = store.entity_mention_name(id)? {
            p.name = name;
        }
    }

    // Names people gave the entity (alias corrections) first.
    for alias in store.entity_aliases(id)? {
        let alias = format!("{alias} (alias)");
        if !p.aliases.contains(&alias) {
            p.aliases.push(alias);
        }
    }
    if let Some(kb) = kb {
        for n in kb.names_of(id, None) {
            let alias = format!("{} ({})", n.text, n.lang);
            if !p.aliases.contains(&alias) {
                p.aliases.push(alias);
            }
        }
    }
    for m in refs.memberships.iter().filter(|m| m.org == id) {
        p.members.push(FactLine {
            counterpart: m.member.clone(),
            when: armsgraph_kb::reference::spell(m),
            statement: format!("{} member of {}", m.member, m.org),
            source: m.provenance.source(),
            evidence: None,
            event: None,
        });
    }
    for m in refs.memberships_of(id) {
        p.memberships.push(FactLine {
            counterpart: m.org.clone(),
            when: armsgraph_kb::reference::spell(m),
            statement: format!(
                "member of {}{}",
                refs.organisation(&m.org)
                    .map(|o| o.name.as_str())
                    .unwrap_or(&m.org),
                if m.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", m.note)
                }
            ),
            source: m.provenance.source(),
            evidence: None,
            event: None,
        });
    }
    for ally in refs.allies_during(id, &Interval::of_date(today), Obligation::Defence) {
        p.allies.push(FactLine {
            counterpart: ally.ally.clone(),
            when: ally.during.clone(),
            statement: format!("defence ally via {}", ally.via),
            source: ally
                .provenance
                .iter()
                .map(|x| x.source())
                .collect::<Vec<_>>()
                .join(" + "),
            evidence: None,
            event: None,
        });
    }

    // The store keeps each event's lines per involved entity (`entity_lines`, the rule of
    // `armsgraph_store::profile_lines`) in this order: the first `limit` of each list are
    // the first `limit` rows, whatever the entity's event count.
    let mut totals = [0usize; 3];
    let mut shown = [0usize; 3];
    for (n, (kind, lines)) in [
        ("supplier", &mut p.suppliers),
        ("recipient", &mut p.recipients),
        ("conflict", &mut p.conflicts),
    ]
    .into_iter()
    .enumerate()
    {
        let (rows, total) = store.profile_lines(id, kind, limit)?;
        totals[n] = total;
        shown[n] = rows.len();
        for (counterpart, stored, source) in rows {
            let r = EventRecord {
                document: stored.document,
                url: source.url,
                published: source.published,
                cluster_id: stored.cluster_id,
                event: stored.event,
            };
            lines.push(doc_line(&r, &counterpart));
        }
    }
    for t in &refs.transfers {
        let line = |counterpart: &str| FactLine {
            counterpart: counterpart.to_string(),
            when: t.interval(),
            statement: describe_register_transfer(t),
            source: t.provenance.source(),
            evidence: None,
            event: None,
        };
        if t.recipient == id {
            p.suppliers.push(line(&t.supplier));
        }
        if t.supplier == id {
            p.recipients.push(line(&t.recipient));
        }
    }
    for c in refs.conflicts_of(id, None) {
        p.conflicts.push(FactLine {
            counterpart: c.opponent_of(id).unwrap_or_default().to_string(),
            when: c.interval(),
            statement: describe_conflict(c),
            source: c.provenance.source(),
            evidence: None,
            event: None,
        });
    }
    // Register lines are all read (the reference data is in memory); documents' lines are
    // counted by the store.
    p.suppliers_total = totals[0] + p.suppliers.len() - shown[0];
    p.recipients_total = totals[1] + p.recipients.len() - shown[1];
    p.conflicts_total = totals[2] + p.conflicts.len() - shown[2];
    for lines in [
        &mut p.suppliers,
        &mut p.recipients,
        &mut p.conflicts,
        &mut p.memberships,
        &mut p.members,
    ] {
        sort_lines(lines);
        lines.truncate(limit);
    }

    // Quotes by the entity, read in pages until `limit` distinct messages are listed.
    let page = limit.clamp(1, 1_000);
    let mut offset = 0;
    'quotes: loop {
        let batch = store.quotes_from(Some(id), page, offset)?;
        let read = batch.len();
        offset += read;
        for q in batch {
            // The same message read twice (e.g. by two quote rules) is listed once.
            if p.quotes_by
                .iter()
                .any(|x| x.document == q.document && x.span == q.quote.message)
            {
                continue;
            }
            if p.quotes_by.len() >= limit {
                break 'quotes;
            }
            p.quotes_by.push(QuoteLine {
                document: q.document.clone(),
                quote: q.quote.id.clone(),
                speaker: q.quote.speaker.as_ref().map(|s| s.name.clone()),
                text: q.quote.message_text.clone(),
                span: q.quote.message,
            });
        }
        if read < page {
            break;
        }
    }
    for (role, doc) in store.entity_roles(id)? {
        let text = [
            Some(role.title_en.clone().unwrap_or_else(|| role.title.clone())),
            role.organisation.clone(),
            role.place.clone(),
        ]
        .into_iter()
        .flatten()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        if !text.is_empty() && !p.roles.iter().any(|(t, _)| *t == text) {
            p.roles.push((text, doc));
        }
    }
    // Quotes about the entity: a mention of it lies inside the quoted message (found by the
    // store from the quotes' message spans and the mentions' positions).
    // Read with room for repeats and quotes already listed as the entity's own.
    for q in store.quotes_mentioning(id, limit.saturating_mul(4).min(2_000))? {
        if p.quotes_about.len() >= limit {
            break;
        }
        let doc = q.document.as_str();
        let q = &q.quote;
        let listed = |x: &QuoteLine| x.document == doc && (x.quote == q.id || x.span == q.message);
        if p.quotes_by.iter().chain(&p.quotes_about).any(listed) {
            continue;
        }
        p.quotes_about.push(QuoteLine {
            document: doc.to_string(),
            quote: q.id.clone(),
            speaker: q.speaker.as_ref().map(|s| s.name.clone()),
            text: q.message_text.clone(),
            span: q.message,
        });
    }
    Ok(p)
}

/// One dated entry of a timeline between two actors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub when: Interval,
    /// `event` (from a document), `transfer`, `conflict`, `alliance`.
    pub kind: String,
    pub event_type: Option<EventType>,
    pub statement: String,
    pub source: String,
    pub evidence: Option<Evidence>,
    pub event: Option<String>,
}

/// Everything involving both `a` and `b`, ordered by time (undated entries last).
pub fn timeline(
    store: &Store,
    refs: &ReferenceData,
    a: &str,
    b: &str,
) -> Result<Vec<TimelineEntry>> {
    let mut out = Vec::new();
    let records = stored_events(
        store,
        &EventFilter {
            involving: Some(a.to_string()),
            ..EventFilter::default()
        },
    )?;
    for r in &records {
        let e = &r.event;
        let involves = |id: &str| {
            e.actors
                .iter()
                .chain(&e.recipients)
                .chain(&e.locations)
                .any(|p| p.entity == id)
        };
        if !involves(b) {
            continue;
        }
        let line = doc_line(r, b);
        out.push(TimelineEntry {
            when: line.when,
            kind: "event".into(),
            event_type: Some(e.event_type),
            statement: line.statement,
            source: line.source,
            evidence: line.evidence,
            event: line.event,
        });
    }
    for t in refs
        .transfers
        .iter()
        .filter(|t| (t.supplier == a && t.recipient == b) || (t.supplier == b && t.recipient == a))
    {
        out.push(TimelineEntry {
            when: t.interval(),
            kind: "transfer".into(),
            event_type: None,
            statement: describe_register_transfer(t),
            source: t.provenance.source(),
            evidence: None,
            event: None,
        });
    }
    for c in refs.conflicts_of(a, Some(b)) {
        out.push(TimelineEntry {
            when: c.interval(),
            kind: "conflict".into(),
            event_type: None,
            statement: describe_conflict(c),
            source: c.provenance.source(),
            evidence: None,
            event: None,
        });
    }
    for ob in [Obligation::Defence, Obligation::Consultation] {
        for ally in refs.alliances_between(a, b, &Interval::always(), ob) {
            out.push(TimelineEntry {
                when: ally.during.clone(),
                kind: "alliance".into(),
                event_type: None,
                statement: format!("{a} and {b} allied via {} ({})", ally.via, ob.label()),
                source: ally
                    .provenance
                    .iter()
                    .map(|x| x.source())
                    .collect::<Vec<_>>()
                    .join(" + "),
                evidence: None,
                event: None,
            });
        }
    }
    out.sort_by(|x, y| {
        let key = |t: &TimelineEntry| {
            t.when
                .start
                .clone()
                .or_else(|| t.when.end.clone())
                .unwrap_or_else(|| "9999".into())
        };
        key(x).cmp(&key(y)).then_with(|| x.source.cmp(&y.source))
    });
    Ok(out)
}
