//! What the pages and the API show, computed from the store: search results, entity profiles,
//! the actor graph, the timeline, alerts. Plain functions over a [`Store`], shared by the JSON
//! API and the HTML pages so both always show the same thing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use armsgraph_kb::reference::{spell, Interval, ReferenceData};
use armsgraph_kb::{DataFiles, Kb};
use armsgraph_model::{Alert, EntityKind, Event, EventType, Role};
use armsgraph_store::{DocumentSummary, EventFilter, Store, StoreError, StoredEvent, StoredQuote};
use serde::{Deserialize, Serialize};

/// Most events, quotes and lines of each list an entity page shows (the first in order).
const MAX_PROFILE_ITEMS: usize = 200;

/// Most documents an entity page lists (those with the most mentions first); the count of
/// all of them is in the profile's analysis.
const MAX_LISTED_DOCUMENTS: usize = 500;

/// Newest documents whose recorded alerts (set at ingest, if any stage does) are merged into
/// the store-wide alerts. Reading every extraction is linear in the store, so it is capped;
/// the store-wide rule itself covers all documents.
const SCAN_LIMIT: usize = 1_000;

pub use armsgraph_analysis::search::SearchResults;

/// Full-text search over documents (widened by the entities its words name) and a name search
/// over entities. A query the search language cannot read is a bad request that says why.
pub fn search(
    store: &Store,
    kb: Option<&Kb>,
    query: &str,
    limit: usize,
) -> Result<SearchResults, crate::error::AppError> {
    use armsgraph_analysis::AnalysisError;
    armsgraph_analysis::search::search(store, kb, query, limit).map_err(|e| match e {
        AnalysisError::Store(StoreError::Query(q)) => {
            crate::error::AppError::BadRequest(format!("search: {q}"))
        }
        AnalysisError::Store(s) => crate::error::AppError::Store(s),
        other => crate::error::AppError::Internal(other.to_string()),
    })
}

/// Search results as a reader with `scope` may see them (accounts mode): documents of
/// collections they may not read are dropped, and so are the entity hits and names, whose
/// counts are store-wide (docs/notes/accounts.md). Unchanged for [`ReadScope::All`].
pub fn restrict_search(
    store: &Store,
    scope: &armsgraph_store::accounts::ReadScope,
    results: &mut SearchResults,
) -> Result<(), crate::error::AppError> {
    if matches!(scope, armsgraph_store::accounts::ReadScope::All) {
        return Ok(());
    }
    crate::api::retain_readable(store, scope, &mut results.documents, |h| &h.id)?;
    results.entities.clear();
    results.named.clear();
    Ok(())
}

/// A surface form an entity was written as, and how often.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alias {
    pub text: String,
    pub count: usize,
}

/// A name of the entity in the knowledge base.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KnownName {
    pub lang: String,
    pub form: String,
    pub text: String,
}

/// Another actor on the far side of this entity's events, with those events.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Counterpart {
    pub id: String,
    pub name: String,
    pub events: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentRef {
    pub id: String,
    pub title: Option<String>,
    pub mentions: usize,
}

/// Everything the store (and the knowledge base) knows about one entity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntityProfile {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Known to the knowledge base (false: found from context only).
    pub known: bool,
    /// Knowledge-base note, country and category, when known.
    pub note: Option<String>,
    pub country: Option<String>,
    pub category: Option<String>,
    pub mentions: usize,
    pub documents: Vec<DocumentRef>,
    /// Surface forms in the documents, most frequent first.
    pub aliases: Vec<Alias>,
    pub known_names: Vec<KnownName>,
    /// Roles documents give the entity (people).
    pub roles: Vec<Role>,
    /// States or organisations the entity belongs to, by id.
    pub memberships: Vec<Counterpart>,
    /// Entities that documents say belong to this one.
    pub members: Vec<Counterpart>,
    /// Who armed or aided this entity (AID events with it as recipient).
    pub suppliers: Vec<Counterpart>,
    /// Whom this entity armed or aided.
    pub recipients: Vec<Counterpart>,
    pub events: Vec<StoredEvent>,
    /// What the entity said.
    pub quotes: Vec<StoredQuote>,
    /// The analysis profile: reference memberships, defence allies, suppliers, recipients and
    /// conflicts from documents and registers, each line with its source.
    pub analysis: Option<armsgraph_analysis::Profile>,
    /// Why [`EntityProfile::analysis`] is missing, when it failed.
    pub analysis_error: Option<String>,
    /// Display names of every other entity the profile refers to, by id.
    pub names: BTreeMap<String, String>,
}

