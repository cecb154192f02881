//! HTML building blocks: escaping, the page frame, and the annotated document text.
//!
//! Every string that may come from a document passes through [`esc`] (text and attribute
//! values alike) or [`safe_url`] (links). Nothing here emits inline script or style, so the
//! Content-Security-Policy can forbid both.

use std::fmt::Write;

use armsgraph_model::{Span, TextIndex};

/// Escape for HTML text and double- or single-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encode one URL path segment or query value (entity ids carry `:`).
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A document URL as an `href`, only for `http(s)`: `javascript:`, `data:` and other schemes
/// from hostile documents are shown as text, never linked.
pub fn safe_url(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://"))
        && !trimmed.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        Some(esc(trimmed))
    } else {
        None
    }
}

/// A link to an entity page, showing `name`.
pub fn entity_link(id: &str, name: &str) -> String {
    format!(
        "<a class=\"entity\" href=\"/entities/{}\">{}</a>",
        enc(id),
        esc(if name.is_empty() { id } else { name })
    )
}

/// A link to a document, optionally highlighting a span in it.
pub fn document_href(id: &str, highlight: Option<Span>) -> String {
    match highlight {
        Some(s) => format!("/documents/{}?hl={}-{}#focus", enc(id), s.start, s.end),
        None => format!("/documents/{}", enc(id)),
    }
}

const NAV: &[(&str, &str)] = &[
    ("search", "/"),
    ("documents", "/documents"),
    ("graph", "/graph"),
    ("timeline", "/timeline"),
    ("alerts", "/alerts"),
    ("ingest", "/ingest"),
];

/// The page frame: header with navigation, the body, the shared script.
/// `active` names the navigation entry to mark (`search`, `graph`, ...).
pub fn page(title: &str, active: &str, body: &str) -> axum::response::Html<String> {
    let mut nav = String::new();
    for (name, href) in NAV {
        let class = if *name == active {
            " class=\"active\""
        } else {
            ""
        };
        let label = match *name {
            "search" => "Search",
            "documents" => "Documents",
            "graph" => "Graph",
            "timeline" => "Timeline",
            "alerts" => "Alerts",
            _ => "Ingest",
        };
        let _ = write!(nav, "<a href=\"{href}\"{class}>{label}</a>");
    }
    axum::response::Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · armsgraph</title><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\
<link rel=\"stylesheet\" href=\"/static/app.css\">\
<script src=\"/static/app.js\" defer></script></head>\
<body><header class=\"top\"><a class=\"brand\" href=\"/\">armsgraph</a><nav>{nav}</nav>\
<form class=\"quick\" action=\"/search\" method=\"get\" role=\"search\">\
<input type=\"search\" name=\"q\" placeholder=\"Search documents and entities\" aria-label=\"Search\"></form>\
</header><main>{body}</main></body></html>",
        esc(title)
    ))
}

/// One highlighted stretch of the document text.
#[derive(Debug, Clone)]
pub struct Annotation {
    pub span: Span,
    /// CSS classes (`m m-state`, `t`, `q`, `hl`), constant strings only.
    pub class: String,
    /// Id of the detail element the click opens (`m3` → `#d-m3`); empty for none.
    pub key: String,
}

/// The document text as HTML, every annotation highlighted.
///
/// Annotations may nest and overlap, so the text is cut at every annotation boundary into
/// atoms; each atom carries the classes and keys of all annotations that cover it (innermost
/// first, so a click opens the most specific one first). Spans are char offsets; out-of-range
/// or empty spans are ignored rather than trusted.
pub fn annotated_text(text: &str, annotations: &[Annotation]) -> String {
    let index = TextIndex::new(text);
    let len = index.char_len();
    let valid: Vec<&Annotation> = annotations
        .iter()
        .filter(|a| a.span.start < a.span.end && a.span.end <= len)
        .collect();
    let mut cuts: Vec<usize> = vec![0, len];
    for a in &valid {
        cuts.push(a.span.start);
        cuts.push(a.span.end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut out = String::with_capacity(text.len() * 2);
    let mut anchored: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let piece = &text[index.byte_range(Span::new(start, end))];
        let mut covering: Vec<&&Annotation> = valid
            .iter()
            .filter(|a| a.span.start <= start && end <= a.span.end)
            .collect();
        if covering.is_empty() {
            out.push_str(&esc(piece));
            continue;
        }
        covering.sort_by_key(|a| (a.span.len(), a.span.start));
        let mut classes: Vec<&str> = vec!["ann"];
        let mut keys: Vec<&str> = Vec::new();
        for a in &covering {
            for c in a.class.split_whitespace() {
                if !classes.contains(&c) {
                    classes.push(c);
                }
            }
            if !a.key.is_empty() && !keys.contains(&a.key.as_str()) {
                keys.push(&a.key);
            }
        }
        // Each annotation gets an empty anchor before its first atom, so lists can link to it.
        for a in &covering {
            if a.span.start == start && !a.key.is_empty() && anchored.insert(a.key.as_str()) {
                let _ = write!(
                    out,
                    "<span class=\"anchor\" id=\"a-{}\"></span>",
                    esc(&a.key)
                );
            }
        }
        let _ = write!(
            out,
            "<span class=\"{}\" data-ann=\"{}\" tabindex=\"0\">{}</span>",
            esc(&classes.join(" ")),
            esc(&keys.join(" ")),
            esc(piece)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<img src=x onerror=\"alert('1')\">&"),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
        );
    }

    #[test]
    fn only_http_urls_are_links() {
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url(" JaVaScRiPt:alert(1)").is_none());
        assert!(safe_url("data:text/html,<script>").is_none());
        assert!(safe_url("https://example.org/a b").is_none());
        assert_eq!(
            safe_url("https://example.org/?a=1&b=\"2\"").as_deref(),
            Some("https://example.org/?a=1&amp;b=&quot;2&quot;")
        );
    }

    #[test]
    fn annotations_cut_at_char_offsets_and_nest() {
        // Multibyte chars before and inside the spans: offsets are chars, not bytes.
        let text = "„Ärger“ sagte Ünal.";
        let anns = vec![
            Annotation {
                span: Span::new(0, 7),
                class: "q".into(),
                key: "q0".into(),
            },
            Annotation {
                span: Span::new(1, 6),
                class: "m".into(),
                key: "m0".into(),
            },
            Annotation {
                span: Span::new(14, 18),
                class: "m".into(),
                key: "m1".into(),
            },
            Annotation {
                span: Span::new(10, 99),
                class: "m".into(),
                key: "bad".into(),
            },
        ];
        let html = annotated_text(text, &anns);
        assert_eq!(
            html,
            "<span class=\"anchor\" id=\"a-q0\"></span>\
<span class=\"ann q\" data-ann=\"q0\" tabindex=\"0\">„</span>\
<span class=\"anchor\" id=\"a-m0\"></span>\
<span class=\"ann m q\" data-ann=\"m0 q0\" tabindex=\"0\">Ärger</span>\
<span class=\"ann q\" data-ann=\"q0\" tabindex=\"0\">“</span> sagte \
<span class=\"anchor\" id=\"a-m1\"></span>\
<span class=\"ann m\" data-ann=\"m1\" tabindex=\"0\">Ünal</span>."
        );
    }

    #[test]
    fn annotated_text_escapes_the_document() {
        let text = "<script>alert(1)</script> x";
        let anns = vec![Annotation {
            span: Span::new(0, 8),
            class: "m".into(),
            key: "m0".into(),
        }];
        let html = annotated_text(text, &anns);
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
