//! Snapshot tests of whole extractions on real documents: the seed (plain text) and the
//! benchmark pages in `data/corpus/aeb/`. Refresh with `UPDATE_EXPECT=1 cargo test -p
//! armsgraph-extract`; review the diff like code.

use std::io::Read;
use std::path::{Path, PathBuf};

use armsgraph_extract::Extractor;
use armsgraph_kb::DataFiles;
use armsgraph_model::{Extraction, RawDocument, SourceKind};
use expect_test::{expect, expect_file};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn extractor() -> Extractor {
    Extractor::load(&DataFiles::dir(repo().join("data"))).expect("data files load")
}

/// The document as a reviewer reads it: metadata, then every paragraph with its kind.
fn render(ex: &Extraction) -> String {
    let d = &ex.document;
    let mut out = String::new();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
    out.push_str(&format!("title: {}\n", opt(&d.title)));
    out.push_str(&format!("publisher: {}\n", opt(&d.publisher)));
    out.push_str(&format!("site_name: {}\n", opt(&d.site_name)));
    out.push_str(&format!("authors: {}\n", d.authors.join("; ")));
    out.push_str(&format!(
        "published: {}\n",
        d.published
            .as_ref()
            .map(|p| format!("{} ({})", p.value, p.source))
            .unwrap_or_else(|| "-".into())
    ));
    out.push_str(&format!(
        "modified: {}\n",
        d.modified
            .as_ref()
            .map(|p| format!("{} ({})", p.value, p.source))
            .unwrap_or_else(|| "-".into())
    ));
    out.push_str(&format!("canonical: {}\n", opt(&d.canonical_url)));
    out.push_str(&format!(
        "language: {} ({})\n",
        opt(&d.language),
        opt(&d.language_source)
    ));
    out.push_str(&format!(
        "syndication: {}\n",
        d.syndication
            .as_ref()
            .map(|s| format!(
                "{} translated={} original_language={} ({})",
                opt(&s.original_publisher),
                s.translated,
                opt(&s.original_language),
                s.reason
            ))
            .unwrap_or_else(|| "-".into())
    ));
    out.push_str(&format!(
        "id: {} minhash: {} values\n",
        d.id,
        d.minhash.len()
    ));
    for w in &ex.warnings {
        out.push_str(&format!("warning: {} {}\n", w.code, w.message));
    }
    let chars: Vec<char> = d.text.chars().collect();
    for p in &d.paragraphs {
        let text: String = chars[p.span.start..p.span.end].iter().collect();
        out.push_str(&format!(
            "[{:?} {}..{}] {}\n",
            p.kind, p.span.start, p.span.end, text
        ));
    }
    out
}

