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

use crate::api::{parse_event_type, GraphQuery};
use crate::error::PageError;
use crate::html::{
    annotated_parts, annotated_text, document_href, enc, entity_link, esc, page, safe_url,
    Annotation,
};
use crate::views::{self, Relation};
use crate::{AppError, AppState};
use armsgraph_kb::reference::ReferenceData;

type PageResult = Result<Html<String>, PageError>;

/// Who is asking, in accounts mode (docs/notes/accounts.md).
type Who = Option<axum::Extension<crate::accounts::Principal>>;

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
        .route("/export/{file}", get(export_file))
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
        .unwrap_or_else(|| untitled(&summary.origin))
}

/// The title of a document without one: its file name, never a server path or an id.
fn untitled(origin: &str) -> String {
    match file_name(origin) {
        "" => "Untitled document".to_string(),
        name => format!("Untitled document ({name})"),
    }
}

/// The last part of a file path or URL (`/srv/in/note.pdf` → `note.pdf`, an attachment
/// `mail.eml#attachment-1/note.pdf` → `note.pdf`): pages name files, not where the server
/// keeps them.
fn file_name(origin: &str) -> &str {
    origin
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\', '#'])
        .next()
        .unwrap_or("")
}

/// Years collapsed into spells: `[2016, 2017, 2018, 2020, 2023]` → `2016–2018, 2020, 2023`.
/// Duplicates and order do not matter.
pub(crate) fn year_spells(years: &[i32]) -> String {
    let mut sorted = years.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let first = sorted[i];
        let mut last = first;
        while i + 1 < sorted.len() && sorted[i + 1] == last + 1 {
            i += 1;
            last = sorted[i];
        }
        parts.push(if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// A reference dataset as readers know it (`ucdp-acd-25.1` → `UCDP/PRIO Armed Conflict
/// Dataset 25.1`); unknown datasets keep their name.
fn dataset_label(dataset: &str) -> String {
    if let Some(v) = dataset.strip_prefix("ucdp-acd-") {
        return format!("UCDP/PRIO Armed Conflict Dataset {v}");
    }
    if let Some(v) = dataset.strip_prefix("atop-") {
        return format!("ATOP {v}");
    }
    match dataset {
        "alliance-memberships" => "alliance membership list".to_string(),
        "alliance-pacts" => "bilateral treaty list".to_string(),
        d if d.starts_with("sipri") => "SIPRI Arms Transfers Database".to_string(),
        d => d.replace(['-', '_'], " "),
    }
}

/// Where a fact comes from, in words: `reference:<dataset>:<row>` (several joined by ` + `)
/// becomes the datasets' names; the row ids stay in the API and exports.
fn source_label(source: &str) -> String {
    let mut labels: Vec<String> = Vec::new();
    for part in source.split(" + ") {
        let label = match part.trim().strip_prefix("reference:") {
            Some(rest) => dataset_label(rest.split(':').next().unwrap_or(rest)),
            None if part.starts_with("document:") => "a document".to_string(),
            None => part.trim().to_string(),
        };
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(" + ")
}

/// Text with every `reference:<dataset>:<row>` in it replaced by the dataset's name, for
/// statements the analysis writes with their sources inline (alert chains).
fn without_reference_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut last: Option<String> = None;
    while let Some(at) = rest.find("reference:") {
        let between = &rest[..at];
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | ',' | ';' | ']'))
            .unwrap_or(tail.len());
        let label = source_label(&tail[..end]);
        // Two rows of one dataset in a list read as the dataset once.
        if last.as_deref() == Some(label.as_str()) && matches!(between, ", " | " + " | "; ") {
            rest = &tail[end..];
            continue;
        }
        out.push_str(between);
        out.push_str(&label);
        last = Some(label);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// A time span in years, as memberships are read: `1994–1999`, `since 1994`, `until 1999`.
fn years_label(when: &armsgraph_kb::reference::Interval) -> String {
    let year = |d: &Option<String>| d.as_deref().and_then(|d| d.get(..4)).map(str::to_string);
    match (year(&when.start), year(&when.end)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("since {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => String::new(),
    }
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

async fn home(State(state): State<AppState>, who: Who) -> PageResult {
    let scope = crate::accounts::scope_of(who.as_deref());
    let (stats, recent, top) = state
        .with_views(move |s, _, _, cache| {
            let mut recent = views::recent_documents(s, 10)?;
            if matches!(scope, armsgraph_store::accounts::ReadScope::All) {
                return Ok((cache.stats(s)?, recent, s.top_entities(None, 24)?));
            }
            // Counts and the most mentioned entities are store-wide: a reader restricted to
            // some collections sees the recent documents they may read only.
            crate::api::retain_readable(s, &scope, &mut recent, |d| &d.id)?;
            Ok((armsgraph_store::Stats::default(), recent, Vec::new()))
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

/// How to write a search, shown on the empty search page and beside a mistake.
const SEARCH_HELP: &str = "<p class=\"empty\">Type words to search: every word must occur. \
<code>Waffen*</code> finds words that begin so, <code>\"diplomatic note\"</code> a phrase, \
<code>Belarus OR Armenia</code> either, <code>-Russia</code> excludes. A word that names a \
country, organisation or person also finds documents that write it in another language or \
form.</p>";

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    who: Who,
    Query(params): Query<SearchParams>,
) -> PageResult {
    let scope = crate::accounts::scope_of(who.as_deref());
    let q = params.q.unwrap_or_default();
    let mut body = String::new();
    body.push_str(&search_form(&q));
    if q.trim().is_empty() {
        body.push_str(SEARCH_HELP);
        return Ok(page("Search", "search", &body));
    }
    let query = q.clone();
    let results = match state
        .with_views(move |s, kb, _, cache| {
            let mut results = (*cache.search(s, kb, &query, 50)?).clone();
            views::restrict_search(s, &scope, &mut results)?;
            Ok(results)
        })
        .await
    {
        Ok(r) => r,
        // A query the search language cannot read: say why beside the form, with the help.
        Err(AppError::BadRequest(why)) => {
            let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", esc(&why));
            body.push_str(SEARCH_HELP);
            return Ok(page("Search", "search", &body));
        }
        Err(e) => return Err(e.into()),
    };
    if !results.named.is_empty() {
        let names: Vec<String> = results
            .named
            .iter()
            .map(|n| format!("<a href=\"/entities/{}\">{}</a>", enc(&n.id), esc(&n.name)))
            .collect();
        let _ = write!(
            body,
            "<p class=\"named\">Also finds documents that mention {} in any language or spelling.</p>",
            names.join(", ")
        );
    }
    body.push_str("<div class=\"columns results\"><section>");
    let _ = write!(
        body,
        "<h2>Documents <small>{}</small></h2>",
        results.documents.len()
    );
    if results.cut {
        let _ = write!(
            body,
            "<p class=\"note cut\">More than {} documents match: these are the best of the {} newest. Add a word to narrow the search.</p>",
            results.ranked, results.ranked
        );
    }
    if results.documents.is_empty() {
        body.push_str("<p class=\"empty\">No document contains every word.</p>");
    }
    body.push_str("<ol class=\"hits\">");
    for hit in &results.documents {
        let title = hit
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Untitled document".to_string());
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

async fn documents(
    State(state): State<AppState>,
    who: Who,
    Query(params): Query<ListParams>,
) -> PageResult {
    let scope = crate::accounts::scope_of(who.as_deref());
    // Pages past the end are empty; numbers past the offset limit are mistakes.
    let last = crate::api::MAX_OFFSET / PAGE_SIZE + 1;
    let page_no = page_number(params.page.as_deref(), last)?.unwrap_or(1);
    let offset = (page_no - 1) * PAGE_SIZE;
    let (docs, stats) = state
        .with_views(move |s, _, _, cache| {
            let mut docs = s.documents(PAGE_SIZE, offset)?;
            // Accounts mode: a page may hold fewer (docs/notes/accounts.md).
            crate::api::retain_readable(s, &scope, &mut docs, |d| &d.id)?;
            Ok((docs, cache.stats(s)?))
        })
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

/// Participants as names only, for lists outside the evidence view (how each was found —
/// `coreference`, `inferred` — is shown in the document's event details).
fn participant_names(list: &[Participant]) -> String {
    list.iter()
        .map(|p| entity_link(&p.entity, &p.name))
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
    // People's corrections, with the machine's values, and the form to add one.
    let event_key = armsgraph_store::corrections::event_key(e).unwrap_or_else(|| e.id.clone());
    rows.push((
        "Corrections",
        format!(
            "{}<code class=\"key\">{}</code>{}",
            crate::correct::event_corrections(e),
            esc(&event_key),
            crate::correct::event_form(&event_key)
        ),
    ));
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

/// The text's opening heading when it is the document's title (same words, whatever the
/// spacing or case) and nothing but white space comes before it: its span, and the char
/// offset where the rest of the text starts (after the white space that follows it).
fn lead_headline(ex: &Extraction, title: &str) -> Option<(Span, usize)> {
    let d = &ex.document;
    let first = d.paragraphs.iter().min_by_key(|p| p.span.start)?;
    if first.kind != armsgraph_model::ParagraphKind::Heading {
        return None;
    }
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    let mut chars = d.text.chars();
    let before: String = chars.by_ref().take(first.span.start).collect();
    let heading: String = chars.by_ref().take(first.span.len()).collect();
    if !before.trim().is_empty() || words(&heading) != words(title) || words(title).is_empty() {
        return None;
    }
    let gap = chars.take_while(|c| c.is_whitespace()).count();
    Some((first.span, first.span.end + gap))
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
    let d = &ex.document;
    let title = d
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| untitled(&summary.origin));
    // A text that opens with its own headline shows it once, as the page's title (with its
    // highlights), rather than as a title above the same words in the text.
    let lead = lead_headline(ex, &title);
    // Headings are shown as headings; they are not annotations and open nothing.
    let headings = d
        .paragraphs
        .iter()
        .filter(|p| p.kind == armsgraph_model::ParagraphKind::Heading)
        .filter(|p| lead.is_none_or(|(h, _)| p.span != h));
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
    let source_meta = d.source.as_ref().map(|src| source_meta(src, d.pages.len()));

    let (headline, text_html) = match lead {
        Some((_, body_start)) => {
            let mut parts = annotated_parts(text, &anns, &[body_start]).into_iter();
            let headline = parts.next().unwrap_or_default();
            (
                headline.trim_end().to_string(),
                parts.next().unwrap_or_default(),
            )
        }
        None => (esc(&title), annotated_text(text, &anns)),
    };
    let mut body = String::new();
    let _ = write!(
        body,
        "<div class=\"doc-layout\"><article class=\"doc\"><h1>{headline}</h1><p class=\"meta\">{}</p>",
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
            .enumerate()
            .map(|(i, c)| format!("<a href=\"{}\">copy {}</a>", document_href(c, None), i + 1))
            .collect();
        // How this document relates to the cluster (`translation` across languages).
        let how = match ex.document.cluster.as_ref().map(|c| c.relation.as_str()) {
            Some("translation") => " (translations in other languages)",
            Some("exact") => " (identical text)",
            Some("near") => " (near-identical text)",
            _ => "",
        };
        // The store lists the first copies of a large cluster; the cluster record counts all.
        let all = ex
            .document
            .cluster
            .as_ref()
            .map_or(0, |c| c.size.saturating_sub(1))
            .max(copies.len());
        let more = match all - copies.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let _ = write!(
            body,
            "<p class=\"notice\">Copies of the same story{how}: {}{more}</p>",
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
        text_html
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
        "<p class=\"how\">Ingested {}{}</p></article>",
        esc(&summary.ingested_at),
        match file_name(&summary.origin) {
            "" => String::new(),
            name => format!(" from {}", esc(name)),
        }
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
    who: Who,
    Path(id): Path<String>,
    Query(params): Query<DocumentParams>,
) -> PageResult {
    let scope = crate::accounts::scope_of(who.as_deref());
    let highlight = params.hl.as_deref().and_then(parse_span);
    // Loading, reading the extraction and rendering all run on the blocking pool: a document
    // with many annotations must not hold up the executor that serves everyone else.
    let (title, body) = state
        .with_store(move |s| {
            // Hidden and missing documents look the same.
            if !s.may_read(&scope, &id)? {
                return Err(AppError::NotFound(format!("No document with id {id:?}.")));
            }
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
            _ => format!(
                "<span class=\"how\">{}</span>",
                esc(&source_label(&l.source))
            ),
        };
        let _ = write!(
            out,
            "<li>{} <span class=\"statement\">{}</span> <span class=\"meta\">{}</span> {}</li>",
            named_link(names, &l.counterpart),
            esc(&without_reference_ids(&l.statement)),
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

/// One event as a list item. `compact` (entity pages) folds the sentence away and leaves out
/// the participants line the summary already names.
fn event_item(stored: &StoredEvent, compact: bool) -> String {
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
        .map(|ev| {
            if compact {
                format!(
                    "<details class=\"sentence\"><summary>sentence</summary><blockquote>{}</blockquote></details>",
                    esc(&ev.text)
                )
            } else {
                format!("<blockquote>{}</blockquote>", esc(&ev.text))
            }
        })
        .unwrap_or_default();
    let mut who = Vec::new();
    if compact {
        // The summary names the parties already.
    } else if !e.actors.is_empty() {
        who.push(participant_names(&e.actors));
    }
    if !compact && !e.recipients.is_empty() {
        who.push(format!("→ {}", participant_names(&e.recipients)));
    }
    let who = if who.is_empty() {
        String::new()
    } else {
        format!("<div class=\"who\">{}</div>", who.join(" "))
    };
    format!(
        "<li class=\"event\"><div class=\"when\">{}</div><div class=\"what\"><span class=\"etype\">{}</span> {} {}{}{}<a class=\"evidence-link\" href=\"{}\">evidence in document →</a></div></li>",
        esc(&when),
        e.event_type.label(),
        esc(&e.summary),
        who,
        sentence,
        crate::correct::event_corrections(e),
        link
    )
}

async fn entity(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let lookup = id.clone();
    let (profile, refs) = state
        .with_views(move |s, kb, files, cache| {
            let refs = cache.reference(s, files);
            let profile = cache.entity_profile(s, kb, files, &lookup)?;
            Ok((profile, refs.ok()))
        })
        .await?;
    let Some(p) = profile.as_ref() else {
        return Err(AppError::NotFound(format!("No entity with id {id:?}.")).into());
    };
    let refs = refs.as_deref();
    let mut body = String::new();
    let _ = write!(
        body,
        "<header class=\"entity-head\"><h1>{}</h1><p><span class=\"badge {}\">{}</span> {} mentions in {} documents{}</p>",
        esc(&p.name),
        kind_class(p.kind),
        kind_label(p.kind),
        p.mentions,
        p.documents.len(),
        if p.known { "" } else { " · <span class=\"how\">not in the knowledge base</span>" }
    );
    if let Some(note) = &p.note {
        let _ = write!(body, "<p class=\"how\">Knowledge base: {}</p>", esc(note));
    }
    body.push_str(&crate::correct::entity_form(&p.id));
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
            body.push_str("<h2>Member of</h2>");
            body.push_str(&membership_list(
                &a.memberships,
                &p.memberships,
                refs,
                &p.names,
            ));
            if !a.members.is_empty() {
                let _ = write!(
                    body,
                    "<h2>Member states <small>{}</small></h2>",
                    a.members.len()
                );
                body.push_str(&member_states(&a.members, &p.names));
            }
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
            body.push_str(&conflict_section(&p.id, &a.conflicts, refs, &p.names));
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
            esc(d
                .title
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or("Untitled document")),
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
        body.push_str(&event_item(e, true));
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
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "the document".to_string())
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

/// "Member of": the reference memberships with their years (an ended one says so), then
/// ties only documents state (without years: the documents do not date them).
fn membership_list(
    reference: &[armsgraph_analysis::query::FactLine],
    from_documents: &[views::Counterpart],
    refs: Option<&ReferenceData>,
    names: &std::collections::BTreeMap<String, String>,
) -> String {
    if reference.is_empty() && from_documents.is_empty() {
        return "<p class=\"empty\">No membership known.</p>".to_string();
    }
    let mut out = String::from("<ul class=\"facts memberships\">");
    for l in reference {
        let org = refs
            .and_then(|r| r.organisation(&l.counterpart))
            .map(|o| short_name(&o.name).to_string())
            .or_else(|| names.get(&l.counterpart).cloned())
            .unwrap_or_else(|| l.counterpart.clone());
        let note = refs
            .and_then(|r| {
                r.memberships
                    .iter()
                    .find(|m| m.provenance.source() == l.source)
                    .map(|m| m.note.clone())
            })
            .unwrap_or_default();
        let ended = if l.when.end.is_some() { " ended" } else { "" };
        let _ = write!(
            out,
            "<li>{} <span class=\"years{ended}\">{}</span>{} <span class=\"how\">{}</span></li>",
            entity_link(&l.counterpart, &org),
            esc(&years_label(&l.when)),
            if note.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"meta\">{}</span>", esc(&note))
            },
            esc(&source_label(&l.source))
        );
    }
    for c in from_documents {
        if reference.iter().any(|l| l.counterpart == c.id) {
            continue;
        }
        let _ = write!(
            out,
            "<li>{} <span class=\"how\">named in the documents</span></li>",
            entity_link(&c.id, &c.name)
        );
    }
    out.push_str("</ul>");
    out
}

/// An organisation's member states, one line each with their years.
fn member_states(
    lines: &[armsgraph_analysis::query::FactLine],
    names: &std::collections::BTreeMap<String, String>,
) -> String {
    let mut out = String::from("<ul class=\"facts members\">");
    for l in lines {
        let ended = if l.when.end.is_some() { " ended" } else { "" };
        let _ = write!(
            out,
            "<li>{} <span class=\"years{ended}\">{}</span></li>",
            named_link(names, &l.counterpart),
            esc(&years_label(&l.when))
        );
    }
    out.push_str("</ul>");
    out
}

/// An organisation's name without its parenthesised history
/// (`Collective Security Treaty Organization (… since 2002)` → the name).
fn short_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}

/// One armed conflict of the reference data against one opponent, its years collapsed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConflictSpell {
    pub opponent: String,
    pub dataset: String,
    pub conflict_id: String,
    pub location: String,
    pub territory: String,
    pub years: Vec<i32>,
    /// Years of war (1,000 battle deaths or more).
    pub war_years: Vec<i32>,
}

/// The conflict dyads of `state`, one [`ConflictSpell`] per (opponent, dataset, conflict),
/// ordered by first year: a state with 40 conflict-years against one opponent gets one line.
pub(crate) fn conflict_spells<'a>(
    state: &str,
    dyads: impl Iterator<Item = &'a armsgraph_kb::reference::ConflictDyad>,
) -> Vec<ConflictSpell> {
    let mut groups: std::collections::BTreeMap<(String, String, String), ConflictSpell> =
        std::collections::BTreeMap::new();
    for d in dyads {
        let Some(opponent) = d.opponent_of(state) else {
            continue;
        };
        let key = (
            opponent.to_string(),
            d.provenance.dataset.clone(),
            d.conflict_id.clone(),
        );
        let spell = groups.entry(key).or_insert_with(|| ConflictSpell {
            opponent: opponent.to_string(),
            dataset: d.provenance.dataset.clone(),
            conflict_id: d.conflict_id.clone(),
            location: d.location.clone(),
            territory: d.territory.clone(),
            years: Vec::new(),
            war_years: Vec::new(),
        });
        spell.years.push(d.year);
        if d.intensity >= 2 {
            spell.war_years.push(d.year);
        }
    }
    let mut out: Vec<ConflictSpell> = groups.into_values().collect();
    for s in &mut out {
        s.years.sort_unstable();
        s.years.dedup();
        s.war_years.sort_unstable();
        s.war_years.dedup();
    }
    out.sort_by(|a, b| {
        a.years
            .first()
            .cmp(&b.years.first())
            .then_with(|| a.opponent.cmp(&b.opponent))
    });
    out
}

/// Conflicts: reference conflicts as spells (`2016–2020, 2023`), then the fights documents
/// report, each with its evidence.
fn conflict_section(
    id: &str,
    lines: &[armsgraph_analysis::query::FactLine],
    refs: Option<&ReferenceData>,
    names: &std::collections::BTreeMap<String, String>,
) -> String {
    let spells = refs
        .map(|r| conflict_spells(id, r.conflicts_of(id, None)))
        .unwrap_or_default();
    let reported: Vec<armsgraph_analysis::query::FactLine> = lines
        .iter()
        .filter(|l| l.source.starts_with("document:"))
        .cloned()
        .collect();
    if spells.is_empty() && reported.is_empty() {
        return "<p class=\"empty\">No conflict found.</p>".to_string();
    }
    let mut out = String::new();
    if !spells.is_empty() {
        out.push_str("<ul class=\"facts conflicts\">");
        for c in &spells {
            let place = match (c.location.as_str(), c.territory.as_str()) {
                ("", "") => String::new(),
                (l, "") => format!(" · {l}"),
                ("", t) => format!(" · {t}"),
                (l, t) => format!(" · {l}: {t}"),
            };
            let war = if c.war_years.is_empty() {
                String::new()
            } else {
                format!(" · war in {}", year_spells(&c.war_years))
            };
            let _ = write!(
                out,
                "<li>{} <span class=\"years\">{}</span> <span class=\"meta\">conflict {}{}{}</span> <span class=\"how\">{}</span></li>",
                named_link(names, &c.opponent),
                esc(&year_spells(&c.years)),
                esc(&c.conflict_id),
                esc(&place),
                esc(&war),
                esc(&dataset_label(&c.dataset))
            );
        }
        out.push_str("</ul>");
    }
    if !reported.is_empty() {
        out.push_str("<h3>Reported in documents</h3>");
        out.push_str(&fact_lines(&reported, names, ""));
    }
    out
}

/// How the graph draws one relation: colour (Okabe–Ito, safe for the common colour-vision
/// deficiencies), dash pattern (so the line style tells relations apart without colour) and
/// arrow head. The legend is rendered from this table and graph.js reads its styles from the
/// legend, so the two cannot disagree.
pub(crate) struct RelationStyle {
    pub relation: Relation,
    pub name: &'static str,
    pub color: &'static str,
    /// Dash and gap lengths in pixels; empty for a solid line.
    pub dash: &'static [u32],
    /// A cytoscape arrow shape.
    pub arrow: &'static str,
}

pub(crate) const RELATION_STYLES: [RelationStyle; 5] = [
    RelationStyle {
        relation: Relation::ArmsTransfer,
        name: "arms transfer",
        color: "#D55E00",
        dash: &[],
        arrow: "triangle",
    },
    RelationStyle {
        relation: Relation::Conflict,
        name: "conflict",
        color: "#0072B2",
        dash: &[10, 5],
        arrow: "tee",
    },
    RelationStyle {
        relation: Relation::Dispute,
        name: "dispute",
        color: "#CC79A7",
        dash: &[3, 4],
        arrow: "vee",
    },
    RelationStyle {
        relation: Relation::Cooperation,
        name: "cooperation",
        color: "#009E73",
        dash: &[10, 4, 2, 4],
        arrow: "vee",
    },
    RelationStyle {
        relation: Relation::Alliance,
        name: "alliance / membership",
        color: "#E69F00",
        dash: &[1, 5],
        arrow: "none",
    },
];

/// How the graph draws one kind of actor: colour and shape.
struct KindStyle {
    kind: &'static str,
    name: &'static str,
    color: &'static str,
    shape: &'static str,
}

const KIND_STYLES: [KindStyle; 4] = [
    KindStyle {
        kind: "state",
        name: "state",
        color: "#2f6fd6",
        shape: "ellipse",
    },
    KindStyle {
        kind: "organisation",
        name: "organisation",
        color: "#7a4fc4",
        shape: "hexagon",
    },
    KindStyle {
        kind: "person",
        name: "person",
        color: "#18885a",
        shape: "round-rectangle",
    },
    KindStyle {
        kind: "group",
        name: "other actor",
        color: "#64748b",
        shape: "diamond",
    },
];

/// A place for a short sample of a relation's line; graph.js draws it from the legend's
/// `data-` attributes (pages carry no SVG of their own: the hostile-markup tests forbid it).
fn line_sample(style: &RelationStyle) -> String {
    format!(
        "<span class=\"sample line-sample\" data-relation=\"{}\" aria-hidden=\"true\"></span>",
        style.relation.label()
    )
}

fn shape_sample(style: &KindStyle) -> String {
    format!(
        "<span class=\"sample shape-sample\" data-kind=\"{}\" aria-hidden=\"true\"></span>",
        style.kind
    )
}

/// The graph's legend: every relation and actor kind with the style graph.js draws it in
/// (read back from the `data-` attributes).
fn graph_legend() -> String {
    let mut out = String::from("<ul class=\"legend-list\" id=\"graph-legend\">");
    for k in &KIND_STYLES {
        let _ = write!(
            out,
            "<li class=\"legend-kind\" data-kind=\"{}\" data-color=\"{}\" data-shape=\"{}\">{}{}</li>",
            k.kind,
            k.color,
            k.shape,
            shape_sample(k),
            k.name
        );
    }
    for r in &RELATION_STYLES {
        let dash: Vec<String> = r.dash.iter().map(u32::to_string).collect();
        let _ = write!(
            out,
            "<li class=\"legend-rel\" data-relation=\"{}\" data-color=\"{}\" data-dash=\"{}\" data-arrow=\"{}\">{}{}</li>",
            r.relation.label(),
            r.color,
            dash.join(" "),
            r.arrow,
            line_sample(r),
            r.name
        );
    }
    out.push_str("</ul>");
    out
}

async fn graph(Query(params): Query<GraphQuery>) -> PageResult {
    // Checked here so a bad link shows a clear error rather than an empty graph.
    let filter = params.filter()?;
    let mut body = String::from("<div class=\"graph-layout\"><section class=\"graph-main\"><h1>Actors and their relations</h1>");
    let _ = write!(
        body,
        "<form class=\"filters\" id=\"graph-filters\" action=\"/graph\" method=\"get\">\
<label>From <input type=\"text\" name=\"from\" placeholder=\"YYYY[-MM[-DD]]\" value=\"{}\" size=\"10\" inputmode=\"numeric\"></label>\
<label>To <input type=\"text\" name=\"to\" placeholder=\"YYYY[-MM[-DD]]\" value=\"{}\" size=\"10\" inputmode=\"numeric\"></label>\
<label>Entity <input type=\"text\" name=\"entity\" placeholder=\"name or id, e.g. Belarus\" value=\"{}\" size=\"14\"></label><span class=\"relations\">",
        esc(filter.from.as_deref().unwrap_or("")),
        esc(filter.to.as_deref().unwrap_or("")),
        esc(filter.entity.as_deref().unwrap_or(""))
    );
    for r in &RELATION_STYLES {
        let checked = filter.relations.is_empty() || filter.relations.contains(&r.relation);
        let _ = write!(
            body,
            "<label class=\"rel rel-{0}\"><input type=\"checkbox\" name=\"rel\" value=\"{0}\"{1}> {2}{3}</label>",
            r.relation.label(),
            if checked { " checked" } else { "" },
            line_sample(r),
            r.relation.label().replace('_', " ")
        );
    }
    body.push_str(
        "</span><button type=\"submit\">Apply</button></form>\
<p class=\"how\" id=\"graph-status\">Loading the graph…</p>\
<div id=\"cy\" class=\"cy\" role=\"img\" aria-label=\"Graph of actors\"></div>\
<p class=\"how\">Memberships are drawn for the years they were in force within the dates above (or, with no dates, within the span of the events shown).</p>\
<p class=\"downloads\">Download the whole graph: <a href=\"/export/armsgraph.gexf\" download>GEXF</a> · \
<a href=\"/export/armsgraph.dynamic.gexf\" download>GEXF with time (Gephi timeline)</a> · \
<a href=\"/export/armsgraph.graphml\" download>GraphML</a></p></section>\
<aside class=\"panel\" id=\"graph-panel\"><h2>Selection</h2><div id=\"graph-detail\"><p class=\"empty\">Click an actor or a relation.</p></div>\
<h2>Legend</h2>",
    );
    body.push_str(&graph_legend());
    body.push_str(
        "</aside></div>\
<span id=\"__________cytoscape_stylesheet\" hidden></span>\
<script src=\"/static/cytoscape.min.js\" defer></script><script src=\"/static/graph.js\" defer></script>",
    );
    // The marker above tells cytoscape.js its container rule is already in app.css, so it
    // does not inject a <style> element (which the CSP would block).
    Ok(page("Graph", "graph", &body))
}

/// The whole graph as a file (`/export/armsgraph.gexf`, `…dynamic.gexf`, `…graphml`): the
/// same export as `armsgraph export`, built from every stored document and the reference
/// data, so it costs what the store holds.
async fn export_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    use armsgraph_analysis::export::{self, ExportData, Format};
    let (format, content_type) = match file.as_str() {
        "armsgraph.gexf" => (Format::Gexf, "application/gexf+xml; charset=utf-8"),
        "armsgraph.dynamic.gexf" => (Format::GexfDynamic, "application/gexf+xml; charset=utf-8"),
        "armsgraph.graphml" => (Format::Graphml, "application/graphml+xml; charset=utf-8"),
        _ => {
            return PageError(AppError::NotFound(
                "No such export: armsgraph.gexf, armsgraph.dynamic.gexf and armsgraph.graphml are offered.".into(),
            ))
            .into_response()
        }
    };
    let built = state
        .with_views(move |s, _, files, cache| {
            let refs = cache
                .reference(s, files)
                .map_err(|e| AppError::Internal(format!("reference data: {e}")))?;
            // Graph exports do not carry alerts: none are computed for them.
            let data = ExportData::from_store(s, (*refs).clone(), Vec::new())
                .map_err(|e| AppError::Internal(format!("export: {e}")))?;
            let graph = export::graph(&data);
            Ok(match format {
                Format::GexfDynamic => export::gexf_dynamic(&graph),
                Format::Graphml => export::graphml(&graph),
                _ => export::gexf(&graph),
            })
        })
        .await;
    match built {
        Ok(text) => (
            StatusCode::OK,
            [
                (axum::http::header::CONTENT_TYPE, content_type.to_string()),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
                ),
            ],
            text,
        )
            .into_response(),
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct TimelineParams {
    involving: Option<String>,
    actor: Option<String>,
    /// A second actor: the pair's timeline, as `armsgraph timeline A B` prints it.
    with: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    page: Option<String>,
    size: Option<String>,
}

/// Page sizes the timeline offers; the first is the default.
const TIMELINE_PAGE_SIZES: [usize; 4] = [25, 50, 100, 10];

/// A reference fact on the timeline (UCDP conflict year, register transfer, alliance).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReferenceItem {
    pub when: armsgraph_kb::reference::Interval,
    /// `conflict`, `transfer`, `alliance`.
    pub kind: &'static str,
    pub statement: String,
    /// `reference:<dataset>:<row>` (shown as the dataset's name).
    pub source: String,
}

/// The reference facts the CLI's `timeline A B` lists beside the events (register
/// transfers, UCDP conflict years and alliances between the two), or with no `b` every
/// transfer and conflict year of `a`. `name` gives display names.
pub(crate) fn reference_items(
    refs: &ReferenceData,
    a: &str,
    b: Option<&str>,
    name: &dyn Fn(&str) -> String,
) -> Vec<ReferenceItem> {
    use armsgraph_kb::reference::{Interval, Obligation};
    let mut out = Vec::new();
    let pair = |x: &str, y: &str| match b {
        Some(b) => (x == a && y == b) || (x == b && y == a),
        None => x == a || y == a,
    };
    for t in refs
        .transfers
        .iter()
        .filter(|t| pair(&t.supplier, &t.recipient))
    {
        out.push(ReferenceItem {
            when: t.interval(),
            kind: "transfer",
            statement: armsgraph_analysis::alerts::describe_register_transfer(t),
            source: t.provenance.source(),
        });
    }
    for c in refs.conflicts_of(a, b) {
        let intensity = match c.intensity {
            2 => "war",
            1 => "minor armed conflict",
            _ => "armed conflict",
        };
        let place = match (c.location.as_str(), c.territory.as_str()) {
            ("", "") => String::new(),
            (l, "") => format!(", {l}"),
            ("", t) => format!(", {t}"),
            (l, t) => format!(", {l}: {t}"),
        };
        let mut secondary = Vec::new();
        for (state, role) in [(&c.state_a, &c.role_a), (&c.state_b, &c.role_b)] {
            if role == "secondary" {
                secondary.push(format!("{} as a secondary party", name(state)));
            }
        }
        out.push(ReferenceItem {
            when: c.interval(),
            kind: "conflict",
            statement: format!(
                "{} vs {}: {intensity} (conflict {}{place}){}",
                name(&c.state_a),
                name(&c.state_b),
                c.conflict_id,
                if secondary.is_empty() {
                    String::new()
                } else {
                    format!("; {}", secondary.join(", "))
                }
            ),
            source: c.provenance.source(),
        });
    }
    if let Some(b) = b {
        for ob in [Obligation::Defence, Obligation::Consultation] {
            for ally in refs.alliances_between(a, b, &Interval::always(), ob) {
                out.push(ReferenceItem {
                    when: ally.during.clone(),
                    kind: "alliance",
                    statement: format!(
                        "{} and {} allied via {} ({})",
                        name(a),
                        name(b),
                        ally.via,
                        ob.label()
                    ),
                    source: ally
                        .provenance
                        .iter()
                        .map(|x| x.source())
                        .collect::<Vec<_>>()
                        .join(" + "),
                });
            }
        }
    }
    out
}

/// One line of the timeline page.
enum TimelineItem<'a> {
    Event(&'a StoredEvent),
    Reference(&'a ReferenceItem),
}

impl TimelineItem<'_> {
    /// The start date the list is ordered by (`None`: undated, listed last).
    fn start(&self) -> Option<&str> {
        match self {
            TimelineItem::Event(e) => e.event.time.as_ref().and_then(|t| t.start.as_deref()),
            TimelineItem::Reference(r) => r.when.start.as_deref().or(r.when.end.as_deref()),
        }
    }
}

fn reference_item_html(r: &ReferenceItem) -> String {
    let when = when_label(r.when.start.as_deref(), r.when.end.as_deref(), "");
    let label = match r.kind {
        "conflict" => "armed conflict",
        "transfer" => "arms register",
        other => other,
    };
    format!(
        "<li class=\"event ref ref-{}\"><div class=\"when\">{}</div><div class=\"what\"><span class=\"badge ref-kind\">{}</span> {} <div class=\"how\">reference data: {}</div></div></li>",
        esc(r.kind),
        esc(&when),
        esc(label),
        esc(&r.statement),
        esc(&source_label(&r.source))
    )
}

async fn timeline(
    State(state): State<AppState>,
    Query(params): Query<TimelineParams>,
) -> PageResult {
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
    };
    let actor = clean(&params.involving).or_else(|| clean(&params.actor));
    let with = clean(&params.with).filter(|_| actor.is_some());
    let event_type = clean(&params.event_type)
        .as_deref()
        .map(parse_event_type)
        .transpose()?;
    let size = match clean(&params.size) {
        None => TIMELINE_PAGE_SIZES[0],
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| TIMELINE_PAGE_SIZES.contains(n))
            .ok_or_else(|| {
                let sizes: Vec<String> = TIMELINE_PAGE_SIZES.iter().map(usize::to_string).collect();
                AppError::BadRequest(format!(
                    "size must be one of {}, not {v:?}",
                    sizes.join(", ")
                ))
            })?,
    };
    let (who, other) = (actor.clone(), with.clone());
    let requested = params.page.clone();
    let (events, events_total, references, actors, page_no, truncated) = state
        .with_views(move |s, kb, files, cache| {
            // Reference facts need an actor (every conflict-year of the world would bury
            // the events) and no event-type filter (they are not events).
            let references = match (who.as_deref(), event_type) {
                (Some(a), None) => match cache.reference(s, files) {
                    Ok(refs) => {
                        let name = |id: &str| {
                            kb.and_then(|k| k.name(id))
                                .map(str::to_string)
                                .unwrap_or_else(|| id.to_string())
                        };
                        reference_items(&refs, a, other.as_deref(), &name)
                    }
                    Err(_) => Vec::new(),
                },
                _ => Vec::new(),
            };
            let (events, events_total, page_no, truncated) = if let Some(b) = other.as_deref() {
                // A pair: the first actor's events that involve the second.
                let mut events =
                    views::timeline(s, who.as_deref(), event_type, views::TIMELINE_LIMIT)?;
                let truncated = events.len() >= views::TIMELINE_LIMIT;
                events.retain(|e| {
                    e.event
                        .actors
                        .iter()
                        .chain(&e.event.recipients)
                        .chain(&e.event.locations)
                        .any(|p| p.entity == b)
                });
                let pages = (events.len() + references.len()).div_ceil(size).max(1);
                let page_no = page_number(requested.as_deref(), pages)?.unwrap_or(1);
                let n = events.len();
                (events, n, page_no, truncated)
            } else {
                // Count first, then read the events up to the page asked for: merged with the
                // reference facts (all of them, few per actor), the first `page × size`
                // events hold every entry up to that page.
                let total = views::timeline_total(s, who.as_deref(), event_type)?;
                let pages = (total + references.len()).div_ceil(size).max(1);
                let page_no = page_number(requested.as_deref(), pages)?.unwrap_or(1);
                let events = views::timeline(s, who.as_deref(), event_type, page_no * size)?;
                (events, total, page_no, false)
            };
            let mut actors = s.top_entities(Some(EntityKind::State), 60)?;
            actors.extend(s.top_entities(Some(EntityKind::Organisation), 40)?);
            actors.extend(s.top_entities(Some(EntityKind::Person), 40)?);
            Ok((events, events_total, references, actors, page_no, truncated))
        })
        .await?;

    let mut items: Vec<TimelineItem> = events
        .iter()
        .map(TimelineItem::Event)
        .chain(references.iter().map(TimelineItem::Reference))
        .collect();
    // Stable: events keep the store's order among equal dates; undated entries go last.
    items.sort_by(|x, y| match (x.start(), y.start()) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let total = events_total + references.len();
    let pages = total.div_ceil(size).max(1);
    let first = (page_no - 1) * size;
    let shown = &items[first.min(items.len())..(first + size).min(items.len())];

    let mut body = String::from("<h1>Timeline</h1><form class=\"filters\" action=\"/timeline\" method=\"get\"><label>Actor <select name=\"involving\"><option value=\"\">any</option>");
    let options = |selected: Option<&str>, states_only: bool| {
        let mut out = String::new();
        for a in actors
            .iter()
            .filter(|a| !states_only || a.kind != EntityKind::Person)
        {
            let mark = if selected == Some(a.id.as_str()) {
                " selected"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<option value=\"{}\"{mark}>{} ({})</option>",
                esc(&a.id),
                esc(&a.name),
                kind_label(a.kind)
            );
        }
        out
    };
    body.push_str(&options(actor.as_deref(), false));
    body.push_str(
        "</select></label><label>With <select name=\"with\"><option value=\"\">anyone</option>",
    );
    body.push_str(&options(with.as_deref(), true));
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
    body.push_str("</select></label><label>Per page <select name=\"size\">");
    let mut sizes = TIMELINE_PAGE_SIZES;
    sizes.sort_unstable();
    for n in sizes {
        let selected = if n == size { " selected" } else { "" };
        let _ = write!(body, "<option{selected}>{n}</option>");
    }
    body.push_str("</select></label><button type=\"submit\">Show</button></form>");

    // The pager's links keep every filter.
    let mut query: Vec<String> = Vec::new();
    for (k, v) in [
        ("involving", actor.as_deref()),
        ("with", with.as_deref()),
        ("type", event_type.map(|t| t.label())),
    ] {
        if let Some(v) = v {
            query.push(format!("{k}={}", enc(v)));
        }
    }
    if size != TIMELINE_PAGE_SIZES[0] {
        query.push(format!("size={size}"));
    }
    let href = |page: usize| {
        let mut q = query.clone();
        q.push(format!("page={page}"));
        format!("/timeline?{}", q.join("&amp;"))
    };
    let summary = if total == 0 {
        String::new()
    } else {
        format!(
            "Entries {}–{} of {total} ({} events, {} from reference data)",
            first + 1,
            first + shown.len(),
            events_total,
            references.len()
        )
    };
    let pager = |bottom: bool| {
        let mut out = format!(
            "<nav class=\"pager timeline-pager{}\" aria-label=\"Timeline pages\"><span class=\"total\">{}</span>",
            if bottom { " bottom" } else { "" },
            esc(&summary)
        );
        if page_no > 1 {
            let _ = write!(
                out,
                "<a class=\"prev\" rel=\"prev\" href=\"{}\">← Previous</a>",
                href(page_no - 1)
            );
        }
        if pages > 1 {
            let _ = write!(out, "<span class=\"page\">page {page_no} of {pages}</span>");
        }
        if page_no < pages {
            let _ = write!(
                out,
                "<a class=\"next\" rel=\"next\" href=\"{}\">Next →</a>",
                href(page_no + 1)
            );
        }
        out.push_str("</nav>");
        out
    };
    if truncated {
        let _ = write!(
            body,
            "<p class=\"notice\">The pair is looked for among the first {} events of the first actor; choose a type to narrow the timeline.</p>",
            views::TIMELINE_LIMIT
        );
    }
    if actor.is_none() {
        body.push_str("<p class=\"how\">Choose an actor to see its armed conflicts (UCDP) and register transfers beside the reported events.</p>");
    }
    if items.is_empty() {
        body.push_str("<p class=\"empty\">No events match.</p>");
    } else {
        body.push_str(&pager(false));
    }
    let mut year: Option<String> = None;
    body.push_str("<ol class=\"timeline\">");
    for item in shown {
        let this_year = item
            .start()
            .and_then(|s| s.get(..4))
            .unwrap_or("undated")
            .to_string();
        if year.as_deref() != Some(this_year.as_str()) {
            let _ = write!(body, "<li class=\"year\">{}</li>", esc(&this_year));
            year = Some(this_year);
        }
        match item {
            TimelineItem::Event(e) => body.push_str(&event_item(e, false)),
            TimelineItem::Reference(r) => body.push_str(&reference_item_html(r)),
        }
    }
    body.push_str("</ol>");
    if pages > 1 {
        body.push_str(&pager(true));
    }
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
                esc(&without_reference_ids(&link.statement))
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
                        esc(&source_label(&link.source))
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
<p class=\"how\">Paste an article (plain text or HTML) or choose a file: text, HTML, PDF, a scan, DOCX or ODT, an e-mail or mailbox, a feed or a web archive. It is read through the whole pipeline and stored.</p>\
{token}\
<div class=\"row\"><label>Title <input type=\"text\" name=\"title\" placeholder=\"optional\"></label>\
<label>URL <input type=\"url\" name=\"url\" placeholder=\"optional\"></label></div>\
<div class=\"row\"><label>Published <input type=\"text\" name=\"published\" placeholder=\"YYYY-MM-DD, anchors relative dates\"></label>\
<label>Language <input type=\"text\" name=\"language\" placeholder=\"de, en, … (optional)\" size=\"6\"></label>\
<label>File <input type=\"file\" id=\"file\" accept=\".txt,.html,.htm,.md,.pdf,.docx,.odt,.eml,.mbox,.png,.jpg,.jpeg,.tif,.tiff,.xml,.rss,.atom,.json,.jsonl,.warc,.gz,text/plain,text/html,application/pdf,message/rfc822\"></label></div>\
<label>Text <textarea name=\"text\" id=\"text\" rows=\"12\" required></textarea></label>\
<button type=\"submit\">Read and store</button></form><div id=\"ingest-result\" aria-live=\"polite\"></div>\
<script src=\"/static/ingest.js\" defer></script>",
    );
    // Accounts mode: the session (and its CSRF token) stand for the token, and a document
    // may go into a collection.
    let token = if state.accounts_enabled() {
        format!(
            "{}<label>Collection <input type=\"text\" name=\"collection\" id=\"collection\" placeholder=\"optional\"></label>",
            crate::accounts::CSRF_FIELD
        )
    } else {
        "<label>Token <input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"current-password\" required></label>".to_string()
    };
    let body = body.replace("{token}", &token);
    (StatusCode::OK, page("Ingest", "ingest", &body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
            size: 2,
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
    fn conflict_years_collapse_into_spells() {
        assert_eq!(
            year_spells(&[2016, 2017, 2018, 2019, 2020, 2023]),
            "2016–2020, 2023"
        );
        assert_eq!(year_spells(&[2023, 2016, 2016, 2017]), "2016–2017, 2023");
        assert_eq!(year_spells(&[1999]), "1999");
        assert_eq!(year_spells(&[]), "");
        assert_eq!(year_spells(&[1, 3, 5]), "1, 3, 5");
    }

    fn dyad(year: i32, b: &str, id: &str, intensity: u8) -> armsgraph_kb::reference::ConflictDyad {
        armsgraph_kb::reference::ConflictDyad {
            conflict_id: id.into(),
            year,
            state_a: "AZE".into(),
            state_b: b.into(),
            intensity,
            location: "Azerbaijan".into(),
            territory: "Nagorno-Karabakh".into(),
            provenance: armsgraph_kb::reference::Provenance::new(
                "ucdp-acd-25.1",
                format!("{id}/{year}/AZE-{b}"),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn conflict_dyads_become_one_line_per_opponent_and_conflict() {
        let dyads = [
            dyad(2016, "ARM", "388", 1),
            dyad(2017, "ARM", "388", 1),
            dyad(2020, "ARM", "388", 2),
            dyad(2018, "ARM", "388", 1),
            dyad(2019, "ARM", "388", 1),
            dyad(2023, "ARM", "388", 1),
            dyad(1992, "ARM", "999", 2),
        ];
        let spells = conflict_spells("AZE", dyads.iter());
        assert_eq!(spells.len(), 2);
        assert_eq!(spells[0].conflict_id, "999");
        assert_eq!(year_spells(&spells[1].years), "2016–2020, 2023");
        assert_eq!(spells[1].war_years, vec![2020]);
        assert_eq!(spells[1].opponent, "ARM");
        // From the other side, the same dyads name the other opponent.
        assert_eq!(conflict_spells("ARM", dyads.iter())[0].opponent, "AZE");
    }

    #[test]
    fn human_pages_name_datasets_not_reference_ids() {
        assert_eq!(
            source_label("reference:ucdp-acd-25.1:388/2016/AZE-ARM"),
            "UCDP/PRIO Armed Conflict Dataset 25.1"
        );
        assert_eq!(
            source_label("reference:alliance-memberships:CSTO/ARM/1992 + reference:alliance-memberships:CSTO/BLR/1993"),
            "alliance membership list"
        );
        assert_eq!(source_label("document:abcd"), "a document");
        assert_eq!(
            without_reference_ids(
                "ally via CSTO (reference:alliance-memberships:CSTO/ARM/1992-05-15), since 1992"
            ),
            "ally via CSTO (alliance membership list), since 1992"
        );
        assert_eq!(
            without_reference_ids(
                "(reference:alliance-memberships:a, reference:alliance-memberships:b; x)"
            ),
            "(alliance membership list; x)"
        );
        assert_eq!(file_name("/srv/armsgraph/corpus/seed.txt"), "seed.txt");
        assert_eq!(file_name("mail.eml#attachment-1/note.pdf"), "note.pdf");
        assert_eq!(file_name("C:\\in\\note.pdf"), "note.pdf");
        assert_eq!(untitled("/srv/in/"), "Untitled document (in)");
        assert_eq!(untitled(""), "Untitled document");
    }

    #[test]
    fn membership_years_read_as_years() {
        use armsgraph_kb::reference::Interval;
        let left = Interval::new(Some("1994-04-20".into()), Some("1999-04-02".into()));
        assert_eq!(years_label(&left), "1994–1999");
        assert_eq!(
            years_label(&Interval::new(Some("1992-05-15".into()), None)),
            "since 1992"
        );
        let names = std::collections::BTreeMap::new();
        let line = armsgraph_analysis::query::FactLine {
            counterpart: "CSTO".into(),
            when: left,
            statement: "member of CSTO".into(),
            source: "reference:alliance-memberships:CSTO/AZE/1994-04-20".into(),
            evidence: None,
            event: None,
        };
        let html = membership_list(&[line], &[], None, &names);
        assert!(
            html.contains("<span class=\"years ended\">1994–1999</span>"),
            "{html}"
        );
        assert!(!html.contains("reference:"), "{html}");
    }

    #[test]
    fn the_web_timeline_lists_the_reference_facts_the_cli_timeline_lists() {
        let files = armsgraph_kb::DataFiles::Embedded;
        let refs = ReferenceData::load(&files).expect("embedded reference data");
        let store = armsgraph_store::Store::open_in_memory().expect("store");
        let cli = armsgraph_analysis::query::timeline(&store, &refs, "AZE", "ARM").expect("cli");
        let cli_refs: Vec<(String, Option<String>)> = cli
            .iter()
            .filter(|e| e.kind != "event")
            .map(|e| (e.source.clone(), e.when.start.clone()))
            .collect();
        assert!(
            cli_refs
                .iter()
                .any(|(s, _)| s.starts_with("reference:ucdp")),
            "the embedded data has AZE–ARM conflict years"
        );
        let name = |id: &str| id.to_string();
        let mut web: Vec<(String, Option<String>)> =
            reference_items(&refs, "AZE", Some("ARM"), &name)
                .into_iter()
                .map(|r| (r.source, r.when.start))
                .collect();
        let mut cli_sorted = cli_refs.clone();
        web.sort();
        cli_sorted.sort();
        assert_eq!(web, cli_sorted);
        // One actor alone: every conflict year of it, against anyone.
        let alone = reference_items(&refs, "AZE", None, &name);
        let conflicts = |items: &[ReferenceItem]| -> BTreeSet<String> {
            items
                .iter()
                .filter(|r| r.kind == "conflict")
                .map(|r| r.source.clone())
                .collect()
        };
        let pair = reference_items(&refs, "AZE", Some("ARM"), &name);
        assert!(conflicts(&alone).is_superset(&conflicts(&pair)));
        assert!(alone.iter().all(|r| r.statement.contains("AZE")));
    }

    #[test]
    fn the_legend_carries_every_relation_style_the_graph_reads() {
        let legend = graph_legend();
        for r in Relation::ALL {
            let style = RELATION_STYLES
                .iter()
                .find(|s| s.relation == r)
                .expect("every relation has a style");
            assert!(
                legend.contains(&format!(
                    "data-relation=\"{}\" data-color=\"{}\"",
                    r.label(),
                    style.color
                )),
                "{legend}"
            );
        }
        // Colours and dash patterns are each distinct, so neither alone has to carry the type.
        let colors: BTreeSet<&str> = RELATION_STYLES.iter().map(|s| s.color).collect();
        let dashes: BTreeSet<&[u32]> = RELATION_STYLES.iter().map(|s| s.dash).collect();
        assert_eq!(colors.len(), RELATION_STYLES.len());
        assert_eq!(dashes.len(), RELATION_STYLES.len());
    }

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        assert_eq!(
            snippet_html("a [<b>] c [d"),
            "a <mark>&lt;b&gt;</mark> c <mark>d</mark>"
        );
    }
}
