//! WARC (ISO 28500) reader: one HTML or text document per `response` (or `resource`)
//! record, streamed record by record. `.warc.gz` files are gzip members per record, read
//! through a multi-member decoder, so memory holds one record at a time.

use std::io::{BufRead, Read};

use armsgraph_model::{FailedInput, RawDocument, SourceKind};

use crate::decode::{charset_param, decode, looks_binary, not_text};
use crate::{read_capped, Limits};

/// WARC and HTTP header lines longer than this are not headers: the stream is broken.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// A record header with more lines than this is not a header either.
const MAX_HEADER_LINES: usize = 512;

pub(crate) struct WarcRecords<R: BufRead> {
    reader: Replay<R>,
    origin: String,
    limits: Limits,
    /// Records seen so far (1-based in origins).
    index: usize,
    done: bool,
    /// A `WARC/` version line found while resynchronising, to start the next record.
    pending: Option<Vec<u8>>,
}

impl<R: BufRead> WarcRecords<R> {
    pub(crate) fn new(reader: R, origin: String, limits: Limits) -> Self {
        WarcRecords {
            reader: Replay {
                front: Vec::new(),
                pos: 0,
                inner: reader,
            },
            origin,
            limits,
            index: 0,
            done: false,
            pending: None,
        }
    }

    fn fail(&self, reason: impl Into<String>) -> FailedInput {
        FailedInput {
            origin: format!("{}#record-{}", self.origin, self.index),
            reason: reason.into(),
        }
    }
}

enum Line {
    Eof,
    Text(Vec<u8>),
    TooLong,
}

/// Read one line (without its end), refusing to buffer more than `cap` bytes.
fn read_line_capped<R: BufRead>(r: &mut R, cap: usize) -> std::io::Result<Line> {
    let mut out = Vec::new();
    let mut too_long = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            if out.is_empty() && !too_long {
                return Ok(Line::Eof);
            }
            break;
        }
        let (chunk, found) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i)),
            None => (buf, None),
        };
        if !too_long {
            if out.len() + chunk.len() > cap {
                too_long = true;
                out.clear();
            } else {
                out.extend_from_slice(chunk);
            }
        }
        let used = found.map_or(buf.len(), |i| i + 1);
        r.consume(used);
        if found.is_some() {
            break;
        }
    }
    if too_long {
        return Ok(Line::TooLong);
    }
    if out.last() == Some(&b'\r') {
        out.pop();
    }
    Ok(Line::Text(out))
}

struct WarcHeader {
    warc_type: String,
    target_uri: Option<String>,
    content_type: Option<String>,
    content_length: u64,
    date: Option<String>,
}

enum HeaderRead {
    Eof,
    Header(WarcHeader),
    /// Bytes that were not a record were skipped up to the next `WARC/` line (or the end).
    Broken(String),
}

impl<R: BufRead> WarcRecords<R> {
    fn read_header(&mut self) -> std::io::Result<HeaderRead> {
        // The version line: skip the blank lines that end the previous record.
        let version = match self.pending.take() {
            Some(v) => v,
            None => loop {
                match read_line_capped(&mut self.reader, MAX_HEADER_LINE)? {
                    Line::Eof => return Ok(HeaderRead::Eof),
                    Line::Text(l) if l.iter().all(u8::is_ascii_whitespace) => continue,
                    Line::Text(l) => break l,
                    Line::TooLong => break Vec::new(),
                }
            },
        };
        if !version.starts_with(b"WARC/") {
            return self.resync("expected a WARC/1.x record header");
        }
        let mut h = WarcHeader {
            warc_type: String::new(),
            target_uri: None,
            content_type: None,
            content_length: 0,
            date: None,
        };
        let mut has_length = false;
        for _ in 0..MAX_HEADER_LINES {
            let line = match read_line_capped(&mut self.reader, MAX_HEADER_LINE)? {
                Line::Eof => {
                    return Ok(HeaderRead::Broken(
                        "archive ends inside a record header".into(),
                    ))
                }
                Line::TooLong => return self.resync("header line too long"),
                Line::Text(l) => l,
            };
            if line.is_empty() {
                if !has_length {
                    return self.resync("record without a valid Content-Length");
                }
                return Ok(HeaderRead::Header(h));
            }
            let line = String::from_utf8_lossy(&line);
            let Some((name, value)) = line.split_once(':') else {
                return self.resync("malformed header line");
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.warc_type = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    // WARC/1.0 writers sometimes wrap the URI in <>.
                    h.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "content-type" => h.content_type = Some(value),
                "warc-date" => h.date = Some(value),
                "content-length" => match value.parse() {
                    Ok(n) => {
                        h.content_length = n;
                        has_length = true;
                    }
                    Err(_) => return self.resync("invalid Content-Length"),
                },
                _ => {}
            }
        }
        self.resync("record header has too many lines")
    }

