//! Server-rendered pages. Small scripts in `/static/` add clicks and the graph; every page is
//! readable without them.

use std::fmt::Write;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use armsgraph_model::{
    EntityKind, Event, Evidence, Extraction, Mention, Participant, Quote, Span, Speaker, TextIndex,
};
use armsgraph_store::{DocumentSummary, StoredEvent};

use crate::api::{parse_event_type, EventQuery, GraphQuery};
use crate::error::PageError;
use crate::html::{
    annotated_text, document_href, enc, entity_link, esc, page, safe_url, Annotation,
};
use crate::views::{self, Relation};
use crate::{AppError, AppState};

type PageResult = Result<Html<String>, PageError>;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/documents", get(documents))
        .route("/documents/{id}", get(document))
        .route("/entities/{id}", get(entity))
        .route("/graph", get(graph))
        .route("/timeline", get(timeline))
        .route("/alerts", get(alerts))
        .route("/ingest", get(ingest))
}

/// Unknown addresses: a page, or JSON for anything under `/api` the API router did not take
/// (`/api` and `/api/` themselves).
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        return crate::error::json_error(StatusCode::NOT_FOUND, "no such API route");
    }
    PageError(AppError::NotFound(
        "There is no page at this address.".into(),
    ))
    .into_response()
}

fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "state",
        EntityKind::Organisation => "organisation",
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::WeaponSystem => "weapon system",
        EntityKind::WeaponCategory => "weapon category",
        EntityKind::Group => "group",
        EntityKind::Agent => "generic actor",
    }
}

fn kind_class(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "k-state",
        EntityKind::Organisation => "k-org",
        EntityKind::Person => "k-person",
        EntityKind::Place => "k-place",
        EntityKind::WeaponSystem | EntityKind::WeaponCategory => "k-weapon",
        EntityKind::Group | EntityKind::Agent => "k-group",
    }
}

fn doc_title(summary: &DocumentSummary) -> String {
    summary
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("Untitled document {}", summary.id))
}

/// A search snippet whose matches the store marked with `[` `]`, as HTML with `<mark>`.
fn snippet_html(snippet: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    for c in snippet.chars() {
        match c {
            '[' if !open => {
                out.push_str("<mark>");
                open = true;
            }
            ']' if open => {
                out.push_str("</mark>");
                open = false;
            }
            _ => out.push_str(&esc(c.encode_utf8(&mut [0; 4]))),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

fn search_form(q: &str) -> String {
    format!(
        "<form class=\"search big\" action=\"/search\" method=\"get\" role=\"search\">\
<input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search documents and entities, e.g. Aserbaidschan, OVKS, Artillerie\" aria-label=\"Search words\" autofocus>\
<button type=\"submit\">Search</button></form>",
        esc(q)
    )
}

fn document_row(d: &DocumentSummary) -> String {
    let mut meta = Vec::new();
    if let Some(p) = &d.publisher {
        meta.push(esc(p));
    }
    if let Some(p) = &d.published {
        meta.push(esc(p));
    }
    if let Some(l) = &d.language {
        meta.push(esc(l));
    }
    meta.push(format!("{} events · {} quotes", d.events, d.quotes));
    format!(
        "<li class=\"doc-row\"><a href=\"{}\">{}</a><div class=\"meta\">{}</div></li>",
        document_href(&d.id, None),
        esc(&doc_title(d)),
        meta.join(" · ")
    )
}

async fn home(State(state): State<AppState>) -> PageResult {
    let (stats, recent, top) = state
        .with_views(|s, _, _, cache| {
            Ok((
                cache.stats(s)?,
                views::recent_documents(s, 10)?,
                s.top_entities(None, 24)?,
            ))
        })
        .await?;
    let mut body = String::new();
    body.push_str("<section class=\"hero\"><h1>Search the news graph</h1>");
    body.push_str(&search_form(""));
    let _ = write!(
        body,
        "<p class=\"stats\"><span><b>{}</b> documents</span><span><b>{}</b> entities</span>\
<span><b>{}</b> events</span><span><b>{}</b> quotes</span></p></section>",
        stats.documents, stats.entities, stats.events, stats.quotes
    );
    body.push_str("<div class=\"columns\"><section><h2>Recently added</h2>");
    if recent.is_empty() {
        body.push_str("<p class=\"empty\">No documents yet. Add some on the <a href=\"/ingest\">ingest</a> page or with <code>armsgraph ingest</code>.</p>");
    } else {
        body.push_str("<ul class=\"docs\">");
        for d in &recent {
            body.push_str(&document_row(d));
        }
        body.push_str("</ul><p><a href=\"/documents\">All documents →</a></p>");
    }
    body.push_str("</section><section><h2>Most mentioned</h2><div class=\"chips\">");
    for e in &top {
        let _ = write!(
            body,
            "<a class=\"chip {}\" href=\"/entities/{}\">{} <small>{}</small></a>",
            kind_class(e.kind),
            enc(&e.id),
            esc(&e.name),
            e.mentions
        );
    }
    body.push_str("</div></section></div>");
    Ok(page("Search", "search", &body))
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
}

async fn search(State(state): State<AppState>, Query(params): Query<SearchParams>) -> PageResult {
    let q = params.q.unwrap_or_default();
    let query = q.clone();
    let results = state
        .with_views(move |s, _, _, cache| Ok(cache.search(s, &query, 50)?))
        .await?;
    let mut body = String::new();
    body.push_str(&search_form(&q));
    if q.trim().is_empty() {
        body.push_str("<p class=\"empty\">Type a word to search.</p>");
        return Ok(page("Search", "search", &body));
    }
    body.push_str("<div class=\"columns results\"><section>");
    let _ = write!(
        body,
        "<h2>Documents <small>{}</small></h2>",
        results.documents.len()
    );
    if results.documents.is_empty() {
        body.push_str("<p class=\"empty\">No document contains every word.</p>");
    }
    body.push_str("<ol class=\"hits\">");
    for hit in &results.documents {
        let title = hit
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("Untitled document {}", hit.id));
        let _ = write!(
            body,
            "<li class=\"hit\"><a class=\"hit-title\" href=\"{}\">{}</a><p class=\"snippet\">{}</p></li>",
            document_href(&hit.id, None),
            esc(&title),
            snippet_html(&hit.snippet)
        );
    }
    body.push_str("</ol></section><section>");
    let _ = write!(
        body,
        "<h2>Entities <small>{}</small></h2>",
        results.entities.len()
    );
    if results.entities.is_empty() {
        body.push_str("<p class=\"empty\">No entity by that name.</p>");
    }
    body.push_str("<ul class=\"entity-hits\">");
    for e in &results.entities {
        let _ = write!(
            body,
            "<li><span class=\"badge {}\">{}</span> {} <span class=\"meta\">{} mentions in {} documents</span></li>",
            kind_class(e.kind),
            kind_label(e.kind),
            entity_link(&e.id, &e.name),
            e.mentions,
            e.documents
        );
    }
    body.push_str("</ul></section></div>");
    Ok(page(&format!("Search: {q}"), "search", &body))
}

#[derive(Debug, Deserialize)]
struct ListParams {
    page: Option<String>,
}

const PAGE_SIZE: usize = 50;

/// A 1-based page number from a query, checked: `None` when absent or empty.
fn page_number(value: Option<&str>, last: usize) -> Result<Option<usize>, AppError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match v.parse::<usize>() {
        Ok(n) if (1..=last).contains(&n) => Ok(Some(n)),
        _ => Err(AppError::BadRequest(format!(
            "page must be a number from 1 to {last}, not {v:?}"
        ))),
    }
}

async fn documents(State(state): State<AppState>, Query(params): Query<ListParams>) -> PageResult {
    // Pages past the end are empty; numbers past the offset limit are mistakes.
    let last = crate::api::MAX_OFFSET / PAGE_SIZE + 1;
    let page_no = page_number(params.page.as_deref(), last)?.unwrap_or(1);
    let offset = (page_no - 1) * PAGE_SIZE;
    let (docs, stats) = state
        .with_views(move |s, _, _, cache| Ok((s.documents(PAGE_SIZE, offset)?, cache.stats(s)?)))
        .await?;
    let mut body = format!("<h1>Documents <small>{}</small></h1>", stats.documents);
    if docs.is_empty() {
        body.push_str("<p class=\"empty\">No documents on this page.</p>");
    }
    body.push_str("<ul class=\"docs\">");
    for d in &docs {
        body.push_str(&document_row(d));
    }
    body.push_str("</ul><nav class=\"pager\">");
    if page_no > 1 {
        let _ = write!(
            body,
            "<a href=\"/documents?page={}\">← Newer</a>",
            page_no - 1
        );
    }
    if (offset + docs.len()) < stats.documents.max(0) as usize {
        let _ = write!(
            body,
            "<a href=\"/documents?page={}\">Older →</a>",
            page_no + 1
        );
    }
    body.push_str("</nav>");
    Ok(page("Documents", "documents", &body))
}

#[derive(Debug, Deserialize)]
struct DocumentParams {
    /// `start-end` (chars): a span to highlight and scroll to.
    hl: Option<String>,
    /// Which page of annotations to show (1-based), for documents with more than one.
    page: Option<String>,
}

/// Annotations one document page shows at most: a document with 80,000 mentions is shown in
/// pages of these, so one request costs what it shows.
const MENTIONS_PER_PAGE: usize = 2_000;
const EVENTS_PER_PAGE: usize = 500;
const QUOTES_PER_PAGE: usize = 500;
/// Headings, entity chips and warnings shown at most (hostile documents may have many).
const MAX_HEADINGS: usize = 2_000;
const MAX_CHIPS: usize = 500;
const MAX_WARNINGS: usize = 200;

/// How many annotation pages a document needs.
fn annotation_pages(ex: &Extraction) -> usize {
    [
        ex.entities.len().div_ceil(MENTIONS_PER_PAGE),
        ex.events.len().div_ceil(EVENTS_PER_PAGE),
        ex.quotes.len().div_ceil(QUOTES_PER_PAGE),
        1,
    ]
    .into_iter()
    .max()
    .unwrap_or(1)
}

/// One document being rendered: its text with a char index, lookups of its events and quotes
/// by id, and which page of annotations is shown (0-based).
struct DocView<'a> {
    text: &'a str,
    index: TextIndex,
    id: &'a str,
    events: &'a [Event],
    quotes: &'a [Quote],
    event_ids: std::collections::HashMap<&'a str, usize>,
    quote_ids: std::collections::HashMap<&'a str, usize>,
    part: usize,
    document: &'a armsgraph_model::Document,
}

