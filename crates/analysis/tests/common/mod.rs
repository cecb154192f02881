//! Extractions built by hand for the analysis tests: a short article in which an unnamed
//! supplier (inferred: Belarus) armed Azerbaijan, which attacked Armenia in September 2022.
//!
//! `store` gives the store of this run: in-memory SQLite, or a fresh PostgreSQL schema with
//! `ARMSGRAPH_TEST_STORE=postgres` (`scripts/test.sh` runs the store-backed binaries twice).
#![allow(dead_code)]

#[path = "../../../store/tests/common/test_store.rs"]
pub mod test_store;

#[allow(unused_imports)] // Not every test file asks which store it runs on.
pub use test_store::{fresh_store as store, on_postgres};

use armsgraph_model::{
    ArmsTransfer, Candidate, DatedValue, Document, EntityKind, EntityRecord, Event, EventType,
    Evidence, Extraction, Factuality, LinkMethod, Mention, Participant, Quote, RoleInference, Span,
    Speaker, TimeExpr, TimePrecision, TransferStatus, Weapon,
};

pub const TEXT: &str = "Artillery and drones were delivered to Azerbaijan by a country that is \
supposedly an ally of Armenia, leaked documents show. Belarus did not respond. \
In September 2022 Azerbaijani forces attacked Armenia and seized strategic heights. \
\"Belarus armed Azerbaijan,\" said Eduard Arakelyan.";

/// Char span of the first occurrence of `needle` (the test text is ASCII).
pub fn span_of(needle: &str) -> Span {
    let start = TEXT.find(needle).expect("needle in test text");
    Span::new(start, start + needle.len())
}

fn sentence_of(needle: &str) -> Span {
    let at = TEXT.find(needle).expect("needle in test text");
    let start = TEXT[..at].rfind(". ").map(|i| i + 2).unwrap_or(0);
    let end = TEXT[at..]
        .find(". ")
        .map(|i| at + i + 1)
        .unwrap_or(TEXT.len());
    Span::new(start, end)
}

fn evidence(doc: &str, url: &str, needle: &str, trigger: &str, rule: &str) -> Evidence {
    let sentence = sentence_of(needle);
    Evidence {
        document: doc.to_string(),
        sentence,
        trigger: span_of(trigger),
        text: TEXT[sentence.start..sentence.end].to_string(),
        rule: rule.to_string(),
        url: Some(url.to_string()),
    }
}

fn explicit(entity: &str, name: &str, surface: &str) -> Participant {
    Participant {
        entity: entity.into(),
        name: name.into(),
        span: Some(span_of(surface)),
        how: "explicit".into(),
    }
}

fn mention(entity: &str, name: &str, kind: EntityKind, surface: &str) -> Mention {
    Mention {
        span: span_of(surface),
        text: surface.into(),
        entity: entity.into(),
        kind,
        name: name.into(),
        method: LinkMethod::Name,
        rule: "test".into(),
        confidence: 0.9,
        ..Mention::default()
    }
}

