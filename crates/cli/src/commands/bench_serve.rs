//! `armsgraph bench serve`: the web app under load on a large database.
//!
//! Builds a database of `--documents` stored news documents — the demo corpus read once by
//! the pipeline, then its stored rows copied with new ids (every table a view reads: documents,
//! full-text index, mentions, events and roles, quotes, actors, affiliations, alerts), so
//! building 100,000 takes minutes, not the hours reading them would — starts `armsgraph serve`
//! on loopback, and lets `--readers` concurrent clients request search, entity, alerts, graph,
//! timeline, document pages and API calls for `--seconds`. Prints p50/p99 per route and the
//! server's resident memory over time. Not a test: the figures go to docs/notes/views.md
//! (SQLite) and docs/notes/postgres.md (PostgreSQL).
//!
//! SQLite copies carry no copy-cluster rows (bands, signatures, anchors): they stand for
//! distinct stories, and the benchmark only reads. On PostgreSQL (`--db postgres://…`) every
//! document goes through `Store::insert` as ingest stores it: the seeds (the demo corpus and
//! `--pages`, read by the pipeline once) and then variants of them, each a different text
//! (the seed's reading followed by paragraphs of other seeds, a headline and date of its own:
//! see `Variant`), so copy clusters stay as small as in real news.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use armsgraph_model::{Extraction, Paragraph, ParagraphKind, Span};
use armsgraph_store::Store;

use super::Context;

#[derive(clap::Args)]
pub struct BenchServeArgs {
    /// Stored documents in the benchmark database.
    #[arg(long, default_value_t = 100_000)]
    pub documents: usize,
    /// Concurrent readers.
    #[arg(long, default_value_t = 50)]
    pub readers: usize,
    /// How long the readers run.
    #[arg(long, default_value_t = 60)]
    pub seconds: u64,
    /// Where to build the database (default: a new directory under the system's temp dir,
    /// removed afterwards). An existing database there with enough documents is reused. A
    /// `postgres://` URL benches the PostgreSQL store: the copies are stored through the
    /// store's insert (two writers), and the database is kept.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Real pages (files or directories, as `ingest` takes them) read by the pipeline once
    /// and added to the demo corpus as seeds of the PostgreSQL bench corpus (each stored
    /// document is a seed's reading plus paragraphs of other seeds: see `Variant`). The
    /// README uses ../shared/data/article-extraction-benchmark/html.
    #[arg(long = "pages")]
    pub pages: Vec<PathBuf>,
    /// Keep the database afterwards.
    #[arg(long)]
    pub keep: bool,
    /// Serve without the per-generation cache of entity profiles and graphs
    /// (`ARMSGRAPH_VIEW_CACHE=off`): every request runs its queries.
    #[arg(long)]
    pub no_cache: bool,
}

/// A route as reported, with the paths the readers request for it.
struct Route {
    name: &'static str,
    paths: Vec<String>,
}