impl<'a> DocView<'a> {
    /// ` · page N` for a span of this document when it is paged (PDF, scan).
    fn page_label(&self, document: &str, at: usize) -> String {
        if !document.is_empty() && document != self.id {
            return String::new();
        }
        self.document
            .page_of(at)
            .map(|p| format!(" · page {p}"))
            .unwrap_or_default()
    }

    fn new(ex: &'a Extraction, part: usize) -> DocView<'a> {
        DocView {
            document: &ex.document,
            text: &ex.document.text,
            index: TextIndex::new(&ex.document.text),
            id: &ex.document.id,
            events: &ex.events,
            quotes: &ex.quotes,
            event_ids: ex
                .events
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), i))
                .collect(),
            quote_ids: ex
                .quotes
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.as_str(), i))
                .collect(),
            part,
        }
    }

    /// The text a span covers, for display next to structured fields (empty when the span
    /// does not fit the text).
    fn span_text(&self, span: Span) -> &'a str {
        self.text.get(self.index.byte_range(span)).unwrap_or("")
    }

    /// Whether item `i` of a list shown `per_page` at a time is on this page.
    fn on_page(&self, i: usize, per_page: usize) -> bool {
        i / per_page == self.part
    }

    /// A link that opens item `prefix{i}` in the side panel, or goes to its page.
    fn item_link(&self, prefix: &str, i: usize, per_page: usize, label: &str) -> String {
        if self.on_page(i, per_page) {
            format!(
                "<a href=\"#a-{prefix}{i}\" data-open=\"{prefix}{i}\">{}</a>",
                esc(label)
            )
        } else {
            format!(
                "<a href=\"/documents/{}?page={}#a-{prefix}{i}\">{}</a>",
                enc(self.id),
                i / per_page + 1,
                esc(label)
            )
        }
    }
}

fn parse_span(s: &str) -> Option<Span> {
    let (a, b) = s.split_once('-')?;
    let span = Span::new(a.trim().parse().ok()?, b.trim().parse().ok()?);
    (!span.is_empty()).then_some(span)
}

fn dl(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<dl>");
    for (k, v) in rows {
        if !v.is_empty() {
            let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), v);
        }
    }
    out.push_str("</dl>");
    out
}

