//! Web pages, sitemaps and feeds over HTTP(S), politely: [`Fetcher`].
//!
//! One `Fetcher` lives for a run (one `ingest`, one `watch`) and keeps what politeness
//! needs across requests: each host's robots.txt (fetched once, RFC 9309 through
//! `texting_robots`) and the time of each host's last request (at least
//! [`FetchConfig::host_delay`] apart, longer when robots.txt asks with `Crawl-delay`).
//!
//! Every request: a user agent naming the project ([`USER_AGENT`]), a connect timeout and a
//! whole-exchange timeout, redirects followed by hand (each hop checked against robots.txt
//! and the rate, at most [`FetchConfig::max_redirects`], loops named as such), a body read
//! as a stream and abandoned at the document limit (a `Content-Length` above it is refused
//! before reading). What comes back goes to the existing readers by its `Content-Type`:
//! HTML and text with the header's charset handed to [`crate::decode`], feeds to the feed
//! reader, PDF/office/e-mail/images to [`crate::leaks`]; the final URL (after redirects) is
//! each document's origin and URL.
//!
//! Failures are values: a [`FetchError`] per URL (DNS, connection, timeout, HTTP status,
//! robots.txt, size) that becomes the batch's `FailedInput`, never an abort.

use std::collections::HashMap;
use std::io::{BufRead, Cursor, Read};
use std::time::{Duration, Instant};

use armsgraph_model::{FailedInput, RawDocument};

use crate::feed::{self, FeedItem};
use crate::sitemap::{self, Sitemap, SitemapEntry};
use crate::{decode, Limits, MAX_DOCUMENT_BYTES};

/// Where people who see our requests in their logs learn what we are. Kept in one place so
/// a fork sets its own.
pub const PROJECT_URL: &str = "https://github.com/armsgraph/armsgraph";

/// `armsgraph/<version> (+<project url>)`: robots.txt groups match on the first word.
pub const USER_AGENT: &str = concat!(
    "armsgraph/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/armsgraph/armsgraph)"
);

/// The product token robots.txt groups are matched against.
pub const ROBOTS_AGENT: &str = "armsgraph";

/// robots.txt beyond this size is cut (RFC 9309 asks parsers to read at least 500 KiB).
const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// A `Crawl-delay` larger than this is capped: a site asking for an hour between requests
/// would stall a batch (its pages still wait this long).
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// Sitemap bounds: nested indexes at most this deep (the protocol allows one level; some
/// sites nest), this many sitemap files and this many pages per walk.
pub const MAX_SITEMAP_DEPTH: usize = 3;
pub const MAX_SITEMAP_FILES: usize = 200;
pub const MAX_SITEMAP_PAGES: usize = 50_000;

/// Settings of a [`Fetcher`].
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    /// Time to resolve and connect (TLS included).
    pub connect_timeout: Duration,
    /// Time for a whole exchange: request, headers and the full body.
    pub timeout: Duration,
    /// Least time between two requests to one host.
    pub host_delay: Duration,
    /// Redirects followed per URL.
    pub max_redirects: u32,
    /// Largest body accepted (decompressed); the download stops there.
    pub max_document_bytes: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: USER_AGENT.to_string(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            host_delay: Duration::from_secs(1),
            max_redirects: 5,
            max_document_bytes: MAX_DOCUMENT_BYTES,
        }
    }
}

/// Why a URL could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not an http(s) URL: {0}")]
    BadUrl(String),
    #[error("disallowed by {0}")]
    Robots(String),
    #[error("host not found (DNS)")]
    HostNotFound,
    #[error("connection failed: {0}")]
    Connection(String),
    #[error("timed out: {0}")]
    Timeout(String),
    #[error("HTTP {status}{}", if .reason.is_empty() { String::new() } else { format!(" {}", .reason) })]
    Status { status: u16, reason: String },
    #[error("redirect loop back to {0}")]
    RedirectLoop(String),
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error("redirect without a usable Location header")]
    BadRedirect,
    #[error("{0}; download stopped")]
    TooLarge(String),
    #[error("{0}")]
    Other(String),
}

impl FetchError {
    /// Worth trying again later (a poller retries these next round): the server or network
    /// failed, not the request.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::HostNotFound | FetchError::Connection(_) | FetchError::Timeout(_) => true,
            FetchError::Status { status, .. } => *status >= 500 || *status == 429,
            // robots.txt that could not be fetched (5xx) disallows for now, not for ever.
            FetchError::Robots(why) => why.contains("unavailable"),
            _ => false,
        }
    }
}