/// The profile of one entity, or `None` when neither the store nor the knowledge base has it.
pub fn entity_profile(
    store: &Store,
    kb: Option<&Kb>,
    refs: std::result::Result<&ReferenceData, String>,
    id: &str,
) -> Result<Option<EntityProfile>, StoreError> {
    // Everything below is read from the store's indexed view tables (mentions, actors,
    // affiliations, roles): the page never parses a stored extraction.
    let (mention_count, _) = store.entity_counts(id)?;
    let kb_entity = kb.and_then(|k| k.entity(id));
    if mention_count == 0 && kb_entity.is_none() {
        return Ok(None);
    }
    let aliases: Vec<Alias> = store
        .entity_surfaces(id)?
        .into_iter()
        .map(|(text, count)| Alias {
            text,
            count: count as usize,
        })
        .collect();

    let (name, kind) = match (kb_entity, store.entity_first_mention(id)?) {
        (Some(e), _) => (e.name.clone(), e.kind),
        (None, Some((name, kind))) => (name, kind),
        (None, None) => (id.to_string(), EntityKind::default()),
    };

    // Roles, affiliations and members come from the actor records of the documents that
    // mention the entity (a member named where its state is not is missed).
    let roles: Vec<Role> = store
        .entity_roles(id)?
        .into_iter()
        .map(|(role, _)| role)
        .collect();
    let affiliations: BTreeSet<String> = store.entity_affiliations(id)?.into_iter().collect();
    let member_names: BTreeMap<String, String> = store.entity_members(id)?.into_iter().collect();
    let documents: Vec<DocumentRef> = store
        .entity_documents(id, MAX_LISTED_DOCUMENTS)?
        .into_iter()
        .map(|d| DocumentRef {
            id: d.id,
            title: d.title,
            mentions: d.mentions as usize,
        })
        .collect();
    let mut names: HashMap<String, String> = HashMap::new();

    let mut events = store.events(&EventFilter {
        involving: Some(id.to_string()),
        limit: Some(MAX_PROFILE_ITEMS),
        ..Default::default()
    })?;
    sort_by_time(&mut events);
    for e in &events {
        for p in e.event.actors.iter().chain(&e.event.recipients) {
            names
                .entry(p.entity.clone())
                .or_insert_with(|| p.name.clone());
        }
    }
    // An actor record's name (in a document mentioning the entity) comes before an event
    // participant's; both only for the ids the page shows.
    let display = |other: &str| -> String {
        kb.and_then(|k| k.name(other))
            .map(str::to_string)
            .or_else(|| store.actor_name_near(id, other).ok().flatten())
            .or_else(|| names.get(other).cloned())
            .unwrap_or_else(|| other.to_string())
    };
    let mut suppliers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut recipients: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in events
        .iter()
        .filter(|e| e.event.event_type == EventType::Aid)
    {
        let is_actor = e.event.actors.iter().any(|p| p.entity == id);
        let is_recipient = e.event.recipients.iter().any(|p| p.entity == id);
        if is_recipient {
            for p in e.event.actors.iter().filter(|p| p.entity != id) {
                suppliers
                    .entry(p.entity.clone())
                    .or_default()
                    .push(e.event.id.clone());
            }
        }
        if is_actor {
            for p in e.event.recipients.iter().filter(|p| p.entity != id) {
                recipients
                    .entry(p.entity.clone())
                    .or_default()
                    .push(e.event.id.clone());
            }
        }
    }
    let counterparts = |map: BTreeMap<String, Vec<String>>| -> Vec<Counterpart> {
        map.into_iter()
            .map(|(other, events)| Counterpart {
                name: display(&other),
                id: other,
                events,
            })
            .collect()
    };

    let members: Vec<Counterpart> = member_names
        .into_iter()
        .map(|(other, name)| Counterpart {
            id: other,
            name,
            events: Vec::new(),
        })
        .collect();

    let known_names = kb
        .map(|k| {
            k.names_of(id, None)
                .into_iter()
                .map(|n| KnownName {
                    lang: n.lang.clone(),
                    form: n.form.label().to_string(),
                    text: n.text.clone(),
                })
                .collect()
        })
        .unwrap_or_default();

    let memberships = affiliations
        .into_iter()
        .map(|a| Counterpart {
            name: display(&a),
            id: a,
            events: Vec::new(),
        })
        .collect();
    let quotes = store.quotes(Some(id), MAX_PROFILE_ITEMS)?;
    // The reference side (memberships, registers, conflict data) belongs to the analysis
    // crate; a failure there still leaves the document side of the profile to show.
    let (analysis, analysis_error) = match refs.and_then(|refs| {
        // Lines are one per report; a page shows the first ones of each list, and the
        // analysis reads only those.
        armsgraph_analysis::query::profile_limited(store, refs, kb, id, &today(), MAX_PROFILE_ITEMS)
            .map_err(|e| e.to_string())
    }) {
        Ok(p) => (Some(p), None),
        Err(e) => (None, Some(e)),
    };
    let mut referred: BTreeSet<String> = BTreeSet::new();
    if let Some(a) = &analysis {
        for lines in [
            &a.memberships,
            &a.allies,
            &a.suppliers,
            &a.recipients,
            &a.conflicts,
        ] {
            referred.extend(lines.iter().map(|l| l.counterpart.clone()));
        }
    }
    for role in &roles {
        referred.extend(role.affiliation.clone());
    }
    referred.extend(kb_entity.and_then(|e| e.country.clone()));
    let names: BTreeMap<String, String> = referred
        .into_iter()
        .map(|other| {
            let name = display(&other);
            (other, name)
        })
        .collect();
    Ok(Some(EntityProfile {
        id: id.to_string(),
        name,
        kind,
        known: kb_entity.is_some(),
        note: kb_entity.map(|e| e.note.clone()).filter(|n| !n.is_empty()),
        country: kb_entity.and_then(|e| e.country.clone()),
        category: kb_entity.and_then(|e| e.category.clone()),
        mentions: mention_count as usize,
        documents,
        aliases,
        known_names,
        roles,
        memberships,
        members,
        suppliers: counterparts(suppliers),
        recipients: counterparts(recipients),
        events,
        quotes,
        analysis,
        analysis_error,
        names,
    }))
}

/// Today's date (UTC) as `YYYY-MM-DD`, for "allies today".
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The kind of tie a graph edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// AID with materiel, or any AID in a military context.
    ArmsTransfer,
    /// ASSAULT, COERCE, THREATEN, MOBILIZE.
    Conflict,
    /// ACCUSE, REJECT, PROTEST, SANCTION.
    Dispute,
    /// AGREE, CONSULT, SUPPORT, COOPERATE, CONCEDE, RETREAT, REQUEST, other AID.
    Cooperation,
    /// Membership of a state or person in an alliance or state (from actor affiliations).
    Alliance,
}

impl Relation {
    pub const ALL: [Relation; 5] = [
        Relation::ArmsTransfer,
        Relation::Conflict,
        Relation::Dispute,
        Relation::Cooperation,
        Relation::Alliance,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Relation::ArmsTransfer => "arms_transfer",
            Relation::Conflict => "conflict",
            Relation::Dispute => "dispute",
            Relation::Cooperation => "cooperation",
            Relation::Alliance => "alliance",
        }
    }

    pub fn from_label(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.label() == s.trim())
    }

    /// The relation an event expresses between its actors and recipients, if any.
    pub fn of_event(event: &Event) -> Option<Relation> {
        match event.event_type {
            EventType::Aid => {
                let military =
                    event.arms.is_some() || event.context.iter().any(|c| c == "military");
                Some(if military {
                    Relation::ArmsTransfer
                } else {
                    Relation::Cooperation
                })
            }
            EventType::Assault | EventType::Coerce | EventType::Threaten | EventType::Mobilize => {
                Some(Relation::Conflict)
            }
            EventType::Accuse | EventType::Reject | EventType::Protest | EventType::Sanction => {
                Some(Relation::Dispute)
            }
            EventType::Agree
            | EventType::Consult
            | EventType::Support
            | EventType::Cooperate
            | EventType::Concede
            | EventType::Retreat
            | EventType::Request => Some(Relation::Cooperation),
            EventType::Displacement | EventType::NoComment => None,
        }
    }
}

