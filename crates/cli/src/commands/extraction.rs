//! `armsgraph eval extraction DIR...` and `armsgraph bench extraction DIR...`: score and time
//! the main-text extractor on sets in the article-extraction-benchmark layout (the benchmark
//! itself, read in place, and the Dragnet / L3S-GN1 caches `scripts/extraction_sets.py`
//! writes), with Python trafilatura scored and timed in the same run by `bench`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context as _};
use armsgraph_eval::extraction::{self, BenchmarkPage, ExtractionReport, MetadataSummary};
use armsgraph_extract::{Engine, Extractor};
use armsgraph_model::{RawDocument, SourceKind};

use super::Context;

/// The Python trafilatura release the bench installs when none is importable.
const TRAFILATURA: &str = "trafilatura==2.3.1";

#[derive(Debug, clap::Args)]
pub struct EvalExtractionArgs {
    /// Set directories (`ground-truth.json` and `html/<id>.html.gz`): the benchmark, or the
    /// caches of `scripts/extraction_sets.py` (dragnet-train, dragnet-test, l3s-gn1).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Main-text engine: `native` (default), `combined`, `readability` or `trafilatura`; `all` runs each.
    #[arg(long, default_value = "native")]
    pub engine: String,
    /// Score only the first N pages of each set (sorted by id).
    #[arg(long)]
    pub limit: Option<usize>,
    /// How many of the worst pages to list.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Write the predictions as `{id: {"articleBody": text}}` JSON (the benchmark's own
    /// output format, for its `evaluate.py`); one set only.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct BenchExtractionArgs {
    /// Set directories, as for `eval extraction`.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Main-text engine: `native` (default), `combined`, `readability`, `trafilatura` or `all`.
    #[arg(long, default_value = "native")]
    pub engine: String,
    /// Passes over the pages; the fastest is reported.
    #[arg(long, default_value_t = 2)]
    pub runs: usize,
    /// Do not run Python trafilatura.
    #[arg(long)]
    pub no_python: bool,
    /// Do not pip-install Python trafilatura when it is missing.
    #[arg(long)]
    pub no_install: bool,
}

fn engines(name: &str) -> anyhow::Result<Vec<Engine>> {
    if name.eq_ignore_ascii_case("all") {
        return Ok(Engine::ALL.to_vec());
    }
    match Engine::from_name(name) {
        Some(e) => Ok(vec![e]),
        None => bail!("unknown engine {name:?} (native, combined, readability, trafilatura, all)"),
    }
}

fn load(dir: &Path, limit: Option<usize>) -> anyhow::Result<Vec<BenchmarkPage>> {
    extraction::load_benchmark(dir, limit)
        .with_context(|| format!("reading the set in {}", dir.display()))
}

/// A set's short name: its directory name (`dragnet-test`; `aeb` for the benchmark).
fn set_name(dir: &Path) -> String {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string());
    if name == "article-extraction-benchmark" {
        "aeb".to_string()
    } else {
        name
    }
}

/// Score the extractor with the benchmark's own metric; per set a line
/// `set=… f1=… precision=… recall=… docs=…`, and with one set the last line is
/// `f1=… precision=… recall=… docs=…`.
pub fn eval(ctx: &Context, args: EvalExtractionArgs) -> anyhow::Result<()> {
    let engines = engines(&args.engine)?;
    if args.predictions.is_some() && args.dirs.len() > 1 {
        bail!("--predictions takes one set directory");
    }
    let base = Extractor::load(&ctx.data_files()).context("loading the boilerplate data")?;
    let mut last = None;
    for dir in &args.dirs {
        let pages = load(dir, args.limit)?;
        let name = set_name(dir);
        for &engine in &engines {
            let report = extraction::evaluate_extractor(&pages, &base.clone().with_engine(engine));
            println!("set: {name}");
            print_report(&report, args.worst);
            print_metadata(&report.metadata);
            if let Some(path) = &args.predictions {
                write_predictions(path, &report)?;
            }
            let s = report.summary;
            println!(
                "set={name} engine={} f1={:.4} precision={:.4} recall={:.4} docs={}",
                engine.name(),
                s.f1,
                s.precision,
                s.recall,
                s.docs
            );
            last = Some(report);
        }
    }
    if let (Some(r), 1) = (last, args.dirs.len()) {
        let s = r.summary;
        println!(
            "f1={:.4} precision={:.4} recall={:.4} docs={}",
            s.f1, s.precision, s.recall, s.docs
        );
    }
    Ok(())
}

