//! Accounts mode (`armsgraph serve --accounts`): who is asking, what they may do, and the
//! pages to sign in and out and to read the audit log (docs/notes/accounts.md).
//!
//! [`gate`] runs before every handler. Without accounts it does nothing, so the one-user mode
//! (one start-up token for writes, reads open) is unchanged. With accounts it:
//! - resolves a [`Principal`] from a personal API token (`Authorization: Bearer …`) or the
//!   session cookie; nobody → `401` on `/api/*`, a redirect to `/login` on pages;
//! - checks the CSRF token of every write made with a session (header `X-CSRF-Token`, or the
//!   `csrf` form field on `/logout`); token requests carry no ambient credential and need none;
//! - checks the role the route needs (viewer reads, analyst ingests and corrects, admin reads
//!   the audit log);
//! - refuses the store-wide views (entities, graph, alerts, timeline, exports, stats) to a
//!   user who may not read every collection that holds documents; the document routes
//!   (lists, search, documents, events, quotes) filter by [`armsgraph_store::Store::may_read`];
//! - fills the session's CSRF token into the `csrf` hidden fields of the pages it answers.

use std::net::IpAddr;

use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use serde::Deserialize;

use armsgraph_store::accounts::{AuditEntry, AuditFilter, NewAudit, ReadScope, Role, User};

use crate::api::constant_time_eq;
use crate::error::{ApiError, PageError};
use crate::html::{esc, page};
use crate::{AppError, AppState};

/// Name of the session cookie.
pub(crate) const COOKIE: &str = "armsgraph_session";

/// The field (and marker) pages put into forms; filled in by [`gate`] for a session.
pub(crate) const CSRF_FIELD: &str = "<input type=\"hidden\" name=\"csrf\" value=\"\">";

/// Who is asking, as [`gate`] found out; in the request's extensions in accounts mode.
#[derive(Debug, Clone)]
pub(crate) struct Principal {
    pub user: User,
    pub scope: ReadScope,
    /// The session's CSRF token; `None` for an API token.
    pub csrf: Option<String>,
    /// The session id (to sign out).
    pub session: Option<String>,
    pub address: IpAddr,
}

impl Principal {
    pub(crate) fn restricted(&self) -> bool {
        matches!(self.scope, ReadScope::Collections(_))
    }

    /// Add an audit row for something this principal did.
    pub(crate) fn audit(
        &self,
        store: &armsgraph_store::Store,
        action: &str,
        object: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        let address = self.address.to_string();
        store.audit(&NewAudit {
            actor: &self.user.name,
            action,
            object,
            detail,
            address: Some(&address),
        })?;
        Ok(())
    }
}

/// The read scope of a request: everything unless accounts mode found a restricted user.
pub(crate) fn scope_of(principal: Option<&Principal>) -> ReadScope {
    principal.map_or(ReadScope::All, |p| p.scope.clone())
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/account", get(account_page))
        .route("/audit", get(audit_page))
}

/// Paths anyone may reach in accounts mode: the sign-in page, static files, the API
/// description.
fn is_public(path: &str) -> bool {
    path == "/login" || path.starts_with("/static/") || path == "/api/openapi.json"
}

/// The least role a route needs.
fn required_role(method: &Method, path: &str) -> Role {
    let write = method != Method::GET && method != Method::HEAD;
    if path == "/audit" || path == "/api/audit" {
        Role::Admin
    } else if (write && path.starts_with("/api/")) || path == "/ingest" {
        Role::Analyst
    } else {
        Role::Viewer
    }
}

