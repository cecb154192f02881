//! Alliance-contradiction alerts from hand-built extractions, the shipped reference data and
//! a SIPRI-layout register fixture.

mod common;

use armsgraph_analysis::alerts::{alliance_contradictions, names_from, AlertOptions};
use armsgraph_analysis::{alerts_for_extraction, refs, render_alert_text, store_alerts};
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::DataFiles;
use armsgraph_model::Alert;

const DOC: &str = "0123456789abcdef";
const URL: &str = "https://example.org/secret-arms-deal";

fn defaults() -> ReferenceData {
    ReferenceData::load(&DataFiles::Embedded).expect("embedded reference data")
}

fn find<'a>(alerts: &'a [Alert], id: &str) -> &'a Alert {
    alerts.iter().find(|a| a.id == id).unwrap_or_else(|| {
        panic!(
            "no alert {id} in {:#?}",
            alerts.iter().map(|a| &a.id).collect::<Vec<_>>()
        )
    })
}

fn sources(alert: &Alert, kind: &str) -> Vec<String> {
    alert
        .chain
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| l.source.clone())
        .collect()
}

const BLR_AZE_ARM: &str = "alliance_contradiction:BLR:AZE:ARM:CSTO";

#[test]
fn one_document_raises_the_csto_alert_with_its_full_chain() {
    let ex = common::article(DOC, URL);
    let alerts = alerts_for_extraction(&ex, &defaults());
    let alert = find(&alerts, BLR_AZE_ARM);
    assert_eq!(
        (
            alert.supplier.as_str(),
            alert.recipient.as_str(),
            alert.target.as_str(),
            alert.alliance.as_str()
        ),
        ("BLR", "AZE", "ARM", "CSTO")
    );
    assert_eq!(
        sources(alert, "membership"),
        vec![
            "reference:alliance-memberships:CSTO/BLR/1993-12-31",
            "reference:alliance-memberships:CSTO/ARM/1992-05-15"
        ]
    );
    // The transfer, with its document, span and the inference that named the supplier.
    let transfer = alert
        .chain
        .iter()
        .find(|l| l.kind == "transfer")
        .expect("transfer link");
    assert_eq!(transfer.source, format!("document:{DOC}"));
    assert_eq!(transfer.event.as_deref(), Some("0123456789abcdef:e1"));
    let ev = transfer.evidence.as_ref().expect("transfer evidence");
    assert_eq!(&common::TEXT[ev.sentence.start..ev.sentence.end], ev.text);
    assert!(ev.text.contains("delivered to Azerbaijan"), "{}", ev.text);
    assert_eq!(ev.url.as_deref(), Some(URL));
    assert!(
        transfer.statement.contains("supplier BLR inferred"),
        "{}",
        transfer.statement
    );
    // The fight from the document and from UCDP (Armenia as a secondary party in 2022).
    let fights = sources(alert, "conflict");
    assert!(fights.contains(&format!("document:{DOC}")), "{fights:?}");
    assert!(
        fights.contains(&"reference:ucdp-acd-25.1:388/2022/AZE-ARM".to_string()),
        "{fights:?}"
    );
    let doc_fight = alert
        .chain
        .iter()
        .find(|l| l.kind == "conflict" && l.evidence.is_some())
        .unwrap();
    assert!(doc_fight
        .evidence
        .as_ref()
        .unwrap()
        .text
        .contains("attacked Armenia"));
    assert!(
        alert.confidence > 0.3 && alert.confidence < 1.0,
        "{}",
        alert.confidence
    );
    // Russia was a candidate but not chosen: no alert names it as supplier.
    assert!(alerts.iter().all(|a| a.supplier != "RUS"), "{alerts:#?}");
    // Exactly one alert per (S, R, T, alliance).
    assert_eq!(alerts.iter().filter(|a| a.id == BLR_AZE_ARM).count(), 1);
    let text = render_alert_text(alert);
    assert!(
        text.contains("Belarus armed Azerbaijan, which fought Armenia"),
        "{text}"
    );
    assert!(
        text.contains("reference:alliance-memberships:CSTO/BLR/1993-12-31"),
        "{text}"
    );
}

#[test]
fn no_alert_when_the_treaty_did_not_bind_at_the_time() {
    // Move the fight to 1992: Belarus was not yet in the Collective Security Treaty.
    let mut ex = common::article(DOC, URL);
    let fight = ex.events[1].time.as_mut().expect("dated fight");
    fight.start = Some("1992-03-01".into());
    fight.end = Some("1992-03-31".into());
    let only_document = ReferenceData {
        conflicts: Vec::new(),
        ..defaults()
    };
    let alerts = alerts_for_extraction(&ex, &only_document);
    assert!(alerts.iter().all(|a| a.id != BLR_AZE_ARM), "{alerts:#?}");
}

#[test]
fn denied_transfers_raise_nothing() {
    let mut ex = common::article(DOC, URL);
    ex.events[0].factuality = armsgraph_model::Factuality::Denied;
    assert!(alerts_for_extraction(&ex, &defaults()).is_empty());
}

#[test]
fn the_store_joins_documents_with_imported_reference_data() {
    let mut store = common::store("alerts_join");
    store.insert(&common::article(DOC, URL)).unwrap();
    let first = refs::import_defaults(&mut store, &DataFiles::Embedded).unwrap();
    assert!(first.inserted > 800, "{first:?}");
    let again = refs::import_defaults(&mut store, &DataFiles::Embedded).unwrap();
    assert_eq!(again.inserted, 0);
    assert_eq!(again.unchanged, first.inserted);
    let (refs, used_defaults) = refs::load_reference(&store, &DataFiles::Embedded).unwrap();
    assert!(!used_defaults);
    assert_eq!(refs, defaults());
    let alerts = store_alerts(&store, &refs, &AlertOptions::default()).unwrap();
    let alert = find(&alerts, BLR_AZE_ARM);
    assert!(alert
        .chain
        .iter()
        .any(|l| l.source == format!("document:{DOC}") && l.kind == "transfer"));
}