#[test]
fn seed_text_snapshot() {
    let path = repo().join("data/corpus/000_79a71588b356f729.txt");
    let body = std::fs::read_to_string(&path).expect("seed present");
    let raw = RawDocument {
        origin: "data/corpus/000_79a71588b356f729.txt".into(),
        kind: SourceKind::Text,
        body,
        ..Default::default()
    };
    let ex = extractor().extract(&raw).expect("seed extracts");
    let d = &ex.document;
    // The must-lines of the seed's specification, checked directly as well as by snapshot.
    assert_eq!(
        d.title.as_deref(),
        Some("Der geheime Waffendeal, der Putin einen Verbündeten kostete")
    );
    assert_eq!(d.publisher.as_deref(), Some("POLITICO"));
    assert!(!d.text.contains("source site") && !d.text.contains("Leave a Reply"));
    assert!(
        !d.text.contains("Waffendeal, der Putin"),
        "the title is not part of the text"
    );
    // Spans cover the text exactly: paragraphs joined by a blank line.
    let rebuilt: Vec<String> = d
        .paragraphs
        .iter()
        .map(|p| {
            d.text
                .chars()
                .skip(p.span.start)
                .take(p.span.len())
                .collect()
        })
        .collect();
    assert_eq!(rebuilt.join("\n\n"), d.text);
    expect![[r#"
        title: Der geheime Waffendeal, der Putin einen Verbündeten kostete
        publisher: POLITICO
        site_name: -
        authors: 
        published: -
        modified: -
        canonical: -
        language: - (-)
        syndication: POLITICO translated=false original_language=en (plain-text copy whose title names publisher POLITICO)
        id: a312bb5ec67a1c98 minhash: 128 values
        [Body 0..105] Weder die aserbaidschanische noch die belarussische Regierung reagierten auf Anfragen um einen Kommentar.
        [Heading 107..131] „Mit Freunden wie diesen
        [Body 133..762] In den letzten Jahren wurden Artillerie und Drohnen in Kämpfen zwischen aserbaidschanischen und armenischen Streitkräften häufig eingesetzt. Dies galt auch für den Krieg zwischen den beiden Seiten im Jahr 2020 um die abtrünnige Region Berg-Karabach, die innerhalb der international anerkannten Grenzen Aserbaidschans liegt, aber seit einem brutalen Konflikt nach dem Fall der Sowjetunion von ihrer armenischen Bevölkerung als nicht anerkannter Staat regiert wird. Eine aserbaidschanische Offensive im vergangenen September beendete die faktische Unabhängigkeit der Region und löste einen Massenexodus ihrer 100.000 Einwohner aus.
        [Body 764..1023] In einer diplomatischen Mitteilung, die POLITICO vorliegt, heißt es, belarussische Unternehmen spielten eine aktive Rolle „bei der Wiederherstellung der befreiten Gebiete Aserbaidschans sowie beim Export belarussischer Waren und Dienstleistungen“ in das Land.
        [Body 1025..1632] Im September 2022 drangen aserbaidschanische Streitkräfte auch in das Territorium der Republik Armenien ein und eroberten wichtige strategische Höhen. Armenien bat damals die OVKS um Unterstützung, warf dem Block jedoch später vor, seine Verpflichtungen nicht einzuhalten, da er lediglich die Entsendung einer Untersuchungsdelegation angeboten hatte. Seitdem hat Paschinjan, der armenische Staatschef, eine Vereinbarung zur Ausweitung einer EU-Beobachtungsmission an der angespannten Grenze zwischen den beiden ehemaligen Sowjetrepubliken getroffen und US-Truppen zu gemeinsamen Trainingsübungen eingeladen.
        [Body 1634..1946] Eduard Arakelyan, ein Militäranalytiker am Regionalen Zentrum für Demokratie und Sicherheit in Eriwan, bestätigte, dass es sich bei den durchgesickerten Dokumenten um Ausrüstung handelt, die Aserbaidschan in den jüngsten Kriegen sowohl in Berg-Karabach als auch gegen die Republik Armenien selbst eingesetzt hat.
        [Body 1948..2279] „Diese Ausrüstung wurde mit verheerender Wirkung gegen armenische Truppen eingesetzt und von einem Land geliefert, das angeblich ein Verbündeter Armeniens ist“, sagte er. „Formal gesehen ist dies ein völliger Bruch des Bündnisses der OVKS, aber in der Praxis wussten wir schon immer, dass der Block Aserbaidschan eher unterstützt.“
    "#]]
    .assert_eq(&render(&ex));
}

fn gunzip(path: &Path) -> String {
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).expect("page present"))
        .read_to_string(&mut s)
        .expect("gzip");
    s
}

#[test]
fn benchmark_pages_snapshots() {
    let dir = repo().join("data/corpus/aeb");
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap())
            .unwrap();
    let ex = extractor();
    let mut ids: Vec<&String> = truth.as_object().unwrap().keys().collect();
    ids.sort();
    for id in ids {
        let raw = RawDocument {
            origin: format!("{id}.html.gz"),
            kind: SourceKind::Html,
            url: truth[id]["url"].as_str().map(str::to_string),
            is_html: true,
            body: gunzip(&dir.join("html").join(format!("{id}.html.gz"))),
            ..Default::default()
        };
        let got = ex.extract(&raw).expect("page extracts");
        expect_file![format!("snapshots/{}.txt", &id[..12])].assert_eq(&render(&got));
    }
}

/// Stable-Rust stand-in for the cargo-fuzz target: a real page cut at many points, and
/// with bytes scrambled, must extract or fail with `Empty`, never panic; spans stay valid.
#[test]
fn truncated_and_scrambled_pages_never_panic() {
    let dir = repo().join("data/corpus/aeb/html");
    let page = gunzip(
        &dir.join("7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f.html.gz"),
    );
    let ex = extractor();
    let chars: Vec<char> = page.chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 1..=12 {
        let cut: String = chars[..chars.len() * i / 12].iter().collect();
        let mut scrambled: Vec<char> = cut.chars().collect();
        for _ in 0..50 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if scrambled.is_empty() {
                break;
            }
            let at = (state as usize) % scrambled.len();
            scrambled[at] = ['<', '>', '"', '/', '&', 'x', '\u{0}'][(state >> 40) as usize % 7];
        }
        for body in [cut, scrambled.into_iter().collect()] {
            let raw = RawDocument {
                origin: "cut.html".into(),
                is_html: true,
                kind: SourceKind::Html,
                body,
                ..Default::default()
            };
            if let Ok(got) = ex.extract(&raw) {
                let n = got.document.text.chars().count();
                assert!(got.document.paragraphs.iter().all(|p| p.span.end <= n));
            }
        }
    }
}