/// Views computed over the whole store (indexed view tables, caches of whole-store results):
/// they cannot be filtered per collection yet, so a restricted user does not get them.
fn store_wide(method: &Method, path: &str) -> bool {
    let read = method == Method::GET || method == Method::HEAD;
    read && (matches!(
        path,
        "/api/stats"
            | "/api/entities"
            | "/api/alerts"
            | "/api/graph"
            | "/api/corrections"
            | "/graph"
            | "/timeline"
            | "/alerts"
    ) || path.starts_with("/api/entities/")
        || path.starts_with("/entities/")
        || path.starts_with("/export/"))
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let custom = headers
        .get("x-armsgraph-token")
        .and_then(|v| v.to_str().ok());
    auth.or(custom)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// Refusals: JSON on the API, a page (or a redirect to sign in) elsewhere.
fn refuse(api: bool, path_and_query: &str, error: AppError) -> Response {
    if api {
        return ApiError(error).into_response();
    }
    if matches!(error, AppError::Unauthorized) {
        return Redirect::to(&format!("/login?next={}", crate::html::enc(path_and_query)))
            .into_response();
    }
    PageError(error).into_response()
}

/// The accounts layer; see the module doc.
pub(crate) async fn gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.accounts_enabled() {
        return next.run(request).await;
    }
    let path = request.uri().path().to_string();
    if is_public(&path) {
        return next.run(request).await;
    }
    let path_and_query = request
        .uri()
        .path_and_query()
        .map_or(path.clone(), |p| p.as_str().to_string());
    let api = path.starts_with("/api/") || path == "/api";
    let address = crate::guard::client_ip(request.extensions());
    let principal = match resolve(&state, request.headers(), address).await {
        Ok(Some(p)) => p,
        Ok(None) => return refuse(api, &path_and_query, AppError::Unauthorized),
        Err(e) => return refuse(api, &path_and_query, e),
    };
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD && path != "/logout" {
        if let Some(expected) = &principal.csrf {
            let sent = request
                .headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
                return refuse(
                    api,
                    &path_and_query,
                    AppError::Forbidden(
                        "missing or wrong CSRF token: reload the page and send the form again"
                            .into(),
                    ),
                );
            }
        }
    }
    let needed = required_role(&method, &path);
    if principal.user.role < needed {
        let message = format!(
            "{} is a {}; this needs the {} role (ask an admin: armsgraph user role {} {})",
            principal.user.name,
            principal.user.role.as_str(),
            needed.as_str(),
            principal.user.name,
            needed.as_str()
        );
        return refuse(api, &path_and_query, AppError::Forbidden(message));
    }
    if principal.restricted() && store_wide(&method, &path) {
        return refuse(
            api,
            &path_and_query,
            AppError::Forbidden(
                "this view is computed over every collection and you may not read all of them; \
                 search and the document lists show what you may read (an admin can grant \
                 read access: armsgraph collection grant)"
                    .into(),
            ),
        );
    }
    let csrf = principal.csrf.clone();
    let mut request = request;
    request.extensions_mut().insert(principal);
    let response = next.run(request).await;
    match csrf {
        Some(token) => fill_csrf(response, &token).await,
        None => response,
    }
}

/// Who sent the request: an API token first, else the session cookie.
async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    address: IpAddr,
) -> Result<Option<Principal>, AppError> {
    if let Some(token) = bearer(headers) {
        state.failures().check(address)?;
        let found = state
            .with_store(move |s| {
                let Some(user) = s.token_user(&token)? else {
                    return Ok(None);
                };
                let scope = s.read_scope(&user)?;
                Ok(Some((user, scope)))
            })
            .await?;
        return match found {
            Some((user, scope)) => {
                state.failures().record_success(address);
                Ok(Some(Principal {
                    user,
                    scope,
                    csrf: None,
                    session: None,
                    address,
                }))
            }
            None => {
                state.failures().record_failure(address);
                Err(AppError::Unauthorized)
            }
        };
    }
    let Some(id) = session_cookie(headers) else {
        return Ok(None);
    };
    let found = state
        .with_store(move |s| {
            let Some(session) = s.session(&id)? else {
                return Ok(None);
            };
            let scope = s.read_scope(&session.user)?;
            Ok(Some((session, scope, id)))
        })
        .await?;
    Ok(found.map(|(session, scope, id)| Principal {
        user: session.user,
        scope,
        csrf: Some(session.csrf),
        session: Some(id),
        address,
    }))
}

/// Put the session's CSRF token into the hidden `csrf` fields of an HTML answer.
async fn fill_csrf(response: Response, token: &str) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "cannot finish the page").into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    if !text.contains(CSRF_FIELD) {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    }
    // The token is hex: nothing to escape.
    let filled = text.replace(
        CSRF_FIELD,
        &format!("<input type=\"hidden\" name=\"csrf\" value=\"{token}\">"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(filled))
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

/// Only a path on this server (`/…`, not `//host`): no open redirect.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

fn login_form(next: &str, message: Option<&str>) -> String {
    let note = message
        .map(|m| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(m)))
        .unwrap_or_default();
    format!(
        "<section class=\"login\"><h1>Sign in</h1>{note}\
<form method=\"post\" action=\"/login\">\
<input type=\"hidden\" name=\"next\" value=\"{}\">\
<label>Name <input type=\"text\" name=\"name\" autocomplete=\"username\" required></label>\
<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>\
<button type=\"submit\">Sign in</button></form>\
<p class=\"how\">Accounts are made by an admin: <code>armsgraph user add NAME --role viewer</code>.</p></section>",
        esc(next)
    )
}

