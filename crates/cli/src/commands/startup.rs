//! `armsgraph bench startup`: how long `armsgraph extract` takes on a two-word file, and the
//! most memory it holds, with the shipped knowledge base and with a synthetic one N times
//! larger (generated here, compiled to a file and memory-mapped through `ARMSGRAPH_KB`, as
//! the embedded one is mapped from the binary). Figures: docs/notes/startup.md.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use armsgraph_kb::compile::{compile_records, read_inflection, Records};
use armsgraph_kb::entities::KB_FILE_ENV;
use armsgraph_kb::{Entity, Name, Office};

use super::Context;

/// The document: two words, one of them a name the knowledge base knows, read as English
/// (so the English name index and syntax model are opened).
const TWO_WORDS: &str = "Russia attacked\n";

#[derive(Debug, clap::Args)]
pub struct BenchStartupArgs {
    /// Runs per case; the median time is reported.
    #[arg(long, default_value_t = 11)]
    pub runs: usize,
    /// How many times larger the synthetic knowledge base is than the shipped one.
    #[arg(long, default_value_t = 100)]
    pub scale: usize,
    /// Time the shipped knowledge base only.
    #[arg(long)]
    pub no_synthetic: bool,
    /// Also time each loader inside this process (where start-up goes).
    #[arg(long)]
    pub breakdown: bool,
    /// Internal: write the synthetic knowledge base to this file and exit (the bench runs
    /// this in a child process, so that its own memory does not count in the children it
    /// measures: a spawned process's peak RSS starts from its parent's).
    #[arg(long, hide = true)]
    pub write_synthetic: Option<PathBuf>,
    /// Internal: the language whose name index the synthetic knowledge base gets.
    #[arg(long, hide = true, default_value = "en")]
    pub synthetic_lang: String,
    /// Where to write the two-word file and the compiled synthetic knowledge base (default:
    /// a temporary directory, removed afterwards).
    #[arg(long)]
    pub work_dir: Option<PathBuf>,
}

/// One timed run of a child process.
struct Run {
    wall: Duration,
    /// User + system CPU time: steadier than wall time on a shared machine.
    cpu: Option<Duration>,
    /// Peak resident set size in bytes, where the platform tells.
    peak_rss: Option<u64>,
}

#[cfg(unix)]
fn run_once(cmd: &mut Command) -> anyhow::Result<Run> {
    let start = Instant::now();
    let child = cmd.spawn().context("starting armsgraph")?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for the child we just started and
    // reaps it, so the `Child` handle is dropped without waiting again.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid {
        bail!("waiting for armsgraph: {}", std::io::Error::last_os_error());
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        bail!("armsgraph extract failed (status {status}); run it by hand to see why");
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    // Linux reports ru_maxrss in KiB.
    Ok(Run {
        wall,
        cpu: Some(tv(usage.ru_utime) + tv(usage.ru_stime)),
        peak_rss: u64::try_from(usage.ru_maxrss).ok().map(|kb| kb * 1024),
    })
}

#[cfg(not(unix))]
fn run_once(cmd: &mut Command) -> anyhow::Result<Run> {
    let start = Instant::now();
    let status = cmd.status().context("starting armsgraph")?;
    if !status.success() {
        bail!("armsgraph extract failed ({status})");
    }
    Ok(Run {
        wall: start.elapsed(),
        cpu: None,
        peak_rss: None,
    })
}

/// What a case measured over its runs.
struct Measured {
    median_wall: Duration,
    median_cpu: Option<Duration>,
    /// The largest peak RSS of the runs.
    peak_rss: Option<u64>,
}

