//! Ingest: turn files, directories, archives and feeds into [`RawDocument`]s, one at a time.
//!
//! Formats: HTML files, plain text (`.txt`, `.md`, no extension), WARC (`.warc`,
//! `.warc.gz`: `response`/`resource` records), RSS/Atom/JSON Feed (one document per item),
//! JSON Lines (`{"url","html"|"text", …}` per line), any of them gzip-compressed (`.gz`),
//! directories (recursively, in sorted order) and stdin. Leaked documents ([`leaks`]): PDF
//! (text layer, scanned pages by OCR), PNG/JPEG/TIFF scans by OCR, DOCX, ODT, e-mail
//! (`.eml`, `.mbox`; attachments become documents of their own linked to the message). Bytes become text through
//! [`decode`]: BOM, then the HTTP/transport charset, then `<meta charset>`, then detection.
//!
//! Invariants:
//! - Streaming: archives and JSON Lines are read record by record, never whole, so memory
//!   stays flat on a multi-GB WARC. A single document is capped at
//!   [`Limits::max_document_bytes`] (64 MB by default).
//! - Nothing aborts a batch: an unreadable input, record or line is one
//!   `Err(FailedInput { origin, reason })` and the iteration goes on (a corrupt compressed
//!   stream ends that file's iteration after reporting it). Nothing panics on bad bytes.
//!
//! ```no_run
//! for item in armsgraph_ingest::read_path(std::path::Path::new("corpus/")) {
//!     match item {
//!         Ok(doc) => println!("{} ({} chars)", doc.origin, doc.body.len()),
//!         Err(failed) => eprintln!("skipped {}: {}", failed.origin, failed.reason),
//!     }
//! }
//! ```

pub mod decode;
pub mod email;
mod feed;
pub mod fetch;
mod jsonl;
pub mod leaks;
pub mod ocr;
pub mod office;
pub mod pdf;
pub mod sitemap;
mod warc;

pub use feed::FeedItem;

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use armsgraph_model::{FailedInput, RawDocument, SourceKind};

/// Default cap on one document (file, record, feed, line): 64 MB.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Read buffer: large enough to sniff a format from the first bytes.
const BUFFER: usize = 64 * 1024;

/// Resource limits of a read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest single document (decompressed), in bytes; larger ones are skipped with a
    /// `FailedInput`.
    pub max_document_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: MAX_DOCUMENT_BYTES,
        }
    }
}

/// The stream of documents every reader returns.
pub type Documents = Box<dyn Iterator<Item = Result<RawDocument, FailedInput>>>;

/// Every document found under `path` (file or directory, recursively; `-` is stdin),
/// streamed.
/// An unreadable input yields `Err(FailedInput)` and the iteration goes on.
pub fn read_path(path: &Path) -> Documents {
    read_path_with(path, Limits::default())
}

/// [`read_path`] with explicit limits.
pub fn read_path_with(path: &Path, limits: Limits) -> Documents {
    if path.as_os_str() == "-" {
        return one(read_stdin());
    }
    if path.is_dir() {
        Box::new(DirWalk {
            root: path.to_path_buf(),
            unlisted: Vec::new(),
            pending: vec![path.to_path_buf()],
            current: None,
            limits,
            listed: Default::default(),
        })
    } else {
        read_file(path, limits, true)
    }
}

/// The whole of stdin as one document (HTML when it looks like markup, else text).
pub fn read_stdin() -> Result<RawDocument, FailedInput> {
    let fail = |reason: String| FailedInput {
        origin: "-".to_string(),
        reason,
    };
    let bytes = read_stream(|| Ok(std::io::stdin()), MAX_DOCUMENT_BYTES, STALL)
        .map_err(|e| fail(format!("reading stdin: {e}")))?;
    let mut doc = read_bytes("-", &bytes)?;
    // A PDF, scan or e-mail piped in keeps its kind (and with it its metadata's label).
    if matches!(doc.kind, SourceKind::Html | SourceKind::Text) {
        doc.kind = SourceKind::Stdin;
    }
    Ok(doc)
}

