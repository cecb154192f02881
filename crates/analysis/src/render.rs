//! Plain-text rendering for terminals, shared by the CLI commands and the demo report.

use std::fmt::Write;

use armsgraph_kb::reference::Interval;
use armsgraph_model::{Alert, Evidence};

use crate::query::{FactLine, MergedEvent, Profile, TimelineEntry};

/// When a document event happened, as a reader should see it. An event without a time
/// expression is stored as `{start: None, end: <publication date>}` (it happened by then,
/// which is what alerts reason with); shown as a date, that would pass the reporting date
/// off as the event's own, so it reads "undated (reported …)".
pub fn describe_event_time(when: &Interval) -> String {
    match (&when.start, &when.end) {
        (None, Some(reported)) => format!("undated (reported {reported})"),
        (None, None) => "undated".to_string(),
        _ => when.describe(),
    }
}

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

/// A year component of a reference row key (`388/2020/AZE-ARM` → `2020`).
fn year_component(source: &str) -> Option<(String, String)> {
    let (head, key) = source.rsplit_once(':')?;
    let parts: Vec<&str> = key.split('/').collect();
    let i = parts
        .iter()
        .position(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()))?;
    let mut pattern: Vec<&str> = parts.clone();
    pattern[i] = "<year>";
    Some((
        format!("{head}:{}", pattern.join("/")),
        parts[i].to_string(),
    ))
}

/// Reference rows that differ only by year (a conflict's dyad-years) shown as one line.
fn collapse_years(lines: &[FactLine]) -> Vec<FactLine> {
    let mut out: Vec<FactLine> = Vec::new();
    let mut years: Vec<Vec<String>> = Vec::new();
    for l in lines {
        let key = year_component(&l.source).filter(|_| l.source.starts_with("reference:"));
        let found = key.as_ref().and_then(|(pattern, _)| {
            out.iter()
                .position(|o| o.counterpart == l.counterpart && &o.source == pattern)
        });
        match (key, found) {
            (Some((_, year)), Some(i)) => {
                out[i].when.end = l.when.end.clone().or(out[i].when.end.take());
                years[i].push(year);
            }
            (Some((pattern, year)), None) => {
                out.push(FactLine {
                    source: pattern,
                    ..l.clone()
                });
                years.push(vec![year]);
            }
            (None, _) => {
                out.push(l.clone());
                years.push(Vec::new());
            }
        }
    }
    for (line, ys) in out.iter_mut().zip(years) {
        if ys.len() > 1 {
            if let Some(first) = ys.first() {
                line.statement = line.statement.replacen(
                    &format!(" in {first}"),
                    &format!(" in {}", ys.join(", ")),
                    1,
                );
            }
        } else if let Some(y) = ys.first() {
            line.source = line.source.replace("<year>", y);
        }
    }
    out
}