/// Filters of the graph view; empty fields do not filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GraphFilter {
    /// ISO dates; events overlapping `[from, to]` (undated events are kept).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Relations to show; empty shows all.
    pub relations: Vec<Relation>,
    /// Only edges touching this entity.
    pub entity: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphNode {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Number of edges' events touching it.
    pub weight: usize,
}

/// One event behind an edge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EdgeEvidence {
    /// The event behind the edge; `None` for a reference fact (membership).
    pub event: Option<String>,
    pub event_type: Option<EventType>,
    /// `document:<id>` or `reference:<dataset>:<row>`.
    pub source: String,
    pub summary: String,
    pub time: Option<String>,
    /// The sentence the event was read from (empty for reference facts).
    pub sentence: String,
    /// Link to the document with the evidence highlighted, for document facts.
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphEdge {
    pub id: String,
    pub source: String,
    pub target: String,
    pub relation: Relation,
    /// The evidence shown: at most [`MAX_EDGE_EVIDENCE`] items, the first in document order.
    pub evidence: Vec<EdgeEvidence>,
    /// How many events stand behind the edge (more than `evidence` holds on a large store).
    #[serde(default)]
    pub evidence_total: usize,
}

/// Most evidence items one graph edge carries: an edge read from thousands of reports shows
/// the first hundred and their count, so the graph costs what it shows.
pub const MAX_EDGE_EVIDENCE: usize = 100;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// The entity the graph was limited to, when it was.
    pub focus: Option<String>,
}

/// The actor graph: one edge per (source, target, relation), carrying every event behind it.
/// Actors are states, organisations and people; places and weapons are left out.
pub fn graph(
    store: &Store,
    refs: Option<&ReferenceData>,
    filter: &GraphFilter,
) -> Result<Graph, StoreError> {
    if filter.from.is_some() || filter.to.is_some() {
        return graph_in_time(store, refs, filter);
    }
    // Without a time window the store keeps every edge of every entity's events
    // (`entity_edges`, entity `""` for the whole graph) with its counts and first names, and
    // the events behind each edge in document order: the graph reads its edges and the
    // first evidence of each, not every event.
    let focus = filter.entity.clone().unwrap_or_default();
    let wanted = |r: Relation| filter.relations.is_empty() || filter.relations.contains(&r);
    let mut nodes: BTreeMap<String, GraphNode> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String, Relation), GraphEdge> = BTreeMap::new();
    // A node's name comes from the first event (document order) that puts it on the graph.
    let mut first_seen: HashMap<String, String> = HashMap::new();
    // The events the edges show: their dates bound the memberships drawn.
    let mut shown: Vec<StoredEvent> = Vec::new();
    for summary in store.graph_edges(&focus)? {
        let Some(relation) = Relation::from_label(&summary.relation).filter(|r| wanted(*r)) else {
            continue;
        };
        for (id, name) in [
            (&summary.actor, &summary.actor_name),
            (&summary.recipient, &summary.recipient_name),
        ] {
            let node = nodes.entry(id.clone()).or_insert_with(|| GraphNode {
                id: id.clone(),
                name: String::new(),
                kind: EntityKind::default(),
                weight: 0,
            });
            node.weight += summary.pairs;
            let earlier = first_seen.get(id).is_some_and(|k| *k <= summary.first_key);
            if !earlier {
                first_seen.insert(id.clone(), summary.first_key.clone());
                node.name = if name.is_empty() {
                    id.clone()
                } else {
                    name.clone()
                };
            }
        }
        let mut evidence = Vec::new();
        for stored in store.edge_events(
            &focus,
            &summary.actor,
            &summary.recipient,
            &summary.relation,
            MAX_EDGE_EVIDENCE,
        )? {
            evidence.push(edge_evidence(&stored));
            shown.push(stored);
        }
        edges.insert(
            (summary.actor.clone(), summary.recipient.clone(), relation),
            GraphEdge {
                id: format!(
                    "{}>{}:{}",
                    summary.actor,
                    summary.recipient,
                    relation.label()
                ),
                source: summary.actor.clone(),
                target: summary.recipient.clone(),
                relation,
                evidence,
                evidence_total: summary.events,
            },
        );
    }
    // Node kinds from the entity's first mention; alliance ties stated in the documents
    // of the graph's events, between actors on the graph, found per (node, organisation).
    let on_graph: Vec<String> = nodes.keys().cloned().collect();
    for id in &on_graph {
        if let Some((_, kind)) = store.entity_first_mention(id)? {
            if let Some(n) = nodes.get_mut(id) {
                n.kind = kind;
            }
        }
        if !wanted(Relation::Alliance) {
            continue;
        }
        for group in store.affiliation_targets(id)? {
            if !nodes.contains_key(&group) {
                continue;
            }
            let Some(tie) = store.first_tie(&focus, id, &group)? else {
                continue;
            };
            edges
                .entry((
                    tie.entity.clone(),
                    tie.affiliation.clone(),
                    Relation::Alliance,
                ))
                .or_insert_with(|| alliance_tie_edge(&tie));
        }
    }
    if let Some(refs) = refs.filter(|_| wanted(Relation::Alliance)) {
        alliance_edges(
            refs,
            &membership_window(filter, &shown),
            &mut nodes,
            &mut edges,
        );
    }
    Ok(Graph {
        nodes: nodes.into_values().collect(),
        edges: edges.into_values().collect(),
        focus: filter.entity.clone(),
    })
}

/// One event behind an edge, as the graph shows it.
fn edge_evidence(stored: &StoredEvent) -> EdgeEvidence {
    let e = &stored.event;
    let evidence = e.evidence.first();
    EdgeEvidence {
        event: Some(e.id.clone()),
        event_type: Some(e.event_type),
        source: format!("document:{}", stored.document),
        summary: e.summary.clone(),
        time: e.time.as_ref().map(|t| match (&t.start, &t.end) {
            (Some(s), Some(end)) if s != end => format!("{s} – {end}"),
            (Some(s), _) => s.clone(),
            _ => t.text.clone(),
        }),
        sentence: evidence.map(|v| v.text.clone()).unwrap_or_default(),
        href: Some(crate::html::document_href(
            &stored.document,
            evidence.map(|v| v.trigger),
        )),
    }
}

/// The edge of an alliance tie an actor record states.
fn alliance_tie_edge(tie: &armsgraph_store::Affiliation) -> GraphEdge {
    GraphEdge {
        id: format!("{}>{}:alliance", tie.entity, tie.affiliation),
        source: tie.entity.clone(),
        target: tie.affiliation.clone(),
        relation: Relation::Alliance,
        evidence: vec![EdgeEvidence {
            event: None,
            event_type: None,
            source: format!("document:{}", tie.document),
            summary: format!("{} belongs to {}", tie.name, tie.affiliation),
            time: None,
            sentence: String::new(),
            href: Some(crate::html::document_href(&tie.document, None)),
        }],
        evidence_total: 1,
    }
}