fn participants(list: &[Participant]) -> String {
    list.iter()
        .map(|p| {
            let how = if p.how.is_empty() || p.how == "explicit" {
                String::new()
            } else {
                format!(" <span class=\"how\">{}</span>", esc(&p.how))
            };
            format!("{}{how}", entity_link(&p.entity, &p.name))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A collapsed "JSON" block for one item of the extraction (`entities`, `events`, `quotes`).
/// The script fills it from `/api/documents/{id}` when opened, which keeps the page small:
/// the fields above already show everything in readable form.
fn raw_json(part: &str, index: usize) -> String {
    format!(
        "<details class=\"raw\" data-part=\"{}\" data-index=\"{index}\"><summary>JSON</summary><pre></pre></details>",
        esc(part)
    )
}

fn confidence(c: f32) -> String {
    format!("{:.0}%", (c * 100.0).clamp(0.0, 100.0))
}

fn mention_detail(key: &str, index: usize, m: &Mention, doc: &DocView) -> String {
    let mut rows = vec![
        ("Entity", entity_link(&m.entity, &m.name)),
        ("Id", format!("<code>{}</code>", esc(&m.entity))),
        ("Kind", kind_label(m.kind).to_string()),
        ("Written", format!("„{}“", esc(&m.text))),
        ("Linked by", esc(&format!("{:?}", m.method).to_lowercase())),
        ("Rule", esc(&m.rule)),
        ("Confidence", confidence(m.confidence)),
        ("Why", esc(&m.reason)),
    ];
    if let Some(a) = m.antecedent {
        rows.push(("Refers to", format!("„{}“", esc(doc.span_text(a)))));
    }
    if !m.members.is_empty() {
        rows.push((
            "Stands for",
            m.members
                .iter()
                .map(|id| entity_link(id, id))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    format!(
        "<section class=\"detail\" id=\"d-{}\" data-kind=\"mention\" hidden><h3><span class=\"badge {}\">{}</span> {}</h3>{}{}</section>",
        esc(key),
        kind_class(m.kind),
        kind_label(m.kind),
        esc(&m.name),
        dl(&rows),
        raw_json("entities", index)
    )
}

fn event_detail(key: &str, index: usize, e: &Event, doc: &DocView) -> String {
    let mut rows = vec![
        (
            "Type",
            format!("<span class=\"etype\">{}</span>", e.event_type.label()),
        ),
        ("Summary", esc(&e.summary)),
        ("Mode", esc(e.mode.as_deref().unwrap_or(""))),
        ("Context", esc(&e.context.join(", "))),
        ("Actors", participants(&e.actors)),
        ("Recipients", participants(&e.recipients)),
        ("Locations", participants(&e.locations)),
    ];
    if let Some(t) = &e.time {
        let range = match (&t.start, &t.end) {
            (Some(s), Some(end)) if s != end => format!("{s} – {end}"),
            (Some(s), _) => s.clone(),
            _ => "unresolved".to_string(),
        };
        rows.push((
            "Time",
            format!(
                "„{}“ → {} <span class=\"how\">{}</span>",
                esc(&t.text),
                esc(&range),
                esc(&t.anchor)
            ),
        ));
    }
    rows.push((
        "Factuality",
        esc(&format!("{:?}", e.factuality).to_lowercase()),
    ));
    rows.push(("Confidence", confidence(e.confidence)));
    if let Some(arms) = &e.arms {
        let weapons: Vec<String> = arms
            .weapons
            .iter()
            .map(|w| match w.system.as_ref().or(w.category.as_ref()) {
                Some(id) => format!("{} <code>{}</code>", esc(&w.text), esc(id)),
                None => esc(&w.text),
            })
            .collect();
        rows.push(("Weapons", weapons.join(", ")));
        if let Some(q) = arms.quantity {
            rows.push(("Quantity", q.to_string()));
        }
        let status: Vec<String> = arms
            .status
            .iter()
            .map(|s| format!("{s:?}").to_lowercase())
            .collect();
        rows.push(("Transfer status", esc(&status.join(", "))));
        rows.push(("Cited documents", esc(&arms.cited_documents.join("; "))));
        rows.push(("Used in", esc(&arms.used_in.join("; "))));
    }
    if let Some(n) = e.displaced {
        rows.push(("Displaced", n.to_string()));
    }
    rows.push(("Outcome", esc(e.outcome.as_deref().unwrap_or(""))));
    if let Some(quote) = &e.quote {
        rows.push((
            "Claimed in",
            links_to(
                std::slice::from_ref(quote),
                doc,
                Linked::Quotes,
                |q: &Quote| {
                    let speaker = q
                        .speaker
                        .as_ref()
                        .map(|s| s.name.as_str())
                        .unwrap_or("unknown");
                    format!("quote by {speaker}")
                },
            ),
        ));
    }
    let mut inferences = String::new();
    for inf in &e.inferences {
        let _ = write!(
            inferences,
            "<div class=\"inference\"><b>{}</b>: {} <p>{}</p><ul>",
            esc(&inf.role),
            inf.chosen
                .as_deref()
                .map(|c| entity_link(c, c))
                .unwrap_or_else(|| "undecided".into()),
            esc(&inf.reason)
        );
        for c in &inf.candidates {
            let _ = write!(
                inferences,
                "<li>{} {:.2} — {}</li>",
                entity_link(&c.entity, &c.entity),
                c.score,
                esc(&c.reasons.join("; "))
            );
        }
        inferences.push_str("</ul></div>");
    }
    rows.push(("Inferred roles", inferences));
    let evidence: Vec<String> = e
        .evidence
        .iter()
        .map(|ev| {
            format!(
                "<blockquote>{}</blockquote><span class=\"how\">trigger „{}“{} · rule {}</span>",
                esc(&ev.text),
                esc(doc.span_text(ev.trigger)),
                esc(&doc.page_label(&ev.document, ev.sentence.start)),
                esc(&ev.rule)
            )
        })
        .collect();
    rows.push(("Evidence", evidence.join("")));
    format!(
        "<section class=\"detail\" id=\"d-{}\" data-kind=\"event\" hidden><h3><span class=\"etype\">{}</span> {}</h3>{}{}</section>",
        esc(key),
        e.event_type.label(),
        esc(&e.summary),
        dl(&rows),
        raw_json("events", index)
    )
}

/// Which list of the document a link points into.
#[derive(Clone, Copy)]
enum Linked {
    Events,
    Quotes,
}

/// Links that open other items of the same document in the side panel (`data-open`), by id,
/// or go to the page that shows them; ids not found are shown as text. Ids are looked up in
/// maps, so a document with many events and quotes costs no more than their number.
fn links_to(
    ids: &[String],
    doc: &DocView,
    list: Linked,
    label: impl Fn(&Quote) -> String,
) -> String {
    ids.iter()
        .map(|id| match list {
            Linked::Quotes => match doc.quote_ids.get(id.as_str()) {
                Some(&i) => doc.item_link("q", i, QUOTES_PER_PAGE, &label(&doc.quotes[i])),
                None => esc(id),
            },
            Linked::Events => match doc.event_ids.get(id.as_str()) {
                Some(&i) => {
                    let e = &doc.events[i];
                    let text = format!("{} {}", e.event_type.label(), e.summary);
                    doc.item_link("e", i, EVENTS_PER_PAGE, &text)
                }
                None => esc(id),
            },
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn speaker_html(s: &Speaker) -> String {
    let name = match &s.entity {
        Some(id) => entity_link(id, &s.name),
        None => esc(&s.name),
    };
    format!("{name} <span class=\"how\">{}</span>", esc(&s.kind))
}

fn quote_detail(key: &str, index: usize, q: &Quote, doc: &DocView) -> String {
    let mut rows = vec![
        (
            "Speaker",
            q.speaker
                .as_ref()
                .map(speaker_html)
                .unwrap_or_else(|| "unknown".into()),
        ),
        (
            "Addressee",
            q.addressee.as_ref().map(speaker_html).unwrap_or_default(),
        ),
        ("Kind", esc(&format!("{:?}", q.kind).to_lowercase())),
        ("Cue", esc(q.cue_text.as_deref().unwrap_or(""))),
        ("Rule", esc(&q.rule)),
        ("Confidence", confidence(q.confidence)),
        (
            "Events",
            links_to(&q.events, doc, Linked::Events, |_| String::new()),
        ),
    ];
    if let Some(sp) = q.speaker.as_ref().and_then(|s| s.span) {
        rows.push(("Named as", format!("„{}“", esc(doc.span_text(sp)))));
    }
    if let Some(a) = q.speaker.as_ref().and_then(|s| s.antecedent) {
        rows.push(("Which refers to", format!("„{}“", esc(doc.span_text(a)))));
    }
    let speaker = q
        .speaker
        .as_ref()
        .map(|s| s.name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Unknown speaker".into());
    format!(
        "<section class=\"detail\" id=\"d-{}\" data-kind=\"quote\" hidden><h3><span class=\"badge quote\">quote</span> <span class=\"speaker\">{}</span></h3>\
<blockquote class=\"message\">{}</blockquote>{}{}</section>",
        esc(key),
        esc(&speaker),
        esc(&q.message_text),
        dl(&rows),
        raw_json("quotes", index)
    )
}

/// How a document arrived with others: the e-mail it was attached to, its attachments.
#[derive(Default, Clone, Copy)]
struct Links<'a> {
    parent: Option<&'a armsgraph_store::LinkedDocument>,
    attachments: &'a [armsgraph_store::LinkedDocument],
}

impl Links<'_> {
    fn render(&self, d: &armsgraph_model::Document) -> String {
        let link = |l: &armsgraph_store::LinkedDocument, fallback: &str| {
            format!(
                "<a href=\"{}\">{}</a>",
                document_href(&l.id, None),
                esc(l.title.as_deref().unwrap_or(fallback))
            )
        };
        let mut out = String::new();
        if let Some(p) = self.parent {
            let _ = write!(
                out,
                "<p class=\"notice\">Attached to the e-mail {}</p>",
                link(p, "message")
            );
        }
        let listed = d
            .source
            .as_ref()
            .map(|s| s.attachments.as_slice())
            .unwrap_or_default();
        if !listed.is_empty() {
            let items: Vec<String> = listed
                .iter()
                .map(
                    |a| match self.attachments.iter().find(|l| l.origin == a.origin) {
                        Some(l) => format!("{} ({})", link(l, &a.name), esc(&a.name)),
                        None => format!(
                            "{} <span class=\"how\">not stored: {}</span>",
                            esc(&a.name),
                            esc(a
                                .unread
                                .as_deref()
                                .unwrap_or("not read, or a copy of a stored document"))
                        ),
                    },
                )
                .collect();
            let _ = write!(
                out,
                "<p class=\"notice\">Attachments: {}</p>",
                items.join(", ")
            );
        }
        out
    }
}

/// The file or message facts of a leaked document, as one escaped line.
fn source_meta(src: &armsgraph_model::SourceMeta, pages: usize) -> String {
    let mut parts: Vec<String> = vec![format!("<span>{}</span>", esc(&src.format.to_uppercase()))];
    if pages > 0 {
        parts.push(format!(
            "<span>{pages} page{}</span>",
            if pages == 1 { "" } else { "s" }
        ));
    }
    if !src.ocr_pages.is_empty() {
        let list: Vec<String> = src.ocr_pages.iter().map(usize::to_string).collect();
        parts.push(format!(
            "<span>read by OCR: page {}</span>",
            esc(&list.join(", "))
        ));
    }
    let mut push = |label: &str, value: &str| {
        parts.push(format!("<span>{label} {}</span>", esc(value)));
    };
    if let Some(f) = &src.from {
        push("from", f);
    }
    if !src.to.is_empty() {
        push("to", &src.to.join(", "));
    }
    if !src.cc.is_empty() {
        push("cc", &src.cc.join(", "));
    }
    if src.from.is_none() && !src.authors.is_empty() {
        push("author", &src.authors.join(", "));
    }
    if let Some(c) = &src.created {
        push(
            if src.from.is_some() {
                "sent"
            } else {
                "created"
            },
            c,
        );
    }
    if let Some(m) = &src.modified {
        push("modified", m);
    }
    parts.join(" · ")
}

/// The evidence's span worth highlighting: its sentence, else its trigger.
fn evidence_span(ev: &Evidence) -> Option<Span> {
    [ev.sentence, ev.trigger]
        .into_iter()
        .find(|s| !s.is_empty())
}

/// The document page body, showing annotation page `part` (0-based).
fn document_page(
    summary: &DocumentSummary,
    ex: &Extraction,
    copies: &[String],
    links: Links<'_>,
    highlight: Option<Span>,
    part: usize,
) -> String {
    let text = &ex.document.text;
    let doc_id = &ex.document.id;
    let doc = DocView::new(ex, part);
    let pages = annotation_pages(ex);
    let window = |per_page: usize| part * per_page..(part + 1) * per_page;
    let mut anns: Vec<Annotation> = Vec::new();
    let mut details = String::new();
    let shown = |len: usize, per_page: usize| {
        let w = window(per_page);
        w.start.min(len)..w.end.min(len)
    };
    let mention_range = shown(ex.entities.len(), MENTIONS_PER_PAGE);
    let event_range = shown(ex.events.len(), EVENTS_PER_PAGE);
    let quote_range = shown(ex.quotes.len(), QUOTES_PER_PAGE);
    for (i, m) in ex.entities[mention_range.clone()]
        .iter()
        .enumerate()
        .map(|(j, m)| (mention_range.start + j, m))
    {
        let key = format!("m{i}");
        anns.push(Annotation {
            span: m.span,
            class: format!("m {}", kind_class(m.kind)),
            key: key.clone(),
        });
        details.push_str(&mention_detail(&key, i, m, &doc));
    }
    for (i, e) in ex.events[event_range.clone()]
        .iter()
        .enumerate()
        .map(|(j, e)| (event_range.start + j, e))
    {
        let key = format!("e{i}");
        for ev in &e.evidence {
            if ev.document.is_empty() || ev.document == *doc_id {
                anns.push(Annotation {
                    span: ev.trigger,
                    class: "t".into(),
                    key: key.clone(),
                });
            }
        }
        details.push_str(&event_detail(&key, i, e, &doc));
    }
    for (i, q) in ex.quotes[quote_range.clone()]
        .iter()
        .enumerate()
        .map(|(j, q)| (quote_range.start + j, q))
    {
        let key = format!("q{i}");
        anns.push(Annotation {
            span: q.message,
            class: "q".into(),
            key: key.clone(),
        });
        if let Some(cue) = q.cue {
            anns.push(Annotation {
                span: cue,
                class: "cue".into(),
                key: key.clone(),
            });
        }
        details.push_str(&quote_detail(&key, i, q, &doc));
    }
    // Headings are shown as headings; they are not annotations and open nothing.
    let headings = ex
        .document
        .paragraphs
        .iter()
        .filter(|p| p.kind == armsgraph_model::ParagraphKind::Heading);
    for p in headings.take(MAX_HEADINGS) {
        anns.push(Annotation {
            span: p.span,
            class: "heading".into(),
            key: String::new(),
        });
    }
    if let Some(h) = highlight {
        anns.push(Annotation {
            span: h,
            class: "hl".into(),
            key: String::new(),
        });
    }

    let d = &ex.document;
    let title = d
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("Untitled document {}", d.id));
    let mut meta: Vec<String> = Vec::new();
    if let Some(p) = d.publisher.as_ref().or(d.site_name.as_ref()) {
        meta.push(format!("<span>{}</span>", esc(p)));
    }
    if let Some(p) = &d.published {
        meta.push(format!(
            "<span>published {} <span class=\"how\">{}</span></span>",
            esc(&p.value),
            esc(&p.source)
        ));
    }
    if !d.authors.is_empty() {
        meta.push(format!("<span>by {}</span>", esc(&d.authors.join(", "))));
    }
    if let Some(l) = &d.language {
        meta.push(format!("<span>language {}</span>", esc(l)));
    }
    if let Some(url) = d.url.as_deref().or(d.canonical_url.as_deref()) {
        match safe_url(url) {
            Some(href) => meta.push(format!(
                "<a href=\"{href}\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">source</a>"
            )),
            None => meta.push(format!("<span class=\"url\">{}</span>", esc(url))),
        }
    }
    meta.push(format!("<span class=\"how\">id {}</span>", esc(&d.id)));
    let source_meta = d.source.as_ref().map(|src| source_meta(src, d.pages.len()));

    let mut body = String::new();
    let _ = write!(
        body,
        "<div class=\"doc-layout\"><article class=\"doc\"><h1>{}</h1><p class=\"meta\">{}</p>",
        esc(&title),
        meta.join(" · ")
    );
    if let Some(line) = source_meta {
        let _ = write!(body, "<p class=\"meta source-meta\">{line}</p>");
    }
    body.push_str(&links.render(d));
    if let Some(page) = highlight.and_then(|h| d.page_of(h.start)) {
        let _ = write!(
            body,
            "<p class=\"notice\">The highlighted passage is on page {page} of the original.</p>"
        );
    }
    if let Some(s) = &d.syndication {
        let _ = write!(
            body,
            "<p class=\"notice\">Syndicated copy{}{}: {}</p>",
            s.original_publisher
                .as_deref()
                .map(|p| format!(" of an article by {}", esc(p)))
                .unwrap_or_default(),
            if s.translated { " (translated)" } else { "" },
            esc(&s.reason)
        );
    }
    if !copies.is_empty() {
        let links: Vec<String> = copies
            .iter()
            .map(|c| format!("<a href=\"{}\">{}</a>", document_href(c, None), esc(c)))
            .collect();
        // How this document relates to the cluster (`translation` across languages).
        let how = match ex.document.cluster.as_ref().map(|c| c.relation.as_str()) {
            Some("translation") => " (translations in other languages)",
            Some("exact") => " (identical text)",
            Some("near") => " (near-identical text)",
            _ => "",
        };
        let _ = write!(
            body,
            "<p class=\"notice\">Copies of the same story{how}: {}</p>",
            links.join(", ")
        );
    }
    if pages > 1 {
        body.push_str(&annotation_pager(doc_id, part, pages, ex));
    }
    body.push_str(
        "<p class=\"legend\"><span class=\"ann m k-state\">entity</span> <span class=\"ann t\">event trigger</span> \
<span class=\"ann q\">quotation</span> <span class=\"how\">click a highlight to see what was read from it</span></p>",
    );
    let _ = write!(
        body,
        "<div class=\"doc-text\" data-document=\"{}\">{}</div>",
        esc(doc_id),
        annotated_text(text, &anns)
    );
    if !ex.warnings.is_empty() {
        body.push_str("<details class=\"warnings\"><summary>Warnings</summary><ul>");
        for w in ex.warnings.iter().take(MAX_WARNINGS) {
            let _ = write!(
                body,
                "<li><code>{}</code> {}</li>",
                esc(&w.code),
                esc(&w.message)
            );
        }
        body.push_str("</ul></details>");
    }
    let _ = write!(
        body,
        "<p class=\"how\">Ingested {} from {}</p></article>",
        esc(&summary.ingested_at),
        esc(&summary.origin)
    );

    // The side panel: an overview until a highlight is clicked, then its details.
    body.push_str("<aside class=\"panel\" id=\"panel\" aria-live=\"polite\"><div class=\"overview\" id=\"overview\">");
    let _ = write!(
        body,
        "<h2>Events <small>{}</small></h2><ul class=\"ann-list\">",
        ex.events.len()
    );
    for (i, e) in ex.events[event_range.clone()]
        .iter()
        .enumerate()
        .map(|(j, e)| (event_range.start + j, e))
    {
        let _ = write!(
            body,
            "<li><a href=\"#a-e{i}\" data-open=\"e{i}\"><span class=\"etype\">{}</span> {}</a></li>",
            e.event_type.label(),
            esc(&e.summary)
        );
    }
    let _ = write!(
        body,
        "</ul><h2>Quotes <small>{}</small></h2><ul class=\"ann-list\">",
        ex.quotes.len()
    );
    for (i, q) in ex.quotes[quote_range.clone()]
        .iter()
        .enumerate()
        .map(|(j, q)| (quote_range.start + j, q))
    {
        let speaker = q
            .speaker
            .as_ref()
            .map(|s| s.name.as_str())
            .unwrap_or("unknown");
        let message: String = q.message_text.chars().take(90).collect();
        let ellipsis = if q.message_text.chars().count() > 90 {
            "…"
        } else {
            ""
        };
        let _ = write!(
            body,
            "<li><a href=\"#a-q{i}\" data-open=\"q{i}\"><b>{}</b>: „{}{ellipsis}“</a></li>",
            esc(speaker),
            esc(&message)
        );
    }
    let _ = write!(
        body,
        "</ul><h2>Entities <small>{}</small></h2><div class=\"chips\">",
        ex.actors.len()
    );
    for a in ex.actors.iter().take(MAX_CHIPS) {
        let _ = write!(
            body,
            "<a class=\"chip {}\" href=\"/entities/{}\">{} <small>{}</small></a>",
            kind_class(a.kind),
            enc(&a.id),
            esc(&a.name),
            a.mentions
        );
    }
    if ex.actors.len() > MAX_CHIPS {
        let _ = write!(
            body,
            "<span class=\"how\">and {} more</span>",
            ex.actors.len() - MAX_CHIPS
        );
    }
    body.push_str("</div></div><div class=\"details\" id=\"details\" hidden><button type=\"button\" class=\"close\" id=\"close-details\">← Overview</button>");
    body.push_str(&details);
    body.push_str("</div></aside></div>");
    body
}

/// The annotation page (0-based) of the first mention that ends after `span` starts.
fn page_of_span(ex: &Extraction, span: Span) -> usize {
    ex.entities
        .iter()
        .position(|m| m.span.end > span.start)
        .map(|i| i / MENTIONS_PER_PAGE)
        .unwrap_or(0)
        .min(annotation_pages(ex) - 1)
}

/// Links to the other annotation pages of a long document.
fn annotation_pager(doc_id: &str, part: usize, pages: usize, ex: &Extraction) -> String {
    let mut out = format!(
        "<nav class=\"pager\"><span class=\"how\">This document has {} entity mentions, {} events and {} quotes; \
annotation page {} of {pages} is highlighted.</span> ",
        ex.entities.len(),
        ex.events.len(),
        ex.quotes.len(),
        part + 1
    );
    if part > 0 {
        let _ = write!(
            out,
            "<a href=\"/documents/{}?page={}\">← Previous annotations</a> ",
            enc(doc_id),
            part
        );
    }
    if part + 1 < pages {
        let _ = write!(
            out,
            "<a href=\"/documents/{}?page={}\">Next annotations →</a>",
            enc(doc_id),
            part + 2
        );
    }
    out.push_str("</nav>");
    out
}

async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<DocumentParams>,
) -> PageResult {
    let highlight = params.hl.as_deref().and_then(parse_span);
    // Loading, reading the extraction and rendering all run on the blocking pool: a document
    // with many annotations must not hold up the executor that serves everyone else.
    let (title, body) = state
        .with_store(move |s| {
            let stored = s
                .document(&id)?
                .ok_or_else(|| AppError::NotFound(format!("No document with id {id:?}.")))?;
            let pages = annotation_pages(&stored.extraction);
            // Without a page, a highlight opens the page whose mentions reach it.
            let part = match page_number(params.page.as_deref(), pages)? {
                Some(n) => n - 1,
                None => highlight
                    .map(|h| page_of_span(&stored.extraction, h))
                    .unwrap_or(0),
            };
            let body = document_page(
                &stored.summary,
                &stored.extraction,
                &stored.copies,
                Links {
                    parent: stored.parent.as_ref(),
                    attachments: &stored.attachments,
                },
                highlight,
                part,
            );
            Ok((doc_title(&stored.summary), body))
        })
        .await?;
    Ok(page(&title, "documents", &body))
}

fn counterpart_list(list: &[views::Counterpart], empty: &str) -> String {
    if list.is_empty() {
        return format!("<p class=\"empty\">{}</p>", esc(empty));
    }
    let mut out = String::from("<ul class=\"plain\">");
    for c in list {
        let count = if c.events.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"meta\">{} events</span>", c.events.len())
        };
        let _ = write!(out, "<li>{}{count}</li>", entity_link(&c.id, &c.name));
    }
    out.push_str("</ul>");
    out
}

/// A link to an entity, shown by its name when known.
fn named_link(names: &std::collections::BTreeMap<String, String>, id: &str) -> String {
    entity_link(id, names.get(id).map(String::as_str).unwrap_or(id))
}

/// Fact lines of the analysis profile: counterpart, statement, time, and a link to the
/// evidence (a document span) or the reference row it rests on.
fn fact_lines(
    lines: &[armsgraph_analysis::query::FactLine],
    names: &std::collections::BTreeMap<String, String>,
    empty: &str,
) -> String {
    if lines.is_empty() {
        return format!("<p class=\"empty\">{}</p>", esc(empty));
    }
    let mut out = String::from("<ul class=\"facts\">");
    for l in lines {
        let when = match (&l.when.start, &l.when.end) {
            // A document event without a time of its own: the end is its reporting date.
            (None, _) if l.event.is_some() => {
                armsgraph_analysis::render::describe_event_time(&l.when)
            }
            (Some(a), Some(b)) if a == b => a.clone(),
            (Some(a), Some(b)) => format!("{a} – {b}"),
            (Some(a), None) => format!("since {a}"),
            (None, Some(b)) => format!("until {b}"),
            (None, None) => String::new(),
        };
        let source = match (&l.evidence, l.source.strip_prefix("document:")) {
            (Some(ev), Some(doc)) => format!(
                "<a class=\"evidence-link\" href=\"{}\">evidence →</a>",
                document_href(doc, evidence_span(ev))
            ),
            (None, Some(doc)) => format!(
                "<a class=\"evidence-link\" href=\"{}\">document →</a>",
                document_href(doc, None)
            ),
            _ => format!("<span class=\"how\">{}</span>", esc(&l.source)),
        };
        let _ = write!(
            out,
            "<li>{} <span class=\"statement\">{}</span> <span class=\"meta\">{}</span> {}</li>",
            named_link(names, &l.counterpart),
            esc(&l.statement),
            esc(&when),
            source
        );
    }
    out.push_str("</ul>");
    out
}

/// A resolved time as people write it: `2020` for the whole year, `2022-09` for a month,
/// else the day or the range; the text itself when unresolved.
fn when_label(start: Option<&str>, end: Option<&str>, text: &str) -> String {
    match (start, end) {
        // Stored dates come from documents: `get` rather than slicing, so a value that is not
        // an ASCII date (multibyte characters at those offsets) cannot panic.
        (Some(s), Some(e)) if s.len() == 10 && e.len() == 10 => {
            let (sy, ey) = (s.get(..4), e.get(..4));
            let (sm, em) = (s.get(..7), e.get(..7));
            if sy.is_some() && sy == ey && s.ends_with("-01-01") && e.ends_with("-12-31") {
                sy.unwrap_or(s).to_string()
            } else if sm.is_some()
                && sm == em
                && s.ends_with("-01")
                && e.get(8..).is_some_and(|d| d >= "28")
            {
                sm.unwrap_or(s).to_string()
            } else if s == e {
                s.to_string()
            } else {
                format!("{s} – {e}")
            }
        }
        (Some(s), Some(e)) if s != e => format!("{s} – {e}"),
        (Some(s), _) => s.to_string(),
        _ if !text.is_empty() => text.to_string(),
        _ => "undated".to_string(),
    }
}

fn event_item(stored: &StoredEvent) -> String {
    let e = &stored.event;
    let when = e
        .time
        .as_ref()
        .map(|t| when_label(t.start.as_deref(), t.end.as_deref(), &t.text))
        .unwrap_or_else(|| "undated".into());
    let link = match e.evidence.first().and_then(evidence_span) {
        Some(span) => document_href(&stored.document, Some(span)),
        None => document_href(&stored.document, None),
    };
    let sentence = e
        .evidence
        .first()
        .map(|ev| format!("<blockquote>{}</blockquote>", esc(&ev.text)))
        .unwrap_or_default();
    let mut who = Vec::new();
    if !e.actors.is_empty() {
        who.push(participants(&e.actors));
    }
    if !e.recipients.is_empty() {
        who.push(format!("→ {}", participants(&e.recipients)));
    }
    format!(
        "<li class=\"event\"><div class=\"when\">{}</div><div class=\"what\"><span class=\"etype\">{}</span> {} <div class=\"who\">{}</div>{}<a class=\"evidence-link\" href=\"{}\">evidence in document →</a></div></li>",
        esc(&when),
        e.event_type.label(),
        esc(&e.summary),
        who.join(" "),
        sentence,
        link
    )
}

async fn entity(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let lookup = id.clone();
    let profile = state
        .with_views(move |s, kb, files, cache| Ok(cache.entity_profile(s, kb, files, &lookup)?))
        .await?;
    let Some(p) = profile.as_ref() else {
        return Err(AppError::NotFound(format!("No entity with id {id:?}.")).into());
    };
    let mut body = String::new();
    let _ = write!(
        body,
        "<header class=\"entity-head\"><h1>{}</h1><p><span class=\"badge {}\">{}</span> <code>{}</code> · {} mentions in {} documents{}</p>",
        esc(&p.name),
        kind_class(p.kind),
        kind_label(p.kind),
        esc(&p.id),
        p.mentions,
        p.documents.len(),
        if p.known { "" } else { " · <span class=\"how\">not in the knowledge base</span>" }
    );
    if let Some(note) = &p.note {
        let _ = write!(body, "<p class=\"how\">Knowledge base: {}</p>", esc(note));
    }
    let mut facts = Vec::new();
    if let Some(c) = &p.country {
        facts.push(("Country", named_link(&p.names, c)));
    }
    if let Some(c) = &p.category {
        facts.push(("Category", esc(c)));
    }
    if !facts.is_empty() {
        body.push_str(&dl(&facts));
    }
    let _ = write!(
        body,
        "<p class=\"links\"><a href=\"/timeline?actor={0}\">Timeline</a> · <a href=\"/graph?entity={0}\">Graph</a></p></header>",
        enc(&p.id)
    );

    body.push_str("<div class=\"columns\"><section><h2>Written as</h2><div class=\"chips\">");
    for a in &p.aliases {
        let _ = write!(
            body,
            "<span class=\"chip\">{} <small>{}</small></span>",
            esc(&a.text),
            a.count
        );
    }
    body.push_str("</div>");
    if !p.known_names.is_empty() {
        body.push_str(
            "<details><summary>Names in the knowledge base</summary><ul class=\"plain\">",
        );
        for n in &p.known_names {
            let _ = write!(
                body,
                "<li><code>{}</code> {} <span class=\"how\">{}</span></li>",
                esc(&n.lang),
                esc(&n.text),
                esc(&n.form)
            );
        }
        body.push_str("</ul></details>");
    }
    if !p.roles.is_empty() {
        body.push_str("<h2>Roles</h2><ul class=\"plain\">");
        for r in &p.roles {
            let mut parts = vec![esc(r.title_en.as_deref().unwrap_or(&r.title))];
            if r.title_en.is_some() {
                parts.push(format!("<span class=\"how\">„{}“</span>", esc(&r.title)));
            }
            if let Some(o) = &r.organisation {
                parts.push(format!("at {}", esc(o)));
            }
            if let Some(pl) = &r.place {
                parts.push(format!("in {}", esc(pl)));
            }
            if let Some(a) = &r.affiliation {
                parts.push(format!("for {}", named_link(&p.names, a)));
            }
            if let Some(y) = &r.years {
                parts.push(format!("({})", esc(y)));
            }
            let _ = write!(body, "<li>{}</li>", parts.join(" "));
        }
        body.push_str("</ul>");
    }
    match &p.analysis {
        Some(a) => {
            let mut member_of = a.memberships.clone();
            for m in &p.memberships {
                if !member_of.iter().any(|l| l.counterpart == m.id) {
                    member_of.push(armsgraph_analysis::query::FactLine {
                        counterpart: m.id.clone(),
                        when: Default::default(),
                        statement: format!("affiliated with {}", m.name),
                        source: "documents".into(),
                        evidence: None,
                        event: None,
                    });
                }
            }
            body.push_str("<h2>Member of</h2>");
            body.push_str(&fact_lines(&member_of, &p.names, "No membership known."));
            if !a.allies.is_empty() {
                body.push_str("<h2>Defence allies today</h2>");
                body.push_str(&fact_lines(&a.allies, &p.names, ""));
            }
        }
        None => {
            body.push_str("<h2>Member of</h2>");
            body.push_str(&counterpart_list(
                &p.memberships,
                "No membership read from the documents.",
            ));
        }
    }
    if !p.members.is_empty() {
        body.push_str("<h2>Affiliated entities</h2>");
        body.push_str(&counterpart_list(&p.members, ""));
    }
    match &p.analysis {
        Some(a) => {
            body.push_str("<h2>Supplied by</h2>");
            body.push_str(&fact_lines(&a.suppliers, &p.names, "No supplier found."));
            body.push_str("<h2>Supplied to</h2>");
            body.push_str(&fact_lines(&a.recipients, &p.names, "No recipient found."));
            body.push_str("<h2>Conflicts</h2>");
            body.push_str(&fact_lines(&a.conflicts, &p.names, "No conflict found."));
        }
        None => {
            body.push_str("<h2>Supplied by</h2>");
            body.push_str(&counterpart_list(&p.suppliers, "No supplier found."));
            body.push_str("<h2>Supplied to</h2>");
            body.push_str(&counterpart_list(&p.recipients, "No recipient found."));
        }
    }
    if let Some(e) = &p.analysis_error {
        let _ = write!(
            body,
            "<p class=\"notice\">Reference data unavailable: {}</p>",
            esc(e)
        );
    }
    body.push_str("<h2>Documents</h2><ul class=\"plain\">");
    for d in &p.documents {
        let _ = write!(
            body,
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">{} mentions</span></li>",
            document_href(&d.id, None),
            esc(d.title.as_deref().unwrap_or(&d.id)),
            d.mentions
        );
    }
    body.push_str("</ul></section><section>");
    let _ = write!(body, "<h2>Events <small>{}</small></h2>", p.events.len());
    if p.events.is_empty() {
        body.push_str("<p class=\"empty\">No event involves this entity.</p>");
    }
    body.push_str("<ol class=\"timeline compact\">");
    for e in &p.events {
        body.push_str(&event_item(e));
    }
    let _ = write!(
        body,
        "</ol><h2>Quotes <small>{}</small></h2>",
        p.quotes.len()
    );
    if p.quotes.is_empty() {
        body.push_str("<p class=\"empty\">No quote attributed to this entity.</p>");
    }
    let doc_title = |id: &str| -> String {
        p.documents
            .iter()
            .find(|d| d.id == id)
            .and_then(|d| d.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for q in &p.quotes {
        let _ = write!(
            body,
            "<figure class=\"quote\"><blockquote>„{}“</blockquote><figcaption>{} · <a href=\"{}\">{}</a></figcaption></figure>",
            esc(&q.quote.message_text),
            esc(&format!("{:?}", q.quote.kind).to_lowercase()),
            document_href(&q.document, Some(q.quote.message)),
            esc(&doc_title(&q.document))
        );
    }
    if let Some(a) = p.analysis.as_ref().filter(|a| !a.quotes_about.is_empty()) {
        let _ = write!(
            body,
            "<h2>Quotes about {} <small>{}</small></h2>",
            esc(&p.name),
            a.quotes_about.len()
        );
        for q in &a.quotes_about {
            let _ = write!(
                body,
                "<figure class=\"quote\"><blockquote>„{}“</blockquote><figcaption>{} · <a href=\"{}\">{}</a></figcaption></figure>",
                esc(&q.text),
                esc(q.speaker.as_deref().unwrap_or("unknown speaker")),
                document_href(&q.document, Some(q.span)),
                esc(&doc_title(&q.document))
            );
        }
    }
    body.push_str("</section></div>");
    Ok(page(&p.name, "", &body))
}

async fn graph(Query(params): Query<GraphQuery>) -> PageResult {
    // Checked here so a bad link shows a clear error rather than an empty graph.
    let filter = params.filter()?;
    let mut body = String::from("<div class=\"graph-layout\"><section class=\"graph-main\"><h1>Actors and their relations</h1>");
    let _ = write!(
        body,
        "<form class=\"filters\" id=\"graph-filters\" action=\"/graph\" method=\"get\">\
<label>From <input type=\"text\" name=\"from\" placeholder=\"YYYY[-MM[-DD]]\" value=\"{}\" size=\"10\"></label>\
<label>To <input type=\"text\" name=\"to\" placeholder=\"YYYY[-MM[-DD]]\" value=\"{}\" size=\"10\"></label>\
<label>Entity <input type=\"text\" name=\"entity\" placeholder=\"name or id, e.g. Belarus\" value=\"{}\" size=\"14\"></label><span class=\"relations\">",
        esc(filter.from.as_deref().unwrap_or("")),
        esc(filter.to.as_deref().unwrap_or("")),
        esc(filter.entity.as_deref().unwrap_or(""))
    );
    for r in Relation::ALL {
        let checked = filter.relations.is_empty() || filter.relations.contains(&r);
        let _ = write!(
            body,
            "<label class=\"rel rel-{0}\"><input type=\"checkbox\" name=\"rel\" value=\"{0}\"{1}> {2}</label>",
            r.label(),
            if checked { " checked" } else { "" },
            r.label().replace('_', " ")
        );
    }
    body.push_str(
        "</span><button type=\"submit\">Apply</button></form>\
<p class=\"how\" id=\"graph-status\">Loading the graph…</p>\
<div id=\"cy\" class=\"cy\" role=\"img\" aria-label=\"Graph of actors\"></div></section>\
<aside class=\"panel\" id=\"graph-panel\"><h2>Selection</h2><div id=\"graph-detail\"><p class=\"empty\">Click an actor or a relation.</p></div>\
<h2>Legend</h2><ul class=\"legend-list\"><li><span class=\"swatch k-state\"></span>state</li><li><span class=\"swatch k-org\"></span>organisation</li>\
<li><span class=\"swatch k-person\"></span>person</li><li><span class=\"line rel-arms_transfer\"></span>arms transfer</li>\
<li><span class=\"line rel-conflict\"></span>conflict</li><li><span class=\"line rel-dispute\"></span>dispute</li>\
<li><span class=\"line rel-cooperation\"></span>cooperation</li><li><span class=\"line rel-alliance\"></span>alliance</li></ul></aside></div>\
<span id=\"__________cytoscape_stylesheet\" hidden></span>\
<script src=\"/static/cytoscape.min.js\" defer></script><script src=\"/static/graph.js\" defer></script>",
    );
    // The marker above tells cytoscape.js its container rule is already in app.css, so it
    // does not inject a <style> element (which the CSP would block).
    Ok(page("Graph", "graph", &body))
}

async fn timeline(State(state): State<AppState>, Query(params): Query<EventQuery>) -> PageResult {
    let actor = params
        .involving
        .clone()
        .or(params.actor.clone())
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    let event_type = params
        .event_type
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(parse_event_type)
        .transpose()?;
    let who = actor.clone();
    let (events, actors) = state
        .with_store(move |s| {
            let events = views::timeline(s, who.as_deref(), event_type)?;
            let mut actors = s.top_entities(Some(EntityKind::State), 60)?;
            actors.extend(s.top_entities(Some(EntityKind::Organisation), 40)?);
            actors.extend(s.top_entities(Some(EntityKind::Person), 40)?);
            Ok((events, actors))
        })
        .await?;
    let mut body = String::from("<h1>Timeline</h1><form class=\"filters\" action=\"/timeline\" method=\"get\"><label>Actor <select name=\"involving\"><option value=\"\">any</option>");
    for a in &actors {
        let selected = if actor.as_deref() == Some(a.id.as_str()) {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            body,
            "<option value=\"{}\"{selected}>{} ({})</option>",
            esc(&a.id),
            esc(&a.name),
            kind_label(a.kind)
        );
    }
    body.push_str(
        "</select></label><label>Type <select name=\"type\"><option value=\"\">any</option>",
    );
    for t in armsgraph_model::EventType::ALL {
        let selected = if event_type == Some(t) {
            " selected"
        } else {
            ""
        };
        let _ = write!(body, "<option{selected}>{}</option>", t.label());
    }
    body.push_str("</select></label><button type=\"submit\">Show</button></form>");
    if events.is_empty() {
        body.push_str("<p class=\"empty\">No events match.</p>");
    }
    let mut year: Option<String> = None;
    body.push_str("<ol class=\"timeline\">");
    for e in &events {
        let this_year = e
            .event
            .time
            .as_ref()
            .and_then(|t| t.start.as_deref())
            .and_then(|s| s.get(..4))
            .unwrap_or("undated")
            .to_string();
        if year.as_deref() != Some(this_year.as_str()) {
            let _ = write!(body, "<li class=\"year\">{}</li>", esc(&this_year));
            year = Some(this_year);
        }
        body.push_str(&event_item(e));
    }
    body.push_str("</ol>");
    Ok(page("Timeline", "timeline", &body))
}

async fn alerts(State(state): State<AppState>) -> PageResult {
    let found = state
        .with_views(|s, kb, files, cache| Ok((*cache.alerts(s, kb, files)?).clone()))
        .await?;
    let alerts = found.alerts;
    let mut body = format!("<h1>Alerts <small>{}</small></h1>", alerts.len());
    if let Some(e) = &found.error {
        let _ = write!(body, "<p class=\"notice\">{}</p>", esc(e));
    }
    if alerts.is_empty() {
        body.push_str("<p class=\"empty\">No alert: no stored document describes a state arming an opponent of its own treaty ally.</p>");
    }
    for view in &alerts {
        let a = &view.alert;
        let _ = write!(
            body,
            "<details class=\"alert\" id=\"alert-{}\"><summary><span class=\"badge alert-kind\">{}</span> <b>{}</b> <span class=\"meta\">confidence {}</span>\
<div class=\"parties\">supplier {} · recipient {} · target {} · alliance {}</div></summary><ol class=\"chain\">",
            esc(&a.id),
            esc(&a.kind.replace('_', " ")),
            esc(&a.title),
            confidence(a.confidence),
            named_link(&found.names, &a.supplier),
            named_link(&found.names, &a.recipient),
            named_link(&found.names, &a.target),
            named_link(&found.names, &a.alliance)
        );
        for link in &a.chain {
            let _ = write!(
                body,
                "<li class=\"link link-{}\"><span class=\"badge\">{}</span> {}",
                esc(&link.kind),
                esc(&link.kind),
                esc(&link.statement)
            );
            match &link.evidence {
                Some(ev) => {
                    let doc = if ev.document.is_empty() {
                        link.source.strip_prefix("document:").unwrap_or("")
                    } else {
                        ev.document.as_str()
                    };
                    let _ = write!(body, "<blockquote>{}</blockquote>", esc(&ev.text));
                    if !doc.is_empty() {
                        let _ = write!(
                            body,
                            "<a class=\"evidence-link\" href=\"{}\">open the evidence in the document →</a>",
                            document_href(doc, evidence_span(ev))
                        );
                    }
                }
                None => {
                    let _ = write!(
                        body,
                        " <span class=\"how\">source: {}</span>",
                        esc(&link.source)
                    );
                }
            }
            body.push_str("</li>");
        }
        if view.links_total > a.chain.len() {
            let _ = write!(
                body,
                "<li class=\"link more\">… {} more links from {} documents in all (the first {} document links are shown)</li>",
                view.links_total - a.chain.len(),
                view.documents_total,
                crate::views::MAX_ALERT_DOCUMENT_LINKS
            );
        }
        body.push_str("</ol></details>");
    }
    Ok(page("Alerts", "alerts", &body))
}

async fn ingest(State(state): State<AppState>) -> impl IntoResponse {
    let mut body = String::from("<h1>Add a document</h1>");
    if !state.ingest_enabled() {
        body.push_str(
            "<p class=\"notice\">Ingest is disabled: this server was started without a token. \
Start it with <code>armsgraph serve --token …</code> (or set <code>ARMSGRAPH_TOKEN</code>) to allow adding documents.</p>",
        );
        return (StatusCode::OK, page("Ingest", "ingest", &body));
    }
    body.push_str(
        "<form class=\"ingest\" id=\"ingest-form\">\
<p class=\"how\">Paste an article (plain text or HTML) or choose a file. It is read through the whole pipeline and stored.</p>\
<label>Token <input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"current-password\" required></label>\
<div class=\"row\"><label>Title <input type=\"text\" name=\"title\" placeholder=\"optional\"></label>\
<label>URL <input type=\"url\" name=\"url\" placeholder=\"optional\"></label></div>\
<div class=\"row\"><label>Published <input type=\"text\" name=\"published\" placeholder=\"YYYY-MM-DD, anchors relative dates\"></label>\
<label>Language <input type=\"text\" name=\"language\" placeholder=\"de, en, … (optional)\" size=\"6\"></label>\
<label>File <input type=\"file\" id=\"file\" accept=\".txt,.html,.htm,.md,text/plain,text/html\"></label></div>\
<label>Text <textarea name=\"text\" id=\"text\" rows=\"12\" required></textarea></label>\
<button type=\"submit\">Read and store</button></form><div id=\"ingest-result\" aria-live=\"polite\"></div>\
<script src=\"/static/ingest.js\" defer></script>",
    );
    (StatusCode::OK, page("Ingest", "ingest", &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undated_document_event_shows_its_reporting_date_as_such() {
        use armsgraph_analysis::query::FactLine;
        use armsgraph_kb::reference::Interval;
        let reported = Interval::new(None, Some("2024-05-15".into()));
        let event = FactLine {
            counterpart: "UKR".into(),
            when: reported.clone(),
            statement: "RUS → UKR: assault".into(),
            source: "document:abcd".into(),
            evidence: None,
            event: Some("abcd:e1".into()),
        };
        let membership = FactLine {
            event: None,
            source: "reference:alliances:1".into(),
            ..event.clone()
        };
        let names = std::collections::BTreeMap::new();
        let html = fact_lines(&[event, membership], &names, "none");
        assert!(html.contains("undated (reported 2024-05-15)"), "{html}");
        assert!(html.contains("until 2024-05-15"), "{html}");
    }

    #[test]
    fn times_read_like_their_precision() {
        assert_eq!(
            when_label(Some("2020-01-01"), Some("2020-12-31"), "2020"),
            "2020"
        );
        assert_eq!(
            when_label(Some("2022-09-01"), Some("2022-09-30"), "Sept"),
            "2022-09"
        );
        assert_eq!(
            when_label(Some("2022-02-01"), Some("2022-02-28"), "Feb"),
            "2022-02"
        );
        assert_eq!(
            when_label(Some("2022-09-13"), Some("2022-09-13"), "x"),
            "2022-09-13"
        );
        assert_eq!(
            when_label(Some("2021-05-15"), Some("2024-05-14"), "recently"),
            "2021-05-15 – 2024-05-14"
        );
        assert_eq!(when_label(None, None, "damals"), "damals");
        assert_eq!(when_label(None, None, ""), "undated");
    }

    #[test]
    fn a_translated_copy_says_how_it_relates() {
        let summary = DocumentSummary {
            id: "d000000000000001".into(),
            title: Some("Der Deal".into()),
            publisher: None,
            language: Some("de".into()),
            published: None,
            url: None,
            origin: "seed.txt".into(),
            cluster_id: Some("c1".into()),
            ingested_at: "2026-11-25T00:00:00Z".into(),
            events: 0,
            quotes: 0,
        };
        let mut ex = Extraction::default();
        ex.document.id = summary.id.clone();
        ex.document.text = "Belarus lieferte Waffen.".into();
        ex.document.cluster = Some(armsgraph_model::CopyCluster {
            cluster_id: "c1".into(),
            members: vec!["e000000000000001".into(), summary.id.clone()],
            relation: "translation".into(),
            similarity: 0.9,
        });
        let html = document_page(
            &summary,
            &ex,
            &["e000000000000001".to_string()],
            Links::default(),
            None,
            0,
        );
        assert!(
            html.contains("Copies of the same story (translations in other languages)"),
            "{html}"
        );
        assert!(html.contains("e000000000000001"));
    }

    #[test]
    fn a_pdf_page_shows_its_file_facts_links_and_the_page_of_evidence() {
        use armsgraph_model::{AttachmentRef, Event, Evidence, SourceMeta, Span};
        let summary = DocumentSummary {
            id: "d000000000000002".into(),
            title: Some("Note".into()),
            publisher: None,
            language: Some("de".into()),
            published: None,
            url: None,
            origin: "mail.eml#attachment-1/note.pdf".into(),
            cluster_id: None,
            ingested_at: "2026-11-25T00:00:00Z".into(),
            events: 1,
            quotes: 0,
        };
        let mut ex = Extraction::default();
        ex.document.id = summary.id.clone();
        ex.document.text = "Seite eins.\n\nRussland lieferte Panzer an Belarus.".into();
        ex.document.pages = vec![Span::new(0, 11), Span::new(13, 49)];
        ex.document.source = Some(SourceMeta {
            format: "pdf".into(),
            authors: vec!["Referat <201>".into()],
            page_count: 2,
            ocr_pages: vec![2],
            parent: Some("mail.eml".into()),
            attachments: vec![AttachmentRef {
                name: "bild.png".into(),
                origin: "x#attachment-1/bild.png".into(),
                content_type: None,
                unread: Some("no text found".into()),
            }],
            ..Default::default()
        });
        ex.events.push(Event {
            id: "e1".into(),
            summary: "RUS → BLR".into(),
            evidence: vec![Evidence {
                document: summary.id.clone(),
                sentence: Span::new(13, 49),
                trigger: Span::new(22, 30),
                text: "Russland lieferte Panzer an Belarus.".into(),
                rule: "r".into(),
                url: None,
            }],
            ..Default::default()
        });
        let parent = armsgraph_store::LinkedDocument {
            id: "a000000000000001".into(),
            origin: "mail.eml".into(),
            title: Some("Betreff".into()),
        };
        let links = Links {
            parent: Some(&parent),
            attachments: &[],
        };
        let html = document_page(&summary, &ex, &[], links, Some(Span::new(13, 20)), 0);
        assert!(html.contains("PDF</span> · <span>2 pages"), "{html}");
        assert!(html.contains("read by OCR: page 2"), "{html}");
        assert!(html.contains("author Referat &lt;201&gt;"), "{html}");
        assert!(
            html.contains(
                "Attached to the e-mail <a href=\"/documents/a000000000000001\">Betreff</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("bild.png <span class=\"how\">not stored: no text found"),
            "{html}"
        );
        assert!(
            html.contains("trigger „lieferte“ · page 2 · rule r"),
            "{html}"
        );
        assert!(
            html.contains("The highlighted passage is on page 2"),
            "{html}"
        );
    }

    #[test]
    fn dates_with_multibyte_characters_do_not_panic() {
        // 10 bytes each, with char boundaries away from 4, 7 and 8.
        for (s, e) in [
            ("2020-ü1-01", "2020-12-31"),
            ("20ü0-01-01", "20ü0-12-31"),
            ("2022-09-01", "2022-09-ü0"),
            ("€€€-", "2022-09-30"),
            ("2022-0€-1", "2022-0€-1"),
        ] {
            let _ = when_label(Some(s), Some(e), "x");
        }
    }

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        assert_eq!(
            snippet_html("a [<b>] c [d"),
            "a <mark>&lt;b&gt;</mark> c <mark>d</mark>"
        );
    }
}
