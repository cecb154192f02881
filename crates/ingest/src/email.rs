//! E-mail: single messages (`.eml`, RFC 5322) and mailboxes (`.mbox`), parsed with
//! `mail-parser`. A message becomes one document (its text/plain body, or the HTML body as
//! text; headers as metadata), and each attachment a document of its own, read through the
//! same format dispatch (a PDF attachment is a PDF document) and linked both ways: the
//! attachment's `SourceMeta::parent` names the message's origin, the message lists its
//! attachments' origins.
//!
//! Mailboxes are split here, line by line with a cap on each message, rather than by
//! mail-parser's `MessageIterator`, which collects a message without any size limit: a
//! multi-gigabyte mbox streams message by message, and an oversized message is one failed
//! input while the rest are read.

use std::io::BufRead;

use armsgraph_model::{AttachmentRef, FailedInput, RawDocument, SourceKind, SourceMeta};
use mail_parser::{MessageParser, MimeHeaders};

use crate::{leaks, Limits};

/// Attachments inside attachments (a forwarded message with a PDF) are read this deep.
const MAX_NESTING: usize = 3;
/// Attachments read per message.
const MAX_ATTACHMENTS: usize = 100;

type Item = Result<RawDocument, FailedInput>;

fn fail(origin: &str, reason: impl Into<String>) -> FailedInput {
    FailedInput {
        origin: origin.to_string(),
        reason: reason.into(),
    }
}

/// One message and its attachments, the message first.
pub fn read_message(origin: &str, bytes: &[u8], limits: Limits, depth: usize) -> Vec<Item> {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return vec![Err(fail(origin, "not a readable e-mail message"))];
    };
    if message.headers().is_empty() {
        return vec![Err(fail(origin, "not an e-mail message: no headers"))];
    }
    let addresses = |a: Option<&mail_parser::Address<'_>>| -> Vec<String> {
        a.map(|a| {
            a.iter()
                .filter_map(|addr| match (addr.name(), addr.address()) {
                    (Some(n), Some(e)) => Some(format!("{n} <{e}>")),
                    (None, Some(e)) => Some(e.to_string()),
                    (Some(n), None) => Some(n.to_string()),
                    (None, None) => None,
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let mut meta = SourceMeta {
        format: "eml".to_string(),
        from: addresses(message.from()).into_iter().next(),
        to: addresses(message.to()),
        cc: addresses(message.cc()),
        subject: message
            .subject()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        message_id: message.message_id().map(str::to_string),
        created: message.date().map(|d| d.to_rfc3339()),
        ..Default::default()
    };
    meta.title = meta.subject.clone();
    if let Some(sender) = message.from().and_then(|a| a.first()) {
        meta.authors = sender
            .name()
            .or(sender.address())
            .map(|s| vec![s.to_string()])
            .unwrap_or_default();
    }

    let mut attachments: Vec<Item> = Vec::new();
    for (i, part) in message.attachments().enumerate() {
        let n = i + 1;
        let name = part
            .attachment_name()
            .map(safe_name)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("attachment-{n}"));
        let content_type = part.content_type().map(|c| match c.subtype() {
            Some(s) => format!("{}/{}", c.ctype(), s),
            None => c.ctype().to_string(),
        });
        let child_origin = format!("{origin}#attachment-{n}/{name}");
        let mut reference = AttachmentRef {
            name: name.clone(),
            origin: child_origin.clone(),
            content_type,
            unread: None,
        };
        if n > MAX_ATTACHMENTS {
            reference.unread = Some(format!("more than {MAX_ATTACHMENTS} attachments"));
        } else if depth >= MAX_NESTING {
            reference.unread = Some(format!("nested deeper than {MAX_NESTING} messages"));
        } else {
            // A message/rfc822 attachment is a message; anything else goes through the
            // format dispatch by its name and bytes.
            let docs: Vec<Item> = match part.message() {
                Some(inner) => read_message(&child_origin, inner.raw_message(), limits, depth + 1),
                None => leaks::attachment(&child_origin, &name, part.contents(), limits, depth + 1),
            };
            let mut first = true;
            for mut doc in docs {
                match doc.as_mut() {
                    Ok(d) => {
                        // Only the attachment itself is linked to this message; its own
                        // attachments are linked to it.
                        if first || d.origin == child_origin {
                            let source = d.source.get_or_insert_with(|| SourceMeta {
                                format: if d.is_html { "html" } else { "text" }.to_string(),
                                ..Default::default()
                            });
                            if source.parent.is_none() {
                                source.parent = Some(origin.to_string());
                            }
                        }
                    }
                    Err(f) if first => reference.unread = Some(f.reason.clone()),
                    Err(_) => {}
                }
                first = false;
                attachments.push(doc);
            }
        }
        meta.attachments.push(reference);
    }

    let mut body = message
        .body_text(0)
        .map(|b| b.trim().to_string())
        .unwrap_or_default();
    if body.is_empty() {
        // A message that is only a cover for its attachments still stands as a document, so
        // that the attachments have a parent to point to: its text says what it carries.
        let names: Vec<&str> = meta.attachments.iter().map(|a| a.name.as_str()).collect();
        body = match (&meta.subject, names.is_empty()) {
            (_, false) => format!(
                "{}\n\nAttachments: {}",
                meta.subject.as_deref().unwrap_or(""),
                names.join(", ")
            ),
            (Some(s), true) => s.clone(),
            (None, true) => String::new(),
        };
    }
    let mut out = Vec::with_capacity(1 + attachments.len());
    if body.trim().is_empty() {
        out.push(Err(fail(
            origin,
            "e-mail message without text or attachments",
        )));
    } else if body.len() > limits.max_document_bytes {
        out.push(Err(fail(
            origin,
            format!(
                "message text of {} bytes exceeds the limit of {} bytes",
                body.len(),
                limits.max_document_bytes
            ),
        )));
    } else {
        out.push(Ok(RawDocument {
            origin: origin.to_string(),
            kind: SourceKind::Email,
            is_html: false,
            body,
            charset: Some("e-mail (mime)".to_string()),
            title_hint: meta.subject.clone(),
            published_hint: meta.created.clone(),
            author_hint: meta.authors.first().cloned(),
            language_hint: None,
            url: None,
            source: Some(meta),
        }));
    }
    out.extend(attachments);
    out
}

/// A file name from a message, without path parts or control characters.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}

/// The messages of an mbox, streamed: each message with its attachments, origins
/// `path#message-N` (1-based).
pub struct Mbox {
    reader: Box<dyn BufRead>,
    origin: String,
    limits: Limits,
    /// Documents of the current message still to hand out.
    queue: std::collections::VecDeque<Item>,
    /// The `From ` line that opened the next message, once read.
    started: bool,
    count: usize,
    done: bool,
}

impl Mbox {
    pub fn new(reader: Box<dyn BufRead>, origin: String, limits: Limits) -> Mbox {
        Mbox {
            reader,
            origin,
            limits,
            queue: Default::default(),
            started: false,
            count: 0,
            done: false,
        }
    }

    /// Reads one message's lines up to the next `From ` line (or the end); `Err` when it
    /// grew over the limit (the rest of it is skipped).
    fn next_message(&mut self) -> Option<Result<Vec<u8>, String>> {
        let max = self.limits.max_document_bytes;
        let mut message = Vec::new();
        let mut oversized = false;
        let mut line = Vec::with_capacity(256);
        loop {
            line.clear();
            // A line is read through the limit too: one endless line cannot fill memory.
            let n = match std::io::Read::take(&mut self.reader, max as u64 + 1)
                .read_until(b'\n', &mut line)
            {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(format!("cannot read: {e}")));
                }
            };
            if n == 0 {
                self.done = true;
                break;
            }
            if line.starts_with(b"From ") {
                if !self.started {
                    self.started = true;
                    continue;
                }
                if message.is_empty() && !oversized {
                    continue;
                }
                break;
            }
            if !self.started {
                // Text before the first `From ` line: an mbox that is not one.
                self.done = true;
                return Some(Err(
                    "not an mbox: it does not start with a \"From \" line".into()
                ));
            }
            if oversized {
                continue;
            }
            // `>From ` quoting (mboxrd): one `>` is removed.
            let unquoted: &[u8] = if line.starts_with(b">")
                && line
                    .iter()
                    .skip_while(|&&b| b == b'>')
                    .take(5)
                    .eq(b"From ".iter())
            {
                &line[1..]
            } else {
                &line
            };
            if message.len() + unquoted.len() > max {
                oversized = true;
                message.clear();
                message.shrink_to_fit();
                continue;
            }
            message.extend_from_slice(unquoted);
        }
        if oversized {
            return Some(Err(format!(
                "message larger than the limit of {max} bytes; skipped"
            )));
        }
        if message.is_empty() {
            return None;
        }
        Some(Ok(message))
    }
}