/// The article as one extraction; `id` (16 hex chars) makes copies distinct documents.
pub fn article(id: &str, url: &str) -> Extraction {
    let transfer = Event {
        id: format!("{id}:e1"),
        event_type: EventType::Aid,
        mode: Some("heavy-weapons".into()),
        context: vec!["military".into()],
        actors: vec![Participant {
            entity: "BLR".into(),
            name: "Belarus".into(),
            span: None,
            how: "inferred".into(),
        }],
        recipients: vec![explicit("AZE", "Azerbaijan", "Azerbaijan")],
        evidence: vec![evidence(id, url, "delivered", "delivered", "aid.deliver")],
        confidence: 0.7,
        factuality: Factuality::Reported,
        arms: Some(ArmsTransfer {
            weapons: vec![Weapon {
                category: Some("weapon-category:artillery".into()),
                system: None,
                text: "Artillery".into(),
                span: Some(span_of("Artillery")),
            }],
            status: vec![TransferStatus::Secret, TransferStatus::Delivered],
            cited_documents: vec!["leaked documents".into()],
            ..ArmsTransfer::default()
        }),
        inferences: vec![RoleInference {
            role: "actor".into(),
            cue: Some(span_of("a country that is supposedly an ally of Armenia")),
            candidates: vec![
                Candidate {
                    entity: "BLR".into(),
                    score: 0.8,
                    reasons: vec!["CSTO ally of ARM".into()],
                },
                Candidate {
                    entity: "RUS".into(),
                    score: 0.3,
                    reasons: vec!["CSTO ally of ARM".into()],
                },
            ],
            chosen: Some("BLR".into()),
            reason: "CSTO ally of Armenia named in the document; no comment requested".into(),
        }],
        source_count: 1,
        summary: "BLR → AZE: arms transfer (artillery, drones)".into(),
        ..Event::default()
    };
    let assault = Event {
        id: format!("{id}:e2"),
        event_type: EventType::Assault,
        mode: Some("seize".into()),
        context: vec!["military".into()],
        actors: vec![explicit("AZE", "Azerbaijan", "Azerbaijani")],
        recipients: vec![Participant {
            span: Some(Span::new(
                span_of("attacked Armenia").start + 9,
                span_of("attacked Armenia").end,
            )),
            ..explicit("ARM", "Armenia", "Armenia")
        }],
        time: Some(TimeExpr {
            span: span_of("September 2022"),
            text: "September 2022".into(),
            start: Some("2022-09-01".into()),
            end: Some("2022-09-30".into()),
            precision: TimePrecision::Month,
            anchor: "absolute".into(),
            rule: "month-year".into(),
            ..TimeExpr::default()
        }),
        evidence: vec![evidence(id, url, "attacked", "attacked", "assault.attack")],
        confidence: 0.85,
        source_count: 1,
        summary: "AZE → ARM: assault, seized strategic heights".into(),
        ..Event::default()
    };
    let quote_start = TEXT.find("Belarus armed").expect("quote");
    let quote = Quote {
        id: format!("{id}:q1"),
        message: Span::new(quote_start, quote_start + "Belarus armed Azerbaijan,".len()),
        message_text: "Belarus armed Azerbaijan,".into(),
        speaker: Some(Speaker {
            entity: Some("person:eduard-arakelyan".into()),
            name: "Eduard Arakelyan".into(),
            kind: "person".into(),
            span: Some(span_of("Eduard Arakelyan")),
            antecedent: None,
        }),
        rule: "test".into(),
        confidence: 0.9,
        ..Quote::default()
    };
    let mut entities = vec![
        mention("AZE", "Azerbaijan", EntityKind::State, "Azerbaijan"),
        mention("ARM", "Armenia", EntityKind::State, "Armenia"),
        mention("BLR", "Belarus", EntityKind::State, "Belarus"),
        mention("AZE", "Azerbaijan", EntityKind::State, "Azerbaijani"),
        mention(
            "person:eduard-arakelyan",
            "Eduard Arakelyan",
            EntityKind::Person,
            "Eduard Arakelyan",
        ),
    ];
    // The mentions inside the quotation, so that "quotes about" can find them.
    let belarus_in_quote = Span::new(quote_start, quote_start + "Belarus".len());
    entities.push(Mention {
        span: belarus_in_quote,
        ..mention("BLR", "Belarus", EntityKind::State, "Belarus")
    });
    let aze_at = quote_start + "Belarus armed ".len();
    entities.push(Mention {
        span: Span::new(aze_at, aze_at + "Azerbaijan".len()),
        ..mention("AZE", "Azerbaijan", EntityKind::State, "Azerbaijan")
    });
    entities.sort_by_key(|m| m.span.start);
    Extraction {
        document: Document {
            id: id.to_string(),
            content_hash: format!("{id}{id}{id}{id}"),
            origin: format!("test/{id}.txt"),
            url: Some(url.to_string()),
            title: Some("The secret arms deal".into()),
            publisher: Some("Test Gazette".into()),
            language: Some("en".into()),
            published: Some(DatedValue {
                value: "2024-05-15".into(),
                source: "user".into(),
            }),
            text: TEXT.to_string(),
            ..Document::default()
        },
        entities,
        actors: vec![
            EntityRecord {
                id: "AZE".into(),
                kind: EntityKind::State,
                name: "Azerbaijan".into(),
                known: true,
                mentions: 2,
                ..EntityRecord::default()
            },
            EntityRecord {
                id: "ARM".into(),
                kind: EntityKind::State,
                name: "Armenia".into(),
                known: true,
                mentions: 1,
                ..EntityRecord::default()
            },
            EntityRecord {
                id: "BLR".into(),
                kind: EntityKind::State,
                name: "Belarus".into(),
                known: true,
                mentions: 2,
                ..EntityRecord::default()
            },
            EntityRecord {
                id: "person:eduard-arakelyan".into(),
                kind: EntityKind::Person,
                name: "Eduard Arakelyan".into(),
                known: true,
                mentions: 1,
                ..EntityRecord::default()
            },
        ],
        events: vec![transfer, assault],
        quotes: vec![quote],
        ..Extraction::default()
    }
}
