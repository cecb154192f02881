//! Merging one event reported by several documents into one event with all the evidence.

use armsgraph_model::{Event, Factuality, Participant, TimeExpr};

fn overlap(a: &[Participant], b: &[Participant]) -> bool {
    a.iter().any(|p| b.iter().any(|q| q.entity == p.entity))
}

/// One role of two reports agrees when both leave it empty or both name a common party. An
/// empty role does not match a filled one: `USA: aid` is not evidence for `USA → UN: aid`, and
/// letting it merge would let each absorbed report add its own parties to the other's event.
fn same_role(a: &[Participant], b: &[Participant]) -> bool {
    (a.is_empty() && b.is_empty()) || overlap(a, b)
}

/// Reports of one event agree on whether it happened: asserted, reported and claimed accounts
/// of it merge; a denial, a plan or a possibility is a different statement.
fn same_reality(a: Factuality, b: Factuality) -> bool {
    let happened = |f: Factuality| {
        matches!(
            f,
            Factuality::Asserted | Factuality::Reported | Factuality::Claimed
        )
    };
    a == b || (happened(a) && happened(b))
}

/// Two times agree unless both are known date ranges that do not overlap.
pub(crate) fn times_compatible(a: &Option<TimeExpr>, b: &Option<TimeExpr>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => match (&a.start, &a.end, &b.start, &b.end) {
            // ISO dates compare as strings.
            (Some(s1), Some(e1), Some(s2), Some(e2)) => s1 <= e2 && s2 <= e1,
            _ => true,
        },
        _ => true,
    }
}

/// Merge the same event reported by several documents: same type and mode, overlapping
/// actors (never empty) and recipients (both empty, or sharing a party), compatible factuality
/// (a denial never merges into a report that it happened) and compatible times. Each input
/// carries the copy cluster (or document id) it came from; `source_count` of a merged event is
/// the number of distinct clusters, so copies of one article count once. Output order follows
/// the first appearance of each event.
pub fn merge_across_documents(events: Vec<(Event, String)>) -> Vec<Event> {
    let mut merged: Vec<(Event, Vec<String>)> = Vec::new();
    for (event, cluster) in events {
        let target = merged.iter_mut().find(|(m, _)| {
            m.event_type == event.event_type
                && m.mode == event.mode
                && overlap(&m.actors, &event.actors)
                && same_role(&m.recipients, &event.recipients)
                && same_reality(m.factuality, event.factuality)
                && times_compatible(&m.time, &event.time)
        });
        match target {
            Some((m, clusters)) => {
                for p in event.actors {
                    if !m.actors.iter().any(|q| q.entity == p.entity) {
                        m.actors.push(p);
                    }
                }
                for p in event.recipients {
                    if !m.recipients.iter().any(|q| q.entity == p.entity) {
                        m.recipients.push(p);
                    }
                }
                for p in event.locations {
                    if !m.locations.iter().any(|q| q.entity == p.entity) {
                        m.locations.push(p);
                    }
                }
                for ev in event.evidence {
                    if !m.evidence.contains(&ev) {
                        m.evidence.push(ev);
                    }
                }
                if m.time.is_none() {
                    m.time = event.time;
                }
                m.confidence = m.confidence.max(event.confidence);
                if !clusters.contains(&cluster) {
                    clusters.push(cluster);
                }
                m.source_count = clusters.len();
            }
            None => {
                let mut e = event;
                e.source_count = 1;
                merged.push((e, vec![cluster]));
            }
        }
    }
    merged.into_iter().map(|(e, _)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use armsgraph_model::{EventType, Evidence};

    fn ev(doc: &str, actor: &str, recipient: &str, year: &str) -> Event {
        Event {
            id: format!("{doc}:e1"),
            event_type: EventType::Aid,
            actors: vec![Participant {
                entity: actor.into(),
                ..Default::default()
            }],
            recipients: vec![Participant {
                entity: recipient.into(),
                ..Default::default()
            }],
            time: Some(TimeExpr {
                start: Some(format!("{year}-01-01")),
                end: Some(format!("{year}-12-31")),
                ..Default::default()
            }),
            evidence: vec![Evidence {
                document: doc.into(),
                ..Default::default()
            }],
            source_count: 1,
            ..Default::default()
        }
    }

    #[test]
    fn copies_count_once_and_other_sources_add_up() {
        let merged = merge_across_documents(vec![
            (ev("a", "BLR", "AZE", "2022"), "cluster-1".into()),
            (ev("b", "BLR", "AZE", "2022"), "cluster-1".into()),
            (ev("c", "BLR", "AZE", "2022"), "cluster-2".into()),
            (ev("d", "BLR", "AZE", "2019"), "cluster-3".into()),
            (ev("e", "RUS", "AZE", "2022"), "cluster-4".into()),
        ]);
        assert_eq!(merged.len(), 3);
        assert_eq!(merged[0].source_count, 2);
        assert_eq!(merged[0].evidence.len(), 3);
        assert_eq!(merged[1].source_count, 1);
    }

    #[test]
    fn an_empty_role_does_not_merge_with_a_filled_one() {
        let mut no_recipient = ev("a", "USA", "", "2019");
        no_recipient.recipients.clear();
        let mut no_actor = ev("b", "", "UN", "2019");
        no_actor.actors.clear();
        let merged = merge_across_documents(vec![
            (no_recipient.clone(), "cluster-1".into()),
            (ev("c", "USA", "UN", "2019"), "cluster-2".into()),
            (no_recipient, "cluster-3".into()),
            (no_actor, "cluster-4".into()),
        ]);
        assert_eq!(merged.len(), 3);
        // The two recipient-less reports are one event; the `USA → UN` one stays alone.
        assert_eq!(merged[0].source_count, 2);
        assert!(merged[0].recipients.is_empty());
        assert_eq!(merged[1].source_count, 1);
        assert_eq!(merged[1].recipients.len(), 1);
        assert!(merged[2].actors.is_empty());
    }

    #[test]
    fn a_denial_does_not_merge_with_a_report_that_it_happened() {
        let mut denied = ev("b", "USA", "SYR", "2019");
        denied.factuality = Factuality::Denied;
        let mut claimed = ev("c", "USA", "SYR", "2019");
        claimed.factuality = Factuality::Claimed;
        let merged = merge_across_documents(vec![
            (ev("a", "USA", "SYR", "2019"), "cluster-1".into()),
            (denied, "cluster-2".into()),
            (claimed, "cluster-3".into()),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].source_count, 2);
        assert_eq!(merged[1].factuality, Factuality::Denied);
    }
}
