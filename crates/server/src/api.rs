//! The JSON API under `/api`, described by `/api/openapi.json`.

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use armsgraph_model::{EventType, RawDocument, SourceKind};
use armsgraph_pipeline::ReadOptions;
use armsgraph_store::{EventFilter, InsertOutcome};

use crate::accounts::{scope_of, Principal};
use crate::error::{json_error, ApiError};
use crate::views::{self, GraphFilter, Relation};
use crate::{AppError, AppState};

type ApiResult<T> = Result<Json<T>, ApiError>;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/stats", get(stats))
        .route("/documents", get(documents))
        .route("/documents/{id}", get(document))
        .route("/entities", get(entities))
        .route("/entities/{id}", get(entity))
        .route("/events", get(events))
        .route("/quotes", get(quotes))
        .route("/alerts", get(alerts))
        .route("/search", get(search))
        .route("/graph", get(graph))
        .route("/ingest", post(ingest))
        .route("/ingest/file", post(ingest_file))
        .route("/corrections", get(corrections).post(correct))
        .route("/corrections/{id}/withdraw", post(withdraw))
        .route("/audit", get(crate::accounts::audit_api))
        .fallback(not_found)
        .layer(axum::middleware::map_response(json_errors))
}

/// Every route of this module as `(method, OpenAPI path)`, so a test can check the OpenAPI
/// document lists each one.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("get", "/api/stats"),
    ("get", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/entities"),
    ("get", "/api/entities/{id}"),
    ("get", "/api/events"),
    ("get", "/api/quotes"),
    ("get", "/api/alerts"),
    ("get", "/api/search"),
    ("get", "/api/graph"),
    ("post", "/api/ingest"),
    ("post", "/api/ingest/file"),
    ("get", "/api/corrections"),
    ("post", "/api/corrections"),
    ("post", "/api/corrections/{id}/withdraw"),
    ("get", "/api/audit"),
];

async fn not_found() -> Response {
    json_error(StatusCode::NOT_FOUND, "no such API route")
}

/// Turn any error answer that is not JSON yet (extractor rejections, 405, body limit) into
/// `{"error", "status"}`, keeping its status, headers and message.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    let mut out = json_error(status, &message);
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

async fn openapi() -> Json<serde_json::Value> {
    Json(crate::openapi::document())
}

async fn stats(State(state): State<AppState>) -> ApiResult<armsgraph_store::Stats> {
    Ok(Json(
        state
            .with_views(|s, _, _, cache| Ok(cache.stats(s)?))
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Largest page any list endpoint returns.
const MAX_LIMIT: usize = 1_000;

fn limit(requested: Option<usize>, default: usize) -> usize {
    requested.unwrap_or(default).clamp(1, MAX_LIMIT)
}

/// Largest offset accepted: far beyond any database, and far below where the store's 64-bit
/// signed offsets would wrap (2^64 − 1 would become −1).
pub(crate) const MAX_OFFSET: usize = 1_000_000_000;

pub(crate) fn offset(requested: Option<usize>) -> Result<usize, AppError> {
    match requested {
        Some(o) if o > MAX_OFFSET => Err(AppError::BadRequest(format!(
            "offset must be a number from 0 to {MAX_OFFSET}, not {o}"
        ))),
        o => Ok(o.unwrap_or(0)),
    }
}

type Who = Option<axum::Extension<Principal>>;

async fn documents(
    State(state): State<AppState>,
    who: Who,
    Query(page): Query<Page>,
) -> ApiResult<Vec<armsgraph_store::DocumentSummary>> {
    let (n, offset) = (limit(page.limit, 50), offset(page.offset)?);
    let scope = scope_of(who.as_deref());
    Ok(Json(
        state
            .with_store(move |s| {
                let mut docs = s.documents(n, offset)?;
                // Accounts mode: a page may come out shorter than asked (docs/notes/accounts.md).
                retain_readable(s, &scope, &mut docs, |d| &d.id)?;
                Ok(docs)
            })
            .await?,
    ))
}

/// Keep the items whose document the reader may see (all of them outside accounts mode).
pub(crate) fn retain_readable<T>(
    store: &armsgraph_store::Store,
    scope: &armsgraph_store::accounts::ReadScope,
    items: &mut Vec<T>,
    doc: impl Fn(&T) -> &str,
) -> Result<(), AppError> {
    if matches!(scope, armsgraph_store::accounts::ReadScope::All) {
        return Ok(());
    }
    let mut keep = Vec::with_capacity(items.len());
    for item in items.iter() {
        keep.push(store.may_read(scope, doc(item))?);
    }
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(false));
    Ok(())
}

async fn document(
    State(state): State<AppState>,
    who: Who,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let scope = scope_of(who.as_deref());
    // A document may hold tens of thousands of mentions: serialising it is blocking work too.
    let json = state
        .with_store(move |s| {
            // Hidden and missing documents look the same.
            if !s.may_read(&scope, &id)? {
                return Err(not_found_doc(&id));
            }
            let found = s.document(&id)?.ok_or_else(|| not_found_doc(&id))?;
            serde_json::to_vec(&found)
                .map_err(|e| AppError::Internal(format!("serialising document {id}: {e}")))
        })
        .await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response())
}

fn not_found_doc(id: &str) -> AppError {
    AppError::NotFound(format!("no document with id {id:?}"))
}

#[derive(Debug, Deserialize)]
struct EntityQuery {
    q: Option<String>,
    kind: Option<String>,
    limit: Option<usize>,
}

pub(crate) fn parse_kind(s: &str) -> Result<armsgraph_model::EntityKind, AppError> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_string())).map_err(|_| {
        AppError::BadRequest(format!(
            "unknown entity kind {s:?}: use state, organisation, person, place, weapon_system, weapon_category or group"
        ))
    })
}

