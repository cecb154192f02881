//! The seed article with hand-built NLP fields: the German rules must produce every event,
//! quote and inference EXPECTED.md asks of the event stage.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;

const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");

fn seed() -> Extraction {
    // The body as the extract stage leaves it: no title line, no boilerplate.
    let body: Vec<&str> = SEED
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let text = body[1..body.len() - 2].join("\n\n");
    use EntityKind::*;
    let mentions = [
        m("aserbaidschanische", "AZE", State),
        m("aserbaidschanischen", "AZE", State),
        m("Aserbaidschans", "AZE", State),
        m("Aserbaidschan", "AZE", State),
        m("belarussische", "BLR", State),
        m("belarussischer", "BLR", State),
        m("armenischen", "ARM", State),
        m("armenische", "ARM", State),
        m("Armeniens", "ARM", State),
        m("Republik Armenien", "ARM", State),
        m("Armenien", "ARM", State),
        m("OVKS", "CSTO", Organisation),
        coref("dem Block", "CSTO", Organisation),
        coref("der Block", "CSTO", Organisation),
        coref("er lediglich", "CSTO", Organisation),
        m("US", "USA", State),
        m("EU", "EU", Organisation),
        m("Berg-Karabach", "place:nagorno-karabakh", Place),
        m("Eriwan", "place:yerevan", Place),
        m("Paschinjan", "person:nikol-pashinyan", Person),
        m("Eduard Arakelyan", "person:eduard-arakelyan", Person),
        m("POLITICO", "POLITICO", Organisation),
        m("Sowjetunion", "SUN", State),
        group("den beiden Seiten", &["AZE", "ARM"]),
        group("den beiden ehemaligen Sowjetrepubliken", &["ARM", "AZE"]),
    ];
    let times = [
        T {
            surface: "In den letzten Jahren",
            start: "2019-01-01",
            end: "2024-05-15",
            kind: TimeKind::Relative,
        },
        t("im Jahr 2020", "2020-01-01", "2020-12-31"),
        T {
            surface: "im vergangenen September",
            start: "2023-09-01",
            end: "2023-09-30",
            kind: TimeKind::Relative,
        },
        t("Im September 2022", "2022-09-01", "2022-09-30"),
        T {
            surface: "damals",
            start: "2022-09-01",
            end: "2022-09-30",
            kind: TimeKind::BackReference,
        },
    ];
    let mut ex = extraction(
        "000_79a71588b356f729",
        "de",
        Some("Der geheime Waffendeal, der Putin einen Verbündeten kostete"),
        &text,
        &mentions,
        &times,
    );
    // `er lediglich` stands for the pronoun only.
    for mm in ex
        .entities
        .iter_mut()
        .filter(|mm| mm.text == "er lediglich")
    {
        mm.span.end = mm.span.start + 2;
        mm.text = "er".into();
    }
    ex.actors.push(EntityRecord {
        id: "person:nikol-pashinyan".into(),
        kind: Person,
        affiliations: vec!["ARM".into()],
        ..Default::default()
    });
    ex
}

fn reader() -> EventReader {
    EventReader::load(&DataFiles::Embedded).expect("rules load")
}

fn ids(ps: &[Participant]) -> Vec<&str> {
    let mut v: Vec<&str> = ps.iter().map(|p| p.entity.as_str()).collect();
    v.sort();
    v
}

fn find<'a>(ex: &'a Extraction, t: EventType, trigger: &str) -> &'a Event {
    ex.events
        .iter()
        .find(|e| {
            e.event_type == t
                && e.evidence.iter().any(|ev| {
                    ex.document
                        .text
                        .chars()
                        .skip(ev.trigger.start)
                        .take(ev.trigger.len())
                        .collect::<String>()
                        == trigger
                })
        })
        .unwrap_or_else(|| {
            panic!(
                "no {t:?} event at `{trigger}`; events: {:#?}",
                ex.events.iter().map(|e| &e.summary).collect::<Vec<_>>()
            )
        })
}

