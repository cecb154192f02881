//! `armsgraph eval extraction DIR` and `armsgraph bench extraction DIR`: score and time the
//! main-text extractor on the article-extraction-benchmark (read in place).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context as _};
use armsgraph_eval::extraction::{self, BenchmarkPage, ExtractionReport};
use armsgraph_extract::{Engine, Extractor};
use armsgraph_model::{RawDocument, SourceKind};

use super::Context;

#[derive(Debug, clap::Args)]
pub struct EvalExtractionArgs {
    /// The benchmark directory (`ground-truth.json` and `html/<id>.html.gz`).
    pub dir: PathBuf,
    /// Main-text engine: `native` (default), `combined`, `readability` or `trafilatura`; `all` runs each.
    #[arg(long, default_value = "native")]
    pub engine: String,
    /// Score only the first N pages (sorted by id).
    #[arg(long)]
    pub limit: Option<usize>,
    /// How many of the worst pages to list.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Write the predictions as `{id: {"articleBody": text}}` JSON (the benchmark's own
    /// output format, for its `evaluate.py`).
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct BenchExtractionArgs {
    /// The benchmark directory (`ground-truth.json` and `html/<id>.html.gz`).
    pub dir: PathBuf,
    /// Main-text engine: `native` (default), `combined`, `readability`, `trafilatura` or `all`.
    #[arg(long, default_value = "native")]
    pub engine: String,
    /// Passes over the pages; the fastest is reported.
    #[arg(long, default_value_t = 2)]
    pub runs: usize,
    /// Do not time Python trafilatura even when it is installed.
    #[arg(long)]
    pub no_python: bool,
}

fn engines(name: &str) -> anyhow::Result<Vec<Engine>> {
    if name.eq_ignore_ascii_case("all") {
        return Ok(Engine::ALL.to_vec());
    }
    match Engine::from_name(name) {
        Some(e) => Ok(vec![e]),
        None => bail!("unknown engine {name:?} (combined, readability, trafilatura, all)"),
    }
}

fn load(dir: &Path, limit: Option<usize>) -> anyhow::Result<Vec<BenchmarkPage>> {
    extraction::load_benchmark(dir, limit)
        .with_context(|| format!("reading the benchmark in {}", dir.display()))
}

/// Score the extractor with the benchmark's own metric; the last line is
/// `f1=… precision=… recall=… docs=…`.
pub fn eval(ctx: &Context, args: EvalExtractionArgs) -> anyhow::Result<()> {
    let engines = engines(&args.engine)?;
    let pages = load(&args.dir, args.limit)?;
    let base = Extractor::load(&ctx.data_files()).context("loading the boilerplate data")?;
    let mut last = None;
    for engine in engines {
        let report = extraction::evaluate_extractor(&pages, &base.clone().with_engine(engine));
        print_report(&report, args.worst);
        if let Some(path) = &args.predictions {
            write_predictions(path, &report)?;
        }
        last = Some(report);
    }
    if let Some(r) = last {
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
    println!(
        "  time {:.2} s, {:.1} ms/page (extraction only, this build)",
        secs,
        1000.0 * secs / s.docs.max(1) as f64
    );
    if worst > 0 {
        println!("  worst pages (F1, precision, recall, url):");
        for p in r.worst(worst) {
            println!(
                "    {:.3} {:.3} {:.3} {}{}",
                p.score.f1(),
                p.score.precision().unwrap_or(0.0),
                p.score.recall().unwrap_or(0.0),
                p.url,
                p.error
                    .as_deref()
                    .map(|e| format!("  [error: {e}]"))
                    .unwrap_or_default()
            );
        }
    }
}

/// Time our extractor (and Python trafilatura, when importable) over the same pages.
pub fn bench(ctx: &Context, args: BenchExtractionArgs) -> anyhow::Result<()> {
    let engines = engines(&args.engine)?;
    let pages = load(&args.dir, None)?;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let raws: Vec<RawDocument> = pages
        .iter()
        .map(|p| RawDocument {
            origin: p.id.clone(),
            kind: SourceKind::Html,
            url: Some(p.url.clone()),
            is_html: true,
            body: p.html.clone(),
            ..Default::default()
        })
        .collect();
    let base = Extractor::load(&ctx.data_files()).context("loading the boilerplate data")?;
    if cfg!(debug_assertions) {
        println!("note: this is a debug build; time a release build (`cargo run --release`)");
    }
    println!(
        "{} pages, {:.1} MB of HTML, best of {} runs, 1 thread",
        pages.len(),
        bytes as f64 / 1e6,
        args.runs.max(1)
    );
    let mut ours = Vec::new();
    for engine in engines {
        let ex = base.clone().with_engine(engine);
        let mut best = f64::INFINITY;
        let mut failed = 0;
        for _ in 0..args.runs.max(1) {
            failed = 0;
            let start = Instant::now();
            for raw in &raws {
                if ex.extract(raw).is_err() {
                    failed += 1;
                }
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        print_timing(
            &format!("armsgraph ({})", engine.name()),
            pages.len(),
            bytes,
            best,
        );
        if failed > 0 {
            println!("  ({failed} pages gave no text)");
        }
        ours.push((engine, best));
    }
    if args.no_python {
        return Ok(());
    }
    match python_trafilatura(&args.dir, args.runs.max(1)) {
        Ok(Some(py)) => {
            print_timing("python trafilatura", pages.len(), bytes, py);
            for (engine, secs) in ours {
                println!(
                    "speed ratio (trafilatura time / armsgraph {} time): {:.2}x",
                    engine.name(),
                    py / secs
                );
            }
        }
        Ok(None) => {
            println!("python trafilatura: not installed (pip install trafilatura), skipped")
        }
        Err(e) => println!("python trafilatura: failed: {e:#}"),
    }
    Ok(())
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

/// Run `scripts/bench_trafilatura.py` (timing only the `extract` calls); `None` when Python
/// or trafilatura is missing.
fn python_trafilatura(dir: &Path, runs: usize) -> anyhow::Result<Option<f64>> {
    let importable = Command::new("python3")
        .args(["-c", "import trafilatura"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !importable {
        return Ok(None);
    }
    let script = find_script("bench_trafilatura.py")
        .context("scripts/bench_trafilatura.py not found (run from the repository)")?;
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .arg(runs.to_string())
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(stdout.trim())
        .with_context(|| format!("unexpected output from {}: {stdout}", script.display()))?;
    v.get("seconds")
        .and_then(serde_json::Value::as_f64)
        .map(Some)
        .context("no `seconds` in the script's output")
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