async fn entities(
    State(state): State<AppState>,
    Query(query): Query<EntityQuery>,
) -> ApiResult<Vec<armsgraph_store::EntityHit>> {
    let n = limit(query.limit, 50);
    let kind = query
        .kind
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(parse_kind)
        .transpose()?;
    let q = query.q.unwrap_or_default();
    let hits = state
        .with_store(move |s| {
            let mut hits = if q.trim().is_empty() {
                s.top_entities(kind, n)?
            } else {
                s.search_entities(&q, n)?
            };
            if let Some(k) = kind {
                hits.retain(|h| h.kind == k);
            }
            Ok(hits)
        })
        .await?;
    Ok(Json(hits))
}

async fn entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<views::EntityProfile> {
    let profile = state
        .with_views(move |s, kb, files, cache| {
            let profile = cache.entity_profile(s, kb, files, &id)?;
            (*profile)
                .clone()
                .ok_or_else(|| AppError::NotFound(format!("no entity with id {id:?}")))
        })
        .await?;
    Ok(Json(profile))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct EventQuery {
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub actor: Option<String>,
    pub recipient: Option<String>,
    pub involving: Option<String>,
    pub weapon: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub document: Option<String>,
    pub limit: Option<usize>,
    /// With `from`/`to`: keep events that have no date.
    pub undated: Option<bool>,
}

pub(crate) fn parse_event_type(s: &str) -> Result<EventType, AppError> {
    EventType::from_label(s).ok_or_else(|| {
        let labels: Vec<&str> = EventType::ALL.iter().map(|t| t.label()).collect();
        AppError::BadRequest(format!(
            "unknown event type {s:?}: use one of {}",
            labels.join(", ")
        ))
    })
}

/// Which end of a period a partial date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Start,
    End,
}