fn write_predictions(path: &Path, report: &ExtractionReport) -> anyhow::Result<()> {
    let map: serde_json::Map<String, serde_json::Value> = report
        .pages
        .iter()
        .map(|p| (p.id.clone(), serde_json::json!({ "articleBody": p.text })))
        .collect();
    let json = serde_json::to_string_pretty(&serde_json::Value::Object(map))?;
    std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))
}

fn print_report(r: &ExtractionReport, worst: usize) {
    let s = r.summary;
    let secs = r.elapsed.as_secs_f64();
    let errors = r.pages.iter().filter(|p| p.error.is_some()).count();
    println!("engine: {}", r.engine);
    println!(
        "  F1 {:.4} ±{:.4}  precision {:.4}  recall {:.4}  exact {:.3}  ({} pages, {} errors)",
        s.f1, r.f1_sd, s.precision, s.recall, s.accuracy, s.docs, errors
    );
    print_headline_rule(r);
    println!(
        "  time {:.2} s, {:.1} ms/page (extraction only, this build)",
        secs,
        1000.0 * secs / s.docs.max(1) as f64
    );
    if worst > 0 {
        println!("  worst pages (F1, precision, recall, id or url):");
        for p in r.worst(worst) {
            println!(
                "    {:.3} {:.3} {:.3} {}{}",
                p.score.f1(),
                p.score.precision().unwrap_or(0.0),
                p.score.recall().unwrap_or(0.0),
                if p.url.is_empty() { &p.id } else { &p.url },
                p.error
                    .as_deref()
                    .map(|e| format!("  [error: {e}]"))
                    .unwrap_or_default()
            );
        }
    }
}

/// How the set's headline convention was scored, and the benchmark's own figure.
fn print_headline_rule(r: &ExtractionReport) {
    if r.gold_has_headline {
        println!("  headline: the gold keeps it; texts scored whole");
    } else {
        println!(
            "  headline: the gold leaves it out; a leading headline line is not scored (every engine). Scored whole: F1 {:.4}  precision {:.4}  recall {:.4}",
            r.raw.f1, r.raw.precision, r.raw.recall
        );
    }
}

fn print_metadata(m: &MetadataSummary) {
    let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    let mut parts = Vec::new();
    if m.title_gold > 0 {
        parts.push(format!(
            "title exact {:.3} (token F1 {:.3}, {} pages with gold)",
            share(m.title_exact, m.title_gold),
            m.title_token_f1,
            m.title_gold
        ));
    }
    if m.language_gold > 0 {
        parts.push(format!(
            "language {:.3} ({} pages)",
            share(m.language_correct, m.language_gold),
            m.language_gold
        ));
    }
    parts.push(format!(
        "dated {:.3} (no date gold)",
        share(m.dated, m.docs)
    ));
    println!("  metadata: {}", parts.join("; "));
}

/// One set's bench figures.
struct SetBench {
    name: String,
    docs: usize,
    ours: Vec<(Engine, f64, extraction::Summary)>,
    python: Option<(f64, extraction::Summary)>,
}