/// A fetched response with a 2xx status.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body: Vec<u8>,
}

/// Validators of a previous response, sent back as `If-None-Match`/`If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What polling a feed found.
#[derive(Debug)]
pub enum FeedPoll {
    /// `304 Not Modified`: nothing new since the validators.
    NotModified,
    /// The feed's items, with the validators to send next time.
    Items {
        items: Vec<FeedItem>,
        validators: Validators,
    },
}

/// The pages a sitemap walk found, and the sitemaps it could not read.
#[derive(Debug, Default)]
pub struct SitemapPages {
    pub pages: Vec<SitemapEntry>,
    pub failures: Vec<FailedInput>,
    /// Pages left out by `--since` (their `<lastmod>` is older).
    pub older: usize,
}

/// Counters of a run, for the summary and for tests that check politeness by count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchStats {
    /// HTTP requests sent (robots.txt and redirect hops included).
    pub requests: usize,
    /// robots.txt files requested.
    pub robots_fetched: usize,
    /// Times a request waited for its host's delay.
    pub waits: usize,
}

/// What a host's robots.txt allows us.
enum Robots {
    Rules(Box<texting_robots::Robot>),
    /// No robots.txt (4xx): everything allowed.
    AllowAll,
    /// robots.txt unreachable (5xx, network): nothing allowed this run (RFC 9309 §2.3.1.4).
    Unavailable(String),
}

