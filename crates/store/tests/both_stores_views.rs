//! The indexed view tables (entity profiles, graph, alerts, timelines) on both stores: the
//! same documents give the same answers on SQLite and on PostgreSQL (when
//! `ARMSGRAPH_TEST_PG` holds a `postgres://` URL; each PostgreSQL test in a schema of its
//! own), and writers inserting at once on PostgreSQL keep the running totals exact.

mod common;

use common::{pg_url, stores};
use std::collections::BTreeSet;
use std::path::Path;

use armsgraph_model::{
    Alert, ArmsTransfer, ChainLink, DatedValue, Document, EntityKind, EntityRecord, Event,
    EventType, Evidence, Extraction, Factuality, Mention, Participant, Quote, Role, Span, Speaker,
    TimeExpr, Weapon,
};
use armsgraph_store::{EventFilter, InsertOutcome, Store};

const ENTITIES: &[(&str, &str, EntityKind)] = &[
    ("AZE", "Azerbaijan", EntityKind::State),
    ("BLR", "Belarus", EntityKind::State),
    ("ARM", "Armenia", EntityKind::State),
    ("RUS", "Russia", EntityKind::State),
    ("USA", "United States", EntityKind::State),
    ("CSTO", "CSTO", EntityKind::Organisation),
    ("person:ilham-aliyev", "Ilham Aliyev", EntityKind::Person),
];

fn name_of(entity: &str) -> &'static str {
    ENTITIES
        .iter()
        .find(|(id, _, _)| *id == entity)
        .map_or("?", |(_, n, _)| n)
}

fn kind_of(entity: &str) -> EntityKind {
    ENTITIES
        .iter()
        .find(|(id, _, _)| *id == entity)
        .map_or(EntityKind::Group, |(_, _, k)| *k)
}

fn party(entity: &str) -> Participant {
    Participant {
        entity: entity.into(),
        name: name_of(entity).into(),
        how: "explicit".into(),
        ..Default::default()
    }
}

/// One event: `kind` between `actors` and `recipients`, dated `date` (`None`: undated).
fn event(
    doc: &str,
    n: usize,
    event_type: EventType,
    actors: &[&str],
    recipients: &[&str],
    date: Option<&str>,
) -> Event {
    let military = event_type == EventType::Aid;
    Event {
        id: format!("{doc}:e{n}"),
        event_type,
        context: if military {
            vec!["military".into()]
        } else {
            Vec::new()
        },
        actors: actors.iter().map(|a| party(a)).collect(),
        recipients: recipients.iter().map(|a| party(a)).collect(),
        locations: vec![party("AZE")],
        time: date.map(|d| TimeExpr {
            text: d.into(),
            start: Some(d.into()),
            end: Some(d.into()),
            ..Default::default()
        }),
        evidence: vec![Evidence {
            document: doc.into(),
            text: format!("event {n} of {doc}"),
            rule: "test".into(),
            ..Default::default()
        }],
        confidence: 0.8,
        factuality: Factuality::Asserted,
        arms: military.then(|| ArmsTransfer {
            weapons: vec![Weapon {
                category: Some("artillery".into()),
                system: Some("Polonez".into()),
                text: "Polonez".into(),
                span: None,
            }],
            ..Default::default()
        }),
        summary: format!(
            "{} {} {}",
            actors.join("+"),
            event_type.label(),
            recipients.join("+")
        ),
        source_count: 1,
        ..Default::default()
    }
}