/// Time our extractor and Python trafilatura over the same pages in the same run, and score
/// both with the benchmark's metric.
pub fn bench(ctx: &Context, args: BenchExtractionArgs) -> anyhow::Result<()> {
    let engines = engines(&args.engine)?;
    let base = Extractor::load(&ctx.data_files()).context("loading the boilerplate data")?;
    if cfg!(debug_assertions) {
        println!("note: this is a debug build; time a release build (`cargo run --release`)");
    }
    let python = if args.no_python {
        None
    } else {
        match ensure_trafilatura(!args.no_install) {
            Ok(p) => p,
            Err(e) => {
                println!("python trafilatura: unavailable: {e:#}");
                None
            }
        }
    };
    let mut results = Vec::new();
    for dir in &args.dirs {
        let pages = load(dir, None)?;
        let name = set_name(dir);
        let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
        println!(
            "set {name}: {} pages, {:.1} MB of HTML, best of {} runs, 1 thread",
            pages.len(),
            bytes as f64 / 1e6,
            args.runs.max(1)
        );
        let raws: Vec<RawDocument> = pages.iter().map(raw_document).collect();
        let mut set = SetBench {
            name: name.clone(),
            docs: pages.len(),
            ours: Vec::new(),
            python: None,
        };
        for &engine in &engines {
            let ex = base.clone().with_engine(engine);
            let mut best = f64::INFINITY;
            let mut texts: Vec<String> = Vec::new();
            for run in 0..args.runs.max(1) {
                let start = Instant::now();
                let out: Vec<Option<String>> = raws
                    .iter()
                    .map(|raw| ex.extract(raw).ok().map(|e| e.document.text))
                    .collect();
                best = best.min(start.elapsed().as_secs_f64());
                if run == 0 {
                    texts = out.into_iter().map(Option::unwrap_or_default).collect();
                }
            }
            let by_id: HashMap<&str, &String> = pages
                .iter()
                .map(|p| p.id.as_str())
                .zip(texts.iter())
                .collect();
            let report = extraction::evaluate(&pages, engine.name(), |p| {
                Ok::<_, String>(
                    by_id
                        .get(p.id.as_str())
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                )
            });
            print_timing(
                &format!("armsgraph ({})", engine.name()),
                pages.len(),
                bytes,
                best,
            );
            print_scores(&report.summary);
            print_headline_rule(&report);
            set.ours.push((engine, best, report.summary));
        }
        if python.is_some() {
            match python_trafilatura(dir, args.runs.max(1), &pages) {
                Ok((secs, report)) => {
                    let summary = report.summary;
                    print_timing("python trafilatura", pages.len(), bytes, secs);
                    print_scores(&summary);
                    print_headline_rule(&report);
                    for (engine, ours, _) in &set.ours {
                        println!(
                            "  speed ratio (trafilatura time / armsgraph {} time): {:.2}x",
                            engine.name(),
                            secs / ours
                        );
                    }
                    set.python = Some((secs, summary));
                }
                Err(e) => println!("python trafilatura: failed: {e:#}"),
            }
        }
        results.push(set);
    }
    print_summary(&results, python.as_deref());
    Ok(())
}

fn raw_document(p: &BenchmarkPage) -> RawDocument {
    RawDocument {
        origin: p.id.clone(),
        kind: SourceKind::Html,
        url: Some(p.url.clone()).filter(|u| !u.is_empty()),
        is_html: true,
        body: p.html.clone(),
        ..Default::default()
    }
}

fn print_timing(name: &str, docs: usize, bytes: usize, secs: f64) {
    println!(
        "{name}: {:.2} s, {:.1} docs/s, {:.2} ms/doc, {:.1} MB/s",
        secs,
        docs as f64 / secs,
        1000.0 * secs / docs.max(1) as f64,
        bytes as f64 / 1e6 / secs
    );
}

fn print_scores(s: &extraction::Summary) {
    println!(
        "  F1 {:.4}  precision {:.4}  recall {:.4}",
        s.f1, s.precision, s.recall
    );
}

