//! `armsgraph eval actors DIR`: score the entity reader's actor countries on the PLOVER
//! gold-standard records (read in place).

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_eval::actors;

use super::Context;

#[derive(Debug, clap::Args)]
pub struct EvalActorsArgs {
    /// The plover-gsr directory (holding `PLOVER_GSR_CAMEO.json`), or the file itself.
    pub dir: PathBuf,
    /// Score only the first N records.
    #[arg(long)]
    pub limit: Option<usize>,
    /// How many records with errors to list.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
}

pub fn run(ctx: &Context, args: EvalActorsArgs) -> anyhow::Result<()> {
    let report = actors::evaluate_with_data(&ctx.data_files(), &args.dir, args.limit)
        .with_context(|| format!("scoring {}", args.dir.display()))?;
    let mut errors: Vec<&actors::RecordResult> = report
        .results
        .iter()
        .filter(|r| r.gold != r.predicted)
        .collect();
    errors.sort_by_key(|r| std::cmp::Reverse(r.gold.symmetric_difference(&r.predicted).count()));
    for r in errors.iter().take(args.worst) {
        println!(
            "{}: gold {:?} predicted {:?} — {}",
            r.id, r.gold, r.predicted, r.text
        );
    }
    println!("tp={} fp={} fn={}", report.tp, report.fp, report.fn_);
    println!(
        "precision={:.3} recall={:.3} f1={:.3} records={}",
        report.precision(),
        report.recall(),
        report.f1(),
        report.records
    );
    Ok(())
}