/// One document from bytes that are not a file (a paste, an API body): HTML when it looks
/// like markup, else plain text; the charset is detected.
pub fn read_bytes(origin: &str, bytes: &[u8]) -> Result<RawDocument, FailedInput> {
    // A PDF, scan, office file or e-mail pasted or piped in: its first document (an e-mail's
    // attachments need `read_upload`, which streams them all).
    if let Some(format) = leaks::sniff(origin, &bytes[..bytes.len().min(BUFFER)]) {
        if let Some(first) = leaks::read_bytes(format, origin, bytes, Limits::default(), 0)
            .into_iter()
            .next()
        {
            return first;
        }
    }
    single_document(origin, bytes, None, None, None, Limits::default())
}

/// Every document in an uploaded file of any supported format, chosen by its `name`
/// (`x.warc.gz`, `feed.xml`, `a.jsonl`, `page.html`) and its first bytes.
pub fn read_upload(name: &str, bytes: Vec<u8>) -> Documents {
    let reader: Box<dyn BufRead> = Box::new(Cursor::new(bytes));
    open_stream(name.to_string(), name, reader, Limits::default(), true)
}

/// What a file holds, judged from its name (without `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Text,
    Warc,
    Feed,
    /// `.json`: a JSON Feed, or not a document at all.
    Json,
    Jsonl,
    /// `.mbox`: streamed message by message.
    Mbox,
    /// Unknown extension: decided by the content.
    Unknown,
}

fn format_of(name: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let file = base.rsplit(['/', '\\']).next().unwrap_or(base);
    let Some((_, ext)) = file.rsplit_once('.') else {
        return Format::Text;
    };
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "txt" | "text" | "md" | "markdown" => Format::Text,
        "warc" | "arc" => Format::Warc,
        "rss" | "atom" | "xml" | "rdf" => Format::Feed,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::Jsonl,
        "mbox" | "mbx" => Format::Mbox,
        _ => Format::Unknown,
    }
}

/// Names a directory walk does not read as documents (but reports as skipped): the notes
/// that describe a corpus (`README.md`, `LICENSE`, `NOTICE.txt`), matched on the whole name
/// without extension, so that `Notice-of-arms-embargo.txt` is read.
fn is_corpus_note(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let stem = match upper.rsplit_once('.') {
        Some((stem, "MD" | "TXT" | "RST" | "MARKDOWN")) => stem,
        _ => upper.as_str(),
    };
    [
        "README",
        "PROVENANCE",
        "LICENSE",
        "LICENCE",
        "NOTICE",
        "COPYING",
    ]
    .contains(&stem)
}

/// The origin recorded for a file: its path, with each byte that is not UTF-8 written as
/// `\xNN`, so that two names differing only in such bytes stay two origins (a lossy
/// conversion would map both to the same `�`).
pub fn origin_of(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

fn one(item: Result<RawDocument, FailedInput>) -> Documents {
    Box::new(std::iter::once(item))
}

fn failed(origin: &str, reason: impl Into<String>) -> Documents {
    one(Err(FailedInput {
        origin: origin.to_string(),
        reason: reason.into(),
    }))
}

/// An input of no document format: a failure when the user named it, a reported skip when a
/// directory walk met it.
fn not_a_document(origin: &str, why: &str, explicit: bool) -> Documents {
    if explicit {
        failed(origin, why)
    } else {
        one(Err(FailedInput::skipped(origin, why)))
    }
}

/// Open one file. `explicit`: named by the user (an unknown format is then an error; in a
/// directory walk it is reported as skipped).
fn read_file(path: &Path, limits: Limits, explicit: bool) -> Documents {
    let origin = origin_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    // A pipe (`<(cat a.txt)`), a FIFO or `/dev/stdin` has no size to trust and may never
    // deliver: it is read by a thread, and a stall longer than `STALL` is an error.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let owned = path.to_path_buf();
        let bytes = read_stream(
            move || std::fs::File::open(owned),
            limits.max_document_bytes,
            STALL,
        );
        return match bytes {
            Ok(bytes) if bytes.is_empty() => failed(&origin, "empty input"),
            Ok(bytes) => {
                let reader: Box<dyn BufRead> = Box::new(Cursor::new(bytes));
                open_stream(origin, &name, reader, limits, explicit)
            }
            Err(e) => failed(&origin, e.to_string()),
        };
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return failed(&origin, format!("cannot open: {e}")),
    };
    let format = format_of(&name);
    let compressed = name.to_ascii_lowercase().ends_with(".gz");
    // Fail fast on an oversized single document instead of reading 200 MB to find out.
    if let Ok(meta) = file.metadata() {
        let streamed = matches!(format, Format::Warc | Format::Jsonl | Format::Mbox);
        if !compressed && !streamed && meta.len() > limits.max_document_bytes as u64 {
            return failed(
                &origin,
                format!(
                    "file of {} bytes exceeds the limit of {} bytes; skipped",
                    meta.len(),
                    limits.max_document_bytes
                ),
            );
        }
        if meta.len() == 0 {
            // An empty file named like a document is a failed input worth reporting; an empty
            // file of unknown kind met in a directory walk is just not a document.
            return if matches!(format, Format::Unknown | Format::Json) {
                not_a_document(&origin, "empty file", explicit)
            } else {
                failed(&origin, "empty file")
            };
        }
    }
    let reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(BUFFER, file));
    open_stream(origin, &name, reader, limits, explicit)
}

