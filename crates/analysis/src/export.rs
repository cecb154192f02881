//! Exports for tools analysts already use: CSV tables, JSON Lines, GraphML and GEXF graphs,
//! PLOVER event records and FollowTheMoney entities.
//!
//! Every exported fact keeps its evidence: document facts carry the document id, its URL (or
//! origin) and the char span of the sentence; reference facts carry
//! `reference:<dataset>:<row>`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use armsgraph_kb::reference::{spell, ReferenceData};
use armsgraph_model::{Alert, EntityKind, Event, Evidence, Extraction};
use armsgraph_store::reference::ReferenceRow;
use armsgraph_store::{DocumentSummary, Store};
use serde_json::{json, Value};

use crate::alerts::{describe_conflict, describe_register_transfer, is_arms_transfer, is_fight};
use crate::{AnalysisError, Result};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A directory of CSV files, one per table.
    Csv,
    Jsonl,
    Graphml,
    /// GEXF without time: every fact one edge, its dates as attributes.
    Gexf,
    /// GEXF for Gephi's timeline: `mode="dynamic"`, one edge per (source, target, relation)
    /// present during the dates of its facts, nodes during those of their edges.
    GexfDynamic,
    /// PLOVER event records, one JSON object per line.
    Plover,
    /// FollowTheMoney entities, one JSON object per line.
    Ftm,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Csv,
        Format::Jsonl,
        Format::Graphml,
        Format::Gexf,
        Format::GexfDynamic,
        Format::Plover,
        Format::Ftm,
    ];
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "csv" => Format::Csv,
            "jsonl" | "json-lines" | "ndjson" => Format::Jsonl,
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "gexf-dynamic" | "dynamic-gexf" => Format::GexfDynamic,
            "plover" => Format::Plover,
            "ftm" | "followthemoney" => Format::Ftm,
            _ => return None,
        })
    }
    pub fn label(&self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::GexfDynamic => "gexf-dynamic",
            Format::Plover => "plover",
            Format::Ftm => "ftm",
        }
    }
}

/// Everything an export needs, read once from the store.
#[derive(Debug, Clone, Default)]
pub struct ExportData {
    pub documents: Vec<(DocumentSummary, Extraction)>,
    pub alerts: Vec<Alert>,
    pub refs: ReferenceData,
    pub reference_rows: Vec<ReferenceRow>,
    /// Export every reference fact, not only those touching an entity of the documents.
    pub all_reference: bool,
}

impl ExportData {
    /// Read documents (with their extractions) and stored reference rows; `refs` and
    /// `alerts` are what the caller computed (see [`crate::store_alerts`]).
    pub fn from_store(
        store: &Store,
        refs: ReferenceData,
        alerts: Vec<Alert>,
    ) -> Result<ExportData> {
        let mut documents = Vec::new();
        let mut offset = 0;
        loop {
            let page = store.documents(500, offset)?;
            if page.is_empty() {
                break;
            }
            offset += page.len();
            for summary in page {
                if let Some(stored) = store.document(&summary.id)? {
                    documents.push((summary, stored.extraction));
                }
            }
        }
        documents.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let mut reference_rows = store.reference_facts(None)?;
        if reference_rows.is_empty() {
            reference_rows = crate::refs::to_rows(&refs)?;
        }
        Ok(ExportData {
            documents,
            alerts,
            refs,
            reference_rows,
            all_reference: false,
        })
    }

    fn doc_url(&self, doc: &str) -> Option<String> {
        self.documents
            .iter()
            .find(|(s, _)| s.id == doc)
            .and_then(|(s, _)| s.url.clone().or_else(|| Some(s.origin.clone())))
    }

    /// Entities of the documents: id → (kind, name).
    fn document_entities(&self) -> BTreeMap<String, (EntityKind, String)> {
        let mut out = BTreeMap::new();
        for (_, ex) in &self.documents {
            for a in &ex.actors {
                out.entry(a.id.clone()).or_insert((a.kind, a.name.clone()));
            }
            for m in &ex.entities {
                out.entry(m.entity.clone())
                    .or_insert((m.kind, m.name.clone()));
            }
            for e in &ex.events {
                for p in e.actors.iter().chain(&e.recipients) {
                    out.entry(p.entity.clone())
                        .or_insert((EntityKind::State, p.name.clone()));
                }
            }
        }
        out.remove("");
        out
    }

    fn relevant(&self, entities: &BTreeMap<String, (EntityKind, String)>, ids: &[&str]) -> bool {
        self.all_reference || ids.iter().any(|id| entities.contains_key(*id))
    }
}

/// Write one format to `out` (a directory for CSV, a file otherwise). Returns the paths
/// written.
pub fn write(data: &ExportData, format: Format, out: &Path) -> Result<Vec<String>> {
    match format {
        Format::Csv => write_csv_dir(data, out),
        other => {
            let text = match other {
                Format::Jsonl => jsonl(data)?,
                Format::Graphml => graphml(&graph(data)),
                Format::Gexf => gexf(&graph(data)),
                Format::GexfDynamic => gexf_dynamic(&graph(data)),
                Format::Plover => plover(data)?,
                Format::Ftm => ftm(data)?,
                Format::Csv => String::new(),
            };
            if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|source| io(parent, source))?;
            }
            std::fs::write(out, text).map_err(|source| io(out, source))?;
            Ok(vec![out.display().to_string()])
        }
    }
}

