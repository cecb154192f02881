//! `armsgraph train syntax` and `armsgraph eval syntax`: rebuild the syntax models from the
//! UD treebanks, and score them.

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_eval::syntax as eval;
use armsgraph_nlp::syntax::{train, SyntaxError};

use super::Context;

#[derive(Debug, clap::Args)]
pub struct TrainSyntaxArgs {
    /// Train only these languages (repeatable; default: every recipe in
    /// data/syntax/training.toml).
    #[arg(long = "lang")]
    pub languages: Vec<String>,
    /// The Universal Dependencies directory (UD_English-EWT/… inside).
    #[arg(long, default_value = "../shared/data/ud")]
    pub ud_dir: PathBuf,
    /// Where the model files go.
    #[arg(long, default_value = "data/syntax")]
    pub out: PathBuf,
}

pub fn train(ctx: &Context, args: TrainSyntaxArgs) -> anyhow::Result<()> {
    let files = ctx.data_files();
    let recipes = files
        .read("syntax/training.toml")
        .context("reading the training recipes")?;
    // A generated lexicon may be stored `.xz`-compressed (training is its only reader). The
    // binary does not embed the lexicons, so they come from the data directory on disk.
    let sources = ctx.source_files();
    let data_file = |name: &str| {
        let rel = format!("syntax/{name}");
        let raw = sources.read_bytes(&rel).map_err(|e| {
            SyntaxError::Recipe(format!(
                "{e} (run from the repository, or give --data-dir with the data/ folder)"
            ))
        })?;
        train::text_of(&rel, raw)
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let reports = train::train_all(
        &args.ud_dir,
        &args.out,
        &recipes,
        &args.languages,
        &data_file,
    )
    .context("training the syntax models")?;
    for r in &reports {
        println!(
            "{}: {} sentences, {} words, {} epochs, seed {}, {:.1} s, {} bytes → {}",
            r.language,
            r.header.sentences,
            r.header.words,
            r.header.epochs,
            r.header.seed,
            r.seconds,
            r.bytes,
            args.out.join(format!("{}.bin", r.language)).display()
        );
        for s in &r.header.scores {
            println!(
                "  {:<28} words={:>6} upos={:.4} lemma={:.4} feats={:.4}{}",
                s.split,
                s.words,
                s.upos,
                s.lemma,
                s.feats,
                s.las.map(|l| format!(" las={l:.4}")).unwrap_or_default()
            );
        }
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct EvalSyntaxArgs {
    /// A CoNLL-U file (`.conllu` or `.conllu.xz`) or a directory of them.
    pub path: PathBuf,
    /// The language's model to use (default: from the UD file name, `en_ewt-…`).
    #[arg(long)]
    pub lang: Option<String>,
    /// Score this model file instead of the shipped one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: EvalSyntaxArgs) -> anyhow::Result<()> {
    let report = eval::evaluate(
        &ctx.data_files(),
        &args.path,
        args.lang.as_deref(),
        args.model.as_deref(),
    )
    .with_context(|| format!("scoring {}", args.path.display()))?;
    for f in &report.files {
        let per_s = if f.seconds > 0.0 {
            f.scores.sentences as f64 / f.seconds
        } else {
            0.0
        };
        println!(
            "{} [{}] sentences={} words={}: {}",
            f.path.display(),
            f.language,
            f.scores.sentences,
            f.scores.words,
            eval::summary_line(&f.scores, per_s)
        );
    }
    println!(
        "{}",
        eval::summary_line(&report.total, report.sentences_per_second())
    );
    Ok(())
}