/// The graph of the events in a time window: read from the events themselves (at most
/// 20,000, document order), since the kept edge counts are not per date.
fn graph_in_time(
    store: &Store,
    refs: Option<&ReferenceData>,
    filter: &GraphFilter,
) -> Result<Graph, StoreError> {
    let events = store.events(&EventFilter {
        from: filter.from.clone(),
        to: filter.to.clone(),
        involving: filter.entity.clone(),
        limit: Some(20_000),
        ..Default::default()
    })?;
    let wanted = |r: Relation| filter.relations.is_empty() || filter.relations.contains(&r);
    let mut nodes: BTreeMap<String, GraphNode> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String, Relation), GraphEdge> = BTreeMap::new();
    let mut kinds: HashMap<String, EntityKind> = HashMap::new();

    for stored in &events {
        let e = &stored.event;
        let Some(relation) = Relation::of_event(e).filter(|r| wanted(*r)) else {
            continue;
        };
        let evidence = e.evidence.first();
        let item = EdgeEvidence {
            event: Some(e.id.clone()),
            event_type: Some(e.event_type),
            source: format!("document:{}", stored.document),
            summary: e.summary.clone(),
            time: e.time.as_ref().map(|t| match (&t.start, &t.end) {
                (Some(s), Some(end)) if s != end => format!("{s} – {end}"),
                (Some(s), _) => s.clone(),
                _ => t.text.clone(),
            }),
            sentence: evidence.map(|v| v.text.clone()).unwrap_or_default(),
            href: Some(crate::html::document_href(
                &stored.document,
                evidence.map(|v| v.trigger),
            )),
        };
        for a in &e.actors {
            for r in &e.recipients {
                if a.entity == r.entity || a.entity.is_empty() || r.entity.is_empty() {
                    continue;
                }
                for p in [a, r] {
                    nodes.entry(p.entity.clone()).or_insert_with(|| GraphNode {
                        id: p.entity.clone(),
                        name: if p.name.is_empty() {
                            p.entity.clone()
                        } else {
                            p.name.clone()
                        },
                        kind: EntityKind::default(),
                        weight: 0,
                    });
                    if let Some(n) = nodes.get_mut(&p.entity) {
                        n.weight += 1;
                    }
                }
                let key = (a.entity.clone(), r.entity.clone(), relation);
                let edge = edges.entry(key).or_insert_with(|| GraphEdge {
                    id: format!("{}>{}:{}", a.entity, r.entity, relation.label()),
                    source: a.entity.clone(),
                    target: r.entity.clone(),
                    relation,
                    evidence: Vec::new(),
                    evidence_total: 0,
                });
                if edge.evidence.len() >= MAX_EDGE_EVIDENCE {
                    edge.evidence_total += 1;
                } else if !edge.evidence.iter().any(|x| x.event == item.event) {
                    edge.evidence.push(item.clone());
                    edge.evidence_total += 1;
                }
            }
        }
    }

    // Node kinds and alliance ties come from the mentions and actor records of the documents
    // the events were read from, through the indexed tables (per node, not per document).
    let docs: BTreeSet<&str> = events.iter().map(|e| e.document.as_str()).collect();
    let on_graph: Vec<String> = nodes.keys().cloned().collect();
    for id in &on_graph {
        if let Some(kind) = store.entity_kind_in(id, &docs)? {
            kinds.insert(id.clone(), kind);
        }
        if !wanted(Relation::Alliance) {
            continue;
        }
        for tie in store.affiliations_in(id, &docs)? {
            if !matches!(tie.kind, EntityKind::State | EntityKind::Organisation) {
                continue;
            }
            // Only ties between actors already on the graph, so alliances explain edges
            // rather than flood the view.
            if !nodes.contains_key(&tie.affiliation) {
                continue;
            }
            let key = (
                tie.entity.clone(),
                tie.affiliation.clone(),
                Relation::Alliance,
            );
            edges.entry(key).or_insert_with(|| alliance_tie_edge(&tie));
        }
    }
    for node in nodes.values_mut() {
        if let Some(k) = kinds.get(&node.id) {
            node.kind = *k;
        }
    }
    if let Some(refs) = refs.filter(|_| wanted(Relation::Alliance)) {
        alliance_edges(
            refs,
            &membership_window(filter, &events),
            &mut nodes,
            &mut edges,
        );
    }
    Ok(Graph {
        nodes: nodes.into_values().collect(),
        edges: edges.into_values().collect(),
        focus: filter.entity.clone(),
    })
}

/// The time memberships are drawn for: the filter's dates, else the span of the graph's dated
/// events (today when none is dated), so that a membership that ended before anything the
/// graph shows — Azerbaijan left the CSTO in 1999 — is not drawn as a tie.
pub fn membership_window(filter: &GraphFilter, events: &[StoredEvent]) -> Interval {
    if filter.from.is_some() || filter.to.is_some() {
        return Interval::new(filter.from.clone(), filter.to.clone());
    }
    let mut first: Option<String> = None;
    let mut last: Option<String> = None;
    for t in events.iter().filter_map(|e| e.event.time.as_ref()) {
        let span = Interval::new(t.start.clone(), t.end.clone().or_else(|| t.start.clone()));
        if let Some(s) = span.start {
            if first.as_ref().is_none_or(|f| s < *f) {
                first = Some(s);
            }
        }
        if let Some(e) = span.end {
            if last.as_ref().is_none_or(|l| e > *l) {
                last = Some(e);
            }
        }
    }
    match (first, last) {
        (None, None) => Interval::of_date(&today()),
        (start, end) => Interval::new(start, end),
    }
}

