//! `armsgraph eval quotes DIR` and `armsgraph eval events DIR`: score the event stage against
//! public gold data read in place. Each prints its figures, the last line as `key=value`.

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_events::EventReader;
use armsgraph_nlp::Reader;

use super::Context;

/// Score quotations on SpkAtt-2023 task 2 (German Wikinews JSON files under DIR).
#[derive(clap::Args)]
pub struct QuotesEvalArgs {
    /// Directory with SpkAtt task-2 JSON files (searched recursively).
    pub dir: PathBuf,
    /// Score one half of the files, split by article (a stable hash of the article id; the
    /// articles the real-news gold set codes keep its split): tune on `dev` only. `all`
    /// scores every file.
    #[arg(long, value_enum, default_value = "all")]
    pub split: GoldSplit,
    /// The real-news gold set whose SpkAtt articles keep their split (see `--split`).
    #[arg(long, default_value = "tests/gold/news")]
    pub news_gold: PathBuf,
}

/// Score event types and actors on the PLOVER gold-standard records, or (with `--petrarch`, or
/// when DIR holds `PETR.UnitTest.records.xml`) source–target–event triples on the PETRARCH
/// unit tests.
#[derive(clap::Args)]
pub struct EventsEvalArgs {
    /// The plover-gsr directory (or its PLOVER_GSR_CAMEO.json), or the petrarch-unittest one.
    pub dir: PathBuf,
    /// Score on the PETRARCH unit tests.
    #[arg(long)]
    pub petrarch: bool,
    /// CAMEO→PLOVER table for `--petrarch` (default: DIR/../plover-gsr/CAMEO2PLOVER-2021.txt).
    #[arg(long)]
    pub cameo2plover: Option<PathBuf>,
}

fn load(ctx: &Context) -> anyhow::Result<(EventReader, Reader)> {
    let files = ctx.data_files();
    let events = EventReader::load(&files).context("loading event rules")?;
    let nlp = Reader::load(&files).context("loading NLP data")?;
    Ok((events, nlp))
}

