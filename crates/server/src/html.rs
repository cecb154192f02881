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

/// Covering annotations whose classes and keys an atom lists, innermost first. Deeper
/// nesting only happens in hostile or broken extractions; their outer classes still apply.
const MAX_KEYS_PER_ATOM: usize = 16;

/// The document text as HTML, every annotation highlighted.
///
/// Annotations may nest and overlap, so the text is cut at every annotation boundary into
/// atoms; each atom carries the classes and keys of the annotations that cover it (innermost
/// first, so a click opens the most specific one first). Spans are char offsets; out-of-range
/// or empty spans are ignored rather than trusted.
///
/// One sweep over the cuts in order: annotations enter the set of covering ones at their start
/// and leave it at their end, so the cost grows with the number of annotations times a
/// logarithm, not with annotations times atoms.
pub fn annotated_text(text: &str, annotations: &[Annotation]) -> String {
    annotated_parts(text, annotations, &[]).concat()
}

/// [`annotated_text`] cut at the char offsets `splits` (ascending): one HTML string per
/// part, so a part can go into an element of its own (the headline into the page's `<h1>`).
/// An annotation crossing a split is highlighted on both sides; its anchor is in the part
/// where it starts. Offsets beyond the text are ignored.
pub fn annotated_parts(text: &str, annotations: &[Annotation], splits: &[usize]) -> Vec<String> {
    use std::collections::{BTreeMap, BTreeSet, HashSet};

    let index = TextIndex::new(text);
    let len = index.char_len();
    let valid: Vec<usize> = (0..annotations.len())
        .filter(|&i| {
            let a = &annotations[i];
            a.span.start < a.span.end && a.span.end <= len
        })
        .collect();
    let mut by_start = valid.clone();
    by_start.sort_by_key(|&i| (annotations[i].span.start, i));
    let mut by_end = valid;
    by_end.sort_by_key(|&i| (annotations[i].span.end, i));
    let mut cuts: Vec<usize> = Vec::with_capacity(by_start.len() * 2 + 2);
    cuts.extend([0, len]);
    let mut splits: Vec<usize> = splits.iter().copied().filter(|&s| s <= len).collect();
    splits.sort_unstable();
    cuts.extend(&splits);
    for &i in &by_start {
        cuts.push(annotations[i].span.start);
        cuts.push(annotations[i].span.end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // Innermost first: shortest, then earliest, then in the order given.
    let order = |i: usize| (annotations[i].span.len(), annotations[i].span.start, i);
    let mut covering: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
    // How many covering annotations carry each class, for atoms nested deeper than the
    // listed ones.
    let mut class_counts: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut next_start, mut next_end) = (0, 0);
    let mut entering: Vec<(usize, usize, usize)> = Vec::new();
    let mut anchored: HashSet<&str> = HashSet::new();
    let mut parts: Vec<String> = Vec::with_capacity(splits.len() + 1);
    let mut next_split = 0;
    let mut out = String::with_capacity(text.len() * 2);
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        while splits.get(next_split).is_some_and(|&s| s <= start) {
            parts.push(std::mem::take(&mut out));
            next_split += 1;
        }
        while let Some(&i) = by_end.get(next_end) {
            if annotations[i].span.end > start {
                break;
            }
            covering.remove(&order(i));
            for c in annotations[i].class.split_whitespace() {
                if let Some(n) = class_counts.get_mut(c) {
                    *n = n.saturating_sub(1);
                }
            }
            next_end += 1;
        }
        entering.clear();
        while let Some(&i) = by_start.get(next_start) {
            if annotations[i].span.start > start {
                break;
            }
            covering.insert(order(i));
            entering.push(order(i));
            for c in annotations[i].class.split_whitespace() {
                *class_counts.entry(c).or_insert(0) += 1;
            }
            next_start += 1;
        }
        let piece = &text[index.byte_range(Span::new(start, end))];
        if covering.is_empty() {
            out.push_str(&esc(piece));
            continue;
        }
        // Each annotation gets an empty anchor before its first atom, so lists can link to it.
        entering.sort_unstable();
        for &(_, _, i) in &entering {
            let key = annotations[i].key.as_str();
            if !key.is_empty() && anchored.insert(key) {
                let _ = write!(out, "<span class=\"anchor\" id=\"a-{}\"></span>", esc(key));
            }
        }
        let mut classes: Vec<&str> = vec!["ann"];
        let mut keys: Vec<&str> = Vec::new();
        for &(_, _, i) in covering.iter().take(MAX_KEYS_PER_ATOM) {
            let a = &annotations[i];
            for c in a.class.split_whitespace() {
                if !classes.contains(&c) {
                    classes.push(c);
                }
            }
            if !a.key.is_empty() && !keys.contains(&a.key.as_str()) {
                keys.push(&a.key);
            }
        }
        if covering.len() > MAX_KEYS_PER_ATOM {
            for (c, n) in &class_counts {
                if *n > 0 && !classes.contains(c) {
                    classes.push(c);
                }
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
    parts.push(out);
    // Splits at the very end (or repeated) still get their (empty) parts.
    parts.resize(splits.len() + 1, String::new());
    parts
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
    fn many_annotations_render_in_near_linear_time() {
        // 80,000 mentions, plus nesting and identical spans: the old cut-by-cut scan of every
        // annotation took tens of seconds on this.
        let word = "Wort ";
        let text = word.repeat(80_000);
        let mut anns: Vec<Annotation> = (0..80_000)
            .map(|i| Annotation {
                span: Span::new(i * 5, i * 5 + 4),
                class: "m k-state".into(),
                key: format!("m{i}"),
            })
            .collect();
        for i in 0..200 {
            anns.push(Annotation {
                span: Span::new(i, 400_000 - i),
                class: "q".into(),
                key: format!("q{i}"),
            });
            anns.push(Annotation {
                span: Span::new(10, 14),
                class: "t".into(),
                key: format!("e{i}"),
            });
        }
        let started = std::time::Instant::now();
        let html = annotated_text(&text, &anns);
        let took = started.elapsed();
        // Generous for a debug build on a busy machine; the quadratic version took minutes.
        assert!(took < std::time::Duration::from_secs(20), "{took:?}");
        assert!(html.contains("id=\"a-m79999\""));
        assert!(html.contains("id=\"a-q199\""));
        // Deeply nested atoms list a bounded number of keys but keep every class.
        let atom = html
            .split("<span class=\"ann ")
            .nth(150)
            .unwrap_or_default()
            .split('>')
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(atom.contains('q'), "{atom}");
        let keys = atom
            .split("data-ann=\"")
            .nth(1)
            .and_then(|k| k.split('"').next())
            .unwrap_or_default();
        assert!(keys.split(' ').count() <= MAX_KEYS_PER_ATOM, "{atom}");
    }

    #[test]
    fn parts_split_crossing_annotations_with_one_anchor() {
        let text = "Kopf Zeile\nText";
        let anns = vec![Annotation {
            span: Span::new(5, 14),
            class: "q".into(),
            key: "q0".into(),
        }];
        let parts = annotated_parts(text, &anns, &[11, 99]);
        assert_eq!(parts.len(), 2, "a split beyond the text is ignored");
        assert!(parts[0].starts_with("Kopf "), "{}", parts[0]);
        assert!(parts[0].contains("id=\"a-q0\""));
        assert!(
            parts[1].contains("data-ann=\"q0\" tabindex=\"0\">Tex</span>"),
            "{}",
            parts[1]
        );
        assert!(
            !parts[1].contains("id=\"a-q0\""),
            "one anchor: {}",
            parts[1]
        );
        assert_eq!(
            annotated_parts(text, &anns, &[]),
            vec![annotated_text(text, &anns)]
        );
        assert_eq!(
            annotated_parts("", &anns, &[0]),
            vec![String::new(), String::new()]
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