/// Membership ties from the reference data (alliances, treaty organisations) between actors on
/// the graph, for spells overlapping the filter's time. An organisation is added as a node
/// only when it ties at least two actors on the graph, so alliances explain the picture
/// rather than flood it.
fn alliance_edges(
    refs: &ReferenceData,
    window: &Interval,
    nodes: &mut BTreeMap<String, GraphNode>,
    edges: &mut BTreeMap<(String, String, Relation), GraphEdge>,
) {
    let mut by_org: BTreeMap<String, Vec<&armsgraph_kb::reference::Membership>> = BTreeMap::new();
    let states: Vec<String> = nodes.keys().cloned().collect();
    for state in &states {
        for m in refs.memberships_of(state) {
            if spell(m).overlaps(window) {
                by_org.entry(m.org.clone()).or_default().push(m);
            }
        }
    }
    for (org, members) in by_org {
        let distinct: BTreeSet<&str> = members.iter().map(|m| m.member.as_str()).collect();
        if !nodes.contains_key(&org) && distinct.len() < 2 {
            continue;
        }
        let org_name = refs
            .organisation(&org)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| org.clone());
        nodes.entry(org.clone()).or_insert_with(|| GraphNode {
            id: org.clone(),
            name: org_name.clone(),
            kind: EntityKind::Organisation,
            weight: 0,
        });
        for m in members {
            if let Some(n) = nodes.get_mut(&org) {
                n.weight += 1;
            }
            let time = match (&m.joined, &m.left) {
                (Some(j), Some(l)) => Some(format!("{j} – {l}")),
                (Some(j), None) => Some(format!("since {j}")),
                (None, Some(l)) => Some(format!("until {l}")),
                (None, None) => None,
            };
            let item = EdgeEvidence {
                event: None,
                event_type: None,
                source: m.provenance.source(),
                summary: format!("{} member of {}", m.member, org_name),
                time,
                sentence: m.note.clone(),
                href: None,
            };
            let edge = edges
                .entry((m.member.clone(), org.clone(), Relation::Alliance))
                .or_insert_with(|| GraphEdge {
                    id: format!("{}>{}:alliance", m.member, org),
                    source: m.member.clone(),
                    target: org.clone(),
                    relation: Relation::Alliance,
                    evidence: Vec::new(),
                    evidence_total: 0,
                });
            if !edge.evidence.iter().any(|x| x.source == item.source) {
                edge.evidence.push(item);
                edge.evidence_total += 1;
            }
        }
    }
}

/// Most events of one actor a pair's timeline (`with=`) reads to find the pair's: the pair is
/// filtered from the first actor's events.
pub const TIMELINE_LIMIT: usize = 5_000;

fn timeline_filter(actor: Option<&str>, event_type: Option<EventType>, upto: usize) -> EventFilter {
    EventFilter {
        involving: actor.map(str::to_string),
        event_type,
        limit: Some(upto),
        by_time: true,
        ..Default::default()
    }
}

/// How many events a timeline of `actor` and `event_type` has in all.
pub fn timeline_total(
    store: &Store,
    actor: Option<&str>,
    event_type: Option<EventType>,
) -> Result<usize, StoreError> {
    store.count_events(&timeline_filter(actor, event_type, 0))
}

/// The first `upto` events of a timeline in time order (undated last), optionally involving
/// one actor and of one type. The store orders by time, so a page costs the events up to it,
/// not the whole timeline.
pub fn timeline(
    store: &Store,
    actor: Option<&str>,
    event_type: Option<EventType>,
    upto: usize,
) -> Result<Vec<StoredEvent>, StoreError> {
    let mut events = store.events(&timeline_filter(actor, event_type, upto))?;
    sort_by_time(&mut events);
    Ok(events)
}

/// Dated events first, by start date; undated ones keep their document order at the end.
fn sort_by_time(events: &mut [StoredEvent]) {
    events.sort_by(|a, b| {
        let key = |e: &StoredEvent| e.event.time.as_ref().and_then(|t| t.start.clone());
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
}

/// An alert with the documents its evidence comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlertView {
    /// The alert; its chain keeps at most [`MAX_ALERT_DOCUMENT_LINKS`] document links (all
    /// alliance and reference links).
    pub alert: Alert,
    /// Documents of the chain's evidence, at most [`MAX_ALERT_DOCUMENTS`].
    pub documents: Vec<String>,
    /// Links of the whole chain and documents behind it, before the caps.
    #[serde(default)]
    pub links_total: usize,
    #[serde(default)]
    pub documents_total: usize,
}

/// Most document links one alert shows, and most documents it lists: an alert read from
/// thousands of reports shows the first ones and how many there are, so `/alerts` costs what
/// it shows.
pub const MAX_ALERT_DOCUMENT_LINKS: usize = 20;
pub const MAX_ALERT_DOCUMENTS: usize = 20;

/// Why the alerts could not all be computed; the page still shows what it has.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Alerts {
    pub alerts: Vec<AlertView>,
    pub error: Option<String>,
    /// Display names of the parties, by id.
    pub names: BTreeMap<String, String>,
}

fn alert_key(a: &Alert) -> (String, String, String, String, String) {
    (
        a.kind.clone(),
        a.supplier.clone(),
        a.recipient.clone(),
        a.target.clone(),
        a.alliance.clone(),
    )
}

/// Alerts over the whole store (documents and reference data, by `armsgraph-analysis`), plus
/// any alert recorded with a document at ingest that the store-wide rule does not repeat.
/// The same alert is shown once, with every document its evidence comes from; strongest
/// first.
pub fn alerts(store: &Store, kb: Option<&Kb>, files: &DataFiles) -> Result<Alerts, StoreError> {
    let refs = armsgraph_analysis::refs::load_reference(store, files).map(|(refs, _)| refs);
    alerts_with(store, kb, refs.as_ref().map_err(|e| e.to_string()))
}

/// Whether two chain links state the same fact: same kind, source, event and evidence place
/// (document and span), whatever their wording or URL.
fn same_fact(a: &armsgraph_model::ChainLink, b: &armsgraph_model::ChainLink) -> bool {
    let place = |l: &armsgraph_model::ChainLink| {
        l.evidence
            .as_ref()
            .map(|e| (e.document.clone(), e.sentence, e.trigger))
    };
    a.kind == b.kind
        && a.source == b.source
        && match (&a.event, &b.event) {
            (Some(x), Some(y)) => x == y,
            _ => place(a) == place(b),
        }
}

