//! Every "must" line of shared/seed/EXPECTED.md that concerns events and quotes, checked on
//! the full pipeline (extract → nlp → events) over the seed document.

use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use armsgraph_pipeline::{Pipeline, ReadOptions};

const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");

fn read() -> Extraction {
    let pipeline = Pipeline::load(&DataFiles::Embedded).expect("pipeline loads");
    let raw = RawDocument {
        origin: "data/corpus/000_79a71588b356f729.txt".into(),
        body: SEED.into(),
        ..Default::default()
    };
    let opts = ReadOptions {
        published: Some("2024-05-15".into()),
        ..Default::default()
    };
    pipeline.read(&raw, &opts).expect("seed reads")
}

fn ids(ps: &[Participant]) -> Vec<&str> {
    let mut v: Vec<&str> = ps.iter().map(|p| p.entity.as_str()).collect();
    v.sort();
    v.dedup();
    v
}

fn trigger_text(ex: &Extraction, e: &Event) -> String {
    let t = e.evidence[0].trigger;
    ex.document
        .text
        .chars()
        .skip(t.start)
        .take(t.len())
        .collect()
}

fn event(ex: &Extraction, t: EventType, pred: impl Fn(&Event) -> bool) -> &Event {
    ex.events
        .iter()
        .find(|e| e.event_type == t && pred(e))
        .unwrap_or_else(|| {
            panic!(
                "no matching {t:?}; events:\n{}",
                ex.events
                    .iter()
                    .map(|e| format!(
                        "{} `{}` {}",
                        e.evidence[0].rule,
                        trigger_text(ex, e),
                        e.summary
                    ))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
}

#[test]
fn seed_events_and_quotes_meet_expected_musts() {
    let ex = read();
    for e in &ex.events {
        eprintln!(
            "{} `{}` {:?} {}",
            e.evidence[0].rule,
            trigger_text(&ex, e),
            e.factuality,
            e.summary
        );
    }
    // 1. Arms transfer → AZE, materiel, secret, leaked documents, used in the wars.
    let aid = event(&ex, EventType::Aid, |e| e.arms.is_some());
    assert!(
        ids(&aid.recipients).contains(&"AZE"),
        "{:?}",
        aid.recipients
    );
    let arms = aid.arms.as_ref().unwrap();
    assert!(!arms.weapons.is_empty());
    assert!(arms.status.contains(&TransferStatus::Secret));
    assert!(!arms.cited_documents.is_empty());
    assert!(!arms.used_in.is_empty());
    // 9. The unnamed supplier: candidates BLR and RUS, BLR chosen.
    let inf = aid
        .inferences
        .iter()
        .find(|i| i.role == "actor")
        .expect("supplier inference");
    let cands: Vec<&str> = inf.candidates.iter().map(|c| c.entity.as_str()).collect();
    assert!(cands.contains(&"BLR") && cands.contains(&"RUS"), "{inf:#?}");
    assert_eq!(inf.chosen.as_deref(), Some("BLR"), "{inf:#?}");
    // The quoted use of that equipment (`Diese Ausrüstung wurde … gegen armenische Truppen
    // eingesetzt`) names no user; the document says AZE used it, shown as an inference.
    let used = event(&ex, EventType::Assault, |e| {
        trigger_text(&ex, e) == "eingesetzt" && ids(&e.recipients) == ["ARM"]
    });
    assert_eq!(ids(&used.actors), ["AZE"], "{}", used.summary);
    assert_eq!(used.actors[0].how, "inferred");
    let user = used
        .inferences
        .iter()
        .find(|i| i.role == "actor")
        .expect("user inference");
    assert_eq!(user.chosen.as_deref(), Some("AZE"));
    // Every participant has a display name, and summaries use them.
    for e in &ex.events {
        for p in e.actors.iter().chain(&e.recipients) {
            assert!(!p.name.is_empty(), "{}: {p:?}", e.summary);
        }
    }
    assert!(
        aid.summary
            .starts_with("Belarus → Azerbaijan: arms transfer"),
        "{}",
        aid.summary
    );
    // 2. Fighting AZE vs ARM in recent years, artillery and drones.
    let fights = event(&ex, EventType::Assault, |e| {
        trigger_text(&ex, e) == "Kämpfen"
    });
    // AZE vs ARM, coded as a dyad (first side → the other; stop 40).
    assert_eq!(ids(&fights.actors), ["AZE"]);
    assert_eq!(ids(&fights.recipients), ["ARM"]);
    assert!(fights.time.is_some());
    // 3. The 2020 war over Nagorno-Karabakh.
    let war = event(&ex, EventType::Assault, |e| trigger_text(&ex, e) == "Krieg");
    assert_eq!(ids(&war.actors), ["AZE"]);
    assert_eq!(ids(&war.recipients), ["ARM"]);
    assert!(ids(&war.locations).contains(&"place:nagorno-karabakh"));
    assert!(war
        .time
        .as_ref()
        .and_then(|t| t.start.as_deref())
        .unwrap_or("")
        .starts_with("2020"));
    // 4. The offensive of September 2023 and 100,000 displaced.
    let off = event(&ex, EventType::Assault, |e| {
        trigger_text(&ex, e) == "Offensive"
    });
    assert_eq!(ids(&off.actors), ["AZE"]);
    assert!(
        ids(&off.locations).contains(&"place:nagorno-karabakh"),
        "{:?}",
        off.locations
    );
    assert!(off
        .time
        .as_ref()
        .and_then(|t| t.start.as_deref())
        .unwrap_or("")
        .starts_with("2023-09"));
    assert!(off.outcome.is_some());
    assert_eq!(
        event(&ex, EventType::Displacement, |_| true).displaced,
        Some(100_000)
    );
    // 5. Incursion / seizure, September 2022.
    let inc = event(&ex, EventType::Assault, |e| {
        trigger_text(&ex, e) == "drangen"
    });
    assert_eq!(ids(&inc.actors), ["AZE"]);
    assert_eq!(ids(&inc.recipients), ["ARM"]);
    assert!(inc
        .time
        .as_ref()
        .and_then(|t| t.start.as_deref())
        .unwrap_or("")
        .starts_with("2022-09"));
    let seize = event(&ex, EventType::Coerce, |e| {
        e.mode.as_deref() == Some("seize")
    });
    assert_eq!(ids(&seize.actors), ["AZE"]);
    // 6. Request ARM → CSTO, September 2022 via `damals`.
    let req = event(&ex, EventType::Request, |_| true);
    assert_eq!(ids(&req.actors), ["ARM"]);
    assert_eq!(ids(&req.recipients), ["CSTO"]);
    assert!(
        req.time
            .as_ref()
            .and_then(|t| t.start.as_deref())
            .unwrap_or("")
            .starts_with("2022-09"),
        "{:?}",
        req.time
    );
    // 7. Accusation ARM → CSTO.
    let acc = event(&ex, EventType::Accuse, |_| true);
    assert_eq!(ids(&acc.actors), ["ARM"]);
    assert_eq!(ids(&acc.recipients), ["CSTO"]);
    // 8. Agreement with the EU, cooperation with US troops.
    let agree = event(&ex, EventType::Agree, |e| {
        trigger_text(&ex, e) == "Vereinbarung"
    });
    assert!(ids(&agree.actors).contains(&"ARM"), "{:?}", agree.actors);
    assert!(ids(&agree.recipients).contains(&"EU"));
    let coop = event(&ex, EventType::Cooperate, |e| {
        ids(&e.recipients).contains(&"USA")
    });
    assert!(ids(&coop.actors).contains(&"ARM"));
    // 10. No comment from AZE and BLR.
    let nc = event(&ex, EventType::NoComment, |_| true);
    assert_eq!(ids(&nc.actors), ["AZE", "BLR"]);

    // Quotes: two direct quotations by Arakelyan, one by a diplomatic note, no heading quote.
    for q in &ex.quotes {
        eprintln!(
            "{:?} {:?} {:?} | {}",
            q.kind,
            q.cue_text,
            q.speaker.as_ref().map(|s| (&s.name, &s.kind)),
            q.message_text
        );
    }
    let by_arakelyan = ex
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .filter(|q| {
            q.speaker.as_ref().and_then(|s| s.entity.as_deref()) == Some("person:eduard-arakelyan")
        })
        .count();
    assert_eq!(by_arakelyan, 2);
    let note = ex
        .quotes
        .iter()
        .find(|q| q.message_text.starts_with("bei der Wiederherstellung"))
        .expect("note quote");
    assert_eq!(
        note.speaker.as_ref().map(|s| s.kind.as_str()),
        Some("document")
    );
    assert!(!ex
        .quotes
        .iter()
        .any(|q| q.message_text.contains("Mit Freunden wie diesen")));
    for q in &ex.quotes {
        let text: String = ex
            .document
            .text
            .chars()
            .skip(q.message.start)
            .take(q.message.len())
            .collect();
        assert_eq!(text, q.message_text, "quote spans are exact");
    }
}
