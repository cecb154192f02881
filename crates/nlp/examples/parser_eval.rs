//! Parser experiments: train on CoNLL-U files, score dev/test after chosen epochs, time parsing.
//!
//! ```text
//! cargo run --release -p armsgraph-nlp --example parser_eval -- \
//!     --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu --test en_ewt-ud-test.conllu \
//!     --epochs 5,10,15 [--seed 1] [--holdout 10] [--delex] [--tbits 0=auto] [--lbits 16] [--save m.bin]
//! cargo run --release -p armsgraph-nlp --example parser_eval -- --load m.bin --test t.conllu
//! ```
//! Files are plain CoNLL-U (decompress `.xz` first). Several files: comma-separated.
//! `--aux F` adds treebanks of other languages (`--aux-delex`: without their word forms).
//! `--pred-tags`: replace the test (and dev) UPOS/FEATS by those of a trivial lexical tagger
//! (most frequent analysis of the form, else of its 3-letter suffix) trained on the training
//! sentences; `--jackknife`: train the parser on 10-fold jack-knifed tags of that tagger.
//! `--holdout P` keeps the last P % of the training sentences as dev.

use std::time::Instant;

use armsgraph_nlp::syntax::conllu::{self, ConlluSentence};
use armsgraph_nlp::syntax::parser::{
    attachment_scores, AttachmentScores, ParserModel, ParserTrainer, TrainConfig,
};

fn read(paths: &str) -> Vec<ConlluSentence> {
    let mut out = Vec::new();
    for p in paths.split(',').filter(|p| !p.is_empty()) {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        out.extend(conllu::parse(&text).unwrap_or_else(|e| panic!("{p}: {e}")));
    }
    out
}