pub(crate) fn open_stream(
    origin: String,
    name: &str,
    mut reader: Box<dyn BufRead>,
    limits: Limits,
    explicit: bool,
) -> Documents {
    let head = match reader.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return failed(&origin, format!("cannot read: {e}")),
    };
    if head.is_empty() {
        return failed(&origin, "empty input");
    }
    // gzip magic: decompress as a stream (multi-member, so per-record WARC gzip works).
    if head.starts_with(&[0x1f, 0x8b]) {
        let inner: Box<dyn BufRead> = Box::new(BufReader::with_capacity(
            BUFFER,
            GzipErrors(flate2::read::MultiGzDecoder::new(reader)),
        ));
        let inner_name = name.strip_suffix(".gz").unwrap_or(name).to_string();
        return open_decompressed(origin, &inner_name, inner, limits, explicit);
    }
    dispatch(origin, name, reader, &head, limits, explicit)
}

fn open_decompressed(
    origin: String,
    name: &str,
    mut reader: Box<dyn BufRead>,
    limits: Limits,
    explicit: bool,
) -> Documents {
    let head = match reader.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return failed(&origin, e.to_string()),
    };
    if head.is_empty() {
        return failed(&origin, "empty after decompression");
    }
    dispatch(origin, name, reader, &head, limits, explicit)
}

fn dispatch(
    origin: String,
    name: &str,
    mut reader: Box<dyn BufRead>,
    head: &[u8],
    limits: Limits,
    explicit: bool,
) -> Documents {
    let mut format = format_of(name);
    let trimmed: &[u8] = {
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        &head[start..]
    };
    if trimmed.starts_with(b"WARC/") {
        format = Format::Warc;
    }
    // PDF, scans, DOCX/ODT, e-mail: by magic number first, then by name.
    if format != Format::Warc {
        if let Some(leak) = leaks::sniff(name, head) {
            return leaks::read(leak, origin, reader, limits, explicit);
        }
    }
    match format {
        Format::Json | Format::Feed if feed::sniff_feed(head) => format = Format::Feed,
        Format::Json => {
            return not_a_document(
                &origin,
                "JSON that is not a JSON Feed (use .jsonl for JSON Lines)",
                explicit,
            )
        }
        Format::Unknown => {
            if looks_binary_head(head) {
                return not_a_document(&origin, "binary data, not a text document", explicit);
            }
            format = if feed::sniff_feed(head) {
                Format::Feed
            } else if trimmed.first() == Some(&b'{') {
                Format::Jsonl
            } else if trimmed.first() == Some(&b'<') {
                Format::Html
            } else {
                Format::Text
            };
        }
        _ => {}
    }
    match format {
        Format::Warc => Box::new(warc::WarcRecords::new(reader, origin, limits)),
        Format::Jsonl => Box::new(jsonl::JsonLines::new(reader, origin, limits)),
        Format::Mbox => leaks::read(leaks::LeakFormat::Mbox, origin, reader, limits, explicit),
        Format::Feed => match read_capped(&mut reader, limits.max_document_bytes) {
            Ok(bytes) => Box::new(feed::read_feed(&origin, &bytes).into_iter()),
            Err(e) => failed(&origin, e.to_string()),
        },
        Format::Html | Format::Text | Format::Json | Format::Unknown => {
            match read_capped(&mut reader, limits.max_document_bytes) {
                Ok(bytes) => {
                    let is_html = match format {
                        Format::Html => Some(true),
                        Format::Text => Some(false),
                        _ => None,
                    };
                    one(single_document(
                        &origin, &bytes, is_html, None, None, limits,
                    ))
                }
                Err(e) => failed(&origin, e.to_string()),
            }
        }
    }
}