/// [`alerts`] over reference data already loaded.
pub fn alerts_with(
    store: &Store,
    kb: Option<&Kb>,
    refs: std::result::Result<&ReferenceData, String>,
) -> Result<Alerts, StoreError> {
    let mut error = None;
    let computed = match refs.and_then(|refs| {
        armsgraph_analysis::store_alerts_with_totals(
            store,
            refs,
            None,
            &armsgraph_analysis::AlertOptions::default(),
        )
        .map_err(|e| e.to_string())
    }) {
        Ok(a) => a,
        Err(e) => {
            error = Some(format!("store-wide alerts unavailable: {e}"));
            Vec::new()
        }
    };
    let mut by_key: BTreeMap<(String, String, String, String, String), AlertView> = BTreeMap::new();
    // Alerts whose chains hold only the first links of their facts (large stores), with the
    // whole chain's totals.
    let mut partial: BTreeMap<
        (String, String, String, String, String),
        armsgraph_analysis::alerts::AlertTotals,
    > = BTreeMap::new();
    for (alert, totals) in computed {
        if totals.truncated {
            partial.insert(alert_key(&alert), totals);
        }
        by_key.insert(
            alert_key(&alert),
            AlertView {
                alert,
                documents: Vec::new(),
                links_total: 0,
                documents_total: 0,
            },
        );
    }
    for alert in store.recent_document_alerts(SCAN_LIMIT)? {
        let view = by_key
            .entry(alert_key(&alert))
            .or_insert_with(|| AlertView {
                alert: alert.clone(),
                documents: Vec::new(),
                links_total: 0,
                documents_total: 0,
            });
        // One fact once: a link recorded at ingest and the same link computed store-wide may
        // differ in presentation only (a URL filled in on one side). A partial chain already
        // counts every document fact in its totals.
        if partial.contains_key(&alert_key(&alert)) {
            continue;
        }
        for link in alert.chain {
            if !view.alert.chain.iter().any(|l| same_fact(l, &link)) {
                view.alert.chain.push(link);
            }
        }
    }
    let mut out: Vec<AlertView> = by_key.into_values().collect();
    for view in &mut out {
        for link in &view.alert.chain {
            let doc = link
                .evidence
                .as_ref()
                .map(|e| e.document.as_str())
                .filter(|d| !d.is_empty())
                .or_else(|| link.source.strip_prefix("document:"));
            if let Some(d) = doc {
                if !view.documents.iter().any(|x| x == d) {
                    view.documents.push(d.to_string());
                }
            }
        }
        view.links_total = view.alert.chain.len();
        view.documents_total = view.documents.len();
        if let Some(t) = partial.get(&alert_key(&view.alert)) {
            view.links_total = view.links_total.max(t.links);
            view.documents_total = view.documents_total.max(t.documents);
        }
        view.documents.truncate(MAX_ALERT_DOCUMENTS);
        let mut document_links = 0;
        view.alert.chain.retain(|l| {
            if !l.source.starts_with("document:") {
                return true;
            }
            document_links += 1;
            document_links <= MAX_ALERT_DOCUMENT_LINKS
        });
    }
    out.sort_by(|a, b| {
        b.alert
            .confidence
            .partial_cmp(&a.alert.confidence)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut names = BTreeMap::new();
    for view in &out {
        let a = &view.alert;
        for id in [&a.supplier, &a.recipient, &a.target, &a.alliance] {
            if let Some(name) = kb.and_then(|k| k.name(id)) {
                names.insert(id.clone(), name.to_string());
            }
        }
    }
    Ok(Alerts {
        alerts: out,
        error,
        names,
    })
}

/// Which state of the store a cached view was computed from.
type Generation = (i64, i64, i64);

/// Views computed from the whole store, kept until documents or reference facts are added
/// ([`Store::data_generation`]). One computation runs at a time: readers arriving while the
/// store-wide alerts are recomputed wait for that result instead of each starting their own.
pub struct ViewCache {
    refs: std::sync::Mutex<Option<(Generation, std::sync::Arc<ReferenceData>)>>,
    alerts: std::sync::Mutex<Option<(Generation, std::sync::Arc<Alerts>)>>,
    stats: std::sync::Mutex<Option<(Generation, armsgraph_store::Stats)>>,
    profiles: Views<Option<EntityProfile>>,
    graphs: Views<Graph>,
    searches: Views<SearchResults>,
}

/// Entity profiles and graphs kept per data generation, at most this many of each: a
/// profile is at most a few hundred KB (its lists are capped), so the cache stays within
/// tens of MB. `ARMSGRAPH_VIEW_CACHE=off` turns it off (to measure the queries themselves).
const MAX_CACHED_VIEWS: usize = 64;

impl Default for ViewCache {
    fn default() -> ViewCache {
        let off = std::env::var("ARMSGRAPH_VIEW_CACHE").is_ok_and(|v| v == "off" || v == "0");
        let capacity = if off { 0 } else { MAX_CACHED_VIEWS };
        ViewCache {
            refs: Default::default(),
            alerts: Default::default(),
            stats: Default::default(),
            profiles: Views::new(capacity),
            graphs: Views::new(capacity),
            searches: Views::new(capacity),
        }
    }
}

/// The last views computed for one data generation, by key, oldest dropped first when full;
/// all dropped when the generation changes (documents or facts were added).
struct Recent<V> {
    capacity: usize,
    generation: Option<Generation>,
    order: std::collections::VecDeque<String>,
    map: HashMap<String, std::sync::Arc<V>>,
    /// Keys one reader is computing now; the others asking for them wait ([`Views`]).
    computing: std::collections::HashSet<String>,
}

impl<V> Recent<V> {
    fn new(capacity: usize) -> Recent<V> {
        Recent {
            capacity,
            generation: None,
            order: Default::default(),
            map: HashMap::new(),
            computing: Default::default(),
        }
    }

    fn get(&mut self, generation: Generation, key: &str) -> Option<std::sync::Arc<V>> {
        if self.generation != Some(generation) {
            self.generation = Some(generation);
            self.order.clear();
            self.map.clear();
            return None;
        }
        self.map.get(key).cloned()
    }

    fn put(&mut self, generation: Generation, key: String, value: std::sync::Arc<V>) {
        if self.capacity == 0 || self.generation != Some(generation) {
            return;
        }
        if self.map.len() >= self.capacity {
            if let Some(old) = self.order.pop_front() {
                self.map.remove(&old);
            }
        }
        if self.map.insert(key.clone(), value).is_none() {
            self.order.push_back(key);
        }
    }
}

/// How long a reader waits for another reader's computation of the same view before
/// computing it itself (a stuck or very slow computation must not hold every reader).
const VIEW_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Recent views by key where one reader computes a missing view and readers asking for the
/// same key meanwhile wait for its answer. Without this, 50 readers missing one search at
/// once each ran the same ranking query (docs/notes/postgres.md, stop 23: 24 runs of the
/// query for 9 distinct searches in one minute), and every other route queued behind them.
struct Views<V> {
    recent: std::sync::Mutex<Recent<V>>,
    done: std::sync::Condvar,
}

/// Takes a key out of the computing set however its computation ends (error or panic), and
/// wakes the waiters, so none waits for a computation that will never answer.
struct Computing<'a, V> {
    views: &'a Views<V>,
    key: String,
}

impl<V> Drop for Computing<'_, V> {
    fn drop(&mut self) {
        self.views.lock().computing.remove(&self.key);
        self.views.done.notify_all();
    }
}

