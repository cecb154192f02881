//! Request errors, answered as JSON on `/api/*` and as a page elsewhere.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use armsgraph_store::StoreError;

/// What went wrong with one request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("a valid token is required: send `Authorization: Bearer <token>`")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    /// The input was received but cannot be read as a document.
    #[error("{0}")]
    Unprocessable(String),
    #[error("request body larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// Too many failed token attempts from one address.
    #[error("too many failed token attempts from this address: wait {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    /// The server is busy (every worker in use) or the request ran out of time.
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client is told. Internal failures (database errors, failed tasks) may name
    /// files, tables or SQL: they are logged on the server's stderr under a request id, and the
    /// client gets only that id.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Store(_) | AppError::Internal(_) => {
                let id = next_request_id();
                eprintln!("armsgraph serve: request {id} failed: {self}");
                format!("internal error (request id {id}); the details are in the server log")
            }
            _ => self.to_string(),
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooManyAttempts { retry_after_secs } => Some(*retry_after_secs),
            AppError::Unavailable(_) => Some(1),
            _ => None,
        }
    }
}

/// A short id that ties an answer to its line in the server log: the process id, then a
/// counter.
pub(crate) fn next_request_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "{:x}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

fn add_retry_after(response: &mut Response, error: &AppError) {
    if let Some(secs) = error.retry_after() {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
}

/// `{"error": "...", "status": N}` with that status.
pub(crate) fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message, "status": status.as_u16() });
    (status, Json(body)).into_response()
}

/// An [`AppError`] answered as JSON (API routes).
pub(crate) struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError(AppError::Store(e))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = json_error(self.0.status(), &self.0.public_message());
        add_retry_after(&mut response, &self.0);
        if matches!(self.0, AppError::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// An [`AppError`] answered as an HTML page (browser routes).
pub(crate) struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError(e)
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        PageError(AppError::Store(e))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let title = status.canonical_reason().unwrap_or("Error");
        let body = format!(
            "<section class=\"error\"><h1>{} {}</h1><p>{}</p><p><a href=\"/\">Back to search</a></p></section>",
            status.as_u16(),
            crate::html::esc(title),
            crate::html::esc(&self.0.public_message())
        );
        let mut response = (status, crate::html::page(title, "", &body)).into_response();
        add_retry_after(&mut response, &self.0);
        response
    }
}