    /// Skip lines until the next `WARC/` version line; report the damage once.
    fn resync(&mut self, why: &str) -> std::io::Result<HeaderRead> {
        loop {
            match read_line_capped(&mut self.reader, MAX_HEADER_LINE)? {
                Line::Eof => break,
                Line::TooLong => continue,
                Line::Text(l) if l.starts_with(b"WARC/") => {
                    self.pending = Some(l);
                    break;
                }
                Line::Text(_) => continue,
            }
        }
        Ok(HeaderRead::Broken(format!(
            "broken WARC record ({why}); skipped to the next record"
        )))
    }

    /// Read a record block of `len` declared bytes, keeping it when `keep` (else only
    /// counting it), and check it against what the stream holds: a block must be followed
    /// by the blank lines that end a record and then the next `WARC/` line or the end.
    ///
    /// A lying `Content-Length` (larger than the record) would swallow the records after
    /// it. So while reading, the first place where a record could start inside the block
    /// (a blank line, then `WARC/1.`) is remembered, with what follows it (up to the
    /// document limit); when the block then runs past the end of the stream, or is not
    /// followed by a record end, reading resumes there and the record is reported broken.
    fn read_block(&mut self, len: u64, keep: bool) -> std::io::Result<Block> {
        let cap = self.limits.max_document_bytes;
        let mut kept: Vec<u8> = Vec::new();
        // Bytes from the first possible record start on (for a block that is not kept),
        // with the block offset they start at; `window` carries the last bytes of the
        // previous chunk so a start split across chunks is seen.
        let mut tail: Option<(u64, Vec<u8>)> = None;
        let mut window: Vec<u8> = Vec::new();
        let mut got: u64 = 0;
        while got < len {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min((len - got).min(1 << 20) as usize);
            let chunk = &buf[..n];
            if let Some((_, bytes)) = tail.as_mut() {
                if bytes.len() + n <= cap {
                    bytes.extend_from_slice(chunk);
                } else {
                    // Too far behind to replay: forget it and look again from here.
                    tail = None;
                    window.clear();
                }
            }
            if keep {
                kept.extend_from_slice(chunk);
            } else if tail.is_none() {
                let carried = window.len();
                window.extend_from_slice(chunk);
                if let Some(at) = record_start(&window) {
                    let offset = got + at as u64 - carried as u64;
                    tail = Some((offset, window[at..].to_vec()));
                    window.clear();
                } else {
                    let keep_from = window.len().saturating_sub(RECORD_START.len() + 2);
                    window.drain(..keep_from);
                }
            }
            got += n as u64;
            self.reader.consume(n);
        }
        let ends_well = got == len && self.record_end_follows()?;
        if ends_well {
            return Ok(Block::Whole(kept));
        }
        let restart = if keep {
            record_start(&kept).map(|at| (at as u64, kept[at..].to_vec()))
        } else {
            tail
        };
        match restart {
            Some((offset, bytes)) => {
                self.reader.unread(bytes);
                Ok(Block::Lying { offset, got })
            }
            None if got < len => Ok(Block::Truncated { got }),
            // No record end, but nowhere to resume either: take the block as declared
            // (many writers get the blank lines wrong) and let the next header resync.
            None => Ok(Block::Whole(kept)),
        }
    }