/// A document naming `entities` (each once, in this order, in its text), with `events`, an
/// actor record per entity (roles and affiliations from `ties`), a quote of Aliyev about
/// the first entity, and `alerts` recorded alerts.
fn document(
    id: &str,
    published: &str,
    entities: &[&str],
    events: Vec<Event>,
    ties: &[(&str, &str)],
    alerts: usize,
) -> Extraction {
    let mut text = String::from("Aliyev said: ");
    let mut mentions = Vec::new();
    for e in entities {
        let name = name_of(e);
        let start = text.chars().count();
        text.push_str(name);
        mentions.push(Mention {
            span: Span::new(start, start + name.chars().count()),
            text: name.into(),
            entity: (*e).into(),
            kind: kind_of(e),
            name: name.into(),
            rule: "test".into(),
            confidence: 1.0,
            ..Default::default()
        });
        text.push_str(" and ");
    }
    text.push_str(&format!("the rest of {id}."));
    let message_end = mentions
        .first()
        .map_or(0, |m| m.span.end + 1)
        .min(text.chars().count());
    let actors = entities
        .iter()
        .map(|e| EntityRecord {
            id: (*e).into(),
            kind: kind_of(e),
            name: format!("{} ({id})", name_of(e)),
            roles: if *e == "person:ilham-aliyev" {
                vec![Role {
                    title: "President".into(),
                    organisation: Some("AZE".into()),
                    ..Default::default()
                }]
            } else {
                Vec::new()
            },
            affiliations: ties
                .iter()
                .filter(|(who, _)| who == e)
                .map(|(_, group)| (*group).to_string())
                .collect(),
            mentions: 1,
            ..Default::default()
        })
        .collect();
    Extraction {
        document: Document {
            id: id.into(),
            content_hash: format!("hash-{id}"),
            origin: format!("test/{id}.txt"),
            url: Some(format!("https://example.org/{id}")),
            title: Some(format!("Title {id}")),
            language: Some("en".into()),
            published: Some(DatedValue {
                value: published.into(),
                source: "test".into(),
            }),
            text,
            ..Default::default()
        },
        entities: mentions,
        actors,
        events,
        quotes: vec![Quote {
            id: format!("{id}:q1"),
            message: Span::new(13, message_end),
            message_text: "…".into(),
            speaker: Some(Speaker {
                entity: Some("person:ilham-aliyev".into()),
                name: "Aliyev".into(),
                kind: "person".into(),
                ..Default::default()
            }),
            rule: "test".into(),
            confidence: 0.9,
            ..Default::default()
        }],
        alerts: (0..alerts)
            .map(|n| Alert {
                id: format!("{id}:a{n}"),
                kind: "alliance_contradiction".into(),
                title: format!("alert {n} of {id}"),
                supplier: "BLR".into(),
                recipient: "AZE".into(),
                target: "ARM".into(),
                alliance: "CSTO".into(),
                chain: vec![ChainLink {
                    kind: "transfer".into(),
                    statement: "BLR → AZE".into(),
                    source: format!("document:{id}"),
                    ..Default::default()
                }],
                confidence: 0.7,
            })
            .collect(),
        ..Default::default()
    }
}

/// Four documents, inserted out of id order: transfers (one with two suppliers), fights
/// (one without recipients), a cooperation, a denied transfer, dated and undated events,
/// memberships stated by documents that do or do not mention the organisation.
fn corpus() -> Vec<Extraction> {
    use EventType::*;
    let d1 = "c0000000000000d1";
    let d2 = "a0000000000000d2";
    let d3 = "b0000000000000d3";
    let d4 = "d0000000000000d4";
    let all = ["AZE", "BLR", "ARM", "RUS", "CSTO", "person:ilham-aliyev"];
    vec![
        document(
            d1,
            "2022-05-01",
            &all,
            vec![
                event(d1, 1, Aid, &["BLR"], &["AZE"], Some("2022-03")),
                event(d1, 2, Assault, &["AZE"], &["ARM"], Some("2022-09-13")),
                event(d1, 3, Agree, &["USA"], &["AZE"], None),
            ],
            &[("ARM", "CSTO"), ("BLR", "CSTO"), ("RUS", "CSTO")],
            2,
        ),
        document(
            d2,
            "2023-01-10",
            &["ARM", "RUS", "BLR", "AZE"],
            vec![
                event(d2, 1, Aid, &["RUS", "BLR"], &["ARM"], None),
                event(d2, 2, Coerce, &["AZE"], &["ARM"], None),
                event(d2, 3, Aid, &["BLR"], &["AZE"], Some("2022-03")),
            ],
            &[("ARM", "CSTO"), ("BLR", "CSTO")],
            0,
        ),
        document(
            d3,
            "2022-10-01",
            &["AZE", "BLR", "ARM", "CSTO", "USA"],
            vec![
                event(d3, 1, Aid, &["BLR"], &["AZE"], Some("2022-03")),
                {
                    let mut e = event(d3, 2, Aid, &["RUS"], &["AZE"], Some("2021"));
                    e.factuality = Factuality::Denied;
                    e
                },
                event(d3, 3, Assault, &["ARM", "AZE"], &[], Some("2022-09")),
                event(d3, 4, Protest, &["ARM"], &["AZE"], Some("2022-09-14")),
            ],
            &[("BLR", "CSTO"), ("AZE", "USA")],
            1,
        ),
        document(
            d4,
            "2024-02-02",
            &["USA", "AZE"],
            vec![event(d4, 1, Aid, &["USA"], &["AZE"], Some("2024-01"))],
            &[],
            0,
        ),
    ]
}

