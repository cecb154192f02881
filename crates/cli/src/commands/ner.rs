//! `armsgraph train ner` and `armsgraph eval ner`: rebuild the entity models from the open
//! NER sets, and score them.

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_eval::ner as eval;
use armsgraph_kb::Kb;
use armsgraph_nlp::ner::train::{self, SpanScores};
use armsgraph_nlp::syntax::LanguageModel;

use super::Context;

#[derive(Debug, clap::Args)]
pub struct TrainNerArgs {
    /// Train only these languages (repeatable; default: every recipe in
    /// data/ner/training.toml).
    #[arg(long = "lang")]
    pub languages: Vec<String>,
    /// The NER data directory (UNER_English-EWT/… inside).
    #[arg(long, default_value = "../shared/data/ner")]
    pub ner_dir: PathBuf,
    /// Open sets kept in the repository (`extra:` sources of the recipes).
    #[arg(long, default_value = "data/ner/extra")]
    pub extra_dir: PathBuf,
    /// Where the model files go.
    #[arg(long, default_value = "data/ner")]
    pub out: PathBuf,
}

pub fn train(ctx: &Context, args: TrainNerArgs) -> anyhow::Result<()> {
    let files = ctx.data_files();
    let recipes = files
        .read("ner/training.toml")
        .context("reading the training recipes")?;
    let kb = Kb::load(&files).context("loading the knowledge base")?;
    // The features read the shipped syntax models' UPOS and lemmas.
    let syntax_of = |lang: &str| {
        let bytes = files.read_bytes(&format!("syntax/{lang}.bin")).ok()?;
        LanguageModel::from_bytes(&bytes).ok()
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let sources = train::Sources {
        shared: args.ner_dir.clone(),
        extra: args.extra_dir.clone(),
    };
    let reports = train::train_all(
        &sources,
        &args.out,
        &recipes,
        &args.languages,
        &syntax_of,
        &kb,
    )
    .context("training the entity models")?;
    for r in &reports {
        println!(
            "{}: {} sentences, {} entities, {} epochs, seed {}, {:.1} s, {} bytes → {}",
            r.language,
            r.header.sentences,
            r.header.entities,
            r.header.epochs,
            r.header.seed,
            r.seconds,
            r.bytes,
            args.out.join(format!("{}.bin", r.language)).display()
        );
        for s in &r.header.scores {
            println!(
                "  {:<10} entities={:>5} precision={:.4} recall={:.4} f1={:.4}  {}",
                s.split,
                s.entities,
                s.precision,
                s.recall,
                s.f1,
                s.data.join(" ")
            );
        }
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct EvalNerArgs {
    /// A test split: IOB2/BIO/IOB1 columns (UNER .iob2, CoNLL-2002, NER-UK .iob, WikiANN),
    /// GermEval TSV, or factRuEval (its .tar.xz or an unpacked directory); `.xz` is read.
    pub path: PathBuf,
    /// The language's model to use (default: from the file name, `en_pud-…`, `NER-de-…`).
    #[arg(long)]
    pub lang: Option<String>,
    /// Score this model file instead of the shipped one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// factRuEval: which part to score (`testset` or `devset`).
    #[arg(long)]
    pub split: Option<String>,
    /// Types to score, comma-separated (default: those the model predicts).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
}

pub fn run(ctx: &Context, args: EvalNerArgs) -> anyhow::Result<()> {
    let report = eval::evaluate(
        &ctx.data_files(),
        &args.path,
        args.lang.as_deref(),
        args.model.as_deref(),
        args.split.as_deref(),
        &args.types,
    )
    .with_context(|| format!("scoring {}", args.path.display()))?;
    let total = report.scores.total();
    println!(
        "{} [{}] sentences={} gold entities={} types={} ({:.0} sentences/s)",
        args.path.display(),
        report.language,
        report.scores.sentences,
        report.scores.gold(),
        report.types.join(","),
        if report.seconds > 0.0 {
            report.scores.sentences as f64 / report.seconds
        } else {
            0.0
        }
    );
    if !report.ignored.is_empty() {
        let list: Vec<String> = report
            .ignored
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        println!(
            "not scored (types the model does not predict): {}",
            list.join(", ")
        );
    }
    for (t, &(tp, fp, fn_)) in &report.scores.by_type {
        let (p, r, f) = SpanScores::prf((tp, fp, fn_));
        println!(
            "  {t:<5} gold={:>5} predicted={:>5} precision={p:.4} recall={r:.4} f1={f:.4}",
            tp + fn_,
            tp + fp
        );
    }
    println!("{}", eval::summary_line(total));
    Ok(())
}