fn io(path: &Path, source: std::io::Error) -> AnalysisError {
    AnalysisError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

fn write_table(dir: &Path, name: &str, header: &[&str], rows: Vec<Vec<String>>) -> Result<String> {
    let path = dir.join(name);
    let mut w = csv::Writer::from_path(&path)
        .map_err(|e| AnalysisError::Format(format!("{}: {e}", path.display())))?;
    let err = |e: csv::Error| AnalysisError::Format(format!("{}: {e}", path.display()));
    w.write_record(header).map_err(err)?;
    for r in rows {
        w.write_record(&r).map_err(err)?;
    }
    w.flush().map_err(|source| io(&path, source))?;
    Ok(path.display().to_string())
}

fn evidence_cells(ev: Option<&Evidence>, url: Option<String>) -> Vec<String> {
    match ev {
        Some(ev) => vec![
            ev.url.clone().or(url).unwrap_or_default(),
            ev.sentence.start.to_string(),
            ev.sentence.end.to_string(),
            ev.trigger.start.to_string(),
            ev.trigger.end.to_string(),
            ev.text.clone(),
            ev.rule.clone(),
        ],
        None => vec![
            url.unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
    }
}

fn write_csv_dir(data: &ExportData, dir: &Path) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir).map_err(|source| io(dir, source))?;
    let mut written = Vec::new();
    let docs = data
        .documents
        .iter()
        .map(|(s, ex)| {
            vec![
                s.id.clone(),
                opt(&s.title),
                opt(&s.publisher),
                opt(&s.language),
                opt(&s.published),
                opt(&s.url),
                s.origin.clone(),
                opt(&s.cluster_id),
                ex.document.content_hash.clone(),
            ]
        })
        .collect();
    written.push(write_table(
        dir,
        "documents.csv",
        &[
            "id",
            "title",
            "publisher",
            "language",
            "published",
            "url",
            "origin",
            "cluster_id",
            "content_hash",
        ],
        docs,
    )?);

    let mut entity_stats: BTreeMap<String, (String, String, usize, BTreeSet<String>)> =
        BTreeMap::new();
    let mut mentions = Vec::new();
    for (s, ex) in &data.documents {
        for m in &ex.entities {
            let e = entity_stats.entry(m.entity.clone()).or_insert_with(|| {
                (
                    armsgraph_kb::entities::kind_label(m.kind).to_string(),
                    m.name.clone(),
                    0,
                    BTreeSet::new(),
                )
            });
            e.2 += 1;
            e.3.insert(s.id.clone());
            mentions.push(vec![
                s.id.clone(),
                m.span.start.to_string(),
                m.span.end.to_string(),
                m.text.clone(),
                m.entity.clone(),
                armsgraph_kb::entities::kind_label(m.kind).to_string(),
                m.name.clone(),
                format!("{:?}", m.method).to_lowercase(),
                m.rule.clone(),
                format!("{:.3}", m.confidence),
            ]);
        }
    }
    let entities = entity_stats
        .into_iter()
        .map(|(id, (kind, name, n, docs))| {
            vec![id, kind, name, n.to_string(), docs.len().to_string()]
        })
        .collect();
    written.push(write_table(
        dir,
        "entities.csv",
        &["id", "kind", "name", "mentions", "documents"],
        entities,
    )?);
    written.push(write_table(
        dir,
        "mentions.csv",
        &[
            "document",
            "start",
            "end",
            "surface",
            "entity",
            "kind",
            "name",
            "method",
            "rule",
            "confidence",
        ],
        mentions,
    )?);

    let mut events = Vec::new();
    let mut roles = Vec::new();
    for (s, ex) in &data.documents {
        let url = s.url.clone().or_else(|| Some(s.origin.clone()));
        for e in &ex.events {
            let mut row = vec![
                e.id.clone(),
                s.id.clone(),
                e.event_type.label().to_string(),
                opt(&e.mode),
                e.context.join(";"),
                e.time
                    .as_ref()
                    .and_then(|t| t.start.clone())
                    .unwrap_or_default(),
                e.time
                    .as_ref()
                    .and_then(|t| t.end.clone())
                    .unwrap_or_default(),
                format!("{:.3}", e.confidence),
                format!("{:?}", e.factuality).to_lowercase(),
                e.summary.clone(),
            ];
            row.extend(evidence_cells(e.evidence.first(), url.clone()));
            events.push(row);
            for (role, ps) in [
                ("actor", &e.actors),
                ("recipient", &e.recipients),
                ("location", &e.locations),
            ] {
                for p in ps {
                    roles.push(vec![
                        e.id.clone(),
                        role.to_string(),
                        p.entity.clone(),
                        p.name.clone(),
                        p.how.clone(),
                        p.span.map(|x| x.start.to_string()).unwrap_or_default(),
                        p.span.map(|x| x.end.to_string()).unwrap_or_default(),
                    ]);
                }
            }
            if let Some(arms) = &e.arms {
                for w in &arms.weapons {
                    roles.push(vec![
                        e.id.clone(),
                        "weapon".into(),
                        w.system
                            .clone()
                            .or_else(|| w.category.clone())
                            .unwrap_or_default(),
                        w.text.clone(),
                        "explicit".into(),
                        w.span.map(|x| x.start.to_string()).unwrap_or_default(),
                        w.span.map(|x| x.end.to_string()).unwrap_or_default(),
                    ]);
                }
            }
        }
    }
    written.push(write_table(
        dir,
        "events.csv",
        &[
            "id",
            "document",
            "event_type",
            "mode",
            "context",
            "time_start",
            "time_end",
            "confidence",
            "factuality",
            "summary",
            "url",
            "sentence_start",
            "sentence_end",
            "trigger_start",
            "trigger_end",
            "evidence_text",
            "rule",
        ],
        events,
    )?);
    written.push(write_table(
        dir,
        "event_roles.csv",
        &[
            "event",
            "role",
            "entity",
            "name",
            "how",
            "span_start",
            "span_end",
        ],
        roles,
    )?);

    let mut quotes = Vec::new();
    for (s, ex) in &data.documents {
        for q in &ex.quotes {
            quotes.push(vec![
                q.id.clone(),
                s.id.clone(),
                format!("{:?}", q.kind).to_lowercase(),
                q.speaker
                    .as_ref()
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                q.speaker
                    .as_ref()
                    .and_then(|x| x.entity.clone())
                    .unwrap_or_default(),
                q.message.start.to_string(),
                q.message.end.to_string(),
                q.message_text.clone(),
                opt(&q.cue_text),
                s.url.clone().unwrap_or_else(|| s.origin.clone()),
            ]);
        }
    }
    written.push(write_table(
        dir,
        "quotes.csv",
        &[
            "id",
            "document",
            "kind",
            "speaker",
            "speaker_entity",
            "message_start",
            "message_end",
            "message",
            "cue",
            "url",
        ],
        quotes,
    )?);

    let alerts = data
        .alerts
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.kind.clone(),
                a.title.clone(),
                a.supplier.clone(),
                a.recipient.clone(),
                a.target.clone(),
                a.alliance.clone(),
                format!("{:.2}", a.confidence),
            ]
        })
        .collect();
    written.push(write_table(
        dir,
        "alerts.csv",
        &[
            "id",
            "kind",
            "title",
            "supplier",
            "recipient",
            "target",
            "alliance",
            "confidence",
        ],
        alerts,
    )?);
    let mut links = Vec::new();
    for a in &data.alerts {
        for (i, l) in a.chain.iter().enumerate() {
            let doc = l
                .evidence
                .as_ref()
                .map(|e| e.document.clone())
                .unwrap_or_default();
            let url = if doc.is_empty() {
                None
            } else {
                data.doc_url(&doc)
            };
            let mut row = vec![
                a.id.clone(),
                i.to_string(),
                l.kind.clone(),
                l.statement.clone(),
                l.source.clone(),
                opt(&l.event),
                doc,
            ];
            row.extend(evidence_cells(l.evidence.as_ref(), url));
            links.push(row);
        }
    }
    written.push(write_table(
        dir,
        "alert_links.csv",
        &[
            "alert",
            "seq",
            "kind",
            "statement",
            "source",
            "event",
            "document",
            "url",
            "sentence_start",
            "sentence_end",
            "trigger_start",
            "trigger_end",
            "evidence_text",
            "rule",
        ],
        links,
    )?);

    let refs = data
        .reference_rows
        .iter()
        .map(|r| {
            vec![
                r.kind.clone(),
                r.dataset.clone(),
                r.row_ref.clone(),
                format!("reference:{}:{}", r.dataset, r.row_ref),
                opt(&r.subject),
                opt(&r.object),
                opt(&r.start),
                opt(&r.end),
                r.json.clone(),
            ]
        })
        .collect();
    written.push(write_table(
        dir,
        "reference_facts.csv",
        &[
            "kind", "dataset", "row", "source", "subject", "object", "start", "end", "json",
        ],
        refs,
    )?);
    Ok(written)
}