/// One HTTP(S) client for a run; see the module doc.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    robots: HashMap<String, Robots>,
    last_request: HashMap<String, Instant>,
    stats: FetchStats,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .user_agent(config.user_agent.as_str())
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            // Redirects are followed by hand so each hop passes robots.txt and the rate.
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .new_agent();
        Fetcher {
            agent,
            config,
            robots: HashMap::new(),
            last_request: HashMap::new(),
            stats: FetchStats::default(),
        }
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    pub fn stats(&self) -> FetchStats {
        self.stats
    }

    /// GET `url` (robots.txt, rate, redirects, size limit); a 2xx response with its body.
    pub fn get(&mut self, url: &str) -> Result<Fetched, FetchError> {
        match self.request(url, &Validators::default(), true)? {
            Some(fetched) => Ok(fetched),
            None => Err(FetchError::Other(
                "304 Not Modified without validators".into(),
            )),
        }
    }

    /// GET with `If-None-Match`/`If-Modified-Since`: `None` on 304 Not Modified.
    pub fn get_if_changed(
        &mut self,
        url: &str,
        validators: &Validators,
    ) -> Result<Option<Fetched>, FetchError> {
        self.request(url, validators, true)
    }

    /// The documents at `url`: a page, a feed's items, a PDF or office file, … Every failure
    /// is one `FailedInput` whose origin is the URL.
    pub fn documents(&mut self, url: &str) -> Vec<Result<RawDocument, FailedInput>> {
        match self.get(url) {
            Ok(fetched) => route(&fetched, self.limits()),
            Err(e) => vec![Err(FailedInput {
                origin: url.to_string(),
                reason: e.to_string(),
            })],
        }
    }

    /// Poll a feed with conditional request validators.
    pub fn poll_feed(
        &mut self,
        url: &str,
        validators: &Validators,
    ) -> Result<FeedPoll, FailedInput> {
        let fail = |reason: String| FailedInput {
            origin: url.to_string(),
            reason,
        };
        let Some(fetched) = self
            .get_if_changed(url, validators)
            .map_err(|e| fail(e.to_string()))?
        else {
            return Ok(FeedPoll::NotModified);
        };
        let items = feed::feed_items(&fetched.url, &fetched.body)?;
        Ok(FeedPoll::Items {
            items,
            validators: Validators {
                etag: fetched.etag,
                last_modified: fetched.last_modified,
            },
        })
    }

    /// Every page listed by the sitemap at `url`, following sitemap indexes (at most
    /// [`MAX_SITEMAP_DEPTH`] deep, [`MAX_SITEMAP_FILES`] files, [`MAX_SITEMAP_PAGES`]
    /// pages). With `since` (`YYYY-MM-DD`), pages and child sitemaps whose `<lastmod>` is
    /// older are left out.
    pub fn sitemap(&mut self, url: &str, since: Option<&str>) -> SitemapPages {
        let mut out = SitemapPages::default();
        let mut seen = std::collections::HashSet::new();
        // Depth-first, in the order the sitemaps list their children.
        let mut pending = vec![(url.to_string(), 0usize)];
        let mut files = 0usize;
        while let Some((sitemap_url, depth)) = pending.pop() {
            if !seen.insert(sitemap_url.clone()) {
                continue;
            }
            let fail = |reason: String| FailedInput {
                origin: sitemap_url.clone(),
                reason,
            };
            if files == MAX_SITEMAP_FILES {
                out.failures.push(fail(format!(
                    "more than {MAX_SITEMAP_FILES} sitemap files; the rest not read"
                )));
                break;
            }
            files += 1;
            let fetched = match self.get(&sitemap_url) {
                Ok(f) => f,
                Err(e) => {
                    out.failures.push(fail(e.to_string()));
                    continue;
                }
            };
            let room = MAX_SITEMAP_PAGES.saturating_sub(out.pages.len());
            match sitemap::parse(&fetched.body, self.config.max_document_bytes, room.max(1)) {
                Ok(Sitemap::Pages(pages)) => {
                    for page in pages {
                        if since.is_some_and(|s| !page.changed_since(s)) {
                            out.older += 1;
                        } else if out.pages.len() < MAX_SITEMAP_PAGES {
                            out.pages.push(page);
                        }
                    }
                }
                Ok(Sitemap::Index(children)) => {
                    if depth + 1 >= MAX_SITEMAP_DEPTH {
                        out.failures.push(fail(format!(
                            "sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH}; not followed"
                        )));
                        continue;
                    }
                    for child in children.into_iter().rev() {
                        if since.is_some_and(|s| !child.changed_since(s)) {
                            continue;
                        }
                        pending.push((child.url, depth + 1));
                    }
                }
                Err(e) => out.failures.push(fail(e.to_string())),
            }
        }
        out
    }

    fn limits(&self) -> Limits {
        Limits {
            max_document_bytes: self.config.max_document_bytes,
        }
    }

    /// One URL through redirects; `None` on 304.
    fn request(
        &mut self,
        url: &str,
        validators: &Validators,
        check_robots: bool,
    ) -> Result<Option<Fetched>, FetchError> {
        let mut current = parse_url(url)?;
        let mut visited = vec![current.to_string()];
        for _hop in 0..=self.config.max_redirects {
            if check_robots {
                self.check_robots(&current)?;
            }
            match self.exchange(&current, validators)? {
                Exchange::Done(fetched) => return Ok(Some(fetched)),
                Exchange::NotModified => return Ok(None),
                Exchange::Redirect(location) => {
                    let next = current
                        .join(&location)
                        .map_err(|_| FetchError::BadRedirect)?;
                    if !matches!(next.scheme(), "http" | "https") {
                        return Err(FetchError::BadUrl(next.to_string()));
                    }
                    let key = next.to_string();
                    if visited.contains(&key) {
                        return Err(FetchError::RedirectLoop(key));
                    }
                    visited.push(key);
                    current = next;
                }
            }
        }
        Err(FetchError::TooManyRedirects(self.config.max_redirects))
    }

    /// One HTTP exchange, after waiting for the host's turn.
    fn exchange(
        &mut self,
        url: &url::Url,
        validators: &Validators,
    ) -> Result<Exchange, FetchError> {
        self.wait_turn(url);
        self.stats.requests += 1;
        let mut request = self.agent.get(url.as_str());
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let response = request.call().map_err(from_ureq)?;
        let status = response.status();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if status.is_redirection() && status.as_u16() != 304 {
            return match header("location") {
                Some(location) => Ok(Exchange::Redirect(location)),
                None => Err(FetchError::BadRedirect),
            };
        }
        if status.as_u16() == 304 {
            return Ok(Exchange::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_string(),
            });
        }
        let max = self.config.max_document_bytes;
        let declared = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > max as u64) {
            return Err(FetchError::TooLarge(format!(
                "Content-Length {} exceeds the limit of {max} bytes",
                declared.unwrap_or_default()
            )));
        }
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        let mut body = Vec::new();
        // ureq's own body limit is lifted; `take` stops the download one byte past ours.
        let reader = response
            .into_body()
            .into_with_config()
            .limit(u64::MAX)
            .reader();
        if let Err(e) = reader.take(max as u64 + 1).read_to_end(&mut body) {
            return Err(
                if e.kind() == std::io::ErrorKind::TimedOut || is_timeout(&e) {
                    FetchError::Timeout(format!("reading the body after {} bytes", body.len()))
                } else {
                    FetchError::Connection(format!("reading the body: {e}"))
                },
            );
        }
        if body.len() > max {
            return Err(FetchError::TooLarge(format!(
                "body larger than the limit of {max} bytes"
            )));
        }
        Ok(Exchange::Done(Fetched {
            url: url.to_string(),
            content_type,
            etag,
            last_modified,
            body,
        }))
    }

    /// Sleeps until the host's last request is `host_delay` (or its `Crawl-delay`) old.
    fn wait_turn(&mut self, url: &url::Url) {
        let host = host_key(url);
        let mut delay = self.config.host_delay;
        if let Some(Robots::Rules(robot)) = self.robots.get(&host) {
            if let Some(seconds) = robot.delay.filter(|d| d.is_finite() && *d > 0.0) {
                delay = delay.max(Duration::from_secs_f32(seconds).min(MAX_CRAWL_DELAY));
            }
        }
        if let Some(last) = self.last_request.get(&host) {
            let since = last.elapsed();
            if since < delay {
                self.stats.waits += 1;
                std::thread::sleep(delay - since);
            }
        }
        self.last_request.insert(host, Instant::now());
    }

    /// Refuses a URL the host's robots.txt disallows; fetches robots.txt on a host's first
    /// URL.
    fn check_robots(&mut self, url: &url::Url) -> Result<(), FetchError> {
        let host = host_key(url);
        if !self.robots.contains_key(&host) {
            let robots = self.fetch_robots(url);
            self.robots.insert(host.clone(), robots);
        }
        let robots_url = robots_url(url);
        match self.robots.get(&host) {
            Some(Robots::Rules(robot)) if !robot.allowed(url.as_str()) => {
                Err(FetchError::Robots(robots_url))
            }
            Some(Robots::Unavailable(why)) => {
                Err(FetchError::Robots(format!("{robots_url} ({why})")))
            }
            _ => Ok(()),
        }
    }

    fn fetch_robots(&mut self, url: &url::Url) -> Robots {
        self.stats.robots_fetched += 1;
        let robots_url = robots_url(url);
        // robots.txt is read within the same size rule as anything else, then cut.
        let saved = self.config.max_document_bytes;
        self.config.max_document_bytes = MAX_ROBOTS_BYTES;
        let result = self.request(&robots_url, &Validators::default(), false);
        self.config.max_document_bytes = saved;
        match result {
            Ok(Some(fetched)) => {
                match texting_robots::Robot::new(ROBOTS_AGENT, &fetched.body) {
                    Ok(robot) => Robots::Rules(Box::new(robot)),
                    // An unparsable file says nothing we could honour: as if absent.
                    Err(_) => Robots::AllowAll,
                }
            }
            // A robots.txt over 500 KiB: RFC 9309 lets the rest be ignored; we cannot
            // parse a prefix safely through this API, so follow the 4xx rule (allow).
            Err(FetchError::TooLarge(_)) => Robots::AllowAll,
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                Robots::AllowAll
            }
            Err(FetchError::Status { status, .. }) => {
                Robots::Unavailable(format!("robots.txt unavailable: HTTP {status}"))
            }
            Err(e) => Robots::Unavailable(format!("robots.txt unavailable: {e}")),
            Ok(None) => Robots::AllowAll,
        }
    }
}