/// Median wall and CPU times and the largest peak RSS of `runs` runs.
fn measure(
    ctx: &Context,
    file: &Path,
    kb_file: Option<&Path>,
    runs: usize,
) -> anyhow::Result<Measured> {
    let exe = std::env::current_exe().context("finding the armsgraph binary")?;
    let mut times = Vec::new();
    let mut cpus = Vec::new();
    let mut peak: Option<u64> = None;
    for _ in 0..runs.max(1) {
        let mut cmd = Command::new(&exe);
        if let Some(dir) = &ctx.data_dir {
            cmd.arg("--data-dir").arg(dir);
        }
        cmd.arg("extract")
            .arg(file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .env_remove(KB_FILE_ENV);
        if let Some(kb) = kb_file {
            cmd.env(KB_FILE_ENV, kb);
        }
        let run = run_once(&mut cmd)?;
        times.push(run.wall);
        cpus.extend(run.cpu);
        peak = match (peak, run.peak_rss) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    times.sort();
    cpus.sort();
    Ok(Measured {
        median_wall: times[times.len() / 2],
        median_cpu: cpus.get(cpus.len() / 2).copied(),
        peak_rss: peak,
    })
}

/// A word that is no name of the shipped knowledge base, different for every copy.
fn copy_word(k: usize) -> String {
    let mut s = String::from("Zy");
    let mut n = k;
    loop {
        s.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s
}

/// The shipped rows and `scale - 1` copies of them, each copy's ids suffixed (`RUS~3`) and its
/// names prefixed with a word of its own (`Zyd Vladimir Putin`), so the name index grows
/// with it; offices point to the copied people and the real states.
fn synthetic(shipped: &Records, scale: usize) -> anyhow::Result<Records> {
    let n = scale.max(1);
    let mut entities = Vec::with_capacity(shipped.entities.len() * n);
    let mut names = Vec::with_capacity(shipped.names.len() * n);
    let mut offices = Vec::with_capacity(shipped.offices.len() * n);
    for k in 0..n {
        let (suffix, word) = if k == 0 {
            (String::new(), String::new())
        } else {
            (format!("~{k}"), format!("{} ", copy_word(k)))
        };
        entities.extend(shipped.entities.iter().map(|e| Entity {
            id: format!("{}{suffix}", e.id),
            name: format!("{word}{}", e.name),
            ..e.clone()
        }));
        names.extend(shipped.names.iter().map(|x| Name {
            entity: format!("{}{suffix}", x.entity),
            text: format!("{word}{}", x.text),
            ..x.clone()
        }));
        offices.extend(shipped.offices.iter().map(|o| Office {
            person: format!("{}{suffix}", o.person),
            ..o.clone()
        }));
    }
    Ok(Records::from_rows(entities, names, offices)?)
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("-".into(), |d| format!("{:.1}", d.as_secs_f64() * 1e3))
}

fn mb(bytes: Option<u64>) -> String {
    bytes.map_or("-".into(), |b| format!("{:.0}", b as f64 / 1_048_576.0))
}

/// Compile the synthetic knowledge base to `out`; print its counts for the parent.
fn write_synthetic(ctx: &Context, args: &BenchStartupArgs, out: &Path) -> anyhow::Result<()> {
    // The knowledge base's source tables are not embedded: read them from the checkout.
    let files = ctx.source_files();
    let shipped = Records::read(&files).context(
        "reading the knowledge base's tables (run from the repository, or give --data-dir with the data/ folder)",
    )?;
    let big = synthetic(&shipped, args.scale)?;
    drop(shipped);
    let rules = read_inflection(&files).context("reading the inflection rules")?;
    let bytes = compile_records(&big, &rules, Some(&[args.synthetic_lang.as_str()]))
        .context("compiling the synthetic knowledge base")?;
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "{} {} {} {}",
        big.entities.len(),
        big.names.len(),
        big.offices.len(),
        bytes.len()
    );
    Ok(())
}

pub fn run(ctx: &Context, args: BenchStartupArgs) -> anyhow::Result<()> {
    if let Some(out) = &args.write_synthetic {
        return write_synthetic(ctx, &args, out);
    }
    let (work, temporary) = match &args.work_dir {
        Some(dir) => (dir.clone(), false),
        None => (
            std::env::temp_dir().join(format!("armsgraph-bench-startup-{}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let result = bench(ctx, &args, &work);
    if temporary {
        std::fs::remove_dir_all(&work).ok();
    }
    result
}

/// Resident memory of this process in bytes (Linux), for the breakdown.
fn rss_now() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Each loader of `extract` in turn, as the pipeline calls them, with the time it took and
/// the resident memory after it.
fn breakdown(ctx: &Context) -> anyhow::Result<()> {
    let files = ctx.data_files();
    println!("in-process breakdown (this process; time and resident memory after each step):");
    let mut last = Instant::now();
    let mut step = |name: &str| {
        let now = Instant::now();
        println!(
            "  {name:<44} {:>8.1} ms {:>8} MB",
            (now - last).as_secs_f64() * 1e3,
            mb(rss_now())
        );
        last = now;
    };
    step("before");
    let kb = armsgraph_kb::Kb::load(&files)?;
    step("knowledge base (Kb::load)");
    let rules = armsgraph_nlp::lexicon::load_all(&files)?;
    step("entity rules (data/lang)");
    let segmenter = armsgraph_nlp::segment::Segmenter::load(&files)?;
    step("segmenter (data/segment)");
    let time = armsgraph_nlp::time::TimeReader::load(&files)?;
    step("time rules (data/time)");
    drop((kb, rules, segmenter, time));
    let reader = armsgraph_nlp::Reader::load(&files)?;
    step("nlp::Reader::load (all of the above again + rest)");
    let _ = reader.gazetteer().form_count("en");
    step("name index, en (first use)");
    let _ = reader.syntax_models().get("en");
    step("syntax model, en (first use)");
    let refs = armsgraph_kb::reference::ReferenceData::load(&files)?;
    step("reference data");
    let events = armsgraph_events::EventReader::with_knowledge(&files, reader.kb().clone(), refs)?;
    step("event rules (shared KB)");
    let extractor = armsgraph_extract::Extractor::load(&files)?;
    step("extractor (boilerplate patterns, months)");
    drop((events, extractor, reader));
    Ok(())
}

fn bench(ctx: &Context, args: &BenchStartupArgs, work: &Path) -> anyhow::Result<()> {
    let file = work.join("two-words.txt");
    std::fs::write(&file, TWO_WORDS).with_context(|| format!("writing {}", file.display()))?;
    if cfg!(debug_assertions) {
        println!("note: this is a debug build; time a release build (`cargo run --release`)");
    }
    // The counts come from the compiled tables: decoding the rows here would grow this
    // process, and with it the peak RSS its children report.
    let kb = armsgraph_kb::Kb::load(&ctx.data_files()).context("loading the knowledge base")?;
    let shipped = (kb.entity_count(), kb.name_count(), kb.office_count());
    drop(kb);
    println!(
        "`armsgraph extract` on a two-word file ({TWO_WORDS:?}), median of {} runs (wall and user+system CPU), peak RSS the largest",
        args.runs.max(1)
    );
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>9} {:>9} {:>11}",
        "knowledge base", "entities", "names", "offices", "wall ms", "cpu ms", "peak RSS MB"
    );
    let row = |label: &str, counts: (usize, usize, usize), m: &Measured| {
        println!(
            "{:<34} {:>9} {:>9} {:>9} {:>9.1} {:>9} {:>11}",
            label,
            counts.0,
            counts.1,
            counts.2,
            m.median_wall.as_secs_f64() * 1e3,
            ms(m.median_cpu),
            mb(m.peak_rss)
        );
    };
    let m = measure(ctx, &file, None, args.runs)?;
    let label = if ctx.data_dir.is_some() {
        "shipped (--data-dir, compiled now)"
    } else {
        "shipped (embedded)"
    };
    row(label, shipped, &m);
    if !args.no_synthetic && ctx.data_dir.is_some() {
        println!("(a --data-dir is compiled at start-up, so the synthetic case is not run)");
    } else if !args.no_synthetic {
        // The synthetic index is compiled for the language the document is read in only: it
        // is the one start-up opens, and all six would take gigabytes to compile.
        let lang = document_language(&file)?;
        let kb_file = work.join("synthetic.kb");
        let compiling = Instant::now();
        let out = Command::new(std::env::current_exe().context("finding the armsgraph binary")?)
            .args(["bench", "startup", "--scale"])
            .arg(args.scale.max(1).to_string())
            .arg("--synthetic-lang")
            .arg(&lang)
            .arg("--write-synthetic")
            .arg(&kb_file)
            .stderr(Stdio::inherit())
            .output()
            .context("compiling the synthetic knowledge base")?;
        if !out.status.success() {
            bail!(
                "compiling the synthetic knowledge base failed ({})",
                out.status
            );
        }
        let counts: Vec<usize> = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        let [entities, names, offices, bytes] = counts[..] else {
            bail!(
                "unexpected output from the synthetic compile: {:?}",
                out.stdout
            );
        };
        let compile_time = compiling.elapsed();
        let m = measure(ctx, &file, Some(&kb_file), args.runs)?;
        row(
            &format!("synthetic {}x (mapped file)", args.scale.max(1)),
            (entities, names, offices),
            &m,
        );
        println!(
            "synthetic knowledge base: {:.0} MB compiled in {:.0} s (name index for {lang:?} only)",
            bytes as f64 / 1_048_576.0,
            compile_time.as_secs_f64()
        );
    }
    println!("target (issue 12): ≤ 100 ms and ≤ 80 MB with a knowledge base 100x larger");
    // Last, so that what it loads does not count in the children's peak RSS.
    if args.breakdown {
        breakdown(ctx)?;
    }
    Ok(())
}

/// The language `extract` reads the two-word file as.
fn document_language(file: &Path) -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("finding the armsgraph binary")?;
    let out = Command::new(exe)
        .arg("extract")
        .arg(file)
        .env_remove(KB_FILE_ENV)
        .stderr(Stdio::null())
        .output()
        .context("running armsgraph extract")?;
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("reading the output of extract")?;
    Ok(json
        .pointer("/document/language")
        .and_then(|l| l.as_str())
        .unwrap_or("en")
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_get_distinct_words_and_ids() {
        assert_ne!(copy_word(1), copy_word(27));
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let shipped = Records::read(&armsgraph_kb::DataFiles::dir(data)).unwrap();
        let big = synthetic(&shipped, 3).unwrap();
        assert_eq!(big.entities.len(), shipped.entities.len() * 3);
        assert!(big.names.iter().any(|n| n.text == "Zyb Vladimir Putin"));
    }
}