// ---------------------------------------------------------------------------------------------
// JSON Lines
// ---------------------------------------------------------------------------------------------

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| AnalysisError::Json(e.to_string()))
}

fn push_line(out: &mut String, v: &Value) {
    out.push_str(&v.to_string());
    out.push('\n');
}

/// One JSON object per line, each with a `record` field naming its table.
pub fn jsonl(data: &ExportData) -> Result<String> {
    let mut out = String::new();
    for (s, ex) in &data.documents {
        let url = s.url.clone().unwrap_or_else(|| s.origin.clone());
        let mut doc = to_value(s)?;
        doc["record"] = json!("document");
        push_line(&mut out, &doc);
        for m in &ex.entities {
            let mut v = to_value(m)?;
            v["record"] = json!("mention");
            v["document"] = json!(s.id);
            v["url"] = json!(url);
            push_line(&mut out, &v);
        }
        for e in &ex.events {
            push_line(
                &mut out,
                &json!({"record": "event", "document": s.id, "url": url, "event": to_value(e)?}),
            );
        }
        for q in &ex.quotes {
            push_line(
                &mut out,
                &json!({"record": "quote", "document": s.id, "url": url, "quote": to_value(q)?}),
            );
        }
    }
    for a in &data.alerts {
        push_line(&mut out, &json!({"record": "alert", "alert": to_value(a)?}));
    }
    for r in &data.reference_rows {
        let fact: Value = serde_json::from_str(&r.json).unwrap_or(Value::Null);
        push_line(
            &mut out,
            &json!({
                "record": "reference",
                "kind": r.kind,
                "source": format!("reference:{}:{}", r.dataset, r.row_ref),
                "subject": r.subject,
                "object": r.object,
                "start": r.start,
                "end": r.end,
                "fact": fact,
            }),
        );
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Graphs
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub kind: String,
}

/// An edge with its time and evidence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// `arms_transfer`, `conflict`, `membership`.
    pub relation: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub statement: String,
    /// `document:<id>` or `reference:<dataset>:<row>`.
    pub provenance: String,
    pub url: Option<String>,
    pub span_start: Option<usize>,
    pub span_end: Option<usize>,
    pub evidence: Option<String>,
    pub event: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

fn event_edges(doc: &DocumentSummary, e: &Event, relation: &str, out: &mut Vec<Edge>) {
    let ev = e.evidence.first();
    for a in &e.actors {
        for r in &e.recipients {
            if a.entity.is_empty() || r.entity.is_empty() || a.entity == r.entity {
                continue;
            }
            out.push(Edge {
                source: a.entity.clone(),
                target: r.entity.clone(),
                relation: relation.into(),
                start: e.time.as_ref().and_then(|t| t.start.clone()),
                end: e.time.as_ref().and_then(|t| t.end.clone()),
                statement: e.summary.clone(),
                provenance: format!("document:{}", doc.id),
                url: ev
                    .and_then(|x| x.url.clone())
                    .or_else(|| doc.url.clone())
                    .or_else(|| Some(doc.origin.clone())),
                span_start: ev.map(|x| x.sentence.start),
                span_end: ev.map(|x| x.sentence.end),
                evidence: ev.map(|x| x.text.clone()),
                event: Some(e.id.clone()),
            });
        }
    }
}

/// Nodes (entities with kind) and edges (transfers, conflicts, memberships) with time and
/// evidence.
pub fn graph(data: &ExportData) -> Graph {
    let entities = data.document_entities();
    let mut edges = Vec::new();
    for (s, ex) in &data.documents {
        for e in &ex.events {
            if is_arms_transfer(e) {
                event_edges(s, e, "arms_transfer", &mut edges);
            } else if is_fight(e) {
                event_edges(s, e, "conflict", &mut edges);
            }
        }
    }
    let refs = &data.refs;
    for t in &refs.transfers {
        if !data.relevant(&entities, &[&t.supplier, &t.recipient]) {
            continue;
        }
        let iv = t.interval();
        edges.push(Edge {
            source: t.supplier.clone(),
            target: t.recipient.clone(),
            relation: "arms_transfer".into(),
            start: iv.start,
            end: iv.end,
            statement: describe_register_transfer(t),
            provenance: t.provenance.source(),
            ..Edge::default()
        });
    }
    for c in &refs.conflicts {
        if !data.relevant(&entities, &[&c.state_a, &c.state_b]) {
            continue;
        }
        let iv = c.interval();
        edges.push(Edge {
            source: c.state_a.clone(),
            target: c.state_b.clone(),
            relation: "conflict".into(),
            start: iv.start,
            end: iv.end,
            statement: describe_conflict(c),
            provenance: c.provenance.source(),
            ..Edge::default()
        });
    }
    for m in &refs.memberships {
        if !data.relevant(&entities, &[&m.member, &m.org]) {
            continue;
        }
        let iv = spell(m);
        edges.push(Edge {
            source: m.member.clone(),
            target: m.org.clone(),
            relation: "membership".into(),
            start: iv.start,
            end: iv.end,
            statement: format!("{} member of {}", m.member, m.org),
            provenance: m.provenance.source(),
            ..Edge::default()
        });
    }
    let mut nodes: BTreeMap<String, Node> = entities
        .iter()
        .map(|(id, (kind, name))| {
            (
                id.clone(),
                Node {
                    id: id.clone(),
                    label: name.clone(),
                    kind: armsgraph_kb::entities::kind_label(*kind).to_string(),
                },
            )
        })
        .collect();
    let org_names: HashMap<&str, &str> = refs
        .organisations
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    for e in &edges {
        for (id, is_org) in [(&e.source, false), (&e.target, e.relation == "membership")] {
            nodes.entry(id.clone()).or_insert_with(|| Node {
                id: id.clone(),
                label: org_names
                    .get(id.as_str())
                    .copied()
                    .unwrap_or(id)
                    .to_string(),
                kind: if is_org { "organisation" } else { "state" }.into(),
            });
        }
    }
    Graph {
        nodes: nodes.into_values().collect(),
        edges,
    }
}

/// Escape text for XML attributes and content; drops characters XML 1.0 cannot carry.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

const EDGE_FIELDS: [&str; 10] = [
    "relation",
    "start",
    "end",
    "statement",
    "provenance",
    "url",
    "span_start",
    "span_end",
    "evidence",
    "event",
];

fn edge_values(e: &Edge) -> [Option<String>; 10] {
    [
        Some(e.relation.clone()),
        e.start.clone(),
        e.end.clone(),
        Some(e.statement.clone()),
        Some(e.provenance.clone()),
        e.url.clone(),
        e.span_start.map(|x| x.to_string()),
        e.span_end.map(|x| x.to_string()),
        e.evidence.clone(),
        e.event.clone(),
    ]
}

fn edge_type(field: &str) -> &'static str {
    if field.starts_with("span_") {
        "int"
    } else {
        "string"
    }
}