#[test]
fn register_rows_and_conflict_data_alone_raise_the_alert() {
    let text = include_str!("fixtures/sipri-trade-register-sample.csv");
    let names = refs::StateNames::load(&DataFiles::Embedded, None).unwrap();
    let transfers = refs::parse_sipri(text, &names).unwrap();
    assert_eq!(transfers.len(), 3);
    let polonez = &transfers[0];
    assert_eq!(
        (polonez.supplier.as_str(), polonez.recipient.as_str()),
        ("BLR", "AZE")
    );
    assert_eq!(polonez.designation, "Polonez");
    assert_eq!(
        (polonez.order_year, polonez.ordered, polonez.delivered),
        (Some(2017), Some(6), Some(6))
    );
    assert_eq!(polonez.delivery_years, vec![2018]);
    assert_eq!(polonez.tiv_delivered, Some(7.2));
    assert_eq!(
        polonez.provenance.source(),
        "reference:sipri-trade-register:BLR/AZE/Polonez/2017/1"
    );
    assert!(transfers[1].comments.contains("with a comma"));
    let buk = &transfers[2];
    assert!(buk.order_year_uncertain);
    assert_eq!(buk.ordered, None);
    assert_eq!(buk.delivery_years, vec![2013, 2014]);

    let mut refs = defaults();
    refs.transfers = transfers;
    let alerts = alliance_contradictions(
        &[],
        &refs,
        &names_from(&[], &refs),
        &AlertOptions::default(),
    );
    let alert = find(&alerts, BLR_AZE_ARM);
    let t = sources(alert, "transfer");
    assert!(
        t.contains(&"reference:sipri-trade-register:BLR/AZE/Polonez/2017/1".to_string()),
        "{t:?}"
    );
    let fights = sources(alert, "conflict");
    assert!(!fights.is_empty() && fights.len() <= 5, "{fights:?}");
    assert!(
        fights
            .iter()
            .all(|f| f.starts_with("reference:ucdp-acd-25.1:388/")),
        "{fights:?}"
    );
    // Polonez delivered 2018, used in the 2020 war: inside the three-year window.
    let polonez_only = ReferenceData {
        transfers: refs.transfers[..1].to_vec(),
        ..defaults()
    };
    let alerts = alliance_contradictions(
        &[],
        &polonez_only,
        &names_from(&[], &refs),
        &AlertOptions::default(),
    );
    let fights = sources(find(&alerts, BLR_AZE_ARM), "conflict");
    assert!(
        fights.contains(&"reference:ucdp-acd-25.1:388/2020/AZE-ARM".to_string()),
        "{fights:?}"
    );
    assert!(
        !fights.iter().any(|f| f.contains("/2012/")),
        "outside the window: {fights:?}"
    );
    // Per-document alerts never rest on register rows alone.
    let opts = AlertOptions {
        require_document: true,
        ..AlertOptions::default()
    };
    assert!(alliance_contradictions(&[], &refs, &names_from(&[], &refs), &opts).is_empty());

    // Importing the register twice stores it once.
    let mut store = common::store("alerts_register");
    let facts = ReferenceData {
        transfers: refs.transfers.clone(),
        ..ReferenceData::default()
    };
    assert_eq!(refs::import(&mut store, &facts).unwrap().inserted, 3);
    assert_eq!(refs::import(&mut store, &facts).unwrap().inserted, 0);
}

#[test]
fn ucdp_rows_parse_into_dyads_with_secondary_parties() {
    let csv = "conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,side_b_2nd,incompatibility,territory_name,year,intensity_level,cumulative_intensity,type_of_conflict,start_date,start_prec,start_date2,start_prec2,ep_end,ep_end_date,ep_end_prec,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,gwno_loc,region,version\n\
388,Azerbaijan,Government of Azerbaijan,64,Government of Turkey,Republic of Artsakh,338,Government of Armenia,1,Artsakh (Nagorno-Karabakh),2020,2,1,4,1991-12-29,1,2020-07-16,1,0,,,373,640,,371,373,1,25.1\n";
    let gw = refs::gw_iso3(&DataFiles::Embedded).unwrap();
    let dyads = refs::parse_ucdp_acd(csv, &gw).unwrap();
    let rows: Vec<String> = dyads.iter().map(|d| d.provenance.source()).collect();
    assert_eq!(
        rows,
        vec![
            "reference:ucdp-acd-25.1:388/2020/AZE-ARM",
            "reference:ucdp-acd-25.1:388/2020/TUR-ARM"
        ]
    );
    // The same rows as the shipped file: importing the original adds nothing new.
    let shipped = defaults();
    for d in &dyads {
        assert!(shipped.conflicts.contains(d), "{d:?}");
    }
}

/// The whole alert as a reader sees it; refresh with `UPDATE_EXPECT=1 cargo test -p
/// armsgraph-analysis --test alerts` and review the diff.
#[test]
fn alert_text_snapshot() {
    let ex = common::article(DOC, URL);
    let alerts = alerts_for_extraction(&ex, &defaults());
    let text: String = alerts.iter().map(render_alert_text).collect();
    expect_test::expect_file!["snapshots/alerts_for_test_article.txt"].assert_eq(&text);
}
