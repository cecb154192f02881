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
}

/// Score event types and actors on the PLOVER gold-standard records.
#[derive(clap::Args)]
pub struct EventsEvalArgs {
    /// The plover-gsr directory (or its PLOVER_GSR_CAMEO.json).
    pub dir: PathBuf,
}

fn load(ctx: &Context) -> anyhow::Result<(EventReader, Reader)> {
    let files = ctx.data_files();
    let events = EventReader::load(&files).context("loading event rules")?;
    let nlp = Reader::load(&files).context("loading NLP data")?;
    Ok((events, nlp))
}

pub fn run_quotes(ctx: &Context, args: QuotesEvalArgs) -> anyhow::Result<()> {
    let (events, nlp) = load(ctx)?;
    let r = armsgraph_eval::quotes::evaluate_spkatt(&args.dir, &events, &nlp)
        .with_context(|| format!("scoring quotes on {}", args.dir.display()))?;
    println!(
        "documents {}  gold annotations {} ({} without a cue)  predicted {}  time {:.1}s",
        r.documents, r.gold_annotations, r.gold_without_cue, r.predicted, r.seconds
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
