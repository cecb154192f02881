//! `armsgraph export gexf` and its dynamic form on the demo database, as the README shows them:
//! the static file has no time, the dynamic one is `mode="dynamic"` with dates Gephi's
//! timeline reads, and `--dynamic` is refused with formats it does not apply to. On the
//! store of this run (`common::fresh_db`).

mod common;

use std::process::Output;

use common::{bin, fresh_db, run};

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn static_and_dynamic_gexf_from_the_demo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = fresh_db(dir.path(), "cli_gexf_demo");
    ok(&bin()
        .current_dir(dir.path())
        .args(["demo", "--demo-db"])
        .arg(&db)
        .output()
        .expect("demo runs"));

    let plain = dir.path().join("graph.gexf");
    let flag = dir.path().join("graph.dyn.gexf");
    let named = dir.path().join("named.gexf");
    ok(&run(
        &db,
        &["export", "gexf", "--out", &plain.to_string_lossy()],
    ));
    ok(&run(
        &db,
        &[
            "export",
            "gexf",
            "--dynamic",
            "--out",
            &flag.to_string_lossy(),
        ],
    ));
    ok(&run(
        &db,
        &["export", "gexf-dynamic", "--out", &named.to_string_lossy()],
    ));

    let plain = std::fs::read_to_string(&plain).expect("static file");
    assert!(plain.contains("mode=\"static\""));
    assert!(!plain.contains(" start=\""));

    let dynamic = std::fs::read_to_string(&flag).expect("dynamic file");
    assert_eq!(
        dynamic,
        std::fs::read_to_string(&named).expect("named file"),
        "--dynamic and gexf-dynamic write the same file"
    );
    assert!(dynamic.contains("mode=\"dynamic\" timeformat=\"date\""));
    // Azerbaijan's CSTO membership ends in 1999: its edge says so.
    let membership = dynamic
        .lines()
        .find(|l| l.contains("source=\"AZE\" target=\"CSTO\" label=\"membership\""))
        .expect("the AZE–CSTO membership edge");
    assert!(membership.contains(" end=\"1999-"), "{membership}");
    // The seed's conflict has dated reports and UCDP years: it has time.
    let conflict = dynamic
        .lines()
        .find(|l| l.contains("source=\"AZE\" target=\"ARM\" label=\"conflict\""))
        .expect("the AZE–ARM conflict edge");
    assert!(
        conflict.contains("<spells>") || conflict.contains(" start=\""),
        "{conflict}"
    );

    let wrong = run(
        &db,
        &[
            "export",
            "csv",
            "--dynamic",
            "--out",
            &dir.path().join("x").to_string_lossy(),
        ],
    );
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--dynamic applies to gexf only"));
}
