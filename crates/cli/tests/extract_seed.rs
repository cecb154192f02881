//! Snapshot of `armsgraph extract` on the seed article: a readable digest of the whole JSON
//! output, so a behaviour change shows up as a diff in review.
//! Refresh with `UPDATE_EXPECT=1 cargo test -p armsgraph --test extract_seed`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

fn span_text(text: &[char], span: &serde_json::Value) -> String {
    let s = span["start"].as_u64().unwrap_or(0) as usize;
    let e = span["end"].as_u64().unwrap_or(0) as usize;
    text.get(s..e.min(text.len()))
        .unwrap_or(&[])
        .iter()
        .collect()
}

fn digest(v: &serde_json::Value) -> String {
    let doc = &v["document"];
    let text: Vec<char> = doc["text"].as_str().unwrap_or("").chars().collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "title: {}\npublisher: {}\nlanguage: {}\nsyndication: {}",
        doc["title"], doc["publisher"], doc["language"], doc["syndication"]
    );
    for p in doc["paragraphs"].as_array().into_iter().flatten() {
        let t = span_text(&text, &p["span"]);
        let short: String = t.chars().take(40).collect();
        let _ = writeln!(out, "paragraph {} {:?}", p["kind"], short);
    }
    for m in v["entities"].as_array().into_iter().flatten() {
        // The surface must be exactly the text under the span.
        assert_eq!(m["text"].as_str().unwrap(), span_text(&text, &m["span"]));
        let _ = writeln!(
            out,
            "entity {}-{} {:?} → {} ({}, {})",
            m["span"]["start"],
            m["span"]["end"],
            m["text"].as_str().unwrap_or(""),
            m["entity"].as_str().unwrap_or(""),
            m["kind"].as_str().unwrap_or(""),
            m["method"].as_str().unwrap_or("")
        );
    }
    for t in v["times"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "time {:?} → {}..{} ({}, {})",
            t["text"].as_str().unwrap_or(""),
            t["start"],
            t["end"],
            t["precision"],
            t["anchor"]
        );
    }
    for e in v["events"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "event {} {} [{}]",
            e["event_type"].as_str().unwrap_or(""),
            e["summary"].as_str().unwrap_or(""),
            e["evidence"][0]["rule"].as_str().unwrap_or("")
        );
    }
    for q in v["quotes"].as_array().into_iter().flatten() {
        let msg: String = q["message_text"]
            .as_str()
            .unwrap_or("")
            .chars()
            .take(50)
            .collect();
        let _ = writeln!(
            out,
            "quote {} by {} ({}): {:?}",
            q["kind"], q["speaker"]["name"], q["speaker"]["kind"], msg
        );
    }
    for a in v["alerts"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "alert {}", a["title"].as_str().unwrap_or(""));
    }
    for w in v["warnings"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "warning {}", w["code"].as_str().unwrap_or(""));
    }
    out
}

/// `armsgraph extract INPUT ARGS…`'s standard output (the command must succeed).
fn extract(input: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_armsgraph"))
        .env_remove("ARMSGRAPH_DATA")
        .arg("extract")
        .arg(input)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn extract_on_the_seed() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus/000_79a71588b356f729.txt");
    let stdout = extract(&seed, &["--published", "2024-05-15"]);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let doc = &v["document"];
    // The fixed points, independent of the snapshot.
    assert_eq!(
        doc["title"],
        "Der geheime Waffendeal, der Putin einen Verbündeten kostete"
    );
    assert_eq!(doc["publisher"], "POLITICO");
    assert_eq!(doc["language"], "de");
    let text = doc["text"].as_str().unwrap();
    assert!(!text.contains("source site") && !text.contains("Leave a Reply"));
    // The syntax layer: one entry per sentence, words with lemma and part of speech.
    let syntax = v["syntax"].as_array().expect("a syntax field");
    assert_eq!(Some(syntax.len()), v["sentences"].as_array().map(Vec::len));
    assert!(syntax[0]["words"][0]["upos"].is_string());
    expect_test::expect_file!["snapshots/extract_seed.txt"].assert_eq(&digest(&v));
}

#[test]
fn extract_on_a_directory_prints_json_lines_one_per_document() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus/aeb/html");
    let stdout = extract(&dir, &[]);
    let docs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(docs.len(), 6, "{stdout}");
    assert!(docs
        .iter()
        .all(|d| !d["document"]["text"].as_str().unwrap_or("").is_empty()));
}