fn fact_lines(s: &mut String, title: &str, lines: &[FactLine], limit: usize) {
    if lines.is_empty() {
        return;
    }
    let lines = collapse_years(lines);
    let _ = writeln!(s, "{title}:");
    for l in lines.iter().take(limit) {
        let _ = writeln!(
            s,
            "  {:<24} {:<10} {}",
            if l.event.is_some() {
                describe_event_time(&l.when)
            } else {
                l.when.describe()
            },
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
    if !p.aliases.is_empty() {
        let known: Vec<&str> = p.aliases.iter().take(16).map(String::as_str).collect();
        let _ = writeln!(s, "Known names: {}", known.join(", "));
    }
    for (role, doc) in &p.roles {
        let _ = writeln!(s, "Role: {role} (document {doc})");
    }
    fact_lines(&mut s, "Members", &p.members, 40);
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
        describe_event_time(&m.time),
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
        for c in &r.corrections {
            let _ = writeln!(s, "    {}", correction_line(c));
        }
    }
    s
}

/// `corrected by X at T (reason): type AID → ASSAULT`, the machine's value beside the new.
pub fn correction_line(c: &armsgraph_model::AppliedCorrection) -> String {
    let verb = match c.kind.as_str() {
        "confirm" => "confirmed",
        "wrong" => "marked wrong",
        _ => "corrected",
    };
    let mut s = format!("{verb} by {} at {}", c.by, c.at);
    if !c.reason.is_empty() {
        let _ = write!(s, " ({})", c.reason);
    }
    match (&c.original, &c.value) {
        (Some(o), Some(v)) => {
            let _ = write!(s, ": {} {v} (machine: {o})", c.kind);
        }
        (None, Some(v)) => {
            let _ = write!(s, ": {} → {v}", c.kind);
        }
        _ => {}
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
            if e.event.is_some() {
                describe_event_time(&e.when)
            } else {
                e.when.describe()
            },
            e.event_type.map(|t| t.label()).unwrap_or(e.kind.as_str()),
            e.statement
        );
        let _ = writeln!(s, "  {:<24} {:<9} ↳ {}", "", "", e.source);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(year: &str) -> FactLine {
        FactLine {
            counterpart: "ARM".into(),
            when: Interval::of_date(year),
            statement: format!("AZE vs ARM in {year} (ucdp-acd-25.1 conflict 388)"),
            source: format!("reference:ucdp-acd-25.1:388/{year}/AZE-ARM"),
            evidence: None,
            event: None,
        }
    }

    #[test]
    fn an_undated_event_shows_its_reporting_date_not_a_date_of_its_own() {
        let reported = Interval::new(None, Some("2024-05-15".into()));
        assert_eq!(
            describe_event_time(&reported),
            "undated (reported 2024-05-15)"
        );
        assert_eq!(describe_event_time(&Interval::default()), "undated");
        let dated = Interval::new(Some("2024-04-11".into()), Some("2024-04-14".into()));
        assert_eq!(describe_event_time(&dated), "2024-04-11 – 2024-04-14");

        let merged = MergedEvent {
            event_type: armsgraph_model::EventType::default(),
            actors: vec!["RUS".into()],
            recipients: vec!["UKR".into()],
            time: reported.clone(),
            summary: String::new(),
            source_count: 1,
            confidence: 0.5,
            reports: Vec::new(),
        };
        let text = render_event_text(&merged);
        assert!(text.contains("[undated (reported 2024-05-15)]"), "{text}");
        assert!(!text.contains("until 2024-05-15"), "{text}");

        // In a profile, a document event reads undated; a reference fact's open start
        // keeps its meaning.
        let mut profile_text = String::new();
        let event_line = FactLine {
            when: reported.clone(),
            source: "document:abcd".into(),
            event: Some("abcd:e1".into()),
            ..line("2022")
        };
        let reference_line = FactLine {
            when: reported,
            ..line("2022")
        };
        fact_lines(
            &mut profile_text,
            "Facts",
            &[event_line, reference_line],
            10,
        );
        assert!(
            profile_text.contains("undated (reported 2024-05-15)"),
            "{profile_text}"
        );
        assert!(profile_text.contains("until 2024-05-15"), "{profile_text}");
    }

    #[test]
    fn conflict_years_collapse_into_one_line() {
        let doc = FactLine {
            source: "document:abcd".into(),
            ..line("2022")
        };
        let lines = collapse_years(&[line("2020"), line("2021"), doc.clone(), line("2023")]);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0].statement,
            "AZE vs ARM in 2020, 2021, 2023 (ucdp-acd-25.1 conflict 388)"
        );
        assert_eq!(
            lines[0].source,
            "reference:ucdp-acd-25.1:388/<year>/AZE-ARM"
        );
        assert_eq!(lines[0].when.describe(), "2020-01-01 – 2023-12-31");
        assert_eq!(lines[1], doc);
        // A single year keeps its exact row.
        let one = collapse_years(&[line("2020")]);
        assert_eq!(one[0].source, "reference:ucdp-acd-25.1:388/2020/AZE-ARM");
    }
}