impl Iterator for Mbox {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            let message = self.next_message()?;
            self.count += 1;
            let origin = format!("{}#message-{}", self.origin, self.count);
            match message {
                Ok(bytes) => self
                    .queue
                    .extend(read_message(&origin, &bytes, self.limits, 0)),
                Err(reason) => return Some(Err(fail(&origin, reason))),
            }
        }
    }
}

/// Whether the start of a file is an mbox (`From ` line, then headers).
pub fn sniff_mbox(head: &[u8]) -> bool {
    head.starts_with(b"From ")
        && head
            .split(|&b| b == b'\n')
            .nth(1)
            .is_some_and(looks_like_header)
}

/// Whether the start of a file is an e-mail message: its first lines are headers, among
/// them one that only mail has.
pub fn sniff_message(head: &[u8]) -> bool {
    let lines: Vec<&[u8]> = head.split(|&b| b == b'\n').take(30).collect();
    let headers = lines
        .iter()
        .take_while(|l| !l.iter().all(u8::is_ascii_whitespace))
        .filter(|l| !l.starts_with(b" ") && !l.starts_with(b"\t"))
        .collect::<Vec<_>>();
    !headers.is_empty()
        && headers.iter().all(|l| looks_like_header(l))
        && headers.iter().any(|l| {
            let lower = l.to_ascii_lowercase();
            [
                &b"message-id:"[..],
                b"received:",
                b"mime-version:",
                b"return-path:",
                b"delivered-to:",
            ]
            .iter()
            .any(|h| lower.starts_with(h))
        })
}

fn looks_like_header(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && line[..colon]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
}