fn score(model: &ParserModel, gold: &[ConlluSentence]) -> (AttachmentScores, f64) {
    let start = Instant::now();
    let predicted: Vec<Vec<(usize, String)>> = gold
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
            let feats: Vec<&str> = s.words.iter().map(|w| w.feats.as_str()).collect();
            model.parse(&forms, &upos, &feats)
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    (
        attachment_scores(gold, &predicted),
        gold.len() as f64 / secs,
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let mut train = read(&arg("--train").unwrap_or_default());
    let mut dev = read(&arg("--dev").unwrap_or_default());
    if let Some(p) = arg("--holdout").and_then(|p| p.parse::<usize>().ok()) {
        let keep = train.len() - train.len() * p / 100;
        dev.extend(train.split_off(keep));
    }
    // Auxiliary treebanks (other languages): relations whose subtype the main treebank
    // lacks are reduced to their universal part.
    let aux = read(&arg("--aux").unwrap_or_default());
    if !aux.is_empty() {
        let known: std::collections::BTreeSet<String> = train
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
            .collect();
        let repeat: usize = arg("--repeat").and_then(|r| r.parse().ok()).unwrap_or(1);
        let main = train.clone();
        for _ in 1..repeat {
            train.extend(main.iter().cloned());
        }
        let aux_delex = args.iter().any(|a| a == "--aux-delex");
        for mut s in aux {
            for w in &mut s.words {
                if aux_delex {
                    w.form = "_".into();
                }
                if !known.contains(&w.deprel) {
                    w.deprel = w.deprel.split(':').next().unwrap_or("dep").to_string();
                }
            }
            train.push(s);
        }
    }
    let mut tests: Vec<(String, Vec<ConlluSentence>)> = arg("--test")
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| (p.rsplit('/').next().unwrap_or(p).to_string(), read(p)))
        .collect();
    if args.iter().any(|a| a == "--pred-tags") {
        // Tags only change the input columns; heads and relations stay gold for scoring.
        let tagger = LexTagger::train(&train);
        for (name, t) in &mut tests {
            let gold = t.clone();
            t.iter_mut().for_each(|s| tagger.tag(s));
            println!("{name}: lexical tagger UPOS {:.4}", upos_accuracy(&gold, t));
        }
        dev.iter_mut().for_each(|s| tagger.tag(s));
    }
    if args.iter().any(|a| a == "--jackknife") {
        jackknife(&mut train);
    }
    let epochs: Vec<usize> = arg("--epochs")
        .unwrap_or_else(|| "10".into())
        .split(',')
        .filter_map(|e| e.parse().ok())
        .collect();
    let config = TrainConfig {
        epochs: epochs.iter().copied().max().unwrap_or(10),
        seed: arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(1),
        lexical: !args.iter().any(|a| a == "--delex"),
        transition_bits: arg("--tbits").and_then(|s| s.parse().ok()).unwrap_or(0),
        label_bits: arg("--lbits").and_then(|s| s.parse().ok()).unwrap_or(16),
        explore_p: arg("--explore").and_then(|s| s.parse().ok()).unwrap_or(0.9),
        ..TrainConfig::default()
    };
    println!(
        "train {} sentences, dev {}, {:?}",
        train.len(),
        dev.len(),
        config
    );
    if let Some(path) = arg("--load") {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let model = ParserModel::from_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("{path}: {} ({} bytes)", model.about(), bytes.len());
        for (name, t) in &tests {
            let (s, speed) = score(&model, t);
            println!(
                "{name} uas {:.4} las {:.4} core {:.4} {speed:.0} sent/s",
                s.uas, s.las, s.core_f1
            );
        }
        return;
    }
    let start = Instant::now();
    let mut trainer = ParserTrainer::new(&train, &config);
    let mut last = None;
    for e in 1..=config.epochs {
        trainer.epoch();
        if !epochs.contains(&e) {
            continue;
        }
        let model = trainer.model();
        let size = model.to_bytes().len();
        let mut line = format!(
            "epoch {e:2} ({:.0}s) size {:.2} MB",
            start.elapsed().as_secs_f64(),
            size as f64 / 1e6
        );
        if !dev.is_empty() {
            let (s, _) = score(&model, &dev);
            line += &format!(
                " | dev uas {:.4} las {:.4} core {:.4}",
                s.uas, s.las, s.core_f1
            );
        }
        for (name, t) in &tests {
            let (s, speed) = score(&model, t);
            line += &format!(
                " | {name} uas {:.4} las {:.4} core {:.4} {:.0} sent/s",
                s.uas, s.las, s.core_f1, speed
            );
        }
        println!("{line}");
        last = Some(model);
    }
    if let (Some(model), true) = (&last, args.iter().any(|a| a == "--core-errors")) {
        for (name, t) in &tests {
            core_errors(model, name, t);
        }
    }
    if let (Some(model), Some(path)) = (last, arg("--save")) {
        std::fs::write(&path, model.to_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

/// Where core-argument arcs go wrong: wrong head, or right head with another relation.
fn core_errors(model: &ParserModel, name: &str, gold: &[ConlluSentence]) {
    let core = ["nsubj", "nsubj:pass", "obj", "iobj", "csubj", "obl:agent"];
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for s in gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
        let feats: Vec<&str> = s.words.iter().map(|w| w.feats.as_str()).collect();
        for (w, (h, l)) in s.words.iter().zip(model.parse(&forms, &upos, &feats)) {
            let (gc, pc) = (
                core.contains(&w.deprel.as_str()),
                core.contains(&l.as_str()),
            );
            if gc && w.head != h {
                *counts
                    .entry(format!("gold {} head wrong", w.deprel))
                    .or_default() += 1;
            } else if (gc || pc) && w.deprel != l {
                *counts.entry(format!("{} -> {}", w.deprel, l)).or_default() += 1;
            } else if pc && w.head != h {
                *counts
                    .entry(format!("pred {l} head wrong (fp)"))
                    .or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    println!("{name}: core errors {:?}", &v[..v.len().min(25)]);
}

/// Most frequent (UPOS, FEATS) per form, else per lowercased 3-letter suffix.
struct LexTagger {
    by_form: std::collections::HashMap<String, (String, String)>,
    by_suffix: std::collections::HashMap<String, (String, String)>,
}

fn suffix(form: &str) -> String {
    let chars: Vec<char> = form.to_lowercase().chars().collect();
    chars[chars.len().saturating_sub(3)..].iter().collect()
}

impl LexTagger {
    fn train(sents: &[ConlluSentence]) -> LexTagger {
        type Counts =
            std::collections::HashMap<String, std::collections::BTreeMap<(String, String), usize>>;
        let (mut forms, mut sufs): (Counts, Counts) = Default::default();
        for s in sents {
            for w in &s.words {
                let key = (w.upos.clone(), w.feats.clone());
                *forms
                    .entry(w.form.clone())
                    .or_default()
                    .entry(key.clone())
                    .or_default() += 1;
                *sufs
                    .entry(suffix(&w.form))
                    .or_default()
                    .entry(key)
                    .or_default() += 1;
            }
        }
        let best = |c: Counts| {
            c.into_iter()
                .filter_map(|(k, v)| {
                    let top = v.iter().max_by_key(|(_, n)| **n)?.0.clone();
                    Some((k, top))
                })
                .collect()
        };
        LexTagger {
            by_form: best(forms),
            by_suffix: best(sufs),
        }
    }

    fn tag(&self, s: &mut ConlluSentence) {
        for w in &mut s.words {
            let (upos, feats) = self
                .by_form
                .get(&w.form)
                .or_else(|| self.by_suffix.get(&suffix(&w.form)))
                .cloned()
                .unwrap_or_else(|| ("NOUN".into(), "_".into()));
            w.upos = upos;
            w.feats = feats;
        }
    }
}

/// UPOS accuracy of `tagged` against `gold`.
fn upos_accuracy(gold: &[ConlluSentence], tagged: &[ConlluSentence]) -> f64 {
    let (mut right, mut all) = (0usize, 0usize);
    for (g, t) in gold.iter().zip(tagged) {
        for (a, b) in g.words.iter().zip(&t.words) {
            all += 1;
            right += usize::from(a.upos == b.upos);
        }
    }
    right as f64 / all.max(1) as f64
}

/// Re-tags `train` fold by fold with taggers trained on the other folds.
fn jackknife(train: &mut [ConlluSentence]) {
    let folds = 10;
    let originals = train.to_vec();
    for f in 0..folds {
        let others: Vec<ConlluSentence> = originals
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = LexTagger::train(&others);
        for (i, s) in train.iter_mut().enumerate() {
            if i % folds == f {
                tagger.tag(s);
            }
        }
    }
}