    /// Whether the stream goes on with a record end: line breaks, then `WARC/` or the end.
    fn record_end_follows(&mut self) -> std::io::Result<bool> {
        let mut peeked = Vec::new();
        while peeked.len() < 16 {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min(16 - peeked.len());
            peeked.extend_from_slice(&buf[..n]);
            self.reader.consume(n);
        }
        let rest: &[u8] = {
            let start = peeked
                .iter()
                .position(|b| !matches!(b, b'\r' | b'\n'))
                .unwrap_or(peeked.len());
            &peeked[start..]
        };
        let ok = rest.is_empty() || rest.starts_with(b"WARC/") || b"WARC/".starts_with(rest);
        self.reader.unread(peeked);
        Ok(ok)
    }
}

/// A blank line and the start of a WARC/1.x version line: where a record may begin.
const RECORD_START: &[u8] = b"\nWARC/1.";

/// Offset of the first `WARC/1.` line that follows a blank line in `bytes`.
fn record_start(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find(&bytes[from..], RECORD_START) {
        let at = from + i;
        let before = &bytes[..at];
        if before.ends_with(b"\n") || before.ends_with(b"\n\r") || at == 0 {
            return Some(at + 1);
        }
        from = at + 1;
    }
    None
}

/// What [`WarcRecords::read_block`] found.
enum Block {
    /// The declared length, followed by a record end (the bytes when kept).
    Whole(Vec<u8>),
    /// The declared length ran past the record: a record starts `offset` bytes in, and
    /// reading resumes there (`got` bytes were read of the declared length).
    Lying { offset: u64, got: u64 },
    /// The stream ended inside the block and no record starts in it.
    Truncated { got: u64 },
}

/// A reader that can be handed back bytes it has already given: the tail of a record whose
/// length lied is read again as the next record.
struct Replay<R> {
    front: Vec<u8>,
    pos: usize,
    inner: R,
}

impl<R> Replay<R> {
    fn unread(&mut self, mut bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        bytes.extend_from_slice(&self.front[self.pos..]);
        self.front = bytes;
        self.pos = 0;
    }
}

