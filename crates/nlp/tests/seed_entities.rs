//! The seed article (data/corpus/000_79a71588b356f729.txt): its mentions and actors as a
//! snapshot (refresh with `UPDATE_EXPECT=1 cargo test -p armsgraph-nlp --test seed_entities`)
//! plus the must-lines of /work/shared/seed/EXPECTED.md as plain assertions.
//!
//! The Document is built here (title = first line, text = the rest without the republisher's
//! trailer) so that this test exercises the nlp stage alone, independent of extract.

use std::fmt::Write;

use armsgraph_kb::DataFiles;
use armsgraph_model::{Document, EntityKind, Extraction, LinkMethod};
use armsgraph_nlp::Reader;

fn seed() -> Extraction {
    let raw = include_str!("../../../data/corpus/000_79a71588b356f729.txt");
    let (title, body) = raw.split_once('\n').unwrap_or(("", raw));
    let body = body.trim();
    let body = body.split("\n\n\nsource site").next().unwrap_or(body);
    Extraction {
        document: Document {
            title: Some(title.trim().to_string()),
            text: body.to_string(),
            language: Some("de".into()),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn read_seed() -> Extraction {
    let reader = Reader::load(&DataFiles::Embedded).expect("data loads");
    let mut ex = seed();
    reader.annotate(&mut ex);
    ex
}

#[test]
fn seed_mentions_and_actors_snapshot() {
    let ex = read_seed();
    let mut out = String::new();
    for m in &ex.entities {
        let _ = write!(
            out,
            "{}..{} {:?} → {} ({:?}, {:?}, {}, {:.2})",
            m.span.start, m.span.end, m.text, m.entity, m.kind, m.method, m.rule, m.confidence
        );
        if let Some(a) = m.antecedent {
            let _ = write!(out, " antecedent {}..{}", a.start, a.end);
        }
        if !m.members.is_empty() {
            let _ = write!(out, " members {:?}", m.members);
        }
        if !m.reason.is_empty() {
            let _ = write!(out, " — {}", m.reason);
        }
        out.push('\n');
    }
    out.push('\n');
    for a in &ex.actors {
        let _ = writeln!(
            out,
            "{} {:?} {:?} known={} mentions={} title={:?} affiliations={:?}",
            a.id, a.kind, a.name, a.known, a.mentions, a.title_mentions, a.affiliations
        );
        for r in &a.roles {
            let _ = writeln!(
                out,
                "    role {:?} en={:?} org={:?} place={:?} affiliation={:?} years={:?}",
                r.title, r.title_en, r.organisation, r.place, r.affiliation, r.years
            );
        }
    }
    expect_test::expect_file!["snapshots/seed_entities.txt"].assert_eq(&out);
}

#[test]
fn seed_must_lines_of_expected_md() {
    let ex = read_seed();
    let has = |surface: &str, entity: &str| {
        ex.entities
            .iter()
            .any(|m| m.text == surface && m.entity == entity)
    };
    for s in ["aserbaidschanische", "Aserbaidschans", "Aserbaidschan"] {
        assert!(has(s, "AZE"), "{s}");
    }
    for s in ["belarussische", "belarussischer"] {
        assert!(has(s, "BLR"), "{s}");
    }
    for s in ["armenischen", "Armenien", "Republik Armenien", "Armeniens"] {
        assert!(has(s, "ARM"), "{s}");
    }
    assert!(has("US-Truppen", "USA"));
    assert!(has("EU-Beobachtungsmission", "EU"));
    assert!(has("OVKS", "CSTO"));
    assert!(has("dem Block", "CSTO") && has("der Block", "CSTO"));
    assert!(has("Berg-Karabach", "place:nagorno-karabakh"));
    assert!(has("Eriwan", "place:yerevan"));
    assert!(has("Paschinjan", "person:nikol-pashinyan"));
    assert!(has("Sowjetunion", "SUN") && !has("Sowjetunion", "RUS"));
    let group = ex
        .entities
        .iter()
        .find(|m| m.kind == EntityKind::Group)
        .expect("a group");
    assert_eq!(group.members, ["AZE", "ARM"]);
    // `sagte er` → Arakelyan.
    let er = ex
        .entities
        .iter()
        .rfind(|m| m.text == "er")
        .expect("pronoun");
    assert_eq!(er.entity, "person:eduard-arakelyan");
    assert_eq!(er.method, LinkMethod::Coreference);

    let actor = |id: &str| {
        ex.actors
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // RUS via Putin (in the title, which is not part of the text).
    assert!(!actor("RUS").title_mentions.is_empty());
    assert_eq!(actor("person:vladimir-putin").affiliations, ["RUS"]);
    let pashinyan = actor("person:nikol-pashinyan");
    assert!(pashinyan
        .roles
        .iter()
        .any(|r| r.title == "Staatschef" && r.affiliation.as_deref() == Some("ARM")));
    let arakelyan = actor("person:eduard-arakelyan");
    assert!(!arakelyan.known);
    let role = arakelyan.roles.first().expect("a role");
    assert_eq!(role.title_en.as_deref(), Some("military analyst"));
    assert_eq!(
        role.organisation.as_deref(),
        Some("Regional Center for Democracy and Security")
    );
    assert_eq!(role.place.as_deref(), Some("Yerevan"));
}