const ASKED: &[&str] = &[
    "",
    "AZE",
    "BLR",
    "ARM",
    "RUS",
    "USA",
    "CSTO",
    "person:ilham-aliyev",
    "nobody",
];

/// Every view method's answer for every entity asked, as text (`Debug`), one line each.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |what: String, v: String| out.push(format!("{what}: {v}"));
    let mut docs: Vec<String> = store
        .documents(100, 0)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    // By id: ingest order may differ between two stores filled one after the other.
    docs.sort();
    let all: BTreeSet<&str> = docs.iter().map(String::as_str).collect();
    let some: BTreeSet<&str> = docs.iter().take(2).map(String::as_str).collect();
    for e in ASKED {
        push(
            format!("counts {e}"),
            format!("{:?}", store.entity_counts(e)),
        );
        push(
            format!("first mention {e}"),
            format!("{:?}", store.entity_first_mention(e)),
        );
        push(
            format!("mention name {e}"),
            format!("{:?}", store.entity_mention_name(e)),
        );
        for limit in [1, 100] {
            push(
                format!("documents {e} {limit}"),
                format!("{:?}", store.entity_documents(e, limit)),
            );
            push(
                format!("quotes about {e} {limit}"),
                format!("{:?}", store.quotes_mentioning(e, limit)),
            );
        }
        push(format!("roles {e}"), format!("{:?}", store.entity_roles(e)));
        push(
            format!("affiliations {e}"),
            format!("{:?}", store.entity_affiliations(e)),
        );
        push(
            format!("members {e}"),
            format!("{:?}", store.entity_members(e)),
        );
        push(
            format!("targets {e}"),
            format!("{:?}", store.affiliation_targets(e)),
        );
        push(
            format!("kind in all {e}"),
            format!("{:?}", store.entity_kind_in(e, &all)),
        );
        push(
            format!("kind in some {e}"),
            format!("{:?}", store.entity_kind_in(e, &some)),
        );
        push(
            format!("affiliations in all {e}"),
            format!("{:?}", store.affiliations_in(e, &all)),
        );
        push(
            format!("affiliations in some {e}"),
            format!("{:?}", store.affiliations_in(e, &some)),
        );
        for other in ASKED {
            push(
                format!("name near {e} {other}"),
                format!("{:?}", store.actor_name_near(e, other)),
            );
            for group in ["CSTO", "USA"] {
                push(
                    format!("first tie {e} {other} {group}"),
                    format!("{:?}", store.first_tie(e, other, group)),
                );
            }
        }
        for kind in ["supplier", "recipient", "conflict"] {
            for limit in [1, 2, 100] {
                push(
                    format!("lines {e} {kind} {limit}"),
                    format!("{:?}", store.profile_lines(e, kind, limit)),
                );
            }
        }
        let edges = store.graph_edges(e);
        push(format!("edges {e}"), format!("{edges:?}"));
        for edge in edges.unwrap_or_default() {
            for limit in [1, 100] {
                push(
                    format!("edge events {e} {edge:?} {limit}"),
                    format!(
                        "{:?}",
                        store.edge_events(e, &edge.actor, &edge.recipient, &edge.relation, limit)
                    ),
                );
            }
        }
        // The timeline of one actor: earliest first, undated last, with its total.
        let timeline = EventFilter {
            involving: Some(e.to_string()),
            by_time: true,
            limit: Some(3),
            ..Default::default()
        };
        push(
            format!("timeline {e}"),
            format!("{:?}", store.events_with_sources(&timeline)),
        );
        push(
            format!("timeline total {e}"),
            format!("{:?}", store.count_events(&timeline)),
        );
    }
    // Every store-wide timeline, by type.
    for t in [Some(EventType::Aid), Some(EventType::Assault), None] {
        let filter = EventFilter {
            event_type: t,
            by_time: true,
            ..Default::default()
        };
        push(
            format!("timeline {t:?}"),
            format!("{:?}", store.events_with_sources(&filter)),
        );
    }
    // Ingest times are whole seconds: two stores filled a moment apart may order documents
    // of one second differently only if a second boundary falls between them, so the
    // recorded alerts are compared as a sorted list.
    let mut alerts: Vec<String> = store
        .recent_document_alerts(100)
        .unwrap()
        .iter()
        .map(|a| format!("{a:?}"))
        .collect();
    alerts.sort();
    push("recorded alerts".into(), format!("{alerts:?}"));
    push("pair facts".into(), format!("{:?}", store.pair_facts()));
    push(
        "pair fact names".into(),
        format!("{:?}", store.pair_fact_names()),
    );
    out
}