enum Exchange {
    Done(Fetched),
    NotModified,
    Redirect(String),
}

fn parse_url(url: &str) -> Result<url::Url, FetchError> {
    let parsed = url::Url::parse(url).map_err(|e| FetchError::BadUrl(format!("{url} ({e})")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::BadUrl(url.to_string()));
    }
    Ok(parsed)
}

/// Whether a command-line input names a URL rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `scheme://host:port`: robots.txt and the rate are per origin, as RFC 9309 scopes them.
fn host_key(url: &url::Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn robots_url(url: &url::Url) -> String {
    let mut robots = url.clone();
    robots.set_path("/robots.txt");
    robots.set_query(None);
    robots.set_fragment(None);
    robots.to_string()
}

fn is_timeout(e: &std::io::Error) -> bool {
    e.to_string().to_ascii_lowercase().contains("timeout")
        || e.to_string().to_ascii_lowercase().contains("timed out")
}

fn from_ureq(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::Timeout(which) => FetchError::Timeout(format!("{which:?}").to_lowercase()),
        ureq::Error::HostNotFound => FetchError::HostNotFound,
        ureq::Error::ConnectionFailed => FetchError::Connection("could not connect".into()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout(io.to_string())
        }
        ureq::Error::Io(io) => FetchError::Connection(io.to_string()),
        ureq::Error::BadUri(u) => FetchError::BadUrl(u),
        other => FetchError::Other(other.to_string()),
    }
}