#[test]
fn seed_events_match_expected() {
    let mut ex = seed();
    reader().annotate(&mut ex);
    for e in &ex.events {
        let tr: String = ex
            .document
            .text
            .chars()
            .skip(e.evidence[0].trigger.start)
            .take(e.evidence[0].trigger.len())
            .collect();
        eprintln!(
            "{} {} `{tr}` {:?} {}",
            e.id, e.evidence[0].rule, e.factuality, e.summary
        );
    }
    let nc = find(&ex, EventType::NoComment, "reagierten");
    assert_eq!(ids(&nc.actors), ["AZE", "BLR"]);

    let fights = find(&ex, EventType::Assault, "Kämpfen");
    // AZE vs ARM, coded as a dyad (first side → the other; stop 40).
    assert_eq!(ids(&fights.actors), ["AZE"]);
    assert_eq!(ids(&fights.recipients), ["ARM"]);
    assert_eq!(
        fights.time.as_ref().map(|t| t.text.as_str()),
        Some("In den letzten Jahren")
    );
    assert!(fights.mode.is_some());

    let war = find(&ex, EventType::Assault, "Krieg");
    assert_eq!(ids(&war.actors), ["AZE"]);
    assert_eq!(ids(&war.recipients), ["ARM"]);
    assert_eq!(ids(&war.locations), ["place:nagorno-karabakh"]);
    assert_eq!(
        war.time.as_ref().and_then(|t| t.start.as_deref()),
        Some("2020-01-01")
    );

    let offensive = find(&ex, EventType::Assault, "Offensive");
    assert_eq!(ids(&offensive.actors), ["AZE"]);
    assert_eq!(ids(&offensive.locations), ["place:nagorno-karabakh"]);
    assert_eq!(
        offensive.time.as_ref().and_then(|t| t.start.as_deref()),
        Some("2023-09-01")
    );
    assert!(offensive
        .outcome
        .as_deref()
        .unwrap_or("")
        .contains("Unabhängigkeit"));
    let exodus = find(&ex, EventType::Displacement, "Massenexodus");
    assert_eq!(exodus.displaced, Some(100_000));

    let incursion = find(&ex, EventType::Assault, "drangen");
    assert_eq!(ids(&incursion.actors), ["AZE"]);
    assert_eq!(ids(&incursion.recipients), ["ARM"]);
    let seize = find(&ex, EventType::Coerce, "eroberten");
    assert_eq!(seize.mode.as_deref(), Some("seize"));
    assert_eq!(ids(&seize.actors), ["AZE"]);

    let request = find(&ex, EventType::Request, "bat");
    assert_eq!(ids(&request.actors), ["ARM"]);
    assert_eq!(ids(&request.recipients), ["CSTO"]);
    assert_eq!(
        request.time.as_ref().map(|t| t.text.as_str()),
        Some("damals")
    );
    let accuse = find(&ex, EventType::Accuse, "warf");
    assert_eq!(ids(&accuse.actors), ["ARM"]);
    assert_eq!(ids(&accuse.recipients), ["CSTO"]);
    let offer = find(&ex, EventType::Agree, "angeboten");
    assert_eq!(offer.mode.as_deref(), Some("offer"));
    assert_eq!(ids(&offer.actors), ["CSTO"]);
    assert_eq!(ids(&offer.recipients), ["ARM"]);

    let agree = find(&ex, EventType::Agree, "Vereinbarung");
    assert!(ids(&agree.actors).contains(&"ARM"));
    assert_eq!(ids(&agree.recipients), ["EU"]);
    let coop = find(&ex, EventType::Cooperate, "eingeladen");
    assert!(ids(&coop.actors).contains(&"ARM"));
    assert_eq!(ids(&coop.recipients), ["USA"]);
    let econ = find(&ex, EventType::Cooperate, "Wiederherstellung");
    assert_eq!(ids(&econ.actors), ["BLR"]);
    assert_eq!(ids(&econ.recipients), ["AZE"]);

    // The arms transfer: claimed by Arakelyan, supplier inferred.
    let aid = find(&ex, EventType::Aid, "geliefert");
    assert_eq!(aid.factuality, Factuality::Claimed);
    assert_eq!(aid.context, ["military"]);
    let arms = aid.arms.as_ref().expect("arms");
    assert!(arms.weapons.iter().any(|w| w.text == "Ausrüstung"));
    assert!(arms.status.contains(&TransferStatus::Secret), "{arms:?}");
    assert!(
        arms.cited_documents
            .iter()
            .any(|d| d.contains("durchgesickerten Dokumenten")),
        "{arms:?}"
    );
    assert!(!arms.used_in.is_empty(), "{arms:?}");
    assert_eq!(ids(&aid.recipients), ["AZE"]);
    let inf = aid
        .inferences
        .iter()
        .find(|i| i.role == "actor")
        .expect("actor inference");
    eprintln!("{inf:#?}");
    assert_eq!(inf.chosen.as_deref(), Some("BLR"));
    let cands: Vec<&str> = inf.candidates.iter().map(|c| c.entity.as_str()).collect();
    assert!(
        cands.contains(&"BLR") && cands.contains(&"RUS"),
        "{cands:?}"
    );
    assert_eq!(aid.actors[0].how, "inferred");
}