impl<R: BufRead> Read for Replay<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Replay<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos < self.front.len() {
            return Ok(&self.front[self.pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.front.len() {
            self.pos = (self.pos + n).min(self.front.len());
            if self.pos == self.front.len() {
                self.front = Vec::new();
                self.pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<RawDocument, FailedInput>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.index += 1;
            let header = match self.read_header() {
                Ok(HeaderRead::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(HeaderRead::Broken(reason)) => return Some(Err(self.fail(reason))),
                Ok(HeaderRead::Header(h)) => h,
                Err(e) => {
                    // A damaged gzip member or an I/O error: the rest of the stream is
                    // unreadable, so stop after saying so.
                    self.done = true;
                    return Some(Err(self.fail(format!("archive unreadable from here: {e}"))));
                }
            };
            let wanted = matches!(header.warc_type.as_str(), "response" | "resource");
            let too_large = header.content_length > self.limits.max_document_bytes as u64;
            let block = match self.read_block(header.content_length, wanted && !too_large) {
                Ok(Block::Whole(block)) => block,
                Ok(Block::Lying { offset, got }) => {
                    return Some(Err(self.fail(format!(
                        "broken WARC record: its Content-Length of {} bytes runs past the record (the next record starts after {offset} bytes, {got} read); skipped to the next record",
                        header.content_length
                    ))));
                }
                Ok(Block::Truncated { got }) => {
                    self.done = true;
                    return Some(Err(self.fail(format!(
                        "archive ends inside a record ({got} of {} bytes)",
                        header.content_length
                    ))));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.fail(format!("archive unreadable from here: {e}"))));
                }
            };
            if !wanted {
                continue;
            }
            if too_large {
                return Some(Err(self.fail(format!(
                    "record of {} bytes exceeds the limit of {} bytes; skipped",
                    header.content_length, self.limits.max_document_bytes
                ))));
            }
            match self.document(&header, &block) {
                Ok(Some(doc)) => return Some(Ok(doc)),
                Ok(None) => continue,
                Err(reason) => return Some(Err(self.fail(reason))),
            }
        }
        None
    }
}

impl<R: BufRead> WarcRecords<R> {
    /// The document in a record, `None` when the record holds no article (a redirect, an
    /// image, a stylesheet).
    fn document(&self, h: &WarcHeader, block: &[u8]) -> Result<Option<RawDocument>, String> {
        let (content_type, body) = if h.warc_type == "response"
            && h.content_type
                .as_deref()
                .is_some_and(|c| c.to_ascii_lowercase().contains("application/http"))
        {
            let http = parse_http(block, self.limits.max_document_bytes)?;
            if !(200..300).contains(&http.status) {
                return Ok(None);
            }
            (http.content_type, http.body)
        } else {
            (h.content_type.clone(), block.to_vec())
        };
        let ct = content_type
            .clone()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let is_html = if ct.contains("html") {
            true
        } else if ct.starts_with("text/plain") {
            false
        } else if ct.is_empty() {
            body.iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|b| *b == b'<')
        } else {
            return Ok(None);
        };
        if looks_binary(&body) {
            return Err("record body is binary data, not text".to_string());
        }
        let decoded = decode(
            &body,
            content_type.as_deref().and_then(charset_param),
            is_html,
            h.target_uri.as_deref(),
        );
        if let Some(reason) = not_text(&decoded.text, is_html) {
            return Err(format!(
                "record body: {reason}; read as {}",
                decoded.charset
            ));
        }
        Ok(Some(RawDocument {
            origin: format!("{}#record-{}", self.origin, self.index),
            kind: SourceKind::Warc,
            url: h.target_uri.clone(),
            is_html,
            body: decoded.text,
            charset: Some(decoded.charset),
            // The capture date is not the publication date; extraction reads the page.
            ..Default::default()
        }))
    }
}

struct HttpResponse {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn parse_http(block: &[u8], max: usize) -> Result<HttpResponse, String> {
    let (head_end, sep) = find(block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, 2)))
        .ok_or("HTTP response without a header end")?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|_| status_line.starts_with("HTTP/"))
        .ok_or_else(|| format!("not an HTTP status line: {:.60}", status_line))?;
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = None;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(v.to_string()),
            "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
            _ => {}
        }
    }
    let mut body = block[head_end + sep..].to_vec();
    if chunked {
        body = dechunk(&body).unwrap_or(body);
    }
    match encoding.as_deref() {
        None | Some("identity") | Some("") => {}
        Some("gzip") | Some("x-gzip") => {
            body = read_capped(flate2::read::MultiGzDecoder::new(&body[..]), max)
                .map_err(|e| format!("gzip-encoded HTTP body: {e}"))?
        }
        Some("deflate") => {
            body = read_capped(flate2::read::ZlibDecoder::new(&body[..]), max)
                .map_err(|e| format!("deflate-encoded HTTP body: {e}"))?
        }
        Some(other) => return Err(format!("unsupported HTTP Content-Encoding {other:?}")),
    }
    Ok(HttpResponse {
        status,
        content_type,
        body,
    })
}

/// Undo `Transfer-Encoding: chunked`; `None` when the body is not validly chunked (many
/// crawlers store the de-chunked body but keep the header).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_str = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks_valid_and_refuses_invalid() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"<html>not chunked</html>"), None);
    }

    #[test]
    fn http_status_and_headers() {
        let r = parse_http(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n<p>x</p>",
            1000,
        )
        .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(
            r.content_type.as_deref(),
            Some("text/html; charset=windows-1251")
        );
        assert_eq!(r.body, b"<p>x</p>");
        assert!(parse_http(b"garbage", 1000).is_err());
    }
}
