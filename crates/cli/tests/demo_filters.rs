//! The event filters of `armsgraph events` against the demo database: time bounds overlap an
//! event's known dates, undated events only on request, names in any language where ids are
//! accepted, and clear errors for values that cannot be right.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_armsgraph"));
    cmd.env_remove("ARMSGRAPH_DB").env_remove("ARMSGRAPH_DATA");
    cmd
}

/// One demo database for every test of this file.
fn demo_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("armsgraph-demo-filters-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db = dir.join("demo.db");
        let out = bin()
            .current_dir(&dir)
            .args(["demo", "--demo-db"])
            .arg(&db)
            .output()
            .expect("demo runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        db
    })
}

fn run(args: &[&str]) -> Output {
    bin()
        .arg("--db")
        .arg(demo_db())
        .args(args)
        .output()
        .expect("runs")
}

fn events(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["events", "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn bound(e: &serde_json::Value, key: &str) -> Option<String> {
    e["time"][key].as_str().map(str::to_string)
}

#[test]
fn time_bounds_overlap_known_dates_and_leave_out_undated_events() {
    let all = events(&[]);
    let dated = events(&["--from", "0001-01-01"]).len();
    let undated = all.len() - dated;
    assert!(undated > 0, "the demo has undated events");
    for (flag, date) in [("--from", "2030-01-01"), ("--to", "2010-01-01")] {
        let got = events(&[flag, date]);
        for e in &got {
            let (start, end) = (bound(e, "start"), bound(e, "end"));
            let (lo, hi) = (start.clone().or(end.clone()), end.or(start));
            match flag {
                "--from" => assert!(hi.as_deref() >= Some(date), "{e}"),
                _ => assert!(lo.as_deref().is_some_and(|d| d <= date), "{e}"),
            }
        }
        assert!(got.len() < dated, "{flag} {date} filters");
        // Merging may join an undated report to a dated one, so count loosely.
        let with_undated = events(&[flag, date, "--undated"]);
        assert!(with_undated.len() > got.len() && with_undated.len() + 2 >= got.len() + undated);
    }
}

#[test]
fn names_in_any_language_work_where_ids_do() {
    let by_id = events(&["--actor", "BLR", "--recipient", "AZE"]);
    assert!(!by_id.is_empty());
    assert_eq!(
        events(&["--actor", "Belarus", "--recipient", "Aserbaidschan"]).len(),
        by_id.len()
    );
    assert_eq!(
        events(&["--actor", "Belarus", "--recipient", "Azerbaijan"]).len(),
        by_id.len()
    );
}

#[test]
fn impossible_values_are_refused_with_the_valid_ones() {
    let out = run(&["events", "--type", "ARMS"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ASSAULT"));
    let out = run(&["events", "--from", "2024-13-45"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no month 13"));
    let out = run(&["alerts", "--min-confidence", "30"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 to 1"));
    let out = run(&["entity"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("name an entity"));
}
