//! `cargo test -p armsgraph-eval --test actors_plover -- --ignored --nocapture`: the actor
//! score on the PLOVER records when /work/shared/data/plover-gsr (or ARMSGRAPH_PLOVER) exists.

use std::path::PathBuf;

use armsgraph_eval::actors;
use armsgraph_kb::DataFiles;
use armsgraph_nlp::Reader;

#[test]
#[ignore = "needs the PLOVER gold records on disk"]
fn plover_actor_score() {
    let dir = std::env::var_os("ARMSGRAPH_PLOVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data/plover-gsr"));
    let reader = Reader::load(&DataFiles::Embedded).unwrap();
    let report = actors::evaluate(&reader, &dir, None).unwrap();
    for r in report
        .results
        .iter()
        .filter(|r| r.gold != r.predicted)
        .take(60)
    {
        println!(
            "{}: gold {:?} predicted {:?} — {}",
            r.id, r.gold, r.predicted, r.text
        );
    }
    println!(
        "precision={:.3} recall={:.3} f1={:.3} records={}",
        report.precision(),
        report.recall(),
        report.f1(),
        report.records
    );
    assert!(report.records > 300);
}
