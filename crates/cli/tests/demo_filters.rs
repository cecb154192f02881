//! The event filters of `armsgraph events` against the demo database: time bounds overlap an
//! event's known dates, undated events only on request, names in any language where ids are
//! accepted, and clear errors for values that cannot be right. On the store of this run
//! (`common::fresh_db`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use common::{bin, fresh_db};

/// A new demo database (`armsgraph demo`) named `name` in `dir`.
fn make_demo(dir: &Path, name: &str) -> PathBuf {
    let db = fresh_db(dir, name);
    let out = bin()
        .current_dir(dir)
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
}

/// One demo database for every test of this file that only reads it.
fn demo_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("armsgraph-demo-filters-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        make_demo(&dir, "demo")
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

fn search(query: &str) -> serde_json::Value {
    let out = run(&["search", "--json", query]);
    assert!(
        out.status.success(),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn document_ids(results: &serde_json::Value) -> Vec<String> {
    results["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn search_finds_documents_by_the_entity_a_word_names_in_any_language() {
    // The German seed writes Belarus only as "Belarus" in two places and as adjectives
    // elsewhere; the word "Weißrussland" is nowhere in it. Both names find it, through BLR.
    let by_english = search("Belarus");
    assert!(
        by_english["named"][0]["id"] == "BLR",
        "Belarus names BLR: {by_english}"
    );
    let seed: Vec<String> = document_ids(&by_english);
    assert!(!seed.is_empty(), "{by_english}");
    for name in ["Weißrussland", "BLR"] {
        let other = search(name);
        assert_eq!(other["named"][0]["id"], "BLR", "{name}: {other}");
        for id in &seed {
            assert!(
                document_ids(&other).contains(id),
                "{name} finds {id}: {other}"
            );
        }
    }
    // A word that names nothing stays a word: no entity widening.
    let plain = search("Lieferungen");
    assert!(
        plain["named"].as_array().is_none_or(|a| a.is_empty()),
        "{plain}"
    );
}

#[test]
fn search_takes_prefixes_and_explains_syntax_mistakes() {
    // The seed writes "Artillerie": its prefix finds it, marked in the snippet.
    let prefix = search("Artill*");
    assert!(!document_ids(&prefix).is_empty(), "{prefix}");
    let snippet = prefix["documents"][0]["snippet"]
        .as_str()
        .unwrap_or_default();
    assert!(snippet.contains("[Artillerie"), "{snippet}");
    // Without the wildcard the fragment is a word of its own, found nowhere.
    assert!(document_ids(&search("Artill")).is_empty());
    // A phrase, alternatives, an exclusion.
    assert!(!document_ids(&search("\"Artillerie und Drohnen\"")).is_empty());
    assert!(document_ids(&search("\"Drohnen und Artillerie\"")).is_empty());
    assert!(!document_ids(&search("Nichtsdergleichen OR Artillerie")).is_empty());
    let all = document_ids(&search("Belarus"));
    let without = document_ids(&search("Belarus -Armenien"));
    assert_eq!(without, document_ids(&search("Belarus NOT Armenien")));
    assert!(
        without.len() < all.len() || all.is_empty(),
        "{without:?} {all:?}"
    );
    for (query, says) in [
        ("\"unclosed", "not closed"),
        ("*affen", "wildcard"),
        ("OR Belarus", "OR needs"),
        ("NOT Belarus", "only excluded"),
        ("(a OR b)", "parentheses"),
    ] {
        let out = run(&["search", query]);
        assert!(!out.status.success(), "{query} is refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{query}: {err}");
    }
}

#[test]
fn serve_takes_a_port() {
    let out = bin().args(["serve", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--port"), "{help}");
}

/// The README's "Reading the database" commands, as printed, against the demo database:
/// each runs, once bare and once with every optional flag it shows, and the bare form
/// prints something.
#[test]
fn readme_reading_examples_run_on_the_demo() {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("### Reading the database")
        .expect("README section");
    let block = &readme[start..];
    let block = &block[block.find("```sh").expect("code block") + 5..];
    let block = &block[..block.find("```").expect("block end")];
    // Join continued lines, drop comments.
    let joined = block.replace("\\\n", " ");
    let mut ran = 0;
    for line in joined.lines() {
        let line = line.split(" # ").next().unwrap_or("").trim();
        let Some(rest) = line.strip_prefix("armsgraph ") else {
            continue;
        };
        // Placeholders (QUERY, ID) are not commands as printed.
        if rest.split_whitespace().any(|w| {
            w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) && w != "AID" && w != "AZE"
        }) {
            continue;
        }
        let bare: String = {
            let mut out = String::new();
            let mut depth = 0;
            for c in rest.chars() {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ if depth == 0 => out.push(c),
                    _ => {}
                }
            }
            out
        };
        let full = rest.replace(['[', ']'], "");
        for (form, args) in [("bare", &bare), ("with options", &full)] {
            let args: Vec<&str> = args.split_whitespace().collect();
            let out = run(&args);
            assert!(
                out.status.success(),
                "README `armsgraph {rest}` ({form}) fails: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            if form == "bare" {
                assert!(
                    !out.stdout.is_empty(),
                    "README `armsgraph {rest}` prints nothing on the demo"
                );
            }
        }
        ran += 1;
    }
    assert!(ran >= 5, "only {ran} README commands found");
}

/// Every other README command a user can run as printed on this machine — no URL (there is
/// no internet here: `crates/cli/tests/fetch.rs` runs those against a local server), no file
/// the README asks the user to download, no long-running `serve`/`watch`/`bench`, no shared
/// evaluation data — runs on a copy of the demo database and prints or writes something.
#[test]
fn readme_commands_run_as_printed() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = include_str!("../../../README.md");
    let work = std::env::temp_dir().join(format!("armsgraph-readme-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("work dir");
    // The commands write (ingest, correct), so they get a demo database of their own: a copy
    // of the shared one on SQLite, a second demo on PostgreSQL (a schema is not a file).
    let db = if common::on_postgres() {
        make_demo(&work, "readme_copy")
    } else {
        let db = work.join("copy.db");
        std::fs::copy(demo_db(), &db).expect("copy of the demo database");
        db
    };
    let mut ran = Vec::new();
    let mut in_block = false;
    let mut in_fence = false;
    let mut heading = "";
    for line in readme.lines() {
        if !in_fence && line.starts_with('#') {
            heading = line;
        }
        if line.starts_with("```") {
            in_fence = !in_fence;
            // The team server's block needs PostgreSQL and runs as one script:
            // `tests/team_server.rs`.
            in_block =
                in_fence && line.starts_with("```sh") && !heading.starts_with("### Team server");
            continue;
        }
        let line = line.split(" # ").next().unwrap_or("").trim();
        if !in_block || line.ends_with('\\') {
            continue;
        }
        let Some(rest) = line.strip_prefix("armsgraph ") else {
            continue;
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        let skip = words.iter().any(|w| {
            w.contains("://")
                || w.contains('[')
                || ["<", ">", "|"].contains(w)
                || ["serve", "watch", "bench", "eval", "train"].contains(w)
                || (w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) && *w != "AZE")
        });
        if skip {
            continue;
        }
        // `--db PATH` as printed names the user's database: ours is the copy.
        let mut args: Vec<String> = Vec::new();
        let mut it = words.iter().peekable();
        let mut missing_file = false;
        while let Some(w) = it.next() {
            if *w == "--db" {
                it.next();
                continue;
            }
            let in_repo = repo.join(w);
            if w.contains('/') && !w.starts_with('-') {
                if in_repo.exists() {
                    args.push(in_repo.display().to_string());
                    continue;
                }
            } else if (w.ends_with(".csv") || w.ends_with(".txt")) && !in_repo.exists() {
                missing_file = true;
            }
            args.push(w.to_string());
        }
        if missing_file {
            continue;
        }
        let out = bin()
            .current_dir(&work)
            .arg("--db")
            .arg(&db)
            .args(&args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "README `armsgraph {rest}` fails: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let wrote = args
            .iter()
            .position(|a| a == "--out")
            .and_then(|i| args.get(i + 1))
            .is_some_and(|f| work.join(f).exists());
        assert!(
            !out.stdout.is_empty() || !out.stderr.is_empty() || wrote,
            "README `armsgraph {rest}` says nothing"
        );
        ran.push(rest.to_string());
    }
    assert!(
        ran.iter()
            .any(|r| r.starts_with("ingest samples/leaks/note.eml"))
            && ran.iter().any(|r| r.starts_with("import --defaults"))
            && ran.iter().any(|r| r.contains("export gexf --dynamic")),
        "README commands found: {ran:?}"
    );
    let _ = std::fs::remove_dir_all(&work);
}