fn looks_binary_head(head: &[u8]) -> bool {
    decode::looks_binary(head)
}

/// One HTML or text document from bytes. `is_html: None` decides from the content.
fn single_document(
    origin: &str,
    bytes: &[u8],
    is_html: Option<bool>,
    http_charset: Option<&str>,
    url: Option<&str>,
    limits: Limits,
) -> Result<RawDocument, FailedInput> {
    let fail = |reason: String| FailedInput {
        origin: origin.to_string(),
        reason,
    };
    if bytes.len() > limits.max_document_bytes {
        return Err(fail(format!(
            "document of {} bytes exceeds the limit of {} bytes",
            bytes.len(),
            limits.max_document_bytes
        )));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("empty document".to_string()));
    }
    if decode::looks_binary(bytes) {
        return Err(fail("binary data, not a text document".to_string()));
    }
    let is_html = is_html.unwrap_or_else(|| looks_like_html(bytes));
    let decoded = decode::decode(bytes, http_charset, is_html, url);
    if let Some(reason) = decode::not_text(&decoded.text, is_html) {
        return Err(fail(format!("{reason}; read as {}", decoded.charset)));
    }
    Ok(RawDocument {
        origin: origin.to_string(),
        kind: if is_html {
            SourceKind::Html
        } else {
            SourceKind::Text
        },
        url: url.map(str::to_string),
        is_html,
        body: decoded.text,
        charset: Some(decoded.charset),
        ..Default::default()
    })
}

/// Markup rather than text: starts with `<` and has an HTML tag near the top.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
    if start.map(|s| head[s]) != Some(b'<') {
        return false;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [
        "<html",
        "<!doctype",
        "<head",
        "<body",
        "<p>",
        "<p ",
        "<div",
        "<article",
        "<meta",
        "<title",
    ]
    .iter()
    .any(|t| lower.windows(t.len()).any(|w| w == t.as_bytes()))
}

/// Names the cause of an error inside a gzip stream: flate2 alone says only "incomplete
/// deflate stream".
struct GzipErrors<R>(R);

impl<R: Read> Read for GzipErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            std::io::Error::new(e.kind(), format!("corrupt or truncated gzip data: {e}"))
        })
    }
}

/// How long a pipe or FIFO may deliver nothing (not even end of input) before it is given
/// up: a FIFO nobody writes to would otherwise block the batch for ever.
pub const STALL: std::time::Duration = std::time::Duration::from_secs(30);

/// Reads a stream whose size cannot be known (pipe, FIFO, stdin) in a thread of its own, at
/// most `max` bytes, failing when no data (and no end) arrives within `stall`. A stalled
/// reader thread is left blocked; it holds only its own small buffer.
pub(crate) fn read_stream<R, F>(
    open: F,
    max: usize,
    stall: std::time::Duration,
) -> std::io::Result<Vec<u8>>
where
    R: Read,
    F: FnOnce() -> std::io::Result<R> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<Vec<u8>>>(4);
    std::thread::spawn(move || {
        let mut reader = match open() {
            Ok(r) => r,
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        };
        let mut buf = vec![0u8; BUFFER];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => {
                    let _ = tx.send(Ok(Vec::new()));
                    return;
                }
                Ok(n) => {
                    if tx.send(Ok(buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
    });
    let mut out = Vec::new();
    loop {
        match rx.recv_timeout(stall) {
            Ok(Ok(chunk)) if chunk.is_empty() => return Ok(out),
            Ok(Ok(chunk)) => {
                out.extend_from_slice(&chunk);
                if out.len() > max {
                    return Err(std::io::Error::other(format!(
                        "larger than the limit of {max} bytes; skipped"
                    )));
                }
            }
            Ok(Err(e)) => return Err(e),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!(
                        "no data for {} s (a pipe or FIFO nobody writes to?); given up",
                        stall.as_secs()
                    ),
                ))
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(out),
        }
    }
}