fn find<'a>(dump: &'a [String], prefix: &str) -> &'a str {
    dump.iter()
        .find(|l| l.starts_with(prefix))
        .map_or("", String::as_str)
}

#[test]
fn view_answers_are_the_same_on_both_stores() {
    let mut dumps = Vec::new();
    for (name, mut store) in stores("views_same") {
        for ex in corpus() {
            assert!(
                matches!(store.insert(&ex).unwrap(), InsertOutcome::Stored { .. }),
                "{name}"
            );
        }
        // A duplicate adds nothing to any view.
        let again = corpus().remove(0);
        assert!(matches!(
            store.insert(&again).unwrap(),
            InsertOutcome::Duplicate { .. }
        ));
        let d = dump(&store);
        // Rebuilding the alert facts from the stored events gives the kept ones back.
        let before = store.pair_facts().unwrap();
        assert_eq!(store.rebuild_pair_facts().unwrap(), 4, "{name}");
        assert_eq!(store.pair_facts().unwrap(), before, "{name}");
        dumps.push((name, d));
    }
    assert_eq!(dumps.len(), 1 + usize::from(pg_url().is_some()));
    let (_, sqlite) = &dumps[0];
    // What the views say (so that equal answers are not equal nothing).
    assert!(
        find(sqlite, "edges : ").contains(r#"actor: "BLR", recipient: "AZE", relation: "arms_transfer", events: 3, pairs: 3, first_key: "a0000000000000d2 000002 000001""#),
        "{}",
        find(sqlite, "edges : ")
    );
    assert!(find(sqlite, "lines AZE supplier 100:").contains("\"BLR\""));
    assert!(find(sqlite, "lines ARM supplier 100:").contains("\"RUS\""));
    assert!(find(sqlite, "lines ARM conflict 100:").contains("\"AZE\""));
    assert!(find(sqlite, "members CSTO:").contains("\"ARM\""));
    assert!(find(sqlite, "affiliations BLR:").contains("CSTO"));
    assert!(find(sqlite, "roles person:ilham-aliyev:").contains("President"));
    assert!(find(sqlite, "quotes about AZE 100:").contains("c0000000000000d1:q1"));
    assert!(find(sqlite, "recorded alerts:").contains("alert 1 of c0000000000000d1"));
    assert!(find(sqlite, "pair facts:").contains("facts: 3, documents: 3"));
    assert!(find(sqlite, "first tie  BLR CSTO:").contains("Some(Affiliation"));
    assert!(
        find(sqlite, "timeline total AZE:").contains("Ok(11)"),
        "{}",
        find(sqlite, "timeline total AZE:")
    );
    for (name, d) in &dumps[1..] {
        assert_eq!(d.len(), sqlite.len(), "{name}");
        for (a, b) in sqlite.iter().zip(d) {
            assert_eq!(a, b, "sqlite vs {name}");
        }
    }
}

/// A copy of the transfer document under a new id (and text), for writers racing.
fn copy(n: usize, writer: usize) -> Extraction {
    let id = format!("{writer:x}{n:015x}");
    let mut ex = document(
        &id,
        "2022-05-01",
        &["AZE", "BLR", "ARM", "CSTO", "person:ilham-aliyev"],
        vec![
            event(&id, 1, EventType::Aid, &["BLR"], &["AZE"], Some("2022-03")),
            event(
                &id,
                2,
                EventType::Assault,
                &["AZE"],
                &["ARM"],
                Some("2022-09-13"),
            ),
        ],
        &[("ARM", "CSTO"), ("BLR", "CSTO")],
        1,
    );
    // Names differ per document, so which document's name a summary row keeps is checked.
    ex.events[0].actors[0].name = format!("Belarus {id}");
    ex
}

#[test]
fn concurrent_writers_keep_exact_totals_on_postgres() {
    let Some(base) = pg_url() else {
        return;
    };
    const WRITERS: usize = 2;
    const EACH: usize = 30;
    let url = armsgraph_store::pg::fresh_schema_url(&base, "views_race").unwrap();
    drop(Store::open(Path::new(&url)).unwrap());
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(Path::new(&url)).unwrap();
                // Interleaved ids: each writer's documents sort between the other's.
                for n in 0..EACH {
                    let ex = copy(n, w + 1);
                    assert!(matches!(
                        store.insert(&ex).unwrap(),
                        InsertOutcome::Stored { .. }
                    ));
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let pg = Store::open(Path::new(&url)).unwrap();
    let total = (WRITERS * EACH) as i64;
    let edge = pg
        .graph_edges("")
        .unwrap()
        .into_iter()
        .find(|e| e.actor == "BLR" && e.relation == "arms_transfer")
        .unwrap();
    assert_eq!((edge.events, edge.pairs), (total as usize, total as usize));
    // The first document by id gives the names, whoever stored it last.
    assert_eq!(edge.first_key, "1000000000000000 000000 000001");
    assert_eq!(edge.actor_name, "Belarus 1000000000000000");
    let facts = pg.pair_facts().unwrap();
    let transfer = facts
        .iter()
        .find(|g| g.shape.a == "BLR")
        .expect("transfer facts");
    assert_eq!(
        (transfer.facts, transfer.documents, transfer.links.len()),
        (total as usize, total as usize, 20)
    );
    assert_eq!(transfer.first_key(), "1000000000000000 000000 000001");
    assert_eq!(pg.entity_counts("AZE").unwrap(), (total, total));
    assert_eq!(pg.entity_members("CSTO").unwrap().len(), 2);
    let (_, lines) = pg.profile_lines("AZE", "supplier", 1).unwrap();
    assert_eq!(lines, WRITERS * EACH);
    // And every view answers exactly as one SQLite writer storing the same documents.
    let mut sqlite = Store::open_in_memory().unwrap();
    for w in 0..WRITERS {
        for n in 0..EACH {
            sqlite.insert(&copy(n, w + 1)).unwrap();
        }
    }
    let (a, b) = (dump(&sqlite), dump(&pg));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "sqlite vs postgres after concurrent inserts");
    }
}