pub fn run_quotes(ctx: &Context, args: QuotesEvalArgs) -> anyhow::Result<()> {
    let (events, nlp) = load(ctx)?;
    use armsgraph_eval::quotes::{evaluate_spkatt_split, news_gold_pins, Split};
    let split = Split::from(args.split);
    let pinned = news_gold_pins(&args.news_gold);
    if split != Split::All && pinned.is_empty() {
        eprintln!(
            "note: no real-news gold under {}: the split is by hash alone",
            args.news_gold.display()
        );
    }
    let r = evaluate_spkatt_split(&args.dir, split, &pinned, &events, &nlp)
        .with_context(|| format!("scoring quotes on {}", args.dir.display()))?;
    println!(
        "documents {}  gold annotations {} ({} without a cue)  predicted {}  time {:.1}s",
        r.documents, r.gold_annotations, r.gold_without_cue, r.predicted, r.seconds
    );
    println!(
        "role tokens of cue-less gold annotations (unalignable, counted as misses): {} of {} role false negatives",
        r.role_fn_without_cue, r.role.fn_
    );
    for (name, c) in [
        ("cue", r.cue),
        ("role", r.role),
        ("source", r.source),
        ("message", r.message),
        ("addressee", r.addressee),
        ("joint", r.joint),
    ] {
        println!(
            "{name:<10} P {:.3}  R {:.3}  F1 {:.3}",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    println!(
        "cue_f1={:.3} role_f1={:.3} joint_f1={:.3}",
        r.cue.f1(),
        r.role.f1(),
        r.joint.f1()
    );
    Ok(())
}

pub fn run_events(ctx: &Context, args: EventsEvalArgs) -> anyhow::Result<()> {
    if args.petrarch || args.dir.join("PETR.UnitTest.records.xml").is_file() {
        return run_petrarch(ctx, args);
    }
    let (events, nlp) = load(ctx)?;
    let r = armsgraph_eval::events::evaluate_plover(&args.dir, &nlp, &events)
        .with_context(|| format!("scoring events on {}", args.dir.display()))?;
    println!(
        "sentences {}  without any event {}  time {:.2}s",
        r.sentences, r.no_event, r.seconds
    );
    for (t, (tp, fp, fn_)) in &r.per_type {
        println!("{t:<13} tp {tp:>3}  fp {fp:>3}  fn {fn_:>3}");
    }
    println!(
        "accuracy={:.3} macro_f1={:.3} actor_f1={:.3}",
        r.accuracy(),
        r.macro_f1(),
        r.actor_f1()
    );
    Ok(())
}

fn run_petrarch(ctx: &Context, args: EventsEvalArgs) -> anyhow::Result<()> {
    use armsgraph_eval::events::{evaluate_petrarch, f1_of};
    let events = EventReader::load(&ctx.data_files()).context("loading event rules")?;
    let table = args
        .cameo2plover
        .clone()
        .unwrap_or_else(|| args.dir.join("../plover-gsr/CAMEO2PLOVER-2021.txt"));
    let r = evaluate_petrarch(&args.dir, &table, &events)
        .with_context(|| format!("scoring the PETRARCH unit tests in {}", args.dir.display()))?;
    println!(
        "records {}  gold triples {}  predicted triples {}",
        r.records, r.gold_triples, r.predicted_triples
    );
    for (cat, c) in &r.per_category {
        println!("{cat:<10} tp {:>3}  fp {:>3}  fn {:>3}", c.0, c.1, c.2);
    }
    println!(
        "triple_f1={:.3} dyad_f1={:.3} event_f1={:.3}",
        f1_of(r.triple),
        f1_of(r.dyad),
        f1_of(r.event)
    );
    Ok(())
}

/// Which part of a gold set to score (the real-news set's lines; SpkAtt train's halves).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum GoldSplit {
    Dev,
    Test,
    All,
}

impl From<GoldSplit> for armsgraph_eval::news::Split {
    fn from(s: GoldSplit) -> Self {
        match s {
            GoldSplit::Dev => Self::Dev,
            GoldSplit::Test => Self::Test,
            GoldSplit::All => Self::All,
        }
    }
}

/// Score PLOVER events (strict and lenient) and quote speakers on the real-news gold set.
#[derive(clap::Args)]
pub struct NewsEvalArgs {
    /// Directory with en.jsonl, de.jsonl, ru.jsonl, fr.jsonl, es.jsonl and uk.jsonl
    /// (tests/gold/news).
    pub dir: PathBuf,
    /// The split to score; tune on dev only.
    #[arg(long, value_enum, default_value = "test")]
    pub split: GoldSplit,
    /// The shared data directory holding the articles' source datasets.
    #[arg(long, default_value = "../shared/data")]
    pub shared: PathBuf,
    /// Score only these languages (`--lang en,de,ru`: the figures of issue 12's targets);
    /// every language with a gold file when absent.
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Score only the lines of one annotation batch (`s26`); `none` scores the lines that
    /// carry no batch (the sets before stop 26).
    #[arg(long)]
    pub batch: Option<String>,
}

pub fn run_news(ctx: &Context, args: NewsEvalArgs) -> anyhow::Result<()> {
    use armsgraph_eval::news::{evaluate_news_batch, Split};
    let split = Split::from(args.split);
    let pipeline = ctx.pipeline()?;
    let r = evaluate_news_batch(
        &args.dir,
        &args.shared,
        split,
        &args.lang,
        args.batch.as_deref(),
        &pipeline,
    )
    .with_context(|| format!("scoring the news gold set in {}", args.dir.display()))?;
    let line = |name: &str, c: &armsgraph_eval::news::NewsCounts| {
        println!(
            "{name:<4} articles {:>3}  gold {:>3}  system {:>3}  strict P {:.3} R {:.3}  lenient P {:.3} R {:.3}  factuality {}/{}  quote speakers {}/{} ({:.3})",
            c.articles,
            c.gold_events,
            c.system_events,
            c.strict.precision(),
            c.strict.recall(),
            c.lenient.precision(),
            c.lenient.recall(),
            c.factuality_right,
            c.strict.tp,
            c.quotes_right,
            c.gold_quotes,
            c.quote_accuracy()
        );
    };
    for (lang, c) in &r.per_language {
        line(lang, c);
    }
    let total = r.total();
    line("all", &total);
    // Each annotation batch apart (all languages), when the lines scored come from several.
    if r.per_batch.len() > 1 {
        for (batch, c) in &r.per_batch {
            line(&format!("batch {batch}:"), c);
        }
    }
    for (t, (strict, lenient)) in &r.per_type {
        println!(
            "{t:<10} strict tp {:>3} fp {:>3} fn {:>3}  P {:.3} R {:.3}  lenient tp {:>3} P {:.3} R {:.3}",
            strict.tp,
            strict.fp,
            strict.fn_,
            strict.precision(),
            strict.recall(),
            lenient.tp,
            lenient.precision(),
            lenient.recall()
        );
    }
    println!(
        "gold items not found in the text read: {}  time {:.1}s",
        r.unanchored, r.seconds
    );
    println!(
        "strict_p={:.3} strict_r={:.3} lenient_p={:.3} lenient_r={:.3}",
        total.strict.precision(),
        total.strict.recall(),
        total.lenient.precision(),
        total.lenient.recall()
    );
    Ok(())
}