/// GraphML (directed; parallel edges kept, each with its own id).
pub fn graphml(g: &Graph) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    s.push_str("  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n");
    s.push_str("  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n");
    for f in EDGE_FIELDS {
        let _ = writeln!(
            s,
            "  <key id=\"{f}\" for=\"edge\" attr.name=\"{f}\" attr.type=\"{}\"/>",
            edge_type(f)
        );
    }
    s.push_str("  <graph id=\"armsgraph\" edgedefault=\"directed\">\n");
    for n in &g.nodes {
        let _ = writeln!(
            s,
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data></node>",
            xml(&n.id),
            xml(&n.label),
            xml(&n.kind)
        );
    }
    for (i, e) in g.edges.iter().enumerate() {
        let _ = write!(
            s,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml(&e.source),
            xml(&e.target)
        );
        for (f, v) in EDGE_FIELDS.iter().zip(edge_values(e)) {
            if let Some(v) = v {
                let _ = write!(s, "<data key=\"{f}\">{}</data>", xml(&v));
            }
        }
        s.push_str("</edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

const GEXF_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n  <meta><creator>armsgraph</creator><description>arms transfers, conflicts and alliance memberships with evidence</description></meta>\n";

/// The `<attributes>` block declaring edge attributes `fields`.
fn gexf_edge_attributes(s: &mut String, fields: &[&str]) {
    s.push_str("    <attributes class=\"edge\">\n");
    for f in fields {
        let t = if edge_type(f) == "int" || matches!(*f, "facts" | "undated") {
            "integer"
        } else {
            "string"
        };
        let _ = writeln!(
            s,
            "      <attribute id=\"{f}\" title=\"{f}\" type=\"{t}\"/>"
        );
    }
    s.push_str("    </attributes>\n");
}

fn gexf_node_open(s: &mut String, n: &Node) {
    let _ = write!(
        s,
        "      <node id=\"{}\" label=\"{}\"",
        xml(&n.id),
        xml(&n.label)
    );
}

/// Static GEXF 1.2: every fact is one edge (parallel edges kept, each with its own id); its
/// dates are plain attributes, so Gephi shows the whole graph at once. [`gexf_dynamic`] is the
/// time-aware one.
pub fn gexf(g: &Graph) -> String {
    let mut s = String::from(GEXF_HEAD);
    s.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    s.push_str("    <attributes class=\"node\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n    </attributes>\n");
    gexf_edge_attributes(&mut s, &EDGE_FIELDS);
    s.push_str("    <nodes>\n");
    for n in &g.nodes {
        gexf_node_open(&mut s, n);
        let _ = writeln!(
            s,
            "><attvalues><attvalue for=\"kind\" value=\"{}\"/></attvalues></node>",
            xml(&n.kind)
        );
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in g.edges.iter().enumerate() {
        let _ = write!(
            s,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" label=\"{}\"><attvalues>",
            xml(&e.source),
            xml(&e.target),
            xml(&e.relation)
        );
        for (f, v) in EDGE_FIELDS.iter().zip(edge_values(e)) {
            if let Some(v) = v {
                let _ = write!(s, "<attvalue for=\"{f}\" value=\"{}\"/>", xml(&v));
            }
        }
        s.push_str("</attvalues></edge>\n");
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

/// A closed time span as calendar dates (`YYYY-MM-DD`); `None` on a side means open.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spell {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// The last calendar day a partial date covers: `2022` → `2022-12-31`, `2024-02` →
/// `2024-02-29`. (The reference module's `date_ceil` gives `-31` for every month, fine for
/// comparing strings but not a date Gephi accepts.)
pub fn date_last_day(date: &str) -> Option<String> {
    let floor = armsgraph_kb::reference::date_floor(date)?;
    let d = date.trim();
    let year: i32 = floor.get(..4)?.parse().ok()?;
    Some(match d.len() {
        4 => format!("{year:04}-12-31"),
        7 => {
            let month: u32 = floor.get(5..7)?.parse().ok()?;
            format!("{}-{:02}", floor.get(..7)?, days_in_month(year, month))
        }
        _ => floor,
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day after a `YYYY-MM-DD` date (`2016-12-31` → `2017-01-01`), so that spells that
/// touch merge; `None` for anything else.
fn next_day(date: &str) -> Option<String> {
    let year: i32 = date.get(..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    Some(if day < days_in_month(year, month) {
        format!("{year:04}-{month:02}-{:02}", day + 1)
    } else if month < 12 {
        format!("{year:04}-{:02}-01", month + 1)
    } else {
        format!("{:04}-01-01", year + 1)
    })
}

/// The spell of one fact: start widened down, end widened up to calendar dates; `None` when
/// the fact has no usable date (it is then shown at every time). An end before the start is
/// dropped rather than trusted.
pub fn fact_spell(start: Option<&str>, end: Option<&str>) -> Option<Spell> {
    let start = start.and_then(armsgraph_kb::reference::date_floor);
    let end = end.and_then(date_last_day);
    let end = match (&start, end) {
        (Some(s), Some(e)) if e < *s => None,
        (_, e) => e,
    };
    (start.is_some() || end.is_some()).then_some(Spell { start, end })
}

/// Overlapping or touching spells merged, in time order (an open start sorts first).
pub fn merge_spells(mut spells: Vec<Spell>) -> Vec<Spell> {
    spells.sort();
    let mut out: Vec<Spell> = Vec::with_capacity(spells.len());
    for sp in spells {
        if let Some(last) = out.last_mut() {
            // `last` starts no later than `sp`; they join when `last` is open-ended or reaches
            // the day before `sp` starts (2016 and 2017 make one spell).
            let joins = match (&last.end, &sp.start) {
                (None, _) | (_, None) => true,
                (Some(e), Some(s)) => s <= e || next_day(e).as_deref() == Some(s.as_str()),
            };
            if joins {
                last.end = match (&last.end, &sp.end) {
                    (None, _) | (_, None) => None,
                    (Some(a), Some(b)) => Some(a.max(b).clone()),
                };
                continue;
            }
        }
        out.push(sp);
    }
    out
}

/// `start="…" end="…"` for one spell, `<spells>` for several (GEXF 1.2 allows either); the
/// returned pair is (attributes on the element, child elements).
fn gexf_time(spells: &[Spell]) -> (String, String) {
    let attrs = |sp: &Spell| {
        let mut a = String::new();
        if let Some(v) = &sp.start {
            let _ = write!(a, " start=\"{}\"", xml(v));
        }
        if let Some(v) = &sp.end {
            let _ = write!(a, " end=\"{}\"", xml(v));
        }
        a
    };
    match spells {
        [] => (String::new(), String::new()),
        [one] => (attrs(one), String::new()),
        many => {
            let mut c = String::from("<spells>");
            for sp in many {
                let _ = write!(c, "<spell{}/>", attrs(sp));
            }
            c.push_str("</spells>");
            (String::new(), c)
        }
    }
}

/// Dynamic GEXF 1.2 for Gephi's timeline (`mode="dynamic"`, `timeformat="date"`): one edge per
/// (source, target, relation) — Gephi merges parallel edges anyway — present during the
/// spells of its dated facts (event dates, membership years, conflict years), with `weight`
/// (and the `facts` attribute) the number of facts and `undated` those without a date. An edge none of whose facts is
/// dated has no time and shows at every time. A node is present while any of its edges is;
/// a node with an undated edge, or none, has no time.
pub fn gexf_dynamic(g: &Graph) -> String {
    struct Group<'a> {
        facts: Vec<&'a Edge>,
        spells: Vec<Spell>,
        undated: usize,
    }
    let mut groups: BTreeMap<(&str, &str, &str), Group> = BTreeMap::new();
    for e in &g.edges {
        let group = groups
            .entry((&e.source, &e.target, &e.relation))
            .or_insert_with(|| Group {
                facts: Vec::new(),
                spells: Vec::new(),
                undated: 0,
            });
        group.facts.push(e);
        match fact_spell(e.start.as_deref(), e.end.as_deref()) {
            Some(sp) => group.spells.push(sp),
            None => group.undated += 1,
        }
    }
    // Per node: the spells of its edges, or `None` once one of them is timeless.
    let mut node_spells: HashMap<&str, Option<Vec<Spell>>> = HashMap::new();
    for ((source, target, _), group) in &mut groups {
        group.spells = merge_spells(std::mem::take(&mut group.spells));
        let timeless = group.spells.is_empty();
        for id in [*source, *target] {
            let entry = node_spells.entry(id).or_insert_with(|| Some(Vec::new()));
            match entry {
                Some(list) if !timeless => list.extend(group.spells.iter().cloned()),
                _ => *entry = None,
            }
        }
    }

    let mut s = String::from(GEXF_HEAD);
    s.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n");
    s.push_str("    <attributes class=\"node\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n    </attributes>\n");
    // `facts`, not `weight`: Gephi keeps the edge's weight in a column of its own.
    const FIELDS: [&str; 6] = [
        "relation",
        "facts",
        "undated",
        "statement",
        "provenance",
        "url",
    ];
    gexf_edge_attributes(&mut s, &FIELDS);
    s.push_str("    <nodes>\n");
    for n in &g.nodes {
        let spells = node_spells
            .get(n.id.as_str())
            .cloned()
            .flatten()
            .map(merge_spells)
            .unwrap_or_default();
        let (attrs, children) = gexf_time(&spells);
        gexf_node_open(&mut s, n);
        let _ = writeln!(
            s,
            "{attrs}><attvalues><attvalue for=\"kind\" value=\"{}\"/></attvalues>{children}</node>",
            xml(&n.kind)
        );
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, ((source, target, relation), group)) in groups.iter().enumerate() {
        let (attrs, children) = gexf_time(&group.spells);
        let weight = group.facts.len();
        let _ = write!(
            s,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" label=\"{}\" weight=\"{weight}\"{attrs}><attvalues>",
            xml(source),
            xml(target),
            xml(relation)
        );
        // The first fact speaks for the edge; the static export lists every one.
        let first = group.facts.first();
        let values = [
            Some(relation.to_string()),
            Some(weight.to_string()),
            Some(group.undated.to_string()),
            first.map(|f| f.statement.clone()),
            Some(
                group
                    .facts
                    .iter()
                    .map(|f| f.provenance.as_str())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            first.and_then(|f| f.url.clone()),
        ];
        for (f, v) in FIELDS.iter().zip(values) {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                let _ = write!(s, "<attvalue for=\"{f}\" value=\"{}\"/>", xml(&v));
            }
        }
        let _ = writeln!(s, "</attvalues>{children}</edge>");
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

// ---------------------------------------------------------------------------------------------
// PLOVER
// ---------------------------------------------------------------------------------------------

fn plover_actor(p: &armsgraph_model::Participant) -> Value {
    json!({
        "name": p.name,
        "code": p.entity,
        "how": p.how,
        "span": p.span.map(|s| json!([s.start, s.end])),
    })
}

/// PLOVER event records (field names of the PLOVER data format: `event_id`, `event_date`,
/// `event_type`, `mode`, `context`, `actor`, `recipient`, `location`, `event_text`,
/// `source`, …), one JSON object per line, with the evidence span added.
pub fn plover(data: &ExportData) -> Result<String> {
    let mut out = String::new();
    for (s, ex) in &data.documents {
        for e in &ex.events {
            let ev = e.evidence.first();
            let record = json!({
                "event_id": e.id,
                "event_date": e.time.as_ref().and_then(|t| t.start.clone()),
                "event_date_end": e.time.as_ref().and_then(|t| t.end.clone()),
                "event_date_text": e.time.as_ref().map(|t| t.text.clone()),
                "event_type": e.event_type.label(),
                "mode": e.mode,
                "context": e.context,
                "actor": e.actors.iter().map(plover_actor).collect::<Vec<_>>(),
                "recipient": e.recipients.iter().map(plover_actor).collect::<Vec<_>>(),
                "location": e.locations.iter().map(plover_actor).collect::<Vec<_>>(),
                "event_text": ev.map(|x| x.text.clone()),
                "event_summary": e.summary,
                "factuality": to_value(&e.factuality)?,
                "confidence": e.confidence,
                "arms": e.arms.as_ref().map(to_value).transpose()?,
                "source": s.url.clone().unwrap_or_else(|| s.origin.clone()),
                "document_id": s.id,
                "publisher": s.publisher,
                "publication_date": s.published,
                "language": s.language,
                "headline": s.title,
                "evidence_span": ev.map(|x| json!([x.sentence.start, x.sentence.end])),
                "trigger_span": ev.map(|x| json!([x.trigger.start, x.trigger.end])),
                "rule": ev.map(|x| x.rule.clone()),
            });
            push_line(&mut out, &record);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// FollowTheMoney
// ---------------------------------------------------------------------------------------------

/// An FtM-safe id: lower-case ASCII letters, digits, `-` and `.`.
pub fn ftm_id(prefix: &str, raw: &str) -> String {
    let mut id = format!("ag-{prefix}-");
    let mut last_dash = true;
    for c in raw.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '.' {
            id.push(c);
            last_dash = false;
        } else if !last_dash {
            id.push('-');
            last_dash = true;
        }
    }
    id.trim_end_matches('-').to_string()
}

fn ftm_entity(id: &str, schema: &str, props: Vec<(&str, Vec<String>)>) -> Value {
    let mut properties = serde_json::Map::new();
    for (k, vs) in props {
        let vs: Vec<String> = vs.into_iter().filter(|v| !v.is_empty()).collect();
        if !vs.is_empty() {
            properties.insert(k.to_string(), json!(vs));
        }
    }
    json!({"id": id, "schema": schema, "properties": properties})
}

fn ftm_schema(kind: EntityKind, id: &str) -> Option<&'static str> {
    Some(match kind {
        EntityKind::State => "PublicBody",
        EntityKind::Organisation | EntityKind::Group | EntityKind::Agent => "Organization",
        EntityKind::Person => "Person",
        EntityKind::Place => "Address",
        // Weapons are not FtM things; they appear in event descriptions.
        EntityKind::WeaponSystem | EntityKind::WeaponCategory => return None,
    })
    .filter(|_| !id.is_empty())
}

/// FollowTheMoney entities, one JSON object per line: states as `PublicBody`, organisations
/// as `Organization`, people as `Person`, places as `Address`, documents as `Article`,
/// events as `Event` (with `involved`, `date`, `sourceUrl`, `proof` → the article),
/// memberships as `Membership`, quotes as `Note`, mentions as `Mention`.
pub fn ftm(data: &ExportData) -> Result<String> {
    let mut out = String::new();
    let entities = data.document_entities();
    let mut kinds: BTreeMap<String, (EntityKind, String)> = entities.clone();
    let refs = &data.refs;
    for m in refs
        .memberships
        .iter()
        .filter(|m| data.relevant(&entities, &[&m.member, &m.org]))
    {
        kinds
            .entry(m.member.clone())
            .or_insert((EntityKind::State, m.member.clone()));
        let name = refs
            .organisation(&m.org)
            .map(|o| o.name.clone())
            .unwrap_or(m.org.clone());
        kinds
            .entry(m.org.clone())
            .or_insert((EntityKind::Organisation, name));
    }
    let schema_of: HashMap<String, &str> = kinds
        .iter()
        .filter_map(|(id, (k, _))| ftm_schema(*k, id).map(|s| (id.clone(), s)))
        .collect();
    let entity_id = |id: &str| ftm_id("entity", id);
    for (id, (kind, name)) in &kinds {
        let Some(schema) = ftm_schema(*kind, id) else {
            continue;
        };
        let name_prop = if schema == "Address" { "full" } else { "name" };
        let mut props = vec![
            (name_prop, vec![name.clone()]),
            ("notes", vec![format!("armsgraph id {id}")]),
        ];
        if schema == "Address" {
            props.push(("name", vec![name.clone()]));
        }
        push_line(&mut out, &ftm_entity(&entity_id(id), schema, props));
    }
    for (s, ex) in &data.documents {
        let article = ftm_id("doc", &s.id);
        let url = s.url.clone().unwrap_or_default();
        push_line(
            &mut out,
            &ftm_entity(
                &article,
                "Article",
                vec![
                    ("title", vec![opt(&s.title)]),
                    (
                        "name",
                        vec![
                            opt(&s.title)
                                .chars()
                                .take(200)
                                .collect::<String>()
                                .to_string(),
                            s.id.clone(),
                        ],
                    ),
                    ("publisher", vec![opt(&s.publisher)]),
                    ("sourceUrl", vec![url.clone()]),
                    ("language", vec![opt(&s.language)]),
                    ("publishedAt", vec![opt(&s.published)]),
                    ("contentHash", vec![]),
                    ("fileName", vec![s.origin.clone()]),
                ],
            ),
        );
        for e in &ex.events {
            let ev = e.evidence.first();
            let involved: Vec<String> = e
                .actors
                .iter()
                .chain(&e.recipients)
                .filter(|p| schema_of.contains_key(&p.entity))
                .map(|p| entity_id(&p.entity))
                .collect();
            let location: Vec<String> = e.locations.iter().map(|p| p.name.clone()).collect();
            let span = ev
                .map(|x| {
                    format!(
                        "evidence: document {} chars {}-{}",
                        s.id, x.sentence.start, x.sentence.end
                    )
                })
                .unwrap_or_default();
            push_line(
                &mut out,
                &ftm_entity(
                    &ftm_id("event", &e.id),
                    "Event",
                    vec![
                        (
                            "name",
                            vec![if e.summary.is_empty() {
                                e.event_type.label().to_string()
                            } else {
                                e.summary.clone()
                            }],
                        ),
                        ("summary", vec![e.event_type.label().to_string()]),
                        (
                            "description",
                            vec![ev.map(|x| x.text.clone()).unwrap_or_default()],
                        ),
                        (
                            "date",
                            vec![e
                                .time
                                .as_ref()
                                .and_then(|t| t.start.clone())
                                .unwrap_or_default()],
                        ),
                        (
                            "startDate",
                            vec![e
                                .time
                                .as_ref()
                                .and_then(|t| t.start.clone())
                                .unwrap_or_default()],
                        ),
                        (
                            "endDate",
                            vec![e
                                .time
                                .as_ref()
                                .and_then(|t| t.end.clone())
                                .unwrap_or_default()],
                        ),
                        ("involved", involved),
                        ("location", location),
                        ("sourceUrl", vec![url.clone()]),
                        ("proof", vec![article.clone()]),
                        ("notes", vec![span]),
                    ],
                ),
            );
        }
        for q in &ex.quotes {
            let speaker = q
                .speaker
                .as_ref()
                .and_then(|x| x.entity.clone())
                .filter(|e| schema_of.contains_key(e));
            push_line(
                &mut out,
                &ftm_entity(
                    &ftm_id("quote", &q.id),
                    "Note",
                    vec![
                        (
                            "name",
                            vec![q
                                .speaker
                                .as_ref()
                                .map(|x| x.name.clone())
                                .unwrap_or_else(|| "quote".into())],
                        ),
                        ("description", vec![q.message_text.clone()]),
                        ("entity", speaker.iter().map(|e| entity_id(e)).collect()),
                        ("sourceUrl", vec![url.clone()]),
                        ("proof", vec![article.clone()]),
                        (
                            "notes",
                            vec![format!(
                                "quote: document {} chars {}-{}",
                                s.id, q.message.start, q.message.end
                            )],
                        ),
                    ],
                ),
            );
        }
        // One Mention per id: the id folds case and punctuation (`He` and `he` are one), so
        // deduplicating on the raw text would write the same id twice.
        let mut seen = BTreeSet::new();
        for m in &ex.entities {
            let id = ftm_id("mention", &format!("{}-{}-{}", s.id, m.entity, m.text));
            if !schema_of.contains_key(&m.entity) || !seen.insert(id.clone()) {
                continue;
            }
            push_line(
                &mut out,
                &ftm_entity(
                    &id,
                    "Mention",
                    vec![
                        ("name", vec![m.text.clone()]),
                        ("document", vec![article.clone()]),
                        ("resolved", vec![entity_id(&m.entity)]),
                        (
                            "detectedSchema",
                            vec![schema_of
                                .get(&m.entity)
                                .copied()
                                .unwrap_or("LegalEntity")
                                .to_string()],
                        ),
                    ],
                ),
            );
        }
    }
    for m in refs
        .memberships
        .iter()
        .filter(|m| data.relevant(&entities, &[&m.member, &m.org]))
    {
        push_line(
            &mut out,
            &ftm_entity(
                &ftm_id("membership", &m.provenance.source()),
                "Membership",
                vec![
                    ("member", vec![entity_id(&m.member)]),
                    ("organization", vec![entity_id(&m.org)]),
                    ("startDate", vec![opt(&m.joined)]),
                    ("endDate", vec![opt(&m.left)]),
                    ("publisher", vec![m.provenance.dataset.clone()]),
                    ("recordId", vec![m.provenance.source()]),
                    ("description", vec![m.note.clone()]),
                ],
            ),
        );
    }
    Ok(out)
}

/// Write every format into `dir` (`csv/`, `armsgraph.jsonl`, `armsgraph.graphml`, …).
pub fn write_all(data: &ExportData, dir: &Path) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for f in Format::ALL {
        let path = match f {
            Format::Csv => dir.join("csv"),
            Format::Plover => dir.join("plover.jsonl"),
            Format::Ftm => dir.join("ftm.jsonl"),
            Format::GexfDynamic => dir.join("armsgraph.dynamic.gexf"),
            other => dir.join(format!("armsgraph.{}", other.label())),
        };
        written.extend(write(data, f, &path)?);
    }
    Ok(written)
}

/// Flush helper for callers writing to stdout.
pub fn write_to(mut w: impl Write, text: &str) -> std::io::Result<()> {
    w.write_all(text.as_bytes())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftm_ids_are_safe_and_stable() {
        assert_eq!(
            ftm_id("entity", "person:vladimir-putin"),
            "ag-entity-person-vladimir-putin"
        );
        assert_eq!(
            ftm_id("event", "a312bb5ec67a1c98:e1"),
            "ag-event-a312bb5ec67a1c98-e1"
        );
        assert_eq!(
            ftm_id(
                "membership",
                "reference:alliance-memberships:CSTO/BLR/1993-12-31"
            ),
            "ag-membership-reference-alliance-memberships-csto-blr-1993-12-31"
        );
    }

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }

    /// Every element of an XML text as (name, attributes), after checking that the text is
    /// well-formed (quick-xml checks that end tags match).
    fn elements(text: &str) -> Vec<(String, BTreeMap<String, String>)> {
        use quick_xml::events::Event as X;
        let mut reader = quick_xml::Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            match reader.read_event() {
                Ok(X::Start(e)) | Ok(X::Empty(e)) => {
                    let name = e.name().as_ref().to_string();
                    let attrs = e
                        .attributes()
                        .map(|a| {
                            let a = a.expect("well-formed attribute");
                            (
                                a.key.as_ref().to_string(),
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .expect("escaped value")
                                    .into_owned(),
                            )
                        })
                        .collect();
                    out.push((name, attrs));
                    depth += 1;
                }
                Ok(X::End(_)) => depth = depth.saturating_sub(1),
                Ok(X::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed XML: {e}\n{text}"),
            }
        }
        out
    }

    fn edge(source: &str, target: &str, relation: &str, start: &str, end: &str) -> Edge {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Edge {
            source: source.into(),
            target: target.into(),
            relation: relation.into(),
            start: some(start),
            end: some(end),
            statement: format!("{source} {relation} {target} <&>"),
            provenance: format!("reference:test:{source}/{target}/{start}"),
            ..Edge::default()
        }
    }

    fn sample_graph() -> Graph {
        let node = |id: &str, kind: &str| Node {
            id: id.into(),
            label: format!("{id} \"name\""),
            kind: kind.into(),
        };
        Graph {
            nodes: vec![
                node("ARM", "state"),
                node("AZE", "state"),
                node("BLR", "state"),
                node("CSTO", "organisation"),
                node("person:x", "person"),
            ],
            edges: vec![
                edge("AZE", "CSTO", "membership", "1994-04-20", "1999-04-02"),
                edge("ARM", "CSTO", "membership", "1994-04-20", ""),
                edge("AZE", "ARM", "conflict", "2016", "2016"),
                edge("AZE", "ARM", "conflict", "2017", "2017"),
                edge("AZE", "ARM", "conflict", "2020", "2020"),
                edge("BLR", "AZE", "arms_transfer", "2018-05", "2018-05"),
                edge("BLR", "AZE", "arms_transfer", "", ""),
            ],
        }
    }

    #[test]
    fn partial_dates_end_on_their_last_calendar_day() {
        assert_eq!(date_last_day("2022").as_deref(), Some("2022-12-31"));
        assert_eq!(date_last_day("2024-02").as_deref(), Some("2024-02-29"));
        assert_eq!(date_last_day("1900-02").as_deref(), Some("1900-02-28"));
        assert_eq!(date_last_day("2000-02").as_deref(), Some("2000-02-29"));
        assert_eq!(date_last_day("2022-09").as_deref(), Some("2022-09-30"));
        assert_eq!(date_last_day("2022-09-13").as_deref(), Some("2022-09-13"));
        assert_eq!(date_last_day("soon"), None);
        assert_eq!(date_last_day("20ü2"), None);
        assert_eq!(next_day("2016-12-31").as_deref(), Some("2017-01-01"));
        assert_eq!(next_day("2024-02-28").as_deref(), Some("2024-02-29"));
        assert_eq!(next_day("2023-02-28").as_deref(), Some("2023-03-01"));
        assert_eq!(next_day("2023-0ü-28"), None);
    }

    #[test]
    fn fact_spells_widen_partial_dates_and_drop_backward_ends() {
        let sp = |a: &str, b: Option<&str>| Spell {
            start: Some(a.into()),
            end: b.map(str::to_string),
        };
        assert_eq!(
            fact_spell(Some("2016"), Some("2016")),
            Some(sp("2016-01-01", Some("2016-12-31")))
        );
        assert_eq!(
            fact_spell(Some("2020-05-01"), Some("2019")),
            Some(sp("2020-05-01", None))
        );
        assert_eq!(fact_spell(None, None), None);
        assert_eq!(fact_spell(Some("unknown"), None), None);
    }

    #[test]
    fn spells_merge_when_they_overlap_or_stay_open() {
        let sp = |a: Option<&str>, b: Option<&str>| Spell {
            start: a.map(str::to_string),
            end: b.map(str::to_string),
        };
        let merged = merge_spells(vec![
            sp(Some("2020-01-01"), Some("2020-12-31")),
            sp(Some("2016-01-01"), Some("2016-12-31")),
            sp(Some("2016-06-01"), Some("2017-03-31")),
        ]);
        assert_eq!(
            merged,
            vec![
                sp(Some("2016-01-01"), Some("2017-03-31")),
                sp(Some("2020-01-01"), Some("2020-12-31")),
            ]
        );
        let open = merge_spells(vec![
            sp(Some("2010-01-01"), None),
            sp(Some("2020-01-01"), Some("2020-12-31")),
        ]);
        assert_eq!(open, vec![sp(Some("2010-01-01"), None)]);
        assert_eq!(merge_spells(Vec::new()), Vec::new());
    }

    #[test]
    fn dynamic_gexf_parses_back_with_time_on_edges_and_nodes() {
        let text = gexf_dynamic(&sample_graph());
        let els = elements(&text);
        let graph = els.iter().find(|(n, _)| n == "graph").expect("a graph");
        assert_eq!(graph.1.get("mode").map(String::as_str), Some("dynamic"));
        assert_eq!(graph.1.get("timeformat").map(String::as_str), Some("date"));
        let edges: Vec<&BTreeMap<String, String>> = els
            .iter()
            .filter(|(n, _)| n == "edge")
            .map(|(_, a)| a)
            .collect();
        // Parallel facts are one edge each (source, target, relation).
        assert_eq!(edges.len(), 4, "{text}");
        let find = |s: &str, t: &str| {
            edges
                .iter()
                .find(|a| a["source"] == s && a["target"] == t)
                .copied()
                .expect("edge")
        };
        // An ended membership ends; a current one stays open.
        let left = find("AZE", "CSTO");
        assert_eq!(left.get("start").map(String::as_str), Some("1994-04-20"));
        assert_eq!(left.get("end").map(String::as_str), Some("1999-04-02"));
        let member = find("ARM", "CSTO");
        assert_eq!(member.get("start").map(String::as_str), Some("1994-04-20"));
        assert_eq!(member.get("end"), None);
        // Three conflict years, 2016 and 2017 joined: two spells, dates widened to days.
        let conflict = find("AZE", "ARM");
        assert_eq!(conflict.get("weight").map(String::as_str), Some("3"));
        assert_eq!(conflict.get("start"), None);
        let spells: Vec<(String, String)> = els
            .iter()
            .filter(|(n, _)| n == "spell")
            .map(|(_, a)| {
                (
                    a["start"].clone(),
                    a.get("end").cloned().unwrap_or_default(),
                )
            })
            .collect();
        assert!(
            spells.contains(&("2016-01-01".into(), "2017-12-31".into())),
            "{spells:?}"
        );
        assert!(spells.contains(&("2020-01-01".into(), "2020-12-31".into())));
        // A transfer with one dated and one undated report: on the timeline at its date.
        let transfer = find("BLR", "AZE");
        assert_eq!(
            transfer.get("start").map(String::as_str),
            Some("2018-05-01")
        );
        assert_eq!(transfer.get("end").map(String::as_str), Some("2018-05-31"));
        // Nodes live while their edges do; one without edges has no time.
        let node = |id: &str| {
            els.iter()
                .find(|(n, a)| n == "node" && a["id"] == id)
                .map(|(_, a)| a)
                .expect("node")
        };
        assert_eq!(
            node("BLR").get("start").map(String::as_str),
            Some("2018-05-01")
        );
        assert_eq!(
            node("CSTO").get("start").map(String::as_str),
            Some("1994-04-20")
        );
        assert_eq!(node("CSTO").get("end"), None);
        assert_eq!(node("person:x").get("start"), None);
        assert_eq!(node("person:x")["label"], "person:x \"name\"");
        // Every date Gephi reads is a calendar date.
        for (_, a) in &els {
            for k in ["start", "end"] {
                if let Some(v) = a.get(k) {
                    assert!(
                        v.len() == 10 && armsgraph_kb::reference::date_floor(v).as_ref() == Some(v),
                        "{k}={v}"
                    );
                }
            }
        }
    }

    #[test]
    fn static_gexf_parses_back_with_one_edge_per_fact_and_no_time() {
        let text = gexf(&sample_graph());
        let els = elements(&text);
        let graph = els.iter().find(|(n, _)| n == "graph").expect("a graph");
        assert_eq!(graph.1.get("mode").map(String::as_str), Some("static"));
        let edges: Vec<_> = els.iter().filter(|(n, _)| n == "edge").collect();
        assert_eq!(edges.len(), 7);
        assert!(edges.iter().all(|(_, a)| !a.contains_key("start")));
        // The dates stay readable as attributes.
        assert!(els
            .iter()
            .any(|(n, a)| n == "attvalue" && a["for"] == "end" && a["value"] == "1999-04-02"));
    }

    #[test]
    fn formats_parse_by_name() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.label()), Some(f));
        }
        assert_eq!(Format::parse("followthemoney"), Some(Format::Ftm));
        assert_eq!(Format::parse("xlsx"), None);
    }
}