#[test]
fn a_postgres_database_made_before_the_view_tables_is_filled_on_open() {
    let Some(base) = pg_url() else {
        return;
    };
    let url = armsgraph_store::pg::fresh_schema_url(&base, "views_backfill").unwrap();
    let before = {
        let mut store = Store::open(Path::new(&url)).unwrap();
        for ex in corpus() {
            store.insert(&ex).unwrap();
        }
        dump(&store)
    };
    // What a database of the first PostgreSQL port holds: documents without these tables.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .batch_execute(
            "DROP TABLE actors, actor_roles, actor_affiliations, document_alerts, entity_lines,
                 edge_events, entity_edges, entity_role_firsts, entity_affiliation_set,
                 affiliation_members, pair_facts, pair_fact_names",
        )
        .unwrap();
    drop(client);
    let store = Store::open(Path::new(&url)).unwrap();
    let after = dump(&store);
    assert!(find(&after, "edges : ").contains("arms_transfer"));
    assert_eq!(before.len(), after.len());
    for (x, y) in before.iter().zip(&after) {
        assert_eq!(x, y, "before vs after the back-fill");
    }
    // Opening again finds the tables and writes nothing.
    drop(store);
    let again = Store::open(Path::new(&url)).unwrap();
    assert_eq!(dump(&again), after);
}
