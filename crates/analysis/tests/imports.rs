//! Importers for files users bring: ATOP member-level CSV and alliance tables in the
//! hand-compiled source layout.

mod common;

use armsgraph_analysis::refs;
use armsgraph_kb::reference::{Obligation, ReferenceData};
use armsgraph_kb::DataFiles;

/// Three members of ATOP alliance 4220 (the Collective Security Treaty) in the member-level
/// layout, restating the dates ATOP v4.01 records; only the columns the importer reads.
const ATOP: &str =
    "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,defense,offense,neutral,nonagg,consul
4220,365,1992,5,15,0,0,0,1,0,0,1,1
4220,371,1992,5,15,0,0,0,1,0,0,1,1
4220,370,1994,1,3,0,0,0,1,0,0,1,1
4220,373,1993,9,24,1999,4,20,1,0,0,1,1
";

#[test]
fn atop_members_become_an_organisation_with_spells() {
    let cow = refs::gw_iso3(&DataFiles::Embedded).unwrap();
    let facts = refs::parse_atop_members(ATOP, &cow).unwrap();
    assert_eq!(facts.organisations.len(), 1);
    let org = &facts.organisations[0];
    assert_eq!(org.id, "atop:4220");
    assert_eq!(
        org.obligations,
        vec![
            Obligation::Defence,
            Obligation::NonAggression,
            Obligation::Consultation
        ]
    );
    let members: Vec<(&str, Option<&str>, Option<&str>)> = facts
        .memberships
        .iter()
        .map(|m| (m.member.as_str(), m.joined.as_deref(), m.left.as_deref()))
        .collect();
    assert_eq!(
        members,
        vec![
            ("RUS", Some("1992-05-15"), None),
            ("ARM", Some("1992-05-15"), None),
            ("BLR", Some("1994-01-03"), None),
            ("AZE", Some("1993-09-24"), Some("1999-04-20")),
        ]
    );
    let allies = facts.defence_allies("ARM", "2022");
    assert!(allies
        .iter()
        .any(|a| a.ally == "BLR" && a.via == "atop:4220"));
    assert!(allies.iter().all(|a| a.ally != "AZE"));
    assert_eq!(
        facts.memberships[2].provenance.source(),
        "reference:atop:4220/BLR/1994-01-03/1"
    );
    let mut store = common::store("imports_atop");
    assert_eq!(refs::import(&mut store, &facts).unwrap().inserted, 5);
    assert_eq!(refs::import(&mut store, &facts).unwrap().inserted, 0);
}

#[test]
fn alliance_tables_in_the_source_layout_match_the_shipped_rows() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("organisations.tsv"),
        "org\tname_en\tobligation\tother_names\tbasis\nCSTO\tCollective Security Treaty Organization\tdefence\t\tArt. 4\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("memberships.tsv"),
        "org\tmember_iso3\tjoined\tleft\tnote\nCSTO\tBLR\t1993-12-31\t\tsigned\nCSTO\tARM\t1992-05-15\t\t\n",
    )
    .unwrap();
    let facts = refs::read_alliance_dir(dir.path()).unwrap();
    assert_eq!(facts.memberships.len(), 2);
    // Same dataset and row keys as the shipped copy: importing both stores each fact once.
    let shipped = ReferenceData::load(&DataFiles::Embedded).unwrap();
    for m in &facts.memberships {
        assert!(
            shipped
                .memberships
                .iter()
                .any(|s| s.provenance == m.provenance),
            "{:?}",
            m.provenance
        );
    }
    let mut store = common::store("imports_alliances");
    refs::import_defaults(&mut store, &DataFiles::Embedded).unwrap();
    let counts = refs::import(&mut store, &facts).unwrap();
    assert_eq!(counts.inserted, 0);
}
