//! Rewrites syntax and entity model files in the current format, checks that nothing but the
//! container changed, and times loading each file before and after (CPU time, best of three)
//! (the figures in docs/notes/syntax.md, "Model files compressed" and "Start-up").
//!
//! cargo run --release -p armsgraph-nlp --example model_files -- data/syntax/*.bin data/ner/*.bin
//! cargo run --release -p armsgraph-nlp --example model_files -- --stored en data/syntax/*.bin
//! cargo run --release -p armsgraph-nlp --example model_files -- --time-only data/syntax/*.bin
//!
//! `--stored LANG[,LANG]`: syntax models of these languages are written uncompressed (format
//! 3, read in place from the binary); the others compressed. A syntax file is rewritten only
//! when its model, written back in the format before 3 (`LanguageModel::legacy_body`), is
//! byte-identical to the old file's body: same weights, same tables, same scores.

use std::time::Instant;

use armsgraph_nlp::ner::NerModel;
use armsgraph_nlp::syntax::bytes::{read_compressed, Reader};
use armsgraph_nlp::syntax::LanguageModel;

/// Sections after a model file's magic line and header: a version-1 file's tail as stored,
/// a version-2 file's body decompressed. Equal tails mean the same model.
fn body_of(data: &[u8]) -> Result<(String, Vec<u8>), String> {
    let line = data
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("no magic line")?;
    let (magic, rest) = data.split_at(line + 1);
    let mut r = Reader::new(rest);
    let header = r.str().map_err(|e| e.to_string())?;
    if magic.ends_with(b" 1\n") {
        // The header's length prefix (4 bytes) and text, then the sections as they are.
        let tail = rest.get(4 + header.len()..).ok_or("truncated")?;
        Ok((header, tail.to_vec()))
    } else {
        Ok((header, read_compressed(&mut r).map_err(|e| e.to_string())?))
    }
}

enum Model {
    Syntax(Box<LanguageModel>),
    Ner(Box<NerModel>),
}

fn load(data: &[u8]) -> Result<Model, String> {
    if data.starts_with(b"ARMSGRAPH-SYNTAX") {
        LanguageModel::from_bytes(data)
            .map(|m| Model::Syntax(Box::new(m)))
            .map_err(|e| e.to_string())
    } else {
        NerModel::from_bytes(data)
            .map(|m| Model::Ner(Box::new(m)))
            .map_err(|e| e.to_string())
    }
}

/// This thread's CPU time in nanoseconds (Linux), which other processes on a shared machine
/// do not inflate as they do wall time; wall time where it cannot be read.
fn cpu_ns(start: Instant) -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| start.elapsed().as_nanos() as u64)
}

/// Best of three loads, in milliseconds of CPU time. A syntax model is read from a leaked
/// `'static` copy, as the binary's embedded file is, so a stored body is read in place.
fn load_ms(data: &[u8]) -> Result<f64, String> {
    let mut best = f64::MAX;
    let origin = Instant::now();
    let shared: &'static [u8] = Box::leak(data.to_vec().into_boxed_slice());
    for _ in 0..3 {
        let before = cpu_ns(origin);
        let m = if data.starts_with(b"ARMSGRAPH-SYNTAX") {
            let bytes = armsgraph_nlp::syntax::packed::Bytes::new(shared.into());
            LanguageModel::read(bytes)
                .map(|m| Model::Syntax(Box::new(m)))
                .map_err(|e| e.to_string())?
        } else {
            load(data)?
        };
        best = best.min((cpu_ns(origin) - before) as f64 / 1e6);
        drop(m);
    }
    Ok(best)
}

fn main() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let time_only = args.first().is_some_and(|a| a == "--time-only");
    if time_only {
        args.remove(0);
    }
    let mut stored: Vec<String> = Vec::new();
    if args.first().is_some_and(|a| a == "--stored") {
        args.remove(0);
        if args.is_empty() {
            return Err("--stored needs languages".into());
        }
        stored = args.remove(0).split(',').map(str::to_string).collect();
    }
    println!("file\tbytes\tload_cpu_ms\tnew_bytes\tnew_load_cpu_ms");
    for path in &args {
        let old = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let old_ms = load_ms(&old).map_err(|e| format!("{path}: {e}"))?;
        if time_only {
            println!("{path}\t{}\t{old_ms:.1}", old.len());
            continue;
        }
        let new = match load(&old).map_err(|e| format!("{path}: {e}"))? {
            Model::Syntax(mut m) => {
                let lang = m.header.language.clone();
                m.compressed = !stored.contains(&lang);
                let (_, old_body) = body_of(&old)?;
                if m.legacy_body() != old_body {
                    return Err(format!("{path}: the model changed in reading"));
                }
                let new = m.to_bytes().map_err(|e| e.to_string())?;
                let back = LanguageModel::from_bytes(&new).map_err(|e| e.to_string())?;
                if back.legacy_body() != old_body {
                    return Err(format!("{path}: the model changed in rewriting"));
                }
                new
            }
            Model::Ner(m) => {
                let new = m.to_bytes().map_err(|e| e.to_string())?;
                if body_of(&old)? != body_of(&new)? {
                    return Err(format!("{path}: the model changed in rewriting"));
                }
                new
            }
        };
        let new_ms = load_ms(&new).map_err(|e| format!("{path}: {e}"))?;
        std::fs::write(path, &new).map_err(|e| format!("{path}: {e}"))?;
        println!(
            "{path}\t{}\t{old_ms:.1}\t{}\t{new_ms:.1}",
            old.len(),
            new.len()
        );
    }
    Ok(())
}