async fn login_page(State(state): State<AppState>, Query(q): Query<LoginQuery>) -> Response {
    if !state.accounts_enabled() {
        return Redirect::to("/").into_response();
    }
    let next = safe_next(q.next.as_deref());
    page("Sign in", "", &login_form(&next, None)).into_response()
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
}

/// `POST /login`: checks the password (argon2, on the blocking pool), limited per client
/// address and per user name; sets the session cookie.
async fn login(State(state): State<AppState>, request: Request) -> Result<Response, PageError> {
    if !state.accounts_enabled() {
        return Err(AppError::NotFound("accounts are off: start with --accounts".into()).into());
    }
    let address = crate::guard::client_ip(request.extensions());
    let Form(form) = Form::<LoginForm>::from_request(request, &state)
        .await
        .map_err(|e| AppError::BadRequest(format!("cannot read the sign-in form: {e}")))?;
    let name: String = form.name.trim().chars().take(64).collect();
    let next = safe_next(form.next.as_deref());
    state.failures().check(address)?;
    state.login_failures().check(name.to_lowercase())?;
    let password = form.password;
    let checked_name = name.clone();
    let addr_text = address.to_string();
    let session = state
        .with_store(move |s| match s.check_password(&checked_name, &password)? {
            Some(user) => {
                let session =
                    s.create_session(&user, armsgraph_store::accounts::SESSION_SECONDS)?;
                s.audit(&NewAudit {
                    actor: &user.name,
                    action: "login",
                    object: &user.name,
                    detail: "",
                    address: Some(&addr_text),
                })?;
                Ok(Some(session))
            }
            None => {
                s.audit(&NewAudit {
                    actor: "-",
                    action: "login_failed",
                    object: &checked_name,
                    detail: "wrong name or password, or the user is disabled",
                    address: Some(&addr_text),
                })?;
                Ok(None)
            }
        })
        .await?;
    let Some(session) = session else {
        state.failures().record_failure(address);
        state.login_failures().record_failure(name.to_lowercase());
        let body = login_form(&next, Some("Wrong name or password."));
        return Ok((StatusCode::UNAUTHORIZED, page("Sign in", "", &body)).into_response());
    };
    state.failures().record_success(address);
    state.login_failures().record_success(name.to_lowercase());
    let secure = if state.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        session.id,
        armsgraph_store::accounts::SESSION_SECONDS
    );
    let mut response = Redirect::to(&next).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Debug, Deserialize)]
struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(State(state): State<AppState>, request: Request) -> Result<Response, PageError> {
    let principal = request
        .extensions()
        .get::<Principal>()
        .cloned()
        .ok_or(AppError::Unauthorized)?;
    let Form(form) = Form::<LogoutForm>::from_request(request, &state)
        .await
        .map_err(|e| AppError::BadRequest(format!("cannot read the form: {e}")))?;
    let (Some(expected), Some(session)) = (principal.csrf.clone(), principal.session.clone())
    else {
        return Err(AppError::BadRequest(
            "sign out ends a web session; this request has none".into(),
        )
        .into());
    };
    if !constant_time_eq(form.csrf.as_bytes(), expected.as_bytes()) {
        return Err(AppError::Forbidden("missing or wrong CSRF token".into()).into());
    }
    state
        .with_store(move |s| {
            s.delete_session(&session)?;
            principal.audit(s, "logout", &principal.user.name, "")
        })
        .await?;
    let mut response = Redirect::to("/login").into_response();
    let secure = if state.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"
    )) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