/// An ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), checked so a typo is an error rather than
/// a silently empty answer, and completed to a day: the store compares dates as strings, so
/// `to=2021` must become `2021-12-31` to include events in 2021.
pub(crate) fn parse_date(name: &str, s: &str, bound: Bound) -> Result<String, AppError> {
    let s = s.trim();
    let ok = matches!(s.len(), 4 | 7 | 10)
        && s.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok {
        return Err(AppError::BadRequest(format!(
            "{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {s:?}"
        )));
    }
    // The shape is ASCII digits and dashes, so these slices fall on char boundaries.
    let number = |range: std::ops::Range<usize>| s.get(range).and_then(|p| p.parse::<u32>().ok());
    if s.len() >= 7 {
        let (year, month) = (number(0..4).unwrap_or(0), number(5..7).unwrap_or(0));
        if !(1..=12).contains(&month) {
            return Err(AppError::BadRequest(format!(
                "{name}: {s:?} is not a date: month {month} does not exist"
            )));
        }
        if s.len() == 10 {
            let day = number(8..10).unwrap_or(0);
            let last = days_in_month(year, month);
            if !(1..=last).contains(&day) {
                return Err(AppError::BadRequest(format!(
                    "{name}: {s:?} is not a date: month {month} of {year} has days 1 to {last}"
                )));
            }
        }
    }
    // Day 31 bounds every month from above in string order.
    Ok(match (s.len(), bound) {
        (4, Bound::Start) => format!("{s}-01-01"),
        (4, Bound::End) => format!("{s}-12-31"),
        (7, Bound::Start) => format!("{s}-01"),
        (7, Bound::End) => format!("{s}-31"),
        _ => s.to_string(),
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl EventQuery {
    pub(crate) fn filter(self) -> Result<EventFilter, AppError> {
        Ok(EventFilter {
            event_type: nonempty(self.event_type)
                .map(|t| parse_event_type(&t))
                .transpose()?,
            actor: nonempty(self.actor),
            recipient: nonempty(self.recipient),
            involving: nonempty(self.involving),
            weapon: nonempty(self.weapon),
            from: nonempty(self.from)
                .map(|d| parse_date("from", &d, Bound::Start))
                .transpose()?,
            to: nonempty(self.to)
                .map(|d| parse_date("to", &d, Bound::End))
                .transpose()?,
            document: nonempty(self.document),
            limit: Some(limit(self.limit, 500)),
            undated: self.undated.unwrap_or(false),
            by_time: false,
        })
    }
}

async fn events(
    State(state): State<AppState>,
    who: Who,
    Query(query): Query<EventQuery>,
) -> ApiResult<Vec<armsgraph_store::StoredEvent>> {
    let filter = query.filter()?;
    let scope = scope_of(who.as_deref());
    Ok(Json(
        state
            .with_store(move |s| {
                let mut events = s.events(&filter)?;
                retain_readable(s, &scope, &mut events, |e| &e.document)?;
                Ok(events)
            })
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
struct QuoteQuery {
    speaker: Option<String>,
    limit: Option<usize>,
}

async fn quotes(
    State(state): State<AppState>,
    who: Who,
    Query(query): Query<QuoteQuery>,
) -> ApiResult<Vec<armsgraph_store::StoredQuote>> {
    let n = limit(query.limit, 200);
    let speaker = nonempty(query.speaker);
    let scope = scope_of(who.as_deref());
    Ok(Json(
        state
            .with_store(move |s| {
                let mut quotes = s.quotes(speaker.as_deref(), n)?;
                retain_readable(s, &scope, &mut quotes, |q| &q.document)?;
                Ok(quotes)
            })
            .await?,
    ))
}

async fn alerts(State(state): State<AppState>) -> ApiResult<views::Alerts> {
    Ok(Json(
        state
            .with_views(|s, kb, files, cache| Ok((*cache.alerts(s, kb, files)?).clone()))
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
}

async fn search(
    State(state): State<AppState>,
    who: Who,
    Query(query): Query<SearchQuery>,
) -> ApiResult<views::SearchResults> {
    let scope = scope_of(who.as_deref());
    let q = query.q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(
            AppError::BadRequest("parameter q (the search words) is required".into()).into(),
        );
    }
    let n = limit(query.limit, 20);
    Ok(Json(
        state
            .with_views(move |s, kb, _, cache| {
                let mut results = (*cache.search(s, kb, &q, n)?).clone();
                views::restrict_search(s, &scope, &mut results)?;
                Ok(results)
            })
            .await?,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct GraphQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Comma-separated relations (`arms_transfer,conflict`).
    pub relations: Option<String>,
    pub entity: Option<String>,
}

impl GraphQuery {
    pub(crate) fn filter(self) -> Result<GraphFilter, AppError> {
        let mut relations = Vec::new();
        for label in nonempty(self.relations).iter().flat_map(|r| r.split(',')) {
            if label.trim().is_empty() {
                continue;
            }
            let r = Relation::from_label(label).ok_or_else(|| {
                let all: Vec<&str> = Relation::ALL.iter().map(|r| r.label()).collect();
                AppError::BadRequest(format!(
                    "unknown relation {label:?}: use {}",
                    all.join(", ")
                ))
            })?;
            relations.push(r);
        }
        Ok(GraphFilter {
            from: nonempty(self.from)
                .map(|d| parse_date("from", &d, Bound::Start))
                .transpose()?,
            to: nonempty(self.to)
                .map(|d| parse_date("to", &d, Bound::End))
                .transpose()?,
            relations,
            entity: nonempty(self.entity),
        })
    }
}

async fn graph(
    State(state): State<AppState>,
    Query(query): Query<GraphQuery>,
) -> ApiResult<views::Graph> {
    let mut filter = query.filter()?;
    let graph = state
        .with_views(move |s, kb, files, cache| {
            // People type names (`Aserbaidschan`, `Belarus`), not ids.
            if let Some(typed) = filter.entity.take() {
                let resolved = armsgraph_analysis::query::resolve_entity(s, kb, &typed)
                    .map_err(|e| AppError::Internal(format!("resolving {typed:?}: {e}")))?;
                filter.entity = Some(resolved.map(|(id, _)| id).unwrap_or(typed));
            }
            let refs = cache
                .reference(s, files)
                .map_err(|e| AppError::Internal(format!("reference data: {e}")))?;
            Ok((*cache.graph(s, &refs, &filter)?).clone())
        })
        .await?;
    Ok(Json(graph))
}

/// A document to read, as JSON. A body of another content type is taken as the document
/// itself (`text/html` as HTML, anything else as plain text).
#[derive(Debug, Deserialize)]
pub(crate) struct IngestRequest {
    pub text: String,
    /// Whether `text` is HTML; guessed from the text when absent.
    pub html: Option<bool>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Publication date (`YYYY-MM-DD`), the anchor of relative times.
    pub published: Option<String>,
    /// ISO 639-1 code, when known.
    pub language: Option<String>,
    /// Name of an uploaded file, kept as the document's origin.
    pub filename: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct IngestResult {
    /// `stored` or `duplicate`.
    pub outcome: &'static str,
    pub id: String,
    /// Page of the document.
    pub href: String,
    pub title: Option<String>,
    pub entities: usize,
    pub events: usize,
    pub quotes: usize,
    pub warnings: Vec<armsgraph_model::Warning>,
}

/// Compare without an early exit, so the answer time does not tell how much of a guess was
/// right.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= usize::from(x ^ y);
    }
    diff == 0
}

/// Check the request's token: `Authorization: Bearer <t>` or `X-Armsgraph-Token: <t>`.
/// A client address with too many recent failures is refused without a comparison.
///
/// In accounts mode the gate has already found who is asking and checked their role: the
/// answer is that [`Principal`].
pub(crate) fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
) -> Result<Option<Principal>, AppError> {
    if state.accounts_enabled() {
        return extensions
            .get::<Principal>()
            .cloned()
            .map(Some)
            .ok_or(AppError::Unauthorized);
    }
    let client = crate::guard::client_ip(extensions);
    let Some(expected) = state.token() else {
        return Err(AppError::Forbidden(
            "ingest is disabled: start the server with --token or ARMSGRAPH_TOKEN to allow writes"
                .into(),
        ));
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let custom = headers
        .get("x-armsgraph-token")
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    state.failures().check(client)?;
    match bearer.or(custom) {
        Some(given) if constant_time_eq(given.as_bytes(), expected.as_bytes()) => {
            state.failures().record_success(client);
            Ok(None)
        }
        _ => {
            state.failures().record_failure(client);
            Err(AppError::Unauthorized)
        }
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with('<')
        && [
            "<html",
            "<!doctype html",
            "<body",
            "<p>",
            "<p ",
            "<div",
            "<article",
            "<br",
        ]
        .iter()
        .any(|tag| head.contains(tag))
}

/// Read a body of at most `limit` bytes. The declared length is checked first, so an
/// oversized upload is refused before a byte of it is read; a body without one (chunked) is
/// cut off at the limit.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Vec<u8>, AppError> {
    if let Some(declared) = headers.get(header::CONTENT_LENGTH) {
        let declared = declared
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .ok_or_else(|| AppError::BadRequest("Content-Length is not a number".into()))?;
        if declared > limit as u64 {
            return Err(AppError::PayloadTooLarge { limit });
        }
    }
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(e) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if too_large {
                Err(AppError::PayloadTooLarge { limit })
            } else {
                Err(AppError::BadRequest(format!("cannot read the body: {e}")))
            }
        }
    }
}

#[derive(Debug, Deserialize)]
struct CollectionQuery {
    /// Put the document into this collection (created when missing, by an admin or in the
    /// one-user mode; an analyst needs write access to it).
    collection: Option<String>,
}

/// The collection an ingest names, checked against the writer's access before the body is
/// read.
async fn writable_collection(
    state: &AppState,
    who: Option<&Principal>,
    collection: Option<String>,
) -> Result<Option<String>, AppError> {
    let Some(name) = nonempty(collection).map(|c| c.trim().to_string()) else {
        return Ok(None);
    };
    let Some(principal) = who.cloned() else {
        return Ok(Some(name));
    };
    let checked = name.clone();
    state
        .with_store(move |s| {
            let exists = s.collection(&checked)?.is_some();
            match s.access(&principal.user, &checked)? {
                Some(armsgraph_store::accounts::Access::Write) => Ok(()),
                _ if !exists => Err(AppError::Forbidden(format!(
                    "there is no collection {checked:?}; an admin makes one (armsgraph collection create {checked})"
                ))),
                _ => Err(AppError::Forbidden(format!(
                    "{} may not write to collection {checked:?}; an admin can grant it (armsgraph collection grant {checked} {} --access write)",
                    principal.user.name, principal.user.name
                ))),
            }
        })
        .await?;
    Ok(Some(name))
}

/// After a document is stored: into its collection, and a row in the audit log (accounts
/// mode).
fn after_ingest(
    store: &armsgraph_store::Store,
    who: Option<&Principal>,
    collection: Option<&str>,
    id: &str,
    outcome: &str,
) -> Result<(), AppError> {
    if let Some(c) = collection {
        store.add_to_collection(c, id)?;
    }
    if let Some(p) = who {
        let detail = match collection {
            Some(c) => format!("{outcome}; collection {c}"),
            None => outcome.to_string(),
        };
        p.audit(store, "ingest", id, &detail)?;
    }
    Ok(())
}

async fn ingest(
    State(state): State<AppState>,
    Query(cq): Query<CollectionQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    // Token first: an unauthenticated upload is answered before its body is read.
    let who = authorize(&state, &headers, &parts.extensions)?;
    let collection = writable_collection(&state, who.as_ref(), cq.collection).await?;
    let body = read_body(&headers, body, state.body_limit()).await?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let request = if content_type.starts_with("application/json") {
        serde_json::from_slice::<IngestRequest>(&body)
            .map_err(|e| AppError::BadRequest(format!("invalid JSON body: {e}")))?
    } else {
        let text = String::from_utf8(body)
            .map_err(|_| AppError::BadRequest("the body is not UTF-8 text".into()))?;
        IngestRequest {
            text,
            html: content_type.starts_with("text/html").then_some(true),
            title: None,
            url: None,
            published: None,
            language: None,
            filename: None,
        }
    };
    if request.text.trim().is_empty() {
        return Err(AppError::BadRequest("the document text is empty".into()).into());
    }
    // A publication date anchors relative times, so it must name a day.
    let published = match nonempty(request.published.clone()) {
        Some(d) if d.len() == 10 => Some(parse_date("published", &d, Bound::Start)?),
        Some(d) => {
            return Err(AppError::BadRequest(format!(
                "published must be a day YYYY-MM-DD, not {d:?}"
            ))
            .into())
        }
        None => None,
    };
    let is_html = request
        .html
        .unwrap_or_else(|| looks_like_html(&request.text));
    let origin = match nonempty(request.filename.clone()) {
        Some(name) => format!("web:upload:{name}"),
        None => "web:paste".to_string(),
    };
    let raw = RawDocument {
        origin,
        kind: SourceKind::Api,
        url: nonempty(request.url.clone()),
        is_html,
        body: request.text,
        title_hint: nonempty(request.title),
        language_hint: nonempty(request.language.clone()),
        ..Default::default()
    };
    let options = ReadOptions {
        published,
        language: nonempty(request.language),
    };
    let result = state
        .with_pipeline(move |pipeline, store| {
            let extraction = pipeline
                .read(&raw, &options)
                .map_err(|e| AppError::Unprocessable(format!("cannot read the document: {e}")))?;
            let outcome = store.insert(&extraction)?;
            let (outcome, id) = match outcome {
                InsertOutcome::Stored { id, .. } => {
                    // Kept for `armsgraph reprocess`.
                    store.store_raw(
                        &id,
                        &raw,
                        options.published.as_deref(),
                        options.language.as_deref(),
                    )?;
                    ("stored", id)
                }
                InsertOutcome::Duplicate { id } => ("duplicate", id),
            };
            after_ingest(store, who.as_ref(), collection.as_deref(), &id, outcome)?;
            Ok(IngestResult {
                outcome,
                href: crate::html::document_href(&id, None),
                id,
                title: extraction.document.title.clone(),
                entities: extraction.actors.len(),
                events: extraction.events.len(),
                quotes: extraction.quotes.len(),
                warnings: extraction.warnings,
            })
        })
        .await?;
    let status = if result.outcome == "stored" {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result)).into_response())
}

/// A correction as the API takes it (`POST /api/corrections`).
#[derive(Debug, Deserialize)]
pub(crate) struct CorrectionRequest {
    /// `wrong`, `type`, `actor`, `recipient`, `date`, `confirm`, `merge`, `split`, `alias`.
    pub kind: String,
    /// Event id or key; entity id for merge, split and alias.
    pub target: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub surface: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// Who, as the token's holder names themselves; recorded as `web:<by>` (`web` without).
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub reason: String,
}

/// Who a correction made through the web is by: `web:<name given>` (80 characters at most),
/// or `web` — the one-token server knows no accounts.
fn web_author(by: Option<String>) -> String {
    match nonempty(by) {
        Some(who) => format!("web:{}", who.chars().take(80).collect::<String>()),
        None => "web".to_string(),
    }
}

/// Records a correction made through the web (the token's holder), in the same way as
/// `armsgraph correct`.
pub(crate) fn record_correction(
    store: &mut armsgraph_store::Store,
    request: CorrectionRequest,
    who: Option<&Principal>,
) -> Result<armsgraph_store::corrections::CorrectionOutcome, AppError> {
    use armsgraph_store::corrections::{CorrectionKind, NewCorrection};
    let kind = CorrectionKind::parse(&request.kind).ok_or_else(|| {
        AppError::BadRequest(format!(
            "unknown correction kind {:?}: wrong, type, actor, recipient, date, confirm, merge, split or alias",
            request.kind
        ))
    })?;
    // Accounts mode: the signed-in user, whatever the form says.
    let by = match who {
        Some(p) => p.user.name.clone(),
        None => web_author(request.by),
    };
    if let Some(p) = who.filter(|p| p.restricted()) {
        // A restricted reader corrects only events of documents they may read; entity
        // corrections (merge, split, alias) change every collection's reading.
        if matches!(
            kind,
            CorrectionKind::Merge | CorrectionKind::Split | CorrectionKind::Alias
        ) {
            return Err(AppError::Forbidden(format!(
                "{} may not read every collection, and entity corrections change them all",
                p.user.name
            )));
        }
        let doc = request.target.split(['@', ':']).next().unwrap_or_default();
        if !store.may_read(&p.scope, doc)? {
            return Err(AppError::NotFound(format!(
                "no event {:?} among the documents you may read",
                request.target
            )));
        }
    }
    let audit_detail = format!(
        "{} {}{}",
        request.kind,
        request
            .value
            .as_deref()
            .or(request.surface.as_deref())
            .unwrap_or(""),
        if request.reason.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                request.reason.chars().take(200).collect::<String>()
            )
        }
    );
    let target = request.target.clone();
    store
        .add_correction(&NewCorrection {
            kind,
            target: request.target,
            value: request.value,
            surface: request.surface,
            name: request.name,
            by,
            reason: request.reason.chars().take(2000).collect(),
        })
        .map_err(|e| match e {
            armsgraph_store::StoreError::Correction(m) => AppError::BadRequest(m),
            other => AppError::from(other),
        })
        .and_then(|outcome| {
            if let Some(p) = who {
                p.audit(store, "correct", &target, audit_detail.trim())?;
            }
            Ok(outcome)
        })
}

async fn correct(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    let who = authorize(&state, &headers, &parts.extensions)?;
    let body = read_body(&headers, body, 64 * 1024).await?;
    let request: CorrectionRequest = serde_json::from_slice(&body)
        .map_err(|e| AppError::BadRequest(format!("invalid JSON body: {e}")))?;
    let outcome = state
        .with_store(move |store| record_correction(store, request, who.as_ref()))
        .await?;
    Ok((StatusCode::CREATED, Json(outcome)).into_response())
}

/// Who takes a correction back, and why (`POST /api/corrections/{id}/withdraw`).
#[derive(Debug, Default, Deserialize)]
struct WithdrawRequest {
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    reason: String,
}

async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    let who = authorize(&state, &headers, &parts.extensions)?;
    if let Some(p) = who.as_ref().filter(|p| p.restricted()) {
        // A withdrawal changes the reading of every collection the correction touched.
        return Err(AppError::Forbidden(format!(
            "{} may not read every collection, and withdrawing a correction changes them",
            p.user.name
        ))
        .into());
    }
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::BadRequest(format!("{id:?} is not a correction id")))?;
    let body = read_body(&headers, body, 16 * 1024).await?;
    let request: WithdrawRequest = if body.iter().all(u8::is_ascii_whitespace) {
        WithdrawRequest::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| AppError::BadRequest(format!("invalid JSON body: {e}")))?
    };
    let by = match &who {
        Some(p) => p.user.name.clone(),
        None => web_author(request.by),
    };
    let reason: String = request.reason.chars().take(2000).collect();
    let outcome = state
        .with_store(move |store| {
            let outcome = store
                .withdraw_correction(id, &by, &reason)
                .map_err(|e| match e {
                    armsgraph_store::StoreError::Correction(m) => AppError::BadRequest(m),
                    other => AppError::from(other),
                })?;
            if let Some(p) = &who {
                p.audit(store, "withdraw", &id.to_string(), reason.trim())?;
            }
            Ok(outcome)
        })
        .await?;
    Ok((StatusCode::OK, Json(outcome)).into_response())
}