/// Read at most `max` bytes; more is an error naming the limit.
pub(crate) fn read_capped<R: Read>(reader: R, max: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let n = reader.take(max as u64 + 1).read_to_end(&mut out)?;
    if n > max {
        return Err(std::io::Error::other(format!(
            "larger than the limit of {max} bytes; skipped"
        )));
    }
    Ok(out)
}

/// Lazy recursive directory walk in sorted order: one directory listing at a time, one
/// file's documents at a time.
struct DirWalk {
    /// The directory named by the user: read even when its own name is hidden.
    root: PathBuf,
    /// Directory entries that could not be listed, reported before the walk goes on.
    unlisted: Vec<FailedInput>,
    /// Paths still to visit, last = next.
    pending: Vec<PathBuf>,
    current: Option<Documents>,
    limits: Limits,
    /// Directories listed so far (canonical paths): a symbolic link back up the tree is
    /// reported once instead of walked for ever.
    listed: std::collections::HashSet<PathBuf>,
}

impl Iterator for DirWalk {
    type Item = Result<RawDocument, FailedInput>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = self.current.as_mut() {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            if let Some(failure) = self.unlisted.pop() {
                return Some(Err(failure));
            }
            let path = self.pending.pop()?;
            let skip = |reason: &str| {
                Some(Err(FailedInput {
                    origin: origin_of(&path),
                    reason: reason.to_string(),
                }))
            };
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            // Hidden entries (`.git`, `.DS_Store`, an editor's `.swp`) are rarely documents,
            // but nothing is left out without a word: each is reported, once (a hidden
            // directory is not entered), and a user who wants one names it.
            if name.starts_with('.') && path != self.root {
                return Some(Err(FailedInput::skipped(
                    origin_of(&path),
                    "hidden (the name starts with '.'); name it to read it",
                )));
            }
            // Symbolic links are followed to what they point at.
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) if std::fs::symlink_metadata(&path).is_ok() => {
                    return skip(&format!("broken symbolic link: {e}"))
                }
                Err(e) => return skip(&format!("cannot read: {e}")),
            };
            if meta.is_dir() {
                let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if !self.listed.insert(canonical) {
                    return skip("directory already walked (a symbolic link loop?); skipped");
                }
                match std::fs::read_dir(&path) {
                    Ok(entries) => {
                        let mut children: Vec<PathBuf> = Vec::new();
                        for entry in entries {
                            match entry {
                                Ok(e) => children.push(e.path()),
                                // One unreadable entry is reported; the others are walked.
                                Err(e) => self.unlisted.push(FailedInput {
                                    origin: origin_of(&path),
                                    reason: format!("cannot list a directory entry: {e}"),
                                }),
                            }
                        }
                        children.sort();
                        children.reverse();
                        self.pending.extend(children);
                    }
                    Err(e) => {
                        return Some(Err(FailedInput {
                            origin: origin_of(&path),
                            reason: format!("cannot list directory: {e}"),
                        }))
                    }
                }
            } else if meta.is_file() {
                if is_corpus_note(&name) {
                    return Some(Err(FailedInput::skipped(
                        origin_of(&path),
                        "a note about the corpus (README, LICENSE, NOTICE, COPYING, PROVENANCE), not an article; name it to read it",
                    )));
                }
                self.current = Some(read_file(&path, self.limits, false));
            } else {
                // A FIFO, socket or device met in a walk is not a document; say so.
                return skip("not a regular file (FIFO, socket or device); skipped");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_without_writer_times_out_and_a_pipe_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let owned = fifo.clone();
        let stalled = read_stream(
            move || std::fs::File::open(owned),
            1024,
            std::time::Duration::from_millis(200),
        );
        let err = stalled.expect_err("nobody writes to the FIFO");
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);

        // A FIFO with a writer: read whole, whatever its reported size (0).
        let fifo2 = dir.path().join("fifo2");
        let c2 = std::ffi::CString::new(fifo2.to_str().unwrap()).unwrap();
        // SAFETY: as above.
        assert_eq!(unsafe { libc::mkfifo(c2.as_ptr(), 0o600) }, 0);
        let target = fifo2.clone();
        let writer = std::thread::spawn(move || {
            std::fs::write(
                target,
                "Russland liefert Panzer an Belarus.\n\nDas berichtete die Zeitung.",
            )
            .unwrap();
        });
        let docs: Vec<_> = read_path(&fifo2).collect();
        writer.join().unwrap();
        assert_eq!(docs.len(), 1);
        let doc = docs[0]
            .as_ref()
            .expect("a pipe is read, not taken for an empty file");
        assert!(doc.body.contains("Panzer"));
    }

    #[test]
    fn a_walk_follows_symlinks_without_looping_and_reads_notice_like_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        std::fs::create_dir(&root).unwrap();
        let text = "Russland liefert Panzer an Belarus.\n\nDas berichtete die Zeitung.";
        std::fs::write(root.join("Notice-of-arms-embargo.txt"), text).unwrap();
        std::fs::write(root.join("README.md"), "# About this corpus").unwrap();
        let outside = dir.path().join("elsewhere.txt");
        std::fs::write(&outside, text.replace("Panzer", "Drohnen")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("linked.txt")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("missing"), root.join("broken.txt")).unwrap();
        let items: Vec<_> = read_path(&root).collect();
        let read: Vec<&str> = items
            .iter()
            .filter_map(|i| i.as_ref().ok())
            .map(|d| d.origin.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(
            read,
            ["Notice-of-arms-embargo.txt", "linked.txt"],
            "{items:?}"
        );
        let reasons: Vec<&str> = items
            .iter()
            .filter_map(|i| i.as_ref().err())
            .filter(|f| !f.is_skipped())
            .map(|f| f.reason.as_str())
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        // The corpus note is not read, but reported.
        let skipped: Vec<&str> = items
            .iter()
            .filter_map(|i| i.as_ref().err())
            .filter(|f| f.is_skipped())
            .map(|f| f.origin.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(skipped, ["README.md"]);
        assert!(reasons
            .iter()
            .any(|r| r.starts_with("broken symbolic link")));
        assert!(reasons.iter().any(|r| r.contains("already walked")));
    }

    #[test]
    #[cfg(unix)]
    fn non_utf8_names_keep_distinct_origins() {
        use std::os::unix::ffi::OsStrExt;
        let a = origin_of(Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xE9.txt")));
        let b = origin_of(Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xE8.txt")));
        assert_eq!(a, "dir/a\\xE9.txt");
        assert_ne!(a, b);
        assert_eq!(origin_of(Path::new("dir/aé.txt")), "dir/aé.txt");
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(format_of("a/b/page.HTML"), Format::Html);
        assert_eq!(format_of("crawl.warc.gz"), Format::Warc);
        assert_eq!(format_of("news.rss"), Format::Feed);
        assert_eq!(format_of("dump.jsonl.gz"), Format::Jsonl);
        assert_eq!(format_of("000_79a71588b356f729"), Format::Text);
        assert_eq!(format_of("notes.md"), Format::Text);
        assert_eq!(format_of("x.png"), Format::Unknown);
    }

    #[test]
    fn bytes_become_html_or_text() {
        let html = read_bytes(
            "p",
            b"<!DOCTYPE html><html><body><p>Hallo</p></body></html>",
        )
        .unwrap();
        assert!(html.is_html);
        assert_eq!(html.kind, SourceKind::Html);
        let text = read_bytes("p", "Der geheime Waffendeal\n\nText.".as_bytes()).unwrap();
        assert!(!text.is_html);
        assert!(read_bytes("p", b"   \n").is_err());
        assert!(read_bytes("p", b"\x7fELF\x02\x01\x01\0\0\0\0").is_err());
    }
}