/// The documents in a fetched body, by its `Content-Type` (then its first bytes).
pub fn route(fetched: &Fetched, limits: Limits) -> Vec<Result<RawDocument, FailedInput>> {
    let origin = fetched.url.clone();
    let content_type = fetched.content_type.as_deref().unwrap_or("");
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let charset = decode::charset_param(content_type);
    let body = &fetched.body;
    let head = &body[..body.len().min(64 * 1024)];
    let is_feed_type = mime.contains("rss")
        || mime.contains("atom")
        || mime == "application/feed+json"
        || mime.ends_with("/xml");
    let mut docs: Vec<Result<RawDocument, FailedInput>> = if matches!(
        mime.as_str(),
        "text/html" | "application/xhtml+xml" | "text/plain"
    ) && crate::leaks::sniff("", head)
        .is_none()
    {
        let is_html = mime != "text/plain";
        vec![crate::single_document(
            &origin,
            body,
            Some(is_html),
            charset,
            Some(&fetched.url),
            limits,
        )]
    } else if is_feed_type && feed::sniff_feed(head) {
        feed::read_feed(&origin, body)
    } else if mime.ends_with("/xml") || mime.ends_with("+xml") {
        vec![Err(FailedInput {
            origin: origin.clone(),
            reason: format!(
                "XML ({mime}) that is neither a feed nor a web page (a sitemap? use --sitemap)"
            ),
        })]
    } else {
        // PDF, office files, e-mail, images, gzip, or an unlabelled body: the file
        // readers decide from a name made of the type and the first bytes.
        let name = name_for(&mime, &fetched.url);
        let reader: Box<dyn BufRead> = Box::new(Cursor::new(body.clone()));
        crate::open_stream(origin.clone(), &name, reader, limits, true).collect()
    };
    for doc in docs.iter_mut().flatten() {
        if doc.url.is_none() {
            doc.url = Some(fetched.url.clone());
        }
    }
    docs
}

/// A file name whose extension tells the readers what a body is.
fn name_for(mime: &str, url: &str) -> String {
    let ext = match mime {
        "application/pdf" => "pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.oasis.opendocument.text" => "odt",
        "message/rfc822" => "eml",
        "application/mbox" => "mbox",
        "application/json" | "application/feed+json" => "json",
        "application/x-ndjson" | "application/jsonl" => "jsonl",
        "application/warc" => "warc",
        _ => "",
    };
    if !ext.is_empty() {
        return format!("download.{ext}");
    }
    // Otherwise the URL's own file name (`/files/note.pdf`), without query.
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_agent_names_version_and_project() {
        assert!(USER_AGENT.starts_with(&format!("{ROBOTS_AGENT}/")));
        assert!(USER_AGENT.ends_with(&format!("(+{PROJECT_URL})")));
    }

    #[test]
    fn urls_hosts_and_robots_locations() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("corpus/http-notes.txt"));
        assert!(!is_url("ftp://example.org/x"));
        let u = parse_url("https://example.org/news/a?x=1#top").unwrap();
        assert_eq!(host_key(&u), "https://example.org:443");
        assert_eq!(robots_url(&u), "https://example.org/robots.txt");
        assert!(matches!(
            parse_url("file:///etc/passwd"),
            Err(FetchError::BadUrl(_))
        ));
        assert!(matches!(parse_url("not a url"), Err(FetchError::BadUrl(_))));
    }

    #[test]
    fn bodies_route_by_type() {
        let page = Fetched {
            url: "https://example.org/a".into(),
            content_type: Some("text/html; charset=windows-1251".into()),
            etag: None,
            last_modified: None,
            body: b"<html><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>".to_vec(),
        };
        let docs = route(&page, Limits::default());
        let doc = docs[0].as_ref().unwrap();
        assert!(doc.body.contains("Привет"), "{}", doc.body);
        assert_eq!(doc.charset.as_deref(), Some("windows-1251 (http header)"));
        assert_eq!(doc.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.origin, "https://example.org/a");

        let sitemap = Fetched {
            content_type: Some("application/xml".into()),
            body: b"<urlset><url><loc>https://e.org/</loc></url></urlset>".to_vec(),
            ..page.clone()
        };
        let docs = route(&sitemap, Limits::default());
        assert!(docs[0].as_ref().unwrap_err().reason.contains("--sitemap"));
        assert_eq!(
            name_for("application/pdf", "https://e.org/x"),
            "download.pdf"
        );
        assert_eq!(name_for("", "https://e.org/f/note.pdf?dl=1"), "note.pdf");
    }
}