pub fn run(ctx: &Context, args: BenchServeArgs) -> anyhow::Result<()> {
    if args.documents == 0 || args.readers == 0 || args.seconds == 0 {
        bail!("--documents, --readers and --seconds must be at least 1");
    }
    let on_pg = args
        .db
        .as_deref()
        .and_then(Path::to_str)
        .is_some_and(armsgraph_store::pg::is_url);
    let own_dir = args.db.is_none() || on_pg;
    let dir = match &args.db {
        Some(p) if !on_pg => p.parent().map(Path::to_path_buf).unwrap_or_default(),
        _ => std::env::temp_dir().join(format!("armsgraph-bench-serve-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let db = args.db.clone().unwrap_or_else(|| dir.join("bench.db"));
    let result = bench(ctx, &args, &dir, &db, on_pg);
    if on_pg {
        // A PostgreSQL database is the user's: kept; only the seed is ours.
        let _ = std::fs::remove_dir_all(&dir);
    } else if !args.keep {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let _ = std::fs::remove_file(dir.join("seed.db"));
        if own_dir {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    result
}

fn bench(
    ctx: &Context,
    args: &BenchServeArgs,
    dir: &Path,
    db: &Path,
    on_pg: bool,
) -> anyhow::Result<()> {
    let exe = std::env::current_exe().context("finding the armsgraph binary")?;
    let have = if on_pg || db.exists() {
        Store::open(db)?.stats()?.documents as usize
    } else {
        0
    };
    let shown = armsgraph_store::pg::shown(db);
    if have < args.documents {
        let started = Instant::now();
        if on_pg {
            build_database_by_insert(ctx, &exe, dir, db, &args.pages, have, args.documents)?;
            eprintln!(
                "stored {} documents in {:.0} s",
                args.documents - have,
                started.elapsed().as_secs_f64()
            );
        } else {
            build_database(ctx, &exe, dir, db, args.documents)?;
            eprintln!(
                "built {} documents in {:.0} s ({:.1} GB)",
                args.documents,
                started.elapsed().as_secs_f64(),
                file_size(db) as f64 / 1e9
            );
        }
    } else {
        eprintln!("reusing {shown} ({have} documents)");
    }
    let routes = routes(db, on_pg)?;
    let port = free_port()?;
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let mut server = Command::new(&exe)
        .arg("--db")
        .arg(db)
        .args(
            ctx.data_dir
                .iter()
                .flat_map(|d| [PathBuf::from("--data-dir"), d.clone()]),
        )
        .arg("serve")
        .arg("--addr")
        .arg(addr.to_string())
        .arg("--max-connections")
        .arg((args.readers * 4).max(256).to_string())
        .env(
            "ARMSGRAPH_VIEW_CACHE",
            if args.no_cache { "off" } else { "on" },
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("starting armsgraph serve")?;
    let outcome = drive(&mut server, addr, &routes, args);
    let _ = server.kill();
    let _ = server.wait();
    let report = outcome?;
    println!("{report}");
    Ok(())
}

fn file_size(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// The demo corpus read by the pipeline (through `armsgraph demo`) into `dir/seed.db`.
fn seed_database(ctx: &Context, exe: &Path, dir: &Path) -> anyhow::Result<PathBuf> {
    let seed = dir.join("seed.db");
    let _ = std::fs::remove_file(&seed);
    let status = Command::new(exe)
        .args(
            ctx.data_dir
                .iter()
                .flat_map(|d| [PathBuf::from("--data-dir"), d.clone()]),
        )
        .arg("demo")
        .arg("--demo-db")
        .arg(&seed)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("running armsgraph demo for the seed documents")?;
    if !status.success() {
        bail!("armsgraph demo failed ({status}): cannot build the seed database");
    }
    Ok(seed)
}

/// The demo corpus read by the pipeline (through `armsgraph demo`), then copied.
fn build_database(
    ctx: &Context,
    exe: &Path,
    dir: &Path,
    db: &Path,
    documents: usize,
) -> anyhow::Result<()> {
    let seed = seed_database(ctx, exe, dir)?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::copy(&seed, db).context("copying the seed database")?;
    let mut store = Store::open(db)?;
    let conn = store.connection_mut();
    conn.pragma_update(None, "synchronous", "OFF")?;
    let originals: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
    if originals == 0 {
        bail!("the demo stored no documents");
    }
    // Indexes are dropped while rows are copied and built again at the end: sorting once is
    // far faster than keeping a dozen indexes up to date row by row.
    let indexes: Vec<String> = {
        let mut stmt =
            conn.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let names: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for name in &names {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    conn.execute_batch(
        "CREATE TEMP TABLE src AS SELECT row_number() OVER (ORDER BY id) AS i, id FROM documents;
         CREATE TEMP TABLE copies (k INTEGER PRIMARY KEY);",
    )?;
    // At least the documents asked for (rounded up to whole copies of the corpus), so that
    // a database kept with `--keep` is reused by the next run that asks for as many.
    let rounds = (documents as i64 + originals - 1)
        .div_euclid(originals)
        .max(1);
    let mut k = 1;
    let batch = 1_000;
    while k < rounds {
        let last = (k + batch).min(rounds);
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM copies", [])?;
        tx.execute(
            "WITH RECURSIVE n(k) AS (SELECT ?1 UNION ALL SELECT k + 1 FROM n WHERE k + 1 < ?2)
             INSERT INTO copies SELECT k FROM n",
            [k, last],
        )?;
        // New ids are 16 hex digits like real ones (copy number, original number); every
        // JSON column has the old id replaced, so links and evidence point at the copy.
        tx.execute_batch(COPY_SQL)?;
        // The stored extraction is deflated (schema 4): each copy's is the original's JSON
        // with the id replaced, deflated again.
        let pairs: Vec<(String, String)> = {
            let mut stmt = tx.prepare("SELECT old, new FROM ids")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (old, new) in pairs {
            armsgraph_store::copy_extraction(&tx, &old, &new)?;
        }
        tx.commit()?;
        k = last;
        eprint!(
            "\rcopying: {} of {} documents",
            k * originals,
            rounds * originals
        );
    }
    eprintln!();
    eprintln!("building indexes");
    for sql in &indexes {
        conn.execute_batch(sql)?;
    }
    // Entity totals as ingest would have counted them.
    conn.execute_batch(
        "DROP TABLE src; DROP TABLE copies;
         UPDATE entity_surfaces SET mentions = (SELECT count(*) FROM mentions m
           WHERE m.entity = entity_surfaces.entity AND m.surface = entity_surfaces.surface);
         UPDATE entity_counts SET
           mentions = (SELECT sum(mentions) FROM entity_documents m WHERE m.entity = entity_counts.entity),
           documents = (SELECT count(*) FROM entity_documents m WHERE m.entity = entity_counts.entity);",
    )?;
    // Every original now stands `rounds` times: the per-entity sums grow with it (the
    // first-seen names and roles are the same text in every copy).
    conn.execute(
        "UPDATE entity_edges SET events = events * ?1, pairs = pairs * ?1",
        [rounds],
    )?;
    conn.execute(
        "UPDATE entity_affiliation_set SET mentioned_docs = mentioned_docs * ?1",
        [rounds],
    )?;
    conn.execute_batch("ANALYZE;")?;
    // The per-pair alert facts are sums over every event: built from the copied events as an
    // upgrade would (one pass over the alert-candidate events).
    eprintln!("keeping alert facts");
    store.rebuild_pair_facts()?;
    Ok(())
}

/// The seed documents read by the pipeline, then stored again and again through the store's
/// own insert (`Store::insert`: every table, index, copy cluster and view kept as ingest keeps
/// them), each time as a different story ([`Variant`]). For PostgreSQL, where the SQLite copy
/// above does not apply; two writers, each with its own connection. Resumes from `have`
/// documents (copy numbers are positions, so a resumed build makes the same copies).
fn build_database_by_insert(
    ctx: &Context,
    exe: &Path,
    dir: &Path,
    db: &Path,
    pages: &[PathBuf],
    have: usize,
    documents: usize,
) -> anyhow::Result<()> {
    let seed = seed_database(ctx, exe, dir)?;
    if !pages.is_empty() {
        ingest_pages(ctx, exe, &seed, pages)?;
    }
    let seed_store = Store::open(&seed)?;
    let mut originals = Vec::new();
    for summary in seed_store.documents(100_000, 0)? {
        if let Some(doc) = seed_store.document(&summary.id)? {
            originals.push(doc.extraction);
        }
    }
    if originals.is_empty() {
        bail!("the seed stored no documents");
    }
    eprintln!("{} seed documents read by the pipeline", originals.len());
    let corpus = Arc::new(Variant::corpus(originals)?);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(have));
    let started = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (corpus, next, db) = (corpus.clone(), next.clone(), db.to_path_buf());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut store = Store::open(&db)?;
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if n >= documents {
                        return Ok(());
                    }
                    let ex = corpus.variant(n)?;
                    store
                        .insert(&ex)
                        .with_context(|| format!("storing copy {n}"))?;
                    if n % 1000 == 0 {
                        let done = n.saturating_sub(have) as f64;
                        eprint!(
                            "\rstoring: {n} of {documents} documents ({:.0}/s)",
                            done / started.elapsed().as_secs_f64().max(1e-3)
                        );
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join()
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))??;
    }
    eprintln!();
    Ok(())
}

/// Writers storing the PostgreSQL bench corpus at once: each waits for the server on every
/// statement of an insert, so a few more than the cores keep both busy.
const WRITERS: usize = 4;

/// `armsgraph ingest PAGES` into the seed database: real pages read by the pipeline once.
fn ingest_pages(ctx: &Context, exe: &Path, seed: &Path, pages: &[PathBuf]) -> anyhow::Result<()> {
    let status = Command::new(exe)
        .arg("--db")
        .arg(seed)
        .args(
            ctx.data_dir
                .iter()
                .flat_map(|d| [PathBuf::from("--data-dir"), d.clone()]),
        )
        .arg("ingest")
        .args(pages)
        .args(["--time-budget", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("running armsgraph ingest for the seed pages")?;
    if !status.success() {
        bail!("armsgraph ingest of the seed pages failed ({status})");
    }
    Ok(())
}

/// The bench corpus: each stored document is one real reading (a seed document as the
/// pipeline stored it, its mentions, events and quotes unchanged) followed by paragraphs of
/// other real pages, under a headline of its own and a shifted date, so that it is a
/// different text — its own id, content hash and MinHash signature — and copies of one seed
/// do not pile up in one copy cluster.
///
/// Why this shape: appending after the seed's text keeps every span of its reading valid (the
/// text is never rewritten, only extended), so the stored rows are what ingest would store for
/// such a page, without running the pipeline 100,000 times. The added paragraphs are at least
/// [`FILLER_RATIO`] times the seed's text, which puts the word-set overlap of a variant with
/// its seed at most 1 / (1 + ratio) and of two variants of one seed at most
/// 1 / (1 + 2 × ratio) — under the near-duplicate threshold (0.5). Their digits are changed
/// too, each by its own step in each document ([`shift_digits`]), so the numbers and dates
/// they bring are no translation anchors shared with the page they came from or with the
/// other documents.
struct Variant {
    originals: Vec<Extraction>,
    /// Paragraphs of every seed, by language (`None`: undetected), as (text, kind).
    paragraphs: BTreeMap<Option<String>, Vec<(String, ParagraphKind)>>,
}

/// Added text per char of the seed's (see [`Variant`]).
const FILLER_RATIO: usize = 2;
/// Added text at least, for short seeds.
const FILLER_MIN_CHARS: usize = 1_500;

impl Variant {
    fn corpus(originals: Vec<Extraction>) -> anyhow::Result<Variant> {
        let mut paragraphs: BTreeMap<Option<String>, Vec<(String, ParagraphKind)>> =
            BTreeMap::new();
        for ex in &originals {
            let chars: Vec<char> = ex.document.text.chars().collect();
            for p in &ex.document.paragraphs {
                let Some(text) = chars.get(p.span.start..p.span.end) else {
                    continue;
                };
                let text: String = text.iter().collect();
                // Headings and one-liners add little text; whole paragraphs read like news.
                if text.split_whitespace().count() >= 12 {
                    paragraphs
                        .entry(ex.document.language.clone())
                        .or_default()
                        .push((text, p.kind));
                }
            }
        }
        if paragraphs.values().all(Vec::is_empty) {
            bail!("the seed documents have no paragraphs to vary them with");
        }
        Ok(Variant {
            originals,
            paragraphs,
        })
    }

    /// Stored document number `n`: the seeds themselves first, then variants.
    fn variant(&self, n: usize) -> anyhow::Result<Extraction> {
        let original = &self.originals[n % self.originals.len()];
        if n < self.originals.len() {
            return Ok(original.clone());
        }
        let round = n / self.originals.len();
        let base_chars = original.document.text.chars().count();
        let wanted = (base_chars * FILLER_RATIO).max(FILLER_MIN_CHARS);
        // Paragraphs of the seed's language when they are many times what one variant takes
        // (each language's full-text configuration then sees its own words, and variants of
        // one seed draw different paragraphs), else of all seeds: a language of two pages
        // would give every variant the same paragraphs, making them copies of each other.
        let same: &[(String, ParagraphKind)] = self
            .paragraphs
            .get(&original.document.language)
            .map_or(&[], Vec::as_slice);
        let same_bytes: usize = same.iter().map(|(p, _)| p.len()).sum();
        let pool: Vec<&(String, ParagraphKind)> = if same_bytes >= 20 * wanted {
            same.iter().collect()
        } else {
            self.paragraphs.values().flatten().collect()
        };
        let mut text = original.document.text.clone();
        let mut chars = base_chars;
        let mut paragraphs = original.document.paragraphs.clone();
        let mut added = 0;
        let mut pick = splitmix(n as u64);
        let mut headline = None;
        // Each paragraph at most once per variant; the pool is never empty (checked above).
        let mut used = std::collections::BTreeSet::new();
        while added < wanted && used.len() < pool.len() {
            pick = splitmix(pick);
            let i = (pick % pool.len() as u64) as usize;
            if !used.insert(i) {
                continue;
            }
            let (para, kind) = pool[i];
            let para = shift_digits(para, n as u64);
            if headline.is_none() {
                headline = Some(
                    para.split_whitespace()
                        .take(9)
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            if !text.is_empty() {
                text.push_str("\n\n");
                chars += 2;
            }
            let len = para.chars().count();
            text.push_str(&para);
            paragraphs.push(Paragraph {
                span: Span::new(chars, chars + len),
                kind: *kind,
            });
            chars += len;
            added += len;
        }
        let (id, content_hash) = armsgraph_extract::copies::document_id(&text);
        // The reading keeps its spans; only the id it is filed under changes everywhere.
        let json = serde_json::to_string(original)?.replace(&original.document.id, &id);
        let mut ex: Extraction = serde_json::from_str(&json)?;
        let doc = &mut ex.document;
        doc.minhash = armsgraph_extract::copies::signature(&text);
        doc.text = text;
        doc.paragraphs = paragraphs;
        doc.content_hash = content_hash;
        doc.title = Some(match (&doc.title, headline) {
            (Some(t), Some(h)) => format!("{t}: {h}"),
            (Some(t), None) => format!("{t} ({round})"),
            (None, Some(h)) => h,
            (None, None) => format!("Story {n}"),
        });
        if let Some(p) = &mut doc.published {
            p.value = shift_date(&p.value, round);
        }
        doc.origin = format!("{}#{n}", doc.origin);
        if let Some(url) = &mut doc.url {
            url.push_str(&format!("#{n}"));
        }
        Ok(ex)
    }
}

/// A fixed pseudo-random step (the same variants on every run).
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Every digit moved by its own pseudo-random step (mod 10), drawn from `key`: numbers keep
/// their length, so the text stays as long. Why per digit and per document: with one step for
/// all (the former shift by round) the documents stored at the same moment — same round,
/// paragraphs from one pool — shared their numbers, so every insert waited on the others'
/// copy-cluster locks on those numbers (pg_clusters.rs) and the translation lookup scanned
/// hundreds of holders per number: ≈ 20 documents/s, falling as the store grew.
fn shift_digits(text: &str, key: u64) -> String {
    let mut step = splitmix(key);
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => {
                step = splitmix(step);
                char::from_digit((d + (step % 10) as u32) % 10, 10).unwrap_or(c)
            }
            None => c,
        })
        .collect()
}

/// An ISO date (`YYYY-MM-DD…`) moved back by `round` weeks, within the same day of week; a
/// value that is no such date is kept. Whole days by the civil calendar, no time-zone math.
fn shift_date(value: &str, round: usize) -> String {
    use armsgraph_nlp::time::Date;
    let part = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<u32>().ok());
    let year = value.get(0..4).and_then(|s| s.parse::<i32>().ok());
    let dashes = value.get(4..5) == Some("-") && value.get(7..8) == Some("-");
    let date = match (year, part(5..7), part(8..10)) {
        (Some(y), Some(m), Some(d)) if dashes => Date::new(y, m, d),
        _ => None,
    };
    let Some(date) = date else {
        return value.to_string();
    };
    format!(
        "{}{}",
        date.add_days(-7 * (round % 520) as i64),
        value.get(10..).unwrap_or_default()
    )
}

const COPY_SQL: &str = "
CREATE TEMP TABLE IF NOT EXISTS ids (old TEXT, new TEXT, k INTEGER);
DELETE FROM ids;
INSERT INTO ids SELECT s.id, printf('%08x%08x', c.k, s.i), c.k FROM src s CROSS JOIN copies c;
INSERT INTO documents(id, content_hash, origin, url, title, publisher, language, published,
    cluster_id, ingested_at, extraction)
  SELECT ids.new, d.content_hash || '#' || ids.k, d.origin || '#' || ids.k,
    CASE WHEN d.url IS NULL THEN NULL ELSE d.url || '#' || ids.k END, d.title, d.publisher,
    d.language, d.published, NULL, d.ingested_at, X''
  FROM ids JOIN documents d ON d.id = ids.old;
INSERT INTO documents_fts(doc_id, title, body)
  SELECT ids.new, f.title, f.body FROM ids JOIN documents_fts f ON f.doc_id = ids.old;
INSERT INTO mentions(doc_id, start, end, surface, entity, kind, name, json)
  SELECT ids.new, m.start, m.end, m.surface, m.entity, m.kind, m.name, replace(m.json, ids.old, ids.new)
  FROM ids JOIN mentions m ON m.doc_id = ids.old;
INSERT INTO events(id, doc_id, seq, event_type, mode, time_start, time_end, confidence, summary,
    json, factuality, has_arms, military)
  SELECT replace(e.id, ids.old, ids.new), ids.new, e.seq, e.event_type, e.mode, e.time_start,
    e.time_end, e.confidence, e.summary, replace(e.json, ids.old, ids.new), e.factuality,
    e.has_arms, e.military
  FROM ids JOIN events e ON e.doc_id = ids.old;
INSERT INTO event_roles(event_id, role, entity)
  SELECT replace(r.event_id, ids.old, ids.new), r.role, r.entity
  FROM ids JOIN events e ON e.doc_id = ids.old JOIN event_roles r ON r.event_id = e.id;
INSERT INTO quotes(id, doc_id, seq, speaker, json, msg_start, msg_end)
  SELECT replace(q.id, ids.old, ids.new), ids.new, q.seq, q.speaker,
    replace(q.json, ids.old, ids.new), q.msg_start, q.msg_end
  FROM ids JOIN quotes q ON q.doc_id = ids.old;
INSERT INTO actors(doc_id, seq, entity, kind, name, json)
  SELECT ids.new, a.seq, a.entity, a.kind, a.name, a.json FROM ids JOIN actors a ON a.doc_id = ids.old;
INSERT INTO actor_roles(doc_id, actor_seq, seq, entity, json)
  SELECT ids.new, a.actor_seq, a.seq, a.entity, a.json
  FROM ids JOIN actor_roles a ON a.doc_id = ids.old;
INSERT INTO actor_affiliations(doc_id, actor_seq, entity, kind, name, affiliation)
  SELECT ids.new, a.actor_seq, a.entity, a.kind, a.name, a.affiliation
  FROM ids JOIN actor_affiliations a ON a.doc_id = ids.old;
INSERT INTO entity_events(entity, doc_id, seq, event_id, undated, time_start)
  SELECT x.entity, ids.new, x.seq, replace(x.event_id, ids.old, ids.new), x.undated, x.time_start
  FROM ids JOIN entity_events x ON x.doc_id = ids.old;
INSERT INTO entity_lines(entity, line, counterpart, sort_date, doc_id, seq, pos, event_id)
  SELECT x.entity, x.line, x.counterpart, x.sort_date, ids.new, x.seq, x.pos,
    replace(x.event_id, ids.old, ids.new)
  FROM ids JOIN entity_lines x ON x.doc_id = ids.old;
INSERT INTO edge_events(entity, actor, recipient, relation, doc_id, seq, event_id)
  SELECT x.entity, x.actor, x.recipient, x.relation, ids.new, x.seq,
    replace(x.event_id, ids.old, ids.new)
  FROM ids JOIN edge_events x ON x.doc_id = ids.old;
INSERT INTO entity_documents(entity, doc_id, mentions)
  SELECT e.entity, ids.new, e.mentions FROM ids JOIN entity_documents e ON e.doc_id = ids.old;
INSERT INTO document_alerts(doc_id, seq, json)
  SELECT ids.new, a.seq, replace(a.json, ids.old, ids.new)
  FROM ids JOIN document_alerts a ON a.doc_id = ids.old;
";

/// What the readers request: the corpus's main entities, a rare one, searches, and documents
/// picked across the whole database.
fn routes(db: &Path, on_pg: bool) -> anyhow::Result<Vec<Route>> {
    let store = Store::open(db)?;
    let docs: Vec<String> = if on_pg {
        // Pages of the list spread over the whole store (the SQLite query below reaches
        // under the store; this one goes through it).
        let total = store.stats()?.documents.max(1) as usize;
        let step = (total / 200).max(1);
        let mut docs = Vec::new();
        for i in 0..200.min(total) {
            docs.extend(store.documents(1, i * step)?.into_iter().map(|d| d.id));
        }
        docs
    } else {
        let mut stmt = store.connection().prepare(
            "SELECT id FROM documents WHERE rowid IN
               (SELECT abs(random()) % (SELECT max(rowid) FROM documents) + 1 FROM documents LIMIT 200)",
        )?;
        let docs = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        docs
    };
    let docs = if docs.is_empty() {
        store.documents(50, 0)?.into_iter().map(|d| d.id).collect()
    } else {
        docs
    };
    let entities = [
        "AZE",
        "BLR",
        "USA",
        "RUS",
        "AFG",
        "DEU",
        "HKG",
        "person:vladimir-putin",
    ];
    let each = |f: &dyn Fn(&str) -> String, items: &[&str]| items.iter().map(|e| f(e)).collect();
    let doc_refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    Ok(vec![
        Route {
            name: "/",
            paths: vec!["/".into()],
        },
        Route {
            name: "/search",
            paths: each(
                &|q| format!("/search?q={q}"),
                &[
                    "Belarus",
                    "Aserbaidschan",
                    "Taliban",
                    "helicopter",
                    "Sondland",
                ],
            ),
        },
        Route {
            name: "/api/search",
            paths: each(
                &|q| format!("/api/search?q={q}"),
                &["Azerbaijan", "hostages", "Syria", "Ukraine"],
            ),
        },
        Route {
            name: "/entities/{id}",
            paths: each(&|e| format!("/entities/{e}"), &entities),
        },
        Route {
            name: "/api/entities/{id}",
            paths: each(&|e| format!("/api/entities/{e}"), &entities),
        },
        Route {
            name: "/alerts",
            paths: vec!["/alerts".into()],
        },
        Route {
            name: "/api/alerts",
            paths: vec!["/api/alerts".into()],
        },
        Route {
            name: "/graph",
            paths: vec!["/graph".into()],
        },
        Route {
            name: "/api/graph",
            paths: each(
                &|e| format!("/api/graph?entity={e}"),
                &["AZE", "BLR", "USA", "AFG"],
            ),
        },
        Route {
            name: "/timeline",
            paths: each(&|e| format!("/timeline?actor={e}"), &["AZE", "BLR", "AFG"]),
        },
        Route {
            name: "/api/events",
            paths: each(
                &|e| format!("/api/events?involving={e}&limit=50"),
                &["AZE", "BLR", "USA"],
            ),
        },
        Route {
            name: "/documents",
            paths: vec!["/documents".into(), "/documents?page=50".into()],
        },
        Route {
            name: "/documents/{id}",
            paths: each(&|d| format!("/documents/{d}"), &doc_refs),
        },
        Route {
            name: "/api/documents/{id}",
            paths: each(&|d| format!("/api/documents/{d}"), &doc_refs),
        },
    ])
}

fn free_port() -> anyhow::Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(l.local_addr()?.port())
}

/// One GET; the status code and the bytes of the answer.
fn get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, usize)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    )?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let status = buf
        .get(9..12)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Ok((status, buf.len()))
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[derive(Default)]
struct Samples {
    /// Milliseconds per request, by route.
    latency: BTreeMap<&'static str, Vec<f64>>,
    errors: BTreeMap<&'static str, usize>,
    bytes: BTreeMap<&'static str, usize>,
}

fn drive(
    server: &mut Child,
    addr: SocketAddr,
    routes: &[Route],
    args: &BenchServeArgs,
) -> anyhow::Result<String> {
    let ready = Instant::now();
    loop {
        if let Some(status) = server.try_wait()? {
            bail!("armsgraph serve exited ({status}) before answering");
        }
        if matches!(get(addr, "/api/stats"), Ok((200, _))) {
            break;
        }
        if ready.elapsed() > Duration::from_secs(120) {
            bail!("armsgraph serve did not answer within 2 minutes");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    // One warm-up pass: the first request of a whole-store view (alerts) computes it once
    // per data generation; that first time is reported apart.
    let mut first = Vec::new();
    for r in routes {
        if let Some(p) = r.paths.first() {
            let t = Instant::now();
            // A failed first request shows as an error of the route in the main run too.
            let _ = get(addr, p);
            first.push((r.name, t.elapsed().as_secs_f64() * 1e3));
        }
    }
    let pid = server.id();
    let samples = Arc::new(Mutex::new(Samples::default()));
    let memory = Arc::new(Mutex::new(Vec::<(f64, u64)>::new()));
    let load = Arc::new(Mutex::new(Vec::<f64>::new()));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(args.seconds);
    let routes = Arc::new(
        routes
            .iter()
            .map(|r| (r.name, r.paths.clone()))
            .collect::<Vec<_>>(),
    );
    let mut threads = Vec::new();
    for reader in 0..args.readers {
        let samples = Arc::clone(&samples);
        let routes = Arc::clone(&routes);
        threads.push(std::thread::spawn(move || {
            let mut n = reader * 7;
            while Instant::now() < deadline {
                let (name, paths) = &routes[n % routes.len()];
                let path = &paths[(n / routes.len()) % paths.len()];
                n += 1;
                let t = Instant::now();
                let outcome = get(addr, path);
                let ms = t.elapsed().as_secs_f64() * 1e3;
                let mut s = samples.lock().unwrap_or_else(|p| p.into_inner());
                match outcome {
                    Ok((200, bytes)) => {
                        s.latency.entry(name).or_default().push(ms);
                        *s.bytes.entry(name).or_default() += bytes;
                    }
                    _ => *s.errors.entry(name).or_default() += 1,
                }
            }
        }));
    }
    {
        let memory = Arc::clone(&memory);
        let load = Arc::clone(&load);
        threads.push(std::thread::spawn(move || {
            while Instant::now() < deadline {
                if let Some(kb) = rss_kb(pid) {
                    memory
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((start.elapsed().as_secs_f64(), kb));
                }
                if let Some(l) = load_average() {
                    load.lock().unwrap_or_else(|p| p.into_inner()).push(l);
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }));
    }
    for t in threads {
        let _ = t.join();
    }
    let samples = samples.lock().unwrap_or_else(|p| p.into_inner());
    let memory = memory.lock().unwrap_or_else(|p| p.into_inner());
    let load = load.lock().unwrap_or_else(|p| p.into_inner());
    Ok(report(&samples, &memory, &load, &first, args))
}

/// The one-minute load average of the machine (other work competing for the cores).
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn report(
    samples: &Samples,
    memory: &[(f64, u64)],
    load: &[f64],
    first: &[(&'static str, f64)],
    args: &BenchServeArgs,
) -> String {
    let mut out = format!(
        "{} readers for {} s on {} documents{}; load average {} (1 min, sampled each second: min {:.1}, max {:.1}) on {} cores\n\n{:<22} {:>7} {:>6} {:>9} {:>9} {:>9} {:>10} {:>11}\n",
        args.readers,
        args.seconds,
        args.documents,
        if args.no_cache {
            " (view cache off)"
        } else {
            ""
        },
        format_args!(
            "{:.1}",
            load.iter().sum::<f64>() / load.len().max(1) as f64
        ),
        load.iter().copied().fold(f64::INFINITY, f64::min),
        load.iter().copied().fold(0.0, f64::max),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        "route",
        "ok",
        "errors",
        "p50 ms",
        "p99 ms",
        "max ms",
        "KB/answer",
        "first ms"
    );
    let mut total = 0;
    for (name, first_ms) in first {
        let mut l = samples.latency.get(name).cloned().unwrap_or_default();
        l.sort_by(|a, b| a.total_cmp(b));
        total += l.len();
        let bytes = samples.bytes.get(name).copied().unwrap_or(0);
        out.push_str(&format!(
            "{:<22} {:>7} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>10.1} {:>11.1}\n",
            name,
            l.len(),
            samples.errors.get(name).copied().unwrap_or(0),
            percentile(&l, 50.0),
            percentile(&l, 99.0),
            l.last().copied().unwrap_or(0.0),
            bytes as f64 / l.len().max(1) as f64 / 1024.0,
            first_ms
        ));
    }
    out.push_str(&format!(
        "\n{total} answers, {:.0} per second\n",
        total as f64 / args.seconds as f64
    ));
    if let (Some(first), Some(last)) = (memory.first(), memory.last()) {
        let max = memory.iter().map(|m| m.1).max().unwrap_or(0);
        out.push_str(&format!(
            "server RSS: {:.0} MB at start, {:.0} MB at the end, {:.0} MB at most; every 5 s:",
            first.1 as f64 / 1024.0,
            last.1 as f64 / 1024.0,
            max as f64 / 1024.0
        ));
        for (t, kb) in memory.iter().step_by(5) {
            out.push_str(&format!(" {t:.0}s={:.0}", *kb as f64 / 1024.0));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use armsgraph_model::{Document, Event, Mention};

    #[test]
    fn dates_move_back_by_whole_weeks_across_months_and_leap_days() {
        assert_eq!(shift_date("2024-03-01", 0), "2024-03-01");
        assert_eq!(shift_date("2024-03-01", 1), "2024-02-23");
        assert_eq!(
            shift_date("2024-03-07T09:30:00Z", 1),
            "2024-02-29T09:30:00Z"
        );
        assert_eq!(shift_date("2025-01-03", 1), "2024-12-27");
        assert_eq!(shift_date("no date", 3), "no date");
        assert_eq!(shift_date("2024-13-01", 3), "2024-13-01");
    }

    fn page(id: &str, language: &str, text: &str) -> Extraction {
        let mut paragraphs = Vec::new();
        let mut at = 0;
        for p in text.split("\n\n") {
            let n = p.chars().count();
            paragraphs.push(Paragraph {
                span: Span::new(at, at + n),
                kind: ParagraphKind::Body,
            });
            at += n + 2;
        }
        Extraction {
            document: Document {
                id: id.into(),
                content_hash: format!("{id}-hash"),
                origin: format!("{id}.html"),
                language: Some(language.into()),
                title: Some(format!("Title {id}")),
                text: text.into(),
                paragraphs,
                ..Default::default()
            },
            entities: vec![Mention {
                span: Span::new(0, 5),
                text: text.chars().take(5).collect(),
                ..Default::default()
            }],
            events: vec![Event {
                id: format!("{id}:e1"),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn variants_are_distinct_texts_that_keep_the_seed_reading() {
        let sentence = |w: &str| {
            format!("{w} said on Monday that 12 tanks and 345 shells were sent to the front.")
        };
        let a = page(
            "a000000000000001",
            "en",
            &format!("{}\n\n{}", sentence("Alpha"), sentence("Beta")),
        );
        let b = page(
            "b000000000000002",
            "en",
            &format!("{}\n\n{}", sentence("Gamma"), sentence("Delta")),
        );
        let corpus = Variant::corpus(vec![a.clone(), b]).unwrap();
        assert_eq!(
            corpus.variant(0).unwrap(),
            a,
            "the seeds themselves come first"
        );
        let v = corpus.variant(2).unwrap();
        let w = corpus.variant(4).unwrap();
        assert!(v.document.text.starts_with(&a.document.text));
        assert_ne!(v.document.id, a.document.id);
        assert_ne!(v.document.id, w.document.id);
        assert_ne!(v.document.content_hash, w.document.content_hash);
        assert_eq!(
            v.events[0].id,
            format!("{}:e1", v.document.id),
            "the reading is filed under the new id"
        );
        assert_eq!(v.entities[0].span, a.entities[0].span);
        let chars: Vec<char> = v.document.text.chars().collect();
        for p in &v.document.paragraphs {
            assert!(p.span.end <= chars.len());
        }
        assert!(
            v.document.text.chars().count()
                >= a.document.text.chars().count() + FILLER_MIN_CHARS.min(100)
        );
        assert_ne!(v.document.title, a.document.title);
    }
}
