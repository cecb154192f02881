//! Checks every request passes before it reaches a handler: the `Host` it was sent to (and the
//! `Origin` of writes), against DNS rebinding; and a time limit per request, against clients
//! that send a body slowly and against handlers that run too long.
//!
//! DNS rebinding: a web page on `evil.example` can make its name resolve to 127.0.0.1 and then
//! read `http://evil.example:8080/api/...` as same-origin. The browser still sends
//! `Host: evil.example:8080`, so answering only the names this server is known by stops it.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::json_error;
use crate::AppState;

/// Which `Host` values the server answers: its own address and port, `localhost` and the
/// loopback addresses when it listens there, and names configured with `--allow-host`.
#[derive(Debug, Clone)]
pub(crate) struct HostPolicy {
    addr: SocketAddr,
    /// Lower-case names (any port) or `name:port` (that port only).
    names: Vec<(String, Option<u16>)>,
}

/// `host[:port]` split; IPv6 literals keep their brackets off. `None` for a malformed value.
fn split_authority(authority: &str) -> Option<(String, Option<u16>)> {
    let authority = authority.trim();
    if authority.is_empty() || authority.contains(['/', '@', ' ', '\\']) {
        return None;
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        match after {
            "" => (host, None),
            p => (host, Some(p.strip_prefix(':')?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (h, Some(p)),
            Some(_) => return None,
            None => (authority, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some((host, port))
}

impl HostPolicy {
    pub(crate) fn new(addr: SocketAddr, allowed: &[String]) -> HostPolicy {
        let names = allowed.iter().filter_map(|n| split_authority(n)).collect();
        HostPolicy { addr, names }
    }

    /// Whether a request to `authority` (a `Host` value, or the host of an `Origin`) is for
    /// this server. `default_port` is the port a missing one stands for (80 for `Host` and
    /// `http://` origins).
    pub(crate) fn allows(&self, authority: &str, default_port: u16) -> bool {
        let Some((host, port)) = split_authority(authority) else {
            return false;
        };
        let named = self
            .names
            .iter()
            .any(|(name, p)| *name == host && p.is_none_or(|p| Some(p) == port));
        if named {
            return true;
        }
        if port.unwrap_or(default_port) != self.addr.port() {
            return false;
        }
        let bound = self.addr.ip();
        let literal: Option<IpAddr> = host.parse().ok();
        if literal == Some(bound) {
            return true;
        }
        let local = host == "localhost" || literal.is_some_and(|ip| ip.is_loopback());
        if (bound.is_loopback() || bound.is_unspecified()) && local {
            return true;
        }
        // Listening on every interface, the server cannot list its own addresses; an address
        // typed as digits cannot be rebound by DNS, so any IP literal is accepted.
        bound.is_unspecified() && literal.is_some()
    }

    /// The names to list in an error message.
    fn describe(&self) -> String {
        let port = self.addr.port();
        let mut names = vec![format!("{}", self.addr)];
        if self.addr.ip().is_loopback() || self.addr.ip().is_unspecified() {
            names.push(format!("localhost:{port}"));
        }
        for (n, p) in &self.names {
            names.push(match p {
                Some(p) => format!("{n}:{p}"),
                None => n.clone(),
            });
        }
        names.join(", ")
    }
}

fn refuse(request: &Request, status: StatusCode, message: String) -> Response {
    if request.uri().path().starts_with("/api") {
        json_error(status, &message)
    } else {
        (status, message).into_response()
    }
}

/// Answer 421 to a request for another host, 403 to a write from another origin.
///
/// A request without `Host` (HTTP/1.0 tools) is let through: browsers always send one, and
/// the attack needs a browser.
pub(crate) async fn check_host(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let policy = state.hosts();
    if let Some(host) = request.headers().get(header::HOST) {
        let ok = host.to_str().is_ok_and(|h| policy.allows(h, 80));
        if !ok {
            let message = format!(
                "this server does not answer to host {:?}; it answers to {} (start it with --allow-host NAME to add a name)",
                String::from_utf8_lossy(host.as_bytes()),
                policy.describe()
            );
            return refuse(&request, StatusCode::MISDIRECTED_REQUEST, message);
        }
    }
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        if let Some(origin) = request.headers().get(header::ORIGIN) {
            let ok = origin.to_str().is_ok_and(|o| {
                if let Some(rest) = o.strip_prefix("http://") {
                    policy.allows(rest, 80)
                } else if let Some(rest) = o.strip_prefix("https://") {
                    policy.allows(rest, 443)
                } else {
                    false
                }
            });
            if !ok {
                let message = format!(
                    "writes are accepted only from this server's own pages, not from origin {:?}",
                    String::from_utf8_lossy(origin.as_bytes())
                );
                return refuse(&request, StatusCode::FORBIDDEN, message);
            }
        }
    }
    next.run(request).await
}

/// Stop a request (reading its body included) that runs past the request timeout with 503.
/// Blocking work already started finishes on its own thread; its result is dropped.
pub(crate) async fn time_limit(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let limit = state.request_timeout();
    let api = request.uri().path().starts_with("/api");
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let message = format!("the request took longer than {} s", limit.as_secs_f32());
            let mut response = if api {
                json_error(StatusCode::SERVICE_UNAVAILABLE, &message)
            } else {
                (StatusCode::SERVICE_UNAVAILABLE, message).into_response()
            };
            response.headers_mut().insert(
                header::CONNECTION,
                header::HeaderValue::from_static("close"),
            );
            response
        }
    }
}

/// The client's address, when the request came through a socket (not in router tests).
pub(crate) fn client_ip(request_extensions: &axum::http::Extensions) -> IpAddr {
    request_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(addr: &str, names: &[&str]) -> HostPolicy {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        HostPolicy::new(addr.parse().expect("addr"), &names)
    }

    #[test]
    fn loopback_server_answers_its_own_names_only() {
        let p = policy("127.0.0.1:8080", &[]);
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "localhost.:8080",
            "[::1]:8080",
        ] {
            assert!(p.allows(ok, 80), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "evil.example",
            "127.0.0.1:8081",
            "localhost",
            "127.0.0.1",
            "localhost.evil.example:8080",
            "",
            ":8080",
            "localhost:8080:8080",
            "localhost:99999",
            "user@localhost:8080",
            "192.168.1.5:8080",
        ] {
            assert!(!p.allows(bad, 80), "{bad}");
        }
    }

    #[test]
    fn configured_names_and_wildcard_binds() {
        let p = policy("0.0.0.0:8080", &["Graph.Example.org", "proxy.local:8443"]);
        assert!(p.allows("graph.example.org", 80));
        assert!(p.allows("graph.example.org:1234", 80));
        assert!(p.allows("proxy.local:8443", 80));
        assert!(!p.allows("proxy.local:8080", 80));
        assert!(p.allows("192.168.1.5:8080", 80));
        assert!(p.allows("localhost:8080", 80));
        assert!(!p.allows("evil.example:8080", 80));
        let p = policy("192.168.1.5:80", &[]);
        assert!(p.allows("192.168.1.5", 80));
        assert!(!p.allows("localhost", 80));
        assert!(!p.allows("10.0.0.1", 80));
    }
}