async fn account_page(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, PageError> {
    let Some(principal) = request.extensions().get::<Principal>().cloned() else {
        return Err(AppError::NotFound("accounts are off: start with --accounts".into()).into());
    };
    let name = principal.user.name.clone();
    let user = principal.user.clone();
    let (tokens, collections) = state
        .with_store(move |s| {
            let tokens = s.tokens(Some(&name))?;
            let collections: Vec<(String, Option<armsgraph_store::accounts::Access>)> = s
                .collections()?
                .into_iter()
                .map(|c| {
                    let access = s.access(&user, &c.name);
                    access.map(|a| (c.name, a))
                })
                .collect::<Result<_, _>>()?;
            Ok((tokens, collections))
        })
        .await?;
    let mut body = format!(
        "<h1>{} <small>{}</small></h1>",
        esc(&principal.user.name),
        principal.user.role.as_str()
    );
    if principal.csrf.is_some() {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/logout\">{CSRF_FIELD}<button type=\"submit\">Sign out</button></form>"
        ));
    }
    body.push_str("<h2>Collections</h2><ul>");
    for (c, access) in &collections {
        let a = access.map_or("no access", |a| a.as_str());
        body.push_str(&format!("<li>{} — {}</li>", esc(c), a));
    }
    body.push_str("</ul><h2>API tokens</h2><ul>");
    for t in &tokens {
        body.push_str(&format!(
            "<li>#{} {} — made {}{}</li>",
            t.id,
            esc(&t.label),
            esc(&t.created_at),
            t.revoked_at
                .as_deref()
                .map(|r| format!(", revoked {}", esc(r)))
                .unwrap_or_default()
        ));
    }
    body.push_str("</ul><p class=\"how\">Make one with <code>armsgraph token create NAME --label …</code>.</p>");
    Ok(page("Account", "", &body).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct AuditQuery {
    user: Option<String>,
    since: Option<String>,
    limit: Option<usize>,
}

impl AuditQuery {
    fn filter(self) -> Result<AuditFilter, AppError> {
        let since = match self.since.filter(|s| !s.trim().is_empty()) {
            Some(s) => Some(crate::api::parse_date(
                "since",
                s.trim(),
                crate::api::Bound::Start,
            )?),
            None => None,
        };
        Ok(AuditFilter {
            actor: self.user.filter(|u| !u.trim().is_empty()),
            since,
            limit: self.limit.unwrap_or(200).clamp(1, 10_000),
        })
    }
}

async fn read_audit(state: &AppState, q: AuditQuery) -> Result<Vec<AuditEntry>, AppError> {
    if !state.accounts_enabled() {
        return Err(AppError::NotFound(
            "the audit log is part of accounts mode: start with --accounts".into(),
        ));
    }
    let filter = q.filter()?;
    state.with_store(move |s| Ok(s.audit_log(&filter)?)).await
}

pub(crate) async fn audit_api(
    State(state): State<AppState>,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    Ok(Json(read_audit(&state, q).await?))
}

async fn audit_page(
    State(state): State<AppState>,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, PageError> {
    let rows = read_audit(&state, q).await?;
    let mut body = String::from(
        "<h1>Audit log</h1><form method=\"get\" action=\"/audit\"><input name=\"user\" placeholder=\"user\">\
<input name=\"since\" placeholder=\"YYYY-MM-DD\"><button>Filter</button></form>\
<table class=\"audit\"><thead><tr><th>when</th><th>who</th><th>what</th><th>object</th><th>detail</th><th>from</th></tr></thead><tbody>",
    );
    for r in &rows {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.at),
            esc(&r.actor),
            esc(&r.action),
            esc(&r.object),
            esc(&r.detail),
            esc(r.address.as_deref().unwrap_or(""))
        ));
    }
    body.push_str("</tbody></table>");
    Ok(page("Audit log", "", &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_server() {
        assert_eq!(safe_next(Some("/documents?page=2")), "/documents?page=2");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn roles_per_route() {
        assert_eq!(required_role(&Method::GET, "/search"), Role::Viewer);
        assert_eq!(required_role(&Method::POST, "/api/ingest"), Role::Analyst);
        assert_eq!(
            required_role(&Method::POST, "/api/corrections"),
            Role::Analyst
        );
        assert_eq!(
            required_role(&Method::GET, "/api/corrections"),
            Role::Viewer
        );
        assert_eq!(required_role(&Method::GET, "/api/audit"), Role::Admin);
        assert_eq!(required_role(&Method::POST, "/logout"), Role::Viewer);
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; armsgraph_session=abc; b=2"),
        );
        assert_eq!(session_cookie(&h).as_deref(), Some("abc"));
    }
}
