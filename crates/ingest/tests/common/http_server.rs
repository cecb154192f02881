//! A small HTTP/1.1 server on loopback for the fetch tests (there is no internet here):
//! std `TcpListener`, one thread per connection, `Connection: close`, a handler deciding
//! each reply, and a log of every request for tests that count.
//! Shared by the ingest and cli tests (`#[path]`), so it uses std only.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub at: Instant,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the handler answers.
pub enum Body {
    Bytes(Vec<u8>),
    /// Streams 64 KiB chunks (no `Content-Length`) until the client hangs up or 1 GiB went.
    Endless,
    /// Waits this long before sending anything, then sends the bytes.
    Delayed(Duration, Vec<u8>),
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(body.into()),
        }
    }

    pub fn html(body: &str) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body)
    }

    pub fn status(status: u16) -> Reply {
        Reply::new(status, "text/plain", format!("status {status}"))
    }

    pub fn redirect(to: &str) -> Reply {
        Reply {
            status: 301,
            headers: vec![("Location".into(), to.into())],
            body: Body::Bytes(Vec::new()),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct TestServer {
    pub base: String,
    log: Arc<Mutex<Vec<Request>>>,
    sent: Arc<AtomicUsize>,
}

impl TestServer {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let sent = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (log2, sent2) = (Arc::clone(&log), Arc::clone(&sent));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, log, sent) =
                    (Arc::clone(&handler), Arc::clone(&log2), Arc::clone(&sent2));
                std::thread::spawn(move || {
                    let _ = serve(stream, &*handler, &log, &sent);
                });
            }
        });
        TestServer { base, log, sent }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    /// Requests for exactly `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// Body bytes written so far.
    pub fn bytes_sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }
}

fn serve(
    stream: TcpStream,
    handler: &Handler,
    log: &Mutex<Vec<Request>>,
    sent: &AtomicUsize,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let request = Request {
        path,
        headers,
        at: Instant::now(),
    };
    log.lock().unwrap().push(request.clone());
    let reply = handler(&request);
    let mut out = stream;
    let bytes = match reply.body {
        Body::Delayed(wait, bytes) => {
            std::thread::sleep(wait);
            Some(bytes)
        }
        Body::Bytes(bytes) => Some(bytes),
        Body::Endless => None,
    };
    let mut head = format!("HTTP/1.1 {} Status\r\nConnection: close\r\n", reply.status);
    for (n, v) in &reply.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if let Some(bytes) = &bytes {
        if !reply
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        {
            head.push_str(&format!("Content-Length: {}\r\n", bytes.len()));
        }
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    match bytes {
        Some(bytes) => {
            out.write_all(&bytes)?;
            sent.fetch_add(bytes.len(), Ordering::SeqCst);
        }
        None => {
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..(1 << 14) {
                out.write_all(&chunk)?;
                sent.fetch_add(chunk.len(), Ordering::SeqCst);
            }
        }
    }
    out.flush()
}