#[test]
fn seed_quotes_match_expected() {
    let mut ex = seed();
    reader().annotate(&mut ex);
    for q in &ex.quotes {
        eprintln!(
            "{} {:?} {:?} {:?} | {}",
            q.id,
            q.kind,
            q.cue_text,
            q.speaker.as_ref().map(|s| (&s.name, &s.kind)),
            q.message_text
        );
    }
    let direct: Vec<&Quote> = ex
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect();
    let arakelyan: Vec<&&Quote> = direct
        .iter()
        .filter(|q| {
            q.speaker.as_ref().and_then(|s| s.entity.as_deref()) == Some("person:eduard-arakelyan")
        })
        .collect();
    assert_eq!(arakelyan.len(), 2);
    assert!(arakelyan[0].message_text.starts_with("Diese Ausrüstung"));
    assert!(arakelyan[1].message_text.ends_with("eher unterstützt."));
    let note = direct
        .iter()
        .find(|q| q.message_text.starts_with("bei der Wiederherstellung"))
        .expect("note quote");
    let sp = note.speaker.as_ref().expect("speaker");
    assert_eq!(sp.kind, "document");
    assert_eq!(sp.name, "diplomatic note");
    assert!(!ex
        .quotes
        .iter()
        .any(|q| q.message_text.starts_with("Mit Freunden")));
    assert!(ex.warnings.iter().any(|w| w.code == "unbalanced_quote"));
    // The claimed transfer is listed by its quote.
    let aid = ex
        .events
        .iter()
        .find(|e| e.event_type == EventType::Aid && e.arms.is_some())
        .expect("aid");
    let q = ex
        .quotes
        .iter()
        .find(|q| Some(&q.id) == aid.quote.as_ref())
        .expect("quote of aid");
    assert!(q.events.contains(&aid.id));
}

/// The whole reading of the seed as one line per event and quote, so a rule change shows up as
/// a diff. Refresh with `UPDATE_EXPECT=1 cargo test -p armsgraph-events --test seed_rules`.
#[test]
fn seed_snapshot() {
    let mut ex = seed();
    reader().annotate(&mut ex);
    let mut out = String::new();
    for e in &ex.events {
        out.push_str(&format!(
            "{} {} {:?} {}\n",
            e.id.rsplit(':').next().unwrap_or(""),
            e.evidence[0].rule,
            e.factuality,
            e.summary
        ));
    }
    for q in &ex.quotes {
        let sp = q
            .speaker
            .as_ref()
            .map(|s| format!("{} ({})", s.name, s.kind))
            .unwrap_or_default();
        out.push_str(&format!(
            "{} {:?} {} | {} | {:.40}\n",
            q.id.rsplit(':').next().unwrap_or(""),
            q.kind,
            q.cue_text.as_deref().unwrap_or("-"),
            sp,
            q.message_text
        ));
    }
    // e5 (`beendete` as ending a ceasefire's object) is an artefact of this fixture, which has
    // no morphology: the real pipeline (`crates/cli/tests/extract_seed.rs`) tags `Offensive`
    // nominative, the subject, and `object_any_of` no longer counts a subject (stop 31).
    expect_test::expect![[r#"
        e1 de.no_comment.reagieren Asserted Azerbaijan, Belarus: no comment “reagierten”
        e2 de.assault.kampf Asserted Azerbaijan → Armenia: assault (heavy-weapons) “Kämpfen” [In den letzten Jahren]
        e3 de.assault.kampf Asserted Azerbaijan → Armenia: assault “Krieg” [im Jahr 2020]
        e4 de.assault.offensive Asserted Azerbaijan: assault “Offensive” [im vergangenen September]
        e5 de.vocab.retreat.ceasefire Asserted Azerbaijan: retreat (ceasefire) “beendete” [im vergangenen September]
        e6 de.displacement.flucht Asserted Azerbaijan: displacement “Massenexodus” — 100000 displaced [im vergangenen September]
        e7 de.cooperate.wirtschaft Claimed Belarus → Azerbaijan: cooperate “Wiederherstellung”
        e8 de.assault.eindringen Asserted Azerbaijan → Armenia: assault (incursion) “drangen” [Im September 2022]
        e9 de.coerce.erobern Asserted Azerbaijan → Armenia: coerce (seize) “eroberten” [Im September 2022]
        e10 de.request.bitten Asserted Armenia → CSTO: request (assist) “bat” [damals]
        e11 de.accuse.vorwerfen Asserted Armenia → CSTO: accuse (allege) “warf” [damals]
        e12 de.agree.anbieten Asserted CSTO → Armenia: agree (offer) “angeboten” [damals]
        e13 de.agree.vereinbarung_noun Asserted Armenia, Nikol Pashinyan → European Union: agree “Vereinbarung”
        e14 de.cooperate.einladen Asserted Armenia, Nikol Pashinyan → United States: cooperate “eingeladen”
        e15 de.assault.kampf Claimed Azerbaijan → Armenia: assault “Kriegen”
        e16 de.assault.einsetzen Claimed Azerbaijan → Armenia: assault “eingesetzt”
        e17 de.aid.liefern Claimed Belarus → Azerbaijan: arms transfer (Ausrüstung)
        e18 de.support.unterstuetzen Claimed CSTO → Azerbaijan: support “unterstützt”
        q1 Indirect heißt es | diplomatic note (document) | belarussische Unternehmen spielten eine 
        q2 Direct heißt es | diplomatic note (document) | bei der Wiederherstellung der befreiten 
        q3 Indirect bestätigte | person:eduard-arakelyan (person) | dass es sich bei den durchgesickerten Do
        q4 Direct sagte | person:eduard-arakelyan (person) | Diese Ausrüstung wurde mit verheerender 
        q5 Direct sagte | person:eduard-arakelyan (person) | Formal gesehen ist dies ein völliger Bru
    "#]].assert_eq(&out);
}