/// The per-set table (Markdown) and the targets of issue 15 as the last line: our F1 minus
/// trafilatura's, our recall minus trafilatura's, and the speed ratio, each at its worst set.
fn print_summary(sets: &[SetBench], version: Option<&str>) {
    println!();
    println!(
        "| set | pages | armsgraph F1 | P | R | ms/page | trafilatura{} F1 | P | R | ms/page | speed × |",
        version.map(|v| format!(" {v}")).unwrap_or_default()
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut worst_f1 = f64::INFINITY;
    let mut worst_recall = f64::INFINITY;
    let mut worst_speed = f64::INFINITY;
    for set in sets {
        let Some((engine, secs, ours)) = set.ours.first() else {
            continue;
        };
        let ms = |s: f64| 1000.0 * s / set.docs.max(1) as f64;
        let (py, ratio) = match &set.python {
            Some((psecs, p)) => {
                worst_f1 = worst_f1.min(ours.f1 - p.f1);
                worst_recall = worst_recall.min(ours.recall - p.recall);
                worst_speed = worst_speed.min(psecs / secs);
                (
                    format!(
                        "{:.3} | {:.3} | {:.3} | {:.2}",
                        p.f1,
                        p.precision,
                        p.recall,
                        ms(*psecs)
                    ),
                    format!("{:.1}", psecs / secs),
                )
            }
            None => ("– | – | – | –".to_string(), "–".to_string()),
        };
        println!(
            "| {} ({}) | {} | {:.3} | {:.3} | {:.3} | {:.2} | {py} | {ratio} |",
            set.name,
            engine.name(),
            set.docs,
            ours.f1,
            ours.precision,
            ours.recall,
            ms(*secs)
        );
    }
    if worst_speed.is_finite() {
        println!(
            "sets={} min_f1_margin={:+.4} min_recall_margin={:+.4} min_speed_ratio={:.1}",
            sets.len(),
            worst_f1,
            worst_recall,
            worst_speed
        );
    }
}

/// Make sure `import trafilatura` works, pip-installing [`TRAFILATURA`] (and the HTML
/// cleaner its justext dependency needs with lxml ≥ 5.2) when allowed; the version, or
/// `None` when Python itself is missing.
fn ensure_trafilatura(install: bool) -> anyhow::Result<Option<String>> {
    let version = || -> Option<String> {
        let out = Command::new("python3")
            .args(["-c", "import trafilatura; print(trafilatura.__version__)"])
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    if let Some(v) = version() {
        return Ok(Some(v));
    }
    if Command::new("python3").arg("--version").output().is_err() {
        println!("python trafilatura: no python3 on PATH, skipped");
        return Ok(None);
    }
    if !install {
        bail!("not importable (pip install {TRAFILATURA} lxml_html_clean)");
    }
    println!("python trafilatura: not importable; installing {TRAFILATURA} with pip");
    let status = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            TRAFILATURA,
            "lxml_html_clean",
        ])
        .status()
        .context("running pip")?;
    if !status.success() {
        bail!("pip install {TRAFILATURA} failed ({status})");
    }
    version()
        .map(Some)
        .context("installed, but `import trafilatura` still fails")
}

/// Run `scripts/bench_trafilatura.py` (timing only the `extract` calls) and score what it
/// extracted with our scorer: (seconds of the best run, summary).
fn python_trafilatura(
    dir: &Path,
    runs: usize,
    pages: &[BenchmarkPage],
) -> anyhow::Result<(f64, ExtractionReport)> {
    let script = find_script("bench_trafilatura.py")
        .context("scripts/bench_trafilatura.py not found (run from the repository)")?;
    let predictions = std::env::temp_dir().join(format!(
        "armsgraph-trafilatura-{}-{}.json",
        std::process::id(),
        set_name(dir)
    ));
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .arg(runs.to_string())
        .arg(&predictions)
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(stdout.trim())
        .with_context(|| format!("unexpected output from {}: {stdout}", script.display()))?;
    let secs = v
        .get("seconds")
        .and_then(serde_json::Value::as_f64)
        .context("no `seconds` in the script's output")?;
    let raw = std::fs::read_to_string(&predictions)
        .with_context(|| format!("reading {}", predictions.display()));
    // The file is ours, in the temp directory; it is not needed once read.
    let _ = std::fs::remove_file(&predictions);
    let texts: HashMap<String, serde_json::Value> = serde_json::from_str(&raw?)
        .with_context(|| format!("parsing {}", predictions.display()))?;
    let report = extraction::evaluate(pages, "python trafilatura", |p| {
        Ok::<_, String>(
            texts
                .get(&p.id)
                .and_then(|v| v.get("articleBody"))
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_string(),
        )
    });
    Ok((secs, report))
}

fn find_script(name: &str) -> Option<PathBuf> {
    let mut candidates = vec![PathBuf::from("scripts").join(name)];
    if let Ok(exe) = std::env::current_exe() {
        // target/<profile>/armsgraph → <repo>/scripts
        for anc in exe.ancestors().skip(1).take(4) {
            candidates.push(anc.join("scripts").join(name));
        }
    }
    candidates.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scripts")
            .join(name),
    );
    candidates.into_iter().find(|p| p.is_file())
}