impl<V> Views<V> {
    fn new(capacity: usize) -> Views<V> {
        Views {
            recent: std::sync::Mutex::new(Recent::new(capacity)),
            done: std::sync::Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Recent<V>> {
        self.recent.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The view under `key` for `generation`: kept, else computed by this reader — or by the
    /// reader already computing it, whose answer this one waits for. `compute` returns the
    /// view and whether to keep it (a partial failure is not kept: the next reader retries).
    fn get_or_compute<E>(
        &self,
        generation: Generation,
        key: String,
        compute: impl FnOnce() -> Result<(std::sync::Arc<V>, bool), E>,
    ) -> Result<std::sync::Arc<V>, E> {
        let deadline = std::time::Instant::now() + VIEW_WAIT;
        let mut recent = self.lock();
        loop {
            if let Some(hit) = recent.get(generation, &key) {
                return Ok(hit);
            }
            let now = std::time::Instant::now();
            if recent.capacity == 0 || !recent.computing.contains(&key) || now >= deadline {
                break;
            }
            recent = self
                .done
                .wait_timeout(recent, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        let guard =
            (recent.capacity > 0 && recent.computing.insert(key.clone())).then(|| Computing {
                views: self,
                key: key.clone(),
            });
        drop(recent);
        let result = compute();
        if let Ok((value, true)) = &result {
            self.lock()
                .put(generation, key, std::sync::Arc::clone(value));
        }
        drop(guard);
        result.map(|(value, _)| value)
    }
}

impl ViewCache {
    /// The profile of entity `id` as of now (computed once per data generation and day).
    pub fn entity_profile(
        &self,
        store: &Store,
        kb: Option<&Kb>,
        files: &DataFiles,
        id: &str,
    ) -> Result<std::sync::Arc<Option<EntityProfile>>, StoreError> {
        let generation = store.data_generation()?;
        let key = format!("{}\u{0}{id}", today());
        self.profiles.get_or_compute(generation, key, || {
            let refs = self.reference(store, files);
            let profile = entity_profile(store, kb, refs.as_deref().map_err(String::clone), id)?;
            // A failure of the reference side is not kept: the next request tries again.
            let failed = profile.as_ref().is_some_and(|p| p.analysis_error.is_some());
            Ok((std::sync::Arc::new(profile), !failed))
        })
    }

    /// Search results as of now: full-text ranking reads every matching document (a common
    /// word matches a large share of the store), so the answers to recent searches are kept
    /// per data generation.
    pub fn search(
        &self,
        store: &Store,
        kb: Option<&Kb>,
        query: &str,
        limit: usize,
    ) -> Result<std::sync::Arc<SearchResults>, crate::error::AppError> {
        let generation = store.data_generation()?;
        let key = format!("{limit}\u{0}{query}");
        self.searches.get_or_compute(generation, key, || {
            Ok((std::sync::Arc::new(search(store, kb, query, limit)?), true))
        })
    }

    /// The graph for `filter` as of now (computed once per data generation).
    pub fn graph(
        &self,
        store: &Store,
        refs: &ReferenceData,
        filter: &GraphFilter,
    ) -> Result<std::sync::Arc<Graph>, StoreError> {
        let generation = store.data_generation()?;
        let key = serde_json::to_string(filter).unwrap_or_default();
        self.graphs.get_or_compute(generation, key, || {
            Ok((std::sync::Arc::new(graph(store, Some(refs), filter)?), true))
        })
    }

    /// The reference data (imported facts, or the shipped defaults) as of now.
    pub fn reference(
        &self,
        store: &Store,
        files: &DataFiles,
    ) -> Result<std::sync::Arc<ReferenceData>, String> {
        let generation = store.data_generation().map_err(|e| e.to_string())?;
        let mut slot = self.refs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((g, refs)) = slot.as_ref() {
            if *g == generation {
                return Ok(std::sync::Arc::clone(refs));
            }
        }
        let (refs, _) =
            armsgraph_analysis::refs::load_reference(store, files).map_err(|e| e.to_string())?;
        let refs = std::sync::Arc::new(refs);
        *slot = Some((generation, std::sync::Arc::clone(&refs)));
        Ok(refs)
    }

    /// The store's counts (documents, mentions, events, …) as of now: counting a large
    /// table is linear in it, so the home and document pages reuse the last count.
    pub fn stats(&self, store: &Store) -> Result<armsgraph_store::Stats, StoreError> {
        let generation = store.data_generation()?;
        let mut slot = self.stats.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((g, stats)) = slot.as_ref() {
            if *g == generation {
                return Ok(stats.clone());
            }
        }
        let stats = store.stats()?;
        *slot = Some((generation, stats.clone()));
        Ok(stats)
    }

    /// The store-wide alerts as of now.
    pub fn alerts(
        &self,
        store: &Store,
        kb: Option<&Kb>,
        files: &DataFiles,
    ) -> Result<std::sync::Arc<Alerts>, StoreError> {
        let generation = store.data_generation()?;
        let mut slot = self.alerts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((g, alerts)) = slot.as_ref() {
            if *g == generation {
                return Ok(std::sync::Arc::clone(alerts));
            }
        }
        let refs = self.reference(store, files);
        let computed = std::sync::Arc::new(alerts_with(
            store,
            kb,
            refs.as_deref().map_err(String::clone),
        )?);
        // The computation read every alert candidate (hundreds of MB on a large store);
        // hand what it freed back to the system rather than keep the peak resident.
        crate::release_free_memory();
        // A failure (reference data unreadable) is not kept: the next request tries again.
        if computed.error.is_none() {
            *slot = Some((generation, std::sync::Arc::clone(&computed)));
        }
        Ok(computed)
    }
}

/// The newest documents.
pub fn recent_documents(store: &Store, limit: usize) -> Result<Vec<DocumentSummary>, StoreError> {
    store.documents(limit, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use armsgraph_kb::reference::{Membership, Organisation, Provenance};

    fn node(id: &str) -> (String, GraphNode) {
        (
            id.to_string(),
            GraphNode {
                id: id.into(),
                name: id.into(),
                kind: EntityKind::State,
                weight: 1,
            },
        )
    }

    fn member(org: &str, state: &str, joined: &str, left: Option<&str>) -> Membership {
        Membership {
            org: org.into(),
            member: state.into(),
            joined: Some(joined.into()),
            left: left.map(str::to_string),
            provenance: Provenance::new("test-memberships", format!("{org}/{state}")),
            ..Default::default()
        }
    }

    #[test]
    fn alliances_tie_actors_on_the_graph_in_the_time_window() {
        let refs = ReferenceData {
            organisations: vec![Organisation {
                id: "PACT".into(),
                name: "Test Pact".into(),
                ..Default::default()
            }],
            memberships: vec![
                member("PACT", "AAA", "1990", None),
                member("PACT", "BBB", "1995", Some("2001")),
                // Only one actor of the graph is in LONE: no node, no edge.
                member("LONE", "AAA", "1990", None),
            ],
            ..Default::default()
        };
        let mut nodes: BTreeMap<String, GraphNode> = [node("AAA"), node("BBB"), node("CCC")]
            .into_iter()
            .collect();
        let mut edges = BTreeMap::new();
        alliance_edges(&refs, &Interval::always(), &mut nodes, &mut edges);
        assert_eq!(
            nodes.get("PACT").map(|n| n.name.as_str()),
            Some("Test Pact")
        );
        assert!(!nodes.contains_key("LONE"));
        let ties: Vec<(&str, &str)> = edges
            .values()
            .map(|e| (e.source.as_str(), e.target.as_str()))
            .collect();
        assert_eq!(ties, vec![("AAA", "PACT"), ("BBB", "PACT")]);
        let evidence = &edges
            .values()
            .next()
            .map(|e| e.evidence.clone())
            .unwrap_or_default();
        assert_eq!(evidence[0].source, "reference:test-memberships:PACT/AAA");

        // BBB left in 2001: a window after that keeps only AAA, too few to add the pact.
        let mut nodes: BTreeMap<String, GraphNode> =
            [node("AAA"), node("BBB")].into_iter().collect();
        let mut edges = BTreeMap::new();
        let later = GraphFilter {
            from: Some("2010-01-01".into()),
            ..Default::default()
        };
        alliance_edges(
            &refs,
            &membership_window(&later, &[]),
            &mut nodes,
            &mut edges,
        );
        assert!(edges.is_empty());
    }

    fn dated(start: &str, end: &str) -> StoredEvent {
        StoredEvent {
            document: "d".into(),
            cluster_id: None,
            event: Event {
                time: Some(armsgraph_model::TimeExpr {
                    start: Some(start.into()),
                    end: Some(end.into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        }
    }

    #[test]
    fn without_dates_memberships_are_drawn_for_the_span_of_the_events() {
        let events = [
            dated("2018-05-01", "2018-05-31"),
            dated("2016", "2016"),
            StoredEvent {
                document: "d".into(),
                cluster_id: None,
                event: Event::default(),
            },
        ];
        let window = membership_window(&GraphFilter::default(), &events);
        assert_eq!(window.start.as_deref(), Some("2016-01-01"));
        assert_eq!(window.end.as_deref(), Some("2018-05-31"));
        // A membership that ended in 1999 is outside; one still in force is inside.
        let left = Interval::new(Some("1994-04-20".into()), Some("1999-04-02".into()));
        assert!(!left.overlaps(&window));
        assert!(Interval::new(Some("1994".into()), None).overlaps(&window));
        // The filter's dates win.
        let filter = GraphFilter {
            to: Some("1998-12-31".into()),
            ..Default::default()
        };
        assert!(left.overlaps(&membership_window(&filter, &events)));
        // Nothing dated: memberships in force today.
        let today_only = membership_window(&GraphFilter::default(), &events[2..]);
        assert!(!left.overlaps(&today_only));
    }

    #[test]
    fn civil_dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn chain_links_are_one_fact_whatever_their_url_or_wording() {
        use armsgraph_model::{ChainLink, Evidence, Span};
        let evidence = |url: Option<&str>| Evidence {
            document: "d1".into(),
            sentence: Span::new(0, 40),
            trigger: Span::new(5, 9),
            text: "…".into(),
            rule: "r".into(),
            url: url.map(str::to_string),
        };
        let link = |event: Option<&str>, url: Option<&str>, statement: &str| ChainLink {
            kind: "transfer".into(),
            statement: statement.into(),
            source: "document:d1".into(),
            evidence: Some(evidence(url)),
            event: event.map(str::to_string),
        };
        let stored = link(Some("e1"), None, "BLR → AZE");
        let computed = link(Some("e1"), Some("https://x"), "Belarus → Azerbaijan");
        assert!(same_fact(&stored, &computed));
        assert!(!same_fact(&stored, &link(Some("e2"), None, "BLR → AZE")));
        // Without event ids the evidence place decides.
        assert!(same_fact(
            &link(None, None, "a"),
            &link(None, Some("u"), "b")
        ));
        let mut elsewhere = link(None, None, "a");
        if let Some(e) = elsewhere.evidence.as_mut() {
            e.trigger = Span::new(20, 24);
        }
        assert!(!same_fact(&link(None, None, "a"), &elsewhere));
    }

    /// Readers missing the same view at once wait for one computation (no stampede); a
    /// computation that fails is not waited on forever and is not kept.
    #[test]
    fn one_reader_computes_a_missing_view_the_others_wait() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let views: Arc<Views<usize>> = Arc::new(Views::new(8));
        let runs = Arc::new(AtomicUsize::new(0));
        let readers: Vec<_> = (0..8)
            .map(|_| {
                let (views, runs) = (Arc::clone(&views), Arc::clone(&runs));
                std::thread::spawn(move || {
                    views
                        .get_or_compute::<()>((1, 0, 0), "q".into(), || {
                            runs.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(200));
                            Ok((Arc::new(42), true))
                        })
                        .map(|v| *v)
                })
            })
            .collect();
        for r in readers {
            assert_eq!(r.join().expect("reader"), Ok(42));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        // A failed computation leaves nothing kept and nothing in flight.
        let failed = views.get_or_compute::<&str>((1, 0, 0), "bad".into(), || Err("broken"));
        assert_eq!(failed, Err("broken"));
        assert!(views.lock().computing.is_empty());
        let again =
            views.get_or_compute::<()>((1, 0, 0), "bad".into(), || Ok((Arc::new(7), false)));
        assert_eq!(again.map(|v| *v), Ok(7));
        assert!(views.lock().get((1, 0, 0), "bad").is_none());
    }
}
