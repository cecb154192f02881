//! JSON Lines: one document per line, `{"url", "html"}` or `{"url", "text"}`, with optional
//! `title`, `published`, `language`, `author`.

use std::io::BufRead;

use armsgraph_model::{FailedInput, RawDocument, SourceKind};
use serde_json::Value;

use crate::Limits;

pub(crate) struct JsonLines<R: BufRead> {
    reader: R,
    origin: String,
    limits: Limits,
    line: usize,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub(crate) fn new(reader: R, origin: String, limits: Limits) -> Self {
        JsonLines {
            reader,
            origin,
            limits,
            line: 0,
            done: false,
        }
    }
}

enum Line {
    Eof,
    Text(Vec<u8>),
    TooLong(usize),
}

/// One line without its end; longer than `cap` bytes is skipped without buffering.
fn read_line<R: BufRead>(r: &mut R, cap: usize) -> std::io::Result<Line> {
    let mut out = Vec::new();
    let mut total = 0usize;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            if total == 0 {
                return Ok(Line::Eof);
            }
            break;
        }
        let found = buf.iter().position(|&b| b == b'\n');
        let chunk = &buf[..found.unwrap_or(buf.len())];
        total += chunk.len();
        if total <= cap {
            out.extend_from_slice(chunk);
        }
        let used = found.map_or(buf.len(), |i| i + 1);
        r.consume(used);
        if found.is_some() {
            // An empty line still counts as a line.
            total = total.max(1);
            break;
        }
    }
    if total > cap {
        return Ok(Line::TooLong(total));
    }
    Ok(Line::Text(out))
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawDocument, FailedInput>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let origin = format!("{}#line-{}", self.origin, self.line);
            let fail = |reason: String| {
                Some(Err(FailedInput {
                    origin: origin.clone(),
                    reason,
                }))
            };
            let bytes = match read_line(&mut self.reader, self.limits.max_document_bytes) {
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::TooLong(n)) => {
                    return fail(format!(
                        "line of {n} bytes exceeds the limit of {} bytes; skipped",
                        self.limits.max_document_bytes
                    ))
                }
                Ok(Line::Text(b)) => b,
                Err(e) => {
                    self.done = true;
                    return fail(format!("unreadable from here: {e}"));
                }
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match std::str::from_utf8(&bytes) {
                Ok(t) => t,
                Err(e) => return fail(format!("line is not valid UTF-8: {e}")),
            };
            return Some(parse_record(text, &origin));
        }
        None
    }
}

fn field(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub(crate) fn parse_record(line: &str, origin: &str) -> Result<RawDocument, FailedInput> {
    let fail = |reason: String| FailedInput {
        origin: origin.to_string(),
        reason,
    };
    let v: Value = serde_json::from_str(line).map_err(|e| fail(format!("invalid JSON: {e}")))?;
    if !v.is_object() {
        return Err(fail("expected a JSON object per line".to_string()));
    }
    let (body, is_html) = match (field(&v, "html"), field(&v, "text")) {
        (Some(h), _) => (h, true),
        (None, Some(t)) => (t, false),
        (None, None) => return Err(fail("object has neither \"html\" nor \"text\"".to_string())),
    };
    Ok(RawDocument {
        origin: origin.to_string(),
        kind: SourceKind::Jsonl,
        url: field(&v, "url"),
        is_html,
        body,
        charset: None,
        title_hint: field(&v, "title"),
        published_hint: field(&v, "published"),
        language_hint: field(&v, "language"),
        author_hint: field(&v, "author"),
        source: None,
    })
}
