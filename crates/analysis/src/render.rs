//! Plain-text rendering for terminals, shared by the CLI commands and the demo report.

use std::fmt::Write;

use armsgraph_model::{Alert, Evidence};

use crate::query::{FactLine, MergedEvent, Profile, TimelineEntry};

fn evidence_line(ev: &Evidence) -> String {
    let mut s = format!(
        "document {} chars {}–{}",
        ev.document, ev.sentence.start, ev.sentence.end
    );
    if let Some(url) = &ev.url {
        let _ = write!(s, " <{url}>");
    }
    let text: String = ev.text.chars().take(160).collect();
    if !text.is_empty() {
        let more = if ev.text.chars().count() > 160 {
            "…"
        } else {
            ""
        };
        let _ = write!(s, "\n        “{text}{more}”");
    }
    s
}

/// An alert with its evidence chain, one link per line.
pub fn render_alert_text(alert: &Alert) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "ALERT {} (confidence {:.2})",
        alert.title, alert.confidence
    );
    let _ = writeln!(
        s,
        "  supplier {}  recipient {}  target {}  treaty {}",
        alert.supplier, alert.recipient, alert.target, alert.alliance
    );
    for (i, link) in alert.chain.iter().enumerate() {
        let _ = writeln!(s, "  {}. [{}] {}", i + 1, link.kind, link.statement);
        let _ = writeln!(s, "     source: {}", link.source);
        if let Some(ev) = &link.evidence {
            let _ = writeln!(s, "     evidence: {}", evidence_line(ev));
        }
    }
    s
}

fn fact_lines(s: &mut String, title: &str, lines: &[FactLine], limit: usize) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(s, "{title}:");
    for l in lines.iter().take(limit) {
        let _ = writeln!(
            s,
            "  {:<24} {:<10} {}",
            l.when.describe(),
            l.counterpart,
            l.statement
        );
        let _ = writeln!(s, "  {:<24} {:<10} ↳ {}", "", "", l.source);
    }
    if lines.len() > limit {
        let _ = writeln!(s, "  … {} more", lines.len() - limit);
    }
}

/// An entity profile: names seen, memberships, allies, suppliers and recipients over time,
/// conflicts, quotes.
pub fn render_profile_text(p: &Profile) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}{})",
        p.name,
        p.id,
        p.kind
            .as_deref()
            .map(|k| format!(", {k}"))
            .unwrap_or_default()
    );
    let _ = writeln!(s, "Mentioned in {} document(s)", p.documents);
    if !p.surfaces.is_empty() {
        let forms: Vec<String> = p
            .surfaces
            .iter()
            .take(12)
            .map(|(f, n)| format!("{f} ×{n}"))
            .collect();
        let _ = writeln!(s, "Names seen: {}", forms.join(", "));
    }
    fact_lines(&mut s, "Memberships", &p.memberships, 20);
    fact_lines(&mut s, "Defence allies now", &p.allies, 30);
    fact_lines(&mut s, "Supplied by", &p.suppliers, 20);
    fact_lines(&mut s, "Supplied to", &p.recipients, 20);
    fact_lines(&mut s, "Conflicts", &p.conflicts, 20);
    for (title, quotes) in [
        ("Quotes by", &p.quotes_by),
        ("Quotes about", &p.quotes_about),
    ] {
        if quotes.is_empty() {
            continue;
        }
        let _ = writeln!(s, "{title}:");
        for q in quotes.iter().take(10) {
            let text: String = q.text.chars().take(200).collect();
            let _ = writeln!(
                s,
                "  “{text}” — {} (document {} chars {}–{})",
                q.speaker.as_deref().unwrap_or("unknown speaker"),
                q.document,
                q.span.start,
                q.span.end
            );
        }
    }
    s
}

/// One merged event per block.
pub fn render_event_text(m: &MergedEvent) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {} → {}  [{}]  sources {}  confidence {:.2}",
        m.event_type.label(),
        m.actors.join(","),
        m.recipients.join(","),
        m.time.describe(),
        m.source_count,
        m.confidence
    );
    if !m.summary.is_empty() {
        let _ = writeln!(s, "  {}", m.summary);
    }
    for r in &m.reports {
        match &r.evidence {
            Some(ev) => {
                let _ = writeln!(s, "  ↳ {}: {}", r.event, evidence_line(ev));
            }
            None => {
                let _ = writeln!(s, "  ↳ {} (document {})", r.event, r.document);
            }
        }
    }
    s
}

/// A timeline, one entry per line.
pub fn render_timeline_text(a: &str, b: &str, entries: &[TimelineEntry]) -> String {
    let mut s = format!("Timeline {a} – {b}: {} entries\n", entries.len());
    for e in entries {
        let _ = writeln!(
            s,
            "  {:<24} {:<9} {}",
            e.when.describe(),
            e.event_type.map(|t| t.label()).unwrap_or(e.kind.as_str()),
            e.statement
        );
        let _ = writeln!(s, "  {:<24} {:<9} ↳ {}", "", "", e.source);
    }
    s
}