#[derive(Debug, Deserialize)]
struct CorrectionsQuery {
    #[serde(default)]
    orphaned: bool,
}

async fn corrections(
    State(state): State<AppState>,
    Query(q): Query<CorrectionsQuery>,
) -> ApiResult<Vec<armsgraph_store::corrections::CorrectionStatus>> {
    Ok(Json(
        state
            .with_store(move |store| Ok(store.corrections(q.orphaned)?))
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
struct FileQuery {
    /// The file's name: its extension picks the reader when the bytes do not (`note.pdf`,
    /// `mail.eml`, `inbox.mbox`, `crawl.warc.gz`).
    name: Option<String>,
    /// As for `/api/ingest`.
    collection: Option<String>,
}

/// One input of an uploaded file that could not be read.
#[derive(Debug, Serialize)]
pub(crate) struct FileFailure {
    pub origin: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct FileIngestResult {
    /// Every document the file held (an e-mail and its attachments, a feed's items, a WARC's
    /// pages), in file order.
    pub documents: Vec<IngestResult>,
    /// Parts that could not be read, with why; they are also recorded as failed inputs.
    pub failed: Vec<FileFailure>,
}

/// A file of any format `armsgraph ingest` reads (PDF, scan, DOCX/ODT, e-mail, mailbox, feed,
/// WARC, HTML, text), sent as its raw bytes. Each document in it goes through the pipeline and
/// is stored; a part that fails is reported and recorded, and the rest is still stored.
async fn ingest_file(
    State(state): State<AppState>,
    Query(query): Query<FileQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    let who = authorize(&state, &headers, &parts.extensions)?;
    let collection = writable_collection(&state, who.as_ref(), query.collection).await?;
    let name = nonempty(query.name).ok_or_else(|| {
        AppError::BadRequest("parameter name (the file's name) is required".into())
    })?;
    // A name, not a path: only its last component is kept.
    let name = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>();
    if name.is_empty() {
        return Err(AppError::BadRequest("parameter name is empty".into()).into());
    }
    let body = read_body(&headers, body, state.body_limit()).await?;
    if body.is_empty() {
        return Err(AppError::BadRequest("the file is empty".into()).into());
    }
    let result = state
        .with_pipeline(move |pipeline, store| {
            let mut out = FileIngestResult {
                documents: Vec::new(),
                failed: Vec::new(),
            };
            let origin = format!("web:upload:{name}");
            for item in armsgraph_ingest::read_upload(&origin, body) {
                let raw = match item {
                    Ok(raw) => raw,
                    Err(failure) => {
                        store.record_failure(&failure)?;
                        out.failed.push(FileFailure {
                            origin: failure.origin,
                            reason: failure.reason,
                        });
                        continue;
                    }
                };
                let extraction = match pipeline.read(&raw, &ReadOptions::default()) {
                    Ok(x) => x,
                    Err(e) => {
                        let failure = armsgraph_model::FailedInput {
                            origin: raw.origin.clone(),
                            reason: e.to_string(),
                        };
                        store.record_failure(&failure)?;
                        out.failed.push(FileFailure {
                            origin: failure.origin,
                            reason: failure.reason,
                        });
                        continue;
                    }
                };
                let (outcome, id) = match store.insert(&extraction)? {
                    InsertOutcome::Stored { id, .. } => {
                        store.store_raw(&id, &raw, None, None)?;
                        ("stored", id)
                    }
                    InsertOutcome::Duplicate { id } => ("duplicate", id),
                };
                after_ingest(store, who.as_ref(), collection.as_deref(), &id, outcome)?;
                out.documents.push(IngestResult {
                    outcome,
                    href: crate::html::document_href(&id, None),
                    id,
                    title: extraction.document.title.clone(),
                    entities: extraction.actors.len(),
                    events: extraction.events.len(),
                    quotes: extraction.quotes.len(),
                    warnings: extraction.warnings,
                });
            }
            Ok(out)
        })
        .await?;
    let status = if result.documents.iter().any(|d| d.outcome == "stored") {
        StatusCode::CREATED
    } else if result.documents.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
        assert!(!constant_time_eq(b"", b"x"));
        assert!(constant_time_eq(b"", b""));
    }

    #[test]
    fn dates_are_checked() {
        use Bound::*;
        assert_eq!(
            parse_date("from", "2022", Start).ok().as_deref(),
            Some("2022-01-01")
        );
        assert_eq!(
            parse_date("to", "2022", End).ok().as_deref(),
            Some("2022-12-31")
        );
        assert_eq!(
            parse_date("to", "2022-02", End).ok().as_deref(),
            Some("2022-02-31")
        );
        assert_eq!(
            parse_date("from", "2022-09", Start).ok().as_deref(),
            Some("2022-09-01")
        );
        assert_eq!(
            parse_date("from", "2022-09-13", End).ok().as_deref(),
            Some("2022-09-13")
        );
        assert!(parse_date("from", "2022-9-13", Start).is_err());
        assert!(parse_date("from", "2024-13-45", Start).is_err());
        assert!(parse_date("from", "2024-13", Start).is_err());
        assert!(parse_date("from", "2024-00", Start).is_err());
        assert!(parse_date("from", "2023-02-29", Start).is_err());
        assert!(parse_date("from", "2024-02-29", Start).is_ok());
        assert!(parse_date("from", "1900-02-29", Start).is_err());
        assert!(parse_date("from", "2000-02-29", Start).is_ok());
        assert!(parse_date("from", "2024-04-31", Start).is_err());
        assert!(parse_date("from", "2024-01-00", Start).is_err());
        assert!(parse_date("from", "２０２４", Start).is_err());
        assert!(parse_date("from", "yesterday", Start).is_err());
    }

    #[test]
    fn html_is_recognised_by_its_tags() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html("  <p>Ein Absatz</p>"));
        assert!(!looks_like_html("Armenien bat die OVKS um Unterstützung."));
        assert!(!looks_like_html("<3 plain text"));
    }
}
